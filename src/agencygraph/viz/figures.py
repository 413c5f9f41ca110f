"""Publication figures with matplotlib, reproducible byte for byte.

Every function takes tables or graphs from the earlier stages and returns a
:class:`matplotlib.figure.Figure`, built without pyplot (so nothing
accumulates in pyplot's figure registry and no GUI backend is involved:
PNG is rendered by Agg). :func:`save_figure` writes ``stem.png`` (300 dpi)
and ``stem.svg`` atomically, without dates or version strings, with a fixed
SVG hash salt, so the same input gives the same bytes.

Chinese labels
--------------
Importing this module registers the bundled CJK font (a subset of Noto Sans
CJK SC renamed "AgencyGraph Sans SC", see ``agencygraph/data/fonts/README.md``)
with matplotlib's font manager and appends it to ``rcParams["font.family"]``
as a fallback: Latin text keeps the user's font, and a character that font
lacks (every hanzi, for the default DejaVu Sans) is drawn from the bundled
one. The figures here also set that fallback explicitly, so they render the
same whatever the user's rcParams.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Hashable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from agencygraph.export import atomic_batch
from agencygraph.viz import style

__all__ = [
    "CJK_FAMILY",
    "CJK_FONT_PATH",
    "DPI",
    "backbone_caption",
    "bipartite_figure",
    "figure_bytes",
    "lead_role_share_heatmap",
    "lead_share_heatmap",
    "overlap_heatmap",
    "projection_figure",
    "register_cjk_font",
    "role_counts_figure",
    "save_figure",
    "save_figures",
]

#: Family name of the bundled CJK font.
CJK_FAMILY: str = "AgencyGraph Sans SC"

#: The bundled font file (OFL 1.1; licence and provenance beside it).
CJK_FONT_PATH: Path = (
    Path(__file__).resolve().parent.parent / "data" / "fonts" / "AgencyGraphSansSC-Regular.otf"
)

#: Resolution of the PNG files.
DPI: int = 300

#: Hash salt of SVG element ids; any fixed string makes ids repeatable.
_SVG_SALT = "agencygraph"


def register_cjk_font() -> str:
    """Register the bundled CJK font with matplotlib and make it the CJK fallback.

    Safe to call repeatedly; :mod:`agencygraph.viz.figures` calls it on import.

    Returns
    -------
    str
        The family name, :data:`CJK_FAMILY`.

    Examples
    --------
    >>> from matplotlib import font_manager
    >>> family = register_cjk_font()
    >>> font_manager.findfont(family, fallback_to_default=False).endswith(".otf")
    True
    """
    known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
    if CJK_FONT_PATH not in known:
        font_manager.fontManager.addfont(str(CJK_FONT_PATH))
    mpl.rcParams["font.family"] = _with_fallback(mpl.rcParams["font.family"])
    return CJK_FAMILY


def _with_fallback(families: str | Sequence[str]) -> list[str]:
    families = [families] if isinstance(families, str) else list(families)
    return [f for f in families if f != CJK_FAMILY] + [CJK_FAMILY]


register_cjk_font()


@contextmanager
def _style(editable_text: bool = False):
    """rcParams of every figure here; text objects keep the font list they are created with."""
    with mpl.rc_context(
        {
            "font.family": _with_fallback(mpl.rcParams["font.family"]),
            "font.size": 8,
            "axes.titlesize": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": _SVG_SALT,
            # Glyphs as paths (default): the SVG needs no installed font. Editable: <text>
            # elements naming the font, for Inkscape or Illustrator.
            "svg.fonttype": "none" if editable_text else "path",
            "pdf.fonttype": 42,  # TrueType in PDF: text stays selectable and editable
        }
    ):
        yield


#: Font families an editable SVG names after the bundled one: the font it is a subset of,
#: then the CJK fonts a reader likely has, then a generic family.
SVG_FONT_FALLBACK: str = (
    "'AgencyGraph Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
    "'Microsoft YaHei', sans-serif"
)


def _name_fonts(svg: bytes) -> bytes:
    """Give every text element of an editable SVG a font list that ends with CJK fonts."""
    text = svg.decode("utf-8")
    text = re.sub(
        r"font-family:\s*([^;\"]*)",
        lambda m: "font-family: " + _font_list(m.group(1)),
        text,
    )
    return text.encode("utf-8")


def _font_list(found: str) -> str:
    names = [f.strip().strip("'\"") for f in found.split(",") if f.strip()]
    names = [f for f in names if f and f not in (CJK_FAMILY, "sans-serif")]
    first = ", ".join(f"'{f}'" for f in names)
    return (first + ", " if first else "") + SVG_FONT_FALLBACK


def _text(value: object) -> str:
    return style._text(value)


# --------------------------------------------------------------------------- saving


def figure_bytes(
    fig: Figure, fmt: str, *, dpi: int = DPI, editable_text: bool = False, tight: bool = True
) -> bytes:
    """One figure rendered to ``"png"``, ``"svg"`` or ``"pdf"`` bytes, without timestamps.

    ``editable_text=True`` writes SVG text as ``<text>`` elements (matplotlib's
    ``svg.fonttype = "none"``) whose ``font-family`` names the bundled font
    first and then common CJK fonts, so that Inkscape or Illustrator can edit
    it; the default draws glyphs as paths, which look the same everywhere.
    ``tight=True`` (default) crops the white margin to 0.04 inch.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> figure_bytes(fig, "png") == figure_bytes(fig, "png")
    True
    """
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    }
    if fmt not in metadata:
        raise ValueError(f"format must be one of {sorted(metadata)}, got {fmt!r}")
    buffer = io.BytesIO()
    extra = {"bbox_inches": "tight", "pad_inches": 0.04} if tight else {}
    with _style(editable_text):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata[fmt], **extra)
    data = buffer.getvalue()
    if editable_text and fmt == "svg":
        data = _name_fonts(data)
    return data


def save_figure(
    fig: Figure,
    stem: str,
    folder: str | Path,
    *,
    formats: Sequence[str] = ("png", "svg"),
    dpi: int = DPI,
    editable_text: bool = False,
) -> list[Path]:
    """Write ``stem.png`` (``dpi``, default 300) and ``stem.svg`` into ``folder``, atomically.

    Parameters
    ----------
    fig : Figure
    stem : str
        File name without extension.
    folder : str or Path
        Created if missing.
    formats : sequence of {"png", "svg", "pdf"}
    dpi : int
    editable_text : bool
        SVG text as editable ``<text>`` naming its font (see :func:`figure_bytes`).

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import tempfile
    >>> paths = save_figure(Figure(), "empty", tempfile.mkdtemp())
    >>> [p.name for p in paths]
    ['empty.png', 'empty.svg']
    """
    return save_figures({stem: fig}, folder, formats=formats, dpi=dpi, editable_text=editable_text)


def save_figures(
    figures: Mapping[str, Figure],
    folder: str | Path,
    *,
    formats: Sequence[str] = ("png", "svg"),
    dpi: int = DPI,
    editable_text: bool = False,
) -> list[Path]:
    """Write several figures as :func:`save_figure` does, all or nothing.

    Examples
    --------
    >>> import tempfile
    >>> len(save_figures({"a": Figure(), "b": Figure()}, tempfile.mkdtemp()))
    4
    """
    folder = Path(folder)
    files = {
        f"{stem}.{fmt}": figure_bytes(fig, fmt, dpi=dpi, editable_text=editable_text)
        for stem, fig in figures.items()
        for fmt in formats
    }
    with atomic_batch(folder) as put:
        for name, data in files.items():
            put(name, data)
    return [folder / name for name in files]


# --------------------------------------------------------------------------- helpers


def _system_handles(systems: Iterable[str], labels: str, marker: str = "o") -> list:
    present = set(systems)
    order = [s for s in style.SYSTEMS if s in present]
    if present - set(style.SYSTEMS):
        order.append("")
    return [
        Line2D(
            [],
            [],
            marker=marker,
            linestyle="",
            markerfacecolor=style.system_color(s),
            markeredgecolor="#444444",
            markersize=6,
            label=style.system_label(s, labels),
        )
        for s in order
    ]


def _dash(spec: dict, inherited: bool):
    """Line style of an edge: dotted when inherited, so that print tells it from support."""
    if inherited:
        return (0, style.INHERITED_DASH)
    return "--" if spec["dashed"] else "-"


def _role_handles(labels: str, inherited: bool, roles=("lead", "support")) -> list:
    names = style.ROLE_LABELS[labels]
    handles = [
        Line2D(
            [],
            [],
            color=style.ROLE_COLORS[role],
            linewidth=float(style.EDGE_STYLE[role]["width"]),
            linestyle="--" if style.EDGE_STYLE[role]["dashed"] else "-",
            label=names.get(role, role),
        )
        for role in roles
    ]
    if inherited:
        handles.append(
            Line2D(
                [],
                [],
                color=style.ROLE_COLORS["lead"],
                alpha=style.INHERITED_ALPHA + 0.25,
                linewidth=float(style.EDGE_STYLE["lead"]["width"]),
                linestyle=(0, style.INHERITED_DASH),
                label="继承自合并单元格（点线）"
                if labels == "zh"
                else "inherited from a merged cell",
            )
        )
    return handles


def _check_labels(labels: str) -> str:
    if labels not in ("zh", "en"):
        raise ValueError(f"labels must be 'zh' or 'en', got {labels!r}")
    return labels


def _type_table(types: pd.DataFrame | None) -> pd.DataFrame:
    """One row per agency_type with ``label_en``, ``label_zh`` and ``system`` (may be empty)."""
    if types is None or types.empty:
        return pd.DataFrame(columns=["label_en", "label_zh", "system"], index=pd.Index([]))
    if "agency_type" not in types.columns:
        raise ValueError("types needs an agency_type column (e.g. agencies.agency_types())")
    t = types.astype(object).where(types.notna(), "")
    zh = "type_zh" if "type_zh" in t.columns else "name_zh" if "name_zh" in t.columns else None
    rows = {}
    for agency_type, group in t.groupby("agency_type", sort=True):
        rows[str(agency_type)] = {
            "label_en": _mode(group["type_en"]) if "type_en" in group else "",
            "label_zh": _mode(group[zh]) if zh else "",
            "system": _mode(group["system"]) if "system" in group else "",
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def _mode(values: pd.Series) -> str:
    counts = values.astype(str).str.strip()
    counts = counts[counts != ""].value_counts()
    if counts.empty:
        return ""
    return min(counts.index[counts == counts.max()])


def _wrap(label: str, labels: str) -> str:
    # Long English type names would squeeze the plot area to a sliver.
    width = 16 if labels == "zh" else 26
    return "\n".join(textwrap.wrap(label, width, max_lines=2, placeholder=" …")) or label


def _type_label(agency_type: str, table: pd.DataFrame, labels: str) -> str:
    if agency_type in table.index:
        row = table.loc[agency_type]
        first, second = (
            (row["label_zh"], row["label_en"])
            if labels == "zh"
            else (row["label_en"], row["label_zh"])
        )
        return first or second or agency_type
    return agency_type


def _assignment_rows(assignments: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    missing = [c for c in ("doc_id", "role", "agency_type") if c not in assignments.columns]
    if missing:
        raise ValueError(f"assignments table lacks column(s) {missing}; see CONTRACT.md")
    rows = pd.DataFrame(
        {
            c: assignments[c].astype(object).where(assignments[c].notna(), "").astype(str)
            for c in ("doc_id", "role", "agency_type")
        }
    )
    unresolved = int((rows["agency_type"] == "").sum())
    return rows[rows["agency_type"] != ""], unresolved


# --------------------------------------------------------------------------- figures


def bipartite_figure(
    G: nx.Graph,
    *,
    lang: str | None = None,
    labels: str | None = None,
    title: str | None = None,
) -> Figure:
    """Agencies in the left column, measures in the right, joined by their assignments.

    Agencies are grouped by system (colour) and sorted by name; measures are
    in document order (``doc_id``, ``line``). Lead edges are solid, support
    edges dashed, inherited edges faint.

    Parameters
    ----------
    G : networkx.Graph
        A two-mode graph, typically one document's
        :func:`agencygraph.graph.bipartite_graph`.
    lang : {"zh", "en"}
        Language of all text (default ``"zh"``; ``labels`` is its older name):
        agency names in Chinese, or in English without the place's name;
        measures by their first clause (Chinese) or number (English).
    title : str, optional
        Default: the graph's ``docs``.

    Returns
    -------
    Figure

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("d:hrss", bipartite=0, kind="agency", name_zh="市人社局", system="government")
    >>> G.add_node("d-1", bipartite=1, kind="measure", doc_id="d", line=3)
    >>> G.add_edge("d:hrss", "d-1", role="lead", inherited=False)
    >>> [t.get_text() for t in bipartite_figure(G).axes[0].texts]
    ['市人社局', 'd-1']
    """
    labels = style.check_lang(lang, labels, "zh")
    system_rank = {s: i for i, s in enumerate(style.SYSTEMS)}
    agencies = [n for n, d in G.nodes(data=True) if not style._is_measure(d)]
    measures = [n for n, d in G.nodes(data=True) if style._is_measure(d)]
    agencies.sort(
        key=lambda n: (
            system_rank.get(_text(G.nodes[n].get("system")), len(system_rank)),
            style.agency_label(G, n, G.nodes[n], labels),
            str(n),
        )
    )

    def measure_key(n: Hashable) -> tuple:
        d = G.nodes[n]
        line = pd.to_numeric(pd.Series([d.get("line")]), errors="coerce").fillna(0).iloc[0]
        return (_text(d.get("doc_id")), float(line), str(n))

    measures.sort(key=measure_key)
    rows = max(len(agencies), len(measures), 1)

    def ys(nodes: list) -> dict:
        # Centre the shorter column against the longer one.
        offset = (rows - len(nodes)) / 2
        return {n: rows - 1 - (offset + i) for i, n in enumerate(nodes)}

    pos = {
        **{n: (0.0, y) for n, y in ys(agencies).items()},
        **{n: (1.0, y) for n, y in ys(measures).items()},
    }
    with _style():
        # No layout engine: the labels reach out of the axes on both sides, and the saved
        # file's tight bounding box (figure_bytes) takes them in with a thin margin.
        height = max(2.5, 0.16 * rows + 1.2)
        fig = Figure(figsize=(6.5, height))
        ax = fig.add_axes((0.33, 0.6 / height, 0.34, 1 - 1.0 / height))
        groups: dict[tuple[str, bool], list] = {}
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
            key = (_text(d.get("role")), bool(d.get("inherited", False)))
            groups.setdefault(key, []).append([pos[u], pos[v]])
        for (role, inherited), segments in sorted(groups.items()):
            spec = style.EDGE_STYLE.get(role, style.EDGE_STYLE[""])
            ax.add_collection(
                LineCollection(
                    segments,
                    colors=style.ROLE_COLORS.get(role, style.ROLE_COLORS[""]),
                    linewidths=float(spec["width"]) * 0.6,
                    linestyles=_dash(spec, inherited),
                    alpha=style.INHERITED_ALPHA + 0.25 if inherited else 0.9,
                    zorder=1,
                )
            )
        if agencies:
            ax.scatter(
                [0.0] * len(agencies),
                [pos[n][1] for n in agencies],
                s=30,
                c=[style.system_color(G.nodes[n].get("system")) for n in agencies],
                edgecolors="#444444",
                linewidths=0.5,
                zorder=2,
            )
            for n in agencies:
                ax.text(
                    -0.03,
                    pos[n][1],
                    style.agency_label(G, n, G.nodes[n], labels),
                    ha="right",
                    va="center",
                    fontsize=7,
                )
        if measures:
            ax.scatter(
                [1.0] * len(measures),
                [pos[n][1] for n in measures],
                s=22,
                marker="s",
                c=style.MEASURE_COLOR,
                edgecolors="#444444",
                linewidths=0.5,
                zorder=2,
            )
            for n in measures:
                ax.text(
                    1.03,
                    pos[n][1],
                    style.measure_label(G.nodes[n], n, labels),
                    ha="left",
                    va="center",
                    fontsize=6,
                )
        ax.set_xlim(-0.05, 1.05)
        ax.set_ylim(-1, rows)
        ax.axis("off")
        inherited = any(bool(i) for _, _, i in G.edges(data="inherited"))
        systems = [_text(G.nodes[n].get("system")) for n in agencies]
        present = {_text(r) for *_, r in G.edges(data="role")}
        roles = [r for r in ("lead", "support", "responsible") if r in present]
        ax.legend(
            handles=_system_handles(systems, labels) + _role_handles(labels, inherited, roles),
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=4,
            frameon=False,
            fontsize=7,
        )
        ax.set_title(_text(G.graph.get("docs")) if title is None else title, loc="left")
    return fig


def role_counts_figure(
    assignments: pd.DataFrame,
    types: pd.DataFrame | None = None,
    *,
    lang: str | None = None,
    labels: str | None = None,
    top: int | None = None,
    title: str | None = None,
) -> Figure:
    """Lead and support assignments by agency type, as stacked horizontal bars.

    Parameters
    ----------
    assignments : DataFrame
        The assignments table (``doc_id, role, agency_type``); rows whose
        type is empty are left out and counted in the x-axis label.
    types : DataFrame, optional
        Gives labels and colours: ``agency_type`` with ``type_en``,
        ``type_zh`` (or ``name_zh``) and ``system`` — e.g.
        :func:`agencygraph.agencies.agency_types` or the agencies table.
        Without it, bars are labelled by type code and grey.
    lang : {"en", "zh"}
        Language of all text (default ``"en"``; ``labels`` is its older name).
    top : int, optional
        Keep the ``top`` types with the most assignments.
    title : str, optional

    Returns
    -------
    Figure
        Bars sorted by total, largest on top; lead in the system's colour,
        support in a lighter hatched shade of it.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d", "d"], "role": ["lead", "support"],
    ...                   "agency_type": ["hrss", "union"]})
    >>> len(role_counts_figure(a).axes[0].patches)
    4
    """
    labels = style.check_lang(lang, labels, "en")
    rows, unresolved = _assignment_rows(assignments)
    table = _type_table(types)
    counts = (
        rows.groupby(["agency_type", "role"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=["lead", "support"], fill_value=0)
    )
    counts["total"] = counts["lead"] + counts["support"]
    counts = counts.reset_index().sort_values(["total", "agency_type"], ascending=[False, True])
    if top is not None:
        counts = counts.head(int(top))
    counts = counts.iloc[::-1]  # barh draws from the bottom
    names = [_wrap(_type_label(t, table, labels), labels) for t in counts["agency_type"]]
    colors = [
        style.system_color(table.loc[t, "system"]) if t in table.index else style.UNKNOWN_COLOR
        for t in counts["agency_type"]
    ]
    y = np.arange(len(counts))
    with _style():
        fig = Figure(figsize=(7.0, max(2.0, 0.25 * len(counts) + 1.2)), layout="constrained")
        ax = fig.add_subplot()
        ax.barh(
            y,
            counts["lead"],
            color=colors,
            edgecolor="#444444",
            linewidth=0.4,
            label="牵头" if labels == "zh" else "lead",
        )
        ax.barh(
            y,
            counts["support"],
            left=counts["lead"],
            color=colors,
            alpha=0.45,
            hatch="///",
            edgecolor="#444444",
            linewidth=0.4,
            label="配合" if labels == "zh" else "support",
        )
        ax.set_yticks(y, names)
        ax.tick_params(axis="y", labelsize=7)
        xlabel = "任务数" if labels == "zh" else "assignments"
        if unresolved:
            xlabel += (
                f"（未识别的 {unresolved} 条未计入）"
                if labels == "zh"
                else f" ({unresolved} unresolved left out)"
            )
        ax.set_xlabel(xlabel)
        ax.set_ylim(-0.6, max(len(counts), 1) - 0.4)
        handles = [
            Patch(
                facecolor="#777777", edgecolor="#444444", label="牵头" if labels == "zh" else "lead"
            ),
            Patch(
                facecolor="#777777",
                alpha=0.45,
                hatch="///",
                edgecolor="#444444",
                label="配合" if labels == "zh" else "support",
            ),
        ]
        if table.size:
            handles += _system_handles(
                [table.loc[t, "system"] for t in counts["agency_type"] if t in table.index],
                labels,
                marker="s",
            )
        ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=7)
        ax.set_title(
            title
            or ("各类单位牵头与配合任务数" if labels == "zh" else "Lead and support by agency type")
        )
    return fig


def lead_role_share_heatmap(
    assignments: pd.DataFrame,
    types: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    *,
    lang: str | None = None,
    labels: str | None = None,
    min_count: int = 1,
    title: str | None = None,
) -> Figure:
    r"""Heatmap of the lead-role share of each agency type (rows) in each place (columns).

    The cell value is :math:`n_{lead} / (n_{lead} + n_{support})` over the
    assignments of that type in that document; blank where the type has fewer
    than ``min_count`` assignments there. Each cell is annotated with its
    value and count.

    Parameters
    ----------
    assignments : DataFrame
        ``doc_id, role, agency_type``; unresolved rows are left out.
    types : DataFrame, optional
        Row labels and order (by system), as in :func:`role_counts_figure`.
    documents : DataFrame, optional
        The documents table; columns are labelled by ``place_zh`` or
        ``place_en`` instead of ``doc_id``.
    lang : {"en", "zh"}
        Language of all text (default ``"en"``; ``labels`` is its older name).
    min_count : int
        Smallest number of assignments for a cell to be shown (default 1).
    title : str, optional

    Returns
    -------
    Figure

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d", "d", "e"], "role": ["lead", "support", "lead"],
    ...                   "agency_type": ["hrss", "hrss", "hrss"]})
    >>> fig = lead_role_share_heatmap(a)
    >>> fig.axes[0].images[0].get_array().tolist()
    [[0.5, 1.0]]
    """
    labels = style.check_lang(lang, labels, "en")
    rows, _ = _assignment_rows(assignments)
    table = _type_table(types)
    lead = rows.assign(lead=rows["role"] == "lead").pivot_table(
        index="agency_type", columns="doc_id", values="lead", aggfunc="sum", fill_value=0
    )
    total = rows.pivot_table(
        index="agency_type", columns="doc_id", values="role", aggfunc="size", fill_value=0
    )
    lead = lead.reindex_like(total).fillna(0)
    system_rank = {s: i for i, s in enumerate(style.SYSTEMS)}
    order = sorted(
        total.index,
        key=lambda t: (
            system_rank.get(table.loc[t, "system"], len(system_rank))
            if t in table.index
            else len(system_rank) + 1,
            -int(total.loc[t].sum()),
            t,
        ),
    )
    total, lead = total.loc[order], lead.loc[order]
    share = (lead / total.where(total >= max(int(min_count), 1))).astype(float)
    places = {}
    if documents is not None and "doc_id" in documents.columns:
        column = "place_zh" if labels == "zh" else "place_en"
        if column in documents.columns:
            places = dict(
                zip(documents["doc_id"].astype(str), documents[column].astype(str), strict=True)
            )
    col_labels = [places.get(d) or d for d in total.columns]
    row_labels = [_wrap(_type_label(t, table, labels), labels) for t in total.index]
    with _style():
        fig = Figure(
            figsize=(0.7 * len(col_labels) + 4.5, max(2.5, 0.3 * len(row_labels) + 1.5)),
            layout="constrained",
        )
        ax = fig.add_subplot()
        cmap = mpl.colormaps["cividis"].with_extremes(bad="#F2F2F2")
        image = ax.imshow(
            np.ma.masked_invalid(share.to_numpy()),
            cmap=cmap,
            vmin=0,
            vmax=1,
            aspect="auto",
            interpolation="nearest",
        )
        ax.set_xticks(np.arange(len(col_labels)), col_labels)
        ax.set_yticks(np.arange(len(row_labels)), row_labels)
        ax.tick_params(axis="both", labelsize=7, length=0)
        ax.spines[:].set_visible(False)
        for i in range(share.shape[0]):
            for j in range(share.shape[1]):
                value = share.iat[i, j]
                if np.isfinite(value):
                    ax.text(
                        j,
                        i,
                        f"{value:.2f}\n({int(total.iat[i, j])})",
                        ha="center",
                        va="center",
                        fontsize=5.5,
                        color="white" if value < 0.6 else "black",
                    )
        bar = fig.colorbar(image, ax=ax, shrink=0.6)
        bar.set_label("牵头角色占比" if labels == "zh" else "lead-role share")
        ax.set_title(
            title
            or (
                "各地各类单位牵头角色占比"
                if labels == "zh"
                else "Lead-role share by type and place"
            )
        )
    return fig


#: The older name of :func:`lead_role_share_heatmap`.
lead_share_heatmap = lead_role_share_heatmap


def _square(data: pd.DataFrame, value: str | None) -> tuple[pd.DataFrame, str]:
    """Square symmetric matrix from a square frame or a tidy pair table."""
    if {"source", "target"} <= set(data.columns):
        if value is None:
            value = next(
                (c for c in ("jaccard", "weight", "overlap", "n_shared") if c in data), None
            )
        if value is None or value not in data.columns:
            raise ValueError("pair table needs a value column (jaccard, weight, overlap, n_shared)")
        nodes = sorted(set(data["source"]) | set(data["target"]), key=style._key)
        M = pd.DataFrame(0.0, index=nodes, columns=nodes)
        for s, t, w in zip(data["source"], data["target"], data[value], strict=True):
            M.at[s, t] = M.at[t, s] = float(w)
        return M, value
    if list(data.index) != list(data.columns):
        raise ValueError(
            "a matrix must have the same labels on rows and columns, in the same order"
        )
    return data.astype(float), value or "value"


def overlap_heatmap(
    data: pd.DataFrame,
    G: nx.Graph | None = None,
    *,
    value: str | None = None,
    lang: str | None = None,
    labels: str | None = None,
    title: str | None = None,
) -> Figure:
    """Heatmap of the agency × agency overlap matrix.

    Parameters
    ----------
    data : DataFrame
        Either the tidy pair table of :func:`agencygraph.metrics.overlap` or
        :func:`agencygraph.graph.project_agencies` with ``as_frame=True``
        (``source, target`` and a value column), or a square matrix with the
        same labels on rows and columns.
    G : networkx.Graph, optional
        Gives agency names and systems (e.g. the bipartite graph); rows are
        then grouped by system and labelled by name, and agencies of ``G``
        absent from ``data`` appear as empty rows.
    value : str, optional
        Value column of a pair table; default the first of ``jaccard``,
        ``weight``, ``overlap``, ``n_shared``.
    lang : {"zh", "en"}
        Language of all text (default ``"zh"``; ``labels`` is its older name).
    title : str, optional

    Returns
    -------
    Figure
        The diagonal is left blank.

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"source": ["a"], "target": ["b"], "jaccard": [0.5]})
    >>> overlap_heatmap(pairs).axes[0].images[0].get_array().shape
    (2, 2)
    """
    labels = style.check_lang(lang, labels, "zh")
    M, value = _square(data, value)
    names: dict = {}
    if G is not None:
        system_rank = {s: i for i, s in enumerate(style.SYSTEMS)}
        agencies = [n for n, d in G.nodes(data=True) if not style._is_measure(d)]
        nodes = list(dict.fromkeys([*M.index, *agencies]))
        nodes.sort(
            key=lambda n: (
                system_rank.get(_text(G.nodes[n].get("system")), len(system_rank))
                if n in G
                else len(system_rank) + 1,
                *style._key(n),
            )
        )
        M = M.reindex(index=nodes, columns=nodes, fill_value=0.0)
        names = {n: style.agency_label(G, n, G.nodes[n], labels) for n in nodes if n in G}
    matrix = M.to_numpy(dtype=float, copy=True)
    np.fill_diagonal(matrix, np.nan)
    tick = [names.get(n, str(n)) for n in M.index]
    size = max(3.0, 0.16 * len(tick) + 2.0)
    # Room for the tick labels (at their size about 0.085 inch a Chinese character, 0.05 a
    # Latin one) and the key's rows, so that a few agencies with long names never leave the
    # matrix no room.
    margin = max((sum(0.085 if ord(c) > 0x2E80 else 0.05 for c in t) for t in tick), default=0)
    n_systems = len({_text(G.nodes[n].get("system")) for n in M.index if n in G}) if G else 0
    key = 0.3 * (1 + -(-n_systems // 4)) if n_systems else 0.0
    with _style():
        fig = Figure(figsize=(size + margin + 1.0, size + margin + key), layout="constrained")
        ax = fig.add_subplot()
        cmap = mpl.colormaps["Blues"].with_extremes(bad="#FFFFFF")
        image = ax.imshow(
            np.ma.masked_invalid(matrix),
            cmap=cmap,
            vmin=0,
            vmax=np.nanmax(matrix) if np.isfinite(matrix).any() else 1,
            interpolation="nearest",
        )
        ax.set_xticks(np.arange(len(tick)), tick, rotation=90)
        ax.set_yticks(np.arange(len(tick)), tick)
        ax.tick_params(axis="both", labelsize=6 if len(tick) < 40 else 4, length=0)
        ax.spines[:].set_visible(False)
        if G is not None:
            for axis_labels in (ax.get_xticklabels(), ax.get_yticklabels()):
                for label, n in zip(axis_labels, M.index, strict=True):
                    if n in G:
                        label.set_color(_darker(style.system_color(G.nodes[n].get("system"))))
            # A key to the label colours, below the matrix where it covers nothing.
            systems = [_text(G.nodes[n].get("system")) for n in M.index if n in G]
            handles = _system_handles(systems, labels, marker="s")
            for handle in handles:
                handle.set_markerfacecolor(_darker(handle.get_markerfacecolor()))
            fig.legend(
                handles=handles,
                loc="outside lower center",
                ncol=min(4, max(len(handles), 1)),
                frameon=False,
                fontsize=6.5,
                title="标签颜色：系统" if labels == "zh" else "Label colour: system",
                title_fontsize=7,
            )
        names_of = _VALUE_NAMES[labels]
        fig.colorbar(image, ax=ax, shrink=0.6).set_label(names_of.get(value, value))
        default = "单位任务重叠" if labels == "zh" else "Agency overlap"
        ax.set_title(title or f"{default} ({names_of.get(value, value)})", loc="left")
    return fig


_VALUE_NAMES = {
    "en": {
        "jaccard": "Jaccard",
        "overlap": "overlap coefficient",
        "weight": "weight",
        "n_shared": "shared measures",
    },
    "zh": {
        "jaccard": "Jaccard 系数",
        "overlap": "重叠系数",
        "weight": "权重",
        "n_shared": "共同任务数",
        "value": "数值",
    },
}


def _darker(color) -> tuple[float, float, float]:
    """The colour darkened until it reads as text on white (contrast about 4.5 : 1).

    Pale palette colours (yellow, sky blue) are unreadable as tick labels otherwise.
    """
    rgb = np.array(mpl.colors.to_rgb(color))

    def luminance(c: np.ndarray) -> float:
        lin = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return float(lin @ np.array([0.2126, 0.7152, 0.0722]))

    while luminance(rgb) > 0.18:
        rgb = rgb * 0.9
    return tuple(float(x) for x in rgb)


def projection_figure(
    backbone: nx.Graph | pd.DataFrame,
    G: nx.Graph | None = None,
    *,
    lang: str | None = None,
    labels: str | None = None,
    layout: str | Mapping = "auto",
    seed: int | None = None,
    title: str | None = None,
    caption: str | None = None,
) -> Figure:
    """Drawing of an agency projection or its backbone.

    Parameters
    ----------
    backbone : networkx.Graph, networkx.DiGraph or DataFrame
        The graph to draw, or its edge table ``source, target[, weight]``
        (e.g. a backbone kept by a significance test, or
        :func:`agencygraph.graph.project_agencies` with ``as_frame=True``).
    G : networkx.Graph, optional
        Source of node attributes (names, ``system``) when ``backbone`` lacks
        them, e.g. the bipartite graph it was projected from.
    lang : {"zh", "en"}
        Language of all text (default ``"zh"``; ``labels`` is its older name).
    layout : {"auto", "spring", "kamada_kawai"} or mapping
        Layout of :func:`agencygraph.viz.style.positions`.
    seed : int, optional
        Default :data:`agencygraph.settings.SEED`.
    title : str, optional
    caption : str, optional
        Text under the drawing, e.g. :func:`backbone_caption` (method, α,
        correction).

    Returns
    -------
    Figure
        Node colour by system, size by weighted degree, edge width by weight;
        arrows for a directed graph (lead → support). The legend sits beside
        the drawing, never over a node.

    Examples
    --------
    >>> import pandas as pd
    >>> edges = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"], "weight": [2.0, 1.0]})
    >>> len(projection_figure(edges).axes[0].collections)
    2
    """
    labels = style.check_lang(lang, labels, "zh")
    if isinstance(backbone, pd.DataFrame):
        if not {"source", "target"} <= set(backbone.columns):
            raise ValueError("an edge table needs source and target columns")
        B = nx.Graph()
        weights = backbone["weight"] if "weight" in backbone.columns else [1.0] * len(backbone)
        B.add_weighted_edges_from(
            (s, t, float(w))
            for s, t, w in zip(backbone["source"], backbone["target"], weights, strict=True)
        )
    else:
        B = backbone
    nodes = sorted(B.nodes, key=style._key)

    def attrs(n: Hashable) -> Mapping:
        own = B.nodes[n]
        return own if own or G is None or n not in G else G.nodes[n]

    pos = _packed(B, layout, seed) if isinstance(layout, str) else style.positions(B, layout)
    strength = {
        n: sum(float(d.get("weight", 1.0)) for *_, d in B.edges(n, data=True)) for n in nodes
    }
    top = max(strength.values(), default=0.0) or 1.0
    edges = sorted(B.edges(data=True), key=lambda e: (style._key(e[0]), style._key(e[1])))
    ws = [float(d.get("weight", 1.0)) for *_, d in edges]
    lo, hi = (min(ws), max(ws)) if ws else (1.0, 1.0)
    widths = [0.5 + 3.5 * (w - lo) / (hi - lo) if hi > lo else 1.2 for w in ws]
    with _style():
        side = min(6.0, max(3.0, 1.6 + 0.22 * len(nodes)))
        fig = Figure(figsize=(side + 1.8, side), layout="constrained")
        ax = fig.add_subplot()
        if B.is_directed():
            for (u, v, _), width in zip(edges, widths, strict=True):
                ax.annotate(
                    "",
                    xy=pos[v],
                    xytext=pos[u],
                    arrowprops={
                        "arrowstyle": "-|>",
                        "color": "#777777",
                        "lw": width,
                        "shrinkA": 6,
                        "shrinkB": 6,
                        "alpha": 0.7,
                    },
                    zorder=1,
                )
        ax.add_collection(
            LineCollection(
                [] if B.is_directed() else [[pos[u], pos[v]] for u, v, _ in edges],
                colors="#777777",
                linewidths=widths if not B.is_directed() else 1.0,
                alpha=0.6,
                zorder=1,
            )
        )
        systems = [_text(attrs(n).get("system")) for n in nodes]
        ax.scatter(
            [pos[n][0] for n in nodes],
            [pos[n][1] for n in nodes],
            s=[30 + 270 * strength[n] / top for n in nodes],
            c=[style.system_color(s) for s in systems],
            edgecolors="#444444",
            linewidths=0.5,
            zorder=2,
        )
        if nodes:
            xs = [pos[n][0] for n in nodes]
            yvals = [pos[n][1] for n in nodes]
            pad = 0.12 * max(max(xs) - min(xs), max(yvals) - min(yvals), 1e-9)
            ax.set_xlim(min(xs) - pad, max(xs) + pad)
            ax.set_ylim(min(yvals) - pad, max(yvals) + pad)
        ax.axis("off")
        texts = [
            _wrap(
                style.agency_label(G if G is not None and n in G else B, n, attrs(n), labels),
                labels,
            )
            for n in nodes
        ]
        sizes = [30 + 270 * strength[n] / top for n in nodes]
        _place_labels(fig, ax, [pos[n] for n in nodes], texts, sizes)
        fig.legend(
            handles=_system_handles(systems, labels),
            loc="outside right upper",
            frameon=False,
            fontsize=7,
        )
        ax.set_title(
            title or ("单位网络骨干" if labels == "zh" else "Agency network backbone"), loc="left"
        )
        if caption:
            width = 60 if labels == "zh" else 110
            fig.text(
                0.0,
                0.0,
                "\n".join(textwrap.wrap(caption, width)),
                ha="left",
                va="top",
                fontsize=6.5,
                color="#333333",
                transform=fig.transFigure,
            )
    return fig


def _packed(B: nx.Graph, layout: str, seed: int | None) -> dict:
    """Each connected component laid out alone, then the components packed in rows.

    A force layout of a disconnected graph pushes its components to the corners and leaves
    the middle of the figure empty.
    """
    U = B.to_undirected() if B.is_directed() else B
    parts = sorted(
        (sorted(c, key=style._key) for c in nx.connected_components(U)),
        key=lambda c: (-len(c), style._key(c[0])),
    )
    pos: dict = {}
    x = y = row_height = 0.0
    width = max(3.0, 1.5 * np.sqrt(len(U)))
    for part in parts:
        size = max(0.8, 0.6 * np.sqrt(len(part)))
        sub = style.positions(U.subgraph(part), layout, seed=seed) if len(part) > 1 else {}
        if x > 0 and x + size > width:
            x, y, row_height = 0.0, y - row_height - 1.0, 0.0
        for n in part:
            px, py = sub.get(n, (0.0, 0.0))
            pos[n] = (x + size / 2 + px * size / 2, y - size / 2 + py * size / 2)
        x += size + 1.2
        row_height = max(row_height, size)
    return pos


def _place_labels(fig: Figure, ax, points: list, texts: list[str], sizes: list[float]) -> None:
    """Label each node beside it where the label meets no other label (largest nodes first).

    Tries above, below, right and left of the node; a label that fits nowhere goes where it
    overlaps least, so that every node keeps its name in print.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import Bbox

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw_without_rendering()
    placed: list = []
    # Nodes are obstacles too (a label may touch only its own node).
    centres = ax.transData.transform(np.asarray(points, dtype=float).reshape(-1, 2))
    scale = fig.dpi / 72.0
    nodes = [
        Bbox.from_extents(x - r, y - r, x + r, y + r)
        for (x, y), r in zip(centres, (np.sqrt(sizes) / 2 * scale), strict=True)
    ]
    order = sorted(range(len(points)), key=lambda i: (-sizes[i], i))
    spots = [
        ((0, 1), "center", "bottom"),
        ((0, -1), "center", "top"),
        ((1, 0), "left", "center"),
        ((-1, 0), "right", "center"),
    ]
    for i in order:
        radius = np.sqrt(sizes[i]) / 2 + 2  # marker radius in points, and a gap
        best, best_overlap = None, None
        for (dx, dy), ha, va in spots:
            text = ax.annotate(
                texts[i],
                points[i],
                xytext=(dx * radius, dy * radius),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=6.5,
                zorder=3,
            )
            box = text.get_window_extent(renderer)
            others = placed + nodes[:i] + nodes[i + 1 :]
            overlap = sum(
                max(0.0, min(box.x1, o.x1) - max(box.x0, o.x0))
                * max(0.0, min(box.y1, o.y1) - max(box.y0, o.y0))
                for o in others
            )
            if best_overlap is None or overlap < best_overlap:
                if best is not None:
                    best[0].remove()
                best, best_overlap = (text, Bbox(box.get_points())), overlap
            else:
                text.remove()
            if overlap == 0:
                break
        placed.append(best[1])


def backbone_caption(
    *, lang: str = "en", alpha: float | None = None, correction: str = "none"
) -> str:
    """Caption of an SDSM backbone figure: method, significance level, correction.

    Examples
    --------
    >>> backbone_caption(alpha=0.05)[:40]
    'Backbone: stochastic degree sequence mod'
    """
    from agencygraph import settings

    alpha = settings.ALPHA if alpha is None else float(alpha)
    lang = style.check_lang(lang)
    if lang == "zh":
        fix = {
            "none": "未做多重检验校正",
            "bonferroni": "Bonferroni 校正",
            "holm": "Holm 校正",
            "hochberg": "Hochberg 校正",
            "hommel": "Hommel 校正",
            "BH": "Benjamini–Hochberg 错误发现率校正",
            "fdr": "Benjamini–Hochberg 错误发现率校正",
            "BY": "Benjamini–Yekutieli 错误发现率校正",
        }
        return (
            f"骨干网络：随机度序列模型（SDSM，Neal 2014），保留共同任务数显著多于随机期望的单位对"
            f"（单侧检验，α = {alpha:g}，{fix.get(correction, correction)}）。"
            "线宽：共同任务数；节点大小：加权度。"
        )
    fix = {
        "none": "no correction for multiple tests",
        "bonferroni": "Bonferroni correction",
        "holm": "Holm correction",
        "hochberg": "Hochberg correction",
        "hommel": "Hommel correction",
        "BH": "Benjamini–Hochberg false discovery rate",
        "fdr": "Benjamini–Hochberg false discovery rate",
        "BY": "Benjamini–Yekutieli false discovery rate",
    }
    return (
        "Backbone: stochastic degree sequence model (SDSM; Neal 2014). A tie is kept where two "
        "agencies share significantly more measures than expected (one-tailed, "
        f"α = {alpha:g}, {fix.get(correction, correction)}). Line width: shared measures; "
        "node size: weighted degree."
    )
