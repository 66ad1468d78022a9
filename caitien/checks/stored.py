"""Findings of saved plans, stored per plan and keyed by a content signature.

Running the checker costs a tenth of a second or more per plan; building the plan's document and
hashing it costs a few small queries. So `stored_findings` hashes what the findings depend on and
runs the checker only when that hash differs from the stored one: any change to the plan, its rows,
its self-assessment, the checker's code or the catalog files gives a new signature. An upsert keeps two
requests checking the same plan at once from colliding.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from functools import cache
from pathlib import Path

from caitien.checks.engine import CheckContext, Finding


@cache
def _code_fingerprint() -> str:
    """The checker's source and the catalog's data: a new release or catalog recomputes everything."""
    from caitien.catalog import registry

    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")) + sorted(registry.DATA_DIR.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def signature(document, context: CheckContext | None, extra: dict) -> str:
    payload = json.dumps(
        {
            "code": _code_fingerprint(),
            "document": document.to_dict(),
            "context": asdict(context) if context is not None else None,
            "extra": extra,
        },
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def stored_findings(plan_id: int, sig: str, compute: Callable[[], list[Finding]]) -> list[Finding]:
    """The findings stored for `plan_id` under `sig`, else `compute()`'s, stored."""
    from caitien.checks.models import StoredFindings

    row = next(
        iter(StoredFindings.objects.filter(plan_id=plan_id).values_list("signature", "findings")), None
    )
    if row and row[0] == sig:
        return [Finding(**f) for f in row[1]]
    findings = list(compute())
    StoredFindings.objects.bulk_create(
        [StoredFindings(plan_id=plan_id, signature=sig, findings=[f.to_dict() for f in findings])],
        update_conflicts=True,
        unique_fields=["plan"],
        update_fields=["signature", "findings", "computed_at"],
    )
    return findings
