"""What an export wrote, and what its format could not carry (said, never silent)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ExportReport:
    """Counts of what an export wrote; `notes` says once each what the format dropped or
    changed (e.g. "12 relations not carried: CoNLL has no links")."""

    lines: int = 0  # records written: lines, documents or files, as the format counts them
    spans: int = 0
    relations: int = 0
    notes: list[str] = field(default_factory=list)
    unit: str = "lines"

    def note(self, message: str) -> None:
        """Record one thing the format could not carry (kept once)."""
        if message not in self.notes:
            self.notes.append(message)

    def summary(self) -> str:
        """One line for the command line and the window."""
        return f"exported {self.lines} {self.unit}, {self.spans} spans, {self.relations} relations"
