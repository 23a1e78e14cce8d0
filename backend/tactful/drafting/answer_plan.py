"""What the first draft should do with the customer's latest turn: answer an article, ask what it is about,
hand over to a colleague, or close the conversation; and whether a second draft answers the runner-up.

Honest beats confident: when no article is clearly right, draft 1 asks one clarifying question and cites
nothing, and the response says why. Thresholds were chosen on the dev split of `tactful eval answers`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..insight.turns import closing_cue, facts_given, is_greeting, person_request
from ..knowledge.ranking import Candidate, answer_confidence

ANSWER_MIN = 0.5  # confidence (that the best article is right) below which draft 1 asks instead of answering
GUESS_MIN = 0.2  # below this the best article is not offered even as a second draft
RUNNER_UP_RATIO = (
    0.5  # the runner-up gets its own draft when its probability is at least this share of the best
)
OPEN_REQUEST = "open_request"  # the taxonomy's intent for "I have a question": not yet said what it is about
OPEN_REQUEST_OVERRULED = 0.97  # ... unless an article is this clearly right anyway
# A weak field: the best article is unlikely and no question any article lists is close to the customer's words.
# A lead over such a field is not confidence (the confidence model sees the lead, not the field's weakness).
WEAK_FIELD = ((0.02, 0.40), (0.05, 0.25))  # (best probability below, best question similarity below)


@dataclass(frozen=True)
class AnswerPlan:
    mode: str  # "answer" | "clarify" | "handoff" | "close" | "greet"
    article: str | None  # the article draft 1 answers
    runner_up: str | None  # the article a second draft answers, when it is close or draft 1 does not answer
    confidence: float  # that the best article is the one that answers
    reason: str  # why, in words the agent reads
    given: frozenset[str] = field(
        default_factory=frozenset
    )  # what the customer already gave: order, email, photo

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "article": f"kb:{self.article}" if self.article else None,
            "runner_up": f"kb:{self.runner_up}" if self.runner_up else None,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
            "given": sorted(self.given),
        }


def greeting_only(customer_texts: Sequence[str]) -> bool:
    return len(customer_texts) == 1 and is_greeting(customer_texts[-1])


def weak_field(candidates: Sequence[Candidate]) -> bool:
    if not candidates:
        return True
    best_question = max(c.evidence.get("q_last", 0.0) for c in candidates)
    return any(candidates[0].probability < p and best_question < q for p, q in WEAK_FIELD)


def plan_answer(
    messages: Sequence[tuple[str, str]],
    language: str,
    candidates: Sequence[Candidate],
    latest_intent: str | None = None,
) -> AnswerPlan:
    """`messages` are (role, redacted text), oldest first; `candidates` the ranked articles, best first;
    `latest_intent` the intent read from the customer's latest message alone."""
    customer = [t for r, t in messages if r == "customer" and t.strip()]
    given = frozenset(facts_given(customer))
    best = candidates[0] if candidates else None
    top = answer_confidence(candidates) if best else 0.0
    second = candidates[1] if len(candidates) > 1 else None
    close_second = bool(best and second and second.probability >= RUNNER_UP_RATIO * best.probability)
    cue = closing_cue(messages, language)
    if cue:
        return AnswerPlan("close", None, None, top, f"the customer closes the conversation ('{cue}')", given)
    if greeting_only(customer):
        return AnswerPlan("greet", None, None, top, "the customer only said hello", given)
    person = person_request(customer[-1]) if customer else None
    if person:
        guess = best.article_id if best and top >= ANSWER_MIN else None
        return AnswerPlan("handoff", None, guess, top, f"the customer asks for a person ('{person}')", given)
    if best is None:
        return AnswerPlan("clarify", None, None, 0.0, "no knowledge-base article to go on", given)
    if latest_intent == OPEN_REQUEST and top < OPEN_REQUEST_OVERRULED:
        guess = best.article_id if top >= GUESS_MIN else None
        return AnswerPlan(
            "clarify", None, guess, top, "the customer has not said yet what it is about", given
        )
    if top < ANSWER_MIN or weak_field(candidates):
        guess = best.article_id if top >= GUESS_MIN else None
        why = (
            f"no article clearly answers this (best {top:.0%})"
            if top < ANSWER_MIN
            else "no article is close to what the customer asks"
        )
        return AnswerPlan("clarify", None, guess, top, f"{why}: ask what the customer needs", given)
    reason = f"answers '{best.article_id}' ({top:.0%})"
    if close_second and second is not None:
        reason += f"; '{second.article_id}' is close ({second.probability:.0%})"
    return AnswerPlan(
        "answer", best.article_id, second.article_id if close_second and second else None, top, reason, given
    )
