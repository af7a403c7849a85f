"""The extractor on the constructions held-out batch 18 brought up (English)."""

from __future__ import annotations

from drafts import speakers


def test_someone_described_in_the_clause_a_trailing_cue_reports_is_not_its_speaker():
    text = (
        "A man in his 70s was hurt when a wall collapsed on Mill Street, Harlow Police said. "
        "A cyclist on the towpath has been treated for cuts, the ambulance service confirmed. "
        "A nurse at the clinic, who has worked there for years, said the doors were locked."
    )
    assert speakers(text) == [
        ("paraphrase", "A man in his 70s was hurt when a wall collapsed on Mill Street", "Harlow Police"),
        ("paraphrase", "A cyclist on the towpath has been treated for cuts", "ambulance service"),
        ("paraphrase", "the doors were locked", "nurse"),
    ]


def test_a_name_joined_by_an_ampersand_to_sons_or_brothers_is_a_company():
    text = (
        "Shares in Morrow & Sons, the family-owned builder, fell on Monday. The company said orders had slowed. "
        "Talbot & Brothers said it would cut prices."
    )
    assert speakers(text) == [
        ("paraphrase", "orders had slowed", "Morrow & Sons"),
        ("paraphrase", "it would cut prices", "Talbot & Brothers"),
    ]


def test_and_then_a_clause_in_the_present_after_a_report_in_the_past_is_the_writers():
    text = (
        "Tom Hale has denied that he knew about the payments, and police have charged no one else. "
        "Ana Ruiz said the plan was sound, and that the board had backed it. "
        "Lee Park said the fund is empty, and the council has no plan."
    )
    assert speakers(text) == [
        ("paraphrase", "he knew about the payments", "Tom Hale"),
        ("paraphrase", "the plan was sound, and that the board had backed it", "Ana Ruiz"),
        ("paraphrase", "the fund is empty, and the council has no plan", "Lee Park"),
    ]


def test_according_to_a_document_then_what_was_done_with_it_is_the_document():
    text = (
        "Rents rose 9%, according to council files seen by the Gazette. "
        "Arrests fell by a third, according to a report published Monday in the Civic Review."
    )
    assert speakers(text) == [
        ("paraphrase", "Rents rose 9%", "council files"),
        ("paraphrase", "Arrests fell by a third", "report"),
    ]


def test_a_group_before_at_and_where_it_works_is_the_group_alone():
    text = (
        "Staff at three branches said the heating had failed. "
        "Workers at the Kelso plant said shifts had been cut. "
        "Lawyers for the city argued the claim was late."
    )
    assert speakers(text) == [
        ("paraphrase", "the heating had failed", "Staff"),
        ("paraphrase", "shifts had been cut", "Workers"),
        ("paraphrase", "the claim was late", "Lawyers for the city"),
    ]


def test_a_name_that_ends_in_living_is_a_company_its_first_word_stands_for():
    text = (
        "Harwell Senior Living's home in Ashby was fined. Its manager, Rita Cole, said the fine was unfair. "
        "Harwell said staff had been retrained."
    )
    assert speakers(text) == [
        ("paraphrase", "the fine was unfair", "Rita Cole"),
        ("paraphrase", "staff had been retrained", "Harwell Senior Living"),
    ]


def test_the_subject_of_a_passive_cue_is_the_listener_not_the_speaker():
    text = (
        'Jo Bell said managers were told to keep costs low "no matter what." '
        "Sam Reid said new staff were warned that bonuses depended on speed."
    )
    assert speakers(text) == [
        ("paraphrase", 'managers were told to keep costs low "no matter what."', "Jo Bell"),
        ("quote", "no matter what", "Jo Bell"),
        ("paraphrase", "new staff were warned that bonuses depended on speed", "Sam Reid"),
    ]


def test_someone_at_one_of_several_places_is_the_person_described():
    text = (
        "A night porter at one of the hotels said the lifts had failed twice. "
        "Managers at several of the branches said sales had fallen."
    )
    assert speakers(text) == [
        ("paraphrase", "the lifts had failed twice", "night porter"),
        ("paraphrase", "sales had fallen", "Managers"),
    ]


def test_a_relative_clause_between_commas_before_a_trailing_cue_is_inside_what_was_said():
    text = (
        "The pier, which opened in 1901, will close in May, the council said. "
        "The mine, which employs 300 people, will shut next year, according to the Kelso Miners Union. "
        "Profits rose 4%, which beat forecasts, according to analysts."
    )
    assert speakers(text) == [
        ("paraphrase", "The pier, which opened in 1901, will close in May", "council"),
        ("paraphrase", "The mine, which employs 300 people, will shut next year", "Kelso Miners Union"),
        ("paraphrase", "Profits rose 4%", "analysts"),
    ]


def test_a_number_of_organisations_with_their_modifiers_is_the_group_as_written():
    text = (
        "Two European charter airlines said they would send ferries. "
        "Three regional airlines said fares would not rise. "
        "Harlow Airlines said it had cancelled 12 flights."
    )
    assert speakers(text) == [
        ("paraphrase", "they would send ferries", "Two European charter airlines"),
        ("paraphrase", "fares would not rise", "Three regional airlines"),
        ("paraphrase", "it had cancelled 12 flights", "Harlow Airlines"),
    ]


def test_a_short_quotation_between_a_possessive_and_its_noun_is_a_term():
    text = (
        'Staff said the firm\'s "flexible staffing" model left wards short. '
        'Jo Bell said her "sincere apologies" went to the family.'
    )
    assert speakers(text) == [
        ("paraphrase", 'the firm\'s "flexible staffing" model left wards short', "Staff"),
        ("paraphrase", 'her "sincere apologies" went to the family', "Jo Bell"),
        ("quote", "sincere apologies", "Jo Bell"),
    ]


def test_a_name_at_a_headlines_end_does_not_run_on_into_the_next_paragraph():
    text = (
        "Floods close road at Carrow Bridge\n\nHarlan Roads has shut the B402. "
        "Jo Bell said water was rising. Harlan Roads said the road would reopen on Monday."
    )
    assert speakers(text)[-1] == ("paraphrase", "the road would reopen on Monday", "Harlan Roads")


def test_a_possessive_subject_then_a_quotation_to_the_clauses_end_is_a_reported_clause():
    text = 'Harwell Homes said its staff "did everything they could." Jo Bell said it was "deeply sorry."'
    assert speakers(text) == [
        ("paraphrase", 'its staff "did everything they could."', "Harwell Homes"),
        ("quote", "did everything they could", "Harwell Homes"),
        ("quote", "deeply sorry", "Jo Bell"),
    ]


def test_a_study_or_its_researchers_found_reports_a_finding_but_anyone_else_finding_does_not():
    text = (
        "Pupils read more at home, the study found, though the gap was small. "
        "Researchers found that girls gained most. "
        "Police found the car in a lay-by. She has not found a buyer."
    )
    assert speakers(text) == [
        ("paraphrase", "Pupils read more at home", "study"),
        ("paraphrase", "girls gained most", "Researchers"),
    ]


def test_a_quotation_in_a_live_reports_timed_heading_is_by_whoever_says_it_in_the_entry():
    text = (
        "Floods: live updates\n\n09:10 Bridge shut\n\nThe council said the bridge was shut.\n\n"
        "08:45 'Water up to the windows'\n\nShop owner Dev Patel, who has traded in Brisby for 20 years, "
        'called us. He said: "We have got water up to the windows and it is still rising."'
    )
    assert ("quote", "Water up to the windows", "Dev Patel") in speakers(text)


def test_a_name_wrapped_over_a_line_break_inside_a_paragraph_is_still_one_name():
    text = (
        "Floods close road\n\nThe bridge road was shut, said Mary\nJones, who lives nearby. "
        "Harlan Roads said it would reopen on Friday."
    )
    assert speakers(text) == [
        ("paraphrase", "The bridge road was shut", "Mary Jones"),
        ("paraphrase", "it would reopen on Friday", "Harlan Roads"),
    ]


def test_a_relative_clause_about_a_person_that_closes_a_reported_clause_is_part_of_it():
    text = (
        "Tom Hale denied that he had dropped striker Ben Ash, who has scored in every game. "
        "Ana Ruiz said the fund was empty, which could delay the works."
    )
    assert speakers(text) == [
        ("paraphrase", "he had dropped striker Ben Ash, who has scored in every game", "Tom Hale"),
        ("paraphrase", "the fund was empty, which could delay the works", "Ana Ruiz"),
    ]
