"""The quote and speaker extractor: seed articles, every pattern of the development
set, Arabic, offsets, apostrophes and the ``extract`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.eval_extract import DEV_SET, evaluate, load, normalise, same_speaker
from service.extract import Draft, extract

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DEVELOPMENT = load(DEV_SET)


def _seed_quotes() -> list[tuple[str, str, str, list[str]]]:
    cases = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        document = yaml.safe_load(path.read_text())
        names = {speaker["key"]: [speaker["name"], *speaker.get("aliases", [])] for speaker in document["speakers"]}
        for claim in document["claims"]:
            if claim["kind"] == "quote":
                cases.append((path.name, claim["key"], claim["anchor"]["exact"], names[claim["speaker"]]))
    return cases


@pytest.mark.parametrize(("fixture", "key", "exact", "names"), _seed_quotes(), ids=lambda value: str(value)[:40])
def test_every_seed_quote_is_found_with_its_fixture_speaker(fixture, key, exact, names):
    text = yaml.safe_load((FIXTURES / fixture).read_text())["source"]["text"]
    start = text.index(exact)
    covering = [
        draft
        for draft in extract(text)
        if draft.kind == "quote" and draft.start <= start and start + len(exact) <= draft.end
    ]
    assert covering, f"{key}: no quote item covers {exact[:50]!r}"
    speaker = covering[0].speaker
    assert speaker is not None
    assert any(normalise(speaker.name) == normalise(name) for name in names), (speaker.name, names)


def _first_case_of_each_pattern() -> list[tuple[str, object, object]]:
    cases = {}
    for article in DEVELOPMENT:
        for gold in article.quotes:
            cases.setdefault(gold.pattern, (article, gold))
    return [pytest.param(article, gold, id=pattern) for pattern, (article, gold) in sorted(cases.items())]


@pytest.mark.parametrize(("article", "gold"), _first_case_of_each_pattern())
def test_every_pattern_has_a_case(article, gold):
    drafts = extract(article.text, article.language)
    found = [draft for draft in drafts if draft.kind == gold.kind and draft.start == gold.start]
    assert found, f"{article.id}: {gold.quote[:50]!r} not found at {gold.start}"
    draft = found[0]
    if gold.kind == "quote":
        assert (draft.quote, draft.end) == (gold.quote, gold.end)
    else:
        assert abs(draft.end - gold.end) <= 2
    assert draft.fragment == gold.fragment
    assert (draft.continues is not None) == gold.continues
    if gold.continues:
        assert drafts[draft.continues].kind == "quote" and drafts[draft.continues].end < draft.start
    assert same_speaker(draft.speaker.name if draft.speaker else None, gold.speaker)
    if gold.role:
        assert draft.role == gold.role


def test_the_development_set_meets_the_quality_targets():
    overall = evaluate(DEVELOPMENT)["overall"]
    quotes, fragments = overall["quotes"], overall["fragments"]
    assert quotes.found / quotes.gold >= 0.95
    assert quotes.true_positive / quotes.predicted >= 0.95
    assert quotes.speaker_right / quotes.found >= 0.88
    assert fragments.found / fragments.gold >= 0.90


@pytest.mark.parametrize("article", DEVELOPMENT, ids=lambda article: article.id)
def test_offsets_are_exact(article):
    for draft in extract(article.text, article.language):
        assert article.text[draft.start : draft.end] == draft.quote
        assert draft.quote == draft.quote.strip()
        if draft.speaker is not None:
            assert " ".join(article.text[draft.speaker.start : draft.speaker.end].split()) == draft.speaker.name


def test_the_ways_of_attributing_a_quote():
    text = (
        '"We will rebuild," Mayor Ana Ruiz said. '
        '"The water is falling," said Paul Dean. '
        'Ruiz told reporters: "Nobody is forgotten." '
        '"Help is coming," according to the Red Cross.'
    )
    drafts = [draft for draft in extract(text) if draft.kind == "quote"]
    assert [(draft.quote, draft.speaker.name, draft.cue) for draft in drafts] == [
        ("We will rebuild", "Ana Ruiz", "said"),
        ("The water is falling", "Paul Dean", "said"),
        ("Nobody is forgotten.", "Ana Ruiz", "told"),
        ("Help is coming", "Red Cross", "according to"),
    ]
    assert drafts[0].role == "Mayor"


def test_a_split_quote_continues_its_first_piece():
    text = "“We lost,” she said. “But we will be back.”\n\nCoach Mary Jones spoke after the final."
    text = "Coach Mary Jones spoke after the final.\n\n" + text.split("\n\n")[0]
    drafts = extract(text)
    assert [draft.quote for draft in drafts] == ["We lost", "But we will be back."]
    assert drafts[1].continues == 0 and drafts[0].continues is None
    assert {draft.speaker.name for draft in drafts} == {"Mary Jones"}
    assert drafts[0].speaker.start == text.index("Mary Jones")


def test_reported_speech_is_a_paraphrase_of_the_reported_clause():
    text = "The ministry said that the border would reopen on Monday. The rebels denied any role in the attack."
    drafts = extract(text)
    assert [(draft.kind, draft.quote, draft.speaker.name) for draft in drafts] == [
        ("paraphrase", "the border would reopen on Monday", "ministry"),
        ("paraphrase", "any role in the attack", "rebels"),
    ]


def test_apostrophes_are_not_quotation_marks():
    text = "Iraq’s farmers don’t expect rain 'til November, not since the '90s, and the ministers’ plan hasn't helped."
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        'The film "Desert Roads" opens on Friday.',
        "Police arrested a man known as “the Ghost” in Operation “Night Owl”.",
        'The so-called "reform" has been delayed again.',
        "The report, titled «Water Rising», was published in May.",
    ],
)
def test_names_titles_and_scare_quotes_are_not_quotes(text):
    assert [draft for draft in extract(text) if draft.kind == "quote"] == []


def test_arabic_quotes_with_their_speakers():
    text = "قال وزير الصحة خالد المنصوري: «سنفتتح ثلاثة مستشفيات جديدة».\n\nوأضاف: «لن يبقى أي مريض دون علاج»."
    drafts = extract(text)
    assert [draft.quote for draft in drafts] == ["سنفتتح ثلاثة مستشفيات جديدة", "لن يبقى أي مريض دون علاج"]
    assert [draft.speaker.name for draft in drafts] == ["خالد المنصوري", "خالد المنصوري"]
    assert drafts[0].role == "وزير الصحة"
    assert drafts[0].cue == "قال"


def test_empty_text_has_no_drafts():
    assert extract("") == [] and extract("  \n ") == []


def test_to_dict_is_json():
    (draft,) = [draft for draft in extract('"It works," said Ann Lee.') if draft.kind == "quote"]
    assert isinstance(draft, Draft)
    assert json.loads(json.dumps(draft.to_dict())) == {
        "quote": "It works",
        "start": 1,
        "end": 9,
        "kind": "quote",
        "fragment": False,
        "continues": None,
        "cue": "said",
        "speaker": {"name": "Ann Lee", "start": 17, "end": 24},
        "role": None,
        "confidence": draft.confidence,
    }
    assert 0 < draft.confidence <= 1


ARTICLE = '"The bridge is safe," said engineer Tom Bell.\n'


def test_the_extract_command_reads_a_file(runner, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(args=["extract", str(path)])
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in result.output.splitlines()]
    assert [(item["quote"], item["speaker"]["name"]) for item in items] == [("The bridge is safe", "Tom Bell")]


def test_the_extract_command_reads_stdin(runner):
    result = runner.invoke(args=["extract", "-"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.splitlines()[0])["quote"] == "The bridge is safe"


def test_the_extract_command_runs_over_a_folder(runner, tmp_path):
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    result = runner.invoke(args=["extract", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    items = [json.loads(line) for line in lines if line.startswith("{")]
    assert sorted(item["file"] for item in items) == ["0.txt", "1.txt", "2.txt"]
    assert "3 files, 3 quotes" in result.output


def test_the_extract_command_needs_one_input(runner, tmp_path):
    result = runner.invoke(args=["extract"])
    assert result.exit_code != 0
    assert "either FILE" in result.output


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(list("ab AB.,:\"“”‘’«»„'-\n") + ["said", " he ", "told ", "The ministry ", "Mr. "])).map(
        "".join
    )
)
def test_any_text_gives_exact_offsets_and_never_fails(text):
    for draft in extract(text):
        assert draft.quote and text[draft.start : draft.end] == draft.quote
        if draft.speaker is not None:
            assert " ".join(text[draft.speaker.start : draft.speaker.end].split()) == draft.speaker.name
