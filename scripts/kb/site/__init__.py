"""What the build adds to the site: generated pages (index, browse, catalog, gallery, cards, outline
pages), the Word downloads, placeholders and the offline bundle. The hook (scripts/hooks.py)
calls SiteBuild.
"""
