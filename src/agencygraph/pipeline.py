"""The whole pipeline from coded tables to every output, as ``agencygraph build`` runs it.

Stages run one way — coded tables → metric tables → figures → HTML networks → graph files
→ an index page — and every output is rendered in memory first, then written in two
atomic batches (tables; figures and pages), so a run that fails leaves the previous
outputs untouched. The same input gives byte-identical files.
"""

from __future__ import annotations

import html
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from agencygraph import settings
from agencygraph.coding import CodedCorpus
from agencygraph.export import atomic_batch, table_bytes


class _Progress:
    """Stage-by-stage progress on stderr (a bar when tqdm is installed and stderr a terminal)."""

    def __init__(self, stages: list[str], enabled: bool) -> None:
        self.stages = stages
        self.enabled = enabled
        self.start = time.perf_counter()
        self.bar = None
        if enabled and sys.stderr.isatty():
            try:
                from tqdm import tqdm

                self.bar = tqdm(total=len(stages), unit="stage", file=sys.stderr)
            except ImportError:
                self.bar = None

    def step(self, index: int) -> None:
        if not self.enabled:
            return
        name = self.stages[index]
        if self.bar is not None:
            self.bar.set_description(name)
            if index:
                self.bar.update(1)
        else:
            elapsed = time.perf_counter() - self.start
            print(f"[{index + 1}/{len(self.stages)}] {name} ({elapsed:.1f} s)", file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(1)
            self.bar.close()


def build(
    coded: CodedCorpus,
    *,
    tables_dir: str | Path = settings.TABLES_DIR,
    figures_dir: str | Path = settings.FIGURES_DIR,
    tables_only: bool = False,
    progress: bool = False,
    null_samples: int | None = None,
    seed: int | None = None,
    format: str = "csv",
) -> list[Path]:
    """Run the pipeline on coded plans and write every output.

    Parameters
    ----------
    coded
        The coded corpus from :func:`agencygraph.parse_corpus`.
    tables_dir
        Folder of the coded and metric tables (CSV).
    figures_dir
        Folder of the figures, HTML networks, graph files and ``index.html``.
    tables_only
        Write the tables only (no figures, pages or graph files).
    progress
        Show the stages on stderr.
    null_samples, seed
        Samples and seed of the null models (default: ``settings.NULL_SAMPLES``,
        ``settings.SEED``).
    format : {"csv", "parquet"}
        Format of the tables (Parquet needs the optional ``pyarrow``).

    Returns
    -------
    list of Path
        Every file written.
    """
    stages = ["metric tables", "write tables"]
    if not tables_only:
        stages[1:1] = ["figures", "HTML networks", "graph files", "index page"]
    bar = _Progress(stages, progress)
    tables = dict(coded.tables())
    bar.step(0)
    from agencygraph.compare import metric_tables

    metrics = metric_tables(coded, n=null_samples, seed=seed)
    tables.update(metrics)
    table_files = {}
    for name, frame in tables.items():
        suffix, data = table_bytes(frame, format)
        table_files[f"{name}{suffix}"] = data

    outputs: dict[str, bytes] = {}
    if not tables_only:
        graphs = _graphs(coded)
        bar.step(1)
        outputs.update(_figures(coded, metrics, graphs))
        bar.step(2)
        outputs.update(_pages(graphs))
        bar.step(3)
        outputs.update(_graph_files(graphs))
        bar.step(4)
        # A relative path keeps the page identical wherever the build is run.
        tables_link = os.path.relpath(Path(tables_dir).resolve(), Path(figures_dir).resolve())
        outputs["index.html"] = _index_page(coded, metrics, sorted(outputs), tables_link)
    bar.step(len(stages) - 1)

    tables_dir, figures_dir = Path(tables_dir), Path(figures_dir)
    written: list[Path] = []
    with atomic_batch(tables_dir) as put_table:
        for name, data in table_files.items():
            put_table(name, data)
            written.append(tables_dir / name)
        if outputs:
            with atomic_batch(figures_dir) as put_output:
                for name, data in sorted(outputs.items()):
                    put_output(name, data)
                    written.append(figures_dir / name)
    bar.close()
    return written


def _graphs(coded: CodedCorpus) -> dict[str, object]:
    """The graphs drawn and exported: per document, pooled by type, lead → support."""
    from agencygraph.graph import bipartite_graph, lead_support_network

    assigning = sorted(set(coded.assignments.doc_id))
    graphs: dict[str, object] = {}
    for doc in assigning:
        graphs[f"{doc}_bipartite"] = bipartite_graph(
            coded.assignments, coded.measures, coded.agencies, docs=doc
        )
        bipartite = graphs[f"{doc}_bipartite"]
        graphs[f"{doc}_lead_support"] = lead_support_network(bipartite)
    if assigning:
        graphs["pooled_types"] = bipartite_graph(
            coded.assignments, coded.measures, coded.agencies, node="agency_type"
        )
    return graphs


def _figures(coded: CodedCorpus, metrics: dict[str, pd.DataFrame], graphs) -> dict[str, bytes]:
    from agencygraph.agencies import agency_types
    from agencygraph.viz import figures

    types = agency_types()
    drawn: dict[str, Callable] = {
        "role_counts_by_type": lambda: figures.role_counts_figure(coded.assignments, types),
        "lead_share_heatmap": lambda: figures.lead_share_heatmap(
            coded.assignments, types, coded.documents
        ),
    }
    overlap = metrics.get("agency_overlap")
    backbone = metrics.get("backbone")
    for name, G in graphs.items():
        if not name.endswith("_bipartite"):
            continue
        doc = name.removesuffix("_bipartite")
        drawn[f"{doc}_bipartite"] = lambda G=G: figures.bipartite_figure(G)
        if overlap is not None and len(overlap[overlap.doc_id == doc]):
            drawn[f"{doc}_overlap"] = lambda G=G, doc=doc: figures.overlap_heatmap(
                overlap[overlap.doc_id == doc].drop(columns="doc_id"), G
            )
        if backbone is not None and len(backbone[backbone.doc_id == doc]):
            drawn[f"{doc}_backbone"] = lambda G=G, doc=doc: figures.projection_figure(
                backbone[backbone.doc_id == doc].drop(columns="doc_id"), G
            )
    out: dict[str, bytes] = {}
    for stem, draw in drawn.items():
        fig = draw()
        for fmt in ("png", "svg"):
            out[f"figures/{stem}.{fmt}"] = figures.figure_bytes(fig, fmt)
    return out


def _pages(graphs) -> dict[str, bytes]:
    from agencygraph.viz.html import network_html

    return {
        f"networks/{name}.html": network_html(G, title=name.replace("_", " ")).encode("utf-8")
        for name, G in graphs.items()
    }


def _graph_files(graphs) -> dict[str, bytes]:
    from agencygraph.export import gexf_bytes, graphml_bytes, node_link_json_bytes

    out: dict[str, bytes] = {}
    for name, G in graphs.items():
        out[f"graphs/{name}.gexf"] = gexf_bytes(G)
        out[f"graphs/{name}.graphml"] = graphml_bytes(G)
        out[f"graphs/{name}.json"] = node_link_json_bytes(G)
    return out


def _index_page(
    coded: CodedCorpus, metrics: dict[str, pd.DataFrame], files: list[str], tables_dir
) -> bytes:
    """One page linking every output, with the documents and the cross-region table."""
    esc = html.escape

    def table(frame: pd.DataFrame) -> str:
        head = "".join(f"<th>{esc(str(c))}</th>" for c in frame.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{esc(_cell(v))}</td>" for v in row) + "</tr>"
            for row in frame.itertuples(index=False)
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

    def links(prefix: str) -> str:
        items = [f for f in files if f.startswith(prefix)]
        return (
            "<ul>" + "".join(f'<li><a href="{esc(f)}">{esc(f)}</a></li>' for f in items) + "</ul>"
        )

    documents = coded.documents[
        ["doc_id", "place_zh", "place_en", "level", "date", "layout", "n_measures", "n_assignments"]
    ]
    cross = metrics.get("cross_region", pd.DataFrame())
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>agencygraph build</title>
<style>body{{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;}}
table{{border-collapse:collapse;font-size:0.85em;}}td,th{{border:1px solid #ccc;padding:2px 6px;}}
th{{background:#f3f3f3;}}</style></head><body>
<h1>agencygraph build</h1>
<p>Tables (CSV) are in <a href="{esc(tables_dir)}/"><code>{esc(tables_dir)}</code></a>.</p>
<h2>Documents</h2>{table(documents)}
<h2>Cross-region comparison</h2>{table(cross)}
<h2>Interactive networks</h2>{links("networks/")}
<h2>Figures</h2>{links("figures/")}
<h2>Graph files (Gephi: GEXF, GraphML; node-link JSON)</h2>{links("graphs/")}
</body></html>
"""
    return page.encode("utf-8")


def _cell(value: object) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:.3g}"
    return str(value)
