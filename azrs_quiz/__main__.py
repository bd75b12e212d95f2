"""``python -m azrs_quiz``: the same command line as ``azrs-quiz``."""

from azrs_quiz.cli.main import run

if __name__ == "__main__":
    run()
