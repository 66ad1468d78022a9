#!/usr/bin/env python3
import sys

from caitien.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
