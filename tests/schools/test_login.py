"""Logging in and out, in Vietnamese."""

from django.urls import reverse

LOGIN = reverse("login")
LOGOUT = reverse("logout")


def test_the_login_page_speaks_vietnamese(client, db):
    html = client.get(LOGIN).content.decode()
    assert "<h1>Đăng nhập</h1>" in html
    assert 'for="id_username">Tên đăng nhập' in html and 'for="id_password">Mật khẩu' in html


def test_a_wrong_password_says_so_and_keeps_the_username(client, cast):
    response = client.post(LOGIN, {"username": "principal", "password": "sai-mat-khau"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert 'value="principal"' in html
    assert "_auth_user_id" not in client.session


def test_an_unknown_user_gets_the_same_message(client, cast):
    response = client.post(LOGIN, {"username": "khong-co-ai", "password": cast.password})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_login_goes_home(client, cast):
    response = client.post(LOGIN, {"username": "principal", "password": cast.password})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(cast.principal.pk)


def test_login_goes_back_where_the_person_was(client, cast):
    response = client.post(LOGIN, {"username": "council", "password": cast.password, "next": "/danh-muc/"})
    assert response["Location"] == "/danh-muc/"


def test_login_never_sends_to_another_site(client, cast):
    response = client.post(
        LOGIN, {"username": "council", "password": cast.password, "next": "https://lua-dao.example/"}
    )
    assert response["Location"] == reverse("home")


def test_the_next_page_is_kept_in_the_form(client, db):
    html = client.get(LOGIN, {"next": "/danh-muc/"}).content.decode()
    assert 'name="next" value="/danh-muc/"' in html


def test_a_logged_in_person_is_not_asked_again(client, cast):
    client.force_login(cast.staff)
    assert client.get(LOGIN)["Location"] == reverse("home")


def test_logout_is_a_post(client, cast):
    client.force_login(cast.staff)
    assert client.get(LOGOUT).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(LOGOUT)
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_every_page_offers_logout_as_a_form(client, cast):
    client.force_login(cast.staff)
    html = client.get(reverse("catalog:index")).content.decode()
    assert f'<form method="post" action="{LOGOUT}"' in html and "Đăng xuất" in html
    client.post(LOGOUT)
    html = client.get(reverse("catalog:index")).content.decode()
    assert "Đăng nhập" in html and "Đăng xuất" not in html
