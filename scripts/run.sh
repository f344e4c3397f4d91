#!/usr/bin/env bash
# Sets up and launches Kader. Until the desktop window lands (issue 3), this builds the `kader`
# command line, creates a demo workspace from the sample HR export and shows its analysis.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin kader
demo="$(mktemp -d)/demo.kader"
./target/release/kader new "$demo"
./target/release/kader import "$demo" tests/fixtures/hris/nl-semicolon-cp1252.csv
./target/release/kader analyze "$demo"
echo
echo "Demo workspace: $demo"
echo "Try: ./target/release/kader history \"$demo\"   (and: kader --help)"
