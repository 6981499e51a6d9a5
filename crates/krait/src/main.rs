//! The `krait` command (Modules/main.c, Programs/python.c): reads the
//! command line and the environment into a [`Config`] (cmdline.rs), then
//! runs the program it names as `__main__`: `-c CMD`, `-m MOD`, a file,
//! or stdin.
//!
//! Krait's own `-X dump=ast` and `-X dump=code` print, instead of running
//! a file, what CPython prints for `ast.dump(ast.parse(source, FILE),
//! include_attributes=True)` and the code objects `compile()` gives, as
//! tools/oracle/code_dump.py prints CPython's.

mod cmdline;

use cmdline::{CommandLine, Dump, Program, Stop};
use krait_vm::config::Config;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

/// Small blocks, most of what the interpreter allocates, come from
/// Krait's own free lists (CPython's pymalloc).
#[global_allocator]
static ALLOCATOR: krait_vm::obmalloc::SmallBlocks = krait_vm::obmalloc::SmallBlocks;

/// Deeply nested source recurses deeply in the parser and the compiler;
/// give them room.
const STACK_SIZE: usize = 256 * 1024 * 1024;

fn main() -> ExitCode {
    let mut args = std::env::args();
    let program_name = args.next().unwrap_or_else(|| "krait".to_string());
    let args: Vec<String> = args.collect();
    let line = match cmdline::parse(&program_name, &args) {
        Ok(line) => line,
        Err(Stop::Print(text)) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Err(Stop::Usage(message)) => {
            eprint!("{message}\n{}", cmdline::usage(&program_name));
            return ExitCode::from(2);
        }
        Err(Stop::Fatal(message)) => {
            eprint!("Fatal Python error: {message}\nPython runtime state: preinitialized\n\n");
            return ExitCode::from(1);
        }
    };
    match line.dump {
        Some(dump) => dump_file(&program_name, line, dump),
        None => run(&program_name, line),
    }
}

/// The source of a script file, or the message and status for one that
/// cannot be read.
fn read_script(program_name: &str, file: &str) -> Result<Vec<u8>, ExitCode> {
    std::fs::read(file).map_err(|e| {
        let path = std::path::absolute(file).unwrap_or_else(|_| file.into());
        eprintln!(
            "{program_name}: can't open file '{}': [Errno {}] {}",
            path.display(),
            e.raw_os_error().unwrap_or(0),
            krait_vm::exceptions::os_error_text(&e)
        );
        ExitCode::from(2)
    })
}

/// `-X dump=ast|code FILE`.
fn dump_file(program_name: &str, line: CommandLine, dump: Dump) -> ExitCode {
    let Program::File(file) = line.program else {
        eprint!("-X dump needs a file\n{}", cmdline::usage(program_name));
        return ExitCode::from(2);
    };
    let source = match read_script(program_name, &file) {
        Ok(source) => source,
        Err(status) => return status,
    };
    let optimize = line.config.optimize.min(2);
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

/// The program's source and the file name its code gets, and `sys.path[0]`:
/// the script's directory, "" (the current directory) for `-c` and stdin,
/// the current directory's full path for `-m`.
struct Main {
    source: Option<(Vec<u8>, String)>,
    path0: String,
}

fn main_program(program_name: &str, line: &CommandLine) -> Result<Main, ExitCode> {
    Ok(match &line.program {
        Program::Command(text) => Main {
            source: Some((text.clone().into_bytes(), "<string>".to_string())),
            path0: String::new(),
        },
        Program::Module(_) => Main {
            source: None,
            path0: std::env::current_dir()
                .map(|d| d.to_string_lossy().into_owned())
                .unwrap_or_default(),
        },
        Program::Stdin if prompt_on_stdin(line) => Main {
            source: None,
            path0: String::new(),
        },
        Program::Stdin => {
            let mut source = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut source) {
                eprintln!(
                    "{program_name}: can't read stdin: {}",
                    krait_vm::exceptions::os_error_text(&e)
                );
                return Err(ExitCode::from(2));
            }
            Main {
                source: Some((source, "<stdin>".to_string())),
                path0: String::new(),
            }
        }
        Program::File(file) => {
            let mut source = read_script(program_name, file)?;
            if line.skip_first_line {
                // The line goes but its newline stays, so line numbers
                // still match the file's.
                let end = source
                    .iter()
                    .position(|&b| b == b'\n')
                    .unwrap_or(source.len());
                source.drain(..end);
            }
            // As CPython since 3.9, the script's name is made absolute: it
            // is the `__file__` and the code's file name tracebacks show.
            let path = std::path::absolute(file).unwrap_or_else(|_| file.into());
            let dir = path.parent().map(|d| d.to_string_lossy().into_owned());
            Main {
                source: Some((source, path.to_string_lossy().into_owned())),
                path0: dir.unwrap_or_default(),
            }
        }
    })
}

/// Whether standard input is read at the prompt rather than as a script:
/// when it is a terminal, or with -i (`stdin_is_interactive`).
fn prompt_on_stdin(line: &CommandLine) -> bool {
    std::io::stdin().is_terminal() || line.config.interactive > 0
}

/// Runs the program as `__main__` on a thread with a large stack, then the
/// interactive prompt if asked for; the exit status is CPython's: 0, 1 for
/// an uncaught exception, or SystemExit's.
fn run(program_name: &str, line: CommandLine) -> ExitCode {
    let main = match main_program(program_name, &line) {
        Ok(main) => main,
        Err(status) => return status,
    };
    let prompt_only = matches!(line.program, Program::Stdin) && main.source.is_none();
    let mut config = line.config;
    config.executable = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    config.module_search_paths = search_path(&config);
    let path0 = (!config.safe_path).then_some(main.path0);
    let module = match line.program {
        Program::Module(name) => Some(name),
        _ => None,
    };
    let status = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || {
            let vm = krait_vm::Vm::new();
            vm.native_stack_size.set(STACK_SIZE);
            if let Err(e) = krait_vm::modules::sys::apply_config(&vm, &config) {
                return krait_vm::run::report_uncaught(&vm, &e.0);
            }
            if let Err(e) = krait_vm::import::init_importlib(&vm) {
                krait_vm::modules::io::write_stderr(
                    &vm,
                    "Fatal Python error: init_importlib: failed to initialize the import system\n\
                     Python runtime state: core initialized\n",
                );
                krait_vm::run::print_exception(&vm, &e.0);
                return finish(&vm, 1);
            }
            if let Err(e) = krait_vm::modules::signal::install_default_handlers(&vm) {
                return krait_vm::run::report_uncaught(&vm, &e.0);
            }
            if let Err(e) = krait_vm::run::add_main_module(&vm) {
                return krait_vm::run::report_uncaught(&vm, &e.0);
            }
            if config.no_site == 0 {
                if let Err(e) = krait_vm::import::import_module(&vm, "site") {
                    krait_vm::modules::io::write_stderr(
                        &vm,
                        "Fatal Python error: init_import_site: Failed to import the site module\n\
                         Python runtime state: initialized\n",
                    );
                    krait_vm::run::print_exception(&vm, &e.0);
                    return finish(&vm, 1);
                }
            }
            // The program's directory goes first once site has run, which
            // would have made "" absolute (`pymain_update_sys_path`).
            if let Some(path0) = path0 {
                if let Some(path) = krait_vm::modules::sys::sys_attr(&vm, &vm.intern("path")) {
                    let _ = vm.call_method(&path, "insert", &[vm.new_int(0), vm.new_str(&path0)]);
                }
            }
            let result = match (main.source, module) {
                (Some((source, file)), _) => vm.run_source(&source, &file, "__main__").map(|_| ()),
                (None, Some(name)) => krait_vm::import::run_module_as_main(&vm, &name),
                (None, None) => Ok(()),
            };
            let interrupted = result
                .as_ref()
                .is_err_and(|e| e.matches(&vm, &vm.exceptions.keyboard_interrupt));
            let inspect = config.inspect > 0 || prompt_only;
            let status = match result {
                Ok(()) => 0,
                // Before the prompt, even SystemExit is only reported.
                Err(e) if inspect => {
                    krait_vm::run::print_exception(&vm, &e.0);
                    1
                }
                Err(e) => krait_vm::run::report_uncaught(&vm, &e.0),
            };
            if !inspect {
                let status = finish(&vm, status);
                // As CPython, a program ended by Ctrl-C ends by SIGINT.
                if interrupted && status == 1 {
                    return krait_vm::modules::signal::exit_sigint();
                }
                return status;
            }
            if prompt_only {
                if config.quiet == 0 {
                    print_banner(&vm);
                }
                if let Err(e) = run_startup_file(&vm, &config) {
                    krait_vm::run::print_exception(&vm, &e.0);
                }
            }
            if let Some(status) = krait_vm::interactive::run_interactive_hook(&vm) {
                return finish(&vm, status);
            }
            let status = krait_vm::interactive::interactive_loop(&vm);
            finish(&vm, status)
        })
        .expect("spawn the interpreter thread");
    krait_vm::modules::signal::block_in_this_thread();
    let status = status.join().unwrap_or(1);
    ExitCode::from(status as u8)
}

/// The greeting of the interactive prompt, on standard error.
fn print_banner(vm: &krait_vm::Vm) {
    let version = krait_vm::modules::sys::sys_attr(vm, &vm.intern("version"))
        .and_then(|v| vm.str(&v).ok())
        .map(|v| krait_vm::objects::str::as_rust_str(&v).into_owned())
        .unwrap_or_default();
    krait_vm::modules::io::write_stderr(
        vm,
        &format!(
            "Python {version} on {}\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
            std::env::consts::OS
        ),
    );
}

/// PYTHONSTARTUP's file, run in `__main__` before the first prompt
/// (`pymain_run_startup`); unless -E or -I.
fn run_startup_file(vm: &krait_vm::Vm, config: &Config) -> krait_vm::PyResult<()> {
    if config.ignore_environment > 0 {
        return Ok(());
    }
    let Some(file) = std::env::var_os("PYTHONSTARTUP").filter(|f| !f.is_empty()) else {
        return Ok(());
    };
    let file = file.to_string_lossy().into_owned();
    match std::fs::read(&file) {
        Ok(source) => krait_vm::run::run_in_main(vm, &source, &file),
        Err(e) => {
            krait_vm::modules::io::write_stderr(
                vm,
                &format!(
                    "Could not open PYTHONSTARTUP\nFileNotFoundError: [Errno {}] {}: '{file}'\n",
                    e.raw_os_error().unwrap_or(0),
                    krait_vm::exceptions::os_error_text(&e)
                ),
            );
            Ok(())
        }
    }
}

/// The exit status once the interpreter is finalized: 120 if stdout
/// could not be flushed, as CPython's `Py_FinalizeEx` failing gives.
fn finish(vm: &krait_vm::Vm, status: i32) -> i32 {
    let flushed = krait_vm::modules::io::flush_std_files(vm);
    vm.finalize();
    // What finalizers printed.
    krait_vm::modules::io::flush_std_files(vm);
    if flushed {
        status
    } else {
        120
    }
}

/// `sys.path` as CPython starts it, before the program's directory is
/// put first: PYTHONPATH's directories (unless -E), then CPython 3.11's
/// standard library.
fn search_path(config: &Config) -> Vec<String> {
    let mut path = Vec::new();
    if config.ignore_environment == 0 {
        if let Some(extra) = std::env::var_os("PYTHONPATH") {
            path.extend(
                std::env::split_paths(&extra)
                    .filter(|p| !p.as_os_str().is_empty())
                    .map(|p| p.to_string_lossy().into_owned()),
            );
        }
    }
    path.extend(krait_vm::import::stdlib_dir().map(|dir| dir.to_string_lossy().into_owned()));
    path
}
