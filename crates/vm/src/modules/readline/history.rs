//! The history list behind the `readline` module, and its files, as GNU
//! readline's history library keeps them (lib/readline/history.c,
//! histfile.c), which Modules/readline.c exposes.
//!
//! Entries are the bytes the library would hold: str encoded as the
//! locale encodes it, with surrogateescape, so that a line read from a
//! file in another encoding comes back as it was. A file holds one entry
//! a line; reading skips blank lines and a last line with no newline,
//! as the library does.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The lines entered so far, oldest first.
#[derive(Default)]
pub(crate) struct History {
    pub entries: Vec<Vec<u8>>,
}

impl History {
    /// The entry at a zero-based position.
    pub fn get(&self, index: usize) -> Option<&[u8]> {
        self.entries.get(index).map(Vec::as_slice)
    }

    /// Appends the lines of a history file (`read_history`).
    pub fn read_file(&mut self, path: &Path) -> std::io::Result<()> {
        let file = std::fs::File::open(path)?;
        if !file.metadata()?.is_file() {
            // The library reads only regular files.
            return Err(std::io::Error::from_raw_os_error(libc::EINVAL));
        }
        let text = std::fs::read(path)?;
        let mut lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
        // What follows the last newline is not a whole line.
        lines.pop();
        self.entries.extend(
            lines
                .into_iter()
                .filter(|line| !line.is_empty())
                .map(<[u8]>::to_vec),
        );
        Ok(())
    }

    /// Writes every entry to a new file in place of `path`, readable by
    /// its owner only (`write_history`).
    pub fn write_file(&self, path: &Path) -> std::io::Result<()> {
        // A link is followed, so that the file it names is the one kept.
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut temporary = path.clone().into_os_string();
        temporary.push(format!("-{}.tmp", std::process::id()));
        let temporary = PathBuf::from(temporary);
        let written = write_lines(&temporary, self.entries.iter(), false)
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }

    /// Adds the last `count` entries to the end of an existing file
    /// (`append_history`).
    pub fn append_file(&self, count: i32, path: &Path) -> std::io::Result<()> {
        let count = usize::try_from(count).unwrap_or(0).min(self.entries.len());
        let first = self.entries.len() - count;
        write_lines(path, self.entries[first..].iter(), true)
    }
}

/// Writes entries a line each, to a new file or, with `append`, at the
/// end of an existing one.
fn write_lines<'a>(
    path: &Path,
    entries: impl Iterator<Item = &'a Vec<u8>>,
    append: bool,
) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    if append {
        options.append(true);
    } else {
        options.write(true).create(true).truncate(true).mode(0o600);
    }
    let mut out = std::io::BufWriter::new(options.open(path)?);
    for entry in entries {
        out.write_all(entry)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Keeps only the last `lines` lines of a file (`history_truncate_file`).
pub(crate) fn truncate_file(path: &Path, lines: usize) -> std::io::Result<()> {
    let text = std::fs::read(path)?;
    let mut newlines = 0;
    let mut start = text.len();
    // The newline that ends the file ends its last line, not one before it.
    let body = text.strip_suffix(b"\n").unwrap_or(&text);
    for (i, &b) in body.iter().enumerate().rev() {
        if b == b'\n' {
            newlines += 1;
            if newlines == lines {
                start = i + 1;
                break;
            }
        }
    }
    if lines == 0 {
        start = text.len();
    } else if newlines < lines {
        return Ok(());
    }
    std::fs::write(path, &text[start..])
}
