"""A practice conversation: the simulated customer's next line follows what the agent did, until the problem is
resolved or the agent runs out of replies; then the whole session is scored."""

from __future__ import annotations

from dataclasses import asdict
from statistics import mean
from typing import Any

from ..library.scenarios import Scenario
from .coach import CRITERIA, Progress, ReplyReview

MAX_REPLIES = 6


def next_turn(scenario: Scenario, progress: Progress, review: ReplyReview) -> str:
    """Which scripted line the customer answers with, updating what the agent has achieved."""
    first_soothe = "soothe" in review.steps and not progress.soothed
    progress.replies += 1
    progress.soothed = progress.soothed or "soothe" in review.steps
    for offer in review.offered:
        if offer not in progress.offered:
            progress.offered.append(offer)
            if progress.verified_before_offer is None:
                progress.verified_before_offer = (
                    progress.asked_verification or progress.verified or review.asked_verification
                )
    broke = [i.message for i in review.issues if i.criterion == "success" and "Offered" not in i.message]
    progress.avoided += broke
    progress.asked_verification = progress.asked_verification or review.asked_verification
    if broke:
        return "unresolved"
    needs_verify = scenario.success.verify is not None
    if progress.offered and (progress.verified or progress.asked_verification or not needs_verify):
        return "closing"
    if review.asked_verification and not progress.verified:
        progress.verified = True
        return "on_verification"
    if first_soothe:
        return "after_apology"
    return "unresolved"


def summarize(
    scenario: Scenario, progress: Progress, reviews: list[dict[str, Any]], finished_by: str
) -> dict[str, Any]:
    """The end-of-session result: mean score per criterion, which success criteria were met, overall score."""
    per_criterion = {
        c: round(mean(r["scores"][c] for r in reviews if c in r["scores"]), 2)
        for c in CRITERIA
        if any(c in r["scores"] for r in reviews)
    }
    success = scenario.success
    criteria = {
        "verified": (progress.asked_verification or progress.verified) if success.verify else None,
        "verified_before_offer": progress.verified_before_offer
        if success.verify and progress.offered
        else None,
        "offered": bool(progress.offered) if success.offer else None,
        "avoided": not progress.avoided,
        "soothed": progress.soothed if scenario.persona.temperament != "calm" else None,
    }
    met = [k for k, v in criteria.items() if v is True]
    missed = [k for k, v in criteria.items() if v is False]
    overall = round(mean(per_criterion.values()), 2) if per_criterion else 0.0
    return {
        "finished_by": finished_by,
        "resolved": finished_by == "resolved",
        "scores": per_criterion,
        "overall": overall,
        "criteria": criteria,
        "met": met,
        "missed": missed,
        "progress": asdict(progress),
    }
