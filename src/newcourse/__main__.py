import sys

from newcourse.cli import main

sys.exit(main())
