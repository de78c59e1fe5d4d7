"""HTML from other tools (TimelineJS slides) as Markdown or plain text.

Paragraphs stay paragraphs, ``<br>`` a line break, links become ``[text](url)``, emphasis
``*text*`` and ``**text**``, block quotes ``> ``, list items ``- ``; entities are decoded and
every other tag is dropped, keeping its text. Scripts and styles are dropped with their
content. Plain text (for titles and labels) keeps only the words and says which link
addresses it had to leave out.
"""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["looks_like_html", "to_markdown", "to_plain"]

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "main",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "dl",
        "dt",
        "dd",
        "hr",
    ]
)
_EMPHASIS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
_SKIP = frozenset({"script", "style", "template", "noscript"})
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_BREAK = "\x00"  # a <br> until white space is collapsed


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains a tag or an entity."""
    return ("<" in text and ">" in text) or ("&" in text and ";" in text)


def to_markdown(html: str) -> str:
    """``html`` as Markdown text (empty when it holds no words)."""
    return _Converter(markdown=True).convert(html)[0]


def to_plain(html: str) -> tuple[str, list[str]]:
    """``html`` as one line of plain text, and the link addresses that were left out."""
    text, dropped = _Converter(markdown=False).convert(html)
    return " ".join(text.split()), dropped


class _Converter(HTMLParser):
    def __init__(self, *, markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.blocks: list[str] = []
        self.pieces: list[str] = []
        self.open: list[tuple[str, int, str | None]] = []  # (tag, piece index, href)
        self.quote = 0
        self.item = False
        self.skip = 0
        self.dropped: list[str] = []

    def convert(self, html: str) -> tuple[str, list[str]]:
        self.feed(html)
        self.close()
        self.flush()
        return "\n\n".join(self.blocks), self.dropped

    # -- paragraphs --------------------------------------------------------------------

    def flush(self) -> None:
        text = "".join(self.pieces)
        self.pieces = []
        self.open = [(tag, 0, href) for tag, _, href in self.open]
        lines = [" ".join(part.split()) for part in text.split(_BREAK)]
        lines = [line for line in lines if line]
        if not lines:
            return
        if self.markdown and self.item:
            lines[0] = "- " + lines[0]
            self.item = False
        if self.markdown and self.quote:
            lines = [("> " * self.quote) + line for line in lines]
        self.blocks.append("\n".join(lines))

    # -- the parser's callbacks --------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        attr = dict(attrs)
        if tag in _BLOCKS:
            self.flush()
            if tag == "blockquote":
                self.quote += 1
            elif tag == "li":
                self.item = True
        elif tag == "br":
            self.pieces.append(_BREAK)
        elif tag in ("img", "iframe", "embed", "source", "video", "audio"):
            self._media(attr)
        elif tag == "cite" and "".join(self.pieces).strip():
            self.pieces.append(" — ")
        if tag in _EMPHASIS or tag == "a":
            self.open.append((tag, len(self.pieces), attr.get("href")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img", "iframe", "embed", "source", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _BLOCKS:
            self.flush()
            if tag == "blockquote":
                self.quote = max(0, self.quote - 1)
            return
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                _, start, href = self.open.pop(i)
                self._wrap(tag, start, href)
                return

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.pieces.append(data)

    # -- inline markup -----------------------------------------------------------------

    def _wrap(self, tag: str, start: int, href: str | None) -> None:
        inner = "".join(self.pieces[start:])
        words = inner.strip()
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        if tag == "a":
            wrapped = self._link(words, (href or "").strip())
        elif words and self.markdown:
            mark = _EMPHASIS[tag]
            wrapped = f"{mark}{words}{mark}"
        else:
            wrapped = words
        self.pieces[start:] = [lead, wrapped, trail]

    def _link(self, words: str, href: str) -> str:
        if not href.lower().startswith(_LINK_SCHEMES):
            return words
        if not words or " ".join(words.split()) == href:
            return href
        if self.markdown:
            return f"[{words}]({href})"
        self.dropped.append(href)
        return words

    def _media(self, attr: dict[str, str | None]) -> None:
        src = (attr.get("src") or "").strip()
        alt = " ".join((attr.get("alt") or attr.get("title") or "").split())
        if not src.lower().startswith(_LINK_SCHEMES):
            self.pieces.append(alt)
        elif self.markdown:
            self.pieces.append(f"[{alt}]({src})" if alt else src)
        else:
            self.dropped.append(src)
            self.pieces.append(alt)
