"""Token budgets: which encoding counts a model's tokens, how conversation turns are quoted to a model, and
fitting a prompt into the context window by dropping the oldest turns first."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .tokens import TokenCounter

MARGIN = 64  # chat-format overhead per request (role markers), measured generously
Messages = list[dict[str, str]]


class PromptTooLarge(ValueError):
    reason = "prompt does not fit the context window"


def encoding_for_model(model: str) -> str:
    import tiktoken

    try:
        return tiktoken.encoding_name_for_model(model)
    except KeyError:
        # Unknown names (local models) are counted with cl100k: close for Llama-family vocabularies.
        return (
            "o200k_base"
            if model.startswith(("gpt-4o", "gpt-4.1", "gpt-5", "o1", "o3", "o4"))
            else "cl100k_base"
        )


def customer_safe(text: str) -> str:
    # Customer text cannot close or open our delimiters.
    return text.replace("<", "‹").replace(">", "›")


def turn(role: str, text: str) -> str:
    """One conversation turn as every prompt quotes it: the customer's words fenced, the agent's labelled."""
    return f"<customer>{customer_safe(text)}</customer>" if role == "customer" else f"Agent: {text}"


def counted(messages: Messages, counter: TokenCounter) -> int:
    return sum(counter.count(m["content"]) for m in messages)


def available(window: int, max_output: int) -> int:
    """Prompt tokens left once the answer's budget and the chat overhead are reserved."""
    return window - max_output - MARGIN


def fit_turns(
    render: Callable[[str], Messages], turns: Sequence[str], counter: TokenCounter, budget: int
) -> tuple[Messages, int]:
    """The prompt with as many of the latest turns as fit (at least the last one); oldest dropped first."""
    for start in range(max(len(turns), 1)):
        messages = render("\n".join(turns[start:]))
        used = counted(messages, counter)
        if used <= budget:
            return messages, used
    raise PromptTooLarge(f"the prompt needs more than the {budget} tokens available")
