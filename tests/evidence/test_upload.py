"""evidence_from_upload: the file is checked by content, size and bombs before anything is stored."""

import io
import zipfile

import pypdfium2
import pytest
from django.core.files.storage import default_storage

from caitien.evidence.models import EvidenceItem
from caitien.evidence.selectors import codes_by_row
from caitien.evidence.services import EvidenceRefused, evidence_from_upload
from caitien.plans.models import Plan, PlanItem
from tests.evidence.conftest import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes, upload, xlsx_bytes


def _criterion(catalog, slug, code):
    from caitien.catalog.models import Criterion

    return Criterion.objects.get(standard__regulation=catalog[slug], code=code)


def _add(cast, catalog, name, data, criterion="1.1", **extra):
    return evidence_from_upload(
        school=cast.primary,
        school_year=2025,
        regulation=catalog["tt17-2018"],
        criterion=_criterion(catalog, "tt17-2018", criterion) if criterion else None,
        name="Minh chứng kiểm thử",
        uploaded_file=upload(name, data),
        actor=cast.principal,
        **extra,
    )


def test_the_demo_pdf_is_a_real_pdf():
    document = pypdfium2.PdfDocument(pdf_bytes())
    try:
        assert len(document) == 1
        page = document[0]
        text = page.get_textpage()
        assert "Bien ban hop" in text.get_text_range()
        text.close()
        page.close()
    finally:
        document.close()


@pytest.mark.parametrize(
    "name,maker,content_type",
    [
        ("bien-ban.pdf", pdf_bytes, "application/pdf"),
        ("anh.png", png_bytes, "image/png"),
        ("anh.jpg", jpeg_bytes, "image/jpeg"),
        ("qd.docx", docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("ds.xlsx", xlsx_bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_accepted_files_are_stored_with_a_code(cast, catalog, media, name, maker, content_type):
    item = _add(cast, catalog, name, maker())
    assert item.code == "[H1-1.1-01]"
    stored = item.files.get()
    assert stored.content_type == content_type
    assert default_storage.exists(stored.file.name)
    assert name not in stored.file.name  # stored under a random name
    assert bool(stored.thumbnail) == content_type.startswith("image/")


def test_codes_run_per_criterion_and_link_the_row(cast, catalog, media):
    plan = Plan.objects.create(
        school=cast.primary, regulation=catalog["tt17-2018"], start_year=2025, end_year=2026, title="KH"
    )
    row = PlanItem.objects.create(plan=plan, criterion_code="1.1")
    first = _add(cast, catalog, "a.png", png_bytes(), plan=plan, item_key=row.key)
    second = _add(cast, catalog, "b.png", png_bytes(), plan=plan, item_key=row.key)
    other = _add(cast, catalog, "c.png", png_bytes(), criterion="2.3")
    general = _add(cast, catalog, "d.png", png_bytes(), criterion=None)
    assert [first.code, second.code, other.code, general.code] == [
        "[H1-1.1-01]",
        "[H1-1.1-02]",
        "[H2-2.3-01]",
        "[H0-0.0-01]",
    ]
    assert codes_by_row(plan) == {row.key: ["[H1-1.1-01]", "[H1-1.1-02]"]}


def test_57_2026_codes(cast, catalog, media):
    item = evidence_from_upload(
        school=cast.primary,
        school_year=2026,
        regulation=catalog["tt57-2026-pl2"],
        criterion=_criterion(catalog, "tt57-2026-pl2", "2.3"),
        name="Ảnh hoạt động",
        uploaded_file=upload("a.png", png_bytes()),
        actor=cast.principal,
    )
    assert item.code == "MC.2.3.01"


def _refused(cast, catalog, name, data, fragment):
    with pytest.raises(EvidenceRefused) as refused:
        _add(cast, catalog, name, data)
    assert fragment in refused.value.message
    assert not EvidenceItem.objects.exists()


def test_wrong_type_is_refused_whatever_its_name(cast, catalog, media):
    _refused(cast, catalog, "anh.png", b"<html><script>alert(1)</script></html>", "không phải PDF")
    _refused(cast, catalog, "tep.pdf", b"MZ\x90\x00" + b"\x00" * 100, "không phải PDF")


def test_a_pdf_named_png_is_kept_as_a_pdf(cast, catalog, media):
    item = _add(cast, catalog, "anh.png", pdf_bytes())
    stored = item.files.get()
    assert stored.content_type == "application/pdf"
    assert stored.original_name == "anh.pdf"
    assert not stored.thumbnail


def test_oversize_is_refused(cast, catalog, media, settings):
    from caitien.evidence import files

    big = png_bytes() + b"\x00" * (files.MAX_BYTES + 1)
    _refused(cast, catalog, "to.png", big, "quá lớn")
    settings.CAITIEN_EVIDENCE_MAX_BYTES = 1024 * 1024
    _refused(cast, catalog, "vua.png", png_bytes() + b"\x00" * (1024 * 1024), "tối đa 1 MB")


def test_zip_bomb_is_refused(cast, catalog, media):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/filler.bin", b"\x00" * (70 * 1024 * 1024))
    _refused(cast, catalog, "bom.docx", out.getvalue(), "bom nén")


def test_image_bomb_is_refused(cast, catalog, media):
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, "PNG")  # 144 megapixels, a few kilobytes
    assert len(out.getvalue()) < 1024 * 1024
    _refused(cast, catalog, "bom.png", out.getvalue(), "bom ảnh")


def test_a_truncated_image_is_refused(cast, catalog, media):
    _refused(cast, catalog, "hong.png", png_bytes((300, 300))[:200], "bị hỏng")
