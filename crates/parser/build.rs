//! Generates the AST node types and their `ast.dump` printer from `ast.asdl`,
//! the way CPython's Parser/asdl_c.py generates Python-ast.c from Python.asdl.
//!
//! The outputs: `$OUT_DIR/ast_generated.rs`, included by `src/ast.rs`, and
//! `$OUT_DIR/convert_generated.rs`, the classes of the `ast` module and the
//! conversions to and from them, included by `src/convert.rs`.

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
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("convert_generated.rs");
    fs::write(out, generate_conversions(&types)).expect("write convert_generated.rs");
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

/// One class of the `ast` module, in the order CPython creates them.
struct Class<'a> {
    name: &'a str,
    /// The index of the abstract class of a constructor's sum type.
    base: Option<usize>,
    fields: &'a [Field],
    attributes: &'a [Field],
    doc: String,
    singleton: bool,
}

/// `expr* values`, as the classes' docstrings show a field.
fn field_signature(field: &Field) -> String {
    let mark = match field.quantity {
        Quantity::One => "",
        Quantity::Optional => "?",
        Quantity::Sequence | Quantity::SequenceOfOptional => "*",
    };
    format!("{}{mark} {}", field.ty, field.name)
}

/// `Name(identifier id, expr_context ctx)`, or `Load`.
fn constructor_doc(name: &str, fields: &[Field]) -> String {
    if fields.is_empty() {
        return name.to_string();
    }
    let fields: Vec<String> = fields.iter().map(field_signature).collect();
    format!("{name}({})", fields.join(", "))
}

fn classes(types: &[Type]) -> Vec<Class<'_>> {
    let mut classes = Vec::new();
    for ty in types {
        match &ty.definition {
            Definition::Sum {
                constructors,
                attributes,
            } => {
                let base = classes.len();
                let docs: Vec<String> = constructors
                    .iter()
                    .map(|c| constructor_doc(&c.name, &c.fields))
                    .collect();
                let simple = is_simple_sum(types, &ty.name);
                // Constructors with fields go one to a line.
                let separator = if simple {
                    " | ".to_string()
                } else {
                    format!("\n{}| ", " ".repeat(ty.name.len() + 1))
                };
                classes.push(Class {
                    name: &ty.name,
                    base: None,
                    fields: &[],
                    attributes,
                    doc: format!("{} = {}", ty.name, docs.join(&separator)),
                    singleton: false,
                });
                for (c, doc) in constructors.iter().zip(docs) {
                    classes.push(Class {
                        name: &c.name,
                        base: Some(base),
                        fields: &c.fields,
                        attributes: &[],
                        doc,
                        singleton: simple,
                    });
                }
            }
            Definition::Product { fields, attributes } => classes.push(Class {
                name: &ty.name,
                base: None,
                fields,
                attributes,
                doc: constructor_doc(&ty.name, fields),
                singleton: false,
            }),
        }
    }
    classes
}

fn field_table(fields: &[Field]) -> String {
    let items: Vec<String> = fields
        .iter()
        .map(|f| {
            let quantity = match f.quantity {
                Quantity::One => "One",
                Quantity::Optional => "Optional",
                Quantity::Sequence => "Sequence",
                Quantity::SequenceOfOptional => "SequenceOfOptional",
            };
            format!(
                "Field {{ name: {:?}, ty: {:?}, quantity: Quantity::{quantity} }}",
                f.name, f.ty
            )
        })
        .collect();
    format!("&[{}]", items.join(", "))
}

/// The expression reading one value of ASDL type `ty` from the host
/// object `value` (a reference), as an `Option` (`None` for Python's None).
fn read_leaf(ty: &str, value: &str) -> String {
    match ty {
        "identifier" => format!("r.identifier({value})?"),
        "string" => format!("r.string({value})?"),
        "constant" => format!("Some(r.constant({value})?)"),
        "int" => format!("Some(r.int({value})?)"),
        other => format!("<{}>::from_object(r, {value})?", camel(other)),
    }
}

/// The expression reading field `field` of `owner` from `obj`, of the
/// field's Rust type (required values checked by [`finish_field`]).
fn read_field(types: &[Type], field: &Field, owner: &str) -> String {
    let name = &field.name;
    let missing = format!("None => return Err(r.missing_field({name:?}, {owner:?})),");
    match field.quantity {
        Quantity::One => format!(
            "match r.attribute(obj, {name:?})? {{ Some(v) => {}, {missing} }}",
            read_leaf(&field.ty, "&v")
        ),
        Quantity::Optional => {
            let boxed = if field_type(types, field).starts_with("Option<Box") {
                ".map(Box::new)"
            } else {
                ""
            };
            format!(
                "match r.attribute(obj, {name:?})? {{ Some(v) if !r.is_none(&v) => {}{boxed}, _ => None }}",
                read_leaf(&field.ty, "&v")
            )
        }
        Quantity::Sequence | Quantity::SequenceOfOptional => {
            let push = if field.quantity == Quantity::Sequence {
                format!(
                    "match {} {{ Some(x) => out.push(x), None => r.none_in_list({:?})? }}",
                    read_leaf(&field.ty, "item"),
                    field.ty
                )
            } else {
                format!("out.push({})", read_leaf(&field.ty, "item"))
            };
            format!(
                "match r.attribute(obj, {name:?})? {{ Some(v) => {{ let items = r.list(&v, {owner:?}, {name:?})?; \
                 let mut out = Vec::with_capacity(items.len()); for item in &items {{ {push}; }} out }} {missing} }}"
            )
        }
    }
}

/// The value of a field read into `f{i}`, with the check CPython's node
/// constructors make that a required field is not None.
fn finish_field(types: &[Type], field: &Field, i: usize, owner: &str) -> String {
    if field.quantity != Quantity::One {
        return format!("f{i}");
    }
    let value = format!("r.required(f{i}, {:?}, {owner:?})?", field.name);
    if field_type(types, field).starts_with("Box<") {
        format!("Box::new({value})")
    } else {
        value
    }
}

/// The statements reading every field of `fields` into `f0`, `f1`, ...
fn read_fields(types: &[Type], fields: &[Field], owner: &str) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        writeln!(out, "        let f{i} = {};", read_field(types, f, owner)).unwrap();
    }
    out
}

/// `name: value, ...` for a struct or variant built from `f0`, `f1`, ...
fn field_inits(types: &[Type], fields: &[Field], owner: &str) -> String {
    let inits: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            format!(
                "{}: {}",
                rust_field(&f.name),
                finish_field(types, f, i, owner)
            )
        })
        .collect();
    inits.join(", ")
}

/// Whether the nodes of a type have their positions checked
/// (`VALIDATE_POSITIONS` in Python/ast.c).
fn positions_validated(name: &str) -> bool {
    matches!(name, "stmt" | "expr" | "pattern")
}

fn generate_conversions(types: &[Type]) -> String {
    let classes = classes(types);
    let index = |name: &str| {
        classes
            .iter()
            .position(|c| c.name == name)
            .expect("a class of ast.asdl")
    };
    let mut out = String::new();
    out.push_str("// Generated by crates/parser/build.rs from ast.asdl. Do not edit.\n\n");
    out.push_str("/// Every class of the `ast` module but `AST`, bases first.\npub static CLASSES: &[Class] = &[\n");
    for c in &classes {
        writeln!(
            out,
            "    Class {{ name: {:?}, base: {:?}, fields: {}, attributes: {}, doc: {:?}, singleton: {} }},",
            c.name,
            c.base,
            field_table(c.fields),
            field_table(c.attributes),
            c.doc,
            c.singleton
        )
        .unwrap();
    }
    out.push_str("];\n\n");
    for ty in types {
        let name = camel(&ty.name);
        let optional_ends = |attributes: &[Field]| {
            attributes
                .iter()
                .any(|a| a.name == "end_lineno" && a.quantity == Quantity::Optional)
        };
        match &ty.definition {
            Definition::Sum { constructors, .. } if is_simple_sum(types, &ty.name) => {
                writeln!(out, "impl ToObject for {name} {{\n    fn to_object<B: Builder>(&self, b: &mut B) -> Result<B::Object, B::Error> {{\n        let class = match self {{").unwrap();
                for c in constructors {
                    writeln!(out, "            {name}::{} => {},", c.name, index(&c.name)).unwrap();
                }
                out.push_str("        };\n        b.node(class, Vec::new())\n    }\n}\n\n");
                writeln!(out, "impl FromObject for {name} {{\n    fn from_object<R: Reader>(r: &mut R, obj: &R::Object) -> Result<Option<Self>, R::Error> {{").unwrap();
                for c in constructors {
                    writeln!(
                        out,
                        "        if r.is_instance(obj, {})? {{\n            return Ok(Some({name}::{}));\n        }}",
                        index(&c.name),
                        c.name
                    )
                    .unwrap();
                }
                writeln!(
                    out,
                    "        Err(r.not_a_node({:?}, obj))\n    }}\n}}\n",
                    ty.name
                )
                .unwrap();
            }
            Definition::Sum {
                constructors,
                attributes,
            } => {
                let located = !attributes.is_empty();
                let (kind, subject) = if located {
                    (format!("{name}Kind"), "&self.kind")
                } else {
                    (name.clone(), "self")
                };
                writeln!(out, "impl ToObject for {name} {{\n    fn to_object<B: Builder>(&self, b: &mut B) -> Result<B::Object, B::Error> {{\n        #[allow(unused_mut)]\n        let (class, mut values) = match {subject} {{").unwrap();
                for c in constructors {
                    let class = index(&c.name);
                    if c.fields.is_empty() {
                        writeln!(
                            out,
                            "            {kind}::{} => ({class}, Vec::new()),",
                            c.name
                        )
                        .unwrap();
                        continue;
                    }
                    let binds: Vec<String> = c
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(i, f)| format!("{}: f{i}", rust_field(&f.name)))
                        .collect();
                    let values: Vec<String> = (0..c.fields.len())
                        .map(|i| format!("f{i}.to_object(b)?"))
                        .collect();
                    writeln!(
                        out,
                        "            {kind}::{} {{ {} }} => ({class}, vec![{}]),",
                        c.name,
                        binds.join(", "),
                        values.join(", ")
                    )
                    .unwrap();
                }
                out.push_str("        };\n");
                if located {
                    out.push_str("        location_to_objects(&self.loc, b, &mut values)?;\n");
                }
                out.push_str("        b.node(class, values)\n    }\n}\n\n");
                writeln!(out, "impl FromObject for {name} {{\n    fn from_object<R: Reader>(r: &mut R, obj: &R::Object) -> Result<Option<Self>, R::Error> {{\n        if r.is_none(obj) {{\n            return Ok(None);\n        }}").unwrap();
                if located {
                    writeln!(
                        out,
                        "        let loc = read_location(r, obj, {:?}, {}, {})?;",
                        ty.name,
                        optional_ends(attributes),
                        positions_validated(&ty.name)
                    )
                    .unwrap();
                }
                writeln!(
                    out,
                    "        r.enter({:?})?;\n        let node = Self::read_fields(r, obj{});\n        r.leave();\n        node.map(Some)\n    }}\n}}\n",
                    ty.name,
                    if located { ", loc" } else { "" }
                )
                .unwrap();
                writeln!(
                    out,
                    "impl {name} {{\n    fn read_fields<R: Reader>(r: &mut R, obj: &R::Object{}) -> Result<Self, R::Error> {{",
                    if located { ", loc: Loc" } else { "" }
                )
                .unwrap();
                for c in constructors {
                    writeln!(out, "        if r.is_instance(obj, {})? {{", index(&c.name)).unwrap();
                    out.push_str(&read_fields(types, &c.fields, &c.name));
                    let value = if c.fields.is_empty() {
                        format!("{kind}::{}", c.name)
                    } else {
                        format!(
                            "{kind}::{} {{ {} }}",
                            c.name,
                            field_inits(types, &c.fields, &c.name)
                        )
                    };
                    if located {
                        writeln!(out, "        return Ok({name} {{ kind: {value}, loc }});")
                            .unwrap();
                    } else {
                        writeln!(out, "        return Ok({value});").unwrap();
                    }
                    out.push_str("        }\n");
                }
                writeln!(
                    out,
                    "        Err(r.not_a_node({:?}, obj))\n    }}\n}}\n",
                    ty.name
                )
                .unwrap();
            }
            Definition::Product { fields, attributes } => {
                let located = !attributes.is_empty();
                let values: Vec<String> = fields
                    .iter()
                    .map(|f| format!("self.{}.to_object(b)?", rust_field(&f.name)))
                    .collect();
                writeln!(out, "impl ToObject for {name} {{\n    fn to_object<B: Builder>(&self, b: &mut B) -> Result<B::Object, B::Error> {{\n        #[allow(unused_mut)]\n        let mut values = vec![{}];", values.join(", ")).unwrap();
                if located {
                    out.push_str("        location_to_objects(&self.loc, b, &mut values)?;\n");
                }
                writeln!(
                    out,
                    "        b.node({}, values)\n    }}\n}}\n",
                    index(&ty.name)
                )
                .unwrap();
                writeln!(
                    out,
                    "impl FromObject for {name} {{\n    fn from_object<R: Reader>(r: &mut R, obj: &R::Object) -> Result<Option<Self>, R::Error> {{\n        r.enter({:?})?;\n        let node = Self::read_fields(r, obj);\n        r.leave();\n        node.map(Some)\n    }}\n}}\n",
                    ty.name
                )
                .unwrap();
                writeln!(out, "impl {name} {{\n    fn read_fields<R: Reader>(r: &mut R, obj: &R::Object) -> Result<Self, R::Error> {{").unwrap();
                out.push_str(&read_fields(types, fields, &ty.name));
                let mut inits = field_inits(types, fields, &ty.name);
                if located {
                    writeln!(
                        out,
                        "        let loc = read_location(r, obj, {:?}, {}, false)?;",
                        ty.name,
                        optional_ends(attributes)
                    )
                    .unwrap();
                    inits.push_str(", loc");
                }
                writeln!(out, "        Ok({name} {{ {inits} }})\n    }}\n}}\n").unwrap();
            }
        }
    }
    out
}
