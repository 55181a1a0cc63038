"""Study plans: the guided conversation, reminder buttons, /progress, /reminders, /pause…"""

from __future__ import annotations

import asyncio
import warnings
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any
from zoneinfo import available_timezones

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.callbacks import AdviceChoice, PlanAction, PlanAnswer, StartPlan
from bot.learners import get_learner
from bot.replies import Button, Reply, esc, is_number, plural
from bot.study import drafts
from bot.study import replies as say
from bot.study.drafts import Draft, Edit
from bot.study.maths import (
    MAX_PLAN_DAYS,
    QuietHours,
    check_fit,
    describe_days,
    describe_duration,
    describe_minute,
    progress_bar,
    spread_days,
    zone,
)
from bot.study.parse import (
    BACK,
    CANCEL,
    MAX_SESSION,
    MIN_SESSION,
    DaysAnswer,
    Pace,
    days_asked,
    is_done,
    is_yes,
    keeps_the_zone,
    parse_days_answer,
    parse_fit_answer,
    parse_pace,
    parse_pause_end,
    parse_quiet_answer,
    parse_session,
    parse_target,
    parse_time_answer,
    parse_zone,
    part_of_day,
    plan_change_said,
    time_asked,
    warm_up,
)
from bot.study.store import (
    ACTIVE,
    MAX_OPEN_PLANS,
    PAUSED,
    STOPPED,
    PlanDraft,
    PlanStatus,
    TooManyPlans,
    change_pace,
    create_plan,
    days_of,
    edit_plan,
    fewer_days,
    learner_zone,
    mark_done,
    open_plan_count,
    plan_status,
    plan_statuses,
    quiet_hours,
    record_session,
    set_all,
    set_quiet_hours,
    set_status,
    set_timezone,
    skip_today,
    snooze,
    take_a_week_off,
)
from handlers import advise, stored
from handlers.common import keyboard, private_only, send, show
from handlers.context import BotContext

DAYS, TIME, SESSION, TARGET, TIMEZONE, FIT, OBSTACLE, IF_THEN = range(8)
EDIT_TIME, EDIT_DAYS, EDIT_SESSION, EDIT_TARGET, EDIT_QUIET = range(8, 13)
DRAFT = "plan_draft"
EDIT = "plan_edit"
MAX_NOTE = 300
KEEP = "keep"  # Draft.extra: a time inside quiet hours the learner was just asked about
# user_data: the pace said with a wish to start ("i wanna start this, 30 min a day"), and when;
# the next plan started within PACE_KEPT takes it (Draft.extra[PACE] from then on; user_data is
# this instance's memory: with several instances, a plan started on another one just asks)
PACE = "pace"
PACE_KEPT = timedelta(hours=1)
# user_data: the days and time said before any plan ("remind me mondays and wednesdays at 8pm"),
# and when; the next plan started within SCHEDULE_KEPT starts from them (its days ticked, the
# time offered first: Draft.extra[WISHED_TIME])
SCHEDULE = "schedule"
SCHEDULE_KEPT = timedelta(days=1)
WISHED_TIME = "wished_time"


def _quiet(context: BotContext, draft: Draft) -> QuietHours:
    """The quiet hours this plan will live with: the learner's, or the ones they just agreed to."""
    return draft.quiet if draft.quiet is not None else quiet_hours(context.learner)


def _draft(context: BotContext) -> Draft | None:
    found = (context.user_data or {}).get(DRAFT)
    return found if isinstance(found, Draft) else None


async def _today(update: Update, context: BotContext) -> date:
    core = context.core
    learner = context.learner
    return core.clock.now().astimezone(learner_zone(learner, context.default_tz)).date()


# --- the conversation ------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """The learner's answer to the current question: a button's value, or typed text."""

    draft: Draft
    button: str | None  # the `PlanAnswer` value of a pressed button
    text: str  # what was typed ("" for a button)


async def _step(update: Update, context: BotContext) -> Answer | None:
    """Every step's preamble: the draft and the answer (a press is acknowledged here).

    `None` when the draft is gone (after /forget, or a conversation that timed out).
    """
    draft = _draft(context)
    query = update.callback_query
    if query is not None:
        await query.answer()
    if draft is None or update.effective_user is None:
        return None
    if query is not None:
        pressed = PlanAnswer.parse(query.data)
        return Answer(draft, pressed.value if pressed is not None else None, "")
    message = update.effective_message
    return Answer(draft, None, (message.text or "") if message is not None else "")


async def start_plan(update: Update, context: BotContext) -> int:
    """ "Start studying" (p:new:<course>) or /study: ask which days, for a self-paced course."""
    core = context.core
    query = update.callback_query
    course = None
    if query is not None and query.data:
        await query.answer()
        pressed = StartPlan.parse(query.data)
        course = core.catalog.get(pressed.course_id) if pressed is not None else None
    elif update.effective_user is not None:
        learner = context.learner
        last = core.catalog.get(learner.last_course_id) if learner and learner.last_course_id else None
        message = update.effective_message
        typed = message.text or "" if message is not None else ""
        pace = parse_pace(typed) if typed else None
        if pace is not None and context.user_data is not None:
            context.user_data[PACE] = (pace, core.clock.now())
        # "make me a plan for mondays and wednesdays at 8pm": the days and time, kept for the plan
        days, minute = (days_asked(typed), time_asked(typed)) if typed else (None, None)
        if (days or minute is not None) and context.user_data is not None:
            context.user_data[SCHEDULE] = (days, minute, core.clock.now())
        await send(update, say.choose_course(last, " ".join(context.args or []), pace, days, minute))
        return ConversationHandler.END
    if course is None:
        await send(update, Reply("That course is no longer in the catalogue. Try /search."))
        return ConversationHandler.END
    if not say.plannable(course):
        await send(update, say.not_self_paced(course))
        return ConversationHandler.END
    user = update.effective_user
    if user is not None and await open_plan_count(core.db, user.id) >= MAX_OPEN_PLANS:
        await send(update, say.too_many_plans(MAX_OPEN_PLANS))
        return ConversationHandler.END
    if user is not None:
        statuses = await plan_statuses(core.db, core.clock, user.id, core.catalog.courses, context.default_tz)
        existing = next((s for s in statuses if s.course.id == course.id), None)
        if existing is not None:  # a second plan would double every reminder
            await send(update, say.already_planned(existing))
            return ConversationHandler.END
    pace = _said_pace(context)
    draft = Draft(course=course, days=pace.days() if pace is not None else ())
    if pace is not None:
        draft.extra[PACE] = pace.as_json()
    wished_days, wished_time = _said_schedule(context)
    if wished_days:
        draft.days = wished_days
    if wished_time is not None:
        draft.extra[WISHED_TIME] = wished_time
    if context.user_data is not None:
        context.user_data[DRAFT] = draft
    warm_up()
    await send(update, say.ask_days(course, draft.days, pace=pace))
    return DAYS


def _said_lately(context: BotContext, key: str, kept: timedelta) -> tuple[Any, ...] | None:
    """What the learner said a little earlier and this instance keeps under `key` in user_data
    (its values, then when it was said), if said within `kept`; taken once."""
    said = context.user_data.pop(key, None) if context.user_data is not None else None
    if not isinstance(said, tuple) or not said or context.core.clock.now() - said[-1] > kept:
        return None
    return said[:-1]


def _said_pace(context: BotContext) -> Pace | None:
    """The pace the learner said with their wish to start, if said within `PACE_KEPT` (once)."""
    said = _said_lately(context, PACE, PACE_KEPT)
    return said[0] if said is not None and isinstance(said[0], Pace) else None


def _said_schedule(context: BotContext) -> tuple[tuple[int, ...], int | None]:
    """The days and time the learner asked reminders for before having a plan, if said within
    `SCHEDULE_KEPT` (once); else no days and no time."""
    said = _said_lately(context, SCHEDULE, SCHEDULE_KEPT)
    if said is None or len(said) != 2:
        return (), None
    days, minute = said
    return tuple(days or ()), minute


def _ask_time(context: BotContext, draft: Draft) -> Reply:
    """At what time, with the time the learner asked for before the plan first (if any)."""
    wished = draft.extra.get(WISHED_TIME)
    return say.ask_time(_quiet(context, draft), wished=wished if isinstance(wished, int) else None)


def _ask_session(draft: Draft, before: str = "") -> Reply:
    """How long is each session, with the length the pace the learner said makes first."""
    return say.ask_session(before, Pace.from_json(draft.extra.get(PACE)), len(draft.days))


async def toggle_day(update: Update, context: BotContext) -> int:
    """A day button toggles that day in place; Done moves on (once at least one day is chosen)."""
    query = update.callback_query
    draft = _draft(context)
    assert query is not None
    pressed = PlanAnswer.parse(query.data)
    if draft is None or pressed is None:
        return await _lost(update)
    choice = pressed.value
    if choice == "ok":
        if not draft.days:
            await query.answer("Pick at least one day first.")
            return DAYS
        await query.answer()
        await send(update, _ask_time(context, draft))
        return TIME
    if is_number(choice) and int(choice) < 7:
        day = int(choice)
        draft.days = tuple(sorted(set(draft.days) ^ {day}))
    await show(update, say.ask_days(draft.course, draft.days))
    return DAYS


async def typed_days(update: Update, context: BotContext) -> int:
    draft = _draft(context)
    message = update.effective_message
    if draft is None or message is None:
        return await _lost(update)
    found = parse_days_answer(message.text or "")
    if found is None and draft.days and is_done(message.text or ""):  # "ok" after tapping days
        found = DaysAnswer(days=draft.days)
    if found is None:
        await send(update, say.sorry(say.ask_days(draft.course, draft.days), "study days"))
        return DAYS
    if found.days is None:  # "3 days a week": suggest which, ticked; Done accepts
        draft.days = found.suggestion
        await send(update, say.ask_which_days(draft.course, found.per_week or 0, draft.days))
        return DAYS
    draft.days = found.days
    await send(update, _ask_time(context, draft))
    return TIME


async def chose_time(update: Update, context: BotContext) -> int:
    """A time button or a typed time; one inside quiet hours is questioned at once."""
    answer = await _step(update, context)
    if answer is None:
        return await _lost(update)
    draft = answer.draft
    chosen = await _read_time(update, answer.button, answer.text, _quiet(context, draft), draft.extra)
    if chosen is None:
        return TIME
    minute, shorter = chosen
    draft.minute = minute
    if shorter is not None:
        draft.quiet = shorter
        kept = f"OK: {describe_minute(minute)}, and quiet hours {shorter.describe()} once the plan is made.\n"
        await send(update, _ask_session(draft, kept))
    else:
        await send(update, _ask_session(draft))
    return SESSION


async def _read_time(
    update: Update, button: str | None, text: str, quiet: QuietHours, pending: dict[str, Any] | None = None
) -> tuple[int, QuietHours | None] | None:
    """The chosen minute (and shortened quiet hours, if the learner kept a time inside them);
    `None` after asking again: unreadable, "7" (morning or evening?), or inside quiet hours.
    `pending` (the draft's extras) remembers a time inside quiet hours, so "yes" keeps it."""
    kept = pending.pop(KEEP, None) if pending is not None else None
    if button is None and isinstance(kept, int) and is_yes(text):  # "yes, keep 07:00"
        button = f"keep:{kept}"
    if button == "other":
        await send(update, say.ask_time(quiet))
        return None
    if button is not None and button.startswith("keep:"):
        minute = parse_time_minutes(button.removeprefix("keep:"))
        if minute is not None:
            return minute, quiet.leaving_free(minute)
    if button is not None:
        minute = parse_time_minutes(button)
    else:
        found = parse_time_answer(text)
        if found is not None and found.minute is None:  # "7", "half 7": morning or evening?
            await send(update, say.ask_am_pm(found.options, quiet))
            return None
        minute = found.minute if found is not None else None
        vague = part_of_day(text) if found is None else None
        if vague is not None:  # "evening", "after work": which time exactly?
            await send(update, say.ask_am_pm(vague, quiet))
            return None
    if minute is None:
        await send(update, say.sorry(say.ask_time(quiet), "a time"))
        return None
    if quiet.contains(minute):
        if pending is not None:
            pending[KEEP] = minute
        await send(update, say.time_in_quiet_hours(minute, quiet))
        return None
    return minute, None


def parse_time_minutes(data: str) -> int | None:
    return int(data) if is_number(data) and int(data) < 24 * 60 else None


async def chose_session(update: Update, context: BotContext) -> int:
    answer = await _step(update, context)
    if answer is None:
        return await _lost(update)
    draft, value = answer.draft, answer.button
    if value is not None:
        if is_number(value) and MIN_SESSION <= int(value) <= MAX_SESSION:  # a choice, or the pace's
            draft.session_minutes = int(value)
    else:
        minutes = parse_session(answer.text)
        if minutes is None:
            await send(update, say.sorry(_ask_session(draft), "a session length (10 minutes to 4 hours)"))
            return SESSION
        draft.session_minutes = minutes
    await send(update, say.ask_target())
    return TARGET


async def chose_target(update: Update, context: BotContext) -> int:
    answer = await _step(update, context)
    if answer is None:
        return await _lost(update)
    draft = answer.draft
    today = await _today(update, context)
    if answer.button is not None:
        draft.target = None
    else:
        found = parse_target(answer.text, today)
        if found is None:
            await send(update, say.sorry(say.ask_target(), "a date"))
            return TARGET
        target = found.day
        if target is not None and target <= today:
            await send(update, say.ask_target("That date has already passed. Pick a date in the future.\n\n"))
            return TARGET
        if target is not None and target > today + timedelta(days=MAX_PLAN_DAYS):
            await send(update, say.ask_target("That's more than three years away. Pick a nearer date.\n\n"))
            return TARGET
        draft.target = target
    return await _after_target(update, context, draft)


async def _after_target(update: Update, context: BotContext, draft: Draft) -> int:
    learner = context.learner
    if learner is not None and learner.timezone is None:
        await send(update, say.ask_timezone(context.default_tz))
        return TIMEZONE
    return await _check_fit(update, context, draft)


async def chose_timezone(update: Update, context: BotContext) -> int:
    answer = await _step(update, context)
    user = update.effective_user
    if answer is None or user is None:
        return await _lost(update)
    draft = answer.draft
    core = context.core
    if answer.button is not None:
        name = answer.button if answer.button in available_timezones() else context.default_tz
    elif keeps_the_zone(answer.text):
        name = context.default_tz  # "keep", "keep it", "that's fine": the button, typed
    else:
        found = await asyncio.to_thread(parse_zone, answer.text)  # the city table loads once
        if found is not None and found.name is None:
            await send(update, say.ask_which_zone(found.options, context.default_tz))
            return TIMEZONE
        if found is None or found.name is None:
            await send(update, say.sorry(say.ask_timezone(context.default_tz), "a place or time zone"))
            return TIMEZONE
        name = found.name
    await set_timezone(core.db, core.clock, user.id, name, context.default_tz)
    context.learner = await get_learner(core.db, user.id)  # its time zone just changed
    return await _check_fit(update, context, draft)


async def _check_fit(update: Update, context: BotContext, draft: Draft) -> int:
    fit = _fit(draft, await _today(update, context))
    if fit.fits or draft.target is None:
        await send(update, say.ask_obstacle())
        return OBSTACLE
    await send(update, say.fit_problem(fit, draft.days, draft.target))
    return FIT


def _fit(draft: Draft, today: date) -> Any:
    hours = [h for _, h in draft.course.modules]
    return check_fit(today, draft.days, hours, draft.session_minutes, draft.target)


async def chose_fit(update: Update, context: BotContext) -> int:
    """ "date" keeps the days and moves the target; "days:<n>" studies more days a week.
    Typed ("ok", "fine", "5 days"): the same; too few days or unreadable asks again."""
    answer = await _step(update, context)
    if answer is None:
        return await _lost(update)
    draft, data = answer.draft, answer.button
    today = await _today(update, context)
    if data is None:
        data = await _typed_fit(update, draft, today, answer.text)
        if data is None:
            return FIT
    if data.startswith("days:") and is_number(data.removeprefix("days:")):
        wanted = min(7, int(data.removeprefix("days:")))
        draft.days = spread_days(draft.days, wanted)
    else:
        draft.target = _fit(replace(draft, target=None), today).finish
    await send(update, say.ask_obstacle())
    return OBSTACLE


async def _typed_fit(update: Update, draft: Draft, today: date, text: str) -> str | None:
    """A typed answer to the missed-target question as its button's value; None after asking
    again (unreadable, or too few days a week to meet the target)."""
    found = parse_fit_answer(text)
    if draft.target is None:  # no target to miss: nothing to choose
        return "date"
    fit = _fit(draft, today)
    wanted = found.removeprefix("days:") if found is not None else ""
    too_few = is_number(wanted) and (fit.days_needed is None or int(wanted) < fit.days_needed)
    if found is None or too_few:
        await send(update, say.fit_again(fit, draft.days, draft.target, int(wanted) if too_few else None))
        return None
    return found


async def typed_obstacle(update: Update, context: BotContext) -> int:
    answer = await _step(update, context)
    if answer is None:
        return await _lost(update)
    draft = answer.draft
    # Skip (also after going back to this question) leaves no obstacle
    draft.obstacle = (" ".join(answer.text.split())[:MAX_NOTE] or None) if answer.button is None else None
    await send(update, say.ask_if_then(draft.obstacle))
    return IF_THEN


async def typed_if_then(update: Update, context: BotContext) -> int:
    """The last step: store the plan and its first reminder, and show the summary."""
    answer = await _step(update, context)
    user = update.effective_user
    if answer is None or user is None:
        return await _lost(update)
    draft = answer.draft
    draft.if_then = (" ".join(answer.text.split())[:MAX_NOTE] or None) if answer.button is None else None
    core = context.core
    if draft.quiet is not None:
        await set_quiet_hours(core.db, core.clock, user.id, draft.quiet, context.default_tz)
        context.learner = await get_learner(core.db, user.id)
    plan_draft = PlanDraft(
        course_id=draft.course.id, days=draft.days, minute=draft.minute,
        session_minutes=draft.session_minutes, target=draft.target, obstacle=draft.obstacle,
        if_then=draft.if_then,
    )  # fmt: skip
    try:
        plan, first = await create_plan(
            core.db, core.clock, user.id, plan_draft, context.default_tz, max_open=MAX_OPEN_PLANS
        )
    except TooManyPlans:  # another plan was made meanwhile (a second conversation)
        await send(update, say.too_many_plans(MAX_OPEN_PLANS))
        if context.user_data is not None:
            context.user_data.pop(DRAFT, None)
        return ConversationHandler.END
    tz = learner_zone(context.learner, context.default_tz)
    fit = _fit(draft, await _today(update, context))
    created = say.plan_created(
        draft.course, draft.days, draft.minute, first, tz, fit, draft.target, quiet_hours(context.learner),
        clashes=await _same_slot(context, user.id, plan.id, draft),
    )  # fmt: skip
    await send(update, created)
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    return ConversationHandler.END


async def _same_slot(context: BotContext, user_id: int, plan_id: int | None, draft: Draft) -> list[str]:
    """The learner's other active plans studied on one of the same days at the same time."""
    core = context.core
    statuses = await plan_statuses(core.db, core.clock, user_id, core.catalog.courses, context.default_tz)
    return [
        s.course.title for s in statuses
        if s.plan.id != plan_id and s.plan.status == ACTIVE and s.plan.study_minute == draft.minute
        and set(days_of(s.plan)) & set(draft.days)
    ]  # fmt: skip


async def cancel(update: Update, context: BotContext) -> int:
    """/cancel: leave the plan conversation; nothing is stored (outside one: nothing to cancel)."""
    draft = context.user_data.pop(DRAFT, None) if context.user_data is not None else None
    edit = context.user_data.pop(EDIT, None) if context.user_data is not None else None
    if edit is not None and draft is None:
        await send(update, Reply("OK, nothing was changed."))
    elif draft is None and await advise.cancel_if_advising(update, context):
        pass  # it was the "Advise me" questions: they said so
    elif draft is None:
        await send(update, Reply("There's nothing to cancel. /help shows what I can do."))
    else:
        await send(update, Reply("OK, no plan was made. Press <i>Start studying</i> on a course any time."))
    return ConversationHandler.END


async def leave_for_advice(update: Update, context: BotContext) -> int:
    """/advise (or "Advise me") while planning: planning stops (said so), the questions start."""
    draft = context.user_data.pop(DRAFT, None) if context.user_data is not None else None
    if context.user_data is not None:
        context.user_data.pop(EDIT, None)
    if isinstance(draft, Draft):
        await send(update, say.left_planning(draft.course))
    await advise.start_from_elsewhere(update, context)
    return ConversationHandler.END


async def go_back(update: Update, context: BotContext) -> int:
    """ "back" typed: the previous question again, its answer can be changed (the answers after
    it are asked again in turn). While changing a plan: nothing is changed, as /cancel."""
    draft = _draft(context)
    handler = stored.find(context, drafts.PLAN)
    step = handler.step_of(update) if handler is not None else None
    if draft is None or step is None or step >= EDIT_TIME:
        return await cancel(update, context)
    back_to = {TIME: DAYS, SESSION: TIME, TARGET: SESSION, TIMEZONE: TARGET, FIT: TARGET,
               OBSTACLE: TARGET, IF_THEN: OBSTACLE}.get(step, DAYS)  # fmt: skip
    questions = {
        DAYS: lambda: say.ask_days(draft.course, draft.days),
        TIME: lambda: _ask_time(context, draft),
        SESSION: lambda: _ask_session(draft),
        TARGET: lambda: say.ask_target(),
        OBSTACLE: lambda: say.ask_obstacle(),
    }
    await send(update, questions[back_to]())
    return back_to


async def _lost(update: Update) -> int:
    """The draft is gone (e.g. after a restart): start again rather than guess."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(update, Reply("Let's start that again: press <i>▶️ Start studying</i> on the course."))
    return ConversationHandler.END


async def unexpected(update: Update, context: BotContext) -> None:
    """Something other than the expected answer (a sticker, a stale button): ask again kindly."""
    if update.callback_query is not None:
        await update.callback_query.answer("Please answer the question above first, or send /cancel.")
    else:
        await send(update, Reply("Please answer the question above, or send /cancel to stop planning."))


async def _store_step(update: Update, context: BotContext, step: int | None) -> None:
    """After a step: store the step and the answers so far, or forget them once it is over."""
    ids = stored.ids(update)
    if ids is None:
        return
    core = context.core
    if step is None:
        await drafts.clear(core.db, ids[0], ids[1])
        return
    await drafts.save(core.db, core.clock.now(), ids[0], ids[1], step, _draft(context), _edit(context))


async def load_conversation(update: Update, context: BotContext) -> None:
    """Before routing: the learner's place in the plan conversation, as saved in the database."""
    handler = stored.find(context, drafts.PLAN)
    if handler is not None:
        await handler.load_saved(update, context)


async def _load_step(context: BotContext, user_id: int, chat_id: int) -> stored.Saved:
    core = context.core
    saved = await drafts.load(core.db, core.clock.now(), user_id, chat_id, core.catalog.get)
    return None if saved is None else (saved.step, {DRAFT: saved.draft, EDIT: saved.edit})


def conversation() -> ConversationHandler:  # type: ignore[type-arg]
    text = filters.TEXT & ~filters.COMMAND & ~filters.Regex(CANCEL) & ~filters.Regex(BACK)
    other = MessageHandler(~filters.COMMAND, unexpected)
    with warnings.catch_warnings():
        # PTB warns that per_message=False does not track buttons per message; we track the
        # conversation per user and chat on purpose, and buttons carry their own data.
        warnings.simplefilter("ignore", PTBUserWarning)
        return _conversation(text, other)


def _conversation(text: filters.BaseFilter, other: MessageHandler) -> ConversationHandler:  # type: ignore[type-arg]
    return stored.StoredConversation(
        store=_store_step,
        load=_load_step,
        keys=(DRAFT, EDIT),
        entry_points=[
            CallbackQueryHandler(start_plan, pattern=StartPlan.matches),
            CommandHandler("study", start_plan),
            # /cancel also outside a conversation: it says there's nothing to cancel
            CommandHandler("cancel", cancel),
            CommandHandler("plan", plan_command),
            CallbackQueryHandler(edit_button, pattern=say.PlanEdit.matches),
            CallbackQueryHandler(ease_button, pattern=say.EaseOff.matches),
        ],
        states={
            DAYS: [
                CallbackQueryHandler(toggle_day, pattern=PlanAnswer.of_step("d")),
                MessageHandler(text, typed_days),
            ],
            TIME: [
                CallbackQueryHandler(chose_time, pattern=PlanAnswer.of_step("t")),
                MessageHandler(text, chose_time),
            ],
            SESSION: [
                CallbackQueryHandler(chose_session, pattern=PlanAnswer.of_step("s")),
                MessageHandler(text, chose_session),
            ],
            TARGET: [
                CallbackQueryHandler(chose_target, pattern=PlanAnswer.of_step("g")),
                MessageHandler(text, chose_target),
            ],
            TIMEZONE: [
                CallbackQueryHandler(chose_timezone, pattern=PlanAnswer.of_step("z")),
                MessageHandler(text, chose_timezone),
            ],
            FIT: [
                CallbackQueryHandler(chose_fit, pattern=PlanAnswer.of_step("f")),
                MessageHandler(text, chose_fit),
            ],
            OBSTACLE: [
                CallbackQueryHandler(typed_obstacle, pattern=PlanAnswer.of_step("o")),
                MessageHandler(text, typed_obstacle),
            ],
            IF_THEN: [
                CallbackQueryHandler(typed_if_then, pattern=PlanAnswer.of_step("i")),
                MessageHandler(text, typed_if_then),
            ],
            EDIT_TIME: [
                CallbackQueryHandler(edit_time, pattern=PlanAnswer.of_step("t")),
                MessageHandler(text, edit_time),
            ],
            EDIT_DAYS: [
                CallbackQueryHandler(edit_days, pattern=PlanAnswer.of_step("d")),
                MessageHandler(text, edit_days),
            ],
            EDIT_SESSION: [
                CallbackQueryHandler(edit_session, pattern=PlanAnswer.of_step("s")),
                MessageHandler(text, edit_session),
            ],
            EDIT_TARGET: [
                CallbackQueryHandler(edit_target, pattern=PlanAnswer.of_step("g")),
                MessageHandler(text, edit_target),
            ],
            EDIT_QUIET: [MessageHandler(text, edit_quiet)],
        },
        fallbacks=[
            CommandHandler("cancel", cancel),
            MessageHandler(filters.TEXT & filters.Regex(CANCEL), cancel),  # "cancel", "stop"
            MessageHandler(filters.TEXT & filters.Regex(BACK), go_back),  # "back": the question before
            CommandHandler("advise", leave_for_advice),
            CallbackQueryHandler(leave_for_advice, pattern=AdviceChoice.of_step("s")),
            CallbackQueryHandler(start_plan, pattern=StartPlan.matches),
            CallbackQueryHandler(edit_button, pattern=say.PlanEdit.matches),
            CallbackQueryHandler(ease_button, pattern=say.EaseOff.matches),
            CallbackQueryHandler(unexpected, pattern=PlanAnswer.matches),
            other,  # type: ignore[list-item]
        ],
        allow_reentry=True,
        name=drafts.PLAN,
        conversation_timeout=timedelta(hours=2),
    )


# --- editing a plan ---------------------------------------------------------------------------


def _edit(context: BotContext) -> Edit | None:
    found = (context.user_data or {}).get(EDIT)
    return found if isinstance(found, Edit) else None


async def _pressed_or_typed(update: Update) -> tuple[str | None, str]:
    """A button's `PlanAnswer` value (the press acknowledged), or the typed text."""
    query = update.callback_query
    if query is not None:
        await query.answer()
        pressed = PlanAnswer.parse(query.data)
        return (pressed.value if pressed is not None else ""), ""
    message = update.effective_message
    return None, (message.text or "") if message is not None else ""


async def plan_command(update: Update, context: BotContext) -> int:
    """/plan: the learner's plan with its settings and a button for each (several: pick one first)."""
    user = update.effective_user
    if user is None:
        return ConversationHandler.END
    core = context.core
    statuses = await plan_statuses(core.db, core.clock, user.id, core.catalog.courses, context.default_tz)
    if len(statuses) == 1:
        await send(update, say.edit_menu(statuses[0], quiet_hours(context.learner)))
    else:
        await send(update, say.choose_plan_to_edit(statuses))
    return ConversationHandler.END


async def edit_button(update: Update, context: BotContext) -> int:
    """✏️ Edit / Time / Days / Session length / Target date / Quiet hours: ask for the new value."""
    query = update.callback_query
    assert query is not None and query.from_user is not None
    await query.answer()
    pressed = say.PlanEdit.parse(query.data)
    core = context.core
    status = None
    if pressed is not None:
        status = await plan_status(
            core.db, core.clock, query.from_user.id, pressed.plan_id, core.catalog.courses, context.default_tz
        )
    if pressed is None or status is None or status.plan.status not in (ACTIVE, PAUSED):
        await send(update, Reply("That plan can't be changed any more. /progress shows your plans."))
        return ConversationHandler.END
    quiet = quiet_hours(context.learner)
    plan_id = status.plan.id or 0
    if pressed.field == "menu":
        await send(update, say.edit_menu(status, quiet))
        return ConversationHandler.END
    if pressed.field == "quietoff":
        return await _set_quiet(update, context, QuietHours(0, 0))
    if context.user_data is not None:
        context.user_data[EDIT] = Edit(plan_id, status.course, days_of(status.plan))
    questions = {
        "time": (say.ask_time(quiet), EDIT_TIME),
        "days": (say.ask_days(status.course, days_of(status.plan), editing=True), EDIT_DAYS),
        "session": (say.ask_session(), EDIT_SESSION),
        "target": (say.ask_target(), EDIT_TARGET),
        "quiet": (say.ask_quiet(quiet, plan_id), EDIT_QUIET),
    }
    question, state = questions[pressed.field]
    await send(update, question)
    return state


async def edit_time(update: Update, context: BotContext) -> int:
    """The new study time (questioned like a new plan's, if inside quiet hours)."""
    edit = _edit(context)
    button, text = await _pressed_or_typed(update)
    if edit is None:
        return await _lost(update)
    chosen = await _read_time(update, button, text, quiet_hours(context.learner))
    if chosen is None:
        return EDIT_TIME
    minute, shorter = chosen
    what = f"Study time changed to {describe_minute(minute)}."
    if shorter is not None and update.effective_user is not None:
        core = context.core
        await set_quiet_hours(core.db, core.clock, update.effective_user.id, shorter, context.default_tz)
        context.learner = await get_learner(core.db, update.effective_user.id)
        what += f" Quiet hours are now {shorter.describe()}."
    return await _apply(update, context, edit, what, minute=minute)


async def edit_days(update: Update, context: BotContext) -> int:
    """Day buttons toggle, Done saves; or typed days ("3 days a week" ticks a suggestion)."""
    edit = _edit(context)
    button, text = await _pressed_or_typed(update)
    if edit is None:
        return await _lost(update)
    if button == "ok":
        if not edit.days:
            await send(update, say.ask_days(edit.course, edit.days, editing=True))
            return EDIT_DAYS
        return await _apply(update, context, edit, "Study days changed.", days=edit.days)
    if button is not None:
        if is_number(button) and int(button) < 7:
            edit.days = tuple(sorted(set(edit.days) ^ {int(button)}))
        await show(update, say.ask_days(edit.course, edit.days, editing=True))
        return EDIT_DAYS
    found = parse_days_answer(text)
    if found is None:
        await send(update, say.sorry(say.ask_days(edit.course, edit.days, editing=True), "study days"))
        return EDIT_DAYS
    if found.days is None:
        edit.days = found.suggestion
        await send(update, say.ask_which_days(edit.course, found.per_week or 0, edit.days))
        return EDIT_DAYS
    return await _apply(update, context, edit, "Study days changed.", days=found.days)


async def edit_session(update: Update, context: BotContext) -> int:
    """The new session length: a button or typed ("45 min")."""
    edit = _edit(context)
    button, text = await _pressed_or_typed(update)
    if edit is None:
        return await _lost(update)
    minutes = int(button) if button and is_number(button) and int(button) in say.SESSION_CHOICES else None
    if button is None:
        minutes = parse_session(text)
    if minutes is None:
        await send(update, say.sorry(say.ask_session(), "a session length (10 minutes to 4 hours)"))
        return EDIT_SESSION
    what = f"Sessions are now {describe_duration(minutes)}."
    return await _apply(update, context, edit, what, session_minutes=minutes)


async def edit_target(update: Update, context: BotContext) -> int:
    """The new target date, or none."""
    edit = _edit(context)
    button, text = await _pressed_or_typed(update)
    if edit is None:
        return await _lost(update)
    if button is not None:
        return await _apply(update, context, edit, "Target date removed.", target=None)
    today = await _today(update, context)
    found = parse_target(text, today)
    if found is None:
        await send(update, say.sorry(say.ask_target(), "a date"))
        return EDIT_TARGET
    if found.none:
        return await _apply(update, context, edit, "Target date removed.", target=None)
    if found.day is None or found.day <= today or found.day > today + timedelta(days=MAX_PLAN_DAYS):
        await send(update, say.ask_target("Pick a date in the future, within three years.\n\n"))
        return EDIT_TARGET
    what = f"Target date set to {say.day_text(found.day)}."
    return await _apply(update, context, edit, what, target=found.day)


async def edit_quiet(update: Update, context: BotContext) -> int:
    """New quiet hours, typed."""
    edit = _edit(context)
    _button, text = await _pressed_or_typed(update)
    if edit is None:
        return await _lost(update)
    parsed = parse_quiet_answer(text)
    if parsed is None:
        reply = say.ask_quiet(quiet_hours(context.learner), edit.plan_id, "Sorry, I couldn't read that.\n\n")
        await send(update, reply)
        return EDIT_QUIET
    return await _set_quiet(update, context, QuietHours(*parsed))


async def _set_quiet(update: Update, context: BotContext, quiet: QuietHours) -> int:
    user = update.effective_user
    if user is None:
        return ConversationHandler.END
    core = context.core
    await set_quiet_hours(core.db, core.clock, user.id, quiet, context.default_tz)
    statuses = await plan_statuses(core.db, core.clock, user.id, core.catalog.courses, context.default_tz)
    await send(update, say.quiet_set(quiet, statuses, learner_zone(context.learner, context.default_tz)))
    if context.user_data is not None:
        context.user_data.pop(EDIT, None)
    return ConversationHandler.END


async def _apply(update: Update, context: BotContext, edit: Edit, what: str, **changes: Any) -> int:
    """Save the change (progress untouched) and show the plan as it is now."""
    user = update.effective_user
    if user is None:
        return ConversationHandler.END
    core = context.core
    tz_name = context.default_tz
    edited = await edit_plan(core.db, core.clock, user.id, edit.plan_id, tz_name, **changes)
    if context.user_data is not None:
        context.user_data.pop(EDIT, None)
    status = await plan_status(core.db, core.clock, user.id, edit.plan_id, core.catalog.courses, tz_name)
    if edited is None or status is None:
        await send(update, Reply("That plan can't be changed any more. /progress shows your plans."))
        return ConversationHandler.END
    _plan, due = edited
    await send(update, say.plan_edited(what, status, due, learner_zone(context.learner, tz_name)))
    return ConversationHandler.END


# --- reminder buttons and plan commands --------------------------------------------------------


async def plan_button(update: Update, context: BotContext) -> None:
    """Done ✓ / Finished a module ✓ / Snooze 1 h / Skip today / Pause / Resume / Stop / catch-up.

    The learner sees a short pop-up, and the message they pressed is edited to say what
    happened, keeping only the buttons that still make sense.
    """
    query = update.callback_query
    assert query is not None and query.data is not None and query.from_user is not None
    pressed = PlanAction.parse(query.data)
    core = context.core
    user_id = query.from_user.id
    tz_name = context.default_tz
    plan_id = pressed.plan_id if pressed is not None else 0
    action = pressed.action if pressed is not None else ""
    extra = pressed.extra if pressed is not None else ""
    status = await plan_status(core.db, core.clock, user_id, plan_id, core.catalog.courses, tz_name)
    if status is None:
        # Not this learner's plan, a deleted one, or forged data: change nothing.
        await query.answer("That plan isn't available any more.")
        return
    tz = learner_zone(context.learner, tz_name)
    if action == "done" and extra == say.SESSION_DONE:
        await _session_done(update, context, status)
    elif action == "done" and is_number(extra):
        await _module_done(update, context, status, int(extra))
    elif action == "snz":
        snoozed = await snooze(core.db, core.clock, user_id, plan_id, tz_name, extra)
        if snoozed is None:
            await query.answer("This plan is not active.")
        elif snoozed.due is None:  # an hour from now is in quiet hours: ask, never move silently
            await query.answer()
            await send(update, say.snooze_in_quiet_hours(plan_id, snoozed.choice, tz, snoozed.quiet))
        else:
            note = f"I'll remind you at {say.when(snoozed.due, tz)}."
            await query.answer(f"OK, {note}")
            await _settle(update, plan_id, f"⏰ Snoozed: {note}", say.rows_after("snz", status))
    elif action == "skip":
        due = await skip_today(core.db, core.clock, user_id, plan_id, tz_name)
        if due is None:
            await query.answer("This plan is not active.")
            return
        await query.answer(f"Enjoy your day off! Next: {say.when(due, tz)}.")
        await _settle(update, plan_id, f"⏭ Skipped today. Next: {say.when(due, tz)}.", [])
    elif action == "stop" and extra == say.STOP_KEEP:  # "Keep going": the question goes away
        await query.answer()
        await _settle(update, plan_id, say.KEPT_GOING, [], keep_others=False)
    elif action == "stop" and extra == say.STOP_ASK:  # picked in /stopstudying's list: confirm
        await query.answer()
        await send(update, say.stop_confirm(status.course, plan_id))
    elif action in ("pause", "resume", "stop"):
        wanted = {"pause": PAUSED, "resume": ACTIVE, "stop": STOPPED}[action]
        changed = await set_status(core.db, core.clock, user_id, plan_id, wanted, tz_name)
        if not changed:
            await query.answer("Nothing to change.")
            return
        notes = {
            "pause": "⏸ Paused. /resume when you're ready.",
            "resume": "▶️ Welcome back — reminders are on.",
            "stop": "⏹ Stopped. Your progress is kept.",
        }
        await query.answer(notes[action])
        await _settle(
            update, plan_id, notes[action], say.rows_after(action, status), keep_others=action != "stop"
        )
    elif action == "cu":
        await _catch_up(update, context, status, extra)
    elif action == "at" and is_number(extra) and 0 <= int(extra) < 24 * 60:  # "move it to 7": which 7
        await query.answer()
        await _settle(update, plan_id, "🕖 Study time chosen.", [], keep_others=False)
        await _move_plan(update, context, status, user_id, int(extra))
    else:
        await query.answer("That button is no longer valid.")


async def move_button(update: Update, context: BotContext) -> None:
    """ "Shall I move … to Sat/Sun at 19:00?" (asked after "can i study on weekends instead?"):
    Yes moves the plan and says when the next reminder comes; Keep changes nothing. The
    question's message is edited to say which was chosen."""
    query = update.callback_query
    assert query is not None and query.data is not None and query.from_user is not None
    move = say.PlanMove.parse(query.data)
    core, user_id = context.core, query.from_user.id
    status = None
    if move is not None:
        status = await plan_status(
            core.db, core.clock, user_id, move.plan_id, core.catalog.courses, context.default_tz
        )
    if move is None or status is None:  # not this learner's plan, a deleted one, or forged data
        await query.answer("That plan isn't available any more.")
        return
    await query.answer()
    if move.answer == "keep":
        await _settle(update, move.plan_id, "Kept as it is.", [], keep_others=False)
        return
    await _settle(update, move.plan_id, "✅ Moving it.", [], keep_others=False)
    await _move_plan(update, context, status, user_id, move.new_minute, move.new_days)


async def _session_done(update: Update, context: BotContext, status: PlanStatus) -> None:
    """Done ✓ on a reminder: a session of the plan's length is noted (once a day)."""
    query = update.callback_query
    assert query is not None
    core, user_id, plan_id = context.core, query.from_user.id, status.plan.id or 0
    studied = await record_session(core.db, core.clock, user_id, plan_id, context.default_tz)
    if studied is None:
        await query.answer("This plan is not active.")
        return
    status = (
        await plan_status(core.db, core.clock, user_id, plan_id, core.catalog.courses, context.default_tz)
        or status
    )
    await query.answer(say.session_noted(status, studied))
    note = "✓ Today's session was already noted." if studied.already else (
        f"✓ Session noted: {describe_duration(studied.minutes)}.")  # fmt: skip
    await _settle(update, plan_id, note, say.rows_after("session", status))


async def session_done_typed(update: Update, context: BotContext) -> None:
    """ "done", "studied today": with one active plan, today's session is noted (as the
    reminder's Done ✓); with several, the learner picks which with one tap."""
    if await private_only(update, context, "progress"):
        return
    user = update.effective_user
    if user is None:
        return
    core = context.core
    statuses = [
        s
        for s in await plan_statuses(core.db, core.clock, user.id, core.catalog.courses, context.default_tz)
        if s.plan.status == ACTIVE and s.plan.id is not None
    ]
    if not statuses:
        await send(update, say.no_active_plan_to_note())
        return
    if len(statuses) > 1:
        await send(update, say.which_plan_studied(statuses))
        return
    [status] = statuses
    plan_id = status.plan.id or 0
    studied = await record_session(core.db, core.clock, user.id, plan_id, context.default_tz)
    if studied is None:
        await send(update, say.no_active_plan_to_note())
        return
    courses, tz_name = core.catalog.courses, context.default_tz
    status = await plan_status(core.db, core.clock, user.id, plan_id, courses, tz_name) or status
    rows = say.rows_after("session", status)
    await send(update, Reply(esc(say.session_noted(status, studied)), rows))


async def _one_plan_going(
    update: Update, context: BotContext, command: str, going: list[PlanStatus] | None = None
) -> PlanStatus | None:
    """The learner's one active or paused plan (of `going`, when the caller has them already);
    else says what to do (no plan: how to start one; several: `/command` picks which) and
    returns `None`."""
    user = update.effective_user
    if user is None:
        return None
    statuses = going if going is not None else await _plans_going(context, user.id)
    if len(statuses) != 1:
        none = say.no_active_plan_to_note()
        await send(update, say.several_plans(len(statuses), command) if statuses else none)
        return None
    return statuses[0]


async def _plans_going(context: BotContext, user_id: int) -> list[PlanStatus]:
    """The learner's active and paused plans."""
    core = context.core
    return [
        s
        for s in await plan_statuses(core.db, core.clock, user_id, core.catalog.courses, context.default_tz)
        if s.plan.status in (ACTIVE, PAUSED) and s.plan.id is not None
    ]


async def has_a_plan(update: Update, context: BotContext) -> bool:
    """Whether the learner has a study plan going (active or paused); outside a private chat
    always True, so that what the bot says there tells nobody whether they have one."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type != chat.PRIVATE or user is None:
        return True
    return await open_plan_count(context.core.db, user.id) > 0


async def plan_change_asked(update: Update, context: BotContext, text: str) -> bool:
    """ "can i study on weekends instead", "could i do it at 8pm instead" from a learner with one
    plan going, in a private chat: a change to that plan, offered with one tap to make it (a
    question is not an order: nothing moves until the learner says so) (True); else a question
    about studying in general, left to the FAQ (False)."""
    chat, user = update.effective_chat, update.effective_user
    said = plan_change_said(text)
    if chat is None or chat.type != chat.PRIVATE or user is None or said is None:
        return False
    days, minute = said
    statuses = await _plans_going(context, user.id)
    if len(statuses) != 1:
        return False
    [status] = statuses
    if minute is not None and status.quiet.contains(minute):
        await send(update, say.typed_time_in_quiet_hours(minute, status.quiet))
        return True
    await send(update, say.confirm_move(status.course, status.plan, days, minute))
    return True


async def plan_changed_typed(
    update: Update,
    context: BotContext,
    minute: int | None = None,
    days: tuple[int, ...] | None = None,
    options: tuple[int, ...] | None = None,
) -> None:
    """ "move my reminders to 8pm", "remind me on mondays and thursdays instead": the one plan's
    study time or days (and so its reminders) change as said; a time inside quiet hours is said,
    not set; "move it to 7" (morning or evening?) asks which with two buttons; with several
    plans, /plan picks which."""
    if await private_only(update, context, "plan"):
        return
    user = update.effective_user
    going = await _plans_going(context, user.id) if user is not None else []
    if user is not None and (days or minute is not None) and not going:
        # "remind me mondays and wednesdays at 8pm" before any plan: kept for the plan to come
        if context.user_data is not None:
            context.user_data[SCHEDULE] = (days, minute, context.core.clock.now())
        await send(update, say.schedule_kept(days, minute))
        return
    status = await _one_plan_going(update, context, "plan", going)
    if status is None or user is None:
        return
    if options and minute is None and days is None:
        await send(update, say.which_time(status.plan.id or 0, options))
        return
    await _move_plan(update, context, status, user.id, minute, days)


async def _move_plan(
    update: Update,
    context: BotContext,
    status: PlanStatus,
    user_id: int,
    minute: int | None,
    days: tuple[int, ...] | None = None,
) -> None:
    """The plan's study time or days change (a time inside quiet hours is said, not set), and
    the learner sees the new time and when the next reminder comes."""
    if minute is not None and status.quiet.contains(minute):
        await send(update, say.typed_time_in_quiet_hours(minute, status.quiet))
        return
    core, plan_id = context.core, status.plan.id or 0
    tz_name = context.default_tz
    edited = await edit_plan(core.db, core.clock, user_id, plan_id, tz_name, days=days, minute=minute)
    if edited is None:
        await send(update, say.no_active_plan_to_note())
        return
    plan, due = edited
    tz = learner_zone(context.learner, context.default_tz)
    await send(update, say.time_changed(status.course, plan, due, tz))


async def module_done_typed(update: Update, context: BotContext, position: int) -> None:
    """ "i finished module 2": that module of the one plan is done (as its button does); the
    last one finishes the plan."""
    if await private_only(update, context, "progress"):
        return
    status = await _one_plan_going(update, context, "progress")
    if status is None or update.effective_user is None:
        return
    core, course, tz_name = context.core, status.course, context.default_tz
    user_id, plan_id = update.effective_user.id, status.plan.id or 0
    result = await mark_done(core.db, core.clock, user_id, plan_id, position, len(course.modules), tz_name)
    if result is None:
        await send(update, say.no_such_module(course))
        return
    plan, done = result
    if plan.status == "done":
        await send(update, say.finished(course))
        return
    status = await plan_status(core.db, core.clock, user_id, plan_id, core.catalog.courses, tz_name) or status
    await send(update, say.module_finished(course, position, done, say.rows_after("module", status)))


async def _module_done(update: Update, context: BotContext, status: PlanStatus, position: int) -> None:
    """Finished a module ✓: that module is done; the last one finishes the plan."""
    query = update.callback_query
    assert query is not None
    core, user_id, plan_id, course = context.core, query.from_user.id, status.plan.id or 0, status.course
    tz_name = context.default_tz
    result = await mark_done(core.db, core.clock, user_id, plan_id, position, len(course.modules), tz_name)
    if result is None:
        await query.answer("That module isn't part of this plan.")
        return
    plan, done = result
    await query.answer(say.module_done(course, done))
    status = await plan_status(core.db, core.clock, user_id, plan_id, core.catalog.courses, tz_name) or status
    if plan.status == "done":
        await _settle(update, plan_id, "🎉 Every module finished!", [])
        await send(update, say.finished(course))
        return
    note = f"✓ Module {position} finished ({progress_bar(len(done), len(course.modules)).split(' ', 1)[1]})."
    await _settle(update, plan_id, note, say.rows_after("module", status))


async def _settle(
    update: Update, plan_id: int, note: str, rows: list[list[Button]], keep_others: bool = True
) -> None:
    """Edit the pressed message: what happened, and only the buttons that still make sense
    (other plans' buttons in a merged reminder stay)."""
    query = update.callback_query
    message = query.message if query is not None else None
    if not isinstance(message, Message) or not message.text:
        return
    kept = _other_rows(message, plan_id) if keep_others else []
    reply = say.settled(message.text_html, note, kept + rows)
    try:
        await message.edit_text(reply.text, reply_markup=keyboard(reply.buttons))
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise


def _other_rows(message: Message, plan_id: int) -> list[list[Button]]:
    """The message's buttons that are not about `plan_id`."""
    markup = message.reply_markup
    rows: list[list[Button]] = []
    for row in markup.inline_keyboard if markup is not None else ():
        kept = []
        for button in row:
            data = button.callback_data if isinstance(button.callback_data, str) else None
            action = (
                PlanAction.parse(data) or say.EaseOff.parse(data) or say.PlanEdit.parse(data)
                or say.PlanMove.parse(data)
            )  # fmt: skip
            if data is not None and (action is None or action.plan_id != plan_id):
                kept.append(Button(button.text, data=data))
        if kept:
            rows.append(kept)
    return rows


async def ease_button(update: Update, context: BotContext) -> int:
    """After ignored reminders: Keep going / Less often / A week off / Stop. It acts at once, and
    the reminder is edited to say what happened."""
    query = update.callback_query
    assert query is not None and query.from_user is not None
    pressed = say.EaseOff.parse(query.data)
    core, user_id, tz_name = context.core, query.from_user.id, context.default_tz
    status = None
    if pressed is not None:
        status = await plan_status(
            core.db, core.clock, user_id, pressed.plan_id, core.catalog.courses, tz_name
        )
    if pressed is None or status is None or status.plan.status != ACTIVE:
        await query.answer("This plan is not active.")
        return ConversationHandler.END
    plan_id, tz = pressed.plan_id, learner_zone(context.learner, tz_name)
    note = ""
    if pressed.choice == "stop":
        await set_status(core.db, core.clock, user_id, plan_id, STOPPED, tz_name)
        note = "⏹ Stopped. Your progress is kept; press Start studying on a course any time."
    elif pressed.choice == "week":
        due = await take_a_week_off(core.db, core.clock, user_id, plan_id, tz_name)
        note = f"🌴 Enjoy the week off. I'll be back on {say.when(due, tz)}." if due else ""
    else:
        days = fewer_days(days_of(status.plan)) if pressed.choice == "less" else None
        edited = await edit_plan(core.db, core.clock, user_id, plan_id, tz_name, days=days)
        due = edited[1] if edited else None
        when_next = f" Next: {say.when(due, tz)}." if due else ""
        note = (f"📅 OK: {describe_days(days)} from now on.{when_next}" if days
                else f"💪 Great, let's keep going.{when_next}")  # fmt: skip
    await query.answer(note[:200] or "This plan is not active.")
    if note:
        await _settle(update, plan_id, note, [])
    return ConversationHandler.END


async def _catch_up(update: Update, context: BotContext, status: Any, extra: str) -> None:
    query = update.callback_query
    assert query is not None and query.from_user is not None
    core = context.core
    tz_name = context.default_tz
    today = await _today(update, context)
    from bot.study.store import remaining_fit

    if extra.startswith("days:") and is_number(extra.removeprefix("days:")):
        days = spread_days(
            tuple(int(d) for d in status.plan.study_days.split(",")), min(7, int(extra.removeprefix("days:")))
        )
        await change_pace(core.db, core.clock, query.from_user.id, status.plan.id, tz_name, days=days)
    else:
        _needed, finish = remaining_fit(status, today)
        await change_pace(core.db, core.clock, query.from_user.id, status.plan.id, tz_name, target=finish)
    await query.answer("Plan updated.")
    statuses = await plan_statuses(
        core.db, core.clock, query.from_user.id, core.catalog.courses, tz_name, include_finished=True
    )
    learner = context.learner
    await show(update, say.progress(statuses, learner_zone(learner, tz_name), today))


async def progress_command(update: Update, context: BotContext) -> None:
    """/progress: each plan with its progress bar, ahead/behind, next reminder, catch-up buttons."""
    if await private_only(update, context, "progress"):
        return
    user = update.effective_user
    if user is None:
        return
    core = context.core
    tz_name = context.default_tz
    statuses = await plan_statuses(
        core.db, core.clock, user.id, core.catalog.courses, tz_name, include_finished=True
    )
    learner = context.learner
    draft = _draft(context)
    planning = draft.course if draft is not None else None
    today = await _today(update, context)
    await send(update, say.progress(statuses, learner_zone(learner, tz_name), today, planning))


async def reminders_command(update: Update, context: BotContext) -> None:
    """/reminders: the upcoming reminders, in the learner's time."""
    if await private_only(update, context, "reminders"):
        return
    user = update.effective_user
    if user is None:
        return
    core = context.core
    tz_name = context.default_tz
    statuses = await plan_statuses(core.db, core.clock, user.id, core.catalog.courses, tz_name)
    learner = context.learner
    draft = _draft(context)
    planning = draft.course if draft is not None else None
    await send(update, say.upcoming(statuses, learner_zone(learner, tz_name), planning))


async def pause_command(update: Update, context: BotContext) -> None:
    """/pause: every active plan pauses (no reminders) until /resume; when the learner says how
    long ("pause for a week", "/pause 10 days", "hold off until after Christmas"), until that
    day, and the reminders start again by themselves."""
    message = update.effective_message
    text = message.text if message is not None and message.text else ""
    until = parse_pause_end(text, await _today(update, context))
    if until is None:
        await _set_all(update, context, PAUSED, "Paused {n}. Send /resume when you're ready.")
        return
    await _set_all(update, context, PAUSED, say.paused_until(until), resume_on=until)


async def resume_command(update: Update, context: BotContext) -> None:
    """/resume: paused plans start reminding again from their next study time."""
    await _set_all(update, context, ACTIVE, "Resumed {n}. /reminders shows what's next.")


async def _set_all(
    update: Update, context: BotContext, status: str, done: str, resume_on: date | None = None
) -> None:
    """Pause or resume every plan; when none changed, why (already so, or no plan) and what next."""
    user = update.effective_user
    if user is None:
        return
    core = context.core
    changed = await set_all(core.db, core.clock, user.id, status, context.default_tz, resume_on)
    if changed:
        await send(update, Reply(done.format(n=plural(changed, "plan"))))
        return
    statuses = await plan_statuses(
        core.db, core.clock, user.id, core.catalog.courses, context.default_tz, include_finished=True
    )
    going = any(s.plan.status in (ACTIVE, PAUSED) for s in statuses)
    draft = _draft(context)
    planning = draft.course if draft is not None else None
    await send(update, say.nothing_to_set(status == PAUSED, going, bool(statuses), planning))


async def stop_command(update: Update, context: BotContext) -> None:
    """/stopstudying: one plan's confirmation, or one message listing the plans to pick from.

    Only in the learner's private chat: the list names their courses."""
    if await private_only(update, context, "stopstudying"):
        return
    user = update.effective_user
    if user is None:
        return
    core = context.core
    statuses = await plan_statuses(core.db, core.clock, user.id, core.catalog.courses, context.default_tz)
    if not statuses:
        await send(update, Reply("You have no study plan to stop."))
        return
    if len(statuses) == 1:
        await send(update, say.stop_confirm(statuses[0].course, statuses[0].plan.id or 0))
        return
    await send(update, say.choose_plan_to_stop(statuses))  # one message, whatever the number


AWAITED_SETTING = "awaited_setting"  # user_data: "timezone" or "quiet" after the bare command


async def timezone_command(update: Update, context: BotContext) -> None:
    """/timezone <city or offset>: set the learner's zone; reminders move to the new local time.
    Bare /timezone shows the zone, and the next message may be the new one. Private chats only."""
    if await private_only(update, context, "timezone"):
        return
    text = " ".join(context.args or [])
    learner = context.learner
    current = learner.timezone if learner and learner.timezone else context.default_tz
    if not text:
        await send(update, Reply(
            f"Your time zone is <b>{current}</b>. To change it, type your city or zone "
            "(e.g. Berlin, Delhi, NYC, EST or UTC+2)."
        ))  # fmt: skip
        _await_setting(context, "timezone")
        return
    await _set_timezone(update, context, text)


async def _set_timezone(update: Update, context: BotContext, text: str) -> None:
    user = update.effective_user
    if user is None:
        return
    core = context.core
    found = await asyncio.to_thread(parse_zone, text)
    if found is not None and found.name is None:
        choices = "\n".join(
            f"• {esc(label)}: <code>/timezone {zone_name}</code>" for label, zone_name in found.options
        )
        await send(update, Reply(f"That could be more than one place. Which one?\n{choices}"))
        return
    if found is None or found.name is None:
        await send(update, say.bad_input("a time zone", "Berlin, Delhi, NYC, EST or UTC+2"))
        return
    name = found.name
    await set_timezone(core.db, core.clock, user.id, name, context.default_tz)
    local = core.clock.now().astimezone(zone(name)).strftime("%H:%M")
    await send(update, say.timezone_set(name, local))


def _await_setting(context: BotContext, setting: str) -> None:
    if context.user_data is not None:
        context.user_data[AWAITED_SETTING] = setting


async def answer_awaited_setting(update: Update, context: BotContext, text: str) -> bool:
    """The message right after a bare /timezone or /quiet: when it reads as a zone or as quiet
    hours, it sets them (True); anything else is understood as usual (False)."""
    setting = context.user_data.pop(AWAITED_SETTING, None) if context.user_data is not None else None
    if setting == "timezone" and await asyncio.to_thread(parse_zone, text) is not None:
        await _set_timezone(update, context, text)
        return True
    if setting == "quiet" and parse_quiet_answer(text) is not None:
        await _quiet_from_text(update, context, text)
        return True
    return False


async def quiet_command(update: Update, context: BotContext) -> None:
    """/quiet 22:00-08:00 (or off): no reminders in that local window; they wait until it ends.
    Bare /quiet shows them, and the next message may be the new ones. Private chats only."""
    if await private_only(update, context, "quiet"):
        return
    text = " ".join(context.args or [])
    learner = context.learner
    if not text and learner is not None:
        current = (
            f"{describe_minute(learner.quiet_start_minute)}–{describe_minute(learner.quiet_end_minute)}"
            if learner.quiet_start_minute != learner.quiet_end_minute
            else "off"
        )
        hint = "To change them, type e.g. <i>23:00-07:00</i> or <i>off</i>."
        await send(update, Reply(f"Your quiet hours: <b>{current}</b>. {hint}"))
        _await_setting(context, "quiet")
        return
    await _quiet_from_text(update, context, text)


async def _quiet_from_text(update: Update, context: BotContext, text: str) -> None:
    user = update.effective_user
    if user is None:
        return
    core = context.core
    learner = context.learner
    parsed = parse_quiet_answer(text)
    quiet = QuietHours(*parsed) if parsed is not None else None
    if quiet is None:
        await send(update, say.bad_input("quiet hours", "22:00-08:00, 10pm to 7am, or off"))
        return
    await set_quiet_hours(core.db, core.clock, user.id, quiet, context.default_tz)
    statuses = await plan_statuses(core.db, core.clock, user.id, core.catalog.courses, context.default_tz)
    await send(update, say.quiet_set(quiet, statuses, learner_zone(learner, context.default_tz)))
