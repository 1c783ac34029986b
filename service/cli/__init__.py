"""The `hzkg` command line: `main` parses the commands; serve, query, network and load each have a module."""
