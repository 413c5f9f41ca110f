"""The interactive networks as a reader sees them: headless Chromium, every request blocked.

On the bundled corpus's pages and on a 500-node synthetic plan: labels never overlap at the
default zoom (boxes measured from the page), the legend covers no node, search and every
filter change what is drawn, the PNG export gives a file, and no request leaves the page.
A notebook cell showing a network renders once the notebook is executed.
"""

from __future__ import annotations

import math
import os
import shutil
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import agencygraph as ag
from agencygraph.graph import bipartite_graph, lead_support_network
from agencygraph.synth import synthetic_plan
from agencygraph.viz import style
from agencygraph.viz.html import write_networks_html

VIEWPORT = {"width": 1280, "height": 800}


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    path = _chromium()
    if sync_playwright is None or path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install chromium and playwright (see .ci/run)")
        pytest.skip("headless chromium or playwright not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


def synthetic_graph(min_nodes: int = 500, seed: int = 7) -> nx.Graph:
    """One plan of at least ``min_nodes`` nodes: the true coding of synthetic plans, joined."""
    names = style.type_names()
    measures, assignments, agencies = [], [], {}
    index = 0
    while len({a["measure_id"] for a in assignments}) + len(agencies) < min_nodes:
        plan = synthetic_plan(index, seed=seed)
        for m in plan.measures:
            measures.append(
                {
                    "doc_id": "syn",
                    "measure_id": f"syn-p{index}-m{m.measure_no}",
                    "section_title": f"第{m.section_no}部分",
                    "text": m.text,
                    "line": 10_000 * index + m.line,
                }
            )
        for a in plan.assignments:
            key = a.agency_type or a.agency_raw
            agencies.setdefault(
                f"syn:{key}",
                {
                    "agency_id": f"syn:{key}",
                    "doc_id": "syn",
                    "name_zh": a.agency_raw,
                    "name_en": names.get(a.agency_type, ("", "", ""))[1],
                    "agency_type": a.agency_type,
                    "type_en": names.get(a.agency_type, ("", "", ""))[1],
                    "system": names.get(a.agency_type, ("", "", ""))[2],
                },
            )
            assignments.append(
                {
                    "doc_id": "syn",
                    "measure_id": f"syn-p{index}-m{a.measure_no}",
                    "role": a.role,
                    "agency_raw": a.agency_raw,
                    "agency_id": f"syn:{key}",
                    "agency_type": a.agency_type,
                    "inherited": a.inherited,
                    "line": 10_000 * index + a.line,
                }
            )
        index += 1
    assigned = {a["measure_id"] for a in assignments}
    measures = [m for m in measures if m["measure_id"] in assigned]
    return bipartite_graph(
        pd.DataFrame(assignments), pd.DataFrame(measures), pd.DataFrame(list(agencies.values()))
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    coded = ag.parse_corpus()
    a, m, g = coded.assignments, coded.measures, coded.agencies
    haimen = bipartite_graph(a, m, g, docs="haimen")
    synthetic = synthetic_graph()
    assert synthetic.number_of_nodes() >= 500
    graphs = {
        "haimen_bipartite": haimen,
        "cixi_bipartite": bipartite_graph(a, m, g, docs="cixi"),
        "lijiang_lead_support": lead_support_network(bipartite_graph(a, m, g, docs="lijiang")),
        "pooled_types": bipartite_graph(a, m, g, node="agency_type"),
        "synthetic_plan": synthetic,
    }
    folder = tmp_path_factory.mktemp("networks")
    write_networks_html(graphs, folder, lang="en", standalone=False)
    write_networks_html({"synthetic_force": synthetic}, folder, layout="spring")
    write_networks_html({"synthetic_columns": synthetic}, folder, layout="columns")
    write_networks_html({"haimen_zh": haimen}, folder, lang="zh")
    return {p.stem: p for p in folder.glob("*.html")}


def _open(browser, path: Path):
    page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
    requests: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_function("window.agencygraphNetwork !== undefined")
    page.evaluate("window.agencygraphNetwork.ready")
    return page, requests, errors


_LABEL_BOXES = """() => Array.from(document.querySelectorAll('.ag-label'))
  .filter(t => getComputedStyle(t).display !== 'none')
  .map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""

_VISIBLE = """() => [document.querySelectorAll('.ag-node:not(.ag-hidden)').length,
  document.querySelectorAll('.ag-edge:not(.ag-hidden)').length]"""


def _overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    boxes = sorted(boxes)
    out = []
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if b[0] >= a[2]:
                break
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5:
                out.append((i, j))
    return out


NAMES = [
    "haimen_bipartite",
    "cixi_bipartite",
    "lijiang_lead_support",
    "pooled_types",
    "synthetic_plan",
    "synthetic_force",
    "synthetic_columns",
    "haimen_zh",
]


@pytest.mark.parametrize("name", NAMES)
def test_labels_never_overlap_and_the_legend_covers_no_node(browser, pages, name):
    page, requests, errors = _open(browser, pages[name])
    boxes = page.evaluate(_LABEL_BOXES)
    assert len(boxes) >= 5, "hardly any label is shown"
    assert _overlapping(boxes) == []
    # No node covers another (the layout is overlap-free; measured on the page).
    circles = page.evaluate(
        "window.agencygraphNetwork.nodes.map(n => "
        "{ const r = n.el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2,"
        " r.width / 2]; })"
    )
    covered = [
        (i, j)
        for i, a in enumerate(circles)
        for j, b in enumerate(circles[:i])
        if math.hypot(a[0] - b[0], a[1] - b[1]) < a[2] + b[2] - 0.5
    ]
    assert covered == []
    n_nodes = page.evaluate("window.agencygraphNetwork.nodes.length")
    assert n_nodes == page.evaluate("document.querySelectorAll('.ag-node').length")
    if name.startswith("synthetic"):
        assert n_nodes >= 500
    # The legend sits outside the drawing: its box meets no node's visible box.
    hits = page.evaluate(
        """() => {
          const l = document.getElementById('legend').getBoundingClientRect();
          const s = document.getElementById('ag-svg').getBoundingClientRect();
          return Array.from(document.querySelectorAll('.ag-node')).filter(n => {
            const r = n.getBoundingClientRect();
            const left = Math.max(r.left, s.left), right = Math.min(r.right, s.right);
            const top = Math.max(r.top, s.top), bottom = Math.min(r.bottom, s.bottom);
            if (left >= right || top >= bottom) return false;  // clipped away
            return left < l.right && l.left < right && top < l.bottom && l.top < bottom;
          }).length;
        }"""
    )
    assert hits == 0
    # Zooming in shows more labels, still without overlaps.
    page.click("#ag-zoom-in")
    page.wait_for_timeout(100)
    page.evaluate("window.agencygraphNetwork.placeLabels()")
    assert _overlapping(page.evaluate(_LABEL_BOXES)) == []
    assert requests == [] and errors == []
    page.close()


@pytest.mark.parametrize("name", ["pooled_types", "synthetic_plan", "haimen_bipartite"])
def test_search_and_every_filter_change_what_is_drawn(browser, pages, name):
    page, requests, errors = _open(browser, pages[name])
    first = page.evaluate("window.agencygraphNetwork.nodes.find(n => n.kind === 'agency').label")
    page.fill("#ag-search", first.rstrip("…")[:6])
    hits = page.evaluate("document.querySelectorAll('.ag-node.ag-hit').length")
    assert 1 <= hits < page.evaluate("window.agencygraphNetwork.nodes.length")
    dimmed = page.evaluate(
        "getComputedStyle(document.querySelector('.ag-node:not(.ag-hit)')).opacity"
    )
    assert float(dimmed) < 0.5
    assert page.evaluate(_LABEL_BOXES)  # the hits keep their labels
    page.fill("#ag-search", "")
    groups = page.evaluate(
        "Array.from(new Set(Array.from(document.querySelectorAll('input[data-filter]'))"
        ".map(b => b.getAttribute('data-filter'))))"
    )
    expected = {"role", "system"} | ({"doc"} if name == "pooled_types" else set())
    assert expected <= set(groups)
    before = page.evaluate(_VISIBLE)
    for group in groups:
        page.evaluate(f"document.getElementById('ag-filter-{group}').open = true")
        box = page.locator(f"input[data-filter={group}]").first
        box.uncheck()
        after = page.evaluate(_VISIBLE)
        assert after != before and after[0] <= before[0] and after[1] <= before[1], group
        assert _overlapping(page.evaluate(_LABEL_BOXES)) == []
        box.check()
        assert page.evaluate(_VISIBLE) == before, group
    assert requests == [] and errors == []
    page.close()


def test_png_and_svg_export_give_files(browser, pages, tmp_path):
    page, requests, errors = _open(browser, pages["haimen_bipartite"])
    with page.expect_download() as info:
        page.click("#ag-save-png")
    png = tmp_path / "view.png"
    info.value.save_as(png)
    assert info.value.suggested_filename == "haimen_bipartite.png"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000
    from PIL import Image

    with Image.open(png) as image:
        assert image.size[0] >= VIEWPORT["width"] - 300  # the drawing, at twice its pixels
        low, high = image.convert("L").getextrema()
        assert high - low > 100  # not a blank image
    with page.expect_download() as info:
        page.click("#ag-save-svg")
    svg = tmp_path / "view.svg"
    info.value.save_as(svg)
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "ag-label" in text
    from xml.etree import ElementTree

    ElementTree.parse(svg)
    assert requests == [] and errors == []
    page.close()


def test_notebook_cell_shows_a_network(browser, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    # The kernel imports the agencygraph under test, wherever it is installed from.
    package_root = str(Path(ag.__file__).resolve().parents[1])
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"import sys; sys.path.insert(0, {package_root!r})\n"
            "import agencygraph as ag\n"
            "from agencygraph import viz\n"
            "from agencygraph.graph import bipartite_graph\n"
            "coded = ag.parse_corpus()\n"
            "a, m, g = coded.assignments, coded.measures, coded.agencies\n"
            "G = bipartite_graph(a, m, g, docs='haimen')\n"
            "viz.show(G, lang='en', height=520)"
        )
    ]
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = nb.cells[0].outputs
    html = next(o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {}))
    assert html.startswith("<iframe srcdoc=") and "graph-data" in html
    # The output as a notebook front end shows it: the page inside the iframe draws.
    page = browser.new_page(viewport=VIEWPORT)
    requests: list[str] = []
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("file:", "about:", "data:"))
            else (requests.append(r.request.url), r.abort())
        ),
    )
    page.set_content(f"<!DOCTYPE html><html><body>{html}</body></html>")
    frame = page.frames[1]
    frame.wait_for_function("window.agencygraphNetwork !== undefined")
    drawn = frame.evaluate("document.querySelectorAll('.ag-node').length")
    assert drawn == 37  # haimen: 22 agencies, 15 measures
    assert frame.evaluate(_LABEL_BOXES)
    assert requests == []
    page.close()
