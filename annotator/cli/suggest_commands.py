"""`annotator suggest RECIPE` (store suggestions for the window, or write them as JSONL
lines in our export format with -o) and `annotator suggestions` (counts, --clear)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from annotator.cli.output import Report, echo

if TYPE_CHECKING:
    from annotator.core.model import Annotator
    from annotator.core.store import Store
    from annotator.core.suggest.recipes import Recipe

ALL = "*"  # `--clear` without a recipe: every recipe's suggestions


def register(commands) -> dict:
    """Add `suggest` and `suggestions` to the parser; returns their handlers."""
    suggest = commands.add_parser(
        "suggest",
        help="run a suggestion recipe: store its suggestions, or write them as JSONL (-o)",
        description="Run a recipe over the project's documents: quotes (quotations and "
        "their speakers, by rules), propagate (what an annotator tagged, on its other "
        "occurrences) or model (a model trained with `annotator train`). Without -o the "
        "suggestions are stored in the project for the window, in place of the recipe's "
        "earlier ones; with -o they are written as JSONL lines in the export format (one "
        'line per document, "_annotator_id" suggest:RECIPE) that `annotator import` reads.',
    )
    suggest.add_argument("recipe", metavar="RECIPE", help="quotes, propagate or model")
    suggest.add_argument(
        "--annotator",
        metavar="NAME",
        help="whose layer a per-annotator recipe (propagate, model) works on (default: the "
        "project's only annotator)",
    )
    suggest.add_argument(
        "--document",
        action="append",
        type=int,
        metavar="ID",
        help="only this document (repeatable; default: all)",
    )
    suggest.add_argument("--model", metavar="DIR", help="the model recipe's pipeline folder")
    suggest.add_argument(
        "--threshold",
        type=float,
        metavar="X",
        help="keep only suggestions at least this sure (0 to 1)",
    )
    suggest.add_argument(
        "-o",
        "--output",
        metavar="FILE.jsonl",
        help="write the suggestions to this file instead of storing them",
    )

    listing = commands.add_parser(
        "suggestions",
        help="stored suggestions and rejections per recipe, or --clear them",
        description="Without options: per recipe, how many suggestions are stored and how "
        "many were rejected. --clear [RECIPE] removes the stored suggestions (of one "
        "recipe); rejections are kept, so what was rejected does not come back.",
    )
    listing.add_argument(
        "--clear",
        nargs="?",
        const=ALL,
        metavar="RECIPE",
        help="remove the stored suggestions (of this recipe only)",
    )
    return {"suggest": run_suggest, "suggestions": run_suggestions}


def _options(args: argparse.Namespace, recipe: Recipe) -> dict:
    from annotator.core.errors import ValidationError
    from annotator.core.suggest.threshold import check_threshold

    options: dict = {}
    if args.model is not None:
        if recipe.name != "model":
            raise ValidationError(f"--model is for the model recipe, not {recipe.name!r}")
        options["model"] = args.model
    if args.threshold is not None:
        options["threshold"] = check_threshold(args.threshold)
    return options


def _annotator(store: Store, recipe: Recipe, name: str | None) -> Annotator | None:
    """The annotator a recipe works for: the one named, else the only one (gold and
    imported suggestion layers aside) when the recipe needs one."""
    from annotator.core.errors import ValidationError
    from annotator.core.model import GOLD_LAYER

    if name is not None:
        return store.annotator_by_name(name)
    if not recipe.per_annotator:
        return None
    people = [
        a for a in store.annotators() if a.name != GOLD_LAYER and not a.name.startswith("suggest:")
    ]
    if len(people) == 1:
        return people[0]
    which = f"{len(people)}: {', '.join(a.name for a in people)}" if people else "none yet"
    raise ValidationError(
        f"the {recipe.name} recipe works on one annotator's layer: name it with "
        f"--annotator NAME (the project's annotators: {which})"
    )


def _document_ids(store: Store, wanted: list[int] | None) -> list[int] | None:
    from annotator.core.errors import NotFoundError

    if wanted is None:
        return None
    known = set(store.documents.ids())
    missing = [str(doc) for doc in wanted if doc not in known]
    if missing:
        raise NotFoundError(f"no document with id {', '.join(missing)}")
    return list(dict.fromkeys(wanted))


def run_suggest(args: argparse.Namespace, store: Store) -> None:
    from annotator.core.suggest.recipes import get_recipe, run_recipe

    recipe = get_recipe(args.recipe)
    options = _options(args, recipe)
    who = _annotator(store, recipe, args.annotator)
    ids = _document_ids(store, args.document)
    lines = Report()
    if args.output is not None:
        from annotator.core.suggestion_lines import write_suggestion_lines

        written = write_suggestion_lines(
            store, recipe, who.id if who else None, ids, options, args.output
        )
        lines.out(
            f"{recipe.name}: wrote {written.suggestions} suggestions, {written.links} links "
            f"on {_documents(written.documents)} to {args.output}"
        )
    else:
        report = run_recipe(store, recipe.name, who.id if who else None, ids, options)
        whose = f" for {who.name}" if who and recipe.per_annotator else " for every annotator"
        lines.out(
            f"{recipe.name}: {report.suggestions} suggestions on {_documents(report.documents)} "
            f"stored{whose}"
        )
    lines.print()


def _documents(n: int) -> str:
    return "1 document" if n == 1 else f"{n} documents"


def run_suggestions(args: argparse.Namespace, store: Store) -> None:
    from annotator.core.errors import NotFoundError
    from annotator.core.suggest.recipes import RECIPES

    counts = store.suggestions.counts()
    if args.clear is not None:
        recipe = None if args.clear == ALL else args.clear
        if recipe is not None and recipe not in RECIPES and recipe not in counts:
            raise NotFoundError(f"no recipe called {recipe!r}; known recipes: {', '.join(RECIPES)}")
        removed, _ = store.suggestions.clear(recipe)
        lines = Report()
        lines.out(f"removed {removed} suggestions ({recipe or 'every recipe'}); rejections kept")
        lines.print()
        return
    if not counts:
        echo(args, "no suggestions stored and none rejected")
        return
    echo(args, f"{'recipe':<12} {'stored':>8} {'rejected':>9}")
    for name, (stored, rejected) in counts.items():
        echo(args, f"{name:<12} {stored:>8} {rejected:>9}")
