"""`tactful eval answers`: does the first draft answer what the customer asked, or say plainly that it can't?

Every labelled conversation (`answer_set.py`) goes through the whole product as an agent's request would
(redaction, language, culture, insight, retrieval, ranking, the offline drafter, the record in SQLite), over
a real Chroma in a temporary folder seeded from `kb_seed/`. Reported per split, language group, language and
tag, beside the vector-only ranking the product used before re-ranking ("baseline", same index, same run):

- kb top-1 / top-3: the acceptable article first / among the first three KB sources;
- draft 1 grounded: draft 1 answers an acceptable article (or, where none fits, cites none);
- abstention: where no article fits, draft 1 cites none (and offers a person when the customer asked for one);
- closings: a closing message gets a short close that re-answers nothing;
- false complaints: plain questions drafted as complaints;
- mixed address: drafts that use both the formal and the informal form of address;
- unsupported promises: draft sentences that promise an action (an email, a call back, a refund, a
  replacement, a voucher, a deadline) that neither the cited article nor the agent's own messages state.
  Read on the English back-translation with this module's own patterns, not the drafter's;
- re-asks: draft 1 asks for an order number, email or photo the customer already gave.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..culture.register_check import address_variety, read_register
from ..insight.engine import split_sentences
from .answer_set import LabelledConversation, load_answer_set

# What a sentence promises, read on English text. A sentence promises when it also speaks of the future.
PROMISE_KINDS = {
    "email": r"\be-?mail|confirmation\b",
    "call back": r"get back to you|contact you|be in touch|call you|update you|let you know|reach out to you|hear from",
    "refund": r"\brefund",
    "replacement": r"replacement|send you (?:a |the )?new|replace (?:it|the)",
    "voucher": r"voucher|discount|coupon|compensat",
    "deadline": r"\b\d+(?:\s*-\s*\d+)?\s*(?:minutes?|hours?|(?:working |business )?days?|weeks?)\b|shortly|"
    r"right away|by tomorrow|within the day",
}
_FUTURE = re.compile(r"\b(?:will|shall|'ll|going to|we can|i can)\b|\byou(?:'ll| will) (?:receive|get)", re.I)
_ASKS = {
    "order": re.compile(r"order number", re.I),
    "email": re.compile(r"e-?mail address", re.I),
    "photo": re.compile(r"\bphoto|picture", re.I),
}
_QUESTION = re.compile(r"\?|could you|can you|please (?:send|share|give|confirm|tell)", re.I)


def promise_kinds(text: str) -> set[str]:
    return {kind for kind, pattern in PROMISE_KINDS.items() if re.search(pattern, text, re.I)}


def unsupported_promises(back_translation: str, support: str) -> list[str]:
    """Sentences of an English text that promise something `support` (the cited article, the agent's own
    messages) does not mention."""
    supported = promise_kinds(support)
    out = []
    for sentence in split_sentences(back_translation, 2):
        if _FUTURE.search(sentence) and promise_kinds(sentence) - supported:
            out.append(sentence)
    return out


def mixes_address(text: str, language: str) -> bool:
    """Both a formal and an informal form of address in one draft, sentence by sentence."""
    seen = set()
    for sentence in split_sentences(text, 2):
        reading = read_register(sentence, language)
        if reading.cue:
            seen.add(reading.register)
    return {"formal", "informal"} <= seen


def _kb_ranking(response: dict[str, Any]) -> list[str]:
    return [s["id"][3:] for s in response.get("sources", []) if s.get("kind") == "kb"]


def draft_article(draft: dict[str, Any]) -> str | None:
    """The article a draft answers: its own `answers` field, else the first KB source it cites."""
    if "answers" in draft:
        return draft["answers"][3:] if draft["answers"] else None
    return next((s[3:] for s in draft.get("source_ids", []) if s.startswith("kb:")), None)


def _base(tag: str) -> str:
    return tag if tag.startswith("zh") and tag in ("zh-Hans", "zh-Hant") else tag.split("-")[0]


def score_row(
    row: LabelledConversation, response: dict[str, Any], baseline: list[str], articles_text: dict[str, str]
) -> dict[str, Any]:
    """One conversation's outcomes (None where a measure does not apply to the row)."""
    ranking = _kb_ranking(response)
    drafts = response.get("drafts") or []
    first = drafts[0] if drafts else {}
    answered = draft_article(first)
    mode = (response.get("answer") or {}).get("mode")
    stage = (response.get("stage") or {}).get("name")
    tag = response["language"]["tag"]
    expected = row.lang if row.lang in ("zh-Hans", "zh-Hant") else row.lang.split("-")[0]
    lang_ok = _base(tag) == expected or (expected.startswith("zh") and tag == expected)
    agent_text = " ".join(t for r, t in row.turns if r == "agent")
    variety = address_variety(tag, (response.get("culture") or {}).get("profile") or tag)
    has = bool(row.articles)
    out: dict[str, Any] = {
        "id": row.id,
        "language_ok": lang_ok,
        "tag": tag,
        "top1": ranking[:1] != [] and ranking[0] in row.articles if has else None,
        "top3": any(a in row.articles for a in ranking[:3]) if has else None,
        "baseline_top1": bool(baseline) and baseline[0] in row.articles if has else None,
        "baseline_top3": any(a in row.articles for a in baseline[:3]) if has else None,
        "grounded": (answered in row.articles) if has else (answered is None),
        "abstained": (answered is None and (not row.handoff or mode == "handoff")) if row.no_fit else None,
        "false_abstention": (answered is None) if has else None,
        "closing": (stage == "closing" and answered is None) if row.closing else None,
        "false_closing": (stage == "closing") if not row.closing else None,
        "false_complaint": (stage == "complaint") if has and not row.problem else None,
        "missed_complaint": (stage != "complaint") if row.problem else None,
        "register_ok": ((response.get("culture") or {}).get("register") == row.register)
        if row.register
        else None,
        "mixed_address": sum(mixes_address(d["text"], variety) for d in drafts),
        "drafts": len(drafts),
        "ranking": ranking[:3],
        "answered": answered,
        "stage": stage,
        "mode": mode,
        "confidence": (response.get("answer") or {}).get("confidence"),
        "top_probability": next(
            (s["score"] for s in response.get("sources", []) if s.get("kind") == "kb"), None
        ),
        "top_question": next(
            (
                s.get("evidence", {}).get("q_last")
                for s in response.get("sources", [])
                if s.get("kind") == "kb"
            ),
            None,
        ),
    }
    promises = []
    for d in drafts:
        support = articles_text.get(draft_article(d) or "", "") + "\n" + agent_text
        promises += unsupported_promises(d.get("back_translation", ""), support)
    out["unsupported_promises"] = len(promises)
    out["promise_examples"] = promises[:2]
    asked = [k for k in row.gave if k in _ASKS and _asks_for(first.get("back_translation", ""), _ASKS[k])]
    out["reasks"] = len(asked) if row.gave else None
    return out


def _asks_for(text: str, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(s) and _QUESTION.search(s) for s in split_sentences(text, 2))


# --- aggregation --------------------------------------------------------------------------------------

RATES = (
    "language_ok",
    "top1",
    "top3",
    "baseline_top1",
    "baseline_top3",
    "grounded",
    "abstained",
    "false_abstention",
    "closing",
    "false_closing",
    "false_complaint",
    "missed_complaint",
    "register_ok",
)
COUNTS = ("mixed_address", "unsupported_promises", "reasks", "drafts")


def aggregate(scores: Iterable[dict[str, Any]]) -> dict[str, Any]:
    scores = list(scores)
    out: dict[str, Any] = {"rows": len(scores)}
    for key in RATES:
        values = [s[key] for s in scores if s.get(key) is not None]
        out[key] = {"rate": round(sum(values) / len(values), 3), "n": len(values)} if values else None
    for key in COUNTS:
        out[key] = sum(s[key] or 0 for s in scores if s.get(key) is not None)
    return out


def report(
    rows: list[LabelledConversation],
    scores: dict[str, dict[str, Any]],
    group_of: Callable[[LabelledConversation], str],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for split in ("dev", "test", "all"):
        chosen = [r for r in rows if split == "all" or r.split == split]
        by: dict[str, dict[str, list]] = {
            "group": defaultdict(list),
            "language": defaultdict(list),
            "tag": defaultdict(list),
        }
        for r in chosen:
            by["group"][group_of(r)].append(scores[r.id])
            by["language"][r.lang].append(scores[r.id])
            for t in r.tags or {"plain"}:
                by["tag"][t].append(scores[r.id])
        out[split] = {
            "overall": aggregate(scores[r.id] for r in chosen),
            **{name: {k: aggregate(v) for k, v in sorted(groups.items())} for name, groups in by.items()},
        }
    return out


# --- running the product ------------------------------------------------------------------------------


def run(
    data: Path, seed_dir: Path, prompts_dir: Path, embeddings=None, verbose: bool = False
) -> dict[str, Any]:
    """Seeds a throwaway Tactful (SQLite, embedded Chroma, offline drafter) and asks it about every row."""
    from ..services import build_services
    from ..settings import EmbeddingSettings, Settings

    with tempfile.TemporaryDirectory(prefix="tactful-eval-") as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            seed_dir=seed_dir,
            prompts_dir=prompts_dir,
            embeddings=embeddings or EmbeddingSettings(),
            _env_file=None,
        )  # type: ignore[call-arg]
        services = build_services(settings)
        try:
            return _run_on(services, data, verbose)
        finally:
            services.close()


def _run_on(services, data: Path, verbose: bool) -> dict[str, Any]:
    from ..drafting.pipeline import ChatMessage, SuggestionInput
    from .answer_baseline import vector_ranking

    content = services.content.current()
    library = content.library
    rows = load_answer_set(data, set(library.articles))
    articles_text = {a.id: f"{a.summary.get('en', '')}\n{a.body}" for a in library.articles.values()}
    profiled = {p.language.split("-")[0] for p in content.cultures.all() if p.locale != "default"}
    scores: dict[str, dict[str, Any]] = {}
    for row in rows:
        req = SuggestionInput(
            [ChatMessage(r, t) for r, t in row.turns],
            conversation_id=row.id,
            customer_locale=row.locale,
            agent_language="en",
            drafts=3,
        )
        response = services.pipeline.suggest(req)
        customer = [t for r, t in row.turns if r == "customer"]
        baseline = vector_ranking(services.pipeline, library, customer, [t for _, t in row.turns])
        scores[row.id] = score_row(row, response, baseline, articles_text)
        if verbose:
            s = scores[row.id]
            print(
                f"{row.id:14} {row.split:4} top1={s['top1']} rank={s['ranking']} stage={s['stage']} "
                f"answered={s['answered']}"
            )
    result = report(rows, scores, lambda r: "profiled" if r.lang.split("-")[0] in profiled else "others")
    result["rows"] = [scores[r.id] | {"split": r.split, "lang": r.lang, "tags": sorted(r.tags)} for r in rows]
    result["embeddings"] = services.embedder.name
    return result


def _cell(metric: dict[str, Any] | None) -> str:
    return "–" if not metric else f"{metric['rate']:.2f} ({metric['n']})"


def format_table(result: dict[str, Any], split: str = "test") -> str:
    part = result[split]
    head = (
        "| rows | kb top-1 | top-3 | baseline top-1 | baseline top-3 | draft 1 grounded | abstention | "
        "closings | false complaints | mixed address | unsupported promises | re-asks | language |"
    )
    lines = [f"Split: {split} ({result['embeddings']})", "", "| slice " + head, "|---" * 14 + "|"]

    def line(name: str, m: dict[str, Any]) -> str:
        cells = [
            str(m["rows"]),
            *(
                _cell(m[k])
                for k in (
                    "top1",
                    "top3",
                    "baseline_top1",
                    "baseline_top3",
                    "grounded",
                    "abstained",
                    "closing",
                    "false_complaint",
                )
            ),
            str(m["mixed_address"]),
            str(m["unsupported_promises"]),
            str(m["reasks"]),
            _cell(m["language_ok"]),
        ]
        return f"| {name} | " + " | ".join(cells) + " |"

    lines.append(line("**all**", part["overall"]))
    lines += [line(f"group: {k}", v) for k, v in part["group"].items()]
    lines += [line(f"tag: {k}", v) for k, v in part["tag"].items()]
    lines += [line(f"lang: {k}", v) for k, v in part["language"].items()]
    return "\n".join(lines)
