//! Deeply nested source parses as in CPython, valid or not. Each of these
//! once took time exponential in its depth: a rule read the same nested
//! text once per alternative it tried. Most nest 100 levels; the unclosed
//! ones fewer, to stay under the tokenizer's limit of 200 open brackets.

mod common;

/// (name, source) pairs.
fn nested_sources() -> Vec<(&'static str, String)> {
    let nest = |open: &str, middle: &str, close: &str| {
        format!("{}{}{}\n", open.repeat(100), middle, close.repeat(100))
    };
    vec![
        ("calls", nest("f(", "", ")")),
        ("calls_invalid", nest("f(", "x y", ")")),
        ("call_keywords_invalid", nest("f(x=", "1 2", ")")),
        ("call_after_argument", nest("f(a, ", "1", ")")),
        ("dicts", nest("{1:", "1", "}")),
        ("dicts_invalid", nest("{1:", "1 2", "}")),
        ("sets_invalid", nest("{", "1 2", "}")),
        ("lists_invalid", nest("[", "1 2", "]")),
        ("tuples", nest("(1,", "", ")")),
        ("binary_invalid", nest("(1+", "1 2", ")")),
        ("comprehensions", nest("[x for x in ", "y", "]")),
        ("walrus", nest("(x:=", "1", ")")),
        ("subscripts_invalid", nest("f(x[", "1 2", "])")),
        ("starred_subscripts_invalid", nest("(*x[", "?", "])")),
        ("parenthesized_statement_invalid", nest("(", "?", ")")),
        (
            "parenthesized_assignment_invalid",
            format!("x = {}", nest("(", "?(1)", ")")),
        ),
        (
            "parenthesized_targets",
            format!("{} = 1\n", nest("(", "a", ")").trim_end()),
        ),
        (
            "parenthesized_del_invalid",
            format!("del {}", nest("(", "?", ")")),
        ),
        (
            "subscript_target",
            format!("{} = 1\n", nest("x[", "1", "]").trim_end()),
        ),
        ("unclosed_calls_invalid", format!("{}?\n", "f((".repeat(60))),
        (
            "unclosed_call_groups_invalid",
            format!("{}?\n", "((g(".repeat(40)),
        ),
        (
            "unclosed_mixed_invalid",
            format!("{}?\n", "((g((s((".repeat(20)),
        ),
        (
            "group_patterns_invalid",
            format!(
                "match p:\n    case {}e{}?\n",
                "(".repeat(40),
                "(".repeat(12)
            ),
        ),
        (
            "group_patterns",
            format!(
                "match p:\n    case {}:\n        pass\n",
                nest("(", "x", ")").trim_end()
            ),
        ),
        (
            "group_sequence_patterns",
            format!(
                "match p:\n    case {}:\n        pass\n",
                nest("(", "z,", "),")
            ),
        ),
        (
            "group_sequence_patterns_closed",
            format!(
                "match p:\n    case {}z,{}):\n        pass\n",
                "(".repeat(100),
                "),".repeat(99)
            ),
        ),
        (
            "group_sequence_patterns_invalid",
            format!(
                "match p:\n    case {}z,{}) ?:\n        pass\n",
                "(".repeat(100),
                "),".repeat(99)
            ),
        ),
        (
            "group_sequence_patterns_unclosed",
            format!(
                "match p:\n    case {}z,{}):\n        pass\n",
                "(".repeat(100),
                "),".repeat(98)
            ),
        ),
        (
            "group_or_as_patterns",
            format!(
                "match p:\n    case {}z | w as y,{}):\n        pass\n",
                "(".repeat(100),
                ") | u as v,".repeat(99)
            ),
        ),
        (
            "class_group_sequence_patterns",
            format!(
                "match p:\n    case {}z{}:\n        pass\n",
                "C(b=c, d=((".repeat(50),
                ",),))".repeat(50)
            ),
        ),
        (
            "class_group_sequence_patterns_invalid",
            format!(
                "match p:\n    case {}z{} ?:\n        pass\n",
                "C((".repeat(50),
                ",), b=c)".repeat(50)
            ),
        ),
        (
            "generator_elements",
            format!("{}x{}\n", "(".repeat(40), " for a in b)".repeat(40)),
        ),
        (
            "call_generator_elements",
            format!("f({}x{})\n", "(".repeat(40), " for a in b)".repeat(40)),
        ),
        (
            "dict_keys_in_call",
            format!("f({})\n", nest("{", "a", ": 1}")),
        ),
        (
            "dict_comprehension_keys_in_call",
            format!("f({})\n", nest("{", "a", ": 1 for a in b}")),
        ),
        (
            "subscripts_in_comprehension_targets",
            format!("{}a{}\n", "a[[x for ".repeat(40), " in b]]".repeat(40)),
        ),
        (
            "subscripts_in_comprehension_targets_invalid",
            format!("{}a{} ?\n", "a[[x for ".repeat(40), " in b]]".repeat(40)),
        ),
        (
            "parenthesized_targets_in_parenthesized_comprehension",
            format!(
                "{}[x for {}a{} in y]{}\n",
                "(".repeat(66),
                "(".repeat(130),
                ")".repeat(130),
                ")".repeat(66)
            ),
        ),
        (
            "parenthesized_starred_targets_in_parenthesized_comprehension_invalid",
            format!(
                "{}[x for {}*{}1{} in y]{}\n",
                "(".repeat(60),
                "(".repeat(110),
                "(".repeat(25),
                ")".repeat(25),
                ")".repeat(60)
            ),
        ),
        (
            "subscript_target_invalid",
            format!("{} = 1\n", nest("x[", "1 2", "]").trim_end()),
        ),
    ]
}

#[test]
fn deeply_nested_source_parses_as_in_cpython() {
    let dir = std::env::temp_dir().join(format!("krait-nesting-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary directory");
    let files: Vec<_> = nested_sources()
        .into_iter()
        .map(|(name, source)| {
            let path = dir.join(format!("{name}.py"));
            std::fs::write(&path, source).expect("write a source file");
            path
        })
        .collect();
    common::assert_same_as_cpython(&files, "nested source");
}
