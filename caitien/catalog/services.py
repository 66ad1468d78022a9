"""Loading the catalog files into the database."""

import datetime
import hashlib
import json

from django.db import transaction

from caitien.catalog import registry
from caitien.catalog.models import Criterion, Indicator, Level4Requirement, Regulation, Standard
from caitien.text import fold


def _date(value: str):
    try:
        return datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


@transaction.atomic
def catalog_load() -> list[tuple[str, str]]:
    """Create or refresh every regulation from the data files. Idempotent: an unchanged file is
    skipped; a changed one is updated in place so criteria keep their ids (plans point at them)."""
    from caitien.checks.matching import clear_caches

    registry.regulations.cache_clear()
    clear_caches()  # the checker's index of indicator texts is read from the catalog
    done = []
    for reg in registry.regulations():
        digest = hashlib.sha256(json.dumps(reg.raw, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        obj, created = Regulation.objects.get_or_create(
            slug=reg.slug,
            defaults={
                "code": reg.code,
                "short_name": reg.short_name,
                "name": reg.name,
                "generation": reg.generation,
            },
        )
        if not created and obj.data_hash == digest:
            done.append((reg.slug, "unchanged"))
            continue
        for name, value in {
            "code": reg.code,
            "appendix": reg.appendix,
            "short_name": reg.short_name,
            "name": reg.name,
            "issued": _date(reg.issued),
            "generation": reg.generation,
            "school_levels": list(reg.school_levels),
            "verified": reg.verified,
            "verification_note": reg.verification_note,
            "level_rules": reg.level_rules,
            "plan_form": reg.plan_form,
            "evidence_code": reg.evidence_code,
            "data_hash": digest,
        }.items():
            setattr(obj, name, value)
        obj.save()
        for std in reg.standards:
            s, _ = Standard.objects.update_or_create(
                regulation=obj, number=std.number, defaults={"name": std.name}
            )
            for pos, crit in enumerate(std.criteria):
                search = " ".join([crit.code, fold(crit.name), *(fold(i.text) for i in crit.indicators)])
                c, _ = Criterion.objects.update_or_create(
                    standard=s,
                    code=crit.code,
                    defaults={
                        "name": crit.name,
                        "position": pos,
                        "mandatory": crit.mandatory,
                        "suggested_evidence": crit.suggested_evidence,
                        "quantitative_indicators": list(crit.quantitative_indicators),
                        "search_text": search,
                    },
                )
                _sync_indicators(c, crit)
        Level4Requirement.objects.filter(regulation=obj).delete()
        Level4Requirement.objects.bulk_create(
            Level4Requirement(
                regulation=obj,
                number=int(x.get("number") or i + 1),
                text=x.get("text", ""),
                paraphrase=x.get("paraphrase", ""),
            )
            for i, x in enumerate(reg.level4)
        )
        done.append((reg.slug, "created" if created else "updated"))
    return done


def _sync_indicators(criterion: Criterion, data: registry.Criterion) -> None:
    """Indicators keep their ids where level and position stay (self-assessment results point at them)."""
    existing = {(i.level, i.position): i for i in criterion.indicators.all()}
    wanted = set()
    positions: dict[int, int] = {}
    for ind in data.indicators:
        pos = positions.get(ind.level, 0)
        positions[ind.level] = pos + 1
        wanted.add((ind.level, pos))
        obj = existing.get((ind.level, pos))
        if obj is None:
            Indicator.objects.create(
                criterion=criterion, level=ind.level, position=pos, letter=ind.letter, text=ind.text
            )
        elif (obj.letter, obj.text) != (ind.letter, ind.text):
            obj.letter, obj.text = ind.letter, ind.text
            obj.save(update_fields=["letter", "text"])
    stale = [o.pk for key, o in existing.items() if key not in wanted]
    if stale:
        Indicator.objects.filter(pk__in=stale).delete()


def catalog_as_json() -> dict:
    """The form `caitien catalog --json` prints (documented in README.md)."""
    out = []
    for reg in registry.regulations():
        out.append(
            {
                "code": reg.code,
                "slug": reg.slug,
                "appendix": reg.appendix or None,
                "name": reg.name,
                "school_levels": list(reg.school_levels),
                "verified": reg.verified,
                "verification_note": reg.verification_note,
                "level_rules": reg.level_rules,
                "plan_form": reg.plan_form["code"],
                "evidence_code": reg.evidence_code["format"],
                "standards": [
                    {
                        "number": s.number,
                        "name": s.name,
                        "criteria": [
                            {
                                "code": c.code,
                                "name": c.name,
                                "mandatory": c.mandatory,
                                "levels": {
                                    str(lv): [
                                        (f"{i.letter}) " if i.letter else "") + i.text
                                        for i in c.indicators_at(lv)
                                    ]
                                    for lv in c.levels
                                },
                            }
                            for c in s.criteria
                        ],
                    }
                    for s in reg.standards
                ],
            }
        )
    return {"regulations": out}
