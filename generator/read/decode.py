"""Bytes to text: BOM, legacy encodings, mojibake, line endings.

UTF-8 is tried first because it is what almost every scrape is, and a strict UTF-8 decode that succeeds is
never wrong. Anything else goes to charset-normalizer; its guesses between close Western code pages
(cp1250 / cp1252 / latin-1) are ranked by how readable the result is, preferring the code pages of the
languages this tool serves. ftfy then repairs mojibake (UTF-8 decoded as cp1252 somewhere upstream), and
what it repaired is reported so that the export can say so.
"""
from __future__ import annotations

from dataclasses import dataclass

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
    fixed = ftfy.fix_and_explain(text, config=_FTFY)
    if fixed.text != text:
        steps = sorted({step for kind, step in fixed.explanation or () if kind in ("encode", "decode", "apply")})
        repairs.append("repaired mojibake (" + ", ".join(steps) + ")" if steps else "repaired text")
        text = fixed.text
    if not text.strip():
        raise UnreadableSource("only whitespace")
    if _control_ratio(text) > 0.05:
        raise UnreadableSource("binary file (control characters), not text")
    return DecodedText(text=text, encoding=encoding, repairs=tuple(repairs))


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


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t")
    return controls / max(len(text), 1)
