"""Brokerage (Gould and Fernandez) on the lead → support network, and agency overlap.

Relations between pairs of agencies: who brokers between which systems, and how many
measures two agencies share (Jaccard and overlap coefficient).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from agencygraph import units
from agencygraph._tables import require, text
from agencygraph.graph import (
    ROLES,
    incidence_matrix,
    select_assignments,
)

BROKERAGE_ROLES: tuple[str, ...] = (
    "coordinator",
    "gatekeeper",
    "representative",
    "consultant",
    "liaison",
)

#: statnet ``sna::brokerage`` column of each role (its columns are in the order
#: ``w_I, w_O, b_IO, b_OI, b_O``, not the order of :data:`BROKERAGE_ROLES`).
SNA_NAMES: dict[str, str] = {
    "coordinator": "w_I",
    "gatekeeper": "b_OI",
    "representative": "b_IO",
    "consultant": "w_O",
    "liaison": "b_O",
    "total": "t",
}


def _moment_columns() -> list[str]:
    return [f"{r}_{s}" for r in (*BROKERAGE_ROLES, "total") for s in ("exp", "sd", "z")]


def brokerage_moments(
    sizes: Mapping[Hashable, int], density: float
) -> dict[Hashable, dict[str, tuple[float, float]]]:
    r"""Expected brokerage counts and their sd for a broker of each group (Gould & Fernandez).

    Under the null of Gould and Fernandez (1989) as statnet's
    ``sna::brokerage`` computes it, ties are independent with probability
    :math:`d` (the observed density :math:`m / (N(N-1))`) and group sizes
    :math:`n_1, \dots, n_G` are as observed (:math:`N = \sum_g n_g`). An
    ordered pair :math:`(a, c)` is brokered by *b* with probability
    :math:`q = d^2(1 - d)`, so a broker of group *i* has expected counts

    ===============  ==============================================
    role             expected count / q
    ===============  ==============================================
    coordinator      :math:`(n_i - 1)(n_i - 2)`
    consultant       :math:`\sum_{j \ne i} n_j(n_j - 1)`
    representative   :math:`(N - n_i)(n_i - 1)`
    gatekeeper       :math:`(N - n_i)(n_i - 1)`
    liaison          :math:`\sum_{j \ne i}\sum_{k \ne i, j} n_j n_k`
    total            :math:`(N - 1)(N - 2)`
    ===============  ==============================================

    and variance :math:`E(1 - q) + c\, d^3(1 - d)^3` where :math:`c` counts
    the pairs of brokered pairs that share a tie (sna's formulas: e.g.
    :math:`2(n_i-1)(n_i-2)(n_i-3)` for the coordinator).

    Parameters
    ----------
    sizes : mapping
        Group → number of nodes.
    density : float
        Tie density :math:`d` of the directed network.

    Returns
    -------
    dict
        group → role (the five roles and ``"total"``) → (expected, sd).

    Examples
    --------
    >>> m = brokerage_moments({"A": 2, "B": 2}, 6 / 12)
    >>> m["A"]["gatekeeper"]  # q = 1/8; (4 - 2)(2 - 1) = 2 pairs
    (0.25, 0.5)

    References
    ----------
    R. V. Gould and R. M. Fernandez, "Structures of mediation: A formal
    approach to brokerage in transaction networks", Sociological Methodology
    19 (1989) 89–126. C. T. Butts, ``sna``: Tools for Social Network
    Analysis, R package, function ``brokerage``.
    """
    d = float(density)
    q = d * d * (1.0 - d)
    r = d**3 * (1.0 - d) ** 3
    names = list(sizes)
    n = np.array([float(sizes[g]) for g in names])
    N = float(n.sum())

    def c2(x):
        return x * (x - 1.0) / 2.0

    out = {}
    for i, g in enumerate(names):
        ni = n[i]
        other = np.delete(n, i)
        e = {
            "coordinator": q * max(0.0, (ni - 1) * (ni - 2)),
            "consultant": q * float((other * (other - 1)).sum()),
            "representative": q * (N - ni) * (ni - 1),
            "liaison": q * float(other.sum() ** 2 - (other**2).sum()),
            "total": q * (N - 1) * (N - 2),
        }
        e["gatekeeper"] = e["representative"]
        extra = {
            "coordinator": 2 * (ni - 1) * (ni - 2) * (ni - 3),
            "consultant": 2 * float((other * (other - 1) * (other - 2)).sum()),
            "representative": 2 * ((ni - 1) * c2(N - ni) + (N - ni) * c2(ni - 1)),
            "liaison": 4 * float((other * c2(N - other - ni)).sum()),
            "total": 2 * (N - 1) * (N - 2) * (N - 3),
        }
        extra["gatekeeper"] = extra["representative"]
        out[g] = {
            role: (
                float(e[role]) + 0.0,
                float(np.sqrt(max(0.0, e[role] * (1 - q) + extra[role] * r))),
            )
            for role in (*BROKERAGE_ROLES, "total")
        }
    return out


def _add_moments(
    table: pd.DataFrame, block: np.ndarray, groups: np.ndarray, n_ties: Mapping
) -> None:
    """Add ``<role>_exp, _sd, _z`` to a per-node table, each block (document) its own
    network: density from its node and tie counts, sizes from its grouped nodes."""
    cols = {c: np.full(len(table), np.nan) for c in _moment_columns()}
    frame = pd.DataFrame({"block": block, "group": groups})
    for b, pos in frame.groupby("block", sort=True).indices.items():
        N = len(pos)
        d = n_ties.get(b, 0) / (N * (N - 1)) if N > 1 else 0.0
        g = frame["group"].to_numpy()[pos]
        known = g != ""
        sizes = pd.Series(g[known]).value_counts().to_dict()
        moments = brokerage_moments(sizes, d) if sizes else {}
        for role in (*BROKERAGE_ROLES, "total"):
            exp = np.array([moments[x][role][0] if x in moments else np.nan for x in g])
            sd = np.array([moments[x][role][1] if x in moments else np.nan for x in g])
            count = table[role].to_numpy(dtype=float)[pos]
            cols[f"{role}_exp"][pos] = exp
            cols[f"{role}_sd"][pos] = sd
            with np.errstate(divide="ignore", invalid="ignore"):
                cols[f"{role}_z"][pos] = np.where(sd > 0, (count - exp) / sd, np.nan)
    for name, values in cols.items():
        table[name] = values


# --------------------------------------------------------------------------- brokerage


def brokerage_roles(
    D: nx.DiGraph,
    groups: Mapping[Hashable, Hashable] | None = None,
    *,
    attr: str = "system",
) -> pd.DataFrame:
    r"""Gould–Fernandez brokerage counts per node of a directed network.

    A node *b* brokers the ordered pair *(a, c)* when :math:`a \to b \to c`,
    :math:`a \neq c` and there is **no** direct tie :math:`a \to c` (Gould &
    Fernandez 1989; the rule of statnet's ``sna::brokerage``). A reverse tie
    :math:`c \to a` does not matter. With :math:`g(\cdot)` the group of a
    node, each brokered pair counts once for *b* in one role:

    ================  ==============================  ===========
    role              groups                          sna name
    ================  ==============================  ===========
    coordinator       g(a) = g(b) = g(c)              w_I
    gatekeeper        g(a) ≠ g(b) = g(c)              b_OI
    representative    g(a) = g(b) ≠ g(c)              b_IO
    consultant        g(a) = g(c) ≠ g(b) (itinerant)  w_O
    liaison           all three different             b_O
    ================  ==============================  ===========

    (:data:`SNA_NAMES`; sna's ``gli.c`` classifies a path *i → j → k* with
    broker *j* as ``b_IO`` "representative" when ``cl[j] == cl[i] !=
    cl[k]`` and ``b_OI`` "gatekeeper" when ``cl[i] != cl[j] == cl[k]``. sna
    prints its columns in the order ``w_I, w_O, b_IO, b_OI, b_O``, so they
    do not line up with this table's order by position.)

    Beside each count (and ``total``), its expected value, sd and z under
    Gould and Fernandez's null as sna computes them (``exp.nli``,
    ``sd.nli``, ``z.nli``): independent ties at the network's density,
    group sizes as observed (:func:`brokerage_moments`). Nodes without a
    group, and the pairs through them, are left out of the group sizes;
    the density counts every node and tie.

    Counts are sums of sparse products over group pairs (no loop over node
    pairs): for groups :math:`g_1, g_2` and broker *b*,
    :math:`\sum_{a \in g_1, c \in g_2} A_{ab}A_{bc}(1 - A_{ac} - \delta_{ac})
    = (A^T\mathbf 1_{g_1})_b (A\mathbf 1_{g_2})_b
    - \sum_{a \in g_1} A_{ab}(A P_{g_2} A^T)_{ab}
    - [g_1 = g_2]\sum_{a \in g_1} A_{ab}A_{ba}`.
    Weights and self-loops are ignored.

    Parameters
    ----------
    D : networkx.DiGraph
        E.g. :func:`agencygraph.graph.lead_support_network`.
    groups : mapping, optional
        Group of each node; default: the node attribute ``attr``.
    attr : str
        Node attribute giving the group (default ``"system"``: party,
        government, mass_org, …).

    Returns
    -------
    DataFrame
        Indexed by ``agency`` (sorted): ``group``, the five role counts,
        ``total`` (their sum) and ``unclassified`` — brokered pairs where a
        node involved has no group (missing or empty), which are counted but
        not given a role — then ``<role>_exp, <role>_sd, <role>_z`` for the
        five roles and ``total`` (NaN for a node without a group; z NaN
        where sd is 0).

    References
    ----------
    R. V. Gould and R. M. Fernandez, "Structures of mediation: A formal
    approach to brokerage in transaction networks", Sociological Methodology
    19 (1989) 89–126.

    Examples
    --------
    >>> import networkx as nx
    >>> D = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> t = brokerage_roles(D, {"a": "party", "b": "government", "c": "government"})
    >>> t.loc["b", ["gatekeeper", "total"]].tolist()
    [1, 1]
    """
    if not D.is_directed():
        raise ValueError("brokerage_roles needs a directed graph (lead → support)")
    nodes = sorted(D.nodes(), key=lambda v: (type(v).__name__, v))
    k = len(nodes)
    label = [(groups.get(v) if groups is not None else D.nodes[v].get(attr)) for v in nodes]
    label = ["" if g is None or (isinstance(g, float) and np.isnan(g)) else str(g) for g in label]
    names = sorted(set(label))
    code = np.array([names.index(g) for g in label], dtype=np.int64)

    index = {v: i for i, v in enumerate(nodes)}
    ties = np.array([(index[u], index[v]) for u, v in D.edges() if u != v], dtype=np.int64)
    ties = ties.reshape(-1, 2)
    A = sp.csr_matrix((np.ones(len(ties), dtype=np.int64), (ties[:, 0], ties[:, 1])), shape=(k, k))
    counts = _brokerage_counts(A, code, names)
    table = pd.DataFrame(
        {"group": label, **{r: counts[r] for r in BROKERAGE_ROLES}},
        index=pd.Index(nodes, name="agency", dtype=object),
    )
    table["total"] = table[list(BROKERAGE_ROLES)].sum(axis=1).astype(np.int64)
    table["unclassified"] = counts["unclassified"]
    _add_moments(table, np.zeros(k, dtype=np.int64), np.asarray(label, dtype=object), {0: A.nnz})
    return table


def _brokerage_counts(A: sp.csr_matrix, code: np.ndarray, names: list[str]) -> dict:
    """Role counts of every node of the 0/1 tie matrix A (no self-ties), groups ``names[code]``.

    A block-diagonal A (one block per document) gives each block's counts,
    since no two-path crosses blocks.
    """
    k = A.shape[0]
    At = A.T.tocsr()
    counts = {r: np.zeros(k, dtype=np.int64) for r in (*BROKERAGE_ROLES, "unclassified")}
    indicator = [
        sp.diags((code == gi).astype(np.int64), dtype=np.int64) for gi in range(len(names))
    ]
    for g1, P1 in enumerate(indicator):
        from_g1 = P1 @ A  # rows a in g1
        into_b = np.asarray(from_g1.sum(axis=0)).ravel()
        for g2, P2 in enumerate(indicator):
            out_b = np.asarray((A @ P2).sum(axis=1)).ravel()
            closed = np.asarray(from_g1.multiply(A @ P2 @ At).sum(axis=0)).ravel()
            back = np.asarray(from_g1.multiply(At).sum(axis=0)).ravel() if g1 == g2 else 0
            n_paths = into_b * out_b - closed - back
            for gb in range(len(names)):
                if "" in (names[g1], names[g2], names[gb]):
                    role = "unclassified"
                elif g1 == gb == g2:
                    role = "coordinator"
                elif gb == g2:
                    role = "gatekeeper"
                elif g1 == gb:
                    role = "representative"
                elif g1 == g2:
                    role = "consultant"
                else:
                    role = "liaison"
                counts[role] += np.where(code == gb, n_paths, 0)
    return counts


def brokerage_table(
    assignments: pd.DataFrame,
    agencies: pd.DataFrame | None = None,
    *,
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
    responsible: str | None = None,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> pd.DataFrame:
    """Brokerage roles of every agency in its document's lead → support network.

    For each document, :func:`brokerage_roles` of
    :func:`agencygraph.graph.lead_support_network` (a tie *i* → *j* when *i*
    leads a measure *j* supports), the groups being the agencies' ``system``
    (party, government, mass_org, …; from ``agencies``). Agencies are
    place-scoped, so documents are separate networks.

    Parameters
    ----------
    assignments : DataFrame
    agencies : DataFrame, optional
        Gives each agency its ``system``; without it every agency is
        ungrouped and all brokered pairs are ``unclassified``.
    docs, inherited
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.
    unit, collectives, measures
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

    Returns
    -------
    DataFrame
        ``doc_id, agency, system, coordinator, gatekeeper, representative,
        consultant, liaison, total, unclassified``, one row per agency with a
        selected lead or support, sorted by ``doc_id, agency``; then each
        role's (and ``total``'s) expected count, sd and z under Gould and
        Fernandez's null within the document (``<role>_exp, <role>_sd,
        <role>_z``, as :func:`brokerage_roles`; density and group sizes of
        the document's network).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:p", "d:g", "d:g", "d:u"], "agency_type": ["org", "hrss", "hrss",
    ...     "union"], "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> ag = pd.DataFrame({"agency_id": ["d:p", "d:g", "d:u"], "doc_id": ["d"] * 3,
    ...     "name_zh": ["组织部", "人社局", "总工会"], "agency_type": ["org", "hrss", "union"],
    ...     "system": ["party", "government", "mass_org"]})
    >>> brokerage_table(a, ag).loc[:, ["agency", "system", "liaison"]]
      agency      system  liaison
    0    d:g  government        1
    1    d:p       party        0
    2    d:u    mass_org        0
    """
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="brokerage_table",
    )
    columns = [
        "doc_id",
        "agency",
        "system",
        *BROKERAGE_ROLES,
        "total",
        "unclassified",
        *_moment_columns(),
    ]
    sel, _ = select_assignments(
        assignments,
        docs=docs,
        roles=ROLES,
        inherited=inherited,
        node="agency_id",
        responsible=responsible,
    )
    if sel.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    # All documents at once: agencies are (doc, agency) rows, measures (doc, measure)
    # columns, so the lead → support matrix L Sᵀ is block-diagonal by document.
    sel = sel.sort_values(["doc_id", "node"], kind="mergesort")
    doc = sel["doc_id"].to_numpy(dtype=object)
    node = sel["node"].to_numpy(dtype=object)
    row_start = np.r_[True, (doc[1:] != doc[:-1]) | (node[1:] != node[:-1])]
    row = np.cumsum(row_start) - 1
    col = pd.MultiIndex.from_arrays([doc, sel["measure_id"].to_numpy(dtype=object)])
    col = pd.factorize(col)[0]
    k, m = int(row[-1]) + 1, int(col.max()) + 1
    lead = sel["role"].to_numpy() == "lead"
    L = sp.csr_matrix((np.ones(lead.sum()), (row[lead], col[lead])), shape=(k, m))
    sup = sel["role"].to_numpy() == "support"  # responsible kept apart is neither
    S = sp.csr_matrix((np.ones(sup.sum()), (row[sup], col[sup])), shape=(k, m))
    A = (L @ S.T).tocsr()
    A.setdiag(0)
    A.eliminate_zeros()
    A.data[:] = 1
    A = A.astype(np.int64)
    out = pd.DataFrame({"doc_id": doc[row_start], "agency": node[row_start]})
    system = pd.Series("", index=out.index, dtype=object)
    if agencies is not None:
        require(agencies, ("agency_id",), "agencies")
        table = pd.DataFrame(
            {
                "agency_id": text(agencies["agency_id"]),
                "system": text(agencies["system"]) if "system" in agencies.columns else "",
            }
        ).drop_duplicates("agency_id")
        found = table.set_index("agency_id")["system"].reindex(out["agency"].to_numpy())
        system = pd.Series(found.fillna("").to_numpy(dtype=object), index=out.index)
    names = sorted(set(system))
    code = pd.Index(names).get_indexer(system.to_numpy())
    counts = _brokerage_counts(A, code, names)
    out["system"] = system.to_numpy()
    for r in BROKERAGE_ROLES:
        out[r] = counts[r]
    out["total"] = out[list(BROKERAGE_ROLES)].sum(axis=1).astype(np.int64)
    out["unclassified"] = counts["unclassified"]
    # ties of each document's block (A is block-diagonal by document)
    doc_of_row = out["doc_id"].to_numpy(dtype=object)
    ties = pd.Series(doc_of_row[A.nonzero()[0]]).value_counts().to_dict()
    _add_moments(out, doc_of_row, out["system"].to_numpy(dtype=object), ties)
    return out[columns].reset_index(drop=True)


def brokerage_by_system(
    assignments: pd.DataFrame,
    agencies: pd.DataFrame | None = None,
    *,
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> pd.DataFrame:
    """Brokerage in the lead → support network, summed over the agencies of each system.

    The rows of :func:`brokerage_table` grouped by ``doc_id`` and ``system``:
    e.g. how often government bureaus pass on a party department's lead to
    other bureaus (``gatekeeper``) or mass organisations link party and
    government (``liaison``).

    Parameters
    ----------
    assignments, agencies, docs, inherited
        As in :func:`brokerage_table`.
    unit, collectives, measures
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

    Returns
    -------
    DataFrame
        ``doc_id, system, n_agencies, coordinator, gatekeeper,
        representative, consultant, liaison, total, unclassified``, sorted by
        ``doc_id, system`` (agencies without a system under ``""``).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:p", "d:g", "d:g", "d:u"], "agency_type": ["org", "hrss", "hrss",
    ...     "union"], "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> ag = pd.DataFrame({"agency_id": ["d:p", "d:g", "d:u"], "doc_id": ["d"] * 3,
    ...     "name_zh": ["组织部", "人社局", "总工会"], "agency_type": ["org", "hrss", "union"],
    ...     "system": ["party", "government", "mass_org"]})
    >>> brokerage_by_system(a, ag)[["system", "n_agencies", "liaison", "total"]]
           system  n_agencies  liaison  total
    0  government           1        1      1
    1    mass_org           1        0      0
    2       party           1        0      0
    """
    per_agency = brokerage_table(
        assignments,
        agencies,
        docs=docs,
        inherited=inherited,
        measures=measures,
        unit=unit,
        collectives=collectives,
    )
    return _by_system(per_agency)


def _by_system(per_agency: pd.DataFrame) -> pd.DataFrame:
    """:func:`brokerage_by_system` from the table of :func:`brokerage_table`."""
    roles = [*BROKERAGE_ROLES, "total", "unclassified"]
    columns = ["doc_id", "system", "n_agencies", *roles]
    if per_agency.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    grouped = per_agency.groupby(["doc_id", "system"], sort=True)
    out = grouped[roles].sum().astype(np.int64)
    out.insert(0, "n_agencies", grouped.size().astype(np.int64))
    return out.reset_index()[columns]


# --------------------------------------------------------------------------- overlap


def overlap(
    data: pd.DataFrame | nx.Graph,
    *,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    node: str = "agency_id",
    responsible: str | None = None,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> pd.DataFrame:
    r"""Overlap of agencies' measure sets, one row per pair that shares a measure.

    For agencies *i*, *j* with measure sets :math:`N(i), N(j)`:
    Jaccard :math:`|N(i)\cap N(j)| / |N(i)\cup N(j)|` and overlap coefficient
    :math:`|N(i)\cap N(j)| / \min(|N(i)|, |N(j)|)` (Szymkiewicz–Simpson),
    both from one sparse product :math:`BB^T`.

    Parameters
    ----------
    data : DataFrame or networkx.Graph
        Assignments table or two-mode graph (agencies ``bipartite=0``).
    docs, roles, inherited, node
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.
    unit, collectives, measures
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

    Returns
    -------
    DataFrame
        ``source, target, n_shared, n_source, n_target, jaccard, overlap``;
        ``source < target``, sorted. Pairs sharing nothing are left out.

    Examples
    --------
    >>> import networkx as nx
    >>> t = overlap(nx.davis_southern_women_graph())
    >>> t.loc[0, "source"], t.loc[0, "target"], int(t.loc[0, "n_shared"])
    ('Brenda Rogers', 'Charlotte McDowd', 4)
    """
    if isinstance(data, pd.DataFrame):
        data, measures = units.prepare(
            data,
            measures,
            unit=unit,
            inherited=inherited,
            collectives=collectives,
            statistic="overlap",
        )
    B, rows, _ = incidence_matrix(
        data, docs=docs, roles=roles, inherited=inherited, node=node, responsible=responsible
    )
    B = (B != 0).astype(np.int64).tocsr()
    degree = np.asarray(B.sum(axis=1)).ravel()
    C = sp.triu(B @ B.T, k=1).tocoo()
    order = np.lexsort((C.col, C.row))
    i, j, shared = C.row[order], C.col[order], C.data[order].astype(np.int64)
    labels = np.asarray(rows, dtype=object)
    return pd.DataFrame(
        {
            "source": labels[i] if len(i) else np.array([], dtype=object),
            "target": labels[j] if len(j) else np.array([], dtype=object),
            "n_shared": shared,
            "n_source": degree[i],
            "n_target": degree[j],
            "jaccard": shared / (degree[i] + degree[j] - shared),
            "overlap": shared / np.minimum(degree[i], degree[j]),
        }
    )


def _overlap_of_documents(sel: pd.DataFrame) -> pd.DataFrame:
    """:func:`overlap` of each document of a selection, with ``doc_id``, in one sparse product.

    Rows are (doc, agency) and columns (doc, measure), so :math:`BB^T` is
    block-diagonal by document; sorted by ``doc_id, source, target``.
    """
    sel = sel.sort_values(["doc_id", "node"], kind="mergesort")
    doc = sel["doc_id"].to_numpy(dtype=object)
    node = sel["node"].to_numpy(dtype=object)
    start = np.r_[True, (doc[1:] != doc[:-1]) | (node[1:] != node[:-1])] if len(sel) else []
    row = np.cumsum(start) - 1
    col = pd.factorize(pd.MultiIndex.from_arrays([doc, sel["measure_id"].to_numpy(dtype=object)]))[
        0
    ]
    k = int(row[-1]) + 1 if len(sel) else 0
    m = int(col.max()) + 1 if len(sel) else 0
    B = sp.csr_matrix((np.ones(len(sel), dtype=np.int64), (row, col)), shape=(k, m))
    degree = np.asarray(B.sum(axis=1)).ravel()
    C = sp.triu(B @ B.T, k=1).tocoo()
    order = np.lexsort((C.col, C.row))
    i, j, shared = C.row[order], C.col[order], C.data[order].astype(np.int64)
    labels = node[np.asarray(start, dtype=bool)] if len(sel) else np.array([], dtype=object)
    docs = doc[np.asarray(start, dtype=bool)] if len(sel) else np.array([], dtype=object)
    return pd.DataFrame(
        {
            "doc_id": docs[i],
            "source": labels[i],
            "target": labels[j],
            "n_shared": shared,
            "n_source": degree[i],
            "n_target": degree[j],
            "jaccard": shared / (degree[i] + degree[j] - shared),
            "overlap": shared / np.minimum(degree[i], degree[j]),
        }
    )
