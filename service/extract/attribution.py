"""Who said each quotation: the cue next to it, the cue's subject, and the quotations
that carry on from an earlier one."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from . import cues, speakers
from .quotes import QuoteSpan
from .sentences import Sentences
from .speakers import Mention, Registry, Token, tokenize

# Words right before a quotation that make it a name rather than speech ("dubbed", "the film",
# "known as"), allowing a comma or colon and "the" after them. Looked up as words: a pattern
# anchored at the end would be tried at every position of the window.
NAMING_WORDS = frozenset(
    """dubbed nicknamed titled entitled named codenamed code-named so-called headlined banner slogan hashtag motto
    operation film movie book novel song album documentary series show programme program play poem podcast column
    exhibition painting campaign report study paper tagline headline brand label word words term phrase nickname
    codename name sign signs placard placards banners read reads reading marked stamped under""".split()
)
NAMING_PAIRS = frozenset(
    {
        ("known", "as"),
        ("billed", "as"),
        ("code", "name"),
        ("emblazoned", "with"),
        # "a group calling itself "ShadowLedger"": the name a group gives itself.
        ("calling", "itself"),
        ("calls", "itself"),
        ("called", "itself"),
        ("calling", "themselves"),
        ("call", "themselves"),
        ("calls", "themselves"),
        ("styling", "itself"),
        ("styles", "itself"),
    }
)
# "known ... as" with the people who use the name between: the name is a nickname, not speech.
NAMING_BEFORE_AS = frozenset("known referred".split())
NAMING_PUNCTUATION = str.maketrans({",": " ", ":": " "})
SPEECH_CALLED = frozenset("called termed branded labelled labeled described calling".split())
CAPITALISED_END = regex.compile(r"\b\p{Lu}[\p{L}\p{M}]*$")
INITIAL_AT_END = regex.compile(r"(?:^|[\s.])\p{Lu}\.$")
# A letter or digit of the narration (quoted words are masked with NUL, which is neither).
NARRATION_WORD = re.compile(r"[^\W_]")
TITLE_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*")


@dataclass(slots=True, init=False)
class Attribution:
    cue: str | None = None
    cue_start: int = -1
    subject: Mention | None = None
    source: str = "none"  # trailing | leading | floating | continued | byline | headline | none
    region_end: int = -1

    # Written out rather than generated: mypyc compiles this one, and calls it about ten times as fast.
    def __init__(
        self,
        cue: str | None = None,
        cue_start: int = -1,
        subject: Mention | None = None,
        source: str = "none",
        region_end: int = -1,
    ) -> None:
        self.cue = cue
        self.cue_start = cue_start
        self.subject = subject
        self.source = source
        self.region_end = region_end


@dataclass(slots=True, init=False)
class Piece:
    """A quotation being attributed."""

    span: QuoteSpan
    quote_start: int
    quote_end: int
    fragment: bool
    attribution: Attribution
    speech: bool = True

    # Written out rather than generated: mypyc compiles this one, and calls it about ten times as fast.
    def __init__(
        self,
        span: QuoteSpan,
        quote_start: int,
        quote_end: int,
        fragment: bool,
        attribution: Attribution,
        speech: bool = True,
    ) -> None:
        self.span = span
        self.quote_start = quote_start
        self.quote_end = quote_end
        self.fragment = fragment
        self.attribution = attribution
        self.speech = speech


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words without a comma before the attribution."""
    while end > start and (text[end - 1] in ",;:" or text[end - 1].isspace()):
        end -= 1
    return start, end


def trim_fragment(text: str, start: int, end: int) -> int:
    """A fragment's closing full stop ends the narration's sentence, not the quoted words."""
    inner = text[start:end]
    if inner.endswith(".") and not inner.endswith("..") and not INITIAL_AT_END.search(inner):
        return end - 1
    return end


def _cue_matches(masked: str, start: int, end: int) -> list[cues.Cue]:
    return cues.between(masked, start, end)


def _words(tokens: list[Token]) -> list[Token]:
    return [token for token in tokens if token.word and not token.text.startswith("\x00")]


def _cue_text(match: cues.Cue) -> str:
    return " ".join((match.group() or "").split())


def _accepts_weak(match: cues.Cue, subject: Mention | None, masked: str) -> bool:
    """ "what he called", "Smith described it as": a naming verb counts as speech only with a speaker."""
    verb = match.group("verb")
    if verb is not None and verb.lower() in cues.FINDING_FORMS:
        # "..., the study found": a document or its authors; not "police found the car".
        return subject is not None and subject.kind != "pronoun" and subject.head in cues.FINDERS
    if verb is None or verb.lower() not in cues.WEAK_FORMS:
        return True
    if subject is None:
        return False
    if subject.kind == "pronoun":
        return True
    if masked[subject.name_start].isupper():
        if subject.kind == "nominal" and subject.head in speakers.DEMONYMS:
            return True  # '"...," the Scot fumed': someone already named
        return subject.kind in ("person", "unknown", "org") or (subject.kind == "nominal" and subject.plural)
    # "press groups called it ...", "the minister described it as ...", but not "a group called ...".
    first_word = masked[subject.start : subject.start + 3].lower()
    return subject.kind in ("nominal", "org") and first_word not in ("a ", "an ")


def trailing(masked: str, region_start: int, region_end: int) -> Attribution | None:
    """Attribution after a quotation: ', X said', ', said X', ', according to X'."""
    tokens = tokenize(masked, region_start, region_end)
    while tokens and tokens[0].text in (",", "—", "–", "-", ";"):
        tokens = tokens[1:]
    if not tokens or not tokens[0].word or tokens[0].text.startswith("\x00"):
        return None
    for match in _cue_matches(masked, region_start, region_end):
        before = [token for token in tokens if token.end <= match.start()]
        if len(before) > 1 and before[0].lower == "as":
            before = before[1:]  # '"...", as one trader put it': the subject follows "as"
        if len(_words(before)) > 20:
            return None
        after_index = next((i for i, token in enumerate(tokens) if token.start >= match.end()), len(tokens))
        verb = (match.group("verb") or "").lower()
        phrase = match.group("phrase")
        if phrase and phrase.lower().startswith("according"):
            if _words(before):
                return None
            subject = speakers.noun_phrase_after(tokens, after_index) or speakers.phrase_to_comma(tokens[after_index:])
        elif not before:
            if verb.endswith("ing"):
                return None
            subject = speakers.noun_phrase_after(tokens, after_index)
        else:
            subject = speakers.subject_before(before)
            if subject is None and verb in PLAIN_CUES:
                subject = _plain_noun_phrase(before)
            if subject is None or subject.start > before[0].start and subject.kind != "pronoun":
                # Particles written before a surname are part of it: "van der Berg wrote", and so are a
                # title and given names before the particles: "Mr de la Cruz said", "Martin de la Cruz said".
                if subject is None or not _name_with_particles([t for t in before if t.end <= subject.start]):
                    return None
        if not _accepts_weak(match, subject, masked):
            return None
        if subject is None:
            return None
        return Attribution(_cue_text(match), match.start(), subject, "trailing", region_end)
    return None


def _name_with_particles(leading_tokens: list[Token]) -> bool:
    """Whether the words before a surname are its particles, with a title or given names before them:
    "van der", "Mr de la", "Anouk van der"; all words, the last a particle, none after a particle capitalised."""
    words = _words(leading_tokens)
    if not words or len(words) != len(leading_tokens) or words[-1].lower not in speakers.NAME_PARTICLES:
        return False
    first_particle = next(index for index, word in enumerate(words) if word.lower in speakers.NAME_PARTICLES)
    if any(word.lower not in speakers.NAME_PARTICLES for word in words[first_particle:]):
        return False
    return all(word.capitalised and word.bare not in speakers.FUNCTION_WORDS for word in words[:first_particle])


PLAIN_DETERMINERS = frozenset("the its their his her our".split())
PLAIN_CUES = frozenset(
    "said says told tells added adds wrote writes stated states argued argues noted warned warns insisted insists "
    "concluded explained explains read reads".split()
)


def _plain_noun_phrase(before: list[Token]) -> Mention | None:
    """'"...," the motion said': between a quotation and its cue, a determiner and one or two
    lower-case words are the speaker whatever the noun (the newspaper, the platform, the motion)."""
    words = _words(before)
    if len(words) != len(before) or not 2 <= len(words) <= 3 or words[0].bare not in PLAIN_DETERMINERS:
        return None
    if any(word.capitalised or word.bare in speakers.FUNCTION_WORDS for word in words[1:]):
        return None
    mention = speakers._mention(words[1:], True, words[0].start)
    if mention is not None and mention.kind == "unknown":
        mention.kind = "statement" if mention.head in speakers.STATEMENT_WORDS else "org"
    return mention


# Participles that can follow "in a statement" before its subject: "In a statement released by his
# lawyers, the family said".
STATEMENT_PARTICIPLES: frozenset[str] = frozenset(
    "issued released published posted shared sent read given made circulated distributed".split()
)


def with_subject(before: list[Token]) -> Mention | None:
    """ "..., with managers warning that": the subject of a participle after "with" is the noun phrase
    between them."""
    for index in range(len(before) - 2, max(-1, len(before) - 10), -1):
        if before[index].lower == "with":
            if index == 0 or before[index - 1].text != ",":
                return None
            subject = speakers.noun_phrase_after(before, index + 1)
            if subject is None or subject.kind == "pronoun" or subject.end != before[-1].end:
                return None
            return subject
        if not before[index].word:
            return None
    return None


def past_statement_phrase(after: list[Token]) -> list[Token]:
    """The tokens after "In a statement" where its subject starts: past a comma, or past a participle's
    phrase up to its comma ("In a statement issued through police, the family said")."""
    if after and after[0].text == ",":
        return after[1:]
    if after and after[0].lower in STATEMENT_PARTICIPLES:
        comma = next((number for number, token in enumerate(after) if token.text == ","), len(after))
        return after[comma + 1 :]
    return after


def leading(masked: str, region_start: int, region_end: int) -> Attribution | None:
    """Attribution before a quotation in its sentence: the last cue and its subject."""
    matches = _cue_matches(masked, region_start, region_end)
    for match in matches[::-1]:
        verb = (match.group("verb") or "").lower()
        before = tokenize(masked, region_start, match.start())
        if verb.endswith("ing") and before and (before[-1].bare in speakers.DETERMINERS or before[-1].possessive):
            continue  # a noun: "the bank's warning"
        after = tokenize(masked, match.end(), region_end)
        phrase = (match.group("phrase") or "").lower()
        if phrase.startswith("according"):
            subject = speakers.noun_phrase_after(after, 0)
        elif phrase.startswith("in"):
            # "In a statement, the ministry said": the subject follows.
            rest = past_statement_phrase(after)
            subject = speakers.noun_phrase_after(rest, 0) if rest else None
            if subject is None:
                subject = speakers.subject_before(before) if before else None
        elif verb == "saying" and before and before[-1].lower == "as":
            subject = quoted_as_saying(before)
        elif verb.endswith("ing") and before and before[-1].text == ",":
            subject = _main_subject(masked, region_start, match.start())
        elif verb.endswith("ing") and not before:
            # "Speaking to reporters, Smith said" / "Asked about X, Smith said": not the cue of this quotation.
            continue
        elif verb.endswith("ing") and with_subject(before) is not None:
            subject = with_subject(before)
        elif (
            before
            and before[-1].lower in PASSIVE_AUXILIARIES
            and len(after) > 1
            and after[0].lower == "by"
            and (agent := speakers.noun_phrase_after(after, 1)) is not None
            and agent.kind != "pronoun"
        ):
            # "they had been told by the director, Wayne Castellanos, that": the one who told them speaks.
            subject = agent
        elif before and before[-1].lower in PASSIVE_AUXILIARIES and verb.endswith(("ed", "ld")):
            # "managers were told to keep costs down": the subject of a passive cue is the listener.
            continue
        elif before and before[-1].lower in ("and", "but"):
            # "X dismissed the charge and said ...": the subject of the first verb.
            subject = None
            if verb in ORDER_VERBS and ORDER_AFTER.match(masked, match.end(), region_end):
                subject = _reported_orderer(before[:-1])
            if subject is None:
                subject = _main_subject(masked, region_start, before[-1].start)
        else:
            subject = speakers.subject_before(before) if before else None
            if subject is None and verb in ("said", "says", "told", "added", "asked", "wrote", "replied"):
                # "said X:" — inverted, with nothing between the name and the quotation but a colon.
                subject = speakers.noun_phrase_after(after, 0) if after else None
                if subject is not None and (
                    subject.kind == "pronoun" or masked[subject.end : region_end].strip(" ,:\u00a0")
                ):
                    subject = None
        if subject is None:
            continue
        if not _accepts_weak(match, subject, masked):
            continue
        return Attribution(_cue_text(match), match.start(), subject, "leading", region_end)
    return None


OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "it": "it"}
ORDER_VERBS = frozenset("told asked urged ordered".split())
# "told him to", "told the driver not to": an order, given by whoever the clause is about.
ORDER_AFTER = regex.compile(r"\G\s+(?:(?:the|a|an|his|her|their)\s+)?[\w-]+\s+(?:not\s+)?to\b")
CLAUSE_AUXILIARY = frozenset("had has have was would".split())


def _reported_orderer(tokens: list[Token]) -> Mention | None:
    """ "Bhattacharya told the court that, when Koval joined in 1994, a senior colleague had handed him cash
    and told him to": someone described and not named, opening a clause reported after "that", "said" or a
    comma, whose second verb gives the order; the words quoted after it are theirs."""
    for index in range(len(tokens) - 2, 0, -1):
        if tokens[index + 1].lower not in CLAUSE_AUXILIARY or tokens[index].capitalised:
            continue
        described = speakers._one_unnamed_person(tokens, index, any_noun=True)
        if described is None:
            continue
        opening = next(number for number, token in enumerate(tokens) if token.start == described.start)
        if opening > 0 and tokens[opening - 1].lower in ("said", "says", "that", ","):
            return described
        return None
    return None


def quoted_as_saying(before: list[Token]) -> Mention | None:
    """ "State media quoted the minister as saying" (the minister), "he was quoted by the agency as saying" (he)."""
    window = before[-14:-1]
    quoted = next((index for index in range(len(window) - 1, -1, -1) if window[index].lower == "quoted"), None)
    if quoted is None:
        return None
    following = window[quoted + 1 :]
    if following and following[0].lower not in ("by", "in", "on"):
        pronoun = OBJECT_PRONOUNS.get(following[0].lower)
        if pronoun is not None:
            token = following[0]
            return Mention(token.start, token.end, token.start, token.end, "pronoun", pronoun)
        return speakers.noun_phrase_after(following, 0)
    subject_end = quoted - 1 if quoted >= 1 and window[quoted - 1].lower in ("was", "were", "is", "are") else quoted
    offset = len(before) - 1 - len(window)
    return speakers.subject_before(before[: offset + subject_end])


# A wire story's dateline, before its first sentence: "KASANDA, Zambia (AP) — ", "LONDON, March 12 (Reuters) - ".
DATELINE = regex.compile(r"\G\s*\p{Lu}[\p{Lu} .'-]+(?:,[\p{L}\d .]{1,30})?(?:\s*\([^)\n]{1,40}\))?\s+[—–-]\s+")


def _main_subject(masked: str, start: int, end: int) -> Mention | None:
    """The subject of the clause a participle hangs from: "Mohie rejected these claims, saying"."""
    dateline = DATELINE.match(masked, start, end)
    if dateline is not None:
        start = dateline.end()  # "LONDON, March 4 (Reuters) - The bank ..., saying": not "March"
    earlier = _cue_matches(masked, start, end)
    for match in earlier[::-1]:
        subject = speakers.subject_before(tokenize(masked, start, match.start()))
        if subject is None:
            # '"...," said station officer Ben Carver, adding: "..."'
            after = tokenize(masked, match.end(), end)
            subject = speakers.noun_phrase_after(after, 0) if after else None
        if subject is not None:
            return subject
    tokens = tokenize(masked, start, end)
    index = 0
    # Skip an opening adverbial that ends in a comma: "On Monday, X did ...".
    for position, token in enumerate(tokens[:8]):
        if token.text == ",":
            index = position + 1
            break
    if index:
        # Not when what comes before the comma is a person's name: "Gov. Ana Ruiz, a fellow Democrat, ...".
        opening = speakers.noun_phrase_after(tokens, 0)
        if opening is not None and opening.kind == "person" and opening.end == tokens[index - 1].start:
            return opening
    return speakers.noun_phrase_after(tokens, index) if index < len(tokens) else None


def _colon_speaker(masked: str, start: int, open_mark: int) -> Attribution | None:
    """A headline's 'Iraqi PM: "We will not allow it"': a short name, a colon, the quotation."""
    tokens = tokenize(masked, start, open_mark)
    words = _words(tokens)
    if not 1 <= len(words) <= 6 or tokens[-1].text != ":":
        return None
    subject = speakers.noun_phrase_before(tokens, len(tokens) - 2)
    if subject is None or subject.start != words[0].start or subject.kind == "pronoun":
        return None
    return Attribution(":", tokens[-1].start, subject, "leading", open_mark)


# Nouns for something said or written that a verb hands over: "read a statement outside court:",
# "issued a short video message:". With a colon after them, the quotation is that speech act's words.
SPEECH_ACT_NOUNS = frozenset(
    """statement speech address message remarks note letter post tweet video appeal plea tribute warning
    announcement response reply apology eulogy sermon toast prayer declaration communique communiqué update
    comment comments words greeting farewell""".split()
)
VERB_PARTICLES = frozenset("out up off".split())


def _speech_act(masked: str, start: int, open_mark: int) -> Attribution | None:
    """ "The lawyer read a statement outside court: "...": no reporting verb, but a verb whose object is a
    speech act, then a colon; the speaker is that verb's subject."""
    tokens = tokenize(masked, start, open_mark)
    if len(tokens) < 4 or tokens[-1].text != ":":
        return None
    for index in range(len(tokens) - 2, max(0, len(tokens) - 9), -1):
        if tokens[index].bare not in SPEECH_ACT_NOUNS:
            continue
        # Back over the object's determiner and up to two modifiers to the verb: "a brief written statement".
        determiner = index - 1
        while determiner > 0 and index - determiner <= 3 and tokens[determiner].bare not in speakers.DETERMINERS:
            if not tokens[determiner].word or tokens[determiner].capitalised:
                return None
            determiner -= 1
        if tokens[determiner].bare not in speakers.DETERMINERS:
            return None
        verb = determiner - 1
        if verb > 0 and tokens[verb].lower in VERB_PARTICLES:
            verb -= 1  # "read out a statement"
        verb_token = tokens[verb]
        if verb < 1 or not verb_token.word or verb_token.capitalised or verb_token.bare in speakers.FUNCTION_WORDS:
            return None
        subject = speakers.subject_before(tokens[:verb])
        if subject is None:
            return None
        cue = " ".join(token.text for token in tokens[verb : index + 1])
        return Attribution(cue, verb_token.start, subject, "leading", open_mark)
    return None


PASSIVE_AUXILIARIES = frozenset("was were is are be been being got".split())


def _gesture(masked: str, start: int, open_mark: int) -> Attribution | None:
    """ "the Swede smiled:", "Mr Lomax shrugged:": a past-tense verb that is not a cue, then a colon;
    the quotation is its subject's. Not in the passive ("he was asked:"), whose subject is the listener."""
    tokens = tokenize(masked, start, open_mark)
    if len(tokens) < 3 or tokens[-1].text != ":":
        return None
    verb = len(tokens) - 2
    if tokens[verb].lower.endswith("ly") and verb > 1:
        verb -= 1  # "smiled broadly:"
    verb_token = tokens[verb]
    if (
        not verb_token.word
        or verb_token.capitalised
        or not verb_token.lower.endswith("ed")
        or len(verb_token.lower) < 5
    ):
        return None
    if tokens[verb - 1].lower in PASSIVE_AUXILIARIES:
        return None
    subject = speakers.subject_before(tokens[:verb])
    if subject is None or subject.kind == "statement":
        return None
    return Attribution(verb_token.text, verb_token.start, subject, "leading", open_mark)


def _clause_start(masked: str, start: int, end: int) -> int:
    """Where the clause holding ``end`` starts: after a semicolon or the last quotation before it."""
    cut = max(masked.rfind(";", start, end), masked.rfind("\x00", start, end))
    if cut < 0:
        return start
    while cut + 1 < end and masked[cut + 1] in "”\"’'»›,":
        cut += 1
    return cut + 1


def is_naming(masked: str, open_mark: int, close_end: int, floor: int) -> bool:
    """A name, a title or a nickname: after "dubbed", "the film", ...; or inside a name (Dwayne "Rocky" Marsh)."""
    window = masked[max(floor, open_mark - 40) : open_mark].rstrip()
    words = window[-24:].lower().translate(NAMING_PUNCTUATION).split()
    if words and words[-1] == "the":
        words.pop()
    if words and (words[-1] in NAMING_WORDS or tuple(words[-2:]) in NAMING_PAIRS):
        return True
    if words and words[-1] == "as" and not NAMING_BEFORE_AS.isdisjoint(window.lower().split()[-6:-1]):
        return True  # "known to his neighbours as", "better known among fans as"
    before = window[-1:]
    after = masked[close_end : close_end + 3].lstrip()[:1]
    return before.isalpha() and after.isupper() and bool(CAPITALISED_END.search(window))


# With "under" ("sold under "Brightline""), a label too; in lower case, a state: "under "enormous pressure"".
LABEL_VERBS = frozenset("marked stamped under".split())


def _after_label_verb(masked: str, open_mark: int) -> bool:
    """Whether the word right before a quotation is "marked" or "stamped": a label after it ("a box
    marked "Fragile"") is written with a capital, but the verb also takes a description ("the results
    marked "a turning point"")."""
    words = masked[max(0, open_mark - 12) : open_mark].split()
    return bool(words) and words[-1].lower() in LABEL_VERBS


def looks_like_title(quote: str) -> bool:
    """Short Title Case words with no sentence punctuation: a name, a title, a slogan."""
    stripped = quote.strip()
    if stripped[-1:] in ".!?,;:" or len(stripped) > 60:
        return False
    words = TITLE_WORD.findall(stripped)
    if not words or len(words) > 7:
        return False
    long_words = [word for word in words if len(word) > 3]
    return bool(long_words) and all(word[0].isupper() or word[0].isdigit() for word in long_words)


# Function words that open a predicate: 'said the report "was never going to be read"'.
VERB_OPENERS = frozenset("is was are were has had have does did will would could can may might should must".split())
# Works that NAMING_WORDS lists whose noun can be a reported clause's subject: 'said the study "adds to ..."'.
WORKS = frozenset("report study paper book film movie series show programme program play campaign".split())


def _predicate_of_a_work(masked: str, quote: str, open_mark: int) -> bool:
    """Whether a quotation after "the study" or "the report", in a sentence with a cue before it, goes on
    with that noun's clause in lower case ('said the study "adds to a growing body of evidence"'), rather
    than giving its title."""
    words = quote.split()
    if len(words) < 3 or not words[0][:1].islower():
        return False
    first = words[0].lower()
    if first in speakers.FUNCTION_WORDS and first not in VERB_OPENERS:
        return False  # "the book "a history of salt"": a title in lower case
    before = masked[max(0, open_mark - 24) : open_mark].lower().split()
    return len(before) >= 2 and before[-1] in WORKS and before[-2] in ("the", "this", "its", "their")


POSSESSIVE_DETERMINERS = frozenset("their his her its our my your".split())


def _possessed_term(masked: str, quote: str, open_mark: int) -> bool:
    """Whether a one-word lower-case quotation follows a possessive determiner: 'pickers who fell behind their
    "rate"' marks a workplace's term, not anyone's words."""
    words = quote.split()
    if len(words) != 1 or not words[0][:1].islower():
        return False
    before = masked[max(0, open_mark - 8) : open_mark].split()
    return bool(before) and before[-1].lower() in POSSESSIVE_DETERMINERS


NOT_NOUNS_AFTER_A_TERM = frozenset("is are was were has have had will would can could may might should".split())


def _possessed_modifier(masked: str, quote: str, open_mark: int, outer_end: int) -> bool:
    """Whether a short lower-case quotation stands between a possessive and the noun it describes: 'the
    company's "flexible staffing" model' names the owner's term for the model, not anyone's words."""
    words = quote.split()
    if not 1 <= len(words) <= 3 or not words[0][:1].islower():
        return False
    before = masked[max(0, open_mark - 30) : open_mark].split()
    if not before or not (before[-1].lower() in POSSESSIVE_DETERMINERS or before[-1].endswith(("'s", "’s"))):
        return False
    after = tokenize(masked, outer_end, min(len(masked), outer_end + 30))
    if not after or not after[0].word or not after[0].text.isalpha() or not after[0].text.islower():
        return False
    noun = after[0].lower
    if noun in speakers.FUNCTION_WORDS or noun in NOT_NOUNS_AFTER_A_TERM or noun.endswith("ed"):
        return False
    # A verb after the quotation ('her "sincere apologies" went to the family') leads on to a function word.
    return len(after) < 2 or not after[1].word or after[1].lower not in speakers.FUNCTION_WORDS


TITLED_WORKS = WORKS | frozenset("novel album song documentary poem podcast memoir".split())


def _work_in_apposition(masked: str, open_mark: int, floor: int) -> bool:
    """Whether a comma and a work's noun a few words before it lead to the quotation: 'a book for
    parents, "The Tired Generation,"' gives the book's title."""
    window = masked[max(floor, open_mark - 40) : open_mark].rstrip()
    if not window.endswith(","):
        return False
    words = window[:-1].lower().split()[-4:]
    return any(word.strip(",") in TITLED_WORKS for word in words)


def introduced(masked: str, region_start: int, open_mark: int, attribution: Attribution | None) -> bool:
    """Whether the narration before a quotation ends by introducing it whole:
    'X said: "', 'X said "', 'X told Reuters, "', 'X said that "Q' with a capital."""
    tail = masked[region_start:open_mark].rstrip()
    if not tail:
        return False
    if tail.endswith(":"):
        return True
    if attribution is None:
        return False
    words = [token for token in tokenize(masked, attribution.cue_start, open_mark) if token.word]
    last = words[-1].lower if words else ""
    if tail.endswith(",") and len(words) <= 5:
        return True
    return len(words) <= 2 or (last == "that" and len(words) <= 3)


@dataclass(slots=True)
class Context:
    text: str
    masked: str
    sentences: Sentences
    registry: Registry
    spans: list[QuoteSpan]


def _cue_then_comma(masked: str, lead: Attribution, open_mark: int) -> bool:
    """'Until then, she said, "the safest bear is ..."': a quotation that the cue and a comma
    introduce is the speaker's whole sentence, even when it opens in lower case."""
    if not lead.cue or lead.cue == "put it":
        return False  # "were, as she put it, "a curiosity ...": the narration's sentence goes on
    return masked[lead.cue_start + len(lead.cue) : open_mark].strip() == ","


# Verbs that, in the last sentence of a paragraph without quotations, introduce the speaker of a
# quotation that makes up the next paragraph: "Lars Berg spoke to reporters about the moment it struck."
INTRODUCING_VERBS = frozenset(
    """spoke speaks talked talks told tells described describes recalled recalls remembered explained explains
    said says addressed addresses""".split()
)


def _introduced_before(
    context: Context, span: QuoteSpan, sentence_start: int, previous: QuoteSpan | None
) -> Attribution | None:
    """The speaker of a quotation with no attribution that opens its paragraph, when the paragraph before
    holds no quotation and ends with a sentence whose verb introduces speech."""
    masked, sentences = context.masked, context.sentences
    if previous is not None and previous.paragraph >= span.paragraph - 1:
        return None
    if not masked[max(0, sentence_start - 8) : sentence_start].rstrip(" \t\u00a0").endswith("\n"):
        return None  # the quotation opens a paragraph, so the sentence before ends the one before
    number = sentences.index(sentence_start)
    if number == 0:
        return None
    before_start, before_end = sentences.spans[number - 1]
    tokens = tokenize(masked, before_start, before_end)
    if not tokens or tokens[-1].text != ".":
        return None
    for index, token in enumerate(tokens):
        if token.lower in INTRODUCING_VERBS:
            subject = speakers.subject_before(tokens[:index]) if index else None
            if subject is None or subject.kind in ("statement", "org"):
                return None
            return Attribution(token.text, token.start, subject, "floating", sentence_start)
    # "On her last day, Nic Giolla Phádraig will lock the door. She has not decided ..." then a quotation
    # alone: a paragraph without speech that opens with a named person as its subject leads to them.
    paragraph_start = masked.rfind("\n", 0, before_start) + 1
    first_start, first_end = sentences.at(paragraph_start)
    if cues.between(masked, paragraph_start, before_end):
        return None
    subject = _main_subject(masked, first_start, first_end)
    if subject is None or subject.kind not in ("person", "unknown"):
        return None
    named = context.registry.fullest(subject.name_start, subject.name_end, "person")
    if named is None or named.kind != "person":
        return None  # "In the spring, Dublin will ...": not someone named
    return Attribution(None, subject.start, subject, "floating", sentence_start)


def _headline_end(text: str) -> int:
    """Where the first line ends when it is a headline: short, and not ended by a full stop; else -1."""
    line_end = text.find("\n")
    line = text[:line_end].strip()
    if line_end <= 0 or not line or len(line.split()) > 20 or line.rstrip("\"”’'")[-1:] in ".!?":
        return -1
    return line_end


# A live report's entry opens with a line of its own: the time, then a short heading.
ENTRY_TIME = re.compile(r"(?:^|\n)[ \t]*\d{1,2}[:.]\d{2}[ \t]")


def _entry_heading(text: str, span: QuoteSpan) -> bool:
    """Whether the quotation is in a live report's entry heading ("20:30 'Never seen wind like it'"): a line
    of its own that opens with the time, short and not ended by a full stop."""
    line_start = text.rfind("\n", 0, span.open_mark) + 1
    if not ENTRY_TIME.match(text, max(0, line_start - 1), span.open_mark):
        return False
    line_end = text.find("\n", span.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return len(line.split()) <= 20 and line.rstrip("\"”’'")[-1:] not in ".!?"


def _said_again(text: str, later: list[QuoteSpan], words: str) -> bool:
    """Whether a later quotation holds these words (a headline's quotation repeated in the story)."""
    wanted = words.strip(" ,.").casefold()
    # One word ("impossible") said again somewhere is no sign that the headline quotes that speaker.
    return len(wanted) > 8 and " " in wanted and any(wanted in text[span.start : span.end].casefold() for span in later)


def attribute_quotes(context: Context) -> list[Piece]:
    text, masked, sentences = context.text, context.masked, context.sentences
    pieces: list[Piece] = []
    spans = context.spans
    headline_end = _headline_end(text)
    for number, span in enumerate(spans):
        quote_start, quote_end = trim(text, span.start, span.end)
        if quote_end <= quote_start:
            continue
        sentence_start, _ = sentences.at(span.open_mark)
        close_at = span.close_mark if span.close_mark is not None else span.end - 1
        _, sentence_end = sentences.at(close_at)
        previous = spans[number - 1] if number > 0 else None
        following = spans[number + 1] if number + 1 < len(spans) else None
        lead_start = sentence_start
        trail_end = sentence_end
        if following is not None and following.open_mark < sentence_end:
            trail_end = following.open_mark
        starts_sentence = NARRATION_WORD.search(masked, sentence_start, span.open_mark) is None
        inner = text[span.start : span.end].rstrip()
        attribution: Attribution | None = None
        if span.close_mark is not None and trail_end > span.outer_end:
            attribution = trailing(masked, span.outer_end, trail_end)
        if attribution is None and span.close_mark is not None and inner[-1:] in "?!" and trail_end <= span.outer_end:
            # '"Why now?" Smith asked.' The splitter ended the sentence at the question mark.
            next_index = sentences.index(close_at) + 1
            if next_index < len(sentences.spans):
                next_start, next_end = sentences.spans[next_index]
                if (
                    len(tokenize(masked, next_start, next_end)) <= 12
                    and masked[span.outer_end : next_start].strip() == ""
                ):
                    attribution = trailing(masked, next_start, next_end)
        lead = leading(masked, lead_start, span.open_mark) if lead_start < span.open_mark else None
        naming = is_naming(masked, span.open_mark, span.outer_end, lead_start)
        if naming and text[quote_start : quote_start + 1].islower() and _after_label_verb(masked, span.open_mark):
            naming = False  # 'the results marked "a genuine inflection point"': a verb's object, not a label
        if naming and lead is not None and (lead.cue or "") in SPEECH_CALLED and lead.subject is not None:
            # "Critics have called the series "the best thing on television"": the noun is the object; but
            # "a group calling itself "ShadowLedger"" names itself.
            called = _words(tokenize(masked, lead.cue_start, span.open_mark))
            naming = len(called) > 4 or (len(called) == 2 and called[1].lower in ("itself", "themselves"))
        quote_text = text[quote_start:quote_end]
        if not naming and _work_in_apposition(masked, span.open_mark, lead_start):
            naming = looks_like_title(quote_text.rstrip(",")) and quote_text[:1].isupper()
        if not naming and _possessed_term(masked, quote_text, span.open_mark):
            naming = True
        if not naming and _possessed_modifier(masked, quote_text, span.open_mark, span.outer_end):
            naming = True
        if naming and lead is not None and _predicate_of_a_work(masked, quote_text, span.open_mark):
            naming = False
        fragment = False
        speech = True
        if naming:
            speech = False
        elif starts_sentence:
            if attribution is None:
                rest_words = _words(tokenize(masked, span.outer_end, sentence_end))
                if rest_words or looks_like_title(quote_text):
                    speech = False
                elif lead is not None:
                    attribution = lead
                else:
                    attribution = _introduced_before(context, span, sentence_start, previous) or Attribution(
                        source="floating"
                    )
        else:
            clause_words = _words(tokenize(masked, _clause_start(masked, lead_start, span.open_mark), span.open_mark))
            if attribution is not None and not clause_words:
                pass  # '"Yes," one said; "no," said another.': a quotation that opens its clause
            elif lead is not None and introduced(masked, lead_start, span.open_mark, lead):
                if (
                    quote_text[:1].islower()
                    and not masked[lead_start : span.open_mark].rstrip().endswith(":")
                    and not _cue_then_comma(masked, lead, span.open_mark)
                ):
                    fragment = True
                attribution = lead
            elif attribution is not None:
                fragment = True
            elif lead is not None:
                fragment = True
                attribution = lead
            elif masked[lead_start : span.open_mark].rstrip().endswith(":") and quote_text[:1].isupper():
                attribution = (
                    _colon_speaker(masked, lead_start, span.open_mark)
                    or _speech_act(masked, lead_start, span.open_mark)
                    or _gesture(masked, lead_start, span.open_mark)
                    or Attribution(source="floating")
                )
            else:
                speech = False
            if speech and fragment and looks_like_title(quote_text) and len(quote_text.split()) > 1:
                speech = False
            elif (
                speech
                and lead is not None
                and attribution is lead
                and (lead.cue or "") in SPEECH_CALLED
                and looks_like_title(quote_text)
                and len(quote_text.split()) > 1
            ):
                speech = False  # 'what it is calling "Operation Lifeline"': a name in Title Case, not speech
        continued = (
            previous is not None
            and previous.close_mark is None
            and previous.paragraph == span.paragraph - 1
            and starts_sentence
        )
        if span.close_mark is None or continued:
            # A quotation over several paragraphs: every piece is speech, whoever is named anywhere in it.
            speech, fragment = True, False
            if attribution is None or attribution.source == "floating":
                attribution = Attribution(source="continued" if continued else "floating")
        if fragment and pieces and lead is not None and attribution is lead:
            earlier = pieces[-1]
            if (
                earlier.speech
                and not earlier.fragment
                and earlier.attribution.source == "trailing"
                and earlier.attribution.cue_start == lead.cue_start
            ):
                fragment = False  # '"I picked them," Ortega said, "and I will not apologise."': one quotation
        in_heading = span.end <= headline_end or _entry_heading(text, span)
        if in_heading and _said_again(text, spans[number + 1 :], text[quote_start:quote_end]):
            # A headline's quotation ("“I have let colleagues down”: minister quits") whose words a
            # quotation in the story repeats: speech by whoever says them there.
            speech, fragment, attribution = True, not starts_sentence, Attribution(source="headline")
        elif (
            span.end <= headline_end
            and fragment
            and " " not in quote_text.strip()
            and (lead is None or (lead.cue or "").lower() not in PLAIN_CUES)
        ):
            # 'Nurses describe "chaotic" wards': one word quoted in a headline is the headline's word for
            # what the story reports, not a quotation ('Minister says cuts "unavoidable"' still is).
            speech = False
        if fragment:
            quote_end = trim_fragment(text, quote_start, quote_end)
            if quote_end <= quote_start:
                continue
        pieces.append(Piece(span, quote_start, quote_end, fragment, attribution or Attribution(), speech))
    return pieces
