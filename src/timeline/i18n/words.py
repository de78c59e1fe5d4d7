"""The fixed words of the text outputs and date phrases, in every supported locale.

One table per locale, so a translator reviews a language in one place. Templates hold ``{}``
where the varying part goes. A phrase around a date is an :class:`Around`: its templates
for each precision, year, month and day (times use the day form), because grammar depends
on it (French "depuis 2015" but "depuis le 30 septembre 2015"), and a second set for an
approximate date, which carries the "about" word itself, since it cannot simply be put
inside the first ("depuis 2015 environ", never "depuis vers 2015"; German "seit ca. 30.
September", never "seit dem ca."). In those, ``{?}`` marks where an uncertain date's "?"
goes when it must not follow the date directly ("depuis 2015 environ ?").

Dates themselves (month and weekday names, the order of day, month and year) come from CLDR
through Babel, in :mod:`timeline.i18n.locale`; only the words around them are here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = [
    "WORDS",
    "Around",
    "ByPrecision",
    "Words",
    "counted",
    "elide",
    "fill",
    "nest_quotes",
    "number",
    "plural",
    "words",
]

#: (year, month, day) forms of one phrase.
ByPrecision = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Around:
    """The words around a date in one phrase ("since {}"), for each precision: ``plain``
    for a date that is exact, ``about`` for an approximate one (with the "about" word)."""

    plain: ByPrecision
    about: ByPrecision


def _same(template: str) -> ByPrecision:
    return (template, template, template)


def _around(plain: str | ByPrecision, about: str | ByPrecision) -> Around:
    """An :class:`Around` from templates that may be the same at every precision."""
    return Around(
        _same(plain) if isinstance(plain, str) else plain,
        _same(about) if isinstance(about, str) else about,
    )


class Words:
    """The fixed words of one locale (attributes, so a typo is a type error)."""

    __slots__ = (
        "alone",
        "as_of",
        "certainty",
        "change",
        "changes_since",
        "chart",
        "colon",
        "comma",
        "contents",
        "empty",
        "events",
        "from_",
        "lanes",
        "milestones",
        "more",
        "no_events_alt",
        "part",
        "quote",
        "quote_inner",
        "semicolon",
        "since",
        "sources",
        "span",
        "span_end",
        "span_one",
        "span_start",
        "times_in",
        "uncertain",
    )

    def __init__(
        self,
        *,
        alone: Around,
        uncertain: str,
        since: Around,
        from_: Around,
        as_of: Around,
        times_in: str,
        sources: str,
        contents: str,
        empty: str,
        certainty: dict[str, str],
        comma: str,
        colon: str,
        semicolon: str,
        quote: tuple[str, str],
        quote_inner: tuple[str, str],
        chart: str,
        no_events_alt: str,
        span: str,
        span_start: Around,
        span_end: Around,
        span_one: Around,
        events: dict[str, str],
        lanes: dict[str, str],
        milestones: str,
        more: dict[str, str],
        changes_since: str,
        change: dict[str, str],
        part: str,
    ) -> None:
        #: A date on its own: "2019", "c. 2019", "vers le 15 mars 2011".
        self.alone = alone
        #: What follows an uncertain date: "2019?", "2019 ?" (narrow no-break space), "2019؟".
        self.uncertain = uncertain
        #: A period still going on: "since 2015".
        self.since = since
        #: A period whose end is unknown: "from 2011".
        self.from_ = from_
        #: The status line: "As of 29 November 2024."
        self.as_of = as_of
        self.times_in = times_in
        self.sources = sources
        self.contents = contents
        self.empty = empty
        self.certainty = certainty
        self.comma = comma
        self.colon = colon
        self.semicolon = semicolon
        #: Quotation marks, and the marks for a quotation inside a quotation.
        self.quote = quote
        self.quote_inner = quote_inner
        self.chart = chart
        self.no_events_alt = no_events_alt
        #: A chart's span in its alt text: ``{start}`` and ``{end}`` are filled from
        #: ``span_start`` and ``span_end``.
        self.span = span
        self.span_start = span_start
        self.span_end = span_end
        #: The span of a chart (or part) that starts and ends on the same date: "on 27
        #: November 2024", not "from 27 November 2024 to 27 November 2024".
        self.span_one = span_one
        self.events = events
        self.lanes = lanes
        self.milestones = milestones
        self.more = more
        self.changes_since = changes_since
        self.change = change
        self.part = part  # {0} = which part of a chart split in parts, {1} = how many

    def quoted(self, text: str) -> str:
        """``text`` between this language's quotation marks (see :meth:`quote_parts`)."""
        return "".join(self.quote_parts(text))

    def quote_parts(self, text: str) -> tuple[str, str, str]:
        """The opening mark, ``text`` as it goes inside, and the closing mark.

        Double quotation marks already in the text become this language's inner marks
        ("“‘The Massalit Will Not Come Home’: Ethnic Cleansing…”"), and a text that is one
        whole quotation keeps a single pair: a reader never sees two marks side by side.
        """
        return self.quote[0], nest_quotes(text, self.quote_inner), self.quote[1]


_NNBSP = "\u202f"  # French puts a narrow no-break space inside guillemets and before ? ; : !

WORDS: Final[dict[str, Words]] = {
    "en": Words(
        alone=_around("{}", "c. {}"),
        uncertain="?",
        since=_around("since {}", "since c. {}"),
        from_=_around("from {}", "from c. {}"),
        as_of=_around("As of {}.", "As of c. {}."),
        times_in="Times are in {} unless marked.",
        sources="Sources",
        contents="Contents",
        empty="No events in this view.",
        certainty={"confirmed": "confirmed", "claimed": "claimed", "disputed": "disputed"},
        comma=", ",
        colon=": ",
        semicolon="; ",
        quote=("“", "”"),
        quote_inner=("‘", "’"),
        chart="Timeline chart {title}",
        no_events_alt="Timeline chart {title}: no events in this view.",
        span="from {start} to {end}",
        span_start=_around("{}", "c. {}"),
        span_end=_around("{}", "c. {}"),
        span_one=_around(("in {}", "in {}", "on {}"), ("in c. {}", "in c. {}", "on c. {}")),
        events={"one": "{n} event", "other": "{n} events"},
        lanes={"one": "in {n} lane", "other": "in {n} lanes"},
        milestones="Milestones: {}",
        more={"one": "and {n} more", "other": "and {n} more"},
        changes_since="What changed since {}",
        change={
            "new": "new",
            "updated": "updated",
            "removed": "removed",
            "date": "date",
            "title": "title",
            "summary": "summary",
            "certainty": "certainty",
            "importance": "importance",
            "sources": "sources",
            "group": "lane",
            "place": "place",
        },
        part="Part {0} of {1}.",
    ),
    "fr": Words(
        # "vers" cannot follow a preposition ("depuis vers 2015"): inside a phrase an
        # approximate date takes "environ" after it.
        alone=_around("{}", ("vers {}", "vers {}", "vers le {}")),
        uncertain=f"{_NNBSP}?",
        since=_around(
            ("depuis {}", "depuis {}", "depuis le {}"),
            ("depuis {} environ{?}", "depuis {} environ{?}", "depuis le {} environ{?}"),
        ),
        from_=_around(
            ("à partir de {}", "à partir de {}", "à partir du {}"),
            (
                "à partir de {} environ{?}",
                "à partir de {} environ{?}",
                "à partir du {} environ{?}",
            ),
        ),
        as_of=_around(
            ("À jour en {}.", "À jour en {}.", "À jour au {}."),
            ("À jour en {} environ{?}.", "À jour en {} environ{?}.", "À jour au {} environ{?}."),
        ),
        times_in="Heures exprimées dans le fuseau {}, sauf mention contraire.",
        sources="Sources",
        contents="Sommaire",
        empty="Aucun événement dans cette vue.",
        certainty={"confirmed": "confirmé", "claimed": "allégué", "disputed": "contesté"},
        comma=", ",
        colon=f"{_NNBSP}: ",
        semicolon=f"{_NNBSP}; ",
        quote=(f"«{_NNBSP}", f"{_NNBSP}»"),
        quote_inner=("“", "”"),
        chart="Frise chronologique {title}",
        no_events_alt=f"Frise chronologique {{title}}{_NNBSP}: aucun événement dans cette vue.",
        span="{start} {end}",
        span_start=_around(
            ("de {}", "de {}", "du {}"),
            ("de {} environ{?}", "de {} environ{?}", "du {} environ{?}"),
        ),
        span_end=_around(
            ("à {}", "à {}", "au {}"),
            ("à {} environ{?}", "à {} environ{?}", "au {} environ{?}"),
        ),
        span_one=_around(
            ("en {}", "en {}", "le {}"),
            ("en {} environ{?}", "en {} environ{?}", "le {} environ{?}"),
        ),
        events={"one": "{n} événement", "other": "{n} événements", "many": "{n} d’événements"},
        lanes={"one": "sur {n} ligne", "other": "sur {n} lignes", "many": "sur {n} de lignes"},
        milestones=f"Jalons{_NNBSP}: {{}}",
        more={"one": "et {n} autre", "other": "et {n} autres"},
        changes_since="Ce qui a changé depuis {}",
        change={
            "new": "nouveau",
            "updated": "mis à jour",
            "removed": "supprimé",
            "date": "date",
            "title": "titre",
            "summary": "résumé",
            "certainty": "certitude",
            "importance": "importance",
            "sources": "sources",
            "group": "ligne",
            "place": "lieu",
        },
        part="Partie {0} sur {1}.",
    ),
    "de": Words(
        # An approximate date drops the article: "seit ca. 30. September", not "seit dem ca.".
        alone=_around("{}", "ca. {}"),
        uncertain="?",
        since=_around(("seit {}", "seit {}", "seit dem {}"), "seit ca. {}"),
        from_=_around(("ab {}", "ab {}", "ab dem {}"), "ab ca. {}"),
        as_of=_around("Stand: {}.", "Stand: ca. {}."),
        times_in="Uhrzeiten in der Zeitzone {}, sofern nicht anders angegeben.",
        sources="Quellen",
        contents="Inhalt",
        empty="Keine Ereignisse in dieser Ansicht.",
        certainty={"confirmed": "bestätigt", "claimed": "behauptet", "disputed": "umstritten"},
        comma=", ",
        colon=": ",
        semicolon="; ",
        quote=("„", "“"),
        quote_inner=("‚", "‘"),
        chart="Zeitleiste {title}",
        no_events_alt="Zeitleiste {title}: keine Ereignisse in dieser Ansicht.",
        span="{start} {end}",
        span_start=_around(("von {}", "von {}", "vom {}"), "von ca. {}"),
        span_end=_around(("bis {}", "bis {}", "bis zum {}"), "bis ca. {}"),
        span_one=_around(("{}", "im {}", "am {}"), ("ca. {}", "ca. im {}", "ca. am {}")),
        events={"one": "{n} Ereignis", "other": "{n} Ereignisse"},
        lanes={"one": "in {n} Spur", "other": "in {n} Spuren"},
        milestones="Meilensteine: {}",
        more={"one": "und {n} weiteres", "other": "und {n} weitere"},
        changes_since="Was sich seit {} geändert hat",
        change={
            "new": "neu",
            "updated": "aktualisiert",
            "removed": "entfernt",
            "date": "Datum",
            "title": "Titel",
            "summary": "Zusammenfassung",
            "certainty": "Gewissheit",
            "importance": "Bedeutung",
            "sources": "Quellen",
            "group": "Spur",
            "place": "Ort",
        },
        part="Teil {0} von {1}.",
    ),
    "tr": Words(
        # Turkish suffixes follow vowel harmony with the word before them; "tarihinden"
        # ("from the date") and "yılından" ("from the year") avoid suffixing a number.
        alone=_around("{}", "yaklaşık {}"),
        uncertain="?",
        since=_around(
            ("{} yılından beri", "{} tarihinden beri", "{} tarihinden beri"),
            (
                "yaklaşık {} yılından beri",
                "yaklaşık {} tarihinden beri",
                "yaklaşık {} tarihinden beri",
            ),
        ),
        from_=_around(
            ("{} yılından itibaren", "{} tarihinden itibaren", "{} tarihinden itibaren"),
            (
                "yaklaşık {} yılından itibaren",
                "yaklaşık {} tarihinden itibaren",
                "yaklaşık {} tarihinden itibaren",
            ),
        ),
        as_of=_around("{} itibarıyla.", "Yaklaşık {} itibarıyla."),
        times_in="Aksi belirtilmedikçe saatler {} saat dilimine göredir.",
        sources="Kaynaklar",
        contents="İçindekiler",
        empty="Bu görünümde olay yok.",
        certainty={"confirmed": "doğrulandı", "claimed": "iddia", "disputed": "tartışmalı"},
        comma=", ",
        colon=": ",
        semicolon="; ",
        quote=("“", "”"),
        quote_inner=("‘", "’"),
        chart="Zaman çizelgesi {title}",
        no_events_alt="Zaman çizelgesi {title}: bu görünümde olay yok.",
        span="{start} ile {end} arası",
        span_start=_around("{}", "yaklaşık {}"),
        span_end=_around("{}", "yaklaşık {}"),
        span_one=_around(
            ("{} yılında", "{} tarihinde", "{} tarihinde"),
            ("yaklaşık {} yılında", "yaklaşık {} tarihinde", "yaklaşık {} tarihinde"),
        ),
        events={"one": "{n} olay", "other": "{n} olay"},
        lanes={"one": "{n} şeritte", "other": "{n} şeritte"},
        milestones="Dönüm noktaları: {}",
        more={"one": "ve {n} tane daha", "other": "ve {n} tane daha"},
        changes_since="{} sonrasındaki değişiklikler",
        change={
            "new": "yeni",
            "updated": "güncellendi",
            "removed": "kaldırıldı",
            "date": "tarih",
            "title": "başlık",
            "summary": "özet",
            "certainty": "kesinlik",
            "importance": "önem",
            "sources": "kaynaklar",
            "group": "şerit",
            "place": "yer",
        },
        part="Bölüm {0}/{1}.",
    ),
    "ar": Words(
        alone=_around("{}", "حوالي {}"),
        uncertain="؟",
        since=_around("منذ {}", "منذ حوالي {}"),
        from_=_around("ابتداءً من {}", "ابتداءً من حوالي {}"),
        as_of=_around("محدَّث حتى {}.", "محدَّث حتى حوالي {}."),
        times_in="الأوقات بتوقيت {} ما لم يُذكر خلاف ذلك.",
        sources="المصادر",
        contents="المحتويات",
        empty="لا توجد أحداث في هذا العرض.",
        certainty={"confirmed": "مؤكَّد", "claimed": "مزعوم", "disputed": "متنازع عليه"},
        comma="، ",
        colon=": ",
        semicolon="؛ ",
        quote=("«", "»"),
        quote_inner=("“", "”"),
        chart="مخطط زمني {title}",
        no_events_alt="مخطط زمني {title}: لا توجد أحداث في هذا العرض.",
        span="من {start} إلى {end}",
        span_start=_around("{}", "حوالي {}"),
        span_end=_around("{}", "حوالي {}"),
        span_one=_around("في {}", "في حوالي {}"),
        # Arabic counts with six plural forms (CLDR): 0, 1, 2, 3-10, 11-99, and the rest.
        events={
            "zero": "لا أحداث",
            "one": "حدث واحد",
            "two": "حدثان",
            "few": "{n} أحداث",
            "many": "{n} حدثًا",
            "other": "{n} حدث",
        },
        lanes={
            "zero": "في صفر مسار",
            "one": "في مسار واحد",
            "two": "في مسارين",
            "few": "في {n} مسارات",
            "many": "في {n} مسارًا",
            "other": "في {n} مسار",
        },
        milestones="محطات بارزة: {}",
        more={"one": "وواحد آخر", "two": "واثنان آخران", "other": "و{n} غيرها"},
        changes_since="ما تغيّر منذ {}",
        change={
            "new": "جديد",
            "updated": "محدَّث",
            "removed": "محذوف",
            "date": "التاريخ",
            "title": "العنوان",
            "summary": "الملخص",
            "certainty": "درجة التأكد",
            "importance": "الأهمية",
            "sources": "المصادر",
            "group": "المسار",
            "place": "المكان",
        },
        part="الجزء {0} من {1}.",
    ),
}


#: Double quotation marks whose direction depends on where they stand.
_EITHER = frozenset('"“”')
_OPENING = frozenset("„«")
_CLOSING = frozenset("»")
_SPACES = " \u00a0\u202f"


def nest_quotes(text: str, inner: tuple[str, str]) -> str:
    """``text`` ready to be quoted: double quotation marks in it become ``inner`` ones, and
    a text that is one whole quotation loses its marks (the caller adds its own).

    Straight and curly marks open after a space or an opening bracket and close elsewhere;
    guillemets keep their direction, and the spaces French puts inside them go.
    """
    if not any(ch in _EITHER or ch in _OPENING or ch in _CLOSING for ch in text):
        return text
    marks = _marks(text)
    if len(marks) == 2 and marks[0] == (0, True) and marks[1] == (len(text) - 1, False):
        return text[1:-1].strip(_SPACES)
    out = list(text)
    for at, opening in marks:
        out[at] = inner[0] if opening else inner[1]
        if text[at] in "«»":  # « texte » -> “texte”
            side = at + 1 if opening else at - 1
            if 0 <= side < len(text) and text[side] in "\u00a0\u202f":
                out[side] = ""
    return "".join(out)


def _marks(text: str) -> list[tuple[int, bool]]:
    """The double quotation marks of ``text``: position, and whether each opens."""
    found = []
    for at, ch in enumerate(text):
        if ch in _OPENING:
            found.append((at, True))
        elif ch in _CLOSING:
            found.append((at, False))
        elif ch in _EITHER:
            before = text[at - 1] if at else " "
            found.append((at, before.isspace() or before in "([{—–-/"))
    return found


def words(locale: str) -> Words:
    """The fixed words of ``locale``; a KeyError names the supported locales."""
    try:
        return WORDS[locale]
    except KeyError:
        raise KeyError(
            f"unsupported locale {locale!r}; supported locales: {', '.join(WORDS)}"
        ) from None


def plural(n: int, locale: str) -> str:
    """The CLDR plural category of ``n`` in ``locale`` ("one", "other", Arabic "few", ...)."""
    if locale == "en":
        return "one" if n == 1 else "other"
    from babel import Locale

    return str(Locale.parse(locale).plural_form(n))


def number(n: int, locale: str) -> str:
    """``n`` with the locale's digit grouping: 10,000 / 10 000 / 10.000."""
    if locale == "en":
        return f"{n:,}"
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=locale))


_FR_VOWELS = frozenset("aàâeéèêëiîïoôuùûyœAÀÂEÉÈÊËIÎÏOÔUÙÛYŒ")


def elide(template: str, text: str, locale: str) -> str:
    """``template`` made ready for ``text``: French elides "de" before a vowel ("d’avril")."""
    if locale == "fr" and text[:1] in _FR_VOWELS and "de {}" in template:
        return template.replace("de {}", "d’{}")
    return template


def fill(template: str, text: str, locale: str) -> str:
    """Put ``text`` into ``template``, eliding where the language does."""
    return elide(template, text, locale).format(text)


def counted(forms: dict[str, str], n: int, locale: str) -> str:
    """The form of a counted phrase ("{n} events") that fits ``n``, filled in."""
    form = forms.get(plural(n, locale)) or forms["other"]
    return form.format(n=number(n, locale))
