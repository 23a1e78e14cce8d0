"""Practice scenarios as data (`kb_seed/scenarios/*.yaml`, library kind `scenario`): a simulated customer with a
persona, hidden facts, the KB articles involved, success criteria, and scripted turns in their language."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..language.tags import is_valid_tag

TURNS = ("opening", "after_apology", "on_verification", "unresolved", "closing")


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)  # in the customer's language; {fact} placeholders from hidden_facts
    meaning: str = Field(min_length=1)  # English, shown on request as the back-translation


class Persona(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    name: str
    expected_register: Literal["formal", "informal"] = Field(
        alias="register"
    )  # how the agent should address them
    temperament: Literal["calm", "upset", "angry"]
    goal: str
    hidden_facts: dict[str, str] = Field(default_factory=dict)


class Verify(BaseModel):
    model_config = ConfigDict(extra="forbid")
    what: str
    cues: list[str] = Field(min_length=1)


class Cued(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    cues: list[str] = Field(min_length=1)
    why: str = ""


class Success(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verify: Verify | None = None
    offer: list[Cued] = Field(default_factory=list)  # at least one of these must be offered
    avoid: list[Cued] = Field(default_factory=list)  # none of these may be said


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    description: str = ""
    locale: str
    persona: Persona
    articles: list[str] = Field(default_factory=list)
    success: Success
    turns: dict[str, Turn]
    version: str = Field("", exclude=True)

    @field_validator("locale")
    @classmethod
    def _locale(cls, v: str) -> str:
        if not is_valid_tag(v):
            raise ValueError(f"'{v}' is not a BCP-47 locale (e.g. de-DE)")
        return v

    @field_validator("turns")
    @classmethod
    def _turns(cls, v: dict[str, Turn]) -> dict[str, Turn]:
        missing = [t for t in TURNS if t not in v]
        unknown = [t for t in v if t not in TURNS]
        if missing or unknown:
            raise ValueError(
                f"needs exactly the turns {', '.join(TURNS)}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; unknown {', '.join(unknown)}" if unknown else "")
            )
        return v

    def say(self, turn: str) -> tuple[str, str]:
        """The customer's line for a turn, hidden facts filled in, with its English meaning."""
        t = self.turns[turn]
        text, meaning = t.text, t.meaning
        for key, value in self.persona.hidden_facts.items():
            text, meaning = text.replace("{" + key + "}", value), meaning.replace("{" + key + "}", value)
        return text, meaning


def scenario_errors(content: dict, known_articles: set[str] | None = None) -> str | None:
    """What is wrong with a scenario, naming the field, or None."""
    try:
        scenario = Scenario.model_validate(content)
    except ValidationError as e:
        first = e.errors()[0]
        return f"field '{'.'.join(str(p) for p in first['loc'])}': {first['msg']}"
    if known_articles is not None:
        unknown = [a for a in scenario.articles if a not in known_articles]
        if unknown:
            return f"field 'articles': no knowledge-base article '{unknown[0]}'"
    return None
