"""No input file can crash the loader: fuzzing over bytes, YAML-like text and mutations."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import check_bytes
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
