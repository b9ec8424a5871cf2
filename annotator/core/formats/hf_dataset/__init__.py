"""A Hugging Face dataset folder, written: token classification rows split by document
into train/validation/test JSONL files, and a dataset card (README.md) whose YAML header
tells `datasets.load_dataset` the features, the `ner_tags` ClassLabel included.

`rows` makes one row per layer, `split` assigns documents to splits, `card` writes the
README, `writer` puts them together.
"""
