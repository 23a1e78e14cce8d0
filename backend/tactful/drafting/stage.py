"""Where the conversation is: a greeting, a question, a complaint that needs soothing first, or a closing.

A complaint is a customer who reports a problem or is upset, read from the latest messages: words that
report something going wrong or anger in the customer's language, the latest message's own feeling, or a
confident match with a problem article (a damaged item, a double charge). Asking about refunds or returns
is a question, not a complaint: drafting it as one apologises for nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..insight import cues
from ..insight.engine import Insight
from ..library.texts import Article
from .answer_plan import ANSWER_MIN, AnswerPlan


@dataclass(frozen=True)
class Stage:
    name: str  # "greeting" | "question" | "complaint" | "closing"
    reason: str


def upset_cue(customer_texts: Sequence[str], language: str) -> str | None:
    """Anger, a threat or a repeated contact in the last two messages, or a problem in the last one."""
    for table in (cues.ANGER, cues.THREAT, cues.REPEAT_CONTACT):
        for text in customer_texts[-2:]:
            cue = cues.find_cue(table, language, text)
            if cue:
                return cue
    return cues.find_cue(cues.PROBLEM, language, customer_texts[-1]) if customer_texts else None


def classify_stage(
    customer_texts: Sequence[str],
    language: str,
    top: tuple[Article, float] | None,
    insight: Insight | None,
    plan: AnswerPlan,
) -> Stage:
    if plan.mode == "close":
        return Stage("closing", plan.reason)
    if plan.mode == "greet":
        return Stage("greeting", plan.reason)
    cue = upset_cue(customer_texts, language)
    if cue:
        return Stage("complaint", f"reports a problem or is upset ('{cue}')")
    if insight and insight.messages and insight.messages[-1].sentiment == "negative":
        return Stage("complaint", f"negative sentiment: {insight.sentiment_reason}")
    if top and top[0].problem and plan.confidence >= ANSWER_MIN and plan.mode == "answer":
        return Stage("complaint", f"describes a problem: '{top[0].title}'")
    return Stage("question", "a request for information or action")
