"""Company mail about a decision date in German, Spanish, French or Portuguese, read by
rewriting its time expressions into the English ones :mod:`decision_dates` reads ("bis
Freitag, 6. November" -> "by friday, 6 november"; "en un plazo de 5 días hábiles" ->
"within 5 business days").

Invites arrive in the owner's language as often as in English (detection.md), and so does
the mail that follows them. Adding a language is adding a :class:`Language` to the table:
its words for months, weekdays and small numbers, its phrases for deadlines, periods and
"we will let you know", and the words that make a mail news of its own (a rejection, an
invitation, an offer: policy P4.1). A mail is rewritten only for a language it is
written in (a few of its common words), so that English mail keeps its own words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["LANGUAGES", "Language", "in_english"]


@dataclass(frozen=True)
class Language:
    name: str
    markers: frozenset[str]  # common words: a text with MIN_MARKERS of them is in it
    months: dict[str, str]  # its month names (accents folded) -> English
    weekdays: dict[str, str]
    numbers: dict[str, str]  # small numbers in words -> digits
    # (pattern, English) in order, on lower-case text without accents; "{n}" in a pattern
    # stands for a number (digits or one of ``numbers``), kept as group "n"
    phrases: tuple[tuple[str, str], ...]


MIN_MARKERS = 2  # its common words, or its own (not English) month and weekday names

GERMAN = Language(
    name="de",
    markers=frozenset({"wir", "ihnen", "sie", "und", "uns", "vielen", "dank", "bei", "fur",
                       "der", "die", "das", "mit", "ihr", "ihre", "gesprach",
                       "grusse", "hallo", "liebe", "lieber", "haben", "werden"}),
    months={"januar": "january", "janner": "january",
            "februar": "february", "marz": "march", "maerz": "march", "april": "april",
            "mai": "may", "juni": "june", "juli": "july", "august": "august",
            "september": "september", "oktober": "october", "november": "november",
            "dezember": "december"},
    weekdays={"montag": "monday", "dienstag": "tuesday", "mittwoch": "wednesday",
              "donnerstag": "thursday", "freitag": "friday", "samstag": "saturday",
              "sonnabend": "saturday", "sonntag": "sunday"},
    numbers={"einem": "1", "einen": "1", "einer": "1", "ein": "1", "eine": "1", "zwei": "2",
             "drei": "3",
             "vier": "4", "funf": "5", "sechs": "6", "sieben": "7", "acht": "8",
             "zehn": "10", "vierzehn": "14"},
    phrases=(
        # news of its own (P4.1)
        (r"\b(leider|absage)\b", "unfortunately"),
        (r"\b(einladen|einladung|laden (sie|dich) (gerne )?(zu|zum|zur)\b)", "invite"),
        (r"\bnachsten? (runde|gesprachsrunde|schritte?|stufe)\b", "next round"),
        (r"\b(angebot|vertragsangebot)\b", "offer"),
        (r"\b(termin|terminvorschlage|terminvorschlag)\b", "schedule"),
        (r"\b(entscheidung getroffen|entschieden)\b", "have made a decision"),
        (r"\bbitte (senden|schicken|fullen|bestatigen|antworten)\b", "please send"),
        # periods
        (r"\bende (der )?nachsten woche\b|\bende nachster woche\b", "the end of next week"),
        (r"\bende (dieser|der) woche\b|\bwochenende\b", "the end of the week"),
        (r"\bende (des|dieses) monats\b|\bmonatsende\b", "the end of the month"),
        (r"\b(nachste|nachsten|kommende|kommenden) woche\b", "next week"),
        (r"\b(innerhalb|in) (von |der nachsten |den nachsten )?{n} "
         r"(werktagen|werktage|arbeitstagen|arbeitstage|geschaftstagen)\b",
         r"within \g<n> business days"),
        (r"\b(innerhalb|in) (von |der nachsten |den nachsten )?{n} tagen?\b",
         r"within \g<n> days"),
        (r"\b(innerhalb|in) (von |der nachsten |den nachsten )?{n} wochen?\b",
         r"within \g<n> weeks"),
        # deadlines and "we will let you know"
        (r"\bbis (spatestens )?(zum |zum spatestens |am |den )?", "by "),
        (r"\bspatestens (am |zum )?", "by "),
        (r"\b(melden uns|melden wir uns|ruckmeldung|bescheid|entscheidung|entscheiden|"
         r"informieren)\b", "decision"),
    ),
)

SPANISH = Language(
    name="es",
    markers=frozenset({"gracias", "que", "para", "los", "las", "por", "nos", "una", "tu",
                       "su", "hola", "saludos", "estimada", "estimado", "con", "del",
                       "usted", "te", "proceso", "muy", "muchas", "vamos", "tiempo"}),
    months={"enero": "january", "febrero": "february", "marzo": "march", "abril": "april",
            "mayo": "may", "junio": "june", "julio": "july", "agosto": "august",
            "septiembre": "september", "setiembre": "september", "octubre": "october",
            "noviembre": "november", "diciembre": "december"},
    weekdays={"lunes": "monday", "martes": "tuesday", "miercoles": "wednesday",
              "jueves": "thursday", "viernes": "friday", "sabado": "saturday",
              "domingo": "sunday"},
    numbers={"un": "1", "una": "1", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4",
             "cinco": "5", "seis": "6", "siete": "7", "ocho": "8", "diez": "10",
             "catorce": "14", "quince": "15"},
    phrases=(
        (r"\b(lamentablemente|desafortunadamente|lamentamos)\b", "unfortunately"),
        (r"\b(invitar|invitarte|invitarle|invitarla|invitarlo|invitacion)\b", "invite"),
        (r"\b(siguiente|proxima) (fase|ronda|etapa|entrevista)\b|\bproximos pasos\b",
         "next round"),
        (r"\b(oferta|propuesta)\b", "offer"),
        (r"\b(agendar|programar|coordinar una)\b", "schedule"),
        (r"\b(hemos tomado una decision|hemos decidido)\b", "have made a decision"),
        (r"\bpor favor (envia|envie|completa|complete|confirma|confirme|responde|responda)\b",
         "please send"),
        (r"\b(a )?finales de la (proxima|siguiente) semana\b|"
         r"\bfin(al)? de la (proxima|siguiente) semana\b", "the end of next week"),
        (r"\b(a )?(finales|fin) de (esta |la )?semana\b", "the end of the week"),
        (r"\b(a )?(finales|fin) de (este |)mes\b", "the end of the month"),
        (r"\b(la )?(proxima|siguiente) semana\b|\b(la )?semana que viene\b", "next week"),
        (r"\ben (un plazo de |el plazo de |los proximos |las proximas )?(maximo )?{n} "
         r"dias (habiles|laborables)\b", r"within \g<n> business days"),
        (r"\ben (un plazo de |el plazo de |los proximos )?(maximo )?{n} dias\b",
         r"within \g<n> days"),
        (r"\ben (un plazo de |el plazo de |las proximas )?(maximo )?{n} semanas?\b",
         r"within \g<n> weeks"),
        (r"\b(antes del?|a mas tardar el|para el|hasta el)\b( dia)?", "by"),
        (r"\b(respuesta|decision|decidir|noticias|nos pondremos en contacto|"
         r"informaremos|comunicaremos|contactaremos)\b", "decision"),
    ),
)

FRENCH = Language(
    name="fr",
    markers=frozenset({"nous", "vous", "merci", "pour", "les", "une", "avec", "votre",
                       "bonjour", "cordialement", "des", "est", "sur", "cet", "cette",
                       "notre", "bien"}),
    months={"janvier": "january", "fevrier": "february", "mars": "march", "avril": "april",
            "mai": "may", "juin": "june", "juillet": "july", "aout": "august",
            "septembre": "september", "octobre": "october", "novembre": "november",
            "decembre": "december"},
    weekdays={"lundi": "monday", "mardi": "tuesday", "mercredi": "wednesday",
              "jeudi": "thursday", "vendredi": "friday", "samedi": "saturday",
              "dimanche": "sunday"},
    numbers={"un": "1", "une": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5",
             "six": "6", "sept": "7", "huit": "8", "dix": "10", "quinze": "15"},
    phrases=(
        (r"\b(malheureusement|regret|regrettons)\b", "unfortunately"),
        (r"\b(inviter|invitation|vous convier)\b", "invite"),
        (r"\b(prochaine etape|prochaines etapes|prochain tour|tour suivant|"
         r"etape suivante)\b", "next round"),
        (r"\b(offre|proposition d'embauche)\b", "offer"),
        (r"\b(planifier|programmer|fixer un)\b", "schedule"),
        (r"\b(avons pris (une|notre) decision|avons decide)\b", "have made a decision"),
        (r"\bmerci de (nous )?(envoyer|confirmer|completer|repondre)\b", "please send"),
        (r"\b(la )?fin de la semaine prochaine\b", "the end of next week"),
        (r"\b(la )?fin de (la |cette )?semaine\b", "the end of the week"),
        (r"\b(la )?fin du mois\b", "the end of the month"),
        (r"\b(la )?semaine prochaine\b", "next week"),
        (r"\b(sous|dans les|d'ici) {n} (prochains )?jours (ouvres|ouvrables)\b",
         r"within \g<n> business days"),
        (r"\b(sous|dans les|d'ici) {n} (prochains )?jours\b", r"within \g<n> days"),
        (r"\b(sous|dans les|d'ici) {n} (prochaines )?semaines\b", r"within \g<n> weeks"),
        (r"\b(d'ici|avant|au plus tard|jusqu'au)( le| la| a)?\b", "by"),
        (r"\b(decision|decider|reponse|nouvelles|reviendrons|tiendrons informee?s?|"
         r"retour)\b", "decision"),
    ),
)

PORTUGUESE = Language(
    name="pt",
    markers=frozenset({"obrigado", "obrigada", "voce", "voces", "para", "nos", "uma", "um",
                       "com", "nao", "pela", "pelo", "ola", "abracos", "atenciosamente",
                       "sua", "seu", "conversa", "processo", "muito", "vamos", "estamos"}),
    months={"janeiro": "january", "fevereiro": "february", "marco": "march",
            "abril": "april", "maio": "may", "junho": "june", "julho": "july",
            "agosto": "august", "setembro": "september", "outubro": "october",
            "novembro": "november", "dezembro": "december"},
    # bare "segunda", "quarta" are also "second", "fourth": only "sexta" stands alone
    weekdays={"segunda-feira": "monday", "terca-feira": "tuesday", "quarta-feira": "wednesday",
              "quinta-feira": "thursday", "sexta-feira": "friday", "sexta": "friday",
              "sabado": "saturday", "domingo": "sunday"},
    numbers={"um": "1", "uma": "1", "dois": "2", "duas": "2", "tres": "3", "quatro": "4",
             "cinco": "5", "seis": "6", "sete": "7", "oito": "8", "dez": "10",
             "quinze": "15"},
    phrases=(
        (r"\b(infelizmente|lamentamos)\b", "unfortunately"),
        (r"\b(convidar|convida-la|convida-lo|convite)\b", "invite"),
        (r"\b(proxima|proximas) (etapa|etapas|fase|rodada)\b", "next round"),
        (r"\b(oferta|proposta)\b", "offer"),
        (r"\b(agendar|marcar uma)\b", "schedule"),
        (r"\b(tomamos (uma|a|nossa) decisao|decidimos)\b", "have made a decision"),
        (r"\bpor favor,? (envie|confirme|preencha|responda)\b", "please send"),
        (r"\b(o )?(final|fim) da proxima semana\b", "the end of next week"),
        (r"\b(o )?(final|fim) (da|desta) semana\b", "the end of the week"),
        (r"\b(o )?(final|fim) (do|deste) mes\b", "the end of the month"),
        (r"\b(a )?proxima semana\b|\b(a )?semana que vem\b", "next week"),
        (r"\b(em ate|no prazo de|dentro de|nos proximos|em) {n} dias uteis\b",
         r"within \g<n> business days"),
        (r"\b(em ate|no prazo de|dentro de|nos proximos|em) {n} dias\b", r"within \g<n> days"),
        (r"\b(em ate|no prazo de|dentro de|nas proximas|em) {n} semanas?\b",
         r"within \g<n> weeks"),
        (r"\b(no maximo )?ate( o dia| a| o| dia)?\b", "by"),
        (r"\b(retorno|resposta|decisao|decidir|novidades|entraremos em contato|"
         r"informaremos|daremos um retorno)\b", "decision"),
    ),
)

LANGUAGES: tuple[Language, ...] = (GERMAN, SPANISH, FRENCH, PORTUGUESE)


def _fold(text: str) -> str:
    """Lower case without accents ("März" -> "marz", "días hábiles" -> "dias habiles")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def _alternatives(words: dict[str, str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@dataclass(frozen=True)
class _Rules:
    day_month: re.Pattern[str]
    weekday: re.Pattern[str]
    phrases: tuple[tuple[re.Pattern[str], str], ...]


def _compile(language: Language) -> _Rules:
    months, weekdays = _alternatives(language.months), _alternatives(language.weekdays)
    number = r"(?P<n>\d{1,3}|" + _alternatives(language.numbers) + r")"
    return _Rules(
        # "6. November", "10 de noviembre de 2026", "1er décembre": "6 november 2026"
        day_month=re.compile(r"\b(\d{1,2})(?:\.|er|º|°|o)?\s+(?:de\s+)?(" + months
                             + r")\b(?:\s+(?:de\s+)?(\d{4}))?"),
        weekday=re.compile(r"\b(" + weekdays + r")\b"),
        phrases=tuple((re.compile(pattern.replace("{n}", number)), english)
                      for pattern, english in language.phrases))


def _rewrite(text: str, language: Language) -> str:
    rules = _RULES[language.name]
    text = rules.day_month.sub(
        lambda m: f"{m.group(1)} {language.months[m.group(2)]}"
                  + (f" {m.group(3)}" if m.group(3) else ""), text)
    text = rules.weekday.sub(lambda m: language.weekdays[m.group(1)], text)
    for pattern, english in rules.phrases:

        def replace(match: re.Match[str], english: str = english) -> str:
            if "n" not in match.re.groupindex:
                return english
            said = match.group("n")
            return english.replace("\\g<n>", language.numbers.get(said, said))

        text = pattern.sub(replace, text)
    return text


_RULES = {language.name: _compile(language) for language in LANGUAGES}

_ENGLISH_NAMES = frozenset({"january", "february", "march", "april", "may", "june", "july",
                            "august", "september", "october", "november", "december"})


def _own_names(language: Language) -> frozenset[str]:
    """The language's month and weekday names that are not English words too."""
    return (frozenset(language.months) | frozenset(language.weekdays)) - _ENGLISH_NAMES


def in_english(text: str) -> str:
    """The text with the time expressions of the languages it is written in rewritten into
    English (lower case, accents folded); English text comes back as it was."""
    folded = _fold(text)
    words = set(_WORD.findall(folded))
    written_in = [lang for lang in LANGUAGES
                  if len(words & (lang.markers | _own_names(lang))) >= MIN_MARKERS]
    if not written_in:
        return text
    for language in written_in:
        folded = _rewrite(folded, language)
    return folded
