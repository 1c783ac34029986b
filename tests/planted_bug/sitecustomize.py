"""A bug planted in hzkg's query processes, for tests/test_serving_footprint.py only: that test puts this
folder first on PYTHONPATH of the `hzkg serve` it starts (Python imports `sitecustomize` at start-up, the
fork server and its query processes too) and sets HZKG_PLANTED_BUG. Converting the IRI <urn:planted-bug>
of an answer then raises an exception nothing in a query process expects, as a real bug of ours would
(the first such bug, an RDF 1.2 triple term, is fixed: tests/test_service_probes.py)."""
import os

if os.environ.get("HZKG_PLANTED_BUG") == "1":
    import hzkg.service.engines.results as _results

    _convert = _results.from_oxigraph

    def _planted(term):
        if getattr(term, "value", None) == "urn:planted-bug":
            raise TypeError("a planted bug: <urn:planted-bug> (tests/planted_bug/sitecustomize.py)")
        return _convert(term)

    _results.from_oxigraph = _planted
