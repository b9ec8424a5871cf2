"""Build the demo projects of the screenshots in docs/: seed 000 with entities, a claim and
a quote linked to its speaker (docs/screenshot.png); with --team, two more annotators who
partly disagree and a reviewer (docs/review.png: `annotator --db PROJECT.db review`).

Usage: python docs/make_screenshot.py PROJECT.db [--team]

The pictures are taken on a 1366x768 laptop screen, with fresh window settings:
    Xvfb :97 -screen 0 1366x768x24 &
    XDG_CONFIG_HOME=$(mktemp -d) DISPLAY=:97 annotator --db PROJECT.db &
    id=$(DISPLAY=:97 xdotool search --name Annotator | tail -1)
    DISPLAY=:97 import -window "$id" docs/screenshot.png"""

from __future__ import annotations

import sys

from annotator.core.formats.import_text import import_text_files
from annotator.core.resources import seed_files
from annotator.core.store import Store
from annotator.ui.session import CURRENT_ANNOTATOR_KEY


def add_team(store: Store, doc: int) -> None:
    """Two more layers: one agrees mostly, one tags the clitic and misses a name."""
    text = store.documents.text(doc)
    add = store.annotations.add_span
    for name, words in (
        (
            "ليلى",
            [
                ("فلاديمير بوتين", "PERSON"),
                ("شي جين بينغ", "PERSON"),
                ("موسكو", "GPE"),
                ("أوكرانيا", "GPE"),
                ("كييف", "GPE"),
                ("اليوم الجمعة", "DATE"),
            ],
        ),
        (
            "عمر",
            [
                ("فلاديمير بوتين", "PERSON"),
                ("والزعيم الصيني", "PERSON"),
                ("موسكو", "ORG"),
                ("أوكرانيا", "GPE"),
                ("الجمعة", "DATE"),
            ],
        ),
    ):
        who = store.ensure_annotator(name).id
        for word, label in words:
            at = text.index(word)
            add(doc, who, label, at, at + len(word))
        start = text.index("”في مواجهة") + 1
        quote = add(doc, who, "QUOTE", start, text.index("”", start))
        speaker_at = text.index("بوتين", text.index("قال بوتين"))
        speaker = add(doc, who, "PERSON", speaker_at, speaker_at + 5)
        store.annotations.add_relation(quote.id, speaker.id, "SAID_BY")
    store.ensure_annotator("مراجع", role="reviewer")


def main(path: str, team: bool = False) -> None:
    with Store.open(path) as store:
        store.set_setting("language", "ar")
        import_text_files(store, seed_files())
        me = store.ensure_annotator("سارة")
        store.set_setting(CURRENT_ANNOTATOR_KEY, me.name)
        doc = store.documents.ids()[0]
        text = store.documents.text(doc)
        add = store.annotations.add_span

        def find(word: str, after: int = 0) -> tuple[int, int]:
            at = text.index(word, after)
            return at, at + len(word)

        for word, label in (
            ("فلاديمير بوتين", "PERSON"),
            ("شي جين بينغ", "PERSON"),
            ("موسكو", "GPE"),
            ("أوكرانيا", "GPE"),
            ("اليوم الجمعة", "DATE"),
            ("كييف", "GPE"),
        ):
            add(doc, me.id, label, *find(word))
        speaker = add(doc, me.id, "PERSON", *find("بوتين", text.index("قال بوتين")))
        quote_start = text.index("”في مواجهة") + 1
        quote = add(doc, me.id, "QUOTE", quote_start, text.index("”", quote_start))
        store.annotations.add_relation(quote.id, speaker.id, "SAID_BY")
        inner = find("الروسية الصينية", quote_start)
        add(doc, me.id, "GPE", inner[0], inner[0] + len("الروسية"))
        claim_start = text.index("تعهد الرئيس")
        claim = add(
            doc,
            me.id,
            "CLAIM",
            claim_start,
            text.index("في أوكرانيا،", claim_start) + 10,
            {"checkworthy": "yes"},
        )
        agency = add(doc, me.id, "ORG", *find("أ ب"))
        store.annotations.add_relation(claim.id, agency.id, "CLAIMED_BY")
        if team:
            add_team(store, doc)


if __name__ == "__main__":
    main(sys.argv[1], "--team" in sys.argv[2:])
