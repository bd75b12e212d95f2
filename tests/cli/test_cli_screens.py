"""What reaches the screen: readable under an ASCII locale, and hints that fit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from helpers.paths import TINY_PACK

from azrs_quiz.cli.main import main
from azrs_quiz.cli.runner import readable


def test_an_ascii_locale_reads_content_characters_readably() -> None:
    assert readable("\u20ac300 million", "ascii") == "EUR 300 million"
    assert readable("Ljig\u2013Preljina", "ascii") == "Ljig-Preljina"
    assert readable("Vu\u010di\u0107, \u0110or\u0111e and \u018fliyev", "ascii") == "Vucic, Djordje and Aliyev"
    assert readable("\u201cquoted\u201d \u2026", "ascii") == '"quoted" ...'
    assert readable("\u4e2d", "ascii") == "?"
    assert readable("Vu\u010di\u0107", "utf-8") == "Vu\u010di\u0107"


def test_a_quiz_under_an_ascii_locale_shows_eur_not_question_marks() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "azrs_quiz", "quiz", "--content", str(TINY_PACK), "--seed", "0", "--count", "2"],
        input="a\nb\n",
        capture_output=True,
        text=True,
        encoding="ascii",
        errors="replace",
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0
    assert "a) EUR 300 million" in result.stdout
    assert "?300" not in result.stdout and "\ufffd" not in result.stdout


def test_the_way_past_a_damaged_file_repeats_the_data_dir_given(tmp_path: Path) -> None:
    data = tmp_path / "my data"
    data.mkdir()
    (data / "progress.sqlite3").write_bytes(b"\x00garbage" * 500)
    result = CliRunner().invoke(main, ["review", "--content", str(TINY_PACK), "--data-dir", str(data)])
    assert result.exit_code == 1
    hint = f"`azrs-quiz progress reset --yes --data-dir '{data}'`"
    assert hint in " ".join(result.stderr.split())
    # progress commands take no --content: the hint leaves it out.
    assert "reset --yes --content" not in result.stderr
