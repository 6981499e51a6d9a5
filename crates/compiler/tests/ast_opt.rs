//! The AST optimizer does to the tree what CPython 3.11's does.
//!
//! CPython cannot show its optimized AST, but its code shows it: a folded
//! expression compiles to one LOAD_CONST, an unfolded one to the
//! instructions that compute it, and the constants of a module are those
//! of its optimized tree. The oracle (tools/oracle/fold_oracle.py)
//! compiles each case with CPython; this test optimizes it with Krait and
//! describes the result the same way:
//!
//! - `ast_opt_cases/expressions.txt`: each expression `E` as `x = E`, at
//!   each optimization level; and every operator on every pair from a pool
//!   of constants at the edges of their types. Krait's optimized `E` is written as the
//!   instructions CPython 3.11's code generator makes for it (see
//!   [`Instructions`]), locations included, and must match CPython's
//!   exactly.
//! - `ast_opt_cases/statements.txt`: modules, each with probes: values
//!   that must be among the module's constants exactly when they are among
//!   CPython's; and the docstrings of the module, its classes and
//!   functions. These check which parts of a module are optimized.
//! - every file of CPython's Lib: each constant that folding makes must be
//!   among the constants of CPython's compiled file.
//!
//! The other tests check what the compiled code cannot show.

#[path = "../../parser/tests/common/mod.rs"]
mod common;

use krait_compiler::ast_opt::{
    optimize, Options, RecursionError, DEFAULT_RECURSION_LIMIT, NO_LOCATION,
};
use krait_compiler::code::type_name;
use krait_parser::ast::{
    Arguments, CmpOp, Constant, ExceptHandlerKind, Expr, ExprContext, ExprKind, Int, Loc, Mod,
    Operator, Pattern, PatternKind, Stmt, StmtKind, UnaryOp,
};
use krait_parser::repr::constant_repr;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// One case for the oracle.
struct Case {
    kind: Kind,
    optimize: u8,
    source: String,
    probes: Vec<String>,
    /// Whether the oracle checks the case as a script run by `python3`,
    /// which decides how deeply it may nest.
    top_level: bool,
    /// Where the case comes from, for failure reports.
    origin: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Expression,
    Module,
    /// A file of CPython's Lib; the source is its path.
    LibFile,
}

fn case_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ast_opt_cases")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// expressions.txt: one expression a line, a line ending in `\` continued
/// on the next (the backslash and newline stay: Python reads them as a
/// line continuation); `#` comments and blank lines skipped. Every
/// expression is tried at each optimization level.
fn expression_cases() -> Vec<Case> {
    let text = case_file("expressions.txt");
    let mut cases = Vec::new();
    let mut pending = String::new();
    let mut first_line = 0;
    for (number, line) in text.lines().enumerate() {
        if pending.is_empty() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            first_line = number + 1;
        }
        pending.push_str(line);
        if line.ends_with('\\') {
            pending.push('\n');
            continue;
        }
        let source = std::mem::take(&mut pending);
        push_expression(&mut cases, source, &format!("expressions.txt:{first_line}"));
    }
    // Large displays, whose items CPython dedups by hashing.
    let ints = (0..3000).map(|i| i.to_string());
    let floats = (0..3000).map(|i| format!("{i}.0"));
    let strings = (0..300).map(|i| format!("'{i}'"));
    let items: Vec<String> = ints.chain(floats).chain(strings).collect();
    push_expression(
        &mut cases,
        format!("a in {{{}, True, -0.0}}", items.join(", ")),
        "generated: a large set",
    );
    push_expression(
        &mut cases,
        format!("a in [{}]", items.join(", ")),
        "generated: a large list",
    );
    cases.extend(operator_table());
    cases
}

/// Every operator on every pair from a pool of constants at the edges of
/// their types, at optimization level 0 (the level changes nothing here).
fn operator_table() -> Vec<Case> {
    let pool = [
        "0",
        "1",
        "-1",
        "2",
        "3",
        "7",
        "-7",
        "63",
        "64",
        "128",
        "2**62",
        "9223372036854775807",
        "-9223372036854775808",
        "2**64",
        "123456789012345678901234567890",
        "True",
        "False",
        "0.0",
        "-0.0",
        "0.5",
        "-2.5",
        "1e308",
        "5e-324",
        "1e999",
        "-1e999",
        "1e999-1e999",
        "0j",
        "1j",
        "-1.5+2j",
        "1e300j",
        "'ab'",
        "''",
        "b'x'",
        "(1, 2)",
        "()",
        "None",
        "...",
    ];
    let binary = [
        "+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "&", "|", "^",
    ];
    let mut sources = Vec::new();
    for op in ["-", "+", "~", "not "] {
        sources.extend(pool.iter().map(|a| format!("{op}({a})")));
    }
    for op in binary {
        for a in pool {
            sources.extend(pool.iter().map(|b| format!("({a}) {op} ({b})")));
        }
    }
    sources
        .into_iter()
        .map(|source| Case {
            kind: Kind::Expression,
            optimize: 0,
            origin: format!("generated: operator table: {source}"),
            source,
            probes: Vec::new(),
            top_level: false,
        })
        .collect()
}

/// An expression case at each optimization level.
fn push_expression(cases: &mut Vec<Case>, source: String, origin: &str) {
    for optimize in 0..=2 {
        cases.push(Case {
            kind: Kind::Expression,
            optimize,
            source: source.clone(),
            probes: Vec::new(),
            top_level: false,
            origin: format!("{origin} (optimize={optimize})"),
        });
    }
}

/// statements.txt: modules, each after a header line
/// `### [-O|-OO] DESCRIPTION | PROBE | PROBE...`, probes being Python
/// expressions for the oracle to evaluate.
fn statement_cases() -> Vec<Case> {
    let text = case_file("statements.txt");
    let mut cases: Vec<Case> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if let Some(header) = line.strip_prefix("### ") {
            let mut fields = header.split(" | ");
            let description = fields.next().unwrap_or_default();
            let optimize = if description.starts_with("-OO ") {
                2
            } else {
                u8::from(description.starts_with("-O "))
            };
            cases.push(Case {
                kind: Kind::Module,
                optimize,
                source: String::new(),
                probes: fields.map(str::to_string).collect(),
                top_level: false,
                origin: format!("statements.txt:{} ({description})", number + 1),
            });
        } else if let Some(case) = cases.last_mut() {
            case.source.push_str(line);
            case.source.push('\n');
        }
    }
    cases.extend(nesting_cases());
    cases
}

/// Statements and expressions nested right up to the limit CPython has for
/// a module compiled at the top of the stack, and one level beyond it. The
/// module body itself does not count; each statement, expression and
/// pattern does.
fn nesting_cases() -> Vec<Case> {
    let limit = DEFAULT_RECURSION_LIMIT as usize;
    let module = |origin: &str, source: String, probe: &str| Case {
        kind: Kind::Module,
        optimize: 0,
        source,
        probes: vec![probe.to_string()],
        top_level: true,
        origin: format!("generated: {origin}"),
    };
    let sum = |terms: usize| vec!["1"; terms].join("+");
    let negations = |count: usize| "-".repeat(count) + "7";
    vec![
        // The statement, then one level per BinOp and the last operand.
        module(
            "sum at the limit",
            format!("x = {}\n", sum(limit - 1)),
            "2999",
        ),
        module(
            "sum past the limit",
            format!("x = {}\n", sum(limit)),
            "3000",
        ),
        module(
            "sum in a function at the limit",
            format!("def f():\n    return {}\n", sum(limit - 2)),
            "2998",
        ),
        module(
            "sum in a function past the limit",
            format!("def f():\n    return {}\n", sum(limit - 1)),
            "2999",
        ),
        module(
            "negations at the limit",
            format!("x = {}\n", negations(limit - 2)),
            "7",
        ),
        module(
            "negations past the limit",
            format!("x = {}\n", negations(limit - 1)),
            "-7",
        ),
    ]
}

/// What CPython says about every case, from one run of the oracle.
struct Oracle {
    cases: Vec<Case>,
    results: Vec<String>,
}

fn oracle() -> &'static Oracle {
    static ORACLE: OnceLock<Oracle> = OnceLock::new();
    ORACLE.get_or_init(|| {
        let mut cases = expression_cases();
        cases.extend(statement_cases());
        cases.extend(lib_cases());
        let mut input = Vec::new();
        for case in &cases {
            match case.kind {
                Kind::Expression => input
                    .extend(format!("expr {} {}\n", case.optimize, case.source.len()).as_bytes()),
                Kind::LibFile => input.extend(format!("file 0 {}\n", case.source.len()).as_bytes()),
                Kind::Module => input.extend(
                    format!(
                        "stmt {} {} {}{}\n",
                        case.optimize,
                        case.source.len(),
                        case.probes.len(),
                        if case.top_level { " top" } else { "" }
                    )
                    .as_bytes(),
                ),
            }
            input.extend(case.source.as_bytes());
            input.push(b'\n');
            for probe in &case.probes {
                input.extend(probe.as_bytes());
                input.push(b'\n');
            }
        }
        let path = std::env::temp_dir().join(format!("krait-fold-cases-{}", std::process::id()));
        std::fs::write(&path, input).expect("write the oracle's input");
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/oracle/fold_oracle.py");
        let output = Command::new(common::python())
            .arg(&script)
            .arg(&path)
            .output()
            .expect("run the oracle");
        std::fs::remove_file(&path).ok();
        assert!(
            output.status.success(),
            "the oracle failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let results: Vec<String> = String::from_utf8(output.stdout)
            .expect("the oracle prints UTF-8")
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(results.len(), cases.len(), "one line per case");
        Oracle { cases, results }
    })
}

/// Runs `f` on a thread with room for deeply nested trees, as the `krait`
/// binary runs the front end.
fn with_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn_scoped(scope, f)
            .expect("spawn a thread")
            .join()
            .expect("the optimizer does not panic")
    })
}

fn parse(source: &str) -> Mod {
    krait_parser::parse_module(source.as_bytes())
        .unwrap_or_else(|e| panic!("Krait cannot parse {source:?}: {e:?}"))
}

fn options(optimize: u8) -> Options {
    Options {
        optimize,
        ..Options::default()
    }
}

/// Compares Krait's description of every case of `kind` with CPython's.
fn compare_with_cpython(kind: Kind) {
    let oracle = oracle();
    let (compared, report) = with_big_stack(|| {
        let mut compared = 0;
        let mut report = Vec::new();
        for (case, expected) in oracle.cases.iter().zip(&oracle.results) {
            if case.kind != kind {
                continue;
            }
            compared += 1;
            let got = match kind {
                Kind::Expression => describe_expression(case),
                Kind::Module => describe_module(case, expected),
                Kind::LibFile => check_lib_file(case, expected),
            };
            if got != *expected {
                report.push(format!(
                    "{}: {:?}\n  cpython: {}\n  krait:   {}",
                    case.origin,
                    shortened(&case.source),
                    shortened(expected),
                    shortened(&got)
                ));
            }
        }
        (compared, report)
    });
    println!(
        "{compared} cases compared, {} as in CPython",
        compared - report.len()
    );
    assert!(
        report.is_empty(),
        "{} of {compared} cases differ from CPython:\n{}",
        report.len(),
        report.join("\n")
    );
}

/// At most 300 bytes of `text`, for failure reports.
fn shortened(text: &str) -> String {
    if text.len() <= 300 {
        return text.to_string();
    }
    format!("{}...", &text[..text.floor_char_boundary(300)])
}

#[test]
fn expressions_fold_as_in_cpython() {
    let corpus = oracle()
        .cases
        .iter()
        .filter(|case| case.origin.starts_with("expressions.txt"))
        .count();
    assert!(
        corpus >= 3 * 300,
        "the corpus holds at least 300 expressions, each at three levels; found {corpus} cases"
    );
    compare_with_cpython(Kind::Expression);
}

#[test]
fn modules_are_optimized_where_cpython_optimizes_them() {
    compare_with_cpython(Kind::Module);
}

#[test]
fn folding_cpython_lib_makes_only_constants_cpython_makes() {
    compare_with_cpython(Kind::LibFile);
}

/// Every `.py` file of CPython's Lib.
fn lib_cases() -> Vec<Case> {
    let files = common::python_files(&common::cpython_lib());
    assert!(files.len() > 1000, "CPython's Lib has its files");
    files
        .into_iter()
        .map(|path| Case {
            kind: Kind::LibFile,
            optimize: 0,
            source: path.to_str().expect("a UTF-8 path").to_string(),
            probes: Vec::new(),
            top_level: false,
            origin: path.display().to_string(),
        })
        .collect()
}

/// A Lib file against the oracle's list of its compiled constants: the
/// line is the oracle's own if every constant that folding made in the
/// file is among them (or if CPython does not compile the file), else it
/// names the first one missing. This does not show constants that
/// CPython folds and Krait does not; the corpus does.
fn check_lib_file(case: &Case, expected: &str) -> String {
    // Files that do not compile are the other stages' tests' concern.
    if expected.starts_with("error\t") {
        return expected.to_string();
    }
    let source = std::fs::read(&case.source).expect("read a Lib file");
    let Ok(mut module) = krait_parser::parse_module(&source) else {
        return "Krait cannot parse it".into();
    };
    let constants = |module: &Mod| {
        let mut contents = Contents {
            as_compiled: true,
            ..Contents::default()
        };
        contents.module(module);
        contents.constants
    };
    let mut unfolded: Vec<String> = constants(&module).iter().map(canonical).collect();
    let options = Options {
        future_annotations: has_future_annotations(&module),
        ..Options::default()
    };
    if let Err(error) = optimize(&mut module, &options) {
        return error.to_string();
    }
    check_int_invariant(&module);
    let compiled: std::collections::HashSet<&str> = expected.split('\t').collect();
    for constant in constants(&module).iter().map(canonical) {
        if let Some(i) = unfolded.iter().position(|c| *c == constant) {
            unfolded.swap_remove(i);
        } else if !compiled.contains(constant.as_str()) {
            return format!("folding made {constant}, which CPython's code lacks");
        }
    }
    expected.to_string()
}

/// `x = E` optimized, `E` described as CPython's instructions.
fn describe_expression(case: &Case) -> String {
    let mut module = parse(&format!("x = {}", case.source));
    if let Err(error) = optimize(&mut module, &options(case.optimize)) {
        return format!("error\tRecursionError\t{error}");
    }
    check_int_invariant(&module);
    let Mod::Module { body, .. } = &module else {
        unreachable!("parse_module makes a Module")
    };
    let [Stmt {
        kind: StmtKind::Assign { value, .. },
        ..
    }] = body.as_slice()
    else {
        panic!("{}: not a single assignment", case.origin)
    };
    let mut instructions = Instructions::default();
    match instructions.expr(value) {
        Ok(()) => instructions.text.join(" ; "),
        Err(what) => format!("cannot describe {what}"),
    }
}

/// The oracle's line for a module: its probes' presence among Krait's
/// constants, and the docstrings. The probes' values come from the
/// oracle's line, which writes them as this test does.
fn describe_module(case: &Case, expected: &str) -> String {
    let mut module = parse(&case.source);
    let options = Options {
        optimize: case.optimize,
        future_annotations: has_future_annotations(&module),
        ..Options::default()
    };
    if let Err(RecursionError) = optimize(&mut module, &options) {
        return "RecursionError".into();
    }
    check_int_invariant(&module);
    let mut contents = Contents::default();
    contents.module(&module);
    let mut fields = vec!["ok".to_string()];
    let probes: Vec<&str> = expected.split('\t').skip(1).step_by(2).collect();
    for probe in probes.iter().take(case.probes.len()) {
        let present = contents.constants.iter().any(|c| canonical(c) == *probe);
        fields.push(probe.to_string());
        fields.push(if present { "1" } else { "0" }.into());
    }
    fields.push("docs".into());
    if case.optimize < 2 {
        let mut docs: Vec<String> = contents.docstrings.iter().map(canonical).collect();
        docs.sort();
        fields.extend(docs);
    }
    fields.join("\t")
}

/// Whether the module starts with `from __future__ import annotations`
/// (after an optional docstring and other future imports).
fn has_future_annotations(module: &Mod) -> bool {
    let Mod::Module { body, .. } = module else {
        return false;
    };
    body.iter()
        .skip_while(|stmt| matches!(&stmt.kind, StmtKind::Expr { value } if matches!(value.kind, ExprKind::Constant { value: Constant::Str(_), .. })))
        .map_while(|stmt| match &stmt.kind {
            StmtKind::ImportFrom {
                module: Some(module),
                names,
                ..
            } if module == "__future__" => Some(names),
            _ => None,
        })
        .flatten()
        .any(|alias| alias.name == "annotations")
}

/// A constant as the oracle writes it: `TYPE:REPR`, a frozenset's items
/// sorted.
fn canonical(value: &Constant) -> String {
    if let Constant::FrozenSet(items) = value {
        let mut items: Vec<String> = items.iter().map(constant_repr).collect();
        items.sort();
        return format!("frozenset:{{{}}}", items.join(", "));
    }
    format!("{}:{}", type_name(value), constant_repr(value))
}

/// Every int in the tree is `Small` exactly when it fits a machine word.
fn check_int_invariant(module: &Mod) {
    let mut contents = Contents::default();
    contents.module(module);
    fn check(value: &Constant) {
        match value {
            Constant::Int(Int::Big(digits)) => assert!(
                digits.parse::<i64>().is_err(),
                "{digits} fits a machine word but is Big"
            ),
            Constant::Tuple(items) | Constant::FrozenSet(items) => items.iter().for_each(check),
            _ => {}
        }
    }
    contents.constants.iter().for_each(check);
}

/// The instructions CPython 3.11's code generator makes for an
/// expression, for the kinds of expressions the corpus uses: each
/// instruction has the location of the innermost expression it belongs
/// to, or, for a node without one, that of the instruction before it.
struct Instructions {
    text: Vec<String>,
    last: (i64, i64, i64, i64),
}

impl Default for Instructions {
    fn default() -> Instructions {
        // The location of RESUME, the instruction before the expression's.
        Instructions {
            text: Vec::new(),
            last: (0, 1, 0, 0),
        }
    }
}

/// CPython's limit on the items a display or f-string builds on the stack
/// before it builds it another way (`STACK_USE_GUIDELINE`).
const STACK_USE_GUIDELINE: usize = 30;

impl Instructions {
    fn emit(&mut self, opname: &str, arg: impl std::fmt::Display, loc: Loc) {
        if loc != NO_LOCATION {
            self.last = (
                loc.lineno.into(),
                loc.end_lineno.into(),
                loc.col_offset.into(),
                loc.end_col_offset.into(),
            );
        }
        let (line, end_line, col, end_col) = self.last;
        self.text
            .push(format!("{opname} {arg} @{line},{end_line},{col},{end_col}"));
    }

    fn expr(&mut self, expr: &Expr) -> Result<(), String> {
        let loc = expr.loc;
        match &expr.kind {
            ExprKind::Constant { value, .. } => self.emit("LOAD_CONST", canonical(value), loc),
            ExprKind::Name { id, .. } => self.emit("LOAD_NAME", id, loc),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                self.emit("LOAD_ATTR", attr, loc);
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit("BINARY_OP", operator_symbol(*op), loc);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                let opname = match op {
                    UnaryOp::Invert => "UNARY_INVERT",
                    UnaryOp::Not => "UNARY_NOT",
                    UnaryOp::UAdd => "UNARY_POSITIVE",
                    UnaryOp::USub => "UNARY_NEGATIVE",
                };
                self.emit(opname, "", loc);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let ([op], [right]) = (ops.as_slice(), comparators.as_slice()) else {
                    return Err("a chained comparison".into());
                };
                self.expr(left)?;
                self.expr(right)?;
                match op {
                    CmpOp::Is => self.emit("IS_OP", 0, loc),
                    CmpOp::IsNot => self.emit("IS_OP", 1, loc),
                    CmpOp::In => self.emit("CONTAINS_OP", 0, loc),
                    CmpOp::NotIn => self.emit("CONTAINS_OP", 1, loc),
                    _ => self.emit("COMPARE_OP", comparison_symbol(*op), loc),
                }
            }
            ExprKind::Tuple { elts, .. } => self.display(elts, "BUILD_TUPLE", loc)?,
            ExprKind::List { elts, .. } => {
                if let Some(items) = all_constants(elts) {
                    self.emit("BUILD_LIST", 0, loc);
                    self.emit("LOAD_CONST", canonical(&Constant::Tuple(items)), loc);
                    self.emit("LIST_EXTEND", 1, loc);
                } else {
                    self.display(elts, "BUILD_LIST", loc)?;
                }
            }
            ExprKind::Set { elts } => {
                if let Some(items) = all_constants(elts) {
                    self.emit("BUILD_SET", 0, loc);
                    self.emit("LOAD_CONST", canonical(&Constant::FrozenSet(items)), loc);
                    self.emit("SET_UPDATE", 1, loc);
                } else {
                    self.display(elts, "BUILD_SET", loc)?;
                }
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit("BINARY_SUBSCR", "", loc);
            }
            ExprKind::Slice { lower, upper, step } => {
                for bound in [lower, upper] {
                    match bound {
                        Some(bound) => self.expr(bound)?,
                        None => self.emit("LOAD_CONST", canonical(&Constant::None), loc),
                    }
                }
                match step {
                    Some(step) => {
                        self.expr(step)?;
                        self.emit("BUILD_SLICE", 3, loc);
                    }
                    None => self.emit("BUILD_SLICE", 2, loc),
                }
            }
            ExprKind::JoinedStr { values } => {
                if values.len() > STACK_USE_GUIDELINE {
                    return Err("a long f-string".into());
                }
                for value in values {
                    self.expr(value)?;
                }
                if values.len() != 1 {
                    self.emit("BUILD_STRING", values.len(), loc);
                }
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                let mut flags = match u8::try_from(*conversion).map(char::from) {
                    Ok('s') => 1,
                    Ok('r') => 2,
                    Ok('a') => 3,
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    flags |= 4;
                }
                self.emit("FORMAT_VALUE", flags, loc);
            }
            _ => return Err(format!("{:?}", expr.kind)),
        }
        Ok(())
    }

    /// A tuple, list or set display built item by item; with a starred
    /// item, built as a list that the items are appended to and the starred
    /// iterables extend (a tuple is made from the list at the end).
    fn display(&mut self, elts: &[Expr], build: &str, loc: Loc) -> Result<(), String> {
        if elts.len() > STACK_USE_GUIDELINE {
            return Err("a display built another way".into());
        }
        let Some(first_starred) = elts
            .iter()
            .position(|elt| matches!(elt.kind, ExprKind::Starred { .. }))
        else {
            for elt in elts {
                self.expr(elt)?;
            }
            self.emit(build, elts.len(), loc);
            return Ok(());
        };
        let tuple = build == "BUILD_TUPLE";
        let (build, append, extend) = match build {
            "BUILD_SET" => ("BUILD_SET", "SET_ADD", "SET_UPDATE"),
            _ => ("BUILD_LIST", "LIST_APPEND", "LIST_EXTEND"),
        };
        for elt in &elts[..first_starred] {
            self.expr(elt)?;
        }
        self.emit(build, first_starred, loc);
        for elt in &elts[first_starred..] {
            if let ExprKind::Starred { value, .. } = &elt.kind {
                self.expr(value)?;
                self.emit(extend, 1, loc);
            } else {
                self.expr(elt)?;
                self.emit(append, 1, loc);
            }
        }
        if tuple {
            self.emit("LIST_TO_TUPLE", "", loc);
        }
        Ok(())
    }
}

/// The items of a display CPython builds from a constant: more than two,
/// all constants.
fn all_constants(elts: &[Expr]) -> Option<Vec<Constant>> {
    if elts.len() <= 2 {
        return None;
    }
    elts.iter()
        .map(|elt| match &elt.kind {
            ExprKind::Constant { value, .. } => Some(value.clone()),
            _ => None,
        })
        .collect()
}

fn operator_symbol(op: Operator) -> &'static str {
    match op {
        Operator::Add => "+",
        Operator::Sub => "-",
        Operator::Mult => "*",
        Operator::MatMult => "@",
        Operator::Div => "/",
        Operator::Mod => "%",
        Operator::Pow => "**",
        Operator::LShift => "<<",
        Operator::RShift => ">>",
        Operator::BitOr => "|",
        Operator::BitXor => "^",
        Operator::BitAnd => "&",
        Operator::FloorDiv => "//",
    }
}

fn comparison_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

/// The constants anywhere in a module, and the docstrings of the module
/// and of its classes and functions.
#[derive(Default)]
struct Contents {
    constants: Vec<Constant>,
    docstrings: Vec<Constant>,
    /// Leave out the constants CPython's code generator drops: a constant
    /// as an expression statement, and a constant test of `if` or `while`.
    as_compiled: bool,
}

impl Contents {
    fn module(&mut self, module: &Mod) {
        match module {
            Mod::Module { body, .. } => self.body(body),
            Mod::Interactive { body } => self.stmts(body),
            Mod::Expression { body } => self.expr(body),
            Mod::FunctionType { argtypes, returns } => {
                self.exprs(argtypes);
                self.expr(returns);
            }
        }
    }

    fn body(&mut self, body: &[Stmt]) {
        if let Some(Stmt {
            kind: StmtKind::Expr { value },
            ..
        }) = body.first()
        {
            if let ExprKind::Constant {
                value: docstring @ Constant::Str(_),
                ..
            } = &value.kind
            {
                self.docstrings.push(docstring.clone());
            }
        }
        self.stmts(body);
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        stmts.iter().for_each(|stmt| self.stmt(stmt));
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::FunctionDef {
                args,
                body,
                decorator_list,
                returns,
                ..
            }
            | StmtKind::AsyncFunctionDef {
                args,
                body,
                decorator_list,
                returns,
                ..
            } => {
                self.arguments(args);
                self.body(body);
                self.exprs(decorator_list);
                self.opt_expr(returns);
            }
            StmtKind::ClassDef {
                bases,
                keywords,
                body,
                decorator_list,
                ..
            } => {
                self.exprs(bases);
                keywords.iter().for_each(|k| self.expr(&k.value));
                self.body(body);
                self.exprs(decorator_list);
            }
            StmtKind::Return { value } => self.opt_expr(value),
            StmtKind::Delete { targets } => self.exprs(targets),
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets);
                self.expr(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target);
                self.expr(value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.expr(target);
                self.expr(annotation);
                self.opt_expr(value);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            }
            | StmtKind::AsyncFor {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(target);
                self.expr(iter);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                if !(self.as_compiled && is_constant(test)) {
                    self.expr(test);
                }
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                for item in items {
                    self.expr(&item.context_expr);
                    self.opt_expr(&item.optional_vars);
                }
                self.stmts(body);
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject);
                for case in cases {
                    self.pattern(&case.pattern);
                    self.opt_expr(&case.guard);
                    self.stmts(&case.body);
                }
            }
            StmtKind::Raise { exc, cause } => {
                self.opt_expr(exc);
                self.opt_expr(cause);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            }
            | StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body);
                for handler in handlers {
                    let ExceptHandlerKind::ExceptHandler { type_, body, .. } = &handler.kind;
                    self.opt_expr(type_);
                    self.stmts(body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                self.opt_expr(msg);
            }
            StmtKind::Expr { value } if !(self.as_compiled && is_constant(value)) => {
                self.expr(value)
            }
            StmtKind::Expr { .. }
            | StmtKind::Import { .. }
            | StmtKind::ImportFrom { .. }
            | StmtKind::Global { .. }
            | StmtKind::Nonlocal { .. }
            | StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue => {}
        }
    }

    fn arguments(&mut self, args: &Arguments) {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref());
        for arg in all {
            self.opt_expr(&arg.annotation);
        }
        args.kw_defaults.iter().flatten().for_each(|e| self.expr(e));
        self.exprs(&args.defaults);
    }

    fn pattern(&mut self, pattern: &Pattern) {
        match &pattern.kind {
            PatternKind::MatchValue { value } => self.expr(value),
            PatternKind::MatchSingleton { value } => self.constants.push(value.clone()),
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                patterns.iter().for_each(|p| self.pattern(p));
            }
            PatternKind::MatchMapping { keys, patterns, .. } => {
                self.exprs(keys);
                patterns.iter().for_each(|p| self.pattern(p));
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls);
                patterns
                    .iter()
                    .chain(kwd_patterns)
                    .for_each(|p| self.pattern(p));
            }
            PatternKind::MatchAs { pattern, .. } => {
                if let Some(pattern) = pattern {
                    self.pattern(pattern);
                }
            }
            PatternKind::MatchStar { .. } => {}
        }
    }

    fn exprs(&mut self, exprs: &[Expr]) {
        exprs.iter().for_each(|expr| self.expr(expr));
    }

    fn opt_expr(&mut self, expr: &Option<Box<Expr>>) {
        if let Some(expr) = expr {
            self.expr(expr);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Constant { value, .. } => self.constants.push(value.clone()),
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::NamedExpr { target, value } => {
                self.expr(target);
                self.expr(value);
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body } => {
                self.arguments(args);
                self.expr(body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                keys.iter().flatten().for_each(|k| self.expr(k));
                self.exprs(values);
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                self.exprs(elts)
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(elt);
                for generator in generators {
                    self.expr(&generator.target);
                    self.expr(&generator.iter);
                    self.exprs(&generator.ifs);
                }
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.expr(key);
                self.expr(value);
                for generator in generators {
                    self.expr(&generator.target);
                    self.expr(&generator.iter);
                    self.exprs(&generator.ifs);
                }
            }
            ExprKind::Await { value }
            | ExprKind::YieldFrom { value }
            | ExprKind::Attribute { value, .. }
            | ExprKind::Starred { value, .. } => self.expr(value),
            ExprKind::Yield { value } => self.opt_expr(value),
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left);
                self.exprs(comparators);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func);
                self.exprs(args);
                keywords.iter().for_each(|k| self.expr(&k.value));
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value);
                self.opt_expr(format_spec);
            }
            ExprKind::JoinedStr { values } => self.exprs(values),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value);
                self.expr(slice);
            }
            ExprKind::Slice { lower, upper, step } => {
                self.opt_expr(lower);
                self.opt_expr(upper);
                self.opt_expr(step);
            }
            ExprKind::Name { .. } => {}
        }
    }
}

fn is_constant(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Constant { .. })
}

// What the compiled code cannot show.

/// The value of `x = SOURCE` once optimized.
fn optimized_value(source: &str, options: &Options) -> Expr {
    let mut module = parse(&format!("x = {source}"));
    optimize(&mut module, options).expect("no deep nesting here");
    let Mod::Module { mut body, .. } = module else {
        unreachable!("parse_module makes a Module")
    };
    match body.pop().map(|stmt| stmt.kind) {
        Some(StmtKind::Assign { value, .. }) => *value,
        other => panic!("not an assignment: {other:?}"),
    }
}

fn str_constant(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Constant {
            value: Constant::Str(s),
            ..
        } => Some(String::from_utf8(s.as_bytes().to_vec()).expect("UTF-8")),
        _ => None,
    }
}

#[test]
fn percent_format_becomes_joined_str_with_bare_constant_specs() {
    // The f-string parser wraps a format spec in a JoinedStr; the rewrite
    // makes a bare str constant, which compiles the same. Its literal
    // parts and specs have no location; each FormattedValue has the
    // location of its value, the JoinedStr that of the `%` expression.
    let value = optimized_value("'<%-4s|%.2r>' % (ab, cd)", &Options::default());
    assert_eq!(
        value.loc,
        Loc {
            lineno: 1,
            col_offset: 4,
            end_lineno: 1,
            end_col_offset: 28
        }
    );
    let ExprKind::JoinedStr { values } = &value.kind else {
        panic!("not a JoinedStr: {value:?}")
    };
    let [open, first, bar, second, close] = values.as_slice() else {
        panic!("five parts expected: {values:?}")
    };
    for literal in [open, bar, close] {
        assert_eq!(literal.loc, NO_LOCATION);
    }
    assert_eq!(
        [open, bar, close].map(str_constant),
        [Some("<".into()), Some("|".into()), Some(">".into())]
    );
    for (part, name, conversion, spec) in [(first, "ab", 's', "4"), (second, "cd", 'r', ".2")] {
        let ExprKind::FormattedValue {
            value,
            conversion: got_conversion,
            format_spec: Some(format_spec),
        } = &part.kind
        else {
            panic!("not a FormattedValue with a spec: {part:?}")
        };
        assert!(matches!(&value.kind, ExprKind::Name { id, .. } if id == name));
        assert_eq!(part.loc, value.loc);
        assert_eq!(*got_conversion, conversion as i32);
        assert_eq!(str_constant(format_spec).as_deref(), Some(spec));
        assert_eq!(format_spec.loc, NO_LOCATION);
    }
}

#[test]
fn folded_constants_lose_their_u_prefix() {
    let folded = optimized_value("(u'a', u'b')", &Options::default());
    assert!(matches!(folded.kind, ExprKind::Constant { kind: None, .. }));
    let kept = optimized_value("u'a'", &Options::default());
    assert!(matches!(&kept.kind, ExprKind::Constant { kind: Some(k), .. } if k == "u"));
}

#[test]
fn debug_is_replaced_only_where_it_is_read() {
    // Assigning or deleting __debug__ is an error the code generator
    // reports; the optimizer leaves those names as they are.
    for source in ["__debug__ = 1", "del __debug__", "for __debug__ in x: pass"] {
        let mut module = parse(source);
        let before = module.clone();
        optimize(&mut module, &Options::default()).expect("shallow");
        assert_eq!(module, before, "{source}");
    }
    for (optimize_level, expected) in [(0, true), (1, false), (2, false)] {
        let value = optimized_value("__debug__", &options(optimize_level));
        assert!(
            matches!(value.kind, ExprKind::Constant { value: Constant::Bool(b), .. } if b == expected),
            "-O level {optimize_level}"
        );
    }
}

#[test]
fn iterables_with_starred_items_stay_lists() {
    let value = optimized_value("a in [1, *b]", &Options::default());
    let ExprKind::Compare { comparators, .. } = &value.kind else {
        panic!("not a comparison: {value:?}")
    };
    assert!(matches!(comparators[0].kind, ExprKind::List { .. }));
    let value = optimized_value("a in [1, b]", &Options::default());
    let ExprKind::Compare { comparators, .. } = &value.kind else {
        panic!("not a comparison: {value:?}")
    };
    assert!(matches!(
        comparators[0].kind,
        ExprKind::Tuple {
            ctx: ExprContext::Load,
            ..
        }
    ));
}

#[test]
fn not_of_a_chained_comparison_stays() {
    // Only a single comparison has an exact opposite.
    let value = optimized_value("not a is b is c", &Options::default());
    assert!(matches!(
        value.kind,
        ExprKind::UnaryOp {
            op: UnaryOp::Not,
            ..
        }
    ));
}

#[test]
fn every_kind_of_module_is_optimized() {
    let Mod::Module { body, .. } = parse("1 + 1\n'a' 'b'\n") else {
        unreachable!("parse_module makes a Module")
    };
    let folded = |module: &Mod| {
        let mut contents = Contents::default();
        contents.module(module);
        contents.constants.contains(&Constant::Int(Int::Small(2)))
    };
    let StmtKind::Expr { value } = body[0].kind.clone() else {
        unreachable!("an expression statement")
    };
    let mut interactive = Mod::Interactive { body: body.clone() };
    let mut expression = Mod::Expression {
        body: value.clone(),
    };
    let mut function_type = Mod::FunctionType {
        argtypes: vec![*value.clone()],
        returns: value,
    };
    for module in [&mut interactive, &mut expression, &mut function_type] {
        optimize(module, &Options::default()).expect("shallow");
    }
    assert!(folded(&interactive));
    assert!(folded(&expression));
    assert!(!folded(&function_type), "function type comments are left");
}

#[test]
fn interactive_statements_are_not_docstrings() {
    // Only module, class and function bodies have docstrings, so only
    // there is a folded string wrapped.
    let Mod::Module { body, .. } = parse("'a' + 'b'\n") else {
        unreachable!("parse_module makes a Module")
    };
    let mut interactive = Mod::Interactive { body };
    optimize(&mut interactive, &Options::default()).expect("shallow");
    let Mod::Interactive { body } = &interactive else {
        unreachable!("still interactive")
    };
    let StmtKind::Expr { value } = &body[0].kind else {
        unreachable!("an expression statement")
    };
    assert_eq!(str_constant(value).as_deref(), Some("ab"));
}

/// `x = -(-(...(1)...))` nested `depth` levels, built without the parser
/// (whose own limits are not under test).
fn nested_negations(depth: usize) -> Mod {
    let mut module = parse("x = 1");
    let Mod::Module { body, .. } = &mut module else {
        unreachable!("parse_module makes a Module")
    };
    let StmtKind::Assign { value, .. } = &mut body[0].kind else {
        unreachable!("an assignment")
    };
    let mut nested = Expr::clone(value);
    for _ in 0..depth {
        nested = Expr {
            loc: nested.loc,
            kind: ExprKind::UnaryOp {
                op: UnaryOp::USub,
                operand: Box::new(nested),
            },
        };
    }
    **value = nested;
    module
}

#[test]
fn nesting_is_limited_as_the_caller_says() {
    // The statement is one level, the constant another.
    let limit = 50;
    let options = Options {
        recursion_limit: limit,
        ..Options::default()
    };
    let mut within = nested_negations(limit as usize - 2);
    assert_eq!(optimize(&mut within, &options), Ok(()));
    let mut beyond = nested_negations(limit as usize - 1);
    assert_eq!(optimize(&mut beyond, &options), Err(RecursionError));
    assert_eq!(
        RecursionError.to_string(),
        "maximum recursion depth exceeded during compilation"
    );
}

#[test]
fn nesting_to_the_default_limit_fits_a_main_thread_stack() {
    let result = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(|| {
            let mut module = nested_negations(DEFAULT_RECURSION_LIMIT as usize - 2);
            let result = optimize(&mut module, &Options::default());
            // Dropping the tree before folding took it apart would recurse
            // as deeply; folding leaves one constant.
            (result, module)
        })
        .expect("spawn a thread")
        .join()
        .expect("no stack overflow");
    let (result, module) = result;
    assert_eq!(result, Ok(()));
    let Mod::Module { body, .. } = &module else {
        unreachable!("a Module")
    };
    let StmtKind::Assign { value, .. } = &body[0].kind else {
        unreachable!("an assignment")
    };
    assert!(matches!(
        value.kind,
        ExprKind::Constant {
            value: Constant::Int(Int::Small(1)),
            ..
        }
    ));
}
