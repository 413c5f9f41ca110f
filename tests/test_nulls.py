"""The compiled null (agencygraph._curveball) against the numpy definitions."""

from __future__ import annotations

import numpy as np
import pytest

from agencygraph._curveball import STACK_INDICES, curveball_chains, stack_indices
from agencygraph.metrics import _index_stack


def _random_roles(rng, k, m):
    R = np.zeros((k, m), dtype=np.int8)
    for c in range(m):
        members = rng.choice(k, size=int(rng.integers(1, min(k, 5) + 1)), replace=False)
        R[members, c] = 1
        R[members[: int(rng.integers(0, 3))], c] = 2
    return R


@pytest.mark.parametrize("seed", range(6))
def test_stack_indices_equal_the_numpy_indices(seed):
    rng = np.random.default_rng(seed)
    k, m = int(rng.integers(1, 20)), int(rng.integers(1, 40))
    R = _random_roles(rng, k, m)
    stack = curveball_chains(R, 30, n_chains=3, burn_in=5, thin=2, seed=seed)
    party = None if seed % 2 else rng.random(k) < 0.3
    union = rng.random(k) < 0.2
    want = _index_stack(stack, party=party, union=union, projection="newman", seeds=[0] * 30,
                        louvain=0)  # fmt: skip
    got = stack_indices(stack, party=party, union=union)
    for name in STACK_INDICES:
        np.testing.assert_allclose(got[name], want[name], rtol=1e-12, atol=1e-12, err_msg=name)


def test_curveball_chains_keep_degrees_and_roles_and_move():
    rng = np.random.default_rng(3)
    R = _random_roles(rng, 15, 30)
    S = curveball_chains(R, 50, n_chains=2, burn_in=20, thin=5, seed=9)
    assert ((S != 0).sum(axis=2) == (R != 0).sum(axis=1)).all()  # agency degrees
    assert (np.sort(S, axis=1) == np.sort(R, axis=0)[None]).all()  # each measure's roles
    assert len({s.tobytes() for s in S}) > 40  # the chains move
    again = curveball_chains(R, 50, n_chains=2, burn_in=20, thin=5, seed=9)
    assert (again == S).all()
    other = curveball_chains(R, 50, n_chains=2, burn_in=20, thin=5, seed=10)
    assert not (other == S).all()


def test_curveball_pairs_are_uniform_on_a_small_matrix():
    # 2 x 2 with one entry per row and column: two states, each half of the time.
    R = np.array([[1, 0], [0, 1]], dtype=np.int8)
    S = curveball_chains(R, 4000, n_chains=4, burn_in=3, thin=3, seed=1)
    share = (S[:, 0, 0] == 1).mean()
    assert 0.45 < share < 0.55
