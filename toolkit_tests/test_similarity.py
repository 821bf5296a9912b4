"""``grade similarity``: the corpus's verdicts, the command, its JSON and its HTML section.

Each case of ``similarity_corpus/`` is a small class folder with the pairs that must be found
(``expected.yml``: ``flagged``) and why (``reason``); every other pair must not be. Nothing here
grades or imports TensorFlow: only copydetect runs.
"""
from __future__ import annotations

import dataclasses
import io
import json
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from grader import cli, config
from grader.reporters import ReportOptions, html
from grader.reporters import similarity as reports
from grader.results import similarity as results
from grader.tools import similarity

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "toolkit_tests" / "similarity_corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.yml").is_file())


@pytest.fixture(scope="module")
def cfg() -> config.Config:
    """The course's own grading.yml: its threshold, min_tokens and base are what is tested."""
    return config.load(ROOT / "grading.yml")


def _expected(case: str) -> dict:
    return yaml.safe_load((CORPUS / case / "expected.yml").read_text(encoding="utf-8"))


def test_the_corpus_has_the_four_kinds_of_case():
    assert {"renamed_copy", "independent", "book_paste", "untouched_stubs"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_corpus_verdict(case: str, cfg: config.Config):
    expected = _expected(case)
    assert expected["reason"].strip(), f"{case}: expected.yml must say why"
    report = similarity.run(cfg, CORPUS / case / "class", [cfg.assignments[expected["assignment"]]], "en")
    assert report.compared[expected["assignment"]] == 2, f"{case}: both students' files must be found"
    found = sorted(sorted([p.a, p.b]) for p in report.pairs)
    assert found == sorted(sorted(pair) for pair in expected["flagged"]), f"{case}: {expected['reason']}"


def test_a_renamed_copy_shows_its_matching_lines_on_both_sides(cfg: config.Config):
    case = CORPUS / "renamed_copy" / "class"
    (pair,) = similarity.run(cfg, case, [cfg.assignments["a04_gradient"]], "en").pairs
    assert pair.similarity_a >= 0.9 and pair.similarity_b >= 0.9 and pair.tokens >= cfg.similarity.min_tokens
    (match,) = pair.files
    assert match.file == "gradient.py" and match.fragments_a and match.fragments_b
    original = (case / "han_seojin" / "a04_gradient" / "gradient.py").read_text(encoding="utf-8").splitlines()
    for f in match.fragments_a:  # whole lines of the student's own file, as an editor numbers them
        assert f.text == "\n".join(original[f.start_line - 1:f.end_line])
    # the copier handed in a notebook: its fragments are lines of the module the grader builds from it
    assert any("numerical_gradient" in f.text for f in match.fragments_b)


def test_the_base_is_what_keeps_pasted_book_code_and_stubs_apart(cfg: config.Config):
    """Without the base (and without min_tokens, which alone keeps a03's short stub below it) the same
    two classes are flagged: the cases test the base, not luck."""
    bare = dataclasses.replace(cfg, similarity=dataclasses.replace(cfg.similarity, base=(), stubs=ROOT / "none",
                                                                   min_tokens=0))
    for case in ("book_paste", "untouched_stubs"):
        aid = _expected(case)["assignment"]
        assert similarity.run(bare, CORPUS / case / "class", [cfg.assignments[aid]], "en").pairs, case
    # The Keras labs: the book's base alone (min_tokens as configured) still flags two tutorial-style labs.
    book_only = dataclasses.replace(cfg, similarity=dataclasses.replace(
        cfg.similarity, base=tuple(b for b in cfg.similarity.base if "book" in str(b))))
    a06 = cfg.assignments["a06_fashion_mnist"]
    assert similarity.run(book_only, CORPUS / "tutorial_style" / "class", [a06], "en").pairs


def test_a_missing_base_folder_is_refused_naming_the_file(cfg: config.Config, tmp_path: Path):
    wrong = dataclasses.replace(cfg, similarity=dataclasses.replace(cfg.similarity, base=(tmp_path / "gone",)))
    with pytest.raises(similarity.SimilarityError, match=r"grading\.yml: similarity\.base: .*gone is not a folder"):
        similarity.run(wrong, CORPUS / "renamed_copy" / "class", [cfg.assignments["a04_gradient"]], "en")


def test_grading_yml_similarity_keys_are_validated(tmp_path: Path):
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    data["similarity"] = {"treshold": 0.5}
    path = tmp_path / "grading.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"similarity: unknown key 'treshold'.*did you mean 'threshold'"):
        config.load(path, root=ROOT)
    data["similarity"] = {"threshold": 1.5}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"similarity\.threshold: expected a number <= 1"):
        config.load(path, root=ROOT)


CLASS_CASES = ["book_paste", "independent", "renamed_copy", "tutorial_style", "untouched_stubs"]


def _class(tmp_path: Path) -> Path:
    """The first five cases' students in one class folder, one of them as the .zip an LMS gives
    (the later cases reuse han_seojin's code, which would add pairs to every figure below)."""
    folder = tmp_path / "class"
    folder.mkdir()
    for case in CLASS_CASES:
        for student in (CORPUS / case / "class").iterdir():
            shutil.copytree(student, folder / student.name)
    with zipfile.ZipFile(folder / "han_seojin.zip", "w") as zf:
        for p in (folder / "han_seojin").rglob("*"):
            zf.write(p, Path("han_seojin") / p.relative_to(folder / "han_seojin"))
    shutil.rmtree(folder / "han_seojin")
    (folder / "notes.txt").write_text("not a submission", encoding="utf-8")
    return folder


def test_cli_writes_the_pairs_as_json_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    folder, out = _class(tmp_path), tmp_path / "sim.json"
    rc = cli.main(["similarity", str(folder), "--course", str(ROOT), "-a", "a01_perceptron", "-a", "a03_losses",
                   "-a", "a04_gradient", "-a", "a05_backprop", "--format", "json", "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "skipped" in err and "notes.txt" in err
    report = results.load(out)
    assert [(p.assignment, p.a, p.b) for p in report.pairs] == [("a04_gradient", "han_seojin", "oh_taeyang")]
    assert report.format_version == results.FORMAT_VERSION and report.tool.startswith("copydetect ")
    assert report.compared == {"a01_perceptron": 2, "a03_losses": 2, "a04_gradient": 2, "a05_backprop": 2}
    assert json.loads(out.read_text(encoding="utf-8"))["pairs"][0]["files"][0]["fragments_a"]


def test_cli_text_report_and_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    folder = _class(tmp_path)
    rc = cli.main(["similarity", str(folder), "--course", str(ROOT), "-a", "a04_gradient", "--language", "en"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "threshold 50%" in out and "1 pair(s)" in out
    assert "a04_gradient  han_seojin <-> oh_taeyang" in out and "gradient.py: han_seojin lines " in out
    assert "not handed in (students): a04_gradient 8" in out
    with pytest.raises(SystemExit) as stop:  # argparse's own refusal, as for every other bad option
        cli.main(["similarity", str(folder), "--course", str(ROOT), "-a", "a04_gradient", "--threshold", "1.1"])
    assert stop.value.code == 2 and "between 0 and 1, found 1.1" in capsys.readouterr().err
    rc = cli.main(["similarity", str(folder), "--course", str(ROOT), "-a", "a01_perceptron", "--threshold", "0"])
    assert rc == 0 and "; 0 pair(s)" in capsys.readouterr().out  # min_tokens still holds below any threshold


def test_cli_cannot_run_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    rc = cli.main(["similarity", str(tmp_path / "nowhere"), "--course", str(ROOT)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "nowhere: expected a class folder" in err
    (tmp_path / "one" / "kim").mkdir(parents=True)
    rc = cli.main(["similarity", str(tmp_path / "one"), "--course", str(ROOT)])
    assert rc == 2 and "at least two" in capsys.readouterr().err
    bad = tmp_path / "sim.json"
    bad.write_text('{"format_version": 99}', encoding="utf-8")
    rc = cli.main([str(tmp_path / "one"), "--course", str(ROOT), "--format", "html", "--similarity", str(bad)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "sim.json: not a grade similarity report" in err
    rc = cli.main([str(tmp_path / "one"), "--course", str(ROOT), "--format", "csv", "--similarity", str(bad)])
    assert rc == 2 and "only --format html" in capsys.readouterr().err


def _hostile_report() -> results.SimilarityReport:
    code_a = 'def f(x):\n    return "<script>alert(1)</script>" if x < 0 and x > -1 else x'
    code_b = "def g(y):\n    return '<b>&</b>' if y < 0 else y"
    match = results.FileMatch("layers.py", [results.Fragment(3, 4, code_a)], [results.Fragment(10, 11, code_b)])
    pair = results.Pair("a05_backprop", "<kim>", "lee&park", 0.91, 0.62, 321, [match])
    return results.SimilarityReport(0.5, 100, "copydetect 0.5.0", 25, ["similarity/base/book"], ["<kim>", "lee&park"],
                                    {"a05_backprop": 2}, [pair],
                                    [results.Skipped("choi", "layers.py not found", "a05_backprop", "missing")])


class _Page(HTMLParser):
    """Tags, the text of each side's fragments, and anything that would need a network or a script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.side: str | None = None
        self.code: dict[str, str] = {"a": "", "b": ""}
        self.in_pre = False
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        cls = dict(attrs).get("class") or ""
        if cls.startswith("side "):
            self.side = cls.split()[1]
        self.in_pre = tag == "pre" or self.in_pre
        self.external += [v for k, v in attrs if k in ("src", "href") and v and not v.startswith("#")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.in_pre = False

    def handle_data(self, data: str) -> None:
        if self.in_pre and self.side:
            self.code[self.side] += data


def test_html_section_escapes_fragments_and_puts_them_side_by_side():
    section = reports.render_section(_hostile_report(), ko=True)
    assert "<script>" not in section and "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "&lt;kim&gt;" in section and "lee&amp;park" in section
    page = _Page()
    page.feed(section)
    assert "script" not in page.tags and page.external == []
    assert 'return "<script>alert(1)</script>"' in page.code["a"]  # the code itself, shown as text
    assert "return '<b>&</b>'" in page.code["b"]
    assert 'class="sides"' in section and section.index('class="side a"') < section.index('class="side b"')
    assert "grid-template-columns: 1fr 1fr" in section  # two columns: a left, b right
    assert "lines 3-4" in section and "lines 10-11" in section
    assert "choi" not in section  # a missing assignment is no finding


def test_class_report_includes_the_section_only_when_given():
    from test_html_report import _class

    buf = io.StringIO()
    html.write(_class(), buf, ReportOptions(similarity=_hostile_report()))
    page = buf.getvalue()
    assert page.count('id="similarity"') == 1 and "<script>" not in page
    assert page.index('id="similarity"') < page.index("Feedback")
    buf = io.StringIO()
    html.write(_class(), buf, ReportOptions())
    assert 'id="similarity"' not in buf.getvalue()


def test_json_round_trip(tmp_path: Path):
    report = _hostile_report()
    path = tmp_path / "sim.json"
    path.write_text(report.to_json(), encoding="utf-8")
    assert results.load(path) == report
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(results.SimilarityFileError, match=r"sim\.json: not a grade similarity report"):
        results.load(path)


def _two(tmp_path: Path, case: str = "renamed_copy") -> Path:
    folder = tmp_path / "class"
    shutil.copytree(CORPUS / case / "class", folder)
    return folder


def test_a_file_too_large_to_compare_is_skipped_and_named(cfg: config.Config, tmp_path: Path):
    """An 8 MB ``.py`` stalled copydetect for minutes: it is left out, named, and the rest compared."""
    folder = _two(tmp_path)
    big = folder / "han_seojin" / "a04_gradient" / "padding.py"
    big.write_text("x = 1\n" * (similarity.MAX_FILE_BYTES // 6 + 1), encoding="utf-8")
    report = similarity.run(cfg, folder, [cfg.assignments["a04_gradient"]], "en")
    assert [(p.a, p.b) for p in report.pairs] == [("han_seojin", "oh_taeyang")]  # the copy is still found
    (skip,) = report.skipped
    assert skip.submission == "han_seojin" and skip.assignment == "a04_gradient"
    assert "padding.py" in skip.reason and "not compared" in skip.reason


def test_a_repository_is_compared_at_the_commit_that_is_graded(cfg: config.Config, tmp_path: Path):
    """With ``late: reject`` the on-time commit is graded, so a copy pushed after the deadline is
    not what similarity compares either; with ``late: accept`` it is (oh_taeyang's notebook is
    han_seojin's code, which han_seojin committed after the deadline)."""
    from corpus import git

    folder = _two(tmp_path)
    repo = folder / "han_seojin"
    copied = (repo / "a04_gradient" / "gradient.py").read_text(encoding="utf-8")
    stub = (ROOT / "assignments" / "a04_gradient" / "gradient.py").read_text(encoding="utf-8")
    (repo / "a04_gradient" / "gradient.py").write_text(stub, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start", date="2026-09-19T10:00:00+09:00")
    (repo / "a04_gradient" / "gradient.py").write_text(copied, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "copied", date="2026-09-25T10:00:00+09:00")
    due = {"a04_gradient": dataclasses.replace(cfg.assignments["a04_gradient"], deadline="2026-09-21 23:59")}
    for policy, pairs in (("reject", []), ("accept", [("han_seojin", "oh_taeyang")])):
        dated = dataclasses.replace(cfg, assignments={**cfg.assignments, **due},
                                    late_policy=config.LatePolicy(configured=True, late=policy))
        report = similarity.run(dated, folder, [dated.assignments["a04_gradient"]], "en")
        assert [(p.a, p.b) for p in report.pairs] == pairs, policy


def test_book_style_a05_solutions_are_not_listed_and_a_renamed_copy_is(cfg: config.Config, tmp_path: Path):
    """Issue 25: an independent a05 that follows the book was listed beside the reference (36% / 62%).
    Built from the corpus (the reference, the book's own layers, a developer's BumblebeeNet layers),
    none is listed; the reference with every name changed still is, in full."""
    from corpus import ROOT as CORPUS_ROOT
    from corpus import build, entries

    by_id = {e.id: e for e in entries()}
    folder = tmp_path / "class"
    folder.mkdir()
    for eid in ("real/book_a05_backprop", "real/bumblebee_a05"):
        built = build(by_id[eid], tmp_path / eid.replace("/", "_"), {"ROOT": CORPUS_ROOT})
        shutil.copytree(built, folder / built.name)
    shutil.copytree(ROOT / "reference" / "a05_backprop", folder / "reference" / "a05_backprop",
                    ignore=shutil.ignore_patterns("__pycache__"))
    renamed = folder / "renamed" / "a05_backprop"
    shutil.copytree(folder / "reference" / "a05_backprop", renamed)
    for py in renamed.glob("*.py"):
        text = py.read_text(encoding="utf-8")
        for old, new in (("dout", "upstream"), ("self.mask", "self.off"), ("self.out", "self.result"),
                         ("self.x", "self.inputs"), ("params", "weights")):
            text = text.replace(old, new)
        py.write_text(text, encoding="utf-8")
    report = similarity.run(cfg, folder, [cfg.assignments["a05_backprop"]], "en")
    assert report.compared["a05_backprop"] == 4
    assert [(p.a, p.b) for p in report.pairs] == [("reference", "renamed")]
    assert report.pairs[0].similarity_a >= 0.95 and report.pairs[0].similarity_b >= 0.95
