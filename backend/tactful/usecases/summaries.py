"""Handoff and escalation summaries: the offline summary always, the model's when one is configured (checked,
with the offline one as its fallback), personal data shown only to the roles the settings name."""

from __future__ import annotations

from typing import Any

from ..drafting.pipeline import SuggestionInput, SuggestionPipeline
from ..insight.llm_summary import model_summary
from ..insight.summary import Summary, compose_summary
from ..language.tags import phrasing_language
from ..library.content import ContentState
from ..llm.call import ModelCall
from ..seams import LanguageDetector
from ..settings import PrivacySettings
from .threads import in_thread


class Summaries:
    def __init__(
        self,
        pipeline: SuggestionPipeline,
        content: ContentState,
        call: ModelCall | None,
        detector: LanguageDetector,
        privacy: PrivacySettings,
    ) -> None:
        self.pipeline, self.content, self.call, self.detector = pipeline, content, call, detector
        self.privacy = privacy  # read per request: the roles that may see personal data can change

    async def insight(self, req: SuggestionInput, token_id: int) -> dict[str, Any]:
        prepared = await in_thread(self.pipeline.prepare, req, token_id)
        meta = prepared.meta
        return {
            "language": meta["language"],
            "culture": meta["culture"],
            "stage": meta["stage"],
            "insight": meta["insight"],
            "sources": meta["sources"],
            "timings_ms": prepared.timer.ms,
        }

    async def summarize(
        self, req: SuggestionInput, token_id: int, target: str, recipient_role: str | None
    ) -> dict[str, Any]:
        prepared = await in_thread(self.pipeline.prepare, req, token_id)
        ctx, meta = prepared.ctx, prepared.meta
        content = self.content.current()
        insight = ctx.insight
        assert insight is not None  # prepare always reads the conversation

        def offline() -> Summary:
            return compose_summary(  # the agent's moves were read once, with the rest of the insight
                messages=ctx.messages,
                insight=insight,
                moves=insight.moves,
                target=phrasing_language(target),
                customer_language=ctx.language_tag,
                register=ctx.register,
                address=meta["culture"]["address"],
                intents=content.intents,
                articles=[a for a, _ in ctx.articles],
                library=ctx.library,
                names={**ctx.names, "customer": ""},
            )

        summary = await in_thread(offline)
        summary.drafter = {"kind": "offline", "model": "tactful-offline", "degraded": False, "note": ""}
        if self.call is not None:
            reading = (
                f"intent {insight.intent} ({insight.intent_label}), sentiment {insight.sentiment}, urgency "
                f"{insight.urgency}, register {ctx.register}, agent already: "
                f"{', '.join(insight.steps_taken) or 'nothing'}"
            )
            summary = await model_summary(
                self.call,
                content.prompts.get("summarize_conversation"),
                self.detector,
                offline=summary,
                messages=ctx.messages,
                company=ctx.names.get("company", ""),
                reading=reading,
            )
        reveal = bool(recipient_role and recipient_role in self.privacy.summary_pii_roles)
        out = summary.as_dict()
        if reveal:
            refill = prepared.redaction.refill
            for quotes in (out["promised"], out["open_questions"]):
                for q in quotes:
                    q["text"] = refill(q["text"])
                    q["translation"] = refill(q["translation"]) if q["translation"] else q["translation"]
            out["tried"] = [refill(t) for t in out["tried"]]
            out["problem"] = refill(out["problem"])
            out["text"] = refill(summary.text)
        out["pii"] = "shown" if reveal else "redacted"
        out["redactions"] = prepared.redaction.counts()
        out["insight"] = meta["insight"]
        out["conversation_id"] = req.conversation_id
        return out
