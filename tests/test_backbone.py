"""Tests of agencygraph.backbone.

The published values come from the R package backbone (Neal 2022), whose test suite asserts them
rounded to three decimals. Two versions of its tinytest file are used, read from GitHub
(zpneal/backbone, ``inst/tinytest/test_backbone.R``):

* commit 6e54468c9a5f6e023e058dedac334cb7138d3f05 (backbone 2.x): ``bicm()``, ``pb()``,
  ``sdsm()``, ``fdsm()`` and ``disparity()`` values;
* commit 00cd4dc85c815134399eb4308cf93a11d3a625ce (backbone 3.x): ``bicm()``, ``.retain()`` and
  the disparity "multiscale" example.

backbone computes every SDSM p-value, and ``pb()``, with the refined normal approximation (RNA) of
the Poisson-binomial, so those values are reproduced with ``method="rna"``; the exact values differ
from them by up to 0.028, which is tested too.
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy import stats

from agencygraph import settings
from agencygraph.backbone import (
    ConvergenceError,
    backbone_table,
    bicm,
    cooccurrence,
    curveball,
    disparity_filter,
    disparity_pvalues,
    extract_backbone,
    fdsm,
    fdsm_backbone,
    poisson_binomial_lower,
    poisson_binomial_pmf,
    poisson_binomial_upper,
    sdsm,
    sdsm_backbone,
)

# backbone's assertions are on values rounded to 3 decimals, so agreement is to within 5e-4 of
# rounding plus our own error; 1e-3 is the tolerance the issue asks for.
R_TOL = 1e-3

# The matrix of backbone 2.x's sdsm/fdsm/fixed* tests.
M_SDSM = np.array([[1, 0, 1, 1], [0, 1, 0, 0], [1, 0, 0, 1]])


def _random_binary(shape, density, seed):
    rng = np.random.default_rng(seed)
    return (rng.random(shape) < density).astype(np.int64)


def _margin_space(M: np.ndarray) -> np.ndarray:
    """Every binary matrix with M's row and column sums, by brute force (tiny M only)."""
    r, c = M.sum(axis=1), M.sum(axis=0)
    out = []
    for bits in itertools.product((0, 1), repeat=M.size):
        X = np.array(bits).reshape(M.shape)
        if np.array_equal(X.sum(axis=1), r) and np.array_equal(X.sum(axis=0), c):
            out.append(X)
    return np.array(out)


# ---------------------------------------------------------------------------------------------
# R package backbone: published values
# ---------------------------------------------------------------------------------------------


def test_bicm_reproduces_backbone():
    # test_backbone.R, both versions: "bicm"
    M = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 1]])
    expected = np.array([[0.216, 0.216, 0.568], [0.216, 0.216, 0.568], [0.568, 0.568, 0.863]])
    np.testing.assert_allclose(bicm(M), expected, atol=R_TOL)
    np.testing.assert_allclose(bicm(sp.csr_array(M)), expected, atol=R_TOL)


def test_poisson_binomial_rna_reproduces_backbone_pb():
    # test_backbone.R @ 6e54468: pb(5, p) is c(lower = 0.6773302, upper = 0.6268476)
    p = [0.123, 0.234, 0.345, 0.456, 0.567, 0.678, 0.789, 0.801, 0.911]
    assert poisson_binomial_lower(5, p, method="rna") == pytest.approx(0.6773302, abs=1e-7)
    assert poisson_binomial_upper(5, p, method="rna") == pytest.approx(0.6268476, abs=1e-7)
    # The exact tails are 0.6791345 and 0.6283854: the RNA is 1.8e-3 off for nine trials.
    assert poisson_binomial_lower(5, p, method="exact") == pytest.approx(0.6791345, abs=1e-7)
    assert poisson_binomial_upper(5, p, method="exact") == pytest.approx(0.6283854, abs=1e-7)
    # The defaults are backbone's: a check that calls them plainly gets R's numbers.
    assert poisson_binomial_lower(5, p) == pytest.approx(0.6773302, abs=1e-7)
    assert poisson_binomial_upper(5, p) == pytest.approx(0.6268476, abs=1e-7)


# test_backbone.R @ 6e54468, "sdsm": Pupper and Plower, rounded to 3 decimals. backbone 2.0
# reported the diagonal too; sdsm() leaves it NaN, so it is checked through the
# Poisson-binomial directly (a row's null co-occurrence with itself has probabilities p_ik²).
R_SDSM_UPPER = np.array([[0.432, 0.977, 0.549], [0.977, 0.304, 0.972], [0.549, 0.972, 0.329]])
R_SDSM_LOWER = np.array([[0.909, 0.354, 0.844], [0.354, 0.954, 0.476], [0.844, 0.476, 0.942]])


@pytest.mark.parametrize("to_input", [np.asarray, sp.csr_array, pd.DataFrame])
def test_sdsm_rna_reproduces_backbone(to_input):
    off = ~np.eye(3, dtype=bool)
    upper = sdsm(to_input(M_SDSM), method="rna")
    lower = sdsm(to_input(M_SDSM), method="rna", tail="lower")
    np.testing.assert_allclose(upper[off], R_SDSM_UPPER[off], atol=R_TOL)
    np.testing.assert_allclose(lower[off], R_SDSM_LOWER[off], atol=R_TOL)
    assert np.isnan(np.diag(upper)).all() and np.isnan(np.diag(lower)).all()


def test_sdsm_diagonal_of_backbone_2_0():
    P = bicm(M_SDSM)
    r = M_SDSM.sum(axis=1)
    for i in range(3):
        up = poisson_binomial_upper(r[i], P[i] ** 2, method="rna")
        lo = poisson_binomial_lower(r[i], P[i] ** 2, method="rna")
        assert up == pytest.approx(R_SDSM_UPPER[i, i], abs=R_TOL)
        assert lo == pytest.approx(R_SDSM_LOWER[i, i], abs=R_TOL)


def test_sdsm_exact_differs_from_backbone_by_the_rna_error():
    off = ~np.eye(3, dtype=bool)
    exact = sdsm(M_SDSM, method="exact")
    # Rows 0 and 1 share no column: P(X >= 0) is exactly 1, where the RNA gives 0.977.
    assert exact[0, 1] == pytest.approx(1.0, abs=1e-12)
    gap = np.abs(exact[off] - R_SDSM_UPPER[off]).max()
    assert 0.02 < gap < 0.03
    # "auto" is exact on a matrix this small; the default is backbone's approximation.
    np.testing.assert_array_equal(sdsm(M_SDSM, method="auto"), exact)
    np.testing.assert_allclose(sdsm(M_SDSM)[off], R_SDSM_UPPER[off], atol=1e-3)


def test_fdsm_reproduces_backbone_statistically():
    # test_backbone.R @ 6e54468 asserts fdsm(M, trials = 1000) after set.seed(1), which depends on
    # R's random number generator. Instead: the exact FDSM p-values, by enumerating all 8
    # matrices with M's margins, must (a) lie within 4 standard errors of backbone's 1000-trial
    # estimates and (b) be approached by ours.
    r_upper = np.array([[1, 1, 0.265], [1, 1, 1], [0.265, 1, 1]])
    r_lower = np.array([[1, 0.510, 1], [0.51, 1, 0.755], [1, 0.755, 1]])
    space = _margin_space(M_SDSM)
    assert len(space) == 8
    proj = np.einsum("sik,sjk->sij", space, space)
    P = cooccurrence(M_SDSM)
    exact_up = (proj >= P).mean(axis=0)
    exact_lo = (proj <= P).mean(axis=0)
    off = ~np.eye(3, dtype=bool)
    for r_val, exact, trials in ((r_upper, exact_up, 1000), (r_lower, exact_lo, 1000)):
        se = np.sqrt(exact * (1 - exact) / trials)
        assert np.all(np.abs(r_val - exact)[off] <= 4 * se[off] + 1e-3)

    trials = 2000
    ours_up = fdsm(M_SDSM, trials=trials, seed=7)
    ours_lo = fdsm(M_SDSM, trials=trials, seed=7, tail="lower")
    for ours, exact in ((ours_up, exact_up), (ours_lo, exact_lo)):
        se = np.sqrt(exact * (1 - exact) / trials)
        assert np.all(np.abs(ours - exact)[off] <= 4 * se[off] + 1e-12)
        assert np.isnan(np.diag(ours)).all()


def test_disparity_reproduces_backbone():
    # test_backbone.R @ 6e54468, "disparity": a directed (asymmetric) matrix with loops. backbone
    # reports 1 for zero weights, where disparity_pvalues() reports NaN (untested).
    M = np.array([[1, 0, 1, 1], [0, 1, 0, 0], [1, 0, 0, 1], [1, 1, 0, 1]])
    r_upper = np.array(
        [
            [0.444, 1, 0.444, 0.444],
            [1, 0.5, 1, 1],
            [0.444, 1, 1, 0.444],
            [0.444, 0.444, 1, 0.444],
        ]
    )
    p = disparity_pvalues(M)
    nz = M != 0
    np.testing.assert_allclose(p[nz], r_upper[nz], atol=R_TOL)
    assert np.isnan(p[~nz]).all()
    np.testing.assert_allclose(disparity_pvalues(sp.csr_array(M)), p, equal_nan=True)


def test_disparity_multiscale_backbone_is_a_tree():
    # test_backbone.R @ 00cd4dc: a strong and a weak clique joined by one edge; the disparity
    # backbone at alpha = 0.05 is a tree (keeps edges at both scales).
    W = np.array(
        [
            [0, 10, 10, 10, 10, 75, 0, 0, 0, 0],
            [10, 0, 1, 1, 1, 0, 0, 0, 0, 0],
            [10, 1, 0, 1, 1, 0, 0, 0, 0, 0],
            [10, 1, 1, 0, 1, 0, 0, 0, 0, 0],
            [10, 1, 1, 1, 0, 0, 0, 0, 0, 0],
            [75, 0, 0, 0, 0, 0, 100, 100, 100, 100],
            [0, 0, 0, 0, 0, 100, 0, 10, 10, 10],
            [0, 0, 0, 0, 0, 100, 10, 0, 10, 10],
            [0, 0, 0, 0, 0, 100, 10, 10, 0, 10],
            [0, 0, 0, 0, 0, 100, 10, 10, 10, 0],
        ]
    )
    G = nx.from_numpy_array(W)
    H = disparity_filter(G, alpha=0.05)
    assert nx.is_tree(H)
    assert H.number_of_nodes() == 10


def test_extract_backbone_reproduces_backbone_retain():
    # test_backbone.R @ 00cd4dc, ".retain()": unsigned, then signed.
    upper = np.array([[0.01, 0.02, 0.03], [0.05, 0.06, 0.07], [0.5, 0.6, 0.7]])
    lower = np.array([[0.5, 0.6, 0.7], [0.05, 0.06, 0.07], [0.01, 0.02, 0.03]])
    np.testing.assert_array_equal(
        extract_backbone(upper, alpha=0.05, mtc="none"), [[0, 1, 1], [0, 0, 0], [0, 0, 0]]
    )
    np.testing.assert_array_equal(
        extract_backbone(upper, lower, alpha=0.1, mtc="none"),
        [[0, 1, 1], [0, 0, 0], [-1, -1, 0]],
    )


# ---------------------------------------------------------------------------------------------
# BiCM
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_bicm_expected_degrees_match_observed(seed):
    B = _random_binary((60, 400), 0.08, seed)
    P = bicm(B)
    np.testing.assert_allclose(P.sum(axis=1), B.sum(axis=1), atol=1e-6)
    np.testing.assert_allclose(P.sum(axis=0), B.sum(axis=0), atol=1e-6)
    # Empty columns (a few at this density) are fixed at 0; every other cell is interior.
    inner = B.sum(axis=0) > 0
    assert (~inner).any()
    assert np.all(P[:, ~inner] == 0)
    assert np.all((P[:, inner] > 0) & (P[:, inner] < 1))


def test_bicm_equal_degrees_get_equal_probabilities():
    B = _random_binary((40, 200), 0.1, 3)
    P = bicm(B)
    r, c = B.sum(axis=1), B.sum(axis=0)
    i, j = np.flatnonzero(r == np.bincount(r).argmax())[:2]
    np.testing.assert_allclose(P[i], P[j])
    # A column's probability rises with its degree.
    order = np.argsort(c, kind="stable")
    assert np.all(np.diff(P[i, order]) >= -1e-12)


def test_bicm_fixes_empty_and_full_rows_and_columns():
    B = _random_binary((12, 30), 0.3, 4)
    B[0] = 0  # empty row
    B[1] = 1  # full row
    B[:, 0] = 0  # empty column (also empties row 1's first cell)
    B[:, 1] = 1  # full column (also fills row 0's second cell)
    P = bicm(B)
    assert np.all(P[:, 0] == 0) and np.all(P[:, 1] == 1)
    assert np.all(P[0, 2:] == 0) and np.all(P[1, 2:] == 1)
    np.testing.assert_allclose(P.sum(axis=1), B.sum(axis=1), atol=1e-6)
    np.testing.assert_allclose(P.sum(axis=0), B.sum(axis=0), atol=1e-6)


def test_bicm_degenerate_after_peeling():
    # Row 0 is full; without it, column 2 is empty; the rest must still match its degrees.
    B = np.array([[1, 1, 1, 1], [1, 0, 0, 1], [0, 1, 0, 0], [1, 0, 0, 0]])
    P = bicm(B)
    assert np.all(P[0] == 1) and np.all(P[1:, 2] == 0)
    np.testing.assert_allclose(P.sum(axis=1), B.sum(axis=1), atol=1e-6)
    np.testing.assert_allclose(P.sum(axis=0), B.sum(axis=0), atol=1e-6)


def test_bicm_rejects_non_binary_input():
    with pytest.raises(ValueError, match="binary"):
        bicm(np.array([[0, 2], [1, 0]]))


def test_bicm_solves_degrees_on_the_boundary_exactly():
    # Margins (3, 3, 1, 1) x (3, 3, 1, 1) force the two degree-1 rows into the first two columns
    # (Gale-Ryser holds with equality at k = 2) and the degree-3 rows into them too; no row or
    # column is empty or full, so peeling alone cannot see it. Every matrix with these margins
    # has the forced cells; the free 2 x 2 blocks have one 1 per row and column.
    B = np.array([[1, 1, 1, 0], [1, 1, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]])
    expected = np.array([[1, 1, 0.5, 0.5], [1, 1, 0.5, 0.5], [0.5, 0.5, 0, 0], [0.5, 0.5, 0, 0]])
    np.testing.assert_allclose(bicm(B), expected, atol=1e-9)


def test_bicm_boundary_blocks_nest():
    # A tight split whose free blocks hold a tight split of their own.
    inner = np.array([[1, 1, 1, 0], [1, 1, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]])
    B = np.zeros((8, 8), dtype=int)
    B[:4, :4] = 1
    B[:4, 4:] = inner
    B[4:, :4] = inner
    P = bicm(B)
    assert np.all(P[:4, :4] == 1) and np.all(P[4:, 4:] == 0)
    np.testing.assert_allclose(P.sum(axis=1), B.sum(axis=1), atol=1e-9)
    np.testing.assert_allclose(P.sum(axis=0), B.sum(axis=0), atol=1e-9)


def test_bicm_converges_where_the_line_search_used_to_stall():
    # A coded synthetic plan whose fit stopped at a degree error of 2.4e-8 (tol 1e-8): near the
    # solution the likelihood's decrease is below its rounding and every step was refused.
    rows = [
        "111001100100", "100001110111", "110010000010", "111001110111",
        "111010111110", "110100110110", "110000000010", "111010100110",
        "011000000110", "111111111111", "011000000000", "011100110111",
    ]  # fmt: skip
    B = np.array([[int(ch) for ch in row] for row in rows])
    P = bicm(B, tol=1e-12)
    np.testing.assert_allclose(P.sum(axis=1), B.sum(axis=1), atol=1e-12)
    np.testing.assert_allclose(P.sum(axis=0), B.sum(axis=0), atol=1e-12)


def test_bicm_reports_non_convergence():
    with pytest.raises(ConvergenceError):
        bicm(_random_binary((30, 80), 0.2, 5), max_iter=1)


# ---------------------------------------------------------------------------------------------
# Poisson-binomial
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3, 7, 11])
def test_poisson_binomial_matches_enumeration(n):
    rng = np.random.default_rng(n)
    p = rng.random(n)
    pmf = np.zeros(n + 1)
    for outcome in itertools.product((0, 1), repeat=n):
        x = np.array(outcome)
        pmf[x.sum()] += np.prod(np.where(x == 1, p, 1 - p))
    np.testing.assert_allclose(poisson_binomial_pmf(p), pmf, atol=1e-14)
    ks = np.arange(-1, n + 3)
    upper = np.array([pmf[max(k, 0) :].sum() for k in ks])
    lower = np.array([pmf[: max(k + 1, 0)].sum() for k in ks])
    np.testing.assert_allclose(poisson_binomial_upper(ks, p, method="exact"), upper, atol=1e-14)
    np.testing.assert_allclose(poisson_binomial_lower(ks, p, method="exact"), lower, atol=1e-14)


@pytest.mark.parametrize(("n", "q"), [(10, 0.3), (200, 0.02), (5000, 0.5)])
def test_poisson_binomial_equals_binomial_when_probabilities_are_equal(n, q):
    ks = np.unique(np.linspace(0, n, 25).astype(int))
    up = poisson_binomial_upper(ks, np.full(n, q), method="exact")
    np.testing.assert_allclose(up, stats.binom.sf(ks - 1, n, q), rtol=1e-9, atol=1e-300)
    lo = poisson_binomial_lower(ks, np.full(n, q), method="exact")
    np.testing.assert_allclose(lo, stats.binom.cdf(ks, n, q), rtol=1e-9, atol=1e-300)


def test_poisson_binomial_far_tail_keeps_relative_precision():
    # P(X >= 60) for Binomial(100, 0.1) is about 1e-28; summing the pmf upwards keeps it.
    up = poisson_binomial_upper(60, np.full(100, 0.1))
    assert up == pytest.approx(stats.binom.sf(59, 100, 0.1), rel=1e-8)


def test_poisson_binomial_rna_is_close_for_large_n():
    rng = np.random.default_rng(5)
    p = rng.random(2000)
    ks = np.arange(900, 1100, 7)
    np.testing.assert_allclose(
        poisson_binomial_upper(ks, p, method="rna"), poisson_binomial_upper(ks, p), atol=1e-4
    )


def test_poisson_binomial_scalar_and_degenerate():
    assert isinstance(poisson_binomial_upper(1, [0.2]), float)
    assert poisson_binomial_upper(2, [1.0, 1.0, 0.0], method="rna") == 1.0
    assert poisson_binomial_upper(3, [1.0, 1.0, 0.0], method="rna") == 0.0
    with pytest.raises(ValueError):
        poisson_binomial_upper(1, [1.2])
    with pytest.raises(ValueError):
        poisson_binomial_upper(1, [0.5], method="normal")


# ---------------------------------------------------------------------------------------------
# SDSM
# ---------------------------------------------------------------------------------------------


def test_sdsm_exact_matches_pairwise_poisson_binomial():
    B = _random_binary((15, 80), 0.2, 6)
    B[0] = 0  # a degenerate row must not break the grouping
    P = bicm(B)
    C = cooccurrence(B)
    upper = sdsm(B, method="exact")
    lower = sdsm(B, method="exact", tail="lower")
    for i, j in itertools.combinations(range(B.shape[0]), 2):
        q = P[i] * P[j]
        assert upper[i, j] == pytest.approx(
            poisson_binomial_upper(C[i, j], q, method="exact"), abs=1e-12
        )
        assert lower[i, j] == pytest.approx(
            poisson_binomial_lower(C[i, j], q, method="exact"), abs=1e-12
        )
    np.testing.assert_array_equal(upper, upper.T)


def test_sdsm_rna_matches_pairwise_rna():
    B = _random_binary((10, 60), 0.3, 8)
    P = bicm(B)
    C = cooccurrence(B)
    upper = sdsm(B, method="rna")
    for i, j in itertools.combinations(range(B.shape[0]), 2):
        expected = poisson_binomial_upper(C[i, j], P[i] * P[j], method="rna")
        assert upper[i, j] == pytest.approx(expected, abs=1e-12)


def test_sdsm_sparse_and_dense_agree():
    B = _random_binary((30, 500), 0.05, 9)
    np.testing.assert_allclose(sdsm(B), sdsm(sp.csr_array(B)), equal_nan=True)


def test_sdsm_backbone_finds_blocks():
    rng = np.random.default_rng(10)
    block = np.kron(np.eye(3), np.ones((10, 25))) > 0
    B = np.where(block, rng.random(block.shape) < 0.8, rng.random(block.shape) < 0.2).astype(int)
    G = sdsm_backbone(B, alpha=0.05, signed=True)
    assert G.graph["model"] == "sdsm"
    assert G.graph["pvalue_method"] in ("exact", "rna")
    group = np.repeat(np.arange(3), 10)
    signs = {(u, v): s for u, v, s in G.edges(data="sign")}
    assert any(s == 1 for s in signs.values()) and any(s == -1 for s in signs.values())
    assert all((s == 1) == (group[u] == group[v]) for (u, v), s in signs.items())
    unsigned = sdsm_backbone(B, alpha=0.05)
    assert all(s == 1 for _, _, s in unsigned.edges(data="sign"))
    holm = sdsm_backbone(B, alpha=0.05, mtc="holm")
    bonf = sdsm_backbone(B, alpha=0.05, mtc="bonferroni")
    assert set(bonf.edges) <= set(holm.edges) <= set(unsigned.edges)


def test_sdsm_backbone_labels_and_table():
    B = pd.DataFrame(
        np.kron(np.eye(2, dtype=int), np.ones((3, 10), dtype=int)),
        index=["a", "b", "c", "d", "e", "f"],
    )
    G = sdsm_backbone(B)
    assert list(G.nodes) == ["a", "b", "c", "d", "e", "f"]
    df = backbone_table(G)
    assert list(df.columns) == ["source", "target", "weight", "sign", "p_value", "p_adjusted"]
    assert len(df) == G.number_of_edges() == 6
    assert df["p_value"].is_monotonic_increasing
    assert df.attrs["model"] == "sdsm"
    assert set(df["weight"]) == {10}


def test_missing_as_zero_only_matters_for_untested_pairs():
    B = np.kron(np.eye(2, dtype=int), np.ones((3, 10), dtype=int))
    tested = sdsm_backbone(B, signed=True, missing_as_zero=True)
    untested = sdsm_backbone(B, signed=True, missing_as_zero=False)
    assert any(s == -1 for _, _, s in tested.edges(data="sign"))
    assert all(s == 1 for _, _, s in untested.edges(data="sign"))


# ---------------------------------------------------------------------------------------------
# Extraction and corrections
# ---------------------------------------------------------------------------------------------


def test_holm_and_bonferroni_match_r_p_adjust():
    # p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.20), "holm") in R: 0.05 0.08 0.09 0.09 0.20
    p = np.array([0.02, 0.01, 0.2, 0.03, 0.04])
    upper = np.full((6, 6), np.nan)
    iu = [(1, 0), (2, 0), (3, 0), (4, 0), (5, 0)]
    for (i, j), v in zip(iu, p, strict=True):
        upper[i, j] = upper[j, i] = v
    holm = extract_backbone(upper, alpha=0.081, mtc="holm")
    assert [holm[i, j] for i, j in iu] == [1, 1, 0, 0, 0]  # adjusted 0.08, 0.05, 0.2, 0.09, 0.09
    bonf = extract_backbone(upper, alpha=0.081, mtc="bonferroni")
    assert [bonf[i, j] for i, j in iu] == [0, 1, 0, 0, 0]  # adjusted 0.1, 0.05, 1, 0.15, 0.2
    np.testing.assert_array_equal(holm, holm.T)


def test_extract_backbone_default_alpha_is_the_setting():
    upper = np.array([[np.nan, 0.049], [0.049, np.nan]])
    assert settings.ALPHA == 0.05
    np.testing.assert_array_equal(extract_backbone(upper), [[0, 1], [1, 0]])


# ---------------------------------------------------------------------------------------------
# Curveball and FDSM
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "density"), [((100, 1000), 0.5), ((300, 40), 0.1), ((7, 9), 0.4)]
)
def test_curveball_preserves_margins(shape, density):
    # test_backbone.R: fastball() on a 100 x 1000 matrix keeps row and column sums.
    M = _random_binary(shape, density, 11)
    R = curveball(M, seed=3)
    np.testing.assert_array_equal(R.sum(axis=1), M.sum(axis=1))
    np.testing.assert_array_equal(R.sum(axis=0), M.sum(axis=0))
    assert set(np.unique(R)) <= {0, 1}
    S = curveball(sp.csr_array(M), seed=3)
    assert sp.issparse(S)
    np.testing.assert_array_equal(S.toarray(), R)


def test_curveball_actually_moves():
    M = _random_binary((50, 200), 0.3, 12)
    assert (curveball(M, seed=1) != M).mean() > 0.2


def test_curveball_same_seed_same_output():
    M = _random_binary((40, 120), 0.2, 13)
    np.testing.assert_array_equal(curveball(M, seed=5), curveball(M, seed=5))
    assert not np.array_equal(curveball(M, seed=5), curveball(M, seed=6))
    np.testing.assert_array_equal(curveball(M), curveball(M, seed=settings.SEED))
    np.testing.assert_array_equal(fdsm(M_SDSM, trials=50, seed=2), fdsm(M_SDSM, trials=50, seed=2))


def test_curveball_samples_uniformly():
    space = _margin_space(M_SDSM)
    index = {m.tobytes(): k for k, m in enumerate(space.astype(np.int64))}
    rng = np.random.default_rng(14)
    n = 1600
    counts = np.zeros(len(space))
    for _ in range(n):
        counts[index[curveball(M_SDSM, seed=rng).astype(np.int64).tobytes()]] += 1
    assert stats.chisquare(counts).pvalue > 1e-3


def test_fdsm_backbone():
    rng = np.random.default_rng(15)
    block = np.kron(np.eye(2), np.ones((6, 20))) > 0
    B = np.where(block, rng.random(block.shape) < 0.8, rng.random(block.shape) < 0.1).astype(int)
    G = fdsm_backbone(B, trials=200, seed=1, signed=True)
    assert G.graph["model"] == "fdsm" and G.graph["trials"] == 200
    group = np.repeat(np.arange(2), 6)
    assert G.number_of_edges() > 0
    assert all((s == 1) == (group[u] == group[v]) for u, v, s in G.edges(data="sign"))


# ---------------------------------------------------------------------------------------------
# Disparity filter
# ---------------------------------------------------------------------------------------------


def test_disparity_filter_by_hand():
    # Strengths and degrees: node 0 (10, 3), node 1 (10, 3), node 2 (2, 2), node 3 (4, 3), and
    # node 4 is a leaf (2, 1) whose own side gives 0^0 = 1. Each edge keeps its smaller side:
    #   (0, 1): (1 - 8/10)^2 = 0.04          (0, 2), (1, 2): min(0.9^2, (1 - 1/2)^1) = 0.5
    #   (0, 3), (1, 3): min(0.81, 0.75^2) = 0.5625     (3, 4): min((1 - 2/4)^2, 1) = 0.25
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 8), (0, 2, 1), (0, 3, 1), (1, 2, 1), (1, 3, 1), (3, 4, 2)])
    G.nodes[0]["name"] = "lead agency"
    p = disparity_pvalues(nx.to_numpy_array(G, nodelist=range(5)))
    expected = {
        (0, 1): 0.04,
        (0, 2): 0.5,
        (1, 2): 0.5,
        (0, 3): 0.5625,
        (1, 3): 0.5625,
        (3, 4): 0.25,
    }
    for (u, v), value in expected.items():
        assert p[u, v] == pytest.approx(value) and p[v, u] == pytest.approx(value)
    H = disparity_filter(G, alpha=0.05)
    assert list(H.edges) == [(0, 1)]
    assert H.edges[0, 1]["p_value"] == pytest.approx(0.04)
    assert H.edges[0, 1]["weight"] == 8
    assert H.number_of_nodes() == 5 and H.nodes[0]["name"] == "lead agency"
    assert list(disparity_filter(G, alpha=0.55).edges) == [(0, 1), (0, 2), (1, 2), (3, 4)]
    assert list(disparity_filter(G, alpha=0.05, mtc="bonferroni").edges) == []


def test_disparity_filter_directed():
    G = nx.DiGraph()
    G.add_weighted_edges_from([(0, 1, 9), (0, 2, 1), (2, 1, 1)])
    H = disparity_filter(G, alpha=0.5)
    assert isinstance(H, nx.DiGraph)
    # (0 -> 1): out-side (1 - 0.9)^1 = 0.1; in-side of 1 (strength 10, degree 2): 0.1.
    assert H.edges[0, 1]["p_value"] == pytest.approx(0.1)


def test_disparity_rejects_negative_weights():
    G = nx.Graph()
    G.add_edge(0, 1, weight=-1.0)
    with pytest.raises(ValueError):
        disparity_filter(G)


# ---------------------------------------------------------------------------------------------
# The build's backbone: exact tails, their method and the correction
# ---------------------------------------------------------------------------------------------


def _pb_upper_by_convolution(k: int, probs: np.ndarray) -> float:
    """P(X >= k) for a sum of independent Bernoullis, by the plain recursion on the pmf."""
    pmf = np.array([1.0])
    for p in probs:
        pmf = np.concatenate([pmf * (1.0 - p), [0.0]]) + np.concatenate([[0.0], pmf * p])
    return float(pmf[k:].sum())


@pytest.fixture(scope="module")
def bundled_incidence():
    import agencygraph as ag
    from agencygraph.metrics import role_matrices

    coded = ag.parse_corpus()
    mats = role_matrices(coded.assignments)
    return coded, {doc: ((R != 0).astype(np.int64), rows) for doc, (R, rows, _) in mats.items()}


def test_build_sdsm_tails_are_exact_poisson_binomial(bundled_incidence):
    from agencygraph.backbone import _sdsm_tails

    _, mats = bundled_incidence
    assert sorted(mats) == ["cixi", "haimen", "lijiang"]
    for doc, (B, _) in mats.items():
        P, upper, _, method = _sdsm_tails(B, method="auto", tol=1e-8, max_iter=200)
        assert method == "exact", doc
        Q = bicm(B)
        worst = max(
            abs(upper[i, j] - _pb_upper_by_convolution(P[i, j], Q[i] * Q[j]))
            for i, j in itertools.combinations(range(B.shape[0]), 2)
        )
        assert worst < 1e-8, doc


def test_build_backbone_table_says_method_and_correction(bundled_incidence):
    from agencygraph.compare import _sdsm_edges
    from agencygraph.metrics import role_matrices
    from agencygraph.multitest import p_adjust

    coded, mats = bundled_incidence
    roles = role_matrices(coded.assignments)
    table = _sdsm_edges(roles, mtc="none")
    assert list(table.columns) == [
        "doc_id", "source", "target", "weight", "sign", "p_value", "p_adjusted", "method",
        "correction",
    ]  # fmt: skip
    assert set(table["method"]) == {"exact"} and set(table["correction"]) == {"none"}
    # Uncorrected exact tails: Cixi's six ties and one Haimen tie (women-youth_league, exact
    # p = 0.044) that the refined normal approximation (p = 0.065) misses.
    assert table.groupby("doc_id").size().to_dict() == {"cixi": 6, "haimen": 1}
    for row in table.itertuples():
        B, rows = mats[row.doc_id]
        i, j = rows.index(row.source), rows.index(row.target)
        Q = bicm(B)
        want = _pb_upper_by_convolution(int(B[i] @ B[j]), Q[i] * Q[j])
        assert row.p_value == pytest.approx(want, abs=1e-8)
        assert row.p_adjusted == row.p_value

    # Past the work budget the same pairs get the refined normal approximation, and say so.
    rna = _sdsm_edges(roles, mtc="none", budget=0)
    assert set(rna["method"]) == {"rna"}
    assert rna.groupby("doc_id").size().to_dict() == {"cixi": 6}

    # The default correction (Benjamini-Hochberg over each plan's tested pairs) keeps no pair:
    # the smallest adjusted p-value of every plan, computed here with p_adjust, is above 0.05.
    corrected = _sdsm_edges(roles)
    assert corrected.empty and corrected.attrs["mtc"] == settings.BACKBONE_MTC == "BH"
    for doc, (B, _) in mats.items():
        p = sdsm(B, method="exact")
        C = cooccurrence(B)
        i, j = np.triu_indices(B.shape[0], 1)
        tested = p[i, j][C[i, j] > 0]
        assert p_adjust(tested, "BH").min() > 0.05, doc
    # Holm and BH give adjusted values no smaller than the raw ones; BH never above Holm.
    holm = _sdsm_edges(roles, mtc="holm", alpha=0.999)
    bh = _sdsm_edges(roles, mtc="BH", alpha=0.999)
    merged = holm.merge(bh, on=["doc_id", "source", "target"], suffixes=("_holm", "_bh"))
    assert len(merged) > 0
    assert (merged["p_adjusted_holm"] >= merged["p_adjusted_bh"] - 1e-15).all()
    assert (merged["p_adjusted_bh"] >= merged["p_value_bh"]).all()


# ---------------------------------------------------------------------------------------------
# FDSM: defaults that converge
# ---------------------------------------------------------------------------------------------


def _margin_space_by_rows(M: np.ndarray) -> np.ndarray:
    """Every binary matrix with M's margins, row by row within the column sums left."""
    r, c = M.sum(axis=1), M.sum(axis=0)
    k, m = M.shape
    out = []

    def grow(i: int, left: np.ndarray, rows: list) -> None:
        if i == k:
            if not left.any():
                out.append(np.array(rows))
            return
        for cols in itertools.combinations(np.flatnonzero(left).tolist(), int(r[i])):
            row = np.zeros(m, dtype=np.int64)
            row[list(cols)] = 1
            grow(i + 1, left - row, [*rows, row])

    grow(0, c.copy(), [])
    return np.array(out)


def _pooled_z(x1: np.ndarray, n1: int, x2: np.ndarray, n2: int) -> np.ndarray:
    """Two-proportion z of counts x1 of n1 against x2 of n2, with the pooled variance."""
    pooled = (x1 + x2) / (n1 + n2)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    diff = x1 / n1 - x2 / n2
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(se > 0, diff / se, 0.0)


# Two clustered blocks with a bridging row (rows trade), and a long matrix (columns trade).
SMALL_FDSM = {
    "blocks": np.array([[1, 1, 1, 0, 0, 0], [1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1],
                        [1, 0, 0, 0, 1, 1]]),
    "long": np.array([[1, 1, 1, 0, 0], [1, 1, 0, 1, 0], [0, 0, 1, 1, 1],
                      [1, 0, 0, 0, 1]]).T,
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SMALL_FDSM))
def test_fdsm_defaults_agree_with_exact_enumeration(name):
    from agencygraph.backbone import _as_csr, _sampled_cooccurrences, fdsm_rounds

    M = SMALL_FDSM[name]
    space = _margin_space_by_rows(M)
    assert len(space) in (936, 234)
    proj = np.einsum("sik,sjk->sij", space, space)
    P = cooccurrence(M)
    k = M.shape[0]
    iu, ju = np.triu_indices(k, 1)

    # (a) Each pair's sampled co-occurrence follows its exact distribution (chi-square).
    rounds = fdsm_rounds(M, seed=5)
    n = 4000
    sampled = _sampled_cooccurrences(_as_csr(M), n, rounds, np.random.default_rng(5))
    pvalues = []
    for i, j in zip(iu, ju, strict=True):
        values = np.arange(min(M[i].sum(), M[j].sum()) + 1)
        exact = np.array([(proj[:, i, j] == v).mean() for v in values])
        seen = np.array([(sampled[:, i, j] == v).sum() for v in values])
        keep = exact * n >= 5  # bins too small for the chi-square are pooled into the last one
        if keep.sum() < 2:
            continue
        f_exp = np.append(exact[keep] * n, exact[~keep].sum() * n)
        f_obs = np.append(seen[keep], seen[~keep].sum())
        if f_exp[-1] == 0:
            f_exp, f_obs = f_exp[:-1], f_obs[:-1]
        pvalues.append(stats.chisquare(f_obs, f_exp).pvalue)
    assert len(pvalues) >= 3
    assert min(pvalues) > 0.001 / len(pvalues)  # Bonferroni at 0.001

    # (b) fdsm's default p-values against the exact ones, within Monte Carlo error.
    trials = 4000
    for tail, exact in (("upper", (proj >= P).mean(axis=0)), ("lower", (proj <= P).mean(axis=0))):
        got = fdsm(M, tail=tail, trials=trials, seed=9)
        se = np.sqrt(exact * (1 - exact) / trials)
        assert np.all(np.abs(got - exact)[iu, ju] <= 4 * se[iu, ju] + 1e-12), tail


def test_fdsm_defaults_agree_with_chains_100_times_as_long(bundled_incidence):
    from agencygraph.backbone import _fdsm_tails

    # The defaults (1,000 trials, rounds from the mixing check) against chains of 100 times as
    # many rounds (fewer trials, to keep the test to seconds). z uses the Monte Carlo standard
    # errors of both estimates (pooled under equality). With ~2 × 300 non-trivial comparisons
    # per plan a few |z| > 3 are expected by chance even between two exact samplers, so
    # "every |z| < 3" is checked as: no |z| beyond the Bonferroni bound of the comparisons, no
    # more |z| > 3 than chance allows, and a mean z² near 1. Chains stopped after two rounds
    # fail all three (checked at the end), so the test can see non-convergence.
    _, mats = bundled_incidence

    def agreement(B, n_up, n_lo, trials, ref_up, ref_lo, ref_trials):
        iu, ju = np.triu_indices(B.shape[0], 1)
        z = np.concatenate(
            [
                _pooled_z(n_up[iu, ju], trials, ref_up[iu, ju], ref_trials),
                _pooled_z(n_lo[iu, ju], trials, ref_lo[iu, ju], ref_trials),
            ]
        )
        informative = np.abs(z) > 0
        return z[informative]

    ref_trials = 200
    for doc in ("haimen", "lijiang", "cixi"):
        B = mats[doc][0]
        _, n_up, n_lo, trials, rounds = _fdsm_tails(B, trials=None, seed=11, n_swaps=None)
        assert trials == settings.NULL_SAMPLES
        assert rounds >= 16, doc  # backbone's five trades per row give 8-11 rounds here
        owners = min(B.shape)
        long_swaps = 100 * rounds * (owners // 2)
        _, ref_up, ref_lo, _, long_rounds = _fdsm_tails(
            B, trials=ref_trials, seed=12, n_swaps=long_swaps
        )
        assert long_rounds == 100 * rounds
        z = agreement(B, n_up, n_lo, trials, ref_up, ref_lo, ref_trials)
        bound = stats.norm.isf(0.01 / (2 * z.size))
        chance = stats.binom.isf(0.001, z.size, 2 * stats.norm.sf(3))
        assert np.abs(z).max() < bound, (doc, np.abs(z).max())
        assert (np.abs(z) > 3).sum() <= chance, doc
        assert np.mean(z**2) < 1.5, doc

        if doc == "cixi":  # the negative control: two rounds per chain are far from the null
            _, s_up, s_lo, _, short = _fdsm_tails(B, trials=trials, seed=13, n_swaps=2 * 13)
            assert short == 2
            z = agreement(B, s_up, s_lo, trials, ref_up, ref_lo, ref_trials)
            assert np.abs(z).max() > stats.norm.isf(0.01 / (2 * z.size))
            assert np.mean(z**2) > 1.5
