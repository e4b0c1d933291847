"""Just enough English grammar to set an owner's note into a sentence: word classes by list,
verb forms by rule, and sentences split the way the length rule counts them.

No tagger: notes are short, and every guess that is not safe leads to the frame that takes
any text ("...: <the note>"), never to a broken sentence.
"""

from __future__ import annotations

import re

from .sentences import ABBREVIATION, SENTENCE_BREAK

WORD = re.compile(r"[^\W_][\w'’.-]*")

SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it", "there"})
DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
    "your", "my", "some", "any", "each", "every", "all", "both", "no", "another", "other",
    "which", "what", "whose", "one", "two", "three", "four", "five", "several", "many", "few",
    "more", "most", "such"})
WH_WORDS = frozenset({"how", "what", "why", "when", "where", "which", "who", "whom", "whose",
                      "whether"})
# After one of these, a verb belongs to an embedded clause ("how the menu drives ...").
EMBEDDERS = WH_WORDS | {"that", "if", "because", "while", "since", "so", "though", "although",
                        "unless", "until", "once", "after", "before", "as", "like", "than"}
PREPOSITIONS = frozenset({
    "about", "above", "across", "after", "against", "along", "among", "around", "at", "before",
    "behind", "below", "beside", "between", "beyond", "by", "despite", "during", "for", "from",
    "in", "inside", "into", "near", "of", "off", "on", "onto", "out", "over", "past", "per",
    "since", "through", "to", "toward", "towards", "under", "until", "up", "upon", "via",
    "with", "within", "without", "vs", "versus"})
CONJUNCTIONS = frozenset({"and", "or", "but", "nor", "plus", "&"})
BE = frozenset({"is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't"})
DO = frozenset({"do", "does", "did", "don't", "doesn't", "didn't"})
HAVE = frozenset({"has", "have", "had", "hasn't", "haven't", "hadn't"})
MODALS = frozenset({"will", "would", "can", "could", "should", "shall", "may", "might", "must",
                    "won't", "wouldn't", "can't", "cannot", "couldn't", "shouldn't"})
AUXILIARIES = BE | DO | HAVE | MODALS

# Common verbs in their base form; their -s and -ed forms are made by rule below.
_VERB_BASES = """
add adopt aim allow analyse analyze approach argue arrive ask assess automate avoid balance
begin believe bring build buy call change check choose clean close collect combine come
compare complete consider consolidate contain continue contribute control convert cover
create cut debug decide define deliver deploy describe design detect develop do drive drop
enjoy ensure estimate evaluate expand expect explain explore face fail feel fight find
finish fix focus follow forecast get give go grow handle happen help hire hold hope identify
implement improve include increase integrate introduce invest join keep know launch lead learn
leave let like live look lose love maintain make manage measure meet mention migrate miss
model monitor move need offer open operate organize organise own partner pay pick plan prefer
prepare present price prioritise prioritize process produce protect prove provide publish
push put raise reach read rebuild receive reduce refactor release rely remove repeat replace
report require research reshape resolve retire return review rewrite roll run save say scale
schedule see seem sell send serve set share shift ship show shrink shut sign solve sort speak
spend split stand start stay stop streamline struggle study suggest support switch take
talk teach tell tend test think train transform treat try turn understand unify update
upgrade use validate want watch win work worry write
"""
VERB_BASES = frozenset(_VERB_BASES.split())

IRREGULAR_PAST = {
    "be": "was", "begin": "began", "break": "broke", "bring": "brought", "build": "built",
    "buy": "bought", "choose": "chose", "come": "came", "cut": "cut", "do": "did",
    "drive": "drove", "feel": "felt", "fight": "fought", "find": "found", "get": "got",
    "give": "gave", "go": "went", "grow": "grew", "have": "had", "hold": "held", "keep": "kept",
    "know": "knew", "lead": "led", "leave": "left", "let": "let", "lose": "lost",
    "make": "made", "meet": "met", "pay": "paid", "put": "put", "read": "read",
    "rebuild": "rebuilt", "rewrite": "rewrote", "run": "ran", "say": "said", "see": "saw",
    "sell": "sold", "send": "sent", "set": "set", "shrink": "shrank", "shut": "shut",
    "speak": "spoke", "spend": "spent", "split": "split", "stand": "stood", "take": "took",
    "teach": "taught", "tell": "told", "think": "thought", "understand": "understood",
    "win": "won", "write": "wrote"}
IRREGULAR_PARTICIPLES = frozenset({
    "been", "begun", "broken", "brought", "built", "bought", "chosen", "done", "driven",
    "found", "given", "gone", "grown", "held", "kept", "known", "led", "left", "lost", "made",
    "met", "paid", "put", "read", "rebuilt", "rewritten", "run", "said", "seen", "sold", "sent",
    "set", "shown", "shut", "spoken", "spent", "split", "taken", "taught", "told", "thought",
    "understood", "won", "written", "cut"})
_PAST_FORMS = frozenset(IRREGULAR_PAST.values())
# Words ending in -ed that are not verbs here.
_NOT_PAST = frozenset({"need", "seed", "speed", "feed", "bed", "red", "shed", "bleed", "breed",
                       "greed", "embed", "hundred", "sacred", "naked", "wicked", "weed", "bred",
                       "fled", "med", "ted", "fed", "led", "wed", "sled", "bled", "deed", "reed"})
# Adverbs that sit between a determiner and an adjective in -ed ("the newly automated tests").
_ADVERB = re.compile(r"^[a-z]+ly$")


def third_person(verb: str) -> str:
    """"ship" -> "ships", "push" -> "pushes", "try" -> "tries" (he/she/it, present)."""
    low = verb.lower()
    if low == "be":
        return "is"
    if low == "have":
        return "has"
    if low in ("do", "go"):
        return verb + "es"
    if re.search(r"(s|sh|ch|x|z)$", low):
        return verb + "es"
    if re.search(r"[^aeiou]y$", low):
        return verb[:-1] + "ies"
    return verb + "s"


def past_tense(verb: str) -> str:
    """"ship" -> "shipped", "migrate" -> "migrated", "lead" -> "led"."""
    low = verb.lower()
    if low in IRREGULAR_PAST:
        return IRREGULAR_PAST[low]
    if low.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", low):
        return verb[:-1] + "ied"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", low) and len(low) <= 4:
        return verb + verb[-1] + "ed"  # ship -> shipped, plan -> planned
    return verb + "ed"


def base_form(verb: str) -> str | None:
    """The base of a known verb's third-person present form: "leads" -> "lead", "pushes" ->
    "push", "tries" -> "try"; None when it is not one."""
    low = verb.lower()
    if low in ("does", "goes"):
        return low[:-2]
    candidates = [low[:-1]]
    if low.endswith("es"):
        candidates.append(low[:-2])
    if low.endswith("ies"):
        candidates.append(low[:-3] + "y")
    for candidate in candidates:
        if candidate in VERB_BASES and third_person(candidate) == low:
            return candidate
    return None


_SECOND_PERSON = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
                  "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't",
                  "'s": "'re", "’s": "’re"}


def second_person(verb: str) -> str:
    """A verb after "she" or "he" as it reads after "you": "is" -> "are", "leads" -> "lead";
    past tenses and modals stay."""
    low = verb.lower()
    if low in _SECOND_PERSON:
        return _SECOND_PERSON[low]
    return base_form(low) or verb


def is_finite_verb(word: str) -> bool:
    """A known verb in a finite form other than the base: "ships", "migrated", "led"."""
    low = word.lower()
    if low in AUXILIARIES:
        return True
    if low in _PAST_FORMS:
        return True
    if base_form(low) is not None:
        return True
    return low.endswith("ed") and len(low) > 4 and low not in _NOT_PAST


def is_base_verb(word: str) -> bool:
    return word.lower() in VERB_BASES


def is_participle(word: str) -> bool:
    low = word.lower()
    return (low.endswith("ed") and low not in _NOT_PAST and len(low) > 3) or \
        (low.endswith("ing") and len(low) > 4) or low in IRREGULAR_PARTICIPLES


def is_gerund(word: str) -> bool:
    low = word.lower()
    return low.endswith("ing") and len(low) > 4 and low not in {"thing", "string", "spring",
                                                                "nothing", "something",
                                                                "everything", "anything",
                                                                "ceiling", "king", "wing",
                                                                "bring", "during", "morning",
                                                                "evening", "meeting"}


def is_adverb(word: str) -> bool:
    return bool(_ADVERB.match(word.lower())) and word.lower() not in {"only", "family",
                                                                      "supply", "apply",
                                                                      "reply", "rely", "fly"}


def words(text: str) -> list[str]:
    return WORD.findall(text)


def split_sentences(text: str) -> list[str]:
    """Sentences as the length rule counts them (sentences.count_sentences): a break after
    . ! or ? and white space, except after the abbreviations it keeps."""
    protected = ABBREVIATION.sub(lambda m: m.group(0).replace(".", "\0"), text)
    parts = [p.strip() for p in SENTENCE_BREAK.split(protected) if p.strip()]
    return [p.replace("\0", ".") for p in parts]


def capitalize_first(text: str) -> str:
    """The first letter upper-cased, the rest as written ("my work" -> "My work")."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1:]
        if not char.isspace() and char not in "\"'(“‘":
            return text
    return text


FUNCTION_WORDS = (DETERMINERS | SUBJECT_PRONOUNS | WH_WORDS | PREPOSITIONS | CONJUNCTIONS
                  | AUXILIARIES | {"to", "not", "also", "then", "just", "very", "so", "if"})


def lower_first_function_word(text: str) -> str:
    """"The migration to Kafka" -> "the migration to Kafka": a leading function word is
    lowered for a place inside a sentence; names ("Kafka Streams") keep their capitals.
    "I" stays "I"."""
    match = re.match(r"([A-Z][a-z']*)\b", text)
    if match and match.group(1).lower() in FUNCTION_WORDS and match.group(1) != "I" \
            and len(text) > len(match.group(1)):
        return match.group(1).lower() + text[len(match.group(1)):]
    return text
