"""Flood control: one "slow down" per burst, silence while cooling down, others unaffected."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from bot.clock import ManualClock
from bot.flood import FloodGuard, Verdict
from tests.conftest import OTHER_USER, TOKEN, USER, BotHarness


def test_guard_allows_then_warns_once_then_drops_until_cooled_down() -> None:
    guard = FloodGuard(max_updates=3, window=10, cooldown=30)
    verdicts = [guard.check(1, t) for t in (0, 1, 2, 3, 4, 5)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.WARN, Verdict.DROP, Verdict.DROP]
    assert guard.check(2, 5) is Verdict.ALLOW  # someone else is not affected
    assert guard.check(1, 40) is Verdict.ALLOW  # cooled down


def test_slow_and_steady_is_never_limited() -> None:
    guard = FloodGuard(max_updates=3, window=10, cooldown=30)
    assert all(guard.check(1, t * 4.0) is Verdict.ALLOW for t in range(50))


async def test_a_flooding_learner_gets_one_slow_down_and_others_are_served(
    make_settings: Any, fake_api: Any
) -> None:
    api, server = fake_api
    settings = make_settings(
        telegram_bot_token=TOKEN, telegram_api_base_url=server.base_url, flood_max_updates=5
    )
    harness = BotHarness(settings, api, ManualClock(datetime(2026, 3, 2, 9, tzinfo=UTC), frozen=True))
    await harness.start()
    try:
        last = [api.send_text(USER, f"/help {n}") for n in range(12)][-1]
        other = await harness.say("/help", user_id=OTHER_USER)
        assert other, "another learner must still be answered"
        await api.wait_until(lambda: api.confirmed_offset > last["update_id"])
        await asyncio.sleep(0.5)
        texts = [str(c.params.get("text")) for c in api.sent("sendMessage", USER)]
        assert sum("lot of messages" in t for t in texts) == 1
        assert len(texts) == 6  # five answers, one "slow down", then silence
    finally:
        await harness.stop()
