"""Culture profiles: how to address, greet, apologise and close for a customer's locale.

Profiles are data (`kb_seed/cultures/*.yaml`, then versions in the library), validated by `content.validate`,
which names the file and field of a mistake.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import ConfigurationError
from ..language.tags import language_of, region_of

Register = Literal["formal", "informal"]
Level = Literal["low", "medium", "high"]


class AddressForms(BaseModel):
    model_config = ConfigDict(extra="forbid")
    formal: str  # "Sie", "vous", "usted", "您", "お客様 + keigo"
    informal: str | None = None  # None where customer service never uses it
    honorific_level: int = Field(0, ge=0, le=3)


class GreetingReply(BaseModel):
    """A greeting that calls for its own answer: a customer who opens with `opening` is greeted with `reply`."""

    model_config = ConfigDict(extra="forbid")
    opening: str = Field(min_length=1)  # "السلام عليكم"
    reply: str = Field(min_length=1)  # "وعليكم السلام {customer}،"
    meaning: str = Field(min_length=1)  # the reply in English, for the agent's back-translation


class CultureProfile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    locale: str  # "de-DE", or "default"
    name: str
    language: str  # phrasing language key: "de", "zh-Hans"
    default_register: Register = Field("formal", alias="register")
    mirror_informal: bool = False  # switch to informal when the customer writes informally
    informal_cues: list[str] = Field(default_factory=list)  # words that show the customer is informal
    # For cultures whose shops write informally (Dutch "je"): switch to formal when the customer writes formally.
    mirror_formal: bool = False
    formal_cues: list[str] = Field(
        default_factory=list
    )  # words that show the customer writes formally ("u", "uw")
    address: AddressForms
    name_format: str = "{name}"  # how a known customer name is written: "{name}様", "{name} 고객님"
    unnamed: str = ""  # what stands for an unknown name: "お客様", "고객님", or nothing
    greetings: list[str] = Field(min_length=1)
    greeting_replies: list[GreetingReply] = Field(default_factory=list)
    closings: list[str] = Field(min_length=1)
    apology_strength: Level = "medium"
    apology_before_fix: bool = False
    directness: Level = "medium"
    emoji: Literal["avoid", "sparingly", "ok"] = "avoid"
    date_format: str
    number_format: str
    currency: str | None = None
    notes: list[str] = Field(min_length=1)
    version: str = ""  # content hash, filled on load


class CultureRegistry:
    """Picks the profile for a language decision: exact locale, then language + country, then language."""

    def __init__(self, profiles: list[CultureProfile]) -> None:
        self.by_locale = {p.locale.lower(): p for p in profiles}
        if "default" not in self.by_locale:
            raise ConfigurationError("cultures: a profile with locale 'default' is required")
        self.default = self.by_locale["default"]
        # First profile listed for a language is its fallback (files are sorted: de-DE before de-AT).
        self.by_language: dict[str, CultureProfile] = {}
        for p in profiles:
            if p.locale != "default":
                self.by_language.setdefault(p.language.lower(), p)
                self.by_language.setdefault(language_of(p.locale), p)

    def pick(self, tag: str, country: str | None = None) -> CultureProfile:
        lang = language_of(tag)
        region = region_of(tag) or (country.upper() if country else None)
        candidates = [tag.lower()]
        if region:
            candidates.append(f"{lang}-{region}".lower())
        for key in candidates:
            if key in self.by_locale:
                return self.by_locale[key]
        return self.by_language.get(tag.lower()) or self.by_language.get(lang) or self.default

    def all(self) -> list[CultureProfile]:
        return list(self.by_locale.values())
