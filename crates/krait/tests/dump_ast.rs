//! `krait -X dump=ast FILE` prints what CPython prints for
//! `print(ast.dump(ast.parse(source, FILE), include_attributes=True))`,
//! or for a file that does not parse one line with CPython's error, and
//! exits 0 either way.

use std::path::Path;
use std::process::Command;

fn oracle(file: &Path) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/oracle/ast_dump.py");
    let output = Command::new("python3")
        .arg(script)
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

fn krait(file: &Path) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_krait"))
        .args(["-X", "dump=ast"])
        .arg(file)
        .output()
        .expect("run krait");
    (
        String::from_utf8(output.stdout).expect("UTF-8"),
        output.status.code().unwrap_or(-1),
    )
}

fn check(name: &str, source: &[u8]) {
    let dir = std::env::temp_dir().join(format!("krait-dump-ast-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary directory");
    let file = dir.join(name);
    std::fs::write(&file, source).expect("write the source");
    let (out, status) = krait(&file);
    assert_eq!(status, 0, "krait -X dump=ast exits 0");
    assert_eq!(out, oracle(&file), "dump of {name}");
}

#[test]
fn a_valid_module_dumps_as_in_cpython() {
    check("valid.py", "# -*- coding: utf-8 -*-\nclass C(B, metaclass=M):\n    x: int = f'{a!r:>{w}}' 'é'\n    async def f(*, k=0, **kw) -> None:\n        return [i async for i in g() if i]\n".as_bytes());
}

#[test]
fn a_syntax_error_prints_one_line_as_in_cpython() {
    check("invalid.py", b"if x\n    pass\n");
}

#[test]
fn an_indentation_error_prints_one_line_as_in_cpython() {
    check("indent.py", b"if x:\n    y\n  z\n");
}

#[test]
fn null_bytes_are_a_syntax_error_without_location_as_in_cpython() {
    check("nul.py", b"x = 1\0\n");
}

#[test]
fn a_reader_that_stops_early_ends_the_dump_with_status_120_not_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let file = std::env::temp_dir().join(format!("krait-dump-pipe-{}.py", std::process::id()));
    std::fs::write(&file, "x = 1\n".repeat(20_000)).expect("write a source file");
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
    let _ = std::fs::remove_file(&file);
    assert_eq!(output.status.code(), Some(120));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
