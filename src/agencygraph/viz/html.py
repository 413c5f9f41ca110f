"""Interactive networks as single, self-contained HTML files (vis-network via pyvis).

Each page carries the vis-network script and stylesheet that ship inside the
``pyvis`` package, inlined, so it opens offline and makes no request to any
host. The page is generated here rather than with pyvis' ``Network`` class,
because pyvis' templates load Bootstrap from a CDN even when asked to inline,
its ``write_html`` uses the locale's encoding (failing on Chinese Windows
locales), and its duplicate check makes adding edges quadratic.

Drawing conventions (shared with :mod:`agencygraph.viz.figures` through
:mod:`agencygraph.viz.style`):

- agency nodes are dots coloured by ``system``; measure nodes are grey squares;
- node size grows with a centrality (``size_by``);
- lead edges are solid and thicker, support edges dashed; edges carried down
  from merged table cells (``inherited``) are faint and say so in their tooltip;
- in a directed lead → support network, arrows point from lead to support
  and width grows with the number of shared measures.

Positions are computed in Python with a seeded networkx layout and written
into the nodes; physics is off (or, with ``physics=True``, switched off as soon
as stabilisation ends), so that large graphs stay responsive and the same
graph always gives the same bytes.

Every piece of text from the documents or the graph (names, measure text,
section titles, node keys) is HTML-escaped before it enters the page.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Hashable, Mapping
from importlib import resources
from pathlib import Path

import networkx as nx
import numpy as np

from agencygraph import settings
from agencygraph.export import atomic_batch
from agencygraph.viz import style

__all__ = ["SIZE_BY", "network_html", "write_network_html", "write_networks_html"]

#: Built-in node size measures (a node attribute name or a mapping is accepted as well).
SIZE_BY: tuple[str, ...] = ("degree", "closeness", "betweenness")

_VIS_DIR = "lib/vis-9.1.2"
_MIN_SIZE, _MAX_SIZE = 8.0, 36.0
_MAX_TEXT = 400  # characters of measure text in a tooltip; the rest is cut with an ellipsis

_CSS = """
html, body { margin: 0; padding: 0; height: 100%; font-family: system-ui, -apple-system,
  "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
header { padding: 6px 14px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 18px; margin: 4px 0; }
header p { font-size: 13px; margin: 2px 0; color: #555; }
#network { position: absolute; top: 64px; bottom: 0; left: 0; right: 0; }
#legend { position: absolute; top: 74px; right: 12px; z-index: 10;
  background: rgba(255,255,255,.92); border: 1px solid #ccc; border-radius: 4px;
  padding: 8px 12px; font-size: 12px; max-width: 260px; }
#legend h2 { font-size: 13px; margin: 4px 0; }
#legend ul { list-style: none; margin: 0 0 6px 0; padding: 0; }
#legend li { margin: 2px 0; white-space: nowrap; }
#legend .dot, #legend .square { display: inline-block; width: 11px; height: 11px;
  margin-right: 6px; vertical-align: middle; border: 1px solid #555; }
#legend .dot { border-radius: 50%; }
#legend .line { display: inline-block; width: 28px; margin-right: 6px; vertical-align: middle; }
div.vis-tooltip { white-space: normal; max-width: 420px; font-family: inherit; font-size: 13px;
  line-height: 1.4; }
"""

# Runs in the page. Labels arrive HTML-escaped and are decoded to plain text for the
# canvas; tooltips arrive as HTML built here from escaped pieces and become elements,
# because vis-network shows a string title as literal text.
_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var parser = new DOMParser();
  function text(s) {
    return parser.parseFromString("<!doctype html><body>" + s, "text/html").body.textContent;
  }
  function tip(s) {
    var el = document.createElement("div");
    el.innerHTML = s;
    return el;
  }
  data.nodes.forEach(function (n) { n.label = text(n.label); n.title = tip(n.title); });
  data.edges.forEach(function (e) { e.title = tip(e.title); });
  var network = new vis.Network(
    document.getElementById("network"),
    { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) },
    data.options
  );
  // Physics only settles the precomputed layout; left on, it would keep a large graph busy.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
  });
  window.agencygraphNetwork = network;
})();
"""


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


def _sizes(G: nx.Graph, order: list, size_by: str | Mapping | None) -> tuple[dict, str]:
    """Node → value of the size measure, and the measure's name for the legend."""
    if size_by is None:
        return dict.fromkeys(order, 1.0), ""
    if isinstance(size_by, Mapping):
        return {n: float(size_by.get(n, 0.0) or 0.0) for n in order}, "given values"
    if size_by == "degree":
        if _is_two_mode(G):
            # Two-mode degree (Borgatti & Everett): share of the other side, so both sides compare.
            side = {b: sum(1 for _, x in G.nodes(data="bipartite") if x == b) for b in (0, 1)}
            return {
                n: G.degree(n) / max(side[1 - G.nodes[n]["bipartite"]], 1) for n in order
            }, "two-mode degree"
        return nx.degree_centrality(G), "degree centrality"
    if size_by in ("closeness", "betweenness"):
        if _is_two_mode(G):
            from agencygraph.metrics import two_mode_centrality

            column = two_mode_centrality(G)[size_by]
            return {n: float(column[n]) for n in order}, f"two-mode {size_by}"
        if size_by == "closeness":
            return nx.closeness_centrality(G), "closeness centrality"
        return nx.betweenness_centrality(G), "betweenness centrality"
    if isinstance(size_by, str):
        values = {}
        for n in order:
            try:
                values[n] = float(G.nodes[n].get(size_by, 0.0) or 0.0)
            except (TypeError, ValueError):
                raise ValueError(f"node attribute {size_by!r} of {n!r} is not a number") from None
        return values, size_by
    raise ValueError(f"size_by must be one of {SIZE_BY}, a node attribute or a mapping")


def _scaled(values: dict, order: list) -> dict:
    finite = [v for v in (values.get(n, 0.0) for n in order) if math.isfinite(v)]
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 0.0)
    out = {}
    for n in order:
        v = values.get(n, 0.0)
        v = v if math.isfinite(v) else lo
        share = (v - lo) / (hi - lo) if hi > lo else 0.35
        out[n] = round(_MIN_SIZE + share * (_MAX_SIZE - _MIN_SIZE), 2)
    return out


def _pixels(G: nx.Graph, order: list, layout: str | Mapping, seed: int) -> dict:
    """Layout positions in pixels, rounded so that float noise does not reach the file."""
    pos = style.positions(G, layout, seed=seed)
    # Scale with the node count so that labels keep a similar spacing in large graphs.
    scale = 250.0 * max(1.0, math.sqrt(len(order)) / 3.0)
    # vis-network's y axis points down; flip so the page matches the static figures.
    return {n: (round(x * scale, 1), round(-y * scale, 1)) for n, (x, y) in pos.items()}


def _role_counts(G: nx.Graph, n: Hashable) -> tuple[int, int] | None:
    if G.is_directed():
        return None
    roles = [_str(r) for _, _, r in G.edges(n, data="role")]
    if not any(r in ("lead", "support") for r in roles):
        return None
    return roles.count("lead"), roles.count("support")


# --------------------------------------------------------------------------- nodes and edges


def _agency_tip(G: nx.Graph, n: Hashable, data: Mapping, size_name: str, size: float) -> str:
    rows = [f"<b>{_esc(data.get('name_zh') or n)}</b>"]
    if _str(data.get("name_en")):
        rows.append(_esc(data["name_en"]))
    rows.append(f"id: {_esc(n)}")
    agency_type = _str(data.get("agency_type"))
    if agency_type:
        rows.append(f"type: {_esc(data.get('type_en'))} ({_esc(agency_type)})")
    rows.append(f"system: {_esc(style.system_label(data.get('system')))}")
    if _str(data.get("place")):
        rows.append(f"place: {_esc(data['place'])}")
    counts = _role_counts(G, n)
    if counts is not None:
        rows.append(f"lead: {counts[0]} · support: {counts[1]}")
    elif "n_lead" in data or "n_support" in data:
        rows.append(f"lead: {_esc(data.get('n_lead'))} · support: {_esc(data.get('n_support'))}")
    if G.is_directed():
        out_w = sum(_weight(d) for _, _, d in G.out_edges(n, data=True))
        in_w = sum(_weight(d) for _, _, d in G.in_edges(n, data=True))
        rows.append(
            f"leads {G.out_degree(n)} unit(s) on {_fmt(out_w)} measure tie(s); "
            f"supports {G.in_degree(n)} lead(s) on {_fmt(in_w)}"
        )
    if size_name:
        rows.append(f"{_esc(size_name)}: {_fmt(size)}")
    return "<br>".join(rows)


def _measure_tip(n: Hashable, data: Mapping, size_name: str, size: float) -> str:
    text = _str(data.get("text"))
    if len(text) > _MAX_TEXT:
        text = text[:_MAX_TEXT] + "…"
    rows = [f"<b>{_esc(n)}</b>"]
    if text:
        rows.append(_esc(text))
    if _str(data.get("section")):
        rows.append(f"section: {_esc(data['section'])}")
    rows.append(f"source: {_esc(data.get('doc_id'))}, line {_esc(data.get('line'))}")
    if size_name:
        rows.append(f"{_esc(size_name)}: {_fmt(size)}")
    return "<br>".join(rows)


def _weight(data: Mapping) -> float:
    try:
        w = float(data.get("weight", 1.0))
    except (TypeError, ValueError):
        return 1.0
    return w if math.isfinite(w) else 1.0


def _nodes(G, order, *, labels, sizes, size_values, size_name, pos) -> list[dict]:
    nodes = []
    for i, n in enumerate(order):
        data = G.nodes[n]
        if _kind(G, n) == "measure":
            color, shape = style.MEASURE_COLOR, "square"
            label = _esc(n)
            title = _measure_tip(n, data, size_name, size_values[n])
        else:
            color, shape = style.system_color(data.get("system")), "dot"
            label = _esc(style.node_label(data, n, labels))
            title = _agency_tip(G, n, data, size_name, size_values[n])
        node = {
            "id": i,
            "label": label,
            "title": title,
            "shape": shape,
            "size": sizes[n] * (0.7 if shape == "square" else 1.0),
            "color": {"background": color, "border": "#444444"},
        }
        if n in pos:
            node["x"], node["y"] = pos[n]
        nodes.append(node)
    return nodes


def _edges(G, order) -> list[dict]:
    index = {n: i for i, n in enumerate(order)}
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
        if role in ("lead", "support"):
            spec = style.EDGE_STYLE[role]
            width = spec["width"]
            dashes = spec["dashed"]
            color = style.ROLE_COLORS[role]
            title = role
            if _str(d.get("line")):
                title += f", line {_esc(d['line'])}"
            if inherited:
                title += " · inherited from a merged table cell"
        else:
            # Projections: width carries the weight (shared measures).
            width = round(1.0 + 5.0 * (w - lo) / (hi - lo), 2) if hi > lo else 1.5
            dashes = False
            color = style.ROLE_COLORS[""]
            title = f"weight {_fmt(w)}"
            if G.is_directed():
                title = f"{_esc(order[a])} leads, {_esc(order[b])} supports: {_fmt(w)} measure(s)"
        edge = {
            "from": a,
            "to": b,
            "width": width,
            "dashes": dashes,
            "color": {"color": color, "opacity": style.INHERITED_ALPHA if inherited else 1.0},
            "title": title,
        }
        if inherited:
            edge["inherited"] = True
        if G.is_directed():
            edge["arrows"] = "to"
        edges.append(edge)
    return edges


def _options(*, physics: bool, seed: int, n_nodes: int, n_edges: int) -> dict:
    big = n_nodes + n_edges > 2000
    return {
        "autoResize": True,
        "nodes": {"borderWidth": 1, "font": {"size": 14}},
        "edges": {"smooth": False, "selectionWidth": 2},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "physics": {
            "enabled": bool(physics),
            "solver": "barnesHut",
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
        },
    }


# --------------------------------------------------------------------------- legend and page


def _legend(G, order, labels: str, size_name: str) -> str:
    lang = "zh" if labels == "zh" else "en"
    kinds = {_kind(G, n) for n in order}
    systems = {_str(G.nodes[n].get("system")) for n in order if _kind(G, n) == "agency"}
    known = [s for s in style.SYSTEMS if s in systems]
    if systems - set(style.SYSTEMS):
        known.append("")
    parts = ['<aside id="legend">', "<h2>Legend · 图例</h2>", "<ul>"]
    for s in known:
        parts.append(
            f'<li><span class="dot" style="background:{style.system_color(s)}"></span>'
            f"{_esc(style.system_label(s, lang))}</li>"
        )
    if "measure" in kinds:
        parts.append(
            f'<li><span class="square" style="background:{style.MEASURE_COLOR}"></span>'
            f"{'任务举措' if lang == 'zh' else 'Measure'}</li>"
        )
    parts.append("</ul><ul>")
    roles = {_str(r) for _, _, r in G.edges(data="role")}
    if roles & {"lead", "support"}:
        for role, zh in (("lead", "牵头"), ("support", "配合")):
            spec = style.EDGE_STYLE[role]
            line = "dashed" if spec["dashed"] else "solid"
            name = zh if lang == "zh" else role.capitalize()
            parts.append(
                f'<li><span class="line" style="border-top:{int(spec["width"]) + 1}px {line} '
                f'{style.ROLE_COLORS[role]}"></span>{name}</li>'
            )
    if any(bool(i) for _, _, i in G.edges(data="inherited")):
        parts.append(
            f'<li><span class="line" style="border-top:2px solid {style.ROLE_COLORS["lead"]};'
            f'opacity:{style.INHERITED_ALPHA}"></span>'
            f"{'继承自合并单元格' if lang == 'zh' else 'Inherited (merged cell)'}</li>"
        )
    if G.is_directed():
        parts.append(
            "<li>→ "
            + (
                "牵头 → 配合，线宽 = 共同任务数"
                if lang == "zh"
                else "lead → support; width = shared measures"
            )
            + "</li>"
        )
    elif not roles & {"lead", "support"} and G.number_of_edges():
        parts.append("<li>" + ("线宽 = 权重" if lang == "zh" else "width = weight") + "</li>")
    parts.append("</ul>")
    if size_name:
        parts.append(f"<p>{'节点大小' if lang == 'zh' else 'Node size'}: {_esc(size_name)}</p>")
    parts.append("</aside>")
    return "".join(parts)


def _vis_assets() -> tuple[str, str]:
    folder = resources.files("pyvis") / _VIS_DIR
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("the vis-network assets of this pyvis cannot be inlined safely")
    return js, css


def _summary(G: nx.Graph, order: list) -> str:
    n_agencies = sum(1 for n in order if _kind(G, n) == "agency")
    n_measures = len(order) - n_agencies
    parts = [f"{n_agencies} agencies"]
    if n_measures:
        parts.append(f"{n_measures} measures")
    parts.append(f"{G.number_of_edges()} {'directed ' if G.is_directed() else ''}edges")
    for key in ("docs", "roles", "node", "projection", "method"):
        if _str(G.graph.get(key)):
            parts.append(f"{key}: {_esc(G.graph[key])}")
    return " · ".join(parts)


def network_html(
    G: nx.Graph,
    *,
    labels: str = "zh",
    size_by: str | Mapping | None = "degree",
    seed: int | None = None,
    title: str | None = None,
    layout: str | Mapping = "auto",
    physics: bool = False,
) -> str:
    """The graph as one self-contained interactive HTML page.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        A two-mode graph (:func:`agencygraph.graph.bipartite_graph`, by agency
        or pooled by ``agency_type``), an agency projection
        (:func:`agencygraph.graph.project_agencies`) or the directed
        lead → support network (:func:`agencygraph.graph.lead_support_network`).
        Nodes without attributes are drawn as agencies of unknown system,
        labelled by their key.
    labels : {"zh", "en"}
        Label agencies by ``name_zh`` or ``name_en`` (each falls back on the
        other, then on the node key). Measures are labelled by their id.
        The legend follows the same language.
    size_by : {"degree", "closeness", "betweenness"}, str, mapping or None
        Node size: a centrality (two-mode normalisation of
        :func:`agencygraph.metrics.two_mode_centrality` for two-mode graphs,
        networkx' one-mode centrality otherwise), a numeric node attribute
        (e.g. ``"pagerank"``), a mapping node → value, or ``None`` for equal
        sizes.
    seed : int, optional
        Seed of the layout; default :data:`agencygraph.settings.SEED`.
    title : str, optional
        Page title and heading; default from ``G.graph`` (documents), else
        "agencygraph network".
    layout : {"auto", "spring", "kamada_kawai", "bipartite"} or mapping
        Precomputed positions (:func:`agencygraph.viz.style.positions`):
        ``"auto"`` (default) is Kamada–Kawai for connected graphs of up to
        300 nodes and networkx' seeded spring layout otherwise;
        ``"bipartite"`` puts agencies and measures in two columns; a mapping
        node → (x, y) is used as given.
    physics : bool
        ``False`` (default): nodes stay where the layout put them.
        ``True``: vis-network's solver relaxes the layout in the browser and
        is switched off once stabilisation ends.

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
    if labels not in ("zh", "en"):
        raise ValueError(f"labels must be 'zh' or 'en', got {labels!r}")
    seed = settings.SEED if seed is None else int(seed)
    order = _node_order(G)
    size_values, size_name = _sizes(G, order, size_by)
    size_values = {n: float(size_values.get(n, 0.0)) for n in order}
    pos = _pixels(G, order, layout, seed)
    nodes = _nodes(
        G,
        order,
        labels=labels,
        sizes=_scaled(size_values, order),
        size_values=size_values,
        size_name=size_name,
        pos=pos,
    )
    edges = _edges(G, order)
    options = _options(physics=physics, seed=seed, n_nodes=len(nodes), n_edges=len(edges))
    payload = {"nodes": nodes, "edges": edges, "options": options}
    if title is None:
        docs = _str(G.graph.get("docs"))
        title = f"agencygraph network: {docs}" if docs else "agencygraph network"
    js, css = _vis_assets()
    return "".join(
        [
            "<!DOCTYPE html>\n",
            f'<html lang="{"zh-CN" if labels == "zh" else "en"}">\n<head>\n',
            '<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="agencygraph (vis-network 9.1.2 from pyvis)">\n',
            f"<title>{_esc(title)}</title>\n",
            f"<style>\n{css}\n</style>\n<style>{_CSS}</style>\n",
            f"<script>\n{js}\n</script>\n</head>\n<body>\n",
            f"<header><h1>{_esc(title)}</h1><p>{_summary(G, order)}</p></header>\n",
            '<div id="network"></div>\n',
            _legend(G, order, labels, size_name),
            "\n",
            '<script id="graph-data" type="application/json">',
            _json_for_script(payload),
            "</script>\n",
            f"<script>{_SCRIPT}</script>\n</body>\n</html>\n",
        ]
    )


def write_network_html(G: nx.Graph, path: str | Path, **kwargs) -> Path:
    """Write :func:`network_html` of ``G`` to ``path`` as UTF-8, atomically.

    Keyword arguments are those of :func:`network_html`.

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

    Examples
    --------
    >>> import networkx as nx, tempfile
    >>> paths = write_networks_html({"a": nx.path_graph(2)}, tempfile.mkdtemp())
    >>> paths[0].name
    'a.html'
    """
    folder = Path(folder)
    pages = {f"{name}.html": network_html(G, **kwargs) for name, G in graphs.items()}
    with atomic_batch(folder) as put:
        for name, page in pages.items():
            put(name, page.encode("utf-8"))
    return [folder / name for name in pages]
