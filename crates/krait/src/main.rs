//! The `krait` command (Modules/main.c, Programs/python.c).
//!
//! For now it offers Krait's implementation-specific dump options:
//! `krait -X dump=ast FILE` prints what CPython prints for
//! `ast.dump(ast.parse(source, FILE), include_attributes=True)`.

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
        .spawn(move || dump_ast(&source))
        .expect("spawn the parser thread")
        .join()
        .expect("the parser thread does not panic");
    println!("{dump}");
    ExitCode::SUCCESS
}

/// The dump of a file, or its error line.
fn dump_ast(source: &[u8]) -> String {
    if source.contains(&0) {
        return "ValueError None:None:None:None:: source code string cannot contain null bytes".into();
    }
    match krait_parser::parse_module(source) {
        Ok(module) => krait_parser::dump::dump(&module),
        Err(error) => error.dump_line(),
    }
}
