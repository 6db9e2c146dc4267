"""Slack's wire format: entities decoded, both target and label removed, mentions kept."""

from __future__ import annotations

from bot.privacy import plain, scrub


def test_mailto_entity_goes_whole() -> None:
    result = scrub("email <mailto:jane@example.com|jane@example.com> tomorrow")
    assert result.text == "email [EMAIL] tomorrow"
    assert result.findings[0].start == 6 and result.findings[0].end == 48


def test_tel_entity_goes_whole() -> None:
    result = scrub("ring <tel:+447700900123|07700 900123> back", region="GB")
    assert result.text == "ring [PHONE] back"


def test_link_with_personal_label_goes_whole() -> None:
    result = scrub("see <https://example.com/p?id=1|Sarah Jones's page>")
    assert "Sarah" not in result.text and "example.com" not in result.text


def test_social_profile_link_goes_whole() -> None:
    result = scrub("her page <https://www.facebook.com/jane.doe.77|facebook.com/jane.doe.77>")
    assert result.text == "her page [URL]"


def test_ordinary_link_is_kept() -> None:
    text = "returns policy at <https://shop.example/returns|returns page>"
    assert scrub(text).text == text


def test_mentions_channels_and_broadcasts_are_kept() -> None:
    text = "<@U123ABC> please call <!here> in <#C0123|general>, <!subteam^S1|@floor>"
    assert scrub(text).text == text


def test_escapes_are_read_but_kept() -> None:
    text = "Ben &amp; Jerry's &lt;3 £4"
    assert scrub(text).text == text


def test_name_inside_a_label_takes_the_entity() -> None:
    result = scrub("from <mailto:x@y.z|Sarah> today")
    assert result.text == "from [EMAIL] today"


def test_plain_shows_labels_and_unescapes() -> None:
    assert plain("see <https://a.example|the page> &amp; <@U1>") == "see the page & <@U1>"
