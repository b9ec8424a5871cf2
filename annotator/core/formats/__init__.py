"""Readers and writers of the files annotators move between (one module per format),
and safe reading of input files."""
