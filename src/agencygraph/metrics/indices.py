"""Network indices of each plan: density, lead concentration, components, overlap, NODF,
Louvain modularity (:func:`network_indices`, :data:`NETWORK_INDICES`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from agencygraph import settings, units
from agencygraph._tables import require, text
from agencygraph.graph import (
    ROLES,
    select_assignments,
)
from agencygraph.metrics._louvain import best_louvain, best_louvain_stack
from agencygraph.metrics._roles import role_matrices

# --------------------------------------------------------------------------- network indices

#: Indices of :func:`network_indices` tested by :func:`network_indices_with_null`, in report order.
NETWORK_INDICES: tuple[str, ...] = (
    "density",
    "mean_agency_degree",
    "mean_units_per_measure",
    "lead_top_share",
    "lead_hhi",
    "lead_gini",
    "party_lead_share",
    "union_lead_share",
    "multi_lead_share",
    "n_components",
    "mean_shared",
    "mean_jaccard",
    "projection_density",
    "nodf",
    "modularity",
    "n_communities",
)

#: Indices that the curveball null leaves unchanged (their ``null_sd`` is 0 and ``z`` NaN).
NULL_INVARIANT: tuple[str, ...] = (
    "density",
    "mean_agency_degree",
    "mean_units_per_measure",
    "multi_lead_share",
    "mean_shared",
)

_INTEGER_INDICES = ("n_components", "n_communities")
_MODULARITY_PROJECTIONS = ("newman", "count")


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """Elementwise num / den as float, NaN where den is 0."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    shape = np.broadcast_shapes(num.shape, den.shape)
    return np.divide(num, den, out=np.full(shape, np.nan), where=den > 0)


def _nodf_sum(C: np.ndarray, degree: np.ndarray) -> tuple[np.ndarray, int]:
    """Sum over pairs i < j of N_paired for a stack of overlap matrices, and the pair count."""
    k = degree.shape[1]
    i, j = np.triu_indices(k, k=1)
    if not len(i):
        return np.zeros(degree.shape[0]), 0
    di, dj = degree[:, i], degree[:, j]
    low = np.minimum(di, dj)
    counted = (di != dj) & (low > 0)
    paired = np.where(counted, 100.0 * C[:, i, j] / np.where(counted, low, 1), 0.0)
    return paired.sum(axis=1), len(i)


def _nodf_stack(nz: np.ndarray) -> np.ndarray:
    f = nz.astype(np.float64)
    rows, n_rows = _nodf_sum(f @ f.transpose(0, 2, 1), nz.sum(axis=2))
    cols, n_cols = _nodf_sum(f.transpose(0, 2, 1) @ f, nz.sum(axis=1))
    return _ratio(rows + cols, np.full(len(nz), n_rows + n_cols))


def nodf(B: np.ndarray | sp.spmatrix | sp.sparray | pd.DataFrame) -> float:
    r"""Nestedness NODF of a binary matrix (Almeida-Neto et al. 2008), from 0 to 100.

    For every pair of rows *i*, *j* with degrees :math:`d_i > d_j`, the
    *paired nestedness* is the percentage of *j*'s ones that *i* also has,

    .. math:: N^{paired}_{ij} = 100\,|N(i) \cap N(j)| / d_j,

    and :math:`N^{paired}_{ij} = 0` when :math:`d_i = d_j` (decreasing fill is
    required) or the smaller degree is 0. Columns are paired the same way, and

    .. math::
        \mathrm{NODF} = \frac{\sum_{\text{row pairs}} N^{paired}
        + \sum_{\text{column pairs}} N^{paired}}{n(n-1)/2 + m(m-1)/2}

    for an :math:`n \times m` matrix. This is the paper's definition with rows
    and columns ordered by decreasing marginal totals (vegan's
    ``nestednodf(order = TRUE)``): the value does not depend on the order of
    the input, since pairs of equal degree score 0 in either order. All pairs
    count in the denominator, including those with an empty row or column.
    Any non-zero entry counts as 1.

    Parameters
    ----------
    B : array-like, shape (n, m)
        Incidence matrix, e.g. agencies × measures.

    Returns
    -------
    float
        NODF in [0, 100]; NaN when the matrix has fewer than two rows and
        fewer than two columns (no pairs).

    References
    ----------
    M. Almeida-Neto, P. Guimarães, P. R. Guimarães Jr, R. D. Loyola and
    W. Ulrich, "A consistent metric for nestedness analysis in ecological
    systems: reconciling concept and measurement", Oikos 117 (2008)
    1227–1239.

    Examples
    --------
    >>> import numpy as np
    >>> nodf(np.tril(np.ones((4, 4))))  # perfectly nested
    100.0
    >>> nodf(np.array([[1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1]]))  # checkerboard
    0.0
    """
    if isinstance(B, pd.DataFrame):
        B = B.to_numpy()
    if sp.issparse(B):
        B = B.toarray()
    nz = np.asarray(B) != 0
    if nz.ndim != 2:
        raise ValueError(f"nodf needs a 2-d matrix, got shape {nz.shape}")
    return float(_nodf_stack(nz[None])[0])


def _gini_rows(x: np.ndarray) -> np.ndarray:
    """Gini coefficient of each row of a stack of non-negative counts (S, k)."""
    k = x.shape[1]
    total = x.sum(axis=1)
    ranks = np.arange(1, k + 1, dtype=float)
    weighted = (np.sort(x, axis=1) * ranks).sum(axis=1)
    return _ratio(2.0 * weighted, k * total) - (k + 1) / k if k else np.full(len(x), np.nan)


def _components_stack(nz: np.ndarray) -> np.ndarray:
    """Connected components of each two-mode graph of a stack, in one sparse call."""
    S, k, m = nz.shape
    n = k + m
    if n == 0:
        return np.zeros(S, dtype=np.int64)
    s, r, c = np.nonzero(nz)
    A = sp.coo_matrix(
        (np.ones(len(s), dtype=np.int8), (s * n + r, s * n + k + c)), shape=(S * n, S * n)
    )
    _, labels = connected_components(A, directed=False)
    labels = np.sort(labels.reshape(S, n), axis=1)
    return 1 + (np.diff(labels, axis=1) != 0).sum(axis=1)


def _projection_weights(nz: np.ndarray, projection: str) -> np.ndarray:
    """Dense weighted agency projection (zero diagonal) of one 0/1 matrix."""
    f = nz.astype(np.float64)
    if projection == "newman":
        size = f.sum(axis=0)
        f = f * np.sqrt(np.divide(1.0, size - 1, out=np.zeros_like(size), where=size > 1))
    W = f @ f.T
    np.fill_diagonal(W, 0.0)
    return W


def _projection_weights_stack(nz: np.ndarray, projection: str) -> np.ndarray:
    """:func:`_projection_weights` of each 0/1 matrix of a stack (S, k, m), bit for bit.

    The product of each matrix with its own transpose goes through the same BLAS call as
    in :func:`_projection_weights` (numpy's matmul treats each slice of the stack as one
    2-d product), so the weights, and the Louvain partitions found on them, are the same.
    """
    f = nz.astype(np.float64)
    if projection == "newman":
        size = f.sum(axis=1)
        scale = np.divide(1.0, size - 1, out=np.zeros_like(size), where=size > 1)
        f = f * np.sqrt(scale)[:, None, :]
    W = f @ f.transpose(0, 2, 1)
    k = W.shape[1]
    W[:, np.arange(k), np.arange(k)] = 0.0
    return W


def _louvain_stack(nz: np.ndarray, seeds, projection: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_louvain` of each matrix of a stack (S, k, m): modularity and communities.

    One compiled call for the whole stack (the null runs Louvain on every draw); the seeds
    of each draw's runs are :func:`_louvain_seeds` of its seed, so the values are those of
    calling :func:`_louvain` draw by draw.
    """
    S, k = nz.shape[0], nz.shape[1]
    if S == 0 or k == 0:
        return np.full(S, np.nan), np.zeros(S, dtype=np.int64)
    offsets = 104_729 * np.arange(max(1, settings.MODULARITY_SEEDS), dtype=np.int64)
    first = np.array([int(s) % 2**32 for s in seeds], dtype=np.int64)  # any Python int
    runs = (first[:, None] + offsets) % 2**32
    return best_louvain_stack(_projection_weights_stack(nz, projection), runs)


def _louvain_seeds(seed: int, n_seeds: int | None = None) -> list[int]:
    """The seeds of the best-of-several Louvain runs derived from one seed."""
    n_seeds = settings.MODULARITY_SEEDS if n_seeds is None else int(n_seeds)
    return [(int(seed) + 104_729 * t) % 2**32 for t in range(max(1, n_seeds))]


def _louvain_best(W: np.ndarray, seed: int) -> tuple[np.ndarray, float, float]:
    """Best Louvain partition of W over the seeds of :func:`_louvain_seeds`.

    Returns the partition of highest modularity (the first such seed), that modularity
    and the lowest over the seeds (NaN both when W has no edge).
    """
    return best_louvain(W, _louvain_seeds(seed))


def _louvain_partition(W: np.ndarray, seed: int) -> list[set[int]]:
    """The best seeded Louvain partition of the weighted projection W (node numbers)."""
    member, _, _ = _louvain_best(W, seed)
    return [set(np.flatnonzero(member == c).tolist()) for c in range(int(member.max()) + 1)]


def _louvain(W: np.ndarray, seed: int) -> tuple[float, int]:
    """Modularity and number of communities of the best Louvain partition of W."""
    member, q, _ = _louvain_best(W, seed)
    return q, int(member.max()) + 1 if len(member) else 0


def communities(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    projection: str = "newman",
    seed: int | None = None,
    responsible: str | None = None,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> pd.DataFrame:
    """Communities of each document's agency projection: the partition behind ``modularity``.

    The same Louvain partition (Blondel et al. 2008; the best of
    :data:`agencygraph.settings.MODULARITY_SEEDS` seeded runs, see
    :func:`network_indices`) of the same weighted agency projection that
    :func:`network_indices` reports the modularity of.

    Parameters
    ----------
    assignments : DataFrame
    docs, roles, inherited
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.
    projection : {"newman", "count"}
        Weights of the agency projection.
    seed : int, optional
        Default :data:`agencygraph.settings.SEED`.
    unit, collectives, measures
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

    Returns
    -------
    DataFrame
        ``doc_id, agency_id, community`` (communities numbered from 0, largest first,
        ties by their first agency), sorted by ``doc_id, community, agency_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:a", "d:b", "d:c", "d:e"], "agency_type": ["a", "b", "c", "e"],
    ...     "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> communities(a).community.tolist()
    [0, 0, 1, 1]
    """
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="communities",
    )
    _check_projection(projection)
    seed = settings.SEED if seed is None else int(seed)
    records = []
    mats = role_matrices(
        assignments, docs=docs, roles=roles, inherited=inherited, responsible=responsible
    )
    for doc, (R, rows, _cols) in sorted(mats.items()):
        parts = _louvain_partition(_projection_weights(R != 0, projection), seed)
        ordered = sorted(
            (sorted(rows[i] for i in part) for part in parts), key=lambda p: (-len(p), p[0])
        )
        for number, members in enumerate(ordered):
            records.extend({"doc_id": doc, "agency_id": a, "community": number} for a in members)
    frame = pd.DataFrame(records, columns=["doc_id", "agency_id", "community"])
    return frame.sort_values(["doc_id", "community", "agency_id"], kind="stable").reset_index(
        drop=True
    )


def _index_stack(
    stack: np.ndarray,
    *,
    party: np.ndarray | None,
    union: np.ndarray,
    projection: str,
    seeds: Sequence[int],
    louvain: int | None = None,
) -> dict[str, np.ndarray]:
    """Every index of :data:`NETWORK_INDICES` for a stack of role matrices (S, k, m).

    ``louvain``: run Louvain (``modularity``, ``n_communities``) on the first
    ``louvain`` matrices only (default all); the others get NaN there.
    """
    S, k, m = stack.shape
    nz = stack != 0
    lead = stack == 2
    edges = nz.sum(axis=(1, 2))
    out: dict[str, np.ndarray] = {
        "density": _ratio(edges, k * m),
        "mean_agency_degree": _ratio(edges, k),
        "mean_units_per_measure": _ratio(edges, m),
    }
    leads = lead.sum(axis=2).astype(float)  # (S, k): measures each agency leads
    total = leads.sum(axis=1)
    out["lead_top_share"] = _ratio(leads.max(axis=1) if k else np.zeros(S), total)
    out["lead_hhi"] = np.where(total > 0, (_ratio(leads, total[:, None]) ** 2).sum(axis=1), np.nan)
    out["lead_gini"] = np.where(total > 0, _gini_rows(leads), np.nan)
    per_measure = lead.sum(axis=1)  # (S, m): leads of each measure
    led = (per_measure > 0).sum(axis=1)
    if party is None:
        out["party_lead_share"] = np.full(S, np.nan)
    else:
        out["party_lead_share"] = _ratio((lead & party[None, :, None]).any(axis=1).sum(axis=1), led)
    out["union_lead_share"] = _ratio((lead & union[None, :, None]).any(axis=1).sum(axis=1), led)
    out["multi_lead_share"] = _ratio((per_measure >= 2).sum(axis=1), led)
    out["n_components"] = _components_stack(nz)

    f = nz.astype(np.float64)
    C = f @ f.transpose(0, 2, 1)
    degree = nz.sum(axis=2)
    i, j = np.triu_indices(k, k=1)
    shared = C[:, i, j]
    union_size = degree[:, i] + degree[:, j] - shared
    jaccard = np.divide(shared, union_size, out=np.zeros_like(shared), where=union_size > 0)
    no_pairs = np.full(S, np.nan)
    out["mean_shared"] = shared.mean(axis=1) if len(i) else no_pairs
    out["mean_jaccard"] = jaccard.mean(axis=1) if len(i) else no_pairs
    out["projection_density"] = (shared > 0).mean(axis=1) if len(i) else no_pairs
    out["nodf"] = _nodf_stack(nz)

    n_louvain = S if louvain is None else max(0, min(S, int(louvain)))
    q, c = _louvain_stack(nz[:n_louvain], np.asarray(seeds[:n_louvain]), projection)
    if n_louvain == S:
        out["modularity"] = q
        out["n_communities"] = c
    else:
        out["modularity"] = np.full(S, np.nan)
        out["n_communities"] = np.full(S, np.nan)
        out["modularity"][:n_louvain] = q
        out["n_communities"][:n_louvain] = c
    return out


def _agency_lookup(
    assignments: pd.DataFrame, agencies: pd.DataFrame | None
) -> tuple[dict[str, str], dict[str, str] | None]:
    """agency_id → agency_type, and agency_id → system (None when no source gives a system)."""
    ids = text(assignments["agency_id"])
    type_of = _mode_by(ids, text(assignments["agency_type"]))
    system_of: dict[str, str] | None = None
    if "system" in assignments.columns:
        system_of = _mode_by(ids, text(assignments["system"]))
    if agencies is not None:
        require(agencies, ("agency_id",), "agencies")
        table = pd.DataFrame(
            {
                c: text(agencies[c]) if c in agencies.columns else ""
                for c in ("agency_id", "agency_type", "system")
            }
        )
        table = table[table["agency_id"] != ""].drop_duplicates("agency_id")
        typed = table[table["agency_type"] != ""]
        type_of.update(zip(typed["agency_id"], typed["agency_type"], strict=True))
        if "system" in agencies.columns:
            system_of = dict(system_of or {})
            system_of.update(zip(table["agency_id"], table["system"], strict=True))
    return type_of, system_of


def _mode_by(keys: pd.Series, values: pd.Series) -> dict[str, str]:
    """Most frequent non-empty value of each non-empty key, ties by sort order (vectorised)."""
    frame = pd.DataFrame({"key": keys.to_numpy(), "value": values.to_numpy()})
    frame = frame[(frame["key"] != "") & (frame["value"] != "")]
    counts = frame.groupby(["key", "value"], sort=False).size().rename("n").reset_index()
    counts = counts.sort_values(
        ["key", "n", "value"], ascending=[True, False, True], kind="mergesort"
    ).drop_duplicates("key")
    return dict(zip(counts["key"], counts["value"], strict=True))


def _masks(
    rows: Sequence[str], type_of: Mapping[str, str], system_of: Mapping[str, str] | None
) -> tuple[np.ndarray | None, np.ndarray]:
    union = np.array([type_of.get(r, "") == "union" for r in rows], dtype=bool)
    if system_of is None:
        return None, union
    party = np.array([system_of.get(r, "") == "party" for r in rows], dtype=bool)
    return party, union


def _check_projection(projection: str) -> None:
    if projection not in _MODULARITY_PROJECTIONS:
        raise ValueError(f"projection must be one of {_MODULARITY_PROJECTIONS}, got {projection!r}")


def network_indices(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    measures: pd.DataFrame | None = None,
    agencies: pd.DataFrame | None = None,
    projection: str = "newman",
    seed: int | None = None,
    responsible: str | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> pd.DataFrame:
    r"""Network indices of each document's agency × measure graph.

    With :math:`B` the binary agency × measure matrix of a document,
    :math:`n_a` agencies, :math:`n_m` measures, :math:`E` edges (agency–measure
    assignments, a unit both leading and supporting a measure counted once),
    :math:`\ell_i` the number of measures agency *i* leads and :math:`M_L`
    the measures with at least one lead:

    - ``density`` :math:`= E / (n_a n_m)`, the connectance (two-mode density);
    - ``mean_agency_degree`` :math:`= E / n_a`;
    - ``mean_units_per_measure`` :math:`= E / n_m`;
    - ``lead_top_share`` :math:`= \max_i \ell_i / \sum_i \ell_i`;
    - ``lead_hhi`` :math:`= \sum_i (\ell_i / \sum_j \ell_j)^2` (Herfindahl);
    - ``lead_gini`` :math:`= \sum_i \sum_j |\ell_i - \ell_j| / (2 n_a^2 \bar\ell)`
      over all the document's agencies (those leading nothing too); 0 when
      every agency leads equally, at most :math:`(n_a - 1)/n_a`;
    - ``party_lead_share``: share of :math:`M_L` led by at least one agency
      of the party system (``system == "party"``, from ``agencies`` or a
      ``system`` column of ``assignments``; NaN when neither is given);
    - ``union_lead_share``: share of :math:`M_L` led by at least one trade
      union (``agency_type == "union"``);
    - ``multi_lead_share``: share of :math:`M_L` with two or more leads;
    - ``n_components``: connected components of the two-mode graph;
    - ``mean_shared``, ``mean_jaccard``: mean over all agency pairs of the
      number of shared measures / of the Jaccard overlap (0 for disjoint
      pairs);
    - ``projection_density``: share of agency pairs that share a measure;
    - ``nodf``: nestedness of :math:`B` (:func:`nodf`, Almeida-Neto et al.
      2008), 0–100;
    - ``modularity``, ``n_communities``: Newman–Girvan modularity
      :math:`Q = \frac{1}{2w}\sum_{ij}(W_{ij} - s_i s_j / 2w)\,\delta(c_i, c_j)`
      of the best of :data:`agencygraph.settings.MODULARITY_SEEDS` seeded
      Louvain runs (Blondel et al. 2008, resolution 1; the compiled
      implementation of :mod:`agencygraph.metrics._louvain`, networkx's
      gains) on the weighted agency projection :math:`W` (``projection``;
      see :func:`agencygraph.graph.project_agencies`), and the number of
      communities of that partition, isolated agencies counting as one each.
      Louvain is a heuristic whose result depends on the node order: one run
      can fall several per cent below the best partition, so the maximum
      over seeds is reported, with the spread in ``modularity_min`` (the
      worst seed), ``modularity_max`` (= ``modularity``) and
      ``modularity_seeds``. Modularity is NaN when the projection has no
      edge.

    These depend on plan size (a small plan is denser by construction); see
    :func:`network_indices_with_null` for size-fair comparisons.

    Parameters
    ----------
    assignments : DataFrame
    docs, roles, inherited
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.
    measures : DataFrame, optional
        Count every measure of the document in :math:`n_m` (isolated measure
        nodes too); default: only measures with a selected assignment.
    agencies : DataFrame, optional
        The agencies table: gives each agency its ``system`` (and
        ``agency_type``).
    projection : {"newman", "count"}
        Weighting of the agency projection for the modularity.
    seed : int, optional
        Seed of the Louvain algorithm; default :data:`agencygraph.settings.SEED`.
    unit, collectives
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

    Returns
    -------
    DataFrame
        One row per ``doc_id`` (sorted): ``doc_id, n_agencies, n_measures,
        n_edges, n_leads,`` the indices above (in the order of
        :data:`NETWORK_INDICES`), ``skipped_unresolved`` (selected rows
        without an ``agency_id``), then ``modularity_min, modularity_max,
        modularity_seeds`` (the spread of Louvain over its seeds).

    References
    ----------
    V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast
    unfolding of communities in large networks", J. Stat. Mech. (2008) P10008.
    M. E. J. Newman, "Modularity and community structure in networks", PNAS
    103 (2006) 8577–8582.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1", "d-1", "d-2"],
    ...     "role": ["lead", "support", "lead"], "agency_id": ["d:a", "d:b", "d:a"],
    ...     "agency_type": ["a", "union", "a"], "inherited": [False] * 3, "line": [1, 1, 2]})
    >>> t = network_indices(a)
    >>> t.loc[0, ["density", "lead_top_share", "lead_hhi", "lead_gini", "nodf"]].tolist()
    [0.75, 1.0, 1.0, 0.5, 100.0]
    """
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="network_indices",
    )
    _check_projection(projection)
    seed = settings.SEED if seed is None else int(seed)
    _, skipped = select_assignments(
        assignments,
        docs=docs,
        roles=roles,
        inherited=inherited,
        node="agency_id",
        responsible=responsible,
    )
    mats = role_matrices(
        assignments,
        docs=docs,
        roles=roles,
        inherited=inherited,
        measures=measures,
        responsible=responsible,
    )
    type_of, system_of = _agency_lookup(assignments, agencies)
    return _indices_table(mats, skipped, type_of, system_of, projection=projection, seed=seed)


def _indices_table(
    mats: Mapping[str, tuple[np.ndarray, list, list]],
    skipped: pd.Series,
    type_of: Mapping[str, str],
    system_of: Mapping[str, str] | None,
    *,
    projection: str,
    seed: int,
) -> pd.DataFrame:
    """The table of :func:`network_indices` from role matrices and agency lookups."""
    empty = (np.zeros((0, 0), dtype=np.int8), [], [])
    records = []
    for doc in sorted(set(mats) | set(skipped.index)):
        R, rows, cols = mats.get(doc, empty)
        party, union = _masks(rows, type_of, system_of)
        # Louvain once, below: its best run gives the modularity, its worst run the spread.
        values = _index_stack(
            R[None], party=party, union=union, projection=projection, seeds=[seed], louvain=0
        )
        best = worst = float("nan")
        n_communities = 0
        if R.shape[0]:
            member, best, worst = _louvain_best(_projection_weights(R != 0, projection), seed)
            n_communities = int(member.max()) + 1
        values["modularity"], values["n_communities"] = [best], [n_communities]
        rec = {
            "doc_id": doc,
            "n_agencies": len(rows),
            "n_measures": len(cols),
            "n_edges": int((R != 0).sum()),
            "n_leads": int((R == 2).sum()),
        }
        for name in NETWORK_INDICES:
            value = values[name][0]
            rec[name] = int(value) if name in _INTEGER_INDICES else float(value)
        rec["skipped_unresolved"] = int(skipped.get(doc, 0))
        rec["modularity_min"] = worst
        rec["modularity_max"] = rec["modularity"]
        rec["modularity_seeds"] = len(_louvain_seeds(seed))
        records.append(rec)
    columns = [
        "doc_id",
        "n_agencies",
        "n_measures",
        "n_edges",
        "n_leads",
        *NETWORK_INDICES,
        "skipped_unresolved",
        "modularity_min",
        "modularity_max",
        "modularity_seeds",
    ]
    return pd.DataFrame.from_records(records, columns=columns)
