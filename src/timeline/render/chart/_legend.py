"""The key under the title: how the chart draws certainty and imprecise dates.

Only the encodings the chart actually uses are explained. Each entry is drawn with the same
shapes as the chart (a hollow marker, a light span, a dotted ring, an arrow) in a neutral
colour; lane colours are named by the lane headers themselves. A dense chart adds the
shades of its strips, each with the range of events per slice it stands for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from timeline.dates import Date
from timeline.i18n.phrases import around_phrase
from timeline.i18n.words import number, words
from timeline.model import Certainty
from timeline.render.chart._dense import level_of, shade
from timeline.render.chart._draw import Painter, _fuzzy, blend, marker_path, rgba
from timeline.render.chart._geometry import Mark
from timeline.render.chart._marks import Changed
from timeline.render.chart._text import Measurer
from timeline.render.chart._theme import Sizes
from timeline.render.chart._words import ChartWords

__all__ = ["LegendItem", "change_item", "draw_legend", "legend_height", "legend_items"]

_GLYPH = 18.0  # width of the drawing before each entry's text
_SHADE = 11.0  # the same, for a shade of a dense strip
_ROW = 13.0


@dataclass(frozen=True, slots=True)
class LegendItem:
    #: milestone, claimed, disputed, approximate, fuzzy, ongoing, unknown; in a dense
    #: chart, density (the heading of the shades) and shade.0, shade.1, ...; changes (what
    #: the NEW and UPDATED tags of labels mean: text only)
    kind: str
    text: str


def legend_items(
    marks: Iterable[Mark],
    chart_words: ChartWords,
    certainty: dict[str, str],
    as_of: Date,
    *,
    merged: Iterable[Mark] = (),
    most: int = 0,
    locale: str = "en",
    changed: Changed | None = None,
) -> list[LegendItem]:
    """The entries the chart needs, in a fixed order.

    ``marks`` are drawn one by one; ``merged`` are bars merged in a dense region (they show
    imprecise spans, arrows and tails, but not certainty); ``most`` is the most events a
    slice of a dense strip holds (0: no strips). With ``changed``, an entry says what the
    change tags of the labelled marks mean, when any has one.
    """
    seen: set[str] = set()
    for mark in merged:
        if mark.solid0 > mark.x0 + 0.5 or mark.solid1 < mark.x1 - 0.5:
            seen.add("fuzzy")
        if mark.arrow:
            seen.add("ongoing")
        if mark.tail:
            seen.add("unknown")
    for mark in marks:
        e = mark.event
        if e.is_milestone:
            seen.add("milestone")
        if e.certainty is Certainty.CLAIMED:
            seen.add("claimed")
        if e.certainty is Certainty.DISPUTED:
            seen.add("disputed")
        if _fuzzy(mark):
            seen.add("approximate")
        if mark.bar and (mark.solid0 > mark.x0 + 0.5 or mark.solid1 < mark.x1 - 0.5):
            seen.add("fuzzy")
        if mark.arrow:
            seen.add("ongoing")
        if mark.tail:
            seen.add("unknown")
    texts = {
        "milestone": chart_words.milestone,
        "claimed": certainty["claimed"],
        "disputed": certainty["disputed"],
        "approximate": chart_words.approximate,
        "fuzzy": chart_words.fuzzy,
        "ongoing": around_phrase(chart_words.ongoing, as_of, short=True, locale=locale),
        "unknown": chart_words.unknown_end,
    }
    items = [LegendItem(k, texts[k]) for k in texts if k in seen]
    tags = change_item((m.event.id for m in marks if m.labelled), changed, locale)
    if tags is not None:
        items.append(tags)
    if most:
        items.append(LegendItem("density", chart_words.density))
        top = level_of(most)
        for level in range(top + 1):
            lo = 10**level
            hi = most if level == top else 10 ** (level + 1) - 1
            text = number(lo, locale) if lo == hi else f"{number(lo, locale)}–{number(hi, locale)}"
            items.append(LegendItem(f"shade.{level}", text))
    return items


def change_item(ids: Iterable[str], changed: Changed | None, locale: str) -> LegendItem | None:
    """The key entry for the change tags the labels of events ``ids`` carry ("NEW,
    UPDATED: What changed since HEAD~3 (26 November 2024)"); None when none carries one."""
    if changed is None or not changed.marks:
        return None
    kinds = {changed.marks.get(i) for i in ids}
    shown = [k for k in ("new", "updated") if k in kinds]
    if not shown:
        return None
    w = words(locale)
    tags = w.comma.join(w.change[k].upper() for k in shown)
    since = w.changes_since.format(changed.since)
    if not w.changes_since.startswith("{"):  # a heading elsewhere; here it follows a colon
        since = since[0].lower() + since[1:]
    return LegendItem("changes", f"{tags}{w.colon}{since}")


def _glyph(item: LegendItem) -> float:
    """The width of the drawing before an entry's text."""
    if item.kind in ("density", "changes"):
        return 0.0
    return _SHADE if item.kind.startswith("shade.") else _GLYPH


def _flow(
    measurer: Measurer, sz: Sizes, items: list[LegendItem], width: float
) -> list[tuple[float, int]]:
    """Where each entry starts: (x offset, row), wrapping onto new rows as needed. The
    shades follow their heading closely and wrap with it, as one entry."""
    k = sz.k
    widths = [_glyph(item) * k + measurer.width(item.text, sz.legend) for item in items]
    out = []
    x, row = 0.0, 0
    for i, item in enumerate(items):
        w = widths[i]
        if item.kind.startswith("shade."):
            x -= 8.0 * k
        elif item.kind == "density":
            w = sum(widths[i:]) + 6.0 * k * (len(items) - i - 1)  # the heading and its shades
        if x and x + w > width and not item.kind.startswith("shade."):
            x, row = 0.0, row + 1
        out.append((x, row))
        x += widths[i] + 14.0 * k
    return out


def legend_height(measurer: Measurer, sz: Sizes, items: list[LegendItem], width: float) -> float:
    """The height the key takes at ``width``."""
    if not items:
        return 0.0
    rows = 1 + max(r for _, r in _flow(measurer, sz, items, width))
    return rows * _ROW * sz.k


def draw_legend(
    painter: Painter, items: list[LegendItem], left: float, top: float, width: float
) -> None:
    """Draw the entries from ``top`` down, starting at ``left``."""
    from matplotlib.collections import LineCollection, PolyCollection

    theme, sz = painter.theme, painter.sz
    k = sz.k
    ink = theme.muted
    flow = _flow(painter.measurer, sz, items, width)
    polys: list[list[tuple[float, float]]] = []
    faces: list[tuple[float, float, float, float]] = []
    edges: list[tuple[float, float, float, float]] = []
    lines: list[list[tuple[float, float]]] = []
    shades = sum(1 for item in items if item.kind.startswith("shade."))
    for item, (dx, row) in zip(items, flow, strict=True):
        x = left + dx
        y = top - row * _ROW * k - 5.5 * k  # the glyphs' middle line
        painter.text(
            x + _glyph(item) * k,
            top - row * _ROW * k,
            item.text,
            sz.legend,
            color=theme.muted,
            gid="legend.text",
        )
        if item.kind.startswith("shade."):
            level = int(item.kind.split(".")[1])
            h = sz.marker / 2
            polys.append([(x, y - h), (x + 8.0 * k, y - h), (x + 8.0 * k, y + h), (x, y + h)])
            faces.append(blend(ink, theme.background, shade(level, shades)))
            edges.append(faces[-1])  # the strips have no outline either
            continue
        if item.kind in ("density", "changes"):
            continue
        cx = x + 7.0 * k
        d = sz.marker
        if item.kind in ("milestone", "claimed", "disputed", "approximate"):
            size = sz.milestone if item.kind == "milestone" else d
            hollow = item.kind in ("claimed", "disputed")
            painter.collection(
                f"legend.{item.kind}",
                marker_path("o", item.kind == "disputed"),
                [(cx, y)],
                [size * size],
                [rgba(theme.background) if hollow else rgba(ink)],
                [rgba(ink) if hollow else rgba(theme.background)],
                [(1.1 if hollow else 0.5) * k],
                zorder=3.0,
            )
            if item.kind == "approximate":
                ring = painter.collection(
                    "legend.ring",
                    marker_path("o"),
                    [(cx, y)],
                    [(d + 4.5 * k) ** 2],
                    [(0.0, 0.0, 0.0, 0.0)],
                    [rgba(ink)],
                    [0.8 * k],
                    zorder=2.9,
                )
                ring.set_linestyle((0, (1.0, 1.3)))
            continue
        h = sz.bar / 2
        x0, x1 = x, x + (_GLYPH - 5.0) * k
        if item.kind == "fuzzy":
            polys.append([(x0, y - h), (x1, y - h), (x1, y + h), (x0, y + h)])
            faces.append(blend(ink, theme.background, 0.32))
            edges.append(rgba(ink))
        elif item.kind == "ongoing":
            a = x1 - 4.0 * k
            polys.append([(x0, y - h), (a, y - h), (a, y + h), (x0, y + h)])
            faces.append(rgba(ink))
            polys.append([(a, y - h - 0.5 * k), (x1 + 1.0 * k, y), (a, y + h + 0.5 * k)])
            faces.append(rgba(ink))
            edges += [rgba(ink), rgba(ink)]
        elif item.kind == "unknown":
            a = x0 + 5.0 * k
            polys.append([(x0, y - h), (a, y - h), (a, y + h), (x0, y + h)])
            faces.append(rgba(ink))
            edges.append(rgba(ink))
            lines.append([(a, y), (x1 + 1.0 * k, y)])
    if polys:
        painter.ax.add_collection(
            PolyCollection(
                polys,
                facecolors=faces,
                edgecolors=edges,
                linewidths=[0.5 * k] * len(polys),
                zorder=3.0,
                gid="legend.bars",
            ),
            autolim=False,
        )
    if lines:
        painter.ax.add_collection(
            LineCollection(
                lines,
                colors=[rgba(ink)],
                linewidths=[1.0 * k],
                linestyles=[(0, (1.0, 1.6))],
                zorder=3.0,
                gid="legend.tails",
            ),
            autolim=False,
        )
