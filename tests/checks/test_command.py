"""`caitien check`: JSON and readable output, exit status, unreadable input, saved plans."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from caitien.checks import RULES
from caitien.checks.rules import rules_markdown
from caitien.planfile.model import Signer
from tests.checks.plans import good_doc

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args):
    with pytest.raises(SystemExit) as exit_info:
        call_command("plan_check", *args)
        raise SystemExit(0)
    out = capsys.readouterr()
    return exit_info.value.code or 0, out.out, out.err


def write_plan(tmp_path, doc, name="ke-hoach.json"):
    path = tmp_path / name
    path.write_text(doc.to_json(), encoding="utf-8")
    return path


def test_json_output_of_a_plan_with_an_error(tmp_path, capsys):
    doc = good_doc()
    doc.items[1].lead = ""
    code, out, err = run(capsys, "--json", str(write_plan(tmp_path, doc)))
    assert code == 1 and err == ""
    findings = json.loads(out)["findings"]
    lead = next(f for f in findings if f["rule"] == "missing-lead")
    assert lead == {
        "rule": "missing-lead",
        "severity": "error",
        "message": lead["message"],
        "item": 1,
        "criterion": "3.4",
        "field": "lead",
    }
    assert "người chủ trì" in lead["message"]


def test_clean_plan_exits_zero_and_reads_in_vietnamese(tmp_path, capsys):
    doc = good_doc(signer=Signer(title="", name="Lê Thị Hoa"))
    doc.items[0].lead = "Toàn trường"
    code, out, _ = run(capsys, str(write_plan(tmp_path, doc)))
    assert code == 0
    assert "Kiểm tra kế hoạch: Trường Tiểu học Sông Mây" in out
    assert "Toàn văn bản:" in out and "[Cảnh báo] Người ký “Lê Thị Hoa” chưa có chức danh" in out
    assert "Dòng 1 — tiêu chí 1.4:" in out and "(lead-not-accountable)" in out
    assert "Tổng cộng: 0 lỗi, 2 cảnh báo, 1 gợi ý." in out


def test_unreadable_input_exits_two_with_one_line(tmp_path, capsys):
    bad = tmp_path / "hong.json"
    bad.write_text("{ không phải json", encoding="utf-8")
    code, out, err = run(capsys, "--json", str(bad))
    assert code == 2 and out == ""
    assert err.startswith("Lỗi: ") and err.count("\n") == 1
    code, _, err = run(capsys, str(tmp_path / "khong-co.docx"))
    assert code == 2 and "không tồn tại" in err


def test_file_or_plan_but_not_both(capsys):
    code, _, err = run(capsys)
    assert code == 2 and "--plan" in err


@pytest.mark.django_db
def test_saved_plan(cast, capsys):
    from caitien.plans.services import plan_create_from_document

    doc = good_doc()
    doc.items[0].criterion = "1.11"
    plan = plan_create_from_document(school=cast.primary, document=doc, actor=cast.principal)
    code, out, _ = run(capsys, "--plan", str(plan.pk), "--json")
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert code == 1 and "unknown-criterion" in rules
    code, _, err = run(capsys, "--plan", "999999")
    assert code == 2 and "999999" in err


def test_rules_doc_is_complete_and_in_sync():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == rules_markdown(), "docs/rules.md is stale: python -m caitien.checks.rules > docs/rules.md"
    for rule in RULES.values():
        assert f"## `{rule.id}`" in text
        assert rule.what and rule.why and rule.fix and rule.severity in ("error", "warning", "info")


@pytest.mark.django_db
def test_saved_plan_is_judged_against_its_self_assessment(cast, capsys):
    from caitien.assessments.services import self_assessment_create
    from caitien.plans.services import plan_create_from_document

    assessment = self_assessment_create(
        school=cast.primary, start_year=2024, actor=cast.principal, target_level=2
    )
    assessment.criteria.filter(criterion__code="5.1").update(
        weaknesses="Chưa lấy ý kiến cha mẹ học sinh khi xây dựng kế hoạch"
    )
    plan = plan_create_from_document(school=cast.primary, document=good_doc(), actor=cast.principal)
    plan.self_assessment = assessment
    plan.save()
    code, out, _ = run(capsys, "--plan", str(plan.pk), "--json")
    uncovered = {
        f["criterion"]: f["message"]
        for f in json.loads(out)["findings"]
        if f["rule"] == "weakness-not-covered"
    }
    assert "cha mẹ học sinh" in uncovered["5.1"]
    assert not {"1.4", "3.4", "3.6"} & set(uncovered)  # the plan has rows for these
