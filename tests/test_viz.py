"""Interactive HTML networks and static figures (agencygraph.viz)."""

from __future__ import annotations

import html as htmllib
import io
import json
import re
import warnings
from importlib import resources

import networkx as nx
import pandas as pd
import pytest

from agencygraph.graph import bipartite_graph, lead_support_network, project_agencies
from agencygraph.metrics import overlap
from agencygraph.viz import figures, network_html, style, write_network_html
from agencygraph.viz.html import write_networks_html

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
    found = [n for n in payload["nodes"] if htmllib.unescape(n["label"]) == label]
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
    assert "<link" not in page
    # The vis-network library itself is inline.
    folder = resources.files("pyvis") / "lib/vis-9.1.2"
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    assert js in page
    assert css in page
    assert "new vis.Network(" in page


def test_html_escapes_document_text(haimen):
    page = network_html(haimen)
    assert SCRIPT not in page
    assert "alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;产教融合&quot; &amp; " in page
    # Only the page's own three script elements close (the library mentions "<script" itself).
    assert page.count("</script") == 3
    assert page.count("<!--") == 0
    measure = next(n for n in _payload(page)["nodes"] if n["label"] == "haimen-s1-m2")
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


def test_html_written_as_utf8(haimen, tmp_path, monkeypatch):
    import pyvis.network

    def refuse(*args, **kwargs):
        raise AssertionError("pyvis' write_html uses the locale encoding")

    monkeypatch.setattr(pyvis.network.Network, "write_html", refuse)
    path = write_network_html(haimen, tmp_path / "sub" / "haimen.html", labels="zh")
    data = path.read_bytes()
    assert data == network_html(haimen, labels="zh").encode("utf-8")
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
    assert first != network_html(G1, seed=1)  # the seed moves the layout


def test_html_layout_positions_and_physics(haimen):
    page = network_html(haimen, layout="spring")
    payload = _payload(page)
    assert all("x" in n and "y" in n for n in payload["nodes"])
    assert payload["options"]["physics"]["enabled"] is False
    assert payload["options"]["layout"]["improvedLayout"] is False
    relaxed = _payload(network_html(haimen, physics=True))
    assert relaxed["options"]["physics"]["enabled"] is True
    assert relaxed["options"]["physics"]["stabilization"]["enabled"] is True
    # Physics is switched off once stabilisation is done.
    assert 'network.once("stabilizationIterationsDone"' in page
    assert "network.setOptions({ physics: { enabled: false } })" in page


def test_html_legend(haimen):
    page = network_html(haimen, labels="en")
    legend = re.search(r'<aside id="legend">(.*?)</aside>', page, re.S).group(1)
    for system in ("party", "government", "mass_org"):
        assert style.SYSTEM_COLORS[system] in legend
        assert style.system_label(system, "en") in legend
    assert style.SYSTEM_COLORS["legislature"] not in legend  # only systems in the graph
    assert "Measure" in legend
    assert "Lead" in legend and "Support" in legend and "dashed" in legend
    assert "Inherited" in legend
    zh = re.search(r'<aside id="legend">(.*?)</aside>', network_html(haimen), re.S).group(1)
    assert "党委系统" in zh and "牵头" in zh and "配合" in zh


def test_html_inherited_and_role_edges(haimen):
    payload = _payload(network_html(haimen))
    edges = payload["edges"]
    inherited = [e for e in edges if e.get("inherited")]
    assert len(inherited) == 1
    assert inherited[0]["color"]["opacity"] == style.INHERITED_ALPHA
    assert "inherited" in inherited[0]["title"]
    assert all(e["color"]["opacity"] == 1.0 for e in edges if not e.get("inherited"))
    lead = [e for e in edges if e["title"].startswith("lead")]
    support = [e for e in edges if e["title"].startswith("support")]
    assert lead and support
    assert all(e["dashes"] is False for e in lead)
    assert all(e["dashes"] is True for e in support)
    assert min(e["width"] for e in lead) > max(e["width"] for e in support)


def test_html_nodes_shape_colour_size_tooltips(haimen):
    payload = _payload(network_html(haimen))
    union = _node(payload, "市总工会")
    propaganda = _node(payload, "市委宣传部")
    assert union["shape"] == "dot"
    assert union["color"]["background"] == style.SYSTEM_COLORS["mass_org"]
    assert propaganda["color"]["background"] == style.SYSTEM_COLORS["party"]
    assert union["size"] > propaganda["size"]  # three measures against one
    assert "lead: 1 · support: 2" in union["title"]
    assert "Haimen Federation of Trade Unions" in union["title"]
    measure = next(n for n in payload["nodes"] if n["label"] == "haimen-s2-m3")
    assert measure["shape"] == "square"
    assert measure["color"]["background"] == style.MEASURE_COLOR
    assert "source: haimen, line 20" in measure["title"]
    assert "section: 技能形成体系" in measure["title"]


def test_html_labels_option(haimen):
    zh = _payload(network_html(haimen, labels="zh"))
    en = _payload(network_html(haimen, labels="en"))
    assert {n["label"] for n in zh["nodes"]} >= {"市总工会", "市人社局"}
    assert {n["label"] for n in en["nodes"]} >= {
        "Haimen Federation of Trade Unions",
        "Haimen Human Resources and Social Security Bureau",
    }
    assert '<html lang="zh-CN">' in network_html(haimen, labels="zh")
    with pytest.raises(ValueError, match="labels"):
        network_html(haimen, labels="fr")


def test_html_size_options(haimen):
    for size_by in ("degree", "closeness", "betweenness", None):
        payload = _payload(network_html(haimen, size_by=size_by))
        assert len(payload["nodes"]) == haimen.number_of_nodes()
    sized = _payload(network_html(haimen, size_by={"haimen:propaganda": 5.0}))
    assert _node(sized, "市委宣传部")["size"] == max(n["size"] for n in sized["nodes"])


def test_html_type_graph_and_lead_support_network(tables, tmp_path):
    t = tables
    pooled = bipartite_graph(t["assignments"], t["measures"], t["agencies"], node="agency_type")
    directed = lead_support_network(bipartite_graph(t["assignments"], t["measures"], t["agencies"]))
    bare = lead_support_network(t["assignments"])  # nodes without attributes
    projection = project_agencies(bipartite_graph(t["assignments"], t["measures"], t["agencies"]))
    paths = write_networks_html(
        {"types": pooled, "lead_support": directed, "bare": bare, "projection": projection},
        tmp_path,
        labels="en",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)
    pooled_page = _payload(paths[0].read_text(encoding="utf-8"))
    assert _node(pooled_page, "Federation of Trade Unions")["shape"] == "dot"
    ls = _payload(paths[1].read_text(encoding="utf-8"))
    assert ls["edges"] and all(e["arrows"] == "to" for e in ls["edges"])
    assert any("leads" in n["title"] for n in ls["nodes"])
    bare_page = _payload(paths[2].read_text(encoding="utf-8"))
    assert {n["label"] for n in bare_page["nodes"]} >= {"haimen:union", "cixi:org"}
    assert all(n["color"]["background"] == style.UNKNOWN_COLOR for n in bare_page["nodes"])
    proj = _payload(paths[3].read_text(encoding="utf-8"))
    assert all("weight" in e["title"] for e in proj["edges"])


def test_html_empty_graph():
    page = network_html(nx.Graph())
    assert _payload(page)["nodes"] == []


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
    assert width == round(fig.get_figwidth() * 300)
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
    assert {"市总工会", "市人社局", "市委宣传部", "haimen-s1-m2"} <= texts

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
