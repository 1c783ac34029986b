"""Query checking: what may run (read-only, no remote fetches) and with which parameters."""
