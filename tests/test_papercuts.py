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


# -- bug 5 and issue 14 item 4: folders as inputs; a batch never aborts on one bad file -------

TABLE_PLAN = (
    "1. 加强技能培训。\n（牵头单位：市人社局；配合单位：市财政局）\n"
    "2. 推进产改。\n（牵头单位：市总工会）\n"
)
MANIFEST_HEADER = "file,doc_id,title,place_zh,place_en,province,level,date,source\n"


def _study(tmp_path):
    plans = tmp_path / "plans"
    (plans / "zhejiang").mkdir(parents=True)
    (plans / "a.txt").write_text(TABLE_PLAN, encoding="utf-8")
    (plans / "zhejiang" / "b.txt").write_text(TABLE_PLAN, encoding="gb18030")
    (plans / "notes.md").write_text("# not a plan\n", encoding="utf-8")
    (plans / "manifest.csv").write_text(
        MANIFEST_HEADER
        + "a.txt,alpha,甲市实施方案,甲市,Jia,Zhejiang,prefecture-level city,2020,\n"
        + "zhejiang/b.txt,beta,乙市实施方案,乙市,Yi,Zhejiang,county-level city,2021-03,\n",
        encoding="utf-8",
    )
    return plans


def test_bug5_a_folder_is_read_recursively_with_its_manifest(tmp_path):
    plans = _study(tmp_path)
    done = _run("parse", str(plans), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    documents = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert documents.doc_id.tolist() == ["alpha", "beta"]
    assert documents.place_en.tolist() == ["Jia", "Yi"]
    assert pd.read_csv(tmp_path / "out" / "rejected.csv").empty


def test_bug5_a_glob_that_takes_in_the_manifest_does_not_read_it_as_a_plan(tmp_path):
    plans = _study(tmp_path)
    files = sorted(str(p) for p in plans.iterdir() if p.is_file() and p.suffix != ".md")
    assert any(f.endswith("manifest.csv") for f in files)
    done = _run("parse", *files, "--strict", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(tmp_path / "out" / "documents.csv").doc_id.tolist() == ["alpha"]


def test_bug5_a_study_folder_does_not_read_its_own_outputs_as_plans(tmp_path):
    plans = _study(tmp_path)
    assert _run("parse", str(plans), "--out", str(plans / "tables")).returncode == 0
    done = _run("parse", str(plans), "--strict", "--out", str(plans / "tables"))
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(plans / "tables" / "documents.csv").doc_id.tolist() == ["alpha", "beta"]


def test_bug5_an_empty_folder_is_a_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    done = _run("parse", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "directory with no plan files" in done.stderr


def test_issue14_a_batch_with_a_refused_file_codes_the_others(tmp_path):
    plans = _study(tmp_path)
    (plans / "empty.txt").write_bytes(b"")
    (plans / "prose.txt").write_text("一段没有措施的文字。\n", encoding="utf-8")
    out = tmp_path / "out"
    done = _run("parse", str(plans), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(out / "documents.csv").doc_id.tolist() == ["alpha", "beta"]
    rejected = pd.read_csv(out / "rejected.csv", dtype=str, keep_default_na=False)
    assert list(rejected.columns) == ["file", "doc_id", "reason", "line"]
    assert rejected.doc_id.tolist() == ["empty", "prose"]
    assert "empty" in rejected.reason[0] and "no measures" in rejected.reason[1]
    assert "rejected.csv" in done.stdout and "prose.txt" in done.stdout


def test_issue14_strict_restores_refusal_and_writes_nothing(tmp_path):
    plans = _study(tmp_path)
    (plans / "prose.txt").write_text("一段没有措施的文字。\n", encoding="utf-8")
    done = _run("parse", str(plans), "--strict", "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "prose.txt" in done.stderr and "no measures" in done.stderr
    assert not (tmp_path / "out").exists()


def test_issue14_a_batch_of_only_bad_files_fails(tmp_path):
    for name in ("x.txt", "y.txt"):
        (tmp_path / name).write_text("一段没有措施的文字。\n", encoding="utf-8")
    done = _run("parse", str(tmp_path / "x.txt"), str(tmp_path / "y.txt"), "--out", "out")
    assert done.returncode == 1
    assert "x.txt" in done.stderr and "1 other file(s) rejected" in done.stderr


def test_issue14_a_duplicate_doc_id_in_a_batch_is_rejected_not_fatal(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "plan.txt").write_text(TABLE_PLAN, encoding="utf-8")
    (tmp_path / "b" / "plan.txt").write_text(TABLE_PLAN, encoding="utf-8")
    import agencygraph as ag

    coded = ag.parse_corpus([tmp_path / "a", tmp_path / "b"])
    assert coded.documents.doc_id.tolist() == ["plan"]
    assert "already used" in coded.rejected.reason.iloc[0]
    with pytest.raises(ag.InputError, match="already used"):
        ag.parse_corpus([tmp_path / "a", tmp_path / "b"], strict=True)


# -- bug 7: the manifest is checked ------------------------------------------------------------


def test_bug7_a_typo_in_a_manifest_level_is_an_error_naming_the_row(tmp_path):
    plans = _study(tmp_path)
    manifest = plans / "manifest.csv"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("county-level city", "countyy"),
        encoding="utf-8",
    )
    done = _run("parse", str(plans), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "manifest.csv:3" in done.stderr
    assert "countyy" in done.stderr and "did you mean 'county'" in done.stderr


def test_bug7_missing_rows_and_unknown_columns_are_warned_about(tmp_path):
    plans = _study(tmp_path)
    (plans / "c.txt").write_text(TABLE_PLAN, encoding="utf-8")
    manifest = plans / "manifest.csv"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(",source\n", ",sourse\n", 1)
        + "gone.txt,gamma,,,,,,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = _run("parse", str(plans), "--out", str(out))
    assert done.returncode == 0, done.stderr
    warnings = pd.read_csv(out / "warnings.csv", dtype=str, keep_default_na=False)
    manifest_rows = warnings[warnings.kind == "manifest"]
    messages = " | ".join(manifest_rows.message)
    assert "unknown column 'sourse'" in messages and "did you mean 'source'" in messages
    assert "c.txt is not in manifest.csv" in messages
    assert "'gone.txt' of 'gamma' is not in" in messages
    assert manifest_rows.set_index("doc_id").loc["gamma", "line"] == "4"


def test_bug7_a_manifest_doc_id_given_twice_is_an_error(tmp_path):
    plans = _study(tmp_path)
    manifest = plans / "manifest.csv"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("beta", "alpha"), encoding="utf-8"
    )
    # Issue 21: the later row is refused (rejected.csv, both lines named), the rest coded.
    done = _run("parse", str(plans), "--out", str(tmp_path / "out"))
    assert done.returncode == 0
    assert "manifest.csv:3" in done.stdout and "already used on line 2" in done.stdout
    done = _run("parse", str(plans), "--out", str(tmp_path / "out"), "--strict")
    assert done.returncode == 1
    assert "manifest.csv:3" in done.stderr and "already used on line 2" in done.stderr


# -- bug 6 and friction 2: stale outputs, --per-plan, a 200-plan build stays small -------------


def _figure_files(folder):
    from agencygraph import pipeline

    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file()
        and p.name not in {"index.html", pipeline.OUTPUT_LIST}
        # the networks' shared script is loaded by the pages, not linked from the index
        and "_lib" not in p.relative_to(folder).parts
    }


def _linked(folder):
    import re

    index = (folder / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:href|src)="([^"]+)"', index)  # links and thumbnails
    return {link for link in refs if not link.endswith("/") and not link.startswith("../")}


def test_bug6_a_build_of_other_plans_removes_the_earlier_builds_outputs(tmp_path):
    from agencygraph.cli import main

    figures, tables = tmp_path / "figures", tmp_path / "tables"
    common = ["--out", str(tables), "--figures", str(figures), "--null-samples", "5", "--quiet"]
    assert main(["build", *common]) == 0
    assert (figures / "networks" / "cixi_bipartite.html").is_file()
    plans = _study(tmp_path)
    mine = figures / "figures" / "my_notes.txt"
    mine.write_text("mine", encoding="utf-8")
    assert main(["build", str(plans), *common]) == 0
    left = _figure_files(figures) - {"figures/my_notes.txt"}
    assert not [name for name in left if "cixi" in name or "haimen" in name]
    assert left == _linked(figures)
    assert {"networks/alpha_bipartite.html", "networks/beta_bipartite.html"} <= left
    assert mine.read_text(encoding="utf-8") == "mine"  # not an agencygraph output


def test_friction2_per_plan_chooses_the_plans_drawn(tmp_path, capsys, coded):
    from agencygraph.cli import main
    from agencygraph.pipeline import per_plan_docs

    assert per_plan_docs(coded, "all") == ["cixi", "haimen", "lijiang"]
    assert per_plan_docs(coded, "none") == []
    assert per_plan_docs(coded, "top 2") == ["cixi", "lijiang"]  # the most assignments
    assert per_plan_docs(coded, ["haimen", "ningbo"]) == ["haimen"]  # ningbo assigns none
    figures = tmp_path / "figures"
    common = ["--out", str(tmp_path / "t"), "--figures", str(figures), "--null-samples", "5"]
    assert main(["build", *common, "--quiet", "--per-plan", "top", "2"]) == 0
    pages = sorted(p.name for p in (figures / "networks").glob("*.html"))
    assert pages == [
        "cixi_bipartite.html",
        "cixi_lead_support.html",
        "lijiang_bipartite.html",
        "lijiang_lead_support.html",
        "pooled_types.html",
    ]
    assert main(["build", "--per-plan", "haimn", "--out", str(tmp_path / "x"), "--quiet"]) == 1
    assert "did you mean 'haimen'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_friction2_a_200_plan_build_with_default_options_stays_under_100_mb(tmp_path):
    from agencygraph.cli import main
    from agencygraph.synth import write_synthetic_corpus

    plans = write_synthetic_corpus(200, seed=1, out=tmp_path / "plans")
    tables, figures = tmp_path / "tables", tmp_path / "figures"
    assert main(["build", str(plans), "--out", str(tables), "--figures", str(figures)]) == 0
    files = [p for p in (*tables.rglob("*"), *figures.rglob("*")) if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    assert size < 100_000_000, f"{size / 1e6:.1f} MB in {len(files)} files"
    assert len(pd.read_csv(tables / "documents.csv")) == 200
    assert len(files) < 200


# -- friction 1: titles from the plan, English names never from a file name ---------------------


def test_friction1_without_a_manifest_titles_come_from_the_plan_and_names_from_no_file(tmp_path):
    import agencygraph as ag

    plan = tmp_path / "东城区_实施方案.txt"
    plan.write_text("东城区产业工人队伍建设改革实施方案\n\n" + TABLE_PLAN, encoding="utf-8")
    coded = ag.parse_corpus([plan])
    assert coded.documents.title.tolist() == ["东城区产业工人队伍建设改革实施方案"]
    names = coded.agencies.set_index("agency_type").name_en
    assert names["union"] == "Federation of Trade Unions"
    assert not coded.agencies.name_en.str.contains("实施方案|东城区").any()
    done = _run("parse", str(plan), "--out", str(tmp_path / "out"))
    assert "manifest.csv beside them" in done.stdout


def test_friction1_a_manifest_title_and_place_win(tmp_path):
    import agencygraph as ag

    plans = _study(tmp_path)
    coded = ag.parse_corpus([plans])
    assert coded.documents.title.tolist() == ["甲市实施方案", "乙市实施方案"]
    assert "Jia Federation of Trade Unions" in set(coded.agencies.name_en)


# -- friction 5: discoverability ------------------------------------------------------------------


def test_friction5_types_lists_every_type_with_its_names(capsys):
    import agencygraph as ag
    from agencygraph.cli import main

    assert main(["types", "--csv"]) == 0
    listed = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    types = ag.agency_types()
    assert listed.agency_type.tolist() == types.agency_type.tolist()
    assert listed.set_index("agency_type").loc["union", "type_zh"] == "总工会"
    assert main(["types", "--system", "mass_org"]) == 0
    assert "union" in capsys.readouterr().out
    assert main(["types", "--system", "mass-org"]) == 1
    assert "did you mean 'mass_org'" in capsys.readouterr().err


def test_friction5_an_unknown_type_in_an_alias_file_suggests_the_nearest(tmp_path):
    import agencygraph as ag

    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,agency_type\n产改办,unoin\n", encoding="utf-8")
    with pytest.raises(ag.LexiconError, match=r"aliases\.csv:2.*did you mean 'union'"):
        ag.load_lexicon(aliases)


def test_friction5_python_m_agencygraph_runs_the_command():
    done = subprocess.run(
        [sys.executable, "-m", "agencygraph", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("agencygraph ")


def test_friction5_every_option_of_every_command_has_help():
    import argparse

    from agencygraph.cli import _parser

    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [
        f"{name} {action.option_strings or action.dest}"
        for name, sub in commands.choices.items()
        for action in sub._actions
        if not isinstance(action, argparse._HelpAction) and not action.help
    ]
    assert missing == []
    assert {"parse", "build", "infer", "synth", "types"} <= set(commands.choices)


def _readme_table_columns() -> dict[str, list[str]]:
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Tables\n")[1].split("\n## ")[0]
    found = {}
    for line in section.splitlines():
        row = re.match(r"\| `(\w+)\.csv` \|[^|]*\| `([^`]+)`", line)
        if row:
            found[row.group(1)] = [c.strip() for c in row.group(2).split(",")]
    return found


def test_friction5_every_column_the_readme_lists_is_in_the_real_table(coded, tmp_path):
    documented = _readme_table_columns()
    tables = coded.tables()
    assert set(tables) <= set(documented), "a table the README does not list"
    for name, frame in tables.items():
        assert set(documented[name]) <= set(frame.columns), name
    from agencygraph.cli import main
    from agencygraph.corpus import bundled_corpus

    assert main(["infer", str(bundled_corpus()[2]), "--out", str(tmp_path)]) == 0
    inferred = pd.read_csv(tmp_path / "inferred_assignments.csv")
    assert set(documented["inferred_assignments"]) <= set(inferred.columns)


# -- friction 6: the study question in one call -------------------------------------------------


def _two_places(leads_a: int, supports_a: int, leads_b: int, supports_b: int, extra=()):
    """A coded corpus of places where the union leads and supports the given numbers of
    measures (one unit per measure)."""
    import types as _types

    from agencygraph.agencies import agencies_table

    rows, docs = [], []
    places = [("a", "Anping", leads_a, supports_a), ("b", "Baiyun", leads_b, supports_b)]
    for doc, place, leads, supports in [*places, *extra]:
        docs.append({"doc_id": doc, "place_en": place, "place_zh": "", "province": "P"})
        for i in range(leads + supports):
            role = "lead" if i < leads else "support"
            rows.append(
                {
                    "doc_id": doc,
                    "measure_id": f"{doc}-{i}",
                    "role": role,
                    "agency_raw": "市总工会",
                    "agency_id": f"{doc}:union",
                    "agency_type": "union",
                    "inherited": False,
                    "line": i + 1,
                }
            )
    assignments, documents = pd.DataFrame(rows), pd.DataFrame(docs)
    return _types.SimpleNamespace(
        assignments=assignments,
        documents=documents,
        agencies=agencies_table(assignments, documents),
    )


def test_friction6_role_shares_uses_chi_square_when_counts_are_large():
    from scipy import stats

    from agencygraph.compare import role_shares

    shares = role_shares(_two_places(60, 40, 30, 70))
    assert shares.group.tolist() == ["Anping", "Baiyun"]
    assert shares.lead_role_share.tolist() == [0.6, 0.3]
    chi2, p, _dof, _ = stats.chi2_contingency([[60, 40], [30, 70]], correction=False)
    assert shares.p_method.iloc[0] == "chi2"
    assert shares.chi2.iloc[0] == pytest.approx(chi2) and shares.p_value.iloc[0] == pytest.approx(p)


def test_friction6_role_shares_is_exact_or_permuted_when_counts_are_small():
    from scipy import stats

    from agencygraph.compare import role_shares

    two = role_shares(_two_places(5, 0, 1, 4))
    assert two.p_method.iloc[0] == "fisher"
    assert two.p_value.iloc[0] == pytest.approx(stats.fisher_exact([[5, 0], [1, 4]])[1])
    extra = [("c", "Chengxi", 2, 2)]
    three = role_shares(_two_places(5, 0, 1, 4, extra), permutations=20_000, seed=3)
    assert three.p_method.iloc[0] == "permutation"
    assert three.p_value.iloc[0] < 0.05
    # Seeded: the same seed, the same p-value; identical places are not told apart.
    again = role_shares(_two_places(5, 0, 1, 4, extra), permutations=20_000, seed=3)
    assert again.p_value.iloc[0] == three.p_value.iloc[0]
    same = role_shares(_two_places(2, 2, 2, 2, [("c", "Chengxi", 2, 2)]))
    assert same.p_value.iloc[0] == pytest.approx(1.0)


def test_friction6_role_shares_names_the_nearest_column(coded):
    from agencygraph.compare import role_shares

    with pytest.raises(ValueError, match="did you mean 'province'"):
        role_shares(coded, by="provinse")
    by_province = role_shares(coded, by="province", types=["union"])
    assert by_province.group.tolist() == ["Jiangsu", "Yunnan", "Zhejiang"]


def test_friction6_centrality_tables_carry_name_kind_and_document(coded):
    import agencygraph as ag

    G = ag.graph.bipartite_graph(coded.assignments, coded.measures, coded.agencies, docs="cixi")
    table = ag.compare.centrality_table(G)
    assert list(table.columns[:5]) == ["node", "kind", "name", "name_en", "doc_id"]
    assert set(table.kind) == {"agency", "measure"}
    assert (table.doc_id == "cixi").all()
    agencies = table[table.kind == "agency"]
    assert list(table.kind[: len(agencies)]) == ["agency"] * len(agencies)  # agencies first
    assert agencies.degree.is_monotonic_decreasing
    assert agencies.name.str.len().gt(0).all() and agencies.name_en.str.len().gt(0).all()
    measures = table[table.kind == "measure"]
    text = coded.measures.set_index("measure_id").text
    assert all(text[m].startswith(n) for m, n in zip(measures.node, measures.name, strict=True))


# -- friction 3: honest progress, a quiet --quiet, every warning in warnings.csv ----------------


def test_friction3_quiet_is_quiet_and_progress_times_each_stage_at_its_end(tmp_path):
    common = ["--out", str(tmp_path / "t"), "--figures", str(tmp_path / "f"), "--null-samples", "5"]
    quiet = _run("build", *common, "--per-plan", "none", "--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == "" and quiet.stderr == ""
    loud = _run("build", *common, "--per-plan", "top", "1")
    assert loud.returncode == 0, loud.stderr
    stages = [line for line in loud.stderr.splitlines() if ": done in " in line]
    assert [line.split(":")[0] for line in stages] == [
        "metric tables",
        "figures",
        "HTML networks",
        "graph files",
        "writing",
    ]
    assert "figures: done in" in loud.stderr and "figure(s)" in loud.stderr
    assert "build took" in loud.stderr.splitlines()[-1]
    assert _run("parse", "--quiet", "--out", str(tmp_path / "p")).stdout == ""


def test_friction3_every_warning_is_in_warnings_csv_with_doc_ids_not_paths(tmp_path):
    done = _run("parse", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    warnings = pd.read_csv(tmp_path / "warnings.csv", dtype=str, keep_default_na=False)
    assert list(warnings.columns) == ["doc_id", "file", "line", "kind", "message"]
    assert set(warnings.doc_id) == {"cixi", "lijiang", "ningbo", "shanhu"}
    assert not warnings.file.str.contains("/").any()  # file names, never install paths
    assert "site-packages" not in done.stdout
    # The summary shows three and says where the rest are.
    n_doubtful = int(warnings.kind.isin(["input", "coding"]).sum())
    assert f"{n_doubtful} warning(s) about doubtful input, all in warnings.csv" in done.stdout
    assert set(warnings.kind) == {"coding", "no_assignments"}
