"""Charts drawn on the server as SVG: no JavaScript, no library, nothing fetched by the browser.

Each function returns markup ready for a template (every text is escaped here): an <svg> with a
<title> and a <desc> for screen readers; colours come from classes styled in app.css. The page
keeps the table each chart summarises, so nothing is only in the picture.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import mark_safe

ROW = 22  # px per bar
LABEL = 230  # px for the labels on the left
WIDTH = 720


def _svg(title: str, desc: str, height: int, body: list[str], css: str) -> str:
    return mark_safe(
        f'<svg class="chart {css}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{''.join(body)}</svg>"
    )


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _money(vnd: int) -> str:
    if vnd >= 10**9:
        return f"{vnd / 10**9:.1f} tỷ".replace(".", ",")
    if vnd >= 10**6:
        return f"{round(vnd / 10**6):,} triệu".replace(",", ".")
    return f"{vnd:,} đồng".replace(",", ".")


def percent_bars(title: str, bars: list[tuple[str, float | None]]) -> str:
    """One bar per label: a share from 0 to 1 (None: no figure, drawn as a dash)."""
    span = WIDTH - LABEL - 60
    body = []
    for i, (label, share) in enumerate(bars):
        y = i * ROW + 4
        body.append(
            f'<text class="chart-label" x="{LABEL - 6}" y="{y + 14}" text-anchor="end">{escape(_short(label))}</text>'
        )
        body.append(f'<rect class="chart-track" x="{LABEL}" y="{y}" width="{span}" height="{ROW - 6}"/>')
        if share is None:
            body.append(f'<text class="chart-value" x="{LABEL + 6}" y="{y + 14}">—</text>')
            continue
        width = max(0.0, min(1.0, share)) * span
        body.append(f'<rect class="chart-bar" x="{LABEL}" y="{y}" width="{width:.1f}" height="{ROW - 6}"/>')
        body.append(
            f'<text class="chart-value" x="{LABEL + span + 6}" y="{y + 14}">{round(share * 100)}%</text>'
        )
    desc = "; ".join(f"{label}: {'—' if s is None else f'{round(s * 100)}%'}" for label, s in bars)
    return _svg(title, desc, max(ROW, len(bars) * ROW + 8), body, "chart-percent")


def paired_money_bars(title: str, rows: list[tuple[str, int, int]], first: str, second: str) -> str:
    """Two bars per label (for example planned and spent), in đồng, on one scale."""
    top = max([1, *(max(a, b) for _l, a, b in rows)])
    span = WIDTH - LABEL - 110
    body = [
        f'<rect class="chart-bar" x="{LABEL}" y="4" width="12" height="12"/>'
        f'<text class="chart-legend" x="{LABEL + 18}" y="15">{escape(first)}</text>'
        f'<rect class="chart-bar-2" x="{LABEL + 150}" y="4" width="12" height="12"/>'
        f'<text class="chart-legend" x="{LABEL + 168}" y="15">{escape(second)}</text>'
    ]
    for i, (label, a, b) in enumerate(rows):
        y = 26 + i * (ROW * 2)
        body.append(
            f'<text class="chart-label" x="{LABEL - 6}" y="{y + 20}" text-anchor="end">{escape(_short(label))}</text>'
        )
        for j, (cls, value) in enumerate((("chart-bar", a), ("chart-bar-2", b))):
            yy = y + j * (ROW - 4)
            body.append(
                f'<rect class="{cls}" x="{LABEL}" y="{yy}" width="{value / top * span:.1f}" height="{ROW - 8}"/>'
            )
            body.append(
                f'<text class="chart-value" x="{LABEL + value / top * span + 6:.1f}" y="{yy + 12}">{escape(_money(value))}</text>'
            )
    desc = "; ".join(f"{label}: {first} {_money(a)}, {second} {_money(b)}" for label, a, b in rows)
    return _svg(title, desc, 30 + len(rows) * ROW * 2, body, "chart-money")


def stacked_bars(title: str, rows: list[tuple[str, list[int]]], legend: list[str]) -> str:
    """One bar per label split in segments (counts), each segment a class chart-seg-<n>."""
    span = WIDTH - LABEL - 60
    body = []
    for n, name in enumerate(legend):
        x = LABEL + n * 120
        body.append(
            f'<rect class="chart-seg-{n}" x="{x}" y="4" width="12" height="12"/>'
            f'<text class="chart-legend" x="{x + 18}" y="15">{escape(name)}</text>'
        )
    for i, (label, counts) in enumerate(rows):
        y = 26 + i * ROW
        total = sum(counts) or 1
        body.append(
            f'<text class="chart-label" x="{LABEL - 6}" y="{y + 14}" text-anchor="end">{escape(_short(label))}</text>'
        )
        x = float(LABEL)
        for n, count in enumerate(counts):
            w = count / total * span
            if w > 0:
                body.append(
                    f'<rect class="chart-seg-{n}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{ROW - 6}">'
                    f"<title>{escape(label)} — {escape(legend[n])}: {count}</title></rect>"
                )
            x += w
        body.append(f'<text class="chart-value" x="{LABEL + span + 6}" y="{y + 14}">{sum(counts)}</text>')
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{legend[n]} {c}" for n, c in enumerate(counts)) for label, counts in rows
    )
    return _svg(title, desc, 30 + len(rows) * ROW, body, "chart-stacked")
