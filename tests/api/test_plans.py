"""GET /api/plans, /api/plans/{plan_id} and /api/plans/{plan_id}/findings: who sees what."""

import pytest

from caitien.plans.documents import plan_to_document

IN_SCHOOL = ["principal", "vice", "council", "monitor", "staff"]
OUTSIDE = ["other_principal", "other_teacher"]


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# --- one plan ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", [*IN_SCHOOL, "admin"])
def test_people_of_the_school_and_the_admin_read_a_draft(who, draft, client_for):
    response = client_for(who).get(f"/api/plans/{draft.pk}")
    assert response.status_code == 200
    assert response.json() == plan_to_document(draft).to_dict()
    assert response.json()["items"][1]["criterion"] == "3.5"
    assert response.json()["items"][1]["budget_amounts"] == [{"vnd": 30_000_000, "per": None}]


@pytest.mark.parametrize("who", [None, "specialist", *OUTSIDE])
def test_a_draft_is_refused_outside_the_school(who, draft, client_for):
    for url in (f"/api/plans/{draft.pk}", f"/api/plans/{draft.pk}/findings"):
        response = client_for(who).get(url)
        assert response.status_code == 404  # as for a plan that does not exist
        detail = response.json()["detail"]
        assert "Không có kế hoạch mã số" in detail and "chưa được công khai" in detail
        assert "items" not in response.json()


def test_anonymous_refusal_says_the_plan_is_not_public(draft, client_for):
    assert "chưa được công khai" in client_for(None).get(f"/api/plans/{draft.pk}").json()["detail"]


@pytest.mark.parametrize("who", [None, *IN_SCHOOL, "specialist", "admin"])
def test_a_published_plan_is_read_by_the_public_the_school_and_its_office(who, published, client_for):
    response = client_for(who).get(f"/api/plans/{published.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["document_number"] == "12/KH-THHB"
    assert data["period"] == {"start_year": 2024, "end_year": 2025}
    assert data["school"] == "Trường Tiểu học Hoà Bình"


@pytest.mark.parametrize("who", OUTSIDE)
def test_a_published_plan_is_public_to_logged_in_users_of_other_schools(who, published, client_for):
    response = client_for(who).get(f"/api/plans/{published.pk}")
    assert response.status_code == 200 and response.json()["items"]


def test_a_missing_plan_is_404_in_vietnamese(cast, client_for):
    response = client_for("principal").get("/api/plans/987654")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Không có kế hoạch mã số 987654 mà bạn được xem.")
    assert "hãy kiểm tra lại mã số kế hoạch" in response.json()["detail"]
    assert client_for(None).get("/api/plans/987654/findings").status_code == 404
    assert (
        client_for(None).get("/api/plans/99999999999999999999999").status_code == 404
    )  # beyond any id column


def test_a_plan_id_that_is_not_a_number_is_refused_in_vietnamese(cast, client_for):
    response = client_for(None).get("/api/plans/mot")
    assert response.status_code == 422
    assert response.json()["detail"] == "Trường “plan_id” phải là một số nguyên."


# --- findings of a saved plan ------------------------------------------------------------------------


@pytest.mark.parametrize("who", [*IN_SCHOOL, "admin"])
def test_findings_of_a_saved_draft(who, cast, draft, client_for):
    from caitien.plans import services

    # A row without a lead is an error the checker reports on that row.
    services.plan_item_add(
        plan=draft,
        actor=cast.principal,
        values={
            "criterion_code": "2.1",
            "level": "2",
            "expected_result": "Giáo viên được bồi dưỡng về chuyển đổi số.",
            "solutions": "Mời chuyên gia tập huấn hai buổi.",
            "time_text": "Tháng 12/2025",
            "start_month": "2025-12",
            "end_month": "2025-12",
        },
    )
    response = client_for(who).get(f"/api/plans/{draft.pk}/findings")
    assert response.status_code == 200
    # The same findings as the plan page shows (a draft is not told to add the number and date approval sets).
    expected = [f.to_dict() for f in services.plan_findings(draft)]
    assert response.json() == {"findings": expected}
    assert any(f["severity"] == "error" and f["item"] == 2 and f["field"] == "lead" for f in expected)
    assert set(expected[0]) == {"rule", "severity", "message", "item", "criterion", "field"}


@pytest.mark.parametrize("who", [None, "specialist"])
def test_findings_of_a_published_plan_are_public(who, published, client_for):
    response = client_for(who).get(f"/api/plans/{published.pk}/findings")
    assert response.status_code == 200
    assert not [f for f in response.json()["findings"] if f["severity"] == "error"]


# --- the list -----------------------------------------------------------------------------------------


def test_anonymous_list_holds_published_plans_only(draft, published, other_published, client_for):
    response = client_for(None).get("/api/plans")
    assert ids(response) == [other_published.pk, published.pk]  # newest school year first
    row = response.json()["results"][1]
    assert row == {
        "id": published.pk,
        "school": {"name": "Trường Tiểu học Hoà Bình", "short_code": "THHB"},
        "regulation": {"code": "17/2018/TT-BGDĐT", "appendix": ""},
        "period": {"kind": "single", "start_year": 2024, "end_year": 2025, "label": "năm học 2024-2025"},
        "title": published.title,
        "document_number": "12/KH-THHB",
        "status": "published",
        "status_label": "Đã công khai",
        "version": 1,
        "public_url": f"http://testserver/cong-khai/{published.pk}/",
    }


@pytest.mark.parametrize("who", IN_SCHOOL)
def test_people_of_the_school_list_their_drafts_and_not_other_schools(
    who, draft, published, other_published, client_for
):
    rows = client_for(who).get("/api/plans").json()["results"]
    assert [r["id"] for r in rows] == [draft.pk, published.pk]
    assert rows[0]["status"] == "draft" and rows[0]["public_url"] is None


def test_the_office_lists_published_plans_of_its_schools(draft, published, other_published, client_for):
    assert ids(client_for("specialist").get("/api/plans")) == [published.pk]


def test_the_other_school_lists_its_own(draft, published, other_published, client_for):
    assert ids(client_for("other_teacher").get("/api/plans")) == [other_published.pk]


def test_the_admin_lists_everything(draft, published, other_published, client_for):
    assert sorted(ids(client_for("admin").get("/api/plans"))) == sorted(
        [draft.pk, published.pk, other_published.pk]
    )


def test_filters(draft, published, other_published, client_for):
    principal, anonymous = client_for("principal"), client_for(None)
    assert ids(anonymous.get("/api/plans?school=THHB")) == [published.pk]
    assert ids(anonymous.get("/api/plans?school=thlu")) == [other_published.pk]
    assert ids(principal.get("/api/plans?status=draft")) == [draft.pk]
    assert ids(anonymous.get("/api/plans?status=draft")) == []
    assert ids(principal.get("/api/plans?year=2024")) == [published.pk]
    assert ids(principal.get("/api/plans?year=2025&school=THHB")) == [draft.pk]
    assert ids(principal.get("/api/plans?year=2023")) == []


def test_bad_filters_are_explained_in_vietnamese(cast, client_for):
    response = client_for(None).get("/api/plans?school=KHONGCO")
    assert response.status_code == 404
    assert response.json()["detail"] == (
        "Không có trường nào có ký hiệu “KHONGCO”. Hãy kiểm tra lại ký hiệu viết tắt của trường."
    )
    response = client_for(None).get("/api/plans?status=xong")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Trạng thái “xong” không có. Hãy dùng một trong: draft, ")
    response = client_for(None).get("/api/plans?year=hai-nghin")
    assert response.status_code == 422
    assert response.json()["detail"] == "Trường “year” phải là một số nguyên."


# --- paging --------------------------------------------------------------------------------------------


def test_the_list_is_paged_with_next_and_previous_links_keeping_the_filters(
    draft, published, other_published, client_for
):
    admin = client_for("admin")
    first = admin.get("/api/plans?page_size=2&status=published").json()
    assert (first["count"], first["page"], first["pages"], first["previous"]) == (2, 1, 1, None)
    first = admin.get("/api/plans?page_size=2").json()
    assert (first["count"], first["pages"], len(first["results"])) == (3, 2, 2)
    assert first["next"] == "http://testserver/api/plans?page_size=2&page=2"
    second = admin.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert second["previous"] == "http://testserver/api/plans?page_size=2&page=1"
    seen = [r["id"] for r in first["results"] + second["results"]]
    assert sorted(seen) == sorted([draft.pk, published.pk, other_published.pk])
    filtered = admin.get("/api/plans?school=THHB&page_size=1").json()
    assert filtered["next"] == "http://testserver/api/plans?school=THHB&page_size=1&page=2"


def test_a_wrong_page_is_explained_in_vietnamese(published, client_for):
    anonymous = client_for(None)
    r = anonymous.get("/api/plans?page=4")
    assert r.status_code == 404 and r.json()["detail"] == "Không có trang 4: danh sách có 1 trang (1 mục)."
    for query in ("page=0", "page_size=0", "page_size=501"):
        r = anonymous.get(f"/api/plans?{query}")
        assert r.status_code == 422 and "Trang phải từ 1 trở lên" in r.json()["detail"]
    r = anonymous.get("/api/plans?page=hai")
    assert r.status_code == 422 and r.json()["detail"] == "Trường “page” phải là một số nguyên."
    empty = anonymous.get("/api/plans?status=draft").json()
    assert (empty["count"], empty["pages"], empty["results"], empty["next"]) == (0, 1, [], None)


def test_the_list_asks_the_same_number_of_queries_for_3_and_for_30_schools(cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from caitien.offices.generator import province_generate
    from caitien.schools.services import membership_add, user_create

    def count(client):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/plans").status_code == 200
        return len(ctx.captured_queries)

    small = province_generate(offices=2, schools=3, plans=2, rows=2, prefix="S")
    big = province_generate(offices=2, schools=30, plans=2, rows=2, prefix="B")
    figures = []
    for result in (small, big):
        user = user_create(
            username=f"so-{result.so.code}", full_name="Chuyên viên Sở", password=cast.password
        )
        membership_add(user=user, role="office_specialist", office=result.so)
        client = client_for(None)
        client.force_login(user)
        figures.append(count(client))
    assert figures[0] == figures[1]
