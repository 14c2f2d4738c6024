"""Compare Eurasian freight corridors as a sourced graph.

    >>> import corridors
    >>> corridors.compare("Xian", "Duisburg").to_dict()["shortest_corridor"]
    'northern'

The functions mirror the commands (`corridors compare`, `path`, `pareto`, `breakeven`,
`simulate`); see `corridors.api`. They are imported on first use, so `import corridors`
stays cheap for the command line.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: `import corridors` stays cheap

__version__ = "0.1.0"

__all__ = [
    "ConstraintError",
    "CorridorsError",
    "DataError",
    "NoRouteError",
    "UnknownNodeError",
    "UsageError",
    "__version__",
    "breakeven",
    "compare",
    "load_network",
    "pareto",
    "path",
    "simulate",
]

if TYPE_CHECKING:
    from corridors.api import breakeven, compare, load_network, pareto, path, simulate
    from corridors.errors import (
        ConstraintError,
        CorridorsError,
        DataError,
        NoRouteError,
        UnknownNodeError,
        UsageError,
    )

_API = {"breakeven", "compare", "load_network", "pareto", "path", "simulate"}


def __getattr__(name: str) -> object:
    """The API and the exceptions, imported when first asked for (PEP 562)."""
    if name in _API:
        from corridors import api

        return getattr(api, name)
    if name in __all__:
        from corridors import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'corridors' has no attribute {name!r}")
