"""The mistakes reviewers meet in real plans, each in an invented plan, and what the checker says."""

import dataclasses

import pytest

from caitien.checks import CheckContext, budget_totals, run_checks
from caitien.checks.engine import resolve_regulation
from caitien.planfile.model import Amount, Item
from tests.checks.plans import LEGAL_BASES_2018, good_57_doc, good_doc


def only(doc, rule, context=None):
    return [f for f in run_checks(doc, context=context) if f.rule == rule]


def test_regulation_resolved_from_slug_then_circular_then_level():
    assert resolve_regulation(good_doc(regulation="tt19-2018"))[0].slug == "tt19-2018"
    assert resolve_regulation(good_doc())[0].slug == "tt17-2018"
    reg, note = resolve_regulation(good_doc(circular=None, school_level="mam_non"))
    assert reg.slug == "tt19-2018" and "Thông tư 19/2018/TT-BGDĐT" in note
    # A circular of another level: the school's own regulation is used, and the note says so.
    reg, note = resolve_regulation(good_doc(circular="18/2018/TT-BGDĐT"))
    assert reg.slug == "tt17-2018" and "18/2018" in note
    # 57/2026 has one appendix per level.
    assert (
        resolve_regulation(good_doc(regulation=None, circular="57/2026/TT-BGDĐT"))[0].slug == "tt57-2026-pl2"
    )
    reg, note = resolve_regulation(good_doc(circular=None, school_level=None))
    assert reg is None and note


def test_without_regulation_catalog_rules_are_skipped_and_said():
    doc = good_doc(circular=None, school_level=None)
    doc.items[0].criterion = "9.9"
    rules = [f.rule for f in run_checks(doc)]
    assert "regulation-assumed" in rules and "unknown-criterion" not in rules


def test_preschool_standard_names_in_a_primary_plan():
    doc = good_doc(
        standard_headings={
            "2": "Cán bộ quản lý, giáo viên, nhân viên",
            "5": "Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục",
            "3": "Cơ sở vật chất và thiết bị dạy học",
        }
    )
    found = only(doc, "standard-name-mismatch")
    assert {f.message.split()[2] for f in found} == {"2", "5"}
    assert all("Thông tư 19/2018" in f.message for f in found)
    assert "Hoạt động giáo dục và kết quả giáo dục" in next(
        f.message for f in found if "Tiêu chuẩn 5 " in f.message
    )


def test_preschool_standard_name_read_by_ocr():
    doc = good_doc(standard_headings={"5": "Hoat dong va két qua nudi dudng, chim séc, gido duc"})
    assert only(doc, "standard-name-mismatch")
    doc = good_doc(
        standard_headings={
            "5": "Hoat dong gido duc va két qua gido duc",
            "4": "Quan hệ giữa nhà trường, gia điǹh và xã hôị",
        }
    )  # misread letters, misplaced marks: the right names
    assert not only(doc, "standard-name-mismatch")


def test_a_2018_heading_in_a_57_plan():
    doc = good_57_doc(standard_headings={"1": "Tổ chức và quản lý nhà trường"})
    assert only(doc, "standard-name-mismatch")


def test_circular_cited_with_another_circulars_scope():
    legal = LEGAL_BASES_2018.replace(
        "đối với trường tiểu học",
        "đối với trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học",
    )
    found = only(good_doc(sections={**good_doc().sections, "legal_bases": legal}), "circular-level-mismatch")
    assert len(found) == 1 and found[0].field == "legal_bases" and "17/2018" in found[0].message
    # The same words without diacritics (an OCR'd plan) are caught too.
    from caitien.text import fold

    assert only(good_doc(sections={"legal_bases": fold(legal)}), "circular-level-mismatch")


def test_legal_bases_citing_the_secondary_circular_in_a_primary_plan():
    legal = (
        "Căn cứ Thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018 của Bộ trưởng Bộ GDĐT; Công văn 5932/BGDĐT-QLCL."
    )
    found = only(good_doc(sections={**good_doc().sections, "legal_bases": legal}), "circular-level-mismatch")
    assert found and "18/2018" in found[0].message


def test_amending_circular_naming_all_three_2018_circulars_is_fine():
    legal = LEGAL_BASES_2018 + (
        " Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2024 sửa đổi, bổ sung một số điều của Quy định "
        "ban hành kèm theo các Thông tư số 17/2018/TT-BGDĐT, 18/2018/TT-BGDĐT và 19/2018/TT-BGDĐT;"
    )
    assert not only(
        good_doc(sections={**good_doc().sections, "legal_bases": legal}), "circular-level-mismatch"
    )
    # Outside the amendment clause, the secondary circular is still caught.
    assert only(
        good_doc(
            sections={**good_doc().sections, "legal_bases": legal + " Căn cứ Thông tư số 18/2018/TT-BGDĐT."}
        ),
        "circular-level-mismatch",
    )


@pytest.mark.parametrize(
    "slug, level",
    [
        ("tt17-2018", "tieu_hoc"),
        ("tt18-2018", "thcs"),
        ("tt18-2018", "thpt"),
        ("tt19-2018", "mam_non"),
        ("tt57-2026-pl1", "mam_non"),
        ("tt57-2026-pl2", "thcs"),
    ],
)
def test_default_sections_pass_the_document_rules(slug, level):
    from caitien.catalog import registry
    from caitien.planfile.defaults import default_sections

    regulation = registry.get(slug)
    sections = default_sections(
        regulation, level, school_name="Trường Thử Nghiệm", start_year=2025, end_year=2026
    )
    doc = good_doc(
        school_level=level,
        circular=regulation.code,
        regulation=slug,
        sections=sections,
        period={"start_year": 2025, "end_year": 2026},
    )
    assert not only(doc, "circular-level-mismatch") and not only(doc, "guidance-number")


def test_guidance_of_the_other_level():
    found = only(
        good_doc(sections={**good_doc().sections, "legal_bases": LEGAL_BASES_2018.replace("5932", "5942")}),
        "guidance-number",
    )
    assert found and "5932" in found[0].message
    assert not only(
        good_doc(
            school_level="mam_non",
            circular="19/2018/TT-BGDĐT",
            sections={"legal_bases": "Căn cứ Công văn số 5942/BGDĐT-QLCL ngày 28/12/2018."},
        ),
        "guidance-number",
    )


def test_period_disagreements():
    doc = good_doc(
        title="Kế hoạch cải tiến chất lượng năm học 2023 - 2024",
        closing_text="Trên đây là kế hoạch năm học 2023-2024.",
        sections={
            **good_doc().sections,
            "legal_bases": LEGAL_BASES_2018 + " Căn cứ nhiệm vụ năm học 2025 - 2026 của Phòng GDĐT.",
        },
        date="2025-08-01",
    )
    fields = sorted(f.field for f in only(doc, "period-mismatch"))
    assert fields == ["closing_text", "date", "legal_bases", "title"]


def test_a_table_copied_from_another_year():
    doc = good_doc()
    for item in doc.items:
        item.start, item.end = "2023-10", "2023-12"
    found = only(doc, "period-mismatch")
    assert len(found) == 1 and found[0].item is None
    assert not only(doc, "time-outside-period")  # said once, not once per row


def test_rows_outside_the_school_year():
    doc = good_doc()
    doc.items[0].start, doc.items[0].end = "2025-09", "2026-05"  # next year
    doc.items[1].start, doc.items[1].end = "2024-01", "2025-12"  # "Năm 2024 đến năm 2025"
    found = only(doc, "time-outside-period")
    assert [f.item for f in found] == [0, 1]
    assert "sau khi năm học 2024 - 2025 kết thúc" in found[0].message
    assert "trước ngày ban hành" in found[1].message and "tháng 12/2025" in found[1].message


def test_a_phase_of_several_years_is_read_generously():
    doc = good_doc(
        title="Kế hoạch cải tiến chất lượng giai đoạn 2024 - 2029",
        period={"start_year": 2024, "end_year": 2029},
        closing_text="",
    )
    doc.items[0].start, doc.items[0].end = "2027-09", "2028-05"
    assert not only(doc, "time-outside-period") and not only(doc, "period-mismatch")


def test_missing_column_is_said_once():
    doc = good_doc()
    for item in doc.items:
        item.expected_result = ""
    found = only(doc, "missing-expected-result")
    assert len(found) == 1 and found[0].item is None and "cột" in found[0].message


def test_rows_about_students_filed_under_teachers_without_diacritics():
    doc = good_doc()
    doc.items.append(
        Item(
            criterion="2.2",
            expected_result="Hoc sinh vi pham cac hanh vi khong duoc lam duoc phat hien "
            "kip thoi, duoc ap dung cac bien phap giao duc phu hop va co chuyen bien tich cuc",
            lead="Hieu truong",
            time_text="Thang 10/2024",
            start="2024-10",
            end="2024-10",
        )
    )
    found = only(doc, "criterion-content-mismatch")
    assert len(found) == 1 and found[0].item == 3 and "2.4" in found[0].message


def test_plain_rows_are_not_called_misfiled():
    # Rows that share words with other criteria (giáo viên, học sinh, kế hoạch) but fit their own.
    rows = [
        (
            "1.3",
            "Nâng cao chất lượng hoạt động của Đội Thiếu niên Tiền phong",
            "Tham mưu bố trí biên chế Tổng phụ trách Đội; tổ chức sinh hoạt Đội hằng tháng",
        ),
        (
            "2.2",
            "100% giáo viên đạt chuẩn trình độ đào tạo",
            "Cử giáo viên tham gia các lớp bồi dưỡng nâng chuẩn",
        ),
        (
            "4.1",
            "Ban đại diện cha mẹ học sinh tham gia các hoạt động của trường",
            "Mời Ban đại diện cha mẹ học sinh góp ý kế hoạch năm học",
        ),
        ("5.5", "Nâng tỷ lệ học sinh hoàn thành chương trình lớp học", "Phụ đạo học sinh chưa hoàn thành"),
        ("3.2", "Sửa chữa hệ thống đèn, quạt trong các phòng học", "Khảo sát, lập dự toán sửa chữa"),
    ]
    doc = good_doc(
        items=[
            Item(
                criterion=c,
                expected_result=e,
                solutions=s,
                lead="Hiệu trưởng",
                time_text="Tháng 10/2024",
                start="2024-10",
                end="2024-10",
            )
            for c, e, s in rows
        ]
    )
    assert not only(doc, "criterion-content-mismatch")


def test_standard_only_rows_and_unknown_codes():
    doc = good_doc()
    doc.items[0] = dataclasses.replace(doc.items[0], criterion="1.11")
    found = only(doc, "unknown-criterion")
    assert found[0].criterion == "1.11" and "1.1–1.10" in found[0].message


def test_level_four_row_of_a_2018_plan_is_not_a_criterion_level_error():
    doc = good_doc()
    doc.items[0].level = "4"
    rules = [f.rule for f in run_checks(doc)]
    assert "level-invalid" not in rules and "level-not-in-criterion" not in rules
    doc.items[0].level = "5"
    assert only(doc, "level-invalid")


def test_budget_totals_for_the_exports():
    doc = good_doc()
    doc.items[0].budget_amounts = [Amount(vnd=2_000_000), Amount(vnd=500_000, per="month")]
    totals = budget_totals(doc)
    assert totals["total"] == 57_000_000
    assert totals["by_standard"] == {"1": 2_000_000, "3": 55_000_000}
    assert totals["by_source"] == {
        "Chưa ghi nguồn": 2_000_000,
        "Ngân sách": 40_000_000,
        "Xã hội hóa": 15_000_000,
    }
    assert totals["recurring"] == [{"item": 0, "criterion": "1.4", "vnd": 500_000, "per": "month"}]
    message = only(doc, "budget-total")[0].message
    assert "57.000.000 đồng" in message and "500.000 đồng/tháng" in message


def test_weaknesses_and_target_level_from_the_self_assessment():
    context = CheckContext(
        criterion_levels={"1.4": 1, "3.4": 1, "3.6": 1, "5.5": 1, "1.2": 2},
        weaknesses={"1.1": "Chưa đăng phương hướng chiến lược lên website"},
        target_level=2,
        saved=True,
    )
    found = only(good_doc(), "weakness-not-covered", context)
    assert [f.criterion for f in found] == ["1.1", "5.5"]
    assert "website" in found[0].message and "Mức 2" in found[1].message


def test_findings_are_ordered_document_first_then_rows():
    doc = good_doc(recipients=["Lưu: VT"])
    doc.items[2].lead = ""
    doc.items[0].time_text, doc.items[0].start, doc.items[0].end = "", None, None
    findings = run_checks(doc)
    positions = [f.item for f in findings]
    assert positions[0] is None and positions[-1] == 2
    assert [p for p in positions if p is not None] == sorted(p for p in positions if p is not None)
