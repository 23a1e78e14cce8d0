"""Backup and restore of everything Tactful stores in its database: the versioned library (phrases, articles,
culture profiles, prompts, rubric), its audit trail, tokens (hashes only), suggestions, events and reviews.

The file is JSON lines, one row each: {"table": ..., "row": {...}}. Import adds rows whose primary key is not
there yet, in dependency order, in one transaction; the vector index is rebuilt from the library at next start.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlalchemy import DateTime, insert, select

from .db import Database
from .models import Base


def _rows(db: Database) -> Iterator[dict]:
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(select(table)).mappings():
                yield {
                    "table": table.name,
                    "row": {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()},
                }


def export_to(db: Database, out: IO[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in _rows(db):
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        counts[item["table"]] = counts.get(item["table"], 0) + 1
    return counts


def import_from(db: Database, path: Path) -> dict[str, int]:
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    pending: dict[str, list[dict]] = {name: [] for name in tables}
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            item = json.loads(line)
            if item.get("table") not in tables:
                raise ValueError(f"line {n}: unknown table {item.get('table')!r}")
            pending[item["table"]].append(item["row"])
    added: dict[str, int] = {}
    with db.engine.begin() as conn:  # all or nothing
        for name, table in tables.items():
            pk = [c.name for c in table.primary_key.columns]
            existing = {tuple(r) for r in conn.execute(select(*[table.c[k] for k in pk]))}
            dates = [c.name for c in table.columns if isinstance(c.type, DateTime)]
            rows = []
            for row in pending[name]:
                if tuple(row[k] for k in pk) in existing:
                    continue
                rows.append(
                    {k: (datetime.fromisoformat(v) if k in dates and v else v) for k, v in row.items()}
                )
            if rows:
                conn.execute(insert(table), rows)
            added[name] = len(rows)
    return added
