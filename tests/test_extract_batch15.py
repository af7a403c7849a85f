"""Batch 15's English rules: each case is a construction of news writing the held-out articles showed."""

from __future__ import annotations

from drafts import speakers as speakers_of

from service.extract import extract, speakers


def test_a_sector_word_between_two_words_of_a_name_is_part_of_the_name():
    text = (
        "Corrib Energy Direct, the heating oil supplier, said on Monday that its depot would close. "
        '"We are sorry," the company said.'
    )
    assert speakers_of(text, "en") == [
        ("paraphrase", "its depot would close", "Corrib Energy Direct"),
        ("quote", "We are sorry", "Corrib Energy Direct"),
    ]


def test_a_sector_word_before_a_role_is_still_a_title():
    text = 'Health Secretary Maria Dunne said the plan was sound. "It will work," she said.'
    assert [speaker for _, _, speaker in speakers_of(text, "en")] == ["Maria Dunne", "Maria Dunne"]


def test_capitals_before_a_name_of_two_words_are_a_companys_legal_form():
    text = (
        "The operator of the crossing, PT Selat Bahari Nusantara, said 42 sailings had been canceled. "
        '"No ship will leave today," the company said.'
    )
    assert [speaker for _, _, speaker in speakers_of(text, "en")] == ["PT Selat Bahari Nusantara"] * 2


def test_a_role_written_in_capitals_before_a_name_is_still_a_role():
    text = 'CFO Dana Weiss said margins had improved. "We are pleased," she said.'
    assert [speaker for _, _, speaker in speakers_of(text, "en")] == ["Dana Weiss", "Dana Weiss"]


def test_a_name_a_spokesperson_speaks_for_is_an_organisation():
    text = (
        "Output at the Bolton plant fell by a fifth, Marrick Bakeries said. Orders had moved to cheaper "
        "suppliers, the company said. A spokeswoman for Marrick Bakeries said staff would be offered jobs in Wigan."
    )
    assert [speaker for _, _, speaker in speakers_of(text, "en")] == ["Marrick Bakeries"] * 3


def test_a_person_with_a_spokesperson_stays_a_person():
    text = 'A spokesman for Lady Eleanor Voss said she was resting. "She is tired," he said.'
    assert [str(speaker).endswith("Eleanor Voss") for _, _, speaker in speakers_of(text, "en")] == [True, True]


def test_the_place_a_member_sits_for_is_not_a_person():
    text = (
        'Kerry Lindqvist, the MP for Ashby Vale, said she had written to the operator. "Nobody should have to '
        'choose," she said.'
    )
    assert [speaker for _, _, speaker in speakers_of(text, "en")] == ["Kerry Lindqvist"] * 2


def test_the_noun_after_former_or_retired_is_the_described_speakers_head():
    text = (
        '"I loved the job," said a former carer who now works in a shop. '
        '"We came every week," said a retired plasterer who lives nearby.'
    )
    assert [speaker for _, _, speaker in speakers_of(text, "en")] == ["former carer", "retired plasterer"]


def test_the_with_an_adjective_and_the_head_refers_back_to_the_fuller_description():
    text = (
        "A former branch manager, who asked not to be named, said targets were impossible. "
        '"Nobody listened," the former manager said.'
    )
    assert [speaker for _, _, speaker in speakers_of(text, "en")] == ["former branch manager"] * 2


def test_the_a_place_written_before_and_a_role_describe_someone_already_named():
    text = (
        "Marta Vilaro, who grew up outside Girona, won the stage on Wednesday. "
        '"I knew every bend," said the Girona rider.'
    )
    assert speakers_of(text, "en") == [("quote", "I knew every bend", "Marta Vilaro")]


def test_a_single_mark_left_open_at_a_paragraphs_end_goes_on_in_the_next():
    text = (
        "'We tried,' said Helen Brannigan. 'We asked everyone for help.\n\n"
        "'It breaks my heart.'\n\nThe council said it had offered money."
    )
    drafts = [draft for draft in extract(text, "en") if draft.kind == "quote"]
    assert [(draft.quote, draft.continues) for draft in drafts] == [
        ("We tried", None),
        ("We asked everyone for help.", 0),
        ("It breaks my heart.", 1),
    ]


def test_a_single_mark_after_the_last_pair_that_closes_nothing_opens_nothing():
    text = "The players' wages were cut. 'It hurts,' said Ruth Amos.\n\n'We go on.'"
    assert [draft.quote for draft in extract(text, "en") if draft.kind == "quote"] == ["It hurts", "We go on."]


def test_an_order_given_in_the_second_verb_of_a_reported_clause_is_its_subjects():
    text = (
        "Ms Bhattacharya told the court that a senior colleague had handed him an envelope of cash and told him "
        'to "take it, everybody does."'
    )
    quoted = [speaker for kind, _, speaker in speakers_of(text, "en") if kind == "quote"]
    assert quoted == ["senior colleague"]


def test_an_order_after_and_with_no_one_described_is_the_sentences_subject():
    text = 'Ruth Amos dismissed the claim and told him to "go away."'
    assert [speaker for kind, _, speaker in speakers_of(text, "en") if kind == "quote"] == ["Ruth Amos"]


def test_an_age_between_a_name_and_a_described_role_leaves_the_name_the_subject():
    text = "Gerald Pike, 78, a retired bus driver in Milwaukee who took part in the study, said he had resisted it."
    assert speakers_of(text, "en") == [("paraphrase", "he had resisted it", "Gerald Pike")]


def test_the_title_of_an_owner_in_an_appositive_is_not_the_named_persons():
    text = (
        "Robin Marsh, the charity's manager, said the money had paid for a boat. Janet Okafor, Mr. Pike's "
        'daughter, said her father talked more now. "He calls me now," she said.'
    )
    assert [speaker for _, _, speaker in speakers_of(text, "en")] == ["Robin Marsh", "Janet Okafor", "Janet Okafor"]


def test_words_quoted_after_the_study_that_go_on_with_its_clause_are_no_title():
    text = 'The alliance said the study "adds to a growing body of evidence" and urged insurers to act.'
    quoted = [(quote, speaker) for kind, quote, speaker in speakers_of(text, "en") if kind == "quote"]
    assert quoted == [("adds to a growing body of evidence", "alliance")]


def test_a_lower_case_title_after_the_book_is_still_a_title():
    text = 'Ruth Amos said she wrote the book "a history of salt" in 1990.'
    assert [quote for kind, quote, _ in speakers_of(text, "en") if kind == "quote"] == []


def test_words_an_email_sent_by_someone_asks_for_are_its_authors():
    text = 'An email sent to drivers last week by a depot manager asks them to "finish the round whatever the weather".'
    assert speakers_of(text, "en") == [("quote", "finish the round whatever the weather", "depot manager")]


def test_a_letter_signed_by_a_named_author_tells_in_their_words():
    text = 'A letter signed by Ruth Amos tells staff to "keep calls tight".'
    assert speakers_of(text, "en") == [("quote", "keep calls tight", "Ruth Amos")]


def test_a_representative_for_someone_leaves_them_a_person():
    text = "A representative for Jordan Ellery said the singer was resting."
    registry = speakers.build_registry(text, text)
    assert [(entity.name, entity.kind) for entity in registry.entities] == [("Jordan Ellery", "person")]
