"""Helpers shared by the stages that read the coded tables (graph, metrics, compare).

Small and stable: checking columns, reading a text column as sorted integer codes, reading
``true``/``false`` cells. Not part of the public API, but not private to one module either.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np
import pandas as pd

_TRUE = {"true", "1", "yes", "t", "y"}
_FALSE = {"false", "0", "no", "f", "n", ""}

#: The dtype of the text columns :func:`text` returns (pandas' default string dtype).
_STR = pd.Series([""], dtype=object).astype(str).dtype


def require(table: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{name} table lacks column(s) {missing}; see CONTRACT.md")


def text_codes(series: pd.Series, *, sort: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The text of ``series`` (see :func:`text`) as codes into its labels.

    ``labels[codes]`` is ``text(series)``, every label is used, and the
    labels are sorted if ``sort``. A column of strings is cleaned once per
    distinct value rather than once per row; other columns (numbers, mixed
    types) go through ``str`` row by row.
    """
    if series.dtype == object or isinstance(series.dtype, pd.StringDtype):
        codes, uniques = pd.factorize(series)
        # Only for strings: factorize takes 1, 1.0 and True for one value.
        if pd.api.types.infer_dtype(uniques, skipna=False) in ("string", "empty"):
            clean = [u.strip() for u in np.asarray(uniques, dtype=object)]
            if (codes < 0).any():
                clean.append("")  # missing values (code -1) take the last label
            inverse, labels = pd.factorize(np.array(clean, dtype=object), sort=sort)
            return inverse[codes], np.asarray(labels, dtype=object)
    text = series.astype(object).where(series.notna(), "").astype(str).str.strip()
    codes, labels = pd.factorize(text, sort=sort)
    return codes, np.asarray(labels, dtype=object)


def strings(labels: np.ndarray, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """``labels[codes]`` as a string array of the dtype :func:`text` returns."""
    return pd.array(labels, dtype=_STR).take(codes)


def text(series: pd.Series) -> pd.Series:
    """Strings with missing values as "" (CSV readers turn empty cells into NaN)."""
    codes, labels = text_codes(series, sort=False)
    return pd.Series(strings(labels, codes), index=series.index, name=series.name)


def as_bool(series: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(series):
        return series.astype(bool)
    codes, labels = text_codes(series)
    lower = [label.lower() for label in labels]
    bad = sorted(set(lower) - _TRUE - _FALSE)
    if bad:
        raise ValueError(f"inherited must be true/false, got {bad[:5]}")
    truth = np.array([value in _TRUE for value in lower], dtype=bool)
    return pd.Series(truth[codes], index=series.index, name=series.name)


def compact(codes: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop the labels no code uses; renumber the codes (order is kept)."""
    used = np.zeros(len(labels), dtype=bool)
    used[codes] = True
    if used.all():
        return codes, labels
    return (np.cumsum(used) - 1)[codes], labels[used]


def sorted_labels(labels: Iterable[Hashable]) -> list:
    labels = list(labels)
    try:
        return sorted(labels)
    except TypeError:  # mixed label types: order by type name, then text
        return sorted(labels, key=lambda x: (type(x).__name__, str(x)))


def as_docs(docs: str | Iterable[str] | None) -> list[str] | None:
    if docs is None:
        return None
    return [docs] if isinstance(docs, str) else [str(d) for d in docs]
