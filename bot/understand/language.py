"""Other languages: which language a message is in, and the honest reply in that language.

Detection uses `py3langid` (a maintained fork of langid.py, model shipped in the wheel),
limited to English and the languages we have a reply for, so short English messages are
not mistaken for Tagalog or Esperanto. A message counts as another language only when the
detector is confident and the message has at least two words: a skill name or a typo stays
English. A greeting or thanks said alone ("hola", "merci beaucoup") is that language when the
language lists it (`greetings` in `content/languages.yaml`). Minimum evidence: a message with
more English function words than foreign ones stays English whatever the detector says ("i
love the vibe, muchas gracias" is English with a foreign phrase); a short message the
detector is unsure about is another language when two of its words are common words of that
language only (the `words` of each language in `content/languages.yaml`). A message with two
common words of a language or creole people mix into English, and no fewer of them than of any
of ours, is English ("pwede ba sa phone lang?", "Who be de ones dat give out dese?": the file's
`mixed_into_english`), and some of those words are read as English (`Languages.in_english`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from bot.content import ContentError, read_yaml, require_str
from bot.telegram_html import html_problem
from bot.text import fold, is_english_word, phrase_alternatives

MIN_PROBABILITY = 0.9
CERTAIN_PROBABILITY = 0.999  # ... and this sure, most words being no English words, despite a few that are
# ... or this, when the message has no English small word and half its words are no English words
NO_ENGLISH_PROBABILITY = 0.8
MIN_WORDS = 2
MIN_MIXED_WORDS = 2  # words of a language mixed into English that make a message English
# The first sentence, when more follows: a message may open in the learner's language and
# slip into English
_FIRST_SENTENCE = re.compile(r"([^?.!]*[?.!])\s+\S")  # one way to read any text: linear
MIN_FIRST_SENTENCE_WORDS = 4
# The study-plan commands a language's plan_words may name, and how long such a command may be
PlanCommand = Literal["pause", "resume", "stop", "progress"]
PLAN_COMMANDS: tuple[PlanCommand, ...] = ("pause", "resume", "stop", "progress")
PLAN_COMMAND_MAX_WORDS = 8
# Short, common words that only one of our languages uses: two of them make a message that
# language even when the statistical detector is unsure ("Wat is een … precies?").
FUNCTION_WORDS = {
    "es": (
        "que qué cuánto cuanto cuesta cómo como puedo hay los las"
        " del una para por con más pero sí tengo es son"
    ).split(),
    "de": (
        "was wie wo wann warum ist sind ein eine einen der die das"
        " und nicht ich kann kosten kostet mit für auch"
    ).split(),
    "fr": (
        "que quoi combien comment est les des une pour avec pas je peux coûte coute cours suis sont c'est"
    ).split(),
    "it": "che cosa quanto costa come posso sono gli della una per con non il lo mi si può puo è".split(),
    "pt": "que quanto custa como posso são uma para com não eu o os um é isso você voce".split(),
    # (not "wat": English txt-speak for "what")
    "nl": "hoe waar kan ik een het de en niet is zijn kost kosten voor met ook mijn precies".split(),
    "pl": "co jak ile czy jest są nie się na w z do dla mogę moge kosztuje to".split(),
}
# Words a short question opens with in each language ("quanto dura?", "¿cuánto dura?", "wie
# lange?", "ile trwa?"): with a question mark and no English small word, two to four words
# are enough, the detector choosing among the languages the first word belongs to.
QUESTION_OPENERS = {
    "es": (
        "qué que cuánto cuanto cuánta cuanta cuántos cuantos cómo como dónde donde cuándo cuando"
        " es hay puedo tiene"
    ).split(),
    "de": "was wie wo wann warum gibt kann kostet sind welche wieviel wieso".split(),
    "fr": "combien comment quand où quoi quel quelle quels c'est est-ce puis-je y-a-t-il".split(),
    "it": "quanto quanta quanti quante come dove quando cosa che è posso ci costa quale".split(),
    "pt": "quanto quanta quantos quantas como onde quando é posso tem qual quais".split(),
    "nl": "hoe wat waar wanneer kan zijn heeft welke hoeveel".split(),
    "pl": "ile jak gdzie kiedy co czy jest mogę moge który ktory".split(),
}
SHORT_QUESTION_WORDS = 4
_ENGLISH_WORDS = frozenset(
    "the a an is are what how do does can i you it this that of to in for with and or my me be"
    " just want need have has will would should about your im i'm don't dont not".split()
)
# Jamaican patois ("Mi 71 years old, mi too old fi go back a school? Cho!"): English, however
# Italian "mi" and "di" look; these words belong to no language the bot replies in
_PATOIS_WORDS = frozenset("fi yuh nuh cyaan pickney likkle mek gwaan unu bwoy seh cho wah dem ting".split())


@dataclass(frozen=True)
class LanguageReply:
    code: str
    name: str
    reply: str
    # A message in this language that says the writer is struggling, or in crisis, gets these
    # (the care replies of content/care.yaml in this language); empty: the English ones.
    care_reply: str = ""
    urgent_reply: str = ""
    care_words: tuple[str, ...] = ()
    urgent_words: tuple[str, ...] = ()
    # Short study-plan commands in this language ("pausa por favor": pause), by action, and the
    # line said before doing one (the bot answers in English)
    plan_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    plan_note: str = ""


@dataclass(frozen=True)
class Mix:
    """A language or creole people mix into English: its common words, and the English some of
    them are read as ("magkano": "how much"; "" leaves a word out)."""

    words: frozenset[str]
    meanings: dict[str, str] = field(default_factory=dict)
    # what it puts before English words ("mag-" of "mag-enroll", "i-" of "i-schedule"), left out
    affixes: tuple[str, ...] = ()

    @cached_property
    def _meant(self) -> re.Pattern[str] | None:
        return _any_of(self.meanings, r"(?![\w-])")  # a whole word

    @cached_property
    def _affixed(self) -> re.Pattern[str] | None:
        return _any_of(self.affixes, r"(?=[a-z])")  # before a word

    def meant_words(self, text: str) -> int:
        """How many words of `text` this mix has a meaning for."""
        return len(self._meant.findall(text)) if self._meant is not None else 0

    def in_english(self, text: str) -> str:
        """`text` with the words this mix has meanings for read as English, spaces tidied."""
        if self._meant is not None:
            text = self._meant.sub(lambda found: self.meanings[found.group(0).lower()], text)
        if self._affixed is not None:
            text = self._affixed.sub("", text)
        return _SPACES.sub(" ", text).strip()


_SPACES = re.compile(r"[ \t]{2,}")


def _any_of(said: Iterable[str], then: str) -> re.Pattern[str] | None:
    """Any of `said` (longest first, any case) where a word starts, followed by `then`."""
    ordered = sorted(said, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")" + then, re.IGNORECASE)


@dataclass(frozen=True)
class Languages:
    replies: dict[str, LanguageReply]
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # more function words, per language
    # per language, what people say alone to greet or thank ("hola", "merci beaucoup"), folded
    greetings: dict[str, frozenset[str]] = field(default_factory=dict)
    # languages and creoles mixed into English that we have no reply for (Taglish, Pidgin)
    mixed_into_english: tuple[Mix, ...] = ()

    def warm_up(self) -> None:
        """Load the detector's model now (about a second) rather than on the first message."""
        if self.replies:
            _identifier(tuple(sorted(self.replies)))

    def detect(self, text: str) -> str | None:
        """The ISO code of a non-English message we can reply to, or `None`. A message that
        opens with a sentence in another language and then slips into English ("hola, ¿mi
        empresa puede pagar el curso? how does that work con el jefe") is in the first one."""
        whole = self._detect_whole(text)
        if whole is not None:
            return whole
        if text.lstrip().startswith(("¿", "¡")) and "es" in self.replies:
            return "es"  # "¿Hay becas? Porfa dime": only Spanish opens a sentence with "¿" or "¡"
        found = _FIRST_SENTENCE.match(text)
        if found is None or len(found.group(1).split()) < MIN_FIRST_SENTENCE_WORDS:
            return None
        return self._detect_whole(found.group(1))

    def _detect_whole(self, text: str) -> str | None:
        words = text.split()
        greeted = _as_greeting(text)
        for code, greetings in self.greetings.items():
            if greeted in greetings and code in self.replies:  # "hola", "gracias": one word is enough
                return code
        if len(words) < MIN_WORDS or not self.replies:
            return None
        tokens = [t.strip("?!.,¿¡:;\"'()") for t in text.lower().split()]
        if "mi" in tokens and _PATOIS_WORDS.intersection(tokens):
            return None
        english = sum(1 for t in tokens if t in _ENGLISH_WORDS)
        small = self._small_words
        counts = {code: sum(1 for t in tokens if t in small[code]) for code in self.replies}
        most = max(counts.values())
        if self._mixed_into_english(tokens, most):
            return None  # "pwede ba sa phone lang? sa jeep ako nag-aaral pauwi haha": Taglish
        if english >= 2 and english == most and 2 * _not_english(tokens) <= len(tokens):
            return None  # "wats de story if i fail de test": as many English small words, most words English
        if english >= 2 and english > most:
            # English, perhaps with a foreign word or phrase in it; unless most words are no
            # English words and the detector is all but certain: "sono in sedia a rotelle, i
            # corsi in presenza sono accessibili?" ("in", "a", "i" are Italian too)
            if 2 * _not_english(tokens) <= len(tokens):
                return None
            code, probability = _identifier(tuple(sorted(self.replies))).classify(text)
            certain = code != "en" and code in self.replies and probability >= CERTAIN_PROBABILITY
            return str(code) if certain else None
        code, probability = _identifier(tuple(sorted(self.replies))).classify(text)
        if code != "en" and code in self.replies and probability >= MIN_PROBABILITY:
            return str(code)
        unsure = code != "en" and code in self.replies and probability >= NO_ENGLISH_PROBABILITY
        if unsure and english == 0 and 2 * _not_english(tokens) >= len(tokens):
            return str(code)  # "tem certificado no final?": half its words are no English words
        by_words = self._by_function_words(counts, english, str(code))
        return by_words if by_words is not None else self._short_question(text, tokens, english)

    def in_english(self, text: str) -> str:
        """A message in English mixed with a language or creole we have no reply for, with that
        language's words read as English ("magkano po yung course?" → "how much the course?",
        "wha de boss dem go tek dis paper serious?" → "what the boss them go take this paper
        serious?"), when it has two of them and reads as no language we reply in; else as it is."""
        mixed = [mix for mix in self.mixed_into_english if mix.meant_words(text) >= MIN_MIXED_WORDS]
        if not mixed or self.detect(text) is not None:
            return text
        for mix in mixed:
            text = mix.in_english(text)
        return text

    def _mixed_into_english(self, tokens: list[str], ours: int) -> bool:
        """Whether the message has two words or more of one language people mix into English
        (Taglish, Nigerian Pidgin), as many as its small words of any language we reply in or more."""
        for mix in self.mixed_into_english:
            mixed = sum(1 for t in tokens if t in mix.words)
            if mixed >= MIN_MIXED_WORDS and mixed >= ours:
                return True
        return False

    def _short_question(self, text: str, tokens: list[str], english: int) -> str | None:
        """The language of a short question ("quanto dura?", "wie lange?") the detector is
        unsure of: one whose question words the first word is, the detector's likeliest."""
        words = [t for t in tokens if t]
        if english or not 2 <= len(words) <= SHORT_QUESTION_WORDS or not text.rstrip().endswith("?"):
            return None
        candidates = [code for code in self.replies if words[0] in QUESTION_OPENERS.get(code, ())]
        if not candidates or 2 * sum(1 for w in words if is_english_word(w)) > len(words):
            return None
        ranked = _identifier(tuple(sorted(self.replies))).rank(text)
        return next((str(code) for code, _ in ranked if code in candidates), candidates[0])

    def distress(self, text: str) -> tuple[str, Literal["urgent", "care"]] | None:
        """The language and level of a message that says, in one of our languages, that the
        writer is in crisis ("urgent") or struggling ("care"), by the phrases of
        `content/languages.yaml`; crisis first, in any language."""
        folded = " " + " ".join(fold(text).replace("’", "'").split()) + " "
        for level, pattern in (("urgent", self._urgent), ("care", self._care)):
            found = pattern.search(folded) if pattern is not None else None
            if found is not None and found.lastgroup is not None:
                return found.lastgroup, level  # type: ignore[return-value]
        return None

    def plan_command(self, text: str) -> tuple[str, PlanCommand] | None:
        """The language and the study-plan action of a short command in one of our languages
        ("pausa por favor", "arreter les rappels", "mein Fortschritt?"), by the phrases of
        `content/languages.yaml`; a question asks about the feature (the language reply), except
        for progress ("cuanto me falta?")."""
        folded = " " + " ".join(fold(text).replace("’", "'").split()) + " "
        if len(folded.split()) > PLAN_COMMAND_MAX_WORDS:
            return None
        found: list[tuple[int, str, PlanCommand]] = []
        for action, pattern in self._plan.items():
            for hit in pattern.finditer(folded):
                if hit.lastgroup is not None and (action == "progress" or "?" not in folded):
                    found.append((len(hit.group(0)), hit.lastgroup, action))
        if not found:
            return None
        _, code, action = max(found)
        detected = self.detect(text)
        if detected is not None and detected != code:  # "pausa": Spanish, Italian or Portuguese
            alike = [c for _, c, a in found if a == action]
            code = detected if detected in alike else code
        return code, action

    @cached_property
    def _plan(self) -> dict[PlanCommand, re.Pattern[str]]:
        patterns = {}
        for action in PLAN_COMMANDS:
            listed = {c: r.plan_words.get(action, ()) for c, r in self.replies.items()}
            pattern = _phrases_by_language(listed)
            if pattern is not None:
                patterns[action] = pattern
        return patterns

    @cached_property
    def _care(self) -> re.Pattern[str] | None:
        return _phrases_by_language({c: r.care_words for c, r in self.replies.items()})

    @cached_property
    def _urgent(self) -> re.Pattern[str] | None:
        return _phrases_by_language({c: r.urgent_words for c, r in self.replies.items()})

    @cached_property
    def _small_words(self) -> dict[str, frozenset[str]]:
        """Each language's function words (the file's and the built-in ones), joined once."""
        return {
            code: self.words.get(code, frozenset()) | frozenset(FUNCTION_WORDS.get(code, ()))
            for code in self.replies
        }

    def _by_function_words(self, counts: dict[str, int], english: int, detected: str) -> str | None:
        """The language whose small words the message has most (at least two, more than its
        English ones); on a tie, the detector's choice among those tied ("oye esto sirve de algo
        para conseguir curro o no?": as many Spanish as Portuguese small words)."""
        most = max(counts.values())
        tied = [code for code, n in counts.items() if n == most]
        if most < 2 or english >= most:
            return None
        if len(tied) == 1:
            return tied[0]
        return detected if detected in tied else None


def _not_english(tokens: list[str]) -> int:
    """How many of the message's words are no English words."""
    return sum(1 for t in tokens if t and not is_english_word(t))


def _as_greeting(text: str) -> str:
    """A message as its greeting would be listed: folded, without punctuation or emoji."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text)).split())


def _phrases_by_language(phrases: dict[str, tuple[str, ...]]) -> re.Pattern[str] | None:
    """One pattern for every language's phrases, each language a named group (its code); whole
    phrases, accents folded; a phrase ending in "*" is a stem ("agobiad*")."""
    groups = []
    for code, listed in phrases.items():
        parts = phrase_alternatives(listed)
        if parts and code.isidentifier():
            groups.append(f"(?P<{code}>" + "|".join(parts) + ")")
    return re.compile(r"(?<![\w])(?:" + "|".join(groups) + r")(?![\w])") if groups else None


def _plan_words(path: Path, where: str, raw: object) -> dict[str, tuple[str, ...]]:
    """A language's plan commands by action (pause, resume, stop, progress)."""
    if not isinstance(raw, dict) or not set(raw) <= set(PLAN_COMMANDS):
        actions = ", ".join(PLAN_COMMANDS)
        raise ContentError(path, where, "plan_words", f"must map {actions} to lists of phrases")
    words: dict[str, tuple[str, ...]] = {}
    for action, listed in raw.items():
        if not isinstance(listed, list) or not all(isinstance(w, str) and w.strip() for w in listed):
            raise ContentError(path, where, "plan_words", f"{action} must be a list of phrases")
        words[str(action)] = tuple(w.strip() for w in listed)
    return words


# The languages the bot replies in besides English (content/languages.yaml has a reply for each)
OUR_LANGUAGES = ("de", "es", "fr", "it", "nl", "pl", "pt")


def likeliest_language(text: str, codes: tuple[str, ...] = OUR_LANGUAGES) -> str:
    """The detector's likeliest language of `text`, English or one of `codes` ("en", "de", ...)."""
    return str(_identifier(tuple(sorted(codes))).classify(text)[0])


@lru_cache(maxsize=4)
def _identifier(codes: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["en", *codes])
    return identifier


def load_languages(content_dir: Path) -> Languages:
    path = content_dir / "languages.yaml"
    data = read_yaml(path)
    raw = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        raise ContentError(path, None, "languages", "is missing or is not a mapping")
    replies = {}
    words: dict[str, frozenset[str]] = {}
    greetings: dict[str, frozenset[str]] = {}
    for code, entry in raw.items():
        where = f"language '{code}'"
        if not isinstance(entry, dict):
            raise ContentError(path, where, None, "must have name and reply")
        reply = require_str(path, where, entry, "reply").strip()
        problem = html_problem(reply)
        if problem:
            raise ContentError(path, where, "reply", problem)
        extra: dict[str, str] = {}
        for field_name in ("care_reply", "urgent_reply"):
            text = str(entry.get(field_name) or "").strip()
            problem = html_problem(text) if text else None
            if problem:
                raise ContentError(path, where, field_name, problem)
            extra[field_name] = text
        phrases: dict[str, tuple[str, ...]] = {}
        for field_name in ("care_words", "urgent_words"):
            listed = entry.get(field_name) or []
            if not isinstance(listed, list) or not all(isinstance(w, str) and w.strip() for w in listed):
                raise ContentError(path, where, field_name, "must be a list of phrases")
            phrases[field_name] = tuple(w.strip() for w in listed)
        plan_words = _plan_words(path, where, entry.get("plan_words") or {})
        plan_note = str(entry.get("plan_note") or "").strip()
        problem = html_problem(plan_note) if plan_note else None
        if problem:
            raise ContentError(path, where, "plan_note", problem)
        name = require_str(path, where, entry, "name")
        replies[str(code)] = LanguageReply(
            str(code), name, reply, extra["care_reply"], extra["urgent_reply"],
            phrases["care_words"], phrases["urgent_words"], plan_words, plan_note,
        )  # fmt: skip
        words[str(code)] = frozenset(str(entry.get("words") or "").lower().split())
        listed = entry.get("greetings") or []
        if not isinstance(listed, list) or not all(isinstance(g, str) and g.strip() for g in listed):
            raise ContentError(path, where, "greetings", "must be a list of greetings")
        greetings[str(code)] = frozenset(_as_greeting(g) for g in listed)
    return Languages(replies, words, greetings, _mixed_into_english(path, data))


def _mixed_into_english(path: Path, data: dict[str, object]) -> tuple[Mix, ...]:
    """The file's languages mixed into English, by whatever name: their words, folded, and
    their meanings."""
    raw = data.get("mixed_into_english") or {}
    if not isinstance(raw, dict):
        raise ContentError(path, None, "mixed_into_english", "must map names to words and meanings")
    mixes = []
    for name, entry in raw.items():
        where = f"mixed_into_english '{name}'"
        words = entry.get("words") if isinstance(entry, dict) else None
        if not isinstance(words, str) or not words.split():
            raise ContentError(path, where, "words", "must be words, one space between them")
        meanings = entry.get("meanings") or {}
        if not isinstance(meanings, dict) or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) for k, v in meanings.items()
        ):
            raise ContentError(path, where, "meanings", 'must map words to their English ("" leaves one out)')
        said = {fold(k).strip(): " ".join(v.split()) for k, v in meanings.items()}
        affixes = entry.get("affixes") or ""
        if not isinstance(affixes, str) or not all(a.endswith("-") and len(a) > 1 for a in affixes.split()):
            raise ContentError(path, where, "affixes", 'must be affixes ending in "-", one space between')
        mixes.append(Mix(frozenset(fold(words).split()), said, tuple(fold(affixes).split())))
    return tuple(mixes)
