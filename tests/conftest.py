"""Shared fixtures: the gold standard and the coded bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

GOLD = Path(__file__).parent / "data" / "gold"


@pytest.fixture(scope="session")
def gold() -> dict[str, pd.DataFrame]:
    """The hand-coded gold standard of the five bundled plans (copied from shared/gold)."""
    read = lambda name: pd.read_csv(GOLD / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731
    return {name: read(name) for name in ("measures", "assignments", "mentions", "agency_names")}


@pytest.fixture(scope="session")
def coded():
    """The bundled corpus, coded once for the whole session."""
    import agencygraph

    return agencygraph.parse_corpus()


METRICS_DATA = Path(__file__).parent / "data" / "metrics"


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    """A small hand-made two-plan fixture (tests/data/metrics) for graph and metric tests."""
    return {
        name: pd.read_csv(METRICS_DATA / f"{name}.csv", encoding="utf-8")
        for name in ("assignments", "measures", "agencies", "documents")
    }
