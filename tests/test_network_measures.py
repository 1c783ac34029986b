"""Each measure on small graphs whose answers are worked out by hand."""
from __future__ import annotations

import math

import networkx as nx
import pytest

from hzkg.service.network import centrality, communities, projections, relationship_paths as paths, similarity
from hzkg.service.network.model import find_node, UnknownNode

HZ = "https://w3id.org/hzkg/def/"
HAS_INDUSTRY, BROADER, RELATED = HZ + "hasIndustry", projections.BROADER, projections.RELATED


def zones_with_industries(assignments: dict[str, list[str]], groups=()) -> nx.MultiDiGraph:
    network = nx.MultiDiGraph()
    for zone, industries in assignments.items():
        network.add_node(zone, kind="DevelopmentZone", label_zh=zone.upper(), aliases=[])
        for industry in industries:
            network.add_node(industry, kind="IndustryGroup" if industry in groups else "Industry")
            network.add_edge(zone, industry, key=HAS_INDUSTRY)
    return network


def test_degree_counts_a_neighbour_once_whatever_the_relations():
    network = nx.MultiDiGraph()
    network.add_edge("zone", "industry", key="hasIndustry")
    network.add_edge("industry", "zone", key="industryOf")
    network.add_edge("zone", "base", key="inNationalBase")
    # zone: 2 neighbours of 2 others; industry and base: 1 of 2
    assert centrality.degree(network) == {"zone": 1.0, "industry": 0.5, "base": 0.5}


def test_betweenness_of_a_star_centre_is_one():
    scores = centrality.betweenness(nx.star_graph(4))
    assert scores[0] == 1.0 and all(scores[leaf] == 0.0 for leaf in range(1, 5))


def test_eigenvector_of_a_path_of_three():
    # eigenvalue sqrt(2): ends x, centre sqrt(2) x, x^2 + 2x^2 + x^2 = 1 -> x = 1/2
    scores = centrality.eigenvector(nx.path_graph(3))
    assert scores[0] == pytest.approx(0.5, abs=1e-6) and scores[1] == pytest.approx(1 / math.sqrt(2), abs=1e-6)


def test_eigenvector_of_a_graph_without_links_is_zero():
    assert centrality.eigenvector(nx.empty_graph(3)) == {0: 0.0, 1: 0.0, 2: 0.0}


def test_ranked_keeps_one_kind_best_first_ties_by_name():
    graph = nx.Graph([("b", "x"), ("a", "x"), ("a", "y")])
    nx.set_node_attributes(graph, {"a": "Zone", "b": "Zone", "x": "Industry", "y": "Industry"}, "kind")
    assert centrality.ranked(graph, centrality.degree(graph), kind="Zone") == [("a", 2 / 3), ("b", 1 / 3)]


def test_louvain_splits_two_cliques_joined_by_one_edge_and_keeps_isolated_nodes_alone():
    graph = nx.Graph()
    graph.add_edges_from((a, b) for clique in ("abcd", "wxyz") for a in clique for b in clique if a < b)
    graph.add_edge("d", "w")
    graph.add_node("lonely")
    found = communities.louvain(graph)
    assert found == [["a", "b", "c", "d"], ["w", "x", "y", "z"], ["lonely"]]
    # m = 13; each clique: 6 internal links, degree sum 13 -> Q = 2 (6/13 - 1/4)
    assert communities.modularity(graph, found) == pytest.approx(2 * (6 / 13 - 0.25))


def test_louvain_uses_weights():
    # a-b strong, b-c weak, c-d strong: the weak link is the cut
    graph = nx.Graph()
    graph.add_weighted_edges_from([("a", "b", 10), ("b", "c", 1), ("c", "d", 10), ("a", "c", 1), ("b", "d", 1)])
    assert communities.louvain(graph) == [["a", "b"], ["c", "d"]]


def test_jaccard_and_most_similar():
    network = zones_with_industries({"a": ["auto", "it"], "b": ["auto", "it", "food"], "c": ["textiles"]})
    assert similarity.zone_similarity(network, "a", "b") == pytest.approx(2 / 3)
    assert similarity.zone_similarity(network, "a", "c") == 0.0
    answer = similarity.most_similar(network, top=5)
    assert [entry["zone"] for entry in answer["a"]] == ["b"] and answer["c"] == []
    assert answer["b"][0]["common"] == ["auto", "it"]


def test_shared_industries_are_taxonomy_aware_without_groups():
    network = zones_with_industries({"a": ["solar", "group"], "b": ["new-energy", "group"], "c": ["wind"]},
                                    groups={"group"})
    network.add_edge("solar", "new-energy", key=BROADER)
    network.add_edge("wind", "new-energy", key=BROADER)
    projection = projections.shared_industry_projection(network)
    # a-b: new-energy (b's, a's broadly); a-c: new-energy only through both narrower ones -> not shared
    assert sorted(projection.edges(data="industries")) == [("a", "b", ["new-energy"]), ("b", "c", ["new-energy"])]


def test_partnership_projection_lists_the_relations():
    network = zones_with_industries({"a": [], "b": []})
    network.add_edge("a", "b", key=HZ + "drives")
    network.add_edge("b", "a", key=HZ + "cooperatesWith")
    [(_, _, data)] = projections.partnership_projection(network).edges(data=True)
    assert data == {"relations": [HZ + "cooperatesWith", HZ + "drives"], "weight": 2}


def test_zone_base_projection_is_bipartite():
    network = zones_with_industries({"a": [], "b": []})
    network.add_node("base", kind="NationalPilotOrBase")
    network.add_edge("a", "base", key=HZ + "inNationalBase")
    projection = projections.zone_base_projection(network)
    assert sorted(projection.nodes) == ["a", "b", "base"] and list(projection.edges) == [("a", "base")]


def test_path_follows_links_both_ways_and_says_so():
    network = nx.MultiDiGraph()
    network.add_node("county", label_zh="桐庐", label_en="Tonglu")
    network.add_edge("zone", "county", key="locatedIn", label_zh="位于", label_en="located in")
    network.add_edge("zone", "cluster", key="inCluster", label_zh="参与产业集聚区", label_en="in cluster")
    steps = paths.relationship_path(network, "county", "cluster")
    assert [(step["from"], step["relation"], step["to"], step["forward"]) for step in steps] == [
        ("county", "locatedIn", "zone", False), ("zone", "inCluster", "cluster", True)]
    assert paths.explain_path(network, steps, "en") == "Tonglu ←[located in]— zone —[in cluster]→ cluster"


def test_no_path_is_an_error_that_names_both_ends():
    network = nx.MultiDiGraph([("a", "b"), ("c", "d")])
    with pytest.raises(paths.NoPath, match="a and d"):
        paths.relationship_path(network, "a", "d")


def test_find_node_refuses_an_ambiguous_name():
    network = zones_with_industries({"https://x/hangzhou-etdz": [], "https://x/hangzhou-hitech": []})
    with pytest.raises(UnknownNode, match="names 2 nodes"):
        find_node(network, "HTTPS://X/HANGZHOU")
    with pytest.raises(UnknownNode, match="no node is named"):
        find_node(network, "nowhere")


def test_qualifiers_attach_to_the_link_either_way_round():
    from rdflib import Literal, URIRef

    from hzkg.service.network.dataset import qualify_links

    network = nx.MultiDiGraph()
    network.add_edge("a", "b", key=HZ + "cooperatesWith")  # drawn once, stated by b
    network.add_edge("a", "x", key=HAS_INDUSTRY)
    qualify_links(network, [
        (URIRef("b"), URIRef(HZ + "cooperatesWith"), URIRef("a"), Literal("合作"), Literal("cooperation"), Literal("五（一）")),
        (URIRef("a"), URIRef(HAS_INDUSTRY), URIRef("x"), Literal("核心区"), Literal("core area"), Literal("四（一）1")),
        (URIRef("a"), URIRef(HAS_INDUSTRY), URIRef("x"), None, None, Literal("三（二）")),
        (URIRef("a"), URIRef(HAS_INDUSTRY), URIRef("nowhere"), None, None, Literal("三（二）")),
    ])
    assert network.edges["a", "b", HZ + "cooperatesWith"]["sections"] == ["五（一）"]
    assert network.edges["a", "x", HAS_INDUSTRY] == {"roles_zh": ["核心区"], "roles_en": ["core area"],
                                                      "sections": ["三（二）", "四（一）1"]}
