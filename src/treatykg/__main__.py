"""`python -m treatykg` is the `treatykg` command."""

from .cli import main

main()
