import sys

from timeledger.cli import main

sys.exit(main())
