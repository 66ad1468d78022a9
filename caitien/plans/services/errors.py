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
