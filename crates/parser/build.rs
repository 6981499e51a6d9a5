//! Generates the AST node types and their `ast.dump` printer from `ast.asdl`,
//! the way CPython's Parser/asdl_c.py generates Python-ast.c from Python.asdl.
//!
//! The output, `$OUT_DIR/ast_generated.rs`, is included by `src/ast.rs`.

use std::fmt::Write;
use std::{env, fs, path::Path};

/// One field of a constructor or product type: `expr? returns`.
struct Field {
    ty: String,
    name: String,
    quantity: Quantity,
}

#[derive(Clone, Copy, PartialEq)]
enum Quantity {
    One,
    Optional,
    Sequence,
    SequenceOfOptional,
}

struct Constructor {
    name: String,
    fields: Vec<Field>,
}

enum Definition {
    Sum {
        constructors: Vec<Constructor>,
        attributes: Vec<Field>,
    },
    Product {
        fields: Vec<Field>,
        attributes: Vec<Field>,
    },
}

struct Type {
    name: String,
    definition: Definition,
}

fn main() {
    let asdl_path = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("ast.asdl");
    println!("cargo:rerun-if-changed=ast.asdl");
    let source = fs::read_to_string(&asdl_path).expect("read ast.asdl");
    let types = Asdl::new(&source).module();
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("ast_generated.rs");
    fs::write(out, generate(&types)).expect("write ast_generated.rs");
}

/// A recursive-descent reader for the subset of Zephyr ASDL that ast.asdl uses.
struct Asdl {
    tokens: Vec<String>,
    pos: usize,
}

impl Asdl {
    fn new(source: &str) -> Asdl {
        let mut tokens = Vec::new();
        for line in source.lines() {
            let line = line.split("--").next().unwrap();
            let mut word = String::new();
            for c in line.chars() {
                if c.is_alphanumeric() || c == '_' {
                    word.push(c);
                    continue;
                }
                if !word.is_empty() {
                    tokens.push(std::mem::take(&mut word));
                }
                if !c.is_whitespace() {
                    tokens.push(c.to_string());
                }
            }
            if !word.is_empty() {
                tokens.push(word);
            }
        }
        Asdl { tokens, pos: 0 }
    }

    fn peek(&self) -> &str {
        self.tokens.get(self.pos).map_or("", |t| t.as_str())
    }

    fn next(&mut self) -> String {
        let token = self.peek().to_string();
        self.pos += 1;
        token
    }

    fn expect(&mut self, token: &str) {
        let got = self.next();
        assert_eq!(got, token, "ast.asdl: expected {token:?}, got {got:?}");
    }

    fn module(&mut self) -> Vec<Type> {
        self.expect("module");
        self.next();
        self.expect("{");
        let mut types = Vec::new();
        while self.peek() != "}" {
            let name = self.next();
            self.expect("=");
            let definition = if self.peek() == "(" {
                let fields = self.fields();
                let attributes = self.attributes();
                Definition::Product { fields, attributes }
            } else {
                let mut constructors = vec![self.constructor()];
                while self.peek() == "|" {
                    self.next();
                    constructors.push(self.constructor());
                }
                let attributes = self.attributes();
                Definition::Sum {
                    constructors,
                    attributes,
                }
            };
            types.push(Type { name, definition });
        }
        types
    }

    fn constructor(&mut self) -> Constructor {
        let name = self.next();
        let fields = if self.peek() == "(" {
            self.fields()
        } else {
            Vec::new()
        };
        Constructor { name, fields }
    }

    fn attributes(&mut self) -> Vec<Field> {
        if self.peek() == "attributes" {
            self.next();
            self.fields()
        } else {
            Vec::new()
        }
    }

    fn fields(&mut self) -> Vec<Field> {
        self.expect("(");
        let mut fields = Vec::new();
        loop {
            let ty = self.next();
            let quantity = match self.peek() {
                "?" => {
                    self.next();
                    if self.peek() == "*" {
                        self.next();
                        Quantity::SequenceOfOptional
                    } else {
                        Quantity::Optional
                    }
                }
                "*" => {
                    self.next();
                    Quantity::Sequence
                }
                _ => Quantity::One,
            };
            let name = self.next();
            fields.push(Field { ty, name, quantity });
            if self.next() == ")" {
                return fields;
            }
        }
    }
}

/// `expr_context` -> `ExprContext`.
fn camel(name: &str) -> String {
    match name {
        "excepthandler" => return "ExceptHandler".into(),
        "withitem" => return "WithItem".into(),
        "boolop" => return "BoolOp".into(),
        "unaryop" => return "UnaryOp".into(),
        "cmpop" => return "CmpOp".into(),
        _ => {}
    }
    name.split('_')
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

/// Rust field names: ASDL's `type` is a Rust keyword.
fn rust_field(name: &str) -> String {
    match name {
        "type" => "type_".into(),
        _ => name.into(),
    }
}

/// Whether values of this type are fieldless enums, stored by value.
fn is_simple_sum(types: &[Type], name: &str) -> bool {
    types.iter().any(|t| {
        t.name == name
            && matches!(&t.definition, Definition::Sum { constructors, attributes }
                if attributes.is_empty() && constructors.iter().all(|c| c.fields.is_empty()))
    })
}

fn field_type(types: &[Type], field: &Field) -> String {
    let base = match field.ty.as_str() {
        "identifier" => "Identifier".to_string(),
        "string" => "String".to_string(),
        "constant" => "Constant".to_string(),
        "int" => "i32".to_string(),
        other => camel(other),
    };
    let by_value = matches!(
        field.ty.as_str(),
        "identifier" | "string" | "constant" | "int"
    ) || is_simple_sum(types, &field.ty);
    match field.quantity {
        Quantity::One if by_value => base,
        Quantity::One => format!("Box<{base}>"),
        Quantity::Optional if by_value => format!("Option<{base}>"),
        Quantity::Optional => format!("Option<Box<{base}>>"),
        Quantity::Sequence => format!("Vec<{base}>"),
        Quantity::SequenceOfOptional => format!("Vec<Option<{base}>>"),
    }
}

fn generate(types: &[Type]) -> String {
    let mut out = String::new();
    out.push_str("// Generated by crates/parser/build.rs from ast.asdl. Do not edit.\n\n");
    for ty in types {
        let name = camel(&ty.name);
        match &ty.definition {
            Definition::Sum { constructors, .. } if is_simple_sum(types, &ty.name) => {
                writeln!(
                    out,
                    "#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum {name} {{"
                )
                .unwrap();
                for c in constructors {
                    writeln!(out, "    {},", c.name).unwrap();
                }
                out.push_str("}\n\n");
                writeln!(out, "impl Dump for {name} {{\n    fn dump(&self, out: &mut String) {{\n        out.push_str(match self {{").unwrap();
                for c in constructors {
                    writeln!(out, "            {name}::{0} => \"{0}()\",", c.name).unwrap();
                }
                out.push_str("        });\n    }\n}\n\n");
            }
            Definition::Sum {
                constructors,
                attributes,
            } => {
                let kind = if attributes.is_empty() {
                    name.clone()
                } else {
                    format!("{name}Kind")
                };
                if !attributes.is_empty() {
                    writeln!(out, "#[derive(Debug, Clone, PartialEq)]\npub struct {name} {{\n    pub kind: {kind},\n    pub loc: Loc,\n}}\n").unwrap();
                }
                writeln!(
                    out,
                    "#[derive(Debug, Clone, PartialEq)]\npub enum {kind} {{"
                )
                .unwrap();
                for c in constructors {
                    if c.fields.is_empty() {
                        writeln!(out, "    {},", c.name).unwrap();
                    } else {
                        writeln!(out, "    {} {{", c.name).unwrap();
                        for f in &c.fields {
                            writeln!(
                                out,
                                "        {}: {},",
                                rust_field(&f.name),
                                field_type(types, f)
                            )
                            .unwrap();
                        }
                        out.push_str("    },\n");
                    }
                }
                out.push_str("}\n\n");
                let (subject, loc) = if attributes.is_empty() {
                    ("self", "")
                } else {
                    ("&self.kind", "        w.location(&self.loc);\n")
                };
                writeln!(
                    out,
                    "impl Dump for {name} {{\n    fn dump(&self, out: &mut String) {{"
                )
                .unwrap();
                out.push_str(if attributes.is_empty() {
                    "        let w = match "
                } else {
                    "        let mut w = match "
                });
                out.push_str(subject);
                out.push_str(" {\n");
                for c in constructors {
                    let names: Vec<String> = c.fields.iter().map(|f| rust_field(&f.name)).collect();
                    if names.is_empty() {
                        writeln!(
                            out,
                            "            {kind}::{} => NodeWriter::new(out, \"{}\"),",
                            c.name, c.name
                        )
                        .unwrap();
                        continue;
                    }
                    writeln!(
                        out,
                        "            {kind}::{} {{ {} }} => {{",
                        c.name,
                        names.join(", ")
                    )
                    .unwrap();
                    writeln!(
                        out,
                        "                let mut w = NodeWriter::new(out, \"{}\");",
                        c.name
                    )
                    .unwrap();
                    for f in &c.fields {
                        writeln!(
                            out,
                            "                w.field(\"{}\", {});",
                            f.name,
                            rust_field(&f.name)
                        )
                        .unwrap();
                    }
                    out.push_str("                w\n            }\n");
                }
                out.push_str("        };\n");
                out.push_str(loc);
                out.push_str("        w.finish();\n    }\n}\n\n");
            }
            Definition::Product { fields, attributes } => {
                writeln!(
                    out,
                    "#[derive(Debug, Clone, PartialEq)]\npub struct {name} {{"
                )
                .unwrap();
                for f in fields {
                    writeln!(
                        out,
                        "    pub {}: {},",
                        rust_field(&f.name),
                        field_type(types, f)
                    )
                    .unwrap();
                }
                if !attributes.is_empty() {
                    out.push_str("    pub loc: Loc,\n");
                }
                out.push_str("}\n\n");
                writeln!(
                    out,
                    "impl Dump for {name} {{\n    fn dump(&self, out: &mut String) {{"
                )
                .unwrap();
                writeln!(
                    out,
                    "        let mut w = NodeWriter::new(out, \"{}\");",
                    ty.name
                )
                .unwrap();
                for f in fields {
                    writeln!(
                        out,
                        "        w.field(\"{}\", &self.{});",
                        f.name,
                        rust_field(&f.name)
                    )
                    .unwrap();
                }
                if !attributes.is_empty() {
                    out.push_str("        w.location(&self.loc);\n");
                }
                out.push_str("        w.finish();\n    }\n}\n\n");
            }
        }
    }
    out
}
