"""artlint's built-in rule set, shipped as the import package ``artlint_rules``.

Each module is one rule pack and one plugin, registered through the ``artlint`` entry-point group
exactly like a third-party package. Nothing outside this package imports it.
"""
