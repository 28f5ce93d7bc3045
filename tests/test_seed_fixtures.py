"""The raw seeds kept as test input are the user's files, byte for byte, and each was published."""

import hashlib

from scripts.kb.core.model import load_samples
from tests.conftest import SEEDS_DIR


def test_the_five_raw_seeds_are_present_and_each_is_published_once():
    seeds = sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    assert len(seeds) == 5
    sources = [s.meta["source"] for s in load_samples()]
    for name in seeds:
        assert sum(name in source for source in sources) == 1, name


def test_raw_seeds_match_the_shared_originals_when_present():
    shared = SEEDS_DIR.parents[3] / "shared" / "seeds"  # beside the clone, in CI and on the team's machines
    for original in sorted(shared.glob("*.txt")):
        copy = SEEDS_DIR / original.name
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(original.read_bytes()).digest()
