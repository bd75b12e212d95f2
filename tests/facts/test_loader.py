"""load_content and the Content it returns: the library side of loading packs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers.paths import DATA, TINY_PACK

from azrs_quiz.errors import ContentError, ContentNotFound, ContentProblem
from azrs_quiz.facts import yamlfile
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.loader import bundled_content_path, load_content
from azrs_quiz.facts.yamlfile import USING_LIBYAML

PACK_YAML = "id: big\ntitle: Big\nlicence: CC-BY-SA-4.0\nattribution: Test data.\n"


def _problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(path)
    return [str(problem).replace(f"{path}/", "") for problem in caught.value.problems]


class TestTinyPack:
    def test_counts_every_kind(self, tiny_content: Content) -> None:
        assert tiny_content.counts() == {
            "packs": 1,
            "sources": 2,
            "people": 6,
            "places": 7,
            "organisations": 1,
            "events": 3,
            "agreements": 2,
            "figures": 1,
            "doubts": 1,
        }

    def test_records_keep_the_order_of_their_files(self, tiny_content: Content) -> None:
        assert list(tiny_content.events) == ["embassy-opened", "relations-established", "state-visit"]
        assert [fact.id for fact in tiny_content.facts] == [
            "embassy-opened",
            "relations-established",
            "state-visit",
            "visa-agreement",
            "motorway-loan",
            "trade-2023",
            "president-a",
            "minister-b",
            "minister-c",
            "premier-d",
            "president-e",
            "premier-f",
        ]

    def test_facts_are_found_by_id(self, tiny_content: Content) -> None:
        assert tiny_content.fact("visa-agreement").topic == "agreements"
        with pytest.raises(KeyError):
            tiny_content.fact("baku")  # a place, not a fact

    def test_topics_and_attribution(self, tiny_content: Content) -> None:
        assert tiny_content.topics == ("dates", "people", "agreements")
        assert tiny_content.attribution == "Test data written for azrs_quiz's tests."

    def test_loaded_content_is_read_only(self, tiny_content: Content) -> None:
        with pytest.raises(TypeError):
            tiny_content.events["another"] = tiny_content.events["state-visit"]  # type: ignore[index]
        assert len(tiny_content.events) == 3

    def test_a_path_may_be_given_as_text(self) -> None:
        assert load_content(str(TINY_PACK)).counts()["events"] == 3


class TestBundledContent:
    def test_the_bundled_content_is_found_in_a_checkout(self) -> None:
        path = bundled_content_path()
        assert path.is_dir()
        assert any((child / "pack.yaml").is_file() for child in path.iterdir())

    def test_the_bundled_content_validates_and_covers_the_three_quiz_topics(self, bundled_content: Content) -> None:
        assert {"dates", "people", "agreements"} <= set(bundled_content.topics)
        assert len(bundled_content.packs) >= 1
        for fact in bundled_content.facts:
            assert fact.sources, fact.id


class TestErrors:
    def test_a_missing_path(self, tmp_path: Path) -> None:
        with pytest.raises(ContentNotFound) as caught:
            load_content(tmp_path / "nowhere")
        assert str(caught.value) == f"content path '{tmp_path / 'nowhere'}' does not exist"

    def test_a_file_is_not_a_pack(self) -> None:
        with pytest.raises(ContentNotFound) as caught:
            load_content(TINY_PACK / "facts.yaml")
        assert "is not a folder" in str(caught.value)

    def test_problems_are_structured_and_the_message_lists_them_all(self) -> None:
        folder = DATA / "bad" / "wrong-type"
        with pytest.raises(ContentError) as caught:
            load_content(folder)
        first = caught.value.problems[0]
        assert first == ContentProblem(
            folder / "facts.yaml", 3, "sources[0].number", "must be a whole number (got '1')"
        )
        message = str(caught.value)
        assert message.splitlines()[-1] == "5 problems found"
        assert message.count("\n") == 5

    def test_problems_are_sorted_file_by_file_and_line_by_line(self, tmp_path: Path) -> None:
        pack = shutil.copytree(TINY_PACK, tmp_path / "tiny")
        (pack / "a.yaml").write_text("events:\n  - id: x\n", encoding="utf-8")
        facts = (pack / "facts.yaml").read_text(encoding="utf-8")
        (pack / "facts.yaml").write_text(
            facts.replace("[ref-2]", "[ref-9]").replace("place: baku", "place: bak"), encoding="utf-8"
        )
        problems = _problems(pack)
        assert [problem.split(":")[0] for problem in problems] == ["a.yaml"] * 4 + ["facts.yaml"] * 11
        lines = [int(problem.split(":")[1]) for problem in problems if problem.startswith("facts.yaml")]
        assert lines == sorted(lines)


class TestFiles:
    def test_bom_and_windows_line_endings_are_fine(self, tmp_path: Path) -> None:
        pack = shutil.copytree(TINY_PACK, tmp_path / "tiny")
        for file in pack.glob("*.yaml"):
            text = file.read_text(encoding="utf-8")
            file.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
        assert load_content(pack).counts() == load_content(TINY_PACK).counts()

    def test_subfolders_and_yml_files_are_read_and_hidden_files_skipped(self, tmp_path: Path) -> None:
        pack = shutil.copytree(TINY_PACK, tmp_path / "tiny")
        (pack / "people").mkdir()
        (pack / "facts.yaml").rename(pack / "people" / "facts.yml")
        (pack / ".#facts.yaml").write_text("not: [valid", encoding="utf-8")
        (pack / "notes.txt").write_text("not content", encoding="utf-8")
        assert load_content(pack).counts() == load_content(TINY_PACK).counts()

    def test_yaml_dates_stay_partial(self, tiny_content: Content) -> None:
        # An unquoted 1997-08-21 is a YAML timestamp; it must arrive as a day-precision date.
        date = tiny_content.events["relations-established"].date
        assert date is not None
        assert (date.precision, str(date)) == ("day", "21 August 1997")

    def test_the_fast_libyaml_parser_is_used_when_present(self) -> None:
        assert yaml.__with_libyaml__ == USING_LIBYAML


def _write_big_pack(folder: Path, count: int, *, place: str = "baku") -> Path:
    folder.mkdir()
    (folder / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    parts = [
        "sources:\n  - id: ref-1\n    title: A book\nplaces:\n  - id: baku\n    name: Baku\n    kind: city\nevents:\n"
    ]
    parts += [
        f"  - id: event-{index}\n    topic: dates\n    date: {1900 + index % 120}-{1 + index % 12:02d}-{1 + index % 28:02d}\n"
        f"    what: event {index} happened\n    place: {place}\n    explanation: Context {index}.\n"
        f"    sources: [ref-1]\n    prompts:\n      when: When did event {index} happen?\n"
        for index in range(count)
    ]
    (folder / "facts.yaml").write_text("".join(parts), encoding="utf-8")
    return folder


class TestScale:
    """Large packs load completely; how fast is measured by benchmarks/bench_bank.py, not asserted here."""

    @pytest.mark.slow
    def test_ten_thousand_facts_load(self, tmp_path: Path) -> None:
        content = load_content(_write_big_pack(tmp_path / "large", 10_000))

        assert len(content.facts) == 10_000
        assert content.events["event-9999"].what == "event 9999 happened"

    @pytest.mark.slow
    def test_lines_stay_exact_deep_into_a_large_file(self, tmp_path: Path) -> None:
        large = _write_big_pack(tmp_path / "large", 3_000, place="bak")
        problems = _problems(large)
        assert len(problems) == 3_000
        assert problems[1] == "facts.yaml:22: events[1].place: unknown place 'bak'; did you mean 'baku'?"
        assert problems[-1] == "facts.yaml:27004: events[2999].place: unknown place 'bak'; did you mean 'baku'?"


def _problem_places(folder: Path) -> list[tuple[Path, int | None, str]] | str:
    try:
        load_content(folder)
    except ContentError as error:
        return [(problem.path, problem.line, problem.field) for problem in error.problems]
    return "valid"


@pytest.mark.parametrize("folder", [TINY_PACK, *sorted((DATA / "bad").iterdir())], ids=lambda folder: folder.name)
def test_the_pure_python_parser_finds_the_same_problems(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # PyYAML built without libyaml falls back to its pure-Python parser: same problems, same places.
    with_libyaml = _problem_places(folder)
    monkeypatch.setattr(yamlfile, "_StrictLoader", yamlfile.strict_loader(yaml.SafeLoader))
    pure = _problem_places(folder)
    if folder.name == "deeply-nested":  # Python's recursion limit stops it before libyaml's depth limit
        assert isinstance(pure, list) and len(pure) == 1 and pure[0][2] == "yaml"
    else:
        assert pure == with_libyaml


def test_each_record_knows_its_pack(bundled_content: Content) -> None:
    assert [pack.id for pack in bundled_content.packs] == ["azerbaijan-serbia", "related-relations"]
    event = next(iter(bundled_content.events))
    pack = bundled_content.pack_of(event)
    assert pack is not None and pack.id == "azerbaijan-serbia"
    related = next(fact.id for fact in bundled_content.facts if fact.topic == "related")
    related_pack = bundled_content.pack_of(related)
    assert related_pack is not None and related_pack.id == "related-relations"
    assert bundled_content.pack_of("no-such-record") is None
