#!/usr/bin/env python3
"""Generate a realistic, deterministic HRIS export (CSV) for benchmarks and manual testing.

usage: gen_hris.py [--people N] [--seed S] [--out PATH] [--dialect en|nl] [--dept-size T] [--stats]

The same arguments always produce the same bytes (Python 3.11 stdlib only, one seeded RNG).

What the file looks like
- One CEO (the only row without a manager); every other manager id names a row of the file.
- Spans of control drawn from a plausible distribution: mostly 3-12 direct reports, a few
  pass-through managers with exactly 1, a few wide teams of 20-45 (production, contact centre).
  Managers of managers also have a few individual contributors (assistants, advisors).
  Subtree sizes are skewed (log-normal shares), so some branches run deeper than others:
  about 8-12 layers at 100,000 people.
- Departments follow the tree: the CEO's office, one division per CEO direct report, and a new
  department for every manager whose subtree reaches --dept-size people (default 200); everyone
  else belongs to the department of the nearest such ancestor. A few hundred departments at
  100,000 people. Names are unique ignoring case.
- Flemish first and last names with accents (é, ë, ç, ï), job titles that fit the level and the
  division, Belgian locations (mostly the department's own), FTE mostly 1 with 0.8/0.5/0.6/0.9,
  hire dates from 1988 on (a few blank, as in real exports).
- Rows are shuffled: managers do not come before their reports.

Dialects
- en: comma-delimited UTF-8, headers `Employee ID,First Name,Last Name,Job Title,Department,
  Manager ID,Location,FTE,Hire Date`, FTE `0.8`, ISO dates `2016-03-14`.
- nl: semicolon-delimited Windows-1252, headers `Personeelsnummer;Voornaam;Achternaam;Functie;
  Afdeling;Leidinggevende;Locatie;FTE;In dienst sinds`, FTE `0,8`, dates `14/03/2016`.

--stats prints the generated structure's figures (people, teams, layers, span of control) as JSON
on stdout, computed from the generator's own tree: an independent check for `kader analyze`.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import math
import random
import statistics
import sys
import time
from pathlib import Path

HEADERS = {
    "en": ["Employee ID", "First Name", "Last Name", "Job Title", "Department", "Manager ID",
           "Location", "FTE", "Hire Date"],
    "nl": ["Personeelsnummer", "Voornaam", "Achternaam", "Functie", "Afdeling", "Leidinggevende",
           "Locatie", "FTE", "In dienst sinds"],
}

FIRST_NAMES = (
    "An Ann Anneleen Annelies Anouk Arne Astrid Bart Bert Bram Dries Eline Elke Els Emma Evelien "
    "Febe Fien Frederik Geert Gert Gilles Griet Hanne Hannelore Hilde Ine Inge Jan Jana Jasper Jef "
    "Jens Joke Joost Joris Julie Karel Katrien Kobe Koen Kristof Lander Lars Laura Lien Lieve Lore "
    "Lotte Louise Lucas Maarten Marie Marthe Mathias Nele Nina Pieter Robbe Ruben Sander Sara Seppe "
    "Senne Sofie Stijn Thomas Tine Tom Tuur Veerle Warre Wout Wouter Xander Yente Zeno "
    "Noémie Joëlle Zoë Anaïs Chloé Renée Héloïse Inès Mathéo Raphaël Michaël Joël Gaëlle Noël "
    "François Françoise Céline Hélène Stéphanie Frédéric Amélie Aurélie Benoît Cédric Jérôme "
    "Loïc Maëlle Léa Clément Hervé Thaïs Valérie Gaël Eloïse Aïsha"
).split()

LAST_NAMES = [name.replace("_", " ") for name in (
    "Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters De_Smet Dubois Lambert "
    "Dupont Martens Vermeulen Van_den_Broeck Desmet De_Clercq Hermans Aerts Pauwels Verstraete "
    "Michiels De_Backer Vandenberghe Claeys Van_Damme Smets De_Vos Vermeersch Bogaert Cools Coppens "
    "Verhoeven Lemaire Renard Dewulf Bosmans Van_de_Velde Geerts Leroy Segers Hendrickx Gevaert "
    "Vanhoutte D'Hondt Ceulemans Verbeke Wuyts Thijs Moens Denys Geldhof Van_Hoeymissen Baert "
    "Declercq Cornelis Van_Acker De_Meyer Dierickx Lenaerts Stevens Verlinden Vanderstraeten "
    "Lefèvre François Lefrançois Mathé Dejaegher Noël Gérard Ménard Hébert Béatse Duchêne "
    "Van_Loocke De_Coninck Maréchal Desloover Vanbrabant Gijsbrechts Lejeune Rousseau Piët "
    "Provençal Gonçalves Ruïz Callebaut Vandamme Heylen Van_Hecke Verhaeghe Goethals Roels"
).split()]

# Locations (en name, nl name, weight). The weights make Brussels and Antwerp the big sites.
LOCATIONS = [
    ("Brussels", "Brussel", 18), ("Antwerp", "Antwerpen", 15), ("Ghent", "Gent", 12),
    ("Leuven", "Leuven", 7), ("Mechelen", "Mechelen", 6), ("Bruges", "Brugge", 5),
    ("Hasselt", "Hasselt", 5), ("Liège", "Luik", 5), ("Kortrijk", "Kortrijk", 4),
    ("Genk", "Genk", 4), ("Aalst", "Aalst", 3), ("Namur", "Namen", 3), ("Roeselare", "Roeselare", 3),
    ("Sint-Niklaas", "Sint-Niklaas", 3), ("Turnhout", "Turnhout", 2), ("Ostend", "Oostende", 2),
    ("Charleroi", "Charleroi", 2), ("Zaventem", "Zaventem", 2), ("Geel", "Geel", 1),
    ("Remote", "Thuiswerk", 2),
]

# Divisions in order of typical size: (en, nl, units en, units nl, IC titles en, IC titles nl).
DIVISIONS = [
    ("Operations", "Operaties",
     "Planning|Maintenance|Warehouse|Plant|Shift A|Shift B|Shift C|Safety|Process Engineering|Packaging",
     "Planning|Onderhoud|Magazijn|Fabriek|Ploeg A|Ploeg B|Ploeg C|Veiligheid|Procestechniek|Verpakking",
     "Operator|Production Operator|Maintenance Technician|Shift Worker|Process Engineer|Planner|Forklift Driver",
     "Operator|Productiemedewerker|Onderhoudstechnicus|Ploegarbeider|Procesingenieur|Planner|Heftruckchauffeur"),
    ("Production", "Productie",
     "Assembly|Machining|Quality Control|Line 1|Line 2|Line 3|Tooling|Logistics In|Paint Shop",
     "Assemblage|Verspaning|Kwaliteitscontrole|Lijn 1|Lijn 2|Lijn 3|Gereedschap|Inkomende logistiek|Schilderwerkplaats",
     "Assembler|Machine Operator|Quality Inspector|Technician|Welder|Production Worker",
     "Assemblagemedewerker|Machineoperator|Kwaliteitscontroleur|Technicus|Lasser|Productiemedewerker"),
    ("Sales", "Verkoop",
     "Key Accounts|Inside Sales|Field Sales|Retail|Export|Sales Support|Tenders",
     "Key accounts|Binnendienst|Buitendienst|Retail|Export|Verkoopondersteuning|Aanbestedingen",
     "Account Manager|Sales Representative|Inside Sales Agent|Sales Assistant|Store Employee",
     "Accountmanager|Vertegenwoordiger|Binnendienstmedewerker|Verkoopassistent|Winkelmedewerker"),
    ("Customer Service", "Klantendienst",
     "Contact Centre|Complaints|Back Office|After Sales|Billing Support|Chat",
     "Contactcenter|Klachten|Backoffice|Dienst na verkoop|Facturatiesupport|Chat",
     "Customer Service Agent|Contact Centre Agent|Back Office Clerk|Customer Advisor",
     "Klantendienstmedewerker|Contactcentermedewerker|Backofficemedewerker|Klantadviseur"),
    ("Logistics", "Logistiek",
     "Distribution|Transport|Inbound|Outbound|Customs|Fleet",
     "Distributie|Transport|Ontvangst|Verzending|Douane|Wagenpark",
     "Warehouse Operator|Truck Driver|Order Picker|Dispatcher|Customs Clerk",
     "Magazijnier|Vrachtwagenchauffeur|Orderpicker|Dispatcher|Douanedeclarant"),
    ("IT", "ICT",
     "Infrastructure|Applications|Service Desk|Security|Data|Architecture|Development",
     "Infrastructuur|Applicaties|Servicedesk|Beveiliging|Data|Architectuur|Ontwikkeling",
     "Software Engineer|System Administrator|Service Desk Agent|Data Analyst|Security Analyst|Business Analyst",
     "Softwareontwikkelaar|Systeembeheerder|Servicedeskmedewerker|Data-analist|Securityanalist|Businessanalist"),
    ("R&D", "Onderzoek & Ontwikkeling",
     "Product Development|Laboratory|Innovation|Testing|Design",
     "Productontwikkeling|Labo|Innovatie|Testen|Ontwerp",
     "Research Engineer|Lab Technician|Product Designer|Test Engineer|Scientist",
     "Onderzoeksingenieur|Labotechnicus|Productontwerper|Testingenieur|Wetenschapper"),
    ("Finance", "Financiën",
     "Accounting|Controlling|Treasury|Tax|Payroll|Accounts Payable|Accounts Receivable",
     "Boekhouding|Controlling|Thesaurie|Fiscaliteit|Loonadministratie|Crediteuren|Debiteuren",
     "Accountant|Controller|Payroll Administrator|Accounts Payable Clerk|Financial Analyst",
     "Boekhouder|Controller|Loonadministrateur|Medewerker crediteuren|Financieel analist"),
    ("HR", "HR",
     "Recruitment|Learning & Development|Payroll & Benefits|HR Business Partners|Well-being",
     "Rekrutering|Opleiding & Ontwikkeling|Verloning|HR-businesspartners|Welzijn",
     "Recruiter|HR Advisor|Learning Specialist|HR Administrator|Prevention Advisor",
     "Rekruteerder|HR-adviseur|Opleidingsverantwoordelijke|HR-administratief medewerker|Preventieadviseur"),
    ("Marketing", "Marketing",
     "Brand|Digital|Communication|Events|Market Research",
     "Merk|Digitaal|Communicatie|Evenementen|Marktonderzoek",
     "Marketing Specialist|Content Creator|Communication Officer|Event Coordinator|Graphic Designer",
     "Marketeer|Contentmaker|Communicatiemedewerker|Eventcoördinator|Grafisch vormgever"),
    ("Procurement", "Aankoop",
     "Strategic Sourcing|Purchasing|Supplier Quality|Contracts",
     "Strategische aankoop|Inkoop|Leverancierskwaliteit|Contracten",
     "Buyer|Purchasing Assistant|Category Manager|Contract Officer",
     "Aankoper|Aankoopassistent|Categoriemanager|Contractbeheerder"),
    ("Legal", "Juridische Dienst",
     "Corporate Law|Compliance|Privacy|Litigation",
     "Vennootschapsrecht|Compliance|Privacy|Geschillen",
     "Legal Counsel|Compliance Officer|Paralegal|Data Protection Officer",
     "Juridisch adviseur|Compliance officer|Juridisch medewerker|Functionaris gegevensbescherming"),
    ("Quality", "Kwaliteit",
     "Quality Assurance|Certification|Audit|Lab",
     "Kwaliteitsborging|Certificering|Audit|Labo",
     "Quality Engineer|Auditor|Quality Technician|QA Specialist",
     "Kwaliteitsingenieur|Auditor|Kwaliteitstechnicus|QA-specialist"),
    ("Facilities", "Facilitair Beheer",
     "Buildings|Catering|Cleaning|Security Services",
     "Gebouwen|Catering|Schoonmaak|Bewaking",
     "Facility Coordinator|Technician|Receptionist|Cleaner|Security Guard",
     "Facilitair coördinator|Technicus|Onthaalmedewerker|Schoonmaker|Bewakingsagent"),
    ("Strategy", "Strategie",
     "Corporate Development|Transformation|Project Office",
     "Bedrijfsontwikkeling|Transformatie|Projectbureau",
     "Strategy Consultant|Project Manager|Business Analyst",
     "Strategisch adviseur|Projectleider|Businessanalist"),
]

LABELS = {
    "en": {"exec": "Executive Office", "ceo": "Chief Executive Officer", "division_head": "Director {}",
           "dept_head": "Head of {}", "manager": "Manager {}", "team_lead": "Team Lead {}",
           "assistant": "Executive Assistant", "advisor": "Advisor {}", "senior": "Senior {}",
           "junior": "Junior {}", "exec_ic": "Chief of Staff|Executive Assistant|Internal Auditor|Communications Advisor"},
    "nl": {"exec": "Directie", "ceo": "Gedelegeerd bestuurder", "division_head": "Directeur {}",
           "dept_head": "Diensthoofd {}", "manager": "Manager {}", "team_lead": "Teamleider {}",
           "assistant": "Directieassistent", "advisor": "Adviseur {}", "senior": "Senior {}",
           "junior": "Junior {}", "exec_ic": "Stafmedewerker|Directieassistent|Interne auditor|Communicatieadviseur"},
}


# The shape of the tree (tuned so that 100k people give 11-12 layers and a mean span near 7).
_SPANS = list(range(3, 13))
_SPAN_CUM = list(itertools.accumulate([6, 9, 11, 12, 12, 11, 9, 7, 5, 4]))  # peaks at 6-7
FRONTLINE_MAX = 12  # a manager with at most this many people below leads a front-line team
SIGMA = 0.5  # spread of the log-normal shares in which a manager's people split over sub-managers
SMALL_SPAN_MAX_REST = 60  # spans of 1 or 2 only for managers with at most this many people below


def draw_span(rng: random.Random) -> int:
    """Direct reports of one manager: mostly 3-12, a few 1 and 2, a few wide teams of 20+."""
    r = rng.random()
    if r < 0.035:
        return 1  # pass-through manager
    if r < 0.075:
        return 2
    if r < 0.105:
        return rng.randint(20, 45)  # a production line or contact centre team
    if r < 0.16:
        return rng.randint(13, 19)
    return rng.choices(_SPANS, cum_weights=_SPAN_CUM)[0]


def build_tree(n: int, rng: random.Random) -> tuple[list[int], list[int], list[int]]:
    """Top-down: node 0 is the CEO, each node gets a budget (its subtree size) and splits the rest
    of it over its direct reports. Returns parent (-1 for the CEO), budget and number of reports."""
    parent = [-1] * n
    budget = [0] * n
    reports = [0] * n
    budget[0] = n
    nxt = 1
    stack = [0]
    lognorm = rng.lognormvariate
    while stack:
        v = stack.pop()
        rest = budget[v] - 1
        if rest == 0:
            continue
        k = rng.randint(7, 11) if v == 0 else draw_span(rng)
        while rest > SMALL_SPAN_MAX_REST and k < 3:
            k = draw_span(rng)  # pass-through managers sit near the front line
        if rest <= k or (v and rest <= FRONTLINE_MAX and k > 2):
            kids = [1] * rest  # a front-line team: everyone is an individual contributor
        else:
            # Some direct reports of a manager of managers are individual contributors (assistants,
            # advisors); the others lead subtrees.
            staff = sum(rng.random() < 0.10 for _ in range(k)) if v else rng.randint(1, 2)
            extra = rest - k  # people below the direct reports, shared by the managers among them
            # Each manager's subtree gets a floor drawn from the span distribution (so front-line
            # teams have plausible sizes), the rest is shared in log-normal proportions.
            floors = []
            left = extra
            for _ in range(k - staff):
                f = rng.choices(_SPANS, cum_weights=_SPAN_CUM)[0]
                if f > left:
                    break
                floors.append(f)
                left -= f
            if not floors:
                floors, left = [extra], 0
            w = [lognorm(0.0, SIGMA) for _ in floors]
            total = sum(w)
            share = [f + int(left * x / total) for f, x in zip(floors, w)]
            for i in rng.choices(range(len(share)), k=extra - sum(share)):
                share[i] += 1
            m = len(share)
            kids = [1 + s for s in share] + [1] * (k - m)
        reports[v] = len(kids)
        for b in kids:
            parent[nxt] = v
            budget[nxt] = b
            stack.append(nxt)
            nxt += 1
    assert nxt == n, (nxt, n)
    return parent, budget, reports


def generate(n: int, seed: int, dialect: str, dept_size: int) -> tuple[list[list[str]], dict]:
    rng = random.Random(seed)
    parent, budget, reports = build_tree(n, rng)
    L = LABELS[dialect]
    nl = dialect == "nl"
    loc_names = [l[1] if nl else l[0] for l in LOCATIONS]
    loc_weights = [l[2] for l in LOCATIONS]
    loc_cum = list(itertools.accumulate(loc_weights))

    def pick_location() -> str:
        return rng.choices(loc_names, cum_weights=loc_cum)[0]

    def pick_site() -> str:  # where a department sits: any location but remote work
        while (loc := pick_location()) == loc_names[-1]:
            pass
        return loc

    # Depth (layer, CEO = 1) and departments, in node order: a parent always precedes its reports.
    depth = [1] * n
    division = [0] * n  # index into DIVISIONS
    dept = [0] * n  # index into dept_names
    dept_names = [L["exec"]]
    dept_loc = [loc_names[0]]
    dept_unit = [""]
    taken = {L["exec"].lower()}
    role = [""] * n  # "ceo", "division", "dept", "" (no department of its own)

    ceo_kids = sorted((v for v in range(1, n) if parent[v] == 0 and budget[v] > 1),
                      key=lambda v: -budget[v])
    div_of_ceo_kid = {v: i % len(DIVISIONS) for i, v in enumerate(ceo_kids)}

    def new_dept(name: str, loc: str, unit: str) -> int:
        base, i = name, 2
        while name.lower() in taken:
            name = f"{base} {i}"
            i += 1
        taken.add(name.lower())
        dept_names.append(name)
        dept_loc.append(loc)
        dept_unit.append(unit)
        return len(dept_names) - 1

    role[0] = "ceo"
    unit_cache = {}
    for v in range(1, n):
        p = parent[v]
        depth[v] = depth[p] + 1
        if p == 0 and budget[v] > 1:
            d = div_of_ceo_kid[v]
            division[v] = d
            name = DIVISIONS[d][1 if nl else 0]
            dept[v] = new_dept(name, pick_site(), name)
            role[v] = "division"
        elif p == 0:
            division[v] = -1
            dept[v] = 0
        elif budget[v] >= dept_size and reports[v] > 0:
            division[v] = division[p]
            dv = DIVISIONS[division[v]] if division[v] >= 0 else DIVISIONS[-1]
            key = (division[v], nl)
            if key not in unit_cache:
                unit_cache[key] = dv[3 if nl else 2].split("|")
            unit = rng.choice(unit_cache[key])
            loc = pick_site()
            head = dv[1 if nl else 0]
            dept[v] = new_dept(f"{head} - {unit} {loc}", loc, unit)
            role[v] = "dept"
        else:
            division[v] = division[p]
            dept[v] = dept[p]

    # Titles, names, locations, FTE, hire dates.
    ic_titles = [d[5 if nl else 4].split("|") for d in DIVISIONS]
    exec_ic = L["exec_ic"].split("|")
    ids = rng.sample(range(10_000_000, 10_000_000 + 9 * n), n) if n > 0 else []
    today = dt.date(2025, 6, 30).toordinal()
    earliest = dt.date(1988, 1, 4).toordinal()
    fte_values = ("1", "0.8", "0.5", "0.6", "0.9")
    fte_cum = list(itertools.accumulate([80, 10, 6, 2, 2]))
    rows = []
    for v in range(n):
        d = division[v]
        div_name = DIVISIONS[d][1 if nl else 0] if d >= 0 else L["exec"]
        unit = dept_unit[dept[v]] or div_name
        if role[v] == "ceo":
            title = L["ceo"]
        elif role[v] == "division":
            title = L["division_head"].format(dept_names[dept[v]])
        elif role[v] == "dept":
            title = L["dept_head"].format(unit)
        elif reports[v] > 0:
            frontline = budget[v] == reports[v] + 1
            title = (L["team_lead"] if frontline else L["manager"]).format(unit)
        elif d < 0:
            title = rng.choice(exec_ic)
        else:
            title = rng.choice(ic_titles[d])
            r = rng.random()
            if r < 0.12:
                title = L["senior"].format(title)
            elif r < 0.18:
                title = L["junior"].format(title)
        loc = dept_loc[dept[v]] if v == 0 or rng.random() < 0.88 else pick_location()
        if rng.random() < 0.002:
            loc = ""
        fte = rng.choices(fte_values, cum_weights=fte_cum)[0] if reports[v] == 0 else (
            "1" if rng.random() < 0.95 else "0.8")
        if nl:
            fte = fte.replace(".", ",")
        # Hire dates: most people joined in the last ten years, managers earlier on average.
        years = rng.expovariate(1 / (5.5 + 3.0 * (reports[v] > 0)))
        hire = max(earliest, today - int(years * 365.25) - rng.randint(0, 60))
        if rng.random() < 0.003:
            date = ""
        else:
            day = dt.date.fromordinal(hire)
            date = day.strftime("%d/%m/%Y") if nl else day.isoformat()
        rows.append([
            str(ids[v]), rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), title,
            dept_names[dept[v]], str(ids[parent[v]]) if parent[v] >= 0 else "", loc, fte, date,
        ])
    rng.shuffle(rows)

    spans = sorted(r for r in reports if r > 0)
    stats = {
        "people": n,
        "teams": len(set(dept_names[dept[v]] for v in range(n))),
        "layers": max(depth) if n else 0,
        "span_of_control": {
            "managers": len(spans),
            "mean": round(statistics.mean(spans), 2) if spans else 0,
            "median": statistics.median(spans) if spans else 0,
            "max": max(spans) if spans else 0,
            "pass_through": sum(1 for s in spans if s == 1),
            "wide_20_plus": sum(1 for s in spans if s >= 20),
            "share_3_to_12": round(sum(1 for s in spans if 3 <= s <= 12) / len(spans), 3) if spans else 0,
        },
    }
    return rows, stats


def write_csv(path: Path, rows: list[list[str]], dialect: str) -> None:
    enc, delim = ("cp1252", ";") if dialect == "nl" else ("utf-8", ",")
    with open(path, "w", encoding=enc, newline="") as f:
        w = csv.writer(f, delimiter=delim, lineterminator="\r\n")
        w.writerow(HEADERS[dialect])
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=100_000, help="rows to generate (default 100000)")
    ap.add_argument("--seed", type=int, default=20250630, help="random seed (default 20250630)")
    ap.add_argument("--out", type=Path, default=None, help="output file (default: hris-<N>-<dialect>.csv)")
    ap.add_argument("--dialect", choices=("en", "nl"), default="en")
    ap.add_argument("--dept-size", type=int, default=200,
                    help="a manager whose subtree has this many people heads a department (default 200)")
    ap.add_argument("--stats", action="store_true", help="print the structure's figures as JSON on stdout")
    a = ap.parse_args(argv)
    if a.people < 1:
        ap.error("--people must be at least 1")
    out = a.out or Path(f"hris-{a.people}-{a.dialect}.csv")
    t0 = time.perf_counter()
    rows, stats = generate(a.people, a.seed, a.dialect, a.dept_size)
    write_csv(out, rows, a.dialect)
    secs = time.perf_counter() - t0
    s = stats["span_of_control"]
    print(f"wrote {out}: {a.people} people, {stats['teams']} departments, {stats['layers']} layers, "
          f"{s['managers']} managers (span mean {s['mean']}, median {s['median']}, max {s['max']}) "
          f"in {secs:.1f} s", file=sys.stderr)
    if a.stats:
        print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
