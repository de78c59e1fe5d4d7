"""``timeline fmt``: the canonical form, what it keeps, and its safety proof."""

from __future__ import annotations

import dataclasses
import gc
import itertools
import os
import re
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from timeline import fmt as fmt_module
from timeline.cli import app
from timeline.fmt import (
    FileChanged,
    FormatError,
    FormatMode,
    InvalidInput,
    format_file,
    format_text,
)
from timeline.fmt import _aside as _fmt_aside
from timeline.fmt import _emit as _fmt_emit
from timeline.fmt import _events as _fmt_events
from timeline.fmt import _proof as _fmt_proof
from timeline.fmt import _read as _fmt_read
from timeline.fmt import _tree as _fmt_tree
from timeline.loader import _nodes as _yamlnodes
from timeline.loader.validate import check_bytes
from timeline.model import Timeline

from .conftest import DATA, REGEN, SAMPLE

runner = CliRunner()
GOLDEN = DATA / "fmt"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def _load(text: str) -> Timeline:
    report = check_bytes(text.encode("utf-8"))
    assert report.ok, report.errors
    assert report.timeline is not None
    return report.timeline


def _events_by_id(t: Timeline) -> dict[str, object]:
    return {e.id: dataclasses.replace(e, index=0) for e in t.events}


# -- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    """Each messy input formats to exactly its expected bytes (BOM and line ends included)."""
    folder = GOLDEN / case
    data = (folder / "input.yaml").read_bytes()
    result = format_text(data.decode("utf-8")).encode("utf-8")
    expected_path = folder / "expected.yaml"
    if REGEN:
        expected_path.write_bytes(result)
    assert result == expected_path.read_bytes()


@pytest.mark.parametrize("case", CASES)
def test_golden_expected_is_stable(case: str) -> None:
    """Formatting an expected output again changes nothing."""
    data = (GOLDEN / case / "expected.yaml").read_bytes()
    assert format_text(data.decode("utf-8")).encode("utf-8") == data


@pytest.mark.parametrize("case", CASES)
def test_golden_through_the_command(case: str, tmp_path: Path) -> None:
    """`timeline fmt FILE` writes the expected bytes and a second run leaves them alone."""
    path = tmp_path / "timeline.yaml"
    path.write_bytes((GOLDEN / case / "input.yaml").read_bytes())
    expected = (GOLDEN / case / "expected.yaml").read_bytes()
    first = runner.invoke(app, ["fmt", str(path)])
    assert first.exit_code == 0, first.output
    assert path.read_bytes() == expected
    second = runner.invoke(app, ["fmt", "--check", str(path)])
    assert second.exit_code == 0, second.output


def test_goldens_cover_the_required_cases() -> None:
    """The golden inputs hold CRLF, a BOM, unsorted events, comments and '#' in block text."""
    inputs = {case: (GOLDEN / case / "input.yaml").read_bytes() for case in CASES}
    assert any(b"\r\n" in data for data in inputs.values())
    assert any(data.startswith(b"\xef\xbb\xbf") for data in inputs.values())
    assert re.search(rb"\|\n +# ", inputs["block-scalars"])
    assert b'"no"' in inputs["quoting"]
    assert b'"2011"' in inputs["quoting"]


def test_block_scalar_lines_starting_with_hash_stay_text() -> None:
    """A '#' line inside a literal block is text: it stays in the summary, not a comment."""
    text = (GOLDEN / "block-scalars" / "input.yaml").read_text(encoding="utf-8")
    out = format_text(text)
    later = next(e for e in _load(out).events if e.id == "later")
    assert later.summary is not None
    assert later.summary.startswith("# This line starts with a hash")


def test_sample_is_already_formatted() -> None:
    """The sample chronology is in canonical form: fmt changes nothing."""
    if not SAMPLE.exists():
        pytest.skip("the sample chronology is not there")
    text = SAMPLE.read_text(encoding="utf-8")
    assert format_text(text, file=str(SAMPLE)) == text


def test_formatted_text_comes_back_without_the_proof(monkeypatch: pytest.MonkeyPatch) -> None:
    """An already formatted text is returned as it is without running the proof (it would
    compare the text with itself); a text that changes is still proven."""
    formatted = (GOLDEN / "comments" / "expected.yaml").read_text(encoding="utf-8")
    messy = (GOLDEN / "comments" / "input.yaml").read_text(encoding="utf-8")
    assert formatted != messy
    proven: list[str] = []
    real = _fmt_proof.prove

    def counted(*args: object) -> object:
        proven.append("proof")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_fmt_proof, "prove", counted)
    assert format_text(formatted) == formatted
    assert proven == []
    assert format_text(messy) == formatted
    assert proven == ["proof"]


def test_the_proof_does_not_read_the_original_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text that changes is proven against the values the validator read while checking
    it (its events kept apart), not a second reading of it."""
    readings: list[str] = []
    real = _fmt_proof._data

    def counted(text: str, timeline: Timeline) -> object:
        readings.append(text)
        return real(text, timeline)

    monkeypatch.setattr(_fmt_proof, "_data", counted)
    messy = (GOLDEN / "comments" / "input.yaml").read_text(encoding="utf-8")
    expected = (GOLDEN / "comments" / "expected.yaml").read_text(encoding="utf-8")
    assert format_text(messy) == expected
    first, second = (
        "  - id: b\n    date: 2012\n    title: B\n    x-note: {a: 1}\n",
        "  - id: a\n    date: 2011\n    title: A\n",
    )
    unsorted = f"title: T\n\nevents:\n{first}\n{second}"
    assert format_text(unsorted) == f"title: T\n\nevents:\n{second}\n{first}"
    assert readings == []


@pytest.mark.parametrize(
    ("text", "listens"),
    [
        ("# top\n\n---  # start\ntitle: T\nevents: []\n", True),
        ("title: T\nevents:\n  - date: 2011\n    title: A\n", True),
        ("title: T  # beside\nevents: []\n", False),
        ("title: C# and F#\nevents: []\n", False),
        ("title: T\nevents:\n  # above\n  - date: 2011\n    title: A\n", False),
    ],
    ids=["comments-above", "none", "beside", "hash-in-value", "comment-below"],
)
def test_the_validator_is_listened_to_only_when_the_events_reader_may_read(
    text: str, listens: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A '#' below the first key leaves the tree to the token reader: the validator's events
    are then not listened to, nor read beside it (it would only cost time); the text formats
    the same."""
    made: list[str] = []
    real = fmt_module.Aside

    def counted(body: str) -> object:
        made.append(body)
        return real(body)

    expected = format_text(text)
    monkeypatch.setattr(fmt_module, "Aside", counted)
    assert format_text(text) == expected
    assert bool(made) == listens


def test_checking_a_formatted_text_parses_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The layout tree of a text with no comment below its first key is read from the
    events the validator gets from libyaml: one parse for both (two when the file's bytes
    differ from the formatter's text, as with Windows line breaks)."""
    parsers: list[str] = []

    class Counted(yaml.CSafeLoader):
        def __init__(self, stream: str) -> None:
            parsers.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(yaml, "CSafeLoader", Counted)
    first, second = (
        "  - id: a\n    date: 2011\n    title: A\n",
        "  - id: b\n    date: 2012\n    title: B\n",
    )
    formatted = f"# A chronology\ntitle: T\n\nevents:\n{first}\n{second}"
    assert format_text(formatted) == formatted
    assert parsers == [formatted]
    parsers.clear()
    path = tmp_path / "timeline.yaml"
    path.write_bytes(formatted.replace("\n", "\r\n").encode("utf-8"))
    assert not format_file(path, check=True).changed
    assert len(parsers) == 2


@pytest.mark.parametrize("case", CASES)
def test_a_large_file_formats_the_same(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the chronology is let go before the layout tree is read (as for a large file
    whose tree is read from tokens), each golden input formats to the same bytes, its proof
    reading the original again."""
    monkeypatch.setattr(fmt_module, "_RELEASE_ABOVE", 0)
    monkeypatch.setattr(fmt_module, "_no_comment_below_top", lambda body: False)
    proven: list[bool] = []
    real = _fmt_proof.prove

    def counted(*args: object) -> object:
        proven.append(args[1] is None)  # the original's chronology, let go
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_fmt_proof, "prove", counted)
    folder = GOLDEN / case
    path = tmp_path / "timeline.yaml"
    path.write_bytes((folder / "input.yaml").read_bytes())
    result = format_file(path)
    assert path.read_bytes() == (folder / "expected.yaml").read_bytes()
    assert result.changed == (proven == [True])
    assert proven in ([], [True])


def test_a_large_file_without_comments_below_its_top_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file whose layout tree is read while validating keeps its chronology for the
    proof (its tree is small: each event is written as it is read), and is parsed once."""
    monkeypatch.setattr(fmt_module, "_RELEASE_ABOVE", 0)
    proven: list[bool] = []
    real = _fmt_proof.prove

    def counted(*args: object) -> object:
        proven.append(args[1] is None)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_fmt_proof, "prove", counted)
    monkeypatch.setattr(fmt_module, "_read_tree", None)  # never read apart
    path = tmp_path / "timeline.yaml"
    path.write_text(
        "# Two events, the later first.\ntitle: T\nevents:\n"
        "  - title: B\n    date: 2012\n    summary: |\n      Two\n      lines\n"
        "  - {date: 2011, title: A}\n",
        encoding="utf-8",
    )
    assert format_file(path).written
    assert proven == [False]
    assert path.read_text(encoding="utf-8") == (
        "# Two events, the later first.\ntitle: T\n\nevents:\n"
        "  - date: 2011\n    title: A\n\n"
        "  - date: 2012\n    title: B\n    summary: |\n      Two\n      lines\n"
    )


def test_a_read_tree_is_freed_when_dropped() -> None:
    """The formatter's tree has no reference cycles: dropped, it is freed at once even with
    the cycle collector paused (as fmt pauses it), so the proof never holds two trees."""
    text = (GOLDEN / "comments" / "input.yaml").read_text(encoding="utf-8")
    gc.collect()
    gc.disable()
    try:
        doc = _fmt_read.read(text)
        del doc
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_keep_order_keeps_the_written_order() -> None:
    """With sort_events=False the events stay in file order; everything else is canonical."""
    text = "title: T\nevents:\n  - {title: B, date: 2012}\n  - {date: 2011, title: A}\n"
    out = format_text(text, mode=FormatMode(sort_events=False))
    assert [e.title for e in _load(out).events] == ["B", "A"]
    assert "  - date: 2012\n    title: B\n" in out


# -- what it refuses -------------------------------------------------------------------------


def test_invalid_text_is_refused_with_diagnostics() -> None:
    """A text that does not validate raises InvalidInput carrying the validator's errors."""
    with pytest.raises(InvalidInput) as info:
        format_text("title: T\nevents:\n  - {date: 2024-02-30, title: x}\n")
    assert any("February 2024 has 29 days" in d.message for d in info.value.diagnostics)


def test_reordering_events_without_ids_that_would_swap_their_ids_is_refused() -> None:
    """Two id-less events with the same date and title keep their derived ids or fmt refuses."""
    text = (
        "title: T\nevents:\n  - {date: 2011, end: 2013, title: x}\n"
        "  - {date: 2011, title: x, related: [2011-x]}\n"
    )
    with pytest.raises(FormatError, match="give each of them an 'id'"):
        format_text(text)


def test_two_comments_beside_one_entry_are_refused() -> None:
    """A comment inside '[' and another after ']' on one entry cannot both stay beside it."""
    text = "title: T\nevents:\n  - date: 2011\n    title: x\n    tags: [  # one\n      a]  # two\n"
    with pytest.raises(FormatError, match="two comments beside one entry"):
        format_text(text)


# -- the file: check, diff, atomic write, mode, refusing to overwrite ---------------------------

MESSY = (
    "title: T\nevents:\n  # the later one\n  - {date: 2012, title: B}\n  - {date: 2011, title: A}\n"
)


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.yaml"
    path.write_text(MESSY, encoding="utf-8")
    return path


def test_check_reports_and_writes_nothing(messy: Path) -> None:
    """--check exits 1 saying 'would reformat FILE' and leaves the file as it was."""
    result = runner.invoke(app, ["fmt", "--check", str(messy)])
    assert result.exit_code == 1
    assert f"would reformat {messy}" in result.stderr
    assert messy.read_text(encoding="utf-8") == MESSY


def test_diff_prints_a_unified_diff_and_writes_nothing(messy: Path) -> None:
    """--diff prints a unified diff of the change to standard output and writes nothing."""
    result = runner.invoke(app, ["fmt", "--diff", str(messy)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"--- {messy} (original)\n+++ {messy} (formatted)\n")
    assert "+  - date: 2011\n" in result.stdout
    assert messy.read_text(encoding="utf-8") == MESSY


def test_formatting_keeps_the_file_mode(messy: Path) -> None:
    """The rewritten file keeps its permission bits."""
    messy.chmod(0o640)
    assert runner.invoke(app, ["fmt", str(messy)]).exit_code == 0
    assert stat.S_IMODE(messy.stat().st_mode) == 0o640
    assert messy.read_text(encoding="utf-8") != MESSY


def test_a_symlink_is_followed_not_replaced(messy: Path, tmp_path: Path) -> None:
    """Formatting through a symlink rewrites its target and leaves the link a link."""
    link = tmp_path / "link.yaml"
    link.symlink_to(messy)
    assert runner.invoke(app, ["fmt", str(link)]).exit_code == 0
    assert link.is_symlink()
    assert messy.read_text(encoding="utf-8").startswith("title: T\n\nevents:\n  - date: 2011")


def test_invalid_file_is_refused_with_its_diagnostics(tmp_path: Path) -> None:
    """An invalid file is never touched: the diagnostics are printed as validate does, exit 1."""
    path = tmp_path / "bad.yaml"
    text = "title: T\nevents:\n  - {date: 2011, titel: x}\n"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["fmt", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3:18: error: unknown key 'titel' in an event" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    """A file that does not exist exits 2."""
    result = runner.invoke(app, ["fmt", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_interrupted_write_leaves_the_original_and_no_temporary_file(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during the final rename leaves the original bytes and no temporary file."""

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        format_file(messy)
    assert messy.read_text(encoding="utf-8") == MESSY
    assert [p.name for p in messy.parent.iterdir()] == ["timeline.yaml"]


def test_a_file_changed_while_formatting_is_not_overwritten(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the file changes on disk between reading and writing, fmt refuses (exit 1)."""
    real = fmt_module._format_text
    edited = MESSY.replace("title: A", "title: A2")

    def meanwhile(*args: object, **kwargs: object) -> object:
        messy.write_text(edited, encoding="utf-8")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fmt_module, "_format_text", meanwhile)
    with pytest.raises(FileChanged):
        format_file(messy)
    assert messy.read_text(encoding="utf-8") == edited
    messy.write_text(MESSY, encoding="utf-8")
    result = runner.invoke(app, ["fmt", str(messy)])
    assert result.exit_code == 1
    assert "changed on disk" in result.stderr


def test_standard_input_to_standard_output() -> None:
    """`timeline fmt -` reads the text from standard input and prints the formatted text."""
    result = runner.invoke(app, ["fmt", "-"], input=MESSY)
    assert result.exit_code == 0
    assert result.stdout == format_text(MESSY)


# -- the safety proof catches a broken formatter ----------------------------------------------

BROKEN_INPUT = """title: T
events:
  - id: a
    date: 2011
    title: First
    # a note on the first event
  - id: b
    date: 2012
    title: Second
"""


def _break_emitter(monkeypatch: pytest.MonkeyPatch, damage: object) -> None:
    real = _fmt_emit.emit
    calls = itertools.count()

    def broken(doc: object, order: object = None) -> str:
        text = real(doc, order)  # type: ignore[arg-type]
        return damage(text, next(calls))  # type: ignore[operator, no-any-return]

    monkeypatch.setattr(_fmt_emit, "emit", broken)


@pytest.mark.parametrize(
    ("damage", "check"),
    [
        (lambda text, n: text.replace("title: First", "title: Second", 1), "(a)"),
        (lambda text, n: text.replace("    # a note on the first event\n", ""), "(b)"),
        (lambda text, n: text.replace("    # a note", "  # a note"), "(b)"),
        (lambda text, n: text.replace("\nevents:", "\n\n\nevents:") if n == 0 else text, "(c)"),
    ],
    ids=["swap-titles", "drop-comment", "move-comment", "unstable"],
)
@pytest.mark.parametrize("large", [False, True], ids=["small", "large"])
def test_safety_proof_catches_a_broken_formatter(
    damage: object, check: str, large: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault injected into the emitter fails its check: exit 3, file untouched (also when
    the file counts as large: its chronology let go, the proof reading it again)."""
    if large:
        monkeypatch.setattr(fmt_module, "_RELEASE_ABOVE", 0)
    path = tmp_path / "timeline.yaml"
    path.write_text(BROKEN_INPUT, encoding="utf-8")
    _break_emitter(monkeypatch, damage)
    result = runner.invoke(app, ["fmt", str(path)])
    assert result.exit_code == 3, result.output
    assert f"safety check {check} failed" in result.stderr
    assert "internal error" in result.stderr
    assert path.read_text(encoding="utf-8") == BROKEN_INPUT
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.yaml"]


# -- properties ------------------------------------------------------------------------------

DATES = [
    "2011",
    "2011-03",
    "2011-03-15",
    "2012~",
    "2013?",
    "2014-06%",
    "2015-09-30/..",
    "2016-07/2016-12-22",
    "2010/",
    "2024-11-29",
    "2024-11-29T06:30",
    "2024-11-29T06:30+03:00",
]
TITLES = [
    "Protests",
    "no",
    "2011",
    "*starred",
    "a: b",
    "x # y",
    "it's",
    'say "hi"',
    "Café — élan",
    "yes",
    "-dash",
    "[bracket]",
    "null",
    "12:30",
    "#hash",
]


def _plain_reads_back(text: str) -> bool:
    root, problems = _yamlnodes.parse(f"k: {text}\n".encode(), "t")
    if problems or not isinstance(root, _yamlnodes.Mapping):
        return False
    value = root.items[0][1]
    return isinstance(value, _yamlnodes.Scalar) and value.value == text and not value.is_null


@st.composite
def _scalar(draw: st.DrawFn, text: str) -> str:
    styles = ["double", "single"] + (["plain"] if _plain_reads_back(text) else [])
    style = draw(st.sampled_from(styles))
    if style == "plain":
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def chronologies(draw: st.DrawFn) -> tuple[str, list[tuple[str, tuple[object, ...]]]]:
    """A chronology written in varied styles with comments, and where each comment belongs."""
    counter = itertools.count()
    expected: list[tuple[str, tuple[object, ...]]] = []

    def comment(owner: tuple[object, ...]) -> str:
        text = f"# c{next(counter)}"
        expected.append((text, owner))
        return text

    seq = draw(st.sampled_from([0, 2]))
    lines = ["title: Generated", "sources: {s: {title: S}}", "events:"]
    for i in range(draw(st.integers(1, 5))):
        eid = f"e{i}"
        fields = {
            "id": eid,
            "date": draw(st.sampled_from(DATES)),
            "title": draw(_scalar(draw(st.sampled_from(TITLES)))),
            "sources": "[s]",
        }
        if draw(st.booleans()):
            fields["place"] = draw(_scalar(draw(st.sampled_from(TITLES))))
        if draw(st.booleans()):
            fields["certainty"] = draw(st.sampled_from(["claimed", '"disputed"']))
        if draw(st.booleans()):
            fields["x-note"] = draw(st.sampled_from(["yes", '"yes"', "3", "'free text'"]))
        keys = draw(st.permutations(list(fields)))
        dash = " " * seq + "-"
        pad = " " * (seq + 2)
        if draw(st.booleans()):
            lines.append(" " * draw(st.sampled_from([0, seq])) + comment(("above", eid)))
        block_summary = draw(st.sampled_from([None, "|", ">-"]))
        if not draw(st.booleans()) and block_summary is None:
            body = ", ".join(f"{k}: {fields[k]}" for k in keys)
            lines.append(f"{dash} {{{body}}}")
            if draw(st.booleans()):
                lines.append(" " * (seq + 4) + comment(("closing", eid)))
            continue
        if draw(st.booleans()):
            lines.append(f"{dash}  {comment(('beside', eid, '-'))}")
            first_prefix = pad
        else:
            first_prefix = dash + " "
        for n, key in enumerate(keys):
            if n and draw(st.booleans()):
                lines.append(pad + comment(("above", eid, key)))
            line = f"{first_prefix if n == 0 else pad}{key}: {fields[key]}"
            if draw(st.booleans()):
                line += "  " + comment(("beside", eid, key))
            lines.append(line)
        if block_summary is not None:
            lines.append(f"{pad}summary: {block_summary}")
            lines += [pad + "  # a line of text, not a comment", pad + "  second line"]
        if draw(st.booleans()):
            lines.append(pad + comment(("closing", eid)))
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines) + "\n", expected


def _event_blocks(out: list[str]) -> dict[str, tuple[int, int]]:
    """Each event's first and last line in formatted text, by id."""
    starts = [i for i, line in enumerate(out) if re.match(r"  -( |$)", line)]
    end = (
        next(i for i, line in enumerate(out) if line.startswith("views:"))
        if any(line.startswith("views:") for line in out)
        else len(out)
    )
    blocks = {}
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else end
        eid = next(m[1] for line in out[start:stop] if (m := re.search(r"\bid: (e\d+)", line)))
        # The comments at the list's indentation before the next event are that event's.
        last = max(i for i in range(start, stop) if out[i].strip() and not out[i].startswith("  #"))
        blocks[eid] = (start, last)
    return blocks


def _check_owner(out: list[str], text: str, owner: tuple[object, ...]) -> None:
    """Where a comment must be in formatted text, checked line by line."""
    at = next(i for i, line in enumerate(out) if line.endswith(text))
    blocks = _event_blocks(out)
    kind, eid = owner[0], str(owner[1])
    start, last = blocks[eid]
    following = next(i for i in range(at + 1, len(out)) if not out[i].lstrip().startswith("#"))
    if kind == "above" and len(owner) == 2:
        assert out[at] == "  " + text
        assert following == start
    elif kind == "above":
        assert start < at < last
        assert re.match(rf"    {owner[2]}:", out[following])
    elif kind == "beside" and owner[2] == "-":
        assert at == start
        assert out[at] == "  -  " + text
    elif kind == "beside":
        assert start <= at <= last
        assert re.match(rf"  (  |- ){owner[2]}: ", out[at])
    else:
        assert at == last
        assert out[at] == "    " + text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chronologies())
def test_generated_chronologies_keep_data_and_comments(
    case: tuple[str, list[tuple[str, tuple[object, ...]]]],
) -> None:
    """fmt keeps every value and every comment's owner, and formatting again changes nothing."""
    text, owners = case
    assume(check_bytes(text.encode()).ok)
    out = format_text(text)
    assert format_text(out) == out
    assert _events_by_id(_load(out)) == _events_by_id(_load(text))
    lines = out.split("\n")
    for comment_text, owner in owners:
        _check_owner(lines, comment_text, owner)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_comments_anywhere_in_the_sample_never_break_the_proof(data: st.DataObject) -> None:
    """Comment lines and trailing comments dropped anywhere in the sample: fmt either refuses
    an invalid result or formats with its proof passing, never an internal error."""
    if not SAMPLE.exists():
        pytest.skip("the sample chronology is not there")
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for k in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            lines.insert(i, " " * data.draw(st.sampled_from([0, 1, 2, 4, 6])) + f"# c{k}")
        elif lines[i].strip():
            lines[i] += f"  # t{k}"
    text = "\n".join(lines)
    assume(check_bytes(text.encode()).ok)
    out = format_text(text)
    assert out.count("# c") == text.count("# c")
    assert out.count("# t") == text.count("# t")


# -- the two readers -------------------------------------------------------------------------


def _tree_shape(node: object, text: str, role: str = "top") -> object:
    """Everything of a read node that the writer or a comment's placing reads (but the ends
    of entries and collections, which the events reader does not set). An event (a mapping
    in the top level's events list) is what the emitter writes for it: the events reader
    writes each as it reads it."""
    if node is None:
        return None
    if isinstance(node, _fmt_tree.Written):
        return ("written", node.text, node.keep, node.blank_end)
    if isinstance(node, _fmt_tree.Scalar):
        return ("scalar", node.value, node.style, node.raw, node.spans_lines, node.parent_col)
    assert isinstance(node, _fmt_tree.Collection)
    if role == "event" and node.kind == "map":
        return _tree_shape(_fmt_emit.write_event(node, text), text)

    def child(e: _fmt_tree.Entry) -> str:
        if role == "events":
            return "event"
        top_events = role == "top" and e.key is not None and e.key.value == "events"
        return "events" if top_events and node.kind == "map" else ""

    entries = [
        (
            _tree_shape(e.key, text, ""),
            _tree_shape(e.value, text, child(e)),
            e.start,
            e.col,
            e.leading,
            e.trailing,
            e.under,
            e.blank_after_leading,
        )
        for e in node.entries
    ]
    return (node.kind, node.flow, node.start, node.line, node.col, node.depth, node.footer, entries)


def _doc_shape(doc: _fmt_tree.Document) -> object:
    def comments(found: list[_fmt_tree.Comment]) -> object:
        return [(c.text, c.index, c.line, c.col, c.own_line, c.blank_before) for c in found]

    return (
        _tree_shape(doc.root, doc.text),
        doc.explicit_start,
        comments(doc.header),
        comments(doc.intro),
        doc.blank_after_intro,
        comments(doc.footer),
        doc.root_start,
    )


_WORDS = st.sampled_from(["a", "b c", "2011", "no", "x-y", "-1", "null", "~", "é"])
_KEYS = st.sampled_from(
    ["k0", "k1", "date", "title", "x-a", "importance", "tags", "'end'", '"k 2"', "id"]
)


@st.composite
def _yaml_scalar(draw: st.DrawFn, indent: int) -> str:
    """A scalar after ``key:`` or ``-`` at ``indent``, in any style (on one or more lines)."""
    word = draw(_WORDS)
    pad = " " * (indent + 2)
    kind = draw(st.sampled_from(["plain", "single", "double", "lines", "block", "empty"]))
    if kind == "plain":
        return f" {word}"
    if kind == "single":
        return f" '{word}''s'"
    if kind == "double":
        return f' "{word}\\t"'
    if kind == "lines":
        return f" {word}\n{pad}{draw(_WORDS)}"
    if kind == "block":
        header = draw(st.sampled_from(["|", ">", "|-", ">+", "|2", ">1-"]))
        return f" {header}\n{pad}  {word}\n\n{pad}  {draw(_WORDS)}"
    return ""


@st.composite
def _yaml_value(draw: st.DrawFn, indent: int, depth: int) -> str:
    """The value after ``key:`` or ``-`` at ``indent``: a scalar, a flow or a block
    collection (the text from just after the indicator)."""
    kind = draw(st.sampled_from(["scalar", "flow", "map", "list"] if depth < 3 else ["scalar"]))
    pad = " " * (indent + 2)
    if kind == "scalar":
        return draw(_yaml_scalar(indent))
    if kind == "flow":
        items = draw(st.lists(_WORDS, max_size=3))
        if draw(st.booleans()):
            return " [" + ", ".join([*items, "{k: v}"][: len(items) + 1]) + "]"
        return " {" + ", ".join(f"k{i}: {w}" for i, w in enumerate(items)) + "}"
    lines = []
    # Keys of every role (dates, numbers, words, x- data, plain or quoted), in any order.
    keys = draw(st.lists(_KEYS, min_size=3, max_size=3, unique=True))
    for i in range(draw(st.integers(1, 3))):
        if kind == "map":
            lines.append(f"{pad}{keys[i]}:{draw(_yaml_value(indent + 2, depth + 1))}")
        else:
            lines.append(f"{pad}-{draw(_yaml_value(indent + 2, depth + 1)) or ' x'}")
    return "\n" + "\n".join(lines)


@st.composite
def _uncommented_texts(draw: st.DrawFn) -> str:
    """YAML with comments, blank lines and a ``---`` above its first key, none below."""
    top = []
    for i in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            top.append("")
        top.append(" " * draw(st.sampled_from([0, 1, 4])) + f"# above {i}")
    if draw(st.booleans()):
        marker = "---" + ("  # beside it" if draw(st.booleans()) else "")
        top.insert(draw(st.integers(0, len(top))), marker)
    if draw(st.booleans()):
        top.append("")
    keys = draw(st.lists(st.sampled_from(["title", "events", "x-a", "k"]), min_size=1, unique=True))
    body = [f"{key}:{draw(_yaml_value(0, 0))}" for key in keys]
    if draw(st.booleans()):
        body.append("...")
    return "\n".join(top + body) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_uncommented_texts())
def test_the_events_reader_reads_the_tree_the_token_reader_reads(text: str) -> None:
    """A text with no comment below its first key reads from libyaml's events into the tree
    the token reader makes (every style of scalar and collection, comments above)."""
    doc = _fmt_events.read_events(text)
    assert doc is not None
    assert _doc_shape(doc) == _doc_shape(_fmt_read.read_tokens(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_uncommented_texts(), st.randoms(use_true_random=False))
def test_events_written_as_read_are_the_text_the_emitter_writes_in_any_order(
    text: str, random: object
) -> None:
    """The events reader writes each event as it reads it; the file it then makes, with its
    events in any order, is what the emitter writes from the token reader's tree."""
    doc = _fmt_events.read_events(text)
    assert doc is not None
    tokens = _fmt_read.read_tokens(text)
    root = tokens.root
    events = [
        e.value
        for e in (root.entries if isinstance(root, _fmt_tree.Collection) else [])
        if e.key is not None and e.key.value == "events"
    ]
    listed = events[-1] if events else None
    count = len(listed.entries) if isinstance(listed, _fmt_tree.Collection) else 0
    order = list(range(count))
    random.shuffle(order)  # type: ignore[attr-defined]
    try:
        expected = _fmt_emit.emit(tokens, order)
    except _fmt_tree.UnsupportedYAML:
        assume(False)
    assert _fmt_emit.emit(doc, order) == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_uncommented_texts(), st.sampled_from(["", "  # beside"]))
def test_lists_of_words_are_written_as_the_general_path_writes_them(
    text: str, comment: str
) -> None:
    """The emitter's shortcut for ``key: [a, b]`` writes what its general path writes, for
    every style of item (and leaves lists with a comment beside them to it)."""
    _assert_words_as_general(text.replace("]\n", f"]{comment}\n"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(TITLES + DATES), max_size=4).flatmap(
        lambda words: st.tuples(*[_scalar(w) for w in words])
    )
)
def test_event_tags_are_written_as_the_general_path_writes_them(items: tuple[str, ...]) -> None:
    """The shortcut for ``key: [a, b]`` writes an event's tags (plain, quoted, typed) as
    the emitter's general path does."""
    text = f"title: T\nevents:\n  - date: 2011\n    tags: [{', '.join(items)}]\n"
    try:
        _fmt_read.read_tokens(text)
    except _fmt_tree.UnsupportedYAML:
        assume(False)
    _assert_words_as_general(text)


def _assert_words_as_general(text: str) -> None:
    doc = _fmt_read.read_tokens(text)
    try:
        fast = _fmt_emit.emit(doc, None)
    except _fmt_tree.UnsupportedYAML:
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_fmt_emit, "_words", lambda coll, role: None)
        assert _fmt_emit.emit(doc, None) == fast


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_uncommented_texts())
def test_the_events_reader_says_no_comment_lies_below_the_first_key(text: str) -> None:
    """The comments of a tree read from libyaml's events are found without walking it: the
    same owners as walking the token reader's tree of the same text."""
    doc = _fmt_events.read_events(text)
    assert doc is not None
    assert not doc.comments_below
    tokens = _fmt_read.read_tokens(text)
    assert tokens.comments_below
    assert _fmt_proof.comment_owners(doc, []) == _fmt_proof.comment_owners(tokens, [])


@pytest.mark.parametrize(
    "text",
    [
        "title: T  # beside\n",
        "title: T\n# below\n",
        "title: C# and F#\n",
        "title: &a T\nsubtitle: *a\n",
        "title: !!str T\n",
        "%YAML 1.1\n---\ntitle: T\n",
        "? [a]\n: b\n",
        "k: [a: b]\n",
        "k:\n  -\n  - a\n",
        "title: T\n---\ntitle: U\n",
        "- a\n",
        "{title: T}\n",
        "",
    ],
    ids=lambda text: repr(text)[:30],
)
def test_the_events_reader_leaves_comments_and_the_unusual_to_the_token_reader(
    text: str,
) -> None:
    """A comment below the first key (or a '#' in a value), an anchor, alias, tag, directive,
    a key that is not text, ``key: value`` inside ``[...]``, an empty list item, a second
    document or a top level that is not a block mapping: the token reader reads it."""
    assert _fmt_events.read_events(text) is None


# -- the tree read beside the validator ---------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_uncommented_texts())
def test_a_tree_read_in_a_child_process_is_the_tree_read_here(text: str) -> None:
    """The layout tree a forked child reads and sends back is the one the events reader
    reads in this process (events written as read, their places, the rest of the tree)."""
    aside = _fmt_aside.Aside(text, fork=True)
    doc, refused = aside.result()
    assert not refused
    assert doc is not None
    here = _fmt_events.read_events(text)
    assert here is not None
    assert doc.text == text
    assert _doc_shape(doc) == _doc_shape(here)


def test_a_child_process_says_when_the_token_reader_must_read() -> None:
    aside = _fmt_aside.Aside("title: T\n# below\n", fork=True)
    assert aside.result() == (None, True)


@pytest.mark.parametrize(
    "broken",
    [
        lambda doc: 1 / 0,  # the child fails
        lambda doc: b"T\x00\x00",  # a message cut short
        lambda doc: os.kill(os.getpid(), 9),  # the child is killed
    ],
    ids=["error", "short", "killed"],
)
def test_when_the_child_process_fails_the_tree_is_read_here(
    broken: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "title: T\nevents:\n  - {date: 2011, title: A}\n"
    monkeypatch.setattr(_fmt_aside, "_encode", broken)
    doc, refused = _fmt_aside.Aside(text, fork=True).result()
    assert not refused
    assert doc is not None
    assert _fmt_emit.emit(doc) == "title: T\n\nevents:\n  - date: 2011\n    title: A\n"


def test_a_child_process_no_longer_needed_is_stopped_and_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    monkeypatch.setattr(_fmt_aside, "read_events", lambda text: time.sleep(60))
    aside = _fmt_aside.Aside("title: T\n", fork=True)
    pid = aside._pid
    assert pid
    started = time.monotonic()
    aside.close()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already waited for: no process left behind


def test_a_library_caller_never_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Formatting from the library reads beside the validator in its own process, however
    large the text: only the command's own process forks (:mod:`timeline._process`)."""
    forked: list[int] = []
    monkeypatch.setattr(_fmt_aside.os, "fork", lambda: forked.append(1) or 0)
    events = "".join(f"  - {{date: {1900 + i % 100}, title: Event {i}}}\n" for i in range(9000))
    text = "title: T\nevents:\n" + events
    assert len(text) > _fmt_aside.FORK_FROM
    assert format_text(text).startswith("title: T\n\nevents:\n  - date: 1900\n")
    assert forked == []


def test_a_tree_asked_for_after_its_child_was_stopped_is_read_here() -> None:
    text = "title: T\nevents:\n  - {date: 2011, title: A}\n"
    aside = _fmt_aside.Aside(text, fork=True)
    aside.close()
    doc, refused = aside.result()
    assert not refused
    assert doc is not None
    assert _fmt_emit.emit(doc) == "title: T\n\nevents:\n  - date: 2011\n    title: A\n"
