"""The demo school's evidence register: about twenty items, several serving more than one criterion,
some with small real files (a one-page PDF, PNG photos) made here, one public."""

from __future__ import annotations


def tiny_pdf(title: str) -> bytes:
    """A valid one-page PDF with one line of text (Helvetica, so the title is written without
    diacritics; the item's name carries the Vietnamese)."""
    import unicodedata

    plain = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if unicodedata.category(ch) != "Mn")
    text = (
        plain.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    )
    stream = b"BT /F1 14 Tf 60 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def tiny_png(size=(160, 120), color=(46, 125, 50), stripe=(255, 255, 255)) -> bytes:
    """A small photo-like PNG (a field with a stripe), made with Pillow."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, size[1] // 2 - 8, size[0], size[1] // 2 + 8], fill=stripe)
    draw.ellipse([size[0] - 50, 10, size[0] - 10, 50], fill=(255, 193, 7))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# (name, number and date, issuer, [(standard, criterion position)...] (first = the code's), file, public)
# The criterion position is the n-th criterion of the standard in the regulation (1-based), so the
# same list fits every regulation's catalog. None: a general item of the school.
_ITEMS = [
    (
        "Quyết định thành lập Hội đồng tự đánh giá",
        "Số {n}/QĐ-{code}, ngày 15/9/{y}",
        "school",
        [(1, 1), (2, 1)],
        "pdf",
        False,
    ),
    (
        "Kế hoạch năm học {y}-{y1}",
        "Số {n}/KH-{code}, ngày 20/9/{y}",
        "school",
        [(1, 1), (5, 1)],
        "pdf",
        False,
    ),
    (
        "Biên bản họp Hội đồng trường học kỳ I",
        "Số {n}/BB-HĐT, ngày 10/01/{y1}",
        "school",
        [(1, 2)],
        None,
        False,
    ),
    ("Quy chế chi tiêu nội bộ", "Số {n}/QC-{code}, ngày 05/10/{y}", "school", [(1, 3), (3, 1)], None, False),
    (
        "Báo cáo tổng kết năm học {y0}-{y}",
        "Số {n}/BC-{code}, ngày 25/5/{y}",
        "school",
        [(1, 1), (5, 2)],
        "pdf",
        False,
    ),
    (
        "Biên bản kiểm tra nội bộ trường học",
        "Số {n}/BB-KTNB, ngày 12/3/{y1}",
        "school",
        [(1, 4)],
        "pdf",
        False,
    ),
    (
        "Danh sách cán bộ quản lý, giáo viên, nhân viên",
        "Ngày 30/9/{y}",
        "school",
        [(2, 1), (2, 2)],
        None,
        False,
    ),
    (
        "Kế hoạch bồi dưỡng thường xuyên giáo viên",
        "Số {n}/KH-{code}, ngày 01/10/{y}",
        "school",
        [(2, 2)],
        None,
        False,
    ),
    ("Kết quả đánh giá giáo viên theo chuẩn nghề nghiệp", "Ngày 20/5/{y1}", "school", [(2, 2)], None, False),
    (
        "Biên bản kiểm kê tài sản, thiết bị cuối năm",
        "Số {n}/BB-KK, ngày 28/12/{y}",
        "school",
        [(3, 1), (3, 2)],
        "pdf",
        False,
    ),
    (
        "Ảnh khuôn viên, sân chơi và phòng học sau cải tạo",
        "Chụp tháng 9/{y}",
        "school",
        [(3, 1), (4, 1)],
        "png",
        True,
    ),
    ("Sổ theo dõi thiết bị dạy học", "Năm học {y}-{y1}", "school", [(3, 2)], None, False),
    (
        "Biên bản họp Ban đại diện cha mẹ học sinh đầu năm",
        "Số {n}/BB-BĐD, ngày 28/9/{y}",
        "parents",
        [(4, 1), (4, 2)],
        "pdf",
        False,
    ),
    (
        "Kế hoạch phối hợp với chính quyền địa phương",
        "Số {n}/KH-{code}, ngày 15/10/{y}",
        "school",
        [(4, 2)],
        None,
        False,
    ),
    ("Kế hoạch giáo dục nhà trường", "Số {n}/KH-{code}, ngày 25/9/{y}", "school", [(5, 1)], "pdf", False),
    ("Ảnh hoạt động trải nghiệm của học sinh", "Chụp tháng 11/{y}", "school", [(5, 1)], "png", False),
    (
        "Báo cáo kết quả giáo dục học sinh cuối năm",
        "Số {n}/BC-{code}, ngày 25/5/{y1}",
        "school",
        [(5, 2), (5, 1)],
        None,
        False,
    ),
    (
        "Kế hoạch cải tiến chất lượng giáo dục",
        "Số {n}/KH-{code}, ngày 29/11/{y}",
        "school",
        [(1, 1)],
        None,
        False,
    ),
    ("Báo cáo tự đánh giá", "Số {n}/BC-{code}, ngày 30/4/{y}", "school", [], "pdf", False),
    ("Quyết định phân công nhiệm vụ năm học", "Số {n}/QĐ-{code}, ngày 05/9/{y}", "school", [], None, False),
]


def evidence_demo_load(*, year: int) -> int:
    """The register of the demo school whose plan is published (else the primary school) for
    `year`; items linked to the plan's rows of their criterion. Idempotent: returns items created."""
    from caitien.catalog.models import Criterion
    from caitien.evidence.models import EvidenceItem
    from caitien.evidence.services import ItemFields, file_add, item_create, row_link
    from caitien.plans.models import Plan
    from caitien.schools.models import Role, School

    demo_codes = ["THTP", "MNHM", "THCSBĐ"]
    plan = (
        Plan.objects.filter(school__short_code__in=demo_codes, status=Plan.Status.PUBLISHED)
        .select_related("school__regulation")
        .order_by("id")
        .first()
    )
    school = (
        plan.school if plan else School.objects.filter(short_code="THTP").select_related("regulation").first()
    )
    if school is None or EvidenceItem.objects.filter(school=school, school_year=year).exists():
        return 0
    regulation = plan.regulation if plan else school.regulation
    principal = school.memberships.filter(role=Role.PRINCIPAL).select_related("user").first()
    actor = principal.user if principal else None
    by_standard: dict[int, list] = {}
    for criterion in (
        Criterion.objects.filter(standard__regulation=regulation)
        .select_related("standard")
        .order_by("standard__number", "position")
    ):
        by_standard.setdefault(criterion.standard.number, []).append(criterion)
    rows = {}
    if plan is not None:
        rows = {item.criterion_code: item.key for item in plan.items.all() if item.criterion_code}
    made = 0
    for n, (name, number, issuer, places, kind, public) in enumerate(_ITEMS, start=1):
        values = {"y": year, "y1": year + 1, "y0": year - 1, "n": 10 + n * 3, "code": school.short_code}
        criteria = []
        for standard, position in places:
            found = by_standard.get(standard) or []
            if found:
                criteria.append(found[min(position, len(found)) - 1])
        item = item_create(
            school=school,
            school_year=year,
            regulation=regulation,
            criteria=criteria,
            fields=ItemFields(
                name=name.format(**values),
                number_date=number.format(**values),
                issuer="Ban đại diện cha mẹ học sinh" if issuer == "parents" else school.name,
                location="Tệp điện tử trên Cải Tiến" if kind else "Tủ hồ sơ phòng Hiệu trưởng",
                public=public,
            ),
            actor=actor,
        )
        if kind:
            from django.core.files.base import ContentFile

            data = tiny_pdf(item.name) if kind == "pdf" else tiny_png(color=(46, 125 + n * 4 % 100, 50))
            file_add(
                item=item, uploaded_file=ContentFile(data, name=f"minh-chung-{n:02d}.{kind}"), actor=actor
            )
        if plan is not None:
            for criterion in criteria[:1]:
                key = rows.get(criterion.code)
                if key:
                    row_link(item=item, plan=plan, item_key=key)
        made += 1
    return made
