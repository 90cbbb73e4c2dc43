"""The tables as the queries use them today: the one place a column's meaning is written down.

A change here must come with a new step in `bot.store.upgrades` that brings an existing
database to the same shape; `tests/e2e/test_schema_upgrades.py` fails until both agree.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

meta = sa.Table(
    "paradox_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(255), nullable=False),
)

goals = sa.Table(
    "paradox_goals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("team_id", sa.String(32), nullable=False),
    sa.Column("channel_id", sa.String(32), nullable=False),
    # "" for a goal recorded for the whole channel (with /paradox goal)
    sa.Column("thread_ts", sa.String(32), nullable=False, default=""),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("user_id", sa.String(32), nullable=False, default=""),
    sa.Column("created_at", sa.Float, nullable=False),
    # Set when someone pressed "That's not our goal": kept (not deleted) so the same words are not read
    # as the goal again; a forgotten goal is never shown or used.
    sa.Column("forgotten_at", sa.Float, nullable=True),
    # The follow-up (issue 24). The date the goal names (ISO; "" none: never followed up), read once when
    # it is recorded (bot/coach/goal_dates.py).
    sa.Column("due_on", sa.String(10), nullable=False, default="", server_default=""),
    # The setter's Slack timezone, looked up once when the follow-up nears ("" not yet: Europe/London).
    sa.Column("timezone", sa.String(64), nullable=False, default="", server_default=""),
    # The local date after which the next follow-up is due: due_on at first, four weeks on after "Too
    # early to say", "" once asked (and after a final answer).
    sa.Column("next_ask_on", sa.String(10), nullable=False, default="", server_default=""),
    sa.Column(
        "asks", sa.Integer, nullable=False, default=0, server_default=sa.text("0")
    ),  # follow-ups posted (at most 3)
    # met, partly, not_met or too_early ("" unanswered); who pressed the button, when, and what they saw
    sa.Column("result", sa.String(16), nullable=False, default="", server_default=""),
    sa.Column("result_by", sa.String(32), nullable=False, default="", server_default=""),
    sa.Column("result_at", sa.Float, nullable=True),
    sa.Column("result_note", sa.Text, nullable=False, default="", server_default=""),
    sa.Index("ix_goals_place", "team_id", "channel_id", "thread_ts"),
    sa.Index("ix_goals_recent", "team_id", "created_at"),
    sa.Index("ix_goals_next_ask", "next_ask_on"),
)

asked = sa.Table(
    "paradox_asked",
    metadata,
    sa.Column("team_id", sa.String(32), primary_key=True),
    sa.Column("channel_id", sa.String(32), primary_key=True),
    # the place's memory key: a thread's root ts, or "u:<user>" for one person's /paradox questions
    sa.Column("thread_ts", sa.String(32), primary_key=True),
    sa.Column("question_id", sa.String(64), primary_key=True),
    sa.Column("asked_at", sa.Float, nullable=False),
)

events = sa.Table(
    "paradox_events",
    metadata,
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("team_id", sa.String(32), nullable=False),
    sa.Column("claimed_at", sa.Float, nullable=False),
    sa.Column("done_at", sa.Float, nullable=True),
    sa.Index("ix_events_claimed", "claimed_at"),
)

subscriptions = sa.Table(
    "paradox_subscriptions",
    metadata,
    sa.Column("team_id", sa.String(32), primary_key=True),
    sa.Column("channel_id", sa.String(32), primary_key=True),
    sa.Column("weekday", sa.Integer, nullable=False),  # Monday = 0
    sa.Column("local_time", sa.String(5), nullable=False),  # "HH:MM"
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("calendar", sa.String(32), nullable=False, default=""),
    sa.Column("created_by", sa.String(32), nullable=False, default=""),
    sa.Column("created_at", sa.Float, nullable=False),
    # Weekly slots (local dates, ISO) before this one are skipped: "/paradox weekly pause 2 weeks".
    sa.Column("resume_on", sa.String(10), nullable=False, default=""),
    # "" while active; otherwise why posting stopped (for example channel_not_found).
    sa.Column("stopped_reason", sa.String(64), nullable=False, default=""),
    sa.Column("source", sa.String(16), nullable=False, default="slack"),  # "slack" or "config"
    # When posting stopped (stopped_reason set): a stopped subscription is purged after
    # `retention.stopped_subscriptions_days` (the channel was archived or the bot removed).
    sa.Column("stopped_at", sa.Float, nullable=True),
)

sends = sa.Table(
    "paradox_weekly_sends",
    metadata,
    sa.Column("team_id", sa.String(32), primary_key=True),
    sa.Column("channel_id", sa.String(32), primary_key=True),
    sa.Column("slot", sa.String(10), primary_key=True),  # the local date the prompt was due (ISO)
    sa.Column("claimed_at", sa.Float, nullable=False),
    sa.Column("claimed_by", sa.String(64), nullable=False, default=""),
    sa.Column("attempts", sa.Integer, nullable=False, default=1),
    sa.Column("sent_at", sa.Float, nullable=True),
    sa.Column("message_ts", sa.String(32), nullable=True),
    sa.Column("question_id", sa.String(64), nullable=False, default=""),
    sa.Column("outcome", sa.String(64), nullable=False, default=""),  # "sent", or a permanent error
)

# The durable inbox (bot/inbox.py): what a claimed event or interaction needs to be resumed after
# a crash, its body, kept from the claim until the work is finished, then deleted at once (it
# holds message text). The lease is the event's `claimed_at`, renewed by the process doing the work.
inbox = sa.Table(
    "paradox_inbox",
    metadata,
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("team_id", sa.String(32), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=1),
)

# The scorecard's facts about each thread the coach answered in: ids and moments, never text.
threads = sa.Table(
    "paradox_threads",
    metadata,
    sa.Column("team_id", sa.String(32), primary_key=True),
    sa.Column("channel_id", sa.String(32), primary_key=True),
    sa.Column("thread_ts", sa.String(32), primary_key=True),
    sa.Column("coached_at", sa.Float, nullable=False),  # the coach's first answer in the thread
    # 1 when a goal was already stated the first time the coach was asked ("goal first")
    sa.Column("goal_first", sa.Integer, nullable=False, default=0),
    sa.Column("nudged_at", sa.Float, nullable=True),  # its first goal nudge
    sa.Column("goal_at", sa.Float, nullable=True),  # when the coach first saw a goal there
    sa.Index("ix_threads_month", "team_id", "coached_at"),
)

# Leads who asked for the monthly digest (/paradox digest on). The sends are claimed in
# paradox_weekly_sends with the lead's user id as channel_id and the month ("YYYY-MM") as slot.
digests = sa.Table(
    "paradox_digests",
    metadata,
    sa.Column("team_id", sa.String(32), primary_key=True),
    sa.Column("user_id", sa.String(32), primary_key=True),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("calendar", sa.String(32), nullable=False, default=""),  # public holidays, e.g. GB-ENG
    sa.Column("created_at", sa.Float, nullable=False),
    # the language the digest is written in: the lead's, as they asked for it (cy, en or both); "" English
    sa.Column("language", sa.String(8), nullable=False, default="", server_default=""),
)

# The workspace's own deck, as the log of its edits (also the audit log shown to admins).
# kind: add_question, hide_question, hide_paradox, show_paradox, reset (restore the defaults).
deck_edits = sa.Table(
    "paradox_deck_edits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("team_id", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("paradox_id", sa.String(64), nullable=False, default=""),
    sa.Column("question_id", sa.String(64), nullable=False, default=""),
    sa.Column("text", sa.Text, nullable=False, default=""),  # an added question (edited deck content)
    sa.Column("user_id", sa.String(32), nullable=False, default=""),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Index("ix_deck_edits_team", "team_id", "id"),
)

# The language a channel's replies are in (`/paradox language`), and the workspace's default (channel_id
# ""), set by an admin on the App Home. No row: `auto`, the language of what was written.
languages = sa.Table(
    "paradox_languages",
    metadata,
    sa.Column("team_id", sa.String(32), primary_key=True),
    sa.Column("channel_id", sa.String(32), primary_key=True),  # "" for the workspace's default
    sa.Column("language", sa.String(8), nullable=False),  # auto, cy, en or both
    sa.Column("set_by", sa.String(32), nullable=False, default=""),  # who set it ("" once they are forgotten)
    sa.Column("set_at", sa.Float, nullable=False),
)

# Follow-ups are claimed in paradox_weekly_sends too: channel_id "goal:<id>:<created_at>" (an id SQLite may
# reuse, made unique by its moment), slot "ask1".."ask3".

# Every table a workspace's rows live in (uninstall deletes from each).
WORKSPACE_TABLES = (
    goals,
    asked,
    events,
    subscriptions,
    sends,
    inbox,
    threads,
    digests,
    deck_edits,
    languages,
)
