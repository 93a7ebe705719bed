"""
Mechanisms several apps share, one module each, named for what it does.

This package is the ground floor: every app may import it, and it imports no
app of the portal.
"""
