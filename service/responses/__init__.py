"""The response pipeline: formats and negotiation, serialisation, caching, headers of query answers."""
