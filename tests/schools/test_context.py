"""Every page says where the user works and which school year it is."""

import pytest

from caitien.schools.models import Role
from caitien.schools.services import membership_add


def _topbar(client, user, password):
    client.login(username=user.username, password=password)
    html = client.get("/ke-hoach/").content.decode()
    return html[html.index('class="context"') : html.index("</div>", html.index('class="context"'))]


@pytest.mark.django_db
def test_a_school_user_sees_the_school_and_the_year(client, cast):
    bar = _topbar(client, cast.council, cast.password)
    assert "Trường Tiểu học Hoà Bình" in bar and "Năm học" in bar


@pytest.mark.django_db
def test_an_office_specialist_sees_the_office(client, cast):
    bar = _topbar(client, cast.specialist, cast.password)
    assert "Phòng Giáo dục và Đào tạo huyện Dầu Tiếng" in bar


@pytest.mark.django_db
def test_someone_in_two_schools_sees_both(client, cast):
    membership_add(user=cast.vice, role=Role.COUNCIL_MEMBER, school=cast.secondary)
    bar = _topbar(client, cast.vice, cast.password)
    assert "Trường Tiểu học Hoà Bình" in bar and "Trường THCS Lê Lợi" in bar
