"""The extractor on the constructions held-out batch 17 brought up (English)."""

from __future__ import annotations

from drafts import speakers


def test_a_trailing_cue_then_though_or_although_keeps_the_clause_before_the_cue():
    text = (
        "Evening buses will stay hourly, the council added, although some routes may change in May. "
        "The school will reopen on Monday, the head teacher said, though the gym will stay shut."
    )
    assert speakers(text) == [
        ("paraphrase", "Evening buses will stay hourly", "council"),
        ("paraphrase", "The school will reopen on Monday", "head teacher"),
    ]


def test_an_unnamed_person_after_an_inverted_cue_before_who_is_the_speaker():
    text = (
        '"I drive round four times," said a porter who has worked there since 2015. "I am late every day." '
        '"The bus is always full," said one midwife who works nights.'
    )
    assert speakers(text) == [
        ("quote", "I drive round four times", "porter"),
        ("quote", "I am late every day.", "porter"),
        ("quote", "The bus is always full", "one midwife"),
    ]


def test_according_to_a_statement_from_someone_is_the_statements_author_by_the_name_given_to_it():
    text = (
        "About 300 homes lost power, according to a statement from the operator, Fenmoor Grid. "
        "The fault was in a substation, according to a report by the county fire service."
    )
    assert speakers(text) == [
        ("paraphrase", "About 300 homes lost power", "Fenmoor Grid"),
        ("paraphrase", "The fault was in a substation", "county fire service"),
    ]


def test_an_organisation_accused_of_doing_something_keeps_its_own_name_after():
    text = "Tenants accused the council of neglecting repairs. The council denied that repairs had been neglected."
    assert speakers(text)[-1] == ("paraphrase", "repairs had been neglected", "council")


def test_according_to_a_study_published_on_a_day_is_the_study_without_the_day():
    text = (
        "Cyclists take fewer sick days, according to a study published Tuesday. "
        "The gap was widest among older workers, according to a report released last week."
    )
    assert [speaker for _, _, speaker in speakers(text)] == ["study", "report"]


def test_a_lower_case_quotation_after_under_is_a_fragment_but_a_capitalised_one_is_a_name():
    text = 'The nurse said staff had worked under "constant strain" for months. The shop trades under "Crumb and Co".'
    assert [(kind, quote) for kind, quote, _ in speakers(text) if kind == "quote"] == [("quote", "constant strain")]


def test_teams_and_crews_are_groups_of_people_that_speak():
    text = "Fire crews said the blaze was out. Mountain rescue teams say the walkers are safe."
    assert [speaker for _, _, speaker in speakers(text)] == ["Fire crews", "Mountain rescue teams"]


def test_said_a_and_that_b_is_one_reported_clause_unless_a_quotation_closes_a():
    text = (
        "The head said the roof had been patched twice, and that the council would pay for a repair. "
        'A spokesman said the damage had been "worse than expected", and that work would start on Thursday.'
    )
    assert [quote for kind, quote, _ in speakers(text) if kind == "paraphrase"] == [
        "the roof had been patched twice, and that the council would pay for a repair",
        'the damage had been "worse than expected"',
        "work would start on Thursday",
    ]


def test_an_appositive_of_a_plain_noun_and_a_given_name_names_the_role_before_it():
    text = "The club's treasurer, retired locksmith Gordon Pelham, said donations had doubled."
    assert speakers(text) == [("paraphrase", "donations had doubled", "Gordon Pelham")]


def test_a_short_opening_phrase_of_place_does_not_make_the_subject_with_its_relative_clause_an_appositive():
    text = (
        "Outside court, Inspector Helen Maddox of the Fraud Team, which brought the case, said the families "
        "had saved for years."
    )
    assert speakers(text) == [("paraphrase", "the families had saved for years", "Helen Maddox")]


def test_a_closing_which_clause_with_could_or_would_is_part_of_what_was_said():
    text = (
        "The researcher said the pupils knew which group they were in, which could have shaped their answers. "
        "The mayor said the road would close, which angered residents."
    )
    assert [quote for _, quote, _ in speakers(text)] == [
        "the pupils knew which group they were in, which could have shaped their answers",
        "the road would close",
    ]


def test_a_school_district_is_an_organisation_its_spokesperson_speaks_for():
    text = "A spokeswoman for the Valmont County school district said the district was reviewing the study."
    assert speakers(text) == [("paraphrase", "the district was reviewing the study", "Valmont County school district")]


def test_a_title_case_quotation_after_a_work_and_a_comma_is_its_title():
    text = 'Ines Roth has written a book for parents, "The Tired Generation," drawing on her research.'
    assert [kind for kind, _, _ in speakers(text)] == []


def test_a_bare_organisation_noun_in_a_heading_is_the_body_the_next_paragraph_names():
    text = (
        "Live updates\n\n08:40 Schools ‘ready to reopen’, says council\n\n"
        "Marsford District Council has written to parents. The letter reads:\n\n"
        '"All schools will open on Monday."'
    )
    assert [speaker for _, _, speaker in speakers(text)] == ["Marsford District Council"] * 2


def test_a_one_word_lower_case_quotation_after_a_possessive_is_a_term_not_speech():
    text = 'The workers said pickers who fell behind their "rate" received warnings.'
    assert [kind for kind, _, _ in speakers(text)] == ["paraphrase"]


def test_according_to_after_a_lead_left_open_by_a_conjunction_reports_the_clause_after_it():
    text = "That is when, according to six employees, supervisors push pickers to hit their targets."
    assert speakers(text) == [("paraphrase", "supervisors push pickers to hit their targets", "six employees")]


def test_a_role_at_a_body_whose_name_holds_and_is_the_role_not_a_person():
    text = "An official at the state Department of Labor and Industry confirmed that an inspection had begun."
    assert speakers(text) == [("paraphrase", "an inspection had begun", "official")]


def test_a_but_clause_before_a_trailing_according_to_is_part_of_what_the_source_says():
    text = "Revenue rose 4%, but that was short of what analysts expected, according to data from Ledgerpoint."
    assert [quote for _, quote, _ in speakers(text)] == [
        "Revenue rose 4%, but that was short of what analysts expected"
    ]


def test_the_company_after_a_clause_that_opens_with_the_business_is_that_business():
    text = (
        "SkyMeridian Airlines lost money. Its engine maker, Corvane Propulsion, said parts were late. "
        "The airline will drop six routes, the company said."
    )
    assert speakers(text)[-1] == ("paraphrase", "The airline will drop six routes", "SkyMeridian Airlines")
