"""Bytes -> nodes with line/col -> model. The only module that touches YAML.

Building the model collects every shape problem (missing or unknown keys, wrong types, bad
dates, bad ids) as a diagnostic instead of stopping at the first; :mod:`timeline.loader.validate`
adds the checks that need the whole chronology (references, duplicates, warnings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from typing import TypeVar

from timeline._colors import is_color
from timeline.dates import MAX_DATE_TEXT, Date, DateError, EndKind, When, parse_date, parse_when
from timeline.errors import Diagnostic, shorten, shown
from timeline.loader import _nodes as yn
from timeline.model import (
    Certainty,
    Era,
    Event,
    Group,
    Source,
    Timeline,
    Translations,
    View,
    event_from_parts,
)
from timeline.spec import (
    BIDI_CONTROLS,
    CHART_SIZES,
    CONTROL_RE,
    EXTENSION_PREFIX,
    FORMAT,
    ID_RE,
    LAYOUTS,
    LOCALES,
    MAX_ERAS,
    MAX_ID,
    MAX_TITLE,
    MAX_VIEWS,
    MAX_WORD,
    TRANSLATABLE,
    IdMaker,
    event_id_base,
    is_url,
    is_zone,
    line_break,
    slug,
    zone_hint,
)

__all__ = ["build"]


_REQUIRED = {
    "top": ("title", "events"),
    "source": ("title",),
    "era": ("title", "date"),
    "event": ("date", "title"),
}

_WHAT = {
    "top": "the chronology",
    "source": "a source",
    "group": "a group",
    "era": "an era",
    "event": "an event",
    "view": "a view",
}

T = TypeVar("T")


@dataclass
class _Ctx:
    file: str
    found: list[Diagnostic] = field(default_factory=list)
    #: The file's own language: translations are into other languages.
    locale: str = "en"
    #: Ids of events that could not be built, so references to them are not reported too.
    broken_ids: set[str] = field(default_factory=set)
    #: The chronology's time zone, once read: every date is checked in it.
    tz: tzinfo = UTC
    zone: str = "UTC"

    def error(self, line: int, col: int, message: str, hint: str | None = None) -> None:
        self.found.append(Diagnostic(self.file, line, col, "error", message, hint))

    def at(self, node: yn.Node, message: str, hint: str | None = None) -> None:
        self.error(node.line, node.col, message, hint)


def build(
    root: yn.Node, file: str, *, drafts: list[_EventDraft | None] | None = None
) -> tuple[Timeline | None, list[Diagnostic]]:
    """Build the model from a parsed file. Returns None with the errors when it cannot.

    ``drafts``: the events already made from the file's ``events`` list (by
    :mod:`timeline.loader._fast`, which then leaves that list empty in ``root``).
    """
    ctx = _Ctx(file)
    if not isinstance(root, yn.Mapping):
        ctx.at(
            root,
            "the top level must be a mapping of keys such as 'title' and 'events'",
            "start the file with 'title: ...'",
        )
        return None, ctx.found
    top = _fields(ctx, root, "top")
    title = _text(ctx, top.get("title"), "title", one_line=True)
    subtitle = _text(ctx, top.get("subtitle"), "subtitle", one_line=True)
    locale = _choice(ctx, top.get("locale"), "locale", LOCALES) or "en"
    ctx.locale = locale
    tz_name, tz = _timezone(ctx, top.get("timezone"))
    ctx.tz, ctx.zone = tz, tz_name
    as_of_node = top.get("as_of")
    as_of = _date(ctx, as_of_node, "as_of") if as_of_node is not None else None
    sources = _id_map(ctx, top.get("sources"), "sources", lambda i, n: _source(ctx, i, n))
    groups = _id_map(ctx, top.get("groups"), "groups", lambda i, n: _group(ctx, i, n))
    eras = _list(ctx, top.get("eras"), "eras", lambda n: _era(ctx, n))
    events_node = top.get("events")
    event_list = (
        _list(ctx, events_node, "events", lambda n: _event_draft(ctx, n))
        if drafts is None
        else drafts
    )
    views = _id_map(ctx, top.get("views"), "views", lambda i, n: _view(ctx, i, n))
    if title is None or events_node is None:
        return None, ctx.found
    # Events that could not be built are left out, so the checks that need the whole
    # chronology can still run and report everything else at once.
    events = _finish_events([e for e in event_list if e is not None])
    as_of_date, as_of_instant = _as_of(as_of, events, eras, tz)
    timeline = Timeline(
        title=title,
        subtitle=subtitle,
        events=events,
        as_of=as_of_date,
        as_of_instant=as_of_instant,
        as_of_given=as_of is not None,
        tz=tz,
        locale=locale,
        timezone=tz_name,
        sources={k: v for k, v in sources.items() if v is not None},
        groups={k: v for k, v in groups.items() if v is not None},
        eras=tuple(e for e in eras if e is not None),
        views={k: v for k, v in views.items() if v is not None},
        translations=_translations(ctx, top.get("translations"), "top"),
        where=_positions(root),
        path=file,
        broken_ids=frozenset(ctx.broken_ids),
        view_where=_key_positions(top.get("views")),
    )
    return timeline, ctx.found


def _key_positions(node: yn.Node | None) -> dict[str, tuple[int, int]]:
    if not isinstance(node, yn.Mapping):
        return {}
    return {k.value: (k.line, k.col) for k, _ in node.items}


# -- mappings and keys -------------------------------------------------------------------


def _fields(ctx: _Ctx, node: yn.Mapping, kind: str) -> dict[str, yn.Node]:
    """The known keys of a mapping; unknown keys and missing required keys are reported."""
    known = FORMAT[kind]
    out: dict[str, yn.Node] = {}
    before: tuple[yn.Scalar, yn.Node] | None = None
    for key, value in node.items:
        name = key.value
        if name in known:
            out[name] = value
        elif not name.startswith(EXTENSION_PREFIX):
            hint = _comma_hint(before, key, value) or _did_you_mean(name, known)
            ctx.at(key, f"unknown key '{shown(name)}' in {_WHAT[kind]}", hint)
        before = (key, value)
    for name in _REQUIRED.get(kind, ()):
        if name not in out:
            ctx.at(node, f"{_WHAT[kind]} needs '{name}'")
    return out


def _comma_hint(
    before: tuple[yn.Scalar, yn.Node] | None, key: yn.Scalar, value: yn.Node
) -> str | None:
    """The hint for a key without a value on the line of the previous plain value, as in
    ``{title: Crash off Jakarta, 189 killed}``: in braces a comma ends the value, and what
    follows it is read as a key."""
    if before is None or not (isinstance(value, yn.Scalar) and value.is_null):
        return None
    name, previous = before
    if not isinstance(previous, yn.Scalar) or previous.style is not None or previous.is_null:
        return None
    if previous.line != key.line:
        return None
    whole = shown(f"{previous.value}, {key.value}").replace("\\", "\\\\").replace('"', '\\"')
    return f'inside {{ }} a comma ends a value; quote it whole: {name.value}: "{whole}"'


def _did_you_mean(name: str, choices: Iterable[str]) -> str | None:
    import difflib

    # Keys of the format are short: a long name cannot be close to one, and is not compared.
    close = difflib.get_close_matches(name[:40].lower(), list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"keys starting with '{EXTENSION_PREFIX}' are free for your own use"


def _text(
    ctx: _Ctx,
    node: yn.Node | None,
    name: str,
    *,
    one_line: bool = False,
    limit: int = MAX_TITLE,
) -> str | None:
    """The text of a scalar, or None after reporting why it cannot be one.

    One rule for every text field: not empty; no control characters, invisible direction
    controls or line breaks other than LF; and, for a one-line field (``one_line``), no line
    break of any kind (CR, LF, NEL, U+2028, U+2029), no tab and at most ``limit``
    characters.
    """
    if node is None:
        return None
    if not isinstance(node, yn.Scalar):
        ctx.at(node, f"'{name}' must be text, not a {_kind(node)}")
        return None
    if node.is_null or not node.value.strip():
        ctx.at(node, f"'{name}' is empty", "remove the key or give it a value")
        return None
    value = node.value.strip() if node.style in ("|", ">") else node.value
    if one_line:
        value = value.strip("\n")
    problem = _text_problem(value, name, one_line=one_line, limit=limit)
    if problem is not None:
        ctx.at(node, *problem)
        return None
    return value


def _text_problem(
    value: str, name: str, *, one_line: bool, limit: int = MAX_TITLE
) -> tuple[str, str] | None:
    """What is wrong with ``value`` as the text of ``name`` (message, hint), or None."""
    # Nearly every text is printable, which rules out every problem below (line breaks,
    # tabs, control characters and direction controls are all unprintable) but the length.
    if value.isprintable() and (not one_line or len(value) <= limit):
        return None
    rest = "move the rest into 'summary'" if name == "title" else "write it on one line"
    brk = line_break(value, allow_lf=not one_line)
    if brk is not None:
        if one_line and brk[1] == "a line break":
            return f"'{name}' must be a single line", rest
        if one_line:
            return (
                f"'{name}' contains {brk[1]}: it must be a single line",
                "remove it; a line break here would split the line in other tools",
            )
        return f"'{name}' contains {brk[1]}", "write line breaks as new lines"
    if one_line and "\t" in value:
        return (
            f"'{name}' contains a tab: it must be one line of text",
            "replace it with a space",
        )
    if one_line and len(value) > limit:
        return (
            f"'{name}' is {len(value):,} characters long; the limit is {limit}",
            rest if name == "title" else "shorten it",
        )
    control = CONTROL_RE.search(value)
    if control is not None:
        return (
            f"'{name}' contains the control character U+{ord(control[0]):04X}",
            "remove it; escapes such as \\x07 in quoted text are refused too",
        )
    bidi = _bidi_control(value)
    if bidi is not None:
        return (
            f"'{name}' contains the invisible direction control U+{ord(bidi):04X}",
            "remove it: it can make text display differently from what it says",
        )
    return None


def _bidi_control(text: str) -> str | None:
    if text.isascii():
        return None
    for ch in text:
        if ch in BIDI_CONTROLS:
            return ch
    return None


def _kind(node: yn.Node) -> str:
    if isinstance(node, yn.Mapping):
        return "mapping"
    if isinstance(node, yn.Sequence):
        return "list"
    return "text"


def _choice(ctx: _Ctx, node: yn.Node | None, name: str, choices: Iterable[str]) -> str | None:
    value = _text(ctx, node, name)
    if value is None or node is None:
        return None
    options = choices if isinstance(choices, tuple) else tuple(choices)
    if value not in options:
        import difflib

        close = difflib.get_close_matches(value, options, n=1)
        hint = f"did you mean '{close[0]}'?" if close else None
        ctx.at(node, f"'{name}' must be one of {', '.join(options)}; got '{shown(value)}'", hint)
        return None
    return value


def _ident(ctx: _Ctx, key: yn.Scalar, what: str) -> bool:
    value = key.value
    if len(value) > MAX_ID:
        ctx.at(
            key, f"{what} '{shorten(value, 24)}' is {len(value)} characters; the limit is {MAX_ID}"
        )
        return False
    if not ID_RE.fullmatch(value):
        ctx.at(
            key,
            f"{what} '{value}' must be lowercase letters, digits and '-', starting with a "
            "letter or digit",
            f"try '{slug(value) or 'x'}'",
        )
        return False
    return True


def _id_map(
    ctx: _Ctx,
    node: yn.Node | None,
    name: str,
    make: Callable[[str, yn.Node], T | None],
) -> dict[str, T | None]:
    if node is None or (isinstance(node, yn.Scalar) and node.is_null):
        return {}
    if not isinstance(node, yn.Mapping):
        ctx.at(node, f"'{name}' must be a mapping of id: ..., not a {_kind(node)}")
        return {}
    what = "view name" if name == "views" else f"{name[:-1]} id"
    out: dict[str, T | None] = {}
    if name == "views" and len(node.items) > MAX_VIEWS:
        ctx.at(
            node.items[MAX_VIEWS][0],
            f"more than {MAX_VIEWS} views; the limit is {MAX_VIEWS}",
            "split the chronology, or select with --from, --to and --view when rendering",
        )
        return out
    for key, value in node.items:
        if _ident(ctx, key, what):
            out[key.value] = make(key.value, value)
    return out


def _list(
    ctx: _Ctx, node: yn.Node | None, name: str, make: Callable[[yn.Node], T | None]
) -> list[T | None]:
    if node is None or (isinstance(node, yn.Scalar) and node.is_null):
        return []
    if not isinstance(node, yn.Sequence):
        ctx.at(node, f"'{name}' must be a list, not {_kind(node)}", "start each item with '- '")
        return [None]
    if name == "eras" and len(node.items) > MAX_ERAS:
        ctx.at(
            node.items[MAX_ERAS],
            f"more than {MAX_ERAS} eras; the limit is {MAX_ERAS}",
            "merge eras, or keep the finer ones in another file",
        )
        return [None]
    return [make(item) for item in node.items]


def _words(ctx: _Ctx, node: yn.Node | None, name: str) -> tuple[tuple[str, yn.Scalar], ...]:
    """A list of short texts such as tags or ids, each with its node."""
    if node is None:
        return ()
    if isinstance(node, yn.Scalar):
        ctx.at(node, f"'{name}' must be a list", f"write {name}: [{node.value}]")
        return ()
    if not isinstance(node, yn.Sequence):
        ctx.at(node, f"'{name}' must be a list, not a mapping")
        return ()
    out = []
    for item in node.items:
        if not isinstance(item, yn.Scalar) or item.is_null:
            ctx.at(item, f"each item of '{name}' must be text")
            continue
        what = f"an item of '{name}'"
        if not item.value.strip():
            ctx.at(item, f"{what} is empty", "remove it")
            continue
        problem = _text_problem(item.value, name, one_line=True, limit=MAX_WORD)
        if problem is not None:
            ctx.at(item, problem[0].replace(f"'{name}'", what, 1), problem[1])
            continue
        out.append((item.value, item))
    return tuple(out)


# -- dates -------------------------------------------------------------------------------


def _date_error(
    ctx: _Ctx, node: yn.Scalar, exc: DateError, name: str, *, periods: bool = True
) -> None:
    # Point at the offending character; block scalars start on the next line, so there the
    # scalar's own position is the best we know.
    quote = 1 if node.style in ("'", '"') else 0
    col = node.col if node.style in ("|", ">") else node.col + quote + exc.offset
    # A date written the way people write dates ("13 April 2023") gets what we read and
    # what to write instead (a reader imported only when a date is wrong).
    from timeline.loader._people import reading

    people = reading(node.value, periods=periods)
    if people is not None:
        ctx.error(node.line, col, f"'{name}': {people.message}", people.hint(f"{name}:"))
        return
    ctx.error(node.line, col, f"'{name}': {exc.message}", exc.hint)


def _scalar(ctx: _Ctx, node: yn.Node, name: str) -> yn.Scalar | None:
    if not isinstance(node, yn.Scalar):
        ctx.at(node, f"'{name}' must be a date, not a {_kind(node)}")
        return None
    if node.is_null:
        ctx.at(node, f"'{name}' is empty", "write a date such as 2011-03-15")
        return None
    return node


def _date(ctx: _Ctx, node: yn.Node, name: str) -> Date | None:
    scalar = _scalar(ctx, node, name)
    if scalar is None:
        return None
    try:
        date = parse_date(scalar.value)
    except DateError as exc:
        problem = exc
        if "/" in scalar.value and len(scalar.value) <= MAX_DATE_TEXT:
            problem = DateError(f"{scalar.value!r} is a period; '{name}' takes a single date")
        _date_error(ctx, scalar, problem, name, periods=False)
        return None
    return date if _exists(ctx, scalar, date) else None


def _exists(ctx: _Ctx, node: yn.Scalar, d: Date) -> bool:
    """False, after saying so, when ``d`` is a wall time the chronology's zone skipped."""
    if d.in_gap(ctx.tz):
        ctx.at(
            node,
            f"{d.text} does not exist in {ctx.zone}: the clocks skipped that hour",
            "write the time with its UTC offset, e.g. +03:00",
        )
        return False
    return True


def _when(
    ctx: _Ctx, date_node: yn.Node, end_node: yn.Node | None, name: str = "date"
) -> When | None:
    """The date or period under the key ``name`` (``date``, or a view's ``from``/``to``),
    ended by ``end_node`` when there is one."""
    scalar = _scalar(ctx, date_node, name)
    if scalar is None:
        return None
    try:
        when = parse_when(scalar.value)
    except DateError as exc:
        _date_error(ctx, scalar, exc, name)
        return None
    ok = _exists(ctx, scalar, when.start)
    if when.end is not None:
        ok = _exists(ctx, scalar, when.end) and ok
    if end_node is None:
        return _check_order(ctx, scalar, when) if ok else None
    if when.is_period:
        ctx.at(end_node, "'end' given for a date that is already a period", "remove one of them")
        return None
    end_scalar = _scalar(ctx, end_node, "end")
    if end_scalar is None:
        return None
    if end_scalar.value == "..":
        return When(when.start, None, EndKind.ONGOING) if ok else None
    try:
        end = parse_date(end_scalar.value)
    except DateError as exc:
        _date_error(ctx, end_scalar, exc, "end", periods=False)
        return None
    if not _exists(ctx, end_scalar, end) or not ok:
        return None
    return _check_order(ctx, end_scalar, When(when.start, end, EndKind.DATE))


def _check_order(ctx: _Ctx, node: yn.Scalar, when: When) -> When | None:
    """The period, unless it ends before it starts. Compared as instants in the
    chronology's zone, as every output reads them: ``10:00/10:30Z`` in New York ends five
    hours before it starts."""
    if when.end is None:
        return when
    start_first = when.start.bounds(ctx.tz)[0]
    end_last = when.end.bounds(ctx.tz)[1]
    if end_last <= start_first:
        ctx.at(node, f"period ends ({when.end.text}) before it starts ({when.start.text})")
        return None
    return when


def _timezone(ctx: _Ctx, node: yn.Node | None) -> tuple[str, tzinfo]:
    name = _text(ctx, node, "timezone", one_line=True) if node is not None else None
    if name is None or node is None or name == "UTC":
        # The standard library's UTC: the date model computes it without zone lookups.
        return "UTC", UTC
    if not is_zone(name):
        ctx.at(node, f"unknown time zone '{shown(name)}'", zone_hint(name))
        return "UTC", UTC
    # The standard library's zones (the IANA database pendulum reads too): importing
    # pendulum would cost more than checking a small chronology.
    from zoneinfo import ZoneInfo

    return name, ZoneInfo(name)


# -- the parts ---------------------------------------------------------------------------


def _require_mapping(ctx: _Ctx, node: yn.Node, what: str) -> yn.Mapping | None:
    if isinstance(node, yn.Mapping):
        return node
    ctx.at(node, f"{what} must be a mapping of keys, not {_kind(node)}")
    return None


def _url(ctx: _Ctx, node: yn.Node | None) -> str | None:
    value = _text(ctx, node, "url")
    if value is None or node is None:
        return None
    if not is_url(value):
        ctx.at(node, f"'url' must be an http:// or https:// link; got '{shorten(value, 60)}'")
        return None
    return value


def _color(ctx: _Ctx, node: yn.Node | None) -> str | None:
    value = _text(ctx, node, "color")
    if value is None or node is None:
        return None
    if not is_color(value):
        ctx.at(
            node,
            f"'{shown(value)}' is not a colour",
            "use a CSS colour name such as 'steelblue' or a hex value such as '#1f77b4'",
        )
        return None
    return value


def _source(ctx: _Ctx, sid: str, node: yn.Node) -> Source | None:
    m = _require_mapping(ctx, node, f"source '{sid}'")
    if m is None:
        return None
    f = _fields(ctx, m, "source")
    title = _text(ctx, f.get("title"), "title", one_line=True)
    date_node = f.get("date")
    date = _when(ctx, date_node, None) if date_node is not None else None
    if title is None:
        return None
    return Source(
        sid,
        title,
        publisher=_text(ctx, f.get("publisher"), "publisher", one_line=True),
        date=date,
        url=_url(ctx, f.get("url")),
        note=_text(ctx, f.get("note"), "note"),
    )


def _group(ctx: _Ctx, gid: str, node: yn.Node) -> Group | None:
    if isinstance(node, yn.Scalar) and node.is_null:
        return Group(gid, gid)
    m = _require_mapping(ctx, node, f"group '{gid}'")
    if m is None:
        return None
    f = _fields(ctx, m, "group")
    label = _text(ctx, f.get("label"), "label", one_line=True) or gid
    translations = _translations(ctx, f.get("translations"), "group")
    return Group(gid, label, _color(ctx, f.get("color")), translations, _positions(m))


def _era(ctx: _Ctx, node: yn.Node) -> Era | None:
    m = _require_mapping(ctx, node, "an era")
    if m is None:
        return None
    f = _fields(ctx, m, "era")
    title = _text(ctx, f.get("title"), "title", one_line=True)
    when = _when(ctx, f["date"], f.get("end")) if "date" in f else None
    color = _color(ctx, f.get("color"))
    translations = _translations(ctx, f.get("translations"), "era")
    if title is None or when is None:
        return None
    return Era(title, when, color, translations, _positions(m))


def _view(ctx: _Ctx, name: str, node: yn.Node) -> View | None:
    if isinstance(node, yn.Scalar) and node.is_null:
        return View(name)
    m = _require_mapping(ctx, node, f"view '{name}'")
    if m is None:
        return None
    f = _fields(ctx, m, "view")
    start = _when(ctx, f["from"], None, "from") if "from" in f else None
    stop = _when(ctx, f["to"], None, "to") if "to" in f else None
    if start is not None and stop is not None:
        # As instants in the chronology's zone, as a period's ends are compared.
        last = stop.end if stop.end is not None else stop.start
        if last.bounds(ctx.tz)[1] <= start.start.bounds(ctx.tz)[0]:
            ctx.at(
                f["to"],
                f"'to' ({stop.text}) is before 'from' ({start.text}): view '{shown(name)}' "
                "would show nothing",
                "swap them",
            )
    importance = _importance(ctx, f.get("min_importance"), "min_importance")
    omit = _importance(ctx, f.get("omit_below"), "omit_below")
    layout = _choice(ctx, f.get("layout"), "layout", LAYOUTS)
    return View(
        name,
        title=_text(ctx, f.get("title"), "title", one_line=True),
        subtitle=_text(ctx, f.get("subtitle"), "subtitle", one_line=True),
        start=start,
        stop=stop,
        groups=tuple(w for w, _ in _words(ctx, f.get("groups"), "groups")),
        tags=tuple(w for w, _ in _words(ctx, f.get("tags"), "tags")),
        min_importance=importance or 1,
        omit_below=omit or 1,
        size=_chart_size(ctx, f.get("size")),
        layout=layout or "auto",
        translations=_translations(ctx, f.get("translations"), "view"),
        where=_positions(m),
    )


def _chart_size(ctx: _Ctx, node: yn.Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, yn.Scalar) and node.value in CHART_SIZES:
        return node.value
    ctx.at(node, "'size' must be one of " + ", ".join(CHART_SIZES), "column is the default")
    return None


def _importance(ctx: _Ctx, node: yn.Node | None, name: str) -> int | None:
    if node is None:
        return None
    if isinstance(node, yn.Scalar) and node.value in ("1", "2", "3"):
        return int(node.value)
    ctx.at(node, f"'{name}' must be 1, 2 or 3 (3 is a milestone)")
    return None


_CERTAINTIES = tuple(c.value for c in Certainty)
_CERTAINTY = {c.value: c for c in Certainty}


@dataclass
class _EventDraft:
    """An event before ids are derived."""

    id: str | None
    when: When
    title: str
    #: Event's fields from ``summary`` to ``translations``, in its order.
    fields: tuple[
        str | None,
        str | None,
        tuple[str, ...],
        str | None,
        tuple[str, ...],
        Certainty,
        int,
        tuple[str, ...],
        Translations,
    ]
    where: dict[str, tuple[int, int]]


def _event_draft(ctx: _Ctx, node: yn.Node) -> _EventDraft | None:
    m = _require_mapping(ctx, node, "an event")
    if m is None:
        return None
    where = {"event": (m.line, m.col)}
    for key, value in m.items:
        where[key.value] = (value.line, value.col)
    return event_draft(ctx, _fields(ctx, m, "event"), where)


def event_draft(
    ctx: _Ctx, f: dict[str, yn.Node], where: dict[str, tuple[int, int]]
) -> _EventDraft | None:
    """An event from its known keys' values ``f``; ``where`` holds the positions of the
    mapping (``"event"``) and of every key's value, and gets those of list items.

    Both readers call this: the full one (:func:`_event_draft`) and the one for files with
    nothing to report (:mod:`timeline.loader._fast`).
    """
    ok = True
    eid: str | None = None
    if "id" in f:
        id_node = f["id"]
        if isinstance(id_node, yn.Scalar) and not id_node.is_null:
            ok = _ident(ctx, id_node, "event id") and ok
            eid = id_node.value
        else:
            ctx.at(id_node, "'id' must be text")
            ok = False
    title = _text(ctx, f.get("title"), "title", one_line=True)
    when = _when(ctx, f["date"], f.get("end")) if "date" in f else None
    certainty_node = f.get("certainty")
    certainty_text = (
        _choice(ctx, certainty_node, "certainty", _CERTAINTIES) if certainty_node else None
    )
    importance = _importance(ctx, f.get("importance"), "importance")
    summary = _text(ctx, f.get("summary"), "summary")
    group = _text(ctx, f.get("group"), "group", one_line=True)
    place = _text(ctx, f.get("place"), "place", one_line=True)
    tags = tuple(w for w, _ in _words(ctx, f.get("tags"), "tags"))
    sources = tuple(w for w, _ in _words(ctx, f.get("sources"), "sources"))
    related = tuple(w for w, _ in _words(ctx, f.get("related"), "related"))
    certainty = _CERTAINTY[certainty_text] if certainty_text else Certainty.REPORTED
    translations = _translations(ctx, f.get("translations"), "event")
    for name in ("sources", "related", "tags"):
        node_ = f.get(name)
        if isinstance(node_, yn.Sequence):
            for i, item in enumerate(node_.items):
                where[f"{name}[{i}]"] = (item.line, item.col)
    # A text field that was written but could not be read has been reported already.
    bad_field = (
        (summary is None and "summary" in f)
        or (group is None and "group" in f)
        or (place is None and "place" in f)
    )
    if not ok or title is None or when is None or bad_field:
        if eid is not None:
            ctx.broken_ids.add(eid)
        return None
    fields = (
        summary,
        group,
        tags,
        place,
        sources,
        certainty,
        importance or 2,
        related,
        translations,
    )
    return _EventDraft(eid, when, title, fields, where)


def _finish_events(drafts: list[_EventDraft]) -> tuple[Event, ...]:
    ids = IdMaker({d.id for d in drafts if d.id is not None})
    out = []
    for index, d in enumerate(drafts):
        eid = d.id
        derived = eid is None
        if eid is None:
            eid = ids.make(event_id_base(d.when.start.text, d.title))
        out.append(event_from_parts(eid, d.when, d.title, index, *d.fields, derived, d.where))
    return tuple(out)


def _as_of(
    given: Date | None, events: tuple[Event, ...], eras: list[Era | None], tz: tzinfo
) -> tuple[Date, int]:
    """The as-of date and the first instant after it. Without one in the file, the latest
    date the file mentions: never today, so outputs do not change by themselves."""
    if given is not None:
        return given, given.bounds(tz)[1]
    latest: Date | None = None
    latest_end = -(2**62)
    dates: list[Date] = []
    for e in events:
        dates.append(e.when.start)
        if e.when.end is not None:
            dates.append(e.when.end)
    for era in eras:
        if era is not None:
            dates.append(era.when.start)
            if era.when.end is not None:
                dates.append(era.when.end)
    # The latest end wins; among dates ending together the choice must not depend on the
    # order of the events (``fmt`` reorders them): the plainest, most precise one wins.
    best: tuple[int, bool, int, str] | None = None
    for d in dates:
        end = d.bounds(tz)[1]
        rank = (end, d.qualifier == "", int(d.precision), d.text)
        if best is None or rank > best:
            latest, latest_end, best = d, end, rank
    if latest is None:
        epoch = parse_date("1970-01-01")
        return epoch, epoch.bounds(tz)[1]
    return latest, latest_end


# -- translations ------------------------------------------------------------------------


def _translations(ctx: _Ctx, node: yn.Node | None, kind: str) -> Translations:
    """The ``translations`` of a mapping of ``kind``: locale -> translatable key -> text.

    Every locale must be a supported one other than the file's own, and every key one that
    ``kind`` may translate; the texts follow the rules of the keys they translate.
    """
    if node is None or (isinstance(node, yn.Scalar) and node.is_null):
        return {}
    keys = TRANSLATABLE[kind]
    if not isinstance(node, yn.Mapping):
        example = f"{'en' if ctx.locale != 'en' else 'fr'}: {{{keys[0]}: ...}}"
        ctx.at(
            node,
            f"'translations' must be a mapping of locales, not {_kind(node)}",
            f"write translations: {{{example}}}",
        )
        return {}
    out: Translations = {}
    for key, value in node.items:
        locale = key.value
        if locale not in LOCALES:
            import difflib

            close = difflib.get_close_matches(locale, LOCALES, n=1)
            ctx.at(
                key,
                f"unknown locale '{locale}' in 'translations'; supported: {', '.join(LOCALES)}",
                f"did you mean '{close[0]}'?" if close else None,
            )
            continue
        if locale == ctx.locale:
            ctx.at(
                key,
                f"'translations' has '{locale}', the file's own language",
                f"write the {locale} text in '{keys[0]}' itself, or change 'locale'",
            )
            continue
        m = _require_mapping(ctx, value, f"the '{locale}' translation")
        if m is None:
            continue
        texts: dict[str, str] = {}
        for k, v in m.items:
            name = k.value
            if name.startswith(EXTENSION_PREFIX):
                continue
            if name not in keys:
                ctx.at(
                    k,
                    f"'{name}' cannot be translated in {_WHAT[kind]}",
                    f"translations here hold {', '.join(repr(x) for x in keys)}",
                )
                continue
            text = _text(ctx, v, name, one_line=name != "summary")
            if text is not None:
                texts[name] = text
        if texts:
            out[locale] = texts
    return out


def _positions(m: yn.Mapping) -> dict[str, tuple[int, int]]:
    """Where each value of a mapping is (and the mapping itself, under ``""``)."""
    out = {"": (m.line, m.col)}
    for key, value in m.items:
        out[key.value] = (value.line, value.col)
    return out
