"""The down chart's own fixed words, in every supported locale (English for the others)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DownWords", "down_words"]


@dataclass(frozen=True, slots=True)
class DownWords:
    part: str  # {0} = this part, {1} = how many
    broken: str  # the note saying the time axis is broken


_WORDS = {
    "en": DownWords(
        part="{0} of {1}",
        broken="A zigzag on the time axis marks time left out; each stretch has its own scale.",
    ),
    "fr": DownWords(
        part="{0} sur {1}",
        broken="Un zigzag sur l’axe du temps marque une période omise\u202f; chaque tronçon a "
        "sa propre échelle.",
    ),
    "de": DownWords(
        part="{0} von {1}",
        broken="Ein Zickzack auf der Zeitachse markiert ausgelassene Zeit; jeder Abschnitt hat "
        "seinen eigenen Maßstab.",
    ),
    "tr": DownWords(
        part="{0}/{1}",
        broken="Zaman eksenindeki zikzak atlanan zamanı gösterir; her bölümün kendi ölçeği vardır.",
    ),
    "ar": DownWords(
        part="{0} من {1}",
        broken="يشير الخط المتعرج على محور الزمن إلى زمن محذوف، ولكل مقطع مقياسه الخاص.",
    ),
}


def down_words(locale: str) -> DownWords:
    """The down chart's words in ``locale`` (English for a locale without its own)."""
    return _WORDS.get(locale, _WORDS["en"])
