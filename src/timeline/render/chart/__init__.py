"""Charts: layout (geometry, label placement, crowds, panels) kept apart from drawing.

``_compose`` builds a view's Figure from the plan; ``sizes`` says where a chart goes
(width, maximum height, smallest type). matplotlib is imported only here and only when a
chart is drawn.
"""
