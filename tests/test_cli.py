"""The agencygraph command, run as a user runs it."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from agencygraph.cli import main
from agencygraph.corpus import bundled_corpus


def test_parse_writes_the_contract_tables(tmp_path, capsys):
    assert main(["parse", "--out", str(tmp_path)]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert {
        "documents.csv",
        "measures.csv",
        "assignments.csv",
        "mentions.csv",
        "agencies.csv",
        "unknown_agencies.csv",
    } <= names
    documents = pd.read_csv(tmp_path / "documents.csv")
    assert documents.doc_id.tolist() == ["cixi", "haimen", "shanhu", "ningbo", "lijiang"]
    assignments = pd.read_csv(tmp_path / "assignments.csv", dtype=str)
    assert set(assignments.inherited) == {"true", "false"}
    assert "市(略)" in capsys.readouterr().out


def test_parse_is_byte_identical_across_runs(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["parse", "--out", str(first)]) == 0
    assert main(["parse", "--out", str(second)]) == 0
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        ("一段没有措施的文字。\n".encode(), "no measures"),
    ],
)
def test_unreadable_input_fails_with_one_line_and_writes_nothing(tmp_path, content, expected):
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "agencygraph.cli", "parse", str(bundled_corpus()[1])]
    # In a batch, the bad file is listed in rejected.csv and the others are coded ...
    result = subprocess.run([*command, str(bad), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rejected = pd.read_csv(out / "rejected.csv", dtype=str, keep_default_na=False)
    assert rejected.file.tolist() == [str(bad)] and expected in rejected.reason[0]
    assert pd.read_csv(out / "documents.csv").doc_id.tolist() == ["haimen"]
    # ... unless --strict is given: then it stops the run, and nothing is written.
    out = tmp_path / "strict"
    result = subprocess.run(
        [*command, str(bad), "--strict", "--out", str(out)], capture_output=True, text=True
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "bad.txt" in lines[0] and expected in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_build_without_the_optional_pyarrow_writes_the_same_tables(tmp_path):
    # `pip install agencygraph` (the README's first command) installs no pyarrow; pandas
    # and the projection must not need it. The subprocess makes `import pyarrow` fail.
    blocked = (
        "import sys; sys.modules['pyarrow'] = None; from agencygraph.cli import main; "
        "sys.exit(main(sys.argv[1:]))"
    )
    without, with_ = tmp_path / "without", tmp_path / "with"
    args = ["build", "--tables-only", "--out"]
    result = subprocess.run(
        [sys.executable, "-c", blocked, *args, str(without)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert main([*args, str(with_)]) == 0
    written = sorted(p.name for p in with_.iterdir())
    assert sorted(p.name for p in without.iterdir()) == written
    for name in written:
        assert (without / name).read_bytes() == (with_ / name).read_bytes(), name
