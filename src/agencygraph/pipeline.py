"""The whole pipeline from coded tables to every output, as ``agencygraph build`` runs it.

Stages run one way — coded tables → metric tables → figures → HTML networks → graph files
→ an index page — and every output is rendered in memory first, then written in two
atomic batches (tables; figures and pages), so a run that fails leaves the previous
outputs untouched. The same input gives byte-identical files.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from agencygraph import settings
from agencygraph.coding import CodedCorpus
from agencygraph.export import atomic_batch, table_to_csv_bytes


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
    lang: str = "en",
    standalone: bool = False,
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
    lang
        Language of the figures, pages and index page: ``"en"`` (default) or ``"zh"``.
    standalone
        Inline the networks' script in every page instead of writing it once into
        ``networks/_lib/``.

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
    table_files = {f"{name}.csv": table_to_csv_bytes(frame) for name, frame in tables.items()}

    outputs: dict[str, bytes] = {}
    if not tables_only:
        from agencygraph.viz.style import check_lang

        lang = check_lang(lang)
        graphs = _graphs(coded)
        bar.step(1)
        outputs.update(_figures(coded, metrics, graphs, lang))
        bar.step(2)
        views = _views(coded, graphs, lang, seed)
        outputs.update(_pages(views, standalone))
        bar.step(3)
        outputs.update(_graph_files(graphs, views))
        bar.step(4)
        # A relative path keeps the page identical wherever the build is run.
        tables_link = os.path.relpath(Path(tables_dir).resolve(), Path(figures_dir).resolve())
        parameters = {"seed": seed, "null_samples": null_samples, "lang": lang}
        outputs["index.html"] = _index_page(
            coded, metrics, sorted(outputs), tables_link, views, parameters
        )
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


def _place(coded: CodedCorpus, doc: str, lang: str) -> str:
    """The place of a document in ``lang``, else its id."""
    docs = coded.documents
    column = "place_zh" if lang == "zh" else "place_en"
    if column in docs.columns:
        found = docs.loc[docs["doc_id"].astype(str) == doc, column]
        if len(found) and isinstance(found.iloc[0], str) and found.iloc[0].strip():
            return found.iloc[0].strip()
    return doc


_TITLES = {
    "en": {
        "bipartite": "{0}: agencies and the measures they lead or support",
        "lead_support": "{0}: lead → support network of agencies",
        "pooled_types": "All places: agency types and measures",
        "overlap": "{0}: overlap of agencies' measures (Jaccard)",
        "backbone": "{0}: backbone of the agency co-assignment network",
        "role_counts": "All places: lead and support assignments by agency type",
        "lead_role_share": "Lead-role share by agency type and place",
    },
    "zh": {
        "bipartite": "{0}：单位及其牵头、配合的任务",
        "lead_support": "{0}：牵头单位→配合单位网络",
        "pooled_types": "各地汇总：单位职能类型与任务",
        "overlap": "{0}：单位任务重叠（Jaccard）",
        "backbone": "{0}：单位共同任务网络骨干",
        "role_counts": "各地汇总：各类单位牵头与配合任务数",
        "lead_role_share": "各地各类单位的牵头角色占比",
    },
}


def _title(coded: CodedCorpus, name: str, lang: str) -> str:
    """Title of the figure or network ``name`` (``<doc>_<kind>`` or a pooled name)."""
    titles = _TITLES[lang]
    for kind in ("bipartite", "lead_support", "overlap", "backbone"):
        if name.endswith(f"_{kind}"):
            return titles[kind].format(_place(coded, name.removesuffix(f"_{kind}"), lang))
    return titles.get(name, name)


def _figures(
    coded: CodedCorpus, metrics: dict[str, pd.DataFrame], graphs, lang: str = "en"
) -> dict[str, bytes]:
    from agencygraph.viz import figures

    out: dict[str, bytes] = {}
    for stem, draw in _figure_makers(coded, metrics, graphs, lang).items():
        fig = draw()
        for fmt in ("png", "svg"):
            out[f"figures/{stem}.{fmt}"] = figures.figure_bytes(fig, fmt)
    return out


def _figure_makers(
    coded: CodedCorpus, metrics: dict[str, pd.DataFrame], graphs, lang: str = "en"
) -> dict[str, Callable]:
    """File stem → a function drawing that figure of the build."""
    from agencygraph.agencies import agency_types
    from agencygraph.viz import figures

    types = agency_types()
    drawn: dict[str, Callable] = {
        "role_counts_by_type": lambda: figures.role_counts_figure(
            coded.assignments, types, lang=lang, title=_title(coded, "role_counts", lang)
        ),
        "lead_role_share_heatmap": lambda: figures.lead_role_share_heatmap(
            coded.assignments,
            types,
            coded.documents,
            lang=lang,
            title=_title(coded, "lead_role_share", lang),
        ),
    }
    overlap = metrics.get("agency_overlap")
    backbone = metrics.get("backbone")
    for name, G in graphs.items():
        if not name.endswith("_bipartite"):
            continue
        doc = name.removesuffix("_bipartite")
        drawn[f"{doc}_bipartite"] = lambda G=G, name=name: figures.bipartite_figure(
            G, lang=lang, title=_title(coded, name, lang)
        )
        if overlap is not None and len(overlap[overlap.doc_id == doc]):
            drawn[f"{doc}_overlap"] = lambda G=G, doc=doc: figures.overlap_heatmap(
                overlap[overlap.doc_id == doc].drop(columns="doc_id"),
                G,
                lang=lang,
                title=_title(coded, f"{doc}_overlap", lang),
            )
        if backbone is not None and len(backbone[backbone.doc_id == doc]):
            drawn[f"{doc}_backbone"] = lambda G=G, doc=doc: figures.projection_figure(
                backbone[backbone.doc_id == doc].drop(columns="doc_id"),
                G,
                lang=lang,
                title=_title(coded, f"{doc}_backbone", lang),
                caption=figures.backbone_caption(lang=lang),
            )
    return drawn


def _views(coded: CodedCorpus, graphs, lang: str, seed: int | None) -> dict:
    """What each network page draws (layout, labels), shared by its page, thumbnail and GEXF."""
    from agencygraph.viz.html import network_view

    return {
        name: network_view(G, lang=lang, seed=seed, title=_title(coded, name, lang))
        for name, G in graphs.items()
    }


def _pages(views, standalone: bool = False) -> dict[str, bytes]:
    from agencygraph.viz.html import LIB_DIR, network_assets, network_html, thumbnail_svg

    out = {
        f"networks/{name}.html": network_html(
            None, view=view, standalone=standalone, file_stem=name
        ).encode("utf-8")
        for name, view in views.items()
    }
    out.update(
        {
            f"networks/_thumbs/{name}.svg": thumbnail_svg(view).encode("utf-8")
            for name, view in views.items()
        }
    )
    if not standalone:
        for name, text in network_assets().items():
            out[f"networks/{LIB_DIR}/{name}"] = text.encode("utf-8")
    return out


def _graph_files(graphs, views=None) -> dict[str, bytes]:
    from agencygraph.export import gexf_bytes, graphml_bytes, node_link_json_bytes

    out: dict[str, bytes] = {}
    for name, G in graphs.items():
        visuals = views[name].gexf_visuals() if views else None
        out[f"graphs/{name}.gexf"] = gexf_bytes(G, visuals=visuals)
        out[f"graphs/{name}.graphml"] = graphml_bytes(G)
        out[f"graphs/{name}.json"] = node_link_json_bytes(G)
    return out


def _index_page(
    coded: CodedCorpus,
    metrics: dict[str, pd.DataFrame],
    files: list[str],
    tables_dir: str,
    views: dict,
    parameters: dict,
) -> bytes:
    """One page reporting the run: thumbnails of every output, documents, comparison, warnings."""
    from agencygraph import __version__
    from agencygraph.viz.report import index_page

    lang = parameters["lang"]
    networks = [
        (
            views[f.removeprefix("networks/").removesuffix(".html")].title,
            f,
            "networks/_thumbs/" + f.removeprefix("networks/").removesuffix(".html") + ".svg",
        )
        for f in files
        if f.startswith("networks/") and f.endswith(".html")
    ]
    figures = [
        (_title(coded, _figure_name(f), lang), f, f)
        for f in files
        if f.startswith("figures/") and f.endswith(".png")
    ]
    graph_files: dict[str, list[str]] = {}
    for f in files:
        if f.startswith("graphs/"):
            graph_files.setdefault(f.removeprefix("graphs/").rsplit(".", 1)[0], []).append(f)
    return index_page(
        coded.documents,
        cross_region=metrics.get("cross_region"),
        warnings=getattr(coded, "warnings", None),
        unknown=getattr(coded, "unknown_agencies", None),
        networks=networks,
        figures=figures,
        graph_files=graph_files,
        parameters={
            "seed": parameters["seed"] if parameters["seed"] is not None else settings.SEED,
            "null_samples": parameters["null_samples"]
            if parameters["null_samples"] is not None
            else settings.NULL_SAMPLES,
            "alpha": settings.ALPHA,
            "version": __version__,
        },
        tables_dir=tables_dir,
        lang=lang,
    )


def _figure_name(path: str) -> str:
    stem = path.removeprefix("figures/").rsplit(".", 1)[0]
    return {"role_counts_by_type": "role_counts", "lead_role_share_heatmap": "lead_role_share"}.get(
        stem, stem
    )
