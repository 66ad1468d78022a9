"""The backup archive: a gzip-compressed tar holding

    database.sqlite3 | database.pgdump   the database (see database.py)
    media/<name>                         every uploaded file, under its storage name
    manifest.json                        written last: what is inside and how to check it

The manifest says the format and its version, the database vendor, the Django migrations applied,
the rows per model, and the size and SHA-256 of every other member. A restore reads the whole
archive and checks every member against the manifest before it touches anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import time
from pathlib import Path, PurePosixPath

from caitien.backups.errors import BackupError

FORMAT = "caitien-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
_CHUNK = 1024 * 1024


class _Hashing(io.RawIOBase):
    """A reader that hashes what passes through it (tarfile reads a member's bytes once)."""

    def __init__(self, handle):
        self.handle, self.sha256, self.size = handle, hashlib.sha256(), 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.handle.read(len(buffer))
        self.sha256.update(data)
        self.size += len(data)
        buffer[: len(data)] = data
        return len(data)


class Writer:
    """Adds members one by one, remembering their checksums for the manifest."""

    def __init__(self, path: Path):
        self.tar = tarfile.open(path, "w:gz", compresslevel=6)
        self.files: dict[str, dict] = {}

    def add(self, name: str, handle, size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o600, time.time()
        hashing = _Hashing(handle)
        self.tar.addfile(info, io.BufferedReader(hashing, _CHUNK))
        if hashing.size != size:
            raise BackupError(f"Tệp {name} thay đổi kích thước trong lúc sao lưu; hãy chạy lại.")
        self.files[name] = {"size": size, "sha256": hashing.sha256.hexdigest()}

    def finish(self, manifest: dict) -> None:
        manifest = {**manifest, "files": self.files}
        data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(data), 0o600, time.time()
        self.tar.addfile(info, io.BytesIO(data))
        self.tar.close()

    def abort(self) -> None:
        self.tar.close()


def _broken(path: Path, why: str) -> BackupError:
    return BackupError(
        f"Tệp {path.name} không phải bản sao lưu Cải Tiến dùng được: {why}. "
        "Hãy chọn đúng tệp do lệnh caitien backup tạo ra."
    )


def _safe(name: str) -> bool:
    p = PurePosixPath(name)
    return not p.is_absolute() and ".." not in p.parts and name == str(p)


def verify(path: Path) -> dict:
    """The manifest of a sound archive; BackupError (in Vietnamese) for anything else."""
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {path}.")
    seen: dict[str, dict] = {}
    manifest_bytes = None
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                if not member.isfile() or not _safe(member.name):
                    raise _broken(path, f"có mục lạ “{member.name}”")
                handle = tar.extractfile(member)
                if member.name == MANIFEST:
                    manifest_bytes = handle.read(10 * _CHUNK)
                    continue
                digest, size = hashlib.sha256(), 0
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                seen[member.name] = {"size": size, "sha256": digest.hexdigest()}
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise _broken(path, f"tệp nén bị hỏng hoặc không trọn vẹn ({exc})") from exc
    if manifest_bytes is None:
        raise _broken(path, "thiếu tệp mô tả manifest.json")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as exc:
        raise _broken(path, "manifest.json không đọc được") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _broken(path, "manifest.json không phải của Cải Tiến")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Bản sao lưu {path.name} có định dạng phiên bản {manifest.get('format_version')}; "
            f"phiên bản Cải Tiến này đọc định dạng {FORMAT_VERSION}. Hãy khôi phục bằng phiên bản đã tạo ra nó."
        )
    expected = manifest.get("files") or {}
    if seen != expected:
        bad = sorted(set(seen) ^ set(expected)) or sorted(n for n in seen if seen[n] != expected.get(n))
        raise _broken(path, f"nội dung không khớp tổng kiểm tra (SHA-256) ở {', '.join(bad[:3])}")
    return manifest


def members(path: Path):
    """(name, readable handle) of every member but the manifest, in archive order."""
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if member.name != MANIFEST:
                yield member.name, tar.extractfile(member)
