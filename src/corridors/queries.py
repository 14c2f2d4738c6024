"""Checks and look-ups on query values, shared by the CLI commands and batch runs."""

from __future__ import annotations

from corridors.errors import UsageError
from corridors.model import Network

MAX_YEAR = 2100


def check_year(network: Network, as_of: int | None) -> None:
    """A scenario year must lie between the data's own date and MAX_YEAR."""
    if as_of is not None and not network.as_of_year <= as_of <= MAX_YEAR:
        raise UsageError(
            f"--as-of must be a year from {network.as_of_year} (the data describes "
            f"{network.as_of}) to {MAX_YEAR}, got {as_of}"
        )


def complete_nodes(network: Network, prefix: str) -> list[tuple[str, str]]:
    """Node ids for shell completion: ids, names or aliases starting with `prefix`, any case.

    Returns (id, name) pairs in id order; shells that show help (zsh, fish) show the name.
    """
    folded = prefix.strip().casefold()
    out = []
    for node in sorted(network.nodes.values(), key=lambda n: n.id):
        labels = (node.id, node.name, *node.aliases)
        if any(label.casefold().startswith(folded) for label in labels):
            out.append((node.id, node.name))
    return out
