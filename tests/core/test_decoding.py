from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from annotator.core.decoding import Decoded, decode_bytes
from annotator.core.errors import InputError

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


def test_latin1_is_unknown_encoding() -> None:
    error = problem("Le président a déclaré à la presse: « non ».".encode("latin-1"))
    assert error.problem == "unknown encoding (not UTF-8, UTF-16 or Windows-1256); pass --encoding"
    assert error.line is None


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
