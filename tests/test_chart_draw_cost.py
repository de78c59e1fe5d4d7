"""What keeps drawing a chart cheap leaves what matplotlib draws unchanged."""

from __future__ import annotations

from typing import Any

import matplotlib.colors
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.transforms import Affine2D, IdentityTransform

from timeline.render.chart._colours import cached_colours
from timeline.render.chart._draw import marker_path
from timeline.render.chart._paint import _chart_figure, chart_axes
from timeline.render.chart._text import BASE_FAMILY, shared_heights

#: matplotlib.colors, untyped: its functions are called with array rows.
colors: Any = matplotlib.colors
_channel = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(st.lists(_channel, min_size=3, max_size=4), st.none() | _channel)
def test_cached_colours_convert_an_array_row_as_matplotlib_does(
    row: list[float], alpha: float | None
) -> None:
    """Inside ``cached_colours`` an array row converts to exactly matplotlib's colour."""
    expected = colors.to_rgba(np.array(row), alpha)
    with cached_colours():
        assert colors.to_rgba(np.array(row), alpha) == expected
        assert colors.to_hex(np.array(row)) == colors.to_hex(tuple(row))
    assert colors.to_rgba(np.array(row), alpha) == expected


def test_cached_colours_restore_matplotlib_after_and_nest() -> None:
    """``cached_colours`` puts matplotlib's own function back, also when nested."""
    own = colors.to_rgba
    with cached_colours():
        inside = colors.to_rgba
        assert inside is not own
        with cached_colours():
            assert colors.to_rgba is inside
        assert colors.to_rgba is inside
    assert colors.to_rgba is own


def test_chart_axes_give_every_artist_one_shared_clip_path() -> None:
    """Texts, collections, lines and patches added to a chart's axes share one clip path."""
    fig = _chart_figure()(figsize=(2.0, 2.0), dpi=72)
    FigureCanvasAgg(fig)
    ax = chart_axes(fig)
    artists = [
        ax.text(0.1, 0.1, "a"),
        ax.add_collection(LineCollection([[(0, 0), (1, 1)]])),
        ax.add_line(Line2D([0, 1], [0, 1])),
        ax.add_patch(Rectangle((0, 0), 1, 1)),
        ax.add_artist(Rectangle((0, 0), 1, 1)),
    ]
    clips = {id(a.get_clip_path()) for a in artists}
    assert len(clips) == 1
    assert artists[0].get_clip_path() is not None
    assert not ax.axison


@pytest.mark.parametrize("dpi", [72, 144, 300])
@pytest.mark.parametrize(
    ("size", "weight", "style"),
    [(8, "normal", "normal"), (7, "bold", "normal"), (11, "normal", "italic")],
)
def test_shared_heights_lay_out_text_as_matplotlib_does(
    dpi: int, size: float, weight: str, style: str
) -> None:
    """A text laid out with the shared font heights has matplotlib's own layout."""
    fig = _chart_figure()(figsize=(2.0, 2.0), dpi=dpi)
    renderer = FigureCanvasAgg(fig).get_renderer()
    prop = FontProperties(family=[BASE_FAMILY], size=size, weight=weight, style=style)
    text = fig.text(0.1, 0.5, "Ag 2024\nsecond line", fontproperties=prop, linespacing=1.15)
    own = text._get_layout(renderer)
    with shared_heights(renderer, fig.dpi):
        assert hasattr(renderer, "_get_font_height_metrics")
        shared = text._get_layout(renderer)
        again = text._get_layout(renderer)
    assert not hasattr(renderer, "_get_font_height_metrics")
    assert shared[0].bounds == own[0].bounds
    assert shared[1:] == own[1:]
    assert again[1:] == own[1:]


@pytest.mark.parametrize("shape", ["o", "s", "D", "^", "v", ">", "h"])
@pytest.mark.parametrize("slashed", [False, True])
def test_marker_extents_are_matplotlibs_at_every_size(shape: str, slashed: bool) -> None:
    """A marker's remembered extents are those matplotlib computes, size after size."""
    path = marker_path(shape, slashed)
    plain = Path(path.vertices, path.codes)
    assert marker_path(shape, slashed) is path
    for size in (3.0, 7.5, 3.0, 12.25, 7.5):
        transform = Affine2D().scale(size) + IdentityTransform()
        assert path.get_extents(transform).bounds == plain.get_extents(transform).bounds
    assert path.get_extents().bounds == plain.get_extents().bounds
