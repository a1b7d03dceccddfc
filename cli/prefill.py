"""`assessment prefill CARD.md [--json]`: suggested answers, with evidence, from a model card."""

from __future__ import annotations

import argparse
import json
import sys


def cmd_prefill(args: argparse.Namespace) -> int:
    from assessment.modelcard import prefill_card, read_card_file  # huggingface_hub loads only for this command
    from assessment.modelcard.mapping import load_mapping
    from assessment.rubric import load_rubric

    rubric = load_rubric(args.rubric)
    mapping = load_mapping(rubric, args.mapping)
    result = prefill_card(read_card_file(args.card), rubric, args.card, mapping)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(f"{args.card}: {len(result.suggestions)} suggested answer{'' if len(result.suggestions) == 1 else 's'}")
    for qid, s in result.suggestions.items():
        _, question = rubric.question_index[qid]
        choice = question.choice(s.choice)
        print(f"\n  [{qid}] {question.text}\n    suggested: {choice.label if choice else s.choice}"
              f"\n    evidence:  {s.evidence}")
        if s.note:
            print(f"    note:      {s.note}")
    if result.unmapped:
        print("\nNot used:")
        for u in result.unmapped:
            print(f"  {u.field}: {u.reason}" + (f" ({u.evidence})" if u.evidence else ""))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("prefill", help="suggest answers from a Hugging Face model card (a local README.md)",
                       description="Read a model card (Markdown with YAML front matter) from a local file, never"
                                   " the network, and print the answers it suggests with the card line each came from.")
    p.add_argument("card", help="model card file (README.md with YAML front matter), at most 1 MB")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--mapping", default=None, help="prefill mapping YAML (default: rubrics/prefill/model-card.yaml)")
    p.set_defaults(run=cmd_prefill)
