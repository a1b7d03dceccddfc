#!/usr/bin/env python3
"""Workshop load run: N simulated participants join and answer at once on one local app server.

Each participant is a real Streamlit session driven over the app's own websocket protocol (what a
browser tab does): it opens its company's join link, enters a name, then answers every question,
page by page, as fast as the server allows. The latency of one saved answer is the time from sending
the changed choice until the server has finished the rerun (the answer is written to the database
in the widget's callback, before the page is redrawn). At the end every participant's stored answers
are read back through the facilitator's view and compared with what was sent.

    python scripts/workshop_load.py                       # 30 participants, own server, temporary SQLite
    python scripts/workshop_load.py --database-url postgresql+psycopg://...   # own server on PostgreSQL

Bounded: at most 60 participants, one overall timeout, localhost only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from assessment.rubric import Rubric, load_rubric  # noqa: E402
from assessment.store import Store  # noqa: E402
from assessment.workshop_store import JOIN_PAGE, JOIN_PARAM, WorkshopStore  # noqa: E402

MAX_PARTICIPANTS = 60
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
FINISHED = {0, 3}  # ScriptFinishedStatus: FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def app_server(database_url: str, port: int, timeout: float = 60) -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1:port against `database_url`; yields its base URL, stops it after."""
    env = {**os.environ, "ASSESSMENT_DATABASE_URL": database_url}
    with tempfile.TemporaryFile() as log:
        yield from _serve(env, port, timeout, log)


def _serve(env: dict[str, str], port: int, timeout: float, log: IO[bytes]) -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"app server exited: {log.read().decode(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:  # noqa: S310 - localhost
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("app server did not start in time")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Session:
    """One browser tab's worth of Streamlit protocol: rerun with widget states, collect the elements."""

    def __init__(self, ws: websockets.ClientConnection, query_string: str) -> None:
        self.ws = ws
        self.query_string = query_string
        self.page_hash = ""
        self.states: dict[str, WidgetState] = {}

    async def run(self, page_name: str = "", triggers: tuple[WidgetState, ...] = ()) -> list[tuple[str, object]]:
        msg = BackMsg()
        msg.rerun_script.query_string = self.query_string
        if self.page_hash:
            msg.rerun_script.page_script_hash = self.page_hash
        else:
            msg.rerun_script.page_name = page_name
        msg.rerun_script.widget_states.widgets.extend([*self.states.values(), *triggers])
        await self.ws.send(msg.SerializeToString())
        elements: list[tuple[str, object]] = []
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                name = el.WhichOneof("type")
                elements.append((name, getattr(el, name)))
            elif kind == "page_info_changed":
                self.query_string = fm.page_info_changed.query_string
            elif kind == "navigation":
                self.page_hash = fm.navigation.page_script_hash
            elif kind == "script_finished":
                if fm.script_finished in FINISHED:
                    errors = [e.message for n, e in elements if n == "exception"]
                    if errors:
                        raise RuntimeError(f"the page raised: {errors[0]}")
                    return elements
                elements = []  # a rerun follows (e.g. after st.switch_page)


def _widgets(elements: list[tuple[str, object]], kind: str) -> list:
    return [e for name, e in elements if name == kind]


@dataclass
class Participant:
    name: str
    join_token: str
    seed: int
    latencies: list[float] = field(default_factory=list)
    sent: dict[str, str] = field(default_factory=dict)  # question id -> choice id
    error: str | None = None


async def participate(p: Participant, base: str, rubric: Rubric, think: float, pages: int) -> None:
    """Join, then answer every question (random choices), page by page, timing each saved answer."""
    by_text = {q.text: q for q in rubric.questions}
    rnd = random.Random(p.seed)
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60) as ws:
            s = Session(ws, f"{JOIN_PARAM}={p.join_token}")
            page = await s.run(JOIN_PAGE)
            name_box = _widgets(page, "text_input")[0]
            join = next(b for b in _widgets(page, "button") if b.label == "Join and start")
            page = await s.run(triggers=(WidgetState(id=name_box.id, string_value=p.name),
                                         WidgetState(id=join.id, trigger_value=True)))
            for _ in range(pages):
                for radio in _widgets(page, "radio"):
                    question = by_text[radio.label]
                    choice = rnd.choice(rubric.choices_for(question))
                    s.states[radio.id] = WidgetState(id=radio.id, string_value=choice.label)
                    started = time.perf_counter()
                    page = await s.run()
                    p.latencies.append(time.perf_counter() - started)
                    p.sent[question.id] = choice.id
                    if think:
                        await asyncio.sleep(think * rnd.random())
                following = [b for b in _widgets(page, "button") if b.label.startswith("Next:")]
                if not following:
                    break
                s.states.clear()  # the next page has other widgets
                page = await s.run(triggers=(WidgetState(id=following[0].id, trigger_value=True),))
    except Exception as exc:  # reported in the summary
        p.error = f"{type(exc).__name__}: {exc}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def _run_all(participants: list[Participant], base: str, rubric: Rubric, think: float, timeout: float,
                   pages: int) -> None:
    tasks = [asyncio.create_task(participate(p, base, rubric, think, pages)) for p in participants]
    _, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    for p, task in zip(participants, tasks, strict=True):
        if task in pending:
            p.error = p.error or f"did not finish within {timeout:.0f} s"


def run_load(participants: int, companies: int, database_url: str, *, url: str | None = None, think: float = 0.0,
             timeout: float = 600, seed: int = 5, pages: int | None = None) -> dict[str, object]:
    """Create a workshop, run the participants against the server, check the stored answers; a summary.

    `pages`: how many questionnaire pages (principles) each participant answers (default: all).
    """
    rubric = load_rubric()
    pages = len(rubric.principles) if pages is None else max(1, min(pages, len(rubric.principles)))
    workshops = WorkshopStore(Store(database_url, rubric=rubric))
    workshop = workshops.create_workshop(f"Load run {time.strftime('%H:%M:%S')}",
                                         [f"Company {i + 1}" for i in range(companies)], rubric)
    people = [Participant(f"participant-{i + 1:02d}", workshop.joins[i % companies].token, seed + i)
              for i in range(participants)]

    def go(base: str) -> float:
        started = time.perf_counter()
        asyncio.run(_run_all(people, base, rubric, think, timeout, pages))
        return time.perf_counter() - started

    if url is None:
        with app_server(database_url, free_port()) as base:
            wall = go(base)
    else:
        wall = go(url.rstrip("/"))

    fac = workshops.authenticate(workshop.id, workshop.key)
    stored = {p.name: dict(p.choices) for c in workshops.cohort_answers(fac) for p in c.participants}
    lost = sum(1 for p in people for qid, cid in p.sent.items() if stored.get(p.name, {}).get(qid) != cid)
    latencies = [x for p in people for x in p.latencies]
    workshops.store.close()
    return {
        "participants": participants,
        "joined": len(stored),
        "answers_sent": sum(len(p.sent) for p in people),
        "answers_stored": sum(len(v) for v in stored.values()),
        "lost": lost,
        "errors": [f"{p.name}: {p.error}" for p in people if p.error],
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1) if latencies else None,
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "wall_s": round(wall, 1),
        "database": database_url.split("://")[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=30, help=f"1-{MAX_PARTICIPANTS} (default 30)")
    parser.add_argument("--companies", type=int, default=6, help="companies the participants are spread over")
    parser.add_argument("--database-url", help="database for the server (default: a new temporary SQLite file)")
    parser.add_argument("--url", help="an already running local server (then --database-url must be its database)")
    parser.add_argument("--think", type=float, default=0.0, help="up to this many seconds between answers")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before unfinished participants stop")
    args = parser.parse_args(argv)
    if not 1 <= args.participants <= MAX_PARTICIPANTS:
        parser.error(f"--participants must be 1-{MAX_PARTICIPANTS}")
    if not 1 <= args.companies <= args.participants:
        parser.error("--companies must be between 1 and the number of participants")
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname
        if host not in LOCAL_HOSTS:
            parser.error("--url must be a server on this machine (127.0.0.1 or localhost)")
        if not args.database_url:
            parser.error("--url needs --database-url (the server's database, to create the workshop and check)")
    with tempfile.TemporaryDirectory() as tmp:
        database_url = args.database_url or f"sqlite:///{tmp}/load.sqlite3"
        summary = run_load(args.participants, args.companies, database_url, url=args.url, think=args.think,
                           timeout=min(args.timeout, 3600))
    for key, value in summary.items():
        if key != "errors":
            print(f"{key:>15}: {value}")
    for line in summary["errors"][:10]:
        print(f"error: {line}")
    ok = summary["lost"] == 0 and not summary["errors"] and summary["answers_stored"] == summary["answers_sent"]
    print("nothing lost" if ok else "PROBLEM: answers missing or participants failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
