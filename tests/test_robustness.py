"""No input file can crash the loader: fuzzing over bytes, YAML-like text and mutations."""

from __future__ import annotations

import contextlib
import re
import zoneinfo
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from timeline import check_bytes, load_bytes
from timeline.cli import app
from timeline.loader import _nodes as _yamlnodes

from .conftest import ROOT, SAMPLE

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_clean(data: bytes) -> None:
    report = check_bytes(data, "fuzz.yaml")
    assert report.timeline is not None or report.errors
    for d in report.diagnostics:
        assert d.line >= 1
        assert d.col >= 1
        assert "\n" not in str(d)
        assert str(d).startswith("fuzz.yaml:")


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    """Arbitrary bytes give a chronology or diagnostics, never an exception."""
    _assert_clean(data)


_TOKENS = st.sampled_from(
    [
        "title: T\n",
        "events:\n",
        "  - ",
        "date: ",
        "2011",
        "2024-02-30",
        "2011-03/..",
        "title: ",
        "a",
        "{",
        "}",
        "[",
        "]",
        ", ",
        ": ",
        "&x ",
        "*x",
        "!!binary ",
        "<<: ",
        "? ",
        "\n",
        "    ",
        "\t",
        "'",
        '"',
        "|\n",
        ">-\n",
        "#c\n",
        "---\n",
        "~",
        "%",
        "?",
        "sources: [s]",
        "views:\n",
        "  v: {from: 2011}",
        "end: ..",
        "id: x\n",
        "\u202e",
        "groups:\n  g: {color: red}\n",
        "importance: 3",
        "certainty: claimed",
        "\x00",
        "\r\n",
    ]
)


@FUZZ
@given(st.lists(_TOKENS, max_size=60))
def test_yaml_like_text_never_crashes(tokens: list[str]) -> None:
    """Token soup built from the format's own pieces never crashes the loader."""
    _assert_clean("".join(tokens).encode("utf-8"))


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_mutated_sample_never_crashes(data: st.DataObject) -> None:
    """Deleting, duplicating or replacing a slice of the sample never crashes the loader."""
    original = SAMPLE.read_bytes()
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, min(len(original), start + 200)))
    action = data.draw(st.sampled_from(["delete", "duplicate", "replace"]))
    if action == "delete":
        mutated = original[:start] + original[end:]
    elif action == "duplicate":
        mutated = original[:end] + original[start:end] + original[end:]
    else:
        mutated = original[:start] + data.draw(st.binary(max_size=20)) + original[end:]
    _assert_clean(mutated)


def test_oversized_file_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over the size limit gets one error and is never parsed."""
    monkeypatch.setattr(_yamlnodes, "MAX_BYTES", 100)

    def no_parse(*args: object) -> None:
        raise AssertionError("parsed an oversized file")

    monkeypatch.setattr(_yamlnodes, "_build", no_parse)
    report = check_bytes(b"title: T\nevents: []\n" + b"#" * 200, "big.yaml")
    assert [str(d) for d in report.diagnostics] == [
        "big.yaml:1:1: error: file is 220 bytes; the limit is 100 bytes "
        "(hint: split the chronology into several files)"
    ]


def test_sample_is_valid_without_warnings() -> None:
    """The sample chronology validates with no errors and no warnings."""
    report = check_bytes(SAMPLE.read_bytes(), "timeline.yaml")
    assert [str(d) for d in report.diagnostics] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_command_survives_mutated_inputs(data: st.DataObject) -> None:
    """For mutated samples that still validate, text rendering, every export and fmt either
    succeed or fail with the tool's own errors, never another exception."""
    from timeline.errors import TimelineError
    from timeline.fmt import format_text
    from timeline.formats import EXPORTERS, export_bytes
    from timeline.render import RenderOptions, render_view

    original = SAMPLE.read_bytes()
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, min(len(original), start + 120)))
    mutated = original[:start] + data.draw(st.binary(max_size=12)) + original[end:]
    report = check_bytes(mutated, "fuzz.yaml")
    if report.timeline is None or not report.ok:
        return
    t = report.timeline
    for name in t.view_names():
        outputs = render_view(t, t.view(name), RenderOptions(formats=("md", "txt", "html")))
        assert set(outputs) == {f"{name}.md", f"{name}.txt", f"{name}.html"}
    for fmt in EXPORTERS:
        assert export_bytes(t, fmt)
    with contextlib.suppress(TimelineError):  # refused with the formatter's own message
        format_text(mutated.decode("utf-8"), file="fuzz.yaml")


def test_interrupt_during_render_leaves_previous_outputs(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT) in the middle of a render: exit 130, no traceback, the previous
    outputs intact and no temporary file left behind."""
    import signal
    import subprocess
    import sys
    import time

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import chronology

    src = tmp_path / "big.yaml"
    src.write_text(chronology(3000), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    previous = {f"{v}.{ext}": b"previous" for v in ("overview", "cluster") for ext in ("md", "txt")}
    for name, content in previous.items():
        (out / name).write_bytes(content)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "timeline",
            "render",
            str(src),
            "-o",
            str(out),
            "-q",
            "--format",
            "png,svg,pdf,md,txt",
        ],
        stderr=subprocess.PIPE,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the render finished before the interrupt arrived")
    assert proc.returncode == 130
    assert b"Traceback" not in err
    assert err.decode().strip() == "timeline: interrupted"
    for name, content in previous.items():
        assert (out / name).read_bytes() == content
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


# -- hardening: inputs that once crashed a command or cost minutes ---------------------------

runner = CliRunner()


def _write(tmp_path: Path, text: str, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lower_case_utc_is_refused_so_no_export_meets_it(tmp_path: Path) -> None:
    """A zone the IANA database spells otherwise ('utc') is an error naming the spelling,
    so `export --to ics` never meets a zone name zoneinfo cannot find."""
    src = _write(
        tmp_path, "title: T\ntimezone: utc\nevents:\n  - {date: 2011-03-15T10:00, title: a}\n"
    )
    result = runner.invoke(app, ["export", str(src), "--to", "ics"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{src}:2:11: error: unknown time zone 'utc' "
        "(hint: did you mean 'UTC'? zone names are case-sensitive)"
    )


@given(st.sampled_from(sorted(zoneinfo.available_timezones() - {"localtime"})))
@settings(max_examples=25, deadline=None)
def test_every_zone_the_loader_accepts_exports_to_ics(zone: str) -> None:
    """Every zone name the loader accepts is one the ICS writer can find (one canonical
    name from the loader on)."""
    from timeline.formats import export

    text = f"title: T\ntimezone: {zone}\nevents:\n  - {{date: 2011-03-15T10:00, title: a}}\n"
    report = check_bytes(text.encode(), "z.yaml")
    if zone in ("posixrules", "Factory"):
        assert report.errors
        return
    assert report.timeline is not None
    assert not report.errors
    assert "BEGIN:VEVENT" in export(report.timeline, "ics")


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e999"])
def test_width_that_is_not_a_finite_number_is_a_usage_error(tmp_path: Path, value: str) -> None:
    """`render --width nan` (which passes a range check: NaN compares false) is exit 2."""
    src = _write(tmp_path, "title: T\nevents:\n  - {date: 2011, title: a}\n")
    result = runner.invoke(app, ["render", str(src), "-o", str(tmp_path / "o"), "--width", value])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"timeline: error: --width '{value}' is ")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_chart_options_refuse_nan_from_library_callers() -> None:
    """A library caller giving a NaN width gets a ValueError before anything is drawn."""
    from timeline.render.chart.limits import check_size

    with pytest.raises(ValueError, match="chart width must be a positive number, not nan"):
        check_size(float("nan"), 1.0, 200, raster=True)


@pytest.mark.parametrize("layout", ["across", "down"])
@pytest.mark.parametrize(
    ("zone", "date"),
    [("Asia/Tokyo", "0001-01-01T00:00"), ("America/New_York", "9999-12-31T23:59:59")],
)
def test_html_of_the_first_and_last_minutes_of_the_calendar(
    zone: str, date: str, layout: str
) -> None:
    """A time whose instant falls in year 0 or 10000 in UTC gives a page (with its offset:
    the offset of the wall time, not of a datetime the calendar cannot hold) and charts,
    drawn across or down."""
    from timeline.render import RenderOptions, render

    t = load_bytes(
        f"title: T\ntimezone: {zone}\nevents:\n  - {{date: {date}, title: a}}\n".encode()
    )
    out = render(t, None, RenderOptions(formats=("html", "png", "svg"), layout=layout))
    page = out["timeline.html"].decode()
    offset = "+09:18" if zone == "Asia/Tokyo" else "-05:00"
    assert re.search(f'<time datetime="?{re.escape(date + offset)}"?>', page)
    assert out["timeline.png"].startswith(b"\x89PNG")


def test_derived_ids_are_numbered_in_linear_time() -> None:
    """Making n ids that share a stem looks at O(n) candidates, also when many long bases
    are cut to the same stem (each used twice): no quadratic numbering."""
    from timeline.spec import IdMaker

    class Counting(set[str]):
        looked = 0

        def __contains__(self, item: object) -> bool:
            Counting.looked += 1
            return super().__contains__(item)

    for bases in (["a"] * 2000, ["x" * 62 + f"{i:05d}" for i in range(1000) for _ in "ab"]):
        Counting.looked = 0
        maker = IdMaker(Counting())
        made = [maker.make(b) for b in bases]
        assert len(set(made)) == len(made) == len(bases)
        assert all(len(m) <= 64 for m in made)
        assert Counting.looked <= 3 * len(bases)


def test_did_you_mean_stays_within_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 mistyped references among 2,000 ids compare at most BUDGET names in all; the
    first ones still get their suggestion, the rest a list of known names."""
    import difflib

    from timeline.loader.validate import _Suggester

    compared = 0
    real = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], *args: object, **kw: object) -> list[str]:
        nonlocal compared
        compared += len(possibilities)
        return real(word, possibilities, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    n = 2000
    text = "title: T\nevents:\n" + "".join(
        f"  - {{id: event-{i:04d}, date: 2011, title: a, related: [evnt-{i:04d}]}}\n"
        for i in range(n)
    )
    report = check_bytes(text.encode())
    unknown = [d for d in report.errors if d.message.startswith("unknown event")]
    assert len(unknown) == n
    assert compared <= _Suggester.BUDGET
    assert unknown[0].hint == "did you mean 'event-0000'?"
    assert unknown[-1].hint is not None
    assert unknown[-1].hint.startswith("known events: event-0000")


def test_a_huge_date_is_refused_without_being_scanned() -> None:
    """A 950,000-character date is one short error: its length is checked before any
    pattern runs over it (scanning it once took 28 s), and the message quotes 20 characters."""
    from timeline.dates import _DATE_RE

    class Refuse:
        def fullmatch(self, text: str) -> None:
            raise AssertionError("the date pattern ran on a long text")

    text = "2011-" + "1" * 950_000
    import timeline.dates as dates

    original = dates._DATE_RE
    dates._DATE_RE = Refuse()  # type: ignore[assignment]
    try:
        with pytest.raises(dates.DateError) as info:
            dates.parse_when(text)
    finally:
        dates._DATE_RE = original
    assert original is _DATE_RE
    assert (
        str(info.value)
        == "'2011-111111111111111'... is 950,005 characters long; no date is longer than 64"
    )


def test_validate_dev_zero_ends_with_the_size_limit() -> None:
    """`timeline validate /dev/zero` stops at the size limit instead of reading forever."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    from timeline.spec import MAX_BYTES

    result = runner.invoke(app, ["validate", "/dev/zero"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"/dev/zero:1:1: error: file is larger than {MAX_BYTES:,} bytes; the limit is "
        f"{MAX_BYTES:,} bytes (hint: split the chronology into several files)",
        "/dev/zero: 1 error, 0 warnings",
    ]


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A (sparse) 3 GB file is refused from its size alone: not one byte is read."""
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:
        f.truncate(3 * 1024**3)
    from timeline import check

    report = check(big)
    assert [d.message for d in report.diagnostics] == [
        "file is 3,221,225,472 bytes; the limit is 67,108,864 bytes"
    ]
    result = runner.invoke(app, ["render", str(big), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{big}:1:1: error: file is 3,221,225,472 bytes")


def test_more_events_than_the_limit_are_refused_while_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A chronology with more events than MAX_EVENTS is refused at the first one too many,
    before the model is built."""
    monkeypatch.setattr(_yamlnodes, "MAX_EVENTS", 3)
    report = check_bytes(b"title: T\nevents:\n" + b"  - {date: 2011, title: a}\n" * 5)
    assert [str(d) for d in report.diagnostics] == [
        "timeline.yaml:6:5: error: more than 3 events; the limit is 3 "
        "(hint: split the chronology into several files)"
    ]


def test_too_many_lanes_are_refused_before_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2,000 groups of one event each: the chart is refused (exit 1, one line) before the
    chart code is even loaded; nothing is written."""
    import timeline.render.outputs as render_module

    def no_chart() -> None:
        raise AssertionError("the chart was started")

    monkeypatch.setattr(render_module, "_chart_module", no_chart)
    groups = "".join(f"  g{i}: {{label: G{i}}}\n" for i in range(2000))
    events = "".join(f"  - {{date: 2011, title: e{i}, group: g{i}}}\n" for i in range(2000))
    src = _write(tmp_path, f"title: T\ngroups:\n{groups}events:\n{events}")
    result = runner.invoke(app, ["render", str(src), "-o", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "timeline: error: the chart of view 'timeline' would need 2,000 lanes; a chart holds "
        "at most 100 (hint: select fewer groups with the view's 'groups', or render only text "
        "with --format md,txt)"
    )
    assert not (tmp_path / "o").exists()
    text = runner.invoke(app, ["render", str(src), "-o", str(tmp_path / "o"), "--format", "md"])
    assert text.exit_code == 0


def test_a_chart_of_too_many_events_is_refused_before_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A view of 10,001 events: its chart (and the page showing it) is refused (exit 1, one
    line) before the chart code is loaded, nothing is written, and its text still renders."""
    import timeline.render.outputs as render_module

    def no_chart() -> None:
        raise AssertionError("the chart was started")

    monkeypatch.setattr(render_module, "_chart_module", no_chart)
    src = _write(tmp_path, "title: T\nevents:\n" + "  - {date: 2011, title: a}\n" * 10_001)
    for formats in ("png", "html"):
        out = tmp_path / "o"
        args = ["render", str(src), "-o", str(out), "--format", formats, "-q"]
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert result.stderr.strip().splitlines()[-1] == (
            "timeline: error: the chart of view 'timeline' would draw 10,001 events; a chart "
            "draws at most 10,000 (hint: narrow the view with 'from', 'to', 'groups', 'tags' "
            "or 'min_importance', or render only text with --format md,txt)"
        )
        assert not out.exists()
    text = runner.invoke(app, ["render", str(src), "-o", str(tmp_path / "o"), "--format", "md"])
    assert text.exit_code == 0
    assert (tmp_path / "o" / "timeline.md").read_text(encoding="utf-8").count("\n") > 10_001


def test_charts_of_too_many_events_together_are_refused_before_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three views of 7,000 events each: each chart is within its limit, all three together
    are not; the render is refused (exit 1, one line) before any chart is laid out, and
    one view alone still renders its text."""
    import timeline.render.outputs as render_module

    def no_chart() -> None:
        raise AssertionError("the chart was started")

    monkeypatch.setattr(render_module, "_chart_module", no_chart)
    views = "views:\n" + "".join(f"  v{i}: {{from: 2011}}\n" for i in range(3))
    events = "events:\n" + "  - {date: 2011, title: a}\n" * 7_000
    src = _write(tmp_path, f"title: T\n{views}{events}")
    out = tmp_path / "o"
    result = runner.invoke(app, ["render", str(src), "-o", str(out), "--format", "svg", "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "timeline: error: the charts of 3 views would draw 21,000 events together; one render "
        "draws at most 20,000 (hint: render fewer views with --view, narrow the views with "
        "'from', 'to', 'groups', 'tags' or 'min_importance', or render only text with "
        "--format md,txt)"
    )
    assert not out.exists()
    args = ["render", str(src), "-o", str(out), "--format", "md,txt", "--view", "v1"]
    assert runner.invoke(app, args).exit_code == 0


def test_a_chart_over_the_pixel_limit_is_refused_before_rasterising() -> None:
    """A PNG over MAX_PIXELS (once: 219,222 px tall, 2.4 GB) is refused; SVG is not."""
    from timeline.render.chart.limits import MAX_PIXELS, ChartTooLarge, check_size

    check_size(40.0, 100.0, 50, raster=True)
    check_size(40.0, 100.0, 600, raster=False)
    with pytest.raises(ChartTooLarge, match=f"the limit is {MAX_PIXELS:,}"):
        check_size(40.0, 100.0, 600, raster=True)
    with pytest.raises(ChartTooLarge, match="inches tall"):
        check_size(12.0, 1096.0, 200, raster=False)


def test_show_prints_no_control_character_a_file_can_hold(tmp_path: Path) -> None:
    """No title, label or place that validates can make `show` print a carriage return, a
    tab or another control character (a terminal would draw a fake title over the real
    one): such text is refused where it is written."""
    good = _write(
        tmp_path,
        'title: T\ngroups:\n  g: {label: "G H"}\nevents:\n'
        '  - {date: 2011, title: "A B \u00e9", group: g, place: "p"}\n',
    )
    result = runner.invoke(app, ["show", str(good)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["2011  A B \u00e9  [G H]"]
    for bad in ("A\\rB", "A\\tB", "A\\u2028B", "A\\x85B", "A\\x1b[2KB"):
        src = _write(tmp_path, f'title: T\nevents:\n  - {{date: 2011, title: "{bad}"}}\n')
        result = runner.invoke(app, ["show", str(src)])
        assert result.exit_code == 1, bad
        assert result.stdout == ""
        assert not any(c in result.stderr for c in "\r\t\x85\u2028\u2029\x1b")


@pytest.mark.parametrize("zone_first", [True, False])
def test_events_are_checked_in_the_zone_wherever_it_is_written(zone_first: bool) -> None:
    """The fast reader checks events in the chronology's zone whether `timezone` comes
    before or after `events` (a gap time and a reversed period are errors either way)."""
    zone = "timezone: Europe/Berlin\n"
    events = (
        "events:\n"
        "  - {date: 2024-03-31T02:30, title: gap}\n"
        "  - {date: 2024-06-01T10:00/2024-06-01T07:30Z, title: reversed}\n"
    )
    text = "title: T\n" + (zone + events if zone_first else events + zone)
    report = check_bytes(text.encode())
    assert [d.message for d in report.errors] == [
        "2024-03-31T02:30 does not exist in Europe/Berlin: the clocks skipped that hour",
        "period ends (2024-06-01T07:30Z) before it starts (2024-06-01T10:00)",
    ]


def test_the_pixels_of_all_parts_of_a_view_count_together() -> None:
    """The PNG parts of one view are drawn side by side, so their pixels are bounded
    together: three page-sized parts at 1,000 dpi (1.8 GB when drawn) are refused before
    any is drawn, one of them alone is not."""
    from timeline.render.chart.limits import ChartTooLarge, check_pixels

    page = (9.45, 6.3)
    check_pixels([page], 1000, "v")
    with pytest.raises(ChartTooLarge) as info:
        check_pixels([page, page, page], 1000, "v")
    assert str(info.value) == (
        "the PNG chart of view 'v' would have 178,605,000 pixels in 3 parts; the limit is "
        "64,000,000 (hint: lower --dpi, or render svg or pdf)"
    )


def test_a_load_never_keeps_earlier_garbage_alive() -> None:
    """Loading after other work (a render, in ``watch`` or a library caller) leaves earlier
    unreachable cycles collectable: the loader's collector freeze once kept a render's
    figures for ever, tens of megabytes a load."""
    import gc
    import weakref

    from timeline.loader.validate import check_bytes

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    dead = Cycle()
    ref = weakref.ref(dead)
    del dead
    report = check_bytes(SAMPLE.read_bytes(), "timeline.yaml")
    assert report.ok
    gc.collect()
    assert ref() is None
