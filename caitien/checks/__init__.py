"""The plan checker: rules a careful reviewer at the Phòng GDĐT applies to an improvement plan.

`run_checks(doc, context=...)` judges a plan document (an imported file or a saved plan) and
returns findings; `RULES` documents every rule; `budget_totals(doc)` serves the exports.
"""

from caitien.checks.budget import budget_totals
from caitien.checks.engine import CheckContext, Finding, run_checks
from caitien.checks.rules import RULES, Rule

__all__ = ["RULES", "CheckContext", "Finding", "Rule", "budget_totals", "run_checks"]
