"""The two note types of our deck, designed once and kept stable.

Anki matches an imported note type to the one in a user's collection by its id,
and accepts a newer version only while its field names and card names stay the
same (otherwise it forks a copy and stops updating notes). So the field and card
names below are frozen; templates and CSS may be polished, and such a change
reaches users as a note type update (see :mod:`azrs_quiz.anki.history`).

The cards use no JavaScript, so they work alike in Anki desktop, AnkiDroid and
AnkiMobile. The correct option of a multiple-choice card is marked by CSS alone:
the back wraps the card in ``class="answer-B"`` and the stylesheet highlights the
option whose class is ``option-b``. The same way, a reverse card whose "Add reverse"
field says ``retired`` (its cue no longer has one answer) shows why it was retired
instead of its question: a card once shipped never turns blank.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from azrs_quiz.anki.ids import FACT_MODEL_ID, MULTIPLE_CHOICE_MODEL_ID

#: The option letters a multiple-choice note has fields for.
OPTION_LETTERS = ("A", "B", "C", "D", "E")


@dataclass(frozen=True)
class CardTemplate:
    """One kind of card a note type makes: its name and the front and back templates."""

    name: str
    front: str
    back: str


@dataclass(frozen=True)
class NoteType:
    """A note type as Anki sees it: id, name, field names, card templates and CSS."""

    id: int
    name: str
    fields: tuple[str, ...]
    templates: tuple[CardTemplate, ...]
    css: str

    def fingerprint(self) -> str:
        """A short hash of everything Anki stores for the note type, to notice edits."""
        data = [self.id, self.name, self.fields, [[t.name, t.front, t.back] for t in self.templates], self.css]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


#: Shown (by the stylesheet) instead of the question when "Add reverse" says ``retired``.
RETIRED_REVERSE_TEXT = (
    "This reverse card is retired: its cue no longer points to one answer in this deck, "
    "or its fact left the deck. You can suspend or delete it."
)

CSS = """\
.card {
  --fg: #1f2328;
  --muted: #59636e;
  --accent: #0b5cad;
  --border: #d0d7de;
  --correct-fg: #116329;
  --correct-bg: #dafbe1;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.45;
  color: var(--fg);
  text-align: left;
  overflow-wrap: anywhere;
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  --fg: #e6edf3;
  --muted: #9198a1;
  --accent: #6cb6ff;
  --border: #3d444d;
  --correct-fg: #7ee787;
  --correct-bg: #1b3a26;
}
.azrs { max-width: 38em; margin: 0 auto; padding: 0 0.5em; overflow-wrap: anywhere; }
.topic { font-size: 0.7em; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); }
.prompt { font-weight: 600; margin: 0.3em 0 0.8em; }
.options { list-style: none; margin: 0; padding: 0; }
.option { border: 1px solid var(--border); border-radius: 8px; margin: 0.35em 0; padding: 0.4em 0.7em; }
.letter { display: inline-block; min-width: 1.5em; font-weight: 700; color: var(--accent); }
.answer-A .option-a, .answer-B .option-b, .answer-C .option-c, .answer-D .option-d, .answer-E .option-e {
  border-color: var(--correct-fg);
  background: var(--correct-bg);
  color: var(--correct-fg);
  font-weight: 600;
}
.answer-A .option-a::after, .answer-B .option-b::after, .answer-C .option-c::after,
.answer-D .option-d::after, .answer-E .option-e::after { content: " \\2713"; }
.key { font-weight: 600; }
.label { font-size: 0.75em; color: var(--muted); }
.cue { font-size: 1.15em; font-weight: 600; margin: 0.1em 0 0.6em; }
.ask { color: var(--accent); }
.reply { font-size: 1.15em; font-weight: 600; color: var(--correct-fg); }
.explanation { margin: 0.8em 0; }
.source, .credit { font-size: 0.7em; color: var(--muted); margin: 0.4em 0; overflow-wrap: anywhere; }
.source a, .credit a { color: inherit; }
.reverse-retired .reverse-cue, .reverse-answer-retired .reverse-cue { display: none; }
.reverse-retired::after { display: block; margin: 0.6em 0; color: var(--muted); content: "RETIRED_REVERSE_TEXT"; }
""".replace("RETIRED_REVERSE_TEXT", RETIRED_REVERSE_TEXT)

_BACK_FOOTER = """\
{{#Explanation}}<p class="explanation">{{Explanation}}</p>{{/Explanation}}
{{#Source}}<p class="source">Source: {{Source}}</p>{{/Source}}
<p class="credit">{{Credit}}</p>"""


def _option_line(letter: str) -> str:
    lower = letter.lower()
    return (
        f'{{{{#{letter}}}}}<li class="option option-{lower}"><span class="letter">{letter}</span> '
        f"{{{{{letter}}}}}</li>{{{{/{letter}}}}}"
    )


_MC_FRONT = (
    '<div class="azrs">\n<div class="topic">{{Topic}}</div>\n<div class="prompt">{{Prompt}}</div>\n'
    '<ul class="options">\n' + "\n".join(_option_line(letter) for letter in OPTION_LETTERS) + "\n</ul>\n</div>"
)

_MC_BACK = (
    '<div class="answer-{{Answer}}">{{FrontSide}}</div>\n<hr id="answer">\n<div class="azrs">\n'
    '{{#Answer}}<p class="key">Answer: {{Answer}}</p>{{/Answer}}\n' + _BACK_FOOTER + "\n</div>"
)

MULTIPLE_CHOICE = NoteType(
    id=MULTIPLE_CHOICE_MODEL_ID,
    name="azrs_quiz multiple choice",
    fields=("Prompt", *OPTION_LETTERS, "Answer", "Topic", "Explanation", "Source", "Credit", "Question ID"),
    templates=(CardTemplate("Multiple choice", _MC_FRONT, _MC_BACK),),
    css=CSS,
)

_RECALL_FRONT = (
    '<div class="azrs">\n<div class="topic">{{Topic}}</div>\n<div class="label">{{Front label}}</div>\n'
    '<div class="cue">{{Front}}</div>\n<div class="ask">{{Back label}}?</div>\n</div>'
)
_RECALL_BACK = (
    '{{FrontSide}}\n<hr id="answer">\n<div class="azrs">\n<div class="reply">{{Back}}</div>\n'
    + _BACK_FOOTER
    + "\n</div>"
)
_REVERSE_FRONT = (
    '{{#Add reverse}}<div class="azrs reverse-{{Add reverse}}">\n<div class="topic">{{Topic}}</div>\n'
    '<div class="reverse-cue">\n<div class="label">{{Back label}}</div>\n'
    '<div class="cue">{{Back}}</div>\n<div class="ask">{{Front label}}?</div>\n</div>\n</div>{{/Add reverse}}'
)
_REVERSE_BACK = (
    '{{FrontSide}}\n<hr id="answer">\n<div class="azrs reverse-answer-{{Add reverse}}">\n'
    '<div class="reverse-cue reply">{{Front}}</div>\n' + _BACK_FOOTER + "\n</div>"
)

FACT = NoteType(
    id=FACT_MODEL_ID,
    name="azrs_quiz fact",
    fields=(
        "Front",
        "Back",
        "Front label",
        "Back label",
        "Add reverse",
        "Topic",
        "Explanation",
        "Source",
        "Credit",
        "Fact ID",
    ),
    templates=(
        CardTemplate("Recall", _RECALL_FRONT, _RECALL_BACK),
        CardTemplate("Reverse recall", _REVERSE_FRONT, _REVERSE_BACK),
    ),
    css=CSS,
)

#: Every note type of the deck, in the order they are written.
NOTE_TYPES: tuple[NoteType, ...] = (MULTIPLE_CHOICE, FACT)
