"""What a parser returns for one plan: measures, assignments and the doubts it met."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass
class Measure:
    measure_id: str
    section_no: int
    section_title: str
    task_no: str
    task_title: str
    text: str
    timeline: str
    line: int


@dataclass
class Assignment:
    measure_id: str
    role: str
    agency_raw: str
    inherited: bool
    line: int


@dataclass
class Official:
    """A person named as responsible for a measure (牵头领导：张伟): never a unit."""

    measure_id: str
    name: str
    title: str
    line: int


@dataclass
class CodedPlan:
    """The coding of one plan document, before agencies are resolved.

    ``warnings`` holds ``(line, message)`` pairs for doubtful data that was still coded;
    ``flags`` short codes a researcher may want to filter on (``single_list_no_lead_rule``,
    ``officials_named``, ``first_listed_rule``, ``table_cells_ambiguous`` …);
    ``layout_confidence`` (0–1) how well the text fits the detected layout;
    ``officials`` the people named beside (or instead of) units;
    ``pages`` the page each line of the source starts on, for a PDF (empty otherwise);
    ``table_lines`` the first and last source line of each table read (its header on).
    """

    layout: str
    measures: list[Measure] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    layout_confidence: float = 1.0
    pages: tuple[int, ...] = ()
    table_lines: tuple[tuple[int, int], ...] = ()


@lru_cache(maxsize=1)
def parse_terms() -> dict[str, tuple[str, ...]]:
    """The parser's vocabulary (data/parse_terms.csv), grouped by kind."""
    path = resources.files("agencygraph") / "data" / "parse_terms.csv"
    groups: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            groups.setdefault(row["kind"], []).append(row["term"])
    return {kind: tuple(terms) for kind, terms in groups.items()}
