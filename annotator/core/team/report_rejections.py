"""The report's table of rejected suggestions: per annotator and recipe, how many
suggestions were rejected (kept as data: a rejection is what an annotator said is not
there), so a recipe that annoys one annotator more than the others shows."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

from annotator.core.store import Store


@dataclass(frozen=True)
class RejectedCount:
    """How many suggestions of one recipe one annotator rejected, on how many documents."""

    annotator: str
    recipe: str
    rejected: int
    documents: int


def rejected_counts(store: Store, annotators: list[str] | None = None) -> list[RejectedCount]:
    """Rejections per (annotator, recipe), of these annotators (default: all), by name."""
    names = {a.id: a.name for a in store.annotators()}
    wanted = None if annotators is None else set(annotators)
    counts: Counter[tuple[str, str]] = Counter()
    documents: dict[tuple[str, str], set[int]] = {}
    for rejection in store.suggestions.rejections():
        name = names.get(rejection.annotator_id, f"#{rejection.annotator_id}")
        if wanted is not None and name not in wanted:
            continue
        key = (name, rejection.recipe)
        counts[key] += 1
        documents.setdefault(key, set()).add(rejection.document_id)
    return [
        RejectedCount(name, recipe, n, len(documents[name, recipe]))
        for (name, recipe), n in sorted(counts.items())
    ]


def rejected_section(rows: list[RejectedCount]) -> str:
    """The page's section for the table (HTML; names are escaped, never markup)."""
    parts = ["<h2>Rejected suggestions</h2>"]
    if not rows:
        parts.append("<p>No suggestion was rejected.</p>")
        return "\n".join(parts)
    body = "\n".join(
        f'<tr><td><bdi dir="auto">{html.escape(r.annotator)}</bdi></td>'
        f"<td>{html.escape(r.recipe)}</td>"
        f'<td class="n">{r.rejected}</td><td class="n">{r.documents}</td></tr>'
        for r in rows
    )
    head = "".join(f"<th>{h}</th>" for h in ("annotator", "recipe", "rejected", "documents"))
    parts.append(f"<table>\n<tr>{head}</tr>\n{body}\n</table>")
    parts.append(
        '<p class="note">Suggestions are never annotations and never counted in agreement; '
        "a rejection is kept by label and offsets, so it outlives re-runs of its recipe.</p>"
    )
    return "\n".join(parts)
