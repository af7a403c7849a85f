"""Given names tell "he" and "she" whom they stand for: the census lists and the names common elsewhere,
the bar for a name given to both sexes, and what a pronoun may and may not resolve to."""

from __future__ import annotations

import pytest

from bench.eval_extract import DEV_SET, load, same_speaker
from service.extract import extract, given_names
from service.extract.given_names import DOMINANCE, ONE_LIST_SHARE, census_genders, gender_of
from service.extract.speakers import build_registry


def _speakers(text: str) -> list[tuple[str, str | None]]:
    """(quotation, speaker) of each direct quotation, leaving out the reported speech."""
    return [
        (draft.quote, draft.speaker.name if draft.speaker else None) for draft in extract(text) if draft.kind == "quote"
    ]


def test_the_census_lists_come_from_the_pinned_package():
    # names 0.3.0 ships the 1990 census lists: 1,219 men's names and 4,275 women's, most frequent first.
    men, women = given_names._shares("dist.male.first"), given_names._shares("dist.female.first")
    assert (len(men), len(women)) == (1219, 4275)
    assert next(iter(men)) == "james" and next(iter(women)) == "mary"
    assert men["james"] == pytest.approx(3.318)


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("lorraine", "f"),  # census, women's list only
        ("gregory", "m"),  # census, in both lists, 441 to 1
        ("jerry", "m"),  # census, 39 to 1
        ("caoimhe", "f"),  # Irish
        ("bethan", "f"),  # Welsh
        ("tomasz", "m"),  # Polish
        ("oksana", "f"),  # Ukrainian
        ("kofi", "m"),  # Akan
        ("chioma", "f"),  # Igbo
        ("sanjay", "m"),  # Indian
        ("keiko", "f"),  # Japanese
        ("zeynep", "f"),  # Turkish
        ("youssef", "m"),  # Arabic
        ("siobhán", "f"),  # looked up without its mark
        ("paweł", "m"),  # and with a letter Unicode does not decompose
    ],
)
def test_a_given_name_tells_its_gender(name, gender):
    assert gender_of(name) == gender


@pytest.mark.parametrize(
    "name",
    [
        "kelly",  # census, 4.5 to 1 for women
        "jordan",  # 4.7 to 1 for men
        "robin",
        "lee",
        "andrea",  # a woman in the census, a man in Italy
        "jean",  # and in France
        "michal",  # a man in Poland, a woman in Israel
        "wei",  # given to both sexes in China
        "ming",  # a rare census entry, below ONE_LIST_SHARE
        "in",  # a census entry that is a word
        "ren",  # in neither source
        "lindqvist",
    ],
)
def test_a_name_of_either_sex_or_of_neither_source_has_no_gender(name):
    assert gender_of(name) is None


def test_a_name_in_both_lists_needs_one_sex_to_dominate():
    men = {"even": 0.5, "nine": 0.9, "rare": 0.002}
    women = {"even": 0.1, "nine": 0.1, "common": ONE_LIST_SHARE}
    genders = census_genders(men, women)
    assert DOMINANCE * 0.1 <= 0.9 and 0.5 < DOMINANCE * 0.1
    assert genders == {"nine": "m", "common": "f"}  # "rare": in one list, and too rare to prove anything


@pytest.mark.parametrize("article", ["alternate", "world", "unknown-falls-back"])
def test_the_development_articles_alternate_he_and_she(article):
    (document,) = [item for item in load(DEV_SET) if item.id == f"gender-given-names-{article}"]
    found = {draft.quote: draft.speaker.name if draft.speaker else None for draft in extract(document.text)}
    for gold in document.quotes:
        assert same_speaker(found[gold.quote], gold.speaker), (gold.quote, found[gold.quote], gold.speaker)


def test_she_skips_the_man_named_after_her_and_he_the_woman():
    text = (
        'Aoife Brennan said Dariusz Nowak had not answered her letters. "I wrote four times," she said.\n\n'
        'Nowak said Brennan had been sent a reply in May. "It went to the address we were given," he said.'
    )
    assert _speakers(text) == [
        ("I wrote four times", "Aoife Brennan"),
        ("It went to the address we were given", "Dariusz Nowak"),
    ]


@pytest.mark.parametrize("pronoun", ["he", "she"])
@pytest.mark.parametrize("given", ["Jordan", "Andrea", "Ren"])
def test_a_name_of_unknown_gender_takes_either_pronoun_as_before(pronoun, given):
    text = f'{given} Pike, who runs the stall, said trade was slow. "It has been quiet since June," {pronoun} said.'
    assert _speakers(text) == [("It has been quiet since June", f"{given} Pike")]


def test_an_unknown_name_does_not_take_the_gender_of_a_known_one_beside_it():
    # Kelly is no one's: the pronoun goes to the nearest person, as without the lists.
    text = 'Gregory Hale said Kelly Marsh had run the stall for years. "Nobody works harder," she said.'
    assert _speakers(text) == [("Nobody works harder", "Kelly Marsh")]


def test_a_title_or_a_role_outweighs_the_given_name():
    # Ashley is a woman's name in the census; "Mr" and "spokesman" say otherwise.
    text = (
        "Ashley Cole, a defender, missed the match with a knee injury. Mr Cole said he hoped to play on Sunday. "
        '"The knee is getting stronger," he said.\n\n'
        "Spokesman Ashley Grant said the ground would reopen. Maria Lenz said it would not. "
        '"The stand is still closed," he said.'
    )
    assert _speakers(text) == [
        ("The knee is getting stronger", "Ashley Cole"),
        ("The stand is still closed", "Ashley Grant"),
    ]


def test_a_surname_with_a_title_finds_the_person_whose_given_name_said_otherwise():
    text = "Ashley Cole runs the farm. Cole said little."
    registry = build_registry(text, text)
    surname = text.index("Cole said")
    (ashley,) = registry.entities
    assert (ashley.name, ashley.gender, ashley.gender_from_name) == ("Ashley Cole", "f", True)
    # "Mr Cole": no one else fits a man, so the name written in full is still his.
    assert registry.fullest(surname, surname + 4, "person", "m") is ashley
    assert registry.fullest(surname, surname + 4, "person", "f") is ashley


def test_he_and_she_never_stand_for_an_organisation_or_a_group():
    text = (
        'Maria Lenz said the Carrow Housing Association had raised rents twice. "We were not consulted," she said.\n\n'
        'Tenants said the repairs had stopped. "Nothing has been fixed since March," she said.'
    )
    assert _speakers(text) == [
        ("We were not consulted", "Maria Lenz"),
        ("Nothing has been fixed since March", "Maria Lenz"),
    ]


def test_they_may_stand_for_a_group():
    text = 'Health officials in Marlow said the clinic would close. "We have no choice," they said.'
    assert _speakers(text) == [("We have no choice", "Health officials in Marlow")]
