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
# "what", "all", "any" open the verb's object, "بـ" (of, with) its complement ("أنكر حداد كل ما نسب
# إليه", "نفت النقابة أي تقصير").
STOP_WORDS = STOP_WORDS | frozenset("ما كل أي أية بـ بأنه بأنها بأنهم".split())
# "وقال لإذاعة محلية": to whom, a medium, right after the cue; never the speaker.
MEDIA_NOUNS = "إذاعة قناة صحيفة وكالة موقع شبكة تلفزيون مجلة راديو منصة برنامج جريدة".split()
STOP_WORDS = STOP_WORDS | frozenset("ل" + noun for noun in MEDIA_NOUNS)
# A relative pronoun opens a clause about the speaker ("المعلمة سعاد الربيعي التي شاركت"): not the name.
RELATIVE_PRONOUNS = frozenset("الذي التي الذين اللذان اللتان اللذين اللتين اللواتي اللاتي اللائي".split())
STOP_WORDS = STOP_WORDS | RELATIVE_PRONOUNS
# "أن" (that), then at most six words of the clause without a mark between them ("أن فرقها", that its
# teams; "إن البلاد تعرضت لـ", that the country was subjected to), before the quotation: the quoted words
# finish a reported clause. With an attached pronoun too: "قالت إنها «...»", "أكد أنهم «...»".
THAT_AT_END = regex.compile(
    r"(?:^|\s)(?:أن|إن|بأن|فإن|وإن|وأن)(?:ه|ها|هم|هما|هن|نا|ني)?(?:\s+[\p{Arabic}\p{M}\u0640]+){0,6}\s*$"
)
ROLE_WORDS = frozenset(
    """وزير وزيرة رئيس رئيسة المتحدث المتحدثة الناطق الناطقة متحدث ناطق الرئيس السفير سفير القائد قائد المدير مدير
    الأمين أمين مسؤول المسؤول النائب نائب الشيخ العميد اللواء العقيد الجنرال الملك الأمير محافظ المحافظ عضو مستشار
    المستشار زعيم الزعيم قائدة مديرة رئيس_الوزراء منسق المنسق ممثل الممثل مندوب المندوب مبعوث المبعوث مفوض المفوض
    مراسل المراسل محامي المحامي قاضي القاضي خبير الخبير باحث الباحث أستاذ الأستاذ ناشط الناشط مسؤول_العلاقات
    مدرب المدرب والي الوالي نقيب النقيب قنصل القنصل وكيل الوكيل محلل المحلل شيخ عميد""".split()
)
# Each role's feminine form too: "منسقة", "المديرة", "النائبة".
ROLE_WORDS = ROLE_WORDS | frozenset(word + "ة" for word in ROLE_WORDS if not word.endswith("ة") and "_" not in word)
# And with the article: "الوزير", "المنسقة".
ROLE_WORDS = ROLE_WORDS | frozenset("ال" + word for word in ROLE_WORDS if not word.startswith("ال") and "_" not in word)
# "كبير الاقتصاديين", "كبيرة المفاوضين": the chief of a group of people, an office; not with the article
# ("الكبير" is an adjective, or a family name).
ROLE_WORDS = ROLE_WORDS | frozenset(("كبير", "كبيرة"))
# A kinship noun with its possessive pronoun ("ابنته"، his daughter; "زوجها"، her husband) or before a
# definite complement ("والدة الضحية") says who a person is to someone: a role alone, the name follows it.
KINSHIP_NOUNS: frozenset[str] = frozenset(
    """ابن ابنة بنت زوج زوجة شقيق شقيقة أخ أخت والد والدة أب أم جد جدة حفيد حفيدة عم عمة خال خالة""".split()
)
POSSESSIVE_SUFFIXES = ("ه", "ها", "هم", "هما", "هن")
KINSHIP_WORDS: frozenset[str] = (
    KINSHIP_NOUNS
    | frozenset(
        (noun[:-1] + "ت" if noun.endswith("ة") else noun) + suffix
        for noun in KINSHIP_NOUNS
        for suffix in POSSESSIVE_SUFFIXES
    )
    | frozenset("أبوه أبوها أخوه أخوها".split())
)
# "منسق المنظمة في السودان مارك بيرنار": the role's place, after "in", comes between the role and the name;
# so does whom an office holder sits for, after "عن" ("النائب عن كتلة الإعمار حيدر الساعدي").
PLACE_PREPOSITIONS = frozenset("في لدى عن".split())
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


# Titles written as a letter and a full stop: "د." (doctor), "م." (engineer), "أ." (professor).
ABBREVIATED_TITLES = frozenset("د م أ".split())
# The longest noun phrase read after a cue: a chain of offices may come before the name ("وزير الدولة
# للشؤون الخارجية عضو مجلس الوزراء عادل المطيري").
MOST_WORDS = 12
# "Was" and its sisters in the past: a verb, never a name's part, that opens a clause describing the
# person just named or described ("مسافر كان ينتظر", "سيدة كانت تقف"); in the present they look like
# any verb ("يكون", "تظل").
BEING_VERBS = frozenset("كان كانت كانوا ظل ظلت ظلوا بات باتت باتوا أصبح أصبحت أصبحوا صار صارت صاروا".split())


# A verbal noun of the pattern تفعيل ("تعليق", "تأجيل", "تمديد"), the object of a verb of announcing.
VERBAL_NOUN = regex.compile(r"ت\p{Arabic}{2}ي\p{Arabic}")


# "، وهو أب لخمسة أطفال يدعى": a clause after the speaker's comma that gives their name after "named".
WHO_IS_NAMED = regex.compile(
    r"\s*[،,]\s*(?:وهو|وهي)\s+[^،,:«\x00.\n]{0,60}?(?<![\p{Arabic}])(?:يدعى|تدعى|يُدعى|تُدعى)\s+"
)


def _speaker_after(masked: str, start: int, end: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(name span, role span) of the noun phrase that starts at ``start``."""
    words: list = []
    place: list = []  # the role's "في ..." complement, once one has begun
    in_marks = False  # inside a body's name in guillemets ("لحركة «حماس»"), which the role goes on past
    opening = [match for match in WORD.finditer(masked, start, min(end, start + 40))][:2]
    if len(opening) == 2 and opening[0].group() == "ما" and _cue_with_object(opening[1].group()):
        # "وفق ما قال الخبير ...", "بحسب ما أفاد صرافون", "وفقا لما ذكرته صحيفة": the subject of that verb.
        start = opening[1].end()
    after_abbreviation = False  # the full stop of "د." still to pass
    for match in WORD.finditer(masked, start, end):
        token = match.group()
        if after_abbreviation and token == ".":
            after_abbreviation = False
            continue
        if not words and token in ABBREVIATED_TITLES and masked[match.end() : match.end() + 1] == ".":
            after_abbreviation = True  # "د. علي الشمري": a title shortened to its letter and a full stop
            continue
        if in_marks:
            if token == "»":
                in_marks = False
                (place or words).append(match)
            continue
        if token == "«" and (place or words) and _owns_name_in_marks((place or words)[-1].group()):
            in_marks = True
            continue
        if token in PLACE_PREPOSITIONS and not place and words and _role_head(words[0].group()):
            place.append(match)
            continue
        if not ARABIC_LETTER.match(token) or token in STOP_WORDS or len(words) + len(place) >= MOST_WORDS:
            break
        if words and token in ARABIC_CUE_WORDS and token[:1] in ("و", "ف"):
            break  # "أما سائق الأجرة كرار محسن فقال": the verb of the topic's predicate
        if words and token in BEING_VERBS:
            break  # "مسافر كان ينتظر رحلته": a clause describing the person, no part of the speaker
        if place:
            place.append(match)
            continue
        if token.startswith("لل") and not _in_role(words) and not _body_complement(words, token):
            break  # "أحمد الصحاف للصحفيين": after a name, "to the ..." is the listener
        if len(words) > 1 and words[-1].group().startswith("ال") and VERBAL_NOUN.fullmatch(token):
            break  # "أعلنت وزارة التربية تعليق الدراسة": after a body's definite word, the act is the object
        words.append(match)
    if not words:
        return None, None
    if _unnamed_by_request(masked, (place or words)[-1].end(), end):
        # "مسؤول في شركة تطوير عقاري كبرى، فضل عدم الكشف عن اسمه،": whoever asks not to be named has no
        # name in the phrase, whatever its last words look like; the speaker is the noun that describes.
        described = _description_length([word.group() for word in words])
        if described:
            return (words[0].start(), words[described - 1].end()), None
    named = next((index for index, word in enumerate(words) if word.group() in NAMED_VERBS), 0)
    if 0 < named < len(words) - 1:
        # "عامل بنغالي يدعى رفيق الإسلام": the name is what follows "named".
        after = words[named + 1 : named + 4]
        size = (
            3 if len(after) == 3 and after[2].group().startswith("ال") and not after[1].group().startswith("ال") else 2
        )
        after = after[:size]
        return (after[0].start(), after[-1].end()), (words[0].start(), words[named - 1].end())
    who_is = WHO_IS_NAMED.match(masked, words[-1].end(), end)
    if who_is is not None:
        # "وروى أحدهم، وهو أب لخمسة أطفال يدعى عمر الزين:": the name the clause after the comma gives.
        after = [word for word in WORD.finditer(masked, who_is.end(), min(end, who_is.end() + 60))][:3]
        if len(after) >= 2 and all(ARABIC_LETTER.match(word.group()) for word in after[:2]):
            size = (
                3
                if len(after) == 3 and after[2].group().startswith("ال") and ARABIC_LETTER.match(after[2].group())
                else 2
            )
            return (after[0].start(), after[size - 1].end()), None
    role_alone = (_role_head(words[0].group()) or words[0].group() in KINSHIP_WORDS) and _role_only(words)
    if not place and role_alone:
        # "الأمين العام للوزارة، المهندس عمر الخطيب،": a role alone, then the name in apposition.
        appositive = _appositive_after_comma(masked, words[-1].end(), end)
        if appositive is not None:
            return appositive, (words[0].start(), words[-1].end())
    if len(place) > 1 and role_alone:
        # "منسقة الشؤون الإنسانية في المدينة، إيمان عثمان،": a role and where it is held, a comma, the name;
        # all before the comma is the place, however it ends ("في مدرسة البنات بمدينة العيون،").
        appositive = _appositive_after_comma(masked, place[-1].end(), end)
        if appositive is not None:
            return appositive, (words[0].start(), place[-1].end())
    named, length = _name_after_place([match.group() for match in place[1:]])
    if named:
        # The role runs to the end of the place; the name follows it.
        return (place[named].start(), place[named + length - 1].end()), (words[0].start(), place[named - 1].end())
    name_from = 0
    head = words[0].group()
    # "سائق الأجرة كرار محسن": a noun for a person before a definite complement is definite too, a role.
    construct = len(words) > 2 and words[1].group().startswith("ال") and not words[2].group().startswith("ال")
    possessed = _possessed_role(head)
    if (
        head in ROLE_WORDS
        or head in TITLES
        or (head in PERSON_NOUNS and (head.startswith("ال") or construct))
        or possessed
    ):
        # "الصياد حسن البيطار", "الدكتور سامي نادر": a definite noun for a person, or a title, is a role
        # before the name, as an office is; being definite itself, the name may follow it straight away.
        # So is an office with a possessive pronoun ("مدربه التونسي", its Tunisian coach).
        seen_definite = head.startswith("ال") or possessed
        name_from = len(words)
        for index, word in enumerate(words[1:], start=1):
            # "والمحلل السياسي": a second role joined by "and"; "باسم وزارة الداخلية": the body's name.
            definite = (
                word.group().startswith(("ال", "بال", "وال"))
                or (word.group() == "باسم" and _on_behalf_of(words, index))
                or (words[index - 1].group() == "باسم" and _on_behalf_of(words, index - 1))
                or word.group() == "»"  # the end of a body's name in guillemets
            )
            # "لشؤون الاقتصاد": a complement with a preposition belongs to the role.
            # A name may open with ل or ب too ("بوعلام بوغلاف"): the complement's next word is definite.
            prepositional = (
                word.group().startswith(("ل", "ب"))
                and index + 1 < len(words)
                and (word.group().startswith(("لل", "بال")) or words[index + 1].group().startswith(("ال", "»")))
            )
            if words[index - 1].group() in PERSONAL_TITLES and word.group() not in TITLES_AND_NOUNS:
                # After "الدكتور" or "الشيخ" comes the name, even when it opens with ب or the article
                # ("المهندس بابكر الأمين", "الشيخ الطيب الجد").
                name_from = index
                break
            if word.group() in BODY_NOUNS or (seen_definite and word.group() in ROLE_WORDS and not definite):
                # "باسم جمعية حماية المستهلك": a body's name runs to its definite word, all of it the role's;
                # so does a second office held by the same person ("وزير الدولة ... عضو مجلس الوزراء").
                seen_definite = False
                continue
            if seen_definite and not definite and not prepositional:
                name_from = index
                break
            if word.group() == "عبد" and index + 1 < len(words) and index > 0:
                name_from = index  # "الشيخ عبد الله بن زايد": عبد and a definite word are one given name
                break
            seen_definite = seen_definite or definite
    if name_from >= len(words) and not place and (head in ROLE_WORDS or possessed):
        # "مدرب منتخب قطر، الإسباني خوان مارتينيث،": an office of a body named without the article holds no
        # name; the name is in apposition, after any word that describes it.
        appositive = _appositive_after_comma(masked, words[-1].end(), end)
        if appositive is not None:
            return appositive, (words[0].start(), words[-1].end())
    parent = _parent_of([word.group() for word in words[:2]])
    if (name_from >= len(words) or name_from == 0) and (describing_noun(head) or parent):
        described = _description_length([word.group() for word in words])
        if described:
            # "مهندس يعمل في المشروع": an unnamed person is the noun and its adjectives, not the clause after.
            return (words[0].start(), words[described - 1].end()), None
    if name_from >= len(words):
        return (words[0].start(), words[-1].end()), None
    if 1 < name_from and words[name_from].group() in NAME_PARTICLES and words[name_from - 1].group().startswith("ال"):
        # "مدربه التونسي الهادي بن سالم": no name opens with "son of"; the definite word before the particle
        # is the given name ("الهادي", "الطاهر"), not one more adjective of the role.
        name_from -= 1
    role = (words[0].start(), words[name_from - 1].end()) if name_from else None
    # A name is two words, and a third when it is a family name with the article (al-).
    name_end = min(len(words), name_from + 2)
    if (
        name_end < len(words)
        and words[name_end].group().startswith("ال")
        and role is not None
        and (
            not words[name_end - 1].group().startswith("ال")
            or words[name_end - 2].group() == "عبد"
            or words[name_end - 1].group() in GIVEN_NAME_SECOND_PARTS
        )
    ):
        # "محمد أمين الحداد", "عبد اللطيف الساهلي", "نور الدين الزاهي"; but after a family name with the
        # article, a third definite word is the verb's object ("مصطفى الفيتوري الوضع").
        name_end += 1
    if role is not None:
        name_end = _third_part(masked, words, name_from, name_end)
    if name_end + 1 < len(words) and words[name_end].group() in NAME_PARTICLES and role is not None:
        name_end += 2  # a family name with its particle: "عبد الله بن زايد"
    elif name_end < len(words) and words[name_end - 1].group() in NAME_PARTICLES and role is not None:
        name_end += 1  # "حسام أبو صفية"
    if role is not None:
        name_end = _past_lineage(words, name_end)
        name_end = _father_of_two_words(masked, words, name_end)
    if role is None:
        name_end = min(len(words), name_from + 5)
        if head in BODY_NOUNS or head[2:] in BODY_NOUNS:
            # A body's name runs to its last definite word, however many complements are joined by و
            # ("وزارة الثروة الزراعية والسمكية وموارد المياه").
            definite = [index for index, word in enumerate(words) if word.group().startswith(("ال", "لل", "وال"))]
            name_end = max(name_end, definite[-1] + 1) if definite else name_end
    return (words[name_from].start(), words[name_end - 1].end()), role


# The second word, with the article, of a given name of two ("صلاح الدين", "فاطمة الزهراء", "محمد الهادي").
GIVEN_NAME_SECOND_PARTS = frozenset("الدين الإسلام الله الزهراء الهادي الأمين الطاهر الصادق الرحمن".split())


def _two_part_name(words: list[str], name_from: int, name_end: int) -> bool:
    """Whether words ``name_from`` to ``name_end`` are a given name and a second name without the article,
    each a word or a compound ("ياسين محمد", "شريف عبد الرحمن", "نور الدين حسن")."""
    parts = 0
    index = name_from
    while index < name_end:
        word = words[index]
        if index + 1 < name_end and (word == "عبد" or words[index + 1] in GIVEN_NAME_SECOND_PARTS):
            index += 2  # "عبد الرحمن", "نور الدين": one part of two words
        elif word.startswith("ال") or not ARABIC_LETTER.match(word):
            return False
        else:
            index += 1
        parts += 1
    return parts == 2


def _third_part(masked: str, matches: list, name_from: int, name_end: int) -> int:
    """Where a name after a role ends when it may have a third part: a compound family name ("حسن شمس
    الدين"), or a last word the phrase's comma or colon closes ("وزير المالية ياسين محمد عيتاني،",
    "الدكتور شريف عبد الرحمن النجار،"); otherwise ``name_end`` as it is."""
    words = [match.group() for match in matches]
    if name_end >= len(words):
        return name_end
    if name_end == name_from + 2 and words[name_from] == "عبد" and _plain_word(words[name_end]):
        return name_end + 1  # a given name of two words, then the family name: "عبد المجيد تبون"
    if not _two_part_name(words, name_from, name_end):
        return name_end
    if name_end + 1 < len(words) and words[name_end + 1] in GIVEN_NAME_SECOND_PARTS and _plain_word(words[name_end]):
        return name_end + 2
    last = words[name_end]
    closed = masked[matches[name_end].end() :].lstrip()[:1] in ("،", ",", ":", ".", "؛")
    if closed and (last.startswith("ال") or _plain_word(last)) and last not in PERSON_NOUNS and last not in TITLES:
        return name_end + 1
    return name_end


def _cue_with_object(word: str) -> bool:
    """Whether ``word`` is a verb of saying, bare or with the pronoun of its object ("ذكرته", "أعلنتها")."""
    if word in ARABIC_CUE_WORDS:
        return True
    return any(word.endswith(suffix) and word[: -len(suffix)] in ARABIC_CUE_WORDS for suffix in ("ه", "ها"))


def _past_lineage(words: list, name_end: int) -> int:
    """Where a name that ends with "son of" or "daughter of" and a given name ends: further links of the
    chain ("بن راشد بن سعيد"), then the family name with the article or after آل ("يوسف بن حمد
    البلوشي", "محمد بن راشد آل مكتوم")."""
    if name_end < 2 or words[name_end - 2].group() not in NAME_PARTICLES:
        return name_end
    while name_end + 1 < len(words) and words[name_end].group() in NAME_PARTICLES:
        name_end += 2
    if name_end < len(words) and words[name_end].group().startswith("ال"):
        name_end += 1
    return name_end


def _father_of_two_words(masked: str, words: list, name_end: int) -> int:
    """Where a name that ends with "ولد" or "منت" and a word ends when the father's name has a second word
    that the phrase's comma or colon closes ("المريض سيدي محمد ولد أحمد سالم،")."""
    if name_end < 2 or name_end >= len(words) or words[name_end - 2].group() not in MAURITANIAN_PARTICLES:
        return name_end
    closed = masked[words[name_end].end() :].lstrip()[:1] in ("،", ",", ":", ".", "؛")
    return name_end + 1 if closed and _plain_word(words[name_end].group()) else name_end


# "طلب عدم ذكر اسمه", "فضل عدم الكشف عن هويته": the words of a request for anonymity.
ANONYMITY = regex.compile(r"\s*[،,]\s*(?:\p{Arabic}+\s+){1,2}عدم\s+(?:\p{Arabic}+\s+){1,3}?(?:اسم|هوي)")


def _unnamed_by_request(masked: str, at: int, end: int) -> bool:
    """Whether the clause after the comma at ``at`` is a request for anonymity."""
    return ANONYMITY.match(masked, at, end) is not None


def _possessed_role(word: str) -> bool:
    """Whether ``word`` is an office with a possessive pronoun: "مدربه" (its coach), "رئيسته", "محاميها"."""
    for suffix in POSSESSIVE_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) > 2 and (stem in ROLE_WORDS or stem[:-1] + "ة" in ROLE_WORDS):
            return not stem.startswith("ال")
    return False


def _role_head(word: str) -> bool:
    """Whether ``word`` opens a role that a place may follow before the name: an office ("منسق"), or a
    definite noun for a person ("الممرضة في قسم غسيل الكلى، مريم ...")."""
    return word in ROLE_WORDS or (word.startswith("ال") and word in PERSON_NOUNS)


VERB_FORMS: frozenset[str] = frozenset(cues.ARABIC_VERBS)
DIACRITICS = regex.compile(r"[\u064b-\u0652\u0640]")


def cue_gender(cue: str) -> str:
    """The gender a verb of saying agrees with: "f" for a feminine subject ("قالت", "وأضافت", "تقول"),
    "m" for a masculine one ("قال", "يقول", "تابع"), "" for a plural, a phrase or anything else. A past
    verb is feminine when it ends in ت after the masculine form; a present one when it opens with ت
    where the masculine opens with ي."""
    word = DIACRITICS.sub("", cue.strip())
    said = SAID_BY_PRONOUN.search(word)
    if said is not None:
        return "f" if said.group(1) == "ها" else ("m" if said.group(1) == "ه" else "")
    if word in cues.ARABIC_PARTICIPLES:
        return "f" if word.endswith("ة") else "m"
    if word[:1] in ("و", "ف") and word[1:] in VERB_FORMS:
        word = word[1:]
    if word not in VERB_FORMS or word.endswith("وا"):
        return ""
    if word.endswith("ت") and (word[:-1] in VERB_FORMS or word[:-1] + "ى" in VERB_FORMS):
        return "f"
    if word.startswith("ت") and "ي" + word[1:] in VERB_FORMS:
        return "f"
    return "m"


# "على حد قولها", "حسب تعبيره": in her (his, their) words, after a quotation, with no name.
SAID_BY_PRONOUN = regex.compile(r"(?:على\s+حد|حسب|بحسب)\s+(?:قول|تعبير)(ه|ها|هم|هما|هن)(?![\p{Arabic}])")


def name_gender(name: str) -> str:
    """The gender a name shows by its lineage: "بنت" (daughter of) is a woman's, "بن" a man's."""
    parts = name.split()[1:]
    if "بنت" in parts or "منت" in parts:
        return "f"
    if "بن" in parts or "ولد" in parts:
        return "m"
    return ""


def person_noun(word: str) -> str:
    """The noun for a person that ``word`` is, without the ending of the accusative ("ممثلا" after
    أن is ممثل), or "" when it is none."""
    if word in PERSON_NOUNS:
        return word
    for ending in ("اً", "ًا", "ا"):
        if word.endswith(ending) and word[: -len(ending)] in PERSON_NOUNS:
            return word[: -len(ending)]
    return ""


def describing_noun(word: str) -> str:
    """The noun for a person or a source that ``word`` is, without the ending of the accusative
    ("مصدرا" after أن is مصدر), or "" when it is none."""
    found = person_noun(word)
    if found or word in SOURCE_NOUNS:
        return found or word
    for ending in ("اً", "ًا", "ا"):
        if word.endswith(ending) and word[: -len(ending)] in SOURCE_NOUNS:
            return word[: -len(ending)]
    return ""


def without_case_ending(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` without the ending of the accusative when it is one noun for an unnamed person or source
    ("أن مصدرا في الوزارة ... كشف": the speaker is "مصدر", the noun as it is named elsewhere)."""
    word = text[span[0] : span[1]]
    noun = describing_noun(word)
    if not noun or noun == word or " " in word:
        return span
    return span[0], span[0] + len(noun)


def _looks_like_verb(word: str) -> bool:
    """An imperfect verb ("يعمل", "تدير"): ي or ت before at least three letters, and not the ending of
    an adjective of origin ("تونسي", "يمنية")."""
    return len(word) >= 4 and word.startswith(("ي", "ت")) and not word.endswith(("ي", "ية", "ة", "يون", "يين"))


# Documents that speak for whoever issued them.
DOCUMENT_NOUNS = frozenset("بيان تقرير إحصاءات احصاءات أرقام بيانات معطيات دراسة وثيقة رسالة تقديرات".split())


def document_mention(masked: str, word: str, before: int) -> int:
    """Where the document that a definite document noun ("البيان", "التقرير") stands for was last
    mentioned before ``before`` ("وقالت الجمعية في بيان إن ..."), or -1: the statement speaks for whoever
    issued it there."""
    if not word.startswith("ال") or word[2:] not in DOCUMENT_NOUNS:
        return -1
    pattern = regex.compile(rf"(?<![\p{{Arabic}}])[وفبل]?(?:ال)?{regex.escape(word[2:])}(?:ا|اً)?(?![\p{{Arabic}}])")
    found = -1
    for match in pattern.finditer(masked, 0, before):
        found = match.start()
    return found


def _document_author(masked: str, start: int, end: int) -> tuple[tuple[int, int] | None, None] | None:
    """The body after "according to a statement of" or "... issued by": "بيان لوزارة الصحة" is وزارة
    الصحة, "تقرير صادر عن الهيئة" is الهيئة. None when no document opens the phrase."""
    words = [match for match in WORD.finditer(masked, start, end)][:4]
    if not words or words[0].group() not in DOCUMENT_NOUNS:
        return None
    rest = words[1:]
    while rest and rest[0].group().startswith(("صادر", "الصادر")):
        rest = rest[1:]  # "صادر عن", "الصادرة عن": issued by
    if rest and rest[0].group() == "عن" and len(rest) > 1:
        author = rest[1].start()
    elif rest and rest[0].group().startswith("ل") and len(rest[0].group()) > 3 and not rest[0].group().startswith("لل"):
        author = rest[0].start() + 1  # "لوزارة": the body without "of"
    elif rest and rest[0].group().startswith("لل"):
        author = rest[0].start() + 1  # "للوزارة" is "الوزارة"
    elif rest and rest[0].group().startswith("ال") and (len(rest) == 1 or not ARABIC_LETTER.match(rest[1].group())):
        author = rest[0].start()  # "لتقديرات الجمعية": a construct with the body last
    elif rest and ARABIC_LETTER.match(rest[0].group()) and rest[0].group() not in STOP_WORDS:
        author = rest[0].start()  # "لبيانات مصرف لبنان", "بحسب بيان وزارة الصحة": a construct with the body
    else:
        return None
    speaker, _ = _speaker_after(masked, author, end)
    return (speaker, None) if speaker is not None else None


def _description_length(words: list[str]) -> int:
    """How many of ``words`` describe an unnamed person: an indefinite noun for a person ("طبيب",
    "ممثلا") and up to two adjectives after it ("طبيب متطوع"). What follows is no part of it: a verb
    ("مهندس يعمل في ..."), a definite word, or "for one of" ("ممثلا لإحدى المنظمات"). 0 when the first
    word is no such noun, or opens a construct with a definite word ("رئيس الوزراء")."""
    if _parent_of(words):
        return 1
    if not words or words[0].startswith("ال") or not describing_noun(words[0]):
        return 0
    if len(words) > 1 and words[1].startswith("ال"):
        return 0
    generic = words[0] not in ROLE_WORDS
    for count, word in enumerate(words[1:3], start=1):
        if word in STOP_WORDS or word in ARABIC_CUE_WORDS or _looks_like_verb(word):
            return count
        if word.startswith("ل") and (generic or word[1:] in ONE_OF) and not word.endswith(("ي", "ية")):
            return count
        if word.startswith("ال"):
            return 0  # a definite word so soon may be a name's ("محافظ نينوى أحمد الطائي"): left as it was
    # Anything longer may hold a name.
    return len(words) if len(words) <= 3 else 0


def _parent_of(words: list[str]) -> bool:
    """Whether ``words`` open with a kinship noun and "لـ" with whom the person is kin to ("أب لثلاثة
    أولاد", a father of three; "أم لطفلين"): an unnamed person, the noun alone. "أم حسن" is a name."""
    return len(words) > 1 and words[0] in KINSHIP_NOUNS and words[1].startswith("ل") and not words[1].startswith("لل")


# "لإحدى المنظمات", "لأحد المصارف": for one of them.
ONE_OF = frozenset("إحدى احدى أحد احد".split())


def _on_behalf_of(words: list, index: int) -> bool:
    """Whether "باسم" at ``index`` is "on behalf of" a body ("باسم الحكومة", "باسم وزارة الداخلية"), not
    the given name Basem ("باسم نعيم")."""
    after = [word.group() for word in words[index + 1 : index + 3]]
    if not after:
        return False
    return after[0].startswith("ال") or after[0] in BODY_NOUNS or (len(after) > 1 and after[1].startswith(("ال", "»")))


# Nouns that open the name of a body: "باسم جمعية حماية المستهلك" speaks for it.
BODY_NOUNS = frozenset(
    """وزارة هيئة لجنة مديرية مجلس جمعية نقابة اتحاد مؤسسة منظمة مكتب دائرة حكومة رئاسة جيش قوات شرطة وكالة
    حركة حزب شركة مجموعة بلدية محافظة سفارة""".split()
)


NAMED_VERBS = frozenset("يدعى تدعى يُدعى تُدعى يسمى تسمى".split())


def _role_only(words: list) -> bool:
    """Whether a role's words hold no name: after the role noun, only definite words and complements with
    a preposition ("الأمين العام للوزارة"), or a complement with ل or ب before a definite word ("لأصحاب
    المخابز", "باسم الوزارة")."""
    rest = words[1:]
    if words[0].group().startswith("ال") and rest and not rest[0].group().startswith(("ال", "ل", "ب", "و")):
        return False  # "الشيخ أحمد الطيب": a definite role or title, then a name straight away
    for index, word in enumerate(rest):
        text = word.group()
        if text.startswith(("ال", "لل", "بال", "وال")) or text in ("باسم", "»"):
            # "وال": a second definite complement joined by "and" ("للفلاحة والصيد البحري"); "باسم": on
            # behalf of ("المتحدث باسم منظمة الصحة العالمية").
            continue
        if text.startswith(("ل", "ب")) and index + 1 < len(rest) and rest[index + 1].group().startswith(("ال", "»")):
            continue
        if index == len(rest) - 1 and index > 0 and text.startswith("ب") and len(text) > 3:
            continue  # where the office is, last: "رئيس الاتحاد الجهوي بصفاقس"
        if any(later.group().startswith(("ال", "لل", "بال")) for later in rest[index + 1 :]):
            continue  # a construct: "مدير دائرة النقل", "المتحدث باسم جمعية حماية المستهلك"
        return False
    return True


def _appositive_after_comma(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The name in apposition when the next mark after ``start`` is a comma."""
    comma = WORD.search(masked, start, end)
    if comma is None or comma.group() not in ("،", ","):
        return None
    return _appositive_name(masked, comma.end(), end)


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
    particle = next((index for index, word in enumerate(words) if index and word.group() in NAME_PARTICLES), 0)
    if particle and particle + 2 == len(words):
        # A family name with its particle last: the given name is the one or two words before it, with the
        # article or not ("الطاهر الصادق بن عمر"), after any title ("الدكتور محمد بن سالم").
        first = max(0, particle - 2)
        if first < particle - 1 and words[first].group() in TITLES:
            first += 1
    name = [word.group() for word in words[first:]]
    # Four words when the name holds a family particle or a part of two words: "محمد الهادي بن سالم",
    # "شريف عبد الرحمن النجار", "ليلى حسن شمس الدين".
    compound = "عبد" in name[:-1] or any(part in GIVEN_NAME_SECOND_PARTS for part in name[1:])
    # A given name of two words, the second with the article, before a particle: "محمد المختار ولد ...".
    compound = compound or (len(name) > 2 and name[1].startswith("ال") and name[2] in NAME_PARTICLES)
    # Five when it holds both ("محمد الأمين ولد سيدي بوب").
    particles = any(part in NAME_PARTICLES for part in name[1:])
    longest = 3 + particles + compound
    if not 2 <= len(name) <= longest or (name[0].startswith("ال") and not particle and not _given_with_article(name)):
        return None
    if any(part in STOP_WORDS or part in NOT_IN_NAMES or part in ARABIC_CUE_WORDS for part in name):
        return None  # "طلب عدم ذكر اسمه": a request for anonymity, not a name
    if name[0] in PERSON_NOUNS or (name[0] in KINSHIP_WORDS and name[0] not in KUNYA_OPENERS):
        return None  # a second description ("زوجة الوزير"), not a name; "أم حسن" is a name
    return words[first].start(), words[-1].end()


# Given names written with the article, common in the Maghreb ("المنجي الورتاني", "الطاهر الفرجاني"): a name
# in apposition may open with one of them. Not "الأمين", also the office of a secretary ("الأمين العام").
GIVEN_NAMES_WITH_ARTICLE = frozenset(
    """الحبيب الطاهر الهادي الصادق المختار الطيب المهدي البشير الأزهر المنجي المنصف الناصر العربي الجيلاني
    المولدي الصغير العياشي الحسين الحسن""".split()
)


def _given_with_article(name: list[str]) -> bool:
    """Whether ``name`` opens with a given name written with the article, then a name of one or two words
    ("المنجي الورتاني", "الطاهر بن عمر"), and not a definite role or time ("الأمين العام")."""
    return name[0] in GIVEN_NAMES_WITH_ARTICLE and not any(part in PERSON_NOUNS or part in TITLES for part in name[1:])


# Titles written before a name with the article.
TITLES = frozenset(
    """الدكتور الدكتورة المهندس المهندسة الأستاذ الأستاذة الشيخ الحاج الحاجة السيد السيدة اللواء العميد العقيد
    القاضي المحامي النائب الأمير الأميرة""".split()
)
# Titles that only ever stand before a name (not "النائب العام", "اللواء الركن").
PERSONAL_TITLES = frozenset(
    "الدكتور الدكتورة المهندس المهندسة الشيخ الحاج الحاجة السيد السيدة الأستاذ الأستاذة الأمير الأميرة".split()
)
# "أم حسن", "أبو علي": a parent's name by the eldest child's, used as a person's name.
KUNYA_OPENERS = frozenset("أم أب أبو".split())
# Words that open a family name: "بن سالم"، "أبو زيد"، "آل ثاني".
NAME_PARTICLES = frozenset("بن ابن بنت أبو ابو أبي بو آل ولد منت".split())
# Mauritanian names join a father's name by "ولد" (son of) or "منت" (daughter of), and that name is often
# of two words itself ("سيدي محمد ولد أحمد سالم", "مريم منت محمد فال").
MAURITANIAN_PARTICLES = frozenset("ولد منت".split())
# Words of the asides that keep a speaker unnamed, never part of a name.
# Nor those of asides about when or where ("عقب لقائه نظيره") or who someone is ("وهو طبيب"), nor a
# participle saying how the words were said ("مخاطبا النواب", addressing the deputies).
NOT_IN_NAMES = frozenset(
    """اسمه اسمها اسمهم هويته هويتها هويتهم عدم وهو وهي وهم عقب إثر أثناء وسط ضمن متحدثا مخاطبا مضيفا مشيرا
    موضحا معلقا معربا مؤكدا لافتا قائلا مشددا محذرا داعيا مطالبا رافضا معتبرا متسائلا ردا متحدثة مخاطبة مضيفة
    مشيرة موضحة معلقة معربة مؤكدة لافتة قائلة مشددة محذرة داعية مطالبة رافضة معتبرة متسائلة""".split()
)


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
    if len(name) < 2 or name[0].startswith(("ال", "بال", "لل", "وال")):
        return 0, 0  # "في كلية الهندسة بالجامعة الأردنية": all place, no name
    name_length = 3 if len(name) >= 3 and name[2].startswith("ال") and not name[0].startswith("ال") else 2
    if len(name) >= name_length + 2 and name[name_length + 1] in GIVEN_NAME_SECOND_PARTS and _plain_word(name[2]):
        name_length += 2  # a family name of two words: "منى خليل زين الدين"
    elif name_length == 3 and name[1] == "عبد" and len(name) >= 4 and name[3].startswith("ال"):
        name_length = 4  # "سامر عبد الله الخطيب"
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


# A headline's second part after "..": one word, with or without و, then a colon (".. والحكومة:").
HEADLINE_SPEAKER = regex.compile(r"\.\.\s*و?(\p{Arabic}+)\s*:\s*$")


def attribute(masked: str, sentences: Sentences, span: QuoteSpan) -> ArabicAttribution:
    sentence_start, _ = sentences.at(span.open_mark)
    close_at = span.close_mark if span.close_mark is not None else span.end - 1
    _, sentence_end = sentences.at(close_at)
    before = masked[sentence_start : span.open_mark]
    if _a_name_in_marks(before, masked[span.open_mark : span.outer_end]) or _named_after_person_noun(
        masked, before, span
    ):
        return ArabicAttribution(None, None, None, False, "name")
    fragment = bool(THAT_AT_END.search(before)) or _inside_reported_clause(before)
    in_headline = "\n" not in masked[: span.open_mark]
    headline_speaker = HEADLINE_SPEAKER.search(masked, 0, span.open_mark) if in_headline else None
    if headline_speaker is not None:
        # "جدل نيابي حول رفع التعرفة.. والحكومة: «...»": a headline's second part, a body and a colon.
        return ArabicAttribution(None, headline_speaker.span(1), None, False, "leading")
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
    if not matches:
        # "ونقل موقع إخباري عن مصدر في وزارة الكهرباء أن ...": without "قوله", what follows "أن" is reported from
        # the one named after عن.
        narrated = [match for match in NARRATED_FROM.finditer(masked, sentence_start, span.open_mark)]
        if narrated:
            speaker, role = _speaker_after(masked, narrated[-1].end(), span.open_mark)
            if speaker is not None:
                return ArabicAttribution(narrated[-1].group(1), speaker, role, fragment, "leading")
    if not matches:
        stated = [match for match in STATED_IN.finditer(masked, sentence_start, span.open_mark)]
        author = _document_author(masked, stated[-1].end(), span.open_mark) if stated else None
        if author is not None and author[0] is not None:
            return ArabicAttribution(stated[-1].group().strip(), author[0], None, fragment, "leading")
    if not matches:
        rejected = [match for match in REJECTED_CLAIMS.finditer(masked, sentence_start, span.open_mark)]
        if rejected:
            # "ورفض الصالحي الاتهامات بأن ...": the subject of "rejected", before the claims.
            claims = rejected[-1].end() - len(rejected[-1].group().split()[-1])
            speaker, role = _speaker_after(masked, rejected[-1].end("verb"), claims)
            if speaker is not None:
                return ArabicAttribution(rejected[-1].group("verb"), speaker, role, fragment, "leading")
    if not matches:
        # "ودعت الجمعية السكان إلى ...، مؤكدة أن «...»": no cue, a participle of saying for the subject of
        # the verb that opens the sentence.
        reported = _participle_subject(masked, sentence_start, span.open_mark)
        if reported is not None:
            return ArabicAttribution(reported[0], reported[1], reported[2], True, "leading")
    if not matches and (OBJECT_AT_END.search(before) or DEMANDED_ACT_AT_END.search(before)):
        # "فقد طالب الحكومة بـ«خطة طوارئ»": words demanded or called for, after بـ or إلى, are a fragment.
        matches = list(DEMAND_VERB.finditer(masked, sentence_start, span.open_mark))
        fragment = fragment or bool(matches)
    if matches and not fragment and not before.rstrip().endswith(":"):
        # "وأضافت ...، داعية المانحين إلى «...»", "داعيا الحكومة إلى الاستثمار ... «بدلا من ...»": after the
        # cue, a verb or participle of demanding, and no colon: the quoted words finish its clause.
        fragment = bool(DEMANDING.search(masked, matches[-1].end(), span.open_mark))
    if matches:
        match = matches[-1]
        if _inscribed(masked[match.end() : span.open_mark]):
            # "لافتات كتب عليها «...»": words written on a placard or a wall, a slogan and not speech.
            return ArabicAttribution(None, None, None, False, "inscription")
        speaker, role = _speaker_after(masked, match.end(), span.open_mark)
        if _accusing(match.group()) and not before.rstrip().endswith(":"):
            # "ونفت الشرطة ...، واتهمت «مندسين» بإثارة الفوضى", "واتهمت الحكومة بـ«...»": what is quoted
            # after "accused" is the charge or the accused, a fragment; after و the noun that follows the
            # verb is the one accused, and the speaker is the subject of the verb before.
            fragment = True
            if speaker is not None and OBJECT_AT_END.fullmatch(masked, speaker[1], span.open_mark):
                # Not "اتهم النائب، فارس الدباغ، الحكومة بـ": the one accused after the name's comma.
                speaker = _without_accused(masked, speaker)
            if match.group().startswith(("و", "ف")):
                shared: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None)
                for earlier in matches[:-1][::-1]:
                    shared = _speaker_after(masked, earlier.end(), match.start())
                    if shared[0] is not None:
                        break
                if shared[0] is None:
                    shared = _coordinated_subject(masked, sentence_start, match)
                if shared[0] is not None:
                    speaker, role = shared
        if match.group().endswith("ل") and masked[match.end() : match.end() + 1] == "ل":
            # "وفقا للأستاذ": "ل" before the article drops its alif; read the noun with it ("الأستاذ"),
            # the same length, so that the spans stay those of the text.
            at = match.end() - 1
            speaker, role = _speaker_after(masked[:at] + "ا" + masked[at + 1 :], at, span.open_mark)
        if match.groupdict().get("phrase") is not None:
            # "بحسب بيان لوزارة الصحة", "وفق تقرير صادر عن الهيئة": the body the document is from.
            speaker, role = _document_author(masked, match.end(), span.open_mark) or (speaker, role)
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
            speaker, role = _coordinated_subject(
                masked, sentence_start, match, match.group().strip() in cues.ARABIC_PARTICIPLES
            )
        if speaker is None and _step_said(masked, sentence_start, match):
            # "قرر البنك ...، في خطوة قال إنها ...": the one whose step it is, the subject of the verb
            # that opens the sentence.
            speaker, role = _opening_subject(masked, sentence_start, match.start())
        if speaker is None and not masked[sentence_start : match.start()].strip():
            speaker, role = _previous_subject(masked, sentences, sentence_start, match.group())
        return ArabicAttribution(match.group().strip(), speaker, role, fragment, "leading" if speaker else "floating")
    said = SAID_BY_PRONOUN.search(masked, span.outer_end, sentence_end)
    if said is not None and not masked[span.outer_end : said.start()].strip(" ،,"):
        # "«...»، على حد قولها": whoever spoke last whose gender the pronoun is.
        return ArabicAttribution(said.group(), None, None, False, "floating")
    after = list(cues.ARABIC_CUE.finditer(masked, span.outer_end, sentence_end))
    if after:
        match = after[0]
        speaker, role = _speaker_after(masked, match.end(), sentence_end)
        return ArabicAttribution(match.group().strip(), speaker, role, False, "trailing" if speaker else "floating")
    return ArabicAttribution(None, None, None, fragment, "floating")


def splits(masked: str, sentences: Sentences, previous: QuoteSpan, span: QuoteSpan) -> bool:
    """Whether ``span`` goes on with the quotation ``previous`` split by its attribution: "«...»، قال
    المنصوري ردا على سؤال، «...»" is one quotation in two pieces, with one cue between them and no colon
    (after a colon a new quotation opens)."""
    if previous.outer_end > span.open_mark or sentences.at(previous.open_mark) != sentences.at(span.open_mark):
        return False
    if cues.ARABIC_CUE.search(masked, sentences.at(previous.open_mark)[0], previous.open_mark) is not None:
        return False  # the first piece has its own cue before it: the cue between them is the second's
    gap = masked[previous.outer_end : span.open_mark]
    return "\x00" not in gap and ":" not in gap and len(cues.ARABIC_CUE.findall(gap)) == 1


def _inside_reported_clause(before: str) -> bool:
    """Whether a quotation written after ``before`` (its sentence so far) finishes a clause that a cue and
    "أن" opened, however long and with commas: "أكد المدرب أن فريقه سيدخل المباراة، مساء السبت، «بحثا
    عن الفوز»". Not after a colon, another cue or a participle that opens a new act ("، مضيفا")."""
    that = next(iter(reversed(list(REPORTED_THAT.finditer(before)))), None)
    if that is None or cues.ARABIC_CUE.search(before, 0, that.start()) is None:
        return False
    tail = before[that.end() :]
    if ":" in tail or "\x00" in tail or cues.ARABIC_CUE.search(tail) is not None:
        return False
    contrast = next(iter(reversed(list(CONTRAST.finditer(tail)))), None)
    if contrast is not None:
        # "أن نسبة المشاركة بلغت تسعين في المئة، في حين بقيت المستعجلات «مفتوحة»": a clause of contrast with no cue
        # of its own goes on with the same report; its words are counted from the conjunction.
        tail = tail[contrast.end() :]
    if len(tail.split()) > 14:
        return False
    return not any(word.group(1) in CLAUSE_ENDERS for word in COMMA_THEN_WORD.finditer(tail))


# "، في حين", "، بينما", "، فيما" (while): a clause of contrast joined to the one before.
CONTRAST = regex.compile(r"[،,]\s*(?:في\s+حين|بينما|فيما)(?![\p{Arabic}])")
# "، على أن" (with ... to follow): what is arranged next, the narrator's addition to the report
# ("فإن الرحلات ستستأنف الأحد، على أن تفتح المطارات تدريجيا").
PROVIDED_THAT = regex.compile(r"[،,]\s*على\s+أن(?![\p{Arabic}])")


# Nouns before the name of an outlet, a body or a product, written in guillemets ("صحيفة «النهار»").
# So are the names of campaigns, operations, projects and works ("حملة «...»", "أغنية «...»", "بعنوان «...»").
NAMED_IN_MARKS = frozenset(
    MEDIA_NOUNS
    + """حركة حزب منظمة جمعية مؤسسة شركة مجموعة تنظيم ائتلاف تحالف تطبيق حملة مبادرة عملية مشروع أغنية فيلم
    مسلسل كتاب رواية مهرجان مسرحية قصيدة ألبوم عنوان شعار""".split()
    # And of places and institutions: "مدرسة «نسيم الصباح»", "مستشفى «الأمل»", "فندق «الواحة»".
    + "مدرسة مستشفى جامعة كلية معهد فندق مطعم مقهى ملعب نادي مسجد سوق مجمع برج".split()
)


def _names_in_marks(word: str) -> bool:
    """Whether ``word`` is a noun for an outlet or a body, bare or after و، ل، ب or ف, whose name may
    follow in guillemets ("لحركة «حماس»")."""
    return word in NAMED_IN_MARKS or any(
        word.startswith(prefix) and word[len(prefix) :] in NAMED_IN_MARKS for prefix in ("و", "ل", "ب", "ف")
    )


# Plural nouns for the people of a team or a body, whose name or nickname may follow in guillemets:
# "جماهير «النسور» رفعت لافتات" (the fans of "the Eagles").
FOLLOWERS = frozenset("جماهير جمهور أنصار مشجعو مشجعي لاعبو لاعبي".split())
# Verbs of naming with their object pronoun ("يسميه الأهالي «...»", which the locals call "..."): what
# follows them and their subject is a name.
NAMING_VERBS = frozenset(
    """يسميه يسميها يسمونه يسمونها تسميه تسميها سماه سماها سموه سموها يلقبه يلقبها يلقبونه يلقبونها تلقبه
    تلقبها لقبه لقبها لقبوه لقبوها""".split()
)


def _named_after_naming_verb(words: list[str]) -> bool:
    """Whether a verb of naming and at most two words of its subject come just before a quotation."""
    return any(word in NAMING_VERBS or word[1:] in NAMING_VERBS and word[:1] in "وف" for word in words[-3:])


def _named_after_person_noun(masked: str, before: str, span: QuoteSpan) -> bool:
    """Whether a short quotation is the name of a team or a body that a noun for a person owns: "مهاجم
    «النسور» يغيب" (the striker of "the Eagles"), "لاعب «النسور» السابق". The noun has no article and
    only a space comes between it and the quotation, which a word follows with no mark between them:
    words said close their clause, or follow a colon."""
    words = before.split()
    if span.end - span.start > 20 or not before[-1:].isspace() or not words:
        return False
    if words[-1].startswith("ال") or (words[-1] not in PERSON_NOUNS and words[-1] not in FOLLOWERS):
        return False
    following = WORD.search(masked, span.outer_end, min(len(masked), span.outer_end + 40))
    return (
        following is not None
        and not masked[span.outer_end : following.start()].strip()
        and bool(ARABIC_LETTER.match(following.group()))
    )


def _owns_name_in_marks(word: str) -> bool:
    """Whether a name in guillemets may follow ``word`` within a speaker's phrase: after a noun for an
    outlet or a body ("لحركة «حماس»"), or a noun for a person without the article ("مدرب «النسور»")."""
    return _names_in_marks(word) or (word in PERSON_NOUNS and not word.startswith("ال"))


# Participles of being nicknamed or known as, before بـ and a name in guillemets.
NICKNAMED = frozenset("الملقب الملقبة الملقبين الملقبون المعروف المعروفة المسمى المسماة".split())


def _a_name_in_marks(before: str, quoted: str) -> bool:
    """Whether a short quotation is a name and not words said: the outlet that signs a dateline, after its
    place and dash ("صيدا - «صوت الجنوب»"); whom the words were told, after "لـ"
    ("قال مصدر لـ«الشرق الأوسط»", "في حديث لـ«النهار»"); or after a noun for an outlet or a body
    ("صحيفة «الأهرام»", "لحركة «حماس»"). Not "... إن الحكومة تعرضت لـ«حملة»": reported words."""
    if len(quoted.split()) > 4:
        return False
    words = before.split()
    if not words:
        return False
    dateline = DATELINE.match(before)
    if dateline is not None and not before[dateline.end() :].strip():
        return True  # "صيدا - «صوت الجنوب»": the outlet that signs the dateline
    if _named_after_naming_verb(words):
        return True  # "الذي يسميه الأهالي «خزان الحياة»": a name the locals give
    word = words[-1]
    if word in ("بـ", "ب") and len(words) > 1 and words[-2].removeprefix("و") in NICKNAMED:
        return True  # "الاتحاد الرياضي، الملقب بـ«الفهود»،": a nickname
    if word.endswith("لـ") or word == "ل":
        if len(words) > 1 and words[-2] in SPEECH_SETTINGS:
            return True
        told = [match for match in cues.ARABIC_CUE.finditer(before) if match.groupdict().get("verb")]
        return bool(told) and not any(part in THAT_WORDS for part in before[told[-1].end() :].split())
    # The noun is indefinite, the first of a construct with the name: "صحيفة «النهار»", not "المشروع «...»".
    return _names_in_marks(word)


def _coordinated_subject(
    masked: str, sentence_start: int, cue: regex.Match[str], participle: bool = False
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """ "انتقدت النائبة ... سهير منصور تأخر المشروع، وكتبت:": a cue joined by و or ف with no subject of
    its own shares that of the verb which opens the clause before it, whatever that verb is; so does a
    participle of saying ("انتقد ... أداء الوزارات، قائلا:")."""
    # The cue is joined by و or ف, on itself or on the particle قد before it ("فقد أكد").
    particle = masked[max(sentence_start, cue.start() - 5) : cue.start()].split()[-1:]
    if not participle and not cue.group().startswith(("و", "ف")) and particle not in (["فقد"], ["وقد"]):
        return None, None
    clause_end = cue.start()
    later_clause: tuple[int, int] | None = None  # the clause after the one being read, up to the cue
    while clause_end > sentence_start:
        comma = max(masked.rfind("،", sentence_start, clause_end), masked.rfind(",", sentence_start, clause_end))
        clause_start = comma + 1 if comma >= 0 else sentence_start
        verb = WORD.search(masked, clause_start, clause_end)
        dateline = DATELINE.match(masked, clause_start, clause_end)
        if dateline is not None:
            # "بغداد (رويترز) - انتقد ...": the place and the agency before the dash are no verb.
            verb = WORD.search(masked, dateline.end(), clause_end)
        if verb is not None and verb.group() in TOPIC_PARTICLES:
            return _topic(masked, verb.end(), clause_end, later_clause)
        if comma >= 0 and _between_topic_and_predicate(masked, sentence_start, comma, cue, particle):
            later_clause = (clause_start, clause_end)
            clause_end = comma
            continue
        if verb is not None and ARABIC_LETTER.match(verb.group()):
            word = verb.group()
            # "أما شقيقه، يوسف أبو زيد، فقال": a name between commas is in apposition, not a verb and its
            # subject; "وانتقد النقيب، عبد الرحيم الزعبي، غياب التشاور، وقال": what follows it is the object.
            if (
                word not in STOP_WORDS
                and not word.startswith("ال")
                and word not in ROLE_WORDS
                and not (comma >= 0 and _appositive_name(masked, clause_start, clause_end) is not None)
                and not (comma >= 0 and _appositive_between_commas(masked, sentence_start, comma))
            ):
                # Up to the cue: a role's name in apposition is in the clauses after it.
                found = _speaker_after(masked, verb.end(), cue.start())
                if found[0] is not None:
                    return found
        if comma < 0:
            break
        later_clause = (clause_start, clause_end)
        clause_end = comma
    return None, None


def _between_topic_and_predicate(
    masked: str, sentence_start: int, comma: int, cue: regex.Match[str], particle: list[str]
) -> bool:
    """Whether the clause after ``comma`` comes between a topic and its predicate, the cue with ف: "أما
    سامي القلاوي، تاجر جملة في السوق، فقال": what stands between them (a description, an aside) says
    something about the topic and has no verb of its own."""
    return (cue.group().startswith("ف") or particle == ["فقد"]) and _has_topic(masked, sentence_start, comma)


# A dateline: a place of one to three words, the agency in brackets, then a dash ("بغداد (رويترز) -").
DATELINE = regex.compile(r"\s*(?:\p{Arabic}+\s+){0,2}\p{Arabic}+\s*(?:\([^()\n]{1,40}\)\s*)?[-–—]\s")


def _appositive_between_commas(masked: str, sentence_start: int, comma: int) -> bool:
    """Whether the clause that ends at ``comma`` is a name between two commas."""
    before = max(masked.rfind("،", sentence_start, comma), masked.rfind(",", sentence_start, comma))
    return before >= 0 and _appositive_name(masked, before + 1, comma) is not None


ACCUSING_VERBS = frozenset("اتهم اتهمت يتهم تتهم".split())


def _without_accused(masked: str, speaker: tuple[int, int]) -> tuple[int, int] | None:
    """ "اتهم ناشطون محليون الجيش بـ": the words after "accused" and before "of" are its subject, then
    the one accused, one definite word, which is left out."""
    words = [match for match in WORD.finditer(masked, *speaker)]
    if len(words) > 1 and words[-1].group().startswith("ال") and words[-1].end() == speaker[1]:
        return speaker[0], words[-2].end()
    return speaker


INSCRIBED = regex.compile(r"\s*(?:عليها|عليه)(?:\s*[«\"“]\x00+[»\"”]\s*[،,]?\s*و)*\s*")


def _inscribed(between: str) -> bool:
    """Whether the words between "كتب" and a quotation are "عليها" (on it), alone or with the slogans
    quoted before and "و": "لافتات كتب عليها «...» و«...» و«...»"."""
    return INSCRIBED.fullmatch(between) is not None


CALLED_UPON = regex.compile(r"\s+(?:إلى|الى|بـ|ب(?=\p{Arabic}))")
# Two definite words that end a subject: the second is the one called upon ("المستهلك السكان").
TWO_DEFINITE_AT_END = regex.compile(r"(?<![\p{Arabic}])ال\p{Arabic}+\s+ال\p{Arabic}+$")


def _participle_subject(
    masked: str, sentence_start: int, open_mark: int
) -> tuple[str, tuple[int, int], tuple[int, int] | None] | None:
    """The participle of saying ("مؤكدة أن") before a quotation in a sentence with no cue, and the
    subject of the verb that opens the sentence; after "دعا" or "طالب", the one called upon, a definite
    word after the subject's last definite word and before إلى or بـ, is left out ("ودعت جمعية حماية
    المستهلك السكان إلى"), and "دعا وزير الصحة إلى" keeps its subject whole."""
    participles = list(SAYING_PARTICIPLE.finditer(masked, sentence_start, open_mark))
    if not participles or masked[participles[-1].end() : open_mark].split()[:1] not in (["أن"], ["بأن"]):
        return None
    participle = participles[-1]
    speaker, role = _coordinated_subject(masked, sentence_start, participle, True)
    if speaker is None:
        return None
    if DEMAND_VERB.search(masked, sentence_start, speaker[0]):
        # The subject's phrase may run on past إلى or بـ: read it up to there.
        upon = CALLED_UPON.search(masked, speaker[0], speaker[1])
        end = upon.start() if upon is not None else speaker[1]
        if (upon is not None or CALLED_UPON.match(masked, speaker[1])) and TWO_DEFINITE_AT_END.search(
            masked, speaker[0], end
        ):
            speaker = _without_accused(masked, (speaker[0], end)) or speaker
    return participle.group().strip(), speaker, role


# "في خطوة قال إنها" (in a step which he said was): a noun for an act, then a cue without a subject.
STEP_SAID = regex.compile(r"(?<![\p{Arabic}])في\s+(?:خطوة|قرار|إجراء|خطة)\s+$")


def _step_said(masked: str, sentence_start: int, cue: regex.Match[str]) -> bool:
    """Whether a cue with no subject describes an act told before it in the sentence: "، في خطوة قال إنها
    تهدف إلى"."""
    return STEP_SAID.search(masked, max(sentence_start, cue.start() - 20), cue.start()) is not None


SUBJECT_STOP = regex.compile(r"[،,]|(?<![\p{Arabic}])(?:قد|لقد)(?![\p{Arabic}])")


def _opening_subject(
    masked: str, sentence_start: int, end: int
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The subject of the verb that opens the sentence ("قرر البنك المركزي، أمس، رفع ..."), read up to
    ``end``."""
    verb = WORD.search(masked, sentence_start, end)
    if verb is None or not ARABIC_LETTER.match(verb.group()) or verb.group() in STOP_WORDS:
        return None, None
    if verb.group().startswith("ال") or verb.group() in ROLE_WORDS:
        return None, None
    # Up to the first comma, or to قد after "وكان" ("وكان مجلس البلدية قد خفض ...").
    stop = SUBJECT_STOP.search(masked, verb.end(), end)
    return _speaker_after(masked, verb.end(), stop.start() if stop is not None else end)


def _accusing(cue: str) -> bool:
    """Whether a cue is "accused", bare or after و or ف."""
    word = cue.strip()
    return word in ACCUSING_VERBS or (word[:1] in ("و", "ف") and word[1:] in ACCUSING_VERBS)


# Verbs that demand or call for something, whose object may be quoted after بـ or إلى: not cues of their own.
DEMAND_VERB = regex.compile(
    r"(?<![\p{Arabic}])[وف]?(?:طالب|طالبت|يطالب|تطالب|دعا|دعت|يدعو|تدعو|ناشد|ناشدت|يناشد|تناشد)(?![\p{Arabic}])"
)
# The same verbs, their participles ("داعيا الحكومة إلى", calling on the government to) and "describing X as"
# ("واصفا الخطة بـ"): each may come after a cue, with its object quoted.
DEMANDING = regex.compile(
    r"(?<![\p{Arabic}])[وف]?(?:طالب|طالبت|طالبوا|يطالب|تطالب|مطالبا|مطالبة|دعا|دعت|دعوا|يدعو|تدعو|داعيا|داعية|"
    r"ناشد|ناشدت|يناشد|تناشد|مناشدا|مناشدة|وصف|وصفت|يصف|تصف|واصفا|واصفة|"
    # With the pronoun of what is described: "رفض ما وصفه بـ«...»" (rejected what he described as).
    r"وصفه|وصفها|وصفته|وصفتها|وصفوه|وصفوها)ً?(?![\p{Arabic}])"
)
OBJECT_AT_END = regex.compile(r"(?:^|\s)(?:بـ|ب|إلى|الى)\s*$")
# "وطالب ... بفتح «تحقيق عاجل»": بـ joined to the act demanded, whose object is quoted.
DEMANDED_ACT_AT_END = regex.compile(r"(?:^|\s)ب\p{Arabic}{2,}\s*$")
QUOTED_FROM = regex.compile(r"(?<![\p{Arabic}])عن\s+([^،,:«\x00]+?)\s+(قوله|قولها|قولهم|قولهما|قولهن)(?![\p{Arabic}])")
# "ونقلت قناة «الرافدين» عن مسؤول في مجلس المحافظة أن": a verb of passing on, whoever passed it on, then عن and
# the one the words are from; the match ends where that one's name begins.
NARRATED_FROM = regex.compile(r"(?<![\p{Arabic}])([وف]?(?:نقل|نقلت|ينقل|تنقل))(?![\p{Arabic}])[^،,:.؛\n]{0,80}?\sعن\s+")
# "وجاء في بيان لوزارة الداخلية:": the words are the document's, and so its issuer's.
STATED_IN = regex.compile(r"(?<![\p{Arabic}])[وف]?جاء\s+في\s+")
# Words that open a clause before its subject: "لكن الخبير ... قال".
# "وكان الناقد ... قد كتب": كان before the subject and قد before the verb make a pluperfect.
CLAUSE_OPENERS = frozenset("لكن ولكن بينما فيما كما حين كان وكان كانت وكانت".split())
PERFECT_PARTICLES = frozenset("قد لقد".split())


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
        if comma < 0 or (words and not _aside(words)):
            break
        # "الطبيبة ريم حداد، التي تعمل في قسم الطوارئ، قالت": the subject is before the relative clause,
        # or before an aside asking for anonymity ("ممثلا ...، طلب عدم ذكر اسمه، قال").
        clause_end = comma
    apposed = _appositive_name(masked, clause_start, clause_end) if comma >= 0 else None
    if apposed is not None:
        # "غير أن رئيسة الجمعية، فاطمة بنت علي العريمية، قالت": a role, then its holder's name between
        # commas, then the verb: the name is the subject and the role describes it.
        role_end = comma
        comma = max(masked.rfind("،", sentence_start, role_end), masked.rfind(",", sentence_start, role_end))
        words = [match for match in WORD.finditer(masked, comma + 1 if comma >= 0 else sentence_start, role_end)]
        words = _without_openers(words)
        if words and person_noun(words[0].group()):
            return apposed, (words[0].start(), words[-1].end())
        return None, None
    words = _without_openers(words)
    if len(words) < 2 or not describing_noun(words[0].group()):
        return None, None
    speaker, role = _speaker_after(masked, words[0].start(), clause_end)
    if speaker is None:
        return None, None
    if speaker[1] < words[-1].end():
        # The subject must run up to the verb, unless it is an unnamed person described by a phrase
        # after the noun ("ممثلا لإحدى المنظمات الدولية").
        rest = [word.group() for word in words]
        if _description_length(rest) == 0 or any(word in THAT_WORDS or word in ARABIC_CUE_WORDS for word in rest):
            return None, None
    return speaker, role


THAT_WORDS = frozenset("أن إن أنه إنه أنها إنها بأن".split())


def _without_openers(words: list) -> list:
    """The words of a clause after a conjunction that opens it ("لكن", "غير أن")."""
    while words and words[0].group() in CLAUSE_OPENERS:
        words = words[1:]
    if len(words) > 1 and words[0].group() in OPENERS_BEFORE_THAT and words[1].group() in ("أن", "إن"):
        words = words[2:]  # "غير أن ممثلا ... قال": "but" written as "other than that"
    while words and words[-1].group() in PERFECT_PARTICLES:
        words = words[:-1]
    return words


def _aside(words: list) -> bool:
    """Whether a clause between commas says something about the subject before it: a relative clause
    ("التي تعمل في ...") or a request for anonymity ("طلب عدم ذكر اسمه")."""
    return words[0].group() in RELATIVE_PRONOUNS or any(word.group() in NOT_IN_NAMES for word in words)


# "غير أن", "إلا أن", "بيد أن", "كما أن": a clause opened by these has its subject after "أن".
OPENERS_BEFORE_THAT = frozenset("غير إلا بيد كما على".split())


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
    معلمة مزارع تاجر سائق فنان فنانة كاتب كاتبة طبيب طبيبة ممرض ممرضة شاهد شاهدة مهندس عامل صياد نازح لاجئ
    صحفي ضابط جندي محاسب مقاول متظاهر متطوع سيدة ناقد روائي شاعر مخرج مريض صيدلي""".split()
)
# Each generic noun's feminine form too: "المزارعة", "التاجرة".
GENERIC_PERSON_NOUNS = GENERIC_PERSON_NOUNS | frozenset(word + "ة" for word in GENERIC_PERSON_NOUNS if word[-1] != "ة")
PERSON_NOUNS = ROLE_WORDS | GENERIC_PERSON_NOUNS | frozenset("ال" + word for word in GENERIC_PERSON_NOUNS)
TITLES_AND_NOUNS = PERSON_NOUNS | TITLES


def _body_after_lam(word: str) -> bool:
    """Whether ``word`` is "of" and a body or a team, the complement of a role and no name: "المدرب
    البرتغالي لفريق النجم" (the Portuguese coach of the Najm team)."""
    return word[:1] == "ل" and (word[1:] in BODY_NOUNS or word[1:] in NAMED_IN_MARKS or word[1:] in TEAM_NOUNS)


TEAM_NOUNS = frozenset("فريق منتخب".split())


def named_people(text: str, masked: str) -> list[tuple[int, str, tuple[str, int, int]]]:
    """(where, role, (name, start, end)) for every person the narration names after a role noun, in
    order, from one pass over the words: "وسجل المهاجم أنس بنعلي هدف الفوز" names أنس بنعلي."""
    found: list[tuple[int, str, tuple[str, int, int]]] = []
    words = [match for match in WORD.finditer(masked) if match.group() != "\x00"]
    for index, match in enumerate(words[:-2]):
        token = match.group()
        bare = token[1:] if token[:1] in ("و", "ف") and token[1:] in PERSON_NOUNS else token
        if bare not in PERSON_NOUNS:
            bare = _possessed_with_adjective(words, index)
            if bare is None:
                continue
        first = index + 1
        if words[first].group().startswith("ال"):
            first += 1  # the role's complement: "مدرب الترجي منير الحداد"
        name = words[first : first + 3]
        # A name opens with a word without the article; a third word is a family name with it
        # ("أنس بن علي", "محمد عبد الله الحداد"), unless the second already is one ("سامي الجلاصي الهدف").
        size = 3 if len(name) == 3 and name[2].group()[:2] == "ال" and name[1].group()[:2] != "ال" else 2
        name = name[:size]
        if len(name) == size and _body_after_lam(name[0].group()):
            # "المدرب البرتغالي لفريق النجم الساحلي، روي مادوريرا،": the body is the role's, the name follows.
            appositive = _speaker_after(masked, match.start(), min(len(masked), match.end() + 120))[0]
            if appositive is not None and appositive[0] > name[0].start():
                written = " ".join(text[appositive[0] : appositive[1]].split())
                found.append((match.start(), bare, (written, *appositive)))
            continue
        if (
            len(name) < 2
            or name[0].group()[:2] == "ال"
            or any(not ARABIC_LETTER.match(part.group()) or part.group() in STOP_WORDS for part in name)
        ):
            continue
        written = " ".join(text[name[0].start() : name[-1].end()].split())
        found.append((match.start(), bare, (written, name[0].start(), name[-1].end())))
    return found


def _possessed_with_adjective(words: list, index: int) -> str | None:
    """The office of "مدربه البرتغالي روي فالادارش" (its Portuguese coach): an office with a possessive
    pronoun and an adjective of origin before a name, or None."""
    word = words[index].group()
    if not _possessed_role(word) or not _origin_adjective(words[index + 1].group()):
        return None
    stem = next(word[: -len(suffix)] for suffix in POSSESSIVE_SUFFIXES[::-1] if word.endswith(suffix))
    return stem if stem in ROLE_WORDS else stem[:-1] + "ة"


def _origin_adjective(word: str) -> bool:
    """A definite adjective of origin or kind: "البرتغالي", "المصرية"."""
    return word.startswith("ال") and len(word) > 4 and word.endswith(("ي", "ية"))


def origin_role_holder(
    phrase: str, text: str, people: list[tuple[int, str, tuple[str, int, int]]]
) -> tuple[str, int, int] | None:
    """ "وأكد المدرب البرتغالي" after "أقال مدربه البرتغالي روي فالادارش": an office and an adjective of
    origin, both definite, stand for the person last named with that office and that adjective."""
    parts = phrase.split()
    if len(parts) != 2 or not parts[0].startswith("ال") or not _origin_adjective(parts[1]):
        return None
    noun = parts[0][2:]
    for where, role, person in reversed(people):
        if role in (noun, parts[0]) and parts[1] in text[where : person[1]].split():
            return person
    return None


def _whole_sentences(words: str, part: str) -> bool:
    """Whether ``part`` of a quotation's ``words`` is whole sentences of it: it begins the words or follows
    a sentence's end, and ends them or a sentence."""
    at = words.find(part)
    before = words[:at].rstrip()
    after = words[at + len(part) :].lstrip()
    return (not before or before[-1] in ".؟?!") and (not after or after[0] in ".؟?!")


def headline_echoes(text: str, quotes: list[tuple[int, str, bool]]) -> dict[int, tuple[int, bool]]:
    """ "ممرضون يضربون: «لا نطلب المستحيل»" over a story that quotes "نحن لا نطلب المستحيل، ...": a
    quotation of the headline (the first line) with no speaker is by the speaker of the first later
    quotation that holds its words, and a fragment of it when that one says more. ``quotes`` holds
    (start, words, has a speaker) in order; the answer maps each such headline quotation to (that
    quotation, fragment)."""
    headline_end = text.find("\n")
    found: dict[int, tuple[int, bool]] = {}
    for number, (start, words, spoken) in enumerate(quotes):
        if headline_end < 0 or start >= headline_end:
            break
        wanted = words.strip(" ،,.؟?!")
        if spoken or not wanted:
            continue
        for later, (later_start, later_words, later_spoken) in enumerate(quotes[number + 1 :], number + 1):
            if later_start > headline_end and later_spoken and wanted in later_words:
                found[number] = (later, len(later_words.strip(" ،,.؟?!")) > len(wanted))
                if found[number][1] and _whole_sentences(later_words, wanted):
                    found[number] = (later, False)  # "أتحمل المسؤولية كاملة." and more: a sentence said whole
                break
    return found


def without_lam(name: str) -> str:
    """A body's name of several words after "according to" without the ل that joins it: "للمركز الوطني
    للأرصاد" is "المركز الوطني للأرصاد" (the ل before the article drops its alif)."""
    if name.startswith("لل") and " " in name and len(name.split()[0]) > 4:
        return "ا" + name[1:]
    return name


def named_body(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the body a definite noun stands for was last named before ``start``: "الوزارة" is
    "وزارة التربية", the same noun without its article, followed by its definite complement."""
    word = text[start:end]
    if word.startswith("لل"):
        word = "ا" + word[1:]  # "ووفقا للوزارة": the ل of "according to" before the article drops its alif
    if not word.startswith("ال") or len(word) < 5 or not ARABIC_LETTER.fullmatch(word[-1]) or " " in word:
        return None
    noun = word[2:]
    found = None
    # Named with the article too: "الديوان الوطني للامتحانات والمسابقات", then "الديوان".
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}])[وفبل]?((?:ال)?{regex.escape(noun)})(?=\s)")
    for match in pattern.finditer(text, 0, start):
        words = [match.span(1)]
        seen_definite = False
        previous = ""
        for following in WORD.finditer(text, match.end(1), start):
            token = following.group()
            if not ARABIC_LETTER.match(token) or token in STOP_WORDS or token in LISTENERS or len(words) >= 4:
                break
            # A complement with "for the" ("للامتحانات") and a second one joined to it by "and the"
            # ("والمسابقات") are the body's name too, once a definite word has begun it.
            definite = token.startswith("ال") or (
                seen_definite
                and (
                    token.startswith("لل")
                    or (
                        token.startswith("وال")
                        and (previous.startswith("لل") or _nisba_next(text, following.end(), start))
                    )
                )
            )
            previous = token
            if not seen_definite and not definite and match.group(1).startswith("ال"):
                break  # after a definite noun only its definite adjective: "الديوان الوطني", not a name
            if seen_definite and not definite:
                break
            seen_definite = seen_definite or definite
            words.append(following.span())
        if seen_definite:
            found = (words[0][0], words[-1][1])
    return found


def _nisba_next(text: str, at: int, end: int) -> bool:
    """Whether the next word after ``at`` is a definite adjective of belonging ("المصرية", "الوطني"), which
    describes the whole body named before it, so that a complement joined by "and the" before it is part
    of the name: "وزارة السياحة والآثار المصرية"."""
    following = WORD.search(text, at, end)
    return following is not None and following.group().startswith("ال") and following.group().endswith(("ية", "ي"))


ARABIC_CUE_WORDS = frozenset(prefix + verb for verb in cues.ARABIC_VERBS for prefix in ("", "و", "ف"))
# What may come right before a given name: a comma of apposition, or a role or a title.
NAME_OPENERS = frozenset("، ,".split())


def full_names(text: str, masked: str) -> dict[str, tuple[str, int, int]]:
    """For each word written as a family name after a given name, the first such full name, from one
    pass over the words: "وأضاف حطيط" is "إبراهيم حطيط" of "المتحدث باسم لجنة ...، إبراهيم حطيط،".
    A given name has no article and is not a cue or a stop word, and follows a comma, a role or a
    title with the article ("الدكتور خالد العتيبي"). A family name that opens with a particle is
    two words ("بن سالم" of "محمد الهادي بن سالم"), and its given name may be two, the second with
    the article ("محمد الهادي", "فاطمة الزهراء")."""
    found: dict[str, tuple[str, int, int]] = {}
    words = [match for match in WORD.finditer(masked) if match.group() != "\x00"]
    for index in range(2, len(words)):
        last = words[index].group()
        if last in STOP_WORDS or last in PERSON_NOUNS or last in ARABIC_CUE_WORDS or not ARABIC_LETTER.match(last):
            continue
        first = index  # where the family name begins
        family = last
        if words[index - 1].group() in NAME_PARTICLES:
            first = index - 1
            if first < 2:
                continue
            family = words[first].group() + " " + last
        if family in found:
            continue
        given_at = first - 1
        given, opener = words[given_at].group(), words[given_at - 1].group()
        if first < index and given.startswith("ال") and given_at >= 2 and _plain_word(opener):
            given_at -= 1  # a given name of two words: "محمد الهادي بن سالم"
            given, opener = opener, words[given_at - 1].group()
        elif first < index and given.startswith("ال") and given not in TITLES and given_at >= 2:
            # Given names with the article before a family name with a particle: "، الطاهر الصادق بن عمر".
            if opener.startswith("ال") and opener not in TITLES and words[given_at - 2].group() in NAME_OPENERS:
                given_at -= 1
                opener = words[given_at - 1].group()
            given = given[2:]  # tested below as a word without the article
        if not _plain_word(given):
            continue
        if not (opener in NAME_OPENERS or opener in PERSON_NOUNS or opener.startswith("ال")):
            continue
        start, end = words[given_at].start(), words[index].end()
        found[family] = (" ".join(text[start:end].split()), start, end)
    return found


def _plain_word(word: str) -> bool:
    """Whether ``word`` may be a given name: Arabic letters, no article, and not a particle, a cue, a
    stop word or a noun for a person."""
    return (
        bool(ARABIC_LETTER.match(word))
        and not word.startswith("ال")
        and word not in STOP_WORDS
        and word not in PERSON_NOUNS
        and word not in ARABIC_CUE_WORDS
        and word not in NAME_PARTICLES
    )


def family_name(name: str) -> bool:
    """Whether ``name`` is a family name alone: one word, or a particle and one word ("بن سالم")."""
    parts = name.split()
    return len(parts) == 1 or (len(parts) == 2 and parts[0] in NAME_PARTICLES)


def described_people(text: str, masked: str, sentences: Sentences) -> list[tuple[str, int, int]]:
    """Every unnamed person a cue introduces, quoted or not, in order: "وقال طبيب متطوع في المركز،
    رفض نشر اسمه، إن ..." introduces "طبيب متطوع", whom "وأضاف الطبيب" stands for; so does a subject
    written before its verb ("غير أن ممثلا لإحدى المنظمات ... قال")."""
    found: list[tuple[str, int, int]] = []
    for cue in cues.ARABIC_CUE.finditer(masked):
        if cue.group("verb") is None:
            continue
        speaker: tuple[int, int] | None = None
        following = WORD.search(masked, cue.end(), cue.end() + 40)
        word = following.group() if following is not None else ""
        # Only a noun for a person, or a source, can open a description after the cue; a subject before
        # the verb only when none follows it ("... قال إن", "... قال:"). The other cues are not read.
        if person_noun(word) or word in SOURCE_NOUNS:
            speaker, _ = _speaker_after(masked, cue.end(), sentences.at(cue.start())[1])
        elif (not word or word in STOP_WORDS or not ARABIC_LETTER.match(word)) and not cue.group().startswith(
            ("و", "ف")
        ):
            speaker, _ = _subject_before_verb(masked, sentences.at(cue.start())[0], cue)
        if speaker is None:
            continue
        words = masked[speaker[0] : speaker[1]].split()
        if _description_length(words) == len(words) or (len(words) == 1 and describing_noun(words[0])):
            speaker = without_case_ending(text, speaker)
            found.append((" ".join(text[speaker[0] : speaker[1]].split()), speaker[0], speaker[1]))
    return found


SOURCE_NOUNS = frozenset("مصدر مصادر".split())


def may_be_described(word: str) -> bool:
    """Whether a definite noun ("الطبيب", "المصدر") can stand for an unnamed person described before."""
    return bool(person_noun(word[2:])) or word[2:] in SOURCE_NOUNS


def last_described(
    word: str, speakers: list[tuple[str, int, int]], described: list[tuple[str, int, int]], before: int
) -> tuple[str, int, int] | None:
    """Of the speakers so far and the people ``described`` before ``before``, the one written last whose
    description opens with the noun of ``word`` without its article ("الطبيب" is "طبيب متطوع",
    "الممثل" is "ممثلا ...")."""
    noun = word[2:]
    best: tuple[str, int, int] | None = None
    for candidates in (speakers, described):
        for candidate in candidates:
            if candidates is described and candidate[1] >= before:
                break  # the people described are in text order, and only those before count
            # Whatever opens with the noun is tested further; the rest cannot match.
            if not candidate[0].startswith(noun) or (best is not None and candidate[1] <= best[1]):
                continue
            head = candidate[0].split()[0]
            if head == noun or person_noun(head) == noun:
                best = candidate
    return best


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
    for verb_cue in cues.ARABIC_CUE.finditer(masked, previous_start, previous_end):
        # "غير أن ممثلا ...، قال إن ... . وقال:": the subject of a verb that follows it.
        if verb_cue.group("verb") is None:
            continue
        found = _subject_before_verb(masked, previous_start, verb_cue)
        if found[0] is not None:
            return found if verb_cue.group().endswith("ت") == feminine else (None, None)
        break
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
            # To the sentence's end, not the clause's: a name in apposition follows a comma.
            return _speaker_after(masked, verb.end(), previous_end)
        return None, None
    return None, None


def agreeing(
    last: tuple[str, int, int] | None, speakers: list[tuple[str, int, int]], genders: dict[str, str], gender: str
) -> tuple[str, int, int] | None:
    """The speaker a cue without a subject of its own continues: the last one, unless the verb's gender
    ("وأضافت", she added) is not theirs, when it is the last speaker whose gender it is."""
    if last is None or not gender or genders.get(last[0], gender) in (gender, ""):
        return last
    for speaker in speakers[::-1]:
        if genders.get(speaker[0]) == gender:
            return speaker
    return last


def family_name_first(name: str, earlier: list[tuple[str, int, int]]) -> tuple[str, int, int] | None:
    """The person written before whose full name ends with the first word of ``name`` when that word is a
    family name with the article ("العبيدي" of "منتظر العبيدي"): the words after it are the rest of the
    clause, the verb's object ("نفى العبيدي وجود نقص"), not more of the name."""
    first = name.split()[0]
    if not first.startswith("ال") or first == name or first in PERSON_NOUNS or first in TITLES:
        return None
    for person in earlier[::-1]:
        if " " in person[0] and person[0].endswith(" " + first):
            return person
    return None


# "أن" or "إن" (that) opening a reported clause, with an attached pronoun that is its subject ("أنه لن
# يترك", that he will not leave; "أنها أحصت", that it counted), which stays out of the clause.
REPORTED_THAT = regex.compile(r"(?<![\p{Arabic}])(?:أن|إن|بأن|فإن)(?:ه|ها|هم|هما|هن|نا)?(?![\p{Arabic}])")
# "، وإن" or "، وأن": "and that", a second reported clause of the same speaker, after the first one or
# after a quotation.
JOINED_THAT = regex.compile(r"[»\"”]?\s*[،,]\s*و(?:أن|إن)(?:ه|ها|هم|هما|هن|نا)?(?![\p{Arabic}])")
# Participles of saying that report a clause for the sentence's speaker ("، مؤكدا أن", stressing that).
SAYING_PARTICIPLE = regex.compile(
    r"(?<![\p{Arabic}])[وف]?(?:مؤكد|مشير|موضح|مضيف|معتبر|لافت|منوه)(?:ا|اً|ة|ين|ات)(?:\s+إلى)?\s+(?=(?:أن|بأن))"
)
# A comma before one of these ends the reported clause: a participle that starts a new act ("، مطالبين
# بتعويضات", "، مضيفا:") or a conjunction that opens a clause of the narrator's.
CLAUSE_ENDERS = frozenset(
    """مطالبا مطالبة مطالبين مطالبات داعيا داعية داعين مضيفا مضيفة مضيفين مشيرا مشيرة مشيرين مؤكدا مؤكدة
    مؤكدين موضحا موضحة محذرا محذرة محذرين مشددا مشددة لكن ولكن بينما فيما لافتا لافتة لافتين معتبرا معتبرة
    معتبرين منوها منوهة موضحين قائلا قائلة قائلين""".split()
)


# Rejecting or dismissing a claim, whose words are reported after "بأن" or "أن": "ورفض الوزير الاتهامات
# بأن ..." (rejected the accusations that). Not "رفض" alone, most often "refused to".
REJECTED_CLAIMS = regex.compile(
    r"(?<![\p{Arabic}])(?P<verb>[وف]?(?:رفض|رفضت|يرفض|ترفض|استنكر|استنكرت))(?![\p{Arabic}])"
    r"[^:.؛«\n\x00]{0,80}?\s(?:ال)?(?:اتهامات|اتهام|مزاعم|ادعاءات|انتقادات|أنباء|تقارير)(?=\s+(?:بأن|أن)(?![\p{Arabic}]))"
)


def reported_clauses(masked: str, sentences: Sentences) -> list[tuple[int, int]]:
    """(start, end) of each clause of reported speech without quotation marks: after a verb of saying
    and "أن" or "إن" ("وأضاف المخيني أن عددا من زملائه اضطروا ..."), after a participle of saying
    ("، مؤكدا أن ..."), and after "according to" with "فإن" ("ووفقا لبيان ...، فإن ..."). A clause
    that holds a quotation is not one: its quoted words are a fragment of the speaker's."""
    found: list[tuple[int, int]] = []
    taken = -1
    for that in REPORTED_THAT.finditer(masked):
        if that.start() < taken:
            continue  # inside the clause just taken
        sentence_start, sentence_end = sentences.at(that.start())
        window = max(sentence_start, that.start() - 160)
        # The nearest verb or participle of saying before "that", with nothing between them but its
        # subject and where or to whom it was said.
        cue_end = -1
        for cue in cues.ARABIC_CUE.finditer(masked, window, that.start()):
            cue_end = cue.end()
        for participle in SAYING_PARTICIPLE.finditer(masked, window, that.end()):
            if participle.start() >= cue_end:
                cue_end = participle.end()
        for quoted in QUOTED_FROM.finditer(masked, window, that.start()):
            # "نقل الموقع عن مدربه ... قوله إن ...": what his saying reports is his.
            cue_end = max(cue_end, quoted.end())
        for rejected in REJECTED_CLAIMS.finditer(masked, window, that.end()):
            # "ورفض الوزير الاتهامات بأن ...": the claim rejected is reported.
            cue_end = max(cue_end, rejected.end())
        if cue_end < 0:
            # "ونقل موقع إخباري عن مصدر في الوزارة أن ...": reported from the one after عن.
            for narrated in NARRATED_FROM.finditer(masked, window, that.start()):
                cue_end = narrated.end()
        if cue_end < 0:
            continue
        between = _without_names_in_marks(masked[cue_end : that.start()])
        if "\x00" in between or ":" in between or len(between.split()) > 14 or REPORTED_THAT.search(between):
            continue
        start = that.end()
        while True:
            end = _reported_end(masked, start, sentence_end)
            clause = masked[start:end]
            # A clause that holds a quotation is none, but a second one joined to it by "and that" may be:
            # "إن المقبرة «في حالة حفظ نادرة»، وإن ألوان النقوش ...", "أن الأشغال بلغت ...، وأن الافتتاح «...»".
            if "\x00" not in clause and len(clause.split()) >= 2:
                while start < end and masked[start].isspace():
                    start += 1
                found.append((start, end))
                taken = end
            joined = JOINED_THAT.match(masked, end, sentence_end)
            if joined is None:
                break
            start = joined.end()
    return _after_according_to(masked, sentences, found)


# "According to" and "quoting", the phrases that may open a sentence before its source and a comma.
ACCORDING_TO = regex.compile(
    r"(?<![\p{Arabic}])[وف]?(?:"
    + "|".join(regex.escape(phrase) for phrase in cues.ARABIC_PHRASES if not phrase.startswith("على"))
    + ")"
)
COMMA = regex.compile(r"[،,]")


def _after_according_to(masked: str, sentences: Sentences, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``found`` with the clauses that follow a sentence's opening "according to" and its source and a
    comma, without "فإن" ("ووفقا للوزارة، ستخضع المقبرة لأعمال ترميم"): the rest of the sentence is the
    source's, reported."""
    added: list[tuple[int, int]] = []
    for cue in ACCORDING_TO.finditer(masked):
        sentence_start, sentence_end = sentences.at(cue.start())
        if masked[sentence_start : cue.start()].strip():
            continue  # only an opening "according to": elsewhere it names a quotation's speaker
        comma = COMMA.search(masked, cue.end(), min(sentence_end, cue.end() + 80))
        if comma is None or "\x00" in masked[cue.end() : comma.start()] or ":" in masked[cue.end() : comma.start()]:
            continue
        start = comma.end()
        while start < sentence_end and masked[start].isspace():
            start += 1
        opening = WORD.match(masked, start)
        if opening is None or REPORTED_THAT.fullmatch(opening.group()) or not ARABIC_LETTER.match(opening.group()):
            continue  # "فإن" has its clause already; a quotation is no paraphrase
        end = _reported_end(masked, start, sentence_end)
        clause = masked[start:end]
        if "\x00" in clause or ":" in clause or len(clause.split()) < 3:
            continue
        if any(start < taken_end and taken_start < end for taken_start, taken_end in found):
            continue
        added.append((start, end))
    return sorted(found + added) if added else found


MASKED_RUN = regex.compile(r"(\S*)\s*[«\"“]\x00+[»\"”]")


def _without_names_in_marks(between: str) -> str:
    """The words between a cue and "that" without the names in guillemets among them ("وفقا لما ذكرته
    صحيفة «الوطن»، فإن"), which name the speaker and are no quotation of theirs."""
    if "\x00" not in between:
        return between
    return MASKED_RUN.sub(
        lambda run: run.group(1) if _names_in_marks(run.group(1)) or _told_to_outlet(run.group(1)) else run.group(),
        between,
    )


def _told_to_outlet(word: str) -> bool:
    """Whether ``word`` is the "to" before an outlet's name in guillemets: "كشف مصدر لـ«الرأي اليوم» أن"."""
    return word in ("لـ", "ل")


COMMA_THEN_WORD = regex.compile(r"[،,]\s*(\p{Arabic}+)")


def _joined_demand(word: str) -> bool:
    """Whether ``word`` is a verb of calling on, demanding or saying joined by "and" ("، ودعت السلطات
    إلى", "، وأوضح في تصريح أن"): the speaker's next act, which ends the clause reported before it."""
    return word[:1] == "و" and (DEMAND_VERB.fullmatch(word) is not None or word[1:] in JOINED_CUES)


# Verbs of saying that, joined by "and" after a comma, open the speaker's next statement: "، وأوضح أن".
JOINED_CUES = frozenset(verb for verb in cues.ARABIC_VERBS if verb not in cues.ARABIC_PARTICIPLES)


def _reported_end(masked: str, start: int, sentence_end: int) -> int:
    """Where a reported clause ends: at a comma before a word that ends it, else the sentence's end."""
    end = sentence_end
    for comma in COMMA_THEN_WORD.finditer(masked, start, sentence_end):
        if (
            comma.group(1) in CLAUSE_ENDERS
            or comma.group(1).startswith(("لكن", "ولكن"))
            or CONTRAST.match(masked, comma.start(), sentence_end)
            or PROVIDED_THAT.match(masked, comma.start(), sentence_end)
            or JOINED_THAT.match(masked, comma.start(), sentence_end)
            or _joined_demand(comma.group(1))
        ):
            end = comma.start()
            break
    while end > start and (masked[end - 1].isspace() or masked[end - 1] in ".،,؛!؟?"):
        end -= 1
    return end


def opens_name(name: str, earlier: str) -> bool:
    """Whether ``name``, of two words without the article, is the given name and second name of a person
    named in full with three or more words before: "ياسين محمد" of "ياسين محمد عيتاني"."""
    parts = name.split()
    return (
        len(parts) == 2
        and earlier.startswith(name + " ")
        and all(_plain_word(part) for part in parts)
        and parts[0] not in BODY_NOUNS
    )


def fuller_name(name: str, speakers: list[tuple[str, int, int]]) -> tuple[str, int, int] | None:
    """The last speaker whose name opens with ``name`` and goes on: a body named in full when it spoke
    before ("مديرية الزراعة والثروة الحيوانية") and in part since ("مديرية الزراعة")."""
    for speaker in speakers[::-1]:
        if speaker[0].startswith(name + " "):
            return speaker
    return None
