"""Interactive HTML networks and static figures (agencygraph.viz)."""

from __future__ import annotations

import html as htmllib
import io
import json
import math
import re
import warnings

import networkx as nx
import pandas as pd
import pytest

import agencygraph as ag
from agencygraph.graph import bipartite_graph, lead_support_network, project_agencies
from agencygraph.metrics import overlap
from agencygraph.viz import figures, network_html, style, write_network_html
from agencygraph.viz.html import (
    network_assets,
    network_view,
    show,
    write_gexf,
    write_networks_html,
)

SCRIPT = "<script>alert(1)</script>"
HOSTILE = f'推进"产教融合" & {SCRIPT} 工作'


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """Two small plans coded as in CONTRACT.md, one measure with hostile text."""
    measures = pd.DataFrame(
        {
            "doc_id": ["haimen", "haimen", "haimen", "cixi", "cixi"],
            "measure_id": [
                "haimen-s1-m1",
                "haimen-s1-m2",
                "haimen-s2-m3",
                "cixi-s1-r1",
                "cixi-s1-r2",
            ],
            "section_title": [
                "思想政治建设",
                "思想政治建设",
                "技能形成体系",
                "队伍建设",
                "队伍建设",
            ],
            "text": [
                "加强产业工人思想政治引领",
                HOSTILE,
                "完善技能人才评价制度",
                "非公有制企业党组织覆盖",
                "开展职业技能竞赛",
            ],
            "line": [12, 14, 20, 8, 9],
        }
    )
    assignments = pd.DataFrame(
        {
            "doc_id": ["haimen"] * 6 + ["cixi"] * 4,
            "measure_id": [
                "haimen-s1-m1",
                "haimen-s1-m1",
                "haimen-s1-m2",
                "haimen-s1-m2",
                "haimen-s2-m3",
                "haimen-s2-m3",
                "cixi-s1-r1",
                "cixi-s1-r1",
                "cixi-s1-r2",
                "cixi-s1-r2",
            ],
            "role": [
                "lead",
                "support",
                "lead",
                "support",
                "lead",
                "support",
                "lead",
                "support",
                "lead",
                "support",
            ],
            "agency_raw": [
                "市委宣传部",
                "市总工会",
                "市总工会",
                "市人社局",
                "市人社局",
                "市总工会",
                "市委组织部",
                "市总工会",
                "市委组织部",
                "市人力社保局",
            ],
            "agency_id": [
                "haimen:propaganda",
                "haimen:union",
                "haimen:union",
                "haimen:hrss",
                "haimen:hrss",
                "haimen:union",
                "cixi:org",
                "cixi:union",
                "cixi:org",
                "cixi:hrss",
            ],
            "agency_type": [
                "propaganda",
                "union",
                "union",
                "hrss",
                "hrss",
                "union",
                "org",
                "union",
                "org",
                "hrss",
            ],
            "inherited": [False, False, False, False, False, True, False, False, True, False],
            "line": [12, 12, 14, 14, 20, 20, 8, 8, 9, 9],
        }
    )
    agencies = pd.DataFrame(
        {
            "agency_id": [
                "haimen:propaganda",
                "haimen:union",
                "haimen:hrss",
                "cixi:org",
                "cixi:union",
                "cixi:hrss",
            ],
            "doc_id": ["haimen", "haimen", "haimen", "cixi", "cixi", "cixi"],
            "name_zh": [
                "市委宣传部",
                "市总工会",
                "市人社局",
                "市委组织部",
                "市总工会",
                "市人力社保局",
            ],
            "name_en": [
                "Haimen Propaganda Department",
                "Haimen Federation of Trade Unions",
                "Haimen Human Resources and Social Security Bureau",
                "Cixi Organization Department",
                "Cixi Federation of Trade Unions",
                "Cixi Human Resources and Social Security Bureau",
            ],
            "agency_type": ["propaganda", "union", "hrss", "org", "union", "hrss"],
            "type_en": [
                "Propaganda Department",
                "Federation of Trade Unions",
                "Human Resources and Social Security Bureau",
                "Organization Department",
                "Federation of Trade Unions",
                "Human Resources and Social Security Bureau",
            ],
            "system": ["party", "mass_org", "government", "party", "mass_org", "government"],
        }
    )
    documents = pd.DataFrame(
        {
            "doc_id": ["cixi", "haimen"],
            "place_zh": ["慈溪市", "海门市"],
            "place_en": ["Cixi", "Haimen"],
        }
    )
    types = pd.DataFrame(
        {
            "agency_type": ["propaganda", "union", "hrss", "org"],
            "type_en": [
                "Propaganda Department",
                "Federation of Trade Unions",
                "Human Resources and Social Security Bureau",
                "Organization Department",
            ],
            "type_zh": ["党委宣传部", "总工会", "人力资源和社会保障局", "党委组织部"],
            "system": ["party", "mass_org", "government", "party"],
        }
    )
    return {
        "measures": measures,
        "assignments": assignments,
        "agencies": agencies,
        "documents": documents,
        "types": types,
    }


@pytest.fixture(scope="module")
def haimen(tables) -> nx.Graph:
    t = tables
    return bipartite_graph(t["assignments"], t["measures"], t["agencies"], docs="haimen")


def _payload(page: str) -> dict:
    match = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)
    assert match, "the page has no graph data"
    return json.loads(match.group(1))


def _node(payload: dict, label: str) -> dict:
    found = [n for n in payload["nodes"] if n["label"] == label]
    assert len(found) == 1, label
    return found[0]


# --------------------------------------------------------------------------- HTML


def test_html_is_self_contained(haimen):
    page = network_html(haimen)
    assert page.startswith("<!DOCTYPE html>")
    # No resource is fetched from anywhere: no URL in src/href, no CSS import or remote url().
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*https?:""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "@import" not in page
    assert "<link" not in page and "<script src" not in page
    # The page's own script and stylesheet are inline.
    assets = network_assets()
    assert assets["agencygraph-network.js"] in page
    assert assets["agencygraph-network.css"] in page


def test_html_shared_library_once_per_folder(tables, tmp_path):
    t = tables
    graphs = {
        d: bipartite_graph(t["assignments"], t["measures"], t["agencies"], docs=d)
        for d in ("haimen", "cixi")
    }
    paths = write_networks_html(graphs, tmp_path, standalone=False)
    lib = sorted(p.name for p in (tmp_path / "_lib").iterdir())
    assert lib == ["agencygraph-network.css", "agencygraph-network.js"]
    for path in paths:
        page = path.read_text(encoding="utf-8")
        assert '<script src="_lib/agencygraph-network.js"></script>' in page
        assert network_assets()["agencygraph-network.js"] not in page
        assert len(page) < 20_000


def test_html_escapes_document_text(haimen):
    page = network_html(haimen)
    assert SCRIPT not in page
    assert "alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;产教融合&quot; &amp; " in page
    assert page.count("<!--") == 0
    measure = next(n for n in _payload(page)["nodes"] if "haimen-s1-m2" in n["title"])
    assert htmllib.unescape(measure["title"].split("<br>")[1]) == HOSTILE


def test_html_escapes_names_and_title():
    G = nx.Graph()
    G.add_node("x", name_zh="<b>单位</b>", system="party")
    G.add_node("y", name_zh="市总工会", system="mass_org")
    G.add_edge("x", "y", weight=1.0)
    page = network_html(G, title="<i>标题</i> & co")
    assert "<b>单位</b>" not in page
    assert "&lt;b&gt;单位&lt;/b&gt;" in page
    assert "<title>&lt;i&gt;标题&lt;/i&gt; &amp; co</title>" in page


def test_html_written_as_utf8(haimen, tmp_path):
    path = write_network_html(haimen, tmp_path / "sub" / "haimen.html", lang="zh")
    data = path.read_bytes()
    assert data == network_html(haimen, lang="zh").encode("utf-8")
    text = data.decode("utf-8")
    assert '<meta charset="utf-8">' in text
    assert "市总工会" in text
    assert [p.name for p in path.parent.iterdir()] == ["haimen.html"]  # no staging leftovers


def test_html_is_deterministic(tables):
    t = tables
    G1 = bipartite_graph(t["assignments"], t["measures"], t["agencies"])
    reordered = t["assignments"].iloc[::-1].reset_index(drop=True)
    G2 = bipartite_graph(reordered, t["measures"], t["agencies"])
    G3 = nx.Graph(**G1.graph)
    G3.add_nodes_from(reversed(list(G1.nodes(data=True))))
    G3.add_edges_from(reversed(list(G1.edges(data=True))))
    first = network_html(G1)
    assert first == network_html(G1)
    assert first == network_html(G2)
    assert first == network_html(G3)
    assert first != network_html(G1, seed=1)  # the seed moves the (force) layout


def _overlapping_nodes(nodes: list[dict]) -> list:
    bad = []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if math.hypot(a["x"] - b["x"], a["y"] - b["y"]) < a["r"] + b["r"]:
                bad.append((a["label"], b["label"]))
    return bad


def test_html_layouts_have_no_overlapping_nodes(haimen, tables):
    one_plan = _payload(network_html(haimen))
    assert one_plan["layout"] == "columns"
    agencies = {n["x"] for n in one_plan["nodes"] if n["kind"] == "agency"}
    measures = {n["x"] for n in one_plan["nodes"] if n["kind"] == "measure"}
    assert len(agencies) == len(measures) == 1 and agencies != measures
    assert _overlapping_nodes(one_plan["nodes"]) == []
    t = tables
    for G in (
        bipartite_graph(t["assignments"], t["measures"], t["agencies"]),  # two plans
        lead_support_network(haimen),
        nx.complete_graph(30),
    ):
        payload = _payload(network_html(G))
        assert payload["layout"] == "force"
        assert _overlapping_nodes(payload["nodes"]) == []


def test_html_legend_and_one_language(haimen):
    page = network_html(haimen, lang="en")
    legend = re.search(r'<section id="legend">(.*?)</section>', page, re.S).group(1)
    for system in ("party", "government", "mass_org"):
        assert style.SYSTEM_COLORS[system] in legend
        assert style.system_label(system, "en") in legend
    assert style.SYSTEM_COLORS["legislature"] not in legend  # only systems in the graph
    assert "Measure" in legend and "lead" in legend and "support" in legend
    assert "inherited" in legend
    assert 'stroke-dasharray="5 4"' in legend  # support drawn dashed, as on the drawing
    zh_page = network_html(haimen, lang="zh")
    zh = re.search(r'<section id="legend">(.*?)</section>', zh_page, re.S).group(1)
    assert "党委系统" in zh and "牵头" in zh and "配合" in zh
    # One language per page: no English words in the Chinese page's own text.
    own = re.sub(r'<script id="graph-data".*?</script>', "", zh_page, flags=re.S)
    own = re.sub(r"<script>.*?</script>|<style>.*?</style>|<[^>]+>", " ", own, flags=re.S)
    assert not re.findall(r"\b(?:Legend|lead|support|Measure|Role|System|Zoom|Fit)\b", own)
    en_texts = " ".join(n["title"] for n in _payload(page)["nodes"])
    assert "类型" not in en_texts and "牵头" not in en_texts


def test_html_inherited_and_role_edges(haimen):
    payload = _payload(network_html(haimen))
    edges = payload["edges"]
    inherited = [e for e in edges if e.get("inherited")]
    assert len(inherited) == 1
    assert inherited[0]["opacity"] == style.INHERITED_ALPHA
    assert "继承" in inherited[0]["title"]
    assert inherited[0]["dash"]  # dotted, not only faint
    assert all(e["opacity"] == 1.0 for e in edges if not e.get("inherited"))
    lead = [e for e in edges if e["role"] == "lead" and not e.get("inherited")]
    support = [e for e in edges if e["role"] == "support" and not e.get("inherited")]
    assert lead and support
    assert all(e["dash"] == "" for e in lead)
    assert all(e["dash"] == "5 4" for e in support)
    assert min(e["width"] for e in lead) > max(e["width"] for e in support)


def test_html_nodes_shape_colour_size_tooltips(haimen):
    payload = _payload(network_html(haimen, lang="en"))
    union = _node(payload, "Federation of Trade Unions")  # the place is in the title
    propaganda = _node(payload, "Propaganda Department")
    assert union["shape"] == "dot"
    assert union["color"] == style.SYSTEM_COLORS["mass_org"]
    assert propaganda["color"] == style.SYSTEM_COLORS["party"]
    assert union["r"] > propaganda["r"]  # three measures against one
    assert "lead 1 · support 2" in union["title"]
    measure = next(n for n in payload["nodes"] if n["label"] == "s2-m3")
    assert measure["shape"] == "square"
    assert measure["color"] == style.MEASURE_COLOR
    assert "source: haimen, line 20" in measure["title"]
    assert "section: 技能形成体系" in measure["title"]


def test_html_measure_labels_are_short_titles(haimen):
    zh = _payload(network_html(haimen, lang="zh"))
    labels = {n["label"] for n in zh["nodes"] if n["kind"] == "measure"}
    assert "完善技能人才评价制度" in labels
    assert "加强产业工人思想政治引领" in labels or "加强产业工人思想政治…" in labels
    assert all(len(label) <= 12 for label in labels)
    assert not any(label.startswith("haimen-") for label in labels)


def test_html_labels_option(haimen):
    zh = _payload(network_html(haimen, lang="zh"))
    en = _payload(network_html(haimen, labels="en"))  # the older name of lang
    assert {n["label"] for n in zh["nodes"]} >= {"市总工会", "市人社局"}
    en_labels = {n["label"] for n in en["nodes"]}
    assert "Federation of Trade Unions" in en_labels
    # Long names are cut on the drawing; the tooltip has them whole.
    hrss = next(n for n in en["nodes"] if n["label"].startswith("Human Resources and"))
    assert hrss["label"].endswith("…") and len(hrss["label"]) <= 30
    assert "Human Resources and Social Security Bureau" in hrss["title"]
    assert '<html lang="zh-CN">' in network_html(haimen, lang="zh")
    assert '<html lang="en">' in network_html(haimen, lang="en")
    with pytest.raises(ValueError, match="lang"):
        network_html(haimen, lang="fr")
    with pytest.raises(ValueError, match="disagree"):
        network_html(haimen, lang="zh", labels="en")


def test_html_size_options(haimen):
    for size_by in ("degree", "closeness", "betweenness", None):
        payload = _payload(network_html(haimen, size_by=size_by))
        assert len(payload["nodes"]) == haimen.number_of_nodes()
    sized = _payload(network_html(haimen, size_by={"haimen:propaganda": 5.0}))
    assert _node(sized, "市委宣传部")["r"] == max(
        n["r"] for n in sized["nodes"] if n["kind"] == "agency"
    )


def test_html_type_graph_and_lead_support_network(tables, tmp_path):
    t = tables
    pooled = bipartite_graph(t["assignments"], t["measures"], t["agencies"], node="agency_type")
    directed = lead_support_network(bipartite_graph(t["assignments"], t["measures"], t["agencies"]))
    bare = lead_support_network(t["assignments"])  # nodes without attributes
    projection = project_agencies(bipartite_graph(t["assignments"], t["measures"], t["agencies"]))
    paths = write_networks_html(
        {"types": pooled, "lead_support": directed, "bare": bare, "projection": projection},
        tmp_path,
        lang="en",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)
    pooled_page = _payload(paths[0].read_text(encoding="utf-8"))
    # Types by the lexicon's type names, not by one place's local name of the unit.
    assert _node(pooled_page, "Federation of Trade Unions")["shape"] == "dot"
    hrss = style.type_names()["hrss"][1]
    assert _node(pooled_page, hrss[:29] + "…" if len(hrss) > 30 else hrss)
    zh_pooled = _payload(network_html(pooled, lang="zh"))
    assert _node(zh_pooled, style.type_names()["hrss"][0])
    assert not [n for n in zh_pooled["nodes"] if n["label"] in ("市人力社保局", "市人社局")]
    ls = _payload(paths[1].read_text(encoding="utf-8"))
    assert ls["edges"] and all(e["arrow"] for e in ls["edges"])
    assert any("leads" in n["title"] for n in ls["nodes"])
    bare_page = _payload(paths[2].read_text(encoding="utf-8"))
    assert {n["label"] for n in bare_page["nodes"]} >= {"haimen:union", "cixi:org"}
    assert all(n["color"] == style.UNKNOWN_COLOR for n in bare_page["nodes"])
    proj = _payload(paths[3].read_text(encoding="utf-8"))
    assert all("weight" in e["title"] for e in proj["edges"])


def test_html_empty_graph():
    page = network_html(nx.Graph())
    assert _payload(page)["nodes"] == []


def test_gexf_has_viz_data_for_every_node(haimen, tmp_path):
    path = write_gexf(haimen, tmp_path / "haimen.gexf", lang="en")
    G = nx.read_gexf(path)
    assert G.number_of_nodes() == haimen.number_of_nodes()
    view = network_view(haimen, lang="en")
    positions = {k: (n["x"], -n["y"]) for k, n in zip(view.keys, view.nodes, strict=True)}
    for n, data in G.nodes(data=True):
        viz = data["viz"]
        assert {"color", "size", "position"} <= set(viz), n
        assert (viz["position"]["x"], viz["position"]["y"]) == pytest.approx(positions[n])
        colour = "#{r:02X}{g:02X}{b:02X}".format(**viz["color"])
        assert colour == (
            style.MEASURE_COLOR
            if data["kind"] == "measure"
            else style.system_color(data.get("system"))
        )
        assert data["label"] != n or data["kind"] == "measure"  # names, not ids
    assert G.nodes["haimen:union"]["label"] == "Federation of Trade Unions"
    assert G.nodes["haimen:union"]["system"] == "mass_org"  # attributes to filter on


def test_show_inlines_the_page_in_an_iframe(haimen):
    shown = show(haimen, lang="en", height=500)
    frame = shown._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "height:500px" in frame
    assert "src=" not in frame.replace("srcdoc=", "")  # no file or URL for VS Code to block
    inner = htmllib.unescape(re.search(r'srcdoc="(.*?)"', frame, re.S).group(1))
    assert inner == network_html(haimen, lang="en", standalone=True)


# --------------------------------------------------------------------------- figures


def _all_figures(tables, haimen) -> dict:
    t = tables
    return {
        "bipartite": figures.bipartite_figure(haimen),
        "roles": figures.role_counts_figure(t["assignments"], t["types"], labels="zh"),
        "share": figures.lead_share_heatmap(
            t["assignments"], t["types"], t["documents"], labels="zh"
        ),
        "overlap": figures.overlap_heatmap(overlap(haimen), haimen),
        "backbone": figures.projection_figure(project_agencies(haimen, method="newman"), haimen),
        "lead_support": figures.projection_figure(lead_support_network(haimen), haimen),
    }


def test_cjk_font_is_bundled_and_registered():
    from matplotlib import font_manager

    path = figures.CJK_FONT_PATH
    assert path.is_file() and path.stat().st_size < 3_000_000
    assert (path.parent / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE")
    assert "Noto Sans CJK SC" in (path.parent / "README.md").read_text(encoding="utf-8")
    registered = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    assert registered[figures.CJK_FAMILY] == str(path)
    found = font_manager.findfont(figures.CJK_FAMILY, fallback_to_default=False)
    assert found == str(path)


def test_chinese_labels_use_the_bundled_font(tables, haimen):
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(figures.CJK_FONT_PATH))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would raise
        figs = _all_figures(tables, haimen)
        svgs = {
            name: figures.figure_bytes(fig, "svg").decode("utf-8") for name, fig in figs.items()
        }
        figures.figure_bytes(figs["bipartite"], "png")
    # SVG glyph ids are "<PostScript name>-<glyph index>": the hanzi come from our font.
    for char in "市总工会":
        glyph = f'id="AgencyGraphSansSC-Regular-{font.get_char_index(ord(char)):x}"'
        assert glyph in svgs["bipartite"], char
    assert "AgencyGraphSansSC-Regular-" in svgs["roles"]
    assert "AgencyGraphSansSC-Regular-" in svgs["share"]


def test_save_figure_png_300_dpi_and_svg(tables, haimen, tmp_path):
    from PIL import Image

    fig = figures.bipartite_figure(haimen, labels="en")
    paths = figures.save_figure(fig, "haimen_bipartite", tmp_path / "figs")
    assert [p.name for p in paths] == ["haimen_bipartite.png", "haimen_bipartite.svg"]
    with Image.open(paths[0]) as image:
        dpi = image.info["dpi"]
        width, _ = image.size
    assert round(dpi[0]) == round(dpi[1]) == 300
    # Cropped to the drawing (tight margins), never wider than the figure.
    assert 0.5 * fig.get_figwidth() * 300 < width <= round(fig.get_figwidth() * 300)
    svg = paths[1].read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "<dc:date>" not in svg
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == sorted(p.name for p in paths)


def test_figures_are_byte_identical(tables, haimen, tmp_path):
    first = figures.save_figures(_all_figures(tables, haimen), tmp_path / "a")
    second = figures.save_figures(_all_figures(tables, haimen), tmp_path / "b")
    assert len(first) == 12
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_figure_contents(tables, haimen):
    t = tables
    bip = figures.bipartite_figure(haimen, labels="zh")
    texts = {x.get_text() for x in bip.axes[0].texts}
    assert {"市总工会", "市人社局", "市委宣传部", "完善技能人才评价制度"} <= texts

    roles = figures.role_counts_figure(t["assignments"], t["types"], labels="en")
    ticks = [x.get_text() for x in roles.axes[0].get_yticklabels()]
    assert ticks[-1] == "Federation of Trade Unions"  # most assignments, drawn on top
    union_lead = roles.axes[0].containers[0][len(ticks) - 1]
    assert union_lead.get_width() == 1
    assert union_lead.get_facecolor()[:3] == pytest.approx(
        tuple(int(style.SYSTEM_COLORS["mass_org"][i : i + 2], 16) / 255 for i in (1, 3, 5))
    )

    share = figures.lead_share_heatmap(t["assignments"], t["types"], t["documents"])
    ax = share.axes[0]
    rows = [x.get_text() for x in ax.get_yticklabels()]
    cols = [x.get_text() for x in ax.get_xticklabels()]
    assert cols == ["Cixi", "Haimen"]
    values = ax.images[0].get_array()
    union = rows.index("Federation of Trade Unions")
    assert values[union, cols.index("Haimen")] == pytest.approx(1 / 3)
    assert values[union, cols.index("Cixi")] == 0.0
    assert values.mask[rows.index("Propaganda Department"), cols.index("Cixi")]

    ov = figures.overlap_heatmap(overlap(haimen), haimen, labels="zh")
    matrix = ov.axes[0].images[0].get_array()
    assert matrix.shape == (3, 3)
    labels = [x.get_text() for x in ov.axes[0].get_yticklabels()]
    assert labels[0] == "市委宣传部"  # party first

    with pytest.raises(ValueError, match="labels"):
        figures.bipartite_figure(haimen, labels="de")


def test_figures_need_no_pyplot(tables, haimen):
    import sys

    _all_figures(tables, haimen)
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        assert plt.get_fignums() == []


def test_figure_bytes_rejects_unknown_format(haimen):
    with pytest.raises(ValueError, match="format"):
        figures.figure_bytes(figures.bipartite_figure(haimen), "gif")


def test_svg_reads_back_as_xml(haimen):
    from xml.etree import ElementTree

    data = figures.figure_bytes(figures.bipartite_figure(haimen), "svg")
    assert ElementTree.parse(io.BytesIO(data)).getroot().tag.endswith("svg")


@pytest.fixture(scope="module")
def build_figures():
    """The build's figures of the bundled corpus, drawn (not saved), in both languages."""
    from agencygraph import pipeline
    from agencygraph.compare import metric_tables

    coded = ag.parse_corpus()
    # Uncorrected, so that the bundled plans have backbone edges to draw (none of their pairs
    # survives the build's default Benjamini-Hochberg correction).
    metrics = metric_tables(coded, n=5, mtc="none")
    graphs = pipeline._graphs(coded, ["cixi", "haimen", "lijiang"])
    return {
        lang: {
            stem: draw()
            for stem, draw in pipeline._figure_makers(coded, metrics, graphs, lang).items()
        }
        for lang in ("en", "zh")
    }


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def test_build_figure_titles_name_the_place(build_figures):
    places = {
        "cixi": ("Cixi", "慈溪市"),
        "haimen": ("Haimen", "海门市"),
        "lijiang": ("Lijiang", "丽江市"),
    }
    for lang, drawn in build_figures.items():
        for stem, fig in drawn.items():
            title = fig.axes[0].get_title(loc="left") or fig.axes[0].get_title()
            doc = stem.split("_")[0]
            if doc in places:
                assert places[doc][0 if lang == "en" else 1] in title, (lang, stem, title)
            else:
                assert (
                    ("All places" in title or "place" in title) if lang == "en" else "各" in title
                )


# Words a Chinese figure may keep in Latin letters: method names, a reference, abbreviations.
_LATIN_OK = {"SDSM", "Neal", "Jaccard", "Holm", "Bonferroni", "CPPCC"}


def test_build_figures_speak_one_language(build_figures):
    cjk = re.compile(r"[\u3400-\u9fff]")
    for stem, fig in build_figures["en"].items():
        chinese = [t for t in _texts(fig) if cjk.search(t)]
        # Only proper names the lexicon has no English for may stay Chinese.
        assert len(chinese) <= 2, (stem, chinese[:5])
    for stem, fig in build_figures["zh"].items():
        words = {w for t in _texts(fig) for w in re.findall(r"[A-Za-z]{3,}", t)}
        # Measure numbers (s1-m2) and type codes are not words; English words are not allowed.
        assert words <= _LATIN_OK, (stem, sorted(words - _LATIN_OK)[:8])


def test_backbone_figure_has_a_caption_and_its_legend_beside_the_nodes(build_figures):
    stem = next(s for s in build_figures["en"] if s.endswith("_backbone"))
    fig = build_figures["en"][stem]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    caption = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    assert "SDSM" in caption and "α = 0.05" in caption and "no correction" in caption
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    box = fig.legends[0].get_window_extent(canvas.get_renderer())
    ax = fig.axes[0]
    points = ax.transData.transform(ax.collections[-1].get_offsets())
    inside = [(x, y) for x, y in points if box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1]
    assert inside == []


def test_svg_text_editable_when_asked(haimen):
    fig = figures.bipartite_figure(haimen, lang="zh", title="海门市")
    plain = figures.figure_bytes(fig, "svg").decode("utf-8")
    assert "<text" not in plain  # glyphs as paths by default
    editable = figures.figure_bytes(fig, "svg", editable_text=True).decode("utf-8")
    assert "<text" in editable and "市总工会" in editable and "海门市" in editable
    assert "font-family: " in editable and "'AgencyGraph Sans SC'" in editable
    assert "'Noto Sans CJK SC'" in editable


def test_overlap_heatmap_has_a_key_to_label_colours_and_legible_ticks(haimen):
    fig = figures.overlap_heatmap(overlap(haimen), haimen, lang="en", title="Haimen: overlap")
    assert fig.axes[0].get_title(loc="left") == "Haimen: overlap"
    assert fig.legends and "Label colour" in fig.legends[0].get_title().get_text()
    from matplotlib.colors import to_rgb

    for label in fig.axes[0].get_yticklabels():
        r, g, b = to_rgb(label.get_color())
        lum = 0.2126 * r**2.2 + 0.7152 * g**2.2 + 0.0722 * b**2.2
        assert lum <= 0.2, label.get_text()  # readable on white


def test_bipartite_figure_inherited_edges_are_dotted(haimen):
    fig = figures.bipartite_figure(haimen, lang="en")
    from matplotlib.collections import LineCollection

    dashes = {
        str(c.get_linestyle()[0])
        for c in fig.axes[0].collections
        if isinstance(c, LineCollection) and c.get_segments()
    }
    assert len(dashes) >= 3  # lead solid, support dashed, inherited dotted


def test_index_page_in_one_language(tables):
    from agencygraph.viz.report import index_page

    documents = tables["documents"].assign(level="county-level city", layout="table")
    cross = pd.DataFrame(
        {
            "doc_id": ["cixi", "haimen"],
            "density": [0.1120113, 0.2454545],
            "density_z": [float("nan")] * 2,  # no spread in the null: the column is left out
            "lead_hhi": [0.265, 0.166],
            "lead_hhi_z": [5.0727, 2.6395],
            "extra_column": [1, 2],  # not among the chosen columns
        }
    )
    zh = index_page(documents, cross_region=cross, lang="zh").decode("utf-8")
    assert '<html lang="zh-CN">' in zh and "跨地区比较" in zh and "县级市" in zh and "表格" in zh
    assert "慈溪市" in zh and "Cixi" not in zh
    en = index_page(documents, cross_region=cross, lang="en").decode("utf-8")
    assert "Cross-region comparison" in en and "county-level city" in en and "Cixi" in en
    for page in (zh, en):
        assert "0.112" in page and "0.1120113" not in page and "5.07" in page
        assert "extra_column" not in page and "density_z" not in page
        assert page.count("<th>z</th>") == 1  # lead HHI's z only; density's is empty
