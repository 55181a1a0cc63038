"""FAQ replies as plain values: answers, "Did you mean…?", the honest fallback, topic menus.

Callback data used here (handled in `handlers/faq.py` and `handlers/search.py`):
  f:a:<entry id>   show an entry's answer
  f:t:<topic id>   list a topic's questions
  f:m              the topic menu
  s:q:<query>      run a catalogue search
"""

from __future__ import annotations

from bot.callbacks import CourseQuestion, FaqAnswer, FaqTopic, FaqTopics, MenuChoice, SearchFor
from bot.catalog.search import CourseInfo
from bot.faq.matcher import Faq, FaqEntry, Match, SmalltalkIntent, pick_reply
from bot.replies import Button, Reply, esc, shorten
from bot.understand.language import LanguageReply

# Entries that, asked right after a course card, are answered about that course first,
# from its own catalogue fields.
RECOGNITION_ENTRIES = frozenset(
    {
        "employer-recognition",
        "certificate",
        "check-before",
        "stand-out",
        "legit-provider",
        "international-recognition",
        "recognised-sectors",
        "worth-it",
    }
)
COURSE_AWARE_ENTRIES = RECOGNITION_ENTRIES | frozenset(
    {
        "duration",
        "cost",
        "mobile",
        "study-modes",
        "study-while-working",
        "assessment",
        "prerequisites",
        "credit-transfer",
        "eqf-levels",
        "language-english",
        "deadlines",
        "card-fields",
        "who-offers",
    }
)
NOT_STATED = "not stated"

TOPIC_MENU_BUTTON = Button("📚 Browse all topics", data=FaqTopics())
HELP_LINE = (
    "I can help with microcredentials: what they are, what they cost, how employers see them, "
    "and how to choose one. I can also find courses for a skill (try <i>python</i> or "
    "<i>project management</i>) and keep you on track with a study plan."
)


def answer(faq: Faq, entry: FaqEntry, course: CourseInfo | None = None, courses_for: str = "") -> Reply:
    """The entry's answer, with related questions and (where it fits) a search button.

    With `course` (the card the learner just saw) and an entry about something a course's
    fields can answer, the reply starts with what that course's own fields say. `courses_for`
    is a search the question itself names ("career change into cyber security", "what courses
    are free"), offered as a button before the entry's own.
    """
    text = entry.answer
    about = about_course(entry.id, course) if course is not None else None
    if about is not None:
        text = about + "\n\n<b>In general:</b> " + text
    rows: list[list[Button]] = []
    for related_id in entry.related[:3]:
        related = faq.by_id.get(related_id)
        if related is not None:
            rows.append([Button(shorten(related.question, 60), data=FaqAnswer(related.id))])
    if courses_for:
        rows.append([Button(f"🔎 Courses: {shorten(courses_for, 40)}", data=SearchFor.fitting(courses_for))])
    if entry.search and entry.search != courses_for:
        rows.append(
            [
                Button(
                    f"🔎 Courses: {shorten(entry.search, 40)}",
                    data=SearchFor.fitting(entry.search),
                )
            ]
        )
    rows.append([TOPIC_MENU_BUTTON])
    return Reply(text, rows)


def did_you_mean(match: Match, course_id: int | None = None, courses_for: str = "") -> Reply:
    """Not sure: offer the closest questions as buttons rather than guess. Right after a
    course card (`course_id`), a question its fields answer is answered about it first. A goal
    the question names (`courses_for`: "want to move into management, what would help") is
    offered as a search too."""
    rows = [
        [Button(shorten(scored.entry.question, 60), data=_asked(scored.entry.id, course_id))]
        for scored in match.ranked[:3]
    ]
    if courses_for:
        label = f"🔎 Courses for {shorten(courses_for, 40)}"
        rows.append([Button(label, data=SearchFor.fitting(courses_for))])
    rows.append([TOPIC_MENU_BUTTON])
    which = "this" if len(match.ranked) == 1 else "one of these"
    return Reply(f"I'm not quite sure what you mean. Did you mean {which}?", rows)


def _asked(entry_id: str, course_id: int | None) -> FaqAnswer | CourseQuestion:
    if course_id is not None and entry_id in COURSE_AWARE_ENTRIES:
        return CourseQuestion(course_id, entry_id)
    return FaqAnswer(entry_id)


def fallback() -> Reply:
    """Off-topic or unclear: say honestly what the bot can do, with the menu."""
    return Reply(
        "Sorry, that's outside what I know. " + HELP_LINE,
        [
            [TOPIC_MENU_BUTTON],
            [Button("🔎 Find a course", data=MenuChoice("find"))],
        ],
    )


def smalltalk(intent: SmalltalkIntent, seed: int | None = None) -> Reply:
    return Reply(pick_reply(intent, seed), [[TOPIC_MENU_BUTTON]])


def topic_menu(faq: Faq) -> Reply:
    rows = [[Button(topic.title, data=FaqTopic(topic.id))] for topic in faq.topics]
    rows.append([Button("⬅️ Main menu", data=MenuChoice("home"))])
    return Reply("<b>Questions about microcredentials</b>\nPick a topic:", rows)


def topic_questions(faq: Faq, topic_id: str) -> Reply | None:
    topic = faq.topic(topic_id)
    if topic is None:
        return None
    rows = [
        [Button(shorten(entry.question, 60), data=FaqAnswer(entry.id))] for entry in faq.in_topic(topic_id)
    ]
    rows.append([Button("⬅️ All topics", data=FaqTopics())])
    return Reply(f"<b>{esc(topic.title)}</b>\nPick a question:", rows)


def other_language(reply: LanguageReply) -> Reply:
    """An honest reply in the learner's language (answers are in English for now), with topics."""
    return Reply(reply.reply, [[TOPIC_MENU_BUTTON], [Button("🔎 Find a course", data=MenuChoice("find"))]])


def about_course(entry_id: str, course: CourseInfo) -> str | None:
    """What the course's own fields say about the question, or `None` if they say nothing."""
    if entry_id not in COURSE_AWARE_ENTRIES:
        return None
    header = f"<b>About {esc(course.title)}</b> ({esc(course.provider)}, {esc(course.provider_country)})"
    if course.is_sample:
        header += " — <i>a sample course from a fictional provider</i>"
    if entry_id in RECOGNITION_ENTRIES or entry_id in ("credit-transfer", "eqf-levels", "card-fields"):
        lines = _recognition_lines(course)
    else:
        lines = _practical_lines(entry_id, course)
    return "\n".join([header + ":", *lines])


def _stated(value: str | None) -> str:
    return (
        esc(value) if value and value.strip() and value.strip().lower() not in ("none", "-") else NOT_STATED
    )


def _external_review(quality_assurance: str) -> bool:
    """Whether the stated quality assurance involves a body outside the provider."""
    text = quality_assurance.lower()
    return any(
        marker in text
        for marker in ("accredited by", "accredited", "externally", "audited", "agency", "authority",
                       "qualifications board", "standards")
    )  # fmt: skip


def _recognition_lines(course: CourseInfo) -> list[str]:
    """Certificate, quality assurance, credits, level, stacking; then what it has and lacks."""
    lines = [
        f"• Certificate: {_stated(course.certificate_type)}",
        f"• Assessment: {_stated(course.assessment_type)}",
        f"• Quality assurance: {_stated(course.quality_assurance)}",
        f"• Credits: {f'{course.ects_credits:g} ECTS' if course.ects_credits else NOT_STATED}",
        f"• EQF level: {course.eqf_level if course.eqf_level else NOT_STATED}",
    ]
    if course.stackability:
        lines.append(f"• Stacks into: {esc(course.stackability)}")
    has: list[str] = []
    lacks: list[str] = []
    (has if course.ects_credits else lacks).append("ECTS credits")
    (has if course.eqf_level else lacks).append("an EQF level" if course.eqf_level else "EQF level")
    if _external_review(course.quality_assurance):
        has.append("external quality assurance")
    elif course.quality_assurance.strip():
        lacks.append("external quality assurance (only the provider's own review)")
    else:
        lacks.append("quality assurance")
    summary = []
    if has:
        summary.append(f"It states {_and(has)}, which employers and universities can check.")
    if lacks:
        summary.append(
            f"It states no {_and(lacks, 'no ')}, so how far it is recognised rests more on the "
            "provider's reputation and on what you can show you learned."
        )
    summary.append("Ask employers in your field whether they know this provider.")
    return [*lines, " ".join(summary)]


def _practical_lines(entry_id: str, course: CourseInfo) -> list[str]:
    pace = "self-paced" if course.self_paced else "scheduled (fixed dates)"
    price = "free" if course.price == 0 else f"{course.price:g} {esc(course.currency)}"
    online = course.participation_form == "online"
    facts = {
        "duration": [f"• Workload: about {course.workload_hours} hours, {pace}"],
        "study-while-working": [f"• Workload: about {course.workload_hours} hours, {pace}"],
        "deadlines": [f"• Pace: {pace}", "• Deadlines and extensions: ask the provider"],
        "cost": [f"• Price: {price}"],
        "mobile": [
            f"• Format: {esc(course.participation_form)}, {pace}",
            "• Phone-friendly: not stated — online courses usually work in a phone browser, "
            "but check with the provider"
            if online
            else "• Phone-friendly: it is not fully online",
        ],
        "study-modes": [f"• Format: {esc(course.participation_form)}, {pace}"],
        "assessment": [f"• Assessment: {_stated(course.assessment_type)}"],
        "prerequisites": [f"• Prerequisites: {_stated(course.prerequisites)}"],
        "language-english": [f"• Language: {_stated(course.language)}"],
        "who-offers": [
            f"• Provider: {esc(course.provider)} ({esc(course.provider_country)})",
            f"• Quality assurance: {_stated(course.quality_assurance)}",
        ],
    }
    return facts.get(entry_id, [])


def _and(items: list[str], each: str = "") -> str:
    """ "a, b and c"; with `each` ("no "): "a, no b and no c" (the first takes it from the sentence)."""
    if len(items) == 1:
        return items[0]
    return f", {each}".join(items[:-1]) + f" and {each}" + items[-1]
