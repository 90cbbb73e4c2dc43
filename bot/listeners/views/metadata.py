"""What a modal carries in its `private_metadata`, read back on submission.

A view_submission carries no channel or thread, so each form sends where its answer goes, and in which
languages, through Slack and back as JSON. Read here once for every form, so that a form Slack returns
without it (or with something else) is answered in English rather than not at all.
"""

from __future__ import annotations

import json

from bot.coach.language import LANGUAGES


def metadata_of(view: dict) -> dict:
    """The modal's metadata as a mapping (empty when it carries none, or none that is JSON)."""
    try:
        metadata = json.loads((view or {}).get("private_metadata") or "{}")
    except ValueError:
        return {}
    return metadata if isinstance(metadata, dict) else {}


def languages_of(metadata: dict) -> tuple[str, ...]:
    """The languages the answer is in, as the modal carries them (English when it carries none it knows)."""
    said = metadata.get("langs")
    langs = tuple(lang for lang in said if lang in LANGUAGES) if isinstance(said, list) else ()
    return langs or ("en",)
