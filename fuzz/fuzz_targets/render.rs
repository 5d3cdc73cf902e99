//! cargo fuzz target `render`: see fuzz/README.md and `policyc_fuzz::render`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| policyc_fuzz::render(data));
