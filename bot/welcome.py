"""The bot's own words for /start and /help (FAQ answers live in content/)."""

from __future__ import annotations

from bot.callbacks import AdviceChoice, MenuChoice
from bot.replies import Button, Reply, esc

MENU_BUTTONS = [
    [Button("❓ Ask a question", data=MenuChoice("ask"))],
    [Button("🔎 Find a course", data=MenuChoice("find"))],
    [Button("🧭 Advise me", data=AdviceChoice("s"))],
    [Button("📅 My study plan", data=MenuChoice("plan"))],
]

COMMANDS: list[tuple[str, str]] = [
    ("start", "Welcome and main menu"),
    ("help", "What I can do and how"),
    ("faq", "Browse questions about microcredentials"),
    ("search", "Find courses for a skill, e.g. /search python"),
    ("advise", "Get a shortlist of courses for your goal"),
    ("study", "Start a study plan for a course"),
    ("progress", "Your study progress"),
    ("plan", "Change your plan's time, days, session length, target date or quiet hours"),
    ("reminders", "Your upcoming reminders"),
    ("pause", "Pause study reminders, e.g. /pause 2 weeks"),
    ("resume", "Resume study reminders"),
    ("stopstudying", "Stop a study plan"),
    ("timezone", "Set your time zone"),
    ("quiet", "Set quiet hours for reminders"),
    ("cancel", "Stop planning (nothing is saved)"),
    ("mydata", "See what I store about you"),
    ("forget", "Delete everything I store about you"),
]


def welcome(first_name: str) -> Reply:
    name = esc(first_name.strip()) or "there"
    text = (
        f"Hi {name}! I'm <b>Microcred Advisor</b>.\n"
        "I answer questions about microcredentials, find short certified courses for the "
        "skill you want, and keep you going with a study plan and reminders at your own pace.\n\n"
        "What would you like to do?"
    )
    return Reply(text, MENU_BUTTONS)


def help_text() -> Reply:
    lines = [
        "<b>How to use Microcred Advisor</b>",
        "",
        "• <b>Ask anything</b> about microcredentials in your own words, e.g. "
        "<i>will employers recognise it?</i> or <i>how much does one cost?</i>",
        "• <b>Find courses</b> by typing a skill, e.g. <i>python</i>, <i>proj mgmt</i>, "
        "<i>data viz</i>, or use /search.",
        "• <b>Study at your pace</b>: press <i>Start studying</i> on a course, choose your "
        "days and time, and I'll remind you in your time zone.",
        "",
        "<b>Commands</b>",
    ]
    lines += [f"/{name} – {esc(description)}" for name, description in COMMANDS]
    return Reply("\n".join(lines), MENU_BUTTONS)
