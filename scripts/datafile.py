"""How the scripts write data/routes.json: its own layout, shared by every script that writes it."""

from __future__ import annotations

import json
from typing import Any


def dump(doc: dict[str, Any]) -> str:
    """The file's own layout (indent 2, UTF-8), with each geometry on one line."""
    marks: dict[str, str] = {}
    for edge in doc["edges"]:
        if "geometry" in edge:
            mark = f"@@geometry:{edge['id']}@@"
            marks[json.dumps(mark)] = json.dumps(edge["geometry"], separators=(",", ":"))
            edge["geometry"] = mark
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    for mark, line in marks.items():
        text = text.replace(mark, line)
    for edge in doc["edges"]:
        if "geometry" in edge:
            edge["geometry"] = json.loads(marks[json.dumps(edge["geometry"])])
    return text
