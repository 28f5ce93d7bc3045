"""The Word files' zip writer (scripts/kb/word/zip_package.py) writes what zipfile writes, byte for
byte, for any members and date, and zipfile reads it back."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.kb.word.zip_package import Member, package

NAMES = st.from_regex(r"[A-Za-z_\[\]][A-Za-z0-9_./\[\]]{0,30}", fullmatch=True)
DATA = st.one_of(st.binary(max_size=3000), st.text("<>/ 党员ab\n", max_size=3000).map(str.encode))


def _zipfile(members: list[tuple[str, bytes]], stamp: datetime) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            member = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, data)
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, DATA), max_size=6, unique_by=lambda member: member[0]),
       st.datetimes(min_value=datetime(1980, 1, 1), max_value=datetime(2107, 12, 31)))
def test_the_same_bytes_as_zipfile(members, stamp):
    written = package([Member.deflate(name, data) for name, data in members], stamp)
    assert written == _zipfile(members, stamp)
    with zipfile.ZipFile(io.BytesIO(written)) as read:
        assert read.testzip() is None and [(i.filename, read.read(i)) for i in read.infolist()] == members
