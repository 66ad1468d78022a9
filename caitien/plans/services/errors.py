"""What plan services raise when a step cannot be taken; the message (Vietnamese) says why."""

from __future__ import annotations


class PlanError(Exception):
    """A step that cannot be taken; the message (Vietnamese) says why."""


class EditConflict(PlanError):
    """Someone else saved first. `current` is the object as saved now (None when it was deleted)."""

    def __init__(self, message: str, *, current=None, changed: dict | None = None):
        super().__init__(message)
        self.current = current
        self.changed = changed or {}


class PlanNotReady(PlanError):
    """The checker found errors; `findings` lists them."""

    def __init__(self, message: str, *, findings):
        super().__init__(message)
        self.findings = findings


class RowInputError(PlanError):
    """A value typed in one cell that cannot be used (a month like 13/2025, a text past its limit);
    `field` names the cell so the page shows the message beside it. Nothing of the row is saved."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field
