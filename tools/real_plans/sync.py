"""Append a batch's collector folders to the real-plan corpus.

Usage: ``python tools/real_plans/sync.py BATCH SPLIT ID [ID ...] [--skip doc,doc]``, where
each ``ID`` is a collector folder ``/work/realplans/BATCH/ID`` (plans/, sources.csv,
measures.csv, assignments.csv, officials.csv) and ``SPLIT`` is development or validation.
"""

from __future__ import annotations

import argparse
import csv
import shutil
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "real_plans"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _append(name: str, rows: list[dict[str, str]]) -> None:
    path = CORPUS / name
    with path.open(encoding="utf-8", newline="") as handle:
        fields = csv.DictReader(handle).fieldnames
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in fields})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("batch")
    parser.add_argument("split", choices=["development", "validation"])
    parser.add_argument("collectors", nargs="+")
    parser.add_argument("--root", default="/work/realplans")
    parser.add_argument("--skip", default="", help="doc ids left out, comma-separated")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    existing = {row["doc_id"] for row in _rows(CORPUS / "split.csv")}
    for collector in args.collectors:
        folder = Path(args.root) / args.batch / collector
        sources = [r for r in _rows(folder / "sources.csv") if r["doc_id"] not in skip]
        docs = {r["doc_id"] for r in sources}
        if docs & existing:
            raise SystemExit(f"already in the corpus: {sorted(docs & existing)}")
        for doc in sorted(docs):
            shutil.copy(folder / "plans" / f"{doc}.txt", CORPUS / "plans" / f"{doc}.txt")
        _append("sources.csv", sources)
        _append(
            "split.csv",
            [{"doc_id": d, "batch": args.batch, "split": args.split} for d in sorted(docs)],
        )
        for table in ("measures", "assignments", "officials"):
            if (folder / f"{table}.csv").exists():
                rows = [r for r in _rows(folder / f"{table}.csv") if r["doc"] in docs]
                _append(f"gold/{table}.csv", rows)
        print(collector, sorted(docs))


if __name__ == "__main__":
    main()
