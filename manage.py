#!/usr/bin/env python
from quartier.cli import main

if __name__ == "__main__":
    main()
