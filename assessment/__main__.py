"""`python -m assessment`: the command line, whose code lives in `cli/` (an entry point, above every layer)."""

import sys

from cli.main import main

sys.exit(main())
