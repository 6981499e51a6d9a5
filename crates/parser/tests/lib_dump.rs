//! Every .py file of CPython 3.11's Lib (its test suite included) parses to
//! exactly the AST CPython makes, or fails with exactly CPython's error:
//! `ast.dump(..., include_attributes=True)` compared text for text.

mod common;

#[test]
fn every_lib_file_dumps_as_in_cpython() {
    let files = common::python_files(&common::cpython_lib());
    assert!(
        files.len() > 1500,
        "expected CPython's whole Lib, found {} files",
        files.len()
    );
    common::assert_same_as_cpython(&files, "CPython Lib");
}
