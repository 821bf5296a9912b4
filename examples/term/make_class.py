"""Build a term of the course from the toolkit's corpus: ``python3 examples/term/make_class.py OUT``.

OUT/course is the course folder (grading.yml with deadlines, a late policy and the roster; the hidden
suites, references, stubs and the similarity base copied beside it) and OUT/class the class folder:
one git repository per student as GitHub Classroom clones them (``dl-course-<login>``), a commit per
lab at the time class.yml gives, and an LMS download (a zip, its hand-in times in times.csv).
Deterministic: the same OUT every time (commit dates and authors are fixed).
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
from toolkit_tests import corpus  # noqa: E402  (the corpus's own builder: entries are recipes, not only files)

SEOUL = ZoneInfo("Asia/Seoul")
COURSE_PARTS = ("tests", "reference", "assignments", "similarity")


def _course(out: Path, spec: dict) -> Path:
    course = out / "course"
    for part in COURSE_PARTS:
        shutil.copytree(ROOT / part, course / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    for aid, due in spec["deadlines"].items():
        data["assignments"][aid]["deadline"] = due
    data["late_policy"] = {**spec["late_policy"], "extensions": "extensions.csv", "times": "times.csv"}
    data["roster"] = {"file": "roster.csv", "prefix": "dl-course"}  # the clones are dl-course-<login>
    (course / "grading.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with (course / "roster.csv").open("w", encoding="utf-8", newline="") as f:  # GitHub Classroom's roster export
        w = csv.writer(f)
        w.writerow(["identifier", "github_username", "github_id", "name"])
        for n, s in enumerate(spec["students"]):
            if s.get("roster", True):
                w.writerow([s["id"], s["login"] if s.get("submits", True) else "", 90000 + n, s["name"]])
    with (course / "extensions.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["student", "assignment", "days"])
        w.writeheader()
        w.writerows(spec.get("extensions") or [])
    return course


def _lab_source(source: str, aid: str, scratch: Path) -> Path:
    """A folder holding the lab's work (its ``<aid>/`` folder and/or files at the top)."""
    if source in ("reference", "stub"):
        folder = scratch / f"{source}-{aid}"
        shutil.copytree(ROOT / ("reference" if source == "reference" else "assignments") / aid, folder / aid,
                        ignore=shutil.ignore_patterns("__pycache__"))
        return folder
    if source.startswith("similarity/"):
        case, student = source.split("/")[1:]
        return ROOT / "toolkit_tests" / "similarity_corpus" / case / "class" / student
    (entry,) = [e for e in corpus.entries() if e.id == source]
    built = scratch / source.replace("/", "-")
    if not built.exists():
        corpus.build(entry, built)
    return built / entry.path.name


def _place(src: Path, aid: str, repo: Path, known: set[str]) -> None:
    """The lab's folder, and the entry's top-level files (licences, and what a hostile entry plants)."""
    if (src / aid).is_dir():
        shutil.copytree(src / aid, repo / aid, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    for p in src.iterdir():
        if p.is_file() or (p.is_dir() and p.name not in known and not p.name.startswith(".")):
            (shutil.copy2 if p.is_file() else shutil.copytree)(p, repo / p.name)


def _commit(repo: Path, when: datetime, message: str, author: str) -> None:
    stamp = when.isoformat()
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": author,
           "GIT_COMMITTER_NAME": author, "GIT_AUTHOR_EMAIL": f"{author}@users.noreply.github.com",
           "GIT_COMMITTER_EMAIL": f"{author}@users.noreply.github.com"}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "--allow-empty", "-m", message], check=True, env=env)


def build(out: Path) -> tuple[Path, Path]:
    spec = yaml.safe_load((HERE / "class.yml").read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    course, klass = _course(out, spec), out / "class"
    klass.mkdir()
    due = {aid: datetime.fromisoformat(t).replace(tzinfo=SEOUL) for aid, t in spec["deadlines"].items()}
    times: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for s in spec["students"]:
            if not s.get("submits", True):
                continue
            labs = sorted(s["labs"].items(), key=lambda kv: due[kv[0]])
            if s.get("zip"):
                folder = scratch / "zips" / s["login"]
                folder.mkdir(parents=True)
                for aid, source in labs:
                    _place(_lab_source(source, aid, scratch), aid, folder, set(due))
                    when = due[aid] + timedelta(hours=s["times"][aid])
                    times.append([s["login"], aid, when.isoformat()])
                with zipfile.ZipFile(klass / f"{s['login']}.zip", "w") as z:
                    for p in sorted(folder.rglob("*")):
                        z.write(p, p.relative_to(folder))
                continue
            repo = klass / f"dl-course-{s['login']}"
            repo.mkdir()
            subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
            for aid, source in labs:
                _place(_lab_source(source, aid, scratch), aid, repo, set(due))
                hours = (s.get("late") or {}).get(aid, s.get("hours", -1))
                _commit(repo, due[aid] + timedelta(hours=hours), f"{aid}", s["login"])
    with (course / "times.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["identifier", "assignment", "submitted_at"])
        w.writerows(times)
    return course, klass


if __name__ == "__main__":
    if len(sys.argv) != 2 or Path(sys.argv[1]).exists():
        sys.exit("usage: make_class.py OUT   (OUT must not exist yet)")
    c, k = build(Path(sys.argv[1]))
    print(f"course folder: {c}\nclass folder:  {k}")
