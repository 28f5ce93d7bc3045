"""The site search: the shipped index written from per-page parts, its segmentation cache and the
worker fix.
"""
