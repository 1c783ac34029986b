"""Consistency rules: where the plan contradicts itself.

A conflict is reported, never resolved: both values stay in the graph, each with
its own citation. Rules:

* ``value``: two observations of the same indicator, area, kind and year/period
  disagree beyond what their qualifiers allow (左右/约 within 5 %, 以上/超过 as bounds);
* ``total``: a total row of the appendix table differs from the sum of its rows,
  taking either the table's or the text's value for each row;
* ``growth``: a stated growth target is not implied by the baseline and the target;
* ``count``: a stated count differs from the sum of its parts;
* ``naming``, ``count``, ``scope``, ``comparability``: the curated discrepancies (``hz:Discrepancy``)
  of graph/facts/discrepancies.ttl, by their ``hz:discrepancyKind``: names that vary, counts the
  plan's own lists do not reproduce, its stated scope against what it includes, figures that
  cannot be compared.

Each conflict is a dict: kind, message, subjects (IRIs), sources ([{section, quote}]).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from rdflib import RDF, RDFS, Literal, URIRef

from hzkg.graph import paths

__all__ = ["find_conflicts", "values_agree", "Observation"]

HZ = paths.DEF
APPROXIMATE_TOLERANCE = Decimal("0.05")


def _hz(name: str) -> URIRef:
    return URIRef(HZ + name)


@dataclass(frozen=True)
class Observation:
    iri: str
    area: str
    indicator: str
    kind: str
    when: str  # "2015" or "2011-2015"
    value: Decimal
    qualifier: str  # local name: Exact, Approximately, AtLeast, MoreThan, Expected
    table_total: bool
    citations: tuple[str, ...]


def values_agree(a: Decimal, qualifier_a: str, b: Decimal, qualifier_b: str) -> bool:
    """Whether two stated values can both be true, given how the plan qualifies them.

    >>> values_agree(Decimal(90), "Approximately", Decimal("90.3"), "Exact")
    True
    >>> values_agree(Decimal(3000), "MoreThan", Decimal(3241), "Exact")
    True
    >>> values_agree(Decimal(100), "Approximately", Decimal(200), "Exact")
    False
    """
    if a == b:
        return True
    for bound, qualifier, other in ((a, qualifier_a, b), (b, qualifier_b, a)):
        if qualifier == "MoreThan" and other > bound:
            return True
        if qualifier == "AtLeast" and other >= bound:
            return True
    if "Approximately" in (qualifier_a, qualifier_b) or "Expected" in (qualifier_a, qualifier_b):
        return abs(a - b) <= APPROXIMATE_TOLERANCE * max(abs(a), abs(b))
    return False


def _local(term) -> str:
    return str(term).rsplit("/", 1)[-1]


def _observations(data) -> list[Observation]:
    found = []
    for iri in set(data.subjects(RDF.type, _hz("Observation"))):
        year = data.value(iri, _hz("year"))
        start, end = data.value(iri, _hz("periodStart")), data.value(iri, _hz("periodEnd"))
        when = str(year) if year is not None else f"{start}-{end}"
        found.append(
            Observation(
                iri=str(iri),
                area=str(data.value(iri, _hz("refArea"))),
                indicator=_local(data.value(iri, _hz("indicator"))),
                kind=_local(data.value(iri, _hz("valueKind"))),
                when=when,
                value=Decimal(str(data.value(iri, _hz("value")))),
                qualifier=_local(data.value(iri, _hz("qualifier"))),
                table_total=data.value(iri, _hz("tableTotal")) == Literal(True),
                citations=tuple(sorted(str(c) for c in data.objects(iri, _hz("citation")))),
            )
        )
    return sorted(found, key=lambda o: o.iri)


def _source(data, citation: str) -> dict:
    section = data.value(URIRef(citation), _hz("section"))
    number = data.value(section, _hz("sectionNumber")) if section is not None else None
    return {"section": str(number) if number is not None else None, "quote": str(data.value(URIRef(citation), _hz("quote")))}


def _sources(data, observations) -> list[dict]:
    seen, sources = set(), []
    for observation in observations:
        for citation in observation.citations:
            if citation not in seen:
                seen.add(citation)
                sources.append(_source(data, citation))
    return sources


def _label(data, iri: str) -> str:
    for label in data.objects(URIRef(iri), RDFS.label):
        if getattr(label, "language", None) == "zh":
            return str(label)
    return iri


def _cites_table(data, observation: Observation) -> bool:
    """Whether the appendix table states the figure (hz:statedIn hz:AppendixTable, alone or with the text)."""
    return (URIRef(observation.iri), _hz("statedIn"), _hz("AppendixTable")) in data


def _value_conflicts(data, observations) -> list[dict]:
    groups = defaultdict(list)
    for observation in observations:
        groups[(observation.area, observation.indicator, observation.kind, observation.when)].append(observation)
    conflicts = []
    for (area, indicator, kind, when), group in sorted(groups.items()):
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                if values_agree(first.value, first.qualifier, second.value, second.qualifier):
                    continue
                conflicts.append({
                    "kind": "value",
                    "message": f"{_label(data, area)}: {indicator} ({kind}, {when}) is {first.value} "
                    f"({first.qualifier}) in one place and {second.value} ({second.qualifier}) in another",
                    "subjects": [first.iri, second.iri],
                    "sources": _sources(data, [first, second]),
                })
    return conflicts


def _total_conflicts(data, observations) -> list[dict]:
    conflicts = []
    for total in (o for o in observations if o.table_total):
        rows = defaultdict(list)
        for o in observations:
            if (o.indicator, o.kind, o.when) == (total.indicator, total.kind, total.when) and o.area.startswith(paths.ID + "zone/"):
                rows[o.area].append(o)
        table_rows = {area: [o for o in obs if _cites_table(data, o)] for area, obs in rows.items()}
        table_sum = sum((obs[0].value for obs in table_rows.values() if obs), Decimal(0))
        text_rows = {area: [o for o in obs if not _cites_table(data, o)] for area, obs in rows.items()}
        text_sum = sum(
            ((text_rows[area] or table_rows[area])[0].value for area in rows if text_rows[area] or table_rows[area]),
            Decimal(0),
        )
        if table_sum != total.value:
            conflicts.append({
                "kind": "total",
                "message": f"appendix table: the total of {total.indicator} is {total.value}, its rows add up to {table_sum}",
                "subjects": [total.iri], "sources": _sources(data, [total]),
            })
        if text_sum != total.value:
            differing = [text_rows[a][0] for a in rows if text_rows[a] and table_rows[a] and text_rows[a][0].value != table_rows[a][0].value]
            names = ", ".join(f"{_label(data, o.area)} {o.value} in the text vs {table_rows[o.area][0].value} in the table" for o in differing)
            conflicts.append({
                "kind": "total",
                "message": f"appendix table: the total of {total.indicator} ({total.when}) is {total.value}, but the rows add up "
                f"to {text_sum} when the text's values are used ({names})",
                "subjects": [total.iri] + [o.iri for o in differing],
                "sources": _sources(data, [total, *differing]),
            })
    return conflicts


def _find(observations, area_suffix, indicator, when) -> Observation | None:
    for o in observations:
        if o.area == paths.ID + area_suffix and o.indicator == indicator and o.when == when and not o.table_total:
            return o
    return None


def _growth_conflicts(data, observations) -> list[dict]:
    base = _find(observations, "area/all-zones", "GDP", "2010")
    target = _find(observations, "area/all-zones", "GDP", "2015")
    growth = _find(observations, "area/all-zones", "GDPAnnualGrowth", "2011-2015")
    if not (base and target and growth):
        return []
    implied = (float(target.value) / float(base.value)) ** (1 / 5) - 1
    if implied * 100 >= float(growth.value):
        return []
    return [{
        "kind": "growth",
        "message": f"GDP from {base.value} (2010) to {target.value} (2015) implies {implied:.1%} a year, below the stated {growth.value}%",
        "subjects": [base.iri, target.iri, growth.iri], "sources": _sources(data, [base, target, growth]),
    }]


def _count_conflicts(data, observations) -> list[dict]:
    whole = _find(observations, "area/all-zones", "ZoneCount", "2010")
    parts = [_find(observations, "area/all-zones", name, "2010") for name in ("NationalZoneCount", "ProvincialZoneCount")]
    if not whole or not all(parts) or sum(p.value for p in parts) == whole.value:
        return []
    return [{
        "kind": "count",
        "message": f"{whole.value} zones in 2010, but {parts[0].value} national + {parts[1].value} provincial",
        "subjects": [whole.iri] + [p.iri for p in parts], "sources": _sources(data, [whole, *parts]),
    }]


_CURATED_KINDS = {"NamingDiscrepancy": "naming", "CountDiscrepancy": "count", "ScopeDiscrepancy": "scope",
                  "ComparabilityDiscrepancy": "comparability"}


def _curated_conflicts(data) -> list[dict]:
    """The discrepancies recorded in graph/facts/discrepancies.ttl, by their hz:discrepancyKind."""
    conflicts = []
    for iri in sorted(set(data.subjects(RDF.type, _hz("Discrepancy"))), key=str):
        english = [str(l) for l in data.objects(iri, RDFS.label) if getattr(l, "language", None) == "en"]
        conflicts.append({
            "kind": _CURATED_KINDS.get(_local(data.value(iri, _hz("discrepancyKind"))), "naming"),
            "message": english[0] if english else str(iri),
            "subjects": [str(iri)] + sorted(str(s) for s in data.objects(iri, _hz("conflictingValue"))),
            "sources": [_source(data, str(c)) for c in sorted(data.objects(iri, _hz("citation")), key=str)],
        })
    return conflicts


def find_conflicts(data) -> list[dict]:
    """Every conflict the plan contains, in a stable order (kind, then message)."""
    observations = _observations(data)
    conflicts = (
        _value_conflicts(data, observations)
        + _total_conflicts(data, observations)
        + _growth_conflicts(data, observations)
        + _count_conflicts(data, observations)
        + _curated_conflicts(data)
    )
    return sorted(conflicts, key=lambda c: (c["kind"], c["message"]))
