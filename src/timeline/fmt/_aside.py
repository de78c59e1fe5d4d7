"""A text's layout tree read beside the validator: in a child process on a second core, or
from the validator's own libyaml events.

fmt reads each text twice over: the validator checks it (and builds the chronology) and
the events reader (:mod:`timeline.fmt._events`) reads its layout tree, writing each event.
Both are Python loops over libyaml's events, of about the same cost. In one process the
events reader listens to the events the validator gets (one parse:
:class:`~timeline.fmt._events.Listener`). Where the command's own process may fork
(:func:`timeline._process.may_fork`: Linux, a second core, no other thread) and the text is
large enough for a fork to pay, a child process forked from this one reads the tree while
this one validates, and sends it back through a pipe: the events' written texts as a list
of strings and their places as numbers (quick to send), the rest of the tree pickled.

The child only reads: it writes no file and holds nothing the parent needs back but the
tree. Whatever goes wrong in it (an error, a signal, a short message) the parent reads the
tree itself, as it would have without a child; a child still running when the parent no
longer needs it (the text did not validate, Ctrl-C) is killed, and every child is waited
for. The tree is the same either way (``tests/test_fmt.py``).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
from array import array
from collections.abc import Callable
from typing import Any

from timeline import _process
from timeline.fmt._events import Listener, read_events
from timeline.fmt._tree import Collection, Document, Entry, Written

__all__ = ["FORK_FROM", "Aside"]

#: Texts shorter than this many characters (about 1,000 events) are read in this process:
#: forking and sending the tree back cost about as much as reading them.
FORK_FROM = 256 * 1024

#: What the child says before its tree: the tree follows, or the token reader must read
#: the text (a comment below the first key, an anchor...).
_TREE = b"T"
_REFUSED = b"R"


class Aside:
    """The layout tree of ``text``, read while the validator reads it.

    Give the validator :attr:`tap` (None when a child reads the tree: the validator then
    needs no tap), then call :meth:`result`; call :meth:`close` when the tree is not
    wanted after all (it is also called by :meth:`result`).
    """

    def __init__(self, text: str, *, fork: bool | None = None) -> None:
        self._text = text
        self._pid = 0
        self._read_fd = -1
        self._listener: Listener | None = None
        if fork is None:
            fork = len(text) >= FORK_FROM and _process.may_fork()
        if fork:
            self._fork()
        if not self._pid:
            self._listener = Listener(text)

    @property
    def tap(self) -> Callable[[Any], object] | None:
        """What the validator's reader gives each libyaml event to, or None."""
        return None if self._listener is None else self._listener.send

    def result(self) -> tuple[Document | None, bool]:
        """The tree when it was read, and True when the token reader must read the text
        instead; (None, False) when neither is known (the text must be read anew)."""
        if self._listener is not None:
            return self._listener.doc, self._listener.refused
        message = b""
        try:
            if self._read_fd != -1:  # (else closed already: read it here)
                message = _read_all(self._read_fd)
        finally:
            self.close()
        found = _decode(message, self._text)
        if found is None:  # the child failed: read it here
            doc = read_events(self._text)
            return doc, doc is None
        return found

    def close(self) -> None:
        """Stop the child, if it still runs, and wait for it."""
        if self._read_fd != -1:
            os.close(self._read_fd)
            self._read_fd = -1
        if self._pid:
            pid, self._pid = self._pid, 0
            with contextlib.suppress(ProcessLookupError):  # it ended, not yet waited for
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):  # reaped already (SIGCHLD ignored)
                os.waitpid(pid, 0)

    def _fork(self) -> None:
        try:
            read_fd, write_fd = os.pipe()
        except OSError:  # pragma: no cover - out of file descriptors: read it here
            return
        try:
            pid = os.fork()
        except OSError:  # pragma: no cover - out of processes or memory: read it here
            os.close(read_fd)
            os.close(write_fd)
            return
        if pid == 0:  # the child: it never returns
            os.close(read_fd)
            _child(self._text, write_fd)
        os.close(write_fd)
        self._pid = pid
        self._read_fd = read_fd


def _child(text: str, fd: int) -> None:
    """Read ``text``'s tree, write it to ``fd`` and end the process, whatever happens."""
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's
        message = _encode(read_events(text))
        with os.fdopen(fd, "wb") as out:
            out.write(message)
        status = 0
    finally:
        os._exit(status)


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _events_of(doc: Document) -> Collection | None:
    """The top level's events list, when it is one."""
    root = doc.root
    if not isinstance(root, Collection) or root.kind != "map":
        return None
    found = None
    for entry in root.entries:
        if entry.key is not None and entry.key.value == "events":
            value = entry.value
            found = value if isinstance(value, Collection) and value.kind == "seq" else None
    return found


def _encode(doc: Document | None) -> bytes:
    """The message for ``doc``: its events' texts and places apart, the rest pickled."""
    if doc is None:
        return _REFUSED
    events = _events_of(doc)
    texts: list[str] = []
    places = array("q")
    if events is not None:
        rest = []
        for i, entry in enumerate(events.entries):
            value = entry.value
            if isinstance(value, Written):
                texts.append(value.text)
                places.extend((i, entry.start, entry.col, value.keep * 2 + value.blank_end))
            else:
                rest.append(entry)
        events.entries = rest
    doc.text = ""  # the parent has it
    tree = pickle.dumps((doc, texts), protocol=pickle.HIGHEST_PROTOCOL)
    numbers = places.tobytes()
    return _TREE + struct.pack("<QQ", len(tree), len(numbers)) + tree + numbers


def _decode(message: bytes, text: str) -> tuple[Document | None, bool] | None:
    """What :meth:`Aside.result` returns, from the child's message; None when it is not
    a whole message (the child failed)."""
    if message == _REFUSED:
        return None, True
    head = 1 + struct.calcsize("<QQ")
    if len(message) < head or message[:1] != _TREE:
        return None
    tree_size, numbers_size = struct.unpack("<QQ", message[1:head])
    if len(message) != head + tree_size + numbers_size:
        return None
    doc, texts = pickle.loads(message[head : head + tree_size])
    places = array("q")
    places.frombytes(message[head + tree_size :])
    doc.text = text
    events = _events_of(doc)
    if texts:
        assert events is not None  # the child found them there
        entries: list[Entry] = []
        rest = iter(events.entries)
        for n, written in enumerate(texts):
            i, start, col, flags = places[4 * n : 4 * n + 4]
            while len(entries) < i:
                entries.append(next(rest))
            event = Written(written, bool(flags & 2), bool(flags & 1))
            entries.append(Entry(None, event, start, col))
        entries.extend(rest)
        events.entries = entries
    return doc, False
