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
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache
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


# Blocks whose starters are never the second of a canonical composition (the first such
# starter is U+09BE): general punctuation and symbols, CJK, kana, forms.
_NO_SECOND_STARTERS: tuple[tuple[int, int], ...] = (
    (0x2000, 0x2BFF),
    (0x2E80, 0xA4CF),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE6F),
    (0xFF00, 0xFFEF),
)


@cache
def _composition_seconds() -> frozenset[int]:
    """Code points that can be the second of a canonical composition (Hangul V and T too)."""
    seconds = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<"):
            parts = d.split()
            if len(parts) == 2:
                seconds.add(int(parts[1], 16))
    return frozenset(seconds)


def _separable(c: str, nfkd: str) -> bool:
    """Whether NFKC never joins ``c`` to the character before it.

    True when the full decomposition of ``c`` starts with a starter that is never the second
    of a composition; then NFKC of a string is the NFKC of each of its characters.
    """
    if not nfkd:
        return True
    first = ord(nfkd[0])
    if unicodedata.combining(nfkd[0]):
        return False
    if first < 0x900 or any(lo <= first <= hi for lo, hi in _NO_SECOND_STARTERS):
        return True  # Latin, punctuation, CJK and kana starters: never a composition's second
    return first not in _composition_seconds()


def _normalize_many(texts: Sequence[object]) -> list[str]:
    """:func:`normalize_text` of many texts at once, as arrays of code points.

    Where every distinct character normalises on its own (see :func:`_separable`) and to at
    most one character, NFKC is a lookup table, whitespace and redactions are masks; texts
    with any other character are normalised one by one.
    """
    raw = [x if isinstance(x, str) else normalize_text(x) for x in texts]
    if not raw:
        return []
    with_nul = [i for i, x in enumerate(raw) if "\x00" in x]
    if with_nul:  # NUL separates the texts below: such texts go one by one
        out = _normalize_many([x.replace("\x00", "") for x in raw])
        for i in with_nul:
            out[i] = normalize_text(raw[i])
        return out
    joined = "\x00".join(raw)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter((len(x) for x in raw), dtype=np.int64, count=len(raw))
    text_of = np.repeat(np.arange(len(raw)), lengths + 1)[: len(cp)]
    is_sep = np.zeros(len(cp), dtype=bool)
    is_sep[np.cumsum(lengths + 1)[:-1] - 1] = True
    present = np.flatnonzero(np.bincount(cp))
    table = np.arange(int(present[-1]) + 1 if len(present) else 1, dtype=np.uint32)
    drop = np.zeros(len(table), dtype=bool)
    slow = np.zeros(len(table), dtype=bool)
    for code in present.tolist():
        c = chr(code)
        if c.isascii() and c.isalnum():
            continue
        out = _SPACE_RE.sub("", unicodedata.normalize("NFKC", c))
        if code == 0:
            continue  # the separator
        if not _separable(c, unicodedata.normalize("NFKD", c)) or len(out) > 1:
            slow[code] = True
        elif not out:
            drop[code] = True
        else:
            table[code] = ord(out)
    slow_text = np.zeros(len(raw), dtype=bool)
    slow_text[text_of[slow[cp]]] = True
    mapped = table[cp]
    keep = ~drop[cp]
    mapped, sep_kept = mapped[keep], is_sep[keep]
    # Redactions, after whitespace is gone: (略) and runs of * □ ■ ×.
    red = np.isin(mapped, np.array([ord(c) for c in "*□■×"], dtype=np.uint32))
    if len(mapped) >= 3:
        start = np.flatnonzero(
            (mapped[:-2] == ord("(")) & (mapped[1:-1] == ord("略")) & (mapped[2:] == ord(")"))
        )
        for shift in range(3):
            red[start + shift] = True
    mapped = mapped[~red | sep_kept]
    out = mapped.tobytes().decode("utf-32-le").split("\x00")
    for i in np.flatnonzero(slow_text).tolist():
        out[i] = normalize_text(raw[i])
    return out


def _char_ngrams(text: str, ngrams: tuple[int, int]) -> list[str]:
    # n-grams stay inside runs of characters, so punctuation never joins two clauses.
    lo, hi = ngrams
    grams: list[str] = []
    for run in _WORD_RUN_RE.findall(normalize_text(text)):
        for n in range(lo, hi + 1):
            grams.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return grams


def _run_mask(cp: np.ndarray) -> np.ndarray:
    """Code points inside :data:`_WORD_RUN_RE` runs (the same character class)."""
    return (
        ((cp >= 0x30) & (cp <= 0x39))
        | ((cp >= 0x41) & (cp <= 0x5A))
        | ((cp >= 0x61) & (cp <= 0x7A))
        | (cp == 0x2B)
        | ((cp >= 0x3400) & (cp <= 0x4DBF))
        | ((cp >= 0x4E00) & (cp <= 0x9FFF))
        | ((cp >= 0xF900) & (cp <= 0xFAFF))
    )


# Characters of n-gram text handled per sort (bounds the memory of the packed keys).
_CHUNK_CHARS = 4_000_000


def _sorted_ids(keys: np.ndarray, key_bits: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct keys and each key's index among them (an argsort by one plain sort).

    The position of each key is packed into the bits below it, so that sorting the packed
    integers sorts the keys and carries their positions along.
    """
    n = len(keys)
    pos_bits = max(int(n).bit_length(), 1)
    if key_bits + pos_bits > 64:  # too wide to pack: hash instead
        codes, uniques = pd.factorize(keys, sort=True)
        return np.asarray(uniques, dtype=np.uint64), codes.astype(np.int64)
    packed = np.sort((keys << np.uint64(pos_bits)) | np.arange(n, dtype=np.uint64))
    sorted_keys = packed >> np.uint64(pos_bits)
    new = np.empty(n, dtype=bool)
    new[:1] = True
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=new[1:])
    ids = np.empty(n, dtype=np.int64)
    ids[(packed & np.uint64((1 << pos_bits) - 1)).astype(np.int64)] = np.cumsum(new) - 1
    return sorted_keys[new], ids


def _gram_counts(texts: list[str], ngrams: tuple[int, int], keys: bool = False):
    """n-gram counts, one row per (already normalised) text, columns in sorted n-gram order.

    ``keys``: also return each column's n-gram as a corpus-independent integer
    (:func:`_global_keys`), so that counts of different calls can be added up.

    Each character of a run gets a dense id (code point order, from 1), an n-gram the
    integer ``id_1 id_2 .. id_n 0 .. 0`` in base ``2**b``: integer order is string order.
    Counting is sorting: ``row << bits | key`` sorted gives each row's n-grams in order with
    their repeats side by side. Texts are handled in chunks, each with its own vocabulary;
    the chunk vocabularies are merged at the end, so memory stays bounded.
    """
    lo, hi = ngrams
    n_rows = len(texts)
    joined = "\x00".join(texts) + "\x00"
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    del joined
    run = _run_mask(cp)
    present = np.flatnonzero(np.bincount(cp[run])) if run.any() else np.zeros(0, int)
    b = max(len(present).bit_length(), 1)
    key_bits = hi * b
    if key_bits > 62 or n_rows == 0:
        counts = _gram_counts_python(texts, ngrams, keys=keys)
        return counts
    ids = np.zeros(int(cp.max()) + 1, dtype=np.uint64)
    ids[present] = np.arange(1, len(present) + 1, dtype=np.uint64)
    char = np.where(run, ids[cp], np.uint64(0))
    del ids, run, cp
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=n_rows)
    starts = np.concatenate([[0], np.cumsum(lengths)])
    row_limit = (1 << min(64 - key_bits, 40)) - 1
    key_mask = np.uint64((1 << key_bits) - 1)
    chunks = []  # (local columns, counts, vocabulary) per chunk of texts
    row_counts = np.zeros(n_rows, dtype=np.int64)
    r0 = 0
    while r0 < n_rows:
        r1 = int(np.searchsorted(starts, starts[r0] + _CHUNK_CHARS, side="right")) - 1
        r1 = min(max(r1, r0 + 1), n_rows, r0 + row_limit)
        c = char[starts[r0] : starts[r1]]
        rowkey = np.repeat(np.arange(r1 - r0, dtype=np.uint64), lengths[r0:r1]) << np.uint64(
            key_bits
        )
        packed = []
        for n in range(1, hi + 1):
            shift = np.uint64(b * (hi - n))
            if n == 1:
                key = c << shift
                valid = c > 0
            else:
                key = key[:-1] | (c[n - 1 :] << shift)
                valid = valid[:-1] & (c[n - 1 :] > 0)
            if n >= lo:
                packed.append((rowkey[: len(key)] | key)[valid])
        del rowkey, key, valid
        allp = np.sort(np.concatenate(packed))
        del packed
        if len(allp):
            first = np.flatnonzero(np.concatenate([[True], allp[1:] != allp[:-1]]))
            counts = np.diff(np.append(first, len(allp))).astype(np.int32)
            u = allp[first]
            del allp, first
            row_counts[r0:r1] = np.bincount(
                (u >> np.uint64(key_bits)).astype(np.int64), minlength=r1 - r0
            )
            vocab, local = _sorted_ids(u & key_mask, key_bits)
            chunks.append((local.astype(np.int32), counts, vocab))
        r0 = r1
    del char
    if not chunks:
        empty = sparse.csr_matrix((n_rows, 0))
        return (empty, np.zeros(0, dtype=np.uint64)) if keys else empty
    # Merge the chunk vocabularies: one more packed sort, over distinct keys only.
    vocab, global_ids = _sorted_ids(np.concatenate([v for _, _, v in chunks]), key_bits)
    cols, data, offset = [], [], 0
    for local, counts, v in chunks:
        cols.append(global_ids[offset : offset + len(v)].astype(np.int32)[local])
        data.append(counts)
        offset += len(v)
    indptr = np.concatenate([[0], np.cumsum(row_counts)])
    counts = sparse.csr_matrix(
        (np.concatenate(data), np.concatenate(cols), indptr), shape=(n_rows, len(vocab))
    )
    if not keys:
        return counts
    # Local character ids back to code points: 21 bits a character, zero-padded on the right
    # as the local keys are, so the order stays string order.
    out = np.zeros(len(vocab), dtype=np.uint64)
    mask = np.uint64((1 << b) - 1)
    code_points = np.concatenate([[0], present]).astype(np.uint64)
    for n in range(1, hi + 1):
        local = ((vocab >> np.uint64(b * (hi - n))) & mask).astype(np.int64)
        out |= code_points[local] << np.uint64(_CP_BITS * (hi - n))
    return counts, out


#: Bits of a code point in the corpus-independent key of an n-gram (:func:`_global_keys`).
_CP_BITS = 21


def _global_keys(grams: Sequence[str], hi: int) -> np.ndarray:
    """n-grams as integers, ``hi`` code points of 21 bits each (padded with 0): equal
    n-grams give equal keys in any corpus, and key order is string order."""
    out = np.zeros(len(grams), dtype=np.uint64)
    for i, g in enumerate(grams):
        key = 0
        for n in range(hi):
            key = (key << _CP_BITS) | (ord(g[n]) if n < len(g) else 0)
        out[i] = key
    return out


def _gram_counts_python(texts: list[str], ngrams: tuple[int, int], keys: bool = False):
    """:func:`_gram_counts` one text at a time (n-grams too long to pack in 64 bits)."""
    counted = []
    for t in texts:
        c: dict[str, int] = {}
        for g in _char_ngrams(t, ngrams):
            c[g] = c.get(g, 0) + 1
        counted.append(c)
    vocab = sorted({g for c in counted for g in c})
    index = {g: i for i, g in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, c in enumerate(counted):
        rows.extend([r] * len(c))
        cols.extend(index[g] for g in c)
        vals.extend(c.values())
    X = sparse.csr_matrix(
        (np.asarray(vals, dtype=np.int32), (rows, cols)), shape=(len(texts), len(vocab))
    )
    X.sum_duplicates()
    return (X, _global_keys(vocab, ngrams[1])) if keys else X


def _distinct(texts: Sequence[str], *, normalized: bool = False) -> tuple[list[str], np.ndarray]:
    """Distinct normalised texts and, for each text, the row of its distinct text.

    ``normalized`` says the texts are made of :func:`normalize_text` output already; then
    only a text holding (略) can change again (its redaction mark formed by the first pass).
    """
    if normalized:
        texts = [normalize_text(t) if "(略)" in t else t for t in texts]
    else:
        texts = _normalize_many(texts)
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object))
    return list(uniques), codes.astype(np.int64)


def _idf(counts: sparse.csr_matrix, codes: np.ndarray) -> np.ndarray:
    """Smoothed idf over all texts (a distinct text counts as often as it occurs)."""
    n_texts = len(codes)
    mult = np.bincount(codes, minlength=counts.shape[0]).astype(float)
    per_entry = np.repeat(mult, np.diff(counts.indptr))
    df = np.bincount(counts.indices, weights=per_entry, minlength=counts.shape[1])
    return np.log((1.0 + n_texts) / (1.0 + df)) + 1.0


def _weigh(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear tf × idf, rows L2-normalised; columns kept in sorted order.

    Element by element the arithmetic of ``X @ diags(idf)``, ``X.multiply(X).sum(axis=1)``
    and ``diags(1 / norms) @ X`` (products, then squares summed along each row in column
    order by ``reduceat``), without their intermediate matrices.
    """
    counts = counts.tocsr()
    if not counts.has_sorted_indices:
        counts = counts.sorted_indices()
    w = (1.0 + np.log(counts.data.astype(float))) * idf[counts.indices]
    sums = np.zeros(counts.shape[0])
    rows = np.flatnonzero(np.diff(counts.indptr))
    if len(rows):
        sums[rows] = np.add.reduceat(w * w, counts.indptr[rows])
    norms = np.sqrt(sums)
    norms[norms == 0] = 1.0
    w *= np.repeat(1.0 / norms, np.diff(counts.indptr))
    return sparse.csr_matrix((w, counts.indices, counts.indptr), shape=counts.shape)


def tfidf_matrix(texts: Sequence[str], *, ngrams: tuple[int, int] = NGRAMS) -> sparse.csr_matrix:
    """Character n-gram TF-IDF vectors, one L2-normalised row per text.

    Term frequency is sublinear, :math:`1 + \\ln \\mathrm{tf}`; the inverse document
    frequency is smoothed, :math:`\\ln\\frac{1 + N}{1 + \\mathrm{df}} + 1`, over the
    :math:`N` texts given (as in scikit-learn's ``TfidfVectorizer(analyzer="char",
    sublinear_tf=True)``). n-grams never cross punctuation; whitespace and redaction marks
    are removed first. Built in one vectorised pass (n-grams counted by sorting packed
    integer keys), so time and memory grow linearly with the text.

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
    distinct, codes = _distinct(texts)
    counts = _gram_counts(distinct, ngrams)
    return _weigh(counts, _idf(counts, codes))[codes]


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


# Rows of a similarity block (rows × columns of the other side) held at once.
_BLOCK_CELLS = 4_000_000


class GramFrequencies:
    """Document frequencies of character n-grams, added up chunk by chunk of a corpus.

    The labelled-neighbour similarity of :func:`assign_themes` weighs n-grams by an idf
    fitted on the measures and the labels together. A corpus coded in chunks counts its
    measures' n-grams here first (:meth:`add_measures`, every chunk), then assigns each
    chunk's themes with ``idf=`` this object: the same idf, so the same themes, bit for
    bit, as one call on the whole corpus.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d", "d"], "measure_id": ["d-1", "d-2"],
    ...                   "text": ["组织开展职工技术比武", "开展职业技能竞赛"]})
    >>> freq = GramFrequencies.of_labels().add_measures(m.iloc[:1]).add_measures(m.iloc[1:])
    >>> whole = assign_themes(m)
    >>> parts = [assign_themes(m.iloc[:1], idf=freq), assign_themes(m.iloc[1:], idf=freq)]
    >>> whole["themes"].tolist() == pd.concat(parts)["themes"].tolist()
    True
    """

    def __init__(self, ngrams: tuple[int, int] = NGRAMS) -> None:
        self.ngrams = ngrams
        self.keys = np.zeros(0, dtype=np.uint64)
        self.df = np.zeros(0)
        self.n_texts = 0

    @classmethod
    def of_labels(
        cls, labelled: pd.DataFrame | str | Path | None = None, codebook=None
    ) -> GramFrequencies:
        """Frequencies of the labelled measures' texts (those :func:`assign_themes` uses)."""
        out = cls()
        themes = load_codebook(codebook)["theme"].tolist()
        labels = load_labels(labelled)
        labels = labels[labels["primary_theme"].isin(themes)].reset_index(drop=True)
        if len(labels):
            out.add(_full_text(labels))
        return out

    def add_measures(self, measures: pd.DataFrame) -> GramFrequencies:
        """Count the texts of a chunk of measures; returns self."""
        measures = measures.reset_index(drop=True)
        return self.add(_full_text(measures, _parts(measures)))

    def add(self, texts: Sequence[str]) -> GramFrequencies:
        """Count normalised texts (as :func:`_full_text` gives them); returns self."""
        if not len(texts):
            return self
        distinct, codes = _distinct(list(texts), normalized=True)
        counts, keys = _gram_counts(distinct, self.ngrams, keys=True)
        mult = np.bincount(codes, minlength=counts.shape[0]).astype(float)
        per_entry = np.repeat(mult, np.diff(counts.indptr))
        df = np.bincount(counts.indices, weights=per_entry, minlength=counts.shape[1])
        merged, where = np.unique(np.concatenate([self.keys, keys]), return_inverse=True)
        self.df = np.bincount(where, weights=np.concatenate([self.df, df]), minlength=len(merged))
        self.keys = merged
        self.n_texts += len(codes)
        return self

    def idf(self, keys: np.ndarray) -> np.ndarray:
        """The smoothed idf of :func:`_idf` for n-grams given by key (all counted here)."""
        at = np.searchsorted(self.keys, keys)
        if len(keys) and (at.max() >= len(self.keys) or (self.keys[at] != keys).any()):
            raise ValueError("n-grams not counted: add every chunk's measures first")
        return np.log((1.0 + self.n_texts) / (1.0 + self.df[at])) + 1.0


def _similarity_blocks(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    *,
    ngrams: tuple[int, int] = NGRAMS,
    normalized: bool = False,
    idf_from: GramFrequencies | None = None,
) -> Iterator[tuple[int, int, np.ndarray]]:
    """Cosine similarity of ``a`` to ``b`` (idf fitted on both), block by block of ``a``.

    ``idf_from``: the idf of n-gram frequencies counted elsewhere (a whole corpus that
    ``a`` is a chunk of) instead of those of ``a`` and ``b``.

    Yields ``(lo, hi, sim)`` with ``sim`` the dense ``(hi - lo) × len(b)`` block of
    :func:`cosine_similarity`, bit for bit; blocks hold about :data:`_BLOCK_CELLS` cells,
    so the whole ``a × b`` matrix is never held. Only the n-grams occurring in ``b`` enter
    the product.
    """
    n_a, n_b = len(texts_a), len(texts_b)
    if n_a == 0:
        return
    if n_b == 0:
        yield 0, n_a, np.zeros((n_a, 0))
        return
    distinct, codes = _distinct([*texts_a, *texts_b], normalized=normalized)
    if idf_from is None:
        counts = _gram_counts(distinct, ngrams)
        idf = _idf(counts, codes)
    else:
        counts, keys = _gram_counts(distinct, ngrams, keys=True)
        idf = idf_from.idf(keys)
    codes_a, codes_b = codes[:n_a], codes[n_a:]
    B = _weigh(counts[codes_b], idf)
    keep = np.flatnonzero(np.bincount(B.indices, minlength=B.shape[1]))  # n-grams of b
    BT = B[:, keep].T.tocsr()
    step = max(1, _BLOCK_CELLS // n_b)
    for lo in range(0, n_a, step):
        hi = min(lo + step, n_a)
        A = _weigh(counts[codes_a[lo:hi]], idf)[:, keep]
        yield lo, hi, np.clip((A @ BT).toarray(), 0.0, 1.0)


def _top_k(sim: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the ``k`` columns of highest positive value (ties: lower column first).

    Returns ``(index, value)`` of shape ``(rows, k)``; slots beyond the positive values hold
    index -1 and value 0. Equal to a stable sort of each row on the negated values.
    """
    rows, n = sim.shape
    index = np.full((rows, k), -1, dtype=np.int64)
    value = np.zeros((rows, k))
    kk = min(k, n)
    if rows == 0 or kk == 0:
        return index, value
    # The k-th largest value bounds the candidates; ties at it are broken by column.
    kth = -np.partition(-sim, kk - 1, axis=1)[:, kk - 1] if kk < n else sim.min(axis=1)
    r, c = np.nonzero((sim >= kth[:, None]) & (sim > 0))
    v = sim[r, c]
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    rank = np.arange(len(r)) - np.searchsorted(r, r, side="left")
    keep = rank < k
    index[r[keep], rank[keep]] = c[keep]
    value[r[keep], rank[keep]] = v[keep]
    return index, value


def _top_similar(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    k: int,
    *,
    exclude: tuple[np.ndarray, np.ndarray] | None = None,
    ngrams: tuple[int, int] = NGRAMS,
    normalized: bool = False,
    idf_from: GramFrequencies | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` texts of ``b`` most similar to each text of ``a`` (see :func:`_top_k`).

    ``exclude`` holds (row of a, row of b) pairs that may not match.
    """
    index = np.full((len(texts_a), k), -1, dtype=np.int64)
    sims = np.zeros((len(texts_a), k))
    ex_a = exclude[0] if exclude is not None else np.zeros(0, dtype=np.int64)
    ex_b = exclude[1] if exclude is not None else np.zeros(0, dtype=np.int64)
    blocks = _similarity_blocks(
        texts_a, texts_b, ngrams=ngrams, normalized=normalized, idf_from=idf_from
    )
    for lo, hi, sim in blocks:
        inside = (ex_a >= lo) & (ex_a < hi)
        sim[ex_a[inside] - lo, ex_b[inside]] = -1.0
        index[lo:hi], sims[lo:hi] = _top_k(sim, k)
    return index, sims


def _parts(measures: pd.DataFrame) -> pd.DataFrame:
    """Own title, heading and body of each measure, normalised."""
    text = _normalize_many(measures["text"].tolist())
    title = (
        _normalize_many(measures["task_title"].tolist())
        if "task_title" in measures.columns
        else [""] * len(measures)
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


def _full_text(measures: pd.DataFrame, parts: pd.DataFrame | None = None) -> list[str]:
    """Heading (where the text does not repeat it) and text: what similarity compares."""
    parts = _parts(measures) if parts is None else parts
    return [
        f"{h}。{o}{b}" if h else f"{o}{b}"
        for h, o, b in zip(
            parts["heading"].tolist(), parts["own"].tolist(), parts["body"].tolist(), strict=True
        )
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


def _trie_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    """One regex for all phrases, written as a trie so that it matches leftmost-longest.

    At each node the longer phrases are tried first (a greedy optional group) and
    alternatives start with distinct characters, so the first match at a position is
    the longest phrase there, exactly as segmenting character by character would find.
    """
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        alts = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            body = body + "?" if len(alts) > 1 else "(?:" + body + ")?"
        return body

    return re.compile(pattern(trie) or "(?!)")


def _segment(text: str, table: dict[str, tuple[str, ...]], longest: int) -> list[str]:
    """Phrases found by leftmost-longest matching, in order (repeats kept).

    The reference implementation of :func:`_segment_many` (one text, character by
    character).
    """
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


def _segment_many(
    texts: Sequence[str], table: dict[str, tuple[str, ...]]
) -> tuple[np.ndarray, list[list[tuple[str, int]]]]:
    """Phrases in each text, counted: ``(codes, found)``.

    ``found[codes[i]]`` lists text ``i``'s phrases with their counts, in order of first
    appearance; each distinct text is segmented once, by one trie regex.
    """
    codes, uniques = pd.factorize(pd.Series(list(texts), dtype=object))
    rx = _trie_pattern(list(table))
    # Counter keeps first appearance order and counts in C.
    found = [list(Counter(rx.findall(text)).items()) for text in uniques.tolist()]
    return codes, found


_PARTS: tuple[str, ...] = ("own", "heading", "body")


def _segment_parts(
    parts: pd.DataFrame, table: dict[str, tuple[str, ...]]
) -> dict[str, tuple[np.ndarray, list[list[tuple[str, int]]]]]:
    return {part: _segment_many(parts[part].tolist(), table) for part in _PARTS}


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
    segmented = _segment_parts(_parts(measures), table)
    # Rows of each distinct part text, expanded to measures in one vectorised step.
    frames = []
    for rank, part in enumerate(_PARTS):
        codes, found = segmented[part]
        flat = [
            (u, order, theme, phrase, count)
            for u, items in enumerate(found)
            for order, (phrase, count) in enumerate(items)
            for theme in table[phrase]
        ]
        per = pd.DataFrame(flat, columns=["u", "order", "theme", "phrase", "count"])
        per["seq"] = np.arange(len(per))
        m = pd.DataFrame({"row": np.arange(len(codes)), "u": codes})
        frames.append(m.merge(per, on="u", how="inner").assign(rank=rank))
    hits = pd.concat(frames, ignore_index=True).sort_values(["row", "rank", "seq"], kind="stable")
    hits["measure_id"] = measures["measure_id"].to_numpy()[hits["row"].to_numpy()]
    hits["part"] = np.asarray(_PARTS, dtype=object)[hits["rank"].to_numpy()]
    hits["count"] = hits["count"].astype(int)
    return hits[["measure_id", "part", "theme", "phrase", "count"]].reset_index(drop=True)


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
    segmented: dict[str, tuple[np.ndarray, list[list[tuple[str, int]]]]],
    table: dict[str, tuple[str, ...]],
    themes: list[str],
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted covered characters per (measure, theme), and characters covered in the text.

    Per part, a sparse (distinct text × phrase) count matrix is spread to the measures and
    multiplied by the (phrase × theme) matrix of phrase lengths.
    """
    phrases = list(table)
    p_index = {p: i for i, p in enumerate(phrases)}
    t_index = {t: j for j, t in enumerate(themes)}
    pt_rows, pt_cols, pt_vals = [], [], []
    for p, ts in table.items():
        for t in ts:
            if t in t_index:
                pt_rows.append(p_index[p])
                pt_cols.append(t_index[t])
                pt_vals.append(float(len(p)))
    chars = sparse.csr_matrix((pt_vals, (pt_rows, pt_cols)), shape=(len(phrases), len(themes)))
    weight = {"own": OWN_TITLE_WEIGHT, "heading": HEADING_WEIGHT, "body": 1.0}
    n = len(next(iter(segmented.values()))[0])
    C = np.zeros((n, len(themes)))
    body = np.zeros_like(C)
    for part, (codes, found) in segmented.items():
        rows = np.repeat(np.arange(len(found)), [len(f) for f in found])
        cols = [p_index[p] for f in found for p, _ in f]
        vals = [float(c) for f in found for _, c in f]
        U = sparse.csr_matrix((vals, (rows, cols)), shape=(len(found), len(phrases)))
        per_measure = (U @ chars).toarray()[codes]  # exact: small integer sums
        C += weight[part] * per_measure
        if part != "heading":
            body += per_measure
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
    idf: GramFrequencies | None = None,
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
    idf
        The similarity's n-gram frequencies, when ``measures`` is a chunk of a larger
        corpus (see :class:`GramFrequencies`): the themes are then those of the whole.

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

    table = _phrase_table(cb)
    parts = _parts(measures)
    segmented = _segment_parts(parts, table)
    C, covered = _codebook_matrix(segmented, table, themes)
    totals = C.sum(axis=1, keepdims=True)
    C_share = np.divide(C, totals, out=np.zeros_like(C), where=totals > 0)

    n = len(measures)
    ids = measures["measure_id"].to_numpy()
    S = np.zeros_like(C)
    has_s = np.zeros(n, dtype=bool)
    near_idx = np.full((n, 0), -1)
    near_sim = np.zeros((n, 0))
    if labels is not None:
        label_ids = labels["measure_id"].to_numpy()
        # A measure is never its own evidence: (measure row, label row) pairs with one id.
        pairs = pd.DataFrame({"i": np.arange(n), "id": ids}).merge(
            pd.DataFrame({"j": np.arange(len(labels)), "id": label_ids}), on="id"
        )
        near_idx, near_sim = _top_similar(
            _full_text(measures, parts),
            _full_text(labels),
            k,
            exclude=(pairs["i"].to_numpy(), pairs["j"].to_numpy()),
            normalized=True,
            idf_from=idf,
        )
        V = _vote_matrix(labels, themes)
        n_near = (near_idx >= 0).sum(axis=1)
        has_s = n_near > 0
        # S = w @ V[order] / sum(w) per row, batched by neighbour count: the same BLAS call
        # on the same shapes as one row at a time, so the scores stay bit-identical.
        for m in range(1, near_idx.shape[1] + 1):
            rows = np.flatnonzero(n_near == m)
            if len(rows):
                w = near_sim[rows, :m]
                S[rows] = np.matmul(w[:, None, :], V[near_idx[rows, :m]])[:, 0, :] / w.sum(
                    axis=1, keepdims=True
                )

    alpha = np.where(totals.ravel() > 0, np.where(has_s, codebook_weight, 1.0), 0.0)
    score = alpha[:, None] * C_share + (1.0 - alpha[:, None]) * S

    label_of: dict[int, list[str]] = {}
    if keep_labels and labels is not None:
        first = labels.drop_duplicates("measure_id")
        # As ever: the text of an id's last label row, the themes of its first.
        text_of = dict(
            zip(labels["measure_id"], _normalize_many(labels["text"].tolist()), strict=True)
        )
        secondary_of = dict(zip(first["measure_id"], first["secondary_themes"], strict=True))
        primary_of = dict(zip(first["measure_id"], first["primary_theme"], strict=True))
        own_text = [
            o + b for o, b in zip(parts["own"].tolist(), parts["body"].tolist(), strict=True)
        ]
        for i, (mid, text) in enumerate(zip(ids, own_text, strict=True)):
            if mid in text_of and text_of[mid] == text:
                label_of[i] = [primary_of[mid], *_split_themes(secondary_of[mid])]

    # Ranks of all rows at once; stable sort on the negated score: ties go to the theme
    # listed first in the codebook.
    ranked = np.argsort(-score, axis=1, kind="stable")
    ranked_score = np.take_along_axis(score, ranked, axis=1)
    ranked_cover = np.take_along_axis(covered, ranked, axis=1)
    eligible = (ranked_score >= SECONDARY_RATIO * ranked_score[:, :1]) & (
        ranked_cover >= SECONDARY_MIN_CHARS
    )
    eligible[:, 0] = False
    eligible &= np.cumsum(eligible, axis=1) <= MAX_SECONDARY
    secondary: list[list[int]] = [[] for _ in range(n)]
    for i, j in zip(*np.nonzero(eligible), strict=True):
        secondary[i].append(ranked[i, j])
    primary_theme = np.asarray(themes, dtype=object)[ranked[:, 0]] if n else []
    primary_score = ranked_score[:, 0].tolist() if n else []
    positive = (score.sum(axis=1) > 0).tolist()

    evidence = _Evidence(segmented, table)
    label_ids = labels["measure_id"].tolist() if labels is not None else []
    label_primary = labels["primary_theme"].tolist() if labels is not None else []
    before = [f"{m} (" for m in label_ids]
    after = [f", {t})" for t in label_primary]
    near_rows = near_idx[:, :3].tolist()
    near_sims = near_sim[:, :3].tolist()
    out = []
    for i in range(n):
        if i in label_of:
            chosen = label_of[i]
            out.append((chosen[0], ";".join(chosen), 1.0, "hand label"))
            continue
        if not positive[i]:
            out.append(("", "", 0.0, "no codebook phrase found and no similar labelled measure"))
            continue
        chosen = [primary_theme[i], *(themes[j] for j in secondary[i])]
        near = [
            f"{before[j]}{s:.2f}{after[j]}"
            for j, s in zip(near_rows[i], near_sims[i], strict=True)
            if j >= 0
        ]
        out.append(
            (
                chosen[0],
                ";".join(chosen),
                round(primary_score[i], 4),
                _evidence_text(evidence.listing(i), chosen, near),
            )
        )
    result = pd.DataFrame(out, columns=["theme", "themes", "score", "evidence"])
    result.insert(0, "measure_id", ids)
    result.insert(0, "doc_id", measures["doc_id"].to_numpy() if "doc_id" in measures else "")
    return result[list(THEME_COLUMNS)]


class _Evidence:
    """Evidence strings: the chosen themes' phrases (``phrase×count``) and the neighbours.

    The phrases of each distinct part text (or combination of part texts) are listed per
    theme once and reused by every measure with the same texts.
    """

    def __init__(self, segmented: dict, table: dict[str, tuple[str, ...]]) -> None:
        self.codes = [segmented[part][0].tolist() for part in _PARTS]
        self.found = [segmented[part][1] for part in _PARTS]
        self.table = table
        self.cache: dict[tuple[int, ...], dict[str, str]] = {}

    def _listing(self, items: list[tuple[str, int]]) -> dict[str, str]:
        per: dict[str, list[str]] = {}
        for phrase, count in items:
            term = f"{phrase}×{count}" if count > 1 else phrase
            for theme in self.table[phrase]:
                per.setdefault(theme, []).append(term)
        return {theme: ", ".join(terms) for theme, terms in per.items()}

    def listing(self, i: int) -> dict[str, str]:
        """Theme → its phrases in measure ``i`` (parts own, heading, body; first seen first)."""
        key = (self.codes[0][i], self.codes[1][i], self.codes[2][i])
        got = self.cache.get(key)
        if got is None:
            filled = [self.found[p][u] for p, u in enumerate(key) if self.found[p][u]]
            if len(filled) == 1:
                got = self._listing(filled[0])
            else:
                terms: dict[str, int] = {}
                for items in filled:
                    for phrase, count in items:
                        terms[phrase] = terms.get(phrase, 0) + count
                got = self._listing(list(terms.items()))
            self.cache[key] = got
        return got


def _evidence_text(listing: dict[str, str], chosen: list[str], near: list[str]) -> str:
    parts = [f"{theme}: {listing[theme]}" for theme in chosen if theme in listing]
    if near:
        parts.append("like " + ", ".join(near))
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
    n = len(measures)
    columns = ["doc_id", "measure_id", "rank", "match_doc_id", "match_measure_id", "similarity"]
    if n == 0 or k <= 0:
        return pd.DataFrame(columns=columns)
    X = tfidf_matrix(_full_text(measures), ngrams=ngrams)
    XT = X.T.tocsr()
    docs = measures["doc_id"].to_numpy()
    doc_code = pd.factorize(measures["doc_id"])[0]
    ids = measures["measure_id"].to_numpy()
    step = max(1, _BLOCK_CELLS // n)
    out_i, out_j, out_rank, out_sim = [], [], [], []
    for lo in range(0, n, step):
        hi = min(lo + step, n)
        sim = np.clip((X[lo:hi] @ XT).toarray(), 0.0, 1.0)
        rows = np.arange(hi - lo)
        sim[rows, lo + rows] = -1.0
        if other_docs_only:
            sim[doc_code[lo:hi, None] == doc_code[None, :]] = -1.0
        top, val = _top_k(sim, k)
        r, c = np.nonzero(top >= 0)
        out_i.append(r + lo)
        out_j.append(top[r, c])
        out_rank.append(c + 1)
        out_sim.append(val[r, c])
    i = np.concatenate(out_i)
    j = np.concatenate(out_j)
    return pd.DataFrame(
        {
            "doc_id": docs[i],
            "measure_id": ids[i],
            "rank": np.concatenate(out_rank).astype(int),
            "match_doc_id": docs[j],
            "match_measure_id": ids[j],
            "similarity": [round(float(v), 6) for v in np.concatenate(out_sim)],
        },
        columns=columns,
    )
