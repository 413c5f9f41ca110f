"""Agreement between codings: κ and α against published examples, the gold standard, a
perturbed copy whose figures are worked out by hand, and the ``agree`` command."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import agencygraph as ag
from agencygraph.cli import main
from agencygraph.export import write_tables
from agencygraph.reliability import (
    coding_sheet,
    cohen_kappa,
    krippendorff_alpha,
    read_coding,
    sample_measures,
)

# --------------------------------------------------------------------------- statistics


def test_kappa_of_the_textbook_example():
    # Two readers of 50 grant proposals (the worked example of Cohen's κ in Wikipedia's
    # article): yes/yes 20, A yes B no 5, A no B yes 10, no/no 15. p_o = 0.7, p_e = 0.5.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_kappa_perfect_chance_and_undefined():
    assert cohen_kappa(list("abab"), list("abab")) == pytest.approx(1.0)
    # Agreement no better than the marginals predict: p_o = p_e = 0.5.
    assert cohen_kappa(list("aabb"), list("abab")) == pytest.approx(0.0)
    assert math.isnan(cohen_kappa(list("aaa"), list("aaa")))
    assert math.isnan(cohen_kappa([], []))
    with pytest.raises(ValueError):
        cohen_kappa(["a"], [])


def test_alpha_of_krippendorffs_four_coder_example():
    # Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, section C: four
    # observers, twelve units, missing values; nominal α = 0.743.
    A = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    C = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    assert round(krippendorff_alpha([A, B, C, D]), 3) == 0.743
    # NaN is missing too, and the units' order does not matter.
    nan = float("nan")
    rows = [[nan if v is None else v for v in reversed(r)] for r in (A, B, C, D)]
    assert krippendorff_alpha(rows) == pytest.approx(krippendorff_alpha([A, B, C, D]))


def test_alpha_of_krippendorffs_two_coder_binary_example():
    # Krippendorff (2011), section A: two observers, ten units, binary, no missing data.
    # Coincidences o00 = 10, o01 = o10 = 4, o11 = 2; n0 = 14, n1 = 6, n = 20:
    # α = 1 - 19 * 4 / (14 * 6) = 0.095.
    A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha([A, B]) == pytest.approx(1 - 19 * 4 / 84)
    assert round(krippendorff_alpha([A, B]), 3) == 0.095


def test_alpha_undefined_without_variation_or_pairs():
    assert math.isnan(krippendorff_alpha([["a", "a"], ["a", "a"]]))
    assert math.isnan(krippendorff_alpha([["a", None], [None, "b"]]))
    assert krippendorff_alpha([["a", "b"], ["a", "b"]]) == pytest.approx(1.0)


# --------------------------------------------------------------------------- codings


def _gold_tables(gold) -> dict[str, pd.DataFrame]:
    """The gold standard in the tables' format (doc_id; its text_start as the text)."""
    measures = gold["measures"].rename(columns={"doc": "doc_id", "text_start": "text"})
    assignments = gold["assignments"].rename(columns={"doc": "doc_id"})
    return {"measures": measures, "assignments": assignments}


def _perturbed(tables) -> dict[str, pd.DataFrame]:
    """Four changes to haimen, each a kind of disagreement.

    - measure haimen-s1-m1 dropped (with its lead and two supports);
    - in haimen-s1-m2, 市人社局 support → lead, and 市科技局 (support) added;
    - in haimen-s1-m3, 市财政局 (support) removed.
    """
    m, a = tables["measures"].copy(), tables["assignments"].copy()
    m = m[m.measure_id != "haimen-s1-m1"]
    a = a[a.measure_id != "haimen-s1-m1"]
    a.loc[(a.measure_id == "haimen-s1-m2") & (a.agency_raw == "市人社局"), "role"] = "lead"
    a = a[~((a.measure_id == "haimen-s1-m3") & (a.agency_raw == "市财政局"))]
    extra = (
        a[a.measure_id == "haimen-s1-m2"].iloc[[0]].assign(agency_raw="市科技局", role="support")
    )
    a = pd.concat([a, extra], ignore_index=True)
    return {"measures": m.reset_index(drop=True), "assignments": a}


def test_package_coding_agrees_with_gold_everywhere(coded, gold):
    result = ag.agreement(coded, _gold_tables(gold))
    rates = [
        c
        for c in result.table.columns
        if c.endswith(("precision", "recall", "f1")) or c in ("role_agreement", "kappa", "alpha")
    ]
    assert len(rates) == 12
    values = result.table[rates]
    # Every figure is 1; κ and α are undefined only where a plan assigns no unit.
    undefined = values.isna()
    assert (values[~undefined].fillna(1.0) == 1.0).all().all()
    assert set(result.table.doc_id[undefined.any(axis=1)]) == {"shanhu", "ningbo"}
    assert result.overall.doc_id == "overall"
    assert (result.overall.measures_matched, result.overall.units_both) == (114, 351)
    assert result.disagreements.empty


def test_perturbed_gold_gives_the_figures_worked_out_by_hand(gold):
    original = _gold_tables(gold)
    result = ag.agreement(original, _perturbed(original))
    table = result.table.set_index("doc_id")
    haimen = table.loc["haimen"]
    # Measures: 15 coded, 14 gold, 14 matched.
    assert (haimen.measures_coded, haimen.measures_gold, haimen.measures_matched) == (15, 14, 14)
    assert haimen.measure_precision == pytest.approx(14 / 15)
    assert haimen.measure_recall == 1.0
    assert haimen.measure_f1 == pytest.approx(28 / 29)
    # Units: 82 coded; gold 82 - 3 - 1 + 1 = 79; both 78.
    assert (haimen.units_coded, haimen.units_gold, haimen.units_both) == (82, 79, 78)
    assert haimen.unit_precision == pytest.approx(78 / 82)
    assert haimen.unit_recall == pytest.approx(78 / 79)
    # Assignments (unit and role): 77 of the 78 shared units keep their role.
    assert haimen.assignments_both == 77
    assert haimen.assignment_precision == pytest.approx(77 / 82)
    assert haimen.assignment_recall == pytest.approx(77 / 79)
    p, r = 77 / 82, 77 / 79
    assert haimen.assignment_f1 == pytest.approx(2 * p * r / (p + r))
    # Roles of the 78 shared units: coded 26 lead / 52 support, gold 27 / 51, one differs.
    # κ = (77/78 - (26·27 + 52·51)/78²) / (1 - (26·27 + 52·51)/78²) = 2652 / 2730.
    assert haimen.role_agreement == pytest.approx(77 / 78)
    assert haimen.kappa == pytest.approx(2652 / 2730)
    # α: coincidences o_LL = 52, o_SS = 102, o_LS = o_SL = 1; n_L = 53, n_S = 103, n = 156.
    assert haimen.alpha == pytest.approx(1 - 155 * 2 / (2 * 53 * 103))
    assert round(haimen.kappa, 3) == 0.971 and round(haimen.alpha, 3) == 0.972

    # The other plans are untouched; overall pools all 114 / 113 measures and 351 units.
    assert table.loc["cixi"].assignment_f1 == 1.0
    overall = table.loc["overall"]
    assert (overall.units_coded, overall.units_gold, overall.units_both) == (351, 348, 347)
    assert overall.assignment_precision == pytest.approx(346 / 351)
    assert overall.assignment_recall == pytest.approx(346 / 348)
    assert overall.kappa == pytest.approx((346 * 347 - (99 * 100 + 248 * 247)) / (347**2 - 71156))

    found = result.disagreements[["measure_id", "gold_measure_id", "kind", "agency_raw"]]
    assert found.values.tolist() == [
        ["haimen-s1-m1", "", "measure_only_coded", ""],
        ["haimen-s1-m2", "haimen-s1-m2", "role", "市人社局"],
        ["haimen-s1-m2", "haimen-s1-m2", "unit_only_gold", "市科技局"],
        ["haimen-s1-m3", "haimen-s1-m3", "unit_only_coded", "市财政局"],
    ]
    role = result.disagreements.iloc[1]
    assert (role.coded_role, role.gold_role) == ("support", "lead")


def test_measures_match_by_text_when_ids_differ(gold):
    original = _gold_tables(gold)
    renamed = {
        "measures": original["measures"].assign(measure_id=lambda f: "x-" + f.measure_id),
        "assignments": original["assignments"].assign(measure_id=lambda f: "x-" + f.measure_id),
    }
    result = ag.agreement(original, renamed)
    assert result.overall.measures_matched == 114
    assert result.overall.assignment_f1 == 1.0


def test_agree_command_prints_three_decimals_and_writes_tables(tmp_path, gold, capsys):
    assert main(["parse", "--out", str(tmp_path / "coded")]) == 0
    write_tables(_perturbed(_gold_tables(gold)), tmp_path / "gold")
    capsys.readouterr()
    assert (
        main(
            [
                "agree",
                str(tmp_path / "coded"),
                str(tmp_path / "gold"),
                "--out",
                str(tmp_path / "agree"),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    haimen = next(line for line in out.splitlines() if line.startswith("haimen"))
    assert haimen.split()[1:] == [
        "14/14",
        "0.966",
        "0.951",
        "0.987",
        "0.969",
        "0.939",
        "0.975",
        "0.957",
        "0.987",
        "0.971",
        "0.972",
    ]
    assert "n/a" in next(line for line in out.splitlines() if line.startswith("shanhu"))
    assert "4 disagreement(s)" in out
    # The package's coding has source lines: each disagreement names its line.
    coded = pd.read_csv(tmp_path / "coded" / "assignments.csv")
    line = coded[
        (coded.measure_id == "haimen-s1-m2") & (coded.agency_raw == "市人社局")
    ].line.item()
    assert f"haimen:{line}: haimen-s1-m2: 市人社局 is support in coded, lead in gold" in out
    written = pd.read_csv(tmp_path / "agree" / "disagreements.csv", keep_default_na=False)
    assert len(written) == 4 and set(written.kind) >= {"role", "unit_only_gold"}
    table = pd.read_csv(tmp_path / "agree" / "agreement.csv")
    assert table.doc_id.tolist()[-1] == "overall"


def test_agree_command_names_a_bad_folder(tmp_path, capsys):
    (tmp_path / "x").mkdir()
    assert main(["agree", str(tmp_path / "x"), str(tmp_path / "x")]) == 1
    err = capsys.readouterr().err
    assert "measures.csv" in err and len(err.strip().splitlines()) == 1


# --------------------------------------------------------------------------- sampling


def test_sample_is_seeded_and_the_sheet_codes_back(coded, tmp_path):
    sample = sample_measures(coded, 12, seed=7)
    assert len(sample) == 12
    assert sample.equals(sample_measures(coded, 12, seed=7))
    assert not sample.equals(sample_measures(coded, 12, seed=8))
    # In source order, and drawn from the coded measures.
    assert set(sample.measure_id) <= set(coded.measures.measure_id)
    order = {m: i for i, m in enumerate(coded.measures.measure_id)}
    assert sample.measure_id.map(order).is_monotonic_increasing

    sheet = coding_sheet(sample)
    assert sheet["assignments"].agency_raw.eq("").all()
    # A coder who writes down exactly the package's units agrees fully on the sample.
    truth = coded.assignments[coded.assignments.measure_id.isin(sample.measure_id)]
    filled = {
        "measures": sheet["measures"],
        "assignments": truth[["doc_id", "measure_id", "role", "agency_raw"]],
    }
    write_tables(filled, tmp_path / "sheet")
    result = ag.agreement(coded, read_coding(tmp_path / "sheet"), sample=True)
    assert result.overall.measures_matched == result.overall.measures_coded == 12
    assert result.overall.assignment_f1 == 1.0
    # Without sample=True, the measures left out count against the coding.
    assert ag.agreement(coded, read_coding(tmp_path / "sheet")).overall.measure_precision < 0.2
