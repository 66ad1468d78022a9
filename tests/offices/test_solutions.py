"""The solution library: alike solutions of other schools' published plans grouped and ranked,
searched without diacritics, and put into a row of the editor in one action."""

import pytest

from caitien.audit.models import AuditEvent
from caitien.catalog.models import Criterion
from caitien.offices.solutions import alike, library, words
from caitien.plans.models import Plan
from caitien.plans.services import plan_create, plan_item_add
from caitien.schools.services import school_create
from tests.offices.helpers import client_as, provinces, queries

ROOF_A = "Tham mưu với UBND huyện sửa chữa mái, chống thấm 04 phòng học khối 1."
ROOF_B = "Tham mưu UBND huyện sửa chữa mái và chống thấm các phòng học khối 1"
DESKS = "Thay bàn ghế hư hỏng bằng bàn ghế đúng quy cách."


def test_words_ignore_diacritics_case_punctuation_and_small_words():
    assert words("Sửa chữa MÁI, và chống thấm!") == {"sua", "chua", "mai", "chong", "tham"}
    assert alike(words(ROOF_A), words(ROOF_B)) >= 0.5 > alike(words(ROOF_A), words(DESKS))


def _school(cast, code, n):
    return school_create(
        name=f"Trường Tiểu học Số {n}",
        level="tieu_hoc",
        office=cast.phong,
        governing_body="UBND huyện",
        place="Định Thành",
        short_code=code,
        regulation=cast.primary.regulation,
    )


def _published(cast, school, solutions, status=Plan.Status.PUBLISHED, row_status=""):
    plan = plan_create(school=school, actor=cast.principal, start_year=2025, end_year=2026)
    for text in solutions:
        plan_item_add(
            plan=plan,
            actor=cast.principal,
            values={
                "criterion_code": "3.2",
                "solutions": text,
                "lead_text": "Hiệu trưởng",
                "status": row_status,
            },
        )
    Plan.objects.filter(pk=plan.pk).update(status=status)
    return plan


@pytest.fixture
def peers(cast):
    a, b, c, d = (_school(cast, f"PEER{n}", n) for n in range(4))
    _published(cast, a, [ROOF_A])
    _published(cast, b, [ROOF_B], row_status="Hoàn thành")
    _published(cast, c, [ROOF_A, DESKS])
    _published(cast, d, [DESKS, DESKS], status=Plan.Status.DRAFT)  # a draft is nobody's business
    _published(cast, cast.primary, [DESKS])  # the school's own published row
    return Criterion.objects.get(code="3.2", standard__regulation=cast.primary.regulation)


def test_alike_solutions_are_one_group_ranked_by_schools_and_completion(cast, peers):
    groups = library(peers, exclude_school=cast.primary)
    assert [g.text for g in groups] == [ROOF_A, DESKS]
    roof = groups[0]
    assert (roof.school_count, roof.done_schools, len(roof.rows)) == (3, 1, 3)
    assert dict(roof.variants) == {ROOF_A: 2, ROOF_B.strip(): 1}
    assert set(roof.schools) == {"Trường Tiểu học Số 0", "Trường Tiểu học Số 1", "Trường Tiểu học Số 2"}
    assert groups[1].school_count == 1 and roof.leads == ["Hiệu trưởng"]
    # Without the exclusion, the school's own published row counts too.
    assert library(peers)[1].school_count == 2


def test_search_without_diacritics(cast, peers):
    assert [g.text for g in library(peers, q="ban ghe")] == [DESKS]
    assert [g.text for g in library(peers, q="CHONG THAM")] == [ROOF_A]
    assert library(peers, q="khong co dau nay") == []


def _draft(cast):
    plan = plan_create(school=cast.primary, actor=cast.principal, start_year=2026, end_year=2027)
    return plan_item_add(
        plan=plan, actor=cast.principal, values={"criterion_code": "3.2", "solutions": "Rà soát."}
    )


def test_the_panel_beside_a_row_and_using_a_solution(client, cast, peers):
    row = _draft(cast)
    client.force_login(cast.council)
    panel = client.get(f"/giai-phap/dong/{row.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Dùng giải pháp này" in panel and "3 trường" in panel and "<html" not in panel
    assert "&quot;solution&quot;: &quot;Tham mưu với UBND huyện" in panel  # hx-vals, escaped in the attribute
    r = client.post(
        f"/giai-phap/dong/{row.pk}/dung/", {"solution": ROOF_A, "indicator": ""}, HTTP_HX_REQUEST="true"
    )
    body = r.content.decode()
    row.refresh_from_db()
    assert row.solutions == f"Rà soát.\n{ROOF_A}" and row.revision == 2
    assert (
        f'id="f-{row.pk}-solutions"' in body
        and 'hx-swap-oob="true"' in body
        and f'value="{row.revision}"' in body
    )
    assert AuditEvent.objects.filter(action="plan_item.update", object_id=str(row.pk)).exists()
    # The same solution twice is not added twice.
    r = client.post(f"/giai-phap/dong/{row.pk}/dung/", {"solution": ROOF_A}, HTTP_HX_REQUEST="true")
    row.refresh_from_db()
    assert "Dòng đã có giải pháp này." in r.content.decode() and row.solutions.count(ROOF_A) == 1
    # Without JavaScript: a page with forms, then back to the editor at the row.
    page = client.get(f"/giai-phap/dong/{row.pk}/").content.decode()
    assert '<form method="post"' in page
    r = client.post(f"/giai-phap/dong/{row.pk}/dung/", {"solution": DESKS})
    assert r.status_code == 302 and r["Location"].endswith(f"/soan/#row-{row.pk}")


def test_only_an_author_of_a_draft_uses_the_library_on_a_row(client, cast, peers):
    row = _draft(cast)
    # Staff read the draft (refused: 403); to the office and another school a draft is not known (404).
    for who, status in (("staff", 403), ("specialist", 404), ("other_principal", 404)):
        client.force_login(getattr(cast, who))
        assert client.post(f"/giai-phap/dong/{row.pk}/dung/", {"solution": DESKS}).status_code == status
    Plan.objects.filter(pk=row.plan_id).update(status="published")
    client.force_login(cast.principal)
    assert client.get(f"/giai-phap/dong/{row.pk}/").status_code == 403
    row.refresh_from_db()
    assert row.solutions == "Rà soát."


def test_the_browse_page(client, cast, peers):
    client.force_login(cast.staff)
    body = client.get("/giai-phap/?van-ban=tt17-2018&tieu-chi=3.2&q=chong+tham").content.decode()
    assert ROOF_A in body and DESKS not in body and "3 trường" in body


def test_library_queries_do_not_grow_with_schools(db, catalog):
    from caitien.plans.models import PlanItem

    small, big = provinces()
    counts = []
    for r in (small, big):
        plan = Plan.objects.filter(school__short_code__startswith=r.so.code[3:], start_year=2025).first()
        Plan.objects.filter(pk=plan.pk).update(status="draft")
        row = PlanItem.objects.filter(plan=plan).exclude(criterion=None).first()
        principal = plan.school.memberships.get(role="principal").user.username
        counts.append(queries(client_as(principal), f"/giai-phap/dong/{row.pk}/"))
    assert counts[0] == counts[1]
