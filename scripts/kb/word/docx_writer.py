"""Writing blocks as a .docx in the 公文 layout with python-docx, byte for byte reproducibly.

python-docx's ``font.name`` sets only the Latin fonts (w:ascii, w:hAnsi); Chinese text needs
w:eastAsia, and w:hint="eastAsia" makes Word set the quotes and dashes Chinese and Latin share
(“ ” — …) in the Chinese font too. The font table names a substitute (w:altName) for each font,
which Word uses on a PC without it.
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import deepcopy
from dataclasses import dataclass

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree

from scripts.kb.word.docx_content import Block
from scripts.kb.word.docx_layout import FontSpec, Layout
from scripts.kb.word.zip_package import Member, package

# Word's built-in styles, restyled, so that Word's navigation pane shows the headings.
STYLES = {"title": "Title", "heading1": "Heading 1", "heading2": "Heading 2", "body": "Normal", "date": "Normal"}
# Style names as styles.xml spells them, with the character styles linked to the kept ones.
KEPT_STYLES = {"Normal", "Title", "heading 1", "heading 2", "header", "footer", "Title Char", "Heading 1 Char",
               "Heading 2 Char", "Header Char", "Footer Char", "Default Paragraph Font", "Normal Table", "No List"}
OUTLINE_LEVELS = {"Heading 1": 0, "Heading 2": 1}
ALIGN = {"title": WD_ALIGN_PARAGRAPH.CENTER, "date": WD_ALIGN_PARAGRAPH.RIGHT}
FONT_TABLE = "/word/fontTable.xml"
DOCUMENT_MEMBER, CORE_MEMBER = "word/document.xml", "docProps/core.xml"  # what each document fills in
# Parts of python-docx's template a document does not need: a thumbnail of another document,
# Word 2010's duplicate style sheet and an empty custom XML item.
UNUSED_PARTS = (RT.THUMBNAIL, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.CUSTOM_XML)
GB2312_CHARSET = "86"
NAMESPACE_DECLARATION = re.compile(r' xmlns:\w+="[^"]*"')
SECTION_PROPERTIES = "<w:sectPr"


def set_font(holder, spec: FontSpec, bold: bool | None = None) -> None:
    """Fonts and size on a run or a style: Latin fonts, the East Asian font and the hint."""
    font = holder.font
    font.name = spec.latin
    font.size = Pt(spec.size_pt)
    font.bold = bold
    font.color.rgb = None
    fonts = holder.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), spec.east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _reset_style(style) -> None:
    """Drop what Word's template gives a built-in style (colours, theme fonts, borders, spacing)."""
    for tag in ("w:pPr", "w:rPr"):
        for child in style.element.findall(qn(tag)):
            style.element.remove(child)


def _paragraph_format(fmt, layout: Layout, kind: str) -> None:
    """Exact line spacing, no extra space, and the indent and alignment of the block kind."""
    body = layout.font("body").size_pt
    line = layout.line_spacing_pt
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line)
    fmt.space_before = Pt(layout.date_space_before_lines * line if kind == "date" else 0)
    fmt.space_after = Pt(layout.title_space_after_lines * line if kind == "title" else 0)
    fmt.alignment = ALIGN.get(kind, WD_ALIGN_PARAGRAPH.JUSTIFY)
    fmt.widow_control = True
    if kind in ("heading1", "heading2", "body"):
        fmt.first_line_indent = Pt(layout.first_line_indent_chars * body)
    if kind == "date":
        fmt.right_indent = Pt(layout.date_right_indent_chars * body)
    if kind.startswith("heading"):
        fmt.keep_with_next = True


def _setup_styles(document, layout: Layout) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.element.remove(defaults)
    for kind in ("body", "title", "heading1", "heading2"):
        style = styles[STYLES[kind]]
        _reset_style(style)
        set_font(style, layout.font(kind), bold=False)
        _paragraph_format(style.paragraph_format, layout, kind)
        if style.name in OUTLINE_LEVELS:
            level = OxmlElement("w:outlineLvl")
            level.set(qn("w:val"), str(OUTLINE_LEVELS[style.name]))
            style.element.get_or_add_pPr().append(level)


def _page_number(paragraph, layout: Layout) -> None:
    """"— PAGE —" with a PAGE field whose cached result is 1."""
    before, _, after = layout.page_number_format.partition("{page}")
    spec = layout.font("page_number")
    for text in (before, None, after):
        if text is None:
            for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
                run = paragraph.add_run()
                set_font(run, spec)
                if kind:
                    char = OxmlElement("w:fldChar")
                    char.set(qn("w:fldCharType"), kind)
                    run.element.append(char)
                elif instr == "1":
                    run.text = "1"
                else:
                    code = OxmlElement("w:instrText")
                    code.set(qn("xml:space"), "preserve")
                    code.text = instr
                    run.element.append(code)
        elif text:
            set_font(paragraph.add_run(text), spec)


def _setup_page(document, layout: Layout) -> None:
    page = layout.page
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    section.top_margin, section.bottom_margin = Mm(page["margin_top_mm"]), Mm(page["margin_bottom_mm"])
    section.left_margin, section.right_margin = Mm(page["margin_left_mm"]), Mm(page["margin_right_mm"])
    section.header_distance = Mm(page.get("header_distance_mm", 15))
    section.footer_distance = Mm(page["footer_distance_mm"])
    section.gutter = Mm(0)
    document.settings.odd_and_even_pages_header_footer = True
    edge = Pt(layout.page_number_edge_indent_chars * layout.font("page_number").size_pt)
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = edge
        else:
            fmt.left_indent = edge
        _page_number(paragraph, layout)


def _font_table(document, layout: Layout) -> None:
    """Declare every font with a substitute (w:altName) Word uses where it is not installed."""
    part = next(p for p in document.part.package.iter_parts() if p.partname == FONT_TABLE)
    table = parse_xml(part.blob)
    for spec in layout.fonts.values():
        for existing in table.findall(qn("w:font")):
            if existing.get(qn("w:name")) == spec.east_asia:
                table.remove(existing)
        table.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{spec.east_asia}"><w:altName w:val="{spec.alt}"/>'
            f'<w:charset w:val="{GB2312_CHARSET}"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        ))
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _prune_styles(document) -> None:
    """Keep the styles a document uses: the template's hundreds of table styles only add weight."""
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in KEPT_STYLES:
            root.remove(style)


# The empty document of each layout, by the layout file's text: built once per process.
_BASES: dict[str, bytes] = {}


def _base(layout: Layout) -> bytes:
    """An empty document with the layout's page, styles, footers and fonts."""
    if layout.source in _BASES:
        return _BASES[layout.source]
    document = docx.Document()
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _setup_page(document, layout)
    _setup_styles(document, layout)
    _font_table(document, layout)
    _prune_styles(document)
    for owner in (document.part.package, document.part):
        for rid in [rid for rid, rel in owner.rels.items() if rel.reltype in UNUSED_PARTS]:
            del owner.rels[rid]
    out = io.BytesIO()
    document.save(out)
    _BASES[layout.source] = out.getvalue()
    return _BASES[layout.source]


# What lxml refuses in a text (and raises ValueError for), and how it writes the rest in an element.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _paragraph(block: Block, protos: dict[tuple, str], keep_with_next: bool) -> str:
    """A block's w:p as lxml writes it inside the document (every document has thousands of
    runs: building elements for them cost more than the rest of the document)."""
    runs = []
    for piece in block.runs:
        if UNWRITABLE.search(piece.text):
            raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
        text = piece.text.translate(TEXT_ESCAPES)
        runs.append(f'<w:r>{protos[block.kind, "bold" if piece.bold else "plain"]}<w:t xml:space="preserve">{text}</w:t></w:r>')
    return f"<w:p>{protos[block.kind, keep_with_next]}{''.join(runs)}</w:p>"


def _properties(props: CoreProperties, title: str, layout: Layout) -> None:
    props.title = title
    props.author = props.last_modified_by = layout.author
    props.created = props.modified = props.last_printed = layout.timestamp.replace(tzinfo=None)
    props.revision = layout.revision
    props.comments = props.subject = props.keywords = props.category = ""


def _prototypes(document, layout: Layout) -> dict[tuple, str]:
    """The paragraph properties of each kind and the run properties of each (kind, bold), made
    once with python-docx on a scratch paragraph, as they are written inside the document (its
    root declares their namespace); paragraphs repeat them (much faster than formatting each
    paragraph through the object model)."""
    protos = {}
    for kind in STYLES:
        for keep in (False, True):
            paragraph = document.add_paragraph()
            paragraph._p.style = document.styles[STYLES[kind]].style_id
            _paragraph_format(paragraph.paragraph_format, layout, kind)
            paragraph.paragraph_format.keep_with_next = keep or kind.startswith("heading") or None
            protos[kind, keep] = _inner_xml(paragraph._p.pPr)
            for bold in (False, True):
                run = paragraph.add_run()
                set_font(run, layout.font(kind), bold=bold or None)
                protos[kind, "bold" if bold else "plain"] = _inner_xml(run._r.rPr)
            paragraph._p.getparent().remove(paragraph._p)
    return protos


def _inner_xml(element) -> str:
    """An element as lxml writes it inside the document: without the namespace declarations it
    gets written alone."""
    return NAMESPACE_DECLARATION.sub("", etree.tostring(element, encoding="unicode"))


@dataclass(frozen=True)
class _Template:
    """A layout's empty document, read once per process: the package members every document
    shares (deflated once), the document part around where the paragraphs go, the core
    properties a document fills in and the formatting prototypes. Opening and saving a package
    with python-docx for each document cost far more than writing its paragraphs."""
    members: list[tuple[str, Member | None]]  # in python-docx's order; the two filled-in parts hold None
    body: tuple[str, str]  # the document part up to its first paragraph, and from its section properties on
    core: etree._Element  # cp:coreProperties
    protos: dict[tuple, str]


_TEMPLATES: dict[str, _Template] = {}


def _template(layout: Layout) -> _Template:
    if layout.source not in _TEMPLATES:
        document = docx.Document(io.BytesIO(_base(layout)))
        protos = _prototypes(document, layout)
        saved = io.BytesIO()
        document.save(saved)
        with zipfile.ZipFile(saved) as saved_package:
            members = [(info.filename, None if info.filename in (DOCUMENT_MEMBER, CORE_MEMBER)
                        else Member.deflate(info.filename, saved_package.read(info.filename)))
                       for info in saved_package.infolist()]
        core = next(p for p in document.part.package.iter_parts() if p.partname == "/" + CORE_MEMBER)
        empty = serialize_part_xml(document.element).decode("utf-8")
        cut = empty.index(SECTION_PROPERTIES)  # the body holds nothing else
        _TEMPLATES[layout.source] = _Template(members, (empty[:cut], empty[cut:]), core.element, protos)
    return _TEMPLATES[layout.source]


def render_docx(blocks: list[Block], layout: Layout) -> bytes:
    """The document of these blocks; the title block gives the document's title property."""
    template = _template(layout)
    # The paragraph before the date keeps with it: the date never stands alone on a page.
    paragraphs = [_paragraph(block, template.protos, following is not None and following.kind == "date")
                  for block, following in zip(blocks, blocks[1:] + [None])]
    core = deepcopy(template.core)
    _properties(CoreProperties(core), next((b.text for b in blocks if b.kind == "title"), ""), layout)
    start, end = template.body
    filled = {DOCUMENT_MEMBER: (start + "".join(paragraphs) + end).encode("utf-8"), CORE_MEMBER: serialize_part_xml(core)}
    return package([member or Member.deflate(name, filled[name]) for name, member in template.members], layout.timestamp)
