"""`assessment workshop create|progress|export|rerun ...`: workshops from the command line.

The facilitator key is read from $ASSESSMENT_FACILITATOR_KEY or typed at a hidden prompt, never
taken as a command-line argument (arguments end up in shell history and process lists). The
database is $ASSESSMENT_DATABASE_URL (default: the local SQLite file), like the app's.
Heavy modules (SQLAlchemy, pandas, reportlab) are imported only when a workshop command runs.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from assessment.errors import InputError

if TYPE_CHECKING:
    from assessment.workshop.models import JoinLink
    from assessment.workshop.store import Facilitator, WorkshopStore

KEY_ENV = "ASSESSMENT_FACILITATOR_KEY"
PUBLIC_URL_ENV = "ASSESSMENT_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"


def _join_links(args: argparse.Namespace, joins: Iterable[JoinLink]) -> list[dict[str, str]]:
    """Each company's join link on the public address (--base-url, ASSESSMENT_PUBLIC_URL or the default)."""
    from assessment.workshop.store import join_url  # lazily, like the store: `assessment --help` stays quick

    base = args.base_url or os.environ.get(PUBLIC_URL_ENV) or DEFAULT_PUBLIC_URL
    return [{"company": j.company, "url": join_url(base, j.token)} for j in joins]


def _dump(data: dict[str, object]) -> None:
    json.dump(data, sys.stdout, indent=2)
    sys.stdout.write("\n")


def _print_links(links: list[dict[str, str]]) -> None:
    print("Join links (send each company only its own link):")
    for link in links:
        print(f"  {link['company']}: {link['url']}")

def _workshops(args: argparse.Namespace) -> WorkshopStore:
    from assessment.rubric import load_rubric
    from assessment.storage.store import Store
    from assessment.workshop.store import WorkshopStore

    return WorkshopStore(Store(rubric=load_rubric(args.rubric)))


def _read_key() -> str:
    key = os.environ.get(KEY_ENV, "")
    if key.strip():
        return key
    if not sys.stdin.isatty():
        raise InputError("facilitator key", f"set {KEY_ENV} or run the command in a terminal to type the key")
    return getpass.getpass("Facilitator key: ")


def guesser() -> str:
    """Who is typing, for the wrong-key throttle: the operating-system user (stored only hashed)."""
    try:
        return f"command line: {getpass.getuser()}"
    except (KeyError, OSError):  # no user name (e.g. a container without /etc/passwd entry)
        return "command line"


def _authenticate(workshops: WorkshopStore, workshop_id: str) -> Facilitator:
    from assessment.storage.store import StoreError
    from assessment.workshop.auth import AccessDenied

    key = _read_key()
    try:
        return workshops.authenticate(workshop_id, key, guesser=guesser())
    except (AccessDenied, StoreError) as exc:
        raise InputError(f"workshop {workshop_id}", str(exc)) from None


COMPANIES_FILE_BYTES = 100_000  # a hundred company names fit many times over


def cmd_create(args: argparse.Namespace) -> int:
    from assessment.rubric import load_rubric
    from assessment.storage.store import StoreError

    companies = list(args.company or [])
    if args.companies_file:
        from assessment.reading import decode_text, read_limited

        raw = read_limited(args.companies_file, COMPANIES_FILE_BYTES)  # a regular file, bounded
        lines = decode_text(raw, args.companies_file).splitlines()
        companies += [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    try:
        created = _workshops(args).create_workshop(args.name, companies, load_rubric(args.rubric))
    except StoreError as exc:
        raise InputError("workshop", str(exc)) from None
    links = _join_links(args, created.joins)
    if args.json:
        _dump({"id": created.id, "name": created.name, "facilitator_key": created.key, "join_links": links})
        return 0
    print(f'Workshop "{created.name}" created.')
    print(f"Workshop ID: {created.id}")
    print(f"Facilitator key (shown only now; keep it in a password manager): {created.key}")
    _print_links(links)
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    workshops = _workshops(args)
    fac = _authenticate(workshops, args.workshop)
    people = workshops.progress(fac)
    print(f"{fac.name}: {len(people)} participant{'s' if len(people) != 1 else ''}")
    for company in workshops.companies(fac):
        mine = [p for p in people if p.company == company]
        print(f"  {company}: {len(mine)} joined")
        for p in mine:
            print(f"    {p.name}: {p.answered}/{p.total} answered, last saved {p.last_saved:%Y-%m-%d %H:%M} UTC")
    return 0


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise InputError(path, f"cannot write file ({exc.strerror or exc})") from None
    print(f"wrote {path}")


def cmd_export(args: argparse.Namespace) -> int:
    if not (args.csv or args.excel or args.reports):
        raise InputError("export", "name at least one output: --csv, --excel or --reports")
    from assessment.progress.reruns import WorkshopReruns
    from assessment.workshop.cohort import aggregate_cohort
    from reports.workshop.exports import cohort_csv, cohort_excel, consensus_reports_zip

    workshops = _workshops(args)
    fac = _authenticate(workshops, args.workshop)
    rubric = workshops.store.rubric_for(fac.rubric)
    cohort = aggregate_cohort(rubric, workshops.cohort_answers(fac))
    earlier = WorkshopReruns(workshops).previous_answers(fac)  # a re-run compares with the run before
    previous = None if earlier is None else aggregate_cohort(rubric, earlier)
    if args.csv:
        _write(args.csv, cohort_csv(cohort, previous))
    if args.excel:
        _write(args.excel, cohort_excel(cohort, previous))
    if args.reports:
        _write(args.reports, consensus_reports_zip(cohort, workshop=fac.name))
    return 0


def cmd_rerun(args: argparse.Namespace) -> int:
    from assessment.progress.reruns import WorkshopReruns
    from assessment.storage.store import StoreError

    workshops = _workshops(args)
    fac = _authenticate(workshops, args.workshop)
    try:
        created = WorkshopReruns(workshops).rerun(fac, workshops.store.rubric_for(fac.rubric), args.name or "")
    except StoreError as exc:
        raise InputError("workshop", str(exc)) from None
    links = _join_links(args, created.joins)
    if args.json:
        _dump({"id": created.id, "name": created.name, "previous": created.previous_id, "join_links": links})
        return 0
    print(f'Workshop "{created.name}" created: a re-run of {created.previous_id} with the same companies.')
    print(f"Workshop ID: {created.id}")
    print("The facilitator key is the same as the earlier run's. Its exports compare with that run.")
    _print_links(links)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    ws = sub.add_parser("workshop", help="create a workshop, follow its progress, export its results",
                        description=f"Workshops. Commands that read results ask for the facilitator key: set"
                                    f" {KEY_ENV} or type it at the prompt. The database is $ASSESSMENT_DATABASE_URL"
                                    " (default: the app's local SQLite file).")
    wsub = ws.add_subparsers(dest="workshop_command", required=True)

    p = wsub.add_parser("create", help="create a workshop; prints its ID, the facilitator key and join links")
    p.add_argument("--name", required=True, help="workshop name")
    p.add_argument("--company", action="append", metavar="NAME", help="a company (repeat for each)")
    p.add_argument("--companies-file", metavar="FILE", help="text file with one company per line")
    p.add_argument("--base-url", help=f"the app's public address for join links (default: ${PUBLIC_URL_ENV}"
                                      f" or {DEFAULT_PUBLIC_URL})")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_create)

    p = wsub.add_parser("progress", help="who has joined and how far each person is")
    p.add_argument("workshop", help="workshop ID")
    p.set_defaults(run=cmd_progress)

    p = wsub.add_parser("export", help="cohort table (CSV, Excel) and consensus reports (ZIP of PDFs)")
    p.add_argument("workshop", help="workshop ID")
    p.add_argument("--csv", metavar="FILE", help="cohort table as CSV")
    p.add_argument("--excel", metavar="FILE", help="cohort workbook (.xlsx)")
    p.add_argument("--reports", metavar="FILE", help="ZIP of every company's consensus PDF report")
    p.set_defaults(run=cmd_export)

    p = wsub.add_parser("rerun", help="re-run a workshop with the same companies (new join links, same key)")
    p.add_argument("workshop", help="ID of the workshop to re-run")
    p.add_argument("--name", help="name of the re-run (default: the workshop's name + ' (re-run)')")
    p.add_argument("--base-url", help=f"the app's public address for join links (default: ${PUBLIC_URL_ENV}"
                                      f" or {DEFAULT_PUBLIC_URL})")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_rerun)
