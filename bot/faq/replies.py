"""FAQ replies as plain values: answers, "Did you mean…?", the honest fallback, topic menus.

Callback data used here (handled in `handlers/faq.py` and `handlers/search.py`):
  f:a:<entry id>   show an entry's answer
  f:t:<topic id>   list a topic's questions
  f:m              the topic menu
  s:q:<query>      run a catalogue search
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import FaqAnswer, FaqTopic, FaqTopics, MenuChoice, SearchFor
from bot.catalog.search import CourseInfo
from bot.faq.matcher import Faq, FaqEntry, Match, SmalltalkIntent, pick_reply
from bot.replies import Button, Reply, esc, shorten

# Entries that, asked right after a course card, are answered about that course first.
COURSE_AWARE_ENTRIES = frozenset({"employer-recognition", "certificate", "check-before", "stand-out"})

TOPIC_MENU_BUTTON = Button("📚 Browse all topics", data=FaqTopics())
HELP_LINE = (
    "I can help with microcredentials: what they are, what they cost, how employers see them, "
    "and how to choose one. I can also find courses for a skill (try <i>python</i> or "
    "<i>project management</i>) and keep you on track with a study plan."
)


@dataclass(frozen=True)
class CourseFacts:
    """What a learner needs to judge a course's recognition (from the catalogue)."""

    course_id: int
    title: str
    provider: str
    country: str
    certificate_type: str
    quality_assurance: str
    stackability: str | None
    ects_credits: float | None
    eqf_level: int | None

    @classmethod
    def of(cls, course: CourseInfo) -> CourseFacts:
        return cls(
            course_id=course.id, title=course.title, provider=course.provider,
            country=course.provider_country, certificate_type=course.certificate_type,
            quality_assurance=course.quality_assurance, stackability=course.stackability,
            ects_credits=course.ects_credits, eqf_level=course.eqf_level,
        )  # fmt: skip


def answer(faq: Faq, entry: FaqEntry, course: CourseFacts | None = None) -> Reply:
    """The entry's answer, with related questions and (where it fits) a search button."""
    text = entry.answer
    if course is not None and entry.id in COURSE_AWARE_ENTRIES:
        text = _course_recognition(course) + "\n\n<b>In general:</b> " + text
    rows: list[list[Button]] = []
    for related_id in entry.related[:3]:
        related = faq.by_id.get(related_id)
        if related is not None:
            rows.append([Button(shorten(related.question, 60), data=FaqAnswer(related.id))])
    if entry.search:
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


def did_you_mean(match: Match) -> Reply:
    """Not sure: offer the closest questions as buttons rather than guess."""
    rows = [
        [Button(shorten(scored.entry.question, 60), data=FaqAnswer(scored.entry.id))]
        for scored in match.ranked[:3]
    ]
    rows.append([TOPIC_MENU_BUTTON])
    return Reply("I'm not quite sure what you mean. Did you mean one of these?", rows)


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


def _course_recognition(course: CourseFacts) -> str:
    lines = [f"<b>About {esc(course.title)}</b> ({esc(course.provider)}, {esc(course.country)}):"]
    lines.append(f"• Certificate: {esc(course.certificate_type or 'not stated')}")
    if course.quality_assurance:
        lines.append(f"• Quality assurance: {esc(course.quality_assurance)}")
    if course.ects_credits:
        lines.append(f"• Credits: {course.ects_credits:g} ECTS")
    if course.eqf_level:
        lines.append(f"• Level: EQF {course.eqf_level}")
    if course.stackability:
        lines.append(f"• Stacks into: {esc(course.stackability)}")
    lines.append(
        "Credits, a quality-assured provider and a recognised certificate all help employers "
        "trust it; ask employers in your field whether they know this provider."
    )
    return "\n".join(lines)
