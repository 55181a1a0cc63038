"""Search results pages and course cards, as plain `Reply` values.

Callback data (handled in `handlers/search.py`):
  s:<search id>:<page>:<facets>       a results page (facets: see `Facets.encode`)
  c:<course id>:<search id>:<page>:<facets>   a course card, remembering the page to go back to
  c:<course id>                       a course card opened from elsewhere (deep link)
  r:<course id>                       "Will employers recognise this?" about that course
  p:new:<course id>                   start a study plan (study-plan handlers)
  s:q:<text>                          run a new search for <text> (skill suggestions)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal, Protocol

from bot.callbacks import AdviceChoice, CourseCard, FaqTopics, Recognition, ResultsPage, SearchFor, StartPlan
from bot.catalog import limits
from bot.catalog.advise import Advice
from bot.catalog.filters import (
    HOUR_LIMITS,
    LANGUAGES,
    LEVELS,
    PRICE_LIMITS,
    Facets,
    language_code,
    parse_filters,
)
from bot.catalog.search import FILLER, PAGE_SIZE, CourseInfo, Scored, SearchResult
from bot.replies import Button, Reply, esc, esc_attr, shorten, shorten_visible
from bot.text import normalise

MODE_LABEL = {"online": "Online", "in-person": "In person", "hybrid": "Hybrid"}
# "the first one" with no list shown; "next" after the advise-me shortlist
NO_LIST = "There's no list just now to pick from. Type a skill (e.g. <i>python</i>) to see courses."
WHOLE_SHORTLIST = "That's the whole shortlist. /advise starts it again, or type a skill to search."


def price_text(course: CourseInfo) -> str:
    if course.price == 0:
        return "Free"
    amount = f"{course.price:,.0f}" if course.price == int(course.price) else f"{course.price:,.2f}"
    return f"{amount} {course.currency}"


def one_line(course: CourseInfo) -> str:
    """Provider · hours · price · mode: the facts that fit on a results line."""
    pace = "self-paced" if course.self_paced else "scheduled"
    return (
        f"{course.provider} · {course.workload_hours} h · {price_text(course)} · "
        f"{MODE_LABEL.get(course.participation_form, course.participation_form)}, {pace}"
    )


Listing = Literal["matches", "related", "closest"]


def _listing(result: SearchResult, facets: Facets) -> tuple[list[Scored], Listing, str | None]:
    """What a results page numbers, and which kind of list it is: the matches the filters
    allow; else the related courses they allow; else (only page 1 of) the closest matches
    without one filter, with the filter left out (None: without any)."""
    matches = result.filtered(facets)
    if matches or not facets.active:
        return matches, "matches", None
    related = result.nearby(facets) if result.related else []
    if related:
        return related, "related", None
    if result.matches:
        dropped, closest = _closest_without_one(result, facets)
        return closest[:PAGE_SIZE], "closest", dropped  # what exists, so nothing is left empty
    return [], "matches", None


def listed(result: SearchResult, facets: Facets) -> list[Scored]:
    """The courses a results page numbers, in order ("the second one" typed after the page
    is the second of these)."""
    return _listing(result, facets)[0]


def results_page(
    result: SearchResult, search_id: int, page: int, facets: Facets, display: SkillNames | None = None
) -> Reply:
    """Five results with Next/Previous, the active filters (one tap removes each) and facet
    buttons that narrow the same message. When the filters leave nothing, it says so and
    shows related courses that fit them ("free ux course": Figma for Beginners, UI design) or,
    when there are none, the best matches without them (the filters stay, each removable with
    one tap)."""
    matches, kind, dropped = _listing(result, facets)
    pages = max(1, -(-len(matches) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = matches[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lines = [_header(result, display)]
    if facets.active:
        lines.append(f"Filters: {esc(_facet_summary(facets))}")
    if kind == "closest":
        lines += ["", _nothing_with_all(facets, dropped), ""]
        lines += [_result_line(n, s.course) for n, s in enumerate(shown, start=1)]
    elif not shown:
        lines += ["", "No courses match these filters. Try removing one."]
    else:
        noun = "course"
        if kind == "related":
            lines += ["", _related_only(result, facets, display)]
            noun = "related course"
        lines += [f"{len(matches)} {noun}{'s' if len(matches) != 1 else ''} — page {page + 1} of {pages}", ""]
        lines += [_result_line(n, s.course) for n, s in enumerate(shown, start=page * PAGE_SIZE + 1)]
    state = f"{search_id}:{page}:{facets.encode()}"
    rows: list[list[Button]] = [
        [Button(f"{n}. {shorten(s.course.title, 40)}", data=CourseCard(s.course.id, state))]
        for n, s in enumerate(shown, start=page * PAGE_SIZE + 1)
    ]
    nav = []
    if page > 0:
        nav.append(Button("⬅️ Previous", data=ResultsPage(search_id, page - 1, facets.encode())))
    if page < pages - 1:
        nav.append(Button("Next ➡️", data=ResultsPage(search_id, page + 1, facets.encode())))
    if nav:
        rows.append(nav)
    removable = [
        Button(f"✖ {label}", data=ResultsPage(search_id, 0, without.encode()))
        for label, without in facets.labelled()
    ]
    rows += [removable[i : i + 3] for i in range(0, len(removable), 3)]
    rows.extend(_facet_rows(search_id, facets, result))
    return Reply("\n".join(lines), rows)


# When the filters together leave nothing, the one dropped first (the last kept: the
# language, since a course in a language the learner can't follow is no use to them).
_DROP_ORDER = (
    "max_hours", "self_paced", "online", "mode", "level", "certificate", "ects", "free", "max_eur",
    "language",
)


def _closest_without_one(result: SearchResult, facets: Facets) -> tuple[str | None, list[Scored]]:
    """The best matches with all filters but one (the one whose removal keeps the best topic
    match; on a tie, the first in `_DROP_ORDER`), or without any filter (label None)."""
    options: list[tuple[float, int, str, list[Scored]]] = []
    for label, without in facets.labelled():
        matches = result.filtered(without)
        if matches:
            dropped = next(f for f in _DROP_ORDER if getattr(without, f) != getattr(facets, f))
            best = max(m.score for m in matches)  # (the first may be in the query's language instead)
            options.append((-best, _DROP_ORDER.index(dropped), label, matches))
    if len(facets.labelled()) < 2 or not options:
        return None, result.matches
    _, _, label, matches = min(options, key=lambda o: (o[0], o[1]))
    return label, matches


def _nothing_with_all(facets: Facets, dropped: str | None) -> str:
    """ "No course matches free + in Spanish. Closest, without “free”:" (each filter stays
    removable with one tap)."""
    wanted = esc(" + ".join(label for label, _ in facets.labelled()))
    if dropped is None:
        return f"No course matches {wanted} (tap ✖ to remove a filter). Best matches without filters:"
    return f"No course matches {wanted} (tap ✖ to remove a filter). Closest, without “{esc(dropped)}”:"


def _related_only(result: SearchResult, facets: Facets, display: SkillNames | None) -> str:
    """ "No course on UX design matches free (tap ✖ to remove a filter). Related courses that
    do:" — the courses below are near the topic, not about it."""
    wanted = esc(" + ".join(label for label, _ in facets.labelled()))
    show = display or (lambda skill: skill[:1].upper() + skill[1:])
    parts = [s.strip() for s in result.understood.split(",") if s.strip() != "shortest first"]
    topic = shorten(", ".join(show(s) for s in parts), 60)
    return (
        f"No course on <b>{esc(topic)}</b> matches {wanted} (tap ✖ to remove a filter). "
        "Related courses that do:"
    )


def _result_line(number: int, course: CourseInfo) -> str:
    return f"{number}. <b>{esc(course.title)}</b>\n    {esc(one_line(course))}"


class SkillNames(Protocol):
    """Shows a skill as the catalogue writes it (`CourseSearch.display`)."""

    def __call__(self, skill: str) -> str: ...


def _header(result: SearchResult, display: SkillNames | None) -> str:
    show = display or (lambda skill: skill[:1].upper() + skill[1:])
    header = f"🔎 <b>{esc(shorten(result.query, 60))}</b>"
    if result.career:
        skills = ", ".join(show(s) for s in result.career_skills[:6])
        # an entrepreneur, an IT professional, an HR manager; a UX designer
        article = "an" if result.career[:1] in "aeio" or result.career.startswith("hr ") else "a"
        header += f"\nCourses for the skills {article} <b>{esc(result.career)}</b> needs: {esc(skills)}"
    elif result.by_meaning:
        header += f"\nNo course uses those words; closest in meaning: <b>{esc(show(result.by_meaning))}</b>"
    elif result.understood and _differs(result):
        header += f" <i>(searching for: {esc(shorten(result.understood, 60))})</i>"
    unsaid = [w for w in result.not_found if w not in result.left_out]
    if unsaid:
        header += f"\n<i>Not in the catalogue: {esc(shorten(', '.join(unsaid), 60))}</i>"
    if result.left_out:
        header += "\n" + _left_out(result, show)
    return header


def _left_out(result: SearchResult, show: SkillNames) -> str:
    """No course covers the whole query: what the courses shown leave out, and what they are
    for ("No course covers “office” as well; closest for project management:")."""
    left = shorten(", ".join(result.left_out), 60)
    covered = shorten(", ".join(show(s) for s in result.covered), 60)
    return f"No course covers “{esc(left)}” as well; closest for <b>{esc(covered)}</b>:"


def _differs(result: SearchResult) -> bool:
    """Whether the topic as read differs from what was typed, filters and filler aside."""
    typed = [w for w in normalise(result.query).split() if w not in FILLER]
    return " ".join(result.understood.replace(",", " ").split()) != " ".join(typed)


def _list_has(count: int) -> str:
    return f"That list has {count} course{'s' if count != 1 else ''}"


def no_such_position(count: int) -> Reply:
    """ "the seventh one" typed after a list of five."""
    numbers = f"1 to {count}" if count > 1 else "1"
    return Reply(f"{_list_has(count)}: tap one, or send its number ({numbers}).")


def no_such_pair(count: int) -> Reply:
    """ "compare 2 and 9" typed after a list of five."""
    return Reply(f"{_list_has(count)}: name two of them, e.g. <i>compare 1 and 2</i>.")


def whole_list_shown(count: int, filtered: bool) -> Reply:
    """ "next" typed after the last page of results."""
    courses = f"{count} course{'s' if count != 1 else ''}"
    more = "remove a filter (✖) or search" if filtered else "search"
    return Reply(f"That's the whole list ({courses}). To see others, {more} for something else.")


NAMED_WHOLE_WORDS = 4  # a query this short is named whole when nothing fits


def no_match(result: SearchResult) -> Reply:
    """Nothing fits well: say so honestly, offer the closest skills and a question instead."""
    missing = ", ".join(result.not_found) if result.not_found else result.query
    asked = [w for w in parse_filters(result.query)[1].split() if w not in FILLER]
    if 1 <= len(asked) <= NAMED_WHOLE_WORDS:  # "food hygiene", not just "hygiene"
        missing = " ".join(asked)
    text = (
        f"I couldn't find courses for <b>{esc(shorten(missing, 60))}</b> in the catalogue. "
        "These skills are the closest; or type another one:"
    )
    rows = [[Button(s, data=SearchFor.fitting(s))] for s in result.suggestions[:3]]
    rows.append([Button("❓ Ask me a question instead", data=FaqTopics())])
    return Reply(text, rows)


def course_card(course: CourseInfo, back: str | None = None) -> Reply:
    """Every fact a learner needs to decide, with recognition / study / back buttons.

    Each field is shortened to its import maximum (`bot.catalog.limits`), so even a course
    stored before those limits, or one full of emoji, fits one message.
    """

    def cut(text: str, limit: int) -> str:
        return esc(shorten_visible(text, limit))

    lines = [
        f"<b>{cut(course.title, limits.TITLE)}</b>",
        f"🏛 {cut(course.provider, limits.PROVIDER_NAME)} "
        f"({cut(course.provider_country, limits.PROVIDER_COUNTRY)})",
    ]
    if course.summary:
        lines += ["", cut(course.summary, limits.SUMMARY)]
    if course.learning_outcomes:
        lines += ["", "<b>What you will learn</b>"]
        lines += [f"• {cut(o, limits.OUTCOME)}" for o in course.learning_outcomes[: limits.OUTCOMES]]
    workload = f"{course.workload_hours} hours"
    if course.ects_credits:
        workload += f" ({course.ects_credits:g} ECTS)"
    level = course.level.capitalize() + (f", EQF level {course.eqf_level}" if course.eqf_level else "")
    pace = "self-paced" if course.self_paced else "scheduled (cohort)"
    skills = ", ".join(shorten_visible(s, limits.SKILL) for s in course.skills[: limits.SKILLS])
    facts = [
        ("Skills", skills, limits.SKILLS * (limits.SKILL + 2)),
        ("Workload", workload, 40),
        ("Level", level, 40),
        (
            "Format",
            f"{MODE_LABEL.get(course.participation_form, course.participation_form)}, {pace}",
            40,
        ),
        ("Language", course.language, limits.LANGUAGE),
        ("Price", price_text(course), 40),
        ("Assessment", course.assessment_type, limits.ASSESSMENT),
        ("Certificate", course.certificate_type, limits.CERTIFICATE),
        ("Quality assurance", course.quality_assurance, limits.QUALITY_ASSURANCE),
        ("Prerequisites", course.prerequisites or "None", limits.PREREQUISITES),
        ("Stacks into", course.stackability or "", limits.STACKS_INTO),
        ("Modules", f"{len(course.modules)}" if course.modules else "", 10),
    ]
    lines.append("")
    lines += [f"<b>{label}:</b> {cut(value, limit)}" for label, value, limit in facts if value]
    if course.url and len(course.url) <= limits.URL:
        lines.append(f'<a href="{esc_attr(course.url)}">More information</a>')
    lines.append("<i>Sample catalogue: providers and courses are illustrative.</i>")
    rows = [
        [Button("❓ Will employers recognise this?", data=Recognition(course.id))],
        [_study_button(course)],
    ]
    if back:
        rows.append([Button("⬅️ Back to results", data=back)])
    return Reply("\n".join(lines), rows)


def comparison(
    first: tuple[int, CourseInfo], second: tuple[int, CourseInfo], back: str = ""
) -> Reply:
    """Two courses of a results page side by side ("compare the first two"): the facts that
    differ most often, each course's value after its number, "not stated" where a field is empty;
    a button opens each card (`back`: the results page its "Back" returns to)."""
    (n, a), (m, b) = first, second

    def both(label: str, value: Callable[[CourseInfo], str]) -> str:
        if value(a) == value(b):
            return f"<b>{label}:</b> {esc(value(a))} (both)"
        return f"<b>{label}:</b> {n}. {esc(value(a))} · {m}. {esc(value(b))}"

    def fmt(course: CourseInfo) -> str:
        pace = "self-paced" if course.self_paced else "scheduled"
        return f"{MODE_LABEL.get(course.participation_form, course.participation_form)}, {pace}"

    def level(course: CourseInfo) -> str:
        return course.level.capitalize() + (f", EQF {course.eqf_level}" if course.eqf_level else "")

    lines = [
        "⚖️ <b>Side by side</b>",
        f"{n}. <b>{esc(shorten_visible(a.title, 80))}</b> ({esc(shorten_visible(a.provider, 60))})",
        f"{m}. <b>{esc(shorten_visible(b.title, 80))}</b> ({esc(shorten_visible(b.provider, 60))})",
        "",
        both("Price", price_text),
        both("Workload", lambda c: f"{c.workload_hours} h"),
        both("Level", level),
        both("Format", fmt),
        both("Language", lambda c: shorten_visible(c.language, 30)),
        both("Credits", lambda c: f"{c.ects_credits:g} ECTS" if c.ects_credits else "not stated"),
        both("Certificate", lambda c: shorten_visible(c.certificate_type, 60) or "not stated"),
        both("Quality assurance", lambda c: shorten_visible(c.quality_assurance, 80) or "not stated"),
        both("Prerequisites", lambda c: shorten_visible(c.prerequisites, 60) or "none stated"),
    ]
    if a.is_sample or b.is_sample:
        lines.append("<i>Sample catalogue: providers and courses are illustrative.</i>")
    rows = [[Button(f"{k}. {shorten(c.title, 50)}", data=CourseCard(c.id, back))] for k, c in (first, second)]
    return Reply("\n".join(lines), rows)


def _study_button(course: CourseInfo) -> Button:
    """Self-paced: start a plan. Scheduled (the provider sets the pace, so no plan of ours
    fits): self-paced courses on the same skill instead of a button that can only say no."""
    if course.self_paced or not course.skills:
        return Button("▶️ Start studying", data=StartPlan(course.id))
    skill = shorten(course.skills[0], 30)
    return Button(f"🔎 Self-paced {skill} courses", data=SearchFor.fitting(f"self-paced {skill}"))


def inline_description(course: CourseInfo, left_out: tuple[str, ...] = ()) -> str:
    """An inline result's second line: the course's facts, after what no course covers when
    the results are for part of the query (`SearchResult.left_out`: "Not “office” · ...")."""
    line = one_line(course)
    if left_out:
        line = f"Not “{shorten(', '.join(left_out), 30)}” · {line}"
    return line


def inline_summary(course: CourseInfo, bot_username: str) -> str:
    """What an inline result posts in any chat: a short summary with a deep link."""
    link = f"https://t.me/{bot_username}?start=course_{course.id}"
    return (
        f"<b>{esc(shorten_visible(course.title, limits.TITLE))}</b>\n"
        f"{esc(shorten_visible(one_line(course), limits.PROVIDER_NAME + 80))}\n"
        f'<a href="{esc_attr(link)}">Open in Microcred Advisor</a>'
    )


def _facet_rows(search_id: int, facets: Facets, result: SearchResult) -> list[list[Button]]:
    def toggle(label: str, active: bool, changed: Facets) -> Button:
        return Button(("✅ " if active else "") + label, data=ResultsPage(search_id, 0, changed.encode()))

    next_hours = _next_option(HOUR_LIMITS, facets.max_hours)
    next_level = _next_option(LEVELS, facets.level)
    next_price = _next_option(PRICE_LIMITS, facets.max_eur)
    languages = tuple(sorted({language_code(m.course.language) for m in result.matches[:200]}))
    next_language = _next_option(languages, facets.language) if len(languages) > 1 else None
    rows = [
        [
            toggle("Free", facets.free, replace(facets, free=not facets.free)),
            toggle("Online", facets.online, replace(facets, online=not facets.online, mode=None)),
            toggle("Self-paced", facets.self_paced, replace(facets, self_paced=not facets.self_paced)),
        ],
        [
            toggle(
                f"≤ {facets.max_hours} h" if facets.max_hours else "Any length",
                facets.max_hours is not None,
                replace(facets, max_hours=next_hours),
            ),
            toggle(
                facets.level.capitalize() if facets.level else "Any level",
                facets.level is not None,
                replace(facets, level=next_level),
            ),
        ],
        [
            toggle(
                f"≤ {facets.max_eur} EUR" if facets.max_eur else "Any price",
                facets.max_eur is not None,
                replace(facets, max_eur=next_price),
            ),
        ],
    ]
    if len(languages) > 1 or facets.language:
        label = LANGUAGES.get(facets.language, facets.language) if facets.language else "Any language"
        rows[2].append(toggle(label, facets.language is not None, replace(facets, language=next_language)))
    return rows


def _next_option(options: tuple[Any, ...], current: Any) -> Any:
    """Cycle: none → first → … → last → none."""
    if current is None:
        return options[0]
    index = options.index(current) + 1 if current in options else 0
    return options[index] if index < len(options) else None


def _facet_summary(facets: Facets) -> str:
    return ", ".join(label for label, _ in facets.labelled())


__all__ = [
    "Scored", "advice_question", "advice_shortlist", "course_card", "inline_summary", "no_match",
    "results_page",
]  # fmt: skip


# --- "Advise me" ----------------------------------------------------------------------------

ADVICE_QUESTIONS = {
    "g": "🧭 <b>Let's find a course for you.</b> What is your goal? Pick one, or type a job or a skill "
    "(e.g. <i>data analyst</i>, <i>python</i>, <i>public speaking</i>).",
    "l": "What is your level in it?",
    "b": "What is your budget?",
    "h": "How many hours a week can you study?",
    "o": "Online only, or is in person fine too?",
}
ADVICE_LABELS = {
    "l": {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced", "any": "Not sure"},
    "b": {"0": "Free only", "100": "Up to 100 EUR", "500": "Up to 500 EUR", "any": "Any budget"},
    "h": {"2": "About 2 h", "5": "About 5 h", "10": "10 h or more", "any": "Not sure yet"},
    "o": {"online": "Online only", "any": "Either is fine"},
}


def advice_question(step: str, options: tuple[str, ...], goal: str = "") -> Reply:
    """One question of the flow, its options as buttons (two a row) and a way out."""
    text = ADVICE_QUESTIONS[step]
    if goal and step != "g":
        text = f"Goal: <b>{esc(shorten(goal, 60))}</b>\n{text}"
    if step == "g":
        buttons = [Button(_goal_label(option), data=AdviceChoice("g", option)) for option in options]
    else:
        buttons = [Button(ADVICE_LABELS[step][option], data=AdviceChoice(step, option)) for option in options]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([Button("✖ Cancel", data=AdviceChoice("c"))])
    return Reply(text, rows)


def advice_goal_not_found(goal: str, options: tuple[str, ...]) -> Reply:
    """A typed goal the catalogue has nothing for: say so at once and ask again."""
    question = advice_question("g", options)
    text = (
        f"I couldn't find courses for <b>{esc(shorten(goal, 60))}</b> in the catalogue. Try a job "
        "or a skill in a few words (e.g. <i>nurse</i>, <i>web developer</i>, <i>excel</i>), or "
        "pick one below."
    )
    return Reply(text, question.buttons)


def advice_goal_undecided(options: tuple[str, ...]) -> Reply:
    """No goal in mind yet ("not sure really"): that is fine; the goals many learners pick,
    and an easier way to say one."""
    question = advice_question("g", options)
    text = (
        "No problem, plenty of people start without one. Tap a goal below that sounds close, or "
        "tell me a job you would like or something you already do or enjoy, in a few words (e.g. "
        "<i>nurse</i>, <i>excel</i>, <i>computers</i>)."
    )
    return Reply(text, question.buttons)


def _goal_label(goal: str) -> str:
    """"ux designer" → "UX designer"."""
    words = [w.upper() if w in ("ux", "ui", "seo", "ai", "it") else w for w in goal.split()]
    label = " ".join(words)
    return label[:1].upper() + label[1:]


def advice_shortlist(advice: Advice) -> Reply:
    """Three courses, one line each on why they fit, with buttons to open or plan each."""
    if not advice.picks:
        return Reply(
            f"I couldn't find courses for <b>{esc(shorten(advice.goal, 60))}</b> in the catalogue. "
            "Try another goal with /advise, or ask me a question.",
            [[Button("🧭 Try another goal", data=AdviceChoice("s"))],
             [Button("❓ Ask me a question instead", data=FaqTopics())]],
        )  # fmt: skip
    head = f"🧭 <b>My shortlist for {esc(shorten(advice.career or advice.goal, 60))}</b>"
    if advice.career and advice.skills:
        head += f"\nSkills it needs: {esc(', '.join(advice.skills[:5]))}"
    lines = [head, ""]
    rows: list[list[Button]] = []
    for number, pick in enumerate(advice.picks, start=1):
        lines.append(f"{number}. <b>{esc(pick.course.title)}</b>\n    {esc(pick.why)}")
        row = [Button(f"{number}. Open", data=CourseCard(pick.course.id))]
        if pick.course.self_paced:  # a study plan paces a self-paced course
            row.append(Button(f"▶️ {number}. Plan my study", data=StartPlan(pick.course.id)))
        rows.append(row)
    if advice.relaxed:
        lines += [
            "",
            f"<i>Few courses matched every choice, so I relaxed: {esc(', '.join(advice.relaxed))}.</i>",
        ]
    rows.append([Button("🧭 Start again", data=AdviceChoice("s"))])
    return Reply("\n".join(lines), rows)
