"""Hostile content packs: each is refused with a clear message, or works; never a crash, hang or flood."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from helpers.hostile import assert_clean_error, assert_no_raw_escapes, copy_tiny_pack, run_cli

pytestmark = pytest.mark.slow  # every case runs the real command in a subprocess

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and symbolic links are POSIX")


def _set_amount(pack: Path, value: str) -> None:
    facts = pack / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert "value: {value: 300000000" in text
    facts.write_text(text.replace("value: {value: 300000000", f"value: {{value: {value}"), encoding="utf-8")


@pytest.mark.parametrize("value", ["1e36", "'1.0e+300'", "'1e-999999999'", "1e-999999", "'1e+999999999'", "0.0000001"])
def test_an_amount_the_engine_cannot_word_is_refused_by_validate_and_quiz(tmp_path: Path, value: str) -> None:
    pack = copy_tiny_pack(tmp_path)
    _set_amount(pack, value)
    for command in (
        ["validate", pack],
        ["quiz", "--content", pack, "-n", "3"],
        ["export", "gift", "--content", pack, "-o", "-"],
    ):
        run = run_cli(*command, data_dir=tmp_path / "data")
        assert_clean_error(run, "agreements[1].value.value: must")


@pytest.mark.parametrize("value", ["999999999999999.999999", "0.000001", "123456789.5"])
def test_the_largest_and_smallest_valid_amounts_make_every_export(tmp_path: Path, value: str) -> None:
    pack = copy_tiny_pack(tmp_path)
    _set_amount(pack, f"'{value}'")
    for export in ("json", "csv", "gift", "moodle-xml"):
        run = run_cli("export", export, "--content", pack, "-o", tmp_path / f"out.{export}", data_dir=tmp_path / "data")
        assert run.status == 0, run.stderr
    run = run_cli("quiz", "--content", pack, "-n", "8", "--seed", "3", stdin="s\n" * 8, data_dir=tmp_path / "data")
    assert run.status == 0 and "Traceback" not in run.stderr
    assert max(len(line) for line in run.stdout.splitlines()) <= 80


@POSIX
def test_a_fifo_in_a_pack_is_refused_by_name_without_waiting(tmp_path: Path) -> None:
    pack = copy_tiny_pack(tmp_path)
    os.mkfifo(pack / "more.yaml")
    run = run_cli("validate", pack, data_dir=tmp_path / "data")
    assert_clean_error(run, "more.yaml:1: file: is a named pipe (FIFO), not a regular file")


@POSIX
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_linked_into_a_pack_is_refused_before_it_fills_the_memory(tmp_path: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    pack = copy_tiny_pack(tmp_path)
    (pack / "inner").mkdir()
    (pack / "inner" / "endless.yaml").symlink_to(device)
    run = run_cli("validate", pack, data_dir=tmp_path / "data")
    assert_clean_error(run, "endless.yaml: file: is a symbolic link to a file outside the pack folder")


@POSIX
def test_a_device_given_directly_as_a_pack_file_is_refused(tmp_path: Path) -> None:
    pack = copy_tiny_pack(tmp_path)
    (pack / "pack.yaml").unlink()
    (pack / "pack.yaml").symlink_to("/dev/zero")
    run = run_cli("validate", pack, data_dir=tmp_path / "data")
    assert_clean_error(run, "pack.yaml:1: file: is a character device, not a regular file")


def test_a_file_over_the_size_cap_is_refused_and_the_cap_can_be_raised(tmp_path: Path) -> None:
    pack = copy_tiny_pack(tmp_path)
    (pack / "notes.yaml").write_text("# padding\n" * 20_000 + "doubts: []\n", encoding="utf-8")
    small = {"AZRS_QUIZ_MAX_FILE_MB": "0.1"}
    run = run_cli("validate", pack, data_dir=tmp_path / "data", env=small)
    assert_clean_error(run, "notes.yaml:1: file: is larger than 0.1 MiB", "set AZRS_QUIZ_MAX_FILE_MB to allow more")
    run = run_cli("validate", pack, data_dir=tmp_path / "data", env={"AZRS_QUIZ_MAX_FILE_MB": "1"})
    assert run.status == 0 and run.stdout.startswith("OK: 1 pack"), run.stderr


@POSIX
def test_a_link_to_a_system_folder_beside_the_packs_is_not_walked(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    copy_tiny_pack(packs)
    (packs / "usr").symlink_to("/usr")
    run = run_cli("validate", packs, data_dir=tmp_path / "data")
    assert run.status == 0 and run.stdout.startswith("OK: 1 pack"), run.stderr


def test_a_thousand_nested_folders_are_walked_without_running_out_of_stack(tmp_path: Path) -> None:
    pack = copy_tiny_pack(tmp_path)
    folders = [pack / "d"]
    folders[0].mkdir()
    for _ in range(999):
        folders.append(folders[-1] / "d")
        try:
            folders[-1].mkdir()
        except OSError:  # the path grew longer than the system allows: deep enough
            folders.pop()
            break
    try:
        run = run_cli("validate", pack, data_dir=tmp_path / "data")
        assert "Traceback" not in run.stderr and run.status in (0, 1), run.stderr
    finally:  # pytest's own clean-up would recurse as deep as the folders go
        for folder in reversed(folders):
            folder.rmdir()


@pytest.mark.slow
def test_twenty_thousand_unknown_keys_are_each_reported_in_linear_time(tmp_path: Path) -> None:
    pack = copy_tiny_pack(tmp_path)
    lines = ["events:", "  - id: many-keys", "    topic: dates", "    what: a thing", "    explanation: x."]
    lines += ["    sources: [ref-1]", *(f"    unknown{number}: {number}" for number in range(20_000))]
    (pack / "many.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_cli("validate", pack, data_dir=tmp_path / "data")  # 18 s before, under the time limit now
    assert run.status == 1 and "Traceback" not in run.stderr
    problems = run.stderr.splitlines()
    assert problems[-1] == "20000 problems found"
    assert problems[-2].startswith(f"{pack}/many.yaml:20006: events[0].unknown19999: unknown key 'unknown19999'")


@POSIX
def test_a_line_break_in_a_file_name_cannot_forge_a_line_of_output(tmp_path: Path) -> None:
    pack = copy_tiny_pack(tmp_path)
    (pack / "x\nOK: 1 pack.yaml").write_text("bad: 1\n", encoding="utf-8")
    run = run_cli("validate", pack, data_dir=tmp_path / "data")
    assert_clean_error(run, "x\\u000aOK: 1 pack.yaml:1: bad: unknown key 'bad'")
    assert not any(line.startswith("OK") for line in run.stderr.splitlines())


def test_escape_sequences_in_content_are_shown_escaped_in_a_piped_quiz(tmp_path: Path) -> None:
    pack = copy_tiny_pack(tmp_path)
    facts = pack / "facts.yaml"
    hostile = '"The embassy \\e[2J\\e]0;PWNED\\a opened \\u202eearly\\u009b in the year."'
    text = facts.read_text(encoding="utf-8").replace("The embassy opened early in the year.", hostile)
    facts.write_text(text, encoding="utf-8")
    run = run_cli("quiz", "--content", pack, "-n", "8", "--seed", "1", stdin="s\n" * 8, data_dir=tmp_path / "data")
    assert run.status == 0, run.stderr
    assert "The embassy \\u001b[2J\\u001b]0;PWNED opened \\u202eearly\\u009b in the year." in run.stdout
    assert_no_raw_escapes(run)


def test_an_export_piped_to_a_file_keeps_the_text_as_written(tmp_path: Path) -> None:
    pack = copy_tiny_pack(tmp_path)
    facts = pack / "facts.yaml"
    hostile = '"The embassy \\u202eopened\\u009b early in the year."'
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("The embassy opened early in the year.", hostile), encoding="utf-8"
    )
    written = tmp_path / "bank.json"
    assert run_cli("export", "json", "--content", pack, "-o", written, data_dir=tmp_path / "data").status == 0
    piped = run_cli("export", "json", "--content", pack, "-o", "-", data_dir=tmp_path / "data")
    assert piped.status == 0
    assert piped.stdout == written.read_text(encoding="utf-8")
    assert "\u202eopened\u009b" in piped.stdout  # kept as written: only a terminal gets escapes
