pub mod bounded;
pub mod decisions;
pub mod hris;
pub mod sync;
