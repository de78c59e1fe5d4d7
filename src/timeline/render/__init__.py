"""Rendering: charts (``chart/``), text chronologies (``text/``) and the pipeline over them.

:class:`Pipeline` is what ``timeline render`` and ``timeline watch`` run; :func:`render`
and :func:`render_view` make outputs in memory; :func:`chart` gives one view's across chart
as a matplotlib Figure, :func:`chart_parts` its chart in the layout it asks for (``across``,
``down`` or ``auto``), one Figure per part. matplotlib is imported only when a chart is asked for.
"""

from timeline.render.outputs import (
    CHART_FORMATS,
    DEFAULT_FORMATS,
    FORMATS,
    LAYOUTS,
    THEMES,
    RenderOptions,
    changed_files,
    chart,
    chart_parts,
    figure_bytes,
    part_name,
    render,
    render_view,
    write_outputs,
)
from timeline.render.pipeline import Pipeline, RenderResult, UnknownView

__all__ = [
    "CHART_FORMATS",
    "DEFAULT_FORMATS",
    "FORMATS",
    "LAYOUTS",
    "THEMES",
    "Pipeline",
    "RenderOptions",
    "RenderResult",
    "UnknownView",
    "changed_files",
    "chart",
    "chart_parts",
    "figure_bytes",
    "part_name",
    "render",
    "render_view",
    "write_outputs",
]
