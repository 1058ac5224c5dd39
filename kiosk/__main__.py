"""``python -m kiosk`` behaves exactly like the ``ccsvi-kiosk`` command."""

import sys

from kiosk.cli import main

sys.exit(main())
