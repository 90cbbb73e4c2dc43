"""Which language the coach answers in, and filling its Welsh and English lines with the thread's words.

A Welsh public body must not treat Welsh less favourably than English, and where both appear the
Welsh comes first. A channel chooses `cy`, `en`, `both` or `auto` (`/paradox language`); `auto` answers
in the language of the mention, or of the thread when the mention is too short to tell. The words that
tell the languages apart are content, in `prompts/language.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.coach.reader.forms import MUTATIONS, mutated
from bot.yamlfile import Checker, ConfigError, line_of, load

LANGUAGES = ("cy", "en")  # Welsh first, wherever both are shown
SETTINGS = ("auto", "cy", "en", "both")
DEFAULT = "auto"

# What people type after `/paradox language` (or `iaith`), in either language.
SETTING_WORDS = {
    "auto": "auto",
    "awtomatig": "auto",
    "automatic": "auto",
    "cy": "cy",
    "cymraeg": "cy",
    "welsh": "cy",
    "en": "en",
    "saesneg": "en",
    "english": "en",
    "both": "both",
    "dwyieithog": "both",
    "bilingual": "both",
    "y ddwy": "both",
}

# Slack markup, links and :emoji: say nothing about the language around them.
_MARKUP = re.compile(r"<[^<>]*>|https?://\S+|:[a-z0-9_+'-]+:")
_WORD = re.compile(r"[a-zâêîôûŵŷáéíóúàèìòùäëïöü’']+", re.I)


def _words(text: str) -> list[str]:
    """The text's words in lower case, with one kind of apostrophe and none around them."""
    return [w.replace("’", "'").strip("'").lower() for w in _WORD.findall(_MARKUP.sub(" ", text))]


@dataclass(frozen=True)
class Telling:
    """The words that tell Welsh from English (`prompts/language.yml`)."""

    welsh: frozenset[str]
    english: frozenset[str]
    welsh_alone: frozenset[str] = frozenset()
    english_alone: frozenset[str] = frozenset()
    least: int = 2
    welsh_share: float = 0.4

    def counts(self, text: str) -> tuple[int, int]:
        """How many of the text's words are Welsh ones, and how many English."""
        words = _words(text)
        return sum(w in self.welsh for w in words), sum(w in self.english for w in words)

    def detect(self, text: str) -> str | None:
        """ "cy" or "en", or None when the text has too few telling words to say."""
        cy, en = self.counts(text)
        return self._verdict(cy, en) if cy + en >= self.least else self.alone(text)

    def _verdict(self, cy: int, en: int) -> str:
        return "cy" if cy / (cy + en) >= self.welsh_share else "en"

    def alone(self, text: str) -> str | None:
        """The language of a greeting or thanks that says it in a word ("diolch!", "shwmae", "thanks")."""
        words = set(_words(text))
        cy, en = bool(words & self.welsh_alone), bool(words & self.english_alone)
        return "cy" if cy and not en else "en" if en and not cy else None

    def of_thread(self, mention: str, thread: list[str]) -> str | None:
        """The mention's language; when it is too short to tell, the thread's, with the mention's words
        counted as heavily as a message of their own (a "werth o?" under an English list is Welsh)."""
        cy, en = self.counts(mention)
        if cy + en >= self.least:
            return self._verdict(cy, en)
        others = [t for t in thread if t != mention]
        tcy, ten = self.counts(" ".join(others)) if others else (0, 0)
        if tcy + ten + cy + en < self.least:
            return self.alone(mention) or self.alone(" ".join(others))
        weight = max(1, (tcy + ten) // max(len(others), 1))
        return self._verdict(tcy + weight * cy, ten + weight * en)


def reply_languages(setting: str, found: str | None) -> tuple[str, ...]:
    """The languages a reply is written in, Welsh first: the setting, or for `auto` what was found."""
    if setting == "both":
        return LANGUAGES
    if setting in LANGUAGES:
        return (setting,)
    return (found or "en",)


def person_languages(found: str | None, fallback: str) -> tuple[str, ...]:
    """A private reply follows the person: their words' language, else the channel's."""
    return (found,) if found else reply_languages(fallback, None)


def load_telling(prompts_dir: str | Path) -> Telling:
    path = Path(prompts_dir) / "language.yml"
    data = load(path)
    check = Checker(path)
    if not isinstance(data, dict):
        raise ConfigError(path, line_of(data), "the file must be a mapping with 'words' and 'alone'")
    lists = {}
    for section in ("words", "alone"):
        node = check.mapping(data.get(section), f"'{section}'", data, section)
        for lang in ("cy", "en"):
            words = check.texts(node, lang, f"'{section}'")
            for i, word in enumerate(words):
                if " " in word or word != word.lower():
                    raise check.fail(
                        node[lang], i, f"'{word}' in '{section}: {lang}' must be one lower-case word"
                    )
            lists[section, lang] = frozenset(w.replace("’", "'") for w in words)
        both = sorted(lists[section, "cy"] & lists[section, "en"])
        if both:
            raise check.fail(node, "en", f"'{both[0]}' is listed in '{section}' as both Welsh and English")
    share = check.number(data, "welsh_share", "the file", 0.4)
    if not 0 < share < 1:
        raise check.fail(data, "welsh_share", "'welsh_share' must be between 0 and 1")
    least = int(check.number(data, "least", "the file", 2, minimum=1))
    return Telling(
        lists["words", "cy"], lists["words", "en"], lists["alone", "cy"], lists["alone", "en"], least, share
    )


class Value(str):
    """A slot's value (already escaped) that a Welsh line can ask to mutate: `{channel:soft}`."""

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        if spec not in MUTATIONS:
            raise ValueError(f"unknown mutation ':{spec}'; use one of {', '.join(MUTATIONS)}")
        return mutated(str(self), spec)


def fill(template: str, values: dict[str, str]) -> str:
    """The line with its slots filled; `{name:soft}` (nasal, aspirate) mutates the value in Welsh."""
    return template.format(**{k: Value(v) for k, v in values.items()})
