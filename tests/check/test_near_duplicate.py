"""CR003's pairs: what the last run found (``make serve`` checks every file on each rebuild) gives
the same pairs as finding and scoring every candidate again, and only new pairs are scored."""

from __future__ import annotations

import random
from collections import Counter

from scripts.kb.check.config import settings
from scripts.kb.check.rules.near_duplicate import Body, Found, candidates, digest, signature, similar_pairs

SEED = 3
CONF = settings()["near_duplicate"]


def _body(hashes: set[int]) -> Body:
    found = frozenset(hashes)
    usable = len(found) >= CONF["min_shingles"]
    return Body(1, found, signature(found, CONF["bands"] * CONF["rows"]) if usable else None, digest(found))


def _expected(bodies: list[Body]) -> list[tuple[int, int, float]]:
    """Every candidate pair scored from scratch, as CR003 did before it kept scores."""
    usable = [i for i, b in enumerate(bodies) if b.signature is not None]
    found = []
    for a, b in sorted(candidates([bodies[i].signature for i in usable], CONF["bands"], CONF["rows"])):
        i, j = usable[a], usable[b]
        first, second = bodies[i].shingles, bodies[j].shingles
        score = len(first & second) / len(first | second)
        if score >= CONF["threshold"]:
            found.append((i, j, score))
    return found


def _library(rng: random.Random, count: int) -> list[set[int]]:
    """Shingle sets, many of them near copies of a few originals (so there are candidates)."""
    originals = [set(rng.sample(range(10**6), rng.randint(5, 80))) for _ in range(4)]
    sets = []
    for _ in range(count):
        base = set(rng.choice(originals))
        drop = set(rng.sample(sorted(base), rng.randint(0, len(base) // 3)))
        sets.append((base - drop) | set(rng.sample(range(10**6), rng.randint(0, 10))))
    return sets


def _candidate_pairs(bodies: list[Body]) -> list[tuple[int, int]]:
    usable = [i for i, b in enumerate(bodies) if b.signature is not None]
    return [(usable[a], usable[b]) for a, b in candidates([bodies[i].signature for i in usable], CONF["bands"], CONF["rows"])]


def test_kept_scores_give_the_pairs_scoring_from_scratch_gives_and_only_new_pairs_are_scored():
    rng = random.Random(SEED)
    for _ in range(25):
        sets = _library(rng, rng.randint(2, 30))
        found = Found()
        bodies = [_body(s) for s in sets]
        assert similar_pairs(bodies, CONF, found) == _expected(bodies)
        first_run = found.scored
        assert similar_pairs(bodies, CONF, found) == _expected(bodies) and found.scored == first_run  # nothing new
        # An edit, a removal and a reordering: as a serve rebuild sees the tree again.
        old = Counter(b.digest for b in bodies if b.signature is not None)
        edited = rng.randrange(len(sets))
        sets[edited] = sets[edited] | {rng.randrange(10**6)}
        if len(sets) > 2:
            del sets[rng.randrange(len(sets))]
        if rng.random() < 0.5:  # a sample sent again: a copy of a body the last run had
            sets.append(set(rng.choice(sets)))
        rng.shuffle(sets)
        bodies = [_body(s) for s in sets]
        copies = Counter(b.digest for b in bodies if b.signature is not None)
        fresh = {i for i, b in enumerate(bodies) if b.digest not in old or copies[b.digest] > old[b.digest]}
        new_pairs = [(i, j) for i, j in _candidate_pairs(bodies) if i in fresh or j in fresh]
        before = found.scored
        assert similar_pairs(bodies, CONF, found) == _expected(bodies)
        assert found.scored - before == len(new_pairs)


def test_after_an_edit_only_the_edited_body_s_pairs_are_scored_again():
    rng = random.Random(SEED + 1)
    original = set(rng.sample(range(10**6), 60))
    sets = [original - {sorted(original)[k]} for k in range(6)]  # six near copies: 15 candidate pairs
    found = Found()
    bodies = [_body(s) for s in sets]
    assert len(similar_pairs(bodies, CONF, found)) == 15 and found.scored == 15
    sets[2] = sets[2] | {10**6 + 1}
    bodies = [_body(s) for s in sets]
    assert similar_pairs(bodies, CONF, found) == _expected(bodies)
    assert found.scored == 15 + 5  # the edited body's five pairs


def test_a_sample_sent_again_is_found_when_the_tree_is_checked_again():
    rng = random.Random(SEED + 2)
    sets = [set(rng.sample(range(10**6), 50)) for _ in range(5)]
    found = Found()
    assert similar_pairs([_body(s) for s in sets], CONF, found) == []
    bodies = [_body(s) for s in sets + [set(sets[3])]]
    assert similar_pairs(bodies, CONF, found) == [(3, 5, 1.0)]
