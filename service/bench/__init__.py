"""`hzkg bench` (issue 5): the engines, /sparql over HTTP, build, start-up and scale,
measured side by side on this machine; see run.py for the order and docs/benchmark.md
for the last run.

Modules: synthetic (the generator), engines (figure 1), load_client and servers
(figure 2 and the remote engine), scale (figure 4), report and plots (the output).
"""
