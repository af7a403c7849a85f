"""Reported speech: "X said (that) ...", "X denied ...", "X rejected claims that ...",
"X accused Y of ...", "..., according to X". The span is the reported clause."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from . import cues, speakers
from .attribution import (
    DATELINE,
    PASSIVE_AUXILIARIES,
    STATEMENT_PARTICIPLES,
    Context,
    _accepts_weak,
    _cue_text,
    _main_subject,
    quoted_as_saying,
    with_subject,
)
from .speakers import Mention, Token, tokenize

CLAUSE_VERBS = frozenset(
    """say says said told tells added adds stated states warned warns insisted insists claimed argued argues
    noted wrote writes announced announces declared declares confirmed confirms acknowledged acknowledges admitted
    admits stressed emphasised emphasized predicted explained explains believes believe thinks estimated
    reiterated maintained contended asserted affirmed revealed disclosed reported conceded complained cautioned
    suggested recalled vowed pledged promised threatened alleged saying adding warning insisting claiming arguing
    noting stating explaining stressing announcing declaring confirming acknowledging admitting found finds""".split()
)
INTRODUCER = regex.compile(
    r"\G\s*(?:(?:on|in|at|during|late|early|earlier|later|last|this|after|before|via|through|to)\b[^,.;\x00]{0,60}?\s+)?that\b",
    regex.IGNORECASE,
)
SKIP_AFTER = regex.compile(
    r"\G\s*(?:,\s*)?(?:(?:on|late\s+on|early\s+on|last|this)\s+(?:\p{Lu}\p{Ll}+day|week|month|year|night|morning|evening)"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tonight"  # "said Sunday that": US wire style
    r"|in\s+a\s+(?:\w+\s+)?(?:statement|post|interview|tweet|speech|letter)(?:\s+on\s+\w+)?|earlier|later|also)\b\s*,?",
    regex.IGNORECASE,
)
OBJECT_THAT = regex.compile(
    r"\G\s*(?:that\b|(?:the\s+|these\s+|those\s+|any\s+|all\s+)?(?:claims?|accusations?|allegations?|reports?|suggestions?|"
    r"charges?|assertions?|rumou?rs?|speculation)\s+that\b)",
    regex.IGNORECASE,
)
# ", and warned that ...": the speaker's next act of speech, reported on its own. ", and that" ends nothing:
# "said A, and that B" is one reported clause, unless a quotation closes A (JOINED_THAT).
SECOND_CUES = sorted(form for form in CLAUSE_VERBS if form.endswith(("ed", "id", "ld", "ote")))
CLAUSE_END = regex.compile(
    r",\s+(?:adding|saying|while|but|as|although|though|thanking|noting|citing|calling|urging|prompting|"
    r"according|amid|after|before|which|who|whereas|and\s+(?:" + "|".join(SECOND_CUES) + r"|urged))\b"
    r"|;|\s[—–]\s"
)
# "said that the vote would fail, throwing the plan into doubt": a participle clause after what was said is
# the writer's. Before the cue ("The dam burst, killing 11, officials said") it is part of what was said.
PARTICIPLE_END = regex.compile(
    r",\s+(?!(?:including|excluding|during|regarding|concerning|following|notwithstanding|nothing|something|"
    r"anything|everything)\b)\p{Ll}+ing\b"
)
# A quotation that ends a reported clause, then "and that": a second reported clause of the same speaker
# ('said prices had "broadened beyond food" and that rates could rise'), reported apart from the first.
JOINED_THAT = regex.compile(r"\x00[\"”’'»]?(\s*,?\s+and\s+that\b)")
TOLD_TO = regex.compile(r"\G\s+(?:(?:the|a|an|his|her|their|its|our)\s+)?[\w-]+\s+(?:not\s+)?to\b")
# A listener of one to three lower-case words, then "that": "told reporters that".
TOLD_LISTENER = regex.compile(r"\G(?:\s+\p{Ll}[\p{L}'’-]*){1,3}(?=\s+that\b)")
TERMINAL = ".!?…"
OBJECT_PRONOUNS = frozenset("me him her us them you".split())
# An abbreviation with stops inside it, at the end of a clause: "p.m", "U.S".
ABBREVIATION_END = regex.compile(r"(?<![\p{L}.])\p{L}(?:\.\p{L})+$")


@dataclass(slots=True)
class ReportedSpeech:
    start: int
    end: int
    cue: str
    cue_start: int
    subject: Mention


CLAUSE_OPENERS = frozenset(
    """the a an this that these those it he she they we i you there his her its their our some no all
    any many most several two three four five six seven eight nine ten more fewer""".split()
)


NOT_CLAUSES = frozenset(
    """during at in on for with after before about from to by into over under near since until against among
    responsibility credit goodbye hello sorry yes no nothing so thanks thank something anything""".split()
)


# Prepositions that, before a number, make a quantity rather than a phrase of time or place.
APPROXIMATORS = frozenset("about over under around".split())


# Number words that, after "about", count a share: "about one in eight", "about half of them".
SHARE_WORDS = frozenset("one two three four five six seven eight nine ten half".split())


def _counted_share(tokens: list[Token]) -> bool:
    """ "one in eight participants", "half the staff", "half of them": a share of people counted, after "about"."""
    first, second, third = tokens[0], tokens[1], tokens[2]
    if first.lower == "half":
        return second.lower in ("the", "of", "its", "their", "all")
    if first.lower in SHARE_WORDS:
        return second.lower == "in" and (third.lower in SHARE_WORDS or third.text[:1].isdigit())
    return False


def _opens_clause(masked: str, start: int, end: int) -> bool:
    """Whether a bare clause starts here rather than a prepositional phrase or a set object
    ("said during a press conference", "claimed responsibility")."""
    tokens = tokenize(masked, start, min(end, start + 40))
    if not tokens or not tokens[0].word:
        return False
    if tokens[0].lower in APPROXIMATORS and len(tokens) > 1 and tokens[1].text[:1].isdigit():
        return True  # "said about 80 children had been vaccinated": a quantity opens the clause
    if tokens[0].lower in APPROXIMATORS and len(tokens) > 3 and _counted_share(tokens[1:4]):
        return True  # "said about one in eight participants dropped out", "said about half the staff ..."
    if tokens[0].lower in ("no", "nothing") and any(token.lower in CLAUSE_AUXILIARIES for token in tokens[1:5]):
        return True  # "said no irregularities had been found", not "said no to the plan"
    return tokens[0].lower not in NOT_CLAUSES


# Modals after a closing ", which" that make it a comment on what was said rather than the writer's aside.
SPECULATIVE_MODALS = frozenset("could would might may".split())


def _clause(
    masked: str, start: int, end: int, after_cue: bool = False, keep_contrast: bool = False
) -> tuple[int, int] | None:
    stop = CLAUSE_END.search(masked, start, end)
    while stop is not None and keep_contrast and stop.group().lstrip(", ") in ("but", "though", "although"):
        # "Revenue rose 4%, but that was short of forecasts, according to X": the whole sentence is X's.
        stop = CLAUSE_END.search(masked, stop.end(), end)
    while stop is not None and after_cue and stop.group().lstrip(", ").startswith(("which", "who")):
        # "said the firm, which employs 60 people, had never been fined": a relative clause inside what
        # was said, closed by a comma that a verb follows.
        close = masked.find(",", stop.end(), end)
        modal = tokenize(masked, stop.end(), min(end, stop.end() + 12))
        if stop.group().endswith("who") and close < 0:
            # "denied that he had fallen out with the striker, who was left on the bench": a closing clause
            # about someone in what was said is part of it.
            stop = None
            break
        if stop.group().endswith("which") and close < 0 and modal and modal[0].lower in SPECULATIVE_MODALS:
            # "said the families knew which group they were in, which could have shaped their answers": a
            # closing "which" clause that weighs what was said is part of it.
            stop = None
            break
        following = tokenize(masked, close + 1, min(end, close + 40)) if close >= 0 else []
        if not following or following[0].lower not in CLAUSE_AUXILIARIES:
            break
        stop = CLAUSE_END.search(masked, close + 1, end)
    while stop is not None and not after_cue and stop.group().lstrip(", ").startswith(("which", "who")):
        # "The volcano, which last erupted in 1987, began spewing ash, according to X": before the cue, a
        # relative clause between commas is inside what was said, when words of the clause follow it.
        close = masked.find(",", stop.end(), end)
        if close < 0 or not masked[close + 1 : end].strip(" ,"):
            break
        stop = CLAUSE_END.search(masked, close + 1, end)
    if stop is not None:
        end = stop.start()
    if after_cue:
        participle = PARTICIPLE_END.search(masked, start, end)
        if participle is not None:
            end = participle.start()
        end = _before_writers_present(masked, start, end)
    # The sentence's own full stop goes; a quotation at the end keeps its marks and punctuation.
    while end > start and (masked[end - 1].isspace() or masked[end - 1] in TERMINAL + ",;:"):
        end -= 1
    if masked[end : end + 1] == "." and ABBREVIATION_END.search(masked, max(start, end - 8), end):
        end += 1  # "until 4:15 p.m.": the stop belongs to the abbreviation
    while start < end and masked[start].isspace():
        start += 1
    narration = [t for t in tokenize(masked, start, end) if t.word and not t.text.startswith("\x00")]
    if len(narration) < 3 and not _subject_then_quotation(masked, start, end, narration):
        return None
    return start, end


# ", and investigators have charged no one": after a clause told in the past, "and" with a subject of its
# own and a verb in the present is the writer's, not more of what was said.
PRESENT_AFTER_AND = regex.compile(r",\s+and\s+(?!that\b)((?:[\p{L}'’-]+\s+){1,4}?)(?:has|have|is|are)\b")
PRESENT_AUXILIARIES = frozenset("has have is are will can does do".split())


def _before_writers_present(masked: str, start: int, end: int) -> int:
    """Where a reported clause told in the past ends when ", and" opens a clause in the present."""
    joined = PRESENT_AFTER_AND.search(masked, start, end)
    if joined is None or not CLAUSE_AUXILIARIES.isdisjoint(joined.group(1).lower().split()):
        return end
    before = tokenize(masked, start, joined.start())
    if any(token.lower in PRESENT_AUXILIARIES for token in before):
        return end  # "said the fund is empty, and the council has no plan": all in the present, all reported
    return joined.start()


def _subject_then_quotation(masked: str, start: int, end: int, narration: list[speakers.Token]) -> bool:
    """'said its homes "meet or exceed every requirement."': two words of a subject, then a quotation that
    runs to the clause's end, make a reported clause."""
    if len(narration) != 2 or narration[0].lower not in POSSESSIVES:
        return False
    rest = masked[narration[1].end : end].strip().lstrip("\"“‘'«")
    return rest.startswith("\x00") and not rest.strip("\x00\"”’'».,!? ")


POSSESSIVES = frozenset("its their his her our my your".split())


def find(context: Context, used_cues: set[int]) -> list[ReportedSpeech]:
    masked, sentences = context.masked, context.sentences
    found: list[ReportedSpeech] = []
    for match in cues.between(masked, 0, len(masked)):
        if match.start() in used_cues:
            continue
        sentence_start, sentence_end = sentences.at(match.start())
        verb = (match.group("verb") or "").lower()
        phrase = (match.group("phrase") or "").lower()
        if verb and verb not in CLAUSE_VERBS and verb not in cues.OBJECT_VERBS:
            continue  # "called", "described": no reported clause to take
        before = tokenize(masked, sentence_start, match.start())
        if verb.endswith("ing") and before and (before[-1].bare in speakers.DETERMINERS or before[-1].possessive):
            continue  # a noun: "the bank's warning"
        if phrase.startswith("according"):
            item = _according(context, match, sentence_start, sentence_end)
            if item is not None:
                found.append(item)
            continue
        if phrase.startswith("in"):
            continue
        if verb == "saying" and before and before[-1].lower == "as":
            subject = quoted_as_saying(before)
        elif verb.endswith("ing") and before and before[-1].text == ",":
            subject = _main_subject(masked, sentence_start, match.start())
        elif verb.endswith("ing"):
            subject = with_subject(before)  # "..., with managers warning that"
            if subject is None:
                continue
        elif before and before[-1].lower in ("and", "but"):
            subject = _main_subject(masked, sentence_start, before[-1].start)
        elif (
            before
            and before[-1].lower in PASSIVE_AUXILIARIES
            and verb.endswith(("ed", "ld"))
            and not regex.match(r"\s+by\b", masked[match.end() : match.end() + 4])
        ):
            continue  # "staff were warned that ...": the subject of a passive cue is the listener
        else:
            subject = speakers.subject_before(before) if before else None
        if subject is None and not verb.endswith("ing"):
            subject = _inverted_subject(masked, match, sentence_end) or _noun_met_before(masked, before, sentence_start)
        if subject is None or not _accepts_weak(match, subject, masked):
            continue
        # "The border will reopen, the ministry said." The clause comes first.
        # "..., explains Dr Park": with the subject after the cue, the clause is what comes before the cue.
        lead = masked[sentence_start : min(subject.start, match.start())].rstrip()
        if (
            lead.endswith(",")
            and subject.start >= sentence_start
            and _ends_attribution(masked, max(match.end(), subject.end), sentence_end)
        ):
            dateline = DATELINE.match(masked, sentence_start, subject.start)
            opening = dateline.end() if dateline is not None else sentence_start
            clause = _clause(masked, opening, sentence_start + len(lead))
            if clause is not None and "\x00" not in masked[clause[0] : clause[1]]:
                subject = _business_of_the_clause(masked, clause[0], subject)
                found.append(ReportedSpeech(clause[0], clause[1], _cue_text(match), match.start(), subject))
            continue
        if subject.kind == "pronoun" and subject.head in ("i", "we"):
            continue
        position = match.end()
        if verb in cues.OBJECT_VERBS:
            that = OBJECT_THAT.match(masked, position, sentence_end)
            if that is not None:
                position = that.end()
        elif verb in CLAUSE_VERBS or phrase:
            if verb in ("told", "tells"):
                if TOLD_TO.match(masked, position, sentence_end):
                    continue  # "told the teenager to get up there": an order, not a reported clause
                after = tokenize(masked, position, sentence_end)
                listener = speakers.noun_phrase_after(after, 0) if after else None
                if listener is not None:
                    position = listener.end
                else:
                    # "told reporters that", "told local journalists that": a listener no rule names.
                    listener_words = TOLD_LISTENER.match(masked, position, sentence_end)
                    if listener_words is not None:
                        position = listener_words.end()
                    elif after and after[0].lower in OBJECT_PRONOUNS:
                        position = after[0].end  # "told them the damp was nothing serious"
            skip = SKIP_AFTER.match(masked, position, sentence_end)
            while skip is not None and skip.end() > position:
                position = skip.end()
                skip = SKIP_AFTER.match(masked, position, sentence_end)
            that = INTRODUCER.match(masked, position, sentence_end)
            if that is not None:
                position = that.end()
            elif masked[position:sentence_end].lstrip()[:1] in (":", ",", "\x00", "“", '"', "«", "‘"):
                continue  # a direct quotation follows: not reported speech
            elif not _opens_clause(masked, position, sentence_end):
                continue  # "claimed responsibility", "said during a press conference"
        else:
            continue
        clause = _clause(masked, position, sentence_end, after_cue=True)
        stop = CLAUSE_END.search(masked, position, sentence_end)
        joined = JOINED_THAT.search(masked, position, sentence_end if stop is None else stop.end())
        second = _clause(masked, joined.end(), sentence_end, after_cue=True) if joined is not None else None
        if joined is not None and second is not None:
            # The first clause may be too short to stand alone ('said staff were "exhausted"'); the second is not.
            clause = _clause(masked, position, joined.start(1), after_cue=True)
            if clause is not None:
                found.append(ReportedSpeech(clause[0], clause[1], _cue_text(match), match.start(), subject))
            found.append(ReportedSpeech(second[0], second[1], _cue_text(match), match.start(), subject))
            continue
        if clause is None:
            continue
        found.append(ReportedSpeech(clause[0], clause[1], _cue_text(match), match.start(), subject))
    return found


def _business_of_the_clause(masked: str, start: int, subject: Mention) -> Mention:
    """ "The airline will drop six routes, the company said": "the company" is the business the clause opens
    with, not the last company named."""
    if subject.head != "company" or subject.name_end - subject.name_start != len("company"):
        return subject
    tokens = tokenize(masked, start, min(len(masked), start + 30))
    if len(tokens) < 3 or tokens[0].lower != "the" or tokens[1].bare not in speakers.COMPANY_NOUNS:
        return subject
    if tokens[1].bare == "company" or not tokens[2].word:
        return subject
    business = speakers._mention(tokens[1:2], True, tokens[0].start)
    if business is None:
        return subject
    business.kind = "org"
    return business


def _inverted_subject(masked: str, match: cues.Cue, sentence_end: int) -> Mention | None:
    """ "..., said the minister." The subject after the cue, when a comma comes before it."""
    before = masked[max(0, match.start() - 10) : match.start()].rstrip()
    if not before.endswith(","):
        return None
    after = tokenize(masked, match.end(), sentence_end)
    subject = speakers.noun_phrase_after(after, 0) if after else None
    if subject is not None and subject.kind != "pronoun":
        subject.start = match.start()
        return subject
    return None


# The verbs after which a noun met before was someone speaking: "a deckhand said".
SPOKE = r"(?:said|says|told|tells|added|adds|claimed|warned|explained|insisted)\b"


def _noun_met_before(masked: str, before: list[speakers.Token], sentence_start: int) -> Mention | None:
    """ "The deckhand added that ...": "the" and a lower-case noun no list holds, opening the sentence, stand
    for someone when the article brought that noun in before as someone who spoke ("a deckhand said"), who
    did something ("a deckhand, who") or who was named ("the groundsman, Tobias Wren"); else no one."""
    if len(before) != 2 or before[0].bare != "the" or not before[1].text.isalpha() or not before[1].text.islower():
        return None
    noun = before[1].bare
    if noun in speakers.FUNCTION_WORDS or noun in speakers.STATEMENT_WORDS:
        return None
    earlier = rf"\b(?:[Aa]n?|[Oo]ne|[Tt]he)\s+(?:[\p{{Ll}}'’-]+\s+){{0,2}}{noun},?\s+(?:who\b|\p{{Lu}}|{SPOKE})"
    if regex.search(earlier, masked[:sentence_start]) is None:
        return None
    mention = speakers._mention(before[1:], True, before[0].start)
    if mention is not None:
        mention.kind = "nominal"
    return mention


AFTER_ATTRIBUTION = frozenset(
    """on in at late early last this during after before to from via earlier later while when adding citing
    told referring speaking""".split()
)


CLAUSE_AUXILIARIES = frozenset("had has have was were is are would will could can should may might did does".split())
# Conjunctions that, after a comma behind a trailing cue, open a clause of the writer's, not more of the source.
CONTRAST_AFTER = frozenset("though although but whereas".split())


def _ends_attribution(masked: str, start: int, end: int) -> bool:
    """Whether little but place and time follows the cue: "said on Monday", "told Reuters"."""
    tokens = tokenize(masked, start, end)
    for index in range(1, len(tokens) - 2):
        if tokens[index].text == "," and tokens[index + 1].lower == "in" and tokens[index + 2].lower == "what":
            tokens = tokens[:index]  # "..., the company disclosed on Monday, in what regulators called ...": an aside
            break
    words = [token for token in tokens if token.word]
    if not words:
        return True
    if tokens[0].text == "," and words[0].text.islower() and CLAUSE_AUXILIARIES.isdisjoint(t.lower for t in words):
        return True  # "..., the company said, slightly ahead of forecasts": an aside, with no verb of its own
    if tokens[0].text == "," and words[0].lower in CONTRAST_AFTER:
        return True  # "..., the spokesperson added, though some staff will move": the writer's own clause
    if len(words) > 1 and words[0].capitalised and words[1].lower in CLAUSE_AUXILIARIES:
        return False  # "said Sorensen-Achebe had changed her life": a clause with a name as its subject
    return (
        len(words) <= 8
        and "that" not in {token.lower for token in words}
        and (words[0].lower in AFTER_ATTRIBUTION or words[0].capitalised)
    )


# Words that may follow "published" or "released" in a phrase that only dates the source: "Monday", "last week".
RELEASE_TIMES = speakers.TIME_WORDS | speakers.WEEKDAYS_MONTHS | frozenset("on in last this earlier".split())


def _without_time_of_release(after: list[speakers.Token], subject: Mention) -> Mention:
    """ "according to a study published Monday": the study, without when it came out."""
    words = [token for token in after if token.word and subject.start <= token.start and token.end <= subject.end]
    for index in range(1, len(words)):
        if words[index].lower not in STATEMENT_PARTICIPLES:
            continue
        rest = words[index + 1 :]
        if not rest or not all(word.lower in RELEASE_TIMES or word.text.isdigit() for word in rest):
            return subject
        determiner = words[0].bare in speakers.DETERMINERS
        head = words[1:index] if determiner else words[:index]
        shorter = speakers._mention(head, determiner, words[0].start) if head else None
        if shorter is not None:
            shorter.kind = subject.kind
            return shorter
        return subject
    return subject


def _statement_author(after: list[speakers.Token], subject: Mention) -> Mention:
    """ "according to a statement from Drovenergo", "according to a statement from the manufacturer, Ravensby
    Foods": the statement's author is the source, by the name an appositive gives it."""
    if subject.head not in speakers.STATEMENT_WORDS:
        return subject
    index = next((index for index, token in enumerate(after) if token.start >= subject.end), len(after))
    if index >= len(after) or after[index].lower not in ("from", "by"):
        return subject
    index += 1
    comma = next((position for position in range(index, min(len(after), index + 5)) if after[position].text == ","), -1)
    if comma > index and after[index].bare in speakers.DETERMINERS:
        run = []
        for token in after[comma + 1 :]:
            if not (token.word and token.capitalised):
                break
            run.append(token)
        closes = comma + 1 + len(run) >= len(after) or after[comma + 1 + len(run)].text in (",", ".", ";")
        named = speakers._mention(run, False) if run and closes else None
        if named is not None and named.kind in ("org", "unknown"):
            named.kind = "org"
            return named
    author = speakers.noun_phrase_after(after, index)
    return author if author is not None and author.kind != "pronoun" else subject


IRREGULAR_PARTICIPLES = frozenset("seen shown written drawn taken given kept held".split())
# Participles by whom a document was read, not written: "records reviewed by the Ledger" are not the Ledger's.
READER_PARTICIPLES = frozenset("reviewed seen obtained examined viewed received".split())


def _source_before_participle(after: list[speakers.Token]) -> Mention | None:
    """ "according to internal records reviewed by the Ledger", "according to a study published Wednesday in
    the Journal of ...": a participle after the source's noun tells what was done with the document; the
    source is the noun phrase before it."""
    for index in range(1, min(len(after), 7)):
        token = after[index]
        if not token.word:
            return None
        previous = after[index - 1]
        participle = token.lower in STATEMENT_PARTICIPLES or token.lower in IRREGULAR_PARTICIPLES
        participle = participle or (token.lower.endswith("ed") and len(token.lower) > 4)
        if not participle or not token.text.islower() or index + 1 >= len(after) or not after[index + 1].word:
            continue
        if previous.bare in speakers.DETERMINERS or previous.bare in speakers.FUNCTION_WORDS:
            return None  # "according to a leaked memo": the participle describes the noun after it
        if previous.lower.endswith("ly") or not previous.text.isalpha():
            return None  # "according to newly released figures"
        if after[index + 1].lower == "by" and token.lower not in READER_PARTICIPLES:
            return None  # "according to figures released by the league": the league's
        words = after[:index]
        determiner = words[0].bare in speakers.DETERMINERS
        phrase = words[1:] if determiner else words
        if any(word.bare in speakers.FUNCTION_WORDS for word in phrase):
            return None  # "a survey of employers published last month": the noun before "of"
        return speakers._mention(phrase, determiner, words[0].start) if phrase else None
    return None


# Words that leave a clause open before ", according to X,": what X says follows the source.
OPEN_LEADS = frozenset("when where why how that because if while whether".split())


def _according(context: Context, match: cues.Cue, sentence_start: int, sentence_end: int) -> ReportedSpeech | None:
    masked = context.masked
    after = tokenize(masked, match.end(), sentence_end)
    subject = _source_before_participle(after) or (speakers.noun_phrase_after(after, 0) if after else None)
    if subject is None:
        subject = speakers.phrase_to_comma(after)
    if subject is None:
        return None
    subject = _statement_author(after, _without_time_of_release(after, subject))
    lead = masked[sentence_start : match.start()].rstrip()
    if any(
        (cue.group("verb") or "").lower() in CLAUSE_VERBS
        and (cue.group("verb") or "").lower() not in cues.WEAK_FORMS
        and masked[cue.end() : cue.end() + 1] == ","
        for cue in cues.between(masked, sentence_start, match.start())
    ):
        # "Profit fell to 318 million, the company said, ahead of forecasts, according to a consensus":
        # the sentence has its speaker; "according to" only sources a figure in an aside.
        return None
    lead_words = lead[:-1].split()
    if lead.endswith(",") and not (lead_words and lead_words[-1].lower() in OPEN_LEADS):
        clause = _clause(masked, sentence_start, sentence_start + len(lead), keep_contrast=True)
    else:
        # "That is when, according to six employees, supervisors push pickers": a lead that ends in a
        # conjunction waits for its clause, which comes after the source.
        rest = masked.find(",", subject.end, sentence_end)
        if rest >= 0 and masked[subject.end : rest].strip():
            # "According to the regional chamber of agriculture, ...": a lower-case complement the noun
            # phrase stopped before; the source runs to the comma.
            subject = speakers.phrase_to_comma(after)
            if subject is None or masked[subject.end : rest].strip():
                return None
        if rest < 0:
            return None
        clause = _clause(masked, rest + 1, sentence_end)
    if clause is None:
        return None
    return ReportedSpeech(clause[0], clause[1], _cue_text(match), match.start(), subject)
