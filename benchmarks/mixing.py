"""Mixing check of the curveball null: how many rounds before a sample, and between two.

Usage (from the repository root)::

    python benchmarks/mixing.py --plans 40 --chains 200 --rounds 120

For each of ``--plans`` synthetic plans (the benchmark corpus, seed 1) and the bundled
plans, ``--chains`` chains start from the observed role matrix and run ``--rounds``
global curveball rounds (:func:`agencygraph._curveball.curveball_chains`). For every
index of :data:`agencygraph.metrics.NETWORK_INDICES` but Louvain's, at each round t:

- **bias**: ``|mean over chains in the 5-round window of t - mean over the second half of
  the rounds| / sd over the second half`` (how far the chains still are from where they
  settle; the standard error of a window mean is ``1 / sqrt(5 × chains)`` sd);
- **autocorrelation** at lag t of one chain's series after the last third of rounds
  (pooled over chains).

It prints, per index, the first round at which the bias stays below 0.1 sd (the
burn-in needed) and the first lag at which the autocorrelation falls below 0.1 (the
thinning needed), the maximum over plans — the figures behind ``NULL_REDUCED_BURN_IN``
and ``NULL_REDUCED_THIN`` in :mod:`agencygraph.metrics` (recorded in ``RESULTS.md``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

import agencygraph as ag
from agencygraph import metrics as M
from agencygraph._curveball import curveball_chains
from agencygraph.graph import select_assignments
from agencygraph.synth import write_synthetic_corpus

INDICES = [
    i for i in M.NETWORK_INDICES if i not in ("modularity", "n_communities", *M.NULL_INVARIANT)
]


def _series(R, masks, chains, rounds, seed):
    S = curveball_chains(R, chains * rounds, n_chains=chains, burn_in=0, thin=1, seed=seed)
    party, union = masks
    values = M._index_stack(
        S, party=party, union=union, projection="newman", seeds=[0] * len(S), louvain=0
    )
    # sample s is chain s % chains at round s // chains
    return {i: values[i].reshape(rounds, chains) for i in INDICES}


def _first_below(x: np.ndarray, limit: float) -> int:
    above = np.flatnonzero(~(x < limit))
    return int(above[-1] + 1) if len(above) else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plans", type=int, default=40)
    ap.add_argument("--chains", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=120)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = write_synthetic_corpus(args.plans, seed=1, out=Path(tmp))
        corpora = [ag.parse_corpus(sorted(out.glob("syn*.txt")), themes=False), ag.parse_corpus()]
    burn = {i: [] for i in INDICES}
    lag = {i: [] for i in INDICES}
    for coded in corpora:
        sel, _ = select_assignments(coded.assignments, docs=None, roles=M.ROLES, inherited=True,
                         node="agency_id")  # fmt: skip
        type_of, system_of = M._agency_lookup(coded.assignments, coded.agencies)
        for R, rows, _ in M._role_matrices_of(sel).values():
            masks = M._masks(rows, type_of, system_of)
            series = _series(R, masks, args.chains, args.rounds, seed=1)
            for index, x in series.items():
                if not np.isfinite(x).all():
                    continue
                stationary = x[args.rounds // 2 :]
                sd = stationary.std()
                if sd <= 1e-9:
                    continue
                # chain means over windows of 5 rounds, against the second half's mean
                window = x[: args.rounds // 5 * 5].mean(axis=1).reshape(-1, 5).mean(axis=1)
                bias = np.repeat(np.abs(window - stationary.mean()) / sd, 5)
                burn[index].append(_first_below(bias, 0.1))
                tail = x[2 * args.rounds // 3 :]
                tail = (tail - tail.mean(axis=0)) / np.where(
                    tail.std(axis=0) > 0, tail.std(axis=0), 1
                )
                acf = np.array(
                    [1.0] + [float((tail[t:] * tail[:-t]).mean()) for t in range(1, len(tail) // 2)]
                )
                lag[index].append(_first_below(acf, 0.1))
    print(f"{'index':22s} {'plans':>5s} {'burn-in p50':>11s} {'p95':>5s} {'max':>5s}"
          f" {'lag p50':>8s} {'p95':>5s} {'max':>5s}")  # fmt: skip
    for index in INDICES:
        b, g = np.array(burn[index]), np.array(lag[index])
        if not len(b):
            continue
        print(
            f"{index:22s} {len(b):5d} {np.median(b):11.0f} {np.percentile(b, 95):5.0f} "
            f"{b.max():5d} {np.median(g):8.0f} {np.percentile(g, 95):5.0f} {g.max():5d}"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
