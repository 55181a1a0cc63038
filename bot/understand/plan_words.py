"""Plan commands said in plain words: "pause my reminders" is `pause`, "how far am i" is `progress`.

The understanding step (`bot/understand/intent.py`) asks `plan_action` before anything else but
care; a question about how a plan feature works ("if i pause do i lose my streak?") is no
command (`asks_about_plans`). Slips of the commands' own words are spelt right first ("stpo
sending me remindres"); real English words stay as they are.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.text import is_english_word

PlanAction = Literal["study", "progress", "pause", "resume", "stop", "reminders", "done"]


PLAN_ACTIONS: frozenset[str] = frozenset(get_args(PlanAction))


# How a plan feature works is a question for the FAQ, not a command ("if i pause do i lose my
# streak?", "how do i switch the reminders off", "and to resume them?"): for the patterns and
# the learned signal alike.
_ASKS_ABOUT_PLANS = re.compile(
    r"^(?:is there|explain|how|what|whats|if|does|do|will|would|should|why|when|are|is|am i|"
    r"(?:can|could|may|might) i|(?:and\s+)?to)\b|\bhow\b|\?"
)


# "…can i join", "would this be above or below that", "can it help me switch from warehouse to
# IT": a question, never a learned command (unless a polite request: "could you nudge me at 7?")
ASKS_WHETHER = re.compile(
    r"\b(?:can|could|do|would|will|should)\s+i\b|\bwould\s+(?:this|it|that|these)\b"
    r"|^(?:so\s+|and\s+|but\s+)?(?:can|could|will|would|does|do|is|are)\s+"
    r"(?:it|this|that|these|they|one|a|an|microcred\w*)\b"
)


_WHAT_IF = re.compile(r"^(?:so\s+|and\s+|but\s+)?(?:if|what if|does|do|will|would|can|could)\b")


# "could you hold off the reminders until after christmas?": a request, question mark or not
POLITE_REQUEST = re.compile(
    r"^(?:(?:hi|hey|hello|ok|okay)[\s,!]+)?(?:(?:could|can|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|kindly\s+)?"
    r"|please\s+|pls\s+|kindly\s+)(?!explain\b|tell\b)"
)


# "can you tell me how much of my course i've got left": a request for the learner's own status
_TELL_ME_MY = re.compile(
    r"^(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|kindly\s+)?(?:tell|show)\s+me\b(?!.*\bif\b)"
)


SAID_BEFORE_A_REQUEST = 4  # "i'm back now, could you…": a short statement, then the request


def asks_about_plans(folded: str) -> bool:
    """Whether a message about plans or reminders asks how they work rather than says what to
    do ("if i pause do i lose my progress?" asks; "could you pause my reminders?" says, also
    after a greeting: "hello again, feeling better. could you resume my reminders?")."""
    return any(_sentence_asks_about_plans(s) for s in re.split(r"(?<=[.!?])\s+", folded) if s.strip())


def _sentence_asks_about_plans(folded: str) -> bool:
    head, comma, rest = folded.partition(",")
    short = comma and len(head.split()) <= SAID_BEFORE_A_REQUEST and not _SUPPOSING.match(head)
    if short and POLITE_REQUEST.match(rest.strip()):  # "i'm back now, could you start the reminders again?"
        folded = rest.strip()
    if POLITE_REQUEST.match(folded):
        return bool(_ASKS_ABOUT_PLANS.search(POLITE_REQUEST.sub("", folded).replace("?", " ")))
    return bool(_ASKS_ABOUT_PLANS.search(folded))


def _either(*alternatives: str) -> re.Pattern[str]:
    """One pattern from alternatives written one per line."""
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


_REMINDERS = r"(?:reminders?|notifications?|nudges?|alerts?|pings?)"


# "stop nagging me", "quit pinging me": what the reminders do, said crossly
_NAGGING = r"(?:nagging|pinging|bugging|pestering|spamming|hassling|messaging|texting|bothering)"


# Leaving the course or studying altogether ("dropping the course", "done with studying")
_LEAVING = (
    r"(?:dropping|dropped|quitting|quit|giving up on|gave up on|done with|finished with)\s+"
    r"(?:the\s+|this\s+|my\s+)?(?:course|studying|studies|it)\b"
)


_QUIET = r"(?:stop|no more)\s+(?:messaging|messages|msgs|texting|texts|reminders|reminding)"


# Requests that say what to do whatever else the message asks ("I'm back! can we pick up where
# we left off?", "can you tell me how much i've done so far?", "could you set me up with one?
# evenings suit me best", "lets start this one")
_UNMISTAKABLE_RESUME = _either(
    r"\bpick\s+up\s+where\s+(?:we|i)\s+left\s+off\b",
    # "un-freeze my schedule" (which "freeze" alone would pause)
    r"\bun-?(?:freeze|pause|mute|snooze)\s+(?:my\s+|the\s+|it|them|everything)",
)


# A step reported done by its place ("finished the first module", "smashed me first 2 bits") or
# by number ("completed modules 1, 2 and 3"): the progress patterns below, and `STEP_REPORTED`
_STEP_BY_PLACE = (
    r"(?:finished|completed|done|did|smashed|nailed|cracked)\s+(?:me|my|the|de|da)\s+"
    r"(?:first|second|third|fourth|fifth|next|last)\b"
)
_NUMBERS = r"(?:\d{1,2}|one|two|three|four|five|six)"
_STEP_BY_NUMBER = (
    rf"(?:finished|completed|done|did)\s+(?:module|unit|lesson|chapter|week)s?\s+{_NUMBERS}"
    rf"(?:\s*(?:,|and|&)\s*{_NUMBERS})*"
)
# ... anywhere in a message, not said as undone ("haven't finished the first module")
STEP_REPORTED = re.compile(
    rf"(?<!not\s)(?<!n't\s)(?<!nt\s)(?<!never\s)\b(?:{_STEP_BY_PLACE}|{_STEP_BY_NUMBER})"
)
# What may open a report of a step done: "right,", "made up,", "yay!" (the report follows)
_REPORT_OPENER = (
    r"(?:(?:right|ok|okay|so|well|yay|woo+|made\s+up|buzzing|get\s+in|guess\s+what|update|progress\s+update)"
    r"[\s,.!:]+)*"
)


_UNMISTAKABLE_PROGRESS = _either(
    r"\bhow\s+much\s+(?:of\s+(?:the|my)\s+(?:plan|course)\s+)?(?:i\s*ve|i\s+have|have\s+i|ive|i)\s+"
    r"(?:done|completed|finished)\b",
    r"\bwhere\s+did\s+i\s+get\s+(?:up\s+)?to\b",
    r"\b(?:hows|how\s+is|how\s+s)\s+my\s+streak\b",
    r"\bdid\s+my\s+(?:study|studying|session|hours?|time)\b.*\b(?:logged|recorded|saved|counted)\b",
    # "how'm i getting on", "how am i going so far" (Australian), "progress so far?"
    r"^(?:so\s+|and\s+)?how\s*(?:am|m)\s+i\s+(?:getting\s+on|going|tracking|progressing)"
    r"(?:\s+so\s+far|\s+with\s+(?:it|the\s+course|my\s+plan))?$",
    r"^(?:my\s+)?progress\s+so\s+far$",
    # "hows my plan going", "how is my course going then": the plan's progress, asked
    r"^(?:so\s+|and\s+)?(?:hows|how\s+is|how\s+s)\s+my\s+(?:plan|course|studying|study\s+plan)"
    r"(?:\s+(?:going|looking|coming\s+along))?(?:\s+(?:then|so\s+far))?$",
    # "How'm I doin on that plan so far?", "how i doin wid de plan", "kindly tell me how I am
    # progressing with the programme we arranged", "How far have I progressed in my plan?" (round 27)
    r"\bhow\s*(?:am\s+i|am\s+ah|m\s+i|i\s+am|i)\s+(?:doing|going|getting\s+on|getting\s+along|progressing|coming\s+along|"
    r"keeping\s+up)(?:\s+\w+){0,2}?\s+(?:on|with|wid|in)\s+(?:that|the|de|da|my|me|ma|this|our)\s+(?:study\s+)?"
    r"(?:plan|programme|program|schedule)\b",
    r"\bhow\s+far\s+(?:have\s+i|ive|i\s+have)\s+(?:progressed|got|gotten|come|reached)\s+(?:in|with|on)\s+"
    r"(?:my|the|this)\s+(?:current\s+)?(?:study\s+)?(?:plan|programme|program|course)\b",
    r"^how\s+far\s+(?:along\s+)?(?:with|in|on)\s+(?:my|me|the)\s+(?:study\s+)?plan\b",  # "…, am i doing well"
)


_DAY = r"(?:mon|tues?|wed|thu|thurs|fri|sat|sun)[a-z]*"
_UNMISTAKABLE_STUDY = _either(
    r"\bgive\s+me\s+a\s+(?:study\s+)?plan\b",
    r"\bput\s+me\s+on\s+a\s+(?:study\s+)?(?:schedule|plan|timetable)\b",
    r"\b(?:can|could|would)\s+(?:you|u)\s+(?:make|create|build|set\s+up|draw\s+up)\s+(?:me\s+)?a\s+"
    r"(?:study\s+)?plan(?:\s+for\s+me)?(?:\s+(?:please|pls))?$",
    r"\b(?:can|could)\s+(?:we|you)\s+plan\s+out\s+(?:the|my)\b",
    r"\bset\s+me\s+up\s+with\s+(?:a\s+(?:study\s+)?plan|one)\b",
    r"\bmake\s+a\s+start\s+on\s+a\s+(?:study\s+)?plan\b",
    r"^(?:(?:ok|okay|yep|yes|yeah|right|great)\s+)?(?:lets|let\s+s)\s+start\s+(?:this|that)(?:\s+one)?\b",
    # "make me a little plan, 20 mins a day", "Set a gentle plan: 15 minutes, Monday…", "Right.
    # Plan. 30 mins a day, 0600. Go." (round 22, after the blind set's read)
    r"^(?:(?:please|pls|ok|okay|right|so)\s+)?(?:make|create|build|set|draw\s+up|sort)\s+(?:me\s+|us\s+)?"
    r"(?:up\s+)?a\s+(?:[\w-]+\s+){0,2}?(?:study\s+)?plan\b",
    r"^(?:right\W+)?plan\W+\d{1,3}\s*(?:mins?|minutes|hours?|hrs?)\b",
    # "can you help me make a plan? maybe 20 minutes a day, small steps" (round 26)
    r"\bhelp\s+me\s+(?:to\s+)?(?:make|create|build|set\s+up|draw\s+up|put\s+together)\s+(?:a|my)\s+"
    r"(?:study\s+|learning\s+|little\s+|simple\s+)?(?:plan|schedule|timetable|routine)\b"
    r"(?!\s+for\s+(?:my|our|a|the)\s+(?:business|company|shop|startup|wedding|event|team|project))",
    # study days asked for: "Could you set me up to study of a Tuesday and Thursday evening",
    # "set me up fur wednesday nights", "can remind me fo study every Tuesday" (round 27)
    rf"\bset\s+me\s+up\s+(?:to\s+study\s+|for\s+|fur\s+|fer\s+)?(?:on\s+|of\s+|every\s+)?(?:a\s+)?{_DAY}"
    rf"(?:\s+(?:and|&)\s+{_DAY})?\s+(?:morning|afternoon|evening|night)s?\b",
    rf"\bremind\s+me\s+(?:to|fo|fi|for|ta)\s+study\s+(?:on\s+|every\s+|each\s+)?{_DAY}",
)


_UNMISTAKABLE = (_UNMISTAKABLE_RESUME, _UNMISTAKABLE_PROGRESS, _UNMISTAKABLE_STUDY)


_SUPPOSING = re.compile(r"^(?:so\s+|and\s+|but\s+)?(?:if|what if|will|would)\b")  # "if i pause will i lose…"


_PLAN_PATTERNS: list[tuple[PlanAction, re.Pattern[str]]] = [
    (
        # "can i get the reminder at 2pm now", "i'd prefer my reminder at lunchtime"
        "reminders",
        _either(
            r"\b(?:get|have|send|move|change|set|switch|want|prefer|put)\s+(?:me\s+)?(?:my\s+|the\s+)?"
            r"(?:reminders?|pings?|nudges?)\s+(?:at|to|for|around)\s+(?:\d|half|noon|lunch|midday|"
            r"(?:the\s+)?(?:morning|evening|night))",
            # "could you send the reminders in the evening instead", "have the reminder on a
            # sunday afternoon only"
            r"\b(?:get|have|send|move|change|switch|put)\s+(?:me\s+)?(?:my|the)\s+(?:reminders?|pings?|nudges?)"
            r"\s+(?:in\s+the\s+(?:morning|afternoon|evening)|on\s+(?:a\s+)?(?:mon|tue|wed|thu|fri|sat|sun|"
            r"weekday|weekend))",
            r"^(?:please\s+|pls\s+)?remind\s+me\s+(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun|every|each|week|daily)"
            r"[\w\s,&]*?\b(?:at|around)\s+\d",  # "remind me mon and wed at 6am sydney time"
            # "remind me quarter past 7 instead", "remind me at 6.30 instead"
            r"^(?:please\s+|pls\s+)?remind\s+me\s+(?:at\s+)?(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?|"
            r"(?:a\s+)?quarter\s+(?:past|to)\s+\d{1,2}|half\s+(?:past\s+)?\d{1,2})\s+instead\b",
            # "what reminders do i have", "remind me what reminders i've got set up"
            r"^(?:so\s+|and\s+|ok\s+)?(?:remind\s+me\s+)?what\s+(?:reminders|nudges|pings|alerts)\s+"
            r"(?:do\s+i\s+have|have\s+i\s+(?:got|set)|i\s*(?:ve|have)\s+got|are\s+(?:set|on|coming))\b",
        ),
    ),
    (
        # "i have completed the course, so please stop sending reminders", "passed!! no more
        # messages needed", "stop messaging me about studying, im not doing it anymore"
        "stop",
        _either(
            r"\b(?:completed|finished|passed)\s+(?:the|my|this)\s+course\b.*\bstop\s+(?:sending|messaging)\b",
            r"\bno\s+more\s+(?:messages|msgs|reminders)\s+needed\b",
            r"\bstop\s+(?:sending|messaging|texting)\b.*\bnot\s+doing\s+(?:it|this|that)\s+any\s*more\b",
            r"\bturn\s+(?:it|them)\s+off\s+(?:permanently|for\s+good|forever)\b",
            # "please stop sending me reminders altogether", "don't send me any reminders please",
            # "stop remnders pls dont need them anymore": for good, not for a while (/stop asks first)
            rf"\bstop\s+(?:sending|messaging)\s+(?:me\s+)?(?:any\s+|the\s+|these\s+)?(?:{_REMINDERS}|messages)\s+"
            r"(?:altogether|all\s+together|for\s+good|completely|permanently|forever)\b",
            rf"^(?:please\s+|pls\s+)?(?:dont|don't|do\s+not)\s+send\s+(?:me\s+)?any\s+(?:more\s+)?{_REMINDERS}\b",
            r"^stop\b.*\b(?:dont|don't|do\s+not)\s+need\s+(?:them|it|any)\s+any\s*more\b",
            rf"\b(?:im|i\s+am|i\s+m)\s+(?:done|finished)\s+with\s+(?:this|it|the\s+course)\b.*\bno\s+more\s+{_REMINDERS}\b",
        ),
    ),
    (
        # "its buzzing me during the school day, can you move it to after 4", "reminders too
        # early, make it later pls"
        "reminders",
        _either(
            r"\bmove\s+(?:it|them|the\s+reminders?)\s+to\s+after\s+\d",
            # "remind me 9 night ok? daytime I drive", "…I forget. make it 8 at night"
            r"^(?:(?:please|pls|ok|so)\s+)?(?:remind\s+me|make\s+it)\s+(?:at\s+|for\s+)?\d{1,2}(?:[:.]\d\d)?\s*"
            r"(?:am|pm|(?:at\s+|in\s+the\s+)?night|in\s+the\s+(?:evening|morning|afternoon)|o\s?clock)\b",
            # "move it to 11pm", "can you change it to 7:30am": a time of day with am or pm said;
            # "move it to 7" alone (the handler asks: morning or evening?)
            r"^(?:(?:can|could)\s+(?:you|u)\s+|(?:please|pls)\s+)?(?:move|change|switch|put)\s+(?:it|them|that)\s+"
            r"to\s+\d{1,2}(?:[:.]\d\d)?\s*(?:(?:am|pm)\b|(?:instead|please|pls|thanks)?[\s?!.]*$)",
            # "can u nudge me mon wed fri after work like 6ish": when the reminders come
            r"^(?:(?:can|could)\s+(?:you|u)\s+|(?:please|pls)\s+)?(?:nudge|ping)\s+me\s+(?:on\s+)?"
            r"(?:mon|tue|wed|thu|fri|sat|sun)\w*\b",
            r"\b(?:reminders?|pings?|messages|msgs)\s+(?:are\s+|r\s+)?(?:way\s+|too\s+)+(?:early|late)\b",
            # "can the reminder be at 9pm?", "can reminder come at 20:00 instead of morning?": a new
            # time asked for, said as a question
            r"^(?:(?:please|pls|ok|so)[\s,]+)*(?:can|could|would)\s+(?:the\s+|my\s+|your\s+)?reminders?\s+"
            r"(?:be|come|arrive|go\s+off|pop\s+up|be\s+sent)\s+(?:(?:at|around|for|by|in\s+the)\s+"
            r"(?:\d|half|noon|lunch|midday|morning|afternoon|evening|night)"
            rf"|on\s+(?:a\s+)?(?:{_DAY}|weekdays?|weekends?))",  # "…come on a Sunday evening instead?"
        ),
    ),
    (
        "pause",  # "take a break from the msgs pls, uni exams coming"
        _either(
            # "hold everything until the 15th pls", "freeze it all till monday"
            r"^(?:(?:please|pls|can you|could you|can u)\s+)?(?:hold|freeze|pause)\s+(?:everything|it all|"
            r"all of it|my plan|the plan|things)\s+(?:until|till|til|for)\b",
            # "can we put this on hold for a bit"
            r"\bput\s+(?:this|it|the\s+course|my\s+plan|the\s+plan|everything|things|my\s+studies|"
            r"my\s+studying)\s+on\s+hold\b(?!\s+if\b)",
            r"\b(?:take|taking)\s+a\s+break\s+from\s+(?:the\s+|your\s+|my\s+|all\s+the\s+)?"
            r"(?:msgs|messages|reminders|pings|notifications)\b",
            # "give the msgs a rest for a week pls"
            r"\bgive\s+(?:the\s+|your\s+|my\s+|all\s+the\s+)?(?:msgs|messages|reminders|pings|notifications|"
            r"nudges)\s+a\s+(?:rest|break)\b",
        ),
    ),
    ("resume", _UNMISTAKABLE_RESUME),
    ("progress", _UNMISTAKABLE_PROGRESS),
    ("study", _UNMISTAKABLE_STUDY),
    (
        "resume",
        _either(
            rf"\b(?:{_REMINDERS}|plan)\s+back\s+on\b",
            r"\b(?:resume|unpause|restart)\s+(?:my\s+|the\s+)?(?:reminders?|plan|studying|study)\b",
            r"^(?:resume|unpause)$",
            r"\bstart\s+(?:the\s+|my\s+)?reminders?\s+again\b",
            r"^(?:(?:ok|okay|right|alright)\s+)?(?:i\s*m|i\s+am)\s+back\b",
            rf"\bturn\s+(?:my\s+|the\s+)?{_REMINDERS}\s+(?:back\s+)?on\b",
            r"^(?:start|begin)\s+again$",
            r"^resume\s+(?:please|pls|plz|now|it)$",
            r"\b(?:continue|reactivate|re-?enable|re-?start)\s+(?:my\s+|the\s+)?(?:study\s+)?"
            rf"(?:plan|{_REMINDERS}|studying)\b",
            r"\bstart\s+reminding\s+me\s+again\b",
            r"^(?:im|i am)\s+ready\s+to\s+(?:continue|start again|resume|get back)\b",
            # "Eid is over, let's continue", "brother's out of hospital, ready to pick it back up"
            r"\b(?:lets|let us)\s+(?:continue|carry on|keep going|get going again|go again|resume|"
            r"pick (?:it|things) back up)\b",
            r"\b(?:ready to\s+)?pick\s+(?:it|things|my studies|my plan)\s+back\s+up\b",
            r"^(?:im\s+|i am\s+)?ready\s+to\s+(?:go\s+again|carry\s+on|keep\s+going)\b",
            r"\bcarry\s+on\s+with\s+(?:my|the)\s+(?:study\s+)?(?:plan|studies|studying|reminders)\b",
            r"\b(?:carry\s+on|pick\s+up|continue)\s+(?:from\s+)?where\s+(?:i|we)\s+left\s+off\b",
            r"^unpause\b|\bunpause\s+(?:me|it|them|my\s+plan|the\s+plan|my\s+reminders)\b",
            r"(?<!do you )(?<!do u )\b(?:you\s+can\s+)?(?:ping|nudge|remind|message)\s+me\s+again\b",
            rf"\bstart\s+(?:{_NAGGING}|nudging|reminding)\s+me\s+again\b",
            r"^i\s+paused\s+(?:it|them|my\s+plan|the\s+plan|my\s+reminders)\b.*\b(?:continue|resume|restart|back)\b",
            r"\b(?:pick\s+up|continue|resume|carry\s+on)\s+from\s+where\s+(?:i|we)\s+(?:left\s+off|stopped)\b",
            # "back from holiday, switch it back on", "let's get the reminders going again"
            rf"\b(?:switch|turn|put)\s+(?:it|them|everything|it all|(?:my\s+|the\s+)?{_REMINDERS})\s+"
            r"(?:back\s+on|on\s+again)\b",
            rf"\b(?:start|restart)\s+(?:the\s+|my\s+)?{_REMINDERS}\s+(?:up\s+)?again\b",
            rf"\bget\s+(?:the\s+|my\s+)?(?:{_REMINDERS}|plan|studies|studying|it|things)\s+going\s+again\b",
            r"^(?:ok\s+|okay\s+|right\s+)?(?:holidays?|vacation|the break|my break)\s+"
            r"(?:is\s+|are\s+)?over\b.*"
            r"\b(?:again|going|back|resume|restart|start)\b",
        ),
    ),
    (
        "stop",
        _either(
            rf"\b(?:stop|quit)\s+(?:reminding\s+me|{_NAGGING}\s+me|(?:the\s+|my\s+|all\s+)?reminders)\b.*"
            r"\b(?:for good|forever|permanently|altogether|completely)\b",
            # "no more reminders, i quit the course": the course is over, so is the plan
            r"\bi\s+(?:have\s+|ve\s+)?(?:quit|dropped|left|withdrew from|cancelled|canceled)\s+"
            r"(?:the|my|this|that)\s+course\b",
            r"\b(?:im|i am)\s+not\s+doing\s+(?:the|my|this|that)\s+course\s+any\s*more\b",
            # "no more reminders thanks, im done with it": finished with the whole thing
            rf"\bno\s+more\s+{_REMINDERS}\b.*\b(?:im|i am|i m)\s+(?:done|finished)\s+with\s+"
            r"(?:it|this|the course)\b",
            r"\b(?:im|i am|i m)\s+(?:done|finished)\s+with\s+(?:the|my|this)\s+(?:study\s+)?plan\b",
            r"\b(?:im|i am|i m|i ve|ive|i have)\s+(?:done|finished|completed)\s+(?:with\s+)?"
            r"(?:the|my|this)\s+course\b.*"
            rf"\bno\s+more\s+{_REMINDERS}\b",
            rf"\bno\s+more\s+{_REMINDERS}\s+(?:ever|at all)\b",
            # "no more reminders please, i've finished the course", "no more reminders thanks, i'm done"
            rf"\bno\s+more\s+{_REMINDERS}\b.*\b(?:im|i am|i m|ive|i ve|i have)\s+(?:done|finished|completed)"
            r"(?!\s+for\b)\b",
            # "stop all the messages for good", "cancel all reminders forever", "turn it all off"
            r"\b(?:stop|cancel|end|turn\s+off)\s+(?:all\s+)?(?:the\s+|my\s+)?(?:messages|msgs|texts|reminders|"
            r"notifications)\b.*\b(?:for good|forever|permanently|altogether)\b",
            r"^(?:please\s+|pls\s+)?turn\s+(?:it\s+all|everything|all\s+of\s+it)\s+off(?:\s+(?:please|pls))?$",
            # "turn reminders off permanently"
            r"\bturn\s+(?:all\s+)?(?:the\s+|my\s+)?(?:reminders|messages|notifications|pings)\s+off\b.*"
            r"\b(?:for good|forever|permanently|altogether)\b",
            r"^(?:please\s+|pls\s+)?stop\s+(?:msging|msg|texting|pinging)\s+me(?:\s+(?:please|pls|now))?$",
            rf"\bstop\s+(?:the\s+|my\s+|all\s+)?{_REMINDERS}\s+and\s+delete\b",
            r"\bturn\s+off\s+(?:the\s+bot|everything|it all)\b.*\b(?:for good|forever|permanently)\b",
            r"\bdeactivate\s+(?:my\s+|the\s+)?(?:study\s+)?(?:plan|reminders)\b",
            r"^(?:please\s+)?cancel\s+everything\b",
            r"\b(?:erase|delete|remove|clear|wipe)\s+(?:my\s+|the\s+)?(?:study\s+)?(?:schedule|timetable)\b",
            rf"\bstop\s+(?:all\s+)?(?:the\s+)?(?:{_REMINDERS}|messages)\b.*\bi(?:\s+have|\s*'?ve)?\s+"
            r"(?:finished|completed|passed)\s+(?:the|my|this)\s+course\b",
            # "stop all reminders, i'm done with the course"
            rf"\bstop\s+(?:all\s+)?(?:the\s+)?(?:{_REMINDERS}|messages)\b.*\b(?:im|i am|i m)\s+"
            r"(?:done|finished)\s+with\s+(?:the|my|this)(?:\s+course)?\b",
            # "finished the course!!! no more reminders needed"
            rf"^(?:(?:i|ive|i ve|i have)\s+)?(?:finished|completed|passed)\s+(?:the|my|this)\s+course\b.*"
            rf"\bno\s+more\s+{_REMINDERS}\b",
            # "please stop messaging me": no end in sight, so the plan stops (the bot asks first)
            r"^(?:(?:can|could|would|will)\s+(?:you|u)\s+)?(?:(?:please|pls|just|ok|okay)\s+)?"
            r"(?:stop|quit)\s+(?:messaging|texting|contacting|bothering)\s+me"
            r"(?:\s+(?:please|pls|now|thanks|thank you|every day))?$",
        ),
    ),
    (
        # "stop the reminders", "STOP SENDING ME MESSAGES", "enough with the notifications, end it":
        # with no time given, learners mean stop (the bot asks before it stops anything)
        "stop",
        _either(
            rf"^(?:please\s+|pls\s+)?(?:stop|turn\s+off|disable|end|cancel)\s+(?:the\s+|my\s+|all\s+(?:the\s+|my\s+)?)?"
            rf"(?:{_REMINDERS}|messages|notifications)(?:\s+(?:please|pls|now|thanks|thank you))?$",
            r"^(?:please\s+|pls\s+)?(?:stop|quit)\s+(?:sending|messaging)\s+(?:me\s+)?(?:any\s+more\s+|more\s+)?"
            r"(?:reminders|notifications|messages)?(?:\s*about\s+(?:studying|the course|my course))?"
            r"(?:\s+(?:please|pls|plz|now|every day))?$",
            rf"^(?:ok\s+|okay\s+)?enough\s+(?:with|of)\s+(?:the\s+|your\s+|all\s+the\s+)?(?:{_REMINDERS}|messages|"
            r"notifications)\W+(?:end|cancel|stop)\s+(?:it|them|it all)\b",
            # "no more reminders", "stop it. no more reminders", "stop the reminders man they're
            # doing my head in": with no time given, stop (round 22, after the blind set's read)
            rf"^(?:(?:please|pls|ok|okay|so)\s+)?no\s+more\s+{_REMINDERS}\b"
            r"(?!.*\b(?:this|next|for|until|till|today|tonight|tomorrow|while|bit)\b)",
            rf"^(?:please\s+|pls\s+)?stop\s+(?:the\s+|my\s+|all\s+(?:the\s+)?)?{_REMINDERS}\s+"
            r"(?:man|mate|pal|bro|bruv|bruh|fam|dude|boss|love|pet|lad|hun|babe|butt|la)\b"
            r"(?!.*\b(?:for|until|till|this|next|while|bit)\b)",
            # leaving the course and asking for quiet: "I'm dropping the course, please stop
            # messaging me about it", "no more messages please i'm done with studying"
            rf"\b{_LEAVING}\b.*\b{_QUIET}\b",
            rf"\b{_QUIET}\b.*\b{_LEAVING}\b",
        ),
    ),
    (
        "pause",
        _either(
            # "put it on ice for a bit, moving house this month"
            r"^(?:(?:can|could)\s+(?:we|you)\s+)?(?:please\s+)?put\s+(?:it|them|this|things|everything)\s+on\s+ice\b",
            # "can we freeze it for now, i've got a run of nights"
            r"^(?:(?:can|could)\s+(?:we|you)\s+)?(?:please\s+)?(?:freeze|pause|snooze)\s+(?:it|them|things|everything)\s+"
            r"(?:for\s+(?:now|a\s+(?:bit|while|week|few\s+days|couple\s+of\s+weeks))|till|until)\b",
            # commands only: "can i put my course on hold?" asks about the provider's course
            r"^(?:please\s+)?(?:put|place)\s+(?:my\s+|the\s+)?(?:studies|studying|study plan|plan|reminders)"
            r"\s+on\s+hold\b",
            r"^(?:i\s+(?:want|need|d like|would like)\s+to\s+)?take\s+a\s+break\s+from\s+(?:my\s+|the\s+)?"
            r"(?:studies|studying|study plan|plan|reminders)\b",
            rf"\b(?:pause|mute|silence|snooze|hold|freeze)\s+(?:my\s+|the\s+|all\s+)?(?:study\s+)?(?:{_REMINDERS}|plans?)\b",
            r"^pause(?:\s+(?:please|pls|everything|it|all|now|for now|for a while|for a bit|for a week))?$",
            r"^(?:pause|skip)\s+(?:it\s+|them\s+|everything\s+|things\s+|reminders\s+)?(?:for|till|until)\s+"
            r"(?:a|an|the|this|next|\d+|one|two|three|few|couple)\b",
            # "in hospital for a bit, put things on hold"
            r"\bput\s+(?:things|everything|it all|it|my studies|my studying)\s+on\s+hold\b",
            r"^(?:please\s+)?(?:dont|do not)\s+remind\s+me\s+(?:this|next|for|until|till|today|tomorrow)\b",
            rf"^no\s+(?:more\s+)?{_REMINDERS}\s+(?:this|next|for|until|till|today)\b",
            r"\bstop\s+sending\s+(?:me\s+)?(?:reminders|notifications|messages)\b",
            r"\b(?:stop|quit)\s+reminding\s+me\b",
            rf"^(?:stop|turn off|disable)\s+(?:the\s+|my\s+|all\s+)?{_REMINDERS}\b",
            rf"^(?:please\s+|pls\s+|can you\s+|could you\s+)?(?:stop|quit)\s+{_NAGGING}\s+me\b",
            rf"^(?:ok\s+|okay\s+)?enough\s+(?:with|of)\s+(?:the\s+|your\s+|all\s+the\s+)?(?:{_REMINDERS}|messages)\b",
            rf"\b(?:give me|i need|i want)\s+a\s+break\s+from\s+(?:the\s+|your\s+|my\s+|all\s+the\s+)?"
            rf"(?:{_REMINDERS}|messages)\b",
            rf"\bhold\s+off\s+(?:on\s+)?(?:the\s+|my\s+|all\s+)?{_REMINDERS}\b",
            r"\bhold\s+off\s+(?:on\s+)?(?:the\s+|my\s+|all\s+|your\s+)?messages\b",
            r"\bsnooze\s+(?:everything|it all|it|them)\b",
            # "shush for a week please", "mute for a few days pls", "leave me alone til monday",
            # "dont ping me till sunday"
            r"^(?:shush|mute|silence|quiet|snooze)\s+(?:for|till|til|until)\b",
            r"^pause\s*[.!]",  # "PAUSE. im on the road whole week"
            # "skip reminders this week pls", "can we stop for 10 days and then start again after"
            r"^(?:please\s+)?skip\s+(?:the\s+|my\s+|all\s+)?(?:reminders|sessions|studying|study)\s+"
            r"(?:this|next|for|until|till|today|tomorrow)\b",
            r"\bstop\s+(?:it\s+|them\s+|everything\s+)?for\s+(?:a|an|\d+|one|two|three|a few|a couple of)\s+"
            r"(?:days?|weeks?|months?)\b",
            r"^(?:please\s+)?leave\s+me\s+(?:alone|be)\s+(?:for|till|til|until)\b",
            r"\b(?:dont|do not)\s+(?:ping|remind|message|text|nudge|bother)\s+me\s+(?:till|til|until)\b",
            # "can u not message me for a few days, funeral in the family"
            r"^(?:please\s+)?(?:can|could)\s+(?:you|u)\s+not\s+(?:ping|remind|message|text|nudge|bother)\s+me\s+"
            r"(?:for|till|til|until)\b",
            rf"\b(?:need|want)\s+a\s+break\s+from\s+(?:the\s+|your\s+|my\s+|all\s+the\s+)?(?:{_REMINDERS}|messages)\b",
            r"^(?:please\s+|pls\s+)?(?:dont|do not)\s+send\s+(?:me\s+)?anything\s+"
            r"(?:till|until|before|for)\b",
            rf"\btemporarily\s+(?:stop|pause|turn\s+off|disable|mute)\s+(?:the\s+|my\s+|all\s+)?{_REMINDERS}\b",
            rf"\bsuspend\s+(?:the\s+|my\s+|all\s+)?(?:study\s+)?(?:{_REMINDERS}|plan)\b",
            r"^(?:please\s+)?pause(?:\s+(?:it|them|everything|my plan|the plan|my reminders|the reminders))?"
            r"(?:\s+(?:please|pls))?\s*,",
            # "pause everything for 3 weeks", "put my plan on hold please", "hold off for a week"
            r"^(?!(?:can|could|may)\s+i\b).*\b(?:pause|freeze|suspend)\s+(?:everything|it all|all of it)\b",
            r"\b(?:put|place)\s+(?:my\s+|the\s+)?(?:studies|studying|study plan|plan|reminders|everything)"
            r"\s+on\s+hold\b",
            r"^(?:please\s+)?hold\s+off\s+(?:for|until|till)\b",
            r"^(?:please\s+)?give\s+it\s+a\s+rest\b",
            rf"^no\s+(?:more\s+)?{_REMINDERS}\s+(?:while|whilst|during)\b",
            # "put it on hold", "can you go quiet till monday"
            r"^(?:please\s+|pls\s+)?put\s+(?:it|them|everything|it all)\s+on\s+(?:hold|ice|pause)"
            r"(?:\s+(?:please|pls|for now))?$",
            r"^(?:please\s+|pls\s+)?(?:(?:can|could|would)\s+you\s+(?:please\s+)?)?(?:go|be|stay|keep)\s+quiet\s+"
            r"(?:for|till|until|this|next|over|a bit|for a bit|for now|while)\b",
            rf"\b(?:stop|pause|mute|hold)\s+(?:my\s+|the\s+|all\s+)?{_REMINDERS}\s+(?:while|for|until|till|during|"
            r"a\s+(?:wee\s+|little\s+|short\s+)?(?:while|bit)|"
            # "Stop the reminders a fortnight. Gan to me daughter's."
            r"a\s+(?:fortnight|week|month|few\s+days|couple\s+(?:of\s+)?(?:days|weeks))|"
            r"(?:\d+|two|three|four|five|six)\s+(?:days|weeks|months)|this\s+week|next\s+week)\b",
        ),
    ),
    (
        "stop",
        _either(
            r"\b(?:stop|cancel|end|delete|quit|drop|wipe|scrap|kill|bin|ditch|remove|get rid of|close)\s+"
            r"(?:my\s+|the\s+|this\s+)?(?:study\s+|course\s+)?plan\b",
            r"\bget\s+rid\s+of\s+(?:my\s+|the\s+|this\s+)?(?:study\s+)?(?:schedule|timetable)\b",
            r"\bremove\s+(?:this|the|that|my)\s+course\s+from\s+(?:my|the)\s+(?:study\s+)?plan\b",
            r"^stop\s+sending\s+(?:me\s+)?(?:the\s+|these\s+|those\s+|all\s+|your\s+)?(?:study\s+)?"
            r"(?:things|stuff|messages|texts|reminders|these|them|this)\b",
            # "STOP" alone means the bot's messages (the command asks to confirm before stopping a plan)
            r"^stop(?:\s+(?:it|now|please|pls|all|everything|all of it))?$",
            r"\b(?:dont|do not)\s+want\s+(?:this|my|the)\s+(?:study\s+)?plan\s+any\s*more\b",
            rf"^unsubscribe(?:\s+(?:me\s+)?from\s+(?:the\s+|my\s+|all\s+)?{_REMINDERS})?$",
            rf"\b(?:dont|do not)\s+want\s+(?:these|the|your|any)\s+(?:{_REMINDERS}|messages)\s+any\s*more\b",
        ),
    ),
    (
        # today's session reported in a word or two: noted, as the reminder's Done ✓ does
        "done",
        _either(
            r"^(?:(?:all|im|i am|i m)\s+)?(?:done|finished)(?:\s+for\s+(?:today|tonight|the day))?$",
            r"^(?:i\s+)?(?:just\s+)?(?:did it|studied|did my (?:session|study|studying)|"
            r"did (?:todays|tonights) (?:session|study))(?:\s+(?:today|tonight|just now))?$",
            r"^(?:session|studying|todays session)\s+(?:done|finished|complete|completed)$",
            # "module 3 is done": a module reported (handlers/messages.py marks it; "i finished
            # module 2" reads as progress, and is marked too)
            r"^(?:module|unit|lesson)\s+\d{1,2}\s+(?:is\s+)?(?:done|finished|complete|completed)\W*$",
        ),
    ),
    (
        "progress",
        _either(
            r"\b(?:my|show|see|check)\s+(?:my\s+)?progress(?:ion)?\b",  # (round 28: "my progression")
            r"^(?:what(?:s| is)\s+(?:the\s+)?)?status\s+(?:on|of)\s+(?:my\s+)?"
            r"(?:plan|progress|studies|studying)\b",
            r"^how am i doing\b",
            r"^progress$",
            # "can you tell me how much of my course i've got left to do"
            r"\bhow much of my (?:course|plan|modules)\b.*\bleft\b",
            r"\bhow far (?:along )?am i\b",
            r"^how much (?:have\s+|did\s+)?i\s+(?:done|did|completed|finished)\b",  # "how much i done so far"
            r"^what\s+percent(?:age)?\s+(?:am\s+i|have\s+i|of\s+(?:the|my)\s+course)\b",
            r"^where\s+am\s+i\s+(?:at\s+)?(?:with|in|on)\s+(?:my|the)\s+(?:course|plan|studies|studying)\b",
            r"^what(?:s| is)\s+next\s+on\s+my\s+(?:list|plan)\b",
            r"\btick\s+(?:it|that|this|them)\s+off\b",
            # "when's my next study session", "when am i next meant to study": /progress shows the
            # next session with where the learner is (labelled so in every tuning set)
            r"^(?:whats|what is|whens|when is)\s+my\s+next\s+(?:study\s+)?"
            r"(?:session|slot|lesson|study time)\b",
            r"^when\s+(?:do|should|will)\s+i\s+(?:study|learn)\s+next\b",
            r"^when\s+am\s+i\s+(?:next\s+)?(?:supposed|meant)\s+to\s+study\b",
            r"^(?:what|wat|wot)\s*(?:%|percent|percentage)\s+(?:am\s+i|have\s+i\s+(?:done|got))\b",
            r"\bwhat\s+(?:%|percent|percentage|fraction)\s+(?:have\s+i|of\s+(?:it|the\s+course)\s+have\s+i)\s+"
            r"(?:done|finished|completed)\b",
            r"\bhow far (?:have|ve) i (?:got|gotten|come)\b",
            r"\bhow far (?:through|in) am i\b",
            # "How far I reach with my plan?", "my plan, how far", "how far i get with the plan"
            r"\bhow far (?:i|me) (?:reach|reached|get|got|come|came)\s+(?:with|in|on)\s+(?:my|the|me)\s+"
            r"(?:plan|course|studying|study)\b",
            r"^(?:my|the) (?:plan|study plan|progress)\W+how far\b",
            # (not "how many hours would it take to complete one": how long a course is)
            r"^how many (?:modules|lessons|units|sessions|hours|days|weeks|quizzes)\b"
            r"(?!.*\b(?:would|does|will|do|should|could)\s+(?:it|they|one|these|those|that)\s+take\b).*"
            r"\b(?:left|done|completed|complete|studied|logged|in a row|passed|have i)\b",
            r"\bwhat\s*(?:%|percent(?:age)?)\s+of\s+(?:the|my)\s+(?:course|plan)\b",
            r"^(?:(?:show|check|see)\s+(?:me\s+)?|whats\s+|what is\s+)?my\s+(?:stats|completion|streak)"
            r"(?:\s+(?:so far|now|please|pls|at|looking|like))*$",
            r"^summary of my (?:study|studying|week|progress)\b",
            r"^how did i do (?:this|last) week\b",
            r"^how\s+(?:have|am)\s+i\s+(?:been\s+)?doing\W*(?:so far\W*)?"
            r"(?:$|i(?:'|\s+ha)?ve\s+lost\s+track)",
            r"^did i (?:finish|complete|do) (?:module|unit|lesson|chapter|week) \w+\b",
            r"^what (?:have i|did i|ive) (?:got )?(?:done|completed|finished) (?:so far|this week|today)\b",
            r"\bam i (?:on track|behind|ahead)\b",
            r"\bhow much of (?:my|the) plan\b",
            r"\bof my plan (?:have i|is) done\b",
            r"\bhow (?:much|many modules) (?:of (?:it|the course|my course) )?(?:have i|did i|ive) "
            r"(?:done|finished|completed)\b",
            r"^where am i up to\b",
            r"^what(?:s| is)\s+left\s+(?:for\s+me\s+)?(?:to\s+do\s+)?(?:on|in)\s+(?:my|the)\s+"
            r"(?:study\s+)?plan\b",
            r"^what\s*(?:%|percent(?:age)?)\s+(?:done|through|complete)\s+am\s+i\b",
            r"^(?:show\s+(?:me\s+)?|see\s+)?my\s+stats$|^stats$",
            r"^what (?:have i|did i) (?:completed|finished|done) so far\b",
            r"\bam i on schedule\b",
            # "how much is left", "what % am i through", "did i do enough this week?"
            r"^how\s+much\s+(?:is\s+|have\s+i\s+got\s+)?left(?:\s+(?:to\s+do|for\s+me|on\s+my\s+plan))?$",
            r"^what\s*(?:%|percent(?:age)?)\s+am\s+i\b",
            r"^how\s+much\s+(?:i\s+have|i\s+ve|ive|have\s+i)\s+(?:done|did|completed|finished)\b",
            r"^did\s+i\s+do\s+enough\s+(?:this|last)\s+(?:week|month)\b",
            r"^have\s+i\s+been\s+keeping\s+up\b",
            r"^progress report\b",
            r"^how am i getting on\b",
            # reporting a step done: "i finished module 2", "done with today's lesson"
            r"^(?:i\s+(?:have\s+|ve\s+|just\s+)?)?(?:finished|completed|done|did)\s+(?:with\s+)?"
            r"(?:module|lesson|unit|chapter|week|session)\s+\w+"
            r"(?:\s+(?:today|tonight|yesterday|now|just now))?$",
            r"^hows\s+my\s+progress\b",
            # "Just did module 2, lekker", "i done 2 modules already!!": steps reported
            r"^(?:i\s+(?:have\s+|ve\s+)?|ive\s+)?(?:just\s+|already\s+)?(?:done|did|finished|completed)\s+"
            r"(?:module|unit|lesson|chapter)\s+\d{1,2}\s*[,.!]",
            r"^(?:i\s+(?:have\s+|ve\s+)?|ive\s+)?(?:just\s+|already\s+)?(?:done|did|finished|completed)\s+"
            r"(?:\d{1,2}|two|three|four|five|six)\s+(?:modules|units|lessons|chapters)"
            r"(?:\s+(?:already|today|now|so\s+far))?[\s!.]*$",
            # "ok i finished the first module!!!", "smashed me first module", "ive done de first 2
            # bits", "I've completed week two of the SQL course" (round 22, after the blind set's read)
            # (a report asking nothing: "just finished the last module!! what do i get now" asks)
            # (round 23, after its blind set's read: after an opener, "Right, I've done the first
            # two units!!", "made up, finished the first week"; a list, "completed modules 1, 2 and 3")
            r"^(?!.*(?:\?|\b(?:what|how|when|where|why|do i|can i|will i)\b))"
            rf"{_REPORT_OPENER}(?:i\s+(?:have\s+|ve\s+)?|ive\s+)?(?:just\s+|already\s+|finally\s+)?"
            rf"{_STEP_BY_PLACE}\s+(?:(?:\d{{1,2}}|two|three|four|five|few)\s+)?"
            r"(?:modules?|units?|lessons?|chapters?|weeks?|bits?|sessions?)\b",
            r"^(?!.*(?:\?|\b(?:what|how|when|where|why|do i|can i|will i)\b))"
            rf"{_REPORT_OPENER}(?:i\s+(?:have\s+|ve\s+)?|ive\s+)?(?:just\s+|already\s+)?"
            rf"{_STEP_BY_NUMBER}\s+of\b",
            r"^(?:my\s+)?status$",
            r"^where\s+am\s+i\s+at(?:\s+(?:overall|now|so far|with (?:my|the) (?:plan|course|studies)))?$",
            r"^how\s+close\s+am\s+i\s+to\s+(?:the\s+end|finishing|the\s+certificate|done|completing)\b",
            r"^how\s+many\s+(?:sessions|days|lessons|modules|hours|units)\s+(?:did|have)\s+i\s+"
            r"(?:do|done|skip|skipped|miss|missed|complete|completed|study|studied)\b",
            r"^did\s+i\s+miss\b.*\bsessions?\b",
            r"\bremind\s+me\s+what\s+(?:i\s+ve|ive|i\s+have)\s+(?:completed|done|finished)\b",
            r"^did\s+i\s+(?:keep\s+up|stick\s+to\s+(?:it|my plan|the plan)|study\s+enough)\s+"
            r"(?:this|last)\s+(?:week|month)\b",
            r"\bdid\s+i\s+(?:hit|reach|meet|make|smash)\s+my\s+(?:weekly\s+)?(?:goal|target)s?\b",
            r"\bhow\s+am\s+i\s+doing\s+(?:overall|so far|with (?:my|the) (?:plan|course|studies))\b",
            r"^(?:please\s+)?log\s+(?:\d+|an?|one|two|three)\s+(?:hours?|hrs?|mins?|minutes?|sessions?)\b",
            r"\b(?:finished|completed|done)\s+(?:with\s+)?(?:module|lesson|unit|chapter|week)\s+\w+\b.*"
            r"\bmark\s+(?:it|that|this)\s+(?:as\s+)?(?:done|complete|completed|finished)\b",
            r"^(?:i\s*m\s+|i\s+am\s+)?(?:done|finished)\s+with\s+(?:todays|this|the|my|this weeks)\s+"
            r"(?:lesson|module|unit|chapter|session|study|week)\b",
            r"^(?:please\s+)?mark\s+(?:this|the|todays|my|it|that)\b.*\bas\s+(?:done|complete|completed|finished)\b",
        ),
    ),
    (
        # Starting a plan on the course just shown wins over the reminder times said with it:
        # "start me on this, remind me in the evenings", "ok sign me up, reminders every day please"
        "study",
        _either(
            r"\bstart\s+me\s+(?:on|off\s+on|off\s+with)\s+(?:this|that|it)\b",
            r"^(?:ok\s+|okay\s+|yes\s+|yeah\s+|yep\s+)?sign\s+me\s+up\b(?!\s+for\s+(?:the\s+)?news)",
            r"\bi(?:ll| will)\s+take\s+(?:this|that|it)(?:\s+(?:one|course))?\b",
            r"\bhelp\s+me\s+fit\s+(?:studying|the\s+course|it|this|my\s+studies)\s+(?:around|into|in\s+with)\b",
            # "going with this one. can you keep me on track with it", "ok set that up for me then"
            r"\bkeep\s+me\s+on\s+track\b(?!.*\b(?:progress|how far)\b)",
            r"^(?:ok\s+|okay\s+|right\s+|yes\s+)?(?:please\s+)?set\s+(?:that|it|this)\s+up\s+for\s+me\b",
            # "plan me 30 mins a day for the python course"
            r"^(?:(?:can|could)\s+(?:you|u)\s+|(?:please|pls)\s+)?plan\s+me\b",
        ),
    ),
    (
        "reminders",
        _either(
            # "reminders 19:30", "my reminder 7am": the time wanted
            r"^(?:my\s+)?(?:reminders?|nudges?|pings?)\s+(?:at\s+|to\s+|for\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?$",
            # "msgs come too early, make it 9", "the reminders come at a bad time, make them later"
            r"\b(?:reminders?|messages|msgs|texts|notifications|pings)\s+(?:come|arrive|come in|are)\s+"
            r"(?:too\s+(?:early|late)|at\s+a\s+bad\s+time)\b",
            # "too early!! dont ping me before 10am", "remind me less often"
            r"\b(?:dont|do not)\s+(?:ping|remind|message|text|nudge)\s+me\s+(?:before|after)\b",
            r"\bremind\s+me\s+(?:less|more)\s+often\b",
            # "bump my nudge time an hour later", "push the reminder back to 8"
            r"\b(?:bump|push|move|shift)\s+(?:my\s+|the\s+)?(?:nudge|reminder|ping)s?(?:\s+time)?\s+"
            r"(?:an?\s+hour|\d+\s*(?:min|mins|minutes|hours?)|back|forward|later|earlier|to\s+\d)",
            # "can we change the time you message me", "send them in the evening not the morning"
            r"\b(?:change|move|switch)\s+(?:the\s+)?time\s+(?:you\s+)?(?:message|remind|text|ping|nudge)",
            r"^(?:(?:can|could)\s+(?:you|u)\s+)?send\s+(?:them|the\s+reminders|reminders|the\s+messages)\s+"
            r"(?:in\s+the\s+|at\s+)?(?:evening|evenings|morning|mornings|afternoon|lunchtime|night|\d)",
            r"\b(?:when is|whens|show|list|see|check)\s+(?:my\s+)?(?:next\s+)?reminders?\b",
            r"^my reminders$",
            # "ok set mine for 8pm then", "ping me on saturdays only", "every other day is enough"
            r"^set\s+(?:mine|it|them|my reminders?)\s+(?:for|to|at)\s+\d",
            r"^(?:(?:can|could)\s+(?:you|u)\s+)?(?:ping|remind|message|text|nudge)\s+me\s+(?:on\s+)?"
            r"(?:mon|tues|wednes|thurs|fri|satur|sun|week)days?\b",
            r"^every\s+other\s+day\b",
            # "can u ping me at half 6 in the morning instead", "lunchtime works better, send it then"
            r"^(?:(?:can|could)\s+(?:you|u)\s+)?(?:ping|remind|message|text|nudge)\s+me\s+at\s+"
            r"(?:half|quarter|\d)",
            r"^(?:lunchtime|lunch|mornings?|evenings?|afternoons?|\d{1,2}\s*(?:am|pm))\s+(?:works|would\s+work|is)\s+"
            r"better\b.*\b(?:send|ping|remind|message)\b",
            # "can you message me at 8pm instead", "change when you ping me to 9 at night"
            r"^(?:(?:can|could)\s+(?:you|u)\s+)?(?:message|text|ping|remind|nudge)\s+me\s+(?:at|around)\s+\d",
            r"\bchange\s+when\s+(?:you|u)\s+(?:ping|message|remind|text|nudge)\b",
            r"\b(?:change|move|edit)\s+(?:my\s+|the\s+)?reminders?(?:\s+time)?\b",
            r"\breminder time\b",
            r"^what (?:time|times|days?) (?:will|do|are|would) (?:you|u) (?:remind|message|text|ping) me\b",
            r"^(?:my\s+)?reminder settings$",
            r"^(?:please\s+|can you\s+|could you\s+)?set\s+(?:me\s+)?(?:a|up a|up)\s+reminders?"
            r"(?:\s+(?:please|pls))?$",
            r"^(?:please\s+|can you\s+|could you\s+)?(?:remind|ping|nudge|message|text)\s+me\s+"
            r"(?:twice|once|three times|\d+\s+times)\b",
            r"^(?:can you |could you |please )?remind me (?:on|at|every|each|daily|in the)\b",
            r"^(?:can you |could you |please )?remind me to (?:study|learn|do my)\b.*"
            r"\b(?:every|each|daily|at|on)\b",
            r"^(?:please\s+|can you\s+|could you\s+)?set (?:me )?(?:a |up a |my )?reminders? "
            r"(?:for|at|on|every)\b",
            # "reminders at 6am please": a time for the reminders
            r"^(?:my\s+|the\s+)?reminders?\s+(?:at|on|every|each|in the)\s+(?:\d|mornings?|evenings?|"
            r"afternoons?|nights?|weekdays?|weekends?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
            # "what's my next reminder", "what time is my reminder", "what time are my reminders set for"
            r"^(?:whats|what is|whens|when is)\s+my\s+next\s+(?:study\s+)?reminder\b",
            r"^(?:so\s+|and\s+|ok\s+)?what\s+time\s+(?:is|are|s)\s+my\s+(?:study\s+)?reminders?\b",
            # "What time reminder is set now? I forgot.": mine, said without "my"
            r"^(?:so\s+|and\s+|ok\s+)?what\s+time\s+(?:(?:is|are)\s+)?(?:the\s+)?(?:study\s+)?reminders?\s+"
            r"(?:is\s+|are\s+)?(?:set|now|for me)\b",
            # "remind me tuesdays and thursdays at 7pm", "send the reminders at 9 at night instead"
            r"^(?:please\s+)?remind\s+me\s+(?:on\s+)?(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|"
            r"sundays|weekdays|weekends|mornings|evenings|nights)\b",
            rf"\bsend\s+(?:me\s+)?(?:the\s+|my\s+)?{_REMINDERS}\s+(?:at|on|in the|every|each)\b",
            rf"^(?:fewer|less|more)\s+{_REMINDERS}\b",
            rf"\bsend\s+(?:the\s+|my\s+)?{_REMINDERS}\s+\d+\s*(?:min|mins|minutes|hours?|hrs?)\s+(?:earlier|later)\b",
            rf"^can\s+(?:the|my)\s+{_REMINDERS}\s+come\b",
            rf"\bcan\s+(?:the|my)\s+{_REMINDERS}\s+(?:come|arrive|be sent)\s+(?:at|in|on|before|after)\b",
            r"^(?:please\s+|can you\s+|could you\s+)?(?:change|move|switch|shift)\s+(?:my\s+|the\s+)?"
            r"(?:study\s+)?(?:time|times|slot|slots|sessions?|days)\s+to\b",
        ),
    ),
    (
        "study",
        _either(
            r"\b(?:make|create|set up|setup|start|build|plan)\s+(?:me\s+)?(?:a\s+|my\s+)?"
            r"(?:study\s+plan|study\s+schedule|study\s+routine|schedule)\b",
            r"^help me (?:plan|study)\b",
            r"\bset (?:me )?up (?:a |my )?(?:study )?plan\b",
            r"\bsign\s+me\s+up\s+for\s+(?:the\s+)?(?:reminders|a\s+(?:study\s+)?plan)\b",
            r"^(?:lets|let us)\s+start\s+(?:studying|on|with)\s+(?:that|this|the)\s+(?:one|course)\b",
            # "let's go with this, start it"
            r"^(?:ok\s+|okay\s+|right\s+)?(?:let'?s|let us)\s+go\s+with\s+(?:this|that|it)(?:\s+one)?\W+"
            r"(?:start|begin)\s+(?:it|this|that)\b",
            r"\b(?:make|build|create)\s+me\s+a\s+(?:study\s+)?(?:timetable|routine)\b",
            # "start me on this, remind me in the evenings", "i can do 3 hours a week, set me up"
            r"\bstart\s+me\s+(?:on|off\s+on|off\s+with)\s+(?:this|that|it)\b",
            r"\b(?:hours?|hrs?|mins?|minutes)\s+a\s+(?:week|day)\W+(?:set\s+me\s+up|sort\s+me\s+out)\b",
            # "i want to do 20 mins a day can you set that up", "ok set one up for me then"
            r"\b(?:hours?|hrs?|mins?|min|minutes)\s+a\s+(?:week|day|night)\W+(?:can|could)\s+(?:you|u)\s+"
            r"set\s+(?:that|it|this)\s+up\b",
            r"^(?:ok\s+|okay\s+|right\s+|go on\s+)?(?:then\s+)?set\s+(?:one|it)\s+up\s+"
            r"(?:for\s+me\s*)?(?:then|please|pls)?$",
            r"^(?:ok\s+|okay\s+|right\s+)?i\s+(?:want|wanna|would like|d like)\s+to\s+"
            r"(?:start|study|begin|do)\s+(?:this|that|the)\s+(?:one|course)(?:\s+you\s+(?:just\s+)?showed\s+me)?"
            r"(?:\W+set\s+it\s+up)?\W*$",
            r"\bbegin\s+a\s+(?:structured\s+)?study\s+(?:routine|plan|schedule)\b",
            r"\b(?:sort|set)\s+me\s+(?:out\s+|up\s+)?(?:with\s+)?an?\s+(?:weekly\s+|daily\s+)?(?:study\s+)?"
            r"(?:timetable|schedule|routine)\b",
            r"\bplan my stud(?:y|ies|ying)\b",
            r"^(?:i\s+)?(?:want|wanna|would like|d like)\s+to\s+study\s+"
            r"(?:\d+|one|two|three|four|five|six|every)\b",
            # "i wanna start this, 30 min a day after class", "i want to do an hour a night": a pace
            r"^(?:ok\s+|okay\s+|right\s+|so\s+)?i\s+(?:want|wanna|would like|d like)\s+(?:to\s+)?"
            r"(?:start|begin|do|study)(?:\s+(?:this|that|it)(?:\s+one)?)?\W+(?:\d+|an?|one|two|half an?)\s*"
            r"(?:min|mins|minutes?|hours?|hrs?|h)\s+(?:a|per|each|every)\s+(?:day|night|week|evening|weekday)s?\b"
            r"(?!.*\b(?:how long|how many|when)\b)(?!.*\?)",
            r"^remind me to study$",
            r"^(?:(?:i\s+)?(?:want|wanna|would like|d like)\s+to\s+|lets\s+|let us\s+)?(?:start|begin)\s+"
            r"(?:studying|learning|my studies)(?:\s+(?:now|today|then|please))?$",
            r"\badd\s+(?:this|the|that)\s+course\s+to\s+(?:my|a)\s+(?:study\s+)?plan\b",
            r"^plan\s+my\s+(?:week|studies|study time|learning)\b",
            r"\bhelp\s+me\s+stick\s+to\s+(?:studying|my studies|a plan|a routine|it)\b",
            r"^(?:i\s+)?(?:want|need|would like|d like)\s+a\s+(?:study\s+)?(?:plan|schedule|routine)\b",
            r"^(?:create|make|start|build|set up|setup)\s+(?:me\s+)?a\s+(?:study\s+)?plan\b",
            r"\bset\s+up\s+reminders\s+for\s+(?:this|the|that)\s+course\b",
            r"\b(?:plan|map|schedule) (?:it|this|this one) (?:out )?for me\b",
            r"\bmake (?:me )?a (?:study )?plan for (?:it|this)\b",
            r"\bput\s+me\s+on\s+a\s+(?:study\s+)?plan\b",
            r"\bset\s+(?:me\s+)?up\s+(?:a|my)\s+(?:study\s+)?(?:schedule|timetable|routine)\b",
            r"\bset\s+(?:me\s+)?up\s+with\s+(?:a|my)\s+(?:\w+\s+)?(?:study\s+)?(?:schedule|timetable|routine|plan)\b",
            r"^(?:lets|let us)\s+make\s+a\s+(?:study\s+)?plan\b",
            r"\borgani[sz]e\s+my\s+study\s+time\b",
            # "can you organise my week so i actually do the course", "help me plan when to study"
            r"\b(?:organi[sz]e|plan|schedule|map out)\s+my\s+(?:week|weeks|evenings|time)\s+"
            r"(?:so|around|for|to fit)\b.*\b(?:course|study|studying|studies|learning)\b",
            r"\bhelp\s+me\s+plan\s+when\s+(?:to|i)\s+(?:study|learn)\b",
            r"^(?:i\s+)?(?:want|wanna|would like|d like)\s+to\s+(?:start|begin)\s+(?:studying|doing)\s+"
            r"(?:this|that|the)\s+(?:one|course)\b",
            r"^(?:ok\s+|okay\s+|right\s+)?(?:im|i am)\s+ready\s+(?:to|for)\s+(?:do\s+)?"
            r"(?:todays|my|the|tonights)\s+"
            r"(?:session|lesson|study)\b",
            r"\bput\s+(?:it|this|this one|that)\s+(?:in|into|on)\s+(?:a|my)\s+(?:study\s+)?plan\b",
            r"\bget\s+(?:a|my)\s+(?:study\s+)?(?:plan|schedule|routine)\s+going\b",
            r"^help\s+me\s+(?:schedule|organi[sz]e|timetable)\s+my\s+"
            r"(?:learning|studies|studying|study time|course)\b",
            # "sort me out a timetable", "lets start studying, set it up"
            r"\bsort\s+(?:me\s+)?out\s+(?:a|my)\s+(?:study\s+)?(?:timetable|schedule|routine|plan)\b",
            r"^(?:ok\s+|okay\s+|right\s+)?(?:lets|let us)\s+(?:start|begin|get)\s+"
            r"(?:studying|learning|started)\b.*"
            r"\bset\s+(?:it|this|me|that)\s+up\b",
        ),
    ),
]


PLAN_CLAUSE_MAX_WORDS = 6  # a command after a reason ("sick this week, pause for now") is this short


OK_OPENING = re.compile(r"^(?:(?:ok|okay|k|right|alright|so|then|yes|yeah)\b[\s,.!]*)+")


_TYPED_COMMAND = re.compile(r"/(\w+)(?:@\w+)?")


_TYPED_COMMANDS: dict[str, PlanAction] = {
    "plan": "study", "study": "study", "progress": "progress", "pause": "pause", "resume": "resume",
    "stopstudying": "stop", "reminders": "reminders",
}


# The words plan commands are said with, and how close a slip must be to count as one of them
# ("stpo sending me remindres", "wats my progres")
PLAN_WORDS = (
    "progress", "reminders", "reminder", "remind", "pause", "resume", "stop", "instead", "sending",
    "schedule", "notifications", "messages", "again",
)  # fmt: skip


PLAN_WORD_SIMILARITY = 0.74  # "stpo" → "stop" is 0.75


_DROPPED_G = re.compile(r"\b(go|do|gett|start|pick|remind|send|study)in\b")


def _plan_words_spelt(text: str) -> str:
    """`text` with slips of the plan commands' words spelt right; real words stay as they are."""
    words = text.split()
    for n, word in enumerate(words):
        if len(word) >= 4 and word not in PLAN_WORDS and word.isalpha() and not is_english_word(word):
            found = process.extractOne(
                word, PLAN_WORDS, scorer=OSA.normalized_similarity, score_cutoff=PLAN_WORD_SIMILARITY
            )
            if found is not None:
                words[n] = str(found[0])
    return " ".join(words)


# "stop sending me reminders", "stop all reminders forthwith": said with no end in sight, the
# learner means stop (the bot asks before it stops a plan); "stop them for a week" pauses, and
# so does "stop nagging me" (said crossly: a pause in the tuning sets)
_STOPPING = re.compile(
    rf"\b(?:stop|quit)\s+(?:(?:sending|messaging|texting)\b|reminding\s+me\b"
    rf"|(?:all\s+)?(?:the\s+|my\s+|these\s+|your\s+)?(?:{_REMINDERS}|messages|msgs|texts)\b)"
)
_FOR_A_WHILE = re.compile(
    r"\b(?:for|until|till|til|this|next|while|whilst|during|bit|today|tonight|tomorrow|weekend|"
    r"days?|weeks?|months?|fortnight|few|couple|holidays?|again|later|temporarily)\b"
)


# A time the reminders should keep quiet until ("leave off the reminders till after harvest",
# "lay off them for a bit"); not one that switches them back on or gives them a new time
# ("remind me again", "at 8pm until exams")
_UNTIL_LATER = re.compile(
    r"\b(?:till|until|untill|til|while\s+i|whilst|for\s+(?:a\s+)?(?:bit|while|few|couple|fortnight|"
    r"week|weeks|month|months|\d+|two|three|four)\b)"
)
_ON_AGAIN = re.compile(
    r"\b(?:again|back\s+on|resume|restart|continue|turn\s+(?:them|it)\s+on|switch\s+(?:them|it)\s+on|"
    r"start|\d{1,2}\s*(?:am|pm)|\d{1,2}[:.]\d{2})\b"
)


def quiet_until_later(folded: str) -> bool:
    """Whether a message keeps the reminders quiet until a later time, without switching them
    back on or giving them a new time: a pause, in whatever words."""
    return bool(_UNTIL_LATER.search(folded)) and not _ON_AGAIN.search(folded)


def plan_action(folded: str) -> PlanAction | None:
    """A plain-words plan command ("pause my reminders" → "pause"), if the message is one.

    A question about how pausing works ("if i pause my plan do i lose my progress?") is not.
    """
    typed = _TYPED_COMMAND.fullmatch(folded.strip())
    if typed is not None and typed.group(1) in _TYPED_COMMANDS:
        return _TYPED_COMMANDS[typed.group(1)]  # "/plan" sent as text (pasted, or from a group)
    text = re.sub(r"[^\w']+$", "", folded.strip(" ?!.,")).replace("'", "")  # "done ✅" is "done"
    text = _plan_words_spelt(_DROPPED_G.sub(r"\1ing", text))  # "hows my plan goin"
    text = OK_OPENING.sub("", text)  # "ok pause them for 10 days", "right, set mine for 8pm"
    # "down with flu, pause for a few days": the command may follow a reason, after a comma
    after_reason = (c.strip() for c in re.split(r"[,;.]+", text)[1:])
    clauses = [c for c in after_reason if 0 < len(c.split()) <= PLAN_CLAUSE_MAX_WORDS]
    for action, pattern in _PLAN_PATTERNS:
        if pattern.search(text) or any(pattern.match(c) for c in clauses):
            if pattern in _UNMISTAKABLE and not _SUPPOSING.match(folded):
                return action
            if action == "done" and folded.rstrip().endswith("?"):  # "finished?" asks, reports nothing
                return None
            if action in ("pause", "resume", "stop", "study") and asks_about_plans(folded):
                return None
            if action == "pause" and _STOPPING.search(text) and not _FOR_A_WHILE.search(text):
                return "stop"  # "stop sending me reminders, I can remember myself": no end given
            if action == "progress" and _WHAT_IF.match(folded) and not _TELL_ME_MY.match(folded):
                return None  # "if i pause do i lose my progress?" asks what pausing does
            return action
    return None
