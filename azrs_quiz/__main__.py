"""``python -m azrs_quiz``: the same command line as ``azrs-quiz``."""

from azrs_quiz.cli.main import main

if __name__ == "__main__":
    main(prog_name="azrs-quiz")
