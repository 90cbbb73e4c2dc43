"""The coach's fixed words (buttons, headings, help, confirmations, errors) in one language, from `prompts/`.

They are content, not code: an editor sees the Welsh beside the English, and `python -m bot check`
fails with the line when one is missing or the two name different {slots}.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.coach.language import fill
from bot.yamlfile import Checker, ConfigError, line_of, load

# Every entry the code says, so that a file missing one fails at start-up, not mid-reply.
REQUIRED = (
    "oasis.objectives", "oasis.audience", "oasis.strategy", "oasis.implementation", "oasis.scoring",
    "where.thread", "where.channel",
    "buttons.another", "buttons.another_label", "buttons.share", "buttons.share_label",
    "buttons.not_our_goal", "buttons.not_our_goal_label", "buttons.we_have_a_goal",
    "buttons.we_have_a_goal_label", "buttons.confirm_title", "buttons.confirm_yes", "buttons.confirm_no",
    "paradox.named", "paradox.shared_by", "paradox.shared", "paradox.shared_text", "paradox.no_match",
    "list.header", "list.text", "list.footer",
    "nudge.this", "nudge.known", "nudge.and", "nudge.deadline", "nudge.budget", "nudge.howto_thread", "nudge.howto_channel",
    "choice.or", "choice.groups", "choice.test_both", "choice.test_each",
    "small_talk.footer",
    "goal.none_text", "goal.none", "goal.set_by", "goal.on_record_text", "goal.on_record", "goal.smart",
    "goal.smart_line", "goal.recorded_channel", "goal.recorded", "goal.recorded_from", "goal.recorded_for",
    "goal.nothing_to_forget", "goal.forgotten", "goal.noted_by", "goal.noted", "goal.noted_text",
    "angle.from", "angle.plain",
    "errors.try", "errors.try_text", "errors.gone", "errors.sorry", "errors.unknown_word",
    "language.set.auto", "language.set.cy", "language.set.en", "language.set.both",
    "language.shown.auto", "language.shown.cy", "language.shown.en", "language.shown.both",
    "language.change", "language.unknown",
    "help.header", "help.intro", "help.text",
)  # fmt: skip


@dataclass(frozen=True)
class Words:
    lang: str
    texts: dict[str, str]
    help_forms: tuple[tuple[str, str], ...]  # (what to type, what it does)

    def say(self, key: str, **values: object) -> str:
        """The entry, with its slots filled from `values` (already escaped where they are user text)."""
        return fill(self.texts[key], {k: str(v) for k, v in values.items()})

    def oasis(self, step: str) -> str:
        return self.texts.get(f"oasis.{step}", step)


# The files of fixed words, by surface: the coach's replies (with the help), the App Home and scorecard,
# the weekly prompts and digests, and the forms and privacy replies. Their sections make one namespace.
WORD_FILES = ("messages.yml", "home.yml", "schedule.yml", "forms.yml", "followups.yml")


def load_words(prompts_dir: str | Path, lang: str = "en") -> Words:
    texts: dict[str, str] = {}
    forms: list[tuple[str, str]] = []
    where: dict[str, str] = {}  # section -> the file it is in
    for name in WORD_FILES:
        path = Path(prompts_dir) / name
        data = load(path)
        check = Checker(path, lang)
        if not isinstance(data, dict):
            raise ConfigError(path, line_of(data), "the file must be a mapping of sections")
        for section in data:
            if section in where:
                raise check.fail(data, section, f"the section '{section}' is also in {where[section]}")
            where[section] = name
        _walk(check, data, "", texts)
        if name == "messages.yml":
            forms = _help_forms(check, data)
    for key in REQUIRED:
        if key not in texts:
            raise ConfigError(Path(prompts_dir) / "messages.yml", None, f"the entry '{key}' is missing")
    return Words(lang, texts, tuple(forms))


def _walk(check: Checker, node: dict, prefix: str, texts: dict[str, str]) -> None:
    for key, value in node.items():
        name = f"{prefix}{key}"
        if name == "help.forms":
            continue
        # a group of entries, unless its keys are the languages ("language.set" has cy and en entries)
        if isinstance(value, dict) and not set(value) <= {"en", "cy"}:
            _walk(check, value, name + ".", texts)
        else:
            texts[name] = check.said(value, node, key, f"'{name}'")


def _help_forms(check: Checker, data: dict) -> list[tuple[str, str]]:
    help_node = check.mapping(data.get("help"), "'help'", data, "help")
    items = help_node.get("forms")
    if not isinstance(items, list) or not items:
        raise check.fail(help_node, "forms" if "forms" in help_node else None, "'help' needs a list 'forms'")
    forms = []
    for i, item in enumerate(items):
        item = check.mapping(item, f"form {i + 1} of 'help'", items, i)
        form = check.say(item, "form", f"form {i + 1} of 'help'", same_in_both=True)
        forms.append((form, check.say(item, "what", f"form {i + 1} of 'help'")))
    return forms


def load_glossary(prompts_dir: str | Path) -> dict[str, str]:
    """`prompts/glossary.yml`: the one Welsh term for each comms term (for editors; checked, not said)."""
    path = Path(prompts_dir) / "glossary.yml"
    data = load(path)
    check = Checker(path)
    if not isinstance(data, dict):
        raise ConfigError(path, line_of(data), "the file must be a mapping with 'terms'")
    terms = check.mapping(data.get("terms"), "'terms'", data, "terms")
    for term, welsh in terms.items():
        if not isinstance(welsh, str) or not welsh.strip():
            raise check.fail(terms, term, f"the Welsh for '{term}' must be text")
    return dict(terms)
