"""The HTML page's script: filters, search, keyboard moves and the state in the address.

The page is complete without it (every event listed, the chart's labels linked to their
entries); the script adds what needs one. It is inline, allowed by the page's
Content-Security-Policy through its hash, uses no ``eval`` and makes no request.

- Filters (lane, certainty, tag, importance) and a search over titles, summaries and places
  hide the entries that do not match, with the headings left empty; the chart dims them;
  a count says how many are shown. Work on a large list is done in slices between which
  the browser keeps answering, and the search waits for a pause in the typing.
- The state goes into the address (``?q=...&lane=...``), so a filtered view can be shared;
  ``#event-id`` still opens on that event.
- Arrow keys move between events, in the chart and in the list (Home and End go to the
  first and last); each is one stop for the Tab key. Following a chart label focuses its
  entry; an entry's "in the chart" link focuses its label.
"""

from __future__ import annotations

__all__ = ["SCRIPT"]

SCRIPT = r"""(() => {
"use strict";
const d = document, form = d.getElementById("_f"), raw = d.getElementById("_d");
if (!form || !raw) return;
const data = JSON.parse(raw.textContent), lang = d.documentElement.lang || "en";
const list = d.getElementById("_list"), items = Array.from(list.querySelectorAll("li"));
const n = items.length, codes = data.codes, width = data.width;
if (codes.length !== n * width) return;
// Each entry's profile, [certainty, importance, lane, [tags]], numbered in base 90 with the
// printable characters from "#" to "~" but "<" and the backslash, in fixed-width codes.
const DIGIT = new Map();
for (let c = 35; c < 127; c++) {
  if (c !== 60 && c !== 92) DIGIT.set(String.fromCharCode(c), DIGIT.size);
}
const profiles = data.profiles, profile = new Uint32Array(n), vis = new Uint8Array(n).fill(1);
for (let i = 0, at = 0; i < n; i++) {
  let number = 0;
  for (let k = 0; k < width; k++) number = number * DIGIT.size + DIGIT.get(codes[at++]);
  profile[i] = number;
}
const CERTS = ["reported", "confirmed", "claimed", "disputed"];
const st = { lanes: null, certs: null, tag: -1, imp: 1, q: "" };
const field = (name) => form.elements.namedItem(name);
const boxes = (name) => Array.from(form.querySelectorAll(`input[name="${name}"]`));
const turkish = /^(tr|az)\b/.test(lang);
const fold = (s) => {
  if (/[^\x00-\x7f]/.test(s)) s = s.normalize("NFD").replace(/\p{M}+/gu, "");
  return turkish ? s.toLocaleLowerCase(lang) : s.toLowerCase();
};

// The list's sections: each heading and each list, with the entries a list holds.
const blocks = [];
{
  let at = 0;
  for (const el of list.children) {
    const level = /^H([2-6])$/.exec(el.tagName);
    if (level) blocks.push({ el, level: +level[1], from: 0, to: 0 });
    else if (el.tagName === "OL") {
      const k = el.children.length;
      blocks.push({ el, level: 0, from: at, to: at + k });
      at += k;
    }
  }
}

// What a search looks in: an entry's title (its own text), summary and place, folded
// (lower case, without accents). Read once, in slices between which the browser stays
// free: when the page has settled, or at the first search if that comes sooner.
function entryText(li, i) {
  let s = "";
  for (let node = li.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) s += node.data;
    else if (node.tagName === "P") {
      let t = node.textContent;
      const meta = !node.nextElementSibling && !node.classList.contains("s");
      if (meta) {
        const label = data.labels[profiles[profile[i]][2]] || "";
        if (label && t === label) t = "";
        else if (label && t.endsWith(data.sep + label)) t = t.slice(0, -(data.sep + label).length);
      }
      s += " " + t;
    }
  }
  return fold(s);
}
const SLICE = 2000;
const pause = () => new Promise((r) => setTimeout(r, 0));
let texts = null, reading = null;
function readTexts() {
  reading = reading || (async () => {
    const built = new Array(n);
    for (let i = 0; i < n; i++) {
      built[i] = entryText(items[i], i);
      if (i % SLICE === SLICE - 1) await pause();
    }
    texts = built;
  })();
  return reading;
}

const laneId = (value) => (value === "_" ? "" : value);
function read() {
  const lanes = boxes("lane"), certs = boxes("cert");
  st.lanes = lanes.every((b) => b.checked) ? null
    : new Set(lanes.filter((b) => b.checked).map((b) => data.lanes.indexOf(laneId(b.value))));
  st.certs = certs.every((b) => b.checked) ? null
    : new Set(certs.filter((b) => b.checked).map((b) => CERTS.indexOf(b.value)));
  const tag = field("tag"), importance = field("imp"), q = field("q");
  st.tag = tag && tag.value ? data.tags.indexOf(tag.value) : -1;
  st.imp = importance ? +importance.value || 1 : 1;
  st.q = q ? q.value.trim() : "";
}

function matches(i, words) {
  const [c, importance, lane, tags] = profiles[profile[i]];
  if (st.lanes && !st.lanes.has(lane)) return false;
  if (st.certs && !st.certs.has(c)) return false;
  if (importance < st.imp) return false;
  if (st.tag >= 0 && !tags.includes(st.tag)) return false;
  if (words.length) {
    const t = texts[i];
    for (const w of words) if (!t.includes(w)) return false;
  }
  return true;
}

// Matching is quick even for 100,000 entries. Showing and hiding is the browser's work
// (the stylesheet lets it skip the lists off screen): the changes go in batches, a frame
// drawn after each, so a large list never holds the page still for long.
const BATCH = 4000;
const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
let run = 0, shownCount = n;
async function apply() {
  const mine = ++run;
  const words = st.q ? fold(st.q).split(/\s+/).filter(Boolean) : [];
  if (words.length && !texts) {
    await readTexts();
    if (mine !== run) return;
  }
  const want = new Uint8Array(n);
  let shown = 0;
  for (let i = 0; i < n; i++) shown += want[i] = matches(i, words) ? 1 : 0;
  for (let i = 0, changed = 0; i < n; i++) {
    if (want[i] === vis[i]) continue;
    vis[i] = want[i];
    items[i].hidden = !want[i];
    if (++changed % BATCH === 0) {
      await frame();
      if (mine !== run) return;
    }
  }
  shownCount = shown;
  sections();
  dim();
  count();
  save();
  if (current && current.hidden) roving(first(0, 1));
}

function sections() {
  const seen = [false, false, false, false, false, false, false];
  for (let b = blocks.length - 1; b >= 0; b--) {
    const block = blocks[b];
    if (!block.level) {
      let any = false;
      for (let i = block.from; i < block.to && !any; i++) any = vis[i] === 1;
      block.el.hidden = !any;
      if (any) seen.fill(true);
    } else {
      block.el.hidden = !seen[block.level];
      for (let k = block.level; k < seen.length; k++) seen[k] = false;
    }
  }
}

// The chart: every link to an entry, dimmed when the entry is hidden.
const chartLinks = Array.from(d.querySelectorAll(".chart a[href^='#']"));
function dim() {
  for (const a of chartLinks) {
    const li = d.getElementById(a.getAttribute("href").slice(1));
    if (li) a.classList.toggle("dim", li.hidden);
  }
}

const output = d.getElementById("_n");
const plural = new Intl.PluralRules(lang), number = new Intl.NumberFormat(lang);
function count() {
  const form_ = data.shown[plural.select(n)] || data.shown.other;
  output.textContent = form_.replace("{shown}", number.format(shownCount))
    .replace("{n}", number.format(n));
}

function save() {
  const p = new URLSearchParams();
  if (st.q) p.set("q", st.q);
  if (st.lanes) p.set("lane", boxes("lane").filter((b) => b.checked).map((b) => b.value).join(","));
  if (st.certs) p.set("cert", boxes("cert").filter((b) => b.checked).map((b) => b.value).join(","));
  if (st.tag >= 0) p.set("tag", data.tags[st.tag]);
  if (st.imp > 1) p.set("imp", String(st.imp));
  const query = p.toString();
  const url = location.pathname + (query ? "?" + query : "") + location.hash;
  try {
    history.replaceState(history.state, "", url);
  } catch (e) { /* an address that cannot change */ }
}

function restore() {
  const p = new URLSearchParams(location.search);
  const q = field("q");
  if (q && p.has("q")) q.value = p.get("q");
  for (const [name, key] of [["lane", "lane"], ["cert", "cert"]]) {
    if (!p.has(key)) continue;
    const on = new Set(p.get(key).split(","));
    for (const b of boxes(name)) b.checked = on.has(b.value);
  }
  const tag = field("tag");
  if (tag && p.has("tag") && data.tags.includes(p.get("tag"))) tag.value = p.get("tag");
  const importance = field("imp");
  if (importance && /^[123]$/.test(p.get("imp") || "")) importance.value = p.get("imp");
}

// Keyboard: one Tab stop in the list and one in each chart; arrows move between events.
let current = null;
function first(from, step) {
  for (let i = from; i >= 0 && i < n; i += step) if (vis[i]) return items[i];
  return null;
}
function roving(li, focus) {
  if (!li) return;
  if (current && current !== li) current.removeAttribute("tabindex");
  current = li;
  li.tabIndex = 0;
  if (focus) {
    li.focus();
    // The address names the event in focus, ready to be copied.
    try {
      history.replaceState(history.state, "", location.pathname + location.search + "#" + li.id);
    } catch (e) { /* an address that cannot change */ }
  }
}
let positions = null;
function indexOf(li) {
  if (!positions) { positions = new Map(); items.forEach((el, i) => positions.set(el, i)); }
  return positions.get(li);
}
const NEXT = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
list.addEventListener("keydown", (e) => {
  const li = e.target;
  if (li.tagName !== "LI" || e.altKey || e.ctrlKey || e.metaKey) return;
  let to = null;
  const step = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
  if (step) to = first(indexOf(li) + step, step);
  else if (e.key === "Home") to = first(0, 1);
  else if (e.key === "End") to = first(n - 1, -1);
  else if (e.key === "Enter") {
    const back = Array.from(li.querySelectorAll(".ua,.ut,.ud")).find((a) => a.offsetParent);
    if (back) back.click();
    return;
  } else return;
  e.preventDefault();
  if (to) { roving(to, true); to.scrollIntoView({ block: "nearest" }); }
});
list.addEventListener("focusin", (e) => {
  if (e.target.tagName === "LI") roving(e.target, false);
});

for (const svg of d.querySelectorAll(".chart svg")) {
  const links = Array.from(svg.querySelectorAll("a[id]"))
    .filter((a) => !a.hasAttribute("aria-hidden"))
    .map((a) => ({ a, i: indexOf(d.getElementById(a.getAttribute("href").slice(1))) }))
    .filter((x) => x.i !== undefined)
    .sort((x, y) => x.i - y.i)
    .map((x) => x.a);
  links.forEach((a, k) => { a.tabIndex = k ? -1 : 0; });
  svg.addEventListener("keydown", (e) => {
    const at = links.indexOf(e.target);
    if (at < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    let to = -1;
    if (e.key in NEXT) {
      for (let k = at + NEXT[e.key]; k >= 0 && k < links.length; k += NEXT[e.key])
        if (!links[k].classList.contains("dim")) { to = k; break; }
    } else if (e.key === "Home") to = links.findIndex((a) => !a.classList.contains("dim"));
    else if (e.key === "End") to = links.findLastIndex((a) => !a.classList.contains("dim"));
    else return;
    e.preventDefault();
    if (to >= 0) {
      for (const a of links) a.tabIndex = -1;
      links[to].tabIndex = 0;
      links[to].focus();
    }
  });
}

// Following a link between the chart and the list moves the focus with it.
function reveal(li) {
  if (!li.hidden) return;
  const i = indexOf(li);
  vis[i] = 1;
  li.hidden = false;
  shownCount++;
  sections();
  dim();
  count();
}
d.addEventListener("click", (e) => {
  const a = e.target.closest && e.target.closest("a[href^='#']");
  if (!a) return;
  const target = d.getElementById(a.getAttribute("href").slice(1));
  if (!target) return;
  if (target.tagName === "LI" && list.contains(target)) {
    reveal(target);
    setTimeout(() => roving(target, true), 0);
  } else if (a.matches(".ua,.ut,.ud")) {
    setTimeout(() => target.focus(), 0);
  }
});

form.addEventListener("submit", (e) => e.preventDefault());
form.addEventListener("reset", () => setTimeout(() => { read(); apply(); }, 0));
let typing = 0;
form.addEventListener("input", (e) => {
  read();
  clearTimeout(typing);
  if (e.target.name === "q") typing = setTimeout(apply, n > 20000 ? 300 : 150);
  else apply();
});

restore();
read();
const target = location.hash && d.getElementById(decodeURIComponent(location.hash.slice(1)));
form.hidden = false;
if (st.q || st.lanes || st.certs || st.tag >= 0 || st.imp > 1) apply().then(() => {
  if (target && target.tagName === "LI") { reveal(target); target.scrollIntoView(); }
});
else count();
if (window.requestIdleCallback) requestIdleCallback(() => readTexts(), { timeout: 2000 });
roving(target && target.tagName === "LI" ? target : first(0, 1), false);
})();
"""
