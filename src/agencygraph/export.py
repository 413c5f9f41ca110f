"""Writing outputs: CSV tables and graph files, atomically and byte-for-byte reproducibly.

Every file is written to a temporary name in its destination folder and renamed into
place only once all files of a batch are complete, so a run that fails leaves the
previous outputs as they were and no half-written file behind.
"""

from __future__ import annotations

import io
import json
import math
import os
import tempfile
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd


def table_to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV bytes: header row, ``\\n`` line ends, booleans as true/false."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


#: Formats the tables can be written in (``--format``): CSV, or Parquet with the optional
#: ``pyarrow`` (``pip install agencygraph[parquet]``).
TABLE_FORMATS: tuple[str, ...] = ("csv", "parquet")


def table_to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """A table as Parquet bytes (pyarrow; the same table gives the same bytes).

    Column types are kept (integers, floats, booleans, text), so a large corpus's tables
    load faster and smaller than CSV. Needs the optional ``pyarrow``.

    Examples
    --------
    >>> import io
    >>> data = table_to_parquet_bytes(pd.DataFrame({"doc_id": ["a"], "n": [1]}))
    >>> pd.read_parquet(io.BytesIO(data)).to_dict("list")
    {'doc_id': ['a'], 'n': [1]}
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:  # an optional extra
        raise ImportError(
            "writing Parquet needs pyarrow: pip install 'agencygraph[parquet]' (or pyarrow)"
        ) from err
    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()


def table_bytes(frame: pd.DataFrame, format: str = "csv") -> tuple[str, bytes]:
    """File suffix and bytes of a table in one of :data:`TABLE_FORMATS`."""
    if format == "csv":
        return ".csv", table_to_csv_bytes(frame)
    if format == "parquet":
        return ".parquet", table_to_parquet_bytes(frame)
    raise ValueError(f"format must be one of {TABLE_FORMATS}, got {format!r}")


@contextmanager
def atomic_batch(folder: str | Path):
    """Collect files to write into ``folder``; they appear only if the block succeeds.

    Yields a function ``put(name, data: bytes)``. Files are staged in a temporary
    directory inside ``folder`` (same file system, so the final rename is atomic) and
    moved into place when the ``with`` block exits without an exception.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_batch(out) as put:
    ...     put("a.txt", b"hello")
    >>> (out / "a.txt").read_bytes()
    b'hello'
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".agencygraph-", dir=folder))
    staged: list[str] = []

    def put(name: str, data: bytes) -> None:
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        staged.append(name)

    try:
        yield put
        for name in staged:
            destination = folder / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, destination)
    finally:
        for path in sorted(staging.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        staging.rmdir()


def write_tables(
    tables: Mapping[str, pd.DataFrame], folder: str | Path, *, format: str = "csv"
) -> list[Path]:
    """Write DataFrames as ``<name>.csv`` (or ``.parquet``) into ``folder``, all or nothing.

    Parameters
    ----------
    tables
        Table name (file stem) → DataFrame.
    folder
        Destination folder, created if missing.
    format : {"csv", "parquet"}
        Parquet needs the optional ``pyarrow``.

    Returns
    -------
    list of Path
        The files written, in the order given.
    """
    written = []
    with atomic_batch(folder) as put:
        for name, frame in tables.items():
            suffix, data = table_bytes(frame, format)
            put(f"{name}{suffix}", data)
            written.append(Path(folder) / f"{name}{suffix}")
    return written


def write_files(files: Mapping[str, Callable[[], bytes] | bytes], folder: str | Path) -> list[Path]:
    """Write named byte strings (or callables producing them) into ``folder``, all or nothing."""
    with atomic_batch(folder) as put:
        for name, data in files.items():
            put(name, data() if callable(data) else data)
    return [Path(folder) / name for name in files]


# --------------------------------------------------------------------------- graph files


def _plain(value: object) -> object:
    """One attribute value as a type GEXF, GraphML and JSON all accept."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return value
    if isinstance(value, set | frozenset):
        return ";".join(sorted(str(_plain(v)) for v in value))
    if isinstance(value, list | tuple | np.ndarray | pd.Series | pd.Index):
        return ";".join(str(_plain(v)) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    return "int" if isinstance(value, int) else "float" if isinstance(value, float) else "str"


def _sanitize_records(records: list[dict]) -> list[dict]:
    """Give every attribute one type across records, so that readers can parse it back."""
    records = [{str(k): _plain(v) for k, v in r.items()} for r in records]
    kinds: dict[str, set[str]] = {}
    gaps: set[str] = set()
    for r in records:
        for k, v in r.items():
            if _missing(v):
                gaps.add(k)
            else:
                kinds.setdefault(k, set()).add(_kind(v))
    out = []
    for r in records:
        clean = {}
        for k in sorted(r):
            v, kind = r[k], kinds.get(k, {"str"})
            if kind <= {"int", "float"}:
                # Numbers stay numbers (Gephi ranks and filters them); a gap is NaN.
                if _missing(v):
                    clean[k] = float("nan")
                else:
                    clean[k] = float(v) if "float" in kind or k in gaps else v
            elif kind == {"bool"} and k not in gaps:
                clean[k] = v
            elif _missing(v):
                clean[k] = ""
            else:
                clean[k] = str(v).lower() if isinstance(v, bool) else str(v)
        out.append(clean)
    return out


def sanitize_graph(G: nx.Graph) -> nx.Graph:
    """Copy of ``G`` that Gephi and networkx' GEXF/GraphML readers take without complaint.

    - missing values (``None``, ``NaN``, ``pd.NA``) become ``""`` in text
      attributes and ``NaN`` in numeric ones;
    - lists and tuples become ``;``-joined strings (sets sorted first), mappings
      JSON strings, other objects ``str``;
    - numpy scalars become Python ``int``/``float``/``bool``; booleans stay
      booleans;
    - an attribute whose values mix types becomes a float attribute (int and
      float only) or a text attribute (anything else), so each attribute has
      one declared type;
    - nodes are added in sorted order, edges sorted by their end nodes' ranks,
      attribute keys sorted, so that writing is deterministic.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph

    Returns
    -------
    networkx graph of the same class

    Examples
    --------
    >>> import networkx as nx, numpy as np
    >>> G = nx.Graph()
    >>> G.add_node("a", place=None, docs=["cixi", "haimen"], n=np.int64(3), ok=np.bool_(True))
    >>> sanitize_graph(G).nodes["a"]
    {'docs': 'cixi;haimen', 'n': 3, 'ok': True, 'place': ''}
    """
    order = sorted(G.nodes, key=lambda n: (type(n).__name__, str(n)))
    rank = {n: i for i, n in enumerate(order)}
    H = G.__class__()
    graph_attrs = _sanitize_records([dict(G.graph)])[0]
    H.graph.update(graph_attrs)
    node_attrs = _sanitize_records([dict(G.nodes[n]) for n in order])
    H.add_nodes_from(zip(order, node_attrs, strict=True))
    if G.is_multigraph():
        edges = list(G.edges(keys=True, data=True))
    else:
        edges = [(u, v, None, d) for u, v, d in G.edges(data=True)]
    if not G.is_directed():
        edges = [(u, v, k, d) if rank[u] <= rank[v] else (v, u, k, d) for u, v, k, d in edges]
    edges.sort(key=lambda e: (rank[e[0]], rank[e[1]], str(e[2])))
    edge_attrs = _sanitize_records([dict(d) for *_, d in edges])
    for (u, v, k, _), d in zip(edges, edge_attrs, strict=True):
        if G.is_multigraph():
            H.add_edge(u, v, key=k, **d)
        else:
            H.add_edge(u, v, **d)
    return H


def gexf_bytes(G: nx.Graph, *, visuals: Mapping | None = None) -> bytes:
    """GEXF 1.2 of :func:`sanitize_graph` of ``G``, without the date networkx writes.

    Parameters
    ----------
    G : networkx graph
    visuals : mapping, optional
        Node → ``{"label": str, "viz": {"color": {r, g, b, a}, "size": float,
        "position": {x, y, z}}}``, e.g.
        :meth:`agencygraph.viz.html.NetworkView.gexf_visuals`: written as the
        node's label and its ``viz:color``, ``viz:size`` and ``viz:position``,
        so that Gephi opens the graph coloured and laid out as on the page.
        Without it, nodes are labelled by key and carry no ``viz`` data.

    Examples
    --------
    >>> import networkx as nx
    >>> viz = {"a": {"label": "A", "viz": {"size": 3.0}}, "b": {"label": "B", "viz": {"size": 1.0}}}
    >>> b"<viz:size" in gexf_bytes(nx.Graph([("a", "b")]), visuals=viz)
    True
    """
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:
        # networkx stamps today's date, which would make every run differ.
        meta.attrib.pop("lastmodifieddate", None)
    H = sanitize_graph(G)
    for n, extra in (visuals or {}).items():
        if n in H:
            if "label" in extra:
                H.nodes[n]["label"] = str(extra["label"])
            if "viz" in extra:
                H.nodes[n]["viz"] = dict(extra["viz"])
    writer.add_graph(H)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def graphml_bytes(G: nx.Graph) -> bytes:
    """GraphML of :func:`sanitize_graph` of ``G``."""
    writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(sanitize_graph(G))
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue()


def _json_value(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def node_link_json_bytes(G: nx.Graph) -> bytes:
    """node-link JSON (networkx ``node_link_data``, key ``edges``) of :func:`sanitize_graph`.

    Keys sorted, ``ensure_ascii=False`` (Chinese stays readable), indent 2,
    NaN written as ``null``, a final newline.
    """
    data = nx.node_link_data(sanitize_graph(G), edges="edges")
    text = json.dumps(_json_value(data), sort_keys=True, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _write_one(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    with atomic_batch(path.parent) as put:
        put(path.name, data)
    return path


def write_gexf(G: nx.Graph, path: str | Path, *, visuals: Mapping | None = None) -> Path:
    """Write ``G`` as GEXF (for Gephi), sanitised and deterministic, atomically.

    ``visuals`` as in :func:`gexf_bytes`; :func:`agencygraph.viz.write_gexf`
    computes them (colours, sizes, positions of the interactive page).

    Examples
    --------
    >>> import networkx as nx, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
    >>> G = nx.Graph([("a", "b")])
    >>> G.nodes["a"]["name_zh"] = "市总工会"
    >>> nx.read_gexf(write_gexf(G, path)).nodes["a"]["name_zh"]
    '市总工会'
    """
    return _write_one(path, gexf_bytes(G, visuals=visuals))


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as GraphML, sanitised and deterministic, atomically.

    Examples
    --------
    >>> import networkx as nx, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", role="lead", inherited=False)
    >>> nx.read_graphml(write_graphml(G, path)).edges["a", "b"]["inherited"]
    False
    """
    return _write_one(path, graphml_bytes(G))


def write_node_link_json(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as node-link JSON, sanitised and deterministic, atomically.

    Read it back with ``nx.node_link_graph(json.load(f), edges="edges")``.

    Examples
    --------
    >>> import json, networkx as nx, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.json"
    >>> data = json.loads(write_node_link_json(nx.path_graph(2), path).read_text("utf-8"))
    >>> sorted(data)
    ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    """
    return _write_one(path, node_link_json_bytes(G))
