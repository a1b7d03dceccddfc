"""Two app processes behind nginx (deploy/) on one PostgreSQL database, driven over the app's websocket.

Answers saved through one process show on the dashboard served by the other; when one process is
killed, nothing is lost and its participants carry on through the other (nginx sends their
reconnection there; each comes back with its resume link, like a browser tab reconnecting).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import urllib.request
from pathlib import Path

import pytest
import websockets
from streamlit.proto.WidgetStates_pb2 import WidgetState

from assessment.storage.store import Store
from assessment.workshop.store import JOIN_PAGE, JOIN_PARAM, WorkshopStore
from deploy.room import Room, render_nginx_conf
from scripts.workshop_load import Session
from tests.assessment.workshop.conftest import postgres_url  # noqa: F401 - a private database

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        if os.environ.get("ASSESSMENT_REQUIRE_NGINX") == "1":
            pytest.fail("nginx is required (ASSESSMENT_REQUIRE_NGINX=1): bash scripts/setup-system.sh installs it")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    return found


def test_the_shipped_config_is_sticky_upgrades_websockets_and_logs_no_urls(tmp_path):
    text = render_nginx_conf(tmp_path, "127.0.0.1:9999", [8501, 8502])
    assert "server 127.0.0.1:8501" in text and "server 127.0.0.1:8502" in text
    assert "hash $olr_route consistent" in text  # sticky per browser (route cookie)
    assert "proxy_set_header Upgrade $http_upgrade" in text and "$connection_upgrade" in text
    assert "access_log off" in text  # page addresses carry resume and join links
    assert not re.search(r"@[A-Z]+@", text)  # every placeholder filled


def established(port: int) -> int:
    """Open TCP connections to 127.0.0.1:port (the app process's websockets, from nginx or a client)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                if state == "01" and local.endswith(f":{port:04X}"):
                    count += 1
    return count


class Tab:
    """A participant's browser tab through nginx: its route cookie, its resume link, its websocket."""

    def __init__(self, base: str, name: str, token: str) -> None:
        self.base, self.name, self.join_token = base, name, token
        with urllib.request.urlopen(f"{base}/{JOIN_PAGE}", timeout=30) as r:
            self.cookie = "; ".join(h.split(";", 1)[0] for h in r.headers.get_all("Set-Cookie") or [])
        self.ws = None
        self.session: Session | None = None
        self.sent: dict[str, str] = {}

    async def connect(self, query: str) -> None:
        self.ws = await websockets.connect(self.base.replace("http", "ws") + "/_stcore/stream",
                                           subprotocols=["streamlit"], max_size=None,
                                           additional_headers={"Cookie": self.cookie}, open_timeout=30)
        self.session = Session(self.ws, query)

    async def join(self) -> None:
        await self.connect(f"{JOIN_PARAM}={self.join_token}")
        page = await self.session.run(JOIN_PAGE)
        box, button = page.widgets("text_input")[0], page.button("Join and start")
        await self.session.run(triggers=(WidgetState(id=box.proto.id, string_value=self.name),
                                         WidgetState(id=button.proto.id, trigger_value=True)))
        assert self.session.query_string.startswith("a="), self.session.query_string  # the resume link

    async def reconnect(self) -> None:
        """What the browser does when its server went away: a new websocket, the same page and link."""
        query = self.session.query_string
        await self.ws.close()
        await self.connect(query)
        await self.session.run("questionnaire")

    async def answer_open_questions(self, rubric, limit: int) -> int:
        by_text = {q.text: q for q in rubric.questions}
        done = 0
        while done < limit:
            todo = [r for r in self.session.page.widgets("radio")
                    if r.proto.label in by_text and by_text[r.proto.label].id not in self.sent]
            if not todo:
                return done
            radio = todo[0]
            question = by_text[radio.proto.label]
            choice = rubric.choices_for(question)[0]
            self.session.states[radio.proto.id] = WidgetState(id=radio.proto.id, string_value=choice.label)
            await self.session.run(fragment=radio.fragment)
            self.sent[question.id] = choice.id
            done += 1
        return done


async def dashboard_metrics(base: str, workshop_id: str, key: str) -> dict[str, str]:
    """Sign in to the dashboard served at `base` and read its metrics (label -> value)."""
    async with websockets.connect(base.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, open_timeout=30) as ws:
        s = Session(ws, f"workshop={workshop_id}")
        page = await s.run("workshop_dashboard")
        boxes = {b.proto.label: b for b in page.widgets("text_input")}
        submit = page.button("Open the dashboard")
        page = await s.run(triggers=(
            WidgetState(id=boxes["Workshop ID"].proto.id, string_value=workshop_id),
            WidgetState(id=boxes["Facilitator key"].proto.id, string_value=key),
            WidgetState(id=submit.proto.id, trigger_value=True)))
        return {m.proto.label: m.proto.body for m in page.widgets("metric")}


def test_two_processes_behind_nginx_on_postgres_survive_one_crash(nginx, postgres_url, rubric):  # noqa: F811
    workshops = WorkshopStore(Store(postgres_url, rubric=rubric))
    new = workshops.create_workshop("Two processes", ["Acme Models", "Beta Labs"], rubric)
    total = len(rubric.questions)

    async def scenario(room: Room) -> tuple[list[Tab], list[Tab]]:
        # Participants join through nginx until each process serves at least one of them.
        tabs: list[Tab] = []
        on: dict[int, list[Tab]] = {0: [], 1: []}
        while (not on[0] or not on[1]) and len(tabs) < 16:
            before = [established(p) for p in room.app_ports]
            tab = Tab(room.url, f"person-{len(tabs) + 1}", new.joins[len(tabs) % 2].token)
            await tab.join()
            after = [established(p) for p in room.app_ports]
            served_by = 0 if after[0] > before[0] else 1
            on[served_by].append(tab)
            tabs.append(tab)
            assert await tab.answer_open_questions(rubric, 2) == 2
        assert on[0] and on[1], "nginx sent every participant to one process"
        # Answers saved through process 1 show on the dashboard served by process 2, and the other way.
        for app in room.app_urls:
            metrics = await dashboard_metrics(app, new.id, new.key)
            assert metrics["Participants"] == str(len(tabs))
        # Process 1 crashes. Its participants' tabs reconnect through nginx, which sends them to process 2.
        room.kill(0)
        for tab in on[0]:
            await tab.reconnect()
        for tab in tabs:
            assert await tab.answer_open_questions(rubric, 2) == 2
            await tab.ws.close()
        metrics = await dashboard_metrics(room.url, new.id, new.key)
        assert metrics["Participants"] == str(len(tabs))
        return tabs, on[0]

    with Room(2, postgres_url) as room:
        tabs, moved = asyncio.run(scenario(room))
        assert room.alive() == [False, True]

    # Nothing lost: every answer sent, before and after the crash, is stored.
    fac = workshops.authenticate(new.id, new.key, guesser="test")
    stored = {p.name: dict(p.choices) for c in workshops.cohort_answers(fac) for p in c.participants}
    for tab in tabs:
        assert stored[tab.name] == tab.sent, tab.name
        assert len(tab.sent) == 4
    assert moved and all(len(stored[t.name]) == 4 for t in moved)
    assert sum(len(v) for v in stored.values()) <= len(tabs) * total
    workshops.store.close()
