"""django-filter FilterSets of the registry app, one module per page family."""
