"""The plan reader: which channels are on the table, whether a strategic goal has been stated, or
whether the mention is not about a plan at all.

A goal says what people should do differently, for whom, by how much and by when. The reader is
rule-based on purpose: deterministic, cheap, and able to say which rule decided (`PlanReading.rule`,
shown by `python -m bot read`), so a content editor can see a miss and fix it in `prompts/`.

How it generalises (see `forms` for the word forms and why stems were chosen over a lemmatiser):
* vocabulary is data (`prompts/reading.yml`, `prompts/channels.yml`), matched as word forms;
* a goal is grammar over word classes, not a phrase list: "<get|encourage> <people> to <act>",
  "<more|fewer> ... <act|outcome>", "<increase|cut> ... <outcome>", "<number> <outcome>",
  "<share>% of <people> <act>", a label ("Target -", "success looks like") with a measure, and a measured
  awareness or attitude objective with a baseline or a date (as GCS accepts);
* quantities, dates and audiences are structures (`quantities`);
* a sentence is read up to a trailing question, so "300 more carers by March - would TikTok help?"
  keeps its goal; a goal withdrawn later ("parking the number") no longer counts; a negated one never did.

One job a module, lowest first: `forms` (words as stems), `lexicon` (the vocabulary file), `quantities`,
`sentences`, `readings` (what the reader returns), `compiled` (the `Reader`), `goal_sentence` and
`goal_thread`, `channels`, `small_talk`, then `verdict` (`read_plan`), which weighs them all. `explain`
(`python -m bot read`) sits on top and is imported from its module, not from here: it loads a deck, and
the deck imports the vocabulary from this package.
"""

from bot.coach.reader.channels import channel_matches, find_channels, find_topics
from bot.coach.reader.compiled import Reader, reader_for
from bot.coach.reader.forms import Norm, welsh_forms
from bot.coach.reader.goal_sentence import read_sentence
from bot.coach.reader.goal_thread import read_goal
from bot.coach.reader.lexicon import Lexicon, load_lexicon
from bot.coach.reader.readings import (
    COACH,
    NONE,
    NOT_A_PLAN,
    NUDGE,
    OUTPUT,
    STATED,
    WEAK,
    GoalReading,
    PlanReading,
    Rule,
)
from bot.coach.reader.sentences import sentences, strip_mention
from bot.coach.reader.small_talk import aside_removed, words_of
from bot.coach.reader.verdict import READ_CHARS, read_plan

__all__ = [
    "COACH",
    "NONE",
    "NOT_A_PLAN",
    "NUDGE",
    "OUTPUT",
    "READ_CHARS",
    "STATED",
    "WEAK",
    "GoalReading",
    "Lexicon",
    "Norm",
    "PlanReading",
    "Reader",
    "Rule",
    "aside_removed",
    "channel_matches",
    "find_channels",
    "find_topics",
    "load_lexicon",
    "read_goal",
    "read_plan",
    "read_sentence",
    "reader_for",
    "sentences",
    "strip_mention",
    "welsh_forms",
    "words_of",
]
