"""The answer to a suggestion request and its entry in the suggestion log, built from the prepared request and
the drafter's result: sources, drafts with placeholders refilled for the agent, the drafter, and for the log the
redacted inputs with the customer's name taken out."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from ..language.notes import romanised_note
from ..language.tags import phrasing_language
from ..seams import SuggestionEntry
from .request import Prepared
from .types import DraftResult


def conversation_state(
    token_id: int | None, conversation_id: str | None, messages: list[dict[str, Any]], override: str | None
) -> str | None:
    """One key per agent, conversation and message list (redacted): the same state asked again has the same key."""
    if not conversation_id:
        return None
    said = [[m["role"], m["text"]] for m in messages]
    return hashlib.sha256(
        json.dumps([token_id, conversation_id, said, override or ""], ensure_ascii=False).encode()
    ).hexdigest()


def meta(lang, profile, register, stage, candidates, articles, ctx) -> dict[str, Any]:
    sources = [
        {
            "id": f"kb:{a.id}",
            "kind": "kb",
            "version": a.version,
            "title": a.title,
            "snippet": c.chunk[:280],
            "score": round(score, 4),
            "evidence": c.evidence,
        }
        for c, (a, score) in zip(candidates, articles, strict=True)
    ]
    notes = list(profile.notes)
    if "mirrored" in register.reason:
        notes.insert(0, register.reason)
    romanised = next((b.split(":", 1)[1] for b in lang.basis if b.startswith("romanised:")), None)
    if romanised:
        notes.insert(0, romanised_note(romanised, ctx.phrasing_language))
    elif ctx.phrasing_language != phrasing_language(lang.tag):
        notes.insert(0, f"No phrasing library for {lang.tag} yet: drafts are in English.")
    return {
        "id": uuid.uuid4().hex,
        "language": {"tag": lang.tag, "confidence": lang.confidence, "basis": lang.basis},
        "culture": {
            "profile": profile.locale,
            "version": profile.version,
            "register": register.register,
            "address": profile.address.formal if register.register == "formal" else profile.address.informal,
            "notes": notes,
        },
        "stage": {"name": stage.name, "reason": stage.reason},
        "answer": ctx.answer.as_dict() if ctx.answer else None,
        "insight": ctx.insight.as_dict() if ctx.insight else None,
        "sources": sources,
    }


def drafts_part(prepared: Prepared, result: DraftResult) -> dict[str, Any]:
    used = {sid for d in result.drafts for sid in d.source_ids}
    phrases = {p.id: p for p in prepared.ctx.ranked_phrases}
    sources = prepared.meta["sources"] + [
        {
            "id": sid,
            "kind": "phrase",
            "version": phrases[sid].version,
            "title": phrases[sid].key,
            "snippet": phrases[sid].text,
            "score": None,
        }
        for sid in sorted(used)
        if sid in phrases
    ]
    refill = prepared.redaction.refill
    return {
        "sources": sources,
        "drafts": [
            {
                "id": d.id,
                "label": d.label,
                "text": refill(d.text),
                "back_translation": refill(d.back_translation),
                "register": d.register,
                "source_ids": d.source_ids,
                "answers": d.answers,
                "flags": d.flags,
            }
            for d in result.drafts
        ],
        "drafter": {
            "kind": result.kind,
            "model": result.model,
            "prompt_version": result.prompt_version,
            "degraded": result.degraded,
            "note": result.note,
            "tokens": result.tokens,
        },
        "redactions": prepared.redaction.counts(),
    }


def log_entry(response: dict[str, Any], prepared: Prepared, result: DraftResult) -> SuggestionEntry:
    """The suggestion as the log keeps it: redacted inputs, sources, drafts without the customer's name."""
    req = prepared.req
    name = (req.customer_name or "").strip()

    def unname(text: str) -> str:  # the drafts greet the customer by name; the record keeps a placeholder
        return text.replace(name, "[NAME]") if len(name) >= 2 else text

    request: dict[str, Any] = {
        "messages": [{"role": m.role, "text": m.text, "sent_at": m.sent_at} for m in prepared.messages],
        "customer": {"locale": req.customer_locale, "country": req.customer_country},
        "agent": {"language": req.agent_language},
        "language_override": req.language_override,
        "drafts": req.drafts,
    }
    return SuggestionEntry(
        id=response["id"],
        token_id=prepared.token_id,
        conversation_id=req.conversation_id,
        language_tag=response["language"]["tag"],
        culture_profile=response["culture"]["profile"],
        drafter_kind=result.kind,
        prompt_version=result.prompt_version,
        model=result.model,
        degraded=result.degraded,
        stage=response["stage"]["name"],
        request=request,
        language=response["language"],
        culture=response["culture"],
        sources=response["sources"],
        drafts=[
            {
                "id": d.id,
                "label": d.label,
                "text": unname(d.text),
                "back_translation": unname(d.back_translation),
                "register": d.register,
                "source_ids": d.source_ids,
                "answers": d.answers,
                "flags": d.flags,
            }
            for d in result.drafts
        ],
        timings_ms=dict(prepared.timer.ms),
        redactions=prepared.redaction.counts(),
        latency_ms=prepared.timer.ms["total"],
        tokens=result.tokens or {},
        drafter_note=result.note,
        insight=response.get("insight"),
        intent=(response.get("insight") or {}).get("intent", "other"),
        sentiment=(response.get("insight") or {}).get("sentiment", "neutral"),
        urgency=(response.get("insight") or {}).get("urgency", "low"),
        search_text="\n".join(
            [m.text for m in prepared.messages] + [unname(d.text) for d in result.drafts]
        ).lower(),
        state_key=conversation_state(
            prepared.token_id, req.conversation_id, request["messages"], req.language_override
        ),
    )
