"""Speakers: the noun phrase next to a cue, titles and roles, and what "he", "Mohie",
"the spokesman" or "the ministry" refer to in the article."""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import itemgetter
from typing import cast

import regex

from .given_names import gender_of

# The standard library's engine: this one pattern runs over every character, and is faster there.
# [^\W_] is a letter or a digit in any script; combining marks are added by hand.
_LETTER = r"[^\W_\u0300-\u036f\u064b-\u065f]"
_MARKS = r"[\u0300-\u036f\u064b-\u065f]"
_WORD = rf"(?:{_MARKS}*{_LETTER}+(?:{_MARKS}+{_LETTER}*)*)"
TOKEN = re.compile(
    # Most tokens are plain ASCII words followed by a space or a mark no word continues with: caught first by
    # one cheap range, they are the very tokens the branches below would give (a title or an initial needs
    # the full stop right after its letters, and a word goes on only through a letter, a mark or ' ’ - .).
    r"[A-Za-z][a-z]*(?=[\s,;:!?)\x00])|"
    # Titles before plain words, so that "Mr." is one token. Both start with a capital: one cheap test of
    # the first character spares the look-behind at every other position.
    r"(?=[A-Z])(?:(?<![^\W_])(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Gov|Sen|Rep|Prof|Rev|St|Jr|Sr|Adm|Brig|Cmdr"
    r"|Cpl|Supt|Insp|Det|Amb)\."
    r"|(?<![^\W_])[A-Z]\.(?=[ \u00a0]?[A-Z]))"  # an initial: John F. Kennedy
    rf"|{_WORD}(?:['’\-.]{_WORD})*(?:['’](?=\s))?"
    r"|\x00+|[,;:()\[\]—–]|(?<=\s)-(?=\s)|[.!?]"
)
# The same tokens, for re.split: it gives the text between them and each token as plain strings, one list
# and no match objects; their offsets are the running sum of those strings' lengths.
TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})", TOKEN.flags)
UPPER = regex.compile(r"\p{Lu}")
AGE = re.compile(r"\d+-year-old")
# An Irish surname after "Mac an", "Ó", "Nic" or "Uí" can open with a lower-case mutation before its capital:
# "tSaoi", "hÉireann", "nGael", "bhFeidhlim". Such a word counts as capitalised.
GAELIC_MUTATION = regex.compile(r"(?:[tnhmgbd]|bh)-?\p{Lu}\p{Ll}")
PARTY_AND_STATE = regex.compile(r"[A-Z]-[A-Z][a-z]*\.?")  # "Sen. James Holt, R-Texas, said"
# Lower-case words written between a given name and a surname, in the languages news copy meets: Arabic,
# Dutch, German, French, Italian, Spanish and Portuguese, Welsh ("ap", "ab", "verch"), Irish and Scottish
# Gaelic ("ní", "nic", "ó", "ua", "mac"), and the like. A closed list: a lower-case word not on it ends a name.
NAME_PARTICLES = frozenset(
    """al el ad as ash at az an ar bin ibn bint abu abd ben de del della delle dei degli di du da dos das van von
    vom der den ter ten le la ap ab verch ní nic ó ua mac""".split()
)
CONNECTORS = frozenset("of for in on de".split())
DETERMINERS = frozenset(
    """the a an his her its their our this that these those one another some several many two three four five six
    seven eight nine ten dozens hundreds""".split()
)
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "s"}
SKIPPED_BEFORE_CUE = frozenset(
    """also later earlier has have had was is were would will did does reportedly then once again separately
    further previously recently publicly privately immediately subsequently meanwhile however simply flatly
    strongly firmly angrily quickly repeatedly already still yet finally initially originally has've not
    never always often himself herself themselves itself""".split()
)
FUNCTION_WORDS = frozenset(
    """the a an and or but if that which who whom whose what when where while as at by to from with without into onto
    about after before during since until than so because although though this these those there here it its
    he she they we i you him her them us me my your our their his not no nor be been being is was are were has
    have had do does did will would shall should can could may might must said says told on in of for
    also then just only even very more most some any all each every both either neither such""".split()
)
TITLES = frozenset(
    """president vice prime minister secretary spokesperson spokesman spokeswoman ambassador general gen colonel col
    lieutenant lt major maj captain capt sergeant sgt admiral adm commander cmdr brigadier senator sen
    representative rep congressman congresswoman governor gov mayor judge justice chief director deputy chairman
    chairwoman chair ceo dr mr mrs ms miss mx sir dame lord lady king queen prince princess sheikh sheikha emir
    sultan ayatollah imam pope cardinal archbishop bishop rabbi reverend rev professor prof attorney commissioner
    superintendent inspector detective constable chancellor speaker mp premier envoy foreign interior defence
    defense finance health energy economy trade education state home leader head coach manager founder editor
    officer official agent sheik mullah cleric field marshal marshal incumbent candidate challenger opposition
    president-elect secretary-general under-secretary acting former then-president sister brother father
    goalkeeper striker midfielder defender winger forward centre-half centre-back full-back wing-back boss cllr
    """.split()
)
# Titles written short, and the role each stands for.
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "col": "colonel",
    "lt": "lieutenant",
    "maj": "major",
    "capt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "cmdr": "commander",
    "prof": "professor",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "amb": "ambassador",
    "cllr": "councillor",
    "rev": "reverend",
}
KNIGHTED = ("Sir", "Dame")
SPOKES_NOUNS = frozenset("spokesperson spokesman spokeswoman".split())
# Roles held for a constituency, a region or a portfolio: "the MP for Westmere North".
SEAT_HOLDERS = frozenset(
    """mp msp mla mep td senator member councillor councilor congressman congresswoman
    assemblyman assemblywoman minister secretary commissioner""".split()
)
SPOKEN_FOR_ROLES = SPOKES_NOUNS | SEAT_HOLDERS
# Letters written after a name ("Helena Marsh KC", "Thomas Harlan Jr."): honours, not part of the name.
POST_NOMINALS = frozenset("""KC QC MP MEP MSP MLA MBE OBE CBE KBE DBE Jr Sr PhD MD""".split())
# Roles written as capitals before a name ("CFO Dana Weiss"), unlike a company's legal form ("PT", "JSC").
ROLE_ACRONYMS = frozenset("cfo coo cto cio cmo cso cro cpo vp svp evp gm md ag da dj mc pc".split())
PERSON_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson official minister president ambassador commander leader chief envoy
    diplomat officer general lawmaker senator analyst source witness resident lawyer attorney prosecutor judge
    governor mayor adviser advisor secretary director chairman chairwoman chair head aide member representative
    negotiator doctor expert researcher professor activist protester candidate challenger incumbent councillor
    councilor premier chancellor king queen prince justice manager owner worker farmer teacher student survivor
    mother father man woman driver investigator economist scientist journalist reporter editor author writer
    campaigner organiser organizer founder executive employee colonel captain sergeant soldier pilot nurse priest
    cleric imam deputy mp strategist consultant coach player captain principal engineer official commissioner
    inspector detective constable officer negotiator mediator monitor observer year-old""".split()
)
PLURAL_PERSON_NOUNS = frozenset(
    """officials residents witnesses sources protesters workers analysts experts critics activists lawmakers
    investigators doctors farmers families leaders ministers diplomats researchers scientists economists
    campaigners organisers organizers members employees staff soldiers students teachers parents villagers
    survivors demonstrators observers monitors negotiators prosecutors lawyers executives groups rebels militants
    fighters supporters elements insurgents commanders authorities police critics opponents environmentalists
    unions pensioners parents commuters engineers countries nations governments family managers bosses
    teams crews""".split()
)
# Nationalities written as nouns: "said the Brazilian" describes someone already named, as an age does.
DEMONYMS = frozenset(
    """afghan albanian algerian american angolan argentine argentinian armenian australian austrian azerbaijani
    bahraini bangladeshi belarusian belgian bolivian bosnian brazilian briton bulgarian burmese cambodian
    cameroonian canadian chadian chilean chinese colombian congolese croatian cuban cypriot czech dane dutchman
    dutchwoman ecuadorian egyptian emirati englishman englishwoman eritrean estonian ethiopian filipino filipina
    finn frenchman frenchwoman georgian german ghanaian greek guatemalan haitian honduran hungarian icelander
    indian indonesian iranian iraqi irishman irishwoman israeli italian ivorian jamaican japanese jordanian kazakh
    kenyan korean kosovar kurd kuwaiti latvian lebanese liberian libyan lithuanian malaysian malian maltese
    mauritanian mexican moldovan mongolian montenegrin moroccan mozambican namibian nepali nicaraguan nigerian
    nigerien norwegian omani pakistani palestinian panamanian paraguayan peruvian pole portuguese qatari romanian
    russian rwandan salvadoran saudi scot scotsman scotswoman senegalese serb serbian singaporean slovak slovenian
    somali spaniard sudanese swede swiss syrian taiwanese tajik tanzanian thai tunisian turk ugandan ukrainian
    uruguayan uzbek venezuelan vietnamese welshman welshwoman yemeni zambian zimbabwean""".split()
) | frozenset(
    # A party's member and a US state's native describe someone already named in the same way:
    # "said the New Mexico Democrat", "the Texan added".
    """democrat republican tory texan californian floridian virginian ohioan arizonan oklahoman kentuckian
    tennessean coloradan nevadan oregonian louisianan alabamian minnesotan michigander missourian iowan kansan
    nebraskan montanan alaskan vermonter marylander""".split()
)
ORG_WORDS = frozenset(
    """ministry department government forces force group army military council committee office agency company
    corporation corp inc ltd llc plc bank university party union movement front resistance brigade brigades
    coalition alliance authority authorities police court parliament assembly senate embassy commission
    administration association federation organisation organization institute foundation network service
    services guard militia militias airline airlines news times press board club church hospital school
    centre center fund programme program mission cabinet college colleges presidency kremlin pentagon statement command
    regime junta secretariat directorate bureau tribunal congress consulate operator firm group's network's
    chamber society league council's ministry's department's hezbollah hamas taliban regulator watchdog
    inspectorate ombudsman club team charity trust utility report study survey document memo ruling judgment
    indictment filing lawsuit complaint resolution letter republic kingdom emirates states bloc insurer lender
    retailer carmaker startup district""".split()
)
# Nouns for a business: "the company said" stands for one, never for a public body ("a filing with the
# Securities and Exchange Commission"), whose names hold one of PUBLIC_BODY_WORDS.
COMPANY_NOUNS = frozenset("company firm business lender insurer retailer carmaker airline bank startup".split())
PUBLIC_BODY_WORDS = frozenset(
    """commission authority court ministry department agency council police government regulator watchdog
    inspectorate ombudsman tribunal parliament assembly senate congress office bureau embassy consulate
    administration cabinet presidency directorate secretariat""".split()
)
# The last word of a company's name ("Northgate Lettings", "Harlow Logistics"): a run of capitalised words
# ending in one is an organisation, though its words are not the nouns of ORG_WORDS.
COMPANY_HEADS = frozenset(
    """holdings lettings partners logistics capital industries enterprises ventures technologies technology systems
    solutions properties estates developments homes investments securities associates advisers advisors consulting
    consultants construction engineering resources mining minerals metals refining energy petroleum oil gas
    chemicals pharmaceuticals pharma biotech healthcare laboratories labs motors automotive aerospace airways
    aviation shipping freight haulage transport railways telecom telecoms communications networks media
    broadcasting publishing studios pictures films records entertainment software electronics robotics analytics
    insurance assurance financial foods farms dairies beverages retail stores supermarkets trading textiles
    apparel cosmetics hotels resorts leisure utilities cement plastics packaging supplies distribution
    manufacturing machinery instruments devices research recruitment couriers removals catering contractors
    builders architects athletic rovers wanderers albion rangers fc afc electric sons daughters brothers
    living""".split()
)
# The last word of a body's name that holds "and" or "&" ("Universities and Colleges Employers
# Association", "Pacific Gas and Electric"): a kind of body, never one body's own name ("Israel and Hamas")
# nor a country's word ("Trinidad and Tobago", "Britain and the United States").
JOINED_NAME_ENDS = (
    (
        ORG_WORDS
        - frozenset(
            """hezbollah hamas taliban kremlin pentagon republic kingdom emirates states statement report study survey
        document memo ruling judgment indictment filing lawsuit complaint resolution letter news times press""".split()
        )
    )
    | COMPANY_HEADS
    | frozenset("colleges universities partnership executive".split())
)
# Nouns that introduce a company or a body by its one-word name: "the scooter maker Voltra", "the charity
# Oxfam"; and what a possessive after such a name owns: "Voltra's shares".
ORG_DESCRIPTORS = frozenset(
    """maker carmaker automaker company firm retailer chain brand operator carrier airline startup start-up app
    platform provider supplier manufacturer producer developer lender insurer broker regulator watchdog agency
    union charity publisher broadcaster network outlet newspaper magazine website studio label distributor
    exporter importer miner refiner utility giant conglomerate subsidiary group club""".split()
)
CORPORATE_POSSESSIONS = frozenset(
    """shares stock profit profits revenue revenues sales customers board shareholders products chief ceo
    headquarters employees staff factory factories stores subscribers users executives""".split()
)
# Nouns that head an appositive naming an organisation, and the words that may follow such a head.
APPOSITIVE_ORG_NOUNS = COMPANY_NOUNS | ORG_DESCRIPTORS | frozenset("society mutual cooperative co-operative".split())
HEAD_FOLLOWERS = frozenset("with that which whose based founded in of for from known set run owned".split())
GROUP_WORDS = frozenset(
    """group militia militias resistance movement front brigade brigades network faction organisation organization
    hezbollah hamas taliban alliance coalition""".split()
)
MALE = frozenset(
    """mr sir king prince sheikh lord spokesman chairman congressman father brother son husband emir sultan
    ayatollah mullah""".split()
)
FEMALE = frozenset(
    """mrs ms miss dame lady queen princess sheikha spokeswoman chairwoman congresswoman mother sister daughter
    wife""".split()
)
FEMALE_NAMES = frozenset(
    """mary anna anne ann elizabeth sarah sara maria marie margaret helen jane emma olivia sophia sofia sophie
    laura julia alice claire catherine katherine kate karen linda susan lisa nancy patricia jennifer jessica
    emily hannah rachel rebecca ruth amy angela nicole michelle kamala hillary theresa angela ursula christine
    fatima fatma aisha ayesha maryam mariam layla leila laila zainab zeinab nour noor huda hanan rania amira
    yasmin yasmine samira nadia salma sana dina lina rana hind mona reem farah ghada nada aya asma khadija
    alina olga irina natalia tatiana svetlana elena anke ingrid greta heidi sabine petra monika marta ewa agnieszka
    priya anjali sunita indira meera lakshmi yuki mei ling hui chen-yu gabriela fernanda ana lucia carmen rosa
    isabel ines camila valentina beatriz francesca giulia chiara elisa giorgia nicola jacinda margrethe
    """.split()
)
MALE_NAMES = frozenset(
    """john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony
    mark donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy jason jeffrey ryan
    jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank gregory raymond
    alexander patrick jack dennis jerry tyler aaron jose henry adam douglas peter joe barack vladimir xi emmanuel
    boris rishi keir olaf recep benjamin mohammed mohammad muhammad mohamed ahmed ahmad ali hassan hussein husain
    omar umar khalid abdullah abdul ibrahim youssef yusuf mustafa mahmoud mahmud hamid karim tariq walid ziad
    samir nabil faisal saad fadi rami bashar hamad salman hadi qassem abu antony lloyd jake graham pieter hans
    klaus jurgen jan piotr igor sergei dmitry alexei nikolai ivan oleksandr volodymyr andriy taro hiroshi kenji
    wei jun raj arjun rahul amit vikram carlos juan luis miguel pedro jorge diego pablo marco luca giuseppe
    francesco antonio tomas myles diyar""".split()
)
TIME_WORDS = frozenset("today yesterday tonight night morning evening afternoon week month year weekend day".split())
TIME_PREPOSITIONS = frozenset("on last this late early earlier in at by during".split())
# Documents that "say" things on their author's behalf: "the filing said" is whoever wrote the filing.
STATEMENT_WORDS = frozenset(
    """statement post letter message communique communiqué tweet filing report ruling judgment indictment lawsuit
    memo document complaint motion brief petition affidavit verdict email e-mail""".split()
)
WEEKDAYS_MONTHS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december""".split()
)

# Newsroom roles beyond the titles and person nouns above; with ROLE_SUFFIXES, the words an apposition
# ("Maria Lenz, a site supervisor at the depot") may give as someone's role.
MORE_ROLES = frozenset(
    """supervisor foreman forewoman electrician plumber builder miner nurse midwife paramedic firefighter
    surgeon physician pharmacist dentist vet veterinarian landlord tenant shopkeeper trader vendor banker broker
    accountant auditor architect planner curator critic reviewer columnist commentator presenter broadcaster
    photographer filmmaker director actor actress singer musician artist novelist poet playwright historian
    lecturer tutor headteacher headmaster headmistress pupil graduate volunteer organizer steward caretaker
    cleaner chef cook waiter baker butcher fisherman fisherwoman shepherd rancher grower winemaker mechanic
    technician programmer developer designer entrepreneur investor shareholder economist statistician
    pollster spokesperson chairperson trustee governor treasurer clerk registrar magistrate barrister
    solicitor juror coroner pathologist epidemiologist virologist meteorologist forecaster geologist
    biologist chemist physicist astronomer athlete runner cyclist swimmer boxer referee umpire jockey
    manager captain skipper goalkeeper striker defender midfielder winger centre-half centre-back full-back
    wing-back centre-forward playmaker veteran pensioner retiree widow widower
    mother father grandmother grandfather daughter son wife husband neighbour neighbor passenger commuter
    motorist shopper customer patient resident villager homeowner landowner""".split()
)
# Suffixes that make nouns for people in English ("inspector", "organiser", "pianist", "librarian",
# "claimant", "resident"), accepted only where the grammar already says a role follows a name.
ROLE_SUFFIXES = ("or", "er", "ist", "ian", "ant", "ent")
# Lower-case words that are not roles, though they end like them.
NOT_ROLES = frozenset(
    """other another former latter further order water matter number member's under over after never either
    neither whether rather together however per percent cent government statement agreement department
    movement parliament development investment management environment event student's recent current
    present different independent confident important significant relevant vacant instant giant plant
    want tenant's restaurant warrant ent elephant distant constant urgent silent patent talent moment
    comment content extent intent parent's accent client's corridor floor door error mirror factor sector
    labour labor honour honor colour color favour favor behaviour behavior major minor prior superior
    interior exterior junior senior paper letter chapter centre center winter summer quarter border
    power tower computer corner dinner manner partner's poster banner flyer sticker""".split()
)


def is_role_word(bare: str, productive: bool = False) -> bool:
    """Whether a lower-case word names a role someone holds; with productive, a word formed by one of
    the usual suffixes counts too (only where the sentence already calls for a role)."""
    if bare in PERSON_NOUNS or bare in TITLES or bare in MORE_ROLES:
        return True
    return productive and len(bare) > 4 and bare.endswith(ROLE_SUFFIXES) and bare not in NOT_ROLES and bare.isalpha()


# A capitalised run written where someone works is an organisation, not a person:
# "an analyst at Halden Research", "who writes for the weekly Screen Notes".
WORKPLACE_PREPOSITIONS = frozenset("at for with".split())
PLACE_PREPOSITIONS = frozenset("at in near outside".split())
PLACE_NOUNS = frozenset("town village city county region district suburb province state island valley".split())
# The last word of a street's, a square's or a building's name: never a person ("lived on Mill Lane").
STREET_WORDS = frozenset(
    """Street Road Avenue Boulevard Square Terrace Crescent Drive Lane Way Close Place Row Mews Gardens Parade
    Embankment Quay Wharf Promenade Esplanade Highway Motorway Bridge Arena Stadium Centre Center""".lower().split()
)
# Street words that are also surnames ("Sophie Lane", "Mr Close"): places only after where-words.
SURNAME_STREET_WORDS = frozenset("lane way close place row bridge".split())
STREET_PREPOSITIONS = PLACE_PREPOSITIONS | frozenset("on along off onto via from to".split())
_PREPOSITIONS = frozenset("of for at to with from in on by".split())
PERSON_ADJECTIVES = frozenset("late former young elderly veteran retired fellow acting new old".split())


# Unions the rules ask about often, made once: a union made per call copies hundreds of words.
_PEOPLE_WORDS = PERSON_NOUNS | TITLES | PLURAL_PERSON_NOUNS
_HEAD_NOUNS = PERSON_NOUNS | ORG_WORDS | PLURAL_PERSON_NOUNS | GROUP_WORDS
_HEAD_NOUNS_AND_TITLES = _HEAD_NOUNS | TITLES
_NOT_NAME_STARTS = FUNCTION_WORDS | WEEKDAYS_MONTHS
ORG_OR_GROUP_WORDS = ORG_WORDS | GROUP_WORDS


def _word_facts(text: str) -> tuple[bool, str, str, bool, bool, bool, bool]:
    """(word, lower, bare, possessive, capitalised, acronym, name_like) of a token's text."""
    first = text[0]
    word = first.isalnum()
    lower = text.lower()
    possessive = lower[-2:] in ("'s", "’s") and len(text) > 2
    # Lower case, without a possessive ending or a trailing apostrophe.
    bare = lower[:-2] if possessive else lower.rstrip("'’.")
    if AGE.fullmatch(bare):
        bare = "year-old"  # "the 24-year-old said": a person, whatever the age
    upper = first.isupper()
    if not upper and "-" in text:
        head, _, rest = text.partition("-")
        upper = head in NAME_PARTICLES and rest[:1].isupper()
    elif not upper and first in "tnhmgbd" and GAELIC_MUTATION.match(text):
        upper = True
    letters = text.replace(".", "") if upper else ""
    acronym = len(letters) >= 2 and letters.isupper() and letters.isalpha()
    # A word that can be part of a person's name: capitalised and not a title, an organisation's
    # word, a date or a function word; or a particle such as "al" or "van".
    name_like = (
        upper
        and not acronym
        and bare not in TITLES
        and bare not in ORG_WORDS
        and bare not in WEEKDAYS_MONTHS
        and bare not in FUNCTION_WORDS
        and bare not in PLURAL_PERSON_NOUNS  # "Farmers from ... said": a group, not a name
    ) or lower in NAME_PARTICLES
    return word, lower, bare, possessive, upper, acronym, name_like


# Words repeat, so their facts are worked out once per distinct text; the bound keeps memory flat.
_FACTS: dict[str, tuple[bool, str, str, bool, bool, bool, bool]] = {}
_FACTS_LIMIT = 100_000
_CAPITALISED = itemgetter(4)


class Token:
    """A word or a punctuation mark, with what the rules ask of it worked out once."""

    __slots__ = ("text", "start", "end", "lower", "bare", "capitalised", "acronym", "possessive", "word", "name_like")

    def __init__(self, text: str, start: int, end: int) -> None:
        facts = _FACTS.get(text) or _facts(text)
        self.text, self.start, self.end = text, start, end
        self.word, self.lower, self.bare, self.possessive, self.capitalised, self.acronym, self.name_like = facts

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def _facts(text: str) -> tuple[bool, str, str, bool, bool, bool, bool]:
    facts = _FACTS.get(text)
    if facts is None:
        if len(_FACTS) >= _FACTS_LIMIT:
            _FACTS.clear()
        facts = _FACTS[text] = _word_facts(text)
    return facts


class TokenTable:
    """The tokens of a whole text: their words and offsets from one scan, and a Token object
    made only for the ones a rule asks about (about half of them in news copy)."""

    __slots__ = ("words", "starts", "ends", "objects", "_facts", "_capitalised")

    def __init__(self, text: str) -> None:
        # [between, token, between, token, ..., between]: token i is part 2i + 1, and starts where the
        # lengths of the parts before it add up to. All of it runs in C.
        parts = TOKEN_SPLIT.split(text)
        offsets = list(accumulate(map(len, parts)))
        self.words: list[str] = parts[1::2]
        self.starts: list[int] = offsets[::2][: len(self.words)]
        self.ends: list[int] = offsets[1::2]
        self.objects: list[Token | None] = [None] * len(self.words)
        self._facts: list[tuple[bool, str, str, bool, bool, bool, bool]] | None = None
        self._capitalised: list[int] | None = None

    @property
    def facts(self) -> list[tuple[bool, str, str, bool, bool, bool, bool]]:
        """(word, lower, bare, possessive, capitalised, acronym, name_like) of every token."""
        facts = self._facts
        if facts is None:
            # Looked up in C; only the words not seen before are worked out here.
            known = list(map(_FACTS.get, self.words))
            if None in known:
                facts = [found or _facts(word) for found, word in zip(known, self.words, strict=True)]
            else:
                facts = cast("list[tuple[bool, str, str, bool, bool, bool, bool]]", known)
            self._facts = facts
        return facts

    @property
    def capitalised(self) -> list[int]:
        """Indexes of the capitalised words, in order: the name rules start only there."""
        if self._capitalised is None:
            facts = self.facts
            # The flags are picked out in C; only the capitalised tokens (a tenth or so) are looked at here.
            self._capitalised = [
                index for index in compress(range(len(facts)), map(_CAPITALISED, facts)) if facts[index][0]
            ]
        return self._capitalised

    def __len__(self) -> int:
        return len(self.words)

    def slice(self, first: int, last: int) -> list[Token]:
        objects = self.objects
        part = objects[first:last]
        if None not in part:
            return part  # type: ignore[return-value]
        words, starts, ends = self.words, self.starts, self.ends
        for index in range(first, last):
            if objects[index] is None:
                objects[index] = Token(words[index], starts[index], ends[index])
        return objects[first:last]  # type: ignore[return-value]


class _TokenCache(threading.local):
    """The token tables of the texts being worked on (an article and its masked copy), made once:
    the rules ask for many small spans of them."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, TokenTable]] = []

    def get(self, text: str) -> TokenTable:
        for cached, table in self.entries:
            if cached is text:
                return table
        table = TokenTable(text)
        self.entries = [*self.entries[-1:], (text, table)]
        return table


_cache = _TokenCache()


def token_table(text: str) -> TokenTable:
    # The cache's list read here rather than through its method: this runs once per tokenize call.
    for cached, table in _cache.entries:
        if cached is text:
            return table
    return _cache.get(text)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    if len(text) < 512:
        return [Token(match.group(), match.start(), match.end()) for match in TOKEN.finditer(text, start, end)]
    table = token_table(text)
    starts = table.starts
    first = bisect_left(starts, start)
    last = bisect_left(starts, end, first)
    ends = table.ends
    while last > first and ends[last - 1] > end:
        last -= 1
    return table.slice(first, last)


@dataclass(slots=True, init=False)
class Mention:
    """A noun phrase that names, or stands for, a speaker."""

    start: int
    end: int
    name_start: int
    name_end: int
    kind: str  # person | org | pronoun | nominal | unknown
    head: str = ""
    role: tuple[int, int] | None = None
    gender: str | None = None
    plural: bool = False

    # Written out rather than generated: mypyc compiles this one, and calls it about ten times as fast.
    def __init__(
        self,
        start: int,
        end: int,
        name_start: int,
        name_end: int,
        kind: str,
        head: str = "",
        role: tuple[int, int] | None = None,
        gender: str | None = None,
        plural: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.name_start = name_start
        self.name_end = name_end
        self.kind = kind
        self.head = head
        self.role = role
        self.gender = gender
        self.plural = plural


def _title_as_surname(tokens: list[Token]) -> bool:
    """ "Cllr Imran Sheikh", "Judge Rachel Judge": a title written after a first name, at a name's end, is
    a surname. The word before must look like a name and not be a role ("Attorney General"), and be a
    known first name or follow a title: "Westbury General" is a hospital."""
    if len(tokens) < 2:
        return False
    last, before = tokens[-1], tokens[-2]
    return (
        last.capitalised
        and last.bare in TITLES
        and before.capitalised
        and before.name_like
        and not before.possessive
        and not is_role_word(before.bare)
        and (before.bare in _FIRST_NAMES or (len(tokens) >= 3 and tokens[-3].bare in TITLES))
    )


# Words that make a title only before a role noun ("Home Secretary", "Health Minister"); inside a name,
# between two words of it, they are the name's own: "Brightwell Home Care", "Corrib Energy Direct".
SECTOR_WORDS = frozenset("home health energy economy trade education finance defence defense interior foreign".split())


def _sector_word_in_name(tokens: list[Token], index: int) -> bool:
    """Whether tokens[index] is a sector word between two name-like words, none of them a role."""
    if not 0 < index < len(tokens) - 1 or tokens[index].bare not in SECTOR_WORDS:
        return False
    before, after = tokens[index - 1], tokens[index + 1]
    return (
        before.name_like
        and not before.possessive
        and before.bare not in _FIRST_NAMES
        and after.name_like
        and not is_role_word(after.bare)
    )


def _name_split(tokens: list[Token]) -> int:
    """Index where the name starts: after the titles and roles written before it."""
    index = len(tokens) - 1 if _title_as_surname(tokens) else len(tokens)
    # A possessive ends a name only at its last word ("Mr Webb's barrister"); inside, it is a business's.
    while index > 0 and (
        (tokens[index - 1].name_like and (not tokens[index - 1].possessive or index == len(tokens)))
        or _sector_word_in_name(tokens, index - 1)
    ):
        index -= 1
    if index == 0 and len(tokens) >= 3 and is_role_word(tokens[0].bare) and tokens[0].bare not in _FIRST_NAMES:
        index = 1  # "Prosecutor Helena Marsh": a role capitalised because it opens the sentence
    while index < len(tokens) and tokens[index].lower in NAME_PARTICLES and index < len(tokens) - 1:
        if tokens[index].capitalised:
            break
        index += 1
    return index


def _classify(tokens: list[Token], determiner: bool) -> tuple[str, int]:
    """(kind, index where the name starts) for a noun phrase's tokens."""
    if not tokens:
        return "unknown", 0
    last = tokens[-1]
    if (
        determiner
        and last.capitalised
        and last.bare in DEMONYMS
        and all(t.bare in DETERMINERS or t.bare in PERSON_ADJECTIVES or t.name_like for t in tokens[:-1])
    ):
        # "said the Brazilian", "the New Mexico Democrat", "a fellow Democrat": someone already named
        return "nominal", 0
    bares = [token.bare for token in tokens]
    split = _name_split(tokens)
    name = tokens[split:]
    words_before_name = bares[:split]
    head = bares[-1]
    if not ORG_WORDS.isdisjoint(bares[split:]) or (name and all(token.acronym for token in name)):
        return "org", 0
    if len(tokens) >= 2 and last.capitalised and head in COMPANY_HEADS:
        return "org", 0  # Northgate Lettings
    if len(tokens) >= 3 and last.capitalised and head in JOINED_NAME_ENDS and "and" in bares[1:-1]:
        if head != "executive" or "chief" not in bares:  # not "the Chairman and Chief Executive"
            return "org", 0  # Universities and Colleges Employers Association, Health and Safety Executive
    if len(tokens) == 3 and bares[1] == "and" and tokens[0].capitalised and last.capitalised:
        return "org", 0  # "Marlow and Finch": two people are never one name
    if len(tokens) >= 3 and tokens[0].capitalised and any(token.lower in ("of", "for") for token in tokens[1:-1]):
        if all(
            token.capitalised or token.lower in CONNECTORS or token.lower == "and" or token.bare in DETERMINERS
            for token in tokens
        ):
            if TITLES.isdisjoint(bares) or (bares[0] in ORG_WORDS and bares[-1] not in TITLES):
                return "org", 0  # Citizens for Clean Air, Bank of Karsa, Department of Education and Youth
    if len(tokens) > 2 and bares[0] in PLURAL_PERSON_NOUNS and tokens[1].lower in ("of", "for", "from", "at", "in"):
        return "nominal", 0  # "Observers from the regional bloc", "Health ministers from several African countries"
    if split > 0 and any(token.lower in ("in", "of", "for", "at") for token in tokens[:split]):
        if not PLURAL_PERSON_NOUNS.isdisjoint(words_before_name):
            return "nominal", 0  # "Health officials in Marlow County"
    if (
        name
        and split >= 2
        and tokens[split - 1].lower == "for"
        and not tokens[split - 2].capitalised
        and is_role_word(bares[split - 2])
    ):
        return "nominal", 0  # "a spokesperson for Vestlink": the company's spokesperson, unnamed
    if name and split > 0 and not (TITLES.isdisjoint(words_before_name) and PERSON_NOUNS.isdisjoint(words_before_name)):
        return "person", split
    if not name:
        if head in ORG_WORDS or tokens[-1].acronym or head in GROUP_WORDS:
            return "org", 0
        if head in PLURAL_PERSON_NOUNS or is_role_word(head, productive=determiner and not last.capitalised):
            return "nominal", 0
        if determiner and tokens[-1].capitalised:
            return "org", 0  # the Pentagon, the Kremlin
        return "unknown", 0
    if determiner:
        return "org", 0  # the Islamic Resistance in Iraq
    if any(token.acronym for token in tokens[:split]) and split == len(tokens) - 1:
        return "org", 0
    if split == 1 and tokens[0].acronym and tokens[0].text not in POST_NOMINALS and bares[0] not in ROLE_ACRONYMS:
        return "org", 0  # "PT Angkasa Dwipa", "JSC Volga Steel Works": a legal form written before the name
    if len(name) >= 2:
        return "person", split
    return "unknown", split


# Words that open a complement of place or work, after which a given name is someone else's.
COMPLEMENT_WORDS: frozenset[str] = frozenset("of at from for in".split())
_GENDER_WORDS = MALE | FEMALE | FEMALE_NAMES | MALE_NAMES
_FIRST_NAMES = FEMALE_NAMES | MALE_NAMES


def _gender(tokens: list[Token]) -> str | None:
    if _GENDER_WORDS.isdisjoint([token.bare for token in tokens]):
        return None
    for token in tokens:
        if token.bare in MALE:
            return "m"
        if token.bare in FEMALE:
            return "f"
    given = next((token for token in tokens if token.capitalised and token.bare not in _PEOPLE_WORDS), None)
    for token in tokens:
        if token.lower in COMPLEMENT_WORDS:
            break  # "vicar of St Peter's", "a nurse at St Luke's": a name after it is not the speaker's
        if token.bare in FEMALE_NAMES or token.bare in MALE_NAMES:
            listed = "f" if token.bare in FEMALE_NAMES else "m"
            if given is not None and token is not given:
                # "Shirley Joe": a family name that is also a given name of the other sex.
                return gender_of(given.bare) or listed
            return listed
    return None


def _mention(tokens: list[Token], determiner: bool, start: int | None = None) -> Mention | None:
    tokens = [token for token in tokens if token.word]
    while len(tokens) > 2 and tokens[-1].text.rstrip(".") in POST_NOMINALS:
        tokens.pop()  # "Helena Marsh KC" is Helena Marsh
    if not tokens:
        return None
    titles = 0  # "Prof. Amara Nwosu of the University of ...": titles before the name
    while titles < len(tokens) - 1 and tokens[titles].bare in TITLES and tokens[titles].capitalised:
        titles += 1
    for index, token in enumerate(tokens[2:-1], start=2):
        named = index  # the name-like words right before "of": "Political analyst Prof. Harish Mishra of"
        while named > titles and tokens[named - 1].name_like:
            named -= 1
        if token.lower in ("of", "at", "from") and index - named >= 2:
            if not determiner:
                # "Ravi Mehta of Sandstone Capital": a person's name, then where they work.
                mention = _mention(tokens[:index], False, start)
                if mention is not None and mention.kind in ("person", "unknown"):
                    mention.kind = "person"
                    mention.end = tokens[-1].end
                    return mention
            break
    kind, split = _classify(tokens, determiner)
    if kind == "person" and determiner and _role_at_a_named_body(tokens, split):
        # "An official at the state Department of Labor and Industry": someone described at a body,
        # not a person named "Industry"; the speaker is the role, as for "an official at the ministry".
        at = next(index for index, token in enumerate(tokens) if token.lower == "at")
        return _mention(tokens[:at], True, start)
    name_tokens = tokens[split:] if kind == "person" else tokens
    role_tokens = tokens[:split] if kind == "person" else []
    bares = [token.bare for token in tokens]
    plural = (
        bares[-1] in PLURAL_PERSON_NOUNS
        or (kind == "nominal" and not PLURAL_PERSON_NOUNS.isdisjoint(bares))
        or (kind == "org" and bares[-1].endswith("s") and bares[-1] != "news")
    )
    head = bares[-1]
    if kind == "nominal" and "for" in bares[1:-1] and not tokens[-1].text.islower():
        head = bares[bares.index("for") - 1]  # "spokesperson for Vestlink" is a spokesperson
    end = tokens[-1].end
    if kind == "nominal" and "at" in bares[1:-1] and bares[bares.index("at") - 1] in PLURAL_PERSON_NOUNS:
        # "Officials at the water ministry": where a group works describes it; the speaker is "Officials",
        # as "a former engineer at the company" is "former engineer".
        at = bares.index("at")
        head, end = bares[at - 1], tokens[at - 1].end
    mention = Mention(
        start=tokens[0].start if start is None else start,
        end=end,
        name_start=name_tokens[0].start,
        name_end=min(end, name_tokens[-1].end),
        kind=kind,
        head=head,
        role=None,
        # A surname that is also a title ("Sheikh", "Major") says nothing of gender.
        gender=_gender(tokens[:-1] if _title_as_surname(tokens) else tokens) if kind in ("person", "nominal") else None,
        plural=plural,
    )
    if role_tokens:
        mention.role = (role_tokens[0].start, role_tokens[-1].end)
    return mention


def _role_at_a_named_body(tokens: list[Token], split: int) -> bool:
    """Whether lower-case words with a role come before "at" and a body's name that ``split`` cuts inside
    ("official at the state Department of Labor and Industry")."""
    at = next((index for index, token in enumerate(tokens) if token.lower == "at"), -1)
    if at < 1 or at >= split - 1:
        return False
    role = tokens[:at]
    return all(token.text.islower() for token in role) and any(
        token.bare in PERSON_NOUNS or is_role_word(token.bare) for token in role
    )


def _collect_backward(tokens: list[Token], index: int) -> tuple[int, bool]:
    """Start index of the noun phrase that ends at tokens[index], and whether a determiner opens it."""
    first = index + 1
    position = index
    joined = False
    while position >= 0 and index - position < 10:
        token = tokens[position]
        bare = token.bare
        if not token.word and not (joined and token.text == ","):
            break
        if token.text.isdigit() and first <= index and position > 0 and tokens[position - 1].text in ("No", "Number"):
            first = position - 1  # "A No 10 source": the address is part of the description
            position -= 2
            continue
        if (
            position == index
            and position > 0
            and not token.capitalised
            and tokens[position - 1].capitalised
            and tokens[position - 1].bare not in FUNCTION_WORDS
            and is_role_word(bare, productive=True)
        ):
            first = position  # "One Conservative backbencher": a capitalised modifier before a role
            position -= 1
            continue
        if (
            token.lower in NAME_PARTICLES
            and not token.capitalised
            and first <= index
            and tokens[first].capitalised
            and position > 0
            and tokens[position - 1].capitalised
            and tokens[position - 1].name_like
        ):
            first = position  # "Dr Iolo ap Hywel of ...": a particle inside a name, even "an" in "Mac an Bhaird"
            position -= 1
            continue
        if bare in DETERMINERS:
            # "a spokesman for the ministry": the determiner belongs to a noun phrase inside a longer one.
            if position >= 2 and (
                (
                    tokens[position - 1].lower in ("for", "of", "at", "from")
                    and (
                        tokens[position - 2].bare in PERSON_NOUNS
                        or tokens[position - 2].bare in TITLES
                        or tokens[position - 2].bare in PLURAL_PERSON_NOUNS
                    )
                )
                or (
                    # "The Association of the Petroleum Industry": one name around "of the".
                    tokens[position - 1].lower == "of"
                    and tokens[position - 2].capitalised
                    and tokens[position - 2].bare not in FUNCTION_WORDS
                    and first <= index
                    and tokens[first].capitalised
                )
            ):
                position -= 2
                first = position
                continue
            return first, True
        if (
            token.lower == "and"
            and first <= index
            and tokens[first].capitalised
            and (tokens[index].bare in JOINED_NAME_ENDS or _body_of_before(tokens, position))
            and position > 0
            and tokens[position - 1].capitalised
            and tokens[position - 1].bare not in FUNCTION_WORDS
        ):
            # "the Humber and North Yorkshire Integrated Care Board", "the Department of Education and
            # Youth": one name.
            first = position
            position -= 1
            joined = True
            continue
        if (
            joined
            and token.text == ","
            and position > 0
            and tokens[position - 1].capitalised
            and tokens[position - 1].bare not in FUNCTION_WORDS
            and (position < 2 or not tokens[position - 2].word or tokens[position - 2].bare in DETERMINERS)
        ):
            first = position - 1  # "the Retail, Trade and Warehouse Union": a list inside one name
            position -= 2
            continue
        if token.lower in CONNECTORS or token.lower == "at":
            if (
                first <= index
                and tokens[first].capitalised
                and position > 0
                and (
                    (tokens[position - 1].capitalised and token.lower != "at")
                    or tokens[position - 1].bare in PERSON_NOUNS
                    or tokens[position - 1].bare in PLURAL_PERSON_NOUNS
                    or tokens[position - 1].bare in ORG_WORDS
                )
            ):
                first = position
                position -= 1
                continue
            break
        if token.capitalised or token.possessive or bare in PERSON_NOUNS or bare in ORG_WORDS or bare in TITLES:
            if bare in FUNCTION_WORDS and not token.capitalised:
                break
            if token.capitalised and bare in FUNCTION_WORDS - {"may"} and not token.acronym:
                break  # a sentence-initial "The", "In", "He"
            first = position
            position -= 1
            continue
        if bare in PLURAL_PERSON_NOUNS or bare in GROUP_WORDS or ("-" in token.text and UPPER.search(token.text)):
            first = position
            position -= 1
            continue
        if position == index and position > 0 and tokens[position - 1].possessive and token.text.isalpha():
            first = position  # "Obi's publisher said"
            position -= 1
            continue
        # A lower-case modifier counts only between a determiner and the head: "the Iraqi interior ministry".
        look = position
        while look >= 0 and index - look < 10 and tokens[look].word and tokens[look].bare not in FUNCTION_WORDS:
            look -= 1
        if look >= 0 and tokens[look].bare in DETERMINERS and first <= index and position - look <= 3:
            if tokens[index].bare in _HEAD_NOUNS:
                # On to the determiner, which may sit inside a longer phrase ("observers from the regional bloc").
                first, position = look + 1, look
                continue
        heads = _PEOPLE_WORDS
        if (look < 0 or not tokens[look].word) and position - look <= 3 and first <= index:
            # At the start of a clause: "rescue team leader Owen Price said", "mountain rescue officials said".
            if any(tokens[number].bare in heads for number in range(first, index + 1)):
                return look + 1, False
        break
    return first, False


def _body_of_before(tokens: list[Token], position: int) -> bool:
    """Whether capitalised words before tokens[position] follow a body's word and "of" or "for": the
    "Board of Media" in "Korea Board of Media and Film Ratings"."""
    look = position - 1
    while look > 0 and position - look <= 4 and tokens[look].capitalised and tokens[look].bare not in FUNCTION_WORDS:
        look -= 1
    return (
        look > 0
        and look < position - 1
        and tokens[look].lower in ("of", "for")
        and tokens[look - 1].capitalised
        and tokens[look - 1].bare in ORG_WORDS
    )


def noun_phrase_before(tokens: list[Token], index: int) -> Mention | None:
    """The noun phrase that ends at tokens[index] (the subject of a following cue)."""
    if index < 0:
        return None
    token = tokens[index]
    if token.lower in PRONOUNS:
        return Mention(token.start, token.end, token.start, token.end, "pronoun", token.lower)
    if not token.word:
        return None
    described = _described_source(tokens, index)
    if described is not None:
        return described
    first, determiner = _collect_backward(tokens, index)
    if first > index:
        return None
    phrase = tokens[first : index + 1]
    opening = tokens[first - 1].start if determiner and first > 0 and tokens[first - 1].bare in DETERMINERS else None
    mention = _mention(phrase, determiner, opening)
    if mention is None:
        return None
    if mention.head in STATEMENT_WORDS:
        mention.kind = "statement"
    return mention


# Anonymous sources whose description is what identifies them: "a person familiar with the investigation".
SOURCE_NOUNS = frozenset("person people source sources official officials insider insiders".split())
SOURCE_LINKS = frozenset(
    [
        ("familiar", "with"),
        ("close", "to"),
        ("with", "knowledge"),
        ("briefed", "on"),
        ("aware", "of"),
        ("involved", "in"),
        ("with", "direct"),
    ]
)
SOURCE_QUANTIFIERS = frozenset("a an one two three several some".split())
DESCRIPTION_ENDS = frozenset("who which and".split())


def _described_source(tokens: list[Token], index: int) -> Mention | None:
    """ "A person familiar with the investigation", "two sources close to the talks": the noun and its
    description, kept whole, ending at tokens[index]; the noun after "a", "one", "two" and the like."""
    position = index
    while position >= 2 and index - position < 10 and tokens[position].word:
        link = (tokens[position - 1].lower, tokens[position].lower)
        noun, opening = tokens[position - 2], tokens[position - 3] if position >= 3 else None
        if link in SOURCE_LINKS and noun.bare in SOURCE_NOUNS and not noun.capitalised:
            if opening is None or opening.lower not in SOURCE_QUANTIFIERS:
                return None
            return Mention(
                start=opening.start,
                end=tokens[index].end,
                name_start=noun.start,
                name_end=tokens[index].end,
                kind="nominal",
                head=noun.bare,
                role=None,
                gender=None,
                plural=noun.bare.endswith("s") or noun.bare == "people",
            )
        position -= 1
    return None


def _skip_adverbials(tokens: list[Token], index: int) -> int:
    """Step back over "also", "has", "on Wednesday", "late on Tuesday", "last week" before a cue."""
    while index >= 0:
        token = tokens[index]
        lower = token.lower
        if token.text == ")":
            # A parenthesis after the subject: "The Patriotic Union of Kurdistan (PUK) condemned".
            opening = index - 1
            while opening >= 0 and tokens[opening].text != "(" and index - opening < 8:
                opening -= 1
            if opening >= 0 and tokens[opening].text == "(":
                index = opening - 1
                continue
            break
        if lower in SKIPPED_BEFORE_CUE or (lower.endswith("ly") and not token.capitalised and len(lower) > 4):
            index -= 1
            continue
        if lower in TIME_WORDS or token.bare in WEEKDAYS_MONTHS or (token.text.isdigit() and index > 0):
            look = index - 1
            while look >= 0 and (
                tokens[look].lower in TIME_WORDS or tokens[look].bare in WEEKDAYS_MONTHS or tokens[look].text.isdigit()
            ):
                look -= 1
            if look >= 0 and tokens[look].lower in TIME_PREPOSITIONS:
                index = look - 1
                while index >= 0 and tokens[index].lower in TIME_PREPOSITIONS:
                    index -= 1
                continue
            if lower in ("today", "yesterday", "tonight") or token.bare in WEEKDAYS_MONTHS:
                index = look
                continue
        break
    return index


COMPLEMENT_LINKS = frozenset("for of from in at on with".split())


# Words before "of" that pick some of a place's kind: "at one of the homes", "in several of the wards".
PART_OF_WORDS = frozenset("one two three four five some several many most each all either any".split())


def _inside_proper_name(tokens: list[Token], position: int) -> bool:
    """A capitalised word not first in its sentence, or "of", "for" or "and" between two such words."""
    token = tokens[position]
    if position == 0 or position + 1 >= len(tokens):
        return False
    if token.lower in ("of", "for", "and"):
        return tokens[position - 1].word and tokens[position - 1].capitalised and tokens[position + 1].capitalised
    return token.word and token.capitalised and tokens[position + 1].word and tokens[position + 1].capitalised


def _group_with_complement(tokens: list[Token], index: int, any_noun: bool = False) -> Mention | None:
    """ "Lawyers for the city argued", "residents of the old town said": people, then whom they
    belong to in a few lower-case words that no list of nouns holds. With any_noun (where the sentence
    already calls for a person), one person's noun need not be a known role: "a deckhand on the ferry"."""
    floor = max(0, index - 5)
    connector = index
    while connector - 1 > floor:
        connector -= 1
        token = tokens[connector]
        if _inside_proper_name(tokens, connector):
            # "An epidemiologist at the Westbrook Institute for Public Health": the words of a body's
            # name, "for" and "of" among them, are one place, however many.
            floor = max(0, floor - 1)
            continue
        if not token.word or (token.bare in FUNCTION_WORDS and token.lower not in COMPLEMENT_LINKS):
            if token.bare not in DETERMINERS:
                return None
        if (
            token.lower == "of"
            and connector >= 2
            and tokens[connector - 1].bare in PART_OF_WORDS
            and tokens[connector - 2].lower in COMPLEMENT_LINKS
        ):
            connector -= 2  # "a former administrator at one of the homes": the place is "one of the homes"
            token = tokens[connector]
        if token.lower in COMPLEMENT_LINKS:
            people = tokens[connector - 1] if connector > 0 else None
            if people is None:
                return None
            if people.bare in PLURAL_PERSON_NOUNS and token.lower in ("on", "with"):
                return None
            if people.bare not in PLURAL_PERSON_NOUNS:
                # "A practice nurse at the clinic said": one unnamed person, introduced as "a" or "one",
                # whose workplace follows; the person is the speaker, the place only describes them.
                # "Three householders on the estate said": a counted group, likewise.
                return _one_unnamed_person(tokens, connector - 1, any_noun) or _counted_group(tokens, connector - 1)
            mention = noun_phrase_before(tokens, connector - 1)
            if mention is None or mention.kind == "pronoun":
                return None
            if token.lower != "at":
                mention.end = tokens[index].end  # "Staff at two homes" is "Staff": the workplace only describes them
            mention.kind, mention.plural = "nominal", True
            return mention
    return None


WORKPLACE_LINKS = frozenset("of from at".split())


def _person_of(tokens: list[Token], link: int) -> Mention | None:
    """ "Prof. Amara Nwosu of the University of Minnesota Duluth said": where a person works, after "of",
    "from" or "at", is not the subject; the person named before it is. Steps back over the
    organisation's own "of" ("University of ...") to the name."""
    for _ in range(3):
        if link < 1 or tokens[link].lower not in WORKPLACE_LINKS:
            return None
        candidate = noun_phrase_before(tokens, link - 1)
        if candidate is None or candidate.kind == "pronoun":
            return None
        if candidate.kind == "person":
            return candidate
        if candidate.kind != "org":
            return None
        link = next(number for number, token in enumerate(tokens) if token.start >= candidate.start) - 1
    return None


SENT_WORDS = frozenset("sent written signed issued circulated drafted".split())


def _document_sent(tokens: list[Token], by: int) -> bool:
    """Whether "by" at tokens[by] ends "an email sent (to ...) by": a document's noun, then a participle
    of sending or writing, within eight words before it and no punctuation between."""
    for position in range(by - 1, max(-1, by - 9), -1):
        token = tokens[position]
        if not token.word:
            return False
        if token.bare in SENT_WORDS:
            return position >= 1 and tokens[position - 1].bare in STATEMENT_WORDS
    return False


def _one_unnamed_person(tokens: list[Token], index: int, any_noun: bool = False) -> Mention | None:
    """ "A porter", "one practice nurse": "a", "an" or "one", up to two lower-case modifiers and a role
    noun ending at tokens[index], formed by the usual suffixes or not; with any_noun (before "who"), any
    lower-case noun: "One paramedic, who asked not to be named, said"."""
    token = tokens[index]
    if token.capitalised or not (
        is_role_word(token.bare, productive=True)
        or (any_noun and token.word and token.bare.isalpha() and token.bare not in FUNCTION_WORDS)
    ):
        return None
    opening = index - 1
    while opening >= 0 and index - opening <= 3 and tokens[opening].bare not in DETERMINERS:
        if not tokens[opening].word or tokens[opening].capitalised or tokens[opening].bare in FUNCTION_WORDS:
            return None
        opening -= 1
    if opening < 0 or tokens[opening].bare not in ("a", "an", "one"):
        return None
    mention = _mention(tokens[opening + 1 : index + 1], True, tokens[opening].start)
    if mention is None:
        return None
    mention.kind = "nominal"
    return mention


GROUP_COUNTS = frozenset("two three four five six seven eight nine ten several some many".split())
IRREGULAR_PLURALS = frozenset("people men women children".split())
# Plurals a number counts that are never people: "two weeks", "three times".
COUNTED_UNITS = frozenset(
    "seconds minutes hours days nights weeks months years decades centuries times percent points miles metres".split()
)


def _counted_group(tokens: list[Token], index: int, named_modifiers: bool = False) -> Mention | None:
    """ "Three householders, who asked not to be named, said": a number or "several", up to two lower-case
    modifiers and a plural noun ending at tokens[index], before "who", are people whatever the noun; the
    speaker is the group as written, its number kept. With named_modifiers, the modifiers may be
    capitalised: "Two European charter airlines"."""
    token = tokens[index]
    plural = token.bare in IRREGULAR_PLURALS or (token.bare.endswith("s") and not token.bare.endswith("ss"))
    if token.capitalised or not token.text.isalpha() or not plural:
        return None
    if token.bare in FUNCTION_WORDS or token.bare in COUNTED_UNITS:
        return None
    opening = index - 1
    while opening >= 0 and index - opening <= 3 and tokens[opening].bare not in GROUP_COUNTS:
        if not tokens[opening].word or tokens[opening].bare in FUNCTION_WORDS:
            return None
        if tokens[opening].capitalised and not named_modifiers:
            return None
        opening -= 1
    if opening < 0 or tokens[opening].bare not in GROUP_COUNTS:
        return None
    if opening > 0 and tokens[opening - 1].word:
        return None  # "for three householders": an object inside a longer phrase, not the clause's subject
    mention = _mention(tokens[opening + 1 : index + 1], True, tokens[opening].start)
    if mention is None:
        return None
    mention.kind, mention.plural = "nominal", True
    return mention


# Participles that open a sentence about someone's speaking: "Speaking to the Varrow Post, a deckhand said".
SPEECH_PARTICIPLES = frozenset(
    "speaking talking writing asked interviewed questioned pressed responding replying commenting".split()
)


def _after_speaking_to(tokens: list[Token], index: int) -> Mention | None:
    """ "Speaking to the Varrow Post, a deckhand said": after an opening clause of a participle of speech,
    which names an outlet or a listener, "a", "an" or "one" and any lower-case noun (or a counted group)
    right after the comma is someone speaking, though no list holds the noun."""
    mention = (
        _one_unnamed_person(tokens, index, any_noun=True)
        or _counted_group(tokens, index)
        or _group_with_complement(tokens, index, any_noun=True)
    )
    if mention is None:
        return None
    opening = next((number for number, token in enumerate(tokens) if token.start == mention.start), 0)
    if opening < 2 or not _closes_speech_participle_clause(tokens, opening - 1):
        return None
    return mention


# What an opening "In ..." names when it is an occasion of speech: "In an interview with the Varrow Post,".
SPEECH_OCCASIONS = frozenset("interview interviews statement comments remarks email e-mail letter message post".split())


def _restrictive_who(tokens: list[Token], index: int) -> int | None:
    """Where "who" opens a relative clause, with no comma, that runs to tokens[index] and whose subject
    "who" is ("Three householders who spoke to the Varrow Post said"): what the clause names is not the
    subject of the cue after it; the noun before "who" is. Not "the man who the police said was armed"."""
    if tokens[index].lower == "to":
        return None  # "who went on to write": the cue is the clause's own infinitive
    position = index
    while position > 0 and index - position < 15 and tokens[position].word:
        if tokens[position].lower in PRONOUNS or tokens[position].lower in CUE_VERBS_AFTER_COMMA:
            return None  # "... said they had been told": another clause, with a subject of its own
        if tokens[position].lower in NAME_GIVING_WORDS:
            return None  # "A father of three who gave his name only as Tariq said": the name is the subject
        if tokens[position].text == "who":
            following = tokens[position + 1] if position < index else None
            if (
                following is None
                or following.capitalised
                or following.bare in DETERMINERS
                or following.lower in PRONOUNS
                or not tokens[position - 1].word
            ):
                return None
            return position
        position -= 1
    return None


def _opening_person(tokens: list[Token], index: int) -> Mention | None:
    """ "A porter said", "One volunteer said": "a", "an" or "one" and a role formed by the usual suffixes,
    opening the clause, are one unnamed person."""
    mention = _one_unnamed_person(tokens, index)
    if mention is None:
        return None
    opening = next((number for number, token in enumerate(tokens) if token.start == mention.start), 0)
    return mention if opening == 0 or not tokens[opening - 1].word else None


def _closes_speech_participle_clause(tokens: list[Token], comma: int) -> bool:
    """Whether tokens[comma] is the first comma of a sentence that opens with a participle of speech
    ("Speaking to the Varrow Post,") or with an occasion of speech ("In an interview with the Varrow Post,")."""
    words = [token for token in tokens[:comma] if token.word]
    if not words or not words[0].capitalised or any(token.text == "," for token in tokens[:comma]):
        return False
    if words[0].lower == "in":
        return any(word.bare in SPEECH_OCCASIONS for word in words[1:4])
    if words[0].lower in SCENE_OPENERS and len(words) <= 4:
        return True  # "Outside court, Detective Sergeant Owen Farrant of the ... Unit, which ..., said"
    return words[0].lower in SPEECH_PARTICIPLES


# Words that open a short phrase of place or time before the subject: "Outside court,", "After the hearing,".
SCENE_OPENERS = frozenset("outside after afterwards later earlier".split())


def subject_before(tokens: list[Token]) -> Mention | None:
    """The subject of a cue, from the tokens between the sentence start and the cue."""
    index = _skip_adverbials(tokens, len(tokens) - 1)
    if index < 0:
        return None
    if tokens[index].lower in ("who", "which") and index > 0 and tokens[index - 1].text == ",":
        # "Helena Varga, the head of the association, who said": the relative pronoun's antecedent.
        return subject_before(tokens[:index])
    # "a statement by/from X said": the subject is X.
    if tokens[index].word:
        relative = _restrictive_who(tokens, index)
        if relative is not None:
            antecedent = (
                subject_before(tokens[:relative])
                or _one_unnamed_person(tokens, relative - 1, any_noun=True)
                or _counted_group(tokens, relative - 1)
            )
            if antecedent is not None:
                return antecedent
        mention = noun_phrase_before(tokens, index) or _group_with_complement(tokens, index)
        if mention is not None and mention.kind == "org" and tokens[index].bare in ORG_WORDS:
            # "Two European charter airlines said": bodies counted as a group, as written.
            mention = _counted_group(tokens, index, named_modifiers=True) or mention
        if mention is None:
            # "Ms Jones said a supervisor had told him to": someone described inside a reported clause.
            reported_person = _one_unnamed_person(tokens, index)
            opening = next(
                (
                    number
                    for number, token in enumerate(tokens)
                    if reported_person and token.start == reported_person.start
                ),
                0,
            )
            if reported_person is not None and opening > 0 and tokens[opening - 1].lower in ("said", "says", "that"):
                mention = reported_person
        if mention is None:
            mention = (
                _after_speaking_to(tokens, index) or _counted_group(tokens, index) or _opening_person(tokens, index)
            )
        if mention is None:
            return _role_of_description(tokens, index)
        before = index - (len([t for t in tokens if mention.start <= t.start < mention.end]))
        owner = _person_of(tokens, before)
        if owner is not None:
            return owner
        if before >= 1 and tokens[before].lower in ("by", "from") and tokens[before - 1].bare in STATEMENT_WORDS:
            return mention
        if before >= 2 and tokens[before].lower == "by" and _document_sent(tokens, before):
            return mention  # "An email sent to coordinators last March by a regional manager asks"
        if before >= 0 and tokens[before].lower in ("by", "from", "to", "at", "with", "against", "told"):
            # An object, not a subject; unless it is where the unnamed speaker works: "A porter at
            # the general hospital said".
            return _group_with_complement(tokens, index) or _after_speaking_to(tokens, index)
        return mention
    if tokens[index].text == ",":
        # An appositive: "X, a spokesman for Y, said" or "The governor, Tomas Reyes, said".
        # Back to the comma, bracket or dash that opens the appositive, however long it is: the tokens
        # given here end at the sentence's start, so the clause bounds the search.
        comma = index - 1
        while comma >= 0 and (tokens[comma].text not in (",", "(", "—", "–") or _in_number(tokens, comma)):
            comma -= 1
        segment = tokens[comma + 1 : index]
        if comma < 0:
            return noun_phrase_before(tokens, index - 1)  # "... minister Paul Dunne, who told"
        if not segment:
            return None
        if _closes_speech_participle_clause(tokens, comma):
            # "Speaking to the Varrow Post, a deckhand, who ..., said": the comma before the segment closes
            # the opening clause, so the segment is the subject, not the outlet's description.
            return noun_phrase_before(tokens, index - 1) or _after_speaking_to(tokens, index - 1)
        relative = _relative_clause_opening(tokens, comma)
        if relative is not None:
            # "Mr. Ferreira, 37, who worked in Lisbon, before moving to ..., said": the relative clause
            # has commas of its own; its antecedent is the subject.
            return subject_before(tokens[: relative + 1])
        if all(token.text.isdigit() for token in segment):
            return noun_phrase_before(tokens, comma - 1)  # an age: "Smith, 45, said"
        words = [token for token in segment if token.word]
        if not words:
            return None
        if words[0].lower in ("identified", "named") and words[-1].capitalised:
            # "One of the climbers, identified only as Sam, told": the name the appositive gives.
            run = [token for token in words if token.capitalised]
            return _mention(run, determiner=False) if run else None
        if words[0].lower in ("who", "which", "whose", "whom") and comma > 0:
            if comma > 0 and tokens[comma - 1].text == ")":
                # "The Association of ... (APIKUR), which represents producers, said": the name before the brackets.
                return subject_before(tokens[:comma])
            if words[-1].capitalised and not NAME_GIVING_WORDS.isdisjoint(word.lower for word in words):
                # "A woman queueing outside, who gave her name only as Carmen, said": the name given.
                first = len(words)
                while first > 1 and words[first - 1].capitalised:
                    first -= 1
                return _mention(words[first:], determiner=False)
            # "Sen. James Holt, R-Texas, who voted no, said"; only a person is "who": "One paramedic, who".
            return (
                subject_before(tokens[: comma + 1])
                or _one_unnamed_person(tokens, comma - 1, any_noun=True)
                or _counted_group(tokens, comma - 1)
                or _group_with_complement(tokens, comma - 1, any_noun=True)
            )
        # A role ("a spokesman for Y", "US ambassador to Iraq"), not a name ("Dr. Alan Moss").
        is_role = (
            any(not token.capitalised and (token.bare in PERSON_NOUNS or token.bare in TITLES) for token in words)
            or not words[-1].capitalised
            or (words[-1].bare in TITLES and not _title_as_surname(words))
            or words[-1].bare in PERSON_NOUNS
            or all(PARTY_AND_STATE.fullmatch(token.text) for token in words)
        )
        named = _appositive_name(words)
        if named is not None:
            # "The jury president, the American actor Thomas Greer, called": the appositive names
            # the person the role before it describes.
            outer = noun_phrase_before(tokens, comma - 1)
            if outer is None or outer.kind == "nominal":
                opening = comma - 1
                while opening >= 0 and tokens[opening].text not in (",", "(", "—", "–", ";", "\x00"):
                    opening -= 1
                # The subject starts with the description before the comma, found as a noun phrase or not.
                named.start = outer.start if outer is not None else tokens[opening + 1].start
                if outer is not None:
                    named.role = (outer.start, named.role[1] if named.role else outer.end)
                named.gender = named.gender or (outer.gender if outer is not None else None)
                return named
        named_body = _appositive_body(tokens, comma, words)
        if named_body is not None:
            return named_body
        if (
            words[0].lower in ("a", "an", "the", "who", "which", "whose", "whom", "now", "then", "formerly")
            or not words[0].capitalised
            or is_role
        ):
            named_end = comma - 1
            if named_end >= 2 and tokens[named_end].text.isdigit() and tokens[named_end - 1].text == ",":
                named_end -= 2  # "Gerald Pike, 78, a retired bus driver": the age between the name and the role
            mention = noun_phrase_before(tokens, named_end)
            if mention is not None and mention.role is None and words[0].lower not in ("who", "which", "whose", "whom"):
                mention.role = (segment[0].start, segment[-1].end)
            if mention is not None and mention.gender is None:
                # Not from an owner's title: "Janet Okafor, Mr. Pike's daughter" is no man.
                owned = next((number for number, word in enumerate(words) if word.possessive), -1)
                mention.gender = _gender(words[owned + 1 :])
            return mention
        inner = _mention(words, determiner=False)
        if inner is not None and inner.kind in ("person", "unknown", "org"):
            outer = noun_phrase_before(tokens, comma - 1)
            # The whole description before the comma, back to the clause's start: "the United Nations
            # envoy for the region", "a member of the parliamentary energy committee".
            opening = comma - 1
            while opening >= 0 and tokens[opening].text not in (",", "(", "—", "–", ";", "\x00"):
                opening -= 1
            described = [token for token in tokens[opening + 1 : comma] if token.word]
            description = (
                described if described and described[0].bare in ("the", "a", "an") and len(described) <= 10 else None
            )
            # "a member of the committee": the organisation is the complement of a person noun.
            people = _PEOPLE_WORDS
            complement = any(
                later.lower in ("of", "for", "at", "from", "with", "on", "in", "to") and earlier.bare in people
                for earlier, later in zip(described or [], (described or [])[1:], strict=False)
            )
            if description is not None and (outer is None or complement):
                inner.start = description[0].start
                if inner.role is None:
                    inner.role = (
                        description[1].start if len(description) > 1 else description[0].start,
                        description[-1].end,
                    )
                inner.gender = inner.gender or _gender(description)
                inner.kind = "person" if inner.kind == "unknown" and len(words) >= 2 else inner.kind
                return inner
            if outer is not None and outer.kind in ("nominal", "org", "unknown") and inner.role is None:
                inner.role = (outer.name_start, tokens[comma - 1].end)
                if inner.gender is None:
                    inner.gender = outer.gender
            if outer is not None:
                inner.start = outer.start
                if (outer.head in ORG_WORDS or outer.head in GROUP_WORDS) and not complement:
                    # "The group, Citizens for Clean Air, said": the whole name is an organisation's; not
                    # when the organisation is where a person noun before it works ("Her coach at the club,").
                    inner.kind, inner.name_start, inner.name_end = "org", words[0].start, words[-1].end
            inner.kind = "person" if inner.kind == "unknown" and len(words) >= 2 else inner.kind
            return inner
        return noun_phrase_before(tokens, comma - 1)
    return None


def _role_of_description(tokens: list[Token], index: int) -> Mention | None:
    """ "The fire chief of a village destroyed by wildfire two summers ago told": a clause that opens with
    "the", a role and "of" has the role's holder as its subject, however long the description after "of";
    the mention ends at the role, as an unnamed person's name does."""
    opening = next((number for number in range(index, -1, -1) if tokens[number].text in ("—", "–", "-")), -1) + 1
    if index - opening > 20 or tokens[opening].bare != "the":
        return None
    link = opening + 1
    while link <= index and link - opening <= 4 and tokens[link].lower != "of":
        token = tokens[link]
        if not token.word or token.capitalised or token.bare in FUNCTION_WORDS:
            return None
        link += 1
    if link >= index or link == opening + 1 or tokens[link].lower != "of":
        return None
    if not is_role_word(tokens[link - 1].bare, productive=True):
        return None
    if any(not token.word for token in tokens[link + 1 : index + 1]):
        return None  # a comma or a quotation: the description is not one phrase
    mention = _mention(tokens[opening + 1 : link], True, tokens[opening].start)
    if mention is None:
        return None
    mention.kind = "nominal"
    return mention


RELATIVE_PRONOUNS = frozenset("who whose whom which".split())
# Words that can open an appositive of their own after a relative clause: "X, who ..., a former nurse, said".
APPOSITIVE_OPENERS = frozenset("a an the now then formerly".split())


def _relative_clause_opening(tokens: list[Token], comma: int) -> int | None:
    """The comma before a "who"/"which" clause that the segment after ``comma`` continues: a segment
    opening with a word that is neither a determiner nor a role ("before moving to the United States",
    "Modesto and Merced before she took over the farm") belongs to the clause before it, not to an
    appositive of its own; a capitalised one must hold lower-case words that no name holds."""
    opener = tokens[comma + 1] if comma + 1 < len(tokens) else None
    if opener is None or not opener.word or opener.lower in APPOSITIVE_OPENERS:
        return None
    if opener.lower in RELATIVE_PRONOUNS or opener.text.isdigit() or is_role_word(opener.bare):
        return None
    if opener.capitalised and not any(
        token.word and not token.capitalised and token.lower not in CONNECTORS and token.lower != "and"
        for token in tokens[comma + 1 :]
    ):
        return None  # "..., who voted no, Republican Party, said" stays an appositive
    for earlier in range(comma - 1, 0, -1):
        token = tokens[earlier]
        if token.text in ("(", "—", "–", ";") or token.text.startswith("\x00"):
            return None
        if token.text == "," and tokens[earlier + 1].lower in RELATIVE_PRONOUNS:
            return earlier
    return None


def _appositive_body(tokens: list[Token], comma: int, words: list[Token]) -> Mention | None:
    """ "The shopworkers' union, the Retail Staff Federation, said": after a lower-case description,
    "the" and a capitalised name that reads as an organisation's is the name of what was described."""
    if (
        len(words) < 3
        or words[0].lower != "the"
        or not all(word.capitalised or word.lower in CONNECTORS or word.lower == "and" for word in words[1:])
    ):
        return None
    if comma < 1 or tokens[comma - 1].capitalised:
        return None  # "Mr Smith, the Labour MP, said": the name comes first
    outer = noun_phrase_before(tokens, comma - 1)
    if outer is None or outer.kind not in ("nominal", "org"):
        return None
    inner = _mention(words[1:], determiner=True)
    if inner is None or inner.kind != "org":
        return None
    inner.start = outer.start
    return inner


def _in_number(tokens: list[Token], index: int) -> bool:
    """A comma between digits ("a 4,000-signature petition") is not a clause's."""
    return (
        0 < index < len(tokens) - 1
        and tokens[index - 1].end == tokens[index].start
        and tokens[index + 1].start == tokens[index].end
        and tokens[index - 1].text[-1:].isdigit()
        and tokens[index + 1].text[:1].isdigit()
    )


def _appositive_name(words: list[Token]) -> Mention | None:
    """ "the American actor Thomas Greer", "former finance minister Luc Armand": a role and then a name of
    two or more words, with no preposition that would make the name someone else's ("a spokesman for ...")."""
    offset = 1 if words and words[0].bare in ("the", "a", "an") else 0
    first = len(words)
    while first > offset + 1 and words[first - 1].name_like and words[first - 1].capitalised:
        first -= 1
    if len(words) - first < 2:
        return None
    if not is_role_word(words[first - 1].bare, productive=True) and not (
        words[first - 1].text.islower() and (words[first].bare in _FIRST_NAMES or gender_of(words[first].bare))
    ):
        return None  # "retired postman Dennis Hargreaves": a noun no list holds, before a given name
    if any(word.lower in _PREPOSITIONS for word in words[offset:first]):
        return None
    mention = _mention(words[offset:], determiner=False)
    return mention if mention is not None and mention.kind == "person" else None


def noun_phrase_after(tokens: list[Token], index: int) -> Mention | None:
    """The noun phrase that starts at tokens[index] ("said X", "according to X")."""
    if index >= len(tokens):
        return None
    token = tokens[index]
    if token.lower in PRONOUNS:
        return Mention(token.start, token.end, token.start, token.end, "pronoun", token.lower)
    if token.bare in ("another", "others", "one") and (index + 1 >= len(tokens) or not tokens[index + 1].word):
        return Mention(token.start, token.end, token.start, token.end, "nominal", token.bare)  # "said another"
    if token.lower in SOURCE_QUANTIFIERS and index + 3 < len(tokens):
        # "said a source close to the company": the description up to the clause's end.
        last = index + 3
        while last + 1 < len(tokens) and tokens[last + 1].word and tokens[last + 1].lower not in DESCRIPTION_ENDS:
            last += 1
        described = _described_source(tokens[: last + 1], last)
        if described is not None and described.start == token.start:
            return described
    determiner = token.bare in DETERMINERS
    position = index + 1 if determiner else index
    last_head = None
    head_before_connector: int | None = None
    from_group = False  # inside "from ..." after a group: its words run to the verb
    while position < len(tokens) and position - index < 10:
        current = tokens[position]
        bare = current.bare
        if not current.word:
            break
        if from_group and bare not in FUNCTION_WORDS:
            last_head = position
            position += 1
            continue
        if current.lower == "and" and last_head == position - 1 and position + 1 < len(tokens):
            # "according to residents and aid workers"
            ahead = tokens[position + 1 : position + 4]
            if any(token.bare in PLURAL_PERSON_NOUNS or token.capitalised for token in ahead if token.word):
                position += 1
                continue
            break
        # "Health ministers from several African countries": where a group is from belongs to it.
        if current.lower == "from" and last_head is not None and tokens[last_head].bare in PLURAL_PERSON_NOUNS:
            if position + 1 < len(tokens) and tokens[position + 1].word:
                from_group = True
                position += 1
                continue
            break
        if current.lower in CONNECTORS and position > index and position + 1 < len(tokens):
            # Between a name's words ("Minister of the Interior"), never at the phrase's start: "said in
            # an interview on Tuesday" has no speaker after the cue.
            following = tokens[position + 1]
            if following.capitalised or following.bare in DETERMINERS:
                if last_head is not None and head_before_connector is None:
                    head_before_connector = last_head
                position += 1
                continue
            break
        if bare in DETERMINERS and position > index and tokens[position - 1].lower in CONNECTORS:
            position += 1
            continue
        if bare in FUNCTION_WORDS and not current.capitalised:
            break
        if current.capitalised or current.possessive or bare in _HEAD_NOUNS_AND_TITLES:
            if current.capitalised and bare in FUNCTION_WORDS:
                break
            last_head = position
        elif not determiner and position - (last_head if last_head is not None else index) > 2:
            break  # "project director Neil Ambrose": a few lower-case words may lead to a head
        position += 1
    if (
        head_before_connector is not None
        and last_head is not None
        and last_head + 1 < len(tokens)
        and not tokens[last_head].capitalised
        and tokens[last_head + 1].word
        and not tokens[last_head + 1].capitalised
        and tokens[last_head + 1].bare not in FUNCTION_WORDS
    ):
        # "said a student on a school trip": the complement stopped inside a noun of its own ("school
        # trip"), so it is a description, not part of the name.
        last_head = head_before_connector
    if (
        token.bare == "the"
        and last_head == index + 1
        and last_head + 1 < position
        and tokens[last_head].name_like
        and not tokens[last_head].possessive
        and not tokens[last_head + 1].capitalised
        and tokens[last_head + 1].bare not in FUNCTION_WORDS
        and is_role_word(tokens[last_head + 1].bare, productive=True)
    ):
        last_head += 1  # "said the Limerick fighter": a place, then the role it describes
    adjective = last_head if last_head is not None else index + 1 if determiner else None
    if (
        adjective is not None
        and adjective + 1 < position
        and tokens[adjective].bare in PERSON_ADJECTIVES
        and not tokens[adjective + 1].capitalised
        and is_role_word(tokens[adjective + 1].bare, productive=True)
    ):
        # "said a former carer who ...", "a retired plasterer who": the noun after the adjective that
        # describes a person, however it is formed.
        last_head = adjective + 1
    unlisted = False
    if last_head is None:
        # "said a passenger", "said one shopkeeper, a ...": after "a" or "one", one or two lower-case words
        # that end the phrase name a person whatever the noun, and so do they before "who" ("said a picker
        # who has worked there since 2021").
        phrase_ends = position >= len(tokens) or not tokens[position].word or tokens[position].lower == "who"
        if token.bare in ("a", "an", "one") and phrase_ends and 2 <= position - index <= 3:
            last_head, unlisted = position - 1, True
        elif determiner and _role_before_appositive_name(tokens, index + 1, position):
            last_head, unlisted = position - 1, True
        elif (
            token.bare in GROUP_COUNTS and phrase_ends and _counted_group(tokens[index:position], position - 1 - index)
        ):
            last_head, unlisted = position - 1, True  # "said three householders, who asked not to be named"
        else:
            return None
    phrase = tokens[index : last_head + 1]
    mention = _mention(phrase, determiner)
    if mention is None:
        return None
    if unlisted and mention.kind == "unknown":
        mention.kind = "nominal"
        mention.plural = mention.plural or token.bare in GROUP_COUNTS
    # "said a local councillor, Ibrahim Sallah" or "said Anke Doorn, a spokeswoman".
    after_head = last_head + 1
    if mention.kind == "nominal":
        after_head += _time_of_role(tokens, after_head)  # "the director at the time, Wayne Castellanos"
    if after_head + 1 < len(tokens) and tokens[after_head].text == ",":
        rest = tokens[after_head + 1 :]
        run = []
        for current in rest:
            if current.word and (current.capitalised or current.lower in NAME_PARTICLES):
                run.append(current)
            else:
                break
        ends = after_head + 1 + len(run)
        closes = ends >= len(tokens) or tokens[ends].text in (",", ".", ";", "!", "?")
        if mention.kind in ("nominal", "org", "unknown") and len(run) >= 2 and closes:
            inner = _mention(run, determiner=False)
            if inner is not None and inner.kind in ("person", "unknown"):
                inner.kind = "person"
                inner.role = (mention.name_start, tokens[last_head].end)
                inner.gender = inner.gender or mention.gender
                return inner
        elif mention.kind in ("person", "unknown") and rest and rest[0].lower in ("a", "an", "the"):
            role_end = len(rest)
            for offset, current in enumerate(rest):
                if current.text in (",", ".", ";"):
                    role_end = offset
                    break
            if role_end > 1:
                mention.role = (rest[1].start, rest[role_end - 1].end)
                mention.gender = mention.gender or _gender(rest[:role_end])
                if mention.kind == "unknown":
                    mention.kind = "person"
    return mention


def _role_before_appositive_name(tokens: list[Token], first: int, end: int) -> bool:
    """ "told by the landlord, Gareth Pryce, that": one to three lower-case words after a determiner, then a
    comma and a person's name of two or more words that a comma or a stop closes, make the last word a role,
    though no list of roles holds it ("the landlord", "her neighbour", "the night porter")."""
    words = tokens[first:end]
    if not 1 <= len(words) <= 3 or end + 2 >= len(tokens) or tokens[end].text != ",":
        return False
    if any(not word.text.isalpha() or not word.text.islower() or word.bare in FUNCTION_WORDS for word in words):
        return False
    run = end + 1
    while run < len(tokens) and tokens[run].word and (tokens[run].capitalised or tokens[run].lower in NAME_PARTICLES):
        run += 1
    if run - (end + 1) < 2 or (run < len(tokens) and tokens[run].text not in (",", ".", ";", "!", "?")):
        return False
    name = _mention(tokens[end + 1 : run], determiner=False)
    return name is not None and name.kind == "person"


def _time_of_role(tokens: list[Token], index: int) -> int:
    """How many words at ``index`` say when a role was held, before a comma: "at the time", "then"."""
    words = [token.lower for token in tokens[index : index + 4]]
    if words[:4] == ["at", "the", "time", ","]:
        return 3
    if words[:2] in (["then", ","], ["now", ","]):
        return 1
    return 0


def phrase_to_comma(tokens: list[Token]) -> Mention | None:
    """ "according to the energy regulator, ...": a short phrase up to a comma, when no known head ends it."""
    for index, token in enumerate(tokens[:7]):
        if token.text in (",", "."):
            words = [token for token in tokens[:index] if token.word]
            if not words or words[0].capitalised and words[0].bare in FUNCTION_WORDS:
                return None
            determiner = words[0].bare in DETERMINERS
            opening = words[0].start
            if determiner:
                words = words[1:]
            if not words:
                return None
            mention = _mention(words, determiner, opening)
            if mention is not None and mention.kind == "unknown":
                mention.kind = "org" if determiner else mention.kind
            return mention
    return None


@dataclass(slots=True, init=False)
class Entity:
    """Someone the article names, with every place it is written."""

    name: str
    start: int
    end: int
    kind: str
    tokens: tuple[str, ...]
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    # The gender came from the given name alone ("Lorraine"): a title or a role written later says more.
    gender_from_name: bool = False

    # Written out rather than generated: mypyc compiles this one, and calls it about ten times as fast.
    def __init__(
        self,
        name: str,
        start: int,
        end: int,
        kind: str,
        tokens: tuple[str, ...],
        gender: str | None = None,
        roles: set[str] | None = None,
        gender_from_name: bool = False,
    ) -> None:
        self.name = name
        self.start = start
        self.end = end
        self.kind = kind
        self.tokens = tokens
        self.gender = gender
        self.roles = set() if roles is None else roles
        self.gender_from_name = gender_from_name


# A name written family name first: a one-word family name, then a given name of two syllables joined by a
# hyphen, the second in lower case ("Kim Soo-ah", "Lee Jae-won", "Tsai Ing-wen").
FAMILY_NAME_FIRST = regex.compile(r"\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+-\p{Ll}+")
# Vietnamese names are written family name first, and most have one of these middle names between the
# family name and the given name ("Nguyen Thi Lan", "Tran Van Duc"): "Nguyen said" is that person.
VIETNAMESE_MIDDLE_NAMES: frozenset[str] = frozenset("thi thị van văn".split())


def _vietnamese_order(tokens: tuple[str, ...]) -> bool:
    return len(tokens) == 3 and tokens[1] in VIETNAMESE_MIDDLE_NAMES


# A nickname in quotation marks inside a name: left out of the name the speaker is given.
NICKNAME = regex.compile(r" [\"“'‘][^\"“”'‘’]{1,30}[\"”'’](?= \p{Lu})")
# "St Peter's": a saint's name in the possessive names a place.
SAINTS: frozenset[str] = frozenset("st st. saint ste".split())
NICKNAME_MARKS = frozenset("\"“'‘")


@dataclass(slots=True)
class Registry:
    """The names in an article, for fullest-name, nominal and pronoun resolution."""

    text: str  # with its quotations masked
    original: str
    entities: list[Entity] = field(default_factory=list)
    by_last: dict[str, list[Entity]] = field(default_factory=dict)
    by_words: dict[tuple[str, ...], Entity] = field(default_factory=dict)
    positions: list[int] = field(default_factory=list)
    mentions: list[tuple[int, Entity]] = field(default_factory=list)

    def add(self, start: int, end: int, kind: str, gender: str | None, role: str | None) -> Entity:
        words = tuple(token.bare for token in tokenize(self.text, start, end) if token.word)
        if self.original[end - 2 : end] in ("'s", "’s") and end - start > 2:
            end -= 2  # "Gwen Talbot's mother": the name is "Gwen Talbot"
            if len(words) >= 2 and words[0] in SAINTS and kind in ("person", "unknown"):
                # "vicar of St Peter's", "a nurse at St Mary's": a church, school or hospital named for a
                # saint, not a person "he" or "she" can stand for.
                kind, gender = "org", None
        name = " ".join(self.original[start:end].split())
        if NICKNAME_MARKS.intersection(name):
            name = NICKNAME.sub("", name)  # 'Dwayne "Rocky" Marsh' is Dwayne Marsh
        entity = self.by_words.get(words)
        if entity is None and kind in ("person", "unknown") and words:
            entity = self._named_in_full(words, start)
        if entity is None:
            entity = Entity(name, start, end, kind, words, gender)
            self.entities.append(entity)
            self.by_words[words] = entity
            if words:
                self.by_last.setdefault(words[-1], []).append(entity)
        if gender and (entity.gender is None or entity.gender_from_name):
            entity.gender, entity.gender_from_name = gender, False
        if role:
            written = role.lower().replace("-", " ").replace(".", "").split()
            entity.roles.update(written)
            # "Gov. Catherine Delacroix-Ming" is who "the governor" is.
            entity.roles.update(TITLE_ABBREVIATIONS[word] for word in written if word in TITLE_ABBREVIATIONS)
        if kind in ("person", "org") and entity.kind != kind and (kind == "org" or entity.kind == "unknown"):
            entity.kind = kind
        if entity.gender is None and entity.kind == "person" and entity.tokens:
            # "Lorraine Gallagher-Boyd": with no title or role to say, the given name written first.
            entity.gender = gender_of(entity.tokens[0])
            entity.gender_from_name = entity.gender is not None
        self._remember(start, entity)
        return entity

    def family_name_first(self, word: str, start: int) -> Entity | None:
        """The person last named before ``start`` whose name is written family name first, as Korean
        names are in English copy ("Kim Soo-ah": a hyphenated given name after a one-word family name),
        when ``word`` is that family name: "Kim said", "Ms Park"."""
        found = None
        for entity in self.entities:
            if (
                entity.kind == "person"
                and len(entity.tokens) in (2, 3)
                and entity.tokens[0] == word
                and entity.start < start
                and (found is None or entity.start > found.start)
                and (FAMILY_NAME_FIRST.fullmatch(entity.name) or _vietnamese_order(entity.tokens))
            ):
                found = entity
        return found

    def first_family_name(self, word: str, start: int) -> Entity | None:
        """The person last named before ``start`` in three words whose middle word, not a given name, is
        ``word``: a Spanish or Portuguese name carries two family names, and the first alone stands for
        the person ("Rodrigo Alarcón Vega ... Alarcón said")."""
        found = None
        if word in NAME_PARTICLES or gender_of(word) is not None:
            return None
        for entity in self.entities:
            if (
                entity.kind == "person"
                and len(entity.tokens) == 3
                and entity.tokens[1] == word
                and entity.start < start
                and (found is None or entity.start > found.start)
                and not _vietnamese_order(entity.tokens)
            ):
                found = entity
        return found

    def _named_in_full(self, words: tuple[str, ...], start: int) -> Entity | None:
        """The person named earlier in full whose name ends with these words ("Mr Pellow" after "Geoff
        Pellow"): the one last named, when two share a surname."""
        found = None
        for entity in self.by_last.get(words[-1], ()):
            size = len(entity.tokens)
            if entity.kind == "person" and size > len(words) and entity.tokens[size - len(words) :] == words:
                if entity.start < start and (found is None or entity.start > found.start):
                    found = entity
        if found is None and len(words) == 1:
            found = self.family_name_first(words[0], start) or self.first_family_name(words[0], start)
        if found is None and len(words) == 1 and self.text[max(0, start - 5) : start].rstrip().endswith(KNIGHTED):
            # "Sir Malcolm" after "Sir Malcolm Everett": these titles go with the first name.
            for entity in self.entities:
                if entity.kind == "person" and len(entity.tokens) > 1 and entity.tokens[0] == words[0]:
                    if entity.start < start:
                        found = entity
        return found

    def _remember(self, position: int, entity: Entity) -> None:
        index = bisect_left(self.positions, position)
        if index < len(self.positions) and self.positions[index] == position:
            self.mentions[index] = (position, entity)
            return
        self.positions.insert(index, position)
        self.mentions.insert(index, (position, entity))

    def fullest(self, start: int, end: int, kind: str, gender: str | None = None) -> Entity | None:
        """The entity whose fullest written name ends with, or is, the words at start:end. Of two people
        named in full with the same surname, the one whose gender fits ("Mrs Berg"), then the one named
        last before ``start``; a gender known only from a given name yields to the title ("Mr Cole" after
        "Ashley Cole") when no one else fits."""
        words = tuple(token.bare for token in tokenize(self.text, start, end) if token.word)
        if not words:
            return None
        best = None
        given_name_differs = None
        for entity in self.by_last.get(words[-1], []):
            if entity.tokens == words and best is None:
                best = entity
                continue
            if len(entity.tokens) < len(words) or entity.tokens[-len(words) :] != words:
                continue
            if len(words) == 1 and len(entity.tokens) > 1 and entity.kind != "person":
                continue  # "Iraq" is not "Islamic Resistance in Iraq"
            if kind != "person" and entity.kind == "person" and len(words) > 1:
                continue
            if gender is not None and entity.gender not in (None, gender):
                if entity.gender_from_name and given_name_differs is None:
                    given_name_differs = entity
                continue
            if best is None or len(entity.tokens) > len(best.tokens):
                best = entity
            elif len(entity.tokens) == len(best.tokens) > len(words) and best.start < entity.start < start:
                best = entity
        if best is None and given_name_differs is None and len(words) == 1:
            return self.family_name_first(words[0], start) or self.first_family_name(words[0], start)
        return best or given_name_differs

    def organisation_by_first_word(self, start: int, end: int) -> Entity | None:
        """The organisation named in full before whose first word alone is written at start:end and was
        taken for a mention of it ("Brightwater Energy & Telecom ... Brightwater said")."""
        index = bisect_left(self.positions, start)
        if index >= len(self.positions) or self.positions[index] != start:
            return None
        entity = self.mentions[index][1]
        words = [token.bare for token in tokenize(self.text, start, end) if token.word]
        if entity.kind == "org" and len(words) == 1 and len(entity.tokens) > 1 and entity.tokens[0] == words[0]:
            return entity
        return None

    def unnamed_at(self, position: int) -> Entity | None:
        """The unnamed person whose description opens at ``position``, if one was registered there."""
        index = bisect_left(self.positions, position)
        if index < len(self.positions) and self.positions[index] == position:
            entity = self.mentions[index][1]
            if entity.kind == "unnamed":
                return entity
        return None

    def last_position(self, entity: Entity, before: int) -> int:
        """Where the entity was last mentioned before ``before``."""
        index = bisect_left(self.positions, before) - 1
        while index >= 0:
            if self.mentions[index][1] is entity:
                return self.positions[index]
            index -= 1
        return entity.start

    def nearest(self, position: int, accept: Callable[[Entity], bool]) -> Entity | None:
        index = bisect_left(self.positions, position) - 1
        mentions = self.mentions
        refused: set[int] = set()  # an entity is mentioned many times: ask about it once
        everyone = len(self.entities)
        while index >= 0:
            entity = mentions[index][1]
            key = id(entity)
            if key not in refused:
                if accept(entity):
                    return entity
                refused.add(key)
                if len(refused) >= everyone:
                    return None
            index -= 1
        return None


def _written_with_a_company_head(masked: str, name: str) -> bool:
    """Whether the article writes ``name`` elsewhere followed by a body's word: "Marlow and Finch" is one
    name where "Marlow and Finch Group" is written too."""
    position = masked.find(name + " ")
    while position >= 0:
        following = masked[position + len(name) + 1 :].split(maxsplit=1)
        word = following[0].lower().rstrip(".,;:") if following else ""
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if word in JOINED_NAME_ENDS:
            return True
        position = masked.find(name + " ", position + 1)
    return False


BLANK_LINE = regex.compile(r"\n[ \t\u00a0]*\n")


def _capitalised_runs(masked: str, table: TokenTable) -> list[tuple[int, int]]:
    """(first, last + 1) token indexes of runs of two or more capitalised words, apart only by spaces.
    Worked out from the table's words, without making a Token for each."""
    runs = []
    words, starts, ends = table.words, table.starts, table.ends
    count = len(words)
    facts = table.facts
    # Paragraphs apart by blank lines, or by line breaks when the text has no blank line.
    paragraph_newlines = 2 if BLANK_LINE.search(masked) else 1
    index = 0
    for start in table.capitalised:
        if start < index:
            continue  # inside the run before
        index = start
        last = index
        joined_at = -1
        of_at = -1
        while last + 1 < count and last - index < 9:
            following = words[last + 1]
            if following[0] == "\x00" and last + 2 < count and facts[last + 2][4]:
                gap = masked[ends[last] : starts[last + 2]].replace(following, "")
                if not gap.strip(" \u00a0\"'“”‘’"):
                    last += 2  # a nickname inside a name: Dwayne "Rocky" Marsh
                    continue
            following_facts = facts[last + 1]
            gap = masked[ends[last] : starts[last + 1]]
            if joined_at < 0 and last + 1 < count and following_facts[4] and gap.strip() == "&":
                joined_at = last  # "Marks & Spencer Group": kept only if an organisation's word ends it
                last += 1
                continue
            if not following_facts[0] or gap.strip() or (gap.count("\n") >= paragraph_newlines):
                break  # a name never runs on into the next paragraph: "... into River Lune\n\nFellside Water"
            if (
                following_facts[1] in ("of", "for")
                and facts[last][2] in ORG_WORDS
                and last + 2 < count
                and facts[last + 2][4]
                and facts[last + 2][2] not in FUNCTION_WORDS
                and not masked[ends[last + 1] : starts[last + 2]].strip()
            ):
                last += 2  # "Korea Board of Media": a body's word, then what it is of
                of_at = last
                continue
            if (
                joined_at < 0
                and following_facts[1] == "and"
                and last + 2 < count
                and facts[last + 2][4]
                and not masked[ends[last + 1] : starts[last + 2]].strip()
            ):
                joined_at = last  # "Universities and Colleges Employers Association": likewise
                last += 2
                continue
            if following_facts[4]:
                last += 1
                continue
            # One to three particles before a capitalised word: "Pieter de Jong", "Anouk van der Berg".
            step = 1
            while (
                step <= 3
                and last + step < count
                and facts[last + step][1] in NAME_PARTICLES
                and not masked[ends[last + step - 1] : starts[last + step]].strip()
            ):
                step += 1
            if (
                step > 1
                and last + step < count
                and facts[last + step][4]
                and not masked[ends[last + step - 1] : starts[last + step]].strip()
            ):
                last += step
                continue
            break
        if (
            joined_at >= 0
            and facts[last][2] not in JOINED_NAME_ENDS
            and not 0 <= of_at <= joined_at
            and not _written_with_a_company_head(masked, masked[starts[index] : ends[last]])
        ):
            last = joined_at  # "Britain and France", "Smith and Jones": two names
        if last > index:
            runs.append((index, last + 1))
        index = last + 1
    return runs


def build_registry(masked: str, text: str) -> Registry:
    """Every run of two or more capitalised words outside quotations, split into role and name."""
    registry = Registry(masked, text)
    table = token_table(masked)
    skipped = _NOT_NAME_STARTS
    runs = _capitalised_runs(masked, table)
    for first, last in runs:
        tokens = table.slice(first, last)
        # A sentence-initial function word ("The", "In") is not part of the name; "The" before it says
        # that it is no one's name ("The Northern Ireland Executive's draft budget").
        opening_the = False
        while tokens and tokens[0].bare in skipped:
            opening_the = opening_the or tokens[0].bare == "the"
            tokens = tokens[1:]
        # A role capitalised because it opens the sentence: "Fisherman Iker Zubia has not ...".
        opening_role = []
        if len(tokens) >= 3 and is_role_word(tokens[0].bare) and _opens_sentence(masked, tokens[0].start):
            opening_role, tokens = tokens[:1], tokens[1:]
        if len(tokens) < 2:
            continue
        # A run that modifies a role written after it is not a name: "One Conservative backbencher said".
        following_two = table.slice(last, min(len(table), last + 2))
        if (
            following_two
            and not tokens[-1].possessive
            and following_two[0].word
            and not following_two[0].capitalised
            and masked[tokens[-1].end : following_two[0].start] == " "
            and is_role_word(following_two[0].bare, productive=True)
            and not (len(following_two) > 1 and following_two[1].capitalised)
        ):
            continue
        # Role words written right before the run: "spokesperson Matthew Miller".
        preceding = table.slice(max(0, first - 3), first)
        last_word = next((token for token in reversed(preceding) if token.word), None)
        # Not across a sentence or a quotation: "a trust spokesperson said. “...” Patricia Okonjo-Reeve".
        clause = len(preceding)
        while (
            clause > 0
            and preceding[clause - 1].text not in (".", "!", "?", ";")
            and preceding[clause - 1].text[0] != "\x00"
        ):
            clause -= 1
        role_words = opening_role + [
            token
            for token in preceding[clause:]
            if token.word
            # The word right before the name ends a role phrase however it is formed: "the depot librarian, Ansel Ruiz".
            and is_role_word(token.bare, productive=token is last_word and not token.capitalised)
        ]
        # "that" before a name is the conjunction ("told the jury that Colin Webb had"), not a determiner.
        determiner = opening_the or (
            bool(preceding) and preceding[-1].bare in DETERMINERS and preceding[-1].bare != "that"
        )
        mention = _mention(tokens, determiner=determiner)
        spoken_for = _spoken_for(preceding)
        if spoken_for:
            role_words = []  # the spokesperson's role, not the name's
        company = _company_in_apposition(table, last)
        if mention is not None and company:
            mention.kind = "org"  # "Pellucid Health, a company that stores records": what "the company" means
        elif (
            mention is not None
            and mention.kind in ("person", "unknown")
            and mention.gender is None
            and (company := _organisation_noun_before(table, first))
        ):
            mention.kind = "org"  # "the operator, Caledonian Island Ferries": a name for the operator
        elif (
            mention is not None
            and mention.kind in ("person", "unknown")
            and mention.gender is None
            and not tokens[-1].possessive
            and _employer_before_role(table, last)
        ):
            mention.kind = "org"  # "Dunmore Town manager Niamh Gallagher": the team the manager works for
        elif (
            mention is not None
            and mention.kind in ("person", "unknown")
            and mention.gender is None
            and not tokens[-1].possessive
            and not (preceding and preceding[-1].lower in _PREPOSITIONS)
            and _which_follows(table, last)
        ):
            # "Brightwater Payments, which processes ...": a person is "who". Not after a preposition,
            # where "which" is the earlier noun's: "an interview with Jane Okafor, which aired on Monday".
            mention.kind = "org"
        if mention is None or mention.kind == "nominal":
            continue
        if mention.kind == "unknown":
            mention.kind = "person"
        role_text = " ".join(token.bare for token in tokens if token.start < mention.name_start)
        role_text += " " + " ".join(token.bare for token in role_words)
        # An appositive after the name: "Mohammad Mohie, spokesman of ..." or "Alina Romanowski, US ambassador".
        after = table.slice(last, min(len(table), last + 6))
        # Not "Park Hyun-joo, whose son was killed": a relative clause with "whose" tells of someone else.
        if after and after[0].text == "," and not (len(after) > 1 and after[1].lower in ("whose", "who", "which")):
            described = after[1:2] and after[1].bare in ("a", "an", "the")
            # "Janet Okafor, Mr. Pike's daughter,": the words up to a possessive name the owner, not her.
            owner_end = _owner_end(after)
            for position, token in enumerate(after[1:6], start=1):
                if not token.word:
                    break
                if position <= owner_end:
                    continue
                following = after[position + 1] if position + 1 < len(after) else None
                # With "a" or "the" before it, the word that ends the noun phrase is a role however it
                # is formed: "Greta Lindqvist, a site supervisor at the depot".
                ends_phrase = following is None or not following.word or following.lower in ("of", "at", "for", "in")
                if is_role_word(token.bare, productive=bool(described) and ends_phrase and not token.capitalised):
                    role_text += " " + token.bare
                    mention.gender = mention.gender or _gender([token])

        if mention.kind == "person" and (
            _at_workplace(preceding, tokens) or _street(preceding, tokens) or _from_place(table, first)
        ):
            mention.kind = "org"
        if spoken_for and mention.kind in ("person", "unknown") and mention.gender is None:
            # "A spokesperson for Hallgarth Breweries": a body speaks through one; "the MP for Westmere
            # North": a seat, a place, no one's name.
            mention.kind = "org"
        if (
            mention.kind == "person"
            and tokens[-1].possessive
            and last < len(table)
            and table.slice(last, last + 1)[0].bare in CORPORATE_POSSESSIONS
        ):
            mention.kind = "org"  # "Calder Mutual's chief executive", "Harrow Mutual's board": no person's
        if any(token.possessive and mention.name_start <= token.start for token in tokens[:-1]):
            mention.kind = "org"  # no one's name holds a possessive: "Pellow's Bakery" is a shop
        gender = mention.gender or _gender(role_words)
        if mention.kind == "person":
            gender = gender or _gender(tokens[:-1] if _title_as_surname(tokens) else tokens)
        role_text += " " + company
        registry.add(mention.name_start, mention.name_end, mention.kind, gender, role_text.strip() or None)
    _surname_mentions(registry, table, runs)
    _first_names_in_apposition(registry, table, runs)
    _given_names(registry, table, runs)
    _one_name_after_a_role(registry, table, runs)
    shortened = _organisation_first_words(registry, table, runs)
    _one_word_organisations(registry, table, runs, shortened)
    _unnamed_openings(registry, masked)
    _descriptor_mentions(registry, table)
    return registry


# A sentence that opens with someone described but not named, before where they work, a clause about
# them or a comma: "A former senior manager at the society, who asked not to be named because she ...",
# "A city employee who works at one of the pools". Whether or not a cue follows in the same sentence,
# "she said" after it may stand for them.
UNNAMED_OPENING = regex.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:A\s+|An\s+|(?=One\s))((?:One\s+)?(?:[a-z][\w-]*\s+|\p{Lu}[a-z]+\s+){0,3}?[a-z][\w-]*)"
    r"(?=\s+(?:at|from|with|in|on|(?P<who>who))\b|,|\s+[a-z]{3,}ing\s)",
    regex.MULTILINE,
)
# A person described anywhere, then a relative clause: "a final word from the driver on this morning's
# 7.15, who has worked the route for years". Not after a comma, where it describes someone just named.
DESCRIBED_WHO = regex.compile(
    r"(?<![,(]\s)\b(?:(?P<the>[Tt]he)|[Aa]n?)\s+(?P<described>(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)"
    r"(?P<place>\s+(?:on|at|from|in|with|of)\s+(?:[^,.;!?\x00]|\.(?=\d)){1,60})?,\s+who\s"
)


def _unnamed_openings(registry: Registry, masked: str) -> None:
    for match in UNNAMED_OPENING.finditer(masked):
        words = match.group(1).lower().split()
        head = words[-1]
        # "who" after the noun says it is a person, whatever the noun; otherwise it must be a role.
        if not (is_role_word(head, productive=True) or match.group("who")) or any(
            word in FUNCTION_WORDS for word in words if word != "one"
        ):
            continue
        gender = "m" if not MALE.isdisjoint(words) else ("f" if not FEMALE.isdisjoint(words) else None)
        registry.add(match.start(1), match.end(1), "unnamed", gender, head)
    for match in DESCRIBED_WHO.finditer(masked, overlapped=True):
        words = match.group("described").lower().split()
        head = words[-1]
        if not is_role_word(head, productive=True) or any(word in FUNCTION_WORDS for word in words):
            continue
        if match.group("the") and not match.group("place"):
            continue  # "the diplomat, who ...": someone described before
        if registry.unnamed_at(match.start("described")) is None:
            gender = "m" if not MALE.isdisjoint(words) else ("f" if not FEMALE.isdisjoint(words) else None)
            registry.add(match.start("described"), match.end("described"), "unnamed", gender, head)


AGE_DESCRIPTOR = regex.compile(r"\b[Tt]he\s+(\d+-year-old)\s+([\p{L}-]+)")
NEXT_PRONOUN = regex.compile(r"\b(?:he|she|He|She)\b")


def descriptor_referent(registry: Registry, position: int, noun: str, gender: str | None) -> Entity | None:
    """Who "the 54-year-old electrician" is: the person last named with that role, else the person
    last named whose gender fits."""
    role_holder = registry.nearest(position, lambda entity: entity.kind == "person" and noun in entity.roles)
    if role_holder is not None:
        return role_holder

    def fits(entity: Entity) -> bool:
        return entity.kind == "person" and gender in (None, entity.gender)

    nearest = registry.nearest(position, fits)
    if nearest is not None:
        nearest = _sentence_subject(registry, registry.last_position(nearest, position), fits) or nearest
    if noun == "year-old" or not is_role_word(noun, productive=True):
        # "The 38-year-old plans to ..." with no one named before it in its paragraph: an age with no role
        # is the article's subject, named in its lede.
        paragraph_start = registry.text.rfind("\n", 0, position) + 1
        if nearest is None or registry.last_position(nearest, position) < paragraph_start:
            return _lede_person(registry, position, gender) or nearest
    return nearest


def _sentence_subject(registry: Registry, position: int, fits: Callable[[Entity], bool]) -> Entity | None:
    """The person who opens the sentence that mentions someone at ``position``, when that is someone else:
    "Mulgrew tore into his striker, Asante-Darko. ... the Scot fumed" is about Mulgrew, the subject."""
    text = registry.text
    opening = max(text.rfind(". ", 0, position) + 2, text.rfind("\n", 0, position) + 1, 0)
    index = bisect_left(registry.positions, opening)
    if index >= len(registry.positions) or registry.positions[index] >= position:
        return None
    first_position, first = registry.mentions[index]
    if text[opening:first_position].strip() or not fits(first):
        return None  # the sentence does not open with the person
    return first


def _lede_person(registry: Registry, position: int, gender: str | None) -> Entity | None:
    """The one person the article's opening paragraph names, if their gender fits; with two or more, the
    lede has no single subject."""
    lede_end = registry.text.find("\n")
    if lede_end < 0 or lede_end >= position:
        return None
    named = [entity for entity in registry.entities if entity.kind == "person" and entity.start < lede_end]
    return named[0] if len(named) == 1 and gender in (None, named[0].gender) else None


def _descriptor_mentions(registry: Registry, table: TokenTable) -> None:
    """ "the 54-year-old electrician was careful" outside any attribution is a mention of someone already
    named, so that the "he said" after it finds that person. The gender is the noun's, else that of the
    next "he" or "she" in the paragraph."""
    masked = registry.text
    for match in AGE_DESCRIPTOR.finditer(masked):
        noun = match.group(2)
        if noun[0].isupper():
            if noun.lower() not in DEMONYMS:
                continue
            noun = noun.lower()  # "The 24-year-old Spaniard"
        gender = _gender([Token(noun, match.start(2), match.end(2))])
        if gender is None:
            paragraph_end = masked.find("\n", match.end())
            pronoun = NEXT_PRONOUN.search(masked, match.end(), paragraph_end if paragraph_end >= 0 else len(masked))
            if pronoun is not None:
                gender = "m" if pronoun.group().lower() == "he" else "f"
        entity = descriptor_referent(registry, _participle_clause_start(masked, match.start()), noun, gender)
        if entity is not None:
            registry._remember(match.start(), entity)
            if noun in DEMONYMS:
                entity.roles.add(noun)  # so that "the Spaniard" later finds the same person
            if gender and entity.gender is None:
                entity.gender = gender


def _participle_clause_start(masked: str, position: int) -> int:
    """Where the sentence opens, when it opens with a participle's clause that a comma closes right before
    ``position`` ("Asked about the penalty, awarded when Ollie Brennan handled, the 41-year-old was guarded"):
    whoever that clause names is not the subject after it. Else ``position``."""
    opening = max(masked.rfind(". ", 0, position) + 2, masked.rfind("\n", 0, position) + 1)
    if not masked[opening:position].rstrip().endswith(","):
        return position
    words = masked[opening : opening + 40].split(maxsplit=2)
    if (
        len(words) == 3
        and words[0].isalpha()
        and words[0][:1].isupper()
        and len(words[0]) > 4
        and words[0].lower().endswith(("ed", "ing"))
        and words[1][:1].islower()
    ):
        return opening
    return position


def _opens_sentence(masked: str, position: int) -> bool:
    before = masked[max(0, position - 3) : position].rstrip(" \u00a0\"“‘'")
    return not before or before[-1] in ".!?\n"


def _from_place(table: TokenTable, first: int) -> bool:
    """ "an officer from Tamil Nadu", "..., a civil servant from Kerala": a name after "from" that follows a
    person's description (a role noun, or an appositive opened by a comma and "a" or "an") is where the person
    comes from."""
    preceding = table.slice(max(0, first - 7), first)
    if len(preceding) < 3 or preceding[-1].lower != "from" or not preceding[-2].text.islower():
        return False
    if is_role_word(preceding[-2].bare):
        return True
    for index in range(len(preceding) - 2, 0, -1):
        token = preceding[index]
        if not token.word:
            return False
        if token.bare in ("a", "an"):
            return preceding[index - 1].text == ","
    return False


def _at_workplace(preceding: list[Token], name: list[Token]) -> bool:
    """ "at Halden Research", "for the weekly Screen Notes": the preposition, a determiner and up to two
    lower-case describing words, none of them a role, before a run with no title and no known first name."""
    words = [token for token in preceding if token.word]
    if not words or name[0].bare in _FIRST_NAMES or name[0].bare in TITLES:
        return False
    if words[-1].lower in PLACE_PREPOSITIONS:
        return True  # "at Halden Research", "lived in Pine Hollow", "near Saint-Emilion"
    if len(words) >= 2 and words[-1].lower == "of" and words[-2].bare in PLACE_NOUNS:
        return True  # "the town of Pine Hollow"
    index = len(words) - 1
    while index >= 0 and words[index].bare not in DETERMINERS:
        token = words[index]
        if token.capitalised or token.bare in PERSON_ADJECTIVES or is_role_word(token.bare):
            return False
        index -= 1
    if index < 1 or len(words) - 1 - index > 2 or words[index].bare not in ("the", "a", "an"):
        return False
    return words[index - 1].lower in WORKPLACE_PREPOSITIONS


def _owner_end(after: list[Token]) -> int:
    """The index of a possessive word in an appositive ("Mr. Pike's daughter") that the role after it
    belongs to, within its first five words; 0 when there is none."""
    for position, token in enumerate(after[1:6], start=1):
        if not token.word:
            return 0
        if token.possessive:
            return position if position + 1 < len(after) and after[position + 1].word else 0
    return 0


def _spoken_for(preceding: list[Token]) -> bool:
    """Whether "a spokesperson for" (or "spokesman", "spokeswoman") is written right before a name, or a
    role held for a place or a portfolio: "the MP for Westmere North", "the minister for Northern Ireland"."""
    words = [token for token in preceding if token.word]
    return len(words) >= 2 and words[-1].lower == "for" and words[-2].bare in SPOKEN_FOR_ROLES


def _which_follows(table: TokenTable, last: int) -> bool:
    """Whether a comma and "which" follow the name ending before token ``last``."""
    after = table.slice(last, min(len(table), last + 2))
    return len(after) == 2 and after[0].text == "," and after[1].text == "which"


def _company_in_apposition(table: TokenTable, last: int) -> str:
    """The organisation noun that heads an appositive right after a name ("Pellucid Health, a company that
    ...", "Calder, the Leeds-based lender,", "Calder Mutual, the Yorkshire building society with ..."), else
    an empty string. A noun that modifies another ("a union official") or owns one ("the charity's
    director") describes a person."""
    after = table.slice(last, min(len(table), last + 7))
    if len(after) < 3 or after[0].text != "," or after[1].bare not in ("a", "an", "the"):
        return ""
    for position in range(2, len(after)):
        token = after[position]
        if not token.word or token.possessive:
            return ""
        if token.capitalised:
            continue  # a place before the noun: "the Yorkshire building society"
        if token.lower in HEAD_FOLLOWERS or (is_role_word(token.bare) and token.bare not in APPOSITIVE_ORG_NOUNS):
            return ""  # the phrase's head came first: "a senior auditor at the agency" is a person
        if token.bare in APPOSITIVE_ORG_NOUNS:
            following = after[position + 1] if position + 1 < len(after) else None
            if following is None or not following.word or following.lower in HEAD_FOLLOWERS:
                return token.bare
            if token.bare not in COMPANY_NOUNS:
                return ""
    return ""


def _employer_before_role(table: TokenTable, last: int) -> bool:
    """Whether the run ending before token ``last`` is followed by one to three lower-case words ending in a
    role and then a capitalised name ("Dunmore Town manager Niamh Gallagher", "Harvest Table chief
    executive Priya Venkataraman"): the run names where that person works."""
    after = table.slice(last, min(len(table), last + 4))
    for position, token in enumerate(after):
        if not token.word:
            return False
        if token.capitalised:
            return position > 0 and is_role_word(after[position - 1].bare)
    return False


APPOSITION_DETERMINERS = frozenset("the a an its their".split())


def _organisation_noun_before(table: TokenTable, first: int) -> str:
    """The organisation noun that heads a phrase set off by a comma right before the name starting at token
    ``first`` ("the operator, Caledonian Island Ferries", "The grid operator for the region, Central
    Islands Power"), else an empty string: the name is then an organisation's."""
    before = table.slice(max(0, first - 9), first)
    if len(before) < 3 or before[-1].text != ",":
        return ""
    head = len(before) - 2
    for position in range(len(before) - 2, 0, -1):
        token = before[position]
        if not token.word:
            break  # the clause opens after a full stop or a comma
        if token.lower in ("for", "of", "in", "on"):
            head = position - 1  # the phrase's head comes before its complement
            break
    noun = before[head]
    if not noun.word or noun.capitalised or noun.possessive or noun.bare not in APPOSITIVE_ORG_NOUNS:
        return ""
    for position in range(head - 1, max(-1, head - 4), -1):
        token = before[position]
        if token.bare in APPOSITION_DETERMINERS:
            return noun.bare
        if not token.word or token.possessive:
            return ""
    return ""


def _street(preceding: list[Token], name: list[Token]) -> bool:
    """ "on Mill Lane", "Clifton Park Road", "Tower Bridge Road": a run ending in a street word with no title
    and no known first name; a word that is also a surname counts only after on, in, at, along and the like."""
    last = name[-1].bare
    if last not in STREET_WORDS or name[0].bare in _FIRST_NAMES or name[0].bare in TITLES:
        return False
    if last not in SURNAME_STREET_WORDS:
        return True
    words = [token for token in preceding if token.word]
    return bool(words) and words[-1].lower in STREET_PREPOSITIONS


def _surname_mentions(registry: Registry, table: TokenTable, runs: list[tuple[int, int]]) -> None:
    """A person named in full is then written by surname alone ("Asante, who has scored nine times"):
    each such word is a mention too, so that "he" and "the 24-year-old" find the person last written."""
    in_runs = {index for first, last in runs for index in range(first, last)}
    starts, by_last = table.starts, registry.by_last
    all_facts = table.facts
    for index in table.capitalised:
        facts = all_facts[index]
        if facts[2] not in by_last or index in in_runs:
            continue
        people = [entity for entity in by_last[facts[2]] if entity.kind == "person"]
        if len(people) == 1 and len(people[0].tokens) > 1 and starts[index] > people[0].start:
            registry._remember(starts[index], people[0])


def _first_names_in_apposition(registry: Registry, table: TokenTable, runs: list[tuple[int, int]]) -> None:
    """A single capitalised word set off by commas after a role ("His wife, Maureen, who runs the shop",
    "The couple's son, Tom, works") is a person named by first name, with that role and its gender."""
    in_runs = {index for first, last in runs for index in range(first, last)}
    words, starts, ends = table.words, table.starts, table.ends
    all_facts = table.facts
    for index in table.capitalised:
        if index < 2 or index + 1 >= len(words) or index in in_runs or words[index - 1] != ",":
            continue
        facts, role = all_facts[index], all_facts[index - 2]
        if words[index + 1] not in (",", ".") or not facts[6] or facts[3] or facts[2] in registry.by_last:
            continue
        if role[4] or not is_role_word(role[2]) or role[2] in PLURAL_PERSON_NOUNS:
            continue
        role_token = Token(words[index - 2], starts[index - 2], ends[index - 2])
        registry.add(starts[index], ends[index], "person", _gender([role_token]), role[2])


def _one_name_after_a_role(registry: Registry, table: TokenTable, runs: list[tuple[int, int]]) -> None:
    """A single capitalised word right after a lower-case role and before a comma ("Brazilian winger
    Zezinho, who set up the chance, was blunt") is a person known by one name, with that role."""
    in_runs = {index for first, last in runs for index in range(first, last)}
    words, starts, ends = table.words, table.starts, table.ends
    all_facts = table.facts
    for index in table.capitalised:
        if index < 1 or index + 1 >= len(words) or index in in_runs or words[index + 1] != ",":
            continue
        facts, role = all_facts[index], all_facts[index - 1]
        if not facts[6] or facts[3] or facts[2] in registry.by_last or facts[2] in NAME_PARTICLES:
            continue
        if role[4] or not role[0] or role[2] not in MORE_ROLES and role[2] not in TITLES:
            continue
        if role[2] in PLURAL_PERSON_NOUNS or _apart(table, index - 1, index):
            continue
        role_token = Token(words[index - 1], starts[index - 1], ends[index - 1])
        registry.add(starts[index], ends[index], "person", _gender([role_token]), role[2])


def _apart(table: TokenTable, first: int, second: int) -> bool:
    """Whether anything but one space parts two tokens."""
    return table.starts[second] - table.ends[first] != 1


# Words that say the next name is the only one a speaker gave: "gave her name only as Zara", "identified
# only as Sam", "asked to be identified by her first name, Amira".
NAME_GIVING_WORDS = frozenset("name identified".split())


def _given_names(registry: Registry, table: TokenTable, runs: list[tuple[int, int]]) -> None:
    """A single capitalised word after "as" or a comma that ends "gave her name (only) as" or "identified
    (only by her first name)" is a person, with the gender of the "her" or "his" before it."""
    in_runs = {index for first, last in runs for index in range(first, last)}
    words, starts, ends = table.words, table.starts, table.ends
    all_facts = table.facts
    for index in table.capitalised:
        if index < 2 or index in in_runs or words[index - 1] not in ("as", ","):
            continue
        facts = all_facts[index]
        if not facts[6] or facts[3] or facts[2] in registry.by_last:
            continue
        window = []
        for earlier in range(index - 2, max(-1, index - 9), -1):
            if not all_facts[earlier][0]:
                break  # not across punctuation or a quotation
            window.append(all_facts[earlier][1])
        if NAME_GIVING_WORDS.isdisjoint(window):
            continue
        gender = "f" if "her" in window else "m" if "his" in window else None
        registry.add(starts[index], ends[index], "person", gender, None)


_FIRST_WORD_VERBS = frozenset(
    "has had have is was are were will would could can should may might did does said says told added".split()
)


CUE_VERBS_AFTER_COMMA = frozenset("said says told added adds".split())


def _organisation_first_words(registry: Registry, table: TokenTable, runs: list[tuple[int, int]]) -> set[int]:
    """An organisation named in full is then written by its first word alone, as a sentence's subject
    or an owner ("Brightwater Payments, which ..." then "Brightwater has had problems before",
    "Brightwater's chief technology officer"): each such word is a mention of it."""
    in_runs = {index for first, last in runs for index in range(first, last)}
    starts = table.starts
    all_facts = table.facts
    taken: set[int] = set()
    first_words: dict[str, list[Entity]] = {}
    for entity in registry.entities:
        if entity.kind == "org" and len(entity.tokens) >= 2:
            first_words.setdefault(entity.tokens[0], []).append(entity)
    if not first_words:
        return taken
    for index in table.capitalised:
        facts = all_facts[index]
        bare = facts[2]
        if index in in_runs or bare not in first_words or bare in _NOT_NAME_STARTS or bare in DEMONYMS:
            continue
        named = [entity for entity in first_words[bare] if entity.start < starts[index]]
        if len(named) != 1:
            continue
        # As an owner, or as a sentence's subject before its verb ("Brightwater has had"); not as a
        # modifier opening a sentence ("Northern towns were hit").
        following = all_facts[index + 1][1] if index + 1 < len(all_facts) else ""
        verb_next = following in _FIRST_WORD_VERBS or following.endswith("ed")
        # Or as the subject of a cue after a comma: "..., Brightwater said".
        after_comma = index > 0 and following in CUE_VERBS_AFTER_COMMA and table.words[index - 1] == ","
        if not (facts[3] or after_comma or (verb_next and _opens_sentence(registry.text, starts[index]))):
            continue
        registry._remember(starts[index], named[0])
        taken.add(index)
    return taken


def _one_word_organisations(
    registry: Registry, table: TokenTable, runs: list[tuple[int, int]], shortened: set[int]
) -> None:
    """A single capitalised word that a company noun introduces ("the scooter maker Voltra") or that owns
    what companies own ("Voltra's shares") is an organisation, so that "the company said" finds it."""
    in_runs = {index for first, last in runs for index in range(first, last)}
    words, starts, ends = table.words, table.starts, table.ends
    all_facts = table.facts
    for index in table.capitalised:
        facts = all_facts[index]
        if index in in_runs or index in shortened or index == 0 or facts[2] in FUNCTION_WORDS:
            continue
        if facts[2] in registry.by_last:
            continue
        descriptor = all_facts[index - 1]
        introduced = descriptor[2] in ORG_DESCRIPTORS and not descriptor[4]
        owned = facts[3] and index + 1 < len(words) and all_facts[index + 1][2] in CORPORATE_POSSESSIONS
        if introduced or owned:
            end = ends[index] - (2 if facts[3] else 0)
            registry.add(starts[index], end, "org", None, descriptor[2] if introduced else None)
