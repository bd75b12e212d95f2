"""Reading an exported quiz page back: its data block, its inline script and style (no tests here)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from helpers.paths import TINY_PACK

#: Text that would run script or load something if a page ever parsed content as HTML.
HOSTILE_PROMPT = "<script>window.pwned = 'prompt'</script> When did Serbia open its embassy?"
HOSTILE_OPTION_TEXT = '"><img src=x onerror="window.pwned = \'option\'">'
HOSTILE_EXPLANATION = "</script><script>window.pwned = 'explanation'</script> & it's <b>bold</b>"
HOSTILE_CREDIT = "Credit </script><img src=https://example.com/x.png onerror=\"window.pwned='credit'\"> & co"


def data_of(page: str) -> dict[str, Any]:
    """The JSON the page's script reads."""
    match = re.search(r'<script type="application/json" id="quiz-data">(.*?)</script>', page, re.S)
    assert match, "no data block"
    document: dict[str, Any] = json.loads(match.group(1))
    return document


def inline(page: str, tag: str) -> list[str]:
    """The text of every inline ``<script>`` (without a type) or ``<style>`` of the page."""
    opening = "<script>" if tag == "script" else "<style>"
    return re.findall(rf"{re.escape(opening)}(.*?)</{tag}>", page, re.S)


def hostile_pack(folder: Path) -> Path:
    """A copy of the tiny pack whose prompt, place name, explanation and credit try to inject markup."""
    pack = folder / "hostile"
    shutil.copytree(TINY_PACK, pack)
    facts = pack / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace(
        "When did Serbia open its embassy in Azerbaijan?", json.dumps(HOSTILE_PROMPT, ensure_ascii=False)
    )
    text = text.replace("The embassy opened early in the year.", json.dumps(HOSTILE_EXPLANATION))
    facts.write_text(text, encoding="utf-8")
    meta = pack / "pack.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            '"Test data written for azrs_quiz\'s tests."', json.dumps(HOSTILE_CREDIT)
        ),
        encoding="utf-8",
    )
    places = [path for path in pack.glob("*.yaml") if "name: Baku" in path.read_text(encoding="utf-8")]
    for path in places:
        path.write_text(
            path.read_text(encoding="utf-8").replace("name: Baku", f"name: {json.dumps(HOSTILE_OPTION_TEXT)}"),
            encoding="utf-8",
        )
    return pack
