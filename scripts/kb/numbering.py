"""Chinese outline numbering (GB/T 9704 levels 一、 / （一） / 1. / （1）) and numerals."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (what outlines need)."""
    if not 0 < n < 100:
        raise ValueError(f"numeral out of range: {n}")
    tens, ones = divmod(n, 10)
    prefix = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return prefix + (DIGITS[ones] if ones else "")


def parse_chinese_numeral(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; None when the text is not such a numeral."""
    if not text or any(ch not in DIGITS[1:] + "十" for ch in text):
        return None
    if "十" not in text:
        return DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in tens + ones:
        return None
    return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)


def level_marker(level: int, n: int) -> str:
    """The numbering of the n-th item at outline level 1..4: 一、 （一） 1. （1）."""
    return {1: f"{chinese_numeral(n)}、", 2: f"（{chinese_numeral(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]
