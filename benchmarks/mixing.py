"""Mixing check of the curveball null: how many rounds before a sample, and between two.

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/mixing.py --plans 30

For each of ``--plans`` synthetic plans (the benchmark corpus, seed 1) and the bundled
plans, chains start from the observed role matrix and run global curveball rounds
(:func:`agencygraph._curveball.curveball_chains`, one sample per round). For every index
of :data:`agencygraph.metrics.NETWORK_INDICES` that the curveball can change (Louvain's
two left out: too slow to recompute every round):

- **burn-in**: ``--start-chains`` independent chains (1,000) run ``--start-rounds``
  rounds (600); their mean in windows of 10 rounds is compared with the mean of the last
  third of the rounds; the burn-in needed is the first round after which every window is
  within 0.1 stationary sd of it (the standard error of a window mean is at most
  ``1 / sqrt(1000)`` = 0.03 sd, however autocorrelated the rounds);
- **integrated autocorrelation time** τ (in rounds): ``--chains`` chains run ``--rounds``
  rounds after a burn-in of 400; τ = draws / ESS, the ESS of
  :func:`agencygraph.metrics.effective_sample_size` (Geyer's initial positive sequence,
  pooled over chains). A chain thinned every ``thin`` rounds gives draws whose ESS is
  about ``n × min(1, thin / τ)``.

It prints the median, 95th percentile and maximum over plans of both, per index, and for
each candidate ``thin`` the median and 5th percentile over plans of ESS / n for a
chain thinned that much (τ of the thinned draws measured the same way) — the figures
behind :data:`agencygraph.metrics.NULL_BURN_IN`, ``NULL_THIN`` and ``NULL_REDUCED_THIN``
(recorded in ``benchmarks/RESULTS.md`` and ``docs/methods.md`` section 4).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

import agencygraph as ag
from agencygraph import metrics as M
from agencygraph._curveball import STACK_INDICES, curveball_chains, stack_indices
from agencygraph.graph import ROLES, select_assignments
from agencygraph.synth import write_synthetic_corpus

INDICES = [i for i in STACK_INDICES if i not in M.NULL_INVARIANT]
THINS = (1, 5, 10, 20, 40)


def _values(R, masks, chains, rounds, burn_in, thin, seed):
    S = curveball_chains(R, chains * rounds, n_chains=chains, burn_in=burn_in, thin=thin, seed=seed)
    party, union = masks
    values = stack_indices(S, party=party, union=union)
    # sample s is chain s % chains at its (s // chains)-th draw
    return {i: values[i].reshape(rounds, chains) for i in INDICES}


def _burn_in(mean: np.ndarray, sd: float) -> int | None:
    """First round after which every 10-round window of the chains' mean is within 0.1
    sd of the mean of the last third of the rounds."""
    rounds = len(mean)
    if not sd > 1e-9:
        return None
    stationary = mean[2 * rounds // 3 :].mean()
    window = mean[: rounds // 10 * 10].reshape(-1, 10).mean(axis=1)
    far = np.flatnonzero(np.abs(window - stationary) / sd >= 0.1)
    return int((far[-1] + 1) * 10) if len(far) else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plans", type=int, default=30)
    ap.add_argument("--chains", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=600)
    ap.add_argument("--start-chains", type=int, default=1000)
    ap.add_argument("--start-rounds", type=int, default=600)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = write_synthetic_corpus(args.plans, seed=1, out=Path(tmp))
        corpora = [ag.parse_corpus(sorted(out.glob("syn*.txt")), themes=False), ag.parse_corpus()]
    burn = {i: [] for i in INDICES}
    tau = {i: [] for i in INDICES}
    thinned = {(i, t): [] for i in INDICES for t in THINS}
    n_plans = 0
    for coded in corpora:
        sel, _ = select_assignments(coded.assignments, docs=None, roles=ROLES, inherited=True,
                                    node="agency_id")  # fmt: skip
        type_of, system_of = M._agency_lookup(coded.assignments, coded.agencies)
        for R, rows, _ in M._role_matrices_of(sel).values():
            if R.shape[0] < 2:
                continue
            n_plans += 1
            masks = M._masks(rows, type_of, system_of)
            # the chains' mean at each round, over --start-chains independent chains
            total = {i: np.zeros(args.start_rounds) for i in INDICES}
            for batch in range(args.start_chains // 100):
                start = _values(R, masks, 100, args.start_rounds, 0, 1, seed=100 + batch)
                for i in INDICES:
                    total[i] += start[i].sum(axis=1)
            long = _values(R, masks, args.chains, args.rounds, 400, 1, seed=2)
            for index in INDICES:
                x = long[index]
                mean = total[index] / (args.start_chains // 100 * 100)
                b = _burn_in(mean, float(x.std()))
                if b is None or not np.isfinite(x).all() or x.std() <= 1e-9:
                    continue
                burn[index].append(b)
                tau[index].append(x.size / M.effective_sample_size(x))
                for t in THINS:
                    y = x[::t]
                    thinned[index, t].append(M.effective_sample_size(y) / y.size)
    print(f"{n_plans} plans; tau in rounds; ESS/n of a chain thinned every t rounds")
    head = " ".join(f"{'t=' + str(t) + ' p50/p5':>14s}" for t in THINS)
    print(f"{'index':20s} {'n':>3s} {'burn p50':>8s} {'p95':>4s} {'max':>4s} "
          f"{'tau p50':>7s} {'p95':>5s} {'max':>5s} {head}")  # fmt: skip
    for index in INDICES:
        b, g = np.array(burn[index]), np.array(tau[index])
        if not len(b):
            continue
        cells = " ".join(
            f"{np.median(thinned[index, t]):7.2f}/{np.percentile(thinned[index, t], 5):5.2f} "
            for t in THINS
        )
        print(
            f"{index:20s} {len(b):3d} {np.median(b):8.0f} {np.percentile(b, 95):4.0f} "
            f"{b.max():4d} {np.median(g):7.1f} {np.percentile(g, 95):5.1f} {g.max():5.1f} "
            f"{cells}"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
