"""The date model: parsing, precision, bounds, the sort order, and round trips."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import View, check_bytes, select, sort, sort_key
from timeline.dates import (
    Date,
    DateError,
    EndKind,
    Precision,
    When,
    parse_date,
    parse_when,
)


def _ts(*parts: int) -> int:
    return int(datetime(*parts, tzinfo=UTC).timestamp())  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("2011", Precision.YEAR),
        ("2011-03", Precision.MONTH),
        ("2011-03-15", Precision.DAY),
        ("2024-11-29T06:30", Precision.MINUTE),
        ("2024-11-29T06:30:15Z", Precision.SECOND),
        ("2024-11-29T06:30+03:00", Precision.MINUTE),
    ],
)
def test_precision_follows_what_is_written(text: str, precision: Precision) -> None:
    """Each written form keeps exactly its precision."""
    assert parse_date(text).precision is precision


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2011", (2011, None, None, None, None, None)),
        ("2011-03", (2011, 3, None, None, None, None)),
        ("2011-03-15", (2011, 3, 15, None, None, None)),
        ("2024-11-29T06:30", (2024, 11, 29, 6, 30, None)),
        ("2024-11-29T00:00:00Z", (2024, 11, 29, 0, 0, 0)),
    ],
)
def test_unknown_parts_are_none(text: str, parts: tuple[int | None, ...]) -> None:
    """A date says None for each part it does not know, never a made-up 0 or 1."""
    d = parse_date(text)
    assert (d.year, d.month, d.day, d.hour, d.minute, d.second) == parts
    assert d.parts == tuple(0 if p is None else p for p in parts)
    assert d.weekday() == (None if d.day is None else datetime(*d.parts[:3]).weekday())


def test_qualifiers() -> None:
    """~ is approximate, ? uncertain, % both; they survive in the canonical text."""
    assert parse_date("2019~").approximate
    assert not parse_date("2019~").uncertain
    assert parse_date("2019?").uncertain
    assert not parse_date("2019?").approximate
    both = parse_date("2019%")
    assert both.approximate
    assert both.uncertain
    assert both.text == "2019%"


def test_month_precision_spans_the_whole_month() -> None:
    """2011-03 means some time in March 2011, never 1 March."""
    assert parse_date("2011-03").bounds(UTC) == (_ts(2011, 3, 1), _ts(2011, 4, 1))


def test_year_precision_spans_the_whole_year() -> None:
    """2011 spans 1 January to the end of 31 December."""
    assert parse_date("2011").bounds(UTC) == (_ts(2011, 1, 1), _ts(2012, 1, 1))


def test_last_supported_year_has_bounds() -> None:
    """Year 9999 has an end without overflowing the calendar."""
    start, end = parse_date("9999").bounds(UTC)
    assert end > start


def test_offset_is_applied() -> None:
    """A written offset fixes the instant regardless of the chronology's zone."""
    start, end = parse_date("2024-11-29T06:30+03:00").bounds(UTC)
    assert start == _ts(2024, 11, 29, 3, 30)
    assert end == start + 60


def test_floating_time_uses_the_chronology_zone() -> None:
    """A time without offset is read in the chronology's time zone."""
    import pendulum

    start, _ = parse_date("2024-11-29T06:30").bounds(pendulum.timezone("Asia/Damascus"))
    assert start == _ts(2024, 11, 29, 3, 30)


def test_dst_gap_detected() -> None:
    """A wall time the clocks skipped is recognised."""
    import pendulum

    berlin = pendulum.timezone("Europe/Berlin")
    assert parse_date("2024-03-31T02:30").in_gap(berlin)
    assert not parse_date("2024-03-31T03:30").in_gap(berlin)
    assert not parse_date("2024-03-31T02:30+01:00").in_gap(berlin)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "day 30 does not exist: February 2024 has 29 days"),
        ("2023-02-29", "day 29 does not exist: February 2023 has 28 days"),
        ("2011-13", "month 13 does not exist (months run 01-12)"),
        ("2011-00", "month 00 does not exist (months run 01-12)"),
        ("2024-11-29T25:00", "hour 25 does not exist (hours run 00-23)"),
        ("2024-11-29T10:60", "minute 60 does not exist (minutes run 00-59)"),
        ("0000-01-01", "year 0 is outside the supported range 0001-9999"),
        (
            "2024-11-29T10:00+15:00",
            "UTC offset +15:00 does not exist (offsets run -12:00 to +14:00)",
        ),
        ("15/03/2011", "date '15/03/2011' is not in year-month-day order"),
        ("March 2011", "'March 2011' is not a date"),
        ("", "empty date"),
    ],
)
def test_impossible_dates_say_why(text: str, message: str) -> None:
    """Every impossible date is refused with the reason."""
    with pytest.raises(DateError) as info:
        parse_when(text)
    assert info.value.message == message


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("15/03/2011", "write 2011-03-15 (ISO 8601)"),
        ("03/15/2011", "write 2011-03-15 (ISO 8601)"),
        ("05/05/2011", "write 2011-05-05 (ISO 8601)"),
        (
            "03/04/2011",
            "write 2011-04-03 if it is day first or write 2011-03-04 if it is month first "
            "(ISO 8601)",
        ),
        ("31/31/2011", "write it as 2011-MM-DD (ISO 8601)"),
    ],
)
def test_day_first_dates_are_offered_in_order(text: str, hint: str) -> None:
    """A day-first or month-first date is refused with the date it can be, written in
    year-month-day order (both, when either number could be the day)."""
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert caught.value.hint == hint


def test_periods() -> None:
    """The slash forms give known, ongoing and unknown ends."""
    assert parse_when("2016-07/2016-12-22").end_kind is EndKind.DATE
    assert parse_when("2015-09-30/..").end_kind is EndKind.ONGOING
    assert parse_when("2011/").end_kind is EndKind.UNKNOWN
    with pytest.raises(DateError):
        parse_when("../2011")
    with pytest.raises(DateError):
        parse_when("2011/2012/2013")


def test_ongoing_period_runs_to_as_of() -> None:
    """An ongoing period ends at the as-of instant."""
    w = parse_when("2015-09-30/..")
    as_of = _ts(2024, 11, 30)
    assert w.bounds(UTC, as_of) == (_ts(2015, 9, 30), as_of)


def test_yaml_never_converts_dates() -> None:
    """Quoted or not, a date means the same: YAML never turns it into another type first."""
    base = "title: T\nevents:\n  - date: {d}\n    title: a\n"
    for plain, quoted in [("2011-03-15", "'2011-03-15'"), ("2011", '"2011"')]:
        a = check_bytes(base.format(d=plain).encode()).timeline
        b = check_bytes(base.format(d=quoted).encode()).timeline
        assert a is not None
        assert b is not None
        assert a.events[0].when == b.events[0].when


def test_sort_order_documented_example() -> None:
    """Earliest instant first, then coarser precision, then end, then file order."""
    text = """title: T
events:
  - {date: 2011-03-15, title: day}
  - {date: 2011-03, title: month}
  - {date: 2011, title: year}
  - {date: 2011/2012, title: long period}
  - {date: 2011-03-15, title: same day later in file}
  - {date: 2010-12-31T23:30-02:00, title: offset time}
"""
    t = check_bytes(text.encode()).timeline
    assert t is not None
    titles = [e.title for e in sort(t)]
    # 2010-12-31T23:30-02:00 is 01:30 UTC on 1 January 2011: after the year began.
    assert titles == [
        "year",
        "long period",
        "offset time",
        "month",
        "day",
        "same day later in file",
    ]


# -- properties ---------------------------------------------------------------------------

_years = st.integers(1, 9999)


@st.composite
def dates(draw: st.DrawFn) -> Date:
    """Any valid date at any precision with any qualifier and offset."""
    year = draw(_years)
    precision = draw(st.sampled_from(list(Precision)))
    month = draw(st.integers(1, 12)) if precision >= Precision.MONTH else None
    day = draw(st.integers(1, 28)) if precision >= Precision.DAY else None
    hour = draw(st.integers(0, 23)) if precision >= Precision.MINUTE else None
    minute = draw(st.integers(0, 59)) if precision >= Precision.MINUTE else None
    second = draw(st.integers(0, 59)) if precision >= Precision.SECOND else None
    offset = (
        draw(st.none() | st.integers(-12 * 60, 14 * 60)) if precision >= Precision.MINUTE else None
    )
    if year in (1, 9999) and offset is not None:
        offset = 0  # keep instants inside the calendar at its edges
    return Date(
        year,
        month,
        day,
        hour,
        minute,
        second,
        precision,
        offset,
        approximate=draw(st.booleans()),
        uncertain=draw(st.booleans()),
    )


@st.composite
def whens(draw: st.DrawFn) -> When:
    """Points, bounded periods, ongoing and open-ended periods."""
    start = draw(dates())
    kind = draw(st.sampled_from(list(EndKind)))
    if kind is EndKind.DATE:
        end = draw(dates())
        if end.bounds(UTC)[1] <= start.bounds(UTC)[0]:
            start, end = end, start
        if end.bounds(UTC)[1] <= start.bounds(UTC)[0]:
            return When(start)
        return When(start, end, kind)
    return When(start, None, kind)


@settings(deadline=None)
@given(dates())
def test_date_text_round_trips(d: Date) -> None:
    """Parsing a date's canonical text gives the same date back."""
    assert parse_date(d.text) == d


@settings(deadline=None)
@given(whens())
def test_when_text_round_trips(w: When) -> None:
    """Parsing a date or period's canonical text gives it back."""
    assert parse_when(w.text) == w


@settings(deadline=None)
@given(dates())
def test_bounds_are_ordered(d: Date) -> None:
    """Every date spans a non-empty stretch of time."""
    start, end = d.bounds(UTC)
    assert start < end


def _yaml(items: list[When]) -> bytes:
    lines = ["title: T", "as_of: 9999", "events:"]
    for i, w in enumerate(items):
        lines.append(f"  - {{date: '{w.text}', title: e{i}}}")
    return ("\n".join(lines) + "\n").encode()


@settings(max_examples=60, deadline=None)
@given(st.lists(whens(), min_size=0, max_size=25))
def test_sort_is_total_stable_and_idempotent(items: list[When]) -> None:
    """Sorting any mix never fails, is idempotent, and keeps file order among equals."""
    report = check_bytes(_yaml(items))
    t = report.timeline
    assert t is not None, report.diagnostics
    once = sort(t)
    assert sort(t, once) == once
    assert sort(t, list(reversed(once))) == once
    keys = [sort_key(t, e) for e in once]
    assert keys == sorted(keys)
    assert select(t, View("all")) == once  # a view's selection keeps the same order
    assert len(set(keys)) == len(keys)  # index makes every key distinct


def test_ids_made_for_events_without_one_are_numbered_in_file_order() -> None:
    """Events without ids sharing a date and title get ``base``, ``base-2``, ``base-3`` in
    file order, skipping ids the file already uses."""
    from timeline.spec import IdMaker, event_id_base

    base = event_id_base("2011-03-15", "Protests begin!")
    assert base == "2011-03-15-protests-begin"
    maker = IdMaker({f"{base}-2"})
    assert [maker.make(base) for _ in range(3)] == [base, f"{base}-3", f"{base}-4"]


def test_many_events_sharing_a_derived_id_are_numbered_in_linear_time() -> None:
    """Numbering 20,000 events that share a date and title probes each candidate once (the
    count of membership tests grows linearly, not quadratically)."""
    from timeline.spec import IdMaker

    class CountingSet(set[str]):
        probes = 0

        def __contains__(self, item: object) -> bool:
            CountingSet.probes += 1
            return super().__contains__(item)

    maker = IdMaker(CountingSet())
    for _ in range(20_000):
        maker.make("2011-x")
    assert CountingSet.probes < 3 * 20_000


@given(st.integers(1, 9999), st.integers(1, 12))
def test_month_lengths_are_the_calendar_modules(year: int, month: int) -> None:
    """The date model's own month lengths and leap years agree with the calendar module."""
    import calendar

    from timeline.dates import _days_in_month, _is_leap

    assert _days_in_month(year, month) == calendar.monthrange(year, month)[1]
    assert _is_leap(year) == calendar.isleap(year)


@given(
    st.sampled_from(["Asia/Damascus", "America/New_York", "Australia/Lord_Howe", "Europe/Dublin"]),
    st.integers(-2_000_000_000, 4_000_000_000),
)
def test_zone_shift_is_the_aware_times_offset(zone: str, wall: int) -> None:
    """The offset the date model uses for a wall-clock time, asked of the zone directly, is
    the one an aware datetime of that wall-clock time reports (gaps and folds included)."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from timeline.dates import _SHIFTS, _zone_shift

    tz = ZoneInfo(zone)
    _SHIFTS.pop((tz, wall), None)
    aware = (datetime(1970, 1, 1) + timedelta(seconds=wall)).replace(tzinfo=tz)
    offset = aware.utcoffset()
    assert offset is not None
    assert _zone_shift(tz, wall) == int(offset.total_seconds())


@given(
    st.sampled_from(
        ["2011", "2011-03~", "2011-03-15?", "2024-11-29T06:30+03:00", "2024-02-29T23:59:59Z%"]
    )
)
def test_dates_made_by_setting_slots_are_dataclass_dates(text: str) -> None:
    """A parsed date, made without the dataclass's __init__, equals, hashes and prints as
    the same date made by it, field by field."""
    import dataclasses

    from timeline.dates import Date

    d = parse_date(text)
    same = Date(*(getattr(d, f.name) for f in dataclasses.fields(Date)))
    assert Date.__slots__ == tuple(f.name for f in dataclasses.fields(Date))
    assert (d, hash(d), repr(d)) == (same, hash(same), repr(same))
