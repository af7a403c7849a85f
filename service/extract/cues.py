"""Reporting verbs and phrases: the words that say someone said something."""

from __future__ import annotations

import threading
from bisect import bisect_left
from itertools import compress

import regex

from . import speakers

# Verb stems with their forms: base, third person, past, participle, -ing.
_VERBS = {
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "add": "add adds added adding",
    "state": "stated states stating",
    "warn": "warn warns warned warning",
    "insist": "insist insists insisted insisting",
    "claim": "claimed claiming",
    "argue": "argue argues argued arguing",
    "note": "noted noting",
    "write": "write writes wrote written writing",
    "post": "posted posting",
    "tweet": "tweeted tweeting",
    "explain": "explain explains explained explaining",
    "ask": "asks asked asking",
    "reply": "reply replies replied replying",
    "announce": "announce announces announced announcing",
    "declare": "declare declares declared declaring",
    "deny": "deny denies denied denying",
    "confirm": "confirm confirms confirmed confirming",
    "acknowledge": "acknowledge acknowledges acknowledged acknowledging",
    "admit": "admit admits admitted admitting",
    "stress": "stressed stressing",
    "emphasise": "emphasised emphasized emphasises emphasizes emphasising emphasizing",
    "urge": "urged urging",
    "vow": "vowed vowing",
    "pledge": "pledged pledging",
    "promise": "promised promising",
    "threaten": "threatened threatening",
    "accuse": "accused accusing",
    "allege": "alleged alleging",
    "suggest": "suggested suggesting",
    "predict": "predicted predicting",
    "recall": "recalls recalled recalling",
    "remember": "remembers remembered",
    "expect": "expects",
    "respond": "responded responding",
    "counter": "countered countering",
    "concede": "conceded conceding",
    "complain": "complained complaining",
    "boast": "boasted boasting",
    "caution": "cautioned cautioning",
    "observe": "observed observing",
    "remark": "remarked remarking",
    "comment": "commented commenting",
    "reiterate": "reiterated reiterating",
    "maintain": "maintained maintaining",
    "contend": "contended contending",
    "assert": "asserted asserting",
    "affirm": "affirmed affirming",
    "assure": "assured assuring",
    "reveal": "revealed revealing",
    "disclose": "disclosed disclosing",
    "report": "reported",
    "mention": "mentioned",
    "describe": "describe describes described describing",
    "reject": "rejected rejecting rejects",
    "dismiss": "dismissed dismissing",
    "blame": "blamed blaming",
    "condemn": "condemned condemning",
    "criticise": "criticised criticized criticising criticizing",
    "praise": "praised",
    "welcome": "welcomed",
    "tout": "touted",
    "demand": "demanded demanding",
    "call": "called calling",
    "term": "termed",
    "brand": "branded",
    "label": "labelled labeled",
    "quip": "quipped",
    "joke": "joked",
    "shout": "shouted",
    "chant": "chanted chanting",
    "plead": "pleaded",
    "lament": "lamented",
    "retort": "retorted",
    "muse": "mused",
    "conclude": "concluded",
    "find": "found finds",
    "estimate": "estimated",
    "believe": "believes believe",
    "think": "thinks",
    # How it was said, in tabloid and feature copy: '"...," the manager fumed.'
    "fume": "fumed",
    "rage": "raged",
    "snap": "snapped",
    "grin": "grinned",
    "laugh": "laughed",
    "smile": "smiled",
    "sigh": "sighed",
    "scoff": "scoffed",
    "gush": "gushed",
}
VERB_FORMS = frozenset(form for forms in _VERBS.values() for form in forms.split())
# Forms that are more often nouns or naming words than speech: accepted only with a subject before them.
WEAK_FORMS = frozenset(
    "called calling termed branded labelled labeled describe describes described describing believes believe thinks "
    "posted reported mentioned estimated remembers remembered expects "
    "fumed raged snapped grinned laughed smiled sighed scoffed gushed".split()
)
# Forms that report a finding, speech only when a document or those who wrote it find: "the study found".
FINDING_FORMS = frozenset("found finds".split())
FINDERS = frozenset(
    "study report survey review audit inquiry analysis researchers investigators inspectors scientists".split()
)
# Verbs whose object is the reported content: "denied involvement", "rejected claims that".
OBJECT_VERBS = frozenset(
    "deny denies denied denying reject rejects rejected rejecting dismissed dismissing "
    "accused accusing blamed blaming condemned criticised criticized urged urging".split()
)

# Arabic: verbs in masculine and feminine past and present, with the conjunctions و and ف.
ARABIC_VERBS = (
    "قال قالت يقول تقول أكد أكدت يؤكد تؤكد صرح صرحت أضاف أضافت يضيف تضيف أوضح أوضحت يوضح "
    "نفى نفت ينفي تنفي أعلن أعلنت يعلن تعلن أشار أشارت يشير تشير شدد شددت اعتبر اعتبرت ذكر ذكرت "
    "كتب كتبت غرد غردت حذر حذرت تابع تابعت أفاد أفادت رأى رأت اتهم اتهمت لفت لفتت يلفت تلفت أردف أردفت "
    "علق علقت نوه نوهت يشدد تشدد يعتبر تعتبر يرى ترى يحذر تحذر قالوا أكدوا أضافوا "
    # Closing, resuming, denying, answering and telling: "وختم بالقول"، "واستطردت"، "أنكر"، "ردت بأن"، "روى شاهد".
    "ختم ختمت استطرد استطردت أنكر أنكرت ينكر تنكر رد ردت يرد ترد روى روت يروي تروي تساءل تساءلت يتساءل تتساءل "
    # Participles that introduce the words of the clause's subject: "انتقد ... الحكومة، قائلا: «...»".
    "قائلا قائلة متسائلا متسائلة "
    # "ووصف الوزير الوضع بأنه «...»": describing, with the words quoted after "as".
    "وصف وصفت "
    # Revealing and expecting, with the words reported after "أن": "كشف مصدر أن ..."، "وتوقع الخبير أن ...";
    # not the present "ويتوقع أن", which is most often "it is expected that".
    "كشف كشفت يكشف تكشف توقع توقعت"
).split()
ARABIC_PARTICIPLES = frozenset("قائلا قائلة متسائلا متسائلة".split())
# "على حد تعبير X" (in X's words) after a quotation names its speaker; "على حد تعبيره" (his) does not.
ARABIC_PHRASES = ("وفقا ل", "وفقاً ل", "وفقًا ل", "بحسب", "حسب", "نقلا عن", "نقلاً عن", "وفق ", "على حد تعبير ")
# Short vowels and shadda may be written after any letter but the first ("حذّر", "أكّد"), and the stretching
# tatweel; the first two letters stay plain, which keeps the search as fast as for plain words.
_ARABIC_MARKS = "[\u064b-\u0652\u0640]*"
ARABIC_CUE = regex.compile(
    r"(?<![\p{Arabic}])(?P<verb>[وف]?(?:"
    + "|".join(verb[0] + _ARABIC_MARKS.join(verb[1:]) for verb in ARABIC_VERBS)
    + r")"
    + _ARABIC_MARKS
    + r")(?![\p{Arabic}])|(?<![\p{Arabic}])[وف]?(?P<phrase>"
    + "|".join(regex.escape(phrase) for phrase in ARABIC_PHRASES)
    + r")"
)


class Cue:
    """One reporting verb or phrase found in the narration, shaped like a regular-expression match."""

    __slots__ = ("_start", "_end", "_text", "_verb", "_phrase")

    def __init__(self, start: int, end: int, text: str, verb: str | None, phrase: str | None) -> None:
        self._start, self._end, self._text, self._verb, self._phrase = start, end, text, verb, phrase

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, name: str | None = None) -> str | None:
        if name == "verb":
            return self._verb
        if name == "phrase":
            return self._phrase
        return self._text


STATEMENT_MODIFIERS = frozenset("written joint brief separate short".split())
COPULAS = frozenset("is was are were remains remained".split())
PHRASE_STARTS = frozenset({"according", "in", "In", "According"} | COPULAS)


# "as she later put it": "put it" is a cue only after "as" and its subject, a few words back.
PUT_IT_REACH = 8
_CUE_STARTS = PHRASE_STARTS | VERB_FORMS | {"put"}


def _as_put_it(words: list[str], index: int) -> bool:
    """Whether words[index] is the "put" of "as X (later) put it"."""
    if words[index + 1 : index + 2] != ["it"]:
        return False
    for back in range(index - 1, max(-1, index - PUT_IT_REACH - 1), -1):
        if words[back] == "as":
            return back < index - 1  # a subject between "as" and "put"
        if not words[back][:1].isalpha():
            return False
    return False


def _phrase_at(words: list[str], index: int) -> int:
    """How many tokens a cue phrase starting at words[index] covers (0 for none)."""
    if words[index] not in PHRASE_STARTS:
        return 0
    lower = words[index].lower()
    following = [word.lower() for word in words[index + 1 : index + 5]]
    if lower == "according" and following[:1] == ["to"]:
        return 2
    if lower == "in" and following[:1] == ["a"]:
        if following[1:2] == ["statement"]:
            return 3
        if following[1:2] and following[1] in STATEMENT_MODIFIERS and following[2:3] == ["statement"]:
            return 4
    if lower in COPULAS and following[:1] == ["adamant"]:
        return 2
    if lower in ("was", "were") and following[:3] == ["quoted", "as", "saying"]:
        return 4
    return 0


def find(text: str) -> list[Cue]:
    """The cues in a text, in order, from its tokens' words. Verbs count in lower case only:
    "States" in "the United States" is not a cue."""
    table = speakers.token_table(text)
    words, starts, ends = table.words, table.starts, table.ends
    found = []
    covered_to = 0
    # Only the words that can start a cue are looked at one by one.
    for index in compress(range(len(words)), map(_CUE_STARTS.__contains__, words)):
        if index < covered_to:
            continue  # inside a phrase already taken
        word = words[index]
        if word in PHRASE_STARTS:
            covered = _phrase_at(words, index)
            if covered:
                phrase = " ".join(words[index : index + covered])
                found.append(Cue(starts[index], ends[index + covered - 1], phrase, None, phrase))
                covered_to = index + covered
                continue
        if word == "put":
            if _as_put_it(words, index):
                found.append(Cue(starts[index], ends[index + 1], "put it", word, None))
                covered_to = index + 2
            continue
        if word in FINDING_FORMS and (index == 0 or words[index - 1].lower() not in FINDERS):
            continue  # "She has not found a buyer": a finding is reported only as "the study found"
        if word in VERB_FORMS:
            found.append(Cue(starts[index], ends[index], word, word, None))
    return found


class _CueCache(threading.local):
    """The cues of the text being worked on, found once."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.cues: list[Cue] = []
        self.starts: list[int] = []


_cache = _CueCache()


def between(text: str, start: int, end: int) -> list[Cue]:
    """The cues inside text[start:end], from one scan of the whole text."""
    if _cache.text is not text:
        _cache.cues = find(text)
        _cache.starts = [cue.start() for cue in _cache.cues]
        _cache.text = text
    first = bisect_left(_cache.starts, start)
    last = bisect_left(_cache.starts, end, first)
    while last > first and _cache.cues[last - 1].end() > end:
        last -= 1
    return _cache.cues[first:last]
