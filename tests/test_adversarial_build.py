"""Hostile corpora and faults at the output end of a build (issue 21).

Manifest rows that would lead a build outside its folders (``../`` doc ids, absolute or
``../`` files, links leaving the corpus, doc ids given twice) are refused one by one and
reported with the manifest's line; text a spreadsheet would run is neither coded as a
unit nor written as a formula; a build killed (SIGKILL, SIGINT) at any point leaves each
output folder complete, old or new; a full or unwritable folder gives one line and
changes nothing; two builds into one folder take turns; the tables do not depend on
``--jobs`` or the hash seed. Real ``agencygraph build`` processes on small corpora.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import pathlib
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import agencygraph as ag
from agencygraph import pipeline
from agencygraph._errors import OutputError
from agencygraph.corpus import doc_id_problem, manifest_refusals
from agencygraph.export import (
    FORMULA_STARTS,
    output_lock,
    output_path,
    read_table,
    table_to_csv_bytes,
)
from agencygraph.synth import write_synthetic_corpus

SRC = str(Path(ag.__file__).resolve().parents[1])
SAMPLES = "2"
SECRET = "绝密：本文件不应出现在任何输出中"

# A plan whose unit lists hold formula syntax and whose measure text begins like one.
FORMULA_PLAN = """海门市产业工人队伍建设改革实施方案

一、重点任务

1.强化政治思想引领。加强社会主义核心价值观教育。（牵头单位：=HYPERLINK("http://x","y")；协同单位：@SUM(1+1)、市人社局）
2.=1+1党员人才双向培养。加强对产业工人入党积极分子的培养。（牵头单位：市委组织部；协同单位：-2+3、市总工会）
3.改革创新群团工作。探索实行产业工人在群团组织挂职。（牵头单位：市委组织部；协同单位：市财政局）
"""
PLAIN_PLAN = """慈溪市产业工人队伍建设改革实施方案

一、重点任务

1.加强技能培训。开展职业技能提升行动。（牵头单位：市人社局；协同单位：市总工会）
2.完善激励机制。落实技能人才待遇。（牵头单位：市总工会；协同单位：市财政局）
"""


def _add_rows(root: Path, rows: list[dict]) -> dict[str, int]:
    """Append manifest rows; returns file → line of each added row."""
    manifest = root / "manifest.csv"
    text = manifest.read_text(encoding="utf-8")
    lines = {}
    n = len(text.rstrip("\n").split("\n"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i, row in enumerate(rows, start=1):
        writer.writerow([row.get("file", ""), row.get("doc_id", ""), "t", "", "", "", "", "", ""])
        lines[row["file"]] = n + i
    manifest.write_text(text + out.getvalue(), encoding="utf-8")
    return lines


def adversarial_corpus(root: Path) -> dict[str, int]:
    """Three synthetic plans and the hostile cases beside them; file → manifest line."""
    write_synthetic_corpus(3, seed=2, out=root)
    (root / "formula.txt").write_text(FORMULA_PLAN, encoding="utf-8")
    for name in ("escape.txt", "dup.txt", "Dup2.txt", "link_target_ok.txt"):
        (root / name).write_text(PLAIN_PLAN, encoding="utf-8")
    secret = root.parent / f"{root.name}_secret.txt"
    secret.write_text(PLAIN_PLAN.replace("开展职业技能提升行动", SECRET), encoding="utf-8")
    (root / "link.txt").symlink_to(secret)
    # A few of the readers' hostile kinds, for determinism: NUL bytes, a UTF-8 BOM over GBK
    # text, a long run of 、 in a unit list.
    (root / "nul.txt").write_bytes(PLAIN_PLAN.replace("加强", "加\x00强").encode("utf-8"))
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + PLAIN_PLAN.encode("gb18030"))
    (root / "dun.txt").write_text(
        PLAIN_PLAN.replace("市总工会）", "市总工会" + "、" * 5000 + "市财政局）"), encoding="utf-8"
    )
    return _add_rows(
        root,
        [
            {"file": "formula.txt", "doc_id": "formula"},
            {"file": "escape.txt", "doc_id": "../../../escaped_x"},
            {"file": "../outside.txt", "doc_id": "outside"},
            {"file": "/etc/passwd", "doc_id": "passwd"},
            {"file": "link.txt", "doc_id": "link"},
            {"file": "dup.txt", "doc_id": "formula"},
            {"file": "Dup2.txt", "doc_id": "FORMULA"},
            {"file": "link_target_ok.txt", "doc_id": "ok"},
        ],
    )


def _env(hash_seed: str = "0") -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC, "PYTHONHASHSEED": hash_seed}


def _build_args(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [
        "build",
        str(corpus),
        "--out",
        str(out / "t"),
        "--figures",
        str(out / "f"),
        "--null-samples",
        SAMPLES,
        "--quiet",
        *extra,
    ]


def _agencygraph(*args: str, hash_seed: str = "0", **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "agencygraph", *args],
        capture_output=True,
        text=True,
        env=_env(hash_seed),
        check=False,
        **kwargs,
    )


def _files(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _everything(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    """The adversarial corpus built (tables only) once, and an older corpus's build."""
    root = tmp_path_factory.mktemp("adversarial")
    corpus = root / "corpus"
    lines = adversarial_corpus(corpus)
    before = _everything(root)
    new = _agencygraph(*_build_args(corpus, root / "new", "--tables-only"), cwd=root)
    assert new.returncode == 0, new.stderr
    old_corpus = root / "old_corpus"
    write_synthetic_corpus(2, seed=1, out=old_corpus)
    old = _agencygraph(*_build_args(old_corpus, root / "old", "--tables-only"), cwd=root)
    assert old.returncode == 0, old.stderr
    return {
        "root": root,
        "corpus": corpus,
        "old_corpus": old_corpus,
        "lines": lines,
        "before": before,
        "new": _files(root / "new" / "t"),
        "old": _files(root / "old" / "t"),
    }


# -------------------------------------------------------------------------- paths and rows


def test_nothing_is_written_outside_the_output_folders(study):
    root = study["root"]
    created = _everything(root) - study["before"]
    outside = [
        p
        for p in created
        if not p.startswith(("new/", "old/", "old_corpus/"))
        and p not in {"new", "old", "old_corpus"}
    ]
    assert outside == []
    assert not list(root.parent.rglob("*escaped_x*"))
    # Nothing written into the corpus either.
    assert not [p for p in created if p.startswith("corpus/")]


def test_refused_manifest_rows_are_listed_with_the_manifest_line_and_the_rest_coded(study):
    rejected = read_table(io.BytesIO(study["new"]["rejected.csv"]), dtype=str)
    manifest = str(study["corpus"] / "manifest.csv")
    lines = study["lines"]
    by_line = {int(r.line): r for r in rejected.itertuples() if r.file == manifest}
    for name, words in [
        ("escape.txt", "holds a path separator ('/')"),
        ("../outside.txt", "leads outside the manifest's folder"),
        ("/etc/passwd", "leads outside the manifest's folder"),
        ("link.txt", "outside its corpus folder"),
        ("dup.txt", f"is already used on line {lines['formula.txt']}"),
        ("Dup2.txt", f"differs only in case from 'formula' on line {lines['formula.txt']}"),
    ]:
        assert words in by_line[lines[name]].reason, name
    documents = read_table(io.BytesIO(study["new"]["documents.csv"]), dtype=str)
    coded = set(documents.doc_id)
    assert {"formula", "ok", "syn000000", "syn000001", "syn000002"} <= coded
    assert not coded & {"link", "outside", "passwd", "FORMULA"}
    assert not [d for d in coded if "/" in d or "escaped" in d]


def test_a_link_leaving_the_corpus_is_not_read(study):
    for name, data in study["new"].items():
        assert SECRET.encode() not in data, name


@pytest.mark.parametrize(
    ("doc_id", "problem"),
    [
        ("../../../escaped_x", "path separator ('/')"),
        ("/tmp/abs", "path separator ('/')"),
        ("a\\b", "path separator ('\\\\')"),
        (".hidden", "starts with '.'"),
        ("..", "starts with '.'"),
        ("what?", "which file names cannot hold"),
        ("a:b", "which file names cannot hold"),
        ("规划" * 30, "bytes long"),
    ],
)
def test_unsafe_doc_ids_are_refused_with_the_manifest_line(tmp_path, doc_id, problem):
    assert problem in doc_id_problem(doc_id)
    (tmp_path / "manifest.csv").write_text(
        f"file,doc_id\nfine.txt,fine\nbad.txt,{doc_id}\n", encoding="utf-8"
    )
    refused = manifest_refusals(tmp_path / "manifest.csv")
    assert list(refused) == ["bad.txt"]
    line, reason = refused["bad.txt"]
    assert line == 3 and problem in reason


def test_safe_doc_ids_pass():
    assert "which file names cannot hold" in doc_id_problem("nul\x00byte")
    # Windows device names are fine: outputs are <doc_id>_<kind>.<ext>, never the bare name.
    for doc_id in ("cixi", "慈溪_2019", "a.b-c", "x" * 120, "规划" * 20, "nul", "CON", "a."):
        assert doc_id_problem(doc_id) is None, doc_id


def test_a_file_name_that_is_no_safe_doc_id_is_refused_naming_the_file(tmp_path):
    (tmp_path / "what?.txt").write_text(PLAIN_PLAN, encoding="utf-8")
    (tmp_path / "good.txt").write_text(PLAIN_PLAN, encoding="utf-8")
    coded = ag.parse_corpus([tmp_path])
    assert list(coded.documents.doc_id) == ["good"]
    row = coded.rejected.iloc[0]
    assert row.file.endswith("what?.txt") and "which file names cannot hold" in row.reason


def test_a_link_leaving_the_folder_without_a_manifest_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (tmp_path / "elsewhere.txt").write_text(PLAIN_PLAN, encoding="utf-8")
    (corpus / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    (corpus / "inside.txt").write_text(PLAIN_PLAN, encoding="utf-8")
    (corpus / "same.txt").symlink_to(corpus / "inside.txt")  # a link within: read
    coded = ag.parse_corpus([corpus])
    assert sorted(coded.documents.doc_id) == ["inside", "same"]
    assert "outside its corpus folder" in coded.rejected.set_index("doc_id").loc["link", "reason"]


def test_every_output_path_is_checked_to_lie_inside_its_folder(tmp_path):
    out = tmp_path / "out"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "away").symlink_to(tmp_path)
    for name in ("../x", "/etc/x", "a/../../x", "a\\..\\x", "a\x00b", "figures/away/x", ""):
        with pytest.raises(OutputError, match="leads outside the output folder"):
            output_path(out, name)
    assert output_path(out, "figures/a.png") == out / "figures" / "a.png"


def test_a_build_given_an_unsafe_doc_id_in_python_writes_nothing(tmp_path):
    # The coder never gives one; a hand-made table could: the writer still refuses it.
    coded = ag.parse_corpus([_plain_corpus(tmp_path / "c")])
    doc = coded.documents.doc_id.iloc[0]
    for table in (coded.documents, coded.measures, coded.assignments, coded.agencies):
        table["doc_id"] = table["doc_id"].replace(doc, "../../../escaped_x")
    out = tmp_path / "deep" / "er" / "out"
    with pytest.raises(OutputError, match="escaped_x"):
        pipeline.build(
            coded, tables_dir=out / "t", figures_dir=out / "f", null_samples=2, per_plan="all"
        )
    assert not list(tmp_path.rglob("*escaped_x*"))
    assert not (out / "f").exists() or _files(out / "f") == {}


def _plain_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(PLAIN_PLAN, encoding="utf-8")
    (folder / "b.txt").write_text(PLAIN_PLAN.replace("慈溪", "海门"), encoding="utf-8")
    return folder


# ------------------------------------------------------------------- spreadsheet-safe CSV


def test_formula_syntax_is_not_coded_as_a_unit_but_reported(study):
    assignments = read_table(io.BytesIO(study["new"]["assignments.csv"]), dtype=str)
    units = set(assignments[assignments.doc_id == "formula"].agency_raw)
    assert units == {"市人社局", "市委组织部", "市总工会", "市财政局"}
    warnings = read_table(io.BytesIO(study["new"]["warnings.csv"]), dtype=str)
    reported = warnings[(warnings.doc_id == "formula") & (warnings.kind == "not_a_unit")]
    assert sorted(reported.line.astype(int)) == [5, 5, 6]
    assert any('=HYPERLINK("http://x","y")' in m for m in reported.message)
    assert any("@SUM(1+1)" in m for m in reported.message)
    unknown = read_table(io.BytesIO(study["new"]["unknown_agencies.csv"]), dtype=str)
    assert not unknown.agency_raw.str.startswith(FORMULA_STARTS).any()


def test_no_csv_cell_of_a_build_starts_as_a_formula_and_numbers_stay_numbers(study):
    negatives = 0
    marked = 0
    for name, data in study["new"].items():
        if not name.endswith(".csv"):
            continue
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS) or _number(cell), (name, cell)
                negatives += cell.startswith("-") and _number(cell)
                marked += cell.startswith("'")
        raw = pd.read_csv(io.BytesIO(data))
        back = read_table(io.BytesIO(data))
        # Numeric columns read the same, marked or not.
        for column in raw.select_dtypes("number").columns:
            pd.testing.assert_series_equal(raw[column], back[column])
    assert negatives > 0  # z-scores and the like: written as numbers, not marked
    assert marked > 0
    measures = read_table(io.BytesIO(study["new"]["measures.csv"]), dtype=str)
    assert measures[measures.doc_id == "formula"].text.str.startswith("=1+1").any()
    assert "'=1+1" in study["new"]["measures.csv"].decode("utf-8")


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_read_table_round_trips_raw_values_through_pandas(tmp_path):
    frame = pd.DataFrame(
        {
            "text": ["=1+1", "+x", "-y", "@SUM(A1)", "\tt", "\rr", "'quoted", "''", "plain", ""],
            "z": [-0.5, 1.25, -3.0, 0.0, 2.0, -1e-9, 4.0, 5.0, -6.5, 7.0],
            "n": [-1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            "flag": [True, False] * 5,
            "mixed": ["-1", "2", "=A1", "x", None, "'", "a,b", 'say "hi"', "@", "\x00nul"],
        }
    )
    path = tmp_path / "t.csv"
    path.write_bytes(table_to_csv_bytes(frame))
    text = io.StringIO(path.read_bytes().decode("utf-8"), newline="")
    cells = [c for row in csv.reader(text) for c in row]
    assert len(cells) == 5 * 11
    assert not [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)]
    # What pandas gives on the raw values: the same table, "" and None read as NaN.
    expected = frame.replace({"": float("nan")}).fillna(float("nan"))
    pd.testing.assert_frame_equal(read_table(path), expected)
    text = read_table(path, dtype=str, keep_default_na=False)
    assert text.text.tolist() == frame.text.tolist()
    assert text.z.iloc[0] == "-0.5"


# ----------------------------------------------------------------------------- faults

# The real command, its writes into the folder being replaced slowed down, so that a kill
# lands at the chosen point whatever the machine's load.
SLOWED = """
import os, pathlib, sys, time
_write = pathlib.Path.write_bytes
def _slow(self, data):
    n = _write(self, data)
    if ".agencygraph-swap" in str(self):
        time.sleep(float(os.environ["AG_SLOW"]))
    return n
pathlib.Path.write_bytes = _slow
from agencygraph.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _start_slowed(args: list[str], cwd: Path, slow: float = 0.05) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", SLOWED, *args],
        env={**_env(), "AG_SLOW": str(slow)},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # A shell's background jobs inherit SIGINT ignored (Python then installs no Ctrl-C
        # handler): the build gets the default, as in a terminal.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for(condition, process: subprocess.Popen, timeout: float = 120) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.005)
    return False


def _copy_folder(source: dict[str, bytes], folder: Path) -> None:
    for name, data in source.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


@pytest.mark.parametrize(
    ("sig", "staged"), [(signal.SIGKILL, 1), (signal.SIGKILL, 8), (signal.SIGINT, 4)]
)
def test_a_build_killed_while_writing_leaves_the_old_tables_complete(study, tmp_path, sig, staged):
    out = tmp_path / "out"
    _copy_folder(study["old"], out / "t")
    swap = out / ".t.agencygraph-swap"
    build = _start_slowed(_build_args(study["corpus"], out, "--tables-only"), tmp_path)
    count = lambda: len([p for p in swap.rglob("*") if p.is_file()]) if swap.exists() else 0  # noqa: E731
    reached = _wait_for(lambda: count() >= staged, build)
    build.send_signal(sig)
    _, stderr = build.communicate(timeout=120)
    assert reached, stderr
    assert build.returncode == (-signal.SIGKILL if sig == signal.SIGKILL else 130)
    assert _files(out / "t") == study["old"]
    if sig == signal.SIGINT:
        assert "interrupted" in stderr
        assert not swap.exists()  # cleaned up on the way out
    else:
        assert swap.exists()  # left by the killed build, beside the folder, not in it
    # The next build, once it holds the folder, clears what the killed one left.
    with output_lock(out / "t"):
        assert not swap.exists()
    assert _files(out / "t") == study["old"]


def test_a_build_killed_at_a_moment_leaves_old_or_new_tables(study, tmp_path):
    out = tmp_path / "out"
    _copy_folder(study["old"], out / "t")
    build = subprocess.Popen(
        [sys.executable, "-m", "agencygraph", *_build_args(study["corpus"], out, "--tables-only")],
        env=_env(),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)
    build.kill()
    build.wait(60)
    assert _files(out / "t") in (study["old"], study["new"])


def test_a_full_build_killed_leaves_each_folder_complete_old_or_new(study, tmp_path):
    """Full build (figures too): killed while staging figures, after the tables went in."""
    old_corpus, corpus = study["old_corpus"], study["corpus"]
    done = _agencygraph(*_build_args(old_corpus, tmp_path / "old", "--per-plan", "none"))
    assert done.returncode == 0, done.stderr
    # A full build's tables are those of a tables-only build of the same corpus.
    old = {"t": _files(tmp_path / "old" / "t"), "f": _files(tmp_path / "old" / "f")}
    assert old["t"] == study["old"] and old["f"]
    out = tmp_path / "out"
    for name in ("t", "f"):
        _copy_folder(old[name], out / name)
    swap = out / ".f.agencygraph-swap"
    build = _start_slowed(_build_args(corpus, out, "--per-plan", "none"), tmp_path)
    reached = _wait_for(lambda: swap.exists() and any(swap.rglob("*.png")), build)
    build.kill()
    build.communicate(timeout=120)
    assert reached
    # The tables were swapped in before the figures were staged: each folder is whole.
    assert _files(out / "t") == study["new"]
    assert _files(out / "f") == old["f"]


def test_a_folder_left_missing_by_the_two_rename_fallback_is_put_back(tmp_path):
    """Where the one-step exchange is missing, a kill between the renames is undone."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.csv").write_text("old\n")
    # What a kill between the two renames leaves: the old folder moved aside, no folder.
    os.rename(folder, tmp_path / ".out.agencygraph-old")
    (tmp_path / ".out.agencygraph-swap").mkdir()
    with output_lock(folder):
        pass
    assert _files(folder) == {"a.csv": b"old\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.agencygraph.lock", "out"]


def test_the_fallback_without_exchange_swaps_whole_and_keeps_a_users_files(tmp_path, monkeypatch):
    from agencygraph import export

    monkeypatch.setattr(export, "_exchange", lambda a, b: False)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "old_output.csv").write_text("old\n")
    (folder / "my_notes.txt").write_text("mine\n")
    with output_lock(folder):
        export.replace_folder(folder, {"new.csv": b"new\n"}, drop={"old_output.csv"})
    assert _files(folder) == {"new.csv": b"new\n", "my_notes.txt": b"mine\n"}


def test_a_full_disk_changes_nothing_and_says_so_in_one_line(study, tmp_path):
    out = tmp_path / "out"
    _copy_folder(study["old"], out / "t")

    def limit() -> None:  # writing past 10 kB fails with EFBIG, as a full disk fails
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    result = _agencygraph(
        *_build_args(study["corpus"], out, "--tables-only"), cwd=tmp_path, preexec_fn=limit
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("agencygraph: error: cannot write into")
    assert "File too large" in lines[0] and "nothing there was changed" in lines[0]
    assert _files(out / "t") == study["old"]
    assert sorted(p.name for p in out.iterdir()) == [".t.agencygraph.lock", "t"]


def test_no_space_left_mid_write_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.csv").write_bytes(b"old\n")
    written = []
    original = pathlib.Path.write_bytes

    def full(self, data):
        if written:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        written.append(self)
        return original(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", full)
    from agencygraph.export import replace_folder

    with pytest.raises(OutputError, match=r"No space left on device.*nothing there was changed"):
        replace_folder(folder, {"a.csv": b"new\n", "b.csv": b"new\n"})
    assert _files(folder) == {"a.csv": b"old\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_an_unwritable_output_folder_gives_one_line(study, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder\n")
    result = _agencygraph(
        "build",
        str(study["corpus"]),
        "--out",
        str(blocker / "t"),
        "--tables-only",
        "--quiet",
        "--null-samples",
        SAMPLES,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("agencygraph: error: cannot write into")
    assert "is a file, not a folder" in lines[0]
    assert blocker.read_text() == "not a folder\n"


def test_a_build_waits_for_another_holding_the_folder(study, tmp_path):
    out = tmp_path / "out"
    _copy_folder(study["old"], out / "t")
    release = tmp_path / "release"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import pathlib, sys, time\n"
            "from agencygraph.export import output_lock\n"
            f"with output_lock({str(out / 't')!r}):\n"
            "    print('held', flush=True)\n"
            f"    while not pathlib.Path({str(release)!r}).exists(): time.sleep(0.01)\n",
        ],
        env=_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    build = subprocess.Popen(
        [sys.executable, "-m", "agencygraph", *_build_args(study["corpus"], out, "--tables-only")],
        env=_env(),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    waiting = build.stderr.readline()
    assert "another build is writing into" in waiting and "waiting" in waiting
    assert build.poll() is None
    assert _files(out / "t") == study["old"]  # nothing written while the other holds it
    release.touch()
    holder.communicate(timeout=60)
    _, stderr = build.communicate(timeout=180)
    assert holder.returncode == 0 and build.returncode == 0, stderr
    assert _files(out / "t") == study["new"]


def test_two_builds_into_one_folder_at_once_both_finish_whole(study, tmp_path):
    out = tmp_path / "out"
    builds = [
        _start_slowed(_build_args(source, out, "--tables-only"), tmp_path, slow=0.02)
        for source in (study["corpus"], study["old_corpus"])
    ]
    assert [b.communicate(timeout=180) and b.returncode for b in builds] == [0, 0]
    assert _files(out / "t") in (study["new"], study["old"])
    assert sorted(p.name for p in out.iterdir()) == [".t.agencygraph.lock", "t"]


# ---------------------------------------------------------------------------- determinism


def test_jobs_and_hash_seed_give_byte_identical_tables(study, tmp_path):
    result = _agencygraph(
        *_build_args(study["corpus"], tmp_path / "out", "--tables-only", "--jobs", "2"),
        hash_seed="123",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    got = _files(tmp_path / "out" / "t")
    assert got.keys() == study["new"].keys()
    assert [name for name in got if got[name] != study["new"][name]] == []
