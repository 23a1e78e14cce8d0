"""Fit the prompt into the model's window, in priority order: instructions, culture and phrasing, the best
KB excerpts, the latest turns, then older turns. The output budget is reserved first."""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge.tokens import TiktokenCounter
from .prompts import PromptTemplate
from .task import drafting_task
from .types import DraftContext

_MARGIN = 64  # chat-format overhead per request (role markers), measured generously
_MAX_PHRASES = 24


class PromptTooLarge(ValueError):
    reason = "prompt does not fit the context window"


@dataclass(frozen=True)
class BuiltPrompt:
    messages: list[dict[str, str]]
    prompt_tokens: int
    offered_ids: set[str]
    kb_used: int
    turns_used: int


def encoding_for_model(model: str) -> str:
    import tiktoken

    try:
        return tiktoken.encoding_name_for_model(model)
    except KeyError:
        # Unknown names (local models) are counted with cl100k: close for Llama-family vocabularies.
        return "o200k_base" if model.startswith(("gpt-4o", "gpt-4.1", "gpt-5", "o1", "o3", "o4")) else "cl100k_base"


def _customer_safe(text: str) -> str:
    # Customer text cannot close or open our delimiters.
    return text.replace("<", "‹").replace(">", "›")


def _turn(role: str, text: str) -> str:
    return f"<customer>{_customer_safe(text)}</customer>" if role == "customer" else f"Agent: {text}"


def _culture_block(ctx: DraftContext) -> str:
    p = ctx.profile
    lines = [f"- Locale: {p.locale} ({p.name}); register {ctx.register}, address: "
             f"{p.address.formal if ctx.register == 'formal' else p.address.informal}",
             f"- Greetings: {' / '.join(p.greetings)}; closings: {' / '.join(p.closings)}",
             f"- Apology strength: {p.apology_strength}; apologise before the fix: {'yes' if p.apology_before_fix else 'no'}",
             f"- Directness: {p.directness}; emoji: {p.emoji}; dates {p.date_format}; numbers {p.number_format}"]
    lines += [f"- {note}" for note in p.notes]
    return "\n".join(lines)


def build_prompt(template: PromptTemplate, ctx: DraftContext, counter: TiktokenCounter, window: int,
                 max_output: int) -> BuiltPrompt:
    phrases = [p for p in ctx.ranked_phrases if p.register == ctx.register][:_MAX_PHRASES] or ctx.ranked_phrases[:_MAX_PHRASES]
    phrase_block = "\n".join(f"[{p.id}] ({p.stage}) {p.text}" for p in phrases)
    budget = window - max_output - _MARGIN
    intent_block = "\n".join(f"- {i}: {label}" for i, label in ctx.intents.items()) or "(none)"
    reading = (f"intent {ctx.insight.intent}, sentiment {ctx.insight.sentiment}, urgency {ctx.insight.urgency}"
               if ctx.insight else "(none)")

    task = drafting_task(ctx)

    def render(kb: int, turns: int) -> tuple[list[dict[str, str]], int]:
        sources = "\n\n".join(f"[{sid}] {title}\n{text}" for sid, title, text in ctx.kb_chunks[:kb]) or "(none)"
        convo = "\n".join(_turn(r, t) for r, t in ctx.messages[-turns:]) if turns else ""
        available = {
            "company": ctx.names.get("company", ""), "language": ctx.language_tag, "agent_language": ctx.agent_language,
            "register": ctx.register, "address": ctx.profile.address.formal if ctx.register == "formal"
            else ctx.profile.address.informal, "culture": _culture_block(ctx), "phrases": phrase_block,
            "sources": sources, "conversation": convo, "n": ctx.n, "intents": intent_block, "reading": reading,
            "task": task,
        }
        # A template uses the variables it declares; earlier prompt versions that predate a variable still render.
        messages = template.render({k: v for k, v in available.items() if k in template.params})
        return messages, sum(counter.count(m["content"]) for m in messages)

    kb, turns = 0, 1
    messages, used = render(kb, turns)
    if used > budget:
        raise PromptTooLarge(f"the instructions alone need {used} tokens, more than the {budget} available")
    while kb < len(ctx.kb_chunks):
        trial = render(kb + 1, turns)
        if trial[1] > budget:
            break
        kb, (messages, used) = kb + 1, trial
    while turns < len(ctx.messages):
        trial = render(kb, turns + 1)
        if trial[1] > budget:
            break
        turns, (messages, used) = turns + 1, trial
    offered = {p.id for p in phrases} | {sid for sid, _, _ in ctx.kb_chunks[:kb]}
    return BuiltPrompt(messages, used, offered, kb, turns)
