"""The report's command line: ``python -m socialcase.report [scenario.json] --out DIR``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from socialcase.chromium import CHROMIUM
from socialcase.i18n import LANGUAGES, language_for
from socialcase.page import GrowthEvidence, InboxEvidence, growth_from_carried, inbox_from_carried
from socialcase.report.pdf import PDF_NAME, report_pdf
from socialcase.report.render import HTML_NAME, report_html
from socialcase.scenario import Scenario
from socialcase.uncertainty import DRAWS

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m socialcase.report",
        description="Write the leadership report (HTML and PDF) for a saved scenario.",
    )
    parser.add_argument(
        "scenario", nargs="?", help="a saved scenario (.json); default: the built-in sample case"
    )
    parser.add_argument("--out", default="reports", help="folder for the report (default: reports)")
    parser.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    parser.add_argument("--chromium", default=CHROMIUM, help="Chromium executable for the PDF")
    parser.add_argument(
        "--draws", type=int, default=DRAWS, help=f"Monte Carlo draws (default {DRAWS:,})"
    )
    parser.add_argument("--seed", type=int, default=0, help="Monte Carlo seed")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the report's language: en (English) or nb (norsk bokmål); default: the "
        "scenario file's, else the one its country brings (Norway: nb)",
    )
    return parser


def _fail(message: str, code: int) -> int:
    print(f"socialcase.report: {' '.join(message.split())}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m socialcase.report [scenario.json] --out DIR [--no-pdf]
    [--lang en|nb]``.

    Writes ``DIR/socialcase-report.html`` and ``DIR/socialcase-report.pdf`` and
    prints both paths. Returns 0 on success, 2 for a scenario file that cannot
    be read (a one-line message on stderr), 1 when the PDF cannot be printed
    (the HTML is kept).
    """
    args = _parser().parse_args(argv)
    growth: GrowthEvidence | None = None
    inbox: InboxEvidence | None = None
    chosen: str | None = args.lang
    if args.draws < 1:
        return _fail(f"--draws must be a whole number >= 1: got {args.draws}", 2)
    if args.scenario:
        from socialcase import files

        try:
            loaded = files.load(args.scenario)
        except OSError as err:
            return _fail(f"cannot read {args.scenario}: {err.strerror or err}", 2)
        except ValueError as err:
            return _fail(str(err), 2)
        scenario, provenance = loaded.scenario, loaded.provenance
        if loaded.growth is not None:
            growth = growth_from_carried(loaded.growth, f"the scenario file {loaded.file_name}")
        if loaded.inbox is not None:
            inbox = inbox_from_carried(loaded.inbox)
        chosen = chosen or loaded.lang
        for note in (*loaded.notes, *loaded.ignored):
            print(f"socialcase.report: note: {' '.join(str(note).split())}", file=sys.stderr)
    else:
        scenario, provenance = Scenario(), None
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        page = report_html(
            scenario,
            draws=args.draws,
            seed=args.seed,
            provenance=provenance,
            growth=growth,
            inbox=inbox,
            lang=language_for(scenario.country, chosen),
        )
        html_path = out / HTML_NAME
        html_path.write_text(page, encoding="utf-8")
    except OSError as err:
        return _fail(f"cannot write to {out}: {err.strerror or err}", 1)
    print(html_path)
    if args.no_pdf:
        return 0
    try:
        pdf_path = report_pdf(page, out / PDF_NAME, chromium=args.chromium)
    except Exception as err:  # a missing or crashing browser: say so, keep the HTML
        return _fail(f"cannot write the PDF: {err}", 1)
    print(pdf_path)
    return 0
