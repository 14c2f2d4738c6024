"""Compare Eurasian freight corridors as a sourced graph."""

__version__ = "0.1.0"
