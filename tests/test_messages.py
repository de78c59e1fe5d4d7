"""Messages users see: dates written the way people write them, weekday claims, quoted titles."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from timeline import check_bytes
from timeline.cli import app
from timeline.dates import parse_when
from timeline.errors import shorten
from timeline.loader._people import MONTH_NAMES, reading
from timeline.loader._weekdays import contradictions
from timeline.spec import LOCALES

from .conftest import SAMPLE

runner = CliRunner()


def _messages(yaml: str) -> list[str]:
    return [str(d) for d in check_bytes(yaml.encode(), "t.yaml").diagnostics]


# -- dates written the way people write them ---------------------------------------------

#: What people write, and the EDTF we offer (None: not read, the format's message stands).
PEOPLE: list[tuple[str, str | None]] = [
    ("13 April 2023", "2023-04-13"),
    ("13 Apr 2023", "2023-04-13"),
    ("April 13, 2023", "2023-04-13"),
    ("Thursday, 13 April 2023", "2023-04-13"),
    ("April 2023", "2023-04"),
    ("Sept 2015", "2015-09"),
    ("2023-4-15", "2023-04-15"),
    ("2023-4", "2023-04"),
    ("2023/04/13", "2023-04-13"),
    ("2023.04.13", "2023-04-13"),
    ("20230413", "2023-04-13"),
    ("13/04/2023", "2023-04-13"),
    ("13.04.2023", "2023-04-13"),
    ("04/13/2023", "2023-04-13"),
    ("04/04/2023", "2023-04-04"),
    ("13 avril 2023", "2023-04-13"),
    ("1er mars 2011", "2011-03-01"),
    ("13 fevrier 2023", "2023-02-13"),
    ("13. März 2023", "2023-03-13"),
    ("13 Nisan 2023", "2023-04-13"),
    ("13 أبريل 2023", "2023-04-13"),
    ("c. 2019", "2019~"),
    ("circa April 2019", "2019-04~"),
    ("~2019", "2019~"),
    ("2019 (?)", "2019?"),
    ("2024-11-29T6:30", "2024-11-29T06:30"),
    ("13 April 2023 06:30", "2023-04-13T06:30"),
    ("1–3 May 2023", "2023-05-01/2023-05-03"),
    ("13 to 20 April 2023", "2023-04-13/2023-04-20"),
    ("April – June 2023", "2023-04/2023-06"),
    ("2016-07 to 2016-12-22", "2016-07/2016-12-22"),
    ("since 2015", "2015/.."),
    ("2015–present", "2015/.."),
    ("2011-2013", "2011/2013"),
    ("31 April 2023", None),
    ("2023-13-01", None),
    ("tomorrow", None),
    ("Cairo 2023", None),
]


@pytest.mark.parametrize(("written", "edtf"), PEOPLE)
def test_people_dates_are_read(written: str, edtf: str | None) -> None:
    """Each way people write a date reads as the EDTF that means it, or not at all."""
    found = reading(written)
    assert (found.text if found else None) == edtf
    if edtf is not None:
        parse_when(edtf)


def test_view_date_names_its_key_and_offers_the_date() -> None:
    """``from: 13 April 2023`` in a view names 'from' and offers ``from: 2023-04-13``."""
    got = _messages("title: T\nevents: []\nviews:\n  v: {from: 13 April 2023, to: April 2023}\n")
    assert got == [
        "t.yaml:4:13: error: 'from': '13 April 2023' is not a date as the format writes them "
        "(YYYY-MM-DD) (hint: we read 13 April 2023; write from: 2023-04-13)",
        "t.yaml:4:32: error: 'to': 'April 2023' is not a date as the format writes them "
        "(YYYY-MM-DD) (hint: we read April 2023; write to: 2023-04)",
    ]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        (
            "date",
            "2023-4-15",
            "'date': '2023-4-15' needs two digits for the month and the day "
            "(hint: we read 15 April 2023; write date: 2023-04-15)",
        ),
        (
            "date",
            "04/05/2023",
            "'date': '04/05/2023' could be 4 May 2023 (day first) or 5 April 2023 (month first) "
            "(hint: write date: 2023-05-04 for 4 May 2023, or date: 2023-04-05 for 5 April 2023)",
        ),
        (
            "date",
            "1–3 May 2023",
            "'date': '1–3 May 2023' is not a period as the format writes them (start/end) "
            "(hint: we read 1 May 2023 to 3 May 2023; write date: 2023-05-01/2023-05-03)",
        ),
        (
            "date",
            "13 April",
            "'date': '13 April' has no year (hint: write date: YYYY-04-13)",
        ),
        (
            "end",
            "since 2015",
            "'end': 'since 2015' is not a date (hint: write dates as YYYY, YYYY-MM, YYYY-MM-DD "
            "or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], optionally followed by ~ (approximate), "
            "? (uncertain) or % (both))",
        ),
        (
            "end",
            "20 April 2023",
            "'end': '20 April 2023' is not a date as the format writes them (YYYY-MM-DD) "
            "(hint: we read 20 April 2023; write end: 2023-04-20)",
        ),
    ],
)
def test_event_date_messages(key: str, value: str, expected: str) -> None:
    """Event dates written the way people write them say what we read and what to write."""
    date = "2023-04-13" if key == "end" else value
    end = f", end: {value}" if key == "end" else ""
    got = _messages(f"title: T\nevents:\n  - {{date: {date}{end}, title: a, sources: []}}\n")
    assert [m.split(": ", 2)[2] for m in got if ": error: " in m] == [expected]


def test_as_of_never_offers_a_period() -> None:
    """A key that takes one date is never offered a period, even when the value reads as one."""
    got = _messages("title: T\nas_of: since 2015\nevents: []\n")
    assert got == [
        "t.yaml:2:8: error: 'as_of': 'since 2015' is not a date (hint: write dates as YYYY, "
        "YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], optionally followed by ~ "
        "(approximate), ? (uncertain) or % (both))"
    ]


def test_command_line_dates_get_the_same_hint(tmp_path: Path) -> None:
    """``--from 'April 2023'`` says what we read and what to write, as a usage error."""
    result = runner.invoke(app, ["show", str(SAMPLE), "--from", "April 2023"])
    assert result.exit_code == 2
    assert result.stderr == (
        "timeline: error: --from: 'April 2023' is not a date as the format writes them "
        "(YYYY-MM-DD) (hint: we read April 2023; write --from 2023-04)\n"
    )


def test_a_number_before_words_is_not_read_as_a_year() -> None:
    """The date parser never calls the 13 of "13 April 2023" a year."""
    from timeline.dates import DateError, parse_date

    with pytest.raises(DateError) as caught:
        parse_date("13 April 2023")
    assert "year" not in caught.value.message


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).rstrip(".")


@pytest.mark.parametrize("locale", LOCALES)
def test_month_names_are_cldr_names(locale: str) -> None:
    """Every CLDR wide and abbreviated month name of every locale is read as its month."""
    from babel import Locale

    loc = Locale.parse(locale)
    ours = {_fold(n): i for i, names in enumerate(MONTH_NAMES, 1) for n in names}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for i in range(1, 13):
                assert ours[_fold(str(loc.months[context][width][i]))] == i


# -- weekdays ----------------------------------------------------------------------------

#: Realistic titles, the date they carry, and whether the check warns.
TITLES: list[tuple[str, str, bool]] = [
    ("A general strike is called for Friday", "2023-04-13", False),
    ("Protesters vow to march on Friday", "2023-04-13", False),
    ("Talks due to resume on Monday in Jeddah", "2023-05-04", False),
    ("Army gives the RSF until Sunday to withdraw", "2023-04-13", False),
    ("Opposition calls Friday protests across the country", "2023-04-13", False),
    ("Friday prayers end in clashes with police", "2023-04-13", False),
    ("Good Friday agreement anniversary marked in Belfast", "2023-04-10", False),
    ("Bloody Sunday inquiry publishes its report", "2010-06-15", False),
    ("The Mail on Sunday publishes a leaked memo", "2023-04-15", False),
    ("Clashes since Friday leave 50 dead", "2023-04-16", False),
    ("Ceasefire to take effect on Monday", "2023-04-13", False),
    ("Weekly Friday protests resume", "2023-04-13", False),
    ("Friday's vote is postponed", "2023-04-13", False),
    ("Biden says Israel-Hezbollah ceasefire will take effect Wednesday morning", "2024-11-26",
     False),
    ("Fighting erupts in Khartoum on Saturday", "2023-04-15", False),
    ("Fighting erupts in Khartoum on Saturday", "2023-04-14", True),
    ("Friday: troops enter the city", "2023-04-13", True),
    ("On Sunday, the army shells Omdurman", "2023-04-17", True),
    ("Clashes continue on Monday morning", "2023-04-18", True),
    ("Clashes continue on Monday morning", "2023-04-17/2023-04-18", False),
    ("Fighting erupts in Khartoum on Saturday", "2023-04-14~", False),
    ("Strike on Friday 14 April 2023", "2023-04-14", False),
    ("Strike on Thursday 14 April", "2023-04-14", True),
    ("Strike begins Thursday, April 14", "2023-04-20", True),
]  # fmt: skip


@pytest.mark.parametrize(("title", "date", "warns"), TITLES)
def test_weekday_in_title_is_a_claim_only_about_the_event_day(
    title: str, date: str, warns: bool
) -> None:
    """A weekday warns only when it names the event's day (or its own written date)."""
    assert bool(contradictions(title, parse_when(date), title=True)) is warns


def test_weekday_with_its_date_is_checked_in_summaries() -> None:
    """A summary's "Friday 13 April 2023" is checked against the calendar; a bare weekday
    in a summary, which often names another day, is not."""
    when = parse_when("2023-04-15")
    found = contradictions("Talks opened on Friday 13 April 2023.", when, title=False)
    assert [(c.said, c.actual) for c in found] == [
        ("Friday 13 April 2023", "13 April 2023 was a Thursday")
    ]
    assert contradictions("On Friday the army retreated.", when, title=False) == []


def test_weekday_warning_messages() -> None:
    """The warnings name the weekday, the date and what the calendar says."""
    got = _messages(
        "title: T\nsources: {s: {title: S}}\nevents:\n"
        "  - {date: 2023-04-14, title: Fighting erupts on Saturday, sources: [s]}\n"
        "  - date: 2023-04-15\n    title: War\n    summary: It began on Friday 15 April.\n"
        "    sources: [s]\n"
    )
    assert got == [
        "t.yaml:4:31: warning: title says Saturday but 2023-04-14 was a Friday "
        "(hint: check the date, or say which day it was another way)",
        "t.yaml:7:14: warning: summary says Friday 15 April, but 15 April 2023 was a Saturday "
        "(hint: check the date and the weekday)",
    ]


def test_sample_has_no_weekday_false_alarms() -> None:
    """The sample chronology, which names weekdays in titles and summaries, gets no
    weekday warning."""
    report = check_bytes(SAMPLE.read_bytes())
    assert [d for d in report.diagnostics if "says" in d.message] == []


# -- quoted titles -----------------------------------------------------------------------


def test_warnings_cut_titles_at_a_word() -> None:
    """A long title quoted in a warning ends at a whole word, with an ellipsis."""
    title = "Rapid Support Forces fighters enter the city after days of fighting ending the siege"
    got = _messages(
        "title: T\neras: [{title: E, date: 2000}]\nevents:\n"
        f"  - {{date: 2023-04-15, title: {title}}}\n"
    )
    head = "Rapid Support Forces fighters enter the city…"
    assert got == [
        f"t.yaml:4:5: warning: event '{head}' cites no source "
        "(hint: add 'sources: [id]' naming an entry of 'sources')",
        f"t.yaml:4:12: warning: event '{head}' falls outside every era "
        "(hint: extend an era or add one)",
    ]


@given(st.text(alphabet=st.sampled_from("ab cdé,;:."), max_size=120), st.integers(10, 80))
def test_shorten_cuts_at_a_word(text: str, limit: int) -> None:
    """A shortened text fits the limit and, when cut, ends in an ellipsis after a whole word
    of the original (inside a word only when one word fills most of the limit)."""
    short = shorten(text, limit)
    assert len(short) <= limit
    flat = " ".join(text.split())
    if short == flat:
        return
    assert short.endswith("…")
    head = short[:-1]
    assert flat.startswith(head)
    # Cut where a word ends, unless one word runs over most of the limit.
    assert flat[len(head)] in " ,;:." or " " not in flat[limit // 2 : limit]


# -- a comma inside braces -----------------------------------------------------------------


def test_a_comma_in_a_flow_title_gets_the_quoted_title_as_hint() -> None:
    """In braces a comma ends a plain value: the rest is read as a key without a value, and
    the message offers the whole value quoted; a key on a line of its own gets the usual
    hint, and quotes inside the value are escaped in the suggestion."""
    head = "title: T\nevents:\n"
    flow = head + "  - {date: 2018-10-29, title: Lion Air crashes off Jakarta, 189 killed}\n"
    assert _messages(flow)[-1] == (
        "t.yaml:3:61: error: unknown key '189 killed' in an event (hint: inside { } a comma "
        'ends a value; quote it whole: title: "Lion Air crashes off Jakarta, 189 killed")'
    )
    quoted = head + '  - {date: 2018, title: The "MAX" grounded, worldwide}\n'
    assert _messages(quoted)[-1] == (
        "t.yaml:3:45: error: unknown key 'worldwide' in an event (hint: inside { } a comma ends "
        'a value; quote it whole: title: "The \\"MAX\\" grounded, worldwide")'
    )
    block = head + "  - date: 2018\n    title: a\n    worldwide:\n"
    assert _messages(block)[-1] == (
        "t.yaml:5:5: error: unknown key 'worldwide' in an event (hint: keys starting with 'x-' "
        "are free for your own use)"
    )


# -- a view's range ------------------------------------------------------------------------


def test_a_view_ending_before_it_starts_is_an_error_at_its_to() -> None:
    """A view whose ``to`` comes before its ``from`` would show nothing: an error at the
    ``to``, compared as instants in the chronology's zone, as a period's ends are; a view of
    one day (the same date on both sides) is fine."""
    head = "title: T\nevents:\n  - {date: 2024-11-27, title: a, sources: [s]}\n"
    head += "sources:\n  s: {title: S}\n"
    assert _messages(head + "views:\n  v: {from: 2020, to: 2019}\n") == [
        "t.yaml:7:23: error: 'to' (2019) is before 'from' (2020): view 'v' would show "
        "nothing (hint: swap them)"
    ]
    assert _messages(head + "views:\n  v: {from: 2024-11-27, to: 2024-11-27}\n") == []
    zoned = "timezone: America/New_York\n" + head
    late = "views:\n  v: {from: 2024-11-27T10:00, to: 2024-11-27T12:00Z}\n"
    assert _messages(zoned + late) == [
        "t.yaml:8:35: error: 'to' (2024-11-27T12:00Z) is before 'from' (2024-11-27T10:00): "
        "view 'v' would show nothing (hint: swap them)"
    ]
