"""The level rules over the real catalog: every branch of both kinds."""

import dataclasses

import pytest

from caitien.assessments import levels
from caitien.catalog import registry

TT17 = registry.get("tt17-2018")
TT57 = registry.get("tt57-2026-pl2")


def all_met(criterion, up_to):
    return {lv: [True] * len(criterion.indicators_at(lv)) for lv in criterion.levels if lv <= up_to}


def everyone_at(reg, level):
    return {c.code: min(level, max(c.levels)) for c in reg.criteria}


# --- criterion_level -------------------------------------------------------------------------


def test_criterion_with_every_indicator_met_reaches_its_top_level():
    c = TT17.criterion("1.1")
    assert levels.criterion_level(all_met(c, 3), c) == 3


def test_criterion_with_nothing_answered_is_level_0():
    assert levels.criterion_level({}, TT17.criterion("1.1")) == 0


def test_one_unmet_indicator_of_level_1_keeps_the_criterion_at_0_even_with_higher_levels_met():
    c = TT17.criterion("1.1")
    answers = all_met(c, 3)
    answers[1][-1] = False
    assert levels.criterion_level(answers, c) == 0


def test_level_2_met_without_level_3_gives_level_2():
    c = TT17.criterion("1.1")
    assert levels.criterion_level(all_met(c, 2), c) == 2


def test_a_missing_answer_counts_as_not_met():
    c = TT17.criterion("1.1")
    answers = all_met(c, 3)
    answers[1] = answers[1][:-1]  # the last Mức 1 indicator not answered
    assert levels.criterion_level(answers, c) == 0


def test_criterion_without_level_3_indicators_tops_at_2():
    c = TT17.criterion("1.2")
    assert 3 not in c.levels
    assert levels.criterion_level(all_met(c, 3), c) == 2


def test_57_criterion_reaches_level_2_only_on_top_of_level_1():
    c = TT57.criterion("1.1")
    assert levels.criterion_level(all_met(c, 2), c) == 2
    only_two = {2: [True] * len(c.indicators_at(2))}
    assert levels.criterion_level(only_two, c) == 0


# --- cumulative (2018) -----------------------------------------------------------------------


def test_cumulative_school_at_3_when_every_criterion_is_at_its_top():
    assert levels.school_level(everyone_at(TT17, 3), TT17) == 3


def test_cumulative_criteria_without_level_3_do_not_block_level_3():
    no_three = [c.code for c in TT17.criteria if 3 not in c.levels]
    assert no_three, "the 2018 catalog has criteria without Mức 3 requirements"
    got = everyone_at(TT17, 3)
    assert all(got[code] == 2 for code in no_three)
    assert levels.school_level(got, TT17) == 3


def test_cumulative_one_criterion_with_level_3_requirement_at_2_keeps_school_at_2():
    got = everyone_at(TT17, 3)
    got["1.1"] = 2
    assert levels.school_level(got, TT17) == 2


def test_cumulative_one_criterion_at_0_keeps_school_at_0():
    got = everyone_at(TT17, 3)
    got["5.4"] = 0
    assert levels.school_level(got, TT17) == 0


def test_cumulative_one_criterion_at_1_gives_school_1():
    got = everyone_at(TT17, 2)
    got["2.1"] = 1
    assert levels.school_level(got, TT17) == 1


def test_cumulative_missing_criterion_counts_as_0():
    got = everyone_at(TT17, 3)
    del got["3.1"]
    assert levels.school_level(got, TT17) == 0


def test_cumulative_never_reports_level_4():
    assert TT17.level_rules["max_level"] == 4
    assert levels.school_level(everyone_at(TT17, 4), TT17) == 3


@pytest.mark.parametrize("slug", ["tt17-2018", "tt18-2018", "tt19-2018"])
def test_every_2018_regulation_is_cumulative_and_reaches_2(slug):
    reg = registry.get(slug)
    assert levels.school_level(everyone_at(reg, 2), reg) == 2


# --- mandatory_plus (57/2026) ----------------------------------------------------------------


def levels_57(mandatory, others):
    """Mandatory criteria at `mandatory`; the others at the levels listed (in catalog order)."""
    codes = [c.code for c in TT57.criteria if not c.mandatory]
    out = {code: mandatory for code in TT57.mandatory_codes}
    out.update(dict(zip(codes, others, strict=True)))
    return out


def test_57_has_8_mandatory_and_7_other_criteria():
    assert len(TT57.mandatory_codes) == 8 and len(TT57.criteria) == 15
    assert TT57.level_rules["min_other"] == 5


def test_57_all_at_2_is_level_2():
    assert levels.school_level(levels_57(2, [2] * 7), TT57) == 2


def test_57_level_2_with_exactly_5_others_at_2_and_the_rest_at_1():
    assert levels.school_level(levels_57(2, [2, 2, 2, 2, 2, 1, 1]), TT57) == 2


def test_57_level_2_refused_when_one_other_is_below_1():
    assert levels.school_level(levels_57(2, [2, 2, 2, 2, 2, 2, 0]), TT57) == 1


def test_57_only_4_others_at_2_gives_level_1():
    assert levels.school_level(levels_57(2, [2, 2, 2, 2, 1, 1, 1]), TT57) == 1


def test_57_one_mandatory_at_1_caps_at_level_1():
    got = levels_57(2, [2] * 7)
    got[TT57.mandatory_codes[0]] = 1
    assert levels.school_level(got, TT57) == 1


def test_57_level_1_with_5_others_at_1_and_2_below():
    assert levels.school_level(levels_57(1, [1, 1, 1, 1, 1, 0, 0]), TT57) == 1


def test_57_only_4_others_at_1_is_not_level_1():
    assert levels.school_level(levels_57(1, [1, 1, 1, 1, 0, 0, 0]), TT57) == 0


def test_57_one_mandatory_at_0_is_not_level_1():
    got = levels_57(2, [2] * 7)
    got[TT57.mandatory_codes[-1]] = 0
    assert levels.school_level(got, TT57) == 0


@pytest.mark.parametrize("slug", ["tt57-2026-pl1", "tt57-2026-pl3"])
def test_other_57_appendices_follow_the_same_rule(slug):
    reg = registry.get(slug)
    got = {c.code: 2 for c in reg.criteria}
    assert levels.school_level(got, reg) == 2


# --- errors and labels -----------------------------------------------------------------------


def test_unknown_kind_is_a_clear_error():
    odd = dataclasses.replace(TT17, level_rules={"kind": "weighted"})
    with pytest.raises(levels.LevelRulesError, match="weighted"):
        levels.school_level({}, odd)


def test_mandatory_plus_without_min_other_is_a_clear_error():
    odd = dataclasses.replace(TT57, level_rules={"kind": "mandatory_plus"})
    with pytest.raises(levels.LevelRulesError, match="min_other"):
        levels.school_level({}, odd)


def test_labels():
    assert levels.level_label(0) == "Chưa đạt Mức 1"
    assert levels.level_label(2) == "Mức 2"
    assert levels.max_criterion_level(TT17) == 3
    assert levels.max_criterion_level(TT57) == 2


def test_database_regulation_is_accepted(catalog):
    assert levels.school_level(everyone_at(TT57, 2), catalog["tt57-2026-pl2"]) == 2
