"""The published samples: complete front matter and the sections their meeting type requires."""

from __future__ import annotations

import pytest

from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples, parse_sample, sample_paths

SAMPLES = sample_paths()


def test_every_published_sample_has_a_known_type_and_types_before_2023_have_samples():
    """Samples are real materials, never made up: a type added from notices alone (主题教育专题,
    2023) may have none yet, and its page says so (tests/site); the older types all have some."""
    types = {parse_sample(path).meeting_type for path in SAMPLES}
    dom = domain()
    assert types <= set(dom.type_keys)
    assert {mt.key for mt in dom.types if min(mt.frameworks) < 2023} <= types


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_front_matter_has_every_required_field(path):
    sample = parse_sample(path)
    for spec in domain().fields:
        if spec.required:
            assert sample.meta.get(spec.key) not in (None, "", []), f"{path.name}: 缺少 {spec.key}"
    assert path.parent.name == sample.meeting_type


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_has_the_sections_its_type_requires(path):
    sample = parse_sample(path)
    mt = domain().type(sample.meeting_type)
    assert mt is not None
    missing = [role for role in mt.required if role not in sample.roles()]
    assert not missing, f"{path.name} 缺少必需部分 {missing}，实际为 {sample.roles()}"


def test_titles_are_unique():
    titles = [s.title for s in load_samples()]
    assert len(titles) == len(set(titles))
