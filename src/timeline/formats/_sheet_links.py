"""Sources and groups named in a sheet's cells, made into the chronology's own, each once.

A source cell holds names or links (several separated by ``;`` or line breaks, links by
anything); a link column gives the links of the same row's names, paired in order when both
hold as many. Ids come from the name, or from a link's site (``reuters-com``). An id that
another sheet defines (our xlsx export's ``Sources`` and ``Groups``) is that source or group.
"""

from __future__ import annotations

import re

from timeline.formats._common import split_items
from timeline.formats._draft import Draft, IdMaker, as_id, one_line
from timeline.spec import URL_RE, is_url, slug, url_host

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
        # One id maker each: ids are numbered in linear time however many share a name.
        self.groups = IdMaker(set(known_groups))
        self.sources_made = IdMaker(set(known_sources))

    def group(self, text: str) -> str | None:
        if not text:
            return None
        if text in self.known_groups:
            self.draft_.groups.setdefault(text, self.known_groups[text])
            return text
        if text not in self.group_ids:
            gid = as_id(text, self.groups, "group")
            self.group_ids[text] = gid
            self.draft_.groups[gid] = {"label": one_line(text)[:300]}
        return self.group_ids[text]

    def sources(self, names: str, links: str) -> list[str]:
        """Sources from a cell of names (or links) and a cell of links: paired in order when
        both cells hold as many."""
        named = _source_items(names)
        urls = [u for u in _source_items(links) if is_url(u)]
        if links.strip() and not urls:
            named += _source_items(links)
        pairs: list[tuple[str, str]]
        if named and len(urls) == len(named) and not any(is_url(n) for n in named):
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
        if not url and is_url(name):
            name, url = "", name
        key = (name, url)
        if key in self.source_ids:
            return self.source_ids[key]
        made = self.sources_made
        fields: dict[str, str]
        if url and not name:
            host = url_host(url) or "link"
            sid = made.make(slug(host.removeprefix("www.")) or "link")
            fields = {"title": one_line(url)[:300], "url": url}
        elif not url:
            sid = as_id(name, made, "source")
            fields = {"title": one_line(name)[:300]}
        else:
            sid = made.make(slug(name) or "source")
            fields = {"title": one_line(name)[:300], "url": url}
        self.source_ids[key] = sid
        self.draft_.sources[sid] = fields
        return sid


def list_items(cell: str, *, keep_empty: bool = False) -> list[str]:
    """Items of a list cell: separated by ``;`` (as our export writes them), or else by
    commas or line breaks; empty items are left out unless ``keep_empty``."""
    if ";" in cell or "\\" in cell:
        return split_items(cell, keep_empty=keep_empty)
    items = [item.strip() for item in re.split(r"[,\n]", cell)]
    return items if keep_empty else [item for item in items if item]


def _source_items(cell: str) -> list[str]:
    """Sources in one cell: links separated by anything, or names separated by ``;`` or
    line breaks."""
    if not cell.strip():
        return []
    links = URL_RE.findall(cell)
    if links and not URL_RE.sub("", cell).strip(" ,;\n\t|"):
        return [link.rstrip(".,;)") for link in links]
    return [item for line in cell.split("\n") for item in split_items(line)]
