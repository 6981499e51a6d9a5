//! Krait's instruction table is CPython 3.11's: every real instruction's
//! number, name, inline cache size, argument kind and stack effect agree
//! with the installed `opcode` module and `dis.stack_effect`.

#[path = "../../parser/tests/common/mod.rs"]
mod common;

use krait_compiler::opcode::{from_number, ArgKind, Opcode, HAVE_ARGUMENT};
use std::path::Path;
use std::process::Command;

const SAMPLE_ARGS: [u32; 16] = [
    0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 255, 256, 257, 300, 513, 65535,
];

/// Krait's line for an instruction, in the oracle's format.
fn table_line(op: Opcode) -> String {
    let number = op.number();
    let effects: Vec<String> = if number >= HAVE_ARGUMENT {
        SAMPLE_ARGS
            .iter()
            .map(|&arg| {
                let e = op.stack_effect(arg);
                format!("{arg}:{}/{}", e.fallthrough, e.jump)
            })
            .collect()
    } else {
        let e = op.stack_effect(0);
        vec![format!("None:{}/{}", e.fallthrough, e.jump)]
    };
    format!(
        "{number} {} {} {:?} {}",
        op.name(),
        op.cache_entries(),
        op.arg_kind(),
        effects.join(" ")
    )
}

#[test]
fn the_instruction_table_is_cpythons() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/oracle/opcode_table.py");
    let output = Command::new(common::python())
        .arg(script)
        .output()
        .expect("run the oracle");
    assert!(
        output.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = String::from_utf8(output.stdout).expect("the oracle prints UTF-8");
    let real: Vec<Opcode> = Opcode::ALL
        .iter()
        .copied()
        .filter(|op| !op.is_pseudo())
        .collect();
    let actual: Vec<String> = real.iter().map(|&op| table_line(op)).collect();
    let expected: Vec<&str> = expected.lines().collect();
    for (krait, cpython) in actual.iter().zip(&expected) {
        assert_eq!(krait, cpython);
    }
    assert_eq!(actual.len(), expected.len(), "the number of instructions");
}

#[test]
fn real_instructions_are_found_by_number_and_pseudo_ones_are_not() {
    for &op in Opcode::ALL {
        if op.is_pseudo() {
            assert!(op.number() > 255, "{} must not fit a code unit", op.name());
            assert_eq!(op.arg_kind() == ArgKind::Target, op.has_arg());
        } else {
            assert_eq!(from_number(op.number() as u8), Some(op));
        }
    }
    assert_eq!(from_number(3), None);
}
