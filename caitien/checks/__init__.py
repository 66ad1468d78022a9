"""The plan checker: rules a careful reviewer at the Phòng GDĐT applies to an improvement plan.

`run_checks(doc, context=...)` judges a plan document (an imported file or a saved plan) and
returns findings; `RULES` documents every rule; `budget_totals(doc)` serves the exports.

The names are imported on first use: this package is an installed app, so Django imports it at
every start (every `caitien` command), and most commands never run the checker.
"""

from importlib import import_module

_WHERE = {
    "budget_totals": "caitien.checks.budget",
    "CheckContext": "caitien.checks.engine",
    "Finding": "caitien.checks.engine",
    "run_checks": "caitien.checks.engine",
    "RULES": "caitien.checks.rules",
    "Rule": "caitien.checks.rules",
}

__all__ = ["RULES", "CheckContext", "Finding", "Rule", "budget_totals", "run_checks"]


def __getattr__(name):
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'caitien.checks' has no attribute {name!r}")
