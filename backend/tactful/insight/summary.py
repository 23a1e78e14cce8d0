"""Escalation and handoff summaries in the receiving colleague's language, composed without a model.

What can be said in another language without translating free text is said from structure: the intent's
label, the steps the agent took (recognised by the company phrase they match, whose version in the target
language is the translation), the KB answers involved (their summaries exist per language), sentiment,
urgency, register. The customer's open questions are quoted as written, marked untranslated; with a model
configured, `llm_summary.py` writes the same fields with translations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..library.intents import Intent
from ..library.texts import Article, Library, fill_names
from .engine import AgentMove, Insight

_PROMISE_STEPS = {"compensate", "follow_up", "resolve"}
# Phrases that lead into an answer ("Here is what I found:") promise nothing by themselves.
_NOT_PROMISES = {"resolution.intro"}
_SENT_OVERLAP = (
    0.6  # share of an article's answer (in words) found in the agent's messages: that answer was sent
)


def article_sent(agent_texts: Sequence[str], library: Library) -> Article | None:
    """The article whose answer the agent actually sent, in any language, by word overlap with its summaries."""
    from ..knowledge.lexical import tokens

    said = set().union(*(tokens(t) for t in agent_texts)) if agent_texts else set()
    best, best_share = None, 0.0
    for article in library.articles.values():
        for summary in article.summary.values():
            words = set(tokens(summary))
            share = len(words & said) / len(words) if len(words) >= 4 else 0.0
            if share > best_share:
                best, best_share = article, share
    return best if best_share >= _SENT_OVERLAP else None


# Labels of the summary, per agent language; other languages get English.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "now": "now asks about",
        "title": "Handoff summary",
        "problem": "Problem",
        "tried": "What was done",
        "promised": "Promised",
        "open": "Open questions",
        "customer": "Customer",
        "sources": "Knowledge base",
        "none": "nothing yet",
        "untranslated": "quoted, not translated",
        "soothe": "apologised and acknowledged the customer's feelings",
        "verify": "asked for order or identity details",
        "resolve": "explained a solution",
        "compensate": "offered compensation",
        "follow_up": "promised to follow up",
        "negative": "upset",
        "neutral": "calm",
        "positive": "satisfied",
        "high": "urgent",
        "medium": "needs attention soon",
        "low": "not urgent",
        "formal": "formal",
        "informal": "informal",
        "writes": "writes in",
        "addressed": "addressed",
        "other": "not recognised",
    },
    "de": {
        "now": "fragt jetzt nach",
        "title": "Übergabe-Zusammenfassung",
        "problem": "Anliegen",
        "tried": "Bisher getan",
        "promised": "Zugesagt",
        "open": "Offene Fragen",
        "customer": "Kunde",
        "sources": "Wissensdatenbank",
        "none": "noch nichts",
        "untranslated": "Zitat, nicht übersetzt",
        "soothe": "entschuldigt und Verständnis gezeigt",
        "verify": "nach Bestell- oder Identitätsdaten gefragt",
        "resolve": "eine Lösung erklärt",
        "compensate": "eine Entschädigung angeboten",
        "follow_up": "eine Rückmeldung zugesagt",
        "negative": "verärgert",
        "neutral": "ruhig",
        "positive": "zufrieden",
        "high": "dringend",
        "medium": "bald bearbeiten",
        "low": "nicht dringend",
        "formal": "förmlich",
        "informal": "informell",
        "writes": "schreibt auf",
        "addressed": "Anrede",
        "other": "nicht erkannt",
    },
    "fr": {
        "now": "demande maintenant",
        "title": "Résumé de transfert",
        "problem": "Problème",
        "tried": "Déjà fait",
        "promised": "Promis",
        "open": "Questions ouvertes",
        "customer": "Client",
        "sources": "Base de connaissances",
        "none": "rien pour l'instant",
        "untranslated": "cité, non traduit",
        "soothe": "s'est excusé et a reconnu le ressenti du client",
        "verify": "a demandé les références de commande ou d'identité",
        "resolve": "a expliqué une solution",
        "compensate": "a proposé un dédommagement",
        "follow_up": "a promis un suivi",
        "negative": "mécontent",
        "neutral": "calme",
        "positive": "satisfait",
        "high": "urgent",
        "medium": "à traiter bientôt",
        "low": "pas urgent",
        "formal": "formel",
        "informal": "familier",
        "writes": "écrit en",
        "addressed": "adresse",
        "other": "non reconnu",
    },
    "es": {
        "now": "ahora pregunta por",
        "title": "Resumen de traspaso",
        "problem": "Problema",
        "tried": "Hecho hasta ahora",
        "promised": "Prometido",
        "open": "Preguntas abiertas",
        "customer": "Cliente",
        "sources": "Base de conocimiento",
        "none": "nada todavía",
        "untranslated": "cita, sin traducir",
        "soothe": "se disculpó y reconoció los sentimientos del cliente",
        "verify": "pidió datos del pedido o de identidad",
        "resolve": "explicó una solución",
        "compensate": "ofreció una compensación",
        "follow_up": "prometió hacer seguimiento",
        "negative": "molesto",
        "neutral": "tranquilo",
        "positive": "satisfecho",
        "high": "urgente",
        "medium": "atender pronto",
        "low": "no urgente",
        "formal": "formal",
        "informal": "informal",
        "writes": "escribe en",
        "addressed": "trato",
        "other": "no reconocido",
    },
    "ja": {
        "now": "現在の質問",
        "title": "引き継ぎサマリー",
        "problem": "用件",
        "tried": "対応済み",
        "promised": "約束した内容",
        "open": "未回答の質問",
        "customer": "お客様",
        "sources": "ナレッジベース",
        "none": "まだなし",
        "untranslated": "原文のまま、未翻訳",
        "soothe": "謝罪し、お客様の気持ちに寄り添った",
        "verify": "注文番号や本人確認情報を尋ねた",
        "resolve": "解決策を説明した",
        "compensate": "補償を提案した",
        "follow_up": "折り返し連絡を約束した",
        "negative": "不満あり",
        "neutral": "落ち着いている",
        "positive": "満足",
        "high": "緊急",
        "medium": "早めの対応が必要",
        "low": "緊急ではない",
        "formal": "丁寧",
        "informal": "くだけた",
        "writes": "使用言語",
        "addressed": "呼びかけ",
        "other": "判別できず",
    },
    "zh-Hans": {
        "now": "现在询问",
        "title": "交接摘要",
        "problem": "问题",
        "tried": "已采取的措施",
        "promised": "已承诺",
        "open": "待解决的问题",
        "customer": "客户",
        "sources": "知识库",
        "none": "暂无",
        "untranslated": "原文引用，未翻译",
        "soothe": "已道歉并表示理解",
        "verify": "已询问订单或身份信息",
        "resolve": "已说明解决方案",
        "compensate": "已提出补偿",
        "follow_up": "已承诺跟进",
        "negative": "不满",
        "neutral": "平静",
        "positive": "满意",
        "high": "紧急",
        "medium": "需尽快处理",
        "low": "不紧急",
        "formal": "正式",
        "informal": "非正式",
        "writes": "使用语言",
        "addressed": "称呼",
        "other": "未识别",
    },
}


def labels_for(language: str) -> tuple[str, dict[str, str]]:
    """The summary language actually used (falls back to English) and its labels."""
    for key in (language, language.split("-")[0], "zh-Hans" if language.startswith("zh") else ""):
        if key in LABELS:
            return key, LABELS[key]
    return "en", LABELS["en"]


@dataclass
class Quote:
    text: str  # as written (redacted unless the recipient may see PII)
    language: str
    translation: str | None = None  # None: not translated


@dataclass
class Summary:
    language: str
    problem: str
    tried: list[str]
    promised: list[Quote]
    open_questions: list[Quote]
    customer: dict[str, Any]  # language, register, address, sentiment, urgency (with reasons)
    sources: list[dict[str, str]]
    text: str = ""
    drafter: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def compose_summary(
    *,
    messages: Sequence[tuple[str, str]],
    insight: Insight,
    moves: Sequence[AgentMove],
    target: str,
    customer_language: str,
    register: str,
    address: str,
    intents: Sequence[Intent],
    articles: Sequence[Article],
    library: Library,
    names: dict[str, str],
) -> Summary:
    language, L = labels_for(target)
    by_id = {i.id: i for i in intents}
    sent = article_sent([t for r, t in messages if r == "agent"], library)
    # The problem is what the conversation is about: the intent linked to the answer the agent sent, else to the
    # best article for the conversation, else the intent read from the customer's words.
    anchor = sent or (articles[0] if articles else None)
    linked = [i for i in intents if anchor and anchor.id in i.articles]
    read = by_id.get(insight.problem_intent or insight.intent)
    main = read if read in linked or not linked else linked[0]
    problem = main.label(language) if main else L["other"]
    if main and insight.intent != main.id and insight.intent in by_id:
        problem += f"; {L['now']}: {by_id[insight.intent].label(language)}"
    last_customer = next((t for r, t in reversed(messages) if r == "customer"), "")
    tried = [L[step] for step in insight.steps_taken]
    tried += [f"{L['sources']}: {sent.title}"] if sent else []
    promised = []
    for move in (m for m in moves if m.step in _PROMISE_STEPS and m.phrase.key not in _NOT_PROMISES):
        own = library.phrase(language, move.phrase.key, move.phrase.register) or library.phrase(
            language, move.phrase.key, "formal"
        )
        promised.append(Quote(move.sentence, customer_language, fill_names(own.text, names) if own else None))
    open_questions = [Quote(t, customer_language) for t in _after_last_agent(messages)] or (
        [Quote(last_customer, customer_language)] if last_customer else []
    )
    sources = [
        {"id": f"kb:{a.id}", "title": a.title, "summary": a.summary.get(language) or a.summary.get("en", "")}
        for a in articles
    ]
    customer = {
        "language": customer_language,
        "register": register,
        "address": address,
        "sentiment": insight.sentiment,
        "sentiment_reason": insight.sentiment_reason,
        "urgency": insight.urgency,
        "urgency_reason": insight.urgency_reason,
    }
    summary = Summary(language, problem, tried, promised, open_questions, customer, sources)
    summary.text = render_text(summary)
    return summary


def _iso(text: str) -> str:
    """Quoted customer text between Unicode isolates (FSI ... PDI): Arabic or Hebrew inside an English line keeps
    its own direction and cannot drag the quotes and labels around it."""
    return f"\u2068{text}\u2069"


def render_text(s: Summary) -> str:
    """The summary as the plain text a colleague pastes into a ticket."""
    _, L = labels_for(s.language)
    c = s.customer
    lines = [
        f"{L['title']}",
        f"{L['problem']}: {s.problem}",
        f"{L['customer']}: {L.get(c['sentiment'], c['sentiment'])}, {L.get(c['urgency'], c['urgency'])}; "
        f'{L["writes"]} {c["language"]} ({L.get(c["register"], c["register"])}, {L["addressed"]} "{c["address"]}")',
        f"{L['tried']}: {'; '.join(s.tried) if s.tried else L['none']}",
    ]
    if s.promised:
        lines.append(f"{L['promised']}:")
        # The company phrase's wording can lose a date or an amount the agent added: the original goes beside it.
        lines += [
            f"- {q.translation}" + (f' ("{_iso(q.text)}")' if q.text else "")
            if q.translation
            else f'- "{_iso(q.text)}" ({L["untranslated"]})'
            for q in s.promised
        ]
    if s.open_questions:
        lines.append(f"{L['open']}:")
        lines += [
            f"- {q.translation}"
            if q.translation
            else f'- "{_iso(q.text)}" ({q.language}, {L["untranslated"]})'
            for q in s.open_questions
        ]
    if s.sources:
        lines.append(f"{L['sources']}:")
        lines += [f"- [{src['id']}] {src['title']}: {src['summary']}" for src in s.sources]
    return "\n".join(lines)


def _after_last_agent(messages: Sequence[tuple[str, str]]) -> list[str]:
    out: list[str] = []
    for role, text in reversed(messages):
        if role == "agent":
            break
        out.append(text)
    return list(reversed(out))[-3:]
