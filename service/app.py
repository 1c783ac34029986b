"""The Flask application factory: `create_app(settings)` builds one app with its own
store, catalogue and dataset version (one per `hzkg serve`, one per test)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

from flask import Flask, request
from rdflib import Literal, URIRef

from hzkg.service.checking.catalogue import load_catalogue
from hzkg.service.dataset_version import read_dataset_version
from hzkg.service.engines import engine_of, open_store
from hzkg.service.model.numbering import plan_anchor, section_links
from hzkg.service.errors import BadRequest
from hzkg.service.logs import quiet_library_tracebacks
from hzkg.service.routes import citations, compare, complete, dataset, dumps, explore, exports, figures, home, matrix, network, overlap, permalinks, plan, plan_map, profiles, queries, resources, search, sparql
from hzkg.service.responses.answer_cache import AnswerCache
from hzkg.service.responses.error_pages import register_error_handler
from hzkg.service.language import register_language
from hzkg.service.model.words import register_words
from hzkg.service.responses.headers import register_headers
from hzkg.service.settings import Settings
from hzkg.service.state import BudgetedStore, ServiceState, request_deadline

__all__ = ["create_app", "BLUEPRINTS"]

# One blueprint per feature; a new page or API is a module in routes/ and a line here.
BLUEPRINTS = (home, sparql, queries, resources, search, network, exports, explore, profiles, plan, dataset, citations,
              dumps, permalinks, figures, plan_map, complete, matrix, compare, overlap)


_LINKED_SCHEMES = ("http", "https", "urn")


def create_app(settings: Settings | dict | None = None, *, store=None, catalogue=None) -> Flask:
    """`settings`: a Settings or a dict of overrides; `store`: an open Store to reuse (tests);
    `catalogue`: the loaded catalogue, when `hzkg serve` has checked it already."""
    settings = settings if isinstance(settings, Settings) else Settings(settings)
    quiet_library_tracebacks()
    if catalogue is None:
        catalogue = load_catalogue(Path(settings["queries"]), settings["max_query_length"])
    app = Flask(__name__)
    # One limit on what a client sends, named in the 413 (responses/error_pages.py): the body, and a form's
    # field (Flask's own limit for a field is 500 KB, refused in werkzeug's words).
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_FORM_MEMORY_SIZE"] = settings["max_body_bytes"]
    app.json.ensure_ascii = False  # Chinese labels stay readable in JSON
    app.jinja_env.tests["iri"] = lambda value: isinstance(value, URIRef)
    app.jinja_env.tests["literal"] = lambda value: isinstance(value, Literal)
    app.jinja_env.tests["chinese"] = lambda text: any("\u3400" <= character <= "\u9fff" for character in str(text))
    # An IRI is a link only where a browser goes somewhere: a `javascript:` or `data:` IRI is shown as text.
    app.jinja_env.tests["linkable"] = lambda iri: str(iri).partition(":")[0].lower() in _LINKED_SCHEMES
    app.extensions["hzkg"] = ServiceState(
        settings=settings,
        store=BudgetedStore(store if store is not None else open_store(settings)),
        version=(read_dataset_version(settings.artifact_path)
                 if engine_of(settings).capabilities.holds_dataset_locally else None),
        catalogue=catalogue,
        answer_cache=AnswerCache(),
    )
    register_error_handler(app)
    register_headers(app)
    register_language(app)
    register_words(app)
    app.jinja_env.globals["plan_anchor"] = lambda iri: plan_anchor(str(iri), settings["base_iri"])
    app.jinja_env.globals["section_links"] = section_links  # section numbers shown as text link into /plan
    for feature in BLUEPRINTS:
        app.register_blueprint(feature.blueprint)

    @app.before_request
    def start_the_request_budget():
        request_deadline()  # service/state.py: one time budget per request, from now

    @app.before_request
    def refuse_urls_that_are_not_utf8():
        """Every route reads its URL strictly as UTF-8, as /sparql does: a mangled path or
        parameter is a 400, not a look-up of U+FFFD or of the text `%FF`."""
        try:
            request.environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
            parse_qsl(request.query_string.decode("utf-8"), keep_blank_values=True, errors="strict")
        except UnicodeError as error:
            raise BadRequest(f"the URL is not valid UTF-8 ({error.reason}); percent-encode text as UTF-8") from None

    if engine_of(settings).capabilities.stops_runaway_queries:
        @app.after_request
        def load_a_replaced_query_process_before_the_next_request(response):
            response.call_on_close(app.extensions["hzkg"].store.wait_until_ready)
            return response

    return app
