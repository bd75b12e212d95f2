"""Ten ways to break the starter pack at once, each with where validate must point."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Breakage:
    """One edit to a starter file, and the problem validate must report for it."""

    file: str
    old: str
    new: str
    #: The field the problem names, as in ``FILE:LINE: FIELD: message``.
    field: str
    #: The message, or the start of it.
    says: str
    #: Text starting the line the problem points at (default: the edit itself).
    at: str = ""

    def line_in(self, text: str) -> int:
        """The line of the broken file the problem must point at."""
        marker = self.at or self.new
        return text[: text.index(marker)].count("\n") + 1


BREAKAGES = (
    Breakage("pack.yaml", "licence: CC-BY-SA-4.0\n", "", "licence", "is required but missing", at="id: "),
    Breakage("sources.yaml", "    number: 4 ", "    number: -5 ", "sources[1].number", "must be at least 1 (got -5)"),
    Breakage(
        "places.yaml",
        "    kind: city\n    country: serbia",
        "    kind: town\n    country: serbia",
        "places[3].kind",
        "must be 'country', 'city', 'region' or 'site' (got 'town')",
    ),
    Breakage(
        "facts.yaml",
        'date: "2011-02"',
        "date: 2011-02-30",
        "events[1].date",
        "February 2011 has only 28 days (got '2011-02-30')",
    ),
    Breakage(
        "facts.yaml",
        "    place: serbia\n",
        "    plaec: serbia\n",
        "events[2].plaec",
        "unknown key 'plaec'; did you mean 'place'?",
    ),
    Breakage(
        "facts.yaml",
        "    sources: [mfa-azerbaijan-serbia]\n    prompts:\n      when: In which month and year did Serbia",
        "    sources: []\n    prompts:\n      when: In which month and year did Serbia",
        "events[1].sources",
        "must list at least one id, such as [first-id]",
    ),
    Breakage(
        "facts.yaml",
        "amount: {value: 100000000, currency: USD}",
        "amount: {value: -5, currency: USD}",
        "figures[0].amount.value",
        "must be greater than 0 (got -5)",
    ),
    # A second record with the first one's id, and no name either: both are reported.
    Breakage(
        "facts.yaml",
        "  - id: shahin-mustafayev\n    name: Shahin Mustafayev\n",
        "  - id: ilham-aliyev\n",
        "people[1].id",
        "duplicate id 'ilham-aliyev' (first defined at ",
        at="  - id: ilham-aliyev\n    role: Minister of Economic Development of Azerbaijan",
    ),
    Breakage(
        "facts.yaml",
        "    parties: [azerbaijan, serbia]",
        "    parties: [azerbaijan, serbja]",
        "agreements[0].parties[1]",
        "unknown place or organisation 'serbja'; did you mean 'serbia'?",
    ),
    Breakage(
        "facts.yaml",
        "    country: azerbaijan\n    explanation: He paid",
        "    country: azerbajan\n    explanation: He paid",
        "people[0].country",
        "unknown country 'azerbajan'; did you mean 'azerbaijan'?",
    ),
)


def break_pack(pack: Path) -> None:
    """Apply every breakage to the pack at ``pack`` (written by ``azrs-quiz new``)."""
    for breakage in BREAKAGES:
        path = pack / breakage.file
        text = path.read_text(encoding="utf-8")
        assert text.count(breakage.old) == 1, breakage
        path.write_text(text.replace(breakage.old, breakage.new), encoding="utf-8")
