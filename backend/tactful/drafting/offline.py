"""The offline drafter: replies composed from the phrasing library and KB summaries, no model needed.

Each plan is a sequence of phrase stages around the KB fact; which phrase fills a stage comes from the
retrieval ranking (the phrase closest to what the customer wrote), the culture profile (apology strength)
and the draft's position (later drafts take the next-ranked variant, so drafts differ). The back-translation
is the same plan rendered in the agent's language, or the phrases' English meanings.
"""

from __future__ import annotations

import re

from ..knowledge.library import Phrase
from .types import Draft, DraftContext, DraftResult

PROMPT_VERSION = "offline-composer/1"
NOTE = "Template drafts composed offline from the phrasing library and knowledge base; no language model was used."

# (label, stages) per conversation stage. "FACT" is the KB answer; "apology" picks its strength by profile.
PLANS: dict[str, list[tuple[str, list[str]]]] = {
    "complaint": [
        ("Soothe and resolve", ["greeting", "apology", "empathy", "resolution", "FACT", "follow_up", "closing"]),
        ("Verify first", ["greeting", "apology", "verification", "follow_up", "closing"]),
        ("Compensate", ["greeting", "apology", "FACT", "compensation", "closing"]),
        ("Escalate", ["greeting", "apology", "empathy", "escalation", "closing"]),
        ("Short apology", ["apology", "FACT", "closing"]),
    ],
    "question": [
        ("Answer", ["greeting", "acknowledgement", "resolution", "FACT", "closing"]),
        ("Short answer", ["greeting", "FACT", "closing"]),
        ("Verify first", ["greeting", "acknowledgement", "verification", "closing"]),
        ("Answer and follow up", ["greeting", "FACT", "follow_up", "closing"]),
        ("Escalate", ["greeting", "acknowledgement", "escalation", "closing"]),
    ],
    "greeting": [
        ("Welcome", ["greeting", "closing_open"]),
        ("Welcome and help", ["greeting", "acknowledgement", "closing_open"]),
        ("Short welcome", ["greeting", "closing_open"]),
    ],
}
_NO_SPACE_LANGUAGES = ("ja", "zh")
_EMPTY_NAME = re.compile(r",?[ \t]*\{customer\}")
_OPENERS_ONLY = {"greeting.how_help"}  # opens a conversation; never a greeting line in a reply
# The plan that takes the complaint process's next step (from conversation insight) goes first.
_PLAN_FOR_STEP = {"soothe": "Soothe and resolve", "verify": "Verify first", "resolve": "Soothe and resolve",
                  "compensate": "Compensate", "follow_up": "Soothe and resolve"}


def plans_for(ctx: DraftContext) -> list[tuple[str, list[str]]]:
    """The stage's plans, the next complaint step's first; mid-conversation drafts do not greet again, and once
    the agent has apologised they do not apologise again unless the customer is still upset."""
    plans = list(PLANS.get(ctx.stage, PLANS["question"]))
    insight = ctx.insight
    if insight and insight.complaint_step:
        wanted = _PLAN_FOR_STEP.get(insight.complaint_step)
        plans.sort(key=lambda p: p[0] != wanted)
    if ctx.stage != "greeting" and any(role == "agent" for role, _ in ctx.messages):
        soothed = bool(insight and "soothe" in insight.steps_taken and insight.complaint_step != "soothe")
        drop = {"greeting", "apology", "empathy"} if soothed else {"greeting"}
        plans = [(label, [s for s in stages if s not in drop]) for label, stages in plans]
    return plans


def _fill(text: str, names: dict[str, str], ctx: DraftContext, styled: bool = True) -> str:
    """Fills placeholders; `styled` writes the name the customer's culture's way ("佐藤様")."""
    customer = names.get("customer", "")
    if customer:
        text = text.replace("{customer}", ctx.profile.name_format.replace("{name}", customer) if styled else customer)
    elif ctx.profile.unnamed and styled:
        text = text.replace("{customer}", ctx.profile.unnamed)
    else:
        text = _EMPTY_NAME.sub("", text)
    text = text.replace("{agent}", names.get("agent", "")).replace("{company}", names.get("company", ""))
    return re.sub(r"[ \t]+([,.!?])", r"\1", re.sub(r"[ \t]{2,}", " ", text)).strip()


class PhrasePicker:
    """Chooses the phrase for a stage: ranked by relevance, rotated by draft number, then register."""

    def __init__(self, ctx: DraftContext) -> None:
        self.ctx = ctx
        self.by_stage: dict[str, list[str]] = {}
        for p in ctx.ranked_phrases:  # keys in relevance order, each once
            keys = self.by_stage.setdefault(p.stage, [])
            if p.key not in keys:
                keys.append(p.key)

    def key_for(self, stage: str, draft_no: int) -> str | None:
        if stage == "apology":
            strong = self.ctx.profile.apology_strength == "high" or draft_no == 2
            return "apology.strong" if strong else "apology.standard"
        if stage == "closing_open":
            return "greeting.how_help"
        keys = [k for k in self.by_stage.get(stage, []) if k not in _OPENERS_ONLY]
        return keys[draft_no % len(keys)] if keys else None

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
        plans = plans_for(ctx)
        drafts: list[Draft] = []
        seen: set[str] = set()
        for i in range(len(plans)):
            if len(drafts) >= ctx.n:
                break
            label, stages = plans[i]
            draft = self._compose(ctx, picker, i, label, stages)
            if draft and draft.text not in seen:
                seen.add(draft.text)
                draft.id = f"d{len(drafts) + 1}"
                drafts.append(draft)
        return DraftResult(drafts, "offline", "tactful-offline", PROMPT_VERSION, NOTE)

    def _compose(self, ctx: DraftContext, picker: PhrasePicker, no: int, label: str, stages: list[str]) -> Draft | None:
        lines, back, sources, flags = [], [], [], ["Template draft: read it before sending."]
        article = ctx.articles[0][0] if ctx.articles else None
        for stage in stages:
            if stage == "FACT":
                if not article:
                    continue
                fact = article.summary.get(f"{ctx.phrasing_language}@{ctx.register}") or article.summary.get(
                    ctx.phrasing_language)
                if fact and ctx.register == "informal" and f"{ctx.phrasing_language}@informal" not in article.summary \
                        and ctx.profile.address.informal and ctx.phrasing_language not in ("en", "pt"):
                    flags.append(f"The knowledge-base answer addresses the customer formally; "
                                 f"change it to '{ctx.profile.address.informal}'.")
                if fact is None:
                    fact = article.summary["en"]
                    flags.append(f"The knowledge-base answer has no {ctx.phrasing_language} version; it is in English.")
                lines.append(fact)
                back.append(self._agent_summary(article, ctx))
                sources.append(f"kb:{article.id}")
                continue
            key = picker.key_for(stage, no)
            phrase = picker.phrase(ctx.phrasing_language, key) if key else None
            if not phrase:
                continue
            lines.append(_fill(phrase.text, ctx.names, ctx))
            back.append(self._agent_phrase(phrase, ctx))
            sources.append(phrase.id)
            if stage == "compensation":
                flags.append("Offers compensation: check that this case qualifies before sending.")
        if len(lines) < 2:
            return None
        return Draft("", label, self._join(lines, ctx.phrasing_language), self._join(back, ctx.agent_language),
                     ctx.register, sources, flags)

    def _agent_phrase(self, phrase: Phrase, ctx: DraftContext) -> str:
        own = ctx.library.phrase(ctx.agent_language, phrase.key, phrase.register) or ctx.library.phrase(
            ctx.agent_language, phrase.key, "formal")
        return _fill(own.text if own else phrase.meaning, ctx.names, ctx, styled=False)

    def _agent_summary(self, article, ctx: DraftContext) -> str:
        return article.summary.get(ctx.agent_language) or article.summary["en"]

    @staticmethod
    def _join(parts: list[str], language: str) -> str:
        if not parts:
            return ""
        sep = "" if language.split("-")[0] in _NO_SPACE_LANGUAGES else " "
        greeting, rest = parts[0], parts[1:]
        return greeting + ("\n" + sep.join(rest) if rest else "")
