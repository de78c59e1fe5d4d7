"""Which key of an event a spreadsheet column holds, from the names people give columns.

Names are matched ignoring case, accents, spaces and punctuation (``Start date``,
``START_DATE`` and ``startdate`` are one name), in English and in every supported locale.
A column no name matches is kept on each event as an ``x-`` key; the hint suggests the key
whose names are closest, if any is close.
"""

from __future__ import annotations

import difflib
import re

from timeline.i18n.names import fold
from timeline.spec import slug

__all__ = ["KEYS", "column_key", "extension_key", "normalise", "suggest"]

#: The keys a column can hold. ``time`` and ``end time`` join the date and end columns;
#: ``source url`` gives links for the sources named in a ``sources`` column.
KEYS = (
    "id",
    "date",
    "time",
    "end",
    "end time",
    "title",
    "summary",
    "group",
    "place",
    "tags",
    "sources",
    "source url",
    "certainty",
    "importance",
    "related",
)

_NAMES: dict[str, str] = {
    "id": ("id|identifier|event id|slug|unique id|identifiant|kennung|kimlik|معرف|المعرف"),
    "date": (
        "date|start|start date|date start|begin|begins|beginning|from|when|day|event date|"
        "date of event|year|date de debut|debut|du|datum|startdatum|beginn|anfang|von|"
        "tarih|baslangic|baslangic tarihi|التاريخ|تاريخ|البداية|بداية|تاريخ البداية|"
        "تاريخ البدء|من"
    ),
    "time": (
        "time|start time|hour|heure|heure de debut|uhrzeit|zeit|startzeit|saat|"
        "baslangic saati|الوقت|وقت|الساعة"
    ),
    "end": (
        "end|end date|date end|ends|until|to|finish|finished|date de fin|fin|au|jusqu'a|"
        "enddatum|ende|bis|bitis|bitis tarihi|النهاية|نهاية|تاريخ النهاية|تاريخ الانتهاء|"
        "الى|إلى"
    ),
    "end time": ("end time|heure de fin|endzeit|bitis saati|وقت النهاية"),
    "title": (
        "title|headline|event|events|what|what happened|event name|titre|evenement|"
        "intitule|titel|ereignis|uberschrift|baslik|olay|etkinlik|العنوان|عنوان|الحدث|حدث"
    ),
    "summary": (
        "summary|description|notes|note|details|detail|text|body|comment|comments|resume|"
        "texte|commentaire|zusammenfassung|beschreibung|notizen|anmerkungen|anmerkung|"
        "ozet|aciklama|notlar|not|الملخص|ملخص|الوصف|وصف|ملاحظات|التفاصيل"
    ),
    "group": (
        "group|category|type|lane|track|section|theme|kind|groupe|categorie|gruppe|"
        "kategorie|typ|grup|kategori|tur|المجموعة|مجموعة|الفئة|فئة|النوع|نوع"
    ),
    "place": (
        "place|location|where|city|venue|site|lieu|endroit|ville|ort|stadt|yer|konum|"
        "sehir|المكان|مكان|الموقع|موقع|المدينة"
    ),
    "tags": (
        "tags|tag|keywords|keyword|mots cles|mot cle|etiquettes|schlagworter|stichworter|"
        "schlagwort|etiketler|etiket|anahtar kelimeler|الوسوم|وسوم|كلمات مفتاحية"
    ),
    "sources": (
        "source|sources|reference|references|citation|citations|source name|quelle|"
        "quellen|kaynak|kaynaklar|المصدر|المصادر|مصدر|مصادر"
    ),
    "source url": (
        "link|links|url|urls|source url|source link|website|lien|liens|adresse|verweis|"
        "baglanti|baglantilar|رابط|الرابط|روابط"
    ),
    "certainty": (
        "certainty|confidence|verification|verified|certitude|fiabilite|gewissheit|"
        "sicherheit|kesinlik|dogrulama|اليقين|التحقق|الحالة"
    ),
    "importance": (
        "importance|priority|weight|significance|priorite|wichtigkeit|bedeutung|prioritat|"
        "onem|oncelik|الأهمية|الاهمية|أهمية|الأولوية"
    ),
    "related": (
        "related|related events|see also|links to|lie a|voir aussi|verwandt|siehe auch|"
        "ilgili|ilgili olaylar|ذات صلة|مرتبط"
    ),
}


def normalise(name: str) -> str:
    """A column name as it is matched: folded, without spaces or punctuation."""
    return re.sub(r"[\W_]+", "", fold(name))


_TABLE: dict[str, str] = {}
for _key, _names in _NAMES.items():
    for _name in (_key, *_names.split("|")):
        _TABLE.setdefault(normalise(_name), _key)


def column_key(name: str) -> str | None:
    """The key a column named ``name`` holds, or None when no name matches."""
    return _TABLE.get(normalise(name))


def suggest(name: str) -> str | None:
    """The key whose names are closest to ``name`` (a misspelling), or None."""
    close = difflib.get_close_matches(normalise(name), list(_TABLE), n=1, cutoff=0.8)
    return _TABLE[close[0]] if close else None


def extension_key(name: str, column: str) -> str:
    """The ``x-`` key a column of unknown name is kept under: ``x-`` and the slug of its
    name, or of its column letters when the name has no ASCII letters (``x-column-d``)."""
    base = slug(name) or f"column-{column.lower()}"
    return base if base.startswith("x-") else f"x-{base}"
