"""Small charts in matplotlib's SVG dialect, for the HTML page's tests and goldens."""

from __future__ import annotations

from timeline.model import Event
from timeline.render.text import html


def chart_svg(events: list[Event], *, dark: bool = False, width: int = 200) -> str:
    """A small chart in matplotlib's SVG dialect, so the HTML goldens do not depend on the
    chart renderer: a title block, a key, and the first three events' marks and labels."""
    fg, bg, muted = ("#e9e7e4", "#14171c", "#aaa69f") if dark else ("#1d1f21", "#ffffff", "#5b6168")
    body = [
        f' <g id="patch_1"><path d="M 0 80 L {width} 80 L {width} 0 L 0 0 z" '
        f'style="fill: {bg}"/></g>',
        f' <g id="title"><text style="font-size: 17px; fill: {fg}" x="8" y="18">Title</text></g>',
        f' <g id="legend.text"><text style="font-size: 7px; fill: {muted}" x="8" y="34">key</text>'
        "</g>",
        ' <defs><path id="m1" d="M 0 0 \nL 4 0 \nL 4 4 \nz\n"/></defs>',
    ]
    for i, e in enumerate(events[:3]):
        x = 20 + 50 * i
        body += [
            f' <g id="ev:{e.id}:mark"><use xlink:href="#m1" x="{x}" y="50" '
            f'style="fill: {muted}"/></g>',
            f' <g id="ev:{e.id}:date"><text style="font-size: 7px; fill: {muted}" '
            f'x="{x}" y="56">date {i + 1}</text></g>',
            f' <g id="ev:{e.id}:label"><text style="font-size: 8px; fill: {fg}" '
            f'x="{x}" y="64" transform="rotate(-0 {x} 64)">label {i + 1}</text></g>',
        ]
    return (
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
        '  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        "<!-- Created for the tests -->\n"
        f'<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}pt" height="80pt" '
        f'viewBox="0 0 {width} 80" xmlns="http://www.w3.org/2000/svg" version="1.1">\n'
        ' <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>\n'
        ' <defs><style type="text/css">*{stroke-linejoin: round}</style></defs>\n'
        + "\n".join(body)
        + "\n</svg>\n"
    )


def page_charts(events: list[Event]) -> html.Charts:
    """Across and down charts, light and dark, for a page of ``events``."""
    return html.Charts(
        across=chart_svg(events),
        across_dark=chart_svg(events, dark=True),
        down=chart_svg(events, width=120),
        down_dark=chart_svg(events, dark=True, width=120),
    )
