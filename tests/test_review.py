"""The review page: self-contained, escaped, every unit and doubt shown where it is."""

from __future__ import annotations

import re

import pytest

import agencygraph as ag
from agencygraph.cli import main
from agencygraph.corpus import bundled_corpus, read_plan
from agencygraph.review import review_html

HOSTILE = '<script>alert(1)</script>"&'
PLAN = (
    "二、主要举措\n"
    "1.加强培训工作。（牵头单位：市人社局；协同单位：市总工会、怪局）\n"
    "2.完善评价制度。（牵头单位：市教育局）\n"
    "3.健全激励机制。（市发改委、市财政局负责）\n"
)


@pytest.fixture(scope="module")
def bundled_page(coded):
    return review_html(coded, [read_plan(p) for p in bundled_corpus()])


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "demo.txt"
    path.write_text(PLAN, encoding="utf-8")
    coded = ag.parse_corpus([path])
    third = coded.assignments[coded.assignments.measure_id == "demo-s1-m3"]
    assert set(third.role) == {"responsible"}  # （A、B负责） with no first-listed rule
    return coded


def _card(page: str, measure_id: str) -> str:
    start = page.index(f'<div class="card" id="{measure_id}"')
    return page[start : page.index("</div></div>", start)]


def test_page_is_self_contained(bundled_page):
    page = bundled_page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "<script src" not in page
    # Every line of every document is there, numbered.
    for path, doc_id in zip(
        bundled_corpus(), ["cixi", "haimen", "shanhu", "ningbo", "lijiang"], strict=True
    ):
        n = len(read_plan(path).split("\n"))
        assert f'id="{doc_id}-L{n}"' in page and f'id="{doc_id}-L{n + 1}"' not in page


def test_every_measure_has_a_card_with_its_units(bundled_page, coded):
    for measure in coded.measures.itertuples():
        assert f'data-measure="{measure.measure_id}"' in bundled_page
    card = _card(bundled_page, "haimen-s1-m1")
    units = re.findall(r'data-unit="([^"]+)" data-role="(\w+)"', card)
    expected = coded.assignments[coded.assignments.measure_id == "haimen-s1-m1"]
    assert units == list(zip(expected.agency_raw, expected.role, strict=True))
    # The units are highlighted in the source line the coding gives, in their role's colour.
    line = expected.line.iloc[0]
    source = bundled_page[bundled_page.index(f'id="haimen-L{line}"') :]
    source = source[: source.index("</div>")]
    assert '<mark class="role-lead" title="市委宣传部">市委宣传部</mark>' in source
    assert '<mark class="role-support" title="市总工会">' in source


def test_doubts_are_marked(bundled_page):
    # cixi-s1-t1-r2 takes its units from the merged cells above.
    assert "units carried down from a merged cell" in _card(bundled_page, "cixi-s1-t1-r2")
    # lijiang's unknown unit 市(略) is marked in its card and in the text.
    assert re.search(r'class="unit coded role-\w+ unknown" data-unit="市\(略\)"', bundled_page)
    assert 'unknown" title="市(略)"' in bundled_page
    # The warnings of the document are shown on their lines.
    assert "⚠ measure repeated in the file; coded once" in bundled_page
    assert 'class="line warn" id="lijiang-L240"' in bundled_page
    # Narrative plans are flagged but their measures are not doubtful for having no units.
    assert '<span class="flag">no_assignments</span>' in bundled_page
    assert "no unit coded" not in bundled_page


def test_roles_unknown_names_and_hostile_text(small):
    measures = small.measures.copy()
    measures.loc[0, "text"] = f"加强培训{HOSTILE}"
    small.measures = measures
    text = PLAN.replace("加强培训工作", f"加强培训工作{HOSTILE}")
    page = review_html(small, [text], title=f"审核 {HOSTILE}")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;" in page
    assert "<title>审核 &lt;script&gt;" in page
    # Three roles, three colours; the unknown unit is marked and makes its measure doubtful.
    for role in ("lead", "support", "responsible"):
        assert f".role-{role} {{ background:" in page
        assert f'class="unit coded role-{role}' in page
    assert 'class="unit coded role-support unknown" data-unit="怪局"' in page
    assert "unit not in the lexicon: 怪局" in _card(page, "demo-s1-m1")
    assert 'class="why"' not in _card(page, "demo-s1-m2")
    assert "units jointly responsible, no lead stated" in _card(page, "demo-s1-m3")
    blocks = re.findall(r'<div class="block measure( doubtful)?">', page)
    assert blocks == [" doubtful", "", " doubtful"]


def test_page_is_deterministic(small):
    text = [PLAN]
    assert review_html(small, text) == review_html(small, text)


def test_texts_must_match_the_documents(small):
    with pytest.raises(ValueError, match="1 documents"):
        review_html(small, [PLAN, PLAN])


def test_review_command_writes_utf8_page_and_keeps_earlier_corrections(tmp_path, capsys):
    plan = tmp_path / "demo.txt"
    plan.write_text(PLAN, encoding="utf-8")
    fixes = tmp_path / "corrections.csv"
    fixes.write_text(
        "doc_id,measure_id,text_start,action,agency_raw,role,line,note\n"
        "demo,demo-s1-m2,完善评价,add,市人社局,support,,seen in the source\n",
        encoding="utf-8",
    )
    assert main(["review", str(plan), "--corrections", str(fixes), "--out", str(tmp_path)]) == 0
    assert "review page written to" in capsys.readouterr().out
    page = (tmp_path / "review.html").read_bytes().decode("utf-8")
    # The corrected unit is shown as such, and the earlier correction is exported again.
    assert "corrected</span>" in _card(page, "demo-s1-m2")
    prior = re.search(r'id="prior-corrections">(.*?)</script>', page).group(1)
    assert '"action": "add"' in prior and '"note": "seen in the source"' in prior
