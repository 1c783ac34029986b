"""Shared test set-up. The service's fixtures live in tests/service_fixtures.py,
the fixtures over the plan's real data in tests/plan_fixtures.py."""
from plan_fixtures import *  # noqa: F401,F403  (fixtures are found by name)
from service_fixtures import *  # noqa: F401,F403
from network_fixtures import *  # noqa: F401,F403
from browser_fixtures import *  # noqa: F401,F403
from store_fixtures import *  # noqa: F401,F403
