"""Every output of ``grade`` for one fixed course, to compare two versions of the grader byte for byte.

A refactoring that must not change behaviour (issue 28 moved the class run out of the CLI, froze the
results, typed the seams) is checked by running this on the commit before and the commit after and
comparing the two folders::

    git stash; python3 tools/snapshot_outputs.py /tmp/before; git stash pop
    python3 tools/snapshot_outputs.py /tmp/after
    diff -r /tmp/before /tmp/after          # must print nothing

It builds ``examples/term``'s class (real public code as GitHub Classroom clones with dated commits,
an LMS zip, a roster, deadlines, extensions and times), grades the numpy labs in every format and
both languages, each of four students alone, ``grade similarity``, the examples, and two refusals;
each command's stdout, stderr and exit status become files. What changes from run to run is masked:
timings, the sandbox uid, the Classroom stop-commands token, the temporary folder; progress lines,
whose order depends on which submission finishes first, are dropped. About a minute on two cores.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NUMPY_LABS = ["a01_perceptron", "a02_activations", "a03_losses", "a04_gradient", "a05_backprop"]
LATER_LABS = ["a09_forward_pass", "a10_optimizers", "a11_cnn_layers"]
CLASS_FORMATS = ["text", "csv", "markdown", "html", "classroom", "junit", "gradescope", "canvas", "moodle"]
ONE_FORMATS = ["text", "json", "markdown", "classroom", "junit", "gradescope"]
PROGRESS = re.compile(r"graded \d+/\d+: .*?(?=graded \d+/\d+:|\n|$)")


def _masks(work: Path) -> list[tuple[re.Pattern[str], str]]:
    return [
        (re.compile(r'"uid": \d+'), '"uid": <UID>'),
        (re.compile(r"[0-9a-f]{32}"), "<HEX32>"),  # the Classroom reporter's stop-commands token
        (re.compile(r'"execution_time": [0-9.]+'), '"execution_time": <T>'),
        (re.compile(r"\d+(\.\d+)? ?(s|seconds|ms)\b"), "<T>"),
        (re.compile(r'"(seconds|duration|time|elapsed|wall_s|started|finished)": [0-9.e-]+'), r'"\1": <T>'),
        (re.compile(r'(time|duration)="[0-9.]+"'), r'\1="<T>"'),
        (re.compile(re.escape(str(work))), "<WORK>"),
        (re.compile(re.escape(str(ROOT))), "<ROOT>"),
    ]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python3 tools/snapshot_outputs.py OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0]).resolve()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    work = out / "_work"
    subprocess.run([sys.executable, str(ROOT / "examples" / "term" / "make_class.py"), str(work)], check=True,
                   capture_output=True)
    course = work / "course"
    labs = [x for a in NUMPY_LABS for x in ("-a", a)]
    env = {**os.environ, "XDG_CONFIG_HOME": str(work / "xdg"), "DLGRADER_LEADERBOARD_SECRET": "snapshot-secret"}
    cache = ["--cache-dir", str(work / "cache"), "--no-plots"]
    masks = _masks(work)

    def mask(text: str) -> str:
        for pattern, replacement in masks:
            text = pattern.sub(replacement, text)
        return text

    def run(name: str, args: list[str], cwd: Path) -> None:
        p = subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, env=env, capture_output=True,
                           text=True, timeout=900)
        err = PROGRESS.sub("", re.sub(r".*\r", "", p.stderr))
        (out / f"{name}.stdout").write_text(mask(p.stdout))
        (out / f"{name}.stderr").write_text(mask("\n".join(line for line in err.splitlines() if line.strip())))
        (out / f"{name}.rc").write_text(str(p.returncode))

    run("class_json", ["../class", *labs, "-f", "json", *cache], course)
    for fmt in CLASS_FORMATS:
        for language in ("ko", "en"):
            run(f"class_{fmt}_{language}", ["../class", *labs, "-f", fmt, "--language", language, *cache], course)
    for who in sorted(p.name for p in (work / "class").iterdir())[:4]:
        for fmt in ONE_FORMATS:
            run(f"one_{who}_{fmt}", [f"../class/{who}", *labs, "-f", fmt, *cache], course)
    run("similarity_json", ["similarity", "../class", "-f", "json"], course)
    run("similarity_text", ["similarity", "../class"], course)
    examples = ROOT / "examples" / "submissions"
    later = [x for a in LATER_LABS for x in ("-a", a)]
    for who in sorted(p.name for p in examples.iterdir() if p.is_dir()):
        for fmt in ("text", "json"):
            run(f"ex_{who}_{fmt}", [str(examples / who), *labs, *later, "-f", fmt, "--no-cache", "--no-plots"], ROOT)
    run("err_missing", ["/nonexistent"], ROOT)
    run("err_badfmt", [str(examples), "-f", "canvas", "--no-cache"], ROOT)
    shutil.rmtree(work)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
