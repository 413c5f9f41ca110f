"""Backbones of the agency projection: BiCM, SDSM, FDSM and the disparity filter.

The agency projection ``P = B Bᵀ`` of an agency × measure incidence matrix ``B`` counts, for every
pair of agencies, the measures they share. Most pairs share a few measures by chance alone, so the
projection is dense and uninformative. A *backbone* keeps only the pairs that share significantly
more (and, for a signed backbone, significantly fewer) measures than a null model predicts:

* :func:`sdsm` — the Stochastic Degree Sequence Model (Neal 2014), whose null model keeps every
  agency's and every measure's degree *in expectation*, using the probabilities of the
  maximum-entropy bipartite configuration model, :func:`bicm` (Saracco et al. 2015, 2017);
* :func:`fdsm` — the Fixed Degree Sequence Model, whose null model keeps the degrees *exactly*,
  sampled by :func:`curveball`;
* :func:`disparity_filter` — the disparity filter of Serrano, Boguñá & Vespignani (2009) for any
  weighted graph.

The conventions follow Zachary Neal's R package backbone (Neal 2022): the same p-values, the same
retention rule (:func:`extract_backbone`, backbone's internal ``.retain()``) and the same treatment
of signed backbones. Where this module differs, the docstring says so.

References
----------
.. [1] Neal, Z. P. (2014). The backbone of bipartite projections: Inferring relationships from
   co-authorship, co-sponsorship, co-attendance, and other co-behaviors. *Social Networks, 39*,
   84-97. https://doi.org/10.1016/j.socnet.2014.06.001
.. [2] Neal, Z. P. (2022). backbone: An R package to extract network backbones. *PLOS ONE, 17*,
   e0269137. https://doi.org/10.1371/journal.pone.0269137
.. [3] Saracco, F., Di Clemente, R., Gabrielli, A., & Squartini, T. (2015). Randomizing bipartite
   networks: The case of the World Trade Web. *Scientific Reports, 5*, 10595.
   https://doi.org/10.1038/srep10595
.. [4] Saracco, F., Straka, M. J., Di Clemente, R., Gabrielli, A., Caldarelli, G., & Squartini, T.
   (2017). Inferring monopartite projections of bipartite networks: An entropy-based approach.
   *New Journal of Physics, 19*, 053022. https://doi.org/10.1088/1367-2630/aa6b38
.. [5] Serrano, M. Á., Boguñá, M., & Vespignani, A. (2009). Extracting the multiscale backbone of
   complex weighted networks. *PNAS, 106*, 6483-6488. https://doi.org/10.1073/pnas.0808904106
.. [6] Hong, Y. (2013). On computing the distribution function for the Poisson binomial
   distribution. *Computational Statistics & Data Analysis, 59*, 41-51.
   https://doi.org/10.1016/j.csda.2012.10.006
.. [7] Strona, G., Nappo, D., Boccacci, F., Fattorini, S., & San-Miguel-Ayanz, J. (2014). A fast and
   unbiased procedure to randomize ecological binary matrices with fixed row and column totals.
   *Nature Communications, 5*, 4114. https://doi.org/10.1038/ncomms5114
.. [8] Carstens, C. J. (2015). Proof of uniform sampling of binary matrices with fixed row sums and
   column sums for the fast curveball algorithm. *Physical Review E, 91*, 042812.
   https://doi.org/10.1103/PhysRevE.91.042812
.. [9] Carstens, C. J., Berger, A., & Strona, G. (2018). A unifying framework for fast randomization
   of ecological networks with fixed (node) degrees. *MethodsX, 5*, 773-780.
   https://doi.org/10.1016/j.mex.2018.06.018
.. [10] Neal, Z. P., Domagalski, R., & Sagan, B. (2021). Comparing alternatives to the fixed degree
   sequence model for extracting the backbone of bipartite projections. *Scientific Reports, 11*,
   23929. https://doi.org/10.1038/s41598-021-03238-3
"""

from __future__ import annotations

import logging
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd
import scipy.linalg
import scipy.sparse as sp
from scipy import special, stats

from agencygraph import settings
from agencygraph._errors import AgencygraphError
from agencygraph.multitest import MTC, check_mtc, p_adjust

__all__ = [
    "PB_EXACT_BUDGET",
    "ConvergenceError",
    "backbone_table",
    "bicm",
    "cooccurrence",
    "curveball",
    "disparity_filter",
    "disparity_pvalues",
    "extract_backbone",
    "fdsm",
    "fdsm_backbone",
    "fdsm_rounds",
    "poisson_binomial_lower",
    "poisson_binomial_pmf",
    "poisson_binomial_upper",
    "sdsm",
    "sdsm_backbone",
]

logger = logging.getLogger(__name__)

#: Default largest amount of work (pairs of agency-degree classes × evaluation points of the
#: characteristic function × measure-degree classes) for which ``sdsm(method="auto")`` computes
#: the exact Poisson-binomial tails; above it, ``auto`` uses the refined normal approximation.
#: About two seconds of work on a laptop. The value in force is
#: :data:`agencygraph.settings.SDSM_EXACT_BUDGET` (read at call time); this name keeps its
#: default for code that imported it.
PB_EXACT_BUDGET: int = 50_000_000

Matrix = np.ndarray | sp.sparray | sp.spmatrix | pd.DataFrame
PBMethod = Literal["exact", "rna"]
Tail = Literal["upper", "lower"]


class ConvergenceError(AgencygraphError, RuntimeError):
    """An iterative solver stopped before meeting its tolerance."""


# --------------------------------------------------------------------------------------------------
# Input handling
# --------------------------------------------------------------------------------------------------


def _as_csr(B: Matrix) -> sp.csr_array:
    """Return ``B`` as a binary CSR array of int64, raising ValueError if it is not 0/1."""
    if isinstance(B, pd.DataFrame):
        B = B.to_numpy()
    if sp.issparse(B):
        A = sp.csr_array(B, dtype=np.float64, copy=True)
        A.sum_duplicates()
        A.eliminate_zeros()
        if A.data.size and not np.all(A.data == 1):
            raise ValueError("B must be a binary (0/1) incidence matrix")
        return sp.csr_array(A, dtype=np.int64)
    arr = np.asarray(B)
    if arr.ndim != 2:
        raise ValueError(f"B must be two-dimensional, got shape {arr.shape}")
    if not np.all((arr == 0) | (arr == 1)):
        raise ValueError("B must be a binary (0/1) incidence matrix")
    return sp.csr_array(arr.astype(np.int64))


def _degrees(A: sp.csr_array) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.asarray(A.sum(axis=1)).ravel().astype(np.int64),
        np.asarray(A.sum(axis=0)).ravel().astype(np.int64),
    )


def _row_labels(B: Matrix, labels: Sequence[Hashable] | None, n: int) -> list[Hashable]:
    if labels is None:
        labels = list(B.index) if isinstance(B, pd.DataFrame) else list(range(n))
    labels = list(labels)
    if len(labels) != n:
        raise ValueError(f"labels has {len(labels)} entries for {n} rows")
    return labels


def cooccurrence(B: Matrix) -> np.ndarray:
    """Return the weighted agency projection ``P = B Bᵀ`` as a dense integer matrix.

    ``P[i, j]`` is the number of columns (measures) that rows ``i`` and ``j`` share, and ``P[i, i]``
    is row ``i``'s degree.

    Parameters
    ----------
    B : numpy.ndarray, scipy.sparse array or matrix, or pandas.DataFrame
        Binary incidence matrix, rows × columns.

    Returns
    -------
    numpy.ndarray
        Square int64 matrix, rows × rows.

    Examples
    --------
    >>> import numpy as np
    >>> cooccurrence(np.array([[1, 0, 1], [1, 1, 0]]))
    array([[2, 1],
           [1, 2]])
    """
    A = _as_csr(B)
    return np.asarray((A @ A.T).toarray(), dtype=np.int64)


# --------------------------------------------------------------------------------------------------
# BiCM
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _BiCMTable:
    """BiCM probabilities by degree class: ``p[i, j] = table[row_class[i], col_class[j]]``."""

    row_class: np.ndarray  # class index of every row
    col_class: np.ndarray
    row_mult: np.ndarray  # number of rows in each class
    col_mult: np.ndarray
    table: np.ndarray  # row classes × column classes


def _peel(
    rdeg: np.ndarray, rmult: np.ndarray, cdeg: np.ndarray, cmult: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Remove empty and full degree classes until what is left has an interior BiCM solution.

    Returns, for row classes and column classes, the stage at which each was removed (``inf`` for
    the core that remains), its fixed probability (0 or 1) and its degree within the core.
    """
    rdeg = rdeg.astype(np.int64).copy()
    cdeg = cdeg.astype(np.int64).copy()
    r_stage = np.full(rdeg.size, np.inf)
    c_stage = np.full(cdeg.size, np.inf)
    r_fixed = np.zeros(rdeg.size)
    c_fixed = np.zeros(cdeg.size)
    stage = 0
    while True:
        r_on, c_on = np.isinf(r_stage), np.isinf(c_stage)
        n_rows, n_cols = rmult[r_on].sum(), cmult[c_on].sum()
        # Empty and full classes are removed in separate stages so that every stage fixes
        # probabilities to a single value (0 or 1); a pair's probability is then set by whichever
        # of its two classes was removed first.
        zr, zc = r_on & (rdeg == 0), c_on & (cdeg == 0)
        if zr.any() or zc.any():
            r_stage[zr], c_stage[zc] = stage, stage
            stage += 1
            continue
        fr, fc = r_on & (rdeg == n_cols), c_on & (cdeg == n_rows)
        if fr.any() or fc.any():
            r_stage[fr], c_stage[fc] = stage, stage
            r_fixed[fr], c_fixed[fc] = 1.0, 1.0
            # A full column holds a 1 in every remaining row, so removing it lowers each remaining
            # row's degree by one (and the same for full rows and columns).
            rdeg[r_on & ~fr] -= cmult[fc].sum()
            cdeg[c_on & ~fc] -= rmult[fr].sum()
            stage += 1
            continue
        return r_stage, c_stage, r_fixed, c_fixed, rdeg, cdeg


def _bicm_core(
    rdeg: np.ndarray,
    rmult: np.ndarray,
    cdeg: np.ndarray,
    cmult: np.ndarray,
    *,
    tol: float,
    max_iter: int,
) -> np.ndarray:
    """Solve the BiCM fitness equations on degree classes by damped Newton on the log-likelihood.

    Every degree must lie strictly between 0 and the size of the other side. Returns the table of
    probabilities, row classes × column classes.
    """
    a = rdeg.size
    rd, cd = rdeg.astype(float), cdeg.astype(float)
    rm, cm = rmult.astype(float), cmult.astype(float)
    n_edges = float(rm @ rd)
    # Log-fitnesses. The starting point is the one of backbone's bicm(): x = r / (sqrt(E) + 1).
    theta = np.log(rd / (math.sqrt(n_edges) + 1.0))
    eta = np.log(cd / (math.sqrt(n_edges) + 1.0))
    w = np.concatenate([rm, cm])
    obs = np.concatenate([rm * rd, cm * cd])
    # The likelihood is unchanged by (theta + t, eta - t); adding g gᵀ to the Hessian fixes that
    # direction without changing the Newton step in any other.
    gauge = np.concatenate([np.ones(a), -np.ones(cd.size)])
    gauge_outer = np.outer(gauge, gauge) / gauge.size

    def negloglik(th: np.ndarray, et: np.ndarray) -> float:
        z = th[:, None] + et[None, :]
        return float(rm @ np.logaddexp(0.0, z) @ cm - obs[:a] @ th - obs[a:] @ et)

    def _degree_error(th: np.ndarray, et: np.ndarray) -> float:
        q = special.expit(th[:, None] + et[None, :])
        return float(max(np.max(np.abs(q @ cm - rd)), np.max(np.abs(rm @ q - cd))))

    f = negloglik(theta, eta)
    for _ in range(max_iter):
        p = special.expit(theta[:, None] + eta[None, :])
        exp_r, exp_c = p @ cm, rm @ p
        resid = np.concatenate([exp_r - rd, exp_c - cd])
        if np.max(np.abs(resid)) < tol:
            return p
        grad = w * resid
        s = p * (1.0 - p)
        H = np.empty((grad.size, grad.size))
        H[:a, :a] = np.diag(rm * (s @ cm))
        H[a:, a:] = np.diag(cm * (rm @ s))
        H[:a, a:] = rm[:, None] * s * cm[None, :]
        H[a:, :a] = H[:a, a:].T
        H += gauge_outer * np.max(np.diag(H))
        try:
            step = -scipy.linalg.solve(H, grad, assume_a="pos", check_finite=False)
        except np.linalg.LinAlgError:
            step = -np.linalg.lstsq(H, grad, rcond=None)[0]
        # Backtracking (Armijo) keeps every step downhill on the convex negative log-likelihood.
        # Close to the solution the decrease is below the rounding of the likelihood itself
        # (about resid² against a value in the hundreds), so a step that shrinks the largest
        # degree error is taken too; otherwise the search stalls a hair short of ``tol``.
        t, slope = 1.0, float(grad @ step)
        worst = np.max(np.abs(resid))
        while t > 1e-12:
            th_new, et_new = theta + t * step[:a], eta + t * step[a:]
            f_new = negloglik(th_new, et_new)
            if f_new <= f + 1e-4 * t * slope or _degree_error(th_new, et_new) < worst:
                break
            t *= 0.5
        theta, eta, f = th_new, et_new, f_new
    p = special.expit(theta[:, None] + eta[None, :])
    err = max(np.max(np.abs(p @ cm - rd)), np.max(np.abs(rm @ p - cd)))
    if err < tol:
        return p
    raise ConvergenceError(
        f"BiCM did not converge in {max_iter} Newton steps (largest degree error {err:.3g})"
    )


def _tight_split(
    rdeg: np.ndarray, rmult: np.ndarray, cdeg: np.ndarray, cmult: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int] | None:
    r"""Where the Gale–Ryser inequality is an equality, if anywhere: a forced block structure.

    With rows sorted by degree, :math:`\sum_{i \le k} r_i \le \sum_j \min(c_j, k)` for every
    feasible pair of degree sequences. Equality at ``k`` forces every matrix with these
    degrees to hold ones wherever a top-``k`` row meets a column of degree ``>= k``, and zeros
    wherever another row meets a column of degree ``< k``. Returns the top row classes, the
    columns of degree ``>= k`` and ``k`` (checked at the ends of degree classes, which is
    enough: equality inside a class of equal degrees carries to both of its ends).
    """
    order = np.argsort(-rdeg, kind="stable")
    k_at = np.cumsum(rmult[order])
    edges_at = np.cumsum((rmult * rdeg)[order])
    for position in range(order.size - 1):
        k = int(k_at[position])
        if edges_at[position] == int(cmult @ np.minimum(cdeg, k)):
            top = np.zeros(rdeg.size, dtype=bool)
            top[order[: position + 1]] = True
            return top, cdeg >= k, k
    return None


def _bicm_classes(
    rdeg: np.ndarray,
    rmult: np.ndarray,
    cdeg: np.ndarray,
    cmult: np.ndarray,
    *,
    tol: float,
    max_iter: int,
) -> np.ndarray:
    """BiCM probabilities, row classes × column classes, boundary cases included.

    Cells that every matrix with these degrees fixes get their forced 0 or 1: empty and full
    classes (:func:`_peel`) and the blocks of a tight Gale–Ryser inequality
    (:func:`_tight_split`), whose two free blocks are then independent BiCMs with reduced
    degrees. There the maximum-likelihood fitnesses are infinite and Newton steps creep
    towards them; solving only the free cells converges as in the interior.
    """
    r_stage, c_stage, r_fixed, c_fixed, rcore, ccore = _peel(rdeg, rmult, cdeg, cmult)
    table = np.empty((rdeg.size, cdeg.size))
    # A pair's probability is fixed by whichever of its two classes was peeled first.
    row_first = r_stage[:, None] < c_stage[None, :]
    table[:] = np.where(row_first, r_fixed[:, None], c_fixed[None, :])
    r_on, c_on = np.isinf(r_stage), np.isinf(c_stage)
    if not (r_on.any() and c_on.any()):
        return table
    rd, rm, cd, cm = rcore[r_on], rmult[r_on], ccore[c_on], cmult[c_on]
    split = _tight_split(rd, rm, cd, cm)
    if split is None:
        core = _bicm_core(rd, rm, cd, cm, tol=tol, max_iter=max_iter)
    else:
        top, wide, k = split
        core = np.zeros((rd.size, cd.size))
        core[np.ix_(top, wide)] = 1.0
        blocks = (
            (top, ~wide, rd[top] - cm[wide].sum(), cd[~wide]),
            (~top, wide, rd[~top], cd[wide] - k),
        )
        for rows, cols, r_block, c_block in blocks:
            if rows.any() and cols.any():
                core[np.ix_(rows, cols)] = _bicm_classes(
                    r_block, rm[rows], c_block, cm[cols], tol=tol, max_iter=max_iter
                )
    table[np.ix_(r_on, c_on)] = core
    return table


def _bicm_table(
    rdeg: np.ndarray, cdeg: np.ndarray, *, tol: float = 1e-8, max_iter: int = 200
) -> _BiCMTable:
    ru, row_class, rmult = np.unique(rdeg, return_inverse=True, return_counts=True)
    cu, col_class, cmult = np.unique(cdeg, return_inverse=True, return_counts=True)
    table = _bicm_classes(ru, rmult, cu, cmult, tol=tol, max_iter=max_iter)
    return _BiCMTable(row_class.ravel(), col_class.ravel(), rmult, cmult, table)


def bicm(B: Matrix, *, tol: float = 1e-8, max_iter: int = 200) -> np.ndarray:
    r"""Return the probability of every cell under the bipartite configuration model (BiCM).

    The BiCM is the maximum-entropy distribution over binary matrices whose row and column sums
    equal those of ``B`` *in expectation* (Saracco et al. 2015, 2017). Its cell probabilities are

    .. math:: p_{ij} = \frac{x_i y_j}{1 + x_i y_j},

    where the fitnesses :math:`x_i, y_j > 0` solve :math:`\sum_j p_{ij} = r_i` and
    :math:`\sum_i p_{ij} = c_j` for the observed row degrees :math:`r` and column degrees :math:`c`.
    Rows (and columns) with the same degree share a fitness, so the equations are solved on the
    unique degree values, weighted by how often each occurs, by Newton's method on the concave
    log-likelihood with a backtracking line search, and the result is broadcast back. The solve
    takes well under a second even for 10,000 × 100,000 matrices; the dense result needs
    ``8 × rows × columns`` bytes.

    Rows or columns that are all zeros or all ones (and those that become so once such rows and
    columns are set aside, repeatedly) have no finite fitness; their probabilities are fixed at 0
    or 1 and the rest of the matrix is solved with degrees reduced accordingly, as in backbone's
    ``bicm()`` (Neal 2022). Degree sequences on the boundary of the feasible set in general
    (the Gale–Ryser inequality an equality) force whole blocks of cells to 0 or 1 in every
    matrix with those degrees; those cells get their forced values and the free blocks are
    solved apart.

    Parameters
    ----------
    B : numpy.ndarray, scipy.sparse array or matrix, or pandas.DataFrame
        Binary incidence matrix, rows (agencies) × columns (measures).
    tol : float
        Largest accepted difference between an expected and an observed degree.
    max_iter : int
        Largest number of Newton steps.

    Returns
    -------
    numpy.ndarray
        Dense float64 matrix of the shape of ``B``.

    Raises
    ------
    ConvergenceError
        If the solver does not reach ``tol`` in ``max_iter`` steps.

    References
    ----------
    Saracco et al. (2015), *Sci. Rep.* 5, 10595; Saracco et al. (2017), *New J. Phys.* 19, 053022;
    Neal (2022), *PLOS ONE* 17, e0269137 (R package backbone, ``bicm()``).

    Examples
    --------
    >>> import numpy as np
    >>> M = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 1]])
    >>> bicm(M).round(3)
    array([[0.216, 0.216, 0.568],
           [0.216, 0.216, 0.568],
           [0.568, 0.568, 0.863]])
    """
    A = _as_csr(B)
    rdeg, cdeg = _degrees(A)
    fit = _bicm_table(rdeg, cdeg, tol=tol, max_iter=max_iter)
    return fit.table[fit.row_class][:, fit.col_class]


# --------------------------------------------------------------------------------------------------
# Poisson-binomial distribution
# --------------------------------------------------------------------------------------------------

# Probabilities below this are dropped from the ends of the running pmf: each dropped entry moves
# at most its own mass, so the total error is below len(probs) * 1e-300.
_PMF_FLOOR = 1e-300


def _check_probs(probs: np.ndarray | Sequence[float]) -> np.ndarray:
    p = np.asarray(probs, dtype=float).ravel()
    if np.any((p < 0) | (p > 1)) or np.any(np.isnan(p)):
        raise ValueError("probabilities must lie in [0, 1]")
    return p


def poisson_binomial_pmf(probs: np.ndarray | Sequence[float]) -> np.ndarray:
    r"""Return the exact probability mass function of a Poisson-binomial variable.

    :math:`X = \sum_k X_k` with independent :math:`X_k \sim \mathrm{Bernoulli}(p_k)`. The pmf is
    built by recursive convolution, :math:`f^{(k)}(x) = (1-p_k) f^{(k-1)}(x) + p_k f^{(k-1)}(x-1)`,
    which only adds non-negative terms and so keeps full relative precision, even far in the tails.
    Entries below 1e-300 are dropped from the ends as the recursion runs (total error below
    ``len(probs) × 1e-300``), which makes the cost ``len(probs) × width of the support``.

    Parameters
    ----------
    probs : array_like
        Success probabilities :math:`p_k \in [0, 1]`.

    Returns
    -------
    numpy.ndarray
        ``pmf[x] = P(X = x)`` for ``x = 0, ..., len(probs)``.

    Examples
    --------
    >>> poisson_binomial_pmf([0.5, 0.5])
    array([0.25, 0.5 , 0.25])
    """
    p = _check_probs(probs)
    out = np.zeros(p.size + 1)
    pmf, lo = np.ones(1), 0
    for pk in p:
        nxt = np.empty(pmf.size + 1)
        nxt[:-1] = pmf * (1.0 - pk)
        nxt[-1] = 0.0
        nxt[1:] += pmf * pk
        keep = np.flatnonzero(nxt >= _PMF_FLOOR)
        first, last = keep[0], keep[-1]
        pmf, lo = nxt[first : last + 1], lo + first
    out[lo : lo + pmf.size] = pmf
    return out


def _rna(k, mu, var, skew, tail: Tail) -> np.ndarray:
    """Refined normal approximation (Hong 2013, eq. 6) of a tail, as backbone's ``.pb()``."""
    k, mu, var, skew = (np.asarray(a, dtype=float) for a in np.broadcast_arrays(k, mu, var, skew))
    out = np.empty(k.shape)
    degenerate = var <= 0
    # A variable with zero variance is the constant mu: the tails are 0 or 1 (backbone's .pb()
    # would divide by zero here).
    if tail == "upper":
        out[degenerate] = k[degenerate] <= mu[degenerate] + 1e-9
    else:
        out[degenerate] = k[degenerate] >= mu[degenerate] - 1e-9
    ok = ~degenerate
    sigma = np.sqrt(var[ok])
    g = skew[ok] / (6.0 * sigma**3)
    if tail == "upper":
        x = (k[ok] - 0.5 - mu[ok]) / sigma
        val = stats.norm.sf(x) - g * (1.0 - x**2) * stats.norm.pdf(x)
    else:
        x = (k[ok] + 0.5 - mu[ok]) / sigma
        val = stats.norm.cdf(x) + g * (1.0 - x**2) * stats.norm.pdf(x)
    out[ok] = np.clip(val, 0.0, 1.0)
    return out


def _pb_tail(k, probs, method: PBMethod, tail: Tail) -> np.ndarray | float:
    p = _check_probs(probs)
    k_arr = np.asarray(k)
    if not np.issubdtype(k_arr.dtype, np.integer):
        if np.any(k_arr != np.round(k_arr)):
            raise ValueError("k must be integer-valued")
        k_arr = k_arr.astype(np.int64)
    if method == "exact":
        pmf = poisson_binomial_pmf(p)
        if tail == "upper":
            # Summing from the top keeps small upper tails accurate (no 1 - cdf cancellation).
            cum = np.concatenate([np.cumsum(pmf[::-1])[::-1], [0.0]])
            idx = np.clip(k_arr, 0, p.size + 1)
        else:
            cum = np.concatenate([[0.0], np.cumsum(pmf)])
            idx = np.clip(k_arr + 1, 0, p.size + 1)
        res = np.clip(cum[idx], 0.0, 1.0)
    elif method == "rna":
        pq = p * (1.0 - p)
        res = _rna(k_arr, p.sum(), pq.sum(), (pq * (1.0 - 2.0 * p)).sum(), tail)
    else:
        raise ValueError(f"method must be 'exact' or 'rna', got {method!r}")
    return float(res) if np.ndim(res) == 0 else res


def poisson_binomial_upper(
    k: int | np.ndarray, probs: np.ndarray | Sequence[float], *, method: PBMethod = "rna"
) -> np.ndarray | float:
    r"""Return the upper tail :math:`P(X \ge k)` of a Poisson-binomial variable.

    :math:`X = \sum_k X_k` with independent :math:`X_k \sim \mathrm{Bernoulli}(p_k)`.

    ``method="exact"`` sums the exact pmf of :func:`poisson_binomial_pmf` from ``k`` upwards.
    ``method="rna"`` is the refined normal approximation of Hong (2013, eq. 6) with continuity
    correction, exactly as backbone's internal ``.pb()`` (Neal 2022):

    .. math:: P(X \ge k) \approx 1 - \Phi(x) - \frac{\gamma}{6\sigma^3}(1 - x^2)\,\phi(x),
              \qquad x = \frac{k - 0.5 - \mu}{\sigma},

    with :math:`\mu = \sum p_k`, :math:`\sigma^2 = \sum p_k(1-p_k)`,
    :math:`\gamma = \sum p_k(1-p_k)(1-2p_k)`, clipped to [0, 1]. Its error is of order
    :math:`1/\sigma^2`: about 2e-3 for nine trials, below 1e-5 once :math:`\sigma > 20`. It is not
    exact even at :math:`k = 0`, where the true tail is 1.

    Parameters
    ----------
    k : int or array of int
        Thresholds; an array returns an array of the same shape.
    probs : array_like
        Success probabilities in [0, 1].
    method : {"exact", "rna"}
        Refined normal approximation (default, as backbone's ``.pb()``) or the exact pmf.

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(poisson_binomial_upper(1, [0.5, 0.5], method="exact"), 6)
    0.75
    >>> p = [.123, .234, .345, .456, .567, .678, .789, .801, .911]
    >>> round(poisson_binomial_upper(5, p, method="rna"), 7)  # backbone's pb(5, p)[2]
    0.6268476
    """
    return _pb_tail(k, probs, method, "upper")


def poisson_binomial_lower(
    k: int | np.ndarray, probs: np.ndarray | Sequence[float], *, method: PBMethod = "rna"
) -> np.ndarray | float:
    r"""Return the lower tail :math:`P(X \le k)` of a Poisson-binomial variable.

    The counterpart of :func:`poisson_binomial_upper`; ``method="rna"`` uses
    :math:`x = (k + 0.5 - \mu)/\sigma` and
    :math:`\Phi(x) + \frac{\gamma}{6\sigma^3}(1 - x^2)\phi(x)` (Hong 2013, eq. 6).

    Parameters
    ----------
    k : int or array of int
        Thresholds.
    probs : array_like
        Success probabilities in [0, 1].
    method : {"exact", "rna"}
        Refined normal approximation (default, as backbone's ``.pb()``) or the exact pmf.

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(poisson_binomial_lower(1, [0.5, 0.5], method="exact"), 6)
    0.75
    """
    return _pb_tail(k, probs, method, "lower")


# --------------------------------------------------------------------------------------------------
# SDSM
# --------------------------------------------------------------------------------------------------


def _support_width(mu_max: float, k_max: int, n: int) -> int:
    """Smallest W with P(X ≥ W) < 1e-20 for every pair, by the Chernoff bound, and W > k_max.

    For a sum of Bernoullis with mean mu, P(X ≥ x) ≤ exp(-mu) (e mu / x)^x for x > mu.
    """
    if mu_max <= 0:
        need = 1
    else:
        x = np.arange(math.floor(mu_max) + 1, n + 2, dtype=float)
        log_bound = -mu_max + x * (1.0 + math.log(mu_max) - np.log(x))
        below = np.flatnonzero(log_bound < math.log(1e-20))
        need = int(x[below[0]]) if below.size else n + 1
    return int(min(n + 1, max(need, k_max + 1)))


def _grouped_pb_tails(q: np.ndarray, mult: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact tails of X = Σ_w Binomial(mult[w], q[s, w]) for each row s of q, by DFT-CF.

    The characteristic function at the W-th roots of unity is evaluated in closed form,
    ``φ(t) = Π_w (1 - q_w + q_w z_t)^{m_w}`` with ``z_t = exp(-2πi t / W)``, and inverted by one
    real FFT (Hong 2013). With W above the support (or above where the Chernoff bound puts less
    than 1e-20 of the mass) the result is exact up to rounding, whose absolute size is ~1e-15.
    Returns ``upper[s, k] = P(X ≥ k)`` and ``lower[s, k] = P(X ≤ k)`` for ``k = 0, ..., W - 1``.
    """
    n_t = width // 2 + 1
    z = np.exp(-2j * np.pi * np.arange(n_t) / width)
    logphi = np.zeros((q.shape[0], n_t), dtype=complex)
    with np.errstate(divide="ignore"):  # log(0) = -inf is the right limit (φ vanishes there)
        for w in range(q.shape[1]):
            qw = q[:, w : w + 1]
            logphi += mult[w] * np.log((1.0 - qw) + qw * z[None, :])
    pmf = np.fft.irfft(np.exp(logphi), n=width, axis=1)
    pmf = np.clip(pmf, 0.0, None)
    upper = np.clip(np.cumsum(pmf[:, ::-1], axis=1)[:, ::-1], 0.0, 1.0)
    lower = np.clip(np.cumsum(pmf, axis=1), 0.0, 1.0)
    return upper, lower


def _sdsm_tails(
    B: Matrix, *, method: str, tol: float, max_iter: int, budget: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """Return the co-occurrence matrix, the upper and lower p-values and the method used.

    ``budget`` bounds the work of ``method="auto"``'s exact tails (default
    :data:`agencygraph.settings.SDSM_EXACT_BUDGET`).
    """
    if method not in ("auto", "exact", "rna"):
        raise ValueError(f"method must be 'auto', 'exact' or 'rna', got {method!r}")
    A = _as_csr(B)
    n_rows, n_cols = A.shape
    rdeg, cdeg = _degrees(A)
    fit = _bicm_table(rdeg, cdeg, tol=tol, max_iter=max_iter)
    P = np.asarray((A @ A.T).toarray(), dtype=np.int64)

    # Every pair of rows in the same pair of degree classes has the same null distribution: the
    # sum over column classes w of Binomial(col_mult[w], p_uw * p_vw).
    n_cls = fit.table.shape[0]
    cu, cv = np.triu_indices(n_cls)
    q = fit.table[cu] * fit.table[cv]
    mult = fit.col_mult.astype(float)
    mu = q @ mult
    pair_id = np.empty((n_cls, n_cls), dtype=np.int64)
    pair_id[cu, cv] = np.arange(cu.size)
    pair_id[cv, cu] = np.arange(cu.size)

    iu, ju = np.triu_indices(n_rows, 1)
    k = P[iu, ju]
    pid = pair_id[fit.row_class[iu], fit.row_class[ju]]

    width = _support_width(float(mu.max(initial=0.0)), int(k.max(initial=0)), n_cols)
    work = cu.size * (width // 2 + 1) * max(q.shape[1], 1)
    if method == "auto":
        budget = settings.SDSM_EXACT_BUDGET if budget is None else int(budget)
        method = "exact" if work <= budget else "rna"
        logger.info("sdsm: %s Poisson-binomial tails (work %d, budget %d)", method, work, budget)

    up = np.empty(k.size)
    lo = np.empty(k.size)
    if method == "exact":
        order = np.argsort(pid, kind="stable")
        bounds = np.searchsorted(pid[order], np.arange(cu.size + 1))
        # Chunks keep the complex work array near 32 MB.
        chunk = max(1, int(2_000_000 // (width // 2 + 1)))
        for start in range(0, cu.size, chunk):
            stop = min(start + chunk, cu.size)
            t_up, t_lo = _grouped_pb_tails(q[start:stop], mult, width)
            sel = order[bounds[start] : bounds[stop]]
            up[sel] = t_up[pid[sel] - start, k[sel]]
            lo[sel] = t_lo[pid[sel] - start, k[sel]]
    else:
        pq = q * (1.0 - q)
        var = pq @ mult
        skew = (pq * (1.0 - 2.0 * q)) @ mult
        up = _rna(k, mu[pid], var[pid], skew[pid], "upper")
        lo = _rna(k, mu[pid], var[pid], skew[pid], "lower")

    upper = np.full((n_rows, n_rows), np.nan)
    lower = np.full((n_rows, n_rows), np.nan)
    upper[iu, ju] = upper[ju, iu] = up
    lower[iu, ju] = lower[ju, iu] = lo
    return P, upper, lower, method


def sdsm(
    B: Matrix,
    *,
    tail: Tail = "upper",
    method: Literal["auto", "exact", "rna"] = "rna",
    tol: float = 1e-8,
    max_iter: int = 200,
) -> np.ndarray:
    r"""Return SDSM p-values for the co-occurrence of every pair of rows.

    The Stochastic Degree Sequence Model (Neal 2014) asks whether agencies ``i`` and ``j`` share
    more measures than expected when every agency and every measure keeps its degree on average.
    Under the BiCM (:func:`bicm`, as in backbone ≥ 2.0), cells are independent Bernoulli
    variables with probabilities :math:`p_{ik}`, so the null co-occurrence
    :math:`X_{ij} = \sum_k B^*_{ik} B^*_{jk}` is Poisson-binomial with probabilities
    :math:`p_{ik} p_{jk}` over the columns :math:`k`. The upper-tail p-value is
    :math:`P(X_{ij} \ge P_{ij})` and the lower-tail one :math:`P(X_{ij} \le P_{ij})`, where
    :math:`P = B B^\top` is the observed co-occurrence.

    Pairs of rows with the same pair of degrees share one null distribution, so the tails are
    computed once per pair of degree classes, summing over column-degree classes.

    ``method`` chooses how the Poisson-binomial tails are computed:

    * ``"exact"`` — the characteristic-function method (DFT-CF; Hong 2013), exact up to rounding
      (absolute error ~1e-15, so p-values below ~1e-13 carry absolute, not relative, accuracy);
    * ``"rna"`` (default) — the refined normal approximation (Hong 2013), which is what
      backbone's ``sdsm()`` uses in every version since 2.0, so the default reproduces
      backbone's numbers. Its error is of
      order :math:`1/\sigma^2` — up to ~0.03 for rows with few, rare measures, below 1e-5 when the
      null co-occurrence has a standard deviation above ~20;
    * ``"auto"`` — ``"exact"`` when the work (pairs of row-degree classes × points of the
      characteristic function × column-degree classes) is at most
      :data:`agencygraph.settings.SDSM_EXACT_BUDGET`, else
      ``"rna"``. The choice is logged at INFO level on the ``agencygraph.backbone`` logger and
      recorded by :func:`sdsm_backbone` in ``G.graph["pvalue_method"]``.

    Parameters
    ----------
    B : numpy.ndarray, scipy.sparse array or matrix, or pandas.DataFrame
        Binary incidence matrix, rows (agencies) × columns (measures).
    tail : {"upper", "lower"}
        Which tail: ``"upper"`` tests for more shared columns than expected (a positive backbone),
        ``"lower"`` for fewer.
    method : {"auto", "exact", "rna"}
        How the Poisson-binomial tails are computed; see above.
    tol, max_iter
        Passed to the BiCM solver (see :func:`bicm`).

    Returns
    -------
    numpy.ndarray
        Symmetric rows × rows matrix of p-values. The diagonal is NaN: a row's co-occurrence with
        itself is its degree, which is not tested (backbone ≥ 2.1 does the same; backbone 2.0
        reported a p-value there).

    References
    ----------
    Neal (2014), *Social Networks* 39, 84-97; Neal, Domagalski & Sagan (2021), *Sci. Rep.* 11,
    23929; Neal (2022), *PLOS ONE* 17, e0269137; Saracco et al. (2015, 2017); Hong (2013),
    *CSDA* 59, 41-51.

    Examples
    --------
    >>> import numpy as np
    >>> M = np.array([[1, 0, 1, 1], [0, 1, 0, 0], [1, 0, 0, 1]])
    >>> sdsm(M, method="rna").round(3)  # backbone 2.0's test values, off the diagonal
    array([[  nan, 0.977, 0.549],
           [0.977,   nan, 0.972],
           [0.549, 0.972,   nan]])
    >>> sdsm(M, method="exact").round(3)
    array([[  nan, 1.   , 0.555],
           [1.   ,   nan, 1.   ],
           [0.555, 1.   ,   nan]])
    """
    if tail not in ("upper", "lower"):
        raise ValueError(f"tail must be 'upper' or 'lower', got {tail!r}")
    _, upper, lower, _ = _sdsm_tails(B, method=method, tol=tol, max_iter=max_iter)
    return upper if tail == "upper" else lower


# --------------------------------------------------------------------------------------------------
# Curveball and FDSM
# --------------------------------------------------------------------------------------------------


def _trade_rounds(
    owner: np.ndarray,
    item: np.ndarray,
    n_owners: int,
    n_items: int,
    n_rounds: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Run global curveball rounds on an edge list; returns the new owner of every edge.

    In each round the owners are split at random into disjoint pairs and every pair trades: the
    items only one of the two holds are pooled, shuffled and dealt back in the same numbers
    (Strona et al. 2014; Carstens, Berger & Strona 2018). Items stay attached to their edge, so
    item degrees never change, and each pair keeps its counts, so owner degrees never change.
    """
    owner = owner.copy()
    item = item.astype(np.int64)
    for _ in range(n_rounds):
        pair = np.empty(n_owners, dtype=np.int64)
        # With an odd number of owners the last one is alone and trades with nobody this round.
        pair[rng.permutation(n_owners)] = np.arange(n_owners) // 2
        pe = pair[owner]
        key = pe * n_items + item
        order = np.argsort(key, kind="stable")
        ks = key[order]
        shared = np.zeros(ks.size, dtype=bool)
        same = ks[1:] == ks[:-1]
        shared[1:] |= same
        shared[:-1] |= same
        ex = order[~shared]
        pex = pe[ex]
        labels = ex[np.lexsort((owner[ex], pex))]
        slots = ex[np.lexsort((rng.random(ex.size), pex))]
        owner[slots] = owner[labels]
    return owner


def _curveball_edges(
    rows: np.ndarray,
    cols: np.ndarray,
    shape: tuple[int, int],
    n_swaps: int | None,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    n_rows, n_cols = shape
    # Trade along the shorter side, as backbone's fdsm() does by transposing long matrices: fewer,
    # longer lists mix in fewer trades.
    by_rows = n_rows <= n_cols
    n_owners = n_rows if by_rows else n_cols
    if n_swaps is None:
        n_swaps = 5 * n_owners
    pairs_per_round = max(n_owners // 2, 1)
    n_rounds = math.ceil(n_swaps / pairs_per_round) if n_owners >= 2 else 0
    if by_rows:
        rows = _trade_rounds(rows, cols, n_rows, n_cols, n_rounds, rng)
    else:
        cols = _trade_rounds(cols, rows, n_cols, n_rows, n_rounds, rng)
    return rows, cols


def curveball(
    B: Matrix, *, seed: int | np.random.Generator | None = None, n_swaps: int | None = None
) -> np.ndarray | sp.csr_array:
    """Return a random binary matrix with exactly the row and column sums of ``B``.

    The curveball algorithm (Strona et al. 2014) repeatedly picks two rows and "trades" between
    them: of the columns that exactly one of the two rows holds, a random subset of the right size
    goes to the first row and the rest to the second. Each trade keeps both rows' sums and every
    column's sum, and the chain samples the space of matrices with these margins uniformly
    (Carstens 2015). Trades are done in rounds of ``⌊n/2⌋`` disjoint pairs of rows (the "global
    curveball" of Carstens, Berger & Strona 2018), vectorised over an edge list.

    Trades run along the shorter side of ``B`` (rows if it is wide, columns if it is long), as
    backbone's ``fastball()``-based ``fdsm()`` does.

    Parameters
    ----------
    B : numpy.ndarray, scipy.sparse array or matrix, or pandas.DataFrame
        Binary incidence matrix.
    seed : int or numpy.random.Generator, optional
        Seed or generator; None uses :data:`agencygraph.settings.SEED`.
    n_swaps : int, optional
        Number of pairwise trades, rounded up to whole rounds. Default ``5 × n``, with ``n`` the
        length of the shorter side, backbone's default for ``fastball()``.

    Returns
    -------
    numpy.ndarray or scipy.sparse.csr_array
        A dense int64 array for dense input (and for a DataFrame), a CSR array for sparse input.

    Examples
    --------
    >>> import numpy as np
    >>> M = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 0, 1]])
    >>> R = curveball(M, seed=1)
    >>> (R.sum(axis=1) == M.sum(axis=1)).all(), (R.sum(axis=0) == M.sum(axis=0)).all()
    (np.True_, np.True_)
    """
    rng = np.random.default_rng(settings.SEED if seed is None else seed)
    A = _as_csr(B)
    coo = A.tocoo()
    rows, cols = _curveball_edges(
        coo.row.astype(np.int64), coo.col.astype(np.int64), A.shape, n_swaps, rng
    )
    out = sp.csr_array((np.ones(rows.size, dtype=np.int64), (rows, cols)), shape=A.shape)
    return out if sp.issparse(B) else out.toarray()


#: Largest matrix (cells) sampled by the compiled curveball of :mod:`agencygraph._curveball`;
#: larger ones use the vectorised edge-list rounds of :func:`curveball`.
_COMPILED_CELLS = 1 << 24


def _owners(shape: tuple[int, int]) -> tuple[bool, int]:
    """Whether trades run along rows (the shorter side) and how many owners trade."""
    by_rows = shape[0] <= shape[1]
    return by_rows, shape[0] if by_rows else shape[1]


def _rounds_of_swaps(n_swaps: int, shape: tuple[int, int]) -> int:
    _, n_owners = _owners(shape)
    return math.ceil(n_swaps / max(n_owners // 2, 1)) if n_owners >= 2 else 0


def _sampled_cooccurrences(
    A: sp.csr_array, n: int, rounds: int, rng: np.random.Generator
) -> np.ndarray:
    """``n`` independent chains of ``rounds`` global curveball rounds from ``A``; each chain's
    final matrix gives one row co-occurrence matrix. Returns shape ``(n, rows, rows)``."""
    k, m = A.shape
    by_rows, _ = _owners(A.shape)
    out = np.empty((n, k, k), dtype=np.int64)
    if k * m <= _COMPILED_CELLS:
        from agencygraph._curveball import curveball_chains

        dense = A.toarray().astype(np.int8)
        start = dense if by_rows else np.ascontiguousarray(dense.T)
        # chunks of about 32 MB of sampled matrices
        chunk = max(1, min(n, (1 << 25) // max(k * m, 1)))
        for lo in range(0, n, chunk):
            size = min(chunk, n - lo)
            stack = curveball_chains(
                start,
                size,
                n_chains=size,
                burn_in=rounds,
                thin=1,
                seed=int(rng.integers(0, 2**63 - 1)),
            ).astype(np.float32)
            if not by_rows:
                stack = stack.transpose(0, 2, 1)
            out[lo : lo + size] = np.rint(np.einsum("sik,sjk->sij", stack, stack))
        return out
    coo = A.tocoo()
    rows0, cols0 = coo.row.astype(np.int64), coo.col.astype(np.int64)
    ones = np.ones(rows0.size)
    for t in range(n):
        if by_rows:
            rows = _trade_rounds(rows0, cols0, k, m, rounds, rng)
            cols = cols0
        else:
            cols = _trade_rounds(cols0, rows0, m, k, rounds, rng)
            rows = rows0
        S = sp.csr_array((ones, (rows, cols)), shape=A.shape)
        out[t] = np.rint((S @ S.T).toarray())
    return out


def _mixing_rounds(A: sp.csr_array, rng: np.random.Generator) -> int:
    """Rounds after which curveball chains from ``A`` have forgotten it (:func:`fdsm_rounds`)."""
    k = A.shape[0]
    _, n_owners = _owners(A.shape)
    if n_owners < 2 or k < 2:
        return 0
    ensemble = int(settings.FDSM_MIXING_CHAINS)
    iu, ju = np.triu_indices(k, 1)
    observed = np.asarray((A @ A.T).toarray())[iu, ju]

    # Ensembles are summarised in chunks (mean and variance of each feature) so that memory
    # stays near 64 MB however many agencies there are.
    chunk = max(1, min(ensemble, (1 << 26) // max(k * k * 8, 1)))

    def features(n_rounds: int) -> tuple[np.ndarray, np.ndarray]:
        # each pair's co-occurrence and the two tail indicators its p-values average
        total = np.zeros(3 * iu.size)
        squares = np.zeros(3 * iu.size)
        for lo in range(0, ensemble, chunk):
            C = _sampled_cooccurrences(A, min(chunk, ensemble - lo), n_rounds, rng)[:, iu, ju]
            above, below = np.greater_equal(C, observed), np.less_equal(C, observed)
            X = np.concatenate([C, above, below], axis=1).astype(float)
            total += X.sum(axis=0)
            squares += (X**2).sum(axis=0)
        mean = total / ensemble
        var = np.maximum(squares / ensemble - mean**2, 0.0) * ensemble / max(ensemble - 1, 1)
        return mean, var

    # Bonferroni over the features compared: a difference this large is no chance difference.
    threshold = float(stats.norm.isf(0.05 / (2 * 3 * iu.size)))
    r, passed, late = 1, [], features(1)
    while r < settings.FDSM_MAX_ROUNDS:
        early, late = late, features(2 * r)
        diff = early[0] - late[0]
        se = np.sqrt((early[1] + late[1]) / ensemble)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(se > 0, np.abs(diff) / se, np.where(diff == 0, 0.0, np.inf))
        passed.append(bool(z.max(initial=0.0) < threshold))
        if passed[-2:] == [True, True]:
            first = r // 2  # the first of two successive passes
            return min(int(settings.FDSM_MAX_ROUNDS), settings.FDSM_ROUNDS_FACTOR * first)
        r *= 2
    logger.warning(
        "fdsm: curveball chains did not pass the mixing check within %d rounds",
        settings.FDSM_MAX_ROUNDS,
    )
    return int(settings.FDSM_MAX_ROUNDS)


def fdsm_rounds(B: Matrix, *, seed: int | np.random.Generator | None = None) -> int:
    r"""Return the number of curveball rounds each FDSM sample runs by default (a mixing check).

    A sample of :func:`fdsm` is the end of a chain of global curveball rounds (each owner on the
    shorter side of ``B`` trades once per round) started from ``B``. Started there, a chain
    remembers ``B`` for a while: too few rounds make the co-occurrences of the sample look like
    the observed ones, so p-values of strongly co-occurring pairs come out too large (the
    five-trades-per-row default of backbone's ``fastball()`` gives 10 rounds on a 26-agency
    plan, where a pair's p-value is 0.444 against 0.382 once converged).

    The check runs independent ensembles of :data:`agencygraph.settings.FDSM_MIXING_CHAINS`
    chains from ``B`` for ``r = 1, 2, 4, ...`` rounds and compares each ensemble with the next
    (``r`` against ``2r``) on every pair's mean co-occurrence and on the two tail indicators
    :math:`[P^*_{ij} \ge P_{ij}]`, :math:`[P^*_{ij} \le P_{ij}]` whose means are the p-values
    (two-sample z, Bonferroni's bound over all of them at 0.05). Once two successive
    comparisons (``r`` against ``2r`` and ``2r`` against ``4r``) find no difference, the chains
    have stopped drifting away from ``B``; the default is ``FDSM_ROUNDS_FACTOR × r`` (4r),
    at most :data:`agencygraph.settings.FDSM_MAX_ROUNDS` (with a warning if the check never
    passes).
    The tests check the result against exact enumeration of small null spaces and against
    chains 100 times as long on the bundled plans.

    Parameters
    ----------
    B : numpy.ndarray, scipy.sparse array or matrix, or pandas.DataFrame
        Binary incidence matrix.
    seed : int or numpy.random.Generator, optional
        Seed of the check; None uses :data:`agencygraph.settings.SEED`.

    Returns
    -------
    int
        Global curveball rounds per sample.

    Examples
    --------
    >>> import numpy as np
    >>> B = np.kron(np.eye(2, dtype=int), np.ones((4, 12), dtype=int))
    >>> B[0, 12] = B[4, 0] = 0
    >>> fdsm_rounds(B, seed=1) >= 4
    True
    """
    rng = np.random.default_rng(settings.SEED if seed is None else seed)
    return _mixing_rounds(_as_csr(B), rng)


def _fdsm_tails(
    B: Matrix, *, trials: int | None, seed, n_swaps: int | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
    """Co-occurrence, counts of samples at or above and at or below it, trials and rounds."""
    trials = settings.NULL_SAMPLES if trials is None else int(trials)
    if trials < 1:
        raise ValueError("trials must be at least 1")
    rng = np.random.default_rng(settings.SEED if seed is None else seed)
    A = _as_csr(B)
    P = np.asarray((A @ A.T).toarray(), dtype=np.int64)
    rounds = _mixing_rounds(A, rng) if n_swaps is None else _rounds_of_swaps(int(n_swaps), A.shape)
    n = A.shape[0]
    n_up = np.zeros((n, n), dtype=np.int64)
    n_lo = np.zeros((n, n), dtype=np.int64)
    # Every trial is its own chain from B, as in backbone's fdsm(): samples are independent,
    # so a p-value's Monte Carlo standard error is sqrt(p (1 - p) / trials).
    block = max(1, min(trials, (1 << 26) // max(n * n * 8, 1)))
    for lo in range(0, trials, block):
        size = min(block, trials - lo)
        Pstar = _sampled_cooccurrences(A, size, rounds, rng)
        n_up += (Pstar >= P).sum(axis=0)
        n_lo += (Pstar <= P).sum(axis=0)
    return P, n_up, n_lo, trials, rounds


def fdsm(
    B: Matrix,
    *,
    tail: Tail = "upper",
    trials: int | None = None,
    seed: int | np.random.Generator | None = None,
    n_swaps: int | None = None,
) -> np.ndarray:
    r"""Return FDSM p-values for the co-occurrence of every pair of rows, by Monte Carlo.

    The Fixed Degree Sequence Model compares the observed co-occurrence :math:`P = B B^\top` with
    its distribution over *all* binary matrices with exactly the row and column sums of ``B``,
    taken uniformly (Neal 2014; Neal, Domagalski & Sagan 2021). ``trials`` such matrices
    :math:`B^{*(1)}, \dots, B^{*(T)}` are drawn by global curveball (Strona et al. 2014;
    Carstens, Berger & Strona 2018), each the end of its own chain started from ``B`` (so the
    samples are independent), and the p-values are the proportions

    .. math:: \hat p^{\,upper}_{ij} = \frac{1}{T} \sum_t [P^{*(t)}_{ij} \ge P_{ij}], \qquad
              \hat p^{\,lower}_{ij} = \frac{1}{T} \sum_t [P^{*(t)}_{ij} \le P_{ij}],

    the estimator of backbone's ``fdsm()``. It is unbiased for the exact p-value and has standard
    error :math:`\sqrt{p(1-p)/T}`; it can be 0, so with a multiple-test correction choose ``T``
    well above the number of tests divided by ``alpha``.

    How long each chain runs decides whether the samples come from the null at all: a chain
    stopped early still resembles ``B``. By default every chain runs the number of rounds set
    by the mixing check of :func:`fdsm_rounds` (for the bundled plans 32-64 rounds, where
    backbone's default of five trades per row gives 8-10 and leaves p-values off by up to
    0.06); ``n_swaps`` overrides it with a fixed number of pairwise trades. The tests compare
    the defaults with exact enumeration of small null spaces and with chains 100 times as
    long. Matrices up to 2²⁴ cells are sampled by the compiled sampler of
    :mod:`agencygraph._curveball`.

    Parameters
    ----------
    B : numpy.ndarray, scipy.sparse array or matrix, or pandas.DataFrame
        Binary incidence matrix, rows (agencies) × columns (measures).
    tail : {"upper", "lower"}
        Which tail.
    trials : int, optional
        Number of sampled matrices; None uses :data:`agencygraph.settings.NULL_SAMPLES`.
    seed : int or numpy.random.Generator, optional
        Seed or generator; None uses :data:`agencygraph.settings.SEED`.
    n_swaps : int, optional
        Pairwise trades per sample (rounded up to whole rounds of :func:`curveball`); None
        (default) runs :func:`fdsm_rounds` rounds.

    Returns
    -------
    numpy.ndarray
        Symmetric rows × rows matrix of p-values with a NaN diagonal.

    Examples
    --------
    >>> import numpy as np
    >>> M = np.array([[1, 0, 1, 1], [0, 1, 0, 0], [1, 0, 0, 1]])
    >>> fdsm(M, trials=200, seed=1)[0, 2]  # rows 0 and 2 share 2 columns; exact p: 2/8
    np.float64(0.195)
    """
    if tail not in ("upper", "lower"):
        raise ValueError(f"tail must be 'upper' or 'lower', got {tail!r}")
    _, n_up, n_lo, trials, _ = _fdsm_tails(B, trials=trials, seed=seed, n_swaps=n_swaps)
    out = (n_up if tail == "upper" else n_lo) / trials
    np.fill_diagonal(out, np.nan)
    return out


# --------------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------------


def _adjust(p: np.ndarray, mtc: str) -> np.ndarray:
    """Multiple-test correction of a 1-D array of p-values ignoring NaN, as R's p.adjust()."""
    return p_adjust(p, check_mtc(mtc))


def _adjust_matrix(p: np.ndarray, mtc: str) -> np.ndarray:
    if mtc == "none":
        return p
    if np.array_equal(p, p.T, equal_nan=True):
        # An undirected pair is one test, not two.
        i, j = np.tril_indices(p.shape[0], -1)
        out = np.full(p.shape, np.nan)
        out[i, j] = out[j, i] = _adjust(p[i, j], mtc)
        return out
    off = ~np.eye(p.shape[0], dtype=bool)
    out = np.full(p.shape, np.nan)
    out[off] = _adjust(p[off], mtc)
    return out


def extract_backbone(
    upper: np.ndarray,
    lower: np.ndarray | None = None,
    *,
    alpha: float | None = None,
    mtc: MTC = "none",
) -> np.ndarray:
    r"""Return the backbone adjacency matrix implied by edgewise p-values.

    Mirrors backbone's ``.retain()`` (Neal 2022), which ``backbone_from_bipartite()`` and its
    relatives use:

    * unsigned (``lower`` is None): a one-tailed test; pair :math:`(i, j)` is kept (1) if its
      upper-tail p-value, after the correction ``mtc``, is strictly below ``alpha``;
    * signed (``lower`` given): a two-tailed test; for each pair the smaller of its two p-values
      is corrected and compared with ``alpha / 2``; a significant pair is +1 if its upper-tail
      p-value is the smaller and −1 otherwise.

    The diagonal is never tested. NaN p-values mark untested pairs: they are never kept and do not
    count as tests. If the p-value matrix is symmetric, each unordered pair counts as one test.

    Parameters
    ----------
    upper : numpy.ndarray
        Square matrix of upper-tail p-values.
    lower : numpy.ndarray, optional
        Square matrix of lower-tail p-values; giving it makes the backbone signed.
    alpha : float, optional
        Significance level; None uses :data:`agencygraph.settings.ALPHA`.
    mtc : {"none", "bonferroni", "holm", "hochberg", "hommel", "BH", "fdr", "BY"}
        Multiple-test correction, as R's ``p.adjust()`` (:func:`agencygraph.multitest.p_adjust`):
        family-wise (Bonferroni, Holm, Hochberg, Hommel) or false discovery rate (BH, BY).

    Returns
    -------
    numpy.ndarray
        Square int64 matrix of 0/1 (unsigned) or −1/0/1 (signed).

    Examples
    --------
    >>> import numpy as np
    >>> upper = np.array([[.01, .02, .03], [.05, .06, .07], [.5, .6, .7]])
    >>> extract_backbone(upper, alpha=0.05)
    array([[0, 1, 1],
           [0, 0, 0],
           [0, 0, 0]])
    """
    alpha = settings.ALPHA if alpha is None else float(alpha)
    if not 0 < alpha < 1:
        raise ValueError("alpha must lie strictly between 0 and 1")
    adj, sign = _adjusted_tests(upper, lower, mtc)
    with np.errstate(invalid="ignore"):
        sig = adj < (alpha if lower is None else alpha / 2)
    return np.where(sig, sign, 0).astype(np.int64)


def _adjusted_tests(
    upper: np.ndarray, lower: np.ndarray | None, mtc: str
) -> tuple[np.ndarray, np.ndarray]:
    """The corrected p-value of each pair's test and the sign of an edge it would make.

    Unsigned: the corrected upper tail, sign +1. Signed: the corrected smaller tail, +1 where
    the upper tail is the smaller. Diagonal and NaN entries stay NaN (untested).
    """
    upper = np.array(upper, dtype=float)
    np.fill_diagonal(upper, np.nan)
    if lower is None:
        return _adjust_matrix(upper, mtc), np.ones(upper.shape, dtype=np.int64)
    lower = np.array(lower, dtype=float)
    np.fill_diagonal(lower, np.nan)
    smaller = np.where(np.isnan(upper) | np.isnan(lower), np.nan, np.minimum(upper, lower))
    with np.errstate(invalid="ignore"):
        sign = np.where(upper < lower, 1, -1)
    return _adjust_matrix(smaller, mtc), sign


def _backbone_graph(
    P: np.ndarray,
    upper: np.ndarray,
    lower: np.ndarray,
    *,
    alpha: float | None,
    signed: bool,
    mtc: str,
    missing_as_zero: bool,
    labels: list[Hashable],
    graph_attrs: dict,
) -> nx.Graph:
    upper, lower = upper.copy(), lower.copy()
    if not missing_as_zero:
        # backbone ≥ 2.1 by default tests only pairs that co-occur at least once.
        upper[P == 0] = np.nan
        lower[P == 0] = np.nan
    alpha = settings.ALPHA if alpha is None else float(alpha)
    bb = extract_backbone(upper, lower if signed else None, alpha=alpha, mtc=mtc)
    adjusted, _ = _adjusted_tests(upper, lower if signed else None, mtc)
    G = nx.Graph()
    G.graph.update(graph_attrs)
    G.graph.update(alpha=alpha, signed=signed, mtc=mtc, missing_as_zero=missing_as_zero)
    G.add_nodes_from(labels)
    i, j = np.nonzero(np.triu(bb, 1))
    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        s = int(bb[a, b])
        G.add_edge(
            labels[a],
            labels[b],
            weight=int(P[a, b]),
            sign=s,
            p_value=float(upper[a, b] if s > 0 else lower[a, b]),
            p_adjusted=float(adjusted[a, b]),
        )
    return G


def sdsm_backbone(
    B: Matrix,
    *,
    alpha: float | None = None,
    signed: bool = False,
    mtc: MTC = "none",
    missing_as_zero: bool = False,
    method: Literal["auto", "exact", "rna"] = "rna",
    labels: Sequence[Hashable] | None = None,
) -> nx.Graph:
    """Return the SDSM backbone of the row projection of ``B`` as a networkx graph.

    The p-values of :func:`sdsm` passed through :func:`extract_backbone`: the equivalent of
    backbone's ``backbone_from_bipartite(B, model = "sdsm")`` (≥ 3.0) or of ``sdsm()`` followed by
    ``backbone.extract()`` (2.x), with the retention rule of backbone ≥ 2.1 (strict ``p < alpha``,
    ``alpha / 2`` per tail when signed).

    Parameters
    ----------
    B : numpy.ndarray, scipy.sparse array or matrix, or pandas.DataFrame
        Binary incidence matrix, rows (agencies) × columns (measures).
    alpha : float, optional
        Significance level; None uses :data:`agencygraph.settings.ALPHA`.
    signed : bool
        If True, a two-tailed test that also adds negative edges (``sign=-1``) for pairs sharing
        significantly *fewer* columns than expected.
    mtc : {"none", "bonferroni", "holm", "hochberg", "hommel", "BH", "fdr", "BY"}
        Multiple-test correction over the tested pairs, as R's ``p.adjust()``; default
        ``"none"`` (backbone's default). Each edge carries its adjusted p-value
        ``p_adjusted``.
    missing_as_zero : bool
        If False (backbone's default), pairs that share no column are not tested, so they can be
        neither edges nor tests; matters only for signed backbones and corrections.
    method : {"auto", "exact", "rna"}
        Poisson-binomial method, see :func:`sdsm`; use ``"rna"`` to reproduce backbone's numbers.
    labels : sequence, optional
        Node names for the rows; default the DataFrame's index, else ``0, ..., n - 1``.

    Returns
    -------
    networkx.Graph
        Every row is a node (isolated if it has no significant pair). Edges carry ``weight``
        (observed co-occurrence), ``sign`` (+1 or −1) and ``p_value`` (of the tail that made the
        edge, uncorrected). ``G.graph`` records ``model``, ``pvalue_method``, ``alpha``,
        ``signed``, ``mtc`` and ``missing_as_zero``.

    Examples
    --------
    >>> import numpy as np
    >>> B = np.kron(np.eye(2, dtype=int), np.ones((4, 12), dtype=int))  # two blocks
    >>> G = sdsm_backbone(B)
    >>> sorted(G.edges(0)), G.graph["pvalue_method"]
    ([(0, 1), (0, 2), (0, 3)], 'rna')
    """
    P, upper, lower, used = _sdsm_tails(B, method=method, tol=1e-8, max_iter=200)
    return _backbone_graph(
        P,
        upper,
        lower,
        alpha=alpha,
        signed=signed,
        mtc=mtc,
        missing_as_zero=missing_as_zero,
        labels=_row_labels(B, labels, P.shape[0]),
        graph_attrs={"model": "sdsm", "pvalue_method": used},
    )


def fdsm_backbone(
    B: Matrix,
    *,
    alpha: float | None = None,
    signed: bool = False,
    mtc: MTC = "none",
    missing_as_zero: bool = False,
    trials: int | None = None,
    seed: int | np.random.Generator | None = None,
    labels: Sequence[Hashable] | None = None,
) -> nx.Graph:
    """Return the FDSM backbone of the row projection of ``B`` as a networkx graph.

    The Monte Carlo p-values of :func:`fdsm` passed through :func:`extract_backbone`; the
    equivalent of backbone's ``backbone_from_bipartite(B, model = "fdsm")``.

    Parameters
    ----------
    B : numpy.ndarray, scipy.sparse array or matrix, or pandas.DataFrame
        Binary incidence matrix, rows (agencies) × columns (measures).
    alpha, signed, mtc, missing_as_zero, labels
        As for :func:`sdsm_backbone`.
    trials : int, optional
        Number of sampled matrices; None uses :data:`agencygraph.settings.NULL_SAMPLES`.
    seed : int or numpy.random.Generator, optional
        Seed or generator; None uses :data:`agencygraph.settings.SEED`.

    Returns
    -------
    networkx.Graph
        As for :func:`sdsm_backbone`; ``G.graph`` also records ``trials``, ``rounds`` (curveball
        rounds per sample, from :func:`fdsm_rounds`) and ``seed``.

    Examples
    --------
    >>> import numpy as np
    >>> B = np.kron(np.eye(2, dtype=int), np.ones((4, 12), dtype=int))
    >>> B[0, 12] = B[4, 0] = 0  # so that the margins allow some randomness
    >>> G = fdsm_backbone(B, trials=100, seed=1)
    >>> G.number_of_nodes(), G.graph["model"]
    (8, 'fdsm')
    """
    P, n_up, n_lo, trials, rounds = _fdsm_tails(B, trials=trials, seed=seed, n_swaps=None)
    return _backbone_graph(
        P,
        n_up / trials,
        n_lo / trials,
        alpha=alpha,
        signed=signed,
        mtc=mtc,
        missing_as_zero=missing_as_zero,
        labels=_row_labels(B, labels, P.shape[0]),
        graph_attrs={
            "model": "fdsm",
            "trials": trials,
            "rounds": rounds,
            "seed": settings.SEED if seed is None else seed,
        },
    )


# --------------------------------------------------------------------------------------------------
# Disparity filter
# --------------------------------------------------------------------------------------------------


def _disparity_edges(W: sp.coo_array) -> np.ndarray:
    """Disparity p-value of every stored entry of W (rows: sources, columns: targets)."""
    w = W.data.astype(float)
    if np.any(w < 0):
        raise ValueError("the disparity filter needs non-negative weights")
    n = W.shape[0]
    nz = w > 0
    s_out = np.bincount(W.row, weights=w, minlength=n)
    s_in = np.bincount(W.col, weights=w, minlength=n)
    k_out = np.bincount(W.row, weights=nz, minlength=n)
    k_in = np.bincount(W.col, weights=nz, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        # (1 - w/s)^(k - 1); for k = 1 this is 0^0 = 1: a node's only edge is never significant
        # from that node's side, as in backbone's disparity() (R's 0^0 is 1 too).
        p_out = (1.0 - w / s_out[W.row]) ** (k_out[W.row] - 1)
        p_in = (1.0 - w / s_in[W.col]) ** (k_in[W.col] - 1)
    p = np.clip(np.minimum(p_out, p_in), 0.0, 1.0)
    p[~nz] = np.nan
    return p


def disparity_pvalues(W: np.ndarray | sp.sparray | sp.spmatrix) -> np.ndarray:
    r"""Return the disparity-filter p-value of every non-zero entry of a weighted adjacency matrix.

    Serrano, Boguñá & Vespignani (2009): if node :math:`i`'s strength :math:`s_i` were spread over
    its :math:`k_i` edges uniformly at random, the share of an edge of weight :math:`w_{ij}` would
    reach :math:`w_{ij}/s_i` with probability

    .. math:: \alpha_{ij} = \left(1 - \frac{w_{ij}}{s_i}\right)^{k_i - 1}.

    An edge is tested from both ends and keeps the smaller value ("significant for at least one
    of the two nodes"). For a directed (asymmetric) matrix, the source's out-strength and
    out-degree and the target's in-strength and in-degree are used, as in backbone's
    ``disparity()``. A node with a single edge gives :math:`0^0 = 1` from its own side. Strengths
    and degrees include the diagonal.

    Parameters
    ----------
    W : numpy.ndarray or scipy.sparse array or matrix
        Square non-negative weighted adjacency matrix.

    Returns
    -------
    numpy.ndarray
        Dense float matrix of p-values, NaN where ``W`` is zero (untested). backbone reports 1
        there instead.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0, 8, 1, 1], [8, 0, 1, 1], [1, 1, 0, 0], [1, 1, 0, 0]])
    >>> disparity_pvalues(W).round(3)[0]
    array([ nan, 0.04, 0.5 , 0.5 ])
    """
    M = sp.coo_array(W, dtype=float)
    M.sum_duplicates()
    if M.shape[0] != M.shape[1]:
        raise ValueError("W must be square")
    out = np.full(M.shape, np.nan)
    out[M.row, M.col] = _disparity_edges(M)
    return out


def disparity_filter(
    G: nx.Graph, *, alpha: float | None = None, weight: str = "weight", mtc: MTC = "none"
) -> nx.Graph:
    r"""Return the disparity-filter backbone of a weighted graph.

    Each edge's p-value is that of :func:`disparity_pvalues` (Serrano, Boguñá & Vespignani 2009),
    :math:`\min_{v \in \{i, j\}} (1 - w_{ij}/s_v)^{k_v - 1}`, with out- and in-strengths for a
    directed graph. An edge is kept if that p-value, after the correction ``mtc``, is strictly
    below ``alpha`` — i.e. if it is significant for either endpoint, the rule of both Serrano et
    al. and backbone's ``disparity()``. Nodes of degree 1 contribute :math:`0^0 = 1` (backbone's
    convention), so an edge to a leaf survives only if it is significant for the other endpoint.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Weighted graph with non-negative weights; a missing weight counts as 1.
    alpha : float, optional
        Significance level; None uses :data:`agencygraph.settings.ALPHA`.
    weight : str
        Edge attribute holding the weight.
    mtc : {"none", "bonferroni", "holm", "hochberg", "hommel", "BH", "fdr", "BY"}
        Multiple-test correction over the graph's edges, as R's ``p.adjust()``.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        A new graph of the same type with every node (and its attributes) and only the kept edges,
        each with its attributes plus ``p_value``, ``sign`` (always +1) and ``weight``.
        ``G.graph`` records ``model``, ``alpha`` and ``mtc``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([(0, 1, 8), (0, 2, 1), (0, 3, 1), (1, 2, 1), (1, 3, 1)])
    >>> H = disparity_filter(G, alpha=0.05)
    >>> [(u, v, round(p, 6)) for u, v, p in H.edges(data="p_value")]
    [(0, 1, 0.04)]
    """
    alpha = settings.ALPHA if alpha is None else float(alpha)
    nodes = list(G.nodes)
    W = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=weight, format="coo")
    p = _disparity_edges(W)
    index = {(int(r), int(c)): v for r, c, v in zip(W.row, W.col, p, strict=True)}
    edges = list(G.edges(data=True))
    pos = {v: i for i, v in enumerate(nodes)}
    pvals = np.array([index.get((pos[u], pos[v]), np.nan) for u, v, _ in edges])
    adj = _adjust(pvals, mtc)
    H = G.__class__()
    H.graph.update(G.graph)
    H.graph.update(model="disparity", alpha=alpha, mtc=mtc)
    H.add_nodes_from(G.nodes(data=True))
    with np.errstate(invalid="ignore"):
        keep = adj < alpha
    for (u, v, data), pv, pa, k in zip(edges, pvals, adj, keep, strict=True):
        if k:
            extra = {"weight": data.get(weight, 1), "sign": 1, "p_value": float(pv)}
            H.add_edge(u, v, **{**data, **extra, "p_adjusted": float(pa)})
    return H


# --------------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------------


def backbone_table(G: nx.Graph) -> pd.DataFrame:
    """Return a backbone graph's edges as a tidy table, most significant first.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`sdsm_backbone`, :func:`fdsm_backbone` or :func:`disparity_filter`.

    Returns
    -------
    pandas.DataFrame
        Columns ``source, target, weight, sign, p_value, p_adjusted`` (``p_adjusted``: after
        the graph's correction ``mtc``, equal to ``p_value`` under ``"none"``), one row per
        edge, sorted by ``p_value`` (ties in edge order). ``df.attrs`` holds ``G.graph``
        (model, alpha, mtc, method, ...).

    Examples
    --------
    >>> import numpy as np
    >>> B = np.kron(np.eye(2, dtype=int), np.ones((4, 12), dtype=int))
    >>> backbone_table(sdsm_backbone(B)).columns.tolist()
    ['source', 'target', 'weight', 'sign', 'p_value', 'p_adjusted']
    """
    rows = [
        (
            u,
            v,
            d.get("weight"),
            d.get("sign", 1),
            d.get("p_value", np.nan),
            d.get("p_adjusted", d.get("p_value", np.nan)),
        )
        for u, v, d in G.edges(data=True)
    ]
    columns = ["source", "target", "weight", "sign", "p_value", "p_adjusted"]
    df = pd.DataFrame(rows, columns=columns)
    df = df.sort_values("p_value", kind="stable").reset_index(drop=True)
    df.attrs.update(G.graph)
    return df
