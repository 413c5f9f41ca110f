"""From plan files to the coded tables: documents, measures, assignments, mentions.

This is the first stage of the pipeline and the product researchers cite: every measure
and every lead/support assignment, each with the 1-based line of the source file it
came from. Columns are those of ``CONTRACT.md``.

Examples
--------
>>> import agencygraph as ag
>>> coded = ag.parse_corpus()  # the bundled corpus
>>> coded.assignments.query("doc_id == 'haimen'").role.value_counts().to_dict()
{'support': 55, 'lead': 27}
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from agencygraph import agencies
from agencygraph._errors import InputError
from agencygraph.corpus import (
    MANIFEST_COLUMNS,
    bundled_corpus,
    document_metadata,
    read_plan_text,
)
from agencygraph.parse import CodedPlan, find_mentions, parse_plan

# The manifest's fields (but its free-text source), then what coding adds.
DOCUMENT_COLUMNS = [
    *(column for column in MANIFEST_COLUMNS if column != "source"),
    "layout",
    "layout_confidence",
    "flags",
    "n_measures",
    "n_assignments",
    "source_file",
]
MEASURE_COLUMNS = [
    "doc_id",
    "measure_id",
    "section_no",
    "section_title",
    "task_no",
    "task_title",
    "text",
    "timeline",
    "line",
    "theme",
    "themes",
]
ASSIGNMENT_COLUMNS = [
    "doc_id",
    "measure_id",
    "role",
    "agency_raw",
    "agency_id",
    "agency_type",
    "inherited",
    "line",
]
MENTION_COLUMNS = ["doc_id", "measure_id", "agency_raw", "agency_type", "line"]
OFFICIAL_COLUMNS = ["doc_id", "measure_id", "name", "title", "line"]
WARNING_COLUMNS = ["doc_id", "source_file", "line", "message"]


@dataclass
class CodedCorpus:
    """The coded tables of a set of plans.

    Attributes
    ----------
    documents, measures, assignments, mentions
        DataFrames with the columns of ``CONTRACT.md``.
    agencies
        One row per place-scoped agency (``agencies.csv``).
    unknown_agencies
        Every unit name (assigned or mentioned) the lexicon could not resolve, with
        document, first line and count.
    warnings
        Doubtful data that was still coded: ``doc_id, source_file, line, message``.
    officials
        People named as responsible for a measure (牵头领导：张伟), never coded as units:
        ``doc_id, measure_id, name, title, line`` (name or title empty where not written).
    """

    documents: pd.DataFrame
    measures: pd.DataFrame
    assignments: pd.DataFrame
    mentions: pd.DataFrame
    agencies: pd.DataFrame = field(default_factory=pd.DataFrame)
    unknown_agencies: pd.DataFrame = field(default_factory=pd.DataFrame)
    warnings: pd.DataFrame = field(default_factory=pd.DataFrame)
    officials: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=OFFICIAL_COLUMNS))

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables written by ``agencygraph parse``, keyed by file stem."""
        return {
            "documents": self.documents,
            "measures": self.measures,
            "assignments": self.assignments,
            "mentions": self.mentions,
            "agencies": self.agencies,
            "unknown_agencies": self.unknown_agencies,
            "officials": self.officials,
        }


def code_plan_file(path: str | Path, *, doc_id: str | None = None) -> tuple[dict, CodedPlan, list]:
    """Read and code one plan file.

    Returns
    -------
    (metadata, plan, mentions)
        The document's manifest row (``doc_id`` filled), its :class:`CodedPlan`, and the
        mention rows ``(measure_id, agency_raw, line)`` for a narrative plan.

    Raises
    ------
    InputError
        If the file cannot be read, or no measure is found in it.
    """
    path = Path(path)
    meta = document_metadata(path)
    if doc_id:
        meta["doc_id"] = doc_id
    decoded = read_plan_text(path)
    plan = parse_plan(decoded.text, meta["doc_id"])
    plan.warnings[:0] = decoded.warnings
    if not plan.measures:
        raise InputError(path, "no measures found: not a plan in a layout agencygraph reads")
    mentions = []
    if plan.layout == "narrative":
        places = [p for p in (meta.get("place_zh", ""),) if p]
        for measure in plan.measures:
            for name in find_mentions(measure.text, places):
                mentions.append((measure.measure_id, name, measure.line))
    return meta, plan, mentions


def parse_corpus(
    paths: Iterable[str | Path] | None = None,
    *,
    lexicon: agencies.Lexicon | None = None,
    themes: bool = True,
    jobs: int = 1,
    progress: bool = False,
) -> CodedCorpus:
    """Code plan files into the tidy, traceable tables of ``CONTRACT.md``.

    Parameters
    ----------
    paths
        Plan files; ``None`` codes the bundled corpus.
    lexicon
        The agency lexicon (default: the bundled one, see :func:`agencygraph.load_lexicon`).
    themes
        Give every measure its primary theme and all its themes (columns ``theme`` and
        ``themes`` of ``measures``; see :func:`agencygraph.themes.assign_themes`).
    jobs
        Worker processes that read and parse files (0: one per core). The tables do not
        depend on it.
    progress
        Show a progress bar over the files on stderr.

    Returns
    -------
    CodedCorpus
        ``documents``, ``measures``, ``assignments``, ``mentions``, ``agencies``,
        ``unknown_agencies`` and ``warnings`` as DataFrames, rows in a stable order.

    Raises
    ------
    InputError
        Naming the file (and line) that cannot be read or holds no measures.
    """
    paths = bundled_corpus() if paths is None else [Path(p) for p in paths]
    doc_rows, measure_rows, assignment_rows, mention_rows, warning_rows = [], [], [], [], []
    official_rows = []
    seen_ids: dict[str, Path] = {}
    for path, (meta, plan, mentions) in zip(
        paths, _code_files(paths, jobs=jobs, progress=progress), strict=True
    ):
        doc_id = meta["doc_id"]
        if doc_id in seen_ids:
            raise InputError(path, f"doc_id {doc_id!r} is already used by {seen_ids[doc_id]}")
        seen_ids[doc_id] = Path(path)
        doc_rows.append(
            {
                **meta,
                "layout": plan.layout,
                "layout_confidence": plan.layout_confidence,
                "flags": ";".join(sorted(plan.flags | _document_flags(plan))),
                "n_measures": len(plan.measures),
                "n_assignments": len(plan.assignments),
                "source_file": Path(path).name,
            }
        )
        measure_rows.extend({"doc_id": doc_id, **vars(m)} for m in plan.measures)
        assignment_rows.extend({"doc_id": doc_id, **vars(a)} for a in plan.assignments)
        official_rows.extend({"doc_id": doc_id, **vars(o)} for o in plan.officials)
        mention_rows.extend(
            {"doc_id": doc_id, "measure_id": m, "agency_raw": name, "line": line}
            for m, name, line in mentions
        )
        warning_rows.extend(
            {"doc_id": doc_id, "source_file": str(path), "line": line, "message": message}
            for line, message in plan.warnings
        )

    documents = _frame(doc_rows, DOCUMENT_COLUMNS)
    measures = _frame(measure_rows, MEASURE_COLUMNS[:-2])
    measures = _with_themes(measures) if themes else measures.assign(theme="", themes="")
    assignments = _frame(
        assignment_rows, [c for c in ASSIGNMENT_COLUMNS if "agency_" not in c or c == "agency_raw"]
    )
    assignments["agency_id"] = ""
    assignments["agency_type"] = ""
    mentions_df = _frame(mention_rows, ["doc_id", "measure_id", "agency_raw", "line"])
    mentions_df["agency_type"] = ""

    assignments = agencies.resolve_table(assignments, documents, lexicon)[ASSIGNMENT_COLUMNS]
    mentions_df = agencies.resolve_table(mentions_df, documents, lexicon)[MENTION_COLUMNS]
    # Names mentioned in narrative plans are reported too: no unit goes untyped unseen.
    named = pd.concat([assignments, mentions_df], ignore_index=True)[
        ["doc_id", "agency_raw", "line"]
    ]
    unknown = agencies.unknown_agencies(named, lexicon, documents)
    agency_table = agencies.agencies_table(assignments, documents, lexicon)

    order = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    return CodedCorpus(
        documents=documents,
        measures=_in_source_order(measures, order),
        assignments=_in_source_order(assignments, order, measures),
        mentions=_in_source_order(mentions_df, order, measures),
        agencies=agency_table,
        unknown_agencies=unknown,
        warnings=_frame(warning_rows, WARNING_COLUMNS),
        officials=_in_source_order(_frame(official_rows, OFFICIAL_COLUMNS), order, measures),
    )


def _code_files(paths: list[Path], *, jobs: int, progress: bool) -> Iterator[tuple]:
    """(metadata, plan, mentions) of each file, in the order given."""
    workers = (os.cpu_count() or 1) if jobs == 0 else max(1, int(jobs))
    bar = _progress_bar(len(paths), progress)
    if workers == 1 or len(paths) < 2:
        for path in paths:
            yield code_plan_file(path)
            bar.update(1)
    else:
        chunk = max(1, min(64, len(paths) // (workers * 8)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(code_plan_file, paths, chunksize=chunk):
                yield result
                bar.update(1)
    bar.close()


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, enabled: bool):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="plan", desc="parsing", file=sys.stderr)


def _with_themes(measures: pd.DataFrame) -> pd.DataFrame:
    from agencygraph.themes import assign_themes

    if measures.empty:
        return measures.assign(theme="", themes="")
    coded = assign_themes(measures)[["measure_id", "theme", "themes"]]
    return measures.merge(coded, on="measure_id", how="left", validate="one_to_one").fillna(
        {"theme": "", "themes": ""}
    )


#: Why a document's coding deserves a look, most serious first, with the weight each adds.
_DOUBTS = (
    ("no_assignments", 3, "no responsibility found: check that the plan assigns none"),
    ("layout_uncertain", 3, "layout uncertain"),
    ("table_cells_ambiguous", 2, "table rows placed by content"),
    ("single_list_no_lead_rule", 1, "units jointly responsible, no lead stated"),
    ("officials_named", 1, "officials named beside units"),
)


def documents_to_check(coded: CodedCorpus) -> pd.DataFrame:
    """The documents whose coding is most worth checking by hand, and why.

    A document scores by its flags (no assignments, uncertain layout, table rows placed by
    content, joint responsibility with no lead, officials named), its layout confidence, its
    unknown unit names and its warnings. Documents with nothing doubtful are left out.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, score, reasons``, most doubtful first (ties: document order).

    Examples
    --------
    >>> import agencygraph as ag
    >>> documents_to_check(ag.parse_corpus()).doc_id.tolist()
    ['shanhu', 'ningbo', 'lijiang', 'cixi']
    """
    unknown = coded.unknown_agencies.groupby("doc_id").size() if len(coded.unknown_agencies) else {}
    warned = coded.warnings.groupby("doc_id").size() if len(coded.warnings) else {}
    rows = []
    for position, doc in enumerate(coded.documents.itertuples()):
        flags = set(filter(None, str(doc.flags).split(";")))
        score, reasons = 0.0, []
        for flag, weight, reason in _DOUBTS:
            if flag in flags:
                score += weight
                reasons.append(reason)
        if doc.layout_confidence < 1 and "layout_uncertain" not in flags:
            score += 1 - doc.layout_confidence
            reasons.append(f"layout confidence {doc.layout_confidence:.2f}")
        for counts, what in ((unknown, "unit name(s) not in the lexicon"), (warned, "warning(s)")):
            n = int(counts.get(doc.doc_id, 0)) if len(counts) else 0
            if n:
                score += min(n, 10) / 10
                reasons.append(f"{n} {what}")
        if reasons:
            rows.append((-score, position, doc.doc_id, round(score, 2), "; ".join(reasons)))
    rows.sort()
    return pd.DataFrame([r[2:] for r in rows], columns=["doc_id", "score", "reasons"])


def _document_flags(plan: CodedPlan) -> set[str]:
    """Flags a researcher should see before trusting a document's coding."""
    flags = set()
    if plan.measures and not plan.assignments:
        flags.add("no_assignments")
    if plan.layout_confidence < 0.8:
        flags.add("layout_uncertain")
    return flags


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("line", "section_no", "n_measures", "n_assignments"):
        if column in frame:
            frame[column] = frame[column].astype("int64")
    if "inherited" in frame:
        frame["inherited"] = frame["inherited"].astype(bool)
    return frame


def _in_source_order(frame: pd.DataFrame, order: dict[str, int], measures=None) -> pd.DataFrame:
    """Documents in input order, then measures as the source has them, then source lines.

    Rows of one measure stay in the order the parser coded them (leads before supports,
    units in the order written), so a reader checks them against the plan line by line.
    """
    keys = {"_doc": frame["doc_id"].map(order)}
    if measures is not None:
        keys["_measure"] = frame["measure_id"].map(
            dict(zip(measures.measure_id, measures.line, strict=True))
        )
    keys["_line"] = frame["line"]
    return (
        frame.assign(**keys)
        .sort_values(list(keys), kind="stable")
        .drop(columns=list(keys))
        .reset_index(drop=True)
    )
