"""Suggestions computed from the text alone (rules, no model): quotations and their speakers."""
