//! Krait's instruction table is CPython 3.11's: every real instruction's
//! number, name, inline cache size, argument kind and stack effect agree
//! with the installed `opcode` module and `dis.stack_effect`.

#[path = "../../parser/tests/common/mod.rs"]
mod common;

use krait_compiler::opcode::{
    from_number, specialized, ArgKind, Opcode, DEOPT, HAVE_ARGUMENT, INLINE_CACHE_ENTRIES,
};
use std::collections::HashMap;
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

/// What the oracle prints, with these arguments.
fn oracle(args: &[&str]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/oracle/opcode_table.py");
    let output = Command::new(common::python())
        .arg(script)
        .args(args)
        .output()
        .expect("run the oracle");
    assert!(
        output.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the oracle prints UTF-8")
}

#[test]
fn the_instruction_table_is_cpythons() {
    let expected = oracle(&[]);
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

#[test]
fn specialized_instructions_are_cpythons_and_run_as_their_family() {
    let cpython: HashMap<String, (u16, String)> = oracle(&["--specialized"])
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split(' ').collect();
            let number = fields[0].parse().expect("a number");
            (fields[1].to_string(), (number, fields[2].to_string()))
        })
        .collect();
    let mut numbers = std::collections::HashSet::new();
    for &(name, number, family, in_cpython) in specialized::ALL {
        if in_cpython {
            let (cpython_number, cpython_family) = &cpython[name];
            assert_eq!(number, *cpython_number, "{name}'s number");
            assert_eq!(family.name(), cpython_family, "{name}'s family");
        } else {
            assert!(!cpython.contains_key(name), "{name} is CPython's");
            assert!(
                cpython.values().all(|(n, _)| *n != number),
                "{name}'s number is CPython's"
            );
        }
        assert!(numbers.insert(number), "{name}'s number is taken");
        assert!(
            number < 256 && from_number(number as u8).is_none(),
            "{name}'s number is free"
        );
        assert_eq!(DEOPT[number as usize], family.number() as u8);
        assert_eq!(
            u32::from(INLINE_CACHE_ENTRIES[number as usize]),
            family.cache_entries()
        );
    }
}
