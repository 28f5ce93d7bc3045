"""A zip package from members deflated beforehand, byte for byte as ``zipfile`` writes it.

Every Word file of a layout shares most of its members (styles, theme, fonts, footers: about 50 KB),
and ``zipfile`` would deflate them again for each document. A ``Member`` is deflated once;
``package`` writes the local headers, the data and the central directory as ``zipfile.ZipFile``
does for a member given whole (zip 2.0, made on Unix, mode 644, no data descriptor, one fixed
date), so the documents stay the same bytes. The tests compare the two on random members.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from datetime import datetime

VERSION = 20  # zip 2.0: deflate
MADE_ON_UNIX = 3
DEFLATED = 8
FILE_MODE = 0o644 << 16


@dataclass(frozen=True)
class Member:
    name: bytes
    crc: int
    size: int
    packed: bytes  # raw deflate at zlib's default level, as zipfile makes it

    @classmethod
    def deflate(cls, name: str, data: bytes) -> Member:
        packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        return cls(name.encode("ascii"), zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


def package(members: list[Member], stamp: datetime) -> bytes:
    """The zip file of these members, in this order, each dated ``stamp`` (to the even second)."""
    time = stamp.hour << 11 | stamp.minute << 5 | stamp.second // 2
    date = (stamp.year - 1980) << 9 | stamp.month << 5 | stamp.day
    files, directory = bytearray(), bytearray()
    for member in members:
        where = (DEFLATED, time, date, member.crc, len(member.packed), member.size, len(member.name))
        directory += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", VERSION, MADE_ON_UNIX, VERSION, 0, 0, *where,
                                 0, 0, 0, 0, FILE_MODE, len(files)) + member.name
        files += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", VERSION, 0, 0, *where, 0) + member.name + member.packed
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(files), 0)
    return bytes(files + directory + end)
