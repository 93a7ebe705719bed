"""
The offline gazetteer: GeoNames places, countries and their names, and the
rules that say which place a name in a file means.

Low in the portal's order: the registry, the import and the knowledge base
use it; it imports none of them.
"""
