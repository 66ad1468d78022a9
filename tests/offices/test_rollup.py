"""`caitien rollup --office CODE --json` and GET /api/offices/{code}/rollup: the same JSON, keys as
documented, totals that add up, refusals in Vietnamese, queries constant in schools."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from caitien.escalations.services import escalation_create
from caitien.offices.generator import province_generate
from tests.offices.helpers import client_as, provinces, queries

SCHOOL_KEYS = {
    "code",
    "name",
    "level",
    "school_level",
    "regulation",
    "plan",
    "items",
    "done",
    "in_progress",
    "not_started",
    "overdue",
    "planned_vnd",
    "spent_vnd",
    "reviews_recorded",
    "reviews_missing",
    "escalations_open",
    "last_activity",
}
COUNTERS = SCHOOL_KEYS - {"code", "name", "level", "school_level", "regulation", "plan", "last_activity"}


def rollup_json(*args):
    out = io.StringIO()
    call_command("rollup", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def province(catalog):
    return province_generate(offices=2, schools=6, plans=2, rows=4, prefix="RL", school_year=2025)


def test_the_json_has_the_documented_keys_and_totals_add_up(province):
    phong = province.offices[0]
    school = phong.schools.order_by("pk").first()
    escalation_create(
        actor=school.memberships.get(role="principal").user,
        school=school,
        kind="funding",
        title="Kinh phí sửa mái",
        reason="Dột",
        amount_vnd=120_000_000,
    )
    data = rollup_json("--office", phong.code.lower(), "--year", "2025", "--json")
    assert set(data) == {"office", "office_name", "year", "schools", "totals", "weak_criteria", "escalations"}
    assert (data["office"], data["year"]) == (phong.code, 2025)
    assert len(data["schools"]) == 3 and all(set(s) == SCHOOL_KEYS for s in data["schools"])
    assert set(data["totals"]) == COUNTERS | {"schools"}
    for name in COUNTERS:
        assert data["totals"][name] == sum(s[name] for s in data["schools"]), name
    first = next(s for s in data["schools"] if s["code"] == school.short_code)
    assert first["plan"]["status"] in {"draft", "submitted", "approved", "published"} and first["items"] == 4
    assert first["escalations_open"] == 1 and first["last_activity"].startswith("20")
    assert data["escalations"]["open"] == 1 and data["escalations"]["amount_vnd"] == 120_000_000
    assert data["escalations"]["by_type"] == {
        "staffing": 0,
        "land": 0,
        "equipment": 0,
        "funding": 1,
        "professional": 0,
        "other": 0,
    }
    weak = data["weak_criteria"][0]
    assert set(weak) == {"regulation", "criterion", "schools_below", "schools_assessed", "rows", "rows_done"}
    assert weak["schools_below"] >= max(w["schools_below"] for w in data["weak_criteria"])


def test_the_so_rolls_up_every_phong_and_the_api_answers_the_same(province):
    whole = rollup_json("--office", province.so.code, "--year", "2025", "--json")
    assert whole["totals"]["schools"] == 6
    r = client_as(province.so_specialist).get(f"/api/offices/{province.so.code}/rollup?year=2025")
    assert r.status_code == 200 and r.json() == whole


def test_text_output_and_refusals(province, client):
    out = io.StringIO()
    call_command("rollup", "--office", province.offices[1].code, "--year", "2025", stdout=out)
    assert "năm học 2025-2026: 3 trường" in out.getvalue()
    with pytest.raises(CommandError, match="Không có cơ quan mã “KHONGCO”"):
        call_command("rollup", "--office", "KHONGCO", stdout=io.StringIO())
    assert client.get("/api/offices/KHONGCO/rollup").json()["detail"].startswith("Không có cơ quan mã")
    r = client.get(f"/api/offices/{province.so.code}/rollup")
    assert r.status_code == 403 and "Chỉ chuyên viên của cơ quan" in r.json()["detail"]
    phong_user = province.office_specialists[0]
    r = client_as(phong_user).get(f"/api/offices/{province.offices[1].code}/rollup")
    assert r.status_code == 403
    r = client_as(phong_user).get(f"/api/offices/{province.offices[0].code}/rollup?year=1800")
    assert r.status_code == 422 and "Năm học phải là năm bắt đầu" in r.json()["detail"]


def test_rollup_queries_do_not_grow_with_schools(db, catalog):
    small, big = provinces()
    counts = [
        queries(client_as(r.so_specialist), f"/api/offices/{r.so.code}/rollup?year=2025")
        for r in (small, big)
    ]
    assert counts[0] == counts[1]
