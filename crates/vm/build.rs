//! Finds CPython 3.11's standard library when Krait is built, so that a
//! freshly built `krait` puts it on `sys.path` with no set-up: the
//! directory `python3.11` (or `python3`, if it is a 3.11) reports as its
//! `stdlib` path (`import::stdlib_dir` looks here last, after the
//! run-time overrides), and its micro version, which `sys.version_info`
//! reports. It also stamps the bytecode Krait's front end makes: the
//! magic number of its `.pyc` files is derived from the sources of the
//! parser, the compiler and `marshal`, so that a Krait whose compiler
//! changed does not run code another one cached (CPython bumps its
//! magic number by hand for the same reason).

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
    println!("cargo:rustc-env=KRAIT_BYTECODE_MAGIC={}", bytecode_magic());
}

/// A number in 20000..65000, well away from CPython's (3000s), that
/// changes with the sources that decide what a `.pyc` holds.
fn bytecode_magic() -> u64 {
    let sources = [
        "../parser/src",
        "../parser/ast.asdl",
        "../compiler/src",
        "src/modules/marshal.rs",
    ];
    let mut files = Vec::new();
    for source in sources {
        println!("cargo:rerun-if-changed={source}");
        collect_files(std::path::Path::new(source), &mut files);
    }
    files.sort();
    // FNV-1a over each file's path and contents.
    let mut hash: u64 = 0xcbf29ce484222325;
    for file in files {
        let contents = std::fs::read(&file).unwrap_or_default();
        for byte in file.to_string_lossy().bytes().chain(contents) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x100000001b3);
        }
    }
    20000 + hash % 45000
}

fn collect_files(path: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                collect_files(&entry.path(), files);
            }
        }
        Err(_) => files.push(path.to_path_buf()),
    }
}
