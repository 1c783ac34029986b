"""The query catalogue: `queries/*.rq`, each opening with a `#+` YAML header.

    #+ name: zones-of-industry
    #+ title_zh: 某产业的开发区
    #+ title_en: Zones assigned an industry
    #+ description: Every zone the plan assigns the given industry to.
    #+ params:
    #+   - {name: industry, type: iri, default: "https://w3id.org/hzkg/id/industry/automotive",
    #+      example: "https://w3id.org/hzkg/id/industry/automotive"}
    SELECT ?industry ?zone WHERE { ... }

Every file is read and checked at start-up; a bad one stops the service with the
file and the reason (CatalogueError). A parameter is a variable of the query: at
run time it is bound to a typed term (service/checking/binding.py), never pasted in.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Variable

from hzkg.service.checking.binding import (PARAMETER_TYPES, binding_positions, make_term, remember_positions,
                                           with_values_clause)
from hzkg.service.checking.safety import check_query, CheckedQuery, walk_parse_tree
from hzkg.service.errors import BadRequest, ServiceError

__all__ = ["NamedQuery", "Parameter", "CatalogueError", "load_catalogue", "load_catalogue_cached", "load_query_file"]

_HEADER_KEYS = {"name", "title_zh", "title_en", "description", "description_zh", "params"}
_REQUIRED_KEYS = ("name", "title_zh", "title_en", "description")
_PARAMETER_KEYS = {"name", "type", "default", "example", "description", "description_zh"}
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class CatalogueError(Exception):
    """A query file that cannot be served; the message names the file and the reason."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    example: str | None
    description: str = ""
    description_zh: str = ""  # in Chinese (pages show the one of their language)

    def description_in(self, language: str) -> str:
        return (self.description_zh or self.description) if language == "zh" else (self.description or self.description_zh)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title_zh: str
    title_en: str
    description: str
    parameters: tuple[Parameter, ...]
    query: CheckedQuery
    path: Path
    # Where the parameters' VALUES block goes, found once when the catalogue was checked and kept with it
    # (`with_positions`, `teach_positions`): finding it parses the query with rdflib, about 1 s for all.
    binding_positions: tuple | None = None
    description_zh: str = ""  # the description in Chinese (`description` is English)

    def title_in(self, language: str) -> str:
        return self.title_zh if language == "zh" else self.title_en

    def description_in(self, language: str) -> str:
        return (self.description_zh or self.description) if language == "zh" else self.description

    def bound(self, given: dict[str, str], resolve=None) -> CheckedQuery:
        """The query with the request's parameters (defaults filled in) bound as terms."""
        bindings = self.bind(given, resolve)
        if not bindings:
            return self.query
        return CheckedQuery(with_values_clause(self.query.text, bindings), self.query.form, self.query.dataset)

    def with_positions(self) -> NamedQuery:
        """This query, carrying where its parameters' VALUES block goes (when it has parameters)."""
        if not self.parameters:
            return self
        names = tuple(parameter.name for parameter in self.parameters)
        try:
            return replace(self, binding_positions=(names, binding_positions(self.query.text, names)))
        except ServiceError:  # reported when a request binds it
            return self

    def teach_positions(self) -> None:
        """Let binding this query use the positions it carries instead of parsing for them."""
        if self.binding_positions is not None:
            names, offset = self.binding_positions
            remember_positions(self.query.text, names, offset)

    def bind(self, given: dict[str, str], resolve=None) -> dict:
        """Typed terms for the request's parameters (defaults filled in); BadRequest names a bad one.
        `resolve(name, text)`, when given, turns an IRI parameter's text (a name, a short id) into
        the IRI it names (service/model/names.py)."""
        unknown = sorted(set(given) - {parameter.name for parameter in self.parameters} - {"format"})
        if unknown:
            raise BadRequest(f"query {self.name} has no parameter {', '.join(unknown)}")
        bindings = {}
        for parameter in self.parameters:
            text = given.get(parameter.name, parameter.default)
            if text is None or text == "":
                raise BadRequest(f"query {self.name} needs the parameter {parameter.name} ({parameter.type})")
            if resolve is not None and parameter.type == "iri":
                text = resolve(parameter.name, str(text))
            bindings[parameter.name] = make_term(parameter.name, parameter.type, str(text))
        return bindings


def load_catalogue(folder: Path, max_query_length: int = 100_000) -> dict[str, NamedQuery]:
    catalogue: dict[str, NamedQuery] = {}
    for path in sorted(Path(folder).glob("*.rq")):
        named = load_query_file(path, max_query_length)
        if named.name in catalogue:
            raise CatalogueError(f"{path}: the name {named.name!r} is already used by {catalogue[named.name].path}")
        catalogue[named.name] = named
    return catalogue


def load_catalogue_cached(folder: Path, max_query_length: int, cache_dir: Path) -> dict[str, NamedQuery]:
    """`load_catalogue`, remembered between runs of `hzkg serve` in `cache_dir`.

    Checking the catalogue is rdflib's SPARQL parser on every query, half of a start-up
    (docs/measurements.md). The answer is kept under a key of everything it
    depends on: the query files, the code that checks them and the parser's version, so
    an edit to any of them checks again. Only a catalogue that passed is kept.
    """
    import hashlib
    import os
    import pickle
    import platform
    import tempfile
    from importlib.metadata import version

    digest = hashlib.sha256()
    for part in (platform.python_version(), version("rdflib"), version("pyyaml"), str(max_query_length)):
        digest.update(part.encode() + b"\0")
    here = Path(__file__).parent
    for path in [here / "catalogue.py", here / "safety.py", here / "binding.py", *sorted(Path(folder).glob("*.rq"))]:
        try:
            digest.update(str(path.resolve()).encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            return load_catalogue(folder, max_query_length)  # load_catalogue says what is wrong
    cached = Path(cache_dir) / f"catalogue-{digest.hexdigest()[:32]}.pickle"
    try:
        return pickle.loads(cached.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    # Kept with where their parameters go: no request pays those parses, and no start-up after the first.
    catalogue = {name: named.with_positions() for name, named in load_catalogue(folder, max_query_length).items()}
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for stale in cached.parent.glob("catalogue-*.pickle"):
            stale.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, prefix=".catalogue-", delete=False) as out:
            out.write(pickle.dumps(catalogue))
        os.replace(out.name, cached)
    except OSError:  # a read-only checkout still serves; it checks at every start
        pass
    return catalogue


def load_query_file(path: Path, max_query_length: int = 100_000) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError(f"{path}: cannot be read as UTF-8 text: {error}") from None
    header_lines = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            break
        header_lines.append(line[2:])
    if not header_lines:
        raise CatalogueError(f"{path}: no `#+` header; the file must start with `#+ name: ...`")
    try:
        header = yaml.safe_load("\n".join(_quote_plain_text_values(line) for line in header_lines))
    except yaml.YAMLError as error:
        raise CatalogueError(f"{path}: the `#+` header is not valid YAML: {error}") from None
    return _named_query(path, header, text, max_query_length)


_PLAIN_TEXT_LINE = re.compile(r"^(\s*(?:name|title_zh|title_en|description|description_zh):[ \t]+)([^\s>|\"'\[{].*?)\s*$")


def _quote_plain_text_values(line: str) -> str:
    """`description: a: b` is a YAML error, but authors mean text: quote such one-line values.

    A JSON string is a valid YAML double-quoted scalar, so json.dumps quotes it safely.
    Block scalars (`>`, `|`), flow collections and values already quoted are left to YAML.
    """
    match = _PLAIN_TEXT_LINE.match(line)
    if not match:
        return line
    return match.group(1) + json.dumps(match.group(2), ensure_ascii=False)


def _named_query(path: Path, header, text: str, max_query_length: int) -> NamedQuery:
    def fail(reason: str):
        raise CatalogueError(f"{path}: {reason}")

    if not isinstance(header, dict):
        fail("the `#+` header must be a mapping of keys (name, title_zh, title_en, description, params)")
    unknown = sorted(set(header) - _HEADER_KEYS)
    if unknown:
        fail(f"unknown header key(s) {', '.join(unknown)}; known: {', '.join(sorted(_HEADER_KEYS))}")
    for key in _REQUIRED_KEYS:
        if not isinstance(header.get(key), str) or not header[key].strip():
            fail(f"the header needs a text value for {key!r}")
    if not _NAME.match(header["name"]):
        fail(f"name {header['name']!r} must be lower-case letters, digits and hyphens")
    if header["name"] != path.stem:
        fail(f"name {header['name']!r} differs from the file name {path.stem!r}")
    parameters = tuple(_parameter(path, index, entry) for index, entry in enumerate(header.get("params") or []))
    try:
        checked = check_query(text, max_query_length)
    except ServiceError as error:
        fail(f"the query is not servable: {error.message}")
    _check_parameters_are_variables(path, checked, parameters)
    for parameter in parameters:
        for value in (parameter.default, parameter.example):
            if value is not None:
                try:
                    make_term(parameter.name, parameter.type, value)
                except BadRequest as error:
                    fail(error.message)
    description_zh = header.get("description_zh")
    if description_zh is not None and (not isinstance(description_zh, str) or not description_zh.strip()):
        fail("description_zh, when given, must be a text (the description in Chinese)")
    return NamedQuery(header["name"], header["title_zh"], header["title_en"], header["description"].strip(),
                      parameters, checked, path, description_zh=(description_zh or "").strip())


def _parameter(path: Path, index: int, entry) -> Parameter:
    where = f"{path}: params[{index}]"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where} must be a mapping with name and type")
    unknown = sorted(set(entry) - _PARAMETER_KEYS)
    if unknown:
        raise CatalogueError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_PARAMETER_KEYS))}")
    name, type_name = entry.get("name"), entry.get("type")
    if not isinstance(name, str) or not _VARIABLE.match(name):
        raise CatalogueError(f"{where}: name {name!r} must be a SPARQL variable name (letters, digits, _)")
    if type_name not in PARAMETER_TYPES:
        raise CatalogueError(f"{where} ({name}): type {type_name!r} is not one of {', '.join(PARAMETER_TYPES)}")

    def text(key):
        value = entry.get(key)
        return None if value is None else str(value)

    return Parameter(name, type_name, text("default"), text("example"), text("description") or "",
                     text("description_zh") or "")


def _check_parameters_are_variables(path: Path, checked: CheckedQuery, parameters) -> None:
    """A parameter that the query never mentions would silently do nothing."""
    if not parameters:
        return
    try:
        variables = {node for node in walk_parse_tree(parseQuery(checked.text)) if isinstance(node, Variable)}
    except ParseException:  # check_query has parsed it already
        return
    for parameter in parameters:
        if Variable(parameter.name) not in variables:
            raise CatalogueError(f"{path}: parameter {parameter.name} is not a variable of the query (no ?{parameter.name})")
