"""doccano's own importer and exporter, run by the Python of a venv where doccano is
installed (it cannot share ours: it pins pandas<2, SQLAlchemy<2, chardet<5, Django 4).

Not a test module: `test_doccano_consumer.py` runs it as
`DOCCANO_PYTHON doccano_harness.py JOBS.json` and reads one JSON object from its last
line of output. For each job it makes a doccano project (sequence labelling, with
relations for the `entities` shape), imports the file through doccano's
`data_import.datasets.load_dataset(...).save(user)`, as its upload page does, reports
what doccano stored (examples, their metadata, spans and relations as offsets into the
example's text) and the importer's errors, then exports the project with doccano's
`data_export` pipeline: JSONL in the project's shape, and a JSON array (doccano's
`JsonWriter`) with the same formatters.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def _setup() -> None:
    backend = Path(importlib.util.find_spec("backend").origin).parent  # type: ignore[union-attr]
    sys.path.insert(0, str(backend))
    folder = tempfile.mkdtemp(prefix="doccano-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/doccano.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["MEDIA_ROOT"] = folder
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _stored(project: Any) -> list[dict[str, Any]]:
    from examples.models import Example
    from labels.models import Relation, Span

    examples = []
    for example in Example.objects.filter(project=project).order_by("id"):
        spans = Span.objects.filter(example=example).select_related("label")
        relations = Relation.objects.filter(example=example).select_related(
            "type", "from_id__label", "to_id__label"
        )
        examples.append(
            {
                "text": example.text,
                "meta": example.meta,
                "spans": sorted([s.start_offset, s.end_offset, s.label.text] for s in spans),
                "relations": sorted(
                    [
                        [r.from_id.start_offset, r.from_id.end_offset, r.from_id.label.text],
                        [r.to_id.start_offset, r.to_id.end_offset, r.to_id.label.text],
                        r.type.text,
                    ]
                    for r in relations
                ),
            }
        )
    return examples


def _export(project: Any, user: Any, out: Path) -> dict[str, str]:
    from data_export.models import ExportedExample
    from data_export.pipeline.dataset import Dataset
    from data_export.pipeline.factories import (
        create_comment,
        create_formatter,
        create_labels,
        create_writer,
    )
    from data_export.pipeline.services import ExportApplicationService

    written = {}
    for name, suffix in (("JSONL", ".jsonl"), ("JSON", ".json")):
        examples = ExportedExample.objects.filter(project=project)
        dataset = Dataset(
            examples, create_labels(project, examples, user), create_comment(examples, user)
        )
        # doccano offers sequence labelling as JSONL; its JSON writer takes the same columns
        formatters = create_formatter(project, "JSONL")
        path = out.with_suffix(suffix)
        ExportApplicationService(dataset, formatters, create_writer(name)).export(str(path))
        written[name] = str(path)
    return written


def run(job: dict[str, Any], number: int) -> dict[str, Any]:
    from data_import.datasets import load_dataset
    from data_import.pipeline.catalog import RELATION_EXTRACTION, create_file_format
    from data_import.pipeline.readers import FileName
    from django.contrib.auth.models import User
    from projects.models import ProjectType, SequenceLabelingProject

    user, _ = User.objects.get_or_create(username="annotator")
    relations = job["shape"] == "entities"
    project = SequenceLabelingProject.objects.create(
        name=f"job {number}",
        project_type=ProjectType.SEQUENCE_LABELING,
        created_by=user,
        allow_overlapping=job.get("overlapping", True),
        use_relation=relations,
    )
    task = RELATION_EXTRACTION if relations else ProjectType.SEQUENCE_LABELING
    path = job["path"]
    dataset = load_dataset(
        task,
        create_file_format("JSONL"),
        [FileName(path, f"upload-{number}", os.path.basename(path))],
        project,
        encoding=job.get("encoding", "utf_8"),
    )
    dataset.save(user)
    return {
        "errors": [str(e) for e in dataset.errors],
        "examples": _stored(project),
        "exported": _export(project, user, Path(job["export_to"])),
    }


def main() -> None:
    jobs = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    _setup()
    results = [run(job, n) for n, job in enumerate(jobs)]
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
