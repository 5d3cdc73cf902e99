//! cargo fuzz target `parse`: see fuzz/README.md and `policyc_fuzz::parse`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| policyc_fuzz::parse(data));
