"""The seam other code depends on: Scrubbed's fields and helpers, numbering, custom patterns, sensitivity."""

from __future__ import annotations

import logging
import time

import pytest

from bot.privacy import Finding, Scrubbed, redact, scrub, validate_pattern


def test_findings_are_spans_on_the_input() -> None:
    text = "call 07700 900123 or mail a@b.co"
    result = scrub(text, region="GB")
    assert isinstance(result, Scrubbed)
    assert [(f.type, text[f.start:f.end]) for f in result.findings] == [("phone", "07700 900123"),
                                                                        ("email", "a@b.co")]
    assert all(isinstance(f, Finding) for f in result.findings)


def test_counts_and_description() -> None:
    result = scrub("Sarah and Tom left a@b.co and c@d.co", region="GB")
    assert result.counts() == {"name": 2, "email": 2}
    assert result.describe_removed() == "removed 2 names, 2 email addresses"
    assert scrub("all quiet").describe_removed() == "nothing personal found"
    assert scrub("call 07700 900123", region="GB").describe_removed() == "removed 1 phone number"


def test_people_are_numbered_consistently() -> None:
    result = scrub("Sarah said Tom was rude, then Sarah asked for a refund")
    assert result.text == "[NAME-1] said [NAME-2] was rude, then [NAME-1] asked for a refund"


def test_one_person_keeps_a_plain_placeholder() -> None:
    assert scrub("Mrs Patel called, Mrs Patel will return").text == "Mrs [NAME] called, Mrs [NAME] will return"


def test_placeholders_in_input_are_kept() -> None:
    text = "[NAME-1] called [PHONE] about [CARD]"
    assert scrub(text).text == text


def test_custom_patterns_become_custom_placeholders() -> None:
    result = scrub("member FN-99812 at the desk", extra_patterns=[r"FN-\d{5}"])
    assert result.text == "member [CUSTOM] at the desk"


@pytest.mark.parametrize("pattern", ["(a+)+$", "(\\w*)*x", "", "[unclosed", "a*", "(?<=x)y", "(a)\\1"])
def test_unsafe_patterns_are_refused_and_never_raise(pattern: str) -> None:
    assert validate_pattern(pattern) is not None
    start = time.perf_counter()
    scrub("a" * 4000, extra_patterns=[pattern])
    assert time.perf_counter() - start < 0.5


def test_validate_pattern_accepts_a_plain_pattern_and_never_echoes() -> None:
    assert validate_pattern(r"FN-\d{5}") is None
    message = validate_pattern("(secretpattern+)+")
    assert message is not None and "secretpattern" not in message


def test_sensitive_topics_are_flagged() -> None:
    assert scrub("she's pregnant and can't afford the pram").sensitive == {"health", "financial"}
    assert scrub("bought 3 lattes and a muffin").sensitive == frozenset()


def test_redact_returns_only_text() -> None:
    assert redact("call 07700 900123", region="GB") == "call [PHONE]"


def test_never_raises_and_fails_closed(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import bot.privacy.scrubber as scrubber

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(scrubber, "_scrub", boom)
    with caplog.at_level(logging.ERROR):
        result = scrub("Sarah 07700 900123")
    assert result.text == "[REDACTED]"
    assert "Sarah" not in caplog.text and "07700" not in caplog.text


def test_odd_arguments_do_not_raise() -> None:
    assert scrub(None).text == ""  # type: ignore[arg-type]
    assert scrub("x", region=5, extra_patterns=[None, 3]).text == "x"  # type: ignore[arg-type, list-item]


def test_findings_unpack_as_type_start_end() -> None:
    text = "ring Sarah on 07700 900123"
    spans = [(kind, text[s:e]) for kind, s, e in scrub(text, region="GB").findings]
    assert spans == [("name", "Sarah"), ("phone", "07700 900123")]
