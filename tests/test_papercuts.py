"""Regression tests of issue 18: what a new researcher trips over."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "agencygraph.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


# -- bug 4: submodules reachable from a bare ``import agencygraph`` ---------------------------


@pytest.mark.parametrize("name", ["viz", "graph", "metrics", "compare", "backbone", "export"])
def test_bug4_submodules_are_reachable_from_the_package(name):
    code = f"import agencygraph; print(agencygraph.{name}.__name__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"agencygraph.{name}"


def test_bug4_the_readme_embedding_snippet_runs():
    code = (
        "import agencygraph\n"
        "coded = agencygraph.parse_corpus()\n"
        "G = agencygraph.graph.bipartite_graph(coded.assignments, coded.measures,"
        " coded.agencies, docs='haimen')\n"
        "page = agencygraph.viz.network_html(G)\n"
        "print(page.startswith('<!DOCTYPE html>'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def test_bug4_an_unknown_attribute_is_still_an_attribute_error():
    import agencygraph

    with pytest.raises(AttributeError):
        agencygraph.no_such_module  # noqa: B018
