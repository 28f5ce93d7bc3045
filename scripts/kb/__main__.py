"""Entry point: ``python -m scripts.kb``."""

import sys

from scripts.kb.cli import main

sys.exit(main())
