"""The owner's notes fitted into the drafts' sentences (issue 11: "fit what the owner wrote").

A note is one of a few shapes: a noun phrase ("the data pipeline migration"), an embedded
question ("how on-call is shared"), a clause ("the team is moving to Kafka"), a sentence in
the owner's own voice ("I enjoyed the whiteboard exercise"), a direct question, several
sentences, or something no rule reads (another language, a guess too unsure). Each shape has
a frame that takes it whole:

- ``about``: a phrase set after "about" / "on" / "of" ("I enjoyed hearing about ___.");
- ``that``: a clause set after "that" ("I was glad to hear that ___.");
- ``own``: whole sentences, end punctuation included, printed as they stand;
- ``mine`` (strengths): a phrase starting "my ..." ("What you described is close to ___.");
- ``colon`` (insights): text after a colon ("One more thought since we spoke: ___");
- ``mention``, ``add``, ``ask`` (insights that pointed at a slip): the addition itself
  ("I would also like to mention ___.").

Rules rewrite where they can: "We talked a lot about X" -> X; "how do they price X?" ->
"how they price X"; a note about the interviewer ("her take on X") addressed to them ("your
take on X"); "led the migration" (a strength) -> "I led the migration."; "I should have
mentioned X" (an insight) -> the addition itself. Where nothing fits, the note is kept whole
in a sentence of its own after a colon (``kept``), which the content check points out to the
owner. Nothing is ever cut.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from . import grammar as g
from .clean import clean_note

NoteKind = Literal["none", "about", "that", "own", "mine", "colon", "mention", "add", "ask"]

# A note no frame fits is kept whole after one of these leads; check.py points them out.
KEPT_TOPIC = "One thing from our conversation stays with me: "
KEPT_QUESTION = "One question from our conversation stays with me: "
KEPT_STRENGTH = "What I would bring to the role: "
KEPT_LEADS = (KEPT_TOPIC, KEPT_QUESTION, KEPT_STRENGTH)


@dataclass(frozen=True)
class Fitted:
    """A note ready for a frame. ``text`` has no end punctuation for the phrase kinds
    (about, that, mine, mention, ask) and keeps it for the sentence kinds (own, colon)."""

    kind: NoteKind = "none"
    text: str = ""
    kept: bool = False  # nothing fitted: kept whole in its own sentence
    sentences: int = 0  # sentences the note brings beyond its frame's own
    one_sentence: str = ""  # the same note as one sentence, for a draft short of room

    def __bool__(self) -> bool:
        return self.kind != "none"

    def squeezed(self) -> Fitted:
        """This note as one sentence (its sentences joined by semicolons), for a draft that
        has no room for more."""
        if self.sentences == 0 or not self.one_sentence:
            return self
        return replace(self, text=self.one_sentence, sentences=0)


NOTHING = Fitted()


# --- shared steps ---------------------------------------------------------------------------

_ALL_CAPS_KEEP = g.FUNCTION_WORDS | {"team", "data", "plan", "plans", "work", "role", "call",
                                     "new", "next", "year", "week", "job", "jobs", "code"}


def _calm_capitals(text: str) -> str:
    """A note typed in capitals reads as shouting: words of four letters or more and common
    short words are lowered, short unknown words stay (acronyms: "ETL", "AWS", "SQL")."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text

    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        plain = word.lower().strip("'’")
        if len(plain) >= 4 or plain in _ALL_CAPS_KEEP:
            return word.lower()
        return word

    calmed = re.sub(r"[^\W\d_][\w'’]*", lower, text)
    return re.sub(r"\bi\b", "I", calmed)


def _end(sentence: str) -> str:
    """A sentence with its end punctuation: as written, else a period."""
    sentence = sentence.rstrip()
    return sentence if re.search(r"[.!?。！？][\"')\]”’」]*$", sentence) else \
        sentence.rstrip(",;:") + "."


def _bare(sentence: str) -> str:
    """Without its end punctuation (for a place inside a sentence)."""
    return re.sub(r"[\s.!;:,]+$", "", sentence).strip()


def _join_as_one(sentences: list[str]) -> str:
    """Several sentences as one, joined by semicolons (a draft with no room for more)."""
    parts = [_bare(s).rstrip("?") for s in sentences]
    joined = "; ".join([parts[0], *(g.lower_first_function_word(p) for p in parts[1:])])
    return joined + "."


def _tokens(sentence: str) -> list[str]:
    return sentence.split()


def _low(token: str) -> str:
    return token.lower().strip("\"'“”‘’(),;:!?")


# --- person: a note about the interviewer, addressed to them --------------------------------

_SHE_HE = re.compile(r"^(she|he)(['’](s|d|ll))?$", re.IGNORECASE)


def _to_second_person(sentence: str, first_name: str | None) -> str:
    """"She explained how on-call works" -> "You explained how on-call works"; "her take on
    X" -> "your take on X"; "Tom's view" -> "your view" (a note for that one interviewer)."""
    tokens = _tokens(sentence)
    out: list[str] = []
    name = first_name.lower() if first_name else None
    for index, token in enumerate(tokens):
        low = _low(token)
        following = _low(tokens[index + 1]) if index + 1 < len(tokens) else ""
        replacement: str | None = None
        match = _SHE_HE.match(low)
        if match:
            tail = match.group(2) or ""
            if tail[1:] == "s":
                tail = tail[0] + "re"
            replacement = "you" + tail
            if not tail and following:
                tokens[index + 1] = _keep_punct(tokens[index + 1],
                                                g.second_person(following))
        elif low in ("her", "his"):
            takes_noun = bool(following) and following not in g.PREPOSITIONS \
                and following not in g.CONJUNCTIONS and not g.is_finite_verb(following)
            replacement = "your" if low == "his" or takes_noun else "you"
        elif low == "him":
            replacement = "you"
        elif low in ("herself", "himself"):
            replacement = "yourself"
        elif name and low in (f"{name}'s", f"{name}’s"):
            replacement = "your"
        elif name and low == name and index == 0 and following and g.is_finite_verb(following):
            replacement = "you"
            tokens[index + 1] = _keep_punct(tokens[index + 1], g.second_person(following))
        if replacement is None:
            out.append(token)
            continue
        if token[:1].isupper() and (index == 0 or low == name):
            replacement = replacement.capitalize() if index == 0 else replacement
        out.append(_keep_punct(token, replacement))
    return " ".join(out)


def _keep_punct(token: str, word: str) -> str:
    """``word`` in place of ``token``'s letters, its punctuation kept ("her," -> "your,")."""
    match = re.match(r"^([\"'“‘(]*)(.*?)([\"'”’),;:!?.]*)$", token)
    if not match:
        return word
    return f"{match.group(1)}{word}{match.group(3)}"


# --- what a single sentence is --------------------------------------------------------------

_TALK = re.compile(
    r"^(?:(?:we|you and i|i|you|they)\s+)?(?:(?:both|mostly|mainly|also|really)\s+)?"
    r"(?:talked|talk|spoke|speak|chatted|chat)\s+"
    r"(?:(?:a lot|a bit|a little|at length|mostly|mainly|briefly|in depth|quite a bit)\s+)?"
    r"(?:about|on|through)\s+(?=\S)", re.IGNORECASE)
_DISCUSS = re.compile(
    r"^(?:(?:we|you and i|i|you)\s+)?(?:(?:also|mostly|mainly|briefly)\s+)?"
    r"(?:discussed|discuss|covered|cover|went over|go over|went through|go through|dug into|"
    r"dig into|got into|get into|touched on|touch on|looked at|look at|focused on|focus on)\s+"
    r"(?=\S)", re.IGNORECASE)
_CONVERSATION = re.compile(
    r"^(?:our|the|a|my)\s+(?:conversation|chat|discussion|talk|call)\s+(?:about|on|of)\s+(?=\S)",
    re.IGNORECASE)
_LEARNED = re.compile(
    r"^i\s+(?:learned|learnt|heard|found out|was told)\s+(?:about\s+)?(?=\S)", re.IGNORECASE)
_ASKED = re.compile(r"^i\s+asked\s+(?:you\s+)?(?:about\s+)?(?=\S)", re.IGNORECASE)
_OWN_VOICE = re.compile(r"^(i|i'm|i’m|i've|i’ve|i'd|i’d|i'll|i’ll|we|we're|we’re|we've|we’ve|"
                        r"we'd|we’d|you|you're|you’re|you've|you’ve|you'd|you’d)$")
_THIRD = re.compile(r"^(they|they're|they’re|they've|they’ve|they'd|they’d|it|it's|it’s|there|"
                    r"there's|there’s|she|he|she's|he's|she’s|he’s)$")


def _topic_core(sentence: str) -> str:
    """Talk about talking dropped: "We talked a lot about X" -> "X"."""
    for pattern in (_TALK, _DISCUSS, _CONVERSATION, _LEARNED, _ASKED):
        match = pattern.match(sentence)
        if match:
            return sentence[match.end():]
    return sentence


def _main_verb_index(tokens: list[str]) -> tuple[int | None, bool]:
    """Where the main clause's verb is, if any: (index, whether it is an auxiliary). Verbs
    after a wh-word, "that", a relative pronoun or a subject pronoun belong to an embedded
    clause and are not the main verb ("the tooling we built", "how the menu drives")."""
    previous = _low(tokens[0]) if tokens else ""
    for index in range(1, len(tokens)):
        low = _low(tokens[index])
        if low in g.EMBEDDERS or low in g.SUBJECT_PRONOUNS - {"it", "there"}:
            return None, False
        if low in g.AUXILIARIES:
            return index, True
        if previous in g.DETERMINERS or previous in g.PREPOSITIONS or g.is_adverb(previous) \
                or previous in g.AUXILIARIES:
            previous = low
            continue
        if g.is_finite_verb(low) and not low.endswith("'s") and (
                g.base_form(low) is None or _object_follows(tokens, index)):
            return index, False
        previous = low
    return None, False


_NOUN_PREPOSITIONS = frozenset({"of", "for", "in", "on", "at", "with", "from", "across"})


def _object_follows(tokens: list[str], index: int) -> bool:
    """Whether the word after an -s form reads as its object or complement ("ships weekly",
    "uses Kafka"), so that it is a verb and not a plural noun ("the release plans for Q3")."""
    if index + 1 >= len(tokens):
        return False
    token = tokens[index + 1]
    low = _low(token)
    return (low in g.DETERMINERS or low in g.SUBJECT_PRONOUNS or g.is_adverb(low)
            or low in {"to", "that", "me", "us", "them", "up", "out", "down", "off"}
            or (low in g.PREPOSITIONS and low not in _NOUN_PREPOSITIONS)
            or bool(_NUMBER.match(low)) or token[:1].isupper())


def _is_question(sentence: str) -> bool:
    tokens = _tokens(sentence)
    if not tokens:
        return False
    if sentence.rstrip().endswith("?"):
        return True
    first = _low(tokens[0])
    second = _low(tokens[1]) if len(tokens) > 1 else ""
    if first in g.AUXILIARIES and len(tokens) > 2 and (
            second in g.SUBJECT_PRONOUNS or second in g.DETERMINERS):
        return True  # "is the team moving to Kafka"
    return (first in ("how", "why", "when", "where") and second in g.AUXILIARIES) or \
        (first in ("what", "which", "who") and second in g.DO)


def _embedded_question(sentence: str) -> str | None:
    """"How do they price payments?" -> "how they price payments"; "Is the team moving to
    Kafka?" -> "whether the team is moving to Kafka"; None when no rule is sure."""
    tokens = _tokens(_bare(sentence).rstrip("?").strip())
    if len(tokens) < 2:
        return None
    first = _low(tokens[0])
    if first in g.WH_WORDS:
        wh, rest = tokens[0].lower(), tokens[1:]
    else:
        wh, rest = "whether", tokens
    aux = _low(rest[0])
    if aux not in g.AUXILIARIES:
        # "what drives the roadmap": the wh-word is the subject, the order already fits
        return " ".join([wh, *rest]) if first in g.WH_WORDS else None
    after = rest[1:]
    if not after:
        return None
    subject_end = _subject_end(after, aux)
    if subject_end is None:
        return None
    subject, tail = after[:subject_end], after[subject_end:]
    if not tail:
        return None
    if aux in ("do", "does", "did"):
        verb = _low(tail[0])
        if aux == "does":
            verb = g.third_person(verb)
        elif aux == "did":
            verb = g.past_tense(verb)
        clause = [*subject, _keep_punct(tail[0], verb), *tail[1:]]
    else:
        clause = [*subject, rest[0].lower(), *tail]
    if clause and clause[0][:1].isupper() and _low(clause[0]) in g.FUNCTION_WORDS \
            and clause[0] != "I":
        clause[0] = clause[0].lower()
    return " ".join([wh, *clause])


def _subject_end(tokens: list[str], aux: str) -> int | None:
    """Where the subject after an inverted auxiliary ends (the verb's index), if sure."""
    first = _low(tokens[0])
    if first in g.SUBJECT_PRONOUNS and first != "there":
        return 1
    window = tokens[:6]
    wants_base = aux in g.DO or aux in g.MODALS
    candidates = []
    for index in range(1, len(window)):
        low = _low(window[index])
        previous = _low(window[index - 1])
        if previous in g.DETERMINERS:
            continue
        if (wants_base and g.is_base_verb(low)) or (not wants_base and g.is_participle(low)):
            candidates.append(index)
    return candidates[0] if len(candidates) == 1 else None


# After a verb, not after a noun: "scale the pipeline", "follow up on the offer".
_VERB_FOLLOWERS = g.DETERMINERS | g.SUBJECT_PRONOUNS | {"up", "out", "down", "off", "back",
                                                        "me", "us", "them", "him", "her"}


def _topic_shape(sentence: str) -> Fitted:
    """One sentence of a topic note (already in second person where it was about the
    reader), fitted."""
    core = _topic_core(sentence)
    tokens = _tokens(core)
    if not tokens:
        return NOTHING
    first = _low(tokens[0])
    if _is_question(core):
        embedded = _embedded_question(core)
        if embedded:
            return Fitted("about", embedded)
        return _kept(KEPT_QUESTION, _bare(core).rstrip("?") + "?")
    bare = _bare(core)
    if first == "that" and len(tokens) > 2 and core is not sentence:
        return Fitted("that", g.lower_first_function_word(bare[len(tokens[0]):].strip()))
    if first in g.WH_WORDS:
        return Fitted("about", g.lower_first_function_word(bare))
    if _OWN_VOICE.match(first):
        if core is not sentence:  # "we talked about I ..." is nothing a rule can read
            return _kept(KEPT_TOPIC, _end(sentence))
        return Fitted("own", _end(g.capitalize_first(core)), sentences=1,
                      one_sentence=_end(g.capitalize_first(core)))
    if _THIRD.match(first):
        return Fitted("that", g.lower_first_function_word(bare))
    if first in ("my", "our"):
        verb, _ = _main_verb_index(tokens)
        if verb is not None:
            return Fitted("own", _end(g.capitalize_first(core)), sentences=1,
                          one_sentence=_end(g.capitalize_first(core)))
        return _kept(KEPT_TOPIC, _end(g.lower_first_function_word(core)))
    if (g.is_base_verb(first) or g.is_finite_verb(first)) and not g.is_gerund(first) \
            and len(tokens) > 1 and _low(tokens[1]) in _VERB_FOLLOWERS:
        return _kept(KEPT_TOPIC, _end(core))  # "scale the pipeline": an instruction?
    verb, auxiliary = _main_verb_index(tokens)
    if verb is None:
        return Fitted("about", g.lower_first_function_word(bare))
    if auxiliary:
        return Fitted("that", g.lower_first_function_word(bare))
    return _kept(KEPT_TOPIC, _end(g.lower_first_function_word(core)))


def _kept(lead: str, sentence: str) -> Fitted:
    text = lead + sentence
    return Fitted("own", text, kept=True, sentences=1, one_sentence=text)


def _several(sentences: list[str], lead: str,
             prefix: Callable[[str], str] | None = None) -> Fitted:
    """A note of several sentences, printed whole: as they stand when the first is in the
    owner's voice, else after a lead."""
    first_tokens = _tokens(sentences[0])
    first = _low(first_tokens[0]) if first_tokens else ""
    ended = [_end(s) for s in sentences]
    if prefix is not None:
        ended[0] = _end(prefix(sentences[0]))
        first = "i"
    if _OWN_VOICE.match(first) or (first in ("my", "our")
                                   and _main_verb_index(first_tokens)[0] is not None):
        ended[0] = g.capitalize_first(ended[0])
        return Fitted("own", " ".join(ended), sentences=len(ended),
                      one_sentence=_join_as_one(ended))
    text = lead + " ".join(ended)
    return Fitted("own", text, kept=True, sentences=len(ended),
                  one_sentence=lead + _join_as_one(ended))


def _prepare(raw: object, first_name: str | None) -> list[str]:
    text = _calm_capitals(clean_note(raw))
    if not text:
        return []
    sentences = g.split_sentences(text)
    if first_name is not None:
        sentences = [_to_second_person(s, first_name) for s in sentences]
    return sentences


# --- the three kinds of note ----------------------------------------------------------------


def fit_topic(raw: object, *, reader: str | None = None) -> Fitted:
    """A topic discussed. ``reader``: the first name of the one interviewer the note is
    about (a note for that person), so "she"/"her"/their name become "you"/"your"; None for a
    note for everyone."""
    sentences = _prepare(raw, reader)
    if not sentences:
        return NOTHING
    if _foreign(" ".join(sentences)):
        return _kept(KEPT_TOPIC, " ".join(_end(s) for s in sentences))
    if len(sentences) > 1:
        return _several(sentences, KEPT_TOPIC)
    return _topic_shape(sentences[0])


# Function words of the languages an owner may note in, besides English: a note made mostly
# of them is in that language, and no English frame can read its grammar.
_FOREIGN_FUNCTION_WORDS = frozenset(" ".join((
    "le la les des du et est nous vous une un avons sont pour dans sur avec qui que pas ont",
    "el los las del y es somos una con para por en hablamos fue son muy",
    "der die das und ist wir ein eine mit für von zu über nicht sind haben wie",
    "o os da do é nós um uma com em não foi são como sobre",
    "il lo gli di è noi per che sono abbiamo",
)).split())
_ENGLISH_FUNCTION_WORDS = g.FUNCTION_WORDS - _FOREIGN_FUNCTION_WORDS


def _foreign(text: str) -> bool:
    """A note in another language: mostly letters of another script, or more function words
    of another language than of English."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    if latin < len(letters) / 2:
        return True
    tokens = [_low(t) for t in text.split()]
    foreign = sum(1 for t in tokens if t in _FOREIGN_FUNCTION_WORDS)
    english = sum(1 for t in tokens if t in _ENGLISH_FUNCTION_WORDS)
    return foreign >= 2 and foreign > english


_HEAD_NOUNS = frozenset({"skills", "skill", "experience", "background", "expertise",
                         "knowledge", "record", "years", "decade", "history", "grounding"})
_QUANTIFIERS = frozenset({"over", "more", "nearly", "almost", "about", "around", "roughly",
                          "some"})
_NUMBER = re.compile(r"^(\d+\+?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|fifteen|twenty|a few|several|many)$", re.IGNORECASE)


def fit_strengths(raw: object) -> Fitted:
    """What the owner brings (a skill, a project, an accomplishment): ``mine`` (a phrase
    starting "my ...") or ``own`` sentences ("I led the migration of 40 ETL jobs.")."""
    sentences = _prepare(raw, None)
    if not sentences:
        return NOTHING
    if len(sentences) > 1:
        opening = _tokens(sentences[0])
        verb_first = bool(opening) and _verb_initial(opening)
        return _several(sentences, KEPT_STRENGTH, prefix=_with_i if verb_first else None)
    sentence = sentences[0]
    tokens = _tokens(sentence)
    first = _low(tokens[0])
    bare = _bare(sentence)
    own = _end(g.capitalize_first(sentence))
    if _OWN_VOICE.match(first) or first in ("me",):
        return Fitted("own", own, sentences=1, one_sentence=own)
    if _is_question(sentence):
        return _kept(KEPT_STRENGTH, _end(sentence))
    if _verb_initial(tokens):
        text = _end(_with_i(sentence))
        return Fitted("own", text, sentences=1, one_sentence=text)
    if g.is_base_verb(first) or _foreign(sentence):
        return _kept(KEPT_STRENGTH, _end(sentence))  # "test automation": a verb or a noun?
    verb, _ = _main_verb_index(tokens)
    if verb is not None and not g.is_gerund(first):
        return Fitted("own", own, sentences=1, one_sentence=own)
    return Fitted("mine", _mine(bare, tokens))


def _with_i(sentence: str) -> str:
    """"Led the migration" -> "I led the migration" (a strength written without "I")."""
    first = sentence.split(" ", 1)[0]
    if first[:1].isupper() and not first.isupper():
        sentence = first[:1].lower() + sentence[1:]
    return "I " + sentence


def _verb_initial(tokens: list[str]) -> bool:
    """"led the migration ...", "built data platforms ...": a strength written without "I"."""
    first = _low(tokens[0])
    if g.is_gerund(first) or first in g.FUNCTION_WORDS:
        return False
    if first in g.IRREGULAR_PAST.values() or (first.endswith("ed") and g.is_finite_verb(first)):
        return True
    if not g.is_base_verb(first) or len(tokens) < 2:
        return False
    second = _low(tokens[1])
    return second in g.DETERMINERS or bool(_NUMBER.match(second))


def _mine(bare: str, tokens: list[str]) -> str:
    """A strength as a phrase of the owner's: "Python and SQL" -> "my experience with
    Python and SQL"; "a decade in fintech" -> "my decade in fintech"."""
    first = _low(tokens[0])
    lowered = g.lower_first_function_word(bare)
    head = [_low(t) for t in tokens[:4]]
    if first == "my":
        return "my" + bare[2:]
    if first in ("a", "an"):
        return "my " + bare[len(tokens[0]):].strip()
    if _NUMBER.match(first):
        return "my " + lowered
    if first in _QUANTIFIERS:
        return "my experience of " + lowered
    if first == "the":
        return "my work on " + lowered
    if g.is_gerund(first):
        return "my experience " + lowered
    if any(word in _HEAD_NOUNS for word in head) and not any(
            word in g.PREPOSITIONS for word in head[:head.index(next(
                w for w in head if w in _HEAD_NOUNS))]):
        return "my " + lowered
    return "my experience with " + lowered


_SLIP = re.compile(
    r"^(?:one thing\s+)?(?:i\s+)?(?:really\s+)?(?:should have|should've|wish i had|wish i'd|"
    r"meant to|forgot to|neglected to|didn't|did not|never|failed to|didn't get to|"
    r"did not get to)\s+(?P<verb>mention(?:ed)?|say|said|bring up|brought up|talk about|"
    r"talked about|add|added|share|shared|ask(?:ed)?(?: about)?)\s+(?:(?:is|was)\s+)?"
    r"(?:that\s+)?(?=\S)", re.IGNORECASE)
_SLIP_LEFT = re.compile(r"^i\s+(?:forgot|should have|should've)\b", re.IGNORECASE)


def fit_insight(raw: object) -> Fitted:
    """One added thought (final round): text for after a colon (``colon``), or, from a note
    that points at a slip ("I should have mentioned ..."), the addition itself: ``mention``
    (a phrase: "my Kafka work"), ``add`` (a clause after a colon: "I led the Kafka
    migration.") or ``ask`` ("about the team size")."""
    sentences = _prepare(raw, None)
    if not sentences:
        return NOTHING
    slip = _SLIP.match(sentences[0])
    if slip and len(sentences[0]) > slip.end():
        rest = sentences[0][slip.end():]
        verb = slip.group("verb").lower()
        if len(sentences) == 1:
            bare = _bare(rest).rstrip("?")
            if verb.startswith("ask"):
                about = bare if re.match(r"(about|whether|how|what|why|when|if)\b", bare,
                                         re.IGNORECASE) else "about " + bare
                return Fitted("ask", g.lower_first_function_word(about))
            rest_tokens = _tokens(rest)
            if _low(rest_tokens[0]) in ("my", "our") and \
                    _main_verb_index(rest_tokens)[0] is None:
                return Fitted("mention", g.lower_first_function_word(bare))
            shape = _topic_shape(rest)
            if shape.kind == "about" and not _OWN_VOICE.match(_low(rest_tokens[0])):
                return Fitted("mention", shape.text)
        sentences = [rest, *sentences[1:]]
    kind: NoteKind = "add" if slip else "colon"
    ended = [_end(s) for s in sentences]
    if len(ended) == 1:
        text = g.lower_first_function_word(ended[0])
        return Fitted(kind, text, one_sentence=text)
    text = " ".join(ended)
    return Fitted(kind, text, sentences=len(ended) - 1, one_sentence=_join_as_one(ended))


def points_at_slip(text: str) -> bool:
    """A sentence that dwells on a slip ("I forgot ...", "I should have ..."), which reads
    as an apology (P2.4): the check asks the owner to state the addition itself."""
    return bool(_SLIP_LEFT.search(text)) or bool(
        re.search(r"\b(I|we)\s+(forgot|should have|should've|blanked|messed up|botched)\b",
                  text, re.IGNORECASE))
