//! What the integration tests share: finding CPython 3.11, the oracle,
//! and running a program with a time limit.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Fails the test unless `python3` is CPython 3.11: the tests compare
/// with it and never skip without it.
pub fn check_cpython() {
    let version = Command::new("python3")
        .args(["-c", "import sys; print(sys.version_info[:2])"])
        .output()
        .expect("this test needs CPython 3.11 as `python3`");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        "(3, 11)",
        "this test needs CPython 3.11 as `python3`"
    );
}

/// The directory of CPython's Lib, where `python3` keeps it.
#[allow(dead_code)]
pub fn cpython_lib() -> PathBuf {
    check_cpython();
    let output = Command::new("python3")
        .args(["-c", "import os; print(os.path.dirname(os.__file__))"])
        .output()
        .expect("this test needs CPython 3.11 as `python3`");
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

/// Runs `command` with its output captured for at most `limit`, killing
/// it when the time is up; `None` then. The output is read while the
/// program runs, so a full pipe cannot stall it.
#[allow(dead_code)]
pub fn output_with_limit(command: &mut Command, limit: Duration) -> Option<Output> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {command:?}: {e}"));
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    status.map(|status| Output {
        status,
        stdout,
        stderr,
    })
}
