"""Charts made part of the HTML page: matplotlib's SVG turned into page markup.

The page's Content-Security-Policy allows only the stylesheet and the script it names by
hash, so the SVG may carry no ``style`` attribute and no ``<style>`` element of its own:
every distinct style becomes a class of the page's stylesheet (which also makes the SVG
much smaller). The chart is drawn twice, in the light and the dark theme; the two drawings
differ only in their styles, so each class gets its light declarations and, for the dark
colour scheme, its dark ones: one SVG serves both schemes. (Should two drawings ever differ
in anything else, the light one serves both.)

Each event's label, date line and mark (``ev:<id>:label``, ``ev:<id>:date``,
``ev:<id>:mark``) become links to its entry (``#event-id``); the first label of an event
(or else its first date or mark) gets an id the entry links back to. Ids that nothing
references are dropped, the others renamed so they cannot clash with event ids (which
never start with ``_``) or with the other chart's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

__all__ = ["ChartMarkup", "Styles", "chart_markup", "event_groups"]

_TOKEN = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>"
    r"|<(/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+=\"[^\"]*\")*)\s*(/?)>"
    r"|[^<]+",
    re.DOTALL,
)
_ATTR = re.compile(r'([\w:.-]+)="([^"]*)"')
_REF = re.compile(r"url\(#([^)]*)\)")
_NEW_GID = re.compile(r"ev:(?P<id>[^:]+):(?P<kind>label|date|mark)(?:\.\d+)?")
#: What charts named their groups before the ``ev:`` ids: ``main.label.<id>``.
_OLD_GID = re.compile(r"(?:main|panel\d+)\.(?P<kind>label|date)\.(?P<id>[a-z0-9][a-z0-9-]*)")
_NO_ROTATION = re.compile(r"rotate\(-?0(?:\.0+)? [-\d.e]+ [-\d.e]+\)")
_FONT_SIZE = re.compile(r"font-size:([\d.]+)px")
_GENERIC = ("serif", "sans-serif", "monospace", "system-ui")
#: Elements dropped with everything in them.
_DROPPED = frozenset({"metadata", "style"})


@dataclass(slots=True)
class _Tag:
    """One token of an SVG document: a tag (``close`` or ``empty`` tells which) or text."""

    name: str  # "" for text
    attrs: list[tuple[str, str]]
    text: str = ""
    close: bool = False
    empty: bool = False
    #: For an opening tag, the index of its closing tag.
    end: int = -1


def _tokens(svg: str) -> list[_Tag]:
    """The SVG's tags and texts from its root element on, without comments, metadata and
    whitespace between tags; each opening tag knows where it closes."""
    start = svg.find("<svg")
    if start < 0 or not re.match(r"<svg[\s>]", svg[start:]):
        raise ValueError("the chart is not an SVG document")
    out: list[_Tag] = []
    skip = 0
    for m in _TOKEN.finditer(svg, start):
        close, name, attrs, empty = m.group(1, 2, 3, 4)
        if name is None:
            text = m.group()
            if skip or text.startswith("<") or not text.strip():
                continue
            out.append(_Tag("", [], text=text))
            continue
        if skip:
            if name in _DROPPED:
                skip += -1 if close else (0 if empty else 1)
            continue
        if name in _DROPPED and not close:
            skip = 0 if empty else 1
            continue
        if close:
            out.append(_Tag(name, [], close=True))
        else:
            out.append(_Tag(name, _ATTR.findall(attrs), empty=bool(empty)))
    return _linked(out)


def _linked(tokens: list[_Tag]) -> list[_Tag]:
    """``tokens`` with each opening tag told where it closes."""
    stack: list[int] = []
    for i, t in enumerate(tokens):
        if t.close:
            if not stack:
                raise ValueError("the chart's SVG is not well formed")
            tokens[stack.pop()].end = i
        elif t.name and not t.empty:
            stack.append(i)
    if stack:
        raise ValueError("the chart's SVG is not well formed")
    return tokens


#: The groups of a chart's own title block, which the page's heading replaces.
_HEADER = frozenset({"kicker", "title", "subtitle"})
_TRANSLATE = re.compile(r"translate\(([-\d.e]+) ([-\d.e]+)\)")


def _without_header(tokens: list[_Tag]) -> tuple[list[_Tag], float]:
    """The drawing without its title block, and how far down the rest starts (0 when it
    has none): just under the block's lowest line, so what follows keeps its margin."""
    keep: list[_Tag] = []
    bottom = 0.0
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.name == "g" and not t.close and dict(t.attrs).get("id") in _HEADER:
            for inner in tokens[i : t.end]:
                if inner.name == "text" and not inner.close:
                    bottom = max(bottom, _text_bottom(inner))
            i = t.end + 1
            continue
        keep.append(t)
        i += 1
    return _linked(keep), bottom


def _text_bottom(t: _Tag) -> float:
    """Where a text's lowest descender may reach: its baseline plus a third of its size."""
    attrs = dict(t.attrs)
    y = attrs.get("y")
    if y is None:
        m = _TRANSLATE.search(attrs.get("transform", ""))
        y = m.group(2) if m else "0"
    size = _FONT_SIZE.search(attrs.get("style", "").replace(" ", ""))
    return float(y) + (float(size.group(1)) / 3 if size else 0.0)


def _ids(tokens: list[_Tag]) -> dict[str, int]:
    """Each id's number, in order of definition."""
    out: dict[str, int] = {}
    for t in tokens:
        for k, v in t.attrs:
            if k == "id" and v not in out:
                out[v] = len(out)
    return out


def _references(tokens: list[_Tag]) -> set[str]:
    refs: set[str] = set()
    for t in tokens:
        for k, v in t.attrs:
            if k.endswith("href") and v.startswith("#"):
                refs.add(v[1:])
            elif "url(#" in v:
                refs.update(_REF.findall(v))
    return refs


def _without_style(t: _Tag) -> list[tuple[str, str]]:
    return [(k, v) for k, v in t.attrs if k != "style"]


def _style(t: _Tag) -> str:
    return next((v for k, v in t.attrs if k == "style"), "")


def _same_drawing(a: list[_Tag], b: list[_Tag]) -> bool:
    """True when two drawings differ only in their styles (and the names of their ids)."""
    if len(a) != len(b):
        return False
    ids_a, ids_b = _ids(a), _ids(b)

    def norm(value: str, ids: dict[str, int]) -> str:
        if value.startswith("#") and value[1:] in ids:
            return f"#{ids[value[1:]]}"
        return _REF.sub(lambda m: f"url(#{ids.get(m.group(1), -1)})", value)

    for x, y in zip(a, b, strict=True):
        if x.name != y.name or x.text != y.text or x.close != y.close or x.empty != y.empty:
            return False
        xs, ys = _without_style(x), _without_style(y)
        if len(xs) != len(ys):
            return False
        for (kx, vx), (ky, vy) in zip(xs, ys, strict=True):
            if kx != ky:
                return False
            if kx == "id":
                if ids_a[vx] != ids_b[vy]:
                    return False
            elif vx != vy and norm(vx, ids_a) != norm(vy, ids_b):
                return False
        if _pair(_style(x), _style(y)) is None:
            return False
    return True


#: What a property is when a style leaves it out (SVG's initial values), for the properties
#: matplotlib leaves out when they have that value.
_INITIAL = {
    "fill": "#000000",
    "fill-opacity": "1",
    "stroke": "none",
    "stroke-opacity": "1",
    "stroke-width": "1",
    "opacity": "1",
}


def _pair(light: str, dark: str) -> tuple[str, str] | None:
    """The declarations of a light and a dark style, each completed with the initial value
    of what only the other sets; None when one sets something with no known initial value."""
    lt, dk = _parsed(light), _parsed(dark)
    for a, b in ((lt, dk), (dk, lt)):
        for prop in a.keys() - b.keys():
            if prop not in _INITIAL:
                return None
            b[prop] = _INITIAL[prop]
    order = list(dict.fromkeys([*lt, *dk]))
    return (
        ";".join(f"{p}:{lt[p]}" for p in order),
        ";".join(f"{p}:{dk[p]}" for p in order),
    )


def _parsed(style: str) -> dict[str, str]:
    """A style attribute's declarations, with a generic font family to fall back on."""
    out = {}
    for part in style.split(";"):
        prop, sep, value = part.partition(":")
        if not sep:
            continue
        prop, value = prop.strip(), value.strip()
        if prop == "font-family" and not value.endswith(_GENERIC):
            value += ",sans-serif"
        out[prop] = value
    return out


@dataclass(slots=True)
class Styles:
    """The classes of every chart on a page: one per distinct (light, dark) style."""

    classes: dict[tuple[str, str | None], str] = field(default_factory=dict)

    def name(self, light: str, dark: str | None) -> str:
        """The class drawing the style ``light`` in the light scheme and ``dark`` in the
        dark one (None: the same)."""
        pair = _pair(light, dark) if dark is not None else None
        if pair is None:
            key: tuple[str, str | None] = (
                ";".join(f"{p}:{v}" for p, v in _parsed(light).items()),
                None,
            )
        else:
            key = (pair[0], None if pair[1] == pair[0] else pair[1])
        found = self.classes.get(key)
        if found is None:
            found = self.classes[key] = f"k{_base36(len(self.classes))}"
        return found

    def size(self, name: str) -> float | None:
        """The font size, in SVG units, a class sets (None: it sets none)."""
        for (light, _), klass in self.classes.items():
            if klass == name:
                m = _FONT_SIZE.search(light)
                return float(m.group(1)) if m else None
        return None

    def css(self) -> tuple[str, str]:
        """The light rules, and the dark scheme's rules (for classes whose colours differ)."""
        light = "".join(f".{k}{{{lt}}}" for (lt, _), k in self.classes.items())
        dark = []
        for (lt, dk), k in self.classes.items():
            if dk:
                same = set(lt.split(";"))
                changed = ";".join(d for d in dk.split(";") if d not in same)
                dark.append(f".{k}{{{changed}}}")
        return light, "".join(dark)


def _number(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


@dataclass(frozen=True, slots=True)
class ChartMarkup:
    """A chart ready to go into the page."""

    #: The ``<svg>`` element (or two, light and dark, when the drawings differ).
    markup: str
    #: The width and height of its viewBox (SVG units: points for matplotlib's charts).
    width: float
    height: float
    #: The smallest type in it, in the same units.
    smallest_type: float
    #: The id in the chart each linked event's entry links back to.
    targets: dict[str, str]
    #: True when the chart has its dark colours (the light and dark drawings paired up).
    dark: bool


def event_groups(svg: str) -> dict[str, list[str]]:
    """Which kinds of group (label, mark, date) each event has in a chart (for tests)."""
    out: dict[str, list[str]] = {}
    for t in _tokens(svg):
        gid = dict(t.attrs).get("id") if t.name == "g" and not t.close else None
        m = (_NEW_GID.fullmatch(gid) or _OLD_GID.fullmatch(gid)) if gid else None
        if m:
            out.setdefault(m.group("id"), []).append(m.group("kind"))
    return out


def chart_markup(
    light: str,
    dark: str | None,
    *,
    prefix: str,
    css_class: str,
    titles: Callable[[str], str | None],
    styles: Styles,
    labelled_by: str = "_alt",
) -> ChartMarkup:
    """``light`` (and its dark drawing) as page markup.

    ``prefix`` keeps this chart's ids apart from another chart's on the page, ``titles``
    gives the title a link to an event is read as (None for an id that is no event of the
    page: it is not linked), and ``labelled_by`` is the id of the element that describes
    the chart.
    """
    tokens, top = _without_header(_tokens(light))
    dark_tokens = _without_header(_tokens(dark))[0] if dark is not None else None
    paired = dark_tokens is not None and _same_drawing(tokens, dark_tokens)
    numbers = [float(v) for v in dict(tokens[0].attrs).get("viewBox", "").split()]
    if len(numbers) != 4:
        raise ValueError("the chart's SVG has no viewBox")
    if top:
        numbers[1] += top
        numbers[3] -= top
    box = " ".join(_number(v) for v in numbers)
    writer = _Writer(prefix, titles, styles)
    markup = writer.write(tokens, dark_tokens if paired else None, css_class, labelled_by, box)
    return ChartMarkup(
        markup=markup,
        width=numbers[2],
        height=numbers[3],
        smallest_type=writer.smallest or 0.0,
        targets=writer.targets,
        dark=paired,
    )


class _Writer:
    """Writes one drawing of a chart as page markup."""

    def __init__(self, prefix: str, titles: Callable[[str], str | None], styles: Styles) -> None:
        self.prefix = prefix
        self.titles = titles
        self.styles = styles
        self.targets: dict[str, str] = {}
        self.smallest: float | None = None
        self.sizes: dict[str, float | None] = {}

    def write(
        self,
        tokens: list[_Tag],
        dark: list[_Tag] | None,
        css_class: str,
        labelled_by: str,
        box: str,
    ) -> str:
        refs = _references(tokens)
        names = {old: f"_{self.prefix}{_base36(n)}" for n, old in enumerate(sorted(refs))}
        links = self._links(tokens)
        out: list[str] = []
        closing: dict[int, str] = {}
        for i, t in enumerate(tokens):
            if not t.name:
                out.append(t.text)
                continue
            if t.close:
                end = closing.pop(i, f"</{t.name}>")
                out.append(end)
                continue
            if i == 0:
                # The page sizes the chart; the viewBox keeps its proportions.
                out.append(
                    f'<svg class="{css_class}" viewBox="{box}" role="group" '
                    f'aria-labelledby="{labelled_by}">'
                )
                continue
            link = links.get(i)
            if link is not None:
                out.append(link)
                closing[t.end] = "</a>"
                continue
            attrs = self._attrs(t, dark[i] if dark is not None else None, names)
            if t.name == "g" and not attrs:
                closing[t.end] = ""  # a group that only named itself: unwrap it
                continue
            out.append(f"<{t.name}{attrs}{'/' if t.empty else ''}>")
        return "".join(out).replace("<defs></defs>", "")

    def _links(self, tokens: list[_Tag]) -> dict[int, str]:
        """The opening tag of a link for each event group, by the group's index."""
        found: list[tuple[int, str, str]] = []
        names: dict[str, str | None] = {}
        for i, t in enumerate(tokens):
            if t.name != "g" or t.close:
                continue
            gid = dict(t.attrs).get("id")
            m = (_NEW_GID.fullmatch(gid) or _OLD_GID.fullmatch(gid)) if gid else None
            if m is None:
                continue
            eid = m.group("id")
            if eid not in names:
                names[eid] = self.titles(eid)
            if names[eid] is not None:
                found.append((i, eid, m.group("kind")))
        primary: dict[str, int] = {}
        for i, eid, kind in found:
            if kind == "label" and eid not in primary:
                primary[eid] = i
        first: dict[str, int] = {}
        for i, eid, _ in found:
            first.setdefault(eid, i)
        out: dict[int, str] = {}
        for i, eid, _ in found:
            attrs = f'href="#{eid}"'
            target = primary.get(eid, first[eid])
            if i == target:
                self.targets[eid] = f"_{self.prefix}-{eid}"
                attrs += f' id="_{self.prefix}-{eid}"'
            if primary.get(eid) == i:
                attrs += f' aria-label="{escape(names[eid] or "", quote=True)}"'
            else:
                # One stop per event for the keyboard and for screen readers: the label.
                attrs += ' tabindex="-1" aria-hidden="true"'
            out[i] = f"<a {attrs}>"
        return out

    def _attrs(self, t: _Tag, d: _Tag | None, names: dict[str, str]) -> str:
        out = []
        light = _style(t)
        dark = _style(d) if d is not None else None
        if light or dark:
            klass = self.styles.name(light, dark)
            out.append(f' class="{klass}"')
            if t.name == "text":
                self._note_size(klass)
        for k, v in t.attrs:
            if k == "id":
                if v in names:
                    out.append(f' id="{names[v]}"')
            elif k == "style" or (
                k == "transform" and t.name == "text" and _NO_ROTATION.fullmatch(v)
            ):
                continue  # styles are classes now; a rotation by zero does nothing
            elif k == "d":
                out.append(f' d="{" ".join(v.split())}"')
            elif k.endswith("href") and v.startswith("#"):
                out.append(f' {k}="#{names.get(v[1:], v[1:])}"')
            elif "url(#" in v:
                value = _REF.sub(lambda m: f"url(#{names.get(m.group(1), m.group(1))})", v)
                out.append(f' {k}="{value}"')
            else:
                out.append(f' {k}="{v}"')
        return "".join(out)

    def _note_size(self, klass: str) -> None:
        if klass not in self.sizes:
            self.sizes[klass] = self.styles.size(klass)
        size = self.sizes[klass]
        if size is not None and (self.smallest is None or size < self.smallest):
            self.smallest = size
