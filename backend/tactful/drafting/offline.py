"""The offline drafter: replies composed from the phrasing library and KB summaries, no model needed.

The answer plan decides what the drafts do: answer the best article (and the runner-up when it is close),
ask what the customer needs when no article clearly fits, offer a colleague when the customer asks for a
person, or close briefly when they are done. Each draft follows a sequence of phrase stages around the KB
fact; which phrase fills a stage comes from the retrieval ranking, the culture profile (apology strength)
and the draft's position. A phrase that promises what neither the cited article nor the agent has said
(an email, a call back, a voucher, a deadline) is left out, and nothing the customer already gave is asked
for again. The back-translation is the same plan rendered in the agent's language.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

from ..culture.profiles import GreetingReply
from ..library.texts import Article, Phrase
from .promises import promises, supported
from .types import Draft, DraftContext, DraftResult, StreamEvent

PROMPT_VERSION = "offline-composer/2"
NOTE = "Template drafts composed offline from the phrasing library and knowledge base; no language model was used."

# Stages are phrase stages ("apology"), "FACT" (the article's answer) or one phrase key ("closing.goodbye").
ANSWER_PLANS: dict[str, list[tuple[str, list[str]]]] = {
    "complaint": [
        (
            "Soothe and resolve",
            ["greeting", "apology", "empathy", "resolution", "FACT", "follow_up", "closing"],
        ),
        ("Short apology", ["apology", "FACT", "closing"]),
        ("Verify first", ["greeting", "apology", "verification", "closing"]),
        ("Compensate", ["greeting", "apology", "FACT", "compensation", "closing"]),
    ],
    "question": [
        ("Answer", ["greeting", "acknowledgement", "resolution", "FACT", "closing"]),
        ("Short answer", ["greeting", "FACT", "closing"]),
        ("Answer and follow up", ["greeting", "FACT", "follow_up", "closing"]),
    ],
}
GREETING_PLANS = [
    ("Welcome", ["greeting", "greeting.how_help"]),
    ("Welcome and help", ["greeting", "acknowledgement", "greeting.how_help"]),
]
CLOSE_PLANS = [
    ("Close", ["closing.glad_to_help", "closing.goodbye"]),
    ("Close and offer more", ["closing.glad_to_help", "closing.anything_else"]),
]
CLARIFY = ("Ask what it is about", ["greeting", "apology", "verification.details"])
HANDOFF = ("Offer a colleague", ["greeting", "apology", "escalation.handoff"])
_NO_SPACE_LANGUAGES = ("ja", "zh")
_EMPTY_NAME = re.compile(r"[,،]?[ \t]*\{customer\}")  # Latin and Arabic commas
# Phrases used only where a plan names them: opening a conversation, asking what it is about, handing over,
# closing after thanks. A stage never picks them by rotation.
_NAMED_ONLY = {"greeting.how_help", "verification.details", "escalation.handoff", "closing.glad_to_help"}
_ASKS_FOR = {"verification.order": "order", "verification.identity": "email"}
# The plan that takes the complaint process's next step (from conversation insight) goes right after draft 1.
_PLAN_FOR_STEP = {"verify": "Verify first", "compensate": "Compensate"}


@dataclass(frozen=True)
class DraftPlan:
    label: str
    stages: list[str]
    article: Article | None = None  # whose answer fills "FACT"


def _answer_plans(ctx: DraftContext, stage: str) -> list[tuple[str, list[str]]]:
    plans = list(ANSWER_PLANS.get(stage, ANSWER_PLANS["question"]))
    wanted = (
        _PLAN_FOR_STEP.get(ctx.insight.complaint_step) if ctx.insight and ctx.insight.complaint_step else None
    )
    return plans[:1] + sorted(plans[1:], key=lambda p: p[0] != wanted)


def plans_for(ctx: DraftContext) -> list[DraftPlan]:
    """The drafts to write, in order, from the answer plan."""
    answer, library = ctx.answer, ctx.library
    mode = answer.mode if answer else ("answer" if ctx.articles else "clarify")
    best = (
        library.articles.get(answer.article)
        if answer and answer.article
        else (ctx.articles[0][0] if ctx.articles and not answer else None)
    )
    runner = library.articles.get(answer.runner_up) if answer and answer.runner_up else None
    stage = "complaint" if ctx.stage == "complaint" else "question"
    answers = _answer_plans(ctx, stage)
    if mode == "close":
        return [DraftPlan(label, stages) for label, stages in CLOSE_PLANS]
    if mode == "greet":
        return [DraftPlan(label, stages) for label, stages in GREETING_PLANS]
    if mode in ("clarify", "handoff"):
        drop = set() if stage == "complaint" else {"apology"}  # no apology for a plain question
        ask, hand = ([s for s in plan if s not in drop] for plan in (CLARIFY[1], HANDOFF[1]))
        first, other = (
            (DraftPlan(HANDOFF[0], hand), DraftPlan(CLARIFY[0], ask))
            if mode == "handoff"
            else (DraftPlan(CLARIFY[0], ask), DraftPlan(HANDOFF[0], hand))
        )
        guess = [DraftPlan(f"Best guess: {runner.title}", answers[0][1], runner)] if runner else []
        return [first, *guess, other]
    plans = (
        [DraftPlan(f"{answers[0][0]}: {best.title}", answers[0][1], best)] if best else [DraftPlan(*CLARIFY)]
    )
    if runner:
        plans.append(DraftPlan(f"Or: {runner.title}", answers[0][1], runner))
    plans += [DraftPlan(label, stages, best) for label, stages in answers[1:]]
    return plans


def _mid_conversation(ctx: DraftContext, plan: DraftPlan) -> DraftPlan:
    """Mid-conversation drafts do not greet again, and once the agent has apologised they do not apologise
    again unless the customer is still upset."""
    if (
        not any(role == "agent" for role, _ in ctx.messages)
        or not plan.stages
        or plan.stages[0] == "closing.glad_to_help"
    ):
        return plan
    insight = ctx.insight
    soothed = bool(insight and "soothe" in insight.steps_taken and insight.complaint_step != "soothe")
    drop = {"greeting", "apology", "empathy"} if soothed else {"greeting"}
    return DraftPlan(plan.label, [s for s in plan.stages if s not in drop], plan.article)


def _fill(text: str, names: dict[str, str], ctx: DraftContext, styled: bool = True) -> str:
    """Fills placeholders; `styled` writes the name the customer's culture's way ("佐藤様")."""
    customer = names.get("customer", "")
    if customer:
        text = text.replace(
            "{customer}", ctx.profile.name_format.replace("{name}", customer) if styled else customer
        )
    elif ctx.profile.unnamed and styled:
        text = text.replace("{customer}", ctx.profile.unnamed)
    else:
        text = _EMPTY_NAME.sub("", text)
    text = text.replace("{agent}", names.get("agent", "")).replace("{company}", names.get("company", ""))
    return re.sub(r"[ \t]+([,.!?;،؟])", r"\1", re.sub(r"[ \t]{2,}", " ", text)).strip()


def _returned_greeting(ctx: DraftContext) -> GreetingReply | None:
    """The profile's answer to the customer's opening greeting ("السلام عليكم" -> "وعليكم السلام"), on the first
    reply of the conversation only."""
    if not ctx.profile.greeting_replies or any(role == "agent" for role, _ in ctx.messages):
        return None
    first = ctx.customer_texts[0].strip() if ctx.customer_texts else ""
    return next((g for g in ctx.profile.greeting_replies if first.startswith(g.opening)), None)


class PhrasePicker:
    """Chooses the phrase for a stage: ranked by relevance, rotated by draft number, then register."""

    def __init__(self, ctx: DraftContext) -> None:
        self.ctx = ctx
        self.by_stage: dict[str, list[str]] = {}
        for p in ctx.ranked_phrases:  # keys in relevance order, each once
            keys = self.by_stage.setdefault(p.stage, [])
            if p.key not in keys:
                keys.append(p.key)

    def keys_for(self, stage: str, draft_no: int) -> list[str]:
        """Candidate keys for a stage, the preferred one first."""
        if "." in stage:
            return [stage]
        if stage == "apology":
            strong = self.ctx.profile.apology_strength == "high" or draft_no == 2
            return ["apology.strong" if strong else "apology.standard"]
        keys = [k for k in self.by_stage.get(stage, []) if k not in _NAMED_ONLY]
        return keys[draft_no % len(keys) :] + keys[: draft_no % len(keys)] if keys else []

    def phrase(self, language: str, key: str) -> Phrase | None:
        wanted = [p for p in self.ctx.ranked_phrases if p.key == key and p.language == language]
        for register in (self.ctx.register, "formal", "informal"):
            for p in wanted:
                if p.register == register:
                    return p
        return None


class OfflineDrafter:
    def draft(self, ctx: DraftContext) -> DraftResult:
        picker = PhrasePicker(ctx)
        drafts: list[Draft] = []
        seen: set[str] = set()
        for no, plan in enumerate(plans_for(ctx)):
            if len(drafts) >= ctx.n:
                break
            draft = self._compose(ctx, picker, no, _mid_conversation(ctx, plan))
            if draft and draft.text not in seen:
                seen.add(draft.text)
                draft.id = f"d{len(drafts) + 1}"
                drafts.append(draft)
        return DraftResult(drafts, "offline", "tactful-offline", PROMPT_VERSION, NOTE)

    def _allowed(self, ctx: DraftContext, plan: DraftPlan) -> set[str]:
        """Promises this draft may make: what its article states and what the agent already said; compensation
        only in the plan that offers it, once the problem is resolved and the customer is still unhappy."""
        article = plan.article
        texts = [article.summary.get("en", "") + "\n" + article.body] if article else []
        allowed = set()
        if ctx.insight:
            texts += [m.phrase.meaning for m in ctx.insight.moves]
            if plan.label == _PLAN_FOR_STEP["compensate"] and ctx.insight.complaint_step == "compensate":
                allowed.add("voucher")
        return supported(texts) | allowed

    def _phrase_for(
        self, ctx: DraftContext, picker: PhrasePicker, stage: str, no: int, allowed: set[str]
    ) -> Phrase | None:
        for key in picker.keys_for(stage, no):
            if _ASKS_FOR.get(key) in ctx.given:
                continue  # the customer already gave it
            phrase = picker.phrase(ctx.phrasing_language, key)
            if phrase and not promises(phrase.meaning) - allowed:
                return phrase
        return None

    def _compose(self, ctx: DraftContext, picker: PhrasePicker, no: int, plan: DraftPlan) -> Draft | None:
        lines, back, sources, flags = [], [], [], ["Template draft: read it before sending."]
        allowed = self._allowed(ctx, plan)
        returned = _returned_greeting(ctx)
        for stage in plan.stages:
            if stage == "greeting" and returned:
                lines.append(_fill(returned.reply, ctx.names, ctx))
                back.append(_fill(returned.meaning, ctx.names, ctx, styled=False))
                continue
            if stage == "FACT":
                if plan.article:
                    lines.append(self._fact(ctx, plan.article, flags))
                    back.append(plan.article.summary.get(ctx.agent_language) or plan.article.summary["en"])
                    sources.append(f"kb:{plan.article.id}")
                continue
            phrase = self._phrase_for(ctx, picker, stage, no, allowed)
            if not phrase:
                continue
            lines.append(_fill(phrase.text, ctx.names, ctx))
            back.append(self._agent_phrase(phrase, ctx))
            sources.append(phrase.id)
            if phrase.stage == "compensation":
                flags.append("Offers compensation: check that this case qualifies before sending.")
            if phrase.key == "escalation.handoff":
                flags.append("Hands the conversation over: transfer it to a colleague when you send this.")
        if len(lines) < 2 and not (lines and plan.stages and plan.stages[-1].startswith("verification.")):
            return None
        return Draft(
            "",
            plan.label,
            self._join(lines, ctx.phrasing_language),
            self._join(back, ctx.agent_language),
            ctx.register,
            sources,
            flags,
            f"kb:{plan.article.id}" if plan.article else None,
        )

    def _fact(self, ctx: DraftContext, article: Article, flags: list[str]) -> str:
        fact = article.summary_for(ctx.phrasing_language, ctx.register)
        if (
            fact
            and ctx.register == "informal"
            and f"{ctx.phrasing_language}@informal" not in article.summary
            and ctx.profile.address.informal
            and ctx.phrasing_language not in ("en", "pt")
        ):
            flags.append(
                f"The knowledge-base answer addresses the customer formally; "
                f"change it to '{ctx.profile.address.informal}'."
            )
        if fact is None:
            flags.append(
                f"The knowledge-base answer has no {ctx.phrasing_language} version; it is in English."
            )
            return article.summary["en"]
        return fact

    def _agent_phrase(self, phrase: Phrase, ctx: DraftContext) -> str:
        own = ctx.library.phrase(ctx.agent_language, phrase.key, phrase.register) or ctx.library.phrase(
            ctx.agent_language, phrase.key, "formal"
        )
        return _fill(own.text if own else phrase.meaning, ctx.names, ctx, styled=False)

    @staticmethod
    def _join(parts: list[str], language: str) -> str:
        if not parts:
            return ""
        sep = "" if language.split("-")[0] in _NO_SPACE_LANGUAGES else " "
        greeting, rest = parts[0], parts[1:]
        return greeting + ("\n" + sep.join(rest) if rest else "")


class OfflineDrafting:
    """The offline drafter as the suggestion flow's drafter when no model is configured: the same drafts, composed
    in a worker thread so the event loop stays free."""

    def __init__(self, offline: OfflineDrafter) -> None:
        self.offline = offline

    async def draft(self, ctx: DraftContext) -> DraftResult:
        return await asyncio.to_thread(self.offline.draft, ctx)

    async def stream(self, ctx: DraftContext) -> AsyncIterator[StreamEvent]:
        yield StreamEvent("result", result=await self.draft(ctx))
