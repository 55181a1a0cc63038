"""Free text: the core's understanding step decides, and each callback here acts on it.

What the learner sees for each reading: courses (search), an answer (about the course card
they just saw, when it fits), "Did you mean…?", a clarifying question with two buttons,
a small-talk reply, a warm reply to a wellbeing message, a plan action, an honest reply in
their language, where times are set (a bare "8am" or "2" outside any question), or the
"here is what I can help with" fallback.
"""

from __future__ import annotations

from telegram import Update

from bot.callbacks import FaqAnswer, MenuChoice, SearchFor
from bot.catalog import replies as course_replies
from bot.faq import replies as answers
from bot.replies import Button, Reply, shorten
from bot.study.parse import days_asked, module_reported, time_asked, times_asked
from bot.understand.intent import Context, Understanding
from handlers import advise, study
from handlers.common import send
from handlers.context import BotContext
from handlers.search import (
    ASK_FOR_SKILL,
    LAST_RESULTS,
    LAST_SHORTLIST,
    compare_from_results,
    compare_from_shortlist,
    next_page_of_results,
    pick_from_results,
    pick_from_shortlist,
    recall_results,
    run_search,
    shortlist_shown,
)

MAX_TEXT = 500  # longer messages are read up to here: nobody asks an FAQ in 4,000 characters

# Kept per learner in `user_data`: what the bot said last, for follow-ups.
EXPECTING_SKILL = "expecting_skill"
LAST_FAQ = "last_faq"


def conversation_context(context: BotContext) -> Context:
    data = context.user_data if context.user_data is not None else {}
    learner = context.learner
    return Context(
        expecting_skill=bool(data.get(EXPECTING_SKILL)),
        last_course_id=learner.last_course_id if learner is not None else None,
        last_faq_id=data.get(LAST_FAQ) if isinstance(data.get(LAST_FAQ), str) else None,
        after_results=isinstance(data.get(LAST_RESULTS), str) or bool(data.get(LAST_SHORTLIST)),
    )


def remember(context: BotContext, *, expecting_skill: bool = False, last_faq: str | None = None) -> None:
    if context.user_data is None:
        return
    context.user_data[EXPECTING_SKILL] = expecting_skill
    context.user_data[LAST_FAQ] = last_faq
    context.user_data[LAST_RESULTS] = None  # run_search notes a new page when it shows one
    context.user_data[LAST_SHORTLIST] = None


async def ask_for_skill(update: Update, context: BotContext) -> None:
    """ "Which skill would you like to learn?": the next text is read as a skill."""
    remember(context, expecting_skill=True)
    await send(update, ASK_FOR_SKILL)


async def free_text(update: Update, context: BotContext) -> None:
    """Whatever the learner typed gets the reply that fits what they meant."""
    message = update.effective_message
    if message is None or message.text is None or update.effective_user is None:
        return
    core = context.core
    text = message.text[:MAX_TEXT]
    if await study.answer_awaited_setting(update, context, text):  # "tokyo" right after /timezone
        remember(context)
        return
    understood = core.understander.understand(text, conversation_context(context))
    data = context.user_data if context.user_data is not None else {}
    results, shortlist = data.get(LAST_RESULTS), data.get(LAST_SHORTLIST)
    remember(context)
    if understood.kind == "pick" and isinstance(results, str):
        await pick_from_results(update, context, results, understood.pick)
    elif understood.kind == "next-page" and isinstance(results, str):
        await next_page_of_results(update, context, results)
    elif understood.kind == "next-page":  # after the advise-me shortlist: it has no next page
        if isinstance(shortlist, list):
            shortlist_shown(context, shortlist)  # still about it: "the second one" may follow
        await send(update, Reply(course_replies.WHOLE_SHORTLIST))
    elif understood.kind == "compare" and isinstance(results, str):
        await compare_from_results(update, context, results, understood.compare)
    elif understood.kind == "compare" and isinstance(shortlist, list):
        await compare_from_shortlist(update, context, shortlist, understood.compare)
    elif understood.kind == "pick" and isinstance(shortlist, list):
        await pick_from_shortlist(update, context, shortlist, understood.pick)
    elif understood.kind in ("pick", "no-list"):  # "the first one" with no list just shown
        await send(update, Reply(course_replies.NO_LIST))
    elif understood.kind == "search":
        query = understood.query
        if understood.like_course:
            query = _like_the_card(context, query)
        elif understood.like_results and isinstance(results, str):
            query = await _like_the_results(context, results, query)
        if query and understood.worried:
            # "…panicking a bit lol": a warm line before the courses; when none fit, the care
            # reply (its next steps), then what the search found instead
            note = Reply(core.care.search_note) if core.care.search_note else None

            async def instead() -> Reply:  # the care reply fits whether the learner has a plan
                return care_reply(context, urgent=False, has_plan=await study.has_a_plan(update, context))

            await run_search(update, context, query, before_results=note, before_nothing=instead)
        elif query:
            await run_search(update, context, query)
        else:  # "any courses?", "not sure really" after "Which skill…?": the advise-me questions
            await advise.start_from_elsewhere(update, context)
    elif understood.kind in ("faq", "suggest") and await study.plan_change_asked(update, context, text):
        pass  # "can i study on weekends instead", with a plan going: its days change
    elif understood.kind == "faq":
        await _answer(update, context, understood)
    elif understood.kind == "suggest" and understood.match is not None:
        learner = context.learner
        card = learner.last_course_id if understood.about_course and learner is not None else None
        await send(update, answers.did_you_mean(understood.match, card, courses_for=understood.query))
    elif understood.kind == "clarify":
        await send(update, _clarify(understood))
    elif understood.kind == "smalltalk" and understood.match and understood.match.smalltalk:
        await send(update, answers.smalltalk(understood.match.smalltalk))
    elif understood.kind == "urgent":
        await send(update, care_reply(context, urgent=True, language=understood.language))
    elif understood.kind == "care" and understood.match is not None and understood.match.kind == "answer":
        # A worry said along with a plain question ("exams make me panic, are there any?"):
        # the warm word first, then the answer, so nothing asked is left waiting.
        has_plan = await study.has_a_plan(update, context)
        await send(update, care_reply(context, urgent=False, has_plan=has_plan))
        await _answer(update, context, understood)
    elif understood.kind == "care":
        has_plan = await study.has_a_plan(update, context)
        await send(update, care_reply(context, urgent=False, language=understood.language, has_plan=has_plan))
    elif understood.kind == "plan":
        if understood.worried and core.care.plan_note:  # "…stressing me out lol, move it to 8"
            await send(update, Reply(core.care.plan_note))
        written_in = core.languages.replies.get(understood.language or "")
        if written_in is not None and written_in.plan_note:  # "pausa por favor": in English, said so
            await send(update, Reply(written_in.plan_note))
        await _plan_action(update, context, understood)
    elif understood.kind == "setting":
        await send(update, setting_hint())
    elif understood.kind == "language" and understood.language:
        await send(update, answers.other_language(core.languages.replies[understood.language]))
    else:
        await send(update, answers.fallback())


async def _like_the_results(context: BotContext, state: str, filters: str) -> str:
    """ "any free ones?" right after a results page: that search again, with these filters."""
    user = context.learner
    found = await recall_results(context, user.id, state) if user is not None else None
    return f"{filters} {found[1]}".strip() if found is not None else filters


def _like_the_card(context: BotContext, filters: str) -> str:
    """ "any cheaper ones?" right after a card: its subject (or first skill), with the filters
    asked for."""
    learner, catalog = context.learner, context.core.catalog
    if learner is None or learner.last_course_id is None:
        return filters
    return f"{filters} {catalog.topic_of(learner.last_course_id)}".strip()


async def _answer(update: Update, context: BotContext, understood: Understanding) -> None:
    """An FAQ answer; right after a course card, about that course first where it fits."""
    core = context.core
    assert understood.match is not None and understood.match.best is not None
    entry = understood.match.best.entry
    course = None
    learner = context.learner
    if understood.about_course and learner is not None and learner.last_course_id is not None:
        course = core.catalog.get(learner.last_course_id)
    remember(context, last_faq=entry.id)
    await send(update, answers.answer(core.faq, entry, course, courses_for=understood.query))


def _clarify(understood: Understanding) -> Reply:
    """Two close readings: ask once rather than guess."""
    assert understood.match is not None and understood.match.best is not None
    entry = understood.match.best.entry
    return Reply(
        "Did you want courses, or an answer to a question?",
        [
            [
                Button(
                    f"🔎 Courses for {shorten(understood.query, 40)}",
                    data=SearchFor.fitting(understood.query),
                )
            ],
            [Button(f"❓ {shorten(entry.question, 55)}", data=FaqAnswer(entry.id))],
        ],
    )


def setting_hint() -> Reply:
    """A bare time or number outside any question ("8am", "2"): where study times and days are
    set, and how to search instead."""
    return Reply(
        "That looks like a time or a number, but I didn't ask for one just now. Study days and "
        "times are set in your plan: /plan to change them, /study to make one, /reminders to see "
        "when they come. To find courses, type a skill, for example <i>python</i>.",
        [[Button("📅 My study plan", data=MenuChoice("plan"))]],
    )


def care_reply(
    context: BotContext, *, urgent: bool, language: str | None = None, has_plan: bool = True
) -> Reply:
    """Warm and short; a small next step as a button; never medical advice. In the learner's
    language when they wrote in one we have these replies for; before any study plan, steps for
    starting out (not pausing reminders the learner does not have)."""
    care = context.core.care
    own = context.core.languages.replies.get(language) if language else None
    if urgent:
        return Reply(own.urgent_reply if own and own.urgent_reply else care.urgent_reply)
    if not has_plan and care.reply_before_a_plan and not (own and own.care_reply):
        rows = [
            [Button("🔎 Find a course", data=MenuChoice("find"))],
            [Button("❓ Ask a question", data=MenuChoice("ask"))],
        ]
        return Reply(care.reply_before_a_plan, rows)
    text = own.care_reply if own and own.care_reply else care.reply
    return Reply(text, [[Button("📅 My study plan", data=MenuChoice("plan"))]])


async def _plan_action(update: Update, context: BotContext, understood: Understanding) -> None:
    """ "pause my reminders", "show my progress": the same as the command; "move my reminders to
    8pm", "remind me on mondays and thursdays instead" and "i finished module 2" do what they say;
    "move it to 7" asks which 7 with two buttons."""
    action = understood.plan_action
    message = update.effective_message
    text = message.text if message is not None and message.text else ""
    minute = time_asked(text) if action == "reminders" else None
    days = days_asked(text) if action == "reminders" else None
    options = times_asked(text) if action == "reminders" and minute is None else None
    module = module_reported(text) if action in ("done", "progress", "study") else None
    if minute is not None or days is not None or options is not None:
        await study.plan_changed_typed(update, context, minute=minute, days=days, options=options)
    elif module is not None:
        await study.module_done_typed(update, context, module)
    elif action == "progress":
        await study.progress_command(update, context)
    elif action == "reminders":
        await study.reminders_command(update, context)
    elif action == "pause":
        await study.pause_command(update, context)
    elif action == "resume":
        await study.resume_command(update, context)
    elif action == "stop":
        await study.stop_command(update, context)
    elif action == "done":
        await study.session_done_typed(update, context)
    else:
        await study.start_plan(update, context)


async def not_text(update: Update, context: BotContext) -> None:
    """Photos, stickers, voice and the like: say kindly that the bot reads text."""
    await send(
        update,
        Reply(
            "I can only read text messages. Type a question about microcredentials, or a skill "
            "you'd like to learn (for example <i>python</i>)."
        ),
    )
