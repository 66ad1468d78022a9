"""Self-assessment pages for each role: allowed, refused, htmx swaps and edit conflicts."""

import pytest
from django.urls import reverse

from caitien.assessments import services
from caitien.assessments.models import CriterionAssessment, IndicatorResult, SelfAssessment
from caitien.audit.models import AuditEvent


@pytest.fixture
def sa(cast):
    return services.self_assessment_create(school=cast.primary, start_year=2026, actor=cast.principal)


def login(client, cast, name):
    client.force_login(getattr(cast, name))
    return client


def criterion_url(sa, code):
    ca = sa.criteria.get(criterion__code=code)
    return ca, reverse("assessments:criterion", args=[sa.pk, ca.pk])


# --- the list and creating -------------------------------------------------------------------


def test_index_lists_the_school_and_offers_creation_to_the_principal(client, cast):
    r = login(client, cast, "principal").get(reverse("assessments:index"))
    body = r.content.decode()
    assert r.status_code == 200 and "Trường Tiểu học Hoà Bình" in body and "Tạo tự đánh giá mới" in body


def test_index_does_not_offer_creation_to_staff(client, cast, sa):
    r = login(client, cast, "staff").get(reverse("assessments:index"))
    body = r.content.decode()
    assert "Tạo tự đánh giá mới" not in body and "Tự đánh giá năm học 2026-2027" in body


def test_index_shows_the_specialist_the_schools_of_the_office(client, cast):
    body = login(client, cast, "specialist").get(reverse("assessments:index")).content.decode()
    assert "Trường Mầm non Hoa Sen" in body and "Trường Tiểu học Lai Uyên" not in body


@pytest.mark.parametrize("who", ["principal", "vice"])
def test_principal_and_vice_create(client, cast, who):
    r = login(client, cast, who).post(
        reverse("assessments:create"), {"school": cast.primary.pk, "start_year": "2026", "target_level": "2"}
    )
    sa = SelfAssessment.objects.get(school=cast.primary)
    assert r.status_code == 302 and r["Location"] == reverse("assessments:detail", args=[sa.pk])
    assert AuditEvent.objects.filter(action="self_assessment.create", actor=getattr(cast, who)).exists()


@pytest.mark.parametrize("who", ["council", "monitor", "staff", "specialist", "other_principal"])
def test_others_are_refused_creation_with_a_clear_page(client, cast, who):
    r = login(client, cast, who).post(
        reverse("assessments:create"), {"school": cast.primary.pk, "start_year": "2026"}
    )
    assert r.status_code == 403
    assert "Chỉ Hiệu trưởng hoặc Phó Hiệu trưởng" in r.content.decode()
    assert not SelfAssessment.objects.exists()


def test_create_with_a_bad_year_says_how_to_fix_it(client, cast):
    r = login(client, cast, "principal").post(
        reverse("assessments:create"), {"school": cast.primary.pk, "start_year": "năm nay"}, follow=True
    )
    assert "hãy nhập năm bắt đầu bằng bốn chữ số" in r.content.decode()
    assert not SelfAssessment.objects.exists()


def test_create_twice_shows_a_message(client, cast, sa):
    r = login(client, cast, "principal").post(
        reverse("assessments:create"), {"school": cast.primary.pk, "start_year": "2026"}, follow=True
    )
    assert "đã có tự đánh giá năm học 2026-2027" in r.content.decode()


def test_anonymous_is_sent_to_login(client, sa):
    r = client.get(reverse("assessments:detail", args=[sa.pk]))
    assert r.status_code == 302 and reverse("login") in r["Location"]


# --- viewing --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["principal", "vice", "council", "monitor", "staff", "specialist", "admin"])
def test_detail_is_visible_to_the_school_its_office_and_admin(client, cast, sa, who):
    r = login(client, cast, who).get(reverse("assessments:detail", args=[sa.pk]))
    body = r.content.decode()
    assert r.status_code == 200
    assert "Tiêu chuẩn 1:" in body and "Tiêu chí 1.1" in body and "Đã đánh giá 0/27 tiêu chí" in body


@pytest.mark.parametrize("who", ["other_principal", "other_teacher"])
def test_detail_is_refused_to_another_school(client, cast, sa, who):
    r = login(client, cast, who).get(reverse("assessments:detail", args=[sa.pk]))
    assert r.status_code == 403 and "không xem được tự đánh giá" in r.content.decode()


def test_criterion_page_shows_indicators_and_form_to_authors(client, cast, sa):
    ca, url = criterion_url(sa, "1.1")
    body = login(client, cast, "council").get(url).content.decode()
    first = ca.criterion.indicators.order_by("level", "position").first()
    assert first.text in body and "Mức 1" in body and 'name="current_state"' in body
    assert f'id="ind-{first.pk}"' in body and "disabled" not in body.split(f'id="ind-{first.pk}"')[1][:200]


def test_criterion_page_is_read_only_for_monitor(client, cast, sa):
    ca, url = criterion_url(sa, "1.1")
    body = login(client, cast, "monitor").get(url).content.decode()
    assert 'name="current_state"' not in body and " disabled" in body


# --- indicators in place --------------------------------------------------------------------


def tick_url(sa, ca, ind):
    return reverse("assessments:indicator", args=[sa.pk, ca.pk, ind.pk])


def test_htmx_tick_returns_the_level_badges(client, cast, sa):
    ca = sa.criteria.get(criterion__code="1.2")
    login(client, cast, "council")
    level1 = list(ca.criterion.indicators.filter(level=1).order_by("position"))
    ticked = []
    for ind in level1:
        ticked.append(str(ind.pk))
        r = client.post(tick_url(sa, ca, ind), {"met": ticked}, HTTP_HX_REQUEST="true")
        assert r.status_code == 200
    body = r.content.decode()
    assert body.lstrip().startswith('<div id="levels"') and "Tiêu chí 1.2:" in body and "Mức 1" in body
    assert CriterionAssessment.objects.get(pk=ca.pk).level_reached == 1
    # Unticking the first (the form no longer sends its id) drops the criterion back.
    r = client.post(tick_url(sa, ca, level1[0]), {"met": ticked[1:]}, HTTP_HX_REQUEST="true")
    assert "Chưa đạt Mức 1" in r.content.decode()
    assert IndicatorResult.objects.get(assessment=ca, indicator=level1[0]).met is False


def test_whole_form_without_javascript(client, cast, sa):
    ca = sa.criteria.get(criterion__code="1.1")
    ids = [str(i.pk) for i in ca.criterion.indicators.filter(level__lte=2)]
    r = login(client, cast, "vice").post(
        reverse("assessments:indicators", args=[sa.pk, ca.pk]), {"met": ids}, follow=True
    )
    assert "Đã lưu kết quả các chỉ báo của tiêu chí 1.1" in r.content.decode()
    assert CriterionAssessment.objects.get(pk=ca.pk).level_reached == 2


@pytest.mark.parametrize("who", ["monitor", "staff", "specialist", "other_principal"])
def test_tick_is_refused_to_non_authors(client, cast, sa, who):
    ca = sa.criteria.get(criterion__code="1.1")
    ind = ca.criterion.indicators.first()
    r = login(client, cast, who).post(tick_url(sa, ca, ind), {"met": [str(ind.pk)]}, HTTP_HX_REQUEST="true")
    assert r.status_code == 403
    assert not IndicatorResult.objects.exists()


def test_tick_of_an_indicator_of_another_criterion_is_not_found(client, cast, sa):
    ca = sa.criteria.get(criterion__code="1.1")
    foreign = sa.criteria.get(criterion__code="1.2").criterion.indicators.first()
    r = login(client, cast, "council").post(tick_url(sa, ca, foreign), {"met": [str(foreign.pk)]})
    assert r.status_code == 404


# --- texts and conflicts ---------------------------------------------------------------------


def test_save_texts(client, cast, sa):
    ca, url = criterion_url(sa, "2.2")
    r = login(client, cast, "council").post(
        url,
        {
            "revision": "1",
            "current_state": "Có 20 giáo viên [H2-2.2-01]",
            "strengths": "Nhiệt tình",
            "weaknesses": "Ít sáng kiến",
            "improvement": "",
        },
        follow=True,
    )
    body = r.content.decode()
    assert "Đã lưu nhận định tiêu chí 2.2" in body and "Có 20 giáo viên [H2-2.2-01]" in body
    assert CriterionAssessment.objects.get(pk=ca.pk).weaknesses == "Ít sáng kiến"


def test_two_people_editing_get_a_conflict_message_not_a_silent_overwrite(client, cast, sa):
    ca, url = criterion_url(sa, "2.2")
    services.criterion_assessment_update(
        assessment=ca,
        actor=cast.vice,
        current_state="Bản đã lưu trước",
        strengths="",
        weaknesses="",
        expected_revision=1,
    )
    r = login(client, cast, "council").post(
        url,
        {
            "revision": "1",
            "current_state": "Bản đang sửa",
            "strengths": "",
            "weaknesses": "",
            "improvement": "",
        },
    )
    body = r.content.decode()
    assert r.status_code == 409
    assert "Trần Thị Bình vừa lưu nội dung này" in body
    assert "Bản đã lưu trước" in body and "Bản đang sửa" in body  # both visible: saved one and the user's
    assert 'name="revision" value="2"' in body
    assert CriterionAssessment.objects.get(pk=ca.pk).current_state == "Bản đã lưu trước"


def test_save_texts_refused_to_monitor(client, cast, sa):
    ca, url = criterion_url(sa, "2.2")
    r = login(client, cast, "monitor").post(url, {"revision": "1", "current_state": "x"})
    assert r.status_code == 403 and "Hội đồng tự đánh giá" in r.content.decode()


# --- assignment -----------------------------------------------------------------------------


def test_principal_assigns_a_council_member(client, cast, sa):
    ca, url = criterion_url(sa, "3.2")
    login(client, cast, "principal")
    assert "Phân công" in client.get(url).content.decode()
    r = client.post(
        reverse("assessments:assign", args=[sa.pk, ca.pk]),
        {"people": [str(cast.council.pk), str(cast.staff.pk)]},
    )
    assert r.status_code == 302
    assert list(ca.assignees.all()) == [cast.council]  # staff are not in the council


def test_council_member_cannot_assign(client, cast, sa):
    ca, url = criterion_url(sa, "3.2")
    login(client, cast, "council")
    assert "Lưu phân công" not in client.get(url).content.decode()
    r = client.post(reverse("assessments:assign", args=[sa.pk, ca.pk]), {"people": [str(cast.council.pk)]})
    assert r.status_code == 403 and not ca.assignees.exists()


# --- 57/2026 standards ----------------------------------------------------------------------


@pytest.fixture
def sa57(cast, catalog):
    from caitien.schools.services import membership_add, school_create

    school = school_create(
        name="Trường THCS Minh Tân",
        level="thcs",
        office=cast.phong,
        governing_body="UBND huyện Dầu Tiếng",
        place="Minh Tân",
        short_code="THCSMT",
        regulation=catalog["tt57-2026-pl2"],
    )
    membership_add(user=cast.council, role="council_member", school=school)
    return services.self_assessment_create(school=school, start_year=2026, actor=cast.council)


def test_57_standard_texts_page_and_conflict(client, cast, sa57):
    st = sa57.standards.get(standard__number=1)
    url = reverse("assessments:standard", args=[sa57.pk, st.pk])
    login(client, cast, "council")
    assert (
        "Sửa nhận định tiêu chuẩn 1"
        in client.get(reverse("assessments:detail", args=[sa57.pk])).content.decode()
    )
    r = client.post(
        url, {"revision": "1", "strengths": "Kỷ cương tốt", "weaknesses": "Thiếu phòng học bộ môn"}
    )
    assert r.status_code == 302
    r = client.post(url, {"revision": "1", "strengths": "khác", "weaknesses": "khác"})
    assert r.status_code == 409 and "Lê Thị Cúc vừa lưu" in r.content.decode()


def test_57_standard_page_refused_to_a_reader(client, cast, sa57):
    st = sa57.standards.get(standard__number=1)
    r = login(client, cast, "specialist").get(reverse("assessments:standard", args=[sa57.pk, st.pk]))
    assert r.status_code == 403


def test_htmx_tick_after_the_session_ended_is_a_401_not_the_login_page(client, cast, sa):
    ca = sa.criteria.get(criterion__code="1.1")
    ind = ca.criterion.indicators.first()
    r = client.post(tick_url(sa, ca, ind), {"met": [str(ind.pk)]}, HTTP_HX_REQUEST="true")
    assert r.status_code == 401 and "Phiên đăng nhập đã hết" in r.content.decode()
    r = client.post(tick_url(sa, ca, ind), {"met": [str(ind.pk)]})
    assert r.status_code == 302 and reverse("login") in r["Location"]
    assert not IndicatorResult.objects.exists()
