"""What every benchmark shares: percentiles, and writing its JSON result."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2)


def write_result(report: dict, out: str) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(report, indent=1))
    print(f"\nwritten {out}")
