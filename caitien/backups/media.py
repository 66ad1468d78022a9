"""The uploaded files (signed scans, evidence, import originals), read and written only through
Django's storage API, so a backup works the same on a local folder and on object storage."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.files.base import File
from django.core.files.storage import default_storage

# Files that can always be made again (generated plan documents): not worth a backup's space.
SKIPPED_FOLDERS = {"cache"}


def names(folder: str = "") -> Iterator[str]:
    """Every stored file's name (but the skipped folders'), folders walked depth first, in a stable order."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        if not folder and sub in SKIPPED_FOLDERS:
            continue
        yield from names(f"{folder}/{sub}" if folder else sub)


def put(name: str, handle) -> None:
    """Stores `handle` under exactly `name`, replacing a file already there."""
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, File(handle, name=name))
    if saved != name:  # a storage that renames would break the database's references
        default_storage.delete(saved)
        raise OSError(f"nơi lưu tệp đổi tên {name} thành {saved}")
