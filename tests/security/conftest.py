"""Plans at each step for the security tests (the rows of tests/plans, the cast of tests/conftest)."""

import datetime

import pytest

from caitien.plans import services
from tests.plans.conftest import make_plan


@pytest.fixture
def draft(cast):
    return make_plan(cast.primary, cast.principal)


@pytest.fixture
def published(cast):
    plan = make_plan(cast.primary, cast.principal)
    plan = services.plan_submit(plan=plan, actor=cast.vice)
    plan = services.plan_approve(
        plan=plan, actor=cast.principal, number="45/KH-THHB", date=datetime.date(2025, 9, 20), signer="An"
    )
    return services.plan_publish(plan=plan, actor=cast.principal)
