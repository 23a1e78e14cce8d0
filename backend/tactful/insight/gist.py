"""Without a model, what each customer message says, in the agent's language: its intent, its feeling, the facts
it states (order numbers, amounts, dates, details given) and, for the latest, the article that answers it.
Labelled as a gist: it is not a translation, and the panel says so."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..library.intents import Intent
from .engine import Insight
from .facts import find_facts

_LABELS = {
    "en": {
        "gist": "Gist, not a translation",
        "mentions": "mentions",
        "order": "order",
        "amount": "amount",
        "date": "date",
        "gave": "gave",
        "article": "answer",
        "negative": "upset",
        "positive": "pleased",
        "neutral": "calm",
        "email": "an e-mail address",
        "phone": "a phone number",
        "card": "a card number",
        "iban": "an IBAN",
    },
    "de": {
        "gist": "Sinngemäß, keine Übersetzung",
        "mentions": "nennt",
        "order": "Bestellung",
        "amount": "Betrag",
        "date": "Datum",
        "gave": "gab",
        "article": "Antwort",
        "negative": "verärgert",
        "positive": "zufrieden",
        "neutral": "ruhig",
        "email": "eine E-Mail-Adresse",
        "phone": "eine Telefonnummer",
        "card": "eine Kartennummer",
        "iban": "eine IBAN",
    },
    "fr": {
        "gist": "Résumé, pas une traduction",
        "mentions": "mentionne",
        "order": "commande",
        "amount": "montant",
        "date": "date",
        "gave": "a donné",
        "article": "réponse",
        "negative": "mécontent",
        "positive": "satisfait",
        "neutral": "calme",
        "email": "une adresse e-mail",
        "phone": "un numéro de téléphone",
        "card": "un numéro de carte",
        "iban": "un IBAN",
    },
    "es": {
        "gist": "Resumen, no una traducción",
        "mentions": "menciona",
        "order": "pedido",
        "amount": "importe",
        "date": "fecha",
        "gave": "dio",
        "article": "respuesta",
        "negative": "molesto",
        "positive": "contento",
        "neutral": "tranquilo",
        "email": "un correo",
        "phone": "un teléfono",
        "card": "un número de tarjeta",
        "iban": "un IBAN",
    },
}


def message_gists(
    customer_texts: Sequence[str],
    insight: Insight | None,
    intents: Sequence[Intent],
    agent_language: str,
    article_title: str | None,
) -> list[dict[str, Any]]:
    """One gist per customer message the insight read (the latest few), oldest first."""
    if insight is None:
        return []
    L = _LABELS.get(agent_language.split("-")[0], _LABELS["en"])
    by_id = {i.id: i for i in intents}
    texts = list(customer_texts)[-len(insight.messages) :] if insight.messages else []
    out = []
    for n, (text, reading) in enumerate(zip(texts, insight.messages, strict=False)):
        facts = find_facts(text)
        intent = by_id[reading.intent].label(agent_language) if reading.intent in by_id else reading.intent
        parts = [intent, L.get(reading.sentiment, reading.sentiment)]
        mentioned = (
            [f"{L['order']} {v}" for v in facts.orders]
            + [f"{L['amount']} {v}" for v in facts.amounts]
            + [f"{L['date']} {v}" for v in facts.dates]
        )
        if mentioned:
            parts.append(f"{L['mentions']} " + ", ".join(mentioned))
        if facts.contact:
            parts.append(f"{L['gave']} " + ", ".join(L.get(k, k) for k in facts.contact))
        latest = n == len(texts) - 1
        if latest and article_title:
            parts.append(f"{L['article']}: {article_title}")
        out.append(
            {
                "index": len(customer_texts) - len(texts) + n,
                "label": L["gist"],
                "text": "; ".join(parts),
                "intent": reading.intent,
                "sentiment": reading.sentiment,
                "facts": facts.as_dict(),
            }
        )
    return out
