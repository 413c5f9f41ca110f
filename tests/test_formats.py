"""Plans as web pages (.html), Excel workbooks (.xlsx) and CSV files.

Each format is converted to the text flattening the parsers read (tab-led cells, a blank
line between rows, merged cells blank and carried down), so it codes like the same plan
as text. The fixtures are built here; the .xlsx files by hand with :mod:`zipfile`, as
agencygraph reads them with the standard library only.
"""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import pytest

import agencygraph as ag
from agencygraph._errors import InputError
from agencygraph.corpus import bundled_corpus, decode_plan, read_plan, read_plan_text
from agencygraph.read.html import looks_like_html


def _coded(coded) -> list[tuple[str, str, str, bool]]:
    """(measure id without the document, role, unit, inherited) of every assignment."""
    a = coded.assignments
    return list(
        zip(
            a.measure_id.str.split("-", n=1).str[1],
            a.role,
            a.agency_raw,
            a.inherited,
            strict=True,
        )
    )


def _line_holds(path: Path, line: int, text: str) -> bool:
    """Whether the converted text's line ``line`` holds ``text``: lines count converted lines."""
    return text in read_plan(path).split("\n")[line - 1]


# --- HTML ---------------------------------------------------------------------------------

TABLE_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>慈溪市人民政府 - 重点任务分工</title>
<style>td { border: 1px solid; }</style>
<script>var x = "<td>市假局</td>";</script>
</head>
<body>
<div class="nav"><a href="/">首页</a></div>
<h2>重点任务责任分工</h2>
<table border="1">
  <thead>
    <tr><th>序号</th><th>具体措施</th><th>完成时限</th><th>牵头单位</th><th>配合单位</th></tr>
  </thead>
  <tbody>
    <tr><td>1</td><td>开展职业技能&nbsp;培训</td><td>2023年</td>
        <td rowspan="3">市人社局</td><td>市财政局、市总工会</td>
    <tr><td>2</td><td>建设公共实训基地</td><td>2024年</td><td></td>
    <tr><td>3</td><td>推行&ldquo;技能+学历&rdquo;提升</td><td>长期</td><td>市教育局</td>
    <tr><td>4</td><td>推进产业工人入党</td><td>每年</td><td>市委组织部</td><td>团市委<br>市妇联</td></tr>
  </tbody>
</table>
<p>抄送：市委办公室</p>
</body>
</html>
"""


def test_an_html_table_with_rowspan_codes_like_a_table(tmp_path):
    path = tmp_path / "table.html"
    path.write_text(TABLE_PAGE, encoding="utf-8")
    coded = ag.parse_corpus([path])
    assert coded.documents.layout.tolist() == ["table"]
    assert coded.measures.text.tolist() == [
        "开展职业技能 培训",
        "建设公共实训基地",
        "推行“技能+学历”提升",
        "推进产业工人入党",
    ]
    assert coded.measures.timeline.tolist() == ["2023年", "2024年", "长期", "每年"]
    got = [(r, u, i) for _, r, u, i in _coded(coded)]
    assert got == [
        ("lead", "市人社局", False),
        ("support", "市财政局", False),
        ("support", "市总工会", False),
        ("lead", "市人社局", True),  # covered by the rowspan: carried down
        # the empty support cell is explicitly none: nothing carried into it
        ("lead", "市人社局", True),
        ("support", "市教育局", False),
        ("lead", "市委组织部", False),
        ("support", "团市委", False),  # a <br> inside the cell: one unit per line
        ("support", "市妇联", False),
    ]
    assert "市假局" not in read_plan(path)  # script content dropped
    for row in coded.assignments.itertuples():
        assert _line_holds(path, row.line, row.agency_raw)


def test_html_table_text_is_the_docx_flattening(tmp_path):
    path = tmp_path / "table.html"
    path.write_text(TABLE_PAGE, encoding="utf-8")
    lines = read_plan(path).split("\n")
    header = lines.index("\t序号")
    assert lines[:header] == ["首页", "重点任务责任分工", ""]
    assert lines[header : header + 18] == [
        "\t序号",
        "\t具体措施",
        "\t完成时限",
        "\t牵头单位",
        "\t配合单位",
        "",
        "\t1",
        "\t开展职业技能 培训",
        "\t2023年",
        "\t市人社局",
        "\t市财政局、市总工会",
        "",
        "\t2",
        "\t建设公共实训基地",
        "\t2024年",
        "\t",  # covered by the rowspan above: blank, the carry-down mark
        "\t—",  # empty in its own right: explicitly none
        "",
    ]
    assert lines[-2:] == ["抄送：市委办公室", ""]


INLINE_PAGE = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>海门市人民政府</title>
</head>
<body>
<table width="100%"><tr><td><a href="/">首页</a> &gt; 政策文件</td></tr>
<tr><td>
<div class="article">
<p style="text-align:center"><b>新时代产业工人队伍建设改革实施方案</b></p>
<p>一、总体要求</p>
<p>&nbsp;&nbsp;坚持党的领导，深化改革。</p>
<p>二、主要举措</p>
<p>（一）加强思想政治引领</p>
<p>1.加强职业技能培训。每年培训1万人次。〔牵头单位：市人社局；配合单位：市财政局、市总工会〕
<p>2.推进产业工人入党。
（牵头单位：市委组织部；协同单位：团市委）</p>
<p>（二）健全技能形成体系</p>
<p>3.建设公共实训基地。〔牵头单位：市发改委；配合单位：市人社局〕</p>
</div>
</td></tr></table>
</body>
</html>
"""


def test_an_html_page_in_gbk_with_inline_notes(tmp_path):
    path = tmp_path / "inline.htm"
    path.write_bytes(INLINE_PAGE.encode("gbk"))
    decoded = read_plan_text(path)
    assert decoded.encoding == "html:gb18030"  # the declared gb2312, read as its superset
    assert "\t" not in decoded.text  # a one-column table is page layout, not data
    coded = ag.parse_corpus([path])
    assert coded.documents.layout.tolist() == ["inline"]
    assert _coded(coded) == [
        ("s1-m1", "lead", "市人社局", False),
        ("s1-m1", "support", "市财政局", False),
        ("s1-m1", "support", "市总工会", False),
        ("s1-m2", "lead", "市委组织部", False),
        ("s1-m2", "support", "团市委", False),
        ("s2-m3", "lead", "市发改委", False),
        ("s2-m3", "support", "市人社局", False),
    ]
    for row in coded.assignments.itertuples():
        assert _line_holds(path, row.line, row.agency_raw)


def test_a_declared_charset_is_honoured_only_where_the_bytes_are_not_utf8():
    page = '<html><head><meta charset="gbk"></head><body><p>牵头单位：市人社局</p></body></html>'
    assert decode_plan(page.encode("utf-8"), "p.html").encoding == "html:utf-8"
    assert decode_plan(page.encode("gbk"), "p.html").encoding == "html:gb18030"
    big5 = page.replace("gbk", "big5").replace("牵头单位：市人社局", "牽頭單位：市人事局")
    decoded = decode_plan(big5.encode("big5"), "p.html")
    assert decoded.encoding == "html:big5" and "市人事局" in decoded.text


def test_an_html_page_saved_as_txt_is_read_as_html(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(TABLE_PAGE, encoding="utf-8")
    assert read_plan_text(path).encoding == "html:utf-8"
    assert ag.parse_corpus([path]).documents.layout.tolist() == ["table"]


def test_an_html_page_in_utf16_is_detected_after_decoding():
    decoded = decode_plan(TABLE_PAGE.encode("utf-16"), "page.txt")
    assert decoded.encoding == "html:utf-16-le"
    assert "\t市人社局" in decoded.text.split("\n")


def test_a_table_in_a_data_cell_is_flattened_into_the_cell():
    page = (
        "<table><tr><th>具体措施</th><th>牵头单位</th><th>配合单位</th></tr>"
        "<tr><td>加强培训<table><tr><td>一季度</td><td>启动</td></tr>"
        "<tr><td>四季度</td><td>完成</td></tr></table></td>"
        "<td>市人社局</td><td>市总工会</td></tr>"
        "<tr><td>推进入党</td><td colspan=2>市委组织部</td></tr></table>"
    )
    lines = decode_plan(page.encode(), "p.html").text.split("\n")
    assert lines == [
        "\t具体措施",
        "\t牵头单位",
        "\t配合单位",
        "",
        "\t加强培训",
        "一季度 启动",
        "四季度 完成",
        "\t市人社局",
        "\t市总工会",
        "",
        "\t推进入党",
        "\t市委组织部",  # a colspan cell is written once
        "",
    ]


@pytest.mark.parametrize(
    "name",
    ["rowspan over two columns", "two rowspans side by side", "rowspan=0"],
)
def test_rowspans_are_written_once_per_spanning_cell(name):
    rows = {
        "rowspan over two columns": (
            "<tr><td>a</td><td rowspan=2 colspan=2>b</td><td>c</td></tr><tr><td>d</td><td>e</td>",
            ["\ta", "\tb", "\tc", "", "\td", "\t", "\te", ""],
        ),
        "two rowspans side by side": (
            "<tr><td>a</td><td rowspan=2>b</td><td rowspan=2>c</td></tr><tr><td>d</td>",
            ["\ta", "\tb", "\tc", "", "\td", "\t", "\t", ""],
        ),
        "rowspan=0": (
            "<tr><td rowspan=0>a</td><td>b</td></tr><tr><td>c</td><tr><td>d</td>",
            ["\ta", "\tb", "", "\t", "\tc", "", "\t", "\td", ""],
        ),
    }
    markup, expected = rows[name]
    assert decode_plan(f"<table>{markup}</table>".encode(), "p.html").text.split("\n") == expected


def test_bundled_plans_are_never_read_as_html():
    for path in bundled_corpus():
        decoded = read_plan_text(path)
        assert decoded.encoding in ("utf-8", "gb18030"), path
        assert not looks_like_html(decoded.text)
        assert decoded.text == path.read_bytes().decode(decoded.encoding).replace("\r\n", "\n")


def test_plain_text_with_a_stray_tag_stays_text():
    text = "二、主要举措\n1.加强培训。<p>每年<b>培训</b></p>（牵头单位：市人社局）\n"
    assert decode_plan(text.encode()).encoding == "utf-8"
    assert not looks_like_html("<市人社局>牵头，2023年完成")
    assert not looks_like_html("<p")


def test_plain_text_named_html_keeps_its_lines(tmp_path):
    text = "二、主要举措\n1.加强培训。（牵头单位：市人社局）\n2.推进入党。（牵头单位：团市委）\n"
    path = tmp_path / "plan.html"
    path.write_text(text, encoding="utf-8")
    assert read_plan_text(path).encoding == "utf-8"
    assert read_plan(path) == text


def test_an_html_page_with_no_text_is_rejected_naming_the_file(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>空</title><script>x()</script></head><body> </body></html>")
    with pytest.raises(InputError, match="no text") as info:
        read_plan(path)
    assert str(path) in str(info.value)
    prose = tmp_path / "prose.html"
    prose.write_text("<p>这是一段说明文字，没有任何措施。</p>", encoding="utf-8")
    with pytest.raises(InputError, match="no measures") as info:
        ag.parse_corpus([prose])
    assert str(prose) in str(info.value)


# --- Excel ---------------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx(sheets: list[tuple[str, list[list[object]], list[str]]], hidden: int | None = None):
    """A minimal .xlsx: sheets as (name, rows, merged ranges); strings shared, ints numbers.

    A cell value ``("inline", text)`` is written as an inline string, ``("date", serial)``
    as a number in a date style.
    """
    strings: list[str] = []
    sheet_parts = []
    for _, rows, merges in sheets:
        xml_rows = []
        for r, row in enumerate(rows, start=1):
            cells = []
            for c, value in enumerate(row, start=1):
                ref = f"{_column(c)}{r}"
                if value is None or value == "":
                    continue
                if isinstance(value, tuple) and value[0] == "inline":
                    cells.append(
                        f'<c r="{ref}" t="inlineStr"><is><t>{escape(value[1])}</t></is></c>'
                    )
                elif isinstance(value, tuple) and value[0] == "date":
                    cells.append(f'<c r="{ref}" s="1"><v>{value[1]}</v></c>')
                elif isinstance(value, int | float):
                    cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                else:
                    strings.append(str(value))
                    cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
            xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        merge_xml = ""
        if merges:
            merge_xml = (
                f'<mergeCells count="{len(merges)}">'
                + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
                + "</mergeCells>"
            )
        sheet_parts.append(
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetData>{"".join(xml_rows)}'
            f"</sheetData>{merge_xml}</worksheet>"
        )
    shared = "".join(
        # Rich text runs and a phonetic guide (never part of the text) for the first string.
        f"<si><r><t>{escape(s[:1])}</t></r><r><t>{escape(s[1:])}</t></r>"
        f"<rPh sb='0' eb='1'><t>ピン</t></rPh></si>"
        if i == 0 and len(s) > 1
        else f'<si><t xml:space="preserve">{escape(s.replace(chr(13), "_x000D_"))}</t></si>'
        for i, s in enumerate(strings)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            "<sheets>"
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"'
                + (' state="hidden"' if hidden == i else "")
                + "/>"
                for i, (name, _, _) in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                # Sheets stored in reverse file order: the workbook's order must win.
                f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                f'Target="worksheets/sheet{len(sheets) + 1 - i}.xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + "</Relationships>",
        )
        for i, part in enumerate(sheet_parts, start=1):
            archive.writestr(f"xl/worksheets/sheet{len(sheets) + 1 - i}.xml", part)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">{shared}</sst>',
        )
        archive.writestr(
            "xl/styles.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}">'
            '<numFmts count="1">'
            '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>'
            '</numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176"/></cellXfs>'
            "</styleSheet>",
        )
    return buffer.getvalue()


DIVISION = [
    ["新时代产业工人队伍建设改革重点任务责任分工表", "", "", "", "", ""],
    ["", "", "", "", "", ""],
    ["序号", "重点任务", "具体措施", "完成时限", "牵头单位", "配合单位"],
    [1, "（一）提升技能", "开展职业技能培训", 2023, "市人社局", "市财政局\n市总工会"],
    [2, "", "建设公共实训基地", ("date", 45291), "", "市发改委"],
    [3, "", ("inline", "推行“技能+学历”提升"), "长期", "", ""],
    [4, "（二）加强引领", "推进产业工人入党", "每年", "市委组织部", ""],
    [5, "", "建立劳模工作室", "2025年", "市总工会", "团市委、市妇联"],
]
DIVISION_MERGES = ["A1:F1", "B4:B6", "E4:E6", "F5:F6", "B7:B8"]


def test_an_xlsx_with_merged_cells_codes_like_a_table(tmp_path):
    path = tmp_path / "division.xlsx"
    path.write_bytes(_xlsx([("分工", DIVISION, DIVISION_MERGES)]))
    coded = ag.parse_corpus([path])
    assert coded.documents.layout.tolist() == ["table"]
    assert coded.measures.text.tolist() == [
        "开展职业技能培训",
        "建设公共实训基地",
        "推行“技能+学历”提升",
        "推进产业工人入党",
        "建立劳模工作室",
    ]
    assert coded.measures.timeline.tolist() == ["2023", "2023-12-31", "长期", "每年", "2025年"]
    assert coded.measures.section_title.tolist() == ["提升技能"] * 3 + ["加强引领"] * 2
    got = [(r, u, i) for _, r, u, i in _coded(coded)]
    assert got == [
        ("lead", "市人社局", False),
        ("support", "市财政局", False),
        ("support", "市总工会", False),
        ("lead", "市人社局", True),  # vertically merged lead: carried down
        ("support", "市发改委", False),
        ("lead", "市人社局", True),
        ("support", "市发改委", True),  # merged support: carried down too
        ("lead", "市委组织部", False),  # an empty cell not merged: explicitly none
        ("lead", "市总工会", False),
        ("support", "团市委", False),
        ("support", "市妇联", False),
    ]
    for row in coded.assignments.itertuples():
        assert _line_holds(path, row.line, row.agency_raw)


def test_xlsx_text_is_the_docx_flattening(tmp_path):
    path = tmp_path / "division.xlsx"
    path.write_bytes(_xlsx([("分工", DIVISION, DIVISION_MERGES)]))
    decoded = read_plan_text(path)
    assert decoded.encoding == "xlsx"
    lines = decoded.text.split("\n")
    # The title, merged across the row, is a plain line written once; the empty row is gone.
    assert lines[:2] == ["新时代产业工人队伍建设改革重点任务责任分工表", ""]
    row_2 = lines[lines.index("\t建设公共实训基地") - 2 :][:7]
    assert row_2 == ["\t2", "\t", "\t建设公共实训基地", "\t2023-12-31", "\t", "\t市发改委", ""]
    row_4 = lines[lines.index("\t推进产业工人入党") - 2 :][:7]
    assert row_4 == [
        "\t4",
        "\t（二）加强引领",
        "\t推进产业工人入党",
        "\t每年",
        "\t市委组织部",
        "\t—",
        "",
    ]
    assert "ピン" not in decoded.text  # phonetic guides are not text


def test_every_visible_sheet_is_read_in_workbook_order(tmp_path):
    header = ["具体措施", "牵头单位", "配合单位"]
    sheets = [
        ("一", [header, ["加强培训", "市人社局", "市总工会"]], []),
        ("lists", [["市假局"], ["市假委"]], []),
        ("二", [header, ["推进入党", "市委组织部", "团市委"]], []),
    ]
    path = tmp_path / "two.xlsx"
    path.write_bytes(_xlsx(sheets, hidden=2))
    coded = ag.parse_corpus([path])
    assert coded.measures.text.tolist() == ["加强培训", "推进入党"]
    assert "市假局" not in read_plan(path)


def test_a_workbook_saved_as_txt_is_read_as_excel(tmp_path):
    path = tmp_path / "division.txt"
    path.write_bytes(_xlsx([("分工", DIVISION, DIVISION_MERGES)]))
    assert read_plan_text(path).encoding == "xlsx"


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"xl/workbook.xml": "<workbook><sheets"}, "not a readable Excel workbook"),
        ({"xl/workbook.xml": f'<workbook xmlns="{_MAIN}"><sheets/></workbook>'}, "no text"),
        ({"word/other.xml": "<x/>"}, "ZIP"),
    ],
)
def test_bad_workbooks_are_rejected_naming_the_file(tmp_path, parts, message):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    path = tmp_path / "bad.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=message) as info:
        read_plan(path)
    assert str(path) in str(info.value)


# --- CSV ---------------------------------------------------------------------------------

CSV_PLAN = (
    "重点任务责任分工,,,\n"
    "具体措施,完成时限,牵头单位,配合单位\n"
    '开展职业技能培训,2023年,市人社局,"市财政局、市总工会"\n'
    "建设公共实训基地,2024年,,市发改委\n"
    '推进产业工人入党,每年,市委组织部,"团市委\n市妇联"\n'
    ",,,\n"
)


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("gbk", ","), ("utf-8-sig", ","), ("utf-8", "\t")]
)
def test_a_csv_codes_like_a_table_with_empty_cells_carried(tmp_path, encoding, delimiter):
    path = tmp_path / ("plan.csv" if delimiter == "," else "plan.tsv")
    text = CSV_PLAN.replace(",", delimiter) if delimiter != "," else CSV_PLAN
    path.write_bytes(text.encode(encoding))
    coded = ag.parse_corpus([path])
    assert coded.documents.layout.tolist() == ["table"]
    assert coded.measures.text.tolist() == [
        "开展职业技能培训",
        "建设公共实训基地",
        "推进产业工人入党",
    ]
    got = [(r, u, i) for _, r, u, i in _coded(coded)]
    assert got == [
        ("lead", "市人社局", False),
        ("support", "市财政局", False),
        ("support", "市总工会", False),
        ("lead", "市人社局", True),  # an empty CSV cell is a merged one: carried down
        ("support", "市发改委", False),
        ("lead", "市委组织部", False),
        ("support", "团市委", False),
        ("support", "市妇联", False),
    ]
    for row in coded.assignments.itertuples():
        assert _line_holds(path, row.line, row.agency_raw)


def test_a_spreadsheet_saved_as_csv_under_a_text_name_is_read_as_one(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(CSV_PLAN, encoding="utf-8")
    coded = ag.parse_corpus([path])
    assert coded.documents.layout.tolist() == ["table"]
    assert [(r, u) for _, r, u, _ in _coded(coded)][:3] == [
        ("lead", "市人社局"),
        ("support", "市财政局"),
        ("support", "市总工会"),
    ]
    for row in coded.assignments.itertuples():
        assert _line_holds(path, row.line, row.agency_raw)


def test_prose_with_half_width_commas_is_no_csv():
    # a copy whose sentences use half-width commas varies in its cells per line
    prose = (
        "7.检验检疫局负责,市工商局配合,加强流通环节进口食品质量安全监管。\n"
        "8.市工商局负责,市经贸委、市农业局配合,严格实施肉品销售“两证”制度,加强检查。\n"
        "9.市城管执法局负责,取缔无照经营食品小摊点。\n"
    )
    assert decode_plan(prose.encode("utf-8"), "plan.txt").text == prose


def test_a_csv_with_no_text_is_rejected(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text(",,,\n,,\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text") as info:
        read_plan(path)
    assert str(path) in str(info.value)


# --- the bundled Cixi table, as a web page and as a workbook -----------------------------


def _cixi_grid() -> tuple[list[str], list[list[list[str]]]]:
    """The Cixi plan's lead-in lines and its table rows (cells as their lines).

    A row the source cut in two with a stray blank line is joined again, as the table
    parser joins it.
    """
    path = next(p for p in bundled_corpus() if ag.corpus.document_metadata(p)["doc_id"] == "cixi")
    lead_in: list[str] = []
    rows: list[list[list[str]]] = []
    cells: list[list[str]] = []
    for line in read_plan(path).split("\n"):
        if line.startswith("\t"):
            cells.append([line[1:]])
        elif not line.strip():
            if cells:
                rows.append(cells)
            cells = []
        elif cells:
            cells[-1].append(line)
        else:
            lead_in.append(line)
    if cells:
        rows.append(cells)
    width = max(len(r) for r in rows)
    joined = [rows[0]]
    for row in rows[1:]:
        if len(joined) > 1 and len(joined[-1]) < width and len(joined[-1]) + len(row) <= width:
            joined[-1] = joined[-1] + row
        else:
            joined.append(row)
    return lead_in, joined


def _blank(cell: list[str]) -> bool:
    return not "".join(cell).strip()


def _spans(rows: list[list[list[str]]]) -> dict[tuple[int, int], int]:
    """Rows spanned by each data cell: a blank cell continues the filled one above it."""
    spans: dict[tuple[int, int], int] = {}
    origin: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(rows[1:], start=1):
        for c, cell in enumerate(row):
            if _blank(cell):
                assert c in origin, "a blank cell with nothing above it"
                spans[origin[c]] += 1
            else:
                origin[c] = (r, c)
                spans[(r, c)] = 1
    return spans


def _cixi_html() -> str:
    lead_in, rows = _cixi_grid()
    spans = _spans(rows)
    width = max(len(r) for r in rows)
    text = lambda cell: "<br>".join(html.escape(part) for part in cell)  # noqa: E731
    # The first header cell (主要举措) spans the outline columns.
    colspan = f' colspan="{width - len(rows[0]) + 1}"'
    header = "".join(
        f"<th{colspan if c == 0 else ''}>{text(cell)}</th>" for c, cell in enumerate(rows[0])
    )
    body = []
    for r, row in enumerate(rows[1:], start=1):
        tds = "".join(
            f'<td rowspan="{spans[(r, c)]}">{text(cell)}</td>'
            for c, cell in enumerate(row)
            if (r, c) in spans
        )
        body.append(f"<tr>{tds}</tr>")
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lead_in)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>慈溪</title></head><body>'
        f"{paragraphs}<table><tr>{header}</tr>{''.join(body)}</table></body></html>"
    )


def _cixi_xlsx() -> bytes:
    lead_in, rows = _cixi_grid()
    spans = _spans(rows)
    width = max(len(r) for r in rows)
    grid: list[list[object]] = [[line] for line in lead_in]
    top = len(grid) + 1  # the header's sheet row
    grid.append(["\n".join(rows[0][0])] + ["\n".join(c) for c in rows[0][1:]])
    grid[-1][1:1] = [""] * (width - len(rows[0]))  # the first header cell spans two columns
    merges = [f"A{top}:{_column(width - len(rows[0]) + 1)}{top}"]
    for r, row in enumerate(rows[1:], start=1):
        grid.append(["" if (r, c) not in spans else "\n".join(cell) for c, cell in enumerate(row)])
        for c in range(len(row)):
            if spans.get((r, c), 1) > 1:
                column = _column(c + 1)
                merges.append(f"{column}{top + r}:{column}{top + r + spans[(r, c)] - 1}")
    return _xlsx([("责任分工", grid, merges)])


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_the_cixi_table_codes_the_same_as_a_web_page_and_a_workbook(tmp_path, coded, fmt):
    path = tmp_path / f"cixi.{fmt}"
    if fmt == "html":
        path.write_text(_cixi_html(), encoding="utf-8")
    else:
        path.write_bytes(_cixi_xlsx())
    converted = ag.parse_corpus([path])
    expected_measures = coded.measures.query("doc_id == 'cixi'").reset_index(drop=True)
    expected = coded.assignments.query("doc_id == 'cixi'").reset_index(drop=True)
    assert len(expected) > 100 and expected.inherited.sum() > 20
    if fmt == "html":  # a page shows a run of spaces as one, as a browser does
        expected_measures = expected_measures.replace(r" {2,}", " ", regex=True)
    # Line numbers count each format's own lines; everything else is the same.
    measure_columns = [c for c in expected_measures.columns if c not in ("doc_id", "line")]
    pd.testing.assert_frame_equal(
        converted.measures[measure_columns], expected_measures[measure_columns]
    )
    columns = [c for c in expected.columns if c not in ("doc_id", "line")]
    pd.testing.assert_frame_equal(converted.assignments[columns], expected[columns])
    for row in converted.assignments.itertuples():
        assert _line_holds(path, row.line, row.agency_raw[:2])
