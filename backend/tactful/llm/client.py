"""The chat-model seam's OpenAI-compatible implementation (OpenAI, Azure, vLLM, Ollama, llama.cpp).

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
from typing import Any

from ..seams import ChatModel, Completion

log = logging.getLogger(__name__)
__all__ = ["ChatModel", "Completion", "OpenAIChatModel"]


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


# How the answer's shape is asked for, most constraining first. Servers that know JSON schemas (OpenAI, vLLM,
# Ollama, newer llama.cpp) are held to the prompt's schema; older ones get "any JSON object"; the last step asks
# for nothing and the parser repairs what comes back. A server that refuses a mode (400, 422, or llama-cpp-python's
# 500) is remembered per endpoint, so the fallback costs one extra call once, not on every request.
FORMAT_MODES = ("json_schema", "json_object", "text")


def strict_schema(schema: dict) -> dict:
    """The schema as strict structured output needs it: every object closed (no extra keys) and every property
    listed as required; a property that was optional may be null instead."""
    if not isinstance(schema, dict):
        return schema
    out = {k: strict_schema(v) if isinstance(v, dict) else v for k, v in schema.items()}
    if "items" in out:
        out["items"] = strict_schema(out["items"])
    if out.get("type") == "object" and isinstance(out.get("properties"), dict):
        required = set(schema.get("required") or [])
        props = {}
        for name, prop in out["properties"].items():
            prop = strict_schema(prop)
            if name not in required and isinstance(prop.get("type"), str):
                prop = {**prop, "type": [prop["type"], "null"]}
            props[name] = prop
        out["properties"], out["required"], out["additionalProperties"] = props, list(props), False
    return out


def response_format(mode: str, schema: dict | None) -> dict | None:
    if mode == "json_schema" and schema:
        return {
            "type": "json_schema",
            "json_schema": {"name": "answer", "schema": strict_schema(schema), "strict": True},
        }
    if mode in ("json_schema", "json_object"):
        return {"type": "json_object"}
    return None


def _refused_format(e: Exception) -> bool:
    """The server turned the request down before answering: what an unsupported response_format looks like."""
    from openai import APIStatusError

    if not isinstance(e, APIStatusError):
        return False
    if e.status_code in (400, 422, 501):
        return True
    # A 500 is a refused format only when it says so (llama-cpp-python); otherwise it is a fault like any other.
    return e.status_code == 500 and any(
        w in str(e).lower() for w in ("response_format", "schema", "grammar", "json")
    )


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
    def __init__(
        self,
        base_url: str | None,
        model: str,
        api_key: str | None,
        timeout_s: float,
        retry_after_max_s: float,
    ) -> None:
        from openai import AsyncOpenAI

        self.name = model
        self._timeout = timeout_s
        self._retry_after_max = retry_after_max_s
        # Retries are ours (one, for a short Retry-After): the client's own would hide faults from the agent's wait.
        self._client = AsyncOpenAI(
            base_url=base_url, api_key=api_key or "not-needed", timeout=timeout_s, max_retries=0
        )
        self.format_mode = FORMAT_MODES[0]  # learned: the most constraining mode this endpoint accepts

    async def _shaped(self, make, schema: dict | None):
        """Calls with the current format mode; when the server refuses it, steps down and remembers."""
        while True:
            shape = response_format(self.format_mode, schema)
            try:
                return await make({"response_format": shape} if shape else {})
            except Exception as e:  # noqa: BLE001 - re-raised unless it is a refused format
                step = FORMAT_MODES.index(self.format_mode) + 1
                if not _refused_format(e) or step >= len(FORMAT_MODES):
                    raise
                if not schema and self.format_mode == "json_schema":
                    step += 1  # without a schema, json_schema already sent json_object: go straight to text
                if step >= len(FORMAT_MODES):
                    raise
                log.warning(
                    "model endpoint refused response_format %s (HTTP %s); using %s from now on",
                    self.format_mode,
                    getattr(e, "status_code", "?"),
                    FORMAT_MODES[step],
                )
                self.format_mode = FORMAT_MODES[step]

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

    async def complete(
        self, messages: list[dict[str, str]], max_tokens: int, schema: dict | None = None
    ) -> Completion:
        create: Any = self._client.chat.completions.create  # our messages are plain role/content dicts

        async def call(shape: dict):
            return await asyncio.wait_for(
                create(model=self.name, messages=messages, max_tokens=max_tokens, temperature=0.4, **shape),
                self._timeout,
            )

        response = await self._with_retry(lambda: self._shaped(call, schema))
        text = (response.choices[0].message.content or "") if response.choices else ""
        usage = response.usage
        return Completion(
            text, usage.prompt_tokens if usage else None, usage.completion_tokens if usage else None
        )

    async def stream(
        self, messages: list[dict[str, str]], max_tokens: int, usage: Completion, schema: dict | None = None
    ) -> AsyncIterator[str]:
        """Yields text deltas as they arrive; fills `usage` when the server reports it."""

        create: Any = self._client.chat.completions.create

        async def call(shape: dict):
            return await create(
                model=self.name,
                messages=messages,
                max_tokens=max_tokens,
                temperature=0.4,
                stream=True,
                stream_options={"include_usage": True},
                **shape,
            )

        stream = await self._with_retry(lambda: self._shaped(call, schema))
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
