"""A model's folder: a spaCy pipeline (`spacy.load()` opens it) with our marker file,
`annotator-model.json`, saying what made it. Written whole or not at all; read back only
when the marker says it is ours, of a format and a spaCy this version reads."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError, NotFoundError, ValidationError
from annotator.core.files.safe_json import parse_json

if TYPE_CHECKING:
    from spacy.language import Language

MARKER = "annotator-model.json"
FORMAT = "annotator-ner"
# The major version of what the folder holds (pipes, marker fields); a model of another
# major version is refused, a later minor one still reads.
FORMAT_VERSION = 1
MARKER_LIMIT = 1_000_000  # bytes: a marker is a few hundred


@dataclass
class ModelInfo:
    """What the marker says of a model: which layer it learnt, when, from how much (the
    rejected suggestions among it), and how well it did on the documents held out of
    training (None when none were)."""

    layer: str
    labels: list[str]
    spacy_version: str
    trained_at: str
    documents: int
    spans: int
    epochs: int
    seed: int
    held_out_documents: int = 0
    held_out_spans: int = 0
    held_out_f1: float | None = None
    held_out_precision: float | None = None
    held_out_recall: float | None = None
    rejected: int = 0  # rejected suggestions learnt from as negative examples
    nested: bool = False  # has a span categorizer for the spans inside others
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"


def default_model_dir(project: Path, layer: str) -> Path:
    """Where a project keeps the model of a layer: `<project file>.models/<layer>/`
    (a name that is not a safe folder name is spelt safely, with a hash of it)."""
    return Path(f"{project}.models") / folder_name(layer)


def folder_name(layer: str) -> str:
    """`layer` as one folder name: letters, digits, `_-.` kept, the rest `_`, plus a
    short hash of the name when anything was changed (so two names never share one)."""
    safe = re.sub(r"[^\w.-]", "_", layer).lstrip(".")[:80]
    if safe == layer:
        return safe
    return f"{safe or 'layer'}-{hashlib.sha1(layer.encode()).hexdigest()[:8]}"


def check_target(out_dir: Path) -> None:
    """Refuse, before training, a target that is a file or a folder holding anything
    but an earlier model (which a new one replaces)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ValidationError(f"{out_dir}: is a file; give a folder for the model")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise ValidationError(
            f"{out_dir}: folder holds files that are not a model of ours; give a new folder"
        )


def write_model(nlp: Language, info: ModelInfo, out_dir: Path) -> None:
    """Write the pipeline and its marker into a folder beside `out_dir`, then put it in
    place of `out_dir` (an earlier model there is replaced only once the new one is
    whole); on any failure nothing is left but what was there before."""
    check_target(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = out_dir.with_name(f".{out_dir.name}.{secrets.token_hex(4)}.part")
    old = out_dir.with_name(f".{out_dir.name}.{secrets.token_hex(4)}.old")
    try:
        nlp.to_disk(temporary)
        (temporary / MARKER).write_text(info.to_json(), encoding="utf-8")
        for here, _folders, files in os.walk(temporary):
            for name in files:
                with open(os.path.join(here, name), "rb+") as handle:
                    os.fsync(handle.fileno())
        if out_dir.is_dir():
            os.replace(out_dir, old)
        os.replace(temporary, out_dir)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        if old.is_dir() and not out_dir.exists():
            os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def read_info(folder: Path) -> ModelInfo:
    """The marker of a model folder, checked (see `load_model`); nothing is loaded."""
    if not folder.exists():
        raise NotFoundError(f"{folder}: no model there; train one with `annotator train`")
    if not folder.is_dir():
        raise ValidationError(f"{folder}: is a file, not a model folder")
    if not (folder / "config.cfg").is_file() or not (folder / "meta.json").is_file():
        raise ValidationError(f"{folder}: not a spaCy pipeline (no config.cfg and meta.json)")
    marker = folder / MARKER
    if not marker.is_file():
        raise ValidationError(
            f"{folder}: a spaCy pipeline, but not one `annotator train` made (no {MARKER})"
        )
    if marker.stat().st_size > MARKER_LIMIT:
        raise ValidationError(f"{marker}: too large for a model marker")
    try:
        data = parse_json(marker.read_text(encoding="utf-8"), str(marker))
    except UnicodeDecodeError:
        raise ValidationError(f"{marker}: not UTF-8 text") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(f"{marker}: not a model marker of this tool")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise ValidationError(
            f"{folder}: a model of format version {version}; this version reads version "
            f"{FORMAT_VERSION}: train it again with `annotator train`"
        )
    known = {f.name for f in fields(ModelInfo)}
    try:
        info = ModelInfo(**{key: value for key, value in data.items() if key in known})
    except TypeError:
        raise ValidationError(f"{marker}: a field of the model marker is missing") from None
    _check_spacy(folder, str(info.spacy_version))
    return info


def _check_spacy(folder: Path, made_with: str) -> None:
    """Refuse a pipeline of another spaCy minor version (spaCy's own rule: pipelines
    load only in the major.minor version they were trained with)."""
    import spacy

    if _minor(made_with) != _minor(spacy.__version__):
        raise ValidationError(
            f"{folder}: trained with spaCy {made_with}, this is spaCy {spacy.__version__}: "
            "train it again with `annotator train`"
        )


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def load_model(folder: str | Path) -> tuple[Language, ModelInfo]:
    """The pipeline in `folder` and its marker. Refused with one line naming the folder:
    a missing folder, one that is not a spaCy pipeline or lacks our marker, a model of
    another format version or spaCy version, one spaCy cannot load."""
    import spacy

    folder = Path(folder)
    info = read_info(folder)
    try:
        nlp = spacy.load(folder)
    except AnnotatorError:
        raise
    except Exception as exc:  # spaCy raises many kinds; the user needs one line
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ValidationError(f"{folder}: spaCy cannot load this model ({first})") from None
    if "ner" not in nlp.pipe_names:
        raise ValidationError(f"{folder}: the pipeline has no 'ner' pipe")
    ner: Any = nlp.get_pipe("ner")
    if ner.cfg.get("beam_width", 1) < 2:
        raise ValidationError(f"{folder}: the 'ner' pipe gives no scores (not a beam_ner)")
    return nlp, info
