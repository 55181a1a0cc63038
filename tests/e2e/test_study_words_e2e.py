"""Plain language in the plan conversation, end to end: typed days, times, lengths, dates, places;
an unreadable answer repeats the question with its buttons."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.learners import get_learner
from bot.storage.models import Plan
from bot.study.replies import PlanMove
from tests.conftest import USER, BotHarness, buttons, text_of
from tests.e2e.test_study_e2e import core
from tests.fakes.bot_api import Call


async def start(harness: BotHarness) -> Call:
    """A Python course found, its card opened and "Start studying" pressed: the days question."""
    results = (await harness.say("/search python for beginners"))[0]
    course = next(d for _, d in buttons(results) if d.startswith("c:"))
    card = (await harness.press(harness.message_of(results), course))[0]
    begin = next(d for _, d in buttons(card) if d.startswith("p:new:"))
    [days] = await harness.press(harness.message_of(card), begin)
    assert "Which days" in text_of([days])
    return days


async def test_a_plan_made_entirely_in_words(harness: BotHarness) -> None:
    await start(harness)
    [unreadable] = await harness.say("someday soon")
    assert "couldn't read that as study days" in text_of([unreadable])
    assert "Mon" in [label for label, _ in buttons(unreadable)]  # the day buttons again
    [time_question] = await harness.say("Tue and Thu")
    assert "At what time" in text_of([time_question])
    [which] = await harness.say("half 7")
    assert "Did you mean 07:30 or 19:30?" in text_of([which])
    assert "07:30 is inside your quiet hours" in text_of([which])
    labels = dict(buttons(which))
    assert "19:30" in labels and "07:30" not in labels  # no plain button inside quiet hours
    [session] = await harness.press(harness.message_of(which), labels["19:30"])
    assert "How long" in text_of([session])
    [bad_length] = await harness.say("all day long")
    assert "couldn't read that as a session length" in text_of([bad_length])
    assert "1 hour" in [label for label, _ in buttons(bad_length)]
    [target] = await harness.say("45 min")
    assert "date to finish by" in text_of([target])
    [bad_date] = await harness.say("whenever I feel like it, maybe")
    assert "couldn't read that as a date" in text_of([bad_date])
    assert [label for label, _ in buttons(bad_date)] == ["No target date"]
    [zone] = await harness.say("end of March")
    assert "time zone" in text_of([zone])
    [which_zone] = await harness.say("IST")
    assert "Which one?" in text_of([which_zone])
    india = dict(buttons(which_zone))["India"]
    [obstacle] = await harness.press(harness.message_of(which_zone), india)
    assert "after your target of Tue 31 Mar 2026" in text_of([obstacle])  # "end of March"
    async with core(harness).db.session() as session_:
        assert (await session_.exec(select(Plan))).all() == []
    learner = await get_learner(core(harness).db, USER)
    assert learner is not None and learner.timezone == "Asia/Kolkata"


async def test_days_a_week_suggests_days_and_done_accepts_them(harness: BotHarness) -> None:
    await start(harness)
    [suggested] = await harness.say("3 days a week")
    assert "Which 3 days?" in text_of([suggested]) and "Mon/Wed/Fri" in text_of([suggested])
    ticked = [label for label, _ in buttons(suggested) if label.startswith("✅")]
    assert ticked == ["✅ Mon", "✅ Wed", "✅ Fri"]
    [time_question] = await harness.press(harness.message_of(suggested), "p:d:ok")
    assert "At what time" in text_of([time_question])
    [session] = await harness.say("7pm")
    [target] = await harness.press(harness.message_of(session), "p:s:60")
    [zone] = await harness.say("in 6 weeks")
    [obstacle] = await harness.say("Delhi")
    assert "after your target of Mon 13 Apr 2026" in text_of([obstacle])  # six weeks on
    learner = await get_learner(core(harness).db, USER)
    assert learner is not None and learner.timezone == "Asia/Kolkata"
    assert target and zone


async def test_timezone_command_understands_cities_and_asks_about_abbreviations(harness: BotHarness) -> None:
    await harness.say("/start")
    assert "Asia/Kolkata" in text_of(await harness.say("/timezone Bangalore"))
    assert "America/New_York" in text_of(await harness.say("/timezone EST"))
    asked = text_of(await harness.say("/timezone IST"))
    assert "/timezone Asia/Kolkata" in asked and "/timezone Europe/Dublin" in asked
    learner = await get_learner(core(harness).db, USER)
    assert learner is not None and learner.timezone == "America/New_York"
    assert "22:00–07:00" in text_of(await harness.say("/quiet 10pm to 7am"))
    assert date(2026, 3, 2)  # the harness clock's day; nothing here depends on it


async def test_counts_agree_with_their_nouns(harness: BotHarness) -> None:
    from tests.e2e.test_study_e2e import enrol

    assert "nothing to cancel" in text_of(await harness.say("/cancel"))
    await enrol(harness)
    paused = text_of(await harness.say("/pause"))
    assert "Paused 1 plan." in paused and "(s)" not in paused
    resumed = text_of(await harness.say("/resume"))
    assert "Resumed 1 plan." in resumed and "(s)" not in resumed
    async with core(harness).db.session() as session_:
        [plan] = (await session_.exec(select(Plan))).all()
    message = {"message_id": 1, "chat": {"id": USER, "type": "private"}, "date": 0}
    harness.api.messages[(USER, 1)] = message
    await harness.press(message, f"p:done:{plan.id}:1")
    mydata = text_of(await harness.say("/mydata"))
    assert "progress on 1 module)" in mydata
    assert "/cancel" in text_of(await harness.say("/help"))


async def test_bare_timezone_and_quiet_take_the_next_message_as_the_answer(harness: BotHarness) -> None:
    await harness.say("/start")
    assert "type your city" in text_of(await harness.say("/timezone"))
    assert "Asia/Tokyo" in text_of(await harness.say("tokyo"))  # not a course search for "tokyo"
    learner = await get_learner(core(harness).db, USER)
    assert learner is not None and learner.timezone == "Asia/Tokyo"
    assert "type e.g." in text_of(await harness.say("/quiet"))
    assert "23:00–06:00" in text_of(await harness.say("11pm to 6am"))
    learner = await get_learner(core(harness).db, USER)
    assert learner is not None and (learner.quiet_start_minute, learner.quiet_end_minute) == (23 * 60, 6 * 60)
    await harness.say("/timezone")
    answered = text_of(await harness.say("what is a microcredential"))  # changed their mind
    assert "small, certified qualification" in answered  # understood as usual
    await harness.say("london")  # asked once only: no longer read as a zone
    learner = await get_learner(core(harness).db, USER)
    assert learner is not None and learner.timezone == "Asia/Tokyo"


async def test_a_pace_said_when_asking_to_start_fills_in_days_and_session(harness: BotHarness) -> None:
    """ "i wanna start this, 30 min a day after class" after a card: the course is one tap away,
    and the plan questions come with every day ticked and 30-minute sessions offered first."""
    results = (await harness.say("/search python for beginners"))[0]
    course = next(d for _, d in buttons(results) if d.startswith("c:"))
    await harness.press(harness.message_of(results), course)
    [choose] = await harness.say("i wanna start this, 30 min a day after class")
    assert "the pace you said: <b>30 min a day</b>" in text_of([choose])
    start = next(d for _, d in buttons(choose) if d.startswith("p:new:"))
    [days] = await harness.press(harness.message_of(choose), start)
    assert "You said <b>30 min a day</b>, so every day is ticked" in text_of([days])
    assert [label for label, _ in buttons(days) if label.startswith("✅")] == [
        "✅ Mon", "✅ Tue", "✅ Wed", "✅ Thu", "✅ Fri", "✅ Sat", "✅ Sun",
    ]  # fmt: skip
    message = harness.message_of(days)
    await harness.press(message, "p:d:5")  # Saturday off
    assert "At what time" in text_of(await harness.press(message, "p:d:ok"))
    [session] = await harness.say("19:00")
    assert buttons(session)[0] == ("✅ 30 min", "p:s:30")
    [target] = await harness.press(harness.message_of(session), "p:s:30")
    zone = (await harness.press(harness.message_of(target), "p:g:none"))[0]
    await harness.say("Berlin")
    assert zone
    await harness.say("tired after work")
    assert "Your plan for" in text_of(await harness.say("If I'm tired, I'll study 10 minutes"))
    async with core(harness).db.session() as session_:
        [plan] = (await session_.exec(select(Plan))).all()
    assert plan.session_minutes == 30 and plan.study_days == "0,1,2,3,4,6"


async def test_a_weekly_pace_is_shared_out_over_the_days_picked(harness: BotHarness) -> None:
    [choose] = await harness.say("/study")
    assert "pace" not in text_of([choose])  # nothing said, nothing assumed
    await harness.say("i want to study this one, 3 hrs a week")
    await start(harness)
    [time_question] = await harness.say("Tue and Thu")
    assert "At what time" in text_of([time_question])
    [session] = await harness.say("7pm")
    assert "You said <b>3 h a week</b>: on 2 days that's 1.5 h a session" in text_of([session])
    assert buttons(session)[0] == ("✅ 1½ hours", "p:s:90")


async def test_a_pause_for_a_while_says_when_the_reminders_come_back(harness: BotHarness) -> None:
    """ "pause for a week" paused until /resume, the week said unread, until round 17."""
    from tests.e2e.test_study_e2e import enrol

    await enrol(harness)
    paused = text_of(await harness.say("can you pause everything for a week pls"))
    assert "Paused 1 plan until <b>" in paused and "by themselves" in paused
    progress = text_of(await harness.say("/progress"))
    assert "⏸ Paused: reminders start again" in progress
    assert "(the pause ends)" in text_of(await harness.say("/reminders"))
    resumed = text_of(await harness.say("/resume"))
    assert "Resumed 1 plan." in resumed
    assert "the pause ends" not in text_of(await harness.say("/reminders"))


async def test_keep_typed_at_the_time_zone_question_keeps_it(harness: BotHarness) -> None:
    """The question says "or keep Europe/London"; typing "keep" was refused until round 17."""
    await start(harness)
    await harness.say("Tue and Thu")
    await harness.say("7pm")
    await harness.say("45 min")
    [zone] = await harness.say("no deadline")
    assert "Which time zone" in text_of([zone])
    [next_question] = await harness.say("keep")
    assert "couldn't read" not in text_of([next_question])
    assert "get in the way" in text_of([next_question])



async def test_a_new_time_or_a_finished_module_typed_in_words_is_done(harness: BotHarness) -> None:
    """Round 17: "move my reminders to 8pm" only listed the reminders, and "i finished module 1"
    only showed the progress."""
    from tests.e2e.test_study_e2e import enrol

    await enrol(harness)
    moved = text_of(await harness.say("move my reminders to 8pm"))
    assert "is now at 20:00" in moved and "Next reminder" in moved
    assert "20:00" in text_of(await harness.say("/reminders"))
    quiet = text_of(await harness.say("can i get my reminder at 11pm"))
    assert "inside your quiet hours" in quiet
    days = text_of(await harness.say("remind me on mondays and thursdays instead"))
    assert "Mon/Thu" in days and "is now at 20:00" in days
    finished = text_of(await harness.say("i finished module 1"))
    assert "✓ Module 1 of" in finished and "1/" in finished
    assert "1/" in text_of(await harness.say("/progress"))


async def test_a_time_that_could_be_morning_or_evening_is_asked_then_moved(harness: BotHarness) -> None:
    """Round 18: "move it to 7" (no am or pm) searched for courses; now the bot asks which 7
    and one tap moves the study time there."""
    from tests.e2e.test_study_e2e import enrol

    await enrol(harness)
    [which] = await harness.say("move it to 7")
    assert "Which do you mean: 07:00 or 19:00?" in text_of([which])
    labels = dict(buttons(which))
    evening = next(data for label, data in labels.items() if "19:00" in label)
    replies = await harness.press(harness.message_of(which), evening)
    moved = text_of(replies)
    assert "is now at 19:00" in moved and "Next reminder" in moved
    assert "19:00" in text_of(await harness.say("/reminders"))
    async with core(harness).db.session() as session_:
        [plan] = (await session_.exec(select(Plan))).all()
    assert plan.study_minute == 19 * 60


async def test_a_change_asked_as_a_question_is_offered_and_made_with_one_tap(harness: BotHarness) -> None:
    """Round 18: "can i study on weekends instead" with a plan going got the FAQ's answer about
    studying while working. Round 18 changed the plan at once; a question is not an order, so
    since round 19 it offers the change, made only when tapped ("Keep it as it is" changes
    nothing). Without a plan it stays a question."""
    from tests.e2e.test_study_e2e import enrol

    before = text_of(await harness.say("can i study on weekends instead"))
    assert "is now at" not in before and "Shall I move" not in before  # no plan: a question
    await enrol(harness)
    async with core(harness).db.session() as session_:
        [plan] = (await session_.exec(select(Plan))).all()
    days_before = plan.study_days
    offered = await harness.say("can i study on weekends instead")
    assert "Shall I move" in text_of(offered) and "Sat/Sun" in text_of(offered), text_of(offered)
    [(yes, _), (keep, keep_data)] = buttons(offered[-1])
    assert (yes, keep) == ("✅ Yes, move it", "Keep it as it is")
    kept = await harness.press(harness.message_of(offered[-1]), keep_data)
    assert "Kept as it is" in text_of(kept)
    async with core(harness).db.session() as session_:
        [plan] = (await session_.exec(select(Plan))).all()
    assert plan.study_days == days_before != "5,6"  # nothing moved on the question alone
    offered = await harness.say("can i study on weekends instead")
    offer = harness.message_of(offered[-1])
    moved = text_of(await harness.press(offer, buttons(offered[-1])[0][1]))
    assert "Sat/Sun" in moved and "Next reminder" in moved, moved
    async with core(harness).db.session() as session_:
        [plan] = (await session_.exec(select(Plan))).all()
    assert plan.study_days == "5,6"
    # the same button for a plan that is not this learner's (or forged) moves nothing
    foreign = PlanMove.to((plan.id or 0) + 1, (0,), 9 * 60).pack()
    refused = await harness.press(offer, foreign)
    assert "isn't available" in str(harness.api.calls[-1].params), refused
    async with core(harness).db.session() as session_:
        assert [p.study_days for p in (await session_.exec(select(Plan))).all()] == ["5,6"]
    night = text_of(await harness.say("could i study at 2am instead"))
    assert "inside your quiet hours" in night and "Shall I move" not in night, night


async def test_days_and_time_asked_before_any_plan_are_where_the_plan_starts(harness: BotHarness) -> None:
    """ "remind me Mondays and Wednesdays at half 8 at night" with no plan said only that
    reminders come with a plan; now the days and time are kept, and the next plan starts from
    them: the days ticked, the time offered first."""
    [kept] = await harness.say("remind me Mondays and Wednesdays at half 8 at night")
    assert "none yet" in text_of([kept]) and "Mon/Wed at 20:30" in text_of([kept]), text_of([kept])
    days = await start(harness)
    ticked = [label for label, _ in buttons(days) if label.startswith("✅")]
    assert ticked == ["✅ Mon", "✅ Wed"], ticked
    [time_question] = await harness.press(harness.message_of(days), "p:d:ok")
    assert "At what time" in text_of([time_question])
    (first_label, first_data), *_ = buttons(time_question)
    assert first_label == "🕗 20:30, as you asked", first_label
    [session] = await harness.press(harness.message_of(time_question), first_data)
    assert "How long" in text_of([session])


async def test_days_and_time_said_with_a_wish_for_a_plan_start_it(harness: BotHarness) -> None:
    """Round 28: "can you make me a study plan for tuesdays and thursdays at 7pm" asked which
    course and forgot the days and time; now they are said back, and the plan starts from them."""
    [which] = await harness.say("can you make me a study plan for tuesdays and thursdays at 7pm")
    assert "Which course" in text_of([which]) and "Tue/Thu at 19:00" in text_of([which]), text_of([which])
    days = await start(harness)
    assert [label for label, _ in buttons(days) if label.startswith("✅")] == ["✅ Tue", "✅ Thu"]
    [time_question] = await harness.press(harness.message_of(days), "p:d:ok")
    assert buttons(time_question)[0][0].endswith("19:00, as you asked"), buttons(time_question)[0]
