"""``python -m app`` starts the desktop app."""

import sys

from app.ui.application import main

sys.exit(main())
