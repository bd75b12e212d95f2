"""A quiz as one self-contained HTML page: works offline, from a USB stick or any static host.

The page is ``page.html`` with ``page.css`` and ``page.js`` inlined, and the questions
as a JSON data block the script reads. Everything from the content reaches the page
either escaped by :func:`html.escape` (title, credit) or as JSON the script sets with
``textContent``, never parsed as HTML. A Content-Security-Policy ``<meta>`` allows only
that one script and that one style, by their hashes, and no other resource. No clock,
no randomness: the same questions and content give the same bytes.

With ``typed``, questions whose answer is short enough to type (dates, amounts, names,
places, parties) are asked with a text box, marked in the browser from the forms
:func:`azrs_quiz.questions.marking.answer_key` accepts and refuses; the script repeats
only :func:`~azrs_quiz.questions.marking.normalize` and the near-miss rule.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Sequence
from importlib import resources
from string import Template
from typing import Any

from azrs_quiz._version import __version__
from azrs_quiz.exports._shared import clean_text
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import TOPICS, PackMeta
from azrs_quiz.questions import marking
from azrs_quiz.questions.model import Question
from azrs_quiz.text import plural

#: Licences the page can name and link to, by their SPDX id (others are shown as written).
LICENCES = {
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}

#: Characters escaped inside the JSON data block, so no text can end it or be read as markup.
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def export(questions: Sequence[Question], content: Content, /, *, typed: bool = False) -> str:
    """``azrs-quiz export html``: the questions as a quiz page (typed answers where short, with ``typed``)."""
    return quiz_page(questions, content, typed=typed)


def quiz_page(questions: Sequence[Question], content: Content, *, typed: bool = False) -> str:
    """The whole page: markup, style, script and the questions, in one UTF-8 text."""
    data = page_data(questions, content, typed=typed)
    style = _asset("page.css")
    script = _asset("page.js")
    policy = "; ".join(
        [
            "default-src 'none'",
            f"script-src '{csp_hash(script)}'",
            f"style-src '{csp_hash(style)}'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    topics = [topic for topic in TOPICS if any(question.topic == topic for question in questions)]
    typed_count = sum(1 for question in data["questions"] if "typed" in question)
    typed_note = f", {typed_count} of them with typed answers" if typed else ""
    # Only the packs the questions come from: a page drawn from one pack credits that one.
    asked = {content.record_packs.get(question.fact_id) for question in questions}
    packs = [pack for pack in content.packs if pack.id in asked] or list(content.packs)
    languages = {pack.language for pack in packs}
    fields = {
        "language": _text(languages.pop() if len(languages) == 1 else "en"),
        "policy": policy,  # ours: no double quote, no markup
        "version": _text(__version__),
        # The first pack names the quiz; the credit below names every pack asked from.
        "title": _text(packs[0].title if packs else "azrs-quiz"),
        "count": _text(plural(len(questions), "question")),
        "typed_note": _text(typed_note),
        "topics": _text(", ".join(topics)),
        "credit": "\n".join(credit_html(pack) for pack in packs),
        "style": style,
        "script": script,
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES),
    }
    return Template(_asset("page.html")).substitute(fields)


def page_data(questions: Sequence[Question], content: Content, *, typed: bool = False) -> dict[str, Any]:
    """What the script reads: the questions, their sources' links, and the typed answers' forms."""
    questions_data = [_question_data(question, content, typed=typed) for question in questions]
    identity = json.dumps([question["id"] for question in questions_data] + [typed], separators=(",", ":"))
    return {
        # Names this quiz's saved progress in the browser: the same questions share it.
        "id": hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16],
        "typed": typed,
        "nearMissMinLength": marking.NEAR_MISS_MIN_LENGTH,
        "topics": list(TOPICS),
        # Each source once, by id: questions name theirs.
        "sources": _sources(questions, content),
        "questions": questions_data,
    }


def credit_html(pack: PackMeta) -> str:
    """The credit one pack asks for, with its licence and source linked, as an HTML paragraph."""
    parts = [html.escape(clean_text(pack.attribution))]
    name, url = LICENCES.get(pack.licence, (pack.licence, None))
    licence = _link(url, name) if url else html.escape(name)
    parts.append(f"Licence: {licence}.")
    if pack.source_url:
        parts.append(f"Source: {_link(pack.source_url, pack.title)}.")
    return f"<p>{' '.join(parts)}</p>"


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _question_data(question: Question, content: Content, *, typed: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "topic": question.topic,
        "prompt": clean_text(question.prompt),
        "options": [clean_text(option) for option in question.options],
        "answer": question.answer,
        "explanation": clean_text(question.explanation),
        "sources": [_source_key(question, number) for number in range(len(question.citations))],
    }
    if typed and marking.typable(question):
        key = marking.answer_key(question, content)
        data["typed"] = {"shown": key.shown, "accepted": list(key.accepted), "refused": list(key.refused)}
    return data


def _source_key(question: Question, number: int) -> str:
    # The source's id; a citation without one is keyed by its own text.
    return question.sources[number] if number < len(question.sources) else question.citations[number]


def _sources(questions: Sequence[Question], content: Content) -> dict[str, dict[str, str]]:
    """Each citation with a link: the source's own, else the page of the pack that cites it."""
    sources: dict[str, dict[str, str]] = {}
    for question in questions:
        for number, citation in enumerate(question.citations):
            key = _source_key(question, number)
            if key in sources:
                continue
            entry = sources[key] = {"text": clean_text(citation)}
            source = content.sources.get(key)
            pack = content.pack_of(key)
            if source is not None and source.url:
                entry["url"] = source.url
            elif pack is not None and pack.source_url:
                entry["url"] = pack.source_url
                entry["via"] = pack.title
    return sources


def _link(url: str, text: str) -> str:
    # Only web links: a "javascript:" address in content must never become clickable.
    if not url.startswith(("https://", "http://")):
        return html.escape(text)
    return f'<a href="{html.escape(url)}" rel="noopener noreferrer">{html.escape(text)}</a>'


def _text(text: str) -> str:
    return html.escape(clean_text(text))


def _asset(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
