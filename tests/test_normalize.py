"""How quotes, names and URLs are compared."""

from hypothesis import given
from hypothesis import strategies as st

from service.normalize import folded_key, name_key, normalize_url, text_key


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_shortcut_gives_the_same_key_as_folding(text):
    assert text_key(text) == folded_key(text)


def test_renderings_of_one_quote_share_a_key():
    assert text_key("\u201cWe were NOT behind\u2026 the attack,\u201d") == text_key("we were not behind the attack")
    assert text_key("Sudan\u00ed said") == text_key("sudani said")
    assert text_key("We were behind it") != text_key("We were not behind it")


def test_transliterations_of_one_name_share_a_key():
    assert name_key("Qassem Soleimani") == name_key("Qasem Soleimani")
    assert name_key("Abu Mahdi al-Muhandis") == name_key("Abu Mahdi Mohandes")


def test_urls_of_one_article_are_one_url():
    assert normalize_url("HTTPS://Example.com/a/#top") == normalize_url("https://example.com/a")


def test_urls_are_normalised_as_rfc_3986_section_6_says():
    key = normalize_url("https://example.com/a/~b")
    for spelling in (
        "https://example.com:443/a/~b",
        "http://example.com/a/~b",
        "http://example.com:80/a/~b",
        "https://example.com/a/./~b",
        "https://example.com/a/c/../~b",
        "https://example.com/../a/~b",
        "https://example.com/a/%7Eb",
        "https://example.com/a/%7eb",
        "https://example.com/%61/~b",
        "https://Example.COM./a/~b/",
    ):
        assert normalize_url(spelling) == key, spelling
    assert normalize_url("https://example.com/a%2fb") == normalize_url("https://example.com/a%2Fb")
    assert normalize_url("https://example.com/a%2Fb") != normalize_url("https://example.com/a/b")
    assert normalize_url("https://example.com:8080/a") != normalize_url("https://example.com/a")
    assert normalize_url("http://example.com:443/a") != normalize_url("https://example.com/a")
