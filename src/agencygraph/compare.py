"""Cross-region comparison of functional agency types.

Agencies are place-scoped (``haimen:hrss``), so places are compared through
their cross-region ``agency_type`` (``hrss``). All counts here are of
type × measure incidences: a type is counted once per measure, as lead if any
of its units leads it (as in the pooled type graph of
:func:`agencygraph.graph.bipartite_graph` with ``node="agency_type"``).
Units without a type are left out and counted in ``table.attrs["skipped_unresolved"]``
(per ``doc_id``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from agencygraph import settings
from agencygraph.graph import ROLES, _require, _select, _text
from agencygraph.metrics import _doc_rng, _summarise, null_samples, role_matrices

__all__ = ["cross_region_table", "similarity_between_places", "type_by_place"]

_PROFILES = ("degree", "lead", "support")


def _type_labels(agencies: pd.DataFrame | None) -> pd.DataFrame:
    """``type_en`` and ``system`` of each agency_type (most frequent non-empty value)."""
    if agencies is None:
        return pd.DataFrame(columns=["type_en", "system"], index=pd.Index([], name="agency_type"))
    _require(agencies, ("agency_type",), "agencies")
    table = pd.DataFrame(
        {
            c: _text(agencies[c]) if c in agencies.columns else ""
            for c in ("agency_type", "type_en", "system")
        }
    )
    table = table[table["agency_type"] != ""]

    def mode(s: pd.Series) -> str:
        s = s[s != ""]
        if s.empty:
            return ""
        counts = s.value_counts()
        return min(counts.index[counts == counts.max()])

    return table.groupby("agency_type")[["type_en", "system"]].agg(mode)


def _places(documents: pd.DataFrame | None, docs: Iterable[str]) -> pd.Series:
    docs = sorted(set(docs))
    if documents is None:
        return pd.Series("", index=pd.Index(docs, name="doc_id"), dtype=object)
    _require(documents, ("doc_id",), "documents")
    place = pd.Series(
        _text(documents["place_en"]).to_numpy() if "place_en" in documents.columns else "",
        index=_text(documents["doc_id"]).to_numpy(),
        dtype=object,
    )
    missing = [d for d in docs if d not in place.index]
    if missing:
        raise ValueError(f"doc_id(s) {missing} of assignments are not in documents")
    return place[~place.index.duplicated()].reindex(docs)


def _counts(
    assignments: pd.DataFrame, *, docs: str | Iterable[str] | None, inherited: bool
) -> tuple[pd.DataFrame, dict[str, int]]:
    sel, skipped = _select(
        assignments, docs=docs, roles=ROLES, inherited=inherited, node="agency_type"
    )
    sel = sel.assign(lead=sel["role"] == "lead", support=sel["role"] == "support")
    counts = (
        sel.groupby(["doc_id", "node"], sort=True)[["lead", "support"]]
        .sum()
        .astype(np.int64)
        .rename(columns={"lead": "n_lead", "support": "n_support"})
        .reset_index()
        .rename(columns={"node": "agency_type"})
    )
    return counts, {str(k): int(v) for k, v in skipped.items()}


def type_by_place(
    assignments: pd.DataFrame,
    agencies: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    *,
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
    wide: bool = False,
) -> pd.DataFrame:
    r"""Leads and supports of each agency type in each place.

    For type *t* in document *d*, with :math:`\ell_{td}` and :math:`s_{td}` the
    measures it leads and supports:

    - ``lead_share`` :math:`= \ell_{td} / (\ell_{td} + s_{td})`;
    - ``degree_share`` :math:`= (\ell_{td} + s_{td}) / \sum_u (\ell_{ud} + s_{ud})`,
      the type's share of all type–measure ties of the document.

    Parameters
    ----------
    assignments : DataFrame
    agencies : DataFrame, optional
        Gives each type its ``type_en`` and ``system``.
    documents : DataFrame, optional
        Gives each document its ``place_en``; every ``doc_id`` of the
        selection must be in it.
    docs, inherited
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.
    wide : bool
        ``False`` (default): the tidy long table. ``True``: one row per type
        (index ``agency_type, type_en, system``), columns ``(doc_id, measure)``
        for measure in ``n_lead, n_support, lead_share``; a type absent from a
        place has counts 0 and share NaN.

    Returns
    -------
    DataFrame
        Long: ``doc_id, place_en, agency_type, type_en, system, n_lead,
        n_support, lead_share, degree_share``, one row per type present in a
        document, sorted by ``doc_id, agency_type``.
        ``attrs["skipped_unresolved"]``: rows without a type, per document.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1", "d-1", "d-2"],
    ...     "role": ["lead", "support", "support"], "agency_id": ["d:a", "d:b", "d:b"],
    ...     "agency_type": ["hrss", "union", "union"], "inherited": [False] * 3,
    ...     "line": [1, 1, 2]})
    >>> type_by_place(a)[["agency_type", "n_lead", "n_support", "degree_share"]]
      agency_type  n_lead  n_support  degree_share
    0        hrss       1          0      0.333333
    1       union       0          2      0.666667
    """
    counts, skipped = _counts(assignments, docs=docs, inherited=inherited)
    labels = _type_labels(agencies)
    place = _places(documents, set(counts["doc_id"]) | set(skipped))
    type_en, system = labels["type_en"].to_dict(), labels["system"].to_dict()
    degree = counts["n_lead"] + counts["n_support"]
    total = degree.groupby(counts["doc_id"]).transform("sum")
    long = pd.DataFrame(
        {
            "doc_id": counts["doc_id"],
            "place_en": [place.get(d, "") for d in counts["doc_id"]],
            "agency_type": counts["agency_type"],
            "type_en": [type_en.get(t, "") for t in counts["agency_type"]],
            "system": [system.get(t, "") for t in counts["agency_type"]],
            "n_lead": counts["n_lead"],
            "n_support": counts["n_support"],
            "lead_share": counts["n_lead"] / degree,
            "degree_share": degree / total,
        }
    ).reset_index(drop=True)
    long.attrs["skipped_unresolved"] = {d: skipped.get(d, 0) for d in place.index}
    if not wide:
        return long
    table = long.pivot(
        index=["agency_type", "type_en", "system"],
        columns="doc_id",
        values=["n_lead", "n_support", "lead_share"],
    )
    table = table.swaplevel(0, 1, axis=1)
    order = pd.MultiIndex.from_product(
        [list(place.index), ["n_lead", "n_support", "lead_share"]], names=["doc_id", None]
    )
    table = table.reindex(columns=order).sort_index()
    for doc in place.index:
        for col in ("n_lead", "n_support"):
            table[(doc, col)] = table[(doc, col)].fillna(0).astype(np.int64)
    table.attrs["skipped_unresolved"] = long.attrs["skipped_unresolved"]
    return table


def cross_region_table(
    assignments: pd.DataFrame,
    agencies: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    *,
    null: str = "roles",
    n: int | None = None,
    seed: int | None = None,
    n_trades: int | None = None,
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
) -> pd.DataFrame:
    r"""Lead share and degree share of each type in each place, against a null.

    Raw shares are not comparable across plans: a type's degree share is
    :math:`1/T` on average in a plan with :math:`T` types, and its lead share
    depends on how many leads the measures it joins have. Each document is
    therefore compared with randomisations of itself:

    - ``lead_share`` (sampled, seeded). ``null="roles"`` (default) keeps
      which types join which measures and permutes the roles within each
      measure; ``null="curveball"`` randomises the type × measure incidence
      by curveball, keeping every type's degree, every measure's size and its
      mix of roles (see :func:`agencygraph.metrics.null_model_zscores`).
      Reported: ``lead_share_null_mean``, ``lead_share_null_sd``,
      ``lead_share_z`` and the empirical ``lead_share_p_greater`` /
      ``lead_share_p_less``.
    - ``degree_share`` (exact). Any degree-preserving null leaves the degree
      share unchanged, so it is compared with the null where each measure
      keeps its number of types, drawn uniformly from the document's
      :math:`T` types. A measure *k* with :math:`n_k` types then includes
      type *t* with probability :math:`p_k = n_k/T`, independently across
      measures, so the degree :math:`D_t = \sum_k \mathrm{Bernoulli}(p_k)` has
      mean :math:`E/T` and variance :math:`\sum_k p_k(1 - p_k)`
      (:math:`E` = ties in the document), and
      :math:`z = (D_t - E/T) / \sqrt{\sum_k p_k(1-p_k)}`. Reported:
      ``degree_share_expected`` :math:`= 1/T` and ``degree_share_z``.

    Parameters
    ----------
    assignments : DataFrame
    agencies, documents : DataFrame, optional
        As in :func:`type_by_place`.
    null : {"roles", "curveball"}
    n : int, optional
        Samples per document; default :data:`agencygraph.settings.NULL_SAMPLES`.
    seed : int, optional
        Default :data:`agencygraph.settings.SEED`; each document's stream
        depends only on the seed and its ``doc_id``.
    n_trades : int, optional
        Curveball trades between samples (default five per type).
    docs, inherited
        The selection.

    Returns
    -------
    DataFrame
        ``doc_id, place_en, agency_type, type_en, system, degree, n_lead,
        lead_share, lead_share_null_mean, lead_share_null_sd, lead_share_z,
        lead_share_p_greater, lead_share_p_less, degree_share,
        degree_share_expected, degree_share_z``, sorted by ``doc_id,
        agency_type``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:a", "d:b", "d:a", "d:c"], "agency_type": ["a", "b", "a", "c"],
    ...     "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> t = cross_region_table(a, n=100, seed=1)
    >>> t[["agency_type", "lead_share", "degree_share", "degree_share_expected"]].round(3)
      agency_type  lead_share  degree_share  degree_share_expected
    0           a         1.0          0.50                  0.333
    1           b         0.0          0.25                  0.333
    2           c         0.0          0.25                  0.333
    """
    n = settings.NULL_SAMPLES if n is None else int(n)
    seed = settings.SEED if seed is None else int(seed)
    base = type_by_place(assignments, agencies, documents, docs=docs, inherited=inherited)
    mats = role_matrices(assignments, docs=docs, inherited=inherited, node="agency_type")
    parts = []
    for doc, (R, types, _) in mats.items():
        rng = _doc_rng(seed, doc)
        nz = R != 0
        degree = nz.sum(axis=1)
        observed = (R == 2).sum(axis=1) / degree
        draws = np.empty((n, len(types)))
        for s, sample in enumerate(null_samples(R, n=n, null=null, rng=rng, n_trades=n_trades)):
            draws[s] = (sample == 2).sum(axis=1) / degree
        summary = [_summarise(float(observed[t]), draws[:, t]) for t in range(len(types))]

        n_types = len(types)
        p = nz.sum(axis=0) / n_types
        var = float((p * (1 - p)).sum())
        expected_degree = nz.sum() / n_types
        z_degree = (degree - expected_degree) / np.sqrt(var) if var > 0 else np.nan
        parts.append(
            pd.DataFrame(
                {
                    "doc_id": doc,
                    "agency_type": types,
                    "lead_share_null_mean": [x["null_mean"] for x in summary],
                    "lead_share_null_sd": [x["null_sd"] for x in summary],
                    "lead_share_z": [x["z"] for x in summary],
                    "lead_share_p_greater": [x["p_greater"] for x in summary],
                    "lead_share_p_less": [x["p_less"] for x in summary],
                    "degree_share_expected": 1.0 / n_types,
                    "degree_share_z": np.broadcast_to(z_degree, (n_types,)).astype(float),
                }
            )
        )
    columns = [
        "doc_id",
        "place_en",
        "agency_type",
        "type_en",
        "system",
        "degree",
        "n_lead",
        "lead_share",
        "lead_share_null_mean",
        "lead_share_null_sd",
        "lead_share_z",
        "lead_share_p_greater",
        "lead_share_p_less",
        "degree_share",
        "degree_share_expected",
        "degree_share_z",
    ]
    base = base.assign(degree=base["n_lead"] + base["n_support"])
    if not parts:
        return pd.DataFrame(columns=columns)
    out = base.merge(pd.concat(parts, ignore_index=True), on=["doc_id", "agency_type"], how="left")
    out = out[columns].sort_values(["doc_id", "agency_type"], kind="mergesort")
    out = out.reset_index(drop=True)
    out.attrs["skipped_unresolved"] = base.attrs.get("skipped_unresolved", {})
    return out


def similarity_between_places(
    assignments: pd.DataFrame,
    *,
    profile: str = "degree",
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
) -> pd.DataFrame:
    r"""Similarity of documents' agency-type profiles, one row per pair.

    Each document *d* is a vector :math:`x_d` over agency types: its
    type–measure ties (``profile="degree"``), leads (``"lead"``) or supports
    (``"support"``). For documents *a*, *b*:

    - ``cosine`` :math:`= x_a \cdot x_b / (\lVert x_a \rVert \lVert x_b \rVert)`;
    - ``jaccard`` :math:`= |T_a \cap T_b| / |T_a \cup T_b|` with :math:`T_d`
      the types with :math:`x_{dt} > 0`;
    - ``weighted_jaccard`` :math:`= \sum_t \min(x_{at}, x_{bt}) / \sum_t
      \max(x_{at}, x_{bt})` (Ružička);
    - ``n_shared_types`` :math:`= |T_a \cap T_b|`.

    Counts favour long plans in the weighted measures; ``cosine`` is
    insensitive to plan length.

    Returns
    -------
    DataFrame
        ``doc_a, doc_b, n_shared_types, jaccard, cosine, weighted_jaccard``
        for every pair ``doc_a < doc_b``, sorted. NaN where a profile is all
        zero.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["x", "x", "y"], "measure_id": ["x1", "x1", "y1"],
    ...     "role": ["lead", "support", "lead"], "agency_id": ["x:a", "x:b", "y:a"],
    ...     "agency_type": ["hrss", "union", "hrss"], "inherited": [False] * 3,
    ...     "line": [1, 1, 1]})
    >>> similarity_between_places(a)[["doc_a", "doc_b", "jaccard"]]
      doc_a doc_b  jaccard
    0     x     y      0.5
    """
    if profile not in _PROFILES:
        raise ValueError(f"profile must be one of {_PROFILES}, got {profile!r}")
    counts, _ = _counts(assignments, docs=docs, inherited=inherited)
    counts = counts.assign(degree=counts["n_lead"] + counts["n_support"])
    value = {"degree": "degree", "lead": "n_lead", "support": "n_support"}[profile]
    X = counts.pivot(index="doc_id", columns="agency_type", values=value).fillna(0)
    X = X.sort_index().sort_index(axis=1)
    labels = list(X.index)
    M = X.to_numpy(float)
    present = (M > 0).astype(float)
    shared = present @ present.T
    size = present.sum(axis=1)
    union = size[:, None] + size[None, :] - shared
    norm = np.linalg.norm(M, axis=1)
    dot = M @ M.T
    i, j = np.triu_indices(len(labels), k=1)
    mins = np.minimum(M[i], M[j]).sum(axis=1)
    maxs = np.maximum(M[i], M[j]).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cosine = np.where(norm[i] * norm[j] > 0, dot[i, j] / (norm[i] * norm[j]), np.nan)
        jaccard = np.where(union[i, j] > 0, shared[i, j] / union[i, j], np.nan)
        weighted = np.where(maxs > 0, mins / maxs, np.nan)
    names = np.asarray(labels, dtype=object)
    return pd.DataFrame(
        {
            "doc_a": names[i] if len(i) else np.array([], dtype=object),
            "doc_b": names[j] if len(j) else np.array([], dtype=object),
            "n_shared_types": shared[i, j].astype(np.int64),
            "jaccard": jaccard,
            "cosine": cosine,
            "weighted_jaccard": weighted,
        }
    )
