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
from hzkg.service.responses.exports import EXPORTS, excel_csv, export_bytes, rdf_dataset_export
from hzkg.service.responses.formats import serialize_result
from hzkg.service.state import current_state, made_once_and_kept

__all__ = ["blueprint", "dump_files", "dump_file_bytes", "TABLES"]

blueprint = Blueprint("dumps", __name__)

_PREFIXES = sparql_prefixes("hz", "oa", "rdfs", "xsd")


def _both(name: str, subject: str) -> str:
    """`?name_zh` and `?name_en`, each optional: the Chinese and the English label of `subject`, a variable
    ("?zone") or a variable and a property path to the thing labelled ("?zone hz:level")."""
    labels = f"{subject}/rdfs:label" if " " in subject else f"{subject} rdfs:label"
    return "\n".join(f'  OPTIONAL {{ {labels} ?{name}_{language} FILTER(lang(?{name}_{language}) = "{language}") }}'
                     for language in ("zh", "en"))


# The main tables, every name and word in Chinese and in English (issue 24): x_zh beside x_en.
TABLES = {
    "zones": _PREFIXES + f"""SELECT ?zone ?zone_zh ?zone_en ?kind_zh ?kind_en ?level_zh ?level_en ?group_zh ?group_en ?proposed
      ?table_row WHERE {{
  ?zone a hz:DevelopmentZone .
  ?zone a ?kind . ?kind rdfs:subClassOf hz:DevelopmentZone .
  # A direct subclass, as the named query `zones` chooses it
  FILTER(?kind NOT IN (hz:DevelopmentZone, hz:NationalZone, hz:ProvincialZone, hz:ProposedZone,
                       hz:InternationallyCompetitiveZone, hz:UrbanRuralCoordinationZone))
  FILTER NOT EXISTS {{ ?kind rdfs:subClassOf ?between . ?between rdfs:subClassOf hz:DevelopmentZone .
                      FILTER(?between != ?kind && ?between != hz:DevelopmentZone) }}
  ?zone a ?group . VALUES ?group {{ hz:InternationallyCompetitiveZone hz:UrbanRuralCoordinationZone }}
  OPTIONAL {{ ?zone hz:order ?table_row }}
  BIND(xsd:boolean(EXISTS {{ ?zone a hz:ProposedZone }}) AS ?proposed)
{_both("zone", "?zone")}
{_both("kind", "?kind")}
{_both("level", "?zone hz:level")}
{_both("group", "?group")}
}} ORDER BY ?table_row ?zone""",
    "partnerships": _PREFIXES + f"""SELECT ?partnership ?holder ?holder_zh ?holder_en ?kind_zh ?kind_en ?partner ?partner_zh
      ?partner_en ?about_zh ?about_en ?section WHERE {{
  ?partnership a hz:Partnership ; hz:holder ?holder ; hz:partnershipKind ?kind ; hz:partner ?partner ;
               hz:citation/hz:section/hz:sectionNumber ?section .
{_both("holder", "?holder")}
{_both("kind", "?kind")}
{_both("partner", "?partner")}
  OPTIONAL {{
    SELECT ?partnership (GROUP_CONCAT(?industry_zh; separator="、") AS ?about_zh)
           (GROUP_CONCAT(?industry_en; separator="; ") AS ?about_en) WHERE {{
      ?partnership hz:about ?industry .
      ?industry rdfs:label ?industry_zh , ?industry_en FILTER(lang(?industry_zh) = "zh" && lang(?industry_en) = "en")
    }} GROUP BY ?partnership
  }}
}} ORDER BY ?holder ?kind_en ?partner ?section""",
    "national-bases": _PREFIXES + f"""SELECT ?base ?base_zh ?base_en ?role_zh ?role_en (COUNT(DISTINCT ?holder) AS ?places)
       (GROUP_CONCAT(DISTINCT ?holder_zh; separator="、") AS ?holders_zh)
       (GROUP_CONCAT(DISTINCT ?holder_en; separator="; ") AS ?holders_en) WHERE {{
  ?base a hz:NationalPilotOrBase .
  ?role hz:base ?base ; hz:holder ?holder ; hz:roleKind ?kind .
{_both("base", "?base")}
{_both("role", "?kind")}
{_both("holder", "?holder")}
}} GROUP BY ?base ?base_zh ?base_en ?role_zh ?role_en ORDER BY ?base ?role_en""",
    "observations": _PREFIXES + f"""SELECT ?observation ?area ?area_zh ?area_en ?indicator_zh ?indicator_en ?value ?unit_zh ?unit_en
      ?year ?period_start ?period_end ?kind_zh ?kind_en ?qualifier_zh ?qualifier_en ?section WHERE {{
  ?observation a hz:Observation ; hz:value ?value .
  OPTIONAL {{ ?observation hz:refArea ?area }}
  OPTIONAL {{ ?observation hz:year ?year }} OPTIONAL {{ ?observation hz:periodStart ?period_start }}
  OPTIONAL {{ ?observation hz:periodEnd ?period_end }}
  OPTIONAL {{ ?observation hz:citation/hz:section/hz:sectionNumber ?section }}
{_both("area", "?observation hz:refArea")}
{_both("indicator", "?observation hz:indicator")}
{_both("unit", "?observation hz:unit")}
{_both("kind", "?observation hz:valueKind")}
{_both("qualifier", "?observation hz:qualifier")}
}} ORDER BY STR(?observation) STR(?section)""",
    "industry-roles": _PREFIXES + f"""SELECT ?role ?holder ?holder_zh ?holder_en ?industry ?industry_zh ?industry_en ?role_kind_zh
      ?role_kind_en ?section WHERE {{
  ?role a hz:IndustryRole ; hz:holder ?holder ; hz:industry ?industry .
  OPTIONAL {{ ?role hz:citation/hz:section/hz:sectionNumber ?section }}
{_both("holder", "?holder")}
{_both("industry", "?industry")}
{_both("role_kind", "?role hz:roleKind")}
}} ORDER BY STR(?role) STR(?section)""",
    "citations": _PREFIXES + """SELECT ?citation ?section ?quote ?start ?end WHERE {
  ?citation a hz:Citation ; hz:quote ?quote ; hz:section/hz:sectionNumber ?section .
  OPTIONAL { ?citation oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }
} ORDER BY STR(?citation)""",
}
_RDF_DUMPS = ("nquads", "turtle", "jsonld")


def _table_csv(name: str) -> bytes:
    state = current_state()
    result = state.store.query(TABLES[name], whole=True)
    return serialize_result(result, "csv", WHOLE_DATASET_ROWS)


def _dump_names() -> dict[str, tuple[str, object]]:
    """file name -> (media type, how to make it)."""
    names = {}
    for name in _RDF_DUMPS:
        export = EXPORTS[name]
        names[export.filename] = (export.mimetype, lambda name=name: rdf_dataset_export(current_state().store, name))
    for name in TABLES:
        names[f"hzkg-{name}.csv"] = ("text/csv", lambda name=name: _table_csv(name))
        names[f"hzkg-{name}.excel.csv"] = ("text/csv", lambda name=name: excel_csv(dump_file_bytes(f"hzkg-{name}.csv")[1]))
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


def _sha256(name: str, body: bytes) -> str:
    """A kept file's SHA-256, computed once per worker and dataset version like the file itself."""
    state = current_state()
    digests = current_app.extensions.setdefault("hzkg-dump-digests", {})
    key = (state.version.tag if state.version else None, name)
    if key not in digests:
        digests[key] = hashlib.sha256(body).hexdigest()
    return digests[key]


def _manifest() -> list[dict]:
    return [{"file": name, "url": f"/export/files/{name}", "mediaType": mimetype, "bytes": len(body),
             "sha256": _sha256(name, body)} for name, (mimetype, body) in dump_files().items()]


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
                 "bytes": len(body), "sha256": _sha256(export.filename, body)}
        listed.append(entry)
        if export.mimetype == "text/csv":
            excel_name = export.filename.replace(".csv", ".excel.csv")
            excel = excel_csv(body)
            listed.append({"file": excel_name, "url": f"/export/{export.name}?excel=1",
                           "mediaType": export.mimetype, "bytes": len(excel), "sha256": _sha256(excel_name, excel)})
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
