"""Reads of the regulation catalog for the browse pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from caitien.catalog.models import Criterion, Indicator, Regulation, Standard
from caitien.catalog.registry import SCHOOL_LEVELS
from caitien.text import fold

CODE = re.compile(r"^\d+\.\d+$")
MAX_RESULTS = 60


def regulation_list() -> list[Regulation]:
    """Every regulation with its counts, oldest first."""
    regs = list(
        Regulation.objects.annotate(
            n_standards=Count("standards", distinct=True),
            n_criteria=Count("standards__criteria", distinct=True),
        )
    )
    for r in regs:
        r.level_names = _level_names(r)
    return regs


def _level_names(regulation: Regulation) -> list[str]:
    return [SCHOOL_LEVELS.get(x, x) for x in regulation.school_levels]


def regulation_detail(slug: str) -> Regulation:
    """One regulation with standards → criteria → indicators and its Mức 4 requirements, in a fixed
    number of queries however large it is."""
    criteria = Criterion.objects.order_by("position").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("level", "position"))
    )
    reg = get_object_or_404(
        Regulation.objects.prefetch_related(
            Prefetch(
                "standards",
                queryset=Standard.objects.order_by("number").prefetch_related(
                    Prefetch("criteria", queryset=criteria)
                ),
            ),
            "level4",
        ),
        slug=slug,
    )
    reg.level_names = _level_names(reg)
    reg.mandatory_count = sum(c.mandatory for s in reg.standards.all() for c in s.criteria.all())
    return reg


def criterion_detail(slug: str, code: str) -> Criterion:
    return get_object_or_404(
        Criterion.objects.select_related("standard__regulation").prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("level", "position"))
        ),
        standard__regulation__slug=slug,
        code=code,
    )


def level4_note(regulation: Regulation) -> str:
    """The Vietnamese note on how far the Mức 4 list can be trusted (kept in the data file)."""
    try:
        return regulation.registry.raw.get("level4_note_vi", "")
    except KeyError:
        return ""


def indicator_levels(criterion: Criterion) -> list[tuple[int, list[Indicator]]]:
    """[(level, indicators)] in level order, from the prefetched indicators."""
    levels: dict[int, list[Indicator]] = {}
    for ind in criterion.indicators.all():
        levels.setdefault(ind.level, []).append(ind)
    return sorted(levels.items())


@dataclass
class SearchGroup:
    regulation: Regulation
    criteria: list[Criterion] = field(default_factory=list)


def criterion_search(query: str, *, regulation_slug: str = "") -> list[SearchGroup]:
    """Criteria matching the query, ignoring diacritics and case ("co so vat chat" finds "Cơ sở vật
    chất"), grouped by regulation in catalog order. Criteria whose name or indicators (or whose
    standard's name) hold the whole phrase are the answer; when none do, those holding every word
    of it. A code such as "1.10" matches that code exactly."""
    words = fold(query).split()
    if not words:
        return []
    standards = Standard.objects.all()
    if regulation_slug:
        standards = standards.filter(regulation__slug=regulation_slug)
    # Standards are few: fold their names here rather than keep another folded column.
    standard_names = {s.pk: fold(s.name) for s in standards}
    scope = Q(standard__in=list(standard_names)) if regulation_slug else Q()

    def holding(text: str) -> Q:
        if CODE.match(text):
            return Q(code=text)
        in_standard = [pk for pk, name in standard_names.items() if text in name]
        return Q(search_text__contains=text) | Q(standard_id__in=in_standard)

    found = _criteria(scope & holding(" ".join(words))) if len(words) > 1 else []
    if not found:
        every = Q()
        for word in words:
            every &= holding(word)
        found = _criteria(scope & every)
    groups: dict[int, SearchGroup] = {}
    for c in found:
        reg = c.standard.regulation
        groups.setdefault(reg.pk, SearchGroup(regulation=reg)).criteria.append(c)
    return list(groups.values())


def _criteria(condition: Q) -> list[Criterion]:
    return list(
        Criterion.objects.filter(condition)
        .select_related("standard__regulation")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("level", "position")))
        .order_by(
            "standard__regulation__issued", "standard__regulation__slug", "standard__number", "position"
        )[:MAX_RESULTS]
    )
