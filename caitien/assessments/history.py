"""Each criterion's level over the school years, and the school's, from the school's
self-assessments (kept year after year), with a small chart drawn on the server as SVG (the style
of caitien/dashboards/charts.py: no JavaScript, a <title> and <desc> for screen readers, colours
from app.css classes; the page keeps the figures as text beside it)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe

from caitien.assessments.models import CriterionAssessment, SelfAssessment


@dataclass
class Trend:
    label: str
    points: list[tuple[int, int]]  # (school year's first year, level)
    max_level: int

    @property
    def change(self) -> int:
        return self.points[-1][1] - self.points[0][1] if len(self.points) > 1 else 0


def _year(y: int) -> str:
    return f"{y}-{y + 1}"


def school_trend(school, regulation=None) -> Trend:
    """The school's level each year (under the school's regulation, or the one given)."""
    regulation = regulation or school.regulation
    rows = (
        SelfAssessment.objects.filter(school=school, regulation=regulation)
        .order_by("start_year")
        .values_list("start_year", "school_level_reached")
    )
    return Trend("Mức đạt của trường", list(rows), _max_level(regulation))


def criterion_trends(school, regulation=None) -> dict[str, Trend]:
    """{criterion code: its level each year}, in the regulation's order, in one query."""
    regulation = regulation or school.regulation
    out: dict[str, Trend] = {}
    top = _max_level(regulation)
    rows = (
        CriterionAssessment.objects.filter(
            self_assessment__school=school, self_assessment__regulation=regulation
        )
        .order_by("criterion__standard__number", "criterion__position", "self_assessment__start_year")
        .values_list("criterion__code", "criterion__name", "self_assessment__start_year", "level_reached")
    )
    for code, name, year, level in rows:
        trend = out.setdefault(code, Trend(f"Tiêu chí {code}: {name}", [], top))
        trend.points.append((year, level))
    return out


def _max_level(regulation) -> int:
    from caitien.assessments import levels

    return max(1, levels.max_criterion_level(regulation))


def trend_svg(trend: Trend, *, small: bool = False) -> str:
    """A line of the level per school year: years along the bottom, Mức 0 … Mức max up the side.
    Sized so that the 12px labels stay readable on a phone (the chart is shown near its own size)."""
    width, height = (220, 96) if small else (400, 180)
    left, right, top, bottom = 46, 10, 10, 24
    inset = 34  # the first and last years' labels are centred on their points: keep them inside
    span_x, span_y = width - left - right - 2 * inset, height - top - bottom
    n = len(trend.points)
    body = []
    shown_levels = (0, trend.max_level) if small else range(trend.max_level + 1)
    for level in range(trend.max_level + 1):
        y = top + span_y - span_y * level / trend.max_level
        body.append(f'<line class="chart-grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>')
        if level in shown_levels:
            body.append(
                f'<text class="chart-label" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">Mức {level}</text>'
            )

    def x_of(i: int) -> float:
        return left + inset + (span_x / 2 if n == 1 else span_x * i / (n - 1))

    coords = []
    for i, (year, level) in enumerate(trend.points):
        x = x_of(i)
        y = top + span_y - span_y * level / trend.max_level
        coords.append(f"{x:.1f},{y:.1f}")
        body.append(f'<circle class="chart-dot" cx="{x:.1f}" cy="{y:.1f}" r="4"/>')
        body.append(
            f'<text class="chart-value" x="{x:.1f}" y="{height - 6}" text-anchor="middle">{_year(year)}</text>'
        )
    if n > 1:
        body.insert(0, f'<polyline class="chart-line" fill="none" points="{" ".join(coords)}"/>')
    desc = "; ".join(f"năm học {_year(y)}: Mức {lv}" for y, lv in trend.points) or "chưa có tự đánh giá"
    title = escape(trend.label)
    return mark_safe(
        f'<svg class="chart chart-trend{" chart-small" if small else ""}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{title}</title><desc>{escape(desc)}</desc>{''.join(body)}</svg>"
    )
