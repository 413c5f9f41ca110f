"""Cross-region comparison of functional agency types.

Agencies are place-scoped (``haimen:hrss``), so places are compared through
their cross-region ``agency_type`` (``hrss``). All counts here are of
type × measure incidences: a type is counted once per measure, as lead if any
of its units leads it (as in the pooled type graph of
:func:`agencygraph.graph.bipartite_graph` with ``node="agency_type"``).
Units without a type are left out and counted in ``table.attrs["skipped_unresolved"]``
(per ``doc_id``).

Place × place tables (:func:`place_overlap`, :func:`lead_switches`,
:func:`similarity_between_places`) compare pairs of documents;
:func:`cross_region_comparison` gives each document's network indices with
their null-model z-scores in one call, and :func:`metric_tables` every metric
table the build writes.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable

import numpy as np
import pandas as pd

from agencygraph import settings, units
from agencygraph._tables import require, text
from agencygraph._type_centrality import type_centrality as _pooled_type_centrality
from agencygraph.backbone import ConvergenceError, _adjust_matrix, _sdsm_tails
from agencygraph.graph import (
    ROLES,
    lead_support_network,
    select_assignments,
)
from agencygraph.metrics import (
    NETWORK_INDICES,
    _agency_lookup,
    _by_system,
    _centrality_of_documents,
    _doc_rng,
    _indices_table,
    _masks,
    _mode_by,
    _null_plan,
    _null_table,
    _overlap_of_documents,
    _role_matrices_of,
    _split_docs,
    _summarise,
    brokerage_table,
    network_indices,
    network_indices_with_null,
    null_samples,
    role_matrices,
)
from agencygraph.multitest import check_mtc, p_adjust

__all__ = [
    "centrality_table",
    "cross_region_comparison",
    "cross_region_table",
    "lead_switches",
    "metric_tables",
    "place_overlap",
    "role_shares",
    "similarity_between_places",
    "type_by_place",
]

_PROFILES = ("degree", "lead", "support")


def _type_labels(agencies: pd.DataFrame | None) -> pd.DataFrame:
    """``type_en`` and ``system`` of each agency_type (most frequent non-empty value)."""
    if agencies is None:
        return pd.DataFrame(columns=["type_en", "system"], index=pd.Index([], name="agency_type"))
    require(agencies, ("agency_type",), "agencies")
    table = pd.DataFrame(
        {
            c: text(agencies[c]) if c in agencies.columns else ""
            for c in ("agency_type", "type_en", "system")
        }
    )
    table = table[table["agency_type"] != ""]
    # the most frequent non-empty value, ties to the smallest (one vectorised pass)
    modes = {c: _mode_by(table["agency_type"], table[c]) for c in ("type_en", "system")}
    types = sorted(set(table["agency_type"]))
    return pd.DataFrame(
        {c: [modes[c].get(t, "") for t in types] for c in ("type_en", "system")},
        index=pd.Index(types, name="agency_type"),
        dtype=object,
    )


def _places(documents: pd.DataFrame | None, docs: Iterable[str]) -> pd.Series:
    docs = sorted(set(docs))
    if documents is None:
        return pd.Series("", index=pd.Index(docs, name="doc_id"), dtype=object)
    require(documents, ("doc_id",), "documents")
    place = pd.Series(
        text(documents["place_en"]).to_numpy() if "place_en" in documents.columns else "",
        index=text(documents["doc_id"]).to_numpy(),
        dtype=object,
    )
    missing = [d for d in docs if d not in place.index]
    if missing:
        raise ValueError(f"doc_id(s) {missing} of assignments are not in documents")
    return place[~place.index.duplicated()].reindex(docs)


def _counts(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None,
    inherited: bool,
    responsible: str | None = None,
) -> tuple[pd.DataFrame, dict[str, int]]:
    sel, skipped = select_assignments(
        assignments,
        docs=docs,
        roles=ROLES,
        inherited=inherited,
        node="agency_type",
        responsible=responsible,
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
    responsible: str | None = None,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> pd.DataFrame:
    r"""Leads and supports of each agency type in each place.

    For type *t* in document *d*, with :math:`\ell_{td}` and :math:`s_{td}` the
    measures it leads and supports:

    - ``lead_role_share`` :math:`= \ell_{td} / (\ell_{td} + s_{td})`;
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
        for measure in ``n_lead, n_support, lead_role_share``; a type absent from a
        place has counts 0 and share NaN.
    unit, collectives, measures
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

    Returns
    -------
    DataFrame
        Long: ``doc_id, place_en, agency_type, type_en, system, n_lead,
        n_support, lead_role_share, degree_share``, one row per type present in a
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
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="type_by_place",
    )
    counts, skipped = _counts(assignments, docs=docs, inherited=inherited, responsible=responsible)
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
            "lead_role_share": counts["n_lead"] / degree,
            "degree_share": degree / total,
        }
    ).reset_index(drop=True)
    long.attrs["skipped_unresolved"] = {d: skipped.get(d, 0) for d in place.index}
    if not wide:
        return long
    table = long.pivot(
        index=["agency_type", "type_en", "system"],
        columns="doc_id",
        values=["n_lead", "n_support", "lead_role_share"],
    )
    table = table.swaplevel(0, 1, axis=1)
    order = pd.MultiIndex.from_product(
        [list(place.index), ["n_lead", "n_support", "lead_role_share"]], names=["doc_id", None]
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
    budget: int | None = None,
    responsible: str | None = None,
    mtc: str | None = None,
    bootstrap: int | None = None,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> pd.DataFrame:
    r"""Lead share and degree share of each type in each place, against a null.

    Raw shares are not comparable across plans: a type's degree share is
    :math:`1/T` on average in a plan with :math:`T` types, and its lead share
    depends on how many leads the measures it joins have. Each document is
    therefore compared with randomisations of itself:

    - ``lead_role_share`` (sampled, seeded). ``null="roles"`` (default) keeps
      which types join which measures and permutes the roles within each
      measure; ``null="curveball"`` randomises the type × measure incidence
      by curveball, keeping every type's degree, every measure's size and its
      mix of roles (see :func:`agencygraph.metrics.null_model_zscores`).
      Reported: ``lead_role_share_null_mean``, ``lead_role_share_null_sd``,
      ``lead_role_share_z`` and the empirical ``lead_role_share_p_greater`` /
      ``lead_role_share_p_less``.
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
    budget : int, optional
        Document × sample budget of the null past
        :data:`agencygraph.settings.NULL_FULL_DOCS` documents (default
        ``NULL_FULL_DOCS × n``), as in
        :func:`agencygraph.metrics.network_indices_with_null`.
    mtc : str, optional
        Correction (R ``p.adjust`` names); default
        :data:`agencygraph.settings.COMPARE_MTC`.
    bootstrap : int, optional
        Bootstrap replicates per document, as in :func:`cross_region_comparison`.
    unit, collectives, measures
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

    Returns
    -------
    DataFrame
        ``doc_id, place_en, agency_type, type_en, system, degree, n_lead,
        lead_role_share, lead_role_share_null_mean, lead_role_share_null_sd, lead_role_share_z,
        lead_role_share_p_greater, lead_role_share_p_less, degree_share,
        degree_share_expected, degree_share_z, n_samples, method``, then the
        effects (issue 20): ``lead_role_share_ratio`` (observed / null mean)
        with its interval ``lead_role_share_ratio_lo, lead_role_share_ratio_hi``
        (a bootstrap over the document's measures with the role null's exact
        mean in each replicate; role null only; none for an observed share of
        0), ``lead_role_share_p`` (two-sided: twice the smaller empirical
        tail) and ``lead_role_share_p_adjusted``; ``degree_share_ratio``
        (degree share × T) with ``degree_share_ratio_lo, degree_share_ratio_hi``,
        ``degree_share_p`` (two-sided normal) and ``degree_share_p_adjusted``.
        Each statistic's p-values over the whole table are one family, adjusted
        by ``mtc`` (default :data:`agencygraph.settings.COMPARE_MTC`; in
        ``attrs["mtc"]``). Sorted by ``doc_id, agency_type``. ``n_samples``
        and ``method`` describe the lead-share null: up to ``NULL_FULL_DOCS``
        documents ``n`` samples each (``"full"``); past it every document gets
        its share of the budget of :func:`agencygraph.metrics.network_indices_with_null`, at least
        :data:`agencygraph.settings.NULL_MIN_SAMPLES` (``"reduced"``; the role
        null's draws are then taken all at once, a different stream from the
        full path). No document is skipped. Monte-Carlo error: the
        null mean has standard error ``null_sd / sqrt(n_samples)``, the
        z-score about ``sqrt((1 + z**2/2) / n_samples)``, the p-values
        resolution ``1 / (n_samples + 1)``. The degree-share columns are exact
        at every size.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:a", "d:b", "d:a", "d:c"], "agency_type": ["a", "b", "a", "c"],
    ...     "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> t = cross_region_table(a, n=100, seed=1)
    >>> t[["agency_type", "lead_role_share", "degree_share", "degree_share_expected"]].round(3)
      agency_type  lead_role_share  degree_share  degree_share_expected
    0           a              1.0          0.50                  0.333
    1           b              0.0          0.25                  0.333
    2           c              0.0          0.25                  0.333
    """
    from scipy import stats

    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="cross_region_table",
    )
    n = settings.NULL_SAMPLES if n is None else int(n)
    seed = settings.SEED if seed is None else int(seed)
    if null not in ("roles", "curveball"):
        raise ValueError(f"null must be 'curveball' or 'roles', got {null!r}")
    base = type_by_place(
        assignments, agencies, documents, docs=docs, inherited=inherited, responsible=responsible
    )
    mats = role_matrices(
        assignments, docs=docs, inherited=inherited, node="agency_type", responsible=responsible
    )
    plan = _null_plan(list(mats), n=n, seed=seed, budget=budget)
    reduced = any(method != "full" for _, method in plan.values())
    parts = []
    for doc, (R, types, _) in mats.items():
        samples, method = plan[doc]
        rng = _doc_rng(seed, doc)
        nz = R != 0
        degree = nz.sum(axis=1)
        observed = (R == 2).sum(axis=1) / degree
        if samples and reduced and null == "roles":
            summary = _role_lead_share_null(R, observed, degree, samples, rng)
        else:
            draws = np.empty((samples, len(types)))
            sampler = null_samples(R, n=samples, null=null, rng=rng, n_trades=n_trades)
            for s, sample in enumerate(sampler):
                draws[s] = (sample == 2).sum(axis=1) / degree
            summary = [_summarise(float(observed[t]), draws[:, t]) for t in range(len(types))]
            summary = {
                key: np.array([x[key] for x in summary], dtype=float)
                for key in ("null_mean", "null_sd", "z", "p_greater", "p_less")
            }
            if not samples:
                summary["null_sd"][:] = summary["p_greater"][:] = summary["p_less"][:] = np.nan

        n_types = len(types)
        p = nz.sum(axis=0) / n_types
        var = float((p * (1 - p)).sum())
        expected_degree = nz.sum() / n_types
        z_degree = (degree - expected_degree) / np.sqrt(var) if var > 0 else np.nan
        # columns gathered as arrays, one frame at the end (a frame per plan is slow)
        parts.append(
            {
                "doc_id": np.full(n_types, doc, dtype=object),
                "agency_type": np.asarray(types, dtype=object),
                "lead_role_share_null_mean": summary["null_mean"],
                "lead_role_share_null_sd": summary["null_sd"],
                "lead_role_share_z": summary["z"],
                "lead_role_share_p_greater": summary["p_greater"],
                "lead_role_share_p_less": summary["p_less"],
                "degree_share_expected": np.full(n_types, 1.0 / n_types),
                "degree_share_z": np.broadcast_to(z_degree, (n_types,)).astype(float),
                "n_samples": np.full(n_types, samples, dtype=np.int64),
                "method": np.full(n_types, method, dtype=object),
                "lead_role_share_p": np.minimum(
                    1.0, 2.0 * np.minimum(summary["p_greater"], summary["p_less"])
                ),
                "degree_share_p": np.broadcast_to(
                    2.0 * stats.norm.sf(np.abs(z_degree)), (n_types,)
                ).astype(float),
                **_type_share_effects(
                    R,
                    observed,
                    summary["null_mean"],
                    null=null,
                    replicates=_bootstrap_replicates(len(mats), n, bootstrap),
                    rng=np.random.default_rng([seed, zlib.crc32(doc.encode()), 21]),
                ),
            }
        )
    columns = [
        "doc_id",
        "place_en",
        "agency_type",
        "type_en",
        "system",
        "degree",
        "n_lead",
        "lead_role_share",
        "lead_role_share_null_mean",
        "lead_role_share_null_sd",
        "lead_role_share_z",
        "lead_role_share_p_greater",
        "lead_role_share_p_less",
        "degree_share",
        "degree_share_expected",
        "degree_share_z",
        "n_samples",
        "method",
        *_TYPE_EFFECT_COLUMNS,
    ]
    base = base.assign(degree=base["n_lead"] + base["n_support"])
    if not parts:
        return pd.DataFrame(columns=columns)
    nulls = pd.DataFrame({key: np.concatenate([part[key] for part in parts]) for key in parts[0]})
    out = base.merge(nulls, on=["doc_id", "agency_type"], how="left")
    mtc = check_mtc(settings.COMPARE_MTC if mtc is None else mtc)
    for name, adjusted in _type_family_adjusted(out, mtc).items():
        out[name] = adjusted
    out = out[columns].sort_values(["doc_id", "agency_type"], kind="mergesort")
    out = out.reset_index(drop=True)
    out.attrs["skipped_unresolved"] = base.attrs.get("skipped_unresolved", {})
    out.attrs["mtc"] = mtc
    return out


_TYPE_EFFECT_COLUMNS = (
    "lead_role_share_ratio",
    "lead_role_share_ratio_lo",
    "lead_role_share_ratio_hi",
    "lead_role_share_p",
    "lead_role_share_p_adjusted",
    "degree_share_ratio",
    "degree_share_ratio_lo",
    "degree_share_ratio_hi",
    "degree_share_p",
    "degree_share_p_adjusted",
)


def _type_share_effects(
    R: np.ndarray,
    observed: np.ndarray,
    null_mean: np.ndarray,
    *,
    null: str,
    replicates: int,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    r"""Ratios and bootstrap intervals of one document's type shares.

    The replicates resample the document's measures (columns of ``R``) with replacement,
    as multinomial weights; each replicate's lead-share null mean is the role shuffle's
    exact expectation, :math:`\sum_{k \ni t} \ell_k / n_k` over the measures of type
    :math:`t` divided by its degree (:math:`\ell_k` leads among :math:`n_k` types), and its
    degree share's is :math:`1/T`. Intervals are those of :func:`_ratio_interval`; the
    lead-share interval needs the role null (NaN under ``null="curveball"``).
    """
    nz = (R != 0).astype(float)
    lead = (R == 2).astype(float)
    k, m = R.shape
    degree = nz.sum(axis=1)
    total = nz.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        lead_ratio = np.where(null_mean > 0, observed / null_mean, np.nan)
        degree_ratio = degree * k / total if total > 0 else np.full(k, np.nan)
        per_measure = np.where(nz.sum(axis=0) > 0, lead.sum(axis=0) / nz.sum(axis=0), 0.0)
    out = {
        "lead_role_share_ratio": lead_ratio,
        "lead_role_share_ratio_lo": np.full(k, np.nan),
        "lead_role_share_ratio_hi": np.full(k, np.nan),
        "degree_share_ratio": np.asarray(degree_ratio, dtype=float),
        "degree_share_ratio_lo": np.full(k, np.nan),
        "degree_share_ratio_hi": np.full(k, np.nan),
    }
    if replicates >= 2 and m > 0:
        W = np.stack([np.bincount(rng.integers(0, m, m), minlength=m) for _ in range(replicates)])
        W = W.astype(float)
        deg_b = W @ nz.T
        with np.errstate(divide="ignore", invalid="ignore"):
            share_b = (W @ lead.T) / deg_b
            mean_b = (W @ (nz * per_measure).T) / deg_b
            lead_b = np.where(mean_b > 0, share_b / mean_b, np.nan)
            types_b = (deg_b > 0).sum(axis=1, keepdims=True)
            degree_b = deg_b * types_b / deg_b.sum(axis=1, keepdims=True)
        level = settings.EFFECT_LEVEL
        for t in range(k):
            col = degree_b[:, t]
            lo, hi = _ratio_interval(col[np.isfinite(col)], out["degree_share_ratio"][t], level)
            out["degree_share_ratio_lo"][t], out["degree_share_ratio_hi"][t] = lo, hi
            if null == "roles":
                col = lead_b[:, t]
                lo, hi = _ratio_interval(col[np.isfinite(col)], lead_ratio[t], level)
                out["lead_role_share_ratio_lo"][t], out["lead_role_share_ratio_hi"][t] = lo, hi
    return out


def _role_lead_share_null(
    R: np.ndarray, observed: np.ndarray, degree: np.ndarray, n: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Lead-share null of the role shuffle, ``n`` samples drawn at once (vectorised).

    Each sample permutes every measure's roles among its types, as
    :func:`agencygraph.metrics.null_samples` with ``null="roles"`` does one
    at a time; the summary is that of :func:`agencygraph.metrics._summarise`
    per type.
    """
    cols, rows = np.nonzero(R.T)  # entries grouped by measure
    values = (R.T[cols, rows] == 2).astype(np.int64)
    order = np.argsort(cols[None, :] + rng.random((n, len(cols))), axis=1)
    k = R.shape[0]
    slot = (np.arange(n)[:, None] * k + rows[None, :]).ravel()
    leads = np.bincount(slot, weights=values[order].ravel(), minlength=n * k).reshape(n, k)
    draws = leads / degree
    mean = draws.mean(axis=0)
    sd = draws.std(axis=0, ddof=1) if n > 1 else np.full(len(observed), np.nan)
    sd = np.where(sd <= 1e-12 * np.maximum(1.0, np.abs(mean)), 0.0, sd)
    z = np.divide(observed - mean, sd, out=np.full(len(observed), np.nan), where=sd > 0)
    eps = 1e-12 * np.maximum(1.0, np.abs(observed))
    return {
        "null_mean": mean,
        "null_sd": sd,
        "z": z,
        "p_greater": (1 + (draws >= observed - eps).sum(axis=0)) / (n + 1),
        "p_less": (1 + (draws <= observed + eps).sum(axis=0)) / (n + 1),
    }


def similarity_between_places(
    assignments: pd.DataFrame,
    *,
    profile: str = "degree",
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
    responsible: str | None = None,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
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
    unit, collectives, measures
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

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
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="similarity_between_places",
    )
    if profile not in _PROFILES:
        raise ValueError(f"profile must be one of {_PROFILES}, got {profile!r}")
    counts, _ = _counts(assignments, docs=docs, inherited=inherited, responsible=responsible)
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


# --------------------------------------------------------------------------- place × place overlap


def _type_roles(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None,
    inherited: bool,
    responsible: str | None = None,
) -> pd.DataFrame:
    counts, _ = _counts(assignments, docs=docs, inherited=inherited, responsible=responsible)
    return counts


def _type_pairs(
    assignments: pd.DataFrame,
    *,
    docs: Iterable[str],
    inherited: bool,
    responsible: str | None = None,
) -> dict[str, set[str]]:
    """Lead → support type pairs of each document, as ``"lead->support"`` strings."""
    out = {}
    for doc, (part, _) in _split_docs(assignments, None, docs).items():
        edges = lead_support_network(
            part,
            docs=doc,
            inherited=inherited,
            node="agency_type",
            as_frame=True,
            responsible=responsible,
        )
        out[doc] = {f"{s}->{t}" for s, t in zip(edges["source"], edges["target"], strict=True)}
    return out


def place_overlap(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
    responsible: str | None = None,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> pd.DataFrame:
    r"""What each pair of places has in common, at the level of agency types.

    For documents *a*, *b* with type sets :math:`T_a, T_b`, lead types
    :math:`L_a, L_b` (types leading at least one measure) and lead → support
    type pairs :math:`P_a, P_b` (the edges of
    :func:`agencygraph.graph.lead_support_network` with
    ``node="agency_type"``: *s* → *t* when a unit of type *s* leads a measure a
    unit of type *t* supports):

    - ``shared_types`` :math:`= T_a \cap T_b`;
    - ``shared_lead_types`` :math:`= L_a \cap L_b` (types that lead in both);
    - ``shared_pairs`` :math:`= P_a \cap P_b`, written ``lead->support``.

    Lists are sorted and ``;``-joined (empty string when nothing is shared),
    each with its count ``n_…``.

    Parameters
    ----------
    assignments : DataFrame
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
        ``doc_a, doc_b, n_types_a, n_types_b, n_shared_types, shared_types,
        n_shared_lead_types, shared_lead_types, n_pairs_a, n_pairs_b,
        n_shared_pairs, shared_pairs``, one row per pair of documents with
        typed assignments, ``doc_a < doc_b``, sorted.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["x", "x", "y", "y", "y"],
    ...     "measure_id": ["x1", "x1", "y1", "y1", "y1"],
    ...     "role": ["lead", "support", "lead", "support", "support"],
    ...     "agency_id": ["x:a", "x:b", "y:a", "y:b", "y:c"],
    ...     "agency_type": ["hrss", "union", "hrss", "union", "finance"],
    ...     "inherited": [False] * 5, "line": [1] * 5})
    >>> place_overlap(a).loc[0, ["shared_types", "shared_lead_types", "shared_pairs"]].tolist()
    ['hrss;union', 'hrss', 'hrss->union']
    """
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="place_overlap",
    )
    columns = [
        "doc_a",
        "doc_b",
        "n_types_a",
        "n_types_b",
        "n_shared_types",
        "shared_types",
        "n_shared_lead_types",
        "shared_lead_types",
        "n_pairs_a",
        "n_pairs_b",
        "n_shared_pairs",
        "shared_pairs",
    ]
    counts = _type_roles(assignments, docs=docs, inherited=inherited, responsible=responsible)
    names = sorted(set(counts["doc_id"]))
    types = {d: set() for d in names}
    leads = {d: set() for d in names}
    for d, t, n_lead in zip(counts["doc_id"], counts["agency_type"], counts["n_lead"], strict=True):
        types[d].add(t)
        if n_lead > 0:
            leads[d].add(t)
    pairs = _type_pairs(assignments, docs=names, inherited=inherited, responsible=responsible)
    records = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared_types = sorted(types[a] & types[b])
            shared_leads = sorted(leads[a] & leads[b])
            shared_pairs = sorted(pairs[a] & pairs[b])
            records.append(
                {
                    "doc_a": a,
                    "doc_b": b,
                    "n_types_a": len(types[a]),
                    "n_types_b": len(types[b]),
                    "n_shared_types": len(shared_types),
                    "shared_types": ";".join(shared_types),
                    "n_shared_lead_types": len(shared_leads),
                    "shared_lead_types": ";".join(shared_leads),
                    "n_pairs_a": len(pairs[a]),
                    "n_pairs_b": len(pairs[b]),
                    "n_shared_pairs": len(shared_pairs),
                    "shared_pairs": ";".join(shared_pairs),
                }
            )
    return pd.DataFrame.from_records(records, columns=columns)


def lead_switches(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
    responsible: str | None = None,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> pd.DataFrame:
    """Agency types that lead in one place and only support in another.

    A type's role in a document is ``"lead"`` if it leads at least one
    measure there (it may also support others) and ``"support"`` if it only
    supports. For every pair of documents ``doc_a < doc_b`` and every type
    present in both, a row is written when the two roles differ.

    Parameters
    ----------
    assignments : DataFrame
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
        ``doc_a, doc_b, agency_type, role_in_a, role_in_b, n_lead_a,
        n_support_a, n_lead_b, n_support_b`` (type × measure counts, as in
        :func:`type_by_place`), sorted by ``doc_a, doc_b, agency_type``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["x", "x", "y", "y"], "measure_id": ["x1", "x1", "y1", "y1"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["x:a", "x:b", "y:b", "y:a"],
    ...     "agency_type": ["hrss", "union", "union", "hrss"],
    ...     "inherited": [False] * 4, "line": [1] * 4})
    >>> lead_switches(a)[["doc_a", "doc_b", "agency_type", "role_in_a", "role_in_b"]]
      doc_a doc_b agency_type role_in_a role_in_b
    0     x     y        hrss      lead   support
    1     x     y       union   support      lead
    """
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="lead_switches",
    )
    columns = [
        "doc_a",
        "doc_b",
        "agency_type",
        "role_in_a",
        "role_in_b",
        "n_lead_a",
        "n_support_a",
        "n_lead_b",
        "n_support_b",
    ]
    counts = _type_roles(assignments, docs=docs, inherited=inherited, responsible=responsible)
    counts = counts.assign(role=np.where(counts["n_lead"] > 0, "lead", "support"))
    pairs = counts.merge(counts, on="agency_type", suffixes=("_a", "_b"))
    pairs = pairs[(pairs["doc_id_a"] < pairs["doc_id_b"]) & (pairs["role_a"] != pairs["role_b"])]
    out = pd.DataFrame(
        {
            "doc_a": pairs["doc_id_a"],
            "doc_b": pairs["doc_id_b"],
            "agency_type": pairs["agency_type"],
            "role_in_a": pairs["role_a"],
            "role_in_b": pairs["role_b"],
            "n_lead_a": pairs["n_lead_a"],
            "n_support_a": pairs["n_support_a"],
            "n_lead_b": pairs["n_lead_b"],
            "n_support_b": pairs["n_support_b"],
        },
        columns=columns,
    )
    out = out.sort_values(["doc_a", "doc_b", "agency_type"], kind="mergesort")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- one-call comparison


def _tables(
    data, agencies: pd.DataFrame | None, documents: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame | None]:
    """Assignments, agencies and documents from a coded corpus or from tables."""
    if isinstance(data, pd.DataFrame):
        return data, agencies, documents
    if not hasattr(data, "assignments"):
        raise ValueError(
            "expected the assignments table or a coded corpus (agencygraph.parse_corpus())"
        )
    found = getattr(data, "agencies", None)
    if agencies is None and isinstance(found, pd.DataFrame) and not found.empty:
        agencies = found
    if documents is None:
        documents = getattr(data, "documents", None)
    return data.assignments, agencies, documents


def _wide_indices(
    base: pd.DataFrame,
    long: pd.DataFrame,
    documents: pd.DataFrame | None,
    unit: str,
    intervals: dict[str, dict[str, tuple[float, float]]] | None = None,
    mtc: str = "none",
) -> pd.DataFrame:
    """One row per document: counts, then each index with its z-score, p-value and effect.

    ``intervals`` (doc → index → (lo, hi)) are the bootstrap intervals of the ratio; the
    p-values of the whole table are adjusted together by ``mtc``.
    """
    keep = base[base["n_edges"] > 0]
    docs = list(keep["doc_id"])
    place = _places(documents, docs)
    out = keep[["doc_id", "n_agencies", "n_measures", "n_edges", "n_leads"]].copy()
    out.insert(1, "place_en", [place.get(d, "") for d in docs])
    wide = {
        column: long.pivot(index="doc_id", columns="index", values=column).reindex(docs)
        for column in ("z", "p_value", "null_mean")
    }
    intervals = intervals or {}
    columns: dict[str, np.ndarray] = {}
    for name in NETWORK_INDICES:
        observed = keep[name].to_numpy(dtype=float)
        columns[name] = keep[name].to_numpy()
        for suffix, column in (("z", "z"), ("p", "p_value"), ("null_mean", "null_mean")):
            table = wide[column]
            values = table[name] if name in table.columns else np.full(len(docs), np.nan)
            columns[f"{name}_{suffix}"] = np.asarray(values, dtype=float)
        mean = columns[f"{name}_null_mean"]
        with np.errstate(divide="ignore", invalid="ignore"):
            columns[f"{name}_ratio"] = np.where(np.abs(mean) > 0, observed / mean, np.nan)
        for end, suffix in ((0, "lo"), (1, "hi")):
            columns[f"{name}_ratio_{suffix}"] = np.array(
                [intervals.get(d, {}).get(name, (np.nan, np.nan))[end] for d in docs], dtype=float
            )
    columns.update(_index_family_adjusted(columns, mtc))
    order = [
        f"{name}{suffix}"
        for name in NETWORK_INDICES
        for suffix in (
            "", "_z", "_p", "_null_mean", "_ratio", "_ratio_lo", "_ratio_hi", "_p_adjusted",
        )
    ]  # fmt: skip
    extra = pd.DataFrame({c: columns[c] for c in order}, index=out.index)
    out = pd.concat([out, extra], axis=1)
    out["unit"] = unit
    out.attrs["mtc"] = mtc
    out.attrs["n_tests"] = int((~np.isnan(_index_tests(columns)[1])).sum())
    return out.sort_values("doc_id", kind="mergesort").reset_index(drop=True)


def _index_tests(columns) -> tuple[np.ndarray, np.ndarray]:
    """``cross_region``'s p-values (documents × indices) and its tests: the p-values of the
    indices the null can move. One the null cannot move (z NaN, p 1) is no test.
    ``columns``: a mapping of column name to values (a frame or a dict)."""
    values = np.column_stack([np.asarray(columns[f"{n}_p"], dtype=float) for n in NETWORK_INDICES])
    z = np.column_stack([np.asarray(columns[f"{n}_z"], dtype=float) for n in NETWORK_INDICES])
    return values, np.where(np.isfinite(z), values, np.nan)


def _index_family_adjusted(columns, mtc: str) -> dict[str, np.ndarray]:
    """``<index>_p_adjusted`` of ``cross_region`` from its ``_p`` and ``_z`` columns: its
    tests are one family (:func:`_index_tests`); a p that is no test is kept as it is."""
    values, tested = _index_tests(columns)
    adjusted = p_adjust(tested, mtc)
    adjusted = np.where(np.isnan(tested) & ~np.isnan(values), values, adjusted)
    return {f"{name}_p_adjusted": adjusted[:, i] for i, name in enumerate(NETWORK_INDICES)}


def _type_family_adjusted(frame: pd.DataFrame, mtc: str) -> dict[str, np.ndarray]:
    """``type_cross_region``'s ``*_p_adjusted``: each statistic's tests across the whole
    table are one family."""
    return {
        f"{name}_p_adjusted": p_adjust(frame[f"{name}_p"].to_numpy(dtype=float), mtc)
        for name in ("lead_role_share", "degree_share")
    }


def _ratio_points(base: pd.DataFrame, long: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Each document's ratio observed / null mean per index, from the two index tables."""
    observed = base.set_index("doc_id")
    out: dict[str, dict[str, float]] = {}
    for doc, name, mean in zip(long["doc_id"], long["index"], long["null_mean"], strict=True):
        value = float(observed.at[doc, name]) if doc in observed.index else np.nan
        ok = np.isfinite(value) and np.isfinite(mean) and abs(mean) > 0
        out.setdefault(doc, {})[name] = value / mean if ok else np.nan
    return out


@functools.lru_cache(maxsize=8)
def _normal_quantile(q: float) -> float:
    """``scipy.stats.norm.ppf(q)``, once per level (the bootstrap asks for it per index and
    plan: tens of thousands of calls of scipy's distribution machinery at corpus scale)."""
    from scipy import stats

    return float(stats.norm.ppf(q))


def _ratio_interval(replicates: np.ndarray, point: float, level: float) -> tuple[float, float]:
    """Interval of a ratio from its bootstrap standard error, on the log scale.

    ``point × exp(± z se / point)`` with ``se`` the standard deviation of the replicates and
    ``z`` the normal quantile of ``level``: the normal interval of ``log(ratio)`` by the delta
    method, so it is never negative and is as skewed as a ratio is. The replicates give only
    the spread, not the location: a resampled plan repeats measures, which moves some indices
    (and so its percentiles) away from the estimate.
    """
    if not (np.isfinite(point) and point > 0) or replicates.size < 2:
        return (np.nan, np.nan)
    se = float(np.std(replicates, ddof=1))
    half = _normal_quantile((1.0 + level) / 2) * se / point
    return (point * float(np.exp(-half)), point * float(np.exp(half)))


def _column_means(values: np.ndarray) -> np.ndarray:
    """The mean of each column of ``values`` (draws × indices), in one reduction.

    Each row of the transposed copy is summed along its contiguous axis by the same
    pairwise summation as ``values[:, i].mean()``, so the means are equal bit for bit (one
    numpy call instead of one per index, per replicate, per plan).
    """
    return np.ascontiguousarray(values.T).mean(axis=1)


def _ratio_intervals(
    mats: dict[str, tuple[np.ndarray, list, list]],
    masks: dict[str, tuple[np.ndarray | None, np.ndarray]],
    points: dict[str, dict[str, float]],
    *,
    seed: int,
    replicates: int,
    lead_null: str | None = None,
) -> dict[str, dict[str, tuple[float, float]]]:
    """Bootstrap interval of each index's ratio (observed / null mean) in each document.

    A replicate resamples the document's measures (columns of its role matrix) with
    replacement, drops agencies left without a measure, computes each index on it and on
    :data:`agencygraph.settings.EFFECT_BOOTSTRAP_NULL` curveball draws of it (the compiled
    sampler, the reduced null's schedule), and keeps their ratio; the interval is the
    ``EFFECT_LEVEL`` interval of :func:`_ratio_interval` around ``points`` (the table's
    ratios) from the replicates' spread. The Louvain indices are not
    recomputed (no interval). ``replicates`` follows :func:`_bootstrap_replicates`.
    """
    from agencygraph._curveball import STACK_INDICES, curveball_chains, stack_index_array
    from agencygraph.metrics.nulls import (
        LEAD_INDICES,
        NULL_BURN_IN,
        NULL_REDUCED_CHAINS,
        NULL_REDUCED_THIN,
        _role_permutation_stack,
    )

    lead_null = settings.LEAD_NULL if lead_null is None else lead_null
    # the lead indices' null means come from the null the table's point estimate used
    by_roles = np.array(
        [lead_null == "role_permutation" and n in LEAD_INDICES for n in STACK_INDICES]
    )

    draws = settings.EFFECT_BOOTSTRAP_NULL
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for doc, (R, _, _) in mats.items():
        party, union = masks[doc]
        k, m = R.shape
        if replicates < 2 or m == 0 or k == 0:
            continue
        rng = np.random.default_rng([seed, zlib.crc32(doc.encode()), 20])
        ratios = np.full((replicates, len(STACK_INDICES)), np.nan)
        for b in range(replicates):
            Rb = R[:, rng.integers(0, m, size=m)]
            present = (Rb != 0).any(axis=1)
            Rb = np.ascontiguousarray(Rb[present])
            sub_party = None if party is None else party[present]
            sub_union = union[present]
            stack = curveball_chains(
                Rb,
                draws,
                n_chains=NULL_REDUCED_CHAINS,
                burn_in=NULL_BURN_IN,
                thin=NULL_REDUCED_THIN,
                seed=int(rng.integers(0, 2**63 - 1)),
            )
            # the observed plan and its curveball draws in one call
            found = stack_index_array(
                np.concatenate([Rb[None], stack]), party=sub_party, union=sub_union
            )
            values = found[0]
            means = _column_means(found[1:])
            if by_roles.any():
                permuted = _role_permutation_stack(Rb, draws, rng)
                roles = stack_index_array(
                    permuted, party=sub_party, union=sub_union, incidence=False
                )
                means = np.where(by_roles, _column_means(roles), means)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratios[b] = np.where(np.abs(means) > 0, values / means, np.nan)
        out[doc] = {}
        for i, name in enumerate(STACK_INDICES):
            column = ratios[:, i]
            column = column[np.isfinite(column)]
            point = points.get(doc, {}).get(name, np.nan)
            if column.size >= 2 and np.isfinite(point):
                out[doc][name] = _ratio_interval(column, point, settings.EFFECT_LEVEL)
    return out


def _bootstrap_replicates(n_docs: int, n: int, bootstrap: int | None) -> int:
    """Bootstrap replicates per document: ``bootstrap``, else the settings' rule.

    :data:`agencygraph.settings.EFFECT_BOOTSTRAP`, but no more than the null's samples ``n``
    (a quick run with few null samples gets a quick interval), and past ``NULL_FULL_DOCS``
    documents the null's budget rule, at least ``EFFECT_BOOTSTRAP_MIN``.
    """
    if bootstrap is not None:
        return int(bootstrap)
    replicates = min(settings.EFFECT_BOOTSTRAP, int(n))
    if n_docs > settings.NULL_FULL_DOCS:
        share = replicates * settings.NULL_FULL_DOCS // n_docs
        replicates = max(min(settings.EFFECT_BOOTSTRAP_MIN, replicates), share)
    return replicates


def _excluded(base: pd.DataFrame, documents: pd.DataFrame | None) -> list[str]:
    listed = set(text(documents["doc_id"])) if documents is not None else set()
    with_edges = set(base.loc[base["n_edges"] > 0, "doc_id"])
    return sorted((listed | set(base["doc_id"])) - with_edges - {""})


def cross_region_comparison(
    data,
    agencies: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    *,
    n: int | None = None,
    seed: int | None = None,
    inherited: bool = True,
    projection: str = "newman",
    responsible: str | None = None,
    mtc: str | None = None,
    bootstrap: int | None = None,
    measures: pd.DataFrame | None = None,
    unit: str | None = None,
    collectives: str = "keep",
) -> pd.DataFrame:
    r"""Network indices of every place, each with its effect against a degree-preserving null.

    One call for the cross-region comparison: :func:`agencygraph.metrics.network_indices`
    and :func:`agencygraph.metrics.network_indices_with_null` (curveball null
    keeping every agency's and every measure's degree and each measure's
    leads; ``z`` :math:`= (s_{obs} - \bar s_{null}) / \operatorname{sd}(s_{null})`,
    two-sided empirical ``p``) side by side, one row per document. Raw indices
    depend on plan size, and so do z-scores: the null's spread shrinks as a
    plan grows, so the same departure gives a larger z in a longer plan (a
    plan put beside a copy of itself keeps its lead HHI while its z grows).
    Places are therefore compared by a size-free effect with a confidence
    interval (docs/methods.md, section 9):

    - ``<index>_ratio`` :math:`= s_{obs} / \bar s_{null}` (1: as the null;
      ``ratio - 1`` is the relative effect :math:`(s_{obs} - \bar s_{null}) /
      \bar s_{null}`), beside ``<index>_null_mean`` and the standardised
      effect ``<index>_z``;
    - ``<index>_ratio_lo``, ``<index>_ratio_hi``: a bootstrap interval
      (level :data:`agencygraph.settings.EFFECT_LEVEL`) over the plan's
      measures: each of ``bootstrap`` replicates resamples the measures with
      replacement and recomputes the index and its null mean
      (:data:`agencygraph.settings.EFFECT_BOOTSTRAP_NULL` curveball draws of
      the replicate), and the interval is
      :math:`r \exp(\pm z_{0.975}\, \mathrm{se}/r)`, the normal interval of
      :math:`\log r` with the replicates' standard error ``se`` (delta
      method). It carries the sampling error of a plan of this length and
      the Monte Carlo error of the null mean. None for the Louvain indices
      (``modularity``, ``n_communities``);
    - ``<index>_p_adjusted``: the two-sided p-values of the whole table
      (every document × index the null can move) adjusted together by
      ``mtc``, as R's ``p.adjust``.

    Documents without any (resolved) assignment — narrative plans that name
    no lead or support units — are left out; their ids are in
    ``df.attrs["excluded"]``.

    Unit of analysis. A table plan writes a task over several rows, a merged
    cell carried down to each (慈溪: 57 rows, 22 tasks); an inline plan writes
    one item per task. Counted in rows, one merged lead cell is several leads,
    and plans of the two layouts are not comparable, so this table counts
    tasks by default (``unit=None``: ``"task"`` wherever the measures table
    tells each measure's task, else ``"row"``) and says which in its ``unit``
    column.

    Parameters
    ----------
    data : coded corpus or DataFrame
        The object from :func:`agencygraph.parse_corpus` (its ``assignments``,
        ``agencies`` and ``documents`` are used), or the assignments table.
    agencies, documents : DataFrame, optional
        Override (or, with a table, supply) the agencies table (systems, for
        ``party_lead_share``) and the documents table (``place_en``; its
        documents without assignments are listed as excluded).
    n : int, optional
        Null samples per document; default :data:`agencygraph.settings.NULL_SAMPLES`.
    seed : int, optional
        Default :data:`agencygraph.settings.SEED`.
    inherited, projection
        As in :func:`agencygraph.metrics.network_indices`.
    mtc : str, optional
        Correction of the table's p-values (R ``p.adjust`` names, see
        :func:`agencygraph.multitest.p_adjust`); default
        :data:`agencygraph.settings.COMPARE_MTC` (Benjamini–Hochberg).
    bootstrap : int, optional
        Bootstrap replicates per document; default
        :data:`agencygraph.settings.EFFECT_BOOTSTRAP`, at most ``n``, fewer
        past ``NULL_FULL_DOCS`` documents (at least ``EFFECT_BOOTSTRAP_MIN``);
        0 gives no intervals.
    measures : DataFrame, optional
        The measures table (taken from a coded corpus when not given); its
        ``task_no`` tells the tasks.
    unit : {"task", "row"}, optional
        Default None: ``"task"`` where the tasks are known, else ``"row"``.
    collectives : {"keep", "drop"}
        Collective actors (:mod:`agencygraph.units`); default ``"keep"``.

    Returns
    -------
    DataFrame
        ``doc_id, place_en, n_agencies, n_measures, n_edges, n_leads``, then
        for each index of :data:`agencygraph.metrics.NETWORK_INDICES` the
        columns ``<index>, <index>_z, <index>_p, <index>_null_mean,
        <index>_ratio, <index>_ratio_lo, <index>_ratio_hi,
        <index>_p_adjusted``, then ``unit`` (``"task"`` or ``"row"``, the
        unit counted); sorted by ``doc_id``. ``attrs``: ``excluded``
        (list of doc_ids), ``n_samples``, ``seed``, ``mtc``, ``n_tests``
        (the size of the corrected family). Indices the null cannot change
        have ``_z`` NaN, ``_p`` 1 (not counted as tests) and ``_ratio`` 1.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:a", "d:b", "d:a", "d:c"], "agency_type": ["a", "b", "a", "c"],
    ...     "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> docs = pd.DataFrame({"doc_id": ["d", "e"], "place_en": ["D", "E"]})
    >>> t = cross_region_comparison(a, documents=docs, n=50, seed=1)
    >>> t[["doc_id", "place_en", "n_edges", "density", "density_z"]]
      doc_id place_en  n_edges   density  density_z
    0      d        D        4  0.666667        NaN
    >>> t.attrs["excluded"]
    ['e']
    """
    assignments, agencies, documents = _tables(data, agencies, documents)
    if measures is None and not isinstance(data, pd.DataFrame):
        measures = getattr(data, "measures", None)
    unit = units.comparable_unit(unit, measures)
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="cross_region_comparison",
    )
    n = settings.NULL_SAMPLES if n is None else int(n)
    seed = settings.SEED if seed is None else int(seed)
    options = {"agencies": agencies, "inherited": inherited, "projection": projection}
    base = network_indices(assignments, seed=seed, **options, responsible=responsible)
    long = network_indices_with_null(
        assignments, n=n, seed=seed, **options, responsible=responsible
    )
    mats = role_matrices(assignments, inherited=inherited, responsible=responsible)
    type_of, system_of = _agency_lookup(assignments, agencies)
    masks = {doc: _masks(rows, type_of, system_of) for doc, (_, rows, _) in mats.items()}
    replicates = _bootstrap_replicates(len(mats), n, bootstrap)
    points = _ratio_points(base, long)
    intervals = _ratio_intervals(mats, masks, points, seed=seed, replicates=replicates)
    mtc = check_mtc(settings.COMPARE_MTC if mtc is None else mtc)
    out = _wide_indices(base, long, documents, unit, intervals, mtc)
    out.attrs.update({"excluded": _excluded(base, documents), "n_samples": n, "seed": seed})
    return out


def _indices_and_null(
    assignments: pd.DataFrame,
    row_mats: dict,
    row_null: pd.DataFrame,
    agencies: pd.DataFrame | None,
    *,
    n: int,
    seed: int,
    budget: int | None,
    responsible: str | None,
    lead_null: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indices and null table of ``assignments`` (another unit), reusing ``row_null``.

    A document whose role matrix the unit leaves unchanged (an inline plan: one row per
    task) keeps its rows of ``row_null`` (the same matrix and random stream give the same
    draws); the others get a null of their own, with the samples the corpus budget gives
    every document (so that a second null costs no more per plan than the first).
    """
    sel, skipped = select_assignments(
        assignments, docs=None, roles=ROLES, inherited=True, node="agency_id",
        responsible=responsible,
    )  # fmt: skip
    mats = _role_matrices_of(sel)
    type_of, system_of = _agency_lookup(assignments, agencies)
    indices = _indices_table(mats, skipped, type_of, system_of, projection="newman", seed=seed)
    observed = indices.set_index("doc_id").to_dict("index")

    def same(doc: str) -> bool:
        if doc not in row_mats:
            return False
        (R, rows, cols), (R0, rows0, cols0) = mats[doc], row_mats[doc]
        return rows == rows0 and cols == cols0 and np.array_equal(R, R0)

    changed = {doc: mats[doc] for doc in mats if not same(doc)}
    masks = {doc: _masks(rows, type_of, system_of) for doc, (_, rows, _) in changed.items()}
    own = _null_table(
        changed, masks, observed, n=n, seed=seed, budget=budget, projection="newman",
        burn_in=None, thin=None, n_chains=None, lead_null=lead_null, plan_docs=list(mats),
    )  # fmt: skip
    kept = row_null[row_null["doc_id"].isin([d for d in mats if d not in changed])]
    null = pd.concat([kept, own], ignore_index=True) if len(own) else kept
    null = null.sort_values("doc_id", kind="stable").reset_index(drop=True)
    return indices, null


def _with_doc(frame: pd.DataFrame, doc: str) -> pd.DataFrame:
    frame = frame.copy()
    frame.insert(0, "doc_id", doc)
    return frame


def _concat(parts: list[pd.DataFrame], columns: list[str], by: list[str]) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    out = pd.concat(parts, ignore_index=True)[columns]
    return out.sort_values(by, kind="mergesort").reset_index(drop=True)


def _sdsm_edges(
    mats: dict[str, tuple[np.ndarray, list, list]],
    *,
    mtc: str | None = None,
    alpha: float | None = None,
    budget: int | None = None,
) -> pd.DataFrame:
    """SDSM backbone of each document's agency projection, from its role matrix.

    One small dense matrix per document (the binary incidence of
    :func:`agencygraph.graph.incidence_matrix`, rows and columns sorted as
    there): cost linear in the number of documents. The edges are those of
    :func:`agencygraph.backbone.sdsm_backbone` (unsigned, pairs that share no
    measure untested) with ``method="auto"``: exact Poisson-binomial tails
    where the document's work is within ``budget`` (default
    :data:`agencygraph.settings.SDSM_EXACT_BUDGET`), the refined normal
    approximation past it; ``method`` says which, per row. The p-values of a
    document's tested pairs are corrected together by ``mtc`` (default
    :data:`agencygraph.settings.BACKBONE_MTC`; ``correction`` names it) and a
    pair is kept where ``p_adjusted < alpha``. Read straight from the p-value
    matrix rather than through a graph per plan.
    """
    columns = [
        "doc_id", "source", "target", "weight", "sign", "p_value", "p_adjusted", "method",
        "correction",
    ]  # fmt: skip
    mtc = check_mtc(settings.BACKBONE_MTC if mtc is None else mtc)
    alpha = settings.ALPHA if alpha is None else float(alpha)
    parts: dict[str, list[np.ndarray]] = {c: [] for c in columns}
    failed = []
    methods = {}
    for doc, (R, rows, _) in mats.items():
        if R.shape[0] < 2:
            continue
        try:
            B = (R != 0).astype(np.int64)
            P, upper, _, method = _sdsm_tails(
                B, method="auto", tol=1e-8, max_iter=200, budget=budget
            )
        except ConvergenceError:
            failed.append(doc)  # a fit that does not converge is listed, not fatal
            continue
        methods[doc] = method
        tested = np.where(P != 0, upper, np.nan)  # backbone >= 2.1 tests co-occurring pairs only
        adjusted = _adjust_matrix(tested, mtc)
        with np.errstate(invalid="ignore"):
            keep = adjusted < alpha
        i, j = np.nonzero(np.triu(keep, 1))
        if not len(i):
            continue
        labels = np.asarray(rows, dtype=object)
        n = len(i)
        parts["doc_id"].append(np.full(n, doc, dtype=object))
        parts["source"].append(labels[i])  # rows are sorted, so i < j keeps source < target
        parts["target"].append(labels[j])
        parts["weight"].append(P[i, j].astype(np.int64))
        parts["sign"].append(np.ones(n, dtype=np.int64))
        parts["p_value"].append(upper[i, j].astype(float))
        parts["p_adjusted"].append(adjusted[i, j].astype(float))
        parts["method"].append(np.full(n, method, dtype=object))
        parts["correction"].append(np.full(n, mtc, dtype=object))
    if parts["doc_id"]:
        out = pd.DataFrame({c: np.concatenate(parts[c]) for c in columns})
        out = out.sort_values(["doc_id", "source", "target"], kind="stable")
        out = out.reset_index(drop=True)[columns]
    else:
        out = _concat([], columns, ["doc_id", "source", "target"])
    out.attrs.update(not_converged=failed, mtc=mtc, alpha=alpha, methods=methods)
    return out


def metric_tables(
    coded,
    *,
    n: int | None = None,
    seed: int | None = None,
    inherited: bool = True,
    budget: int | None = None,
    pair_tables: bool | None = None,
    responsible: str | None = None,
    mtc: str | None = None,
    unit: str | None = None,
    collectives: str = "keep",
    lead_null: str | None = None,
    pooled: bool = True,
) -> dict[str, pd.DataFrame]:
    """Every metric table of the build, computed from a coded corpus.

    Lives in :mod:`agencygraph.compare` because it combines the per-document
    metrics of :mod:`agencygraph.metrics` with the cross-region tables here.
    Each table is tidy, sorted and a deterministic function of ``coded``,
    ``n`` and ``seed``; the build writes each as ``<name>.csv`` next to the
    coded tables. Documents without assignments appear in none of them.

    ====================  =====================================================
    name                  content (columns)
    ====================  =====================================================
    network_indices       :func:`~agencygraph.metrics.network_indices`, one row
                          per document
    network_null          :func:`~agencygraph.metrics.network_indices_with_null`
                          (long: ``doc_id, index, observed, null_mean, null_sd,
                          z, p_value, p_greater, p_less, n_samples,
                          method, null, moments, ratio, relative_effect,
                          ess, mcse_mean, mcse_z, mcse_p``; ``method`` full /
                          reduced / skipped; ``lead_null`` chooses the
                          null of the lead rows)
    cross_region          :func:`cross_region_comparison` (one row per document)
    agency_centrality     :func:`~agencygraph.metrics.agency_centrality` of each
                          document's graph: ``doc_id, agency, …`` (computed
                          from the role matrices, without building the
                          graphs; equal to rounding)
    type_centrality       the same on the pooled type graph (all documents, one
                          node per ``agency_type``), sorted by ``agency_type``;
                          one large component, so its betweenness is
                          ``"sampled"`` past
                          :data:`agencygraph.settings.BETWEENNESS_EXACT_NODES`
    brokerage             :func:`~agencygraph.metrics.brokerage_table` (lead →
                          support, groups = system)
    brokerage_by_system   :func:`~agencygraph.metrics.brokerage_by_system`
    agency_overlap        :func:`~agencygraph.metrics.overlap` of each document
                          (Jaccard and overlap coefficient): ``doc_id, source,
                          target, …``
    place_overlap         :func:`place_overlap` (place × place: see
                          ``pair_tables``)
    lead_switches         :func:`lead_switches` (place × place)
    type_by_place         :func:`type_by_place` (long)
    type_cross_region     :func:`cross_region_table` (lead and degree share of
                          each type against the role null; ``n_samples,
                          method``)
    place_similarity      :func:`similarity_between_places` for the profiles
                          degree, lead and support: ``profile, doc_a, doc_b,
                          …`` (place × place)
    backbone              SDSM backbone of each document's agency projection
                          (:func:`agencygraph.backbone.sdsm_backbone` on the
                          binary incidence of
                          :func:`agencygraph.graph.incidence_matrix`, alpha
                          :data:`agencygraph.settings.ALPHA`, each plan's
                          tested pairs corrected by ``mtc``): ``doc_id,
                          source, target, weight, sign, p_value,
                          p_adjusted, method, correction`` (``method``:
                          ``exact`` Poisson-binomial tails within
                          :data:`agencygraph.settings.SDSM_EXACT_BUDGET`,
                          else ``rna``); ``attrs["not_converged"]`` lists
                          documents whose BiCM fit did not converge (left
                          out)
    ====================  =====================================================

    Parameters
    ----------
    coded : coded corpus
        The object from :func:`agencygraph.parse_corpus` (attributes
        ``documents``, ``measures``, ``assignments``, ``agencies``).
    n : int, optional
        Null samples per document; default :data:`agencygraph.settings.NULL_SAMPLES`.
    seed : int, optional
        Default :data:`agencygraph.settings.SEED`.
    inherited : {"keep", "drop"} or bool
        Keep (default) or drop assignments carried down from merged cells;
        ``"weight"`` is refused (the tables count assignments 0/1).
    unit : {"row", "task"}, optional
        The unit of analysis of every table (:mod:`agencygraph.units`). Default
        None: ``cross_region`` counts tasks wherever the measures table tells
        them (the unit that makes table and inline plans comparable; its
        ``unit`` column says which), every other table rows, as coded.
    collectives : {"keep", "drop"}
        Keep (default) or drop collective actors (各有关单位, 各县(区)党委和政府 …)
        in every table; kept, they are flagged in the centrality tables.
    budget : int, optional
        Null-model budget (document × sample units) past
        :data:`agencygraph.settings.NULL_FULL_DOCS` documents; default
        :data:`agencygraph.settings.NULL_BUDGET` (None: ``NULL_FULL_DOCS × n``).
    mtc : str, optional
        Multiple-test correction (R ``p.adjust`` names, see
        :func:`agencygraph.multitest.p_adjust`) of every family of tests:
        each plan's backbone pairs and each cross-region table. None: the
        documented defaults :data:`agencygraph.settings.BACKBONE_MTC` and
        :data:`agencygraph.settings.COMPARE_MTC` (both Benjamini–Hochberg).
    lead_null : {"role_permutation", "curveball"}, optional
        Null of the lead statistics in ``network_null`` (and the lead z-scores of
        ``cross_region``); default :data:`agencygraph.settings.LEAD_NULL`.
    pair_tables : bool, optional
        Write the place × place tables. Default (None): only for corpora of
        at most :data:`agencygraph.settings.PAIR_TABLES_MAX_DOCS` documents
        with assignments (their size grows with the square of the corpus);
        past it they are empty, with the reason in ``attrs["skipped"]``.
    pooled : bool
        Compute ``type_centrality`` (the pooled type graph); ``False`` leaves it out
        (a build streamed in chunks computes it once, over every chunk).

    Returns
    -------
    dict of str to DataFrame
        In the order of the table above.

    Notes
    -----
    Cost is linear in the number of documents: every per-document table is
    computed from one selection of the whole corpus, split once (no
    document scans the whole table). What is exact and what is sampled:

    - exact at every size: network indices (observed), type × place counts,
      degree-share z, overlap, brokerage, backbone, per-document
      centralities (each plan is its own component; a component over
      ``BETWEENNESS_EXACT_NODES`` nodes would get sampled betweenness);
    - Monte-Carlo (seeded) with ``n`` samples per document up to
      ``NULL_FULL_DOCS`` documents (``method`` ``"full"``), under the budget
      past it (``"reduced"``, at least ``NULL_MIN_SAMPLES`` each, every
      document; Louvain's two indices on ``NULL_LOUVAIN_BUDGET // n_docs``
      draws, ``"skipped"`` below ``NULL_LOUVAIN_SAMPLES``): ``network_null``,
      ``cross_region`` z-scores and ``type_cross_region`` lead-share nulls;
    - sampled betweenness in ``type_centrality`` once the pooled graph's
      component exceeds ``BETWEENNESS_EXACT_NODES`` nodes.

    Examples
    --------
    >>> import agencygraph as ag
    >>> tables = metric_tables(ag.parse_corpus(), n=20, seed=1)
    >>> tables["cross_region"]["doc_id"].tolist(), tables["cross_region"].attrs["excluded"]
    (['cixi', 'haimen', 'lijiang'], ['ningbo', 'shanhu'])
    """
    assignments, agencies, documents = _tables(coded, None, None)
    measures = getattr(coded, "measures", None)
    cross_unit = units.comparable_unit(unit, measures)
    base_unit = units.check_unit(unit) if unit is not None else "row"
    options = {"inherited": inherited, "collectives": collectives, "statistic": "metric_tables"}
    original = assignments
    assignments, _ = units.prepare(assignments, measures, unit=base_unit, **options)
    n = settings.NULL_SAMPLES if n is None else int(n)
    seed = settings.SEED if seed is None else int(seed)
    sel, skipped = select_assignments(
        assignments,
        docs=None,
        roles=ROLES,
        inherited=inherited,
        node="agency_id",
        responsible=responsible,
    )
    docs = sorted(set(sel["doc_id"]))
    mats = _role_matrices_of(sel)
    type_of, system_of = _agency_lookup(assignments, agencies)
    indices = _indices_table(mats, skipped, type_of, system_of, projection="newman", seed=seed)
    observed = indices.set_index("doc_id").to_dict("index")
    masks = {doc: _masks(rows, type_of, system_of) for doc, (_, rows, _) in mats.items()}
    null = _null_table(
        mats,
        masks,
        observed,
        n=n,
        seed=seed,
        budget=budget,
        projection="newman",
        burn_in=None,
        thin=None,
        n_chains=None,
        lead_null=lead_null,
    )
    if cross_unit == base_unit:
        cross_indices, cross_null = indices, null
    else:
        tasks, _ = units.prepare(original, measures, unit=cross_unit, **options)
        cross_indices, cross_null = _indices_and_null(
            tasks,
            mats,
            null,
            agencies,
            n=n,
            seed=seed,
            budget=budget,
            responsible=responsible,
            lead_null=lead_null,
        )
    compare_mtc = check_mtc(settings.COMPARE_MTC if mtc is None else mtc)
    if cross_unit == base_unit:
        cross_mats, cross_masks = mats, masks
    else:
        cross_sel, _ = select_assignments(
            tasks, docs=None, roles=ROLES, inherited=True, node="agency_id",
            responsible=responsible,
        )  # fmt: skip
        cross_mats = _role_matrices_of(cross_sel)
        t_type, t_system = _agency_lookup(tasks, agencies)
        cross_masks = {d: _masks(rows, t_type, t_system) for d, (_, rows, _) in cross_mats.items()}
    intervals = _ratio_intervals(
        cross_mats,
        cross_masks,
        _ratio_points(cross_indices, cross_null),
        seed=seed,
        replicates=_bootstrap_replicates(len(cross_mats), n, None),
        lead_null=lead_null,
    )
    cross = _wide_indices(cross_indices, cross_null, documents, cross_unit, intervals, compare_mtc)
    cross.attrs.update(
        {"excluded": _excluded(cross_indices, documents), "n_samples": n, "seed": seed}
    )

    centrality = _centrality_of_documents(sel, mats, agencies, seed=seed)
    type_centrality = None
    if pooled:
        # agency_centrality of the pooled type graph, from sparse matrices: the graph
        # would hold every measure of the corpus (_type_centrality; equal bit for bit).
        type_centrality = _pooled_type_centrality(
            assignments, agencies, inherited=inherited, responsible=responsible, seed=seed
        )

    max_docs = settings.PAIR_TABLES_MAX_DOCS if pair_tables is None else None
    with_pairs = bool(pair_tables) or (pair_tables is None and len(docs) <= max_docs)
    if with_pairs:
        similarity = [
            _with_doc(
                similarity_between_places(
                    assignments, profile=p, inherited=inherited, responsible=responsible
                ),
                p,
            ).rename(columns={"doc_id": "profile"})
            for p in _PROFILES
        ]
        pairs = {
            "place_overlap": place_overlap(
                assignments, inherited=inherited, responsible=responsible
            ),
            "lead_switches": lead_switches(
                assignments, inherited=inherited, responsible=responsible
            ),
            "place_similarity": pd.concat(similarity, ignore_index=True),
        }
    else:
        pairs = {name: _skipped_pairs(name, len(docs)) for name in _PAIR_COLUMNS}
    brokerage = brokerage_table(assignments, agencies, inherited=inherited, responsible=responsible)
    tables = {
        "network_indices": indices,
        "network_null": null,
        "cross_region": cross,
        "agency_centrality": centrality,
        "type_centrality": type_centrality,
        "brokerage": brokerage,
        "brokerage_by_system": _by_system(brokerage),
        "agency_overlap": _overlap_of_documents(sel),
        "place_overlap": pairs["place_overlap"],
        "lead_switches": pairs["lead_switches"],
        "type_by_place": type_by_place(
            assignments, agencies, documents, inherited=inherited, responsible=responsible
        ),
        "type_cross_region": cross_region_table(
            assignments,
            agencies,
            documents,
            n=n,
            seed=seed,
            inherited=inherited,
            budget=budget,
            responsible=responsible,
            mtc=compare_mtc,
        ),
        "place_similarity": pairs["place_similarity"],
        "backbone": _sdsm_edges(mats, mtc=settings.BACKBONE_MTC if mtc is None else mtc),
    }
    if type_centrality is None:
        del tables["type_centrality"]
    return tables


_PAIR_COLUMNS: dict[str, list[str]] = {
    "place_overlap": [
        "doc_a", "doc_b", "n_types_a", "n_types_b", "n_shared_types", "shared_types",
        "n_shared_lead_types", "shared_lead_types", "n_pairs_a", "n_pairs_b",
        "n_shared_pairs", "shared_pairs",
    ],
    "lead_switches": [
        "doc_a", "doc_b", "agency_type", "role_in_a", "role_in_b",
        "n_lead_a", "n_support_a", "n_lead_b", "n_support_b",
    ],
    "place_similarity": [
        "profile", "doc_a", "doc_b", "n_shared_types", "jaccard", "cosine", "weighted_jaccard",
    ],
}  # fmt: skip


def _skipped_pairs(name: str, n_docs: int) -> pd.DataFrame:
    """The empty place × place table written past the threshold, saying why."""
    out = pd.DataFrame({c: pd.Series(dtype=object) for c in _PAIR_COLUMNS[name]})
    out.attrs["skipped"] = (
        f"{n_docs} documents: over agencygraph.settings.PAIR_TABLES_MAX_DOCS = "
        f"{settings.PAIR_TABLES_MAX_DOCS} ({n_docs * (n_docs - 1) // 2} pairs); "
        "pass pair_tables=True or call the function directly"
    )
    return out


# -- the study question in one call ---------------------------------------------------------------

#: Smallest expected count for which the chi-square p-value of :func:`role_shares` is used;
#: below it (in any cell) the p-value is exact (Fisher, two groups) or by permutation.
MIN_EXPECTED: float = 5.0
#: Permutations of the permutation p-value of :func:`role_shares`.
PERMUTATIONS: int = 10_000

ROLE_SHARE_COLUMNS = (
    "agency_type",
    "type_en",
    "system",
    "group",
    "n_docs",
    "n_lead",
    "n_support",
    "lead_role_share",
    "chi2",
    "dof",
    "p_value",
    "p_method",
    "min_expected",
    "cramers_v",
    "cramers_v_lo",
    "cramers_v_hi",
    "p_adjusted",
)


def role_shares(
    coded,
    by: str = "place",
    *,
    types: Iterable[str] | None = None,
    permutations: int = PERMUTATIONS,
    seed: int | None = None,
    mtc: str | None = None,
    unit: str = "row",
    inherited: bool | str = True,
    collectives: str = "keep",
) -> pd.DataFrame:
    r"""How often each agency type leads, per place (or province, level), with a test of
    whether the share differs between them.

    Counts are type × measure incidences as in :func:`type_by_place` (a type leads a measure
    if any of its units does). For each type, the groups in which it occurs give a
    :math:`g \times 2` table of lead and support counts; the test of independence is

    - Pearson's :math:`\chi^2` (no continuity correction), ``p_method == "chi2"``, when every
      expected count is at least :data:`MIN_EXPECTED`;
    - otherwise, with two groups, Fisher's exact test (two-sided), ``"fisher"``;
    - otherwise a permutation test: the type's lead incidences are redistributed over the
      groups at random (group sizes fixed; multivariate hypergeometric draws, seeded), and
      :math:`p = (1 + \#\{\chi^2_{perm} \ge \chi^2_{obs}\}) / (1 + n_{perm})`,
      ``"permutation"``.

    A type found in fewer than two groups, or that always or never leads, has no test
    (NaN, ``p_method == ""``). The effect size is Cramér's :math:`V = \sqrt{\chi^2 / N}`
    (:math:`N` the type's incidences; a :math:`g \times 2` table), size-free where
    :math:`\chi^2` grows with :math:`N`, with a percentile interval from a parametric
    bootstrap (each group's leads redrawn as binomial with its observed share;
    :data:`agencygraph.settings.EFFECT_BOOTSTRAP` replicates; :math:`V` is biased upwards
    in small tables, so read the interval's upper end with care). ``p_adjusted``: the
    types' p-values adjusted together by ``mtc`` (default
    :data:`agencygraph.settings.COMPARE_MTC`). Caveat: the tests treat a type's measures as
    independent; measures of one plan are written by one drafting office, so p-values are optimistic
    where a group holds a single plan.

    Parameters
    ----------
    coded : CodedCorpus
        From :func:`agencygraph.parse_corpus` (``assignments``, ``agencies``, ``documents``).
    by : str
        ``"place"`` (the manifest's ``place_en``, else ``place_zh``, else ``doc_id``),
        ``"doc_id"``, or any column of ``documents`` (``province``, ``level`` …).
    types : iterable of str, optional
        Only these agency types (default: every type with a unit in the plans).
    permutations : int
        Permutations of the permutation p-value (default :data:`PERMUTATIONS`).
    seed : int, optional
        Seed of the permutations (default ``settings.SEED``); the same seed gives the same
        p-values.
    unit, inherited, collectives
        The unit of analysis (:mod:`agencygraph.units`): ``unit="row"`` (default) or
        ``"task"`` (from ``coded.measures``), ``inherited`` ``"keep"`` (default) or
        ``"drop"``, ``collectives`` ``"keep"`` (default) or ``"drop"``.

    Returns
    -------
    DataFrame
        One row per type and group: ``agency_type, type_en, system, group, n_docs, n_lead,
        n_support, lead_role_share``, then the type's test (the same on each of its rows):
        ``chi2, dof, p_value, p_method, min_expected, cramers_v, cramers_v_lo, cramers_v_hi,
        p_adjusted``. Sorted by type (most leads in all first), then group.

    Raises
    ------
    ValueError
        If ``by`` is not a column of ``documents`` (with the nearest ones) or a type is
        unknown.

    Examples
    --------
    >>> import agencygraph as ag
    >>> shares = role_shares(ag.parse_corpus(), by="place", types=["union"])
    >>> shares[["group", "n_lead", "n_support"]].to_dict("list")
    {'group': ['Cixi', 'Haimen', 'Lijiang'], 'n_lead': [11, 6, 7], 'n_support': [28, 9, 6]}
    >>> shares.p_method.iloc[0]
    'permutation'
    """
    from agencygraph.corpus import suggest

    documents = coded.documents
    if by == "place":
        group = documents["place_en"].fillna("").astype(str)
        group = group.where(group != "", documents["place_zh"].fillna("").astype(str))
        group = group.where(group != "", documents["doc_id"].astype(str))
    elif by in documents.columns:
        group = documents[by].fillna("").astype(str)
    else:
        valid = ["place", *documents.columns]
        raise ValueError(f"by={by!r} is not a column of documents{suggest(by, valid)}")
    groups = dict(zip(documents["doc_id"].astype(str), group, strict=True))

    long = type_by_place(
        coded.assignments,
        coded.agencies,
        coded.documents,
        measures=getattr(coded, "measures", None),
        unit=unit,
        inherited=inherited,
        collectives=collectives,
    )
    if types is not None:
        wanted = list(types)
        unknown = sorted(set(wanted) - set(long["agency_type"]))
        if unknown:
            raise ValueError(
                f"no assignments of type(s) {unknown}"
                f"{suggest(unknown[0], sorted(set(long['agency_type'])))}"
            )
        long = long[long["agency_type"].isin(wanted)]
    long = long.assign(group=long["doc_id"].map(groups))
    table = (
        long.groupby(["agency_type", "type_en", "system", "group"], sort=True)
        .agg(n_docs=("doc_id", "nunique"), n_lead=("n_lead", "sum"), n_support=("n_support", "sum"))
        .reset_index()
    )
    table["lead_role_share"] = table["n_lead"] / (table["n_lead"] + table["n_support"])
    tests = {}
    for code, part in table.groupby("agency_type", sort=True):
        counts = part[["n_lead", "n_support"]].to_numpy(dtype=np.int64)
        # A stream per type: its p-value does not depend on which other types are asked for.
        rng = np.random.default_rng(
            [settings.SEED if seed is None else seed, zlib.crc32(code.encode())]
        )
        tests[code] = _share_test(counts, permutations, rng) + _cramers_v(
            counts,
            np.random.default_rng(
                [settings.SEED if seed is None else seed, zlib.crc32(code.encode()), 22]
            ),
        )
    names = ("chi2", "dof", "p_value", "p_method", "min_expected")
    for i, column in enumerate((*names, "cramers_v", "cramers_v_lo", "cramers_v_hi")):
        table[column] = table["agency_type"].map({t: v[i] for t, v in tests.items()})
    mtc = check_mtc(settings.COMPARE_MTC if mtc is None else mtc)
    codes = sorted(tests)
    adjusted = p_adjust(np.array([tests[c][2] for c in codes], dtype=float), mtc)
    table["p_adjusted"] = table["agency_type"].map(dict(zip(codes, adjusted, strict=True)))
    total = table.groupby("agency_type")["n_lead"].transform("sum")
    table = (
        table.assign(_total=-total)
        .sort_values(["_total", "agency_type", "group"], kind="stable")
        .drop(columns="_total")
        .reset_index(drop=True)
    )
    table["dof"] = table["dof"].astype("Int64")
    return table[list(ROLE_SHARE_COLUMNS)]


def _cramers_v(counts: np.ndarray, rng: np.random.Generator) -> tuple[float, float, float]:
    """Cramér's V of a groups × (lead, support) table and its parametric bootstrap interval."""
    sizes = counts.sum(axis=1)
    counts, sizes = counts[sizes > 0], sizes[sizes > 0]
    total = int(counts.sum())
    leads = int(counts[:, 0].sum())
    if len(counts) < 2 or leads in (0, total):
        return (np.nan, np.nan, np.nan)

    def v(lead_counts: np.ndarray) -> np.ndarray:
        tables = np.stack([lead_counts, sizes - lead_counts], axis=-1).astype(float)
        lead_total = tables[..., 0].sum(axis=-1, keepdims=True)
        col = np.concatenate([lead_total, total - lead_total], axis=-1)
        expected = sizes[:, None] * col[..., None, :] / total
        return np.sqrt(_chi2_statistic(tables, expected) / total)

    point = float(v(counts[:, 0]))
    draws = rng.binomial(sizes, counts[:, 0] / sizes, size=(settings.EFFECT_BOOTSTRAP, len(sizes)))
    tail = (1.0 - settings.EFFECT_LEVEL) / 2 * 100
    lo, hi = np.nanpercentile(v(draws), [tail, 100 - tail])
    return (point, float(lo), float(hi))


def _chi2_statistic(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(expected > 0, (observed - expected) ** 2 / expected, 0.0)
    return terms.sum(axis=(-2, -1))


def _share_test(counts: np.ndarray, permutations: int, rng: np.random.Generator) -> tuple:
    """(chi2, dof, p, method, min expected) of a groups × (lead, support) count table."""
    from scipy import stats

    sizes = counts.sum(axis=1)
    counts, sizes = counts[sizes > 0], sizes[sizes > 0]
    leads, total = int(counts[:, 0].sum()), int(counts.sum())
    if len(counts) < 2 or leads in (0, total):
        return (np.nan, pd.NA, np.nan, "", np.nan)
    expected = np.outer(sizes, [leads, total - leads]) / total
    chi2 = float(_chi2_statistic(counts, expected))
    dof = len(counts) - 1
    smallest = float(expected.min())
    if smallest >= MIN_EXPECTED:
        return (chi2, dof, float(stats.chi2.sf(chi2, dof)), "chi2", smallest)
    if len(counts) == 2:
        p = float(stats.fisher_exact(counts, alternative="two-sided")[1])
        return (chi2, dof, p, "fisher", smallest)
    # Permuting which incidences lead, group sizes fixed: the lead count of each group is a
    # multivariate hypergeometric draw of ``leads`` from the groups' sizes.
    drawn = rng.multivariate_hypergeometric(sizes, leads, size=permutations)
    tables = np.stack([drawn, sizes - drawn], axis=-1)
    null = _chi2_statistic(tables, expected)
    p = (1 + int((null >= chi2 - 1e-9).sum())) / (1 + permutations)
    return (chi2, dof, p, "permutation", smallest)


def centrality_table(G, *, seed: int | None = None) -> pd.DataFrame:
    """Two-mode centralities of a bipartite graph's nodes, each with its name, kind and plan.

    :func:`agencygraph.metrics.two_mode_centrality` (Borgatti–Halgin normalisation) with
    the columns a reader needs beside the node id.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`agencygraph.graph.bipartite_graph`.
    seed : int, optional
        Seed of sampled betweenness on large components (see the metrics module).

    Returns
    -------
    DataFrame
        ``node, kind, name, name_en, doc_id, degree, closeness, betweenness,
        betweenness_method``: ``kind`` is ``agency`` or ``measure``; an agency's ``name`` is
        its Chinese name (``name_en`` its English one), a measure's its text (first 40
        characters); ``doc_id`` the plan (empty for a pooled type node). Agencies first, then
        measures, each by degree (highest first), then node.

    Examples
    --------
    >>> import agencygraph as ag
    >>> coded = ag.parse_corpus()
    >>> G = ag.graph.bipartite_graph(coded.assignments, coded.measures, coded.agencies,
    ...                              docs="haimen")
    >>> table = centrality_table(G)
    >>> table.iloc[0][["kind", "name", "doc_id"]].tolist()
    ['agency', '市总工会', 'haimen']
    """
    from agencygraph.metrics import two_mode_centrality

    kwargs = {} if seed is None else {"seed": seed}
    scores = two_mode_centrality(G, **kwargs)
    rows = []
    for node in scores.index:
        data = G.nodes[node]
        kind = data.get("kind") or ("agency" if data.get("bipartite") == 0 else "measure")
        if kind == "measure":
            name, name_en = str(data.get("text", ""))[:40], ""
        else:
            name = str(data.get("name_zh") or data.get("type_zh") or node)
            name_en = str(data.get("name_en") or data.get("type_en") or "")
        doc = data.get("doc_id") or data.get("place") or ""
        rows.append({"node": node, "kind": kind, "name": name, "name_en": name_en, "doc_id": doc})
    labels = pd.DataFrame(rows, columns=["node", "kind", "name", "name_en", "doc_id"])
    table = labels.merge(scores.reset_index(names="node"), on="node", how="left")
    table["_kind"] = (table["kind"] != "agency").astype(int)
    return (
        table.sort_values(["_kind", "degree", "node"], ascending=[True, False, True])
        .drop(columns="_kind")
        .reset_index(drop=True)
    )
