"""Sources and groups named in a sheet's cells, made into the chronology's own, each once.

A source cell holds names or links (several separated by ``;`` or line breaks, links by
anything); a link column gives the links of the same row's names, paired in order when both
hold as many. Ids come from the name, or from a link's site (``reuters-com``). An id that
another sheet defines (our xlsx export's ``Sources`` and ``Groups``) is that source or group.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from timeline.formats._common import URL_RE, split_items
from timeline.formats._draft import Draft, is_id, one_line, unique
from timeline.spec import slug

__all__ = ["Links", "list_items"]


class Links:
    """The sources and groups of one draft, found in cells (``known``: defined elsewhere)."""

    def __init__(
        self,
        draft: Draft,
        known_sources: dict[str, dict[str, str]],
        known_groups: dict[str, dict[str, str]],
    ) -> None:
        self.draft_ = draft  # sources and groups are added to it as they are found
        self.known_sources = known_sources
        self.known_groups = known_groups
        self.group_ids: dict[str, str] = {}  # cell text -> group id
        self.source_ids: dict[tuple[str, str], str] = {}  # (name, url) -> source id

    def group(self, text: str) -> str | None:
        if not text:
            return None
        if text in self.known_groups:
            self.draft_.groups.setdefault(text, self.known_groups[text])
            return text
        if text not in self.group_ids:
            taken = set(self.group_ids.values()) | set(self.known_groups)
            gid = (
                text if is_id(text) and text not in taken else unique(slug(text) or "group", taken)
            )
            self.group_ids[text] = gid
            self.draft_.groups[gid] = {"label": one_line(text)[:300]}
        return self.group_ids[text]

    def sources(self, names: str, links: str) -> list[str]:
        """Sources from a cell of names (or links) and a cell of links: paired in order when
        both cells hold as many."""
        named = _source_items(names)
        urls = [u for u in _source_items(links) if URL_RE.fullmatch(u)]
        if links.strip() and not urls:
            named += _source_items(links)
        pairs: list[tuple[str, str]]
        if named and len(urls) == len(named) and not any(URL_RE.fullmatch(n) for n in named):
            pairs = list(zip(named, urls, strict=True))
        else:
            pairs = [(n, "") for n in named] + [("", u) for u in urls]
        out: list[str] = []
        for name, url in pairs:
            sid = self._source(name, url)
            if sid not in out:
                out.append(sid)
        return out

    def _source(self, name: str, url: str) -> str:
        if not url and name in self.known_sources:
            self.draft_.sources.setdefault(name, self.known_sources[name])
            return name
        if not url and URL_RE.fullmatch(name):
            name, url = "", name
        key = (name, url)
        if key in self.source_ids:
            return self.source_ids[key]
        taken = set(self.source_ids.values()) | set(self.known_sources)
        fields: dict[str, str]
        if url and not name:
            host = urlsplit(url).hostname or "link"
            sid = unique(slug(host.removeprefix("www.")) or "link", taken)
            fields = {"title": url, "url": url}
        elif is_id(name) and not url:
            sid = name if name not in taken else unique(name, taken)
            fields = {"title": name}
        else:
            sid = unique(slug(name) or "source", taken)
            fields = {"title": one_line(name)[:300]} | ({"url": url} if url else {})
        self.source_ids[key] = sid
        self.draft_.sources[sid] = fields
        return sid


def list_items(cell: str) -> list[str]:
    """Items of a list cell: separated by ``;`` (as our export writes them), or else by
    commas or line breaks."""
    if ";" in cell or "\\" in cell:
        return split_items(cell)
    return [item.strip() for item in re.split(r"[,\n]", cell) if item.strip()]


def _source_items(cell: str) -> list[str]:
    """Sources in one cell: links separated by anything, or names separated by ``;`` or
    line breaks."""
    if not cell.strip():
        return []
    links = URL_RE.findall(cell)
    if links and not URL_RE.sub("", cell).strip(" ,;\n\t|"):
        return [link.rstrip(".,;)") for link in links]
    return [item for line in cell.split("\n") for item in split_items(line)]
