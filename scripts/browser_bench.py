"""Browser timings of the founder's app against a bare Streamlit page, measured in the same run.

    python scripts/browser_bench.py [--clicks 40] [--navigations 12] [--cold 4] [--json out.json]

Both run as real `streamlit run` servers on localhost and are driven in Debian's Chromium
(Playwright), alternating app and baseline so that machine noise hits both alike. The baseline is
a bare Streamlit page with the same number of radio questions as the questionnaire page measured
(the principle with the most questions) and one line of text echoing the answers.

- click -> page updated: from the pointer going down on an answer until the script run has
  finished and the new figure is on the page (the app: the sidebar's live score; the baseline:
  its echo line). Timed inside the page (performance.now), so Playwright's overhead is left out.
- warm navigation -> first question clickable: a new tab on a running server (static files
  cached), from navigation start until the first answer option is visible and enabled.
- cold start -> first page interactive: from starting the server process until a browser that
  keeps retrying shows the first page ready for input (the app: its Start page, the company name
  field; the baseline: its first question). Also shown, for information: a cold start straight
  into the questionnaire through a resume link (the app then loads the database layer as well).
- first visit -> Results charts drawn: a fresh browser (empty cache) opens the Results page of a
  complete assessment, from navigation start until both charts are drawn and no grey placeholder
  is left; the baseline is a bare Streamlit page with the same two charts and the same table, at
  the same address (/results): Streamlit opens any page but an app's first with a failed health
  check at a guessed base path and a retry (~80 ms here), which is Streamlit's, not the app's.
  Also shown, for information: the same against the bare page at "/".

Prints the medians and the app/baseline ratios (targets: 1.15, 1.2, 1.2, 1.2). `--parts` picks
which are measured (default: all).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessment.answers import Answer, new_assessment, read_assessment  # noqa: E402
from assessment.rubric import Principle, Rubric, load_rubric  # noqa: E402
from assessment.scoring import score  # noqa: E402
from assessment.storage.store import Store  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, AppServer, chromium_path  # noqa: E402

TARGETS = {"click": 1.15, "navigation": 1.2, "cold": 1.2, "results": 1.2}
PARTS = ("click", "navigation", "cold", "results")
RESULTS_EXAMPLE = ROOT / "examples" / "closedwater-api.json"  # gaps, blocked benefits: the fullest page

# The Results page's charts and table, and nothing else, drawn by bare Streamlit.
BARE_RESULTS = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    import streamlit as st
    from assessment.answers import read_assessment
    from assessment.rubric import load_rubric
    from assessment.scoring import score_assessment
    from ui.results import charts

    def results():
        rubric = load_rubric()
        result = score_assessment(rubric, read_assessment({example!r}, rubric))
        st.title("Results")
        st.altair_chart(charts.principle_polar(rubric, result), width="content")
        st.altair_chart(charts.pillar_bars(rubric, result), width="stretch")
        with st.expander("Scores as a table"):
            st.table(charts.scores_table(rubric, result), hide_index=True)

    # The same page at "/" and at "/results": a first visit to any page but an app's first goes through
    # Streamlit's own deep-link handshake (its first health check guesses "results/" as the base path,
    # fails, and retries at "/"), so the baseline for the app's /results is the bare page at /results.
    def start():
        results()

    st.navigation([st.Page(start, title="Start", default=True),
                   st.Page(results, title="Results", url_path="results")], position="hidden").run()
    """
)

# True once both charts have drawn (canvas or svg inside each) and no lazy-loading placeholder is left.
CHARTS_DRAWN = """() => {
  const charts = document.querySelectorAll('[data-testid="stVegaLiteChart"]');
  const drawn = [...charts].filter((c) => c.querySelector('canvas, svg')).length;
  return drawn >= 2 && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]');
}"""
# The same, or an exception on the page (reported, not waited out)
EXCEPTION = '[data-testid="stException"]'
CHARTS_DRAWN_OR_ERROR = CHARTS_DRAWN.replace(
    "() => {", f"() => {{ if (document.querySelector('{EXCEPTION}')) return true;", 1)


BARE_PAGE = textwrap.dedent(
    """
    import streamlit as st

    QUESTIONS = {questions}
    OPTIONS = ["Option A", "Option B", "Option C", "Option D", "Don't know"]
    for i in range(QUESTIONS):
        st.radio(f"Question {{i + 1}}", OPTIONS, index=None, key=f"q{{i}}")
    st.write("Answers: " + ", ".join(str(st.session_state.get(f"q{{i}}")) for i in range(QUESTIONS)))
    """
)

# Resolves with the milliseconds from the next pointerdown until the script run it caused has
# finished (the app is "notRunning" again) and `expected` is in the element matched by `where`.
# A fast run may never show "running" in the DOM (React batches the two states), so the test is
# on the final state: notRunning and the new text on the page.
ARM_CLICK_TIMER = """
([where, expected]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__clickTime = new Promise((resolve) => {
    let start = null;
    const observer = new MutationObserver(() => {
      const target = document.querySelector(where);
      if (start !== null && app.dataset.testScriptState === 'notRunning'
          && target && target.textContent.includes(expected)) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    document.addEventListener('pointerdown', () => { start = performance.now(); }, {once: true, capture: true});
  });
}
"""


@dataclass
class Target:
    """One side of the comparison: a server, the URL of its question page and how to click on it."""

    name: str
    server: AppServer
    path: str
    click_options: list[tuple[str, str]] = field(default_factory=list)  # (option label, text expected after)
    question_name: str = ""  # accessible name of the clicked radio group
    updated_in: str = '[data-testid="stMain"]'

    @property
    def url(self) -> str:
        return self.server.url + self.path


def largest_principle(rubric: Rubric) -> Principle:
    return max(rubric.principles, key=lambda p: len(p.questions))


def prepare_app(rubric: Rubric, database_url: str) -> tuple[str, Principle, list[tuple[str, str]]]:
    """A stored assessment on the largest principle; the two answers the benchmark toggles between."""
    principle = largest_principle(rubric)
    # Every other principle answered: enough real answers for the sidebar to show a score
    # (`score_shown_from`), which each timed click then changes.
    answers = {q.id: Answer(choice=q.choices[0].id) for p in rubric.principles if p.id != principle.id
               for q in p.questions}
    store = Store(database_url, rubric=rubric)
    token = store.create(new_assessment(rubric, name="Bench Co").model_copy(update={"answers": answers}))
    store.save_position(token, principle.id)
    store.close()
    question = principle.questions[0]
    choices = {qid: a.choice for qid, a in answers.items()}
    clicks = []
    for choice in question.choices[:2]:
        result = score(rubric, {**choices, question.id: choice.id})
        clicks.append((choice.label, f"{result.overall:.1f} / 100"))
    if clicks[0][1] == clicks[1][1]:
        raise SystemExit("the two benchmark answers give the same score; pick others")
    if not score(rubric, choices).score_shown:
        raise SystemExit("the prepared answers are too few for the sidebar to show a score")
    return token, principle, clicks


def first_question_clickable(page: object) -> None:
    option = page.get_by_test_id("stRadioOption").first  # type: ignore[attr-defined]
    option.wait_for(state="visible", timeout=60_000)
    deadline = time.perf_counter() + 30
    while not option.is_enabled():
        if time.perf_counter() > deadline:
            raise RuntimeError("the first question never became clickable")
        time.sleep(0.005)


def time_clicks(pages: dict[str, object], targets: list[Target], rounds: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {t.name: [] for t in targets}
    for i in range(rounds + 2):  # two warm-up rounds
        for t in targets:
            page = pages[t.name]
            label, expected = t.click_options[i % 2]
            page.evaluate(ARM_CLICK_TIMER, [t.updated_in, expected])  # type: ignore[attr-defined]
            group = page.get_by_role("radiogroup", name=t.question_name, exact=True)  # type: ignore[attr-defined]
            group.get_by_text(label, exact=True).click()
            elapsed = page.evaluate(  # type: ignore[attr-defined]
                "Promise.race([window.__clickTime, new Promise((r) => setTimeout(() => r(null), 30000))])"
            )
            if elapsed is None:
                shown = page.evaluate(f"document.querySelector('{t.updated_in}').textContent")  # type: ignore[attr-defined]
                raise RuntimeError(f"{t.name}: the page did not show {expected!r} within 30 s of the click;"
                                   f" it shows: {shown[-300:]!r}")
            if i >= 2:
                out[t.name].append(elapsed / 1000)
    return out


def time_navigation(context: object, targets: list[Target], rounds: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {t.name: [] for t in targets}
    for i in range(rounds + 1):  # one warm-up round (fills the browser cache)
        for t in targets:
            page = context.new_page()  # type: ignore[attr-defined]
            start = time.perf_counter()
            page.goto(t.url, wait_until="commit")
            first_question_clickable(page)
            elapsed = time.perf_counter() - start
            page.close()
            if i >= 1:
                out[t.name].append(elapsed)
    return out


def start_page_ready(page: object) -> None:
    field = page.get_by_label("Company name")  # type: ignore[attr-defined]
    field.wait_for(state="visible", timeout=60_000)
    deadline = time.perf_counter() + 30
    while not field.is_enabled():
        if time.perf_counter() > deadline:
            raise RuntimeError("the Start page never became ready for input")
        time.sleep(0.005)


def time_cold_start(browser: object, targets: list[Target], rounds: int,
                    first_page: dict[str, tuple[str, Callable[[object], None]]]) -> dict[str, list[float]]:
    """Server start -> first page ready; `first_page` maps a target to (path, readiness check)."""
    out: dict[str, list[float]] = {t.name: [] for t in targets}
    for _ in range(rounds):
        for t in targets:
            path, ready = first_page[t.name]
            t.server.stop()
            context = browser.new_context()  # type: ignore[attr-defined]
            page = context.new_page()
            start = time.perf_counter()
            t.server.start_process()
            while True:
                try:
                    page.goto(t.server.url + path, wait_until="commit", timeout=2_000)
                    break
                except Exception:  # the server is not listening yet
                    time.sleep(0.02)
            ready(page)
            out[t.name].append(time.perf_counter() - start)
            context.close()
    return out


def time_results_first_visit(browser: object, pairs: list[tuple[str, str]], rounds: int) -> dict[str, list[float]]:
    """A fresh context (empty cache) per visit: navigation start -> both charts drawn. `pairs`: (side, url)."""
    out: dict[str, list[float]] = {name: [] for name, _ in pairs}
    for i in range(rounds + 1):  # one warm-up round: the servers' own first run is not a visitor's
        for name, url in pairs:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_function(CHARTS_DRAWN_OR_ERROR, timeout=180_000, polling=10)
            if page.locator(EXCEPTION).count():
                shown = page.locator(EXCEPTION).first.inner_text()[:300]
                raise RuntimeError(f"{name}: {url} shows an exception: {shown}")
            elapsed = time.perf_counter() - start
            context.close()
            if i >= 1:
                out[name].append(elapsed)
    return out


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def report(name: str, label: str, timings: dict[str, list[float]]) -> dict[str, float]:
    app, bare = median_ms(timings["app"]), median_ms(timings["bare"])
    ratio = app / bare
    verdict = ("ok" if ratio <= TARGETS[name] else "OVER TARGET") if not label.startswith("(info)") else ""
    print(f"{label:<52} app {app:8.0f} ms   bare {bare:8.0f} ms   ratio {ratio:5.2f}"
          f"  (target <= {TARGETS[name]}) {verdict}")
    return {"app_ms": round(app, 1), "bare_ms": round(bare, 1), "ratio": round(ratio, 3), "n": len(timings["app"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clicks", type=int, default=40, help="timed clicks per side (default 40)")
    parser.add_argument("--navigations", type=int, default=12, help="timed warm navigations per side (default 12)")
    parser.add_argument("--cold", type=int, default=4, help="timed cold starts per side (default 4)")
    parser.add_argument("--results", type=int, default=8, help="timed first visits of Results per side (default 8)")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"what to measure (default {','.join(PARTS)})")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    if not parts or parts - set(PARTS):
        parser.error(f"--parts: choose from {', '.join(PARTS)}")

    chromium = chromium_path()
    if chromium is None:
        print("Chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    rubric = load_rubric()
    with tempfile.TemporaryDirectory(prefix="browser-bench-") as tmp:
        folder = Path(tmp)
        database_url = f"sqlite:///{folder}/bench.sqlite3"
        token, principle, app_clicks = prepare_app(rubric, database_url)
        questions = len(principle.questions)
        bare_script = folder / "bare.py"
        bare_script.write_text(BARE_PAGE.format(questions=questions))
        app = Target("app", AppServer(ROOT / "app.py", database_url), f"questionnaire?a={token}", app_clicks,
                     principle.questions[0].text, '[data-testid="stSidebar"]')
        bare_answers = ", ".join(["{}"] + ["None"] * (questions - 1))
        bare = Target("bare", AppServer(bare_script, database_url), "",
                      [(o, "Answers: " + bare_answers.format(o)) for o in ("Option A", "Option B")], "Question 1")
        targets = [app, bare]
        store = Store(database_url, rubric=rubric)
        results_token = store.create(read_assessment(RESULTS_EXAMPLE, rubric))
        store.close()
        bare_results_script = folder / "bare_results.py"
        bare_results_script.write_text(BARE_RESULTS.format(root=str(ROOT), example=str(RESULTS_EXAMPLE)))
        bare_results = Target("bare-results", AppServer(bare_results_script, database_url), "")
        figures: dict[str, object] = {"questions_on_page": questions}
        try:
            for t in (*targets, bare_results):
                t.server.start()
            with sync_playwright() as playwright:
                # One browser per side for the clicks: a tab in the background gets no animation
                # frames, so two tabs of one browser cannot both be measured fairly.
                browsers = {t.name: playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                            for t in targets}
                print(f"Founder's app vs a bare Streamlit page with {questions} radio questions "
                      f"(medians; Chromium {browsers['app'].version})")
                if "click" in parts:
                    pages = {}
                    for t in targets:
                        pages[t.name] = browsers[t.name].new_page(viewport={"width": 1366, "height": 900})
                        pages[t.name].goto(t.url)
                        first_question_clickable(pages[t.name])
                    figures["click"] = report("click", "click on an answer -> page updated",
                                              time_clicks(pages, targets, args.clicks))
                for b in browsers.values():
                    b.close()
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                if "navigation" in parts:
                    context = browser.new_context(viewport={"width": 1366, "height": 900})
                    figures["navigation"] = report("navigation", "warm navigation -> first question clickable",
                                                   time_navigation(context, targets, args.navigations))
                    context.close()
                if "results" in parts:
                    pairs = [("app", app.server.url + f"results?a={results_token}"),
                             ("bare", bare_results.url + "results"), ("bare-root", bare_results.url)]
                    visits = time_results_first_visit(browser, pairs, args.results)
                    figures["results"] = report("results", "first visit -> Results charts drawn",
                                                {"app": visits["app"], "bare": visits["bare"]})
                    figures["results_vs_root"] = report(
                        "results", "(info) the same, bare page at / (no deep link)",
                        {"app": visits["app"], "bare": visits["bare-root"]})
                bare_first = ("", first_question_clickable)
                if "cold" in parts:
                    figures["cold"] = report("cold", "cold start -> first page ready for input",
                                             time_cold_start(browser, targets, args.cold,
                                                             {"app": ("", start_page_ready), "bare": bare_first}))
                    figures["cold_resume_link"] = report(
                        "cold", "(info) cold start -> resume link's first question",
                        time_cold_start(browser, targets, args.cold, {"app": (app.path, first_question_clickable),
                                                                      "bare": bare_first}))
                browser.close()
        finally:
            for t in (*targets, bare_results):
                t.server.stop()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
