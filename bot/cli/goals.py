"""`python -m bot goals --team T [--csv]`: a workspace's recorded goals, their dates and follow-up results.

For comms leads and operators who want the record outside Slack (a spreadsheet, a report): one line per
goal, newest first, misreads ("That's not our goal") left out. `--csv` writes a header and one row each.
"""

from __future__ import annotations

import csv
import sys
from datetime import UTC, datetime

import sqlalchemy as sa

from bot.cli.common import database_failure
from bot.settings import Settings

COLUMNS = (
    "channel_id",
    "thread_ts",
    "text",
    "user_id",
    "recorded",
    "due_on",
    "asks",
    "result",
    "result_by",
    "answered",
    "result_note",
)


def _moment(seconds: float | None) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if seconds else ""


def rows(goals) -> list[dict]:
    return [
        {
            "channel_id": g.channel_id,
            "thread_ts": g.thread_ts,
            "text": g.text,
            "user_id": g.user_id,
            "recorded": _moment(g.created_at),
            "due_on": g.due_on,
            "asks": g.asks,
            "result": g.result,
            "result_by": g.result_by,
            "answered": _moment(g.result_at),
            "result_note": g.result_note,
        }
        for g in goals
    ]


def goals_command(settings: Settings, team: str, as_csv: bool, out=None) -> int:
    from bot.store import Store

    out = out or sys.stdout
    store = Store(settings.database_url)
    try:
        store.migrate()
        found = rows(store.goals_of(team))
    except (sa.exc.SQLAlchemyError, RuntimeError) as exc:
        return database_failure(settings, exc)
    finally:
        store.engine.dispose()
    if as_csv:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(found)
        return 0
    if not found:
        print(f"no goals recorded for {team}", file=out)
    for row in found:
        due = f"by {row['due_on']}: {row['result'] or ('asked' if row['asks'] else 'not asked yet')}"
        print(f"{row['recorded'][:10]}  {row['channel_id']}  {row['text']}", file=out)
        print(f"    {due if row['due_on'] else 'no date: not followed up'}", file=out)
    return 0
