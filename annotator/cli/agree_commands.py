"""`annotator agree`: agreement between annotators' layers, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.cli.output import echo

if TYPE_CHECKING:
    from annotator.core.store import Store


def register(commands) -> dict:
    """Add `agree` to the parser; returns its handler."""
    agree = commands.add_parser(
        "agree",
        help="inter-annotator agreement: span F1, token kappa, Fleiss, alpha, relations",
        description="Agreement between annotators' layers (default: everyone but the gold "
        "layer): per label, exact and overlap span F1 and token-level Cohen's kappa averaged "
        "over annotator pairs, Fleiss' kappa and Krippendorff's alpha across all annotators; "
        "then each pair, relation agreement (same quote, same speaker) and the documents "
        "only some annotators worked on. Partial overlaps lower exact F1; they are never "
        "dropped.",
    )
    agree.add_argument(
        "--annotator", action="append", metavar="NAME", help="compare this annotator (repeatable)"
    )
    agree.add_argument(
        "--label", action="append", metavar="LABEL", help="only this label (repeatable)"
    )
    agree.add_argument(
        "--json", metavar="FILE", help="also write the full report as JSON ('-': print it only)"
    )
    agree.add_argument("--csv", metavar="DIR", help="also write CSV tables into this folder")
    agree.add_argument(
        "--documents",
        action="store_true",
        help="also list every document's agreement, most disagreement first",
    )
    return {"agree": run_agree}


def _num(value: float | None, width: int = 10) -> str:
    return f"{'-' if value is None else f'{value:.3f}':>{width}}"


def _disagreement_first(doc) -> tuple:
    """Sort key: lowest overlap F1 first, then exact F1, then kappa; undefined last."""
    values = (doc.overlap_f1, doc.exact_f1, doc.kappa)
    return (*(2.0 if v is None else v for v in values), doc.document_id)


def run_agree(args: argparse.Namespace, store: Store) -> None:
    from annotator.core.team.agreement import compute_agreement
    from annotator.core.team.agreement_report import ALL_LABELS

    report = compute_agreement(store, annotators=args.annotator, labels=args.label)
    data = report.to_dict()
    if args.json == "-":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if args.json:
        Path(args.json).write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"wrote {args.json}", file=sys.stderr)
    if args.csv:
        paths = report.write_csv(args.csv)
        print(f"wrote {len(paths)} CSV files into {args.csv}", file=sys.stderr)

    def line(text: str = "") -> None:
        echo(args, text)

    compared = len(report.per_document)
    line(f"agreement of {len(report.annotators)} annotators: {', '.join(report.annotators)}")
    line(
        f"documents: {compared} with two or more annotators, {len(report.fleiss_documents)} "
        f"with all of them, {len(report.partial_documents)} with only some "
        f"({len(report.single_annotator_documents)} with one only)"
    )
    line()
    line(f"{'label':<16}{'exact F1':>10}{'overlap F1':>12}{'kappa':>10}{'Fleiss':>10}{'alpha':>10}")
    for label, s in [*report.summary.items(), (ALL_LABELS, report.overall)]:
        line(
            f"{label:<16}{_num(s.exact_f1)}{_num(s.overlap_f1, 12)}{_num(s.kappa)}"
            f"{_num(s.fleiss_kappa)}{_num(s.alpha)}"
        )
    line("(F1 and kappa: means over annotator pairs; kappa on tokens; - : nothing to compare)")
    line()
    line(f"{'pair':<24}{'docs':>6}{'exact F1':>10}{'overlap F1':>12}{'kappa':>10}{'tokens':>9}")
    for p in report.pairs:
        o = p.overall
        line(
            f"{p.a + ' / ' + p.b:<24}{len(p.documents):>6}{_num(o.exact_f1)}"
            f"{_num(o.overlap_f1, 12)}{_num(o.kappa)}{o.n_tokens:>9}"
        )
    if report.relation_labels:
        line()
        line(f"{'relation':<14}{'pair':<24}{'shared':>8}{'same':>8}{'share':>10}")
        for p in report.pairs:
            for rel, r in p.relations.items():
                line(
                    f"{rel:<14}{p.a + ' / ' + p.b:<24}{r.shared_heads:>8}{r.same_target:>8}"
                    f"{_num(r.share)}"
                )
        line("(shared: heads both marked, linked by at least one; same: linked to the same)")
    if report.partial_documents:
        line()
        line(f"documents only some annotators worked on ({len(report.partial_documents)}):")
        for doc, present in report.partial_documents:
            missing = [a for a in report.annotators if a not in present]
            line(f"  {doc:>6}  {', '.join(present)}  (missing: {', '.join(missing)})")
    if args.documents and report.per_document:
        line()
        line(f"{'document':>8}  {'exact F1':>10}{'overlap F1':>12}{'kappa':>10}{'alpha':>10}  who")
        rows = sorted(report.per_document.values(), key=_disagreement_first)
        for d in rows:
            line(
                f"{d.document_id:>8}  {_num(d.exact_f1)}{_num(d.overlap_f1, 12)}{_num(d.kappa)}"
                f"{_num(d.alpha)}  {', '.join(d.annotators)}"
            )
    line()
    for note in report.notes:
        line(f"note: {note}")


run_agree.reads_only = True  # opens the project read-only: nothing written, none created
