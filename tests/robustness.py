"""How the coder holds up when a development plan is copied the ways plans are copied.

Each development plan of the real-plan corpus is rewritten as a web page, a PDF or a
careless copy would leave it — printed on a 28-character page (GB/T 9704), cut every 40
characters, run onto one line, double-spaced, indented, with its punctuation in the other
width, with spaces after its lines — and scored against its gold, whose line numbers (and
punctuation, where the copy changes it) are carried over. The coder should code a copy as
it codes the plan: these figures say how far from that it is.

Run ``python tests/robustness.py`` for the table; ``tests/test_robustness.py`` holds floors.
Tables are left out of the copies that move line breaks (a table's rows are not
paragraphs); the validation plans are never used.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import real_plans as rp

_WIDE_RE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]"
)
_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";"})
_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})


def _columns(ch: str) -> int:
    return 2 if _WIDE_RE.match(ch) else 1


def set_on_page(text: str, width: int = 56) -> str:
    """Each line broken wherever it fills ``width`` columns (a wide character takes two)."""
    out = []
    for line in text.split("\n"):
        piece, used = "", 0
        for ch in line:
            if used + _columns(ch) > width:
                out.append(piece)
                piece, used = "", 0
            piece += ch
            used += _columns(ch)
        out.append(piece)
    return "\n".join(out)


def cut_every(text: str, n: int = 40) -> str:
    """Each line cut every ``n`` characters."""
    out = []
    for line in text.split("\n"):
        while len(line) > n:
            out.append(line[:n])
            line = line[n:]
        out.append(line)
    return "\n".join(out)


def one_line(text: str) -> str:
    """Every line run onto one, a space where each break was (a copy that lost its breaks)."""
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def _broken_lines(rewrite: Callable[[str], str]) -> Callable[[str], dict[int, int]]:
    """Each source line's first line in a copy that breaks lines one by one."""

    def lines(text: str) -> dict[int, int]:
        out, at = {}, 1
        for number, line in enumerate(text.split("\n"), start=1):
            out[number] = at
            at += rewrite(line).count("\n") + 1
        return out

    return lines


def _same_lines(text: str) -> dict[int, int]:
    return {n: n for n in range(1, text.count("\n") + 2)}


def _indent(text: str) -> str:
    return "\n".join("\u3000\u3000" + x if x.strip() else x for x in text.split("\n"))


def _trailing_spaces(text: str) -> str:
    return "\n".join(x + "  " if x.strip() else x for x in text.split("\n"))


@dataclass(frozen=True)
class Copy:
    name: str
    rewrite: Callable[[str], str]
    lines: Callable[[str], dict[int, int]] = _same_lines  # source line -> line in the copy
    moves_lines: bool = False  # tables left out: their rows are not paragraphs
    rename: Callable[[str], str] = str  # what the copy does to a name as written


COPIES = (
    Copy("printed on a 28-character page", set_on_page, _broken_lines(set_on_page), True),
    Copy("cut every 40 characters", cut_every, _broken_lines(cut_every), True),
    Copy("run onto one line", one_line, lambda t: dict.fromkeys(_same_lines(t), 1), True),
    Copy(
        "double-spaced",
        lambda t: "\n\n".join(t.split("\n")),
        lambda t: {n: 2 * n - 1 for n in _same_lines(t)},
        True,
    ),
    Copy("indented", _indent),
    Copy("spaces after lines", _trailing_spaces),
    Copy(
        "half-width punctuation", lambda t: t.translate(_HALF), rename=lambda t: t.translate(_HALF)
    ),
    Copy(
        "full-width punctuation", lambda t: t.translate(_FULL), rename=lambda t: t.translate(_FULL)
    ),
)


def _gold_for(copy: Copy, text: str, measures: list[dict], assignments: list[dict]):
    lines = copy.lines(text)
    measures = [
        {
            **m,
            "line": str(lines.get(int(m["line"]), m["line"])),
            "text_start": copy.rename(m["text_start"]),
        }
        for m in measures
    ]
    assignments = [{**a, "agency_raw": copy.rename(a["agency_raw"])} for a in assignments]
    return measures, assignments


@dataclass(frozen=True)
class Result:
    plans: int
    written: tuple[float, float, float]  # (P, R, F1) of the same plans as written
    copied: tuple[float, float, float]


def scores() -> dict[str, Result]:
    """For each copy, the development plans it applies to, scored as written and copied."""
    from agencygraph.corpus import read_plan_text
    from agencygraph.parse import parse_plan

    parts = rp.split()
    by_doc_m: dict[str, list] = {}
    by_doc_a: dict[str, list] = {}
    for m in rp._read("gold/measures.csv"):
        by_doc_m.setdefault(m["doc"], []).append(m)
    for a in rp._read("gold/assignments.csv"):
        by_doc_a.setdefault(a["doc"], []).append(a)
    written_scores: dict[str, list] = {copy.name: [] for copy in COPIES}
    copied_scores: dict[str, list] = {copy.name: [] for copy in COPIES}
    for doc in sorted(d for d, part in parts.items() if part == "development"):
        text = read_plan_text(rp.CORPUS / "plans" / f"{doc}.txt").text
        written = parse_plan(text, doc)
        gold_m, gold_a = by_doc_m.get(doc, []), by_doc_a.get(doc, [])
        as_written = rp.score_plan(doc, written, gold_m, gold_a, "development")
        for copy in COPIES:
            if copy.moves_lines and written.layout == "table":
                continue
            copied = parse_plan(copy.rewrite(text), doc)
            m, a = _gold_for(copy, text, gold_m, gold_a)
            written_scores[copy.name].append(as_written)
            copied_scores[copy.name].append(rp.score_plan(doc, copied, m, a, "development"))
    return {
        copy.name: Result(
            len(written_scores[copy.name]),
            rp.overall(written_scores[copy.name]),
            rp.overall(copied_scores[copy.name]),
        )
        for copy in COPIES
    }


if __name__ == "__main__":
    print("| copy | plans | F1 as written | P | R | F1 |\n|---|---:|---:|---:|---:|---:|")
    for name, result in scores().items():
        p, r, f = result.copied
        print(
            f"| {name} | {result.plans} | {result.written[2]:.3f} | {p:.3f} | {r:.3f} | {f:.3f} |"
        )
