"""Rules over a plan in execution (CheckContext.execution, filled for a saved, published plan):
tasks overdue, rows ended without a status, tasks outside the row's time, money over the plan."""

from __future__ import annotations

from caitien.checks.engine import Subject, check


def _vnd(n: int) -> str:
    return f"{n:,}".replace(",", ".") + " đồng"


def _rows(s: Subject):
    facts = getattr(s.context, "execution", None) if s.context is not None else None
    if facts is None:
        return []
    return [(n, facts.rows[n], facts.today) for n in sorted(facts.rows) if n < len(s.doc.items)]


@check("task-overdue")
def task_overdue(s: Subject):
    for n, row, today in _rows(s):
        for task in row.tasks:
            if task.overdue:
                late = (today - task.due).days
                yield s.finding(
                    "task-overdue",
                    f"{s.row_label(n)}: việc “{task.title[:80]}” quá hạn {late} ngày (hạn {task.due:%d/%m/%Y}) mà "
                    "chưa hoàn thành. Hãy cập nhật tiến độ, gia hạn hoặc ghi nhận không thực hiện được kèm lý do.",
                    item=n,
                    field="tasks",
                )


@check("row-ended-without-status")
def row_ended(s: Subject):
    for n, row, today in _rows(s):
        if row.end and row.end < today and not row.recorded:
            yield s.finding(
                "row-ended-without-status",
                f"{s.row_label(n)} đã hết thời gian thực hiện ({row.end:%m/%Y}) nhưng chưa ghi nhận trạng thái nào. "
                "Hãy ghi nhận hoàn thành, đang thực hiện hoặc không thực hiện được (kèm lý do).",
                item=n,
                field="status",
            )


@check("task-outside-row-time")
def task_outside(s: Subject):
    for n, row, _ in _rows(s):
        for task in row.tasks:
            for label, value in (("bắt đầu", task.start), ("hạn", task.due)):
                if value and ((row.start and value < row.start) or (row.end and value > row.end)):
                    span = f"{row.start:%m/%Y}" if row.start else "…"
                    span += f" – {row.end:%m/%Y}" if row.end else ""
                    yield s.finding(
                        "task-outside-row-time",
                        f"{s.row_label(n)}: việc “{task.title[:80]}” có ngày {label} {value:%d/%m/%Y} nằm ngoài thời "
                        f"gian của dòng ({span}). Hãy sửa ngày của việc, hoặc điều chỉnh kế hoạch nếu thời gian thay đổi.",
                        item=n,
                        field="tasks",
                    )
                    break


@check("spent-over-planned")
def spent_over(s: Subject):
    for n, row, _ in _rows(s):
        if row.spent_vnd and row.spent_vnd > row.planned_vnd:
            planned = _vnd(row.planned_vnd) if row.planned_vnd else "không có kinh phí"
            yield s.finding(
                "spent-over-planned",
                f"{s.row_label(n)} đã chi {_vnd(row.spent_vnd)}, vượt kinh phí dự kiến ({planned}). Hãy kiểm tra "
                "lại số tiền đã chi, hoặc điều chỉnh kế hoạch để ghi kinh phí và nguồn bổ sung.",
                item=n,
                field="budget",
            )
