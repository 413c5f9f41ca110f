"""The compiled null (agencygraph._curveball) against the numpy definitions."""

from __future__ import annotations

import numpy as np
import pytest

from agencygraph._curveball import STACK_INDICES, curveball_chains, stack_indices
from agencygraph.metrics import _index_stack
from agencygraph.metrics.nulls import _role_permutation_stack


def _random_roles(rng, k, m):
    R = np.zeros((k, m), dtype=np.int8)
    for c in range(m):
        members = rng.choice(k, size=int(rng.integers(1, min(k, 5) + 1)), replace=False)
        R[members, c] = 1
        R[members[: int(rng.integers(0, 3))], c] = 2
    return R


@pytest.mark.parametrize("seed", range(8))
def test_stack_indices_equal_the_numpy_indices(seed):
    rng = np.random.default_rng(seed)
    k, m = int(rng.integers(1, 20)), int(rng.integers(1, 40))
    if seed >= 6:  # agencies and measures past one 64-bit word of the bit sets
        k, m = int(rng.integers(65, 140)), int(rng.integers(65, 200))
    R = _random_roles(rng, k, m)
    stack = curveball_chains(R, 30, n_chains=3, burn_in=5, thin=2, seed=seed)
    party = None if seed % 2 else rng.random(k) < 0.3
    union = rng.random(k) < 0.2
    want = _index_stack(stack, party=party, union=union, projection="newman", seeds=[0] * 30,
                        louvain=0)  # fmt: skip
    got = stack_indices(stack, party=party, union=union)
    for name in STACK_INDICES:
        np.testing.assert_allclose(got[name], want[name], rtol=1e-12, atol=1e-12, err_msg=name)


def test_lead_indices_alone_equal_the_full_computation():
    rng = np.random.default_rng(3)
    R = _random_roles(rng, 12, 30)
    stack = _role_permutation_stack(R, 25, rng)
    party, union = rng.random(12) < 0.3, rng.random(12) < 0.2
    full = stack_indices(stack, party=party, union=union)
    lead = stack_indices(stack, party=party, union=union, incidence=False)
    for name in STACK_INDICES:
        if name in ("n_components", "mean_shared", "mean_jaccard", "projection_density", "nodf"):
            assert np.isnan(lead[name]).all(), name
        else:
            np.testing.assert_array_equal(lead[name], full[name], err_msg=name)


def _numpy_role_permutations(R, n, rng):
    """The role permutations as first written: one argsort of column + U(0, 1) keys."""
    cols, rows = np.nonzero(R.T)
    values = R.T[cols, rows]
    out = np.zeros((n, *R.shape), dtype=R.dtype)
    order = np.argsort(cols[None, :] + rng.random((n, len(cols))), axis=1)
    out[np.repeat(np.arange(n), len(cols)), np.tile(rows, n), np.tile(cols, n)] = values[
        order
    ].ravel()
    return out


class _TiedKeys:
    """A generator whose uniform draws repeat, so that sort keys tie."""

    def random(self, shape):
        return np.tile([0.25, 0.25, 0.5], int(np.prod(shape)) // 3 + 1)[: np.prod(shape)].reshape(
            shape
        )


@pytest.mark.parametrize("seed", range(4))
def test_compiled_role_permutations_equal_numpys_sort(seed):
    R = _random_roles(np.random.default_rng(seed), 9, 25)
    got = _role_permutation_stack(R, 40, np.random.default_rng(seed + 10))
    want = _numpy_role_permutations(R, 40, np.random.default_rng(seed + 10))
    np.testing.assert_array_equal(got, want)
    # each measure keeps its entries and its roles
    assert ((got != 0) == (R != 0)).all()
    assert (np.sort(got, axis=1) == np.sort(R, axis=0)[None]).all()
    tied = _role_permutation_stack(R, 5, _TiedKeys())
    np.testing.assert_array_equal(tied, _numpy_role_permutations(R, 5, _TiedKeys()))


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
