"""The column names people give spreadsheets, in every supported locale, and what becomes of
the columns and rows that are not events' keys."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.formats import ImportFailed, import_bytes
from timeline.formats._columns import column_key, suggest

runner = CliRunner()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Start", "date"),
        ("Start date", "date"),
        ("START_DATE", "date"),
        ("startdate", "date"),
        ("Date", "date"),
        ("When", "date"),
        ("End", "end"),
        ("End date", "end"),
        ("Headline", "title"),
        ("Event", "title"),
        ("Description", "summary"),
        ("Notes", "summary"),
        ("Location", "place"),
        ("Place", "place"),
        ("Source", "sources"),
        ("Sources", "sources"),
        ("Link", "source url"),
        ("URL", "source url"),
        ("Category", "group"),
        ("Group", "group"),
        ("Type", "group"),
        ("Tags", "tags"),
        ("Importance", "importance"),
        ("Certainty", "certainty"),
        ("Time", "time"),
        # French, German, Turkish, Arabic
        ("Date de début", "date"),
        ("date de fin", "end"),
        ("Titre", "title"),
        ("Résumé", "summary"),
        ("Lieu", "place"),
        ("Catégorie", "group"),
        ("Mots-clés", "tags"),
        ("Datum", "date"),
        ("Enddatum", "end"),
        ("Ereignis", "title"),
        ("Beschreibung", "summary"),
        ("Ort", "place"),
        ("Quelle", "sources"),
        ("Tarih", "date"),
        ("Başlangıç tarihi", "date"),
        ("Bitiş", "end"),
        ("Başlık", "title"),
        ("Açıklama", "summary"),
        ("Yer", "place"),
        ("Kaynak", "sources"),
        ("التاريخ", "date"),
        ("النهاية", "end"),
        ("العنوان", "title"),
        ("الوصف", "summary"),
        ("المكان", "place"),
        ("المصدر", "sources"),
    ],
)
def test_column_synonyms(name: str, key: str) -> None:
    """Names are matched ignoring case, accents, spaces and punctuation, in every locale."""
    assert column_key(name) == key


def test_misspelt_names_suggest_their_key() -> None:
    """A name close to a known one suggests that key; a name close to none, nothing."""
    assert suggest("Locaton") == "place"
    assert suggest("Reporter") is None


def _read(text: str, **options: object) -> tuple[list[dict[str, object]], list[str]]:
    result = import_bytes(text.encode(), "s.csv", **options)  # type: ignore[arg-type]
    events = [
        {"title": e.title, "when": e.when.text, "place": e.place, "sources": e.sources}
        for e in result.timeline.events
    ]
    return events, [str(w) for w in result.warnings]


def test_the_newsroom_headers_need_no_map() -> None:
    """``End date``, ``Location``, ``Source``, ``Notes`` are read without any --map."""
    text = (
        "Date,End date,Headline,Location,Source,Notes\n"
        "2023-04-15,2023-04-20,Clashes,Khartoum,Reuters,First shots\n"
    )
    result = import_bytes(text.encode(), "s.csv")
    (event,) = result.timeline.events
    assert (event.when.text, event.title, event.place, event.summary) == (
        "2023-04-15/2023-04-20",
        "Clashes",
        "Khartoum",
        "First shots",
    )
    assert result.timeline.sources["reuters"].title == "Reuters"


def test_unknown_columns_are_kept_as_extension_keys_with_a_warning() -> None:
    """A column no name matches is kept on each event as ``x-<name>``; the warning's hint
    suggests the key a misspelt name means."""
    text = "Date,Title,Locaton,Reporter\n2011,A,Homs,Jane\n2012,B,,\n"
    result = import_bytes(text.encode(), "s.csv")
    assert [str(w) for w in result.warnings][1:] == [
        "s.csv:1:3: warning: column 'Locaton' is not a key of the format: kept as "
        "'x-locaton' on each event (hint: if it holds the events' place, add --map "
        "'Locaton=place')",
        "s.csv:1:4: warning: column 'Reporter' is not a key of the format: kept as "
        "'x-reporter' on each event (hint: --map 'Reporter=KEY' reads it as one of: id, "
        "date, time, end, end time, title, summary, group, place, tags, sources, source url, "
        "certainty, importance, related; --map 'Reporter=' leaves it out)",
    ]
    assert "    x-locaton: Homs\n    x-reporter: Jane\n" in result.text


def test_a_column_without_a_name_is_kept_and_reported() -> None:
    """Cells under an empty header cell (or past the header's end) are not dropped: they
    are kept as ``x-column-<letter>``, reported at the header row."""
    text = "Date,Title,,\n2011,A,left over,\n2012,B,,extra\n"
    result = import_bytes(text.encode(), "s.csv")
    assert [str(w) for w in result.warnings][1:] == [
        "s.csv:1:3: warning: column C has no name in the header: kept as 'x-column-c' on "
        "each event (hint: name it in the header row)",
        "s.csv:1:4: warning: column D has no name in the header: kept as 'x-column-d' on "
        "each event (hint: name it in the header row)",
    ]
    assert "    x-column-c: left over\n" in result.text
    assert "    x-column-d: extra\n" in result.text


def test_a_second_column_for_the_same_key_is_kept_aside() -> None:
    """Two columns meaning one key: the one named exactly after it wins, the other is kept
    as an ``x-`` key and reported."""
    text = "Category,Group,Date,Title\nwar,north,2011,A\n"
    result = import_bytes(text.encode(), "s.csv")
    (event,) = result.timeline.events
    assert event.group == "north"
    assert str(result.warnings[0]) == (
        "s.csv:1:1: warning: column 'Category' also reads as 'group', which column B gives: "
        "kept as 'x-category' on each event (hint: --map 'Category=KEY' reads it as another "
        "key; --map 'Category=' leaves it out)"
    )


def test_map_names_columns_case_and_space_insensitively() -> None:
    """--map matches column names as loosely as the synonyms do, and can drop a column."""
    text = "When it happened,What,Who\n2011,Protests,crowd\n"
    events, warnings = _read(text, columns={"when it  HAPPENED": "date", "who": ""})
    assert events == [{"title": "Protests", "when": "2011", "place": None, "sources": ()}]
    assert len(warnings) == 1  # only the missing title


def test_sources_from_names_and_links() -> None:
    """A source column of names and a link column are paired; a cell of several links gives
    one source each, with ids from their sites."""
    text = (
        "Date,Title,Source,Link\n"
        "2011,A,Reuters,https://www.reuters.com/a\n"
        '2012,B,,"https://apnews.com/b https://www.bbc.co.uk/c"\n'
        "2013,C,AP; Reuters,\n"
    )
    result = import_bytes(text.encode(), "s.csv")
    t = result.timeline
    assert [e.sources for e in t.events] == [
        ("reuters",),
        ("apnews-com", "bbc-co-uk"),
        ("ap", "reuters-2"),
    ]
    assert (t.sources["reuters"].title, t.sources["reuters"].url) == (
        "Reuters",
        "https://www.reuters.com/a",
    )
    assert t.sources["bbc-co-uk"].url == "https://www.bbc.co.uk/c"


def test_time_columns_join_their_dates() -> None:
    """A Time column gives the day its time; a time without a day is refused."""
    text = "Date,Time,Title\n15/04/2023,2:30 pm,A\n2023-04,10:00,B\n"
    with pytest.raises(ImportFailed) as caught:
        import_bytes(text.encode(), "s.csv")
    assert [str(d) for d in caught.value.diagnostics] == [
        "s.csv:3:2: error: 'time': a time needs a day, and 'date' is 2023-04 (hint: give the "
        "day in the date column, or leave the time out)"
    ]
    ok = import_bytes(text.replace("2023-04,", "2023-04-16,").encode(), "s.csv")
    assert [e.when.text for e in ok.timeline.events] == ["2023-04-15T14:30", "2023-04-16T10:00"]


def test_a_title_row_above_the_header_titles_the_chronology() -> None:
    """A Google Sheets CSV often starts with the sheet's title row: it becomes the title,
    and other rows above the header are reported."""
    text = "The Aleppo offensive,,\n,,\nDate,Title,Notes\n2024-11-27,Offensive begins,\n"
    result = import_bytes(text.encode(), "s.csv")
    assert result.timeline.title == "The Aleppo offensive"
    assert result.warnings == ()


def test_end_column_words_for_ongoing() -> None:
    """An end cell saying "present" (in any supported locale) makes an ongoing period."""
    text = "Date,End,Title\n2015,present,A\n2016,en cours,B\n2017,2018,C\n"
    events, _ = _read(text)
    assert [e["when"] for e in events] == ["2015/..", "2016/..", "2017/2018"]


def test_import_help_lists_the_sheet_options() -> None:
    """The import command documents --sheet, --day-first, --month-first and --explain."""
    result = runner.invoke(app, ["import", "--help"])
    for option in ("--sheet", "--day-first", "--month-first", "--explain", "--encoding"):
        assert option in result.stdout
