"""matplotlib's colour conversion, cached for colours held in arrays, while a chart draws.

A collection keeps its colours as a NumPy array; drawing it into SVG (or PDF) converts
each element's face, edge and hatch colour again, one row at a time. matplotlib caches
that conversion, but only for colours it can hash, which an array row is not: every row
took the slow way, checking and converting each channel, about a tenth of the time it
takes to write a chart of thousands of events as SVG. Inside :func:`cached_colours`, a row
is first turned into the tuple of the same numbers, which the cache holds: the colour, and
so every byte of the file, is the same.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any

__all__ = ["cached_colours"]


@functools.cache
def _matplotlib_to_rgba() -> Any:
    """matplotlib's own ``to_rgba``, which :func:`cached_colours` wraps."""
    import matplotlib.colors

    return matplotlib.colors.to_rgba


def _to_rgba(c: Any, alpha: float | None = None) -> tuple[float, float, float, float]:
    """``matplotlib.colors.to_rgba``, reaching its cache for a row of an array too."""
    import numpy as np

    if type(c) is np.ndarray and c.ndim == 1:
        c = tuple(c.tolist())
    found: tuple[float, float, float, float] = _matplotlib_to_rgba()(c, alpha)
    return found


@contextlib.contextmanager
def cached_colours() -> Iterator[None]:
    """Inside: matplotlib converts an array row of colour by its cache, as a tuple (see
    the module's docstring); outside, matplotlib is as it was. Charts draw inside it."""
    import matplotlib.colors

    own = _matplotlib_to_rgba()
    if matplotlib.colors.to_rgba is not own:
        yield  # already inside (or someone else's wrapper: left alone)
        return
    matplotlib.colors.to_rgba = _to_rgba
    try:
        yield
    finally:
        matplotlib.colors.to_rgba = own
