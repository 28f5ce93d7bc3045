"""What a contributor runs: import of Word and .txt materials, drafts and scaffolds, snippet
extraction, and the generated tables in CONTRIBUTING.md.
"""
