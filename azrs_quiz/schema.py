"""JSON Schemas of the content format, generated from the models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from azrs_quiz.models import SECTIONS, PackMeta


def content_file_schema() -> dict[str, Any]:
    """The JSON Schema of one content file: a mapping of sections to lists of records."""
    fields: dict[str, Any] = {name: (list[model] | None, None) for name, model in SECTIONS.items()}  # type: ignore[valid-type]
    file_model: type[BaseModel] = create_model(
        "ContentFile", __config__=ConfigDict(extra="forbid"), **fields
    )
    document = file_model.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "azrs_quiz content file"
    return document


def pack_file_schema() -> dict[str, Any]:
    """The JSON Schema of a pack's ``pack.yaml``."""
    document = PackMeta.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "azrs_quiz pack.yaml"
    return document
