"""agencygraph: who leads and who supports in Chinese policy plans, as networks.

The pipeline runs one way — files → coded tables → graphs → metric tables → figures — and
each stage is a module: :mod:`~agencygraph.read` (any file to text),
:mod:`~agencygraph.corpus` (the manifest and the bundled plans), :mod:`~agencygraph.parse`
(layouts), :mod:`~agencygraph.coding` (the tables), :mod:`~agencygraph.agencies` (the
lexicon), :mod:`~agencygraph.graph`, :mod:`~agencygraph.metrics`,
:mod:`~agencygraph.backbone`, :mod:`~agencygraph.compare`, :mod:`~agencygraph.viz` and
:mod:`~agencygraph.export`.

Examples
--------
>>> import agencygraph as ag
>>> coded = ag.parse_corpus()
>>> int(coded.documents.n_measures.sum())
114
>>> ag.resolve("县人社局").agency_type
'hrss'
"""

import importlib
from importlib.metadata import PackageNotFoundError, version

from agencygraph._errors import AgencygraphError, InferenceError, InputError, LexiconError
from agencygraph.agencies import (
    Lexicon,
    Resolution,
    agencies_table,
    agency_types,
    load_lexicon,
    resolve,
    resolve_table,
    unknown_agencies,
)
from agencygraph.coding import CodedCorpus, parse_corpus
from agencygraph.corpus import bundled_corpus
from agencygraph.export import read_table
from agencygraph.parse import detect_layout, parse_plan
from agencygraph.read import read_plan
from agencygraph.reliability import agreement, sample_measures

#: The public submodules, imported on first use (``agencygraph.viz.network_html(G)`` works
#: after a bare ``import agencygraph``) so that importing the package stays quick.
SUBMODULES = (
    "agencies",
    "backbone",
    "coding",
    "compare",
    "corpus",
    "export",
    "graph",
    "infer",
    "metrics",
    "multitest",
    "parse",
    "pipeline",
    "read",
    "reliability",
    "review",
    "corrections",
    "settings",
    "synth",
    "themes",
    "viz",
)


def __getattr__(name: str):
    if name in SUBMODULES:
        return importlib.import_module(f"agencygraph.{name}")
    raise AttributeError(f"module 'agencygraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *SUBMODULES})


try:
    __version__ = version("agencygraph")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0"

__all__ = [
    "AgencygraphError",
    "CodedCorpus",
    "InferenceError",
    "InputError",
    "Lexicon",
    "LexiconError",
    "Resolution",
    "__version__",
    "agencies_table",
    "agency_types",
    "agreement",
    "bundled_corpus",
    "detect_layout",
    "load_lexicon",
    "parse_corpus",
    "parse_plan",
    "read_plan",
    "read_table",
    "resolve",
    "resolve_table",
    "sample_measures",
    "unknown_agencies",
]
