"""One language at a time: every page is wholly Chinese (the default) or wholly English.

The page's language is, in this order: the `lang` parameter (`?lang=en`, `?lang=zh`), the reader's
remembered choice (the `hzkg_lang` cookie, set whenever a page is asked for with `lang`), the
browser's `Accept-Language` (werkzeug picks the best of zh and en), else Chinese.

Templates say each piece of interface text in both languages side by side, `{{ t("首页", "Home") }}`,
so the two never drift apart in separate files; `original(text)` marks a name or sentence of the
plan shown beside its English as `lang="zh"` (and English beside Chinese as `lang="en"`).
Python code outside a request (the terminal) passes its language explicitly to `pick`.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, Response, g, has_request_context, request
from markupsafe import Markup, escape
from hzkg.service.errors import BadRequest

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "COOKIE", "page_language", "pick", "t", "original",
           "language_switch_url", "register_language"]

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
COOKIE = "hzkg_lang"
_REMEMBER_SECONDS = 365 * 24 * 3600


def pick(language: str, zh: str, en: str) -> str:
    """The text of `language`: `pick("en", "首页", "Home")` is "Home"."""
    return en if language == "en" else zh


def page_language() -> str:
    """The language of the page being answered (Chinese outside a request)."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    if "language" not in g:
        g.language = DEFAULT_LANGUAGE  # the error page of a wrong `lang` is in Chinese
        g.language = _choose()
    return g.language


def _choose() -> str:
    asked = request.args.get("lang")
    if asked is not None:
        if asked not in LANGUAGES:
            raise BadRequest(f"parameter lang: {asked[:40]!r} is not a language of this service; "
                             "use lang=zh (中文) or lang=en (English)")
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def t(zh: str, en: str) -> str:
    """The interface text in the page's language."""
    return pick(page_language(), zh, en)


def original(text, language: str = "zh") -> Markup:
    """A name or sentence in its own language, marked so when it differs from the page's:
    in an English page the plan's Chinese is `<span lang="zh">…</span>`."""
    if text is None or text == "":
        return Markup("")
    if language == page_language():
        return escape(text)
    return Markup('<span lang="{}">{}</span>').format(language, text)


def language_switch_url(language: str) -> str:
    """This page in `language`: the same path and parameters, `lang` replaced."""
    parameters = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    parameters.append(("lang", language))
    return f"{request.path}?{urlencode(parameters)}"


def register_language(app: Flask) -> None:
    app.jinja_env.globals.update(t=t, original=original, page_language=page_language,
                                 language_switch_url=language_switch_url, LANGUAGES=LANGUAGES)

    @app.before_request
    def check_the_language():
        page_language()  # a wrong `lang` is a 400 before any work, on every route

    @app.after_request
    def remember_and_declare_the_language(response: Response) -> Response:
        if response.mimetype != "text/html":
            return response
        language = page_language()
        response.headers["Content-Language"] = language
        response.vary.update(("Accept-Language", "Cookie"))
        asked = request.args.get("lang")
        if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
            response.set_cookie(COOKIE, asked, max_age=_REMEMBER_SECONDS, samesite="Lax", httponly=True)
        return response
