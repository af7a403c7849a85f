"""The extractor on the constructions held-out batch 16 brought up (English)."""

from __future__ import annotations

from drafts import speakers


def test_the_first_of_two_family_names_alone_is_the_person_named_in_full():
    text = (
        "The union's leader, Lucía Ferreira Paz, spoke outside the plant. "
        '"We are not going anywhere," Ferreira said. "Not this week."'
    )
    assert [(kind, speaker) for kind, _, speaker in speakers(text)] == [
        ("quote", "Lucía Ferreira Paz"),
        ("quote", "Lucía Ferreira Paz"),
    ]


def test_a_name_after_an_organisation_noun_and_a_comma_is_an_organisation_not_he():
    text = (
        "Ivo Marsh skippered the launch for thirty years and often argued with the operator, Skerrin Bay Launches. "
        'In an interview with the Skerrin Herald in 2001, he said: "The tide decides."'
    )
    assert speakers(text) == [("quote", "The tide decides.", "Ivo Marsh")]


def test_the_company_is_the_business_named_before_not_a_union_nor_a_newspaper():
    text = (
        "Carnford Haulage, which serves the port, lost its drivers to a strike on Monday. The Carnford Drivers' Union "
        "said pay had fallen behind. The union said talks had failed. "
        "The company said it regretted the strike."
    )
    assert speakers(text)[-1] == ("paraphrase", "it regretted the strike", "Carnford Haulage")
    text = (
        "The ferry's owner, the operator, Varrow Sound Crossings, cut two sailings. Speaking to the Varrow Post, "
        "a deckhand said crews were tired. The company said the timetable would return in May."
    )
    assert speakers(text)[-1] == ("paraphrase", "the timetable would return in May", "Varrow Sound Crossings")


def test_title_case_words_after_calling_are_a_name_but_a_description_is_a_fragment():
    text = (
        'The council has started what it is calling "Clean Streets Week". '
        'The mayor criticised what the contractor called "a minor delay".'
    )
    assert [(kind, quote) for kind, quote, _ in speakers(text) if kind == "quote"] == [("quote", "a minor delay")]


def test_an_age_after_an_opening_participle_clause_is_not_someone_that_clause_names():
    text = (
        '"We were lucky," said coach Ewan Tolley. Pressed on the injury to his striker, Callum Rees, before the '
        'break, the 52-year-old shrugged. "It happens," he said.'
    )
    assert [speaker for _, _, speaker in speakers(text)] == ["Ewan Tolley", "Ewan Tolley"]


def test_he_later_in_the_sentence_whose_speaker_reports_someone_named_is_that_speaker():
    text = (
        "The head teacher, Owen Pask, said the pupils had read more this year. He added that Robin Hale had read "
        'every book in the library, which he said showed "a rare appetite".'
    )
    assert [speaker for _, _, speaker in speakers(text)] == ["Owen Pask", "Owen Pask", "Owen Pask"]


def test_a_description_after_marked_is_a_fragment_but_a_capitalised_label_is_not_speech():
    text = 'The head of research said the deal marked "a new chapter for the port". A crate marked "Fragile" fell.'
    assert [(kind, quote) for kind, quote, _ in speakers(text) if kind == "quote"] == [
        ("quote", "a new chapter for the port")
    ]


def test_comma_and_a_second_cue_ends_the_first_reported_clause():
    text = "The minister said talks would resume on Monday, and warned that the strike could last for weeks."
    assert speakers(text) == [
        ("paraphrase", "talks would resume on Monday", "minister"),
        ("paraphrase", "the strike could last for weeks", "minister"),
    ]


def test_quoted_words_told_by_someone_named_after_by_are_theirs():
    text = (
        "Two drivers said they had been told by the depot manager at the time, Keith Amory, that the brakes were "
        '"perfectly safe".'
    )
    assert speakers(text)[-1] == ("quote", "perfectly safe", "Keith Amory")
    text = 'The tenants said they were told by the site manager, Avril Stenson, that repairs were "in hand".'
    assert speakers(text)[-1] == ("quote", "in hand", "Avril Stenson")


def test_a_straight_single_mark_opening_a_new_quotation_closes_the_one_before_at_a_word():
    text = (
        "Fans waved flags reading 'Champions' on the terrace, and the captain wrote that evening: "
        "'Best night of my life. Thank you.'"
    )
    assert [quote for kind, quote, _ in speakers(text) if kind == "quote"] == ["Best night of my life. Thank you."]


def test_a_name_before_a_role_and_a_person_is_where_that_person_works():
    text = (
        "Harnley Town manager Bridget Oyelowo was sacked on Monday after the club lost at Caversham, which "
        "sits bottom. Harnley's board met on Sunday night. The club said a caretaker would take charge."
    )
    assert speakers(text)[-1] == ("paraphrase", "a caretaker would take charge", "Harnley Town")
