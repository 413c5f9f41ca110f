"""The review page: the coding shown against the source text, and corrections made on it.

:func:`review_html` writes one self-contained HTML page (UTF-8, no request to any host:
style and script are inlined, no font or library is loaded) for a coded corpus. For each
document it shows the source text with its line numbers; every measure opens with a card
naming its units, and every unit the coding found is highlighted in the text in the
colour of its role (lead, support, responsible). Unit names the lexicon does not know,
units carried down from merged table cells, lines with a warning, and the document's
flags are marked; a filter shows only the doubtful measures and lines.

On the page the researcher marks a unit wrong, changes its role, adds a missing unit or
marks a measure as not one, with a note; **Export corrections.csv** downloads them (made
in the browser, no server) in the format of :mod:`agencygraph.corrections`, ready for
``agencygraph build --corrections corrections.csv``. A page made from an already
corrected coding (``review --corrections``) carries the earlier corrections and exports
them first, so one file keeps growing.

Every piece of text from the documents (lines, names, titles, notes) is HTML-escaped
before it enters the page.

Examples
--------
>>> import agencygraph as ag
>>> from agencygraph.corpus import bundled_corpus, read_plan
>>> paths = bundled_corpus()
>>> page = review_html(ag.parse_corpus(paths), [read_plan(p) for p in paths])
>>> page.startswith("<!DOCTYPE html>"), "https://" in page
(True, False)
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from agencygraph.corrections import CORRECTION_COLUMNS, ROLES

__all__ = ["DOUBTFUL_FLAGS", "ROLE_COLOURS", "review_html", "write_review"]

#: Highlight colour of each role (light, so the text stays readable).
ROLE_COLOURS: dict[str, str] = {
    "lead": "#fdd49e",
    "support": "#c6dbef",
    "responsible": "#c7e9c0",
}
#: Document flags that make all of a document's measures doubtful. The other flags are
#: shown on the document, and the measures they concern are marked one by one (units
#: jointly responsible, officials named); ``no_assignments`` is a narrative plan's nature.
DOUBTFUL_FLAGS = frozenset({"layout_uncertain", "table_cells_ambiguous", "table_header_inferred"})
_TEXT_START = 20  # characters of a measure's text written to text_start
_TAIL = 30  # at most this many lines after the last measure belong to it

_CSS = """
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC",
  "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; font-size: 14px; color: #222; }
header { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid #ccc;
  padding: 6px 14px; }
header h1 { font-size: 17px; margin: 2px 0; }
header .bar { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; font-size: 13px; }
nav a { margin-right: 10px; }
main { padding: 0 14px 40px 14px; }
.doc h2 { font-size: 16px; margin: 22px 0 4px 0; border-bottom: 2px solid #444; }
.docinfo { font-size: 12px; color: #555; margin-bottom: 6px; }
.flag { display: inline-block; background: #fde0dd; border: 1px solid #c51b8a; color: #7a0177;
  border-radius: 3px; padding: 0 4px; margin-right: 4px; font-size: 12px; }
.block { border-left: 4px solid transparent; margin: 2px 0; }
.block.measure { border-left-color: #bbb; }
.block.doubtful { border-left-color: #d7301f; }
.doubtful-only .block:not(.doubtful) { display: none; }
.card { background: #f6f6f6; border: 1px solid #ddd; border-radius: 4px; margin: 6px 0 2px 6px;
  padding: 4px 8px; font-size: 13px; }
.card.edited { border-color: #2166ac; background: #eef4fb; }
.card.dropped { opacity: .55; text-decoration: line-through; }
.card .mid { font-weight: 600; margin-right: 8px; }
.card .why { color: #b30000; font-size: 12px; margin-left: 6px; }
.units { margin: 4px 0; }
.unit { display: inline-block; border: 1px solid #999; border-radius: 3px; padding: 1px 4px;
  margin: 2px 4px 2px 0; }
.unit.unknown { border: 2px dashed #d7301f; }
.unit.wrong { text-decoration: line-through; opacity: .6; }
.unit.added { border: 2px solid #2166ac; }
.unit .tag { font-size: 11px; color: #555; margin-left: 3px; }
.unit select, .card select, .card input, .card button { font-size: 12px; }
.tools { margin-top: 3px; }
.line { display: flex; font-family: ui-monospace, "Noto Sans Mono CJK SC", monospace;
  font-size: 13px; white-space: pre-wrap; word-break: break-all; }
.line .no { flex: 0 0 4.5em; text-align: right; padding-right: 8px; color: #999;
  user-select: none; }
.line.warn { background: #fff3cd; }
.line .msg { display: block; color: #8a6d3b; font-family: system-ui, sans-serif; font-size: 12px; }
mark { border-radius: 2px; padding: 0 1px; }
mark.unknown { outline: 2px dashed #d7301f; }
mark.mention { background: none; border-bottom: 2px dotted #666; }
.legend span { display: inline-block; padding: 0 5px; border-radius: 2px; margin-right: 4px; }
#csv { width: 100%; height: 8em; font-family: monospace; font-size: 12px; display: none; }
""" + "".join(
    f".role-{role} {{ background: {colour}; }}\n" for role, colour in ROLE_COLOURS.items()
)

# Runs in the page. It only reads the data attributes written here (escaped) and builds
# text nodes, never HTML from strings, so no document text can become markup.
_SCRIPT = """
(function () {
  "use strict";
  var COLUMNS = %(columns)s;
  var ROLES = %(roles)s;
  var prior = JSON.parse(document.getElementById("prior-corrections").textContent);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.appendChild(document.createTextNode(text)); }
    return e;
  }
  function roleSelect(value) {
    var s = el("select", "role");
    ROLES.forEach(function (r) {
      var o = el("option", "", r); o.value = r; if (r === value) { o.selected = true; }
      s.appendChild(o);
    });
    return s;
  }
  function cardOf(node) { return node.closest(".card"); }
  function mark(card) {
    var edited = card.querySelector(".not-measure").checked ||
      card.querySelector(".unit.added") !== null ||
      Array.prototype.some.call(card.querySelectorAll(".unit.coded"), function (u) {
        return u.querySelector(".wrong").checked ||
          u.querySelector(".role").value !== u.dataset.role;
      });
    card.classList.toggle("edited", edited);
    card.classList.toggle("dropped", card.querySelector(".not-measure").checked);
    update();
  }
  function rows() {
    var out = prior.slice();
    document.querySelectorAll(".card").forEach(function (card) {
      var base = { doc_id: card.dataset.doc, measure_id: card.dataset.measure,
                   text_start: card.dataset.textStart, line: "",
                   note: card.querySelector(".note").value.trim() };
      function row(action, unit, role, line) {
        var r = Object.assign({}, base, { action: action, agency_raw: unit, role: role });
        if (line) { r.line = line; }
        out.push(r);
      }
      if (card.querySelector(".not-measure").checked) { row("not_measure", "", ""); return; }
      card.querySelectorAll(".unit.coded").forEach(function (u) {
        if (u.querySelector(".wrong").checked) {
          row("remove", u.dataset.unit, u.dataset.role);
        } else if (u.querySelector(".role").value !== u.dataset.role) {
          row("set_role", u.dataset.unit, u.querySelector(".role").value);
        }
      });
      card.querySelectorAll(".unit.added").forEach(function (u) {
        row("add", u.dataset.unit, u.querySelector(".role").value);
      });
    });
    return out;
  }
  function csvCell(v) {
    v = v === undefined || v === null ? "" : String(v);
    return /[",\\r\\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function csv() {
    var lines = [COLUMNS.join(",")];
    rows().forEach(function (r) {
      lines.push(COLUMNS.map(function (c) { return csvCell(r[c]); }).join(","));
    });
    return lines.join("\\n") + "\\n";
  }
  function update() {
    var n = rows().length - prior.length;
    document.getElementById("n-corrections").textContent = String(n);
    var area = document.getElementById("csv");
    if (area.style.display === "block") { area.value = csv(); }
  }

  document.querySelectorAll(".card").forEach(function (card) {
    card.querySelectorAll(".unit.coded").forEach(function (u) {
      var sel = roleSelect(u.dataset.role);
      var wrong = el("input", "wrong"); wrong.type = "checkbox";
      var label = el("label", "", " wrong"); label.insertBefore(wrong, label.firstChild);
      u.appendChild(document.createTextNode(" ")); u.appendChild(sel); u.appendChild(label);
      sel.addEventListener("change", function () { mark(card); });
      wrong.addEventListener("change", function () {
        u.classList.toggle("wrong", wrong.checked); mark(card);
      });
    });
    var tools = el("div", "tools");
    var notm = el("input", "not-measure"); notm.type = "checkbox";
    var notl = el("label", "", " not a measure"); notl.insertBefore(notm, notl.firstChild);
    var name = el("input", "add-name"); name.placeholder = "missing unit, as written";
    var role = roleSelect("support"); role.className = "add-role";
    var add = el("button", "add", "add unit"); add.type = "button";
    var note = el("input", "note"); note.placeholder = "note"; note.size = 24;
    [notl, document.createTextNode("  "), name, role, add, document.createTextNode("  "), note]
      .forEach(function (n) { tools.appendChild(n); });
    card.appendChild(tools);
    notm.addEventListener("change", function () { mark(card); });
    note.addEventListener("input", update);
    add.addEventListener("click", function () {
      var unit = name.value.replace(/\\s+/g, "");
      if (!unit) { return; }
      var chip = el("span", "unit added role-" + role.value, unit);
      chip.dataset.unit = unit;
      var sel = roleSelect(role.value);
      sel.addEventListener("change", function () {
        chip.className = "unit added role-" + sel.value; mark(card);
      });
      var drop = el("button", "drop", "\\u00d7"); drop.type = "button"; drop.title = "remove";
      drop.addEventListener("click", function () { chip.remove(); mark(card); });
      chip.appendChild(document.createTextNode(" ")); chip.appendChild(sel); chip.appendChild(drop);
      card.querySelector(".units").appendChild(chip);
      name.value = "";
      mark(card);
    });
  });

  document.getElementById("doubtful-only").addEventListener("change", function (e) {
    document.body.classList.toggle("doubtful-only", e.target.checked);
  });
  document.getElementById("show-csv").addEventListener("click", function () {
    var area = document.getElementById("csv");
    area.style.display = area.style.display === "block" ? "none" : "block";
    area.value = csv();
  });
  document.getElementById("export").addEventListener("click", function () {
    // A byte-order mark lets spreadsheet programs read the UTF-8 file as UTF-8.
    var blob = new Blob(["\\ufeff" + csv()], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "corrections.csv";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });
  window.agencygraphReview = { rows: rows, csv: csv };
  update();
})();
"""


def _esc(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def _unit_pattern(unit: str) -> re.Pattern:
    """The unit as written, allowing the whitespace agency_raw had removed."""
    return re.compile(r"\s*".join(re.escape(ch) for ch in unit))


def _highlight(line: str, marks: Sequence[tuple[str, str]]) -> str:
    """The line escaped, each (name, class) found in it wrapped in a <mark>."""
    spans: list[tuple[int, int, str, str]] = []
    for name, cls in sorted(set(marks), key=lambda m: (-len(m[0]), m)):
        if not name:
            continue
        for found in _unit_pattern(name).finditer(line):
            start, end = found.span()
            if all(end <= s or start >= e for s, e, _, _ in spans):
                spans.append((start, end, name, cls))
    out, at = [], 0
    for start, end, name, cls in sorted(spans):
        out.append(_esc(line[at:start]))
        out.append(f'<mark class="{cls}" title="{_esc(name)}">{_esc(line[start:end])}</mark>')
        at = end
    out.append(_esc(line[at:]))
    return "".join(out)


def _ranges(measures: pd.DataFrame, assignments: pd.DataFrame, n_lines: int) -> list[tuple]:
    """(first line, last line, measure rows starting there) of each measure block."""
    starts: dict[int, list] = {}
    for row in measures.itertuples():
        starts.setdefault(int(row.line), []).append(row)
    order = sorted(starts)
    blocks = []
    for i, start in enumerate(order):
        if i + 1 < len(order):
            end = order[i + 1] - 1
        else:
            ids = {r.measure_id for r in starts[start]}
            own = assignments[assignments.measure_id.isin(ids)].line
            end = max([start, *own.astype(int)])
            # Then the rest of the paragraph: up to the first blank line.
            end = min(end + _TAIL, n_lines)
        blocks.append((start, max(start, end), starts[start]))
    return blocks


def _last_line(lines: list[str], start: int, end: int, known_end: int) -> int:
    """The tail of the last block stops at its first blank line after ``known_end``."""
    for number in range(known_end + 1, end + 1):
        if not lines[number - 1].strip():
            return number - 1
    return end


def _doubts(
    units: pd.DataFrame,
    officials: pd.DataFrame,
    warned: dict[int, list[str]],
    first: int,
    last: int,
    doc_flags,
) -> list[str]:
    reasons = []
    if doc_flags:
        reasons.append("document flagged: " + ", ".join(sorted(doc_flags)))
    if units.empty:
        reasons.append("no unit coded")
    else:
        if not set(units.role) & {"lead", "responsible"}:
            reasons.append("no lead")
        if "responsible" in set(units.role):
            reasons.append("units jointly responsible, no lead stated")
        unknown = units[units.agency_type.fillna("") == ""].agency_raw.tolist()
        if unknown:
            reasons.append("unit not in the lexicon: " + "、".join(dict.fromkeys(unknown)))
        if units.inherited.astype(bool).any():
            reasons.append("units carried down from a merged cell")
    if len(officials):
        names = (officials.name.fillna("") + officials.title.fillna("")).tolist()
        reasons.append("officials named: " + "、".join(dict.fromkeys(names)))
    if any(first <= n <= last for n in warned):
        reasons.append("warning on a line")
    return reasons


def _card(measure, units: pd.DataFrame, reasons: list[str], doc_id: str) -> str:
    text = str(measure.text)
    chips = []
    for unit in units.itertuples():
        classes = ["unit", "coded", f"role-{unit.role}"]
        tags = []
        if not str(unit.agency_type or ""):
            classes.append("unknown")
            tags.append("not in lexicon")
        if bool(unit.inherited):
            tags.append("carried down")
        if getattr(unit, "coded_by", "parser") == "corrected":
            tags.append("corrected")
        tag = f'<span class="tag">{_esc(", ".join(tags))}</span>' if tags else ""
        chips.append(
            f'<span class="{" ".join(classes)}" data-unit="{_esc(unit.agency_raw)}" '
            f'data-role="{_esc(unit.role)}" title="line {int(unit.line)}">'
            f'<span class="name">{_esc(unit.agency_raw)}</span>{tag}</span>'
        )
    title = " · ".join(
        str(v)
        for v in (measure.section_title, measure.task_title)
        if str(v or "") and str(v) != "nan"
    )
    why = f'<span class="why">{_esc("; ".join(reasons))}</span>' if reasons else ""
    return (
        f'<div class="card" id="{_esc(measure.measure_id)}" data-doc="{_esc(doc_id)}" '
        f'data-measure="{_esc(measure.measure_id)}" '
        f'data-text-start="{_esc(_squash_start(text))}">'
        f'<span class="mid">{_esc(measure.measure_id)}</span>'
        f'<span class="title">{_esc(title)}</span>{why}'
        f'<div class="units">{"".join(chips)}</div></div>'
    )


def _squash_start(text: str) -> str:
    return re.sub(r"\s+", "", text)[:_TEXT_START]


def _document(doc, text: str, coded) -> str:
    doc_id = doc.doc_id
    lines = text.split("\n")
    measures = coded.measures[coded.measures.doc_id == doc_id]
    assignments = coded.assignments[coded.assignments.doc_id == doc_id]
    mentions = coded.mentions[coded.mentions.doc_id == doc_id]
    officials = getattr(coded, "officials", None)
    if officials is None or "measure_id" not in officials:
        officials = pd.DataFrame(columns=["doc_id", "measure_id", "name", "title"])
    officials = officials[officials.doc_id == doc_id]
    warnings = coded.warnings[coded.warnings.doc_id == doc_id] if len(coded.warnings) else None
    warned: dict[int, list[str]] = {}
    if warnings is not None:
        for row in warnings.itertuples():
            warned.setdefault(int(row.line), []).append(str(row.message))
    flags = set(filter(None, str(doc.flags or "").split(";")))

    marks: dict[int, list[tuple[str, str]]] = {}
    for unit in assignments.itertuples():
        cls = f"role-{unit.role}" + ("" if str(unit.agency_type or "") else " unknown")
        marks.setdefault(int(unit.line), []).append((str(unit.agency_raw), cls))
    for mention in mentions.itertuples():
        cls = "mention" + ("" if str(mention.agency_type or "") else " unknown")
        marks.setdefault(int(mention.line), []).append((str(mention.agency_raw), cls))

    def line_html(number: int) -> str:
        raw = lines[number - 1] if number <= len(lines) else ""
        messages = warned.get(number, [])
        msg = "".join(f'<span class="msg">⚠ {_esc(m)}</span>' for m in messages)
        cls = "line warn" if messages else "line"
        body = _highlight(raw, marks.get(number, []))
        return (
            f'<div class="{cls}" id="{_esc(doc_id)}-L{number}"><span class="no">{number}</span>'
            f'<span class="tx">{body}{msg}</span></div>'
        )

    def other(first: int, last: int) -> str:
        if last < first:
            return ""
        doubtful = any(first <= n <= last for n in warned)
        body = "".join(line_html(n) for n in range(first, last + 1))
        return f'<div class="block other{" doubtful" if doubtful else ""}">{body}</div>'

    parts = []
    blocks = _ranges(measures, assignments, len(lines))
    doc_doubt = flags & DOUBTFUL_FLAGS
    at = 1
    for i, (first, last, starting) in enumerate(blocks):
        if i == len(blocks) - 1:
            ids = {r.measure_id for r in starting}
            own = assignments[assignments.measure_id.isin(ids)].line
            last = _last_line(lines, first, last, max([first, *own.astype(int)]))
        parts.append(other(at, first - 1))
        cards, doubtful = [], False
        for measure in starting:
            units = assignments[assignments.measure_id == measure.measure_id]
            named = officials[officials.measure_id == measure.measure_id]
            reasons = _doubts(units, named, warned, first, last, doc_doubt)
            if doc.layout == "narrative":
                reasons = [r for r in reasons if r not in ("no unit coded",)]
            doubtful = doubtful or bool(reasons)
            cards.append(_card(measure, units, reasons, doc_id))
        body = "".join(line_html(n) for n in range(first, last + 1))
        cls = "block measure" + (" doubtful" if doubtful else "")
        parts.append(f'<div class="{cls}">{"".join(cards)}{body}</div>')
        at = last + 1
    parts.append(other(at, len(lines)))

    flag_html = "".join(f'<span class="flag">{_esc(f)}</span>' for f in sorted(flags))
    info = (
        f"{_esc(doc.source_file)} · {_esc(doc.layout)} layout (confidence "
        f"{float(doc.layout_confidence):.2f}) · {int(doc.n_measures)} measures · "
        f"{int(doc.n_assignments)} assignments · {len(warned)} line(s) with a warning"
    )
    return (
        f'<section class="doc" id="doc-{_esc(doc_id)}">'
        f"<h2>{_esc(doc_id)} — {_esc(doc.title)}</h2>"
        f'<div class="docinfo">{info} {flag_html}</div>{"".join(parts)}</section>'
    )


def review_html(
    coded,
    texts: Sequence[str],
    *,
    title: str = "agencygraph review",
    prior_corrections: pd.DataFrame | None = None,
) -> str:
    """The review page of a coded corpus, as one self-contained HTML string.

    Parameters
    ----------
    coded
        A :class:`~agencygraph.CodedCorpus` (from :func:`agencygraph.parse_corpus`).
    texts
        Each document's text as the parser read it (:func:`agencygraph.read_plan`), in
        the order of ``coded.documents``; line numbers are those of the tables.
    title
        The page's title.
    prior_corrections
        Corrections already applied to ``coded`` (its ``corrections`` log); the applied
        ones are exported before the new ones.

    Returns
    -------
    str
        The page (write it as UTF-8).
    """
    if len(texts) != len(coded.documents):
        raise ValueError(f"{len(texts)} texts for {len(coded.documents)} documents")
    prior = []
    if prior_corrections is not None and len(prior_corrections):
        applied = prior_corrections
        if "status" in applied:
            applied = applied[applied.status == "applied"]
        prior = [
            {c: ("" if v is None or v != v else str(v)) for c, v in row.items()}
            for row in applied[CORRECTION_COLUMNS].to_dict("records")
        ]
    # JSON inside <script>: "<" escaped so no text can close the element.
    prior_json = json.dumps(prior, ensure_ascii=False).replace("<", "\\u003c")
    documents = "".join(
        _document(doc, text, coded)
        for doc, text in zip(coded.documents.itertuples(), texts, strict=True)
    )
    nav = " ".join(f'<a href="#doc-{_esc(d)}">{_esc(d)}</a>' for d in coded.documents.doc_id)
    legend = (
        "".join(f'<span class="role-{role}">{role}</span>' for role in ROLES)
        + '<span style="outline:2px dashed #d7301f">not in lexicon</span>'
    )
    legend += '<span style="background:#fff3cd">warning</span>'
    script = _SCRIPT % {
        "columns": json.dumps(CORRECTION_COLUMNS),
        "roles": json.dumps(list(ROLES)),
    }
    n_prior = f" (and {len(prior)} earlier, exported too)" if prior else ""
    return f"""<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)}</title>
<style>{_CSS}</style></head>
<body>
<header><h1>{_esc(title)}</h1>
<div class="bar"><span class="legend">{legend}</span>
<label><input type="checkbox" id="doubtful-only"> only what is doubtful</label>
<span><span id="n-corrections">0</span> correction(s){_esc(n_prior)}</span>
<button type="button" id="export">Export corrections.csv</button>
<button type="button" id="show-csv">show CSV</button></div>
<nav>{nav}</nav>
<textarea id="csv" readonly></textarea></header>
<main>{documents}</main>
<script type="application/json" id="prior-corrections">{prior_json}</script>
<script>{script}</script>
</body></html>
"""


def write_review(
    coded,
    texts: Sequence[str],
    out: str | Path,
    *,
    prior_corrections: pd.DataFrame | None = None,
) -> Path:
    """Write :func:`review_html` as ``review.html`` in folder ``out`` (atomically)."""
    from agencygraph.export import atomic_batch

    out = Path(out)
    page = review_html(coded, texts, prior_corrections=prior_corrections)
    with atomic_batch(out) as put:
        put("review.html", page.encode("utf-8"))
    return out / "review.html"


def source_texts(paths: Iterable[str | Path]) -> list[str]:
    """The text of each plan file as the parser reads it."""
    from agencygraph.corpus import read_plan

    return [read_plan(p) for p in paths]
