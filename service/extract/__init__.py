"""Finding the quotations and reported speech in an article, and who said them.

Rule-based, offline and pure: no database, no web framework, no model files.
``extract(text)`` gives the drafts in text order; the API adds the store's
matches (speaker_id, candidates, existing_claim_id) on top.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import regex

from . import arabic, collector, cues, paraphrase, speakers
from .attribution import DATELINE, Attribution, Context, Piece, attribute_quotes, leading, past_statement_phrase, trim
from .quotes import QuoteSpan, find_quotes, paragraphs
from .sentences import Sentences, mask_quotes, split
from .speakers import Entity, Mention, Registry, build_registry

__all__ = ["Draft", "Speaker", "extract"]

KINDS = ("quote", "paraphrase")
# The words that make an organisation a police service, which "the force" stands for.
POLICE_WORDS: frozenset[str] = frozenset("police constabulary policing".split())
# Words that name a body no one calls "the company": a trade union, a party, a school.
NOT_BUSINESS_WORDS: frozenset[str] = frozenset(
    "union unions party association federation church school university college charity foundation".split()
)
# What an article calls a business when it introduces one: "Minera Altamira, the Canadian-owned operator".
BUSINESS_DESCRIPTORS: frozenset[str] = speakers.COMPANY_NOUNS | frozenset(
    """maker automaker operator carrier chain brand provider supplier manufacturer producer developer broker
    distributor exporter importer miner refiner utility conglomerate subsidiary""".split()
)
GENERIC_ORGANISATIONS = frozenset(
    "group company firm organisation organization club union charity operator agency movement network militia"
    " authority utility trust board".split()
)
# "a person familiar with the investigation": an anonymous source and the words that describe it.
DESCRIBED_SOURCE = regex.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome)\s+(person|people|sources?|officials?|insiders?)\s+"
    r"(?:familiar\s+with|close\s+to|with\s+knowledge|briefed\s+on|aware\s+of|involved\s+in|with\s+direct)\b"
)
FAMILY_DESCRIPTOR = regex.compile(
    r"[Tt]he\s+(father|mother|grandfather|grandmother|husband|wife|widow|widower)\s+of\s+"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
)
DESCRIPTION_ENDS = frozenset("said says told added who which that and but according".split())
# A describing compound before an organisation's noun: "the Conservative-run authority", "the state-owned firm".
DESCRIBING_COMPOUND = regex.compile(r"[\p{L}]+-(?:run|led|owned|controlled|backed|based|funded|appointed)")
LEADING_ARTICLE = regex.compile(r"(?:the|a|an)\s+", regex.IGNORECASE)
INDEFINITE_ARTICLE = regex.compile(r"(?:a|an)\s+", regex.IGNORECASE)
BYLINE = regex.compile(r"(?:by|—|–|-)[\s\u00a0]+(?=\p{Lu})")
BYLINE_STARTS = frozenset("b—–-")
SENTENCE_END = regex.compile(r"[.!?]\s*$")
WORD_CHARACTER = regex.compile(r"[\p{L}\p{N}]")
SPOKES = regex.compile(r"spokes(?:man|woman|person)")
SPOKESPERSON_FOR = regex.compile(r"(?:(?:[Aa]n?|[Tt]he|[Oo]ne)\s+)?(spokes(?:man|woman|person))\s+(?:for|of)\s")
PLACE_PREPOSITION = regex.compile(r"\s+(?:at|from|with|in|on)\s+$")
STATEMENT_BY = regex.compile(
    r"\b(?:" + "|".join(sorted(speakers.STATEMENT_WORDS)) + r")\s+(?:issued\s+|filed\s+|published\s+)?(?:by|from)\s+",
    regex.IGNORECASE,
)
# Documents that speak for themselves when no author is named; a statement or a post is always someone's.
DOCUMENTS = speakers.STATEMENT_WORDS - frozenset(
    "statement post letter message communique communiqué tweet email e-mail".split()
)
# Words that open a relative clause about someone described: "A student at the college, who has ...".
RELATIVE_OPENERS = frozenset("who whose whom which that".split())
# Words after which "it" is a clause's subject: "when it announced", "said it would".
EPITHETS = frozenset("veteran experienced seasoned evergreen".split())
CLAUSE_OPENING_WORDS = frozenset(
    "when after before because as since until once while and but that said says if so although though".split()
)
CONFIDENCE = {
    ("trailing", "person"): 0.95,
    ("leading", "person"): 0.9,
    ("trailing", "org"): 0.9,
    ("leading", "org"): 0.85,
    ("continued", None): 0.85,
    ("byline", None): 0.8,
    ("floating", None): 0.7,
}


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said it: the fullest name the article gives, and where that name is written."""

    name: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "start": self.start, "end": self.end}


def _gerund_with_object(tokens: list[speakers.Token], index: int) -> bool:
    """Whether tokens[index] is a lower-case "-ing" verb followed by its object ("of ignoring warnings")."""
    word, following = tokens[index], tokens[index + 1] if index + 1 < len(tokens) else None
    return (
        word.text.islower()
        and word.lower.endswith("ing")
        and following is not None
        and following.word
        and not following.capitalised
        and following.lower not in ("and", "or")
    )


@dataclass(frozen=True, slots=True, init=False)
class Draft:
    """One proposed claim: ``text[start:end] == quote``."""

    quote: str
    start: int
    end: int
    kind: str
    fragment: bool
    continues: int | None
    cue: str | None
    speaker: Speaker | None
    role: str | None
    confidence: float

    # Written out rather than generated: mypyc compiles this one, and calls it about ten times as fast.
    def __init__(
        self,
        quote: str,
        start: int,
        end: int,
        kind: str,
        fragment: bool,
        continues: int | None,
        cue: str | None,
        speaker: Speaker | None,
        role: str | None,
        confidence: float,
    ) -> None:
        object.__setattr__(self, "quote", quote)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "fragment", fragment)
        object.__setattr__(self, "continues", continues)
        object.__setattr__(self, "cue", cue)
        object.__setattr__(self, "speaker", speaker)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "confidence", confidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "fragment": self.fragment,
            "continues": self.continues,
            "cue": self.cue,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "role": self.role,
            "confidence": self.confidence,
        }


def detect_language(text: str) -> str:
    return "ar" if arabic.is_arabic(text) else "en"


def extract(text: str, language: str | None = None) -> list[Draft]:
    """Every quotation and reported statement in ``text``, in text order."""
    with collector.paused():
        return _extract(text, language)


def _extract(text: str, language: str | None) -> list[Draft]:
    if not text or not text.strip():
        return []
    language = (language or detect_language(text)).lower()
    paragraph_spans = paragraphs(text)
    spans = find_quotes(text, paragraph_spans)
    masked = mask_quotes(text, spans)
    sentences = Sentences(split(masked, paragraph_spans))
    if language.startswith("ar"):
        return _extract_arabic(text, masked, sentences, spans)
    registry = build_registry(masked, text)
    context = Context(text, masked, sentences, registry, spans)
    pieces = attribute_quotes(context) + _bylines(text, masked, paragraph_spans, spans)
    pieces.sort(key=lambda piece: piece.quote_start)
    used = {piece.attribution.cue_start for piece in pieces if piece.speech and piece.attribution.source == "trailing"}
    used |= {
        piece.attribution.cue_start
        for piece in pieces
        if piece.speech and piece.attribution.source == "leading" and not piece.fragment
    }
    reported = paraphrase.find(context, used)
    return _assemble(context, [piece for piece in pieces if piece.speech], reported)


class _Resolver:
    """Names for mentions, in text order, so that gender learnt from "he said" carries forward."""

    def __init__(self, text: str, masked: str, registry: Registry, sentences: Sentences) -> None:
        self.text = text
        self.masked = masked
        self.registry = registry
        self.sentences = sentences
        self.unnamed: dict[str, tuple[str, int, int]] = {}
        # The speaker last resolved and where their cue's subject is written, for "he" or "she" after it.
        self.previous_speaker: tuple[Entity, int, int] | None = None  # with where the cue is
        self.dateline_place: tuple[str, ...] | None = None  # found when first needed

    def _entity_span(self, entity: Entity) -> tuple[str, int, int]:
        return entity.name, entity.start, entity.end

    def resolve(self, mention: Mention, position: int) -> tuple[tuple[str, int, int] | None, Entity | None]:
        spokesperson = None if mention.kind == "pronoun" else SPOKESPERSON_FOR.match(self.masked, mention.start)
        if spokesperson is not None and spokesperson.end() < mention.end:
            # "a spokesman for Homeward Trust", "a spokesman for the utility": the organisation speaks.
            words = speakers.tokenize(self.masked, spokesperson.end(), mention.end)
            if words and words[-1].word:
                organisation = Mention(
                    spokesperson.end(), mention.end, spokesperson.end(), mention.end, "org", words[-1].bare
                )
                speaker, entity = self._resolve(organisation, position)
                if entity is not None and entity.kind == "org":
                    self._speaks_for(spokesperson.group(1).lower(), entity, mention.start)
                    return speaker, entity
        return self._resolve(mention, position)

    def _speaks_for(self, noun: str, organisation: Entity, position: int) -> None:
        """ "A spokesman for Homeward Trust said": the spokesperson is unnamed and speaks for the trust, so
        "the spokesman said" and "he said" after it are the trust too (the gold's convention)."""
        self.unnamed[noun] = (organisation.name, organisation.start, organisation.end)
        gender = "m" if noun == "spokesman" else "f" if noun == "spokeswoman" else None
        proxy = Entity(organisation.name, organisation.start, organisation.end, "unnamed", (), gender)
        self.registry.entities.append(proxy)
        self.registry._remember(position, proxy)

    def _resolve(self, mention: Mention, position: int) -> tuple[tuple[str, int, int] | None, Entity | None]:
        registry = self.registry
        if mention.kind == "pronoun":
            return self._pronoun(mention, position)
        if mention.kind == "statement":
            return self._statement(mention, position)
        described = self._opening_description(mention)
        if described is not None:
            registry._remember(mention.start, described)
            return self._entity_span(described), described
        family = FAMILY_DESCRIPTOR.fullmatch(self.masked, mention.start, mention.end)
        if family is not None:
            # "The father of three said": a description of the person last named whose gender fits.
            noun = family.group(1).lower()
            gender = "m" if noun in ("father", "grandfather", "husband", "widower") else "f"
            entity = self.registry.nearest(
                position, lambda entity: entity.kind == "person" and entity.gender in (None, gender)
            )
            if entity is not None:
                entity.gender = gender
                return self._entity_span(entity), entity
        if mention.head in speakers.SOURCE_NOUNS and mention.name_end - mention.name_start == len(mention.head):
            # "the person said", "the sources said": the anonymous source described before.
            start = self._skip_determiner(mention.start, mention.end)
            if start > mention.start and self.text[mention.start : start].strip().lower() == "the":
                earlier = self.unnamed.get(mention.head) or self._described_source(mention.head, start)
                if earlier is not None:
                    return earlier, None
        if mention.kind in ("org", "nominal"):
            # "A former senior manager at the society, ...": someone described at a sentence's opening.
            unnamed = registry.unnamed_at(self._skip_determiner(mention.start, mention.end))
            if unnamed is None:
                unnamed = self._described_owner(mention)
            if unnamed is not None:
                return self._entity_span(unnamed), unnamed
        if mention.kind in ("org", "nominal"):
            holder = self._role_of(mention, position)
            if holder is not None:
                registry._remember(mention.start, holder)
                return self._entity_span(holder), holder
        if mention.kind == "nominal":
            entity = (
                self._described_before(mention, position)
                or self._titled_surname(mention, position)
                or self._nominal(mention, position)
            )
            if entity is not None:
                return self._entity_span(entity), entity
            entity = self._named_next(mention, position)
            if entity is not None:
                return self._entity_span(entity), entity
            start = self._skip_determiner(mention.start, mention.end)
            if start > mention.start and (
                self._gives_age(mention)
                or mention.head in speakers.DEMONYMS
                or self._epithet(mention, start)
                or self._place_before_role(mention, start)
            ):
                # "the 61-year-old farmer told AFP", "said the Brazilian": an age or a nationality
                # describes someone already named.
                entity = speakers.descriptor_referent(self.registry, position, mention.head, mention.gender)
                if entity is not None:
                    if mention.head in speakers.DEMONYMS:
                        entity.roles.add(mention.head)  # "the Spaniard" again is the same person
                    return self._entity_span(entity), entity
            words = self.masked[start : mention.end].split()
            if start > mention.start and self.text[mention.start : start].strip().lower() == "the" and len(words) == 1:
                earlier = self.unnamed.get(mention.head)
                if earlier is not None:
                    return earlier, None  # "a senior diplomat said" ... "the diplomat said"
            speaker = (" ".join(self.text[start : mention.end].split()), start, mention.end)
            self.unnamed.setdefault(mention.head, speaker)
            if mention.plural:
                # "Health officials said ..." and then "they said": a group the pronoun can stand for.
                self.registry.add(start, mention.end, "nominal", None, None)
                return speaker, None
            # "One nurse, who asked not to be named, ..." and then "she said": an unnamed person whom
            # "he" or "she" can stand for.
            unnamed = self.registry.add(start, mention.end, "unnamed", mention.gender, None)
            return (unnamed.name, unnamed.start, unnamed.end), unnamed
        start = self._skip_determiner(mention.name_start, mention.name_end)
        if mention.kind == "org" and mention.head in speakers.ORG_OR_GROUP_WORDS:
            tokens = [
                token
                for token in speakers.tokenize(self.masked, start, mention.end)
                if token.word and not DESCRIBING_COMPOUND.fullmatch(token.text)
            ]
            if (
                len(tokens) == 4
                and tokens[1].lower in ("for", "of", "at")
                and tokens[2].lower == "the"
                and tokens[3].text.islower()
                and speakers.is_role_word(tokens[0].bare)
            ):
                # "a spokesman for the agency": the agency named earlier speaks through them.
                entity = self._nominal(replace(mention, kind="org", head=tokens[3].bare), position)
                if entity is not None:
                    return self._entity_span(entity), entity
            if len(tokens) == 1 and tokens[0].text.islower():
                # "the ministry", "the group": the organisation named earlier.
                entity = self._nominal(mention, position)
                if entity is not None:
                    return self._entity_span(entity), entity
                longer = self._longer_phrase(mention.head, mention.start)
                if longer is not None:
                    return longer, None
                below = self._named_below_heading(mention)
                if below is not None:
                    return self.resolve(below, below.start)
        kind = mention.kind
        entity = (
            self._run_ending_at(start, mention.name_end)
            or registry.organisation_by_first_word(start, mention.name_end)
            or registry.fullest(start, mention.name_end, kind, mention.gender if kind == "person" else None)
        )
        if entity is None:
            entity = registry.add(
                start,
                mention.name_end,
                "person" if kind == "unknown" and self._looks_personal(start, mention.name_end) else kind,
                mention.gender,
                None,
            )
        else:
            registry._remember(mention.start, entity)
            if mention.gender and (entity.gender is None or entity.gender_from_name):
                entity.gender, entity.gender_from_name = mention.gender, False
            if mention.kind == "org":
                entity.kind = "org"
        if mention.role:
            entity.roles.update(self.text[mention.role[0] : mention.role[1]].lower().split())
        return self._entity_span(entity), entity

    def _run_ending_at(self, start: int, end: int) -> Entity | None:
        """The organisation whose name, registered where it starts, runs on to ``end`` from before ``start``:
        "Finch" in "Marlow and Finch, which ..., said" is the tail of the name "Marlow and Finch"."""
        registry = self.registry
        index = bisect_left(registry.positions, start) - 1
        if index < 0 or start - registry.positions[index] > 60:
            return None
        position, entity = registry.mentions[index]
        if (
            entity.kind != "org"
            or not self.text[position:start].rstrip().endswith(" and")
            or " ".join(self.text[position:end].split()) != entity.name
        ):
            return None
        return entity

    def _statement(self, mention: Mention, position: int) -> tuple[tuple[str, int, int] | None, Entity | None]:
        """ "the statement said": whoever the nearest earlier statement was by."""
        floor = max(0, position - 2000)
        found = None
        for match in STATEMENT_BY.finditer(self.masked, floor, position):
            found = match
        author = self._author_in(mention.head, floor, position)
        if found is not None:
            tokens = speakers.tokenize(self.masked, found.end(), min(len(self.masked), found.end() + 120))
            by = speakers.noun_phrase_after(tokens, 0)
            # "an email from a regional manager ... In a statement, the company said ... the statement said":
            # of the two, the nearer.
            if by is not None and by.kind != "pronoun" and (author is None or author.start < by.start):
                return self.resolve(by, by.start)
        if author is not None:
            return self.resolve(author, author.start)
        if mention.head in DOCUMENTS:
            # "A United Nations report says ...": with no author given, the document speaks for itself.
            return self.resolve(replace(mention, kind="org"), position)
        entity = self.registry.nearest(position, lambda entity: entity.kind == "org")
        return (self._entity_span(entity), entity) if entity is not None else (None, None)

    def _author_in(self, head: str, floor: int, position: int) -> Mention | None:
        """The subject of the nearest earlier sentence that says its speaker spoke "in a filing" (or a
        statement, a report, ...): "Prosecutors wrote in a filing that ..." ... "the filing said"."""
        pattern = regex.compile(
            rf"\bin\s+(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+)?{regex.escape(head)}\b", regex.IGNORECASE
        )
        found = None
        for match in pattern.finditer(self.masked, floor, position):
            if self.sentences.at(match.start()) != self.sentences.at(position):
                found = match
        if found is None:
            return None
        sentence_start, sentence_end = self.sentences.at(found.start())
        if not self.masked[sentence_start : found.start()].strip():
            # "In a statement, the ministry said": the subject follows the phrase.
            tokens = past_statement_phrase(speakers.tokenize(self.masked, found.end(), sentence_end))
            while tokens and not tokens[0].word:
                tokens = tokens[1:]
            author = speakers.noun_phrase_after(tokens, 0) if tokens else None
        else:
            lead = leading(self.masked, sentence_start, found.start())
            author = lead.subject if lead is not None else None
        return author if author is not None and author.kind not in ("pronoun", "statement") else None

    def _longer_phrase(self, head: str, position: int) -> tuple[str, int, int] | None:
        """The nearest earlier phrase that names an organisation by this head word at more length:
        "the Iraqi interior ministry", "the ministry of defence in Karsa"."""
        floor = max(0, position - 3000)
        pattern = regex.compile(rf"\b{regex.escape(head)}\b", regex.IGNORECASE)
        matches = list(pattern.finditer(self.masked, floor, position))
        for match in matches[::-1]:
            tokens = speakers.tokenize(self.masked, max(0, match.start() - 80), min(len(self.masked), match.end() + 60))
            index = next(i for i, token in enumerate(tokens) if token.start == match.start())
            first, _ = speakers._collect_backward(tokens, index)
            last = index
            while last + 2 < len(tokens) and tokens[last + 1].lower in ("of", "for", "in") and tokens[last + 2].word:
                if _gerund_with_object(tokens, last + 2):
                    break  # "accused the government of ignoring warnings": what it did, not its name
                last += 2
                if tokens[last].bare in speakers.DETERMINERS and last + 1 < len(tokens):
                    last += 1
                if last - index > 6:
                    break
            if first < index or last > index:
                start, end = tokens[first].start, tokens[last].end
                return " ".join(self.text[start:end].split()), start, end
        return None

    def _described_source(self, head: str, position: int) -> tuple[str, int, int] | None:
        """ "the person said" after "A person familiar with the investigation ... said" in reported
        speech (resolved after the quotations): the nearest earlier source of that noun with its description."""
        if head not in speakers.SOURCE_NOUNS:
            return None
        floor = max(0, position - 3000)
        found = None
        for match in DESCRIBED_SOURCE.finditer(self.masked, floor, position):
            if match.group(1).lower() == head:
                found = match
        if found is None:
            return None
        tokens = speakers.tokenize(self.masked, found.start(1), min(len(self.masked), found.end() + 200))
        end = found.end()
        for token in tokens[3:]:
            if not token.word or token.lower in DESCRIPTION_ENDS:
                break
            end = token.end
        return " ".join(self.text[found.start(1) : end].split()), found.start(1), end

    def _looks_personal(self, start: int, end: int) -> bool:
        return len(self.text[start:end].split()) >= 2

    def _skip_determiner(self, start: int, end: int) -> int:
        match = LEADING_ARTICLE.match(self.text, start, end)
        return match.end() if match else start

    def _pronoun(self, mention: Mention, position: int) -> tuple[tuple[str, int, int] | None, Entity | None]:
        head = mention.head
        if head in ("he", "she"):
            gender = "m" if head == "he" else "f"

            def accept(entity: Entity) -> bool:
                return entity.kind in ("person", "unnamed") and entity.gender in (None, gender)

            entity = self.registry.nearest(position, accept)
            if entity is not None:
                entity = self._speaker_before_reported_name(entity, position, accept)
                entity = self._paragraph_subject(entity, mention, position, accept)
            if entity is not None and entity.gender is None:
                entity = self._gendered_subject_before(entity, position, gender) or entity
            if entity is not None and entity.gender is None:
                entity.gender = gender
        elif head in ("they", "it"):
            subject = self._clause_subject(mention, position)
            if subject is not None:
                return self.resolve(subject, subject.start)
            entity = self._organisation_speaking_before(position) if head == "it" else None
            if entity is None:
                entity = self.registry.nearest(position, lambda entity: entity.kind in ("org", "nominal"))
        else:
            entity = None
        if entity is None:
            return None, None
        return self._entity_span(entity), entity

    def _unplaced_speaker_before(self, position: int) -> Entity | None:
        """ "Historic Environment Scotland said ... The agency said ...": the speaker of the sentence before,
        named by a run of words the rules could not place (no gender, no role), is the organisation a
        generic noun ("the agency", "the group") stands for."""
        previous = self.previous_speaker
        if previous is None:
            return None
        entity = previous[0]
        if entity.kind not in ("person", "unknown") or entity.gender is not None or entity.roles:
            return None
        if len(entity.tokens) < 2 or self.sentences.index(previous[2]) != self.sentences.index(position) - 1:
            return None
        entity.kind = "org"
        return entity

    def _organisation_speaking_before(self, position: int) -> Entity | None:
        """ "According to the trust, 96 operations had been moved. Services were normal, it said.": the
        organisation that spoke in the sentence before goes on speaking, whatever was named since."""
        previous = self.previous_speaker
        if previous is None or previous[0].kind != "org":
            return None
        number = self.sentences.index(position)
        return previous[0] if self.sentences.index(previous[2]) in (number - 1, number) else None

    def _speaker_before_reported_name(self, entity: Entity, position: int, accept: Callable[[Entity], bool]) -> Entity:
        """ "Adaeze Okafor-Lund ... said Sorensen-Achebe had changed her life. "...," she said.": a person named
        in what the sentence before reports is not who "he" or "she" in the next sentence stands for when
        that sentence's speaker fits too; the speaker goes on speaking."""
        previous = self.previous_speaker
        if previous is None or previous[0] is entity or not accept(previous[0]):
            return entity
        speaker, speaker_position, cue_position = previous
        last = self.registry.last_position(entity, position)
        sentences = self.sentences
        if not cue_position < last < position:
            # Named after the cue, in what is reported; not in the speaker's own description ("One
            # protester, who gave his name only as Dmitri, said").
            return entity
        sentence = sentences.index(speaker_position)
        # The same sentence too: "She added that Brennan had apologised, which she said showed ...".
        if sentences.index(last) != sentence or sentences.index(position) not in (sentence, sentence + 1):
            return entity
        return speaker

    def _paragraph_subject(
        self, entity: Entity, mention: Mention, position: int, accept: Callable[[Entity], bool]
    ) -> Entity:
        """ "Musicians remember her temper. Dame Philippa ... recalled a rehearsal. "...," Dame Philippa said."
        then a paragraph opening "She was not universally admired. ... She described ...": a paragraph whose
        first sentence tells of "she" without a reporting verb, after a paragraph that opened about "her" and
        brought in someone new later to comment, is about the person that paragraph opened about."""
        masked, registry, sentences = self.masked, self.registry, self.sentences
        paragraph_start = masked.rfind("\n", 0, position) + 1
        opening = speakers.tokenize(masked, paragraph_start, min(len(masked), paragraph_start + 12))
        if not opening or opening[0].lower != mention.head or paragraph_start == 0:
            return entity
        first_start, first_end = sentences.at(paragraph_start)
        if cues.between(masked, first_start, first_end) or self._person_named(paragraph_start, position):
            return entity
        previous_end = paragraph_start - 1
        while previous_end > 0 and masked[previous_end - 1].isspace():
            previous_end -= 1
        previous_start = masked.rfind("\n", 0, previous_end) + 1
        if not previous_start < entity.start < previous_end:
            return entity  # not someone first named in the paragraph before
        opening_start, opening_end = sentences.at(previous_start)
        if entity.start < opening_end or self._person_named(opening_start, opening_end):
            return entity
        own = ("she", "her", "hers") if mention.head == "she" else ("he", "him", "his")
        if not any(token.lower in own for token in speakers.tokenize(masked, opening_start, opening_end)):
            return entity
        subject = registry.nearest(previous_start, accept)
        return subject if subject is not None else entity

    def _person_named(self, start: int, end: int) -> bool:
        """Whether a person, named or described, is mentioned between start and end."""
        positions = self.registry.positions
        index = bisect_left(positions, start)
        while index < len(positions) and positions[index] < end:
            if self.registry.mentions[index][1].kind in ("person", "unnamed"):
                return True
            index += 1
        return False

    def _gendered_subject_before(self, entity: Entity, position: int, gender: str) -> Entity | None:
        """ "Margaret Hollins has lived on Mill Lane ...", "Ms Webb told the jury that Colin Webb had ...",
        then "she": a person whose gender fits, named earlier in the sentence that last names the person of
        unknown gender, comes before them."""
        registry = self.registry
        last = registry.last_position(entity, position)
        sentence_start = self.sentences.at(last)[0]
        index = bisect_left(registry.positions, sentence_start)
        while index < len(registry.positions) and registry.positions[index] < last:
            candidate = registry.mentions[index][1]
            if candidate.kind == "person" and candidate.gender == gender:
                return candidate
            index += 1
        return None

    def _clause_subject(self, mention: Mention, position: int) -> Mention | None:
        """What "they" or "it" stands for when the sentence, or the one before it, opens with a group
        or an organisation written in lower case, which the registry of names does not hold:
        "Health ministers from several countries have criticised what they describe as ...",
        "The fiscal council was more cautious. In its report, it said ..."."""
        number = self.sentences.index(position)
        start, _ = self.sentences.spans[number]
        candidates = []
        if self.masked[start:position].strip():
            candidates.append(start)
        if number > 0:
            candidates.append(self.sentences.spans[number - 1][0])
        for sentence_start in candidates:
            tokens = speakers.tokenize(self.masked, sentence_start, min(position, sentence_start + 200))
            if not tokens or (tokens[0].bare in speakers.FUNCTION_WORDS and tokens[0].bare not in speakers.DETERMINERS):
                continue  # "In its report, ...": no subject at the start
            subject = speakers.noun_phrase_after(tokens, 0)
            if (
                subject is not None
                and mention.head == "it"
                and subject.kind in ("person", "unknown")
                and subject.start < position
                and self._called_it(subject, sentence_start)
            ):
                return replace(subject, kind="org")
            if subject is None or subject.kind not in ("nominal", "org") or subject.start >= position:
                continue
            if mention.head == "they" and not subject.plural:
                continue
            if mention.head == "it" and (subject.plural or subject.kind != "org"):
                continue
            if self._named_in_apposition(subject.end):
                break  # "The hospitals' operator, the Brantford Health Network, said": the name is known
            return subject
        return None

    def _called_it(self, subject: Mention, sentence_start: int) -> bool:
        """Whether a name that opens a sentence, of no known gender, is written of as "it" or "its" later in
        that sentence before any other capitalised word: "Severnside Semiconductors had promised 900 jobs
        when it announced the site": a company the registry of names could not tell from a person."""
        if subject.name_start != subject.start or subject.kind == "person" and subject.gender is not None:
            return False
        entity = self.registry.fullest(subject.name_start, subject.name_end, "person")
        if entity is None or entity.gender is not None or entity.roles:
            return False
        _, sentence_end = self.sentences.at(sentence_start)
        previous = ""
        for token in speakers.tokenize(self.masked, subject.end, sentence_end):
            # "its", or "it" as a clause's subject ("when it announced"), not an object ("sold it").
            if token.text == "its" or (token.text == "it" and previous in CLAUSE_OPENING_WORDS):
                return True
            if token.capitalised or token.text.startswith("\x00"):
                return False
            previous = token.lower
        return False

    def _named_in_apposition(self, end: int) -> bool:
        """Whether a comma and a name the registry holds follow a description: "the operator, the
        Brantford Health Network,"; "it" then stands for the name, found among the registry's entities."""
        following = self.masked[end : end + 6]
        if not following.startswith(", "):
            return False
        positions = self.registry.positions
        index = bisect_left(positions, end)
        if index >= len(positions):
            return False
        gap = self.masked[end : positions[index]]
        return gap.strip(", ").lower() in ("", "the")

    def _named_below_heading(self, mention: Mention) -> Mention | None:
        """ "Families 'overwhelmed', says university" as a heading, then "Harlow Moor University has issued a
        statement": a bare organisation noun in a heading is the body the next paragraph names by it."""
        text = self.text
        line_start, line_end = text.rfind("\n", 0, mention.start) + 1, text.find("\n", mention.end)
        line = text[line_start:line_end].strip() if line_end > 0 else ""
        if not line or line[-1] in ".!?:" or len(line.split()) > 15:
            return None
        following = line_end
        while following < len(text) and text[following].isspace():
            following += 1
        paragraph_end = text.find("\n", following)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        pattern = rf"(?:\p{{Lu}}[\p{{L}}'’-]*\s+){{1,4}}{regex.escape(mention.head.capitalize())}\b"
        named = regex.compile(pattern).search(self.masked, following, min(paragraph_end, following + 300))
        if named is None:
            return None
        tokens = [token for token in speakers.tokenize(self.masked, named.start(), named.end()) if token.word]
        found = speakers._mention(tokens, determiner=False) if tokens else None
        if found is None or found.kind not in ("org", "unknown"):
            return None
        found.kind = "org"
        return found

    def _named_next(self, mention: Mention, position: int) -> Entity | None:
        """ "A former hospital manager has told an inquiry ..." and then a paragraph that opens
        "Margaret Hale, who ran ...": a lede introduces the speaker the next paragraph names."""
        if mention.plural or not INDEFINITE_ARTICLE.match(self.text, mention.start, mention.end):
            return None
        lede_end = self.text.find("\n")
        if 0 <= lede_end < mention.start:
            return None  # only the opening paragraph introduces its speaker this way
        registry = self.registry
        if registry.nearest(position, lambda entity: entity.kind == "person") is not None:
            return None  # someone is named already: the lede is not the opening
        paragraph_end = self.text.find("\n", mention.end)
        if paragraph_end < 0:
            return None
        following = paragraph_end
        while following < len(self.text) and self.text[following].isspace():
            following += 1
        index = bisect_left(registry.positions, following)
        if index >= len(registry.positions) or registry.positions[index] != following:
            return None
        entity = registry.mentions[index][1]
        if entity.kind != "person" or mention.gender not in (None, entity.gender):
            return None
        return entity

    def _opening_description(self, mention: Mention) -> Entity | None:
        """ "A third-year law student at the University of Leicester, who asked ..., said", "A retired farmer
        waiting for a lift home said": when a sentence opens with someone described and not named, a
        subject found inside or after the description, in a place or a clause about them, is that
        person; a name given after it ("A former engineer at the firm, Jane Roe, said") is not."""
        sentence_start = self.sentences.at(mention.start)[0]
        opening = self.masked[sentence_start : sentence_start + 4]
        offset = 2 if opening.startswith("A ") else 3 if opening.startswith("An ") else 0
        described = self.registry.unnamed_at(sentence_start + offset)
        if described is None or mention.start < described.start or mention.end <= described.end:
            return None
        if self.registry.last_position(described, mention.start) != described.start:
            return None
        if mention.kind in ("person", "unknown") and mention.start >= described.end:
            return None  # "One pensioner, who gave her name only as Mo, said": the name given
        if mention.start >= described.end and self._reported_before(described.end, mention.start):
            return None  # "A man in his 60s has died ..., police said": the man is what is reported
        registry = self.registry
        index = bisect_left(registry.positions, described.end)
        if index < len(registry.positions) and registry.positions[index] < mention.end:
            if registry.mentions[index][1].kind == "person":
                return None
        return described

    def _reported_before(self, start: int, end: int) -> bool:
        """Whether the words from ``start`` to a comma right before ``end`` are a clause of their own, with an
        auxiliary verb outside a relative clause ("has died after a tree fell on his car,"): what a trailing
        cue reports, not more about the person described before them."""
        if not self.masked[start:end].rstrip().endswith(","):
            return False
        for token in speakers.tokenize(self.masked, start, end):
            if token.lower in RELATIVE_OPENERS:
                return False  # "A student at the college, who has asked not to be named, said"
            if token.lower in paraphrase.CLAUSE_AUXILIARIES:
                return True
        return False

    def _described_owner(self, mention: Mention) -> Entity | None:
        """ "A senior councillor in the coalition said": the place after the description is where the
        person works; the speaker is the person described, who ends right before the preposition."""
        preposition = PLACE_PREPOSITION.search(self.masked, max(0, mention.start - 8), mention.start)
        if preposition is None:
            return None
        described_end = preposition.start()

        def accept(entity: Entity) -> bool:
            return entity.kind == "unnamed" and entity.end == described_end

        found = self.registry.nearest(mention.start, accept)
        if found is None or self.registry.last_position(found, mention.start) != found.start:
            return None
        return found

    def _described_before(self, mention: Mention, position: int) -> Entity | None:
        """ "the player said" after "One senior player, speaking privately, said": the person described
        before with that head noun, unless someone named with that role was mentioned since."""
        start = self._skip_determiner(mention.start, mention.end)
        if start == mention.start or self.text[mention.start : start].strip().lower() != "the":
            return None
        # "the former manager" after "A former branch manager": words before the head that the description
        # holds too.
        describing = self.masked[start : mention.end].lower().split()[:-1]
        if len(describing) > 2:
            return None
        head = mention.head

        def accept(entity: Entity) -> bool:
            words = entity.name.lower().split()
            return entity.kind == "unnamed" and words[-1:] == [head] and all(word in words for word in describing)

        described = self.registry.nearest(position, accept)
        if described is None:
            return None
        named = self._nominal(mention, position)
        registry = self.registry
        if named is not None and registry.last_position(named, position) > registry.last_position(described, position):
            return named
        return described

    def _role_of(self, mention: Mention, position: int) -> Entity | None:
        """ "the chair of the Commons transport committee" in a lede, and then "The committee's chair, Dame
        Harriet Okoro": "the", a role and "of" describe one person, the one named with that role."""
        tokens = [token for token in speakers.tokenize(self.masked, mention.start, mention.end) if token.word]
        of = next((number for number, token in enumerate(tokens) if token.lower == "of"), len(tokens))
        if not tokens or tokens[0].bare != "the" or not 1 < of < min(len(tokens), 5):
            return None
        role = tokens[of - 1]
        if role.capitalised or not speakers.is_role_word(role.bare, productive=True):
            return None
        described = replace(mention, end=role.end, name_end=role.end, kind="nominal", head=role.bare)
        found = self._nominal(described, position)
        return found if found is not None and found.kind == "person" else None

    def _titled_surname(self, mention: Mention, position: int) -> Entity | None:
        """ "Cllr Major" after "Cllr Peter Major": a title and a capitalised word that is also a title is
        the person named in full before with that surname, not a role."""
        words = [token for token in speakers.tokenize(self.masked, mention.start, mention.end) if token.word]
        if len(words) != 2 or words[0].bare not in speakers.TITLES or not words[1].capitalised:
            return None
        found = None
        for entity in self.registry.by_last.get(words[1].bare, ()):
            if entity.kind == "person" and len(entity.tokens) > 1 and entity.start < position:
                if found is None or entity.start > found.start:
                    found = entity
        return found

    def _epithet(self, mention: Mention, start: int) -> bool:
        """ "said the veteran centre-half": "the" and a word that sizes up a career, before a role, describe
        someone already named, as an age does."""
        words = self.masked[start : mention.end].split()
        return (
            self.text[mention.start : start].strip().lower() == "the"
            and len(words) == 2
            and words[0].lower() in EPITHETS
        )

    def _place_before_role(self, mention: Mention, start: int) -> bool:
        """ "said the Limerick fighter", "the Yorkshire farmer": "the", a capitalised word the article wrote
        before (a place), then a role describe someone already named, as an age does."""
        words = self.masked[start : mention.end].split()
        return (
            self.text[mention.start : start].strip().lower() == "the"
            and len(words) == 2
            and words[0][:1].isupper()
            and words[1].islower()
            and self.masked.rfind(words[0], 0, mention.start) >= 0
        )

    def _gives_age(self, mention: Mention) -> bool:
        return any(token.bare == "year-old" for token in speakers.tokenize(self.masked, mention.start, mention.end))

    def _nominal(self, mention: Mention, position: int) -> Entity | None:
        head = mention.head
        words = {token.bare for token in speakers.tokenize(self.masked, mention.start, mention.end) if token.word}
        if speakers.is_role_word(head, productive=True) or self._held_role(head, words):
            wanted = "spokes" if SPOKES.fullmatch(head) else head
            if len(words - speakers.DETERMINERS) > 2:
                return None  # "a spokesman for the ministry": a new, unnamed speaker

            # Most role nouns ("a spokesman for the ministry") belong to no named person: ask each entity
            # once, and scan the mentions only when someone holds the role. A role word never holds a
            # line break, so one search of the joined roles answers for all of them ("spokes" in "spokeswoman").
            holders = {
                id(entity)
                for entity in self.registry.entities
                if entity.roles and entity.kind == "person" and wanted in "\n".join(entity.roles)
            }
            if not holders:
                if head not in speakers.ORG_WORDS:
                    return None
                return self._organisation(head, position)  # "the operator": a company, when no person is one

            def accept(entity: Entity) -> bool:
                return id(entity) in holders

            return self.registry.nearest(position, accept) or self.registry.nearest(len(self.text), accept)
        if head in speakers.ORG_WORDS or head in speakers.GROUP_WORDS:
            return self._organisation(head, position)
        return None

    def _held_role(self, head: str, words: set[str]) -> bool:
        """ "the groundsman" after "the groundsman, Tobias Wren": a lower-case noun no list holds, after
        "the" alone, is a role when someone named was given it."""
        if len(words) != 2 or "the" not in words or not head.isalpha() or head in speakers.ORG_OR_GROUP_WORDS:
            return False
        if head in speakers.COMPANY_HEADS or head in speakers.APPOSITIVE_ORG_NOUNS:
            return False  # "the union", "the agency": a body, though a person's role names it
        return any(entity.kind == "person" and head in entity.roles for entity in self.registry.entities)

    def _organisation(self, head: str, position: int) -> Entity | None:
        """The organisation "the ministry", "the group" or "the authority" stands for."""
        plural = head + "s"  # "the airline" for "SkyMeridian Airlines": the noun, or its plural, in the name

        def accept_org(entity: Entity) -> bool:
            return entity.kind == "org" and (head in entity.tokens or head in entity.roles or plural in entity.tokens)

        found = self.registry.nearest(position, accept_org)
        if found is None and head in speakers.GROUP_WORDS:
            found = self.registry.nearest(
                position, lambda entity: entity.kind == "org" and bool(set(entity.tokens) & speakers.GROUP_WORDS)
            )
        if found is None and head in speakers.COMPANY_NOUNS:
            found = self._main_company(position)
        if found is None and head == "force":
            # "West Midlands Police said ..." and then "the force said": a police service.
            found = self.registry.nearest(
                position, lambda entity: entity.kind == "org" and bool(set(entity.tokens) & POLICE_WORDS)
            )
        if found is None and head in GENERIC_ORGANISATIONS:
            found = self._unplaced_speaker_before(position)
        if found is None and head in GENERIC_ORGANISATIONS:
            # "the group", "the company": the organisation last named, if it was named lately.
            found = self.registry.nearest(position, lambda entity: entity.kind == "org")
            if found is not None and position - self.registry.last_position(found, position) > 1500:
                found = None
        return found

    def _dateline_place(self) -> tuple[str, ...]:
        """The words of the place a wire story's dateline names ("PORT CALDER, Nov 23 (Wire) - "), in lower
        case; empty when the first paragraphs open with none. Found once, at the first paragraphs' starts."""
        if self.dateline_place is None:
            self.dateline_place = ()
            masked = self.masked
            start = 0
            for _ in range(3):
                dateline = DATELINE.match(masked, start)
                if dateline is not None:
                    place = regex.split(r"[,(—–]|\s-\s", dateline.group())[0]
                    self.dateline_place = tuple(place.lower().split())
                    break
                start = masked.find("\n", start) + 1
                while 0 < start < len(masked) and masked[start] == "\n":
                    start += 1
                if start <= 0:
                    break
        return self.dateline_place

    def _main_company(self, position: int) -> Entity | None:
        """ "the company": of the organisations named before, not public bodies, the one named most often
        (the article's subject rather than an analyst's firm named in between), then the one named last."""
        registry = self.registry
        counts: dict[int, int] = {}
        scores: dict[int, int] = {}
        best: Entity | None = None
        for index in range(bisect_left(registry.positions, position)):
            entity = registry.mentions[index][1]
            if entity.kind != "org" or not speakers.PUBLIC_BODY_WORDS.isdisjoint(entity.tokens):
                continue
            if not NOT_BUSINESS_WORDS.isdisjoint(entity.tokens):
                continue  # a union, a party or a school is no company
            if entity.tokens == self._dateline_place():
                continue  # "PORT CALDER, Nov 23 (Wire) - ... at Port Calder": the town the story is filed from
            count = counts[id(entity)] = counts.get(id(entity), 0) + 1
            # Of two named as often, one the article called a business ("the operator, Caledonian Island
            # Ferries") before one it did not (a newspaper that interviewed someone).
            score = scores[id(entity)] = 2 * count + (not BUSINESS_DESCRIPTORS.isdisjoint(entity.roles))
            if best is None or score >= scores[id(best)]:
                best = entity
        return best


def _role_text(text: str, mention: Mention | None) -> str | None:
    if mention is None or mention.role is None:
        return None
    role = " ".join(text[mention.role[0] : mention.role[1]].split()).strip(" ,")
    article = LEADING_ARTICLE.match(role)
    role = role[article.end() :] if article else role
    return role or None


def _bylines(text: str, masked: str, paragraph_spans: list[tuple[int, int]], spans: list[QuoteSpan]) -> list[Piece]:
    """A paragraph followed by a line 'by Name, role': a pull quote set off without marks."""
    quoted_paragraphs = {span.paragraph for span in spans}
    found = []
    for number in range(1, len(paragraph_spans)):
        start, end = paragraph_spans[number]
        if end - start > 160 or text[start] not in BYLINE_STARTS:
            continue  # most paragraphs: too long, or not opening as a byline does
        line = text[start:end]
        match = BYLINE.match(line)
        if match is None or SENTENCE_END.search(line):
            continue
        previous_start, previous_end = paragraph_spans[number - 1]
        if number - 1 in quoted_paragraphs or not SENTENCE_END.search(text[previous_start:previous_end]):
            continue
        tokens = speakers.tokenize(masked, start + match.end(), end)
        name_tokens = []
        for token in tokens:
            if not token.word:
                break
            name_tokens.append(token)
        mention = speakers._mention(name_tokens, determiner=False)
        if mention is None:
            continue
        mention.kind = "person" if mention.kind == "unknown" else mention.kind
        comma = text.find(",", mention.end, end)
        if comma >= 0:
            mention.role = (comma + 1, end)  # "by Colonel Myles Caggins, spokesperson, ...": what follows the name
        quote_end = previous_end
        while quote_end > previous_start and text[quote_end - 1].isspace():
            quote_end -= 1
        span = QuoteSpan(previous_start, previous_start, quote_end, None, "none", number - 1)
        attribution = Attribution(cue="by", cue_start=start, subject=mention, source="byline")
        found.append(Piece(span, previous_start, quote_end, False, attribution, True))
    return found


def _assemble(context: Context, pieces: list[Piece], reported: list[paraphrase.ReportedSpeech]) -> list[Draft]:
    text = context.text
    resolver = _Resolver(text, context.masked, context.registry, context.sentences)
    events: list[tuple[int, str, Piece | paraphrase.ReportedSpeech]] = []
    for piece in pieces:
        subject = piece.attribution.subject
        position = subject.start if subject is not None else piece.span.open_mark
        events.append((position, "quote", piece))
    for reported_speech in reported:
        events.append((reported_speech.subject.start, "paraphrase", reported_speech))
    events.sort(key=lambda event: event[0])
    resolved: dict[int, tuple[tuple[str, int, int] | None, str | None]] = {}
    by_subject: dict[tuple[int, int], tuple[str, int, int] | None] = {}  # a subject's speaker, by its span
    for _, _kind, item in events:
        subject = item.attribution.subject if isinstance(item, Piece) else item.subject
        if subject is None:
            continue
        position = subject.start
        same = by_subject.get((position, subject.end))
        if same is not None:
            # "She said the defender was “devastated” and ...": the quoted word and the clause that holds it
            # share one subject, so one speaker; resolving it again, after the first, would see its own cue.
            resolved[id(item)] = (same, _role_text(text, subject))
            continue
        speaker, entity = resolver.resolve(subject, position)
        by_subject[(position, subject.end)] = speaker
        cue_start = item.attribution.cue_start if isinstance(item, Piece) else item.cue_start
        resolver.previous_speaker = (entity, position, max(cue_start, position)) if entity is not None else None
        resolved[id(item)] = (speaker, _role_text(text, subject))
    _share_chain_speakers(pieces, resolved)
    drafts: list[tuple[int, Draft, Piece | paraphrase.ReportedSpeech]] = []
    last_speaker: tuple[str, int, int] | None = None
    ordered: list[tuple[int, str, Piece | paraphrase.ReportedSpeech]] = sorted(
        [(piece.quote_start, "quote", piece) for piece in pieces]
        + [(reported_speech.start, "paraphrase", reported_speech) for reported_speech in reported],
        key=lambda event: (event[0], event[1] != "paraphrase"),
    )
    previous_piece: Piece | None = None
    continued_from: dict[int, Piece] = {}
    chain_speaker: tuple[str, int, int] | None = None
    for _, _kind, item in ordered:
        speaker, role = resolved.get(id(item), (None, None))
        if isinstance(item, paraphrase.ReportedSpeech):
            reported_item = item
            if speaker is not None:
                last_speaker = speaker
            draft = Draft(
                text[reported_item.start : reported_item.end],
                reported_item.start,
                reported_item.end,
                "paraphrase",
                False,
                None,
                reported_item.cue,
                Speaker(*speaker) if speaker else None,
                role,
                0.6 if speaker else 0.3,
            )
            drafts.append((reported_item.start, draft, item))
            continue
        piece = item
        source = piece.attribution.source
        continues = None
        if previous_piece is not None and _continues(context, previous_piece, piece):
            continued_from[id(piece)] = previous_piece
            continues = 0
        if speaker is None and source in ("floating", "continued", "none"):
            speaker = (
                chain_speaker if (continues is not None or source == "continued") and chain_speaker else last_speaker
            )
        if speaker is not None:
            last_speaker = speaker
            chain_speaker = speaker
        subject_kind = piece.attribution.subject.kind if piece.attribution.subject else None
        confidence = CONFIDENCE.get((source, subject_kind), CONFIDENCE.get((source, None), 0.8))
        if subject_kind in ("pronoun", "nominal"):
            confidence -= 0.1
        if piece.fragment:
            confidence -= 0.1
        if speaker is None:
            confidence = 0.4
        draft = Draft(
            text[piece.quote_start : piece.quote_end],
            piece.quote_start,
            piece.quote_end,
            "quote",
            piece.fragment,
            continues,
            piece.attribution.cue,
            Speaker(*speaker) if speaker else None,
            role,
            round(max(0.05, min(1.0, confidence)), 2),
        )
        drafts.append((piece.quote_start, draft, item))
        previous_piece = piece
    # `continues` pointed at the previous piece; make it an index into the final, text-ordered list.
    drafts.sort(key=lambda entry: (entry[0], entry[1].kind != "paraphrase"))
    _headline_speakers(drafts)
    index_of = {id(item): number for number, (_, _, item) in enumerate(drafts)}
    return [
        replace(draft, continues=index_of[id(continued_from[id(item)])]) if id(item) in continued_from else draft
        for _, draft, item in drafts
    ]


def _headline_speakers(drafts: list[tuple[int, Draft, Piece | paraphrase.ReportedSpeech]]) -> None:
    """A headline's quotation is by the speaker of the first later quotation that repeats its words."""
    for number, (position, draft, item) in enumerate(drafts):
        if not isinstance(item, Piece) or item.attribution.source != "headline" or draft.speaker is not None:
            continue
        wanted = draft.quote.strip(" ,.").casefold()
        for _, later, _ in drafts[number + 1 :]:
            if later.kind == "quote" and later.speaker is not None and wanted in later.quote.casefold():
                drafts[number] = (position, replace(draft, speaker=later.speaker, confidence=0.6), item)
                break


def _share_chain_speakers(pieces: list[Piece], resolved: dict[int, tuple]) -> None:
    """A quotation over several paragraphs has one speaker, named at its start or its end."""
    chain: list[Piece] = []
    for piece in sorted(pieces, key=lambda piece: piece.quote_start):
        if chain and chain[-1].span.close_mark is None and piece.span.paragraph == chain[-1].span.paragraph + 1:
            chain.append(piece)
        else:
            _fill_chain(chain, resolved)
            chain = [piece]
    _fill_chain(chain, resolved)


def _fill_chain(chain: list[Piece], resolved: dict[int, tuple]) -> None:
    if len(chain) < 2:
        return
    named = [resolved[id(piece)] for piece in chain if resolved.get(id(piece), (None, None))[0] is not None]
    if not named:
        return
    for piece in chain:
        if resolved.get(id(piece), (None, None))[0] is None:
            resolved[id(piece)] = named[0]


def _continues(context: Context, previous: Piece, piece: Piece) -> bool:
    """One quotation split into pieces: nothing but the first piece's attribution between them."""
    if piece.fragment or previous.fragment:
        return False
    if previous.span.close_mark is None and piece.span.paragraph == previous.span.paragraph + 1:
        return True
    if previous.span.paragraph != piece.span.paragraph:
        return False
    own = piece.attribution
    if own.source not in ("floating", "continued", "none") and own.cue_start != previous.attribution.cue_start:
        return False
    gap_start = previous.span.outer_end
    if previous.attribution.source == "trailing":
        gap_start = max(gap_start, previous.attribution.region_end)
    gap = context.masked[gap_start : piece.span.open_mark]
    if own.source == "leading" and own.cue_start == previous.attribution.cue_start:
        return True
    return not WORD_CHARACTER.search(gap)


def _extract_arabic(text: str, masked: str, sentences: Sentences, spans: list) -> list[Draft]:
    drafts: list[Draft] = []
    last: tuple[str, int, int] | None = None
    names: list[tuple[str, int, int]] = []
    roles: list[tuple[str, tuple[str, int, int]]] = []  # (a named speaker's role, that speaker)
    people = arabic.named_people(text, masked)
    full: dict[str, tuple[str, int, int]] | None = None  # worked out once, when a family name stands alone
    described: list[tuple[str, int, int]] | None = None  # worked out once, when a definite noun speaks
    genders: dict[str, str] = {}  # each named speaker's gender, from the verb that introduced them
    # Quotations and clauses of reported speech, in the order they are written, so that either may be
    # the speaker a later cue without a subject continues.
    items: list[tuple[int, str, QuoteSpan]] = [(span.open_mark, "quote", span) for span in spans]
    for clause_start, clause_end in arabic.reported_clauses(masked, sentences):
        items.append((clause_start, "paraphrase", QuoteSpan(clause_start, clause_start, clause_end, None, "", 0)))
    items.sort(key=lambda item: item[0])
    previous: tuple[QuoteSpan, int] | None = None  # the last quotation that was no fragment, and its draft
    for _, kind, span in items:
        start, end = trim(text, span.start, span.end)
        if end <= start:
            continue
        found = arabic.attribute(masked, sentences, span)
        if found.source in ("inscription", "name"):
            continue
        continues = None
        if kind == "quote" and not found.fragment:
            if previous is not None and arabic.splits(masked, sentences, previous[0], span):
                continues = previous[1]
            previous = (span, len(drafts))
        speaker = None
        if found.speaker is not None:
            named_before = people[: bisect_left(people, (span.open_mark,))]
            holder = arabic.role_holder(text[found.speaker[0] : found.speaker[1]], roles, named_before)
            holder = holder or arabic.origin_role_holder(text[found.speaker[0] : found.speaker[1]], text, named_before)
            body = arabic.named_body(text, *found.speaker)
            speaker_span = body or arabic.without_case_ending(text, found.speaker)
            name = arabic.without_lam(" ".join(text[speaker_span[0] : speaker_span[1]].split()))
            if name.startswith("ال") and " " not in name and arabic.may_be_described(name):
                # "وأضاف المصدر" after "وقال مصدر في الوزارة": the source described before, quoted or not,
                # unless someone was named with that role since.
                if described is None:
                    described = arabic.described_people(text, masked, sentences)
                earlier = arabic.last_described(name, names, described, span.open_mark)
                if earlier is not None and (holder is None or earlier[1] > holder[1]):
                    holder = earlier
            speaker = holder or (name, *speaker_span)
            mentioned = arabic.document_mention(masked, name, found.speaker[0])
            if holder is None and mentioned >= 0:
                # "وأضاف البيان" after "وقالت الجمعية في بيان إن ...": whoever spoke in that sentence.
                issued = sentences.at(mentioned)
                speaker = next(
                    (
                        (draft.speaker.name, draft.speaker.start, draft.speaker.end)
                        for draft in reversed(drafts)
                        if draft.speaker is not None and sentences.at(draft.start) == issued
                    ),
                    speaker,
                )
            if holder is None and body is not None:
                # "وأضافت المديرية" after "وأعلنت مديرية الزراعة والثروة الحيوانية": the body as it spoke.
                speaker = arabic.fuller_name(name, names) or speaker
            # A family name alone ("وأكد العبادي", "وأضاف بن سالم") is the speaker, or else the person named
            # with a role before (whether they spoke or not), whose full name ends with it.
            alone = arabic.family_name(name)
            for earlier in names + [person for _, _, person in reversed(named_before) if alone]:
                # Or the first parts of a name written in full before: "ياسين محمد" of "ياسين محمد عيتاني".
                if earlier[0] != name and (earlier[0].endswith(" " + name) or arabic.opens_name(name, earlier[0])):
                    speaker = earlier
                    break
            if not alone and holder is None and speaker[0] == name:
                # "نفى العبيدي وجود نقص": a family name already written with its given name, then the object.
                speaker = arabic.family_name_first(name, names + [person for _, _, person in named_before]) or speaker
            if alone and holder is None and speaker[0] == name:
                # Else the given name and family name written together earlier, in apposition or after a title.
                if full is None:
                    full = arabic.full_names(text, masked)
                written = full.get(name)
                if written is not None and written[2] <= span.open_mark and written[0] != name:
                    speaker = written
            names.append(speaker)
            if found.role is not None:
                roles.append((text[found.role[0] : found.role[1]], speaker))
            genders[speaker[0]] = arabic.cue_gender(found.cue or "") or arabic.name_gender(speaker[0])
        elif found.cue is not None or found.source == "floating":
            speaker = arabic.agreeing(last, names, genders, arabic.cue_gender(found.cue or ""))
        if speaker is not None:
            last = speaker
        role = " ".join(text[found.role[0] : found.role[1]].split()) if found.role else None
        drafts.append(
            Draft(
                text[start:end],
                start,
                end,
                kind,
                found.fragment and kind == "quote",
                continues,
                found.cue,
                Speaker(*speaker) if speaker else None,
                role,
                0.85 if found.speaker else (0.6 if speaker else 0.4),
            )
        )
    quoted = [
        (draft.start, draft.quote, draft.speaker is not None) if draft.kind == "quote" else (-1, "", False)
        for draft in drafts
    ]
    for number, (later, fragment) in arabic.headline_echoes(text, quoted).items():
        drafts[number] = replace(drafts[number], speaker=drafts[later].speaker, fragment=fragment, confidence=0.6)
    return drafts
