"""Build corpus submissions and compare their grades with what each must get.

A corpus entry is a folder under ``toolkit_tests/corpus/<group>/<name>/`` with an
``expect.yml``::

    about: what mistake or attack this is
    from_reference: [a01_perceptron]     # start from these reference folders
    from_stubs: [a02_activations]         # ... or from the untouched stubs in assignments/
    from_path: examples/submissions/kim   # ... or from any folder of the repository
    replace:                              # then make the mistake, textually
      a01_perceptron/perceptron.py:
        - ["old text", "new text"]        # each must occur exactly once
    prepend: {a01_perceptron/perceptron.py: "code"}   # hostile code around the built file
    append: {a02_activations/activations.py: "code"}
    notebook:                             # turn built .py files into Colab-style notebooks
      a02_activations/activations.py: ["extra cell source", ...]   # cells appended after the code
    write: {a02_activations/activations.ipynb: "text"}  # a file written as given
    # in notebook cells and written files, {{REPEAT:unit:count}} is unit repeated count times
    layout: nested | flat                 # flat: files directly in the root
    zip: false                            # grade it as a .zip of the folder
    root_only: false                      # needs root (user switch, tmpfs covers)
    expect:
      a01_perceptron:
        score: 17.0                       # exact score
        status: graded                    # graded | missing | error
        failed: [test_and]                # exactly these functions lose points
        why: {test_and: "AND(1, 1) is 0"} # real code: for each function losing points, why a careful TA takes them
        test_status: {test_and: error}    # status of every case of a function
        messages: ["substring", ...]      # must appear in the feedback
        absent: ["substring", ...]        # must not (a hint whose cause is not there)
      a02_activations: {score: 30}

Files in ``files/`` are laid over the built submission (hostile code, conftest.py ...).
Hostile entries may also use::

    symlinks: {a01_perceptron/perceptron.py: "{{ROOT}}/reference/a01_perceptron/perceptron.py"}
    zip_extra: {"../escaped.py": "print('out')"}   # raw extra entries (zip only)
    victim: true        # a correct submission beside it that the attack targets ({{VICTIM}})
    listen: true        # a TCP listener on loopback the code tries to reach ({{PORT}})
    secrets: true       # secret-looking variables in the grader's environment
    forbid: ["text"]    # must not appear anywhere in the results
    training: short     # Keras labs trained less, the bar moved to match (corpus/short_training.yml;
                        # only the way a model is written matters)
    notes: ["text"]     # must appear in the submission's notes (e.g. zip entries skipped)

A git repository (GitHub Classroom's clone), graded as of its history through the class pipeline
(deadlines, late days: what ``grade CLASS`` does with ``late_policy``)::

    git:                # commits, oldest first; the built folder is the tree before the first
      - {date: "2026-09-20T10:00:00+09:00", message: start, write: {a01_perceptron/perceptron.py: "..."}}
      - {date: "...", copy: {perceptron.py: reference/a01_perceptron/perceptron.py}, remove: [x.py],
         append: {perceptron.py: "text"}, message_file: reference/a01_perceptron/perceptron.py}
      # (in a step: write, copy, append, remove, in that order)
    dotgit: {config: "text appended to .git/config", "info/attributes": "..."}
    dotgit_only: {HEAD: "...", commondir: "{{VICTIM_GIT}}"}   # .git holds exactly these files
    deadlines: {a01_perceptron: "2026-09-21 23:59"}            # Asia/Seoul
    late_policy: {late: reject}       # over grace 10 min, 10 % a day, at most 50 %
    times: "identifier,submitted_at\n{{NAME}},2026-09-25T10:00:00+09:00\n"   # the LMS's times file
    expect: {a01_perceptron: {score: 16, late: {days_late: 2}}}
    victim: git         # the victim is a clone of the reference ({{VICTIM_GIT}}: its .git)

``{{ROOT}}`` (the toolkit's checkout), ``{{VICTIM}}`` and ``{{PORT}}`` are filled in
in every file, so an attack knows the exact paths it would need.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from grader.results import SubmissionResult

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"


# `grade` arguments selecting the numpy assignments: tests of the engine's bookkeeping (class runs,
# the cache, signals) use them to stay quick; a Keras lab starts TensorFlow twice per student.
NUMPY_ONLY = ["-a", "a01_perceptron", "-a", "a02_activations", "-a", "a03_losses", "-a", "a04_gradient",
              "-a", "a05_backprop"]


def is_root() -> bool:
    return os.geteuid() == 0


@dataclass
class Entry:
    path: Path
    spec: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"


def entries(group: str | None = None) -> list[Entry]:
    out = []
    for spec_file in sorted(CORPUS.glob("*/*/expect.yml")):
        if group and spec_file.parent.parent.name != group:
            continue
        out.append(Entry(spec_file.parent, yaml.safe_load(spec_file.read_text(encoding="utf-8"))))
    return out


def build(entry: Entry, dest: Path, values: dict[str, Any] | None = None) -> Path:
    """Materialise the submission in ``dest``; return the path to grade (folder or zip)."""
    spec = entry.spec
    sub = dest / entry.path.name
    sub.mkdir(parents=True)
    flat = spec.get("layout", "nested") == "flat"
    for source, key in (("reference", "from_reference"), ("assignments", "from_stubs")):
        for aid in spec.get(key, []):
            target = sub if flat else sub / aid
            shutil.copytree(ROOT / source / aid, target, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
    if spec.get("from_path"):
        shutil.copytree(ROOT / spec["from_path"], sub, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    for key in ("prepend", "append"):
        for rel, code in (spec.get(key) or {}).items():
            file = sub / (Path(rel).name if flat else rel)
            text = file.read_text(encoding="utf-8")
            file.write_text(code + "\n" + text if key == "prepend" else text + "\n\n" + code, encoding="utf-8")
    for rel, edits in (spec.get("replace") or {}).items():
        file = sub / (Path(rel).name if flat else rel)
        text = file.read_text(encoding="utf-8")
        for old, new in edits:
            count = text.count(old)
            assert count == 1, f"{entry.id}: {old!r} occurs {count} times in {rel}, expected exactly once"
            text = text.replace(old, new)
        file.write_text(text, encoding="utf-8")
    for rel, extra in (spec.get("notebook") or {}).items():
        to_notebook(sub / (Path(rel).name if flat else rel), [expand(e) for e in extra or []])
    for rel, text in (spec.get("write") or {}).items():
        (sub / rel).parent.mkdir(parents=True, exist_ok=True)
        (sub / rel).write_text(expand(text), encoding="utf-8")
    files = entry.path / "files"
    if files.is_dir():
        shutil.copytree(files, sub, dirs_exist_ok=True, symlinks=True)
    for p in sub.rglob("*.py"):
        raw = p.read_bytes()
        if b"{{" in raw:
            text = raw.decode("utf-8")
            for key, value in (values or {}).items():
                text = text.replace("{{" + key + "}}", str(value))
            p.write_text(text, encoding="utf-8")
    for rel, target in (spec.get("symlinks") or {}).items():
        link = sub / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        link.unlink(missing_ok=True)
        link.symlink_to(target.replace("{{ROOT}}", str(ROOT)))
    if spec.get("git"):
        make_repository(sub, spec, values or {})
    if spec.get("zip"):
        archive = dest / f"{entry.path.name}.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            for p in sorted(sub.rglob("*")):
                zf.write(p, p.relative_to(dest))
            for name, text in (spec.get("zip_extra") or {}).items():
                zf.writestr(name, text)
        return archive
    return sub


def _fill(text: str, values: dict[str, Any]) -> str:
    text = expand(text)
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", str(value))
    return text


def git(repo: Path, *args: str, date: str = "2026-09-20T10:00:00+09:00") -> None:
    """Plain git, as the student ran it (their dates), no user configuration."""
    import subprocess

    env = {**os.environ, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": "/dev/null"}
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=student", "-c", "user.email=s@example.com", *args],
                   check=True, env=env, capture_output=True)


def make_repository(sub: Path, spec: dict[str, Any], values: dict[str, Any]) -> None:
    """``git:`` steps: the built folder is the working tree before the first; each step writes,
    copies (from the toolkit's checkout) or removes files, then commits everything with its date.
    ``dotgit`` files are then written into ``.git`` (``config`` appended); ``dotgit_only`` replaces
    ``.git`` by exactly the files it lists."""
    git(sub, "init", "-q", "-b", "main")
    for step in spec["git"]:
        for rel, text in (step.get("write") or {}).items():
            (sub / rel).parent.mkdir(parents=True, exist_ok=True)
            (sub / rel).write_text(_fill(text, values), encoding="utf-8")
        for rel, source in (step.get("copy") or {}).items():
            (sub / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / source, sub / rel)
        for rel, text in (step.get("append") or {}).items():
            with open(sub / rel, "a", encoding="utf-8") as f:
                f.write(_fill(text, values))
        for rel in step.get("remove") or []:
            (sub / rel).unlink()
        git(sub, "add", "-A")
        message = (ROOT / step["message_file"]).read_text(encoding="utf-8") if step.get("message_file") \
            else _fill(step.get("message", "work"), values)
        git(sub, "commit", "-q", "--allow-empty", "-m", message, date=step["date"])
    for rel, text in (spec.get("dotgit") or {}).items():
        with open(sub / ".git" / rel, "a" if rel == "config" else "w", encoding="utf-8") as f:
            f.write(_fill(text, values))
    if spec.get("dotgit_only"):
        shutil.rmtree(sub / ".git")
        for rel, text in spec["dotgit_only"].items():
            (sub / ".git" / rel).parent.mkdir(parents=True, exist_ok=True)
            (sub / ".git" / rel).write_text(_fill(text, values), encoding="utf-8")


def expand(text: str) -> str:
    """``{{REPEAT:unit:count}}`` becomes ``unit`` repeated ``count`` times (inputs too big to keep as files)."""
    return re.sub(r"\{\{REPEAT:(.*?):(\d+)\}\}", lambda m: m.group(1) * int(m.group(2)), text)


COLAB = {"colab": {"provenance": [], "name": "lab.ipynb"}, "accelerator": "GPU",
         "kernelspec": {"name": "python3", "display_name": "Python 3"}, "language_info": {"name": "python"}}


def to_notebook(py: Path, extra: list[str] | None = None) -> Path:
    """Write ``py`` as a Colab-style notebook beside it and delete the .py: a markdown cell,
    ``!pip``/``%`` lines, one cell per top-level statement, a demo cell, then ``extra`` cells."""
    import ast

    import nbformat

    from grader.submissions.notebooks import statement_source

    source = py.read_text(encoding="utf-8")
    lines = source.splitlines()
    cells = [nbformat.v4.new_markdown_cell(f"# {py.stem}\n과제 노트북 / assignment notebook"),
             nbformat.v4.new_code_cell("!pip install -q numpy\n%matplotlib inline\n%load_ext autoreload")]
    cells += [nbformat.v4.new_code_cell(statement_source(lines, node)) for node in ast.parse(source).body]
    # (no `import matplotlib` here: kept imports run, and its ~1 s import would race the corpus's 1.5 s call limit)
    cells.append(nbformat.v4.new_code_cell("print('demo / 데모')\nplt.plot([0, 1])\nplt.show()"))
    cells += [nbformat.v4.new_code_cell(text) for text in extra or []]
    target = py.with_suffix(".ipynb")
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=COLAB), str(target))
    py.unlink()
    return target


def check(entry: Entry, result: SubmissionResult) -> list[str]:
    """Differences between the grade and the entry's expectations (empty when it matches)."""
    problems: list[str] = []
    by_id = {a.id: a for a in result.assignments}
    for aid, want in (entry.spec.get("expect") or {}).items():
        a = by_id[aid]
        if "status" in want and a.status != want["status"]:
            problems.append(f"{aid}: status {a.status}, expected {want['status']} ({a.message[:200]})")
        if a.score is None:
            problems.append(f"{aid}: no score (status {a.status}: {a.message[:200]})")
            continue
        if "score" in want and abs(a.score - float(want["score"])) > 1e-6:
            lost = sorted({t.nodeid.split("::")[-1] for t in a.tests if t.status != "passed"})
            problems.append(f"{aid}: score {a.score}, expected {want['score']}; lost: {lost}")
        functions_lost = {t.nodeid.split("::")[-1].split("[")[0] for t in a.tests if t.status != "passed"}
        if "failed" in want and functions_lost != set(want["failed"]):
            problems.append(f"{aid}: tests losing points {sorted(functions_lost)}, expected {sorted(want['failed'])}")
        if "why" in want and set(want["why"] or {}) != functions_lost:
            problems.append(f"{aid}: `why` explains {sorted(want['why'] or {})}, but the tests losing points are "
                            f"{sorted(functions_lost)}")
        for fn, status in (want.get("test_status") or {}).items():
            got = {t.status for t in a.tests if t.nodeid.split("::")[-1].split("[")[0] == fn}
            if got != {status}:
                problems.append(f"{aid}: {fn} statuses {sorted(got)}, expected all {status}")
        for key, value in (want.get("late") or {}).items():
            got = getattr(a.late, key, None) if a.late is not None else None
            if got != value:
                problems.append(f"{aid}: late.{key} is {got!r}, expected {value!r} ({a.late})")
        text = a.message + "\n" + "\n".join(t.name + "\n" + t.output for t in a.tests)
        for needle in want.get("messages", []):
            if needle not in text:
                problems.append(f"{aid}: feedback lacks {needle!r}; feedback starts: {text[:400]!r}")
        for needle in want.get("absent", []):  # a hint whose cause is not there must not be shown
            if needle in text:
                problems.append(f"{aid}: feedback has {needle!r}, which it must not")
        if "failed" in want and "score" in want and a.status == "graded":
            # The recorded score must be exactly the points the tests earned (passing ones in full,
            # a failed test on a ramp its recorded share).
            lost_points = sum(t.max_score - t.score for t in a.tests if t.status != "passed")
            earned = a.late.unpenalised_score if a.late and a.late.unpenalised_score is not None \
                else float(want["score"])   # a late penalty comes off after the tests
            if abs(a.max_score - lost_points - earned) > 1e-3:
                problems.append(f"{aid}: recorded score does not match the failing tests' points")
    for needle in entry.spec.get("notes", []):
        if not any(needle in n for n in result.notes):
            problems.append(f"the submission's notes lack {needle!r}: {result.notes}")
    # Whatever a student does, it is the student's result: never a "grader problem" (which is not
    # cached and so would be regraded on every run).
    problems += [f"counted as a grader problem: {e[:200]}" for e in result.grader_errors]
    dump = json.dumps(result.to_dict(), ensure_ascii=False)
    for needle in entry.spec.get("forbid", []):
        if needle in dump:
            problems.append(f"results contain forbidden text {needle!r}")
    problems += unsafe_text(result.to_dict())
    return problems


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def unsafe_text(value: Any, where: str = "result") -> list[str]:
    """Every string of a result, read as its readers read it: no control character (a terminal runs
    them, XML cannot hold them) and no workflow command the Actions runner would process."""
    from readers import actions_log

    if isinstance(value, dict):
        return [p for k, v in value.items() for p in unsafe_text(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in unsafe_text(v, f"{where}[{i}]")]
    if not isinstance(value, str):
        return []
    problems = []
    if _CONTROL.search(value):
        problems.append(f"{where} holds a control character: {value[:80]!r}")
    if actions_log(value):
        problems.append(f"{where} holds a workflow command GitHub would run: {actions_log(value)[:2]!r}")
    return problems
