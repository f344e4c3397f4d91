//! The longest texts Kader takes, checked where a text enters the engine: every operation
//! ([`Org::apply`](crate::org::Org), so also a bulk `Load` and every member of a `Batch`), the HR
//! import (naming the row), and comments and proposals. A text is measured in characters
//! (Unicode scalar values), so accents count as one.
//!
//! | Text | Limit |
//! |---|---|
//! | a person's name, location and employee id; a role's title; a team's name; a decision domain's name | [`NAME`] = 200 |
//! | a role's or team's purpose; an accountability; a domain's driver; a guardrail | [`TEXT`] = 2,000 |
//! | a comment; a proposal's rationale; the note with a delegation level | [`LONG_TEXT`] = 10,000 |
//! | a proposal's title | [`NAME`] = 200 |
//!
//! Why these: a name or title is read on a card of the org chart and in a list; 200 characters is
//! two lines of a wide page, far beyond any real title. A purpose or accountability is a sentence or
//! a paragraph; 2,000 characters is half a page. A comment or rationale may argue at length;
//! 10,000 characters is about three pages. Far longer texts are pasted by mistake (a whole
//! document, a megabyte title) and make every screen and export that shows them unusable.
//! The same table is in `docs/limits.md`.

use crate::i18n::{Lang, Msg};
use crate::model::{DecisionDomain, LevelNote, Person, Role, Team};
use std::fmt;

/// Names and titles.
pub const NAME: usize = 200;
/// Purposes, accountabilities, drivers and guardrails.
pub const TEXT: usize = 2_000;
/// Comments, rationales and notes.
pub const LONG_TEXT: usize = 10_000;

/// A text that has a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    PersonName,
    Location,
    EmployeeId,
    RoleTitle,
    RolePurpose,
    Accountability,
    TeamName,
    TeamPurpose,
    DomainName,
    Driver,
    Guardrail,
    LevelNote,
    Comment,
    ProposalTitle,
    Rationale,
}

impl Field {
    /// The field's limit in characters.
    pub fn limit(self) -> usize {
        match self {
            Field::PersonName
            | Field::Location
            | Field::EmployeeId
            | Field::RoleTitle
            | Field::TeamName
            | Field::DomainName
            | Field::ProposalTitle => NAME,
            Field::RolePurpose
            | Field::Accountability
            | Field::TeamPurpose
            | Field::Driver
            | Field::Guardrail => TEXT,
            Field::LevelNote | Field::Comment | Field::Rationale => LONG_TEXT,
        }
    }

    /// The field's name in the catalogue ("a role's title").
    pub fn msg(self) -> Msg {
        match self {
            Field::PersonName => Msg::FieldPersonName,
            Field::Location => Msg::FieldLocation,
            Field::EmployeeId => Msg::FieldEmployeeId,
            Field::RoleTitle => Msg::FieldRoleTitle,
            Field::RolePurpose => Msg::FieldRolePurpose,
            Field::Accountability => Msg::FieldAccountability,
            Field::TeamName => Msg::FieldTeamName,
            Field::TeamPurpose => Msg::FieldTeamPurpose,
            Field::DomainName => Msg::FieldDomainName,
            Field::Driver => Msg::FieldDriver,
            Field::Guardrail => Msg::FieldGuardrail,
            Field::LevelNote => Msg::FieldLevelNote,
            Field::Comment => Msg::FieldComment,
            Field::ProposalTitle => Msg::FieldProposalTitle,
            Field::Rationale => Msg::FieldRationale,
        }
    }
}

/// A text over its limit: which, the limit and its length, all in characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLong {
    pub field: Field,
    pub limit: usize,
    pub length: usize,
}

impl TooLong {
    pub fn msg(&self) -> Msg {
        Msg::TextTooLong { field: Box::new(self.field.msg()), limit: self.limit, length: self.length }
    }

    pub fn say(&self, lang: Lang) -> String {
        self.msg().say(lang)
    }
}

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl std::error::Error for TooLong {}

/// Checks one text. Counting stops past the limit, so a megabyte costs no more than the limit.
pub fn check(field: Field, text: &str) -> Result<(), TooLong> {
    let limit = field.limit();
    // Fewer bytes than the limit means fewer characters.
    if text.len() <= limit || text.chars().nth(limit).is_none() {
        return Ok(());
    }
    Err(TooLong { field, limit, length: text.chars().count() })
}

pub(crate) fn person(p: &Person) -> Result<(), TooLong> {
    check(Field::PersonName, &p.name)?;
    if let Some(l) = &p.location {
        check(Field::Location, l)?;
    }
    if let Some(id) = &p.external_id {
        check(Field::EmployeeId, id)?;
    }
    Ok(())
}

pub(crate) fn role(r: &Role) -> Result<(), TooLong> {
    check(Field::RoleTitle, &r.title)?;
    check(Field::RolePurpose, &r.purpose)?;
    if let Some(id) = &r.external_id {
        check(Field::EmployeeId, id)?;
    }
    for a in &r.accountabilities {
        check(Field::Accountability, &a.text)?;
    }
    Ok(())
}

pub(crate) fn team(t: &Team) -> Result<(), TooLong> {
    check(Field::TeamName, &t.name)?;
    check(Field::TeamPurpose, &t.purpose)
}

pub(crate) fn domain(d: &DecisionDomain) -> Result<(), TooLong> {
    check(Field::DomainName, &d.name)?;
    check(Field::Driver, &d.driver)?;
    for g in &d.guardrails {
        check(Field::Guardrail, g)?;
    }
    Ok(())
}

pub(crate) fn note(n: &LevelNote) -> Result<(), TooLong> {
    check(Field::LevelNote, &n.why)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::date::Timestamp;
    use crate::error::Error;
    use crate::id::{AccountabilityId, DomainId, PersonId, RoleId, SeqIds, TeamId};
    use crate::model::{Accountability, AccountabilityKind, Unit};
    use crate::op::Op;
    use crate::org::{Org, Snapshot};

    fn role(ids: &mut SeqIds, title: &str) -> Role {
        Role {
            id: RoleId::new(ids),
            external_id: None,
            title: title.into(),
            purpose: String::new(),
            accountabilities: Vec::new(),
        }
    }

    #[track_caller]
    fn refused(org: &mut Org, op: Op, field: Field, length: usize) {
        let before = org.snapshot();
        match org.apply(&op) {
            Err(Error::TooLong(t)) => {
                assert_eq!(t, TooLong { field, limit: field.limit(), length });
            }
            other => panic!("expected {field:?} to be refused as too long, got {other:?}"),
        }
        assert_eq!(org.snapshot(), before, "the organization is as it was");
        org.check_invariants().unwrap();
    }

    #[test]
    fn every_operation_refuses_a_text_over_its_limit() {
        let mut ids = SeqIds::new(5);
        let mut org = Org::new();
        let megabyte = "x".repeat(1 << 20);
        // The 1 MB role title.
        refused(&mut org, Op::AddRole { role: role(&mut ids, &megabyte) }, Field::RoleTitle, 1 << 20);
        // At the limit is fine, one more is not; accents are one character.
        let r = role(&mut ids, &"é".repeat(NAME));
        org.apply(&Op::AddRole { role: r.clone() }).unwrap();
        let mut longer = r.clone();
        longer.title.push('é');
        refused(&mut org, Op::UpdateRole { role: longer }, Field::RoleTitle, NAME + 1);
        let mut purpose = r.clone();
        purpose.purpose = "p".repeat(TEXT + 1);
        refused(&mut org, Op::UpdateRole { role: purpose }, Field::RolePurpose, TEXT + 1);

        let person = Person {
            id: PersonId::new(&mut ids),
            external_id: None,
            name: "n".repeat(201),
            location: None,
            hire_date: None,
        };
        refused(&mut org, Op::AddPerson { person: person.clone() }, Field::PersonName, 201);
        let located = Person { name: "Ann".into(), location: Some("l".repeat(300)), ..person };
        refused(&mut org, Op::AddPerson { person: located }, Field::Location, 300);
        let team = Team { id: TeamId::new(&mut ids), name: "Ops".into(), purpose: "p".repeat(2_001) };
        refused(&mut org, Op::AddTeam { team }, Field::TeamPurpose, 2_001);

        // A bulk load and a batch are checked member by member.
        let mut accountable = role(&mut ids, "Lead");
        accountable.accountabilities.push(Accountability {
            id: AccountabilityId::new(&mut ids),
            text: "a".repeat(TEXT + 5),
            kind: AccountabilityKind::Delivery,
            towards: None,
        });
        let load = Snapshot { roles: vec![role(&mut ids, "Fine"), accountable], ..Default::default() };
        refused(&mut org, Op::Load { org: load }, Field::Accountability, TEXT + 5);
        let domain = DecisionDomain {
            id: DomainId::new(&mut ids),
            name: "Hiring".into(),
            owner_team: None,
            driver: String::new(),
            guardrails: vec!["ok".into(), "g".repeat(TEXT + 1)],
            review_date: None,
            delegations: Vec::new(),
        };
        let batch = Op::batch(
            "two",
            vec![Op::AddRole { role: role(&mut ids, "Fine too") }, Op::AddDomain { domain: domain.clone() }],
        );
        refused(&mut org, batch, Field::Guardrail, TEXT + 1);
        let domain = DecisionDomain { guardrails: Vec::new(), ..domain };
        org.apply(&Op::AddDomain { domain: domain.clone() }).unwrap();
        let note = LevelNote { by: "ann".into(), at: Timestamp(0), why: "w".repeat(LONG_TEXT + 1) };
        let set = Op::SetDelegation {
            domain: domain.id,
            subject: Unit::Role(r.id),
            current: None,
            desired: None,
            note: Some(note),
        };
        refused(&mut org, set, Field::LevelNote, LONG_TEXT + 1);
    }

    #[test]
    fn the_refusal_names_the_field_the_limit_and_the_length() {
        let t = check(Field::RoleTitle, &"x".repeat(1 << 20)).unwrap_err();
        assert_eq!(
            t.say(Lang::En),
            "A role's title is 1,048,576 characters long, more than the limit of 200; shorten it"
        );
        assert_eq!(
            t.say(Lang::Nl),
            "De titel van een rol is 1.048.576 tekens lang, meer dan de limiet van 200; maak de tekst korter"
        );
        assert!(check(Field::Comment, &"x".repeat(LONG_TEXT)).is_ok());
    }
}
