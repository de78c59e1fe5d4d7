"""The chart's own fixed words (its legend and notes) in every supported locale.

Words the text outputs share (certainty, "As of", "Sources", time zones) come from
:mod:`timeline.render._words`; only what is peculiar to the chart is here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ChartWords", "chart_words"]


@dataclass(frozen=True, slots=True)
class ChartWords:
    """Legend entries and notes; ``{}`` marks where a date or number goes."""

    milestone: str
    fuzzy: str  # a date known only to its day, month or year, drawn as a span
    approximate: str
    ongoing: str  # {} = the as-of date
    unknown_end: str
    detail: str  # {} = the detail panel's span
    unlabelled: dict[str, str]  # plural forms; {n} = how many labelled events had no room
    other: str  # the lane of events without a group


_WORDS = {
    "en": ChartWords(
        milestone="milestone",
        fuzzy="imprecise date: the span it could mean",
        approximate="approximate or uncertain date",
        ongoing="ongoing as of {}",
        unknown_end="end unknown",
        detail="In detail: {}",
        unlabelled={
            "one": "{n} event is not labelled for lack of room; the text chronology lists it.",
            "other": "{n} events are not labelled for lack of room; "
            "the text chronology lists them.",
        },
        other="Other",
    ),
    "fr": ChartWords(
        milestone="jalon",
        fuzzy="date imprécise\u202f: la période possible",
        approximate="date approximative ou incertaine",
        ongoing="en cours au {}",
        unknown_end="fin inconnue",
        detail="En détail\u202f: {}",
        unlabelled={
            "one": "{n} événement sans étiquette faute de place\u202f; "
            "la chronologie en texte le donne.",
            "other": "{n} événements sans étiquette faute de place\u202f; "
            "la chronologie en texte les donne.",
        },
        other="Autres",
    ),
    "de": ChartWords(
        milestone="Meilenstein",
        fuzzy="ungenaues Datum: der mögliche Zeitraum",
        approximate="ungefähres oder unsicheres Datum",
        ongoing="andauernd, Stand {}",
        unknown_end="Ende unbekannt",
        detail="Im Detail: {}",
        unlabelled={
            "one": "{n} Ereignis ohne Beschriftung aus Platzgründen; die Textchronik nennt es.",
            "other": "{n} Ereignisse ohne Beschriftung aus Platzgründen; "
            "die Textchronik nennt sie.",
        },
        other="Sonstige",
    ),
    "tr": ChartWords(
        milestone="dönüm noktası",
        fuzzy="kesin olmayan tarih: olası dönem",
        approximate="yaklaşık ya da belirsiz tarih",
        ongoing="{} itibarıyla sürüyor",
        unknown_end="bitişi bilinmiyor",
        detail="Ayrıntılı: {}",
        unlabelled={
            "other": "{n} olay yer olmadığı için etiketlenmedi; metin kronolojisi hepsini verir."
        },
        other="Diğer",
    ),
    "ar": ChartWords(
        milestone="محطة بارزة",
        fuzzy="تاريخ غير دقيق: الفترة المحتملة",
        approximate="تاريخ تقريبي أو غير مؤكد",
        ongoing="مستمر حتى {}",
        unknown_end="نهاية غير معروفة",
        detail="بالتفصيل: {}",
        unlabelled={"other": "{n} من الأحداث بلا عنوان لضيق المساحة؛ يذكرها التسلسل الزمني النصي."},
        other="أخرى",
    ),
}


def chart_words(locale: str) -> ChartWords:
    """The chart words of ``locale`` (English for a locale without its own)."""
    return _WORDS.get(locale, _WORDS["en"])
