"""Safe text: what every renderer does to text from the data or the command line.

Names, ids, keys and arguments are untrusted input. A terminal obeys control characters,
ANSI/OSC escape sequences and bidirectional overrides; a line separator breaks a table row;
a lone surrogate (from undecodable bytes in argv or a JSON ``\\udc80`` escape) cannot be
written as UTF-8 at all. Each output kind has one function here:

- `visible` for text people read (tables, error lines): such characters shown as ``\\x1b``
  or ``\\u202e`` escapes, the rest unchanged;
- `json_safe` for JSON (and NDJSON, GeoJSON): valid UTF-8 always, C1 controls, separators
  and bidi controls as ``\\uXXXX`` escapes (the same text to a JSON reader);
- `xml_text` for SVG: escaped markup, XML-invalid characters dropped (a parser would refuse
  the whole file);
- `markdown_cell` and `csv_cell` in render/exports.py use `visible` and add their own rules.

`ESCAPE_ERRORS` is a codec error handler: stdout and stderr use it, so an encoding that
cannot show a character (PYTHONIOENCODING=ascii, a cp1252 console) writes a ``\\uXXXX``
escape instead of failing; inside JSON strings that escape reads back as the same character.
"""

from __future__ import annotations

import codecs

ESCAPE_ERRORS = "corridors-escape"


def _escape_unencodable(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    out = []
    for ch in err.object[err.start : err.end]:
        code = ord(ch)
        if code > 0xFFFF:  # as a JSON surrogate pair, so JSON output stays valid
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), err.end


codecs.register_error(ESCAPE_ERRORS, _escape_unencodable)
