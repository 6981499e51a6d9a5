//! Benchmark: how fast Krait's parser turns CPython's Lib into ASTs, or
//! with `--compile` how fast its compiler turns it into code objects,
//! against CPython 3.11 doing the same, and the peak memory of each.
//!
//! The parent finds Lib's .py files and runs each side in a fresh process,
//! handing it the paths on stdin: itself again with `--krait-only`, and
//! `python3 cpython_parse.py`. Each reads every file into memory first,
//! then parses them all, dropping each tree at once, for several rounds,
//! and prints one line: `files=N bytes=B peak_rss_kib=K
//! round_seconds=S1,S2,...`, its peak RSS read from VmHWM after parsing.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// The stack the `krait` binary gives its parser thread.
const PARSER_STACK_SIZE: usize = 256 * 1024 * 1024;
const DEFAULT_ROUNDS: usize = 5;
const CPYTHON_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/cpython_parse.py");
const USAGE: &str = "usage: krait-bench-parse [--compile] [--rounds N]";

/// How far each side takes every file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Source to AST.
    Parse,
    /// Source to code objects: parsing, AST optimization, symbol table,
    /// code generation and assembly.
    Compile,
}

impl Stage {
    fn verb(self) -> &'static str {
        match self {
            Stage::Parse => "parsing",
            Stage::Compile => "compiling",
        }
    }
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("krait-bench-parse: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut rounds = DEFAULT_ROUNDS;
    let mut krait_only = false;
    let mut stage = Stage::Parse;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or(USAGE)?;
            }
            "--krait-only" => krait_only = true,
            "--compile" => stage = Stage::Compile,
            _ => return Err(USAGE.into()),
        }
    }
    if krait_only {
        krait_child(rounds, stage)
    } else {
        compare(rounds, stage)
    }
}

/// What one side measured, as its child process reported it.
struct Measurement {
    files: usize,
    bytes: u64,
    peak_rss_kib: u64,
    round_seconds: Vec<f64>,
}

impl Measurement {
    fn to_line(&self) -> String {
        let rounds: Vec<String> = self
            .round_seconds
            .iter()
            .map(|s| format!("{s:.6}"))
            .collect();
        format!(
            "files={} bytes={} peak_rss_kib={} round_seconds={}",
            self.files,
            self.bytes,
            self.peak_rss_kib,
            rounds.join(",")
        )
    }

    fn from_line(line: &str) -> Option<Measurement> {
        let mut files = None;
        let mut bytes = None;
        let mut peak_rss_kib = None;
        let mut round_seconds = None;
        for field in line.split_whitespace() {
            let (key, value) = field.split_once('=')?;
            match key {
                "files" => files = value.parse().ok(),
                "bytes" => bytes = value.parse().ok(),
                "peak_rss_kib" => peak_rss_kib = value.parse().ok(),
                "round_seconds" => {
                    round_seconds = value.split(',').map(|s| s.parse().ok()).collect()
                }
                _ => return None,
            }
        }
        Some(Measurement {
            files: files?,
            bytes: bytes?,
            peak_rss_kib: peak_rss_kib?,
            round_seconds: round_seconds.filter(|r: &Vec<f64>| !r.is_empty())?,
        })
    }

    fn megabytes(&self) -> f64 {
        self.bytes as f64 / 1e6
    }

    fn best_mb_per_s(&self) -> f64 {
        let best = self
            .round_seconds
            .iter()
            .copied()
            .fold(f64::INFINITY, f64::min);
        self.megabytes() / best
    }

    fn median_mb_per_s(&self) -> f64 {
        let mut sorted = self.round_seconds.clone();
        sorted.sort_by(f64::total_cmp);
        let middle = sorted.len() / 2;
        let median = if sorted.len().is_multiple_of(2) {
            (sorted[middle - 1] + sorted[middle]) / 2.0
        } else {
            sorted[middle]
        };
        self.megabytes() / median
    }

    fn peak_rss_mib(&self) -> f64 {
        self.peak_rss_kib as f64 / 1024.0
    }
}

/// The child's work: read the files named on stdin, parse or compile
/// them all `rounds` times with Krait, print the measurement line.
fn krait_child(rounds: usize, stage: Stage) -> Result<(), String> {
    let mut paths = String::new();
    std::io::stdin()
        .read_to_string(&mut paths)
        .map_err(|e| format!("reading the file list: {e}"))?;
    let sources = paths
        .lines()
        .map(|path| std::fs::read(path).map_err(|e| format!("reading {path}: {e}")))
        .collect::<Result<Vec<Vec<u8>>, String>>()?;
    let files = sources.len();
    let bytes = sources.iter().map(|source| source.len() as u64).sum();
    let round_seconds = std::thread::Builder::new()
        .stack_size(PARSER_STACK_SIZE)
        .spawn(move || {
            (0..rounds)
                .map(|_| {
                    let start = Instant::now();
                    for source in &sources {
                        match stage {
                            Stage::Parse => {
                                drop(std::hint::black_box(krait_parser::parse_module(source)))
                            }
                            Stage::Compile => drop(std::hint::black_box(krait_compiler::compile(
                                source, "<bench>", 0,
                            ))),
                        }
                    }
                    start.elapsed().as_secs_f64()
                })
                .collect()
        })
        .map_err(|e| format!("spawning the parser thread: {e}"))?
        .join()
        .map_err(|_| "the parser panicked".to_string())?;
    let measurement = Measurement {
        files,
        bytes,
        peak_rss_kib: peak_rss_kib()?,
        round_seconds,
    };
    println!("{}", measurement.to_line());
    Ok(())
}

/// This process's peak resident set size (VmHWM), in KiB.
fn peak_rss_kib() -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status")
        .map_err(|e| format!("reading /proc/self/status: {e}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().strip_suffix("kB"))
        .and_then(|kib| kib.trim().parse().ok())
        .ok_or_else(|| "no VmHWM in /proc/self/status".into())
}

/// The parent's work: run both sides and print the table.
fn compare(rounds: usize, stage: Stage) -> Result<(), String> {
    let (python_version, lib) = find_cpython_lib()?;
    let files = python_files(&lib)?;
    let file_list: String = files
        .iter()
        .map(|path| format!("{}\n", path.display()))
        .collect();
    eprintln!(
        "{} {} files of {} for {rounds} rounds with each implementation...",
        stage.verb(),
        files.len(),
        lib.display()
    );

    let own_exe = std::env::current_exe().map_err(|e| format!("finding this binary: {e}"))?;
    let mut krait = Command::new(own_exe);
    krait.args(["--krait-only", "--rounds", &rounds.to_string()]);
    if stage == Stage::Compile {
        krait.arg("--compile");
    }
    let krait = measure("Krait", krait, &file_list)?;
    let mut cpython = Command::new("python3");
    cpython.args([CPYTHON_SCRIPT, &rounds.to_string()]);
    if stage == Stage::Compile {
        cpython.arg("compile");
    }
    let cpython = measure("CPython", cpython, &file_list)?;

    println!("MB = 10^6 bytes of source; {rounds} rounds; peak RSS is each process's VmHWM");
    println!(
        "{:<16} {:>6} {:>7} {:>10} {:>12} {:>13}",
        "implementation", "files", "MB", "best MB/s", "median MB/s", "peak RSS MiB"
    );
    let cpython_name = format!("CPython {python_version}");
    for (name, m) in [("Krait", &krait), (cpython_name.as_str(), &cpython)] {
        println!(
            "{:<16} {:>6} {:>7.2} {:>10.2} {:>12.2} {:>13.1}",
            name,
            m.files,
            m.megabytes(),
            m.best_mb_per_s(),
            m.median_mb_per_s(),
            m.peak_rss_mib()
        );
    }
    println!(
        "Krait/CPython rate: {:.2}x (best), {:.2}x (median)",
        krait.best_mb_per_s() / cpython.best_mb_per_s(),
        krait.median_mb_per_s() / cpython.median_mb_per_s()
    );
    Ok(())
}

/// CPython's version and the directory of its standard library, asking
/// `python3`, which must be 3.11.
fn find_cpython_lib() -> Result<(String, PathBuf), String> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import sys, sysconfig; print(sys.version.split()[0]); print(sysconfig.get_path('stdlib'))",
        ])
        .output()
        .map_err(|e| format!("cannot run python3 (CPython 3.11 is needed on PATH): {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "python3 failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut lines = stdout.lines();
    let (Some(version), Some(lib)) = (lines.next(), lines.next()) else {
        return Err(format!("unexpected answer from python3: {stdout:?}"));
    };
    if !version.starts_with("3.11.") {
        return Err(format!(
            "python3 is CPython {version}; this benchmark compares against 3.11"
        ));
    }
    Ok((version.to_string(), PathBuf::from(lib)))
}

/// Every .py file under `lib`, sorted, leaving out site-packages.
fn python_files(lib: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut dirs = vec![lib.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("listing {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("listing {}: {e}", dir.display()))?;
            let path = entry.path();
            let file_type = entry
                .file_type()
                .map_err(|e| format!("reading {}: {e}", path.display()))?;
            if file_type.is_dir() {
                if entry.file_name() != "site-packages" {
                    dirs.push(path);
                }
            } else if file_type.is_file() && path.extension().is_some_and(|ext| ext == "py") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Runs one side's child process with the file list on stdin and reads
/// back its measurement line.
fn measure(name: &str, mut command: Command, file_list: &str) -> Result<Measurement, String> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("starting the {name} child: {e}"))?;
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(file_list.as_bytes())
        .map_err(|e| format!("sending the file list to the {name} child: {e}"))?;
    let output = child
        .wait_with_output()
        .map_err(|e| format!("waiting for the {name} child: {e}"))?;
    if !output.status.success() {
        return Err(format!("the {name} child failed: {}", output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    Measurement::from_line(stdout.trim())
        .ok_or_else(|| format!("unexpected output from the {name} child: {stdout:?}"))
}
