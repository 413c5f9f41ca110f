"""Per-stage and per-table profile of ``agencygraph build --tables-only`` (issue 19).

Usage (from the repository root)::

    python benchmarks/profile_tables.py --plans 10000 [--corpus-dir DIR] [--null-samples N]
                                        [--out DIR]

Writes (or reuses, with ``--corpus-dir`` holding one) ``--plans`` synthetic plans (seed 1),
codes them, and computes every metric table of :func:`agencygraph.compare.metric_tables`,
timing each piece of work it does — wall time, CPU time of this process and the process's
peak resident memory after it — by wrapping the functions ``metric_tables`` calls. Prints
a markdown table (paste it into ``RESULTS.md``) with the machine's load average, since on
a shared machine wall time is only an upper bound and CPU time the figure to compare.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import time
from pathlib import Path

WRAPPED = {
    "select_assignments": "selection (one pass over assignments)",
    "_role_matrices_of": "per-plan role matrices",
    "_agency_lookup": "agency type and system lookup",
    "_indices_table": "network_indices (incl. observed Louvain per plan)",
    "_null_table": "network_null (curveball null, every plan)",
    "_ratio_intervals": "cross_region bootstrap intervals of the ratios",
    "_wide_indices": "cross_region (wide)",
    "_centrality_of_documents": "agency_centrality (per plan)",
    "_pooled_type_centrality": "type_centrality (pooled, sparse)",
    "similarity_between_places": "place_similarity",
    "place_overlap": "place_overlap",
    "lead_switches": "lead_switches",
    "brokerage_table": "brokerage",
    "_by_system": "brokerage_by_system",
    "_overlap_of_documents": "agency_overlap",
    "type_by_place": "type_by_place",
    "cross_region_table": "type_cross_region (role null)",
    "_sdsm_edges": "backbone (BiCM + SDSM per plan)",
}


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--corpus-dir", type=Path)
    ap.add_argument("--null-samples", type=int)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--out", type=Path, help="write each table's CSV bytes here (to compare runs)")
    args = ap.parse_args()

    import agencygraph as ag
    from agencygraph import compare
    from agencygraph.synth import write_synthetic_corpus

    corpus = args.corpus_dir or Path(f"/tmp/agencygraph-profile-{args.plans}")
    if not (corpus / "manifest.csv").exists():
        write_synthetic_corpus(args.plans, seed=1, out=corpus)
    files = [corpus / f"syn{i:06d}.txt" for i in range(args.plans)]
    mb = sum(p.stat().st_size for p in files) / 1e6
    rows = []
    t, c = time.perf_counter(), time.process_time()
    coded = ag.parse_corpus(files, jobs=args.jobs)
    rows.append(("parse_corpus", time.perf_counter() - t, time.process_time() - c, _peak_mib()))

    spent: dict[str, list[float]] = {}

    def wrap(name):
        func = getattr(compare, name, None)
        if func is None:
            raise SystemExit(f"compare.{name} is gone: update WRAPPED in {__file__}")

        @functools.wraps(func)
        def timed(*a, **k):
            t, c = time.perf_counter(), time.process_time()
            out = func(*a, **k)
            got = spent.setdefault(name, [0.0, 0.0, 0.0])
            got[0] += time.perf_counter() - t
            got[1] += time.process_time() - c
            got[2] = _peak_mib()
            return out

        setattr(compare, name, timed)

    for name in WRAPPED:
        wrap(name)
    t, c = time.perf_counter(), time.process_time()
    tables = compare.metric_tables(coded, n=args.null_samples)
    total = (time.perf_counter() - t, time.process_time() - c, _peak_mib())
    load = os.getloadavg()
    print(f"{args.plans:,} plans, {mb:.1f} MB of text; load average {load[0]:.1f} "
          f"{load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores\n")  # fmt: skip
    print("| stage | wall (s) | CPU (s) | peak RSS so far (MiB) |")
    print("|---|---:|---:|---:|")
    for name, wall, cpu, peak in rows:
        print(f"| {name} ({mb / cpu:.2f} MB/s CPU) | {wall:.1f} | {cpu:.1f} | {peak:,.0f} |")
    for name, (wall, cpu, peak) in sorted(spent.items(), key=lambda kv: -kv[1][1]):
        print(f"| {WRAPPED[name]} | {wall:.1f} | {cpu:.1f} | {peak:,.0f} |")
    print(f"| **metric_tables, total** | {total[0]:.1f} | {total[1]:.1f} | {total[2]:,.0f} |")
    if args.out:
        from agencygraph.export import table_to_csv_bytes

        args.out.mkdir(parents=True, exist_ok=True)
        for name, frame in tables.items():
            (args.out / f"{name}.csv").write_bytes(table_to_csv_bytes(frame))
    null = tables["network_null"]
    methods = null.groupby("doc_id")["method"].agg(lambda m: ";".join(sorted(set(m))))
    counts = methods.value_counts().to_dict()
    print(f"\nnetwork_null: {len(methods):,} plans; methods per plan {counts}")


if __name__ == "__main__":
    main()
