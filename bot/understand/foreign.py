"""Course requests in the other languages: "cursos de python" is a search for "python".

A message the language detector reads as Spanish, German, French, Italian, Portuguese, Dutch
or Polish gets an honest reply in that language that answers are in English for now, unless
it asks for courses: then `foreign_search` returns the topic to search for, which the
catalogue answers in any language ("análisis de datos" finds the Spanish course). A wish to
learn the detector was unsure of still names its language (`language_of_a_wish_to_learn`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.text import FOREIGN_GREETINGS

COURSE_WORDS_ANY_LANGUAGE = re.compile(
    r"\b(?:cursos?|kurse?n?|kursy?|kursu|kursow|kursach|cours|corsi|corso|cursus|cursussen|formacion|"
    r"formaciones|formation|formations|formazione|formacao|formacoes|weiterbildung(?:en)?|fortbildung(?:en)?|"
    r"lehrgang|lehrgange|zertifikat|szkolenie|szkolenia|szkolen|opleiding(?:en)?|aulas|clases)\b"
)


# The words between a course word and its topic ("curso de", "Kurs im", "cours sur", "kurs z")
_COURSE_TOPIC_WORD = (
    r"(?:de|di|del|della|da|em|in|im|en|für|fur|zu|zum|zur|w|z|voor|over|sobre|sur|su|on|about)"
)
_COURSE_OF = re.compile(
    rf"{COURSE_WORDS_ANY_LANGUAGE.pattern}\s+(?:{_COURSE_TOPIC_WORD}|online)\s+\w"
    # "formation entretien des terrains de sport": the topic right after the course word, first
    r"|^(?:un |une |ein |einen |uno |una |um |uma |een )?"
    + COURSE_WORDS_ANY_LANGUAGE.pattern
    + r"\s+(?!(?:es|est|ist|e|è|is|jest|sind|son|sont|sono|sao|zijn|sa|kostet|cuesta|coute|costa|kosztuje|"
    r"dura|dauert|duree|vale|waard|warto|online|gratis|gratuit|gratuito)\b)[a-z]{3,}"
)


# "nen Kurs im Schweißen", "un curso de soldadura": a course on a topic (what follows is the topic)
_WANTED_COURSE_OF = re.compile(
    COURSE_WORDS_ANY_LANGUAGE.pattern + rf"\s+{_COURSE_TOPIC_WORD}\s+"
)


# "Gibt's was zu Cybersecurity?", "hay algo de excel?", "iets over fotografie": something on a
# topic, asked for as a course is
_SOMETHING_ON = re.compile(
    r"\b(?:was|etwas|algo|qualcosa|quelque chose|iets|cos|alguma coisa)\s+(?:zum thema|zu dem thema|"
    r"uber das thema|zu|zum|zur|uber|de|del|sobre|su|sul|sulla|di|sur|en|over|met|o|na temat)\b"
)


_INFO_WORDS = (
    r"(?:info|infos|informacion|informaciones|informacao|informacoes|informazioni|informationen|informatie)"
)


_OTHER_LANGUAGE_FILLER = re.compile(
    r"\b(?:de|del|la|el|en|para|sobre|der|die|das|für|fur|über|uber|le|les|des|du|pour|di|"
    r"per|sul|do|da|em|van|voor|over|z|ze|w|dla|o|ein|eine|einen|einem|un|une|una|uno|um|uma|een|im|in|zu|"
    r"sur|su|op|algun|alguno|alguna|algunos|algum|alguma|qualche|jakis|jakies|jakichs|mi|me|mir|mich|"
    r"moi|me|ik|ich|je|j|yo|eu|io|ja|se|sie|si|bitte|por favor|favor|favore|svp|s'il|sil|vous|plait|prosze|"
    r"alsjeblieft|alstublieft|gratis|online|was|etwas|algo|qualcosa|iets|"
    r"los|las|please|pls|" + _INFO_WORDS + r")\b"
)


# "necesito info sobre los cursos": information about courses asked for, no topic named
_INFO_ASKED = re.compile(r"\b" + _INFO_WORDS + r"\b")


# "quiero aprender python", "ich möchte Python lernen", "szukam kursu z …", "gibt es Kurse für …?":
# a wish to learn, a search, or a question whether such courses exist, in our other languages.
_FOREIGN_LEARN = re.compile(
    r"\b(?:aprender|aprenderia|lernen|apprendre|imparare|leren|nauczyc sie|nauczyc|uczyc sie|uczyc|"
    r"estudiar|estudar|studieren|etudier|studiare|studeren|studiowac)\b"
)


_FOREIGN_WISH = re.compile(
    r"\b(?:quiero|quisiera|me gustaria|quero|queria|gostaria de|gostaria|mochte|will|wurde gerne|wurde gern|"
    r"veux|voudrais|souhaite|aimerais|voglio|vorrei|wil|zou graag|chce|chcialbym|chcialabym|necesito|preciso|"
    r"brauche|besoin|bisogno|nodig|potrzebuje|bock auf|lust auf|zin in)\b"
)


_FOREIGN_LOOKING = re.compile(
    r"^(?:(?:hola|hallo|bonjour|salut|ciao|ola|hoi|czesc|dzien dobry|che|oye|mira|bueno|pues|vale|"
    r"also|alors|allora|dai|nou|ok)[,!]?\s+)?"
    r"(?:busco|estoy buscando|ando buscando|ich suche|ich such|suche|je cherche|cherche|cerco|sto cercando|"
    r"procuro|"
    r"estou procurando|ik zoek|zoek|ik ben op zoek naar|op zoek naar|szukam)\b"
)


_FOREIGN_ARE_THERE = re.compile(
    r"^(?:(?:hola|hallo|bonjour|salut|ciao|ola|hoi|czesc)[,!]?\s+)?[¿]?"
    r"(?:hay|teneis|tienen|tienes|gibt es|gibt's|gibts|habt ihr|haben sie|hast du|y a-t-il|y a t il|"
    r"il y a|avez-vous|avez vous|proposez-vous|ci sono|c'e|c e|avete|existe|existem|ha|tem|tens|voces tem|"
    r"is er|zijn er|hebben jullie|heb je|hebt u|czy sa|czy jest|czy macie|czy maja|macie)\b"
)


_FOREIGN_WORDS_TO_DROP = re.compile(
    r"\b(?:quiero|quisiera|me gustaria|quero|queria|gostaria de|gostaria|mochte|mochten|will|wurde gerne|"
    r"wurde gern|gerne|gern|veux|voudrais|souhaite|aimerais|j'aimerais|voglio|vorrei|wil|zou graag|graag|"
    r"chce|"
    r"chcialbym|chcialabym|necesito|preciso|brauche|besoin|bisogno|nodig|potrzebuje|busco|estoy buscando|"
    r"ando buscando|suche|cherche|cerco|sto cercando|procuro|estou procurando|zoek|ben op zoek naar|"
    r"op zoek naar|szukam|hay|teneis|tienen|tienes|gibt es|es|habt ihr|haben sie|hast du|y a-t-il|y a t il|"
    r"gibt's|gibts|il y a|avez-vous|avez vous|proposez-vous|ci sono|c'e|c e|avete|existe|existem|tem|tens|"
    r"voces|is er|zijn er|hebben jullie|heb je|hebt u|czy sa|czy jest|czy macie|czy maja|macie|hola|hallo|"
    r"bonjour|salut|ciao|ola|hoi|czesc|dzien dobry|j ai|ai|sto|estou|estoy|ando|ben|ik|a|mais|mas|aber|ma|"
    r"maar|ale|tambien|auch|aussi|anche|tambem|ook|tez)\b"
)


# "si estos cursos valen la pena", "lohnen sich die Kurse": whether courses are worth it, not a search
_FOREIGN_WORTH = re.compile(
    r"\b(?:vale[mn]? (?:la|a) pena|valgono(?: la pena)?|vale qualcosa|valen algo|valem (?:algo|alguma coisa)|"
    r"sirven de algo|servono a qualcosa|lohn(?:t|en) sich|sich lohnen|ca vaut|vaut le coup|valent|"
    r"waard|warto|oplaca sie|"
    # money for the courses ("existe alguma bolsa ou financiamento para estes cursos?"): a question
    r"becas?|bolsas?|financiamiento|financiamento|financement|finanziamento|finanziamenti|forderung|"
    r"stipendi\w*|stipendium|stypendi\w*|dofinansowani\w*|subvencion\w*|subsidio|beurs|subsidie)\b"
)


# "gerne wissen, ob …", "vorrei sapere se …", "je voudrais savoir si …": wanting to know, a question
_FOREIGN_TO_KNOW = re.compile(
    r"\b(?:wissen|erfahren|sapere|savoir|saber|weten|wiedziec|dowiedziec sie|informarme|informarmi)\b"
)


_FOREIGN_QUESTION = re.compile(
    r"^(?:que|qué|cuanto|cuánto|cuanta|como|cómo|cual|cuál|donde|dónde|puedo|hay|es|son|was|wie|wo|"
    r"wann|warum|kann|ist|sind|gibt|quoi|combien|comment|est|puis|peut|quanto|quanta|cosa|posso|"
    r"sono|é|è|são|wat|hoe|kan|zijn|ile|jak|czy|co|gdzie|czym)\b"
)


# A greeting opening a message in another language ("oi tudo bem, …", "hola, …")
_FOREIGN_GREETING = re.compile(
    r"^(?:\s*(?:" + "|".join(sorted(FOREIGN_GREETINGS, key=len, reverse=True)) + r")\b[\s,!.]*)+"
)


def names_a_known_skill(words: str, is_known_skill: Callable[[str], bool]) -> bool:
    """Whether one, two or three words in a row of `words` are a skill the catalogue knows."""
    tokens = words.replace(",", " ").split()
    return any(
        is_known_skill(" ".join(tokens[i : i + size]))
        for size in (1, 2, 3)
        for i in range(len(tokens) - size + 1)
    )


FOREIGN_SEARCH_MAX_WORDS = 6  # a search names its topic in a few words


def foreign_search(folded: str, is_known_skill: Callable[[str], bool]) -> str | None:
    """The search in a non-English course request ("cursos de python" → "python",
    "quiero aprender programación" → "programacion", "gibt es Kurse für Projektmanagement?"
    → "projektmanagement").

    Any other question ("¿cuánto cuesta un curso?") is not a search: it gets the language reply.
    """
    folded = _FOREIGN_GREETING.sub("", folded)  # "oi tudo bem quanto tempo demora…" asks
    words = folded.strip(" ?!.,¿¡")
    if _FOREIGN_WORTH.search(words):
        return None
    found_looking = _FOREIGN_LOOKING.match(words)
    looking = found_looking is not None
    # "quiero aprender python", or a learning verb with no question at all ("Programmieren
    # lernen, am liebsten Python")
    learn = bool(_FOREIGN_LEARN.search(words))
    wish = learn and (bool(_FOREIGN_WISH.search(words)) or looking)
    plain = "?" not in folded and "¿" not in folded and not _FOREIGN_QUESTION.match(folded)
    if learn and not wish and plain:
        wish = names_a_known_skill(words, is_known_skill)  # (checked last: each skill lookup costs)
    course = bool(COURSE_WORDS_ANY_LANGUAGE.search(words) or _SOMETHING_ON.search(words))
    asks_whether = bool(_FOREIGN_ARE_THERE.match(words)) and course
    # "corsi di cucina professionale online?", "cursos de excel?": a course word first names the topic
    looking = looking or bool(_COURSE_OF.match(words))
    wanted = _WANTED_COURSE_OF.search(words) if _FOREIGN_WISH.search(words) else None
    if wanted is not None and not _FOREIGN_QUESTION.match(folded) and not _FOREIGN_TO_KNOW.search(words):
        # "Hab Bock auf nen Kurs im Schweißen, gibt's da wat?": a course on a topic wanted
        topic = re.split(r"[,;¿?]", words[wanted.end() :], maxsplit=1)[0].split()
        while topic and _OTHER_LANGUAGE_FILLER.fullmatch(topic[-1]):
            topic.pop()
        if topic:
            return " ".join(topic)
    if not (wish or asks_whether or looking):
        if "?" in folded or "¿" in folded or _FOREIGN_QUESTION.match(folded):
            return None
        wants = bool(_FOREIGN_WISH.search(words))  # "quero um curso de programação em python"
        if _FOREIGN_TO_KNOW.search(words) or (len(words.split()) > FOREIGN_SEARCH_MAX_WORDS and not wants):
            # "ich möchte gerne wissen, ob ich für so einen Kurs nicht schon zu alt bin",
            # "vorrei sapere se alla fine del corso si riceve un attestato": a question
            # about courses, said as a sentence; a search names its topic in a few words
            return None
        if not course:
            # "marketing voor beginners": a short topic naming a known skill, in its language
            return words if is_known_skill(words) or names_a_known_skill(words, is_known_skill) else None
    tokens = _topic_words(words, found_looking)
    if not tokens:
        if _INFO_ASKED.search(words):
            return None  # "hola, necesito info sobre los cursos online": a question, in Spanish
        return None if (wish or looking or asks_whether) and not course else words
    query = " ".join(tokens)
    if ("?" in folded or "¿" in folded) and not course and not is_known_skill(query):
        return None  # "posso estudar pelo telemóvel?" asks how, not for a course on phones
    return query


def asks_something_abroad(folded: str) -> bool:
    """Whether a message in another language asks a question the rules know ("vale a pena fazer
    estes cursos online", "¿cuánto cuesta?", "je voudrais savoir si…"): never a search, however
    the learned signal reads it."""
    words = _FOREIGN_GREETING.sub("", folded).strip(" ?!.,¿¡")
    if _FOREIGN_WORTH.search(words) or _FOREIGN_TO_KNOW.search(words) or _INFO_ASKED.search(words):
        return True
    return bool(_FOREIGN_QUESTION.match(words)) and not _FOREIGN_ARE_THERE.match(words)


def foreign_topic(folded: str) -> str:
    """The topic of a course request in another language that `foreign_search` did not read as
    one ("une formation en compliance bancaire, s'il vous plait" → "compliance bancaire"): the
    message less its greeting, course, wish and learning words; all of it when nothing is left."""
    words = _FOREIGN_GREETING.sub("", folded).strip(" ?!.,¿¡")
    return " ".join(_topic_words(words, _FOREIGN_LOOKING.match(words))) or words


def _topic_words(words: str, found_looking: re.Match[str] | None) -> list[str]:
    """ "cursos de análisis de datos" → "analisis de datos": the course, wish and question words
    and the little words around the edges go, the phrase itself stays whole."""
    said = words
    if found_looking is not None:
        # "che, busco algún curso de testing, ¿tenés algo con selenium?": the topic is what
        # follows "busco", up to the next clause
        said = re.split(r"[,;¿?]", words[found_looking.end() :], maxsplit=1)[0] or words
    rest = COURSE_WORDS_ANY_LANGUAGE.sub(" ", _SOMETHING_ON.sub(" ", said))
    rest = _FOREIGN_LEARN.sub(" ", _FOREIGN_WORDS_TO_DROP.sub(" ", rest))
    tokens = rest.replace(",", " ").split()
    while tokens and _OTHER_LANGUAGE_FILLER.fullmatch(tokens[0]):
        tokens.pop(0)
    while tokens and _OTHER_LANGUAGE_FILLER.fullmatch(tokens[-1]):
        tokens.pop()
    return tokens


_LEARN_VERB_LANGUAGE = {
    "aprender": "es", "aprenderia": "es", "estudiar": "es", "estudar": "pt",
    "lernen": "de", "studieren": "de",
    "apprendre": "fr", "etudier": "fr", "imparare": "it", "studiare": "it", "leren": "nl", "studeren": "nl",
    "nauczyc": "pl", "uczyc": "pl", "studiowac": "pl",
}  # fmt: skip


_PORTUGUESE_WISH = re.compile(r"\b(?:quero|queria|gostaria|preciso|eu)\b")


_ARE_THERE_LANGUAGE = {
    "hay": "es", "teneis": "es", "tienen": "es", "tienes": "es", "gibt es": "de", "habt ihr": "de",
    "haben sie": "de", "hast du": "de", "y a-t-il": "fr", "il y a": "fr", "avez-vous": "fr",
    "avez vous": "fr", "proposez-vous": "fr", "ci sono": "it", "avete": "it", "existem": "pt", "tem": "pt",
    "tens": "pt", "voces tem": "pt", "is er": "nl", "zijn er": "nl", "hebben jullie": "nl", "heb je": "nl",
    "hebt u": "nl",
    "czy sa": "pl", "czy jest": "pl", "czy macie": "pl", "czy maja": "pl", "macie": "pl",
}  # fmt: skip


# A message that opens with courses of something ("cursos de BIM y Revit para arquitectos",
# "corsi di fotografia", "kurse für projektmanagement"): the language of its course word
_COURSE_WORD_LANGUAGE = {
    "curso": "es", "cursos": "es", "formacion": "es", "formaciones": "es", "kurs": "de", "kurse": "de",
    "kursen": "de", "weiterbildung": "de", "weiterbildungen": "de", "fortbildung": "de",
    "fortbildungen": "de",
    "lehrgang": "de", "cours": "fr", "formation": "fr", "formations": "fr", "corso": "it", "corsi": "it",
    "formazione": "it", "formacao": "pt", "formacoes": "pt", "cursus": "nl", "cursussen": "nl",
    "opleiding": "nl", "opleidingen": "nl", "kursy": "pl", "szkolenie": "pl", "szkolenia": "pl",
}  # fmt: skip
_PORTUGUESE_SMALL_WORDS = re.compile(r"\b(?:em|e|do|da|dos|das|para a|com|nao|gratuitos? de)\b")
_LOOKING_LANGUAGE = {
    "busco": "es", "buscando": "es", "procuro": "pt", "procurando": "pt", "suche": "de", "cherche": "fr",
    "cerco": "it", "cercando": "it", "zoek": "nl", "szukam": "pl",
}  # fmt: skip


def language_of_a_wish_to_learn(folded: str) -> str | None:
    """The language of a short wish to learn or search for a course that the detector was unsure
    of ("quero aprender liderança" → "pt", "busco un curso de python" → "es", "tem curso de
    marketing digital gratuito?" → "pt"): a learning verb of one of our languages with a wish
    before it, or a looking-for or are-there opening with a course word."""
    asks = _FOREIGN_ARE_THERE.match(folded)
    if asks and COURSE_WORDS_ANY_LANGUAGE.search(folded):
        opening = asks.group(0).strip(" ¿").split()
        for size in (2, 1):
            code = _ARE_THERE_LANGUAGE.get(" ".join(opening[-size:]))
            if code is not None:
                return code
    looking = _FOREIGN_LOOKING.match(folded)
    if looking and COURSE_WORDS_ANY_LANGUAGE.search(folded):
        for word in reversed(looking.group(0).split()):
            if word in _LOOKING_LANGUAGE:
                return _LOOKING_LANGUAGE[word]
    courses_of = _COURSE_OF.match(folded)
    code = _COURSE_WORD_LANGUAGE.get(folded.split()[0]) if courses_of is not None else None
    if code is not None:
        return "pt" if code == "es" and _PORTUGUESE_SMALL_WORDS.search(folded) else code
    verb = _FOREIGN_LEARN.search(folded)
    if verb is None or not (_FOREIGN_WISH.search(folded) or _FOREIGN_LOOKING.match(folded)):
        return None
    code = _LEARN_VERB_LANGUAGE.get(verb.group(0).split()[0])
    if code == "es" and _PORTUGUESE_WISH.search(folded):
        return "pt"
    return code
