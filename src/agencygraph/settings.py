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
#: null draw (:data:`MODULARITY_SEEDS` compiled runs, about 0.1 ms a draw on a plan of
#: 30 agencies; networkx's single run took 1.5 ms). Its null runs on at most
#: ``NULL_LOUVAIN_BUDGET // n_docs`` draws per document (all of them while that is enough:
#: 200 documents × 1,000); below :data:`NULL_LOUVAIN_SAMPLES` draws per document (past
#: 10,000 documents) the two Louvain rows of the null table are ``method == "skipped"``
#: (observed values kept; no z) while every other index keeps its null.
NULL_LOUVAIN_BUDGET: int = 200_000

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

# -- Multiple testing, SDSM tails and FDSM chains (issue 20: backbone.py, compare.py) ---------
# Method names are those of R's p.adjust (agencygraph.multitest.p_adjust): "none",
# "bonferroni", "holm", "hochberg", "hommel", "BH" ("fdr"), "BY". See docs/methods.md, 7-9.

#: Correction of the build's backbone (``backbone.csv``): the p-values of one plan's tested
#: pairs (pairs sharing at least one measure) are adjusted together and a pair is kept where
#: the adjusted value is below :data:`ALPHA`. Benjamini-Hochberg: a backbone is a screen of
#: 70-130 pair tests per plan, where a few false ties among the kept ones are acceptable but
#: their share must be bounded (the false discovery rate); Holm's family-wise control would
#: demand that not one of the 130 be false. The functions of :mod:`agencygraph.backbone` keep
#: R backbone's default, ``mtc="none"``.
BACKBONE_MTC: str = "BH"

#: Correction of the cross-region tests (:func:`agencygraph.compare.cross_region_comparison`,
#: :func:`~agencygraph.compare.cross_region_table`, :func:`~agencygraph.compare.role_shares`):
#: every p-value of one table is adjusted as one family (``*_p_adjusted``). Benjamini-Hochberg,
#: for the same reason as :data:`BACKBONE_MTC`.
COMPARE_MTC: str = "BH"

#: Largest work (pairs of agency-degree classes × points of the characteristic function ×
#: measure-degree classes) for which SDSM p-values are exact Poisson-binomial tails (DFT-CF,
#: Hong 2013; about two seconds); past it the refined normal approximation. The build's
#: ``backbone.csv`` says per row which was used (``method``). Plans of a few hundred measures
#: stay far below it.
SDSM_EXACT_BUDGET: int = 50_000_000

#: Chains in each of the two ensembles of the FDSM mixing check
#: (:func:`agencygraph.backbone.fdsm_rounds`), which sets how many curveball rounds every FDSM
#: sample runs from the observed matrix.
FDSM_MIXING_CHAINS: int = 1000

#: FDSM samples run this many times the rounds ``r`` after which the mixing check found no
#: drift (from ``r`` to ``2r`` nor from ``2r`` to ``4r``): a margin for drifts too small for
#: the check's ensembles to see.
FDSM_ROUNDS_FACTOR: int = 4

#: Most curveball rounds per FDSM sample (the mixing check stops there, with a warning).
FDSM_MAX_ROUNDS: int = 4096

#: Bootstrap replicates (resampled measures) behind the confidence interval of each
#: cross-region effect (``*_ratio_lo``, ``*_ratio_hi``; docs/methods.md, section 9) per
#: document, up to :data:`NULL_FULL_DOCS` documents; past it the replicates share the null's
#: budget rule (``EFFECT_BOOTSTRAP × NULL_FULL_DOCS // n_docs``), at least
#: :data:`EFFECT_BOOTSTRAP_MIN`.
EFFECT_BOOTSTRAP: int = 200

#: Fewest bootstrap replicates per document past :data:`NULL_FULL_DOCS` documents.
EFFECT_BOOTSTRAP_MIN: int = 50

#: Curveball draws of each bootstrap replicate from which its null mean is taken (their
#: Monte Carlo error widens the interval a little: it is part of what the interval covers).
EFFECT_BOOTSTRAP_NULL: int = 20

#: Confidence level of the effect intervals (percentile bootstrap).
EFFECT_LEVEL: float = 0.95

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

# -- hostile input and faults at output (issue 21: doc ids, paths, links) -------------------

#: Longest ``doc_id``, in UTF-8 bytes (a Chinese character is 3): output file names add up
#: to 25 bytes to it (``<doc_id>_lead_support.graphml``) and most file systems allow 255. A
#: manifest row with a longer id is refused (listed in ``rejected.csv``).
DOC_ID_MAX_BYTES: int = 120

#: Whether a plan file that is a symbolic link to a place outside its corpus folder (the
#: folder of the manifest naming it, else its own folder) is read. Off: such a file is
#: refused, so that a downloaded corpus cannot make a build read (and copy into its tables)
#: a file elsewhere on the machine.
FOLLOW_OUTSIDE_LINKS: bool = False

# --- Reader limits (hostile and huge files, issue 21) -------------------------------------
# A plan past one of these is refused with a message naming the file (and the part, line or
# cell), listed in rejected.csv, and the other files of a batch are coded. Real plans stay
# far below them: the largest known plan is a few megabytes of text and a few thousand cells.

#: A plan file larger than this (bytes) is refused before it is read.
READ_MAX_FILE_BYTES: int = 256 * 2**20

#: A text, web page or CSV plan larger than this (bytes) is refused before it is decoded.
READ_MAX_TEXT_BYTES: int = 64 * 2**20

#: Characters of text a reader may give (a Word, Excel, PDF or web page plan converted to
#: text; the text read from a Word or Excel file's parts).
READ_MAX_TEXT_CHARS: int = 64 * 2**20

#: Characters of one line of a plan's text (a paragraph, a table cell's line).
READ_MAX_LINE_CHARS: int = 1_000_000

#: Bytes the XML parts of one Word or Excel file may expand to, all together, uncompressed
#: (a zip bomb expands a thousandfold).
READ_MAX_EXPANDED_BYTES: int = 256 * 2**20

#: Entries a Word or Excel archive may hold (a real one holds a few dozen).
READ_MAX_ZIP_ENTRIES: int = 10_000

#: Table cells of one Word document or Excel workbook (a merged range counts every cell it
#: covers; a workbook's string items count too), and of a sheet's used range.
READ_MAX_CELLS: int = 1_000_000

#: How deep the elements of a Word or Excel part may nest.
READ_MAX_XML_DEPTH: int = 256

#: Elements in one paragraph, table row, sheet row or string item of a Word or Excel part.
READ_MAX_ITEM_ELEMENTS: int = 100_000

# --- null models of the network indices (issue 20: effect sizes, Monte Carlo, lead null) ---

#: Null of the lead statistics (``lead_top_share``, ``lead_hhi``, ``lead_gini``,
#: ``party_lead_share``, ``union_lead_share``, ``multi_lead_share``) in
#: :func:`agencygraph.metrics.network_indices_with_null` and the build (``--lead-null``):
#: ``"role_permutation"`` keeps who takes part in each measure and permutes its roles among
#: them (exact moments where they have a closed form, no chain to mix); ``"curveball"``
#: randomises the incidence too (each entry keeps its role). Role permutation asks the
#: narrower question — is leading concentrated beyond what participation implies? — and is
#: what the lead statistics were documented to need; see ``docs/methods.md`` section 4.
LEAD_NULL: str = "role_permutation"

#: Seeded Louvain runs whose best partition gives ``modularity`` (on the observed plan and
#: on every null draw alike, so that z compares like with like). One run of Louvain can end
#: several per cent below the best partition it finds from another node order (over 200
#: seeds, Cixi 0.150–0.163 with median 0.150; Haimen 0.082–0.094; Lijiang 0.057–0.075).
#: The best of 10 equals the best of 200 in 20 of 20 disjoint sets of 10 seeds on Cixi and
#: Lijiang and 18 of 20 on Haimen.
MODULARITY_SEEDS: int = 10

# -- scale (issue 19): builds streamed in chunks --------------------------------------------
#: Plans parsed and written at a time by ``agencygraph build --tables-only --chunk-size N``
#: (:func:`agencygraph.stream.build_streamed`), the value the README suggests for 100,000 plans.
STREAM_CHUNK_PLANS: int = 2000

#: The metric tables of a streamed build are computed in a number of chunks that is a
#: multiple of this (chunks of at most ``--chunk-size`` documents, but never
#: :data:`NULL_FULL_DOCS` or fewer), so that 1, 2 or 4 worker processes finish together
#: instead of one chunk running alone at the end. A machine-independent number: the chunks
#: plan ``cross_region``'s task-level null (README, Scale), whose draws must not depend on
#: ``--jobs``.
STREAM_METRIC_PARTS: int = 4
