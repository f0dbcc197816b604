"""`python -m citecheck` -> citecheck.cli.main()."""

import sys

from citecheck.cli.main import main

sys.exit(main())
