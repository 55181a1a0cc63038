"""Normalising what people type, shared by the FAQ matcher and the catalogue search.

Lower case, accents folded, contractions expanded, punctuation dropped, and a few spellings
that learners use interchangeably mapped to one form ("recognize" → "recognise",
"micro-credential" → "microcredential"), so the scorers compare like with like.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

_CONTRACTIONS = [
    (r"\bwhat'?s\b", "what is"),
    (r"\bwhos\b|\bwho's\b", "who is"),
    (r"\bhows\b|\bhow's\b", "how is"),
    (r"\bit's\b|\bits\b", "it is"),
    (r"\bthat's\b|\bthats\b", "that is"),
    (r"\bcan'?t\b", "cannot"),
    (r"\bwon'?t\b", "will not"),
    (r"\bdon'?t\b", "do not"),
    (r"\bdoesn'?t\b", "does not"),
    (r"\bisn'?t\b", "is not"),
    (r"\baren'?t\b", "are not"),
    (r"\bi'?m\b", "i am"),
    (r"(\w)'re\b", r"\1 are"),
    (r"(\w)'ll\b", r"\1 will"),
    (r"(\w)'ve\b", r"\1 have"),
    (r"(\w)'d\b", r"\1 would"),
    (r"(\w)n't\b", r"\1 not"),
]
_CONTRACTION_PATTERNS = [(re.compile(p), r) for p, r in _CONTRACTIONS]

# Multi-word spellings first, then single words. Kept small and domain-specific on purpose:
# general typos are left to fuzzy matching against the known vocabulary.
_PHRASES = [
    (r"\bmicro[\s-]*cred(?:ential|entials|s)?\b", "microcredential"),
    (r"\bmicrocreds?\b", "microcredential"),
    (r"\bmi[ck]ro[\s-]*[ck]red[ae]n[sc]h?\w*\b", "microcredential"),  # "mikro kredenshul" said by ear
    (r"\bmicro[\s-]*degrees?\b", "microdegree"),
    (r"\bnano[\s-]*degrees?\b", "nanodegree"),
    (r"\bmicro[\s-]*courses?\b", "microcourse"),
    (r"\bcurriculum vitae\b|\bresume\b|\brésumé\b", "cv"),
    (r"\be[\s-]*mail\b", "email"),
    (r"\bon line\b", "online"),
    (r"\bsine (?=up\b)", "sign "),
]
_PHRASE_PATTERNS = [(re.compile(p), r) for p, r in _PHRASES]

_WORDS = {
    "u": "you",
    "r": "are",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "uni": "university",
    "thx": "thanks",
    "ty": "thanks",
    "recognize": "recognise",
    "recognized": "recognised",
    "recognizes": "recognises",
    "recognition": "recognition",
    "organization": "organisation",
    "organizations": "organisations",
    "enroll": "enrol",
    "enrolling": "enrol",
    "enrollment": "enrolment",
    "specialized": "specialised",
    "visualization": "visualisation",
    "visualize": "visualise",
    "color": "colour",
    "analyze": "analyse",
    "analyzing": "analysing",
    "certs": "certificate",
    "cert": "certificate",
    "certification": "certificate",
    "certificates": "certificate",
    "microcredentials": "microcredential",
    "mgmt": "management",
    "mktg": "marketing",
    "mgt": "management",
    "wtf": "what",  # "wtf is a microcredential"
    "wat": "what",
    "idk": "i dont know",  # "idk what to pick help"
    "dunno": "dont know",
    "msgs": "messages",
    "msg": "message",
    # spellings by ear ("how dose it wurk", "i lern beter wen sumone shows me", "is it posibel")
    "wurk": "work",
    "lern": "learn",
    "lernin": "learning",
    "lerning": "learning",
    "beter": "better",
    "sumone": "someone",
    "posibel": "possible",
    "posible": "possible",
    "onlyne": "online",
    "culd": "could",
    "corse": "course",
    "cource": "course",
    "corses": "courses",
    # more spellings by ear, as dyslexic learners and phone dictation write them ("how mutch dus
    # it cost", "wot is a mikro kredenshul", "do emploiers reckernise it")
    "mutch": "much",
    "dus": "does",
    "wen": "when",
    "wich": "which",
    "frum": "from",
    "thru": "through",
    "enuff": "enough",
    "sumthin": "something",
    "nuthin": "nothing",
    "becos": "because",
    "becoz": "because",
    "mikro": "micro",
    "kredenshul": "credential",
    "kredenshal": "credential",
    "credenshul": "credential",
    "credenshal": "credential",
    "sertifikat": "certificate",
    "sertifikate": "certificate",
    "sertificate": "certificate",
    "certifacate": "certificate",
    "kwalifikashun": "qualification",
    "qualifacation": "qualification",
    "qualificashun": "qualification",
    "reckernise": "recognise",
    "reckernised": "recognised",
    "reconise": "recognise",
    "reconised": "recognised",
    "emploiers": "employers",
    "emplois": "employers",
    "employeers": "employers",
    "imployers": "employers",
    "kost": "cost",
    "pryce": "price",
    "muny": "money",
    "monny": "money",
    "skool": "school",
    "exsam": "exam",
    "exsams": "exams",
    "dusnt": "doesnt",
    "dosnt": "doesnt",
    "wiv": "with",
    "giv": "give",
    "brane": "brain",
    "reding": "reading",
    "riting": "writing",
    "exampl": "example",
    "pleez": "please",
    # everyday words of Scots and West African English ("aye but is it recognised", "abeg how much")
    "aye": "yes",
    "dinnae": "do not",
    "didnae": "did not",
    "cannae": "cannot",
    "wouldnae": "would not",
    "abeg": "please",
}
# Words spelt by ear that the routing reads as meant too ("wy shud i do wun" is a question,
# "hw long duz it take" as well): question words and a few others, none a word of the
# languages the bot detects ("wat", "wen", "wer" and "dus" are Dutch or German; "corse" stays
# for the matchers alone: "wat langwij ar the corses in" asks a question, whatever "courses in"
# would say)
BY_EAR = {
    "wot": "what",
    "wut": "what",
    "whot": "what",
    "wots": "what is",
    "hw": "how",
    "wy": "why",
    "shud": "should",
    "shuld": "should",
    "cud": "could",
    "wud": "would",
    "duz": "does",
    "wun": "one",
    "sumwere": "somewhere",
    "somwere": "somewhere",
    "sumthing": "something",
    "sumfing": "something",
    "enuf": "enough",
    "yuh": "you",  # Jamaican patois ("Yuh is a computer or a real person, darling?")
    # "th" said as "d" or "t" (Irish, Caribbean, West African English: "is dere grants for de
    # self employed"); not "de", "dat", "dem" or "wit": words of the languages the bot replies in
    "dere": "there",
    "dese": "these",
    "dey": "they",
    "tings": "things",
    "nottin": "nothing",
    "nuttin": "nothing",
    "anytin": "anything",
    # "anyting on anti money laundering?", "Onything on health an safety?" (Caribbean, Shetland)
    "anyting": "anything",
    "onything": "anything",
    "enything": "anything",
    "anythin": "anything",
    "anyfing": "anything",
    "sumtin": "something",
    "tink": "think",
}
_WORDS.update(BY_EAR)
_WORDS.update({"sertificat": "certificate", "sertificates": "certificate", "munny": "money"})
_BY_EAR = re.compile(r"\b(?:" + "|".join(BY_EAR) + r")\b", re.IGNORECASE)


def by_ear_respelt(text: str) -> str:
    """`text` as typed, with the words spelt by ear written as meant ("wy shud i do wun" → "why
    should i do one"); everything else, case and punctuation kept."""
    return _BY_EAR.sub(lambda found: BY_EAR[found.group(0).lower()], text)


_NON_WORD = re.compile(r"[^\w#+]+")


def fold(text: str) -> str:
    """Lower case with accents removed ("Zoë" → "zoe"); other scripts kept as they are."""
    if text.isascii():  # nothing to decompose (most messages): the same result, far sooner
        return text.lower().replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().replace("’", "'").replace("`", "'")


def respelt(folded: str) -> str:
    """`folded` with the words spelt by ear or in shorthand written as meant ("i giv up" → "i give
    up"), punctuation and everything else kept."""
    return " ".join(_WORDS.get(word, word) for word in folded.split(" "))


NORMALISE_CACHED_CHARS = 300  # short texts (FAQ phrasings, skills, queries) are cached ...
NORMALISE_CACHE_SIZE = 16_384  # ... this many: a few MB at most, whatever learners send


def normalise(text: str) -> str:
    """The canonical form both sides of every comparison go through. Short texts are cached:
    loading the FAQ normalises each of its thousands of phrasings several times."""
    return _normalised(text) if len(text) <= NORMALISE_CACHED_CHARS else _normalise(text)


@lru_cache(maxsize=NORMALISE_CACHE_SIZE)
def _normalised(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    text = fold(text)
    for pattern, replacement in _CONTRACTION_PATTERNS:
        text = pattern.sub(replacement, text)
    for pattern, replacement in _PHRASE_PATTERNS:
        text = pattern.sub(replacement, text)
    return respelt(" ".join(_NON_WORD.sub(" ", text).replace("_", " ").split()))


# Greetings in the languages the bot replies in: never a topic, and no reason to miss the
# question after them ("oi tudo bem, quanto tempo demora…", "hola, cursos de python")
FOREIGN_GREETINGS = (
    "hola", "buenas", "buenos dias", "hallo", "guten tag", "servus", "moin", "bonjour", "salut", "coucou",
    "ciao", "salve", "buongiorno", "oi", "ola", "olá", "tudo bem", "bom dia", "boa tarde", "hoi",
    "goedemorgen", "goedemiddag", "czesc", "cześć", "dzien dobry", "dzień dobry",
)  # fmt: skip
FOREIGN_GREETING_WORDS = tuple(g for g in FOREIGN_GREETINGS if " " not in g)

# "i want to…", "i'd love to…", "wanna…", "need to learn…", "no idea how (to)…": a wish to learn or
# do something in the learner's own words, the topic perhaps in the words after it (the search and
# the understanding step read the same wishes); "no idea how to decide / cope…" is no such wish.
WISH_TO_LEARN = re.compile(
    r"\b(?:i(?:'d| would)? (?:really )?(?:want|like|love) to|i'?d (?:really )?(?:like|love) to|want(?:ed)? to"
    r"|wanna|need to learn|have to learn|(?:(?:no|zero) (?:idea|clue)|(?:dont|don't|do not) know) how"
    r"(?!(?: to)? (?:decide|choose|pick|keep|go on|carry on|continue|cope|tell|say|feel)\b)(?: to)?)\s",
    re.IGNORECASE,
)

# Not knowing, as learners type it ("idk", "no idea", "not sure", "dont know"): before "what" or
# "which", the learner is undecided (the understanding step: advice, or how to choose)
UNSURE = r"(?:idk|dunno|(?:i\s+)?(?:dont|don't|do not)\s+know|not sure|no idea|unsure|no clue)"

# Words after "it" that make it information technology ("it support", "IT jobs"), not the pronoun.
IT_FIELD_WORDS = (
    r"(?:support|security|skills?|professional|technician|admin\w*|help\s*desk|helpdesk|service\w*|"
    r"infrastructure|systems?|project|manager|management|audit\w*|governance|ops|operations|sales|courses?|"
    r"basics|fundamentals|jobs?|careers?|roles?|sector|industry|training|certifications?)"
)
_ES_PLURAL = re.compile(r"(?:ss|sh|x|tch|rch|oach|each|nch)es$")


def stem(word: str) -> str:
    """A light plural/verb-ending stemmer: good enough to match "courses" with "course"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and _ES_PLURAL.search(word):  # "classes", "coaches", "taxes", "wishes"
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_english: frozenset[str] | None = None
_english_lock = threading.Lock()
ENGLISH_MIN_FREQUENCY = 50  # below this the word list is mostly names, typos and rarities


def is_english_word(word: str) -> bool:
    """Whether `word` is a real English word (from `pyspellchecker`'s frequency list).

    Used so that typo correction never turns a real word into a different known one.
    """
    global _english
    if _english is None:
        with _english_lock:
            if _english is None:
                from spellchecker import SpellChecker

                frequencies = SpellChecker(language="en", distance=1).word_frequency.dictionary
                _english = frozenset(w for w, n in frequencies.items() if n >= ENGLISH_MIN_FREQUENCY)
    return word.lower() in _english


# "uh project mgmt i guess", "ok marketing", "web design i guess lol": the shrugs around what a
# learner names (a skill in the understanding step, a goal in "Advise me")
HEDGE = re.compile(
    r"^(?:(?:idk|dunno|i dont know|i don't know|not sure|hmm+|um+|uh+|erm+|well|so|ok|okay)[,.]?\s+)*"
    r"(?:(?:maybe|perhaps|probably|possibly|i guess|i suppose|i think|something like|something in|"
    r"something with|like)\s+)*"
)
HEDGE_AFTER = re.compile(
    r"(?:[\s,]+(?:i guess|i suppose|i think|maybe|probably|or something|or smth|or sth|idk|i dunno|dunno|"
    r"lol|tbh|haha))+\s*$"
)


def without_hedges(text: str) -> str:
    """`text` without the shrugs around it ("uh project mgmt i guess" → "project mgmt")."""
    return HEDGE_AFTER.sub("", HEDGE.sub("", text.rstrip(" ?!.,…"))).strip(" ?!.,…")


def phrase_alternatives(phrases: Iterable[str], form: Callable[[str], str] = fold) -> list[str]:
    """Each phrase as one alternative of a regular expression, longest first: its words in
    `form` (folded by default), one space apart, escaped; a phrase ending in "*" is a stem
    ("agobiad*" matches "agobiada")."""
    stems = {re.escape(" ".join(form(p).split())).replace(r"\*", r"\w*") for p in phrases if p.strip()}
    return sorted(stems, key=len, reverse=True)
