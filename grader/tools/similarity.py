"""``grade similarity CLASS``: which students' code for an assignment is alike (the plagiarism check).

Why copydetect: it is a maintained Python library (pip-installable, MIT) implementing winnowing
fingerprints (Schleimer, Wilkerson and Aiken, the algorithm behind Stanford's MOSS) over
tokenised code, so renamed variables and moved functions still match; it takes boilerplate
folders, whose fingerprints never count as a match; and it runs here, on the TA's machine. MOSS
itself needs an account and uploads every student's code to a server abroad; Dolos needs Node.js.

What is compared is what grading reads: each submission is unpacked and copied as the engine does
(:mod:`grader.submissions.discovery`: the safe unzip, the copy, the files located nested or flat), a
git repository at the commit grading picks for each assignment (:func:`grader.run.schedule.plan`,
with grading.yml's deadlines), and a notebook handed in for a ``.py`` is compared by the module the
grader builds from it (:mod:`grader.submissions.notebooks`). Every ``.py`` the assignment's code can
import from where it was found is compared (:func:`importable`: a helper module beside the listed
file counts, other assignments' folders do not), decoded as Python decodes it (a ``# coding:``
cookie, :func:`decode`), across file names (a helper copied under another name still matches);
a file over :data:`MAX_FILE_BYTES` is not compared and is named in the report. What every student
may use is removed: the stub they all start from (``<stubs>/<assignment id>/``) and the base
folders grading.yml names (the book's code).

The engine knows no assignment: which files, which stubs and which base come from grading.yml.
"""
from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import tempfile
import tokenize
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from grader.config import AssignmentConfig, Config, ConfigError
from grader.messages import Language, msg
from grader.results import sanitize
from grader.results import similarity as similarity_results
from grader.results.similarity import FileMatch, Fragment, Pair, SimilarityReport, Skipped
from grader.run import batch, schedule
from grader.submissions import discovery, notebooks

NOISE_THRESHOLD = 25  # copydetect's default k: the shortest match, in characters of tokenised code
MAX_FILE_BYTES = 200_000   # a course file is a few KB; an 8 MB one stalled copydetect for minutes
Code = dict[str, str]  # file (relative to where the assignment was found) -> source text


class MissingLibrary(Exception):
    """copydetect is not installed (the ``[similarity]`` extra)."""


class SimilarityError(Exception):
    """The check cannot run (a base folder that is not there); ``str()`` is one line."""


def names(paths: list[Path]) -> list[str]:
    """What each submission is called in the report: its identifier, as in the gradebook."""
    from grader.submissions.identity import unique_identifiers

    return unique_identifiers([str(p) for p in paths])


def decode(raw: bytes) -> str:
    """Source text as Python reads it: the PEP 263 cookie (``# coding: unicode_escape`` turns
    ``\\u0064ef`` into ``def``), else UTF-8; what does not decode is replaced, never refused."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        return raw.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError, ValueError):
        return raw.decode("utf-8", errors="replace")


def importable(folder: Path, a: AssignmentConfig, others: list[AssignmentConfig]) -> list[Path]:
    """The ``.py`` files under ``folder`` (where ``a`` was found) that its code can import: all of
    them, but those in other assignments' folders, other assignments' own files beside them, and
    hidden or cache folders."""
    foreign = {o.id for o in others if o.id != a.id}
    theirs = {f for o in others if o.id != a.id for f in o.files} - set(a.files)
    out = []
    for p in sorted(folder.rglob("*.py")):
        rel = p.relative_to(folder)
        if rel.parts[0] in foreign or (len(rel.parts) == 1 and rel.name in theirs):
            continue
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts[:-1]) or not p.is_file():
            continue
        out.append(rel)
    return out


def read_code(path: Path, assignments: list[AssignmentConfig], language: Language,
              everyone: list[AssignmentConfig] | None = None, shown: str | None = None,
              ) -> tuple[dict[str, Code], list[Skipped]]:
    """One submission's code per assignment, located exactly as grading locates it; what cannot be
    read is returned as :class:`Skipped` with the reason (the student is then not compared on it).
    ``everyone``: all of grading.yml's assignments (whose folders are not this one's code)."""
    shown = shown or path.name
    everyone = everyone or assignments
    found: dict[str, Code] = {}
    skipped: list[Skipped] = []
    with tempfile.TemporaryDirectory(prefix="dlgrader-similarity-") as tmp:
        scratch = Path(tmp)
        try:
            copy, report, _ = discovery.unpack(path, scratch)
        except discovery.SubmissionError as exc:
            return {}, [Skipped(shown, discovery.unreadable(exc).render(language))]
        for a in assignments:
            _, error = notebooks.materialize(copy, a.files, (a.id, "."), a.notebook_run_all)
            if error is not None:
                skipped.append(Skipped(shown, error.render(language), a.id))
                continue
            where = discovery.locate(copy, a, report, shown)
            if isinstance(where, discovery.Missing):
                skipped.append(Skipped(shown, where.message.render(language), a.id, "missing"))
                continue
            folder = copy / where.relative_dir
            code: Code = {}
            for rel in importable(folder, a, everyone):
                size = (folder / rel).stat().st_size
                if size > MAX_FILE_BYTES:
                    skipped.append(Skipped(shown, msg(
                        f"{rel}: {size // 1000:,} KB, {MAX_FILE_BYTES // 1000} KB 초과라 비교하지 않았습니다",
                        f"{rel}: {size // 1000:,} KB, over {MAX_FILE_BYTES // 1000} KB: not compared").render(language),
                        a.id))
                    continue
                code[str(rel)] = decode((folder / rel).read_bytes())
            found[a.id] = code
    return found, skipped


def base_folders(cfg: Config, assignment: AssignmentConfig) -> list[Path]:
    """The code every student may use for ``assignment``: grading.yml's base, and its stub folder."""
    stub = (cfg.similarity.stubs or cfg.root / "assignments") / assignment.id
    return [*cfg.similarity.base, *([stub] if stub.is_dir() else [])]


def check_base(cfg: Config) -> None:
    """A base folder grading.yml names but that is not there would silently flag what everyone may
    copy: refuse instead, naming the file and the key."""
    for folder in cfg.similarity.base:
        if not folder.is_dir():
            raise SimilarityError(f"{cfg.path}: similarity.base: {folder} is not a folder (it should hold code "
                                  "every student may use, e.g. the book's)")


def _fragments(raw: str, slices: Sequence[Iterable[int]]) -> list[Fragment]:
    """copydetect's matched character ranges (two rows: starts, ends) as whole-line fragments, overlapping
    ones merged."""
    ranges: list[list[int]] = []
    starts, ends = slices
    for s, e in sorted(zip((int(x) for x in starts), (int(x) for x in ends), strict=True)):
        s, e = max(0, min(s, len(raw))), max(0, min(e, len(raw)))
        if e <= s:
            continue
        first = raw.count("\n", 0, s) + 1
        last = raw.count("\n", 0, e - 1) + 1
        if ranges and first <= ranges[-1][1] + 1:
            ranges[-1][1] = max(ranges[-1][1], last)
        else:
            ranges.append([first, last])
    lines = raw.splitlines()
    return [Fragment(a, b, "\n".join(lines[a - 1:b])) for a, b in ranges]


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """copydetect logs through the root logger (a file it cannot tokenise); the report says what
    matters, so its warnings are kept off the TA's terminal."""
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def _base_hashes(folders: list[Path]) -> Any:
    """Every k-gram fingerprint of the base's code (window 1, as copydetect's own boilerplate)."""
    import numpy as np
    from copydetect import CodeFingerprint

    hashes: list[int] = []
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            text = path.read_text(encoding="utf-8", errors="replace")
            hashes.extend(CodeFingerprint(str(path), NOISE_THRESHOLD, 1, language="python",
                                          fp=io.StringIO(text)).hashes)
    return np.unique(np.array(hashes, dtype=np.int64))


def _own(fp: Any) -> Any:
    """Which characters of a fingerprinted file's tokenised code are the student's own: those in no
    k-gram of the base. Where a student pasted two pieces of the base one after the other, the
    k-grams straddling the seam are in no base file, yet every character of them is in the base."""
    import numpy as np

    n, k = len(fp.filtered_code), fp.k
    kept = np.zeros(max(n - k + 1, 0), dtype=bool)  # k-grams not in the base (window 1: all others were)
    for positions in fp.hash_idx.values():
        kept[np.asarray(positions, dtype=np.int64)] = True
    base = np.zeros(n, dtype=bool)
    for offset in range(k):  # a character is the base's when a base k-gram covers it
        base[offset:offset + len(kept)] |= ~kept
    return ~base


def _matches(a: Any, b: Any) -> tuple[tuple[Any, Any], Any, Any]:
    """The matching runs of two fingerprinted files (each side's in its raw text, for the fragments)
    and, per side, which of its tokenised characters are matched and the student's own
    (:func:`_own`). As copydetect's ``compare_files``, with the base's characters not counted, and a
    run without any of the student's own left out."""
    import numpy as np
    from copydetect.utils import find_fingerprint_overlap, get_copied_slices

    idx_a, idx_b = find_fingerprint_overlap(a.hashes, b.hashes, a.hash_idx, b.hash_idx)
    out = []
    for fp, idx in ((a, idx_a), (b, idx_b)):
        runs = get_copied_slices(idx, fp.k).astype(np.int64)
        own = _own(fp)
        counts = np.array([int(own[s:e].sum()) for s, e in zip(runs[0], runs[1], strict=True)], dtype=np.int64)
        runs = runs[:, counts > 0]
        mask = np.zeros(len(own), dtype=bool)
        for s, e in zip(runs[0], runs[1], strict=True):
            mask[s:e] = True
        mask &= own
        if len(fp.offsets) > 0 and runs.shape[1]:  # tokenised positions back to the raw text (compare_files)
            runs = runs + fp.offsets[:, 1][np.clip(np.searchsorted(fp.offsets[:, 0], runs), 0,
                                                   fp.offsets.shape[0] - 1)]
        out.append((runs, mask))
    return (out[0][0], out[1][0]), out[0][1], out[1][1]


def compare(codes: dict[str, Code], base: list[Path], threshold: float, min_tokens: int,
            assignment: str) -> list[Pair]:
    """Every pair of students whose code for ``assignment`` is alike, the base removed.

    Every file of one student is compared with every file of the other (a helper module copied
    under a new name still matches). A student's figure is the share of that student's own tokens
    (the base removed) in all the assignment's files that match anything of the other's, each token
    counted once, as copydetect counts them: a student who pasted the book and copied the rest
    scores high.
    """
    try:
        from copydetect import CodeFingerprint
    except ImportError:
        raise MissingLibrary("grade similarity needs copydetect: pip install -e '.[similarity]'") from None
    import numpy as np

    students = sorted(codes)
    if len(students) < 2:
        return []
    with _quiet():
        boilerplate = _base_hashes([b for b in base if b.is_dir()])
        prints = {(s, f): CodeFingerprint(f, NOISE_THRESHOLD, 1, boilerplate, language="python",
                                          fp=io.StringIO(text))
                  for s in students for f, text in codes[s].items()}
    own = {s: sum(float(_own(fp).sum()) for (who, _), fp in prints.items() if who == s) for s in students}
    pairs = []
    for i, a in enumerate(students):
        for b in students[i + 1:]:
            covered = {key: np.zeros(len(fp.filtered_code), dtype=bool) for key, fp in prints.items()
                       if key[0] in (a, b)}
            files = []
            for name_a in sorted(codes[a]):
                for name_b in sorted(codes[b]):
                    fa, fb = prints[(a, name_a)], prints[(b, name_b)]
                    (runs_a, runs_b), mask_a, mask_b = _matches(fa, fb)
                    if mask_a.any() and mask_b.any():
                        covered[(a, name_a)] |= mask_a
                        covered[(b, name_b)] |= mask_b
                        files.append(FileMatch(name_a, _fragments(fa.raw_code, runs_a),
                                               _fragments(fb.raw_code, runs_b), "" if name_a == name_b else name_b))
            tokens_a = float(sum(m.sum() for (who, _), m in covered.items() if who == a))
            tokens_b = float(sum(m.sum() for (who, _), m in covered.items() if who == b))
            sim_a = tokens_a / own[a] if own[a] else 0.0
            sim_b = tokens_b / own[b] if own[b] else 0.0
            if files and max(sim_a, sim_b) >= threshold and tokens_a >= min_tokens:
                pairs.append(Pair(assignment, a, b, round(min(sim_a, 1.0), 4), round(min(sim_b, 1.0), 4),
                                  int(tokens_a), files))
    return pairs


def run(cfg: Config, class_dir: Path, assignments: list[AssignmentConfig], language: Language,
        threshold: float | None = None) -> SimilarityReport:
    """Compare a class folder's submissions, assignment by assignment."""
    from importlib.metadata import version

    check_base(cfg)
    paths, _ = batch.scan(class_dir)
    shown = names(paths)
    codes: dict[str, dict[str, Code]] = {name: {} for name in shown}
    skipped: list[Skipped] = []
    everyone = list(cfg.assignments.values())
    try:   # a repository: the commit grading would grade, for each assignment
        work = schedule.plan(paths, [a.id for a in assignments], schedule.load(cfg),
                             files={a.id: a.files for a in everyone})
    except ConfigError as exc:
        raise SimilarityError(str(exc)) from None
    try:
        for piece in work.pieces:
            name = shown[piece.submission]
            found, lost = read_code(piece.path, [a for a in assignments if a.id in piece.only], language, everyone,
                                    Path(paths[piece.submission]).name)
            codes[name].update(found)
            skipped += [Skipped(name, s.reason, s.assignment, s.kind) for s in lost]
        for (i, aid), why in {**work.errors, **work.not_in_time}.items():
            skipped.append(Skipped(shown[i], why, aid, "missing" if (i, aid) in work.not_in_time else "unreadable"))
        for i, why in work.problems.items():
            skipped.append(Skipped(shown[i], why))
    finally:
        work.cleanup()
    limit = cfg.similarity.threshold if threshold is None else threshold
    pairs: list[Pair] = []
    compared: dict[str, int] = {}
    for a in assignments:
        mine = {name: code[a.id] for name, code in codes.items() if a.id in code}
        compared[a.id] = len(mine)
        pairs += compare(mine, base_folders(cfg, a), limit, cfg.similarity.min_tokens, a.id)
    pairs.sort(key=lambda p: (-p.similarity, p.assignment, p.a, p.b))
    report = SimilarityReport(
        threshold=limit, min_tokens=cfg.similarity.min_tokens, tool=f"copydetect {version('copydetect')}",
        noise_threshold=NOISE_THRESHOLD, base=[_shown(b, cfg.root) for b in cfg.similarity.base],
        submissions=shown, compared=compared, pairs=pairs, skipped=skipped)
    return similarity_results.from_dict(sanitize.clean_all(dataclasses.asdict(report)))  # names and code: the student's


def _shown(folder: Path, root: Path) -> str:
    try:
        return str(folder.relative_to(root))
    except ValueError:
        return str(folder)
