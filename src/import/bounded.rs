//! The problems of a refused import, kept within bounds: the first [`KEPT`] by line in full, the
//! rest counted by [`ProblemClass`]. An export of 1.6 million rows repeating one employee id has
//! 1.6 million problems; listing them all made a 244 MB message and held a gigabyte of memory. A
//! [`Collector`] never holds more than [`KEPT`] problems, whatever the file, and the message it
//! leads to stays a few kilobytes ("and 1,599,900 more: 1,599,900 duplicate employee ids").
//!
//! The problems kept are the first by line (the order of finding among one line's problems), the
//! same whichever order the problems were found in or whichever threads found them: a collector
//! keeps the [`KEPT`] smallest by (line, order found), and joining two keeps the smallest of both.

use crate::i18n::Msg;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// How many problems a refused import names in full.
pub const KEPT: usize = 100;

/// What kind of problem a counted one is, for "and N more: …". File-level problems (a missing
/// column, an empty file) are never that many and count as [`ProblemClass::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemClass {
    DuplicateEmployeeId,
    UnknownManager,
    EmptyValue,
    TooFewFields,
    TooManyValues,
    InvalidFte,
    InvalidHireDate,
    OwnManager,
    ReportingCycle,
    RepeatedHeader,
    UnknownLevel,
    UnknownSubject,
    DuplicateEntry,
    NoLevel,
    EmptyDomain,
    Other,
}

impl ProblemClass {
    /// "3 duplicate employee ids", in the catalogue.
    pub fn count(self, n: usize) -> Msg {
        match self {
            ProblemClass::DuplicateEmployeeId => Msg::MoreDuplicateEmployeeIds { n },
            ProblemClass::UnknownManager => Msg::MoreUnknownManagers { n },
            ProblemClass::EmptyValue => Msg::MoreEmptyValues { n },
            ProblemClass::TooFewFields => Msg::MoreShortRows { n },
            ProblemClass::TooManyValues => Msg::MoreLongRows { n },
            ProblemClass::InvalidFte => Msg::MoreInvalidFtes { n },
            ProblemClass::InvalidHireDate => Msg::MoreInvalidHireDates { n },
            ProblemClass::OwnManager => Msg::MoreOwnManagers { n },
            ProblemClass::ReportingCycle => Msg::MoreReportingCycles { n },
            ProblemClass::RepeatedHeader => Msg::MoreRepeatedHeaders { n },
            ProblemClass::UnknownLevel => Msg::MoreUnknownLevels { n },
            ProblemClass::UnknownSubject => Msg::MoreUnknownSubjects { n },
            ProblemClass::DuplicateEntry => Msg::MoreDuplicateEntries { n },
            ProblemClass::NoLevel => Msg::MoreRowsWithoutLevel { n },
            ProblemClass::EmptyDomain => Msg::MoreRowsWithoutDomain { n },
            ProblemClass::Other => Msg::MoreOtherProblems { n },
        }
    }
}

/// A problem a [`Collector`] can keep: its line (0 for the file as a whole) and class.
pub trait Ranked {
    fn rank_line(&self) -> u64;
    fn class(&self) -> ProblemClass;
}

/// The problems not named: how many of each class, the most frequent first.
pub type More = Vec<(ProblemClass, usize)>;

/// "and 1,599,900 more: 1,599,900 duplicate employee ids", or `None` when nothing was counted.
pub fn more_msg(more: &More) -> Option<Msg> {
    let n: usize = more.iter().map(|(_, k)| k).sum();
    (n > 0).then(|| Msg::MoreProblems {
        n,
        kinds: more.iter().map(|&(class, k)| Box::new(class.count(k))).collect(),
    })
}

struct Entry<P> {
    key: (u64, u64),
    problem: P,
}

impl<P> PartialEq for Entry<P> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<P> Eq for Entry<P> {}
impl<P> PartialOrd for Entry<P> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<P> Ord for Entry<P> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}

/// Collects problems: at most [`KEPT`] are held, the others counted by class.
pub(crate) struct Collector<P> {
    /// The problems kept, the last by (line, order) on top, to be dropped first.
    kept: BinaryHeap<Entry<P>>,
    found: u64,
    /// Boxed: the collector travels in `Err` values, which are best kept small.
    counted: Box<[usize; ProblemClass::Other as usize + 1]>,
}

impl<P: Ranked> Collector<P> {
    pub(crate) fn new() -> Collector<P> {
        Collector {
            kept: BinaryHeap::new(),
            found: 0,
            counted: Box::new([0; ProblemClass::Other as usize + 1]),
        }
    }

    pub(crate) fn push(&mut self, problem: P) {
        let key = (problem.rank_line(), self.found);
        self.found += 1;
        if self.kept.len() < KEPT {
            self.kept.push(Entry { key, problem });
            return;
        }
        let dropped = match self.kept.peek_mut() {
            Some(mut last) if key < last.key => std::mem::replace(&mut *last, Entry { key, problem }).problem,
            _ => problem,
        };
        self.counted[dropped.class() as usize] += 1;
    }

    /// Whether no problem was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.found == 0
    }

    /// The problems of `other`, found after this collector's.
    pub(crate) fn append(&mut self, other: Collector<P>) {
        for (total, n) in self.counted.iter_mut().zip(other.counted.iter()) {
            *total += n;
        }
        let mut theirs = other.kept.into_vec();
        theirs.sort_unstable();
        for e in theirs {
            self.push(e.problem);
        }
    }

    /// The problems kept, by line and then in the order found, and the others counted.
    pub(crate) fn finish(self) -> (Vec<P>, More) {
        let kept = self.kept.into_sorted_vec().into_iter().map(|e| e.problem).collect();
        let classes = [
            ProblemClass::DuplicateEmployeeId,
            ProblemClass::UnknownManager,
            ProblemClass::EmptyValue,
            ProblemClass::TooFewFields,
            ProblemClass::TooManyValues,
            ProblemClass::InvalidFte,
            ProblemClass::InvalidHireDate,
            ProblemClass::OwnManager,
            ProblemClass::ReportingCycle,
            ProblemClass::RepeatedHeader,
            ProblemClass::UnknownLevel,
            ProblemClass::UnknownSubject,
            ProblemClass::DuplicateEntry,
            ProblemClass::NoLevel,
            ProblemClass::EmptyDomain,
            ProblemClass::Other,
        ];
        let mut more: More =
            classes.into_iter().map(|c| (c, self.counted[c as usize])).filter(|&(_, n)| n > 0).collect();
        // The most frequent first; a stable sort keeps the order above among equals.
        more.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        (kept, more)
    }
}

impl<P: Ranked> From<Vec<P>> for Collector<P> {
    fn from(problems: Vec<P>) -> Collector<P> {
        let mut c = Collector::new();
        for p in problems {
            c.push(p);
        }
        c
    }
}
