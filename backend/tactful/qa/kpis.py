"""Support KPIs from what Tactful sees of each conversation: the message times the extension reports (`sent_at`),
the suggestions asked for it, what the agent did with them, and QA reviews.

Per conversation (its suggestions grouped by `conversation_id`; the longest transcript is the conversation):
- time to first response: the first agent message after the first customer message, minus that customer message;
- handle time: the last message minus the first;
- drafts used: agent messages that were a sent draft (a `sent` event), the rest written from scratch;
- first-contact resolution: the conversation reached a closing ("thanks, that's all") and no suggestion after
  that closing was for a new question (no reopen);
- cultural adaptability: the mean of the rubric's culture criteria (`register`, or any id naming culture) over the
  conversation's reviewed suggestions.
Grouped by person, team, language (ja and ja-JP together) and culture profile.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import datetime
from typing import Any

from ..language.tags import phrasing_language

GROUPS = ("person", "team", "language", "culture")
CULTURE_CRITERIA = {"register"}


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def conversation_kpis(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`rows`: one per suggestion with conversation_id, created_at, stage, person, team, language, culture,
    messages [{role, sent_at}], sent (number of `sent` events) and culture_scores (list of review scores)."""
    by_conversation: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row.get("conversation_id"):
            by_conversation[row["conversation_id"]].append(row)
    out = []
    for conversation, suggestions in by_conversation.items():
        suggestions.sort(key=lambda r: r["created_at"])
        longest = max(suggestions, key=lambda r: len(r["messages"]))
        timed = [(m["role"], _when(m.get("sent_at"))) for m in longest["messages"]]
        times = [t for _, t in timed if t]
        first_customer = next((t for role, t in timed if role == "customer" and t), None)
        first_reply = next(
            (t for role, t in timed if role == "agent" and t and first_customer and t > first_customer), None
        )
        agent_messages = sum(1 for role, _ in timed if role == "agent")
        used = min(agent_messages, sum(r["sent"] for r in suggestions))
        closing = next((i for i, r in enumerate(suggestions) if r["stage"] == "closing"), None)
        reopened = closing is not None and any(r["stage"] != "closing" for r in suggestions[closing + 1 :])
        culture_scores = [s for r in suggestions for s in r.get("culture_scores", [])]
        last = suggestions[-1]
        out.append(
            {
                "conversation_id": conversation,
                "person": last["person"],
                "team": last["team"],
                "language": phrasing_language(last["language"]) if last["language"] else "",
                "culture": last["culture"],
                "first_response_s": (first_reply - first_customer).total_seconds()
                if first_reply and first_customer
                else None,
                "handle_s": (max(times) - min(times)).total_seconds() if len(times) >= 2 else None,
                "agent_messages": agent_messages,
                "drafts_used": used,
                "written": agent_messages - used,
                "resolved_first_contact": closing is not None and not reopened,
                "cultural_adaptability": round(statistics.mean(culture_scores), 2)
                if culture_scores
                else None,
            }
        )
    return sorted(out, key=lambda c: c["conversation_id"])


def summarize_kpis(conversations: list[dict[str, Any]]) -> dict[str, Any]:
    def median(key: str) -> float | None:
        values = [c[key] for c in conversations if c[key] is not None]
        return round(statistics.median(values), 1) if values else None

    messages = sum(c["agent_messages"] for c in conversations)
    scored = [c["cultural_adaptability"] for c in conversations if c["cultural_adaptability"] is not None]
    return {
        "conversations": len(conversations),
        "first_response_s_p50": median("first_response_s"),
        "handle_s_p50": median("handle_s"),
        "drafts_used_rate": round(sum(c["drafts_used"] for c in conversations) / messages, 3)
        if messages
        else None,
        "first_contact_resolution": round(
            sum(c["resolved_first_contact"] for c in conversations) / len(conversations), 3
        )
        if conversations
        else None,
        "cultural_adaptability": round(statistics.mean(scored), 2) if scored else None,
    }


def kpis_by(conversations: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    if by not in GROUPS:
        raise ValueError(f"group by one of {', '.join(GROUPS)}")
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in conversations:
        groups[str(c[by] or "(none)")].append(c)
    return [{"group": g, **summarize_kpis(groups[g])} for g in sorted(groups)]
