"""Text chronologies: one outline per view (``_outline``: eras, years, months, crowded days,
numbered sources), written as Markdown (``markdown``), plain text (``plain``) and a
self-contained HTML page (``html``)."""
