"""How a framework's basis reads: its sources, how firm they are, and the notices that go with it.

Pages (site), Word outlines (word) and `new` scaffolds (contribute) all word it the same way.
"""

from __future__ import annotations

from scripts.kb.core.data import Domain, Framework, Source


def source_label(source: Source) -> str:
    """Issuer, title and date, as far as the source gives them: 某单位《某通知》（2024-01-04）."""
    title = f"《{source.title}》" if source.title else ""
    date = f"（{source.date}）" if source.date else ""
    return f"{source.issuer}{title}{date}" or "来源未注明"


def confidence_line(confidence: str, dom: Domain) -> str:
    """可信度：中（见于少数地方通知或会议报道）。不是上级统一印发的正式清单，仅供参考。"""
    line = f"可信度：{confidence}（{dom.confidence_levels.get(confidence, '')}）。"
    return line if confidence == dom.official_level else line + dom.notices["unofficial"]


def framework_notes(framework: Framework, subject: str | None, dom: Domain) -> list[str]:
    """The sentences shown with a framework (for one subject, or for all): confidence, yardstick,
    and that the unit's own notice prevails."""
    known = framework.subjects.get(subject) if subject else None
    notes = [confidence_line(known.confidence if known else framework.confidence, dom)]
    if framework.yardstick:
        notes.append(dom.notices["yardstick"])
    notes.append(dom.notices["basis"])
    return notes


def unknown_subject_note(subject_label: str, dom: Domain) -> str:
    return dom.notices["unknown_subject"].format(subject=subject_label)


def sources_for(framework: Framework, subject: str | None) -> tuple[Source, ...]:
    """The sources of a framework for one subject (the common ones and its own), or all of them."""
    known = framework.subjects.get(subject) if subject else None
    if known:
        return known.basis
    return tuple(dict.fromkeys(framework.basis + tuple(s for k in framework.subjects.values() for s in k.basis)))
