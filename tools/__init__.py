"""Developer tools that run from a checkout and are not installed: the benchmark, the load test,
and the helpers they share with the tests (starting servers, a load client, canonical rows)."""
