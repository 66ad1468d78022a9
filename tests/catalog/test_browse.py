"""The public catalog pages: regulation → standard → criterion → indicators, and the search."""

import re
import unicodedata

import pytest
from django.urls import reverse

from caitien.catalog import registry
from caitien.catalog.models import Criterion, Level4Requirement
from caitien.text import fold

INDEX = reverse("catalog:index")


def _text(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _codes(response) -> list[tuple[str, str]]:
    """(regulation slug, criterion code) of every criterion link on the page, in order."""
    return re.findall(r'href="/danh-muc/([\w-]+)/tieu-chi/([\d.]+)/"', response.content.decode())


def test_index_needs_no_login_and_lists_every_regulation_with_its_doubts(client, catalog):
    response = client.get(INDEX)
    assert response.status_code == 200
    text = _text(response)
    for reg in registry.regulations():
        assert reg.label in text
        assert reverse("catalog:regulation", args=[reg.slug]) in response.content.decode()
    assert text.count("Chưa đối chiếu văn bản gốc") == sum(not r.verified for r in registry.regulations())
    assert registry.get("tt17-2018").verification_note in text
    # A note that itself begins with the warning is not shown twice.
    assert "số, ngày và tên thông tư được nhiều nguồn độc lập nêu thống nhất" in text.lower()
    assert "Tiểu học" in text and "tieu_hoc" not in text  # level names, not codes


def test_search_ignores_diacritics(client, catalog):
    folded = _codes(client.get(INDEX, {"q": "co so vat chat"}))
    accented = _codes(client.get(INDEX, {"q": "Cơ sở vật chất"}))
    assert folded == accented
    # Thông tư 57/2026 names criterion 4.1 after it; the 2018 standard 3 carries it in its name.
    assert ("tt57-2026-pl2", "4.1") in folded
    assert ("tt17-2018", "3.6") in folded
    # Nothing that does not mention it.
    assert ("tt17-2018", "1.2") not in folded


def test_a_phrase_finds_the_criteria_holding_it(client, catalog):
    found = _codes(client.get(INDEX, {"q": "thu vien", "vb": "tt17-2018"}))
    assert ("tt17-2018", "3.6") in found
    for slug, code in found:
        assert slug == "tt17-2018"
        c = Criterion.objects.select_related("standard").get(standard__regulation__slug=slug, code=code)
        assert "thu vien" in c.search_text or "thu vien" in fold(c.standard.name)


def test_words_in_any_order_when_no_criterion_holds_the_phrase(client, catalog):
    found = _codes(client.get(INDEX, {"q": "chat vat so co", "vb": "tt57-2026-pl2"}))
    assert ("tt57-2026-pl2", "4.1") in found
    for slug, code in found:
        c = Criterion.objects.select_related("standard").get(standard__regulation__slug=slug, code=code)
        assert all(w in c.search_text + " " + fold(c.standard.name) for w in ["chat", "vat", "so", "co"])


def test_a_code_finds_exactly_that_criterion(client, catalog):
    found = _codes(client.get(INDEX, {"q": "1.10"}))
    assert sorted(found) == [("tt17-2018", "1.10"), ("tt18-2018", "1.10"), ("tt19-2018", "1.10")]


def test_search_results_name_their_regulation_and_its_doubts(client, catalog):
    response = client.get(INDEX, {"q": "thu vien", "vb": "tt17-2018"})
    text = _text(response)
    assert "Thông tư 17/2018/TT-BGDĐT" in text
    assert "Chưa đối chiếu văn bản gốc" in text
    assert "Tiêu chí 3.6: Thư viện" in text


def test_nothing_found_says_what_to_try(client, catalog):
    text = _text(client.get(INDEX, {"q": "khong co tu nay xyz"}))
    assert "Không tìm thấy tiêu chí nào" in text
    assert "Hãy thử" in text


def test_an_unknown_regulation_filter_searches_everything(client, catalog):
    assert _codes(client.get(INDEX, {"q": "1.10", "vb": "khong-co"})) == _codes(
        client.get(INDEX, {"q": "1.10"})
    )


def test_htmx_gets_only_the_results(client, catalog):
    response = client.get(INDEX, {"q": "thu vien"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]
    # A history restore from htmx needs the whole page back.
    full = client.get(
        INDEX, {"q": "thu vien"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in full.content.decode()


def test_the_plain_form_works_without_javascript(client, catalog):
    html = client.get(INDEX).content.decode()
    form = re.search(r'<form method="get" action="/danh-muc/" role="search".*?</form>', html, re.S).group(0)
    assert 'name="q"' in form and 'name="vb"' in form and 'type="submit"' in form
    assert 'hx-get="/danh-muc/"' in form  # and the live search on top of it


def test_search_uses_a_fixed_number_of_queries(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(INDEX, {"q": "giao vien"})
    assert len(_codes(response)) > 10


@pytest.mark.parametrize("slug", [r.slug for r in registry.regulations()])
def test_regulation_page_shows_everything_in_a_fixed_number_of_queries(
    client, catalog, slug, django_assert_max_num_queries
):
    reg = registry.get(slug)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("catalog:regulation", args=[slug]))
    assert response.status_code == 200
    text = _text(response)
    assert reg.level_rules["description"] in text
    assert reg.evidence_code["format"] in text and reg.evidence_code["example"] in text
    for col in reg.plan_form["columns"]:
        assert col["label"] in text
    for std in reg.standards:
        assert f"Tiêu chuẩn {std.number}: {std.name}" in text
    assert [code for _, code in _codes(response)] == [c.code for c in reg.criteria]
    for crit in reg.criteria:
        for level in crit.levels:
            assert f"Mức {level}" in text
        for ind in crit.indicators:
            shown = f"{ind.letter}) {ind.text}" if ind.letter else ind.text
            assert " ".join(shown.split()) in text
        if crit.suggested_evidence:
            assert crit.suggested_evidence in text
        for q in crit.quantitative_indicators:
            assert q in text
    assert text.count("Bắt buộc ") >= len(reg.mandatory_codes)
    assert "Chưa đối chiếu văn bản gốc" in text
    assert reg.verification_note.removeprefix("Chưa đối chiếu văn bản gốc: ")[1:] in text


def test_mandatory_criteria_are_flagged_only_where_they_are(client, catalog):
    html = client.get(reverse("catalog:regulation", args=["tt57-2026-pl2"])).content.decode()
    flagged = re.findall(r'tieu-chi/([\d.]+)/">[^<]*</a> <span class="badge badge-error"[^>]*>Bắt buộc', html)
    assert flagged == list(registry.get("tt57-2026-pl2").mandatory_codes)
    assert len(flagged) == 8
    old = client.get(reverse("catalog:regulation", args=["tt17-2018"])).content.decode()
    assert ">Bắt buộc</span>" not in old


def test_level_4_is_shown_in_vietnamese_and_labelled_as_a_paraphrase(client, catalog):
    for slug in ["tt17-2018", "tt18-2018", "tt19-2018"]:
        reg = registry.get(slug)
        text = _text(client.get(reverse("catalog:regulation", args=[slug])))
        assert "Diễn giải, chưa có nguyên văn" in text
        for item in reg.level4:
            assert item["paraphrase"] in text
            assert item["summary_en"] not in text
        assert reg.raw["level4_note_vi"] in text


def test_no_english_reaches_the_catalog_pages(client, catalog):
    english = re.compile(r"\b(the|and|of|school|students|verbatim|source|not)\b", re.I)
    pages = [
        INDEX,
        reverse("catalog:regulation", args=["tt19-2018"]),
        reverse("catalog:regulation", args=["tt57-2026-pl1"]),
        reverse("catalog:criterion", args=["tt17-2018", "1.1"]),
    ]
    for url in pages:
        text = _text(client.get(url))
        assert not english.findall(text), (url, english.findall(text)[:5])


def test_criterion_page(client, catalog):
    response = client.get(reverse("catalog:criterion", args=["tt17-2018", "1.1"]))
    text = _text(response)
    assert "Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường" in text
    assert "Mức 1" in text and "a) Phù hợp mục tiêu giáo dục" in text
    assert "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường" in text
    assert "Chưa đối chiếu văn bản gốc" in text


def test_unknown_regulation_or_criterion_is_not_found(client, catalog):
    assert client.get(reverse("catalog:regulation", args=["tt99-2030"])).status_code == 404
    assert client.get(reverse("catalog:criterion", args=["tt17-2018", "9.9"])).status_code == 404
    assert client.get(reverse("catalog:criterion", args=["tt17-2018", "1.1x"])).status_code == 404


# --- the data behind the pages --------------------------------------------------------------------------


def test_every_level_4_requirement_has_a_vietnamese_paraphrase():
    for reg in registry.regulations():
        for item in reg.level4:
            text = item.get("paraphrase", "")
            assert text, f"{reg.slug} Mức 4 yêu cầu {item['number']} has no paraphrase"
            assert unicodedata.normalize("NFC", text) == text
            assert not re.search(r"\b(the|and|school|students)\b", text, re.I)
        if reg.level4:
            assert reg.raw.get("level4_note_vi")


def test_catalog_load_stores_the_paraphrases_and_is_idempotent(catalog):
    from caitien.catalog.services import catalog_load

    stored = list(Level4Requirement.objects.filter(regulation__slug="tt17-2018").order_by("number"))
    assert [r.number for r in stored] == [1, 2, 3, 4, 5]
    assert [r.paraphrase for r in stored] == [x["paraphrase"] for x in registry.get("tt17-2018").level4]
    assert all(r.text == "" for r in stored)  # no original wording: nothing pretends to be one
    assert {what for _, what in catalog_load()} == {"unchanged"}
