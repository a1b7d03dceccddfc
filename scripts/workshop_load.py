#!/usr/bin/env python3
"""Workshop load run: N simulated participants join and answer every question that applies, at once.

Each participant is a real Streamlit session driven over the app's own websocket protocol, the way
a browser tab drives it: it opens its company's join link, enters a name, then answers page by page
every question that applies to its answers (a choice changed inside a question's fragment sends a
fragment rerun, as the browser does), and moves on with "Next". The latency of one saved answer is
the time from sending the choice until the server has finished the rerun (the answer is written to
the database in the widget's callback, before anything is redrawn). Before the run each participant
draws its answers, so the number of answers expected is known; afterwards every stored answer is
read back through the facilitator's view. The run fails when expected, sent and stored differ.

    python scripts/workshop_load.py                           # 30 participants, one server, temporary SQLite
    python scripts/workshop_load.py --servers 2 --think 10    # 2 app processes behind nginx (deploy/)
    python scripts/workshop_load.py --database-url postgresql+psycopg://...   # on PostgreSQL

Output: one `key: value` line each (scripts read them): participants, joined, answers_expected,
answers_sent, answers_stored, lost, p50_ms, p95_ms, max_ms, servers, proxy, database, wall_s, load.
Bounded: at most 60 participants and 4 servers, one overall timeout, 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from assessment.rubric import Rubric, load_rubric  # noqa: E402
from assessment.scoring import skipped_questions  # noqa: E402
from assessment.storage.store import Store  # noqa: E402
from assessment.workshop.store import JOIN_PAGE, JOIN_PARAM, WorkshopStore  # noqa: E402
from deploy.room import Room, free_port  # noqa: E402

MAX_PARTICIPANTS = 60
MAX_SERVERS = 4
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
FINISHED = {0, 3}  # ScriptFinishedStatus: FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY
MAIN = ""  # the fragment id of elements outside any fragment

__all__ = ["Page", "Session", "app_server", "free_port", "main", "run_load"]


@contextlib.contextmanager
def app_server(database_url: str, port: int | None = None, timeout: float = 90) -> Iterator[str]:
    """One app process on 127.0.0.1 against `database_url`; yields its base URL, stops it after."""
    with Room(1, database_url, port=port, proxy=False) as room:
        yield room.url


@dataclass
class Element:
    kind: str
    proto: object
    fragment: str  # the fragment it was drawn in (MAIN outside any)


class Page:
    """What a tab shows, by fragment: a full run replaces everything, a fragment run only its fragments."""

    def __init__(self) -> None:
        self.parts: dict[str, list[Element]] = {}

    def apply(self, elements: list[Element], fragment_run: bool) -> None:
        if not fragment_run:
            self.parts = {}
        fresh: dict[str, list[Element]] = {}
        for e in elements:
            fresh.setdefault(e.fragment, []).append(e)
        self.parts.update(fresh)

    def widgets(self, kind: str) -> list[Element]:
        return [e for part in self.parts.values() for e in part if e.kind == kind]

    def button(self, label_start: str) -> Element | None:
        return next((b for b in self.widgets("button") if b.proto.label.startswith(label_start)), None)


class Session:
    """One browser tab's worth of Streamlit protocol: reruns with widget states, the page it shows."""

    def __init__(self, ws: websockets.ClientConnection, query_string: str) -> None:
        self.ws = ws
        self.query_string = query_string
        self.page_hash = ""
        self.states: dict[str, WidgetState] = {}
        self.page = Page()

    async def run(self, page_name: str = "", triggers: tuple[WidgetState, ...] = (), fragment: str = MAIN) -> Page:
        msg = BackMsg()
        msg.rerun_script.query_string = self.query_string
        if self.page_hash:
            msg.rerun_script.page_script_hash = self.page_hash
        else:
            msg.rerun_script.page_name = page_name
        if fragment:
            msg.rerun_script.fragment_id = fragment
        msg.rerun_script.widget_states.widgets.extend([*self.states.values(), *triggers])
        await self.ws.send(msg.SerializeToString())
        elements: list[Element] = []
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                name = el.WhichOneof("type")
                elements.append(Element(name, getattr(el, name), fm.delta.fragment_id))
            elif kind == "page_info_changed":
                self.query_string = fm.page_info_changed.query_string
            elif kind == "navigation":
                self.page_hash = fm.navigation.page_script_hash
            elif kind == "script_finished":
                if fm.script_finished in FINISHED:
                    errors = [e.proto.message for e in elements if e.kind == "exception"]
                    if errors:
                        raise RuntimeError(f"the page raised: {errors[0]}")
                    self.page.apply(elements, fragment_run=fm.script_finished == 3)
                    return self.page
                elements = []  # a rerun follows (e.g. after st.switch_page or st.rerun)

    async def click(self, button: Element) -> Page:
        return await self.run(triggers=(WidgetState(id=button.proto.id, trigger_value=True),),
                              fragment=button.fragment)


@dataclass
class Participant:
    name: str
    join_token: str
    plan: dict[str, str]  # question id -> choice id, drawn before the run
    expected: int  # questions that apply given the plan
    latencies: list[float] = field(default_factory=list)
    sent: dict[str, str] = field(default_factory=dict)  # question id -> choice id
    error: str | None = None


def plan_answers(rubric: Rubric, rnd: random.Random) -> tuple[dict[str, str], int]:
    """A random answer to every question, and how many questions apply given those answers."""
    plan = {q.id: rnd.choice(rubric.choices_for(q)).id for q in rubric.questions}
    return plan, len(rubric.questions) - len(skipped_questions(rubric, plan))


async def _route_cookie(base: str) -> str:
    """The proxy's route cookie (what a browser gets on its first page load); empty without a proxy."""

    def fetch() -> str:
        with urllib.request.urlopen(f"{base}/{JOIN_PAGE}", timeout=30) as r:  # noqa: S310 - localhost only
            cookies = [h.split(";", 1)[0] for h in r.headers.get_all("Set-Cookie") or []]
        return "; ".join(cookies)

    return await asyncio.to_thread(fetch)


async def participate(p: Participant, base: str, rubric: Rubric, think: float, rnd: random.Random) -> None:
    """Join, then answer every question that applies, page by page, timing each saved answer."""
    by_text = {q.text: q for q in rubric.questions}
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    try:
        cookie = await _route_cookie(base)
        headers = {"Cookie": cookie} if cookie else None
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60,
                                      additional_headers=headers, ping_interval=None) as ws:
            s = Session(ws, f"{JOIN_PARAM}={p.join_token}")
            page = await s.run(JOIN_PAGE)
            name_box = page.widgets("text_input")[0]
            join = page.button("Join and start")
            page = await s.run(triggers=(WidgetState(id=name_box.proto.id, string_value=p.name),
                                         WidgetState(id=join.proto.id, trigger_value=True)))
            for _ in rubric.principles:
                while True:
                    todo = [r for r in page.widgets("radio") if r.proto.label in by_text
                            and by_text[r.proto.label].id not in p.sent]
                    if not todo:
                        break
                    radio = todo[0]
                    question = by_text[radio.proto.label]
                    label = next(c.label for c in rubric.choices_for(question) if c.id == p.plan[question.id])
                    s.states[radio.proto.id] = WidgetState(id=radio.proto.id, string_value=label)
                    started = time.perf_counter()
                    page = await s.run(fragment=radio.fragment)
                    p.latencies.append(time.perf_counter() - started)
                    p.sent[question.id] = p.plan[question.id]
                    if think:
                        await asyncio.sleep(think * rnd.random())
                following = page.button("Next:")
                if following is None:
                    break
                s.states.clear()  # the next page has other widgets
                page = await s.click(following)
    except Exception as exc:  # reported in the summary
        p.error = f"{type(exc).__name__}: {exc}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def _run_all(participants: list[Participant], base: str, rubric: Rubric, think: float, timeout: float,
                   seed: int) -> None:
    tasks = [asyncio.create_task(participate(p, base, rubric, think, random.Random(seed * 1000 + i)))
             for i, p in enumerate(participants)]
    _, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    for p, task in zip(participants, tasks, strict=True):
        if task in pending:
            p.error = p.error or f"did not finish within {timeout:.0f} s"


def machine_load() -> str:
    """The 1-minute load average and the core count, e.g. `3.52/2` (other work skews the figures)."""
    try:
        return f"{os.getloadavg()[0]:.2f}/{os.cpu_count()}"
    except OSError:
        return "unknown"


def run_load(participants: int, companies: int, database_url: str, *, url: str | None = None, think: float = 0.0,
             timeout: float = 600, seed: int = 5, servers: int = 1) -> dict[str, object]:
    """Create a workshop, run the participants against the server(s), check the stored answers; a summary."""
    rubric = load_rubric()
    workshops = WorkshopStore(Store(database_url, rubric=rubric))
    workshop = workshops.create_workshop(f"Load run {time.strftime('%H:%M:%S')}",
                                         [f"Company {i + 1}" for i in range(companies)], rubric)
    people = []
    for i in range(participants):
        plan, expected = plan_answers(rubric, random.Random(seed + i))
        people.append(Participant(f"participant-{i + 1:02d}", workshop.joins[i % companies].token, plan, expected))

    def go(base: str) -> float:
        started = time.perf_counter()
        asyncio.run(_run_all(people, base, rubric, think, timeout, seed))
        return time.perf_counter() - started

    load_before = machine_load()
    if url is None:
        with Room(servers, database_url) as room:
            wall = go(room.url)
            proxy = "nginx" if room.proxy else "none"
    else:
        wall, proxy = go(url.rstrip("/")), "external"

    fac = workshops.authenticate(workshop.id, workshop.key, guesser="load test")
    stored = {p.name: dict(p.choices) for c in workshops.cohort_answers(fac) for p in c.participants}
    workshops.store.close()
    kept = sum(1 for p in people for qid, cid in p.sent.items() if stored.get(p.name, {}).get(qid) == cid)
    latencies = [x for p in people for x in p.latencies]
    return {
        "participants": participants,
        "joined": len(stored),
        "answers_expected": sum(p.expected for p in people),
        "answers_sent": sum(len(p.sent) for p in people),
        "answers_stored": kept,
        "lost": sum(len(p.sent) for p in people) - kept,
        "errors": [f"{p.name}: {p.error}" for p in people if p.error],
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1) if latencies else None,
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "servers": servers if url is None else "external",
        "proxy": proxy,
        "database": database_url.split("://")[0].split("+")[0],
        "wall_s": round(wall, 1),
        "load": f"{load_before} before, {machine_load()} after (1-min load average/cores)",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=30, help=f"1-{MAX_PARTICIPANTS} (default 30)")
    parser.add_argument("--companies", type=int, help="companies the participants are spread over (default 6, "
                                                      "at most one per participant)")
    parser.add_argument("--servers", type=int, default=1,
                        help=f"app processes, 1-{MAX_SERVERS}; more than one run behind nginx (deploy/nginx.conf)")
    parser.add_argument("--database-url", help="database for the server(s) (default: a new temporary SQLite file)")
    parser.add_argument("--url", help="an already running local server (then --database-url must be its database)")
    parser.add_argument("--think", type=float, default=0.0, help="up to this many seconds between answers")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before unfinished participants stop")
    parser.add_argument("--seed", type=int, default=5, help="seed of the participants' random answers")
    args = parser.parse_args(argv)
    if not 1 <= args.participants <= MAX_PARTICIPANTS:
        parser.error(f"--participants must be 1-{MAX_PARTICIPANTS}")
    if args.companies is None:
        args.companies = min(6, max(args.participants, 1))
    if not 1 <= args.companies <= args.participants:
        parser.error("--companies must be between 1 and the number of participants")
    if not 1 <= args.servers <= MAX_SERVERS:
        parser.error(f"--servers must be 1-{MAX_SERVERS}")
    if not 0 <= args.think <= 60:
        parser.error("--think must be 0-60 seconds")
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname
        if host not in LOCAL_HOSTS:
            parser.error("--url must be a server on this machine (127.0.0.1 or localhost)")
        if not args.database_url:
            parser.error("--url needs --database-url (the server's database, to create the workshop and check)")
    with tempfile.TemporaryDirectory() as tmp:
        database_url = args.database_url or f"sqlite:///{tmp}/load.sqlite3"
        summary = run_load(args.participants, args.companies, database_url, url=args.url, think=args.think,
                           timeout=min(args.timeout, 3600), seed=args.seed, servers=args.servers)
    for key, value in summary.items():
        if key != "errors":
            print(f"{key}: {value}")
    for line in summary["errors"][:10]:
        print(f"error: {line}")
    ok = (summary["lost"] == 0 and not summary["errors"]
          and summary["answers_expected"] == summary["answers_sent"] == summary["answers_stored"])
    print("nothing lost" if ok else "PROBLEM: expected, sent and stored answers differ, or participants failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
