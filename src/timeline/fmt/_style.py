"""How the canonical form writes each value: its role in the format, key order, quoting.

Every value has a role that decides how it is written:

- ``text``: words the tool reads as text (titles, ids, tags...). Written plain unless plain
  text would be misread: by YAML itself (``: `` or a leading ``*``) or, for other YAML tools
  and editors, as something other than text (``no``, ``2011``, ``null``, ``2011-03-15``).
- ``date`` and ``number``: dates and importances, written plain: that they look like dates
  and numbers is the point.
- ``x``: anything under an ``x-`` key. The tool never reads it, so its YAML type is kept
  exactly: a plain ``yes`` stays plain, a quoted ``"yes"`` stays quoted.
"""

from __future__ import annotations

import functools
import re

import yaml

from timeline.spec import EXTENSION_PREFIX, FORMAT, TRANSLATABLE

__all__ = [
    "KEY_ORDER",
    "is_typed",
    "item_role",
    "plain_ok",
    "quote",
    "reads_as_text",
    "value_role",
]

#: The order of keys in each mapping; keys not listed (``x-`` keys) follow in written order.
KEY_ORDER: dict[str, tuple[str, ...]] = {
    "top": tuple(FORMAT["top"]),
    "event": tuple(FORMAT["event"]),
    "source": tuple(FORMAT["source"]),
    "group": tuple(FORMAT["group"]),
    "era": tuple(FORMAT["era"]),
    "view": tuple(FORMAT["view"]),
}

_DATE_KEYS = frozenset({"date", "end", "as_of", "from", "to"})
_NUMBER_KEYS = frozenset({"importance", "min_importance", "omit_below"})
#: The role of a collection under a key, by the role of the mapping holding it.
_CHILD = {
    "top": {"sources": "sources", "groups": "groups", "views": "views", "eras": "eras"},
    "event": {"tags": "words", "sources": "words", "related": "words"},
    "view": {"groups": "words", "tags": "words"},
}
#: The role of the items of a list, or of the values of a mapping of ids.
_ITEM = {
    "events": "event",
    "eras": "era",
    "words": "text",
    "sources": "source",
    "groups": "group",
    "views": "view",
}
ID_MAPS = frozenset({"sources", "groups", "views"})

# ``translations`` (locale -> translated texts) under each kind that has them: a mapping
# whose keys keep their written order, like a mapping of ids, of translations whose keys
# follow the order of the keys they translate.
for _kind, _keys in TRANSLATABLE.items():
    _CHILD.setdefault(_kind, {})["translations"] = f"translations.{_kind}"
    _ITEM[f"translations.{_kind}"] = f"translation.{_kind}"
    KEY_ORDER[f"translation.{_kind}"] = _keys
ID_MAPS |= {f"translations.{kind}" for kind in TRANSLATABLE}


@functools.lru_cache(maxsize=4096)  # called for every value of a file, with few keys
def value_role(role: str, key: str, is_collection: bool) -> str:
    """The role of the value under ``key`` in a mapping of role ``role``."""
    if role == "x" or key.startswith(EXTENSION_PREFIX):
        return "x"
    if role in ID_MAPS:
        return _ITEM[role]
    if role == "top" and key == "events":
        return "events"
    if is_collection:
        return _CHILD.get(role, {}).get(key, "x")
    if key in _DATE_KEYS:
        return "date"
    if key in _NUMBER_KEYS:
        return "number"
    return "text"


def item_role(role: str) -> str:
    """The role of each item of a list of role ``role``."""
    return _ITEM.get(role, "x")


def key_role(role: str) -> str:
    """How the keys of a mapping of role ``role`` are written."""
    return "x" if role == "x" else "text"


# -- plain or quoted -------------------------------------------------------------------------

_FIRST = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW = set(",[]{}")
#: Plain scalars that YAML 1.2 (core schema) or the common YAML 1.1 readers do not read as
#: text, beyond what PyYAML's YAML 1.1 resolver already knows.
_NOT_TEXT = re.compile(
    r"""
    [yYnN]
    | 0o[0-7]+ | 0x[0-9a-fA-F]+
    | [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
    """,
    re.VERBOSE,
)
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


def plain_ok(text: str, *, flow: bool) -> bool:
    """True when ``text`` written plain (unquoted) reads back as exactly ``text``."""
    if not text or text != text.strip(" \t") or "\n" in text or "\t" in text:
        return False
    first = text[0]
    if first in _FIRST and not (first == "-" and len(text) > 1 and text[1] not in " \t,[]{}"):
        return False
    if ": " in text or " #" in text or text.endswith(":") or text.startswith(("---", "...")):
        return False
    # In a flow collection ([a, b]) libyaml refuses a ':' followed by '?' ("0:?").
    if flow and (not _FLOW.isdisjoint(text) or ":?" in text):
        return False
    return _ESCAPE.search(text) is None


#: Characters that YAML does not allow as they are, or reads as line breaks.
_ESCAPE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]")


def _needs_escape(ch: str) -> bool:
    return _ESCAPE.match(ch) is not None


def reads_as_text(text: str) -> bool:
    """True when a plain ``text`` is read as text by YAML 1.1 and 1.2 readers alike."""
    if text in ("", "~", "null", "Null", "NULL"):
        return False
    if _NOT_TEXT.fullmatch(text):
        return False
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR


def is_typed(value: str, plain: bool) -> bool:
    """True when other YAML tools read this scalar as something other than text."""
    return plain and not reads_as_text(value)


def quote(text: str) -> str:
    """``text`` in quotes: double quotes, or single quotes when that needs fewer escapes."""
    needs_escape = _ESCAPE.search(text) is not None
    single_cost = text.count("'")
    double_cost = text.count("\\") + text.count('"')
    if not needs_escape and single_cost < double_cost:
        return "'" + text.replace("'", "''") + "'"
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\t":
            out.append("\\t")
        elif _needs_escape(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@functools.lru_cache(maxsize=65536)
def scalar_text(value: str, style: str | None, role: str, flow: bool) -> str:
    """How a one-line, non-null scalar is written in the canonical form."""
    if role == "x":
        if style is None:
            return value
        return value if plain_ok(value, flow=flow) and reads_as_text(value) else quote(value)
    if role in ("date", "number"):
        return value if plain_ok(value, flow=flow) else quote(value)
    return value if plain_ok(value, flow=flow) and reads_as_text(value) else quote(value)
