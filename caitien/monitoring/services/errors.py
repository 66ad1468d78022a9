class MonitoringError(ValueError):
    """A step that cannot be taken; the message (Vietnamese) says why."""


class EditConflict(MonitoringError):
    """Someone else saved first; `current` holds what they saved."""

    def __init__(self, message: str, *, current=None):
        super().__init__(message)
        self.current = current
