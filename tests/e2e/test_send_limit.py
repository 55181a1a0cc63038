"""One send limit for everything the bot sends: 60 learners writing within one second get
their replies, and Telegram (the fake Bot API, answering 429 as Telegram would) never sees
more than 30 messages in any second, by the times it received them."""

from __future__ import annotations

from handlers.limits import BotRateLimiter
from handlers.reminders import dispatcher
from tests.conftest import BotHarness
from tests.fakes.bot_api import Call

LEARNERS = range(700_001, 700_061)  # 60 learners, each in their own private chat
PER_SECOND = 30


def most_in_one_second(calls: list[Call]) -> int:
    """The most messages received in any sliding one-second window (attempts, refused ones too)."""
    times = sorted(call.at for call in calls)
    return max(sum(1 for t in times[i:] if t - start < 1.0) for i, start in enumerate(times))


async def test_sixty_learners_writing_at_once_never_push_past_thirty_messages_a_second(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.enforce_limits = True  # 429 like Telegram: over 30 a second, a second one in a chat within 1 s
    updates = [api.send_text(user, "/help")["update_id"] for user in LEARNERS]
    await api.wait_until(lambda: set(updates) <= harness.processed, seconds=60)
    sends = [c for c in api.calls if c.method == "sendMessage" and int(c.params["chat_id"]) in LEARNERS]
    answered = {int(c.params["chat_id"]) for c in sends if c.ok}
    assert answered == set(LEARNERS), f"{len(LEARNERS) - len(answered)} learner(s) got no reply"
    assert most_in_one_second(sends) <= PER_SECOND
    assert api.too_many_requests == 0, "Telegram answered 429: the bot went over its limits"


async def test_replies_and_reminders_take_their_slots_from_one_limiter(harness: BotHarness) -> None:
    assert harness.app is not None
    requests = harness.app.bot.rate_limiter
    assert isinstance(requests, BotRateLimiter)
    assert requests.limiter is harness.app.bot_data.send_limiter is dispatcher(harness.app).limiter
