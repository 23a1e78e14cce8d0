"""Where the conversation is: a greeting, a question, or a complaint that needs soothing first.

Offline and language-independent where it can be: a complaint is recognised when the best KB match is a
problem article (delay, damage, double charge ...) through multilingual embeddings, or when the customer's
words carry negative cues in their language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..insight.engine import Insight
from ..knowledge.library import Article

_NEGATIVE_CUES = {
    "en": ["not arrived", "never arrived", "still waiting", "broken", "damaged", "wrong", "angry", "terrible",
           "unacceptable", "disappointed", "charged twice", "refund", "complaint", "missing", "worst"],
    "de": ["nicht angekommen", "immer noch", "kaputt", "beschädigt", "falsch", "ärgerlich", "unmöglich",
           "enttäuscht", "doppelt", "beschwerde", "fehlt", "unverschämt", "erstattung"],
    "fr": ["pas reçu", "toujours pas", "cassé", "endommagé", "abîmé", "inacceptable", "déçu", "deux fois",
           "remboursement", "réclamation", "manquant", "scandaleux"],
    "es": ["no ha llegado", "no llegó", "roto", "dañado", "inaceptable", "decepcionado",
           "dos veces", "reembolso", "reclamación", "queja", "falta"],
    "pt": ["não chegou", "ainda não", "quebrado", "danificado", "inaceitável", "decepcionado",
           "duas vezes", "reembolso", "reclamação", "absurdo", "faltando"],
    "it": ["non è arrivato", "rotto", "danneggiato", "inaccettabile", "deluso", "due volte",
           "rimborso", "reclamo", "manca"],
    "ja": ["届かない", "届いていない", "届きません", "届いていません", "届いておりません", "壊れ", "破損", "不良",
           "不具合", "ひどい", "二重", "返金", "苦情", "困って"],
    "ko": ["안 왔", "오지 않", "고장", "파손", "불량", "화가", "두 번", "환불", "불만"],
    "zh": ["没收到", "沒收到", "还没", "還沒", "坏了", "壞了", "破损", "破損", "两次", "兩次", "退款", "投诉",
           "投訴", "太差"],
}
_GREETING_ONLY = re.compile(r"^\W*(hi|hello|hey|hallo|guten tag|bonjour|salut|hola|buenos días|olá|oi|ciao|"
                            r"buongiorno|こんにちは|안녕하세요|你好|您好)\W*$", re.IGNORECASE)
PROBLEM_MATCH = 0.35  # cosine similarity above which a problem article counts as what the customer has


@dataclass(frozen=True)
class Stage:
    name: str  # "greeting" | "question" | "complaint"
    reason: str


def negative_cue(texts: Sequence[str], language: str) -> str | None:
    cues = _NEGATIVE_CUES.get(language.split("-")[0], []) + (_NEGATIVE_CUES["en"] if language != "en" else [])
    for text in texts[-2:]:
        lowered = text.lower()
        for cue in cues:
            if cue in lowered:
                return cue
    return None


def classify_stage(customer_texts: Sequence[str], language: str, top: tuple[Article, float] | None,
                   insight: Insight | None = None) -> Stage:
    if len(customer_texts) <= 1 and customer_texts and _GREETING_ONLY.match(customer_texts[-1].strip()):
        return Stage("greeting", "the customer only said hello")
    cue = negative_cue(customer_texts, language)
    if cue:
        return Stage("complaint", f"negative wording ('{cue}')")
    if insight and insight.sentiment == "negative":
        return Stage("complaint", f"negative sentiment: {insight.sentiment_reason}")
    if insight and insight.problem:
        return Stage("complaint", f"the customer reports a problem ({insight.intent})")
    if top and top[0].problem and top[1] >= PROBLEM_MATCH:
        return Stage("complaint", f"matches problem article '{top[0].title}'")
    return Stage("question", "a request for information or action")
