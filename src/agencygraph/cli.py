"""The ``agencygraph`` command: thin wiring of the pipeline stages.

Errors the package raises on purpose become one line on stderr naming the file (and
line) and a non-zero exit status; nothing is written by a run that fails.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from agencygraph import __version__, settings
from agencygraph._errors import AgencygraphError
from agencygraph.coding import CodedCorpus, documents_to_check, parse_corpus


def _summary(coded: CodedCorpus) -> list[str]:
    lines = []
    for row in coded.documents.itertuples():
        lines.append(
            f"{row.doc_id}: {row.layout} (confidence {row.layout_confidence:.2f}), "
            f"{row.n_measures} measures, {row.n_assignments} assignments"
        )
        flags = set(filter(None, row.flags.split(";")))
        if "no_assignments" in flags:
            lines.append(
                f"  warning: {row.source_file}: measures found but no responsibilities; "
                "units named in the text are in mentions.csv"
            )
        if "layout_uncertain" in flags:
            lines.append(f"  warning: {row.source_file}: layout uncertain, check the coding")
        if "single_list_no_lead_rule" in flags:
            lines.append(
                f"  note: {row.source_file}: units named jointly with no lead and no stated "
                "first-listed rule are coded 'responsible'"
            )
    unknown = coded.unknown_agencies
    if len(unknown):
        names = ", ".join(dict.fromkeys(unknown["agency_raw"]))
        lines.append(
            f"{len(unknown)} unit name(s) not in the lexicon, listed in "
            f"unknown_agencies.csv: {names}"
        )
    else:
        lines.append("every unit name resolved to an agency type")
    if len(coded.warnings):
        lines.append(f"{len(coded.warnings)} warning(s) about doubtful input, e.g.:")
        for row in coded.warnings.head(3).itertuples():
            lines.append(f"  {row.source_file}:{row.line}: {row.message}")
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
    return parse_corpus(
        args.files or None,
        lexicon=lexicon,
        jobs=args.jobs,
        progress=not getattr(args, "quiet", False) and sys.stderr.isatty(),
    )


def cmd_parse(args: argparse.Namespace) -> int:
    from agencygraph.export import write_tables

    coded = _load(args)
    out = Path(args.out or settings.TABLES_DIR)
    write_tables(coded.tables(), out)
    for line in _summary(coded):
        print(line)
    print(f"tables written to {out}/")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from agencygraph.pipeline import build

    coded = _load(args)
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
        lang=args.lang,
        standalone=args.standalone,
    )
    print(f"{len(written)} files written")
    return 0


def cmd_infer(args: argparse.Namespace) -> int:
    from agencygraph.export import write_tables
    from agencygraph.infer import infer_files

    predictions = infer_files(args.targets, args.train or None)
    out = Path(args.out or settings.TABLES_DIR)
    write_tables({"inferred_assignments": predictions}, out)
    n_measures = predictions.drop_duplicates(["doc_id", "measure_id"]).shape[0]
    print(
        f"predicted lead and support types for {n_measures} measures without assignments; "
        f"written to {out}/inferred_assignments.csv (predictions, not coded data)"
    )
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from agencygraph.synth import write_synthetic_corpus

    out = write_synthetic_corpus(args.plans, seed=args.seed, out=Path(args.out))
    print(
        f"{args.plans} synthetic plans written to {out}/ with manifest.csv; "
        f"their true coding is in {out}/truth/"
    )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agencygraph",
        description="Code Chinese policy plans into agency x measure networks.",
    )
    parser.add_argument("--version", action="version", version=f"agencygraph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("files", nargs="*", metavar="FILE", help="plan files (default: bundled)")
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

    p_parse = sub.add_parser("parse", help="code plans into tables")
    common(p_parse)
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
    p_synth.add_argument("--plans", type=int, required=True, metavar="N")
    p_synth.add_argument("--seed", type=int, default=settings.SEED, metavar="S")
    p_synth.add_argument("--out", required=True, metavar="DIR")
    p_synth.set_defaults(func=cmd_synth)

    p_build = sub.add_parser("build", help="the whole pipeline: tables, metrics, figures, HTML")
    common(p_build)
    p_build.add_argument("--out", metavar="DIR", help=f"tables (default: {settings.TABLES_DIR})")
    p_build.add_argument(
        "--figures", metavar="DIR", help=f"figures and HTML (default: {settings.FIGURES_DIR})"
    )
    p_build.add_argument("--tables-only", action="store_true", help="coded and metric tables only")
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
    p_build.add_argument("--quiet", action="store_true", help="no progress display")
    p_build.set_defaults(func=cmd_build)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``agencygraph`` command."""
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except AgencygraphError as exc:
        print(f"agencygraph: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("agencygraph: interrupted; no output was written", file=sys.stderr)
        return 130
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
