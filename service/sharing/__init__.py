"""Which zones share what: the zone × industry holdings and the measures of overlap (/matrix, /compare, /overlap)."""
