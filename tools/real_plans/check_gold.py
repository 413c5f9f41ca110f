"""Check a collector's hand-coded gold against its saved texts: format and line numbers only.

Usage: ``python tools/real_plans/check_gold.py <collector folder>``. It codes nothing: it
checks that every measure's line holds its text start and every unit's line (or the two
after it, for a wrapped name) holds the unit's first characters.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROLES = {"lead", "support", "responsible"}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def problems(root: Path) -> tuple[list[str], int, int]:
    """(problems found, plans, measures) of one collector's folder."""
    found: list[str] = []
    sources = {row["doc_id"] for row in _rows(root / "sources.csv")}
    texts: dict[str, list[str]] = {}
    for doc in sources:
        path = root / "plans" / f"{doc}.txt"
        if path.exists():
            texts[doc] = path.read_text(encoding="utf-8").split("\n")
        else:
            found.append(f"{doc}: no plans/{doc}.txt")
    measures = set()
    for row in _rows(root / "measures.csv"):
        doc, measure, line = row["doc"], row["measure_id"], int(row["line"])
        measures.add(measure)
        if doc not in texts:
            found.append(f"measures: unknown doc {doc}")
            continue
        if not measure.startswith(doc + "-"):
            found.append(f"{measure}: id must start with {doc}-")
        lines = texts[doc]
        if not 0 < line <= len(lines):
            found.append(f"{measure}: line {line} out of range")
            continue
        start = _squeeze(row["text_start"])[:12]
        if start not in _squeeze("".join(lines[line - 1 : line + 1])):
            found.append(f"{measure}: text_start {start!r} not on line {line}")
    for row in _rows(root / "assignments.csv"):
        measure, line = row["measure_id"], int(row["line"])
        if measure not in measures:
            found.append(f"assignment for unknown measure {measure}")
        if row["role"] not in ROLES:
            found.append(f"{measure}: bad role {row['role']}")
        if row["inherited"] not in ("true", "false"):
            found.append(f"{measure}: inherited must be true or false")
        lines = texts.get(row["doc"], [])
        if not 0 < line <= len(lines):
            found.append(f"{measure}: unit line {line} out of range")
            continue
        name = _squeeze(row["agency_raw"])
        if name[:4] not in _squeeze("".join(lines[line - 1 : line + 2])):
            found.append(f"{measure}: unit {name!r} not at line {line}")
    return found, len(sources), len(measures)


if __name__ == "__main__":
    listed, n_plans, n_measures = problems(Path(sys.argv[1]))
    print("\n".join(listed))
    print(f"{n_plans} plans, {n_measures} measures; {len(listed)} problems")
