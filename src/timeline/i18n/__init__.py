"""Words for readers in every supported locale: fixed words (``words``), CLDR month and
day names and patterns (``locale``, through Babel, imported only for non-English locales),
and date phrases (``phrases``: "c. 2019", "since 30 September 2015"). Used alike by the
renderers, the exporters and ``timeline show``."""
