"""Small helpers for self-assessment tests: answer every indicator of a criterion."""

from caitien.assessments import services


def answer_up_to(ca, level, actor, met_above=False):
    """Tick every indicator of `ca` up to `level` as met, the rest as `met_above`."""
    for ind in ca.criterion.indicators.order_by("level", "position"):
        services.indicator_result_set(
            assessment=ca, indicator=ind, met=ind.level <= level or met_above, actor=actor
        )
    ca.refresh_from_db()
    return ca
