//! `match` statements (PEP 634), as 3.11's compile.c compiles them:
//! `compiler_match` and the `compiler_pattern_*` / `pattern_helper_*`
//! functions.
//!
//! Every pattern function follows one convention: it consumes the value
//! on top of the stack (the subject of that pattern) and, when the
//! pattern does not match, jumps to one of the context's "fail_pop"
//! blocks, which pops whatever the pattern left on the stack. The values
//! a pattern captures are not stored as they are found: each is rotated
//! underneath the items still in use, and the names are stored only once
//! the whole pattern has matched, so a failing pattern binds nothing.

use krait_parser::ast::{
    CmpOp, Constant, Expr, ExprContext, ExprKind, Int, MatchCase, Pattern, PatternKind, Stmt,
};
use krait_parser::repr::{constant_repr, str_repr};

use super::expr::binary_op_arg;
use super::{Compiler, Result};
use crate::ast_opt::python_equal;
use crate::flowgraph::BlockId;
use crate::opcode::Opcode;

/// The state of the pattern being compiled (`pattern_context`).
struct PatternContext<'a> {
    /// The names captured so far, in the order their values lie on the
    /// stack (bottom first), under the `on_top` items in use.
    stores: Vec<&'a str>,
    /// Whether an irrefutable pattern may appear here: in the last case,
    /// a guarded case, the last alternative of an or-pattern where its
    /// whole may be irrefutable, or inside another pattern.
    allow_irrefutable: bool,
    /// `fail_pop[n]` pops `n` items then falls through to `fail_pop[n-1]`;
    /// `fail_pop[0]` is where the next case (or alternative) starts.
    /// Made on demand.
    fail_pop: Vec<BlockId>,
    /// How many items above the captures the patterns being compiled use.
    on_top: usize,
}

impl<'a> PatternContext<'a> {
    fn new(allow_irrefutable: bool) -> Self {
        PatternContext {
            stores: Vec::new(),
            allow_irrefutable,
            fail_pop: Vec::new(),
            on_top: 0,
        }
    }
}

/// `WILDCARD_CHECK`: `_`, a capture-less irrefutable pattern.
fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        p.kind,
        PatternKind::MatchAs {
            pattern: None,
            name: None
        }
    )
}

/// `WILDCARD_STAR_CHECK`: `*_`.
fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p.kind, PatternKind::MatchStar { name: None })
}

/// `repr()` of a name, as `%R` writes an identifier in a message.
fn name_repr(name: &str) -> String {
    str_repr(name.chars().map(u32::from))
}

/// An int constant from a count (`PyLong_FromSsize_t`).
fn int_constant(n: usize) -> Constant {
    // A pattern never has anywhere near i64::MAX sub-patterns.
    Constant::Int(Int::Small(i64::try_from(n).unwrap_or(i64::MAX)))
}

/// An instruction argument from a count (a count beyond u32 cannot come
/// from a source file that fits in memory).
fn arg(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'a> Compiler<'a> {
    /// `compiler_match`.
    pub(super) fn match_(
        &mut self,
        _s: &'a Stmt,
        subject: &'a Expr,
        cases: &'a [MatchCase],
    ) -> Result<()> {
        let mut pc = PatternContext::new(false);
        self.match_inner(subject, cases, &mut pc)
    }

    /// `compiler_match_inner`: each case tries its pattern on a copy of
    /// the subject, except the last tried, which consumes it.
    fn match_inner(
        &mut self,
        subject: &'a Expr,
        cases: &'a [MatchCase],
        pc: &mut PatternContext<'a>,
    ) -> Result<()> {
        self.visit_expr(subject)?;
        let end = self.new_block();
        let Some(last) = cases.last() else {
            // The grammar gives every match statement a case; CPython's
            // AST validator words the error for a built tree so.
            return Err(self.error("empty cases on Match"));
        };
        // A trailing `case _:` (not the only case) needs no copy of the
        // subject nor a pattern: it is compiled apart, after the loop.
        let has_default = is_wildcard(&last.pattern) && cases.len() > 1;
        let tried = cases.len() - usize::from(has_default);
        for (i, m) in cases[..tried].iter().enumerate() {
            self.set_loc(m.pattern.loc);
            let consumes_subject = i == tried - 1;
            if !consumes_subject {
                self.emit_arg(Opcode::COPY, 1);
            }
            // Irrefutable cases must be guarded, last, or both.
            *pc = PatternContext::new(m.guard.is_some() || i == cases.len() - 1);
            self.pattern(&m.pattern, pc)?;
            // A match: store the captures, which are on the stack.
            for name in std::mem::take(&mut pc.stores) {
                self.nameop(name, ExprContext::Store)?;
            }
            if let Some(guard) = &m.guard {
                self.ensure_fail_pop(pc, 0);
                let fail = pc.fail_pop[0];
                self.jump_if(guard, fail, false)?;
            }
            if !consumes_subject {
                self.emit(Opcode::POP_TOP);
            }
            self.visit_body(&m.body)?;
            self.unset_loc();
            self.emit_jump(Opcode::JUMP, end);
            // The clean-up after a failed match belongs to the pattern,
            // not to the last line of the body.
            self.set_loc(m.pattern.loc);
            self.emit_and_reset_fail_pop(pc);
        }
        if has_default {
            self.set_loc(last.pattern.loc);
            // The default case makes no code of its own, but its line is
            // covered. (compile.c's "only case" branch cannot be taken:
            // a default needs a case before it.)
            self.emit(Opcode::NOP);
            if let Some(guard) = &last.guard {
                self.jump_if(guard, end, false)?;
            }
            self.visit_body(&last.body)?;
            self.unset_loc();
        }
        self.use_next_block(end);
        Ok(())
    }

    // ----- Failure blocks -----

    /// `ensure_fail_pop`: makes sure `fail_pop[n]` exists.
    fn ensure_fail_pop(&mut self, pc: &mut PatternContext<'a>, n: usize) {
        while pc.fail_pop.len() <= n {
            let block = self.new_block();
            pc.fail_pop.push(block);
        }
    }

    /// `jump_to_fail_pop`: jumps with `op` to the block that pops the items
    /// in use and the captures so far.
    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext<'a>, op: Opcode) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.emit_jump(op, pc.fail_pop[pops]);
    }

    /// `emit_and_reset_fail_pop`: lays out the failure blocks, most pops
    /// first, each falling into the next, and forgets them.
    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext<'a>) {
        let blocks = std::mem::take(&mut pc.fail_pop);
        let Some((&first, rest)) = blocks.split_first() else {
            return;
        };
        for &block in rest.iter().rev() {
            self.use_next_block(block);
            self.emit(Opcode::POP_TOP);
        }
        self.use_next_block(first);
    }

    // ----- Captures -----

    /// `compiler_error_duplicate_store`.
    fn error_duplicate_store(&self, name: &str) -> krait_parser::SyntaxError {
        self.error(format!(
            "multiple assignments to name {} in pattern",
            name_repr(name)
        ))
    }

    /// `pattern_helper_rotate`: moves the top item `count - 1` places
    /// down, as 3.10's ROT_N did, with SWAPs.
    fn pattern_rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.emit_arg(Opcode::SWAP, arg(count));
            count -= 1;
        }
    }

    /// `pattern_helper_store_name`: captures the top item under `name`
    /// (rotating it below the items in use, to be stored once the whole
    /// pattern matches), or drops it for a wildcard.
    fn pattern_store_name(
        &mut self,
        name: Option<&'a str>,
        pc: &mut PatternContext<'a>,
    ) -> Result<()> {
        let Some(name) = name else {
            self.emit(Opcode::POP_TOP);
            return Ok(());
        };
        self.check_forbidden_name(name, ExprContext::Store)?;
        if pc.stores.contains(&name) {
            return Err(self.error_duplicate_store(name));
        }
        self.pattern_rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(name);
        Ok(())
    }

    // ----- Sequences -----

    /// `pattern_unpack_helper`: UNPACK_EX around the starred
    /// sub-pattern, or UNPACK_SEQUENCE.
    fn pattern_unpack(&mut self, elts: &'a [Pattern]) -> Result<()> {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if !matches!(elt.kind, PatternKind::MatchStar { .. }) {
                continue;
            }
            if seen_star {
                // compiler_pattern_sequence has already refused this.
                return Err(self.error("multiple starred expressions in sequence pattern"));
            }
            // UNPACK_EX takes the count before the star in its low byte,
            // and the count after it in the rest of a C int.
            let after = n - i - 1;
            if i >= 1 << 8 || after >= (i32::MAX >> 8) as usize {
                return Err(self.error("too many expressions in star-unpacking sequence pattern"));
            }
            self.emit_arg(Opcode::UNPACK_EX, arg(i + (after << 8)));
            seen_star = true;
        }
        if !seen_star {
            self.emit_arg(Opcode::UNPACK_SEQUENCE, arg(n));
        }
        Ok(())
    }

    /// `pattern_helper_sequence_unpack`: unpacks the subject and matches
    /// each item in turn, the ones after it staying on the stack.
    fn pattern_sequence_unpack(
        &mut self,
        patterns: &'a [Pattern],
        pc: &mut PatternContext<'a>,
    ) -> Result<()> {
        self.pattern_unpack(patterns)?;
        pc.on_top += patterns.len();
        for pattern in patterns {
            pc.on_top -= 1;
            self.pattern_subpattern(pattern, pc)?;
        }
        Ok(())
    }

    /// `pattern_helper_sequence_subscr`: for a sequence with a `*_`,
    /// subscripts the items that are not wildcards out of the subject
    /// instead of unpacking it whole. Items after the star are indexed
    /// from `len(subject)`, as the subject may not take negative indices.
    fn pattern_sequence_subscr(
        &mut self,
        patterns: &'a [Pattern],
        star: usize,
        pc: &mut PatternContext<'a>,
    ) -> Result<()> {
        // The subject stays for the subscripts.
        pc.on_top += 1;
        let size = patterns.len();
        for (i, pattern) in patterns.iter().enumerate() {
            if is_wildcard(pattern) || i == star {
                continue;
            }
            self.emit_arg(Opcode::COPY, 1);
            if i < star {
                self.emit_load_const(int_constant(i));
            } else {
                self.emit(Opcode::GET_LEN);
                self.emit_load_const(int_constant(size - i));
                self.emit_arg(
                    Opcode::BINARY_OP,
                    binary_op_arg(krait_parser::ast::Operator::Sub, false),
                );
            }
            self.emit(Opcode::BINARY_SUBSCR);
            self.pattern_subpattern(pattern, pc)?;
        }
        pc.on_top -= 1;
        self.emit(Opcode::POP_TOP);
        Ok(())
    }

    /// `compiler_pattern_sequence`: MATCH_SEQUENCE and a length check,
    /// then the items: dropped if all are wildcards, subscripted if the
    /// star is `*_`, else unpacked.
    fn pattern_sequence(
        &mut self,
        patterns: &'a [Pattern],
        pc: &mut PatternContext<'a>,
    ) -> Result<()> {
        let mut star = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, pattern) in patterns.iter().enumerate() {
            if matches!(pattern.kind, PatternKind::MatchStar { .. }) {
                if star.is_some() {
                    return Err(self.error("multiple starred names in sequence pattern"));
                }
                star_wildcard = is_star_wildcard(pattern);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(pattern);
        }
        // The subject stays on top for the type and length checks.
        pc.on_top += 1;
        self.emit(Opcode::MATCH_SEQUENCE);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        let size = patterns.len();
        match star {
            None => {
                self.emit(Opcode::GET_LEN);
                self.emit_load_const(int_constant(size));
                self.emit_compare(CmpOp::Eq);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
            }
            // A lone star matches any length.
            Some(_) if size > 1 => {
                self.emit(Opcode::GET_LEN);
                self.emit_load_const(int_constant(size - 1));
                self.emit_compare(CmpOp::GtE);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
            }
            Some(_) => {}
        }
        // What follows consumes the subject.
        pc.on_top -= 1;
        match star {
            _ if only_wildcard => self.emit(Opcode::POP_TOP),
            Some(star) if star_wildcard => self.pattern_sequence_subscr(patterns, star, pc)?,
            _ => self.pattern_sequence_unpack(patterns, pc)?,
        }
        Ok(())
    }

    // ----- The other kinds -----

    /// `compiler_pattern_subpattern`: a pattern inside another, where
    /// irrefutability is no error.
    fn pattern_subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext<'a>) -> Result<()> {
        let allow_irrefutable = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow_irrefutable;
        Ok(())
    }

    /// `compiler_pattern_as`: a capture, a wildcard, or `pattern as name`.
    fn pattern_as(
        &mut self,
        pattern: Option<&'a Pattern>,
        name: Option<&'a str>,
        pc: &mut PatternContext<'a>,
    ) -> Result<()> {
        let Some(pattern) = pattern else {
            if !pc.allow_irrefutable {
                return Err(match name {
                    Some(name) => self.error(format!(
                        "name capture {} makes remaining patterns unreachable",
                        name_repr(name)
                    )),
                    None => self.error("wildcard makes remaining patterns unreachable"),
                });
            }
            return self.pattern_store_name(name, pc);
        };
        // A copy of the subject, to store if the pattern matches.
        pc.on_top += 1;
        self.emit_arg(Opcode::COPY, 1);
        self.pattern(pattern, pc)?;
        pc.on_top -= 1;
        self.pattern_store_name(name, pc)
    }

    /// `validate_kwd_attrs`: keyword names may not repeat nor be
    /// `__debug__`. The errors point at the sub-patterns, as the AST
    /// keeps no location for the names.
    fn validate_kwd_attrs(&mut self, attrs: &'a [String], patterns: &'a [Pattern]) -> Result<()> {
        for (i, (attr, pattern)) in attrs.iter().zip(patterns).enumerate() {
            self.set_loc(pattern.loc);
            self.check_forbidden_name(attr, ExprContext::Store)?;
            for (other, other_pattern) in attrs.iter().zip(patterns).skip(i + 1) {
                if attr == other {
                    self.set_loc(other_pattern.loc);
                    return Err(
                        self.error(format!("attribute name repeated in class pattern: {attr}"))
                    );
                }
            }
        }
        Ok(())
    }

    /// `compiler_pattern_class`: MATCH_CLASS gives the tuple of the
    /// positional and keyword attributes (or None), whose items are
    /// matched in turn.
    fn pattern_class(
        &mut self,
        p: &'a Pattern,
        cls: &'a Expr,
        patterns: &'a [Pattern],
        kwd_attrs: &'a [String],
        kwd_patterns: &'a [Pattern],
        pc: &mut PatternContext<'a>,
    ) -> Result<()> {
        let nargs = patterns.len();
        let nattrs = kwd_attrs.len();
        if nattrs != kwd_patterns.len() {
            // Only a malformed AST has this.
            return Err(self.error(format!(
                "kwd_attrs ({nattrs}) / kwd_patterns ({}) length mismatch in class pattern",
                kwd_patterns.len()
            )));
        }
        if nattrs > 0 {
            self.validate_kwd_attrs(kwd_attrs, kwd_patterns)?;
            self.set_loc(p.loc);
        }
        self.visit_expr(cls)?;
        let names = kwd_attrs
            .iter()
            .map(|attr| Constant::Str(attr.as_str().into()))
            .collect();
        self.emit_load_const(Constant::Tuple(names));
        self.emit_arg(Opcode::MATCH_CLASS, arg(nargs));
        self.emit_arg(Opcode::COPY, 1);
        self.emit_load_const(Constant::None);
        self.emit_compare(CmpOp::IsNot);
        // The attributes (or None) are on top.
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        let total = nargs + nattrs;
        self.emit_arg(Opcode::UNPACK_SEQUENCE, arg(total));
        // The tuple is replaced by its items (none for `C()`).
        pc.on_top = pc.on_top + total - 1;
        for pattern in patterns.iter().chain(kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(pattern) {
                self.emit(Opcode::POP_TOP);
                continue;
            }
            self.pattern_subpattern(pattern, pc)?;
        }
        Ok(())
    }

    /// `compiler_pattern_mapping`: MATCH_MAPPING, a length check, then
    /// MATCH_KEYS gives the tuple of the values of the keys (or None),
    /// whose items are matched in turn; `**rest` gets a copy of the
    /// subject without the keys.
    fn pattern_mapping(
        &mut self,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&'a str>,
        pc: &mut PatternContext<'a>,
    ) -> Result<()> {
        let size = keys.len();
        if size != patterns.len() {
            // Only a malformed AST has this.
            return Err(self.error(format!(
                "keys ({size}) / patterns ({}) length mismatch in mapping pattern",
                patterns.len()
            )));
        }
        // The subject stays on top for the type and length checks.
        pc.on_top += 1;
        self.emit(Opcode::MATCH_MAPPING);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        if size == 0 && rest.is_none() {
            // `{}`: any mapping. Done with the subject.
            pc.on_top -= 1;
            self.emit(Opcode::POP_TOP);
            return Ok(());
        }
        if size > 0 {
            self.emit(Opcode::GET_LEN);
            self.emit_load_const(int_constant(size));
            self.emit_compare(CmpOp::GtE);
            self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        }
        if size > 0 && size - 1 > i32::MAX as usize {
            return Err(self.error("too many sub-patterns in mapping pattern"));
        }
        self.check_mapping_keys(keys)?;
        for key in keys {
            self.visit_expr(key)?;
        }
        self.emit_arg(Opcode::BUILD_TUPLE, arg(size));
        self.emit(Opcode::MATCH_KEYS);
        // The keys and the tuple of values are on top of the subject.
        pc.on_top += 2;
        self.emit_arg(Opcode::COPY, 1);
        self.emit_load_const(Constant::None);
        self.emit_compare(CmpOp::IsNot);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        self.emit_arg(Opcode::UNPACK_SEQUENCE, arg(size));
        // The tuple of values is replaced by its items (none for
        // `{**rest}`).
        pc.on_top = pc.on_top + size - 1;
        for pattern in patterns {
            pc.on_top -= 1;
            self.pattern_subpattern(pattern, pc)?;
        }
        // A match: what follows consumes the keys and the subject.
        pc.on_top -= 2;
        match rest {
            Some(rest) => {
                // rest = dict(subject), then del rest[key] for each key:
                // [subject, keys]
                self.emit_arg(Opcode::BUILD_MAP, 0); // [subject, keys, rest]
                self.emit_arg(Opcode::SWAP, 3); // [rest, keys, subject]
                self.emit_arg(Opcode::DICT_UPDATE, 2); // [rest, keys]
                self.emit_arg(Opcode::UNPACK_SEQUENCE, arg(size)); // [rest, key...]
                for left in (1..=size).rev() {
                    self.emit_arg(Opcode::COPY, arg(left + 1)); // [rest, key..., rest]
                    self.emit_arg(Opcode::SWAP, 2); // [rest, key..., rest, key]
                    self.emit(Opcode::DELETE_SUBSCR); // [rest, key...]
                }
                self.pattern_store_name(Some(rest), pc)?;
            }
            None => {
                self.emit(Opcode::POP_TOP); // The keys.
                self.emit(Opcode::POP_TOP); // The subject.
            }
        }
        Ok(())
    }

    /// The checks `compiler_pattern_mapping` makes of the keys as it
    /// visits them: literals or attribute lookups only, and no literal
    /// equal to an earlier one, as a set judges it (so `1`, `1.0` and
    /// `True` are one key). compile.c checks each key after visiting the
    /// ones before it, but visiting a literal or an attribute lookup
    /// raises no SyntaxError and leaves the location as it was, so
    /// checking them all first raises the same error.
    fn check_mapping_keys(&self, keys: &'a [Expr]) -> Result<()> {
        let mut seen: Vec<&Constant> = Vec::new();
        for key in keys {
            match &key.kind {
                ExprKind::Constant { value, .. } => {
                    if seen.iter().any(|key| python_equal(key, value)) {
                        return Err(self.error(format!(
                            "mapping pattern checks duplicate key ({})",
                            constant_repr(value)
                        )));
                    }
                    seen.push(value);
                }
                ExprKind::Attribute { .. } => {}
                _ => {
                    return Err(self.error(
                        "mapping pattern keys may only match literals and attribute lookups",
                    ));
                }
            }
        }
        Ok(())
    }

    /// `compiler_pattern_or`: each alternative tries a copy of the
    /// subject, with its own failure blocks; the first that matches jumps
    /// to the end with its captures, reordered to the first
    /// alternative's order, on the stack.
    fn pattern_or(
        &mut self,
        alternatives: &'a [Pattern],
        pc: &mut PatternContext<'a>,
    ) -> Result<()> {
        let end = self.new_block();
        let size = alternatives.len();
        // The context outside the alternatives, restored after them.
        let outer_allow_irrefutable = pc.allow_irrefutable;
        let old = std::mem::replace(pc, PatternContext::new(false));
        // The names bound by the first alternative, which all must bind.
        let mut control: Option<Vec<&'a str>> = None;
        for (i, alt) in alternatives.iter().enumerate() {
            self.set_loc(alt.loc);
            // An irrefutable alternative must be last, if allowed at all.
            *pc = PatternContext::new(i == size - 1 && outer_allow_irrefutable);
            self.emit_arg(Opcode::COPY, 1);
            self.pattern(alt, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(control) => {
                    if pc.stores.len() != control.len() {
                        return Err(self.error("alternative patterns bind different names"));
                    }
                    self.reorder_or_stores(control, pc)?;
                }
            }
            self.emit_jump(Opcode::JUMP, end);
            self.emit_and_reset_fail_pop(pc);
        }
        *pc = old;
        // No alternative matched: pop the remaining copy of the subject.
        self.emit(Opcode::POP_TOP);
        self.jump_to_fail_pop(pc, Opcode::JUMP);
        self.use_next_block(end);
        let control = control.unwrap_or_default();
        // Between where the new captures are and where they go lie the
        // other new captures, the copy of the subject, the items in use,
        // and the earlier captures.
        let nrots = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.pattern_rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error_duplicate_store(name));
            }
            pc.stores.push(name);
        }
        // The copy of the subject.
        self.emit(Opcode::POP_TOP);
        Ok(())
    }

    /// The part of `compiler_pattern_or` that puts an alternative's
    /// captures (on the stack and in `pc.stores`) in the first
    /// alternative's order, working from the last name down: each
    /// misplaced one is brought into place by rotating the names before
    /// it.
    fn reorder_or_stores(
        &mut self,
        control: &[&'a str],
        pc: &mut PatternContext<'a>,
    ) -> Result<()> {
        for (icontrol, name) in control.iter().enumerate().rev() {
            let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                return Err(self.error("alternative patterns bind different names"));
            };
            if icontrol == istores {
                continue;
            }
            // The names after `icontrol` are in place, and names do not
            // repeat, so this one is before its place.
            if istores > icontrol {
                return Err(self.error("alternative patterns bind different names"));
            }
            let rotations = istores + 1;
            // stores[:rotations] moves to just before position icontrol.
            let rotated: Vec<&'a str> = pc.stores.drain(..rotations).collect();
            let at = icontrol - istores;
            pc.stores.splice(at..at, rotated);
            for _ in 0..rotations {
                self.pattern_rotate(icontrol + 1);
            }
        }
        Ok(())
    }

    /// `compiler_pattern_value`: `subject == value`.
    fn pattern_value(&mut self, value: &'a Expr, pc: &mut PatternContext<'a>) -> Result<()> {
        if !matches!(
            value.kind,
            ExprKind::Constant { .. } | ExprKind::Attribute { .. }
        ) {
            return Err(self.error("patterns may only match literals and attribute lookups"));
        }
        self.visit_expr(value)?;
        self.emit_compare(CmpOp::Eq);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        Ok(())
    }

    /// `compiler_pattern_singleton`: `subject is value`.
    fn pattern_singleton(&mut self, value: &Constant, pc: &mut PatternContext<'a>) {
        self.emit_load_const(value.clone());
        self.emit_compare(CmpOp::Is);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
    }

    /// `compiler_pattern`: a pattern, its instructions at its location
    /// (which, unlike an expression's, is not restored after it).
    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext<'a>) -> Result<()> {
        self.set_loc(p.loc);
        match &p.kind {
            PatternKind::MatchValue { value } => self.pattern_value(value, pc),
            PatternKind::MatchSingleton { value } => {
                self.pattern_singleton(value, pc);
                Ok(())
            }
            PatternKind::MatchSequence { patterns } => self.pattern_sequence(patterns, pc),
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => self.pattern_mapping(keys, patterns, rest.as_deref(), pc),
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => self.pattern_class(p, cls, patterns, kwd_attrs, kwd_patterns, pc),
            // `compiler_pattern_star`: the items a star gathers, captured.
            PatternKind::MatchStar { name } => self.pattern_store_name(name.as_deref(), pc),
            PatternKind::MatchAs { pattern, name } => {
                self.pattern_as(pattern.as_deref(), name.as_deref(), pc)
            }
            PatternKind::MatchOr { patterns } => self.pattern_or(patterns, pc),
        }
    }
}
