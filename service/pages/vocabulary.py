"""How pages name the ontology's properties and order its statements (display only; the graph
keeps its own labels). Each entry: property local name -> (中文, English)."""
from __future__ import annotations

from hzkg.graph.paths import DEF

__all__ = ["PROPERTY_NAMES", "STATEMENT_KINDS", "ROLE_ORDER", "POSITION_ROLES", "property_name"]

PROPERTY_NAMES = {
    "holder": ("主体", "holder"), "industry": ("产业", "industry"), "base": ("国家级试点和基地", "national base"),
    "cluster": ("产业集聚区", "cluster"), "subCity": ("副城", "sub-city"), "roleKind": ("角色", "role"),
    "partner": ("合作方", "partner"), "cooperationPartner": ("合作方", "partner"),
    "drivenPartner": ("带动对象", "driven partner"), "reliedPartner": ("依托对象", "relied-on partner"), "sourcePartner": ("承接来源", "source partner"),
    "partnershipKind": ("合作类型", "kind"), "about": ("涉及", "about"), "block": ("区块", "block"),
    "area": ("面积", "area"), "description": ("说明", "description"), "refArea": ("地区", "area"),
    "indicator": ("指标", "indicator"), "value": ("数值", "value"), "unit": ("单位", "unit"),
    "valueKind": ("类型", "kind"), "qualifier": ("限定", "qualifier"), "year": ("年份", "year"),
    "periodStart": ("起", "from"), "periodEnd": ("止", "to"), "conflictingValue": ("涉及", "concerns"),
    "level": ("级别", "level"), "locatedIn": ("位于", "located in"), "hasBlock": ("区块", "blocks"),
    "blockOf": ("所属开发区", "block of"), "hasPark": ("园区", "parks"), "parkOf": ("所属集聚区", "park of"),
    "hostedBy": ("依托", "hosted by"), "order": ("顺序", "order"), "section": ("章节", "section"),
    "quote": ("原文", "quote"), "sectionNumber": ("章节号", "section number"),
}

# The qualified statements a profile lists, in page order: local class name -> (中文, English, anchor).
STATEMENT_KINDS = {
    "Observation": ("数据", "Figures", "figures"),
    "IndustryRole": ("产业", "Industries", "industries"),
    "BaseRole": ("国家级试点和基地", "National pilots and bases", "bases"),
    "ClusterParticipation": ("省级产业集聚区", "Provincial industrial clusters", "clusters"),
    "SubCityMembership": ("副城", "Sub-cities", "sub-cities"),
    "Partnership": ("合作", "Partnerships", "partnerships"),
    "Discrepancy": ("规划中的矛盾", "Where the plan contradicts itself", "discrepancies"),
    # Any other cited statement that mentions the resource (a kind this page does not know yet)
    "Other": ("其他陈述", "Other statements of the plan", "other"),
}

# 总体定位 (the plan's positioning of a zone in an industry, 三 and the appendix table) first,
# then the 发展导向 kinds of 四/五 (leading, emerging, to upgrade, services, focus), then the rest.
POSITION_ROLES = ("CoreArea", "OneOfCoreAreas", "CoreBase", "OneOfCoreBases", "ImportantComponent", "CoreMember")
ROLE_ORDER = POSITION_ROLES + ("Leading", "Emerging", "Upgrade", "Services", "Focus", "ExtensionArea",
                               "AspiringExtensionArea", "Host", "AspiresToBecome", "IndustrialLinkage",
                               "Participant", "Docking", "PolicyRadiation", "ProposedWithin", "Component")


# Properties of other vocabularies that link statements to resources, named as the pages name them.
OTHER_PROPERTY_NAMES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject": ("陈述的主体", "what the statement is about"),
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#object": ("陈述的对象", "what the statement names"),
    "https://schema.org/agent": ("实施主体", "who carries it out"),
}


def property_name(iri: str, language: str = "zh") -> str | None:
    """The page's name for an ontology property (or one of OTHER_PROPERTY_NAMES), None for one it
    does not name.

    >>> property_name("https://w3id.org/hzkg/def/roleKind")
    '角色'
    >>> property_name("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
    '陈述的主体'
    """
    if iri in OTHER_PROPERTY_NAMES:
        return OTHER_PROPERTY_NAMES[iri][0 if language == "zh" else 1]
    if not iri.startswith(DEF):
        return None
    names = PROPERTY_NAMES.get(iri[len(DEF):])
    return None if names is None else names[0 if language == "zh" else 1]

# Own properties a profile shows in its summary (the rest, inferred shortcuts included, stay in
# the raw statements): local name or full IRI -> (中文, English).
SUMMARY_PROPERTIES = {
    "level": ("级别", "level"), "locatedIn": ("位于", "located in"), "hasBlock": ("区块", "blocks"),
    "blockOf": ("所属开发区", "block of"), "hasPark": ("园区", "parks"), "parkOf": ("所属集聚区", "park of"),
    "hostedBy": ("依托", "hosted by"), "parkIndustry": ("园区产业", "park industries"),
    "description": ("说明", "description"),
    "http://www.w3.org/2004/02/skos/core#broader": ("上位产业", "broader"),
    "http://www.w3.org/2004/02/skos/core#narrower": ("下位产业", "narrower"),
    "http://www.w3.org/2004/02/skos/core#related": ("相关产业", "related"),
    "http://www.w3.org/2004/02/skos/core#definition": ("定义", "definition"),
    "http://purl.org/dc/terms/isPartOf": ("所属章节", "part of"),
    "http://purl.org/dc/terms/title": ("标题", "title"),
}
# Labelled resources pointing here that a profile lists: property -> (中文, English).
INCOMING_PROPERTIES = {
    "locatedIn": ("位于此地", "located here"), "hostedBy": ("依托于此", "hosted here"),
    "parkIndustry": ("园区", "parks with this industry"), "citation": ("引用此句", "cite this sentence"),
    "http://purl.org/dc/terms/isPartOf": ("下级章节", "sub-sections"),
}
# Classes too general to say what a thing is.
GENERIC_TYPES = {"Place", "QualifiedRelation", "Industry"}

# The columns of each kind of statement's table (a statement's values by property; "partner" is any
# of the partner properties; "figure" the value as the plan words it; "when" the year or period).
COLUMNS = {
    "Observation": ("refArea", "indicator", "figure", "when", "valueKind"),
    "IndustryRole": ("holder", "industry", "roleKind", "block"),
    "BaseRole": ("holder", "base", "roleKind", "block"),
    "ClusterParticipation": ("holder", "cluster", "roleKind", "block", "description"),
    "SubCityMembership": ("holder", "subCity", "roleKind", "block", "description"),
    "Partnership": ("holder", "partner", "partnershipKind", "about", "description"),
    "Discrepancy": ("label", "conflictingValue"),
    "Other": ("statementKind", "statement", "link"),
    "Citation": ("section",),
}
COLUMN_NAMES = {**{name: names for name, names in PROPERTY_NAMES.items()},
                "figure": ("数值", "value"), "when": ("年份/时期", "year or period"), "label": ("矛盾", "discrepancy"),
                "holder": ("开发区/主体", "zone or holder"), "statementKind": ("类别", "kind"),
                "link": ("关系", "how it concerns this"), "statement": ("陈述", "statement")}
