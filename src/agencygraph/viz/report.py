"""The build's index page: a short report of one run, in one language.

It shows a thumbnail of every figure and network (each linking to the full
file), the documents, a compact cross-region table (chosen columns, numbers
formatted, columns without a value left out; the full table is linked as
CSV), the warnings and the unit names the lexicon did not know, and the run's
parameters. The page is at most 1,400 px wide and needs no network access.

Examples
--------
>>> import pandas as pd
>>> page = index_page(pd.DataFrame({"doc_id": ["d"], "place_zh": ["海门市"]}), lang="en")
>>> page.startswith(b"<!DOCTYPE html>") and b'lang="en"' in page
True
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

import pandas as pd

__all__ = ["CROSS_COLUMNS", "index_page"]

#: Columns of the compact cross-region table, in order (their ``_z`` beside them when present).
CROSS_COLUMNS: tuple[str, ...] = (
    "n_agencies",
    "n_measures",
    "n_edges",
    "density",
    "mean_units_per_measure",
    "lead_hhi",
    "party_lead_share",
    "union_lead_share",
    "multi_lead_share",
    "nodf",
    "modularity",
)

_HEAD = {
    "en": {
        "title": "agencygraph build report",
        "params": "Run parameters",
        "documents": "Documents",
        "cross": "Cross-region comparison",
        "cross_note": "z: standardised difference from the null model; blank where the null "
        "model has no spread. All columns:",
        "networks": "Interactive networks",
        "figures": "Figures",
        "graphs": "Graph files (Gephi: GEXF, GraphML; node-link JSON)",
        "warnings": "Warnings",
        "unknown": "Unit names not in the lexicon",
        "none": "none",
        "more": "{0} more rows in",
        "tables": "Tables (CSV)",
        "seed": "seed of layouts and null models",
        "null_samples": "null model samples",
        "unit": "unit of analysis",
        "unit_value": "agency within its place (per plan); functional type (pooled view)",
        "alpha": "significance level of the backbone (SDSM; its correction: backbone.csv)",
        "lang": "language",
        "version": "agencygraph version",
    },
    "zh": {
        "title": "agencygraph 构建报告",
        "params": "运行参数",
        "documents": "文件",
        "cross": "跨地区比较",
        "cross_note": "z：与零模型的标准化差异；零模型无变异时留空。全部列见",
        "networks": "交互网络",
        "figures": "图",
        "graphs": "网络文件（Gephi：GEXF、GraphML；node-link JSON）",
        "warnings": "警告",
        "unknown": "词典未收录的单位名称",
        "none": "无",
        "more": "另有 {0} 行，见",
        "tables": "数据表（CSV）",
        "seed": "布局与零模型的随机种子",
        "null_samples": "零模型抽样次数",
        "unit": "分析单位",
        "unit_value": "各地的具体单位（单个文件）；职能类型（汇总视图）",
        "alpha": "骨干网络显著性水平（SDSM；多重检验校正见 backbone.csv 的 correction 列）",
        "lang": "语言",
        "version": "agencygraph 版本",
    },
}

_COLUMNS = {
    "en": {
        "doc_id": "doc",
        "place": "place",
        "level": "level",
        "date": "date",
        "layout": "layout",
        "n_measures": "measures",
        "n_assignments": "assignments",
        "n_agencies": "agencies",
        "n_edges": "ties",
        "density": "density",
        "mean_units_per_measure": "units per measure",
        "lead_hhi": "lead HHI",
        "party_lead_share": "party lead share",
        "union_lead_share": "union lead share",
        "multi_lead_share": "multi-lead share",
        "nodf": "NODF",
        "modularity": "modularity",
        "line": "line",
        "message": "message",
        "agency_raw": "name as written",
        "count": "count",
        "kind": "kind",
    },
    "zh": {
        "doc_id": "文件",
        "place": "地区",
        "level": "行政级别",
        "date": "日期",
        "layout": "版式",
        "n_measures": "任务数",
        "n_assignments": "分工条目",
        "n_agencies": "单位数",
        "n_edges": "关系数",
        "density": "密度",
        "mean_units_per_measure": "每项任务单位数",
        "lead_hhi": "牵头集中度 HHI",
        "party_lead_share": "党委牵头占比",
        "union_lead_share": "工会牵头占比",
        "multi_lead_share": "多头牵头占比",
        "nodf": "嵌套度 NODF",
        "modularity": "模块度",
        "line": "行",
        "message": "说明",
        "agency_raw": "原文名称",
        "count": "次数",
        "kind": "类别",
    },
}

# Values of the documents table in Chinese, for the Chinese page.
_LEVELS_ZH = {
    "province": "省",
    "sub-provincial city": "副省级市",
    "prefecture-level city": "地级市",
    "county-level city": "县级市",
    "county": "县",
    "district": "区",
    "subdistrict": "街道",
    "town": "镇",
    "township": "乡",
}
_LAYOUTS_ZH = {"table": "表格", "inline": "文中括注", "narrative": "叙述"}

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei",
  "Noto Sans CJK SC", sans-serif; margin: 0 auto; padding: 16px 24px; max-width: 1352px;
  color: #222; line-height: 1.45; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0; }
td, th { border: 1px solid #ccc; padding: 2px 7px; vertical-align: top; }
th { background: #f3f3f3; text-align: left; } td.num { text-align: right;
  font-variant-numeric: tabular-nums; }
.wrap { max-width: 100%; overflow-x: auto; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { width: 250px; border: 1px solid #ddd; border-radius: 4px; padding: 6px; font-size: 12px;
  overflow-wrap: anywhere; }
.card img { display: block; width: 100%; height: 160px; object-fit: contain; background: #fff; }
.card a { text-decoration: none; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; font-size: 13px; }
dt { color: #555; } dd { margin: 0; }
p.note { font-size: 12px; color: #555; }
"""


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _number(value: object, column: str) -> tuple[str, bool]:
    """A cell as text and whether it is a number (right-aligned)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "", False
    if isinstance(value, bool):
        return str(value).lower(), False
    if isinstance(value, int) or (
        isinstance(value, float) and value.is_integer() and column.startswith("n_")
    ):
        return f"{int(value):,}", True
    if isinstance(value, float):
        if column.endswith("_z"):
            return f"{value:.2f}", True
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}", True
    return str(value), False


def _table(frame: pd.DataFrame, heads: Mapping[str, str]) -> str:
    head = "".join(f"<th>{_esc(heads.get(c, c))}</th>" for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            text, numeric = _number(value, str(column))
            cells.append(
                f'<td class="num">{_esc(text)}</td>' if numeric else f"<td>{_esc(text)}</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "".join(rows)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="wrap">{table}</div>'


def _compact_cross(cross: pd.DataFrame, places: Mapping[str, str], lang: str) -> pd.DataFrame:
    keep = ["doc_id"]
    for column in CROSS_COLUMNS:
        for c in (column, f"{column}_z"):
            if c in cross.columns and cross[c].notna().any():
                keep.append(c)
    out = cross[keep].copy()
    out.insert(1, "place", [places.get(str(d), "") for d in out["doc_id"]])
    if not out["place"].astype(bool).any():
        out = out.drop(columns="place")
    return out


def index_page(
    documents: pd.DataFrame,
    *,
    cross_region: pd.DataFrame | None = None,
    warnings: pd.DataFrame | None = None,
    unknown: pd.DataFrame | None = None,
    networks: Sequence[tuple[str, str, str]] = (),
    figures: Sequence[tuple[str, str, str]] = (),
    graph_files: Mapping[str, Sequence[str]] | None = None,
    parameters: Mapping[str, object] | None = None,
    tables_dir: str = "",
    lang: str = "zh",
    max_rows: int = 50,
) -> bytes:
    """The index page of a build as UTF-8 bytes.

    Parameters
    ----------
    documents : DataFrame
        The documents table (``doc_id``, places, level, date, layout, counts).
    cross_region : DataFrame, optional
        The ``cross_region`` metric table; shown compact (:data:`CROSS_COLUMNS`).
    warnings, unknown : DataFrame, optional
        The coder's warnings and ``unknown_agencies``; the first ``max_rows`` rows.
    networks, figures : sequence of (title, link, thumbnail)
        Pages and figures, each with the relative link and its thumbnail image.
    graph_files : mapping, optional
        Graph name → relative links of its files.
    parameters : mapping, optional
        Run parameters (``seed``, ``null_samples``, ``alpha``, ``version``).
    tables_dir : str
        Relative link to the folder of the CSV tables.
    lang : {"zh", "en"}
    max_rows : int

    Returns
    -------
    bytes
    """
    text, heads = _HEAD[lang], _COLUMNS[lang]
    place_col = "place_zh" if lang == "zh" else "place_en"
    places = (
        dict(zip(documents["doc_id"].astype(str), documents[place_col].astype(str), strict=True))
        if place_col in documents.columns
        else {}
    )
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text['title']}</title><style>{_CSS}</style></head><body>",
        f"<h1>{text['title']}</h1>",
    ]
    base = tables_dir.rstrip("/") + "/" if tables_dir else ""
    params = dict(parameters or {})
    rows = [
        (text["seed"], params.get("seed")),
        (text["null_samples"], params.get("null_samples")),
        (text["unit"], text["unit_value"]),
        (text["alpha"], params.get("alpha")),
        (text["lang"], lang),
        (text["version"], params.get("version")),
    ]
    parts.append(f"<h2>{text['params']}</h2><dl>")
    parts += [f"<dt>{k}</dt><dd>{_esc(v)}</dd>" for k, v in rows if v not in (None, "")]
    parts.append(
        f'<dt>{text["tables"]}</dt><dd><a href="{_esc(base)}">'
        f"<code>{_esc(base or './')}</code></a></dd></dl>"
    )
    columns = [
        c
        for c in ("doc_id", "level", "date", "layout", "n_measures", "n_assignments")
        if c in documents.columns
    ]
    docs = documents[columns].copy()
    if lang == "zh":
        for column, names in (("level", _LEVELS_ZH), ("layout", _LAYOUTS_ZH)):
            if column in docs.columns:
                docs[column] = [names.get(str(v), v) for v in docs[column]]
    if places:
        docs.insert(1, "place", [places.get(str(d), "") for d in docs["doc_id"]])
    parts.append(f"<h2>{text['documents']}</h2>{_table(docs, heads)}")
    if networks:
        parts.append(f"<h2>{text['networks']}</h2>{_cards(networks)}")
    if figures:
        parts.append(f"<h2>{text['figures']}</h2>{_cards(figures)}")
    if cross_region is not None and len(cross_region):
        compact = _compact_cross(cross_region, places, lang)
        z_heads = {f"{c}_z": "z" for c in CROSS_COLUMNS}
        parts.append(
            f"<h2>{text['cross']}</h2>{_table(compact, {**heads, **z_heads})}"
            f'<p class="note">{text["cross_note"]} <a href="{_esc(base)}cross_region.csv">'
            "cross_region.csv</a></p>"
        )
    for key, frame, name in (
        ("warnings", warnings, "warnings.csv"),
        ("unknown", unknown, "unknown_agencies.csv"),
    ):
        parts.append(f"<h2>{text[key]}</h2>")
        if frame is None or not len(frame):
            parts.append(f"<p>{text['none']}</p>")
            continue
        shown = frame.head(max_rows).copy()
        for column in ("source_file", "file"):
            if column in shown.columns:
                # The file's name is enough here; a full path would tie the page to one machine.
                shown[column] = [
                    str(v).replace("\\", "/").rsplit("/", 1)[-1] for v in shown[column]
                ]
        parts.append(_table(shown, heads))
        if len(frame) > max_rows:
            parts.append(
                f'<p class="note">{text["more"].format(len(frame) - max_rows)} '
                f'<a href="{_esc(base)}{name}">{name}</a></p>'
            )
    if graph_files:
        items = "".join(
            f"<li>{_esc(g)}: "
            + " · ".join(
                f'<a href="{_esc(f)}">{_esc(f.rsplit(".", 1)[-1].upper())}</a>' for f in files
            )
            + "</li>"
            for g, files in graph_files.items()
        )
        parts.append(f"<h2>{text['graphs']}</h2><ul>{items}</ul>")
    parts.append("</body></html>\n")
    return "".join(parts).encode("utf-8")


def _cards(items: Sequence[tuple[str, str, str]]) -> str:
    cards = "".join(
        f'<div class="card"><a href="{_esc(link)}"><img src="{_esc(thumb)}" alt="{_esc(title)}" '
        f'loading="lazy"><span>{_esc(title)}</span></a>'
        + (f' · <a href="{_esc(link[:-4])}.svg">SVG</a>' if link.endswith(".png") else "")
        + "</div>"
        for title, link, thumb in items
    )
    return f'<div class="cards">{cards}</div>'
