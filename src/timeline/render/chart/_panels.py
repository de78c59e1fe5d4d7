"""Detail panels: the highlighted span on the main axis, the funnel joining it to its panel,
the panel's frame and the words of its caption."""

from __future__ import annotations

from timeline.dates import Date, EndKind, Precision, When
from timeline.i18n.phrases import when_phrase
from timeline.model import Timeline
from timeline.render.chart._draw import Painter, blend, rgba

__all__ = ["PANEL_PAD", "draw_frame", "draw_funnel", "span_phrase"]

#: Room inside a panel's frame, points.
PANEL_PAD = 8.0


def draw_funnel(
    painter: Painter,
    lanes_top: float,
    axis_y: float,
    labels_bottom: float,
    panel_top: float,
    hx0: float,
    hx1: float,
    px0: float,
    px1: float,
) -> None:
    """The highlighted span on the main axis and its funnel down to a detail panel.

    The funnel starts under the axis labels (``labels_bottom``), and the connectors stop at
    the axis line and go on below the labels: they never cross an axis label, so no label
    needs to make way for them.
    """
    from matplotlib.collections import LineCollection, PolyCollection

    theme, ax = painter.theme, painter.ax
    fill = blend(theme.highlight, theme.background, 0.9)
    ax.add_collection(
        PolyCollection(
            [
                [(hx0, axis_y), (hx1, axis_y), (hx1, lanes_top), (hx0, lanes_top)],
                [
                    (hx0, labels_bottom),
                    (hx1, labels_bottom),
                    (px1, panel_top),
                    (px0, panel_top),
                ],
            ],
            facecolors=[fill, fill],
            edgecolors="none",
            zorder=0.7,
            gid="detail.highlight",
        ),
        autolim=False,
    )
    edge = rgba(theme.connector)
    ax.add_collection(
        LineCollection(
            [
                [(hx0, lanes_top), (hx0, axis_y)],
                [(hx1, lanes_top), (hx1, axis_y)],
                [(hx0, labels_bottom), (px0, panel_top)],
                [(hx1, labels_bottom), (px1, panel_top)],
            ],
            colors=[edge],
            linewidths=[0.6 * painter.sz.k],
            zorder=0.9,
            gid="detail.connectors",
        ),
        autolim=False,
    )


def draw_frame(
    painter: Painter, name: str, x0: float, x1: float, top: float, bottom: float, caption: str
) -> None:
    """The detail panel's frame and its caption."""
    from matplotlib.collections import PolyCollection

    theme, sz = painter.theme, painter.sz
    painter.ax.add_collection(
        PolyCollection(
            [[(x0, bottom), (x1, bottom), (x1, top), (x0, top)]],
            facecolors=[blend(theme.highlight, theme.background, 0.35)],
            edgecolors=[rgba(theme.connector)],
            linewidths=[0.6 * sz.k],
            zorder=0.2,
            gid=f"{name}.frame",
        ),
        autolim=False,
    )
    painter.text(
        x0 + PANEL_PAD * sz.k,
        top - 4.0 * sz.k,
        caption,
        sz.panel,
        bold=True,
        gid=f"{name}.caption",
    )


def span_phrase(t: Timeline, lo: float, hi: float, locale: str) -> str:
    """The days (or, under two days, the times) a detail panel covers, as words."""
    from datetime import datetime

    a = datetime.fromtimestamp(lo, t.tz)
    b = datetime.fromtimestamp(hi - 1, t.tz)  # the last instant shown
    if hi - lo >= 2 * 86400:
        start = Date(a.year, a.month, a.day, precision=Precision.DAY)
        end = Date(b.year, b.month, b.day, precision=Precision.DAY)
    else:
        start = Date(a.year, a.month, a.day, a.hour, a.minute, precision=Precision.MINUTE)
        end = Date(b.year, b.month, b.day, b.hour, b.minute, precision=Precision.MINUTE)
    return when_phrase(When(start, end, EndKind.DATE), short=True, locale=locale)
