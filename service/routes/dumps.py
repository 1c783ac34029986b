"""Versioned dumps under /export: the dataset (N-Quads, Turtle, JSON-LD, written by
service/responses/exports.py) and CSV of the main tables, with a SHA-256 manifest
(/export/manifest.json, and /export/SHA256SUMS for `sha256sum -c`). Each file is made once
per worker and dataset version; the manifest's hashes are those of the bytes served."""
from __future__ import annotations

import hashlib

from flask import Blueprint, Response, current_app, jsonify

from hzkg.graph.prefixes import sparql_prefixes
from hzkg.graph.version import DATA_LICENSE, PLAN_TEXT_RIGHTS, package_version

from hzkg.service.errors import NotFound
from hzkg.service.engines.limits import WHOLE_DATASET_ROWS
from hzkg.service.responses.exports import BOM, EXPORTS, excel_csv, export_bytes, rdf_dataset_export
from hzkg.service.responses.formats import serialize_result
from hzkg.service.state import current_state, made_once_and_kept

__all__ = ["blueprint", "dump_files", "dump_file_bytes", "TABLES"]

blueprint = Blueprint("dumps", __name__)

_PREFIXES = sparql_prefixes("hz", "oa", "rdfs")
# The main tables: named queries of the catalogue where one answers the table, else a query here.
TABLES = {
    "zones": "zones",
    "partnerships": "partnership-network",
    "national-bases": "national-bases",
    "observations": _PREFIXES + """SELECT ?observation ?area ?area_zh ?indicator_en ?value ?unit_en ?year ?period_start
      ?period_end ?kind_en ?qualifier_en ?section WHERE {
  ?observation a hz:Observation ; hz:value ?value .
  OPTIONAL { ?observation hz:refArea ?area OPTIONAL { ?area rdfs:label ?area_zh FILTER(lang(?area_zh) = "zh") } }
  OPTIONAL { ?observation hz:indicator/rdfs:label ?indicator_en FILTER(lang(?indicator_en) = "en") }
  OPTIONAL { ?observation hz:unit/rdfs:label ?unit_en FILTER(lang(?unit_en) = "en") }
  OPTIONAL { ?observation hz:year ?year } OPTIONAL { ?observation hz:periodStart ?period_start }
  OPTIONAL { ?observation hz:periodEnd ?period_end }
  OPTIONAL { ?observation hz:valueKind/rdfs:label ?kind_en FILTER(lang(?kind_en) = "en") }
  OPTIONAL { ?observation hz:qualifier/rdfs:label ?qualifier_en FILTER(lang(?qualifier_en) = "en") }
  OPTIONAL { ?observation hz:citation/hz:section/hz:sectionNumber ?section }
} ORDER BY STR(?observation) STR(?section)""",
    "industry-roles": _PREFIXES + """SELECT ?role ?holder ?holder_zh ?industry ?industry_zh ?role_kind_en ?section WHERE {
  ?role a hz:IndustryRole ; hz:holder ?holder ; hz:industry ?industry .
  OPTIONAL { ?holder rdfs:label ?holder_zh FILTER(lang(?holder_zh) = "zh") }
  OPTIONAL { ?industry rdfs:label ?industry_zh FILTER(lang(?industry_zh) = "zh") }
  OPTIONAL { ?role hz:roleKind/rdfs:label ?role_kind_en FILTER(lang(?role_kind_en) = "en") }
  OPTIONAL { ?role hz:citation/hz:section/hz:sectionNumber ?section }
} ORDER BY STR(?role) STR(?section)""",
    "citations": _PREFIXES + """SELECT ?citation ?section ?quote ?start ?end WHERE {
  ?citation a hz:Citation ; hz:quote ?quote ; hz:section/hz:sectionNumber ?section .
  OPTIONAL { ?citation oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }
} ORDER BY STR(?citation)""",
}
_RDF_DUMPS = ("nquads", "turtle", "jsonld")


def _table_csv(name: str) -> bytes:
    state = current_state()
    source = TABLES[name]
    text = state.catalogue[source].bound({}).text if source in state.catalogue else source
    result = state.store.query(text, whole=True)
    return serialize_result(result, "csv", WHOLE_DATASET_ROWS)


def _dump_names() -> dict[str, tuple[str, object]]:
    """file name -> (media type, how to make it)."""
    names = {}
    for name in _RDF_DUMPS:
        export = EXPORTS[name]
        names[export.filename] = (export.mimetype, lambda name=name: rdf_dataset_export(current_state().store, name))
    for name in TABLES:
        names[f"hzkg-{name}.csv"] = ("text/csv", lambda name=name: _table_csv(name))
        names[f"hzkg-{name}.excel.csv"] = ("text/csv", lambda name=name: excel_csv(_table_csv(name)))
    return names


def dump_file_bytes(name: str) -> tuple[str, bytes]:
    """One dump of this dataset version, made on first use and kept by the worker."""
    names = _dump_names()
    if name not in names:
        raise NotFound(f"no dump named {name!r}; the manifest lists them: /export/manifest.json")
    state = current_state()
    cache = current_app.extensions.setdefault("hzkg-dumps", {})
    key = (state.version.tag if state.version else None, name)
    if key not in cache:
        mimetype, make = names[name]
        with made_once_and_kept():
            cache[key] = (mimetype, make())
    return cache[key]


def dump_files() -> dict[str, tuple[str, bytes]]:
    """Every dump: file name -> (media type, bytes)."""
    return {name: dump_file_bytes(name) for name in _dump_names()}


def _manifest() -> list[dict]:
    return [{"file": name, "url": f"/export/files/{name}", "mediaType": mimetype, "bytes": len(body),
             "sha256": hashlib.sha256(body).hexdigest()} for name, (mimetype, body) in dump_files().items()]


@blueprint.route("/export/manifest.json")
def manifest_json():
    return jsonify(ok=True, version=package_version(), dataset=(current_state().version.tag if current_state().version else None),
                   license=DATA_LICENSE, rights=PLAN_TEXT_RIGHTS, files=_manifest())


def _network_exports() -> list[dict]:
    """The network's exports (/export/<name>), each made once per worker and dataset version."""
    from hzkg.service.model.network import current_network

    state = current_state()
    cache = current_app.extensions.setdefault("hzkg-dumps", {})
    listed = []
    for export in EXPORTS.values():
        if export.kind != "network":
            continue
        key = (state.version.tag if state.version else None, "export:" + export.name)
        if key not in cache:
            with made_once_and_kept():
                cache[key] = (export.mimetype, export_bytes(export.name, current_network, state.store, {}))
        body = cache[key][1]
        entry = {"file": export.filename, "url": f"/export/{export.name}", "mediaType": export.mimetype,
                 "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()}
        listed.append(entry)
        if export.mimetype == "text/csv":
            excel = excel_csv(body)
            listed.append({"file": export.filename.replace(".csv", ".excel.csv"), "url": f"/export/{export.name}?excel=1",
                           "mediaType": export.mimetype, "bytes": len(excel), "sha256": hashlib.sha256(excel).hexdigest()})
    return listed


# suffix -> (English, 中文): the format as the downloads page names it
_FORMATS = {".nq": ("N-Quads (RDF)", "N-Quads（RDF）"), ".ttl": ("Turtle (RDF)", "Turtle（RDF）"),
            ".jsonld": ("JSON-LD (RDF)", "JSON-LD（RDF）"),
            ".excel.csv": ("CSV for Excel (UTF-8 with BOM)", "Excel 用 CSV（UTF-8 带 BOM）"),
            ".csv": ("CSV (UTF-8)", "CSV（UTF-8）"), ".graphml": ("GraphML (network)", "GraphML（网络）"),
            ".gexf": ("GEXF (network, Gephi)", "GEXF（网络，Gephi）")}


@blueprint.route("/downloads")
def downloads():
    """Every dump and export with its format, size, SHA-256 and licence (HTML; JSON with ?format=json)."""
    from flask import render_template, request

    from hzkg.service.responses.error_pages import prefers_html

    files = _manifest() + _network_exports()
    for entry in files:
        entry["format"], entry["format_zh"] = next(labels for suffix, labels in _FORMATS.items()
                                                   if entry["file"].endswith(suffix))
        entry["license"] = DATA_LICENSE
    state = current_state()
    document = {"version": package_version(), "dataset": state.version.tag if state.version else None,
                "license": DATA_LICENSE, "rights": PLAN_TEXT_RIGHTS, "files": files}
    if request.args.get("format") != "json" and prefers_html():
        return render_template("downloads.html", **document)
    return jsonify(ok=True, **document)


def _changelog_groups(lines: list[str]) -> list[tuple[str, list[str]]]:
    """`### Heading` and its `- item` lines (an item's indented lines joined to it)."""
    groups: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("### "):
            groups.append((line[4:].strip(), []))
        elif line.startswith("- "):
            if not groups:
                groups.append(("", []))
            groups[-1][1].append(line[2:].strip())
        elif line.strip() and groups and groups[-1][1]:
            groups[-1][1][-1] += " " + line.strip()
    return groups


@blueprint.route("/changelog")
def changelog():
    """CHANGELOG.md, with the running version and the dataset's tag: which entry this dataset is."""
    from flask import render_template

    from hzkg.graph.paths import PACKAGE_DIR

    path = PACKAGE_DIR / "CHANGELOG.md"
    if not path.exists():
        raise NotFound("this installation has no CHANGELOG.md; see the project's repository")
    text = path.read_text(encoding="utf-8")
    sections = [part.strip() for part in text.split("\n## ")]
    entries = [{"heading": part.splitlines()[0], "groups": _changelog_groups(part.splitlines()[1:])} for part in sections[1:]]
    state = current_state()
    return render_template("changelog.html", intro=sections[0].removeprefix("# Changelog").strip(), entries=entries,
                           version=package_version(), dataset=state.version.tag if state.version else None)


@blueprint.route("/export/SHA256SUMS")
def manifest_sums():
    body = "".join(f"{entry['sha256']}  {entry['file']}\n" for entry in _manifest())
    return Response(body, mimetype="text/plain", headers={"Content-Disposition": 'attachment; filename="SHA256SUMS"'})


@blueprint.route("/export/files/<name>")
def dump_file(name: str):
    mimetype, body = dump_file_bytes(name)
    response = Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})
    if mimetype.startswith("text/"):
        response.charset = "utf-8"
    response.headers["Hzkg-SHA256"] = hashlib.sha256(body).hexdigest()
    return response
