"""Names for IRI parameters: `浙江临安经济开发区`, `Lin'an`, `linan`, `zone/linan-edz` or the IRI.

A named query's IRI parameter is resolved through the search index (service/model/search_index.py:
labels and aliases in Chinese, English and pinyin) the way the explorer resolves a focus name:
the IRI itself or its path under /id/, else an exact name, else the start of one, else a part of
one, preferring resources of the kind the parameter takes (a zone for `zone`). An IRI or a name
that names nothing is a NotFound that suggests the nearest names; a name that fits several
resources is a BadRequest that lists them. Nothing unknown runs as an empty answer.
"""
from __future__ import annotations

import re

from hzkg.graph.paths import DEF
from hzkg.graph.prefixes import KINDS
from hzkg.service.checking.binding import make_term
from hzkg.service.errors import BadRequest, NotFound, quoted
from hzkg.service.model.folding import fold

__all__ = ["PARAMETER_KINDS", "resolve_resource", "resolver", "UnknownName", "UnclearName"]

# The class a parameter of this name takes (any resource for the others, `resource` included).
PARAMETER_KINDS = {
    "zone": "DevelopmentZone", "industry": "Industry", "cluster": "IndustrialCluster", "subcity": "SubCity",
    "area": "AdministrativeArea", "base": "NationalPilotOrBase",
}
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SUGGESTIONS = 6


class _NameProblem:
    """What a name error page needs: the parameter, the text given and the candidate IRIs."""

    def __init__(self, message: str, parameter: str, given: str, candidates: list[str]):
        super().__init__(message)
        self.parameter, self.given, self.candidates = parameter, given, candidates


class UnknownName(_NameProblem, NotFound):
    """Nothing answers to the name; the message suggests the nearest (the candidates)."""


class UnclearName(_NameProblem, BadRequest):
    """The name fits several resources, or one of another kind than the parameter takes (the candidates)."""


def _known(index, iri: str) -> bool:
    return iri in index.by_resource or iri in index.types


def _of_kind(index, iri: str, kind: str | None) -> bool:
    return kind is None or DEF + kind in index.types.get(iri, ())


def _describe(index, iri: str, id_base: str) -> str:
    short = iri[len(id_base):] if iri.startswith(id_base) else iri
    label = index.label_of(iri)
    return f"{label} ({short})" if label else short


def resolve_resource(index, parameter: str, text: str, id_base: str, exists=None) -> str:
    """The IRI that `text` names for `parameter`; NotFound / BadRequest say why not.

    `index` is a SearchIndex; `id_base` the namespace of short ids (`https://w3id.org/hzkg/id/`);
    `exists(iri)` says whether the graph mentions an IRI the index does not hold (a figure, a role:
    the index holds only what has a name).
    """
    kind = PARAMETER_KINDS.get(parameter)
    if kind and not any(DEF + kind in types for types in index.types.values()):
        kind = None  # a dataset without the class (a test fixture): any resource will do
    wanted = text.strip()
    if not wanted:
        raise BadRequest(f"parameter {parameter}: give a name, a short id such as zone/linan-edz, or an IRI")
    kind_prefix, _, local = wanted.partition(":")
    if kind_prefix in KINDS and local and "/" not in local:  # zone:linan-edz, as the editor's results write it
        wanted = f"{kind_prefix}/{local}"
    candidates = [wanted] if _ABSOLUTE.match(wanted) else [id_base + wanted.lstrip("/").removeprefix("id/")]
    for iri in candidates:
        if _known(index, iri) or (kind is None and exists is not None and exists(iri)):
            if not _of_kind(index, iri, kind):
                nearest = _nearest(index, wanted, kind)
                raise UnclearName(f"parameter {parameter}: {_describe(index, iri, id_base)} is not a "
                                  f"{kind}; {_suggest(index, nearest, id_base)}", parameter, wanted, nearest)
            return iri
    if _ABSOLUTE.match(wanted) or re.fullmatch(r"[a-z-]+/[a-z0-9/-]+", wanted):
        nearest = _nearest(index, wanted.rstrip('/').rsplit('/', 1)[-1], kind)
        raise UnknownName(f"parameter {parameter}: nothing is known about {quoted(wanted, 200)}; "
                          f"{_suggest(index, nearest, id_base)}", parameter, wanted, nearest)
    for group in (_exact(index, wanted), [hit["resource"] for hit in index.search(wanted)]):
        fitting = [iri for iri in dict.fromkeys(group) if _of_kind(index, iri, kind)]
        if len(fitting) == 1:
            return fitting[0]
        if fitting:
            listed = "; ".join(_describe(index, iri, id_base) for iri in fitting[:_SUGGESTIONS])
            raise UnclearName(f"parameter {parameter}: {quoted(wanted)} names {len(fitting)} resources: {listed}; "
                              "give the short id or a fuller name", parameter, wanted, fitting[:_SUGGESTIONS])
    nearest = _nearest(index, wanted, kind)
    raise UnknownName(f"parameter {parameter}: nothing is named {quoted(wanted)}; {_suggest(index, nearest, id_base)}",
                      parameter, wanted, nearest)


def resolver(state, index):
    """`resolve(name, text)` for NamedQuery.bind: a name or short id to the IRI it names, through
    `index` (a SearchIndex) and, for an IRI the index does not hold, an ASK of the store. `state`:
    what has `.store` and `.settings` (the running app's ServiceState; `hzkg query` makes one)."""
    store, id_base = state.store, state.settings["base_iri"] + "id/"

    def exists(iri: str) -> bool:
        try:
            term = make_term("resource", "iri", iri).n3()
        except BadRequest:  # not an IRI at all (a name with spaces): nothing to look up
            return False
        return store.query(f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?p {term} }} }}").value

    return lambda name, text: resolve_resource(index, name, text, id_base, exists)


def _exact(index, wanted: str) -> list[str]:
    folded = fold(wanted)
    return [entry.resource for entry in index.entries if folded in entry.keys]


def _suggest(index, nearest: list[str], id_base: str) -> str:
    if not nearest:
        return "search at /search"
    return "did you mean: " + "; ".join(_describe(index, iri, id_base) for iri in nearest)


def _nearest(index, text: str, kind: str | None) -> list[str]:
    """Nearest names of the parameter's kind: search hits, else names sharing the most characters."""
    hits = [hit["resource"] for hit in index.search(text) if _of_kind(index, hit["resource"], kind)]
    if not hits:
        scored = _most_alike(index, text, kind)
        hits = sorted(scored, key=lambda iri: (-scored[iri], index.label_of(iri) or iri))
    return hits[:_SUGGESTIONS]


# difflib's cost grows with the text's length times each name's (3.75 ms per character of the text over
# the plan's 4,000 keys): a text is compared by its start, as long as the names people type.
_COMPARED_CHARACTERS = 40


def _most_alike(index, text: str, kind: str | None) -> dict[str, float]:
    """resource -> how alike its names (folded forms and pinyin) are to `text`, for the resources that
    may be among the nearest: as difflib.get_close_matches does, a name whose cheap upper bounds
    (real_quick_ratio, quick_ratio) cannot reach the sixth best so far is not compared in full."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None)
    matcher.set_seq1(fold(text)[:_COMPARED_CHARACTERS])
    scored: dict[str, float] = {}
    floor = 0.0  # the sixth best score so far
    for entry in index.entries:
        if not _of_kind(index, entry.resource, kind):
            continue
        for key in entry.keys:
            matcher.set_seq2(key)
            bar = max(scored.get(entry.resource, 0.0), floor)
            if matcher.real_quick_ratio() < bar or matcher.quick_ratio() < bar:
                continue
            ratio = matcher.ratio()
            if ratio >= bar:
                scored[entry.resource] = max(scored.get(entry.resource, 0.0), ratio)
                if len(scored) >= _SUGGESTIONS:
                    floor = sorted(scored.values(), reverse=True)[_SUGGESTIONS - 1]
    return scored
