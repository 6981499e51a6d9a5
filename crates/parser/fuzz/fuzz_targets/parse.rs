//! Fuzz target: arbitrary bytes through `krait_parser::parse_module`, which
//! must return Ok or a SyntaxError and never panic, overflow or hang.
#![no_main]

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;

/// The stack the `krait` binary gives its parser thread: the parser's depth
/// guard keeps deeply nested source within it.
const PARSER_STACK_SIZE: usize = 256 * 1024 * 1024;

/// One long-lived thread with the parser's stack that parses each input.
/// Spawning a thread per input would cost more than most parses: the
/// address sanitizer clears the shadow of the whole stack for each thread.
/// A panic on it aborts the process (libfuzzer-sys's panic hook), so
/// libFuzzer still sees it as a crash of this input.
struct ParserThread {
    inputs: Sender<Vec<u8>>,
    parsed: Receiver<()>,
}

impl ParserThread {
    fn spawn() -> ParserThread {
        let (inputs, inputs_rx) = mpsc::channel::<Vec<u8>>();
        let (parsed_tx, parsed) = mpsc::channel();
        std::thread::Builder::new()
            .stack_size(PARSER_STACK_SIZE)
            .spawn(move || {
                for source in inputs_rx {
                    let _ = krait_parser::parse_module(&source);
                    parsed_tx.send(()).expect("the fuzz target waits");
                }
            })
            .expect("spawn the parser thread");
        ParserThread { inputs, parsed }
    }

    fn parse(&self, source: &[u8]) {
        self.inputs
            .send(source.to_vec())
            .expect("the parser thread runs");
        self.parsed.recv().expect("the parser thread answers");
    }
}

static PARSER_THREAD: OnceLock<Mutex<ParserThread>> = OnceLock::new();

fuzz_target!(|source: &[u8]| {
    PARSER_THREAD
        .get_or_init(|| Mutex::new(ParserThread::spawn()))
        .lock()
        .expect("one input at a time")
        .parse(source);
});
