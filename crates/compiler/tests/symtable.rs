//! The symbol table and the future statements against CPython 3.11's
//! (`symtable` module, `compile()`): every file of CPython's Lib, a corpus
//! of invalid snippets, and the cases the Lib does not show.
//!
//! Which compile-time errors are the symbol table's: symtable.c and
//! future.c raise the errors of tests/symtable_errors/ (duplicate
//! parameters, `global`/`nonlocal` misuse, assignment expressions in
//! comprehensions, `yield` in a comprehension, `import *` in a function,
//! `yield`/`await`/`:=` in an annotation under `from __future__ import
//! annotations`, unknown future features, and a future import after
//! another statement on the same line). These belong to the code
//! generator (compile.c) and are not tested here: "'return' outside
//! function", "'yield' outside function", "'await' outside function",
//! "'await' outside async function", "asynchronous comprehension outside
//! of an asynchronous function", "'return' with value in async
//! generator", "'break' outside loop", "'continue' not properly in loop",
//! "from __future__ imports must occur at the beginning of the file" (on
//! a later line than the future statements), "too many statically nested
//! blocks", "starred assignment target must be in a list or tuple",
//! "multiple starred expressions in assignment", "too many expressions in
//! star-unpacking assignment", "cannot assign to __debug__" (in part: the
//! parser raises most), the pattern-matching errors ("name capture 'x'
//! makes remaining patterns unreachable", "multiple assignments to name
//! 'x' in pattern", "alternative patterns bind different names", "wildcard
//! makes remaining patterns unreachable", "attribute name repeated in
//! class pattern", "mapping pattern keys may only match literals and
//! attribute lookups", "patterns may only match literals and attribute
//! lookups", "too many sub-patterns in mapping pattern", "can't use
//! starred name here").

mod common_symtable;

use common_symtable as common;
use krait_compiler::symtable;

#[test]
fn every_lib_file_has_the_symbol_table_cpython_builds() {
    let files = common::python_files(&common::cpython_lib());
    assert!(
        files.len() > 1500,
        "expected CPython's whole Lib, found {} files",
        files.len()
    );
    let oracle = common::start_oracle(&[], &files);
    let got = common::on_threads(&files, |file| {
        common::krait_dump(&std::fs::read(file).expect("read a source file"))
    });
    let expected = common::oracle_dumps(oracle, &files);
    common::assert_same_dumps(&files, &expected, &got, "CPython Lib");
}

#[test]
fn every_invalid_snippet_fails_as_in_cpython() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/symtable_errors");
    let files = common::python_files(&dir);
    assert!(
        files.len() >= 120,
        "the corpus holds at least 120 snippets, found {}",
        files.len()
    );
    // compile()'s error, checked by the oracle to be the one the future
    // statements or the symbol table raise.
    let oracle = common::start_oracle(&["--errors"], &files);
    let got = common::on_threads(&files, |file| {
        common::krait_dump(&std::fs::read(file).expect("read a snippet"))
            .trim_end()
            .to_string()
    });
    let expected = common::oracle_lines(oracle, &files);
    for (file, line) in files.iter().zip(&expected) {
        assert!(
            line.starts_with("SyntaxError "),
            "{} is not a snippet the symbol table rejects: {line}",
            file.display()
        );
    }
    common::assert_same_dumps(&files, &expected, &got, "invalid snippets");
}

/// Valid source the Lib shows little of, each compared with CPython's
/// table. The names say what each shows.
const VALID: &[(&str, &str)] = &[
    (
        "class_binding_a_name_its_method_reads_from_the_function",
        "def f():\n    x = 1\n    class C:\n        x = 2\n        def g(self): return x\n    return C\n",
    ),
    (
        "free_variable_passing_through_a_class",
        "def f():\n    x = 1\n    class C:\n        def g(self): return x\n",
    ),
    (
        "free_variables_passing_through_several_scopes_sorted",
        "def f():\n    b = a = c = 1\n    def g():\n        def h(): return c, a, b\n",
    ),
    (
        "super_makes_the_class_cell",
        "class A:\n    def f(self):\n        return super().f()\n    def g(self):\n        def h(): return super\n",
    ),
    (
        "explicit_dunder_class_in_methods",
        "class A:\n    __class__ = 1\n    def f(self): return __class__\nclass B:\n    x = __class__\n",
    ),
    (
        "super_outside_functions_and_as_a_target",
        "super()\nclass A:\n    super()\n    def f(self):\n        super = 1\n",
    ),
    (
        "private_names_mangled",
        "class A:\n    __x = 1\n    def f(self, __y, *__a, **__k):\n        global __z\n        import __m.sub, __n.o as __p\n        from q import __r as __s\n        return __x, __init__, __t__\n    class __B:\n        __c = 1\n",
    ),
    (
        "private_names_in_classes_named_with_underscores",
        "class _:\n    __x = 1\nclass __C_:\n    __x = 1\n",
    ),
    (
        "assignment_expression_in_comprehension_binds_in_enclosing_scopes",
        "[(a := x) for x in y]\ndef f():\n    [(b := x) for x in y]\n    def g():\n        global c\n        [[(c := x) for x in y] for z in w]\n    return lambda: [(d := x) for x in y]\n",
    ),
    (
        "assignment_expression_in_comprehension_in_class_method_mangled",
        "class A:\n    def f(self):\n        [(__x := 1) for __y in z]\n",
    ),
    (
        "assignment_expression_outside_comprehensions",
        "(a := 1)\ndef f(x=(b := 2)):\n    (c := 3)\n    return lambda: (d := 4)\n",
    ),
    (
        "future_annotations_hide_annotation_names",
        "from __future__ import annotations\ndef f(a: A, *b: B, c: C = d, **e: E) -> R:\n    x: X = 1\n    y: (lambda: Y)\nclass K:\n    z: Z\n",
    ),
    (
        "future_annotations_assignment_expression_in_comprehension",
        "from __future__ import annotations\nx: [(y := 1) for z in w]\ndef f():\n    v: [(u := 1) for t in s]\n",
    ),
    (
        "annotations_evaluated_without_future",
        "def f(a: A, *b: (lambda: B), c: C = d, **e: E) -> [r for r in R]:\n    x: X = 1\n    (y): Y\n    y.z: Z\n    y[0]: W = 2\nclass K:\n    z: Z\n",
    ),
    (
        "global_declarations_reach_the_module",
        "def f():\n    global a, b\n    def g():\n        global c\n        return a\nb = 1\nglobal d\nd = 2\n",
    ),
    (
        "global_in_class_seen_by_methods",
        "def f():\n    x = 1\n    class C:\n        global x\n        def g(self): return x\n",
    ),
    (
        "nonlocal_through_nested_functions",
        "def f():\n    x = 1\n    def g():\n        def h():\n            nonlocal x\n            x = 2\n        return h\n    return g\n",
    ),
    (
        "nonlocal_skipping_a_class",
        "def f():\n    x = 1\n    class C:\n        def g(self):\n            nonlocal x\n",
    ),
    (
        "import_before_global_allowed",
        "def f():\n    import os.path\n    global os\n",
    ),
    (
        "cells_and_parameters",
        "def f(a, /, b, *c, d, e=1, **f):\n    def g(): return a, c, f\n    return g\n",
    ),
    (
        "lambda_defaults_evaluated_outside",
        "f = lambda a=x, *, b, c=y: (a, b, c, z)\n",
    ),
    (
        "async_comprehensions_make_coroutines",
        "async def f():\n    a = [x async for x in y]\n    b = [[x async for x in y] for z in w]\n    c = (x async for x in y)\n    d = [await x for x in y]\n    e = {x: await x for x in y}\n    g = [x for x in await y]\n",
    ),
    (
        "generators_and_lambdas_yielding",
        "def f():\n    yield\ndef g():\n    yield from x\ng2 = lambda: (yield)\ndef h():\n    return [x for x in (yield)]\n",
    ),
    (
        "dict_comprehension_value_before_key",
        "{a: b for k in y}\n{k: v for k, v in d.items() if k if v for w in k}\n",
    ),
    (
        "nested_comprehensions_in_the_iterable",
        "[a for a in [b for b in [c for c in d]]]\n",
    ),
    (
        "comprehension_in_class_body",
        "class A:\n    x = 1\n    y = [x for _ in range(3)]\n    z = [w for w in x]\n",
    ),
    (
        "match_statement_captures",
        "match v:\n    case [a, *b, {1: c, **d}, K(e, f=g) as h] | [a, b, c, d, e, g, h] if i:\n        pass\n    case {'k': _, **r}:\n        pass\n    case Point(x=0) | None | -1 | 'x' | q.r:\n        pass\n",
    ),
    (
        "statements_that_bind",
        "import a.b.c\nimport d.e as f\nfrom g import h, i as j\nfrom k import *\nfor l, (m, *n) in o: pass\nwith p as q, r as [s, t]: pass\ntry: pass\nexcept E as u: pass\ntry: pass\nexcept* F as v: pass\ndel w, x[0], y.z\naa += 1\nbb: int\ncc: int = 1\n",
    ),
    (
        "f_strings",
        "def f(x):\n    return f'{x!r:{width}.{y}} {z=}'\n",
    ),
    (
        "try_else_before_handlers",
        "try:\n    a = 1\nexcept E as b:\n    c = 1\nelse:\n    d = 1\nfinally:\n    e = 1\n",
    ),
    (
        "deleted_and_used_names_in_nested_functions",
        "def f():\n    x = 1\n    def g():\n        del x\n    def h():\n        return x\n",
    ),
    (
        "nested_flags",
        "class A:\n    def f(self):\n        class B:\n            def g(self):\n                return lambda: [x for x in y]\n",
    ),
    (
        "async_function_defaults_and_decorators",
        "@d(lambda: 0)\nasync def f(a=lambda: 1, *, b=[x for x in y]) -> (lambda: 2):\n    await g\n",
    ),
];

#[test]
fn valid_source_has_the_symbol_table_cpython_builds() {
    let expected = compare_in_mode("exec", VALID);
    for ((name, _), dump) in VALID.iter().zip(expected) {
        assert!(
            dump.starts_with("module top"),
            "{name} is not valid for CPython: {dump}"
        );
    }
}

/// Source compiled in `eval` mode (an Expression module) and `single`
/// mode (an Interactive module): the same scopes, without future
/// statements in `eval` mode.
#[test]
fn eval_and_single_modes_have_the_symbol_tables_cpython_builds() {
    compare_in_mode(
        "eval",
        &[
            ("expression", "a + b"),
            ("lambda", "lambda x, *y: x + y + z"),
            ("comprehensions", "[x for x in y if (z := x)]"),
            ("yield_and_await", "(yield) + (await x)"),
            ("assignment_expression_in_iterable", "[x for x in (y := z)]"),
        ],
    );
    compare_in_mode(
        "single",
        &[
            ("assignment", "x = 1"),
            ("function", "def f(a): return a + b"),
            ("import_star", "from os import *"),
            ("future", "from __future__ import annotations; x: int = 1"),
            ("future_late", "x = 1; from __future__ import annotations"),
            ("nonlocal", "nonlocal x"),
        ],
    );
}

/// Compares Krait's tables of `sources` in `mode` with CPython's, and
/// returns CPython's dumps.
fn compare_in_mode(mode: &str, sources: &[(&str, &str)]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("krait-symtable-{mode}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary directory");
    let files: Vec<_> = sources
        .iter()
        .map(|(name, source)| {
            let path = dir.join(format!("{name}.py"));
            std::fs::write(&path, format!("{source}\n")).expect("write a source file");
            path
        })
        .collect();
    let oracle = common::start_oracle(&["--mode", mode], &files);
    let got = common::on_threads(&files, |file| {
        let source = std::fs::read(file).expect("read a source file");
        let module = krait_parser::parse_module(&source).expect("valid source");
        match common::symbol_table(&common::in_mode(module, mode)) {
            Ok(table) => symtable::dump(&table),
            Err(error) => error.dump_line() + "\n",
        }
    });
    let expected = common::oracle_dumps(oracle, &files);
    common::assert_same_dumps(&files, &expected, &got, &format!("{mode} mode"));
    std::fs::remove_dir_all(&dir).expect("remove the temporary directory");
    expected
}

/// Expressions nested deeper than CPython allows fail with its message,
/// without a location, and without exhausting Krait's stack; a little
/// less deep, they are analysed as in CPython.
#[test]
fn too_deep_nesting_fails_as_in_cpython() {
    let dir = std::env::temp_dir().join(format!("krait-symtable-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary directory");
    let sources = [
        (
            "shallow_enough",
            format!("def f():\n    return 1{}\n", "+1".repeat(2900)),
        ),
        (
            "too_deep",
            format!("def f():\n    return 1{}\n", "+1".repeat(5000)),
        ),
        (
            "too_deep_in_a_class",
            format!("class A:\n    x = [a{} for a in b]\n", "*a".repeat(5000)),
        ),
    ];
    let files: Vec<_> = sources
        .iter()
        .map(|(name, source)| {
            let path = dir.join(format!("{name}.py"));
            std::fs::write(&path, source).expect("write a source file");
            path
        })
        .collect();
    let oracle = common::start_oracle(&[], &files);
    let got = common::on_threads(&files, |file| {
        common::krait_dump(&std::fs::read(file).expect("read a source file"))
    });
    let expected: Vec<String> = common::oracle_dumps(oracle, &files);
    assert_eq!(
        expected[1],
        "RecursionError None:None:None:None:: maximum recursion depth exceeded during compilation\n"
    );
    common::assert_same_dumps(&files, &expected, &got, "deep nesting");
    std::fs::remove_dir_all(&dir).expect("remove the temporary directory");
}

/// Random programs (see common_symtable/random_programs.rs), valid and
/// invalid, have CPython's tables and errors.
#[test]
fn random_programs_have_the_symbol_tables_cpython_builds() {
    let dir = std::env::temp_dir().join(format!("krait-symtable-random-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary directory");
    let mut random = common::random_programs::Random::new(3117);
    let files: Vec<_> = (0..2000)
        .map(|i| {
            let path = dir.join(format!("program_{i:04}.py"));
            std::fs::write(&path, common::random_programs::program(&mut random))
                .expect("write a source file");
            path
        })
        .collect();
    let oracle = common::start_oracle(&[], &files);
    let got = common::on_threads(&files, |file| {
        common::krait_dump(&std::fs::read(file).expect("read a source file"))
    });
    let expected = common::oracle_dumps(oracle, &files);
    let valid = expected
        .iter()
        .filter(|d| d.starts_with("module top"))
        .count();
    assert!(
        valid > 500,
        "the generator makes valid programs too, but only {valid} of 2000 are"
    );
    common::assert_same_dumps(&files, &expected, &got, "random programs");
    std::fs::remove_dir_all(&dir).expect("remove the temporary directory");
}

/// The recursion limit counts the statements, expressions and patterns
/// enclosing a node, itself included, as CPython's does.
#[test]
fn the_recursion_limit_counts_enclosing_nodes() {
    let module = krait_parser::parse_module(b"def f():\n    return -x\n").expect("valid source");
    let future = krait_compiler::future::parse_future(&module).expect("no future statements");
    // `def`, `return`, `-`, `x`: four levels.
    assert!(symtable::build_with_recursion_limit(&module, &future, 4).is_ok());
    let error = symtable::build_with_recursion_limit(&module, &future, 3)
        .expect_err("four levels do not fit in three");
    assert_eq!(
        error.dump_line(),
        "RecursionError None:None:None:None:: maximum recursion depth exceeded during compilation"
    );
}

/// The code generator finds the scope of a function, class, lambda or
/// comprehension by its node; the scopes form the tree of the source.
#[test]
fn scopes_are_found_by_their_nodes() {
    use krait_parser::ast::{ExprKind, Mod, StmtKind};
    use symtable::ScopeKind;

    let source = b"def f(a=lambda: 0):\n    return [x for x in a]\nclass C:\n    g = {y: y for y in z}\n    h = (w for w in {v for v in u})\n";
    let module = krait_parser::parse_module(source).expect("valid source");
    let table = common::symbol_table(&module).expect("a valid table");
    let Mod::Module { body, .. } = &module else {
        panic!("a module")
    };
    let top = table.top();
    assert_eq!(table.scope_of_node(&module), top);
    assert_eq!(table.scope(top).kind(), ScopeKind::Module);

    let f = table.scope_of_node(&body[0]);
    let StmtKind::FunctionDef {
        args, body: f_body, ..
    } = &body[0].kind
    else {
        panic!("a function")
    };
    let lambda = table.scope_of_node(&args.defaults[0]);
    let StmtKind::Return {
        value: Some(listcomp),
    } = &f_body[0].kind
    else {
        panic!("a return")
    };
    let listcomp = table.scope_of_node(&**listcomp);
    let class = table.scope_of_node(&body[1]);
    let StmtKind::ClassDef { body: c_body, .. } = &body[1].kind else {
        panic!("a class")
    };
    let StmtKind::Assign {
        value: dictcomp, ..
    } = &c_body[0].kind
    else {
        panic!("an assignment")
    };
    let dictcomp = table.scope_of_node(&**dictcomp);
    let StmtKind::Assign { value: genexp, .. } = &c_body[1].kind else {
        panic!("an assignment")
    };
    let ExprKind::GeneratorExp { generators, .. } = &genexp.kind else {
        panic!("a generator expression")
    };
    let setcomp = table.scope_of_node(&*generators[0].iter);
    let genexp = table.scope_of_node(&**genexp);

    let described = |id| {
        let scope = table.scope(id);
        (
            scope.name().to_string(),
            scope.kind(),
            scope.lineno(),
            scope.col_offset(),
        )
    };
    assert_eq!(described(f), ("f".into(), ScopeKind::Function, 1, 0));
    assert_eq!(
        described(lambda),
        ("lambda".into(), ScopeKind::Function, 1, 8)
    );
    assert_eq!(
        described(listcomp),
        ("listcomp".into(), ScopeKind::Function, 2, 11)
    );
    assert_eq!(described(class), ("C".into(), ScopeKind::Class, 3, 0));
    assert_eq!(
        described(dictcomp),
        ("dictcomp".into(), ScopeKind::Function, 4, 8)
    );
    assert_eq!(
        described(setcomp),
        ("setcomp".into(), ScopeKind::Function, 5, 20)
    );
    assert_eq!(
        described(genexp),
        ("genexpr".into(), ScopeKind::Function, 5, 8)
    );
    // Defaults are evaluated, and visited, before the function's scope
    // opens; a comprehension's outermost iterable before its own.
    assert_eq!(table.scope(top).children(), [lambda, f, class]);
    assert_eq!(table.scope(f).children(), [listcomp]);
    assert_eq!(table.scope(class).children(), [dictcomp, setcomp, genexp]);
    assert_eq!(table.scope(listcomp).varnames(), [".0"]);
    assert_eq!(
        table.scope(listcomp).symbol_scope("a"),
        None,
        "the outermost iterable is read outside the comprehension"
    );
    assert_eq!(
        table.scope(f).symbol_scope("a"),
        Some(symtable::SymbolScope::Local)
    );
}

/// What the future statements turn on, with the `CO_FUTURE_*` values of
/// CPython's `__future__` module.
#[test]
fn future_features_are_cpythons() {
    use krait_compiler::future::{parse_future, CO_FUTURE_ANNOTATIONS, CO_FUTURE_BARRY_AS_BDFL};

    let output = std::process::Command::new(common::python())
        .args([
            "-c",
            "import __future__ as f; print(f.annotations.compiler_flag, f.barry_as_FLUFL.compiler_flag)",
        ])
        .output()
        .expect("run python3");
    let flags = String::from_utf8(output.stdout).expect("digits");
    assert_eq!(
        flags.trim(),
        format!("{CO_FUTURE_ANNOTATIONS} {CO_FUTURE_BARRY_AS_BDFL}")
    );

    let future = |source: &str| {
        let module = krait_parser::parse_module(source.as_bytes()).expect("valid source");
        let future = parse_future(&module).expect("valid future statements");
        (future.flags, future.lineno)
    };
    assert_eq!(future("x = 1\n"), (0, None));
    assert_eq!(
        future("from __future__ import division, generator_stop\n"),
        (0, Some(1)),
        "the features that are always on set nothing"
    );
    assert_eq!(
        future("'''doc'''\nfrom __future__ import annotations\n\nfrom __future__ import barry_as_FLUFL\nx = 1\n"),
        (CO_FUTURE_ANNOTATIONS | CO_FUTURE_BARRY_AS_BDFL, Some(4))
    );
    assert_eq!(
        future("from __future__ import annotations\nimport os\nfrom __future__ import nope\n"),
        (CO_FUTURE_ANNOTATIONS, Some(1)),
        "a future import after other statements is the code generator's to refuse"
    );
    assert_eq!(
        future("def f():\n    from __future__ import annotations\n"),
        (0, None)
    );
}

#[test]
fn private_names_are_mangled_as_in_cpython() {
    let cases = [
        (Some("C"), "__x", "_C__x"),
        (Some("C"), "__x_", "_C__x_"),
        (Some("C"), "__x__", "__x__"),
        (Some("C"), "__", "__"),
        (Some("C"), "___", "___"),
        (Some("C"), "_x", "_x"),
        (Some("C"), "__m.sub", "__m.sub"),
        (Some("__A"), "__x", "_A__x"),
        (Some("_B_"), "__x", "_B___x"),
        (Some("_"), "__x", "__x"),
        (Some("ä"), "__ä", "_ä__ä"),
        (None, "__x", "__x"),
    ];
    for (class, name, mangled) in cases {
        assert_eq!(
            symtable::mangle(class, name),
            mangled,
            "{name} in {class:?}"
        );
    }
}

/// The properties no CPython interface shows (the code generator reads
/// some of them), by the rules of symtable.c.
#[test]
fn properties_cpython_keeps_to_itself() {
    use krait_parser::ast::Mod;

    let source = b"def f():\n    return 1\ndef g():\n    return\ndef h():\n    x = 1\n    def i():\n        def j(): return x\n    def k(): return len\n[y for y in (lambda: [z for z in w])()]\n";
    let module = krait_parser::parse_module(source).expect("valid source");
    let table = common::symbol_table(&module).expect("a valid table");
    let Mod::Module { body, .. } = &module else {
        panic!("a module")
    };
    let scope = |i: usize| table.scope(table.scope_of_node(&body[i]));
    assert!(scope(0).returns_value(), "`return 1` returns a value");
    assert!(!scope(1).returns_value(), "a bare `return` does not");

    // h's x is a cell for j. i only passes x through: it records x as
    // free but does not count as using a free variable itself, only its
    // child does. k reads a global from inside a function, which CPython
    // counts as using a free variable.
    let h = scope(2);
    let [i, k] = h.children() else {
        panic!("h has two functions")
    };
    let (i, k) = (table.scope(*i), table.scope(*k));
    let j = table.scope(i.children()[0]);
    assert!(h.has_child_free() && !h.has_free());
    assert!(!i.has_free() && i.has_child_free());
    assert!(j.has_free() && !j.has_child_free());
    assert!(k.has_free(), "a nested scope reading a global");
    assert_eq!(h.symbol_scope("x"), Some(symtable::SymbolScope::Cell));
    assert_eq!(i.symbol_scope("x"), Some(symtable::SymbolScope::Free));

    // A lambda in the outermost iterable of a comprehension, and the
    // comprehension inside the lambda, inherit the count that refuses
    // assignment expressions there.
    let top = table.scope(table.top());
    let lambda = table.scope(top.children()[3]);
    assert_eq!((lambda.name(), lambda.comp_iter_expr()), ("lambda", 1));
    let inner = table.scope(lambda.children()[0]);
    assert_eq!((inner.name(), inner.comp_iter_expr()), ("listcomp", 1));
    let outer = table.scope(top.children()[4]);
    assert_eq!((outer.name(), outer.comp_iter_expr()), ("listcomp", 0));
    assert_eq!(
        (
            outer.lineno(),
            outer.col_offset(),
            outer.end_lineno(),
            outer.end_col_offset()
        ),
        (10, 0, 10, 39)
    );
    assert_eq!(
        (
            top.lineno(),
            top.col_offset(),
            top.end_lineno(),
            top.end_col_offset()
        ),
        (0, 0, 0, 0),
        "the module's scope has no position"
    );
}
