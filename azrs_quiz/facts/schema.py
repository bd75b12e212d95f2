"""JSON Schemas of the content format, generated from the models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from azrs_quiz.facts.models import SECTIONS, PackMeta


def content_file_schema() -> dict[str, Any]:
    """The JSON Schema of one content file: a mapping of sections to lists of records."""
    # Every section is optional, but one that is present must be a list: the loader
    # refuses "events:" with nothing after it, so the schema does too.
    fields: dict[str, Any] = {
        name: (list[model], Field(default_factory=list))  # type: ignore[valid-type]
        for name, model in SECTIONS.items()
    }
    file_model: type[BaseModel] = create_model("ContentFile", __config__=ConfigDict(extra="forbid"), **fields)
    document = file_model.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "azrs_quiz content file"
    document["description"] = "A YAML file of a content pack: sections of records, each record a mapping."
    return document


def pack_file_schema() -> dict[str, Any]:
    """The JSON Schema of a pack's ``pack.yaml``."""
    document = PackMeta.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "azrs_quiz pack.yaml"
    document["description"] = "The metadata of a content pack: the pack.yaml at the top of its folder."
    return document
