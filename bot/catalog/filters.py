"""Search filters (facets): what they keep, how they travel in button data, and how they are
read from the learner's own words ("free python courses", "under 10 hours", "in Spanish").

`parse_filters(text)` returns the facets the text asks for and the text with those words
taken out, so "free python courses" searches "python" with `free` on. Prices compare in
euros, converted at the fixed rates of `EUR_PER` (close enough to say "under 100 euros"); an
amount said in pounds, dollars or rupees is converted the same way ("under £30": 35 euros).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from bot.text import fold

if TYPE_CHECKING:
    from bot.catalog.search import CourseInfo

LEVELS = ("beginner", "intermediate", "advanced")
HOUR_LIMITS = (10, 20, 40)  # the length button cycles through these
PRICE_LIMITS = (50, 100, 500)  # euros; the price button cycles through these
MAX_HOURS_ACCEPTED = 400
MAX_EUR_ACCEPTED = 100_000
CHEAP_EUR = 100
SHORT_HOURS = 20
WEEKEND_HOURS = 16  # two days of study
MODES = ("online", "in-person", "hybrid")
# Euros per unit of each currency (approximate, for "under 100 euros" only).
EUR_PER = {"EUR": 1.0, "GBP": 1.17, "USD": 0.92, "AUD": 0.61, "CAD": 0.68, "INR": 0.011, "CHF": 1.05}
LANGUAGES = {
    "en": "English", "de": "German", "es": "Spanish", "fr": "French", "nl": "Dutch",
    "it": "Italian", "pt": "Portuguese", "pl": "Polish",
}  # fmt: skip
LANGUAGE_CODE = {name.casefold(): code for code, name in LANGUAGES.items()}
# Language names as learners write them, in English and in the language itself.
LANGUAGE_WORDS = {
    "english": "en", "ingles": "en", "englisch": "en", "anglais": "en",
    "german": "de", "deutsch": "de", "aleman": "de", "allemand": "de", "tedesco": "de",
    "spanish": "es", "espanol": "es", "castellano": "es", "spanisch": "es", "espagnol": "es",
    "french": "fr", "francais": "fr", "frances": "fr", "franzosisch": "fr", "francese": "fr",
    "dutch": "nl", "nederlands": "nl", "italian": "it", "italiano": "it",
    "portuguese": "pt", "portugues": "pt", "polish": "pl", "polski": "pl",
}  # fmt: skip


def price_in_eur(price: float, currency: str) -> float:
    return price * EUR_PER.get(currency.upper(), 1.0)


def language_code(name: str) -> str:
    """ISO code of a catalogue language name ("Spanish" → "es"); the name itself if unknown."""
    return LANGUAGE_CODE.get(name.strip().casefold(), name.strip().casefold()[:2])


@dataclass(frozen=True)
class Facets:
    """Filters that narrow a search in place. Encoded compactly for callback data."""

    free: bool = False
    online: bool = False
    self_paced: bool = False
    max_hours: int | None = None
    level: str | None = None
    max_eur: int | None = None
    mode: str | None = None  # "in-person" or "hybrid" (online has its own flag)
    language: str | None = None  # ISO code
    ects: bool = False
    certificate: bool = False
    eqf: int | None = None  # the EQF level asked for ("eqf level 6 courses")

    def allows(self, course: CourseInfo) -> bool:
        form = course.participation_form
        return (
            (not self.free or course.price == 0)
            and (self.max_eur is None or price_in_eur(course.price, course.currency) <= self.max_eur)
            and (not self.online or form == "online")
            and (self.mode is None or form == self.mode)
            and (not self.self_paced or course.self_paced)
            and (self.max_hours is None or course.workload_hours <= self.max_hours)
            and (self.level is None or course.level == self.level)
            and (self.language is None or language_code(course.language) == self.language)
            and (not self.ects or bool(course.ects_credits))
            and (not self.certificate or bool(course.certificate_type))
            and (self.eqf is None or course.eqf_level == self.eqf)
        )

    def encode(self) -> str:
        code = ("f" if self.free else "") + ("o" if self.online else "")
        code += (
            ("s" if self.self_paced else "") + ("e" if self.ects else "") + ("c" if self.certificate else "")
        )
        if self.mode is not None:
            code += "p" if self.mode == "in-person" else "b"
        if self.max_hours is not None:
            code += f"h{self.max_hours}"
        if self.max_eur is not None:
            code += f"m{self.max_eur}"
        if self.level is not None:
            code += f"l{self.level[0]}"
        if self.language is not None:
            code += f"g{self.language}"
        if self.eqf is not None:
            code += f"q{self.eqf}"
        return code or "-"

    @classmethod
    def decode(cls, code: str) -> Facets:
        """Read `encode()`'s output; anything unexpected is ignored rather than trusted."""
        flags = re.sub(r"[hm]\d*|l.?|g[a-z]{0,2}|q\d?", "", code)
        facets = cls(
            free="f" in flags, online="o" in flags, self_paced="s" in flags, ects="e" in flags,
            certificate="c" in flags,
            mode="in-person" if "p" in flags else "hybrid" if "b" in flags else None,
        )  # fmt: skip
        if facets.online and facets.mode is not None:
            facets = replace(facets, mode=None)
        if found := re.search(r"h(\d{1,3})(?!\d)", code):
            hours = int(found.group(1))
            if 0 < hours <= MAX_HOURS_ACCEPTED:
                facets = replace(facets, max_hours=hours)
        if found := re.search(r"m(\d{1,6})(?!\d)", code):
            euros = int(found.group(1))
            if 0 < euros <= MAX_EUR_ACCEPTED:
                facets = replace(facets, max_eur=euros)
        if found := re.search(r"l([bia])", code):
            facets = replace(facets, level=next(lv for lv in LEVELS if lv[0] == found.group(1)))
        if (found := re.search(r"g([a-z]{2})", code)) and found.group(1) in LANGUAGES:
            facets = replace(facets, language=found.group(1))
        if found := re.search(r"q([1-8])", code):
            facets = replace(facets, eqf=int(found.group(1)))
        return facets

    @property
    def active(self) -> bool:
        return self != Facets()

    def said(self) -> str:
        """The active filters in words `parse_filters` reads back as these ("free up to 20 hours")."""
        return " ".join(_words_for(name, value)[0] for name, value, _ in self._active())

    def labelled(self) -> list[tuple[str, Facets]]:
        """Each active filter as (label, these facets without it): one tap removes it."""
        return [
            (_words_for(name, value)[1], replace(self, **{name: default}))
            for name, value, default in self._active()
        ]

    def _active(self) -> list[tuple[str, Any, Any]]:
        """(name, value, default) of each filter set, in the fields' order."""
        active = [(f.name, getattr(self, f.name), f.default) for f in fields(self)]
        return [(name, value, default) for name, value, default in active if value not in (False, None)]


# A yes/no filter: (said back in words `parse_filters` reads, shown on its button)
_FLAG_WORDS = {
    "free": ("free", "free"),
    "online": ("online", "online"),
    "self_paced": ("self-paced", "self-paced"),
    "ects": ("ects credits", "with ECTS credits"),
    "certificate": ("with a certificate", "with a certificate"),
}


def _words_for(name: str, value: Any) -> tuple[str, str]:
    """One active filter (a field of `Facets` and its value) as (said back, shown on its button)."""
    if name in _FLAG_WORDS:
        return _FLAG_WORDS[name]
    if name == "max_hours":
        return f"up to {value} hours", f"≤ {value} h"
    if name == "max_eur":
        return f"up to {value} eur", f"≤ {value} EUR"
    if name == "level":
        return str(value), str(value)
    if name == "mode":
        mode = "in person" if value == "in-person" else "blended"
        return mode, mode
    if name == "eqf":
        return f"eqf level {value}", f"EQF level {value}"
    language = LANGUAGES.get(str(value), str(value))  # the teaching language
    return f"taught in {language.lower()}", f"in {language}"


# --- reading filters from text ---------------------------------------------------------------

_NUMBER = r"(\d{1,6}(?:[.,]\d{1,2})?)"
_EURO = r"(?:euros?|eur|€|e|bucks|dollars?|usd|\$|pounds?|gbp|£|quid|rupees?|rs|inr)"
# The currency an amount is said in ("under £30" is about 35 euros); euros when none is said
_CURRENCY_SAID = [
    ("GBP", re.compile(r"£|\bpounds?\b|\bgbp\b|\bquid\b")),
    ("USD", re.compile(r"\$|\bdollars?\b|\busd\b|\bbucks\b")),
    ("INR", re.compile(r"\brupees?\b|\brs\b|\binr\b")),
]
_CURRENCY_BEFORE = r"(?:€|\$|£)"
_BELOW = (
    r"(?:under|below|less than|cheaper than|no more than|max(?:imum)?|up to|at most|<|<=|≤|within"
    r"|menos de|unter)"
)
_HOURS = r"(?:hours?|hrs?|h|horas?|stunden)"
_BUDGET = (
    r"(?:i have|i ve got|ive got|i can spend|can spend|can afford|budget(?: is| of)?)\s+"
    r"(?:about |around |only |roughly |max |maximum |up to )?"
)

_RULES: list[tuple[str, dict[str, Any]]] = [
    (
        r"\bfor free\b|\bfree of charge\b|\bno cost\b|\bfree\b|\bgratis\b|\bgratuit[oaes]*\b"
        r"|\bkostenlose?[nrs]?\b|\bgratuito[s]?\b|\bzero cost\b|\bwithout paying\b"
        r"|\bdarmow[aey]\b|\bbezplatn[aey]\b|\bgratuita[s]?\b|\bgratuit[ae]?\b"
        # "any project management ones that dont cost anything"
        r"|\b(?:that |which )?(?:dont|don't|do not|doesnt|doesn't|does not) cost "
        r"(?:anything|a thing|a penny|money)\b"
        r"|\bcosts? nothing\b",
        {"free": True},
    ),
    (
        r"\bcheap(?:est|er)?\b|\baffordable\b|\blow[ -]cost\b|\binexpensive\b|\bbarato[s]?\b"
        r"|\bon a (?:tight |small |low )?budget\b|\b(?:low|small|tight)[ -]budget\b|\bbudget[ -]friendly\b"
        r"|\bbudget (?=courses?\b|class(?:es)?\b|options?\b)"
        r"|\bgunstig\b|\bpas cher\b|\bnot (?:too |very |that |so )?(?:expensive|pricey|dear)\b",
        {"max_eur": CHEAP_EUR},
    ),
    (  # "a course i can finish in a weekend", "weekend course", "photography weekend": two days of
        # study, not the weekends a learner studies on ("on weekends", "at the weekend")
        r"\b(?:(?:finish|complete|do|done)(?: it)? )?(?:in|over|within) (?:a|one|1|a single) weekend\b"
        r"|\bweekend (?:courses?|class(?:es)?|workshops?|programmes?|programs?|bootcamps?)\b"
        r"|(?<!\bon )(?<!\bat )(?<!\bthe )(?<!\bthis )(?<!\bnext )(?<!\bevery )\bweekend\s*$",
        {"max_hours": WEEKEND_HOURS},
    ),
    (r"\b(?:an|one|two|2|three|3|a couple of|a few) evenings?\b", {"max_hours": SHORT_HOURS}),
    (r"\bshort\b|\bquick\b|\bbite[ -]sized\b|\bkurze?\b|\bcorto[s]?\b", {"max_hours": SHORT_HOURS}),
    (  # "intermediate sql, not a total beginner": past the basics (before "beginner" is read)
        r"\bnot (?:a |an )?(?:total |complete |absolute |real )?(?:beginner|newbie|novice)s?\b"
        # "machine learning, ideally something rigorous rather than introductory"
        r"|\b(?:rather than|instead of|not|nothing|no more|beyond|past|more than) (?:an? |the )?"
        r"(?:too |just |so )?(?:introductory|intro|basic|basics|beginners?|entry[ -]level|for beginners)\b",
        {"level": "intermediate"},
    ),
    (
        r"\bbeginners?[ -]friendly\b|\b101\b"
        r"|\bbeginners?\b|\bbeginning\b|\bnovices?\b|\bintro(?:duction|ductory)?\b|\bbasics?\b|\bstarters?\b"
        r"|\bfrom (?:scratch|zero)\b|\bfor dummies\b|\bentry[ -]level\b|\bfundamentals\b|\bprincipiantes?\b"
        r"|\banfanger\b|\bdebutants?\b|\bnewbies?\b|\bfirst steps\b|\bbeginers?\b|\bbegginers?\b"
        # "aprender excel desde cero", "python von null": from scratch in our other languages
        r"|\b(?:desde|de) cero\b|\bda zero\b|\bdo zero\b|\bvon null\b|\bod zera\b|\bvanaf nul\b"
        # "how do i get into cybersecurity with no experience"
        r"|\b(?:with |having )?(?:no|zero|little|without any|without) (?:prior |previous )?(?:\w+ )?"
        r"experience\b"
        r"|\bknow (?:nothing|very little|next to nothing) about\b"
        # "i want to learn to code but dont know where to start": new to it
        r"|\b(?:dont|don't|do not|no idea) (?:know )?where to (?:start|begin)\b"
        r"|\bwhere (?:do|should|can) i (?:start|begin)\b"
        r"|\bnever (?:done|tried|coded|studied) (?:it|any|this)\b"
        # "kurs programowania dla początkujących", "curso para iniciantes", "corso per principianti"
        r"|\bdla poczatkujacych\b|\biniciantes?\b|\bprincipianti\b"
        # "easiest way to start coding", "an easy excel course"
        r"|\beasiest\b|\beasy\b(?! to (?:use|read|follow|find))|\bsimplest\b",
        {"level": "beginner"},
    ),
    (
        r"\bintermediate\b|\bintermedio\b|\bmid[ -]level\b|\bintermediaire\b|\bintermediario\b"
        r"|\bsrednio\s?zaawansowan[yaeich]+\b",
        {"level": "intermediate"},
    ),
    (
        r"\badvanced\b|\bexpert\b|\bavanzado\b|\bfortgeschrittene?\b|\bavance\b|\bpro level\b"
        # "corso excel avanzato", "curso avançado", "cursus voor gevorderden", "kurs zaawansowany"
        r"|\bavanzat[oaie]\b|\bavancad[oa]s?\b|\bavancees?\b|\bgevorderde?n?\b|\bzaawansowan[yaeich]+\b",
        {"level": "advanced"},
    ),
    (
        r"\bself[ -]?paced\b|\bown pace\b|\bat my own pace\b|\bin my own time\b"
        r"|\bflexible (?:schedule|hours|times?|timing|study)\b",
        {"self_paced": True},
    ),
    (
        r"\bin[ -]person\b|\bface[ -]to[ -]face\b|\bon[ -]?campus\b|\bon[ -]?site\b"
        r"|\bclassroom\b(?! (?:management|behaviou?r|teaching|practice|assistant|skills))"
        r"|\bpresencial\b|\bpresentiel\b|\bprasenz\b"
        # "forklift licence near me": somewhere to go to
        r"|\bnear (?:me|here|home|where i live)\b|\bin my area\b",
        {"mode": "in-person"},
    ),
    (r"\bblended\b|\bhybrid\b|\bhibrido\b", {"mode": "hybrid"}),
    (
        r"(?<!\bteach )(?<!\bteaching )(?<!\btutor )(?<!\btutoring )(?<!\blecturing )"
        r"\bonline\b(?! (?:teach|tutor|safety|work|shop|store|business|marketing|selling|sales|presence))"
        r"|\bremote(?:ly)?\b(?! work)|\bvirtual(?:ly)?\b"
        r"|\bdistance learning\b|\ben linea\b|\ben ligne\b|\bin linea\b|\bonline-kurs\w*\b",
        {"online": True},
    ),
    (
        r"\b(?:(?:university|academic|college)\s+)?credit[ -]bearing\b"
        r"|\bects(?: credits?| points?)?\b|\b(?:university|academic|college) credits?\b"
        # (not money: "universal credit", "tax credits", "a credit card", "store credit")
        r"|(?<!universal )(?<!tax )(?<!store )(?<!phone )\bcredits?\b"
        r"(?! (?:card|score|union|check|rating|limit))"
        r"|\bcreditos\b",
        {"ects": True},
    ),
    (
        r"\bwith (?:a |an )?(?:certificate|certification|cert|certificat|diploma|credential)s?\b"
        r"|\bcertified\b|\b(?:that|which) (?:give|gives|award|awards) (?:a )?certificate\b"
        r"|\b(?:com|con|avec|mit|met|z) "
        r"(?:certificado|certificato|certificat|zertifikat|certificaat|certyfikatem)\b"
        r"|\bcertificate (?:included|provided)\b"
        # "gestion de projet certifiante", "zertifizierte Kurse": a course that certifies
        r"|\b(?:certifiante?s?|zertifiziert(?:e|en)?|gecertificeerde?|certyfikowan[aey])\b"
        # "energy manager certificate online": a course that ends in a certificate (an exam's
        # "certification" is another thing: "aws certification cheap")
        r"|\bcertificates?\b",
        {"certificate": True},
    ),
]
_COMPILED = [(re.compile(pattern), values) for pattern, values in _RULES]
_MONEY = [
    # "i have about 20 euros", "budget of £50", "can spend 100 euros"
    re.compile(rf"{_BUDGET}\s*{_NUMBER}\s*{_EURO}(?!\w)"),
    re.compile(rf"{_BUDGET}\s*{_CURRENCY_BEFORE}\s*{_NUMBER}\b"),
    re.compile(rf"{_BELOW}\s*{_CURRENCY_BEFORE}\s*{_NUMBER}\b"),
    re.compile(rf"{_BELOW}\s*{_NUMBER}\s*{_EURO}(?!\w)"),
    re.compile(rf"{_NUMBER}\s*{_EURO}\s*(?:or less|max(?:imum)?|or under|and under)(?!\w)"),
]
# "max 3 hours per week", "i only have 2 hours a week", "1h a day": the learner's pace, not the
# course's length (no filter: any self-paced course fits a pace), and no topic word either
_PACE = re.compile(
    rf"\b(?:(?:i (?:only |just )?(?:have|ve got)|i can (?:do|spare|give it)|max(?:imum)?|up to|at most|"
    rf"about|around|only|under|less than|within)\s+)?{_NUMBER}\s*{_HOURS}\s*"
    r"(?:(?:a|per|each|every|/)\s*(?:week|wk|day|night|evening)s?\b|weekly\b|daily\b)"
)
_HOURS_RULES = [
    re.compile(rf"{_BELOW}\s*{_NUMBER}\s*{_HOURS}\b"),
    re.compile(rf"{_NUMBER}\s*{_HOURS}\s*(?:or less|max(?:imum)?|or under|and under)\b"),
    # the time the learner has in all ("i have 200 euros and about 20 hours"), not a week's
    re.compile(
        rf"\b(?:i have|i ve got|ive got|have|got|can spare|can give it|and)\s+"
        rf"(?:about |around |roughly |only |max |maximum |up to )?{_NUMBER}\s*{_HOURS}\b"
        r"(?!\s*(?:a|per|each|every|/)\s*(?:week|wk|day|night|evening|month)\b| ?weekly\b| ?daily\b)"
    ),
]
_LANGUAGE_RULE = re.compile(
    r"\b(?:in|taught in|en|auf|na|em|in het|in lingua|w|language)\s+(" + "|".join(LANGUAGE_WORDS) + r")\b"
)
# "takes less than a day", "something i can do in an afternoon": a length said as a stretch of
# time (a weekend is left to "short": learners who say it label courses of up to 20 hours)
_IN_A_DAY = re.compile(
    r"\b(?:(?:takes?|taking|lasts?)\s+)?(?:less than|under|within|in|inside)\s+(?:a|an|one|1)\s+"
    r"(?P<stretch>day|afternoon|morning|evening)\b"
)
_STRETCH_HOURS = {"day": 8, "afternoon": 4, "morning": 4, "evening": 4}
_GERMAN_PHRASE = re.compile(r"\bauf deutsch\b")
# "eqf level 6", "eqf 5", "at level 6 on the eqf", "niveau 6 eqf" (the European Qualifications
# Framework's eight levels); a bare "level 3" is left alone: "childcare level 3" names a
# national qualification, not the EQF
_EQF_RULE = re.compile(
    r"\b(?:eqf|cec|eqr|erk)(?:\s+(?:level|niveau|nivel|livello|stufe|niveau))?\s*([1-8])\b"
    r"|\b(?:level|niveau|nivel|livello|stufe)\s*([1-8])\s+(?:on the |of the |in the |du |del |des )?"
    r"(?:eqf|cec|eqr|erk)\b"
)


def _number(text: str) -> int:
    return int(round(float(text.replace(",", "."))))


_NUMBER_WORDS = {
    "five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100,
    "hundred": 100, "two hundred": 200, "three hundred": 300, "four hundred": 400, "five hundred": 500,
    "a thousand": 1000, "one thousand": 1000,
}  # fmt: skip
# "under a hundred euros", "about twenty quid", "fifty hours": a number in words before an amount
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + r")\s+"
    r"(?=(?:euros?|eur|bucks|dollars?|pounds?|quid|hours?|hrs?)\b)"
)


def parse_filters(text: str) -> tuple[Facets, str]:
    """The facets `text` asks for, and `text` (folded) with the filter words taken out."""
    rest = f" {fold(text)} "
    rest = _NUMBER_WORD.sub(lambda m: f"{_NUMBER_WORDS[m.group(1)]} ", rest)
    found: dict[str, Any] = {}

    def take(pattern: re.Pattern[str], values: dict[str, Any] | None = None) -> re.Match[str] | None:
        nonlocal rest
        match = pattern.search(rest)
        if match is None:
            return None
        rest = rest[: match.start()] + " " + rest[match.end() :]
        if values:
            for key, value in values.items():
                found.setdefault(key, value)
        return match

    for pattern in _MONEY:
        if match := take(pattern):
            said = next((code for code, sign in _CURRENCY_SAID if sign.search(match.group(0))), "EUR")
            amount = float(match.group(1).replace(",", "."))
            found["max_eur"] = int(round(price_in_eur(amount, said)))
            break
    take(_PACE)
    for pattern in _HOURS_RULES:
        if match := take(pattern):
            found["max_hours"] = _number(match.group(1))
            break
    else:
        if match := take(_IN_A_DAY):
            found["max_hours"] = _STRETCH_HOURS[match.group("stretch")]
    if match := take(_EQF_RULE):
        found["eqf"] = int(match.group(1) or match.group(2))
    if match := take(_LANGUAGE_RULE):
        found["language"] = LANGUAGE_WORDS[match.group(1)]
    elif take(_GERMAN_PHRASE):
        found["language"] = "de"
    for pattern, values in _COMPILED:
        while take(pattern, values):
            pass
    if found.get("max_eur") == 0:
        found.pop("max_eur")
        found["free"] = True
    facets = Facets()
    for key, value in found.items():
        facets = replace(facets, **{key: value})
    if facets.max_hours is not None and not 0 < facets.max_hours <= MAX_HOURS_ACCEPTED:
        facets = replace(facets, max_hours=None)
    if facets.max_eur is not None and not 0 < facets.max_eur <= MAX_EUR_ACCEPTED:
        facets = replace(facets, max_eur=None)
    if facets.online and facets.mode is not None:
        facets = replace(facets, online=False)
    return facets, " ".join(rest.split())
