//! The command line: each case runs `krait ARGS` and `python3 ARGS` in
//! `tests/programs/`, and they must print the same stdout and stderr and
//! exit with the same status. Where a message names the program
//! (`usage: PROGRAM ...`, `PROGRAM: can't open file ...`), each side's own
//! path is replaced by `PROGRAM` before comparing.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs")
}

/// The program's full path, as it names itself in messages.
fn full_path(program: &str) -> String {
    let output = Command::new(program)
        .args(["-c", "import sys; print(sys.orig_argv[0])"])
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// stdout, stderr and the status, with the program's name replaced.
fn run(program: &str, args: &[&str], env: &[(&str, &str)], stdin: &str) -> (String, String, i32) {
    let mut child = Command::new(program)
        .args(args)
        .current_dir(corpus())
        .env("PYTHONHASHSEED", "0")
        .env_remove("PYTHONPATH")
        .env_remove("PYTHONWARNINGS")
        .env_remove("PYTHONDONTWRITEBYTECODE")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let output = child.wait_with_output().expect("wait for the program");
    let name = full_path(program);
    let clean = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&name, "PROGRAM");
    (
        clean(&output.stdout),
        clean(&output.stderr),
        output.status.code().unwrap_or(-1),
    )
}

fn krait() -> String {
    env!("CARGO_BIN_EXE_krait").to_string()
}

/// One run: the arguments, extra environment variables and stdin.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);

/// Runs each case with both and lists the differences.
fn compare(cases: &[Case]) {
    support::check_cpython();
    let krait = krait();
    let mut failures = Vec::new();
    for (args, env, stdin) in cases {
        let expected = run("python3", args, env, stdin);
        let actual = run(&krait, args, env, stdin);
        if expected != actual {
            failures.push(format!(
                "{args:?} {env:?}:\n  krait:   {actual:?}\n  CPython: {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const SHOW_SYS: &str =
    "import sys; print(sys.argv, sys.flags, sys.warnoptions, sys._xoptions, __debug__)";

#[test]
fn options_set_sys_flags_argv_and_warnoptions() {
    compare(&[
        (&["-c", SHOW_SYS], &[], ""),
        (&["-c", SHOW_SYS, "a", "-b", "--c"], &[], ""),
        (&["-O", "-c", SHOW_SYS], &[], ""),
        (&["-OO", "-c", SHOW_SYS], &[], ""),
        (&["-OOO", "-c", SHOW_SYS], &[], ""),
        (
            &["-bB", "-d", "-q", "-s", "-S", "-u", "-c", SHOW_SYS],
            &[],
            "",
        ),
        (&["-bb", "-c", SHOW_SYS], &[], ""),
        (&["-E", "-c", SHOW_SYS], &[("PYTHONOPTIMIZE", "2")], ""),
        (&["-I", "-c", SHOW_SYS], &[("PYTHONVERBOSE", "1")], ""),
        (&["-P", "-c", SHOW_SYS], &[], ""),
        (
            &[
                "-Wdefault",
                "-W",
                "error::DeprecationWarning",
                "-c",
                SHOW_SYS,
            ],
            &[],
            "",
        ),
        (
            &["-X", "dev", "-W", "error", "-c", SHOW_SYS],
            &[("PYTHONWARNINGS", "ignore,once")],
            "",
        ),
        (&["-X", "a=b", "-Xc", "-X", "utf8", "-c", SHOW_SYS], &[], ""),
        (&["-X", "int_max_str_digits=1000", "-c", SHOW_SYS], &[], ""),
        (&["-X", "warn_default_encoding", "-c", SHOW_SYS], &[], ""),
        (
            &["-c", SHOW_SYS],
            &[("PYTHONOPTIMIZE", "1"), ("PYTHONDONTWRITEBYTECODE", "x")],
            "",
        ),
        (
            &["-c", SHOW_SYS],
            &[("PYTHONINTMAXSTRDIGITS", "5000"), ("PYTHONUTF8", "1")],
            "",
        ),
        (
            &["-c", SHOW_SYS],
            &[("PYTHONSAFEPATH", "1"), ("PYTHONDEVMODE", "1")],
            "",
        ),
        (
            &["-c", SHOW_SYS],
            &[("PYTHONHASHSEED", "random"), ("PYTHONNOUSERSITE", "1")],
            "",
        ),
        (
            &["-c", "import sys; print(sys.orig_argv[1:], sys.path[0])"],
            &[],
            "",
        ),
        (
            &["-I", "-c", "import sys; print(sys.path[0] != '')"],
            &[],
            "",
        ),
    ]);
}

#[test]
fn programs_come_from_c_m_a_file_or_stdin() {
    compare(&[
        (&["import_basics.py", "x"], &[], ""),
        (
            &["-", "a", "b"],
            &[],
            "import sys; print(sys.argv, __name__)\n",
        ),
        (
            &[],
            &[],
            "import sys; print(sys.argv, __name__, sys.path[0])\n",
        ),
        (&["-m", "importable.helper_mod", "arg"], &[], ""),
        (&["-m", "importable.runnable", "a", "b"], &[], ""),
        (&["-m", "importable.runnable.__main__"], &[], ""),
        (&["-x", "import_basics.py"], &[], ""),
        (&["-c", "raise SystemExit(3)"], &[], ""),
        (&["-c", "import sys; sys.exit('bye')"], &[], ""),
        (&["-c", "1/0"], &[], ""),
    ]);
}

/// Imports a new module from a new directory and lists what its
/// `__pycache__` then holds, the cache tag named TAG.
const WRITE_PYC: &str = "import os, sys, tempfile\n\
    top = tempfile.mkdtemp(); sys.path.insert(0, top)\n\
    open(os.path.join(top, 'fresh.py'), 'w').write('X = 1')\n\
    import fresh\n\
    cache = os.path.join(top, '__pycache__')\n\
    print(sys.dont_write_bytecode, [n.replace(sys.implementation.cache_tag, 'TAG') \
    for n in (os.listdir(cache) if os.path.isdir(cache) else [])])\n\
    import shutil; shutil.rmtree(top)";

#[test]
fn bytecode_is_cached_unless_b_or_pythondontwritebytecode() {
    compare(&[
        (&["-c", WRITE_PYC], &[], ""),
        (&["-B", "-c", WRITE_PYC], &[], ""),
        (&["-c", WRITE_PYC], &[("PYTHONDONTWRITEBYTECODE", "1")], ""),
        (&["-O", "-c", WRITE_PYC], &[], ""),
    ]);
}

#[test]
fn standard_streams_follow_u_and_the_pythonio_variables() {
    let show = "import sys\n\
        for s in (sys.stdin, sys.stdout, sys.stderr):\n\
        \x20   print(s.name, s.encoding, s.errors, s.line_buffering, s.write_through, type(s.buffer).__name__)\n\
        print('\\u00e9\\u20ac')";
    let buffered = [("PYTHONUNBUFFERED", "")];
    compare(&[
        (&["-c", show], &buffered, ""),
        (&["-u", "-c", show], &buffered, ""),
        (&["-c", show], &[("PYTHONUNBUFFERED", "1")], ""),
        (
            &["-c", show],
            &[("PYTHONUNBUFFERED", ""), ("PYTHONIOENCODING", "latin-1")],
            "",
        ),
        (
            &["-c", show],
            &[("PYTHONUNBUFFERED", ""), ("PYTHONIOENCODING", ":replace")],
            "",
        ),
        (
            &["-c", show],
            &[("PYTHONIOENCODING", "ascii:backslashreplace")],
            "",
        ),
        (
            &["-E", "-c", show],
            &[("PYTHONIOENCODING", "ascii:backslashreplace")],
            "",
        ),
        (
            &["-c", "import sys; print(repr(sys.stdin.read()))"],
            &[],
            "abc\r\nd\u{e9}f\n",
        ),
        (
            &["-c", "print(input('name? ')); print(input()); input()"],
            &[],
            "x\ny",
        ),
        (
            &[
                "-c",
                "import sys; print('out'); print('err', file=sys.stderr); 1/0",
            ],
            &buffered,
            "",
        ),
    ]);
}

#[test]
fn bad_command_lines_and_missing_programs_fail_as_in_cpython() {
    compare(&[
        (&["-z"], &[], ""),
        (&["-c"], &[], ""),
        (&["-W"], &[], ""),
        (&["-X"], &[], ""),
        (&["-m"], &[], ""),
        (&["--foo"], &[], ""),
        (
            &["--check-hash-based-pycs", "sometimes", "-c", "pass"],
            &[],
            "",
        ),
        (&["-X", "int_max_str_digits=5", "-c", "pass"], &[], ""),
        (&["-c", "pass"], &[("PYTHONINTMAXSTRDIGITS", "7")], ""),
        (&["no_such_file.py"], &[], ""),
        (&["-m", "no_such_module"], &[], ""),
        (&["-m", "no_such_package.module"], &[], ""),
        (&["-m", "importable"], &[], ""),
        (&["-V"], &[], ""),
        (&["--version"], &[], ""),
    ]);
}

/// What the prompt reads in one go: expressions echoed, compound
/// statements ended by a blank line, brackets and triple-quoted strings
/// continued, errors reported and the loop going on.
const PROMPT_SESSION: &str = "1+1\nx = 5\nif x:\n    print(x)\n\nfor i in range(2):\n  i\n\n\
    (1,\n 2)\n\"\"\"a\nb\"\"\"\n1/0\nimport sys; sys.ps1 = 'P '\n3\ndef f(\n):\n  return 4\n\n\
    f()\n# comment\n\n1\n@dec\ndef f(): pass\n\nclass A: pass\n\nx=1; y=2\nx\nif 1: 3\n\n1 +\n\
    (\n\n1)\n_\nif 1:\n  pass\nelse:\n  9\n\ntry:\n  pass\n\nx = 1\n  y = 2\n'caf\u{e9}'\n";

#[test]
fn the_prompt_reads_statements_from_stdin_as_in_cpython() {
    let hooks =
        "import sys\nsys.displayhook = lambda v: print('shown', v)\n5\ndel sys.displayhook\n6\n\
        sys.excepthook = lambda *a: print('hooked', a[1])\n1/0\ndel sys.excepthook\n1/0\n";
    let startup = [("PYTHONSTARTUP", "importable/startup.py")];
    let missing_startup = [("PYTHONSTARTUP", "no_such_startup.py")];
    compare(&[
        (&["-i", "-q"], &[], PROMPT_SESSION),
        (&["-i", "-q"], &[], hooks),
        (&["-i", "-q"], &[], "raise SystemExit(7)\n"),
        (&["-i", "-q"], &[], "exit\nquit(3)\n"),
        (&["-i", "-q"], &[], "raise SystemExit('bye')\n"),
        (&["-i", "-q"], &[], "if 1:\n  x = (1,\n"),
        (&["-i", "-q"], &[], "if 1:\n  x = 1"),
        (&["-i", "-q"], &[], "x = \\\n\n"),
        (&["-i", "-q"], &[], "def f():\n  return 1 +\n\n"),
        (&["-i", "-q"], &[], "5"),
        (&["-i", "-q"], &startup, "STARTED\n"),
        (&["-i", "-q"], &missing_startup, "1\n"),
        (&["-i", "-q", "-c", "x = 3"], &startup, "x\n"),
        (&["-i", "-q", "-c", "raise SystemExit(2)"], &[], "1\n"),
        (&["-i", "-q", "-c", "1/0"], &[], "print('after')\n"),
        (
            &["-i", "-q", "-c", "import sys; sys.ps1 = '$ '"],
            &[],
            "1\n",
        ),
    ]);
}

/// `sys.__interactivehook__` runs once before the first prompt; what it
/// raises is reported after "Failed calling sys.__interactivehook__",
/// and a SystemExit from it ends the process.
#[test]
fn the_interactive_hook_runs_before_the_prompt() {
    let set = |hook: &str| format!("import sys; sys.__interactivehook__ = {hook}");
    let (hooked, failing, exiting, exiting_text) = (
        set("lambda: print('hooked')"),
        set("lambda: 1/0"),
        set("lambda: sys.exit(4)"),
        set("lambda: sys.exit('no prompt')"),
    );
    compare(&[
        (&["-i", "-q", "-S", "-c", &hooked], &[], "1\n2\n"),
        (&["-i", "-q", "-S", "-c", &failing], &[], "1\n"),
        (&["-i", "-q", "-S", "-c", &exiting], &[], "1\n"),
        (&["-i", "-q", "-S", "-c", &exiting_text], &[], "1\n"),
        (
            &[
                "-i",
                "-q",
                "-S",
                "-c",
                "import sys; sys.__interactivehook__ = 5",
            ],
            &[],
            "1\n",
        ),
    ]);
}
