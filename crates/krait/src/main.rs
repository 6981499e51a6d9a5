//! The `krait` command (Modules/main.c, Programs/python.c).
//!
//! For now it offers Krait's implementation-specific dump options:
//!
//! - `krait -X dump=ast FILE` prints what CPython prints for
//!   `ast.dump(ast.parse(source, FILE), include_attributes=True)`;
//! - `krait [-O | -OO] -X dump=code FILE` prints the code objects
//!   `compile(source, FILE, "exec", optimize=...)` gives, as
//!   tools/oracle/code_dump.py prints CPython's.
//!
//! `-O` and `-OO` are counted as CPython counts them: `-OO` is `-O -O`,
//! and a level above 2 does what 2 does. They change nothing in the AST,
//! as they change nothing in what `ast.parse` returns.

use std::io::Write;
use std::process::ExitCode;

/// Deeply nested source recurses deeply in the parser and the compiler;
/// give them room.
const STACK_SIZE: usize = 256 * 1024 * 1024;

fn usage() -> ExitCode {
    eprintln!("usage: krait [-O | -OO] -X dump=ast|dump=code FILE");
    ExitCode::from(2)
}

enum Dump {
    Ast,
    Code,
}

struct Arguments {
    dump: Dump,
    optimize: u8,
    file: String,
}

/// Options first, then the file, as in CPython, where what follows the
/// file would be the program's own arguments (which nothing runs yet).
fn parse_arguments(args: &[String]) -> Option<Arguments> {
    let (file, options) = args.split_last()?;
    let mut dump = None;
    let mut optimize = 0u8;
    let mut options = options.iter();
    while let Some(option) = options.next() {
        match option.as_str() {
            "-X" => {
                dump = Some(match options.next()?.as_str() {
                    "dump=ast" => Dump::Ast,
                    "dump=code" => Dump::Code,
                    _ => return None,
                })
            }
            // Short options combine, so `-OO` is two `-O`.
            o if o.len() > 1 && o.starts_with('-') && o[1..].bytes().all(|b| b == b'O') => {
                optimize = (usize::from(optimize) + o.len() - 1).min(2) as u8;
            }
            _ => return None,
        }
    }
    if file.starts_with('-') {
        return None;
    }
    Some(Arguments {
        dump: dump?,
        optimize,
        file: file.clone(),
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(Arguments {
        dump,
        optimize,
        file,
    }) = parse_arguments(&args)
    else {
        return usage();
    };
    let source = match std::fs::read(&file) {
        Ok(source) => source,
        Err(e) => {
            eprintln!("krait: can't open file '{file}': {e}");
            return ExitCode::from(2);
        }
    };
    let mut text = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || match dump {
            Dump::Ast => krait_parser::dump_ast_or_error(&source),
            Dump::Code => krait_compiler::dump_code_or_error(&source, &file, optimize),
        })
        .expect("spawn the compiler thread")
        .join()
        .expect("the compiler thread does not panic");
    // A code dump ends each line with a newline; the AST's one line and an
    // error line do not.
    if !text.ends_with('\n') {
        text.push('\n');
    }
    // A reader that stops early (`| head`) is not an error worth a panic;
    // CPython exits with status 120 when it cannot flush stdout.
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(120),
    }
}
