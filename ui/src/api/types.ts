/**
 * The API's types, generated from the Rust types (ts-rs) into `./generated/` by
 * `cargo run -p kader-api --bin gen-ts`; never written by hand. This module re-exports them under
 * the names the UI uses.
 */
export type * from './generated';
export type { HistoryStep as SeqAnswer, ChangeKind as EventKind, HitKind as SearchHitKind, Applied } from './generated';
