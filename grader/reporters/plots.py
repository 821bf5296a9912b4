"""Training-curve plots (loss and accuracy per epoch) for tests that recorded a history (a06).

Drawn from the results themselves (``TestResult.data["history"]``), so a cached
result or a results JSON re-plots the same figure. One PNG per submission and
assignment, named ``<submission>-<assignment>.png``; labels are English because
a grading machine may have no Korean font.
"""
from __future__ import annotations

import re
from pathlib import Path

from grader.results import SubmissionResult


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "submission"


def write(results: list[SubmissionResult], folder: Path) -> list[Path]:
    """Write every plot; return the files written (none when no test recorded a history)."""
    jobs = [(r, a, t) for r in results for a in r.assignments for t in a.tests
            if isinstance(t.data.get("history"), dict) and t.data["history"].get("loss")]
    if not jobs:
        return []
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for r, a, t in jobs:
        h = t.data["history"]
        epochs = range(1, len(h["loss"]) + 1)
        fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
        for key, ax, label in (("loss", ax_loss, "train loss"), ("val_loss", ax_loss, "test loss"),
                               ("accuracy", ax_acc, "train accuracy"), ("val_accuracy", ax_acc, "test accuracy")):
            values = h.get(key)
            if values:
                ax.plot(list(epochs)[:len(values)], [float("nan") if v is None else v for v in values],
                        marker="o", label=label)
        for ax, title in ((ax_loss, "loss"), (ax_acc, "accuracy")):
            ax.set_xlabel("epoch")
            ax.set_title(title)
            ax.grid(alpha=0.3)
            ax.legend()
        acc = t.data.get("test_accuracy")
        fig.suptitle(f"{Path(r.submission).name} / {a.id}: test accuracy {acc:.4f} "
                     f"({t.data.get('device', '?')}, {t.data.get('train_seconds', 0):.1f} s)"
                     if isinstance(acc, float) else f"{Path(r.submission).name} / {a.id}")
        fig.tight_layout()
        path = folder / f"{_safe(Path(r.submission).name)}-{a.id}.png"
        tmp = path.with_suffix(".part.png")
        fig.savefig(tmp, dpi=90)
        plt.close(fig)
        tmp.replace(path)
        written.append(path)
    return written
