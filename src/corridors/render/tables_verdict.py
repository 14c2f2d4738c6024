"""The verdict under `compare`: plain sentences, after the table."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from corridors.render.tables import plain


def sentences_text(title: str, sentences: tuple[str, ...]) -> list[RenderableType]:
    """A bold heading and one line per sentence (text from data escaped, never markup)."""
    if not sentences:
        return []
    out: list[RenderableType] = [Text(""), Text(plain(title), style="bold")]
    out.extend(Text(plain(f"- {sentence}")) for sentence in sentences)
    return out
