"""Greetings, thanks and goodbyes said in any language or dialect: "Tenki tenki. God bless you.",
"talofa uce 👋", "Asante sana! You've been very helpful.", "sweet as, chur".

`content/smalltalk.yaml` lists, beside an intent's phrasings, the words that alone say it in
other languages and dialects (`words`). A message made only of such words and friendly extras
("dear", "god bless you", "my friend", "you've been very helpful", "how you doin today", "hope
you're well", who is writing: "Dis Odessa from St. Helena", an emoji) is that small talk;
thanks before a goodbye before a greeting ("Go raibh maith agat. I'll leave it there for now,
so. Slán." thanks). Beside a greeting, thanks or goodbye in another language, up to
MAX_UNKNOWN_WORDS words that are neither English nor a skill are taken to be the same language
("Namaste dai", "Mingalaba sayar": a form of address the lists lack), never beside an English
one ("hi xero" is a search). Asked only about a message the rest of the understanding step
would search, turn away, answer with a "Did you mean…?", plan or care for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.faq.matcher import SmalltalkIntent
from bot.text import fold, is_english_word

# Which intent a message of several says (the thanks in "thanks, bye" is what wants an answer)
FIRST_SAID = ("thanks", "goodbye", "greeting")
# Words of another language beside a greeting, thanks or goodbye in it ("Namaste dai"): at most
MAX_UNKNOWN_WORDS = 2
# Friendly extras around them, in English: forms of address, blessings, pleasantries
_EXTRAS = (
    r"(?:respected |dear )?(?:sir|madam)|dear(?: friend| all)?|"
    r"(?:my )?(?:dear |good )?(?:friend|friends|brother|sister)|"
    r"bro|uce|cher|mate|man|duck|pet|hun|hon|love|buddy|boss|darling|everyone|all|yall|you all|there|bot|"
    r"babe|sis|chief|uncle|auntie|aunty|"
    r"bey|by|chile|child|well|sorry to (?:disturb|bother)(?: you)?|"
    r"again|too|also|so|right|"
    r"to you|and you|you too|(?:so|very) much|a lot|lah|la|po|eh|oh|ok|okay|"
    r"(?:and )?god bless(?: you| u)?(?: all)?|bless you|sweet as|nice one|cool|awesome|great|lovely|"
    r"brilliant|thats grand|grand|"
    r"have a (?:good|nice|great|blessed|lovely) (?:day|evening|night|one|weekend)|"
    r"(?:i )?hope (?:this (?:message )?finds you|you are|youre|you and your family are|all is)(?: \w+){0,12}|"
    r"(?:you ve|youve|you have) been (?:very |so |really |most )?(?:helpful|kind|great|a great help)|"
    r"(?:you|u) (?:have |ve )?(?:helped|help) (?:me )?(?:a lot|so much|loads|a ton|plenty)(?: today)?|"
    # "Good morning. Please excuse my English, I am learning it since two years only."
    r"(?:please )?(?:excuse|forgive|pardon|sorry for|sorry about) (?:my|me) (?:\w+ )?english"
    r"(?: i am| im| i m)?(?: still)?(?: learning(?: it)?(?: \w+){0,5})?|"
    r"for (?:your|the|all your|all the) help|for everything|for now|for today|"
    r"for (?:all )?(?:the |your )?(?:info|infos|information|informations|advice|answers?|patience|time)|"
    r"(?:i )?hope your (?:day|week|morning|evening|night) is going (?:well|good|great|fine)|"
    # "Mornin bey! How you doin today?", "how y'all doin' this fine mornin'?", "Hope e fine wid you today"
    r"how(?: s| is| are| r| re)? (?:you|u|ya|ye|yall|you all|it|things|life|your day|everything)"
    r"(?: doing| doin| going| goin| keeping| been)?"
    r"(?: today| so far| this (?:fine |lovely )?(?:morning|mornin|evening|afternoon|day))?|"
    r"(?:i )?hope (?:e|it|its|it s|alls|all s|everything|everythings|things|u|you|ya|youre|you re|ur)"
    r"(?: is| are| r)? (?:fine|well|good|ok|okay|going well|alright|great)(?: (?:wid|with) (?:you|u))?"
    r"(?: today)?"
)
# Who is writing, said with a name (capitalised, as names are written): "Dis Odessa from St.
# Helena", "I am Chidi.", "Dolores here", "my name is Mavis"
_NAMED = r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?"
_INTRODUCED = re.compile(
    r"\b(?:(?:[Tt]his|[Dd]is|[Ii]t)(?:\s+is|'s|’s|s)?|I\s+am|I'm|I’m|[Mm]y\s+name(?:\s+is|'s|’s)"
    r"|[Mm][ei]\s+name(?:\s+is)?)\s+" + _NAMED
    + r"(?:\s+(?:from|in|of)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)?"
    r"(?=\W*(?:$|[.!,\n]))|(?:^|(?<=[.!,]\s))" + _NAMED
    + r"(?:\s+(?:bhai|bhaiya|ji|sahib|dai|didi))?\s+(?:here|idhar)\b"
    # "Mata here from the guesthouse in Muri, how are you today?"
    r"(?:\s+(?:from|at|in|of)\s+[\w'’-]+(?:\s+[\w'’-]+){0,5}(?=\s*(?:$|[.!,?\n])))?"
)
# A name signed at the end ("Bye for now! Joyce", "… Love Edna", "Yours faithfully, A. J. Pembridge")
_SIGNED = re.compile(
    r"(?<=[.!?,])\s*(?P<off>(?i:love|regards|kind regards|best wishes|warm regards|yours faithfully|"
    r"yours sincerely|yours truly|your friend|from)[,\s]+)?"
    r"(?P<name>(?:[A-Z]\.\s*)*[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)\s*[.!]*\s*$"
)
_NOT_WORDS = re.compile(r"[^\w\s]+")
_A_WORD = re.compile(r"\s*(\S+)")


def _said(text: str) -> str:
    """Lower case, no accents, apostrophes joined ("y'all" → "yall"), other marks as spaces."""
    return " ".join(_NOT_WORDS.sub(" ", fold(text).replace("'", "").replace("’", "")).split())


class Courtesy:
    """The greeting, thanks or goodbye a message is made of, if that is all it is."""

    def __init__(
        self, intents: Sequence[SmalltalkIntent], is_skill: Callable[[str], bool] = lambda _word: False
    ) -> None:
        self._is_skill = is_skill
        self._ids = [intent.id for intent in intents if intent.words]
        groups = []
        for n, intent in enumerate(i for i in intents if i.words):
            words = sorted({_said(w) for w in intent.words} - {""}, key=len, reverse=True)
            groups.append(f"(?P<i{n}>" + "|".join(re.escape(w) for w in words) + ")")
        groups.append(f"(?P<extra>{_EXTRAS})")
        self._next = re.compile(r"\s*(?:" + "|".join(groups) + r")(?=\s|$)") if self._ids else None

    def intent(self, text: str) -> str | None:
        """The small-talk intent ("thanks") of a message made only of greetings, thanks or
        goodbyes and friendly extras; `None` for anything else."""
        if self._next is None:
            return None
        said, place = _said(_INTRODUCED.sub(" ", self._unsigned(text))), 0
        found: set[str] = set()
        unknown: list[str] = []
        in_another_language = False
        while place < len(said):
            step = self._next.match(said, place)
            if step is None or step.end() == place:
                word = _A_WORD.match(said, place)
                if word is None or len(unknown) >= MAX_UNKNOWN_WORDS:
                    return None
                unknown.append(word.group(1))
                place = word.end()
                continue
            place = step.end()
            said_here = {name: value for name, value in step.groupdict().items() if value and name != "extra"}
            found.update(self._ids[int(name[1:])] for name in said_here)
            in_another_language |= any(not is_english_word(w) for v in said_here.values() for w in v.split())
        if not found:
            return None
        if unknown and not (in_another_language and all(map(self._foreign, unknown))):
            return None
        return min(found, key=lambda i: FIRST_SAID.index(i) if i in FIRST_SAID else len(FIRST_SAID))

    def _unsigned(self, text: str) -> str:
        """`text` without a name signed at its end, after a sign-off ("Love Edna") or alone after
        a full stop ("Bye for now! Joyce"): a capitalised name that is no skill ("thanks! Python"
        asks for courses)."""
        signed = _SIGNED.search(text)
        if signed is None or any(self._is_skill(w) for w in _said(signed.group("name")).split()):
            return text
        return text[: signed.start()]

    def _foreign(self, word: str) -> bool:
        """Whether a word beside a greeting in another language may be of that language: not
        English, no number, not a skill ("hola python" is a search)."""
        return word.isalpha() and not is_english_word(word) and not self._is_skill(word)
