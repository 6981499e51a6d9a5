//! The `krait` command's dumps against CPython's (tools/oracle/):
//!
//! - `krait -X dump=ast FILE` prints what CPython prints for
//!   `print(ast.dump(ast.parse(source, FILE), include_attributes=True))`,
//!   or for a file that does not parse one line with CPython's error;
//! - `krait [-O | -OO] -X dump=code FILE` prints what code_dump.py prints
//!   for the file after its `file FILE` line: the code objects, or one
//!   line with CPython's error.
//!
//! Either exits 0 whether the file compiles or not. Lib as a whole is
//! compared in the parser's and the compiler's own tests; these check the
//! command line around the dumps.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What the oracle `script` prints for `file`, run with `options`.
fn oracle(script: &str, options: &[&str], file: &Path) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tools/oracle")
        .join(script);
    let output = Command::new("python3")
        .arg(script)
        .args(options)
        .arg(file)
        .output()
        .expect("this test needs CPython 3.11 as `python3`");
    assert!(
        output.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn krait(args: &[&str], file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_krait"))
        .args(args)
        .arg(file)
        .output()
        .expect("run krait")
}

/// Writes `source` to a file of this test process's own directory.
fn source_file(name: &str, source: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("krait-dumps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary directory");
    let file = dir.join(name);
    std::fs::write(&file, source).expect("write the source");
    file
}

/// Runs `krait ARGS FILE`, checks that it exits 0, and returns its output.
fn krait_dump(args: &[&str], file: &Path) -> String {
    let output = krait(args, file);
    assert_eq!(
        output.status.code(),
        Some(0),
        "krait {args:?} exits 0; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn check_ast(name: &str, source: &[u8]) {
    let file = source_file(name, source);
    assert_eq!(
        krait_dump(&["-X", "dump=ast"], &file),
        oracle("ast_dump.py", &[], &file),
        "dump of {name}"
    );
}

/// Compares `krait OPTIONS -X dump=code` with code_dump.py given its
/// one `oracle_option` (it takes `-O` or `-OO`, not `-O -O`).
fn check_code(name: &str, options: &[&str], oracle_option: Option<&str>, source: &[u8]) {
    let file = source_file(name, source);
    let expected = oracle("code_dump.py", oracle_option.as_slice(), &file);
    let expected = expected
        .split_once('\n')
        .filter(|(first, _)| first.starts_with("file "))
        .expect("the oracle starts with a `file FILE` line")
        .1;
    let args: Vec<&str> = options.iter().copied().chain(["-X", "dump=code"]).collect();
    assert_eq!(
        krait_dump(&args, &file),
        expected,
        "code dump of {name} with {options:?}"
    );
}

#[test]
fn a_valid_module_dumps_as_in_cpython() {
    check_ast("valid.py", "# -*- coding: utf-8 -*-\nclass C(B, metaclass=M):\n    x: int = f'{a!r:>{w}}' 'é'\n    async def f(*, k=0, **kw) -> None:\n        return [i async for i in g() if i]\n".as_bytes());
}

#[test]
fn a_syntax_error_prints_one_line_as_in_cpython() {
    check_ast("invalid.py", b"if x\n    pass\n");
}

#[test]
fn an_indentation_error_prints_one_line_as_in_cpython() {
    check_ast("indent.py", b"if x:\n    y\n  z\n");
}

#[test]
fn null_bytes_are_a_syntax_error_without_location_as_in_cpython() {
    check_ast("nul.py", b"x = 1\0\n");
}

/// A docstring, an assert and `__debug__` are what `-O` and `-OO` change;
/// the nested function and the class give the dump more than one code
/// object.
const OPTIMIZED_AWAY: &str = "\"\"\"The module's docstring.\"\"\"\n\
def f(x):\n    \"\"\"f's docstring.\"\"\"\n    assert x, 'no x'\n    def g():\n        return x + 1\n    return g\n\
class C:\n    \"\"\"C's docstring.\"\"\"\n    if __debug__:\n        y = 2\n";

#[test]
fn code_dumps_as_in_cpython_at_each_optimization_level() {
    for (options, oracle_option) in [
        (&[][..], None),
        (&["-O"], Some("-O")),
        (&["-OO"], Some("-OO")),
        (&["-O", "-O"], Some("-OO")),
        (&["-OOO"], Some("-OO")),
    ] {
        check_code(
            "optimized_away.py",
            options,
            oracle_option,
            OPTIMIZED_AWAY.as_bytes(),
        );
    }
}

#[test]
fn a_file_that_does_not_compile_prints_cpythons_error_line() {
    check_code("outside.py", &[], None, b"x = 1\nreturn x\n");
    check_code("invalid_code.py", &[], None, b"if x\n    pass\n");
}

#[test]
fn bad_arguments_print_the_usage_and_exit_2() {
    let file = source_file("usage.py", b"x = 1\n");
    for args in [&["-X", "dump=bytecode"][..], &["-Q", "-X", "dump=code"]] {
        let output = krait(args, &file);
        assert_eq!(output.status.code(), Some(2), "krait {args:?} FILE");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("\nusage: "),
            "krait {args:?} FILE prints the usage"
        );
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_dump_with_status_120_not_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let file = source_file("pipe.py", "x = 1\n".repeat(20_000).as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_krait"))
        .args(["-X", "dump=ast"])
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run krait");
    let mut start = [0u8; 10];
    child
        .stdout
        .take()
        .expect("piped stdout")
        .read_exact(&mut start)
        .expect("read the start of the dump");
    let output = child.wait_with_output().expect("wait for krait");
    assert_eq!(output.status.code(), Some(120));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
