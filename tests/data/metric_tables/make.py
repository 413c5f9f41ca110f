"""Write the reference metric tables (run once, from the repository root, before a change).

    PYTHONPATH=src python tests/data/metric_tables/make.py

For each case (the bundled corpus; 40 synthetic plans) it writes the coded input tables
to ``<case>/inputs/`` and every table of :func:`agencygraph.compare.metric_tables`,
computed from those CSV inputs, to ``<case>/outputs/``. ``tests/test_exactness.py``
recomputes the tables from the inputs and compares. The outputs were made before the
scale work (issue 19) at commit 8a2ccf4; rerunning this script replaces them, so run it
only when a change of values is intended and explained in the CHANGELOG.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

import agencygraph as ag
from agencygraph.compare import metric_tables
from agencygraph.export import table_to_csv_bytes
from agencygraph.synth import write_synthetic_corpus

HERE = Path(__file__).resolve().parent
INPUTS = ("documents", "measures", "assignments", "agencies")
#: case → (null samples, seed) used for its outputs
KEEP = {
    "measures": ["doc_id", "measure_id"],
    "assignments": ["doc_id", "measure_id", "role", "agency_id", "agency_type", "inherited"],
}
CASES = {"bundled": (50, 1), "synth40": (20, 1)}


def read_inputs(folder: Path) -> SimpleNamespace:
    read = lambda name: pd.read_csv(folder / f"{name}.csv", encoding="utf-8")  # noqa: E731
    return SimpleNamespace(**{name: read(name) for name in INPUTS})


def main() -> None:
    if "--force" not in sys.argv and any(HERE.glob("*/outputs/*.csv")):
        sys.exit("reference outputs exist; pass --force to replace them")
    with tempfile.TemporaryDirectory() as tmp:
        synth = write_synthetic_corpus(40, seed=1, out=Path(tmp))
        coded = {
            "bundled": ag.parse_corpus(),
            "synth40": ag.parse_corpus(sorted(synth.glob("syn*.txt")), themes=False),
        }
    for case, (n, seed) in CASES.items():
        (HERE / case / "inputs").mkdir(parents=True, exist_ok=True)
        (HERE / case / "outputs").mkdir(parents=True, exist_ok=True)
        for name in INPUTS:
            frame = getattr(coded[case], name)
            if name in KEEP:
                frame = frame[KEEP[name]]  # the metric tables read no more
            (HERE / case / "inputs" / f"{name}.csv").write_bytes(table_to_csv_bytes(frame))
        tables = metric_tables(read_inputs(HERE / case / "inputs"), n=n, seed=seed)
        for name, frame in tables.items():
            (HERE / case / "outputs" / f"{name}.csv").write_bytes(table_to_csv_bytes(frame))


if __name__ == "__main__":
    main()
