"""`caitien backup` of a populated site, `caitien restore` into an empty database of the same
vendor (a fresh SQLite file, or a PostgreSQL database this test creates and drops), and the restored
site holds every plan, row, version, comment, audit event and file unchanged."""

import datetime
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import docx
import psycopg
import pypdfium2
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from caitien.backups import archive
from caitien.backups.errors import BackupError
from caitien.backups.services import backup_create, backup_restore
from caitien.evidence.models import EvidenceFile, EvidenceItem
from caitien.plans import services
from caitien.plans.models import Plan
from tests.backups.snapshot import site_snapshot
from tests.plans.conftest import make_plan

ROOT = Path(__file__).resolve().parents[2]


def _scan_pdf() -> bytes:
    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def _import_original() -> bytes:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC năm học 2025 - 2026")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def populated(cast, media_root):
    """A published plan with a signed scan and a revised version, comments, evidence with a file, an
    import original: every kind of thing a backup must carry."""
    plan = make_plan(cast.primary, cast.principal)
    services.plan_submit(plan=plan, actor=cast.vice)
    services.plan_approve(
        plan=plan,
        actor=cast.principal,
        number="45/KH-THHB",
        date=datetime.date(2025, 9, 20),
        signer="Nguyễn Văn An",
    )
    plan = services.plan_publish(plan=plan, actor=cast.principal, scan=_scan_pdf(), scan_name="ban-ky.pdf")
    first_row = plan.items.order_by("order").first()
    services.plan_comment_add(plan=plan, actor=cast.specialist, text="Dòng này cần nêu rõ chỉ số.")
    services.plan_comment_add(
        plan=plan, actor=cast.specialist, text="Kinh phí sửa mái che lấy từ đâu?", item=first_row
    )
    services.plan_revise(plan=plan, reason="Bổ sung nguồn kinh phí", actor=cast.principal)
    item = EvidenceItem.objects.create(
        school=cast.primary,
        school_year=2025,
        regulation=plan.regulation,
        code="H1-1.1-01",
        name="Biên bản họp Hội đồng trường",
    )
    stored = EvidenceFile(item=item, original_name="bien-ban.pdf", content_type="application/pdf", size=0)
    stored.file.save("bien-ban.pdf", ContentFile(_scan_pdf()), save=False)
    stored.size = stored.file.size
    stored.save()
    default_storage.save("nhap/goc/ke-hoach-2025.docx", ContentFile(_import_original()))
    return plan


def _child_env(var_dir: Path, database_url: str | None) -> dict:
    env = {**os.environ, "CAITIEN_VAR_DIR": str(var_dir), "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _caitien(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "caitien.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )


@pytest.fixture
def empty_site(tmp_path):
    """The environment of a second, empty site of the same database vendor."""
    var_dir = tmp_path / "restored"
    if connection.vendor == "sqlite":
        yield _child_env(var_dir, None)  # a new SQLite file in its own var folder
        return
    s = connection.settings_dict
    name = f"{s['NAME']}_restored"
    admin = psycopg.connect(
        host=s["HOST"], port=s["PORT"] or 5432, user=s["USER"], password=s["PASSWORD"] or None,
        dbname="postgres", autocommit=True,
    )  # fmt: skip
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    url = f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{name}"
    try:
        yield _child_env(var_dir, url)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.django_db(transaction=True)
def test_a_restored_site_equals_the_backed_up_one(populated, empty_site, tmp_path):
    before = site_snapshot()
    assert len(before["rows"]["plans.plan"]) == 2  # the published version and its revision
    assert len(before["rows"]["plans.plancomment"]) == 2
    assert before["rows"]["audit.auditevent"]
    assert len(before["files"]) == 3  # signed scan, evidence file, import original

    path = tmp_path / "caitien.tar.gz"
    manifest = backup_create(path)
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["counts"]["plans.planitem"] == len(before["rows"]["plans.planitem"])

    restored = _caitien(empty_site, "restore", str(path))
    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục" in restored.stdout
    child = subprocess.run(
        [sys.executable, "-m", "tests.backups.snapshot"],
        env={**empty_site, "DJANGO_SETTINGS_MODULE": "caitien.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert child.returncode == 0, child.stderr
    after = json.loads(child.stdout)
    for label, rows in before["rows"].items():
        assert after["rows"][label] == rows, label
    assert after["files"] == before["files"]

    # The site is no longer empty: a second restore needs --force.
    again = _caitien(empty_site, "restore", str(path))
    assert again.returncode == 2
    assert "đã có dữ liệu" in again.stderr and "--force" in again.stderr
    forced = _caitien(empty_site, "restore", "--force", str(path))
    assert forced.returncode == 0, forced.stderr


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_non_empty_database_without_force(populated, tmp_path):
    path = tmp_path / "site.tar.gz"
    backup_create(path)
    with pytest.raises(BackupError, match="đã có dữ liệu"):
        backup_restore(path)
    plans = Plan.objects.count()
    backup_restore(path, force=True)
    assert Plan.objects.count() == plans


def _rewrite(source: Path, target: Path, change):
    """A copy of the archive with members changed by `change(name, data) -> data | None`."""
    with tarfile.open(source, "r:gz") as tar_in, tarfile.open(target, "w:gz") as tar_out:
        for member in tar_in:
            data = change(member.name, tar_in.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            tar_out.addfile(member, io.BytesIO(data))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_broken_and_foreign_archives(cast, media_root, tmp_path):
    good = tmp_path / "good.tar.gz"
    backup_create(good)

    not_an_archive = tmp_path / "ghi-chu.tar.gz"
    not_an_archive.write_text("không phải bản sao lưu", encoding="utf-8")
    with pytest.raises(BackupError, match="không phải bản sao lưu Cải Tiến"):
        backup_restore(not_an_archive)

    truncated = tmp_path / "cut.tar.gz"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(BackupError, match="hỏng hoặc không trọn vẹn"):
        backup_restore(truncated)

    tampered = tmp_path / "tampered.tar.gz"
    dump = archive.MANIFEST

    def flip(name, data):
        return data if name == dump else data[:-1] + bytes([data[-1] ^ 1])

    _rewrite(good, tampered, flip)
    with pytest.raises(BackupError, match="SHA-256"):
        backup_restore(tampered)

    no_manifest = tmp_path / "no-manifest.tar.gz"
    _rewrite(good, no_manifest, lambda name, data: None if name == archive.MANIFEST else data)
    with pytest.raises(BackupError, match="thiếu tệp mô tả"):
        backup_restore(no_manifest)

    other_vendor = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def foreign(name, data):
        if name != archive.MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["database"]["vendor"] = other_vendor
        return json.dumps(manifest).encode()

    wrong_vendor = tmp_path / "foreign.tar.gz"
    _rewrite(good, wrong_vendor, foreign)
    with pytest.raises(BackupError, match="Hãy khôi phục vào một cơ sở dữ liệu"):
        backup_restore(wrong_vendor, force=True)


@pytest.mark.django_db(transaction=True)
def test_the_commands_answer_in_vietnamese(cast, media_root, tmp_path, capsys):
    missing = tmp_path / "khong-co.tar.gz"
    with pytest.raises(SystemExit) as stopped:
        call_command("restore", str(missing))
    assert stopped.value.code == 2
    assert "Không tìm thấy tệp sao lưu" in capsys.readouterr().err
    path = tmp_path / "b.tar.gz"
    call_command("backup", "-o", str(path))
    assert "Đã sao lưu vào" in capsys.readouterr().out
    with tarfile.open(path, "r:gz") as tar:
        manifest = json.load(tar.extractfile(archive.MANIFEST))
    assert manifest["format"] == "caitien-backup" and manifest["format_version"] == 1
    assert ["plans", "0001_initial"] in manifest["migrations"]
    dump = manifest["database"]["dump"]
    assert len(manifest["files"][dump]["sha256"]) == 64 and manifest["files"][dump]["size"] > 0
