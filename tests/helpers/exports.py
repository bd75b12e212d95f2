"""Questions with nasty text, shared by the export tests (no tests here)."""

from __future__ import annotations

import html
import re

from azrs_quiz.questions.model import Question

#: Every character the formats give a meaning to, and a few more that break naive writers.
NASTY = 'He said "yes" & it\'s <b>bold</b>\ttabbed ~ = # { } : \\ \\n ]]> -- // %'

#: A credit over two lines, with characters comments and CSV do not like.
NASTY_ATTRIBUTION = 'Text from "Azerbaijan–Serbia relations" -- CC BY-SA 4.0 <https://x.org/?a=1&b=2>\nSecond line: {#}'


def _question(fact_id: str, angle: str, topic: str, kind: str, answer: int, **texts: object) -> Question:
    defaults: dict[str, object] = {
        "prompt": f"What happened at {fact_id}?",
        "options": ("one", "two", "three", "four"),
        "explanation": "Because it did.",
        "citations": ("[1] A. Author, \u201cA book\u201d, A Press, 2005",),
    }
    defaults.update(texts)
    return Question(
        id=f"{fact_id}:{angle}",
        fact_id=fact_id,
        angle=angle,
        kind=kind,
        topic=topic,  # type: ignore[arg-type]
        prompt=str(defaults["prompt"]),
        options=tuple(defaults["options"]),  # type: ignore[arg-type]
        answer=answer,
        explanation=str(defaults["explanation"]),
        sources=("ref-1",),
        citations=tuple(defaults["citations"]),  # type: ignore[arg-type]
    )


def nasty_questions() -> list[Question]:
    """Five questions over three topics (listed out of topic order) with hostile text everywhere."""
    return [
        _question(
            "nasty-prompt",
            "when",
            "people",
            "person",
            2,
            prompt=f"{NASTY}\nSecond line of the prompt?",
            options=("1997", "%50%2008", f"key {NASTY}", "[html]2011"),
            explanation=f"Explained: {NASTY}\nand a second line.",
            citations=(f"[3] {NASTY}", "[4] Another source: \u201cquoted\u201d, 2020"),
        ),
        _question("plain-one", "who", "dates", "event", 0),
        _question(
            "hash-start",
            "what",
            "agreements",
            "agreement",
            3,
            prompt="#1 starts with a hash: what did the deal cover?",
            options=("=equals first", "~tilde first", "{brace}", "\\backslash\\"),
        ),
        _question("plain-two", "where", "dates", "event", 1, options=("Baku", "Belgrade", "Novi Sad")),
        _question(
            "cdata-end",
            "value",
            "agreements",
            "figure",
            1,
            prompt="Which ends a CDATA section? ]]>",
            options=("]]", "]]>", "]>", "]]]]>>"),
            explanation="The three characters ]]> end it.",
        ),
    ]


def from_html(fragment: str) -> str:
    """Undo the exports' HTML: ``<br>`` back to newlines, entities back to characters."""
    return html.unescape(fragment.replace("<br>", "\n"))


def split_options(fragment: str) -> list[tuple[str, str]]:
    """``"A) x<br>B) y"`` -> ``[("A", "x"), ("B", "y")]`` (labels must be in order)."""
    parts = re.split(r"<br>(?=[A-Z]\) )", fragment)
    pairs = [(part[0], part[3:]) for part in parts]
    assert [label for label, _ in pairs] == [chr(ord("A") + index) for index in range(len(pairs))]
    assert all(part[1:3] == ") " for part in parts)
    return pairs
