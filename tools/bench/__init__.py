"""`make bench` (issue 5): the engines, /sparql over HTTP, build, start-up and scale,
measured side by side on this machine; see run.py for the order and docs/benchmark.md
for the last run.

Modules: synthetic (the generator), engine_speed (figure 1), run (figure 2 and the remote engine,
with tools/load_client.py and tools/servers.py), scale (figure 4), markdown and plots (the output).
"""
