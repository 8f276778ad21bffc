"""The translation catalogs: extract every page string into the template, update each language.

``python -m socialcase.catalogs`` writes ``socialcase/locale/socialcase.pot`` and
merges it into each ``socialcase/locale/<lang>/LC_MESSAGES/socialcase.po`` (new
strings arrive untranslated, strings no longer used are kept as obsolete ``#~``
entries); translate the new ones, and the build compiles the ``.po`` to ``.mo``.
``python -m socialcase.catalogs --check`` only reports strings without a
translation, and exits 1 if there are any.

The workbooks' markdown cells are catalog strings too (one message per cell), and
``python -m socialcase.catalogs`` writes each language's copy of every workbook,
``workbooks/<lang>/<name>.ipynb``: the same code cells, the markdown translated, and a
first cell that sets the language (`workbook`).

The template holds what Babel's extractor finds through ``babel.cfg`` (calls of
``gettext``, ``ngettext``, ``pgettext``, ``npgettext`` and ``N_``) and the
strings the page shows from data: the step titles (`narrative.STEP_TITLES`),
every input's label, unit and help (`scenario.specs`), and the label of every
headline figure (``Headline("<name>", "<label>")`` in the widgets,
``Figure("<name>", <step>, "<label>", ...)`` in the page model).
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from socialcase.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, LOCALE_DIR, translations

__all__ = [
    "catalog_path",
    "main",
    "template",
    "untranslated",
    "update",
    "with_translations",
    "workbook",
]

PACKAGE_DIR = Path(__file__).parent
ROOT = PACKAGE_DIR.parent
TEMPLATE_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
WORKBOOKS = ROOT / "workbooks"
PAGE_WORDS = ROOT / "share" / "jupyter" / "voila" / "templates" / "socialcase" / "words.json"
"""The loading screen's words in every language (`socialcase.ui.pagewords`), for the template."""
_WIDTH = 100
_HEADER = """\
# The strings of the socialcase page, to translate (made by `python -m socialcase.catalogs`).
# This file is distributed under the same license as the socialcase project.
#"""


def catalog_path(language: str) -> Path:
    """The ``.po`` file of `language`."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _relative(path: Path) -> str:
    return path.resolve().relative_to(ROOT.resolve()).as_posix()


def _marked() -> Iterator[tuple[str, int, str | tuple[str, ...], list[str], str | None]]:
    """What Babel's extractor finds in the library: (file, line, message, comments, context)."""
    config = ROOT / "babel.cfg"
    if config.is_file():
        with config.open(encoding="utf-8") as handle:
            method_map, options_map = parse_mapping_cfg(handle)
    else:  # an installed package without its repository: the same map, in code
        method_map, options_map = [("socialcase/**.py", "python")], {}
    # Relative to the repository root, so the map's "socialcase/**.py" applies.
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT,
        method_map,
        options_map,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
        directory_filter=lambda d: Path(d).name not in {".venv", "__pycache__", "locale"},
    ):
        yield filename, lineno, message, list(comments), context


def _string(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _headlines(package: Path = PACKAGE_DIR) -> Iterator[tuple[str, int, str, str]]:
    """Every headline figure's label in the library: (file, line, name, label).

    A widget's ``Headline("<name>", "<label>")`` and the page model's
    ``Figure("<name>", <step>, "<label>", ...)`` (or ``label="..."``).
    """
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            at = {"Headline": 1, "Figure": 2}.get(called)
            if at is None:
                continue
            keyword = next((k.value for k in node.keywords if k.arg == "label"), None)
            name = _string(node.args[0])
            label = _string(node.args[at] if len(node.args) > at else keyword)
            if name is not None and label is not None:
                yield _relative(path), node.lineno, name, label


def _data_strings() -> Iterator[tuple[str, str | None, str, str]]:
    """Strings the page shows from data tables: (message, context, file, comment).

    The hire's activities (`scenario.ACTIVITIES`), the role templates (`roles.ROLES`,
    titles in the context "role"), the bottom line's definitions
    (`bottomline.DEFINITIONS`) and what each source says (`sources.SOURCES`; the titles
    of published sources stay as published).
    """
    from socialcase.bottomline import DEFINITIONS
    from socialcase.roles import ROLES
    from socialcase.scenario import ACTIVITIES

    for a in ACTIVITIES:
        where = "socialcase/scenario.py"
        yield a.label, None, where, f"name of the activity {a.key}"
        yield a.output_unit, None, where, f"output of the activity {a.key}, plural"
        yield a.kpi_unit, None, where, f"KPI of the activity {a.key}, plural"
    for role in ROLES.values():
        where = "socialcase/roles.py"
        yield role.title, "role", where, f"title of the role {role.key}"
        yield role.summary, None, where, f"what the {role.key} does"
        for line in role.responsibilities:
            yield line, None, where, f"a responsibility of the {role.key}"
        for title in role.career_path:
            yield title, "role", where, f"a step of the {role.key}'s career path"
    for name, text in DEFINITIONS.items():
        yield text, None, "socialcase/bottomline.py", f"definition of {name}"
    from socialcase.sources import OWN_PUBLISHERS, SOURCES

    for source in SOURCES.values():
        where = "socialcase/sources.py"
        yield source.figure, None, where, f"what the source {source.key} says, in our words"
        if source.publisher in OWN_PUBLISHERS:
            yield source.publisher, None, where, "a source of our own"
            yield source.title, None, where, f"title of our own source {source.key}"


def _markdown_cells(path: Path) -> Iterator[tuple[int, str]]:
    """A workbook's markdown cells: (cell index, text)."""
    import json

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            yield index, "".join(cell["source"])


def _workbooks() -> list[Path]:
    return sorted(WORKBOOKS.glob("*.ipynb")) if WORKBOOKS.is_dir() else []


def workbook(path: Path, language: str) -> str:
    """The workbook at `path` in `language`, as ``.ipynb`` text: its markdown cells
    translated through the catalog, its code cells as they are, and a first code cell
    that sets the page's language (`socialcase.i18n.set_language`)."""
    import json

    from socialcase.i18n import gettext, use_language

    document = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    with use_language(language):
        for cell in document["cells"]:
            if cell["cell_type"] == "markdown":
                english = "".join(cell["source"])
                metadata = {k: v for k, v in cell["metadata"].items() if k != MARKDOWN_KEY}
                cell = {
                    **cell,
                    "metadata": metadata,
                    "source": gettext(english).splitlines(keepends=True),
                }
            cells.append(cell)
    first: dict[str, object] = {
        "cell_type": "code",
        "execution_count": None,
        "id": f"set-language-{language}",
        "metadata": {},
        "outputs": [],
        "source": [
            "from socialcase.i18n import set_language\n",
            "\n",
            f'set_language("{language}")',
        ],
    }
    document["cells"] = [first, *cells]
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


MARKDOWN_KEY = "socialcase"
"""A markdown cell's metadata key holding ``{"markdown": {language: text}}``."""


def with_translations(path: Path) -> str:
    """The workbook at `path` as ``.ipynb`` text, each markdown cell carrying its
    translations in ``metadata.socialcase.markdown`` (every language but English).

    Voila serves one workbook whatever the page's language: the project's template
    writes each translation beside the English text, and the page shows the one whose
    ``lang`` is the page's (``<html lang>``). JupyterLab shows the English text; a
    Norwegian reader opens ``workbooks/nb/`` instead."""
    import json

    from socialcase.i18n import gettext, use_language

    document = json.loads(path.read_text(encoding="utf-8"))
    for cell in document["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        english = "".join(cell["source"])
        texts = {}
        for language in LANGUAGES:
            if language != DEFAULT_LANGUAGE:
                with use_language(language):
                    texts[language] = gettext(english)
        cell["metadata"][MARKDOWN_KEY] = {"markdown": texts}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def template() -> Catalog:
    """The template catalog: every string the page shows, from code and from data."""
    from socialcase import __version__
    from socialcase.narrative import STEP_TITLES
    from socialcase.scenario import specs

    catalog = Catalog(
        project="socialcase",
        version=__version__,
        domain=DOMAIN,
        header_comment=_HEADER,
        copyright_holder="the socialcase authors",
        msgid_bugs_address="the socialcase issue tracker",
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in _marked():
        catalog.add(
            message, locations=[(filename, lineno)], auto_comments=comments, context=context
        )
    for step, title in STEP_TITLES.items():
        catalog.add(
            title,
            locations=[("socialcase/narrative.py", 0)],
            auto_comments=[f"title of step {step}"],
        )
    for name, spec in specs().items():
        catalog.add(
            spec.label,
            locations=[("socialcase/scenario.py", 0)],
            auto_comments=[f"label of the input {name}"],
        )
    for name, spec in specs().items():
        if spec.help:
            catalog.add(
                spec.help,
                locations=[("socialcase/scenario.py", 0)],
                auto_comments=[f"help of the input {name}"],
            )
    units: dict[str, list[str]] = {}
    for name, spec in specs().items():
        units.setdefault(spec.unit, []).append(name)
    for text, names in units.items():
        note = "unit of " + ", ".join(names[:4]) + (" and others" if len(names) > 4 else "")
        if text.startswith("currency"):
            note += "; put {currency} where the currency goes"
        catalog.add(text, locations=[("socialcase/scenario.py", 0)], auto_comments=[note])
    for message, context, where, note in _data_strings():
        catalog.add(message, locations=[(where, 0)], auto_comments=[note], context=context)
    for path in _workbooks():
        for index, text in _markdown_cells(path):
            catalog.add(
                text,
                locations=[(_relative(path), index)],
                auto_comments=[f"markdown cell {index} of the workbook {path.name}"],
            )
    for filename, lineno, name, label in _headlines():
        catalog.add(
            label, locations=[(filename, lineno)], auto_comments=[f"headline figure sc-out-{name}"]
        )
    return catalog


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def _write(path: Path, catalog: Catalog) -> None:
    out = io.BytesIO()
    write_po(out, catalog, width=_WIDTH, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def update() -> list[Path]:
    """Write the template and merge it into every language's catalog; the paths written."""
    pot = template()
    _write(TEMPLATE_PATH, pot)
    written = [TEMPLATE_PATH]
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE:
            continue
        path = catalog_path(language)
        catalog = (
            _read(path, language) if path.is_file() else Catalog(locale=language, domain=DOMAIN)
        )
        catalog.update(pot, no_fuzzy_matching=True)
        _write(path, catalog)
        written.append(path)
        translations.cache_clear()  # the workbooks below read the catalog just written
        for source in _workbooks():
            copy = WORKBOOKS / language / source.name
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(workbook(source, language), encoding="utf-8")
            written.append(copy)
    for source in _workbooks():
        source.write_text(with_translations(source), encoding="utf-8")
        written.append(source)
    from socialcase.ui.pagewords import words_json

    PAGE_WORDS.write_text(words_json(), encoding="utf-8")
    written.append(PAGE_WORDS)
    return written


def _key(message_id: str | Sequence[str], context: str | None) -> tuple[str, str | None]:
    """A message's singular msgid (a plural message's id is a pair) and its context."""
    return (message_id if isinstance(message_id, str) else message_id[0]), context


def untranslated(language: str, catalog: Catalog | None = None) -> list[str]:
    """The template's strings that `language`'s catalog does not translate (or marks fuzzy)."""
    pot = template() if catalog is None else catalog
    path = catalog_path(language)
    done: set[tuple[str, str | None]] = set()
    if path.is_file():
        for message in _read(path, language):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.id and not message.fuzzy and all(strings):
                done.add(_key(message.id, message.context))
    return [_key(m.id, m.context)[0] for m in pot if m.id and _key(m.id, m.context) not in done]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m socialcase.catalogs", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report untranslated strings")
    args = parser.parse_args(argv)
    if not args.check:
        for path in update():
            print(f"wrote {_relative(path)}")
    missing = {lang: untranslated(lang) for lang in LANGUAGES if lang != DEFAULT_LANGUAGE}
    for lang, strings in missing.items():
        for text in strings:
            print(f"{lang}: not translated: {text!r}")
    return 1 if args.check and any(missing.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
