"""Safe text: what every output does to text that came from the data or the command line.

Names, ids, keys and arguments are untrusted input. A terminal obeys control characters,
ANSI/OSC escape sequences and bidirectional overrides; a line or paragraph separator breaks
a table row or an error line; a lone surrogate (undecodable bytes in argv, a ``\\udc80``
escape in a JSON file) cannot be written as UTF-8 at all. One function per kind of output:

- `visible`: text people read (tables, error lines, CSV and Markdown cells): each such
  character shown as a ``\\u001b``-style escape; everything else, accents and scripts and
  the joiners Persian and emoji need, unchanged;
- `json_safe`: a dumped JSON document: the same characters as JSON escapes (surrogate
  pairs above U+FFFF), so the document reads back as the same data and is valid UTF-8;
- `xml_text`: SVG text and attributes: markup escaped, characters XML 1.0 forbids as
  U+FFFD (a parser would refuse the whole file), the others as `visible` shows them;
- `ESCAPE_ERRORS`: the codec error handler of stdout, stderr and -o files: what an
  encoding cannot show (PYTHONIOENCODING=ascii, cp1252) becomes a ``\\uXXXX`` escape, which
  inside a JSON string reads back as the same character.

A shared module (like errors.py): every layer may use it.
"""

from __future__ import annotations

import codecs
import re

# C0 and C1 controls and DEL; Arabic letter mark; zero-width space; LRM/RLM; line and
# paragraph separators and the bidi embeddings and overrides; word joiner and invisible
# operators; bidi isolates and deprecated format controls; BOM; interlinear annotation;
# lone surrogates; tag characters. Not U+200C/U+200D (ZWNJ, ZWJ): Persian and emoji need them.
_FORMAT = (
    "\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\ud800-\udfff\U000e0000-\U000e007f"
)
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_FORMAT}]")
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_FORMAT}]")  # json.dumps escapes C0 itself
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})

ESCAPE_ERRORS = "corridors-escape"


def _escape(ch: str) -> str:
    """``\\uXXXX``, as a UTF-16 surrogate pair above U+FFFF: the JSON spelling, readable anywhere."""
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every control, format and separator character shown as an escape (but `keep`)."""
    return _UNSAFE.sub(lambda match: match[0] if match[0] in keep else _escape(match[0]), text)


def visible_lines(text: str) -> str:
    """A multi-line message (a network file's problems) made visible line by line."""
    return "\n".join(visible(line) for line in text.split("\n"))


def json_safe(dumped: str) -> str:
    """A `json.dumps(..., ensure_ascii=False)` result with the unsafe characters escaped."""
    if dumped.isascii() and "\x7f" not in dumped:  # json.dumps escapes C0 itself (a quick test)
        return dumped
    return _UNSAFE_IN_JSON.sub(lambda match: _escape(match[0]), dumped)


def xml_text(text: str) -> str:
    """Escape for XML text and attribute values; characters XML 1.0 forbids become U+FFFD."""
    allowed = _XML_FORBIDDEN.sub("\ufffd", text)
    return visible(allowed, keep="\t\n\r").translate(_MARKUP)


def _escape_unencodable(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    return "".join(_escape(ch) for ch in err.object[err.start : err.end]), err.end


codecs.register_error(ESCAPE_ERRORS, _escape_unencodable)
