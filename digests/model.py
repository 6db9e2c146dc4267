"""What a digest says, as plain data: ``Report`` and its parts, JSON-safe for ``Digest.content``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from digests.period import Period

TRENDS = ("new", "rising", "falling", "steady", "gone")


@dataclass(frozen=True)
class Theme:
    """An issue customers raised: how many notes and staff, 1-3 differing quotes, and its trend."""

    label: str
    note_ids: tuple[int, ...]
    quotes: tuple[str, ...]
    count: int
    staff_count: int
    trend: str
    previous_count: int = 0
    key: str = ""  # stable id of the theme across periods (a concept or a term), not shown
    quote_ids: tuple[int, ...] = ()
    previous_ids: tuple[int, ...] = ()  # its notes in the period before (a gone theme has only these)


@dataclass(frozen=True)
class Mood:
    """Average sentiment in [-1, 1] (None without notes), the previous period's, and the change."""

    average: float | None
    previous_average: float | None
    notes: int
    previous_notes: int = 0

    @property
    def change(self) -> float | None:
        if self.average is None or self.previous_average is None:
            return None
        return round(self.average - self.previous_average, 3)


@dataclass(frozen=True)
class Report:
    period: Period
    themes: list[Theme]
    gone: list[Theme]
    other_count: int
    note_count: int
    staff_count: int
    mood: Mood
    empathy: dict[str, int]
    causes: dict[str, int]
    nominations: dict[str, int]
    sensitive: dict[str, int]
    previous_note_count: int = 0
    summary: str | None = None
    summary_note: str = "Written offline: no OpenAI key is set."
    sensitive_ids: frozenset[int] = field(default_factory=frozenset)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["period"] = {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()}
        data["sensitive_ids"] = sorted(self.sensitive_ids)
        data["mood"]["change"] = self.mood.change
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        def theme(raw: dict[str, Any]) -> Theme:
            return Theme(**{**raw, "note_ids": tuple(raw["note_ids"]), "quotes": tuple(raw["quotes"]),
                            "quote_ids": tuple(raw.get("quote_ids", ())),
                            "previous_ids": tuple(raw.get("previous_ids", ()))})

        mood = {k: v for k, v in data["mood"].items() if k != "change"}
        return cls(period=Period(datetime.fromisoformat(data["period"]["start"]),
                                 datetime.fromisoformat(data["period"]["end"])),
                   themes=[theme(t) for t in data["themes"]], gone=[theme(t) for t in data["gone"]],
                   other_count=data["other_count"], note_count=data["note_count"], staff_count=data["staff_count"],
                   mood=Mood(**mood), empathy=dict(data["empathy"]), causes=dict(data["causes"]),
                   nominations=dict(data["nominations"]), sensitive=dict(data["sensitive"]),
                   previous_note_count=data.get("previous_note_count", 0), summary=data.get("summary"),
                   summary_note=data.get("summary_note", ""),
                   sensitive_ids=frozenset(data.get("sensitive_ids", ())))
