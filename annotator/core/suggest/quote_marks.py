"""Pairing quotation marks into marked stretches, paragraph by paragraph.

Four styles: «…», “…”, ASCII "…", and ”…” with the closing mark on both sides (as the
seeds write it). « and “ always open; » closes the nearest open «; ” closes an open “ or
”, else it opens; " closes an open ", else it opens. A mark never pairs across a line
break. An opening mark left open at the end of its paragraph gives a stretch up to that
end only when the next paragraph opens with a mark (the convention for a quotation that
runs over several paragraphs); otherwise it gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "«“"
CLOSING = "»"
SYMMETRIC = '"”'
MARKS = frozenset(OPENING + CLOSING + SYMMETRIC)
_PARAGRAPH = re.compile(r"[^\n\r\v\f\x85\u2028\u2029]+")
_ANY_MARK = re.compile('[«»“”"]')


@dataclass(frozen=True)
class MarkedStretch:
    """Text between two paired marks: `start`..`end` is the content without the marks and
    without the spaces just inside them; `close_at` is None when it runs to the end of its
    paragraph. `outer` is the index of the stretch it is nested in, or None."""

    open_at: int
    close_at: int | None
    start: int
    end: int
    paragraph_start: int
    paragraph_end: int
    depth: int
    outer: int | None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_next_paragraph(text: str, after: int) -> bool:
    """Whether the next paragraph with text after offset `after` starts with a mark."""
    at = after
    while at < len(text) and text[at].isspace():
        at += 1
    return at < len(text) and text[at] in OPENING + SYMMETRIC


def _pair(marks: list[tuple[int, str]]) -> tuple[list[tuple[int, int, int]], list[int]]:
    """(open, close, depth) of the paired marks of one paragraph, and the opening marks
    left open (outermost first)."""
    stack: list[tuple[int, str]] = []
    pairs: list[tuple[int, int, int]] = []
    for pos, mark in marks:
        if mark in OPENING:
            stack.append((pos, mark))
        elif mark == CLOSING:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][1] == "«":
                    pairs.append((stack[k][0], pos, k))
                    del stack[k:]  # marks opened inside and never closed are dropped
                    break
        elif stack and (stack[-1][1] == mark or (mark == "”" and stack[-1][1] == "“")):
            opened, _ = stack.pop()
            pairs.append((opened, pos, len(stack)))
        else:
            stack.append((pos, mark))
    return pairs, [pos for pos, _ in stack]


def marked_stretches(text: str) -> list[MarkedStretch]:
    """Every marked stretch of `text`, in order of their opening marks."""
    found: list[tuple[int, int | None, int, int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        p_start, p_end = paragraph.span()
        marks = [(m.start() + p_start, m.group()) for m in _ANY_MARK.finditer(paragraph.group())]
        if not marks:
            continue
        pairs, left_open = _pair(marks)
        found.extend((o, c, d, p_start, p_end) for o, c, d in pairs)
        if left_open and _opens_next_paragraph(text, p_end):
            first = left_open[0]
            if all(not (o < first < c) for o, c, _ in pairs):
                found.append((first, None, 0, p_start, p_end))
    found.sort()
    stretches: list[MarkedStretch] = []
    open_chain: list[int] = []  # indices of the stretches enclosing the current one
    for opened, closed, _, p_start, p_end in found:
        stop = p_end if closed is None else closed
        while open_chain and _stop(stretches[open_chain[-1]]) < opened:
            open_chain.pop()
        start, end = _trimmed(text, opened + 1, stop)
        outer = open_chain[-1] if open_chain else None
        stretches.append(
            MarkedStretch(opened, closed, start, end, p_start, p_end, len(open_chain), outer)
        )
        open_chain.append(len(stretches) - 1)
    return stretches


def _stop(stretch: MarkedStretch) -> int:
    return stretch.paragraph_end if stretch.close_at is None else stretch.close_at
