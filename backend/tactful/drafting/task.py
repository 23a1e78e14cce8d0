"""What the model's drafts must do now, in words, from the answer plan: answer an article (and a close
runner-up), ask one clarifying question, offer a colleague, close, or greet; and what not to ask or promise."""

from __future__ import annotations

from .types import DraftContext

_GIVEN = {"order": "the order number", "email": "their email address", "photo": "a photo"}
_PROMISES = (
    "Promise no email, call back, refund, replacement, voucher or deadline unless an excerpt states it "
    "or the agent already said it."
)


def drafting_task(ctx: DraftContext) -> str:
    plan = ctx.answer
    lines: list[str] = []
    if plan is None:
        lines.append("Answer the customer's latest message from the excerpts.")
    elif plan.mode == "close":
        lines.append(
            f"The customer is closing the conversation ({plan.reason.split('(', 1)[-1].rstrip(')')}). "
            "Write short closings in the culture's style: thank, offer further help, say goodbye. "
            "Do not answer the earlier question again and do not apologise."
        )
    elif plan.mode == "greet":
        lines.append("The customer only said hello. Greet them and ask how you can help; cite no excerpt.")
    elif plan.mode == "handoff":
        lines.append(
            "The customer asks for a person. Draft 1 offers to hand them over to a colleague and cites no "
            "excerpt; other drafts may ask what it is about."
        )
    elif plan.mode == "clarify":
        lines.append(
            f"No excerpt clearly answers the customer ({plan.reason}). Draft 1 asks one short clarifying "
            "question and cites no excerpt."
        )
        if plan.runner_up:
            lines.append(f"Draft 2 may answer from [kb:{plan.runner_up}] as a best guess, saying it is one.")
    else:
        lines.append(f"Draft 1 answers the customer's latest message from [kb:{plan.article}].")
        if plan.runner_up:
            lines.append(
                f"Draft 2 answers from [kb:{plan.runner_up}] instead, in case that is what they mean."
            )
    given = [_GIVEN[g] for g in sorted(plan.given) if g in _GIVEN] if plan else []
    if given:
        lines.append(f"The customer already gave {', '.join(given)}: do not ask for it again.")
    lines.append(_PROMISES)
    return "\n".join(f"- {line}" for line in lines)
