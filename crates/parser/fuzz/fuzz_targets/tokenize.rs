//! Fuzz target: the tokenizer alone over decoded source, pulled until an
//! error or ENDMARKER. It must never panic, and must end: a loop bounded
//! well past any real token count panics if the tokenizer keeps going.
#![no_main]

use krait_parser::source::decode_source;
use krait_parser::token::TokenKind;
use krait_parser::tokenizer::Tokenizer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|source: &[u8]| {
    let Ok(decoded) = decode_source(source) else {
        return;
    };
    let text = &decoded.text;
    let mut tokenizer = Tokenizer::new(text, 1);
    let max_tokens = 10 * text.len() + 100;
    for _ in 0..max_tokens {
        match tokenizer.next_token() {
            Ok(token) if token.kind == TokenKind::EndMarker => return,
            Ok(_) => {}
            Err(_) => return,
        }
    }
    panic!(
        "no ENDMARKER after {max_tokens} tokens from {} bytes",
        text.len()
    );
});
