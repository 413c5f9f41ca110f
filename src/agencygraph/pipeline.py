"""The whole pipeline from coded tables to every output, as ``agencygraph build`` runs it.

Stages run one way — coded tables → metric tables → figures → HTML networks → graph files
→ an index page — and every output is rendered in memory first, then written in two
atomic batches (tables; figures and pages), so a run that fails leaves the previous
outputs untouched. The same input gives byte-identical files.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from agencygraph import settings
from agencygraph._errors import InputError
from agencygraph.coding import CodedCorpus
from agencygraph.export import atomic_batch, table_bytes


class _Progress:
    """Stage-by-stage progress on stderr: a tqdm bar per stage, counting its outputs, on a
    terminal; one line per finished stage otherwise; then the time each stage took."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.tty = enabled and sys.stderr.isatty()
        self.timings: list[tuple[str, float, int]] = []

    @contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "file"):
        """Time a stage; yields ``tick(n=1)`` to count what it has done."""
        from tqdm import tqdm

        bar = tqdm(total=total, desc=name, unit=unit, file=sys.stderr, disable=not self.tty)
        done = [0]

        def tick(n: int = 1) -> None:
            done[0] += n
            bar.update(n)

        start = time.perf_counter()
        try:
            yield tick
        finally:
            bar.close()
        elapsed = time.perf_counter() - start
        self.timings.append((name, elapsed, done[0]))
        if self.enabled and not self.tty:
            count = f", {done[0]} {unit}(s)" if done[0] else ""
            print(f"{name}: done in {elapsed:.1f} s{count}", file=sys.stderr)

    def report(self) -> None:
        if self.enabled and self.timings:
            total = sum(t for _, t, _ in self.timings)
            parts = ", ".join(f"{name} {t:.1f} s" for name, t, _ in self.timings)
            print(f"build took {total:.1f} s: {parts}", file=sys.stderr)


def per_plan_docs(coded: CodedCorpus, per_plan: int | str | Sequence[str]) -> list[str]:
    """The documents drawn one by one: ``"all"``, ``"none"``, the top ``N`` or named ids.

    The top ``N`` are the plans with the most assignments (ties: ``doc_id`` order); only
    plans that assign responsibilities have networks to draw.

    Raises
    ------
    InputError
        For a value that is none of these, or a doc id not in the corpus (with the
        nearest ids).

    Examples
    --------
    >>> import agencygraph as ag
    >>> per_plan_docs(ag.parse_corpus(), 2)
    ['cixi', 'lijiang']
    """
    from agencygraph.corpus import suggest

    counts = coded.assignments.groupby("doc_id").size()
    assigning = sorted(counts.index)
    if isinstance(per_plan, str):
        text = per_plan.strip().lower()
        if text == "all":
            return assigning
        if text == "none":
            return []
        match = re.fullmatch(r"(?:top\s*)?(\d+)", text)
        if match is None:
            raise InputError("--per-plan", f"{per_plan!r} is not all, none or top N")
        per_plan = int(match.group(1))
    if isinstance(per_plan, int):
        ranked = sorted(assigning, key=lambda d: (-int(counts[d]), d))
        return sorted(ranked[: max(0, per_plan)])
    known = set(coded.documents["doc_id"])
    for doc in per_plan:
        if doc not in known:
            raise InputError(
                "--per-plan", f"no document {doc!r} in the corpus{suggest(doc, sorted(known))}"
            )
    return sorted(set(per_plan) & set(assigning))


def build(
    coded: CodedCorpus,
    *,
    tables_dir: str | Path = settings.TABLES_DIR,
    figures_dir: str | Path = settings.FIGURES_DIR,
    tables_only: bool = False,
    progress: bool = False,
    null_samples: int | None = None,
    seed: int | None = None,
    lead_null: str | None = None,
    per_plan: int | str | Sequence[str] | None = None,
    format: str = "csv",
    lang: str = "en",
    standalone: bool = False,
    unit: str | None = None,
    inherited: str = "keep",
    collectives: str = "keep",
) -> list[Path]:
    """Run the pipeline on coded plans and write every output.

    Parameters
    ----------
    coded
        The coded corpus from :func:`agencygraph.parse_corpus`.
    tables_dir
        Folder of the coded and metric tables (CSV).
    figures_dir
        Folder of the figures, HTML networks, graph files and ``index.html``. Outputs an
        earlier build wrote there and this one does not (another corpus's plans) are
        removed, so the folder holds what ``index.html`` lists.
    tables_only
        Write the tables only (no figures, pages or graph files).
    progress
        Show each stage's progress and the time it took on stderr.
    null_samples, seed
        Samples and seed of the null models (default: ``settings.NULL_SAMPLES``,
        ``settings.SEED``).
    lead_null
        Null of the lead statistics in ``network_null``: ``"role_permutation"`` or
        ``"curveball"`` (default: ``settings.LEAD_NULL``).
    per_plan
        The plans drawn one by one (figures, HTML networks, graph files):
        ``"all"``, ``"none"``, ``N`` (or ``"top N"``: the N with the most
        assignments) or a list of doc ids; default ``settings.PER_PLAN``. The pooled
        figures and network are always drawn.
    format : {"csv", "parquet"}
        Format of the tables (Parquet needs the optional ``pyarrow``).
    lang
        Language of the figures, pages and index page: ``"en"`` (default) or ``"zh"``.
    standalone
        Inline the networks' script in every page instead of writing it once into
        ``networks/_lib/``.
    unit, inherited, collectives
        The unit of analysis (:mod:`agencygraph.units`): ``unit`` ``"row"`` or ``"task"``
        for every metric table and graph (default None: ``cross_region.csv`` counts
        tasks where the plans have them, everything else rows); ``inherited``
        ``"keep"`` (default) or ``"drop"``; ``collectives`` ``"keep"`` (default) or
        ``"drop"``.

    Returns
    -------
    list of Path
        Every file written.
    """
    # Checked first: a misspelt doc id should not wait for the metric tables.
    docs = per_plan_docs(coded, settings.PER_PLAN if per_plan is None else per_plan)
    bar = _Progress(progress)
    tables = dict(coded.tables())
    with bar.stage("metric tables", unit="table") as tick:
        from agencygraph.compare import metric_tables

        metrics = metric_tables(
            coded,
            n=null_samples,
            seed=seed,
            unit=unit,
            inherited=inherited,
            collectives=collectives,
            lead_null=lead_null,
        )
        tick(len(metrics))
    tables.update(metrics)
    table_files = {}
    for name, frame in tables.items():
        suffix, data = table_bytes(frame, format)
        table_files[f"{name}{suffix}"] = data

    outputs: dict[str, bytes] = {}
    if not tables_only:
        from agencygraph.viz.style import check_lang

        lang = check_lang(lang)
        graphs = _graphs(
            coded, docs, unit=unit or "row", inherited=inherited, collectives=collectives
        )
        with bar.stage("figures", 1 + bool(docs) + 3 * len(docs), unit="figure") as tick:
            outputs.update(_figures(coded, metrics, graphs, lang, tick))
        with bar.stage("HTML networks", len(graphs), unit="page") as tick:
            views = _views(coded, graphs, lang, seed, tick)
            outputs.update(_pages(views, standalone))
        with bar.stage("graph files", len(graphs), unit="graph") as tick:
            outputs.update(_graph_files(graphs, tick, views))
        # A relative path keeps the page identical wherever the build is run.
        tables_link = os.path.relpath(Path(tables_dir).resolve(), Path(figures_dir).resolve())
        parameters = {"seed": seed, "null_samples": null_samples, "lang": lang}
        outputs["index.html"] = _index_page(
            coded, metrics, sorted(outputs), tables_link, views, parameters
        )
        outputs[OUTPUT_LIST] = "".join(f"{name}\n" for name in sorted(outputs)).encode()

    tables_dir, figures_dir = Path(tables_dir), Path(figures_dir)
    written: list[Path] = []
    with bar.stage("writing", len(table_files) + len(outputs)) as tick:
        previous = _previous_outputs(figures_dir) if outputs else set()
        with atomic_batch(tables_dir) as put_table:
            for name, data in table_files.items():
                put_table(name, data)
                written.append(tables_dir / name)
                tick()
            if outputs:
                with atomic_batch(figures_dir) as put_output:
                    for name, data in sorted(outputs.items()):
                        put_output(name, data)
                        written.append(figures_dir / name)
                        tick()
        # Only once the new outputs are in place: an earlier build's that this one did not
        # write would sit beside them unlisted (another corpus's plans).
        for name in sorted(previous - set(outputs)):
            (figures_dir / name).unlink(missing_ok=True)
    bar.report()
    return [p for p in written if p.name != OUTPUT_LIST]


#: The list of outputs a build wrote into the figures folder, read by the next build to
#: remove what it no longer writes.
OUTPUT_LIST = ".build_outputs.txt"
# Where a build without that list (one of an earlier version) put its outputs.
_OUTPUT_PATTERNS = (
    "figures/*.png",
    "figures/*.svg",
    "networks/*.html",
    "graphs/*.gexf",
    "graphs/*.graphml",
    "graphs/*.json",
)


def _previous_outputs(folder: Path) -> set[str]:
    """The outputs an earlier build wrote into ``folder`` (relative names)."""
    listed = folder / OUTPUT_LIST
    if listed.is_file():
        names = set(filter(None, listed.read_text(encoding="utf-8").splitlines()))
        # Never outside the folder, whatever the list says.
        return {n for n in names if ".." not in Path(n).parts and not Path(n).is_absolute()}
    return {
        path.relative_to(folder).as_posix()
        for pattern in _OUTPUT_PATTERNS
        for path in folder.glob(pattern)
        if path.is_file()
    }


def _graphs(
    coded: CodedCorpus,
    docs: list[str],
    *,
    unit: str = "row",
    inherited: str = "keep",
    collectives: str = "keep",
) -> dict[str, object]:
    """The graphs drawn and exported: per document of ``docs``, pooled by type, lead → support."""
    from agencygraph.graph import bipartite_graph, lead_support_network

    options = {"unit": unit, "inherited": inherited, "collectives": collectives}

    assigning = sorted(set(coded.assignments.doc_id))
    graphs: dict[str, object] = {}
    for doc in docs:
        graphs[f"{doc}_bipartite"] = bipartite_graph(
            coded.assignments, coded.measures, coded.agencies, docs=doc, **options
        )
        bipartite = graphs[f"{doc}_bipartite"]
        graphs[f"{doc}_lead_support"] = lead_support_network(bipartite)
    if assigning and docs:
        # Pooled over the plans drawn: over every plan of a large corpus the page and the
        # graph files grow with its measures (5,600 nodes, 30 MB at 200 plans).
        everything = set(docs) == set(assigning)
        graphs["pooled_types"] = bipartite_graph(
            coded.assignments,
            coded.measures,
            coded.agencies,
            node="agency_type",
            docs=None if everything else docs,
            **options,
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
    coded: CodedCorpus,
    metrics: dict[str, pd.DataFrame],
    graphs,
    lang: str = "en",
    tick: Callable = lambda: None,
) -> dict[str, bytes]:
    from agencygraph.viz import figures

    out: dict[str, bytes] = {}
    for stem, draw in _figure_makers(coded, metrics, graphs, lang).items():
        fig = draw()
        for fmt in ("png", "svg"):
            out[f"figures/{stem}.{fmt}"] = figures.figure_bytes(fig, fmt)
        tick()
    return out


def _figure_makers(
    coded: CodedCorpus, metrics: dict[str, pd.DataFrame], graphs, lang: str = "en"
) -> dict[str, Callable]:
    """File stem → a function drawing that figure of the build."""
    from agencygraph.agencies import agency_types
    from agencygraph.viz import figures

    types = agency_types()
    # One column per plan: the plans drawn one by one (type_by_place.csv has them all).
    docs = {n.removesuffix("_bipartite") for n in graphs if n.endswith("_bipartite")}
    shown = coded.assignments[coded.assignments["doc_id"].isin(docs)]
    drawn: dict[str, Callable] = {
        "role_counts_by_type": lambda: figures.role_counts_figure(
            coded.assignments, types, lang=lang, title=_title(coded, "role_counts", lang)
        ),
    }
    if docs:
        drawn["lead_role_share_heatmap"] = lambda: figures.lead_role_share_heatmap(
            shown,
            types,
            coded.documents,
            lang=lang,
            title=_title(coded, "lead_role_share", lang),
        )
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


def _views(
    coded: CodedCorpus, graphs, lang: str, seed: int | None, tick: Callable = lambda: None
) -> dict:
    """What each network page draws (layout, labels), shared by its page, thumbnail and GEXF."""
    from agencygraph.viz.html import network_view

    views = {}
    for name, G in graphs.items():
        views[name] = network_view(G, lang=lang, seed=seed, title=_title(coded, name, lang))
        tick()
    return views


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


def _graph_files(graphs, tick: Callable = lambda: None, views=None) -> dict[str, bytes]:
    from agencygraph.export import gexf_bytes, graphml_bytes, node_link_json_bytes

    out: dict[str, bytes] = {}
    for name, G in graphs.items():
        visuals = views[name].gexf_visuals() if views else None
        out[f"graphs/{name}.gexf"] = gexf_bytes(G, visuals=visuals)
        out[f"graphs/{name}.graphml"] = graphml_bytes(G)
        out[f"graphs/{name}.json"] = node_link_json_bytes(G)
        tick()
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
