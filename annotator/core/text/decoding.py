"""Turn the bytes of an input file into text: detect the encoding and explain failures.

Automatic detection knows the encodings Arabic news files arrive in (GUIDE.md section 3):
UTF-8 with or without a BOM, UTF-16 with a BOM and Windows-1256, the last only when the
text then reads as Arabic (any bytes decode as Windows-1256). Every failure is an
`InputError` naming the file and, where it can, the line. No normalization happens here.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from itertools import pairwise

from annotator.core.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_ARABIC_LETTERS = frozenset(
    chr(code)
    for first, last in ((0x0620, 0x064A), (0x066E, 0x06D3), (0x06D5, 0x06D5), (0x06FA, 0x06FC))
    for code in range(first, last + 1)
)
_HARAKAT = frozenset(chr(code) for code in range(0x064B, 0x0660)) | {"\u0670"}
_ARABIC = _ARABIC_LETTERS | _HARAKAT
_WORD = re.compile(r"(?:[^\W\d_]|[\u064b-\u065f\u0670])+")  # letters, harakat included
_WORD_FINAL = frozenset("\u0629\u0649")  # ة and ى end a word
# Windows-1256 characters that Arabic text does not use: other encodings read as
# Windows-1256 are full of them (KOI8-R, GB18030, Big5, Shift-JIS…)
_UNLIKELY = "¢¤¥¦§¨¬\xad¯±²³´¶·¸¹¼½¾÷‚„†‡‰‹›"
# Of the words with Arabic letters, at most this share may look wrong (real Arabic had
# none in the seeds and the Wojood sample; German, Russian and Chinese 25% and more).
_ODD_SHARE = 0.1

TRUNCATED = "truncated UTF-8 (file cut off in the middle of a character)"
UNKNOWN = (
    "cannot tell its encoding (not UTF-8/UTF-16, and not Arabic Windows-1256); "
    "give it with --encoding"
)
NUL = "contains NUL bytes: not a text file"
EMPTY = "is empty"


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the name of the encoding it was read with."""

    text: str
    encoding: str


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode a file's bytes, detecting the encoding unless one is given.

    Raises InputError with the path, line and reason, so a user can fix the file or
    pass --encoding instead of getting mojibake or a traceback.
    """
    if encoding is not None:
        decoded = Decoded(_decode_explicit(data, path, encoding), encoding)
    else:
        decoded = _decode_auto(data, path)
    _check_text(decoded.text, path)
    return decoded


def _decode_explicit(data: bytes, path: str, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise InputError(path, f"unknown encoding name {encoding!r}") from None
    except UnicodeDecodeError as exc:
        line = _line_in_prefix(data, exc.start, encoding)
        raise InputError(path, f"not valid {encoding} at byte {exc.start}", line) from None
    return text.removeprefix("\ufeff")


def _decode_auto(data: bytes, path: str) -> Decoded:
    for bom, name, label in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name)
            except UnicodeDecodeError as exc:
                start = exc.start + len(bom)
                line = _line_in_prefix(data, start, name)
                if label == "UTF-8" and _is_truncation(exc, len(data) - len(bom)):
                    raise InputError(path, TRUNCATED, line) from None
                raise InputError(path, f"not valid {label} at byte {start}", line) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, _nul_problem(data), data.count(b"\n", 0, nul) + 1)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _is_truncation(exc, len(data)):
            raise InputError(path, TRUNCATED, line) from None
        if _mostly_utf8(data):
            problem = (
                f"not valid UTF-8 at byte {exc.start}; "
                "if the file uses another encoding, pass --encoding"
            )
            raise InputError(path, problem, line) from None
    text = data.decode("cp1256")
    if _reads_as_arabic(text):
        return Decoded(text, "cp1256")
    raise InputError(path, UNKNOWN)


def _is_truncation(exc: UnicodeDecodeError, size: int) -> bool:
    return exc.end == size and exc.reason == "unexpected end of data"


def _mostly_utf8(data: bytes) -> bool:
    """True if most non-ASCII bytes belong to well-formed UTF-8 sequences."""
    non_ascii = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    invalid = len(_ESCAPED_BYTE.findall(data.decode("utf-8", errors="surrogateescape")))
    return non_ascii - invalid > non_ascii / 2


def _reads_as_arabic(text: str) -> bool:
    """True if text decoded as Windows-1256 reads as Arabic.

    Bytes of any encoding decode as Windows-1256, so German "Straße" comes out as
    "Straكe". Arabic words are counted against odd ones: words mixing Arabic and other
    letters, words spelled in no Arabic way (ة or ى inside a word, a word that starts
    with a haraka), and symbols Arabic text does not use. Latin words (French) are neutral.
    """
    words = odd = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        arabic = sum(ch in _ARABIC for ch in word)
        if not arabic:
            continue
        if arabic < len(word) or not _spelled_like_arabic(word):
            odd += 1
        else:
            words += 1
    odd += sum(text.count(ch) for ch in _UNLIKELY)
    return words > 0 and odd <= words * _ODD_SHARE


def _spelled_like_arabic(word: str) -> bool:
    if word[0] in _HARAKAT or word[0] in _WORD_FINAL:
        return False
    return not any(ch in _WORD_FINAL and nxt not in _HARAKAT for ch, nxt in pairwise(word))


def _nul_problem(data: bytes) -> str:
    """The NUL message, with a hint when the bytes read as UTF-16 text without a BOM."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\t\r\n")
        if "\x00" not in text and printable > 0.95 * len(text):
            return f"{NUL} (UTF-16 without a byte-order mark? pass --encoding {codec})"
    return NUL


def _line_in_prefix(data: bytes, offset: int, encoding: str) -> int:
    try:
        prefix = data[:offset].decode(encoding, errors="replace")
    except LookupError:
        return data.count(b"\n", 0, offset) + 1
    return prefix.count("\n") + 1


def _check_text(text: str, path: str) -> None:
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(path, NUL, text.count("\n", 0, nul) + 1)
    if not text.replace("\ufeff", "").strip():
        raise InputError(path, EMPTY)
