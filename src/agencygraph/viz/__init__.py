"""Drawing the networks: interactive HTML pages and publication figures.

- :mod:`agencygraph.viz.html`: one interactive HTML page per graph (SVG, offline).
- :mod:`agencygraph.viz.figures`: matplotlib figures (PNG at 300 dpi and SVG), with a
  bundled CJK font so that Chinese labels render anywhere.
- :mod:`agencygraph.viz.style`: the palette, labels and layouts both share.
- :mod:`agencygraph.viz.report`: the build's index page.
- :func:`show` draws a network inline in Jupyter, VS Code included.

Examples
--------
>>> from agencygraph.viz import network_html, style
>>> style.system_color("government")
'#0072B2'
"""

from agencygraph.viz import style
from agencygraph.viz.html import (
    network_html,
    network_view,
    show,
    write_gexf,
    write_network_html,
    write_networks_html,
)

__all__ = [
    "backbone_caption",
    "bipartite_figure",
    "lead_role_share_heatmap",
    "lead_share_heatmap",
    "network_html",
    "network_view",
    "overlap_heatmap",
    "projection_figure",
    "role_counts_figure",
    "save_figure",
    "save_figures",
    "show",
    "style",
    "write_gexf",
    "write_network_html",
    "write_networks_html",
]

_FIGURES = {
    "backbone_caption",
    "bipartite_figure",
    "lead_role_share_heatmap",
    "lead_share_heatmap",
    "overlap_heatmap",
    "projection_figure",
    "role_counts_figure",
    "save_figure",
    "save_figures",
}


def __getattr__(name: str):
    # Figures load matplotlib and register the font; pages alone should not pay for that.
    if name in _FIGURES:
        from agencygraph.viz import figures

        return getattr(figures, name)
    raise AttributeError(f"module 'agencygraph.viz' has no attribute {name!r}")
