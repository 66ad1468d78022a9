"""The suggestion to escalate a row, and the totals of an office's queue."""

from types import SimpleNamespace

import pytest

from caitien.escalations.models import Escalation
from caitien.escalations.selectors import office_queue, queue_totals, suggested_rows, suggestion_for
from caitien.escalations.services import escalation_create
from caitien.plans.models import Plan


def row(solutions, **extra):
    base = {
        "solutions": solutions,
        "issue": "",
        "expected_result": "",
        "support": "",
        "notes": "",
        "budget_total": 0,
    }
    return SimpleNamespace(**{**base, **extra})


@pytest.mark.parametrize(
    ("text", "kind", "addressee"),
    [
        ("Tham mưu với UBND huyện giao thêm đất để mở rộng sân chơi", "land", "ubnd"),
        ("Đề nghị Phòng GDĐT bổ sung biên chế giáo viên Tiếng Anh", "staffing", "phong"),
        ("Kiến nghị cấp trên trang bị thêm máy chiếu cho các lớp", "equipment", "phong"),
        ("Đề xuất UBND xã hỗ trợ kinh phí tổ chức hoạt động", "funding", "ubnd"),
        ("Tham muu voi So GDDT to chuc tap huan chuyen mon", "professional", "so"),
        ("Đề nghị các đoàn thể phối hợp tuyên truyền", "other", "phong"),
    ],
)
def test_a_row_asking_a_higher_level_is_suggested_with_its_kind(text, kind, addressee):
    s = suggestion_for(row(text, expected_result="Kết quả", budget_total=5_000_000))
    assert (s["kind"], s["addressee"], s["title"], s["amount_vnd"]) == (kind, addressee, "Kết quả", 5_000_000)


@pytest.mark.parametrize(
    "text",
    [
        "Tổ chức sinh hoạt chuyên môn hằng tháng",
        "Kiến nghị của cha mẹ học sinh được tổng hợp",
        "Đề xuất các tổ",
    ],
)
def test_a_row_the_school_does_alone_is_not_suggested(text):
    assert suggestion_for(row(text)) is None


def test_suggested_rows_leave_out_drafts_and_rows_already_escalated(cast, published):
    plan, rows = published
    assert [s["item"] for s in suggested_rows(cast.primary)] == rows[:2]
    escalation_create(
        actor=cast.principal, item=rows[0], kind="equipment", title="Sửa phòng học", reason="Dột"
    )
    assert [s["item"] for s in suggested_rows(cast.primary)] == [rows[1]]
    Plan.objects.filter(pk=plan.pk).update(status="draft")
    assert suggested_rows(cast.primary) == []


def test_queue_totals_by_kind_money_and_school(cast, published):
    _plan, rows = published
    for title, kind, amount in (("A", "equipment", 300), ("B", "equipment", 50), ("C", "staffing", None)):
        escalation_create(
            actor=cast.principal,
            item=rows[0],
            kind=kind,
            title=title,
            reason="r",
            amount_vnd=amount and amount * 10**6,
        )
    Escalation.objects.filter(title="B").update(state="resolved")
    totals = queue_totals(office_queue(cast.phong, state=""))
    by_kind = {k["kind"]: (k["count"], k["open"], k["amount_vnd"]) for k in totals["by_kind"]}
    assert by_kind["equipment"] == (2, 1, 350_000_000) and by_kind["staffing"] == (1, 1, 0)
    assert (totals["open"], totals["open_amount_vnd"], totals["total"]) == (2, 300_000_000, 3)
    assert totals["schools"] == [
        {
            "school__name": "Trường Tiểu học Hoà Bình",
            "school__short_code": "THHB",
            "count": 3,
            "amount": 350_000_000,
        }
    ]
    assert [e.title for e in office_queue(cast.phong, state="open")] == ["C", "A"]  # open ones, newest first
    assert [e.title for e in office_queue(cast.phong, state="", q="hoa binh", kind="equipment")] == ["B", "A"]
    assert list(office_queue(cast.phong_other, state="")) == []
