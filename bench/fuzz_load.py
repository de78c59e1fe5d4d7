"""Fuzzing every reader and every writer (by hand at a large budget; the test suite runs the
same checks at a small one, ``tests/test_fuzz.py``).

Readers: the YAML loader, our JSON, TimelineJS JSON, our CSV and TimelineJS's spreadsheet
CSV. Every input must give a chronology or positioned diagnostics (``file:line:col``, one
line each); an import that succeeds must load without errors. Every chronology that loads
then goes through every writer: the six exports, the three text renderings, ``fmt``, and
now and then the charts. Each output is checked for what its format promises: an ICS file
whose every line is a well-formed content line and which holds one VEVENT per event, a CSV
file that reads back to one row per event, JSON that parses, text with no control
character but tabs and line feeds, a ``fmt`` result that is proven or refused with the
formatter's own error. Any other exception, or a broken promise, is a failure.

Usage:
    python bench/fuzz_load.py [--runs 20000] [--seed 1] [--charts-every 200]
    python bench/fuzz_load.py --atheris [-runs=200000] [CORPUS_DIR ...]   # pip install atheris

The built-in fuzzer mutates seeds (the sample, the bad-input corpus, the import examples
and small hostile shapes) with byte and token edits; ``--atheris`` lets atheris's
coverage-guided mutator drive the same checks (the first byte of each input picks the
reader). Both print how many inputs each reader took, how many loaded and how many outputs
were checked.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

READERS = ("yaml", "json", "timelinejs-json", "csv", "timelinejs-csv", "xlsx")
EXPORTS = ("json", "csv", "xlsx", "ics", "timelinejs", "mermaid", "markwhen")
_FILE = {
    "yaml": "fuzz.yaml",
    "json": "fuzz.json",
    "timelinejs-json": "fuzz.json",
    "csv": "fuzz.csv",
    "timelinejs-csv": "fuzz.csv",
    "xlsx": "fuzz.xlsx",
}
_IMPORT = {
    "json": "json",
    "timelinejs-json": "timelinejs",
    "csv": "csv",
    "timelinejs-csv": "timelinejs",
    "xlsx": "xlsx",
}
#: Characters no output may hold, but for tabs and line feeds (and CR in CRLF formats).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CONTENT_LINE = re.compile(r"[A-Za-z0-9-]+(;[^\r\n]*)?:[^\r\n]*")


class Failure(AssertionError):
    """A reader or writer broke its promise on one input."""


class Counts:
    """What a run did, per reader and per writer."""

    def __init__(self) -> None:
        self.inputs: Counter[str] = Counter()
        self.loaded: Counter[str] = Counter()
        self.outputs: Counter[str] = Counter()

    def report(self) -> str:
        lines = [f"{'reader':<16} {'inputs':>8} {'loaded':>8}"]
        for r in READERS:
            lines.append(f"{r:<16} {self.inputs[r]:>8} {self.loaded[r]:>8}")
        lines.append(
            "outputs checked: " + ", ".join(f"{k} {v}" for k, v in sorted(self.outputs.items()))
        )
        return "\n".join(lines)


def check_input(reader: str, data: bytes, counts: Counts, *, charts: bool = False) -> None:
    """Read ``data`` with ``reader``; check the diagnostics or the chronology, then every
    writer on it. Raises :class:`Failure` on a broken promise (other exceptions are bugs)."""
    from timeline import check_bytes
    from timeline.formats import ImportFailed, import_bytes

    counts.inputs[reader] += 1
    file = _FILE[reader]
    if reader == "yaml":
        report = check_bytes(data, file)
        _diagnostics(report.diagnostics, file)
        if report.timeline is None and not report.errors:
            raise Failure("no chronology and no error")
        if not report.ok or report.timeline is None:
            return
        timeline, source = report.timeline, data
    else:
        try:
            result = import_bytes(data, file, _IMPORT[reader])
        except ImportFailed as exc:
            if not exc.diagnostics:
                raise Failure("an import failed without a diagnostic") from None
            _diagnostics(exc.diagnostics, file)
            return
        _diagnostics(result.warnings, file)
        loaded = check_bytes(result.text.encode("utf-8"), "timeline.yaml")
        if loaded.errors or loaded.timeline is None:
            raise Failure(f"an import does not load: {loaded.errors[:1]}")
        timeline, source = loaded.timeline, result.text.encode("utf-8")
    counts.loaded[reader] += 1
    check_writers(timeline, source, counts, charts=charts)


def _diagnostics(diagnostics: object, file: str) -> None:
    for d in diagnostics:  # type: ignore[attr-defined]
        text = str(d)
        if d.line < 1 or d.col < 1 or not text.startswith(f"{file}:"):
            raise Failure(f"malformed diagnostic: {d!r}")
        if "\n" in text or "\r" in text or _CONTROL.search(text):
            raise Failure(f"diagnostic on more than one line or with a control: {text!r}")


def check_writers(timeline: object, source: bytes, counts: Counts, *, charts: bool) -> None:
    """Every writer on a chronology that loaded, each output checked for its promises."""
    from timeline.errors import TimelineError
    from timeline.fmt import FormatError, InvalidInput, format_text
    from timeline.formats import export, export_bytes, import_bytes
    from timeline.model import Timeline
    from timeline.render import RenderOptions, render

    assert isinstance(timeline, Timeline)
    n = len(timeline.events)
    for fmt in EXPORTS:
        if fmt == "xlsx":
            # A workbook is checked by reading it back: every event, with its id.
            back = import_bytes(export_bytes(timeline, "xlsx"), "back.xlsx", "xlsx")
            if sorted(e.id for e in back.timeline.events) != sorted(e.id for e in timeline.events):
                raise Failure("xlsx does not read back to the same events")
        else:
            _EXPORT_CHECKS[fmt](export(timeline, fmt), n)
        counts.outputs[f"export {fmt}"] += 1
    formats = ("md", "txt", "html", "png", "svg") if charts else ("md", "txt", "html")
    try:
        outputs = render(timeline, None, RenderOptions(formats=formats))
    except TimelineError:  # a documented refusal (a missing glyph, a chart over a limit)
        outputs = render(timeline, None, RenderOptions(formats=("md", "txt")))
    for name, data in outputs.items():
        if name.endswith((".md", ".txt", ".html", ".svg")):
            _plain_text(data.decode("utf-8"), name)
        counts.outputs[f"render {name.rsplit('.', 1)[1]}"] += 1
    with contextlib.suppress(FormatError, InvalidInput):  # refused with its own message
        format_text(source.decode("utf-8-sig"), file="fuzz.yaml")
        counts.outputs["fmt"] += 1


def _plain_text(text: str, what: str) -> None:
    bad = _CONTROL.search(text)
    if bad is not None:
        raise Failure(f"{what} holds the control character U+{ord(bad[0]):04X}")


def _check_ics(text: str, n: int) -> None:
    import icalendar

    if not text.endswith("\r\n"):
        raise Failure("ics does not end with CRLF")
    lines = text[:-2].split("\r\n")
    unfolded: list[str] = []
    for line in lines:
        if "\r" in line or "\n" in line:
            raise Failure(f"ics line holds a bare line break: {line!r}")
        if line.startswith((" ", "\t")) and unfolded:
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    for line in unfolded:
        if not _CONTENT_LINE.fullmatch(line):
            raise Failure(f"ics line is not a content line: {line[:80]!r}")
    cal = icalendar.Calendar.from_ical(text)
    events = cal.walk("VEVENT")
    if len(events) != n:
        raise Failure(f"ics holds {len(events)} events, not {n}")


def _check_csv(text: str, n: int) -> None:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if len(rows) != n + 1 or any(len(r) != 12 for r in rows):
        raise Failure(f"csv reads back as {len(rows)} rows, not {n + 1} of 12 cells")


def _check_json(text: str, n: int) -> None:
    doc = json.loads(text)
    if len(doc["events"]) != n:
        raise Failure("json events lost")


def _check_timelinejs(text: str, n: int) -> None:
    doc = json.loads(text)
    if len(doc.get("events", [])) != n:
        raise Failure("timelinejs events lost")


def _check_lines(fmt: str) -> Callable[[str, int], None]:
    def check(text: str, n: int) -> None:
        _plain_text(text, fmt)

    return check


_EXPORT_CHECKS: dict[str, Callable[[str, int], None]] = {
    "json": _check_json,
    "csv": _check_csv,
    "ics": _check_ics,
    "timelinejs": _check_timelinejs,
    "mermaid": _check_lines("mermaid"),
    "markwhen": _check_lines("markwhen"),
}


# -- seeds and mutations ------------------------------------------------------------------

#: Pieces hostile inputs are made of: line breaks of every kind, escapes, big numbers...
TOKENS = [
    b"\r",
    b"\n",
    b"\r\n",
    "\u2028".encode(),
    "\u0085".encode(),
    b"\\r",
    b"\\u2028",
    b"\\x85",
    b"\\ud800",
    b"\t",
    b"\x00",
    b'"',
    b"'",
    b":",
    b": ",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b";",
    b"#",
    b"&a",
    b"*a",
    b"!!str",
    b"9" * 50,
    b"NaN",
    b"Infinity",
    b"1e999",
    b"-0",
    b"0o777",
    b"1e3",
    b"utc",
    b"UTC",
    b"Europe/Berlin",
    b"2024-03-31T02:30",
    b"9999-12-31T23:59",
    b"0001-01-01T00:00",
    b"/..",
    b"/",
    b"~",
    b"?",
    b"%",
    b"..",
    b'""',
    b"[]",
    b"{}",
    b"x-a: 1",
    "\u202e".encode(),
    "\u00e9".encode(),
    b"<b>",
    b"&amp;",
    b"=cmd",
    b"\xff",
    b"\xc3",
]


def seeds() -> dict[str, list[bytes]]:
    """Starting inputs for each reader."""
    from hostile import SHAPES

    from timeline import load_bytes
    from timeline.formats import export, export_bytes

    sample = (ROOT / "timeline.yaml").read_bytes()
    t = load_bytes(sample)
    data = ROOT / "tests" / "data"
    valid = [sample, *(p.read_bytes() for p in sorted(data.glob("fmt/*/input.yaml")))]
    valid += [p.read_bytes() for p in sorted(data.glob("valid/*.yaml"))]
    valid += [SHAPES[s](600)[1] for s in SHAPES if SHAPES[s](100)[0] == "yaml"]
    # Mostly inputs that load, so that the writers see many chronologies; some that do not.
    yaml_seeds = valid * 3 + [p.read_bytes() for p in sorted(data.glob("bad/*.yaml"))]
    formats = ROOT / "tests/data/formats"
    out = {
        "yaml": yaml_seeds,
        "json": [export(t, "json").encode()],
        "timelinejs-json": [
            (formats / "women_in_computing.json").read_bytes(),
            export(t, "timelinejs").encode(),
        ],
        "csv": [export(t, "csv").encode(), SHAPES["csv-groups"](600)[1]],
        "timelinejs-csv": [(formats / "women_in_computing.csv").read_bytes()],
    }
    out["xlsx"] = [export_bytes(t, "xlsx"), *map(_workbook, out["csv"])]
    for bad in sorted((formats / "bad").glob("*")):
        for reader, suffix in (("json", ".json"), ("csv", ".csv")):
            if bad.suffix == suffix:
                out[reader].append(bad.read_bytes())
    return out


def _workbook(csv_bytes: bytes) -> bytes:
    """A workbook holding the rows of a CSV file, one cell each (openpyxl)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    text = csv_bytes.decode("utf-8", "replace")
    for row in csv.reader(io.StringIO(text, newline="")):
        sheet.append([_cell(c) for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(text: str) -> str:
    # openpyxl refuses control characters in cells (Excel cannot hold them either).
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


def mutate(data: bytes, rnd: random.Random) -> bytes:
    """One to four edits: delete, duplicate or replace a slice, or insert a token."""
    for _ in range(rnd.choice((1, 1, 2, 4))):
        start = rnd.randint(0, len(data))
        end = min(len(data), start + rnd.randint(0, 40))
        action = rnd.random()
        if action < 0.25:
            data = data[:start] + data[end:]
        elif action < 0.4:
            data = data[:end] + data[start:end] + data[end:]
        elif action < 0.55:
            noise = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 4)))
            data = data[:start] + noise + data[end:]
        else:
            data = data[:start] + rnd.choice(TOKENS) + data[start:]
    return data


_TEXT_KEY = re.compile(rb"(?:title|subtitle|place|label|summary|publisher|note): ([^,}\n]*)")
#: Text that is valid in a chronology but means something in the outputs' syntaxes.
_MEANINGFUL = [
    "#x",
    "a: b",
    "<b>x</b>",
    "&amp;",
    "=1+1",
    "@x",
    "'",
    '"',
    "\\",
    "%%",
    ";",
    ",",
    "[x]",
    "{x}",
    "*x*",
    "_x_",
    "`x`",
    "$x$",
    "|",
    "> x",
    "- x",
    "1. x",
    "# x",
    "\t",
    "\u00e9",
    "\u0627\u0644",
    "\u00a0",
    "x" * 290,
    "\u200d",
    "1e3",
    "0o7",
    "yes",
    "~",
    "null",
]


def mutate_yaml_value(data: bytes, rnd: random.Random) -> bytes:
    """A YAML seed with one text value replaced by a double-quoted one holding a hostile
    piece (usually still a valid chronology: this tests the writers)."""
    found = list(_TEXT_KEY.finditer(data))
    if not found:
        return mutate(data, rnd)
    m = rnd.choice(found)
    pieces = _MEANINGFUL + [t.decode("utf-8", "replace") for t in TOKENS]
    value = "a" + rnd.choice(pieces) + "b"
    quoted = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return data[: m.start(1)] + quoted + data[m.end(1) :]


_HOSTILE_VALUES: list[object] = ["", " ", [], {}, None, True, 10**60, -1, 2.5, ["", "x"]]


def mutate_json(data: bytes, rnd: random.Random) -> bytes:
    """A JSON seed with one to three values replaced by hostile ones (text with line breaks
    or lone surrogates, huge numbers, empty strings, wrong types), still JSON."""
    try:
        doc = json.loads(data)
    except ValueError:
        return mutate(data, rnd)
    places: list[tuple[dict[str, object] | list[object], str | int]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in node:
                places.append((node, key))
                walk(node[key])
        elif isinstance(node, list):
            for i, item in enumerate(node):
                places.append((node, i))
                walk(item)

    walk(doc)
    if not places:
        return mutate(data, rnd)
    for _ in range(rnd.randint(1, 3)):
        parent, key = rnd.choice(places)
        token = rnd.choice(TOKENS).decode("utf-8", "replace").replace("\\ud800", "\ud800")
        old = parent[key]  # type: ignore[index]
        choice = rnd.random()
        new: object
        if choice < 0.5 and isinstance(old, str):
            at = rnd.randint(0, len(old))
            new = old[:at] + token + old[at:]
        elif choice < 0.7:
            new = rnd.choice(_HOSTILE_VALUES)
        else:
            new = token
        parent[key] = new  # type: ignore[index]
    text = json.dumps(doc, ensure_ascii=rnd.random() < 0.5)
    return text.encode("utf-8", "surrogatepass")


def fuzz(
    runs: int, seed: int, *, charts_every: int = 0, progress: int = 0, keep: Path | None = None
) -> Counts:
    """Run ``runs`` mutated inputs spread over the readers; raise the first failure (with
    the reader and the input in its message). ``keep``, when given, holds each input
    while it is checked (what a crash or a kill leaves there is the input that did it)."""
    rnd = random.Random(seed)
    pool = seeds()
    counts = Counts()
    for i in range(runs):
        reader = READERS[i % len(READERS)]
        seed_data = rnd.choice(pool[reader])
        if reader in ("json", "timelinejs-json") and rnd.random() < 0.7:
            data = mutate_json(seed_data, rnd)
        elif reader == "xlsx" and rnd.random() < 0.8:
            # Mostly workbooks whose cells were mutated (the zip itself rarely survives).
            data = _workbook(mutate(rnd.choice(pool["csv"]), rnd))
        elif reader == "yaml" and rnd.random() < 0.6:
            data = mutate_yaml_value(seed_data, rnd)
        else:
            data = mutate(seed_data, rnd)
        charts = bool(charts_every) and counts.loaded[reader] % charts_every == charts_every - 1
        if progress and i and i % progress == 0:
            print(f"{i} inputs checked", file=sys.stderr, flush=True)
        if keep is not None:
            keep.write_bytes(data)
        try:
            check_input(reader, data, counts, charts=charts)
        except Exception as exc:
            raise Failure(f"{reader}: {type(exc).__name__}: {exc}\ninput: {data[:2000]!r}") from exc
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--charts-every", type=int, default=200)
    parser.add_argument(
        "--memory",
        type=int,
        default=2048,
        help="address-space limit in MiB: an input that needs more is a failure, not a "
        "machine out of memory",
    )
    parser.add_argument(
        "--keep", type=Path, help="write each input here while it is checked (for crashes)"
    )
    parser.add_argument("--atheris", action="store_true")
    args, rest = parser.parse_known_args()
    _limit_memory(args.memory)
    if args.atheris:
        _atheris(rest)
        return
    start = time.perf_counter()
    counts = fuzz(
        args.runs, args.seed, charts_every=args.charts_every, progress=500, keep=args.keep
    )
    print(counts.report())
    print(f"{args.runs} inputs, no failure, {time.perf_counter() - start:.0f} s")


def _limit_memory(mib: int) -> None:
    """Bound the process's address space, so a runaway input raises MemoryError (reported
    with its input as any failure) instead of exhausting the machine."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    limit = mib * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _atheris(argv: list[str]) -> None:  # pragma: no cover - by hand only
    import atheris

    counts = Counts()

    def one(data: bytes) -> None:
        if not data:
            return
        reader = READERS[data[0] % len(READERS)]
        check_input(reader, data[1:], counts)

    atheris.Setup([sys.argv[0], *argv], one)
    try:
        atheris.Fuzz()
    finally:
        print(counts.report())


if __name__ == "__main__":
    main()
