"""Word tables of the time grammar: months, weekdays, numbers, units, seasons and parts of day."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a dozen": 12, "dozen": 12, "single": 1,
}  # fmt: skip

# quantities that name no exact number: their TIMEX3 value uses X ("PXY")
VAGUE_NUMBERS: frozenset[str] = frozenset(
    {"several", "few", "a few", "many", "some", "a couple of", "couple of", "a number of",
     "numerous", "dozens of", "hundreds of", "thousands of", "a couple", "the", "coming"}
)  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}

# unit word → TIMEX3 duration letter; the time units take the "T" designator
UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "millennium": "ML",
}  # fmt: skip
TIME_UNITS: frozenset[str] = frozenset({"second", "minute", "hour"})

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}

# part of day → TIMEX3 time value
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

SET_WORDS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
    "annual": "P1Y", "nightly": "P1D", "hourly": "PT1H", "quarterly": "P1Q",
    "biweekly": "P2W", "biannually": "P6M",
}  # fmt: skip


def unit_of(word: str) -> str:
    """Map an inflected unit word to its singular key of :data:`UNITS`.

    Args:
        word: "years", "centuries", "day", ...

    Returns:
        The singular unit ("year", "century", "day").
    """
    word = word.lower()
    if word == "centuries":
        return "century"
    if word == "millennia":
        return "millennium"
    if word.endswith("s") and word[:-1] in UNITS:
        return word[:-1]
    return word


def number_of(words: str) -> int | None:
    """Read a cardinal number written in digits or words ("27", "twenty four", "a").

    Args:
        words: The number as written; hyphens and spaces are allowed between words.

    Returns:
        Its value, or None for a vague quantity ("several") or an unreadable one.
    """
    cleaned = words.lower().replace(",", "").strip()
    if cleaned.isdigit():
        return int(cleaned)
    if cleaned in NUMBERS:
        return NUMBERS[cleaned]
    total = 0
    for part in cleaned.replace("-", " ").split():
        if part in ("and",):
            continue
        if part not in NUMBERS:
            return None
        total += NUMBERS[part]
    return total or None
