"""Recipe "quotes and speakers" (issue 10): how well the rules find quotations, and how fast.

Scored against the hand-judged gold of the five seeds (`tests/fixtures/quotes_gold.py`:
every quotation-marked stretch, 63 quotations and 19 names or terms in marks) and against
three short texts written for the tests (`tests/suggest/own_texts.py`):

  quotes     precision, recall and F1; exact = both offsets equal, lenient = overlap
  names      share of names/terms in marks («رويترز»، "كينجال") not suggested
  speakers   share of matched quotations whose speaker is right, explicit ones (beside
             their verb) and implicit ones (pro-drop, inherited) apart
  kind       share of matched quotations whose kind (full / partial) is right
  baseline   F1 of pairing every two quotation marks of a paragraph

Speed: `suggest_quotes` on a 100,000-character document made of the seeds repeated, and
on one of generated articles (`_data.make_articles`: random seed words, a quotation in a
quarter of the sentences, so few words repeat); wall clock and CPU time, min / median /
max of 15 runs; target < 200 ms.

    .venv/bin/python bench/bench_quotes.py [--runs N] [-v]
"""

from __future__ import annotations

import argparse
import statistics
import time

import _data
from summary import summary_line

from annotator.core.formats.import_text import read_article
from annotator.core.suggest.quotes import suggest_quotes
from tests.fixtures.quotes_gold import GOLD
from tests.suggest.own_texts import EXPECTED, gold
from tests.suggest.quote_scores import Scores, every_two_marks, score

SIZE = 100_000
TARGET_MS = 200


def report(title: str, scores: Scores, baseline: Scores, verbose: bool) -> None:
    def share(right: int, total: int) -> str:
        return f"{right / total:6.1%} ({right}/{total})" if total else "   n/a"

    print(title)
    print(
        f"  quotes     P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}"
        f"   lenient F1 {scores.lenient_f1:.3f}   ({scores.gold} quotations)"
    )
    print(f"  names      {share(scores.names_rejected, scores.names)} rejected")
    print(f"  speakers   explicit {share(scores.explicit_right, scores.explicit)}")
    print(f"             implicit {share(scores.implicit_right, scores.implicit)}")
    print(f"  kind       {share(scores.kind_right, scores.exact)}")
    print(f"  baseline   F1 {baseline.f1:.3f} (every two marks paired)")
    if verbose:
        for line in scores.wrong:
            print("    ", line)


def document() -> str:
    texts = [read_article(_data.SEEDS / name).text for name in sorted(GOLD)]
    text = "\n\n".join(texts)
    return ("\n\n".join([text] * (SIZE // len(text) + 1)))[:SIZE]


def generated() -> str:
    text, articles = "", _data.make_articles(1_000, seed=10)
    while len(text) < SIZE:
        text += next(articles) + "\n"
    return text[:SIZE]


def speed(name: str, text: str, runs: int) -> float:
    """Print the recipe's wall and CPU times on `text`; return the wall median (ms)."""
    suggest_quotes(text)  # imports and first-call caches
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        found = suggest_quotes(text)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    print(f"speed, {name}: {len(text):,} characters, {len(found)} quotations, {runs} runs")
    for name, times in (("wall", wall), ("cpu", cpu)):
        median = statistics.median(times)
        verdict = "OK" if median < TARGET_MS else "ABOVE TARGET"
        print(
            f"  {name:<5} min {min(times):6.1f} ms  median {median:6.1f} ms  "
            f"max {max(times):6.1f} ms   target < {TARGET_MS} ms: {verdict}"
        )
    return statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    scores, baseline = Scores(), Scores()
    for name, stretches in GOLD.items():
        text = read_article(_data.SEEDS / name).text
        score(scores, name, text, suggest_quotes(text), stretches)
        score(baseline, name, text, every_two_marks(text), stretches)
    report("seeds (hand-judged gold)", scores, baseline, args.verbose)
    own, own_baseline = Scores(), Scores()
    for name in sorted(EXPECTED):
        text, stretches = gold(name)
        score(own, name, text, suggest_quotes(text), stretches)
        score(own_baseline, name, text, every_two_marks(text), stretches)
    report("own texts (written for the tests)", own, own_baseline, args.verbose)
    for name, text in (("seeds", document()), ("generated", generated())):
        median = speed(f"{name} 100k", text, args.runs)
        ok = median < TARGET_MS
        print(summary_line(f"quotes_{name}_100k", f"{median:.0f}ms", f"<{TARGET_MS}ms", ok))


if __name__ == "__main__":
    main()
