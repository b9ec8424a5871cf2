"""An agreement report as a folder: a self-contained `index.html`, PNG charts and CSV
tables (`annotator report --out DIR`).

The numbers come from `compute_agreement`; two things are added here: the label
confusion between annotators (spans matched by overlap, whatever their labels) and the
most disputed spans (review candidates some annotators marked and others did not). Every
string from the project — document titles and text, annotator and label names — is
HTML-escaped: document text is never markup. Arabic reaches the charts through
`chart_text` (logical for matplotlib 3.11+, visual before).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path

from annotator.core.formats.csv_tables import write_rows
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.store.layers import iter_document_layers
from annotator.core.store.progress import annotator_progress
from annotator.core.team.agreement import compute_agreement
from annotator.core.team.agreement_measures import SpanTuple, overlap_matching
from annotator.core.team.agreement_report import ALL_LABELS, AgreementReport
from annotator.core.team.report_charts import NONE_LABEL, chart_text, draw_charts, number
from annotator.core.team.report_rejections import rejected_counts, rejected_section
from annotator.core.team.review import candidates

__all__ = [
    "NONE_LABEL",
    "DisputedSpan",
    "chart_text",
    "disputed_spans",
    "label_confusion",
    "snippet",
    "write_report",
]

TOP_DISPUTED = 15
SNIPPET = 32  # characters of span text in a chart label
MAX_DOCUMENT_ROWS = 100


@dataclass
class DisputedSpan:
    """A (start, end, label) that some of the document's annotators marked, not all."""

    document_id: int
    title: str
    start: int
    end: int
    label: str
    text: str
    marked_by: list[str]
    missing: list[str]

    @property
    def share(self) -> float:
        return len(self.marked_by) / (len(self.marked_by) + len(self.missing))


def snippet(text: str, limit: int = SNIPPET) -> str:
    """Span text on one line, cut to `limit` characters with an ellipsis (logical order)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _layers(
    store: Store, report: AgreementReport
) -> Iterator[tuple[int, dict[str, list[SpanTuple]]]]:
    """Per compared document, the spans of the compared annotators with the compared
    labels, by annotator name."""
    layer_filter = LayerFilter.of(report.annotators, report.labels)
    for group in iter_document_layers(store.db, layer_filter, report.per_document, details=False):
        yield (
            group.document.id,
            {
                layer.annotator: [(span.start, span.end, span.label) for span in layer.spans]
                for layer in group.layers
            },
        )


def label_confusion(store: Store, report: AgreementReport) -> Counter[tuple[str, str]]:
    """(label by A, label by B) → number of span pairs, over every annotator pair (A
    before B in the report's order) and the documents both worked on. Spans are paired
    first by overlap with the same label (as overlap F1 does: the diagonal holds its
    matches), then the rest by overlap whatever the label; a span left without partner
    counts against NONE_LABEL."""
    counts: Counter[tuple[str, str]] = Counter()
    for doc, layers in _layers(store, report):
        for a, b in combinations(report.per_document[doc].annotators, 2):
            spans_a, spans_b = layers.get(a, []), layers.get(b, [])
            pairs = overlap_matching(spans_a, spans_b)
            rest_a = sorted(set(range(len(spans_a))) - {i for i, _ in pairs})
            rest_b = sorted(set(range(len(spans_b))) - {j for _, j in pairs})
            anonymous_a = [(*spans_a[i][:2], "") for i in rest_a]
            anonymous_b = [(*spans_b[j][:2], "") for j in rest_b]
            pairs += [(rest_a[i], rest_b[j]) for i, j in overlap_matching(anonymous_a, anonymous_b)]
            for i, j in pairs:
                counts[spans_a[i][2], spans_b[j][2]] += 1
            matched_a, matched_b = {i for i, _ in pairs}, {j for _, j in pairs}
            for i, span in enumerate(spans_a):
                if i not in matched_a:
                    counts[span[2], NONE_LABEL] += 1
            for j, span in enumerate(spans_b):
                if j not in matched_b:
                    counts[NONE_LABEL, span[2]] += 1
    return counts


def disputed_spans(store: Store, report: AgreementReport) -> list[DisputedSpan]:
    """Every candidate of the compared labels that some but not all of the document's
    compared annotators marked; least agreed first, then by document and position."""
    found = []
    docs = sorted(report.per_document)
    titles = store.documents.field(docs, "title")
    for doc in docs:
        names = report.per_document[doc].annotators
        text = store.documents.text(doc)
        for cand in candidates(store, doc, names):
            if cand.label not in report.labels or not 0 < len(cand.annotators) < len(names):
                continue
            missing = [name for name in names if name not in cand.annotators]
            found.append(
                DisputedSpan(
                    doc,
                    titles.get(doc, ""),
                    cand.start,
                    cand.end,
                    cand.label,
                    text[cand.start : cand.end],
                    sorted(cand.annotators, key=names.index),
                    missing,
                )
            )
    found.sort(key=lambda d: (d.share, -len(d.missing), d.document_id, d.start, -d.end))
    return found


# -- the page --------------------------------------------------------------------------------

CSS = """
body { font-family: "DejaVu Sans", "Noto Sans", "Noto Naskh Arabic", sans-serif; margin: 2em;
  color: #222; max-width: 70em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
th { background: #f0f0f0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.ar { font-size: 1.15em; }
tr.total td { font-weight: bold; }
figure { margin: 1em 0 2em; }
img { max-width: 100%; border: 1px solid #eee; }
.note { color: #555; }
"""


def _e(value: object) -> str:
    """HTML-escaped text: nothing from the project is ever markup."""
    return html.escape(str(value), quote=True)


def _num(value: float | None) -> str:
    return f'<td class="n">{number(value, 3)}</td>'


def _int(value: int) -> str:
    return f'<td class="n">{value}</td>'


def _who(names: list[str]) -> str:
    """Names, each isolated so Arabic and Latin names keep their own direction."""
    return ", ".join(f'<bdi dir="auto">{_e(name)}</bdi>' for name in names) or "–"


def _doc(doc: int, titles: dict[int, str]) -> str:
    return f'<td>#{doc} <bdi dir="auto">{_e(titles.get(doc, ""))}</bdi></td>'


def _table(headers: list[str], rows: list[str]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    return f"<table>\n<tr>{head}</tr>\n" + "\n".join(rows) + "\n</table>"


def _label_rows(report: AgreementReport) -> list[str]:
    rows = []
    for label, s in [*report.summary.items(), (ALL_LABELS, report.overall)]:
        cells = [s.exact_f1, s.overlap_f1, s.kappa, s.fleiss_kappa, s.alpha]
        total = ' class="total"' if label == ALL_LABELS else ""
        rows.append(f"<tr{total}><td>{_e(label)}</td>{''.join(map(_num, cells))}</tr>")
    return rows


def _pair_rows(report: AgreementReport) -> list[str]:
    return [
        f"<tr><td>{_who([p.a])}</td><td>{_who([p.b])}</td>{_int(len(p.documents))}"
        f"{_num(p.overall.exact_f1)}{_num(p.overall.overlap_f1)}{_num(p.overall.kappa)}"
        f"{_int(p.overall.n_tokens)}{_int(p.overall.spans_a)}{_int(p.overall.spans_b)}</tr>"
        for p in report.pairs
    ]


def _relation_rows(report: AgreementReport, descriptions: dict[str, str]) -> list[str]:
    rows = []
    for rel, r in report.relation_summary.items():
        name = f'{_e(rel)} <span class="note" dir="auto">{_e(descriptions.get(rel, ""))}</span>'
        rows.append(
            f'<tr class="total"><td>{name}</td><td>all pairs</td>{_int(r.shared_heads)}'
            f"{_int(r.same_target)}{_num(r.share)}</tr>"
        )
        for p in report.pairs:
            if rel in p.relations:
                s = p.relations[rel]
                rows.append(
                    f"<tr><td>{_e(rel)}</td><td>{_who([p.a, p.b])}</td>{_int(s.shared_heads)}"
                    f"{_int(s.same_target)}{_num(s.share)}</tr>"
                )
    return rows


def _disputed_rows(disputed: list[DisputedSpan], titles: dict[int, str]) -> list[str]:
    return [
        f'<tr><td class="ar" dir="rtl" lang="ar">{_e(snippet(d.text, 80))}</td>'
        f"<td>{_e(d.label)}</td>{_doc(d.document_id, titles)}"
        f'<td class="n">{d.start}–{d.end}</td><td>{_who(d.marked_by)}</td>'
        f"<td>{_who(d.missing)}</td></tr>"
        for d in disputed
    ]


def _document_rows(report: AgreementReport, titles: dict[int, str]) -> list[str]:
    def disagreement_first(d) -> tuple:
        values = (d.overlap_f1, d.exact_f1, d.kappa)
        return (*(2.0 if v is None else v for v in values), d.document_id)

    ordered = sorted(report.per_document.values(), key=disagreement_first)
    return [
        f"<tr>{_doc(d.document_id, titles)}{_num(d.exact_f1)}{_num(d.overlap_f1)}"
        f"{_num(d.kappa)}{_num(d.alpha)}<td>{_who(d.annotators)}</td></tr>"
        for d in ordered[:MAX_DOCUMENT_ROWS]
    ]


def render_page(
    report: AgreementReport,
    titles: dict[int, str],
    label_descriptions: dict[str, str],
    disputed: list[DisputedSpan],
    disputed_total: int,
    charts: list[tuple[str, str]],
    csv_files: list[str],
    rejected: str = "",
) -> str:
    """The whole index.html as text (`rejected`: the rejected suggestions' section)."""
    counts = ", ".join(
        f"{_who([name])} ({n})" for name, n in report.documents_per_annotator.items()
    )
    partial = [
        f"<tr>{_doc(doc, titles)}<td>{_who(present)}</td>"
        f"<td>{_who([a for a in report.annotators if a not in present])}</td></tr>"
        for doc, present in report.partial_documents
    ]
    parts = [
        "<h1>Inter-annotator agreement</h1>",
        "<ul>",
        f"<li>Annotators: {len(report.annotators)} — {counts} documents each</li>",
        f"<li>Labels compared: {_e(', '.join(report.labels)) or '–'}</li>",
        f"<li>Documents compared (two or more annotators): {len(report.per_document)}</li>",
        f"<li>Documents all annotators worked on: {len(report.fleiss_documents)}</li>",
        f"<li>Partial documents (only some annotators): {len(report.partial_documents)}, "
        f"of which {len(report.single_annotator_documents)} with one annotator only</li>",
        "</ul>",
        "<h2>Charts</h2>",
        *(
            f'<figure><img src="{_e(name)}" alt="{_e(text)}"><figcaption>{_e(text)}'
            "</figcaption></figure>"
            for name, text in charts
        ),
        "<h2>Per label</h2>",
        _table(["label", "exact F1", "overlap F1", "mean κ", "Fleiss κ", "α"], _label_rows(report)),
        '<p class="note">F1 and κ: means over annotator pairs; κ and α on tokens.</p>',
        "<h2>Per annotator pair</h2>",
        _table(
            ["A", "B", "documents", "exact F1", "overlap F1", "κ", "tokens", "spans A", "spans B"],
            _pair_rows(report),
        ),
        "<h2>Relations</h2>",
    ]
    if report.relation_summary:
        headers = ["relation", "pair", "heads both marked", "same target", "share"]
        parts.append(_table(headers, _relation_rows(report, label_descriptions)))
    else:
        parts.append("<p>No relations to compare.</p>")
    parts.append(f"<h2>Most disputed spans ({len(disputed)} of {disputed_total})</h2>")
    if disputed:
        headers = ["span", "label", "document", "offsets", "marked by", "not marked by"]
        parts.append(_table(headers, _disputed_rows(disputed, titles)))
    else:
        parts.append("<p>No span was marked by only some of the annotators.</p>")
    parts.append(f"<h2>Partial documents ({len(partial)})</h2>")
    if partial:
        parts.append(_table(["document", "annotators", "missing"], partial))
    shown = min(len(report.per_document), MAX_DOCUMENT_ROWS)
    parts += [
        f"<h2>Documents, most disagreement first ({shown} of {len(report.per_document)})</h2>",
        _table(
            ["document", "exact F1", "overlap F1", "κ", "α", "annotators"],
            _document_rows(report, titles),
        ),
        rejected,
        "<h2>Notes</h2>",
        "<ul>",
        *(f"<li>{_e(note)}</li>" for note in report.notes),
        "</ul>",
        "<h2>CSV tables</h2>",
        "<ul>",
        *(f'<li><a href="{_e(name)}">{_e(name)}</a></li>' for name in csv_files),
        "</ul>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        "<title>Inter-annotator agreement</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n"
    )


def write_report(
    store: Store,
    out_dir: str | Path,
    annotators: list[str] | None = None,
    labels: list[str] | None = None,
) -> Path:
    """Write the agreement report of these annotators (default: all but gold) on these
    labels (default: those in use) into `out_dir` (created): index.html, PNG charts and
    CSV tables. Returns the path of index.html."""
    report = compute_agreement(store, annotators=annotators, labels=labels)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    confusion = label_confusion(store, report)
    disputed = disputed_spans(store, report)

    csv_files = [path.name for path in report.write_csv(out)]
    confusion_rows = [
        {"label_a": a, "label_b": b, "span_pairs": n} for (a, b), n in sorted(confusion.items())
    ]
    csv_files.append(write_rows(out / "confusion.csv", confusion_rows).name)
    disputed_rows = [
        {
            **{k: v for k, v in asdict(d).items() if k not in ("marked_by", "missing")},
            "marked_by": ";".join(d.marked_by),
            "missing": ";".join(d.missing),
            "share": round(d.share, 4),
        }
        for d in disputed
    ]
    csv_files.append(write_rows(out / "disputed.csv", disputed_rows).name)
    rejected = rejected_counts(store, report.annotators)
    csv_files.append(write_rows(out / "rejected.csv", map(asdict, rejected)).name)

    items = [
        (
            snippet(d.text),
            d.share,
            f"{d.label} · {len(d.marked_by)}/{len(d.marked_by) + len(d.missing)} · "
            f"#{d.document_id} · {', '.join(d.marked_by)}",
        )
        for d in disputed[:TOP_DISPUTED]
    ]
    people = [p for p in annotator_progress(store.db) if p.name in report.annotators]
    charts = draw_charts(out, report, confusion, items, people, store.documents.count())
    documents = sorted({*report.per_document, *(doc for doc, _ in report.partial_documents)})
    page = render_page(
        report,
        titles=store.documents.field(documents, "title"),
        label_descriptions={label.name: label.description for label in store.labels.all()},
        disputed=disputed[: TOP_DISPUTED * 4],
        disputed_total=len(disputed),
        charts=charts,
        csv_files=csv_files,
        rejected=rejected_section(rejected),
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
