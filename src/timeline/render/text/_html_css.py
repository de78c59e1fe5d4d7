"""The stylesheet of the HTML chronology: light and dark colours, phone and print layouts.

It uses logical properties (``margin-inline-start``) so a right-to-left page mirrors by
itself, and system fonts only, so the page makes no request.
"""

from __future__ import annotations

__all__ = ["CHANGES_CSS", "CSP", "CSS"]

#: The page may load nothing at all and run no script; inline styles only.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)

CSS = """\
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#595959;--rule:#dcdcdc;\
--link:#0b57a4;--mark:#fff4c2;--claimed:#8a4b00;--disputed:#b3261e;--confirmed:#1b6e2d}
@media (prefers-color-scheme:dark){:root{--bg:#15171a;--fg:#e9e7e4;--muted:#aaa69f;\
--rule:#393d42;--link:#93bbf5;--mark:#3d3520;--claimed:#f2b45c;--disputed:#f49a92;\
--confirmed:#86cf98}}
*,::before,::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;padding:0 1rem 3rem;background:var(--bg);color:var(--fg);\
font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Naskh Arabic",\
Tahoma,sans-serif;overflow-wrap:break-word}
:lang(ar) body,body:lang(ar){font-size:1.0625rem;line-height:1.75}
header,main,footer,nav{max-width:46rem;margin-inline:auto}
header{padding-block:2rem 0.5rem}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .4rem}
.subtitle{font-size:1.1rem;margin:0 0 .6rem;color:var(--muted)}
.status{margin:0;font-size:.9rem;color:var(--muted)}
a{color:var(--link)}
figure.chart{max-width:72rem;margin:1.5rem auto;overflow-x:auto}
figure.chart svg{display:block;width:100%;min-width:36rem;height:auto;margin-inline:auto}
nav.contents{font-size:.9rem;margin-block:1rem}
nav.contents h2{font-size:.8rem;letter-spacing:.04em;margin:0 0 .3rem;color:var(--muted)}
nav.contents ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
h2{font-size:1.45rem;line-height:1.25;margin:2.6rem 0 .4rem}
h3{font-size:1.2rem;margin:2rem 0 .2rem}
h4{font-size:1rem;margin:1.6rem 0 .2rem;color:var(--muted)}
h2 .span,h3 .span{display:block;font-size:.9rem;font-weight:400;color:var(--muted)}
ol.events{list-style:none;margin:0;padding:0}
.event{display:grid;grid-template-columns:minmax(0,10.5rem) minmax(0,1fr);gap:.1rem 1.25rem;\
padding:.8rem 0;border-top:1px solid var(--rule)}
.event:target{background:var(--mark)}
.when{font-size:.92rem;color:var(--muted);font-variant-numeric:tabular-nums}
.when a{color:inherit;text-decoration:none}
.when a:hover,.when a:focus{text-decoration:underline}
.event p{margin:0}
.event p+p{margin-top:.35rem}
.title{font-weight:600}
.milestone .title{font-weight:800}
.milestone .when{color:var(--fg);font-weight:600}
.certainty{display:inline-block;font-size:.75rem;font-weight:600;line-height:1.4;\
padding:0 .45em;border:1px solid currentColor;border-radius:.6em;margin-inline-start:.35em;\
white-space:nowrap;vertical-align:.1em}
.claimed .certainty{color:var(--claimed)}
.disputed .certainty{color:var(--disputed)}
.confirmed .certainty{color:var(--confirmed)}
.claimed .what,.disputed .what{border-inline-start:3px dashed var(--rule);\
padding-inline-start:.7rem}
.cites{font-size:.75em;line-height:0;white-space:nowrap}
.cites a{text-decoration:none}
.meta{font-size:.9rem;color:var(--muted)}
.swatch{display:inline-block;width:.7em;height:.7em;border-radius:50%;\
margin-inline-end:.3em;border:1px solid var(--rule)}
.empty{font-style:italic;color:var(--muted)}
footer{margin-top:2.5rem;border-top:1px solid var(--rule)}
ol.sources{padding-inline-start:2rem;font-size:.92rem}
ol.sources li{margin-block:.45rem}
ol.sources li:target{background:var(--mark)}
ol.sources .url{overflow-wrap:anywhere;font-size:.85rem}
@media (max-width:40rem){
body{padding-inline:.85rem}
h1{font-size:1.55rem}
.event{grid-template-columns:minmax(0,1fr)}
.when{font-size:.88rem}
}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#333;--rule:#aaa;--link:#000;--mark:transparent;\
--claimed:#000;--disputed:#000;--confirmed:#000}
body{font-size:10pt;padding:0}
header,main,footer{max-width:none}
nav.contents{display:none}
figure.chart{overflow:visible;break-inside:avoid}
figure.chart svg{min-width:0}
.event{break-inside:avoid;grid-template-columns:9rem minmax(0,1fr)}
h2,h3,h4{break-after:avoid}
a{text-decoration:none}
}
"""

#: Added to :data:`CSS` on a page that shows what changed since an earlier version.
CHANGES_CSS = """\
section.changes{max-width:46rem;margin:1.5rem auto;font-size:.95rem}
section.changes h2{font-size:1.2rem;margin:0 0 .4rem}
section.changes ul{margin:0;padding-inline-start:1.2rem}
.change{display:inline-block;font-size:.75rem;font-weight:600;line-height:1.4;\
padding:0 .45em;border-radius:.6em;background:var(--mark);margin-inline-end:.35em;\
white-space:nowrap;vertical-align:.1em}
"""
