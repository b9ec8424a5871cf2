"""Reading and writing files safely: regular files only and capped, JSON within limits,
lines that name their number, whole-or-nothing writes. Below the store and the formats."""
