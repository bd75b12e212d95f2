"""The content layer: the fact models, reading YAML packs, and validating them.

Nothing here knows about questions, progress or output formats; every layer above
reads content through :func:`azrs_quiz.facts.loader.load_content`.
"""
