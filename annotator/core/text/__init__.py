"""Text handling, no storage: normalization at import, offsets, tokens, clitics,
folded search, encodings, terminal display."""
