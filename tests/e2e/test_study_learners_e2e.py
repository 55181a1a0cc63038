"""What new learners typed in trial chats, end to end: answers typed to the "Advise me"
buttons, a goal the catalogue has nothing for, /progress in the middle of planning."""

from __future__ import annotations

from tests.conftest import BotHarness, buttons, text_of
from tests.e2e.test_study_e2e import enrol
from tests.e2e.test_study_words_e2e import start


async def test_advise_me_answered_in_words_reaches_a_shortlist(harness: BotHarness) -> None:
    await harness.say("/advise")
    [level] = await harness.say("I want to become a data analyst")
    assert "What is your level" in text_of([level]) and "data analyst" in text_of([level])
    [again] = await harness.say("🤷")
    assert "didn't catch that" in text_of([again]) and "What is your level" in text_of([again])
    assert "Beginner" in [label for label, _ in buttons(again)]
    [budget] = await harness.say("total beginner")
    assert "budget" in text_of([budget])
    [hours] = await harness.say("free")
    assert "hours a week" in text_of([hours])
    [mode] = await harness.say("maybe 3 hours")
    assert "Online only" in text_of([mode])
    [shortlist] = await harness.say("online please")
    assert "My shortlist for data analyst" in text_of([shortlist])
    assert "at 3 h a week" in text_of([shortlist])  # the hours the learner typed, not the nearest button
    [more] = await harness.say("any more?")  # a shortlist has no next page
    assert "That's the whole shortlist" in text_of([more])
    [side] = await harness.say("compare 1 and 3")
    assert "Side by side" in text_of([side]) and len([d for _, d in buttons(side) if d.startswith("c:")]) == 2
    [card] = await harness.say("the second one")  # still about the shortlist
    assert "Workload" in text_of([card])


async def test_a_goal_with_no_courses_is_asked_again_at_once(harness: BotHarness) -> None:
    await harness.say("/advise")
    [again] = await harness.say("I want a better job")
    assert "couldn't find courses for <b>better job</b>" in text_of([again])
    assert "What is your level" not in text_of([again])  # no four questions to a dead end
    assert any(data == "a:g:data analyst" for _, data in buttons(again))
    [level] = await harness.say("web developer")
    assert "What is your level" in text_of([level])


async def test_no_goal_in_mind_yet_is_met_kindly_and_asked_again(harness: BotHarness) -> None:
    """ "not sure really" to the goal question was searched for ("I couldn't find courses for
    not sure really") until round 17."""
    await harness.say("/advise")
    [again] = await harness.say("not sure really")
    assert "No problem" in text_of([again]) and "couldn't find" not in text_of([again])
    assert any(data == "a:g:data analyst" for _, data in buttons(again))
    [level] = await harness.say("excel")
    assert "What is your level" in text_of([level])


async def test_a_question_or_a_shrug_at_the_goal_question_is_understood(harness: BotHarness) -> None:
    """Round 17: "how much are they" and "ok marketing" were searched for as goals."""
    await harness.say("/advise")
    answer, again = await harness.say("how much are they")
    assert "price" in text_of([answer]) and "What is your goal" in text_of([again])
    [undecided] = await harness.say("I want to learn something new but I dont know what")
    assert "No problem" in text_of([undecided])
    [level] = await harness.say("ok marketing")
    assert "What is your level" in text_of([level]) and "marketing" in text_of([level])


async def test_progress_while_planning_says_the_plan_is_not_made_yet(harness: BotHarness) -> None:
    await start(harness)
    [progress] = await harness.say("/progress")
    assert "still planning" in text_of([progress]) and "/cancel" in text_of([progress])
    [reminders] = await harness.say("/reminders")
    assert "still planning" in text_of([reminders])
    [time_question] = await harness.say("Mon and Thu")  # the conversation carries on
    assert "At what time" in text_of([time_question])


async def test_a_missed_target_can_be_answered_in_words(harness: BotHarness) -> None:
    await start(harness)
    for answer in ("Tue and Thu", "7pm", "45 min", "end of March"):
        await harness.say(answer)
    [fit] = await harness.say("Berlin")
    assert "after your target of Tue 31 Mar 2026" in text_of([fit])
    [unread] = await harness.say("hmm")
    assert "didn't catch that" in text_of([unread]) and "after your target" in text_of([unread])
    [too_few] = await harness.say("1 day")
    assert "1 day a week would still finish after your target" in text_of([too_few])
    [obstacle] = await harness.say("ok fine")
    assert "get in the way" in text_of([obstacle])


async def test_gmt_asks_uk_or_all_year_and_an_offset_warns_about_summer_time(harness: BotHarness) -> None:
    [which] = await harness.say("/timezone GMT")
    assert "/timezone Europe/London" in text_of([which]) and "/timezone UTC" in text_of([which])
    [offset] = await harness.say("/timezone GMT+2")
    assert "UTC+02:00" in text_of([offset]) and "stays the same all year" in text_of([offset])


async def test_keep_going_on_stopstudying_keeps_the_plan_and_says_so(harness: BotHarness) -> None:
    """Not the whole welcome menu: the question goes, and the learner is told nothing stopped."""
    await enrol(harness)
    [confirm] = await harness.say("/stopstudying")
    keep = dict(buttons(confirm))["Keep going"]
    [kept] = await harness.press(harness.message_of(confirm), keep)
    assert kept.method == "editMessageText"
    assert "Nothing was stopped" in text_of([kept]) and "What would you like to do" not in text_of([kept])
    assert buttons(kept) == []
    [progress] = await harness.say("/progress")
    assert "Stopped" not in text_of([progress]) and "Next reminder" in text_of([progress])


async def test_pause_twice_and_resume_after_stopping_say_why_and_what_next(harness: BotHarness) -> None:
    [none] = await harness.say("/pause")
    assert "no study plan yet" in text_of([none]) and buttons(none)
    await enrol(harness)
    await harness.say("/pause")
    [again] = await harness.say("/pause")
    assert "already paused" in text_of([again]) and "/resume" in text_of([again])
    await harness.say("/resume")
    [on] = await harness.say("/resume")
    assert "already on" in text_of([on])
    [confirm] = await harness.say("/stopstudying")
    await harness.press(harness.message_of(confirm), dict(buttons(confirm))["Yes, stop"])
    [stopped] = await harness.say("/resume")
    assert "no plan going" in text_of([stopped]) and "Start studying" in text_of([stopped])


async def test_ok_typed_after_tapping_days_moves_on(harness: BotHarness) -> None:
    await start(harness)
    days = harness.api.sent()[-1]
    await harness.press(harness.message_of(days), dict(buttons(days))["Mon"])
    [time_question] = await harness.say("ok")
    assert "At what time" in text_of([time_question])


async def test_after_work_offers_evening_times(harness: BotHarness) -> None:
    await start(harness)
    await harness.say("Mon and Wed")
    [which] = await harness.say("after work")
    assert "Did you mean 18:00, 19:00 or 20:00?" in text_of([which])
    [session] = await harness.press(harness.message_of(which), dict(buttons(which))["19:00"])
    assert "How long" in text_of([session])


async def test_cancel_during_advise_me_leaves_it(harness: BotHarness) -> None:
    """/cancel reached the plan conversation first and said "nothing to cancel" while the
    Advise me questions went on."""
    await harness.say("/advise")
    [level] = await harness.say("python")
    [cancelled] = await harness.say("/cancel")
    assert "nothing to cancel" not in text_of([cancelled]) and "/advise" in text_of([cancelled])
    stale = await harness.press(harness.message_of(level), "a:l:beginner")
    assert "budget" not in text_of(stale)  # the questions are over
    [again] = await harness.say("/cancel")
    assert "nothing to cancel" in text_of([again])


async def test_advise_while_planning_stops_planning_and_asks_the_goal(harness: BotHarness) -> None:
    """The typed goal went to the plan's time question ("couldn't read that as a time")."""
    await start(harness)
    await harness.say("Mon")
    replies = await harness.say("/advise")
    assert "stopped planning" in text_of(replies) and "What is your goal?" in text_of(replies)
    [level] = await harness.say("data analyst")
    assert "What is your level" in text_of([level])


async def test_cancel_typed_without_the_slash_leaves_either_flow(harness: BotHarness) -> None:
    await start(harness)
    await harness.say("Mon")
    [left] = await harness.say("cancel")
    assert "no plan was made" in text_of([left])
    await harness.say("/advise")
    await harness.say("python")
    [left_advice] = await harness.say("never mind")
    assert "/advise whenever you want" in text_of([left_advice])


async def test_yes_keeps_a_time_inside_quiet_hours(harness: BotHarness) -> None:
    await start(harness)
    await harness.say("weekdays")
    [asked] = await harness.say("7am")
    assert "07:00 is inside your quiet hours" in text_of([asked])
    [session] = await harness.say("yes keep it")
    assert "quiet hours 22:00–07:00 once the plan is made" in text_of([session])
    assert "How long" in text_of([session])


async def start_other(harness: BotHarness) -> None:
    """Start studying a second course (not the one `enrol` plans)."""
    results = (await harness.say("/search self-paced excel"))[0]
    course = next(d for _, d in buttons(results) if d.startswith("c:"))
    card = (await harness.press(harness.message_of(results), course))[0]
    begin = next(d for _, d in buttons(card) if d.startswith("p:new:"))
    assert "Which days" in text_of(await harness.press(harness.message_of(card), begin))


async def test_a_second_plan_at_the_same_time_is_pointed_out(harness: BotHarness) -> None:
    await enrol(harness)  # Mon/Wed/Fri 19:00
    await start_other(harness)
    for answer in ("Mon", "19:00", "45 min", "no"):
        await harness.say(answer)
    await harness.say("skip")
    [created] = await harness.say("skip")
    assert "Your plan for" in text_of([created])
    assert "is also at 19:00" in text_of([created]) and "/plan" in text_of([created])


async def test_start_studying_a_course_already_planned_points_to_that_plan(harness: BotHarness) -> None:
    """A second plan for the same course would double every reminder."""
    await enrol(harness)
    results = (await harness.say("/search python for beginners"))[0]
    course = next(d for _, d in buttons(results) if d.startswith("c:"))
    card = (await harness.press(harness.message_of(results), course))[0]
    begin = next(d for _, d in buttons(card) if d.startswith("p:new:"))
    [already] = await harness.press(harness.message_of(card), begin)
    assert "You already have a plan for" in text_of([already])
    assert "Mon/Wed/Fri at 19:00" in text_of([already])
    assert any(d.startswith("pe:") for _, d in buttons(already))


async def test_mydata_names_advise_me_among_questions_in_progress(harness: BotHarness) -> None:
    await harness.say("/advise")
    await harness.say("python")
    replies = await harness.say("/mydata")
    assert "or Advise me): 1" in text_of(replies)


async def test_back_asks_the_previous_question_again(harness: BotHarness) -> None:
    await start(harness)
    await harness.say("Mon")
    [session] = await harness.say("7pm")
    assert "How long" in text_of([session])
    [time_again] = await harness.say("back")
    assert "At what time" in text_of([time_again])
    [session] = await harness.say("8pm")
    assert "How long" in text_of([session])
    await harness.say("45 min")
    await harness.say("no")
    await harness.say("London")
    [if_then] = await harness.say("work gets busy")
    assert "work gets busy" in text_of([if_then])
    [obstacle] = await harness.say("back")
    assert "get in the way" in text_of([obstacle])
    [if_then] = await harness.press(harness.message_of(obstacle), "p:o:skip")
    assert "work gets busy" not in text_of([if_then])  # skipped now: no obstacle kept
    [created] = await harness.press(harness.message_of(if_then), "p:i:skip")
    assert "Mon at 20:00" in text_of([created])


async def test_back_in_advise_me_asks_the_previous_question(harness: BotHarness) -> None:
    await harness.say("/advise")
    [level] = await harness.say("python")
    await harness.press(harness.message_of(level), "a:l:beginner")
    [level_again] = await harness.say("back")
    assert "What is your level" in text_of([level_again])
    [budget] = await harness.say("intermediate")
    assert "budget" in text_of([budget])


async def test_stop_as_many_bots_use_it_asks_like_stopstudying(harness: BotHarness) -> None:
    """ "/stop" got "Sorry, I don't know that command"; it now does what /stopstudying does,
    asking before anything stops."""
    await enrol(harness)
    [confirm] = await harness.say("/stop")
    assert "Keep going" in dict(buttons(confirm)) and "don't know that command" not in text_of([confirm])
    [progress] = await harness.say("/progress")
    assert "Stopped" not in text_of([progress])
