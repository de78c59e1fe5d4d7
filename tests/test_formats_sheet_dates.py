"""Dates as people type them in spreadsheets: every certain reading, never a guess."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import Timeline
from timeline.formats import ImportFailed, import_bytes
from timeline.formats._human_dates import Order, Refused, excel_serial, is_present, read_text
from timeline.i18n.names import MONTH_LOCALES, _names, fold, month_named

READ = [
    # our own notation, as it is
    ("2023-04-15", "2023-04-15"),
    ("2019~", "2019~"),
    ("2016-07/2016-12-22", "2016-07/2016-12-22"),
    # numbers
    ("2023-4-15", "2023-04-15"),
    ("2023/04/15", "2023-04-15"),
    ("2023.4.5", "2023-04-05"),
    ("2023-4", "2023-04"),
    ("04/2023", "2023-04"),
    ("05/05/2023", "2023-05-05"),
    ("45031", "2023-04-15"),
    ("45031.75", "2023-04-15T18:00"),
    ("45031,5", "2023-04-15T12:00"),
    ("2023-04-15 14:30", "2023-04-15T14:30"),
    # month names in every supported locale
    ("Dec 2023", "2023-12"),
    ("December, 2023", "2023-12"),
    ("April 2023", "2023-04"),
    ("15 April 2023", "2023-04-15"),
    ("April 15, 2023", "2023-04-15"),
    ("April 15th 2023", "2023-04-15"),
    ("the 15th of April 2023", "2023-04-15"),
    ("15-Apr-2023", "2023-04-15"),
    ("Sept 2023", "2023-09"),
    ("avril 2023", "2023-04"),
    ("1er avril 2023", "2023-04-01"),
    ("15 déc. 2023", "2023-12-15"),
    ("15. März 2023", "2023-03-15"),
    ("MÄRZ 2023", "2023-03"),
    ("Marz 2023", "2023-03"),
    ("Nisan 2023", "2023-04"),
    ("15 Kasım 2023", "2023-11-15"),
    ("15 KASIM 2023", "2023-11-15"),
    ("أبريل 2023", "2023-04"),
    ("ابريل 2023", "2023-04"),
    ("١٥ أبريل ٢٠٢٣", "2023-04-15"),
    ("نيسان 2023", "2023-04"),
    ("تشرين الأول 2023", "2023-10"),
    ("جانفي 2024", "2024-01"),
    ("Friday 29 November 2024", "2024-11-29"),
    ("ven. 29 nov. 2024", "2024-11-29"),
    ("15 April 2023 2:30 pm", "2023-04-15T14:30"),
    ("15 April 2023 14h30", "2023-04-15T14:30"),
    ("15 April 2023 14:30 UTC", "2023-04-15T14:30Z"),
    ("in 2019", "2019"),
    # ranges in one cell
    ("15–20 April 2023", "2023-04-15/2023-04-20"),
    ("15-20 April 2023", "2023-04-15/2023-04-20"),
    ("15 April – 20 May 2023", "2023-04-15/2023-05-20"),
    ("April – June 2023", "2023-04/2023-06"),
    ("April 15 – 20, 2023", "2023-04-15/2023-04-20"),
    ("Dec 2022 – Mar 2023", "2022-12/2023-03"),
    ("2019-2021", "2019/2021"),
    ("2019 to 2021", "2019/2021"),
    ("from 2019 to 2021", "2019/2021"),
    ("du 15 au 20 avril 2023", "2023-04-15/2023-04-20"),
    ("vom 15. bis 20. März 2023", "2023-03-15/2023-03-20"),
    ("2023-04-15 - 2023-04-20", "2023-04-15/2023-04-20"),
    ("since 2015", "2015/.."),
    ("depuis mars 2015", "2015-03/.."),
    ("2015 – present", "2015/.."),
    ("2015-09-30 - ongoing", "2015-09-30/.."),
    # qualifiers in words
    ("c. 2019", "2019~"),
    ("c.2019", "2019~"),
    ("ca. 2019", "2019~"),
    ("circa 2019", "2019~"),
    ("around 2019", "2019~"),
    ("about April 2019", "2019-04~"),
    ("approx. 2019", "2019~"),
    ("~2019", "2019~"),
    ("vers 1900", "1900~"),
    ("um 1900", "1900~"),
    ("yaklaşık 1900", "1900~"),
    ("2019 civarı", "2019~"),
    ("حوالي 2019", "2019~"),
    ("2019?", "2019?"),
    ("2019 (?)", "2019?"),
    ("probably 2019", "2019?"),
    ("c. 2019?", "2019%"),
]


@pytest.mark.parametrize(("text", "expected"), READ)
def test_certain_readings(text: str, expected: str) -> None:
    """Each form people type reads as exactly one date, the same in either day order."""
    for order in Order:
        reading, consulted = read_text(text, order)
        assert reading.text == expected
        assert not consulted


@pytest.mark.parametrize(
    ("text", "day_first", "month_first"),
    [
        ("03/04/2023", "2023-04-03", "2023-03-04"),
        ("3.4.2023", "2023-04-03", "2023-03-04"),
        ("03-04-2023", "2023-04-03", "2023-03-04"),
        ("03/04/2023 10:15", "2023-04-03T10:15", "2023-03-04T10:15"),
        ("01/02/2023 – 03/04/2023", "2023-02-01/2023-04-03", "2023-01-02/2023-03-04"),
    ],
)
def test_numeric_day_month_dates_depend_on_the_order(
    text: str, day_first: str, month_first: str
) -> None:
    """A numeric date with both numbers up to 12 reads differently in each order, and says
    that the order mattered."""
    assert read_text(text, Order.DAY_FIRST) == (read_text(text, Order.DAY_FIRST)[0], True)
    assert read_text(text, Order.DAY_FIRST)[0].text == day_first
    assert read_text(text, Order.MONTH_FIRST)[0].text == month_first


REFUSED = [
    (
        "early 2019",
        "'early 2019': our dates cannot say 'early' exactly",
        "write 2019 (some time in 2019), or the month if you know it (2019-02), and say "
        "'early' in the summary",
    ),
    (
        "Spring 2019",
        "'Spring 2019': our dates cannot say 'Spring' exactly",
        "write 2019 (some time in 2019), or the month if you know it (2019-02), and say "
        "'Spring' in the summary",
    ),
    (
        "Q1 2019",
        "'Q1 2019': our dates cannot say 'Q1' exactly",
        "write 2019 (some time in 2019), or the month if you know it (2019-02), and say "
        "'Q1' in the summary",
    ),
    (
        "the 1990s",
        "'the 1990s': our dates cannot say 'some time in a decade'",
        "write 1990/1999 only if it lasted the decade; otherwise the year, with ~ if it is "
        "approximate (1995~)",
    ),
    (
        "between 2019 and 2021",
        "'between 2019 and 2021': our dates cannot say 'between'",
        "write 2019~ if the date is approximate, or START/END if it lasted that long",
    ),
    (
        "15/04/23",
        "'15/04/23' has a two-digit year",
        "write the year in full: 15/04/2023 for 2023, or 1923",
    ),
    ("15-Apr-23", "'15-Apr-23' has a two-digit year", "write the year in full: 15 April 2023"),
    (
        "Apr-23",
        "'Apr-23' could be a day without a year or a month with a two-digit year",
        "write April 2023 or 23 April with its year",
    ),
    ("15 April", "'15 April' has no year", "write the year with four digits"),
    (
        "2023/4",
        "'2023/4' could be a month or a period of years",
        "write 2023-04 for the month, or 2023/2024 for the period",
    ),
    (
        "2019–",
        "'2019–' ends with a dash and nothing after it",
        "write 2019/.. if it is still going on, or 2019/ if its end is unknown",
    ),
    (
        "December – March 2023",
        "'December – March 2023': period ends (2023-03) before it starts (2023-12)",
        "write the year of both ends",
    ),
    (
        "Sat 29 Nov 2024",
        "'Sat 29 Nov 2024': 29 November 2024 is a Friday, not the weekday written",
        "check the day and the weekday",
    ),
    (
        "15 Apirl 2023",
        "'15 Apirl 2023' is not a date: 'apirl' is not a month name",
        "write the date as 2023-04-15, 15 April 2023 or April 2023",
    ),
    ("31 April 2023", "day 31 does not exist: April 2023 has 30 days", None),
    ("2023-02-29", "day 29 does not exist: February 2023 has 28 days", None),
]


@pytest.mark.parametrize(("text", "message", "hint"), REFUSED, ids=[r[0] for r in REFUSED])
def test_what_cannot_be_read_exactly_is_refused_with_advice(
    text: str, message: str, hint: str | None
) -> None:
    """Vague words, two-digit years, missing years and impossible dates are refused, each
    with a hint that offers a value to write where one can be given."""
    with pytest.raises(Refused) as caught:
        read_text(text, Order.DAY_FIRST)
    assert (caught.value.message, caught.value.hint) == (message, hint)


def test_excel_serial_numbers_follow_the_1900_date_system() -> None:
    """Excel's day 1 is 1900-01-01 (day 60 its phantom 29 February): 45031 is 2023-04-15."""
    assert excel_serial(45031) == "2023-04-15"
    assert excel_serial(61) == "1900-03-01"
    assert excel_serial(45031.000011574) == "2023-04-15T00:00:01"


@pytest.mark.parametrize("text", ["present", "Ongoing", "..", "aujourd'hui", "heute", "günümüz"])
def test_words_for_still_going_on(text: str) -> None:
    """An end cell saying "present" in any supported locale means the period is ongoing."""
    assert is_present(text)


def test_no_month_name_means_two_months() -> None:
    """Every name and abbreviation CLDR gives in the supported locales names one month only
    (so none had to be dropped), and every month has names in every locale."""
    names = _names("months")
    assert [name for name, months in names.items() if len(months) > 1] == []
    assert "ar_SY" in MONTH_LOCALES
    from babel import Locale

    for code in MONTH_LOCALES:
        wide = Locale.parse(code).months["format"]["wide"]
        assert [month_named(fold(wide[m])) for m in range(1, 13)] == list(range(1, 13))


def test_ambiguous_prefixes_are_not_months() -> None:
    """A start shared by two months' names (``Ma``, ``Ju``) names neither."""
    assert month_named("ma") is None
    assert month_named("ju") is None
    assert month_named("jun") == 6


# -- whole columns --------------------------------------------------------------------------


def _in_rows(t: Timeline) -> list[str]:
    """The dates of events titled ``Event N``, in the order of N (the rows they came from;
    the chronology itself is in date order)."""
    return [e.when.text for e in sorted(t.events, key=lambda e: int(e.title.split()[-1]))]


def _import(rows: list[str], order: str | None = None) -> list[str]:
    text = "Date,Title\n" + "".join(f"{d},Event {i}\n" for i, d in enumerate(rows))
    return _in_rows(import_bytes(text.encode(), "sheet.csv", order=order).timeline)


def test_one_unambiguous_date_settles_the_column() -> None:
    """15/04/2023 can only be day first, so 03/04/2023 in the same column is 3 April."""
    assert _import(["15/04/2023", "03/04/2023"]) == ["2023-04-15", "2023-04-03"]
    assert _import(["04/15/2023", "03/04/2023"]) == ["2023-04-15", "2023-03-04"]


def test_an_undecided_column_is_one_error_listing_its_rows() -> None:
    """With no date to settle the order, one error lists every row read either way and
    offers both options with the values they give."""
    with pytest.raises(ImportFailed) as caught:
        _import(["03/04/2023", "2023", "05/06/2023", "07/07/2023"])
    assert [str(d) for d in caught.value.diagnostics] == [
        "sheet.csv:2:1: error: 'date': '03/04/2023' could be 3 April 2023 or 4 March 2023, "
        "and no date in column A says which (rows 2 and 4 can be read either way) (hint: add "
        "--day-first if 03/04/2023 is 2023-04-03, or --month-first if it is 2023-03-04)"
    ]
    assert _import(["03/04/2023", "05/06/2023"], "day first") == ["2023-04-03", "2023-06-05"]
    assert _import(["03/04/2023", "05/06/2023"], "month first") == ["2023-03-04", "2023-05-06"]


def test_a_column_written_both_ways_is_refused() -> None:
    """15/04/2023 and 04/16/2023 in one column cannot both be right: both are named."""
    with pytest.raises(ImportFailed) as caught:
        _import(["15/04/2023", "04/16/2023"])
    assert [str(d) for d in caught.value.diagnostics] == [
        "sheet.csv:3:1: error: 'date': column A has day-first dates ('15/04/2023' in A2) and "
        "month-first dates ('04/16/2023' in A3) (hint: write every date of a column the same "
        "way; 2023-04-15 is never ambiguous)"
    ]


def test_a_date_against_the_given_order_is_refused_with_its_other_reading() -> None:
    """With --day-first, 04/15/2023 is refused, and the hint gives its month-first value."""
    with pytest.raises(ImportFailed) as caught:
        _import(["04/15/2023"], "day first")
    assert [str(d) for d in caught.value.diagnostics] == [
        "sheet.csv:2:1: error: 'date': '04/15/2023' is not a day first date: month 15 does "
        "not exist (hint: it is read day first as --day-first says; read the other way it is "
        "2023-04-15)"
    ]


def test_a_year_in_a_column_of_serial_numbers_is_refused() -> None:
    """2019 beside Excel day numbers could be the year or day 2019 (1905): refused."""
    with pytest.raises(ImportFailed) as caught:
        _import(["45031", "2019"])
    assert [str(d) for d in caught.value.diagnostics] == [
        "sheet.csv:3:1: error: 'date': '2019' could be the year 2019 or Excel's day number "
        "2019 (11 July 1905): column A holds Excel day numbers ('45031' in A2) (hint: write "
        "'in 2019' for the year, or 1905-07-11 for the day)"
    ]
    assert _import(["45031", "in 2019"]) == ["2023-04-15", "2019"]


def test_explain_lists_each_conversion_once() -> None:
    """The same text in many cells is one note, saying how many more cells it covers."""
    text = "Date,Title\n15/04/2023,a\n15/04/2023,b\n15/04/2023,c\nDec 2023,d\n2023-05,e\n"
    result = import_bytes(text.encode(), "s.csv")
    assert [str(n) for n in result.conversions] == [
        "s.csv:2:1: note: 'date': '15/04/2023' read as 2023-04-15 (day first, as "
        "'15/04/2023' in A2 shows); the same in 2 more cells",
        "s.csv:5:1: note: 'date': 'Dec 2023' read as 2023-12",
    ]


# -- the ambiguity rule, as properties ------------------------------------------------------

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


def _sheet(dates: list[date], order: Order) -> bytes:
    rows = []
    for i, d in enumerate(dates):
        a, b = (d.day, d.month) if order is Order.DAY_FIRST else (d.month, d.day)
        rows.append(f"{a:02d}/{b:02d}/{d.year},Event {i}")
    return ("Date,Title\n" + "\n".join(rows) + "\n").encode()


@settings(max_examples=60, deadline=None)
@given(st.lists(days, min_size=1, max_size=8), st.sampled_from(list(Order)))
def test_an_import_never_reads_a_date_two_ways(dates: list[date], order: Order) -> None:
    """Without an option, a sheet written in one order either imports to exactly its dates
    or is refused as ambiguous: it never reads a date in the other order."""
    data = _sheet(dates, order)
    truth = [d.isoformat() for d in dates]
    # A day above 12 can only be the day; a date whose day is its month reads either way.
    settled = any(d.day > 12 for d in dates) or all(d.day == d.month for d in dates)
    if not settled:
        with pytest.raises(ImportFailed) as caught:
            import_bytes(data, "sheet.csv")
        assert all("could be" in d.message for d in caught.value.diagnostics)
        return
    assert _in_rows(import_bytes(data, "sheet.csv").timeline) == truth


@settings(max_examples=60, deadline=None)
@given(st.lists(days, min_size=1, max_size=8))
def test_day_first_and_month_first_sheets_agree_when_told_which(dates: list[date]) -> None:
    """The same events written day first and month first give the same chronology when
    the import is told which order each sheet uses."""
    day_first = import_bytes(_sheet(dates, Order.DAY_FIRST), "s.csv", order="day first")
    month_first = import_bytes(_sheet(dates, Order.MONTH_FIRST), "s.csv", order="month first")
    assert day_first.text == month_first.text
    assert _in_rows(day_first.timeline) == [d.isoformat() for d in dates]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 31), st.integers(1, 31), st.integers(1000, 9999))
def test_a_numeric_date_reads_once_per_order(a: int, b: int, year: int) -> None:
    """Each order gives at most one reading, the two agree whenever the order cannot
    matter, and a reading is always a real calendar day."""
    text = f"{a}/{b}/{year}"
    readings = {}
    for order in Order:
        try:
            readings[order] = read_text(text, order)[0].text
        except Refused:
            continue
    if a == b:
        assert len(set(readings.values())) <= 1
    for order, value in readings.items():
        day, month = (a, b) if order is Order.DAY_FIRST else (b, a)
        assert month <= 12
        assert day <= calendar.monthrange(year, month)[1]
        assert value == f"{year:04d}-{month:02d}-{day:02d}"
