"""Numbers from queries and forms: ASCII digits within bounds, else None (never an exception)."""

import pytest

from caitien.web.params import MAX_ID, whole_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        ("0", 0),
        ("²", None),
        ("①", None),
        ("٣", None),
        ("-1", None),
        ("4.5", None),
        ("", None),
        (None, None),
        (["1"], None),
        ("1" * 20, None),
        (str(MAX_ID), MAX_ID),
        ("a\x00", None),
    ],
)
def test_whole_number(text, expected):
    assert whole_number(text) == expected


def test_bounds():
    assert whole_number("2025", low=2000, high=2100) == 2025
    assert whole_number("1999", low=2000, high=2100) is None
    assert whole_number("0", low=1) is None


@pytest.mark.parametrize(
    "url",
    [
        "/ke-hoach/?truong=²",
        "/ke-hoach/moi/?truong=²",
        "/de-xuat/?truong=²",
        "/de-xuat/moi/?dong=²",
        "/thong-bao/?trang=²",
        "/tong-quan/?nam=²&phong=²",
        "/co-quan/lich/?nam=²&co-quan=²",
        "/ke-hoach/?truong=100000000000000000000",
    ],
)
def test_unicode_digits_in_a_query_are_ignored_not_a_500(client, cast, url):
    client.raise_request_exception = False
    for user in (cast.principal, cast.specialist):
        client.force_login(user)
        assert client.get(url).status_code < 500, (url, user)


def test_nul_characters_never_reach_a_view(client, cast):
    """PostgreSQL refuses NUL in text: searches and forms with one answered 500 there."""
    client.raise_request_exception = False
    client.force_login(cast.specialist)
    for url in ("/danh-muc/?q=a%00b", "/de-xuat/co-quan/?q=a%00b", "/giai-phap/?q=%00"):
        assert client.get(url).status_code == 200, url
    response = client.generic(
        "POST", "/doi-mat-khau/", b"old_password=a%00b", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
