"""quick_init: a frozen dataclass made through its own __init__'s signature, as frozen as ever."""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azrs_quiz.anki.notes import NoteSpec
from azrs_quiz.frozen import quick_init
from azrs_quiz.questions.model import Question
from azrs_quiz.questions.stems import Draft


@dataclasses.dataclass(frozen=True)
class _Written:
    name: str
    count: int = 3
    tags: tuple[str, ...] = ()


@quick_init
@dataclasses.dataclass(frozen=True)
class _Quick:
    name: str
    count: int = 3
    tags: tuple[str, ...] = ()


def test_the_signature_is_the_dataclasss_own() -> None:
    assert str(inspect.signature(_Quick)) == str(inspect.signature(_Written))
    for cls in (Question, Draft, NoteSpec):
        assert list(inspect.signature(cls).parameters) == [field.name for field in dataclasses.fields(cls)]


@given(st.text(), st.integers(), st.lists(st.text(), max_size=3).map(tuple), st.booleans())
def test_an_instance_holds_what_the_dataclasss_init_would_give(
    name: str, count: int, tags: tuple[str, ...], by_keyword: bool
) -> None:
    quick = _Quick(name=name, count=count, tags=tags) if by_keyword else _Quick(name, count, tags)
    written = _Written(name, count, tags)
    assert dataclasses.asdict(quick) == dataclasses.asdict(written)
    assert quick == _Quick(name, count, tags) and hash(quick) == hash(_Quick(name, count, tags))
    assert repr(quick) == repr(written).replace("_Written", "_Quick")
    assert dataclasses.replace(quick, count=count + 1).count == count + 1


def test_defaults_apply_and_wrong_calls_fail_as_before() -> None:
    assert _Quick("a") == _Quick("a", 3, ())
    with pytest.raises(TypeError):
        _Quick()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Quick("a", colour="red")  # type: ignore[call-arg]


def test_the_instance_stays_frozen() -> None:
    quick = _Quick("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.name = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del quick.count


def test_classes_it_cannot_serve_are_refused_when_defined() -> None:
    with pytest.raises(TypeError, match="plain frozen dataclass"):

        @quick_init
        @dataclasses.dataclass
        class Unfrozen:
            name: str

    with pytest.raises(TypeError, match="plain frozen dataclass"):

        @quick_init
        @dataclasses.dataclass(frozen=True)
        class WithFactory:
            tags: list[str] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="plain frozen dataclass"):

        @quick_init
        @dataclasses.dataclass(frozen=True)
        class Checked:
            name: str

            def __post_init__(self) -> None:
                pass


def test_a_class_that_is_no_dataclass_is_refused_in_the_same_words() -> None:
    with pytest.raises(TypeError, match="plain frozen dataclass"):

        @quick_init
        class Plain:
            name: str
