"""A chart's SVG in one theme recoloured into another, without drawing it again.

The themes differ only in colours: the layout is measured and placed the same in each, so
two drawings of a chart differ only in the colours of their styles. Every colour a chart
uses is a theme colour, a lane's colour or an era's, plain or blended with the background
by one of a few fixed amounts (or the shades of crowded strips). Pairing
each such colour in one theme with the same colour in the other gives a table; an SVG
whose every style colour is in the table is recoloured with it.

When the table cannot say (a colour it does not know, or one colour of the first theme
that stands for two different colours of the other), :func:`recoloured` returns None and
the caller draws the chart in the other theme.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from timeline.model import Group, Timeline
from timeline.render.chart._dense import shade
from timeline.render.chart._draw import Color, blend_rgba, rgba
from timeline.render.chart._theme import Theme, get_theme, lane_styles

__all__ = ["colour_pairs", "recoloured"]

#: How much of a colour (over the background) the charts blend, by what the colour is:
#: lanes' light marks, bars and milestones, eras with a colour of their own, the detail
#: panels' frames and highlights, the key's marks (drawn in the muted colour).
_LANE = (0.32, 0.62)
_ERA = (0.16,)
_HIGHLIGHT = (0.35, 0.9)
_CONNECTOR = (0.6,)
_MUTED = (0.32,)
#: Crowded strips (and their key) shade a colour by the order of magnitude of a count of
#: events: far fewer levels than this (a chronology holds at most a few million events).
_MAX_LEVELS = 10

#: A start tag (matplotlib escapes ``<`` and ``>`` in attribute values and texts).
_TAG = re.compile(r"<([A-Za-z]+)\b([^<>]*?)(/?)>")
_STYLE = re.compile(r' style="([^"]*)"')
_ID = re.compile(r' id="([^"]*)"')
#: The elements matplotlib draws with a style.
_DRAWN = frozenset({"path", "use", "text", "rect", "circle", "ellipse", "polygon", "polyline"})
_COLOUR = re.compile(r"#[0-9a-f]{6}")
_BLACK = "#000000"


def _shades() -> tuple[float, ...]:
    return tuple(
        shade(level, levels) for levels in range(1, _MAX_LEVELS + 1) for level in range(levels)
    )


def _roles(theme: Theme, timeline: Timeline) -> Iterator[tuple[str, tuple[float, ...]]]:
    """Every colour of ``theme`` a chart of ``timeline`` draws, with the amounts it is
    blended by, always in one order."""
    shades = _shades()
    for plain in (theme.background, theme.text, theme.faint, theme.grid, theme.separator):
        yield plain, ()
    yield from ((fill, ()) for fill in theme.era_fills)
    yield theme.muted, (*_MUTED, *shades)
    yield theme.neutral, (*_LANE, *shades)  # the lane of events without a group
    yield theme.highlight, _HIGHLIGHT
    yield theme.connector, _CONNECTOR
    groups: list[Group | None] = [*timeline.groups.values(), None]
    for style in lane_styles(theme, groups):
        yield style.color, (*_LANE, *shades)
    for era in timeline.eras:
        if era.color:
            yield era.color, _ERA


def colour_pairs(timeline: Timeline, first: str, second: str) -> dict[str, str]:
    """Each colour (``#rrggbb``, as matplotlib writes it) a chart of ``timeline`` in theme
    ``first`` may draw, with the same colour in theme ``second``; a colour that would stand
    for two is left out."""
    a, b = get_theme(first), get_theme(second)
    if a.greyscale or b.greyscale:
        return {}  # lanes differ by shape and hatch there: more than colours
    pairs: dict[str, str] = {}
    ambiguous: set[str] = set()
    # The same arithmetic as the painter's blend, and matplotlib's rounding to hex.
    ground = rgba(a.background), rgba(b.background)
    roles = dict.fromkeys(zip(_roles(a, timeline), _roles(b, timeline), strict=True))
    for (x, amounts), (y, _) in roles:
        cx, cy = rgba(x), rgba(y)
        for amount in (1.0, *amounts):
            light = _hex(_mix(cx, ground[0], amount))
            dark = _hex(_mix(cy, ground[1], amount))
            if pairs.setdefault(light, dark) != dark:
                ambiguous.add(light)
    for light in ambiguous:
        del pairs[light]
    return pairs


def _mix(c: Color, ground: Color, amount: float) -> Color:
    if amount == 1.0:
        return c
    return blend_rgba(c, ground, amount)


def _hex(c: Color) -> str:
    return "#" + "".join(format(round(v * 255), "02x") for v in c[:3])


def recoloured(svg: str, pairs: dict[str, str]) -> str | None:
    """``svg`` (as matplotlib writes it) with every colour of its styles replaced by its
    pair, written as matplotlib writes that colour; None when a style has a colour with no
    pair.

    matplotlib leaves a black fill out (black is SVG's initial fill): a shape or text
    whose style has no ``fill`` (or that has no style) is filled black, and gets black's
    pair; a fill whose pair is black is left out. A marker's definition has only its
    stroke (the fill is on each use of it), and a collection's paths have no style of
    their own: neither is filled black.
    """
    unknown = False
    # A chart repeats a few styles thousands of times: each is recoloured once.
    done: dict[tuple[str, str], str | None] = {}

    def style(css: str, kind: str) -> str | None:
        key = (css, kind)
        if key not in done:
            done[key] = _style(css, pairs, kind)
        return done[key]

    def tag(m: re.Match[str]) -> str:
        nonlocal unknown
        name, attrs, end = m.group(1, 2, 3)
        if name not in _DRAWN:
            return m.group()
        found = _STYLE.search(attrs)
        ident = _ID.search(attrs)
        if name == "path" and ident is not None:
            kind = "marker" if ident.group(1).startswith("m") else "definition"
        else:
            kind = "text" if name == "text" else "shape"
        if found is None:
            if kind in ("marker", "definition"):
                return m.group()
            css = style("", kind)
            if css is None:
                unknown = True
                return m.group()
            return f"<{name}{attrs}{f' style={_quote(css)}' if css else ''}{end}>"
        css = style(found.group(1), kind)
        if css is None:
            unknown = True
            return m.group()
        styled = f" style={_quote(css)}" if css else ""
        return f"<{name}{attrs[: found.start()]}{styled}{attrs[found.end() :]}{end}>"

    out = _TAG.sub(tag, svg)
    return None if unknown else out


def _quote(css: str) -> str:
    return f'"{css}"'


def _style(css: str, pairs: dict[str, str], kind: str) -> str | None:
    """One style recoloured (``kind``: ``shape``, ``text`` or ``marker``)."""
    declarations = [d.split(": ", 1) for d in css.split("; ")] if css else []
    out: list[tuple[str, str]] = []
    filled = kind == "marker"
    for declaration in declarations:
        if len(declaration) != 2:
            return None
        prop, value = declaration
        filled = filled or prop == "fill"
        if "#" in value:
            if not _COLOUR.fullmatch(value) or value not in pairs:
                return None
            value = pairs[value]
            if prop == "fill" and value == _BLACK:
                continue
        out.append((prop, value))
    if not filled:
        black = pairs.get(_BLACK)
        if black is None:
            return None
        if black != _BLACK:
            props = [p for p, _ in out]
            at = 0
            if kind == "text":
                at = props.index("opacity") if "opacity" in props else len(props)
            out.insert(at, ("fill", black))
    return "; ".join(f"{p}: {v}" for p, v in out)
