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
    eprintln!("usage: krait [-O | -OO] [-X dump=ast|dump=code] (FILE | -c CMD) [ARG ...]");
    ExitCode::from(2)
}

enum Dump {
    Ast,
    Code,
}

/// What the program to run is: a file, or `-c`'s text.
enum Program {
    File(String),
    Command(String),
}

struct Arguments {
    dump: Option<Dump>,
    optimize: u8,
    program: Program,
    /// `sys.argv`: the program as given (`-c` for a command), then its
    /// arguments.
    argv: Vec<String>,
}

/// Options first, then the program; what follows the program is its own
/// arguments (`sys.argv[1:]`, once there is a `sys`), as in CPython.
fn parse_arguments(args: &[String]) -> Option<Arguments> {
    let mut dump = None;
    let mut optimize = 0u8;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-X" => {
                dump = Some(match args.next()?.as_str() {
                    "dump=ast" => Dump::Ast,
                    "dump=code" => Dump::Code,
                    _ => return None,
                })
            }
            "-c" => {
                let program = Program::Command(args.next()?.clone());
                let argv = std::iter::once("-c".to_string())
                    .chain(args.cloned())
                    .collect();
                return Some(Arguments {
                    dump,
                    optimize,
                    program,
                    argv,
                });
            }
            // Short options combine, so `-OO` is two `-O`.
            o if o.len() > 1 && o.starts_with('-') && o[1..].bytes().all(|b| b == b'O') => {
                optimize = (usize::from(optimize) + o.len() - 1).min(2) as u8;
            }
            o if o.starts_with('-') => return None,
            file => {
                let argv = std::iter::once(file.to_string())
                    .chain(args.cloned())
                    .collect();
                return Some(Arguments {
                    dump,
                    optimize,
                    program: Program::File(file.to_string()),
                    argv,
                });
            }
        }
    }
    None
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(Arguments {
        dump,
        optimize,
        program,
        argv,
    }) = parse_arguments(&args)
    else {
        return usage();
    };
    let (source, file) = match program {
        Program::Command(text) => (text.into_bytes(), "<string>".to_string()),
        Program::File(file) => match std::fs::read(&file) {
            Ok(source) => (source, file),
            Err(e) => {
                let path = std::path::absolute(&file).unwrap_or_else(|_| file.clone().into());
                eprintln!(
                    "krait: can't open file '{}': [Errno {}] {}",
                    path.display(),
                    e.raw_os_error().unwrap_or(0),
                    os_error_text(&e)
                );
                return ExitCode::from(2);
            }
        },
    };
    let Some(dump) = dump else {
        // As CPython since 3.9, the script's name is made absolute: it is
        // the `__file__` and the code's file name tracebacks show.
        let file = match std::path::absolute(&file) {
            Ok(path) if file != "<string>" => path.to_string_lossy().into_owned(),
            _ => file,
        };
        return run(source, file, argv, optimize);
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

/// The strerror text of an OS error, without Rust's " (os error N)".
fn os_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Runs a program as `__main__` on a thread with a large stack; the exit
/// status is CPython's: 0, 1 for an uncaught exception, or SystemExit's.
fn run(source: Vec<u8>, file: String, argv: Vec<String>, optimize: u8) -> ExitCode {
    let status = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || {
            let vm = krait_vm::Vm::new();
            vm.native_stack_size.set(STACK_SIZE);
            vm.set_optimize(optimize);
            krait_vm::modules::sys::set_argv(&vm, &argv);
            krait_vm::modules::sys::set_path(&vm, &search_path(&file));
            let status = match vm.run_source(&source, &file, "__main__") {
                Ok(_) => 0,
                Err(e) => krait_vm::run::report_uncaught(&vm, &e.0),
            };
            vm.flush_stdout();
            vm.finalize();
            vm.flush_stdout();
            status
        })
        .expect("spawn the interpreter thread")
        .join()
        .unwrap_or(1);
    ExitCode::from(status as u8)
}

/// `sys.path` as CPython starts it: the script's directory ("" for
/// `-c`, meaning the current one), PYTHONPATH's directories, then
/// CPython 3.11's standard library.
fn search_path(file: &str) -> Vec<String> {
    let first = match std::path::Path::new(file).parent() {
        Some(dir) if file != "<string>" => dir.to_string_lossy().into_owned(),
        _ => String::new(),
    };
    let mut path = vec![first];
    if let Some(extra) = std::env::var_os("PYTHONPATH") {
        path.extend(std::env::split_paths(&extra).map(|p| p.to_string_lossy().into_owned()));
    }
    path.extend(krait_vm::import::stdlib_dir().map(|dir| dir.to_string_lossy().into_owned()));
    path
}
