"""A spaCy model trained on the project: `ner` on one annotator's (or gold's) entity
spans, its suggestions scored by beam search. spaCy is imported only when a model is
trained or used, never when this package is imported."""
