"""The execution rules run on the saved, published plan through plan_findings (today's date: the
test plan's rows ran from 9/2025 to 5/2026)."""

import datetime

from caitien.checks.engine import CheckContext, run_checks
from caitien.execution import services
from caitien.execution.facts import execution_facts
from caitien.execution.models import Task
from caitien.plans.documents import plan_to_document
from caitien.plans.services import plan_findings
from tests.execution.conftest import rows_of

RULES = {"task-overdue", "row-ended-without-status", "task-outside-row-time", "spent-over-planned"}
LATER = datetime.date(2026, 7, 1)


def _findings(plan, today=LATER):
    context = CheckContext(saved=True, execution=execution_facts(plan, today))
    return [f for f in run_checks(plan_to_document(plan), context=context) if f.rule in RULES]


def test_a_fresh_plan_after_its_rows_ended_has_rows_without_status(published):
    found = _findings(published)
    assert [(f.rule, f.item) for f in found] == [
        ("row-ended-without-status", 0),
        ("row-ended-without-status", 1),
        ("row-ended-without-status", 2),
    ]
    assert "chưa ghi nhận trạng thái nào" in found[0].message
    assert _findings(published, datetime.date(2025, 11, 1)) == []


def test_each_rule_finds_its_case_and_says_how_to_fix_it(published, cast):
    rows = rows_of(published)
    late = services.task_create(
        plan=published,
        item_key=rows[0].key,
        title="Lập lịch họp",
        due=datetime.date(2025, 10, 15),
        actor=cast.principal,
    )
    done = services.task_create(
        plan=published,
        item_key=rows[0].key,
        title="Đăng nghị quyết",
        due=datetime.date(2025, 10, 15),
        actor=cast.principal,
    )
    services.update_add(
        plan=published,
        item_key=rows[0].key,
        task=done,
        actor=cast.principal,
        status="done",
        progress=100,
        text="Xong",
    )
    services.update_add(
        plan=published,
        item_key=rows[1].key,
        actor=cast.principal,
        status="done",
        progress=100,
        text="Sửa xong",
        spent_vnd=13_000_000,
        funding_source="Xã hội hóa",
    )
    outside = services.task_create(
        plan=published, item_key=rows[2].key, title="Chuyên đề cuối năm", actor=cast.principal
    )
    Task.objects.filter(pk=outside.pk).update(
        due=datetime.date(2026, 6, 20), status="in_progress"
    )  # the row was shortened
    found = {(f.rule, f.item): f for f in _findings(published)}
    assert set(found) == {
        ("task-overdue", 0),
        ("spent-over-planned", 1),
        ("task-outside-row-time", 2),
        ("task-overdue", 2),
    }
    assert (
        "Lập lịch họp" in found[("task-overdue", 0)].message
        and "15/10/2025" in found[("task-overdue", 0)].message
    )
    assert (
        "13.000.000 đồng" in found[("spent-over-planned", 1)].message
        and "12.500.000 đồng" in found[("spent-over-planned", 1)].message
    )
    assert "20/06/2026" in found[("task-outside-row-time", 2)].message
    assert late.pk


def test_plan_findings_of_a_published_plan_include_execution_rules(published):
    assert {f.rule for f in plan_findings(published)} >= {"row-ended-without-status"}


def test_a_draft_has_no_execution_facts(cast):
    from tests.plans.conftest import make_plan

    assert execution_facts(make_plan(cast.primary, cast.principal)) is None
