"""p_adjust equals R's p.adjust on published outputs.

Reference values: statsmodels' tests (statsmodels/stats/tests/test_multi.py, by Josef
Perktold), which record outputs of R:

* ``R_MULTTEST``: R package multtest, ``mt.rawp2adjp(rawp, c("Bonferroni", "Holm",
  "Hochberg", "BH", "BY"))`` on ten p-values (statsmodels' ``res_multtest1``); multtest's
  Bonferroni, Holm, Hochberg, BH and BY are those of ``stats::p.adjust``;
* ``R_HOMMEL``: ``stats::p.adjust(p, method = "hommel")`` on forty p-values (statsmodels'
  ``test_hommel``).

The expected numbers are typed from there; nothing here is computed by the code under test.
"""

from __future__ import annotations

import numpy as np
import pytest

from agencygraph.multitest import MTC_METHODS, p_adjust

# rows sorted by raw p: rawp, Bonferroni, Holm, Hochberg, BH, BY
R_MULTTEST = np.array(
    [
        [5.2365677720800003e-05, 5.2365677720800005e-04, 5.2365677720800005e-04,
         5.2365677720800005e-04, 5.2365677720800005e-04, 1.5337740764175588e-03],
        [2.8140506198000000e-04, 2.8140506197999998e-03, 2.5326455578199999e-03,
         2.5326455578199999e-03, 1.4070253098999999e-03, 4.1211324652269442e-03],
        [1.4987731079600001e-02, 1.4987731079600000e-01, 1.1990184863680001e-01,
         1.1990184863680001e-01, 4.9959103598666670e-02, 1.4632862843720582e-01],
        [2.0273268879800001e-02, 2.0273268879799999e-01, 1.4191288215860001e-01,
         1.4191288215860001e-01, 5.0683172199499998e-02, 1.4844940238274187e-01],
        [1.7709695272300000e-01, 1.0, 1.0, 9.6783382430900000e-01,
         3.5419390544599999e-01, 1.0],
        [6.4219392379499995e-01, 1.0, 1.0, 9.6783382430900000e-01,
         8.9533672797500008e-01, 1.0],
        [6.8084594763299999e-01, 1.0, 1.0, 9.6783382430900000e-01,
         8.9533672797500008e-01, 1.0],
        [7.1626938238000004e-01, 1.0, 1.0, 9.6783382430900000e-01,
         8.9533672797500008e-01, 1.0],
        [8.3854136755300002e-01, 1.0, 1.0, 9.6783382430900000e-01,
         9.3171263061444454e-01, 1.0],
        [9.6783382430900000e-01, 1.0, 1.0, 9.6783382430900000e-01,
         9.6783382430900000e-01, 1.0],
    ]
)  # fmt: skip
COLUMNS = {"bonferroni": 1, "holm": 2, "hochberg": 3, "BH": 4, "BY": 5}

HOMMEL_P = np.array([
    0.00116, 0.00924, 0.01075, 0.01437, 0.01784, 0.01918, 0.02751, 0.02871, 0.03054, 0.03246,
    0.04259, 0.06879, 0.0691, 0.08081, 0.08593, 0.08993, 0.09386, 0.09412, 0.09718, 0.09758,
    0.09781, 0.09788, 0.13282, 0.20191, 0.21757, 0.24031, 0.26061, 0.26762, 0.29474, 0.32901,
    0.41386, 0.51479, 0.52461, 0.53389, 0.56276, 0.62967, 0.72178, 0.73403, 0.87182, 0.95384,
])  # fmt: skip
R_HOMMEL = np.array([
    0.0464, 0.25872, 0.29025, 0.3495714285714286, 0.41032, 0.44114, 0.57771, 0.60291, 0.618954,
    0.6492, 0.7402725000000001, 0.86749, 0.86749, 0.8889100000000001, 0.8971477777777778,
    0.8993, *[0.9175374999999999] * 6, 0.95384, *[0.9538400000000001] * 17,
])  # fmt: skip


@pytest.mark.parametrize("method", sorted(COLUMNS))
def test_p_adjust_equals_r_multtest(method):
    raw = R_MULTTEST[:, 0]
    np.testing.assert_allclose(p_adjust(raw, method), R_MULTTEST[:, COLUMNS[method]], rtol=1e-14)


@pytest.mark.parametrize("method", sorted(COLUMNS))
def test_p_adjust_does_not_depend_on_order(method):
    rng = np.random.default_rng(3)
    order = rng.permutation(len(R_MULTTEST))
    got = p_adjust(R_MULTTEST[order, 0], method)
    np.testing.assert_allclose(got, R_MULTTEST[order, COLUMNS[method]], rtol=1e-14)


def test_p_adjust_hommel_equals_r():
    np.testing.assert_allclose(p_adjust(HOMMEL_P, "hommel"), R_HOMMEL, rtol=1e-14)


def test_fdr_is_bh_and_none_is_identity():
    raw = R_MULTTEST[:, 0]
    np.testing.assert_array_equal(p_adjust(raw, "fdr"), p_adjust(raw, "BH"))
    np.testing.assert_array_equal(p_adjust(raw, "none"), raw)


def test_nan_is_kept_and_not_counted():
    # R: p.adjust(c(0.01, NA, 0.04), "bonferroni") is c(0.02, NA, 0.08)
    got = p_adjust([0.01, np.nan, 0.04], "bonferroni")
    np.testing.assert_allclose(got, [0.02, np.nan, 0.08])
    # the same family with two NaN placed elsewhere gives the same adjusted values
    raw = R_MULTTEST[:, 0]
    padded = np.concatenate([[np.nan], raw, [np.nan]])
    for method in MTC_METHODS:
        np.testing.assert_allclose(p_adjust(padded, method)[1:-1], p_adjust(raw, method))


def test_larger_n_counts_tests_not_given():
    # R: p.adjust(c(0.01, 0.02), "bonferroni", n = 5) is c(0.05, 0.10)
    np.testing.assert_allclose(p_adjust([0.01, 0.02], "bonferroni", n=5), [0.05, 0.10])
    with pytest.raises(ValueError, match="at least"):
        p_adjust([0.01, 0.02], "holm", n=1)


def test_bad_method_and_values_are_refused():
    with pytest.raises(ValueError, match="mtc must be one of"):
        p_adjust([0.1], "fwer")
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        p_adjust([1.2, 0.1], "holm")


def test_shape_is_kept():
    p = np.array([[0.01, 0.2], [0.03, np.nan]])
    got = p_adjust(p, "BH")
    assert got.shape == (2, 2)
    np.testing.assert_allclose(got.ravel()[:3], p_adjust([0.01, 0.2, 0.03], "BH"))
