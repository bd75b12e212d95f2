"""The wheel carries the content: build one, unpack it, and use it from elsewhere."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKOUT_PACKS = sorted(path.parent.name for path in (ROOT / "content").glob("*/pack.yaml"))


HAVE_HATCHLING = importlib.util.find_spec("hatchling") is not None


def _build(kind: str, out: Path) -> Path:
    if HAVE_HATCHLING:  # the build backend itself: fast, no network
        command = [sys.executable, "-m", "hatchling", "build", "-t", kind, "-d", str(out)]
    else:  # pip fetches the backend into an isolated build environment
        assert kind == "wheel"
        command = [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    (built,) = out.iterdir()
    return built


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build("wheel", tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def _run_from_elsewhere(unpacked: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH puts the unpacked wheel before site-packages, where the editable install
    # points at the checkout; -s drops the user site; cwd is another folder.
    environment = {**os.environ, "PYTHONPATH": str(unpacked)}
    return subprocess.run(
        [sys.executable, "-s", *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=60
    )


def test_the_checkout_has_content_to_ship() -> None:
    assert CHECKOUT_PACKS, "content/ has no pack (a folder with pack.yaml)"


def test_the_wheel_holds_the_package_its_types_marker_and_every_pack(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "azrs_quiz/py.typed" in names
    assert "azrs_quiz/cli/main.py" in names
    assert {f"azrs_quiz/content/{pack}/pack.yaml" for pack in CHECKOUT_PACKS} <= names
    shipped = {path.relative_to(ROOT).as_posix() for path in (ROOT / "content").rglob("*.yaml")}
    assert {f"azrs_quiz/{path}" for path in shipped} <= names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_the_unpacked_wheel_exports_a_quiz_page_with_its_script_and_style(unpacked: Path, tmp_path: Path) -> None:
    for name in ("page.html", "page.css", "page.js"):
        assert (unpacked / "azrs_quiz" / "exports" / "html" / name).is_file()
    result = _run_from_elsewhere(unpacked, tmp_path, "-m", "azrs_quiz", "export", "html", "--seed", "1", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "window.azrsMarking" in result.stdout and "prefers-color-scheme: dark" in result.stdout


def test_the_wheel_declares_the_console_script(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [name for name in archive.namelist() if name.endswith(".dist-info/entry_points.txt")]
    assert "azrs-quiz = azrs_quiz.cli.main:run" in archive.read(entry_points).decode()


def test_the_unpacked_wheel_finds_its_bundled_content_from_any_folder(unpacked: Path, tmp_path: Path) -> None:
    code = "import azrs_quiz, azrs_quiz.facts.loader as loader; print(azrs_quiz.__file__); print(loader.bundled_content_path())"
    result = _run_from_elsewhere(unpacked, tmp_path, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        str(unpacked / "azrs_quiz" / "__init__.py"),
        str(unpacked / "azrs_quiz" / "content"),
    ]


def test_python_dash_m_validate_from_the_unpacked_wheel_succeeds(unpacked: Path, tmp_path: Path) -> None:
    result = _run_from_elsewhere(unpacked, tmp_path, "-m", "azrs_quiz", "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"OK: {len(CHECKOUT_PACKS)} pack")
    # Nothing on stderr but validate's notes on facts that yield no question (as from a checkout).
    notes = [line for line in result.stderr.splitlines() if ": yields no question: " not in line]
    assert notes in ([], ["1 fact yields no question (azrs-quiz validate --explain lists what each fact yields)"])


def test_the_unpacked_wheel_reports_its_version(unpacked: Path, tmp_path: Path) -> None:
    result = _run_from_elsewhere(unpacked, tmp_path, "-m", "azrs_quiz", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("azrs-quiz, version ")


@pytest.mark.skipif(not HAVE_HATCHLING, reason="building an sdist here needs hatchling installed")
def test_the_sdist_carries_content_and_tests(tmp_path: Path) -> None:
    sdist = _build("sdist", tmp_path)
    names = {name.split("/", 1)[1] for name in tarfile.open(sdist).getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "azrs_quiz/py.typed", "tests/conftest.py"} <= names
    assert {f"content/{pack}/pack.yaml" for pack in CHECKOUT_PACKS} <= names
