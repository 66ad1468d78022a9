"""Default section texts: the right circular and guidance for each level, the school's name, NFC."""

import unicodedata

import pytest

from caitien.catalog import registry
from caitien.planfile.defaults import default_sections, period_phrase


def _sections(slug, level, start=2025, end=2026):
    return default_sections(
        registry.get(slug), level, school_name="Trường Mẫu Thử", start_year=start, end_year=end
    )


@pytest.mark.parametrize(
    ("slug", "level", "circular", "kind", "guidance"),
    [
        ("tt17-2018", "tieu_hoc", "17/2018/TT-BGDĐT", "đối với trường tiểu học", "5932/BGDĐT-QLCL"),
        (
            "tt18-2018",
            "thcs",
            "18/2018/TT-BGDĐT",
            "trường trung học cơ sở, trường trung học phổ thông",
            "5932/BGDĐT-QLCL",
        ),
        ("tt18-2018", "thpt", "18/2018/TT-BGDĐT", "trường phổ thông có nhiều cấp học", "5932/BGDĐT-QLCL"),
        (
            "tt18-2018",
            "nhieu_cap",
            "18/2018/TT-BGDĐT",
            "trường phổ thông có nhiều cấp học",
            "5932/BGDĐT-QLCL",
        ),
        ("tt19-2018", "mam_non", "19/2018/TT-BGDĐT", "đối với trường mầm non", "5942/BGDĐT-QLCL"),
    ],
)
def test_the_2018_legal_bases_cite_the_level_s_circular_its_amendment_and_guidance(
    slug, level, circular, kind, guidance
):
    s = _sections(slug, level)
    assert set(s) == {"purposes", "legal_bases", "organisation"}
    bases = s["legal_bases"]
    assert f"Thông tư số {circular} ngày 22/8/2018" in bases
    assert kind in bases
    assert "Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2024" in bases
    assert f"Công văn số {guidance} ngày 28/12/2018" in bases
    other = "5942/BGDĐT-QLCL" if guidance.startswith("5932") else "5932/BGDĐT-QLCL"
    assert other not in bases
    assert "57/2026" not in bases
    assert "Trường Mẫu Thử" in bases
    assert "năm học 2025 - 2026" in bases


@pytest.mark.parametrize(
    ("slug", "level"),
    [("tt57-2026-pl2", "tieu_hoc"), ("tt57-2026-pl2", "thpt"), ("tt57-2026-pl1", "mam_non")],
)
def test_the_57_form_has_its_own_sections_and_cites_the_new_circular(slug, level):
    s = _sections(slug, level)
    assert set(s) == {"general_info", "legal_bases", "purposes", "organisation", "review_mechanism"}
    assert "Thông tư số 57/2026/TT-BGDĐT ngày 07/7/2026" in s["legal_bases"]
    assert "17/2018" not in s["legal_bases"] and "5932" not in s["legal_bases"]
    assert registry.SCHOOL_LEVELS[level] in s["general_info"]
    assert "cuối học kỳ I và cuối năm học" in s["purposes"]
    assert "Cuối học kỳ I" in s["review_mechanism"]


def test_preschool_texts_speak_of_children_and_their_parents():
    text = "\n".join(_sections("tt19-2018", "mam_non").values())
    assert "cha mẹ trẻ" in text and "nuôi dưỡng, chăm sóc, giáo dục trẻ" in text
    assert "học sinh" not in text
    school = "\n".join(_sections("tt17-2018", "tieu_hoc").values())
    assert "cha mẹ học sinh" in school


def test_every_default_text_is_nfc_and_has_no_empty_paragraph():
    for reg in registry.regulations():
        for level in reg.school_levels:
            for text in _sections(reg.slug, level).values():
                assert unicodedata.normalize("NFC", text) == text
                assert all(line.strip() for line in text.split("\n"))


def test_a_multi_year_plan_is_a_phase():
    assert period_phrase(2022, 2027) == "giai đoạn 2022 - 2027"
    assert period_phrase(2025, 2026) == "năm học 2025 - 2026"
    s = _sections("tt17-2018", "tieu_hoc", 2022, 2027)
    assert "giai đoạn 2022 - 2027" in s["legal_bases"]
    assert "năm học 2021 - 2022" in s["legal_bases"]  # last year's results


def test_the_default_closing_names_the_plan_and_the_school():
    from caitien.planfile.defaults import default_closing

    text = default_closing("Trường Mẫu Thử", 2025, 2026)
    assert text.startswith(
        "Trên đây là Kế hoạch cải tiến chất lượng giáo dục năm học 2025 - 2026 của Trường Mẫu Thử."
    )
