"""doccano's JSONL and JSON: the sequence-labelling records doccano imports and exports.

`records` turns a doccano record into our neutral form (through the JSONL line parser)
and a layer into a record; `json_array` streams the records of a `.json` array file;
`reader` reads and sniffs files; `writer` writes them and says what doccano cannot carry.
"""
