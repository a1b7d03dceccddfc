"""Nothing leaves the machine: a browser session over every page requests only 127.0.0.1, and the
server started with the project's own settings listens on 127.0.0.1 only and fetches nothing.

The server here is started the way `scripts/app.sh` starts it: no address, usage-stats or upload
options on the command line, so `.streamlit/config.toml` is what is tested.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from assessment.answers import new_assessment
from assessment.storage.store import Store
from tests.browser.server import ROOT, free_port

pytestmark = pytest.mark.browser

PAGES = ("", "questionnaire", "results", "workbench", "download", "methodology", "workshop_join",
         "workshop_dashboard", "workshop_create")


class ProxyTrap:
    """A listener posing as the HTTP(S) proxy: any outgoing request of the server that honours the
    proxy settings (Python's urllib and requests do) arrives here and is recorded."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.seen: list[bytes] = []
        self.stopped = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.seen.append(conn.recv(200))
                except OSError:
                    self.seen.append(b"?")

    def close(self) -> None:
        self.stopped = True
        self.thread.join(2)
        self.sock.close()


def _non_loopback_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory: pytest.TempPathFactory):
    """`streamlit run app.py` with only a port and headless mode given, and a proxy trap set."""
    folder = tmp_path_factory.mktemp("privacy-db")
    trap = ProxyTrap()
    proxy = f"http://127.0.0.1:{trap.port}"
    env = {**os.environ, "ASSESSMENT_DATABASE_URL": f"sqlite:///{folder}/app.sqlite3", "HTTP_PROXY": proxy,
           "HTTPS_PROXY": proxy, "http_proxy": proxy, "https_proxy": proxy, "NO_PROXY": "", "no_proxy": ""}
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                                "--server.headless", "true"], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(f"{url}_stcore/health",
                                                                                  timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                log.seek(0)
                raise RuntimeError(log.read().decode(errors="replace")[-2000:]) from None
            time.sleep(0.1)
    yield url, port, trap, folder, log
    process.terminate()
    process.wait(10)
    trap.close()
    log.close()


def test_every_page_requests_only_127_0_0_1(plain_server, browser, rubric) -> None:
    url, _, trap, folder, log = plain_server
    store = Store(f"sqlite:///{folder}/app.sqlite3", rubric=rubric)
    token = store.create(new_assessment(rubric, name="Privacy Test Co"))
    store.close()
    hosts: list[str] = []
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(20_000)

    def record(route) -> None:
        host = urlsplit(route.request.url).hostname or route.request.url[:40]
        hosts.append(host)
        if host == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()  # recorded above; never sent

    context.route("**/*", record)
    page = context.new_page()
    for path in PAGES:
        page.goto(f"{url}{path}?a={token}" if path else url)
        page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
        page.get_by_test_id("stSidebar").wait_for()
        page.wait_for_timeout(300)  # late requests (icons, fonts) of the finished page
    context.close()
    assert hosts, "the browser made no request at all?"
    others = sorted({h for h in hosts if h != "127.0.0.1"})
    assert others == [], f"requests to {others}"
    log.seek(0)
    output = log.read().decode(errors="replace")
    assert "External URL" not in output and "Network URL" not in output, output[-1000:]
    assert trap.seen == [], f"the server made outgoing requests: {trap.seen}"


def test_the_server_listens_on_127_0_0_1_only(plain_server) -> None:
    _, port, _, _, _ = plain_server
    with socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    address = _non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback address to try")
    with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
        pass
