"""Turning the question bank into other tools' file formats (one module per format)."""
