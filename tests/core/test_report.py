"""The agreement report folder (HTML, PNG charts, CSV) and how Arabic reaches matplotlib."""

from __future__ import annotations

import csv
import warnings
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import matplotlib.image
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.team.agreement import compute_agreement
from annotator.core.team.report import NONE_LABEL, disputed_spans, label_confusion, write_report
from annotator.core.team.report_charts import FONT, chart_text, number
from annotator.core.text.visual import is_visual, matplotlib_shapes_arabic, to_visual

SHAIMA, LAYLA, OMAR = "شيماء", "ليلى", "<i>omar</i>"  # the last one tries to be markup
MARKUP_TITLE = "<b>x</b>"
SCRIPT_TEXT = "خبر قصير: <script>alert('بوتين')</script> انتهى."
SHAPES = matplotlib_shapes_arabic(matplotlib.__version__)


def where(store: Store, doc: int, needle: str, nth: int = 0) -> tuple[int, int]:
    text = store.documents.text(doc)
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mark(store: Store, name: str, doc: int, label: str, needle: str, nth: int = 0, skip=0):
    """A span on the nth occurrence of `needle`, its first `skip` characters left out."""
    start, end = where(store, doc, needle, nth)
    who = store.ensure_annotator(name).id
    return store.annotations.add_span(doc, who, label, start + skip, end)


@pytest.fixture
def project(seeded: Store) -> Store:
    """Three annotators on the first seed article, agreeing and disagreeing; two of them
    on a second document whose title and text look like markup."""
    store = seeded
    doc = next(d for d in store.documents.ids() if "فبوتين" in store.documents.text(d))
    quote = "في مواجهة التوترات الجيوسياسية المتزايدة"
    for name in (SHAIMA, LAYLA, OMAR):
        mark(store, name, doc, "PERSON", "فلاديمير بوتين")
        mark(store, name, doc, "GPE", "روسيا")
        q = mark(store, name, doc, "QUOTE", quote)
        putin = mark(store, name, doc, "PERSON", "قال بوتين", skip=4)
        if name == LAYLA:  # links the quote to another speaker
            xi = mark(store, name, doc, "PERSON", "ودعا شي", skip=5)
            store.annotations.add_relation(q.id, xi.id, "SAID_BY")
        else:
            store.annotations.add_relation(q.id, putin.id, "SAID_BY")
            claim = mark(store, name, doc, "CLAIM", "تزداد أهمية الشراكة الاستراتيجية")
            store.annotations.add_relation(claim.id, putin.id, "CLAIMED_BY")
    mark(store, SHAIMA, doc, "PERSON", "شي جين بينغ")
    mark(store, LAYLA, doc, "PERSON", "شي جين بينغ")
    mark(store, OMAR, doc, "PERSON", "الزعيم الصيني شي جين بينغ")
    mark(store, SHAIMA, doc, "GPE", "كييف")
    mark(store, LAYLA, doc, "LOC", "كييف")
    mark(store, SHAIMA, doc, "EVENT", "حرب موسكو المستمرة منذ 10 أشهر في أوكرانيا")
    mark(store, LAYLA, doc, "DATE", "اليوم الجمعة")
    mark(store, OMAR, doc, "DATE", "الجمعة", nth=0)

    other = store.documents.add_many([NewDocument(SCRIPT_TEXT, MARKUP_TITLE)]).ids[0]
    mark(store, SHAIMA, other, "PERSON", "بوتين')</script>")
    mark(store, LAYLA, other, "PERSON", "بوتين")
    return store


class Page(HTMLParser):
    """The images, links and text cells of the report page."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.rtl_cells: list[str] = []
        self._in_rtl = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img":
            self.images.append(attributes)
        elif tag == "a":
            self.links.append(attributes["href"])
        elif tag == "td" and attributes.get("dir") == "rtl":
            self._in_rtl = True
            self.rtl_cells.append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_rtl = False

    def handle_data(self, data):
        if self._in_rtl:
            self.rtl_cells[-1] += data


def glyph_warnings(caught) -> list[str]:
    return [str(w.message) for w in caught if "glyph" in str(w.message).lower()]


def test_write_report_writes_the_page_charts_and_tables(project: Store, tmp_path: Path):
    out = tmp_path / "report"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        index = write_report(project, out)
    assert glyph_warnings(caught) == []
    assert index == out / "index.html"
    page_text = index.read_text(encoding="utf-8")
    page = Page()
    page.feed(page_text)

    names = {Path(str(img["src"])).name for img in page.images}
    assert names == {"labels.png", "pairs.png", "confusion.png", "disputed.png", "progress.png"}
    for img in page.images:
        path = out / str(img["src"])
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        pixels = matplotlib.image.imread(path)
        assert pixels.ndim == 3 and pixels.shape[0] > 100 and pixels.shape[1] > 100
        assert img["alt"]

    csv_links = [link for link in page.links if link.endswith(".csv")]
    assert {"labels.csv", "pairs.csv", "relations.csv", "confusion.csv", "disputed.csv"} <= set(
        csv_links
    )
    tables = {}
    for link in csv_links:
        with (out / link).open(encoding="utf-8", newline="") as handle:
            tables[link] = list(csv.DictReader(handle))
    by_label = {row["label"]: row for row in tables["labels.csv"]}
    assert float(by_label["PERSON"]["overlap_f1"]) > float(by_label["GPE"]["exact_f1"]) > 0
    assert {row["relation"] for row in tables["relations.csv"]} == {"SAID_BY", "CLAIMED_BY"}
    assert sum(int(row["span_pairs"]) for row in tables["confusion.csv"]) > 0
    assert any(row["text"] == "كييف" for row in tables["disputed.csv"])

    # Arabic span text in right-to-left cells; nothing from the project becomes markup
    assert "كييف" in page.rtl_cells
    assert "حرب موسكو المستمرة منذ 10 أشهر في أوكرانيا" in page.rtl_cells
    assert "بوتين')</script>" in page.rtl_cells  # shown as text, parsed back from entities
    assert "&lt;b&gt;x&lt;/b&gt;" in page_text and MARKUP_TITLE not in page_text
    assert "&lt;i&gt;omar&lt;/i&gt;" in page_text and "<i>omar" not in page_text
    assert "<script>" not in page_text and "&lt;/script&gt;" in page_text
    assert '<html lang="en" dir="ltr">' in page_text and '<meta charset="utf-8">' in page_text
    # summary numbers: two documents compared, the markup one with two annotators of three
    assert "Documents compared (two or more annotators): 2" in page_text
    assert "Partial documents (only some annotators): 1" in page_text


def test_report_tables_hold_the_numbers(project: Store, tmp_path: Path):
    report = compute_agreement(project)
    page = write_report(project, tmp_path).read_text(encoding="utf-8")
    for label, s in report.summary.items():
        row = f"<tr><td>{label}</td>" + "".join(
            f'<td class="n">{number(v, 3)}</td>'
            for v in (s.exact_f1, s.overlap_f1, s.kappa, s.fleiss_kappa, s.alpha)
        )
        assert row in page
    said_by = report.relation_summary["SAID_BY"]
    assert (said_by.shared_heads, said_by.same_target) == (3, 1)  # ليلى names another speaker
    assert f'<td class="n">3</td><td class="n">1</td><td class="n">{1 / 3:.3f}</td>' in page
    assert report.relation_summary["CLAIMED_BY"].share == 1.0


def test_label_confusion_diagonal_is_the_overlap_matches(project: Store):
    report = compute_agreement(project)
    counts = label_confusion(project, report)
    diagonal = sum(n for (a, b), n in counts.items() if a == b)
    assert diagonal == sum(p.overall.overlap_matches for p in report.pairs)
    # كييف: GPE by شيماء, LOC by ليلى (which of them is A depends on the pair's order)
    assert counts["GPE", "LOC"] + counts["LOC", "GPE"] == 1
    # شيماء's event, unmatched against each of the two others
    assert counts["EVENT", NONE_LABEL] + counts[NONE_LABEL, "EVENT"] == 2
    by_a = sum(n for (a, _), n in counts.items() if a != NONE_LABEL)
    by_b = sum(n for (_, b), n in counts.items() if b != NONE_LABEL)
    assert by_a == sum(p.overall.spans_a for p in report.pairs)
    assert by_b == sum(p.overall.spans_b for p in report.pairs)


def test_disputed_spans_least_agreed_first(project: Store):
    report = compute_agreement(project)
    disputed = disputed_spans(project, report)
    shares = [d.share for d in disputed]
    assert shares == sorted(shares) and all(0 < s < 1 for s in shares)
    texts = [d.text for d in disputed]
    assert "فلاديمير بوتين" not in texts  # everyone marked it
    xi = next(d for d in disputed if d.text == "شي جين بينغ")
    assert set(xi.marked_by) == {SHAIMA, LAYLA} and xi.missing == [OMAR]
    event = next(d for d in disputed if d.label == "EVENT")
    assert event.share == pytest.approx(1 / 3) and set(event.missing) == {LAYLA, OMAR}
    # the markup document: two annotators, each span marked by one of them
    assert {d.text for d in disputed if d.title == MARKUP_TITLE} == {"بوتين')</script>", "بوتين"}


def test_report_on_some_annotators_and_labels(project: Store, tmp_path: Path):
    index = write_report(project, tmp_path, annotators=[SHAIMA, LAYLA], labels=["PERSON"])
    page = index.read_text(encoding="utf-8")
    assert "Labels compared: PERSON</li>" in page
    assert "&lt;i&gt;omar" not in page
    assert (tmp_path / "disputed.png").exists()


# -- how Arabic reaches matplotlib (GUIDE.md section 2) -----------------------------------


def pixels(text: str, as_tick: bool = False) -> np.ndarray:
    """Render one string with the chart font; the RGBA pixels."""
    with matplotlib.rc_context({"font.family": [FONT]}):
        figure = Figure(figsize=(3, 1.2), dpi=100)
        canvas = FigureCanvasAgg(figure)
        if as_tick:
            ax = figure.add_subplot()
            ax.set_yticks([0], [text], fontsize=20)
        else:
            figure.text(0.1, 0.3, text, fontsize=28)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba()).copy()


@pytest.mark.skipif(not SHAPES, reason="matplotlib before 3.11 does not shape Arabic")
def test_chart_text_is_logical_on_a_shaping_matplotlib():
    figure = Figure(figsize=(3, 1.2), dpi=100)
    canvas = FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.set_yticks([0], [chart_text("فلاديمير بوتين")])
        canvas.draw()
    assert glyph_warnings(caught) == []
    label = ax.get_yticklabels()[0].get_text()
    assert label == "فلاديمير بوتين" and not is_visual(label)


def test_chart_text_is_visual_before_matplotlib_3_11(monkeypatch):
    monkeypatch.setattr(matplotlib, "__version__", "3.10.0")
    text = chart_text("فلاديمير بوتين")
    assert is_visual(text) and text == to_visual("فلاديمير بوتين")
    monkeypatch.setattr(matplotlib, "__version__", "3.11.0")
    assert chart_text("فلاديمير بوتين") == "فلاديمير بوتين"


@pytest.mark.skipif(not SHAPES, reason="matplotlib before 3.11 does not shape Arabic")
@pytest.mark.parametrize("as_tick", [False, True])
def test_reshaping_twice_would_render_differently(as_tick: bool):
    word = "بوتين"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        through_chart_text = pixels(chart_text(word), as_tick)
        logical = pixels(word, as_tick)
        visual = pixels(to_visual(word), as_tick)
    assert glyph_warnings(caught) == []
    assert np.array_equal(through_chart_text, logical)
    # the reshaped + reordered form, shaped again by matplotlib, comes out reversed
    assert not np.array_equal(through_chart_text, visual)
    assert (through_chart_text[..., :3] < 128).any()  # something was drawn at all


def test_missing_glyphs_would_be_caught():
    """The glyph check above is not vacuous: a letter DejaVu Sans lacks does warn."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pixels("漢")
    assert glyph_warnings(caught)


# -- CSV cells a spreadsheet would run as formulas ----------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)"]


@pytest.fixture
def formula_project(store: Store) -> Store:
    """Annotators, labels and a title that a spreadsheet would take for formulas; the two
    annotators disagree on every token, so Cohen's kappa is negative."""
    text = "قال بوتين اليوم في موسكو"
    (doc,) = store.documents.add_many([NewDocument(text, FORMULAS[0])]).ids
    for name in FORMULAS[1:3]:
        store.labels.add(Label(name=name, kind="entity", colour="#abcdef"))
    first, second = (store.ensure_annotator(name).id for name in (FORMULAS[0], FORMULAS[3]))
    for label in FORMULAS[1:3]:
        store.annotations.add_span(doc, first, label, 0, 9)  # قال بوتين
        store.annotations.add_span(doc, second, label, 10, 24)  # اليوم في موسكو
    return store


def read_cells(folder: Path) -> dict[str, list[list[str]]]:
    """Every CSV file of a folder, read back as a spreadsheet import would."""
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as source:
            tables[path.name] = list(csv.reader(source))
    return tables


def assert_formulas_neutralised(tables: dict[str, list[list[str]]], names: list[str]) -> None:
    cells = [cell for rows in tables.values() for row in rows for cell in row]
    runnable = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not is_number(c)]
    assert runnable == []
    for name in names:
        assert any(f"'{name}" in cell for cell in cells), name
    # numbers we write stay numbers, the negative ones included
    pairs = tables["pairs.csv"]
    kappa = pairs[0].index("kappa")
    assert pairs[1:] and all(float(row[kappa]) < 0 for row in pairs[1:])


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_report_csv_cells_never_start_a_formula(formula_project: Store, tmp_path: Path):
    write_report(formula_project, tmp_path / "report")
    tables = read_cells(tmp_path / "report")
    assert {"pairs.csv", "labels.csv", "disputed.csv", "confusion.csv"} <= set(tables)
    assert_formulas_neutralised(tables, FORMULAS)
    disputed = tables["disputed.csv"]
    title = disputed[0].index("title")
    assert {row[title] for row in disputed[1:]} == {"'" + FORMULAS[0]}


def test_agree_csv_cells_never_start_a_formula(formula_project: Store, tmp_path: Path):
    from annotator.cli.main import main

    path = formula_project.path
    formula_project.close()
    assert main(["--db", str(path), "agree", "--csv", str(tmp_path / "tables")]) == 0
    tables = read_cells(tmp_path / "tables")
    assert_formulas_neutralised(tables, FORMULAS[:4])


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-1.5", "'-1.5"),  # text that looks like a number is still text
        ("بوتين", "بوتين"),
        ("", ""),
        (-1.5, -1.5),
        (-3, -3),
        (None, None),
        (True, True),
    ],
)
def test_spreadsheet_cell(value, cell):
    from annotator.core.formats.csv_tables import spreadsheet_cell

    assert spreadsheet_cell(value) == cell
