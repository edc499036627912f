"""`python -m amp.cli`: the same as the installed `amp` command."""

from amp.cli import main

main()
