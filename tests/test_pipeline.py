"""``agencygraph build``: every output, written atomically, identical across runs.

The build here uses 50 null-model samples instead of 1,000 to keep the suite quick; the
sample count changes no file's presence or format.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import agencygraph as ag
from agencygraph import pipeline

SAMPLES = "50"


def _run_build(tables: Path, figures: Path, *, hash_seed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "agencygraph.cli",
            "build",
            "--out",
            str(tables),
            "--figures",
            str(figures),
            "--null-samples",
            SAMPLES,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("build")
    result = _run_build(root / "tables", root / "figures", hash_seed="1")
    assert result.returncode == 0, result.stderr
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_build_writes_tables_figures_pages_and_graph_files(built):
    tables = {p.name for p in (built / "tables").iterdir()}
    assert {"measures.csv", "assignments.csv", "agencies.csv", "cross_region.csv"} <= tables
    assert {"network_indices.csv", "agency_centrality.csv", "backbone.csv"} <= tables
    figures = built / "figures"
    for doc in ("cixi", "haimen", "lijiang"):
        assert (figures / "networks" / f"{doc}_bipartite.html").is_file()
        assert (figures / "figures" / f"{doc}_bipartite.png").is_file()
        assert (figures / "figures" / f"{doc}_bipartite.svg").is_file()
        for ext in ("gexf", "graphml", "json"):
            assert (figures / "graphs" / f"{doc}_bipartite.{ext}").is_file()
    assert (figures / "networks" / "pooled_types.html").is_file()
    assert (figures / "figures" / "lead_role_share_heatmap.png").is_file()


def test_index_page_links_every_output_and_shows_the_comparison(built):
    figures = built / "figures"
    index = (figures / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+)"', index)) - {"../tables/"}
    images = set(re.findall(r'<img src="([^"]+)"', index))
    outputs = {str(p.relative_to(figures)) for p in figures.rglob("*") if p.is_file()} - {
        "index.html",
        pipeline.OUTPUT_LIST,
    }
    shared = {o for o in outputs if o.startswith("networks/_lib/")}
    thumbs = {o for o in outputs if o.startswith("networks/_thumbs/")}
    tables = {link for link in links if link.startswith("../tables/")}
    assert links - tables == outputs - shared - thumbs
    assert {"../tables/cross_region.csv"} <= tables
    # A thumbnail for every figure and every network.
    figure_pngs = {o for o in outputs if o.startswith("figures/") and o.endswith(".png")}
    assert images == figure_pngs | thumbs
    assert len(thumbs) == len([o for o in outputs if o.endswith(".html")])
    assert "Cross-region comparison" in index and "Haimen" in index
    # Compact: chosen columns, no column without a value, numbers formatted.
    cross = index.split("Cross-region comparison", 1)[1].split("</table>", 1)[0]
    assert cross.count("<th>") <= 25
    assert not re.search(r"\d\.\d{5,}", cross)


def test_index_page_fits_1400_px_and_draws_in_chromium(built):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright not installed")
    path = _chromium()
    if path is None:
        pytest.skip("headless chromium not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1920, "height": 1000})
        requests: list[str] = []
        page.route("**/*", _file_only(requests))
        page.goto((built / "figures" / "index.html").as_uri())
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        body = page.evaluate("document.body.getBoundingClientRect().width")
        assert width <= 1920 and body <= 1400
        # Thumbnails load lazily; load them all and list those that fail.
        broken = page.evaluate(
            "Promise.all(Array.from(document.images).map(i => { i.loading = 'eager';"
            " return i.decode().then(() => null, () => i.src); }))"
        )
        assert [b for b in broken if b] == []
        # 15 since the build's backbone is Benjamini-Hochberg corrected: no bundled pair
        # survives, so no backbone figure is drawn (issue 20).
        assert len(broken) >= 15
        assert requests == []
        browser.close()


def test_two_builds_are_byte_identical_across_hash_seeds(built, tmp_path):
    result = _run_build(tmp_path / "tables", tmp_path / "figures", hash_seed="2")
    assert result.returncode == 0, result.stderr
    for folder in ("tables", "figures"):
        first, second = _files(built / folder), _files(tmp_path / folder)
        assert first.keys() == second.keys()
        different = [name for name in first if first[name] != second[name]]
        assert different == []


def test_a_failed_build_leaves_the_previous_outputs_intact(built, tmp_path, monkeypatch):
    tables, figures = tmp_path / "tables", tmp_path / "figures"
    shutil.copytree(built / "tables", tables)
    shutil.copytree(built / "figures", figures)
    before = {**_files(tables), **_files(figures)}

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "_pages", broken)
    coded = ag.parse_corpus()
    with pytest.raises(RuntimeError, match="disk on fire"):
        pipeline.build(coded, tables_dir=tables, figures_dir=figures, null_samples=5)
    assert {**_files(tables), **_files(figures)} == before
    assert not [p for p in tmp_path.rglob(".agencygraph-*")]


def test_tables_only_writes_no_figures(tmp_path):
    coded = ag.parse_corpus()
    written = pipeline.build(
        coded,
        tables_dir=tmp_path / "tables",
        figures_dir=tmp_path / "figures",
        tables_only=True,
        null_samples=5,
    )
    assert written and all(p.suffix == ".csv" for p in written)
    assert not (tmp_path / "figures").exists()


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def test_networks_draw_in_headless_chromium_with_the_network_blocked(built):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    browser_path = _chromium()
    if sync_playwright is None or browser_path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install chromium and playwright (see .ci/run)")
        pytest.skip("headless chromium or playwright not installed")

    import networkx as nx

    pages = sorted((built / "figures" / "networks").glob("*.html"))
    assert pages
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=browser_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for page_path in pages:
            graph = nx.read_graphml(built / "figures" / "graphs" / f"{page_path.stem}.graphml")
            page = browser.new_page()
            requests: list[str] = []
            errors: list[str] = []
            page.route("**/*", _file_only(requests))
            page.on("console", _console_errors(errors))
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            page.goto(page_path.as_uri())
            page.wait_for_function("window.agencygraphNetwork !== undefined")
            drawn = page.evaluate(
                "() => [window.agencygraphNetwork.nodes.length,"
                " window.agencygraphNetwork.edges.length]"
            )
            assert drawn == [graph.number_of_nodes(), graph.number_of_edges()], page_path.name
            assert requests == [], page_path.name
            assert errors == [], page_path.name
            page.close()
        browser.close()


def _file_only(requests: list[str]):
    """A route handler that lets file:// through and records and aborts everything else."""

    def handle(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    return handle


def _console_errors(errors: list[str]):
    def handle(message):
        if message.type == "error":
            errors.append(message.text)

    return handle
