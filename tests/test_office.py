"""Old binary office files (.doc, .wps, .xls, .et) read through LibreOffice.

The .doc and .xls files are made here by LibreOffice itself from a .docx and an .xlsx
written in the test, so they must code exactly as those do. Where ``soffice`` is not
installed those tests skip; the message a user without it sees is tested everywhere.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from test_formats import DIVISION as SHEET_DIVISION
from test_formats import DIVISION_MERGES, _xlsx

import agencygraph as ag
from agencygraph.cli import main
from agencygraph.read.office import soffice

needs_soffice = pytest.mark.skipif(
    soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer "
    "libreoffice-calc",
)

COLUMNS = ["role", "agency_raw", "inherited"]


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("重点任务分工")
    rows = [
        ["责任分解", "时间进度", "牵头单位", "配合单位"],
        ["开展职业技能培训", "2023年", "市人社局", "市财政局、市总工会"],
        ["建设公共实训基地", "2024年", "", "市总工会"],
        ["推进产业工人入党", "每年", "市委组织部", ""],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 2).merge(table.cell(2, 2))  # the lead cell spans two rows
    table.cell(1, 2).text = "市人社局"
    # Word keeps a paragraph after a table that ends a document; LibreOffice's .doc
    # export drops a table with none.
    document.add_paragraph("")
    document.save(path)
    return path


def _convert(source: Path, fmt: str, folder: Path) -> Path:
    """``source`` saved by LibreOffice as ``fmt`` into ``folder``."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return folder / f"{source.stem}.{fmt}"


@needs_soffice
def test_a_doc_and_a_wps_code_like_the_docx_they_were_saved_from(tmp_path, monkeypatch):
    (tmp_path / "source").mkdir()
    source = _docx(tmp_path / "source" / "plan.docx")
    plans = tmp_path / "plans"
    plans.mkdir()
    doc = _convert(source, "doc", plans)
    assert doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # a binary Word file
    wps = plans / "plan_wps.wps"
    shutil.copy(doc, wps)  # WPS Writer's .wps is the Word binary format
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    expected = ag.parse_corpus([source]).assignments[COLUMNS]
    assert expected.values.tolist() == [
        ["lead", "市人社局", False],
        ["support", "市财政局", False],
        ["support", "市总工会", False],
        ["lead", "市人社局", True],
        ["support", "市总工会", False],
        ["lead", "市委组织部", False],
    ]
    coded = ag.parse_corpus([doc, wps])
    for doc_id in ("plan", "plan_wps"):
        got = coded.assignments[coded.assignments.doc_id == doc_id][COLUMNS].reset_index(drop=True)
        assert got.values.tolist() == expected.values.tolist()
    assert ag.read_plan(doc) == ag.read_plan(source)
    # Nothing converted is left beside the plans, nor in the temporary folder.
    assert sorted(p.name for p in plans.iterdir()) == ["plan.doc", "plan_wps.wps"]
    assert list(scratch.iterdir()) == []


_SHEET_ML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = {
    "xl/workbook.xml": f"{_SHEET_ML}.sheet.main+xml",
    "xl/sharedStrings.xml": f"{_SHEET_ML}.sharedStrings+xml",
    "xl/styles.xml": f"{_SHEET_ML}.styles+xml",
}


def _packaged(xlsx: bytes) -> bytes:
    """A test workbook with the package parts Excel and LibreOffice need to open it.

    agencygraph reads the bare workbook of :func:`test_formats._xlsx`; LibreOffice also
    wants each part's content type and the relationships to the workbook and its strings.
    """
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        overrides = []
        for name in source.namelist():
            if name == "[Content_Types].xml":
                continue
            data = source.read(name)
            if name == "xl/_rels/workbook.xml.rels":
                rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdS" Type="{rel}/sharedStrings" '
                    f'Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="{rel}/styles" '
                    f'Target="styles.xml"/></Relationships>'.encode(),
                )
            archive.writestr(name, data)
            kind = _CONTENT_TYPES.get(name)
            if kind is None and name.startswith("xl/worksheets/"):
                kind = f"{_SHEET_ML}.worksheet+xml"
            if kind:
                overrides.append(f'<Override PartName="/{name}" ContentType="{kind}"/>')
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            + "".join(overrides)
            + "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>",
        )
    return buffer.getvalue()


@needs_soffice
def test_an_xls_and_an_et_code_like_the_xlsx_they_were_saved_from(tmp_path):
    source = tmp_path / "source" / "division.xlsx"
    source.parent.mkdir()
    source.write_bytes(_packaged(_xlsx([("分工", SHEET_DIVISION, DIVISION_MERGES)])))
    plans = tmp_path / "plans"
    plans.mkdir()
    xls = _convert(source, "xls", plans)
    et = plans / "division_et.et"
    shutil.copy(xls, et)
    expected = ag.parse_corpus([source]).assignments[COLUMNS].values.tolist()
    assert expected and any(inherited for _, _, inherited in expected)
    coded = ag.parse_corpus([xls, et])
    for doc_id in ("division", "division_et"):
        got = coded.assignments[coded.assignments.doc_id == doc_id][COLUMNS].values.tolist()
        assert got == expected


# An OLE2 compound file's header and a Word stream name: what a .doc opens with.
FAKE_DOC = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    + bytes(504)
    + "WordDocument".encode("utf-16-le")
    + bytes(64)
)


@pytest.mark.parametrize(
    ("name", "package"),
    [
        ("plan.doc", "libreoffice-writer"),
        ("plan.wps", "libreoffice-writer"),
        ("named.txt", "libreoffice-writer"),  # recognised from the bytes
        ("sheet.et", "libreoffice-calc"),
    ],
)
def test_without_libreoffice_the_message_names_what_to_install(
    tmp_path, monkeypatch, capsys, name, package
):
    path = tmp_path / name
    path.write_bytes(FAKE_DOC)
    monkeypatch.setenv("PATH", str(tmp_path / "no_programs_here"))
    out = tmp_path / "out"
    assert main(["parse", str(path), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert name in err[0] and "LibreOffice" in err[0] and f"apt-get install {package}" in err[0]
    assert not out.exists()
