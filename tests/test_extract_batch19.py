"""The extractor on the constructions held-out batch 19 brought up (English)."""

from __future__ import annotations

from tests.test_extract_batch18 import _speakers


def test_a_body_named_with_and_that_ends_in_executive_is_one_organisation():
    text = (
        "According to the Ports and Harbours Executive, slips account for half of injuries. "
        "The Marine Safety and Standards Executive said it had sent two inspectors."
    )
    assert _speakers(text) == [
        ("paraphrase", "slips account for half of injuries", "Ports and Harbours Executive"),
        ("paraphrase", "it had sent two inspectors", "Marine Safety and Standards Executive"),
    ]


def test_a_title_joined_by_and_to_chief_executive_is_not_an_organisation():
    text = "Mr Lee, the Chairman and Chief Executive, said it was fine."
    assert _speakers(text) == [("paraphrase", "it was fine", "Lee")]
