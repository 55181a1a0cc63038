"""How long each catalogue field may be: refused above this at import, shortened to it on a card.

With every field at its maximum a course card shows about 3,900 characters, under Telegram's
4,096 (`tests/catalog/test_card_limits.py` checks it); lengths are in characters, and the card
shortens again counting as Telegram does (an emoji is two), so a card always fits one message.
"""

from __future__ import annotations

TITLE = 150
PROVIDER_NAME = 120
PROVIDER_COUNTRY = 60
SUMMARY = 600
OUTCOMES = 8  # learning outcomes per course
OUTCOME = 120  # characters of one learning outcome
SKILLS = 12  # skills per course
SKILL = 50
LANGUAGE = 40
ASSESSMENT = 200
CERTIFICATE = 150
QUALITY_ASSURANCE = 200
PREREQUISITES = 200
STACKS_INTO = 200
URL = 500  # a link's address (not shown, but sent)
MODULE_TITLE = 200
