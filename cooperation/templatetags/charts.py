"""Charts drawn on the server as SVG: bar tables and the world map. No script, no inline style."""

import functools
import xml.etree.ElementTree as ET

from django import template
from django.contrib.staticfiles import finders
from django.utils.html import escape

register = template.Library()

WORLD_SVG = "vendor/svg-maps-world/world.svg"
SVG_NS = "{http://www.w3.org/2000/svg}"
# Light to dark blue; every shade keeps the country borders visible on white.
SHADES = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
NO_DATA = "#e6e6e6"
THRESHOLDS = (1, 2, 4, 8, 16)


@register.inclusion_tag("cooperation/_bar_table.html")
def bar_table(rows, caption, label_heading, count_heading):
    """A table of (label, count[, url]) rows whose last column draws each count as a bar."""
    rows = [tuple(row) + (None,) * (3 - len(row)) for row in rows]
    top = max((row[1] for row in rows), default=0)
    bars = [
        {"label": label, "count": count, "url": url, "percent": _percent(count, top)}
        for label, count, url in rows
    ]
    return {
        "rows": bars,
        "caption": caption,
        "label_heading": label_heading,
        "count_heading": count_heading,
    }


def _percent(count: int, top: int) -> str:
    if not top or not count:
        return "0"
    return f"{max(count * 100 / top, 1):.1f}"


def shade(count: int) -> str:
    if not count:
        return NO_DATA
    index = sum(1 for t in THRESHOLDS if count >= t) - 1
    return SHADES[index]


def legend(top: int) -> list[dict]:
    """The map's legend: one entry per shade used up to *top*."""
    entries = []
    for index, low in enumerate(THRESHOLDS):
        if low > max(top, 1):
            break
        high = THRESHOLDS[index + 1] - 1 if index + 1 < len(THRESHOLDS) else None
        entries.append({"color": SHADES[index], "low": low, "high": high})
    return entries


@functools.cache
def _world() -> tuple[str, list[tuple[str, str, str]]]:
    with open(finders.find(WORLD_SVG), encoding="utf-8") as handle:
        root = ET.parse(handle).getroot()  # noqa: S314 (a vendored file, not user input)
    shapes = [
        (path.get("id", ""), path.get("aria-label", ""), path.get("d", ""))
        for path in root.iter(f"{SVG_NS}path")
    ]
    return root.get("viewBox", "0 0 1010 666"), shapes


def render_world_map(counts: dict[str, int], title: str) -> str:
    """The world as SVG with each country filled by its number of activities (ISO alpha-2 keys)."""
    view_box, shapes = _world()
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" role="img">',
        f"<title>{escape(title)}</title>",
    ]
    for code, name, d in shapes:
        count = counts.get(code.upper(), 0)
        label = f"{name}: {count}" if count else name
        parts.append(
            f'<path d="{d}" fill="{shade(count)}" stroke="#ffffff" stroke-width="0.3">'
            f"<title>{escape(label)}</title></path>"
        )
    parts.append("</svg>")
    return "".join(parts)
