"""Entry point of the PyInstaller bundle: the `annotator` command, as installed by pip."""

import sys

from annotator.cli import main

if __name__ == "__main__":
    sys.exit(main())
