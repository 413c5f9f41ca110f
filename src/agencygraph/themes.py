"""What plans do: a theme codebook, theme assignment, comparison by theme and alignment.

Every measure gets a *primary* theme, up to three *secondary* themes, a score and the
evidence that decided it. The method is transparent and needs no model download:

1. **Codebook terms.** The codebook (``data/themes.csv``, one row per theme) lists Chinese
   phrases for each theme in its ``phrases`` column (``;``-separated). A measure's text is
   segmented by leftmost-longest match against all phrases at once, so 工会经费 counts for
   ``union_building`` only and not also for ``funding`` (经费). The codebook score of theme
   :math:`t` is the number of characters its phrases cover,

   .. math:: C_t = c_t(\\text{body}) + \\lambda_{own}\\, c_t(\\text{own title})
             + \\lambda_{ctx}\\, c_t(\\text{heading}),

   where the *own title* is the measure's first sentence when it repeats its task title
   (haimen, shanhu, lijiang) and the *heading* is a task title standing over several rows
   (cixi). The title weights make the theme a title names win, as the labelling rules ask.
2. **Labelled measures.** Texts are compared by cosine similarity of character n-gram
   TF-IDF vectors (:func:`tfidf_matrix`). The :math:`k` most similar labelled measures
   :math:`n` vote with weight :math:`s_n` (their cosine): the primary theme gets 1, each
   secondary theme :data:`SECONDARY_VOTE`, normalised per neighbour; :math:`S_t` is the
   weighted mean of the votes.
3. **Combination.** :math:`\\mathrm{score}_t = \\alpha\\, C_t / \\sum_u C_u
   + (1-\\alpha)\\, S_t`, a share in [0, 1] summing to 1 over themes. The primary theme is the
   arg max (ties: codebook order); secondary themes are the next ones whose score is at
   least :data:`SECONDARY_RATIO` times the primary's and whose phrases cover at least
   :data:`SECONDARY_MIN_CHARS` characters of the text (a clause, not a passing word).

The labels bundled in ``data/theme_labels.csv`` are the hand labels of the cixi, shanhu and
lijiang measures (``THEMES.md`` gives the rules). Another policy field needs only another
codebook CSV (``theme, phrases`` at least) and, optionally, a few labelled measures.

Examples
--------
>>> import agencygraph as ag
>>> from agencygraph.themes import assign_themes
>>> measures = ag.parse_corpus().measures
>>> themes = assign_themes(measures.query("doc_id == 'haimen'"))
>>> themes.set_index("measure_id").loc["haimen-s2-m7", "theme"]
'competitions'
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Sequence
from importlib import resources
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from agencygraph._errors import LexiconError

__all__ = [
    "CODEBOOK_COLUMNS",
    "LABEL_COLUMNS",
    "THEME_COLUMNS",
    "align_measures",
    "assign_themes",
    "codebook_hits",
    "cosine_similarity",
    "lead_agreement",
    "lead_differences",
    "load_codebook",
    "load_labels",
    "normalize_text",
    "tfidf_matrix",
    "theme_coverage",
    "theme_leads",
    "validate_themes",
]

#: Columns of a codebook file; only ``theme`` and ``phrases`` are required.
CODEBOOK_COLUMNS: tuple[str, ...] = ("theme", "name_en", "name_zh", "covers", "phrases")
#: Columns of a table of labelled measures (``text`` and ``task_title`` may come from measures).
LABEL_COLUMNS: tuple[str, ...] = ("measure_id", "primary_theme", "secondary_themes")
#: Columns returned by :func:`assign_themes`.
THEME_COLUMNS: tuple[str, ...] = ("doc_id", "measure_id", "theme", "themes", "score", "evidence")

# Defaults of the method (candidates for agencygraph.settings).
#: Character n-gram lengths of the TF-IDF vectors.
NGRAMS: tuple[int, int] = (1, 3)
#: Weight :math:`\alpha` of the codebook score against similarity to labelled measures.
CODEBOOK_WEIGHT: float = 0.6
#: Number of labelled neighbours that vote.
NEIGHBOURS: int = 5
#: Vote of a neighbour's secondary theme, relative to 1 for its primary theme.
SECONDARY_VOTE: float = 0.3
#: Weight of characters covered in a measure's own title (its first sentence).
OWN_TITLE_WEIGHT: float = 3.0
#: Weight of characters covered in a task heading standing over several measures.
HEADING_WEIGHT: float = 0.5
#: A secondary theme's score relative to the primary's, at least.
SECONDARY_RATIO: float = 0.3
#: A secondary theme's phrases must cover at least this many characters of the text.
SECONDARY_MIN_CHARS: int = 4
#: At most this many secondary themes.
MAX_SECONDARY: int = 3

_CODEBOOK_FILE = "themes.csv"
_LABELS_FILE = "theme_labels.csv"
_THEME_CODE_RE = re.compile(r"[a-z][a-z0-9_]*")
_SPACE_RE = re.compile(r"\s+")
# Redactions of the source ((略), *, □ ...) are no text: they must not make measures alike.
_REDACTION_RE = re.compile(r"\(略\)|[*□■×]+")
_WORD_RUN_RE = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff+]+")
_SENTENCE_END = "。.．!！?？;；"


# -- text --------------------------------------------------------------------------------------


def normalize_text(text: object) -> str:
    """NFKC, every whitespace removed, redaction marks removed.

    Examples
    --------
    >>> normalize_text("国（境）外 培训 (略) 交流")
    '国(境)外培训交流'
    """
    if not isinstance(text, str):
        text = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    s = _SPACE_RE.sub("", unicodedata.normalize("NFKC", text))
    return _REDACTION_RE.sub("", s)


def _char_ngrams(text: str, ngrams: tuple[int, int]) -> list[str]:
    # n-grams stay inside runs of characters, so punctuation never joins two clauses.
    lo, hi = ngrams
    grams: list[str] = []
    for run in _WORD_RUN_RE.findall(normalize_text(text)):
        for n in range(lo, hi + 1):
            grams.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return grams


def tfidf_matrix(texts: Sequence[str], *, ngrams: tuple[int, int] = NGRAMS) -> sparse.csr_matrix:
    """Character n-gram TF-IDF vectors, one L2-normalised row per text.

    Term frequency is sublinear, :math:`1 + \\ln \\mathrm{tf}`; the inverse document
    frequency is smoothed, :math:`\\ln\\frac{1 + N}{1 + \\mathrm{df}} + 1`, over the
    :math:`N` texts given (as in scikit-learn's ``TfidfVectorizer(analyzer="char",
    sublinear_tf=True)``). n-grams never cross punctuation; whitespace and redaction marks
    are removed first.

    Parameters
    ----------
    texts
        The texts; vocabulary and idf are fitted on them.
    ngrams
        Smallest and largest n-gram length.

    Returns
    -------
    scipy.sparse.csr_matrix
        Shape ``(len(texts), vocabulary size)``; columns in sorted n-gram order.

    Examples
    --------
    >>> X = tfidf_matrix(["技能竞赛", "技能培训", "党建"])
    >>> X.shape[0], round(float((X @ X.T)[0, 1]), 3) > 0, float((X @ X.T)[0, 2])
    (3, True, 0.0)
    """
    counts = [pd.Series(_char_ngrams(t, ngrams), dtype=object).value_counts() for t in texts]
    vocab = sorted({g for c in counts for g in c.index})
    index = {g: i for i, g in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, c in enumerate(counts):
        rows.extend([r] * len(c))
        cols.extend(index[g] for g in c.index)
        vals.extend(1.0 + np.log(c.to_numpy(dtype=float)))
    X = sparse.csr_matrix(
        (np.asarray(vals, dtype=float), (rows, cols)), shape=(len(texts), len(vocab))
    )
    df = np.bincount(X.indices, minlength=len(vocab))
    idf = np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0
    X = X @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ X)


def cosine_similarity(
    texts_a: Sequence[str], texts_b: Sequence[str], *, ngrams: tuple[int, int] = NGRAMS
) -> np.ndarray:
    """Cosine similarity of character n-gram TF-IDF vectors (idf fitted on both sets).

    Returns an array of shape ``(len(texts_a), len(texts_b))`` with values in [0, 1].

    Examples
    --------
    >>> sim = cosine_similarity(["开展职业技能竞赛"], ["举办技能竞赛", "加强党建"])
    >>> bool(sim[0, 0] > 0.3), float(sim[0, 1])
    (True, 0.0)
    """
    X = tfidf_matrix([*texts_a, *texts_b], ngrams=ngrams)
    a, b = X[: len(texts_a)], X[len(texts_a) :]
    return np.clip((a @ b.T).toarray(), 0.0, 1.0)


def _parts(measures: pd.DataFrame) -> pd.DataFrame:
    """Own title, heading and body of each measure, normalised."""
    text = measures["text"].map(normalize_text)
    title = (
        measures["task_title"].map(normalize_text)
        if "task_title" in measures.columns
        else pd.Series("", index=measures.index)
    )
    own, heading, body = [], [], []
    for t, x in zip(title, text, strict=True):
        t = t.rstrip(_SENTENCE_END)
        if t and x.startswith(t):
            own.append(t)
            heading.append("")
            body.append(x[len(t) :])
        else:
            own.append("")
            heading.append(t)
            body.append(x)
    return pd.DataFrame({"own": own, "heading": heading, "body": body}, index=measures.index)


def _full_text(measures: pd.DataFrame) -> list[str]:
    """Heading (where the text does not repeat it) and text: what similarity compares."""
    parts = _parts(measures)
    return [
        f"{h}。{o}{b}" if h else f"{o}{b}"
        for h, o, b in zip(parts["heading"], parts["own"], parts["body"], strict=True)
    ]


# -- codebook ----------------------------------------------------------------------------------


def _split_phrases(value: object) -> list[str]:
    if not isinstance(value, str):
        return []
    return [normalize_text(p) for p in re.split(r"[;；]", value) if normalize_text(p)]


def load_codebook(codebook: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """Load and check a theme codebook.

    Parameters
    ----------
    codebook
        A DataFrame or a CSV path with at least ``theme`` and ``phrases`` (phrases
        ``;``-separated); ``None`` loads the bundled ``data/themes.csv`` (21 themes of
        industrial-workforce reform).

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`CODEBOOK_COLUMNS` (missing descriptive ones empty), in file
        order; ``phrases`` as written.

    Raises
    ------
    LexiconError
        If a theme code is not snake_case or repeated, or a theme has no phrase.

    Examples
    --------
    >>> cb = load_codebook()
    >>> len(cb), cb.theme.iloc[0]
    (21, 'party_building')
    """
    source = "data/themes.csv"
    if codebook is None:
        text = resources.files("agencygraph").joinpath("data", _CODEBOOK_FILE)
        frame = pd.read_csv(
            io.StringIO(text.read_text(encoding="utf-8")), dtype=str, keep_default_na=False
        )
    elif isinstance(codebook, pd.DataFrame):
        frame, source = codebook.copy(), "codebook DataFrame"
    else:
        source = str(codebook)
        try:
            frame = pd.read_csv(codebook, dtype=str, keep_default_na=False, encoding="utf-8")
        except (OSError, UnicodeDecodeError, pd.errors.ParserError) as err:
            raise LexiconError(f"{source}: cannot read codebook: {err}") from err
    missing = [c for c in ("theme", "phrases") if c not in frame.columns]
    if missing:
        raise LexiconError(f"{source}: codebook lacks column(s) {missing}")
    frame = frame.fillna("").astype(str)
    for column in CODEBOOK_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    seen: set[str] = set()
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        if not _THEME_CODE_RE.fullmatch(row.theme):
            raise LexiconError(f"{source}:{i}: theme code {row.theme!r} is not snake_case")
        if row.theme in seen:
            raise LexiconError(f"{source}:{i}: theme {row.theme!r} is listed twice")
        seen.add(row.theme)
        if not _split_phrases(row.phrases):
            raise LexiconError(f"{source}:{i}: theme {row.theme!r} has no phrases")
    return frame[list(CODEBOOK_COLUMNS)].reset_index(drop=True)


def _phrase_table(codebook: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Phrase → the themes listing it (codebook order)."""
    table: dict[str, list[str]] = {}
    for theme, phrases in zip(codebook["theme"], codebook["phrases"], strict=True):
        for p in _split_phrases(phrases):
            if theme not in table.setdefault(p, []):
                table[p].append(theme)
    return {p: tuple(ts) for p, ts in table.items()}


def _segment(text: str, table: dict[str, tuple[str, ...]], longest: int) -> list[str]:
    """Phrases found by leftmost-longest matching, in order (repeats kept)."""
    found, i = [], 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + n] in table:
                found.append(text[i : i + n])
                i += n
                break
        else:
            i += 1
    return found


def codebook_hits(
    measures: pd.DataFrame, codebook: pd.DataFrame | str | Path | None = None
) -> pd.DataFrame:
    """Codebook phrases found in each measure, by part of the measure.

    Parameters
    ----------
    measures
        ``measure_id, text`` and optionally ``task_title``.
    codebook
        See :func:`load_codebook`.

    Returns
    -------
    pandas.DataFrame
        ``measure_id, part (own|heading|body), theme, phrase, count``, one row per phrase
        found, in measure order, then part, then first appearance.

    Examples
    --------
    >>> m = pd.DataFrame({"measure_id": ["x"], "text": ["举办职业技能竞赛"]})
    >>> codebook_hits(m)[["theme", "phrase"]].values.tolist()
    [['competitions', '职业技能竞赛']]
    """
    table = _phrase_table(load_codebook(codebook))
    longest = max(map(len, table), default=0)
    parts = _parts(measures)
    rows = []
    for mid, (_, part_row) in zip(measures["measure_id"], parts.iterrows(), strict=True):
        for part in ("own", "heading", "body"):
            found = _segment(part_row[part], table, longest)
            for phrase, count in pd.Series(found, dtype=object).value_counts(sort=False).items():
                for theme in table[phrase]:
                    rows.append((mid, part, theme, phrase, int(count)))
    return pd.DataFrame(rows, columns=["measure_id", "part", "theme", "phrase", "count"])


# -- labels ------------------------------------------------------------------------------------


def load_labels(
    labelled: pd.DataFrame | str | Path | None = None,
    measures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Labelled measures with their text, ready to vote in :func:`assign_themes`.

    Parameters
    ----------
    labelled
        A DataFrame or CSV path with ``measure_id, primary_theme, secondary_themes``
        (secondary ``;``-separated, may be empty) and optionally ``doc_id`` (or ``doc``),
        ``task_title`` and ``text``; ``None`` loads the bundled labels
        (``data/theme_labels.csv``: the 84 hand-labelled measures of cixi, shanhu, lijiang).
    measures
        Where ``labelled`` has no ``text``, the texts (and task titles) are taken from
        these measures by ``measure_id``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, measure_id, primary_theme, secondary_themes, task_title, text``.

    Raises
    ------
    ValueError
        If a label has no text, neither in ``labelled`` nor in ``measures``.
    """
    if labelled is None:
        res = resources.files("agencygraph").joinpath("data", _LABELS_FILE)
        frame = pd.read_csv(
            io.StringIO(res.read_text(encoding="utf-8")), dtype=str, keep_default_na=False
        )
    elif isinstance(labelled, pd.DataFrame):
        frame = labelled.copy()
    else:
        frame = pd.read_csv(labelled, dtype=str, keep_default_na=False, encoding="utf-8")
    frame = frame.rename(columns={"doc": "doc_id"})
    missing = [c for c in ("measure_id", "primary_theme") if c not in frame.columns]
    if missing:
        raise ValueError(f"labelled measures lack column(s) {missing}")
    if "secondary_themes" not in frame.columns:
        frame["secondary_themes"] = ""
    if "text" not in frame.columns:
        if measures is None:
            raise ValueError("labelled measures have no text column and no measures were given")
        cols = [c for c in ("doc_id", "measure_id", "task_title", "text") if c in measures]
        lookup = measures[cols].drop_duplicates("measure_id")
        frame = frame.drop(columns=[c for c in ("doc_id", "task_title") if c in frame.columns])
        frame = frame.merge(lookup, on="measure_id", how="left")
        if frame["text"].isna().any():
            lost = frame.loc[frame["text"].isna(), "measure_id"].tolist()[:5]
            raise ValueError(f"labelled measure(s) {lost} are not among the measures")
    for column in ("doc_id", "task_title"):
        if column not in frame.columns:
            frame[column] = ""
    frame = frame.fillna("")
    return frame[
        ["doc_id", "measure_id", "primary_theme", "secondary_themes", "task_title", "text"]
    ].reset_index(drop=True)


# -- assignment --------------------------------------------------------------------------------


def _codebook_matrix(
    measures: pd.DataFrame, themes: list[str], hits: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted covered characters per (measure, theme), and characters covered in the text."""
    pos = {t: j for j, t in enumerate(themes)}
    row = {m: i for i, m in enumerate(measures["measure_id"])}
    C = np.zeros((len(measures), len(themes)))
    body = np.zeros_like(C)
    weight = {"own": OWN_TITLE_WEIGHT, "heading": HEADING_WEIGHT, "body": 1.0}
    for h in hits.itertuples(index=False):
        chars = len(h.phrase) * h.count
        C[row[h.measure_id], pos[h.theme]] += weight[h.part] * chars
        if h.part != "heading":
            body[row[h.measure_id], pos[h.theme]] += chars
    return C, body


def _split_themes(value: object) -> list[str]:
    return [t for t in re.split(r"[;；,]", value) if t] if isinstance(value, str) else []


def _vote_matrix(labels: pd.DataFrame, themes: list[str]) -> np.ndarray:
    pos = {t: j for j, t in enumerate(themes)}
    V = np.zeros((len(labels), len(themes)))
    for i, (p, s) in enumerate(
        zip(labels["primary_theme"], labels["secondary_themes"], strict=True)
    ):
        if p in pos:
            V[i, pos[p]] += 1.0
        for t in _split_themes(s):
            if t in pos and t != p:
                V[i, pos[t]] += SECONDARY_VOTE
    sums = V.sum(axis=1, keepdims=True)
    sums[sums == 0] = 1.0
    return V / sums


def assign_themes(
    measures: pd.DataFrame,
    *,
    codebook: pd.DataFrame | str | Path | None = None,
    labelled: pd.DataFrame | str | Path | None = None,
    keep_labels: bool = True,
    codebook_weight: float = CODEBOOK_WEIGHT,
    k: int = NEIGHBOURS,
) -> pd.DataFrame:
    """Primary and secondary themes of each measure, with score and evidence.

    Parameters
    ----------
    measures
        ``doc_id, measure_id, text`` and optionally ``task_title`` (a coded corpus's
        ``measures``).
    codebook
        Theme codebook, DataFrame or CSV path (see :func:`load_codebook`); default bundled.
    labelled
        Labelled measures (see :func:`load_labels`); default the bundled labels. Pass an
        empty DataFrame to use the codebook alone. A measure never votes for itself.
    keep_labels
        Where a measure is itself labelled (same ``measure_id`` and text), return its label
        (score 1, evidence ``hand label``) instead of a prediction.
    codebook_weight
        :math:`\\alpha` of the module docstring; 1 is the codebook alone, 0 the labelled
        measures alone.
    k
        Number of labelled neighbours that vote.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, measure_id, theme, themes, score, evidence`` in the order of ``measures``:
        ``theme`` the primary theme ('' when neither a phrase nor a labelled measure
        speaks), ``themes`` all themes ``;``-joined, primary first, ``score`` the primary's
        score (a share in [0, 1]), ``evidence`` the phrases found per theme and the labelled
        measures it resembles (with cosine and their primary theme).

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d"], "measure_id": ["d-1"],
    ...                   "text": ["组织开展职工技术比武和职业技能竞赛"]})
    >>> assign_themes(m).loc[0, ["theme", "themes"]].tolist()
    ['competitions', 'competitions']
    """
    cb = load_codebook(codebook)
    themes = cb["theme"].tolist()
    measures = measures.reset_index(drop=True)
    labels = load_labels(labelled, measures) if labelled is None or len(labelled) else None
    if labels is not None:
        labels = labels[labels["primary_theme"].isin(themes)].reset_index(drop=True)
        if labels.empty:
            labels = None

    hits = codebook_hits(measures, cb)
    C, covered = _codebook_matrix(measures, themes, hits)
    totals = C.sum(axis=1, keepdims=True)
    C_share = np.divide(C, totals, out=np.zeros_like(C), where=totals > 0)

    S = np.zeros_like(C)
    has_s = np.zeros(len(measures), dtype=bool)
    neighbours: list[list[tuple[str, float, str]]] = [[] for _ in range(len(measures))]
    if labels is not None:
        sim = cosine_similarity(_full_text(measures), _full_text(labels))
        same = measures["measure_id"].to_numpy()[:, None] == labels["measure_id"].to_numpy()
        sim[same] = -1.0  # a measure is never its own evidence
        V = _vote_matrix(labels, themes)
        for i in range(len(measures)):
            order = np.lexsort((np.arange(sim.shape[1]), -sim[i]))[:k]
            order = order[sim[i, order] > 0]
            if len(order):
                w = sim[i, order]
                S[i] = w @ V[order] / w.sum()
                has_s[i] = True
                neighbours[i] = [
                    (labels["measure_id"][j], float(sim[i, j]), labels["primary_theme"][j])
                    for j in order[:3]
                ]

    alpha = np.where(totals.ravel() > 0, np.where(has_s, codebook_weight, 1.0), 0.0)
    score = alpha[:, None] * C_share + (1.0 - alpha[:, None]) * S

    label_of = {}
    if keep_labels and labels is not None:
        text_of = dict(zip(labels["measure_id"], labels["text"].map(normalize_text), strict=True))
        for mid, text in zip(measures["measure_id"], measures["text"], strict=True):
            if text_of.get(mid) == normalize_text(text):
                row = labels[labels["measure_id"] == mid].iloc[0]
                label_of[mid] = [row.primary_theme, *_split_themes(row.secondary_themes)]

    hits_by_measure = {m: g for m, g in hits.groupby("measure_id", sort=False)}
    out = []
    for i, mid in enumerate(measures["measure_id"]):
        if mid in label_of:
            chosen = label_of[mid]
            out.append((chosen[0], ";".join(chosen), 1.0, "hand label"))
            continue
        if score[i].sum() <= 0:
            out.append(("", "", 0.0, "no codebook phrase found and no similar labelled measure"))
            continue
        # Stable sort on the negated score: ties go to the theme listed first in the codebook.
        ranked = np.argsort(-score[i], kind="stable")
        primary = ranked[0]
        secondary = [
            j
            for j in ranked[1:]
            if score[i, j] >= SECONDARY_RATIO * score[i, primary]
            and covered[i, j] >= SECONDARY_MIN_CHARS
        ][:MAX_SECONDARY]
        chosen = [themes[primary], *(themes[j] for j in secondary)]
        out.append(
            (
                chosen[0],
                ";".join(chosen),
                round(float(score[i, primary]), 4),
                _evidence(hits_by_measure.get(mid), chosen, neighbours[i]),
            )
        )
    result = pd.DataFrame(out, columns=["theme", "themes", "score", "evidence"])
    result.insert(0, "measure_id", measures["measure_id"].to_numpy())
    result.insert(0, "doc_id", measures["doc_id"].to_numpy() if "doc_id" in measures else "")
    return result[list(THEME_COLUMNS)]


def _evidence(hits: pd.DataFrame | None, chosen: list[str], near: list) -> str:
    parts = []
    if hits is not None:
        for theme in chosen:
            h = hits[hits["theme"] == theme]
            if len(h):
                terms = h.groupby("phrase", sort=False)["count"].sum()
                listed = ", ".join(f"{p}×{c}" if c > 1 else p for p, c in terms.items())
                parts.append(f"{theme}: {listed}")
    if near:
        parts.append("like " + ", ".join(f"{m} ({s:.2f}, {t})" for m, s, t in near))
    return "; ".join(parts) if parts else "no codebook phrase found"


# -- validation --------------------------------------------------------------------------------


def validate_themes(
    measures: pd.DataFrame,
    labelled: pd.DataFrame | str | Path | None = None,
    *,
    codebook: pd.DataFrame | str | Path | None = None,
    codebook_weight: float = CODEBOOK_WEIGHT,
    k: int = NEIGHBOURS,
) -> dict[str, pd.DataFrame | float]:
    """Theme accuracy, cross-validated by plan: no plan's labels help theme that plan.

    For each document with labelled measures, the themes of its labelled measures are
    predicted with :func:`assign_themes` fitted on the labelled measures of the *other*
    documents only. Reported beside it: the codebook alone (:math:`\\alpha = 1`), the
    labelled neighbours alone (:math:`\\alpha = 0`), and the majority class of the other
    documents' labels.

    Parameters
    ----------
    measures
        The measures (for texts and task titles).
    labelled
        Labels (see :func:`load_labels`); default the bundled ones.
    codebook, codebook_weight, k
        As in :func:`assign_themes`.

    Returns
    -------
    dict
        ``accuracy`` (primary theme, all held-out measures), ``summary`` (DataFrame: one
        row per held-out document and an ``all`` row with ``n, primary_accuracy,
        secondary_precision, secondary_recall, codebook_only, neighbours_only, majority``)
        and ``predictions`` (DataFrame: ``doc_id, measure_id, true_theme, theme, themes,
        correct, evidence``).

    Examples
    --------
    >>> import agencygraph as ag
    >>> result = validate_themes(ag.parse_corpus().measures)
    >>> result["accuracy"] >= 0.85
    True
    """
    labels = load_labels(labelled, measures)
    if (labels["doc_id"] == "").any():
        labels["doc_id"] = labels["doc_id"].mask(
            labels["doc_id"] == "", labels["measure_id"].str.split("-").str[0]
        )
    docs = sorted(labels["doc_id"].unique())
    preds, rows = [], []
    for doc in docs:
        held = labels[labels["doc_id"] == doc]
        fit = labels[labels["doc_id"] != doc]
        target = held.drop(columns=["primary_theme", "secondary_themes"])
        runs = {
            "model": assign_themes(
                target, codebook=codebook, labelled=fit, codebook_weight=codebook_weight, k=k
            ),
            "codebook_only": assign_themes(target, codebook=codebook, labelled=fit.iloc[:0]),
            "neighbours_only": assign_themes(
                target, codebook=codebook, labelled=fit, codebook_weight=0.0, k=k
            ),
        }
        truth = held["primary_theme"].to_numpy()
        model = runs["model"]
        pred = model.assign(true_theme=truth, correct=model["theme"].to_numpy() == truth)
        pred["true_secondary"] = held["secondary_themes"].to_numpy()
        pred["codebook_only"] = runs["codebook_only"]["theme"].to_numpy() == truth
        pred["neighbours_only"] = runs["neighbours_only"]["theme"].to_numpy() == truth
        majority = fit["primary_theme"].value_counts().sort_index(kind="stable")
        pred["majority"] = truth == majority.idxmax() if len(majority) else False
        preds.append(pred)
    predictions = pd.concat(preds, ignore_index=True)
    for doc, g in [*predictions.groupby("doc_id", sort=True), ("all", predictions)]:
        tp = n_pred = n_true = 0
        for themes, sec in zip(g["themes"], g["true_secondary"], strict=True):
            got, want = set(themes.split(";")[1:]), set(_split_themes(sec))
            tp, n_pred, n_true = tp + len(got & want), n_pred + len(got), n_true + len(want)
        rows.append(
            {
                "doc_id": doc,
                "n": len(g),
                "primary_accuracy": g["correct"].mean(),
                "secondary_precision": tp / n_pred if n_pred else float("nan"),
                "secondary_recall": tp / n_true if n_true else float("nan"),
                "codebook_only": g["codebook_only"].mean(),
                "neighbours_only": g["neighbours_only"].mean(),
                "majority": g["majority"].mean(),
            }
        )
    predictions = predictions[
        ["doc_id", "measure_id", "true_theme", "theme", "themes", "correct", "evidence"]
    ]
    return {
        "accuracy": float(predictions["correct"].mean()),
        "summary": pd.DataFrame(rows),
        "predictions": predictions,
    }


# -- comparison by theme -----------------------------------------------------------------------


def _theme_frame(themes: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("doc_id", "measure_id", "theme") if c not in themes.columns]
    if missing:
        raise ValueError(f"themes lack column(s) {missing}")
    t = themes[["doc_id", "measure_id", "theme"]].copy()
    t["themes"] = themes["themes"] if "themes" in themes.columns else themes["theme"]
    return t[t["theme"].astype(str) != ""]


def theme_coverage(themes: pd.DataFrame) -> pd.DataFrame:
    """Which themes each plan has, and how many measures.

    Parameters
    ----------
    themes
        The output of :func:`assign_themes` (``doc_id, measure_id, theme, themes``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, theme, n_primary, n_any, share_primary``: measures with the theme as
        primary, with it among any of their themes, and the primary count over the plan's
        themed measures. One row per (plan, theme) with ``n_any > 0``, sorted by
        ``doc_id, theme``.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "a"], "measure_id": ["a1", "a2"],
    ...                   "theme": ["funding", "competitions"],
    ...                   "themes": ["funding", "competitions;funding"]})
    >>> theme_coverage(t)[["theme", "n_primary", "n_any"]].values.tolist()
    [['competitions', 1, 1], ['funding', 1, 2]]
    """
    t = _theme_frame(themes)
    n_doc = t.groupby("doc_id")["measure_id"].nunique()
    rows = []
    for doc, g in t.groupby("doc_id", sort=True):
        any_counts: dict[str, int] = {}
        for value in g["themes"]:
            for theme in dict.fromkeys(_split_themes(value)):
                any_counts[theme] = any_counts.get(theme, 0) + 1
        primary = g["theme"].value_counts()
        for theme in sorted(any_counts):
            n = int(primary.get(theme, 0))
            rows.append((doc, theme, n, any_counts[theme], n / n_doc[doc]))
    return pd.DataFrame(rows, columns=["doc_id", "theme", "n_primary", "n_any", "share_primary"])


def _led(themes: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """(theme, doc, measure, lead type) once each; units without a type left out."""
    t = _theme_frame(themes)
    a = assignments[(assignments["role"] == "lead") & (assignments["agency_type"] != "")]
    a = a[a["agency_type"].notna()][["measure_id", "agency_type"]].drop_duplicates()
    return t.merge(a, on="measure_id", how="inner")[
        ["theme", "doc_id", "measure_id", "agency_type"]
    ]


def theme_leads(themes: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """Theme × place → lead types: who leads, say, skills competitions in each place.

    A type is counted once per measure it leads (as any of the measure's leads).

    Parameters
    ----------
    themes
        :func:`assign_themes` output (primary theme is used).
    assignments
        Coded assignments (``measure_id, role, agency_type``).

    Returns
    -------
    pandas.DataFrame
        ``theme, doc_id, agency_type, n_measures, share``: ``share`` is ``n_measures`` over
        the plan's measures of that theme that have a typed lead. Sorted by theme, doc_id,
        descending ``n_measures``, agency_type.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "measure_id": ["a1", "b1"],
    ...                   "theme": ["competitions"] * 2})
    >>> a = pd.DataFrame({"measure_id": ["a1", "b1"], "role": ["lead"] * 2,
    ...                   "agency_type": ["hrss", "union"]})
    >>> theme_leads(t, a)[["doc_id", "agency_type"]].values.tolist()
    [['a', 'hrss'], ['b', 'union']]
    """
    led = _led(themes, assignments)
    counts = led.groupby(["theme", "doc_id", "agency_type"]).size().rename("n_measures")
    n = led.groupby(["theme", "doc_id"])["measure_id"].nunique()
    table = counts.reset_index()
    table["share"] = table["n_measures"] / [
        n[(t, d)] for t, d in zip(table.theme, table.doc_id, strict=True)
    ]
    table = table.assign(_neg=-table["n_measures"]).sort_values(
        ["theme", "doc_id", "_neg", "agency_type"], kind="stable"
    )
    return table.drop(columns="_neg").reset_index(drop=True)


def _modal(group: pd.DataFrame) -> list[str]:
    counts = group["agency_type"].value_counts()
    return sorted(counts.index[counts == counts.max()])


def lead_agreement(themes: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """How far places agree on who leads each theme.

    For each theme with typed leads in at least one plan:

    - ``modal_leads``: per plan, the lead type(s) of most of its measures of the theme
      (``doc:type``, ties ``+``-joined);
    - ``same_modal``: whether the plans share a modal lead type (all plans' modal sets
      intersect);
    - ``mean_jaccard``: mean over pairs of plans of the Jaccard index
      :math:`|A \\cap B| / |A \\cup B|` of their sets of lead types for the theme (NaN with
      one plan);
    - ``agreement``: share of the theme's measures (all plans) led by the theme's overall
      most frequent lead type (ties: alphabetical first).

    Returns
    -------
    pandas.DataFrame
        ``theme, n_docs, n_measures, top_lead, agreement, same_modal, mean_jaccard,
        modal_leads``, sorted by theme.
    """
    led = _led(themes, assignments)
    rows = []
    for theme, g in led.groupby("theme", sort=True):
        per_doc = {d: gg for d, gg in g.groupby("doc_id", sort=True)}
        modal = {d: _modal(gg) for d, gg in per_doc.items()}
        sets = [set(gg["agency_type"]) for gg in per_doc.values()]
        pairs = list(combinations(sets, 2))
        jaccard = np.mean([len(a & b) / len(a | b) for a, b in pairs]) if pairs else np.nan
        top = _modal(g)[0]
        n_measures = g["measure_id"].nunique()
        agreement = g.loc[g["agency_type"] == top, "measure_id"].nunique() / n_measures
        shared = set.intersection(*(set(v) for v in modal.values()))
        rows.append(
            (
                theme,
                len(per_doc),
                n_measures,
                top,
                agreement,
                bool(shared),
                float(jaccard),
                "; ".join(f"{d}:{'+'.join(v)}" for d, v in modal.items()),
            )
        )
    columns = ["theme", "n_docs", "n_measures", "top_lead", "agreement", "same_modal"]
    return pd.DataFrame(rows, columns=[*columns, "mean_jaccard", "modal_leads"])


def lead_differences(themes: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """Same theme, different lead: themes whose plans' modal lead types do not all agree.

    Returns
    -------
    pandas.DataFrame
        ``theme, doc_id, modal_leads, n_measures, measures`` for every plan of each theme
        where the plans' modal lead sets share no type; ``modal_leads`` ``;``-joined,
        ``measures`` the plan's measure ids of the theme. Sorted by theme, doc_id.
    """
    led = _led(themes, assignments)
    rows = []
    for theme, g in led.groupby("theme", sort=True):
        per_doc = {d: gg for d, gg in g.groupby("doc_id", sort=True)}
        modal = {d: _modal(gg) for d, gg in per_doc.items()}
        if len(modal) < 2 or set.intersection(*(set(v) for v in modal.values())):
            continue
        for d, gg in per_doc.items():
            ids = list(dict.fromkeys(gg["measure_id"]))
            rows.append((theme, d, ";".join(modal[d]), len(ids), ";".join(ids)))
    return pd.DataFrame(rows, columns=["theme", "doc_id", "modal_leads", "n_measures", "measures"])


# -- alignment ---------------------------------------------------------------------------------


def align_measures(
    measures: pd.DataFrame,
    *,
    k: int = 3,
    other_docs_only: bool = True,
    ngrams: tuple[int, int] = NGRAMS,
) -> pd.DataFrame:
    """Each measure's ``k`` most similar measures, by default in other plans.

    Similarity is the cosine of character n-gram TF-IDF vectors (:func:`tfidf_matrix`) of
    the measure's text, with its task heading in front where the text does not begin
    with it; idf is fitted on the measures given.

    Parameters
    ----------
    measures
        ``doc_id, measure_id, text`` (and ``task_title``).
    k
        Matches per measure.
    other_docs_only
        Only match measures of other documents (transfer between plans and levels).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, measure_id, rank, match_doc_id, match_measure_id, similarity``, in the
        order of ``measures``, then rank (1 = most similar; ties by measure order).
        Measures with zero similarity are not matched.

    Examples
    --------
    >>> import agencygraph as ag
    >>> m = ag.parse_corpus().measures
    >>> al = align_measures(m, k=1)
    >>> al.set_index("measure_id").loc["ningbo-s3-p1", "match_doc_id"] != "ningbo"
    True
    """
    measures = measures.reset_index(drop=True)
    X = tfidf_matrix(_full_text(measures), ngrams=ngrams)
    sim = np.clip((X @ X.T).toarray(), 0.0, 1.0)
    docs = measures["doc_id"].to_numpy()
    ids = measures["measure_id"].to_numpy()
    np.fill_diagonal(sim, -1.0)
    if other_docs_only:
        sim[docs[:, None] == docs[None, :]] = -1.0
    rows = []
    index = np.arange(len(measures))
    for i in range(len(measures)):
        order = np.lexsort((index, -sim[i]))[:k]
        for rank, j in enumerate(order[sim[i, order] > 0], start=1):
            rows.append((docs[i], ids[i], rank, docs[j], ids[j], round(float(sim[i, j]), 6)))
    return pd.DataFrame(
        rows,
        columns=["doc_id", "measure_id", "rank", "match_doc_id", "match_measure_id", "similarity"],
    )
