"""`assessment workshop create|progress|export ...`: workshops from the command line.

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
from pathlib import Path
from typing import TYPE_CHECKING

from assessment.errors import InputError

if TYPE_CHECKING:
    from assessment.workshop_store import Facilitator, WorkshopStore

KEY_ENV = "ASSESSMENT_FACILITATOR_KEY"
PUBLIC_URL_ENV = "ASSESSMENT_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"


def _workshops(args: argparse.Namespace) -> WorkshopStore:
    from assessment.rubric import load_rubric
    from assessment.store import Store
    from assessment.workshop_store import WorkshopStore

    return WorkshopStore(Store(rubric=load_rubric(args.rubric)))


def _read_key() -> str:
    key = os.environ.get(KEY_ENV, "")
    if key.strip():
        return key
    if not sys.stdin.isatty():
        raise InputError("facilitator key", f"set {KEY_ENV} or run the command in a terminal to type the key")
    return getpass.getpass("Facilitator key: ")


def _authenticate(workshops: WorkshopStore, workshop_id: str) -> Facilitator:
    from assessment.store import StoreError
    from assessment.workshop_auth import AccessDenied

    key = _read_key()
    try:
        return workshops.authenticate(workshop_id, key)
    except (AccessDenied, StoreError) as exc:
        raise InputError(f"workshop {workshop_id}", str(exc)) from None


def cmd_create(args: argparse.Namespace) -> int:
    from assessment.rubric import load_rubric
    from assessment.store import StoreError
    from assessment.workshop_store import join_url

    companies = list(args.company or [])
    if args.companies_file:
        try:
            lines = Path(args.companies_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(args.companies_file, f"cannot read file ({exc})") from None
        companies += [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    try:
        created = _workshops(args).create_workshop(args.name, companies, load_rubric(args.rubric))
    except StoreError as exc:
        raise InputError("workshop", str(exc)) from None
    base = args.base_url or os.environ.get(PUBLIC_URL_ENV) or DEFAULT_PUBLIC_URL
    links = [(j.company, join_url(base, j.token)) for j in created.joins]
    if args.json:
        json.dump({"id": created.id, "name": created.name, "facilitator_key": created.key,
                   "join_links": [{"company": c, "url": u} for c, u in links]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f'Workshop "{created.name}" created.')
    print(f"Workshop ID: {created.id}")
    print(f"Facilitator key (shown only now; keep it in a password manager): {created.key}")
    print("Join links (send each company only its own link):")
    for company, url in links:
        print(f"  {company}: {url}")
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
    from assessment.workshop import aggregate_cohort
    from reports.workshop import cohort_csv, cohort_excel, consensus_reports_zip

    workshops = _workshops(args)
    fac = _authenticate(workshops, args.workshop)
    cohort = aggregate_cohort(workshops.store.rubric_for(fac.rubric), workshops.cohort_answers(fac))
    if args.csv:
        _write(args.csv, cohort_csv(cohort))
    if args.excel:
        _write(args.excel, cohort_excel(cohort))
    if args.reports:
        _write(args.reports, consensus_reports_zip(cohort, workshop=fac.name))
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
