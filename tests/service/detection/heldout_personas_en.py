"""Held-out personas in English: Toronto (a hiring manager's work calendar, her own search
forwarded in from her personal address), London (agency-heavy), New York (a new graduate
among career fairs, info sessions and coffee chats).

Every event is written as the owner receives it; every label follows
``spec/detection.md`` as a person reads the event, not as any detector does.
"""

from __future__ import annotations

from tests.service.detection.heldout_builder import (
    Calendar,
    agency_note,
    ashby_body,
    calcom_body,
    calendly_body,
    codepair_body,
    goodtime_itinerary,
    greenhouse_kit,
    hirevue_body,
    karat_body,
    workday_body,
)
from tests.service.detection.heldout_model import P, person
from tests.service.detection.heldout_personas_eu import candidate_calendar


def toronto() -> Calendar:
    priya = P("Priya Raman", "priya.raman@maplecart.ca")
    gmail = "priya.raman@gmail.com"
    c = Calendar("toronto", priya, "America/Toronto", also=(gmail,), seed=71)
    both = [gmail, priya.email]
    mc = "maplecart.ca"
    devon, aisha, ben, li, omar = (person(n, mc) for n in (
        "Devon Clarke", "Aisha Mohamed", "Ben Tremblay", "Li Wei", "Omar Haddad"))
    people_team = P("Maplecart People Team", "people@maplecart.ca")
    interviews_cal = P("Maplecart Interviews", "c_3e1d9b7a5c2f4e6d8b0a1c3e5f7d9b2a@group."
                       "calendar.google.com")
    jordan = P("Jordan Lee", "jordan.lee@gmail.com")
    sam = P("Sam Patel", "sam.patel@outlook.com")
    alex = P("Alex Nguyen", "alex.nguyen92@yahoo.ca")

    # her own job search, on her work calendar through her personal address
    ws = "wealthsimple.com"
    nicole, r1, r2, r3 = (person(n, ws) for n in (
        "Nicole Fraser", "Rahul Gupta", "Emily Chan", "Josh Martin"))
    doe = "Director of Engineering"
    c.iv("Priya Raman <> Wealthsimple – Recruiter Screen", nicole, pattern="greenhouse",
         company="Wealthsimple", role=doe, stage="screen", ivs=[nicole], owner_as=both,
         conf="meet", minutes=30,
         body=[f"Hi Priya, great to connect about the {doe} role!", "Nicole"])
    c.iv(f"FW: Wealthsimple Virtual Onsite – {doe}",
         candidate_calendar("Wealthsimple", "0c2e4a6b8d1f3a5c7e9b0d2f4a6c8e1b"),
         pattern="goodtime_hidden", company="Wealthsimple", role=doe, stage="final",
         org_attends=False, hidden=True, people=[r1, r2, r3], owner_as=both, conf="meet",
         minutes=240,
         body=goodtime_itinerary("Priya", "Wealthsimple", doe, [
             ("9:30", "Rahul Gupta", "Technical leadership"), ("10:30", "Emily Chan",
              "Product partnership"), ("11:30", "Josh Martin", "Executive conversation")]))
    co = "cohere.com"
    marcus, kate, ravi, lin = (person(n, co) for n in (
        "Marcus Chen", "Kate Sullivan", "Ravi Iyer", "Lin Zhou"))
    em = "Engineering Manager, Inference"
    c.iv(f"Cohere | {em} – Hiring Manager Interview", P("Cohere Scheduling",
         "scheduling@cohere.com"), pattern="ashby", company="Cohere", role=em,
         people=[marcus], ivs=[marcus], owner_as=[gmail], conf="meet",
         body=ashby_body("Cohere", [marcus]))
    c.iv(f"Cohere | {em} – Leadership Panel", P("Cohere Scheduling", "scheduling@cohere.com"),
         pattern="ashby", company="Cohere", role=em, people=[kate, ravi, lin],
         ivs=[kate, ravi, lin], owner_as=both, conf="meet", minutes=60,
         body=ashby_body("Cohere", [kate, ravi, lin]))
    sdd = "Senior Director, Data Platforms"
    karen = person("Karen Liu", "rbc.com")
    c.iv(f"R-0098765 {sdd} - Phone Screen", P("RBC", "rbc@myworkday.com"),
         pattern="workday_self_schedule", company="RBC", role=sdd, stage="screen",
         org_attends=False, owner_as=[gmail], minutes=30, from_google=False,
         body=workday_body("RBC", sdd, "phone screen", "en"))
    c.iv(f"HireVue Live Interview: RBC – {sdd}", P(None, "noreply@hirevue.com"),
         pattern="hirevue", company="RBC", role=sdd, org_attends=False, people=[karen],
         ivs=[karen], owner_as=both, body=hirevue_body("RBC", sdd))
    fa = "faire.com"
    kevin = person("Kevin Brooks", "karat.com")
    emp = "Engineering Manager, Payments"
    c.iv(f"Karat Interview for Faire – {emp}", P("Karat", "no-reply@karat.com"),
         pattern="karat", company="Faire", role=emp, org_attends=False, people=[kevin],
         ivs=[kevin], owner_as=both, minutes=60, body=karat_body("Faire", kevin, emp))
    hannah, f1, f2, f3 = (person(n, fa) for n in (
        "Hannah Kim", "Diego Ramos", "Mei Tanaka", "Paul Novak"))
    c.iv(f"Faire Onsite: {emp}", hannah, pattern="greenhouse", company="Faire", role=emp,
         stage="final", org_optional=True, people=[f1, f2, f3], ivs=[f1, f2, f3],
         owner_as=both, conf="meet", minutes=180,
         body=["Your interviewers: Diego Ramos, Mei Tanaka, Paul Novak",
               "Recruiting coordinator: Hannah Kim"])
    tyler = person("Tyler Brooks", "shopify.com")
    c.iv(f"Shopify – Life Story Interview – {doe}", tyler, pattern="plain_meet",
         company="Shopify", role=doe, ivs=[tyler], owner_as=both, conf="meet", minutes=60)
    c.no(f"Shopify – Technical Deep Dive – {doe}", tyler, pattern="declined",
         owner_as=both, response="declined", conf="meet")
    rachel, owen, eric = (person(n, "clio.com") for n in ("Rachel Park", "Owen Price",
                                                         "Eric Dubé"))
    c.iv("Clio: Engineering Manager - Hiring Manager Screen", rachel, pattern="lever",
         company="Clio", role="Engineering Manager", stage="screen", org_optional=True,
         people=[eric], ivs=[eric], owner_as=both, conf="zoom")
    c.iv("Clio | Technical Interview (CodeSignal)", rachel, pattern="codesignal",
         company="Clio", role="Engineering Manager", org_optional=True, people=[owen],
         ivs=[owen], owner_as=[gmail], conf="zoom",
         body=["Role: Engineering Manager",
               *codepair_body("CodeSignal", "https://app.codesignal.com/live-interview/x7Kq")])
    mike = person("Mike Murphy", "ada.cx")
    c.iv("Ada x Priya Raman – Intro call", mike, pattern="plain_zoom", company="Ada",
         role="Head of Engineering", stage="screen", ivs=[mike], owner_as=both,
         conf="zoom", minutes=30,
         body=["Looking forward to chatting about the Head of Engineering role."])
    greg = person("Greg Wilson", "roberthalf.ca")
    lob = person("Natalie Roy", "loblaw.ca")
    c.iv("Interview with Loblaw Digital (via Robert Half) – Engineering Manager", greg,
         pattern="agency", company="Loblaw Digital", role="Engineering Manager",
         people=[lob], ivs=[lob], owner_as=both, conf="teams", from_google=False,
         body=agency_note(greg, "Robert Half", "en", client="Loblaw Digital"))
    dana = person("Dana Scott", "wattpad.com")
    c.iv("Engineering Manager intro call (Wattpad)", dana, pattern="google_appointment",
         company="Wattpad", role="Engineering Manager", stage="screen", ivs=[dana],
         owner_as=[gmail], conf="meet", minutes=30,
         body=["Booked by", "Priya Raman", gmail, "",
               "Reschedule or cancel: https://calendar.google.com/calendar/appointments/"
               "AcZssZ2x"])
    c.no(f"Interview: Priya Raman – {doe} (Lightspeed)", person("Julie Roy",
         "lightspeedhq.com"), pattern="cancelled", cancelled=True, owner_as=both,
         conf="meet")
    op = person("Sunita Rao", "1password.com")
    c.iv("1Password | Director, Engineering | Final Interview", op, pattern="plain_meet",
         company="1Password", role="Director, Engineering", stage="final", ivs=[op],
         owner_as=both, conf="zoom")

    # the hiring side of her work calendar
    gh = P(None, "maplecart@greenhouse.io")
    c.no("Interview: Jordan Lee for Senior Backend Developer", aisha, pattern="hiring_side",
         people=[ben, jordan, gh], conf="meet",
         body=greenhouse_kit("Jordan Lee", "Senior Backend Developer", coordinator=aisha))
    c.no("[Hold] Onsite: Sam Patel – Staff Engineer", interviews_cal, pattern="hiring_side",
         org_attends=False, people=[ben, li], minutes=240)
    c.no("Hiring Manager Interview: Sam Patel – Staff Engineer", interviews_cal,
         pattern="hiring_side", org_attends=False, people=[sam], conf="meet",
         body=greenhouse_kit("Sam Patel", "Staff Engineer"))
    c.no("Debrief: Jordan Lee (Senior Backend Developer)", devon, pattern="debrief",
         people=[ben, li], conf="meet", minutes=30)
    c.no("Hiring committee – Staff Engineer pipeline", devon, pattern="hiring_committee",
         people=[ben, li, omar], conf="meet")
    c.no("Phone screen: Alex Nguyen / Engineering Manager", priya, pattern="hiring_side",
         people=[alex], conf="zoom", minutes=30)
    c.no("Interviewer training: Structured interviewing 101", people_team,
         pattern="interviewer_training", people=[ben, li], conf="meet", minutes=60)
    c.no("Reference check: Sam Patel", priya, pattern="reference", people=[r1],
         conf="zoom", minutes=30,
         body=["Reference call for Sam Patel (Staff Engineer candidate)."])
    c.no("Karat results review – backend candidates", devon, pattern="hiring_side",
         people=[ben], conf="meet", minutes=30)
    c.no("Exit interview – Chris Wong", people_team, pattern="exit_interview",
         people=[P("Chris Wong", "chris.wong@maplecart.ca")], conf="meet", minutes=30)
    c.no("Maplecart @ Waterloo Engineering Career Fair", devon, pattern="career_fair",
         people=[ben], minutes=300, location="University of Waterloo, E7")
    c.series("Platform stand-up", ben, [li, omar], 5, conf="meet", minutes=15)
    c.series("1:1 Priya / Ben", priya, [ben], 2, conf="meet")
    c.no("Sprint planning", ben, pattern="ordinary", people=[li, omar], conf="meet",
         minutes=60)
    c.no("All hands", P("Maplecart Exec", "exec@maplecart.ca"), pattern="ordinary",
         org_attends=False, conf="meet", minutes=60)
    c.no("Lunch & Learn: Rust at Maplecart", li, pattern="ordinary", people=[ben, omar])
    c.mine("Focus time", kind="focusTime", pattern="focus_time", minutes=120)
    c.all_day("Out of office", kind="outOfOffice", days=2, pattern="out_of_office")
    c.everyday([("Dentist", 45), ("Raptors game", 180), ("Kids' swim lessons", 60)])
    c.mine("Prep – Wealthsimple onsite")
    return c


def london() -> Calendar:
    tom = P("Tom Hughes", "tom.hughes@outlook.com")
    hotmail = "tom.hughes@hotmail.co.uk"
    plus = "tom.hughes+jobs@outlook.com"
    c = Calendar("london", tom, "Europe/London", also=(hotmail,), seed=83)
    rachel_h = person("Rachel Green", "hays.co.uk")
    james = person("James Ward", "michaelpage.co.uk")
    olivia = person("Olivia Bennett", "roberthalf.co.uk")
    chloe = person("Chloe Evans", "randstad.co.uk")
    ryan = person("Ryan Cooper", "harnham.com")
    emma = person("Emma Taylor", "reed.co.uk")
    m1, m2, m3, isla = (person(n, "monzo.com") for n in (
        "Hannah Wright", "Oliver Scott", "Grace Hall", "Isla Brown"))
    sde = "Senior Data Engineer"
    c.iv(f"Interview with Monzo (via Hays) – {sde}", rachel_h, pattern="agency",
         company="Monzo", role=sde, people=[m1], ivs=[m1], conf="meet",
         body=agency_note(rachel_h, "Hays Technology", "en", client="Monzo"))
    c.iv(f"Monzo – 2nd stage interview – {sde} (via Hays)", rachel_h, pattern="agency",
         company="Monzo", role=sde, people=[m2, m3], ivs=[m2, m3], conf="meet",
         body=agency_note(rachel_h, "Hays Technology", "en"))
    c.iv(f"[Rescheduled] Monzo final interview – {sde}", rachel_h, pattern="agency",
         company="Monzo", role=sde, stage="final", people=[m1, m3], ivs=[m1, m3],
         conf="meet", body=agency_note(rachel_h, "Hays Technology", "en", client="Monzo"))
    c.iv("Monzo | Data Engineer | Recruiter call", isla, pattern="plain_meet",
         company="Monzo", role="Data Engineer", stage="screen", ivs=[isla],
         owner_as=[plus], conf="meet", minutes=30)
    lbg = "lloydsbanking.com"
    l1, l2, l3 = (person(n, lbg) for n in ("David Clarke", "Sarah Khan", "Mark Lewis"))
    dpl = "Data Platform Lead"
    c.iv(f"Michael Page: 1st stage interview – Lloyds Banking Group – {dpl}", james,
         pattern="agency", company="Lloyds Banking Group", role=dpl, people=[l1], ivs=[l1],
         conf="teams", from_google=False,
         body=agency_note(james, "Michael Page", "en", client="Lloyds Banking Group"))
    c.iv(f"Lloyds Banking Group | {dpl} | Panel interview", james, pattern="agency",
         company="Lloyds Banking Group", role=dpl, stage="panel", people=[l1, l2, l3],
         ivs=[l1, l2, l3], conf="teams", from_google=False,
         body=agency_note(james, "Michael Page", "en"))
    b1 = person("Priyesh Shah", "bupa.com")
    c.iv("Robert Half – Interview at Bupa – Contract Analytics Engineer", olivia,
         pattern="agency", company="Bupa", role="Contract Analytics Engineer", people=[b1],
         ivs=[b1], conf="teams", from_google=False,
         body=agency_note(olivia, "Robert Half", "en", client="Bupa"))
    c.no("Robert Half – Interview at Bupa – Contract Data Engineer", olivia,
         pattern="cancelled", people=[b1], cancelled=True, conf="teams", from_google=False)
    c.iv("Quick chat about the Data Engineer role – Tom / Priyesh (Bupa)", b1,
         pattern="plain_teams", company="Bupa", role="Data Engineer", ivs=[b1],
         conf="teams", from_google=False, minutes=30)
    a1 = person("Laura Hughes", "aviva.com")
    c.iv("Interview: Aviva – BI Developer – arranged by Randstad", chloe, pattern="agency",
         company="Aviva", role="BI Developer", people=[a1], ivs=[a1], conf="teams",
         from_google=False, body=agency_note(chloe, "Randstad", "en"))
    c.no("Michael Page: Interview – Aviva – Data Architect", james, pattern="declined",
         people=[a1], response="declined", conf="teams", from_google=False)
    lde = "Lead Data Engineer"
    c.iv(f"Harnham | Introductory call re: {lde} role at Deliveroo", ryan,
         pattern="agency_call", company="Deliveroo", role=lde, stage="screen", ivs=[ryan],
         minutes=30, html=False,
         body=["Hi Tom,", "Looking forward to talking you through the role and the process.",
               "Ryan Cooper | Principal Consultant | Harnham"])
    d1, d2, sam_r = (person(n, "deliveroo.co.uk") for n in ("Ben Foster", "Amira Said",
                                                            "Sam Reid"))
    c.iv(f"Final Round – Deliveroo – {lde} (Harnham)", ryan, pattern="agency",
         company="Deliveroo", role=lde, stage="final", people=[d1, d2], ivs=[d1, d2],
         conf="meet", body=agency_note(ryan, "Harnham", "en", client="Deliveroo"))
    c.iv("Deliveroo Interview – Analytics Engineer", sam_r, pattern="greenhouse_ics",
         company="Deliveroo", role="Analytics Engineer", org_attends=False, ivs=[sam_r],
         html=False,
         body=["Hi Tom,", "Here is your interview schedule:",
               "10:00 - 10:45  Ben Foster, Engineering Manager",
               "10:45 - 11:30  Amira Said, Senior Analytics Engineer",
               "Please bring a photo ID to reception."])
    s1 = person("Zoe Martin", "asos.com")
    c.iv("Telephone interview – ASOS – Data Analyst (via Reed)", emma, pattern="agency",
         company="ASOS", role="Data Analyst", stage="screen", people=[s1], ivs=[s1],
         minutes=30, from_google=False, location="Phone",
         body=agency_note(emma, "Reed", "en", client="ASOS"))
    w1 = person("Anna Kowalski", "wise.com")
    c.iv("Recruiter Screen between Wise Talent Team and Tom Hughes", w1, pattern="calcom",
         company="Wise", role="Senior Analytics Engineer", stage="screen", ivs=[w1],
         minutes=30, body=calcom_body("Recruiter Screen", w1, tom,
                                      notes="Role: Senior Analytics Engineer"))
    kasia = person("Kasia Nowak", "wise.com")
    c.iv("Tom Hughes / Wise – Hiring Manager Interview", kasia, pattern="plain_zoom",
         company="Wise", role="Senior Analytics Engineer", ivs=[kasia], conf="zoom",
         body=["Role: Senior Analytics Engineer"])
    c.iv("JR-20871 Data Engineer - Telephone Interview", P("Ocado Group",
         "ocado@myworkday.com"), pattern="workday_self_schedule",
         company="Ocado Technology", role="Data Engineer", stage="screen",
         org_attends=False, minutes=30, from_google=False,
         body=workday_body("Ocado Technology", "Data Engineer", "telephone interview", "en"))
    bt1 = person("Neil Robinson", "bt.com")
    c.iv(f"Interview – {sde} (Req 58213) – BT Group", P("BT Group Resourcing",
         "resourcing.team@bt.com"), pattern="successfactors", company="BT Group", role=sde,
         org_attends=False, people=[bt1], ivs=[bt1], conf="teams", from_google=False)
    jess = person("Jess Moore", "sky.uk")
    c.iv("Sky Careers – Interview: Data Engineer", P("Sky Careers", "SkyCareers@sky.uk"),
         pattern="ms_bookings", company="Sky", role="Data Engineer", org_attends=False,
         people=[jess], ivs=[jess], conf="teams", from_google=False)
    ar1, ar2 = person("Tom Baker", "arm.com"), person("Lucy Gray", "arm.com")
    c.iv("Interview: Tom Hughes for Principal Data Engineer", ar2, pattern="greenhouse_kit",
         company="Arm", role="Principal Data Engineer",
         people=[ar1, P(None, "arm@greenhouse.io")], ivs=[ar1], conf="meet",
         body=greenhouse_kit("Tom Hughes", "Principal Data Engineer", coordinator=ar2))
    h1 = person("Raj Patel", "hsbc.com")
    c.iv("HSBC | Competency-based interview | Data Engineer", h1, pattern="plain_teams",
         company="HSBC", role="Data Engineer", ivs=[h1], owner_as=[hotmail], conf="teams",
         from_google=False)

    # look-alikes and everyday life
    c.no("Interview prep call with Rachel (Hays)", rachel_h, pattern="coaching",
         minutes=30)
    c.no("Michael Page – CV review & interview coaching", james, pattern="coaching",
         conf="teams", from_google=False)
    c.no("Hays Technology Careers Webinar", P("Hays Events", "events@hays.co.uk"),
         pattern="webinar", org_attends=False, conf="teams", from_google=False)
    c.no("Tech Talent Expo – ExCeL London", P("Tech Talent Expo",
         "hello@techtalentexpo.co.uk"), pattern="career_fair", org_attends=False,
         minutes=360)
    c.no("Podcast interview – The Data Engineering Show", person("Mike Adams",
         "dataengshow.com"), pattern="podcast", conf="zoom")
    c.no("Housing association interview – Peabody", P("Peabody Lettings",
         "lettings@peabody.org.uk"), pattern="housing", from_google=False)
    c.no("Reference call for Dan Smith", person("Kate Morris", "revolut.com"),
         pattern="reference", conf="meet", minutes=20,
         body=["Thanks for agreeing to be a referee for Dan Smith."])
    c.no("Coffee with Sam (Monzo) – catch up", person("Sam Ellis", "monzo.com"),
         pattern="coffee_chat_company")
    c.no("Informational interview – Data team at Wise", person("Piotr Zielinski",
         "wise.com"), pattern="informational", conf="meet")
    c.no("User research interview – Monzo app", P("Monzo Research", "research@monzo.com"),
         pattern="user_research", conf="meet",
         body=["Thanks for signing up to help us improve Monzo. You'll get a £40 voucher."])
    c.mine("Prep: Monzo interview")
    c.mine("Monzo!!!")
    c.all_day("Holiday – Lisbon", kind="outOfOffice", days=5, pattern="out_of_office")
    c.all_day("Mum's birthday", pattern="birthday")
    c.all_day(f"Deliveroo assessment day – {lde}", org=sam_r, people=[d1])
    c.everyday([("Dentist", 30), ("5-a-side", 60), ("Gym", 60), ("Council tax call", 30),
                ("Boiler service", 120)])
    return c


def new_york() -> Calendar:
    maya = P("Maya Chen", "maya.chen@nyu.edu")
    gmail = "mayachen.dev@gmail.com"
    c = Calendar("new_york", maya, "America/New_York", also=(gmail,), seed=97)
    wass = P("Wasserman Center", "wasserman@nyu.edu")
    gs_campus = P("Goldman Sachs Campus Recruiting", "gs-campus-recruiting@gs.com")
    mike = person("Michael Rosen", "gs.com")
    c.iv("Goldman Sachs | Engineering Analyst | First Round (HireVue)",
         P(None, "noreply@hirevue.com"), pattern="hirevue", company="Goldman Sachs",
         role="Engineering Analyst", org_attends=False, people=[mike], ivs=[mike],
         body=hirevue_body("Goldman Sachs", "Engineering Analyst"))
    c.iv("Goldman Sachs Superday – Engineering Analyst", gs_campus, pattern="hidden_guests",
         company="Goldman Sachs", role="Engineering Analyst", stage="final",
         org_attends=False, hidden=True, people=[mike, person("Ana Lopez", "gs.com")],
         minutes=180, location="200 West Street, New York")
    c.iv("Software Engineer Program – Final Round Interview | JPMorgan Chase",
         P("JPMorgan Chase Campus Recruiting", "campus.recruiting@jpmchase.com"),
         pattern="hidden_guests", company="JPMorgan Chase", role="Software Engineer Program",
         stage="final", org_attends=False, hidden=True,
         people=[person("Tom Reilly", "jpmchase.com")], conf="zoom", minutes=90)
    dd = "datadoghq.com"
    kelly = person("Kelly Nguyen", dd)
    sng = "Software Engineer - New Grad"
    c.iv("Maya Chen <> Datadog – Recruiter Phone Screen", kelly, pattern="greenhouse",
         company="Datadog", role=sng, stage="screen", ivs=[kelly], owner_as=[gmail],
         conf="zoom", minutes=30, body=[f"Excited to chat about the {sng} role!"])
    c.iv(f"Datadog Virtual Onsite – {sng}",
         candidate_calendar("Datadog", "7b9d1f3a5c7e9b2d4f6a8c0e2b4d6f8a"),
         pattern="goodtime_hidden", company="Datadog", role=sng, stage="final",
         org_attends=False, hidden=True, people=[person("Victor Hugo", dd)],
         owner_as=[gmail], conf="zoom", minutes=180,
         body=goodtime_itinerary("Maya", "Datadog", sng, [
             ("1:00 PM", "Victor Hugo", "Coding"), ("2:00 PM", "Rina Das", "System Design"),
             ("3:00 PM", "Leo Park", "Behavioral")], coderpad=True))
    c.no("Datadog – Team Matching Chat", kelly, pattern="declined", owner_as=[gmail],
         response="declined", conf="zoom")
    mdb = "mongodb.com"
    erin, g1, g2 = (person(n, mdb) for n in ("Erin Walsh", "Arjun Rao", "Beth Cohen"))
    sen = "Software Engineer, New Grad"
    c.iv(f"Interview: Maya Chen for {sen}", erin, pattern="greenhouse_kit",
         company="MongoDB", role=sen, people=[g1, g2, P(None, "mongodb@greenhouse.io")],
         ivs=[g1, g2], conf="zoom",
         body=greenhouse_kit("Maya Chen", sen, coordinator=erin, interviewers=[g1, g2]))
    jamal = person("Jamal Carter", "etsy.com")
    c.iv("Etsy | Software Engineer I | Technical Phone Screen (CoderPad)", jamal,
         pattern="coderpad", company="Etsy", role="Software Engineer I", stage="screen",
         ivs=[jamal], conf="zoom", body=codepair_body("CoderPad", "https://app.coderpad.io/"
                                                      "ETSY4419"))
    bb1, bb2 = person("Rohan Mehta", "bloomberg.net"), person("Sofia Alvarez",
                                                              "bloomberg.net")
    c.iv("Bloomberg Technical Interview: Software Engineer, 2026 Start", bb1,
         pattern="plain", company="Bloomberg", role="Software Engineer, 2026 Start",
         people=[bb2], ivs=[bb1, bb2], location="731 Lexington Ave, New York",
         from_google=False)
    dk = person("Daniel Kim", "twosigma.com")
    c.iv("Two Sigma | Quantitative Software Engineer | HackerRank CodePair Interview",
         P(None, "no-reply@hackerrank.com"), pattern="hackerrank", company="Two Sigma",
         role="Quantitative Software Engineer", org_attends=False, people=[dk], ivs=[dk],
         body=codepair_body("HackerRank CodePair",
                            "https://www.hackerrank.com/paper/two-sigma-9f3k2"))
    jess = person("Jess Park", "ramp.com")
    c.iv("Maya Chen and Jess Park", jess, pattern="calendly", company="Ramp",
         role="New Grad SWE", stage="screen", ivs=[jess], conf="meet", minutes=30,
         owner_as=[gmail], body=calendly_body("Ramp – New Grad SWE – Recruiter Call"))
    ie = person("Priya Desai", "karat.com")
    c.iv(f"Karat Interview – Ramp – {sen}", P("Karat", "no-reply@karat.com"),
         pattern="karat", company="Ramp", role=sen, org_attends=False, people=[ie],
         ivs=[ie], owner_as=[gmail], minutes=60, body=karat_body("Ramp", ie, sen))
    sp1, sp2 = person("Elin Berg", "spotify.com"), person("Marcus Johansson", "spotify.com")
    c.iv("Spotify – Backend Engineer, New Grad – Final Interview", sp1, pattern="plain_meet",
         company="Spotify", role="Backend Engineer, New Grad", stage="final",
         people=[sp2], ivs=[sp1, sp2], conf="meet", minutes=60)
    nina = person("Nina Patel", "squarespace.com")
    c.iv(f"Squarespace: {sen} – Hiring Manager Interview", P("Squarespace Recruiting",
         "recruiting@squarespace.com"), pattern="lever", company="Squarespace", role=sen,
         people=[nina], ivs=[nina], conf="zoom")
    chris = person("Chris Liu", "janestreet.com")
    c.iv("Jane Street Phone Interview – Software Engineer", chris, pattern="plain",
         company="Jane Street", role="Software Engineer", stage="screen", ivs=[chris],
         owner_as=[gmail], location="Phone: +1 212 555 0147")
    plaid = person("Marisa Gomez", "plaid.com")
    c.iv("Recruiter call – Plaid", plaid, pattern="google_appointment", company="Plaid",
         role=sen, stage="screen", ivs=[plaid], conf="meet", minutes=30,
         body=["Booked by", "Maya Chen", maya.email, "", f"Role: {sen}"])
    hex_ = person("Barry Mccardel", "hex.tech")
    c.iv("Technical interview with Maya Chen", hex_, pattern="zoom_scheduler",
         company="Hex", role=sen, ivs=[hex_], conf="zoom",
         body=["Booked with Zoom Scheduler", f"Role: {sen}"])
    c.no(f"Interview: Maya Chen for {sen} (Robinhood)", person("Tara Singh",
         "robinhood.com"), pattern="cancelled", cancelled=True, conf="zoom")

    # look-alikes and everyday life
    c.no("Goldman Sachs Engineering Info Session (Virtual)", gs_campus,
         pattern="info_session", hidden=True, conf="zoom", minutes=60)
    c.no("Goldman Sachs Info Session – Asset Management", gs_campus, pattern="declined",
         hidden=True, response="declined", conf="zoom")
    c.no("NYU Tandon Engineering Career Fair", wass, pattern="career_fair",
         org_attends=False, minutes=300, location="Jacobs Hall, Brooklyn")
    c.no("JPMorgan Chase Code for Good Hackathon",
         P("JPMorgan Chase Campus Recruiting", "campus.recruiting@jpmchase.com"),
         pattern="recruiting_event", hidden=True, minutes=480)
    c.no("Wasserman Center: Mock Interview (Technical)", person("Kevin Ortiz", "nyu.edu"),
         pattern="mock", conf="zoom")
    c.no("Interview Prep Workshop: Behavioral Questions", wass, pattern="coaching",
         org_attends=False, minutes=60)
    c.no("Office Hours – Resume Review", wass, pattern="office_hours", org_attends=False)
    c.no("Datadog Women in Engineering Recruiting Event", P("Datadog University Recruiting",
         "university@datadoghq.com"), pattern="recruiting_event", hidden=True,
         owner_as=[gmail], minutes=120, location="620 8th Ave, New York")
    c.no("Bloomberg Tech Talk & Networking Night", P("Bloomberg University Recruiting",
         "campus@bloomberg.net"), pattern="recruiting_event", hidden=True, minutes=120)
    c.no("Coffee chat with Sam (Etsy alum)", person("Sam Rivera", "etsy.com"),
         pattern="coffee_chat_company")
    c.no("Informational interview – Jamie Lee @ Spotify", person("Jamie Lee", "spotify.com"),
         pattern="informational", conf="meet")
    c.no("Podcast interview: NYU Women in Computing", person("Ava Brooks", "nyu.edu"),
         pattern="podcast")
    c.no("User interview – Notion research study ($50 gift card)", P("Notion Research",
         "research@makenotion.com"), pattern="user_research", conf="zoom")
    c.no("Co-op board interview – 245 E 10th St", person("Linda Katz", "gmail.com"),
         pattern="housing", location="245 E 10th St, New York")
    c.no("Webinar: Cracking the Coding Interview", P("CodePath Events",
         "events@codepath.org"), pattern="webinar", org_attends=False, conf="zoom")
    c.no("Career coaching session", person("Dr. Nia Brooks", "nyu.edu"), pattern="coaching")
    c.no("Pramp mock interview", P("Pramp", "no-reply@pramp.com"), pattern="mock",
         people=[P("Peer", "peer.4471@pramp.com")], org_attends=False)
    c.series("CS-GY 6033 Design & Analysis of Algorithms", person("Prof. Lisa Hellerstein",
             "nyu.edu", local="lisa.hellerstein"), [], 4, minutes=150)
    c.series("TA office hours – CS-UY 2413", maya, [], 3, minutes=90)
    c.mine("Leetcode grind before Datadog onsite", minutes=120)
    c.mine("Superday!!!")
    c.all_day("Spring break", kind="outOfOffice", days=5, pattern="out_of_office")
    c.all_day("Mom's birthday", pattern="birthday")
    c.everyday([("Dentist", 45), ("Gym", 60), ("Study group – OS", 120)])
    return c
