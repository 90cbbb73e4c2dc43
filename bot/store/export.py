"""A workspace's stored data as files an admin can hand to a data protection officer: JSON and CSV.

The JSON is everything in one file; the CSVs are one table each, for a spreadsheet. Both are built
from `Store.export_workspace`, so they hold exactly what the database holds (the inbox's message
bodies as their size only; see docs/privacy.md).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from bot.store.schema import WORKSPACE_TABLES, inbox


def _columns(table) -> list[str]:
    names = [c.name for c in table.columns]
    return [("body_chars" if n == "body" else n) for n in names] if table is inbox else names


def export_files(
    team_id: str, data: dict[str, list[dict]], now: datetime | None = None
) -> list[tuple[str, str]]:
    """(file name, content) pairs: one JSON file, then one CSV per table (header only when empty)."""
    now = now or datetime.now(UTC)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    base = f"paradox-coach-{team_id}-{stamp}"
    document = {"workspace": team_id, "exported_at": now.isoformat(), "tables": data}
    files = [(f"{base}.json", json.dumps(document, indent=2, sort_keys=True, default=str))]
    for table in WORKSPACE_TABLES:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=_columns(table), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(data.get(table.name, []))
        files.append((f"{base}-{table.name}.csv", out.getvalue()))
    return files
