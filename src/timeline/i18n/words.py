"""The fixed words of the text outputs and date phrases, in every supported locale.

One table per locale, so a translator reviews a language in one place. Templates hold ``{}``
where the varying part goes; where grammar depends on how precise a date is (French "depuis
2015" but "depuis le 30 septembre 2015"), the entry is a tuple indexed by precision: year,
month, day (times use the day form).

Dates themselves (month and weekday names, the order of day, month and year) come from CLDR
through Babel, in :mod:`timeline.i18n.locale`; only the words around them are here.
"""

from __future__ import annotations

from typing import Final

__all__ = ["WORDS", "Words", "counted", "elide", "fill", "number", "plural", "words"]

#: (year, month, day) forms of one phrase.
ByPrecision = tuple[str, str, str]


class Words:
    """The fixed words of one locale (attributes, so a typo is a type error)."""

    __slots__ = (
        "about",
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
        "quote",
        "semicolon",
        "since",
        "sources",
        "span",
        "span_end",
        "span_start",
        "times_in",
        "uncertain",
    )

    def __init__(
        self,
        *,
        about: ByPrecision,
        uncertain: str,
        since: ByPrecision,
        from_: ByPrecision,
        as_of: str,
        times_in: str,
        sources: str,
        contents: str,
        empty: str,
        certainty: dict[str, str],
        comma: str,
        colon: str,
        semicolon: str,
        quote: tuple[str, str],
        chart: str,
        no_events_alt: str,
        span: str,
        span_start: ByPrecision,
        span_end: ByPrecision,
        events: dict[str, str],
        lanes: dict[str, str],
        milestones: str,
        more: dict[str, str],
        changes_since: str,
        change: dict[str, str],
    ) -> None:
        self.about = about
        self.uncertain = uncertain
        self.since = since
        self.from_ = from_
        self.as_of = as_of
        self.times_in = times_in
        self.sources = sources
        self.contents = contents
        self.empty = empty
        self.certainty = certainty
        self.comma = comma
        self.colon = colon
        self.semicolon = semicolon
        self.quote = quote
        self.chart = chart
        self.no_events_alt = no_events_alt
        self.span = span
        self.span_start = span_start
        self.span_end = span_end
        self.events = events
        self.lanes = lanes
        self.milestones = milestones
        self.more = more
        self.changes_since = changes_since
        self.change = change

    def quoted(self, text: str) -> str:
        """``text`` between this language's quotation marks."""
        return f"{self.quote[0]}{text}{self.quote[1]}"


_NNBSP = "\u202f"  # French puts a narrow no-break space inside guillemets and before ? ; :

WORDS: Final[dict[str, Words]] = {
    "en": Words(
        about=("c. {}", "c. {}", "c. {}"),
        uncertain="{}?",
        since=("since {}", "since {}", "since {}"),
        from_=("from {}", "from {}", "from {}"),
        as_of="As of {}.",
        times_in="Times are in {} unless marked.",
        sources="Sources",
        contents="Contents",
        empty="No events in this view.",
        certainty={"confirmed": "confirmed", "claimed": "claimed", "disputed": "disputed"},
        comma=", ",
        colon=": ",
        semicolon="; ",
        quote=("“", "”"),
        chart="Timeline chart {title}",
        no_events_alt="Timeline chart {title}: no events in this view.",
        span="from {start} to {end}",
        span_start=("{}", "{}", "{}"),
        span_end=("{}", "{}", "{}"),
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
    ),
    "fr": Words(
        about=("vers {}", "vers {}", "vers le {}"),
        uncertain=f"{{}}{_NNBSP}?",
        since=("depuis {}", "depuis {}", "depuis le {}"),
        from_=("à partir de {}", "à partir de {}", "à partir du {}"),
        as_of="À jour au {}.",
        times_in="Heures exprimées dans le fuseau {}, sauf mention contraire.",
        sources="Sources",
        contents="Sommaire",
        empty="Aucun événement dans cette vue.",
        certainty={"confirmed": "confirmé", "claimed": "allégué", "disputed": "contesté"},
        comma=", ",
        colon=f"{_NNBSP}: ",
        semicolon=f"{_NNBSP}; ",
        quote=(f"«{_NNBSP}", f"{_NNBSP}»"),
        chart="Frise chronologique {title}",
        no_events_alt=f"Frise chronologique {{title}}{_NNBSP}: aucun événement dans cette vue.",
        span="{start} {end}",
        span_start=("de {}", "de {}", "du {}"),
        span_end=("à {}", "à {}", "au {}"),
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
    ),
    "de": Words(
        about=("ca. {}", "ca. {}", "ca. {}"),
        uncertain="{}?",
        since=("seit {}", "seit {}", "seit dem {}"),
        from_=("ab {}", "ab {}", "ab dem {}"),
        as_of="Stand: {}.",
        times_in="Uhrzeiten in der Zeitzone {}, sofern nicht anders angegeben.",
        sources="Quellen",
        contents="Inhalt",
        empty="Keine Ereignisse in dieser Ansicht.",
        certainty={"confirmed": "bestätigt", "claimed": "behauptet", "disputed": "umstritten"},
        comma=", ",
        colon=": ",
        semicolon="; ",
        quote=("„", "“"),
        chart="Zeitleiste {title}",
        no_events_alt="Zeitleiste {title}: keine Ereignisse in dieser Ansicht.",
        span="{start} {end}",
        span_start=("von {}", "von {}", "vom {}"),
        span_end=("bis {}", "bis {}", "bis zum {}"),
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
    ),
    "tr": Words(
        # Turkish suffixes follow vowel harmony with the word before them; "tarihinden"
        # ("from the date") and "yılından" ("from the year") avoid suffixing a number.
        about=("yaklaşık {}", "yaklaşık {}", "yaklaşık {}"),
        uncertain="{}?",
        since=("{} yılından beri", "{} tarihinden beri", "{} tarihinden beri"),
        from_=("{} yılından itibaren", "{} tarihinden itibaren", "{} tarihinden itibaren"),
        as_of="{} itibarıyla.",
        times_in="Aksi belirtilmedikçe saatler {} saat dilimine göredir.",
        sources="Kaynaklar",
        contents="İçindekiler",
        empty="Bu görünümde olay yok.",
        certainty={"confirmed": "doğrulandı", "claimed": "iddia", "disputed": "tartışmalı"},
        comma=", ",
        colon=": ",
        semicolon="; ",
        quote=("“", "”"),
        chart="Zaman çizelgesi {title}",
        no_events_alt="Zaman çizelgesi {title}: bu görünümde olay yok.",
        span="{start} ile {end} arası",
        span_start=("{}", "{}", "{}"),
        span_end=("{}", "{}", "{}"),
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
    ),
    "ar": Words(
        about=("حوالي {}", "حوالي {}", "حوالي {}"),
        uncertain="{}؟",
        since=("منذ {}", "منذ {}", "منذ {}"),
        from_=("ابتداءً من {}", "ابتداءً من {}", "ابتداءً من {}"),
        as_of="محدَّث حتى {}.",
        times_in="الأوقات بتوقيت {} ما لم يُذكر خلاف ذلك.",
        sources="المصادر",
        contents="المحتويات",
        empty="لا توجد أحداث في هذا العرض.",
        certainty={"confirmed": "مؤكَّد", "claimed": "مزعوم", "disputed": "متنازع عليه"},
        comma="، ",
        colon=": ",
        semicolon="؛ ",
        quote=("«", "»"),
        chart="مخطط زمني {title}",
        no_events_alt="مخطط زمني {title}: لا توجد أحداث في هذا العرض.",
        span="من {start} إلى {end}",
        span_start=("{}", "{}", "{}"),
        span_end=("{}", "{}", "{}"),
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
    ),
}


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
