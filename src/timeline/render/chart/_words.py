"""The chart's own fixed words (its legend and notes) in every supported locale.

Words the text outputs share (certainty, "As of", "Sources", time zones) come from
:mod:`timeline.i18n.words`; only what is peculiar to the chart is here.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.i18n.words import Around

__all__ = ["ChartWords", "chart_words"]


@dataclass(frozen=True, slots=True)
class ChartWords:
    """Legend entries and notes; ``{}`` marks where a date or number goes."""

    milestone: str
    fuzzy: str  # a date known only to its day, month or year, drawn as a span
    approximate: str
    ongoing: Around  # {} = the as-of date
    unknown_end: str
    detail: str  # {} = the detail panel's span
    unlabelled: dict[str, str]  # plural forms; {n} = how many labelled events had no room
    other: str  # the lane of events without a group
    density: str  # the key's heading of a dense chart's shades
    dense_note: str  # {} = the slices' length(s)
    detail_slices: str  # {0} = the main axis' slice, {1} = the detail panels'
    units: dict[str, dict[str, str]]  # a slice's length: unit -> plural forms of "{n} unit"
    part: str  # {0} = which part of a chart split in parts, {1} = how many: "1 of 3"


def _around(plain: str | tuple[str, str, str], about: str | tuple[str, str, str]) -> Around:
    def forms(t: str | tuple[str, str, str]) -> tuple[str, str, str]:
        return (t, t, t) if isinstance(t, str) else t

    return Around(forms(plain), forms(about))


def _ar(one: str, two: str, few: str, many: str, other: str | None = None) -> dict[str, str]:
    """Arabic counted forms: the noun alone for one, the dual for two, then plural forms."""
    return {
        "one": one,
        "two": two,
        "few": "{n} " + few,
        "many": "{n} " + many,
        "other": "{n} " + (other or many),
    }


_WORDS = {
    "en": ChartWords(
        milestone="milestone",
        fuzzy="imprecise date: the span it could mean",
        approximate="approximate or uncertain date",
        ongoing=_around("ongoing as of {}", "ongoing as of c. {}"),
        unknown_end="end unknown",
        detail="In detail: {}",
        unlabelled={
            "one": "{n} event is not labelled for lack of room; the text chronology lists it.",
            "other": "{n} events are not labelled for lack of room; "
            "the text chronology lists them.",
        },
        other="Other",
        density="events per slice:",
        dense_note="Too many events to draw one by one: the shaded strips count the events "
        "without a label in slices of {}.",
        detail_slices="{0} ({1} in the detail panels)",
        units={
            "minute": {"one": "{n} minute", "other": "{n} minutes"},
            "hour": {"one": "{n} hour", "other": "{n} hours"},
            "day": {"one": "{n} day", "other": "{n} days"},
            "week": {"one": "{n} week", "other": "{n} weeks"},
            "month": {"one": "{n} month", "other": "{n} months"},
            "year": {"one": "{n} year", "other": "{n} years"},
        },
        part="{0} of {1}",
    ),
    "fr": ChartWords(
        milestone="jalon",
        fuzzy="date imprécise\u202f: la période possible",
        approximate="date approximative ou incertaine",
        ongoing=_around(
            ("en cours en {}", "en cours en {}", "en cours au {}"),
            ("en cours en {} environ{?}", "en cours en {} environ{?}", "en cours au {} environ{?}"),
        ),
        unknown_end="fin inconnue",
        detail="En détail\u202f: {}",
        unlabelled={
            "one": "{n} événement sans étiquette faute de place\u202f; "
            "la chronologie en texte le donne.",
            "other": "{n} événements sans étiquette faute de place\u202f; "
            "la chronologie en texte les donne.",
        },
        other="Autres",
        density="événements par tranche\u202f:",
        dense_note="Trop d’événements pour les dessiner un à un\u202f: les bandes ombrées "
        "comptent les événements sans étiquette par tranche (durée\u202f: {}).",
        detail_slices="{0}\u202f; {1} dans les vues de détail",
        units={
            "minute": {"one": "{n} minute", "other": "{n} minutes"},
            "hour": {"one": "{n} heure", "other": "{n} heures"},
            "day": {"one": "{n} jour", "other": "{n} jours"},
            "week": {"one": "{n} semaine", "other": "{n} semaines"},
            "month": {"other": "{n} mois"},
            "year": {"one": "{n} an", "other": "{n} ans"},
        },
        part="{0} sur {1}",
    ),
    "de": ChartWords(
        milestone="Meilenstein",
        fuzzy="ungenaues Datum: der mögliche Zeitraum",
        approximate="ungefähres oder unsicheres Datum",
        ongoing=_around("andauernd, Stand {}", "andauernd, Stand ca. {}"),
        unknown_end="Ende unbekannt",
        detail="Im Detail: {}",
        unlabelled={
            "one": "{n} Ereignis ohne Beschriftung aus Platzgründen; die Textchronik nennt es.",
            "other": "{n} Ereignisse ohne Beschriftung aus Platzgründen; "
            "die Textchronik nennt sie.",
        },
        other="Sonstige",
        density="Ereignisse je Abschnitt:",
        dense_note="Zu viele Ereignisse, um jedes einzeln zu zeichnen: die schattierten "
        "Streifen zählen die Ereignisse ohne Beschriftung je Zeitabschnitt (Länge: {}).",
        detail_slices="{0}; in den Detailansichten {1}",
        units={
            "minute": {"one": "{n} Minute", "other": "{n} Minuten"},
            "hour": {"one": "{n} Stunde", "other": "{n} Stunden"},
            "day": {"one": "{n} Tag", "other": "{n} Tage"},
            "week": {"one": "{n} Woche", "other": "{n} Wochen"},
            "month": {"one": "{n} Monat", "other": "{n} Monate"},
            "year": {"one": "{n} Jahr", "other": "{n} Jahre"},
        },
        part="{0} von {1}",
    ),
    "tr": ChartWords(
        milestone="dönüm noktası",
        fuzzy="kesin olmayan tarih: olası dönem",
        approximate="yaklaşık ya da belirsiz tarih",
        ongoing=_around("{} itibarıyla sürüyor", "yaklaşık {} itibarıyla sürüyor"),
        unknown_end="bitişi bilinmiyor",
        detail="Ayrıntılı: {}",
        unlabelled={
            "other": "{n} olay yer olmadığı için etiketlenmedi; metin kronolojisi hepsini verir."
        },
        other="Diğer",
        density="dilim başına olay:",
        dense_note="Olaylar tek tek çizilemeyecek kadar çok: gölgeli şeritler etiketsiz "
        "olayları zaman dilimleri içinde sayar (dilim uzunluğu: {}).",
        detail_slices="{0}; ayrıntı panellerinde {1}",
        units={
            "minute": {"other": "{n} dakika"},
            "hour": {"other": "{n} saat"},
            "day": {"other": "{n} gün"},
            "week": {"other": "{n} hafta"},
            "month": {"other": "{n} ay"},
            "year": {"other": "{n} yıl"},
        },
        part="{0}/{1}",
    ),
    "ar": ChartWords(
        milestone="محطة بارزة",
        fuzzy="تاريخ غير دقيق: الفترة المحتملة",
        approximate="تاريخ تقريبي أو غير مؤكد",
        ongoing=_around("مستمر حتى {}", "مستمر حتى حوالي {}"),
        unknown_end="نهاية غير معروفة",
        detail="بالتفصيل: {}",
        unlabelled={"other": "{n} من الأحداث بلا عنوان لضيق المساحة؛ يذكرها التسلسل الزمني النصي."},
        other="أخرى",
        density="الأحداث في كل شريحة:",
        dense_note="الأحداث أكثر من أن تُرسم واحدًا واحدًا: تعدّ الأشرطة المظللة الأحداث "
        "التي بلا عنوان في شرائح زمنية (طول الشريحة: {}).",
        detail_slices="{0}؛ وفي اللوحات التفصيلية {1}",
        units={
            "minute": _ar("دقيقة", "دقيقتان", "دقائق", "دقيقة"),
            "hour": _ar("ساعة", "ساعتان", "ساعات", "ساعة"),
            "day": _ar("يوم", "يومان", "أيام", "يومًا", "يوم"),
            "week": _ar("أسبوع", "أسبوعان", "أسابيع", "أسبوعًا", "أسبوع"),
            "month": _ar("شهر", "شهران", "أشهر", "شهرًا", "شهر"),
            "year": _ar("سنة", "سنتان", "سنوات", "سنة"),
        },
        part="{0} من {1}",
    ),
}


def chart_words(locale: str) -> ChartWords:
    """The chart words of ``locale`` (English for a locale without its own)."""
    return _WORDS.get(locale, _WORDS["en"])
