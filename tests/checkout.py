"""The checkout the tests run in (the package itself may be installed elsewhere)."""
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
