"""Interactive networks as HTML pages that work offline, one language per page.

A page draws the graph as SVG with a small script of this package
(``viz/assets/network.js``, no third-party library, no request to any host):

- positions are computed here, seeded, and free of overlaps
  (:func:`agencygraph.viz.style.pixel_positions`): a plan's two-mode graph in
  two columns (agencies by system, measures in document order), other graphs
  by a force layout whose overlapping nodes are then pushed apart;
- labels keep a constant size on screen and are shown greedily, largest nodes
  first, only where they collide with no other label or node: zooming in
  shows more of them. Measures are labelled by a short title
  (:func:`agencygraph.viz.style.measure_label`), the full text is in the
  tooltip;
- a side panel outside the drawing holds search by name, filters (role,
  system, document, theme: those with two values or more), zoom buttons,
  saving the current view as PNG or SVG, and the legend;
- agency nodes are circles coloured by ``system``; measure nodes grey
  squares; lead edges solid and thicker, support dashed, jointly responsible
  solid and medium; edges carried down from merged table cells
  (``inherited``) are dotted and faint; in the directed lead → support
  network arrows point from the lead unit to the supporting one and width
  grows with the shared measures.

``lang="zh"`` or ``"en"`` sets the language of everything the page says
(title, legend, tooltips, controls); names and measure text stay as the
documents give them when no translation exists. With ``standalone=True``
(default) the script and stylesheet are inlined; with ``standalone=False``
the page loads them from ``_lib/`` beside it (:func:`write_network_assets`),
so a build with many pages carries them once.

Every piece of text from the documents or the graph is HTML-escaped before it
enters the page; the same graph and options give the same bytes.
"""

from __future__ import annotations

import csv
import html
import json
import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx
import numpy as np

from agencygraph import settings
from agencygraph.export import atomic_batch
from agencygraph.viz import style

__all__ = [
    "LIB_DIR",
    "SIZE_BY",
    "NetworkView",
    "Shown",
    "network_assets",
    "network_html",
    "network_view",
    "show",
    "thumbnail_svg",
    "write_gexf",
    "write_network_assets",
    "write_network_html",
    "write_networks_html",
]

#: Built-in node size measures (a node attribute name or a mapping is accepted as well).
SIZE_BY: tuple[str, ...] = ("degree", "closeness", "betweenness")

#: Folder (beside the pages) of the shared script and stylesheet of non-standalone pages.
LIB_DIR: str = "_lib"

_JS_NAME, _CSS_NAME = "agencygraph-network.js", "agencygraph-network.css"
_AGENCY_R, _MEASURE_R = (5.0, 16.0), (3.5, 7.0)  # radius range in pixels
_MAX_TEXT = 400  # characters of measure text in a tooltip; the rest is cut with an ellipsis
_LABEL_MAX = {"zh": 12, "en": 30}  # characters of a node label; the full name is in the tooltip

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "agencies": "agencies",
        "measures": "measures",
        "ties": "ties",
        "directed_ties": "lead → support ties",
        "type": "type",
        "system": "system",
        "place": "place",
        "lead_support": "lead {0} · support {1}",
        "responsible": "jointly responsible {0}",
        "leads": "leads {0} unit(s) on {1} measure(s); supports {2} lead unit(s) on {3}",
        "section": "section",
        "theme": "theme",
        "source": "source: {0}, line {1}",
        "inherited": "inherited from a merged table cell",
        "line": "line {0}",
        "weight": "weight {0}",
        "arc": "{0} leads, {1} supports: {2} measure(s)",
        "search": "Search names and text",
        "matches": "{0} match(es)",
        "role": "Role",
        "system_h": "System",
        "theme_h": "Theme",
        "document": "Document",
        "zoom": "Zoom",
        "fit": "Fit",
        "save": "Save view",
        "legend": "Legend",
        "measure": "Measure",
        "agency": "Agency",
        "unknown_system": "Unknown system",
        "arrow": "Arrow: from the lead unit to the supporting unit; width: shared measures",
        "width_weight": "Width: weight of the tie",
        "size": "Node size: {0}",
        "no_theme": "no theme",
        "labels_hint": "Labels that would overlap are hidden; zoom in to see more.",
        "default_title": "Agency network",
        "default_title_2": "Agencies and measures",
        "inherited_lead": "lead, inherited (merged cell)",
    },
    "zh": {
        "agencies": "个单位",
        "measures": "项任务",
        "ties": "条关系",
        "directed_ties": "条牵头→配合关系",
        "type": "类型",
        "system": "系统",
        "place": "地区",
        "lead_support": "牵头 {0} · 配合 {1}",
        "responsible": "共同负责 {0}",
        "leads": "牵头时与 {0} 个单位合作 {1} 项任务；配合 {2} 个牵头单位 {3} 项任务",
        "section": "章节",
        "theme": "主题",
        "source": "来源：{0}，第 {1} 行",
        "inherited": "继承自合并单元格",
        "line": "第 {0} 行",
        "weight": "权重 {0}",
        "arc": "{0} 牵头，{1} 配合：{2} 项任务",
        "search": "搜索名称或任务内容",
        "matches": "匹配 {0} 个",
        "role": "角色",
        "system_h": "系统",
        "theme_h": "主题",
        "document": "文件",
        "zoom": "缩放",
        "fit": "适应窗口",
        "save": "保存视图",
        "legend": "图例",
        "measure": "任务举措",
        "agency": "单位",
        "unknown_system": "未识别系统",
        "arrow": "箭头：由牵头单位指向配合单位；线宽：共同任务数",
        "width_weight": "线宽：关系权重",
        "size": "节点大小：{0}",
        "no_theme": "无主题",
        "labels_hint": "重叠的标签已隐藏，放大可显示更多。",
        "default_title": "单位网络",
        "default_title_2": "单位与任务网络",
        "inherited_lead": "牵头，继承自合并单元格",
    },
}

_SIZE_NAMES = {
    "en": {
        "degree": "two-mode degree",
        "closeness": "two-mode closeness",
        "betweenness": "two-mode betweenness",
        "degree1": "degree centrality",
        "closeness1": "closeness centrality",
        "betweenness1": "betweenness centrality",
        "given": "given values",
    },
    "zh": {
        "degree": "双模度中心性",
        "closeness": "双模接近中心性",
        "betweenness": "双模中介中心性",
        "degree1": "度中心性",
        "closeness1": "接近中心性",
        "betweenness1": "中介中心性",
        "given": "给定数值",
    },
}


# --------------------------------------------------------------------------- text


def _str(value: object) -> str:
    """Attribute as text; None and NaN (missing CSV cells) become ""."""
    if value is None:
        return ""
    if isinstance(value, float | np.floating) and math.isnan(value):
        return ""
    return str(value)


def _esc(value: object) -> str:
    return html.escape(_str(value), quote=True)


def _json_for_script(payload: object) -> str:
    """JSON that cannot end its ``<script>`` element early, whatever the strings hold."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _fmt(value: float) -> str:
    return f"{value:.3g}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --------------------------------------------------------------------------- graph reading


def _node_order(G: nx.Graph) -> list[Hashable]:
    """Agencies, then measures, each sorted by key: output never follows insertion order."""

    def key(n: Hashable) -> tuple:
        return (_kind(G, n) == "measure", type(n).__name__, str(n))

    return sorted(G.nodes, key=key)


def _kind(G: nx.Graph, n: Hashable) -> str:
    data = G.nodes[n]
    kind = _str(data.get("kind"))
    if kind in ("agency", "measure"):
        return kind
    return "measure" if data.get("bipartite") == 1 else "agency"


def _is_two_mode(G: nx.Graph) -> bool:
    if G.is_directed() or G.is_multigraph() or len(G) == 0:
        return False
    return all(b in (0, 1) for _, b in G.nodes(data="bipartite"))


def _sizes(G: nx.Graph, order: list, size_by, lang: str) -> tuple[dict, str]:
    """Node → value of the size measure, and the measure's name for the legend."""
    names = _SIZE_NAMES[lang]
    if size_by is None:
        return dict.fromkeys(order, 1.0), ""
    if isinstance(size_by, Mapping):
        return {n: float(size_by.get(n, 0.0) or 0.0) for n in order}, names["given"]
    if size_by == "degree":
        if _is_two_mode(G):
            # Two-mode degree (Borgatti & Everett): share of the other side, so both sides compare.
            side = {b: sum(1 for _, x in G.nodes(data="bipartite") if x == b) for b in (0, 1)}
            return {
                n: G.degree(n) / max(side[1 - G.nodes[n]["bipartite"]], 1) for n in order
            }, names["degree"]
        return nx.degree_centrality(G), names["degree1"]
    if size_by in ("closeness", "betweenness"):
        if _is_two_mode(G):
            from agencygraph.metrics import two_mode_centrality

            column = two_mode_centrality(G)[size_by]
            return {n: float(column[n]) for n in order}, names[size_by]
        if size_by == "closeness":
            return nx.closeness_centrality(G), names["closeness1"]
        return nx.betweenness_centrality(G), names["betweenness1"]
    if isinstance(size_by, str):
        values = {}
        for n in order:
            try:
                values[n] = float(G.nodes[n].get(size_by, 0.0) or 0.0)
            except (TypeError, ValueError):
                raise ValueError(f"node attribute {size_by!r} of {n!r} is not a number") from None
        return values, size_by
    raise ValueError(f"size_by must be one of {SIZE_BY}, a node attribute or a mapping")


def _radii(values: dict, order: list, kinds: dict) -> dict:
    finite = [v for v in (values.get(n, 0.0) for n in order) if math.isfinite(v)]
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 0.0)
    out = {}
    for n in order:
        v = values.get(n, 0.0)
        v = v if math.isfinite(v) else lo
        share = (v - lo) / (hi - lo) if hi > lo else 0.35
        low, high = _MEASURE_R if kinds[n] == "measure" else _AGENCY_R
        out[n] = round(low + share * (high - low), 2)
    return out


def _role_counts(G: nx.Graph, n: Hashable) -> dict[str, int] | None:
    if G.is_directed():
        return None
    roles = [_str(r) for _, _, r in G.edges(n, data="role")]
    if not any(r in style.ROLE_LABELS["en"] for r in roles):
        return None
    return {r: roles.count(r) for r in style.ROLE_LABELS["en"]}


def _weight(data: Mapping) -> float:
    try:
        w = float(data.get("weight", 1.0))
    except (TypeError, ValueError):
        return 1.0
    return w if math.isfinite(w) else 1.0


@cache
def _theme_names() -> dict[str, tuple[str, str]]:
    """theme code → (name_zh, name_en) from the bundled themes codebook."""
    path = resources.files("agencygraph") / "data" / "themes.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return {row["theme"]: (row["name_zh"], row["name_en"]) for row in csv.DictReader(f)}


def theme_name(theme: str, lang: str) -> str:
    """Name of a theme code in ``lang`` (the code itself when the codebook lacks it)."""
    names = _theme_names().get(theme)
    return (names[0] if lang == "zh" else names[1]) if names else theme


# --------------------------------------------------------------------------- the view


@dataclass
class NetworkView:
    """Everything drawn of one graph: nodes, edges, positions, labels, in one language.

    Built by :func:`network_view`; the page, its thumbnail and the Gephi
    file's ``viz`` data (:meth:`gexf_visuals`) all come from it, so that they
    agree.
    """

    lang: str
    title: str
    nodes: list[dict]
    edges: list[dict]
    layout: str
    size_name: str
    directed: bool
    keys: list = field(default_factory=list)

    def gexf_visuals(self) -> dict[Hashable, dict]:
        """Node → ``{"label": …, "viz": {"color", "size", "position"}}`` for a GEXF file.

        Positions are the page's pixels with y pointing up (Gephi's convention).
        """
        out = {}
        for key, n in zip(self.keys, self.nodes, strict=True):
            r, g, b = (int(n["color"][i : i + 2], 16) for i in (1, 3, 5))
            out[key] = {
                "label": n["label"],
                "viz": {
                    "color": {"r": r, "g": g, "b": b, "a": 1.0},
                    "size": float(n["r"]),
                    "position": {"x": float(n["x"]), "y": float(-n["y"]), "z": 0.0},
                    "shape": "square" if n["shape"] == "square" else "disc",
                },
            }
        return out


def network_view(
    G: nx.Graph,
    *,
    lang: str | None = None,
    labels: str | None = None,
    size_by: str | Mapping | None = "degree",
    seed: int | None = None,
    title: str | None = None,
    layout: str | Mapping = "auto",
) -> NetworkView:
    """What :func:`network_html` draws, as data (see :class:`NetworkView`).

    Parameters are those of :func:`network_html`.

    Examples
    --------
    >>> import networkx as nx
    >>> view = network_view(nx.path_graph(3), lang="en", size_by=None)
    >>> [n["label"] for n in view.nodes], view.layout
    (['0', '1', '2'], 'force')
    """
    lang = style.check_lang(lang, labels)
    text = _TEXT[lang]
    seed = settings.SEED if seed is None else int(seed)
    order = _node_order(G)
    kinds = {n: _kind(G, n) for n in order}
    values, size_name = _sizes(G, order, size_by, lang)
    values = {n: float(values.get(n, 0.0)) for n in order}
    radius = _radii(values, order, kinds)
    pos, used = style.pixel_positions(G, layout, seed=seed, radius=radius)
    index = {n: i for i, n in enumerate(order)}
    several_docs = len({_str(G.nodes[n].get("doc_id")) for n in order if kinds[n] == "measure"}) > 1
    nodes = []
    for n in order:
        data = G.nodes[n]
        x, y = pos.get(n, (0.0, 0.0))
        if kinds[n] == "measure":
            full = style.measure_label(data, n, lang, width=10_000)
            label = style.measure_label(data, n, lang)
            if lang == "en" and several_docs:
                label = full = str(n)  # a measure's number alone is ambiguous across plans
            tip = _measure_tip(n, data, lang, size_name, values[n])
            color, shape, system = style.MEASURE_COLOR, "square", ""
            side = "r"
            docs = [_str(data.get("doc_id"))] if _str(data.get("doc_id")) else []
            theme = _str(data.get("theme"))
            words = " ".join([full, _str(data.get("text")), str(n)])
        else:
            full = style.agency_label(G, n, data, lang)
            label = _cut(full, _LABEL_MAX[lang])
            tip = _agency_tip(G, n, data, lang, full, size_name, values[n])
            system = _str(data.get("system"))
            if _str(G.graph.get("node")) == "agency_type" and not system:
                system = style.type_names().get(str(n), ("", "", ""))[2]
            color, shape = style.system_color(system), "dot"
            if system not in style.SYSTEM_COLORS:
                system = ""
            side = "l" if used == "columns" else "r"
            place = _str(data.get("place"))
            docs = [p for p in place.split(";") if p] if place else []
            theme = ""
            words = " ".join([full, _str(data.get("name_zh")), _str(data.get("name_en")), str(n)])
        nodes.append(
            {
                "label": label,
                "title": tip,
                "search": words.lower(),
                "kind": kinds[n],
                "shape": shape,
                "r": radius[n],
                "color": color,
                "x": x,
                "y": y,
                "side": side,
                "system": system,
                "docs": docs,
                "theme": theme,
                "prio": round(values[n], 6) if math.isfinite(values[n]) else 0.0,
            }
        )
    edges = _edges(G, order, index, lang)
    if title is None:
        docs = _str(G.graph.get("docs"))
        two = "measure" in kinds.values()
        title = text["default_title_2" if two else "default_title"] + (f" · {docs}" if docs else "")
    return NetworkView(
        lang=lang,
        title=title,
        nodes=nodes,
        edges=edges,
        layout=used,
        size_name=size_name,
        directed=G.is_directed(),
        keys=order,
    )


def _agency_tip(G, n, data, lang, name, size_name, size) -> str:
    text = _TEXT[lang]
    rows = [f"<b>{_esc(name)}</b>"]
    other = _str(data.get("name_en" if lang == "zh" else "name_zh"))
    if lang == "en" and other and other != name:
        rows.append(_esc(other))  # the name as written, a proper name
    if lang == "zh" and _str(data.get("name_zh")) and _str(data.get("name_zh")) != name:
        rows.append(_esc(data.get("name_zh")))
    agency_type = _str(data.get("agency_type"))
    if agency_type:
        zh, en, _ = style.type_names().get(agency_type, ("", _str(data.get("type_en")), ""))
        rows.append(f"{text['type']}: {_esc((zh if lang == 'zh' else en) or agency_type)}")
    system = _str(data.get("system"))
    if system:
        rows.append(f"{text['system']}: {_esc(style.system_label(system, lang))}")
    if _str(data.get("place")):
        rows.append(f"{text['place']}: {_esc(data['place'])}")
    counts = _role_counts(G, n)
    if counts is not None:
        rows.append(text["lead_support"].format(counts["lead"], counts["support"]))
        if counts["responsible"]:
            rows.append(text["responsible"].format(counts["responsible"]))
    elif "n_lead" in data or "n_support" in data:
        rows.append(
            text["lead_support"].format(_esc(data.get("n_lead")), _esc(data.get("n_support")))
        )
    if G.is_directed():
        out_w = sum(_weight(d) for _, _, d in G.out_edges(n, data=True))
        in_w = sum(_weight(d) for _, _, d in G.in_edges(n, data=True))
        rows.append(text["leads"].format(G.out_degree(n), _fmt(out_w), G.in_degree(n), _fmt(in_w)))
    if size_name:
        rows.append(f"{_esc(size_name)}: {_fmt(size)}")
    rows.append(f"<small>{_esc(n)}</small>")
    return "<br>".join(rows)


def _measure_tip(n, data, lang, size_name, size) -> str:
    text = _TEXT[lang]
    body = _str(data.get("text"))
    if len(body) > _MAX_TEXT:
        body = body[:_MAX_TEXT] + "…"
    rows = [f"<b>{_esc(n)}</b>"]
    if body:
        rows.append(_esc(body))
    if _str(data.get("section")):
        rows.append(f"{text['section']}: {_esc(data['section'])}")
    if _str(data.get("theme")):
        rows.append(f"{text['theme']}: {_esc(theme_name(_str(data['theme']), lang))}")
    rows.append(text["source"].format(_esc(data.get("doc_id")), _esc(data.get("line"))))
    if size_name:
        rows.append(f"{_esc(size_name)}: {_fmt(size)}")
    return "<br>".join(rows)


def _edges(G, order, index, lang) -> list[dict]:
    text = _TEXT[lang]
    roles = style.ROLE_LABELS[lang]
    pairs = []
    for u, v, d in G.edges(data=True):
        a, b = index[u], index[v]
        if not G.is_directed() and a > b:
            a, b = b, a
        pairs.append((a, b, d))
    pairs.sort(key=lambda p: (p[0], p[1]))
    weights = [_weight(d) for _, _, d in pairs]
    lo, hi = (min(weights), max(weights)) if weights else (1.0, 1.0)
    edges = []
    for (a, b, d), w in zip(pairs, weights, strict=True):
        role = _str(d.get("role"))
        inherited = bool(d.get("inherited", False))
        if role in roles:
            spec = style.EDGE_STYLE[role]
            width = float(spec["width"])
            dash = "5 4" if spec["dashed"] else ""
            color = style.ROLE_COLORS[role]
            title = roles[role]
            if _str(d.get("line")):
                title += ", " + text["line"].format(_esc(d["line"]))
        else:
            role = ""
            width = round(1.0 + 5.0 * (w - lo) / (hi - lo), 2) if hi > lo else 1.5
            dash, color = "", style.ROLE_COLORS[""]
            title = text["weight"].format(_fmt(w))
            if G.is_directed():
                names = [
                    _esc(style.agency_label(G, order[i], G.nodes[order[i]], lang)) for i in (a, b)
                ]
                title = text["arc"].format(names[0], names[1], _fmt(w))
        if inherited:
            dash = " ".join(f"{x * width:g}" for x in style.INHERITED_DASH)
            title += " · " + text["inherited"]
        edge = {
            "s": a,
            "t": b,
            "role": role,
            "width": width,
            "dash": dash,
            "color": color,
            "opacity": style.INHERITED_ALPHA if inherited else 1.0,
            "title": title,
        }
        if inherited:
            edge["inherited"] = True
        if G.is_directed():
            edge["arrow"] = True
        edges.append(edge)
    return edges


# --------------------------------------------------------------------------- page parts


def _summary(view: NetworkView) -> str:
    text = _TEXT[view.lang]
    n_agencies = sum(1 for n in view.nodes if n["kind"] == "agency")
    n_measures = len(view.nodes) - n_agencies
    sep = " " if view.lang == "en" else ""
    parts = [f"{n_agencies}{sep}{text['agencies']}"]
    if n_measures:
        parts.append(f"{n_measures}{sep}{text['measures']}")
    ties = text["directed_ties" if view.directed else "ties"]
    parts.append(f"{len(view.edges)}{sep}{ties}")
    return " · ".join(parts)


def _checkbox(group: str, value: str, label: str, swatch: str = "") -> str:
    return (
        f'<label><input type="checkbox" data-filter="{group}" value="{_esc(value)}" checked>'
        f"{swatch}{_esc(label)}</label>"
    )


def _filters(view: NetworkView) -> str:
    lang, text = view.lang, _TEXT[view.lang]
    parts = []
    roles = sorted(
        {e["role"] for e in view.edges if e["role"]}, key=list(style.ROLE_LABELS[lang]).index
    )
    if len(roles) >= 2:
        items = "".join(_checkbox("role", r, style.ROLE_LABELS[lang][r]) for r in roles)
        parts.append(_fieldset("role", text["role"], items, len(roles)))
    present = {n["system"] for n in view.nodes if n["kind"] == "agency"}
    systems = [s for s in style.SYSTEMS if s in present] + ([""] if "" in present else [])
    if len(systems) >= 2:
        items = "".join(
            _checkbox(
                "system",
                s,
                style.system_label(s, lang) if s else text["unknown_system"],
                f'<span class="ag-dot" style="background:{style.system_color(s)}"></span>',
            )
            for s in systems
        )
        parts.append(_fieldset("system", text["system_h"], items, len(systems)))
    docs = sorted({d for n in view.nodes if n["kind"] == "measure" for d in n["docs"]})
    if len(docs) >= 2:
        items = "".join(_checkbox("doc", d, d) for d in docs)
        parts.append(_fieldset("doc", text["document"], items, len(docs)))
    themes = sorted({n["theme"] for n in view.nodes if n["kind"] == "measure"})
    if len(themes) >= 2:
        items = "".join(
            _checkbox("theme", t, theme_name(t, lang) if t else text["no_theme"]) for t in themes
        )
        parts.append(_fieldset("theme", text["theme_h"], items, len(themes)))
    return "".join(parts)


def _fieldset(group: str, heading: str, items: str, n: int) -> str:
    # Long lists start folded, so that the panel stays short.
    opened = " open" if n <= 8 else ""
    return (
        f'<details id="ag-filter-{group}"{opened}><summary>{heading}</summary>'
        f"<fieldset>{items}</fieldset></details>"
    )


def _line_swatch(width: float, dash: str, color: str, opacity: float = 1.0) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg class="ag-swatch" width="30" height="10" aria-hidden="true">'
        f'<line x1="1" y1="5" x2="29" y2="5" stroke="{color}" stroke-width="{width:g}"'
        f'{dash_attr} stroke-opacity="{opacity:g}"/></svg>'
    )


def _legend(view: NetworkView) -> str:
    lang, text = view.lang, _TEXT[view.lang]
    items = []
    present = {n["system"] for n in view.nodes if n["kind"] == "agency"}
    for s in [s for s in style.SYSTEMS if s in present] + ([""] if "" in present else []):
        name = style.system_label(s, lang) if s else text["unknown_system"]
        items.append(
            f'<li><span class="ag-dot" style="background:{style.system_color(s)}"></span>'
            f"{_esc(name)}</li>"
        )
    if any(n["kind"] == "measure" for n in view.nodes):
        items.append(
            f'<li><span class="ag-square" style="background:{style.MEASURE_COLOR}"></span>'
            f"{text['measure']}</li>"
        )
    roles = {e["role"] for e in view.edges}
    for role in style.ROLE_LABELS[lang]:
        if role in roles:
            spec = style.EDGE_STYLE[role]
            swatch = _line_swatch(
                float(spec["width"]), "5 4" if spec["dashed"] else "", style.ROLE_COLORS[role]
            )
            items.append(f"<li>{swatch}{_esc(style.ROLE_LABELS[lang][role])}</li>")
    if any(e.get("inherited") for e in view.edges):
        dash = " ".join(f"{x * 2:g}" for x in style.INHERITED_DASH)
        swatch = _line_swatch(2.0, dash, style.ROLE_COLORS["lead"], style.INHERITED_ALPHA + 0.2)
        items.append(f"<li>{swatch}{text['inherited_lead']}</li>")
    notes = []
    if view.directed:
        notes.append(text["arrow"])
    elif view.edges and not roles - {""} and "" in roles:
        notes.append(text["width_weight"])
    if view.size_name:
        notes.append(text["size"].format(_esc(view.size_name)))
    notes.append(text["labels_hint"])
    return (
        f'<section id="legend"><h2>{text["legend"]}</h2><ul>{"".join(items)}</ul>'
        + "".join(f"<p>{n}</p>" for n in notes)
        + "</section>"
    )


def _panel(view: NetworkView, stem: str) -> str:
    text = _TEXT[view.lang]
    return (
        '<aside id="ag-panel">'
        f'<input id="ag-search" type="search" placeholder="{text["search"]}" '
        f'aria-label="{text["search"]}" data-matches="{_esc(text["matches"])}">'
        '<p id="ag-count"></p>'
        f"{_legend(view)}"
        f'<div class="ag-buttons"><span>{text["zoom"]}</span>'
        '<button type="button" id="ag-zoom-in">+</button>'
        '<button type="button" id="ag-zoom-out">−</button>'
        f'<button type="button" id="ag-fit">{text["fit"]}</button></div>'
        f'<div class="ag-buttons"><span>{text["save"]}</span>'
        f'<button type="button" id="ag-save-png" data-file="{_esc(stem)}.png">PNG</button>'
        f'<button type="button" id="ag-save-svg" data-file="{_esc(stem)}.svg">SVG</button></div>'
        f"{_filters(view)}</aside>"
    )


def network_assets() -> dict[str, str]:
    """The shared script and stylesheet, by file name (written to ``_lib/``).

    Examples
    --------
    >>> sorted(network_assets())
    ['agencygraph-network.css', 'agencygraph-network.js']
    """
    folder = resources.files("agencygraph.viz") / "assets"
    js = (folder / "network.js").read_text(encoding="utf-8")
    css = (folder / "network.css").read_text(encoding="utf-8")
    return {_JS_NAME: js, _CSS_NAME: css}


def _stem(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "_" for c in title).strip("_")
    return keep[:60] or "network"


def network_html(
    G: nx.Graph,
    *,
    lang: str | None = None,
    labels: str | None = None,
    size_by: str | Mapping | None = "degree",
    seed: int | None = None,
    title: str | None = None,
    layout: str | Mapping = "auto",
    standalone: bool = True,
    lib: str = LIB_DIR,
    file_stem: str | None = None,
    view: NetworkView | None = None,
) -> str:
    """The graph as one interactive HTML page.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        A two-mode graph (:func:`agencygraph.graph.bipartite_graph`, by agency
        or pooled by ``agency_type``: type nodes are then named by the
        lexicon's type names), an agency projection
        (:func:`agencygraph.graph.project_agencies`) or the directed
        lead → support network (:func:`agencygraph.graph.lead_support_network`).
        Nodes without attributes are drawn as agencies of unknown system,
        labelled by their key.
    lang : {"zh", "en"}
        Language of the page: labels (agencies by ``name_zh``, or by
        ``name_en`` without the place's name; measures by their first clause
        in Chinese, by their number in English), title, legend, tooltips and
        controls. Default ``"zh"``. ``labels`` is the older name of this option.
    size_by : {"degree", "closeness", "betweenness"}, str, mapping or None
        Node size: a centrality (two-mode normalisation of
        :func:`agencygraph.metrics.two_mode_centrality` for two-mode graphs,
        networkx' one-mode centrality otherwise), a numeric node attribute
        (e.g. ``"pagerank"``), a mapping node → value, or ``None`` for equal
        sizes. Larger nodes get their labels first.
    seed : int, optional
        Seed of the layout; default :data:`agencygraph.settings.SEED`.
    title : str, optional
        Page title and heading; default "Agencies and measures · <docs>".
    layout : {"auto", "columns", "spring", "kamada_kawai"} or mapping
        See :func:`agencygraph.viz.style.pixel_positions`.
    standalone : bool
        ``True`` (default): the script and stylesheet are inlined, the page is
        one file. ``False``: they are loaded from ``<lib>/`` beside the page
        (write them with :func:`write_network_assets`).
    lib : str
        Relative folder of the shared files when ``standalone=False``.
    file_stem : str, optional
        Name (without extension) offered when the view is saved as PNG/SVG.
    view : NetworkView, optional
        A view already computed by :func:`network_view` (the other options
        are then ignored).

    Returns
    -------
    str
        The HTML document. The same graph and options give the same string.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("d:hrss", bipartite=0, kind="agency", name_zh="市人社局", system="government")
    >>> G.add_node("d-1", bipartite=1, kind="measure", text="<b>培训</b>", doc_id="d", line=3)
    >>> G.add_edge("d:hrss", "d-1", role="lead", inherited=False, line=3)
    >>> page = network_html(G)
    >>> "&lt;b&gt;培训&lt;/b&gt;" in page and "<b>培训</b>" not in page
    True
    """
    if view is None:
        view = network_view(
            G, lang=lang, labels=labels, size_by=size_by, seed=seed, title=title, layout=layout
        )
    text = _TEXT[view.lang]
    payload = {
        "nodes": view.nodes,
        "edges": view.edges,
        "layout": view.layout,
        "row_gap": style.ROW_GAP,
        "directed": view.directed,
        "matches": text["matches"],
    }
    if standalone:
        assets = network_assets()
        head = f"<style>{assets[_CSS_NAME]}</style>\n"
        tail = f"<script>{assets[_JS_NAME]}</script>\n"
    else:
        head = f'<link rel="stylesheet" href="{_esc(lib)}/{_CSS_NAME}">\n'
        tail = f'<script src="{_esc(lib)}/{_JS_NAME}"></script>\n'
    stem = file_stem or _stem(view.title)
    return "".join(
        [
            "<!DOCTYPE html>\n",
            f'<html lang="{"zh-CN" if view.lang == "zh" else "en"}">\n<head>\n',
            '<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="agencygraph">\n',
            f"<title>{_esc(view.title)}</title>\n",
            head,
            "</head>\n<body>\n",
            f'<header id="ag-head"><h1>{_esc(view.title)}</h1><p>{_summary(view)}</p></header>\n',
            '<main id="ag-main"><div id="ag-stage"><svg id="ag-svg" '
            'xmlns="http://www.w3.org/2000/svg" role="img" '
            f'aria-label="{_esc(view.title)}"></svg><div id="ag-tip" hidden></div></div>',
            _panel(view, stem),
            "</main>\n",
            '<script id="graph-data" type="application/json">',
            _json_for_script(payload),
            "</script>\n",
            tail,
            "</body>\n</html>\n",
        ]
    )


def thumbnail_svg(view: NetworkView, *, width: int = 240, height: int = 160) -> str:
    """A small static drawing of the view (no labels) for an index page.

    Examples
    --------
    >>> import networkx as nx
    >>> thumbnail_svg(network_view(nx.path_graph(3))).startswith("<svg")
    True
    """
    nodes = view.nodes
    if not nodes:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"/>'
    xs = [n["x"] for n in nodes]
    ys = [n["y"] for n in nodes]
    pad = 20.0
    x0, y0 = min(xs) - pad, min(ys) - pad
    w, h = max(xs) - x0 + pad, max(ys) - y0 + pad
    k = min(width / w, height / h)
    dx, dy = (width - w * k) / 2, (height - h * k) / 2

    def at(x: float, y: float) -> str:
        return f"{(x - x0) * k + dx:.1f} {(y - y0) * k + dy:.1f}"

    step = max(1, len(view.edges) // 2000)  # a thumbnail needs no more edges than that
    path = "".join(
        f"M{at(a['x'], a['y'])}L{at(b['x'], b['y'])}"
        for a, b in ((nodes[e["s"]], nodes[e["t"]]) for e in view.edges[::step])
    )
    dots = "".join(
        f'<circle cx="{(n["x"] - x0) * k + dx:.1f}" cy="{(n["y"] - y0) * k + dy:.1f}" '
        f'r="{max(1.2, n["r"] * k):.1f}" fill="{n["color"]}"/>'
        for n in nodes
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><rect width="100%" height="100%" fill="#fff"/>'
        f'<path d="{path}" stroke="#999" stroke-width="0.5" fill="none"/>{dots}</svg>'
    )


def write_network_assets(folder: str | Path) -> list[Path]:
    """Write the shared script and stylesheet into ``folder/_lib/``, atomically.

    Examples
    --------
    >>> import tempfile
    >>> [p.name for p in write_network_assets(tempfile.mkdtemp())]
    ['agencygraph-network.css', 'agencygraph-network.js']
    """
    folder = Path(folder)
    assets = network_assets()
    with atomic_batch(folder) as put:
        for name in sorted(assets):
            put(f"{LIB_DIR}/{name}", assets[name].encode("utf-8"))
    return [folder / LIB_DIR / name for name in sorted(assets)]


def write_network_html(G: nx.Graph, path: str | Path, **kwargs) -> Path:
    """Write :func:`network_html` of ``G`` to ``path`` as UTF-8, atomically.

    Keyword arguments are those of :func:`network_html` (a standalone page
    unless ``standalone=False`` is given; then write the shared files with
    :func:`write_network_assets`).

    Examples
    --------
    >>> import networkx as nx, pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "net.html"
    >>> write_network_html(nx.path_graph(3), out, size_by=None).read_bytes()[:15]
    b'<!DOCTYPE html>'
    """
    path = Path(path)
    page = network_html(G, **kwargs)
    with atomic_batch(path.parent) as put:
        put(path.name, page.encode("utf-8"))
    return path


def write_networks_html(graphs: Mapping[str, nx.Graph], folder: str | Path, **kwargs) -> list[Path]:
    """Write ``<name>.html`` for each graph into ``folder``, all or nothing.

    With ``standalone=False`` the shared ``_lib/`` files are written once, in
    the same batch.

    Examples
    --------
    >>> import networkx as nx, tempfile
    >>> paths = write_networks_html({"a": nx.path_graph(2)}, tempfile.mkdtemp())
    >>> paths[0].name
    'a.html'
    """
    folder = Path(folder)
    pages = {
        f"{name}.html": network_html(G, file_stem=name, **kwargs) for name, G in graphs.items()
    }
    with atomic_batch(folder) as put:
        if not kwargs.get("standalone", True):
            for name, data in sorted(network_assets().items()):
                put(f"{LIB_DIR}/{name}", data.encode("utf-8"))
        for name, page in pages.items():
            put(name, page.encode("utf-8"))
    return [folder / name for name in pages]


def write_gexf(G: nx.Graph, path: str | Path, **kwargs) -> Path:
    """Write ``G`` as GEXF with the colours, sizes, positions and labels of its page.

    Keyword arguments are those of :func:`network_view` (``lang``, ``seed``,
    ``layout``, ``size_by``); see :func:`agencygraph.export.write_gexf`.

    Examples
    --------
    >>> import networkx as nx, pathlib, tempfile
    >>> path = write_gexf(nx.path_graph(3), pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
    >>> sorted(nx.read_gexf(path).nodes["0"]["viz"])
    ['color', 'position', 'shape', 'size']
    """
    from agencygraph.export import write_gexf as write

    view = network_view(G, **kwargs)
    return write(G, path, visuals=view.gexf_visuals())


# --------------------------------------------------------------------------- notebooks


class Shown:
    """A network page shown inline in Jupyter (Lab, classic, VS Code).

    The page is put into an ``<iframe srcdoc="…">``: it needs no file and no
    server, which VS Code's notebook view requires (it blocks iframes of local
    files), and the page's script runs in its own document.
    """

    def __init__(self, page: str, height: int = 600) -> None:
        self.page = page
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            'title="agencygraph network"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<agencygraph network page, {len(self.page):,} characters>"


def show(G: nx.Graph, *, height: int = 600, **kwargs) -> Shown:
    """Show ``G`` as an interactive network in a notebook cell.

    Keyword arguments are those of :func:`network_html` (always standalone).
    Return it as the cell's last value or pass it to ``display``.

    Examples
    --------
    >>> import networkx as nx
    >>> shown = show(nx.path_graph(3), lang="en")
    >>> shown._repr_html_().startswith("<iframe srcdoc=")
    True
    """
    kwargs["standalone"] = True
    return Shown(network_html(G, **kwargs), height=height)
