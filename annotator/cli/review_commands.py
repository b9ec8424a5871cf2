"""`annotator review`: open the review window on a project."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store import Store


def register(commands) -> dict:
    """Add `review` to the parser; returns its handler."""
    review = commands.add_parser(
        "review",
        help="open the review window: layers side by side, agreement, gold adjudication",
        description="Open the review window. The reviewer (--reviewer, else the project's "
        "current annotator) is made a reviewer: reviewers edit the gold layer.",
    )
    review.add_argument("--reviewer", metavar="NAME", help="who reviews")
    return {"review": run_review}


def run_review(args: argparse.Namespace, store: Store) -> int:
    from annotator.ui.app import application, current_annotator_name
    from annotator.ui.review_window import open_review_window

    app = application()
    name = args.reviewer or current_annotator_name(store)
    if not name:
        return 0
    window = open_review_window(store, name)  # noqa: F841 - kept open while the app runs
    return app.exec()
