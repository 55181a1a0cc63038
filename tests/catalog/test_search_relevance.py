"""Search relevance on `tests/data/search_eval.yaml`: 380 queries written by learners before
looking at the catalogue, labelled with relevant / best / never courses and filters.

**Held-out split.** The file is split deterministically by position: every third query
(positions 0, 3, 6, ...) is a *dev* case, which was looked at while tuning the search; the
other two thirds are *held out* and were never looked at one by one. Every figure asserted
and printed here is on the held-out queries only (`-s` prints them, and for comparison the
dev figures and those of the tuning sets: `tests/data/search_tuning_extra.yaml`, 149 queries
written for tuning; `tests/data/search_tuning_2.yaml`, 170 written blind for round 2; and
`tests/data/fresh_search_eval.yaml`, 160 written blind as round 2's honest set and tuned on in
round 3; `tests/data/fresh_search_eval_2.yaml`, `fresh_search_eval_3.yaml` and
`fresh_search_eval_4.yaml`, 200 each written blind in round 3, read, then tuned on;
`fresh_search_eval_5.yaml`, round 4's blind set, read once, then tuned on;
`search_tuning_8.yaml`, 160 written blind as round 5's tuning data; and
`fresh_search_eval_6.yaml`, round 5's first blind set, read once mid-round, then tuned on.
Query texts they share with the held-out set were not looked at one by one).

Bars (the issue's):
* an expected (best) course in the top 5 for >= 97 % of queries with a relevant course;
* precision@5 >= 0.85: of what page 1 shows, the share in `relevant` (averaged over those
  queries with something shown);
* no `never` course on page 1;
* filters understood (exactly the labelled facets) for >= 95 % of the queries with filters;
* queries with nothing relevant show nothing (suggestions only).

Three bars are not met on the held-out queries (after rounds 10 and 11 of issue #12: best in top 5 89.6 %,
180 of 201, 88.1 % after rounds 8 and 9; 2 queries with a `never` course; 6 empty-relevant queries
showing courses; precision@5 is 0.929 and filters 100 %): those tests are marked
`xfail(strict=True)`, so they report the shortfall without failing the suite, and fail as soon as
the bar is met (remove the mark then). Blind sets (the writer listed the queries before opening the
catalogue) are made tuning data after they are read: round 3's `fresh_search_eval_2.yaml` (87.7 %
best in top 5 when it arrived), `fresh_search_eval_3.yaml` (85.6 %) and `fresh_search_eval_4.yaml`
(92.3 %, read once when round 3 ended, tuned on in round 4). `fresh_search_eval_5.yaml`, written at
the start of round 4, read once at its end (printed): 83.1 % best in top 5, precision@5 0.869, 2
`never`, filters 95.0 %, 6 of 46 empty-relevant showing courses; on its 90 queries whose text no
tuning set has, 67.6 % and 0.790; then tuned on. `fresh_search_eval_6.yaml` (241 queries, start of
round 5, read once mid-round: 88.5 %, unshared 83.1 %), then tuned on. `fresh_search_eval_7.yaml`
(193 queries from two writers late in round 5, never tuned on, read once at its end, printed): 92.6
% best in top 5, precision@5 0.910, 2 `never`, filters 95.7 %, 9 of 57 empty-relevant showing
courses; on its 90 queries whose text no tuning set has, 85.7 % and 0.884. Round 9's blind set,
`fresh_search_eval_18.yaml` (211 queries, read once at the round's end): 86.9 % best in top 5,
precision@5 0.886, 3 `never`, filters 95.2 %, 10 of 58 empty-relevant showing courses; its 116
queries no tuning set has: 76.8 % (the same top-5 figures under the round's starting code); tuned on
in round 10. Round 10's blind set, `fresh_search_eval_20.yaml` (216 queries, read once at the
round's end): 85.9 % best in top 5, precision@5 0.889, 5 `never`, filters 89.6 %, 14 of 81
empty-relevant showing courses; its 128 queries no tuning set has: 77.6 % (under the round's
starting code 83.7 % and 74.1 %); tuned on in round 11. Round 11's blind set,
`fresh_search_eval_22.yaml` (215 queries, read once at the round's end): 86.5 % best in top 5,
precision@5 0.871, 3 `never`, filters 88.7 %, 12 empty-relevant showing courses; its 139 queries
no tuning set has: 81.8 % (under the round's starting code 85.8 % and 80.8 %); tuned on in
round 12. Round 12's blind set, `fresh_search_eval_24.yaml` (215 queries, read once at the
round's end): 89.1 % best in top 5, precision@5 0.819, 4 `never`, filters 93.4 %, 20
empty-relevant showing courses; its 155 queries no tuning set has: 83.6 % (under the round's
starting code 89.1 % and 83.6 %, precision 0.824, 18 empty-relevant showing courses); tuned
on in round 13. Round 13's blind set, `fresh_search_eval_26.yaml` (219 queries, read once at
the round's end): 82.9 % best in top 5, precision@5 0.812, 1 `never`, filters 100 %, 13
empty-relevant showing courses; its 131 queries no tuning set has: 72.8 % (the same under the
round's starting code); tuned on in round 14. Round 14's blind set, `fresh_search_eval_28.yaml`
(219 queries, read once at the round's end): 88.2 % best in top 5, precision@5 0.805, 1
`never`, filters 93.0 %, 15 empty-relevant showing courses; its 135 queries no tuning set has:
79.2 % (under the round's starting code the same, but precision 0.804, 2 `never`, 14 empty);
tuned on in round 15. Round 15's blind set, `fresh_search_eval_30.yaml` (212 queries, read once
at the round's end): 85.7 % best in top 5, precision@5 0.879, no `never`, filters 98.4 %, 10 of
72 empty-relevant showing courses; its 104 queries no tuning set has: 81.2 % (the same under the
round's starting code); tuned on in round 16. Round 16's blind set, `fresh_search_eval_32.yaml`
(218 queries, read once at the round's end): 80.7 % best in top 5, precision@5 0.792, 5
`never`, filters 93.7 %, 16 of 99 empty-relevant showing courses; its 165 queries no tuning set
has: 76.4 % (the same under the round's starting code); tuned on in round 17. Round 17's blind
set, `fresh_search_eval_34.yaml` (237 queries, read once at the round's end): 84.4 % best in top
5, precision@5 0.841, 3 `never`, filters 93.3 %, 25 of 115 empty-relevant showing courses; its
163 queries no tuning set has: 78.2 % (the same under the round's starting code); tuned on in
round 18. Round 18's blind set, `fresh_search_eval_36.yaml` (259 queries, read once at the
round's end): 77.9 % best in top 5, precision@5 0.857, 4 `never`, filters 99.4 %, 12 of 123
empty-relevant showing courses; its 179 queries no tuning set has: 71.3 % (under the round's
starting code the same, but filters 98.1 % and 13 empty); tuned on in round 19. Round 19's blind
set, `fresh_search_eval_38.yaml` (258 queries, read once at the round's end): 81.7 % best in top
5, precision@5 0.744, 1 `never`, filters 95.5 %, 22 of 143 empty-relevant showing courses; its
215 queries no tuning set has: 76.7 % (the same under the round's starting code); sent as
messages after "Which skill…?" 82.6 %, typed cold 80.9 % (80.0 % at the start); tuned on in
round 20. Round 20's blind set, `fresh_search_eval_40.yaml` (255 queries, 187 with nothing
relevant), was read once at the round's end: 63.2 % best in top 5
(43 of 68), precision@5 0.720, 3 `never`, filters 90.1 %, 26 of 187 empty-relevant showing
courses; its 239 queries no tuning set shares: 63.1 % (exactly the same under the round's
starting code); tuned on in round 21. Round 21's blind set, `fresh_search_eval_42.yaml` (245
queries, 103 with nothing relevant), was read once at the round's end: 78.2 % best in top 5
(111 of 142), precision@5 0.829, 3 `never`, filters 98.6 %, 11 of 103 empty-relevant showing
courses; its 160 queries no tuning set shares: 68.1 % (the same under the round's starting
code, but filters 97.3 %); tuned on in round 22. Round 22's blind set, `fresh_search_eval_44.yaml`
(246 queries, 138 with nothing relevant), was read once at the round's end: 81.5 % best in top 5 (88
of 108), precision@5 0.834, 3 `never`, filters 94.4 %, 27 of 138 empty-relevant showing courses; its
168 queries no tuning set shares: 73.1 % (exactly the same under the round's starting code); tuned
on in round 23. Round 23's blind set, `fresh_search_eval_46.yaml` (244 queries, 116 with nothing
relevant), was read once at the round's end: 81.2 % best in top 5 (104 of 128),
precision@5 0.816, 3 `never`, filters 93.2 %, 16 of 116 empty-relevant showing courses; its 156
queries no tuning set shares: 75.9 % (exactly the same under the round's starting code); tuned on
in round 24. Round 24's blind set, `fresh_search_eval_48.yaml` (246 queries, 112 with nothing
relevant), was read once at the round's end: 85.1 % best in top 5 (114 of 134), precision@5 0.843,
7 `never`, filters 96.4 %, 11 of 112 empty-relevant showing courses; its 152 queries no tuning set
shares: 82.6 % (the same under the round's starting code); tuned on in round 25. Round 25's blind
set, `fresh_search_eval_50.yaml` (251 queries, 123 with nothing relevant), was read once at the
round's end: 79.7 % best in top 5 (102 of 128), precision@5 0.831, 8 `never`, filters 100 % (60
of 60), 18 of 123 empty-relevant showing courses; its 146 queries no tuning set shares: 69.7 %
(the same under the round's starting code); tuned on in round 26. Round 26's blind set,
`fresh_search_eval_52.yaml` (255 queries, 173 with nothing relevant), was read once at the
round's end: 82.9 % best in top 5 (68 of 82), precision@5 0.898, 3
`never`, filters 94.9 % (56 of 59), 15 of 173 empty-relevant showing courses; its 183 queries no
tuning set shares: 78.0 % (the same under the round's starting code); tuned on in round 27.
Round 27's blind set, `fresh_search_eval_54.yaml` (257 queries, 141 with nothing relevant), was
read once at the round's end: 85.3 % best in top 5 (99 of 116),
precision@5 0.808, 7 `never`, filters 98.3 % (59 of 60), 14 of 141 empty-relevant showing
courses; its 161 queries no tuning set shares: 81.7 % (the same under the round's starting code);
tuned on in round 28. Round 28's blind set, `fresh_search_eval_56.yaml` (260 queries, 153 with
nothing relevant), was read once at the round's end: 71.0 % best in
top 5 (76 of 107), precision@5 0.869, 2 `never`, filters 98.2 % (56 of 57), 5 of 153
empty-relevant showing courses; its 179 queries no tuning set shares: 57.8 % (the same under
the round's starting code, precision@5 0.880, 4 showing courses); 28 of its 31 misses show an
empty page for words no course or alias uses ("xero", "doula training online"); tuned on in
round 29. Round 29's blind set, `fresh_search_eval_58.yaml` (257 queries, 141 with nothing
relevant), is printed as the honest figure; read once at the round's end: 76.7 % best in top 5
(89 of 116), precision@5 0.899, no `never`, filters 98.6 % (69 of 70), 10 of 141 empty-relevant
showing courses; its 195 queries no tuning set shares: 66.7 % (the code the round started with:
75.9 %, precision@5 0.898, the rest the same).

Page 1 is what the learner sees: the search's matches with the filters it read from the
query applied, first five; when the filters leave no match, the related courses they allow
(listed as related: `SearchResult.page_one`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.relevance import (
    ALL,
    DEV,
    EXTRA,
    FRESH,
    FRESH_UNSEEN,
    HELD_OUT,
    TUNED,
    TUNING_2,
    TUNING_3,
    TUNING_4,
    TUNING_5,
    TUNING_6,
    TUNING_7,
    TUNING_8,
    TUNING_9,
    TUNING_10,
    TUNING_11,
    TUNING_12,
    TUNING_13,
    TUNING_14,
    TUNING_15,
    TUNING_16,
    TUNING_17,
    TUNING_18,
    TUNING_19,
    TUNING_20,
    TUNING_21,
    TUNING_22,
    TUNING_23,
    TUNING_24,
    TUNING_25,
    TUNING_26,
    TUNING_27,
    TUNING_28,
    TUNING_29,
    TUNING_30,
    TUNING_31,
    TUNING_32,
    TUNING_33,
    TUNING_34,
    TUNING_35,
    TUNING_36,
    TUNING_37,
    TUNING_38,
    TUNING_39,
    TUNING_40,
    Figures,
    evaluate,
)
from benchmarks.tuning import sent_as_a_message
from bot.catalog.search import CourseSearch
from tests.conftest import search_over


@pytest.fixture(scope="module")
def search(seeded_database: Path) -> CourseSearch:
    return search_over(seeded_database)


@pytest.fixture(scope="module")
def held_out(search: CourseSearch) -> Figures:
    figures = evaluate(search, HELD_OUT)
    print("\n" + evaluate(search, DEV).line("Search relevance, dev third (tuned on)"))
    print(evaluate(search, EXTRA).line("Search relevance, extra tuning queries (tuned on)"))
    print(evaluate(search, TUNING_2).line("Search relevance, second tuning set (blind, then tuned on)"))
    print(evaluate(search, TUNING_3).line("Search relevance, round 2's blind set (tuned on in round 3)"))
    print(evaluate(search, TUNING_4).line("Search relevance, round 3's first blind set (then tuned on)"))
    print(evaluate(search, TUNING_5).line("Search relevance, round 3's second blind set (then tuned on)"))
    print(evaluate(search, TUNING_6).line("Search relevance, round 3's last blind set (tuned on in round 4)"))
    print(evaluate(search, TUNING_7).line("Search relevance, round 4's blind set (read once, then tuned on)"))
    print(evaluate(search, TUNING_8).line("Search relevance, round 5's tuning set (written blind)"))
    print(evaluate(search, TUNING_9).line("Search relevance, round 5's first blind set (then tuned on)"))
    print(evaluate(search, TUNING_10).line("Search relevance, round 5's last blind set (tuned on, round 6)"))
    print(evaluate(search, TUNING_11).line("Search relevance, round 6's tuning set (written blind)"))
    print(evaluate(search, TUNING_12).line("Search relevance, round 6's first blind set (then tuned on)"))
    print(figures.line("Search relevance, held-out two thirds (reported)"))
    print(evaluate(search, TUNING_13).line("Search relevance, round 6's last blind set (then tuned on)"))
    print(evaluate(search, TUNING_14).line("Search relevance, round 7's first blind set (then tuned on)"))
    print(evaluate(search, TUNING_15).line("Search relevance, round 7's last blind set (tuned on, round 8)"))
    print(evaluate(search, TUNING_16).line("Search relevance, round 8's first blind set (then tuned on)"))
    print(evaluate(search, TUNING_17).line("Search relevance, round 8's second blind set (then tuned on)"))
    print(evaluate(search, TUNING_18).line("Search relevance, round 8's third blind set (then tuned on)"))
    print(evaluate(search, TUNING_19).line("Search relevance, round 9's tuning set"))
    print(evaluate(search, TUNING_20).line("Search relevance, round 9's blind set (tuned on in round 10)"))
    print(evaluate(search, TUNING_21).line("Search relevance, round 10's tuning set"))
    print(evaluate(search, TUNING_22).line("Search relevance, round 10's blind set (tuned on in round 11)"))
    print(evaluate(search, TUNING_23).line("Search relevance, round 11's blind set (tuned on in round 12)"))
    print(evaluate(search, TUNING_24).line("Search relevance, round 12's blind set (tuned on in round 13)"))
    print(evaluate(search, TUNING_25).line("Search relevance, round 13's blind set (tuned on in round 14)"))
    print(evaluate(search, TUNING_26).line("Search relevance, round 14's blind set (tuned on in round 15)"))
    print(evaluate(search, TUNING_27).line("Search relevance, round 15's blind set (tuned on in round 16)"))
    print(evaluate(search, TUNING_28).line("Search relevance, round 16's blind set (tuned on in round 17)"))
    print(evaluate(search, TUNING_29).line("Search relevance, round 17's blind set (tuned on in round 18)"))
    print(evaluate(search, TUNING_30).line("Search relevance, round 18's blind set (tuned on in round 19)"))
    print(evaluate(search, TUNING_31).line("Search relevance, round 19's blind set (tuned on in round 20)"))
    print(evaluate(search, TUNING_32).line("Search relevance, round 20's blind set (tuned on in round 21)"))
    print(evaluate(search, TUNING_33).line("Search relevance, round 21's blind set (tuned on in round 22)"))
    print(evaluate(search, TUNING_34).line("Search relevance, round 22's blind set (tuned on in round 23)"))
    print(evaluate(search, TUNING_35).line("Search relevance, round 23's blind set (tuned on in round 24)"))
    print(evaluate(search, TUNING_36).line("Search relevance, round 24's blind set (tuned on in round 25)"))
    print(evaluate(search, TUNING_37).line("Search relevance, round 25's blind set (tuned on in round 26)"))
    print(evaluate(search, TUNING_38).line("Search relevance, round 26's blind set (tuned on in round 27)"))
    print(evaluate(search, TUNING_39).line("Search relevance, round 27's blind set (tuned on in round 28)"))
    print(evaluate(search, TUNING_40).line("Search relevance, round 28's blind set (tuned on in round 29)"))
    print(evaluate(search, FRESH).line("Search relevance, round 29's blind set (never tuned on)"))
    print(evaluate(search, FRESH_UNSEEN).line("Search relevance, its queries no tuning set has (printed)"))
    # what a learner sees sending them as messages (the understanding step decides what is searched)
    after_the_question = sent_as_a_message(search, expecting_skill=True)
    print(evaluate(search, FRESH, after_the_question).line('Round 29\'s blind set, after "Which skill…?"'))
    print(evaluate(search, FRESH, sent_as_a_message(search, expecting_skill=False)).line("…and sent cold"))
    return figures


def test_the_labels_name_real_courses(search: CourseSearch) -> None:
    keys = {c.key for c in search.courses.values()}
    assert len(ALL) >= 380 and len(HELD_OUT) >= 250 and len(EXTRA) >= 80
    assert not {q["query"] for q in EXTRA} & {q["query"] for q in ALL}  # the extra set is new queries
    assert len(FRESH) >= 180 and len(TUNING_9) >= 240 and len(TUNING_10) >= 190 and len(TUNING_11) >= 100
    assert len(TUNING_12) >= 180 and len(TUNING_13) >= 180 and len(TUNING_14) >= 180 and len(TUNING_15) >= 200
    assert len(TUNING_16) >= 200 and len(TUNING_17) >= 200 and len(TUNING_18) >= 200 and len(TUNING_20) >= 200
    assert len(TUNING_2) >= 150 and len(TUNING_3) >= 150 and len(TUNING_4) >= 200 and len(TUNING_5) >= 200
    assert len(TUNING_6) >= 200 and len(TUNING_7) >= 200 and len(TUNING_8) >= 150 and len(TUNING_21) >= 100
    assert len(TUNING_22) >= 200 and len(TUNING_23) >= 200 and len(TUNING_24) >= 200
    assert len(TUNING_25) >= 200 and len(TUNING_26) >= 200 and len(TUNING_27) >= 200
    assert len(TUNING_28) >= 200 and len(TUNING_29) >= 200 and len(TUNING_30) >= 200
    assert len(TUNING_31) >= 200
    assert len(TUNING_32) >= 200
    assert len(TUNING_33) >= 200
    assert len(TUNING_34) >= 200
    assert len(TUNING_35) >= 200
    assert len(TUNING_36) >= 200
    assert len(TUNING_37) >= 200
    assert len(TUNING_38) >= 200
    assert len(TUNING_39) >= 200
    assert len(TUNING_40) >= 200
    for q in [*ALL, *TUNED, *FRESH]:
        for label in ("relevant", "best", "never"):
            assert set(q.get(label) or []) <= keys, (q["query"], label)
        assert set(q.get("best") or []) <= set(q.get("relevant") or []), q["query"]


NOT_YET = "below the issue's bar on the held-out queries (see benchmarks/README.md); strict: passing fails"


@pytest.mark.xfail(strict=True, reason=NOT_YET)
def test_an_expected_course_is_in_the_top_5(held_out: Figures) -> None:
    rate = held_out.top5
    assert rate >= 0.97


def test_page_one_is_precise(held_out: Figures) -> None:
    precision = held_out.precision_at_5
    assert precision >= 0.85


@pytest.mark.xfail(strict=True, reason=NOT_YET)
def test_no_never_course_on_page_one(held_out: Figures) -> None:
    shown = len(held_out.never_shown)  # a count: the report does not list held-out queries
    assert shown == 0


def test_filters_are_understood(held_out: Figures) -> None:
    rate = held_out.filters_rate
    assert rate >= 0.95


@pytest.mark.xfail(strict=True, reason=NOT_YET)
def test_nothing_is_shown_when_nothing_is_relevant(held_out: Figures) -> None:
    shown = len(held_out.empty_shown)  # a count: the report does not list held-out queries
    assert shown == 0


@pytest.mark.parametrize(
    ("query", "skill"),
    [
        ("moving into management from nursing", "management"),
        ("switching careers into ux design from retail", "ux design"),
        ("how to protect my small business from hackers", "cybersecurity"),
        ("i want to learn to code websites", "javascript"),
        ("prompt engineering", "artificial intelligence"),
    ],
)
def test_background_is_not_the_topic_and_other_names_count(
    search: CourseSearch, query: str, skill: str
) -> None:
    result = search.search(query)
    assert skill in result.understood
    assert result.ranked


@pytest.mark.parametrize("query", ["r programming", "learn r", "statistics with r"])
def test_r_the_language_in_lower_case_finds_the_r_course(search: CourseSearch, query: str) -> None:
    result = search.search(query)
    assert "R" in result.understood.split(", ") and "rlang" not in result.understood
    assert result.ranked and "R" in search.courses[result.ranked[0]].title.split()


@pytest.mark.parametrize(
    ("query", "understood"),
    [
        ("retired engineer, want to learn python for fun", "python"),
        ("marketing for small business", "marketing (for small business)"),
        ("need something to get promoted to supervisor", "leadership"),
    ],
)
def test_why_and_for_whom_are_not_the_topic(search: CourseSearch, query: str, understood: str) -> None:
    result = search.search(query)
    assert result.understood.startswith(understood)
    assert result.ranked


@pytest.mark.parametrize(
    ("query", "understood"),
    [
        ("council planner wanting gis skills", "gis"),
        ("bakery owner interested in social media marketing", "social media marketing"),
        ("ects accredited data analytics", "data analysis"),
        ("formation en leadership", "leadership"),
    ],
)
def test_who_asks_and_course_words_are_not_the_topic(
    search: CourseSearch, query: str, understood: str
) -> None:
    result = search.search(query)
    assert result.understood == understood
    assert result.ranked


def test_the_tuning_figures_command_reads_every_tuning_list_and_nothing_held_out() -> None:
    """`python -m benchmarks.tuning` pools exactly the data tuned on."""
    from benchmarks.tuning import tuning_search_sets

    sets = tuning_search_sets()
    assert list(sets)[:2] == ["TUNING_2", "TUNING_3"] and "TUNING_24" in sets and "DEV" in sets
    pooled = [q for queries in sets.values() for q in queries]
    assert len(pooled) == len(TUNED)
    assert not any(queries is FRESH or queries is HELD_OUT for queries in sets.values())


def test_the_by_meaning_report_counts_fewer_pages_at_a_higher_similarity(search: CourseSearch) -> None:
    """`python -m benchmarks.tuning --by-meaning`, the figures for filling empty pages by
    meaning quoted in benchmarks/README.md (left out in round 16)."""
    import re

    from benchmarks.tuning import by_meaning_report

    lines = by_meaning_report(search, TUNED[:600], similarities=(0.4, 0.5, 0.6))
    filled = [int(re.search(r": (\d+) pages filled", line).group(1)) for line in lines[1:]]  # type: ignore[union-attr]
    assert len(filled) == 3 and filled[0] >= filled[1] >= filled[2] and filled[0] > 0


def test_the_setting_report_measures_each_value_and_puts_the_setting_back(search: CourseSearch) -> None:
    """`python -m benchmarks.tuning --setting NAME=values`, the figures the round 17 rows on
    `MIN_SCORE` and `RELATIVE_CUT` in benchmarks/README.md come from."""
    import re

    import bot.catalog.search as search_module
    from benchmarks.tuning import setting_report

    before = search_module.MIN_SCORE
    lines = setting_report(search, "MIN_SCORE", [before, 5.0], TUNED[:300])
    hits = [int(re.search(r"\((\d+)/", line).group(1)) for line in lines]  # type: ignore[union-attr]
    assert len(lines) == 2 and hits[0] > hits[1]  # a bar no course reaches shows far fewer
    assert before == search_module.MIN_SCORE
    with pytest.raises(SystemExit, match="not a number setting"):
        setting_report(search, "Concept", [1.0], TUNED[:5])


def test_sent_as_a_message_the_page_is_what_the_understanding_searches(search: CourseSearch) -> None:
    """`python -m benchmarks.tuning --through-understanding`: a query sent as a message is
    searched as the understanding step reads it; an answer instead shows no page, reads no filter."""
    after_the_question = sent_as_a_message(search, expecting_skill=True)
    cold = sent_as_a_message(search, expecting_skill=False)
    assert after_the_question("in person courses") == "in person courses"
    assert cold("in person courses") is None  # typed cold, it asks how courses are run
    assert after_the_question("how much do they cost?") is None
    python = next(c.key for c in search.courses.values() if "python" in c.title.lower())
    queries: list[dict[str, Any]] = [
        {"query": "in person courses", "relevant": [], "best": [], "filters": {"mode": "in-person"}},
        {"query": "python", "relevant": [python], "best": [python]},
    ]
    typed = evaluate(search, queries, after_the_question)
    assert (typed.filters_understood, typed.best_in_top) == (1, 1)
    sent_cold = evaluate(search, queries, cold)
    assert (sent_cold.filters_understood, sent_cold.best_in_top, sent_cold.empty_shown) == (0, 1, [])


@pytest.mark.parametrize(
    ("query", "understood"),
    [
        ("self paced course i can do while the kids are at school", ""),  # filters only: every course
        ("python course i can do around my shifts", "python"),
    ],
)
def test_when_the_learner_can_study_is_not_the_topic(
    search: CourseSearch, query: str, understood: str
) -> None:
    """Round 18's blind set, tuned on in round 19: "…i can do while the kids are at school"
    searched for kids and school, and showed nothing."""
    result = search.search(query)
    assert result.understood == understood and result.ranked
