#!/usr/bin/env bash
# Runs one of policyc's cargo-fuzz targets, seeded with the notices in policies/ and a few
# synthetic ones (copied in at run time; corpora are not committed).
#
#   fuzz/run.sh parse            # 10 minutes
#   fuzz/run.sh checks 60        # a 60-second smoke run
#   SANITIZER=address fuzz/run.sh render 600
#   KEEP_GOING=1 fuzz/run.sh render 300   # record every crash and go on (libFuzzer fork mode)
#   FUZZ_SKIP_ORACLES=html_links,mermaid_tasks fuzz/run.sh render   # oracles not checked
#
# Needs cargo-fuzz (cargo install cargo-fuzz) and a C++ compiler (libFuzzer is built from
# source). cargo-fuzz's default sanitizer needs unstable compiler options; on a stable
# toolchain they are enabled with RUSTC_BOOTSTRAP=1. The default here is no sanitizer:
# policyc is safe Rust, and what fuzzing finds in it is panics, hangs and runaway memory,
# which libFuzzer catches without one (debug assertions, so overflows panic, stay on).
# Crashing inputs land in fuzz/artifacts/TARGET/; keep each as a regression test in
# tests/fuzz_regressions/TARGET/ (see fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh parse|checks|render [SECONDS]}
seconds=${2:-600}
sanitizer=${SANITIZER:-none}

corpus=corpus/$target
mkdir -p "$corpus" "artifacts/$target"
cp ../policies/*.policy "$corpus"/
# Earlier crashes are seeds too.
if [ -d "../tests/fuzz_regressions/$target" ]; then
  cp ../tests/fuzz_regressions/"$target"/* "$corpus"/ 2>/dev/null || true
fi
if [ "$target" = checks ]; then
  # The checks target reads a seed and mutations, not policy text: seed it with short
  # byte strings (the first eight bytes choose the synthetic notice).
  for i in $(seq 1 16); do printf '%08d' "$i" > "$corpus/seed-$i"; done
fi

args=(run "$target" "$corpus" --sanitizer "$sanitizer" --fuzz-dir .)
if [ "$sanitizer" != none ]; then
  export RUSTC_BOOTSTRAP=1
fi
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
  args+=(--target-dir "$CARGO_TARGET_DIR")
fi
keep_going=()
if [ -n "${KEEP_GOING:-}" ]; then
  # One worker process; a crash is saved to artifacts/ and the run goes on, so that a bug
  # the oracles find at once does not hide the others.
  keep_going=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
exec cargo fuzz "${args[@]}" -- \
  "${keep_going[@]}" \
  -max_total_time="$seconds" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -max_len=65536 \
  -dict=policy.dict \
  -print_final_stats=1 \
  -artifact_prefix="artifacts/$target/"
