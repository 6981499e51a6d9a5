//! Fuzz target: arbitrary bytes through `krait_parser::parse_module`, which
//! must return Ok or a SyntaxError and never panic, overflow or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The stack the `krait` binary gives its parser thread: the parser's depth
/// guard keeps deeply nested source within it.
const PARSER_STACK_SIZE: usize = 256 * 1024 * 1024;

fuzz_target!(|source: &[u8]| {
    let source = source.to_vec();
    std::thread::Builder::new()
        .stack_size(PARSER_STACK_SIZE)
        .spawn(move || {
            let _ = krait_parser::parse_module(&source);
        })
        .expect("spawn the parser thread")
        .join()
        .expect("the parser thread does not panic");
});
