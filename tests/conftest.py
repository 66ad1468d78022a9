"""The shared test cast: an office pair, one school per level, one person per role."""

from types import SimpleNamespace

import pytest

from caitien.catalog.models import Regulation
from caitien.catalog.services import catalog_load
from caitien.schools.models import Office, Role
from caitien.schools.services import membership_add, office_create, school_create, user_create

PASSWORD = "matkhau-kiemthu-1"


@pytest.fixture
def catalog(db):
    """The regulation catalog in the test database (idempotent, cheap when already there)."""
    catalog_load()
    return {r.slug: r for r in Regulation.objects.all()}


@pytest.fixture
def cast(catalog):
    """Sở → Phòng with three schools (mầm non, tiểu học, THCS), a school of another Phòng, and a user
    per role. Users are named by role: principal, vice, council, monitor, staff, specialist, admin,
    plus other_principal and other_teacher of the other school."""
    so = office_create(
        name="Sở Giáo dục và Đào tạo tỉnh Bình Dương", kind=Office.Kind.SO, place="Thủ Dầu Một"
    )
    phong = office_create(
        name="Phòng Giáo dục và Đào tạo huyện Dầu Tiếng", kind=Office.Kind.PHONG, parent=so, place="Dầu Tiếng"
    )
    phong_other = office_create(
        name="Phòng Giáo dục và Đào tạo huyện Bàu Bàng", kind=Office.Kind.PHONG, parent=so, place="Bàu Bàng"
    )
    tt17, tt18, tt19 = catalog["tt17-2018"], catalog["tt18-2018"], catalog["tt19-2018"]
    primary = school_create(
        name="Trường Tiểu học Hoà Bình",
        level="tieu_hoc",
        office=phong,
        governing_body="UBND huyện Dầu Tiếng",
        place="Định Thành",
        short_code="THHB",
        regulation=tt17,
    )
    preschool = school_create(
        name="Trường Mầm non Hoa Sen",
        level="mam_non",
        office=phong,
        governing_body="UBND huyện Dầu Tiếng",
        place="Định Thành",
        short_code="MNHS",
        regulation=tt19,
    )
    secondary = school_create(
        name="Trường THCS Lê Lợi",
        level="thcs",
        office=phong,
        governing_body="UBND huyện Dầu Tiếng",
        place="Dầu Tiếng",
        short_code="THCSLL",
        regulation=tt18,
    )
    other = school_create(
        name="Trường Tiểu học Lai Uyên",
        level="tieu_hoc",
        office=phong_other,
        governing_body="UBND huyện Bàu Bàng",
        place="Lai Uyên",
        short_code="THLU",
        regulation=tt17,
    )

    def person(username, full_name, role, school=None, office=None):
        u = user_create(username=username, full_name=full_name, password=PASSWORD)
        membership_add(user=u, role=role, school=school, office=office)
        return u

    ns = SimpleNamespace(
        so=so,
        phong=phong,
        phong_other=phong_other,
        primary=primary,
        preschool=preschool,
        secondary=secondary,
        other=other,
        password=PASSWORD,
        principal=person("principal", "Nguyễn Văn An", Role.PRINCIPAL, primary),
        vice=person("vice", "Trần Thị Bình", Role.VICE_PRINCIPAL, primary),
        council=person("council", "Lê Thị Cúc", Role.COUNCIL_MEMBER, primary),
        monitor=person("monitor", "Phạm Văn Dũng", Role.MONITORING_MEMBER, primary),
        staff=person("staff", "Hoàng Thị Em", Role.STAFF, primary),
        specialist=person("specialist", "Võ Văn Phúc", Role.OFFICE_SPECIALIST, office=phong),
        admin=person("admin", "Đặng Quản Trị", Role.SYSTEM_ADMIN),
        other_principal=person("other_principal", "Bùi Văn Giang", Role.PRINCIPAL, other),
        other_teacher=person("other_teacher", "Đỗ Thị Hạnh", Role.STAFF, other),
    )
    return ns
