"""Reading a chronology: bytes -> YAML nodes with line and column -> the frozen model.

``_nodes`` builds our own node tree from libyaml's event stream (every scalar kept as the
text written; anchors, tags, duplicate keys and the like refused at their position),
``build`` turns nodes into the model collecting every shape problem, and ``validate`` adds
the checks that need the whole chronology and is the entry point (:func:`load`,
:func:`check`). ``_fast`` reads a file with nothing to report straight into events through
the same rules as ``build``, and leaves every other file to ``_nodes``.
"""

from timeline.loader.validate import Report, check, check_bytes, load, load_bytes

__all__ = ["Report", "check", "check_bytes", "load", "load_bytes"]
