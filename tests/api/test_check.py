"""POST /api/check: the checker over a plan JSON document, as `caitien check --json` answers it."""

import copy
import json
import os
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from django.test import Client, override_settings

from caitien.api import schemas
from caitien.planfile import model

# An invented school and its plan, in the plan JSON contract.
GOOD = {
    "source": "ke-hoach-an-phu.json",
    "governing_body": "UBND huyện Tân Uyên",
    "school": "Trường Tiểu học An Phú",
    "school_level": "tieu_hoc",
    "circular": "17/2018/TT-BGDĐT",
    "document_number": "31/KH-THAP",
    "place": "An Phú",
    "date": "2025-09-25",
    "title": "Kế hoạch cải tiến chất lượng giáo dục năm học 2025 - 2026",
    "period": {"start_year": 2025, "end_year": 2026},
    "items": [
        {
            "criterion": "1.4",
            "level": "2",
            "expected_result": "Tổ chuyên môn sinh hoạt theo chủ đề hai lần mỗi tháng",
            "solutions": "Lập lịch sinh hoạt; mỗi buổi góp ý một bài dạy",
            "lead": "Phó hiệu trưởng; tổ trưởng chuyên môn",
            "time_text": "Tháng 10/2025 đến tháng 5/2026",
            "start": "2025-10",
            "end": "2026-05",
        },
        {
            "criterion": "3.5",
            "level": "2",
            "expected_result": "Thay 20 bộ bàn ghế hư hỏng của khối hai",
            "solutions": "Kiểm kê, lập dự toán, mua sắm theo quy định",
            "lead": "Hiệu trưởng, kế toán",
            "time_text": "Học kỳ I năm học 2025 - 2026",
            "start": "2025-09",
            "end": "2025-12",
            "budget_text": "30.000.000 đồng",
            "budget_amounts": [{"vnd": 30000000, "per": None}],
            "funding_source": "Ngân sách",
        },
    ],
    "signer": {"title": "HIỆU TRƯỞNG", "name": "Trần Văn Khoa"},
    "recipients": ["Phòng GDĐT (để báo cáo)", "Lưu: VT"],
    "sections": {
        "purposes": "Khắc phục các điểm yếu nêu trong báo cáo tự đánh giá.",
        "legal_bases": "Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018 của Bộ trưởng Bộ Giáo dục và Đào tạo;",
        "organisation": "Hiệu trưởng chỉ đạo chung; tổ giám sát kiểm tra mỗi học kỳ.",
    },
}


def bad_document():
    doc = copy.deepcopy(GOOD)
    doc["items"][0]["criterion"] = "9.9"  # no such criterion in Thông tư 17/2018
    doc["items"][1]["lead"] = ""  # nobody leads the row
    return doc


def cli_findings(tmp_path, document) -> dict:
    """What the real `caitien check FILE --json` prints for the same document."""
    path = tmp_path / "ke-hoach.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "CAITIEN_VAR_DIR": str(tmp_path / "var")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = subprocess.run(
        [str(Path(sys.executable).parent / "caitien"), "check", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def post(client, body, **kwargs):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body, ensure_ascii=False)
    return client.post("/api/check", data=data, content_type="application/json", **kwargs)


def test_a_good_document_answers_as_the_command_line(tmp_path, db):
    response = post(Client(), GOOD)
    assert response.status_code == 200
    assert response.json() == cli_findings(tmp_path, GOOD)
    assert [f["rule"] for f in response.json()["findings"]] == ["budget-total"]
    assert not [f for f in response.json()["findings"] if f["severity"] != "info"]


def test_a_bad_document_gets_its_errors_per_row(tmp_path, db):
    response = post(Client(), bad_document())
    assert response.status_code == 200
    findings = response.json()["findings"]
    assert response.json() == cli_findings(tmp_path, bad_document())
    errors = {(f["item"], f["field"]) for f in findings if f["severity"] == "error"}
    assert (1, "lead") in errors
    assert any(f["item"] == 0 and f["criterion"] == "9.9" and f["severity"] == "error" for f in findings)
    for f in findings:
        assert set(f) == {"rule", "severity", "message", "item", "criterion", "field"}


def test_anonymous_check_touches_no_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert post(Client(), bad_document()).status_code == 200


def test_a_logged_in_check_needs_no_csrf_token_because_it_writes_nothing(cast):
    from caitien.audit.models import AuditEvent
    from caitien.plans.models import Plan

    client = Client(enforce_csrf_checks=True)
    assert client.login(username="principal", password=cast.password)
    before = (AuditEvent.objects.count(), Plan.objects.count())
    assert post(client, GOOD).status_code == 200
    assert (AuditEvent.objects.count(), Plan.objects.count()) == before


def test_numbers_written_where_text_is_expected_are_read_as_text(db):
    doc = copy.deepcopy(GOOD)
    doc["items"][0]["level"] = 2
    doc["extra_key_of_a_newer_version"] = {"kept": True}  # the contract may grow
    response = post(Client(), doc)
    assert response.status_code == 200
    assert response.json() == post(Client(), GOOD).json()


def test_malformed_json_is_400_in_vietnamese(db):
    for body in ('{"items": [', "không phải JSON", b"\xff\xfe{"):
        response = post(Client(), body)
        assert response.status_code == 400
        assert response.json()["detail"] == (
            "Nội dung gửi lên không phải JSON hợp lệ. Hãy gửi kế hoạch theo dạng "
            "JSON của kế hoạch (như lệnh “caitien parse --json” in ra)."
        )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Chưa có kế hoạch nào trong nội dung gửi lên."),
        ([1, 2], "Nội dung gửi lên phải là một đối tượng JSON ({...})."),
        ({"items": {"criterion": "1.4"}}, "Trường “items” phải là một danh sách ([...])."),
        ({"items": ["1.4 Tổ chuyên môn"]}, "Trường “items[0]” phải là một đối tượng JSON ({...})."),
        ({"items": [{"criterion": ["1.4"]}]}, "Trường “items[0].criterion” phải là một chuỗi văn bản."),
        (
            {"items": [{"budget_amounts": [{"per": "year"}]}]},
            "Trường “items[0].budget_amounts[0].vnd” bắt buộc phải có.",
        ),
        ({"period": {"start_year": "năm ngoái"}}, "Trường “period.start_year” phải là một số nguyên."),
    ],
)
def test_a_wrong_shape_is_422_saying_which_key(db, body, message):
    response = post(Client(), body)
    assert response.status_code == 422
    assert (
        response.json()["detail"] == f"{message} Hãy gửi kế hoạch theo dạng JSON của kế hoạch "
        "(như lệnh “caitien parse --json” in ra)."
    )
    assert response.json()["errors"] == [message]


def test_several_wrong_keys_are_counted(db):
    response = post(Client(), {"title": ["a"], "items": [{"lead": {}}]})
    assert response.status_code == 422
    assert "(và 1 lỗi khác)" in response.json()["detail"]
    assert len(response.json()["errors"]) == 2


def test_a_body_over_the_upload_limit_is_413(db):
    doc = copy.deepcopy(GOOD)
    doc["items"] = doc["items"] * 40
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=4000):
        response = post(Client(), doc)
    assert response.status_code == 413
    assert response.json()["detail"].startswith("Nội dung gửi lên quá lớn.")


@pytest.mark.parametrize(
    ("schema", "dataclass"),
    [
        (schemas.PlanDocumentIn, model.Document),
        (schemas.ItemIn, model.Item),
        (schemas.AmountIn, model.Amount),
        (schemas.SignerIn, model.Signer),
        (schemas.WarningIn, model.Warning),
        (schemas.PriorityIssueIn, model.PriorityIssue),
        (schemas.MonitoringEntryIn, model.MonitoringEntry),
    ],
)
def test_the_body_schema_names_every_key_of_the_contract(schema, dataclass):
    assert list(schema.model_fields) == [f.name for f in fields(dataclass)]
