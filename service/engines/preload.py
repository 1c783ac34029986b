"""Imported by multiprocessing's fork server only (service/engines/isolated.py), never by the web
process: the fork server loads the dataset the web process named (query_process.PRELOAD_VARIABLE)
once, and every query process it forks starts with it loaded."""
import os

from hzkg.service.engines.query_process import PRELOAD_VARIABLE, preload

preload(os.environ.get(PRELOAD_VARIABLE))
