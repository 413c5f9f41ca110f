"""Adjusting p-values for multiple testing, as R's ``p.adjust()``.

One function, :func:`p_adjust`, with R's method names and R's conventions: NaN (R's ``NA``)
entries are kept and not counted as tests, the number of tests ``n`` defaults to the number of
non-NaN p-values, and adjusted values are capped at 1. The backbone and comparison tables of
agencygraph carry a ``p_adjusted`` column computed with it (see ``docs/methods.md``, section 8).

Methods
-------
Family-wise error rate (the probability of any false rejection):

* ``"bonferroni"`` — :math:`\\tilde p_i = \\min(1, n p_i)`;
* ``"holm"`` — Holm (1979), step-down: with :math:`p_{(1)} \\le \\dots \\le p_{(m)}`,
  :math:`\\tilde p_{(i)} = \\min(1, \\max_{j \\le i} (n - j + 1) p_{(j)})`; valid under any
  dependence and never less powerful than Bonferroni;
* ``"hochberg"`` — Hochberg (1988), step-up:
  :math:`\\tilde p_{(i)} = \\min(1, \\min_{j \\ge i} (n - j + 1) p_{(j)})`; valid for
  independent or positively dependent tests;
* ``"hommel"`` — Hommel (1988), closed Simes tests; valid under the same conditions as
  Hochberg's and never less powerful.

False discovery rate (the expected share of false rejections among the rejections):

* ``"BH"`` (alias ``"fdr"``) — Benjamini & Hochberg (1995), step-up:
  :math:`\\tilde p_{(i)} = \\min(1, \\min_{j \\ge i} \\tfrac{n}{j} p_{(j)})`; valid for
  independent or positively regression dependent (PRDS) tests;
* ``"BY"`` — Benjamini & Yekutieli (2001): BH multiplied by :math:`\\sum_{k=1}^n 1/k`; valid
  under any dependence.

``"none"`` returns the p-values unchanged.

References
----------
.. [1] Holm, S. (1979). A simple sequentially rejective multiple test procedure.
   *Scandinavian Journal of Statistics, 6*, 65-70.
.. [2] Hochberg, Y. (1988). A sharper Bonferroni procedure for multiple tests of significance.
   *Biometrika, 75*, 800-802. https://doi.org/10.1093/biomet/75.4.800
.. [3] Hommel, G. (1988). A stagewise rejective multiple test procedure based on a modified
   Bonferroni test. *Biometrika, 75*, 383-386. https://doi.org/10.1093/biomet/75.2.383
.. [4] Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: A practical
   and powerful approach to multiple testing. *Journal of the Royal Statistical Society B, 57*,
   289-300. https://doi.org/10.1111/j.2517-6161.1995.tb02031.x
.. [5] Benjamini, Y., & Yekutieli, D. (2001). The control of the false discovery rate in
   multiple testing under dependency. *Annals of Statistics, 29*, 1165-1188.
   https://doi.org/10.1214/aos/1013699998
.. [6] R Core Team. ``p.adjust`` (package stats), *R: A language and environment for
   statistical computing*.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

__all__ = ["MTC", "MTC_METHODS", "check_mtc", "p_adjust"]

#: The method names :func:`p_adjust` accepts, as R's ``p.adjust.methods`` (``"fdr"`` is BH).
MTC_METHODS: tuple[str, ...] = (
    "holm",
    "hochberg",
    "hommel",
    "bonferroni",
    "BH",
    "BY",
    "fdr",
    "none",
)

MTC = Literal["holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "fdr", "none"]


def check_mtc(method: str) -> str:
    """Return ``method`` if it is one of :data:`MTC_METHODS`, else raise ValueError.

    Examples
    --------
    >>> check_mtc("BH")
    'BH'
    """
    if method not in MTC_METHODS:
        raise ValueError(f"mtc must be one of {', '.join(MTC_METHODS)}; got {method!r}")
    return method


def _hommel(p: np.ndarray, n: int) -> np.ndarray:
    """Hommel's adjustment of the sorted-back p-values ``p`` (no NaN), as R computes it."""
    lp = p.size
    if n > lp:
        p = np.concatenate([p, np.ones(n - lp)])
    i = np.arange(1, n + 1)
    order = np.argsort(p, kind="stable")
    ranks = np.argsort(order, kind="stable")
    ps = p[order]
    q = np.full(n, np.min(n * ps / i))
    pa = q.copy()
    for m in range(n - 1, 1, -1):
        i1 = np.arange(n - m + 1)  # R's seq_len(n - m + 1), 0-based
        i2 = np.arange(n - m + 1, n)  # R's (n - m + 2):n, 0-based
        q1 = np.min(m * ps[i2] / np.arange(2, m + 1))
        q[i1] = np.minimum(m * ps[i1], q1)
        q[i2] = q[n - m]
        pa = np.maximum(pa, q)
    return np.maximum(pa, ps)[ranks][:lp]


def p_adjust(
    p: Sequence[float] | np.ndarray, method: MTC = "holm", *, n: int | None = None
) -> np.ndarray:
    """Return p-values adjusted for multiple comparisons, equal to R's ``p.adjust(p, method, n)``.

    Parameters
    ----------
    p : array_like
        P-values, any shape (adjusted together, as one family); NaN entries stay NaN and are not
        counted.
    method : {"holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "fdr", "none"}
        As R's ``p.adjust`` (default ``"holm"``, R's default); ``"fdr"`` is ``"BH"``.
    n : int, optional
        Number of tests, at least the number of non-NaN p-values (default: that number). A larger
        ``n`` accounts for tests whose p-values are not given.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values, float, the shape of ``p``.

    Raises
    ------
    ValueError
        For an unknown method, p-values outside [0, 1], or ``n`` below the number of p-values.

    Examples
    --------
    >>> p_adjust([0.01, 0.02, 0.03, 0.04, 0.05], "BH")
    array([0.05, 0.05, 0.05, 0.05, 0.05])
    >>> p_adjust([0.01, 0.02, 0.03, 0.04, 0.05], "holm")
    array([0.05, 0.08, 0.09, 0.09, 0.09])
    >>> p_adjust([0.01, float("nan"), 0.04], "bonferroni")
    array([0.02,  nan, 0.08])
    """
    check_mtc(method)
    arr = np.array(p, dtype=float)
    shape = arr.shape
    flat = arr.ravel()
    ok = ~np.isnan(flat)
    v = flat[ok]
    if np.any((v < 0) | (v > 1)):
        raise ValueError("p-values must lie in [0, 1]")
    lp = v.size
    n = lp if n is None else int(n)
    if n < lp:
        raise ValueError(f"n ({n}) must be at least the number of p-values ({lp})")
    if n <= 1 or method == "none" or lp == 0:
        return flat.reshape(shape)
    if method == "hommel" and n == 2:
        method = "hochberg"  # as R does
    if method == "bonferroni":
        adj = np.minimum(1.0, n * v)
    elif method == "holm":
        order = np.argsort(v, kind="stable")
        i = np.arange(1, lp + 1)
        adj = np.empty(lp)
        adj[order] = np.minimum(1.0, np.maximum.accumulate((n + 1 - i) * v[order]))
    elif method in ("hochberg", "BH", "fdr", "BY"):
        order = np.argsort(-v, kind="stable")  # decreasing, as R's order(p, decreasing = TRUE)
        i = np.arange(lp, 0, -1)
        if method == "hochberg":
            factor = n + 1 - i
        else:
            factor = n / i
            if method == "BY":
                factor = factor * np.sum(1.0 / np.arange(1, n + 1))
        adj = np.empty(lp)
        adj[order] = np.minimum(1.0, np.minimum.accumulate(factor * v[order]))
    else:  # hommel
        adj = _hommel(v, n)
    out = flat.copy()
    out[ok] = adj
    return out.reshape(shape)
