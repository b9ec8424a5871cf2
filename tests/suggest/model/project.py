"""A small project written for the model tests: short news sentences in a few patterns,
names of people, places and organisations annotated through the store, with the things
that make offsets hard (an astral emoji before them, harakat, a clitic left out of a
span: ودمشق, a GPE nested in an ORG: جامعة بيروت)."""

from __future__ import annotations

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.text.normalize import normalize_text

PEOPLE = ("سامي الخطيب", "ليلى حداد", "كريم منصور", "هدى العلي", "يوسف ناصر", "مُنى سَعيد")
PLACES = ("بيروت", "عمان", "القاهرة", "تونس", "الرباط", "دمشق")
GROUPS = ("وزارة الصحة", "نقابة المعلمين", "بلدية المدينة", "جامعة بيروت")
TEMPLATES = (
    "😀 قال {person} في {place} إن {group} ستعلن خطتها غدا.",
    "وأكدت {group} أن {person} زار {place} الأسبوع الماضي.",
    "التقى {person} ممثلي {group} في {place} و{other} لبحث الأزمة.",
)
ANNOTATOR = "ali"


def texts(count: int, shift: int = 0) -> list[str]:
    """`count` documents of three sentences each, the names turning round."""
    out = []
    for n in range(shift, shift + count):
        out.append(
            "\n".join(
                normalize_text(
                    template.format(
                        person=PEOPLE[(n + k) % len(PEOPLE)],
                        place=PLACES[(n + 2 * k) % len(PLACES)],
                        other=PLACES[(n + 2 * k + 3) % len(PLACES)],
                        group=GROUPS[(n + k) % len(GROUPS)],
                    )
                ).text
                for k, template in enumerate(TEMPLATES)
            )
        )
    return out


def add_documents(store: Store, count: int, shift: int = 0) -> list[int]:
    """Store `count` documents (not annotated); their ids."""
    return store.documents.add_many(
        NewDocument(text, f"doc {shift + n}") for n, text in enumerate(texts(count, shift))
    ).ids


def build(store: Store, documents: int = 10, annotator: str = ANNOTATOR) -> list[int]:
    """`documents` documents annotated by `annotator`: every name (PERSON, GPE, ORG; a
    GPE inside an ORG too) and the first line's quotation. Returns their ids."""
    who = store.ensure_annotator(annotator).id
    ids = add_documents(store, documents)
    for doc_id in ids:
        annotate(store, doc_id, who)
    return ids


def annotate(store: Store, doc_id: int, who: int) -> int:
    """Annotate one document as `build` does; how many entity spans were added."""
    text = store.documents.get(doc_id).text
    add = store.annotations.add_span
    added = 0
    for label, names in (("PERSON", PEOPLE), ("GPE", PLACES), ("ORG", GROUPS)):
        for name in (normalize_text(name).text for name in names):
            at = text.find(name)
            while at != -1:
                add(doc_id, who, label, at, at + len(name))
                added += 1
                at = text.find(name, at + 1)
    add(doc_id, who, "QUOTE", text.index("إن ") + 3, text.index("\n") - 1)
    return added


def entity_spans(store: Store, doc_id: int, who: int) -> list[tuple[int, int, str]]:
    """The entity spans of a layer on a document, as (start, end, label)."""
    return sorted(
        (s.start, s.end, s.label)
        for s in store.annotations.spans(doc_id, who)
        if s.label in {"PERSON", "GPE", "ORG"}
    )
