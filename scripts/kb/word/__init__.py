"""Word files in 公文 layout: what goes into a document (content), how it looks (layout, from
scripts/data/docx_layout.yml) and the writer.
"""
