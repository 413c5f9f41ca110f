"""Package-wide defaults, in one place.

Every default the pipeline uses is a module-level constant here, so a study can
see (and cite) the settings it ran with, and change one for a session::

    >>> import agencygraph.settings as settings
    >>> settings.ROLE_WEIGHTS["lead"]
    2.0

Functions take these as keyword defaults; passing an argument always wins.
"""

from __future__ import annotations

#: Edge weight of an assignment by role, used by the bipartite graph and its projections.
ROLE_WEIGHTS: dict[str, float] = {"lead": 2.0, "support": 1.0}

#: Seed for every random procedure (layouts, FDSM sampling, null models) unless one is passed.
SEED: int = 20240601

#: Number of samples for sampled null models (FDSM, curveball comparisons).
NULL_SAMPLES: int = 1000

#: Significance level for backbone extraction.
ALPHA: float = 0.05

#: Default output folder for coded and metric tables, relative to the working directory.
TABLES_DIR: str = "data/processed"

#: Default output folder for figures, HTML networks and graph files.
FIGURES_DIR: str = "figures"

#: Encodings tried, in order, when a plan file's bytes carry no byte-order mark.
ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")
