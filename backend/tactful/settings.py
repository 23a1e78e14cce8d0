"""All configuration in one place: `TACTFUL_*` environment variables (nested groups use `__`)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# The languages Tactful decides between by default: those with culture profiles plus the other major
# support languages whose detection is measured in `tactful eval langid`.
DEFAULT_EXPECTED_LANGUAGES = [
    "en", "de", "fr", "es", "pt", "it", "nl", "pl", "sv", "da", "no", "fi", "cs", "ro", "hu", "tr",
    "ru", "uk", "el", "he", "ar", "fa", "hi", "th", "vi", "id", "ms", "ja", "ko", "zh",
]  # fmt: skip


class LanguageSettings(BaseModel):
    expected: list[str] = Field(default_factory=lambda: list(DEFAULT_EXPECTED_LANGUAGES))
    fallback: str = "en"
    history_messages: int = 6
    lingua: Literal["off", "low", "high"] = "low"  # the third voice: high is best on single words, +780 MB


class EmbeddingSettings(BaseModel):
    provider: str = "use"  # "use" (bundled multilingual USE v3) or "openai" (any /v1/embeddings server)
    model: str = "use-multilingual-v3"
    base_url: str | None = None
    api_key: SecretStr | None = None
    threads: int = 2


class ChromaSettings(BaseModel):
    host: str | None = None  # set to use a Chroma server instead of the embedded store
    port: int = 8000
    path: Path | None = None  # embedded store; default <data_dir>/chroma


class LLMSettings(BaseModel):
    base_url: str | None = None  # any OpenAI-compatible endpoint; unset = offline drafter
    model: str = "gpt-4o-mini"
    api_key: SecretStr | None = None
    timeout_s: float = 20.0
    max_output_tokens: int = 900
    context_window: int = 8192  # the model's window; the prompt is fitted into it minus the output budget
    retry_after_max_s: float = 3.0  # a 429 is retried once if the server asks to wait no longer than this
    prompt: str = "draft_reply"  # template id in the prompts folder

    @property
    def enabled(self) -> bool:
        return bool(self.base_url or self.api_key)


class LimitSettings(BaseModel):
    max_request_bytes: int = 256 * 1024
    max_messages: int = 200
    max_message_chars: int = 8000
    requests_per_minute: int = 240  # per token and worker; 0 turns the limit off


class PrivacySettings(BaseModel):
    # Extra patterns a supervisor configures, as {"ORDER_ID": "\\bSO-\\d{6}\\b"}.
    patterns: dict[str, str] = Field(default_factory=dict)
    retention_days: int = 180  # suggestion records older than this are deleted at start; 0 keeps them
    # Receiving roles (teams) whose handoff summaries show e-mails, phones, cards as written; others see placeholders.
    summary_pii_roles: list[str] = Field(default_factory=list)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="TACTFUL_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = Path("data")
    database_url: str | None = None  # default sqlite:///<data_dir>/tactful.db
    seed_dir: Path = PROJECT_ROOT / "kb_seed"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    admin_token: SecretStr | None = None
    public_url: str | None = None  # shown in printed URLs; default http://host:port
    cors_origins: list[str] = Field(default_factory=list)
    log_level: str = "INFO"
    company_name: str = "Northwind Goods"  # fills {company} in phrasing

    language: LanguageSettings = Field(default_factory=LanguageSettings)
    embeddings: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'tactful.db'}"

    @property
    def chroma_path(self) -> Path:
        return self.chroma.path or self.data_dir / "chroma"

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"
