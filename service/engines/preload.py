"""Imported by multiprocessing's fork server only (service/engines/isolated.py), never by the web
process: the fork server loads the dataset the web process named (query_process.PRELOAD_VARIABLE)
once, and every query process it forks starts with it loaded.

It also has the kernel kill the fork server when the web process dies: multiprocessing's fork server
would wait until every query process it forked let go of its pipe from the web process, and one busy
with a runaway query holds it until the query ends. Its query processes die with it (query_process.py).
(Had the web process died before this line, the fork server sees its pipe closed and exits.)
"""
import os

from hzkg.service.engines.query_process import PRELOAD_VARIABLE, die_with_parent, preload

die_with_parent()
preload(os.environ.get(PRELOAD_VARIABLE))
