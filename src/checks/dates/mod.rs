//! D2xx: dates. Calendar dates that do not exist, dates that cannot be read, ranges that end
//! before they start or cross a year without saying so, phases that overlap, and times that
//! fall outside the period or phase they belong to.
//!
//! Nothing here rolls an impossible date over (2023年6月31日 is not 1 July). Dates without a
//! year took one from context in the model; where that guess is what makes a time look out of
//! place (a step written 1月10日 in a phase running from November to March), the checks also
//! try the following year before reporting, so that a cross-year plan is not flagged for the
//! model's reading rather than for what the notice says.

use chrono::{Datelike, NaiveDate};

mod acceptance;
mod deadlines;
mod outside;
mod phases;
mod readings;
mod sections;
mod stages;
mod times;
mod written;
mod years;
pub use acceptance::acceptance_before_completion;
pub use deadlines::{deadline_before_issue, task_after_plan};
pub use outside::{outside_phase, outside_plan};
pub use phases::phases_overlap;
pub use stages::stages_out_of_order;
pub use written::{crosses_year, ends_before_start, no_such_date, unreadable, year_out_of_range};
pub use years::years_disagree;

use super::Findings;
use crate::date::{format_chinese, resolve, DatePoint, DateProblem, Time, TimeKind, YEAR_RANGE};
use crate::diagnostics::{Severity, Span};
use crate::model::{Phase, Step, Task};
use readings::*;
use times::*;
