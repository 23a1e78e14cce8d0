"""The chat-model seam and its OpenAI-compatible implementation (OpenAI, Azure, vLLM, Ollama, llama.cpp).

Vendor errors are translated here, at the boundary, into the small tree below; nothing outside this module
knows the `openai` package's exceptions.

    ProviderError          any failure of the model endpoint (the reason is shown to QA)
    ├── ProviderTimeout
    ├── ProviderRateLimited (retry_after)
    ├── ProviderUnavailable (connection refused, 5xx)
    └── ProviderBadOutput   (empty, malformed, or a stream that broke)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger(__name__)


class ProviderError(Exception):
    reason = "model error"


class ProviderTimeout(ProviderError):
    reason = "model timed out"


class ProviderRateLimited(ProviderError):
    reason = "model rate-limited (429)"

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ProviderUnavailable(ProviderError):
    reason = "model unavailable"


class ProviderBadOutput(ProviderError):
    reason = "model output unusable"


@dataclass
class Completion:
    text: str = ""
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    extra: dict = field(default_factory=dict)


class ChatModel(Protocol):
    name: str

    async def complete(self, messages: list[dict[str, str]], max_tokens: int) -> Completion: ...
    def stream(self, messages: list[dict[str, str]], max_tokens: int, usage: Completion) -> AsyncIterator[str]: ...


def _retry_after(e) -> float | None:
    try:
        value = e.response.headers.get("retry-after")
        return float(value) if value is not None else None
    except (AttributeError, ValueError):
        return None


def _translate(e: Exception) -> ProviderError:
    import openai

    if isinstance(e, ProviderError):
        return e
    if isinstance(e, openai.APITimeoutError):
        return ProviderTimeout(str(e))
    if isinstance(e, openai.RateLimitError):
        return ProviderRateLimited(str(e), _retry_after(e))
    if isinstance(e, openai.APIConnectionError):
        return ProviderUnavailable(f"cannot reach the model endpoint ({type(e).__name__})")
    if isinstance(e, openai.APIStatusError):
        err = ProviderUnavailable(f"model endpoint answered {e.status_code}")
        err.reason = f"model endpoint error ({e.status_code})"
        return err
    if isinstance(e, asyncio.TimeoutError):
        return ProviderTimeout("model timed out")
    return ProviderBadOutput(f"{type(e).__name__}: {e}")


class OpenAIChatModel:
    def __init__(self, base_url: str | None, model: str, api_key: str | None, timeout_s: float,
                 retry_after_max_s: float) -> None:
        from openai import AsyncOpenAI

        self.name = model
        self._timeout = timeout_s
        self._retry_after_max = retry_after_max_s
        # Retries are ours (one, for a short Retry-After): the client's own would hide faults from the agent's wait.
        self._client = AsyncOpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout_s, max_retries=0)

    async def _with_retry(self, call):
        try:
            return await call()
        except Exception as e:  # noqa: BLE001 - translated below
            err = _translate(e)
            wait = getattr(err, "retry_after", None)
            if isinstance(err, ProviderRateLimited) and wait is not None and wait <= self._retry_after_max:
                await asyncio.sleep(wait)
                try:
                    return await call()
                except Exception as e2:  # noqa: BLE001
                    raise _translate(e2) from e2
            raise err from e

    async def complete(self, messages: list[dict[str, str]], max_tokens: int) -> Completion:
        async def call():
            return await asyncio.wait_for(self._client.chat.completions.create(
                model=self.name, messages=messages, max_tokens=max_tokens, temperature=0.4,
                response_format={"type": "json_object"}), self._timeout)

        response = await self._with_retry(call)
        text = (response.choices[0].message.content or "") if response.choices else ""
        usage = response.usage
        return Completion(text, usage.prompt_tokens if usage else None, usage.completion_tokens if usage else None)

    async def stream(self, messages: list[dict[str, str]], max_tokens: int, usage: Completion) -> AsyncIterator[str]:
        """Yields text deltas as they arrive; fills `usage` when the server reports it."""

        async def call():
            return await self._client.chat.completions.create(
                model=self.name, messages=messages, max_tokens=max_tokens, temperature=0.4, stream=True,
                stream_options={"include_usage": True}, response_format={"type": "json_object"})

        stream = await self._with_retry(call)
        try:
            async with asyncio.timeout(self._timeout):
                async for chunk in stream:
                    if chunk.usage:
                        usage.prompt_tokens = chunk.usage.prompt_tokens
                        usage.completion_tokens = chunk.usage.completion_tokens
                    if chunk.choices and chunk.choices[0].delta and chunk.choices[0].delta.content:
                        usage.text += chunk.choices[0].delta.content
                        yield chunk.choices[0].delta.content
        except ProviderError:
            raise
        except Exception as e:  # noqa: BLE001
            raise _translate(e) from e
        finally:
            await stream.close()  # stops the upstream generation when our client has gone
