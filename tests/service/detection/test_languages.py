"""Invites in German, Spanish, French and Portuguese read like English ones, and the meanings
of "interview" that are no job interview hold in every language (spec: detection.md,
"Languages"). Phrasings here are written for these tests, not drawn from the corpus."""

from __future__ import annotations

import pytest

from service.detection import detect
from service.detection.folding import plain
from service.detection.languages import LANGUAGES, Language, Matcher, compile_entries
from tests.service.detection.builders import ALEX, one_on_one


@pytest.mark.parametrize(
    ("title", "description", "email", "stage", "company", "job_title"),
    [
        ("Ihr Vorstellungsgespräch bei der Nordwind AG", "", "k.berg@nordwind.de",
         "interview", "Nordwind AG", None),
        ("Telefoninterview: Buchhalter (m/w/d) - Nordwind", "", "k.berg@nordwind.de",
         "phone_screen", "Nordwind", "Buchhalter"),
        ("Zweitgespräch mit Nordwind", "Position: Vertriebsleiterin DACH (w/m/d)",
         "k.berg@nordwind.de", "interview", "Nordwind", "Vertriebsleiterin DACH"),
        ("Llamada inicial con Brezo Seguros para el puesto de Analista de Riesgos", "",
         "ana.gil@brezoseguros.es", "phone_screen", "Brezo Seguros", "Analista de Riesgos"),
        ("Entrevista final - Brezo Seguros", "", "ana.gil@brezoseguros.es", "final_round",
         "Brezo Seguros", None),
        ("Premier échange téléphonique", "Merci pour votre candidature au poste de Chargée "
         "de communication chez Ormeau Conseil.", "l.roux@ormeau-conseil.fr", "phone_screen",
         "Ormeau Conseil", "Chargée de communication"),
        ("Entretien technique avec Ormeau Conseil - Ingénieur Data (H/F)", "",
         "l.roux@ormeau-conseil.fr", "interview", "Ormeau Conseil", "Ingénieur Data"),
        ("Conversa inicial com RH", "Obrigado pelo interesse na vaga de Analista Financeiro "
         "na Ypê Foods.", "bia.lima@ypefoods.com.br", "phone_screen", "Ype Foods",
         "Analista Financeiro"),
        ("Entrevista com a Ypê Foods - Coordenadora de Logística", "",
         "bia.lima@ypefoods.com.br", "interview", "Ypê Foods", "Coordenadora de Logística"),
    ],
)  # fmt: skip
def test_invites_in_other_languages(
    title: str, description: str, email: str, stage: str, company: str, job_title: str | None
) -> None:
    detection = detect(one_on_one(title, email=email, name=None, description=description), ALEX)
    assert detection.is_interview, detection.trace
    assert (detection.stage, detection.job_title) == (stage, job_title)
    assert plain(detection.company or "") == plain(company)


@pytest.mark.parametrize(
    "title",
    [
        "Interview-Vorbereitung (Coaching)",
        "Visa-Interview im Konsulat",
        "Mitarbeitergespräch",
        "Presseinterview mit dem Tagesblatt",
        "Preparación de entrevista con mi mentora",
        "Entrevista para el visado",
        "Préparation entretien - coaching",
        "Entretien annuel d'évaluation",
        "Simulação de entrevista",
        "Entrevista do visto americano",
        "Visa interview - consulate",
        "Interview coaching with Sam",
    ],
)
def test_interview_in_another_sense_in_every_language(title: str) -> None:
    detection = detect(one_on_one(title, email="k.berg@nordwind.de", name="Kai Berg"), ALEX)
    assert not detection.is_interview
    assert detection.trace[-1][0] == "interview-in-another-sense"


def test_a_company_called_visa_is_still_an_employer() -> None:
    detection = detect(one_on_one("Interview - Visa - Data Analyst", email="j.lo@visa.com"), ALEX)
    assert detection.is_interview and detection.job_title == "Data Analyst"


def test_every_language_fills_its_tables() -> None:
    codes = {language.code for language in LANGUAGES}
    assert {"en", "de", "es", "fr", "pt"} <= codes
    for language in LANGUAGES:
        assert language.strong and language.heads and language.screen, language.code
        assert language.title_negatives and language.final_title, language.code


def test_a_language_is_words_in_a_table() -> None:
    """What adding a language takes: entries, matched accent- and case-insensitively, as
    compounds and endings where marked."""
    dutch = Language(code="nl", strong=(("interview", ("sollicitatiegesprek*",)),),
                     weak=("*gesprek",))  # fmt: skip
    strong = compile_entries(dutch.strong[0][1])
    assert strong is not None and strong.search(plain("Sollicitatiegesprekken bij Acme"))
    weak = Matcher(dutch.weak)
    assert weak(plain("Kennismakingsgesprek")) and not weak(plain("gesprekken"))
    assert Matcher(("vorstellungsgespräch",))(plain("VORSTELLUNGSGESPRÄCH"))
    assert Matcher(("on site",))("virtual on-site") and not Matcher(("on site",))("onsite")
