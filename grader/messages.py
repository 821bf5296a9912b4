"""Bilingual (Korean / English) student-facing text.

Every message a student can read is a :class:`Message` carrying both languages;
the configured feedback language decides how it is rendered:

* ``ko`` (default): the Korean text, then the English text on the next line
  in parentheses, so that exchange students can read it too;
* ``en``: the English text only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["ko", "en"]


@dataclass(frozen=True)
class Message:
    ko: str
    en: str

    def render(self, language: Language) -> str:
        if language == "en" or self.ko == self.en:
            return self.en
        return f"{self.ko}\n({self.en})"

    def __add__(self, other: Message) -> Message:
        return Message(self.ko + other.ko, self.en + other.en)


def msg(ko: str, en: str) -> Message:
    return Message(ko, en)


NOT_IMPLEMENTED = msg("아직 구현되지 않았습니다 (NotImplementedError).", "not implemented yet (NotImplementedError).")
