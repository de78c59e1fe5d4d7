"""Every output of every view, made in memory, and the atomic writing of them.

Every output of every view is produced in memory first; only when all succeeded are they
written, each atomically. So a failing render writes nothing, and an interrupted one never
leaves a half-written file. matplotlib is imported only when a chart is asked for.
"""

from __future__ import annotations

import importlib
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from timeline._atomic import check_target, write_atomic
from timeline._read import FileTooLarge, read_bounded
from timeline.i18n.content import Translated, translate
from timeline.i18n.words import words
from timeline.model import Event, Timeline, View
from timeline.query import Filter, select
from timeline.spec import LAYOUTS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from timeline.render.chart._compose import ChartOptions
    from timeline.render.chart._down import DownOptions
    from timeline.render.text._changes import ChangeNotes
    from timeline.render.text.html import Charts

__all__ = [
    "CHART_FORMATS",
    "DEFAULT_FORMATS",
    "FORMATS",
    "LAYOUTS",
    "RenderOptions",
    "changed_files",
    "chart",
    "chart_parts",
    "figure_bytes",
    "part_name",
    "render",
    "render_view",
    "translated",
    "write_outputs",
]

FORMATS = ("png", "svg", "pdf", "md", "txt", "html")
DEFAULT_FORMATS = ("png", "svg", "md", "txt", "html")
CHART_FORMATS = frozenset({"png", "svg", "pdf"})
THEMES = ("light", "dark", "print")


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What to render and how. ``locale`` overrides the file's; ``extra`` narrows every view.

    ``size`` is the charts' destination (``column``, ``page``, ``slide`` or ``wide``; None:
    each view's own ``size``, else ``column``); ``width_cm`` overrides its width; ``dpi`` is
    the PNG resolution, written into the file.
    ``layout`` (``across``, ``down`` or ``auto``) overrides each view's own ``layout``
    when given.
    ``changes`` shows what changed since an earlier version (``timeline.diff.render_notes``
    makes them): the charts mark new and updated events, the text chronologies add a "What
    changed since …" section. It is left out of ``repr`` (the render cache keys on
    :func:`~timeline.render.text._changes.notes_key` instead, the same in every run).
    """

    formats: tuple[str, ...] = DEFAULT_FORMATS
    theme: str = "light"
    size: str | None = None
    width_cm: float | None = None
    dpi: int = 300
    locale: str | None = None
    extra: Filter = field(default_factory=Filter)
    layout: str | None = None
    changes: ChangeNotes | None = field(default=None, repr=False)


def chart(timeline: Timeline, view: View, *, options: RenderOptions | None = None) -> Figure:
    """The chart of one view as one matplotlib Figure, as tall as it needs (no pyplot state
    involved); :func:`chart_parts` splits it as ``timeline render`` does."""
    chart_module = _chart_module()
    options = options or RenderOptions()
    events = select(timeline, view, options.extra)
    figure: Figure = chart_module.chart(
        timeline, view, events, options=chart_options(options, view)
    )
    return figure


def figure_bytes(fig: Figure, fmt: str, *, dpi: int = 300) -> bytes:
    """A chart saved as ``png``, ``svg`` or ``pdf``: byte-identical for the same figure
    (no dates, versions or random ids in the file)."""
    data: bytes = _chart_module().figure_bytes(fig, fmt, dpi=dpi)
    return data


def chart_options(options: RenderOptions, view: View) -> ChartOptions:
    """The chart options of a render for ``view``: the command line's size wins over the
    view's ``size``, which wins over ``column``."""
    from timeline.render.chart import chart_options as made_for

    return made_for(options, view)


def down_options(options: RenderOptions, view: View) -> DownOptions:
    """The down chart's options of a render for ``view`` (sizes as for the across chart)."""
    from timeline.render.chart._down import DownOptions
    from timeline.render.chart.sizes import DEFAULT_SIZE, size_named

    size = size_named(options.size or view.size or DEFAULT_SIZE)
    if options.width_cm is not None:
        size = size.with_width_cm(options.width_cm)
    return DownOptions(
        size=size,
        theme=options.theme,
        dpi=options.dpi,
        locale=options.locale,
        start=options.extra.start,
        stop=options.extra.stop,
        changed=options.changes,
    )


def layout_of(timeline: Timeline, view: View, events: list[Event], options: RenderOptions) -> str:
    """``across`` or ``down``: the command line's ``--layout`` (the options'), else the
    view's ``layout``; ``auto`` is down exactly when the across chart cannot label every
    event at the size's smallest type within its maximum height."""
    layout = options.layout or view.layout
    if layout != "auto":
        return layout
    from timeline.render.chart import across_fits

    return "across" if across_fits(timeline, view, events, chart_options(options, view)) else "down"


def chart_parts(
    timeline: Timeline, view: View, *, options: RenderOptions | None = None
) -> list[Figure]:
    """The chart of one view in the layout its options and the view ask for, one Figure per
    part, in order (a chart taller than its size allows is split into parts)."""
    options = options or RenderOptions()
    events = select(timeline, view, options.extra)
    return _figures(timeline, view, events, options, layout_of(timeline, view, events, options))


def _figures(
    timeline: Timeline, view: View, events: list[Event], options: RenderOptions, layout: str
) -> list[Figure]:
    from timeline.render.chart import across_parts, down_parts

    if layout == "down":
        return down_parts(timeline, view, events, down_options(options, view))
    return across_parts(timeline, view, events, chart_options(options, view))


def _chart_module() -> ModuleType:
    """The chart implementation, imported on first use (it imports matplotlib)."""
    return importlib.import_module("timeline.render.chart._compose")


def render_view(
    timeline: Timeline,
    view: View,
    options: RenderOptions,
    *,
    notice: Callable[[str], None] | None = None,
) -> dict[str, bytes]:
    """Every requested output of one view, as ``{file name: bytes}``.

    A chart in parts is written as ``V.png``, ``V-2.png``... (likewise for each chart
    format); the Markdown and HTML chronologies show every part, in order, each with its
    own alt text. ``notice``, when given, hears when ``auto`` drew the view down the page.
    """
    events = select(timeline, view, options.extra)
    locale = options.locale or timeline.locale
    wanted = set(options.formats)
    out: dict[str, bytes] = {}
    name = view.name
    charts: list[tuple[str, str]] = []  # (file stem, alt text) of each part
    page_charts = None
    if wanted & CHART_FORMATS or "html" in wanted:
        from timeline.render.chart.limits import check_lanes, check_pixels

        check_lanes(timeline, view, events)  # before matplotlib is even imported

        from timeline.render.chart import part_events, part_until

        chart_module = _chart_module()
        layout = layout_of(timeline, view, events, options)
        if layout == "down" and (options.layout or view.layout) == "auto" and notice:
            notice(_down_notice(name, view, options))
        drawing = chart_options(options, view)
        figures = _figures(timeline, view, events, options, layout)
        if "png" in wanted:  # every part's image is in memory at once: count them together
            check_pixels([tuple(f.get_size_inches()) for f in figures], options.dpi, view.name)
        for i, fig in enumerate(figures, 1):
            shown = part_events(fig) if len(figures) > 1 else None
            until = part_until(fig) if len(figures) > 1 else None
            alt = _alt_text(timeline, view, events if shown is None else shown, locale, until)
            if len(figures) > 1:
                alt = f"{words(locale).part.format(i, len(figures))} {alt}"
            stem = part_name(name, i)
            charts.append((stem, alt))
            formats = [fmt for fmt in ("png", "svg", "pdf") if fmt in wanted]
            for fmt, data in chart_module.figure_files(fig, formats, dpi=options.dpi).items():
                out[f"{stem}.{fmt}"] = data
        if "html" in wanted:
            across = figures if layout == "across" else None
            saved = out.get(f"{name}.svg") if len(figures) == 1 else None
            page_charts = _page_charts(
                chart_module, timeline, view, events, options, drawing, across, saved=saved
            )
    else:
        charts.append((name, _alt_text(timeline, view, events, locale)))
    image = next((f for f in ("png", "svg") if f in wanted), None)
    images = [(f"{stem}.{image}", alt) for stem, alt in charts] if image else []
    alt = charts[0][1]
    if "md" in wanted:
        from timeline.render.text import markdown

        text = markdown.render(
            timeline,
            view,
            events,
            locale=locale,
            alt_text=alt,
            image=None,
            images=images,
            changes=options.changes,
        )
        out[f"{name}.md"] = text.encode("utf-8")
    if "txt" in wanted:
        from timeline.render.text import plain as text_module

        txt = text_module.render(timeline, view, events, locale=locale, changes=options.changes)
        out[f"{name}.txt"] = txt.encode("utf-8")
    if "html" in wanted:
        from timeline.render.text import html

        page_alt = (
            alt
            if page_charts is None or len(charts) == 1
            else _alt_text(timeline, view, events, locale)
        )
        page = html.render(
            timeline,
            view,
            events,
            locale=locale,
            alt_text=page_alt,
            charts=page_charts,
            changes=options.changes,
        )
        out[f"{name}.html"] = page.encode("utf-8")
    return out


#: The width of the HTML page's down chart, in centimetres: with its smallest type (7 pt) at
#: 11 CSS px it is 268 px wide, within the 288 px a 320 px phone leaves it.
PHONE_CM = 6.0


def _page_charts(
    chart_module: ModuleType,
    timeline: Timeline,
    view: View,
    events: list[Event],
    options: RenderOptions,
    drawing: ChartOptions,
    figures: list[Figure] | None,
    *,
    saved: bytes | None = None,
) -> Charts:
    """The HTML page's charts, as SVG in the light and the dark theme: the across chart
    for wide screens and print, and the down chart for narrow screens. A page scrolls: it
    shows each chart in one piece. ``figures`` are the across chart already drawn for the
    other outputs, if any; when it is one figure it is the page's chart too (reused when its
    theme is the light one), otherwise the page draws the across chart at the ``wide`` size,
    which is never split. The down chart is drawn twice, unsplit: at a phone's width
    (:data:`PHONE_CM`) and at the size's width (the column's, for tablets); the page shows
    each where it fits. ``saved`` is the one across figure's SVG when already made.
    """
    from dataclasses import replace

    from timeline.render.chart import colour_pairs, down_parts, recoloured
    from timeline.render.chart.sizes import DEFAULT_SIZE, Size, size_named
    from timeline.render.text.html import Charts

    whole = figures[0] if figures is not None and len(figures) == 1 else None
    page = drawing if whole is not None else replace(drawing, size="wide", width_cm=None)

    def svg(drawn: Figure) -> str:
        if drawn is whole and saved is not None:
            return saved.decode("utf-8")
        data: bytes = chart_module.figure_bytes(drawn, "svg", dpi=page.dpi)
        return data.decode("utf-8")

    def across(theme: str) -> str:
        drawn = whole
        if drawn is None or page.theme != theme:
            drawn = chart_module.chart(timeline, view, events, options=replace(page, theme=theme))
        return svg(drawn)

    # The phone's chart has the column's type (8 and 7 pt) whatever the files' size: the
    # page scales it.
    phone = replace(size_named("column").with_width_cm(PHONE_CM), max_height_cm=None)
    column = size_named(options.size or view.size or DEFAULT_SIZE)
    base = down_options(options, view)

    def down(size: Size, theme: str) -> str:
        drawn = down_parts(timeline, view, events, replace(base, size=size, theme=theme))[0]
        return svg(drawn)

    # The dark drawing is the light one in the dark theme's colours: recoloured, not drawn
    # again, unless the across chart was already drawn dark or a colour cannot be paired.
    pairs = colour_pairs(timeline, "light", "dark")
    across_light = across("light")
    across_dark = (
        None if whole is not None and page.theme == "dark" else recoloured(across_light, pairs)
    )
    tablet = replace(column, max_height_cm=None)
    phone_light = down(phone, "light")
    tablet_light = down(tablet, "light")
    return Charts(
        across=across_light,
        across_dark=across_dark if across_dark is not None else across("dark"),
        down=phone_light,
        down_dark=recoloured(phone_light, pairs) or down(phone, "dark"),
        tablet=tablet_light,
        tablet_dark=recoloured(tablet_light, pairs) or down(tablet, "dark"),
    )


def part_name(view: str, part: int) -> str:
    """The file stem of one part of a view's chart: ``V``, then ``V-2``, ``V-3``..."""
    return view if part == 1 else f"{view}-{part}"


def _down_notice(name: str, view: View, options: RenderOptions) -> str:
    """What ``timeline render`` says when ``auto`` drew a view down the page."""
    from timeline.render.chart.sizes import DEFAULT_SIZE, size_named

    size = size_named(options.size or view.size or DEFAULT_SIZE)
    return (
        f"{name}: drawn down the page: across, not every label fits at {size.label_pt:g} pt "
        f"within {size.max_height_cm:g} cm ({size.name} size); --layout across keeps it "
        "across"
    )


def _alt_text(
    timeline: Timeline, view: View, events: list[Event], locale: str, until: float | None = None
) -> str:
    from timeline.render.alt import alt_text

    return alt_text(timeline, view, events, locale=locale, until=until)


def translated(timeline: Timeline, options: RenderOptions) -> Translated:
    """The chronology in the language of the render: its texts replaced by the file's
    translations into ``options.locale`` (when it is not the file's own), with what has no
    translation (:meth:`Translated.warnings`)."""
    return translate(timeline, options.locale or timeline.locale)


def render(
    timeline: Timeline,
    views: Iterable[str] | None = None,
    options: RenderOptions | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    notice: Callable[[str], None] | None = None,
) -> dict[str, bytes]:
    """Every requested output of every view (all views when ``views`` is None), in the
    render's language: the file's translations are used (see :func:`translated`).

    ``progress``, when given, is called with a short message before each view;
    ``notice`` with a line for the user when ``auto`` drew a view down the page.
    """
    options = options or RenderOptions()
    timeline = translated(timeline, options).timeline
    names = list(views) if views is not None else timeline.view_names()
    out: dict[str, bytes] = {}
    for i, name in enumerate(names, 1):
        if progress is not None:
            progress(f"rendering view {i}/{len(names)}: {name}")
        out.update(render_view(timeline, timeline.view(name), options, notice=notice))
    return out


def changed_files(outputs: dict[str, bytes], folder: Path) -> list[str]:
    """The names among ``outputs`` whose file in ``folder`` is missing or differs (only a
    regular file of the same size, not a symlink, is read to compare)."""
    changed = []
    for name, data in outputs.items():
        path = folder / name
        try:
            info = path.lstat()
            same = (
                stat.S_ISREG(info.st_mode)
                and info.st_size == len(data)
                and read_bounded(path, len(data), follow_symlinks=False, regular_only=True) == data
            )
        except (OSError, FileTooLarge):
            same = False
        if not same:
            changed.append(name)
    return changed


def write_outputs(outputs: dict[str, bytes], folder: Path) -> list[Path]:
    """Write each output atomically into ``folder`` (created if needed); return the paths.

    Every target is checked before any is written (OSError naming the first that cannot
    be: a folder or a device where a file should go), so a bad target writes nothing.
    """
    for name in outputs:
        # Names come from validated view names and fixed suffixes; refuse anything else.
        if "/" in name or "\\" in name or name.startswith("."):
            raise ValueError(f"refusing to write outside the output folder: {name!r}")
    paths = [folder / name for name in outputs]
    for path in paths:
        check_target(path)
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in zip(paths, outputs.values(), strict=True):
        write_atomic(path, data)
    return paths
