"""PII becomes typed placeholders; checksums keep ordinary numbers untouched."""

from __future__ import annotations

import pytest

from tactful.privacy.redaction import Redaction, Redactor, redact


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("Mail me at anna.schmidt@example.de please", "EMAIL", id="email"),
        pytest.param("Ruf mich an: +49 151 23456789", "PHONE", id="phone-de-intl"),
        pytest.param("My card 4111 1111 1111 1111 was charged", "CARD", id="card-luhn"),
        pytest.param("IBAN DE89 3704 0044 0532 0130 00 bitte", "IBAN", id="iban"),
        pytest.param("電話は+81 3-1234-5678です", "PHONE", id="phone-jp"),
    ],
)
def test_pii_is_replaced(text, kind):
    r = Redaction()
    out = redact(text, r, Redactor(), region="DE")
    assert f"[{kind}_1]" in out
    assert r.refill(out) == text


def test_numbers_that_fail_checksums_stay():
    r = Redaction()
    text = "Order 4111 1111 1111 1112 arrived"  # Luhn fails: an order number, not a card
    assert redact(text, r, Redactor()) == text


def test_same_value_gets_same_placeholder_across_messages():
    r, red = Redaction(), Redactor()
    a = redact("write to a@b.io", r, red)
    b = redact("again: a@b.io and c@d.io", r, red)
    assert a.endswith("[EMAIL_1]") and "[EMAIL_1]" in b and "[EMAIL_2]" in b


def test_configured_pattern_is_redacted():
    r = Redaction()
    out = redact("Bestellung SO-123456 fehlt", r, Redactor({"order_id": r"\bSO-\d{6}\b"}))
    assert out == "Bestellung [ORDER_ID_1] fehlt"
