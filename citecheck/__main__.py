"""`python -m citecheck` -> citecheck.cli.main()."""

import sys

from .cli import main

sys.exit(main())
