"""Who would lead it: predicted lead and support types for measures without assignments.

Narrative plans (ningbo, shanhu) say what will be done but not who does it. This module
predicts, for each such measure and each role, a probability for every functional agency
type (``hrss``, ``union``, ``org`` ...), learnt from plans that do assign responsibilities.
Predictions are a separate table (``inferred_assignments.csv``), never mixed into the coded
tables.

Method
------
For a target measure :math:`m` and role :math:`r`, every training measure :math:`n` carries
a distribution :math:`y_n` over agency types: each of its :math:`r`-units' types gets
:math:`1/|\\text{types}|`. Five scores over types are mixed,

.. math:: p(a \\mid m) \\propto w_{sim} K_a + w_{theme} T_a + w_{named} N_a
          + w_{prior} P_a + w_{kw} R_a ,

- :math:`K` — **similar measures**: the mean of :math:`y_n` over the :data:`NEIGHBOURS`
  training measures most similar to :math:`m` (cosine of character 1–3-gram TF-IDF,
  :func:`agencygraph.themes.tfidf_matrix`), weighted by similarity;
- :math:`T` — **theme**: :math:`\\Pr(a \\mid \\theta)` over the training measures of each of
  :math:`m`'s themes :math:`\\theta` (primary weight 1, secondary :data:`SECONDARY_WEIGHT`),
  smoothed towards the prior with :data:`THEME_SMOOTHING` pseudo-measures. Themes come from
  :func:`agencygraph.themes.assign_themes`, fitted only on the labels of training measures;
- :math:`N` — **units named in the text**: for each agency type named in :math:`m`'s own
  text (:func:`agencygraph.parse.find_mentions`, resolved with
  :func:`agencygraph.agencies.resolve`), the rate at which training measures naming that type
  give it role :math:`r` (Laplace-smoothed), normalised;
- :math:`P` — the **prior**: the mean :math:`y_n` over all training measures;
- :math:`R` — **remit keywords**: the characters of :math:`m`'s text (heading included)
  covered by each type's keywords in ``data/type_keywords.csv`` (税 → ``taxation``,
  职业院校 → ``education``, 劳模 → ``union`` ...; written from the types' functional
  remits, not from any plan's assignments; leftmost-longest matching), normalised. It needs
  no training plan at all.

Each score is a distribution over types (a zero score is left out and the weights of the
others renormalised), so :math:`p` is one too. The :data:`TOP` most probable types are
reported per measure and role; their probabilities sum to at most 1.

The weights are learnt, not set by hand: :func:`fit_weights` tries every setting of
:data:`WEIGHT_GRID` and keeps the one under which leave-one-plan-out over the training plans
gives the true lead types the highest likelihood. :data:`WEIGHTS` is that choice on the
three bundled plans that assign leads (``sim`` 1, ``theme`` 0, ``named`` 4, ``keywords`` 4:
once remit keywords and the units a measure names are in, the theme adds nothing the
neighbours do not); :func:`infer_files` refits on whatever training plans it is given.

Validation (:func:`validate_inference`) is leave-one-plan-out over the plans that assign
responsibilities, nested: the held-out plan's assignments and theme labels are never used in
fitting, and each fold's weights are fitted by :func:`fit_weights` on that fold's training
plans alone. On the bundled corpus (cixi, haimen, lijiang; 88 measures) lead-type top-1
accuracy is 0.750 and top-3 0.977 (per plan 0.74 / 0.96, 0.73 / 1.00, 0.81 / 1.00), against
0.568 / 0.818 for a character-bigram nearest neighbour and 0.261 / 0.727 for the majority
class. Its parts alone: the remit keywords, which learn nothing, 0.739 / 0.807 (they often
name the right lead but few types); the learnt scores without them (weights fitted on all
three plans) 0.511 / 0.943. The previous method, which chose only the keyword weight and by
top-1 count, gave 0.648 / 0.955: with one training plan per inner fold the count ties and
swings between folds, while the likelihood, which also credits a true lead ranked second,
does not; with grids of 3 to 7 values per weight the nested top-1 stayed between 0.739 and
0.750. Caveats: the five scores, the keyword table and that change of criterion were all settled
while looking at these three plans, so the figures are somewhat optimistic; a new corpus is
the real test. Most misses are real differences between places: Cixi puts skills contests
and innovation studios under the human-resources bureau, Lijiang under the trade union.

Examples
--------
>>> import agencygraph as ag
>>> from agencygraph.infer import infer_assignments
>>> coded = ag.parse_corpus()
>>> train = coded.measures[coded.measures.doc_id != "ningbo"]
>>> target = coded.measures[coded.measures.doc_id == "ningbo"]
>>> pred = infer_assignments(target, train, coded.assignments)
>>> list(pred.columns)
['doc_id', 'measure_id', 'role', 'agency_type', 'probability', 'rank']
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from agencygraph import themes as _themes
from agencygraph._errors import InferenceError
from agencygraph.agencies import resolve
from agencygraph.parse import find_mentions

__all__ = [
    "INFERRED_COLUMNS",
    "ROLES",
    "WEIGHTS",
    "WEIGHT_GRID",
    "fit_weights",
    "infer_assignments",
    "infer_files",
    "infer_tables",
    "load_type_keywords",
    "measure_mentions",
    "validate_inference",
    "weight_candidates",
]

#: Columns of :func:`infer_assignments` (``inferred_assignments.csv``).
INFERRED_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "measure_id",
    "role",
    "agency_type",
    "probability",
    "rank",
)
ROLES: tuple[str, ...] = ("lead", "support")
_KEYWORDS_FILE = "type_keywords.csv"

# Defaults of the method (candidates for agencygraph.settings).
#: Types reported per measure and role.
TOP: int = 5
#: Training measures that vote by similarity.
NEIGHBOURS: int = 5
#: Mixing weights of the five scores (see the module docstring): the setting of
#: :data:`WEIGHT_GRID` that :func:`fit_weights` chooses by leave-one-plan-out likelihood on
#: the three bundled plans that assign leads (a test refits and compares). Only ratios
#: matter: the mixture is a weighted mean.
WEIGHTS: dict[str, float] = {
    "sim": 1.0,
    "theme": 0.0,
    "named": 4.0,
    "prior": 0.0,
    "keywords": 4.0,
}
#: Candidate values of each mixing weight, among which :func:`fit_weights` chooses.
WEIGHT_GRID: dict[str, tuple[float, ...]] = {
    "sim": (0.0, 1.0, 2.0, 4.0, 8.0),
    "theme": (0.0, 1.0, 2.0, 4.0, 8.0),
    "named": (0.0, 1.0, 2.0, 4.0, 8.0),
    "prior": (0.0, 1.0),
    "keywords": (0.0, 1.0, 2.0, 4.0, 8.0),
}
#: Probability floor, spread over the types, under the likelihood of a true lead type in
#: :func:`fit_weights`: a setting that gives a true lead no mass is penalised, not ruled out.
LIKELIHOOD_FLOOR: float = 1e-3
#: Weight of a secondary theme relative to the primary in the theme score; 0 keeps
#: :math:`\Pr(a \mid \theta)` to the primary theme, which sharpened it on the bundled plans
#: (a secondary theme rarely decides who leads).
SECONDARY_WEIGHT: float = 0.0
#: Pseudo-measures drawn from the prior in each theme's type distribution.
THEME_SMOOTHING: float = 1.0
#: Pseudo-counts of the rate at which a named type takes a role.
NAMED_SMOOTHING: float = 1.0


# -- inputs ------------------------------------------------------------------------------------


def measure_mentions(
    measures: pd.DataFrame, places: dict[str, Sequence[str]] | None = None
) -> pd.DataFrame:
    """Agency types of the units named in each measure's own text.

    Parameters
    ----------
    measures
        ``doc_id, measure_id, text``.
    places
        Place names per ``doc_id`` (e.g. ``{"ningbo": ["宁波市"]}``), so that 宁波市总工会
        is read whole.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, measure_id, agency_raw, agency_type``; names the lexicon cannot resolve
        have an empty type.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d"], "measure_id": ["d-1"],
    ...                   "text": ["支持工会发挥作用，政府给予保障。"]})
    >>> measure_mentions(m)[["agency_raw", "agency_type"]].values.tolist()
    [['工会', 'union'], ['政府', 'government']]
    """
    places = places or {}
    rows = []
    for doc, mid, text in zip(
        measures["doc_id"], measures["measure_id"], measures["text"], strict=True
    ):
        own = places.get(doc, ())
        for name in find_mentions(str(text), own):
            # Read against the plan's own place: 宁波市 in a Ningbo plan is not a subordinate.
            typ = resolve(name, place=own[0] if own else None).agency_type
            rows.append((doc, mid, name, typ or ""))
    return pd.DataFrame(rows, columns=["doc_id", "measure_id", "agency_raw", "agency_type"])


def _role_targets(
    measures: pd.DataFrame, assignments: pd.DataFrame, role: str, types: list[str]
) -> np.ndarray:
    """Row i: the distribution y over types of measure i's units in ``role``."""
    pos = {t: j for j, t in enumerate(types)}
    row = {m: i for i, m in enumerate(measures["measure_id"])}
    Y = np.zeros((len(measures), len(types)))
    a = assignments[(assignments["role"] == role) & assignments["measure_id"].isin(row)]
    for mid, typ in a[["measure_id", "agency_type"]].drop_duplicates().itertuples(index=False):
        if isinstance(typ, str) and typ in pos:
            Y[row[mid], pos[typ]] = 1.0
    sums = Y.sum(axis=1, keepdims=True)
    return np.divide(Y, sums, out=np.zeros_like(Y), where=sums > 0)


def load_type_keywords(path: str | Path | None = None) -> pd.DataFrame:
    """Keywords of the agency types' functional remits (``data/type_keywords.csv``).

    Each row ties a phrase to the agency type whose remit it names (税 → ``taxation``,
    职业院校 → ``education``, 劳模 → ``union`` ...), with the remit in words. The table is
    written from what the types do, not from any plan's assignments.

    Parameters
    ----------
    path
        A CSV with ``keyword, agency_type`` (and optionally ``remit``); ``None`` loads the
        bundled table.

    Returns
    -------
    pandas.DataFrame
        ``keyword, agency_type, remit`` with keywords normalised
        (:func:`agencygraph.themes.normalize_text`).

    Examples
    --------
    >>> kw = load_type_keywords()
    >>> kw.set_index("keyword").loc["职业院校", "agency_type"]
    'education'
    """
    if path is None:
        text = resources.files("agencygraph").joinpath("data", _KEYWORDS_FILE)
        frame = pd.read_csv(
            io.StringIO(text.read_text(encoding="utf-8")), dtype=str, keep_default_na=False
        )
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if "remit" not in frame.columns:
        frame["remit"] = ""
    frame["keyword"] = frame["keyword"].map(_themes.normalize_text)
    return frame[frame["keyword"] != ""][["keyword", "agency_type", "remit"]].reset_index(drop=True)


def _keyword_matrix(
    measures: pd.DataFrame, keywords: pd.DataFrame | None
) -> tuple[np.ndarray, list[str]]:
    """Characters of each measure's text (heading included) covered by each type's keywords.

    Keywords are found by leftmost-longest matching, as codebook phrases are, so that
    职业院校 counts for ``education`` once and not again for a shorter keyword inside it.
    """
    kw = load_type_keywords() if keywords is None else keywords
    types = sorted(set(kw["agency_type"]))
    table: dict[str, tuple[str, ...]] = {}
    for word, typ in zip(kw["keyword"], kw["agency_type"], strict=True):
        table[word] = (*table.get(word, ()), typ)
    pos = {t: j for j, t in enumerate(types)}
    X = np.zeros((len(measures), len(types)))
    if not len(measures) or not table:
        return X, types
    codes, found = _themes._segment_many(_themes._full_text(measures), table)
    per_text = np.zeros((len(found), len(types)))
    for u, items in enumerate(found):
        for word, count in items:
            for typ in table[word]:
                per_text[u, pos[typ]] += len(word) * count
    return per_text[codes], types


def _theme_weights(themed: pd.DataFrame, theme_list: list[str]) -> np.ndarray:
    pos = {t: j for j, t in enumerate(theme_list)}
    W = np.zeros((len(themed), len(theme_list)))
    for i, value in enumerate(themed["themes"]):
        for k, t in enumerate(str(value).split(";")):
            if t in pos:
                W[i, pos[t]] = 1.0 if k == 0 else SECONDARY_WEIGHT
    return W


def _normalise_rows(X: np.ndarray) -> np.ndarray:
    sums = X.sum(axis=1, keepdims=True)
    return np.divide(X, sums, out=np.zeros_like(X), where=sums > 0)


# -- the model ---------------------------------------------------------------------------------


def _neighbour_mean(Y: np.ndarray, index: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Similarity-weighted mean of the neighbours' ``Y`` rows (``index`` -1: no neighbour).

    Rows are batched by their number of neighbours, so each is the same BLAS product
    ``w @ Y[order] / w.sum()`` as one row at a time.
    """
    K = np.zeros((len(index), Y.shape[1]))
    n_near = (index >= 0).sum(axis=1)
    for m in range(1, index.shape[1] + 1):
        rows = np.flatnonzero(n_near == m)
        if len(rows):
            w = value[rows, :m]
            K[rows] = np.matmul(w[:, None, :], Y[index[rows, :m]])[:, 0, :] / w.sum(
                axis=1, keepdims=True
            )
    return K


def _components(
    Y: np.ndarray,
    *,
    near: tuple[np.ndarray, np.ndarray],
    theme_target: np.ndarray,
    theme_train: np.ndarray,
    named_target: np.ndarray,
    named_train: np.ndarray,
    keywords_target: np.ndarray,
) -> dict[str, np.ndarray]:
    """The scores over types (rows: target measures) for one role, before mixing.

    ``near`` holds, per target, the most similar training measures that have a unit in the
    role (indices into the training measures, -1 for none) and their cosines.
    """
    n_target = len(theme_target)
    K = _neighbour_mean(Y, *near)
    has = Y.sum(axis=1) > 0
    Y = Y[has]
    theme_train, named_train = theme_train[has], named_train[has]
    prior = Y.mean(axis=0) if len(Y) else np.zeros(Y.shape[1])

    # Pr(type | theme): each training measure counts for its themes with their weights.
    mass = theme_train.T @ Y + THEME_SMOOTHING * prior
    per_theme = _normalise_rows(mass)
    T = _normalise_rows(theme_target @ per_theme)

    # Rate at which a named type takes the role, over training measures that name it.
    named_rate = (named_train * (Y > 0)).sum(axis=0) + NAMED_SMOOTHING * prior
    named_rate = named_rate / (named_train.sum(axis=0) + NAMED_SMOOTHING)
    N = _normalise_rows(named_target * named_rate)

    P = np.tile(prior, (n_target, 1))
    return {"sim": K, "theme": T, "named": N, "prior": P, "keywords": keywords_target}


def _mix(parts: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """Weighted mean of the scores present for each row (see the module docstring)."""
    first = next(iter(parts.values()))
    total = np.zeros_like(first)
    weight_sum = np.zeros((len(first), 1))
    for name, X in parts.items():
        present = (X.sum(axis=1, keepdims=True) > 0) * weights.get(name, 0.0)
        total += present * X
        weight_sum += present
    return np.divide(total, weight_sum, out=np.zeros_like(total), where=weight_sum > 0)


def _named_matrix(measures: pd.DataFrame, mentions: pd.DataFrame, types: list[str]) -> np.ndarray:
    pos = {t: j for j, t in enumerate(types)}
    row = {m: i for i, m in enumerate(measures["measure_id"])}
    X = np.zeros((len(measures), len(types)))
    for mid, typ in mentions[["measure_id", "agency_type"]].itertuples(index=False):
        if mid in row and isinstance(typ, str) and typ in pos:
            X[row[mid], pos[typ]] = 1.0
    return X


def _predict(
    target: pd.DataFrame,
    train: pd.DataFrame,
    train_assignments: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None,
    codebook,
    labelled,
    k: int,
    keywords: pd.DataFrame | None = None,
) -> dict[str, tuple[list[str], dict[str, np.ndarray]]]:
    """For each role: the type list and the unmixed scores (:func:`_components`)."""
    target = target.reset_index(drop=True)
    train = train.reset_index(drop=True)
    if mentions is None:
        mentions = measure_mentions(pd.concat([target, train], ignore_index=True))

    # Only training measures' labels may shape the themes: the targets' own stay unseen.
    both = pd.concat([target, train], ignore_index=True)
    labels = None
    if labelled is not False:
        labels = _themes.load_labels(labelled, both)
        labels = labels[labels["measure_id"].isin(set(train["measure_id"]))]
    themed = _themes.assign_themes(
        both, codebook=codebook, labelled=labels if labels is not None else pd.DataFrame()
    )
    theme_list = _themes.load_codebook(codebook)["theme"].tolist()
    W = _theme_weights(themed, theme_list)

    full = _themes._full_text(both)
    roles = {}
    for role in ROLES:
        typed = train_assignments[
            (train_assignments["role"] == role)
            & train_assignments["measure_id"].isin(set(train["measure_id"]))
        ]["agency_type"]
        types = sorted({t for t in typed if isinstance(t, str) and t})
        if types:
            roles[role] = (types, _role_targets(train, train_assignments, role, types))

    # The k most similar training measures with a unit in each role, block by block.
    near = {
        role: (np.full((len(target), k), -1, dtype=np.int64), np.zeros((len(target), k)))
        for role in roles
    }
    blocks = _themes._similarity_blocks(full[: len(target)], full[len(target) :], normalized=True)
    for lo, hi, sim in blocks:
        for role, (_, Y) in roles.items():
            masked = np.where(Y.sum(axis=1) > 0, sim, -1.0)
            near[role][0][lo:hi], near[role][1][lo:hi] = _themes._top_k(masked, k)

    kw_counts, kw_types = _keyword_matrix(both.iloc[: len(target)], keywords)
    out = {}
    for role in ROLES:
        if role not in roles:
            out[role] = ([], {})
            continue
        types, Y = roles[role]
        named = _named_matrix(both, mentions, types)
        pos = {t: j for j, t in enumerate(kw_types)}
        kw = np.zeros((len(target), len(types)))
        for j, t in enumerate(types):
            if t in pos:
                kw[:, j] = kw_counts[:, pos[t]]
        out[role] = (
            types,
            _components(
                Y,
                near=near[role],
                theme_target=W[: len(target)],
                theme_train=W[len(target) :],
                named_target=named[: len(target)],
                named_train=named[len(target) :],
                keywords_target=_normalise_rows(kw),
            ),
        )
    return out


def infer_assignments(
    target_measures: pd.DataFrame,
    train_measures: pd.DataFrame,
    train_assignments: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None = None,
    top: int = TOP,
    codebook: pd.DataFrame | str | Path | None = None,
    labelled: pd.DataFrame | str | Path | bool | None = None,
    weights: dict[str, float] | None = None,
    k: int = NEIGHBOURS,
    keywords: str | Path | None = None,
) -> pd.DataFrame:
    """Predicted lead and support types, with probabilities, for measures without assignments.

    Parameters
    ----------
    target_measures
        The measures to predict for (``doc_id, measure_id, text``, and ``task_title``).
    train_measures
        Measures whose assignments are known; only those with a typed unit in a role
        teach that role. A measure in both sets is dropped from training.
    train_assignments
        Their assignments (``measure_id, role, agency_type``); rows of other measures are
        ignored.
    mentions
        Units named in the measures' texts (``measure_id, agency_type``), for targets and
        training measures alike; default: found with :func:`measure_mentions`.
    top
        Types reported per measure and role.
    codebook, labelled
        Theme codebook and labelled measures (see :func:`agencygraph.themes.assign_themes`);
        only labels of training measures are used. ``labelled=False`` uses none.
    weights
        Mixing weights ``sim, theme, named, prior, keywords`` (default :data:`WEIGHTS`).
    k
        Number of similar training measures that vote.
    keywords
        A type-keyword CSV (see :func:`load_type_keywords`); default the bundled one.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, measure_id, role, agency_type, probability, rank``: for each target
        measure and role the ``top`` most probable types (rank 1 first; ties broken by type
        code), in the order of ``target_measures``, lead before support.

    Examples
    --------
    >>> import agencygraph as ag
    >>> coded = ag.parse_corpus()
    >>> m = coded.measures
    >>> pred = infer_assignments(m[m.doc_id == "shanhu"], m[m.doc_id != "shanhu"],
    ...                          coded.assignments)
    >>> bool((pred.groupby(["measure_id", "role"]).probability.sum() <= 1 + 1e-9).all())
    True
    """
    target = target_measures.reset_index(drop=True)
    train = train_measures[~train_measures["measure_id"].isin(set(target["measure_id"]))]
    fitted = _predict(
        target,
        train,
        train_assignments,
        mentions=mentions,
        codebook=codebook,
        labelled=labelled,
        k=k,
        keywords=None if keywords is None else load_type_keywords(keywords),
    )
    mixing = {**WEIGHTS, **(weights or {})}
    probs = {
        role: (types, _mix(parts, mixing) if types else None)
        for role, (types, parts) in fitted.items()
    }
    probs = _one_role_per_type(probs)
    rows = []
    for i, (doc, mid) in enumerate(zip(target["doc_id"], target["measure_id"], strict=True)):
        for role in ROLES:
            types, P = probs[role]
            if not types or P[i].sum() <= 0:
                continue
            order = np.lexsort((np.arange(len(types)), -P[i]))[:top]
            for rank, j in enumerate(order[P[i, order] > 0], start=1):
                rows.append((doc, mid, role, types[j], _floor6(P[i, j]), rank))
    return pd.DataFrame(rows, columns=list(INFERRED_COLUMNS))


def _one_role_per_type(probs: dict) -> dict:
    """Give each type of a measure in one role only: the role in which it is more probable.

    A unit does not lead and support the same measure, so a type listed as a likely lead
    is not also offered as a likely supporter (ties go to lead). Its probability in the
    other role is set to 0 and not redistributed, so each role's reported probabilities
    still sum to at most 1.
    """
    lead_types, lead = probs.get("lead", ([], None))
    support_types, support = probs.get("support", ([], None))
    if not lead_types or not support_types or lead is None or support is None:
        return probs
    lead, support = lead.copy(), support.copy()
    lead_col = {t: j for j, t in enumerate(lead_types)}
    for k, t in enumerate(support_types):
        j = lead_col.get(t)
        if j is None:
            continue
        lead_wins = lead[:, j] >= support[:, k]
        support[lead_wins, k] = 0.0
        lead[~lead_wins, j] = 0.0
    return {**probs, "lead": (lead_types, lead), "support": (support_types, support)}


def _floor6(p: float) -> float:
    # Rounded down, so a measure's reported probabilities never sum past 1.
    return float(np.floor(float(p) * 1e6) / 1e6)


def infer_files(
    targets: Iterable[str | Path],
    train: Iterable[str | Path] | None = None,
    *,
    top: int = TOP,
) -> pd.DataFrame:
    """Code plan files and predict lead and support types for their unassigned measures.

    Parameters
    ----------
    targets
        Plan files to predict for; measures that already have assignments are skipped.
    train
        Plan files to learn from; default the bundled corpus. A file that is also a target
        (same file on disk) is left out of training. When two or more of them assign leads,
        the mixing weights are fitted on them (:func:`fit_weights`); otherwise
        :data:`WEIGHTS` is used.
    top
        Types reported per measure and role.

    Returns
    -------
    pandas.DataFrame
        As :func:`infer_assignments`; :func:`infer_tables` adds each measure's text.

    Raises
    ------
    agencygraph.InputError
        If a file cannot be read or coded.
    InferenceError
        If no training plan is left once the targets are taken out, or none assigns
        responsibilities (a ``ValueError`` too).

    Examples
    --------
    >>> from agencygraph.corpus import bundled_corpus
    >>> ningbo = [p for p in bundled_corpus() if p.name.startswith("003")]
    >>> bool(infer_files(ningbo).measure_id.str.startswith("ningbo").all())
    True
    """
    predicted = infer_tables(targets, train, top=top)["inferred_assignments"]
    return predicted[list(INFERRED_COLUMNS)]


def infer_tables(
    targets: Iterable[str | Path],
    train: Iterable[str | Path] | None = None,
    *,
    top: int = TOP,
) -> dict[str, pd.DataFrame]:
    """As :func:`infer_files`, with the text of each measure and the targets' measures.

    Returns
    -------
    dict of pandas.DataFrame
        ``inferred_assignments``: the predictions with the measure's ``task_title`` and
        ``text`` added, so a row reads on its own; ``target_measures``: the coded
        ``measures`` table of the target plans (every measure, predicted or not).

    Raises
    ------
    InferenceError
        If no training plan is left once the targets are taken out, or none assigns
        responsibilities (also a ``ValueError``).

    Examples
    --------
    >>> from agencygraph.corpus import bundled_corpus
    >>> ningbo = [p for p in bundled_corpus() if p.name.startswith("003")]
    >>> out = infer_tables(ningbo)
    >>> sorted(out), "text" in out["inferred_assignments"].columns
    (['inferred_assignments', 'target_measures'], True)
    """
    from agencygraph.coding import parse_corpus

    target_paths = [Path(p) for p in targets]
    if train is None:
        from agencygraph.corpus import bundled_corpus

        train_paths = bundled_corpus()
    else:
        train_paths = [Path(p) for p in train]
    given = len(train_paths)
    train_paths = [p for p in train_paths if not any(_same_file(p, t) for t in target_paths)]
    if not train_paths:
        raise InferenceError(
            f"no training plan left: the {given} training file(s) are all targets too; "
            "pass --train plans that assign responsibilities and are not targets"
            + ("" if train is not None else " (or omit --train to learn from the bundled corpus)")
        )
    coded_target = parse_corpus(target_paths)
    coded_train = parse_corpus(train_paths)
    if coded_train.assignments.empty:
        raise InferenceError(
            "the training plans assign no responsibilities: nothing to learn from; "
            "pass --train plans with lead or support units"
        )

    assigned = set(coded_target.assignments["measure_id"])
    target = coded_target.measures[~coded_target.measures["measure_id"].isin(assigned)]
    # Measure ids of a target may repeat a training plan's (same doc_id): keep them apart.
    train_measures = coded_train.measures[
        ~coded_train.measures["doc_id"].isin(set(coded_target.documents["doc_id"]))
    ]
    places = {
        d: [p]
        for d, p in zip(
            pd.concat([coded_target.documents, coded_train.documents])["doc_id"],
            pd.concat([coded_target.documents, coded_train.documents])["place_zh"],
            strict=True,
        )
        if isinstance(p, str) and p
    }
    mentions = measure_mentions(pd.concat([target, train_measures], ignore_index=True), places)
    typed = _typed(coded_train.assignments)
    led = set(typed.loc[typed["role"] == "lead", "doc_id"]) & set(train_measures["doc_id"])
    leading = [d for d in coded_train.documents["doc_id"] if d in led]
    weights = (
        fit_weights(coded_train, docs=leading, mentions=mentions) if len(leading) > 1 else None
    )
    predicted = infer_assignments(
        target, train_measures, coded_train.assignments, mentions=mentions, top=top, weights=weights
    )
    text = coded_target.measures[["measure_id", "task_title", "text"]]
    predicted = predicted.merge(text, on="measure_id", how="left", validate="many_to_one")
    return {"inferred_assignments": predicted, "target_measures": coded_target.measures}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


# -- validation --------------------------------------------------------------------------------


def _bigram_nn(target: pd.DataFrame, train: pd.DataFrame, Y: np.ndarray) -> np.ndarray:
    """Plain character-bigram nearest neighbour: a type scores the cosine of the most
    similar training measure that has it (bigram counts, no idf)."""
    texts = [*_themes._full_text(target), *_themes._full_text(train)]
    distinct, codes = _themes._distinct(texts, normalized=True)
    counts = _themes._gram_counts(distinct, (2, 2))[codes].astype(float)
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())  # exact
    norms[norms == 0] = 1.0
    M = sparse.csr_matrix(sparse.diags(1.0 / norms) @ counts)
    Mt, Mtr = M[: len(target)], M[len(target) :].T.tocsr()
    has = Y > 0
    columns = [np.flatnonzero(has[:, a]) for a in range(Y.shape[1])]
    best = np.zeros((len(target), Y.shape[1]))
    step = max(1, _themes._BLOCK_CELLS // max(len(train), 1))
    for lo in range(0, len(target), step):
        sim = (Mt[lo : lo + step] @ Mtr).toarray()
        for a, cols in enumerate(columns):
            if len(cols):
                best[lo : lo + step, a] = np.maximum(sim[:, cols].max(axis=1), 0.0)
    # Small tie-break towards frequent types keeps the ranking deterministic and sensible.
    return best + 1e-9 * has.sum(axis=0)


def _typed(assignments: pd.DataFrame) -> pd.DataFrame:
    """Assignments whose unit the lexicon typed: the only ones a type model learns from."""
    return assignments[assignments["agency_type"].fillna("") != ""]


def _topk_hits(P: np.ndarray, truth: list[set[int]], k: int) -> np.ndarray:
    hits = np.zeros(len(truth), dtype=bool)
    for i, want in enumerate(truth):
        order = np.lexsort((np.arange(P.shape[1]), -P[i]))[:k]
        hits[i] = bool(want & {int(j) for j in order if P[i, j] > 0})
    return hits


def _lead_truth(
    typed: pd.DataFrame, doc: str, target: pd.DataFrame, types: list[str]
) -> tuple[list[list[str]], list[set[int]]]:
    """True lead types of each target measure, as names and as positions in ``types``."""
    pos = {t: j for j, t in enumerate(types)}
    true = typed[(typed["role"] == "lead") & (typed["doc_id"] == doc)]
    true_of = true.groupby("measure_id")["agency_type"].agg(lambda x: sorted(set(x)))
    names = [true_of.get(m, []) for m in target["measure_id"]]
    return names, [{pos[t] for t in ts if t in pos} for ts in names]


def _format_weights(weights: dict[str, float]) -> str:
    return " ".join(f"{name}={value:g}" for name, value in weights.items())


def _lead_log_likelihood(P: np.ndarray, truth: list[set[int]]) -> float:
    """Log-probability of the true lead types: each measure scores the mass on its true
    types, floored by :data:`LIKELIHOOD_FLOOR` spread over the types so a miss is finite."""
    n_types = max(P.shape[1], 1)
    total = 0.0
    for i, want in enumerate(truth):
        if want:
            mass = float(P[i, sorted(want)].sum())
            total += np.log((1 - LIKELIHOOD_FLOOR) * mass + LIKELIHOOD_FLOOR / n_types)
    return total


def weight_candidates(grid: dict[str, Sequence[float]] | None = None) -> list[dict[str, float]]:
    """Every mixing-weight setting of ``grid`` (default :data:`WEIGHT_GRID`) but all zeros,
    in a fixed order.

    Examples
    --------
    >>> len(weight_candidates({"sim": [0, 1], "theme": [1]}))
    2
    """
    grid = WEIGHT_GRID if grid is None else grid
    names = list(grid)
    every = (
        dict(zip(names, map(float, values), strict=True))
        for values in itertools.product(*(grid[n] for n in names))
    )
    return [w for w in every if any(w.values())]


def fit_weights(
    coded,
    *,
    docs: Sequence[str],
    grid: dict[str, Sequence[float]] | None = None,
    k: int = NEIGHBOURS,
    labelled: pd.DataFrame | str | Path | None = None,
    mentions: pd.DataFrame | None = None,
) -> dict[str, float]:
    """Mixing weights with the highest leave-one-plan-out likelihood of the true leads.

    Each plan of ``docs`` is held out in turn and predicted from the others; every setting
    of ``grid`` (default :data:`WEIGHT_GRID`) is scored by the summed log-probability the
    mixture gives the held-out plans' true lead types (:data:`LIKELIHOOD_FLOOR` keeps a miss
    finite). The likelihood, a proper scoring rule, ranks settings by how much probability
    they put on the answer, not only whether it comes first; top-1 counts on a few dozen
    measures tie and swing from one plan to the next. Ties go to the first setting in grid
    order. Only the plans in ``docs`` are read; :func:`validate_inference` calls this on
    the training plans of each fold, so a held-out plan never shapes its own weights.

    Parameters
    ----------
    coded
        A coded corpus (:func:`agencygraph.parse_corpus`).
    docs
        At least two plans that assign leads.
    grid
        Candidate values per weight (``sim, theme, named, prior, keywords``).
    k, labelled, mentions
        As in :func:`infer_assignments`.

    Returns
    -------
    dict
        The chosen weights, e.g. ``{"sim": 1.0, "theme": 0.0, ...}``.

    Raises
    ------
    ValueError
        If fewer than two plans are given.

    Examples
    --------
    >>> import agencygraph as ag
    >>> w = fit_weights(ag.parse_corpus(), docs=["cixi", "haimen"])
    >>> sorted(w)
    ['keywords', 'named', 'prior', 'sim', 'theme']
    """
    docs = list(dict.fromkeys(docs))
    if len(docs) < 2:
        raise ValueError(f"fitting weights needs at least two plans that assign leads, got {docs}")
    measures, assignments = coded.measures, coded.assignments
    typed = _typed(assignments)
    if mentions is None:
        mentions = measure_mentions(measures[measures["doc_id"].isin(docs)])
    folds = []
    for doc in docs:
        target = measures[measures["doc_id"] == doc].reset_index(drop=True)
        train = measures[(measures["doc_id"] != doc) & measures["doc_id"].isin(docs)]
        fitted = _predict(
            target,
            train.reset_index(drop=True),
            typed,
            mentions=mentions,
            codebook=None,
            labelled=labelled,
            k=k,
        )
        types, parts = fitted["lead"]
        if types:
            folds.append((parts, _lead_truth(typed, doc, target, types)[1]))
    candidates = weight_candidates(grid)
    scores = [
        sum(_lead_log_likelihood(_mix(parts, w), truth) for parts, truth in folds)
        for w in candidates
    ]
    return candidates[int(np.argmax(scores))]


def validate_inference(
    coded,
    *,
    docs: Sequence[str] | None = None,
    weights: dict[str, float] | None = None,
    k: int = NEIGHBOURS,
    labelled: pd.DataFrame | str | Path | None = None,
) -> dict[str, pd.DataFrame | float]:
    """Leave-one-plan-out accuracy of the predicted lead types, beside two baselines.

    Each plan that assigns responsibilities is held out in turn; the model is fitted on the
    other plans' measures, assignments and theme labels only, and predicts the held-out
    plan's measures. A measure is top-:math:`k` correct when any of its true lead types is
    among the :math:`k` most probable. Baselines: the *majority* class (lead types ranked by
    how many training measures they lead), a plain *character-bigram nearest neighbour*
    (a type scores the cosine of the most similar training measure it leads), and the
    *remit keywords* alone (the untrained keyword score, see the module docs). For support
    types, ``support_recall5`` is the share of true support types among the top 5.

    Parameters
    ----------
    coded
        A coded corpus (:func:`agencygraph.parse_corpus`).
    docs
        Plans to hold out; default every plan with lead assignments.
    weights
        Mixing weights used in every fold (names left out take :data:`WEIGHTS`). Default:
        each fold's weights are fitted with :func:`fit_weights` on that fold's training
        plans alone (nested leave-one-plan-out), so the held-out plan shapes neither the
        model nor its weights; with fewer than two training plans, :data:`WEIGHTS`.
    k, labelled
        As in :func:`infer_assignments`.

    Returns
    -------
    dict
        ``lead_top1``, ``lead_top3`` (pooled over measures), ``summary`` (DataFrame: one row
        per held-out plan and an ``all`` row; ``n, lead_top1, lead_top3, majority_top1,
        majority_top3, nn_top1, nn_top3, keywords_top1, keywords_top3, support_recall5,
        weights``) and ``predictions`` (DataFrame per held-out measure: ``doc_id,
        measure_id, true_leads, predicted_leads, top1, top3``).

    Examples
    --------
    >>> import agencygraph as ag
    >>> v = validate_inference(ag.parse_corpus())
    >>> bool(v["lead_top1"] > v["summary"].set_index("doc_id").loc["all", "nn_top1"])
    True
    """
    measures, assignments = coded.measures, coded.assignments
    typed = _typed(assignments)
    if docs is None:
        led = typed.loc[typed["role"] == "lead", "doc_id"]
        docs = [d for d in dict.fromkeys(measures["doc_id"]) if d in set(led)]
    places = {}
    if hasattr(coded, "documents") and "place_zh" in coded.documents:
        places = {
            d: [p]
            for d, p in zip(coded.documents["doc_id"], coded.documents["place_zh"], strict=True)
            if p
        }
    mentions = measure_mentions(measures, places)
    fixed = None if weights is None else {**WEIGHTS, **weights}
    records, rows = [], []
    for doc in docs:
        target = measures[measures["doc_id"] == doc].reset_index(drop=True)
        train = measures[(measures["doc_id"] != doc) & measures["doc_id"].isin(docs)]
        train = train.reset_index(drop=True)
        inner = [d for d in docs if d != doc]
        if fixed is not None:
            fold_weights = fixed
        elif len(inner) > 1:
            fold_weights = fit_weights(coded, docs=inner, k=k, labelled=labelled, mentions=mentions)
        else:
            fold_weights = dict(WEIGHTS)
        fitted = _predict(
            target, train, typed, mentions=mentions, codebook=None, labelled=labelled, k=k
        )
        types, parts = fitted["lead"]
        P = _mix(parts, fold_weights) if types else np.zeros((len(target), 0))
        truth_types, truth = _lead_truth(typed, doc, target, types)
        keep = np.array([bool(t) for t in truth_types])
        Y = _role_targets(train, typed, "lead", types)
        majority = np.tile(
            (Y > 0).sum(axis=0) + 1e-9 * np.arange(len(types))[::-1], (len(target), 1)
        )
        nn = _bigram_nn(target, train, Y)
        remit = parts["keywords"] if types else np.zeros((len(target), 0))
        sup_types, sup_parts = fitted["support"]
        S = _mix(sup_parts, fold_weights) if sup_types else np.zeros((len(target), 0))
        true_sup = typed[(typed["role"] == "support") & (typed["doc_id"] == doc)]
        sup_found = sup_total = 0
        sup_of = true_sup.groupby("measure_id")["agency_type"].agg(set)
        for i, m in enumerate(target["measure_id"]):
            want = sup_of.get(m, set())
            order = np.lexsort((np.arange(len(sup_types)), -S[i]))[:5] if len(sup_types) else []
            got = {sup_types[j] for j in order if S[i, j] > 0}
            sup_found, sup_total = sup_found + len(want & got), sup_total + len(want)
        res = {
            "lead_top1": _topk_hits(P, truth, 1),
            "lead_top3": _topk_hits(P, truth, 3),
            "majority_top1": _topk_hits(majority, truth, 1),
            "majority_top3": _topk_hits(majority, truth, 3),
            "nn_top1": _topk_hits(nn, truth, 1),
            "nn_top3": _topk_hits(nn, truth, 3),
            "keywords_top1": _topk_hits(remit, truth, 1),
            "keywords_top3": _topk_hits(remit, truth, 3),
        }
        for i in np.flatnonzero(keep):
            order = np.lexsort((np.arange(len(types)), -P[i]))[:3]
            records.append(
                {
                    "doc_id": doc,
                    "measure_id": target["measure_id"][i],
                    "true_leads": ";".join(truth_types[i]),
                    "predicted_leads": ";".join(types[j] for j in order),
                    **{name: bool(v[i]) for name, v in res.items()},
                    "_sup": None,
                }
            )
        rows.append(
            {
                "doc_id": doc,
                "n": int(keep.sum()),
                "_sup": (sup_found, sup_total),
                "weights": _format_weights(fold_weights),
            }
        )
    predictions = pd.DataFrame(records).drop(columns="_sup")
    metric_names = [
        "lead_top1",
        "lead_top3",
        "majority_top1",
        "majority_top3",
        "nn_top1",
        "nn_top3",
        "keywords_top1",
        "keywords_top3",
    ]
    summary = []
    for row in [*rows, {"doc_id": "all", "n": len(predictions), "_sup": None}]:
        g = (
            predictions
            if row["doc_id"] == "all"
            else predictions[predictions["doc_id"] == row["doc_id"]]
        )
        if row["_sup"] is None:
            found = sum(r["_sup"][0] for r in rows)
            total = sum(r["_sup"][1] for r in rows)
        else:
            found, total = row["_sup"]
        summary.append(
            {
                "doc_id": row["doc_id"],
                "n": len(g),
                **{name: float(g[name].mean()) for name in metric_names},
                "support_recall5": found / total if total else float("nan"),
                "weights": row.get("weights", ""),
            }
        )
    predictions = predictions[
        ["doc_id", "measure_id", "true_leads", "predicted_leads", "lead_top1", "lead_top3"]
    ]
    predictions = predictions.rename(columns={"lead_top1": "top1", "lead_top3": "top3"})
    return {
        "lead_top1": float(predictions["top1"].mean()),
        "lead_top3": float(predictions["top3"].mean()),
        "summary": pd.DataFrame(summary),
        "predictions": predictions,
    }
