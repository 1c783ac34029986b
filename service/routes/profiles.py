"""/profiles?iri=<IRI, short id or name>: a resource's profile as JSON (service/pages/profile.py):
every statement about it by kind, with its cells and the plan's sentences. The explorer's panel
reads it; so can any program that wants the statements behind a page."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from hzkg.service.model.names import resolver
from hzkg.service.errors import BadRequest
from hzkg.service.pages.profile import build_profile
from hzkg.service.pages.vocabulary import STATEMENT_KINDS
from hzkg.service.model.search_index import search_index
from hzkg.service.state import current_state

__all__ = ["blueprint", "profile_document"]

blueprint = Blueprint("profiles", __name__)


def profile_document(state, profile) -> dict:
    def text(statement, name) -> str:
        cell = statement.cell(name)
        return cell if isinstance(cell, str) else "、".join(value.label for value in cell)

    def statement_document(statement, columns) -> dict:
        return {"iri": statement.iri, "page": state.local_path(statement.iri), "title": statement.title,
                "cells": [{"column": name, "label_zh": names[0], "label_en": names[1], "text": text(statement, name)}
                          for name, names in columns],
                "conflict": statement.conflict.title + " · " + statement.conflict.figure if statement.conflict else None,
                "quotes": [{"text": quote.text, "section": quote.section, "page": state.local_path(quote.citation)}
                           for quote in statement.quotes]}

    return {
        "iri": profile.iri, "title": profile.title, "label_zh": profile.zh, "label_en": profile.en,
        "page": state.local_path(profile.iri),
        "groups": [{"kind": kind, "label_zh": names[0], "label_en": names[1],
                    "statements": [statement_document(statement, profile.columns(kind))
                                   for statement in profile.statements[kind]]}
                   for kind, names in STATEMENT_KINDS.items() if kind in profile.statements],
    }


@blueprint.route("/profiles")
def profile_json():
    state = current_state()
    text = request.args.get("iri", "")
    if not text.strip():
        raise BadRequest("parameter iri: give an IRI, a short id such as zone/linan-edz, or a name")
    iri = resolver(state, search_index(state))("resource", text)
    return jsonify(ok=True, **profile_document(state, build_profile(state.store, iri)))
