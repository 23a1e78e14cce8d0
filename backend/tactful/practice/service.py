"""Practice mode end to end: start a scenario, answer the simulated customer, get feedback, see progress."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import Forbidden, InvalidRequest, NotFound
from ..language.tags import phrasing_language
from ..library.content import ContentState
from ..library.scenarios import Scenario
from ..records.models import PracticeSession
from ..records.practice import PracticeRepository, as_dict
from ..records.tokens import TokenInfo
from .coach import Coach, Progress
from .session import MAX_REPLIES, next_turn, summarize

MAX_REPLY_CHARS = 4000


@dataclass
class PlannedReply:
    session_id: str
    scenario: Scenario
    progress: Progress
    transcript: list[dict[str, Any]]  # with the agent's reply and its review appended
    turn: str  # the scripted turn the customer answers with
    line: str  # the scripted line, in the customer's language
    meaning: str


class PracticeService:
    def __init__(self, repo: PracticeRepository, content: ContentState, coach: Coach) -> None:
        self.repo, self.content, self.coach = repo, content, coach

    def scenarios(self) -> list[dict[str, Any]]:
        return [
            {
                "id": s.id,
                "title": s.title,
                "description": s.description,
                "locale": s.locale,
                "temperament": s.persona.temperament,
                "register": s.persona.expected_register,
                "version": s.version,
            }
            for s in sorted(self.content.current().scenarios.values(), key=lambda s: s.id)
        ]

    def _scenario(self, scenario_id: str) -> Scenario:
        scenario = self.content.current().scenarios.get(scenario_id)
        if scenario is None:
            raise NotFound(f"No practice scenario '{scenario_id}'.", code="scenario-not-found")
        return scenario

    def start(self, token: TokenInfo, scenario_id: str, copilot: bool = False) -> dict[str, Any]:
        scenario = self._scenario(scenario_id)
        text, meaning = scenario.say("opening")
        row = PracticeSession(
            id=uuid.uuid4().hex,
            token_id=token.id,
            scenario_id=scenario.id,
            scenario_version=scenario.version,
            locale=scenario.locale,
            copilot=copilot,
            status="active",
            progress=asdict(Progress()),
            transcript=[{"role": "customer", "text": text, "meaning": meaning, "turn": "opening"}],
        )
        self.repo.add(row)
        return as_dict(row)

    def get(self, token: TokenInfo, session_id: str) -> dict[str, Any]:
        return as_dict(self._own(token, session_id))

    def _own(self, token: TokenInfo, session_id: str) -> PracticeSession:
        row = self.repo.get(session_id)
        if token.role == "agent" and row.token_id != token.id:
            raise Forbidden("Agents may only see their own practice sessions.")
        return row

    def plan_reply(self, token: TokenInfo, session_id: str, text: str) -> PlannedReply:
        """Reviews the agent's reply and decides the customer's next turn; nothing is stored yet."""
        row = self._own(token, session_id)
        if row.token_id != token.id:
            raise Forbidden("Only the agent who started a practice session answers in it.")
        if row.status != "active":
            raise InvalidRequest(
                "This practice session has finished; start a new one.", code="session-finished"
            )
        text = text.strip()
        if not text or len(text) > MAX_REPLY_CHARS:
            raise InvalidRequest(
                f"text: write a reply of 1 to {MAX_REPLY_CHARS} characters.", code="invalid-reply"
            )
        scenario = self._scenario(row.scenario_id)
        content = self.content.current()
        profile = content.cultures.pick(scenario.locale, None)
        language = phrasing_language(scenario.locale)
        phrase_language = language if language in content.library.phrase_languages() else "en"
        progress = Progress(**row.progress)
        review = self.coach.review(scenario, profile, content.library, phrase_language, text, progress)
        turn = next_turn(scenario, progress, review)
        line, meaning = scenario.say(turn)
        transcript = [*row.transcript, {"role": "agent", "text": text, "review": review.as_dict()}]
        return PlannedReply(row.id, scenario, progress, transcript, turn, line, meaning)

    def commit_reply(self, planned: PlannedReply, line: str, meaning: str, source: str) -> dict[str, Any]:
        """Stores the agent's reply with its review and the customer's answer; scores the session at its end."""
        progress = planned.progress
        transcript = [
            *planned.transcript,
            {"role": "customer", "text": line, "meaning": meaning, "turn": planned.turn, "source": source},
        ]
        finished_by = (
            "resolved"
            if planned.turn == "closing"
            else ("out_of_replies" if progress.replies >= MAX_REPLIES else "")
        )
        values: dict[str, Any] = {"progress": asdict(progress), "transcript": transcript}
        if finished_by:
            reviews = [m["review"] for m in transcript if m["role"] == "agent"]
            result = summarize(planned.scenario, progress, reviews, finished_by)
            values.update(status="finished", result=result, score=result["overall"])
        return as_dict(self.repo.update(planned.session_id, **values))

    def progress(self, token: TokenInfo, agent: int | None = None) -> dict[str, Any]:
        """Per agent and locale over time. Agents see their own; supervisors, QA and admins anyone's."""
        if token.role == "agent":
            agent = token.id
        rows = self.repo.finished(agent)
        agents: dict[str, dict[str, Any]] = {}
        for row, label in rows:
            a = agents.setdefault(
                str(row.token_id),
                {
                    "agent": label,
                    "token_id": row.token_id,
                    "sessions": 0,
                    "by_locale": defaultdict(list),
                    "criteria": defaultdict(list),
                },
            )
            a["sessions"] += 1
            a["by_locale"][row.locale].append(
                {
                    "when": row.finished_at.isoformat() if row.finished_at else None,
                    "scenario": row.scenario_id,
                    "score": row.score,
                    "resolved": bool((row.result or {}).get("resolved")),
                }
            )
            for criterion, score in ((row.result or {}).get("scores") or {}).items():
                a["criteria"][criterion].append(score)
        out = []
        for a in agents.values():
            weakest = sorted(
                ((c, round(sum(v) / len(v), 2)) for c, v in a["criteria"].items()), key=lambda x: x[1]
            )
            out.append(
                {
                    "agent": a["agent"],
                    "token_id": a["token_id"],
                    "sessions": a["sessions"],
                    "by_locale": dict(a["by_locale"]),
                    "criteria": dict(weakest),
                    "weakest": weakest[0][0] if weakest else None,
                }
            )
        return {"agents": out}
