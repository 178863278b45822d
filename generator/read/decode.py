"""Bytes to text: BOM, legacy encodings, mojibake, line endings.

UTF-8 is tried first because it is what almost every scrape is, and a strict UTF-8 decode that succeeds is
never wrong. Anything else goes to charset-normalizer; its guesses between close Western code pages
(cp1250 / cp1252 / latin-1) are ranked by how readable the result is, preferring the code pages of the
languages this tool serves. ftfy then repairs mojibake (UTF-8 decoded as cp1252 somewhere upstream), and
what it repaired is reported so that the export can say so.
"""
from __future__ import annotations

from dataclasses import dataclass

import re

import charset_normalizer
import ftfy

# ftfy's defaults also "clean up" typography (curly quotes, ligatures, widths). Those are the article's
# characters, not damage, so only the encoding repairs are switched on.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=True,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=True,
)

# When charset-normalizer finds several plausible Western code pages, these win, in this order.
_MARGIN = 0.1
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1250", "mac_roman")


class UnreadableSource(Exception):
    """The bytes are not text we can read; the message is the reason shown to the user."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    repairs: tuple[str, ...]


def decode(data: bytes) -> DecodedText:
    if not data.strip():
        raise UnreadableSource("empty file" if not data else "only whitespace")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableSource("binary file (NUL bytes), not text")
    repairs: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        repairs.append("removed UTF-8 byte order mark")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data)
        repairs.append(f"decoded from {encoding}")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # ftfy is the slow part of reading: ask its cheap detector first, and repair only text that looks damaged.
    fixed = ftfy.fix_and_explain(text, config=_FTFY) if _looks_damaged(text) else None
    if fixed is not None and fixed.text != text:
        steps = sorted({step for kind, step in fixed.explanation or () if kind in ("encode", "decode", "apply")})
        repairs.append("repaired mojibake (" + ", ".join(steps) + ")" if steps else "repaired text")
        text = fixed.text
    if not text.strip():
        raise UnreadableSource("only whitespace")
    if _control_ratio(text) > 0.05:
        raise UnreadableSource("binary file (control characters), not text")
    return DecodedText(text=text, encoding=encoding, repairs=tuple(repairs))


# UTF-8 read as cp1252 or latin-1 leaves a lead character (Ã, Â, â, Å…) before a continuation character (C1
# controls, the Latin-1 punctuation range, or the cp1252 symbols those bytes became: € ™ œ ’ “ ” …).
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00c5\u00c7\u00d0\u00d1\u00e2-\u00e5\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
    "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u0080-\u009f\ufffd]")


def _looks_damaged(text: str) -> bool:
    """A cheap first look; ftfy, which decides, runs only where this finds something."""
    return _MOJIBAKE_HINT.search(text) is not None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise UnreadableSource("binary file: no text encoding fits its bytes")
    # On short texts charset-normalizer scores close code pages almost alike (cp1257 can beat cp1252 on French);
    # within a small margin of the least chaotic guess, the code pages of the languages we serve win.
    floor = min(m.chaos for m in matches)
    plausible = [m for m in matches if m.chaos <= floor + _MARGIN]
    best = min(plausible, key=lambda m: (_rank(m.encoding), m.chaos))
    return str(best), best.encoding


def _rank(encoding: str) -> int:
    return _PREFERRED.index(encoding) if encoding in _PREFERRED else len(_PREFERRED)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")


def _control_ratio(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)
