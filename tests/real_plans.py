"""Score the coder on the real-plan corpus (tests/data/real_plans) against its hand-coded gold.

``split.csv`` says which plans are for development and which for validation. The first batch
(43 plans) was split by a rule fixed before the parser was run on any of its plans: the ten
plans with the lowest SHA-256 of their ``doc_id`` are the validation set, measured but never
tuned on (see :func:`hash_split`). Batches 4, 7, 11, 13, 15, 20 and 23 were declared
validation, all of each, before the parser was first run on any of their plans (all but 4
before any of their plans was collected); every other batch is for development.

Run ``python tests/real_plans.py`` for the per-document table the README reports, or
``python tests/real_plans.py --development`` to code the development plans only.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "data" / "real_plans"
N_VALIDATION = 10


def hash_rank(doc_id: str) -> float:
    """Where a document's SHA-256 falls in [0, 1): the split is made on this number."""
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) / 2**256


def hash_split(doc_ids: list[str]) -> dict[str, str]:
    """The first batch's rule: the ten lowest hashes are validation, the rest development."""
    ranked = sorted(doc_ids, key=hash_rank)
    return {d: ("validation" if i < N_VALIDATION else "development") for i, d in enumerate(ranked)}


def split() -> dict[str, str]:
    """``doc_id`` → ``"validation"`` or ``"development"``, as recorded in ``split.csv``."""
    return {row["doc_id"]: row["split"] for row in _read("split.csv")}


def batches() -> dict[str, str]:
    """``doc_id`` → the batch it was added in (``"1"``: split by the hash rule)."""
    return {row["doc_id"]: row["batch"] for row in _read("split.csv")}


def _read(name: str) -> list[dict[str, str]]:
    with (CORPUS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sources() -> list[dict[str, str]]:
    return _read("sources.csv")


def _norm(text: str) -> str:
    return "".join(text.split())


@dataclass
class Score:
    doc_id: str
    split: str
    n_gold: int
    n_coded: int
    n_matched: int
    measures_gold: int
    measures_found: int

    @property
    def precision(self) -> float:
        return self.n_matched / self.n_coded if self.n_coded else float(self.n_gold == 0)

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _match_measures(gold: list[dict], coded: list) -> dict[str, str]:
    """Coded measure id → gold measure id, matched on the text's start, then the line."""
    mapping: dict[str, str] = {}
    free = list(coded)
    for g in sorted(gold, key=lambda g: int(g["line"])):
        start = _norm(g["text_start"])[:12]
        candidates = [m for m in free if _norm(m.text).startswith(start)] or [
            m for m in free if m.line == int(g["line"]) and start[:4] in _norm(m.text)
        ]
        if candidates:
            best = min(candidates, key=lambda m: abs(m.line - int(g["line"])))
            mapping[best.measure_id] = g["measure_id"]
            free.remove(best)
    return mapping


def score_plan(doc_id: str, plan, gold_measures, gold_assignments, part: str) -> Score:
    """Assignment precision/recall of one coded plan against its gold.

    An assignment is (gold measure, role, unit as written with spaces removed); a coded
    assignment of a measure that matches no gold measure never matches.
    """
    mapping = _match_measures(gold_measures, plan.measures)
    gold = Counter((a["measure_id"], a["role"], _norm(a["agency_raw"])) for a in gold_assignments)
    coded = Counter(
        (mapping.get(a.measure_id, "?" + a.measure_id), a.role, _norm(a.agency_raw))
        for a in plan.assignments
    )
    return Score(
        doc_id,
        part,
        sum(gold.values()),
        sum(coded.values()),
        sum((gold & coded).values()),
        len(gold_measures),
        len(mapping),
    )


def score_corpus(doc_ids: list[str] | None = None) -> list[Score]:
    """Code the plans of the corpus (all, or ``doc_ids``) and score them against the gold."""
    from agencygraph.corpus import read_plan_text
    from agencygraph.parse import parse_plan

    measures, assignments = _read("gold/measures.csv"), _read("gold/assignments.csv")
    ids = [row["doc_id"] for row in sources()]
    parts = split()
    scores = []
    for doc_id in sorted(doc_ids or ids):
        text = read_plan_text(CORPUS / "plans" / f"{doc_id}.txt").text
        plan = parse_plan(text, doc_id)
        scores.append(
            score_plan(
                doc_id,
                plan,
                [m for m in measures if m["doc"] == doc_id],
                [a for a in assignments if a["doc"] == doc_id],
                parts[doc_id],
            )
        )
    return scores


def overall(scores: list[Score]) -> tuple[float, float, float]:
    matched = sum(s.n_matched for s in scores)
    p = matched / max(sum(s.n_coded for s in scores), 1)
    r = matched / max(sum(s.n_gold for s in scores), 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(scores: list[Score]) -> str:
    lines = ["| split | doc_id | gold | coded | P | R | F1 |", "|---|---|---:|---:|---:|---:|---:|"]
    for s in sorted(scores, key=lambda s: (s.split, s.doc_id)):
        lines.append(
            f"| {s.split} | {s.doc_id} | {s.n_gold} | {s.n_coded} | {s.precision:.3f} "
            f"| {s.recall:.3f} | {s.f1:.3f} |"
        )
    of_batch = batches()
    for part in ("development", "validation"):
        chosen = [s for s in scores if s.split == part]
        held_out = sorted({of_batch[s.doc_id] for s in chosen}, key=int)
        groups = [(f"batch {b}", [s for s in chosen if of_batch[s.doc_id] == b]) for b in held_out]
        if part == "validation":  # each held-out batch is its own unseen-plan figure
            lines.extend(summary_row(part, name, group) for name, group in groups if group)
        lines.append(summary_row(part, "all", chosen))
    return "\n".join(lines)


def summary_row(part: str, name: str, scores: list[Score]) -> str:
    """One pooled row of :func:`report`: part, name and plan count, gold, coded, P, R, F1."""
    p, r, f = overall(scores)
    return (
        f"| {part} | {name} ({len(scores)} plans) | {sum(s.n_gold for s in scores)} "
        f"| {sum(s.n_coded for s in scores)} | {p:.3f} | {r:.3f} | {f:.3f} |"
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--development"]:  # while developing: never code the validation plans
        parts = split()
        print(report(score_corpus([d for d, part in parts.items() if part == "development"])))
    else:
        print(report(score_corpus()))
