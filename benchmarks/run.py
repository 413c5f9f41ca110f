"""Benchmark the agencygraph pipeline on synthetic corpora of growing size.

Usage (from the repository root, in the project's environment)::

    python benchmarks/run.py --sizes 10 100 1000 10000
    python benchmarks/run.py --sizes 100000 --build-only --chunk-size 2000   # out of core

For each size N a fresh subprocess generates N synthetic plans (:mod:`agencygraph.synth`) and
times every stage of the pipeline on them, so that the peak memory of one size (the
process's maximum resident set size, read after each stage) does not carry over into the
next. It also times the same agency projection with scipy's sparse ``B @ B.T`` (the limit
any implementation can reach) and with networkx's ``bipartite.weighted_projected_graph``
(the naive peer). Results go to ``benchmarks/results/`` (JSON and markdown, git-ignored);
``--record`` also writes the markdown to ``benchmarks/RESULTS.md``, with the machine.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import math
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"

# Targets of the scale issue, checked in the report.
BUILD_SECONDS = 60.0
BUILD_GIB = 2.0
PROJECTION_VS_SCIPY = 1.5
PROJECTION_VS_NETWORKX = 10.0
PARSE_MB_PER_S = 10.0
LINEAR_FACTOR = 11.0


# --------------------------------------------------------------------------- worker side


class StageTimeout(Exception):
    """A stage ran past its time limit."""


def _alarm(_signum, _frame):
    raise StageTimeout


def _peak_mib() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


class _Recorder:
    def __init__(self, timeout: int, skips: dict[str, str]):
        self.timeout = timeout
        self.skips = skips
        self.stages: dict[str, dict] = {}
        signal.signal(signal.SIGALRM, _alarm)

    def run(self, name: str, func: Callable[[], object], note: str = ""):
        if name in self.skips:
            self.skip(name, self.skips[name])
            return None
        print(f"STAGE {name}", flush=True)
        signal.alarm(self.timeout)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        try:
            value = func()
            seconds = time.perf_counter() - start
            status = "ok"
        except StageTimeout:
            value, seconds, status = None, time.perf_counter() - start, "timeout"
            note = f"stopped after {self.timeout} s. {note}".strip()
        finally:
            signal.alarm(0)
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
        self.stages[name] = {
            "seconds": seconds,
            "cpu_seconds": cpu,  # this process only (user + sys): the figure under load
            "peak_rss_mib": _peak_mib(),
            "status": status,
            "note": note,
        }
        return value

    def skip(self, name: str, note: str) -> None:
        print(f"STAGE {name}", flush=True)
        self.stages[name] = {"seconds": None, "peak_rss_mib": None, "status": "skipped"}
        self.stages[name]["note"] = note


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _scipy_projection(assignments):
    """The limit: factorise the ids, build B, multiply, keep the upper triangle."""
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp

    rows, agency_labels = pd.factorize(assignments["agency_id"], sort=True)
    cols, _ = pd.factorize(assignments["measure_id"], sort=True)
    B = sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(agency_labels), cols.max() + 1)
    )
    B.data[:] = 1.0  # duplicates (a unit listed twice on a measure) count once
    W = sp.triu(B @ B.T, k=1).tocoo()
    return W


def _per_document(assignments, func) -> int:
    count = 0
    for _doc, rows in assignments.groupby("doc_id", sort=True):
        func(rows)
        count += 1
    return count


def worker(args: argparse.Namespace) -> None:
    """Time every stage on one corpus size; write a JSON record."""
    import networkx as nx

    import agencygraph
    from agencygraph import graph, metrics
    from agencygraph.synth import write_synthetic_corpus

    n = args.worker
    rec = _Recorder(args.stage_timeout, json.loads(args.skip or "{}"))
    corpus = Path(args.corpus)
    rec.run("synth", lambda: write_synthetic_corpus(n, seed=args.seed, out=corpus))
    files = [corpus / f"syn{i:06d}.txt" for i in range(n)]
    n_bytes = sum(p.stat().st_size for p in files)

    if args.build_only:
        _build_only(rec, files, n_bytes, args)
        return
    coded = rec.run("parse", lambda: agencygraph.parse_corpus(files))
    a = coded.assignments[coded.assignments["agency_id"] != ""]
    G = rec.run("bipartite_graph", lambda: graph.bipartite_graph(a, coded.measures, coded.agencies))
    rec.run("project_agencies", lambda: graph.project_agencies(G))
    rec.run("project_agencies_table", lambda: graph.project_agencies(a, as_frame=True))
    rec.run("scipy_BBt", lambda: _scipy_projection(a), "baseline: sparse B @ B.T, upper triangle")
    agencies = [v for v, d in G.nodes(data=True) if d.get("bipartite") == 0]
    rec.run(
        "networkx_projection",
        lambda: nx.bipartite.weighted_projected_graph(G, agencies),
        "baseline: networkx.bipartite.weighted_projected_graph",
    )

    if _has("agencygraph.backbone"):
        backbone = importlib.import_module("agencygraph.backbone")
        B, rows, _cols = graph.incidence_matrix(a, node="agency_type")
        rec.run(
            "sdsm_backbone",
            lambda: backbone.sdsm_backbone(B, labels=rows),
            f"pooled agency-type projection: {B.shape[0]} types x {B.shape[1]} measures",
        )
    else:
        rec.skip("sdsm_backbone", "agencygraph.backbone is not there yet")

    rec.run("agency_centrality", lambda: metrics.agency_centrality(G), "whole two-mode graph")
    rec.run("network_indices", lambda: metrics.network_indices(a, measures=coded.measures))
    rec.run(
        "null_model_zscores",
        lambda: metrics.null_model_zscores(
            a, ["mean_jaccard", "projection_density"], n=args.null_samples, seed=args.seed
        ),
        f"curveball, {args.null_samples} samples per document",
    )
    rec.run(
        "network_null",
        lambda: metrics.network_indices_with_null(
            a, agencies=coded.agencies, n=args.null_samples, seed=args.seed
        ),
        "the build's null (every index, every plan; budget rule of settings.NULL_FULL_DOCS)",
    )

    if _has("agencygraph.viz.html"):
        html = importlib.import_module("agencygraph.viz.html")
        pages = min(n, args.html_pages)
        docs = sorted(a["doc_id"].unique())[:pages]

        def export_html():
            out = Path(tempfile.mkdtemp(prefix="agencygraph-html-"))
            graphs = {
                d: graph.bipartite_graph(a, coded.measures, coded.agencies, docs=d) for d in docs
            }
            graphs["types"] = graph.project_agencies(a, node="agency_type")
            try:
                html.write_networks_html(graphs, out)
            finally:
                shutil.rmtree(out, ignore_errors=True)

        rec.run("html_export", export_html, f"{pages} document pages + the pooled type projection")
    else:
        rec.skip("html_export", "agencygraph.viz is not there yet")

    if _has("agencygraph.pipeline"):
        result = rec.run("build_tables_only", lambda: _build(files, args))
        if result:
            _note_build(rec, result)
    else:
        rec.skip("build_tables_only", "agencygraph.pipeline (the build command) is not there yet")

    record = {
        "n_plans": n,
        "corpus": {
            "bytes": n_bytes,
            "measures": len(coded.measures),
            "assignments": len(coded.assignments),
            "agencies": len(coded.agencies),
            "layouts": coded.documents["layout"].value_counts().sort_index().to_dict(),
            "graph_nodes": G.number_of_nodes(),
            "graph_edges": G.number_of_edges(),
        },
        "stages": rec.stages,
    }
    Path(args.json).write_text(json.dumps(record, indent=1), encoding="utf-8")


def _build_only(rec: _Recorder, files, n_bytes: int, args: argparse.Namespace) -> None:
    """``--build-only``: the build alone (no stage holds the whole corpus in this process)."""
    result = rec.run("build_tables_only", lambda: _build(files, args))
    corpus = {"bytes": n_bytes}
    if result:
        _note_build(rec, result)
        corpus.update(result["corpus"])
    record = {"n_plans": len(files), "corpus": corpus, "stages": rec.stages}
    Path(args.json).write_text(json.dumps(record, indent=1), encoding="utf-8")


def _note_build(rec: _Recorder, result: dict) -> None:
    stage = rec.stages["build_tables_only"]
    stage["seconds"] = result["seconds"]
    stage["cpu_seconds"] = result["cpu_seconds"]
    stage["child_peak_rss_mib"] = result["peak_rss_mib"]
    chunks = f", --chunk-size {result['chunk_size']}" if result["chunk_size"] else ""
    stage["note"] = (
        f"`agencygraph build --tables-only --jobs 0{chunks}` in a child process: exit "
        f"{result['exit']}, CPU {result['cpu_seconds']:,.0f} s (all processes), peak RSS "
        f"{result['peak_rss_mib']:,.0f} MiB {result['stderr'][-200:]}"
    )


def _build(files, args) -> dict:
    """Run ``agencygraph build --tables-only`` in a child; its own wall time and peak memory.

    Peak RSS is that of the largest process (the build's own; ``--jobs 0`` parses in
    worker processes of their own), CPU time that of the child and its workers.
    """
    out = tempfile.mkdtemp(prefix="agencygraph-build-")
    cmd = [
        sys.executable,
        "-m",
        "agencygraph.cli",
        "build",
        "--tables-only",
        "--quiet",
        "--jobs",
        "0",
    ]
    if args.chunk_size:
        cmd += ["--chunk-size", str(args.chunk_size)]
    # The folder, not 100,000 file names on the command line.
    cmd += ["--out", out, str(Path(files[0]).parent)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _pid, status, usage = os.wait4(proc.pid, 0)
    except BaseException:
        # The stage timed out (or was interrupted): the child must not outlive it.
        proc.kill()
        proc.wait()
        shutil.rmtree(out, ignore_errors=True)
        raise
    seconds = time.perf_counter() - start
    corpus = {}
    documents = Path(out) / "documents.csv"
    if documents.is_file():
        import pandas as pd

        docs = pd.read_csv(documents, usecols=["n_measures", "n_assignments"])
        corpus = {
            "measures": int(docs["n_measures"].sum()),
            "assignments": int(docs["n_assignments"].sum()),
        }
    shutil.rmtree(out, ignore_errors=True)
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "cpu_seconds": children.ru_utime + children.ru_stime,
        "chunk_size": args.chunk_size,
        "corpus": corpus,
        "peak_rss_mib": usage.ru_maxrss / 1024,
        "exit": os.waitstatus_to_exitcode(status),
        "stderr": stderr.strip()[-500:],
    }


# --------------------------------------------------------------------------- parent side


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import networkx
    import numpy
    import pandas
    import scipy

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(ram, 1),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "pandas": pandas.__version__,
        "networkx": networkx.__version__,
    }


def _run_size(n: int, args: argparse.Namespace, skips: dict[str, str], bar) -> dict:
    folder = Path(args.corpus_dir) if args.corpus_dir else Path(tempfile.gettempdir())
    corpus = Path(tempfile.mkdtemp(prefix=f"agencygraph-synth-{n}-", dir=folder))
    json_path = corpus.with_suffix(".json")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(n)]
    cmd += ["--seed", str(args.seed), "--corpus", str(corpus), "--json", str(json_path)]
    cmd += ["--null-samples", str(args.null_samples), "--stage-timeout", str(args.stage_timeout)]
    cmd += ["--html-pages", str(args.html_pages)]
    if args.chunk_size:
        cmd += ["--chunk-size", str(args.chunk_size)]
    if args.build_only:
        cmd += ["--build-only"]
    if skips:
        cmd += ["--skip", json.dumps(skips)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("STAGE "):
            bar.set_description(f"N={n}: {line[6:].strip()}")
            bar.update(1)
    if proc.wait() != 0:
        raise SystemExit(f"benchmark worker for N={n} failed (exit {proc.returncode})")
    record = json.loads(json_path.read_text(encoding="utf-8"))
    json_path.unlink()
    if not args.keep_corpora:
        shutil.rmtree(corpus, ignore_errors=True)
    return record


STAGES = (
    "synth",
    "parse",
    "bipartite_graph",
    "project_agencies",
    "project_agencies_table",
    "scipy_BBt",
    "networkx_projection",
    "sdsm_backbone",
    "agency_centrality",
    "network_indices",
    "null_model_zscores",
    "network_null",
    "html_export",
    "build_tables_only",
)


#: Stages whose output the others need (the corpus, its coding, the two-mode graph).
_INPUTS = ("synth", "parse", "bipartite_graph")


def _predicted_skips(
    records: list[dict], n_next: int, budget: float, skips: dict[str, str]
) -> dict[str, str]:
    """Stages to skip at the next size: those whose extrapolated time is over the budget.

    The growth exponent is the one observed between the last two sizes (at least 1, linear).
    """
    last = records[-1]
    out = {}
    for stage in STAGES:
        if stage in skips:
            out[stage] = skips[stage]
            continue
        if stage in _INPUTS:  # every other stage needs their output: never skipped
            continue
        if last["stages"].get(stage, {}).get("status") == "timeout":
            out[stage] = f"skipped: it ran out of time at N={last['n_plans']:,}"
            continue
        t = _seconds(last, stage)
        if t is None:
            continue
        exponent = 1.0
        if len(records) > 1:
            t0 = _seconds(records[-2], stage)
            n0, n1 = records[-2]["n_plans"], last["n_plans"]
            if t0 and t > 0.5:  # small times are noise, not growth
                exponent = max(1.0, math.log(t / t0) / math.log(n1 / n0))
        predicted = t * (n_next / last["n_plans"]) ** exponent
        if predicted > budget:
            out[stage] = (
                f"skipped: {t:.1f} s at N={last['n_plans']:,} and growth exponent "
                f"{exponent:.1f} predict {predicted:,.0f} s, over the {budget:.0f} s budget"
            )
    return out


def _fmt_seconds(stage: dict | None) -> str:
    if not stage or stage["seconds"] is None:
        return "skipped"
    text = f"{stage['seconds']:.3f}" if stage["seconds"] < 10 else f"{stage['seconds']:.1f}"
    return text + (" (timeout)" if stage["status"] == "timeout" else "")


def _seconds(record: dict, stage: str) -> float | None:
    s = record["stages"].get(stage)
    return s["seconds"] if s and s["status"] == "ok" else None


def markdown(results: dict) -> str:
    sizes = results["sizes"]
    ns = [r["n_plans"] for r in sizes]
    m = results["machine"]
    out = [
        "# Benchmark results",
        "",
        f"Run {results['when']} with `{results['command']}`.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM; {m['os']}; "
        f"Python {m['python']}, numpy {m['numpy']}, scipy {m['scipy']}, pandas {m['pandas']}, "
        f"networkx {m['networkx']}. One process per size, one core used by the pipeline.",
        "",
        *([results["conditions"], ""] if results.get("conditions") else []),
        "## Corpus",
        "",
        "| | " + " | ".join(f"N = {n:,}" for n in ns) + " |",
        "|---|" + "---:|" * len(ns),
    ]
    rows = (
        ("plan text (MB)", lambda r: f"{r['corpus']['bytes'] / 1e6:.1f}"),
        ("measures", lambda r: f"{r['corpus']['measures']:,}"),
        ("assignments", lambda r: f"{r['corpus']['assignments']:,}"),
        ("agencies (place x type)", lambda r: f"{r['corpus']['agencies']:,}"),
        (
            "graph nodes / edges",
            lambda r: f"{r['corpus']['graph_nodes']:,} / {r['corpus']['graph_edges']:,}",
        ),
    )

    def cell(get, r) -> str:
        try:
            return get(r)
        except KeyError:  # --build-only records the build's own counts only
            return "–"

    for label, get in rows:
        out.append(f"| {label} | " + " | ".join(cell(get, r) for r in sizes) + " |")
    out += [
        "",
        "## Wall time per stage (seconds) and peak memory",
        "",
        "| stage | " + " | ".join(f"N = {n:,}" for n in ns) + " |",
        "|---|" + "---:|" * len(ns),
    ]
    for stage in STAGES:
        out.append(
            f"| {stage} | " + " | ".join(_fmt_seconds(r["stages"].get(stage)) for r in sizes) + " |"
        )
    out.append(
        "| build_tables_only: CPU s, all processes | "
        + " | ".join(
            f"{r['stages'].get('build_tables_only', {}).get('cpu_seconds') or 0:,.0f}"
            for r in sizes
        )
        + " |"
    )
    out.append(
        "| build_tables_only: peak RSS of the build (MiB) | "
        + " | ".join(
            f"{r['stages'].get('build_tables_only', {}).get('child_peak_rss_mib') or 0:,.0f}"
            for r in sizes
        )
        + " |"
    )
    out.append(
        "| peak RSS of the process (MiB) | "
        + " | ".join(
            f"{max((s['peak_rss_mib'] or 0) for s in r['stages'].values()):,.0f}" for r in sizes
        )
        + " |"
    )
    notes = {}
    for r in sizes:
        for stage, s in r["stages"].items():
            if s.get("note"):
                notes.setdefault(stage, []).append(f"N={r['n_plans']:,}: {s['note']}")
    out += ["", "Notes:", ""]
    for stage in STAGES:
        if stage in notes:
            distinct = list(dict.fromkeys(x.split(": ", 1)[1] for x in notes[stage]))
            text = "; ".join(distinct) if len(distinct) < 3 else "; ".join(notes[stage])
            out.append(f"- `{stage}`: {text}")

    out += ["", "## Ratios and targets", ""]
    out += ["| check | " + " | ".join(f"N = {n:,}" for n in ns) + " | target |"]
    out += ["|---|" + "---:|" * len(ns) + "---|"]

    def ratio(num: str, den: str):
        vals = []
        for r in sizes:
            a, b = _seconds(r, num), _seconds(r, den)
            vals.append(f"{a / b:.2f}" if a and b else "–")
        return vals

    out.append(
        "| project_agencies (graph) / scipy B·Bᵀ | "
        + " | ".join(ratio("project_agencies", "scipy_BBt"))
        + f" | ≤ {PROJECTION_VS_SCIPY:g} |"
    )
    out.append(
        "| project_agencies (table → frame) / scipy B·Bᵀ | "
        + " | ".join(ratio("project_agencies_table", "scipy_BBt"))
        + f" | ≤ {PROJECTION_VS_SCIPY:g} |"
    )
    out.append(
        "| networkx projection / project_agencies (graph) | "
        + " | ".join(ratio("networkx_projection", "project_agencies"))
        + f" | ≥ {PROJECTION_VS_NETWORKX:g} |"
    )
    speeds = []
    for r in sizes:
        t = _seconds(r, "parse")
        speeds.append(f"{r['corpus']['bytes'] / 1e6 / t:.2f}" if t else "–")
    out.append(f"| parse speed (MB/s, one core) | {' | '.join(speeds)} | ≥ {PARSE_MB_PER_S:g} |")
    by_n = {r["n_plans"]: r for r in sizes}
    if 1000 in by_n and 10000 in by_n:
        stages = ("parse", "bipartite_graph", "project_agencies", "agency_centrality",
                  "network_null", "build_tables_only")  # fmt: skip
        for stage in stages:
            a, b = _seconds(by_n[10000], stage), _seconds(by_n[1000], stage)
            if a and b:
                out.append(
                    f"| {stage}: time(10,000) / time(1,000) | "
                    + " | ".join("" for _ in ns[:-1])
                    + f" | {a / b:.1f} | ≤ {LINEAR_FACTOR:g} |"
                )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--null-samples", type=int, default=100, help="per document (100)")
    parser.add_argument("--html-pages", type=int, default=20, help="document pages (20)")
    parser.add_argument("--stage-timeout", type=int, default=900, help="seconds per stage")
    parser.add_argument(
        "--budget",
        type=float,
        default=300.0,
        help="skip a stage at a size where it would take longer than this, extrapolated "
        "from the smaller sizes (seconds; default 300)",
    )
    parser.add_argument("--corpus-dir", help="where corpora are written (default: temp)")
    parser.add_argument("--keep-corpora", action="store_true")
    parser.add_argument("--record", action="store_true", help="also write benchmarks/RESULTS.md")
    parser.add_argument(
        "--stages",
        nargs="+",
        choices=STAGES,
        metavar="STAGE",
        help="time only these stages (synth, parse and bipartite_graph always run: the "
        "others need their output); e.g. --stages project_agencies project_agencies_table "
        "scipy_BBt networkx_projection",
    )
    parser.add_argument("--conditions", default="", help="a note on the run, for the report")
    parser.add_argument(
        "--chunk-size",
        type=int,
        metavar="N",
        help="run the build streamed, N plans at a time (build --chunk-size N)",
    )
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="time only the synthetic corpus and the build (for 100,000 plans: the other "
        "stages hold the whole corpus in memory)",
    )
    # Internal: one size, in a fresh process.
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--json", help=argparse.SUPPRESS)
    parser.add_argument("--skip", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        worker(args)
        return

    from tqdm import tqdm

    RESULTS.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(args.sizes))
    records: list[dict] = []
    skips: dict[str, str] = {}
    if args.stages:
        needed = {*_INPUTS, *args.stages}
        skips = {s: "not selected (--stages)" for s in STAGES if s not in needed}
    with tqdm(total=len(sizes) * len(STAGES), unit="stage") as bar:
        for i, n in enumerate(sizes):
            record = _run_size(n, args, skips, bar)
            records.append(record)
            if i + 1 < len(sizes):
                skips = _predicted_skips(records, sizes[i + 1], args.budget, skips)
    results = {
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python benchmarks/run.py " + " ".join(argv or sys.argv[1:]),
        "machine": machine(),
        "conditions": args.conditions,
        "sizes": records,
    }
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    (RESULTS / f"benchmark-{stamp}.json").write_text(json.dumps(results, indent=1), "utf-8")
    table = markdown(results)
    (RESULTS / f"benchmark-{stamp}.md").write_text(table, encoding="utf-8")
    if args.record:
        (HERE / "RESULTS.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
