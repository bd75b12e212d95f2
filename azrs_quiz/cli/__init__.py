"""The ``azrs-quiz`` command line: a thin layer over the library."""
