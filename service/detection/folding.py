"""Comparing names the way people read them: case, accents and punctuation do not count."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# An apostrophe inside a word joins it, the way addresses write it: "D'Souza" ~ dsouza@,
# "O'Brien" ~ obrien@, "Macy's" ~ macys.com.
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['’`´](?=\w)")


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes inside words dropped, runs of anything but
    letters and digits as one space."""
    if len(text) <= 120:
        return _fold_short(text)
    return _fold(text)


@lru_cache(maxsize=16384)
def _fold_short(text: str) -> str:
    return _fold(text)


# Letters that Unicode does not decompose into a base letter and an accent, spelled the way
# people write them in addresses ("Sørlandet" at sorlandet.no, "Łukasz" as lukasz@).
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss",
     "ı": "i", "ħ": "h", "ŧ": "t"}
)  # fmt: skip


def _fold(text: str) -> str:
    if "'" in text or not text.isascii():
        text = _INNER_APOSTROPHE.sub("", text)
    if text.isascii():
        return _NON_ALNUM.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_UNDECOMPOSED))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", plain).strip()


def squash(text: str) -> str:
    """:func:`fold` without the spaces: "Wayne-Enterprises" and "Wayne Enterprises" agree."""
    return fold(text).replace(" ", "")


def fold_words(text: str) -> list[str]:
    folded = fold(text)
    return folded.split() if folded else []


def name_fold(text: str) -> str:
    """:func:`fold` for people's names, with "ue", "oe", "ae" as the letters addresses write
    them for ("Müller" ~ "mueller@", "Björn" ~ "bjoern@")."""
    return fold(text).replace("ue", "u").replace("oe", "o").replace("ae", "a")


def plain(text: str) -> str:
    """Lower case without accents, everything else kept: what the word tables are matched
    on ("Vorstellungsgespräch" -> "vorstellungsgesprach", "Échange RH" -> "echange rh")."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
