"""Output paths and standard streams that fail: one line naming the path or stream and the cause, nothing left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.hostile import assert_clean_error, run_cli

from azrs_quiz.atomic import STALE_AFTER_SECONDS, temporary_folder, write_text_atomically
from azrs_quiz.errors import OutputError

pytestmark = pytest.mark.slow  # most cases run the real command in a subprocess
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices, signals and /dev/full are POSIX")


def _export(tmp_path: Path, output: str | Path, *more: str) -> object:
    return run_cli("export", "json", "-o", output, *more, data_dir=tmp_path / "data")


def test_a_parent_that_is_a_file_is_one_line_naming_it(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    run = _export(tmp_path, tmp_path / "file" / "bank.json")
    assert_clean_error(run, f"cannot write '{tmp_path}/file/bank.json': a part of its folder is a file")  # type: ignore[arg-type]


def test_a_name_too_long_is_one_line_naming_it(tmp_path: Path) -> None:
    run = _export(tmp_path, tmp_path / ("n" * 300 + ".json"))
    assert_clean_error(run, "File name too long")  # type: ignore[arg-type]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="permissions cannot stop root")
def test_an_unwritable_folder_is_one_line_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    assert_clean_error(_export(tmp_path, folder / "bank.json"), "Permission denied")  # type: ignore[arg-type]


@POSIX
def test_force_replaces_only_a_regular_file(tmp_path: Path) -> None:
    target = tmp_path / "target.json"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert_clean_error(_export(tmp_path, link, "--force"), "is a symbolic link; only a regular file is replaced")  # type: ignore[arg-type]
    assert_clean_error(_export(tmp_path, fifo, "--force"), "is a named pipe (FIFO); only a regular file is replaced")  # type: ignore[arg-type]
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"
    assert fifo.exists() and not fifo.is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fifo.json", "link.json", "target.json"]


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    def failing(temporary: Path) -> None:
        temporary.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    from azrs_quiz.atomic import write_atomically

    with pytest.raises(OutputError, match=r"cannot write '.*out.json': No space left on device"):
        write_atomically(tmp_path / "out.json", failing)
    assert list(tmp_path.iterdir()) == []


def test_temporary_files_a_killed_run_left_are_swept_by_the_next_write(tmp_path: Path) -> None:
    stale = tmp_path / ".out.json.abcd1234.tmp"
    fresh = tmp_path / ".out.json.efgh5678.tmp"  # perhaps another run writing right now
    for path in (stale, fresh):
        path.write_bytes(b"")
    old = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(stale, (old, old))
    write_text_atomically(tmp_path / "out.json", "{}")
    assert sorted(path.name for path in tmp_path.iterdir()) == [fresh.name, "out.json"]


def test_a_temporary_folder_in_use_is_never_swept_even_when_the_clock_jumps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another export's folder (a running process: ours) and a killed run's (a pid that is gone).
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    in_use = tmp_path / f"azrs-anki-{os.getpid()}-abcd"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    left_behind = tmp_path / f"azrs-anki-{gone.pid}-efgh"
    for folder in (in_use, left_behind):
        folder.mkdir()
    # A clock a day and more ahead makes both look stale; only the dead run's folder may go.
    later = time.time() + STALE_AFTER_SECONDS + 60
    monkeypatch.setattr(time, "time", lambda: later)
    with temporary_folder("azrs-anki-") as folder:
        assert folder.name.startswith(f"azrs-anki-{os.getpid()}-")
        assert in_use.is_dir()
        assert not left_behind.exists()


@POSIX
def test_sigterm_during_an_export_leaves_no_temporary_file(tmp_path: Path) -> None:
    from benchmarks.synthetic import write_synthetic_pack

    pack = write_synthetic_pack(tmp_path / "pack", 1500)
    environment = {**os.environ, "AZRS_QUIZ_DATA_DIR": str(tmp_path / "data"), "TMPDIR": str(tmp_path)}
    out = tmp_path / "out"
    out.mkdir()
    command = [
        sys.executable,
        "-m",
        "azrs_quiz",
        "export",
        "anki",
        "--content",
        str(pack),
        "-o",
        str(out / "deck.apkg"),
    ]
    child = subprocess.Popen(command, env=environment, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob("azrs-anki-*")) and child.poll() is None:
        time.sleep(0.02)
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=60)
    assert "Traceback" not in stderr
    assert child.returncode in (0, 128 + signal.SIGTERM)
    assert [path.name for path in out.iterdir()] in ([], ["deck.apkg"])  # no .tmp beside it
    assert not list(tmp_path.glob("azrs-anki-*"))


@POSIX
def test_a_closed_standard_output_is_an_error_not_a_claim(tmp_path: Path) -> None:
    for command in (["export", "json", "-o", "-"], ["stats"], ["quiz", "-n", "1"]):
        environment = {**os.environ, "AZRS_QUIZ_DATA_DIR": str(tmp_path / "data")}
        completed = subprocess.run(
            [sys.executable, "-m", "azrs_quiz", *command],
            input="a\n",
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            timeout=60,
            preexec_fn=lambda: os.close(1),
        )
        assert completed.returncode == 1, completed.stderr
        assert completed.stderr.strip().splitlines()[-1] == "Error: cannot write to standard output: it is closed"
        assert "Wrote" not in completed.stderr and "Traceback" not in completed.stderr


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_standard_output_is_an_error(tmp_path: Path) -> None:
    for command in (["export", "json", "-o", "-"], ["stats"], ["export", "anki", "-o", "-"]):
        with open("/dev/full", "w") as full:
            run = run_cli(*command, data_dir=tmp_path / "data", stdout=full)
        assert_clean_error(run, "Error: cannot write to standard output: No space left on device")  # type: ignore[arg-type]
        assert "Wrote" not in run.stderr


def test_a_reader_that_goes_away_ends_the_export_silently(monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: this sandbox's pipes accept writes after the reader has gone.
    import io

    from azrs_quiz.cli.main import main

    class GoneReader(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    errors = io.StringIO()
    monkeypatch.setattr(sys, "stdout", GoneReader())
    monkeypatch.setattr(sys, "stderr", errors)
    with pytest.raises(SystemExit) as exited:
        main.main(["export", "json", "-o", "-"], prog_name="azrs-quiz")
    assert exited.value.code == 1
    assert errors.getvalue() == ""


@POSIX
def test_a_closed_standard_input_is_an_error_not_an_empty_session(tmp_path: Path) -> None:
    for command, expected in (
        (["quiz", "-n", "1"], "Error: cannot read standard input: it is closed"),
        (["progress", "import", "-"], "Error: cannot read standard input: it is closed"),
    ):
        environment = {**os.environ, "AZRS_QUIZ_DATA_DIR": str(tmp_path / "data")}
        completed = subprocess.run(
            [sys.executable, "-m", "azrs_quiz", *command],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
            preexec_fn=lambda: os.close(0),
        )
        assert completed.returncode == 1, completed.stderr
        assert completed.stderr.strip().splitlines()[-1] == expected
