"""Shared test set-up. The service's fixtures live in tests/service_fixtures.py."""
from service_fixtures import *  # noqa: F401,F403  (fixtures are found by name)
