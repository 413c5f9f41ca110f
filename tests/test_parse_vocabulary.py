"""The parser's vocabulary is data, and every term of it is read in both scripts."""

from __future__ import annotations

import csv
import re
from importlib import resources

from agencygraph._chars import ts_table
from agencygraph.parse import mentions, outline, responsibility, table
from agencygraph.parse._records import parse_terms
from agencygraph.parse._text import VOCABULARY, simplified

HAN = re.compile(r"[\u4e00-\u9fff]")
KINDS_USED = {
    "non_measure_section": outline,
    "boilerplate": outline,
    "box": outline,
    "authority": mentions,
    "body": mentions,
    "extension": mentions,
    "qualifier": mentions,
    "policy_verb": mentions,
}


def _vocabulary_terms() -> list[str]:
    terms = [
        *(term for kind_terms in responsibility.role_terms().values() for term, _ in kind_terms),
        outline._RESPONSIBILITY_WORDS.pattern,
        *(pattern.pattern for _, pattern in table._HEADER_KINDS),
    ]
    for kind, kind_terms in parse_terms().items():
        if kind in ("non_measure_section", "boilerplate", "box"):
            terms.extend(kind_terms)
    return terms


def test_every_vocabulary_character_is_read_in_traditional_script():
    traditional_of = {}
    for trad, simp in ts_table().items():
        traditional_of.setdefault(simp, []).append(chr(trad))
    missing = sorted(
        {c for term in _vocabulary_terms() for c in HAN.findall(term) if c not in VOCABULARY}
    )
    assert missing == []
    for term in ("牵头单位", "责任单位", "组织实施", "负责", "协同单位"):
        written = "".join(traditional_of.get(c, [c])[0] for c in term)
        assert simplified(written) == term


def test_parse_terms_file_is_valid_and_every_kind_is_used():
    path = resources.files("agencygraph") / "data" / "parse_terms.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["term"].strip() and row["kind"] in KINDS_USED for row in rows)
    assert len({(row["term"], row["kind"]) for row in rows}) == len(rows)
    assert set(parse_terms()) == set(KINDS_USED)
    for kind, module in KINDS_USED.items():
        source = resources.files("agencygraph").joinpath(
            "parse", f"{module.__name__.rsplit('.', 1)[1]}.py"
        )
        assert f'"{kind}"' in source.read_text(encoding="utf-8"), kind
