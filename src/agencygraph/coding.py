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
from functools import partial
from pathlib import Path

import pandas as pd

from agencygraph import agencies
from agencygraph._errors import InputError, ManifestError
from agencygraph.corpus import (
    MANIFEST_COLUMNS,
    MANIFEST_NAME,
    bundled_corpus,
    document_metadata,
    read_plan_text,
    title_from_text,
)
from agencygraph.corrections import correct_coding
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
    "page",
    "theme",
    "themes",
    "coded_by",
    "note",
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
    "coded_by",
    "note",
    "page",
]
MENTION_COLUMNS = ["doc_id", "measure_id", "agency_raw", "agency_type", "line"]
OFFICIAL_COLUMNS = ["doc_id", "measure_id", "name", "title", "line"]
WARNING_COLUMNS = ["doc_id", "file", "line", "kind", "message"]
REJECTED_COLUMNS = ["file", "doc_id", "reason", "line"]


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
        Doubtful data that was still coded (``warnings.csv``): ``doc_id, file, line, kind,
        message``. ``file`` is the plan's file name (or the manifest's path), ``line`` 0
        where no line applies; ``kind`` is ``input`` (decoding), ``coding`` (the parser),
        ``manifest``, or a document flag (``no_assignments``, ``layout_uncertain`` …).
    corrections
        What became of each correction given to :func:`parse_corpus` (empty if none):
        the file's rows with ``status`` (``applied`` or ``stale``) and ``reason``.
    officials
        People named as responsible for a measure (牵头领导：张伟), never coded as units:
        ``doc_id, measure_id, name, title, line`` (name or title empty where not written).
    rejected
        Files of a batch that were not coded (``rejected.csv``): ``file, doc_id, reason,
        line`` (``line`` empty where none applies).
    """

    documents: pd.DataFrame
    measures: pd.DataFrame
    assignments: pd.DataFrame
    mentions: pd.DataFrame
    agencies: pd.DataFrame = field(default_factory=pd.DataFrame)
    unknown_agencies: pd.DataFrame = field(default_factory=pd.DataFrame)
    warnings: pd.DataFrame = field(default_factory=pd.DataFrame)
    corrections: pd.DataFrame = field(default_factory=pd.DataFrame)
    officials: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=OFFICIAL_COLUMNS))
    rejected: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=REJECTED_COLUMNS, dtype=object)
    )

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
            "warnings": self.warnings,
            "rejected": self.rejected,
        }


def code_plan_file(
    path: str | Path, *, doc_id: str | None = None, ocr: bool = False
) -> tuple[dict, CodedPlan, list]:
    """Read and code one plan file.

    ``ocr`` reads the scanned pages of a PDF with Tesseract; a plan read so is flagged
    ``ocr``. The plan's ``pages`` give the page of each line of a PDF.

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
    decoded = read_plan_text(path, ocr=ocr)
    if not meta["title"]:
        meta["title"] = title_from_text(decoded.text)
    plan = parse_plan(decoded.text, meta["doc_id"])
    # The reader's warnings come first; how many there are tells them from the parser's.
    plan.n_input_warnings = len(decoded.warnings)
    plan.warnings[:0] = decoded.warnings
    plan.pages = decoded.pages
    if decoded.ocr_pages:
        plan.flags.add("ocr")
    if not plan.measures:
        raise InputError(path, "no measures found: not a plan in a layout agencygraph reads")
    first_line: dict[str, int] = {}
    for measure in plan.measures:
        # Every table is keyed on the measure id: a repeated one would merge two measures'
        # units, or stop the batch at the themes. Refuse this file, code the others.
        if measure.measure_id in first_line:
            raise InputError(
                path,
                f"two measures were given one id ({measure.measure_id}, lines "
                f"{first_line[measure.measure_id]} and {measure.line}): a coder bug, please "
                "report it; rejected, the others are coded",
                line=measure.line,
            )
        first_line[measure.measure_id] = measure.line
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
    corrections: str | Path | pd.DataFrame | None = None,
    strict: bool | None = None,
    ocr: bool = False,
) -> CodedCorpus:
    """Code plan files into the tidy, traceable tables of ``CONTRACT.md``.

    Parameters
    ----------
    paths
        Plan files and folders of them (:func:`agencygraph.corpus.plan_files`); ``None``
        codes the bundled corpus.
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
    corrections
        A corrections file (or its table) applied after the automatic coding, see
        :mod:`agencygraph.corrections`. A correction that no longer matches is not
        applied: it is listed in ``warnings`` and ``corrections`` and a
        :class:`~agencygraph.corrections.CorrectionWarning` is issued.
    strict
        Whether a file that cannot be read or holds no measure stops the run. ``False``:
        it is listed in ``rejected`` and the others are coded. Default: strict for a
        single file, not for several.
    ocr
        Read scanned PDF pages with Tesseract (see :mod:`agencygraph.read.ocr`); the
        documents read so are flagged ``ocr``.

    Returns
    -------
    CodedCorpus
        ``documents``, ``measures``, ``assignments``, ``mentions``, ``agencies``,
        ``unknown_agencies`` and ``warnings`` as DataFrames, rows in a stable order.

    Raises
    ------
    InputError
        Naming the file (and line) that cannot be read or holds no measures: when
        ``strict``, or when no file at all could be coded.
    """
    from agencygraph.corpus import manifest_rejected, manifest_warnings, plan_files

    paths = bundled_corpus() if paths is None else plan_files(paths)
    if not paths:
        raise InputError("<no files>", "no plan file given")
    if strict is None:
        strict = len(paths) == 1
    doc_rows, measure_rows, assignment_rows, mention_rows = [], [], [], []
    official_rows = []
    warning_rows: list[dict] = manifest_warnings(paths)
    # Manifest rows naming a file outside the manifest's folder (refused, issue 21).
    rejected_rows: list[dict] = manifest_rejected(paths)
    seen_ids: dict[str, Path] = {}
    for path, result in zip(
        paths,
        _code_files(paths, jobs=jobs, progress=progress, strict=strict, ocr=ocr),
        strict=True,
    ):
        if isinstance(result, InputError):
            rejected_rows.append(_rejected_row(path, result))
            continue
        meta, plan, mentions = result
        doc_id = meta["doc_id"]
        if doc_id in seen_ids:
            error = InputError(
                path,
                f"doc_id {doc_id!r} is already used by {seen_ids[doc_id]}; "
                f"name the documents apart in a {MANIFEST_NAME}",
            )
            if strict:
                raise error
            rejected_rows.append(_rejected_row(path, error, doc_id))
            continue
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
        measure_rows.extend(
            {"doc_id": doc_id, **vars(m), "page": _page(plan, m.line)} for m in plan.measures
        )
        assignment_rows.extend(
            {"doc_id": doc_id, **vars(a), "page": _page(plan, a.line)} for a in plan.assignments
        )
        official_rows.extend({"doc_id": doc_id, **vars(o)} for o in plan.officials)
        mention_rows.extend(
            {"doc_id": doc_id, "measure_id": m, "agency_raw": name, "line": line}
            for m, name, line in mentions
        )
        n_decoding = getattr(plan, "n_input_warnings", 0)
        warning_rows.extend(
            {
                "doc_id": doc_id,
                "file": Path(path).name,
                "line": line,
                "kind": "input" if i < n_decoding else "coding",
                "message": message,
            }
            for i, (line, message) in enumerate(plan.warnings)
        )
        warning_rows.extend(
            {"doc_id": doc_id, "file": Path(path).name, "line": 0, "kind": flag, "message": text}
            for flag, text in _flag_warnings(doc_rows[-1]["flags"])
        )
    if not doc_rows:
        first = rejected_rows[0]
        others = len(rejected_rows) - 1
        raise InputError(
            first["file"],
            first["reason"] + (f" (and {others} other file(s) rejected: no plan coded)"),
            line=first["line"] or None,
        )

    documents = _frame(doc_rows, DOCUMENT_COLUMNS)
    measures = _frame(measure_rows, MEASURE_COLUMNS[: MEASURE_COLUMNS.index("theme")])
    assignments = _frame(
        assignment_rows, ["doc_id", "measure_id", "role", "agency_raw", "inherited", "line", "page"]
    )
    mentions_df = _frame(mention_rows, ["doc_id", "measure_id", "agency_raw", "line"])
    # A researcher's corrections, before agencies are resolved: every table follows them.
    corrected = correct_coding(corrections, documents, measures, assignments, mentions_df)
    documents, measures = corrected.documents, corrected.measures
    assignments, mentions_df = corrected.assignments, corrected.mentions
    warning_rows.extend(corrected.warnings)
    # Formula syntax is no unit name (issue 21): reported in warnings.csv, not coded.
    assignments, mentions_df, not_units = _without_non_units(assignments, mentions_df, documents)
    warning_rows.extend(not_units)
    if not_units:
        counts = assignments.groupby("doc_id").size()
        documents["n_assignments"] = documents["doc_id"].map(counts).fillna(0).astype(int)
    # PDF pages: a whole number, or empty for other formats and for units a correction added.
    for table in (measures, assignments):
        table["page"] = pd.to_numeric(table["page"].replace("", None), errors="coerce").astype(
            "Int64"
        )
    measures = _with_themes(measures) if themes else measures.assign(theme="", themes="")
    assignments["agency_id"] = ""
    assignments["agency_type"] = ""
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
        measures=_in_source_order(measures[MEASURE_COLUMNS], order),
        assignments=_in_source_order(assignments, order, measures),
        mentions=_in_source_order(mentions_df, order, measures),
        agencies=agency_table,
        unknown_agencies=unknown,
        warnings=_warnings_table(warning_rows),
        officials=_in_source_order(
            _kept(_frame(official_rows, OFFICIAL_COLUMNS), measures), order, measures
        ),
        rejected=_rejected_table(rejected_rows),
        corrections=corrected.log,
    )


def _kept(frame: pd.DataFrame, measures: pd.DataFrame) -> pd.DataFrame:
    """Rows of the measures still coded (a correction may have dropped one)."""
    return frame[frame.measure_id.isin(measures.measure_id)].reset_index(drop=True)


#: What each document flag tells a researcher (``warnings.csv``, the ``parse`` summary).
FLAG_MESSAGES = {
    "no_assignments": "measures found but no responsibilities; "
    "units named in the text are in mentions.csv",
    "layout_uncertain": "layout uncertain, check the coding",
    "single_list_no_lead_rule": "units named jointly with no lead and no stated "
    "first-listed rule are coded 'responsible'",
}


def _flag_warnings(flags: str) -> list[tuple[str, str]]:
    return [
        (f, FLAG_MESSAGES[f]) for f in sorted(filter(None, flags.split(";"))) if f in FLAG_MESSAGES
    ]


def _warnings_table(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=WARNING_COLUMNS)
    frame["line"] = frame["line"].astype("int64")
    return frame


def _rejected_table(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=REJECTED_COLUMNS).astype(object)
    frame["line"] = pd.array([pd.NA if v is None else v for v in frame["line"]], dtype="Int64")
    return frame


def _rejected_row(path: Path, error: InputError, doc_id: str | None = None) -> dict:
    if doc_id is None:
        try:
            doc_id = document_metadata(path)["doc_id"]
        except InputError:
            doc_id = Path(path).stem
    # A refused manifest row is reported at the manifest's line.
    file = error.path if isinstance(error, ManifestError) else str(path)
    return {"file": file, "doc_id": doc_id, "reason": error.reason, "line": error.line}


def _without_non_units(
    assignments: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    """The assignments and mentions without "units" that are no unit name, and a warning
    row (``kind`` ``not_a_unit``) for each one left out.

    A unit of a Chinese plan is named in Chinese: a name with no Chinese character, or
    beginning as a spreadsheet formula does (``=HYPERLINK(…)``, ``@SUM(…)``, ``+cmd|…``,
    :data:`agencygraph.export.FORMULA_STARTS`), is text the coder split wrongly or planted,
    never an agency.
    """
    from agencygraph.export import FORMULA_STARTS

    files = dict(zip(documents["doc_id"], documents["source_file"], strict=True))
    rows: list[dict] = []
    kept = []
    for table in (assignments, mentions):
        names = table["agency_raw"].fillna("").astype(str)
        han = names.str.contains("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", regex=True)
        bad = names.str.strip().str.startswith(FORMULA_STARTS) | ~han
        for row in table[bad & (names != "")].itertuples():
            rows.append(
                {
                    "doc_id": row.doc_id,
                    "file": files.get(row.doc_id, ""),
                    "line": int(row.line) if pd.notna(row.line) else 0,
                    "kind": "not_a_unit",
                    "message": f"{row.agency_raw!r} in {row.measure_id} is not a unit name "
                    "(formula syntax, or no Chinese in it): not coded as a unit",
                }
            )
        kept.append(table[~bad | (names == "")].reset_index(drop=True))
    return kept[0], kept[1], rows


def _page(plan: CodedPlan, line: int) -> int | None:
    """The page of a source line of a PDF plan (None for other formats)."""
    return plan.pages[line - 1] if 1 <= line <= len(plan.pages) else None


def _code_or_reject(path: Path, ocr: bool = False) -> tuple | InputError:
    """:func:`code_plan_file`, or the error that refused the file (picklable for workers)."""
    try:
        return code_plan_file(path, ocr=ocr)
    except InputError as error:
        return error
    except MemoryError:
        pass  # leaving the block frees what the file's reading and coding held
    return InputError(path, "ran out of memory coding the file: rejected, the others are coded")


def _code_files(
    paths: list[Path], *, jobs: int, progress: bool, strict: bool = True, ocr: bool = False
) -> Iterator[tuple | InputError]:
    """(metadata, plan, mentions) of each file, in the order given; the error of a file
    that was refused, unless ``strict`` (then it is raised)."""
    code = partial(_code_or_reject, ocr=ocr)
    workers = (os.cpu_count() or 1) if jobs == 0 else max(1, int(jobs))
    bar = _progress_bar(len(paths), progress)
    try:
        if workers == 1 or len(paths) < 2:
            results = map(code, paths)
            for result in results:
                if strict and isinstance(result, InputError):
                    raise result
                yield result
                bar.update(1)
        else:
            chunk = max(1, min(64, len(paths) // (workers * 8)))
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for result in pool.map(code, paths, chunksize=chunk):
                    if strict and isinstance(result, InputError):
                        raise result
                    yield result
                    bar.update(1)
    finally:
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
    ("table_header_inferred", 2, "table read without its header: columns guessed from cells"),
    ("single_list_no_lead_rule", 1, "units jointly responsible, no lead stated"),
    ("officials_named", 1, "officials named beside units"),
    ("line_breaks_joined", 1, "a copy's fixed-width line breaks joined into paragraphs"),
)


def documents_to_check(coded: CodedCorpus) -> pd.DataFrame:
    """The documents whose coding is most worth checking by hand, and why.

    A document scores by its flags (no assignments, uncertain layout, table rows placed by
    content, a table read without its header, joint responsibility with no lead, officials
    named, a page's line breaks joined), its layout confidence, its
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
    if "page" in frame:  # empty for sources without pages
        frame["page"] = frame["page"].astype("Int64")
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
