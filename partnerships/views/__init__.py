"""Views of the registry app, one module per concern (``registry`` ...)."""
