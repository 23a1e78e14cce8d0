"""Fits the ranking's evidence weights on the development split of `tactful eval answers`.

    .venv/bin/python -m tactful.evaluation.ranking_fit [--data benchmarks/data/answers]

Runs every dev conversation through the pipeline up to ranking (a throwaway Tactful seeded from kb_seed/),
collects each article's evidence with a label (does it answer?), fits an L2-regularised logistic regression
and prints the weights for `knowledge/ranking.py` with the dev split's top-1 under them. The test split is
never read here.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np

from ..knowledge.ranking import FEATURES, article_links, as_matrix, confidence_features, ranking_query
from .answer_set import load_answer_set


def collect(services, rows):
    """(feature matrix, labels, row index) over every article of every dev row."""
    from ..drafting.pipeline import intent_scores

    content = services.content.current()
    library, links = content.library, article_links(content.intents)
    pipeline = services.pipeline
    xs, ys, groups = [], [], []
    for n, row in enumerate(rows):
        customer = [t for r, t in row.turns if r == "customer"]
        phrases = [
            p for p in library.phrases if p.language == pipeline.phrasing_language_for(library, row.lang)
        ]
        insight = pipeline.insight.analyse(list(row.turns), row.lang, content.intents, phrases)
        mentioned = library.mentioned_articles("\n".join(t for _, t in row.turns))
        evidence, _ = pipeline.ranker.evidence(
            library, ranking_query(customer, intent_scores(insight), mentioned), links
        )
        for article, e in evidence.items():
            xs.append(e)
            ys.append(1.0 if article in row.articles else 0.0)
            groups.append(n)
    return as_matrix(xs), np.asarray(ys), np.asarray(groups)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.001, steps: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method; returns [bias, *weights]."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(x.shape[1])])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) / len(y) + penalty @ w
        hessian = (xb.T * (p * (1 - p))) @ xb / len(y) + penalty
        step = np.linalg.solve(hessian, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def fit_confidence(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray, w: np.ndarray
) -> tuple[np.ndarray, float]:
    """Per conversation: (best logit, lead over the runner-up) -> is the best article right? Conversations no
    article answers count as 'not right', so the model learns when to ask instead."""
    z = np.hstack([np.ones((len(x), 1)), x]) @ w
    q_last = x[:, FEATURES.index("q_last")]
    feats, labels = [], []
    for g in np.unique(groups):
        mask = groups == g
        order = np.argsort(-z[mask])
        probs = 1.0 / (1.0 + np.exp(-z[mask][order]))
        feats.append(confidence_features(list(probs[:2]), float(q_last[mask].max())))
        labels.append(float(y[mask][order[0]] > 0))
    fx, fy = np.asarray(feats), np.asarray(labels)
    cw = fit(fx, fy, l2=0.001)
    p = 1.0 / (1.0 + np.exp(-(np.hstack([np.ones((len(fx), 1)), fx]) @ cw)))
    return cw, float(((p >= 0.5) == (fy > 0)).mean())


def top1(x: np.ndarray, y: np.ndarray, groups: np.ndarray, w: np.ndarray) -> float:
    z = np.hstack([np.ones((len(x), 1)), x]) @ w
    right = total = 0
    for g in np.unique(groups):
        mask = groups == g
        if y[mask].any():
            total += 1
            right += bool(y[mask][np.argmax(z[mask])])
    return right / max(total, 1)


def main(argv: list[str] | None = None) -> int:
    from ..services import build_services
    from ..settings import PROJECT_ROOT, Settings

    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--data", default=str(PROJECT_ROOT / "benchmarks" / "data" / "answers"))
    args.add_argument("--l2", type=float, default=0.001)
    opts = args.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tactful-fit-") as tmp:
        services = build_services(Settings(data_dir=Path(tmp), _env_file=None))  # type: ignore[call-arg]
        try:
            # Closings are read before ranking (insight/turns.py); every other dev conversation counts.
            rows = [r for r in load_answer_set(Path(opts.data)) if r.split == "dev" and not r.closing]
            x, y, groups = collect(services, rows)
        finally:
            services.close()
    w = fit(x, y, opts.l2)
    print(
        "WEIGHTS = {"
        + ", ".join(f'"{k}": {v:.2f}' for k, v in zip(("bias", *FEATURES), w, strict=True))
        + "}"
    )
    print(f"dev top-1 with these weights: {top1(x, y, groups, w):.3f} over {len(np.unique(groups))} rows")
    cw, accuracy = fit_confidence(x, y, groups, w)
    print(
        "CONFIDENCE = {"
        + ", ".join(f'"{k}": {v:.2f}' for k, v in zip(("bias", "top", "lead", "question"), cw, strict=True))
        + "}"
    )
    print(f"dev: answer-or-ask decided right at 0.5 for {accuracy:.3f} of conversations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
