"""Parsed files kept apart: editing one file parses only that file, and nothing else changes."""

from __future__ import annotations

import json
import math
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azrs_quiz import cache, filecache, files
from azrs_quiz.cache import bank_snapshot, parsed_files_dir, snapshot_file
from azrs_quiz.cli.main import main
from azrs_quiz.errors import ContentError
from azrs_quiz.facts import yamlfile
from azrs_quiz.facts.bundled import bundled_content_path
from azrs_quiz.facts.loader import load_content
from azrs_quiz.filecache import is_plain
from tests.helpers.paths import TINY_PACK

POLITICS = Path("azerbaijan-serbia") / "politics.yaml"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the bundled content (two packs, many files) that a test may edit."""
    return Path(shutil.copytree(bundled_content_path(), tmp_path / "content"))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files parsed from YAML, in order, from now on."""
    seen: list[Path] = []
    parse = yamlfile.parse_yaml

    def counting(path: Path, raw: bytes) -> Any:
        seen.append(path)
        return parse(path, raw)

    monkeypatch.setattr(yamlfile, "parse_yaml", counting)
    return seen


def _yaml_files(root: Path) -> set[Path]:
    """The files the loader reads: every YAML file but the packs' reviews."""
    return {path for path in root.rglob("*.yaml") if path.name != "review.yaml"}


def _edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def _rewrite_first_explanation(text: str, new: str = "Rewritten for the test.") -> str:
    return re.sub(r"explanation: .+", f"explanation: {new}", text, count=1)


def _outcome(load: Callable[[], Any]) -> Any:
    """What loading gives: the bank with its credit, or the problems it is refused with."""
    try:
        snapshot = load()
    except ContentError as error:
        return ("refused", str(error), [(str(p.path), p.line, p.field, p.message) for p in error.problems])
    return ("bank", list(snapshot.questions), snapshot.packs, dict(snapshot.record_packs))


def _uncached(root: Path) -> Any:
    return _outcome(lambda: bank_snapshot(root, use_cache=False))


def _entries() -> list[Path]:
    return sorted(parsed_files_dir().glob("*.json"))


def test_editing_one_file_parses_only_that_file(content: Path, parsed: list[Path]) -> None:
    bank_snapshot(content)
    assert set(parsed) == _yaml_files(content)  # a first run parses everything
    parsed.clear()
    _edit(content / POLITICS, _rewrite_first_explanation)

    cached = _outcome(lambda: bank_snapshot(content))

    assert parsed == [content / POLITICS]
    assert cached[0] == "bank"
    assert cached == _uncached(content)
    assert any(question.explanation.startswith("Rewritten for the test.") for question in cached[1])


def test_the_quiz_after_an_edit_prints_what_the_files_give(runner: CliRunner, content: Path) -> None:
    def quiz(*extra: str) -> str:
        args = ["quiz", "--no-color", "--content", str(content), "--seed", "3", "-n", "6", *extra]
        result = runner.invoke(main, args, input="a\n" * 6)
        assert result.exit_code == 0, result.output + result.stderr
        return re.sub(r"Time: \S+", "Time: -", result.output)

    quiz()
    _edit(content / POLITICS, _rewrite_first_explanation)
    _edit(content / "related-relations" / "sources.yaml", lambda text: text + "\n# a comment\n")

    assert quiz() == quiz("--no-cache")


def test_a_miss_reads_each_file_once(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: Counter[Path] = Counter()
    read = files.read_regular_file

    def counting(path: Path, **options: Any) -> bytes:
        reads[Path(path)] += 1
        return read(path, **options)

    monkeypatch.setattr(files, "read_regular_file", counting)
    monkeypatch.setattr(yamlfile, "read_regular_file", counting)

    bank_snapshot(content)

    # review.yaml is hashed (it lies under the content) but never loaded.
    assert set(reads) == _yaml_files(content) | set(content.rglob("review.yaml"))
    assert set(reads.values()) == {1}


@pytest.mark.parametrize(
    "garbage",
    ["empty", "other-name", "one-byte-changed", "cut-short", "valid-json-wrong-checksum", "not-utf8"],
)
def test_a_corrupt_entry_is_ignored_and_written_again(content: Path, parsed: list[Path], garbage: str) -> None:
    bank_snapshot(content)
    for entry in _entries():
        stored = entry.read_bytes()
        head, body = stored.split(b"\n", 1)
        corrupt = {
            "empty": b"",
            "other-name": b"0" * 40 + head[40:] + b"\n" + body,
            "one-byte-changed": stored[:-5] + bytes([stored[-5] ^ 1]) + stored[-4:],
            "cut-short": stored[: len(stored) // 2],
            "valid-json-wrong-checksum": head + b"\n" + json.dumps({"events": []}).encode(),
            "not-utf8": head + b"\n\xff\xfe",
        }[garbage]
        entry.write_bytes(corrupt)
    parsed.clear()
    _edit(content / POLITICS, _rewrite_first_explanation)

    assert _outcome(lambda: bank_snapshot(content)) == _uncached(content)

    parsed.clear()
    _edit(content / POLITICS, lambda text: _rewrite_first_explanation(text, "Rewritten again."))
    bank_snapshot(content)
    assert parsed == [content / POLITICS]  # the entries were written again


def test_entries_of_another_version_are_not_used(
    content: Path, parsed: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_snapshot(content)
    parsed.clear()
    monkeypatch.setattr(cache, "__version__", "99.0.0")

    bank_snapshot(content)

    assert set(parsed) == _yaml_files(content)


def test_entries_of_other_code_are_not_used(content: Path, parsed: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    bank_snapshot(content)
    parsed.clear()
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "other code")

    bank_snapshot(content)

    assert set(parsed) == _yaml_files(content)


def _first_id(path: Path) -> str:
    match = re.search(r"- id: (\S+)", path.read_text(encoding="utf-8"))
    assert match is not None
    return match.group(1)


#: Edits that make valid content invalid, each in one file; some problems lie in other, unchanged files.
INVALIDATING: dict[str, Callable[[Path], None]] = {
    "syntax": lambda root: _edit(root / POLITICS, lambda text: text + "\n  - [unclosed\n"),
    "unknown-field": lambda root: _edit(root / POLITICS, lambda text: text.replace("explanation:", "explanaton:", 1)),
    "duplicate-id-of-another-file": lambda root: _edit(
        root / POLITICS,
        lambda text: text.replace(
            f"- id: {_first_id(root / POLITICS)}", f"- id: {_first_id(root / 'azerbaijan-serbia' / 'visits.yaml')}", 1
        ),
    ),
    "referenced-record-renamed": lambda root: _edit(
        root / "azerbaijan-serbia" / "people.yaml",
        lambda text: text.replace(f"- id: {_first_id(root / 'azerbaijan-serbia' / 'people.yaml')}", "- id: nobody", 1),
    ),
    "duplicate-key": lambda root: _edit(
        root / POLITICS, lambda text: re.sub(r"(\n    explanation: [^\n]+)", r"\1\1", text, count=1)
    ),
    "not-utf8": lambda root: (root / POLITICS).write_bytes((root / POLITICS).read_bytes() + b"\n# \xff\n"),
}


@pytest.mark.parametrize("name", list(INVALIDATING))
def test_a_file_made_invalid_is_reported_as_the_files_report_it(content: Path, name: str) -> None:
    bank_snapshot(content)
    INVALIDATING[name](content)

    cached = _outcome(lambda: bank_snapshot(content))
    again = _outcome(lambda: bank_snapshot(content))  # a problem is never stored, so never served

    assert cached[0] == "refused"
    assert cached == again == _uncached(content)
    with pytest.raises(ContentError) as raised:
        load_content(content)
    assert cached[1] == str(raised.value)


def test_the_cli_reports_an_invalid_file_as_without_the_cache(runner: CliRunner, content: Path) -> None:
    args = ["quiz", "--content", str(content), "--seed", "1", "-n", "1"]
    assert runner.invoke(main, args, input="a\n").exit_code == 0
    INVALIDATING["referenced-record-renamed"](content)

    cached = runner.invoke(main, args, input="")
    uncached = runner.invoke(main, [*args, "--no-cache"], input="")

    assert cached.exit_code == uncached.exit_code == 1
    assert cached.stderr == uncached.stderr
    assert "visits.yaml:" in cached.stderr  # a file taken from the parsed ones: its lines are found all the same


def test_a_file_with_a_problem_is_parsed_every_time(content: Path, parsed: list[Path]) -> None:
    INVALIDATING["duplicate-key"](content)  # parses, but with a problem
    with pytest.raises(ContentError):
        bank_snapshot(content)
    parsed.clear()

    with pytest.raises(ContentError):
        bank_snapshot(content)

    assert parsed == [content / POLITICS]


def test_a_file_json_cannot_carry_is_parsed_every_time(tmp_path: Path, parsed: list[Path]) -> None:
    pack = Path(shutil.copytree(TINY_PACK, tmp_path / "tiny"))
    # An alias shares one list between two records: JSON would give two.
    _edit(pack / "facts.yaml", lambda text: text.replace("sources: [ref-2]", "sources: &shared [ref-2]", 1))
    _edit(pack / "facts.yaml", lambda text: text.replace("sources: [ref-2]", "sources: *shared", 1))
    bank_snapshot(pack)
    parsed.clear()
    _edit(pack / "sources.yaml", lambda text: text + "\n# edited\n")

    cached = _outcome(lambda: bank_snapshot(pack))

    assert sorted(parsed) == [pack / "facts.yaml", pack / "sources.yaml"]
    assert cached == _uncached(pack)


def test_old_entries_are_pruned_but_not_those_in_use(
    tmp_path: Path, parsed: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filecache, "MAX_ENTRIES", 4)
    pack = Path(shutil.copytree(TINY_PACK, tmp_path / "tiny"))
    bank_snapshot(pack)
    for number in range(5):
        _edit(pack / "facts.yaml", lambda text, n=number: _rewrite_first_explanation(text, f"Edit {n}."))
        bank_snapshot(pack)
        assert len(_entries()) <= 4
    parsed.clear()
    _edit(pack / "sources.yaml", lambda text: text + "\n# edited\n")
    bank_snapshot(pack)
    assert parsed == [pack / "sources.yaml"]  # the entries in use were kept


def test_entries_are_pruned_by_size_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = Path(shutil.copytree(TINY_PACK, tmp_path / "tiny"))
    bank_snapshot(pack)
    in_use = sum(entry.stat().st_size for entry in _entries())
    monkeypatch.setattr(filecache, "MAX_BYTES", in_use + 1)
    _edit(pack / "facts.yaml", _rewrite_first_explanation)
    bank_snapshot(pack)
    assert sum(entry.stat().st_size for entry in _entries()) <= in_use + 1 + 64


def test_entries_serve_when_their_use_cannot_be_recorded(
    tmp_path: Path, parsed: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = Path(shutil.copytree(TINY_PACK, tmp_path / "tiny"))
    bank_snapshot(pack)

    def refused(*args: Any, **options: Any) -> None:
        raise PermissionError("read-only cache")

    monkeypatch.setattr(filecache.os, "utime", refused)
    parsed.clear()
    _edit(pack / "sources.yaml", lambda text: text + "\n# edited\n")

    cached = _outcome(lambda: bank_snapshot(pack))

    assert parsed == [pack / "sources.yaml"]
    assert cached == _uncached(pack)


def test_no_cache_and_validate_keep_no_parsed_files(
    runner: CliRunner, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(main, ["quiz", "--content", str(content), "--no-cache"], input="").exit_code == 0
    assert runner.invoke(main, ["validate", str(content)]).exit_code == 0
    monkeypatch.setenv("AZRS_QUIZ_NO_CACHE", "1")
    assert runner.invoke(main, ["quiz", "--content", str(content)], input="").exit_code == 0
    assert not parsed_files_dir().exists()
    assert not snapshot_file(content).exists()


def test_an_unwritable_entry_folder_does_not_stop_a_quiz(runner: CliRunner, tmp_path: Path) -> None:
    pack = Path(shutil.copytree(TINY_PACK, tmp_path / "tiny"))
    parsed_files_dir().parent.mkdir(parents=True, exist_ok=True)
    parsed_files_dir().write_text("a file where the folder should be", encoding="utf-8")
    result = runner.invoke(main, ["quiz", "--content", str(pack), "-n", "1"], input="a\n")
    assert result.exit_code == 0, result.output + result.stderr
    assert _outcome(lambda: bank_snapshot(pack)) == _uncached(pack)


# Edits an author might make, valid or not, to one file of the tiny pack.
_EDITS: list[Callable[[str, int], str]] = [
    lambda text, at: text.replace("explanation: ", f"explanation: Edited {at} ", 1),
    lambda text, at: "\n".join(line for index, line in enumerate(text.split("\n")) if index != at % text.count("\n")),
    lambda text, at: "\n".join(
        line + ("\n" + line if index == at % text.count("\n") else "") for index, line in enumerate(text.split("\n"))
    ),
    lambda text, at: text[: at % len(text)] + ":" + text[at % len(text) :],
    lambda text, at: text.replace("ref-2", "ref-9", 1),
    lambda text, at: text + f"\n# comment {at}\n",
]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["facts.yaml", "sources.yaml"]), st.integers(0, len(_EDITS) - 1), st.integers(0, 999)
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_edits_load_as_the_files_load(edits: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(shutil.copytree(TINY_PACK, Path(folder) / "tiny"))
        bank_snapshot(pack)
        for name, edit, at in edits:
            path = pack / name
            path.write_text(_EDITS[edit](path.read_text(encoding="utf-8"), at), encoding="utf-8")
            assert _outcome(lambda: bank_snapshot(pack)) == _uncached(pack)


def _plain_values() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(max_size=3)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4)
            | st.tuples(inner)
        ),
        max_leaves=20,
    )


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 is not 1.0 nor True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) or (isinstance(a, float) and math.isnan(a) and math.isnan(b))


@given(_plain_values())
def test_what_is_plain_comes_back_from_json_exactly(value: Any) -> None:
    if is_plain(value):
        try:
            text = json.dumps(value, ensure_ascii=False)
            back = json.loads(text.encode("utf-8"))
        except UnicodeEncodeError:  # a lone surrogate: stored never, parsed every time
            return
        assert _same(back, value)


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), {1: "a"}, b"x", ("a",), {"a": [1, (2,)]}, {"a": {None: 1}}]
)
def test_what_json_would_change_is_not_plain(value: Any) -> None:
    assert not is_plain(value)


def test_shared_or_looping_data_is_not_plain() -> None:
    shared = ["ref"]
    looping: list[Any] = []
    looping.append(looping)
    assert not is_plain({"a": shared, "b": shared})
    assert not is_plain(looping)
    assert is_plain({"a": ["ref"], "b": ["ref"]})
