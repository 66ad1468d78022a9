"""School-year arithmetic: a school year runs from September to May."""

import datetime


def current_school_year(today: datetime.date | None = None) -> int:
    """The first calendar year of the school year `today` falls in (August counts as the next year)."""
    today = today or datetime.date.today()
    return today.year if today.month >= 8 else today.year - 1
