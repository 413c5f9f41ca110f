"""Hostile and messy input: nothing crashes, nothing is lost.

Each case of the bad-input corpus below is either coded correctly (with a warning where
the data was doubtful) or rejected with one line naming the file (and line), and the
command line never shows a traceback.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import agencygraph as ag
from agencygraph.cli import main

PLAN = (
    "二、主要举措\n"
    "（一）提升技能\n"
    "1.加强职业技能培训。每年培训1万人次。（牵头单位：市人社局；协同单位：市财政局、市总工会）\n"
    "2.推进产业工人入党。（牵头单位：市委组织部；协同单位：团市委）\n"
)
EXPECTED = [
    ("lead", "市人社局"),
    ("support", "市财政局"),
    ("support", "市总工会"),
    ("lead", "市委组织部"),
    ("support", "团市委"),
]


def _docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fifty_megabytes() -> bytes:
    preamble = (
        "一、总体要求\n"
        + ("坚持以人民为中心的发展思想，深化产业工人队伍建设改革。" * 40 + "\n") * 16500
    )
    return (preamble + PLAN).encode("utf-8")


# name → (file bytes, expected): ("ok", substring of a warning or None) or ("error", substring)
CASES = {
    "empty": (b"", ("error", "empty")),
    "whitespace only": (" \n\t\n\r\n\u3000\n".encode(), ("error", "empty")),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ("error", "binary")),
    "pdf saved as txt": (b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj", ("error", "PDF")),
    "zip that is not a plan": (b"PK\x03\x04\x14\x00\x00\x00", ("error", "ZIP")),
    "prose with no measures": (
        "这是一段说明文字，没有任何措施。\n".encode(),
        ("error", "no measures"),
    ),
    "random bytes": (bytes(range(128, 256)) * 40, ("error", "not valid text")),
    "truncated utf-8": (PLAN.encode("utf-8") + "。".encode()[:2], ("ok", "undecodable")),
    "gbk with invalid bytes": (
        PLAN.encode("gbk")[:30] + b"\xff" + PLAN.encode("gbk")[30:],
        ("ok", "undecodable"),
    ),
    "utf-16 with bom": (PLAN.encode("utf-16"), ("ok", None)),
    "docx saved as txt": (_docx_bytes(PLAN.splitlines()), ("ok", None)),
    "mixed line endings": (
        PLAN.replace("\n", "\r\n", 2).replace("\n", "\r").encode(),
        ("ok", None),
    ),
    "control characters": (PLAN.replace("加强", "加\x07强\x0c").encode(), ("ok", "control")),
    "zero-width and no-break spaces in names": (
        PLAN.replace("市人社局", "市人\u200b社\u00a0局").replace("团市委", "团\ufeff市委").encode(),
        ("ok", None),
    ),
    "full-width digits": (PLAN.replace("1.", "１．").replace("2.", "２．").encode(), ("ok", None)),
    "traditional characters": (
        PLAN.replace("市总工会", "市總工會").replace("牵头单位", "牽頭單位").encode(),
        ("ok", None),
    ),
    "unbalanced bracket": (
        PLAN.replace("协同单位：团市委）", "协同单位：团市委").encode(),
        ("ok", "no closing bracket"),
    ),
    "measures repeated": ((PLAN + PLAN.split("\n", 2)[2]).encode(), ("ok", "repeated")),
    "html and script in text": (
        PLAN.replace("每年培训", "<p>每年<script>alert(1)</script>培训&nbsp;</p>").encode(),
        ("ok", None),
    ),
    "one line of 100,000 characters": (
        PLAN.replace("每年培训1万人次。", "加强培训。" * 20000).encode(),
        ("ok", None),
    ),
    "table row with a missing column": (
        (
            "\t主要举措\n\t责任分解\n\t时间进度\n\t牵头单位\n\t配合单位\n\n"
            "\t1.加强培训\n\t开展职业技能培训\n\t2023年\n\t市人社局\n\t市财政局、市总工会\n\n"
            "\t2.推进入党\n\t推进产业工人入党\n\t市委组织部\n\t团市委\n\n"
            "\t\n\t做好党员发展工作\n\t每年\n\t\n\t\n"
        ).encode(),
        ("ok", "cells"),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_corpus(name, tmp_path, capsys):
    data, (outcome, message) = CASES[name]
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    out = tmp_path / "out"
    status = main(["parse", str(path), "--out", str(out)])
    captured = capsys.readouterr()
    if outcome == "error":
        assert status != 0
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and "plan.txt" in lines[0] and message in lines[0], captured.err
        assert not out.exists() or not any(out.iterdir())
        return
    assert status == 0, captured.err
    coded = ag.parse_corpus([path])
    if message is not None:
        assert any(message in m for m in coded.warnings.message), coded.warnings
    if name == "table row with a missing column":
        assert len(coded.measures) == 3
        return
    got = list(zip(coded.assignments.role, coded.assignments.agency_raw, strict=True))
    if name == "traditional characters":
        assert coded.assignments.agency_type.tolist()[2] == "union"
        got = [(r, u.replace("總工會", "总工会")) for r, u in got]
    assert got == EXPECTED
    assert (coded.assignments.agency_type != "").all()


def test_a_fifty_megabyte_file_is_coded(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(_fifty_megabytes())
    assert path.stat().st_size > 50_000_000
    coded = ag.parse_corpus([path])
    assert list(zip(coded.assignments.role, coded.assignments.agency_raw, strict=True)) == EXPECTED


def test_a_directory_and_a_missing_file(tmp_path, capsys):
    for target, message in ((tmp_path, "directory"), (tmp_path / "nope.txt", "no such file")):
        assert main(["parse", str(target), "--out", str(tmp_path / "out")]) != 0
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and message in err[0] and str(target) in err[0]


def test_a_file_without_read_permission(tmp_path, capsys, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(PLAN, encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it would for a user
        real = Path.read_bytes

        def refuse(self):
            if self == path:
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    assert main(["parse", str(path), "--out", str(tmp_path / "out")]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "permission denied" in err[0] and "locked.txt" in err[0]


def test_unknown_units_are_reported_never_dropped(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN.replace("团市委", "市产改办、市(略)"), encoding="utf-8")
    coded = ag.parse_corpus([path])
    assert {"市产改办", "市(略)"} <= set(coded.assignments.agency_raw)
    assert set(coded.unknown_agencies.agency_raw) == {"市产改办", "市(略)"}
    assert coded.unknown_agencies.line.tolist() == [4, 4]


def test_the_command_line_never_shows_a_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = subprocess.run(
        [sys.executable, "-m", "agencygraph.cli", "parse", str(bad), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "bad.txt" in result.stderr


# --- Word documents -------------------------------------------------------------------


def test_docx_numbered_paragraphs_parse_like_the_text(tmp_path):
    text_path = tmp_path / "plan.txt"
    text_path.write_text(PLAN, encoding="utf-8")
    docx_path = tmp_path / "plan.docx"
    docx_path.write_bytes(_docx_bytes(PLAN.splitlines()))
    from_text = ag.parse_corpus([text_path])
    from_docx = ag.parse_corpus([docx_path])
    columns = ["measure_id", "role", "agency_raw", "inherited", "line"]
    pd.testing.assert_frame_equal(from_docx.assignments[columns], from_text.assignments[columns])
    assert from_docx.measures.text.tolist() == from_text.measures.text.tolist()


def test_docx_word_numbering_is_written_out(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("二、主要举措")
    for text in ("加强培训。（牵头单位：市人社局）", "推进入党。（牵头单位：市委组织部）"):
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(path)
    coded = ag.parse_corpus([path])
    assert coded.measures.task_no.tolist() == ["1", "2"]
    assert coded.assignments.agency_raw.tolist() == ["市人社局", "市委组织部"]


def test_docx_table_reads_merged_cells_from_its_structure(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    rows = [
        ["责任分解", "时间进度", "牵头单位", "配合单位"],
        ["开展职业技能培训", "2023年", "市人社局", "市财政局"],
        ["建设公共实训基地", "2024年", "", "市总工会"],
        ["推进产业工人入党", "每年", "市委组织部", ""],
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 2).merge(table.cell(2, 2))  # the lead cell spans rows 1-2
    table.cell(1, 2).text = "市人社局"
    path = tmp_path / "table.docx"
    document.save(path)
    coded = ag.parse_corpus([path])
    got = list(
        zip(
            coded.assignments.measure_id.str[-5:],
            coded.assignments.role,
            coded.assignments.agency_raw,
            coded.assignments.inherited,
            strict=True,
        )
    )
    assert [(r, u, i) for _, r, u, i in got] == [
        ("lead", "市人社局", False),
        ("support", "市财政局", False),
        ("lead", "市人社局", True),  # a merged cell: carried down
        ("support", "市总工会", False),
        ("lead", "市委组织部", False),  # an empty support cell: explicitly none, not carried
    ]
