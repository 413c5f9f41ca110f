"""``python -m agencygraph``: the ``agencygraph`` command."""

import sys

from agencygraph.cli import main

sys.exit(main())
