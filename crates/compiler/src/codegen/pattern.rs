//! `match` statements (compile.c's `compiler_match` and `compiler_pattern_*`).

use krait_parser::ast::{Expr, MatchCase, Stmt};

use super::{Compiler, Result};

impl<'a> Compiler<'a> {
    pub(super) fn match_(
        &mut self,
        _s: &'a Stmt,
        _subject: &'a Expr,
        _cases: &'a [MatchCase],
    ) -> Result<()> {
        Err(self.error("match: in progress"))
    }
}
