"""``grade similarity``'s reports: a short text for the terminal, the JSON, and an HTML section.

The HTML section is a Jinja2 partial (``similarity.html.j2``, autoescaped: it shows students'
code) that the class report includes (``grade CLASS --format html --similarity FILE``) and that
:func:`render_section` renders alone. It has inline CSS only, no script and no external
reference, so the page still opens offline.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from grader.messages import Language, msg
from grader.results.similarity import SimilarityReport

if TYPE_CHECKING:  # the report extra's; imported where a page is made
    import jinja2

TEMPLATE = "similarity.html.j2"


def _percent(x: float) -> str:
    return f"{x * 100:.0f}%"


def _ranges(fragments: list) -> str:
    return ", ".join(f"{f.start_line}-{f.end_line}" if f.end_line != f.start_line else str(f.start_line)
                     for f in fragments) or "-"


def write_text(report: SimilarityReport, out: TextIO, language: Language) -> None:
    """One line per pair (both figures, the matching tokens), then each file's matching lines."""
    compared = ", ".join(f"{aid} {n}" for aid, n in report.compared.items())
    head = msg(f"유사도 검사 ({report.tool}): 제출물 {len(report.submissions)}개 (과제별 비교 대상: {compared}); "
               f"기준 {_percent(report.threshold)}, 자기 토큰 {report.min_tokens}개 이상 일치; 기준 이상 쌍 "
               f"{len(report.pairs)}개",
               f"similarity ({report.tool}): {len(report.submissions)} submission(s) (compared per assignment: "
               f"{compared}); threshold {_percent(report.threshold)}, at least {report.min_tokens} own tokens "
               f"matching; {len(report.pairs)} pair(s) at or above it")
    out.write(head.render(language) + "\n")
    for p in report.pairs:
        out.write(f"\n{p.assignment}  {p.a} <-> {p.b}  {_percent(p.similarity_a)} / {_percent(p.similarity_b)}  "
                  f"({p.tokens} tokens)\n")
        for f in p.files:
            out.write(f"  {f.shown}: {p.a} lines {_ranges(f.fragments_a)} | {p.b} lines {_ranges(f.fragments_b)}\n")
    missing: dict[str, int] = {}
    for s in report.skipped:
        if s.kind == "missing" and s.assignment:
            missing[s.assignment] = missing.get(s.assignment, 0) + 1
    if missing:
        counts = ", ".join(f"{aid} {n}" for aid, n in missing.items())
        out.write("\n" + msg(f"제출하지 않은 과제 (학생 수): {counts}", f"not handed in (students): {counts}"
                             ).render(language).replace("\n", " ") + "\n")
    unreadable = [s for s in report.skipped if s.kind != "missing"]
    if unreadable:
        out.write("\n" + msg("읽을 수 없어 비교하지 않음:", "not compared, unreadable:").render(language).replace("\n",
                                                                                                       " ")
                  + "\n")
        for s in unreadable:
            where = f"{s.submission} ({s.assignment})" if s.assignment else s.submission
            out.write(f"  {where}: {' '.join(s.reason.splitlines())}\n")
    if report.base:
        out.write("\n" + msg(f"제외한 공통 코드: 각 과제의 스텁, {', '.join(report.base)}",
                             f"ignored as everyone's code: each assignment's stub, {', '.join(report.base)}"
                             ).render(language).replace("\n", " ") + "\n")


def write_json(report: SimilarityReport, out: TextIO) -> None:
    out.write(report.to_json())


def render_section(report: SimilarityReport, ko: bool) -> str:
    """The pairs as an HTML ``<section>``, each matching fragment side by side (a left, b right)."""
    return environment().get_template(TEMPLATE).render(similarity=report, ko=ko)


def environment() -> jinja2.Environment:
    """A Jinja2 environment that finds the reporters' templates (so the class report can include
    the partial), with autoescaping: fragments are students' code."""
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("grader", "reporters"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
