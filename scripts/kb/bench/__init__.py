"""The benchmark at scale: a synthetic corpus, the timed runs, and the report.
"""
