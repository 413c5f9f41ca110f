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
from collections.abc import Hashable, Mapping

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
    "node_label",
    "positions",
    "system_color",
    "system_label",
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
ROLE_COLORS: dict[str, str] = {"lead": "#333333", "support": "#8C8C8C", "": "#8C8C8C"}

#: Line width (points in figures, pixels in HTML) and dash of each role.
EDGE_STYLE: dict[str, dict[str, object]] = {
    "lead": {"width": 2.0, "dashed": False},
    "support": {"width": 1.0, "dashed": True},
    "": {"width": 1.0, "dashed": False},
}

#: Opacity of edges carried down from merged table cells (``inherited``).
INHERITED_ALPHA: float = 0.35


def system_color(system: object) -> str:
    """Hex colour of a system; :data:`UNKNOWN_COLOR` for anything else."""
    return SYSTEM_COLORS.get(str(system or ""), UNKNOWN_COLOR)


def system_label(system: object, language: str = "en") -> str:
    """Legend label of a system in ``"en"`` or ``"zh"``; the raw value if unknown."""
    labels = SYSTEM_LABELS["zh" if language == "zh" else "en"]
    key = str(system or "")
    return labels.get(key, key)


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
        return str(key)
    zh = _text(data.get("name_zh"))
    en = _text(data.get("name_en")) or _text(data.get("type_en"))
    first, second = (zh, en) if labels == "zh" else (en, zh)
    return first or second or str(key)


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
