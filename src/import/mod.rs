pub mod hris;
pub mod sync;
