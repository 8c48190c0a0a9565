"""Normalised names for matching people and organisations across articles."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# honorifics and titles that are not part of a name when they lead it
_TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady rev president prime minister premier"
    " chancellor senator sen rep gov governor general gen mayor king queen prince princess"
    " pope judge justice secretary spokesman spokeswoman minister foreign finance".split()
)
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def name_key(name: str) -> str:
    """The comparison key of a name: lower case, no accents, no leading titles.

    Args:
        name: a name as written ("President Alexander Lukashenko's").

    Returns:
        The key ("alexander lukashenko"); empty when nothing is left.
    """
    # "World Health Organization (WHO" and "Labour Party - 203": the name ends before
    name = re.split(r"\s*\(|\s+[-–]\s+\d", name, maxsplit=1)[0]
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(char for char in folded if not unicodedata.combining(char)).lower()
    folded = re.sub(r"['’]s\b", "", folded)
    words = [word.replace("’", "'") for word in _WORD.findall(folded) if not word.isdigit()]
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True)
class PersonName:
    """A person's name split for comparison: given names and surname."""

    given: tuple[str, ...]
    surname: str

    @classmethod
    def parse(cls, key: str) -> PersonName:
        """Split a :func:`name_key` ("alexander g lukashenko jr")."""
        words = [word for word in key.split() if word not in _SUFFIXES] or key.split() or [""]
        return cls(tuple(words[:-1]), words[-1])

    def agrees_with(self, other: PersonName) -> bool:
        """Whether both can name one person: same surname, given names compatible.

        A missing given name agrees with any; an initial agrees with a name it starts;
        a first name agrees when the other has it among its given names, since the NER
        sometimes glues a word to the front ("Vermont Bernie Sanders").
        """
        if self.surname != other.surname:
            return False
        if not self.given or not other.given:
            return True
        first, other_first = self.given[0], other.given[0]
        if len(first) == 1 or len(other_first) == 1:
            return first[0] == other_first[0]
        return first in other.given or other_first in self.given


def acronym(key: str) -> str:
    """The initials of a multi-word key ("kelmark press agency" → "kpa"), else ""."""
    words = [word for word in key.split() if word not in {"of", "the", "and", "for"}]
    return "".join(word[0] for word in words) if len(words) > 1 else ""
