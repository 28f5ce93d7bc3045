"""组织生活会材料库 toolkit: content model, validation, page generation and export."""
