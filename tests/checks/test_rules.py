"""Every rule fires on a plan that has the problem and stays quiet on one that does not."""

import dataclasses
import datetime

import pytest

from caitien.checks import RULES, CheckContext, run_checks
from caitien.planfile.model import Amount, Item, Signer
from tests.checks.plans import LEGAL_BASES_2018, good_57_doc, good_doc


def rules_of(doc, context=None):
    return [f.rule for f in run_checks(doc, context=context)]


def with_item(doc, index, **changes):
    doc.items[index] = dataclasses.replace(doc.items[index], **changes)
    return doc


def add_item(doc, **values):
    doc.items.append(Item(**values))
    return doc


def ok_row(**values):
    base = dict(
        criterion="1.9",
        expected_result="Mọi giáo viên được góp ý dự thảo quy chế chi tiêu nội bộ",
        solutions="Tổ chức hội nghị viên chức; công khai dự thảo trên bảng tin",
        lead="Hiệu trưởng",
        time_text="Tháng 12/2024",
        start="2024-12",
        end="2024-12",
    )
    base.update(values)
    return Item(**base)


# (rule, plan with the problem [, context]) — each plan differs from a clean plan in one thing.
# --- plans in execution ---------------------------------------------------------------------------
D = datetime.date


def _task(due, status="in_progress"):
    from caitien.execution.facts import TaskFacts

    return TaskFacts(
        "Lập lịch họp", None, due, status, overdue=status not in ("done", "not_done") and due < D(2026, 7, 1)
    )


ROW_END = D(2026, 5, 31)


def _executing(*, tasks=(), recorded=True, end=ROW_END, spent=0, planned=0):
    from caitien.execution.facts import ExecutionFacts, RowFacts

    row = RowFacts("in_progress", recorded, D(2025, 9, 1), end, spent, planned, tuple(tasks))
    return CheckContext(saved=True, execution=ExecutionFacts(today=D(2026, 7, 1), rows={0: row}))


FIRES = {
    "regulation-assumed": lambda: good_doc(circular=None),
    "circular-level-mismatch": lambda: good_doc(circular="18/2018/TT-BGDĐT"),
    "guidance-number": lambda: good_doc(
        sections={**good_doc().sections, "legal_bases": LEGAL_BASES_2018.replace("5932", "5923")}
    ),
    "standard-name-mismatch": lambda: good_doc(
        standard_headings={"5": "Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ"}
    ),
    "period-missing": lambda: good_doc(period=None),
    "period-mismatch": lambda: good_doc(
        closing_text="Trên đây là kế hoạch cải tiến năm học 2023 - 2024 của trường."
    ),
    "document-number-format": lambda: good_doc(document_number="KH cải tiến 2024"),
    "date-format": lambda: good_doc(date=None),
    "missing-section": lambda: good_doc(
        sections={k: v for k, v in good_doc().sections.items() if k != "organisation"}
    ),
    "sections-unknown": lambda: good_doc(sections={}),
    "signer-incomplete": lambda: good_doc(signer=Signer(title="", name="Lê Thị Hoa")),
    "recipient-office-missing": lambda: good_doc(recipients=["Công khai trên website", "Lưu: VT"]),
    "no-items": lambda: good_doc(items=[]),
    "unknown-criterion": lambda: with_item(good_doc(), 0, criterion="2.7"),
    "missing-criterion": lambda: with_item(good_doc(), 1, criterion=None, standard=3),
    "duplicate-criterion": lambda: add_item(
        good_doc(),
        criterion="3.6",
        expected_result="Thư viện mở cửa cả giờ ra chơi",
        solutions="Phân công giáo viên trực thư viện",
        lead="Nhân viên thư viện",
        time_text="Tháng 1/2025",
        start="2025-01",
        end="2025-01",
    ),
    "criterion-content-mismatch": lambda: add_item(
        good_doc(),
        criterion="2.2",
        expected_result="Giảm số học sinh vi phạm nội quy; học sinh được khen thưởng trong học tập, rèn luyện",
        solutions="Giáo dục ý thức chấp hành nội quy của học sinh, phối hợp cha mẹ học sinh",
        lead="Tổng phụ trách Đội",
        time_text="Tháng 10/2024",
        start="2024-10",
        end="2024-10",
    ),
    "level-invalid": lambda: with_item(good_57_doc(), 0, level="Mức 3"),
    "level-not-in-criterion": lambda: add_item(good_doc(), **dataclasses.asdict(ok_row(level="3"))),
    "level-content-mismatch": lambda: add_item(
        good_doc(school_level="thcs", circular="18/2018/TT-BGDĐT"),
        criterion="3.1",
        level="2",
        expected_result="Giảm chỉ tiêu tuyển sinh để đạt 6 m2/học sinh",
        solutions="Đề nghị UBND huyện cấp thêm đất mở rộng sân chơi",
        lead="Hiệu trưởng",
        time_text="Tháng 3/2025",
        start="2025-03",
        end="2025-03",
    ),
    "time-outside-period": lambda: with_item(
        good_doc(), 0, time_text="Tháng 10/2024 đến tháng 8/2025", end="2025-08"
    ),
    "time-before-plan-date": lambda: with_item(
        good_doc(), 0, time_text="Tháng 7/2024", start="2024-07", end="2024-07"
    ),
    "time-reversed": lambda: with_item(good_doc(), 0, start="2025-03", end="2024-11"),
    "time-unparsed": lambda: with_item(good_doc(), 0, time_text="Khi có điều kiện", start=None, end=None),
    "time-invalid": lambda: with_item(good_doc(), 0, time_text="Tháng 13/2024", start=None, end=None),
    "time-note-conflict": lambda: with_item(good_doc(), 2, notes="Xuyên suốt trong năm học"),
    "repeated-words": lambda: good_doc(
        sections={**good_doc().sections, "purposes": "Thông qua qua đó, nâng cao chất lượng giáo dục."}
    ),
    "misspelling": lambda: with_item(
        good_doc(), 0, expected_result="Giáo viên quan tâm đến văn bản nghiêm yết"
    ),
    "level-wording": lambda: good_doc(
        school_level="mam_non",
        circular="19/2018/TT-BGDĐT",
        recipients=["Phòng GDĐT (để báo cáo)"],
        sections={**good_doc().sections, "organisation": "Phối hợp Ban đại diện cha mẹ học sinh."},
    ),
    "misplaced-diacritics": lambda: good_doc(
        standard_headings={"4": "Quan hệ giữa nhà trường, gia điǹh và xã hôị"}
    ),
    "missing-time": lambda: with_item(good_doc(), 0, time_text="", start=None, end=None),
    "missing-expected-result": lambda: with_item(good_doc(), 2, expected_result=""),
    "missing-solutions": lambda: with_item(good_doc(), 2, solutions=" "),
    "missing-lead": lambda: with_item(good_doc(), 1, lead=""),
    "lead-not-accountable": lambda: with_item(good_doc(), 0, lead="Toàn trường"),
    "missing-indicator": lambda: with_item(good_57_doc(), 0, indicator=""),
    "evidence-code-format": lambda: with_item(
        good_57_doc(), 0, expected_evidence="[H2-2.2-01] Quyết định cử đi học"
    ),
    "status-value": lambda: with_item(good_57_doc(), 0, status="Xong một nửa"),
    "budget-unparsed": lambda: with_item(good_doc(), 2, budget_text="khoảng 15 tr đ", budget_amounts=[]),
    "budget-invalid": lambda: with_item(
        good_doc(), 2, budget_text="Kinh phí: -5.000.000 đồng", budget_amounts=[]
    ),
    "budget-suspicious": lambda: with_item(
        good_doc(), 1, budget_text="40.000 đồng", budget_amounts=[Amount(40_000)]
    ),
    "budget-total": lambda: good_doc(),
    "level-not-above-current": lambda: (
        add_item(good_doc(), **dataclasses.asdict(ok_row(level="2"))),
        CheckContext(criterion_levels={"1.9": 2}, saved=True),
    ),
    "weakness-not-covered": lambda: (
        good_doc(),
        CheckContext(weaknesses={"5.5": "Tỷ lệ học sinh hoàn thành chương trình lớp học còn thấp"}),
    ),
    "mandatory-criterion-at-risk": lambda: (
        good_57_doc(),
        CheckContext(criterion_levels={"3.1": 0, "2.2": 0}, target_level=1, saved=True),
    ),
    # A plan in execution: facts of its first row as caitien.execution.facts builds them.
    "task-overdue": lambda: (good_doc(), _executing(tasks=[_task(due=D(2026, 1, 10))])),
    "row-ended-without-status": lambda: (good_doc(), _executing(recorded=False, end=D(2026, 5, 31))),
    "task-outside-row-time": lambda: (
        good_doc(),
        _executing(tasks=[_task(due=D(2026, 6, 15), status="done")]),
    ),
    "spent-over-planned": lambda: (good_doc(), _executing(spent=9_000_000, planned=7_000_000)),
    # The school's evidence register (code -> [(name, number and date)]) against the codes rows cite.
    "evidence-code-unknown": lambda: (_citing(), _register({"[H1-1.1-01]": [("Biên bản họp", "")]})),
    "evidence-code-duplicate": lambda: (
        _citing(),
        _register(
            {
                "[H1-1.1-01]": [("Biên bản họp hội đồng", "12/BB-THPH")],
                "[H1-1.1-02]": [("Quyết định thành lập", "")],
                "[H1-1.1-03]": [("Biên bản họp hội đồng", "12/BB-THPH")],  # the same document again
            }
        ),
    ),
}


def _citing():
    return with_item(good_doc(), 0, expected_evidence="[H1-1.1-01] Biên bản họp; [H1-1.1-02] Quyết định")


def _register(register):
    return CheckContext(evidence_register=register, saved=True)


def _plan(case):
    made = FIRES[case]()
    return made if isinstance(made, tuple) else (made, None)


def test_every_rule_has_a_firing_case():
    assert set(FIRES) == set(RULES)


@pytest.mark.parametrize("rule", sorted(FIRES))
def test_rule_fires(rule):
    doc, context = _plan(rule)
    findings = [f for f in run_checks(doc, context=context) if f.rule == rule]
    assert findings, f"{rule} did not fire"
    for f in findings:
        assert f.severity == RULES[rule].severity
        assert f.message and f.message[0].isupper() and f.message.rstrip().endswith((".", ")"))
        if f.item is not None:
            assert 0 <= f.item < len(doc.items)


def test_clean_plans_have_no_errors_or_warnings():
    assert rules_of(good_doc()) == ["budget-total"]
    assert rules_of(good_57_doc()) == []


# Plans close to a problem that a careful reader would not call one.
QUIET = {
    "regulation-assumed": lambda: good_doc(circular="17/2018/TT-BGDDT"),  # written without Đ
    "circular-level-mismatch": lambda: good_doc(
        sections={
            **good_doc().sections,
            "legal_bases": LEGAL_BASES_2018 + " Căn cứ Thông tư số 22/2024/TT-BGDĐT sửa đổi.",
        }
    ),
    "guidance-number": lambda: good_doc(
        sections={
            **good_doc().sections,
            "legal_bases": LEGAL_BASES_2018 + " Căn cứ Công văn số 1234/BGDĐT-QLCL về nhiệm vụ năm học.",
        }
    ),
    "standard-name-mismatch": lambda: good_doc(
        standard_headings={
            "2": "Cán bộ quản lý,",  # cut off
            "5": "HOAT DONG GIAO DUC VA KET QUA GIAO DUC",
        }
    ),
    "period-missing": lambda: good_doc(),
    "period-mismatch": lambda: good_doc(),  # the legal bases cite last year's results: fine
    "document-number-format": lambda: good_doc(document_number="Số: 45/KH-THSM"),
    "date-format": lambda: good_doc(),
    "missing-section": lambda: good_doc(),
    "sections-unknown": lambda: good_doc(),
    "signer-incomplete": lambda: good_doc(),
    "recipient-office-missing": lambda: good_doc(
        recipients=["Phòng Giáo dục và Đào tạo huyện Phú Giáo", "Lưu: VT"]
    ),
    "no-items": lambda: good_doc(),
    "unknown-criterion": lambda: with_item(good_doc(), 0, criterion="Tiêu chí 1.10"),
    "missing-criterion": lambda: with_item(
        good_57_doc(), 0, criterion=None
    ),  # 57/2026: a standard-level issue is fine
    "duplicate-criterion": lambda: add_item(good_doc(), **dataclasses.asdict(ok_row())),
    "criterion-content-mismatch": lambda: with_item(
        good_doc(),
        2,
        expected_result="Bo sung 200 dau sach thieu nhi cho thu vien",
        solutions="Van dong cha me hoc sinh tang sach",
    ),
    "level-invalid": lambda: add_item(good_doc(), **dataclasses.asdict(ok_row(level="Mức 2"))),
    "level-not-in-criterion": lambda: add_item(good_doc(), **dataclasses.asdict(ok_row(level="2"))),
    "level-content-mismatch": lambda: add_item(
        good_doc(school_level="thcs", circular="18/2018/TT-BGDĐT"),
        criterion="3.1",
        level="3",
        expected_result="Giảm chỉ tiêu tuyển sinh để đạt 6 m2/học sinh",
        solutions="Đề nghị UBND huyện cấp thêm đất",
        lead="Hiệu trưởng",
        time_text="Tháng 3/2025",
        start="2025-03",
        end="2025-03",
    ),
    # A whole-school-year row in a plan issued a few weeks into the year.
    "time-outside-period": lambda: with_item(
        good_doc(), 0, time_text="Năm học 2024 - 2025", start="2024-09", end="2025-05"
    ),
    "time-before-plan-date": lambda: with_item(
        good_doc(), 0, time_text="Năm học 2024 - 2025", start="2024-09", end="2025-05"
    ),
    "time-reversed": lambda: good_doc(),
    "time-unparsed": lambda: good_doc(),
    # A month range in one year is read, not refused.
    "time-invalid": lambda: with_item(
        good_doc(), 0, time_text="Tháng 9 - 12/2024", start="2024-09", end="2024-12"
    ),
    "time-note-conflict": lambda: with_item(good_doc(), 0, notes="Xuyên suốt trong năm học"),  # a span: fine
    "repeated-words": lambda: with_item(
        good_doc(), 0, solutions="Từ từ nâng dần số tiết dự giờ; ngày ngày kiểm tra"
    ),
    "misspelling": lambda: with_item(
        good_doc(), 0, expected_result="Niêm yết công khai kế hoạch; mua đầy đủ sách"
    ),
    "level-wording": lambda: good_doc(),  # "học sinh" in a primary plan is right
    "misplaced-diacritics": lambda: with_item(
        good_doc(),
        0,
        expected_result="Người học, giáo viên quyết tâm giữ "
        "vững thuở ban đầu; khuỷu tay, hươu, Nguyễn Hoà, ĐÌNH",
    ),
    "missing-time": lambda: good_doc(),
    "missing-expected-result": lambda: good_doc(),
    "missing-solutions": lambda: good_doc(),
    "missing-lead": lambda: good_doc(),
    "lead-not-accountable": lambda: with_item(good_doc(), 0, lead="Giáo viên chủ nhiệm và tập thể giáo viên"),
    "missing-indicator": lambda: with_item(good_doc(), 0, indicator=""),  # the 2018 form has no such column
    "evidence-code-format": lambda: with_item(
        good_doc(), 0, expected_evidence="[H1-1.4-02] Sổ sinh hoạt chuyên môn"
    ),
    "status-value": lambda: with_item(good_57_doc(), 0, status="hoàn thành"),
    "budget-unparsed": lambda: with_item(
        good_doc(), 2, budget_text="Nguồn xã hội hóa, không có kinh phí ngân sách", budget_amounts=[]
    ),
    # A total with its breakdown is one amount, rightly added.
    "budget-invalid": lambda: with_item(
        good_doc(),
        2,
        budget_text="Tổng 50 triệu, trong đó NSNN 30 triệu, XHH 20 triệu",
        budget_amounts=[Amount(50_000_000)],
    ),
    "budget-suspicious": lambda: with_item(
        good_doc(), 0, budget_text="500.000 đồng", budget_amounts=[Amount(500_000)]
    ),
    "budget-total": lambda: good_57_doc(),
    "level-not-above-current": lambda: (
        add_item(good_doc(), **dataclasses.asdict(ok_row(level="2"))),
        CheckContext(criterion_levels={"1.9": 1}, saved=True),
    ),
    "weakness-not-covered": lambda: (
        good_doc(),
        CheckContext(
            criterion_levels={"1.4": 1, "3.4": 1, "3.6": 2},
            weaknesses={"3.4": "Thiếu nước sạch"},
            target_level=2,
            saved=True,
        ),
    ),
    "mandatory-criterion-at-risk": lambda: (
        good_57_doc(),
        CheckContext(criterion_levels={"2.2": 0, "3.1": 1}, target_level=1, saved=True),
    ),
    "task-overdue": lambda: (good_doc(), _executing(tasks=[_task(due=D(2026, 1, 10), status="done")])),
    "row-ended-without-status": lambda: (good_doc(), _executing(recorded=True, end=D(2026, 5, 31))),
    "task-outside-row-time": lambda: (
        good_doc(),
        _executing(tasks=[_task(due=D(2026, 5, 15), status="done")]),
    ),
    "spent-over-planned": lambda: (good_doc(), _executing(spent=7_000_000, planned=7_000_000)),
    # Every cited code is in the register, each naming one document.
    "evidence-code-unknown": lambda: (
        _citing(),
        _register({"[H1-1.1-01]": [("Biên bản họp", "12/BB")], "[H1-1.1-02]": [("Quyết định", "")]}),
    ),
    "evidence-code-duplicate": lambda: (
        _citing(),
        _register({"[H1-1.1-01]": [("Biên bản họp", "12/BB")], "[H1-1.1-02]": [("Quyết định", "")]}),
    ),
}


def test_every_rule_has_a_quiet_case():
    assert set(QUIET) == set(RULES)


@pytest.mark.parametrize("rule", sorted(QUIET))
def test_rule_stays_quiet(rule):
    made = QUIET[rule]()
    doc, context = made if isinstance(made, tuple) else (made, None)
    assert rule not in rules_of(doc, context)
