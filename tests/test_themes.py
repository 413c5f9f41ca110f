"""Theme codebook, theme assignment, comparison by theme and alignment."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from agencygraph import LexiconError
from agencygraph.themes import (
    THEME_COLUMNS,
    _char_ngrams,
    _full_text,
    _normalize_many,
    _parts,
    _phrase_table,
    _segment,
    _segment_many,
    _top_k,
    align_measures,
    assign_themes,
    codebook_hits,
    lead_agreement,
    lead_differences,
    load_codebook,
    load_labels,
    normalize_text,
    tfidf_matrix,
    theme_coverage,
    theme_leads,
    validate_themes,
)

GOLD = Path(__file__).parent / "data" / "gold"


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(GOLD / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def themed(coded):
    return assign_themes(coded.measures)


@pytest.fixture(scope="module")
def validation(coded):
    return validate_themes(coded.measures, _read("measure_themes.csv"))


# -- the codebook ------------------------------------------------------------------------------


def test_codebook_is_the_gold_codebook_with_phrases():
    cb = load_codebook()
    gold = _read("themes.csv")
    assert cb["theme"].tolist() == gold["theme"].tolist()
    assert cb[["name_en", "name_zh", "covers"]].equals(gold[["name_en", "name_zh", "covers"]])
    for theme, phrases in zip(cb["theme"], cb["phrases"], strict=True):
        parsed = [p.strip() for p in phrases.split(";")]
        assert parsed and all(parsed), theme
        assert len(parsed) == len(set(parsed)), f"{theme}: repeated phrase"
        assert all("," not in p and "，" not in p for p in parsed), theme


def test_every_theme_is_found_somewhere_in_the_bundled_corpus(coded):
    hits = codebook_hits(coded.measures)
    assert set(load_codebook()["theme"]) <= set(hits["theme"])


def test_bundled_labels_are_the_gold_labels():
    labels = load_labels()
    gold = _read("measure_themes.csv")
    assert labels["measure_id"].tolist() == gold["measure_id"].tolist()
    assert labels["primary_theme"].tolist() == gold["primary_theme"].tolist()
    assert labels["secondary_themes"].tolist() == gold["secondary_themes"].tolist()
    assert (labels["text"] != "").all()


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"theme": ["a"]}), "lacks column"),
        (pd.DataFrame({"theme": ["Bad Code"], "phrases": ["x"]}), "snake_case"),
        (pd.DataFrame({"theme": ["a", "a"], "phrases": ["x", "y"]}), "twice"),
        (pd.DataFrame({"theme": ["a"], "phrases": [" ; "]}), "no phrases"),
    ],
)
def test_invalid_codebooks_are_refused(frame, message):
    with pytest.raises(LexiconError, match=message):
        load_codebook(frame)


# -- assignment --------------------------------------------------------------------------------


def test_cross_validated_primary_theme_accuracy(validation):
    summary = validation["summary"].set_index("doc_id")
    assert validation["accuracy"] >= 0.85
    assert summary.loc["all", "n"] == 84
    assert validation["accuracy"] > summary.loc["all", "neighbours_only"]
    assert validation["accuracy"] > summary.loc["all", "majority"]
    assert (summary["primary_accuracy"] >= 0.8).all()


def test_validation_never_uses_the_held_out_plans_labels(validation):
    for row in validation["predictions"].itertuples():
        assert row.doc_id not in row.evidence.split("like", 1)[-1].replace(row.measure_id, "")


def test_assign_themes_table(coded, themed):
    assert list(themed.columns) == list(THEME_COLUMNS)
    assert themed["measure_id"].tolist() == coded.measures["measure_id"].tolist()
    assert (themed["theme"] != "").all()
    assert all(t.split(";")[0] == p for t, p in zip(themed["themes"], themed["theme"], strict=True))
    assert themed["themes"].str.split(";").map(len).max() <= 4
    assert themed["score"].between(0, 1).all()
    assert (themed["evidence"] != "").all()
    gold = _read("measure_themes.csv").set_index("measure_id")
    kept = themed.set_index("measure_id").loc[gold.index]
    assert (kept["theme"] == gold["primary_theme"]).all()
    assert (kept["evidence"] == "hand label").all()


def test_unlabelled_measures_get_predictions_with_evidence(themed):
    t = themed.set_index("measure_id")
    assert t.loc["haimen-s2-m7", "theme"] == "competitions"
    assert t.loc["ningbo-s3-p1", "theme"] == "competitions"
    assert "竞赛" in t.loc["haimen-s2-m7", "evidence"]
    assert t.loc["haimen-s4-m14", "theme"] == "funding"


def test_codebook_swap_with_a_tiny_field():
    codebook = pd.DataFrame(
        {
            "theme": ["school_meals", "sports"],
            "name_en": ["School meals", "Sports"],
            "phrases": ["午餐;食堂;营养", "体育;运动会;比赛"],
        }
    )
    measures = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "measure_id": ["a-1", "a-2", "b-1", "b-2"],
            "text": ["改善学校食堂午餐营养", "举办学生运动会", "保障学生就餐", "开展校园足球联赛"],
        }
    )
    labelled = pd.DataFrame(
        {
            "measure_id": ["x-1", "x-2"],
            "primary_theme": ["school_meals", "sports"],
            "secondary_themes": ["", ""],
            "text": ["学生就餐补助", "校园足球联赛"],
        }
    )
    out = assign_themes(measures, codebook=codebook, labelled=labelled)
    assert out["theme"].tolist() == ["school_meals", "sports", "school_meals", "sports"]
    assert "like x-1" in out.loc[2, "evidence"]
    alone = assign_themes(measures, codebook=codebook, labelled=pd.DataFrame())
    assert alone["theme"].tolist() == ["school_meals", "sports", "", ""]


def test_codebook_from_a_csv_path(tmp_path):
    path = tmp_path / "cb.csv"
    path.write_text("theme,phrases\nsports,体育;运动会\n", encoding="utf-8")
    m = pd.DataFrame({"doc_id": ["a"], "measure_id": ["a-1"], "text": ["举办运动会"]})
    assert assign_themes(m, codebook=path, labelled=pd.DataFrame())["theme"].tolist() == ["sports"]


def test_assign_themes_is_deterministic(coded):
    m = coded.measures
    first = assign_themes(m, keep_labels=False)
    again = assign_themes(m, keep_labels=False)
    shuffled = assign_themes(m.sample(frac=1, random_state=1), keep_labels=False)
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(
        first.set_index("measure_id"), shuffled.set_index("measure_id").loc[first.measure_id]
    )


# -- comparison by theme -----------------------------------------------------------------------


def test_theme_coverage(coded, themed):
    cov = theme_coverage(themed)
    assert (
        cov.groupby("doc_id")["n_primary"].sum().to_dict()
        == coded.measures.groupby("doc_id").size().to_dict()
    )
    assert (cov["n_any"] >= cov["n_primary"]).all()
    assert cov.equals(cov.sort_values(["doc_id", "theme"]).reset_index(drop=True))


def test_who_leads_competitions_where(coded, themed):
    leads = theme_leads(themed, coded.assignments)
    comp = leads[leads["theme"] == "competitions"]
    top = comp.groupby("doc_id").head(1).set_index("doc_id")["agency_type"].to_dict()
    assert top["cixi"] == "hrss"
    assert top["lijiang"] == "union"
    assert (leads["share"] > 0).all() and (leads["share"] <= 1).all()

    agreement = lead_agreement(themed, coded.assignments).set_index("theme")
    assert not agreement.loc["competitions", "same_modal"]
    assert agreement.loc["party_building", "top_lead"] == "org"
    assert agreement["agreement"].between(0, 1).all()

    diff = lead_differences(themed, coded.assignments)
    assert "competitions" in set(diff["theme"])
    assert "party_building" not in set(diff["theme"])
    assert diff.equals(diff.sort_values(["theme", "doc_id"]).reset_index(drop=True))


# -- alignment ---------------------------------------------------------------------------------


def test_align_measures(coded):
    al = align_measures(coded.measures, k=3)
    assert list(al.columns) == [
        "doc_id",
        "measure_id",
        "rank",
        "match_doc_id",
        "match_measure_id",
        "similarity",
    ]
    assert (al["doc_id"] != al["match_doc_id"]).all()
    assert al.groupby("measure_id")["rank"].max().max() == 3
    assert (al.groupby("measure_id")["similarity"].diff().dropna() <= 0).all()
    # Ningbo's skills-contest point finds a contest measure elsewhere.
    best = al[(al["measure_id"] == "ningbo-s3-p1") & (al["rank"] == 1)]
    assert best["match_measure_id"].iloc[0] in {"haimen-s2-m7", "lijiang-s3-m1"} | {
        f"cixi-s4-t14-r{i}" for i in range(1, 6)
    }
    same = align_measures(coded.measures, k=2, other_docs_only=False)
    assert (same["measure_id"] != same["match_measure_id"]).all()
    pd.testing.assert_frame_equal(al, align_measures(coded.measures, k=3))


# -- the vectorised internals agree with their one-at-a-time references -----------------------


def test_trie_segmentation_is_leftmost_longest(coded):
    table = _phrase_table(load_codebook())
    parts = _parts(coded.measures)
    texts = [*parts["body"], *parts["own"], *parts["heading"], "工会经费", "职业技能竞赛赛"]
    codes, found = _segment_many(texts, table)
    longest = max(map(len, table))
    for i, text in enumerate(texts):
        expected = list(Counter(_segment(text, table, longest)).items())
        assert found[codes[i]] == expected, text


@pytest.mark.parametrize(
    "text",
    [
        "国（境）外 培训 (略) 交流",
        "（略）x( 略 )y＊＊z",
        "(*略)",
        "ﾊﾞｶ",
        "e\u0301",
        "\u0301a",
        "한국어",
        "㈠第一",
        "a\x00b",
        "",
        "  ",
        None,
        float("nan"),
        3,
        "全角ＡＢＣ１２３　空格",
    ],
)
def test_normalize_many_matches_normalize_text(text):
    texts = ["前文", text, "后文（略）"]
    assert _normalize_many(texts) == [normalize_text(t) for t in texts]


def test_tfidf_matches_the_reference_definition(coded):
    texts = _full_text(coded.measures)
    X = tfidf_matrix(texts).toarray()
    grams = [Counter(_char_ngrams(t, (1, 3))) for t in texts]
    vocab = sorted(set().union(*grams))
    counts = np.array([[c.get(g, 0) for g in vocab] for c in grams], dtype=float)
    tf = np.where(counts > 0, 1.0 + np.log(np.where(counts > 0, counts, 1.0)), 0.0)
    df = (counts > 0).sum(axis=0)
    W = tf * (np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0)
    W /= np.linalg.norm(W, axis=1, keepdims=True)
    np.testing.assert_allclose(X, W, rtol=1e-12, atol=1e-15)


def test_top_k_breaks_ties_by_column():
    sim = np.array(
        [[0.5, 0.9, 0.5, 0.5, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0], [0.2, 0.2, 0.2, 0.2, 0.2]]
    )
    index, value = _top_k(sim, 3)
    assert index.tolist() == [[1, 0, 2], [-1, -1, -1], [0, 1, 2]]
    assert value[0].tolist() == [0.9, 0.5, 0.5]
