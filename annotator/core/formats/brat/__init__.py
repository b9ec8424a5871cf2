"""brat standoff: a `.txt` and an `.ann` file per document, one folder per annotator
layer, and the project's label scheme as `annotation.conf` and `visual.conf`.

`names` decides what may be a brat type and how folders and files are named;
`ann_lines` and `ann_parse` write and read one `.ann` file; `conf` writes the two
configuration files; `brat_export` and `brat_import` are the format's writer and reader.
"""
