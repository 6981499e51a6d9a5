//! Finds CPython 3.11's standard library when Krait is built, so that a
//! freshly built `krait` puts it on `sys.path` with no set-up: the
//! directory `python3.11` (or `python3`, if it is a 3.11) reports as its
//! `stdlib` path. `import::stdlib_dir` looks here last, after the
//! run-time overrides.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=KRAIT_BUILD_PYTHON");
    let candidates = match std::env::var("KRAIT_BUILD_PYTHON") {
        Ok(python) => vec![python],
        Err(_) => vec!["python3.11".to_string(), "python3".to_string()],
    };
    let query = "import sys, sysconfig; \
                 sys.version_info[:2] == (3, 11) and print(sysconfig.get_path('stdlib'))";
    let found = candidates.iter().find_map(|python| {
        let output = Command::new(python).args(["-c", query]).output().ok()?;
        let path = String::from_utf8(output.stdout).ok()?;
        let path = path.trim();
        (output.status.success() && !path.is_empty()).then(|| path.to_string())
    });
    println!(
        "cargo:rustc-env=KRAIT_CPYTHON_STDLIB={}",
        found.unwrap_or_default()
    );
}
