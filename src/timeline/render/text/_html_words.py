"""The HTML page's own fixed words (its controls and links) in every supported locale.

Words every text output shares (certainty, "Sources", "Contents") come from
:mod:`timeline.i18n.words`; only what the page alone says is here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PageWords", "page_words"]


@dataclass(frozen=True, slots=True)
class PageWords:
    """Labels of the page's controls and links."""

    skip_chart: str  # a link past the chart, to the list
    alternative: str  # after the chart's description: where its text alternative is
    in_chart: str  # an entry's link to its place in the chart
    filters: str  # the name of the controls' region
    more_filters: str  # the disclosure holding the filters
    search: str
    lanes: str
    no_lane: str  # events without a group
    tag: str
    any_tag: str
    certainty: str
    reported: str  # the certainty of an event written without one
    importance: str
    importance_any: str
    importance_major: str  # importance 2 and 3
    importance_milestones: str  # importance 3
    #: "{shown} of {n} events shown", by the CLDR plural category of the total ({n}).
    shown: dict[str, str]
    reset: str


_WORDS = {
    "en": PageWords(
        skip_chart="Skip the chart",
        alternative="Every event is listed below, in order.",
        in_chart="In the chart",
        filters="Search and filters",
        more_filters="Filters",
        search="Search titles, summaries and places",
        lanes="Lanes",
        no_lane="No lane",
        tag="Tag",
        any_tag="Any tag",
        certainty="Certainty",
        reported="reported",
        importance="Importance",
        importance_any="All events",
        importance_major="Leave out minor events",
        importance_milestones="Milestones only",
        shown={"one": "{shown} of {n} event shown", "other": "{shown} of {n} events shown"},
        reset="Show all",
    ),
    "fr": PageWords(
        skip_chart="Passer la frise",
        alternative="Chaque événement figure ci-dessous, dans l’ordre.",
        in_chart="Dans la frise",
        filters="Recherche et filtres",
        more_filters="Filtres",
        search="Chercher dans les titres, résumés et lieux",
        lanes="Lignes",
        no_lane="Sans ligne",
        tag="Mot-clé",
        any_tag="Tous les mots-clés",
        certainty="Certitude",
        reported="rapporté",
        importance="Importance",
        importance_any="Tous les événements",
        importance_major="Sans les événements mineurs",
        importance_milestones="Jalons seulement",
        # A heading and two numbers: nothing to agree with either count.
        shown={"other": "Événements affichés : {shown} sur {n}"},
        reset="Tout afficher",
    ),
    "de": PageWords(
        skip_chart="Zeitleiste überspringen",
        alternative="Jedes Ereignis steht unten in der Liste, der Reihe nach.",
        in_chart="In der Zeitleiste",
        filters="Suche und Filter",
        more_filters="Filter",
        search="Titel, Zusammenfassungen und Orte durchsuchen",
        lanes="Spuren",
        no_lane="Ohne Spur",
        tag="Schlagwort",
        any_tag="Alle Schlagwörter",
        certainty="Gewissheit",
        reported="berichtet",
        importance="Bedeutung",
        importance_any="Alle Ereignisse",
        importance_major="Ohne unbedeutende Ereignisse",
        importance_milestones="Nur Meilensteine",
        shown={
            "one": "{shown} von {n} Ereignis angezeigt",
            "other": "{shown} von {n} Ereignissen angezeigt",
        },
        reset="Alle anzeigen",
    ),
    "tr": PageWords(
        skip_chart="Çizelgeyi atla",
        alternative="Her olay aşağıda sırasıyla listelenmiştir.",
        in_chart="Çizelgede",
        filters="Arama ve filtreler",
        more_filters="Filtreler",
        search="Başlıklarda, özetlerde ve yerlerde ara",
        lanes="Şeritler",
        no_lane="Şeritsiz",
        tag="Etiket",
        any_tag="Tüm etiketler",
        certainty="Kesinlik",
        reported="bildirildi",
        importance="Önem",
        importance_any="Tüm olaylar",
        importance_major="Küçük olaylar hariç",
        importance_milestones="Yalnızca dönüm noktaları",
        # "tanesi" takes the count without a case ending to agree with the numeral.
        shown={"other": "{n} olaydan {shown} tanesi gösteriliyor"},
        reset="Tümünü göster",
    ),
    "ar": PageWords(
        skip_chart="تخطَّ المخطط",
        alternative="كل الأحداث مذكورة أدناه بالترتيب.",
        in_chart="في المخطط",
        filters="البحث والتصفية",
        more_filters="عوامل التصفية",
        search="ابحث في العناوين والملخصات والأماكن",
        lanes="المسارات",
        no_lane="بلا مسار",
        tag="وسم",
        any_tag="كل الوسوم",
        certainty="درجة التأكد",
        reported="مُبلَّغ عنه",
        importance="الأهمية",
        importance_any="كل الأحداث",
        importance_major="دون الأحداث الثانوية",
        importance_milestones="المحطات البارزة فقط",
        # "Events shown: 3 of 10": the noun is counted by neither number, so no form of
        # it has to agree with either.
        shown={"other": "الأحداث المعروضة: {shown} من {n}"},
        reset="عرض الكل",
    ),
}


def page_words(locale: str) -> PageWords:
    """The page words of ``locale`` (English for a locale without its own)."""
    return _WORDS.get(locale, _WORDS["en"])
