"""The empty collection an ``.apkg`` starts from, and note types as its ``col.models`` holds them.

The schema, the ``col`` row and a note type's JSON are genanki's (0.13, MIT licence), copied
here so that writing a deck does not import genanki (a tenth of a second: it brings in
asyncio through ``cached_property``). Tests check each against genanki itself, and the
writer's bytes against a deck written through genanki's own objects.
"""

from __future__ import annotations

from typing import Any

from azrs_quiz.anki.notetypes import NoteType

#: genanki's ``APKG_SCHEMA``: the tables and indexes of an Anki 2 collection.
APKG_SCHEMA = "\nCREATE TABLE col (\n    id              integer primary key,\n    crt             integer not null,\n    mod             integer not null,\n    scm             integer not null,\n    ver             integer not null,\n    dty             integer not null,\n    usn             integer not null,\n    ls              integer not null,\n    conf            text not null,\n    models          text not null,\n    decks           text not null,\n    dconf           text not null,\n    tags            text not null\n);\nCREATE TABLE notes (\n    id              integer primary key,   /* 0 */\n    guid            text not null,         /* 1 */\n    mid             integer not null,      /* 2 */\n    mod             integer not null,      /* 3 */\n    usn             integer not null,      /* 4 */\n    tags            text not null,         /* 5 */\n    flds            text not null,         /* 6 */\n    sfld            integer not null,      /* 7 */\n    csum            integer not null,      /* 8 */\n    flags           integer not null,      /* 9 */\n    data            text not null          /* 10 */\n);\nCREATE TABLE cards (\n    id              integer primary key,   /* 0 */\n    nid             integer not null,      /* 1 */\n    did             integer not null,      /* 2 */\n    ord             integer not null,      /* 3 */\n    mod             integer not null,      /* 4 */\n    usn             integer not null,      /* 5 */\n    type            integer not null,      /* 6 */\n    queue           integer not null,      /* 7 */\n    due             integer not null,      /* 8 */\n    ivl             integer not null,      /* 9 */\n    factor          integer not null,      /* 10 */\n    reps            integer not null,      /* 11 */\n    lapses          integer not null,      /* 12 */\n    left            integer not null,      /* 13 */\n    odue            integer not null,      /* 14 */\n    odid            integer not null,      /* 15 */\n    flags           integer not null,      /* 16 */\n    data            text not null          /* 17 */\n);\nCREATE TABLE revlog (\n    id              integer primary key,\n    cid             integer not null,\n    usn             integer not null,\n    ease            integer not null,\n    ivl             integer not null,\n    lastIvl         integer not null,\n    factor          integer not null,\n    time            integer not null,\n    type            integer not null\n);\nCREATE TABLE graves (\n    usn             integer not null,\n    oid             integer not null,\n    type            integer not null\n);\nCREATE INDEX ix_notes_usn on notes (usn);\nCREATE INDEX ix_cards_usn on cards (usn);\nCREATE INDEX ix_revlog_usn on revlog (usn);\nCREATE INDEX ix_cards_nid on cards (nid);\nCREATE INDEX ix_cards_sched on cards (did, queue, due);\nCREATE INDEX ix_revlog_cid on revlog (cid);\nCREATE INDEX ix_notes_csum on notes (csum);\n"

#: genanki's ``APKG_COL``: the one row of the ``col`` table, before any deck or note type.
APKG_COL = '\nINSERT INTO col VALUES(\n    null,\n    1411124400,\n    1425279151694,\n    1425279151690,\n    11,\n    0,\n    0,\n    0,\n    \'{\n        "activeDecks": [\n            1\n        ],\n        "addToCur": true,\n        "collapseTime": 1200,\n        "curDeck": 1,\n        "curModel": "1425279151691",\n        "dueCounts": true,\n        "estTimes": true,\n        "newBury": true,\n        "newSpread": 0,\n        "nextPos": 1,\n        "sortBackwards": false,\n        "sortType": "noteFld",\n        "timeLim": 0\n    }\',\n    \'{}\',\n    \'{\n        "1": {\n            "collapsed": false,\n            "conf": 1,\n            "desc": "",\n            "dyn": 0,\n            "extendNew": 10,\n            "extendRev": 50,\n            "id": 1,\n            "lrnToday": [\n                0,\n                0\n            ],\n            "mod": 1425279151,\n            "name": "Default",\n            "newToday": [\n                0,\n                0\n            ],\n            "revToday": [\n                0,\n                0\n            ],\n            "timeToday": [\n                0,\n                0\n            ],\n            "usn": 0\n        }\n    }\',\n    \'{\n        "1": {\n            "autoplay": true,\n            "id": 1,\n            "lapse": {\n                "delays": [\n                    10\n                ],\n                "leechAction": 0,\n                "leechFails": 8,\n                "minInt": 1,\n                "mult": 0\n            },\n            "maxTaken": 60,\n            "mod": 0,\n            "name": "Default",\n            "new": {\n                "bury": true,\n                "delays": [\n                    1,\n                    10\n                ],\n                "initialFactor": 2500,\n                "ints": [\n                    1,\n                    4,\n                    7\n                ],\n                "order": 1,\n                "perDay": 20,\n                "separate": true\n            },\n            "replayq": true,\n            "rev": {\n                "bury": true,\n                "ease4": 1.3,\n                "fuzz": 0.05,\n                "ivlFct": 1,\n                "maxIvl": 36500,\n                "minSpace": 1,\n                "perDay": 100\n            },\n            "timer": 0,\n            "usn": 0\n        }\n    }\',\n    \'{}\'\n);\n'

#: genanki's ``Model`` defaults for the LaTeX around a note's maths.
_LATEX_PRE = (
    "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n"
    "\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n"
    "\\begin{document}\n"
)
_LATEX_POST = "\\end{document}"


def note_type_json(note_type: NoteType, stamp: int, deck: int) -> dict[str, Any]:
    """A note type as genanki's ``Model.to_json(stamp, deck)`` gives it (with its card requirements)."""
    templates = [(template.name, template.front, template.back) for template in note_type.templates]
    return {
        "css": note_type.css,
        "did": deck,
        "flds": [
            {
                "name": name,
                "ord": position,
                "font": "Liberation Sans",
                "media": [],
                "rtl": False,
                "size": 20,
                "sticky": False,
            }
            for position, name in enumerate(note_type.fields)
        ],
        "id": str(note_type.id),
        "latexPost": _LATEX_POST,
        "latexPre": _LATEX_PRE,
        "latexsvg": False,
        "mod": int(stamp),
        "name": note_type.name,
        "req": required_fields(tuple(note_type.fields), tuple(front for _, front, _ in templates)),
        "sortf": 0,
        "tags": [],
        "tmpls": [
            {
                "name": name,
                "qfmt": front,
                "afmt": back,
                "ord": position,
                "bafmt": "",
                "bqfmt": "",
                "bfont": "",
                "bsize": 0,
                "did": None,
            }
            for position, (name, front, back) in enumerate(templates)
        ],
        "type": 0,
        "usn": -1,
        "vers": [],
    }


def required_fields(fields: tuple[str, ...], fronts: tuple[str, ...]) -> list[list[Any]]:
    """Which fields each card template needs, as genanki's ``Model._req`` works it out.

    ``[[template, "all" | "any", [field, ...]], ...]``: a template needs "all" the fields
    without which its front shows no field, else "any" of those that show on it.
    """
    import chevron  # genanki's own template renderer (a dependency of genanki)

    sentinel = "SeNtInEl"
    req: list[list[Any]] = []
    for template_ord, front in enumerate(fronts):
        needed = [
            field_ord
            for field_ord, field in enumerate(fields)
            if sentinel not in chevron.render(front, {**dict.fromkeys(fields, sentinel), field: ""})
        ]
        if needed:
            req.append([template_ord, "all", needed])
            continue
        needed = [
            field_ord
            for field_ord, field in enumerate(fields)
            if sentinel in chevron.render(front, {**dict.fromkeys(fields, ""), field: sentinel})
        ]
        if not needed:
            raise ValueError(f"cannot work out the fields card template {template_ord} needs: {front!r}")
        req.append([template_ord, "any", needed])
    return req
