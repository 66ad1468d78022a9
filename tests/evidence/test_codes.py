"""Evidence codes made and read from the regulation's data, for both generations of circulars."""

import pytest

from caitien.catalog import registry
from caitien.evidence import codes


@pytest.mark.parametrize("slug", ["tt17-2018", "tt18-2018", "tt19-2018"])
def test_2018_codes_have_one_box_per_standard(slug):
    spec = codes.spec_for(slug)
    assert codes.next_code(spec, "1.1", []) == "[H1-1.1-01]"
    assert codes.next_code(spec, "3.4", ["[H3-3.4-01]", "[H3-3.4-07]", "[H1-1.1-09]"]) == "[H3-3.4-08]"
    assert codes.next_code(spec, "5.10", ["[H5-5.1-02]"]) == "[H5-5.10-01]"
    assert codes.parse_code(spec, "[H2-2.3-12]") == codes.CodeParts(standard=2, criterion=3, number=12, box=2)
    assert codes.normalize(spec, "H1-1.1-01") == "[H1-1.1-01]"
    assert codes.parse_code(spec, "MC.1.1.01") is None


@pytest.mark.parametrize("slug", ["tt57-2026-pl1", "tt57-2026-pl2", "tt57-2026-pl3"])
def test_57_2026_codes(slug):
    spec = codes.spec_for(slug)
    assert codes.next_code(spec, "4.2", ["MC.4.2.01", "MC.4.2.02"]) == "MC.4.2.03"
    assert codes.next_code(spec, None, []) == "MC.0.0.01"
    assert codes.parse_code(spec, "[H1-1.1-01]") is None
    assert codes.next_code(spec, "1.1", ["MC.1.1.99"]) == "MC.1.1.100"


def test_a_box_given_by_the_data_is_used():
    spec = dict(codes.spec_for("tt17-2018"), box=3)
    assert codes.format_code(spec, 1, 2, 4) == "[H3-1.2-04]"


def test_every_regulation_writes_codes_its_own_pattern_accepts():
    import re

    for regulation in registry.regulations():
        spec = regulation.evidence_code
        for criterion in regulation.criteria:
            code = codes.next_code(spec, criterion.code, [])
            assert re.match(spec["pattern"], code), (regulation.slug, code)
            assert codes.find_codes(spec, f"xem {code}.") == [(4, 4 + len(code), code)]


def test_codes_are_found_in_running_text_of_any_format():
    text = "Minh chứng [H1-1.1-01], H2-2.3-04 và MC.1.2.03; không phải XH1-1.1-01, MC.1.2.3 hay H1-1.1-1"
    assert [c for _s, _e, c in codes.find_any_codes(text)] == ["[H1-1.1-01]", "[H2-2.3-04]", "MC.1.2.03"]
