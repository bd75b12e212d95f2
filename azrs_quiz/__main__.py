from azrs_quiz.cli.main import main

main(prog_name="azrs-quiz")
