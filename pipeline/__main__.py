"""`python -m pipeline` is the same as the `annex` command."""

from pipeline.cli import main

raise SystemExit(main())
