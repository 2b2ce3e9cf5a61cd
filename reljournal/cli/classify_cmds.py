"""Classification commands: classify, override, effort."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from reljournal.cli import EXIT_OK, UserError
from reljournal.cli.opening import open_journal
from reljournal.core.model import LABELS


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "classify",
        parents=[common],
        help="classify accounts as transactional or relational and say why",
        description="Classify every account (or one) from its journal and print the result "
        "with the reasons, each quoting the journal.",
    )
    p.add_argument("account", nargs="?", help="only this account")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_classify)
    p = sub.add_parser(
        "override",
        parents=[common],
        help="override an account's label with a reason",
        description="Set (or with --clear remove) your own label for an account. The computed "
        "result stays visible beside it.",
    )
    p.add_argument("account")
    p.add_argument("label", nargs="?", choices=LABELS)
    p.add_argument("--reason", help="why (required when setting)")
    p.add_argument("--clear", action="store_true", help="remove the override")
    p.set_defaults(handler=cmd_override)
    p = sub.add_parser(
        "effort",
        parents=[common],
        help="compare the effort plan with the effort you logged",
        description="List accounts where the effort logged in the last 90 days does not match "
        "what the account's class calls for.",
    )
    p.add_argument("--all", action="store_true", help="list every account, not only mismatches")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_effort)


def _results(args: argparse.Namespace) -> list[dict[str, Any]]:
    journal = open_journal(args)
    try:
        return journal.classification_report(args.account, today=dt.date.today())
    finally:
        journal.close()


def cmd_classify(args: argparse.Namespace) -> int:
    results = _results(args)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not results:
        print("The journal has no accounts yet.")
    for r in results:
        override = ""
        if r["override"]:
            override = f"  (you set: {r['override']['label']} — {r['override']['reason']})"
        print(
            f"{r['account']}: {r['label']} (score {r['score']:.2f}, "
            f"confidence {r['confidence']:.2f}){override}"
        )
        for reason in r["reasons"][:5]:
            weight = reason["weight"]
            side = "relational" if weight > 0 else "transactional" if weight < 0 else "undecided"
            when = reason["date"] or "undated"
            print(f"  {when}  {side:<13} \u201c{reason['quote']}\u201d  [{reason['signal']}]")
        if not r["reasons"]:
            print("  no evidence yet: ask them what they expect")
    return EXIT_OK


def cmd_override(args: argparse.Namespace) -> int:
    if args.clear == bool(args.label):
        raise UserError("Give either a LABEL with --reason, or --clear.")
    journal = open_journal(args)
    try:
        account = journal.find_account(args.account)
        assert account.id is not None
        if args.clear:
            if journal.clear_override(account.id):
                print(f"Removed your override for {account.name}.")
            else:
                print(f"{account.name} had no override.")
            return EXIT_OK
        if not args.reason or not args.reason.strip():
            raise UserError('Say why with --reason "…".')
        journal.set_override(account.id, args.label, args.reason)
    finally:
        journal.close()
    print(f"{account.name} is now {args.label} (your override).")
    return EXIT_OK


def cmd_effort(args: argparse.Namespace) -> int:
    args.account = None
    results = _results(args)
    rows = [r for r in results if args.all or r["effort"].get("mismatch")]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("No mismatches: your effort matches what each account wants.")
        return EXIT_OK
    for r in rows:
        effort = r["effort"]
        label = r["override"]["label"] if r["override"] else r["label"]
        mismatch = effort.get("mismatch") or "ok"
        print(
            f"{r['account']}: {label}, {effort.get('minutes_90d', 0)} min in "
            f"{effort.get('contacts_90d', 0)} contacts over 90 days — {mismatch.replace('_', ' ')}"
        )
    return EXIT_OK
