"""Next year's self-assessment started from last year's, and the levels' history over the years."""

import xml.etree.ElementTree as ET

import pytest

from caitien.assessments import history, services
from caitien.assessments.carryover import self_assessment_from_previous
from caitien.assessments.models import CriterionEvidence, SelfAssessment
from caitien.evidence.models import EvidenceCriterion, EvidenceItem
from tests.assessments.helpers import answer_up_to


def _ca(sa, code):
    return sa.criteria.select_related("criterion").get(criterion__code=code)


@pytest.fixture
def last_year(cast):
    sa = services.self_assessment_create(school=cast.primary, start_year=2024, actor=cast.principal)
    answer_up_to(_ca(sa, "1.1"), 2, cast.principal)
    answer_up_to(_ca(sa, "1.2"), 1, cast.principal)
    services.criterion_assessment_update(
        assessment=_ca(sa, "1.2"),
        actor=cast.principal,
        current_state="Nhà trường có kế hoạch chiến lược giai đoạn 2020-2025.",
        strengths="Kế hoạch được công khai.",
        weaknesses="Chưa rà soát giữa kỳ.",
        improvement="Rà soát kế hoạch mỗi năm.",
    )
    item = EvidenceItem.objects.create(
        school=cast.primary,
        school_year=2024,
        regulation=sa.regulation,
        code="[H1-1.2-01]",
        name="Kế hoạch chiến lược giai đoạn 2020-2025",
        location="Tủ hồ sơ văn phòng",
    )
    EvidenceCriterion.objects.create(item=item, criterion=_ca(sa, "1.2").criterion)
    sa.refresh_from_db()
    return sa


def test_next_years_self_assessment_starts_from_last_years(last_year, cast):
    new = self_assessment_from_previous(previous=last_year, actor=cast.principal)
    assert (new.start_year, new.end_year, new.carried_from) == (2025, 2026, last_year)
    old, copy = _ca(last_year, "1.2"), _ca(new, "1.2")
    for name in ("current_state", "strengths", "weaknesses", "improvement", "level_reached"):
        assert getattr(copy, name) == getattr(old, name)
    assert _ca(new, "1.1").level_reached == 2 and copy.level_reached == 1
    assert sorted(copy.indicator_results.values_list("indicator_id", "met")) == sorted(
        old.indicator_results.values_list("indicator_id", "met")
    )
    assert new.school_level_reached == last_year.school_level_reached
    link = CriterionEvidence.objects.get(assessment=copy)
    assert (link.item.code, link.item.school_year) == ("[H1-1.2-01]", 2024)  # the item keeps its year
    # Ticking an indicator in the new one recomputes as usual and leaves last year's alone.
    answer_up_to(copy, 2, cast.principal)
    assert _ca(new, "1.2").level_reached == 2 and _ca(last_year, "1.2").level_reached == 1
    # The year after carries the links the council kept, not the register again.
    third = self_assessment_from_previous(previous=new, actor=cast.principal)
    assert list(
        CriterionEvidence.objects.filter(assessment__self_assessment=third).values_list(
            "item__code", flat=True
        )
    ) == ["[H1-1.2-01]"]


def test_a_year_that_exists_already_is_refused(last_year, cast):
    services.self_assessment_create(school=cast.primary, start_year=2025, actor=cast.principal)
    with pytest.raises(services.AssessmentError, match="đã có tự đánh giá năm học 2025-2026"):
        self_assessment_from_previous(previous=last_year, actor=cast.principal)


def test_the_level_history_per_criterion_and_for_the_school(last_year, cast):
    new = self_assessment_from_previous(previous=last_year, actor=cast.principal)
    answer_up_to(_ca(new, "1.2"), 2, cast.principal)
    trends = history.criterion_trends(cast.primary)
    assert trends["1.2"].points == [(2024, 1), (2025, 2)] and trends["1.2"].change == 1
    assert trends["1.1"].points == [(2024, 2), (2025, 2)] and trends["1.1"].change == 0
    school = history.school_trend(cast.primary)
    assert [y for y, _ in school.points] == [2024, 2025]
    svg = ET.fromstring(str(history.trend_svg(trends["1.2"])))
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.find(f"{ns}title").text.startswith("Tiêu chí 1.2")
    assert svg.find(f"{ns}desc").text == "năm học 2024-2025: Mức 1; năm học 2025-2026: Mức 2"
    assert len(svg.findall(f"{ns}circle")) == 2 and svg.find(f"{ns}polyline") is not None


def test_the_pages(client, last_year, cast, django_assert_max_num_queries):
    client.force_login(cast.principal)
    answer = client.post(f"/tu-danh-gia/{last_year.pk}/nam-sau/")
    new = SelfAssessment.objects.get(start_year=2025)
    assert answer.status_code == 302 and answer["Location"] == f"/tu-danh-gia/{new.pk}/"
    page = client.get(f"/tu-danh-gia/{new.pk}/").content.decode()
    assert "Bắt đầu từ kết quả" in page and "tự đánh giá năm học 2024-2025" in page
    criterion = client.get(f"/tu-danh-gia/{new.pk}/tieu-chi/{_ca(new, '1.2').pk}/").content.decode()
    assert "[H1-1.2-01]" in criterion and "<svg" in criterion
    client.get(f"/tu-danh-gia/truong/{cast.primary.pk}/lich-su/")
    with django_assert_max_num_queries(10):
        page = client.get(f"/tu-danh-gia/truong/{cast.primary.pk}/lich-su/").content.decode()
    assert (
        "Mức đạt qua các năm học" in page
        and page.count('class="chart chart-trend chart-small"') == new.criteria.count()
    )
    again = client.post(f"/tu-danh-gia/{last_year.pk}/nam-sau/", follow=True).content.decode()
    assert "đã có tự đánh giá năm học 2025-2026" in again


def test_who_may_carry_and_read_the_history(client, last_year, cast):
    client.force_login(cast.staff)
    assert client.post(f"/tu-danh-gia/{last_year.pk}/nam-sau/").status_code == 403
    client.force_login(cast.other_principal)
    assert client.get(f"/tu-danh-gia/truong/{cast.primary.pk}/lich-su/").status_code == 403
    client.force_login(cast.specialist)
    assert client.get(f"/tu-danh-gia/truong/{cast.primary.pk}/lich-su/").status_code == 200
    assert not SelfAssessment.objects.filter(start_year=2025).exists()
