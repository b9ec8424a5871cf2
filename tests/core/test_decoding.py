from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.text.decoding import Decoded, decode_bytes

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))
PATH = "inbox/article.txt"


def seed(prefix: str) -> str:
    (path,) = [p for p in SEEDS if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


def problem(data: bytes, encoding: str | None = None) -> InputError:
    with pytest.raises(InputError) as info:
        decode_bytes(data, PATH, encoding)
    assert PATH in str(info.value)
    return info.value


@pytest.mark.parametrize("seed_path", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (b"", "utf-8", "utf-8"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (b"", "cp1256", "cp1256"),
    ],
)
def test_round_trip_on_seeds(seed_path: Path, bom: bytes, codec: str, expected: str) -> None:
    text = seed_path.read_text(encoding="utf-8")
    assert decode_bytes(bom + text.encode(codec), PATH) == Decoded(text, expected)


def test_python_utf16_codec_output_loses_its_bom() -> None:
    text = seed("003")
    decoded = decode_bytes(text.encode("utf-16"), PATH)
    assert decoded.text == text
    assert not decoded.text.startswith("\ufeff")


def test_cp1256_bytes_of_a_name() -> None:
    assert "محمد".encode("cp1256") == bytes.fromhex("e3cde3cf")
    decoded = decode_bytes("قال محمد: نعم\n".encode("cp1256"), PATH)
    assert decoded == Decoded("قال محمد: نعم\n", "cp1256")


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "cp1256"])
def test_crlf_survives_decoding(codec: str) -> None:
    text = seed("001").replace("\n", "\r\n")
    decoded = decode_bytes(text.encode(codec), PATH)
    assert decoded.text == text
    assert decoded.text.count("\r\n") == seed("001").count("\n")


def test_truncated_utf8_names_the_line() -> None:
    text = seed("001")
    data = text.encode("utf-8")
    word = "فريق".encode()
    cut = data.index(word) + 1
    error = problem(data[:cut])
    assert "truncated" in error.problem
    assert error.problem == "truncated UTF-8 (file cut off in the middle of a character)"
    assert error.line == 3
    assert str(error) == f"{PATH}, line 3: {error.problem}"


def test_truncated_utf8_with_bom() -> None:
    data = codecs.BOM_UTF8 + "سطر\nكلمة".encode()
    error = problem(data[:-1])
    assert "truncated" in error.problem
    assert error.line == 2


def test_corrupt_utf8_in_the_middle() -> None:
    text = seed("003")
    lines = text.split("\n")
    head = "\n".join(lines[:40]) + "\n"
    data = head.encode() + b"\xff" + "\n".join(lines[40:]).encode()
    error = problem(data)
    assert error.line == 41
    assert f"not valid UTF-8 at byte {len(head.encode())}" in error.problem
    assert "pass --encoding" in error.problem


def test_cut_inside_a_letter_in_the_middle_is_corrupt_not_truncated() -> None:
    data = seed("000").encode()
    cut = data.index("بوتين".encode()) + 1
    error = problem(data[:cut] + data[cut + 1 :])
    assert "not valid UTF-8" in error.problem
    assert error.line == 1


UNKNOWN = (
    "cannot tell its encoding (not UTF-8/UTF-16, and not Arabic Windows-1256); "
    "give it with --encoding"
)


def test_latin1_is_unknown_encoding() -> None:
    error = problem("Le président a déclaré à la presse: « non ».".encode("latin-1"))
    assert error.problem == UNKNOWN
    assert error.line is None


# Bytes as the encodings write them (checked against Python's codecs below). Read as
# Windows-1256, each of them used to be stored as gibberish such as "Straكe ـbung".
OTHER_ENCODINGS = [
    (
        "cp1252",
        b"Die Stra\xdfe f\xfchrt \xfcber die Br\xfccke. Gr\xf6\xdfere \xc4pfel, \xd6l und "
        b"\xdcbung.\n",
        "Die Straße führt über die Brücke. Größere Äpfel, Öl und Übung.\n",
    ),
    ("cp1252", b"Stra\xdfe \xdcbung\n", "Straße Übung\n"),
    (
        "koi8-r",
        b"\xf0\xd2\xc5\xda\xc9\xc4\xc5\xce\xd4 \xf2\xcf\xd3\xd3\xc9\xc9 \xda\xc1\xd1\xd7\xc9\xcc, "
        b"\xde\xd4\xcf \xd0\xc5\xd2\xc5\xc7\xcf\xd7\xcf\xd2\xd9 "
        b"\xd0\xd2\xcf\xc4\xcf\xcc\xd6\xc1\xd4\xd3\xd1 "
        b"\xd7 \xd0\xd1\xd4\xce\xc9\xc3\xd5.\n",
        "Президент России заявил, что переговоры продолжатся в пятницу.\n",
    ),
    (
        "gb18030",
        b"\xb9\xfa\xbc\xd2\xd6\xf7\xcf\xaf\xcf\xb0\xbd\xfc\xc6\xbd\xd4\xda\xb1\xb1\xbe\xa9\xbb\xe1"
        b"\xbc\xfb\xc1\xcb\xb6\xed\xc2\xde\xcb\xb9\xd7\xdc\xcd\xb3\xc6\xd5\xbe\xa9\xa1\xa3\n",
        "国家主席习近平在北京会见了俄罗斯总统普京。\n",
    ),
]


@pytest.mark.parametrize(
    ("codec", "data", "text"), OTHER_ENCODINGS, ids=["german", "german-short", "russian", "chinese"]
)
def test_other_encodings_are_not_taken_for_cp1256(codec: str, data: bytes, text: str) -> None:
    assert data == text.encode(codec)
    error = problem(data)
    assert error.problem == UNKNOWN
    assert str(error) == f"{PATH}: {UNKNOWN}"
    assert decode_bytes(data, PATH, codec) == Decoded(text, codec)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (
            b"\xde\xc7\xe1 \xc7\xe1\xd1\xc6\xed\xd3 \xc5\xe4 \xc7\xe1\xe3\xcd\xc7\xcf\xcb\xc7\xca "
            b"\xd3\xca\xd3\xca\xe3\xd1 \xdd\xed \xc7\xe1\xde\xc7\xe5\xd1\xc9.\n",
            "قال الرئيس إن المحادثات ستستمر في القاهرة.\n",
        ),
        (
            "قَالَ مُحَمَّدٌ: «سَنَعُودُ أَقْوَى»، وَأَضَافَ أَنَّ الْمُبَارَاةَ انْتَهَتْ.\n".encode("cp1256"),
            "قَالَ مُحَمَّدٌ: «سَنَعُودُ أَقْوَى»، وَأَضَافَ أَنَّ الْمُبَارَاةَ انْتَهَتْ.\n",
        ),
        (
            "عاجـــل: الرئيـس يلتقـي الوفد في القاهرة الساعة 12:30 — 24°C، والنتيجة 2×1 ـ".encode(
                "cp1256"
            ),
            "عاجـــل: الرئيـس يلتقـي الوفد في القاهرة الساعة 12:30 — 24°C، والنتيجة 2×1 ـ",
        ),
        (
            "قال الرئيس: Le président a déclaré « non ». وأضاف أن الوفد سيصل غدا.".encode("cp1256"),
            "قال الرئيس: Le président a déclaré « non ». وأضاف أن الوفد سيصل غدا.",
        ),
    ],
    ids=["plain", "harakat", "tatweel-and-symbols", "with-french"],
)
def test_real_cp1256_arabic_is_still_detected(data: bytes, text: str) -> None:
    assert decode_bytes(data, PATH) == Decoded(text, "cp1256")


def test_every_line_of_the_seeds_alone_is_detected_as_cp1256() -> None:
    lines = [line for path in SEEDS for line in path.read_text("utf-8").splitlines()]
    arabic = [line for line in lines if any("\u0621" <= ch <= "\u064a" for ch in line)]
    assert len(arabic) > 150
    for line in arabic:
        data = line.encode("cp1256", errors="ignore")
        assert decode_bytes(data, PATH).encoding == "cp1256", line


def test_png_header_is_not_text() -> None:
    error = problem(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert error.problem == "contains NUL bytes: not a text file"
    assert error.line == 3


def test_nul_in_utf8_text_names_the_line() -> None:
    error = problem("سطر أول\nسطر\x00ثان\n".encode())
    assert error.problem.startswith("contains NUL bytes")
    assert error.line == 2


def test_nul_in_utf16_text() -> None:
    error = problem("سطر\n\x00".encode("utf-16"))
    assert error.problem == "contains NUL bytes: not a text file"
    assert error.line == 2


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_gets_a_hint(codec: str) -> None:
    error = problem(seed("000").encode(codec))
    assert error.problem.startswith("contains NUL bytes")
    assert f"--encoding {codec}" in error.problem


def test_utf8_file_with_a_cp1256_paragraph_is_corrupt_utf8() -> None:
    text = seed("002")
    data = text.encode("utf-8") + "\nقال محمد\n".encode("cp1256")
    error = problem(data)
    assert error.problem.startswith(f"not valid UTF-8 at byte {len(text.encode()) + 1}")
    assert error.line == text.count("\n") + 2


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b" \r\n\t\n",
        codecs.BOM_UTF8,
        codecs.BOM_UTF8 * 2 + b"\n",
        "\n \n".encode("utf-16"),
    ],
)
def test_empty_and_whitespace_only(data: bytes) -> None:
    error = problem(data)
    assert error.problem == "is empty"
    assert str(error) == f"{PATH}: is empty"


def test_explicit_encoding_is_used() -> None:
    text = seed("002")
    assert decode_bytes(text.encode("cp1256"), PATH, "cp1256") == Decoded(text, "cp1256")
    assert decode_bytes(text.encode("utf-8"), PATH, "utf-8") == Decoded(text, "utf-8")


def test_explicit_encoding_drops_a_leading_bom() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + "نص".encode(), PATH, "utf-8")
    assert decoded == Decoded("نص", "utf-8")


def test_explicit_wrong_encoding_names_line_and_byte() -> None:
    text = "first line\nsecond line\nقال محمد\n"
    error = problem(text.encode("cp1256"), "utf-8")
    assert error.line == 3
    assert "not valid utf-8 at byte 23" in error.problem


def test_explicit_utf16_error_counts_lines_in_decoded_prefix() -> None:
    data = "a\nb\nc".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le")
    error = problem(data, "utf-16-le")
    assert error.line == 3
    assert "not valid utf-16-le at byte 10" in error.problem


def test_explicit_unknown_encoding_name() -> None:
    error = problem(b"abc", "no-such-codec")
    assert "no-such-codec" in error.problem


def test_explicit_encoding_still_rejects_nul() -> None:
    error = problem(b"abc\n\x00", "latin-1")
    assert error.problem == "contains NUL bytes: not a text file"
    assert error.line == 2
