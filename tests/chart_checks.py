"""What a correct chart must satisfy, checked on a drawn Figure (shared by the chart tests).

Every check works on what matplotlib will draw: text extents from the renderer, marker
and bar geometry from the collections, in display units (pixels at the figure's dpi).
"""

from __future__ import annotations

import itertools
import re

import matplotlib
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from timeline.render.chart._text import HINTING


def texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text of the figure."""
    return [
        t
        for t in fig.findobj(lambda a: isinstance(a, Text))
        if isinstance(t, Text) and t.get_text() and t.get_visible()
    ]


def text_boxes(fig: Figure) -> list[tuple[Text, Bbox]]:
    """Every text with its extent, measured as the chart draws text (unhinted), whatever
    the test process's matplotlib settings."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    with matplotlib.rc_context({"text.hinting": HINTING}):
        return [(t, t.get_window_extent(renderer)) for t in texts(fig)]


def event_id(gid: str | None) -> tuple[str, str] | None:
    """``(event id, kind)`` of an event's artist id (``ev:<id>:mark.2`` -> (id, mark))."""
    m = re.fullmatch(r"ev:(.+):(mark|label|date)(?:\.\d+)?", gid or "")
    return (m.group(1), m.group(2)) if m else None


def labelled(fig: Figure) -> dict[str, set[str]]:
    """Event ids with a title label, per region (``main``, ``panel1``...)."""
    out: dict[str, set[str]] = {}
    for t in texts(fig):
        found = event_id(t.get_gid())
        if found and found[1] == "label":
            out.setdefault(t.get_label(), set()).add(found[0])
    return out


def all_labelled(fig: Figure) -> set[str]:
    return set().union(*labelled(fig).values())


def marks(fig: Figure, region: str) -> int:
    """How many event glyphs (markers or bars) ``region`` draws one by one."""
    n = 0
    for coll in fig.findobj(lambda a: isinstance(a, PathCollection | PolyCollection)):
        gid = coll.get_gid() or ""
        found = event_id(gid)
        if found and found[1] == "mark" and coll.get_label() == region:
            n += 1
        elif gid.startswith(f"{region}.events."):
            if isinstance(coll, PathCollection):
                n += len(coll.get_offsets())
            else:
                n += len(coll.get_paths())
    return n


def glyph_boxes(fig: Figure) -> list[tuple[str, Bbox]]:
    """Display boxes of every event marker and bar (merged bars of dense regions too),
    each with its region."""
    ax = fig.axes[0]
    out = []
    for coll in fig.findobj(lambda a: isinstance(a, PathCollection | PolyCollection)):
        gid = coll.get_gid() or ""
        found = event_id(gid)
        if found and found[1] == "mark":
            region = coll.get_label()
        elif ".events." in gid or ".merged." in gid:
            region = gid.split(".")[0]
        else:
            continue
        if isinstance(coll, PathCollection):
            sizes = coll.get_sizes()
            for (x, y), s in zip(coll.get_offsets(), itertools.cycle(sizes), strict=False):
                cx, cy = ax.transData.transform((x, y))
                r = (s**0.5) / 2 * fig.dpi / 72
                out.append((region, Bbox.from_extents(cx - r, cy - r, cx + r, cy + r)))
        else:
            for path in coll.get_paths():
                out.append((region, path.get_extents(ax.transData)))
    return out


def marker_centres(fig: Figure) -> dict[str, list[tuple[float, float, float, str]]]:
    """Every point marker drawn as an artist of its own, per region: (x, y, diameter in
    points, event id)."""
    out: dict[str, list[tuple[float, float, float, str]]] = {}
    for coll in fig.findobj(lambda a: isinstance(a, PathCollection)):
        found = event_id(coll.get_gid())
        if not found or found[1] != "mark":
            continue
        ((x, y),) = coll.get_offsets()
        (s,) = coll.get_sizes()
        out.setdefault(coll.get_label(), []).append((float(x), float(y), float(s) ** 0.5, found[0]))
    return out


def hidden_markers(fig: Figure) -> list[str]:
    """Markers drawn (almost) entirely under another one of the same region. An event
    drawn in a detail panel too is exempt on the main axis: the panel shows it apart."""
    centres = marker_centres(fig)
    twice = set()
    for coll in fig.findobj(lambda a: isinstance(a, PathCollection | PolyCollection)):
        found = event_id(coll.get_gid())
        if found and found[1] == "mark" and coll.get_label() != "main":
            twice.add(found[0])
    found = []
    for region, marks in centres.items():
        ordered = sorted(c for c in marks if region != "main" or c[3] not in twice)
        for i, (x, y, d, e) in enumerate(ordered):
            for x2, y2, d2, e2 in ordered[i + 1 :]:
                if x2 - x > 10.0:
                    break
                dist = ((x2 - x) ** 2 + (y2 - y) ** 2) ** 0.5
                # Visible means a crescent of at least a point shows past the other.
                if dist + min(d, d2) / 2 < max(d, d2) / 2 + 1.0:
                    found.append(f"{region}: markers of {e} and {e2} hide one another")
    return found


def stem_segments(fig: Figure) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Every stem and leader segment, in display units."""
    ax = fig.axes[0]
    out = []
    for coll in fig.findobj(lambda a: isinstance(a, LineCollection)):
        if not re.fullmatch(r"[a-z0-9]+\.stems(\.\d+)?", coll.get_gid() or ""):
            continue
        for seg in coll.get_segments():
            pts = ax.transData.transform(seg)
            for a, b in itertools.pairwise(pts):
                out.append(((float(a[0]), float(a[1])), (float(b[0]), float(b[1]))))
    return out


def _crosses(seg: tuple[tuple[float, float], tuple[float, float]], box: Bbox) -> bool:
    """True when an axis-aligned segment passes through ``box``'s inside."""
    (x0, y0), (x1, y1) = seg
    lo_x, hi_x = min(x0, x1), max(x0, x1)
    lo_y, hi_y = min(y0, y1), max(y0, y1)
    return lo_x < box.x1 and hi_x > box.x0 and lo_y < box.y1 and hi_y > box.y0


def problems(fig: Figure, *, hidden: bool = True) -> list[str]:
    """Overlapping texts, texts outside the figure, labels over markers or bars, stems
    through labels and (unless ``hidden`` is False: a crowded chart may overlap markers)
    hidden markers."""
    boxes = text_boxes(fig)
    width, height = fig.bbox.width, fig.bbox.height
    found = []
    for t, b in boxes:
        if b.x0 < -0.5 or b.y0 < -0.5 or b.x1 > width + 0.5 or b.y1 > height + 0.5:
            found.append(f"outside the figure: {t.get_text()!r} {b.bounds}")
    for (t1, b1), (t2, b2) in itertools.combinations(boxes, 2):
        if b1.overlaps(b2):
            found.append(f"overlap: {t1.get_text()!r} and {t2.get_text()!r}")
    labels = [(t, b) for t, b in boxes if event_id(t.get_gid())]
    for _, glyph in glyph_boxes(fig):
        for t, b in labels:
            if b.overlaps(glyph):
                found.append(f"label over a glyph: {t.get_text()!r}")
    shrink = fig.dpi / 72  # a point: a stem may end at its own label's edge
    for seg in stem_segments(fig):
        for t, b in labels:
            inner = Bbox.from_extents(b.x0 + shrink, b.y0 + shrink, b.x1 - shrink, b.y1 - shrink)
            if _crosses(seg, inner):
                found.append(f"stem through a label: {t.get_text()!r}")
    if hidden:
        found += hidden_markers(fig)
    return found


def svg_font_sizes(svg: str) -> list[float]:
    """Every font size of an SVG's texts (in its user units: points, for our charts)."""
    return [float(x) for x in re.findall(r"font-size:\s*([0-9.]+)px", svg)]
