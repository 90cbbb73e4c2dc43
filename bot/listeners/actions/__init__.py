"""Buttons: "Another question", "Share in channel", the weekly prompt's "Another angle", the goal buttons
("That's not our goal", "We have a goal"), a goal follow-up's results, the deck's controls, the workspace's language, and the erasure
confirmations."""

from __future__ import annotations

import re

from slack_bolt import App

from bot.coach import followup, privacy, replies
from bot.coach.home import DECK_MENU, DECK_RESTORE, DECK_SHOW, WORKSPACE_LANGUAGE
from bot.listeners.actions.another_angle import another_angle_listener
from bot.listeners.actions.another_question import another_question_listener
from bot.listeners.actions.deck_buttons import deck_restore_listener, deck_show_listener
from bot.listeners.actions.deck_menu import deck_menu_listener
from bot.listeners.actions.erase import cancel_listener, forget_channel_listener, forget_me_listener
from bot.listeners.actions.goal_result import followup_result_listener
from bot.listeners.actions.not_our_goal import not_our_goal_listener
from bot.listeners.actions.share import share_listener
from bot.listeners.actions.we_have_a_goal import we_have_a_goal_listener
from bot.listeners.actions.workspace_language import workspace_language_listener
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.action(replies.ANOTHER)(another_question_listener(services))
    app.action(replies.ANOTHER_ANGLE)(another_angle_listener(services))
    app.action(replies.SHARE)(share_listener(services))
    app.action(replies.NOT_OUR_GOAL)(not_our_goal_listener(services))
    app.action(replies.WE_HAVE_A_GOAL)(we_have_a_goal_listener(services))
    app.action(privacy.FORGET_CHANNEL)(forget_channel_listener(services))
    app.action(privacy.FORGET_ME)(forget_me_listener(services))
    app.action(privacy.CANCEL)(cancel_listener(services))
    app.action(DECK_MENU)(deck_menu_listener(services))
    app.action(DECK_SHOW)(deck_show_listener(services))
    app.action(DECK_RESTORE)(deck_restore_listener(services))
    app.action(re.compile(f"^{WORKSPACE_LANGUAGE}_"))(workspace_language_listener(services))
    app.action(re.compile(f"^{followup.ACTION_PREFIX}"))(followup_result_listener(services))
