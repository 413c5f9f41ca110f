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
ROLE_WEIGHTS: dict[str, float] = {"lead": 2.0, "support": 1.0, "responsible": 1.5}

#: How assignments of role ``responsible`` (units named jointly responsible, no lead stated)
#: are counted by the graphs and metric tables: ``"lead"`` (as leads: each of them carries
#: the measure, as a sole responsible unit does), ``"support"``, or ``"apart"`` (a third
#: role, in neither count). Every function of ``graph``, ``metrics`` and ``compare`` that
#: reads the assignments takes a ``responsible=`` option that overrides this.
RESPONSIBLE: str = "lead"

#: Seed for every random procedure (layouts, FDSM sampling, null models) unless one is passed.
SEED: int = 20240601

#: Number of samples for sampled null models (FDSM, curveball comparisons), per document
#: while the corpus is small (see :data:`NULL_FULL_DOCS`).
NULL_SAMPLES: int = 1000

#: Corpora with at most this many documents (with assignments) get the ``n`` null samples
#: asked for (default :data:`NULL_SAMPLES`) for every document (``method == "full"``). Past
#: it the null models share a budget of ``NULL_FULL_DOCS × n`` document × sample units
#: (:data:`NULL_BUDGET`): each document gets ``max(NULL_MIN_SAMPLES, budget // n_docs)``
#: samples (``method == "reduced"``), so the total cost has no step at the threshold — it
#: stays flat while samples per document fall, then grows linearly once every document is
#: at :data:`NULL_MIN_SAMPLES`. Every document gets a null: none is skipped. A
#: deterministic rule: it never depends on wall time. Reduced nulls run on the compiled
#: curveball sampler (:mod:`agencygraph._curveball`), a few milliseconds per document.
NULL_FULL_DOCS: int = 50

#: Total null budget in document × sample units; ``None``: ``NULL_FULL_DOCS × n``.
NULL_BUDGET: int | None = None

#: Fewest null samples a document gets under the budget (a z-score from ``n`` samples has
#: a Monte-Carlo standard error of about ``sqrt((1 + z**2 / 2) / n)``, 0.1 at ``n = 100``
#: and ``z = 0``; an empirical p-value has resolution ``1 / (n + 1)``). The role-shuffle
#: null of :func:`agencygraph.compare.cross_region_table` draws independent samples (no
#: chain, cheap) under the same rule.
NULL_MIN_SAMPLES: int = 100

#: Louvain (``modularity``, ``n_communities``) is the costliest index to recompute on a
#: null draw (about 1.5 ms each with networkx). Its null runs on at most
#: ``NULL_LOUVAIN_BUDGET // n_docs`` draws per document (all of them while that is enough:
#: 5 documents × 1,000); below :data:`NULL_LOUVAIN_SAMPLES` draws per document (past 250
#: documents) the two Louvain rows of the null table are ``method == "skipped"`` (observed
#: values kept; no z) while every other index keeps its null.
NULL_LOUVAIN_BUDGET: int = 5_000

#: Fewest null draws per document on which the Louvain indices are recomputed.
NULL_LOUVAIN_SAMPLES: int = 20

#: Connected components with more nodes than this get sampled betweenness (Brandes & Pich
#: 2007: :data:`BETWEENNESS_PIVOTS` seeded source nodes, scaled up; ``betweenness_method ==
#: "sampled"``); smaller components are exact (``"exact"``), computed one component at a time.
BETWEENNESS_EXACT_NODES: int = 2000

#: Source nodes (pivots) of sampled betweenness.
BETWEENNESS_PIVOTS: int = 64

#: Place × place tables (``place_overlap``, ``lead_switches``, ``place_similarity``) grow with
#: the square of the number of documents; :func:`agencygraph.compare.metric_tables` writes
#: them for corpora of at most this many documents with assignments (an empty table with
#: ``attrs["skipped"]`` past it). The functions themselves compute any size asked for.
PAIR_TABLES_MAX_DOCS: int = 200

#: Significance level for backbone extraction.
ALPHA: float = 0.05

#: Default output folder for coded and metric tables, relative to the working directory.
TABLES_DIR: str = "data/processed"

#: Plans drawn one by one by ``agencygraph build`` (per-plan figures, HTML networks and
#: graph files): the this-many plans with the most assignments. ``"all"``, ``"none"`` or a
#: list of doc ids choose otherwise (``--per-plan``). The pooled and cross-plan outputs are
#: drawn over the plans drawn (the tables cover every plan); five keep a 200-plan build
#: under 100 MB and about a minute.
PER_PLAN: int | str = 5
#: Default output folder for figures, HTML networks and graph files.
FIGURES_DIR: str = "figures"

#: Encodings tried, in order, when a plan file's bytes carry no byte-order mark.
ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")

#: How many documents ``agencygraph parse`` lists as most worth checking (see
#: :func:`agencygraph.coding.documents_to_check`).
DOCUMENTS_TO_CHECK = 5

# -- scale (issue 19): builds streamed in chunks --------------------------------------------
#: Plans parsed and written at a time by ``agencygraph build --tables-only --chunk-size N``
#: (:func:`agencygraph.stream.build_streamed`), the value the README suggests for 100,000 plans.
STREAM_CHUNK_PLANS: int = 2000
