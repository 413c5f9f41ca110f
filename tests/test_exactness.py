"""Every metric table is unchanged by the scale work (issue 19).

``tests/data/metric_tables/`` holds coded input tables and every table of
:func:`agencygraph.compare.metric_tables` computed from them before the metric code was
batched (see its ``make.py``): the bundled corpus (50 null samples) and 40 synthetic
plans (20 samples). Here the tables are recomputed from the same inputs and compared
column by column — strings and integers exactly, floats to 1e-9 relative.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from agencygraph.compare import metric_tables
from agencygraph.export import table_to_csv_bytes

HERE = Path(__file__).parent / "data" / "metric_tables"
CASES = {"bundled": (50, 1), "synth40": (20, 1)}
INPUTS = ("documents", "measures", "assignments", "agencies")


class _Coded:
    def __init__(self, folder: Path) -> None:
        for name in INPUTS:
            setattr(self, name, pd.read_csv(folder / f"{name}.csv", encoding="utf-8"))


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    n, seed = CASES[request.param]
    got = metric_tables(_Coded(HERE / request.param / "inputs"), n=n, seed=seed)
    return request.param, got


def test_every_reference_table_is_recomputed(case):
    name, got = case
    assert sorted(got) == sorted(p.stem for p in (HERE / name / "outputs").glob("*.csv"))


def test_metric_tables_equal_the_reference(case):
    name, got = case
    for table, frame in got.items():
        want = pd.read_csv(HERE / name / "outputs" / f"{table}.csv", encoding="utf-8")
        # Through the same CSV writer as the build, so dtypes are compared as written.
        have = pd.read_csv(io.BytesIO(table_to_csv_bytes(frame)), encoding="utf-8")
        assert list(have.columns) == list(want.columns), table
        assert len(have) == len(want), table
        pd.testing.assert_frame_equal(
            have, want, check_exact=False, rtol=1e-9, atol=1e-12, obj=f"{name}/{table}"
        )
