"""Recipe "propagate" (issue 10): what it finds on the seeds, and how fast it is.

Seeds: the five seed articles in a project; one occurrence of each of ten names (listed
here, in the bench, never in the recipe) is tagged by hand — the first whole-word one
found by search. Then the recipe runs, and each name's other occurrences are counted by
an independent search (a regex over the folded text: the name as whole words, with or
without a proclitic chain و/ف then ب/ل/ك in front). Per name: occurrences, how many of
them are suggested with the right label and offsets, and how many suggestions are wrong
(not one of those occurrences). `-v` prints every occurrence in context, to check the
search by eye, and every miss and wrong suggestion.

Speed, on a 100,000-character document (the seeds repeated), min / median / max of N
runs, interleaved run by run:
  baseline      one pass of `re.finditer` over the folded text (fold included)
  propagate     the recipe's `suggest` with the ten names (the SUMMARY line); and, as a
                worst case, with every distinct word of the seeds tagged as a name (a
                dictionary of thousands of entries, nearly every word suggested)
  quotes        the quotes recipe's `suggest` (rules, speakers, links)
Target for both recipes: < 200 ms.

    .venv/bin/python bench/bench_propagation.py [--runs N] [-v]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

import _data
from summary import summary_line

from annotator.core.formats.import_text import import_text_files, read_article
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.suggest.recipes import get_recipe, run_recipe
from annotator.core.text.search import fold, fold_with_map

SIZE = 100_000
TARGET_MS = 200
NAMES = (  # read off the seeds: ten names that recur, some behind clitics
    ("بوتين", "PERSON"),
    ("شي جين بينغ", "PERSON"),
    ("لوكاشنكو", "PERSON"),
    ("وانغ يي", "PERSON"),
    ("روسيا", "GPE"),
    ("أوكرانيا", "GPE"),
    ("موسكو", "GPE"),
    ("كييف", "GPE"),
    ("بكين", "GPE"),
    ("بيلاروس", "GPE"),
)
# Occurrences the search finds that are not the name, judged by eye with -v: روسياً
# (with tanween) is the adjective "Russian" in هجوماً صاروخياً روسياً.
NOT_THE_NAME = frozenset({"روسياً"})
_PROCLITIC = "(?:[وف]?[بلك]?)"
_SPACES = "[ \t]+"


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of `name` (folded; its words may be apart by any
    spaces on one line), with or without a proclitic: the name's own offsets."""
    folded, index = fold_with_map(text)
    words = _SPACES.join(re.escape(word) for word in fold(name).split())
    pattern = re.compile(rf"(?<!\w){_PROCLITIC}({words})(?!\w)")
    return [(index[m.start(1)], index[m.end(1)]) for m in pattern.finditer(folded)]


def tag_first(store: Store, who: int) -> dict[str, tuple[int, int, int]]:
    """Tag the first bare whole-word occurrence of each name; where it was tagged."""
    tagged = {}
    for name, label in NAMES:
        for doc in store.documents.ids():
            text = store.documents.text(doc)
            bare = [
                (s, e) for s, e in occurrences(text, name) if s == 0 or not text[s - 1].isalpha()
            ]
            if bare:
                start, end = bare[0]
                store.annotations.add_span(doc, who, label, start, end)
                tagged[name] = (doc, start, end)
                break
    return tagged


def context(text: str, start: int, end: int) -> str:
    return " ".join(
        f"{text[max(0, start - 20) : start]}[{text[start:end]}]{text[end : end + 20]}".split()
    )


def seeds_figures(verbose: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "p.db")
        import_text_files(store, [_data.SEEDS])
        who = store.ensure_annotator("bench").id
        tagged = tag_first(store, who)
        run_recipe(store, "propagate", who)
        texts = {doc: store.documents.text(doc) for doc in store.documents.ids()}
        offered = {
            doc: {(s.label, s.start, s.end) for s in store.suggestions.for_layer(doc, who)}
            for doc in texts
        }
        print(f"seeds: {len(texts)} articles, ten names tagged once each, then propagated")
        print(f"  {'name':<14} {'label':<7} {'others':>6} {'suggested':>9} {'wrong':>5}")
        right_all = {
            (doc, label, s, e)
            for name, label in NAMES
            for doc, text in texts.items()
            for s, e in occurrences(text, name)
            if text[s:e] not in NOT_THE_NAME
        }
        totals = [0, 0, 0]
        for name, label in NAMES:
            truth = {
                (doc, s, e)
                for doc, text in texts.items()
                for s, e in occurrences(text, name)
                if (doc, s, e) != tagged[name] and text[s:e] not in NOT_THE_NAME
            }
            made = {
                (doc, s, e)
                for doc, found in offered.items()
                for lab, s, e in found
                if fold(texts[doc][s:e]).endswith(fold(name).split()[-1]) and lab == label
            }
            hits = truth & made
            wrong = {m for m in made if (m[0], label, m[1], m[2]) not in right_all}
            totals = [totals[0] + len(truth), totals[1] + len(hits), totals[2] + len(wrong)]
            print(f"  {name:<14} {label:<7} {len(truth):>6} {len(hits):>9} {len(wrong):>5}")
            if verbose:
                for doc, s, e in sorted(truth):
                    mark = "  " if (doc, s, e) in hits else "- "
                    print(f"      {mark}#{doc} {context(texts[doc], s, e)}")
                for doc, s, e in sorted(wrong):
                    print(f"      ! #{doc} {context(texts[doc], s, e)}")
        every = sum(len(found) for found in offered.values())
        stray = every - totals[1] - totals[2]
        print(
            f"  {'all':<14} {'':<7} {totals[0]:>6} {totals[1]:>9} {totals[2]:>5}"
            f"   recall {totals[1] / totals[0]:.1%}, suggestions {every}, others {stray}"
        )
        store.close()


def document() -> str:
    texts = [read_article(path).text for path in sorted(_data.SEEDS.glob("*.txt"))]
    text = "\n\n".join(texts)
    return ("\n\n".join([text] * (SIZE // len(text) + 1)))[:SIZE]


def spread(name: str, times: list[float], target: bool) -> str:
    median = statistics.median(times)
    verdict = ("   target < 200 ms: " + ("OK" if median < TARGET_MS else "ABOVE")) if target else ""
    return (
        f"  {name:<22} min {min(times):6.1f}  median {median:6.1f}  max {max(times):6.1f} ms"
        + verdict
    )


def speed(runs: int) -> tuple[float, float]:
    text = document()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "p.db")
        import_text_files(store, [_data.SEEDS])
        (big,) = store.documents.add_many([NewDocument(text, "big")]).ids
        doc = store.documents.get(big)
        few, every = store.ensure_annotator("few").id, store.ensure_annotator("every").id
        tag_first(store, few)
        vocabulary = _data.vocabulary()
        # every distinct seed word tagged once (as PERSON), in a document of its own
        words_doc = "\n".join(vocabulary)
        (wid,) = store.documents.add_many([NewDocument(words_doc, "words")]).ids
        at = 0
        with store.transaction():
            for word in vocabulary:
                start = words_doc.index(word, at)
                store.annotations.add_span(wid, every, "PERSON", start, start + len(word))
                at = start + len(word)
        started = time.perf_counter()
        propagate_few = get_recipe("propagate").make(store, few, {})
        make_few = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        propagate_every = get_recipe("propagate").make(store, every, {})
        make_every = (time.perf_counter() - started) * 1000
        quotes = get_recipe("quotes").make(store, None, {})
        made = {
            "propagate, 10 names": len(propagate_few(doc).spans),
            f"propagate, {len(vocabulary)} names": len(propagate_every(doc).spans),
            "quotes": len(quotes(doc).spans),
        }
        store.close()

    def baseline() -> object:
        return list(re.finditer(r"\w+", fold(text)))

    steps = {
        "baseline (fold+finditer)": baseline,
        "propagate, 10 names": lambda: propagate_few(doc),
        f"propagate, {len(vocabulary)} names": lambda: propagate_every(doc),
        "quotes": lambda: quotes(doc),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for step in steps.values():
        step()  # first-call caches (clitic judgements, compiled patterns)
    for _ in range(runs):
        for name, step in steps.items():
            started = time.perf_counter()
            step()
            times[name].append((time.perf_counter() - started) * 1000)
    print(f"speed: one document of {len(text):,} characters, {runs} runs, interleaved")
    print(
        f"  make(): {make_few:.1f} ms with 10 names (the project's word counts included), "
        f"{make_every:.1f} ms with {len(vocabulary)} (the counts kept from the first)"
    )
    for name, found in made.items():
        print(f"  {name:<22} {found} suggestions")
    for name, measured in times.items():
        print(spread(name, measured, not name.startswith("baseline")))
    return statistics.median(times["propagate, 10 names"]), statistics.median(times["quotes"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="5 runs")
    parser.add_argument("-v", "--verbose", action="store_true", help="every occurrence")
    args = parser.parse_args()
    seeds_figures(args.verbose)
    propagate_ms, quotes_ms = speed(5 if args.quick else args.runs)
    print(
        summary_line(
            "quotes_recipe_100k", f"{quotes_ms:.0f}ms", f"<{TARGET_MS}ms", quotes_ms < TARGET_MS
        )
    )
    print(
        summary_line(
            "propagate_100k_10_names",
            f"{propagate_ms:.0f}ms",
            f"<{TARGET_MS}ms",
            propagate_ms < TARGET_MS,
        )
    )


if __name__ == "__main__":
    main()
