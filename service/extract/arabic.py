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
THAT_AT_END = regex.compile(r"(?:^|\s)(?:أن|إن|بأن|فإن|وإن)(?:\s+[\p{Arabic}\p{M}]+){0,2}\s*$")
ROLE_WORDS = frozenset(
    """وزير وزيرة رئيس رئيسة المتحدث المتحدثة الناطق الناطقة متحدث ناطق الرئيس السفير سفير القائد قائد المدير مدير
    الأمين أمين مسؤول المسؤول النائب نائب الشيخ العميد اللواء العقيد الجنرال الملك الأمير محافظ المحافظ عضو مستشار
    المستشار زعيم الزعيم قائدة مديرة رئيس_الوزراء""".split()
)


LETTERS = regex.compile(r"\p{L}+")
ARABIC_RUNS = regex.compile(r"\p{Arabic}+")


def is_arabic(text: str) -> bool:
    # Counted by runs, not one match per character: the same counts, far fewer matches.
    head = text[:5000]
    letters = sum(map(len, LETTERS.findall(head)))
    return letters > 0 and sum(map(len, ARABIC_RUNS.findall(head))) / letters > 0.5


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
    for match in WORD.finditer(masked, start, end):
        token = match.group()
        if not ARABIC_LETTER.match(token) or token in STOP_WORDS or len(words) >= 7:
            break
        if token.startswith("لل") and not _in_role(words):
            break  # "أحمد الصحاف للصحفيين": after a name, "to the ..." is the listener
        words.append(match)
    if not words:
        return None, None
    name_from = 0
    if words[0].group() in ROLE_WORDS:
        seen_definite = False
        name_from = len(words)
        for index, word in enumerate(words[1:], start=1):
            definite = word.group().startswith(("ال", "بال", "باسم"))
            # "لشؤون الاقتصاد": a complement with a preposition belongs to the role.
            prepositional = word.group().startswith(("ل", "ب")) and index + 1 < len(words)
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
    matches = list(cues.ARABIC_CUE.finditer(masked, sentence_start, span.open_mark))
    if matches:
        match = matches[-1]
        speaker, role = _speaker_after(masked, match.end(), span.open_mark)
        # "ونفى المتحدث ... ، وقال:": a second verb without a subject shares the first one's.
        for earlier in matches[:-1][::-1]:
            if speaker is not None:
                break
            speaker, role = _speaker_after(masked, earlier.end(), match.start())
        return ArabicAttribution(match.group().strip(), speaker, role, fragment, "leading" if speaker else "floating")
    after = list(cues.ARABIC_CUE.finditer(masked, span.outer_end, sentence_end))
    if after:
        match = after[0]
        speaker, role = _speaker_after(masked, match.end(), sentence_end)
        return ArabicAttribution(match.group().strip(), speaker, role, False, "trailing" if speaker else "floating")
    return ArabicAttribution(None, None, None, fragment, "floating")


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
