"""Posted counts are bounded: a form count of 400,000 builds a bounded number of forms and is refused."""

from caitien.imports.models import PendingImport
from caitien.plans.documents import plan_to_document
from caitien.plans.limits import MAX_ROWS


def test_an_import_preview_with_a_huge_row_count_is_refused_in_vietnamese(client, cast, draft):
    pending = PendingImport.objects.create(
        school=cast.primary,
        user=cast.principal,
        filename="ke-hoach.docx",
        size=1000,
        status=PendingImport.Status.READY,
        document=plan_to_document(draft).to_dict(),
    )
    client.force_login(cast.principal)
    response = client.post(
        f"/nhap/{pending.pk}/luu/",
        {"items-TOTAL_FORMS": "400000", "items-INITIAL_FORMS": "0", "header-title": "Kế hoạch"},
    )
    assert response.status_code == 422
    formset = response.context["formset"]
    assert len(formset.forms) <= MAX_ROWS
    text = response.content.decode()
    assert f"Một kế hoạch có nhiều nhất {MAX_ROWS} dòng" in text
    for odd in ("²", "-1", "100000000000000000000", "x"):
        answer = client.post(
            f"/nhap/{pending.pk}/luu/", {"items-TOTAL_FORMS": odd, "items-INITIAL_FORMS": odd}
        )
        assert answer.status_code in (302, 422), (odd, answer.status_code)
    assert PendingImport.objects.filter(pk=pending.pk).exists()  # nothing saved is lost


def test_a_huge_table_count_on_the_plan_sections_is_bounded(client, cast, draft):
    client.force_login(cast.principal)
    response = client.post(
        f"/ke-hoach/{draft.pk}/noi-dung/",
        {"priority_issues-count": "400000", "monitoring-count": "²", "revision": str(draft.revision)},
    )
    assert response.status_code < 500
