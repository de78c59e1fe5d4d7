"""Fonts and text measurement for the chart: glyph coverage, widths, wrapping.

Every size here comes from matplotlib's own text layout at the figure's resolution, so the
label placement works with the same extents the drawn text will have. Measuring costs about
a millisecond per string (shaping), so callers measure only text they will draw.

Fonts: the chart uses DejaVu Sans, which ships with matplotlib and covers Latin, Greek,
Cyrillic, Hebrew and Arabic. When a text needs a character DejaVu Sans lacks, the installed
fonts are searched (in a fixed order, so output stays deterministic) for one that has it and
that font joins the family list as a fallback; when no installed font has it, rendering
stops with :class:`MissingGlyphError` naming the character and, as a diagnostic, where in
the file each text that needs it is, instead of drawing a box.
"""

from __future__ import annotations

import contextlib
import functools
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from timeline.errors import Diagnostic, InvalidTimeline

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

__all__ = [
    "BASE_FAMILY",
    "HINTING",
    "Measurer",
    "MissingGlyphError",
    "SourceText",
    "font_families",
]

BASE_FAMILY = "DejaVu Sans"
#: matplotlib's "Last Resort" font draws every missing character as a box: never fall back to it.
_REFUSED = ("last resort",)
#: Characters that draw nothing, or that text shaping handles without a glyph of their own.
_SKIP_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
LINESPACING = 1.15
#: Text is measured and drawn without hinting: unhinted glyphs have the same advances at
#: every resolution, so the layout holds at any dpi. (Hinted at 72 dpi, advances round to
#: whole pixels and a line can come out 4 % wider than measured.)
HINTING = "no_hinting"
_T = TypeVar("_T")


_HINT = (
    "install a font that covers these characters (for example Debian's fonts-noto-core "
    "or fonts-noto-cjk) and render again"
)
#: At most this many texts are reported one by one.
_MAX_REPORTED = 50


class SourceText(NamedTuple):
    """A text of the chronology the chart draws, and where the file holds it."""

    text: str
    file: str
    line: int
    col: int
    what: str  # what the text is, for the message: "this title", "the chronology's title"


class MissingGlyphError(InvalidTimeline, ValueError):
    """Texts need characters that no installed font can draw.

    ``missing`` holds the code points; ``diagnostics`` has one error per text that needs
    them, at its line and column when the chart was given the texts' places (the first
    50 such texts). ``str()`` is the first diagnostic, like any :class:`InvalidTimeline`.
    """

    def __init__(self, missing: Iterable[int], diagnostics: Sequence[Diagnostic] = ()) -> None:
        self.missing = frozenset(missing)
        super().__init__(diagnostics)
        if not diagnostics:
            self.args = (f"{_cannot_draw(self.missing)} (hint: {_HINT})",)

    @classmethod
    def located(cls, missing: Iterable[int], texts: Iterable[SourceText]) -> MissingGlyphError:
        """The error with a diagnostic for each text (the first 50) that needs a missing
        character, naming those characters."""
        chars = {chr(c) for c in missing}
        found = []
        for t in texts:
            # In the order the text has them, each once.
            needs = [ord(c) for c in dict.fromkeys(t.text) if c in chars]
            if needs:
                message = f"{_cannot_draw(needs)} in {t.what}"
                found.append(Diagnostic(t.file, t.line, t.col, "error", message, _HINT))
                if len(found) == _MAX_REPORTED:
                    break
        return cls(missing, found)


def _cannot_draw(missing: Iterable[int]) -> str:
    """The message naming the characters (a set is named in code point order)."""
    ordered = sorted(missing) if isinstance(missing, frozenset | set) else list(missing)
    shown = ", ".join(
        f"{chr(c)!r} (U+{c:04X} {unicodedata.name(chr(c), '?')})" for c in ordered[:5]
    )
    more = f" and {len(ordered) - 5} more" if len(ordered) > 5 else ""
    return f"no installed font can draw {shown}{more}"


@functools.cache
def _charmap(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


@functools.cache
def _installed() -> tuple[tuple[str, str], ...]:
    """(family name, file) of every usable installed font, regular styles first, sorted."""
    from matplotlib import font_manager

    fonts = [
        f
        for f in font_manager.fontManager.ttflist
        if not any(r in f.name.lower() for r in _REFUSED)
        and f.fname.lower().endswith((".ttf", ".otf"))
    ]
    fonts.sort(key=lambda f: (f.style != "normal", f.weight != 400, f.name, f.fname))
    return tuple((f.name, f.fname) for f in fonts)


def _family_file(family: str) -> str | None:
    for name, path in _installed():
        if name == family:
            return path
    return None


def _needed(texts: Iterable[str]) -> set[int]:
    chars: set[str] = set()
    for text in texts:
        chars.update(text)
    return {ord(c) for c in chars if unicodedata.category(c) not in _SKIP_CATEGORIES}


def font_families(texts: Iterable[str], preferred: tuple[str, ...] = (BASE_FAMILY,)) -> list[str]:
    """The font family list that can draw every character of ``texts``.

    ``preferred`` families come first (those not installed are skipped); installed fonts
    are added for characters they lack. Raises :class:`MissingGlyphError` naming the
    characters no installed font has.
    """
    families = [f for f in preferred if _family_file(f) is not None] or [BASE_FAMILY]
    missing = _needed(texts)
    for family in families:
        path = _family_file(family)
        if path is not None:
            missing -= _charmap(path)
    if not missing:
        return families
    for name, path in _installed():
        if name in families:
            continue
        covered = missing & _charmap(path)
        if covered:
            families.append(name)
            missing -= covered
            if not missing:
                return families
    raise MissingGlyphError(missing)


#: Widths and boxes already measured, shared by every chart a process draws (the light and
#: dark drawings, the parts, the page's charts), by what decides them: the font families,
#: the resolution and the hinting settings. Shaping a string costs about a millisecond.
_Setting = tuple[tuple[str, ...], float, str, str]
_WIDTHS: dict[_Setting, dict[tuple[str, float, bool, bool], float]] = {}
_BOXES: dict[_Setting, dict[tuple[str, float, bool, bool], tuple[float, float]]] = {}
#: Beyond this many measurements of one setting, its memory starts again (a long-running
#: ``watch`` or library caller keeps only what it is drawing now).
_KEPT = 50_000


def _memo(
    table: dict[_Setting, dict[tuple[str, float, bool, bool], _T]], setting: _Setting
) -> dict[tuple[str, float, bool, bool], _T]:
    found = table.get(setting)
    if found is None or len(found) > _KEPT:
        found = table[setting] = {}
    return found


#: matplotlib's text metrics (width, height, descent in pixels), shared by every renderer
#: of one kind (Agg, SVG, PDF) at one resolution. matplotlib keeps them per renderer, and a
#: chart is measured by a planning renderer, then drawn by a new renderer for each file:
#: every text was shaped again for each. The key holds everything the metrics depend on:
#: the renderer's kind, the resolution, the text, the font properties (and the fonts the
#: generic families they name stand for), and the hinting and kerning settings.
_METRICS: dict[tuple[object, ...], tuple[float, float, float]] = {}
_GENERIC = ("serif", "sans-serif", "cursive", "fantasy", "monospace", "sans", "sans serif")


def _metrics_key(
    renderer: RendererBase, text: str, prop: FontProperties, dpi: float
) -> tuple[object, ...]:
    import matplotlib

    rc: Any = matplotlib.rcParams
    family = tuple(prop.get_family())
    generic = tuple(tuple(rc[f"font.{f}"]) for f in family if f in _GENERIC and f"font.{f}" in rc)
    return (
        type(renderer),
        dpi,
        text,
        family,
        generic,
        prop.get_style(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_size_in_points(),
        prop.get_file(),
        rc["text.hinting"],
        rc["text.hinting_factor"],
        rc["text.kerning_factor"],
    )


@functools.cache
def _matplotlib_metrics() -> Any:
    """matplotlib's own cached metrics function, which :func:`shared_metrics` wraps (None
    where a matplotlib version has none: charts are then measured without sharing)."""
    import matplotlib.text

    return getattr(matplotlib.text, "_get_text_metrics_with_cache", None)


def _shared(
    renderer: RendererBase, text: str, prop: FontProperties, ismath: object, dpi: float
) -> tuple[float, float, float]:
    own = _matplotlib_metrics()
    if ismath is not False:
        return cast(tuple[float, float, float], own(renderer, text, prop, ismath, dpi))
    key = _metrics_key(renderer, text, prop, dpi)
    found = _METRICS.get(key)
    if found is None:
        if len(_METRICS) > _KEPT:
            _METRICS.clear()
        found = _METRICS[key] = own(renderer, text, prop, ismath, dpi)
    return found


@contextlib.contextmanager
def shared_metrics() -> Iterator[None]:
    """Inside: matplotlib's text layout takes its metrics from :data:`_METRICS` (text
    already measured by any renderer of the same kind and resolution is not shaped again).
    Charts draw and measure inside it; outside, matplotlib is as it was."""
    import matplotlib.text

    own = _matplotlib_metrics()
    if own is None or matplotlib.text._get_text_metrics_with_cache is not own:  # type: ignore[attr-defined]
        yield  # another version of matplotlib, or already inside
        return
    matplotlib.text._get_text_metrics_with_cache = _shared  # type: ignore[attr-defined]
    try:
        yield
    finally:
        matplotlib.text._get_text_metrics_with_cache = own  # type: ignore[attr-defined]


#: The height metrics of each font (ascent, descent, line gap in pixels) that matplotlib
#: reads from the font's tables again for every text it lays out, by font properties and
#: resolution (the key of :data:`_METRICS`, without a text).
_HEIGHTS: dict[tuple[object, ...], tuple[float | None, float | None, float | None]] = {}


def _font_height(
    renderer: RendererBase, dpi: float, prop: FontProperties
) -> tuple[float | None, float | None, float | None]:
    """What matplotlib's text layout computes for ``prop`` at ``dpi`` before it lays out
    each text's lines (``Text._get_layout``, matplotlib 3.11), the same numbers; three
    Nones where the font has neither table, and matplotlib measures as it does then."""
    from matplotlib.font_manager import fontManager, get_font

    key = _metrics_key(renderer, "", prop, dpi)
    found = _HEIGHTS.get(key)
    if found is not None:
        return found
    font: Any = get_font(fontManager._find_fonts_by_props(prop))
    found = (None, None, None)
    for table_name, linegap_key, ascent_key, descent_key in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        fontsize = prop.get_size_in_points()
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
        scale = 1 / units_per_em * fontsize * dpi / 72
        line_gap = table[linegap_key] * scale
        min_ascent = table[ascent_key] * scale
        min_descent = -table[descent_key] * scale
        found = (min_ascent, min_descent, line_gap)
        break
    if len(_HEIGHTS) > _KEPT:
        _HEIGHTS.clear()
    _HEIGHTS[key] = found
    return found


@contextlib.contextmanager
def shared_heights(renderer: RendererBase, dpi: float) -> Iterator[None]:
    """Inside: ``renderer`` gives matplotlib's text layout each font's height metrics at
    ``dpi`` (the figure's) from :data:`_HEIGHTS`, which it otherwise reads from the font's
    tables for every text. A renderer with a way of its own (PDF's) keeps it; and only
    for the matplotlib version whose computation :func:`_font_height` repeats."""
    import matplotlib

    if hasattr(renderer, "_get_font_height_metrics") or not matplotlib.__version__.startswith(
        "3.11."
    ):
        yield
        return
    hooked: Any = renderer
    hooked._get_font_height_metrics = functools.partial(_font_height, renderer, dpi)
    try:
        yield
    finally:
        del hooked._get_font_height_metrics


#: Where a word too wide for its line may break, the mark staying on the first line.
_BREAK_AFTER = ("-", "\u2010", "\u2013", "\u2014", "/")


def _latin_letter(ch: str) -> bool:
    """True for a letter of the Latin script (a hyphen between two of them reads as a
    word broken across lines; other scripts break otherwise, or not at all)."""
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")


class Measurer:
    """Text sizes in points, from matplotlib's layout at the figure's resolution."""

    def __init__(self, fig: Figure, renderer: RendererBase, families: list[str]) -> None:
        import matplotlib

        self._fig = fig
        self._renderer = renderer
        self._families = families
        self._pt_per_px = 72.0 / fig.dpi
        self._props: dict[tuple[float, bool, bool], FontProperties] = {}
        rc = matplotlib.rcParams
        setting = (
            tuple(families),
            float(fig.dpi),
            str(rc["text.hinting"]),
            str(rc["text.hinting_factor"]),
        )
        self._widths = _memo(_WIDTHS, setting)
        self._boxes = _memo(_BOXES, setting)

    def props(self, size: float, bold: bool = False, italic: bool = False) -> FontProperties:
        """The font properties of one text style (shared, so matplotlib's caches hit)."""
        key = (size, bold, italic)
        prop = self._props.get(key)
        if prop is None:
            from matplotlib.font_manager import FontProperties

            prop = FontProperties(
                family=self._families,
                size=size,
                weight="bold" if bold else "normal",
                style="italic" if italic else "normal",
            )
            self._props[key] = prop
        return prop

    def has_italic(self, text: str, bold: bool = False) -> bool:
        """True when the italic face (bold italic with ``bold``) text is set in has every
        character of ``text`` (spaces and controls aside): the italic faces of most fonts
        lack scripts their upright faces have (DejaVu Sans Oblique has no Arabic), and a
        character a face lacks would be drawn as a box."""
        from matplotlib.font_manager import findfont

        path = findfont(self.props(8.0, bold, True), fallback_to_default=False)
        return _needed([text]) <= _charmap(path)

    def width(self, line: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The advance width of one line of text."""
        key = (line, size, bold, italic)
        w = self._widths.get(key)
        if w is None:
            prop = self.props(size, bold, italic)
            # The metrics the text layout consults too: measuring a line here spares the
            # layout (and every file the chart is saved in) from shaping it again.
            px = _shared(self._renderer, line, prop, False, self._fig.dpi)[0]
            w = px * self._pt_per_px
            self._widths[key] = w
        return w

    def box(
        self, text: str, size: float, bold: bool = False, italic: bool = False
    ) -> tuple[float, float]:
        """Width and height of a (possibly multi-line) text block as matplotlib lays it out."""
        key = (text, size, bold, italic)
        found = self._boxes.get(key)
        if found is not None:
            return found
        from matplotlib.text import Text

        t = Text(0, 0, text, fontproperties=self.props(size, bold, italic))
        t.set_linespacing(LINESPACING)
        t.set_figure(self._fig)
        with shared_metrics():
            bb = t.get_window_extent(self._renderer)
        found = (bb.width * self._pt_per_px, bb.height * self._pt_per_px)
        self._boxes[key] = found
        return found

    def _estimate(self, text: str, per_char: float) -> float:
        """A cheap width estimate from the average character width of the whole text."""
        return len(text) * per_char

    def wrap(
        self,
        text: str,
        max_width: float,
        size: float,
        bold: bool = False,
        italic: bool = False,
        *,
        balance: bool = False,
    ) -> list[str]:
        """``text`` broken into lines no wider than ``max_width``; a word longer than that is
        broken between characters. Every line is checked with a real measurement.

        With ``balance``, a text that takes two lines is broken near its middle instead,
        where both lines still fit. Whatever the number of lines, the last is never one
        word alone when the word before it can join it and still fit.
        """
        full = self.width(text, size, bold, italic)
        if full <= max_width:
            return [text]
        lines = self._wrap(text, full, max_width, size, bold, italic)
        # Only whole words can be moved between the lines (not a word broken in two).
        if " ".join(lines) != " ".join(text.split()):
            return lines
        if balance and len(lines) == 2:
            lines = self._balanced(lines, max_width, size, bold, italic)
        return self._no_lone_word(lines, max_width, size, bold, italic)

    def _no_lone_word(
        self, lines: list[str], max_width: float, size: float, bold: bool, italic: bool
    ) -> list[str]:
        """``lines`` with the last word of the line before brought down beside a lone last
        word, when the last line still fits and the line before keeps two words."""
        if len(lines) < 2 or " " in lines[-1]:
            return lines
        before = lines[-2].split(" ")
        if len(before) < 3:
            return lines
        last = f"{before[-1]} {lines[-1]}"
        if self.width(last, size, bold, italic) > max_width:
            return lines
        return [*lines[:-2], " ".join(before[:-1]), last]

    def _balanced(
        self, lines: list[str], max_width: float, size: float, bold: bool, italic: bool
    ) -> list[str]:
        """Two lines re-broken at the word break (of the three nearest the middle) that
        makes the longer line shortest."""
        words = " ".join(lines).split(" ")
        if len(words) < 3:
            return lines
        middle = sum(len(w) + 1 for w in words) / 2
        ends = [sum(len(w) + 1 for w in words[:i]) for i in range(1, len(words))]
        near = sorted(range(1, len(words)), key=lambda i: abs(ends[i - 1] - middle))[:3]
        best, widest = lines, self._widest(lines, size, bold, italic)
        for i in near:
            pair = [" ".join(words[:i]), " ".join(words[i:])]
            w = self._widest(pair, size, bold, italic)
            if w <= max_width and w < widest:
                best, widest = pair, w
        return best

    def _widest(self, lines: list[str], size: float, bold: bool, italic: bool) -> float:
        return max(self.width(line, size, bold, italic) for line in lines)

    def _wrap(
        self, text: str, full: float, max_width: float, size: float, bold: bool, italic: bool
    ) -> list[str]:
        """Greedy line breaking: as many words per line as fit."""
        per_char = full / max(len(text), 1)
        words = text.split()
        lines: list[str] = []
        i = 0
        while i < len(words):
            # Guess the break from the cheap estimate, then back off until it truly fits.
            j = i + 1
            while j < len(words) and (
                self._estimate(" ".join(words[i : j + 1]), per_char) <= max_width
            ):
                j += 1
            while j > i + 1 and self.width(" ".join(words[i:j]), size, bold, italic) > max_width:
                j -= 1
            line = " ".join(words[i:j])
            if self.width(line, size, bold, italic) <= max_width:
                lines.append(line)
                i = j
                continue
            head, rest = self._broken(line, max_width, size, bold, italic)
            lines.append(head)
            if rest:
                words[i] = rest
            else:  # one character wider than the line: it has the line to itself
                i += 1
        return lines

    def _broken(
        self, word: str, max_width: float, size: float, bold: bool, italic: bool
    ) -> tuple[str, str]:
        """A word wider than a line, broken: after its last dash or slash that fits
        ("Israel–" over "Hezbollah"), else where it must be, with a hyphen where two Latin
        letters are parted ("Hezbol-" over "lah"); the line, and what goes on."""
        cut = self._cut(word, max_width, size, bold, italic)
        if cut >= len(word):
            return word, ""
        dash = max(word.rfind(mark, 0, cut) for mark in _BREAK_AFTER)
        if dash > 0:
            return word[: dash + 1], word[dash + 1 :]
        if _latin_letter(word[cut - 1]) and _latin_letter(word[cut]):
            fits = self._cut(word + "-", max_width, size, bold, italic)
            # The hyphen needs room: one letter fewer on the line, or more.
            while fits > 1 and self.width(word[:fits] + "-", size, bold, italic) > max_width:
                fits -= 1
            if fits > 1 and _latin_letter(word[fits - 1]) and _latin_letter(word[fits]):
                return word[:fits] + "-", word[fits:]
        return word[:cut], word[cut:]

    def _cut(self, word: str, max_width: float, size: float, bold: bool, italic: bool) -> int:
        """How many leading characters of ``word`` fit in ``max_width`` (at least one)."""
        lo, hi = 1, len(word) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(word[:mid], size, bold, italic) <= max_width:
                lo = mid
            else:
                hi = mid - 1
        return lo
