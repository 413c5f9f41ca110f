"""The ``agencygraph`` command: thin wiring of the pipeline stages.

Errors the package raises on purpose become one line on stderr naming the file (and
line) and a non-zero exit status; nothing is written by a run that fails.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from agencygraph import __version__, settings
from agencygraph._errors import AgencygraphError, InputError
from agencygraph.coding import CodedCorpus, documents_to_check, parse_corpus
from agencygraph.corrections import CorrectionWarning


def _summary(coded: CodedCorpus) -> list[str]:
    from agencygraph.coding import FLAG_MESSAGES

    lines = []
    for row in coded.documents.itertuples():
        lines.append(
            f"{row.doc_id}: {row.layout} (confidence {row.layout_confidence:.2f}), "
            f"{row.n_measures} measures, {row.n_assignments} assignments"
        )
        for flag in sorted(filter(None, row.flags.split(";"))):
            if flag in FLAG_MESSAGES:
                label = "note" if flag == "single_list_no_lead_rule" else "warning"
                lines.append(f"  {label}: {row.source_file}: {FLAG_MESSAGES[flag]}")
    unnamed = coded.documents[coded.documents["place_zh"].fillna("") == ""]
    if len(unnamed):
        lines.append(
            f"{len(unnamed)} plan(s) without a place ({', '.join(unnamed.doc_id[:5])}"
            f"{' …' if len(unnamed) > 5 else ''}): a manifest.csv beside them (columns file, "
            "doc_id, title, place_zh, place_en, province, level, date, source) gives their "
            "place and level, which unit names are read against, and English names"
        )
    rejected = coded.rejected
    if len(rejected):
        lines.append(
            f"{len(rejected)} file(s) not coded, listed in rejected.csv "
            "(--strict makes them stop the run):"
        )
        for row in rejected.itertuples():
            where = row.file if pd.isna(row.line) else f"{row.file}:{row.line}"
            lines.append(f"  rejected: {where}: {row.reason}")
    unknown = coded.unknown_agencies
    if len(unknown):
        names = ", ".join(dict.fromkeys(unknown["agency_raw"]))
        lines.append(
            f"{len(unknown)} unit name(s) not in the lexicon, listed in "
            f"unknown_agencies.csv: {names}"
        )
    else:
        lines.append("every unit name resolved to an agency type")
    log = coded.corrections
    if len(log):
        stale = log[log.status == "stale"]
        lines.append(f"corrections: {len(log) - len(stale)} applied, {len(stale)} not applied")
        for row in stale.itertuples():
            unit = f" {row.agency_raw}" if row.agency_raw else ""
            lines.append(
                f"  warning: correction on line {row.row} ({row.action}{unit} in "
                f"{row.measure_id}) not applied: {row.reason}"
            )
    doubtful = coded.warnings[~coded.warnings["kind"].isin(list(FLAG_MESSAGES))]
    if len(doubtful):
        lines.append(f"{len(doubtful)} warning(s) about doubtful input, all in warnings.csv, e.g.:")
        for row in doubtful.head(3).itertuples():
            where = f"{row.doc_id} ({row.file}:{row.line})" if row.line else row.doc_id
            lines.append(f"  {where}: {row.message}")
    worth = documents_to_check(coded).head(settings.DOCUMENTS_TO_CHECK)
    if len(worth):
        lines.append("documents most worth checking:")
        lines.extend(f"  {row.doc_id}: {row.reasons}" for row in worth.itertuples())
    return lines


def _load(args: argparse.Namespace) -> CodedCorpus:
    lexicon = None
    if getattr(args, "aliases", None):
        from agencygraph.agencies import load_lexicon

        lexicon = load_lexicon(args.aliases)
    quiet = getattr(args, "quiet", False)
    start = time.perf_counter()
    with warnings.catch_warnings():
        # Stale corrections are reported in the summary, one line each.
        warnings.simplefilter("ignore", CorrectionWarning)
        coded = parse_corpus(
            args.files or None,
            lexicon=lexicon,
            jobs=args.jobs,
            progress=not quiet and sys.stderr.isatty(),
            strict=True if getattr(args, "strict", False) else None,
            corrections=getattr(args, "corrections", None),
            ocr=getattr(args, "ocr", False),
        )
    if not quiet:
        print(
            f"parsing: {len(coded.documents)} plan(s) coded, {len(coded.rejected)} rejected, "
            f"in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
    return coded


def cmd_parse(args: argparse.Namespace) -> int:
    from agencygraph.export import write_tables

    coded = _load(args)
    out = Path(args.out or settings.TABLES_DIR)
    write_tables(coded.tables(), out, format=args.format)
    if not args.quiet:
        for line in _summary(coded):
            print(line)
        print(f"tables written to {out}/")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from agencygraph.export import check_writable
    from agencygraph.pipeline import build

    # A folder that cannot be written is reported before the plans are coded.
    check_writable(Path(args.out or settings.TABLES_DIR))
    if not args.tables_only:
        check_writable(Path(args.figures or settings.FIGURES_DIR))
    if args.chunk_size is not None:
        return _build_streamed(args)
    coded = _load(args)
    if not args.quiet:
        for line in _summary(coded):
            print(line)
    written = build(
        coded,
        tables_dir=Path(args.out or settings.TABLES_DIR),
        figures_dir=Path(args.figures or settings.FIGURES_DIR),
        tables_only=args.tables_only,
        progress=not args.quiet,
        null_samples=args.null_samples,
        seed=args.seed,
        lead_null=args.lead_null,
        per_plan=_per_plan(args.per_plan),
        format=args.format,
        lang=args.lang,
        standalone=args.standalone,
        unit=args.unit,
        inherited=args.inherited,
        collectives=args.collectives,
    )
    if not args.quiet:
        print(f"{len(written)} files written")
    return 0


def _build_streamed(args: argparse.Namespace) -> int:
    """``build --tables-only --chunk-size N``: the corpus streamed in chunks."""
    from agencygraph.stream import build_streamed

    if not args.tables_only:
        raise InputError(
            "--chunk-size", "a build in chunks writes the tables only: add --tables-only"
        )
    if args.chunk_size < 1:
        raise InputError("--chunk-size", f"{args.chunk_size} is not a number of plans")
    if getattr(args, "corrections", None):
        raise InputError(
            "--chunk-size", "corrections apply to the whole corpus: build without --chunk-size"
        )
    for option, value, default in (
        ("--unit", getattr(args, "unit", None), None),
        ("--inherited", getattr(args, "inherited", "keep"), "keep"),
        ("--collectives", getattr(args, "collectives", "keep"), "keep"),
        ("--lead-null", getattr(args, "lead_null", None), None),
    ):
        if value != default:
            raise InputError(
                "--chunk-size", f"a build in chunks takes {option} at its default only"
            )
    lexicon = None
    if getattr(args, "aliases", None):
        from agencygraph.agencies import load_lexicon

        lexicon = load_lexicon(args.aliases)
    written = build_streamed(
        args.files or None,
        tables_dir=Path(args.out or settings.TABLES_DIR),
        chunk_size=args.chunk_size,
        format=args.format,
        null_samples=args.null_samples,
        seed=args.seed,
        jobs=args.jobs,
        lexicon=lexicon,
        strict=True if args.strict else None,
        ocr=getattr(args, "ocr", False),
        progress=not args.quiet,
    )
    if not args.quiet:
        print(f"{len(written)} files written")
    return 0


def _per_plan(words: list[str] | None) -> str | list[str] | None:
    """``--per-plan all | none | top N | N | DOC_ID ...`` as :func:`pipeline.build` takes it."""
    if not words:
        return None
    if len(words) == 1 or (len(words) == 2 and words[0].lower() == "top"):
        joined = " ".join(words)
        if joined.lower() in {"all", "none"} or joined.lower().removeprefix("top ").isdigit():
            return joined
    if words[0].lower() == "top":
        raise InputError("--per-plan", f"{' '.join(words)!r}: top takes one number, e.g. top 10")
    return list(words)


def cmd_infer(args: argparse.Namespace) -> int:
    from agencygraph.export import write_tables
    from agencygraph.infer import infer_tables

    tables = infer_tables(args.targets, args.train or None)
    predictions = tables["inferred_assignments"]
    out = Path(args.out or settings.TABLES_DIR)
    write_tables(tables, out)
    n_measures = predictions.drop_duplicates(["doc_id", "measure_id"]).shape[0]
    print(
        f"predicted lead and support types for {n_measures} measures without assignments; "
        f"written to {out}/inferred_assignments.csv (predictions, not coded data), "
        f"the target plans' measures to {out}/target_measures.csv"
    )
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from agencygraph.corpus import bundled_corpus
    from agencygraph.review import source_texts, write_review

    coded = _load(args)
    texts = source_texts(args.files or bundled_corpus())
    page = write_review(
        coded, texts, Path(args.out or settings.FIGURES_DIR), prior_corrections=coded.corrections
    )
    for line in _summary(coded):
        print(line)
    print(f"review page written to {page} (open it in a browser; export corrections.csv there)")
    return 0


def cmd_agree(args: argparse.Namespace) -> int:
    from agencygraph.reliability import agreement

    result = agreement(args.coded, args.gold, sample=args.sample)
    print(result.report())
    if args.out:
        from agencygraph.export import write_tables

        write_tables(
            {"agreement": result.table, "disagreements": result.disagreements}, Path(args.out)
        )
        print(f"agreement.csv and disagreements.csv written to {args.out}/")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from agencygraph.synth import write_synthetic_corpus

    out = write_synthetic_corpus(args.plans, seed=args.seed, out=Path(args.out))
    print(
        f"{args.plans} synthetic plans written to {out}/ with manifest.csv; "
        f"their true coding is in {out}/truth/"
    )
    return 0


def cmd_types(args: argparse.Namespace) -> int:
    from agencygraph.agencies import SYSTEMS, agency_types, load_lexicon

    types = agency_types(load_lexicon(args.aliases) if args.aliases else None)
    if args.system:
        if args.system not in SYSTEMS:
            from agencygraph.corpus import suggest

            raise InputError(
                "--system",
                f"{args.system!r} is not a system{suggest(args.system, SYSTEMS)}; "
                f"one of {', '.join(SYSTEMS)}",
            )
        types = types[types["system"] == args.system]
    columns = ["agency_type", "type_zh", "type_en", "system"]
    if args.csv:
        from agencygraph.export import table_to_csv_bytes

        # --aliases may bring any text: the same spreadsheet-safe CSV as the tables.
        sys.stdout.write(table_to_csv_bytes(types[columns]).decode("utf-8"))
        return 0
    width = max(len(c) for c in types["agency_type"]) + 2
    for row in types[columns].itertuples(index=False):
        print(f"{row.agency_type:<{width}}{row.system:<14}{row.type_en} ({row.type_zh})")
    print(f"{len(types)} types; add names with --aliases (columns alias, agency_type, kind, note)")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agencygraph",
        description="Code Chinese policy plans into agency x measure networks.",
    )
    parser.add_argument("--version", action="version", version=f"agencygraph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "files",
            nargs="*",
            metavar="FILE",
            help="plan files, or folders of them (searched recursively; default: bundled corpus)",
        )
        p.add_argument(
            "--aliases",
            metavar="CSV",
            help="your own agency alias CSV, added to the bundled lexicon",
        )
        p.add_argument(
            "--jobs",
            type=int,
            default=1,
            metavar="N",
            help="processes that parse files in parallel (0: one per core; default 1)",
        )
        p.add_argument(
            "--format",
            choices=("csv", "parquet"),
            default="csv",
            help="format of the tables (parquet needs pyarrow; default csv)",
        )
        p.add_argument(
            "--strict",
            action="store_true",
            help="stop at the first file that cannot be read or holds no measure "
            "(default: list it in rejected.csv and code the others)",
        )
        p.add_argument(
            "--quiet",
            action="store_true",
            help="print nothing but errors (no progress, no summary)",
        )

    def corrections(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--corrections",
            metavar="CSV",
            help="corrections to apply after the automatic coding (see `agencygraph review`)",
        )
        p.add_argument(
            "--ocr",
            action="store_true",
            help="read scanned PDF pages by OCR (needs tesseract with chi_sim data)",
        )

    p_parse = sub.add_parser("parse", help="code plans into tables")
    common(p_parse)
    corrections(p_parse)
    p_parse.add_argument("--out", metavar="DIR", help=f"default: {settings.TABLES_DIR}")
    p_parse.set_defaults(func=cmd_parse)

    p_infer = sub.add_parser(
        "infer", help="predict lead and support types for measures without assignments"
    )
    p_infer.add_argument("targets", nargs="+", metavar="TARGET", help="plan files to predict")
    p_infer.add_argument(
        "--train", nargs="+", metavar="FILE", help="plans to learn from (default: bundled)"
    )
    p_infer.add_argument("--out", metavar="DIR", help=f"default: {settings.TABLES_DIR}")
    p_infer.set_defaults(func=cmd_infer)

    p_synth = sub.add_parser(
        "synth", help="write a synthetic corpus in the three layouts, with its true coding"
    )
    p_synth.add_argument(
        "--plans", type=int, required=True, metavar="N", help="number of plans to write"
    )
    p_synth.add_argument(
        "--seed",
        type=int,
        default=settings.SEED,
        metavar="S",
        help=f"seed of the random corpus: the same seed writes the same files "
        f"(default: {settings.SEED})",
    )
    p_synth.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder of the plans, their manifest.csv and truth/ (their true coding)",
    )
    p_synth.set_defaults(func=cmd_synth)

    p_types = sub.add_parser(
        "types", help="list the agency types, with Chinese and English names and system"
    )
    p_types.add_argument("--system", metavar="SYSTEM", help="only the types of one system")
    p_types.add_argument(
        "--aliases", metavar="CSV", help="your own agency alias CSV (checked against the types)"
    )
    p_types.add_argument("--csv", action="store_true", help="print CSV instead of a list")
    p_types.set_defaults(func=cmd_types)

    p_build = sub.add_parser("build", help="the whole pipeline: tables, metrics, figures, HTML")
    common(p_build)
    p_build.add_argument("--out", metavar="DIR", help=f"tables (default: {settings.TABLES_DIR})")
    p_build.add_argument(
        "--figures", metavar="DIR", help=f"figures and HTML (default: {settings.FIGURES_DIR})"
    )
    p_build.add_argument("--tables-only", action="store_true", help="coded and metric tables only")
    p_build.add_argument(
        "--chunk-size",
        type=int,
        metavar="N",
        help="with --tables-only: parse and write N plans at a time, so memory stays bounded "
        f"on a large corpus (e.g. {settings.STREAM_CHUNK_PLANS}; see the README's Scale section)",
    )
    p_build.add_argument(
        "--null-samples",
        type=int,
        metavar="N",
        help=f"samples of each null model (default: {settings.NULL_SAMPLES})",
    )
    p_build.add_argument(
        "--seed", type=int, help=f"seed of layouts and null models (default: {settings.SEED})"
    )
    p_build.add_argument(
        "--lead-null",
        choices=("role_permutation", "curveball"),
        help=f"null of the lead statistics in network_null (default: {settings.LEAD_NULL})",
    )
    corrections(p_build)
    p_build.add_argument(
        "--per-plan",
        nargs="+",
        metavar="WHICH",
        help="plans drawn one by one (figures, HTML networks, graph files): all, none, "
        f"top N (the N with the most assignments) or doc ids (default: top {settings.PER_PLAN})",
    )
    p_build.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of figures, network pages and the index page (default: en)",
    )
    p_build.add_argument(
        "--standalone",
        action="store_true",
        help="inline the network script in every page instead of networks/_lib/",
    )
    # Unit of analysis (issue 20): see agencygraph.units and docs/methods.md, section 1.
    p_build.add_argument(
        "--unit",
        choices=("row", "task"),
        help="unit of analysis of every metric table and graph: table rows as coded, or "
        "tasks (the rows of one task merged). Default: cross_region.csv counts tasks where "
        "the plans have them, everything else rows",
    )
    p_build.add_argument(
        "--inherited",
        choices=("keep", "drop"),
        default="keep",
        help="assignments carried down from merged table cells: keep (default) or drop",
    )
    p_build.add_argument(
        "--collectives",
        choices=("keep", "drop"),
        default="keep",
        help="collective actors (各有关单位, 各县(区)党委和政府 ...): keep (default, flagged "
        "in agencies.csv) or drop from every metric",
    )
    p_build.set_defaults(func=cmd_build)

    p_review = sub.add_parser(
        "review", help="an offline HTML page of the coding against the text, to correct it"
    )
    common(p_review)
    corrections(p_review)
    p_review.add_argument(
        "--out", metavar="DIR", help=f"folder of review.html (default: {settings.FIGURES_DIR})"
    )
    p_review.set_defaults(func=cmd_review)

    p_agree = sub.add_parser(
        "agree", help="agreement of two codings of the same plans (precision, recall, κ, α)"
    )
    p_agree.add_argument("coded", metavar="CODED", help="folder with measures.csv, assignments.csv")
    p_agree.add_argument("gold", metavar="GOLD", help="the other coding (e.g. by hand)")
    p_agree.add_argument(
        "--sample",
        action="store_true",
        help="GOLD codes a sample of measures: leave the other measures of CODED aside",
    )
    p_agree.add_argument("--out", metavar="DIR", help="write agreement.csv, disagreements.csv")
    p_agree.set_defaults(func=cmd_agree)
    return parser


# Out of memory (issue 21): address space held back from the start and given up when
# memory runs out, so that the one-line message can still be written; the message is
# encoded beforehand for the same reason.
_MEMORY_RESERVE = 16 * 2**20
_OUT_OF_MEMORY = (
    b"agencygraph: error: out of memory: a plan file too large or crafted to expand? "
    b"The readers' limits are READ_MAX_* in agencygraph.settings; no output was written\n"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``agencygraph`` command."""
    try:
        reserve = bytearray(_MEMORY_RESERVE)
        status = _main(argv)
    except MemoryError:
        pass  # leaving the block drops the traceback and the frames that hold the memory
    else:
        del reserve
        return status
    reserve = None  # given up for the message
    os.write(2, _OUT_OF_MEMORY)
    return 1


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except AgencygraphError as exc:
        print(f"agencygraph: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped early (agencygraph types | head): not an error of ours.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream
        return 0
    except KeyboardInterrupt:
        # Each output folder is swapped in whole: it holds its previous outputs, or the new
        # ones where the build was interrupted after swapping it in.
        print(
            "agencygraph: interrupted; output folders hold complete outputs (the previous "
            "ones unless the build had finished writing them)",
            file=sys.stderr,
        )
        return 130
    except MemoryError:
        raise  # to main, which frees memory before it writes
    except Exception as exc:
        if os.environ.get("AGENCYGRAPH_DEBUG"):
            raise
        print(
            f"agencygraph: internal error: {type(exc).__name__}: {exc} "
            "(set AGENCYGRAPH_DEBUG=1 for details; please report it)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
