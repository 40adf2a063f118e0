//! See `setup_core::fuzzing::workspace_url` for the input format and the invariants asserted.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    setup_core::fuzzing::workspace_url(data);
});
