"""The pairing explorer: filters read from the URL, facet counts, a page of results, map data.

- `filters`: reading and checking the visitor's filters, and applying them to a queryset;
- `facets`: how many pairings each option of each filter would give (aggregate queries);
- `exploration`: what the explorer page shows (filters, counts, notices, one page of results);
- `map_data`: the compact JSON document the map draws.

Every function here runs a fixed number of queries, whatever the number of pairings.
"""

from regions.explorer.exploration import PAIRINGS_PER_PAGE, Exploration, explore
from regions.explorer.filters import FILTER_NAMES, ExplorerFilters, read_filters
from regions.explorer.map_data import map_document

__all__ = [
    "FILTER_NAMES",
    "PAIRINGS_PER_PAGE",
    "Exploration",
    "ExplorerFilters",
    "explore",
    "map_document",
    "read_filters",
]
