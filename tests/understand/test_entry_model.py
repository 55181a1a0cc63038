"""The entry model's second opinion: learned from the FAQ's phrasings, it makes the matcher's
best suggestion an answer when both agree, and turns an answer into "Did you mean…?" when it is
sure of another entry. (The messages here are written for these tests.)"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import bot.understand.intent as intent
from bot.faq.matcher import Match, Scored, load_faq
from bot.understand.care import load_care
from bot.understand.entry_model import (
    OFF_TOPIC,
    SUPPORT_PROBABILITY,
    EntryModel,
    entry_model,
    train,
    training_data,
)
from bot.understand.intent import Understander
from bot.understand.language import load_languages
from bot.understand.spelling import _projection, spelling, spelling_of
from tests.conftest import search_over
from tests.understand.evaluation import answered
from tests.understand.stubs import SurePick

CONTENT = Path(__file__).resolve().parents[2] / "content"
# Read by the matcher as "are microdegrees the same thing?" (other-names); by the model as "can
# it replace a degree?", though not surely: both are offered.
SUPPORT_CASE = "is a micro degree basically a degree"


@pytest.fixture(scope="module")
def both(seeded_database: Path) -> tuple[Understander, Understander]:
    catalog = search_over(seeded_database)
    faq, care, languages = load_faq(CONTENT), load_care(CONTENT), load_languages(CONTENT)
    return (
        Understander(faq, catalog.is_known_skill, care, languages),
        Understander(faq, catalog.is_known_skill, care, languages, second_opinion=False),
    )


def test_the_model_learns_which_entry_a_phrasing_asks() -> None:
    faq = load_faq(CONTENT)
    model = entry_model(faq)
    assert isinstance(model, EntryModel) and model is entry_model(faq)  # trained once per content
    assert set(model.ids) - {OFF_TOPIC} == set(faq.by_id)
    for text, entry in [
        ("once i finish do i get anything to prove it", "certificate"),
        ("whats the damage cost wise", "cost"),
        ("do they run out after a few years", "expiry"),
    ]:
        chosen, probability = model.choice(text)
        assert chosen == entry and 0.5 < probability <= 1.0


def test_the_spelling_features_make_misspellings_of_a_word_look_alike() -> None:
    """The words, word pairs and letter pieces the model reads beside the embedding: a typo'd
    word lands near the word, far from another, and one message reads the same alone as in a
    batch (training reads batches, answering reads one message)."""
    texts = ["are they recognised by employers", "r they reconised by employers", "how much does it cost"]
    rows = spelling(texts)
    assert rows.shape == (3, len(spelling_of(texts[0])))
    assert np.allclose(rows, np.stack([spelling_of(t) for t in texts]), atol=1e-5)
    closeness = rows @ rows.T
    assert closeness[0, 1] > 0.5 > closeness[0, 2]
    assert closeness[0, 1] > 2 * closeness[1, 2]
    assert not spelling_of("").any()  # nothing to read: no signal, no error


def test_the_spelling_projection_is_built_with_the_model_not_on_the_first_message() -> None:
    """Building it takes about 0.1 s: at start-up or reload, not while a learner waits."""
    _projection.cache_clear()
    assert entry_model(load_faq(CONTENT)) is not None
    assert _projection.cache_info().currsize == 1


def test_a_tiny_faq_trains_a_model_that_tells_its_entries_apart() -> None:
    model = train(
        ("a", "b"),
        ["how much does it cost", "what is the price", "how long is it", "how many weeks"],
        [0, 0, 1, 1],
    )
    assert model.choice("what does it cost")[0] == "a"
    assert model.choice("how many weeks does it take")[0] == "b"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("i work 9-6 mon-sat. can i still do this", "study-while-working"),
        ("whats the benefit vs youtube videos", "benefits"),
    ],
)
def test_a_suggestion_both_agree_on_is_answered(
    both: tuple[Understander, Understander], text: str, entry: str
) -> None:
    seconded, alone = (u.understand(text) for u in both)
    assert alone.kind == "suggest"
    assert seconded.kind == "faq" and seconded.match is not None and seconded.match.best is not None
    assert seconded.match.best.entry.id == entry and seconded.match.seconded


def test_an_answer_the_model_reads_as_another_entry_becomes_did_you_mean_with_both(
    both: tuple[Understander, Understander],
) -> None:
    text = "do u need leaving cert for these or no"  # the matcher alone: the certificate answer
    seconded, alone = (u.understand(text) for u in both)
    assert alone.kind == "faq" and alone.match is not None
    asked = both[0]._second_opinion(text, alone.match)
    assert asked.kind == "suggest"
    assert [s.entry.id for s in asked.ranked][:2] == ["certificate", "prerequisites"]
    # ... and since round 24 the model, `LEAD_PROBABILITY` sure, answers with its reading
    assert answered(seconded) == "prerequisites" and seconded.match is not None
    assert [s.entry.id for s in seconded.match.ranked][:2] == ["prerequisites", "certificate"]


def test_an_answer_the_model_is_very_sure_is_another_offered_entry_answers_with_that_entry(
    both: tuple[Understander, Understander],
) -> None:
    """The matcher reads "scam" as the provider check; the model, at least
    `OVERRULE_PROBABILITY` sure, as whether they are worth it, one of the matcher's three."""
    text = "are these things worth it or just a scam"
    seconded, alone = (u.understand(text) for u in both)
    assert answered(alone) == "legit-provider" and alone.match is not None
    assert "worth-it" in {s.entry.id for s in alone.match.ranked}
    assert both[0]._entries is not None
    chosen, probability = both[0]._entries.choice(text)
    assert chosen == "worth-it" and probability >= intent.OVERRULE_PROBABILITY
    assert answered(seconded) == "worth-it", seconded
    assert seconded.match is not None and seconded.match.ranked[1].entry.id == "legit-provider"


def test_distress_read_by_meaning_keeps_the_care_reply_when_only_the_second_opinion_is_sure(
    both: tuple[Understander, Understander],
) -> None:
    got = both[0].understand(
        "every evening i open the course and then do something else instead. dishes, the bins, anything"
    )
    assert got.kind == "care"


def test_off_topic_look_alikes_are_not_answered_on_agreement(both: tuple[Understander, Understander]) -> None:
    for text in ["how long is a course of penicillin", "my linkedin was hacked, how do i get back in"]:
        assert both[0].understand(text).kind != "faq"


def test_each_message_s_understanding_step_reuses_the_model_without_work(
    both: tuple[Understander, Understander],
) -> None:
    faq = both[0].faq
    again = Understander(faq, both[0].is_known_skill, both[0].care, both[0].languages)
    care = both[0].care
    assert again._entries is both[0]._entries is entry_model(faq, care.off_topic_examples, care.faq_examples)


def test_an_answer_the_model_reads_as_about_something_else_is_only_offered(
    both: tuple[Understander, Understander],
) -> None:
    text = "can i get a refund on my concert tickets"
    seconded, alone = (u.understand(text) for u in both)
    assert alone.kind == "faq"
    assert seconded.kind == "suggest"
    assert both[0]._entries is not None and both[0]._entries.choice(text)[0] == OFF_TOPIC


def test_a_suggestion_further_down_answers_when_the_model_is_sure_of_it(
    both: tuple[Understander, Understander],
) -> None:
    text = "does it cost money or are there free ones"
    seconded, alone = (u.understand(text) for u in both)
    assert alone.kind == "suggest" and alone.match is not None and alone.match.best is not None
    assert alone.match.best.entry.id != "cost" and "cost" in {s.entry.id for s in alone.match.ranked}
    assert answered(seconded) == "cost", seconded


@pytest.mark.parametrize("text", ["prices", "tuition fees"])
def test_a_money_word_alone_is_the_cost_question_not_a_topic(
    both: tuple[Understander, Understander], text: str
) -> None:
    got = both[0].understand(text)
    assert answered(got) == "cost", got


def test_the_learners_questions_labelled_with_an_entry_are_learned_too() -> None:
    """The examples file's "faq-<entry id>" lines join the entry's phrasings; a line for an
    entry the FAQ no longer has is skipped, not an error."""
    faq = load_faq(CONTENT)
    questions = (("cost", "what's the damage for one of these then"), ("no-such-entry", "anything"))
    ids, texts, labels = training_data(faq, ("how long is a course of antibiotics",), questions)
    assert ids[-1] == OFF_TOPIC and ids[: len(faq.entries)] == tuple(e.id for e in faq.entries)
    learned = dict(zip(texts, labels, strict=True))
    assert ids[learned["what's the damage for one of these then"]] == "cost"
    assert "anything" not in learned and ids[learned["how long is a course of antibiotics"]] == OFF_TOPIC
    care = load_care(CONTENT)
    assert len(care.faq_examples) > 1000 and {e for e, _ in care.faq_examples} <= set(faq.by_id)


def test_an_answer_the_model_gives_little_chance_is_only_offered(
    both: tuple[Understander, Understander],
) -> None:
    """The matcher answers alone; the model, not sure of any other entry, still gives the
    matcher's entry less than `SUPPORT_PROBABILITY`: "Did you mean…?" with both readings."""
    text = SUPPORT_CASE
    seconded, alone = (u.understand(text) for u in both)
    assert alone.kind == "faq" and alone.match is not None and alone.match.best is not None
    model = both[0]._entries
    assert model is not None
    chosen, sure = model.choice(text)
    assert chosen != alone.match.best.entry.id and sure < 0.9  # not the "sure of another" rule
    assert model.probability(text, alone.match.best.entry.id) < SUPPORT_PROBABILITY
    assert seconded.kind == "suggest" and seconded.match is not None
    assert [s.entry.id for s in seconded.match.ranked][:2] == [alone.match.best.entry.id, chosen]


def test_questions_for_an_entry_the_faq_lacks_are_skipped_and_named_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Renaming an entry in faq.yaml leaves its labelled questions behind: the log names the
    id (never a learner's words), and the model is made without them."""
    faq = load_faq(CONTENT)
    with caplog.at_level("WARNING", logger="bot.understand.entry_model"):
        questions = (("renamed-entry", "what do they set you back"), ("cost", "what's the fee"))
        model = entry_model(faq, (), questions)
    assert model is not None and "renamed-entry" not in model.ids
    assert "renamed-entry" in caplog.text and "set you back" not in caplog.text


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("can a lad do the whole lot on his phone", "mobile"),
    ],
)
def test_a_clear_agreement_answers_whatever_the_on_topic_signal_says(
    both: tuple[Understander, Understander], monkeypatch: pytest.MonkeyPatch, text: str, entry: str
) -> None:
    """The matcher only suggests; the entry model picks the same entry at least
    `CLEAR_AGREEMENT` surely; the on-topic signal reads the message as a question for the FAQ
    less surely than `ON_TOPIC_FOR_AGREEMENT` ("facebook ad", "a lad", "the whole lot": words its
    examples rarely use) and no longer holds the answer back."""
    seconded, alone = (u.understand(text) for u in both)
    on_topic = both[0].care.on_topic
    assert on_topic is not None and on_topic.probability(text) < intent.ON_TOPIC_FOR_AGREEMENT
    assert alone.kind == "suggest"
    assert answered(seconded) == entry and seconded.match is not None and seconded.match.seconded
    monkeypatch.setattr(intent, "CLEAR_AGREEMENT", 1.01)
    assert both[0].understand(text).kind == "suggest"  # the rule is what answers it


def test_the_model_picks_another_offered_entry_whatever_the_on_topic_signal_says(
    both: tuple[Understander, Understander], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 21: the matcher offers cost, funding, refunds; the model is `PICK_PROBABILITY`
    sure of funding, and the on-topic signal reads the message as off topic: funding answers."""
    understander = both[0]
    faq = understander.faq
    match = Match("suggest", tuple(Scored(faq.by_id[i], 0.5) for i in ("cost", "funding", "refunds")))
    monkeypatch.setattr(understander, "_entries", SurePick("funding"))
    monkeypatch.setattr(understander, "_reads_as_a_question", lambda text: False)
    picked = understander._second_opinion("any dosh going for the likes of me", match)
    assert picked.kind == "answer" and picked.best is not None and picked.best.entry.id == "funding"
    assert [s.entry.id for s in picked.ranked] == ["funding", "cost", "refunds"]
    monkeypatch.setattr(intent, "PICK_PROBABILITY", 0.9)  # less sure than that: still asked
    assert understander._second_opinion("any dosh going for the likes of me", match).kind == "suggest"


def test_a_question_turned_away_is_answered_when_the_model_agrees_surely_whatever_the_on_topic_signal(
    both: tuple[Understander, Understander], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 21: a question the word rules turned away, matched as on topic, is answered when the
    entry model picks the same entry at least `RESCUE_AGREEMENT` surely, though the on-topic
    signal reads it as off topic (0.1 here); less sure than that, it is only offered."""
    understander = both[0]
    text = "is there any funding for this"
    again = understander.faq.match(text, known_on_topic=True)
    assert again.kind == "answer" and again.best is not None and again.best.entry.id == "funding"
    monkeypatch.setattr(understander, "_entries", SurePick("funding"))  # 0.85 sure
    rescued = understander._rescued(text, 0.1)
    assert rescued is not None and rescued.kind == "answer"
    monkeypatch.setattr(intent, "RESCUE_AGREEMENT", 0.9)
    offered = understander._rescued(text, 0.1)
    assert offered is not None and offered.kind == "suggest"


def test_a_suggestion_is_answered_by_the_entry_the_model_is_sure_of_even_one_not_offered(
    both: tuple[Understander, Understander], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 24: still a "Did you mean…?" after the second opinion, a message the on-topic
    signal reads as a question is answered by the entry the model is `LEAD_PROBABILITY` sure of,
    though the matcher did not offer it; less sure, or read as off topic, it is still asked."""
    understander = both[0]
    text = "do they count for anything"
    before = understander.understand(text)
    assert before.kind == "suggest" and before.match is not None
    assert "expiry" not in {s.entry.id for s in before.match.ranked}
    monkeypatch.setattr(understander, "_entries", SurePick("expiry"))  # 0.85 sure
    led = understander.understand(text)
    assert led.kind == "faq" and answered(led) == "expiry"
    assert led.match is not None and len(led.match.ranked) > 1  # the matcher's readings stay beside it
    monkeypatch.setattr(intent, "LEAD_ON_TOPIC", 0.99)  # read as off topic: asked
    assert understander.understand(text).kind == "suggest"
    monkeypatch.setattr(intent, "LEAD_ON_TOPIC", 0.7)
    monkeypatch.setattr(intent, "LEAD_PROBABILITY", 0.9)  # less sure than that: asked
    assert understander.understand(text).kind == "suggest"


def test_a_message_the_faq_had_nothing_for_is_offered_the_entry_the_model_is_sure_of(
    both: tuple[Understander, Understander], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 24: "any money off for mums" finds nothing in the matcher; the model is sure it
    asks about funding and the on-topic signal is not sure it is a question, so it is offered
    ("Did you mean…?"), not answered outright: an off-topic message sharing an entry's words
    fools the model too. (Until round 27's retraining the message was "do mums get any money
    off", which the on-topic signal now reads as a question: it is answered.)"""
    understander = both[0]
    got = understander.understand("any money off for mums")
    assert got.kind == "suggest" and got.match is not None and got.match.best is not None
    assert got.match.best.entry.id == "funding"
    monkeypatch.setattr(intent, "LEAD_PROBABILITY", 1.01)
    assert understander.understand("any money off for mums").kind == "offtopic"
    monkeypatch.setattr(intent, "LEAD_PROBABILITY", 0.8)
    monkeypatch.setattr(understander, "_entries", SurePick("digital-badges"))
    offered = understander.understand("how do i get the blue tick on instagram")
    assert offered.kind == "suggest" and answered(offered) is None


def test_a_worried_question_the_matcher_missed_gets_the_entry_the_model_is_sure_of_beside_the_care_reply(
    both: tuple[Understander, Understander], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 25: "…are the tests all writing? I'm dyslexic and I struggle": the care reply,
    then the answer the entry model is sure the question asks (never instead of the care reply)."""
    understander = both[0]
    text = "im dyslexic and honestly so anxious, are the tests all writing"
    monkeypatch.setattr(intent, "LEAD_PROBABILITY", 1.01)
    alone = understander.understand(text)
    assert alone.kind == "care" and alone.match is None
    monkeypatch.setattr(intent, "LEAD_PROBABILITY", 0.8)
    monkeypatch.setattr(understander, "_entries", SurePick("assessment"))
    got = understander.understand(text)
    assert got.kind == "care" and answered(got) is None
    assert got.match is not None and got.match.kind == "answer" and got.match.seconded
    assert got.match.best is not None and got.match.best.entry.id == "assessment"
