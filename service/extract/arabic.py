"""Arabic: «» quotations with the common cues. Arabic narration puts the verb first
("وقال الوزير ..."), so the speaker is the noun phrase after the cue."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from . import cues
from .quotes import QuoteSpan
from .sentences import Sentences

ARABIC_LETTER = regex.compile(r"\p{Arabic}")
WORD = regex.compile(r"[\p{Arabic}\p{L}\p{M}\p{N}]+|[:،,؛.«»“”\"\x00]")
# Words that end the speaker's noun phrase after a cue: "that", "in", "on", "to", days, time words.
STOP_WORDS = frozenset(
    """أن إن أنه إنه أنها إنها بأن في خلال على عن إلى الى لـ يوم اليوم أمس امس مساء صباح الأحد الاثنين الإثنين
    الثلاثاء الأربعاء الخميس الجمعة السبت عبر أمام لدى حيث بعد قبل مع من ل خلال لوكالة لقناة لصحيفة""".split()
)
# A relative pronoun opens a clause about the speaker ("المعلمة سعاد الربيعي التي شاركت"): not the name.
RELATIVE_PRONOUNS = frozenset("الذي التي الذين اللذان اللتان اللذين اللتين اللواتي اللاتي اللائي".split())
STOP_WORDS = STOP_WORDS | RELATIVE_PRONOUNS
# "أن" (that), then at most two words of the clause's own subject ("أن فرقها", that its teams), before the
# quotation: the quoted words finish a reported clause.
# With an attached pronoun too: "قالت إنها «...»", "أكد أنهم «...»".
THAT_AT_END = regex.compile(r"(?:^|\s)(?:أن|إن|بأن|فإن|وإن)(?:ه|ها|هم|هما|هن|نا|ني)?(?:\s+[\p{Arabic}\p{M}]+){0,2}\s*$")
ROLE_WORDS = frozenset(
    """وزير وزيرة رئيس رئيسة المتحدث المتحدثة الناطق الناطقة متحدث ناطق الرئيس السفير سفير القائد قائد المدير مدير
    الأمين أمين مسؤول المسؤول النائب نائب الشيخ العميد اللواء العقيد الجنرال الملك الأمير محافظ المحافظ عضو مستشار
    المستشار زعيم الزعيم قائدة مديرة رئيس_الوزراء منسق المنسق ممثل الممثل مندوب المندوب مبعوث المبعوث مفوض المفوض
    مراسل المراسل محامي المحامي قاضي القاضي خبير الخبير باحث الباحث أستاذ الأستاذ ناشط الناشط مسؤول_العلاقات
    مدرب المدرب""".split()
)
# Each role's feminine form too: "منسقة", "المديرة", "النائبة".
ROLE_WORDS = ROLE_WORDS | frozenset(word + "ة" for word in ROLE_WORDS if not word.endswith("ة") and "_" not in word)
# "منسق المنظمة في السودان مارك بيرنار": the role's place, after "in", comes between the role and the name.
PLACE_PREPOSITIONS = frozenset("في لدى".split())
# Whom the words were said to ("للصحفيين"): after a body's name, "لل" opens the listener, not its complement.
LISTENERS = frozenset("للصحفيين للصحافيين للصحافة للإعلام للمراسلين للتلفزيون للإذاعة للحضور".split())
SPEECH_SETTINGS = frozenset("مؤتمر بيان تصريح تصريحات حديث كلمة تغريدة مقابلة منشور رسالة لقاء اجتماع جلسة".split())


LETTERS = regex.compile(r"\p{L}+")
ARABIC_RUNS = regex.compile(r"\p{Arabic}+")


def is_arabic(text: str) -> bool:
    # Counted by runs, not one match per character: the same counts, far fewer matches.
    head = text[:5000]
    arabic = sum(map(len, ARABIC_RUNS.findall(head)))
    if arabic == 0:
        return False  # the answer whatever the count of letters, which costs far more to make
    letters = sum(map(len, LETTERS.findall(head)))
    return letters > 0 and arabic / letters > 0.5


@dataclass(slots=True)
class ArabicAttribution:
    cue: str | None
    speaker: tuple[int, int] | None
    role: tuple[int, int] | None
    fragment: bool
    source: str


def _speaker_after(masked: str, start: int, end: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(name span, role span) of the noun phrase that starts at ``start``."""
    words: list = []
    place: list = []  # the role's "في ..." complement, once one has begun
    for match in WORD.finditer(masked, start, end):
        token = match.group()
        if token in PLACE_PREPOSITIONS and not place and words and words[0].group() in ROLE_WORDS:
            place.append(match)
            continue
        if not ARABIC_LETTER.match(token) or token in STOP_WORDS or len(words) + len(place) >= 9:
            break
        if place:
            place.append(match)
            continue
        if token.startswith("لل") and not _in_role(words) and not _body_complement(words, token):
            break  # "أحمد الصحاف للصحفيين": after a name, "to the ..." is the listener
        words.append(match)
    if not words:
        return None, None
    named = next((index for index, word in enumerate(words) if word.group() in NAMED_VERBS), 0)
    if 0 < named < len(words) - 1:
        # "عامل بنغالي يدعى رفيق الإسلام": the name is what follows "named".
        after = words[named + 1 : named + 4]
        size = (
            3 if len(after) == 3 and after[2].group().startswith("ال") and not after[1].group().startswith("ال") else 2
        )
        after = after[:size]
        return (after[0].start(), after[-1].end()), (words[0].start(), words[named - 1].end())
    if not place and _in_role(words) and _role_only(words):
        # "الأمين العام للوزارة، المهندس عمر الخطيب،": a role alone, then the name in apposition.
        comma = WORD.search(masked, words[-1].end(), end)
        if comma is not None and comma.group() in ("،", ","):
            appositive = _appositive_name(masked, comma.end(), end)
            if appositive is not None:
                return appositive, (words[0].start(), words[-1].end())
    named, length = _name_after_place([match.group() for match in place[1:]])
    if named:
        # The role runs to the end of the place; the name follows it.
        return (place[named].start(), place[named + length - 1].end()), (words[0].start(), place[named - 1].end())
    name_from = 0
    if words[0].group() in ROLE_WORDS:
        seen_definite = False
        name_from = len(words)
        for index, word in enumerate(words[1:], start=1):
            definite = word.group().startswith(("ال", "بال", "باسم"))
            # "لشؤون الاقتصاد": a complement with a preposition belongs to the role.
            # A name may open with ل or ب too ("بوعلام بوغلاف"): the complement's next word is definite.
            prepositional = (
                word.group().startswith(("ل", "ب"))
                and index + 1 < len(words)
                and (word.group().startswith(("لل", "بال")) or words[index + 1].group().startswith("ال"))
            )
            if seen_definite and not definite and not prepositional:
                name_from = index
                break
            seen_definite = seen_definite or definite
    if name_from >= len(words):
        return (words[0].start(), words[-1].end()), None
    role = (words[0].start(), words[name_from - 1].end()) if name_from else None
    # A name is two words, and a third when it is a family name with the article (al-).
    name_end = min(len(words), name_from + 2)
    if name_end < len(words) and words[name_end].group().startswith("ال") and role is not None:
        name_end += 1
    if role is None:
        name_end = min(len(words), name_from + 5)
    return (words[name_from].start(), words[name_end - 1].end()), role


NAMED_VERBS = frozenset("يدعى تدعى يُدعى تُدعى يسمى تسمى".split())


def _role_only(words: list) -> bool:
    """Whether a role's words hold no name: after the role noun, only definite words and complements with
    a preposition ("الأمين العام للوزارة"), or a complement with ل or ب before a definite word ("لأصحاب
    المخابز", "باسم الوزارة")."""
    rest = words[1:]
    for index, word in enumerate(rest):
        text = word.group()
        if text.startswith(("ال", "لل", "بال")):
            continue
        if text.startswith(("ل", "ب")) and index + 1 < len(rest) and rest[index + 1].group().startswith("ال"):
            continue
        return False
    return True


def _appositive_name(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The name of two or three words in an appositive that starts at ``start``, after any definite title
    ("المهندس عمر الخطيب"), up to the next comma."""
    words: list[regex.Match[str]] = []
    for match in WORD.finditer(masked, start, end):
        if not ARABIC_LETTER.match(match.group()) or len(words) >= 5:
            break
        words.append(match)
    first = 0
    while first < len(words) - 2 and words[first].group().startswith("ال"):
        first += 1
    name = words[first:]
    if not 2 <= len(name) <= 3 or name[0].group().startswith("ال") or any(w.group() in STOP_WORDS for w in name):
        return None
    return name[0].start(), name[-1].end()


def _name_after_place(following: list[str]) -> tuple[int, int]:
    """(where the name starts, counted from "في", and its length in words) in the words after a role's
    "في": a place, then a name of two words, or three when the third is a family name with the article
    and the first is not definite. A definite place is one word ("في البرلمان"); an indefinite one is
    the first of a construct with the definite word after it ("في جنوب السودان", "في جمعية الركاب"); a
    place without the article is whatever comes before the last two words.
    What follows the name is the rest of the clause ("سهير منصور تأخر المشروع", criticised the delay).
    (0, 0) for none, as when "في" opens where the words were said ("في مؤتمر صحفي")."""
    if not following or following[0] in SPEECH_SETTINGS:
        return 0, 0
    if following[0].startswith("ال"):
        place_length = 1
    elif len(following) > 1 and following[1].startswith("ال"):
        place_length = 2
    else:
        # A place named without the article ("في جنوب لبنان", "في لبنان"): the name is the last two words.
        place_length = len(following) - 2
        if not 1 <= place_length <= 2:
            return 0, 0
    while len(following) - place_length > 2 and following[place_length].startswith("ال"):
        place_length += 1  # a title before the name ("الدكتور كريم فوزي") stays with the role
    name = following[place_length:]
    if len(name) < 2:
        return 0, 0
    name_length = 3 if len(name) >= 3 and name[2].startswith("ال") and not name[0].startswith("ال") else 2
    return place_length + 1, name_length


def _body_complement(words: list, token: str) -> bool:
    """Whether "لل..." completes a body's name of definite words ("الهيئة القومية للأنفاق", "المجلس
    الأعلى للثقافة") rather than naming whom the words were said to."""
    if len(words) < 2 or token in LISTENERS or words[0].group() in ROLE_WORDS:
        return False
    return all(word.group().startswith("ال") for word in words)


def _in_role(words: list) -> bool:
    """Whether the words so far are a role still being written ("المدير العام"), so that a
    complement with "لل" ("للشركة") belongs to it."""
    if not words or words[0].group() not in ROLE_WORDS:
        return False
    return all(word.group().startswith(("ال", "بال", "باسم", "ل")) for word in words[1:])


def attribute(masked: str, sentences: Sentences, span: QuoteSpan) -> ArabicAttribution:
    sentence_start, _ = sentences.at(span.open_mark)
    close_at = span.close_mark if span.close_mark is not None else span.end - 1
    _, sentence_end = sentences.at(close_at)
    before = masked[sentence_start : span.open_mark]
    fragment = bool(THAT_AT_END.search(before))
    # "طالبا عدم ذكر اسمه" (asking that his name not be mentioned): a verbal noun after عدم is no cue.
    matches = [
        match
        for match in cues.ARABIC_CUE.finditer(masked, sentence_start, span.open_mark)
        if masked[max(sentence_start, match.start() - 4) : match.start()].strip() != "عدم"
    ]
    if not matches:
        # "نقلت الوكالة عن وزير الصحة حسن الغباش قوله:": the words are quoted from the one named after عن.
        quoted = [match for match in QUOTED_FROM.finditer(masked, sentence_start, span.open_mark)]
        if quoted:
            speaker, role = _speaker_after(masked, quoted[-1].start(1), quoted[-1].end(1))
            if speaker is not None:
                return ArabicAttribution(quoted[-1].group(2), speaker, role, fragment, "leading")
    if not matches and OBJECT_AT_END.search(before):
        # "فقد طالب الحكومة بـ«خطة طوارئ»": words demanded or called for, after بـ or إلى, are a fragment.
        matches = list(DEMAND_VERB.finditer(masked, sentence_start, span.open_mark))
        fragment = fragment or bool(matches)
    if matches:
        match = matches[-1]
        if masked[match.end() : span.open_mark].split() in (["عليها"], ["عليه"]):
            # "لافتات كتب عليها «...»": words written on a placard or a wall, a slogan and not speech.
            return ArabicAttribution(None, None, None, False, "inscription")
        speaker, role = _speaker_after(masked, match.end(), span.open_mark)
        if match.group().startswith("ف") or _after_particle(masked, sentence_start, match):
            # "أما X، ...، فقد طالب الحكومة": after أما, the predicate's subject is the topic, not the
            # noun after the verb (its object).
            topic = _coordinated_subject(masked, sentence_start, match)
            if topic[0] is not None and _has_topic(masked, sentence_start, match.start()):
                speaker, role = topic
        if speaker is None:
            # "لكن الخبير ... الدكتور كريم فوزي قال إن": the subject written before its verb.
            speaker, role = _subject_before_verb(masked, sentence_start, match)
        # "ونفى المتحدث ... ، وقال:": a second verb without a subject shares the first one's.
        for earlier in matches[:-1][::-1]:
            if speaker is not None:
                break
            speaker, role = _speaker_after(masked, earlier.end(), match.start())
        if speaker is None:
            speaker, role = _coordinated_subject(masked, sentence_start, match)
        if speaker is None and not masked[sentence_start : match.start()].strip():
            speaker, role = _previous_subject(masked, sentences, sentence_start, match.group())
        return ArabicAttribution(match.group().strip(), speaker, role, fragment, "leading" if speaker else "floating")
    after = list(cues.ARABIC_CUE.finditer(masked, span.outer_end, sentence_end))
    if after:
        match = after[0]
        speaker, role = _speaker_after(masked, match.end(), sentence_end)
        return ArabicAttribution(match.group().strip(), speaker, role, False, "trailing" if speaker else "floating")
    return ArabicAttribution(None, None, None, fragment, "floating")


def _coordinated_subject(
    masked: str, sentence_start: int, cue: regex.Match[str]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """ "انتقدت النائبة ... سهير منصور تأخر المشروع، وكتبت:": a cue joined by و or ف with no subject of
    its own shares that of the verb which opens the clause before it, whatever that verb is."""
    # The cue is joined by و or ف, on itself or on the particle قد before it ("فقد أكد").
    particle = masked[max(sentence_start, cue.start() - 5) : cue.start()].split()[-1:]
    if not cue.group().startswith(("و", "ف")) and particle not in (["فقد"], ["وقد"]):
        return None, None
    clause_end = cue.start()
    later_clause: tuple[int, int] | None = None  # the clause after the one being read, up to the cue
    while clause_end > sentence_start:
        comma = max(masked.rfind("،", sentence_start, clause_end), masked.rfind(",", sentence_start, clause_end))
        clause_start = comma + 1 if comma >= 0 else sentence_start
        verb = WORD.search(masked, clause_start, clause_end)
        if verb is not None and verb.group() in TOPIC_PARTICLES:
            return _topic(masked, verb.end(), clause_end, later_clause)
        if verb is not None and ARABIC_LETTER.match(verb.group()):
            word = verb.group()
            if word not in STOP_WORDS and not word.startswith("ال") and word not in ROLE_WORDS:
                found = _speaker_after(masked, verb.end(), clause_end)
                if found[0] is not None:
                    return found
        if comma < 0:
            break
        later_clause = (clause_start, clause_end)
        clause_end = comma
    return None, None


# Verbs that demand or call for something, whose object may be quoted after بـ or إلى: not cues of their own.
DEMAND_VERB = regex.compile(
    r"(?<![\p{Arabic}])[وف]?(?:طالب|طالبت|يطالب|تطالب|دعا|دعت|يدعو|تدعو|ناشد|ناشدت|يناشد|تناشد)(?![\p{Arabic}])"
)
OBJECT_AT_END = regex.compile(r"(?:^|\s)(?:بـ|ب|إلى|الى)\s*$")
QUOTED_FROM = regex.compile(r"(?<![\p{Arabic}])عن\s+([^،,:«\x00]+?)\s+(قوله|قولها)(?![\p{Arabic}])")
# Words that open a clause before its subject: "لكن الخبير ... قال".
CLAUSE_OPENERS = frozenset("لكن ولكن بينما فيما كما حين".split())


def _after_particle(masked: str, sentence_start: int, cue: regex.Match[str]) -> bool:
    return masked[max(sentence_start, cue.start() - 5) : cue.start()].split()[-1:] in (["فقد"], ["وقد"])


def _has_topic(masked: str, start: int, end: int) -> bool:
    return any(match.group() in TOPIC_PARTICLES for match in WORD.finditer(masked, start, end))


def _subject_before_verb(
    masked: str, sentence_start: int, cue: regex.Match[str]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """ "لكن الخبير في شؤون النقل الدكتور كريم فوزي قال إن": a clause that opens with a role noun and
    ends with the cue, whose verb has no و or ف of its own, has its subject before the verb."""
    if cue.group().startswith(("و", "ف")):
        return None, None
    clause_end = cue.start()
    while True:
        comma = max(masked.rfind("،", sentence_start, clause_end), masked.rfind(",", sentence_start, clause_end))
        clause_start = comma + 1 if comma >= 0 else sentence_start
        words = [match for match in WORD.finditer(masked, clause_start, clause_end)]
        if comma < 0 or (words and words[0].group() not in RELATIVE_PRONOUNS):
            break
        # "الطبيبة ريم حداد، التي تعمل في قسم الطوارئ، قالت": the subject is before the relative clause.
        clause_end = comma
    while words and words[0].group() in CLAUSE_OPENERS:
        words = words[1:]
    if len(words) < 2 or words[0].group() not in PERSON_NOUNS:
        return None, None
    speaker, role = _speaker_after(masked, words[0].start(), clause_end)
    if speaker is None or speaker[1] < words[-1].end():
        return None, None  # the subject must run up to the verb
    return speaker, role


# "أما مدرب نيجيريا، البرتغالي جواو ماركيش، فقال": "as for X, ... he said". The particle is not a verb;
# the topic after it is the speaker, named by the appositive after it when there is one.
TOPIC_PARTICLES = frozenset("أما وأما".split())


def _topic(
    masked: str, start: int, end: int, appositive: tuple[int, int] | None
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    topic, role = _speaker_after(masked, start, end)
    if topic is None or appositive is None:
        return topic, role
    words = [match for match in WORD.finditer(masked, *appositive) if ARABIC_LETTER.match(match.group())]
    # A describing word with the article ("البرتغالي", the Portuguese) comes before the name.
    first = 0
    while first < len(words) and words[first].group().startswith("ال"):
        first += 1
    name = words[first:]
    if not 2 <= len(name) <= 3 or any(word.group() in STOP_WORDS for word in name):
        return topic, role
    return (name[0].start(), name[-1].end()), topic


def role_holder(
    word: str, roles: list[tuple[str, tuple[str, int, int]]], people: list[tuple[int, str, tuple[str, int, int]]]
) -> tuple[str, int, int] | None:
    """ "وأضاف الوزير" after "وزير النقل كمال الشاذلي": the person last named with that role, not the
    ministry; ``roles`` holds (role, speaker) for the speakers named so far, ``people`` (where, role,
    person) for everyone named with a role before the quotation, whether they spoke or not. A generic
    noun ("اللاعب", the player) stands for the person last named, whatever their role."""
    if not word.startswith("ال") or " " in word.strip():
        return None
    noun = word.strip()[2:]
    for role, speaker in reversed(roles):
        if role.split()[:1] in ([noun], ["ال" + noun]):
            return speaker
    for _, role, person in reversed(people):
        if role.split()[:1] in ([noun], ["ال" + noun]):
            return person
    if noun in GENERIC_PERSON_NOUNS and people:
        return people[-1][2]
    return None


# Nouns for a person that say nothing of an office: "the player", "the striker", "the man" is whoever
# was named last. Offices (ROLE_WORDS) must match the role a person was named with.
GENERIC_PERSON_NOUNS = frozenset(
    """لاعب لاعبة مهاجم مدافع حارس رجل امرأة شاب شابة فتاة طفل طفلة مواطن مواطنة موظف موظفة طالب طالبة معلم
    معلمة مزارع تاجر سائق فنان فنانة كاتب كاتبة طبيب طبيبة ممرض ممرضة شاهد شاهدة""".split()
)
# Each generic noun's feminine form too: "المزارعة", "التاجرة".
GENERIC_PERSON_NOUNS = GENERIC_PERSON_NOUNS | frozenset(word + "ة" for word in GENERIC_PERSON_NOUNS if word[-1] != "ة")
PERSON_NOUNS = ROLE_WORDS | GENERIC_PERSON_NOUNS | frozenset("ال" + word for word in GENERIC_PERSON_NOUNS)


def named_people(text: str, masked: str) -> list[tuple[int, str, tuple[str, int, int]]]:
    """(where, role, (name, start, end)) for every person the narration names after a role noun, in
    order, from one pass over the words: "وسجل المهاجم أنس بنعلي هدف الفوز" names أنس بنعلي."""
    found: list[tuple[int, str, tuple[str, int, int]]] = []
    words = [match for match in WORD.finditer(masked) if match.group() != "\x00"]
    for index, match in enumerate(words[:-2]):
        token = match.group()
        bare = token[1:] if token[:1] in ("و", "ف") and token[1:] in PERSON_NOUNS else token
        if bare not in PERSON_NOUNS:
            continue
        first = index + 1
        if words[first].group().startswith("ال"):
            first += 1  # the role's complement: "مدرب الترجي منير الحداد"
        name = words[first : first + 3]
        # A name opens with a word without the article; a third word is a family name with it
        # ("أنس بن علي", "محمد عبد الله الحداد"), unless the second already is one ("سامي الجلاصي الهدف").
        size = 3 if len(name) == 3 and name[2].group()[:2] == "ال" and name[1].group()[:2] != "ال" else 2
        name = name[:size]
        if (
            len(name) < 2
            or name[0].group()[:2] == "ال"
            or any(not ARABIC_LETTER.match(part.group()) or part.group() in STOP_WORDS for part in name)
        ):
            continue
        written = " ".join(text[name[0].start() : name[-1].end()].split())
        found.append((match.start(), bare, (written, name[0].start(), name[-1].end())))
    return found


def named_body(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the body a definite noun stands for was last named before ``start``: "الوزارة" is
    "وزارة التربية", the same noun without its article, followed by its definite complement."""
    word = text[start:end]
    if not word.startswith("ال") or len(word) < 5 or not ARABIC_LETTER.fullmatch(word[-1]) or " " in word:
        return None
    noun = word[2:]
    found = None
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}])[وفبل]?({regex.escape(noun)})(?=\s)")
    for match in pattern.finditer(text, 0, start):
        words = [match.span(1)]
        seen_definite = False
        for following in WORD.finditer(text, match.end(1), start):
            token = following.group()
            if not ARABIC_LETTER.match(token) or token in STOP_WORDS or len(words) >= 4:
                break
            definite = token.startswith("ال")
            if seen_definite and not definite:
                break
            seen_definite = seen_definite or definite
            words.append(following.span())
        if seen_definite:
            found = (words[0][0], words[-1][1])
    return found


ARABIC_CUE_WORDS = frozenset(prefix + verb for verb in cues.ARABIC_VERBS for prefix in ("", "و", "ف"))
# What may come right before a given name: a comma of apposition, or a role or a title.
NAME_OPENERS = frozenset("، ,".split())


def full_names(text: str, masked: str) -> dict[str, tuple[str, int, int]]:
    """For each word written as a family name after a given name, the first such full name, from one
    pass over the words: "وأضاف حطيط" is "إبراهيم حطيط" of "المتحدث باسم لجنة ...، إبراهيم حطيط،".
    A given name has no article and is not a cue or a stop word, and follows a comma, a role or a
    title with the article ("الدكتور خالد العتيبي")."""
    found: dict[str, tuple[str, int, int]] = {}
    words = [match for match in WORD.finditer(masked) if match.group() != "\x00"]
    for index in range(2, len(words)):
        family, given, opener = words[index].group(), words[index - 1].group(), words[index - 2].group()
        if family in found or not ARABIC_LETTER.match(family) or not ARABIC_LETTER.match(given):
            continue
        if given.startswith("ال") or given in STOP_WORDS or given in PERSON_NOUNS or given in ARABIC_CUE_WORDS:
            continue
        if family in STOP_WORDS or family in PERSON_NOUNS or family in ARABIC_CUE_WORDS:
            continue
        if not (opener in NAME_OPENERS or opener in PERSON_NOUNS or opener.startswith("ال")):
            continue
        start, end = words[index - 1].start(), words[index].end()
        found[family] = (" ".join(text[start:end].split()), start, end)
    return found


def _previous_subject(
    masked: str, sentences: Sentences, sentence_start: int, cue: str
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """ "وقفت فاطمة الزهراء بن علي، وهي موظفة متقاعدة، أمام مخبز مغلق. وقالت:": a cue that opens its
    sentence with no subject takes that of the verb of the sentence before, in the same paragraph, when
    the two verbs agree in gender (a feminine past verb ends in ت)."""
    if sentence_start == 0:
        return None, None
    previous_start, previous_end = sentences.at(sentence_start - 1)
    if "\n" in masked[previous_end:sentence_start] or previous_start >= sentence_start:
        return None, None
    feminine = cue.endswith("ت")
    clause_start = previous_start
    while clause_start < previous_end:
        comma = masked.find("،", clause_start, previous_end)
        clause_end = comma if comma >= 0 else previous_end
        verb = WORD.search(masked, clause_start, clause_end)
        if verb is not None and ARABIC_LETTER.match(verb.group()):
            word = verb.group()
            bare = word[1:] if word[:1] in ("و", "ف") else word
            if word in STOP_WORDS or bare in STOP_WORDS or word.startswith("ال") or word in ROLE_WORDS:
                clause_start = clause_end + 1  # "وفي حي التضامن،": where, before the verb
                continue
            if word.endswith("ت") != feminine:
                return None, None
            return _speaker_after(masked, verb.end(), clause_end)
        return None, None
    return None, None
