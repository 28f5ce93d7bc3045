"""The Word writer's paragraphs (scripts/kb/word/docx_writer.py), written as text, are the bytes
lxml writes for the same elements, for any text; text lxml refuses is refused the same way."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from scripts.kb.word import docx_writer
from scripts.kb.word.docx_content import Block, Run
from scripts.kb.word.docx_layout import layout

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REFUSED = "\x00\x08\x0b\x0c\x0e\x1f\ufffe\uffff"  # some of what lxml refuses in a text
TEXT = st.text(st.one_of(st.sampled_from("&<>\"'\r\n\t 　“”—…党员ab1\x7f"),
                         st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=REFUSED)), max_size=12)
BLOCKS = st.lists(st.builds(Block, st.sampled_from(list(docx_writer.STYLES)),
                            st.lists(st.builds(Run, TEXT, st.booleans()), min_size=1, max_size=4).map(tuple)),
                  min_size=1, max_size=6)


def _element(xml: str):
    return etree.fromstring(f'<w:x xmlns:w="{W}">{xml}</w:x>')[0]


def _with_elements(blocks: list[Block]) -> bytes:
    """The document part built as lxml elements and serialized by lxml."""
    template = docx_writer._template(layout())
    document = etree.fromstring("".join(template.body).encode("utf-8"))
    end = document.find(f"{{{W}}}body/{{{W}}}sectPr")
    for block, following in zip(blocks, blocks[1:] + [None]):
        paragraph = etree.Element(f"{{{W}}}p")
        paragraph.append(_element(template.protos[block.kind, following is not None and following.kind == "date"]))
        for piece in block.runs:
            run = etree.SubElement(paragraph, f"{{{W}}}r")
            run.append(_element(template.protos[block.kind, "bold" if piece.bold else "plain"]))
            text = etree.SubElement(run, f"{{{W}}}t")
            text.set(XML_SPACE, "preserve")
            text.text = piece.text
        end.addprevious(paragraph)
    return etree.tostring(document, encoding="UTF-8", standalone=True)


def _document_part(blocks: list[Block]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx_writer.render_docx(blocks, layout()))) as package:
        return package.read(docx_writer.DOCUMENT_MEMBER)


@settings(max_examples=300, deadline=None)
@given(BLOCKS)
def test_the_document_part_is_what_lxml_writes(blocks):
    assert _document_part(blocks) == _with_elements(blocks)


@settings(max_examples=300, deadline=None)
@given(BLOCKS, st.one_of(st.sampled_from(REFUSED), st.characters(blacklist_categories=("Cs",))), st.data())
def test_a_character_lxml_refuses_is_refused(blocks, character, data):
    """A ValueError (the document's error names it), whatever the character and wherever it is."""
    block = data.draw(st.integers(0, len(blocks) - 1))
    runs = list(blocks[block].runs)
    at = data.draw(st.integers(0, len(runs) - 1))
    runs[at] = Run(runs[at].text + character, runs[at].bold)
    blocks[block] = Block(blocks[block].kind, tuple(runs))
    try:
        expected = _with_elements(blocks)
    except ValueError:
        with pytest.raises(ValueError):
            docx_writer.render_docx(blocks, layout())
    else:
        assert _document_part(blocks) == expected


def test_the_prototypes_hold_no_namespace_declarations():
    """They are written inside the document, whose root declares the namespaces."""
    for xml in docx_writer._template(layout()).protos.values():
        assert "xmlns" not in xml and xml.startswith(("<w:pPr", "<w:rPr"))
