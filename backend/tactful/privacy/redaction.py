"""PII redaction into typed placeholders, and re-filling them for the agent's eyes only.

"Call me on +49 151 2345 6789" becomes "Call me on [PHONE_1]"; the mapping stays in the request's memory,
so the model, the logs and the stored record see placeholders while the agent's draft shows the number.
Cards are Luhn-checked and IBANs checksum-checked, so order numbers of the same length are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

import phonenumbers
from stdnum import iban, luhn

# Full-width forms (Japanese and Chinese keyboards type "４１１１" and "＠") are matched as their ASCII twins: a
# one-to-one character map, so positions in the original text stay valid.
_WIDE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Local parts and domains in Latin script with accents (müller@bücher.de) or punycode; not CJK, where an address
# would run into the surrounding text with no space between.
_L = "A-Za-z0-9\u00c0-\u024f"
_EMAIL = re.compile(
    rf"(?<![{_L}._%+-])[{_L}._%+-]+@[{_L}-]+(?:\.[{_L}-]+)*\.(?:[A-Za-z\u00c0-\u024f]{{2,}}|xn--[a-z0-9-]+)"
    rf"(?![{_L}])"
)
# Digit and letter lookarounds instead of \b: in Japanese or Chinese text a number touches word characters.
_CARD = re.compile(r"(?<![\dA-Za-z])(?:\d[ .-]?){12,24}\d")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,32}", re.ASCII)
_PLACEHOLDER = re.compile(r"\[([A-Z_]+)_(\d+)\]")


@dataclass
class Redactor:
    extra_patterns: dict[str, str] = field(default_factory=dict)
    default_region: str | None = None

    def __post_init__(self) -> None:
        self._extra = {name.upper(): re.compile(p) for name, p in self.extra_patterns.items()}


@dataclass
class Redaction:
    """The placeholders found in one request; shared across its messages so one e-mail has one name."""

    values: dict[str, str] = field(default_factory=dict)  # placeholder -> original
    _by_value: dict[tuple[str, str], str] = field(default_factory=dict)

    def placeholder(self, kind: str, value: str) -> str:
        key = (kind, value)
        if key not in self._by_value:
            count = sum(1 for k in self._by_value if k[0] == kind) + 1
            name = f"[{kind}_{count}]"
            self._by_value[key] = name
            self.values[name] = value
        return self._by_value[key]

    def refill(self, text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self.values.get(m.group(0), m.group(0)), text)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for kind, _ in self._by_value:
            out[kind] = out.get(kind, 0) + 1
        return out


_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


def _phone_like(span: str) -> bool:
    """Not a date ("06.11.2026") and not a bare run of more digits than any phone number has (E.164: 15)."""
    return not _DATE.match(span) and not (span.isdigit() and len(span) > 15)


def _spans_phone(text: str, region: str | None) -> Iterable[tuple[int, int]]:
    for match in phonenumbers.PhoneNumberMatcher(text, region or "US", leniency=phonenumbers.Leniency.VALID):
        yield match.start, match.end


def _checked_prefix(value: str, keep: Callable[[str], bool], lengths: range | None) -> int:
    """The length of the longest prefix of `value`, cut at a separator, whose significant characters pass `keep`:
    "DE89 3704 0044 0532 0130 00 Danke" is an IBAN up to "00", "4111 1111 1111 1111 2027" a card and a year. A run
    without separators is taken whole or not at all, so a long order number never hides a shorter valid card."""
    if not lengths:
        return len(value)
    ends = [len(value)] + [i for i in range(len(value) - 1, 0, -1) if not value[i].isalnum()]
    for end in ends:
        compact = "".join(ch for ch in value[:end] if ch.isalnum())
        if len(compact) in lengths and keep(compact):
            return end
    return 0


def _iban_ok(compact: str) -> bool:
    return iban.is_valid(compact.upper())


def _card_ok(compact: str) -> bool:
    return compact.isdigit() and luhn.is_valid(compact)


def redact(text: str, redaction: Redaction, redactor: Redactor, region: str | None = None) -> str:
    def sub_checked(pattern: re.Pattern, kind: str, keep, lengths: range | None, s: str) -> str:
        matched = s.translate(_WIDE)
        out, last = [], 0
        for m in pattern.finditer(matched):
            if m.start() < last:
                continue
            end = m.start() + _checked_prefix(m.group(0), keep, lengths)
            if end > m.start():
                out.append(s[last : m.start()])
                out.append(redaction.placeholder(kind, s[m.start() : end]))
                last = end
        return "".join(out) + s[last:]

    out = sub_checked(_EMAIL, "EMAIL", bool, None, text) if "@" in text.translate(_WIDE) else text
    out = sub_checked(_IBAN, "IBAN", _iban_ok, range(15, 35), out)
    out = sub_checked(_CARD, "CARD", _card_ok, range(13, 20), out)
    for kind, pattern in redactor._extra.items():
        out = pattern.sub(partial(_placeholder, redaction, kind), out)
    # Phones last: by now cards and IBANs are placeholders and cannot be mistaken for numbers.
    wide = out.translate(_WIDE)
    spans = [
        (a, b) for a, b in _spans_phone(wide, region or redactor.default_region) if _phone_like(wide[a:b])
    ]
    for start, end in reversed(spans):
        out = out[:start] + redaction.placeholder("PHONE", out[start:end]) + out[end:]
    return out


def _placeholder(redaction: Redaction, kind: str, match: re.Match[str]) -> str:
    return redaction.placeholder(kind, match.group(0))
