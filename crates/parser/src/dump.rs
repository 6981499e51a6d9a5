//! The text of `ast.dump(tree, include_attributes=True)`, as CPython 3.11's
//! Lib/ast.py writes it: `Name(field=value, ..., lineno=1, ...)`, optional
//! fields left out when absent, lists in brackets, leaves through `repr()`.

use crate::ast::{Constant, Loc};
use crate::repr::{constant_repr, str_repr};

/// A value that can appear in a dump.
pub trait Dump {
    fn dump(&self, out: &mut String);

    /// Whether an optional field holding this value is left out of the dump.
    fn is_absent(&self) -> bool {
        false
    }
}

/// Writes one node: its class name, then `name=value` pairs.
pub struct NodeWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> NodeWriter<'a> {
    pub fn new(out: &'a mut String, class_name: &str) -> NodeWriter<'a> {
        out.push_str(class_name);
        out.push('(');
        NodeWriter { out, first: true }
    }

    pub fn field(&mut self, name: &str, value: &impl Dump) {
        if value.is_absent() {
            return;
        }
        if !self.first {
            self.out.push_str(", ");
        }
        self.first = false;
        self.out.push_str(name);
        self.out.push('=');
        value.dump(self.out);
    }

    pub fn location(&mut self, loc: &Loc) {
        self.field("lineno", &loc.lineno);
        self.field("col_offset", &loc.col_offset);
        self.field("end_lineno", &loc.end_lineno);
        self.field("end_col_offset", &loc.end_col_offset);
    }

    pub fn finish(self) {
        self.out.push(')');
    }
}

/// `ast.dump(node, include_attributes=True)`.
pub fn dump(node: &impl Dump) -> String {
    let mut out = String::new();
    node.dump(&mut out);
    out
}

impl<T: Dump> Dump for Box<T> {
    fn dump(&self, out: &mut String) {
        (**self).dump(out)
    }
}

impl<T: Dump> Dump for Option<T> {
    fn dump(&self, out: &mut String) {
        match self {
            Some(value) => value.dump(out),
            None => out.push_str("None"),
        }
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: Dump> Dump for Vec<T> {
    fn dump(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            item.dump(out);
        }
        out.push(']');
    }
}

impl Dump for String {
    fn dump(&self, out: &mut String) {
        out.push_str(&str_repr(self.chars().map(|c| c as u32)));
    }
}

impl Dump for i32 {
    fn dump(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl Dump for u32 {
    fn dump(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl Dump for Constant {
    fn dump(&self, out: &mut String) {
        out.push_str(&constant_repr(self));
    }
}
