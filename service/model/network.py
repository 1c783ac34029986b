"""The dataset's relationship network (service/network/dataset.py), kept per worker for /network,
/explore and /export."""
from __future__ import annotations

from flask import current_app

from hzkg.service.network.dataset import fetch_network
from hzkg.service.state import current_state, made_once_and_kept

__all__ = ["current_network"]


def current_network():
    """The dataset's network, fetched on first use and kept for the life of the worker:
    the artifact a worker serves never changes under it."""
    cache = current_app.extensions.setdefault("hzkg-network", {})
    if "network" not in cache:
        state = current_state()
        with made_once_and_kept():
            cache["network"] = fetch_network(state.store, state.settings["base_iri"] + "id/")
    return cache["network"]
