"""The mkdocs adapter: the only code in the project that imports mkdocs."""
