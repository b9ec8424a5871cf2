"""Agreement between annotators' layers: span F1, token κ and α, relations, coverage.

What is compared (GUIDE.md section 5; unlike INCEpTION, partial overlaps are never
dropped — they lower exact agreement and count as overlap matches):

- **Spans**, per annotator pair and label: F1 with exact matching (same start, end and
  label) and with overlap matching (same label, shared characters, one-to-one).
- **Tokens**: each document is tokenized once, cut at every span edge of every compared
  annotator who worked on it, so every span covers whole tokens. Per label a token is 1
  inside any span of that label, else 0; the "all labels" category of a token is the
  label of the shortest span covering it, else "O". Cohen's κ per pair over the tokens
  of the documents both worked on; Krippendorff's α (nominal) over all annotators, an
  annotator who did not work on a document being missing for its tokens; Fleiss' κ over
  the documents all compared annotators worked on only (it needs complete units).
- **Relations**: of the head spans both annotators marked (overlap match), those linked
  by at least one of them; the share linked by both to targets that overlap-match.
- **Coverage**: a layer exists when it has spans or a status row. Documents only some
  annotators worked on are listed; they count for the pairs who both worked on them.

A value is None when there is nothing to compare (no spans of a label on either side, no
shared document). The statistics themselves live in `agreement_measures`.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from annotator.core.errors import ValidationError
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Store
from annotator.core.team.agreement_corpus import (
    ComparedLayer,
    Corpus,
    document_tokens,
    load_corpus,
    token_masks,
)
from annotator.core.team.agreement_counts import count_tokens
from annotator.core.team.agreement_flat import flatten
from annotator.core.team.agreement_measures import (
    RaterSums,
    SpanTuple,
    binary_kappa,
    categorical_alpha,
    kappa_from_counts,
    mean,
    overlap_matching,
)
from annotator.core.team.agreement_report import (
    OUTSIDE,
    AgreementReport,
    DocumentAgreement,
    LabelSummary,
    PairAgreement,
    RelationScores,
    Scores,
)
from annotator.core.team.agreement_spans import LayerSpans, layer_matches, pair_span_counts


def token_categories(
    store: Store,
    annotators: list[str] | None = None,
    labels: list[str] | None = None,
    documents: list[int] | None = None,
) -> dict[int, dict[str, list[str]]]:
    """The token units of the κ/α measures: per document with two or more annotators,
    each annotator's "all labels" category per token (label of the shortest covering
    span, or "O"), on the same tokens `compute_agreement` uses."""
    corpus = load_corpus(store, annotators, labels, documents)
    label_index = {label: i for i, label in enumerate(corpus.labels)}
    names = [OUTSIDE, *corpus.labels]
    shared = [doc for doc, who in corpus.present.items() if len(who) >= 2]
    texts = store.documents.field(shared, "text")
    out: dict[int, dict[str, list[str]]] = {}
    for doc in shared:
        layers = [corpus.layers[doc, name] for name in corpus.present[doc]]
        tokens = document_tokens(texts[doc], layers)
        starts, ends = [t[0] for t in tokens], [t[1] for t in tokens]
        out[doc] = {}
        for name, layer in zip(corpus.present[doc], layers, strict=True):
            _, cats = token_masks(starts, ends, layer.spans, label_index)
            row = [OUTSIDE] * len(tokens)
            for k, bits in enumerate(cats):
                for i in _bits(bits):
                    row[i] = names[k]
            out[doc][name] = row
    return out


def _bits(value: int) -> list[int]:
    return [i for i, bit in enumerate(bin(value)[:1:-1]) if bit == "1"]


# -- computing -------------------------------------------------------------------------------


class _PairSums:
    """Counts of one annotator pair, summed over the documents both worked on."""

    def __init__(self, n_labels: int, relations: list[str]) -> None:
        self.documents: list[int] = []
        self.tokens = 0
        self.both, self.tok_a, self.tok_b = ([0] * n_labels for _ in range(3))
        self.spans_a, self.spans_b, self.exact, self.overlap = ([0] * n_labels for _ in range(4))
        self.agree = 0
        self.cat_a, self.cat_b = [0] * (n_labels + 1), [0] * (n_labels + 1)
        self.relations = {rel: RelationScores() for rel in relations}


def _f1(matches: int, n_a: int, n_b: int) -> float | None:
    return None if n_a + n_b == 0 else 2 * matches / (n_a + n_b)


def _group(spans: list[SpanTuple]) -> dict[str, list[SpanTuple]]:
    groups: dict[str, list[SpanTuple]] = defaultdict(list)
    for span in spans:
        groups[span[2]].append(span)
    return groups


def _relations(corpus: Corpus, a: ComparedLayer, b: ComparedLayer, sums: _PairSums) -> None:
    for rel in corpus.relation_labels:
        links_a, links_b = a.links.get(rel, {}), b.links.get(rel, {})
        if not links_a and not links_b:
            continue
        heads = corpus.head_labels[rel]
        spans_a, spans_b = a.by_id(), b.by_id()
        heads_a = [(sid, s) for sid, s in spans_a.items() if s[2] in heads]
        heads_b = [(sid, s) for sid, s in spans_b.items() if s[2] in heads]
        scores = sums.relations[rel]
        for i, j in overlap_matching([s for _, s in heads_a], [s for _, s in heads_b]):
            targets_a = [spans_a[k] for k in links_a.get(heads_a[i][0], ())]
            targets_b = [spans_b[k] for k in links_b.get(heads_b[j][0], ())]
            if not targets_a and not targets_b:
                continue
            scores.shared_heads += 1
            if targets_a and len(targets_a) == len(targets_b) == len(
                overlap_matching(targets_a, targets_b)
            ):
                scores.same_target += 1


def _add_matches(
    sums: _PairSums,
    spans_a: LayerSpans,
    spans_b: LayerSpans,
    label_index: dict[str, int],
    exact_f1s: list[float | None],
    overlap_f1s: list[float | None],
) -> None:
    """One document's span matches of a pair, counted layer by layer."""
    exact, overlap = layer_matches(spans_a, spans_b, label_index)
    for k in range(len(label_index)):
        sums.spans_a[k] += spans_a.per_label[k]
        sums.spans_b[k] += spans_b.per_label[k]
        sums.exact[k] += exact[k]
        sums.overlap[k] += overlap[k]
    exact_f1s.append(_f1(sum(exact), spans_a.total, spans_b.total))
    overlap_f1s.append(_f1(sum(overlap), spans_a.total, spans_b.total))


def _accumulate(store: Store, corpus: Corpus, with_tokens: bool):
    """Walk the documents with two or more annotators once, summing every count."""
    labels, n_labels = corpus.labels, len(corpus.labels)
    everyone = len(corpus.annotators)
    pairs = {
        pair: _PairSums(n_labels, corpus.relation_labels)
        for pair in combinations(corpus.annotators, 2)
    }
    alpha, fleiss = RaterSums(n_labels), RaterSums(n_labels)
    per_document: dict[int, DocumentAgreement] = {}
    shared = sorted(doc for doc, who in corpus.present.items() if len(who) >= 2)
    counts = None
    flat = flatten(corpus, shared)
    if with_tokens:
        counts = count_tokens(corpus, shared, store.documents.field(shared, "text"), flat)
        for (a, b), tokens in counts.pairs.items():
            sums = pairs[a, b]
            sums.tokens, sums.both, sums.tok_a, sums.tok_b = (
                tokens.tokens,
                tokens.both,
                tokens.tok_a,
                tokens.tok_b,
            )
            sums.agree, sums.cat_a, sums.cat_b = tokens.agree, tokens.cat_a, tokens.cat_b
        for m, group in counts.groups.items():
            if not group.size:
                continue
            alpha.add_units(group.size, m, group.ones, group.both, group.totals, group.agree)
            if m == everyone:
                fleiss.add_units(group.size, m, group.ones, group.both, group.totals, group.agree)
    label_index = {label: i for i, label in enumerate(labels)}
    matched = pair_span_counts(flat, corpus.annotators, n_labels)
    for pair, found in (matched or {}).items():
        sums = pairs[pair]
        sums.spans_a, sums.spans_b = found.spans_a, found.spans_b
        sums.exact, sums.overlap = found.exact, found.overlap
    for d, doc in enumerate(shared):
        who = corpus.present[doc]
        m = len(who)
        layers = {name: corpus.layers[doc, name] for name in who}
        if matched is None:
            compared = {
                name: LayerSpans(layer.spans, label_index) for name, layer in layers.items()
            }
        size = counts.sizes[d] if counts else 0
        exact_f1s, overlap_f1s, kappas = [], [], []
        for a, b in combinations(who, 2):
            sums = pairs[a, b]
            sums.documents.append(doc)
            if matched is not None:
                found = matched[a, b]
                n_a, n_b = found.doc_spans_a[d], found.doc_spans_b[d]
                exact_f1s.append(_f1(found.doc_exact[d], n_a, n_b))
                overlap_f1s.append(_f1(found.doc_overlap[d], n_a, n_b))
            else:
                _add_matches(sums, compared[a], compared[b], label_index, exact_f1s, overlap_f1s)
            _relations(corpus, layers[a], layers[b], sums)
            if counts is None:
                continue
            kappa = counts.pairs[a, b].doc_kappa[d]
            if kappa is not None:
                kappas.append(kappa)
        doc_alpha = None
        if counts is not None and size:
            totals = counts.doc_totals[d]
            if totals[0] < size * m:
                doc_alpha = categorical_alpha(size, m, totals, counts.doc_agree[d])
        per_document[doc] = DocumentAgreement(
            doc, who, mean(exact_f1s), mean(overlap_f1s), mean(kappas), doc_alpha, size
        )
    return pairs, alpha, fleiss, per_document


def _pair_agreement(a: str, b: str, sums: _PairSums, labels: list[str]) -> PairAgreement:
    per_label = {
        label: Scores(
            _f1(sums.exact[k], sums.spans_a[k], sums.spans_b[k]),
            _f1(sums.overlap[k], sums.spans_a[k], sums.spans_b[k]),
            binary_kappa(sums.tokens, sums.both[k], sums.tok_a[k], sums.tok_b[k])
            if sums.tok_a[k] + sums.tok_b[k]
            else None,
            sums.tokens,
            sums.spans_a[k],
            sums.spans_b[k],
            sums.exact[k],
            sums.overlap[k],
        )
        for k, label in enumerate(labels)
    }
    spans_a, spans_b = sum(sums.spans_a), sum(sums.spans_b)
    exact, overlap = sum(sums.exact), sum(sums.overlap)
    marked = sum(sums.cat_a[1:]) + sum(sums.cat_b[1:])
    overall = Scores(
        _f1(exact, spans_a, spans_b),
        _f1(overlap, spans_a, spans_b),
        kappa_from_counts(sums.tokens, sums.agree, sums.cat_a, sums.cat_b) if marked else None,
        sums.tokens,
        spans_a,
        spans_b,
        exact,
        overlap,
    )
    for scores in sums.relations.values():
        scores.share = scores.same_target / scores.shared_heads if scores.shared_heads else None
    return PairAgreement(a, b, sums.documents, per_label, overall, sums.relations)


def compute_agreement(
    store: Store,
    annotators: list[str] | None = None,
    labels: list[str] | None = None,
    documents: list[int] | None = None,
) -> AgreementReport:
    """Agreement of the annotators' layers (default: every annotator but the "gold"
    layer), for these labels (default: the span and relation labels in use), over these
    documents (default: all). Needs at least two annotators."""
    corpus = load_corpus(store, annotators, labels, documents)
    names = corpus.annotators
    if len(names) < 2:
        raise ValidationError(
            f"agreement needs two or more annotators; selected: {', '.join(names) or 'none'}"
        )
    pair_sums, alpha, fleiss, per_document = _accumulate(store, corpus, with_tokens=True)
    pairs = [_pair_agreement(a, b, s, corpus.labels) for (a, b), s in pair_sums.items()]
    summary = {}
    for k, label in enumerate([*corpus.labels, None]):
        kappa = fleiss.fleiss_kappa(k, len(names)) if fleiss.marked(k) else None
        value = alpha.alpha(k) if alpha.marked(k) else None
        scores = [p.per_label[label] if label else p.overall for p in pairs]
        summary[label] = LabelSummary(
            mean(s.exact_f1 for s in scores),
            mean(s.overlap_f1 for s in scores),
            mean(s.kappa for s in scores),
            kappa,
            value,
        )
    overall = summary.pop(None)
    relation_summary = {}
    for rel in corpus.relation_labels:
        shared = sum(p.relations[rel].shared_heads for p in pairs)
        same = sum(p.relations[rel].same_target for p in pairs)
        relation_summary[rel] = RelationScores(shared, same, same / shared if shared else None)

    present = corpus.present
    partial = [(doc, who) for doc, who in sorted(present.items()) if len(who) < len(names)]
    single = [doc for doc, who in partial if len(who) == 1]
    complete = [doc for doc, who in sorted(present.items()) if len(who) == len(names)]
    per_annotator = {name: 0 for name in names}
    for who in present.values():
        for name in who:
            per_annotator[name] += 1
    notes = [
        f"Fleiss' kappa counts only the documents all {len(names)} annotators worked on "
        f"({len(complete)} of {len(per_document)}); Krippendorff's alpha counts every document "
        "with two or more of them (the others are missing data there); each pair counts the "
        "documents both worked on."
    ]
    if partial:
        notes.append(
            f"Documents only some annotators worked on: {len(partial)} (partial_documents)."
        )
    if single:
        notes.append(f"Documents with one annotator only, counted nowhere: {len(single)}.")
    if annotators is None and any(a.name == GOLD_LAYER for a in store.annotators()):
        notes.append(f'The adjudicated layer "{GOLD_LAYER}" is left out unless named.')
    return AgreementReport(
        annotators=names,
        labels=corpus.labels,
        relation_labels=corpus.relation_labels,
        pairs=pairs,
        summary=summary,
        overall=overall,
        relation_summary=relation_summary,
        per_document=per_document,
        partial_documents=partial,
        single_annotator_documents=single,
        fleiss_documents=complete,
        documents_per_annotator=per_annotator,
        notes=notes,
    )


def document_agreement(
    store: Store, annotators: list[str] | None = None
) -> dict[int, float | None]:
    """For every document with a layer of the chosen annotators (default: all but
    "gold"), the mean over annotator pairs of the overlap F1 of all their spans: low
    values first to review disagreement. None with one annotator or no spans at all."""
    corpus = load_corpus(store, annotators, None, None)
    _, _, _, per_document = _accumulate(store, corpus, with_tokens=False)
    return {
        doc: per_document[doc].overlap_f1 if doc in per_document else None
        for doc in sorted(corpus.present)
    }
