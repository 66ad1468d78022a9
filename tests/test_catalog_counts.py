import json

import pytest
from django.core.management import call_command

from caitien.catalog import registry

EXPECTED = {
    # slug: (code, appendix, standards, criteria, mandatory, per standard)
    "tt17-2018": ("17/2018/TT-BGDĐT", "", 5, 27, 0, [10, 4, 6, 2, 5]),
    "tt18-2018": ("18/2018/TT-BGDĐT", "", 5, 28, 0, [10, 4, 6, 2, 6]),
    "tt19-2018": ("19/2018/TT-BGDĐT", "", 5, 25, 0, [10, 3, 6, 2, 4]),
    "tt57-2026-pl1": ("57/2026/TT-BGDĐT", "Phụ lục I", 4, 15, 8, [4, 3, 5, 3]),
    "tt57-2026-pl2": ("57/2026/TT-BGDĐT", "Phụ lục II", 4, 15, 8, [4, 3, 5, 3]),
    "tt57-2026-pl3": ("57/2026/TT-BGDĐT", "Phụ lục III", 4, 15, 8, [4, 3, 5, 3]),
}


def test_it_has_every_regulation_with_its_counts():
    found = {r.slug: r for r in registry.regulations()}
    assert set(found) == set(EXPECTED)
    for slug, (code, appendix, n_std, n_crit, n_mand, per) in EXPECTED.items():
        reg = found[slug]
        assert reg.code == code and reg.appendix == appendix
        assert len(reg.standards) == n_std
        assert len(reg.criteria) == n_crit
        assert sum(c.mandatory for c in reg.criteria) == n_mand
        assert [len(s.criteria) for s in reg.standards] == per


def test_it_marks_57_mandatory_criteria():
    for slug in ("tt57-2026-pl1", "tt57-2026-pl2", "tt57-2026-pl3"):
        assert registry.get(slug).mandatory_codes == ("1.3", "1.4", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2")


def test_catalog_json_command(capsys):
    call_command("catalog", "--json")
    data = json.loads(capsys.readouterr().out)
    regs = data["regulations"]
    assert [r["code"] for r in regs].count("57/2026/TT-BGDĐT") == 3
    by_appendix = {(r["code"], r["appendix"]): r for r in regs}
    tt17 = by_appendix[("17/2018/TT-BGDĐT", None)]
    assert tt17["school_levels"] == ["tieu_hoc"]
    c11 = tt17["standards"][0]["criteria"][0]
    assert c11["code"] == "1.1" and c11["mandatory"] is False and set(c11["levels"]) == {"1", "2", "3"}
    pl2 = by_appendix[("57/2026/TT-BGDĐT", "Phụ lục II")]
    assert set(pl2["school_levels"]) == {"tieu_hoc", "thcs", "thpt", "nhieu_cap"}
    assert sum(c["mandatory"] for s in pl2["standards"] for c in s["criteria"]) == 8
    assert all(set(c["levels"]) == {"1", "2"} for s in pl2["standards"] for c in s["criteria"])


@pytest.mark.django_db
def test_loading_twice_changes_nothing(catalog):
    from caitien.catalog.models import Criterion
    from caitien.catalog.services import catalog_load

    ids = sorted(Criterion.objects.values_list("id", flat=True))
    assert all(what == "unchanged" for _, what in catalog_load())
    assert sorted(Criterion.objects.values_list("id", flat=True)) == ids
    assert Criterion.objects.count() == 27 + 28 + 25 + 15 * 3
