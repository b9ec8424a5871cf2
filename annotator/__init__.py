"""Desktop annotation tool for Arabic news: entities, claims and quotations linked to speakers."""

__version__ = "0.1.0"
