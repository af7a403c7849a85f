"""The extractor on the constructions held-out batch 19 brought up (English)."""

from __future__ import annotations

from drafts import speakers


def test_a_body_named_with_and_that_ends_in_executive_is_one_organisation():
    text = (
        "According to the Ports and Harbours Executive, slips account for half of injuries. "
        "The Marine Safety and Standards Executive said it had sent two inspectors. "
        "The Mine Health and Safety Executive said it would visit."
    )
    assert speakers(text) == [
        ("paraphrase", "slips account for half of injuries", "Ports and Harbours Executive"),
        ("paraphrase", "it had sent two inspectors", "Marine Safety and Standards Executive"),
        ("paraphrase", "it would visit", "Mine Health and Safety Executive"),
    ]


def test_a_title_joined_by_and_to_chief_executive_is_not_an_organisation():
    text = "Mr Lee, the Chairman and Chief Executive, said it was fine."
    assert speakers(text) == [("paraphrase", "it was fine", "Lee")]


def test_the_town_a_wire_dateline_names_is_not_the_company_an_article_is_about():
    text = (
        "PORT HADLEY, March 3 (Northline News) - The mill in Port Hadley will close, the last in Port Hadley.\n\n"
        "Ostrander Pulp and Board said demand had fallen.\n\n"
        '"We looked at every option," the company said.'
    )
    assert speakers(text)[-1] == ("quote", "We looked at every option", "Ostrander Pulp and Board")


def test_the_statement_is_by_whoever_spoke_in_the_nearer_statement_not_an_earlier_letter():
    text = (
        "Families were sent a letter from the head teacher last week.\n\n"
        "In a statement, the Larchfield Schools Trust said it was looking for a cheaper pool.\n\n"
        '"No child will leave our schools unable to swim," the statement said.'
    )
    speaker = "Larchfield Schools Trust"
    assert speakers(text)[-1] == ("quote", "No child will leave our schools unable to swim", speaker)


def test_a_quoted_word_and_the_clause_around_it_share_the_speaker_of_their_one_subject():
    text = (
        "Harriet Calloway said the players were ready.\n\n"
        "Calloway confirmed that violinist Rosa Marchetti would miss the tour. "
        "She said the violinist was “heartbroken” and had been told to rest."
    )
    assert [speaker for _, _, speaker in speakers(text)][-2:] == ["Harriet Calloway", "Harriet Calloway"]


def test_said_about_a_share_of_people_opens_what_was_said():
    text = (
        "Dermot Akinyemi said about one in five apprentices left within a year. "
        "Lena Vasquez said about half the firms had struggled. Tom Hale said about the plan that he had doubts."
    )
    assert speakers(text)[:2] == [
        ("paraphrase", "about one in five apprentices left within a year", "Dermot Akinyemi"),
        ("paraphrase", "about half the firms had struggled", "Lena Vasquez"),
    ]


def test_someone_at_a_body_whose_name_holds_of_or_for_is_the_speaker():
    text = (
        "A seabird ecologist at the Carrow Institute for Coastal Studies who has surveyed the island said the rats "
        "had gone. A virologist at the Westbrook Institute of Marine Science said the samples were clean."
    )
    assert speakers(text) == [
        ("paraphrase", "the rats had gone", "seabird ecologist"),
        ("paraphrase", "the samples were clean", "virologist"),
    ]
