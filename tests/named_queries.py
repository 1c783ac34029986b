"""The catalogue of named queries, loaded once per test process: loading it parses every query with
rdflib (about 2.5 s), and several test modules read it when they are collected."""
from hzkg.graph import paths
from hzkg.service.checking.catalogue import load_catalogue

__all__ = ["CATALOGUE"]

CATALOGUE = load_catalogue(paths.QUERIES_DIR)
