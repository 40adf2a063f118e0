//! See `setup_core::fuzzing::listener_request` for the input format and the invariants asserted.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    setup_core::fuzzing::listener_request(data);
});
