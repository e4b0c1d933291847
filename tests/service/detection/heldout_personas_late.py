"""Two personas written after the first round of fixes, to measure again on invites the
rules were not tuned on: São Paulo (Brazilian Portuguese, Gupy among the systems) and
Zürich (Swiss German and English, workload percentages, umlauts in domains).
"""

from __future__ import annotations

from tests.service.detection.heldout_builder import (
    Calendar,
    agency_note,
    ashby_body,
    bookings_body,
    calcom_body,
    calendly_body,
    goodtime_itinerary,
    greenhouse_kit,
    workday_body,
)
from tests.service.detection.heldout_model import P, person
from tests.service.detection.heldout_personas_eu import candidate_calendar


def sao_paulo() -> Calendar:
    bia = P("Beatriz Santos", "beatriz.santos@uol.com.br")
    gmail = "bia.santos.dados@gmail.com"
    c = Calendar("sao_paulo", bia, "America/Sao_Paulo", also=(gmail,), lang="pt", seed=131)
    nu = "nubank.com.br"
    carol, thiago, renata, pedro = (person(n, nu) for n in (
        "Carolina Alves", "Thiago Moreira", "Renata Duarte", "Pedro Henrique Lima"))
    adp = "Analista de Dados Pleno"
    c.iv(f"Bate-papo com Recrutamento – {adp} | Nubank", carol, pattern="greenhouse",
         company="Nubank", role=adp, stage="screen", ivs=[carol], conf="meet", minutes=30,
         body=["Oi Bia! Vamos conversar sobre a vaga e o processo seletivo.", "Carol"])
    c.iv(f"Entrevista com o gestor – {adp} | Nubank", carol, pattern="greenhouse",
         company="Nubank", role=adp, org_optional=True, people=[thiago], ivs=[thiago],
         conf="meet", body=["Entrevistador: Thiago Moreira (Engineering Manager)",
                            "Recrutadora responsável: Carolina Alves"])
    c.iv(f"Entrevista final – {adp} – Nubank",
         candidate_calendar("Nubank", "2b4d6f8a0c1e3b5d7f9a1c3e5b7d9f0a"),
         pattern="goodtime_hidden", company="Nubank", role=adp, stage="final",
         org_attends=False, hidden=True, people=[renata, pedro], owner_as=[gmail],
         conf="meet", minutes=120,
         body=goodtime_itinerary("Bia", "Nubank", adp, [
             ("14:00", "Renata Duarte", "Case técnico"),
             ("15:00", "Pedro Henrique Lima", "Valores")]))
    ifood = "ifood.com.br"
    lu = person("Luana Ribeiro", ifood)
    dev = "Desenvolvedor(a) Backend Sênior"
    c.iv(f"Entrevista - {dev} - iFood", P("iFood via Gupy", "noreply@gupy.io"),
         pattern="gupy", company="iFood", role=dev, org_attends=False, people=[lu],
         ivs=[lu], conf="meet",
         body=["Olá, Beatriz!", "Sua entrevista para a vaga de Desenvolvedor(a) Backend Sênior "
               "no iFood está confirmada.", "Enviado pela Gupy"])
    c.iv("R-045221 Product Manager - Entrevista por telefone",
         P("Mercado Livre", "mercadolivre@myworkday.com"), pattern="workday_self_schedule",
         company="Mercado Livre", role="Product Manager", stage="screen", org_attends=False,
         minutes=30, from_google=False,
         body=workday_body("Mercado Livre", "Product Manager", "entrevista por telefone", "pt"))
    it1, it2 = (person(n, "itau-unibanco.com.br") for n in ("Marcelo Rocha", "Juliana Prado"))
    c.iv("Entrevista Técnica – Cientista de Dados (Itaú Unibanco)", it1, pattern="plain_teams",
         company="Itaú Unibanco", role="Cientista de Dados", people=[it2], ivs=[it1, it2],
         conf="teams", from_google=False)
    rafa = person("Rafael Lima", "stone.com.br")
    c.iv("Beatriz Santos and Rafael Lima", rafa, pattern="calendly", company="Stone",
         role="Analista de Produto", stage="screen", ivs=[rafa], conf="meet", minutes=30,
         lang="en", body=calendly_body("Conversa inicial - Analista de Produto"))
    qa1, qa2 = (person(n, "quintoandar.com.br") for n in ("Felipe Souza", "Camila Teixeira"))
    c.iv("Beatriz Santos <> QuintoAndar | Entrevista técnica | Engenheira de Dados", qa1,
         pattern="ashby", company="QuintoAndar", role="Engenheira de Dados", people=[qa2],
         ivs=[qa1, qa2], conf="meet", body=ashby_body("QuintoAndar", [qa1, qa2]))
    rh = person("Gustavo Martins", "roberthalf.com.br")
    ambev = person("Patrícia Nogueira", "ambev.com.br")
    c.iv("Entrevista na Ambev (via Robert Half) – Coordenadora de Planejamento", rh,
         pattern="agency", company="Ambev", role="Coordenadora de Planejamento",
         people=[ambev], ivs=[ambev], conf="teams", from_google=False,
         body=agency_note(rh, "Robert Half", "pt", client="Ambev"))
    mp = person("Fernanda Castro", "michaelpage.com.br")
    nat1, nat2 = (person(n, "natura.net") for n in ("Ricardo Antunes", "Sílvia Mendes"))
    c.iv("Entrevista Natura &Co – Gerente de Marketing | Michael Page", mp, pattern="agency",
         company="Natura &Co", role="Gerente de Marketing", people=[nat1, nat2],
         ivs=[nat1, nat2], conf="teams", from_google=False,
         body=agency_note(mp, "Michael Page", "pt"))
    luiza = person("Luiza Campos", "magazineluiza.com.br")
    c.iv("Papo com a Luiza (Magalu) sobre a vaga de Tech Lead", luiza, pattern="plain_meet",
         company="Magalu", role="Tech Lead", ivs=[luiza], conf="meet", minutes=30)
    c.iv(f"ENC: Entrevista com o gestor – {adp} | Nubank", thiago,
         pattern="forwarded_other_address", company="Nubank", role=adp, ivs=[thiago],
         owner_as=[gmail], conf="teams", from_google=False)
    c.no("Entrevista – Analista de BI – PicPay", person("Bruno Farias", "picpay.com"),
         pattern="cancelled", cancelled=True, conf="meet")

    c.no("Mentoria para entrevistas (Mulheres em Tecnologia)", person("Aline Gomes",
         "mulheresemtecnologia.org"), pattern="coaching", conf="meet")
    c.no("Entrevista de desligamento – RH", P("RH Loggi", "rh@loggi.com"),
         pattern="exit_interview", conf="meet")
    c.no("Feira de Carreiras – Poli USP", P("Poli Júnior", "contato@polijunior.com.br"),
         pattern="career_fair", org_attends=False, minutes=300)
    c.no("Entrevista para o podcast Hipsters Ponto Tech", person("Paulo Silveira",
         "alura.com.br"), pattern="podcast", conf="zoom")
    c.no("Entrevista para a Folha de S.Paulo", person("Marina Costa", "grupofolha.com.br"),
         pattern="press")
    c.no("Entrevista no consulado americano (visto F1)", P("U.S. Visa Services",
         "noreply@usvisa-info.com"), pattern="visa", org_attends=False)
    c.no("Pesquisa com usuários – app Nubank (UX)", P("Nubank Research",
         "research@nubank.com.br"), pattern="user_research", conf="meet")
    c.no("Café com o Rafa (Stone)", person("Rafael Barros", "stone.com.br"), pattern="coffee")
    c.no("Workshop: como se sair bem em entrevistas", P("Alura", "eventos@alura.com.br"),
         pattern="webinar", org_attends=False, conf="zoom")
    c.no("Bate-papo informal com ex-colega do iFood", person("Diego Santana", ifood),
         pattern="coffee_chat_company", conf="meet")
    c.mine("Estudar SQL – entrevista Nubank")
    c.all_day("Férias", kind="outOfOffice", days=5, pattern="out_of_office")
    c.all_day("Aniversário da vó", pattern="birthday")
    c.everyday([("Dentista", 45), ("Academia", 60), ("Reunião de condomínio", 90),
                ("Aula de inglês", 60)])
    return c


def zurich() -> Calendar:
    nina = P("Nina Keller", "nina.keller@bluewin.ch")
    c = Calendar("zurich", nina, "Europe/Zurich", also=("nina.keller@gmx.ch",), lang="de",
                 seed=149)
    goog = "google.com"
    g1, g2, g3 = (person(n, goog) for n in ("Marco Bernasconi", "Sophie Meier", "Raj Iyer"))
    sre = "Software Engineer, Site Reliability Engineering"
    c.iv(f"Interview with Google – {sre}", g1, pattern="plain_meet", company="Google",
         role=sre, ivs=[g1], conf="meet", lang="en")
    c.iv(f"Google Virtual Onsite – {sre}", P("Google Candidate Calendar",
         "c_6d8f0b2d4f6a8c0e2d4f6b8d0a2c4e6f@group.calendar.google.com"),
         pattern="goodtime_hidden", company="Google", role=sre, stage="final",
         org_attends=False, hidden=True, people=[g2, g3], conf="meet", lang="en", minutes=240,
         body=goodtime_itinerary("Nina", "Google", sre, [
             ("09:30", "Sophie Meier", "Coding"), ("11:00", "Raj Iyer", "Troubleshooting")]))
    c.iv("JR-61027 Data Analyst – Phone Interview", P("UBS", "ubs@myworkday.com"),
         pattern="workday_self_schedule", company="UBS", role="Data Analyst", stage="screen",
         org_attends=False, minutes=30, lang="en", from_google=False,
         body=workday_body("UBS", "Data Analyst", "phone interview", "en"))
    roche = "roche.com"
    r1, r2 = person("Andrea Brunner", roche), person("Lukas Baumann", roche)
    c.iv("Vorstellungsgespräch – Data Scientist 80-100% (w/m/d) – Roche",
         P("Roche Talent Acquisition", "talent.acquisition@roche.com"),
         pattern="successfactors", company="Roche", role="Data Scientist", org_attends=False,
         people=[r1, r2], ivs=[r1, r2], conf="teams", from_google=False,
         body=["Guten Tag Frau Keller",
               "Gerne laden wir Sie zu einem Vorstellungsgespräch ein.",
               "Ihre Gesprächspartner: Andrea Brunner, Lukas Baumann"])
    z = person("Reto Zimmermann", "zuehlke.com")
    c.iv("Interview bei Zühlke – Software Engineer", z, pattern="plain_teams",
         company="Zühlke", role="Software Engineer", ivs=[z], conf="teams", from_google=False)
    dg = person("Simon Vogt", "digitecgalaxus.ch")
    c.iv("Digitec Galaxus | Product Owner | Kennenlerngespräch", dg, pattern="plain_meet",
         company="Digitec Galaxus", role="Product Owner", stage="screen", ivs=[dg],
         conf="meet", minutes=30)
    eth = person("Prof. Dr. Claudia Huber", "ethz.ch", local="claudia.huber")
    c.iv("Bewerbungsgespräch – Wissenschaftliche Mitarbeiterin (ETH Zürich)", eth,
         pattern="plain_zoom", company="ETH Zürich", role="Wissenschaftliche Mitarbeiterin",
         ivs=[eth], conf="zoom", lang="de")
    hays = person("Patrick Suter", "hays.ch")
    sc1 = person("Daniela Frei", "swisscom.com")
    c.iv("Vorstellungsgespräch bei Swisscom (via Hays) – ICT System Engineer", hays,
         pattern="agency", company="Swisscom", role="ICT System Engineer", people=[sc1],
         ivs=[sc1], conf="teams", from_google=False,
         body=agency_note(hays, "Hays", "de", client="Swisscom"))
    ad = person("Sandra Meili", "adecco.ch")
    mig = person("Thomas Gerber", "migros.ch")
    c.iv("Interview Migros – Category Manager – Adecco", ad, pattern="agency",
         company="Migros", role="Category Manager", people=[mig], ivs=[mig],
         from_google=False, location="Migros-Genossenschafts-Bund, Limmatstrasse 152, Zürich",
         body=agency_note(ad, "Adecco", "de", client="Migros"))
    scandit = person("Jonas Roth", "scandit.com")
    c.iv("Interview: Frontend Engineer (m/w/d) – Scandit", P("Scandit via onlyfy",
         "no-reply@onlyfy.com"), pattern="onlyfy", company="Scandit",
         role="Frontend Engineer", org_attends=False, people=[scandit], ivs=[scandit],
         conf="meet", lang="en", body=["Your interview with Scandit is confirmed.",
                                       "Sent via onlyfy by XING"])
    anna = person("Anna Frei", "scandit.com")
    c.iv("Erstgespräch zwischen Scandit Talent und Nina Keller", anna, pattern="calcom",
         company="Scandit", role="Frontend Engineer", stage="screen", ivs=[anna],
         minutes=30, body=calcom_body("Erstgespräch", anna, nina,
                                      notes="Stelle: Frontend Engineer"))
    axa = person("Marc Widmer", "axa.ch")
    c.iv("Erstgespräch – Bewerbung", P("AXA Karriere", "Karriere@axa.ch"),
         pattern="ms_bookings", company="AXA", role="Aktuar", stage="screen",
         org_attends=False, people=[axa], ivs=[axa], conf="teams", from_google=False,
         body=[*bookings_body("Erstgespräch Bewerbung", axa, "de"), "Stelle: Aktuar (w/m)"])
    c.iv(f"WG: Interview with Google – {sre}", g1, pattern="forwarded_other_address",
         company="Google", role=sre, ivs=[g1], owner_as=["nina.keller@gmx.ch"], conf="teams",
         lang="en", from_google=False)
    c.iv("Scandit | Frontend Engineer | Final interview",
         person("Christian Stadler", "scandit.com"), pattern="greenhouse_kit",
         company="Scandit", role="Frontend Engineer", stage="final",
         people=[person("Ivana Petrovic", "scandit.com")],
         ivs=[person("Christian Stadler", "scandit.com"),
              person("Ivana Petrovic", "scandit.com")], conf="meet", lang="en",
         body=greenhouse_kit("Nina Keller", "Frontend Engineer"))
    c.no("Interview bei Zühlke – Software Engineer (2. Runde)", z, pattern="declined",
         response="declined", conf="teams", from_google=False)

    c.no("Vorbereitung Interview Google (mit Coach)", person("Beat Schmid",
         "karrierecoach.ch"), pattern="coaching", conf="zoom")
    c.no("Polymesse – Firmenkontaktmesse ETH", P("Polymesse", "info@polymesse.ch"),
         pattern="career_fair", org_attends=False, minutes=300)
    c.no("Interview mit der NZZ", person("Urs Bühler", "nzz.ch"), pattern="press")
    c.no("Wohnungsbesichtigung Kreis 4", P("Verwaltung Immobilien AG",
         "vermietung@immo-verwaltung.ch"), pattern="housing", from_google=False)
    c.no("Mitarbeitergespräch", person("Heinz Kuhn", "sbb.ch"), pattern="annual_review",
         conf="teams", from_google=False)
    c.no("Austrittsgespräch HR", P("HR SBB", "hr@sbb.ch"), pattern="exit_interview",
         conf="teams", from_google=False)
    c.no("Kaffee mit Sophie (Google)", person("Sophie Meier", goog), pattern="coffee")
    c.no("User Research Interview – Digitec App", P("Digitec Research",
         "research@digitecgalaxus.ch"), pattern="user_research", conf="meet", lang="en")
    c.mine("Google Onsite vorbereiten")
    c.all_day("Ferien", kind="outOfOffice", days=5, pattern="out_of_office")
    c.everyday([("Zahnarzt", 45), ("Joggen am See", 60), ("Steuererklärung", 120)])
    return c
