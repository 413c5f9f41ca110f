"""One visual vocabulary for the HTML networks and the static figures.

Agency colour encodes the ``system`` of the unit (the column of the lexicon's
``agency_types.csv``), so that a party body looks the same in every output. The
palette is Okabe & Ito's, which stays distinguishable under the common forms of
colour blindness.

Examples
--------
>>> from agencygraph.viz import style
>>> style.system_color("party")
'#D55E00'
>>> style.system_color("no such system") == style.UNKNOWN_COLOR
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Mapping
from functools import cache

import networkx as nx
import numpy as np

from agencygraph import settings

__all__ = [
    "AUTO_KAMADA_KAWAI_MAX",
    "EDGE_STYLE",
    "INHERITED_ALPHA",
    "LAYOUTS",
    "MEASURE_COLOR",
    "ROLE_COLORS",
    "SYSTEMS",
    "SYSTEM_COLORS",
    "SYSTEM_LABELS",
    "UNKNOWN_COLOR",
    "agency_label",
    "check_lang",
    "measure_label",
    "node_label",
    "pixel_positions",
    "positions",
    "remove_overlaps",
    "system_color",
    "system_label",
    "type_names",
]

#: Layouts :func:`positions` computes.
LAYOUTS: tuple[str, ...] = ("auto", "spring", "kamada_kawai", "bipartite")

#: Largest connected graph that ``layout="auto"`` draws with Kamada–Kawai (quadratic cost).
AUTO_KAMADA_KAWAI_MAX: int = 300

#: Systems in legend order (the ``system`` values of ``agency_types.csv``).
SYSTEMS: tuple[str, ...] = (
    "party",
    "government",
    "legislature",
    "cppcc",
    "mass_org",
    "public_institution",
    "aggregate",
)

#: Colour of each system (Okabe & Ito 2008).
SYSTEM_COLORS: dict[str, str] = {
    "party": "#D55E00",
    "government": "#0072B2",
    "legislature": "#009E73",
    "cppcc": "#CC79A7",
    "mass_org": "#E69F00",
    "public_institution": "#F0E442",
    "aggregate": "#56B4E9",
}

#: Legend labels of the systems, by language.
SYSTEM_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "party": "Party",
        "government": "Government",
        "legislature": "People's congress",
        "cppcc": "CPPCC",
        "mass_org": "Mass organisation",
        "public_institution": "Public institution",
        "aggregate": "Aggregate (e.g. all departments)",
        "": "Unknown system",
    },
    "zh": {
        "party": "党委系统",
        "government": "政府系统",
        "legislature": "人大",
        "cppcc": "政协",
        "mass_org": "群团组织",
        "public_institution": "事业单位",
        "aggregate": "泛指（如各部门）",
        "": "未识别",
    },
}

#: Agencies whose system is missing or not in :data:`SYSTEM_COLORS`.
UNKNOWN_COLOR: str = "#999999"

#: Fill of measure nodes: neutral, so agency colours carry the meaning.
MEASURE_COLOR: str = "#D9D9D9"

#: Edge colour by role; support is lighter as well as dashed, so greyscale print tells them apart.
ROLE_COLORS: dict[str, str] = {
    "lead": "#333333",
    "support": "#8C8C8C",
    "responsible": "#5A5A5A",
    "": "#8C8C8C",
}

#: Line width (points in figures, pixels in HTML) and dash of each role.
EDGE_STYLE: dict[str, dict[str, object]] = {
    "lead": {"width": 2.0, "dashed": False},
    "support": {"width": 1.0, "dashed": True},
    "responsible": {"width": 1.5, "dashed": False},
    "": {"width": 1.0, "dashed": False},
}

#: Opacity of edges carried down from merged table cells (``inherited``). Inherited edges
#: are also dotted (:data:`INHERITED_DASH`), so that they differ from support in print.
INHERITED_ALPHA: float = 0.35

#: Dash pattern of inherited edges (matplotlib on/off lengths in line widths; the HTML
#: pages use the same pattern in pixels). Width still tells an inherited lead from support.
INHERITED_DASH: tuple[float, float] = (1.0, 2.0)

#: Role names by language (legends, tooltips, filters).
ROLE_LABELS: dict[str, dict[str, str]] = {
    "en": {"lead": "lead", "support": "support", "responsible": "jointly responsible"},
    "zh": {"lead": "牵头", "support": "配合", "responsible": "共同负责"},
}

#: Languages every output is written in.
LANGS: tuple[str, ...] = ("zh", "en")


def system_color(system: object) -> str:
    """Hex colour of a system; :data:`UNKNOWN_COLOR` for anything else."""
    return SYSTEM_COLORS.get(str(system or ""), UNKNOWN_COLOR)


def system_label(system: object, language: str = "en") -> str:
    """Legend label of a system in ``"en"`` or ``"zh"``; the raw value if unknown."""
    labels = SYSTEM_LABELS["zh" if language == "zh" else "en"]
    key = str(system or "")
    return labels.get(key, key)


def check_lang(lang: str | None = None, labels: str | None = None, default: str = "zh") -> str:
    """The language of an output from ``lang`` or its older alias ``labels``.

    Examples
    --------
    >>> check_lang("en"), check_lang(labels="zh"), check_lang()
    ('en', 'zh', 'zh')
    """
    if lang is not None and labels is not None and lang != labels:
        raise ValueError(f"lang={lang!r} and labels={labels!r} disagree; give one")
    value = lang if lang is not None else labels if labels is not None else default
    if value not in LANGS:
        raise ValueError(f"lang (labels) must be 'zh' or 'en', got {value!r}")
    return value


_CLAUSE = re.compile(r"[，。；：,;:！？!?（(]")  # clause ends; quotes and 、 do not end one


def measure_label(data: Mapping, key: Hashable, lang: str = "zh", width: int = 12) -> str:
    """Short label of a measure: its first clause (Chinese) or its number (English).

    In Chinese, the measure's text up to the first punctuation mark, cut at
    ``width`` characters with an ellipsis (the task title when the text is
    empty). In English the text has no translation, so the measure is named by
    its number within the plan: the ``measure_id`` without the ``doc_id-``
    prefix (``"s2-m6"``). The full text goes in tooltips.

    Examples
    --------
    >>> d = {"text": "开展职业技能竞赛，评选技术能手", "doc_id": "haimen"}
    >>> measure_label(d, "haimen-s2-m6"), measure_label(d, "haimen-s2-m6", "en")
    ('开展职业技能竞赛', 's2-m6')
    """
    if lang == "en":
        doc = _text(data.get("doc_id"))
        name = str(key)
        if doc and name.startswith(doc + "-"):
            name = name[len(doc) + 1 :]
        return name
    text = _text(data.get("text")).strip() or _text(data.get("task_title")).strip()
    if not text:
        return str(key)
    first = _CLAUSE.split(text, maxsplit=1)[0].strip() or text
    return first if len(first) <= width else first[: width - 1] + "…"


def node_label(data: Mapping, key: Hashable, labels: str = "zh") -> str:
    """Display name of a node: agencies by ``name_zh`` or ``name_en``, measures by key.

    Each name falls back on the other language (``type_en`` standing in for a
    missing ``name_en``), then on the node key.

    Examples
    --------
    >>> node_label({"name_zh": "市总工会", "name_en": "Trade Union"}, "d:union", "en")
    'Trade Union'
    >>> node_label({}, "d:union")
    'd:union'
    """
    if data.get("kind") == "measure" or data.get("bipartite") == 1:
        return measure_label(data, key, labels)
    zh = _text(data.get("name_zh"))
    en = _text(data.get("name_en")) or _text(data.get("type_en"))
    first, second = (zh, en) if labels == "zh" else (en, zh)
    return first or second or str(key)


@cache
def type_names() -> dict[str, tuple[str, str, str]]:
    """agency_type → (type_zh, type_en, system) from the lexicon's types table."""
    from agencygraph.agencies import agency_types

    table = agency_types()
    return {
        str(t): (_text(zh), _text(en), _text(s))
        for t, zh, en, s in zip(
            table["agency_type"], table["type_zh"], table["type_en"], table["system"], strict=True
        )
    }


def agency_label(G: nx.Graph, n: Hashable, data: Mapping, lang: str) -> str:
    """Display name of an agency node of ``G`` in ``lang``.

    Pooled type nodes (``G.graph["node"] == "agency_type"``) by the lexicon's
    type names; in English, a unit's name without its place ("Haimen Trade
    Union" → "Trade Union", the place being in the title); else
    :func:`node_label`.
    """
    if _text(G.graph.get("node")) == "agency_type":
        zh, en, _ = type_names().get(_text(data.get("agency_type")) or str(n), ("", "", ""))
        name = zh if lang == "zh" else en
        if name:
            return name
    if lang == "en":
        name = _text(data.get("name_en"))
        place = _text(data.get("place"))
        # In one plan's graph every unit is of that place: "Haimen Trade Union" → "Trade Union".
        if name and place and ";" not in place and name.lower().startswith(place.lower() + " "):
            name = name[len(place) + 1 :]
        if name:
            return name
    return node_label(data, n, lang)


def positions(
    G: nx.Graph, layout: str | Mapping = "auto", *, seed: int | None = None
) -> dict[Hashable, tuple[float, float]]:
    """Seeded node positions that do not depend on the graph's insertion order.

    The layout runs on a copy whose nodes and edges are added in sorted order,
    because networkx' layouts follow iteration order.

    Parameters
    ----------
    G : networkx.Graph
    layout : {"auto", "spring", "kamada_kawai", "bipartite"} or mapping
        ``"auto"`` (default): Kamada–Kawai for a connected graph of at most
        :data:`AUTO_KAMADA_KAWAI_MAX` nodes (it spreads hubs apart better),
        else the seeded spring layout (networkx' for up to 500 nodes; above
        that, a vectorised Fruchterman–Reingold, because networkx runs it as
        a slow Python loop). ``"bipartite"`` puts agencies (``bipartite=0``
        or ``kind="agency"``) in one column and measures in another. A
        mapping node → (x, y) is returned as given.
    seed : int, optional
        Default :data:`agencygraph.settings.SEED`.

    Examples
    --------
    >>> import networkx as nx
    >>> a = positions(nx.path_graph([3, 1, 2]), seed=1)
    >>> b = positions(nx.path_graph([3, 1, 2]), seed=1)
    >>> a == b
    True
    """
    if isinstance(layout, Mapping):
        return {n: (float(layout[n][0]), float(layout[n][1])) for n in G}
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS} or a mapping, got {layout!r}")
    seed = settings.SEED if seed is None else int(seed)
    order = sorted(G.nodes, key=_key)
    rank = {n: i for i, n in enumerate(order)}
    H = nx.Graph()
    H.add_nodes_from(order)
    H.add_edges_from(sorted(G.edges(), key=lambda e: sorted((rank[e[0]], rank[e[1]]))))
    if len(H) == 0:
        return {}
    if layout == "auto":
        small = len(H) <= AUTO_KAMADA_KAWAI_MAX and nx.is_connected(H)
        layout = "kamada_kawai" if small else "spring"
    if layout == "kamada_kawai" and len(H) > 1:
        pos = nx.kamada_kawai_layout(H)
    elif layout == "bipartite":
        agencies = [n for n in order if not _is_measure(G.nodes[n])]
        if 0 < len(agencies) < len(order):
            pos = nx.bipartite_layout(H, agencies, align="vertical")
        else:
            pos = nx.spring_layout(H, seed=seed)
    elif len(H) > _SPARSE_FROM:
        xy = _spring_vectorised(H, order, seed=seed)
        pos = {n: xy[i] for i, n in enumerate(order)}
    else:
        pos = nx.spring_layout(H, seed=seed)
    return {n: (float(pos[n][0]), float(pos[n][1])) for n in order}


#: Vertical distance of two rows of the two-column layout, in pixels (labels are 12 px high).
ROW_GAP: float = 22.0

#: Horizontal distance of the agency and the measure column, in pixels.
COLUMN_GAP: float = 360.0

#: Largest single-plan two-mode graph that ``layout="auto"`` draws in two columns.
AUTO_COLUMNS_MAX: int = 300


def pixel_positions(
    G: nx.Graph,
    layout: str | Mapping = "auto",
    *,
    seed: int | None = None,
    radius: Mapping | None = None,
    gap: float = 6.0,
) -> tuple[dict[Hashable, tuple[float, float]], str]:
    """Screen positions (pixels, y down) in which no two nodes overlap.

    The interactive pages, their thumbnails and the Gephi files all use it,
    so a network looks the same in each.

    Parameters
    ----------
    G : networkx.Graph
    layout : {"auto", "columns", "spring", "kamada_kawai", "bipartite"} or mapping
        ``"columns"`` (``"bipartite"`` is the same): agencies in a left column
        grouped by system and sorted by name, measures in a right column in
        document order, :data:`ROW_GAP` apart. ``"auto"``: columns for a
        two-mode graph of one document with at most :data:`AUTO_COLUMNS_MAX`
        nodes, otherwise the seeded spring layout of :func:`positions`, scaled
        so that the area grows with the node count, then
        :func:`remove_overlaps`.
    seed : int, optional
    radius : mapping, optional
        Node → radius in pixels (default 16 for every node).
    gap : float
        Smallest free distance between two nodes' circles.

    Returns
    -------
    (dict, str)
        Node → (x, y), and the layout used (``"columns"`` or ``"force"``).

    Examples
    --------
    >>> import networkx as nx
    >>> pos, used = pixel_positions(nx.complete_graph(5), seed=1)
    >>> used, len(pos)
    ('force', 5)
    """
    if len(G) == 0:
        return {}, "force"
    if layout == "auto" and _single_plan_two_mode(G) and len(G) <= AUTO_COLUMNS_MAX:
        layout = "columns"
    if layout in ("columns", "bipartite") and _single_plan_two_mode(G, any_docs=True):
        return _columns(G, radius or {}, gap), "columns"
    if layout in ("columns", "bipartite", "auto"):
        # Spring, not Kamada–Kawai: ~30 times faster on a plan's 25-node network (a build
        # draws hundreds of them), and overlap removal below does what KK's spacing did.
        layout = "spring"
    pos = positions(G, layout, seed=seed)
    order = list(pos)
    xy = np.array([pos[n] for n in order], dtype=float).reshape(-1, 2)
    r = np.array([float((radius or {}).get(n, 16.0)) for n in order])
    # The unit box scaled so that each node has about (6 r)² of room.
    scale = 3.0 * max(float(r.mean()) if len(r) else 16.0, 8.0) * max(math.sqrt(len(order)), 2.0)
    xy = remove_overlaps(xy * np.array([scale, -scale]), r, gap=gap)
    return {
        n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(order, xy, strict=True)
    }, "force"


def remove_overlaps(xy: np.ndarray, radius: np.ndarray, *, gap: float = 6.0, rounds: int = 200):
    """Push apart circles that overlap until none does (or ``rounds`` passes).

    Each pass finds the overlapping pairs with a k-d tree and moves both
    nodes of a pair half the missing distance apart along the line joining
    them (a seeded nudge separates coincident nodes). The layout's shape is
    kept; only close nodes move.

    Examples
    --------
    >>> import numpy as np
    >>> out = remove_overlaps(np.zeros((3, 2)), np.full(3, 5.0), gap=2)
    >>> bool(np.all(np.linalg.norm(out[0] - out[1:], axis=1) >= 11.99))
    True
    """
    from scipy.spatial import cKDTree

    xy = np.array(xy, dtype=float, copy=True)
    radius = np.asarray(radius, dtype=float)
    if len(xy) < 2:
        return xy
    rng = np.random.RandomState(0)
    reach = 2.0 * float(radius.max()) + gap
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        if len(pairs) == 0:
            break
        i, j = pairs[:, 0], pairs[:, 1]
        d = xy[j] - xy[i]
        dist = np.hypot(d[:, 0], d[:, 1])
        need = radius[i] + radius[j] + gap
        bad = dist < need - 1e-6
        if not bad.any():
            break
        i, j, d, dist, need = i[bad], j[bad], d[bad], dist[bad], need[bad]
        same = dist < 1e-9
        if same.any():
            angle = rng.uniform(0, 2 * np.pi, same.sum())
            d[same] = np.column_stack([np.cos(angle), np.sin(angle)])
            dist[same] = 1.0
        push = (d / dist[:, None]) * ((need - dist) / 2.0 + 0.05)[:, None]
        move = np.zeros_like(xy)
        np.add.at(move, i, -push)
        np.add.at(move, j, push)
        xy += move
    return xy


def _single_plan_two_mode(G: nx.Graph, any_docs: bool = False) -> bool:
    if G.is_directed() or G.is_multigraph():
        return False
    sides = {b for _, b in G.nodes(data="bipartite")}
    if sides != {0, 1}:
        return False
    if any_docs:
        return True
    docs = {_text(d.get("doc_id")) for _, d in G.nodes(data=True) if _is_measure(d)}
    return len(docs) == 1


def _columns(G: nx.Graph, radius: Mapping, gap: float) -> dict[Hashable, tuple[float, float]]:
    """Agencies left (by system, then name), measures right (by document and line).

    Rows are :data:`ROW_GAP` apart at least, and far enough apart that the largest nodes
    of a column do not touch.
    """
    rank = {s: i for i, s in enumerate(SYSTEMS)}
    agencies = [n for n, d in G.nodes(data=True) if not _is_measure(d)]
    measures = [n for n, d in G.nodes(data=True) if _is_measure(d)]
    agencies.sort(
        key=lambda n: (
            rank.get(_text(G.nodes[n].get("system")), len(rank)),
            _text(G.nodes[n].get("name_zh")),
            *_key(n),
        )
    )

    def line(n: Hashable) -> float:
        try:
            return float(G.nodes[n].get("line") or 0)
        except (TypeError, ValueError):
            return 0.0

    measures.sort(key=lambda n: (_text(G.nodes[n].get("doc_id")), line(n), *_key(n)))

    def step(nodes: list) -> float:
        largest = max((float(radius.get(n, 16.0)) for n in nodes), default=0.0)
        return max(ROW_GAP, 2 * largest + gap) * max(len(nodes) - 1, 0)

    height = max(step(measures), step(agencies))
    pos = {}
    for column, nodes in ((0.0, agencies), (COLUMN_GAP, measures)):
        step = height / (len(nodes) - 1) if len(nodes) > 1 else 0.0
        top = 0.0 if len(nodes) > 1 else height / 2
        for i, n in enumerate(nodes):
            pos[n] = (column, round(top + i * step, 1))
    return pos


# networkx switches to a per-node Python loop from this size on (~25 s for 2,000 nodes).
_SPARSE_FROM = 500


def _spring_vectorised(H: nx.Graph, order: list, *, seed: int, iterations: int = 50) -> np.ndarray:
    """Fruchterman–Reingold as networkx' dense variant computes it, in whole-array steps.

    Displacement of node *i*: :math:`\\sum_j \\delta_{ij}(k^2/d_{ij}^2 - A_{ij}d_{ij}/k)`
    with :math:`k = 1/\\sqrt n`, each step capped by a temperature falling linearly
    from 0.1, from uniform random starting positions; then centred and scaled to
    [-1, 1]. Needs O(n²) memory per step: a few hundred MB at 5,000 nodes.
    """
    n = len(order)
    A = nx.to_scipy_sparse_array(H, nodelist=order, weight=None, format="coo")
    rows, cols = A.row, A.col
    pos = np.random.RandomState(seed).rand(n, 2)
    k = 1.0 / np.sqrt(n)
    t = 0.1
    cool = t / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        scale = dx * dx + dy * dy
        np.maximum(scale, 1e-8, out=scale)
        np.divide(k * k, scale, out=scale)
        fx = np.einsum("ij,ij->i", dx, scale)
        fy = np.einsum("ij,ij->i", dy, scale)
        ex = pos[rows, 0] - pos[cols, 0]
        ey = pos[rows, 1] - pos[cols, 1]
        pull = np.sqrt(ex * ex + ey * ey) / k
        fx -= np.bincount(rows, ex * pull, n)
        fy -= np.bincount(rows, ey * pull, n)
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 0.01)
        pos += np.column_stack([fx, fy]) * (t / length)[:, None]
        t -= cool
    pos -= pos.mean(axis=0)
    return pos / (np.abs(pos).max() or 1.0)


def _is_measure(data: Mapping) -> bool:
    return data.get("kind") == "measure" or data.get("bipartite") == 1


def _key(n: Hashable) -> tuple[str, str]:
    return (type(n).__name__, str(n))


def _text(value: object) -> str:
    """Attribute as text; None and NaN (missing CSV cells) become ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)
