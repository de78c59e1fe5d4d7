"""``timeline render``: charts and text chronologies for every view."""

import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from timeline.cli._common import (
    DEFAULT_FILE,
    FileArg,
    app,
    check_view_names,
    fail_usage,
    make_filter,
    print_diagnostics,
    read_bytes,
    refuse_folder,
    require_valid,
)

if TYPE_CHECKING:
    from watchfiles import Change

    from timeline.cli.diff import Earlier
    from timeline.model import Timeline
    from timeline.render import RenderOptions

# Options shared by ``render`` and ``watch``.
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")]
FormatOption = Annotated[
    str,
    typer.Option(
        "--format", help="Comma-separated outputs: png,svg,pdf,md,txt,html (all but pdf)."
    ),
]
DEFAULT_FORMAT_OPTION = "png,svg,md,txt,html"
ViewOption = Annotated[list[str] | None, typer.Option(help="Render only this view (repeatable).")]
ThemeOption = Annotated[str, typer.Option(help="Chart theme: light, dark or print.")]
FromOption = Annotated[
    str | None, typer.Option("--from", help="Earliest date shown in every view.")
]
ToOption = Annotated[str | None, typer.Option("--to", help="Latest date shown in every view.")]
SizeOption = Annotated[
    str | None,
    typer.Option(
        help="Where the charts go: column (14.5 cm wide, the default), page (24 cm), slide "
        "(33.867 x 19.05 cm) or wide (30.48 cm, never split). Overrides each view's size."
    ),
]
WidthOption = Annotated[
    str | None,
    typer.Option(
        help="Chart width with its unit: 14.5cm, 145mm, 6in, 432pt (a bare number is inches). "
        "Overrides the size's width."
    ),
]
DpiOption = Annotated[
    int, typer.Option(help="PNG resolution in dots per inch, written into the file.")
]
DEFAULT_DPI = 300
#: The PNG resolutions ``--dpi`` allows.
MIN_DPI, MAX_DPI = 50, 1200
LocaleOption = Annotated[
    str | None,
    typer.Option(
        help="Language of the outputs: dates, fixed words and the file's translations "
        "(default: the file's language)."
    ),
]
ChangesSinceOption = Annotated[
    str | None,
    typer.Option(
        "--changes-since",
        metavar="REV",
        help="Mark what changed since an earlier version: a git revision of the file "
        "(HEAD~3, v1.2), REV:PATH, another file, or a date (the last commit before it). "
        "Charts tag new and updated events; the text outputs add a 'What changed since' "
        "section.",
        show_default=False,
    ),
]
LayoutOption = Annotated[
    str | None,
    typer.Option(
        help="Chart layout: across, down (time top to bottom) or auto (down when across "
        "does not fit). Default: each view's own layout, else auto."
    ),
]


@app.command()
def render(
    file: FileArg = DEFAULT_FILE,
    out: OutOption = Path("out"),
    formats: FormatOption = DEFAULT_FORMAT_OPTION,
    view: ViewOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = None,
    layout: LayoutOption = None,
    width: WidthOption = None,
    dpi: DpiOption = DEFAULT_DPI,
    locale: LocaleOption = None,
    changes_since: ChangesSinceOption = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if any output would change.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Render even if nothing changed since the last run.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Charts drawn at once, each in its own process (on Linux; default: one per "
            "CPU core; 1 draws them one after another). The outputs are the same.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Render every view as charts (PNG, SVG, PDF) and chronologies (Markdown, text, HTML)."""
    from timeline.errors import InvalidTimeline, TimelineError
    from timeline.render import Pipeline

    options = render_options(formats, theme, size, width, dpi, locale, date_from, date_to, layout)
    data = read_bytes(file)
    earlier = _earlier(changes_since, file)
    report = None
    if earlier is not None:  # the changes are part of what is rendered, and of its cache key
        report = require_valid(file, data=data)
        assert report.timeline is not None
        options = _with_changes(options, report.timeline, earlier)
    pipeline = Pipeline(file, out, tuple(view or ()), options, workers=_workers(jobs))
    if not force and not check:
        fresh = pipeline.fresh_files(data)
        if fresh is not None:
            if not quiet:
                typer.echo(f"{len(fresh)} files in {out} are up to date (--force renders again)")
            return
    if report is None:
        report = require_valid(file, data=data)
    assert report.timeline is not None
    if view:
        check_view_names(report.timeline, view)
    print_diagnostics(pipeline.untranslated(report.timeline))
    progress = _progress_printer() if not quiet else None
    notice = _notice_printer(progress) if not quiet else None
    try:
        outputs = pipeline.outputs(report.timeline, progress=progress, notice=notice)
    except InvalidTimeline as exc:  # e.g. a character no installed font can draw
        if progress is not None:
            progress("")
        print_diagnostics(exc.diagnostics)
        raise typer.Exit(1) from None
    except TimelineError as exc:
        if progress is not None:
            progress("")
        typer.echo(f"timeline: error: {exc}", err=True)
        raise typer.Exit(1) from None
    if progress is not None:
        progress("")
    if check:
        stale = pipeline.stale(outputs)
        for name in stale:
            typer.echo(f"would change: {out / name}")
        raise typer.Exit(1 if stale else 0)
    try:
        leftover = pipeline.leftover(outputs)
        written = pipeline.write(outputs, data)
    except OSError as exc:
        _fail_write(out, exc)
    if not quiet:
        for path in written:
            typer.echo(f"wrote {path}")
        for path in leftover:
            typer.echo(f"removed {path} (the chart has fewer parts now)")
    # The process ends next: the chronology, the outputs and matplotlib's state need not be
    # freed one by one (about 0.1 s after a render of 10,000 events).
    from timeline import _process

    _process.start_keeping()
    _process.keep(report, pipeline, outputs)


def _workers(jobs: int | None) -> int:
    """The number of charts drawn at once: ``--jobs``, else one per CPU core."""
    from timeline.render._parallel import MAX_WORKERS, available_workers

    if jobs is None:
        return available_workers()
    if not 1 <= jobs <= MAX_WORKERS:
        fail_usage(f"--jobs must be between 1 and {MAX_WORKERS}, not {jobs}")
    return jobs


def render_options(
    formats: str,
    theme: str,
    size: str | None,
    width: str | None,
    dpi: int,
    locale: str | None,
    date_from: str | None,
    date_to: str | None,
    layout: str | None = None,
) -> "RenderOptions":
    """The options of a render, from the options ``render`` and ``watch`` share; exit 2
    naming what is wrong."""
    from timeline.render import RenderOptions
    from timeline.spec import LAYOUTS, LOCALES

    chosen = parse_formats(formats)
    check_theme(theme)
    width_cm = check_chart_size(size, width, dpi)
    if layout is not None and layout not in LAYOUTS:
        fail_usage(f"unknown layout '{layout}'", f"choose from {', '.join(LAYOUTS)}")
    if locale is not None and locale not in LOCALES:
        fail_usage(f"unknown locale '{locale}'", f"supported locales: {', '.join(LOCALES)}")
    extra = make_filter(date_from, date_to, None, None, None)
    return RenderOptions(
        formats=chosen,
        theme=theme,
        size=size,
        width_cm=width_cm,
        dpi=dpi,
        locale=locale,
        extra=extra,
        layout=layout,
    )


def _earlier(spec: str | None, file: Path) -> "Earlier | None":
    """The version ``--changes-since`` names, read and checked (exit 2 when it cannot be)."""
    if spec is None:
        return None
    from timeline.cli.diff import earlier_version

    return earlier_version(spec, file)


def _with_changes(
    options: "RenderOptions", timeline: "Timeline", earlier: "Earlier | None"
) -> "RenderOptions":
    if earlier is None:
        return options
    from timeline.cli.diff import with_changes

    return with_changes(options, timeline, earlier)


def _notice_printer(progress: Callable[[str], None] | None) -> Callable[[str], None]:
    """Says a notice on its own line, clearing the progress line first."""

    def say(message: str) -> None:
        if progress is not None:
            progress("")
        typer.echo(message)

    return say


def _progress_printer() -> Callable[[str], None] | None:
    """A one-line progress display on a terminal's stderr; None when stderr is not one."""
    if not sys.stderr.isatty():
        return None

    def show(message: str) -> None:
        sys.stderr.write("\r\033[K" + message)
        sys.stderr.flush()

    return show


def parse_formats(formats: str) -> tuple[str, ...]:
    """The ``--format`` list, in order, without repeats; exit 2 naming unknown formats."""
    from timeline.render import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        fail_usage(f"unknown format '{','.join(unknown)}'", f"choose from {','.join(FORMATS)}")
    return chosen


def check_theme(theme: str) -> None:
    """Exit 2 unless ``theme`` is a chart theme."""
    from timeline.render import THEMES

    if theme not in THEMES:
        fail_usage(f"unknown theme '{theme}'", f"choose from {', '.join(THEMES)}")


def check_chart_size(size: str | None, width: str | None, dpi: int) -> float | None:
    """Exit 2 unless ``--size``, ``--width`` and ``--dpi`` are valid; the width in cm."""
    from timeline.render.chart.sizes import parse_width
    from timeline.spec import CHART_SIZES

    if size is not None and size not in CHART_SIZES:
        fail_usage(f"unknown size '{size}'", f"choose from {', '.join(CHART_SIZES)}")
    if not MIN_DPI <= dpi <= MAX_DPI:
        fail_usage(f"--dpi {dpi} is out of range", f"choose from {MIN_DPI} to {MAX_DPI}")
    if width is None:
        return None
    try:
        return parse_width(width)
    except ValueError as exc:
        fail_usage(str(exc))


def _fail_write(out: Path, exc: OSError) -> None:
    """Exit 1 naming what cannot be written: the file the error is about when it names one
    (a folder where an output file should go), else the output folder."""
    reason = exc.strerror or str(exc)
    where = exc.filename if exc.filename is not None else out
    typer.echo(f"timeline: error: cannot write to {where}: {reason}", err=True)
    raise typer.Exit(1)


# -- watch -----------------------------------------------------------------------------------


@app.command()
def watch(
    file: FileArg = DEFAULT_FILE,
    out: OutOption = Path("out"),
    formats: FormatOption = DEFAULT_FORMAT_OPTION,
    view: ViewOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    theme: ThemeOption = "light",
    size: SizeOption = None,
    layout: LayoutOption = None,
    width: WidthOption = None,
    dpi: DpiOption = DEFAULT_DPI,
    locale: LocaleOption = None,
    changes_since: ChangesSinceOption = None,
) -> None:
    """Render like 'timeline render', then again each time the file is saved; Ctrl-C stops.

    A save with errors prints them and leaves the last good outputs in place.
    """
    refuse_folder(file)
    options = render_options(formats, theme, size, width, dpi, locale, date_from, date_to, layout)
    earlier = _earlier(changes_since, file)
    builder = Rebuilder(file, out, tuple(view or ()), options, earlier=earlier)
    builder.rebuild()
    typer.echo(f"watching {file} (Ctrl-C stops)", err=True)
    for _ in _changes(file):
        builder.rebuild()
    typer.echo("stopped watching", err=True)


def _changes(file: Path) -> "Iterator[set[tuple[Change, str]]]":
    """Each batch of saves of ``file``. Watches its folder: editors that save by renaming a
    new file over the old one would otherwise end the watch after the first save."""
    import logging

    import watchfiles

    # watchfiles logs its own line on Ctrl-C; the command says it stopped.
    logging.getLogger("watchfiles").setLevel(logging.ERROR)
    folder = file.resolve().parent
    name = file.name

    def wanted(_change: "Change", path: str) -> bool:
        return Path(path).name == name

    return watchfiles.watch(
        folder, watch_filter=wanted, debounce=300, recursive=False, raise_interrupt=False
    )


@dataclass
class Rebuilder:
    """Renders one file into a folder, once per call; ``timeline watch`` calls it on each save.

    On any problem (missing or invalid file, unknown view, a failing renderer) it says so
    and writes nothing, so the last good outputs stay in place. Only outputs that changed
    are written, and a save that changed nothing since the last good render renders nothing.
    """

    file: Path
    out: Path
    views: tuple[str, ...]
    options: "RenderOptions"
    say: Callable[[str], None] = field(default=lambda message: _say(message))
    #: The bytes of the last version rendered without error, and what it rendered to.
    last: bytes | None = None
    outputs: dict[str, bytes] = field(default_factory=dict)
    #: The earlier version whose changes each render shows (``--changes-since``).
    earlier: "Earlier | None" = None

    def rebuild(self) -> bool:
        """Render the file once; True when the outputs now match it."""
        from timeline._read import FileTooLarge
        from timeline.errors import summary
        from timeline.render import Pipeline, UnknownView

        file, out, say = self.file, self.out, self.say
        pipeline = Pipeline(file, out, self.views, self.options)
        try:
            data = pipeline.read()
        except FileTooLarge as exc:
            say(f"{file}: {exc}; kept the previous outputs in {out}")
            return False
        except OSError as exc:
            say(f"{file}: cannot read it ({exc.strerror or exc}); waiting for the next save")
            return False
        if data == self.last and not pipeline.stale(self.outputs):
            say(f"{file}: no change since the last render")
            return True
        report = pipeline.check(data)
        for d in report.diagnostics:
            say(str(d))
        if not report.ok or report.timeline is None:
            say(f"{summary(report.diagnostics, str(file))}; kept the previous outputs in {out}")
            return False
        for d in pipeline.untranslated(report.timeline):
            say(str(d))
        try:
            options = _with_changes(self.options, report.timeline, self.earlier)
            pipeline = Pipeline(file, out, self.views, options)
            outputs = pipeline.outputs(report.timeline, notice=say)
            written = pipeline.write(outputs, data, only_changed=True)
        except UnknownView as exc:
            say(f"{file}: {exc}; kept the previous outputs in {out}")
            return False
        except Exception as exc:  # a failing renderer must not end the watch
            say(f"timeline: error: rendering failed ({type(exc).__name__}: {exc})")
            return False
        self.last, self.outputs = data, outputs
        for path in written:
            say(f"wrote {path}")
        if not written:
            say(f"{out}: up to date")
        return True


def _say(message: str) -> None:
    typer.echo(f"[{time.strftime('%H:%M:%S')}] {message}", err=True)
