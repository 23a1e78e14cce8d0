"""Fit the drafting prompt into the model's window, in priority order: instructions, culture and phrasing, the best
KB excerpts, the latest turns, then older turns. The output budget is reserved first."""

from __future__ import annotations

from dataclasses import dataclass

from ..library.prompts import PromptTemplate
from ..llm.budget import Messages, PromptTooLarge, available, counted, turn
from ..seams import TokenCounter
from .task import drafting_task
from .types import DraftContext

_MAX_PHRASES = 24
__all__ = ["BuiltPrompt", "PromptTooLarge", "build_prompt", "culture_block"]


@dataclass(frozen=True)
class BuiltPrompt:
    messages: Messages
    prompt_tokens: int
    offered_ids: set[str]
    kb_used: int
    turns_used: int


def culture_block(ctx: DraftContext) -> str:
    p = ctx.profile
    lines = [
        f"- Locale: {p.locale} ({p.name}); register {ctx.register}, address: "
        f"{p.address.formal if ctx.register == 'formal' else p.address.informal}",
        f"- Greetings: {' / '.join(p.greetings)}; closings: {' / '.join(p.closings)}",
        f"- Apology strength: {p.apology_strength}; apologise before the fix: {'yes' if p.apology_before_fix else 'no'}",
        f"- Directness: {p.directness}; emoji: {p.emoji}; dates {p.date_format}; numbers {p.number_format}",
    ]
    lines += [
        f"- A customer who opens with '{g.opening}' is greeted '{g.reply}' first" for g in p.greeting_replies
    ]
    lines += [f"- {note}" for note in p.notes]
    return "\n".join(lines)


def build_prompt(
    template: PromptTemplate, ctx: DraftContext, counter: TokenCounter, window: int, max_output: int
) -> BuiltPrompt:
    phrases = [p for p in ctx.ranked_phrases if p.register == ctx.register][
        :_MAX_PHRASES
    ] or ctx.ranked_phrases[:_MAX_PHRASES]
    phrase_block = "\n".join(f"[{p.id}] ({p.stage}) {p.text}" for p in phrases)
    if ctx.phrasing_language.split("-")[0] != ctx.language_tag.split("-")[0]:
        # No phrasing library in the customer's language: the model writes the company's wording in it.
        phrase_block = (
            f"(The company's phrasing in {ctx.phrasing_language}, its reference wording: "
            f"write their meaning in {ctx.language_tag}, never these words.)\n" + phrase_block
        )
    budget = available(window, max_output)
    intent_block = "\n".join(f"- {i}: {label}" for i, label in ctx.intents.items()) or "(none)"
    reading = (
        f"intent {ctx.insight.intent}, sentiment {ctx.insight.sentiment}, urgency {ctx.insight.urgency}"
        if ctx.insight
        else "(none)"
    )

    task = drafting_task(ctx)

    def render(kb: int, turns: int) -> tuple[Messages, int]:
        sources = (
            "\n\n".join(f"[{sid}] {title}\n{text}" for sid, title, text in ctx.kb_chunks[:kb]) or "(none)"
        )
        convo = "\n".join(turn(r, t) for r, t in ctx.messages[-turns:]) if turns else ""
        values = {
            "company": ctx.names.get("company", ""),
            "language": ctx.language_tag,
            "agent_language": ctx.agent_language,
            "register": ctx.register,
            "address": ctx.profile.address.formal
            if ctx.register == "formal"
            else ctx.profile.address.informal,
            "culture": culture_block(ctx),
            "phrases": phrase_block,
            "sources": sources,
            "conversation": convo,
            "n": ctx.n,
            "intents": intent_block,
            "reading": reading,
            "task": task,
        }
        # A template uses the variables it declares; earlier prompt versions that predate a variable still render.
        messages = template.render({k: v for k, v in values.items() if k in template.params})
        return messages, counted(messages, counter)

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
