"""Reporting verbs and phrases: the words that say someone said something."""

from __future__ import annotations

import regex

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
    "ask": "asked asking",
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
    "recall": "recalled recalling",
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
    "describe": "described describing",
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
    "estimate": "estimated",
    "believe": "believes believe",
    "think": "thinks",
}
VERB_FORMS = frozenset(form for forms in _VERBS.values() for form in forms.split())
# Forms that are more often nouns or naming words than speech: accepted only with a subject before them.
WEAK_FORMS = frozenset(
    "called calling termed branded labelled labeled described describing believes believe thinks "
    "posted reported mentioned estimated".split()
)
# Verbs whose object is the reported content: "denied involvement", "rejected claims that".
OBJECT_VERBS = frozenset(
    "deny denies denied denying reject rejects rejected rejecting dismissed dismissing "
    "accused accusing blamed blaming condemned criticised criticized urged urging".split()
)
PHRASES = (
    r"[Aa]ccording\s+to",
    r"[Ii]n\s+a\s+(?:written\s+|joint\s+|brief\s+|separate\s+)?statement",
    r"(?:is|was|are|were|remains?|remained)\s+adamant",
    r"(?:was|were)\s+quoted\s+as\s+saying",
)
_PHRASE = "|".join(PHRASES)
_FORMS = "|".join(sorted(VERB_FORMS, key=len, reverse=True))
# Verbs match in lower case only: "States" in "the United States" is not a cue.
CUE = regex.compile(rf"\b(?:(?P<phrase>{_PHRASE})|(?P<verb>{_FORMS}))\b")

# Arabic: verbs in masculine and feminine past and present, with the conjunctions و and ف.
ARABIC_VERBS = (
    "قال قالت يقول تقول أكد أكدت يؤكد تؤكد صرح صرحت أضاف أضافت يضيف تضيف أوضح أوضحت يوضح "
    "نفى نفت ينفي تنفي أعلن أعلنت يعلن تعلن أشار أشارت يشير تشير شدد شددت اعتبر اعتبرت ذكر ذكرت "
    "كتب كتبت غرد غردت حذر حذرت تابع تابعت أفاد أفادت رأى رأت اتهم اتهمت"
).split()
ARABIC_PHRASES = ("وفقا ل", "وفقاً ل", "وفقًا ل", "بحسب", "حسب", "نقلا عن", "نقلاً عن")
ARABIC_CUE = regex.compile(
    r"(?<![\p{Arabic}])(?P<verb>[وف]?(?:"
    + "|".join(ARABIC_VERBS)
    + r"))(?![\p{Arabic}])|(?P<phrase>"
    + "|".join(regex.escape(phrase) for phrase in ARABIC_PHRASES)
    + r")"
)
