"""Tools for developing socialcase, run from the repository root (not installed).

`devtools.serve` starts real Voila servers for the tests, the benchmarks and the
screenshot; `devtools.assets` copies Font Awesome and plotly.js into the project's Voila
template (``python -m devtools.assets``, run by `make` and Binder's postBuild).
"""
