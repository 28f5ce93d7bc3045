"""The site search: the phrase index (character bigrams, sharded, loaded on demand) and material's
search box driven by it.
"""
