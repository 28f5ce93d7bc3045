"""Build caches: the disk cache every other cache keeps its entries in, the rendered-page cache, the
incremental serve, precompressed files and the warning counter they share. Depends only on core.
"""
