"""Every label and alias in Chinese, English and pinyin (toneless and with tone numbers), for
/search, the editor's /complete and the names people give for a query's parameters. Built from the
store on first use and kept for the life of the worker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from hzkg.graph.prefixes import sparql_prefixes
from hzkg.service.model.folding import fold, toneless
from hzkg.service.model.pinyin import pinyin_of
from hzkg.service.state import ServiceState, made_once_and_kept

__all__ = ["Entry", "SearchIndex", "build_search_index", "search_index"]

_LABEL_QUERY = "\n" + sparql_prefixes("rdfs", "skos") + """SELECT ?resource ?label ?kind ?type WHERE {
  { ?resource rdfs:label ?label BIND("label" AS ?kind) }
  UNION
  { ?resource skos:altLabel ?label BIND("alias" AS ?kind) }
  OPTIONAL { ?resource a ?type }
}"""
_MAX_RESULTS = 50


@dataclass
class Entry:
    resource: str
    label: str
    language: str
    kind: str  # label or alias
    keys: tuple[str, ...]  # folded label, toneless pinyin, numbered-tone pinyin


@dataclass
class SearchIndex:
    entries: list[Entry]
    types: dict[str, set[str]]

    def __post_init__(self):
        self.by_resource: dict[str, list[Entry]] = {}
        self._by_label: dict[str, set[str]] = {}
        for entry in self.entries:
            self.by_resource.setdefault(entry.resource, []).append(entry)
            if entry.kind == "label":
                self._by_label.setdefault(entry.label, set()).add(entry.resource)

    def label_of(self, iri: str, language: str = "zh") -> str | None:
        """The resource's label in `language`, else its Chinese one, else its English one."""
        labels = {entry.language: entry.label for entry in self.by_resource.get(iri, ()) if entry.kind == "label"}
        return labels.get(language) or labels.get("zh") or labels.get("en") or labels.get("")

    def name_in(self, label: str, language: str) -> str | None:
        """A label in `language`: the label in `language` of the resources `label` names, None when they
        have none or two of them differ in `language` (a name a query gives only in Chinese, or a list of
        such names, read on an English page; or one it gives only in English, on a Chinese page)."""
        names = {self.label_in(iri, language) for iri in self._by_label.get(label, ())}
        return names.pop() if len(names) == 1 and None not in names else None

    def resource_named(self, label: str, namespace: str = "") -> str | None:
        """The one resource under `namespace` that `label` names (in any language), else None: 江北区块 names
        two blocks, 现代服务业 an industry and an ontology class (the industry, under id/)."""
        found = [iri for iri in self._by_label.get(label, ()) if iri.startswith(namespace)]
        return found[0] if len(found) == 1 else None

    def label_in(self, iri: str, language: str) -> str | None:
        return next((entry.label for entry in self.by_resource.get(iri, ())
                     if entry.kind == "label" and entry.language == language), None)

    def search(self, text: str) -> list[dict]:
        wanted = fold(text)
        if not wanted:
            return []
        wanted_plain = toneless(wanted)  # "qi4che1" also matches as "qiche"
        best: dict[str, tuple] = {}
        for entry in self.entries:
            score = _score(entry, wanted, wanted_plain)
            if score is None:
                continue
            if entry.resource not in best or score < best[entry.resource][0]:
                best[entry.resource] = (score, entry)
        ranked = sorted(best.values(), key=lambda pair: (pair[0], pair[1].resource))[:_MAX_RESULTS]  # ties: by IRI, not the store's row order
        return [{"resource": entry.resource, "label": entry.label, "language": entry.language,
                 "matched": entry.kind, "types": sorted(self.types.get(entry.resource, ()))}
                for _, entry in ranked]


def _score(entry: Entry, wanted: str, wanted_plain: str):
    """Smaller is better: exact before prefix before substring, labels before aliases, short before long."""
    for key in entry.keys:
        for candidate in (wanted, wanted_plain):
            if key == candidate:
                place = 0
            elif key.startswith(candidate):
                place = 1
            elif candidate in key:
                place = 2
            else:
                continue
            return (place, entry.kind != "label", len(entry.label), entry.label)
    return None


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _keys(label: str, pinyin: dict[str, list[list[str]]]) -> tuple[str, ...]:
    keys = [fold(label)]
    if label in pinyin:  # with Han characters: toneless and numbered-tone pinyin (model/pinyin.py)
        keys += [fold("".join(syllables)) for syllables in pinyin[label]]
    return tuple(dict.fromkeys(keys))


def build_search_index(state: ServiceState) -> SearchIndex:
    result = state.store.query(_LABEL_QUERY, whole=True)
    pinyin = pinyin_of(str(label) for _, label, _, _ in result.rows if _HAN.search(str(label)))
    entries, types, seen = [], {}, set()
    for resource, label, kind, type_ in result.rows:
        if type_ is not None:
            types.setdefault(str(resource), set()).add(str(type_))
        if (resource, label, kind) in seen:
            continue
        seen.add((resource, label, kind))
        entries.append(Entry(str(resource), str(label), label.language or "", str(kind), _keys(str(label), pinyin)))
    return SearchIndex(entries, types)



def search_index(state: ServiceState) -> SearchIndex:
    """The worker's label index, built on first use (also serves /complete)."""
    if state.search_index is None:
        with made_once_and_kept():
            state.search_index = build_search_index(state)
    return state.search_index
