"""/: where a visitor starts."""
from __future__ import annotations

from flask import Blueprint, redirect

__all__ = ["blueprint"]

blueprint = Blueprint("home", __name__)


@blueprint.route("/")
def home():
    return redirect("/sparql")
