"""sozmon: a city's small-area social monitoring as open data and a static website."""

__version__ = "0.1.0"
