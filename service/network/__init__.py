"""Network analysis of the dataset with networkx.

    dataset      the relationship network fetched from the store (one CONSTRUCT)
    model        triples -> typed MultiDiGraph (kind, labels, relation labels); node lookup
    projections  zone-zone by shared industries / partnerships, zone-base, zone-cluster
    centrality, communities, similarity, paths   one module per family of measures,
                 plain functions taking the graph first
"""
