"""What the regulation says about monitoring, read from its data file (`"monitoring"` in
caitien/catalog/data/*.json): who reviews, the default review points, the status values of a
review (column (10) of the 57/2026 form), how execution statuses prefill them, and the year-end values.
"""

from __future__ import annotations

from dataclasses import dataclass

MEANINGS = ("not_started", "in_progress", "done", "not_done")


@dataclass(frozen=True)
class StatusValue:
    label: str
    meaning: str  # one of MEANINGS: how the value is counted


@dataclass(frozen=True)
class PointSpec:
    kind: str
    label: str
    month: int
    day: int


def _data(regulation) -> dict:
    reg = regulation.registry if hasattr(regulation, "registry") else regulation
    return reg.raw.get("monitoring") or {}


def status_values(regulation) -> list[StatusValue]:
    return [StatusValue(v["label"], v["meaning"]) for v in _data(regulation).get("status_values", [])]


def status_labels(regulation) -> list[str]:
    return [v.label for v in status_values(regulation)]


def meaning_of(regulation, label: str) -> str | None:
    """The counted meaning of a recorded status; None for a value outside the regulation's set."""
    folded = (label or "").strip().casefold()
    return next((v.meaning for v in status_values(regulation) if v.label.casefold() == folded), None)


def prefill_status(regulation, execution_status: str | None, *, overdue: bool = False) -> str:
    """The status value a review starts from, given the row's execution status."""
    table = _data(regulation).get("prefill", {})
    if overdue and execution_status != "done" and table.get("overdue"):
        return table["overdue"]
    return table.get(execution_status or "not_started", "")


def point_specs(regulation) -> list[PointSpec]:
    return [
        PointSpec(p["kind"], p["label"], int(p["month"]), int(p["day"]))
        for p in _data(regulation).get("review_points", [])
    ]


def reviewer_roles(regulation) -> set[str]:
    return set(_data(regulation).get("reviewers", []))


def closing_values(regulation) -> list[tuple[str, bool]]:
    values = _data(regulation).get("closing_values") or [
        {"label": "Đạt", "achieved": True},
        {"label": "Chưa đạt", "achieved": False},
    ]
    return [(v["label"], bool(v["achieved"])) for v in values]
