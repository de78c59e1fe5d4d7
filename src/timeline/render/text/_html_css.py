"""The stylesheet of the HTML chronology: light and dark colours, phone and print layouts.

It uses logical properties (``margin-inline-start``) so a right-to-left page mirrors by
itself, and system fonts only, so the page makes no request. :func:`stylesheet` adds what
depends on the page: which chart shows at which width (so chart text is never smaller than
:data:`MIN_TEXT_PX`), the charts' colours in both schemes and the lanes' colours.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

__all__ = ["CHANGES_CSS", "CSS", "MIN_TEXT_PX", "ChartFit", "csp", "sha256", "stylesheet"]

#: The smallest chart text a reader gets, in CSS pixels, at any width.
MIN_TEXT_PX = 11.0
#: The page's side padding (both sides) plus room for a scroll bar, in CSS pixels.
_SIDES = 32 + 20

CSS = """\
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#595959;--rule:#dcdcdc;\
--link:#0b57a4;--mark:#fff4c2;--claimed:#8a4b00;--disputed:#b3261e;--confirmed:#1b6e2d}
@media screen and (prefers-color-scheme:dark){:root{--bg:#15171a;--fg:#e9e7e4;\
--muted:#aaa69f;--rule:#393d42;--link:#93bbf5;--mark:#3d3520;--claimed:#f2b45c;\
--disputed:#f49a92;--confirmed:#86cf98}}
*,::before,::after{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;padding:0 1rem 3rem;background:var(--bg);color:var(--fg);\
font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Naskh Arabic",\
Tahoma,sans-serif;overflow-wrap:break-word}
:lang(ar) body,body:lang(ar){font-size:1.0625rem;line-height:1.75}
header,#_list,footer,nav,form{max-width:46rem;margin-inline:auto}
header{padding-block:2rem .5rem}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .4rem}
.subtitle{font-size:1.1rem;margin:0 0 .6rem;color:var(--muted)}
.status{margin:0;font-size:.9rem;color:var(--muted)}
a{color:var(--link)}
:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;inset-inline-start:1rem;top:-4rem;padding:.4rem .8rem;\
background:var(--bg);border:2px solid var(--link);z-index:1}
.skip:focus{top:.5rem}
form{margin-block:1rem;display:grid;gap:.5rem;font-size:.95rem}
form label[for=_q]{font-weight:600}
form input,form select,form button{font:inherit;color:var(--fg);background:var(--bg);\
border:1px solid var(--muted);border-radius:.3rem;padding:.3rem .5rem}
form input[type=search]{display:block;width:100%;margin-top:.2rem}
form input[type=checkbox]{accent-color:var(--link);padding:0}
form p{margin:0}
details{border:1px solid var(--rule);border-radius:.3rem;padding:.3rem .7rem}
summary{cursor:pointer;font-weight:600}
fieldset{border:0;margin:.4rem 0;padding:0;display:flex;flex-wrap:wrap;gap:.1rem 1rem}
legend{font-weight:600;padding:0;margin-bottom:.2rem;width:100%}
details p{margin:.4rem 0}
output{color:var(--muted);font-size:.9rem}
figure.chart{margin:1.5rem auto;overflow-x:auto;overflow-y:hidden}
.chart svg{display:block;width:100%;height:auto;margin-inline:auto}
.chart svg *{stroke-linejoin:round;stroke-linecap:butt}
.chart a:hover text,.chart a:focus text,.chart a:target text{text-decoration:underline}
.chart a:focus-visible{outline:2px solid var(--link);outline-offset:1px}
.chart a:target{outline:2px dashed var(--link)}
.chart .dim{opacity:.22}
figcaption{max-width:46rem;margin:.6rem auto 0;font-size:.85rem;color:var(--muted)}
figcaption p{margin:0}
nav.contents{font-size:.9rem;margin-block:1rem}
nav.contents h2{font-size:.8rem;letter-spacing:.04em;margin:0 0 .3rem;color:var(--muted)}
nav.contents ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
h2{font-size:1.45rem;line-height:1.25;margin:2.6rem 0 .4rem}
h3{font-size:1.2rem;margin:2rem 0 .2rem}
h4{font-size:1rem;margin:1.6rem 0 .2rem;color:var(--muted)}
h2 .span,h3 .span{display:block;font-size:.9rem;font-weight:400;color:var(--muted)}
#_list ol{list-style:none;margin:0;padding:0;content-visibility:auto}
#_list li{display:flow-root;position:relative;padding-block:.8rem;\
padding-inline:12rem .5rem;border-top:1px solid var(--rule);font-weight:600;\
unicode-bidi:plaintext;content-visibility:auto;contain-intrinsic-size:auto 6rem}
#_list li>:first-child{float:inline-start;width:10.5rem;margin-inline-start:-11.5rem;\
font-size:.92rem;font-weight:400;color:var(--muted);font-variant-numeric:tabular-nums;\
unicode-bidi:isolate}
#_list li::before{content:"";position:absolute;inset-block:.8rem;inset-inline-start:0;\
width:.25rem;border-radius:.15rem;background:var(--lane,transparent)}
#_list li:target{background:var(--mark)}
#_list li:focus-visible{outline-offset:-3px}
#_list li>p{margin:.35rem 0 0;font-weight:400;unicode-bidi:plaintext}
#_list li>p:last-child:not(.s){font-size:.9rem;color:var(--muted)}
#_list li>i{display:inline-block;font-style:normal;font-size:.75rem;font-weight:600;\
line-height:1.4;padding:0 .45em;border:1px solid currentColor;border-radius:.6em;\
margin-inline-start:.4em;white-space:nowrap;vertical-align:.1em;color:var(--muted)}
#_list li>a[href^="#_s"]{font-size:.75em;font-weight:400;vertical-align:super;\
line-height:0;margin-inline-start:.2em}
#_list li>a[href^="#_s"]+a[href^="#_s"]{margin-inline-start:0}
#_list li>a[href^="#_s"]+a[href^="#_s"]::before{content:"," / ""}
.ua,.ut,.ud{font-size:.8rem;font-weight:400;margin-inline-start:.6em;white-space:nowrap}
.ua::before,.ut::before,.ud::before{content:"↑ " / ""}
#_list .c>i,#_list .mc>i{color:var(--claimed)}
#_list .d>i,#_list .md>i{color:var(--disputed)}
#_list .f>i,#_list .mf>i{color:var(--confirmed)}
#_list :is(.c,.d,.mc,.md){padding-inline-start:12.7rem}
#_list :is(.c,.d,.mc,.md)>:first-child{margin-inline-start:-12.2rem}
#_list :is(.c,.d,.mc,.md)::after{content:"";position:absolute;inset-block:.8rem;\
inset-inline-start:11.5rem;border-inline-start:3px dashed var(--rule)}
#_list :is(.m,.mc,.md,.mf){font-weight:800}
#_list :is(.m,.mc,.md,.mf)>:first-child{color:var(--fg);font-weight:600}
.empty{font-style:italic;color:var(--muted)}
footer{margin-top:2.5rem;border-top:1px solid var(--rule)}
ol.sources{padding-inline-start:2rem;font-size:.92rem}
ol.sources li{margin-block:.45rem}
ol.sources li:target{background:var(--mark)}
ol.sources .url{overflow-wrap:anywhere;font-size:.85rem}
@media (max-width:40rem){
body{padding-inline:.85rem}
h1{font-size:1.55rem}
#_list li,#_list :is(.c,.d,.mc,.md){padding-inline-start:.75rem}
#_list li>:first-child,#_list :is(.c,.d,.mc,.md)>:first-child{float:none;display:block;\
width:auto;margin:0;font-size:.88rem}
#_list :is(.c,.d,.mc,.md)::after{display:none}
}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#333;--rule:#aaa;--link:#000;--mark:transparent;\
--claimed:#000;--disputed:#000;--confirmed:#000}
body{font-size:10pt;padding:0}
header,#_list,footer{max-width:none}
.skip,form,nav.contents,figcaption,.ua,.ut,.ud{display:none!important}
.cover{display:grid;grid-template-rows:auto minmax(0,1fr);height:100vh;break-after:page}
.cover figure.chart{margin:0;min-height:0;max-width:none;overflow:visible}
.cover .chart svg{display:none!important}
.cover .chart svg.ac{display:block!important;width:100%;height:100%;min-width:0;\
max-width:none}
#_list ol{content-visibility:visible}
#_list li{break-inside:avoid;content-visibility:visible;padding-inline-start:9.5rem}
#_list li>:first-child{width:8.5rem;margin-inline-start:-9.5rem}
#_list :is(.c,.d,.mc,.md)::after{display:none}
h2,h3,h4{break-after:avoid}
a{text-decoration:none}
}
"""


#: Added to the stylesheet of a page that shows what changed since an earlier version.
CHANGES_CSS = """\
section.changes{max-width:46rem;margin:1.5rem auto;font-size:.95rem}
section.changes h2{font-size:1.2rem;margin:0 0 .4rem}
section.changes ul{margin:0;padding-inline-start:1.2rem}
.change{display:inline-block;font-size:.75rem;font-weight:600;line-height:1.4;\
padding:0 .45em;border-radius:.6em;background:var(--mark);margin-inline-end:.35em;\
white-space:nowrap;vertical-align:.1em}
"""


@dataclass(frozen=True, slots=True)
class ChartFit:
    """How wide each chart must be drawn for its smallest text to be ``MIN_TEXT_PX``."""

    #: The across chart's width at that scale, in CSS pixels.
    across: int
    #: The phone's down chart's, when the page has one.
    down: int | None
    #: The down chart's at the column's width, for tablets, when the page has one.
    tablet: int | None = None


def list_sizes() -> str:
    """Room for a list of entries before it is drawn (lists off screen are not): class
    ``hN`` marks a list of 2**(N-1) to 2**N - 1 entries (``html.LIST_MAX`` at most)."""
    rules = []
    for n in range(1, 10):
        entries = (2 ** (n - 1) + 2**n - 1) / 2
        rules.append(f"#_list .h{n}{{contain-intrinsic-size:auto {entries * 6:g}rem}}")
    return "".join(rules) + "\n"


def _px(value: float) -> int:
    return int(value + 0.999)


def fit(width: float, smallest_type: float) -> int:
    """The width, in CSS pixels, at which a chart ``width`` units wide shows its smallest
    type (``smallest_type`` units) at :data:`MIN_TEXT_PX`."""
    return _px(width * MIN_TEXT_PX / smallest_type) if smallest_type > 0 else _px(width)


def breakpoint_px(charts: ChartFit) -> int:
    """The narrowest window that shows the across chart (when there is a down chart)."""
    return charts.across + _SIDES


def tablet_px(charts: ChartFit) -> int | None:
    """The narrowest window that shows the column's down chart, or None when the page
    does not show it (it has none, or it needs no less room than the across chart)."""
    if charts.tablet is None or charts.down is None:
        return None
    if not charts.down < charts.tablet < charts.across:
        return None
    return charts.tablet + _SIDES


def stylesheet(
    charts: ChartFit | None, chart_light: str, chart_dark: str, lanes: dict[str, str]
) -> str:
    """The page's stylesheet: :data:`CSS`, then what depends on the page.

    ``chart_light`` and ``chart_dark`` are the charts' class rules in each scheme;
    ``lanes`` maps each lane class to its colour.
    """
    out = [CSS, list_sizes()]
    if lanes:
        out.append("".join(f".{k}{{--lane:{c}}}" for k, c in lanes.items()) + "\n")
    if charts is not None:
        out.append(chart_light + "\n")
        if chart_dark:
            out.append(f"@media screen and (prefers-color-scheme:dark){{{chart_dark}}}\n")
        out.append(_placement(charts))
    return "".join(out)


def _placement(charts: ChartFit) -> str:
    """Which chart shows at which width: the phone's down chart on narrow screens, the
    column's down chart (when the page has it) once it fits, the across chart once it fits,
    each with its smallest text at ``MIN_TEXT_PX``; each never drawn smaller than that (a
    chart that cannot fit scrolls inside its frame, never the page)."""
    across = charts.across
    grow = _px(across * 1.3)
    rules = f".chart .ac{{min-width:{across}px;max-width:{grow}px}}\n"
    if charts.down is None:
        return rules
    down = charts.down
    rules += (
        f".chart .dn{{min-width:{down}px;max-width:{max(down, 448)}px}}\n"
        ".chart .ac,.chart .tb,.ua,.ut{display:none}\n"
    )
    tablet = tablet_px(charts)
    if tablet is not None and charts.tablet is not None:
        rules += (
            f".chart .tb{{min-width:{charts.tablet}px;max-width:{_px(charts.tablet * 1.2)}px}}\n"
            f"@media (min-width:{tablet}px){{.chart .tb{{display:block}}"
            ".ut{display:inline}.chart .dn,.ud{display:none}}\n"
        )
    rules += (
        f"@media (min-width:{breakpoint_px(charts)}px){{.chart .ac{{display:block}}"
        ".ua{display:inline}.chart .dn,.chart .tb,.ud,.ut{display:none}}\n"
    )
    return rules


def sha256(text: str) -> str:
    """A CSP hash source for an inline ``<style>`` or ``<script>`` holding ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def csp(style: str, script: str | None) -> str:
    """A Content-Security-Policy allowing only this stylesheet and this script, by hash."""
    scripts = sha256(script) if script is not None else "'none'"
    return (
        f"default-src 'none'; style-src {sha256(style)}; script-src {scripts}; "
        "base-uri 'none'; form-action 'none'"
    )
