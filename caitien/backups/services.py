"""`backup_create` and `backup_restore`: the whole site (database and uploaded files) to one archive
and back."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import django
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import caitien
from caitien.backups import archive, database, media
from caitien.backups.errors import BackupError


def backup_create(path: Path) -> dict:
    """Writes the archive to `path` (through a temporary name, so a failed run leaves no half file)
    and returns its manifest."""
    path = Path(path)
    vendor = database.vendor()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    writer = archive.Writer(partial)
    try:
        with tempfile.TemporaryDirectory(prefix="caitien-backup-") as tmp:
            dump = Path(tmp) / database.DUMP_NAMES[vendor]
            counts, migrations = database.dump(dump)
            with dump.open("rb") as handle:
                writer.add(dump.name, handle, dump.stat().st_size)
        media_count = 0
        for name in media.names():
            with default_storage.open(name, "rb") as handle:
                writer.add(archive.MEDIA_PREFIX + name, handle, default_storage.size(name))
            media_count += 1
        manifest = {
            "format": archive.FORMAT,
            "format_version": archive.FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "caitien_version": getattr(caitien, "__version__", "0.1.0"),
            "django_version": django.get_version(),
            "database": {"vendor": vendor, "dump": dump.name},
            "migrations": migrations,
            "counts": counts,
            "media_files": media_count,
        }
        writer.finish(manifest)
    except BaseException:
        writer.abort()
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    return {**manifest, "files": writer.files}


def backup_restore(path: Path, *, force: bool = False) -> dict:
    """Puts the archive's database and files in place of this site's. Refuses (BackupError) a broken
    archive, one of another database vendor or of a newer version of the code, and a database that
    already holds data unless `force`."""
    path = Path(path)
    manifest = archive.verify(path)
    vendor = database.vendor()
    theirs = (manifest.get("database") or {}).get("vendor")
    if theirs != vendor:
        raise BackupError(
            f"Bản sao lưu này là của cơ sở dữ liệu {database.VENDOR_LABELS.get(theirs, theirs)}, còn "
            f"cơ sở dữ liệu đang dùng là {database.VENDOR_LABELS[vendor]}. Hãy khôi phục vào một cơ sở "
            f"dữ liệu {database.VENDOR_LABELS.get(theirs, theirs)} trống (biến DATABASE_URL)."
        )
    unknown = database.unknown_migrations(manifest.get("migrations") or [])
    if unknown:
        raise BackupError(
            "Bản sao lưu được tạo bởi phiên bản Cải Tiến mới hơn phiên bản đang chạy (chưa có "
            f"{', '.join(unknown[:3])}). Hãy cập nhật Cải Tiến rồi khôi phục."
        )
    if not force and database.content_rows():
        raise BackupError(
            "Cơ sở dữ liệu hiện tại đã có dữ liệu; khôi phục sẽ thay toàn bộ dữ liệu đó bằng bản sao lưu. "
            "Hãy khôi phục vào một cơ sở dữ liệu trống, hoặc thêm --force nếu chắc chắn muốn ghi đè."
        )
    dump_name = manifest["database"].get("dump")
    if dump_name != database.DUMP_NAMES[vendor] or dump_name not in manifest["files"]:
        raise BackupError(f"Bản sao lưu {path.name} thiếu tệp cơ sở dữ liệu.")
    with tempfile.TemporaryDirectory(prefix="caitien-restore-") as tmp:
        for name, handle in archive.members(path):
            if name == dump_name:
                dump = Path(tmp) / dump_name
                with dump.open("wb") as out:
                    while chunk := handle.read(1024 * 1024):
                        out.write(chunk)
                database.load(dump)
            elif name.startswith(archive.MEDIA_PREFIX):
                media.put(name[len(archive.MEDIA_PREFIX) :], handle)
    restored = database.counts()
    differing = sorted(k for k, n in (manifest.get("counts") or {}).items() if restored.get(k) != n)
    if differing:
        raise BackupError(
            f"Khôi phục xong nhưng số bản ghi không khớp bản sao lưu ở {', '.join(differing[:5])}; "
            "hãy kiểm tra lại tệp sao lưu."
        )
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)  # a backup made by an older version
    return manifest
