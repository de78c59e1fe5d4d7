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
from typing import TYPE_CHECKING, cast

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
    return _render_views(timeline, [view], options, notice=notice)


@dataclass(frozen=True, slots=True)
class _Job:
    """One chart of a render, which can be drawn alone: ``kind`` is ``chart`` (the
    chart's files, in ``layout``), ``across`` (the HTML page's across chart of a view drawn
    down), ``phone`` or ``tablet`` (the page's down charts). ``view`` is the view's place
    in the render."""

    view: int
    kind: str
    layout: str = ""


#: How the progress line names each kind of job.
_JOB_WORDS = {
    "chart": "its chart",
    "across": "its page's chart across",
    "phone": "its page's chart for phones",
    "tablet": "its page's chart for tablets",
}


@dataclass(frozen=True, slots=True)
class _Chart:
    """What a ``chart`` job makes: the files of every part, each part's file stem and alt
    text, and the page's across chart (light, dark) when the view is drawn across."""

    files: dict[str, bytes]
    parts: list[tuple[str, str]]
    across: tuple[str, str] | None


class _Drawing:
    """Every job of one render, made from what they all read: the chronology, the views,
    their events and the options (a worker process shares them with its parent)."""

    def __init__(self, timeline: Timeline, views: list[View], options: RenderOptions) -> None:
        self.timeline = timeline
        self.views = views
        self.options = options
        self.events = [select(timeline, view, options.extra) for view in views]
        self.locale = options.locale or timeline.locale

    def __call__(self, job: _Job) -> object:
        view, events = self.views[job.view], self.events[job.view]
        if job.kind == "chart":
            return self.chart(view, events, job.layout)
        if job.kind == "across":
            return _page_across(self.timeline, view, events, self.options, None)
        return _page_down(self.timeline, view, events, self.options, phone=job.kind == "phone")

    def chart(self, view: View, events: list[Event], layout: str) -> _Chart:
        """The chart's files (every part in every chart format asked for), the parts' alt
        texts, and the page's across chart when ``layout`` is across."""
        from timeline.render.chart import part_events, part_until
        from timeline.render.chart.limits import check_pixels

        timeline, options, name = self.timeline, self.options, view.name
        wanted = set(options.formats)
        figures = _figures(timeline, view, events, options, layout)
        if "png" in wanted:  # every part's image is in memory at once: count them together
            check_pixels([tuple(f.get_size_inches()) for f in figures], options.dpi, view.name)
        files: dict[str, bytes] = {}
        parts: list[tuple[str, str]] = []
        for i, fig in enumerate(figures, 1):
            shown = part_events(fig) if len(figures) > 1 else None
            until = part_until(fig) if len(figures) > 1 else None
            alt = _alt_text(timeline, view, events if shown is None else shown, self.locale, until)
            if len(figures) > 1:
                alt = f"{words(self.locale).part.format(i, len(figures))} {alt}"
            stem = part_name(name, i)
            parts.append((stem, alt))
            formats = [fmt for fmt in ("png", "svg", "pdf") if fmt in wanted]
            for fmt, data in _chart_module().figure_files(fig, formats, dpi=options.dpi).items():
                files[f"{stem}.{fmt}"] = data
        across = None
        if "html" in wanted and layout == "across":
            saved = files.get(f"{name}.svg") if len(figures) == 1 else None
            across = _page_across(timeline, view, events, options, figures, saved=saved)
        return _Chart(files, parts, across)


def _render_views(
    timeline: Timeline,
    views: list[View],
    options: RenderOptions,
    *,
    progress: Callable[[str], None] | None = None,
    notice: Callable[[str], None] | None = None,
    workers: int = 1,
) -> dict[str, bytes]:
    """Every requested output of each of ``views``, in order, with up to ``workers``
    processes drawing charts at once (the outputs are the same whatever their number).

    The layout of each ``auto`` view is decided here first: it measures the labels, and
    the workers, forked afterwards, find them measured. Then every chart is a job: each
    view's chart files (the largest, first), then the page's across chart of a view drawn
    down, then the page's down charts."""
    from timeline.render import _collect
    from timeline.render._parallel import Workers, can_fork

    drawing = _Drawing(timeline, views, options)
    with _collect.drawing():
        wanted = set(options.formats)
        charting = bool(wanted & CHART_FORMATS or "html" in wanted)
        layouts: list[str] = []
        if charting:
            from timeline.render.chart.limits import check_events, check_lanes

            for view, events in zip(views, drawing.events, strict=True):
                check_lanes(timeline, view, events)  # before matplotlib is even imported
            check_events(views, drawing.events)
            for i, (view, events) in enumerate(zip(views, drawing.events, strict=True), 1):
                if progress is not None:
                    progress(f"laying out view {i}/{len(views)}: {view.name}")
                layout = layout_of(timeline, view, events, options)
                if layout == "down" and (options.layout or view.layout) == "auto" and notice:
                    notice(_down_notice(view.name, view, options))
                layouts.append(layout)
        jobs = [_Job(i, "chart", layout) for i, layout in enumerate(layouts)]
        if "html" in wanted:
            jobs += [_Job(i, "across") for i, layout in enumerate(layouts) if layout == "down"]
            jobs += [_Job(i, kind) for i in range(len(views)) for kind in ("phone", "tablet")]
        count = min(workers, len(jobs)) if can_fork() else 1
        if count > 1:  # loaded before the workers are forked: they share it
            _chart_module().prepare()
        made: dict[_Job, object] = {}
        with Workers(drawing, count) as pool:
            handles = [(job, pool.submit(job)) for job in jobs]
            for n, (job, handle) in enumerate(handles, 1):
                if progress is not None:
                    what = _JOB_WORDS[job.kind]
                    progress(f"drawing chart {n}/{len(handles)}: {views[job.view].name}, {what}")
                made[job] = handle.result()
    out: dict[str, bytes] = {}
    for i, (view, events) in enumerate(zip(views, drawing.events, strict=True)):
        chart = cast(_Chart, made[jobs[i]]) if charting else None
        page = None
        if "html" in wanted:
            across = chart.across if chart is not None else None
            if across is None:
                across = cast(tuple[str, str], made[_Job(i, "across")])
            phone = cast(tuple[str, str], made[_Job(i, "phone")])
            tablet = cast(tuple[str, str], made[_Job(i, "tablet")])
            page = _page(across, phone, tablet)
        out.update(_view_outputs(drawing, view, events, chart, page))
    return out


def _view_outputs(
    drawing: _Drawing,
    view: View,
    events: list[Event],
    made: _Chart | None,
    page_charts: Charts | None,
) -> dict[str, bytes]:
    """One view's outputs: its chart's files (``made``), then its text chronologies."""
    timeline, options, locale, name = drawing.timeline, drawing.options, drawing.locale, view.name
    wanted = set(options.formats)
    out: dict[str, bytes] = {}
    if made is not None:
        out.update(made.files)
        charts = made.parts
    else:
        charts = [(name, _alt_text(timeline, view, events, locale))]
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


def _page(across: tuple[str, str], phone: tuple[str, str], tablet: tuple[str, str]) -> Charts:
    """The HTML page's charts, as SVG in the light and the dark theme: the across chart
    for wide screens and print, and the down chart for narrow screens, at a phone's width
    and at the column's (for tablets). A page scrolls: it shows each chart in one piece,
    where it fits."""
    from timeline.render.text.html import Charts

    return Charts(
        across=across[0],
        across_dark=across[1],
        down=phone[0],
        down_dark=phone[1],
        tablet=tablet[0],
        tablet_dark=tablet[1],
    )


def _svg(drawn: Figure, dpi: int) -> str:
    data: bytes = _chart_module().figure_bytes(drawn, "svg", dpi=dpi)
    return data.decode("utf-8")


def _page_across(
    timeline: Timeline,
    view: View,
    events: list[Event],
    options: RenderOptions,
    figures: list[Figure] | None,
    *,
    saved: bytes | None = None,
) -> tuple[str, str]:
    """The HTML page's across chart, light and dark. ``figures`` are the across chart
    already drawn for the other outputs, if any; when it is one figure it is the page's
    chart too (reused when its theme is the light one, ``saved`` its SVG when already
    made), otherwise the page draws the across chart at the ``wide`` size, which is never
    split. The dark drawing is the light one in the dark theme's colours: recoloured, not
    drawn again, unless the chart was already drawn dark or a colour cannot be paired."""
    from dataclasses import replace

    from timeline.render.chart import colour_pairs, recoloured

    drawing = chart_options(options, view)
    whole = figures[0] if figures is not None and len(figures) == 1 else None
    page = drawing if whole is not None else replace(drawing, size="wide", width_cm=None)

    def across(theme: str) -> str:
        drawn = whole
        if drawn is None or page.theme != theme:
            drawn = _chart_module().chart(
                timeline, view, events, options=replace(page, theme=theme)
            )
        elif saved is not None:
            return saved.decode("utf-8")
        return _svg(drawn, page.dpi)

    light = across("light")
    dark = None
    if whole is None or page.theme != "dark":
        dark = recoloured(light, colour_pairs(timeline, "light", "dark"))
    return light, dark if dark is not None else across("dark")


def _page_down(
    timeline: Timeline, view: View, events: list[Event], options: RenderOptions, *, phone: bool
) -> tuple[str, str]:
    """The HTML page's down chart, unsplit, light and dark: at a phone's width
    (:data:`PHONE_CM`, with the column's type, 8 and 7 pt, whatever the files' size: the
    page scales it) or at the size's width (the column's, for tablets)."""
    from dataclasses import replace

    from timeline.render.chart import colour_pairs, down_parts, recoloured
    from timeline.render.chart.sizes import DEFAULT_SIZE, size_named

    if phone:
        size = replace(size_named("column").with_width_cm(PHONE_CM), max_height_cm=None)
    else:
        size = replace(size_named(options.size or view.size or DEFAULT_SIZE), max_height_cm=None)
    base = down_options(options, view)

    def down(theme: str) -> str:
        drawn = down_parts(timeline, view, events, replace(base, size=size, theme=theme))[0]
        return _svg(drawn, base.dpi)

    light = down("light")
    dark = recoloured(light, colour_pairs(timeline, "light", "dark"))
    return light, dark if dark is not None else down("dark")


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
    workers: int = 1,
) -> dict[str, bytes]:
    """Every requested output of every view (all views when ``views`` is None), in the
    render's language: the file's translations are used (see :func:`translated`).

    ``progress``, when given, is called with a short message before each view is laid
    out and each chart drawn;
    ``notice`` with a line for the user when ``auto`` drew a view down the page.
    ``workers`` > 1 draws that many charts at once, each in a process forked from this
    one (on Linux; elsewhere, and with 1, every chart is drawn here): the outputs are the
    same bytes whatever the number. A program with threads of its own should keep 1.
    """
    options = options or RenderOptions()
    timeline = translated(timeline, options).timeline
    names = list(views) if views is not None else timeline.view_names()
    chosen = [timeline.view(name) for name in names]
    return _render_views(
        timeline, chosen, options, progress=progress, notice=notice, workers=workers
    )


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
