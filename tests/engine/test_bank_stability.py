"""The same content gives the same bank from one release to the next, not only from one run to the next.

A learner who runs ``quiz --seed 7`` on their own large pack after an upgrade gets the
quiz they got before, and an Anki deck rebuilt from unchanged content keeps its cards'
texts. The bundled deck's bytes are checked by CI; this pins the bank of a synthetic
pack large enough that every pool is sampled (more candidates than are drawn), where a
change that only meant to be faster would show first.

A change that *means* to change the bank (a new rule for options or stems) updates the
digests below, and says so in its commit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest

from azrs_quiz import parts
from azrs_quiz.facts.loader import load_content
from azrs_quiz.questions import question_bank
from benchmarks.synthetic import write_synthetic_pack

#: sha256 of the bank of a 1,500-fact synthetic pack (seed 11), by options per question.
PUBLISHED = {
    3: "a75965f7c0499dd6b5097038fe833344dfc9753234f6f9f0cd7657be0ffaba51",
    4: "6ffbd8cc51a3eae5c649e326913a9c6151707657097ec94e8d67acaa53f479f7",
    5: "781b3e1b5f79e93b0b42cd81b347ff05d87ecda228a6d1f921d7b5008f814212",
}


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_pack(tmp_path_factory.mktemp("stable"), 1500, seed=11)


@pytest.mark.parametrize("split", [False, True], ids=["one-process", "in-parts"])
@pytest.mark.parametrize("options", sorted(PUBLISHED))
def test_a_large_pack_gives_the_bank_it_gave_before(
    pack: Path, options: int, split: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Options are chosen in parts on a machine with several cores: never with another result.
    monkeypatch.setattr(parts, "_usable_cores", lambda: 3 if split else 1)
    monkeypatch.setattr(parts, "MIN_PART", 200)
    bank = question_bank(load_content(pack), options=options)
    text = json.dumps([dataclasses.asdict(question) for question in bank], sort_keys=True)
    assert len(bank) > 2000
    assert hashlib.sha256(text.encode()).hexdigest() == PUBLISHED[options]
