"""The unit layer: the coaching core and the weekly schedule as plain Python, no Slack, no database."""

from __future__ import annotations

import pytest

from bot.coach.deck import Deck, load_deck
from tests.helpers import ROOT


@pytest.fixture(scope="session")
def deck() -> Deck:
    return load_deck(ROOT / "prompts")
