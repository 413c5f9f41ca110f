"""Centrality, brokerage, overlap, network indices and null models.

A subpackage of four modules — :mod:`~agencygraph.metrics.centrality`,
:mod:`~agencygraph.metrics.brokerage` (with overlap), :mod:`~agencygraph.metrics.indices`
and :mod:`~agencygraph.metrics.nulls` — and the shared role matrices
(:mod:`~agencygraph.metrics._roles`). Every public name is importable from
``agencygraph.metrics`` as before.

Every function returns a tidy :class:`pandas.DataFrame` with documented
columns, rows in a sorted order, so that the same input gives an identical
table. Randomised procedures take a ``seed`` (default
:data:`agencygraph.settings.SEED`); nothing depends on dict or set order.

Role matrices
-------------
The null models work on one document at a time with a dense *role matrix*
``R`` (agencies × measures): 0 = not assigned, 1 = support, 2 = lead. The
built-in statistics (:data:`STATISTICS`) and any user statistic passed to
:func:`null_model_zscores` are functions of such a matrix.
"""

from agencygraph.metrics._roles import (
    _doc_positions,
    _role_matrices_of,
    _split_docs,
    role_matrices,
)
from agencygraph.metrics.brokerage import (
    BROKERAGE_ROLES,
    SNA_NAMES,
    _by_system,
    _overlap_of_documents,
    brokerage_by_system,
    brokerage_moments,
    brokerage_roles,
    brokerage_table,
    overlap,
)
from agencygraph.metrics.centrality import (
    _centrality_of_documents,
    agency_centrality,
    two_mode_centrality,
)
from agencygraph.metrics.indices import (
    NETWORK_INDICES,
    NULL_INVARIANT,
    _agency_lookup,
    _index_stack,
    _indices_table,
    _masks,
    _mode_by,
    communities,
    network_indices,
    nodf,
)
from agencygraph.metrics.nulls import (
    LEAD_INDICES,
    LEAD_NULLS,
    NULL_BURN_IN,
    NULL_CHAINS,
    NULL_LEAD_BURN_IN,
    NULL_LEAD_THIN,
    NULL_METHODS,
    NULL_REDUCED_CHAINS,
    NULL_REDUCED_THIN,
    NULL_THIN,
    STATISTICS,
    _doc_rng,
    _null_plan,
    _null_table,
    _summarise,
    effective_sample_size,
    network_indices_with_null,
    null_model_zscores,
    null_samples,
    role_permutation_moments,
)

# The private names imported above are helpers of the other stages (compare) and the
# benchmarks, kept importable from here (pyproject: F401 is off for this file).
__all__ = [
    "BROKERAGE_ROLES",
    "LEAD_INDICES",
    "LEAD_NULLS",
    "NETWORK_INDICES",
    "NULL_INVARIANT",
    "SNA_NAMES",
    "STATISTICS",
    "agency_centrality",
    "brokerage_by_system",
    "brokerage_moments",
    "brokerage_roles",
    "brokerage_table",
    "communities",
    "effective_sample_size",
    "network_indices",
    "network_indices_with_null",
    "nodf",
    "null_model_zscores",
    "null_samples",
    "overlap",
    "role_matrices",
    "role_permutation_moments",
    "two_mode_centrality",
]
