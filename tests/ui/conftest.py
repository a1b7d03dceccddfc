"""AppTest fixtures: the whole app (app.py) against an empty temporary SQLite store."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assessment.answers import Assessment
from assessment.rubric import Rubric
from assessment.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rubric: Rubric) -> Iterator[Store]:
    """An empty SQLite store that the app uses too (the app's cached store is reset around the test)."""
    url = f"sqlite:///{tmp_path}/app.sqlite3"
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    s = Store(url, rubric=rubric)
    yield s
    s.close()
    st.cache_resource.clear()


def run(target: object) -> AppTest:
    """Run the app (given the AppTest or a widget just changed) and fail on any exception shown."""
    at = target.run()  # type: ignore[attr-defined]
    assert not at.exception, [e.value for e in at.exception]
    return at


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


@pytest.fixture
def open_app(store: Store) -> Callable[..., tuple[AppTest, str]]:
    """Store an assessment, open the app with its resume link, optionally on another page."""

    def opener(assessment: Assessment, page: str | None = None) -> tuple[AppTest, str]:
        token = store.create(assessment)
        at = new_app()
        at.query_params["a"] = token
        run(at)
        if page is not None:
            run(at.switch_page(page))
        return at, token

    return opener


def figures(at) -> dict[str, str]:
    """Every figure in the main area, by its label: the Results verdict's score and level (Markdown: a
    grey label over a `##` line, as in the sidebar) and any st.metric (the what-if's, the progress panel's)."""
    shown = {m.label: m.value for m in at.main.metric}
    for md in at.main.markdown:
        found = re.fullmatch(r":gray\[(Overall score|Readiness level)\]\n## (.*)", md.value)
        if found:
            shown[found[1]] = found[2].replace(" :gray[/ 100]", " / 100")
    return shown


def text_of(elements: object) -> str:
    """Every value of a list of elements, markdown escapes removed."""
    return "\n".join(str(e.value) for e in elements).replace("\\", "")  # type: ignore[attr-defined]


def radio_for(at: AppTest, question_id: str):
    return next(r for r in at.radio if r.key is not None and r.key.endswith(f"-{question_id}"))


def progress_text(block: object) -> str:
    """The text of every progress bar in a block (the app or its sidebar)."""
    return "\n".join(p.proto.text for p in block.get("progress"))  # type: ignore[attr-defined]



def navigator(at: AppTest) -> dict[str, object]:
    """The questionnaire's principle pills, by pillar label (e.g. "Requirements · 4/12")."""
    return {p.label: p for p in at.get("button_group") if p.key and p.key.startswith("nav-")}


def goto(at: AppTest, rubric: Rubric, principle_id: str) -> AppTest:
    """Click a principle in the questionnaire's navigator (the pills of its pillar)."""
    pillar = rubric.pillar_index[rubric.principle_index[principle_id].pillar]
    pills = next(p for label, p in navigator(at).items() if label.startswith(f"{pillar.title} · "))
    return run(pills.set_value(principle_id))  # type: ignore[attr-defined]
