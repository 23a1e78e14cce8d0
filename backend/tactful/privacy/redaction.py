"""PII redaction into typed placeholders, and re-filling them for the agent's eyes only.

"Call me on +49 151 2345 6789" becomes "Call me on [PHONE_1]"; the mapping stays in the request's memory,
so the model, the logs and the stored record see placeholders while the agent's draft shows the number.
Cards are Luhn-checked and IBANs checksum-checked, so order numbers of the same length are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers
from stdnum import iban, luhn

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Digit and letter lookarounds instead of \b: in Japanese or Chinese text a number touches word characters.
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_IBAN = re.compile(r"(?<![A-Z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![A-Z0-9])")
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


def _spans_phone(text: str, region: str | None) -> Iterable[tuple[int, int]]:
    for match in phonenumbers.PhoneNumberMatcher(text, region or "US", leniency=phonenumbers.Leniency.VALID):
        yield match.start, match.end


def redact(text: str, redaction: Redaction, redactor: Redactor, region: str | None = None) -> str:
    def sub_checked(pattern: re.Pattern, kind: str, check, s: str) -> str:
        def repl(m: re.Match) -> str:
            value = m.group(0)
            return redaction.placeholder(kind, value) if check(value) else value
        return pattern.sub(repl, s)

    out = _EMAIL.sub(lambda m: redaction.placeholder("EMAIL", m.group(0)), text)
    out = sub_checked(_IBAN, "IBAN", lambda v: iban.is_valid(v.replace(" ", "")), out)
    out = sub_checked(_CARD, "CARD", lambda v: luhn.is_valid(re.sub(r"\D", "", v)), out)
    for kind, pattern in redactor._extra.items():
        out = pattern.sub(lambda m, k=kind: redaction.placeholder(k, m.group(0)), out)
    # Phones last: by now cards and IBANs are placeholders and cannot be mistaken for numbers.
    spans = list(_spans_phone(out, region or redactor.default_region))
    for start, end in reversed(spans):
        out = out[:start] + redaction.placeholder("PHONE", out[start:end]) + out[end:]
    return out
