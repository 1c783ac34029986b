"""The plan as the service knows it, read from the store and kept per dataset version: what the
routes, checking and the terminal share, below all of them.

    plan          the text, its parts (numbers, spans), anchored quotes, the facts each supports
    numbering     /plan anchors for section numbers, with graph/plan_parts.py's scheme
    highlights    how much of each section's text the reading view highlights
    folding       the one folded form text is compared in (search, names, pinyin)
    text_search   the plan's text found as written or in pinyin
    search_index  every label and alias, for /search, /complete and names given for parameters
    names         a name or short id given for a query's IRI parameter, resolved through the search index
    figures       the plan's figures (baselines, targets) as chart data
    geo, map      WKT to GeoJSON; the map's boundaries, areas, zones and links
    words         names, graph texts and ontology words in the page's language (issue 24)
"""
