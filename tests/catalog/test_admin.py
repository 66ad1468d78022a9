"""The catalog in the admin: readable and searchable, never edited there (the data files are the source)."""

import re

import pytest
from django.urls import reverse

from caitien.catalog.models import Criterion, Regulation


@pytest.fixture
def admin_client(client, cast):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    client.force_login(cast.admin)
    return client


def test_regulation_list_and_page_with_its_standards(admin_client, catalog):
    html = admin_client.get(reverse("admin:catalog_regulation_changelist")).content.decode()
    assert "Thông tư 57/2026/TT-BGDĐT, Phụ lục II" in html
    reg = Regulation.objects.get(slug="tt17-2018")
    page = admin_client.get(reverse("admin:catalog_regulation_change", args=[reg.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cơ sở vật chất và thiết bị dạy học" in html  # a standard, inline
    assert reg.level4.first().paraphrase in html
    assert reg.level_rules["description"] in html and "Tiểu học" in html
    assert '"kind"' not in html and "cumulative" not in html  # no raw data
    assert 'name="_save"' not in html  # read-only


def test_criterion_page_shows_its_indicators(admin_client, catalog):
    crit = Criterion.objects.get(standard__regulation__slug="tt17-2018", code="1.1")
    html = admin_client.get(reverse("admin:catalog_criterion_change", args=[crit.pk])).content.decode()
    assert "Được xác định bằng văn bản và cấp có thẩm quyền phê duyệt" in html
    assert 'name="_save"' not in html


def test_criterion_search_ignores_diacritics(admin_client, catalog):
    url = reverse("admin:catalog_criterion_changelist")
    folded = admin_client.get(url, {"q": "thu vien"}).context["cl"].result_list
    accented = admin_client.get(url, {"q": "Thư viện"}).context["cl"].result_list
    assert {c.pk for c in folded} == {c.pk for c in accented}
    assert any(c.code == "3.6" for c in folded)
    filtered = (
        admin_client.get(
            url,
            {"q": "thu vien", "standard__regulation__id__exact": Regulation.objects.get(slug="tt17-2018").pk},
        )
        .context["cl"]
        .result_list
    )
    assert {c.standard.regulation.slug for c in filtered} == {"tt17-2018"}


def test_nobody_adds_changes_or_deletes_catalog_rows_in_the_admin(admin_client, catalog):
    reg = Regulation.objects.get(slug="tt17-2018")
    assert admin_client.get(reverse("admin:catalog_regulation_add")).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:catalog_regulation_delete", args=[reg.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    admin_client.post(reverse("admin:catalog_regulation_change", args=[reg.pk]), {"name": "Đổi tên"})
    reg.refresh_from_db()
    assert reg.name.startswith("Quy định về kiểm định chất lượng giáo dục")


def test_the_admin_is_not_for_school_people(client, cast):
    client.force_login(cast.principal)
    response = client.get(reverse("admin:catalog_regulation_changelist"))
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]


def test_filters_and_labels_read_in_vietnamese(admin_client, catalog):
    html = admin_client.get(reverse("admin:catalog_criterion_changelist")).content.decode()
    titles = re.findall(r'data-filter-title="([^"]+)"', html)
    assert titles == ["văn bản quy định", "bắt buộc"]
    crit = Criterion.objects.get(standard__regulation__slug="tt57-2026-pl2", code="1.3")
    html = admin_client.get(reverse("admin:catalog_criterion_change", args=[crit.pk])).content.decode()
    assert "Tiêu chuẩn 1: Quản trị nhà trường và bảo đảm chất lượng" in html
    assert crit.quantitative_indicators[0] in html
