"""``--format parquet``: the same tables as CSV, typed, in Parquet files (optional pyarrow)."""

from __future__ import annotations

import pandas as pd
import pytest

from agencygraph.cli import main

pytest.importorskip("pyarrow")


def test_parse_writes_parquet_tables_equal_to_the_csv_ones(tmp_path):
    assert main(["parse", "--out", str(tmp_path / "csv")]) == 0
    assert main(["parse", "--out", str(tmp_path / "pq"), "--format", "parquet"]) == 0
    csv = sorted(p.stem for p in (tmp_path / "csv").glob("*.csv"))
    assert csv == sorted(p.stem for p in (tmp_path / "pq").glob("*.parquet"))
    assert not list((tmp_path / "pq").glob("*.csv"))
    for name in csv:
        want = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        got = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert list(got.columns) == list(want.columns), name
        assert len(got) == len(want), name
        if name == "assignments":
            assert got["line"].dtype.kind == "i" and got["inherited"].dtype == bool
            # A page left empty (not a PDF) is missing in Parquet, an empty field in CSV.
            text = got.astype(object).where(got.notna(), "").astype(str)
            text = text.replace({"True": "true", "False": "false"})
            pd.testing.assert_frame_equal(text, want, check_dtype=False)


def test_build_tables_only_in_parquet_is_reproducible(tmp_path):
    for out in ("a", "b"):
        args = ["build", "--tables-only", "--format", "parquet", "--null-samples", "5"]
        assert main([*args, "--out", str(tmp_path / out), "--quiet"]) == 0
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert "network_null.parquet" in files and "assignments.parquet" in files
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    null = pd.read_parquet(tmp_path / "a" / "network_null.parquet")
    assert set(null["method"]) == {"full"}
