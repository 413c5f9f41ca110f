"""The parse-speed mechanics of issue 19 change no result: tries, memos, fast paths."""

from __future__ import annotations

import random
import re

from agencygraph.parse import responsibility as resp
from agencygraph.parse._text import CLOSE_BRACKETS, OPEN_BRACKETS, trie_alternation

SPACE = r"[ \u3000]?"


def _flat(terms) -> str:
    """The alternation the trie replaced: every term, longest first, spaces between chars."""
    ordered = sorted(set(terms), key=len, reverse=True)
    return "|".join(SPACE.join(re.escape(c) for c in term) for term in ordered)


def _texts(terms: list[str], n: int, seed: int) -> list[str]:
    """Texts made of label pieces, spaces, colons and brackets: labels cut short, spaced
    apart, run together, followed or not by a colon."""
    rng = random.Random(seed)
    alphabet = sorted({c for t in terms for c in t}) + list(" \u3000：:】【（市局")
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 6)):
            term = rng.choice(terms)
            if rng.random() < 0.3:
                term = term[: rng.randint(1, len(term))]
            if rng.random() < 0.3:
                at = rng.randint(1, max(1, len(term) - 1))
                term = term[:at] + rng.choice(" \u3000") + term[at:]
            parts.append(term + rng.choice(["：", ":", " ：", "】", "", "", "、"]))
            parts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4))))
        texts.append("".join(parts))
    return texts


def test_trie_matches_as_the_flat_alternation_did():
    terms = sorted(resp.labels())
    end = resp._LABEL_END
    for body in (f"【?({{}}){end}", "({})"):
        flat = re.compile(body.format(_flat(terms)))
        trie = re.compile(body.format(trie_alternation(terms, SPACE)))
        for text in _texts(terms, 3000, seed=19):
            assert [(m.span(), m.groups()) for m in flat.finditer(text)] == [
                (m.span(), m.groups()) for m in trie.finditer(text)
            ], text


def test_trie_of_prefixes_takes_the_longest_and_no_trailing_space():
    pattern = re.compile(trie_alternation(["牵头", "牵头单位", "配合"], SPACE))
    assert pattern.match("牵头单位：").group() == "牵头单位"
    assert pattern.match("牵 头 单 位").group() == "牵 头 单 位"
    assert pattern.match("牵头 ：").group() == "牵头"  # the space is the label end's
    assert pattern.match("单位") is None


def test_memoised_unit_splitting_hands_out_fresh_lists():
    first = resp.located_units("市财政局、市人社局")
    first.append(("changed", 0))
    assert resp.located_units("市财政局、市人社局") == [("市财政局", 0), ("市人社局", 5)]


def _depth_split_by_char(text: str, separators: str) -> list[tuple[int, str]]:
    """The character loop the bracket-free fast path stands in for."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in OPEN_BRACKETS:
            depth += 1
        elif char in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            parts.append((start, text[start:i]))
            start = i + 1
    parts.append((start, text[start:]))
    return parts


def test_bracket_free_split_is_the_character_loop():
    rng = random.Random(19)
    separators = "、，,；;\n/／"
    alphabet = [*separators, *"市财政局人社 \u3000", "（", "）", "[", "]"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert resp._depth_split(text, separators) == _depth_split_by_char(text, separators)
