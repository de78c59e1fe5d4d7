"""The fast reader (loader/_fast.py) and the full reader give the same chronology, the same
positions and the same diagnostics, on every file: the sample, the golden files, and
generated chronologies with and without problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.loader import _fast, _nodes
from timeline.loader.validate import Report, check_bytes, check_read, check_values

from .conftest import DATA

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    [ROOT / "timeline.yaml", *(DATA / "bad").glob("*.yaml"), *(DATA / "valid").glob("*.yaml")]
)


def _full(data: bytes, file: str, monkeypatch: pytest.MonkeyPatch) -> Report:
    """The report of the full reader alone."""
    with monkeypatch.context() as m:
        m.setattr(_fast, "read", lambda _data, _file, **_options: None)
        return check_bytes(data, file)


def _same_reports(fast: Report, full: Report) -> None:
    assert fast.diagnostics == full.diagnostics
    assert fast.timeline == full.timeline
    if fast.timeline is not None and full.timeline is not None:
        assert [e.where for e in fast.timeline.events] == [e.where for e in full.timeline.events]
        assert fast.timeline.view_where == full.timeline.view_where


def _shape(node: _nodes.Node | None) -> object:
    """A node tree as plain data, positions and styles included."""
    if node is None:
        return None
    if isinstance(node, _nodes.Scalar):
        return ("scalar", node.value, node.line, node.col, node.style)
    if isinstance(node, _nodes.Sequence):
        return ("seq", node.line, node.col, [_shape(item) for item in node.items])
    return ("map", node.line, node.col, [(_shape(k), _shape(v)) for k, v in node.items])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_both_readers_agree_on_every_golden_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample and every golden file give the same report through both readers."""
    data = path.read_bytes()
    _same_reports(check_bytes(data, path.name), _full(data, path.name, monkeypatch))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_both_readers_build_the_same_tree(path: Path) -> None:
    """The fast reader's node tree (used by fmt's proof) is the full reader's, diagnostics
    included."""
    data = path.read_bytes()
    fast_root, fast_found = _fast.parse(data, path.name)
    full_root, full_found = _nodes.parse(data, path.name)
    assert (_shape(fast_root), fast_found) == (_shape(full_root), full_found)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_check_read_gives_the_full_readers_tree_and_report(path: Path) -> None:
    """The whole tree ``check_read`` keeps while making events (used by fmt's proof and by
    imports) is the full reader's, and its report is ``check_bytes``'s."""
    data = path.read_bytes()
    report, root = check_read(data, path.name)
    full_root, _ = _nodes.parse(data, path.name)
    assert _shape(root) == _shape(full_root)
    _same_reports(report, check_bytes(data, path.name))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_check_values_gives_check_reads_tree_with_the_events_apart(path: Path) -> None:
    """``check_values`` (fmt's proof) gives ``check_read``'s tree, each event's nodes by key
    apart when the events were read the fast way, and ``check_bytes``'s report."""
    data = path.read_bytes()
    report, root, events = check_values(data, path.name)
    _, whole = check_read(data, path.name)
    if events is not None:
        assert isinstance(root, _nodes.Mapping)
        assert isinstance(whole, _nodes.Mapping)
        tree = {k.value: v for k, v in whole.items}["events"]
        assert isinstance(tree, _nodes.Sequence)
        apart = [[(key, _shape(value)) for key, value in event.items()] for event in events]
        assert apart == [
            [(key.value, _shape(value)) for key, value in item.items]
            for item in tree.items
            if isinstance(item, _nodes.Mapping)
        ]
        assert len(apart) == len(tree.items)
        listed = {k.value: v for k, v in root.items}["events"]
        assert isinstance(listed, _nodes.Sequence)
        assert listed.items == []
        listed.items.extend(tree.items)
    assert _shape(root) == _shape(whole)
    _same_reports(report, check_bytes(data, path.name))


def test_the_sample_is_read_the_fast_way() -> None:
    """A valid chronology takes the fast reader: its events come ready made."""
    found = _fast.read((ROOT / "timeline.yaml").read_bytes(), "timeline.yaml")
    assert found is not None
    root, drafts = found
    assert drafts is not None
    assert len(drafts) > 10
    assert isinstance(root, _nodes.Mapping)


@pytest.mark.parametrize(
    "text",
    [
        "title: T\nevents:\n  - {date: 2011, title: A, x-mine: 1}\n",  # an extension key
        "title: T\nevents:\n  - {date: 2011, title: A, tilte: B}\n",  # an unknown key
        "title: T\nevents:\n  - {date: 2011, title: A, date: 2012}\n",  # a repeated key
        "title: T\nevents:\n  - &e {date: 2011, title: A}\n",  # an anchor
        "title: T\nevents:\n  - {date: !!str 2011, title: A}\n",  # a tag
        "title: T\nevents:\n  - {date: 2011-02-30, title: A}\n",  # a bad date
        "title: T\nevents: []\n---\ntitle: U\n",  # two documents
        "title: T\nevents:\n  - {date: 2011, title: [A]}\n",  # a list for a text
    ],
)
def test_anything_unusual_goes_to_the_full_reader(text: str) -> None:
    """Files with something to report or look at closely are left to the full reader."""
    assert _fast.read(text.encode("utf-8"), "t.yaml") is None


_DATES = [
    "2011",
    "2011-03",
    "2011-03-15",
    "2011-03-15~",
    "2016-07/2016-12-22",
    "2015-09-30/..",
    "2024-11-29T06:30+03:00",
    "2024-03-31T02:30",
    "'2012'",
]
_BAD_DATES = ["2011-02-30", "15/03/2011", "2024-03-31T02:30/2024-03-30", "[2011]"]
_TEXTS = [
    "Protests",
    "'Quoted: text'",
    '"Double \\u00e9"',
    "On Monday",
    "''",
    "~",
    "|\n      two\n      lines",
    ">-\n      folded\n      text",
]
_BAD_TEXTS = ["[a list]", "{a: map}", '"bell \\a"', "''", "~"]
_WORDS = ["[t1, t2]", "[]", "[s]", "\n      - t1\n      - t2", "['s']"]
_BAD_WORDS = ["[s, nope]", "t1", "[[nested]]", "[~]"]


@st.composite
def chronologies(draw: st.DrawFn) -> str:
    """A chronology whose events mix valid and invalid values, keys and layouts (about half
    of them have nothing to report)."""
    good = draw(st.booleans())

    def pick(values: list[str], bad: list[str]) -> str:
        return draw(st.sampled_from(values if good else values + bad))

    lines = [
        "title: Generated",
        pick(["", "timezone: Europe/Berlin"], ["timezone: Mars/Base"]),
        pick(["", "as_of: 2030-01-01"], ["as_of: 2020/"]),
        "sources: {s: {title: S}}",
        "groups: {g: {label: G}, h: null}",
        draw(st.sampled_from(["", "eras: [{title: E, date: 1000, end: 3000}]"])),
        "events:",
    ]
    for i in range(draw(st.integers(0, 6))):
        fields = {"date": pick(_DATES, _BAD_DATES), "title": pick(_TEXTS[:4], _BAD_TEXTS)}
        optional: dict[str, tuple[list[str], list[str]]] = {
            "id": ([f"e{i}"], ["e0", "Bad Id", "''"]),
            "summary": (_TEXTS[:2] + _TEXTS[-2:], _BAD_TEXTS),
            "group": (["g", "h"], ["zz"]),
            "place": (_TEXTS[:4], _BAD_TEXTS),
            "tags": (_WORDS, _BAD_WORDS),
            "sources": (_WORDS[2:3], _BAD_WORDS),
            "related": (["[]"], ["[e0]", "[e1, e2]", "[missing]"]),
            "certainty": (["claimed", "confirmed"], ["maybe"]),
            "importance": (["1", "3", "'2'"], ["7"]),
            "x-note": (["free", "[1, 2]"], []),
            "colour": ([], ["red"]),
        }
        for name, (values, bad) in optional.items():
            if (values or not good) and draw(st.integers(0, 2)) == 0:
                fields[name] = pick(values, bad)
        keys = draw(st.permutations(list(fields)))
        if not good and draw(st.integers(0, 4)) == 0:
            keys.append(keys[0])  # a repeated key
        body = "\n".join(f"    {k}: {fields[k]}" for k in keys)
        lines.append("  -" + body[3:])
    lines.append(draw(st.sampled_from(["", "views: {all: null, v: {groups: [g, zz]}}"])))
    return "\n".join(line for line in lines if line) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chronologies())
def test_both_readers_agree_on_generated_chronologies(text: str) -> None:
    """Generated chronologies, valid or not, give the same report through both readers."""
    data = text.encode("utf-8")
    with pytest.MonkeyPatch.context() as m:
        fast = check_bytes(data, "g.yaml")
        m.setattr(_fast, "read", lambda _data, _file, **_options: None)
        full = check_bytes(data, "g.yaml")
    _same_reports(fast, full)
    fast_root, fast_found = _fast.parse(data, "g.yaml")
    full_root, full_found = _nodes.parse(data, "g.yaml")
    assert (_shape(fast_root), fast_found) == (_shape(full_root), full_found)
