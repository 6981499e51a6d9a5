//! The interactive prompt at a terminal, with the `readline` module's
//! line editor: each session types the same keys into `krait` and into
//! `python3` under a pseudo-terminal (support/terminal.py, which waits
//! for the text before each key), and the screens they leave must be
//! the same, as must their exit statuses.
//!
//! The sessions run with -S and set up readline in PYTHONSTARTUP, so
//! they depend on no more of Lib than `readline` itself; the prompt
//! counts (`[3]>>> `) so that each key waits for the right prompt.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A startup file: the counting prompt, then the session's own lines.
fn startup(lines: &str) -> String {
    format!(
        "import sys, readline\n\
         class Prompt:\n    n = 0\n    def __str__(self):\n        Prompt.n += 1\n        return '[%d]>>> ' % Prompt.n\n\
         sys.ps1 = Prompt()\n{lines}"
    )
}

/// A session: the lines its startup file adds, and the keys typed.
struct Session {
    name: &'static str,
    startup: &'static str,
    steps: &'static str,
    /// Whether Lib's site runs, with its `sys.__interactivehook__` (which
    /// sets up readline with ~/.python_history) and a stand-in for
    /// rlcompleter, whose Lib version needs `_imp`, which Krait lacks.
    site: bool,
}

/// The stand-in for rlcompleter: names of builtins and `__main__`.
const RLCOMPLETER: &str = "import __main__, builtins, readline\n\
    class Completer:\n    \
        def complete(self, text, state):\n        \
            if state == 0:\n            \
                names = list(vars(builtins)) + list(vars(__main__))\n            \
                self.matches = sorted(n for n in names if n.startswith(text))\n        \
            return self.matches[state] if state < len(self.matches) else None\n\
    readline.set_completer(Completer().complete)\n";

/// The screen a session leaves and its exit status, for one program,
/// in a home of its own; with site, what ~/.python_history holds after.
fn screen(program: &str, tag: &str, session: &Session) -> String {
    let home: PathBuf = std::env::temp_dir().join(format!(
        "krait-terminal-{}-{tag}-{}",
        session.name,
        std::process::id()
    ));
    std::fs::create_dir_all(home.join("lib")).expect("make the session's home");
    let write =
        |name: &str, text: &str| std::fs::write(home.join(name), text).expect("write a file");
    write("startup.py", &startup(session.startup));
    write("lib/rlcompleter.py", RLCOMPLETER);
    write(".python_history", "print('from history')\n");
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/terminal.py");
    let mut command = Command::new("python3");
    command.arg(driver).args([program, "-q"]);
    if !session.site {
        command.arg("-S");
    }
    command
        .current_dir(&home)
        .env("HOME", &home)
        .env("TERM", "xterm")
        .env("PYTHONSTARTUP", home.join("startup.py"))
        .env("PYTHONPATH", home.join("lib"))
        .env("PYTHONHASHSEED", "0")
        .env_remove("INPUTRC");
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run the terminal driver");
    std::io::Write::write_all(
        &mut child.stdin.take().expect("piped stdin"),
        session.steps.as_bytes(),
    )
    .expect("give the driver its steps");
    let output = child.wait_with_output().expect("wait for the driver");
    let mut screen = String::from_utf8_lossy(&output.stdout).into_owned();
    if session.site {
        let history = std::fs::read_to_string(home.join(".python_history")).unwrap_or_default();
        screen.push_str(&format!("~/.python_history:\n{history}"));
    }
    let _ = std::fs::remove_dir_all(&home);
    screen
}

/// Runs one session under both programs and compares the screens.
fn session(session: Session) {
    support::check_cpython();
    let expected = screen("python3", "python3", &session);
    let got = screen(env!("CARGO_BIN_EXE_krait"), "krait", &session);
    assert!(
        !expected.contains("TIMEOUT"),
        "python3 did not finish the session {}:\n{expected}",
        session.name
    );
    assert_eq!(
        got, expected,
        "the screens of session {} differ",
        session.name
    );
}

/// Tab completion through the completer (the common prefix, then the
/// list), history recall with the up arrow, emacs keys, Ctrl-C at the
/// prompt, `input()` (a line, and Ctrl-D), continuation lines, and
/// Ctrl-D to leave.
#[test]
fn editing_completion_and_history() {
    session(Session {
        name: "editing",
        site: false,
        startup:         "words = ['print', 'private', 'property']\n\
         def complete(text, state):\n    \
             found = [w for w in words if w.startswith(text)]\n    \
             return found[state] if state < len(found) else None\n\
         readline.set_completer(complete)\n\
         readline.parse_and_bind('tab: complete')\n",
        steps: "[1]>>> \tprin\\t(6*7)\\r\n\
         [2]>>> \t\\x1b[A\\r\n\
         [3]>>> \t7*6\\x01print(\\x05)\\r\n\
         [4]>>> \tabc\n\
         abc\t\\x03\n\
         [5]>>> \tx = input('who' + '? ')\\r\n\
         who? \tbob\\r\n\
         [6]>>> \tx.upper()\\r\n\
         [7]>>> \tpr\\t\\t\n\
         property\t\\x03\n\
         [8]>>> \tfor i in range(2):\\r\n\
         ... \t  print(i * 11)\\r\n\
         ... \t\\r\n\
         [9]>>> \tinput('who' + '? ')\\r\n\
         who? \t\\x04\n\
         [10]>>> \t[readline.get_history_item(i) for i in range(1, readline.get_current_history_length() + 1)]\\r\n\
         [11]>>> \t\\x04\n",
    });
}

/// Tab inserts a tab until `parse_and_bind('tab: complete')`; what the
/// completer sees of the line (`get_line_buffer`, `get_begidx`,
/// `get_endidx`, `get_completion_type`); startup and pre-input hooks
/// that insert text; automatic history turned off.
#[test]
fn hooks_and_completer_state() {
    session(Session {
        name: "hooks",
        site: false,
        startup:         "seen = []\n\
         def complete(text, state):\n    \
             seen.append((text, state, readline.get_line_buffer(), readline.get_begidx(),\n                 \
                 readline.get_endidx(), readline.get_completion_type()))\n    \
             found = [w for w in ['seen', 'set'] if w.startswith(text)]\n    \
             return found[state] if state < len(found) else None\n\
         readline.set_completer(complete)\n",
        steps: "[1]>>> \t1 +\\t2\\r\n\
         [2]>>> \treadline.parse_and_bind('tab: complete')\\r\n\
         [3]>>> \tx = 1; se\\t\n\
         \\x07\t\\x03\n\
         [4]>>> \tseen\\r\n\
         [5]>>> \treadline.set_startup_hook(lambda: readline.insert_text('6*7'))\\r\n\
         [6]>>> \t\\r\n\
         [7]>>> \t\\x01\\x0breadline.set_startup_hook()\\r\n\
         [8]>>> \treadline.set_pre_input_hook(lambda: (readline.insert_text('2**10'), readline.redisplay()))\\r\n\
         [9]>>> \t\\r\n\
         [10]>>> \t\\x01\\x0breadline.set_pre_input_hook()\\r\n\
         [11]>>> \treadline.set_auto_history(False)\\r\n\
         [12]>>> \t'not kept'\\r\n\
         [13]>>> \treadline.get_history_item(readline.get_current_history_length())\\r\n\
         [14]>>> \treadline.get_line_buffer()\\r\n\
         [15]>>> \t\\x04\n",
    });
}

/// Lib's site: its `sys.__interactivehook__` runs before the first
/// prompt, binds Tab to complete, loads ~/.python_history (recalled with
/// the up arrow) and writes the session's lines back at exit.
#[test]
fn site_hook_and_history_file() {
    session(Session {
        name: "site",
        site: true,
        startup: "",
        steps: "[1]>>> \t\\x1b[A\\r\n\
                [2]>>> \tle\\t(\"ab\")\\r\n\
                [3]>>> \tprint('from history')\\r\n\
                [4]>>> \t\\x04\n",
    });
}
