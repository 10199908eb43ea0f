"""Domain logic of the support-etiquette knowledge base: content model, catalogs, rendering.

Nothing here imports MkDocs except `mkdocs_glue`, so another site generator only needs new glue.
"""
