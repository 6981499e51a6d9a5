//! Finds CPython 3.11's standard library when Krait is built, so that a
//! freshly built `krait` puts it on `sys.path` with no set-up: the
//! directory `python3.11` (or `python3`, if it is a 3.11) reports as its
//! `stdlib` path (`import::stdlib_dir` looks here last, after the
//! run-time overrides), and its micro version, which `sys.version_info`
//! reports.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=KRAIT_BUILD_PYTHON");
    let candidates = match std::env::var("KRAIT_BUILD_PYTHON") {
        Ok(python) => vec![python],
        Err(_) => vec!["python3.11".to_string(), "python3".to_string()],
    };
    let query = "import sys, sysconfig; \
                 sys.version_info[:2] == (3, 11) and \
                 print(sys.version_info[2], sysconfig.get_path('stdlib'))";
    let found = candidates.iter().find_map(|python| {
        let output = Command::new(python).args(["-c", query]).output().ok()?;
        let text = String::from_utf8(output.stdout).ok()?;
        let (micro, path) = text.trim().split_once(' ')?;
        output
            .status
            .success()
            .then(|| (micro.to_string(), path.to_string()))
    });
    let (micro, path) = found.unwrap_or_else(|| ("0".to_string(), String::new()));
    println!("cargo:rustc-env=KRAIT_CPYTHON_STDLIB={path}");
    println!("cargo:rustc-env=KRAIT_CPYTHON_MICRO={micro}");
}
