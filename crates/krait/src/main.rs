//! The `krait` command (Modules/main.c, Programs/python.c).
//!
//! For now it offers Krait's implementation-specific dump options:
//! `krait -X dump=ast FILE` prints what CPython prints for
//! `ast.dump(ast.parse(source, FILE), include_attributes=True)`.

use std::io::Write;
use std::process::ExitCode;

/// Deeply nested source recurses deeply in the parser; give it room.
const PARSER_STACK_SIZE: usize = 256 * 1024 * 1024;

fn usage() -> ExitCode {
    eprintln!("usage: krait -X dump=ast FILE");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [flag, option, file] = args.as_slice() else {
        return usage();
    };
    if flag != "-X" || option != "dump=ast" {
        return usage();
    }
    let source = match std::fs::read(file) {
        Ok(source) => source,
        Err(e) => {
            eprintln!("krait: can't open file '{file}': {e}");
            return ExitCode::from(2);
        }
    };
    let dump = std::thread::Builder::new()
        .stack_size(PARSER_STACK_SIZE)
        .spawn(move || krait_parser::dump_ast_or_error(&source))
        .expect("spawn the parser thread")
        .join()
        .expect("the parser thread does not panic");
    // A reader that stops early (`| head`) is not an error worth a panic;
    // CPython exits with status 120 when it cannot flush stdout.
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{dump}").and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(120),
    }
}
