"""Reading plan files: encodings, line endings, the manifest, unreadable input."""

from __future__ import annotations

import pytest

from agencygraph._errors import InputError
from agencygraph.corpus import (
    bundled_corpus,
    bundled_manifest,
    decode_plan,
    document_metadata,
    read_plan,
)

SAMPLE = "二、主要举措\n1.加强培训。（牵头单位：市人社局；协同单位：市总工会）\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_every_supported_encoding_gives_the_same_text(encoding):
    data = SAMPLE.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = ("\ufeff" + SAMPLE).encode(encoding)  # a BOM, as Windows editors write it
    assert decode_plan(data).text == SAMPLE


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_line_endings_are_normalised(ending):
    assert decode_plan(SAMPLE.replace("\n", ending).encode()).text == SAMPLE


def test_bundled_corpus_has_five_documents_with_metadata():
    paths = bundled_corpus()
    assert [document_metadata(p)["doc_id"] for p in paths] == [
        "cixi",
        "haimen",
        "shanhu",
        "ningbo",
        "lijiang",
    ]
    manifest = bundled_manifest()
    assert {row["place_en"] for row in manifest.values()} == {
        "Cixi",
        "Haimen",
        "Shanhu",
        "Ningbo",
        "Lijiang",
    }
    assert all(row["title"] and row["province"] and row["level"] for row in manifest.values())


def test_a_file_outside_the_manifest_is_named_by_its_stem(tmp_path):
    path = tmp_path / "my_plan.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    assert document_metadata(path)["doc_id"] == "my_plan"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_unreadable_bytes_raise_an_error_naming_the_file(data, message):
    with pytest.raises(InputError, match=message) as info:
        decode_plan(data, "plans/bad.txt")
    assert "plans/bad.txt" in str(info.value)


def test_invalid_bytes_name_the_line():
    data = "第一行\n第二行\n".encode() + b"\xff\xfe\xfa bad\n"
    with pytest.raises(InputError, match=r"bad.txt:3"):
        decode_plan(data, "bad.txt")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_plan(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_plan(tmp_path)


def test_an_installed_wheel_finds_the_bundled_corpus(tmp_path):
    """Not only a checkout: the wheel carries the corpus and its manifest."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    site = tmp_path / "site"
    wheel = next(wheels.glob("agencygraph-*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    script = (
        "import agencygraph.corpus as c; paths = c.bundled_corpus(); "
        "print(len(paths), paths[0].parent.name, c.document_metadata(paths[0])['doc_id'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.split() == ["5", "corpus", "cixi"]
