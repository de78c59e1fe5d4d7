"""Words for readers in every supported locale: fixed words (``words``), CLDR month and
day names and patterns (``locale``, through Babel, imported only for non-English locales),
and date phrases (``phrases``: "c. 2019", "since 30 September 2015"). Used alike by the
renderers, the exporters and ``timeline show``. The other way round, ``names`` finds the
months and weekdays people name in dates they type (``15 avril 2023``, ``Nisan 2023``), for
the spreadsheet importers."""
