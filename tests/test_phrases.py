"""Dates written for people, in every supported locale."""

from __future__ import annotations

import subprocess
import sys

import pytest

from timeline.dates import parse_date, parse_when
from timeline.i18n import locale as _text_locale
from timeline.i18n.phrases import date_phrase, month_phrase, when_parts, when_phrase, year_phrase
from timeline.i18n.words import WORDS, counted, words
from timeline.spec import LOCALES

NNBSP = "\u202f"

#: Each kind of date, then its phrase in en, fr, de, tr, ar.
PHRASES: list[tuple[str, tuple[str, str, str, str, str]]] = [
    ("2011", ("2011", "2011", "2011", "2011", "2011")),
    ("2019~", ("c. 2019", "vers 2019", "ca. 2019", "yaklaşık 2019", "حوالي 2019")),
    ("2019?", ("2019?", f"2019{NNBSP}?", "2019?", "2019?", "2019؟")),
    ("2019%", ("c. 2019?", f"vers 2019{NNBSP}?", "ca. 2019?", "yaklaşık 2019?", "حوالي 2019؟")),
    ("2011-03", ("March 2011", "mars 2011", "März 2011", "Mart 2011", "مارس 2011")),
    ("2011-08~", ("c. August 2011", "vers août 2011", "ca. August 2011", "yaklaşık Ağustos 2011",
                  "حوالي أغسطس 2011")),
    ("2011-03-15", ("15 March 2011", "15 mars 2011", "15. März 2011", "15 Mart 2011",
                    "15 مارس 2011")),
    ("2011-10-01", ("1 October 2011", "1er octobre 2011", "1. Oktober 2011", "1 Ekim 2011",
                    "1 أكتوبر 2011")),
    ("2024-11-29T06:30+03:00", (
        "29 November 2024, 06:30 (UTC+3)", "29 novembre 2024, 06:30 (UTC+3)",
        "29. November 2024, 06:30 (UTC+3)", "29 Kasım 2024 06:30 (UTC+3)",
        "29 نوفمبر 2024، 06:30 (UTC+3)")),
    ("2024-11-29T06:30:15Z", (
        "29 November 2024, 06:30:15 (UTC)", "29 novembre 2024, 06:30:15 (UTC)",
        "29. November 2024, 06:30:15 (UTC)", "29 Kasım 2024 06:30:15 (UTC)",
        "29 نوفمبر 2024، 06:30:15 (UTC)")),
    ("2024-11-29T18:05-05:30", (
        "29 November 2024, 18:05 (UTC−5:30)", "29 novembre 2024, 18:05 (UTC−5:30)",
        "29. November 2024, 18:05 (UTC−5:30)", "29 Kasım 2024 18:05 (UTC−5:30)",
        "29 نوفمبر 2024، 18:05 (UTC−5:30)")),
    ("2024-11-29T18:05", (
        "29 November 2024, 18:05", "29 novembre 2024, 18:05", "29. November 2024, 18:05",
        "29 Kasım 2024 18:05", "29 نوفمبر 2024، 18:05")),
    ("2016-07/2016-12-22", (
        "July – 22 December 2016", "juillet – 22 décembre 2016", "Juli – 22. Dezember 2016",
        "Temmuz – 22 Aralık 2016", "يوليو – 22 ديسمبر 2016")),
    ("2016-12-15/2016-12-22", (
        "15 – 22 December 2016", "15 – 22 décembre 2016", "15. – 22. Dezember 2016",
        "15 – 22 Aralık 2016", "15 – 22 ديسمبر 2016")),
    ("2016-03-05/2016-12-22", (
        "5 March – 22 December 2016", "5 mars – 22 décembre 2016",
        "5. März – 22. Dezember 2016", "5 Mart – 22 Aralık 2016", "5 مارس – 22 ديسمبر 2016")),
    ("2016-12-30/2017-01-02", (
        "30 December 2016 – 2 January 2017", "30 décembre 2016 – 2 janvier 2017",
        "30. Dezember 2016 – 2. Januar 2017", "30 Aralık 2016 – 2 Ocak 2017",
        "30 ديسمبر 2016 – 2 يناير 2017")),
    ("2010/2012", ("2010 – 2012", "2010 – 2012", "2010 – 2012", "2010 – 2012", "2010 – 2012")),
    ("2016-07~/2016-12-22", (
        "c. July 2016 – 22 December 2016", "vers juillet 2016 – 22 décembre 2016",
        "ca. Juli 2016 – 22. Dezember 2016", "yaklaşık Temmuz 2016 – 22 Aralık 2016",
        "حوالي يوليو 2016 – 22 ديسمبر 2016")),
    ("2015-09-30/..", (
        "since 30 September 2015", "depuis le 30 septembre 2015", "seit dem 30. September 2015",
        "30 Eylül 2015 tarihinden beri", "منذ 30 سبتمبر 2015")),
    ("2015-09/..", (
        "since September 2015", "depuis septembre 2015", "seit September 2015",
        "Eylül 2015 tarihinden beri", "منذ سبتمبر 2015")),
    ("2015/..", ("since 2015", "depuis 2015", "seit 2015", "2015 yılından beri", "منذ 2015")),
    ("2011/", ("from 2011", "à partir de 2011", "ab 2011", "2011 yılından itibaren",
               "ابتداءً من 2011")),
    ("2011-04/", ("from April 2011", "à partir d’avril 2011", "ab April 2011",
                  "Nisan 2011 tarihinden itibaren", "ابتداءً من أبريل 2011")),
    ("2011-03-15/", ("from 15 March 2011", "à partir du 15 mars 2011", "ab dem 15. März 2011",
                     "15 Mart 2011 tarihinden itibaren", "ابتداءً من 15 مارس 2011")),
]  # fmt: skip

CASES = [
    pytest.param(text, locale, expected[i], id=f"{locale}-{text}")
    for text, expected in PHRASES
    for i, locale in enumerate(LOCALES)
]


@pytest.mark.parametrize(("text", "locale", "expected"), CASES)
def test_phrase(text: str, locale: str, expected: str) -> None:
    """Each precision, qualifier and kind of period reads as a person would write it."""
    assert when_phrase(parse_when(text), locale=locale) == expected


WEEKDAYS = [
    ("2024-11-29", ("Friday 29 November 2024", "vendredi 29 novembre 2024",
                    "Freitag, 29. November 2024", "29 Kasım 2024 Cuma",
                    "الجمعة، 29 نوفمبر 2024")),
    ("2024-11-27/2024-11-29", (
        "Wednesday 27 – Friday 29 November 2024", "mercredi 27 – vendredi 29 novembre 2024",
        "Mittwoch, 27. – Freitag, 29. November 2024",
        "27 Kasım 2024 Çarşamba – 29 Kasım 2024 Cuma",
        "الأربعاء، 27 – الجمعة، 29 نوفمبر 2024")),
    ("2024-11-30/2024-12-02", (
        "Saturday 30 November – Monday 2 December 2024",
        "samedi 30 novembre – lundi 2 décembre 2024",
        "Samstag, 30. November – Montag, 2. Dezember 2024",
        "30 Kasım 2024 Cumartesi – 2 Aralık 2024 Pazartesi",
        "السبت، 30 نوفمبر – الاثنين، 2 ديسمبر 2024")),
    ("2024-11-27/..", ("since Wednesday 27 November 2024", "depuis le mercredi 27 novembre 2024",
                       "seit dem Mittwoch, 27. November 2024",
                       "27 Kasım 2024 Çarşamba tarihinden beri", "منذ الأربعاء، 27 نوفمبر 2024")),
    ("2024-11", ("November 2024", "novembre 2024", "November 2024", "Kasım 2024",
                 "نوفمبر 2024")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        pytest.param(text, locale, expected[i], id=f"{locale}-{text}")
        for text, expected in WEEKDAYS
        for i, locale in enumerate(LOCALES)
    ],
)
def test_weekday_phrase(text: str, locale: str, expected: str) -> None:
    """Asked for weekdays, day-precision dates name them; coarser dates are unchanged."""
    assert when_phrase(parse_when(text), weekday=True, locale=locale) == expected


N = NNBSP

#: Every phrase around a date (on its own, since, from, ranges in a dense cluster, the
#: status line, an alt text's span, the chart's "ongoing" key) at each precision, exact,
#: approximate (~), uncertain (?) and both (%), as a native reader writes it in en, fr,
#: de, tr, ar. Prepositions never stack ("à partir de vers"), a weekday never names an
#: approximate or uncertain day, and a qualified date keeps its parts in a range.
GRAMMAR: list[tuple[str, str, tuple[str, str, str, str, str]]] = [
    ("date", "2015~", ("c. 2015", "vers 2015", "ca. 2015", "yaklaşık 2015", "حوالي 2015")),
    (
        "date",
        "2015-08~",
        (
            "c. August 2015",
            "vers août 2015",
            "ca. August 2015",
            "yaklaşık Ağustos 2015",
            "حوالي أغسطس 2015",
        ),
    ),
    (
        "date",
        "2015-04-01~",
        (
            "c. 1 April 2015",
            "vers le 1er avril 2015",
            "ca. 1. April 2015",
            "yaklaşık 1 Nisan 2015",
            "حوالي 1 أبريل 2015",
        ),
    ),
    ("date", "2015?", ("2015?", f"2015{N}?", "2015?", "2015?", "2015؟")),
    (
        "date",
        "2015-04%",
        (
            "c. April 2015?",
            f"vers avril 2015{N}?",
            "ca. April 2015?",
            "yaklaşık Nisan 2015?",
            "حوالي أبريل 2015؟",
        ),
    ),
    ("since", "2015", ("since 2015", "depuis 2015", "seit 2015", "2015 yılından beri", "منذ 2015")),
    (
        "since",
        "2015-04",
        (
            "since April 2015",
            "depuis avril 2015",
            "seit April 2015",
            "Nisan 2015 tarihinden beri",
            "منذ أبريل 2015",
        ),
    ),
    (
        "since",
        "2015-04-01",
        (
            "since 1 April 2015",
            "depuis le 1er avril 2015",
            "seit dem 1. April 2015",
            "1 Nisan 2015 tarihinden beri",
            "منذ 1 أبريل 2015",
        ),
    ),
    (
        "since",
        "2015~",
        (
            "since c. 2015",
            "depuis 2015 environ",
            "seit ca. 2015",
            "yaklaşık 2015 yılından beri",
            "منذ حوالي 2015",
        ),
    ),
    (
        "since",
        "2015-04~",
        (
            "since c. April 2015",
            "depuis avril 2015 environ",
            "seit ca. April 2015",
            "yaklaşık Nisan 2015 tarihinden beri",
            "منذ حوالي أبريل 2015",
        ),
    ),
    (
        "since",
        "2015-04-01~",
        (
            "since c. 1 April 2015",
            "depuis le 1er avril 2015 environ",
            "seit ca. 1. April 2015",
            "yaklaşık 1 Nisan 2015 tarihinden beri",
            "منذ حوالي 1 أبريل 2015",
        ),
    ),
    (
        "since",
        "2015?",
        ("since 2015?", f"depuis 2015{N}?", "seit 2015?", "2015? yılından beri", "منذ 2015؟"),
    ),
    (
        "since",
        "2015-04-01%",
        (
            "since c. 1 April 2015?",
            f"depuis le 1er avril 2015 environ{N}?",
            "seit ca. 1. April 2015?",
            "yaklaşık 1 Nisan 2015? tarihinden beri",
            "منذ حوالي 1 أبريل 2015؟",
        ),
    ),
    (
        "from",
        "2015",
        ("from 2015", "à partir de 2015", "ab 2015", "2015 yılından itibaren", "ابتداءً من 2015"),
    ),
    (
        "from",
        "2015-04",
        (
            "from April 2015",
            "à partir d’avril 2015",
            "ab April 2015",
            "Nisan 2015 tarihinden itibaren",
            "ابتداءً من أبريل 2015",
        ),
    ),
    (
        "from",
        "2015-04-01",
        (
            "from 1 April 2015",
            "à partir du 1er avril 2015",
            "ab dem 1. April 2015",
            "1 Nisan 2015 tarihinden itibaren",
            "ابتداءً من 1 أبريل 2015",
        ),
    ),
    (
        "from",
        "2015~",
        (
            "from c. 2015",
            "à partir de 2015 environ",
            "ab ca. 2015",
            "yaklaşık 2015 yılından itibaren",
            "ابتداءً من حوالي 2015",
        ),
    ),
    (
        "from",
        "2015-08~",
        (
            "from c. August 2015",
            "à partir d’août 2015 environ",
            "ab ca. August 2015",
            "yaklaşık Ağustos 2015 tarihinden itibaren",
            "ابتداءً من حوالي أغسطس 2015",
        ),
    ),
    (
        "from",
        "2015-04-01~",
        (
            "from c. 1 April 2015",
            "à partir du 1er avril 2015 environ",
            "ab ca. 1. April 2015",
            "yaklaşık 1 Nisan 2015 tarihinden itibaren",
            "ابتداءً من حوالي 1 أبريل 2015",
        ),
    ),
    (
        "from",
        "2015-04-01?",
        (
            "from 1 April 2015?",
            f"à partir du 1er avril 2015{N}?",
            "ab dem 1. April 2015?",
            "1 Nisan 2015? tarihinden itibaren",
            "ابتداءً من 1 أبريل 2015؟",
        ),
    ),
    (
        "from",
        "2015-10%",
        (
            "from c. October 2015?",
            f"à partir d’octobre 2015 environ{N}?",
            "ab ca. Oktober 2015?",
            "yaklaşık Ekim 2015? tarihinden itibaren",
            "ابتداءً من حوالي أكتوبر 2015؟",
        ),
    ),
    (
        "dense",
        "2016-07~/2016-12-22",
        (
            "c. July 2016 – Thursday 22 December 2016",
            "vers juillet 2016 – jeudi 22 décembre 2016",
            "ca. Juli 2016 – Donnerstag, 22. Dezember 2016",
            "yaklaşık Temmuz 2016 – 22 Aralık 2016 Perşembe",
            "حوالي يوليو 2016 – الخميس، 22 ديسمبر 2016",
        ),
    ),
    (
        "dense",
        "2023-04-22/2023-04-30~",
        (
            "Saturday 22 April 2023 – c. 30 April 2023",
            "samedi 22 avril 2023 – vers le 30 avril 2023",
            "Samstag, 22. April 2023 – ca. 30. April 2023",
            "22 Nisan 2023 Cumartesi – yaklaşık 30 Nisan 2023",
            "السبت، 22 أبريل 2023 – حوالي 30 أبريل 2023",
        ),
    ),
    (
        "dense",
        "2016-07/2016-12-22?",
        (
            "July 2016 – 22 December 2016?",
            f"juillet 2016 – 22 décembre 2016{N}?",
            "Juli 2016 – 22. Dezember 2016?",
            "Temmuz 2016 – 22 Aralık 2016?",
            "يوليو 2016 – 22 ديسمبر 2016؟",
        ),
    ),
    (
        "dense",
        "2023-04-24~",
        (
            "c. 24 April 2023",
            "vers le 24 avril 2023",
            "ca. 24. April 2023",
            "yaklaşık 24 Nisan 2023",
            "حوالي 24 أبريل 2023",
        ),
    ),
    (
        "dense",
        "2023-04-22/2023-04-30",
        (
            "Saturday 22 – Sunday 30 April 2023",
            "samedi 22 – dimanche 30 avril 2023",
            "Samstag, 22. – Sonntag, 30. April 2023",
            "22 Nisan 2023 Cumartesi – 30 Nisan 2023 Pazar",
            "السبت، 22 – الأحد، 30 أبريل 2023",
        ),
    ),
    (
        "as_of",
        "2015",
        ("As of 2015.", "À jour en 2015.", "Stand: 2015.", "2015 itibarıyla.", "محدَّث حتى 2015."),
    ),
    (
        "as_of",
        "2015-04",
        (
            "As of April 2015.",
            "À jour en avril 2015.",
            "Stand: April 2015.",
            "Nisan 2015 itibarıyla.",
            "محدَّث حتى أبريل 2015.",
        ),
    ),
    (
        "as_of",
        "2015-04-01",
        (
            "As of 1 April 2015.",
            "À jour au 1er avril 2015.",
            "Stand: 1. April 2015.",
            "1 Nisan 2015 itibarıyla.",
            "محدَّث حتى 1 أبريل 2015.",
        ),
    ),
    (
        "as_of",
        "2015-04-01~",
        (
            "As of c. 1 April 2015.",
            "À jour au 1er avril 2015 environ.",
            "Stand: ca. 1. April 2015.",
            "Yaklaşık 1 Nisan 2015 itibarıyla.",
            "محدَّث حتى حوالي 1 أبريل 2015.",
        ),
    ),
    (
        "as_of",
        "2015?",
        (
            "As of 2015?",
            f"À jour en 2015{N}?",
            "Stand: 2015?",
            "2015? itibarıyla.",
            "محدَّث حتى 2015؟",
        ),
    ),
    (
        "span",
        "2015",
        (
            "from 2015 to 29 November 2024",
            "de 2015 au 29 novembre 2024",
            "von 2015 bis zum 29. November 2024",
            "2015 ile 29 Kasım 2024 arası",
            "من 2015 إلى 29 نوفمبر 2024",
        ),
    ),
    (
        "span",
        "2015-04",
        (
            "from April 2015 to 29 November 2024",
            "d’avril 2015 au 29 novembre 2024",
            "von April 2015 bis zum 29. November 2024",
            "Nisan 2015 ile 29 Kasım 2024 arası",
            "من أبريل 2015 إلى 29 نوفمبر 2024",
        ),
    ),
    (
        "span",
        "2015-04-01",
        (
            "from 1 April 2015 to 29 November 2024",
            "du 1er avril 2015 au 29 novembre 2024",
            "vom 1. April 2015 bis zum 29. November 2024",
            "1 Nisan 2015 ile 29 Kasım 2024 arası",
            "من 1 أبريل 2015 إلى 29 نوفمبر 2024",
        ),
    ),
    (
        "span",
        "2015~",
        (
            "from c. 2015 to 29 November 2024",
            "de 2015 environ au 29 novembre 2024",
            "von ca. 2015 bis zum 29. November 2024",
            "yaklaşık 2015 ile 29 Kasım 2024 arası",
            "من حوالي 2015 إلى 29 نوفمبر 2024",
        ),
    ),
    (
        "span",
        "2015-04~",
        (
            "from c. April 2015 to 29 November 2024",
            "d’avril 2015 environ au 29 novembre 2024",
            "von ca. April 2015 bis zum 29. November 2024",
            "yaklaşık Nisan 2015 ile 29 Kasım 2024 arası",
            "من حوالي أبريل 2015 إلى 29 نوفمبر 2024",
        ),
    ),
    (
        "span",
        "2015-04-01~",
        (
            "from c. 1 April 2015 to 29 November 2024",
            "du 1er avril 2015 environ au 29 novembre 2024",
            "von ca. 1. April 2015 bis zum 29. November 2024",
            "yaklaşık 1 Nisan 2015 ile 29 Kasım 2024 arası",
            "من حوالي 1 أبريل 2015 إلى 29 نوفمبر 2024",
        ),
    ),
    (
        "span_end",
        "2015-04~",
        (
            "from 2011 to c. April 2015",
            "de 2011 à avril 2015 environ",
            "von 2011 bis ca. April 2015",
            "2011 ile yaklaşık Nisan 2015 arası",
            "من 2011 إلى حوالي أبريل 2015",
        ),
    ),
    (
        "span_end",
        "2015-04-01%",
        (
            "from 2011 to c. 1 April 2015?",
            f"de 2011 au 1er avril 2015 environ{N}?",
            "von 2011 bis ca. 1. April 2015?",
            "2011 ile yaklaşık 1 Nisan 2015? arası",
            "من 2011 إلى حوالي 1 أبريل 2015؟",
        ),
    ),
    (
        "ongoing",
        "2015",
        (
            "ongoing as of 2015",
            "en cours en 2015",
            "andauernd, Stand 2015",
            "2015 itibarıyla sürüyor",
            "مستمر حتى 2015",
        ),
    ),
    (
        "ongoing",
        "2015-04",
        (
            "ongoing as of Apr 2015",
            "en cours en avr. 2015",
            "andauernd, Stand Apr. 2015",
            "Nis 2015 itibarıyla sürüyor",
            "مستمر حتى أبريل 2015",
        ),
    ),
    (
        "ongoing",
        "2015-04-01",
        (
            "ongoing as of 1 Apr 2015",
            "en cours au 1er avr. 2015",
            "andauernd, Stand 1. Apr. 2015",
            "1 Nis 2015 itibarıyla sürüyor",
            "مستمر حتى 1 أبريل 2015",
        ),
    ),
    (
        "ongoing",
        "2015-04-01~",
        (
            "ongoing as of c. 1 Apr 2015",
            "en cours au 1er avr. 2015 environ",
            "andauernd, Stand ca. 1. Apr. 2015",
            "yaklaşık 1 Nis 2015 itibarıyla sürüyor",
            "مستمر حتى حوالي 1 أبريل 2015",
        ),
    ),
]


def _grammar(kind: str, text: str, locale: str) -> str:
    from timeline.i18n.phrases import around_phrase
    from timeline.render.chart._words import chart_words

    w = words(locale)
    if kind == "date":
        return when_phrase(parse_when(text), locale=locale)
    if kind in ("since", "from"):
        return when_phrase(parse_when(text + ("/.." if kind == "since" else "/")), locale=locale)
    if kind == "dense":
        return when_phrase(parse_when(text), weekday=True, locale=locale)
    if kind == "as_of":
        return around_phrase(w.as_of, parse_date(text), locale=locale)
    if kind == "ongoing":
        return around_phrase(
            chart_words(locale).ongoing, parse_date(text), short=True, locale=locale
        )
    first, last = (text, "2024-11-29") if kind == "span" else ("2011", text)
    return w.span.format(
        start=around_phrase(w.span_start, parse_date(first), locale=locale),
        end=around_phrase(w.span_end, parse_date(last), locale=locale),
    )


@pytest.mark.parametrize(
    ("kind", "text", "locale", "expected"),
    [
        pytest.param(kind, text, locale, expected[i], id=f"{locale}-{kind}-{text}")
        for kind, text, expected in GRAMMAR
        for i, locale in enumerate(LOCALES)
    ],
)
def test_native_grammar(kind: str, text: str, locale: str, expected: str) -> None:
    """Each phrase form reads as a native writer of the language would write it."""
    assert _grammar(kind, text, locale) == expected


def test_grammar_table_covers_every_phrase_form() -> None:
    """The grammar table has every phrase kind at every precision and qualifier."""
    kinds = {kind for kind, _, _ in GRAMMAR}
    assert kinds == {"date", "since", "from", "dense", "as_of", "span", "span_end", "ongoing"}
    for kind in ("since", "from"):
        texts = {t for k, t, _ in GRAMMAR if k == kind}
        assert {t[-1] for t in texts if not t[-1].isdigit()} == {"~", "?", "%"}
        assert {len(t.rstrip("~?%")) for t in texts} == {4, 7, 10}


def _fixed_strings(obj: object) -> list[str]:
    """Every string in a table of fixed words, its placeholders removed."""
    import dataclasses

    if isinstance(obj, str):
        return [obj.replace("{?}", "").replace("{}", "")]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _fixed_strings(v)]
    if isinstance(obj, tuple):
        return [s for v in obj for s in _fixed_strings(v)]
    if dataclasses.is_dataclass(obj):
        return [s for f in dataclasses.fields(obj) for s in _fixed_strings(getattr(obj, f.name))]
    slots = getattr(type(obj), "__slots__", ())
    return [s for name in slots for s in _fixed_strings(getattr(obj, name))]


def _tables(locale: str) -> list[str]:
    from timeline.render.chart._words import chart_words

    return _fixed_strings(words(locale)) + _fixed_strings(chart_words(locale))


def test_french_puts_a_narrow_space_before_high_punctuation() -> None:
    """Every French fixed word puts a narrow no-break space before : ; ? ! and », and after
    «, and never an ordinary space."""
    import re

    strings = _tables("fr")
    assert any(":" in s for s in strings)
    for s in strings:
        for m in re.finditer(r"[:;?!»]", s):
            assert m.start() > 0, s
            assert s[m.start() - 1] == NNBSP, s
        for m in re.finditer("«", s):
            assert s[m.end() : m.end() + 1] == NNBSP, s


def test_arabic_uses_arabic_punctuation() -> None:
    """Arabic fixed words use the Arabic comma, semicolon and question mark."""
    for s in _tables("ar"):
        assert not set(s) & set(",;?"), s


MASSALIT = "“The Massalit Will Not Come Home”: Ethnic Cleansing in El Geneina"


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("en", MASSALIT, "“‘The Massalit Will Not Come Home’: Ethnic Cleansing in El Geneina”"),
        (
            "fr",
            MASSALIT,
            f"«{N}“The Massalit Will Not Come Home”: Ethnic Cleansing in El Geneina{N}»",
        ),
        ("de", MASSALIT, "„‚The Massalit Will Not Come Home‘: Ethnic Cleansing in El Geneina“"),
        ("tr", MASSALIT, "“‘The Massalit Will Not Come Home’: Ethnic Cleansing in El Geneina”"),
        ("ar", MASSALIT, "«“The Massalit Will Not Come Home”: Ethnic Cleansing in El Geneina»"),
        ("en", "“Insurgents breach Aleppo”", "“Insurgents breach Aleppo”"),
        ("fr", '"Insurgents breach Aleppo"', f"«{N}Insurgents breach Aleppo{N}»"),
        ("en", f"«{N}Nous ne partirons pas{N}»", "“Nous ne partirons pas”"),
        (
            "en",
            'Operation "Deterrence of Aggression" begins',
            "“Operation ‘Deterrence of Aggression’ begins”",
        ),
        ("de", "Die „Operation Abschreckung“ beginnt", "„Die ‚Operation Abschreckung‘ beginnt“"),
        ("en", f"Le «{N}front{N}» tient", "“Le ‘front’ tient”"),
        ("en", "Assad's rule ends", "“Assad's rule ends”"),
        ("en", "“Quoted” and “quoted”", "“‘Quoted’ and ‘quoted’”"),
    ],
)
def test_quotation_marks_never_double(locale: str, text: str, expected: str) -> None:
    """A quoted title keeps one pair of outer marks; marks already in it become the
    language's inner marks, so a reader never sees two marks side by side."""
    assert words(locale).quoted(text) == expected


def test_change_notes_quote_titles_without_doubling() -> None:
    """The change notes of ``timeline diff`` quote titles as the outputs do."""
    from timeline.diff._markdown import _quoted
    from timeline.diff._words import value_text

    assert (
        _quoted(MASSALIT) == "“‘The Massalit Will Not Come Home’: Ethnic Cleansing in El Geneina”"
    )
    assert value_text("title", "“Insurgents breach Aleppo”") == "“Insurgents breach Aleppo”"


def test_english_keywords_unchanged() -> None:
    """``timeline show`` keeps its short English phrases and keyword arguments."""
    assert when_phrase(parse_when("2011-03-15"), short=True) == "15 Mar 2011"
    assert when_phrase(parse_when("2016-07/2016-12-22"), short=True) == "Jul – 22 Dec 2016"
    assert when_phrase(parse_when("2015-09-30/.."), short=True) == "since 30 Sep 2015"
    assert date_phrase(parse_date("2011-03-15"), weekday=True) == "Tuesday 15 March 2011"


def test_short_phrases_in_other_locales() -> None:
    """Short phrases use CLDR's abbreviated month names."""
    d = parse_when("2015-09-30/..")
    assert when_phrase(d, short=True, locale="fr") == "depuis le 30 sept. 2015"
    assert when_phrase(d, short=True, locale="de") == "seit dem 30. Sept. 2015"


def test_parts_mark_each_date() -> None:
    """A phrase's parts say which text writes which date, and join to the phrase."""
    w = parse_when("2016-07/2016-12-22")
    parts = when_parts(w)
    assert [d for _, d in parts] == [w.start, None, w.end]
    assert "".join(t for t, _ in parts) == when_phrase(w)
    ongoing = when_parts(parse_when("2015-09-30/.."), locale="tr")
    assert [t for t, _ in ongoing] == ["30 Eylül 2015", " tarihinden beri"]


def test_headings() -> None:
    """Month and year headings follow each locale's pattern."""
    assert month_phrase(2011, 3) == "March 2011"
    assert month_phrase(2011, 3, locale="ar") == "مارس 2011"
    assert year_phrase(2011, locale="de") == "2011"


def test_every_locale_has_words_and_dates() -> None:
    """Every supported locale has its fixed words and calendar data, and no others exist."""
    assert set(WORDS) == set(LOCALES)
    for locale in LOCALES:
        data = _text_locale.locale_data(locale)
        assert len(data.months) == 13
        assert len(data.weekdays) == 7
        assert data.rtl == (locale == "ar")


def test_unknown_locale_names_the_supported_ones() -> None:
    """Asking for an unsupported locale's words is an error listing the supported ones."""
    with pytest.raises(KeyError, match="supported locales: en, fr, de, tr, ar"):
        words("xx")


def test_english_data_is_cldr_en_gb() -> None:
    """The built-in English names and patterns are CLDR en_GB's, except the two documented
    house choices (no comma after the weekday, three-letter "Sep")."""
    from babel import Locale

    gb = Locale.parse("en_GB")
    en = _text_locale.ENGLISH
    assert en.months[1:] == tuple(gb.months["format"]["wide"][i] for i in range(1, 13))
    assert en.weekdays == tuple(gb.days["format"]["wide"][i] for i in range(7))
    short = tuple(gb.months["format"]["abbreviated"][i] for i in range(1, 13))
    assert [a for a, b in zip(en.months_short[1:], short, strict=True) if a != b] == ["Sep"]
    cldr = _text_locale.cldr_patterns("en_GB")
    differ = {k for k in cldr if cldr[k] != _text_locale.EN_PATTERNS[k]}
    assert differ == {"weekday_day"}
    assert cldr["weekday_day"].replace(",", "") == _text_locale.EN_PATTERNS["weekday_day"]


def _merged(tokens: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Tokens with neighbouring literal runs joined (Babel splits them at quotes)."""
    out: list[tuple[str, object]] = []
    for kind, value in tokens:
        if kind == "chars" and out and out[-1][0] == "chars":
            out[-1] = ("chars", str(out[-1][1]) + str(value))
        else:
            out.append((kind, value))
    return out


@pytest.mark.parametrize("locale", ["en_GB", *LOCALES[1:]])
def test_tokenizer_matches_babel(locale: str) -> None:
    """Our pattern tokenizer reads every CLDR pattern we use as Babel does."""
    from babel.dates import tokenize_pattern

    patterns = [p for p in _text_locale.cldr_patterns(locale).values() if "{" not in p]
    for pattern in [*patterns, "h 'o''clock' a", "d 'de' MMMM ''y"]:
        ours = _text_locale.tokenize(pattern)
        assert _merged(ours) == _merged(tokenize_pattern(pattern)), pattern  # type: ignore[arg-type]


def test_unsupported_pattern_field_is_an_error() -> None:
    """A CLDR field the formatter does not know is refused, not silently dropped."""
    with pytest.raises(ValueError, match="unsupported field 'GGGG'"):
        _text_locale.compile_pattern("GGGG y")


def test_arabic_counts_with_six_forms() -> None:
    """Arabic counted phrases pick the CLDR plural form of the number."""
    forms = words("ar").events
    got = [counted(forms, n, "ar") for n in (0, 1, 2, 3, 11, 100)]
    assert got == ["لا أحداث", "حدث واحد", "حدثان", "3 أحداث", "11 حدثًا", "100 حدث"]
    assert counted(words("fr").events, 10000, "fr") == f"10{NNBSP}000 événements"


def test_english_phrases_do_not_import_babel() -> None:
    """Commands that print English dates never load Babel (it costs tens of milliseconds)."""
    code = (
        "import sys, timeline.cli\n"
        "from timeline.i18n.phrases import when_phrase\n"
        "from timeline.dates import parse_when\n"
        "when_phrase(parse_when('2011-03-15/..'), weekday=True)\n"
        "print('babel' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
