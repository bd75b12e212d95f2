"""The author's guide and the README's Python snippets run as written.

docs/authoring.md is run top to bottom in an empty folder: each ``sh`` block in bash
(exit 0 unless its last line says ``# exits N``), each ``text`` block right after one
is its exact output, ``python`` blocks run, ``json`` and ``yaml`` blocks parse.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from azrs_quiz.facts.scaffold import new_pack

ROOT = Path(__file__).parents[1]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)
EXITS = re.compile(r"#\s*exits (\d+)\s*$")


def blocks(path: Path) -> list[tuple[str, str]]:
    """The fenced blocks of a Markdown file: (language, text), in order."""
    return [(match[1], match[2]) for match in FENCE.finditer(path.read_text(encoding="utf-8"))]


def shell(script: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in bash in ``folder`` with this Python's azrs-quiz first on PATH."""
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    environment.pop("NO_COLOR", None)
    return subprocess.run(
        ["bash", "-c", script], cwd=folder, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_the_authoring_guide_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    guide = blocks(ROOT / "docs" / "authoring.md")
    namespace: dict[str, object] = {}
    last_output: str | None = None
    for number, (language, text) in enumerate(guide, start=1):
        where = f"block {number} ({language}) of docs/authoring.md:\n{text}"
        if language == "sh":
            result = shell(text, tmp_path)
            wanted = EXITS.search(text.rstrip().splitlines()[-1])
            assert result.returncode == (int(wanted[1]) if wanted else 0), f"{where}\n{result.stdout}{result.stderr}"
            last_output = result.stdout + result.stderr
        elif language == "text":
            assert last_output is not None, f"{where}\nan output block needs a command before it"
            assert last_output == text, where
            last_output = None
        elif language == "python":
            exec(compile(text, "docs/authoring.md", "exec"), namespace)
        elif language == "json":
            json.loads(text)
        elif language == "yaml":
            yaml.safe_load(text)
        else:
            pytest.fail(f"{where}\nno rule to run a {language!r} block")
    assert (tmp_path / "my-pack.apkg").stat().st_size > 0
    assert (tmp_path / "my-pack.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.slow
def test_every_python_snippet_in_the_readme_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    new_pack(tmp_path / "my-pack")  # the README's examples use a pack of that name
    namespace: dict[str, object] = {}
    snippets = [text for language, text in blocks(ROOT / "README.md") if language == "python"]
    assert snippets
    for text in snippets:  # in order, sharing names, as a reader would run them
        exec(compile(text, "README.md", "exec"), namespace)
