"""Request bodies of the public API. The response shapes are documented in README ("The API")."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from ..language.tags import is_valid_tag

# Limits that no setting changes: they guard the schema, not the deployment.
_MAX_ID = 200

MAX_FINAL_TEXT = 20_000  # what an agent sends in one chat message; the word diff runs on it


def _encodable(v: str) -> str:
    """JSON may carry a lone surrogate ("\\ud800"); it cannot be stored or redacted as UTF-8, so it is refused."""
    try:
        v.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError("contains a lone surrogate (not valid Unicode text)") from e
    return v


Text = Annotated[str, AfterValidator(_encodable)]


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["customer", "agent"]
    text: Text = Field(min_length=1)
    sent_at: datetime | None = None


class CustomerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    locale: str | None = Field(None, max_length=35)
    country: str | None = Field(None, min_length=2, max_length=2)
    name: Text | None = Field(None, max_length=120)

    @field_validator("locale")
    @classmethod
    def _tag(cls, v: str | None) -> str | None:
        if v is not None and not is_valid_tag(v):
            raise ValueError(f"'{v}' is not a BCP-47 language tag (e.g. de-DE, pt-BR, zh-Hant)")
        return v


class AgentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    language: str | None = Field(None, max_length=35)
    name: str | None = Field(None, max_length=120)


class ConversationRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    conversation_id: Text | None = Field(None, max_length=_MAX_ID)
    messages: list[MessageIn] = Field(min_length=1)
    customer: CustomerIn | None = None
    agent: AgentIn | None = None
    language_override: str | None = Field(None, max_length=35)

    @field_validator("language_override")
    @classmethod
    def _override(cls, v: str | None) -> str | None:
        if v is not None and not is_valid_tag(v):
            raise ValueError(f"'{v}' is not a BCP-47 language tag")
        return v


class SuggestionRequest(ConversationRequest):
    drafts: int = Field(3, ge=1, le=5)


class RecipientIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    language: str | None = Field(None, max_length=35)  # default: the requesting agent's language
    role: str | None = Field(None, max_length=60)  # e.g. "tier2", "billing": sees PII only if configured

    @field_validator("language")
    @classmethod
    def _tag(cls, v: str | None) -> str | None:
        if v is not None and not is_valid_tag(v):
            raise ValueError(f"'{v}' is not a BCP-47 language tag (e.g. en, de, ja)")
        return v


class SummaryRequest(ConversationRequest):
    recipient: RecipientIn | None = None


class EventRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["inserted", "edited", "sent", "dismissed"]
    draft_id: str | None = Field(None, max_length=40)
    final_text: Text | None = Field(None, max_length=MAX_FINAL_TEXT)


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["agent", "supervisor", "qa", "admin"]
    label: str = Field("", max_length=200)
    person: Text | None = Field(None, min_length=1, max_length=120)  # created if new
    team: Text | None = Field(None, max_length=80)


class ComposeRequest(ConversationRequest):
    text: Text = Field(min_length=1, max_length=4000)  # what the agent wants to say, in their own language


class TranslateRequest(ConversationRequest):
    suggestion_id: str | None = Field(
        None, max_length=64
    )  # keep the translations with this suggestion for QA
