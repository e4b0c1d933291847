"""Held-out personas in continental Europe: Munich (German), Barcelona (Spanish), Lyon
(French), Lisbon (Portuguese), and as a bonus Milan (Italian) and Amsterdam (Dutch).

Every event is written as the candidate receives it; every label follows
``spec/detection.md`` as a person reads the event, not as any detector does.
"""

from __future__ import annotations

from tests.service.detection.heldout_builder import (
    Calendar,
    agency_note,
    ashby_body,
    bookings_body,
    calcom_body,
    calendly_body,
    codepair_body,
    goodtime_itinerary,
    greenhouse_kit,
    workday_body,
)
from tests.service.detection.heldout_model import P, person


def candidate_calendar(company: str, token: str) -> P:
    return P(f"{company} Candidate Calendar", f"c_{token}@group.calendar.google.com")


def munich() -> Calendar:
    lena = P("Lena Hoffmann", "lena.hoffmann@web.de")
    c = Calendar("munich", lena, "Europe/Berlin", also=("lena.hoffmann@gmx.de",), lang="de",
                 seed=11)
    cel = "celonis.com"
    sarah, jonas, priyanka, tim, felix = (person(n, cel) for n in (
        "Sarah Becker", "Jonas Weber", "Priyanka Nair", "Tim Schulz", "Felix Wagner"))
    gh = P("Greenhouse Scheduling", "scheduler-celonis@greenhouse.io")
    role = "Senior Software Engineer - Process Mining"
    c.iv("Sarah Becker <> Lena Hoffmann | Recruiter Screen", sarah, pattern="plain_meet",
         company="Celonis", role=role, stage="screen", ivs=[sarah], conf="meet", lang="en",
         body=["Hi Lena,", f"looking forward to our chat about the {role} role at Celonis!",
               "Sarah"])
    c.iv(f"Lena Hoffmann - Hiring Manager Interview - {role}", tim, pattern="greenhouse_kit",
         company="Celonis", role=role, people=[jonas, gh], ivs=[jonas], conf="meet",
         lang="en", body=greenhouse_kit("Lena Hoffmann", role, coordinator=tim))
    c.iv(f"[Rescheduled] Celonis Virtual Onsite – {role}",
         candidate_calendar("Celonis", "5f2a9e0b1d7c4a3e8f6b2d1c0a9e8f7b"),
         pattern="goodtime_hidden", company="Celonis", role=role, stage="final",
         org_attends=False, hidden=True, people=[jonas, priyanka, felix], conf="meet",
         lang="en", minutes=240,
         body=goodtime_itinerary("Lena", "Celonis", role, [
             ("10:00", "Jonas Weber", "Architecture"), ("11:15", "Priyanka Nair", "Coding"),
             ("13:00", "Felix Wagner", "Values")], coderpad=True))
    c.iv(f"Technical Interview (CoderPad) – {role} | Celonis", sarah, pattern="coderpad",
         company="Celonis", role=role, org_optional=True, people=[priyanka, felix],
         ivs=[priyanka, felix], conf="meet", lang="en",
         body=codepair_body("CoderPad", "https://app.coderpad.io/KX7PQ2RT"))
    c.no(f"Celonis | Team Chat – {role}", sarah, pattern="declined", people=[felix],
         response="declined", conf="meet", lang="en")

    sie = "siemens.com"
    andreas = person("Dr. Andreas Fischer", sie)
    claudia = person("Claudia Wagner", sie)
    sie_ta = P("Siemens Talent Acquisition", "talent.acquisition@siemens.com")
    c.iv("Vorstellungsgespräch – Senior Data Scientist (m/w/d) – Siemens", sie_ta,
         pattern="successfactors", company="Siemens", role="Senior Data Scientist",
         org_attends=False, people=[andreas, claudia], ivs=[andreas, claudia], conf="teams",
         from_google=False,
         rooms=[P("MUC-Perlach Raum 4.12 (10)", "muc-perlach-r412@siemens.com")],
         body=["Sehr geehrte Frau Hoffmann,",
               "vielen Dank für Ihr Interesse an Siemens. Gerne möchten wir Sie zu einem "
               "Vorstellungsgespräch einladen.",
               "Ihre Gesprächspartner: Dr. Andreas Fischer (Head of Data Science) und "
               "Claudia Wagner (HR Business Partner)",
               "Mit freundlichen Grüßen", "Siemens Talent Acquisition"])
    c.iv("WG: Zweitgespräch Siemens – Senior Data Scientist (m/w/d)", andreas,
         pattern="forwarded_other_address", company="Siemens", role="Senior Data Scientist",
         owner_as=["lena.hoffmann@gmx.de"], ivs=[andreas], conf="teams", from_google=False)

    bmw = "bmwgroup.com"
    stefan, julia = person("Stefan Huber", bmw), person("Julia Meier", bmw)
    c.iv("Vorstellungsgespräch BMW Group | Data Engineer Connected Car (m/w/d)", stefan,
         pattern="plain_teams", company="BMW Group", role="Data Engineer Connected Car",
         people=[julia], ivs=[stefan, julia], conf="teams", from_google=False,
         body=["Liebe Frau Hoffmann,",
               "wie telefonisch besprochen, hier die Einladung zum Vorstellungsgespräch.",
               "Teilnehmer: Stefan Huber (Teamleiter), Julia Meier (Personal)"])
    c.iv("Abschlussgespräch – Data Engineer Connected Car (m/w/d) – BMW Group", stefan,
         pattern="plain_onsite", company="BMW Group", role="Data Engineer Connected Car",
         stage="final", ivs=[stefan], location="BMW FIZ, Knorrstraße 147, 80807 München",
         from_google=False, minutes=90,
         body=["Ort: FIZ Projekthaus, Eingang Nord – bitte am Empfang melden."])

    flx = "flix.com"
    julia_k, marco = person("Julia Klein", flx), person("Marco Rossi", flx)
    c.iv("Telefonisches Erstgespräch – Product Analyst (all genders)", julia_k,
         pattern="personio", company="FlixBus", role="Product Analyst", stage="screen",
         ivs=[julia_k], html=False, from_google=False, minutes=30,
         body=["Hallo Lena,",
               "vielen Dank für deine Bewerbung bei FlixBus! Wie besprochen rufe ich dich zum "
               "vereinbarten Termin an.", "Viele Grüße, Julia", "",
               "Diese Einladung wurde über Personio versendet."])
    c.iv("Interview: Product Analyst (all genders) | FlixBus", julia_k, pattern="personio",
         company="FlixBus", role="Product Analyst", org_attends=False, people=[marco],
         ivs=[marco], conf="meet", from_google=False,
         body=["Interview-Typ: Fachinterview",
               "Teilnehmende: Marco Rossi (Team Lead Analytics)",
               "Diese Einladung wurde über Personio versendet."])

    n26 = "n26.com"
    laura, daniel, ines = (person(n, n26) for n in ("Laura Meier", "Daniel Kraus", "Ines Roth"))
    c.iv("N26 | Senior Backend Engineer – Hiring Manager Interview", laura, pattern="ashby",
         company="N26", role="Senior Backend Engineer", org_optional=True, people=[daniel],
         ivs=[daniel], conf="meet", lang="en", body=ashby_body("N26", [daniel]))
    c.iv("N26 | Senior Backend Engineer – System Design Interview", laura, pattern="ashby",
         company="N26", role="Senior Backend Engineer", org_optional=True,
         people=[daniel, ines], ivs=[daniel, ines], conf="meet", lang="en",
         body=ashby_body("N26", [daniel, ines]))

    c.iv("JR-0047112 Risk Analyst – Telefoninterview", P("Allianz", "allianz@myworkday.com"),
         pattern="workday_self_schedule", company="Allianz", role="Risk Analyst",
         stage="screen", org_attends=False, minutes=30, from_google=False,
         body=workday_body("Allianz", "Risk Analyst", "Telefoninterview", "de"))

    c24 = "check24.de"
    nina = person("Nina Schmid", c24)
    c.iv("Telefoninterview CHECK24 – Junior Controller (m/w/d)", nina, pattern="plain_teams",
         company="CHECK24", role="Junior Controller", stage="screen", ivs=[nina],
         conf="teams", from_google=False, minutes=30)
    ralf, mia = person("Ralf Ott", c24), person("Mia Keller", c24)
    c.iv("CHECK24 | Junior Controller (m/w/d) | Fachinterview mit dem Team", nina,
         pattern="plain_teams", company="CHECK24", role="Junior Controller",
         org_optional=True, people=[ralf, mia], ivs=[ralf, mia], conf="teams",
         from_google=False)

    rs = "rohde-schwarz.com"
    markus_l, eva = person("Markus Lang", rs), person("Eva Brandt", rs)
    c.iv("Fachgespräch – Entwicklungsingenieur HF-Technik (m/w/d)",
         P("Recruiting Rohde & Schwarz", "recruiting@rohde-schwarz.com"),
         pattern="successfactors", company="Rohde & Schwarz",
         role="Entwicklungsingenieur HF-Technik", people=[markus_l, eva],
         ivs=[markus_l, eva], from_google=False, minutes=90,
         rooms=[P("Raum M2.114", "raum-m2114@rohde-schwarz.com")],
         location="Mühldorfstraße 15, 81671 München",
         body=["Sehr geehrte Frau Hoffmann,",
               "wir freuen uns, Sie zu einem Fachgespräch bei Rohde & Schwarz in München "
               "einzuladen.", "Ihre Gesprächspartner: Markus Lang, Eva Brandt",
               "Bitte bringen Sie einen Lichtbildausweis mit."])

    markus_b = person("Markus Braun", "hays.de")
    katrin = person("Dr. Katrin Vogel", "munichre.com", local="kvogel")
    c.iv("Vorstellungsgespräch bei Munich Re (über Hays) – SAP FI/CO Berater (m/w/d)",
         markus_b, pattern="agency", company="Munich Re", role="SAP FI/CO Berater",
         people=[katrin], ivs=[katrin], conf="teams", from_google=False,
         body=[*agency_note(markus_b, "Hays", "de", client="Munich Re"),
               "Gesprächspartnerin: Dr. Katrin Vogel, Head of Finance Systems"])
    c.iv("Telefonat: SAP FI/CO Berater (m/w/d) für Munich Re – Hays", markus_b,
         pattern="agency_call", company="Munich Re", role="SAP FI/CO Berater",
         stage="screen", ivs=[markus_b], html=False, from_google=False, minutes=30,
         body=["Hallo Frau Hoffmann,",
               "wie besprochen rufe ich Sie an, um die Position bei Munich Re und die nächsten "
               "Schritte durchzugehen.", "Beste Grüße",
               "Markus Braun | Senior Recruitment Consultant | Hays"])
    anna = person("Anna Lehmann", "michaelpage.de")
    kb = "knorr-bremse.com"
    thomas, sabine = person("Thomas Berger", kb), person("Sabine Roth", kb)
    c.iv("Interview Knorr-Bremse – Projektleiter IT (m/w/d) | Michael Page", anna,
         pattern="agency", company="Knorr-Bremse", role="Projektleiter IT",
         people=[thomas, sabine], ivs=[thomas, sabine], conf="teams", from_google=False,
         body=[*agency_note(anna, "Michael Page", "de"),
               "Ihre Gesprächspartner bei Knorr-Bremse: Thomas Berger (CIO Office), "
               "Sabine Roth (HR)"])

    lisa = person("Lisa Braun", "lilium.com")
    c.iv("Interview – Flight Test Data Engineer – Lilium", lisa, pattern="teamtailor",
         company="Lilium", role="Flight Test Data Engineer", ivs=[lisa], conf="meet",
         lang="en",
         body=["Hi Lena,",
               "Thanks for applying for the Flight Test Data Engineer position at Lilium. "
               "I'd love to get to know you better in a first interview over Google Meet.",
               "Best, Lisa", "", "Sent with Teamtailor"])
    florian = person("Florian Maier", "tado.com")
    c.iv("Phone interview with Lena Hoffmann – Backend Developer (m/w/d) – tado°",
         P("tado° People Team", "hr@tado.com"), pattern="recruitee", company="tado°",
         role="Backend Developer", stage="screen", people=[florian], ivs=[florian],
         lang="en", from_google=False, location="Telefon: +49 89 2000 1234", minutes=30,
         body=["Hi Lena, Florian from our engineering team will call you.",
               "Scheduled via Recruitee"])
    petra = person("Petra Koch", "swm.de")
    c.iv("Erstgespräch Bewerbung – Stadtwerke München",
         P("Stadtwerke München – Karriere", "Bewerbungen-SWM@swm.de"),
         pattern="ms_bookings", company="Stadtwerke München", role="Netzplaner Strom",
         stage="screen", org_attends=False, people=[petra], ivs=[petra], conf="teams",
         from_google=False, minutes=30,
         body=[*bookings_body("Erstgespräch Bewerbung (30 Minuten)", petra, "de"),
               "Stelle: Netzplaner Strom (m/w/d)"])
    tom_f = person("Tom Schneider", "forto.com")
    c.iv("Kennenlernen: Lena Hoffmann x Forto – Founding Engineer", tom_f,
         pattern="plain_zoom", company="Forto", role="Founding Engineer", stage="screen",
         ivs=[tom_f], conf="zoom", minutes=30)
    sandra = person("Sandra Huber", "muenchen.de")
    herbert = person("Herbert Maier", "muenchen.de")
    c.iv("Einladung zum Vorstellungsgespräch: IT-Systemadministrator (d/m/w)", sandra,
         pattern="public_sector", company="Landeshauptstadt München",
         role="IT-Systemadministrator", people=[herbert], ivs=[sandra, herbert],
         html=False, from_google=False, location="Agnes-Bernauer-Str. 89, München",
         body=["Sehr geehrte Frau Hoffmann,",
               "wir laden Sie herzlich zu einem Vorstellungsgespräch bei der "
               "Landeshauptstadt München ein.",
               "Auswahlkommission: Sandra Huber, Herbert Maier"])
    c.no("Vorstellungsgespräch – Werkstudent Data (m/w/d) – Sixt",
         person("Katja Frey", "sixt.com"), pattern="cancelled", cancelled=True,
         conf="teams", from_google=False)

    # look-alikes and everyday life
    c.no("Interview-Vorbereitung (Coaching)",
         P("Karrierecoaching Müller", "termine@karrierecoaching-mueller.de"),
         pattern="coaching", conf="zoom")
    c.no("Mock-Interview mit Priyanka (Vorbereitung Celonis)",
         P("Priyanka Nair", "priyanka.nair@gmail.com"), pattern="mock", conf="meet")
    c.no("Visa-Interview – US-Generalkonsulat München",
         P("U.S. Visa Appointment Service", "noreply@usvisa-info.com"), pattern="visa",
         org_attends=False, location="Königinstraße 5, 80539 München", from_google=False)
    c.no("Bewerbungstraining – Agentur für Arbeit München",
         P("Agentur für Arbeit München", "Muenchen.BCA@arbeitsagentur.de"),
         pattern="training", from_google=False, minutes=120)
    c.no("IKOM Karrieremesse – TU München", P("IKOM", "info@ikom.tum.de"),
         pattern="career_fair", org_attends=False, minutes=360, location="TUM Garching")
    c.no("Infoabend Trainee-Programm | BMW Group", P("BMW Group Karriere",
         "karriere@bmwgroup.com"), pattern="info_session", hidden=True, conf="teams",
         from_google=False, minutes=90)
    c.no("Webinar: Sicher ins Vorstellungsgespräch", P("StepStone Events",
         "events@stepstone.de"), pattern="webinar", org_attends=False, conf="zoom")
    c.no("Podcast-Interview „Data Engineering Deutschland“",
         person("Tobias Hahn", "dataengineering-podcast.de"), pattern="podcast",
         conf="zoom")
    c.no("Interview mit der Süddeutschen Zeitung", person("Clara Roth", "sz.de"),
         pattern="press")
    c.no("Nutzerinterview – N26 App (Research)", P("N26 User Research", "research@n26.com"),
         pattern="user_research", conf="meet",
         body=["Danke, dass du an unserer Studie teilnimmst!",
               "Als Dankeschön erhältst du einen 50 € Gutschein."])
    c.no("Exit-Interview", P("Sixt HR", "hr@sixt.com"), pattern="exit_interview",
         conf="teams", from_google=False)
    c.no("Referenzgespräch: Jonas Berger", person("Karin Lux", "zalando.de"),
         pattern="reference", html=False,
         body=["Vielen Dank, dass Sie als Referenz für Jonas Berger zur Verfügung stehen."])
    c.mine("Vorbereitung Siemens-Interview")
    c.mine("Celonis Onsite!!")
    c.all_day(f"Celonis Onsite Day – {role}", org=sarah, people=[jonas])
    c.all_day("Anreise Celonis Onsite")
    c.all_day("Urlaub", kind="outOfOffice", days=5, pattern="out_of_office")
    c.mine("Fokuszeit", kind="focusTime", pattern="focus_time", minutes=120)
    c.all_day("Homeoffice", kind="workingLocation", pattern="working_location")
    c.everyday([("Zahnarzt Dr. Schmidt", 60), ("Yoga", 75), ("Elternabend Kita Sonnenschein",
                90), ("Steuerberaterin", 60), ("Wohnungsbesichtigung Schwabing", 45),
                ("Friseur", 60), ("Laufgruppe", 60)])
    c.all_day("Geburtstag Oma", pattern="birthday")
    c.no("Kaffee mit Jonas", person("Jonas Berger", "gmail.com"), pattern="coffee")
    c.no("Coffee chat – Priyanka / Lena", priyanka, pattern="coffee_chat_company",
         conf="meet", lang="en")
    c.no("Informational Interview – Julia (Personio)", person("Julia Wolf", "personio.de"),
         pattern="informational", conf="meet", lang="en")
    c.no("Vorstellungsgespräch – Wohnungsgenossenschaft Isarwinkel eG",
         P("Wohnungsgenossenschaft Isarwinkel eG", "vermietung@wg-isarwinkel.de"),
         pattern="housing", from_google=False, location="Isarstraße 12, München")
    c.no("Interviewer-Schulung (Ehrenamt Mentoring)", P("Mentoring e.V.",
         "team@mentoring-ev.de"), pattern="interviewer_training", conf="zoom")
    c.no("Lunch mit Marco (Flix)", marco, pattern="lunch")
    c.no("Karriere-Webinar: Arbeiten bei Siemens", P("Siemens Careers", "careers@siemens.com"),
         pattern="webinar", hidden=True, conf="teams", from_google=False)
    c.series("Spanischkurs B1", P("Volkshochschule München", "sprachen@mvhs.de"),
             [], 4, minutes=90)
    return c


def barcelona() -> Calendar:
    marta = P("Marta Puig", "marta.puig@gmail.com")
    c = Calendar("barcelona", marta, "Europe/Madrid", lang="es", seed=23)
    plus = "marta.puig+feina@gmail.com"
    glv = "glovoapp.com"
    laia, oriol_g, nil, berta_g = (person(n, glv) for n in (
        "Laia Ferrer", "Oriol Batlle", "Nil Serra", "Berta Roig"))
    role_g = "Backend Engineer - Payments"
    c.iv(f"Llamada inicial con Glovo – {role_g}", laia, pattern="lever", company="Glovo",
         role=role_g, stage="screen", ivs=[laia], conf="meet", minutes=30,
         body=["Hola Marta,", "Te llamo para conocerte y contarte más sobre el puesto.",
               "Un saludo, Laia", "", "Programado con Lever"])
    c.iv(f"Entrevista técnica | {role_g} | Glovo", laia, pattern="lever", company="Glovo",
         role=role_g, org_optional=True, people=[oriol_g, nil], ivs=[oriol_g, nil],
         optional=[berta_g], conf="meet",
         body=["Entrevistadores: Oriol Batlle, Nil Serra",
               "Berta Roig se une como observadora (shadow).",
               "Coordinadora del proceso: Laia Ferrer"])
    c.iv(f"Entrevista final con Glovo: {role_g}", laia, pattern="lever", company="Glovo",
         role=role_g, stage="final", org_optional=True,
         people=[person("Carla Vives", glv)], ivs=[person("Carla Vives", glv)], conf="meet",
         owner_as=[plus], body=["Coordinadora: Laia Ferrer"])
    c.no(f"Glovo | {role_g} | Charla con el equipo", laia, pattern="declined",
         people=[nil], response="declined", conf="meet")

    wal = "wallapop.com"
    nuria, xavi = person("Nuria Vidal", wal), person("Xavi Soler", wal)
    c.iv("Entrevista con Wallapop - Product Designer", nuria, pattern="teamtailor",
         company="Wallapop", role="Product Designer", people=[xavi], ivs=[nuria, xavi],
         conf="meet",
         body=["¡Hola Marta! Gracias por tu interés en Wallapop.",
               "Nos vemos con Xavi, Design Lead.", "", "Enviado con Teamtailor"])

    tf = "typeform.com"
    oriol, clara, pol, gemma = (person(n, tf) for n in (
        "Oriol Camps", "Clara Soto", "Pol Riera", "Gemma Font"))
    pm = "Senior Product Manager"
    c.iv(f"Interview: Marta Puig for {pm}", gemma, pattern="greenhouse_kit",
         company="Typeform", role=pm, people=[oriol, P(None, "typeform@greenhouse.io")],
         ivs=[oriol], conf="meet", lang="en",
         body=greenhouse_kit("Marta Puig", pm, coordinator=gemma))
    c.iv(f"[Rescheduled] Typeform | {pm} - Case Study Presentation", gemma,
         pattern="greenhouse", company="Typeform", role=pm, org_optional=True,
         people=[oriol, clara, pol], ivs=[oriol, clara, pol], conf="meet", lang="en",
         minutes=60, body=["Please prepare a 20-minute presentation of the case study.",
                           "Your panel: Oriol Camps, Clara Soto, Pol Riera"])

    tp = "travelperk.com"
    ana, joan = person("Ana Mas", tp), person("Joan Costa", tp)
    c.iv("Marta Puig <> TravelPerk | Recruiter Screen", ana, pattern="ashby",
         company="TravelPerk", role="Data Analyst", stage="screen", ivs=[ana], conf="meet",
         lang="en", minutes=30, body=ashby_body("TravelPerk", [ana], role="Data Analyst"))
    c.iv("RV: TravelPerk – Entrevista con Hiring Manager – Data Analyst", joan,
         pattern="forwarded", company="TravelPerk", role="Data Analyst", ivs=[joan],
         conf="teams", from_google=False)

    pau = person("Pau Serra", "factorialhr.com")
    c.iv("Primera entrevista - Customer Success Manager | Factorial",
         P("Factorial Talent", "talent@factorialhr.com"), pattern="factorial",
         company="Factorial", role="Customer Success Manager", people=[pau], ivs=[pau],
         conf="meet")
    adv = "adevinta.com"
    jordi, elena, marc = (person(n, adv) for n in ("Jordi Roca", "Elena Garcia", "Marc Puig"))
    c.iv("Interview for Senior Data Scientist at Adevinta", jordi,
         pattern="smartrecruiters", company="Adevinta", role="Senior Data Scientist",
         org_optional=True, people=[elena, marc], ivs=[elena, marc], conf="meet",
         lang="en", body=["Scheduled via SmartRecruiters"])
    c.iv("R-33412 Analista de Riesgos - Entrevista telefónica",
         P("CaixaBank", "caixabank@myworkday.com"), pattern="workday_self_schedule",
         company="CaixaBank", role="Analista de Riesgos", stage="screen", org_attends=False,
         minutes=30, from_google=False,
         body=workday_body("CaixaBank", "Analista de Riesgos", "entrevista telefónica", "es"))

    lucia = person("Lucía Moreno", "randstad.es")
    albert = person("Albert Ruiz", "seat.es")
    c.iv("Entrevista en SEAT (a través de Randstad) – Ingeniera de Calidad", lucia,
         pattern="agency", company="SEAT", role="Ingeniera de Calidad", people=[albert],
         ivs=[albert], conf="teams", from_google=False,
         body=agency_note(lucia, "Randstad", "es", client="SEAT"))
    david = person("David Ortega", "michaelpage.es")
    montse = person("Montse Ribas", "puig.com")
    c.iv("Entrevista Puig – Finance Business Partner | Michael Page", david,
         pattern="agency", company="Puig", role="Finance Business Partner",
         people=[montse], ivs=[montse], conf="teams", from_google=False,
         body=agency_note(david, "Michael Page", "es", client="Puig"))
    sergi = person("Sergi Pons", "hays.es")
    mango1, mango2 = person("Irene Sala", "mango.com"), person("Jaume Vila", "mango.com")
    c.iv("Entrevista con Mango vía Hays - Responsable de E-commerce", sergi,
         pattern="agency", company="Mango", role="Responsable de E-commerce",
         people=[mango1, mango2], ivs=[mango1, mango2], conf="teams", from_google=False,
         body=agency_note(sergi, "Hays", "es"))

    berta = person("Berta Prat", "holaluz.com")
    c.iv("Llamada inicial entre Holaluz Talent y Marta Puig", berta, pattern="calcom",
         company="Holaluz", role="Analista de Pricing", stage="screen", ivs=[berta],
         minutes=30,
         body=calcom_body("Llamada inicial", berta, marta,
                          notes="Puesto: Analista de Pricing"))
    joan_v = person("Joan Vila", "seedtag.com")
    c.iv("Marta Puig and Joan Vila", joan_v, pattern="calendly", company="Seedtag",
         role="Account Manager", stage="screen", ivs=[joan_v], conf="meet", minutes=30,
         lang="en", body=calendly_body("Primera llamada - Account Manager"))
    iker = person("Iker Etxeberria", "clarity.ai")
    c.iv("Charla + entrevista técnica (Data Engineer) – Clarity AI", iker,
         pattern="plain_meet", company="Clarity AI", role="Data Engineer", ivs=[iker],
         conf="meet")
    c.no("Entrevista - Desarrollador/a Backend - Ulabox", person("Rosa Camps", "ulabox.com"),
         pattern="cancelled", cancelled=True, conf="meet")
    rita = person("Rita Gomes", "revolut.com")
    c.iv("Revolut | Backend Engineer - Java | Technical Interview", rita, pattern="plain_meet",
         company="Revolut", role="Backend Engineer - Java", ivs=[rita], conf="meet",
         lang="en", owner_as=[plus])

    # look-alikes and everyday life
    c.no("Preparación de entrevista con mentora (Adalab)",
         person("Sílvia Mir", "adalab.es"), pattern="coaching", conf="meet")
    c.no("Simulacro de entrevista técnica", person("Jordi Bosch", "gmail.com"),
         pattern="mock", conf="meet")
    c.no("Entrevista consulado EE. UU. – visado J1",
         P("Embajada de EE. UU.", "noreply@usvisa-info.com"), pattern="visa",
         org_attends=False, location="Passeig de la Reina Elisenda 23, Barcelona")
    c.no("Entrevista para La Vanguardia: mujeres en tech", person("Mireia Pla",
         "lavanguardia.es"), pattern="press")
    c.no("Entrevista con usuarios – Typeform Research", P("Typeform Research",
         "research@typeform.com"), pattern="user_research", conf="meet",
         body=["Gracias por participar en nuestro estudio. Recibirás una tarjeta regalo."])
    c.no("Barcelona Tech Job Fair", P("BcnTechJobs", "hola@bcntechjobs.com"),
         pattern="career_fair", org_attends=False, minutes=300)
    c.no("Sesión informativa: Programa de Graduados CaixaBank",
         P("CaixaBank Talent", "talento@caixabank.com"), pattern="info_session",
         hidden=True, conf="teams", from_google=False)
    c.no("Webinar: cómo negociar tu salario", P("InfoJobs", "eventos@infojobs.net"),
         pattern="webinar", org_attends=False, conf="zoom")
    c.no("Café con Laia (Glovo)", laia, pattern="coffee_chat_company")
    c.no("Entrevista informativa con Pau (networking)", person("Pau Roig", "wallbox.com"),
         pattern="informational", conf="meet")
    c.no("Entrevista de salida – RRHH Ulabox", P("RRHH Ulabox", "rrhh@ulabox.com"),
         pattern="exit_interview", conf="meet")
    c.no("Formación: cómo hacer entrevistas estructuradas", P("Women in Tech BCN",
         "hola@womenintechbcn.org"), pattern="interviewer_training", conf="zoom")
    c.mine("Preparar entrevista Glovo")
    c.mine("Entrevista Typeform!!")
    c.all_day("Vacaciones", kind="outOfOffice", days=4, pattern="out_of_office")
    c.all_day("Cumpleaños Nuria", pattern="birthday")
    c.all_day(f"Glovo – jornada de entrevistas ({role_g})", org=laia, people=[nil])
    c.everyday([("Dentista", 45), ("Pádel con Jordi", 90), ("Clase de catalán", 90),
                ("Revisión ITV coche", 45), ("Cita médica CAP", 30), ("Gimnasio", 60)])
    c.series("Voluntariat – Banc dels Aliments", P("Banc dels Aliments",
             "voluntariat@bancdelsaliments.org"), [], 3, minutes=120)
    return c


def lyon() -> Calendar:
    camille = P("Camille Martin", "camille.martin@orange.fr")
    c = Calendar("lyon", camille, "Europe/Paris", also=("camille.martin.pro@gmail.com",),
                 lang="fr", seed=37)
    pro = "camille.martin.pro@gmail.com"
    role_s = "Chargé(e) d'affaires réglementaires"
    c.iv(f"Entretien téléphonique – {role_s} (H/F)", P("Sanofi", "sanofi@myworkday.com"),
         pattern="workday_self_schedule", company="Sanofi", role=role_s, stage="screen",
         org_attends=False, minutes=30, from_google=False,
         body=workday_body("Sanofi", role_s, "entretien téléphonique", "fr"))
    manon = person("Manon Girard", "sanofi.com")
    c.iv(f"Entretien avec le manager – {role_s} – Sanofi", manon, pattern="plain_teams",
         company="Sanofi", role=role_s, ivs=[manon], conf="teams", from_google=False)
    bm = "biomerieux.com"
    luc, ines = person("Luc Bernard", bm), person("Inès Haddad", bm)
    c.iv("Entretien – Ingénieur Qualité Logiciel (H/F) – bioMérieux",
         P("Recrutement bioMérieux", "recrutement@biomerieux.com"),
         pattern="successfactors", company="bioMérieux", role="Ingénieur Qualité Logiciel",
         people=[luc, ines], ivs=[luc, ines], from_google=False,
         location="Marcy-l'Étoile", minutes=60,
         rooms=[P("Salle Pasteur (12)", "salle.pasteur@biomerieux.com")],
         body=["Bonjour Camille,", "Nous avons le plaisir de vous convier à un entretien.",
               "Vous rencontrerez Luc Bernard (Responsable Qualité) et Inès Haddad (RH)."])
    seb = "groupeseb.com"
    sophie = person("Sophie Durand", seb)
    role_p = "Chef de produit digital"
    c.iv(f"Premier échange téléphonique – {role_p} (H/F)", sophie, pattern="plain_teams",
         company="Groupe SEB", role=role_p, stage="screen", ivs=[sophie], minutes=30,
         from_google=False, conf="teams",
         body=["Bonjour Camille,",
               "suite à votre candidature chez Groupe SEB, je vous propose un premier "
               "échange téléphonique.", "Bien à vous, Sophie"])
    c.iv(f"TR: Entretien final – {role_p} (H/F) – Groupe SEB", person("Éric Lambert", seb),
         pattern="forwarded_other_address", company="Groupe SEB", role=role_p,
         stage="final", ivs=[person("Éric Lambert", seb)], owner_as=[pro], conf="teams",
         from_google=False, location="Écully, Campus SEB")
    dec = "decathlon.com"
    thomas, lea, hugo = (person(n, dec) for n in ("Thomas Petit", "Léa Roux", "Hugo Blanc"))
    c.iv("Visio : entretien avec l'équipe Produit – Product Owner (H/F) – Decathlon", thomas,
         pattern="plain_teams", company="Decathlon", role="Product Owner",
         people=[lea, hugo], ivs=[thomas, lea, hugo], conf="teams", from_google=False)
    charles = person("Charles Morel", "alan.com")
    c.iv("Interview with Charles (Alan) – Product Engineer", charles, pattern="greenhouse",
         company="Alan", role="Product Engineer", ivs=[charles], conf="meet", lang="en")
    doc = "doctolib.com"
    yanis, chloe = person("Yanis Benali", doc), person("Chloé Faure", doc)
    c.iv("Doctolib - Entretien technique - Développeur Full Stack (H/F)", yanis,
         pattern="coderpad", company="Doctolib", role="Développeur Full Stack",
         people=[chloe], ivs=[yanis, chloe], conf="meet",
         body=codepair_body("CoderPad", "https://app.coderpad.io/DTL93KQ"))
    bbc = "blablacar.com"
    nico, julie = person("Nicolas Garnier", bbc), person("Julie Perrin", bbc)
    c.iv("Interview: Camille Martin for Data Analyst", julie, pattern="greenhouse_kit",
         company="BlaBlaCar", role="Data Analyst", people=[nico], ivs=[nico],
         org_optional=True, conf="meet", lang="en",
         body=greenhouse_kit("Camille Martin", "Data Analyst", coordinator=julie))
    julien = person("Julien Moreau", "roberthalf.fr")
    mich = person("Pierre Rey", "michelin.com")
    c.iv("Entretien chez Michelin (via Robert Half) – Contrôleur de gestion (H/F)", julien,
         pattern="agency", company="Michelin", role="Contrôleur de gestion", people=[mich],
         ivs=[mich], conf="teams", from_google=False,
         body=agency_note(julien, "Robert Half", "fr", client="Michelin"))
    aurelie = person("Aurélie Vincent", "michaelpage.fr")
    boiron = person("Marc Dubois", "boiron.fr")
    c.iv("Michael Page – Entretien Boiron – Responsable Supply Chain (H/F)", aurelie,
         pattern="agency", company="Boiron", role="Responsable Supply Chain",
         people=[boiron], ivs=[boiron], from_google=False, location="Messimy",
         body=agency_note(aurelie, "Michael Page", "fr", client="Boiron"))
    nadia = person("Nadia Benali", "apicil.com")
    c.iv("Entretien de recrutement - Gestionnaire sinistres",
         P("Recrutement Apicil", "RecrutementApicil@apicil.com"), pattern="ms_bookings",
         company="Apicil", role="Gestionnaire sinistres", org_attends=False, people=[nadia],
         ivs=[nadia], conf="teams", from_google=False,
         body=bookings_body("Entretien de recrutement", nadia, "fr"))
    cg = "cegid.com"
    c.iv("Entretien technique : Développeur Java (H/F) – Cegid", person("Romain Aubert", cg),
         pattern="plain_teams", company="Cegid", role="Développeur Java",
         ivs=[person("Romain Aubert", cg)], conf="teams", from_google=False)
    kard = person("Hugo Lefèvre", "kard.eu")
    c.iv("Camille Martin and Hugo Lefèvre", kard, pattern="calendly", company="Kard",
         role="Business Developer", stage="screen", ivs=[kard], conf="meet", minutes=30,
         lang="en", body=calendly_body("Premier appel - Business Developer"))
    fid = person("Agnès Robin", "fiducial.fr")
    c.iv("Entretien d'embauche – Comptable (H/F) – Fiducial", fid, pattern="plain",
         company="Fiducial", role="Comptable", ivs=[fid], from_google=False,
         location="Fiducial, 38 rue Sergent Michel Berthet, Lyon 9e")
    c.iv("Entretien téléphonique RH – Responsable RSE (H/F)",
         person("Claire Fontaine", "lyreco.com"), pattern="plain_teams", company="Lyreco",
         role="Responsable RSE", stage="screen",
         ivs=[person("Claire Fontaine", "lyreco.com")], conf="teams", from_google=False,
         response="tentative")
    c.no("Entretien – Data Analyst (H/F) – LDLC", person("Bastien Roy", "ldlc.com"),
         pattern="cancelled", cancelled=True, conf="teams", from_google=False)

    # look-alikes and everyday life
    c.no("Préparation entretien – coaching APEC", P("APEC Lyon", "conseil.lyon@apec.fr"),
         pattern="coaching", conf="teams", from_google=False)
    c.no("Entretien annuel d'évaluation 2026", person("Patrick Leroy", "lyonbiopole.org"),
         pattern="annual_review", conf="teams", from_google=False)
    c.no("Interview pour Le Progrès – startups lyonnaises", person("Emma Caron",
         "leprogres.fr"), pattern="press")
    c.no("Forum emploi INSA Lyon", P("INSA Lyon Entreprises", "forum@insa-lyon.fr"),
         pattern="career_fair", org_attends=False, minutes=360)
    c.no("Atelier CV & entretien – France Travail", P("France Travail",
         "ne-pas-repondre@francetravail.fr"), pattern="training", org_attends=False,
         minutes=120)
    c.no("Réunion d'information – Programme graduate Sanofi", P("Sanofi Careers",
         "careers@sanofi.com"), pattern="info_session", hidden=True, conf="teams",
         from_google=False)
    c.no("Entretien logement – Action Logement", P("Action Logement",
         "rdv@actionlogement.fr"), pattern="housing", from_google=False)
    c.no("Entretien de sortie – RH", P("RH Lyon Biopôle", "rh@lyonbiopole.org"),
         pattern="exit_interview", conf="teams", from_google=False)
    c.no("Café avec Julie (Doctolib)", person("Julie Mercier", doc), pattern="coffee")
    c.no("Déjeuner réseau Femmes Ingénieures", P("Femmes Ingénieures",
         "lyon@femmes-ingenieures.org"), pattern="networking", org_attends=False)
    c.no("Simulation d'entretien avec Hugo", person("Hugo Marchand", "gmail.com"),
         pattern="mock")
    c.mine("Préparer entretien Sanofi")
    c.all_day("Congés", kind="outOfOffice", days=3, pattern="out_of_office")
    c.all_day("Anniversaire Léa", pattern="birthday")
    c.everyday([("Médecin", 30), ("Piscine", 60), ("Réunion parents d'élèves", 90),
                ("Banque – rendez-vous conseiller", 45), ("Cours de yoga", 60)])
    return c


def lisbon() -> Calendar:
    joao = P("João Silva", "joao.m.silva@outlook.com")
    c = Calendar("lisbon", joao, "Europe/Lisbon", also=("joao.silva@sapo.pt",), lang="pt",
                 seed=41)
    plus = "joao.m.silva+empregos@outlook.com"
    ff = "farfetch.com"
    ines, rui, tiago, sara = (person(n, ff) for n in (
        "Inês Costa", "Rui Pereira", "Tiago Lopes", "Sara Matos"))
    role_f = "Analista de Dados"
    c.iv(f"Conversa inicial com RH – {role_f} | Farfetch", ines, pattern="greenhouse",
         company="Farfetch", role=role_f, stage="screen", ivs=[ines], conf="meet",
         minutes=30)
    c.iv(f"Entrevista técnica – {role_f} (Farfetch)", ines, pattern="greenhouse",
         company="Farfetch", role=role_f, org_optional=True, people=[rui, tiago],
         ivs=[rui, tiago], conf="meet",
         body=["Entrevistadores: Rui Pereira e Tiago Lopes",
               "Coordenadora: Inês Costa"])
    c.iv(f"ENC: Entrevista final – {role_f} – Farfetch", sara,
         pattern="forwarded_other_address", company="Farfetch", role=role_f, stage="final",
         ivs=[sara], owner_as=["joao.silva@sapo.pt"], conf="teams", from_google=False)
    fz = "feedzai.com"
    marta, bruno, filipa = (person(n, fz) for n in ("Marta Sousa", "Bruno Dias",
                                                    "Filipa Reis"))
    c.iv("Phone Screen: João Silva <> Feedzai", marta, pattern="greenhouse",
         company="Feedzai", role="Data Scientist", stage="screen", ivs=[marta],
         conf="meet", lang="en", minutes=30, body=["Position: Data Scientist"])
    c.iv("Feedzai Onsite Interview – Data Scientist",
         candidate_calendar("Feedzai", "9a1b7c3d5e0f2a4b6c8d0e1f3a5b7c9d"),
         pattern="goodtime_hidden", company="Feedzai", role="Data Scientist",
         stage="final", org_attends=False, hidden=True, people=[bruno, filipa],
         lang="en", minutes=180, location="Feedzai, Av. D. João II 46, Lisboa",
         body=goodtime_itinerary("João", "Feedzai", "Data Scientist", [
             ("10:00", "Bruno Dias", "ML Deep Dive"), ("11:00", "Filipa Reis", "Culture")]))
    td = "talkdesk.com"
    pedro = person("Pedro Almeida", td)
    c.iv("Talkdesk | Entrevista com Hiring Manager | Engenheiro de Software Backend", pedro,
         pattern="lever", company="Talkdesk", role="Engenheiro de Software Backend",
         ivs=[pedro], conf="meet", owner_as=[plus])
    ub = "unbabel.com"
    rita, andre, catarina = (person(n, ub) for n in ("Rita Alves", "André Santos",
                                                    "Catarina Nunes"))
    c.iv("João Silva <> Unbabel | Technical Interview | ML Engineer", rita, pattern="ashby",
         company="Unbabel", role="ML Engineer", people=[andre, catarina],
         ivs=[andre, catarina], conf="meet", lang="en",
         body=[*ashby_body("Unbabel", [andre, catarina]), "Coordenadora: Rita Alves"])
    sw = person("Miguel Ferreira", "swordhealth.com")
    c.iv("Entrevista – Product Designer – Sword Health", sw, pattern="plain_zoom",
         company="Sword Health", role="Product Designer", ivs=[sw], conf="zoom")
    crit = person("Helena Martins", "criticalsoftware.com")
    c.iv("Entrevista por telefone – Engenheiro de Sistemas Embebidos (M/F)",
         P("Recrutamento Critical Software", "recrutamento@criticalsoftware.com"),
         pattern="smartrecruiters", company="Critical Software",
         role="Engenheiro de Sistemas Embebidos", stage="screen", people=[crit],
         ivs=[crit], minutes=30, from_google=False,
         body=["Olá João,", "Obrigado pelo seu interesse na Critical Software.",
               "A Helena Martins vai ligar-lhe à hora marcada.",
               "Enviado via SmartRecruiters"])
    os_ = "outsystems.com"
    c.iv("OutSystems - Cultural Fit Interview - Developer Advocate",
         person("Joana Rocha", os_), pattern="plain_meet", company="OutSystems",
         role="Developer Advocate", ivs=[person("Joana Rocha", os_)], conf="meet", lang="en")
    carla = person("Carla Mendes", "randstad.pt")
    nos = person("Nuno Correia", "nos.pt")
    c.iv("Entrevista na NOS (via Randstad) – Gestor de Produto", carla, pattern="agency",
         company="NOS", role="Gestor de Produto", people=[nos], ivs=[nos], conf="teams",
         from_google=False, body=agency_note(carla, "Randstad", "pt", client="NOS"))
    sofia = person("Sofia Ribeiro", "michaelpage.pt")
    edp1, edp2 = person("Ricardo Gomes", "edp.com"), person("Patrícia Cruz", "edp.com")
    c.iv("Entrevista EDP – Controller Financeiro | Michael Page Portugal", sofia,
         pattern="agency", company="EDP", role="Controller Financeiro",
         people=[edp1, edp2], ivs=[edp1, edp2], conf="teams", from_google=False,
         body=agency_note(sofia, "Michael Page", "pt", client="EDP"))
    hays = person("Diogo Teixeira", "hays.pt")
    vod = person("Mariana Lima", "vodafone.com")
    c.iv("Vodafone – 2ª entrevista – Project Manager (através da Hays)", hays,
         pattern="agency", company="Vodafone", role="Project Manager", people=[vod],
         ivs=[vod], conf="teams", from_google=False, body=agency_note(hays, "Hays", "pt"))
    swt = person("Beatriz Lopes", "swordhealth.com")
    c.iv("Conversa inicial entre Sword Health Talent e João Silva", swt, pattern="calcom",
         company="Sword Health", role="Data Engineer", stage="screen", ivs=[swt],
         minutes=30, body=calcom_body("Conversa inicial", swt, joao,
                                      notes="Vaga: Data Engineer"))
    js = person("Pedro Nunes", "jscrambler.com")
    c.iv("João Silva and Pedro Nunes", js, pattern="calendly", company="Jscrambler",
         role="Backend Developer", stage="screen", ivs=[js], conf="meet", minutes=30,
         lang="en", body=calendly_body("Chamada inicial - Backend Developer"))
    rev = person("Ana Ivanova", "revolut.com")
    c.iv("Revolut – Technical Interview – Backend Engineer - Java", rev, pattern="plain_meet",
         company="Revolut", role="Backend Engineer - Java", ivs=[rev], conf="meet",
         lang="en")
    c.no("Entrevista – Engenheiro de Dados – Jumia", person("Luís Freitas", "jumia.com"),
         pattern="cancelled", cancelled=True, conf="meet")
    c.no("Talkdesk | Conversa com a equipa | Engenheiro de Software Backend", pedro,
         pattern="declined", response="declined", conf="meet")

    # look-alikes and everyday life
    c.no("Preparação para entrevista – mentoria Landing.jobs", person("Vera Pinto",
         "landing.jobs"), pattern="coaching", conf="meet")
    c.no("Entrevista no Consulado dos EUA – visto", P("U.S. Embassy Lisbon",
         "noreply@usvisa-info.com"), pattern="visa", org_attends=False,
         location="Av. das Forças Armadas, Lisboa")
    c.no("Entrevista à Rádio Observador", person("Raquel Moura", "observador.pt"),
         pattern="press")
    c.no("Entrevista para estudo de utilizador (UX research) – OLX", P("OLX Research",
         "research@olx.pt"), pattern="user_research", conf="meet")
    c.no("Feira de Emprego Nova SBE", P("Nova SBE Careers", "careers@novasbe.pt"),
         pattern="career_fair", org_attends=False, minutes=300)
    c.no("Sessão de esclarecimento – Programa de Trainees EDP", P("EDP Careers",
         "careers@edp.com"), pattern="info_session", hidden=True, conf="teams",
         from_google=False)
    c.no("Webinar: Como preparar uma entrevista técnica", P("Landing.jobs",
         "events@landing.jobs"), pattern="webinar", org_attends=False, conf="zoom")
    c.no("Café com a Marta (Farfetch)", person("Marta Gil", ff), pattern="coffee")
    c.no("Conversa informal com engenheiro da OutSystems", person("Hugo Reis", os_),
         pattern="coffee_chat_company", conf="meet")
    c.no("Simulação de entrevista – Prof. Carvalho", person("António Carvalho",
         "tecnico.ulisboa.pt"), pattern="mock")
    c.mine("Rever notas – entrevista Farfetch")
    c.all_day("Férias", kind="outOfOffice", days=5, pattern="out_of_office")
    c.all_day("Aniversário da Mãe", pattern="birthday")
    c.everyday([("Dentista", 45), ("Futebol com amigos", 90), ("Finanças – atendimento", 30),
                ("Surf", 120), ("Inglês – explicação", 60)])
    return c


def milan() -> Calendar:
    giulia = P("Giulia Rossi", "giulia.rossi@libero.it")
    c = Calendar("milan", giulia, "Europe/Rome", lang="it", seed=53)
    sat = "satispay.com"
    chiara, luca, marco = (person(n, sat) for n in ("Chiara Conti", "Luca Ferri",
                                                    "Marco Galli"))
    c.iv("Primo colloquio telefonico – Data Analyst – Satispay", chiara,
         pattern="plain_meet", company="Satispay", role="Data Analyst", stage="screen",
         ivs=[chiara], conf="meet", minutes=30)
    c.iv("Colloquio tecnico | Data Analyst | Satispay", chiara, pattern="plain_meet",
         company="Satispay", role="Data Analyst", org_optional=True, people=[luca, marco],
         ivs=[luca, marco], conf="meet")
    c.iv("Colloquio finale – Data Analyst (Satispay)", person("Alberto Dalla Valle", sat),
         pattern="plain_onsite", company="Satispay", role="Data Analyst", stage="final",
         ivs=[person("Alberto Dalla Valle", sat)], location="Satispay, Via Privata "
         "Giovanni Ventura 5, Milano")
    bs = person("Federico Marin", "bendingspoons.com")
    c.iv("Bending Spoons | Product Manager | Interview", bs, pattern="plain_meet",
         company="Bending Spoons", role="Product Manager", ivs=[bs], conf="meet", lang="en")
    c.iv("R-774411 Risk Analyst – Colloquio telefonico",
         P("UniCredit", "unicredit@myworkday.com"), pattern="workday_self_schedule",
         company="UniCredit", role="Risk Analyst", stage="screen", org_attends=False,
         minutes=30, from_google=False,
         body=workday_body("UniCredit", "Risk Analyst", "colloquio telefonico", "it"))
    pir = "pirelli.com"
    p1, p2 = person("Stefano Bruno", pir), person("Elisa Fontana", pir)
    c.iv("Colloquio di selezione – Ingegnere di processo (m/f) – Pirelli",
         P("Talent Acquisition Pirelli", "talent.acquisition@pirelli.com"),
         pattern="successfactors", company="Pirelli", role="Ingegnere di processo",
         org_attends=False, people=[p1, p2], ivs=[p1, p2], conf="teams", from_google=False)
    mp = person("Valentina Greco", "michaelpage.it")
    amp = person("Davide Colombo", "amplifon.com")
    c.iv("Colloquio Amplifon (tramite Michael Page) – Controller (m/f)", mp,
         pattern="agency", company="Amplifon", role="Controller", people=[amp], ivs=[amp],
         conf="teams", from_google=False,
         body=agency_note(mp, "Michael Page", "it", client="Amplifon"))
    rnd = person("Simone Ricci", "randstad.it")
    lux = person("Paola Moretti", "luxottica.com")
    c.iv("Colloquio presso Luxottica – Supply Chain Planner – Randstad", rnd,
         pattern="agency", company="Luxottica", role="Supply Chain Planner", people=[lux],
         ivs=[lux], from_google=False, location="Piazzale Cadorna 3, Milano",
         body=agency_note(rnd, "Randstad", "it", client="Luxottica"))
    yn = person("Sara Villa", "ynap.com")
    c.iv("YOOX NET-A-PORTER | Data Engineer | Hiring Manager Interview", yn,
         pattern="greenhouse", company="YOOX NET-A-PORTER", role="Data Engineer", ivs=[yn],
         conf="meet", lang="en")
    pr = "prima.it"
    t1, t2, t3 = (person(n, pr) for n in ("Andrea Costa", "Matteo Serra", "Irene Sala"))
    c.iv("Prima – Colloquio con il team – Backend Developer", t1, pattern="plain_meet",
         company="Prima", role="Backend Developer", people=[t2, t3], ivs=[t1, t2, t3],
         conf="meet")
    ev = person("Luca Bianchi", "everli.com")
    c.iv("Giulia Rossi and Luca Bianchi", ev, pattern="calendly", company="Everli",
         role="Operations Analyst", stage="screen", ivs=[ev], conf="meet", minutes=30,
         lang="en", body=calendly_body("Chiamata conoscitiva - Operations Analyst"))
    c.no("Colloquio – Junior Buyer – Esselunga", person("Franco Neri", "esselunga.it"),
         pattern="cancelled", cancelled=True, conf="teams", from_google=False)

    c.no("Preparazione colloquio con coach", person("Laura Gatti", "careercoach.it"),
         pattern="coaching", conf="zoom")
    c.no("Simulazione di colloquio – Career Service Bocconi", P("Career Service Bocconi",
         "career.service@unibocconi.it"), pattern="mock", conf="teams", from_google=False)
    c.no("Intervista per Il Sole 24 Ore", person("Roberto Fabbri", "ilsole24ore.com"),
         pattern="press")
    c.no("Career Day Politecnico di Milano", P("Career Service PoliMi",
         "careerservice@polimi.it"), pattern="career_fair", org_attends=False, minutes=300)
    c.no("Open day Bending Spoons", P("Bending Spoons Careers", "careers@bendingspoons.com"),
         pattern="recruiting_event", hidden=True, minutes=120)
    c.no("Colloquio con la maestra di Sofia", person("Maria Russo", "icmanzoni.edu.it"),
         pattern="school", from_google=False)
    c.no("Colloquio con il commercialista", person("Giorgio Lombardi", "studiolombardi.it"),
         pattern="ordinary", from_google=False)
    c.mine("Ripasso SQL per Satispay")
    c.all_day("Ferie", kind="outOfOffice", days=3, pattern="out_of_office")
    c.all_day("Compleanno nonna", pattern="birthday")
    c.everyday([("Dentista", 45), ("Palestra", 60), ("Corso di inglese", 90)])
    return c


def amsterdam() -> Calendar:
    sanne = P("Sanne de Vries", "sanne.devries@hotmail.com")
    c = Calendar("amsterdam", sanne, "Europe/Amsterdam", lang="nl", seed=67)
    mol = person("Daan Bakker", "mollie.com")
    c.iv("Kennismakingsgesprek – Product Owner – Mollie", mol, pattern="plain_meet",
         company="Mollie", role="Product Owner", stage="screen", ivs=[mol], conf="meet",
         minutes=30)
    ady = "adyen.com"
    a1, a2 = person("Lotte Visser", ady), person("Ruben Smit", ady)
    c.iv("Sollicitatiegesprek Adyen – Java Engineer", a1, pattern="greenhouse",
         company="Adyen", role="Java Engineer", ivs=[a1], conf="meet")
    c.iv("Tweede gesprek – Java Engineer (Adyen)", a1, pattern="greenhouse",
         company="Adyen", role="Java Engineer", people=[a2], ivs=[a1, a2], conf="meet")
    c.iv("Eindgesprek – Java Engineer – Adyen", person("Pieter Jansen", ady),
         pattern="plain_onsite", company="Adyen", role="Java Engineer", stage="final",
         ivs=[person("Pieter Jansen", ady)], location="Simon Carmiggeltstraat 6-50, Amsterdam")
    pic = person("Emma de Jong", "picnic.app")
    c.iv("Telefonisch interview – Data Analyst – Picnic", pic, pattern="plain",
         company="Picnic", role="Data Analyst", stage="screen", ivs=[pic], minutes=30,
         location="Telefonisch")
    bk = "booking.com"
    b1, b2 = person("Mark Peters", bk), person("Aisha Khan", bk)
    c.iv("Booking.com | Senior Data Scientist | Technical Interview", b1,
         pattern="greenhouse", company="Booking.com", role="Senior Data Scientist",
         people=[b2], ivs=[b1, b2], conf="zoom", lang="en")
    c.iv("JR-118204 Process Engineer - Telefonisch interview",
         P("ASML", "asml@myworkday.com"), pattern="workday_self_schedule", company="ASML",
         role="Process Engineer", stage="screen", org_attends=False, minutes=30,
         from_google=False,
         body=workday_body("ASML", "Process Engineer", "telefonisch interview", "nl"))
    hays = person("Kevin Mulder", "hays.nl")
    ing = person("Femke Dekker", "ing.com")
    c.iv("Sollicitatiegesprek bij ING (via Hays) – Data Engineer", hays, pattern="agency",
         company="ING", role="Data Engineer", people=[ing], ivs=[ing], conf="teams",
         from_google=False, body=agency_note(hays, "Hays", "nl", client="ING"))
    c.no("Sollicitatiegesprek – Marketeer – Coolblue", person("Iris Vos", "coolblue.nl"),
         pattern="cancelled", cancelled=True, conf="teams", from_google=False)

    c.no("Sollicitatietraining UWV", P("UWV", "noreply@uwv.nl"), pattern="training",
         org_attends=False, minutes=120)
    c.no("Interview met Het Parool", person("Joost Hendriks", "parool.nl"), pattern="press")
    c.no("Nationale Carrièrebeurs", P("Nationale Carrièrebeurs",
         "info@nationalecarrierebeurs.nl"), pattern="career_fair", org_attends=False,
         minutes=360)
    c.no("Koffie met Daan (Adyen)", person("Daan Meijer", ady), pattern="coffee")
    c.no("Gesprek woningcorporatie – intakegesprek huurwoning", P("Ymere",
         "verhuur@ymere.nl"), pattern="housing", from_google=False)
    c.mine("Voorbereiden Adyen case")
    c.all_day("Vakantie", kind="outOfOffice", days=4, pattern="out_of_office")
    c.everyday([("Tandarts", 30), ("Hardlopen", 60), ("Borrel met vrienden", 120)])
    return c
