"""hzkg's version: one source, the package's version (pyproject.toml, read through
importlib.metadata), for the build report, the ontology's owl:versionIRI, VoID, the
dataset's JSON-LD, citations and the `Hzkg-Version` response header."""
from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from hzkg.graph.paths import DEF

__all__ = ["package_version", "ontology_version_iri"]


@lru_cache(maxsize=1)
def package_version() -> str:
    try:
        return version("hzkg")
    except PackageNotFoundError:  # a checkout used without `pip install -e .`
        return "0+unknown"


def ontology_version_iri() -> str:
    """The ontology's owl:versionIRI: its namespace and the version.

    >>> ontology_version_iri() == "https://w3id.org/hzkg/def/" + package_version()
    True
    """
    return f"{DEF}{package_version()}"
