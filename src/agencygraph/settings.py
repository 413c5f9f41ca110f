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

#: Number of samples for sampled null models (FDSM, curveball comparisons), per document
#: while the corpus is small (see :data:`NULL_FULL_DOCS`).
NULL_SAMPLES: int = 1000

#: Corpora with at most this many documents (with assignments) get :data:`NULL_SAMPLES`
#: null samples for every document (``method == "full"``). Past it the per-document null
#: models run under :data:`NULL_BUDGET`, so that their cost stays bounded as the corpus grows.
NULL_FULL_DOCS: int = 50

#: Total null-model budget past :data:`NULL_FULL_DOCS`, in document × sample units (here
#: 50 documents at 100 samples). Each document gets ``max(NULL_MIN_SAMPLES, NULL_BUDGET //
#: n_docs)`` samples (at most the ``n`` asked for; ``method == "reduced"`` when fewer); when
#: that exceeds the budget, only ``NULL_BUDGET // NULL_MIN_SAMPLES`` documents get a null —
#: those whose crc32 of ``"<seed>:<doc_id>"`` ranks first, a seeded random subsample — and
#: the others are reported with ``method == "skipped"`` and NaN z-scores. A deterministic
#: rule: it never depends on wall time. The curveball null of
#: :func:`agencygraph.metrics.network_indices_with_null` costs about 0.1 s per document at
#: 100 samples (20 of them with Louvain) on one core; raise the budget to cover more
#: documents, at a cost linear in it.
NULL_BUDGET: int = 5_000

#: Fewest null samples a document gets under :data:`NULL_BUDGET` (a z-score from ``n``
#: samples has a Monte-Carlo standard error of about ``sqrt((1 + z**2 / 2) / n)``, 0.1 at
#: ``n = 100`` and ``z = 0``; an empirical p-value has resolution ``1 / (n + 1)``). The
#: role-shuffle null of :func:`agencygraph.compare.cross_region_table` draws independent
#: samples (no chain, cheap), so past :data:`NULL_FULL_DOCS` it keeps every document and gives
#: each this many samples (``method == "reduced"``).
NULL_MIN_SAMPLES: int = 100

#: Null draws on which the Louvain indices (``modularity``, ``n_communities``) are recomputed
#: per document past :data:`NULL_FULL_DOCS`: Louvain is the costliest index, so its null
#: uses the first draws only (its ``n_samples`` says how many).
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

#: Default output folder for figures, HTML networks and graph files.
FIGURES_DIR: str = "figures"

#: Encodings tried, in order, when a plan file's bytes carry no byte-order mark.
ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")

#: How many documents ``agencygraph parse`` lists as most worth checking (see
#: :func:`agencygraph.coding.documents_to_check`).
DOCUMENTS_TO_CHECK = 5
