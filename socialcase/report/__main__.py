"""``python -m socialcase.report``: see `socialcase.report.cli`."""

from socialcase.report.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
