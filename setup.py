"""Build step: compile the translation catalogs (socialcase/locale/*/LC_MESSAGES/*.po) to .mo.

Everything else about the package is in pyproject.toml. The .mo files are build
products (not in git): a wheel (``pip install .``, Binder's postBuild) gets them in
its build directory; an editable install (``pip install -e .``, the Makefile) gets
them beside their .po files in the source tree. Babel compiles them
(pyproject.toml lists it among the build requirements).
"""

from __future__ import annotations

import io
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def compile_catalogs(target_root: Path) -> list[Path]:
    """Compile every catalog under socialcase/locale into `target_root`; the .mo paths."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(HERE.glob("socialcase/locale/*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        out = io.BytesIO()
        write_mo(out, catalog)
        mo = target_root / po.relative_to(HERE).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        mo.write_bytes(out.getvalue())
        written.append(mo)
    return written


class BuildPyWithCatalogs(build_py):
    """build_py that also compiles the catalogs."""

    def run(self) -> None:
        super().run()
        target = HERE if self.editable_mode else Path(self.build_lib)
        for mo in compile_catalogs(target):
            self.announce(f"compiled {mo}", level=2)


setup(cmdclass={"build_py": BuildPyWithCatalogs})
