"""Which credit lines go with which records: shared by loaded content and a cached bank."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


def credit_for(packs: Sequence[tuple[str, str]], record_packs: Mapping[str, str], record_ids: Iterable[str]) -> str:
    """The credit of the packs these records come from, one pack per line.

    ``packs`` are ``(pack id, attribution)`` pairs in load order; every pack's credit
    is given when none of the records' packs is known (content built in code).
    """
    wanted = {record_packs.get(record_id) for record_id in record_ids}
    chosen = [attribution for pack_id, attribution in packs if pack_id in wanted] or [
        attribution for _, attribution in packs
    ]
    return "\n".join(chosen)
