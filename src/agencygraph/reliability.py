"""Agreement between two codings of the same plans: the reliability a study reports.

Two codings — the package's and a human coder's, or two humans' — are compared in the
format of the coded tables: ``measures`` (``doc_id, measure_id, text``; ``line``
optional) and ``assignments`` (``doc_id, measure_id, role, agency_raw``; ``line``
optional). The first coding is called *coded*, the second *gold*: precision is the share
of coded items that gold has, recall the share of gold items that coded has.

How the codings are matched
    Measures: by ``(doc_id, measure_id)`` where both codings have the id and the texts
    begin alike (one's first characters, whitespace removed, start the other), then, for
    the rest, by the start of the text (the first 20 characters, whitespace removed) where
    it is unique in the document in both codings. Units: by the name as written,
    whitespace removed, within matched measures.

What is reported (per document and overall)
    - measures: number in each coding, matched, precision, recall, F1;
    - units: precision, recall, F1 of (measure, unit) pairs, role left aside;
    - assignments: precision, recall, F1 of (measure, unit, role);
    - roles: for the units both coded, percent agreement, Cohen's κ and Krippendorff's α
      (nominal, two coders) of their role. κ and α are undefined (NaN, printed ``n/a``)
      where no unit was coded by both or all roles are one category.

Cohen's κ = (p_o − p_e) / (1 − p_e), with p_o the observed agreement and p_e the agreement
expected from the two coders' own marginal distributions (Cohen 1960). Krippendorff's α =
1 − D_o / D_e computed from the coincidence matrix, for any number of coders and missing
values (Krippendorff 2011, *Computing Krippendorff's Alpha-Reliability*).

Examples
--------
>>> import agencygraph as ag
>>> coded = ag.parse_corpus()
>>> result = ag.agreement(coded, coded)
>>> float(result.overall["assignment_f1"]), float(result.overall["alpha"])
(1.0, 1.0)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from agencygraph._errors import InputError
from agencygraph.export import restore_frame

__all__ = [
    "AGREEMENT_COLUMNS",
    "DISAGREEMENT_COLUMNS",
    "Agreement",
    "agreement",
    "coding_sheet",
    "cohen_kappa",
    "krippendorff_alpha",
    "read_coding",
    "sample_measures",
]

#: Columns of :attr:`Agreement.table` (one row per document, then ``overall``).
AGREEMENT_COLUMNS = [
    "doc_id",
    "measures_coded",
    "measures_gold",
    "measures_matched",
    "measure_precision",
    "measure_recall",
    "measure_f1",
    "units_coded",
    "units_gold",
    "units_both",
    "unit_precision",
    "unit_recall",
    "unit_f1",
    "assignments_coded",
    "assignments_gold",
    "assignments_both",
    "assignment_precision",
    "assignment_recall",
    "assignment_f1",
    "role_agreement",
    "kappa",
    "alpha",
]
#: Columns of :attr:`Agreement.disagreements`.
DISAGREEMENT_COLUMNS = [
    "doc_id",
    "measure_id",
    "gold_measure_id",
    "kind",
    "agency_raw",
    "coded_role",
    "gold_role",
    "line",
    "text",
]
_TEXT_KEY = 20
_SPACE = re.compile(r"\s+")


def _squash(value: object) -> str:
    return _SPACE.sub("", "" if value is None or value != value else str(value))


# --------------------------------------------------------------------------- statistics


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """Cohen's κ of two coders' nominal codes of the same items.

    κ = (p_o − p_e) / (1 − p_e): p_o is the share of items both coders put in the same
    category, p_e = Σ_c p_1(c) p_2(c) the agreement expected from each coder's own
    distribution of categories (Cohen 1960).

    Parameters
    ----------
    first, second
        The two coders' codes, item by item (same length).

    Returns
    -------
    float
        κ; NaN if there are no items or p_e = 1 (both coders used one and the same
        category throughout: agreement beyond chance is undefined).

    Examples
    --------
    Two readers of 50 grant proposals: both yes 20, A yes B no 5, A no B yes 10, both no 15.

    >>> a = ["yes"] * 25 + ["no"] * 25
    >>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    >>> round(cohen_kappa(a, b), 3)
    0.4
    """
    if len(first) != len(second):
        raise ValueError(f"the coders coded {len(first)} and {len(second)} items")
    n = len(first)
    if n == 0:
        return math.nan
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[c] * counts_b[c] for c in counts_a) / (n * n)
    if expected == 1:
        return math.nan
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(data: Sequence[Sequence[Hashable | None]]) -> float:
    """Krippendorff's α for nominal data, any number of coders, missing values allowed.

    From the coincidence matrix o_ck = Σ_u (pairs of values c, k in unit u) / (m_u − 1)
    over the units with m_u ≥ 2 values, n_c = Σ_k o_ck and n = Σ_c n_c:
    α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k (Krippendorff 2011, nominal metric).

    Parameters
    ----------
    data
        The reliability data matrix: one row per coder, one column per unit; ``None``
        or NaN where a coder did not code a unit.

    Returns
    -------
    float
        α; NaN where fewer than two pairable values exist or all values are one
        category (no variation: α is undefined).

    Examples
    --------
    Krippendorff (2011), 4 observers × 12 units, nominal (``None``: missing):

    >>> A = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    >>> B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    >>> C = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    >>> D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    >>> round(krippendorff_alpha([A, B, C, D]), 3)
    0.743
    """
    rows = [list(r) for r in data]
    if len({len(r) for r in rows}) > 1:
        raise ValueError("every coder's row must have one value per unit")
    coincidence: Counter = Counter()
    for unit in zip(*rows, strict=True):
        values = [v for v in unit if not _missing(v)]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                coincidence[c, k] += pairs / (m - 1)
    totals: Counter = Counter()
    for (c, _), o in coincidence.items():
        totals[c] += o
    n = sum(totals.values())
    if n < 2:
        return math.nan
    observed = sum(o for (c, k), o in coincidence.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected == 0:
        return math.nan
    return 1 - (n - 1) * observed / expected


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# --------------------------------------------------------------------------- codings


def read_coding(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read a coding: a folder holding ``measures.csv`` and ``assignments.csv``.

    Rows of ``assignments.csv`` with no ``agency_raw`` are skipped (a coding sheet's
    rows left blank: the coder found no unit).

    Raises
    ------
    InputError
        If a file is missing or lacks a column agreement needs.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "not a folder holding measures.csv and assignments.csv")
    tables = {}
    for name, needed in (
        ("measures", ("doc_id", "measure_id", "text")),
        ("assignments", ("doc_id", "measure_id", "role", "agency_raw")),
    ):
        path = folder / f"{name}.csv"
        if not path.is_file():
            raise InputError(path, "no such file")
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            # Cells agencygraph marked as text for spreadsheets (=…, -…) read back raw.
            frame = restore_frame(frame)
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise InputError(path, f"not a UTF-8 CSV table: {exc}") from None
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise InputError(path, f"missing column(s) {', '.join(missing)}", 1)
        tables[name] = frame
    tables["assignments"] = tables["assignments"][
        tables["assignments"].agency_raw.str.strip() != ""
    ].reset_index(drop=True)
    return tables


def _tables(coding) -> dict[str, pd.DataFrame]:
    if isinstance(coding, str | Path):
        return read_coding(coding)
    if isinstance(coding, dict):
        return coding
    return {"measures": coding.measures, "assignments": coding.assignments}


def _match_measures(coded: pd.DataFrame, gold: pd.DataFrame) -> dict[tuple, tuple]:
    """(doc_id, coded measure_id) → (doc_id, gold measure_id)."""

    def keyed(frame):
        return {
            (d, m): _squash(t)
            for d, m, t in zip(frame.doc_id, frame.measure_id, frame.text, strict=True)
        }

    ours, theirs = keyed(coded), keyed(gold)
    matched: dict[tuple, tuple] = {}
    for key, text in ours.items():
        other = theirs.get(key)
        if other is not None:
            short = min(len(text), len(other), _TEXT_KEY)
            if text[:short] == other[:short]:
                matched[key] = key
    taken = set(matched.values())

    def starts(texts, exclude):
        by_start: dict[tuple, list] = {}
        for (doc, measure), text in texts.items():
            if (doc, measure) not in exclude and text:
                by_start.setdefault((doc, text[:_TEXT_KEY]), []).append((doc, measure))
        return {k: v[0] for k, v in by_start.items() if len(v) == 1}

    ours_left, theirs_left = starts(ours, set(matched)), starts(theirs, taken)
    for start, key in ours_left.items():
        if start in theirs_left:
            matched[key] = theirs_left[start]
    return matched


def _ratio(part: int, whole: int, *, empty: float = 1.0) -> float:
    # Nothing to find and nothing found is full agreement; the convention of the gold tests.
    return part / whole if whole else empty


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


@dataclass
class Agreement:
    """The agreement of two codings.

    Attributes
    ----------
    table
        One row per document and a last row ``overall`` (``AGREEMENT_COLUMNS``).
    disagreements
        Every difference (``DISAGREEMENT_COLUMNS``): ``kind`` is ``measure_only_coded``,
        ``measure_only_gold``, ``unit_only_coded``, ``unit_only_gold`` or ``role``;
        ``line`` is the coded line where the coded coding has it, else the gold's.
    """

    table: pd.DataFrame
    disagreements: pd.DataFrame

    @property
    def overall(self) -> pd.Series:
        """The ``overall`` row of :attr:`table`."""
        return self.table.iloc[-1]

    def report(self) -> str:
        """The figures as text, three decimals (``n/a`` where undefined)."""
        columns = [
            ("measures", "measure_f1"),
            ("unit P", "unit_precision"),
            ("unit R", "unit_recall"),
            ("unit F1", "unit_f1"),
            ("assign P", "assignment_precision"),
            ("assign R", "assignment_recall"),
            ("assign F1", "assignment_f1"),
            ("roles %", "role_agreement"),
            ("kappa", "kappa"),
            ("alpha", "alpha"),
        ]
        width = max(8, *(len(str(d)) for d in self.table.doc_id))
        head = f"{'document':<{width}}  {'matched':>9}" + "".join(
            f"  {label:>9}" for label, _ in columns
        )
        lines = [head]
        for row in self.table.itertuples():
            matched = f"{row.measures_matched}/{row.measures_gold}"
            cells = "".join(f"  {_fmt(getattr(row, c)):>9}" for _, c in columns)
            lines.append(f"{row.doc_id:<{width}}  {matched:>9}{cells}")
        n = len(self.disagreements)
        lines.append(f"{n} disagreement(s)" + (":" if n else ""))
        for row in self.disagreements.head(20).itertuples():
            where = f"{row.doc_id}:{row.line}" if row.line != "" else row.doc_id
            what = {
                "role": f"{row.agency_raw} is {row.coded_role} in coded, {row.gold_role} in gold",
                "unit_only_coded": f"{row.agency_raw} ({row.coded_role}) only in coded",
                "unit_only_gold": f"{row.agency_raw} ({row.gold_role}) only in gold",
                "measure_only_coded": "measure only in coded",
                "measure_only_gold": "measure only in gold",
            }[row.kind]
            ids = row.measure_id or row.gold_measure_id
            lines.append(f"  {where}: {ids}: {what}")
        if n > 20:
            lines.append(f"  … and {n - 20} more (written to disagreements.csv with --out)")
        return "\n".join(lines)


def _fmt(value: float) -> str:
    return "n/a" if value != value else f"{value:.3f}"


def agreement(coded, gold, *, sample: bool = False) -> Agreement:
    """Compare two codings of the same plans.

    Parameters
    ----------
    coded, gold
        Each a :class:`~agencygraph.CodedCorpus`, a folder holding ``measures.csv`` and
        ``assignments.csv``, or a dict with those two DataFrames.
    sample
        Gold codes a sample of measures only (e.g. a sheet from :func:`sample_measures`):
        compare the measures gold has and leave the other coded measures (and documents)
        aside.

    Returns
    -------
    Agreement
        ``table`` (per document and overall) and ``disagreements``.

    Examples
    --------
    >>> import agencygraph as ag
    >>> coded = ag.parse_corpus()
    >>> human = {"measures": coded.measures,
    ...          "assignments": coded.assignments.assign(role="lead")}
    >>> result = ag.agreement(coded, human)
    >>> round(float(result.overall["role_agreement"]), 3)
    0.285
    """
    ours, theirs = _tables(coded), _tables(gold)
    m_ours, m_theirs = ours["measures"].copy(), theirs["measures"].copy()
    for frame in (m_ours, m_theirs, ours["assignments"], theirs["assignments"]):
        for column in ("doc_id", "measure_id"):
            if column in frame:
                frame[column] = frame[column].astype(str)
    matched = _match_measures(m_ours, m_theirs)
    if sample:
        m_ours = m_ours[
            [(d, m) in matched for d, m in zip(m_ours.doc_id, m_ours.measure_id, strict=True)]
        ]

    a_ours = _units(ours["assignments"], set(zip(m_ours.doc_id, m_ours.measure_id, strict=True)))
    a_theirs = _units(
        theirs["assignments"], set(zip(m_theirs.doc_id, m_theirs.measure_id, strict=True))
    )
    # Coded units keyed by the gold measure they belong to, so the two sets compare.
    a_ours["gold_key"] = [
        matched.get((d, m), ("coded", d, m))
        for d, m in zip(a_ours.doc_id, a_ours.measure_id, strict=True)
    ]
    a_theirs["gold_key"] = list(zip(a_theirs.doc_id, a_theirs.measure_id, strict=True))

    docs = list(dict.fromkeys([*m_ours.doc_id, *m_theirs.doc_id]))
    rows, disagreements = [], []
    for doc in [*docs, None]:
        pick = (lambda f: f) if doc is None else (lambda f, d=doc: f[f.doc_id == d])
        row, diffs = _compare(pick(m_ours), pick(m_theirs), pick(a_ours), pick(a_theirs), matched)
        row["doc_id"] = "overall" if doc is None else doc
        rows.append(row)
        if doc is not None:
            disagreements.extend(diffs)
    table = pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
    # In reading order: document, then source line (where known), then measure, then unit.
    doc_at = {d: i for i, d in enumerate(docs)}
    position = {m: i for i, m in enumerate(m_theirs.measure_id)}
    position.update({m: i for i, m in enumerate(m_ours.measure_id) if m not in position})
    disagreements.sort(
        key=lambda r: (
            doc_at[r["doc_id"]],
            int(r["line"]) if r["line"].isdigit() else 1 << 30,
            position.get(r["gold_measure_id"] or r["measure_id"], 1 << 30),
            r["kind"],
            r["agency_raw"],
        )
    )
    return Agreement(
        table=table, disagreements=pd.DataFrame(disagreements, columns=DISAGREEMENT_COLUMNS)
    )


def _units(assignments: pd.DataFrame, measures: set) -> pd.DataFrame:
    frame = assignments[
        [
            (d, m) in measures
            for d, m in zip(assignments.doc_id, assignments.measure_id, strict=True)
        ]
    ].copy()
    frame["unit"] = frame.agency_raw.map(_squash)
    frame["role"] = frame.role.astype(str).str.strip()
    if "line" not in frame:
        frame["line"] = ""
    return frame.reset_index(drop=True)


def _compare(m_ours, m_theirs, a_ours, a_theirs, matched) -> tuple[dict, list[dict]]:
    ours_keys = list(zip(m_ours.doc_id, m_ours.measure_id, strict=True))
    theirs_keys = set(zip(m_theirs.doc_id, m_theirs.measure_id, strict=True))
    n_matched = sum(1 for k in ours_keys if matched.get(k) in theirs_keys)
    row = {
        "measures_coded": len(ours_keys),
        "measures_gold": len(theirs_keys),
        "measures_matched": n_matched,
    }
    row["measure_precision"] = _ratio(n_matched, len(ours_keys))
    row["measure_recall"] = _ratio(n_matched, len(theirs_keys))
    row["measure_f1"] = _f1(row["measure_precision"], row["measure_recall"])

    def units(frame):
        return {(k, u): r for k, u, r in zip(frame.gold_key, frame.unit, frame.role, strict=True)}

    u_ours, u_theirs = units(a_ours), units(a_theirs)
    both = sorted(set(u_ours) & set(u_theirs), key=str)
    row.update(units_coded=len(u_ours), units_gold=len(u_theirs), units_both=len(both))
    row["unit_precision"] = _ratio(len(both), len(u_ours))
    row["unit_recall"] = _ratio(len(both), len(u_theirs))
    row["unit_f1"] = _f1(row["unit_precision"], row["unit_recall"])

    t_ours = set(zip(a_ours.gold_key, a_ours.unit, a_ours.role, strict=True))
    t_theirs = set(zip(a_theirs.gold_key, a_theirs.unit, a_theirs.role, strict=True))
    common = len(t_ours & t_theirs)
    row.update(
        assignments_coded=len(t_ours), assignments_gold=len(t_theirs), assignments_both=common
    )
    row["assignment_precision"] = _ratio(common, len(t_ours))
    row["assignment_recall"] = _ratio(common, len(t_theirs))
    row["assignment_f1"] = _f1(row["assignment_precision"], row["assignment_recall"])

    first = [u_ours[k] for k in both]
    second = [u_theirs[k] for k in both]
    row["role_agreement"] = (
        sum(a == b for a, b in zip(first, second, strict=True)) / len(both) if both else math.nan
    )
    row["kappa"] = cohen_kappa(first, second)
    row["alpha"] = krippendorff_alpha([first, second])
    return row, _differences(m_ours, m_theirs, a_ours, a_theirs, matched, u_ours, u_theirs)


def _differences(m_ours, m_theirs, a_ours, a_theirs, matched, u_ours, u_theirs) -> list[dict]:
    gold_of = {v: k for k, v in matched.items()}
    text_ours = dict(
        zip(zip(m_ours.doc_id, m_ours.measure_id, strict=True), m_ours.text, strict=True)
    )
    text_theirs = dict(
        zip(zip(m_theirs.doc_id, m_theirs.measure_id, strict=True), m_theirs.text, strict=True)
    )
    line_ours = (
        dict(zip(zip(m_ours.doc_id, m_ours.measure_id, strict=True), m_ours.line, strict=True))
        if "line" in m_ours
        else {}
    )
    line_theirs = (
        dict(
            zip(zip(m_theirs.doc_id, m_theirs.measure_id, strict=True), m_theirs.line, strict=True)
        )
        if "line" in m_theirs
        else {}
    )
    out = []

    def add(
        kind, doc, measure, gold_measure, unit="", coded_role="", gold_role="", line="", text=""
    ):
        out.append(
            {
                "doc_id": doc,
                "measure_id": measure,
                "gold_measure_id": gold_measure,
                "kind": kind,
                "agency_raw": unit,
                "coded_role": coded_role,
                "gold_role": gold_role,
                "line": "" if line is None or line != line else str(line),
                "text": str(text)[:_TEXT_KEY],
            }
        )

    for key in text_ours:
        if key not in matched or matched[key] not in text_theirs:
            add(
                "measure_only_coded",
                key[0],
                key[1],
                "",
                line=line_ours.get(key),
                text=text_ours[key],
            )
    for key in text_theirs:
        if key not in gold_of or gold_of[key] not in text_ours:
            add(
                "measure_only_gold",
                key[0],
                "",
                key[1],
                line=line_theirs.get(key),
                text=text_theirs[key],
            )

    line_of_unit = {
        (k, u): line for k, u, line in zip(a_ours.gold_key, a_ours.unit, a_ours.line, strict=True)
    }
    line_of_gold_unit = {
        (k, u): line
        for k, u, line in zip(a_theirs.gold_key, a_theirs.unit, a_theirs.line, strict=True)
    }
    for key, unit in sorted(set(u_ours) | set(u_theirs), key=str):
        coded_role, gold_role = u_ours.get((key, unit), ""), u_theirs.get((key, unit), "")
        if coded_role == gold_role:
            continue
        if key[0] == "coded":  # a unit of a coded measure gold does not have
            continue
        doc, gold_measure = key
        measure = gold_of.get(key, ("", ""))[1]
        line = line_of_unit.get((key, unit)) or line_of_gold_unit.get((key, unit))
        kind = (
            "role"
            if coded_role and gold_role
            else ("unit_only_coded" if coded_role else "unit_only_gold")
        )
        add(
            kind,
            doc,
            measure,
            gold_measure,
            unit,
            coded_role,
            gold_role,
            line,
            text_theirs.get(key, ""),
        )
    return out


# --------------------------------------------------------------------------- sampling


def sample_measures(coded, n: int, *, seed: int, docs: Sequence[str] | None = None) -> pd.DataFrame:
    """A seeded random sample of measures to code by hand.

    Parameters
    ----------
    coded
        A :class:`~agencygraph.CodedCorpus` (or a dict with ``measures``).
    n
        Measures to draw (all of them if there are fewer).
    seed
        Seed of the draw: the same seed gives the same sample.
    docs
        Draw only from these documents.

    Returns
    -------
    pandas.DataFrame
        The sampled rows of ``measures`` in source order.

    Examples
    --------
    >>> import agencygraph as ag
    >>> from agencygraph.reliability import sample_measures
    >>> sample = sample_measures(ag.parse_corpus(), 10, seed=1)
    >>> len(sample), sample.equals(sample_measures(ag.parse_corpus(), 10, seed=1))
    (10, True)
    """
    measures = _tables(coded)["measures"] if not isinstance(coded, pd.DataFrame) else coded
    if docs is not None:
        measures = measures[measures.doc_id.isin(list(docs))]
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(len(measures), size=min(n, len(measures)), replace=False))
    return measures.iloc[chosen].reset_index(drop=True)


def coding_sheet(sample: pd.DataFrame, *, rows_per_measure: int = 3) -> dict[str, pd.DataFrame]:
    """The tables a human coder fills in for a sample of measures, without the coding.

    Returns
    -------
    dict
        ``measures``: the sample's ``doc_id, measure_id, line, text``; ``assignments``:
        ``rows_per_measure`` blank rows per measure (``doc_id, measure_id, line, text,
        role, agency_raw``) for the coder to fill in — one row per unit, role ``lead``,
        ``support`` or ``responsible``; add rows where a measure names more units, leave
        rows blank where it names fewer. Write both with
        :func:`agencygraph.export.write_tables`, then run ``agencygraph agree``.

    Examples
    --------
    >>> import pandas as pd
    >>> sample = pd.DataFrame({"doc_id": ["d"], "measure_id": ["d-m1"], "line": [3],
    ...                        "text": ["加强培训"]})
    >>> coding_sheet(sample)["assignments"].shape
    (3, 6)
    """
    measures = sample[["doc_id", "measure_id", "line", "text"]].reset_index(drop=True)
    blank = measures.loc[measures.index.repeat(rows_per_measure)].reset_index(drop=True)
    blank = blank.assign(role="", agency_raw="")
    return {"measures": measures, "assignments": blank}
