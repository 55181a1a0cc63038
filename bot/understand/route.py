"""Course requests in free text: what a learner asking for courses wants searched.

"courses on python", "I want to learn photography", "i want to become a data analyst",
"free python courses" are course requests; `course_request` returns what to search for,
qualifiers kept. The rest of the decision is `bot.understand.intent`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.text import IT_FIELD_WORDS, UNSURE, fold, respelt

_COURSE_WORDS = (
    r"(?:courses?|microcredentials?|credentials|microcreds|classes|class|programmes?|programs?|trainings?|"
    r"nanodegrees?)"
)
# After a skill ("python courses") only words that clearly mean a course count.
_COURSE_SUFFIX = r"(?:courses?|classes|class|programmes?|programs?|training|trainings)"
_REQUEST_PATTERNS = [
    # "I want to learn X", "I'd like to study X", "teach me X", "how can I learn X"
    r"^(?:(?:i|id)\s+(?:just\s+|really\s+)?"
    r"(?:(?:want|would like|wanna|need|d like|'d like|like|would love|d love|'d love|love|am looking|"
    r"should (?:very much |really )?like|would (?:very much|really) like)"
    r"\s+(?:to\s+)?|wanna)"
    r"(?:learn|study|get better at|improve|do)|(?:i\s+am|i\s+m|im)\s+(?:so\s+|really\s+)?"
    r"(?:excited|keen|eager|ready|"
    r"planning|hoping)\s+to\s+(?:learn|study)|"
    r"teach\s+me|help\s+me(?!\s+(?:decide|choose|pick|work out|figure out|sort out|narrow|find))"
    r"(?:\s+learn)?|"
    r"how (?:can|do) i learn|where (?:can|do) i learn|learn|learning|study|studying)\s+"
    r"(?:about\s+|with\s+)?(?P<q>.+)$",
    # "courses on X", "any courses for X", "find me a course in X", "are there classes about X"
    r"^(?:(?:can you\s+|help\s+me\s+|i\s+(?:would like|d like|want|need|am trying|m trying)\s+to\s+)?"
    r"(?:find|search|show|get|give|recommend|suggest)(?:\s+me)?\s+|"
    r"(?:are|is)\s+there\s+|(?:would|will|could)\s+there\s+be\s+|looking\s+for\s+|i\s+need\s+|any\s+|"
    r"have\s+you\s+(?:got\s+)?|"
    r"do\s+you\s+have\s+)?"
    r"(?:some\s+|any\s+|a\s+|good\s+|the\s+best\s+)*"
    rf"{_COURSE_WORDS}\s+(?:on|for|in|about|with|covering)\s+(?P<q>.+)$",
    # "anything for X?", "something on X"
    # "find me something about cad cam"
    r"^(?:(?:i\s+am\s+|i\s+m\s+|im\s+)?(?:looking\s+for|got|have\s+you\s+got|have\s+you|do\s+you\s+have|"
    r"is\s+there|(?:would|will|could)\s+there\s+be|would\s+you\s+have)\s+|"
    r"(?:(?:can|could)\s+you\s+)?(?:help\s+me\s+)?(?:find|show|give|get|recommend|suggest)\s+(?:me\s+)?|"
    r"(?:i\s+)?(?:need|want|would like|d like)\s+)?"
    r"(?:anything|something)\s+(?:good\s+)?"
    # "something for my call centre team on customer service": whom for, then the topic
    r"(?:for\s+(?:my|our|the)\s+(?:[\w-]+\s+){0,3}?(?:team|staff|employees|people|colleagues|workers|crew)\s+"
    r"(?=on\s|about\s|in\s))?"
    r"(?:for|on|about|in|concerning|regarding|related to)\s+(?P<q>.+)$",
    # "X courses", "python course please", "search X courses"
    rf"^(?:search\s+(?:for\s+)?|any\s+)?(?P<q>.+?)\s+{_COURSE_SUFFIX}(?:\s+please)?$",
    r"^search\s+(?:for\s+)?(?P<q>.+)$",
    # "got any stuff on X", "what do you have on X", "you got anything in X"
    r"^(?:(?:have\s+)?(?:you\s+)?got|do\s+you\s+have|what\s+(?:do\s+you\s+have|have\s+you\s+got|you\s+got))\s+"
    r"(?:any\s+)?(?:stuff|things|material|materials|resources)?\s*(?:on|for|about|in)\s+(?P<q>.+)$",
    # "just give me project management ones", "show me excel stuff"
    r"^(?:just\s+)?(?:give|show)\s+me\s+(?:some\s+)?(?P<q>.+?)\s+(?:ones|stuff|things)$",
    # "i run a flower shop and want to sell online": selling online is the skill
    r"^(?:.*\b(?:and|but|so)\s+)?(?:i\s+)?(?:want|wanna|need|would like|d like|hope)\s+(?:to\s+)?"
    r"(?P<q>sell\s+(?:[\w']+\s+){0,3}online)$",
    # "logistics and supply chain, what have you got", "excel - anything?"
    r"^(?P<q>[^?]+?)\s*[,:;-]\s*(?:so\s+)?(?:what\s+(?:have\s+you\s+got|do\s+you\s+have|you\s+got|ya\s+got)|"
    r"(?:got\s+)?anything|any\s+courses?)$",
    # "what courses do you have for X", "which classes are there on X"
    rf"^(?:what|which)\s+(?:kind of\s+|sort of\s+)?{_COURSE_WORDS}\s+(?:do you have|have you got|are there|"
    r"are available|can i (?:do|take)|do you know|do you offer)\s+"
    r"(?:on|for|in|about|with|covering)\s+(?P<q>.+)$",
    # "is there one for nurses", "are there any for bookkeeping", "got any on excel": one of them
    r"^(?:(?:and|so|ok)\s+)?(?:(?:are|is)\s+there|got|have\s+you\s+got|do\s+you\s+have)\s+"
    r"(?:one|ones|any|some)\s+(?:for|on|about)\s+(?P<q>.+)$",
    # "are there free ones for social media marketing", "any cheap ones on excel": the filter kept
    r"^(?:(?:are|is)\s+there\s+|got\s+|have\s+you\s+got\s+|do\s+you\s+have\s+)?(?:any\s+|some\s+)?"
    r"(?P<f>free|cheap|cheaper|online|short|shorter|beginner|self[- ]paced|advanced)\s+"
    r"(?:ones?|options?)\s+(?:on|for|in|about|with)\s+(?P<q>.+)$",
    # "whats the best course for learning python", "which course should i take for digital
    # marketing", "which class is best for sql": the learner asks which course, for a skill
    rf"^(?:so\s+|ok\s+)?(?:(?:what|which)(?:\s+s|s|\s+is|\s+would\s+be)?\s+(?:the\s+|a\s+)?"
    rf"(?:best|right|top|ideal)\s+{_COURSE_WORDS}|"
    rf"(?:what|which)\s+{_COURSE_WORDS}\s+(?:should|would|could|do|can)\s+(?:i|you)\s+"
    r"(?:take|do|pick|choose|recommend|suggest|start with)|"
    rf"(?:what|which)\s+{_COURSE_WORDS}\s+(?:is|are|would be)\s+(?:the\s+)?(?:best|right|ideal)|"
    rf"(?:the\s+)?best\s+{_COURSE_WORDS})\s+(?:(?:for|on|in|about)\s+"
    r"(?:learning\s+|getting\s+into\s+|getting\s+better\s+at\s+)?|to\s+(?:learn|study|get into)\s+)"
    # (not whom it is for, nor why: "for someone over 50", "for employers to recognise")
    r"(?!(?:someone|somebody|people|us|my|our|a|an|employers?|beginners?|older|over|getting|"
    r"career|jobs?|work|promotion)\b)(?P<q>.+)$",
    # "could do with brushing up my excel", "need to brush up on sql"
    r"^(?:(?:i\s+)?(?:could do with|need to|want to|wanna|would like to|d like to|should)\s+)?"
    r"brush(?:ing)?\s+up\s+(?:on\s+)?(?:my\s+)?(?P<q>[\w +#-]{2,40})$",
    # "whats good for someone wanting to go into teaching"
    r"^what(?:s|\s+s|\s+is)?\s+(?:good|best|useful|worth doing)\s+for\s+"
    r"(?:someone|somebody|a person|people)\s+"
    r"(?:wanting|looking|trying|hoping)\s+to\s+(?:go into|get into|move into|become an?|be an?|work in)\s+"
    r"(?P<q>[\w +#-]{2,40})$",
    # "any free food hygiene ones?", "got any beginner photography ones": a filter, then the topic
    r"^(?:(?:are there|got|have you got|do you have)\s+)?any\s+(?P<f>free|cheap|cheaper|online|short|"
    r"shorter|beginner|beginners|self[- ]paced|advanced)\s+(?P<q>[\w' -]{2,40}?)\s+(?:ones?|options?)$",
    # "we'd like leadership training for our new line managers": training for a team
    r"^(?:we|i)\s+(?:d|would|should)\s+(?:like|love)\s+(?:some\s+)?(?P<q>[\w +#&-]{2,40}?\s+"
    r"(?:training|courses?)\s+for\s+(?:our|my|the)\s+[\w -]{2,40}?)(?:\s*[,.;!?].*)?$",
    # "do u do courses on social media marketing?", "do they do anything on phonics"
    r"^(?:(?:and|so|hi|hiya|hey)\s+)?(?:do|does|can)\s+(?:you|u|ye|they)\s+(?:do|offer|run|teach)\s+"
    r"(?:any\s+|some\s+)?(?:courses?|classes|class|anything|stuff|training)\s+(?:on|in|for|about|covering)\s+"
    r"(?P<q>[^?]+)(?:\?.*)?$",
]
_REQUESTS = [re.compile(p) for p in _REQUEST_PATTERNS]
# "the history of art", "the basics of excel": a subject said with its article
_SUBJECT_OF = re.compile(r"^(?:the|a|an)\s+\w+\s+of\s+\w")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+(?=\w{4})(?!(?:course|class|programme|program)s?\b)")
# Careers and fields: "i want to become a data analyst", "i wanna get into cyber security",
# "how do i become a ux designer", "i need to upskill in AI for work".
_GOAL = re.compile(
    r"^(?:so\s+|hi\s+|hey\s+)?(?:(?:i\s+)?(?:reckon|think|guess)\s+)?"
    # "he says now he wants to become an electrician": a parent asking for their child
    r"(?:i\s+|(?:he|she|my (?:son|daughter|lad|boy|girl|kid))\s+(?:says\s+)?(?:now\s+)?(?:he\s+|she\s+)?"
    r"(?=wants?\s))?"
    r"(?:(?:really\s+|literally\s+|actually\s+|honestly\s+|just\s+)?(?:want|wants|wanna|would like|d like|"
    r"would love|d love|need|hope|plan|am trying|"
    r"m trying|trying)"
    r"\s+(?:to\s+)?|how\s+(?:do|can|could|would|should)\s+i\s+|help\s+me\s+|i\s+am\s+looking\s+to\s+|"
    r"how\s+to\s+|how\s+(?:do|would|should|could)\s+i\s+go\s+about\s+|what\s+does\s+it\s+take\s+to\s+|"
    # "what would i need to become a paralegal", "what do i have to study to be a nurse"
    r"what\s+(?:would|do|will|should)\s+i\s+(?:need|have)\s+to\s+(?:(?:do|study|learn)\s+to\s+)?)"
    # ("be" a job, not "be noticed", "be taken seriously" or "be able to")
    r"(?:become|becoming|be(?!\s+\w+(?:ed|en)\b)(?!\s+able\b)|work as|working as|get a job as|get into|"
    r"(?:get\s+|find\s+|land\s+)?a\s+job\s+(?:in|as)|"
    r"break into|move into|switch to|go into|"
    r"start a career in|start in|upskill in|skill up in|reskill in|retrain as|retrain in|get better at|"
    r"train up as|train as|qualify as)"
    r"\s+(?:an?\s+|the\s+)?(?P<q>.+)$"
)
# "what can i study to move from driving trams to an office job", "skills to go from call centre
# agent to supervisor": what to learn for the job wanted (the one left is no topic).
_CAREER_MOVE = re.compile(
    r"^(?:(?:what|which)\s+(?:can|should|could|do|would)\s+i\s+(?:study|learn|do|take)\s+to\s+|"
    r"(?:(?:what|which)\s+)?(?:skills|courses?)\s+(?:do\s+i\s+need\s+)?(?:to|for)\s+)"
    r"(?:move|moving|switch|switching|go|going|get|getting|change|changing|transition|transitioning)"
    r"\s+from\s+(?:\w+\s+){1,4}?(?:to|into)\s+(?:an?\s+|the\s+)?(?P<q>.+)$"
)
_GOAL_TAIL = re.compile(
    r"\s+(?:for|at)\s+(?:work|my job|my career)$|\s+(?:one day|someday|eventually|next year)$"
    r"|\s*[,;.!?]\s*(?:where|what|how|which|any|so|but|and|pls|please)\b.*$"  # "…, where do i start"
)
_SOMETHING_TO_LEARN = re.compile(
    r"^(?:something|anything|somewhere|a way|an app)\s+to\s+(?:learn|study|practise|practice|"
    r"help\s+(?:me\s+)?(?:with\s+)?)\s*(?P<q>.+)$"  # "something to help me keep the books for my farm"
)
# "can you recommend a course for me", "what should i study": advice, with no skill yet.
# (after "ok", "yes please", "hmm": "ok can u recommend me something", "any suggestions?")
_ADVICE_OPENING = (
    r"^(?:(?:ok|okay|so|alright|right|yes|yeah|yep|sure|hmm+|well|and|oh)\W+)*(?:(?:please|pls|just)\s+)?"
)
_ADVICE = re.compile(
    _ADVICE_OPENING + r"(?:"
    r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|just\s+)?)?(?:recommend|suggest|find)"
    r"(?:\s+(?:me|us))?\s+"
    r"(?:(?:a|some|any)\s+(?:good\s+)?(?:courses?|microcredentials?)|something|anything|one|some|summat|owt)"
    r"(?:\s+(?:good|nice|interesting|useful|for me|then))?"
    # "Oh, just recommend me something nice, dear, I'm not fussy", "can u just recommend me a
    # course? anything good, i'm not picky", "Can you recommend us summat? Anything that'll get
    # me a job like"
    r"(?:[\s,.!?]+(?:dear|love|mate|please|pls|(?:i m |im )?not (?:fussy|picky)|i don t mind|i dont mind|"
    r"anything (?:will do|good|is fine|really|at all)|surprise me|"
    r"anything that (?:ll|will|would|d|could) (?:get|help) me (?:a job|into work|a better job)(?: like)?))*"
    r"[\s.!?]*"
    r"|what\s+(?:should|could)\s+i\s+(?:study|learn|take)(?:\s+(?:then|next|first))?"
    r"|what\s+(?:do|would)\s+(?:you|u)\s+(?:recommend|suggest)(?:\s+for\s+me)?"
    r"|(?:any|got any|have you got any|do (?:you|u) have any)\s+(?:recommendations|suggestions|recs)"
    r"(?:\s+for\s+me)?"
    r")$|"
    r"^(?:i\s+)?(?:need|want)\s+(?:some\s+)?advice\s+on\s+(?:a\s+)?(?:courses?|what to study)$|^advise\s+me$|"
    # "i would like to find a course, please", "can you help me find a course": no skill yet
    r"^(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:i\s+(?:would|d)\s+like\s+(?:to\s+)?|help\s+me\s+(?:to\s+)?)"
    r"(?:find|get|pick|choose|have)?\s*(?:a|an|some|the\s+right|a\s+good)\s+(?:courses?|microcredentials?)"
    r"(?:[\s,]+(?:please|pls|for me))*[\s,]*$|"
    r"^(?:so\s+|ok\s+)?(?:what|which)\s+(?:courses?|microcredentials?)\s+"
    r"(?:do you have|have you got|you got|u got|do u have|ya got|you have|"
    r"are there|are available|do you offer|can i (?:do|take))$"
)
# "i want to learn something new but no idea what", "not sure what to study", "need something
# useful, no idea what": advice, with no skill yet ("no idea what to pick" asks how to choose)
_UNDECIDED = re.compile(
    rf"\b{UNSURE}\s+what\s+"
    r"(?:(?:course|courses|subject|field|skill)\s+)?(?:to|i should|i want to|i wanna|i could)\s+"
    r"(?:study|learn)\b"
    r"|\b(?:learn|study|do|need|want)\s+(?:to\s+(?:learn|study|do)\s+)?(?:something|anything)\b[^?]{0,120}?"
    rf"\b{UNSURE}\s+what\b\W*(?:$|,)"
)
# "free python courses", "any beginner courses in marketing", "short excel courses, ideally
# under 10 hours": a course word with words around it that are not a question about courses.
_COURSE_NOUN = re.compile(r"\b(?:courses?|classes|class|trainings?|programmes?|programs?)\b")
_QUESTION_ANYWHERE = re.compile(
    r"\?|\b(?:what|whats|how|why|when|where|who|which|can i|could i|will|would|should|do i|does|is it|am i|"
    r"is that|is this the same|do they|do these|does it|does this|whos|are you|"
    r"can (?:a|an|one|they|these|it|this|that)|"
    r"are they|are these|is this|isnt|is not|arent|are not|worth|recogni[sz]e|value|tips|advice|convinc\w*|"
    r"boss|employer|pay for|fund(?:ing|ed|s)?|grants?|bursar\w*|scholarships?|financial aid|refunds?|"
    r"legit|scam)\b"
)
NOUN_PHRASE_MAX_WORDS = 8
# "i want to do the course part time, is that ok": one course the learner has, not a search.
_THE_COURSE = re.compile(r"\b(?:the|this|that|my|your|our)\s+(?:course|class|programme|program)\b")
# "any tips for convincing my boss to fund a course" opens like a search but asks about one.
_ASKING_ABOUT = re.compile(
    r"\b(?:tips|advice|convinc\w*|boss|employer|pay for|fund(?:ing|ed|s)?|grants?|bursar\w*|scholarships?|"
    r"financial (?:aid|help|support)|refund\w*|money back|free money|money (?:for|towards)|legit|scam|worth|"
    r"recogni[sz]\w*"
    # "…, will a short course actually help me", "does doing one of these help": whether courses help
    r"|(?:will|would|does|do|can|could)\s+(?:a|an|one|it|this|that|these|they|doing|taking)\s+(?:\w+\s+){0,3}"
    r"(?:help|make a difference|count|matter|get me|land me|lead to)"
    r"|microcredentials?|micro credentials?|microdegrees?|nanodegrees?)\b"
)
_QUESTION_OPENING = re.compile(
    r"^(?:what|whats|how|why|when|where|who|which|is|are|do|does|did|can|could|will|would|should|"
    r"am|have|has|was|were)\b"
)
_SEARCH_OPENING = re.compile(
    r"^(?:are there|is there|would there be|will there be|do you have|have you got|would you have|any|some|"
    r"got any|find|show|list|search|give|get|recommend|suggest|i need|i want|i m looking|im looking|"
    r"i am looking|looking|need|want|"
    r"can you (?:find|show|recommend|suggest|give|list|search)|could you (?:find|show|recommend|suggest))\b"
)
_REQUEST_FILLER = re.compile(
    r"\b(?:are there|is there|would there be|will there be|do you have|have you got|got any|can you|"
    r"could you|would you|please|pls|"
    r"(?:i\s+)?(?:need|want|would like|d like) to (?:find|get|see|search for|look for)|"
    r"recommend|suggest|find|show|list|search for|search|give|get|me|i need|i want|"
    r"(?:i m|im|i am) looking for|looking for|need|want|any|some|a|an|the|good|best|great|decent|for me|"
    r"to do|"
    r"to take|that i can do|you know of|ideally|thanks|thank you|on offer|available|just)\b"
)
# "what certificates…", "are there free courses", "it" are questions, not skills.
# "one example bro, what kind…", not "examples of python courses"
_AN_EXAMPLE = r"(?:(?:an?|one|some|few|a few|real|real life|concrete)\s+)?examples?\b(?!\s+of\b)"
_NOT_A_SKILL = re.compile(
    r"^(?:what|how|who|why|when|where|which|do|does|are|is|am|if|can|could|will|would|should|out of|"
    r"me|us|myself|someone like me|people like me|"
    # "give me one example bro, what kind of course counts": an example of a microcredential
    + _AN_EXAMPLE + "|"
    # "i want to do an hour a night, how long…": a pace, not a skill
    r"(?:\d+|an?|one|two|three|half an?)\s*(?:min|mins|minutes?|hours?|hrs?|h)\s+(?:a|per|each|every)\s|"
    # "is there anything for unemployed ppl": a situation, asked about (the FAQ answers it)
    r"(?:the\s+)?(?:unemployed|jobless|out of work|redundant|retired|over \d+s?)"
    r"(?:\s+(?:people|ppl|folks|person))?\s*$|"
    # "anything for ppl like me", "for people in my situation", "for jobseekers" (round 27)
    r"(?:free\s+courses?\s+for\s+)?(?:people|ppl|folks|someone|somebody|those|men|women)\s+(?:like\s+(?:me|us)|"
    r"in\s+my\s+(?:situation|position|shoes)|on\s+(?:universal\s+credit|benefits|the\s+dole|jobseekers?))\s*$|"
    r"jobseekers?\s*$|"
    rf"it(?!\s+{IT_FIELD_WORDS}\b)|"
    r"them|this|that|these|those|one|ones|a|the|my|your|more|other|free|online|short|"
    r"courses?|microcredentials?)\b"
)
# "beginner coding courses for someone who's never touched it": who, not what
_FOR_SOMEONE_WHO = re.compile(
    r"(?<=\S)\s+for\s+(?:someone|somebody|people|a person|a beginner|beginners|anyone|a total beginner)\s+"
    r"(?:who|whos|who s|that|like|with|without)\b.*$"
)
_FOR_ME = re.compile(r"me|us|myself|someone like me|people like me|a beginner like me")
# What ends a request and is no part of it: punctuation, emoji, "please"
_TRAILING = re.compile(r"[\s?!.,\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+$|\s+(?:please|pls|plz)$")
# "could you please find me a course on…", "kindly help me find something on…": the request after it
_POLITELY = re.compile(
    r"^(?:(?:kindly|please|pls|plz|sir|madam|hello|hi)\s+)*(?:(?:can|could|would)\s+(?:you|u)\s+"
    r"(?:please\s+|kindly\s+|possibly\s+)?(?=(?:find|show|recommend|suggest|help)\b))?"
)


THE_TOPIC_MIN_WORDS = 2  # "one for the front desk" asks for a topic; "one for the rest" does not
_ONE_FOR_THE = re.compile(r"\b(?:one|ones|any|some)\s+(?:for|on|about)\s+the\s")
_NOT_A_TOPIC_AFTER_THE = re.compile(
    r"(?:rest|likes|others|same|whole|old|young|elderly|over|under|first|last|next|best|cheapest)\b"
)
# "i feel ready for a harder course in data analysis": a course in a skill, said in passing.
_COURSE_IN = re.compile(
    rf"\b(?:an?|some)\s+(?:\w+\s+)?{_COURSE_WORDS}\s+(?:on|in|about|covering)\s+(?P<q>.+)$"
)
_CLAUSES = re.compile(r"\s*(?:[,;!.?]+|\s(?:lol|haha|tbh)\s)\s*")


# "any mlops microcreds?": a topic of a few words, then a word for microcredentials, the whole
# message; a word in it that asks or compares ("wat r microcreds", "bootcamp or microcredential",
# "scholarships for microcredentials") makes it a question about them instead.
_TOPIC_MICROCREDENTIALS = re.compile(
    r"(?:any|some)?\s*(?P<q>[\w+#-]+(?:\s+[\w+#-]+){0,2}?)\s+"
    r"(?:micro-?credentials?|microcreds?|nanodegrees?|microdegrees?)(?:\s+(?:please|pls))?"
)
_NOT_A_TOPIC_WORD = frozenset(
    "a an the of for or and vs versus is are r am be do does can what wat wot wtf whats why how which who "
    "after before about like so it its this that these those such my your our explain define definition "
    "meaning recognised recognized accredited legit real valid proper official good best top worthwhile "
    "other more few many scholarship scholarships funding grant grants stackable cheap calls call "
    "i you we they he she".split()
)


def names_a_course(folded: str) -> bool:
    """Whether a folded message has a course word in it ("course", "classes", "training")."""
    return bool(_COURSE_NOUN.search(folded))


@lru_cache(maxsize=256)  # asked several times about one message by the understanding step
def course_request(text: str) -> str | None:
    """What a request for courses asks for, in the whole message or in one of its clauses.

    "too many choices lol just give me project management ones" → "project management".
    """
    whole = _request(text)
    if whole is not None:
        return whole
    named = _TOPIC_MICROCREDENTIALS.fullmatch(" ".join(fold(text).split()).strip(" ?!.,"))
    if named is not None and not _NOT_A_TOPIC_WORD.intersection(named.group("q").split()):
        return named.group("q")  # "any mlops microcreds?", "data science nanodegree"
    folded = " ".join(fold(text).replace("'", " ").split())
    first, mark, rest = folded.partition("?")
    if mark and rest.strip() and not _QUESTION_ANYWHERE.search(rest):
        # "salon management course? thinking of opening my own place": the request, then why
        found = _request(first)
        if found:
            return found
    if _QUESTION_ANYWHERE.search(folded):
        return None  # "i got an ad for a course, how do i know it's not a scam?" asks something
    clauses = [c for c in _CLAUSES.split(f" {folded} ") if c.strip()]
    if len(clauses) > 1:
        for clause in clauses:
            found = _request(clause)
            if found:
                return found
    found_in = _COURSE_IN.search(_TRAILING.sub("", folded))
    if found_in and not _NOT_A_SKILL.match(found_in.group("q")):
        return found_in.group("q").strip()
    return None


# The words of asking to learn, spelt by ear ("I want lern excel propply"), as meant; nothing
# else is respelt here (the topic stays as typed for the search).
_ASKING_WORDS_BY_EAR = frozenset({"lern", "lernin", "lerning"})


def _by_ear(folded: str) -> str:
    if not _ASKING_WORDS_BY_EAR.intersection(folded.split()):
        return folded
    return " ".join(respelt(w) if w in _ASKING_WORDS_BY_EAR else w for w in folded.split())


# A subject or a verb: what a topic ("free python") lacks and a sentence ("course exist in
# bulgarian language", "she can do course") has
_SENTENCE_WORD = re.compile(
    r"\b(?:i|im|she|he|we|they|you|u|it|is|are|was|were|exist|exists|can|must|do|does)\b"
)


def _asks_in_a_sentence(text: str, query: str) -> bool:
    """Whether a message with a question mark asks something in a sentence of its own ("course
    exist in bulgarian language?"), not for courses on a topic ("python course?")."""
    return "?" in text and bool(_SENTENCE_WORD.search(query))


def _request(text: str) -> str | None:
    """What a request for courses asks for ("courses on python" → "python"), if it is one.

    Returns "" for a request for advice with no skill yet ("can you recommend a course for
    me"), and keeps qualifiers ("free python courses" → "free python") for the search to read.
    """
    folded = _TRAILING.sub("", _by_ear(" ".join(fold(text).replace("'", " ").split())))
    if "?" not in folded:  # ("can u find courses for me? how" asks how the search works)
        folded = _POLITELY.sub("", folded)
    folded = _TRAILING.sub("", _FOR_SOMEONE_WHO.sub("", folded))
    asking = bool(_QUESTION_ANYWHERE.search(folded) or _ASKING_ABOUT.search(folded)) and (
        not _SEARCH_OPENING.match(folded) or bool(_ASKING_ABOUT.search(folded))
    )
    if _ADVICE.match(folded) or _UNDECIDED.search(folded):
        return ""
    goal = _GOAL.match(folded) or _CAREER_MOVE.match(folded)
    if goal:
        wanted = _GOAL_TAIL.sub("", _TRAILING.sub("", goal.group("q"))).strip()
        sentence, stop, after = wanted.partition(". ")
        if stop and (_QUESTION_ANYWHERE.search(after) or "?" in text):
            return None  # "i want to become team lead. would a microcredential help?" asks that
        wanted = sentence.strip(" .") if stop else wanted
        if wanted and not _NOT_A_SKILL.match(wanted):
            return wanted
    if (
        _COURSE_NOUN.search(folded)
        and not _THE_COURSE.search(folded)
        and (
            (_SEARCH_OPENING.match(folded) and not _ASKING_ABOUT.search(folded))
            or (
                not _QUESTION_ANYWHERE.search(folded)
                and not _ASKING_ABOUT.search(folded)
                and len(folded.split()) <= NOUN_PHRASE_MAX_WORDS
            )
        )
    ):
        rest = " ".join(_REQUEST_FILLER.sub(" ", folded.replace(",", " ")).split())
        if not _COURSE_NOUN.sub(" ", rest).strip(" ,"):
            return ""  # "any courses?": a request with nothing to search for yet
        example = re.match(_AN_EXAMPLE, rest) is not None
        if not _QUESTION_OPENING.match(rest) and not _asks_in_a_sentence(text, rest) and not example:
            return rest
    wish = _SOMETHING_TO_LEARN.match(folded)
    if wish and not _NOT_A_SKILL.match(wish.group("q")):
        return wish.group("q")
    for pattern in _REQUESTS:
        if asking and pattern is _REQUESTS[3]:
            continue  # "what is the difference between a microcredential and an online course"
        found = pattern.match(folded)
        if found:
            query = _TRAILING.sub("", _GOAL_TAIL.sub("", found.group("q"))).strip()  # "…, where do i start"
            query = re.sub(r"^(?:to|how to)\s+", "", query)
            # "…learn about family history research. is there a course?": the first sentence
            query = re.split(r"(?<=\w)[.!?]\s+(?=(?:is|are|do|does|can|could|what|how|where)\b)", query)[0]
            if pattern is _REQUESTS[2]:  # "anything concerning the conservation of historic buildings? …"
                query = query.split("?")[0].strip()
                query = _LEADING_ARTICLE.sub("", query)
            if pattern is _REQUESTS[0] and _SUBJECT_OF.match(query):  # "…study the history of art."
                query = _LEADING_ARTICLE.sub("", query)
            # "is there one for the hotel front office": a place of work, said with "the"
            bare = query[4:] if query.startswith("the ") and _ONE_FOR_THE.search(folded) else ""
            named = len(bare.split()) >= THE_TOPIC_MIN_WORDS and not _NOT_A_SKILL.match(bare)
            if named and not _NOT_A_TOPIC_AFTER_THE.match(bare):
                query = bare
            if pattern is _REQUESTS[3] and _asks_in_a_sentence(text, query):
                continue  # "my daughter is 17. she can do course?": a question in a sentence
            if query and not _NOT_A_SKILL.match(query):
                kind: str | None = found.groupdict().get("f")  # "free ones for x" → "free x"
                return f"{kind} {query}" if kind else query
            if _FOR_ME.fullmatch(query) and _COURSE_NOUN.search(folded):
                return ""  # "what courses have you got for someone like me": advice, no skill yet
    return None
