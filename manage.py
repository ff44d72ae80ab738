#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeledger.settings")
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "src"))
    from timeledger.startup import manage

    # A bad or unreachable DATABASE_URL (or any configuration error) is one line, exit 1.
    manage(sys.argv)
