"""A GET to a form's address answers a Vietnamese page, not an empty 405 the browser draws itself."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_get_to_a_form_address_answers_a_vietnamese_page(client):
    response = client.get("/ke-hoach/1/giam-sat/lich/")
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    text = response.content.decode()
    assert "Trang này không mở trực tiếp được" in text
    assert "quay lại trang trước" in text


def test_api_answers_keep_their_own_body(client):
    response = client.get("/api/tasks/1/updates")
    assert response.status_code == 405
    assert "Trang này không mở trực tiếp được" not in response.content.decode()
