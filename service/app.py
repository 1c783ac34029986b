"""The Flask application factory: `create_app(settings)` builds one app with its own
store, catalogue and dataset version (one per gunicorn worker, one per test)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

from flask import Flask, request
from rdflib import Literal, URIRef

from . import catalogue_views, complete, figures, plan_map, resource_pages, search, sparql_protocol
from .catalogue import load_catalogue
from .dataset_version import read_dataset_version
from .engines import open_store
from .error_pages import register_error_handler
from .errors import BadRequest
from .network import explore, views as network_views
from .settings import Settings
from .state import ServiceState

__all__ = ["create_app", "SECURITY_HEADERS"]

# On every response. Scripts only from our own static folder (no inline script, so a label or
# parameter that slips into a page as markup still cannot run); styles may be inline (vis-network
# adds <style> elements of its own); never framed; content types are not sniffed.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(settings: Settings | dict | None = None, *, store=None, catalogue=None) -> Flask:
    """`settings`: a Settings or a dict of overrides; `store`: an open Store to reuse (tests);
    `catalogue`: the loaded catalogue, when `hzkg serve` has parsed it before forking its workers."""
    settings = settings if isinstance(settings, Settings) else Settings(settings)
    if catalogue is None:
        catalogue = load_catalogue(Path(settings["queries"]), settings["max_query_length"])
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings["max_body_bytes"]
    app.json.ensure_ascii = False  # Chinese labels stay readable in JSON
    app.jinja_env.tests["iri"] = lambda value: isinstance(value, URIRef)
    app.jinja_env.tests["literal"] = lambda value: isinstance(value, Literal)
    app.extensions["hzkg"] = ServiceState(
        settings=settings,
        store=store if store is not None else open_store(settings),
        version=read_dataset_version(settings.artifact_path) if settings["engine"] != "remote" else None,
        catalogue=catalogue,
    )
    register_error_handler(app)
    app.register_blueprint(sparql_protocol.blueprint)
    app.register_blueprint(catalogue_views.blueprint)
    app.register_blueprint(resource_pages.blueprint)
    app.register_blueprint(search.blueprint)
    app.register_blueprint(network_views.blueprint)
    app.register_blueprint(explore.blueprint)
    app.register_blueprint(figures.blueprint)
    app.register_blueprint(plan_map.blueprint)
    app.register_blueprint(complete.blueprint)

    @app.before_request
    def refuse_urls_that_are_not_utf8():
        """Every route reads its URL strictly as UTF-8, as /sparql does: a mangled path or
        parameter is a 400, not a look-up of U+FFFD or of the text `%FF`."""
        try:
            request.environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
            parse_qsl(request.query_string.decode("utf-8"), keep_blank_values=True, errors="strict")
        except UnicodeError as error:
            raise BadRequest(f"the URL is not valid UTF-8 ({error.reason}); percent-encode text as UTF-8") from None

    @app.after_request
    def add_security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    ready = getattr(app.extensions["hzkg"].store, "wait_until_ready", None)
    if ready is not None:
        @app.after_request
        def load_a_replaced_query_process_before_the_next_request(response):
            response.call_on_close(ready)
            return response

    @app.route("/")
    def home():
        from flask import redirect

        return redirect("/sparql")
    return app
