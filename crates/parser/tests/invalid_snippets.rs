//! The corpus of invalid snippets in tests/invalid/ fails with CPython's
//! error class, message, and location (line, offset, end line, end offset).

mod common;

use std::path::Path;

#[test]
fn every_invalid_snippet_fails_as_in_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let files = common::python_files(&dir);
    assert!(
        files.len() >= 300,
        "the corpus holds at least 300 snippets, found {}",
        files.len()
    );
    let expected = common::oracle_dumps(&files);
    for (file, line) in files.iter().zip(&expected) {
        assert!(
            line.starts_with("SyntaxError ")
                || line.starts_with("IndentationError ")
                || line.starts_with("TabError "),
            "{} is not invalid for CPython: {line}",
            file.display()
        );
    }
    common::assert_same_as_cpython(&files, "invalid snippets");
}
