"""Nothing personal in groups, and admin commands indistinguishable from unknown ones.

/mydata, /progress, /reminders, /stopstudying, /forget, /timezone and /quiet addressed to the bot
in a group get only a pointer to the private chat (a deep link); a /forget confirmation does
something only for its owner,
in their private chat; /stats and /reload get exactly what /nosuch gets, in every chat type.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ADMIN, OTHER_USER, USER, BotHarness, buttons, text_of
from tests.e2e.test_privacy_e2e import rows_about
from tests.e2e.test_study_e2e import enrol

GROUP_ID = -100777
GROUP: dict[str, Any] = {"id": GROUP_ID, "type": "supergroup", "title": "Study group"}


async def in_group(harness: BotHarness, text: str, user_id: int = USER) -> list[Any]:
    """What the bot sent anywhere after `user_id` said `text` in the group."""
    start = len(harness.api.calls)
    raw = harness.api.send_text(user_id, text, chat=GROUP)
    await harness.deliver(raw, GROUP_ID)
    return [c for c in harness.api.calls[start:] if c.ok and c.method not in ("getUpdates",)]


@pytest.mark.parametrize(
    "command", ["mydata", "progress", "reminders", "forget", "stopstudying", "timezone", "quiet"]
)
async def test_personal_commands_in_a_group_point_to_the_private_chat(
    harness: BotHarness, command: str
) -> None:
    await enrol(harness)
    calls = await in_group(harness, f"/{command}@{harness.api.bot_username}")
    assert [c.method for c in calls] == ["sendMessage"], [(c.method, c.params) for c in calls]
    [reply] = calls
    assert int(reply.params["chat_id"]) == GROUP_ID
    assert "Let's talk about that in private" in reply.params["text"]
    [(label, link)] = buttons(reply)
    assert link == f"https://t.me/{harness.api.bot_username}?start={command}"
    personal = ("Study plans", "Europe/Berlin", "Python", "Yes, delete", str(USER), "Learner")
    assert not any(p in str(reply.params) for p in personal)
    assert await rows_about(harness, USER) > 3  # /forget in the group deleted nothing


async def test_the_study_plan_menu_button_in_a_group_shows_no_progress(harness: BotHarness) -> None:
    await enrol(harness)
    start_calls = await in_group(harness, f"/start@{harness.api.bot_username}")
    welcome = harness.message_of(start_calls[0])
    plan = next(d for _, d in buttons(start_calls[0]) if d.endswith(":plan"))
    replies = await harness.press(welcome, plan)
    assert "in private" in text_of(replies) and "Python" not in text_of(replies)


async def test_forget_confirmation_works_only_for_its_owner_in_private(harness: BotHarness) -> None:
    await enrol(harness)
    await enrol(harness, OTHER_USER)
    confirm = (await harness.say("/forget"))[0]
    yes = next(d for label, d in buttons(confirm) if label.startswith("Yes"))
    mine = harness.message_of(confirm)
    # Someone else pressing it (a forged update: they cannot see the chat) deletes nothing.
    await harness.press(mine, yes, user_id=OTHER_USER)
    # A confirmation left in a group (as older versions posted) deletes nothing for anyone.
    old = {**mine, "chat": GROUP, "message_id": 9_999}
    harness.api.messages[(GROUP_ID, 9_999)] = old
    await harness.press(old, yes, user_id=OTHER_USER)
    await harness.press(old, yes, user_id=USER)
    answers = [c.params.get("text", "") for c in harness.api.sent("answerCallbackQuery")]
    assert sum("private chat" in a for a in answers) == 3
    assert await rows_about(harness, USER) > 3 and await rows_about(harness, OTHER_USER) > 3
    done = await harness.press(mine, yes)  # its owner, in private: deleted
    assert "deleted" in text_of(done)
    assert await rows_about(harness, USER) == 0 and await rows_about(harness, OTHER_USER) > 3


@pytest.mark.parametrize("user_id", [USER, ADMIN])
async def test_admin_commands_in_a_group_are_as_silent_as_unknown_ones(
    harness: BotHarness, user_id: int
) -> None:
    bot = harness.api.bot_username
    unknown = await in_group(harness, f"/nosuch@{bot}", user_id)
    assert unknown == []
    for command in ("stats", "reload"):
        assert await in_group(harness, f"/{command}@{bot}", user_id) == unknown, command


async def test_admin_commands_in_private_match_unknown_ones_for_everyone_else(harness: BotHarness) -> None:
    unknown = text_of(await harness.say("/nosuch"))
    for command in ("/stats", "/reload", "/stats@" + harness.api.bot_username):
        replies = await harness.say(command)
        assert text_of(replies) == unknown and all(not buttons(r) for r in replies)
    admin = text_of(await harness.deliver(harness.api.send_text(ADMIN, "/stats"), ADMIN))
    assert admin != unknown



async def replying_in_group(harness: BotHarness, text: str, user_id: int = USER) -> list[Any]:
    """What the bot sent anywhere after `user_id` replied `text` to one of its messages in the
    group (free text in a group is read only as a reply to the bot)."""
    await in_group(harness, f"/help@{harness.api.bot_username}", user_id)  # a message of the bot's
    bot_message = harness.api.messages[(GROUP_ID, max(m for c, m in harness.api.messages if c == GROUP_ID))]
    start = len(harness.api.calls)
    raw = harness.api.send_text(user_id, text, chat=GROUP)
    raw["message"]["reply_to_message"] = bot_message  # (before the bot's next poll picks it up)
    await harness.deliver(raw, GROUP_ID)
    return [c for c in harness.api.calls[start:] if c.ok and c.method not in ("getUpdates",)]


async def test_free_text_in_a_group_tells_nobody_whether_a_learner_has_a_plan(harness: BotHarness) -> None:
    """Round 18: the care reply differs with and without a study plan, and "can i study on
    weekends instead" changes a plan; in a group, neither may show whether someone has one."""
    worried = "i feel so overwhelmed i want to give up on everything"
    other = text_of(await replying_in_group(harness, worried, OTHER_USER))
    await enrol(harness)
    mine = text_of(await replying_in_group(harness, worried))
    assert "support" in mine and mine == other
    changed = text_of(await replying_in_group(harness, "can i study on weekends instead"))
    assert "is now at" not in changed and "Sat/Sun" not in changed
