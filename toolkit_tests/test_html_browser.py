"""The class report (``grade --format html``) as a TA sees it: in a real browser, headless Chromium.

test_html_report.py reads the page with Python's HTML parser; here Chromium lays it out, so what
only a browser tells is checked: the gradebook a TA reads agrees with the CSV uploaded to the LMS,
each row's link lands on that student's feedback, the inline SVG charts have a size, the page
fetches nothing (it must open offline, from an e-mail or a USB stick) and logs no error. A
full-page screenshot is kept for a human to look at (its path is printed).

The report comes from the real ``grade`` command on a small class (the numpy assignments only, so
it takes seconds): the examples' three students and one more, ``정하늘`` (a Korean folder name,
as an LMS download can have), whose a04 meets a bug planted in a copy of the hidden suite, so the
page has a grader problem to show as such.

Chromium, its driver and a Korean font come from Debian (``chromium``, ``chromium-driver``,
``fonts-noto-cjk``): the test installs what is missing where apt is usable, as the session does for
Fashion-MNIST, and is skipped, saying why, where neither the browser nor apt is there.
"""
from __future__ import annotations

import base64
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grader import apt

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS = ["a01_perceptron", "a02_activations", "a03_losses", "a04_gradient"]
KOREAN_STUDENT = "정하늘"
BUGGY_SUITE = ROOT / "tests" / "a04_gradient" / "test_hidden_gradient.py"
BUG_AFTER = '''    numerical derivative: d/dx x^2 at x = 3 is 6"""\n'''
BUG = '''    {}["a bug in the hidden test"]\n'''
BROWSERS = ("chromium", "chromium-browser")
DRIVERS = ("chromedriver", "/usr/lib/chromium/chromedriver")
HUMAN_COPY = Path(tempfile.gettempdir()) / "dlgrader-class-report.png"


def _say(config: pytest.Config, line: str) -> None:
    """A line on the terminal even when pytest captures output (what was installed, where the
    screenshot is): a TA must not need ``-s`` to find them."""
    capture = config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\n{line}", flush=True)


def _which(names: tuple[str, ...]) -> str | None:
    return next((found for name in names if (found := shutil.which(name))), None)


def _fonts(pattern: str) -> bool:
    """Whether fontconfig (which Chromium asks) knows a font matching ``pattern``."""
    if not shutil.which("fc-list"):
        return False
    r = subprocess.run(["fc-list", pattern, "family"], capture_output=True, text=True)
    return r.returncode == 0 and bool(r.stdout.strip())


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Iterator[Any]:
    """Headless Chromium through Selenium, with the browser's console and network logs kept;
    Debian's packages are installed first where missing and apt is usable."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install -e '.[test]'")
    missing = ([] if _which(BROWSERS) and _which(DRIVERS) else ["chromium", "chromium-driver"]) + \
              ([] if _fonts(":lang=ko") else ["fonts-noto-cjk"])  # else Hangul shows as boxes
    if missing:
        why_not = apt.unusable()
        if why_not is None:
            done = apt.install(*missing)
            _say(request.config, f"class report browser test: {done}")
            if not done.startswith("installed"):
                pytest.fail(f"apt is usable here but could not install {' '.join(missing)}: {done}")
        elif "chromium" in missing:
            pytest.skip(f"no Chromium with chromium-driver here, and {why_not}: apt-get install chromium "
                        "chromium-driver")
        else:
            _say(request.config, f"warning: no Korean font and {why_not}: the screenshot will show Hangul as boxes")
    options = webdriver.ChromeOptions()
    options.binary_location = _which(BROWSERS) or ""
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=ko-KR"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # The driver's path is given, so Selenium Manager never looks for (or downloads) one.
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=_which(DRIVERS)))
    try:
        yield driver
    finally:
        driver.quit()


def _course_with_a_buggy_a04_suite(dest: Path) -> Path:
    """A copy of the course whose a04 suite has a bug of its own: a grader problem, never a grade."""
    dest.mkdir()
    shutil.copy(ROOT / "grading.yml", dest / "grading.yml")
    for folder in ("tests", "reference"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    suite = dest / BUGGY_SUITE.relative_to(ROOT)
    source = suite.read_text(encoding="utf-8")
    assert source.count(BUG_AFTER) == 1, "the line the bug goes after has changed: choose another"
    suite.write_text(source.replace(BUG_AFTER, BUG_AFTER + BUG), encoding="utf-8")
    return dest


def _class_folder(dest: Path) -> Path:
    """The examples' students with their a01-a03 (so only the Korean-named one, with a01-a04,
    meets the planted bug)."""
    dest.mkdir()
    for student in (ROOT / "examples" / "submissions").iterdir():
        shutil.copytree(student, dest / student.name, ignore=lambda _, names: [
            n for n in names if n.startswith(("a04", "a05", "a06", "a07", "a08", "gradient", "layers", "two_layer",
                                              "fashion", "keras", "__pycache__"))])
    for aid in ASSIGNMENTS:
        shutil.copytree(ROOT / "reference" / aid, dest / KOREAN_STUDENT / aid,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``grade --format html`` and ``--format csv`` of one class; the CSV run reads the first run's
    results cache, so only the submission with the grader problem (never cached) is graded again."""
    tmp = tmp_path_factory.mktemp("browser")
    course = _course_with_a_buggy_a04_suite(tmp / "course")
    klass = _class_folder(tmp / "class")
    files = {"html": tmp / "report.html", "csv": tmp / "grades.csv"}
    selection = [arg for aid in ASSIGNMENTS for arg in ("-a", aid)]
    for fmt, path in files.items():
        r = subprocess.run([sys.executable, "-m", "grader", str(klass), *selection, "--course", str(course),
                            "--format", fmt, "-o", str(path), "--jobs", "2", "--cache-dir", str(tmp / "cache"),
                            "--no-plots"], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert r.returncode == 3, r.stderr[-2000:]  # 3: graded, with a grader problem (the planted bug)
    return files


@pytest.fixture(scope="module")
def gradebook(report: dict[str, Path]) -> list[dict[str, str]]:
    with open(report["csv"], encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _open(driver: Any, page: Path) -> None:
    driver.get(page.as_uri())
    driver.execute_script("window.scrollTo(0, 0)")


def _rows(driver: Any) -> list[dict[str, Any]]:
    """Each gradebook row as Chromium shows it: its attributes, each cell's leading text (the score,
    before any note in the cell) by column, which cells say "grader problem", the link target."""
    return driver.execute_script("""
        const heads = [...document.querySelectorAll('#gradebook thead th')].map(th => th.innerText.trim());
        const lead = td => td.firstChild ? td.firstChild.textContent.trim() : '';
        return [...document.querySelectorAll('#gradebook tr.student')].map(tr => {
            const cells = [...tr.children];
            return {identifier: tr.dataset.identifier, total: tr.dataset.total,
                    cells: Object.fromEntries(heads.map((h, i) => [h, lead(cells[i])])),
                    problems: cells.filter(td => td.classList.contains('problem')).map(td => heads[cells.indexOf(td)]),
                    href: tr.querySelector('a').getAttribute('href')};
        });""")


def test_the_gradebook_shows_every_student_with_the_csvs_scores(browser: Any, report: dict[str, Path],
                                                                 gradebook: list[dict[str, str]]) -> None:
    _open(browser, report["html"])
    rows = {row["identifier"]: row for row in _rows(browser)}
    assert sorted(rows) == sorted(line["identifier"] for line in gradebook)
    assert KOREAN_STUDENT in rows
    for line in gradebook:
        row = rows[line["identifier"]]
        assert row["total"] == row["cells"]["total"] == line["total"], line["identifier"]
        for aid in ASSIGNMENTS:
            if aid in row["problems"]:  # the page names the grader problem where the CSV has no score
                assert line[aid] == "" and "grader_error" in line["status"], (line["identifier"], aid)
            else:
                assert row["cells"][aid] == line[aid], (line["identifier"], aid)
    assert rows[KOREAN_STUDENT]["problems"] == ["a04_gradient"] and rows[KOREAN_STUDENT]["total"] == ""


def test_each_row_links_to_that_students_feedback(browser: Any, report: dict[str, Path]) -> None:
    _open(browser, report["html"])
    rows = _rows(browser)
    assert rows
    for row in rows:
        browser.execute_script("window.scrollTo(0, 0)")
        link = browser.find_element("css selector", f'#gradebook tr.student a[href="{row["href"]}"]')
        link.click()
        landed = browser.execute_script("""
            const target = document.getElementById(location.hash.slice(1));
            if (!target) return null;
            const box = target.getBoundingClientRect();
            return {hash: location.hash, id: target.id, cls: target.className, top: box.top,
                    height: window.innerHeight, scrollY: window.scrollY,
                    heading: target.querySelector('h3').innerText, text: target.innerText};""")
        assert landed is not None, f"{row['identifier']}: {row['href']} leads nowhere"
        assert landed["hash"] == row["href"] and landed["cls"] == "feedback", landed
        assert landed["heading"].startswith(row["identifier"]), landed["heading"]
        assert landed["scrollY"] > 0 and -1 <= landed["top"] < landed["height"] / 2, landed  # scrolled to it


def test_charts_render_and_the_page_fetches_nothing_and_logs_no_error(browser: Any, report: dict[str, Path],
                                                                      gradebook: list[dict[str, str]]) -> None:
    browser.get_log("performance")  # what earlier tests' pages did is not this load's
    browser.get_log("browser")
    _open(browser, report["html"])
    charts = browser.execute_script("""
        return [...document.querySelectorAll('section.assignment')].map(s => ({
            id: s.id, boxes: [...s.querySelectorAll('figure.chart svg')].map(svg => {
                const b = svg.getBoundingClientRect(); return [b.width, b.height]; })}));""")
    # a histogram where someone has a score: not missing (the CSV's 0 then) nor a grader problem ('')
    scored = {aid for aid in ASSIGNMENTS if any(line[aid] != "" and aid not in line["status"] for line in gradebook)}
    assert [c["id"] for c in charts] == [f"assignment-{aid}" for aid in ASSIGNMENTS]
    for chart in charts:
        assert all(w > 50 and h > 50 for w, h in chart["boxes"]), chart
    with_histogram = {c["id"].removeprefix("assignment-") for c in charts if c["boxes"]}
    assert with_histogram == scored and "a04_gradient" not in scored, (with_histogram, scored)
    assert browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)") == []
    requested = [m for m in (_message(e) for e in browser.get_log("performance"))
                 if m.get("method") == "Network.requestWillBeSent"]
    assert [r["params"]["request"]["url"] for r in requested] == [report["html"].as_uri()]
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_the_feedback_keeps_the_text_reports_columns(browser: Any, report: dict[str, Path]) -> None:
    """The feedback is the text report, padded in terminal cells (a Hangul syllable is two): with the
    page's monospace stack a Hangul syllable is exactly two Latin characters wide, so its columns line up."""
    if not _fonts(":family=Noto Sans Mono CJK KR"):
        pytest.skip("Noto Sans Mono CJK KR is not installed (fonts-noto-cjk): nothing to measure against")
    _open(browser, report["html"])
    hangul, latin = browser.execute_script("""
        const pre = document.querySelector('section.feedback pre');
        const widths = ['가'.repeat(40), 'a'.repeat(80)].map(text => {
            const probe = document.createElement('span');
            probe.textContent = text;
            pre.appendChild(probe);
            const width = probe.getBoundingClientRect().width;
            probe.remove();
            return width;
        });
        return widths;""")
    assert latin > 0 and hangul == pytest.approx(latin, abs=1.0), (hangul, latin)  # 40 syllables, 80 letters


def _message(entry: dict[str, Any]) -> dict[str, Any]:
    """A performance-log entry's DevTools event (the log wraps it as JSON text)."""
    return json.loads(entry["message"])["message"]


def test_a_full_page_screenshot_is_kept_for_a_human(browser: Any, report: dict[str, Path],
                                                     request: pytest.FixtureRequest) -> None:
    _open(browser, report["html"])
    size = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG") and size["height"] > 900
    path = report["html"].with_suffix(".png")
    path.write_bytes(png)
    shutil.copy(path, HUMAN_COPY)
    _say(request.config, f"class report screenshot: {HUMAN_COPY} (also {path})")
