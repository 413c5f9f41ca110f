"""Corrections: the file format, applying them, stale ones reported, and the round trip
from the review page in headless Chromium to ``build --corrections``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import agencygraph as ag
from agencygraph._errors import InputError
from agencygraph.cli import main
from agencygraph.corrections import (
    CORRECTION_COLUMNS,
    CorrectionWarning,
    apply_corrections,
    read_corrections,
)

HEADER = ",".join(CORRECTION_COLUMNS)


@pytest.fixture
def tables():
    measures = pd.DataFrame(
        {
            "doc_id": ["d", "d", "d"],
            "measure_id": ["d-m1", "d-m2", "d-m3"],
            "text": ["加强 职业培训。", "完善评价制度。", "总体要求。"],
            "line": [3, 5, 8],
        }
    )
    assignments = pd.DataFrame(
        {
            "doc_id": ["d"] * 4,
            "measure_id": ["d-m1", "d-m1", "d-m2", "d-m3"],
            "role": ["lead", "support", "lead", "lead"],
            "agency_raw": ["市人社局", "市总工会", "市人社局", "市政府"],
            "inherited": [False] * 4,
            "line": [4, 4, 6, 8],
        }
    )
    mentions = pd.DataFrame({"doc_id": ["d"], "measure_id": ["d-m3"], "agency_raw": ["政府"]})
    return measures, assignments, mentions


def _fixes(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{c: r.get(c, "") for c in CORRECTION_COLUMNS} for r in rows])


def test_each_action_and_the_coded_by_column(tables):
    measures, assignments, mentions = tables
    fixes = _fixes(
        [
            {"doc_id": "d", "measure_id": "d-m1", "text_start": "加强职业", "action": "remove",
             "agency_raw": "市总工会", "note": "not named"},
            {"doc_id": "d", "measure_id": "d-m1", "text_start": "加强", "action": "add",
             "agency_raw": "市 教育局", "role": "support", "line": "4", "note": "missed"},
            {"doc_id": "d", "measure_id": "d-m2", "text_start": "完善", "action": "set_role",
             "agency_raw": "市人社局", "role": "responsible"},
            {"doc_id": "d", "measure_id": "d-m3", "text_start": "总体要求",
             "action": "not_measure"},
        ]
    )  # fmt: skip
    out = apply_corrections(fixes, measures, assignments, mentions)
    assert out.log.status.tolist() == ["applied"] * 4
    columns = ["measure_id", "role", "agency_raw", "line", "coded_by", "note"]
    assert out.assignments[columns].values.tolist() == [
        ["d-m1", "lead", "市人社局", 4, "parser", ""],
        ["d-m1", "support", "市教育局", 4, "corrected", "missed"],
        ["d-m2", "responsible", "市人社局", 6, "corrected", ""],
    ]  # fmt: skip
    assert out.measures[["measure_id", "coded_by", "note"]].values.tolist() == [
        ["d-m1", "corrected", "not named; missed"],
        ["d-m2", "corrected", ""],
    ]
    assert out.mentions.empty
    # The input tables are left as they were.
    assert len(assignments) == 4 and "coded_by" not in assignments


def test_no_corrections_marks_every_row_parser(tables):
    out = apply_corrections(None, *tables)
    assert set(out.assignments.coded_by) == set(out.measures.coded_by) == {"parser"}
    assert out.log.empty


def _fix(measure: str, start: str, action: str, unit: str = "", role: str = "", doc="d"):
    return {"doc_id": doc, "measure_id": measure, "text_start": start, "action": action,
            "agency_raw": unit, "role": role}  # fmt: skip


@pytest.mark.parametrize(
    ("fix", "reason"),
    [
        (_fix("d-m1", "加强", "not_measure", doc="x"), "document 'x' is not in the coded tables"),
        (_fix("d-m9", "加强", "not_measure"), "measure 'd-m9' is not in the coded tables"),
        (_fix("d-m1", "完善", "not_measure"), "the measure's text no longer starts with '完善'"),
        (_fix("d-m1", "加强", "remove", "市财政局"), "市财政局 is not assigned to the measure"),
        (
            _fix("d-m1", "加强", "remove", "市总工会", "lead"),
            "市总工会 is not assigned to the measure as lead",
        ),
        (
            _fix("d-m1", "加强", "add", "市总工会", "lead"),
            "市总工会 is already assigned to the measure (support)",
        ),
        (
            _fix("d-m1", "加强", "set_role", "市总工会", "support"),
            "市总工会 is already support of the measure",
        ),
    ],
)
def test_a_stale_correction_is_reported_and_changes_nothing(tables, fix, reason):
    out = apply_corrections(_fixes([fix]), *tables)
    assert out.log.status.tolist() == ["stale"]
    assert out.stale.reason.item().startswith(reason)
    assert len(out.measures) == 3 and len(out.assignments) == 4
    assert set(out.assignments.coded_by) == {"parser"}


def test_corrections_apply_in_file_order(tables):
    # Removing a unit that an earlier row added, and re-adding a removed one.
    fixes = _fixes(
        [
            {"doc_id": "d", "measure_id": "d-m1", "text_start": "加强", "action": "add",
             "agency_raw": "市教育局", "role": "support"},
            {"doc_id": "d", "measure_id": "d-m1", "text_start": "加强", "action": "remove",
             "agency_raw": "市教育局"},
            {"doc_id": "d", "measure_id": "d-m3", "text_start": "总体", "action": "not_measure"},
            {"doc_id": "d", "measure_id": "d-m3", "text_start": "总体", "action": "remove",
             "agency_raw": "市政府"},
        ]
    )  # fmt: skip
    out = apply_corrections(fixes, *tables)
    assert out.log.status.tolist() == ["applied", "applied", "applied", "stale"]
    assert out.assignments.agency_raw.tolist() == ["市人社局", "市总工会", "市人社局"]


def test_read_corrections_names_file_and_line_of_a_bad_row(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text(
        f"{HEADER}\nd,d-m1,加强,remove,市总工会,,,\nd,d-m1,加强,delete,市总工会,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"corrections.csv:3: unknown action 'delete'"):
        read_corrections(path)
    path.write_text(f"{HEADER}\nd,d-m1,加强,add,市总工会,,,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r":2: add needs a role"):
        read_corrections(path)
    path.write_text("doc_id,measure_id,action\nd,d-m1,not_measure\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"missing column.*text_start"):
        read_corrections(path)


def test_read_corrections_takes_a_minimal_hand_written_file_with_bom(tmp_path):
    path = tmp_path / "corrections.csv"
    text = (
        "doc_id,measure_id,text_start,action,agency_raw,role\n"
        "\n"
        "d,d-m1,加强,set_role,市总工会,lead\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    fixes = read_corrections(path)
    assert fixes[["row", "action", "agency_raw", "role", "note"]].values.tolist() == [
        [3, "set_role", "市总工会", "lead", ""]
    ]


def _haimen_fix(coded, **fields) -> dict:
    measure = coded.measures[coded.measures.measure_id == "haimen-s1-m1"].iloc[0]
    return {
        "doc_id": "haimen",
        "measure_id": "haimen-s1-m1",
        "text_start": measure.text[:8],
        **fields,
    }


def test_parse_corpus_reports_a_stale_correction(coded, tmp_path, capsys):
    good = _haimen_fix(coded, action="remove", agency_raw="市人社局", note="checked")
    stale = {**good, "text_start": "这不是原文", "action": "not_measure", "agency_raw": ""}
    path = tmp_path / "corrections.csv"
    _fixes([good, stale]).to_csv(path, index=False)
    with pytest.warns(CorrectionWarning, match="1 correction"):
        fixed = ag.parse_corpus(corrections=path)
    assert fixed.corrections.status.tolist() == ["applied", "stale"]
    assert "no longer starts with '这不是原文'" in fixed.corrections.reason.iloc[1]
    warning = fixed.warnings[fixed.warnings.file == str(path)]
    assert warning.line.tolist() == [3]
    assert "correction not applied (not_measure in haimen-s1-m1)" in warning.message.item()
    # The stale correction did not drop the measure; the good one was applied.
    assert "haimen-s1-m1" in set(fixed.measures.measure_id)
    assert len(fixed.assignments) == len(coded.assignments) - 1
    assert fixed.documents.set_index("doc_id").n_assignments["haimen"] == 81

    capsys.readouterr()
    assert main(["parse", "--corrections", str(path), "--out", str(tmp_path / "t")]) == 0
    out = capsys.readouterr().out
    assert "corrections: 1 applied, 1 not applied" in out
    assert (
        "correction on line 3 (not_measure in haimen-s1-m1) not applied: the measure's text" in out
    )


def test_a_bad_corrections_file_is_one_line_on_stderr(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text(f"{HEADER}\nhaimen,haimen-s1-m1,x,add,市总工会,boss,,\n", encoding="utf-8")
    assert main(["parse", "--corrections", str(path), "--out", str(tmp_path / "t")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"{path}:2: unknown role 'boss' (one of lead, support, responsible)")
    assert not (tmp_path / "t").exists()


# --------------------------------------------------------------------------- review page


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    path = _chromium()
    if sync_playwright is None or path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install chromium and playwright (see .ci/run)")
        pytest.skip("headless chromium or playwright not installed")
    return sync_playwright, path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "agencygraph.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_review_page_corrections_round_trip_through_build(tmp_path):
    sync_playwright, browser_path = _browser_or_skip()
    result = _cli("review", "--out", str(tmp_path / "review"))
    assert result.returncode == 0, result.stderr
    page_path = tmp_path / "review" / "review.html"

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=browser_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(accept_downloads=True)
        requests, errors = [], []
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith("file:")
                else (requests.append(route.request.url), route.abort())
            ),
        )
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(page_path.as_uri())

        card = page.locator('.card[data-measure="haimen-s1-m1"]')
        card.locator('.unit.coded[data-unit="市人社局"] input.wrong').check()
        card.locator("input.add-name").fill("市科技局")
        card.locator("select.add-role").select_option("support")
        card.locator("button.add").click()
        card.locator("input.note").fill("checked against the source, line 12")
        assert page.locator("#n-corrections").text_content() == "2"

        # The doubtful filter hides what is not doubtful and keeps what is.
        total = page.locator(".block").count()
        page.locator("#doubtful-only").check()
        shown = page.locator(".block:visible").count()
        assert 0 < shown < total
        assert page.locator(".block.doubtful:visible").count() == shown

        with page.expect_download() as info:
            page.locator("#export").click()
        download = info.value
        assert download.suggested_filename == "corrections.csv"
        corrections = tmp_path / "corrections.csv"
        download.save_as(corrections)
        assert requests == [] and errors == []
        browser.close()

    fixes = read_corrections(corrections)
    assert fixes[["doc_id", "measure_id", "action", "agency_raw", "role"]].values.tolist() == [
        ["haimen", "haimen-s1-m1", "remove", "市人社局", "support"],
        ["haimen", "haimen-s1-m1", "add", "市科技局", "support"],
    ]

    plain, fixed = tmp_path / "plain", tmp_path / "fixed"
    for out, extra in ((plain, []), (fixed, ["--corrections", str(corrections)])):
        result = _cli(
            "build", "--out", str(out / "tables"), "--figures", str(out / "figures"),
            "--null-samples", "20", *extra,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    assert "corrections: 2 applied, 0 not applied" in result.stdout

    read = lambda root, name: pd.read_csv(root / "tables" / name, keep_default_na=False)  # noqa: E731
    a_plain, a_fixed = read(plain, "assignments.csv"), read(fixed, "assignments.csv")
    key = ["measure_id", "agency_raw", "role"]
    merged = a_plain.merge(a_fixed, how="outer", on=[*key], indicator=True, suffixes=("", "_f"))
    changed = merged[merged._merge != "both"]
    assert changed[[*key, "_merge"]].values.tolist() == [
        ["haimen-s1-m1", "市人社局", "support", "left_only"],
        ["haimen-s1-m1", "市科技局", "support", "right_only"],
    ]
    added = a_fixed[
        (a_fixed.measure_id == "haimen-s1-m1") & (a_fixed.agency_raw == "市科技局")
    ].iloc[0]
    assert (added.coded_by, added.note) == ("corrected", "checked against the source, line 12")
    assert added.agency_type == "science_tech"
    assert set(a_fixed.drop(index=added.name).coded_by) == {"parser"}
    # Every other assignment row is byte-identical.
    plain_rows = (plain / "tables" / "assignments.csv").read_text(encoding="utf-8").splitlines()
    fixed_rows = (fixed / "tables" / "assignments.csv").read_text(encoding="utf-8").splitlines()
    assert sorted(set(plain_rows) ^ set(fixed_rows)) == sorted(
        [r for r in plain_rows if ",市人社局," in r and "haimen-s1-m1," in r]
        + [r for r in fixed_rows if ",市科技局," in r and "haimen-s1-m1," in r]
    )

    m_plain, m_fixed = read(plain, "measures.csv"), read(fixed, "measures.csv")
    differs = (m_plain != m_fixed).any(axis=1)
    assert m_fixed.measure_id[differs].tolist() == ["haimen-s1-m1"]
    assert m_fixed[differs].coded_by.item() == "corrected"

    # Outputs of the other plans, and tables' rows of the other plans, are unchanged.
    before, after = _files(plain), _files(fixed)
    assert sorted(before) == sorted(after)
    for name in before:
        stem = Path(name).stem
        if stem.startswith(("cixi", "lijiang")) or stem in ("documents", "mentions"):
            assert before[name] == after[name], name
        elif name.startswith("tables/") and name.endswith(".csv"):
            old, new = read(plain, Path(name).name), read(fixed, Path(name).name)
            if "doc_id" in old and "haimen" in set(old.doc_id):
                # Adjusted p-values are corrected across every plan of a table (one family),
                # so a change in Haimen may move the others'; everything else must not move.
                joint = [c for c in old.columns if c.endswith("p_adjusted")]
                rest = [
                    f[f.doc_id != "haimen"].drop(columns=joint).reset_index(drop=True)
                    for f in (old, new)
                ]
                pd.testing.assert_frame_equal(rest[0], rest[1], obj=name)
