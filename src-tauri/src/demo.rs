//! The demo workspace a first run opens: Leiedal Verpakkingen NV, a fictional Flemish maker of
//! cardboard packaging with its plant in Ghent — about a hundred roles in six departments, teams
//! nested by `part_of`, purposes, accountabilities of all four kinds, a few dotted lines, a few
//! vacancies, and decision domains with current and desired delegation levels.
//!
//! Built with the engine's operations as one `Batch` (one history entry, undoable in one step)
//! from ids minted by a fixed [`SeqIds`], so the demo is the same on every machine.

use kader::date::{Date, Timestamp};
use kader::id::{AccountabilityId, DomainId, PersonId, RoleId, SeqIds, TeamId};
use kader::model::{
    Accountability, AccountabilityKind as Kind, DecisionDomain, Delegation, Fte, Level, NodeRef, Person,
    Relation, Role, Team, Unit,
};
use kader::{Ctx, Op, Workspace};
use std::path::Path;

/// The high 64 bits of every demo id ("KADERDEM").
const ID_PREFIX: u64 = 0x4B41_4445_5244_454D;

/// The file name the demo is created under in the app data directory.
pub const FILE_NAME: &str = "Leiedal Verpakkingen (demo).kader";

/// Creates the demo workspace at `path` (which must not exist yet) and fills it.
pub fn create(path: &Path, at: Timestamp) -> kader::Result<()> {
    let mut ws = Workspace::create(path, at)?;
    ws.apply(op(), &Ctx::new("Kader demo", at))?;
    Ok(())
}

/// The one operation that builds the demo organization.
pub fn op() -> Op {
    let mut d = Demo::new();
    d.build();
    Op::batch("Demo organization: Leiedal Verpakkingen NV", d.ops)
}

/// One accountability as written in the tables below: its kind and text.
type Acc = (Kind, &'static str);

struct Demo {
    ids: SeqIds,
    ops: Vec<Op>,
    /// People created so far; picks the next name and employee number.
    people: usize,
}

impl Demo {
    fn new() -> Demo {
        Demo { ids: SeqIds::new(ID_PREFIX), ops: Vec::new(), people: 0 }
    }

    fn connect(&mut self, relation: Relation) {
        self.ops.push(Op::Connect { relation });
    }

    fn team(&mut self, name: &str, parent: Option<TeamId>, purpose: &str) -> TeamId {
        let id = TeamId::new(&mut self.ids);
        self.ops.push(Op::AddTeam { team: Team { id, name: name.into(), purpose: purpose.into() } });
        if let Some(parent) = parent {
            self.connect(Relation::PartOf { team: id, parent });
        }
        id
    }

    /// Adds a role in `team` under `manager`, filled by a new person unless it is a vacancy.
    fn role(
        &mut self,
        title: &str,
        purpose: &str,
        accs: &[Acc],
        manager: Option<RoleId>,
        team: TeamId,
        filled: Filled,
    ) -> RoleId {
        let id = RoleId::new(&mut self.ids);
        let accountabilities = accs
            .iter()
            .map(|&(kind, text)| Accountability {
                id: AccountabilityId::new(&mut self.ids),
                text: text.into(),
                kind,
                towards: None,
            })
            .collect();
        self.ops.push(Op::AddRole {
            role: Role {
                id,
                external_id: None,
                title: title.into(),
                purpose: purpose.into(),
                accountabilities,
            },
        });
        self.connect(Relation::MemberOf { role: id, team });
        if let Some(manager) = manager {
            self.connect(Relation::ReportsTo { role: id, manager });
        }
        match filled {
            Filled::Person(fte) => {
                let person = self.person();
                self.fill(person, id, fte);
            }
            Filled::Vacancy => {}
        }
        id
    }

    /// A leader's role: leads `team` (and is a member of it), filled full time.
    fn lead(
        &mut self,
        title: &str,
        purpose: &str,
        accs: &[Acc],
        manager: Option<RoleId>,
        team: TeamId,
    ) -> RoleId {
        self.lead_filled(title, purpose, accs, manager, team, Filled::Person(1.0))
    }

    fn lead_filled(
        &mut self,
        title: &str,
        purpose: &str,
        accs: &[Acc],
        manager: Option<RoleId>,
        team: TeamId,
        filled: Filled,
    ) -> RoleId {
        let id = self.role(title, purpose, accs, manager, team, filled);
        self.connect(Relation::Leads { role: id, team });
        id
    }

    /// `count` roles with the same title and duties (operators, accountmanagers…).
    #[allow(clippy::too_many_arguments)]
    fn roles(
        &mut self,
        count: usize,
        title: &str,
        purpose: &str,
        accs: &[Acc],
        manager: RoleId,
        team: TeamId,
        vacant: &[usize],
        part_time: &[usize],
    ) -> Vec<RoleId> {
        (0..count)
            .map(|i| {
                let filled = if vacant.contains(&i) {
                    Filled::Vacancy
                } else if part_time.contains(&i) {
                    Filled::Person(0.8)
                } else {
                    Filled::Person(1.0)
                };
                self.role(title, purpose, accs, Some(manager), team, filled)
            })
            .collect()
    }

    fn person(&mut self) -> PersonId {
        let n = self.people;
        self.people += 1;
        let id = PersonId::new(&mut self.ids);
        // FIRST and LAST have coprime lengths and the step is coprime with LAST, so every
        // (first, last) pair below a few thousand people is distinct.
        let first = FIRST[n % FIRST.len()];
        let last = LAST[(n * 7 + 3) % LAST.len()];
        let location = LOCATIONS[(n * 5 + n / 7) % LOCATIONS.len()];
        let hire_date =
            Date::new(1998 + (n * 11 % 27) as i32, (n * 5 % 12 + 1) as u32, (n * 13 % 28 + 1) as u32);
        self.ops.push(Op::AddPerson {
            person: Person {
                id,
                external_id: Some(format!("{}", 2001 + n)),
                name: format!("{first} {last}"),
                location: Some(location.into()),
                hire_date,
            },
        });
        id
    }

    fn fill(&mut self, person: PersonId, role: RoleId, fte: f64) {
        let fte = Fte::new(fte).unwrap_or(Fte::FULL);
        self.connect(Relation::Fills { person, role, fte });
    }

    /// Directs the accountability `index` of a role added earlier in this batch towards a node.
    /// Appended as an update, because the node may have been added after the role.
    fn direct(&mut self, role: RoleId, index: usize, towards: NodeRef) {
        // The newest version: an earlier `direct` may have updated the role already.
        let added = self.ops.iter().rev().find_map(|op| match op {
            Op::AddRole { role: r } | Op::UpdateRole { role: r } if r.id == role => Some(r.clone()),
            _ => None,
        });
        if let Some(mut r) = added {
            if let Some(a) = r.accountabilities.get_mut(index) {
                a.towards = Some(towards);
                self.ops.push(Op::UpdateRole { role: r });
            }
        }
    }

    fn domain(
        &mut self,
        name: &str,
        owner: TeamId,
        driver: &str,
        guardrails: &[&str],
        review: Option<Date>,
        delegations: &[(Unit, u8, u8)],
    ) -> DomainId {
        let id = DomainId::new(&mut self.ids);
        self.ops.push(Op::AddDomain {
            domain: DecisionDomain {
                id,
                name: name.into(),
                owner_team: Some(owner),
                driver: driver.into(),
                guardrails: guardrails.iter().map(|g| (*g).to_string()).collect(),
                review_date: review,
                delegations: delegations
                    .iter()
                    .map(|&(subject, current, desired)| Delegation {
                        subject,
                        current: Level::new(current),
                        desired: Level::new(desired),
                        history: Vec::new(),
                    })
                    .collect(),
            },
        });
        id
    }

    fn build(&mut self) {
        use Kind::{Control, Coordination, Delivery, Support};

        // ----- Directie ------------------------------------------------------------------
        let directie = self.team(
            "Directie",
            None,
            "Richting geven en het kader bewaken waarbinnen iedereen vrij beslist.",
        );
        let ceo = self.lead(
            "Algemeen directeur",
            "Leiedal laten groeien als een bedrijf waar klanten en medewerkers graag blijven.",
            &[
                (Coordination, "Stemt de strategie af tussen de afdelingen"),
                (Support, "Coacht de afdelingsdirecteurs"),
                (Control, "Keurt het jaarbudget en de investeringen boven € 50.000 goed"),
                (Delivery, "Vertegenwoordigt Leiedal bij klanten, banken en de sector"),
            ],
            None,
            directie,
        );
        self.role(
            "Directieassistent",
            "De directie vrijmaken voor wat ertoe doet.",
            &[
                (Support, "Bereidt het directiecomité voor en volgt de actiepunten op"),
                (Delivery, "Beheert de agenda en de correspondentie van de directie"),
            ],
            Some(ceo),
            directie,
            Filled::Person(0.8),
        );
        let preventie = self.role(
            "Preventieadviseur",
            "Iedereen gaat elke dag veilig en gezond naar huis.",
            &[
                (Control, "Voert de risicoanalyses en de veiligheidsrondes uit"),
                (Support, "Adviseert ploegleiders bij veiligheidsvragen"),
                (Delivery, "Onderzoekt arbeidsongevallen en bijna-ongevallen"),
            ],
            Some(ceo),
            directie,
            Filled::Vacancy, // filled half time by the quality manager, below
        );
        let duurzaam = self.role(
            "Duurzaamheidscoördinator",
            "Minder grondstof, energie en transport per verpakking, elk jaar.",
            &[
                (Coordination, "Brengt productie, aankoop en logistiek samen rond CO₂-doelen"),
                (Delivery, "Stelt het jaarlijkse duurzaamheidsrapport op"),
            ],
            Some(ceo),
            directie,
            Filled::Person(1.0),
        );
        self.role(
            "Communicatieverantwoordelijke",
            "Iedereen weet wat er speelt en waarom.",
            &[
                (Delivery, "Maakt de maandelijkse nieuwsbrief en het intranet"),
                (Support, "Helpt leidinggevenden veranderingen uit te leggen"),
            ],
            Some(ceo),
            directie,
            Filled::Person(0.8),
        );

        // ----- Verkoop -------------------------------------------------------------------
        let verkoop = self.team(
            "Verkoop",
            Some(directie),
            "Klanten de verpakking geven die hun product beschermt en verkoopt.",
        );
        let cco = self.lead(
            "Commercieel directeur",
            "Een gezonde orderportefeuille met klanten die terugkomen.",
            &[
                (Coordination, "Verdeelt de klanten en regio's over de verkoopteams"),
                (Support, "Coacht de teamleiders verkoop"),
                (Control, "Keurt prijsafwijkingen boven 10 % goed"),
            ],
            Some(ceo),
            verkoop,
        );
        let binnen = self.team("Binnendienst", Some(verkoop), "Elke offerte en order snel en juist.");
        let binnen_lead = self.lead(
            "Teamleider binnendienst",
            "Een binnendienst die klanten binnen de dag antwoordt.",
            &[
                (Support, "Maakt de werkverdeling samen met het team"),
                (Coordination, "Stemt leverdata af met de planning"),
            ],
            Some(cco),
            binnen,
        );
        self.roles(
            4,
            "Commercieel medewerker binnendienst",
            "Offertes en orders van aanvraag tot bevestiging.",
            &[
                (Delivery, "Maakt offertes en verwerkt orders in het ERP"),
                (Delivery, "Beantwoordt vragen van klanten over levering en prijs"),
            ],
            binnen_lead,
            binnen,
            &[],
            &[3],
        );
        let vl = self.team("Buitendienst Vlaanderen", Some(verkoop), "Klanten in Vlaanderen laten groeien.");
        let vl_lead = self.lead(
            "Salesmanager Vlaanderen",
            "Groei bij bestaande en nieuwe klanten in Vlaanderen.",
            &[
                (Support, "Gaat mee op moeilijke klantbezoeken"),
                (Control, "Volgt de pijplijn en de omzet per accountmanager op"),
            ],
            Some(cco),
            vl,
        );
        self.roles(
            4,
            "Accountmanager",
            "Een vaste aanspreekpunt voor elke klant in de regio.",
            &[
                (Delivery, "Bezoekt klanten en zoekt nieuwe klanten"),
                (Delivery, "Onderhandelt jaarcontracten binnen de prijsrichtlijnen"),
            ],
            vl_lead,
            vl,
            &[],
            &[],
        );
        let wb = self.team(
            "Buitendienst Wallonië & Brussel",
            Some(verkoop),
            "Klanten in Wallonië en Brussel laten groeien.",
        );
        let wb_lead = self.lead(
            "Sales manager Wallonie-Bruxelles",
            "Groei bij klanten in Wallonië en Brussel.",
            &[(Support, "Coacht de accountmanagers in de regio"), (Control, "Keurt kortingen tot 10 % goed")],
            Some(cco),
            wb,
        );
        self.roles(
            3,
            "Accountmanager",
            "Een vaste aanspreekpunt voor elke klant in de regio.",
            &[
                (Delivery, "Bezoekt klanten en zoekt nieuwe klanten"),
                (Delivery, "Onderhandelt jaarcontracten binnen de prijsrichtlijnen"),
            ],
            wb_lead,
            wb,
            &[2],
            &[],
        );
        let ks = self.team("Klantenservice", Some(verkoop), "Een probleem van een klant is ons probleem.");
        let ks_lead = self.lead(
            "Teamleider klantenservice",
            "Klachten worden binnen de week opgelost.",
            &[
                (Support, "Ruimt obstakels op voor het team"),
                (Coordination, "Brengt klachten samen met kwaliteit en logistiek"),
                (Control, "Volgt de oplostijd van klachten op"),
            ],
            Some(cco),
            ks,
        );
        self.roles(
            5,
            "Medewerker klantenservice",
            "Elke klant met een vraag of klacht geholpen.",
            &[
                (Delivery, "Behandelt klachten en retours"),
                (Delivery, "Kent creditnota's toe binnen de afspraken"),
            ],
            ks_lead,
            ks,
            &[],
            &[1, 4],
        );
        let mkt = self.team("Marketing", Some(verkoop), "Leiedal bekend maken bij wie verpakkingen koopt.");
        let mkt_lead = self.lead(
            "Marketingmanager",
            "Genoeg goede leads voor de buitendienst.",
            &[
                (Coordination, "Stemt campagnes af met verkoop en productontwikkeling"),
                (Support, "Geeft het team ruimte om te experimenteren"),
            ],
            Some(cco),
            mkt,
        );
        self.roles(
            2,
            "Marketeer",
            "Campagnes, beurzen en de website.",
            &[(Delivery, "Maakt campagnes en beurzen waar"), (Delivery, "Houdt de website actueel")],
            mkt_lead,
            mkt,
            &[],
            &[],
        );

        // ----- Productie Gent -----------------------------------------------------------
        let productie = self.team(
            "Productie Gent",
            Some(directie),
            "Veilig, op tijd en in de juiste kwaliteit produceren.",
        );
        let plant = self.lead(
            "Plantmanager",
            "Een plant die veilig, stipt en zuinig draait.",
            &[
                (Coordination, "Verdeelt mensen en machines over de ploegen"),
                (Control, "Keurt de weekplanning goed"),
                (Control, "Volgt OEE, afval en ongevallen op per ploeg"),
                (Support, "Coacht de ploegleiders"),
            ],
            Some(ceo),
            productie,
        );
        let mut shift_teams = Vec::new();
        for (name, operators, vacant) in [
            ("Ploeg vroeg", 6, None),
            ("Ploeg laat", 6, None),
            ("Ploeg nacht", 4, Some(3)),
            ("Weekendploeg", 3, None),
        ] {
            let team = self.team(name, Some(productie), "Golfkarton en dozen maken volgens planning.");
            let lead = self.lead(
                "Ploegleider",
                "Een ploeg die samen haar productie haalt.",
                &[
                    (Coordination, "Verdeelt de machines over de operators"),
                    (Support, "Lost storingen op met het team en onderhoud"),
                    (Control, "Registreert de productie en de stilstanden"),
                ],
                Some(plant),
                team,
            );
            let vacant: Vec<usize> = vacant.into_iter().collect();
            self.roles(
                operators,
                "Operator golfkartonlijn",
                "De lijn draaien volgens planning en kwaliteitsnorm.",
                &[
                    (Delivery, "Stelt de machine in en bedient ze"),
                    (Delivery, "Doet de eerste kwaliteitscontrole"),
                ],
                lead,
                team,
                &vacant,
                &[],
            );
            shift_teams.push(team);
        }
        let onderhoud = self.team("Onderhoud", Some(productie), "Machines die draaien wanneer het moet.");
        let onderhoud_lead = self.lead(
            "Hoofd onderhoud",
            "Zo weinig ongeplande stilstand als mogelijk.",
            &[
                (Coordination, "Plant het preventief onderhoud met de ploegen"),
                (Support, "Zorgt voor opleiding en wisselstukken"),
            ],
            Some(plant),
            onderhoud,
        );
        self.roles(
            4,
            "Onderhoudstechnicus",
            "Storingen snel verhelpen en voorkomen.",
            &[(Delivery, "Herstelt storingen"), (Delivery, "Voert preventief onderhoud uit")],
            onderhoud_lead,
            onderhoud,
            &[],
            &[],
        );
        let kwaliteit = self.team("Kwaliteit", Some(productie), "Geen enkele slechte doos bij de klant.");
        // Filled below, together with the prevention adviser's role.
        let km = self.lead_filled(
            "Kwaliteitsmanager",
            "Kwaliteit die de klant niet hoeft te controleren.",
            &[
                (Control, "Geeft partijen vrij of blokkeert ze"),
                (Support, "Leert ploegen zelf kwaliteit te meten"),
                (Coordination, "Beheert het ISO 9001-systeem over de afdelingen heen"),
            ],
            Some(plant),
            kwaliteit,
            Filled::Vacancy,
        );
        // The quality manager is also the prevention adviser, half time each.
        let km_person = self.person();
        self.fill(km_person, km, 0.5);
        self.fill(km_person, preventie, 0.5);
        self.roles(
            2,
            "Kwaliteitstechnicus",
            "Metingen, audits en analyses van klachten.",
            &[(Delivery, "Meet stalen in het labo"), (Delivery, "Analyseert klachten tot de oorzaak")],
            km,
            kwaliteit,
            &[],
            &[],
        );
        let planning =
            self.team("Planning", Some(productie), "Een haalbare planning die klanten blij maakt.");
        let planner = self.lead(
            "Productieplanner",
            "De juiste order op de juiste lijn op het juiste moment.",
            &[
                (Coordination, "Maakt de weekplanning over de drie ploegen"),
                (Coordination, "Stemt leverdata af met binnendienst en logistiek"),
            ],
            Some(plant),
            planning,
        );
        self.role(
            "Materiaalplanner",
            "Altijd genoeg papier en lijm, nooit te veel.",
            &[(Delivery, "Bestelt grondstoffen volgens de planning")],
            Some(planner),
            planning,
            Filled::Person(1.0),
        );

        // ----- Logistiek ------------------------------------------------------------------
        let logistiek = self.team("Logistiek", Some(directie), "Alles op tijd binnen en op tijd buiten.");
        let log_lead = self.lead(
            "Logistiek manager",
            "Stipte leveringen tegen redelijke kosten.",
            &[
                (Coordination, "Stemt magazijn, transport en aankoop op elkaar af"),
                (Control, "Keurt transportcontracten goed"),
                (Support, "Coacht de teamverantwoordelijken"),
            ],
            Some(ceo),
            logistiek,
        );
        let magazijn = self.team("Magazijn", Some(logistiek), "Een magazijn waar alles te vinden is.");
        let mag_lead = self.lead(
            "Magazijnverantwoordelijke",
            "Juiste voorraad, juiste plek.",
            &[
                (Coordination, "Verdeelt het werk over de shiften"),
                (Control, "Volgt de voorraadverschillen op"),
            ],
            Some(log_lead),
            magazijn,
        );
        self.roles(
            5,
            "Magazijnier",
            "Ontvangen, stockeren en laden.",
            &[(Delivery, "Ontvangt en controleert leveringen"), (Delivery, "Laadt vrachtwagens")],
            mag_lead,
            magazijn,
            &[],
            &[2],
        );
        let transport = self.team("Transport", Some(logistiek), "Dozen bij de klant op het afgesproken uur.");
        let tp = self.lead(
            "Transportplanner",
            "Volle vrachtwagens, korte routes.",
            &[(Coordination, "Plant de ritten en de externe vervoerders")],
            Some(log_lead),
            transport,
        );
        self.roles(
            2,
            "Chauffeur",
            "Leveren bij klanten in de buurt.",
            &[(Delivery, "Levert bij klanten en neemt leeggoed mee")],
            tp,
            transport,
            &[],
            &[],
        );
        let aankoop = self.team("Aankoop", Some(logistiek), "Goede grondstoffen tegen een eerlijke prijs.");
        let aankoper = self.lead(
            "Senior aankoper",
            "Betrouwbare leveranciers en stabiele prijzen.",
            &[(Delivery, "Onderhandelt jaarcontracten voor papier"), (Control, "Beoordeelt leveranciers")],
            Some(log_lead),
            aankoop,
        );
        self.role(
            "Aankoper",
            "Bestellingen voor alles wat geen grondstof is.",
            &[(Delivery, "Bestelt wisselstukken, verbruiksgoederen en diensten")],
            Some(aankoper),
            aankoop,
            Filled::Person(1.0),
        );

        // ----- Financiën & HR -------------------------------------------------------------
        let fin =
            self.team("Financiën & HR", Some(directie), "Een gezond bedrijf met mensen die graag blijven.");
        let cfo = self.lead(
            "Financieel directeur",
            "Cijfers die kloppen en beslissingen die ze gebruiken.",
            &[
                (Control, "Bewaakt het budget en de kasstroom"),
                (Coordination, "Leidt de jaarlijkse budgetronde over de afdelingen"),
                (Support, "Coacht boekhouding, controlling en HR"),
            ],
            Some(ceo),
            fin,
        );
        let boekhouding = self.team("Boekhouding", Some(fin), "Elke factuur juist en op tijd.");
        let hb = self.lead(
            "Hoofdboekhouder",
            "Een afsluiting op tijd, elke maand.",
            &[
                (Control, "Controleert de maandafsluiting"),
                (Support, "Helpt het team bij complexe boekingen"),
            ],
            Some(cfo),
            boekhouding,
        );
        self.roles(
            2,
            "Boekhouder",
            "Aankoop- en verkoopfacturen juist geboekt.",
            &[(Delivery, "Boekt facturen en betalingen"), (Delivery, "Volgt openstaande klanten op")],
            hb,
            boekhouding,
            &[],
            &[1],
        );
        let controlling = self.team("Controlling", Some(fin), "Inzicht in wat werkt en wat kost.");
        let controller = self.lead(
            "Controller",
            "Afdelingen die hun eigen cijfers begrijpen.",
            &[
                (Delivery, "Maakt de maandrapportering"),
                (Support, "Helpt afdelingen hun budget op te stellen"),
            ],
            Some(cfo),
            controlling,
        );
        let analist = self.role(
            "Business analyst",
            "Vragen over marges en kosten snel beantwoord.",
            &[(Delivery, "Analyseert marges per klant en product")],
            Some(controller),
            controlling,
            Filled::Person(1.0),
        );
        let hr = self.team("HR & welzijn", Some(fin), "Goede mensen vinden, laten groeien en houden.");
        let hr_lead = self.lead(
            "HR-manager",
            "Een plek waar mensen met goesting werken.",
            &[
                (Support, "Ondersteunt leidinggevenden bij moeilijke gesprekken"),
                (Coordination, "Stemt het opleidingsplan af over de afdelingen"),
                (Control, "Bewaakt het personeelsbudget"),
            ],
            Some(cfo),
            hr,
        );
        let hrbp = self.roles(
            2,
            "HR business partner",
            "Leidinggevenden die zelf goede people-beslissingen nemen.",
            &[
                (Support, "Begeleidt aanwervingen en functioneringsgesprekken"),
                (Support, "Adviseert bij ziekte, conflicten en re-integratie"),
            ],
            hr_lead,
            hr,
            &[1],
            &[],
        );
        self.role(
            "HR-assistent",
            "Elke nieuwe collega voelt zich vanaf dag één welkom.",
            &[
                (Delivery, "Regelt de administratie van in- en uitdiensttreding"),
                (Support, "Organiseert de onthaaldag voor nieuwe collega's"),
            ],
            Some(hr_lead),
            hr,
            Filled::Person(0.5),
        );
        self.role(
            "Payrollspecialist",
            "Iedereen correct en op tijd betaald.",
            &[(Delivery, "Verwerkt de maandelijkse loonlijst met het sociaal secretariaat")],
            Some(hr_lead),
            hr,
            Filled::Person(0.8),
        );

        // ----- IT ---------------------------------------------------------------------------
        let it = self.team("IT", Some(directie), "Systemen die werken en mensen die ze kunnen gebruiken.");
        let it_lead = self.lead(
            "IT-manager",
            "Betrouwbare systemen die het werk makkelijker maken.",
            &[
                (Coordination, "Verdeelt de IT-projecten over de teams"),
                (Control, "Bewaakt informatieveiligheid en licenties"),
                (Support, "Maakt tijd vrij voor opleiding van het team"),
            ],
            Some(ceo),
            it,
        );
        let infra = self.team("Infrastructuur", Some(it), "Netwerk, servers en werkplekken die draaien.");
        let sysadmin = self.lead(
            "Systeembeheerder",
            "Geen downtime op het ERP en de machines.",
            &[(Delivery, "Beheert servers, back-ups en het netwerk")],
            Some(it_lead),
            infra,
        );
        self.role(
            "Netwerk- en securitybeheerder",
            "Een veilig netwerk tot op de werkvloer.",
            &[(Delivery, "Beheert firewalls, wifi en de netwerken van de machines")],
            Some(sysadmin),
            infra,
            Filled::Person(1.0),
        );
        let apps = self.team("Toepassingen", Some(it), "Het ERP en de tools die mensen echt gebruiken.");
        let erp = self.lead(
            "ERP-verantwoordelijke",
            "Een ERP dat de processen volgt, niet omgekeerd.",
            &[
                (Coordination, "Verzamelt en prioriteert wijzigingsvragen"),
                (Delivery, "Configureert het ERP"),
            ],
            Some(it_lead),
            apps,
        );
        self.roles(
            2,
            "Ontwikkelaar",
            "Koppelingen en rapporten rond het ERP.",
            &[(Delivery, "Bouwt koppelingen met klanten en machines")],
            erp,
            apps,
            &[1],
            &[],
        );
        let desk = self.team("Servicedesk", Some(it), "Elke collega snel weer aan het werk.");
        let desk_lead = self.lead(
            "Servicedeskmedewerker",
            "Vragen binnen het uur opgepakt.",
            &[(Delivery, "Lost IT-vragen en -storingen op"), (Support, "Geeft opleiding over nieuwe tools")],
            Some(it_lead),
            desk,
        );
        self.role(
            "Servicedeskmedewerker",
            "Vragen binnen het uur opgepakt.",
            &[(Delivery, "Lost IT-vragen en -storingen op")],
            Some(desk_lead),
            desk,
            Filled::Person(0.8),
        );

        // ----- Productontwikkeling ------------------------------------------------------
        let rd = self.team(
            "Productontwikkeling",
            Some(directie),
            "Verpakkingen die lichter, sterker en mooier zijn.",
        );
        let rd_lead = self.lead(
            "Hoofd productontwikkeling",
            "Elk jaar drie nieuwe verpakkingen die klanten kopen.",
            &[
                (Coordination, "Brengt klantvragen, productie en aankoop samen in projecten"),
                (Support, "Geeft ontwerpers ruimte om te testen"),
            ],
            Some(ceo),
            rd,
        );
        self.roles(
            3,
            "Verpakkingsontwerper",
            "Ontwerpen die beschermen, verkopen en weinig karton vragen.",
            &[(Delivery, "Ontwerpt verpakkingen en maakt prototypes")],
            rd_lead,
            rd,
            &[],
            &[2],
        );

        // ----- Dotted lines, support and coordination across teams ------------------------
        self.connect(Relation::DottedLine { role: km, manager: ceo });
        self.connect(Relation::DottedLine { role: hrbp[0], manager: plant });
        self.connect(Relation::DottedLine { role: analist, manager: cco });
        self.connect(Relation::DottedLine { role: duurzaam, manager: plant });
        for &team in &shift_teams {
            self.connect(Relation::Coordinates { role: planner, team });
            self.connect(Relation::Supports { from: Unit::Team(onderhoud), to: Unit::Team(team) });
        }
        self.connect(Relation::Coordinates { role: duurzaam, team: productie });
        self.connect(Relation::Coordinates { role: duurzaam, team: logistiek });
        self.connect(Relation::Supports { from: Unit::Team(desk), to: Unit::Team(productie) });
        self.connect(Relation::Supports { from: Unit::Role(hrbp[0]), to: Unit::Team(productie) });
        self.connect(Relation::Supports { from: Unit::Team(controlling), to: Unit::Team(verkoop) });

        // Managers' accountabilities towards particular reports, for the hierarchy lens.
        self.direct(plant, 1, NodeRef::Role(planner));
        self.direct(plant, 3, NodeRef::Team(shift_teams[0]));
        self.direct(ceo, 1, NodeRef::Role(cco));
        self.direct(ks_lead, 2, NodeRef::Team(ks));
        self.direct(hr_lead, 0, NodeRef::Team(productie));

        // ----- Decision domains ---------------------------------------------------------
        let review = Date::new(2026, 9, 1);
        let [vroeg, laat, nacht, weekend] = [shift_teams[0], shift_teams[1], shift_teams[2], shift_teams[3]];
        self.domain(
            "Werkroosters in de ploeg",
            productie,
            "Operators willen werk en gezin kunnen combineren; de lijnen moeten bemand blijven.",
            &[
                "Elke lijn heeft per shift minstens twee opgeleide operators",
                "Wissels worden minstens 48 uur vooraf in het rooster gezet",
                "Binnen de arbeidsreglementering en de cao",
            ],
            review,
            &[
                (Unit::Team(vroeg), 3, 6),
                (Unit::Team(laat), 3, 6),
                (Unit::Team(nacht), 2, 5),
                // The weekend shift already plans its own roster: the example the others follow.
                (Unit::Team(weekend), 6, 7),
            ],
        );
        self.domain(
            "Uitgaven onder € 5.000",
            fin,
            "Kleine aankopen mogen het werk niet ophouden.",
            &[
                "Binnen het budget van het team",
                "Twee offertes vanaf € 1.000",
                "Geen terugkerende contracten zonder aankoop",
            ],
            review,
            &[
                (Unit::Team(onderhoud), 4, 7),
                (Unit::Team(it), 5, 7),
                (Unit::Team(mkt), 3, 6),
                (Unit::Team(magazijn), 2, 5),
            ],
        );
        self.domain(
            "Aanwerving in het team",
            hr,
            "Wie met de nieuwe collega werkt, kiest mee.",
            &[
                "Binnen het goedgekeurde personeelsplan",
                "Minstens twee teamleden in het gesprek",
                "Loon volgens het loonbeleid",
            ],
            review,
            &[(Unit::Team(productie), 2, 4), (Unit::Team(verkoop), 3, 4), (Unit::Team(it), 4, 5)],
        );
        self.domain(
            "Keuze van tools en software",
            it,
            "Teams kennen hun werk het best; IT bewaakt veiligheid en samenhang.",
            &[
                "Voldoet aan het informatieveiligheidsbeleid",
                "Gegevens blijven in de EU",
                "Koppelt met het ERP of heeft geen koppeling nodig",
            ],
            None,
            &[(Unit::Team(mkt), 5, 6), (Unit::Team(rd), 5, 6), (Unit::Team(controlling), 4, 5)],
        );
        self.domain(
            "Terugbetalingen aan klanten",
            ks,
            "Een klant met een klacht wil snel en eerlijk geholpen worden.",
            &["Tot € 500 per klacht zonder goedkeuring", "Altijd met een analyse van de oorzaak"],
            review,
            &[(Unit::Team(ks), 2, 6), (Unit::Role(ks_lead), 4, 6)],
        );
        self.domain(
            "Opleidingsbudget",
            hr,
            "Wie groeit, blijft; wie mag kiezen, leert meer.",
            &["€ 800 per medewerker per jaar", "Elke opleiding wordt kort gedeeld met het team"],
            None,
            &[(Unit::Team(productie), 1, 5), (Unit::Team(it), 6, 7), (Unit::Team(verkoop), 3, 6)],
        );
    }
}

#[derive(Clone, Copy)]
enum Filled {
    Person(f64),
    Vacancy,
}

/// First names common in Flanders and Brussels, accents included (search must find "Noemie").
const FIRST: [&str; 40] = [
    "Noémie",
    "Pieter",
    "Sofie",
    "Jeroen",
    "Hanne",
    "Thomas",
    "Lotte",
    "Wouter",
    "Els",
    "Koen",
    "Joëlle",
    "Bram",
    "Ine",
    "Stijn",
    "Françoise",
    "Mehmet",
    "Griet",
    "Lucas",
    "Céline",
    "Ruben",
    "Annelies",
    "Jens",
    "Zoë",
    "Karim",
    "Marieke",
    "Dries",
    "Hélène",
    "Nathalie",
    "Jan",
    "Fatima",
    "Tom",
    "Eline",
    "Loïc",
    "Sarah",
    "Bart",
    "Anaïs",
    "Kristof",
    "Lien",
    "Ömer",
    "Katrien",
];

const LAST: [&str; 41] = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Renard",
    "Van den Broeck",
    "Vermeulen",
    "Hermans",
    "Van Damme",
    "Declercq",
    "Martens",
    "Pauwels",
    "Segers",
    "Cools",
    "Stevens",
    "Aerts",
    "Michiels",
    "Bogaert",
    "Lenaerts",
    "Van Hecke",
    "Dhondt",
    "Yilmaz",
    "El Amrani",
    "Nguyen",
    "Fontaine",
    "Verhaeghe",
    "Vandenberghe",
    "Coppens",
    "De Clercq",
    "Lemaire",
    "Desmet",
    "Baert",
];

const LOCATIONS: [&str; 5] = ["Gent", "Gent", "Gent", "Brussel", "Kortrijk"];

#[cfg(test)]
mod tests {
    use super::*;
    use kader::model::Node;

    #[test]
    fn the_demo_is_a_valid_deterministic_organization_of_about_a_hundred_roles() {
        assert_eq!(op(), op(), "two builds of the demo must be identical");

        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join(FILE_NAME);
        create(&path, Timestamp(1_700_000_000_000)).expect("the demo applies to a new workspace");
        let ws = Workspace::open(&path).expect("the demo workspace reopens");
        let org = ws.org();
        org.check_invariants().expect("the demo keeps every invariant");

        let (people, roles, teams) = org.counts();
        assert!((90..=110).contains(&roles), "about a hundred roles, got {roles}");
        assert!(teams >= 20, "teams nested in departments, got {teams}");
        assert!(people >= roles - 6 && people < roles, "a few vacancies, got {people} people");
        let vacancies = org.roles().filter(|r| org.fillers(r.id).next().is_none()).count();
        assert!((3..=6).contains(&vacancies), "a few vacancies, got {vacancies}");
        assert!(org.domains().count() >= 5, "decision domains");
        assert!(
            org.domains().all(|d| !d.delegations.is_empty() && !d.guardrails.is_empty()),
            "every domain has delegations and guardrails"
        );
        let dotted = org.relations().filter(|r| matches!(r, Relation::DottedLine { .. })).count();
        assert!(dotted >= 3, "a few dotted lines, got {dotted}");
        for kind in [Kind::Delivery, Kind::Support, Kind::Coordination, Kind::Control] {
            assert!(
                org.roles().any(|r| r.accountabilities.iter().any(|a| a.kind == kind)),
                "accountabilities tagged {kind:?}"
            );
        }
        let directed = org.roles().flat_map(|r| &r.accountabilities).filter(|a| a.towards.is_some()).count();
        assert_eq!(directed, 5, "managers' accountabilities towards their reports");
        let tops = org.roles().filter(|r| org.manager_of(r.id).is_none()).count();
        assert_eq!(tops, 1, "one top role: the managing director");
        let names: std::collections::HashSet<&str> =
            org.nodes().filter_map(|n| if let Node::Person(p) = n { Some(&*p.name) } else { None }).collect();
        assert_eq!(names.len(), people, "every person has a distinct name");
        assert!(names.contains("Noémie Peeters") || names.iter().any(|n| n.starts_with("Noémie")));
    }
}
