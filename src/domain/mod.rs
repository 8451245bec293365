//! Plain types and rules, with no I/O: every function takes data and dates and returns
//! decisions with reasons (SPEC §1: logic never reads the wall clock).

pub mod account;
pub mod criteria;
pub mod explain;
pub mod refill;
pub mod retention;
pub mod routing;
pub mod rubric;
pub mod scorecard;
pub mod sentence;
pub mod standing;
pub mod username;
pub mod week;
