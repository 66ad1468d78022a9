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
    regs = list(Regulation.objects.annotate(
        n_standards=Count("standards", distinct=True), n_criteria=Count("standards__criteria", distinct=True)
    ))
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
            Prefetch("standards", queryset=Standard.objects.order_by("number").prefetch_related(
                Prefetch("criteria", queryset=criteria))),
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
    """Criteria whose name or indicators (or whose standard's name) hold every word of the query,
    ignoring diacritics and case: "co so vat chat" finds "Cơ sở vật chất". A code such as "1.10"
    matches that code exactly. Whole-phrase matches come first. Grouped by regulation."""
    words = fold(query).split()
    if not words:
        return []
    standards = Standard.objects.all()
    if regulation_slug:
        standards = standards.filter(regulation__slug=regulation_slug)
    standards = list(standards)
    condition = Q()
    for word in words:
        if CODE.match(word):
            condition &= Q(code=word)
        else:
            # Standards are few: fold their names here rather than keep another folded column.
            in_standard = [s.pk for s in standards if word in fold(s.name)]
            condition &= Q(search_text__contains=word) | Q(standard_id__in=in_standard)
    if regulation_slug:
        condition &= Q(standard__in=[s.pk for s in standards])
    found = (
        Criterion.objects.filter(condition)
        .select_related("standard__regulation")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("level", "position")))
        .order_by("standard__regulation__issued", "standard__regulation__slug", "standard__number", "position")
    )[:MAX_RESULTS]
    phrase = " ".join(words)
    ordered = sorted(found, key=lambda c: phrase not in c.search_text)  # stable: keeps catalog order
    groups: dict[int, SearchGroup] = {}
    for c in ordered:
        reg = c.standard.regulation
        groups.setdefault(reg.pk, SearchGroup(regulation=reg)).criteria.append(c)
    return sorted(groups.values(), key=lambda g: (str(g.regulation.issued), g.regulation.slug))
