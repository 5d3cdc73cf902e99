//! cargo fuzz target `checks`: see fuzz/README.md and `policyc_fuzz::checks`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| policyc_fuzz::checks(data));
