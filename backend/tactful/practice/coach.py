"""Feedback on a practice reply with the culture-aware rubric: register, greeting, apology, empathy, accuracy
against the KB, and the scenario's success criteria. Each issue names the sentence that broke the norm and, where
the library has one, a better phrasing in the customer's language and the right register."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..culture.profiles import CultureProfile
from ..culture.register_check import read_register
from ..insight import cues
from ..insight.engine import InsightEngine, split_sentences
from ..library.scenarios import Scenario
from ..library.texts import Library, fill_names
from ..llm.checks import check_promises

CRITERIA = ("register", "greeting", "apology", "empathy", "accuracy", "success")
GOOD, POOR = 5, 2


@dataclass
class Issue:
    criterion: str
    message: str
    sentence: str = ""  # the agent's sentence that broke the norm
    better: str = ""  # a library phrasing that keeps it


@dataclass
class Progress:
    """What the agent has done so far in a session (persisted with it)."""

    replies: int = 0
    greeted: bool = False
    soothed: bool = False
    asked_verification: bool = False
    verified: bool = False  # the customer has given the hidden facts
    offered: list[str] = field(default_factory=list)
    verified_before_offer: bool | None = None
    avoided: list[str] = field(default_factory=list)  # avoid-criteria the agent broke


@dataclass
class ReplyReview:
    scores: dict[str, int]
    issues: list[Issue]
    steps: list[str]
    offered: list[str]
    asked_verification: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _contains(text: str, cue: str) -> bool:
    cue = cue.lower()
    padded = f" {text.lower()} "
    return cue in padded


class Coach:
    def __init__(self, insight: InsightEngine, company: str = "") -> None:
        self.insight, self.company = insight, company

    def review(
        self,
        scenario: Scenario,
        profile: CultureProfile,
        library: Library,
        phrase_language: str,
        reply: str,
        progress: Progress,
    ) -> ReplyReview:
        persona, success = scenario.persona, scenario.success
        expected = persona.expected_register
        phrases = [p for p in library.phrases if p.language == phrase_language]
        moves = self.insight.agent_moves([("agent", reply)], phrases)
        steps = sorted({m.step for m in moves})
        sentences = split_sentences(reply, min_chars=1)
        issues: list[Issue] = []
        scores: dict[str, int] = {}

        def phrase(key: str) -> str:
            found = library.phrase(phrase_language, key, expected) or library.phrase(
                phrase_language, key, "formal"
            )
            return (
                fill_names(found.text, {"customer": persona.name, "company": self.company}) if found else ""
            )

        def sentence_with(predicate) -> str:
            return next((s for s in sentences if predicate(s)), sentences[0] if sentences else reply)

        # Register: the form of address the customer's culture and this persona expect.
        reading = read_register(reply, scenario.locale)
        if reading.register and reading.register != expected and reading.cue:
            bad = sentence_with(lambda s: reading.cue in s or reading.cue in s.lower())
            stage_key = next((m.phrase.key for m in moves if m.sentence == bad), "greeting.hello")
            address = profile.address.formal if expected == "formal" else profile.address.informal
            issues.append(
                Issue(
                    "register",
                    f"'{reading.cue}' is {reading.register}; {persona.name} should be addressed "
                    f"{expected}ly ({address}).",
                    bad,
                    phrase(stage_key),
                )
            )
        scores["register"] = POOR if any(i.criterion == "register" for i in issues) else GOOD

        # Greeting: the first reply opens the way this culture opens.
        if progress.replies == 0:
            greetings = [g for g in profile.greetings if g.strip()] + [
                p.text.split("{")[0].strip(" ,") for p in phrases if p.stage == "greeting"
            ]
            greeted = any(len(g) >= 2 and _contains(reply, g) for g in greetings)
            if not greeted:
                issues.append(
                    Issue(
                        "greeting",
                        "The first reply should open with a greeting.",
                        sentences[0] if sentences else reply,
                        phrase("greeting.hello"),
                    )
                )
            scores["greeting"] = GOOD if greeted else POOR

        # Apology and empathy: an upset customer hears an apology before (not after, not instead of) the fix.
        soothed_now = "soothe" in steps or bool(cues.find_cue(cues.APOLOGY, scenario.locale, reply))
        if soothed_now and "soothe" not in steps:
            steps = sorted([*steps, "soothe"])
        offered_now = [o.id for o in success.offer if any(_contains(reply, c) for c in o.cues)]
        fixing = bool(offered_now) or "resolve" in steps
        if persona.temperament != "calm" and not progress.soothed:
            strong = profile.apology_strength == "high" or persona.temperament == "angry"
            better = phrase("apology.strong" if strong else "apology.standard")
            if not soothed_now:
                issues.append(
                    Issue(
                        "apology",
                        f"{persona.name} is {persona.temperament}: apologise"
                        + (" before the fix" if fixing and profile.apology_before_fix else "")
                        + " before anything else.",
                        sentence_with(lambda s: True),
                        better,
                    )
                )
                scores["apology"] = POOR
            elif (
                fixing and profile.apology_before_fix and _fix_first(sentences, moves, scenario, offered_now)
            ):
                issues.append(
                    Issue(
                        "apology",
                        "In this culture the apology comes before the solution.",
                        _fix_first(sentences, moves, scenario, offered_now) or "",
                        better,
                    )
                )
                scores["apology"] = POOR
            else:
                scores["apology"] = GOOD
            scores["empathy"] = GOOD if soothed_now else POOR
            if not soothed_now:
                issues.append(
                    Issue("empathy", "Acknowledge how the customer feels.", "", phrase("empathy.understand"))
                )

        # Accuracy: every amount, date and day count must come from the scenario's articles.
        articles = [library.articles[a] for a in scenario.articles if a in library.articles]
        kb = "\n".join(a.body + "\n" + " ".join(a.summary.values()) for a in articles)
        unsupported = check_promises(reply, kb)
        if unsupported:
            digits = re.findall(r"\d+", unsupported)
            issues.append(
                Issue(
                    "accuracy",
                    unsupported,
                    sentence_with(lambda s: bool(digits) and digits[0] in s) if digits else "",
                    (articles[0].summary.get(phrase_language) or articles[0].summary.get("en", ""))
                    if articles
                    else "",
                )
            )
        scores["accuracy"] = POOR if unsupported else GOOD

        # Success criteria: verify before resolving, offer what the policy allows, avoid what the scenario forbids.
        asked = bool(
            success.verify and (any(_contains(reply, c) for c in success.verify.cues) or "verify" in steps)
        )
        success_issues = []
        if offered_now and success.verify and not (progress.asked_verification or progress.verified or asked):
            success_issues.append(
                Issue(
                    "success",
                    f"Offered a solution before verifying the {success.verify.what}.",
                    sentence_with(lambda s: any(_contains(s, c) for o in success.offer for c in o.cues)),
                    phrase("verification.order"),
                )
            )
        for avoid in success.avoid:
            hit = next((c for c in avoid.cues if _contains(reply, c)), None)
            if hit:
                success_issues.append(
                    Issue(
                        "success",
                        avoid.why or f"Avoid: {avoid.id}.",
                        sentence_with(lambda s, h=hit: _contains(s, h)),
                        "",
                    )
                )
        issues += success_issues
        scores["success"] = POOR if success_issues else GOOD
        return ReplyReview(scores, issues, steps, offered_now, asked)


def _fix_first(sentences: list[str], moves, scenario: Scenario, offered: list[str]) -> str | None:
    """The sentence with the fix when it comes before the apology (by position in the reply, whether the apology
    matched a library phrase or the culture's apology words), else None."""
    apology_in = {m.sentence for m in moves if m.step == "soothe"}
    fix_in = {m.sentence for m in moves if m.step == "resolve"}
    offer_cues = [c for o in scenario.success.offer if o.id in offered for c in o.cues]
    apology_at = next(
        (
            i
            for i, s in enumerate(sentences)
            if s in apology_in or cues.find_cue(cues.APOLOGY, scenario.locale, s)
        ),
        None,
    )
    fix_at = next(
        (i for i, s in enumerate(sentences) if s in fix_in or any(_contains(s, c) for c in offer_cues)), None
    )
    if fix_at is None or apology_at is None or fix_at >= apology_at:
        return None
    return sentences[fix_at]
