"""`python -m bot`: a launcher kept for that command's sake; the wiring lives in `app/`.

The core never imports the wiring; this file is run as a script, never imported, and
hands over to `app.cli` by name so that the import direction stays one way.
"""

import importlib
import sys

sys.exit(importlib.import_module("app.cli").main())
