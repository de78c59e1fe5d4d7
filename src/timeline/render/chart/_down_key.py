"""The down chart's key: each lane's name beside its colour (and, in print, its shape),
then what the marks' shapes mean, drawn upright as the chart draws them.

Which encodings need explaining is the across chart's logic (:func:`legend_items`), run
on one mark of each kind, so a chart of 100,000 events asks about a handful.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from timeline.i18n.phrases import around_phrase
from timeline.i18n.words import words
from timeline.model import Group, Timeline
from timeline.render.chart._down_draw import Columns, fuzzy_date
from timeline.render.chart._down_layout import DownMark, Room
from timeline.render.chart._draw import Painter, blend, marker_path, rgba
from timeline.render.chart._legend import LegendItem, change_item, legend_items
from timeline.render.chart._marks import Changed
from timeline.render.chart._text import Measurer
from timeline.render.chart._theme import LaneStyle, Sizes, Theme
from timeline.render.chart._words import chart_words

__all__ = ["Key"]

_GLYPH = 15.0  # the width of the drawing before an entry's text, at 8 pt


class Key:
    """Lays out and draws the key of one down chart."""

    def __init__(
        self,
        timeline: Timeline,
        lanes: Sequence[Group | None],
        styles: Sequence[LaneStyle],
        theme: Theme,
        sizes: Sizes,
        measurer: Measurer,
        room: Room,
        locale: str,
        *,
        shaped: bool = False,
    ) -> None:
        self.t = timeline
        self.lanes = lanes
        self.styles = styles
        self.theme = theme
        self.sz = sizes
        self.meas = measurer
        self.room = room
        self.locale = locale
        #: Lanes are told apart by shape too (print, or lanes sharing one column).
        self.shaped = shaped or theme.greyscale
        self.big = sizes.label / 8.0
        self.words = words(locale)
        self.cwords = chart_words(locale)
        #: Events whose labels carry a change tag, which the key then explains.
        self.changed: Changed | None = None

    def items(self, marks: Sequence[DownMark] | None) -> list[LegendItem]:
        """The lane key (each lane, in column order), then what the marks' shapes mean:
        only the encodings these marks use, or every one that may appear (``None``)."""
        items = []
        if self.t.groups:
            for i, lane in enumerate(self.lanes):
                items.append(LegendItem(f"lane.{i}", lane.label if lane else self.cwords.other))
        as_of = around_phrase(self.cwords.ongoing, self.t.as_of, short=True, locale=self.locale)
        if marks is None:
            kinds = [
                LegendItem(k, t)
                for k, t in (
                    ("milestone", self.cwords.milestone),
                    ("claimed", self.words.certainty["claimed"]),
                    ("disputed", self.words.certainty["disputed"]),
                    ("approximate", self.cwords.approximate),
                    ("fuzzy", self.cwords.fuzzy),
                    ("ongoing", as_of),
                    ("unknown", self.cwords.unknown_end),
                )
            ]
        else:
            kinds = legend_items(
                [_as_mark(k) for k in _kinds(marks)],
                self.cwords,
                self.words.certainty,
                self.t.as_of,
                locale=self.locale,
            )
        if marks is None:  # every tag may appear
            tagged = list(self.changed.marks) if self.changed is not None else []
        else:
            tagged = [k.event.id for k in marks if k.labelled]
        tags = change_item(tagged, self.changed, self.locale)
        return items + kinds + ([tags] if tags is not None else [])

    def _flow(
        self, items: list[LegendItem], width: float
    ) -> tuple[list[tuple[float, float, str]], float]:
        """Where each key entry starts (offset, and distance below the key's top) and its
        text, lanes first, wrapping as needed; an entry wider than the key on its own has
        its text wrapped. Also the key's height."""
        out = []
        row = self._row()
        pitch = self.meas.box("Ag\nAg", self.sz.legend)[1] - self.meas.box("Ag", self.sz.legend)[1]
        x, top, tallest = 0.0, 0.0, row
        for item in items:
            bold = item.kind.startswith("lane.")
            glyph = _glyph(item) * self.big
            text = item.text
            w = glyph + self.meas.width(text, self.sz.legend, bold)
            lines = 1
            if w > width:
                wrapped = self.meas.wrap(text, max(width - glyph, 1.0), self.sz.legend, bold)
                text, lines, w = "\n".join(wrapped), len(wrapped), width
            if x and x + w > width:
                x, top, tallest = 0.0, top + tallest, row
            out.append((x, top, text))
            tallest = max(tallest, row + (lines - 1) * pitch)
            x += w + 12.0 * self.big
        return out, top + tallest

    def height(self, items: list[LegendItem], width: float) -> float:
        """How tall the key is in ``width``."""
        if not items:
            return 0.0
        return self._flow(items, width)[1]

    def _row(self) -> float:
        return self.meas.box("Ag", self.sz.legend)[1] + 4.0

    def draw(
        self,
        painter: Painter,
        cols: Columns,
        items: list[LegendItem],
        left: float,
        top: float,
        width: float,
    ) -> None:
        """Draw the key from ``top`` down, from ``left`` (a distance from the side text
        starts on): each entry a glyph drawn like the chart's marks, then its text."""
        row_h = self._row()
        places, _ = self._flow(items, width)
        for item, (dx, down, text) in zip(items, places, strict=True):
            u = left + dx
            y = top - down
            is_lane = item.kind.startswith("lane.")
            painter.text(
                cols.x(u + _glyph(item) * self.big),
                y,
                text,
                self.sz.legend,
                bold=is_lane,
                color=self.theme.text if is_lane else self.theme.muted,
                ha=cols.start_ha,
                gid="key.text",
            )
            mid = y - (row_h - 4.0) / 2 - 0.5
            if item.kind != "changes":
                self._glyph(painter, item.kind, cols.x(u + 6.0 * self.big), mid)

    def _glyph(self, painter: Painter, kind: str, x: float, y: float) -> None:
        """One key glyph centred at (``x``, ``y``)."""
        from matplotlib.collections import PolyCollection

        theme, sz = self.theme, self.sz
        ink = theme.muted
        if kind.startswith("lane."):
            style = self.styles[int(kind.split(".")[1])]
            path = marker_path(style.shape if self.shaped else "s")
            painter.collection(
                "key.lane",
                path,
                [(x, y)],
                [sz.marker**2],
                [rgba(style.color)],
                [rgba(style.color)],
                [0.0],
                zorder=3.0,
            )
            return
        if kind in ("milestone", "claimed", "disputed", "approximate"):
            d = sz.milestone if kind == "milestone" else sz.marker
            hollow = kind in ("claimed", "disputed")
            painter.collection(
                f"key.{kind}",
                marker_path("o", kind == "disputed"),
                [(x, y)],
                [d * d],
                [rgba(theme.background) if hollow else rgba(ink)],
                [rgba(ink) if hollow else rgba(theme.background)],
                [1.1 if hollow else 0.5],
                zorder=3.0,
            )
            if kind == "approximate":
                ring = painter.collection(
                    "key.ring",
                    marker_path("o"),
                    [(x, y)],
                    [(d + 4.5) ** 2],
                    [(0.0, 0.0, 0.0, 0.0)],
                    [rgba(ink)],
                    [0.8],
                    zorder=2.9,
                )
                ring.set_linestyle((0, (1.0, 1.3)))
            return
        w = self.room.bar / 2
        top, bottom = y + 5.0 * self.big, y - 5.0 * self.big
        polys, faces = [], []
        if kind == "fuzzy":
            polys.append([(x - w, top), (x + w, top), (x + w, bottom), (x - w, bottom)])
            faces.append(blend(ink, theme.background, 0.32))
        elif kind == "ongoing":
            polys.append([(x - w, top), (x + w, top), (x + w, bottom + 3.0), (x - w, bottom + 3.0)])
            polys.append(
                [(x - w - 0.8, bottom + 3.0), (x + w + 0.8, bottom + 3.0), (x, bottom - 2.0)]
            )
            faces += [rgba(ink), rgba(ink)]
        elif kind == "unknown":
            polys.append([(x - w, top), (x + w, top), (x + w, y), (x - w, y)])
            faces.append(rgba(ink))
            painter.ax.plot(
                [x, x],
                [y, bottom - 1.0],
                color=ink,
                linewidth=1.0,
                linestyle=(0, (1.0, 1.6)),
                gid="key.tail",
            )
        if polys:
            painter.ax.add_collection(
                PolyCollection(
                    polys,
                    facecolors=faces,
                    edgecolors=[rgba(ink)],
                    linewidths=[0.5],
                    zorder=3.0,
                    gid=f"key.{kind}",
                ),
                autolim=False,
            )


def _glyph(item: LegendItem) -> float:
    """The width of the drawing before an entry's text, at 8 pt (none for the change
    tags' entry: its text starts with the tags)."""
    return 0.0 if item.kind == "changes" else _GLYPH


def _kinds(marks: Sequence[DownMark]) -> list[DownMark]:
    """One mark of each kind the key tells apart (a chart of 100,000 events has a handful)."""
    seen: dict[tuple[object, ...], DownMark] = {}
    for k in marks:
        e = k.event
        light = k.bar and (k.solid0 > k.y0 + 0.5 or k.solid1 < k.y1 - 0.5)
        seen.setdefault((e.importance >= 3, e.certainty, fuzzy_date(e), light, k.arrow, k.tail), k)
    return list(seen.values())


def _as_mark(mark: DownMark) -> Any:
    """A down mark as the across chart's key logic reads marks (extent along time)."""
    from timeline.render.chart._geometry import Mark

    return Mark(
        mark.event,
        mark.lane,
        mark.bar,
        mark.y,
        mark.y0,
        mark.y1,
        mark.solid0,
        mark.solid1,
        mark.labelled,
        mark.y1,
        mark.arrow,
        mark.tail,
    )
