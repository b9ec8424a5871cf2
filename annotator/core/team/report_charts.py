"""PNG charts of the agreement report, drawn with matplotlib's Agg canvas (no pyplot, no
global figure state), and the one place that decides how Arabic reaches matplotlib.

GUIDE.md section 2: matplotlib 3.11 and later shape Arabic themselves (libraqm) and must
get logical text — reshaped, reordered text would come out reversed. Older versions draw
characters one by one, so they need the reshaper + bidi workaround. `chart_text` decides
at run time from the installed version; every string drawn here goes through it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from annotator.core.store.progress import AnnotatorProgress
from annotator.core.team.agreement_report import ALL_LABELS, AgreementReport
from annotator.core.text.visual import matplotlib_shapes_arabic, to_visual

# Matplotlib's own default font; it has Arabic letters and presentation forms.
FONT = "DejaVu Sans"
DPI = 100
NONE_LABEL = "— none"  # the row and column of spans the other annotator did not match
COLOURS = ("#3d85c6", "#e69138")


def chart_text(text: str) -> str:
    """Text to hand to matplotlib: logical when this matplotlib shapes Arabic itself
    (3.11+), else reshaped into presentation forms in visual order."""
    if matplotlib_shapes_arabic(matplotlib.__version__):
        return text
    return to_visual(text)


def _label(text: str) -> str:
    """chart_text, with dollar signs escaped so that no text is read as mathtext."""
    return chart_text(text).replace("$", r"\$")


@contextmanager
def _figure(width: float, height: float) -> Iterator[Figure]:
    """A figure on its own Agg canvas, drawn with a font that covers Arabic."""
    with matplotlib.rc_context({"font.family": [FONT], "axes.unicode_minus": True}):
        figure = Figure(figsize=(width, height), dpi=DPI)
        FigureCanvasAgg(figure)
        yield figure


def _save(figure: Figure, path: Path) -> Path:
    figure.savefig(path, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.15)
    return path


def _value(value: float | None) -> float:
    return math.nan if value is None else value


def number(value: float | None, digits: int = 2) -> str:
    """A measure for a table or chart: "–" when undefined, never "-0.00"."""
    if value is None or math.isnan(value):
        return "–"
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def _cell(value: float | None) -> str:
    return number(value, 2)


def label_chart(path: Path, rows: Sequence[tuple[str, float | None, float | None]]) -> Path:
    """Bars per label: overlap F1 and mean Cohen's κ. rows: (label, overlap F1, κ)."""
    with _figure(max(5.0, 1.1 * len(rows) + 2), 3.6) as figure:
        ax = figure.add_subplot()
        width = 0.38
        for k, (name, index) in enumerate((("overlap F1", 1), ("mean Cohen's κ", 2))):
            xs = [i + (k - 0.5) * width for i in range(len(rows))]
            values = [_value(row[index]) for row in rows]
            bars = ax.bar(xs, values, width, label=name, color=COLOURS[k])
            texts = [_cell(row[index]) for row in rows]
            ax.bar_label(bars, labels=texts, fontsize=7, padding=2)
            for x, value in zip(xs, values, strict=True):
                if math.isnan(value):
                    ax.text(x, 0.02, "–", ha="center", fontsize=8)
        ax.set_xticks(range(len(rows)), [_label(row[0]) for row in rows], rotation=20)
        low = min([0.0, *(_value(r[2]) for r in rows if r[2] is not None)])
        ax.set_ylim(min(low - 0.05, 0.0), 1.12)
        ax.axhline(0, color="#666666", linewidth=0.6)
        ax.set_ylabel("agreement")
        ax.set_title("Agreement per label (means over annotator pairs)")
        ax.legend(loc="upper right", fontsize=8, ncols=2)
        return _save(figure, path)


def pair_chart(
    path: Path,
    names: Sequence[str],
    f1: dict[tuple[str, str], float | None],
    kappa: dict[tuple[str, str], float | None],
) -> Path:
    """Heatmap of overlap F1 between annotators (both triangles), κ written under F1."""
    n = len(names)
    grid = [[math.nan] * n for _ in range(n)]
    notes: dict[tuple[int, int], str] = {}
    for (a, b), value in f1.items():
        i, j = names.index(a), names.index(b)
        grid[i][j] = grid[j][i] = _value(value)
        notes[i, j] = notes[j, i] = f"F1 {_cell(value)}\nκ {_cell(kappa.get((a, b)))}"
    size = max(3.8, 1.1 * n + 1.8)
    with _figure(size + 1.0, size) as figure:
        ax = figure.add_subplot()
        image = ax.imshow(grid, cmap="RdYlGn", vmin=0.0, vmax=1.0)
        figure.colorbar(image, ax=ax, label="overlap F1", shrink=0.8)
        for (i, j), note in notes.items():
            ax.text(j, i, note, ha="center", va="center", fontsize=8)
        labels = [_label(name) for name in names]
        ax.set_xticks(range(n), labels, rotation=30, ha="right")
        ax.set_yticks(range(n), labels)
        ax.set_title("Agreement per annotator pair (overlap F1, token κ)")
        return _save(figure, path)


def confusion_chart(
    path: Path, rows: Sequence[str], columns: Sequence[str], counts: dict[tuple[str, str], int]
) -> Path:
    """Counts of overlap-matched span pairs: label given by A (rows), by B (columns)."""
    grid = [[counts.get((r, c), 0) for c in columns] for r in rows]
    top = max([1, *(v for row in grid for v in row)])
    width, height = max(4.5, 0.9 * len(columns) + 2.5), max(3.5, 0.6 * len(rows) + 1.8)
    with _figure(width, height) as figure:
        ax = figure.add_subplot()
        image = ax.imshow(grid, cmap="Blues", vmin=0, vmax=top)
        figure.colorbar(image, ax=ax, label="span pairs", shrink=0.8)
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                if rows[i] == columns[j] == NONE_LABEL:
                    continue
                colour = "white" if value > top / 2 else "black"
                ax.text(j, i, str(value), ha="center", va="center", fontsize=8, color=colour)
        ax.set_xticks(range(len(columns)), [_label(c) for c in columns], rotation=30, ha="right")
        ax.set_yticks(range(len(rows)), [_label(r) for r in rows])
        ax.set_xlabel("label by annotator B")
        ax.set_ylabel("label by annotator A")
        ax.set_title("Label confusion over matched spans (all annotator pairs)")
        return _save(figure, path)


def disputed_chart(path: Path, items: Sequence[tuple[str, float, str]]) -> Path:
    """Horizontal bars, most disputed at the top: (span text, share of the annotators
    who marked it, note written after the bar). The span text is the y tick label."""
    with _figure(8.5, max(2.5, 0.42 * len(items) + 1.4)) as figure:
        ax = figure.add_subplot()
        ys = list(range(len(items)))
        ax.barh(ys, [item[1] for item in items], color=COLOURS[1], height=0.6)
        for y, (_, share, note) in zip(ys, items, strict=True):
            ax.text(share + 0.02, y, _label(note), va="center", fontsize=8)
        ax.set_yticks(ys, [_label(item[0]) for item in items], fontsize=11)
        ax.invert_yaxis()
        ax.set_xlim(0, 1.6)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.set_xlabel("share of the document's annotators who marked the span")
        ax.set_title("Most disputed spans (marked by some annotators, not all)")
        return _save(figure, path)


# done, in progress, skipped, flagged: the progress chart's segments, in this order
PROGRESS_PARTS = (
    ("done", "#6aa84f"),
    ("in progress", "#f1c232"),
    ("skipped", "#999999"),
    ("flagged", "#cc0000"),
)


def progress_chart(path: Path, people: Sequence[AnnotatorProgress], documents: int) -> Path:
    """A bar per annotator: documents done, in progress, skipped and flagged (a flagged
    document is also counted by its status, so the flagged part stands apart)."""
    with _figure(8.0, max(2.2, 0.5 * len(people) + 1.4)) as figure:
        ax = figure.add_subplot()
        ys = list(range(len(people)))
        left = [0.0] * len(people)
        for (name, colour), attribute in zip(
            PROGRESS_PARTS, ("done", "in_progress", "skipped"), strict=False
        ):
            values = [getattr(person, attribute) for person in people]
            bars = ax.barh(ys, values, left=left, color=colour, height=0.55, label=name)
            ax.bar_label(bars, labels=[str(v) if v else "" for v in values], label_type="center")
            left = [a + b for a, b in zip(left, values, strict=True)]
        flagged = [person.flagged for person in people]
        name, colour = PROGRESS_PARTS[3]
        bars = ax.barh([y + 0.36 for y in ys], flagged, color=colour, height=0.16, label=name)
        ax.bar_label(bars, labels=[str(v) if v else "" for v in flagged], fontsize=7, padding=2)
        ax.set_yticks(ys, [_label(person.name) for person in people])
        ax.invert_yaxis()
        ax.set_xlim(0, max(documents, 1) * 1.05)
        ax.set_xlabel(f"documents (of {documents} in the project)")
        ax.set_title("Progress per annotator")
        ax.legend(loc="lower right", fontsize=8, ncols=4)
        return _save(figure, path)


def draw_charts(
    out: Path,
    report: AgreementReport,
    confusion: Counter[tuple[str, str]],
    disputed: Sequence[tuple[str, float, str]],
    progress: Sequence[AnnotatorProgress] = (),
    documents: int = 0,
) -> list[tuple[str, str]]:
    """Draw the report's charts into `out`; returns (file name, description) of each.
    The confusion and disputed-span charts are left out (and an old copy removed) when
    they would be empty; so is the progress chart without annotators."""
    charts = []
    if progress:
        progress_chart(out / "progress.png", progress, documents)
        charts.append(("progress.png", "Documents done, in progress, skipped and flagged"))
    else:
        (out / "progress.png").unlink(missing_ok=True)
    rows = [(label, s.overlap_f1, s.kappa) for label, s in report.summary.items()]
    rows.append((ALL_LABELS, report.overall.overlap_f1, report.overall.kappa))
    label_chart(out / "labels.png", rows)
    charts.append(("labels.png", "Overlap F1 and mean Cohen's kappa per label"))
    f1 = {(p.a, p.b): p.overall.overlap_f1 for p in report.pairs}
    kappa = {(p.a, p.b): p.overall.kappa for p in report.pairs}
    pair_chart(out / "pairs.png", report.annotators, f1, kappa)
    charts.append(("pairs.png", "Overlap F1 and token kappa of each annotator pair"))
    if confusion:
        used = {label for key in confusion for label in key}
        order = [label for label in report.labels if label in used] + [NONE_LABEL]
        confusion_chart(out / "confusion.png", order, order, confusion)
        charts.append(("confusion.png", "Label confusion between annotators over matched spans"))
    else:
        (out / "confusion.png").unlink(missing_ok=True)  # left by an earlier report
    if disputed:
        disputed_chart(out / "disputed.png", disputed)
        charts.append(("disputed.png", "The most disputed spans and who marked them"))
    else:
        (out / "disputed.png").unlink(missing_ok=True)
    return charts
