"""Regression tests of issue 18: what a new researcher trips over."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "agencygraph.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


# -- bug 4: submodules reachable from a bare ``import agencygraph`` ---------------------------


@pytest.mark.parametrize("name", ["viz", "graph", "metrics", "compare", "backbone", "export"])
def test_bug4_submodules_are_reachable_from_the_package(name):
    code = f"import agencygraph; print(agencygraph.{name}.__name__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"agencygraph.{name}"


def test_bug4_the_readme_embedding_snippet_runs():
    code = (
        "import agencygraph\n"
        "coded = agencygraph.parse_corpus()\n"
        "G = agencygraph.graph.bipartite_graph(coded.assignments, coded.measures,"
        " coded.agencies, docs='haimen')\n"
        "page = agencygraph.viz.network_html(G)\n"
        "print(page.startswith('<!DOCTYPE html>'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def test_bug4_an_unknown_attribute_is_still_an_attribute_error():
    import agencygraph

    with pytest.raises(AttributeError):
        agencygraph.no_such_module  # noqa: B018


# -- bug 3: infer X --train X ------------------------------------------------------------------


def test_bug3_infer_with_the_target_as_its_only_training_plan_is_a_clear_error(tmp_path):
    from agencygraph.corpus import bundled_corpus

    shanhu = str(bundled_corpus()[2])
    done = _run("infer", shanhu, "--train", shanhu, "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "internal error" not in done.stderr
    assert "no training plan left" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


# -- bug 8: infer never gives one type both roles; the CSV reads on its own ----------------------


def test_bug8_infer_never_gives_one_type_as_both_lead_and_support_of_a_measure(tmp_path):
    from agencygraph.cli import main
    from agencygraph.corpus import bundled_corpus

    out = tmp_path / "out"
    for target in (bundled_corpus()[2], bundled_corpus()[3]):
        assert main(["infer", str(target), "--out", str(out)]) == 0
        inferred = pd.read_csv(out / "inferred_assignments.csv", dtype=str)
        both = inferred.groupby(["measure_id", "agency_type"]).role.nunique()
        assert (both == 1).all(), both[both > 1]
        # Each row carries its measure's text, and the targets' measures are written beside it.
        assert inferred.text.notna().all()
        measures = pd.read_csv(out / "target_measures.csv", dtype=str)
        assert set(inferred.measure_id) <= set(measures.measure_id)
        text = dict(zip(measures.measure_id, measures.text, strict=True))
        assert (inferred.text == inferred.measure_id.map(text)).all()


# -- bug 2: alias files and manifests saved as GBK --------------------------------------------

PLAN = "1. 加强产业工人培训。\n（牵头单位：区产改办；配合单位：区人社局）\n"


def test_bug2_a_gbk_alias_csv_is_read_like_a_plan(tmp_path):
    import agencygraph as ag

    aliases = tmp_path / "aliases.csv"
    aliases.write_bytes("alias,agency_type,kind,note\n产改办,union,exact,\n".encode("gbk"))
    assert ag.resolve("区产改办").agency_type is None
    assert ag.resolve("区产改办", lexicon=ag.load_lexicon(aliases)).agency_type == "union"
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    done = _run("parse", str(plan), "--aliases", str(aliases), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assignments = pd.read_csv(tmp_path / "out" / "assignments.csv")
    assert assignments.set_index("agency_raw").loc["区产改办", "agency_type"] == "union"


def test_bug2_an_undecodable_alias_csv_is_an_error_naming_the_file(tmp_path):
    import agencygraph as ag

    aliases = tmp_path / "aliases.csv"
    aliases.write_bytes(b"alias,agency_type\n" + bytes(range(0x80, 0x100)) * 4 + b",union\n")
    with pytest.raises(ag.LexiconError, match=r"aliases\.csv"):
        ag.load_lexicon(aliases)
    done = _run("parse", "--aliases", str(aliases), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "internal error" not in done.stderr and "aliases.csv" in done.stderr


def test_bug2_a_gbk_manifest_names_the_documents(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    (tmp_path / "manifest.csv").write_bytes(
        "file,doc_id,title,place_zh,place_en,province,level,date,source\n"
        "plan.txt,dongcheng,东城区产改实施方案,东城区,Dongcheng,北京市,district,2021-01-01,\n".encode(
            "gbk"
        )
    )
    done = _run("parse", str(plan), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    documents = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert documents.doc_id.tolist() == ["dongcheng"]
    assert documents.title.tolist() == ["东城区产改实施方案"]
