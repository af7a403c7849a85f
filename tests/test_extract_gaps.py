"""The extractor on three known gaps of its English rules: a role outside the lists in apposition with a
name, an unnamed group whose relative clause comes before the cue, and an opening clause naming an outlet."""

from __future__ import annotations

from drafts import speakers


def test_a_noun_outside_the_role_lists_before_a_name_in_apposition_is_a_role():
    text = 'Two tenants said they had been told by the landlord, Gareth Pryce, that the damp was "nothing serious".'
    assert speakers(text)[-1] == ("quote", "nothing serious", "Gareth Pryce")
    text = '"We dig the same trench every winter," said the groundsman, Tobias Wren.'
    assert speakers(text) == [("quote", "We dig the same trench every winter", "Tobias Wren")]
    text = 'Residents were told by their landlord, Mr Gareth Pryce, that the damp was "nothing serious".'
    assert speakers(text) == [("quote", "nothing serious", "Gareth Pryce")]


def test_a_counted_group_before_a_relative_clause_is_the_speaker_as_written():
    text = "Three householders, who asked not to be named, said they had been told the water was safe to drink."
    assert speakers(text) == [("paraphrase", "they had been told the water was safe to drink", "Three householders")]
    text = "Three householders who spoke to the Varrow Post said they had been told the water was safe to drink."
    assert speakers(text) == [("paraphrase", "they had been told the water was safe to drink", "Three householders")]
    text = "Several allotment holders, who have kept plots there for decades, said the closure came without warning."
    assert speakers(text) == [("paraphrase", "the closure came without warning", "Several allotment holders")]
    text = "Three householders on the estate, who asked not to be named, said the tanker never came."
    assert speakers(text) == [("paraphrase", "the tanker never came", "Three householders")]
    text = "Three householders said the tanker never came."
    assert speakers(text) == [("paraphrase", "the tanker never came", "Three householders")]
    text = '"Nobody told us anything," said three householders, who asked not to be named.'
    assert speakers(text) == [("quote", "Nobody told us anything", "three householders")]
    text = "A deckhand who has worked the crossing for years said crews were tired."
    assert speakers(text) == [("paraphrase", "crews were tired", "deckhand")]
    # "who" with a subject of its own after it is not the subject of the cue.
    text = "The guard who the inspectors said was asleep has been suspended, the council said."
    assert all(speaker != "guard" for _, _, speaker in speakers(text))
    text = "Two women, who asked not to be named, said the bus was late. Many people said the same."
    assert speakers(text)[0] == ("paraphrase", "the bus was late", "Two women")
    assert speakers("Many people said the bus was late.") == [("paraphrase", "the bus was late", "Many people")]
    # A number of days or weeks is no group of people.
    assert speakers('"Nobody told us anything," said two weeks.') == []


def test_an_opening_clause_of_speaking_to_an_outlet_does_not_hide_the_subject_after_it():
    text = "Speaking to the Varrow Post, a deckhand said crews were tired."
    assert speakers(text) == [("paraphrase", "crews were tired", "deckhand")]
    text = "Speaking to the Varrow Post, a deckhand, who asked not to be named, said crews were tired."
    assert speakers(text) == [("paraphrase", "crews were tired", "deckhand")]
    text = "Talking to reporters on Sunday, two deckhands, who asked not to be named, said crews were tired."
    assert speakers(text) == [("paraphrase", "crews were tired", "two deckhands")]
    text = "Speaking to the Varrow Post, a deckhand on the night crossing said crews were tired."
    assert speakers(text) == [("paraphrase", "crews were tired", "deckhand")]
    text = "In an interview with the Varrow Post, a young deckhand from Carrow said crews were tired."
    assert speakers(text) == [("paraphrase", "crews were tired", "young deckhand")]
    text = 'Asked about the delays, one deckhand said: "We are tired."'
    assert speakers(text) == [("quote", "We are tired.", "one deckhand")]
    # A name after the clause is still the speaker, with the role its apposition gives.
    text = "Speaking to the Varrow Post, Ann Bell, a deckhand, said crews were tired."
    assert speakers(text) == [("paraphrase", "crews were tired", "Ann Bell")]


def test_the_noun_of_someone_brought_in_before_stands_for_them_though_no_list_holds_it():
    text = "Speaking to the Varrow Post, a deckhand said crews were tired. The deckhand added that two had quit."
    assert [speaker for _, _, speaker in speakers(text)] == ["deckhand", "deckhand"]
    text = "The groundsman, Tobias Wren, said the pitch was flooded. The groundsman added that a pump had been ordered."
    assert [speaker for _, _, speaker in speakers(text)] == ["Tobias Wren", "Tobias Wren"]
    text = "A porter said the lifts had failed. The porter added that the stairs were closed."
    assert [speaker for _, _, speaker in speakers(text)] == ["porter", "porter"]
    # A noun the article never gave anyone is no one's; nor is a thing ending like a role.
    assert speakers("A contract was signed in May. The contract stated that the fee was fixed.") == []
    assert speakers("A poster said the shop would close in May.") == []


def test_a_relative_clause_that_gives_a_name_gives_the_speaker():
    text = (
        "A woman queueing outside a pharmacy in the old town, who gave her name only as Carmen, said she was "
        "checking on three neighbours every evening."
    )
    assert speakers(text) == [("paraphrase", "she was checking on three neighbours every evening", "Carmen")]
    text = "A father of three who gave his name only as Tariq said the shelves were empty by noon."
    assert speakers(text) == [("paraphrase", "the shelves were empty by noon", "Tariq")]


def test_a_cue_inside_the_relative_clause_has_no_subject_from_before_who():
    text = (
        'Tobias Merriman, a former pupil at a Portland school who went on to write the "Harbor Cats" series, said '
        "she had been the first author he ever met."
    )
    assert [kind for kind, _, _ in speakers(text)] == ["paraphrase"]


def test_an_object_pronoun_after_told_is_the_listener_not_part_of_what_was_said():
    text = "The landlord, Gareth Pryce, told them the damp was nothing serious."
    assert speakers(text) == [("paraphrase", "the damp was nothing serious", "Gareth Pryce")]
    text = "The postmaster, Idris Vane, told us at a parish meeting that he had tried to sell the shop."
    assert speakers(text) == [("paraphrase", "he had tried to sell the shop", "Idris Vane")]
    assert speakers("The mayor told them to leave.") == []
