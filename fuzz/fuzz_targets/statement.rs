#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| psdoc_fuzz::statement(data));
