"""The understanding step, measured from the learner's side.

Thirty labelled sets, each written by someone who never saw the FAQ's phrasings, as many
different people would type: casual, slang, typos, long rambling messages, follow-ups,
every FAQ topic, bare skills and course intents, wellbeing messages, other languages,
off-topic ones and plan commands.

* `TUNED_ON` (`tests/understand/evaluation.py`): `tuning_eval.yaml`, `understand_eval.yaml`,
  `tuning_eval_2.yaml` (a fresh set written blind to the content), `care_tuning.yaml` (care,
  near misses, searches, other languages, off-topic, written blind), `learner_eval_2.yaml`
  and `learner_eval_3.yaml` (held-out sets written blind, each measured once, then made
  tuning data), `offtopic_tuning.yaml` (off-topic messages that share the bot's words,
  indirect distress and its near misses, plan commands in free words), `tuning_eval_5.yaml`
  and `tuning_eval_6.yaml` (about 500 messages each, written blind by two more writers with
  30 personas each), `learner_eval_4.yaml` (the blind set of round 2, measured three times
  during that round, then made tuning data in round 3), `care_plan_tuning.yaml` (round 3: 390
  care messages, calm near misses and plan commands, written blind), `learner_eval_5.yaml`
  and `learner_eval_6.yaml` (round 3's first blind sets, measured, then made tuning data),
  `care_plan_tuning_2.yaml` (410 more care, near-miss and plan messages) and
  `learner_eval_7.yaml` (683 messages, the blind set that ended round 3: read once then,
  81.8 % right first time, and made tuning data in round 4), `learner_eval_8.yaml` (689
  messages, round 4's blind set: read once at its end, 87.4 % right first time, 3.4 %
  confident wrong, to the search 94.1 %; made tuning data in round 5) and
  `learner_tune_10.yaml` (668 messages written blind as round 5's tuning data; 81.2 % right
  first time and 6.1 % confident wrong when it arrived) and `learner_eval_9.yaml` (724
  messages, round 5's first blind set: read once mid-round, 86.0 % right first time, 3.2 %
  confident wrong, to the search 100 %, care 44 of 46, languages 32 of 33, off-topic 1 of 48;
  then tuned on), `learner_eval_11.yaml` (711 messages, round 5's last blind set: read once at
  its end, 85.3 % right first time, 3.4 % confident wrong, to the search 95.2 %; tuned on in
  round 6), `learner_tune_13.yaml` (740 messages written blind as round 6's tuning data),
  `offtopic_tuning_2.yaml` (462 messages: off-topic ones sharing the bot's words, and on-topic
  look-alikes, written blind) and `learner_eval_12.yaml` (765 messages, round 6's first blind
  set: read once mid-round, 84.4 % right first time, 3.9 % confident wrong, to the search
  96.8 %, care 46 of 48, languages 33 of 33, off-topic 0 of 49; then tuned on) and
  `learner_eval_14.yaml` (768 messages written blind late in round 6 by two writers who saw
  only the FAQ's ids and questions; read once at its end: right first time 83.9 %, confident
  wrong 5.0 %, did-you-mean 8.7 %, to the search 97.7 %, care 43 of 47, languages 31 of 31,
  off-topic answered 2 of 51; tuned on in round 7). The thresholds
  and content were
  tuned on them, and the learned signals (care, on-topic, plan commands) are trained on their
  lines in `content/care_examples.yaml` and cross-validated leaving one set out; their
  figures are printed, never asserted.
* `learner_eval.yaml` is the held-out set the bars of the issue are asserted on; it was
  never opened while tuning (its aggregate figures were watched, so they may flatter).
* `learner_eval_15.yaml` (747 messages once exact repeats were dropped, written blind at the
  start of round 7 by two writers who saw only the FAQ's ids and questions, 20 personas each)
  was read once mid-round 7: right first time 93.8 %, confident wrong 2.1 %, did-you-mean
  3.4 %, to the search 92.0 %, care 48 of 50, languages 29 of 30, off-topic answered 0 of 50,
  small talk 15 of 16, plan 39 of 44 (under the code round 7 started with: 92.1 %, 2.1 %,
  5.1 %, the rest the same); then it was tuned on.
* `learner_eval_16.yaml` (760 messages, written blind mid-round 7 the same way) was read once
  late in round 7: right first time 81.7 %, confident wrong 5.6 %, did-you-mean 8.3 %, to the
  search 95.2 %, care 51 of 51, languages 30 of 30, off-topic answered 1 of 50, small talk 14
  of 15, plan 40 of 49 (under the code round 7 started with: 79.0 %, 6.0 %, 10.6 %, search
  94.0 %, plan 39 of 49); then it was tuned on.
* `learner_eval_17.yaml` (604 messages, written blind late in round 7 the same way) was read
  once at the end of round 7: right first time 88.9 %, confident wrong 4.8 %, did-you-mean
  4.8 %, to the search 94.2 %, care 38 of 40, languages 24 of 24, off-topic answered 0 of 40,
  small talk 10 of 12, plan 35 of 41 (under the code round 7 started with: 86.0 %, 5.0 %,
  7.4 %, search 92.8 %, care 37 of 40); it was tuned on in round 8.
* `learner_eval_18.yaml` (750 messages once exact repeats were dropped, written blind at the
  start of round 8 by two writers who saw only the FAQ's ids and questions, 20 personas each)
  was read once mid-round 8: right first time 88.2 %, confident wrong 2.4 %, did-you-mean
  7.7 %, fallback 1.7 % (467 questions), to the search 92.1 % (82 of 89), care 46 of 50, languages 28 of 30,
  off-topic answered 0 of 50, small talk 15 of 16, plan 47 of 48 (under the code round 8
  started with: 89.1 %, 3.4 %, 5.8 %, search 81 of 89, the rest the same); then it was tuned on.
* `learner_eval_19.yaml` (764 messages, written blind mid-round 8 the same way) was read once
  late in round 8: right
  first time 89.4 %, confident wrong 3.3 %, did-you-mean 4.8 %, fallback 2.5 % (480
  questions), to the search 92.3 % (84 of 91), care 50 of 50, languages 29 of 30, off-topic
  answered 0 of 50, small talk 13 of 14, plan 41 of 49 (under the code round 8 started with:
  89.2 %, 3.3 %, 4.8 %, search 83 of 91, the rest the same); then it was tuned on.
* `learner_eval_20.yaml` (745 messages, written blind late in round 8 the same way) was read
  once at the end of round 8: right
  first time 90.3 %, confident wrong 2.2 %, did-you-mean 6.0 %, fallback 1.5 % (463
  questions), to the search 91.9 % (79 of 86), care 45 of 50, languages 30 of 30, off-topic
  answered 1 of 50, small talk 17 of 17, plan 36 of 49 (under the code round 8 started with:
  89.8 %, 3.9 %, 4.8 %, search 78 of 86, plan 37 of 49, the rest the same); it was tuned on in
  round 9.
* `learner_eval_21.yaml` (765 messages once exact repeats were dropped, written blind at the
  start of round 9 the same way, 20 personas per writer) was read once at the end of round 9:
  right first time 87.4 %,
  confident wrong 2.9 %, did-you-mean 7.8 %, fallback 1.9 % (486 questions), to the search
  90.6 % (77 of 85), care 46 of 50, languages 30 of 30, off-topic answered 2 of 51, small talk
  11 of 13, plan 41 of 50 (under the code round 9 started with: 86.6 %, 3.3 %, 8.0 %, 2.1 %,
  search 76 of 85, care 47 of 50, off-topic 1 of 51, plan 40 of 50, the rest the same); it
  was tuned on in round 10.
* `learner_eval_23.yaml` (758 messages once exact repeats were dropped, written blind at the
  start of round 10 the same way) is printed as the honest figure for messages nobody has tuned
  on. Read once at the end of round 10: right first time 88.1 %, confident wrong 2.3 %,
  did-you-mean 6.5 %, fallback 3.1 % (477 questions), to the search 95.4 % (83 of 87), care 47
  of 50, languages 29 of 30, off-topic answered 0 of 49, small talk 14 of 16, plan 46 of 49
  (under the code round 10 started with: 88.3 %, 2.3 %, 6.1 %, search 82 of 87, plan 44 of 49,
  the rest the same). Its totals were printed once by accident mid-round; nothing was tuned
  on them. It was tuned on in round 11.
* `learner_eval_25.yaml` (766 messages once exact repeats were dropped, written blind at the
  start of round 11 the same way) was read once at the end of round 11: right first time 90.2
  %, confident wrong 2.5 %, did-you-mean 5.6 %, fallback 1.7 % (478 questions), to the search
  93.5 % (86 of 92), care 47 of 50, languages 30 of 30, off-topic answered 0 of 50, small talk
  14 of 16, plan 42 of 50 (under the code round 11 started with the same, but confident wrong
  2.7 % and did-you-mean 5.4 %); it was tuned on in round 12.
* `learner_eval_27.yaml` (754 messages once exact repeats were dropped, written blind at the
  start of round 12 the same way) was read once at the end of round 12: right first time 85.0
  %, confident wrong 4.0 %, did-you-mean 6.6 %, fallback 4.4 % (472 questions), to the search
  97.7 % (85 of 87), care 49 of 50, languages 27 of 30, off-topic answered 0 of 51, small talk
  12 of 14, plan 47 of 50
  (under the code round 12 started with: 85.0 %, 4.2 %, 6.4 %, search 84 of 87, care 50 of 50,
  plan 46 of 50, the rest the same); it was tuned on in round 13.
* `learner_eval_29.yaml` (762 messages once exact repeats were dropped, written blind at the
  start of round 13 the same way) was read once at the end of round 13: right first time
  87.1 %, confident wrong 2.3 %, did-you-mean 9.6 %, fallback 1.0 % (481 questions), to the
  search 98.9 % (87 of 88), care 48 of 50, languages 30 of 30, off-topic answered 1 of 50,
  small talk 14 of 16, plan 43 of 47
  (under the code round 13 started with: 85.9 %, 2.5 %, 9.1 %, fallback 2.5 %, the rest the
  same); it was tuned on in round 14.
* `learner_eval_31.yaml` (756 messages once exact repeats were dropped, written blind at the
  start of round 14 the same way) was read once at the end of round 14: right first time
  84.0 %, confident wrong 2.5 %, did-you-mean 11.0 %, fallback 2.5 % (474 questions), to the
  search 98.9 % (86 of 87), care 48 of 50, languages 28 of 30, off-topic answered 0 of 50,
  small talk 13 of 14, plan 48 of 51 (exactly the same under the code round 14 started with);
  it was tuned on in round 15.
* `learner_eval_33.yaml` (767 messages once exact repeats were dropped, written blind at the
  start of round 15 the same way) was read once at the end of round 15: right first time
  90.4 %, confident wrong 2.7 %, did-you-mean 5.6 %, fallback 1.2 % (481 questions), to the
  search 93.3 % (84 of 90), care 45 of 50, languages 28 of 30, off-topic answered 3 of 50,
  small talk 14 of 16, plan 46 of 50 (under the code round 15 started with: 89.0 %, 2.7 %,
  7.1 %, off-topic answered 2 of 50, the rest the same); it was tuned on in round 16.
* `learner_eval_35.yaml` (762 messages once exact repeats were dropped, written blind at the
  start of round 16 the same way) was read once at the end of round 16: right first time
  85.2 %, confident wrong 2.7 %, did-you-mean 10.8 %, fallback 1.2 % (480 questions), to the
  search 97.6 % (83 of 85), care 47 of 50, languages 31 of 31, off-topic answered 1 of 50, small
  talk 14 of 16, plan 42 of 50 (exactly the same under the code round 16 started with); it was
  tuned on in round 17.
* `learner_eval_37.yaml` (792 messages once exact repeats were dropped, written blind at the
  start of round 17 the same way) was read once at the end of round 17: right first time
  91.7 %, confident wrong 1.6 %, did-you-mean 5.7 %, fallback 1.0 % (494 questions), to the
  search 92.9 % (78 of 84), care 50 of 50, languages 48 of 48, off-topic answered 0 of 50, small
  talk 20 of 20, plan 43 of 46 (under the code round 17 started with: 91.1 %, 1.6 %, 6.3 %, the
  rest the same); it was tuned on in round 18.
* `learner_eval_39.yaml` (776 messages once exact repeats were dropped, written blind at the
  start of round 18 the same way, 40 new personas) was read once at the end of round 18: right
  first time 92.8 %, confident wrong 0.8 %, did-you-mean 5.3 %, fallback 1.0 % (486
  questions), to the search 84.3 % (70 of 83), care 48 of 50, languages 48 of 48, off-topic
  answered 0 of 49, small talk 14 of 18, plan 36 of 42 (under the code round 18 started with:
  92.6 %, 0.8 %, 5.3 %, fallback 1.2 %, the rest the same). Fixes made after reading it (now
  in-sample): to the search 78 of 83, care 50 of 50, plan 41 of 42, small talk 16 of 18. It
  was tuned on in round 19.
* `learner_eval_41.yaml` (790 messages once exact repeats were dropped, written blind at the
  start of round 19 the same way, 40 new personas leaning on dialect, emoji and letters) was
  read once at the end of round 19: right first time 75.9 %, confident wrong 5.8 %, did-you-mean
  13.4 %, fallback 4.9 % (486 questions), to the search 81.8 % (72 of 88), care 48 of 50,
  languages 48 of 50, off-topic answered 3 of 49, small talk 16 of 21, plan 32 of 46 (exactly
  the same under the code round 19 started with). Fixes made after reading it (now in-sample):
  to the search 76 of 88, off-topic answered 0 of 49, care 50 of 50. It was tuned on in round
  20.
* `learner_eval_43.yaml` (787 messages once exact repeats were dropped, written blind at the
  start of round 20 the same way, 40 new personas) is printed as the honest figure for messages
  nobody had tuned on. Read once at the end of round 20: right first time 75.4 %, confident
  wrong 6.4 %, did-you-mean 14.5 %, fallback 3.7 % (483 questions), to the search 76.7 % (69 of
  90), care 49 of 50, languages 50 of 50, off-topic answered 2 of 50, small talk 18 of 20, plan
  31 of 44 (under the code round 20 started with: 75.2 %, 6.4 %, 14.7 %, 3.7 %, the rest the
  same). Fixes made after reading it (now in-sample): off-topic answered 0 of 50, small talk 19
  of 20, plan 34 of 44, to the search 70 of 90. It was tuned on in round 21.
* `learner_eval_45.yaml` (784 messages once exact repeats were dropped, written blind at the start
  of round 21 the same way, 40 new personas). Read once at the end of round 21: right first time
  84.6 %, confident wrong 4.6 %, did-you-mean 7.5 %, fallback 3.3 % (481 questions), to the search
  86.5 % (77 of 89), care 47 of 50, languages 47 of 50, off-topic answered 1 of 50, small talk 15
  of 20, plan 31 of 44 (under the code round 21 started with: 83.2 %, 4.8 %, 8.7 %, 3.3 %,
  off-topic 0 of 50, the rest the same). Fixes made after reading it (now in-sample): off-topic
  answered 0 of 50, plan 35 of 44, care 49 of 50, languages 48 of 50. It was tuned on in round 22.
* `learner_eval_47.yaml` (787 messages, written blind at the start of round 22 the same way, 40
  new personas). Read once at the
  end of round 22: right first time 79.1 %, confident wrong 5.0 %, did-you-mean 9.2 %, fallback
  6.7 % (478 questions), to the search 82.8 % (77 of 93), care 46 of 50, languages 48 of 50, off-
  topic answered 0 of 50, small talk 17 of 21, plan 28 of 45 (under the code round 22 started
  with: 78.5 %, 5.2 %, 9.2 %, 7.1 %, plan 29 of 45, the rest the same). Fixes made after reading
  it (now in-sample): right first time 381 of 478, confident wrong 21, to the search 78 of 93,
  plan 38 of 45, care 49 of 50, languages 49 of 50. It was tuned on in round 23.
* `learner_eval_49.yaml` (789 messages, written blind at the start of round 23 the same way, 40
  new personas). Read once at the
  end of round 23: right first time 79.5 %, confident wrong 4.6 %, did-you-mean 12.2 %, fallback
  3.7 % (482 questions), to the search 90.0 % (81 of 90), care 47 of 50, languages 48 of 50, off-
  topic answered 0 of 50, small talk 17 of 22, plan 36 of 45 (under the code round 23 started
  with: 78.6 %, 5.4 %, 12.9 %, 3.1 %, plan 34 of 45, the rest the same). Fixes made after reading
  it (now in-sample): right first time 386 of 482, confident wrong 17, to the search 83 of 90,
  plan 40 of 45, small talk 19 of 22, care 48 of 50. It was tuned on in round 24.
* `learner_eval_51.yaml` (799 messages, written blind at the start of round 24 the same way, 40
  new personas). Read once at the
  end of round 24: right first time 84.6 %, confident wrong 4.0 %, did-you-mean 8.4 %, fallback
  3.0 % (499 questions), to the search 82.0 % (73 of 89), care 48 of 48, languages 49 of 50, off-
  topic answered 0 of 48, small talk 17 of 20, plan 31 of 45 (under the code round 24 started
  with: 79.6 %, 5.2 %, 10.2 %, 5.0 %, the rest the same). It was tuned on in round 25.
* `learner_eval_53.yaml` (799 messages, written blind at the start of round 25 the same way, 40
  new personas, at least ten of them kinds of people earlier, tuned-on sets also had). Read once
  at the end of round 25: right first time
  90.6 %, confident wrong 2.4 %, did-you-mean 6.0 %, fallback 1.0 % (501 questions), to the
  search 93.1 % (81 of 87), care 46 of 48, languages 48 of 49, off-topic answered 1 of 48, small
  talk 13 of 21, plan 37 of 45 (under the code round 25 started with: 89.6 %, 2.6 %, 6.6 %,
  1.2 %, to the search 77 of 87, plan 36 of 45, the rest the same). It was tuned on in round 26.
* `learner_eval_55.yaml` (800 messages, written blind at the start of round 26 the same way, 40
  new personas, chosen this time from places and kinds of people no earlier set had). Read once
  at the end of round 26: right
  first time 89.8 %, confident wrong 3.6 %, did-you-mean 5.6 %, fallback 1.0 % (499 questions),
  to the search 92.1 % (82 of 89), care 46 of 48, languages 50 of 50, off-topic answered 0 of
  48, small talk 8 of 21, plan 34 of 45 (under the code round 26 started with: 90.0 %, 3.6 %,
  5.4 %, 1.0 %, to the search 83 of 89, small talk 7 of 21, the rest the same). It was tuned
  on in round 27.
* `learner_eval_57.yaml` (798 messages, written blind at the start of round 27 the same way, 40
  new personas, mostly from places and kinds of people no earlier set had). Read once at the
  end of round 27: right first
  time 89.2 %, confident wrong 2.6 %, did-you-mean 6.0 %, fallback 2.2 % (499 questions), to the
  search 92.0 % (81 of 88), care 44 of 48, languages 50 of 50, off-topic answered 1 of 48, small
  talk 10 of 21, plan 35 of 44 (under the code round 27 started with: 88.0 %, 3.8 %, 6.0 %,
  2.2 %, small talk 8 of 21, plan 33 of 44, the rest the same). After reading it, grief told
  as "since my wife passed the house…" was fixed (in-sample on it; tuning sets unchanged). It
  was tuned on in round 28.
* `learner_eval_59.yaml` (800 messages, written blind at the start of round 28 the same way, 40
  new personas from places no earlier set had). Read once at the end of round 28: right first
  time 85.6 %, confident wrong 2.8 %, did-you-mean 6.8 %, fallback 4.8 % (500 questions), to the
  search 91.0 % (81 of 89), care 43 of 48, languages 50 of 50, off-topic answered 1 of 47, small
  talk 4 of 21, plan 38 of 45 (under the code round 28 started with: 84.6 %, 4.4 %, 6.0 %, 5.0
  %, the rest the same). Tok Pisin, Pijin and Kriol questions were most of what it missed; after
  the read the Pacific pidgins' words joined `mixed_into_english` (in-sample on it then: 87.6 %,
  2.4 %, care 46 of 48, to the search 80 of 89). It was tuned on in round 29.
* `learner_eval_61.yaml` (799 messages, written blind at the start of round 29 the same way, 40
  new personas from places no earlier set had) is printed as the honest figure for messages
  nobody has tuned on. Read once at the end of round 29: right first time 92.2 %, confident
  wrong 1.0 %, did-you-mean 6.2 %, fallback 0.6 % (498 questions), to the search 94.4 % (84 of
  89), care 48 of 49, languages 47 of 47, off-topic answered 0 of 48, small talk 7 of 20, plan
  45 of 48 (under the code round 29 started with, already trained on round 28's set: 92.0 %,
  1.2 %, 6.2 %, 0.6 %, to the search 83 of 89, the rest the same). After the read, the
  greetings and thanks it showed the lists lacked were added, and a reminder time asked without
  "my" (in-sample on it then: small talk 14 of 20, plan 46 of 48; tuning sets unchanged).

Run with `pytest -s tests/understand/test_eval.py` to see the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog.search import CourseSearch
from bot.faq.matcher import load_faq
from bot.understand.care import load_care
from bot.understand.intent import Understander
from bot.understand.language import load_languages
from tests.conftest import search_over
from tests.understand.evaluation import TUNED_ON, Figures, evaluate, load_set

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = "learner_eval.yaml"
# Written blind (the writers saw only the FAQ's ids and questions, nothing of the code or
# content) at the start of round 29; never tuned on: the honest figure.
FRESH: tuple[str, ...] = ("learner_eval_61.yaml",)
# learner_eval_2.yaml and learner_eval_3.yaml were held-out sets, written blind after the
# tuning; each was measured once, reported and then re-designated as tuning data.


@pytest.fixture(scope="module")
def catalog(seeded_database: Path) -> CourseSearch:
    return search_over(seeded_database)


@pytest.fixture(scope="module")
def understander(catalog: CourseSearch) -> Understander:
    content = ROOT / "content"
    return Understander(
        load_faq(content), catalog.is_known_skill, load_care(content), load_languages(content),
        says_a_need=catalog.says_a_need,
    )


@pytest.fixture(scope="module")
def held_out(understander: Understander, catalog: CourseSearch, request: pytest.FixtureRequest) -> Figures:
    """The asserted figures; with `-s` (nothing captured) the blind and tuning sets' figures
    are printed too (about 7,000 more messages: they are only read when someone looks)."""
    figures = evaluate(understander, load_set(HELD_OUT), min(catalog.courses))
    print("\n" + figures.report(f"{HELD_OUT} (held out, asserted)"))
    if request.config.getoption("capture") != "no":
        return figures
    for name in FRESH:
        fresh = evaluate(understander, load_set(name), min(catalog.courses))
        print(fresh.report(f"{name} (held out, written blind after all the tuning, printed)"))
    for name in TUNED_ON:
        print(evaluate(understander, load_set(name), min(catalog.courses)).report(f"{name} (tuned on)"))
    return figures


def test_the_held_out_set_is_big_enough_and_its_labels_exist(understander: Understander) -> None:
    messages = load_set(HELD_OUT)
    assert len(messages) >= 300
    kinds = {m["kind"] for m in messages}
    assert {"faq", "search", "care", "language", "offtopic"} <= kinds
    assert {m["expect"] for m in messages if m["kind"] == "faq"} <= set(understander.faq.by_id)


def test_answerable_questions_are_answered_right_first_time(held_out: Figures) -> None:
    assert held_out.rate("faq_right", "faq") >= 0.85, held_out.report("held out")
    assert held_out.rate("faq_suggest", "faq") <= 0.10, held_out.report("held out")


def test_confident_wrong_answers_are_at_most_3_percent(held_out: Figures) -> None:
    assert held_out.rate("faq_wrong", "faq") <= 0.03, held_out.report("held out")


def test_bare_skills_and_course_intents_go_to_the_search(held_out: Figures) -> None:
    assert held_out.rate("search_ok", "search") >= 0.97, held_out.report("held out")


def test_every_other_language_gets_a_reply_in_that_language(held_out: Figures) -> None:
    assert held_out.counts["language_ok"] == held_out.counts["language"], held_out.report("held out")


def test_no_worse_than_last_measured(held_out: Figures) -> None:
    """Guards against regressions on the two bars not yet met, and on the figures without a
    bar (last measured 2026-11-30, round 3: 1 of 31 off-topic answered, care 20 of 20, small
    talk 100 %, plan actions 88.2 %; round 15: 328 of 346 questions right first time, 15
    did-you-mean, after the learned signals' agreement settings were chosen by two-fold
    cross-validation; 327 and 16 before)."""
    assert held_out.counts["faq_right"] >= 328, held_out.report("held out")
    assert held_out.counts["faq_suggest"] <= 15, held_out.report("held out")
    assert held_out.counts["offtopic_answered"] <= 1, held_out.report("held out")
    assert held_out.counts["care_ok"] == held_out.counts["care"], held_out.report("held out")
    assert held_out.rate("smalltalk_ok", "smalltalk") >= 0.93, held_out.report("held out")
    assert held_out.rate("plan_ok", "plan") >= 0.8, held_out.report("held out")


def test_off_topic_never_gets_a_confident_faq_answer(held_out: Figures) -> None:
    assert held_out.counts["offtopic_answered"] == 0


def test_every_wellbeing_message_gets_the_care_reply(held_out: Figures) -> None:
    assert held_out.counts["care_ok"] == held_out.counts["care"]
