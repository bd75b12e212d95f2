"""Content parsed ahead in a forked child loads exactly as content read by the loader itself."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from helpers.paths import DATA, TINY_PACK
from helpers.processes import no_child_left

from azrs_quiz import parts
from azrs_quiz.errors import ContentError, ContentNotFound
from azrs_quiz.facts import yamlfile
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.loader import load_content, load_content_reading
from azrs_quiz.facts.prefetch import content_parsed_ahead, load_content_parsed_ahead
from benchmarks.synthetic import write_synthetic_pack

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parts are forked on Linux only")

BAD_PACKS = sorted((DATA / "bad").iterdir())


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two children to parse in, one per core, on a machine of any size."""
    monkeypatch.setattr(parts, "_usable_cores", lambda: 2)


def test_the_bundled_content_parsed_ahead_is_the_bundled_content(bundled_content: Content) -> None:
    assert load_content_parsed_ahead(None) == bundled_content
    assert no_child_left()


def test_a_large_pack_parsed_ahead_is_the_same_pack(tmp_path: Path) -> None:
    pack = write_synthetic_pack(tmp_path / "big", 400)

    assert load_content_parsed_ahead(pack) == load_content(pack)


def test_valid_files_are_parsed_in_the_children_while_this_process_is_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parsing_here(path: Path) -> None:
        raise AssertionError(f"{path} was parsed in the parent")

    with content_parsed_ahead(TINY_PACK) as read:
        monkeypatch.setattr(yamlfile, "read_yaml", no_parsing_here)  # after the fork: this process only
        time.sleep(1)  # importing, say: the children take every file meanwhile
        content = load_content_reading(TINY_PACK, read)
    monkeypatch.undo()

    assert content == load_content(TINY_PACK)


@pytest.mark.parametrize("bad", BAD_PACKS, ids=[path.name for path in BAD_PACKS])
def test_a_broken_pack_gives_the_loaders_own_problems(bad: Path) -> None:
    with pytest.raises(ContentError) as read_here:
        load_content(bad)
    with pytest.raises(ContentError) as read_ahead:
        load_content_parsed_ahead(bad)

    assert read_ahead.value.problems == read_here.value.problems
    assert no_child_left()


def test_a_fifo_is_refused_by_name_without_waiting(tmp_path: Path) -> None:
    copy = Path(shutil.copytree(TINY_PACK, tmp_path / "pack"))
    os.mkfifo(copy / "more.yaml")

    with pytest.raises(ContentError, match="is a named pipe"):
        load_content_parsed_ahead(copy)
    assert no_child_left()


def test_a_missing_path_is_reported_as_the_loader_reports_it(tmp_path: Path) -> None:
    with pytest.raises(ContentNotFound, match="does not exist"):
        load_content_parsed_ahead(tmp_path / "nowhere")


def test_a_file_the_child_never_listed_is_read_here(tmp_path: Path) -> None:
    copy = Path(shutil.copytree(TINY_PACK, tmp_path / "pack"))
    (copy / "facts.yaml").unlink()
    with content_parsed_ahead(copy) as read:
        (copy / "facts.yaml").write_bytes((TINY_PACK / "facts.yaml").read_bytes())  # after the listing
        content = load_content_reading(copy, read)

    assert content == load_content(copy)


def test_a_child_still_parsing_is_stopped_when_the_block_fails() -> None:
    with pytest.raises(KeyboardInterrupt), content_parsed_ahead(TINY_PACK):
        raise KeyboardInterrupt
    assert no_child_left()
