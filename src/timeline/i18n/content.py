"""The chronology's own texts in another language, from the file's ``translations``.

:func:`translate` gives the chronology as a reader of another language sees it: each title,
summary, place, label and subtitle replaced by its translation where the file gives one,
and the rest left in the file's language, each listed (with where it is) so the command can
say what has no translation. Objects without a translation are the same objects, so
translating a large chronology costs little more than its translations.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from timeline.errors import Diagnostic, shorten
from timeline.model import Era, Event, Group, Timeline, View
from timeline.spec import TRANSLATABLE

__all__ = ["Missing", "Translated", "translate"]

#: How a missing text is named in a warning, by kind.
_WHAT = {
    "top": "the chronology's {key}",
    "group": "the {key} of group '{name}'",
    "era": "the {key} of era '{name}'",
    "event": "the {key} of event '{name}'",
    "view": "the {key} of view '{name}'",
}


@dataclass(frozen=True, slots=True)
class Missing:
    """A text that has no translation: what it is and where it is (line, column)."""

    what: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Translated:
    """The chronology in ``locale`` and the texts left in the file's language."""

    timeline: Timeline
    locale: str
    missing: tuple[Missing, ...]
    #: How many texts were translated.
    found: int = 0

    def warnings(self, limit: int = 20) -> list[Diagnostic]:
        """One warning per text without a translation, ``file:line:col``, at most ``limit``
        of them and then one line counting the rest; a file with no translation into the
        locale at all gets one line saying so."""
        path = self.timeline.path
        language = f"'{self.locale}'"
        if self.missing and not self.found:
            return [
                Diagnostic(
                    path,
                    1,
                    1,
                    "warning",
                    f"nothing in the file is translated into {language}: its "
                    f"{len(self.missing):,} texts stay in '{self.timeline.locale}'",
                    "add 'translations' to titles, summaries and labels; see docs/format.md",
                )
            ]
        out = [
            Diagnostic(path, m.line, m.col, "warning", f"no {language} translation of {m.what}")
            for m in self.missing[:limit]
        ]
        rest = len(self.missing) - limit
        if rest > 0:
            last = self.missing[limit]
            out.append(
                Diagnostic(
                    path,
                    last.line,
                    last.col,
                    "warning",
                    f"and {rest} more texts have no {language} translation",
                    "add them under 'translations' to render them in that language",
                )
            )
        return out


def translate(timeline: Timeline, locale: str) -> Translated:
    """``timeline`` with its texts in ``locale`` where the file translates them. The file's
    own language needs no translation: the same chronology comes back, with nothing
    missing."""
    if locale == timeline.locale:
        return Translated(timeline, locale, ())
    work = _Work(locale)
    events = tuple(work.item(e, "event", e.title, e.where) for e in timeline.events)
    groups = {gid: work.item(g, "group", g.label, g.where) for gid, g in timeline.groups.items()}
    eras = tuple(work.item(era, "era", era.title, era.where) for era in timeline.eras)
    views = {name: work.item(v, "view", name, v.where) for name, v in timeline.views.items()}
    top = work.texts(timeline, "top", "", timeline.where)
    changed = (
        top
        or any(a is not b for a, b in zip(events, timeline.events, strict=True))
        or any(groups[k] is not v for k, v in timeline.groups.items())
        or any(a is not b for a, b in zip(eras, timeline.eras, strict=True))
        or any(views[k] is not v for k, v in timeline.views.items())
    )
    result = timeline
    if changed:
        result = replace(timeline, events=events, groups=groups, eras=eras, views=views, **top)
    missing = sorted(work.missing, key=lambda m: (m.line, m.col))
    return Translated(result, locale, tuple(missing), work.found)


class _Work:
    """Translates one object at a time, noting the texts left untranslated."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.missing: list[Missing] = []
        self.found = 0

    def item(
        self, obj: Event | Group | Era | View, kind: str, name: str, where: dict[str, Any]
    ) -> Any:
        texts = self.texts(obj, kind, name, where)
        return replace(obj, **texts) if texts else obj

    def texts(self, obj: Any, kind: str, name: str, where: dict[str, Any]) -> dict[str, Any]:
        """The translated values of ``obj``'s translatable keys, noting those without."""
        given = obj.translations.get(self.locale, {})
        out: dict[str, Any] = {}
        for key in TRANSLATABLE[kind]:
            text = given.get(key)
            if text is not None:
                out[key] = text
                self.found += 1
            elif getattr(obj, key) is not None:
                line, col = where.get(key) or where.get("") or where.get("event") or (1, 1)
                what = _WHAT[kind].format(name=shorten(name, 40), key=key)
                self.missing.append(Missing(what, line, col))
        return out
