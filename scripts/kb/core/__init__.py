"""The content model and the domain data: samples, snippets, meeting types and their outlines, front
matter, numbering, paths, git history, and rendering of templates. Imports nothing else of kb.
"""
