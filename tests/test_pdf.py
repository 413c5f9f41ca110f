"""Plans published as PDF: text layers, ruled tables over page breaks, scanned pages.

Every PDF is made here (:mod:`pdfmaker`: matplotlib's PDF backend with the bundled CJK
font, so the text layer holds the real characters) from a text whose coding is known, and
must code to the same tables as that text. Line numbers count each format's own lines, so
``line`` (and ``page``) are left out of the comparisons and checked on their own.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest
from pdfmaker import LEFT_MERGE, UP, image_pdf, table_pdf, text_and_scan_pdf, text_pdf
from test_formats import _cixi_grid, _spans

import agencygraph as ag
from agencygraph.cli import main
from agencygraph.corpus import bundled_corpus, document_metadata, read_plan_text
from agencygraph.read import ocr as ocr_module

_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"


def _plain_spaces(frame: pd.DataFrame) -> pd.DataFrame:
    """Text as a PDF shows it: a space beside a Chinese character is a gap no reader can
    tell from letter spacing, and a run of spaces is one gap."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]):
            out[column] = (
                out[column]
                .astype(str)
                .str.replace(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])", "", regex=True)
                .str.replace(r" {2,}", " ", regex=True)
            )
    return out


def _assert_codes_alike(pdf_coded, text_coded) -> None:
    drop = ["doc_id", "line", "page"]
    expected = text_coded.measures.drop(columns=drop).reset_index(drop=True)
    got = pdf_coded.measures.drop(columns=drop).reset_index(drop=True)
    pd.testing.assert_frame_equal(_plain_spaces(got), _plain_spaces(expected))
    pd.testing.assert_frame_equal(
        pdf_coded.assignments.drop(columns=drop).reset_index(drop=True),
        text_coded.assignments.drop(columns=drop).reset_index(drop=True),
    )
    pd.testing.assert_frame_equal(
        pdf_coded.mentions.drop(columns=["doc_id", "line"]).reset_index(drop=True),
        text_coded.mentions.drop(columns=["doc_id", "line"]).reset_index(drop=True),
    )
    assert pdf_coded.documents.layout.tolist() == text_coded.documents.layout.tolist()


def _bundled(doc_id: str) -> Path:
    return next(p for p in bundled_corpus() if document_metadata(p)["doc_id"] == doc_id)


def _cixi_table_rows() -> tuple[list[str], list[list[str | None]]]:
    """The Cixi plan's lead-in and its table, merged cells as the text implies them."""
    lead_in, rows = _cixi_grid()
    spans = _spans(rows)
    width = max(len(r) for r in rows)
    header = ["\n".join(rows[0][0])] + [LEFT_MERGE] * (width - len(rows[0]))
    header += ["\n".join(cell) for cell in rows[0][1:]]
    grid = [header]
    for r, row in enumerate(rows[1:], start=1):
        cells = ["\n".join(cell) if (r, c) in spans else UP for c, cell in enumerate(row)]
        grid.append(cells + [""] * (width - len(row)))
    return lead_in, grid


CIXI_WIDTHS = [60, 70, 120, 80, 50, 55]


@pytest.fixture(scope="module")
def bundled_pdfs(tmp_path_factory) -> dict[str, Path]:
    """A PDF of each bundled plan: paragraphs over pages, Cixi's table as a ruled table."""
    folder = tmp_path_factory.mktemp("bundled_pdfs")
    # The bundled manifest, naming the PDFs: the place matters to the coding.
    manifest = pd.read_csv(bundled_corpus()[0].parent / "manifest.csv", dtype=str)
    manifest["file"] = manifest["doc_id"] + ".pdf"
    manifest.to_csv(folder / "manifest.csv", index=False)
    pdfs = {}
    for path in bundled_corpus():
        doc_id = document_metadata(path)["doc_id"]
        target = folder / f"{doc_id}.pdf"
        if doc_id == "cixi":
            lead_in, grid = _cixi_table_rows()
            pdfs[doc_id] = table_pdf(lead_in, grid, CIXI_WIDTHS, target)
        else:
            pdfs[doc_id] = text_pdf(ag.read_plan(path).split("\n"), target)
    return pdfs


@pytest.mark.parametrize("doc_id", ["cixi", "haimen", "shanhu", "ningbo", "lijiang"])
def test_a_pdf_of_each_bundled_plan_codes_like_its_text(bundled_pdfs, coded, doc_id):
    pdf = bundled_pdfs[doc_id]
    with pdfplumber.open(pdf) as document:
        n_pages = len(document.pages)
        page_texts = [page.extract_text() for page in document.pages]
    assert n_pages >= 2  # every plan runs over page breaks
    from_pdf = ag.parse_corpus([pdf])
    text_coded = ag.parse_corpus([_bundled(doc_id)])
    _assert_codes_alike(from_pdf, text_coded)
    assert len(from_pdf.measures) == coded.documents.set_index("doc_id").n_measures[doc_id]

    # Each unit is on the page and the converted line its row names.
    lines = read_plan_text(pdf).text.split("\n")
    for row in from_pdf.assignments.itertuples():
        assert 1 <= row.page <= n_pages
        # On the page the line starts on, or the next where its paragraph runs over.
        shown = "".join(page_texts[row.page - 1 : row.page + 1])
        assert row.agency_raw[:2] in re.sub(r"\s", "", shown)
        assert row.agency_raw[:2] in re.sub(r"\s", "", lines[row.line - 1] + lines[row.line])
    assert from_pdf.measures.page.between(1, n_pages).all()
    assert text_coded.measures.page.isna().all()  # no pages in a text file


def test_running_headers_and_page_numbers_are_removed(bundled_pdfs):
    decoded = read_plan_text(bundled_pdfs["lijiang"])
    assert decoded.encoding == "pdf"
    assert max(decoded.pages) >= 10
    assert len(decoded.pages) == decoded.text.count("\n")
    assert decoded.pages == tuple(sorted(decoded.pages))
    assert "产业工人队伍建设改革文件" not in decoded.text  # the running header
    assert not re.search(r"^— \d+ —$", decoded.text, re.M)  # page numbers


def test_a_paragraph_over_a_page_break_is_one_line(bundled_pdfs):
    pdf = bundled_pdfs["lijiang"]
    with pdfplumber.open(pdf) as document:
        pages = [re.sub(r"\s", "", page.extract_text()) for page in document.pages]
    measures = ag.parse_corpus([pdf]).measures
    crossing = [
        m
        for m in measures.itertuples()
        if not any(m.text.replace(" ", "") in page for page in pages)
    ]
    assert crossing, "no measure runs over a page break: the test shows nothing"
    lines = read_plan_text(pdf).text.split("\n")
    for m in crossing:
        assert m.text.replace(" ", "") in lines[m.line - 1].replace(" ", "")


@pytest.mark.parametrize("closed", [True, False], ids=["closed_at_break", "open_at_break"])
def test_the_cixi_table_as_a_pdf_codes_like_its_text(tmp_path, closed):
    lead_in, grid = _cixi_table_rows()
    pdf = table_pdf(lead_in, grid, CIXI_WIDTHS, tmp_path / "cixi.pdf", closed_at_break=closed)
    from_pdf = ag.parse_corpus([pdf])
    text_coded = ag.parse_corpus([_bundled("cixi")])
    assert from_pdf.documents.layout[0] == "table"
    _assert_codes_alike(from_pdf, text_coded)
    assert from_pdf.assignments.inherited.sum() > 20
    assert from_pdf.assignments.page.nunique() >= 3


# A responsibility table whose coding is known by hand: the lead cell of rows 2-4 is merged
# and runs over the first page break; a support cell is empty in its own right.
DIVISION = [
    ["序号", "具体措施", "牵头单位", "配合单位", "完成时限"],
    ["1", "开展职业技能培训，每年培训1万人次", "市人社局", "市财政局、市总工会", "2023年底"],
    ["2", "建设公共实训基地", "市发改局", "市人社局", "2024年"],
    ["3", "推进企业新型学徒制", UP, "市教育局", "长期"],
    ["4", "落实技能人才待遇", UP, "", "2025年"],
    ["5", "推进产业工人入党", "市委组织部", "团市委、市妇联", "每年"],
    ["6", "选树劳动模范和工匠", "市总工会", "市委宣传部", "每年"],
]
DIVISION_CODING = [
    ("1", "lead", "市人社局", False),
    ("1", "support", "市财政局", False),
    ("1", "support", "市总工会", False),
    ("2", "lead", "市发改局", False),
    ("2", "support", "市人社局", False),
    ("3", "lead", "市发改局", True),
    ("3", "support", "市教育局", False),
    ("4", "lead", "市发改局", True),
    ("5", "lead", "市委组织部", False),
    ("5", "support", "团市委", False),
    ("5", "support", "市妇联", False),
    ("6", "lead", "市总工会", False),
    ("6", "support", "市委宣传部", False),
]


@pytest.mark.parametrize("closed", [True, False], ids=["closed_at_break", "open_at_break"])
@pytest.mark.parametrize("repeat_header", [True, False], ids=["header_repeated", "header_once"])
def test_a_merged_cell_over_a_page_break_is_coded_exactly(tmp_path, closed, repeat_header):
    pdf = table_pdf(
        ["重点任务分工"],
        DIVISION,
        [40, 160, 80, 100, 60],
        tmp_path / "division.pdf",
        closed_at_break=closed,
        repeat_header=repeat_header,
        rows_per_page=2,
    )
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == 3
    coded = ag.parse_corpus([pdf])
    a = coded.assignments
    task = a.measure_id.str.extract(r"-t(\d+)-", expand=False)
    got = list(zip(task, a.role, a.agency_raw, a.inherited, strict=True))
    got = [(m, role, unit, bool(inherited)) for m, role, unit, inherited in got]
    assert got == DIVISION_CODING
    assert coded.measures.timeline.tolist() == [row[4] for row in DIVISION[1:]]
    # Rows 1-2 are on page 1, 3-4 on page 2, 5-6 on page 3; a carried-down lead is on the
    # page of the merged cell's text, as its line is.
    assert coded.measures.page.tolist() == [1, 1, 2, 2, 3, 3]
    assert a.page.tolist() == [1, 1, 1, 1, 1, 1, 2, 1, 3, 3, 3, 3, 3]


def test_a_table_that_ends_a_page_and_another_that_opens_the_next_are_not_joined_if_unlike(
    tmp_path,
):
    first = table_pdf(["表一"], DIVISION[:3], [40, 160, 80, 100, 60], tmp_path / "a.pdf")
    text = read_plan_text(first).text
    assert text.count("\t序号") == 1
    assert read_plan_text(first).pages[-1] == 1


def _inline_plan(n: int) -> str:
    lines = ["关于印发产业工人队伍建设改革实施方案的通知", "二、主要举措"]
    units = [
        ("市人社局", "市总工会、市财政局"),
        ("市委组织部", "团市委"),
        ("市教育局", "市人社局、市科技局"),
        ("市发改局", "市经信局"),
    ]
    for k in range(1, n + 1):
        lead, support = units[k % len(units)]
        lines.append(
            f"{k}.加强产业工人队伍建设第{k}项措施，完善技能人才培养、使用、评价、激励制度，"
            f"推动落实各项政策，每年培训{k}千人次。（牵头单位：{lead}；协同单位：{support}）"
        )
    return "\n".join(lines) + "\n"


def test_an_inline_plan_over_two_pages_with_headers_and_footers(tmp_path):
    text = tmp_path / "plan.txt"
    text.write_text(_inline_plan(24), encoding="utf-8")
    pdf = text_pdf(text.read_text(encoding="utf-8").split("\n"), tmp_path / "plan.pdf")
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == 2
        assert "— 2 —" in document.pages[1].extract_text()  # the footer is in the PDF
    decoded = read_plan_text(pdf)
    assert "— 1 —" not in decoded.text and "— 2 —" not in decoded.text
    assert "产业工人队伍建设改革文件" not in decoded.text
    from_pdf = ag.parse_corpus([pdf])
    from_text = ag.parse_corpus([text])
    assert from_pdf.documents.layout[0] == "inline"
    _assert_codes_alike(from_pdf, from_text)
    assert set(from_pdf.measures.page) == {1, 2}


def test_a_pdf_without_headers_keeps_its_first_and_last_lines(tmp_path):
    text = _inline_plan(3)
    pdf = text_pdf(text.split("\n"), tmp_path / "plain.pdf", header=None, page_numbers=False)
    assert read_plan_text(pdf).text == text


# --- scanned pages --------------------------------------------------------------------

SCANNED = """二、主要举措
1.加强职业技能培训，每年培训1万人次。（牵头单位：市人社局；协同单位：市总工会、市财政局）
2.推进产业工人入党，做好党员发展工作。（牵头单位：市委组织部；协同单位：团市委）
3.完善技能人才评价制度，开展职业技能等级认定。（牵头单位：市人社局；协同单位：市教育局、市科技局）
"""


def test_a_scanned_pdf_without_ocr_says_what_to_do(tmp_path, capsys):
    pdf = image_pdf(SCANNED.splitlines(), tmp_path / "scan.pdf")
    out = tmp_path / "out"
    assert main(["parse", str(pdf), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "scan.pdf" in err[0] and "scanned" in err[0] and "--ocr" in err[0]
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in err[0]
    assert not out.exists()


def test_ocr_without_tesseract_names_what_to_install(tmp_path, monkeypatch, capsys):
    pdf = image_pdf(SCANNED.splitlines(), tmp_path / "scan.pdf")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    ocr_module.tesseract_problem.cache_clear()
    try:
        status = main(["parse", str(pdf), "--ocr", "--out", str(tmp_path / "out")])
    finally:
        ocr_module.tesseract_problem.cache_clear()
    err = capsys.readouterr().err
    assert status == 1
    assert "tesseract program is not installed" in err and "tesseract-ocr-chi-sim" in err


@pytest.mark.skipif(
    ocr_module.tesseract_problem() is not None,
    reason=f"OCR not available here: {ocr_module.tesseract_problem()} "
    "(apt-get install tesseract-ocr tesseract-ocr-chi-sim)",
)
def test_a_scanned_pdf_is_read_with_ocr(tmp_path):
    text = tmp_path / "scan.txt"
    text.write_text(SCANNED, encoding="utf-8")
    pdf = image_pdf(SCANNED.splitlines(), tmp_path / "scan.pdf")
    from_pdf = ag.parse_corpus([pdf], ocr=True)
    assert from_pdf.documents["flags"][0].split(";").count("ocr") == 1
    assert "ocr" not in ag.parse_corpus([text]).documents["flags"][0]
    _assert_codes_alike(from_pdf, ag.parse_corpus([text]))
    assert read_plan_text(pdf, ocr=True).encoding == "pdf+ocr"


def test_a_scanned_page_among_text_pages_is_skipped_with_a_warning_or_read_by_ocr(tmp_path):
    first, second = SCANNED.splitlines()[:2], SCANNED.splitlines()[2:]
    pdf = text_and_scan_pdf(first, second, tmp_path / "mixed.pdf")
    coded = ag.parse_corpus([pdf])
    assert coded.measures.page.tolist() == [1]
    assert any("page 2 without a text layer" in m and "--ocr" in m for m in coded.warnings.message)
    if ocr_module.tesseract_problem() is None:
        read = ag.parse_corpus([pdf], ocr=True)
        # OCR of a few lines is not exact (a bracket or colon misread): the second page's
        # measures are coded, each with its first-named lead.
        assert read.measures.page.tolist() == [1, 2, 2]
        leads = read.assignments.query("role == 'lead'").drop_duplicates("measure_id")
        assert leads.agency_raw.tolist() == ["市人社局", "市委组织部", "市人社局"]
        assert leads.page.tolist() == [1, 2, 2]
        assert "ocr" in read.documents["flags"][0].split(";")


def test_a_damaged_pdf_is_rejected_naming_the_file(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(200))
    with pytest.raises(ag.InputError, match=r"broken\.pdf.*PDF"):
        ag.read_plan(path)


def test_tesseract_is_not_needed_to_read_text_pdfs(bundled_pdfs, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    ocr_module.tesseract_problem.cache_clear()
    try:
        assert read_plan_text(bundled_pdfs["haimen"]).encoding == "pdf"
    finally:
        ocr_module.tesseract_problem.cache_clear()
