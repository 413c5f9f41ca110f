"""The research notebooks in ``notebooks/`` run top to bottom and are committed clean.

Each notebook is executed with nbclient on the ``python3`` kernel (jupyter_client starts it
with the interpreter running the tests, so it sees the installed package) in a temporary
working directory: files a notebook writes (figures, pages) land there, not in the checkout.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds per cell
KERNEL = "python3"


def _ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


def _files_under(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*")}


def test_notebooks_are_found_and_listed():
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOKS_DIR}"
    readme = (NOTEBOOKS_DIR / "README.md").read_text(encoding="utf-8")
    unlisted = [path.stem for path in NOTEBOOKS if path.stem not in readme]
    assert not unlisted, f"notebooks missing from notebooks/README.md: {unlisted}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_is_committed_clean(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == KERNEL, "kernelspec must be python3"
    dirty = [
        index
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, (
        f"{path.name}: code cells {dirty} have outputs or execution counts; clear them with "
        f"`jupyter nbconvert --clear-output --inplace {path.relative_to(NOTEBOOKS_DIR.parent)}`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs(path: Path, tmp_path: Path):
    before = _files_under(NOTEBOOKS_DIR)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(tmp_path)}},  # the kernel's working directory
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    assert _files_under(NOTEBOOKS_DIR) == before, f"{path.name} wrote into {NOTEBOOKS_DIR}"
