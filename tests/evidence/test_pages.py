"""The register pages: list, add with a file, edit, delete, downloads only for those allowed."""

import pytest
from django.urls import reverse

from caitien.catalog.models import Criterion
from caitien.evidence.models import EvidenceItem
from caitien.evidence.services import ItemFields, file_add, item_create
from tests.evidence.conftest import pdf_bytes, png_bytes, upload


def _criterion(school, code):
    return Criterion.objects.get(standard__regulation=school.regulation, code=code)


def _item(cast, code="1.1", public=False, name="Quyết định thành lập Hội đồng tự đánh giá", also=()):
    criteria = [_criterion(cast.primary, code), *(_criterion(cast.primary, c) for c in also)]
    return item_create(
        school=cast.primary,
        school_year=2025,
        regulation=cast.primary.regulation,
        criteria=criteria,
        fields=ItemFields(name=name, public=public),
        actor=cast.principal,
    )


def _register(client, cast, year=2025):
    return client.get(reverse("evidence:register"), {"truong": cast.primary.pk, "nam": year})


def test_the_register_groups_items_by_standard_and_criterion(client, cast, media):
    shared = _item(cast, "1.1", also=("2.1",))
    client.force_login(cast.council)
    page = _register(client, cast).content.decode()
    assert "Tiêu chuẩn 1:" in page and "Tiêu chí 2.1" in page
    assert page.count(shared.code) >= 2  # under 1.1, and listed as shared under 2.1
    assert "dùng chung, mã theo tiêu chí 1.1" in page


def test_a_council_member_adds_an_item_with_a_file(client, cast, media):
    client.force_login(cast.council)
    criterion = _criterion(cast.primary, "1.2")
    also = _criterion(cast.primary, "3.1")
    response = client.post(
        reverse("evidence:new") + f"?truong={cast.primary.pk}&nam=2025",
        {
            "name": "Biên bản họp Hội đồng",
            "criterion": str(criterion.pk),
            "also": [str(also.pk)],
            "number_date": "Số 12/BB-THHB ngày 10/9/2025",
            "issued_on": "10/09/2025",
            "issuer": "Trường Tiểu học Hoà Bình",
            "file": upload("bien-ban.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 302
    item = EvidenceItem.objects.get()
    assert item.code == "[H1-1.2-01]"
    assert [link.criterion.code for link in item.criterion_links.all()] == ["1.2", "3.1"]
    assert item.files.get().content_type == "application/pdf"


def test_a_refused_file_keeps_what_was_typed(client, cast, media):
    client.force_login(cast.principal)
    response = client.post(
        reverse("evidence:new") + f"?truong={cast.primary.pk}&nam=2025",
        {"name": "Ảnh lớp học", "criterion": "", "file": upload("anh.png", b"not an image at all")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "không phải PDF" in page
    assert "Ảnh lớp học" in page
    assert not EvidenceItem.objects.exists()


def test_edit_keeps_the_code_and_delete_removes(client, cast, media):
    item = _item(cast)
    client.force_login(cast.vice)
    other = _criterion(cast.primary, "4.1")
    response = client.post(
        reverse("evidence:edit", args=[item.pk]), {"name": "Tên mới", "criterion": str(other.pk)}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == "Tên mới" and item.code == "[H1-1.1-01]"
    response = client.post(reverse("evidence:delete", args=[item.pk]))
    assert response.status_code == 302
    assert not EvidenceItem.objects.exists()


def test_staff_and_the_office_read_but_do_not_edit(client, cast, media):
    item = _item(cast)
    for user in (cast.staff, cast.specialist, cast.monitor):
        client.force_login(user)
        assert _register(client, cast).status_code == 200
        assert client.get(reverse("evidence:edit", args=[item.pk])).status_code == 403
        assert client.post(reverse("evidence:delete", args=[item.pk])).status_code == 403
    client.force_login(cast.other_teacher)
    assert _register(client, cast).status_code == 403


def test_files_are_served_only_to_those_allowed(client, cast, media):
    private = _item(cast)
    public = _item(cast, "1.2", public=True, name="Ảnh hoạt động ngoại khóa")
    private_file = file_add(item=private, uploaded_file=upload("qd.pdf", pdf_bytes()), actor=cast.principal)
    public_file = file_add(item=public, uploaded_file=upload("anh.png", png_bytes()), actor=cast.principal)
    # Anonymous: public file and thumbnail only; a private file is answered as a missing one.
    assert client.get(reverse("evidence:file", args=[private_file.pk])).status_code == 404
    assert client.get(reverse("evidence:item", args=[private.pk])).status_code == 404
    response = client.get(reverse("evidence:file", args=[public_file.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == public_file.file.open("rb").read()
    thumb = client.get(reverse("evidence:thumbnail", args=[public_file.pk]))
    assert thumb.status_code == 200
    # The school's staff read private files.
    client.force_login(cast.staff)
    response = client.get(reverse("evidence:file", args=[private_file.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Another school's teacher does not.
    client.force_login(cast.other_teacher)
    assert client.get(reverse("evidence:file", args=[private_file.pk])).status_code == 404
    # The stored file is not under a guessable public URL of the upload's name.
    assert "qd.pdf" not in private_file.file.name


def test_odd_query_values_get_a_message_not_an_error(client, cast, media):
    client.force_login(cast.principal)
    response = client.get(reverse("evidence:register"), {"truong": cast.primary.pk, "nam": "abc'; drop"})
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()
    assert client.get(reverse("evidence:register"), {"truong": "999999"}).status_code == 404
    assert (
        client.get(reverse("evidence:download", args=["pdf"]), {"truong": cast.primary.pk}).status_code == 404
    )


@pytest.mark.parametrize("count", [3, 12])
def test_the_register_page_runs_in_a_constant_number_of_queries(
    client, cast, media, count, django_assert_max_num_queries
):
    codes = ["1.1", "1.2", "2.1", "3.1"]
    for n in range(count):
        item = _item(cast, codes[n % 4], name=f"Minh chứng {n}", also=(codes[(n + 1) % 4],))
        file_add(item=item, uploaded_file=upload(f"a{n}.png", png_bytes()), actor=cast.principal)
    client.force_login(cast.council)
    with django_assert_max_num_queries(16):
        response = _register(client, cast)
    assert response.status_code == 200
    assert response.content.decode().count('class="evidence-thumb"') == count


def test_an_empty_register_says_how_to_start_instead_of_listing_every_criterion(client, cast, media):
    client.force_login(cast.principal)
    page = _register(client, cast).content.decode()
    assert 'id="evidence-empty"' in page and "Bấm “Thêm minh chứng”" in page
    assert "Chưa có minh chứng." not in page and "Tiêu chí 1.1:" not in page
    client.force_login(cast.staff)
    page = _register(client, cast).content.decode()
    assert "Khi Hội đồng tự đánh giá ghi minh chứng" in page and "Bấm “Thêm minh chứng”" not in page
    _item(cast, "1.1")
    page = _register(client, cast).content.decode()
    assert 'id="evidence-empty"' not in page and "Tiêu chí 1.1:" in page
