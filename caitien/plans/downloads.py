"""Generated plan documents (DOCX, PDF, XLSX), kept in storage per plan content and writer version.

A PDF starts LibreOffice and takes seconds; a published plan is downloaded by many readers and
changes rarely. So the document is written once per (plan, content signature, format, writer
version) and served from storage after that. The signature is a digest of the plan as a document
(its rows, sections, header, signer) and the plan's revision, so any change writes a new file; the
plan's older files of that format are removed when a new one is stored. Files live under `cache/`,
which backups leave out (they can always be written again).
"""

from __future__ import annotations

import hashlib
import tempfile
from functools import cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

CACHE_FOLDER = "cache/ke-hoach"


@cache
def writer_version() -> str:
    """A digest of the writers' code: a new release writes every document again."""
    import caitien.planfile.writers as writers

    digest = hashlib.sha256()
    for path in sorted(Path(writers.__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _name(plan, doc, fmt: str) -> str:
    digest = hashlib.sha256(f"{plan.revision}\n{writer_version()}\n{doc.to_json()}".encode()).hexdigest()
    return f"{CACHE_FOLDER}/{plan.pk}/{fmt}-r{plan.revision}-{digest[:32]}.{fmt}"


def plan_document_bytes(plan, doc, fmt: str, write, stem: str = "ke-hoach") -> bytes:
    """The plan's document in `fmt`, from storage when this content was written before, else written
    by `write(doc, path)` (which may raise WriteError) and stored."""
    name = _name(plan, doc, fmt)
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError):
        pass
    with tempfile.TemporaryDirectory(prefix="caitien-") as tmp:
        path = Path(tmp) / f"{stem}.{fmt}"
        write(doc, path)
        data = path.read_bytes()
    _forget_older(plan, fmt, keep=name)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return data


def _forget_older(plan, fmt: str, keep: str) -> None:
    folder = f"{CACHE_FOLDER}/{plan.pk}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, OSError):
        return
    for file in files:
        if file.startswith(f"{fmt}-") and f"{folder}/{file}" != keep:
            default_storage.delete(f"{folder}/{file}")
