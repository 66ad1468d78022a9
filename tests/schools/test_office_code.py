"""Offices have a unique short code, made from their kind and place when none is given."""

import pytest
from django.core.exceptions import ValidationError

from caitien.schools.models import Office, office_code_for
from caitien.schools.services import office_create


def test_code_is_made_from_kind_and_place_and_kept_unique(db):
    assert office_code_for("phong", "Gò Dầu") == "PGD-GODAU"
    assert office_code_for("so", "Tây Ninh") == "SO-TAYNINH"
    so = office_create(name="Sở Giáo dục và Đào tạo tỉnh Tây Ninh", kind=Office.Kind.SO, place="Tây Ninh")
    a = office_create(name="Phòng GDĐT huyện Gò Dầu", kind=Office.Kind.PHONG, parent=so, place="Gò Dầu")
    b = office_create(name="Phòng GDĐT huyện Gò Dầu (cũ)", kind=Office.Kind.PHONG, parent=so, place="Gò Dầu")
    assert (so.code, a.code, b.code) == ("SO-TAYNINH", "PGD-GODAU", "PGD-GODAU-2")
    given = office_create(name="Phòng GDĐT thị xã Trảng Bàng", kind=Office.Kind.PHONG, code="pgd-tb")
    assert given.code == "PGD-TB"


def test_a_code_with_diacritics_or_spaces_is_refused_in_vietnamese(db):
    office = Office(name="Phòng GDĐT huyện Bến Cầu", kind=Office.Kind.PHONG, code="PGD BẾN CẦU")
    with pytest.raises(ValidationError) as exc:
        office.full_clean()
    assert "Mã cơ quan chưa đúng dạng" in str(exc.value)
