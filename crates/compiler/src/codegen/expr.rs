//! Expressions to instructions (compile.c's `compiler_visit_expr` and the
//! functions it calls): operators, conditional jumps, collections with
//! star-unpacking, calls, f-strings, comprehensions and lambdas.

use krait_parser::ast::{
    BoolOp, CmpOp, Comprehension, Constant, Expr, ExprContext, ExprKind, Keyword, Operator, UnaryOp,
};

use super::stmt::STACK_USE_GUIDELINE;
use super::{is_constant, Compiler, FBlockDatum, FBlockKind, Result, UnitKind};
use crate::opcode::{Opcode, FVS_HAVE_SPEC};
use crate::symtable::{ComprehensionKind, ScopeKind, DEF_IMPORT};

/// BINARY_OP's argument for an operator (`NB_*`), the in-place form for
/// an augmented assignment.
pub(super) fn binary_op_arg(op: Operator, inplace: bool) -> u32 {
    let plain = match op {
        Operator::Add => 0,
        Operator::BitAnd => 1,
        Operator::FloorDiv => 2,
        Operator::LShift => 3,
        Operator::MatMult => 4,
        Operator::Mult => 5,
        Operator::Mod => 6,
        Operator::BitOr => 7,
        Operator::Pow => 8,
        Operator::RShift => 9,
        Operator::Sub => 10,
        Operator::Div => 11,
        Operator::BitXor => 12,
    };
    // The in-place forms follow the 13 plain ones.
    if inplace {
        plain + 13
    } else {
        plain
    }
}

/// FORMAT_VALUE's conversion bits (`FVC_*`).
fn conversion_arg(conversion: i32) -> u32 {
    match u8::try_from(conversion).map(char::from) {
        Ok('s') => 1,
        Ok('r') => 2,
        Ok('a') => 3,
        _ => 0,
    }
}

/// Whether every expression is a constant (`are_all_items_const`).
fn all_constant<'e>(mut exprs: impl Iterator<Item = &'e Expr>) -> bool {
    exprs.all(is_constant)
}

fn constant_value(e: &Expr) -> Constant {
    match &e.kind {
        ExprKind::Constant { value, .. } => value.clone(),
        _ => unreachable!("checked by all_constant"),
    }
}

/// `infer_type`: the name of the type an expression evaluates to, where
/// its form alone tells.
fn inferred_type(e: &Expr) -> Option<&'static str> {
    Some(match &e.kind {
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::List { .. } | ExprKind::ListComp { .. } => "list",
        ExprKind::Dict { .. } | ExprKind::DictComp { .. } => "dict",
        ExprKind::Set { .. } | ExprKind::SetComp { .. } => "set",
        ExprKind::GeneratorExp { .. } => "generator",
        ExprKind::Lambda { .. } => "function",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "str",
        ExprKind::Constant { value, .. } => crate::code::type_name(value),
        _ => return None,
    })
}

/// `check_is_arg`: whether an operand of `is` is not a literal (the
/// named singletons are fine).
fn is_identity_operand(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Constant { value, .. } => matches!(
            value,
            Constant::None | Constant::Bool(_) | Constant::Ellipsis
        ),
        _ => true,
    }
}

/// The instructions that build one kind of collection from items and
/// starred iterables.
struct Builder {
    build: Opcode,
    add: Opcode,
    extend: Opcode,
    tuple: bool,
}

const LIST: Builder = Builder {
    build: Opcode::BUILD_LIST,
    add: Opcode::LIST_APPEND,
    extend: Opcode::LIST_EXTEND,
    tuple: false,
};
const TUPLE: Builder = Builder {
    tuple: true,
    ..LIST
};
const SET: Builder = Builder {
    build: Opcode::BUILD_SET,
    add: Opcode::SET_ADD,
    extend: Opcode::SET_UPDATE,
    tuple: false,
};

impl<'a> Compiler<'a> {
    /// `compiler_visit_expr`: an expression, its instructions at its
    /// location; the location before it is restored after.
    pub(super) fn visit_expr(&mut self, e: &'a Expr) -> Result<()> {
        let saved = self.u().loc;
        self.set_loc(e.loc);
        let result = self.visit_expr_kind(e);
        self.u_mut().loc = saved;
        result
    }

    fn visit_expr_kind(&mut self, e: &'a Expr) -> Result<()> {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                self.emit_arg(Opcode::COPY, 1);
                self.visit_expr(target)?;
            }
            ExprKind::BoolOp { op, values } => self.boolop(*op, values)?,
            ExprKind::BinOp { left, op, right } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
                self.emit_arg(Opcode::BINARY_OP, binary_op_arg(*op, false));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.visit_expr(operand)?;
                self.emit(match op {
                    UnaryOp::Invert => Opcode::UNARY_INVERT,
                    UnaryOp::Not => Opcode::UNARY_NOT,
                    UnaryOp::UAdd => Opcode::UNARY_POSITIVE,
                    UnaryOp::USub => Opcode::UNARY_NEGATIVE,
                });
            }
            ExprKind::Lambda { args, body } => self.lambda(e, args, body)?,
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next = self.new_block();
                self.jump_if(test, next, false)?;
                self.visit_expr(body)?;
                self.emit_jump_noline(Opcode::JUMP, end);
                self.use_next_block(next);
                self.visit_expr(orelse)?;
                self.use_next_block(end);
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values)?,
            ExprKind::Set { elts } => self.starunpack(elts, 0, &SET)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "<genexpr>", generators, elt, None)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "<listcomp>", generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "<setcomp>", generators, elt, None)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, "<dictcomp>", generators, key, Some(value))?,
            ExprKind::Yield { value } => {
                if self.ste().kind() != ScopeKind::Function {
                    return Err(self.error("'yield' outside function"));
                }
                match value {
                    Some(value) => self.visit_expr(value)?,
                    None => self.emit_load_const(Constant::None),
                }
                self.emit_yield();
            }
            ExprKind::YieldFrom { value } => {
                if self.ste().kind() != ScopeKind::Function {
                    return Err(self.error("'yield' outside function"));
                }
                if self.u().kind == UnitKind::AsyncFunction {
                    return Err(self.error("'yield from' inside async function"));
                }
                self.visit_expr(value)?;
                self.emit(Opcode::GET_YIELD_FROM_ITER);
                self.emit_load_const(Constant::None);
                self.emit_yield_from(false);
            }
            ExprKind::Await { value } => {
                if self.ste().kind() != ScopeKind::Function {
                    return Err(self.error("'await' outside function"));
                }
                if !matches!(
                    self.u().kind,
                    UnitKind::AsyncFunction | UnitKind::Comprehension
                ) {
                    return Err(self.error("'await' outside async function"));
                }
                self.visit_expr(value)?;
                self.emit_arg(Opcode::GET_AWAITABLE, 0);
                self.emit_load_const(Constant::None);
                self.emit_yield_from(true);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators)?,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(e, func, args, keywords)?,
            ExprKind::Constant { value, .. } => self.emit_load_const(value.clone()),
            ExprKind::JoinedStr { values } => self.joined_str(values)?,
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.visit_expr(value)?;
                let mut arg = conversion_arg(*conversion);
                if let Some(spec) = format_spec {
                    self.visit_expr(spec)?;
                    arg |= FVS_HAVE_SPEC;
                }
                self.emit_arg(Opcode::FORMAT_VALUE, arg);
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.visit_expr(value)?;
                self.start_at_attribute(e);
                match ctx {
                    ExprContext::Load => self.emit_name(Opcode::LOAD_ATTR, attr),
                    ExprContext::Store => {
                        self.check_forbidden_name(attr, *ctx)?;
                        self.emit_name(Opcode::STORE_ATTR, attr);
                    }
                    ExprContext::Del => self.emit_name(Opcode::DELETE_ATTR, attr),
                }
            }
            ExprKind::Subscript { value, slice, ctx } => {
                if *ctx == ExprContext::Load {
                    self.check_subscripter(value)?;
                    self.check_index(value, slice)?;
                }
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
                self.emit(match ctx {
                    ExprContext::Load => Opcode::BINARY_SUBSCR,
                    ExprContext::Store => Opcode::STORE_SUBSCR,
                    ExprContext::Del => Opcode::DELETE_SUBSCR,
                });
            }
            ExprKind::Starred { ctx, .. } => {
                return Err(self.error(if *ctx == ExprContext::Store {
                    "starred assignment target must be in a list or tuple"
                } else {
                    "can't use starred expression here"
                }));
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut n = 2;
                for part in [lower, upper] {
                    match part {
                        Some(part) => self.visit_expr(part)?,
                        None => self.emit_load_const(Constant::None),
                    }
                }
                if let Some(step) = step {
                    n += 1;
                    self.visit_expr(step)?;
                }
                self.emit_arg(Opcode::BUILD_SLICE, n);
            }
            ExprKind::Name { id, ctx } => self.nameop(id, *ctx)?,
            ExprKind::List { elts, ctx } => self.sequence(elts, *ctx, &LIST)?,
            ExprKind::Tuple { elts, ctx } => self.sequence(elts, *ctx, &TUPLE)?,
        }
        Ok(())
    }

    /// `ADDOP_YIELD`: an async generator wraps the values it yields.
    fn emit_yield(&mut self) {
        let ste = self.ste();
        if ste.is_generator() && ste.is_coroutine() {
            self.emit(Opcode::ASYNC_GEN_WRAP);
        }
        self.emit(Opcode::YIELD_VALUE);
        self.emit_arg(Opcode::RESUME, 1);
    }

    /// `compiler_boolop`: each value but the last jumps to the end, with
    /// itself as the result, once it decides the result.
    fn boolop(&mut self, op: BoolOp, values: &'a [Expr]) -> Result<()> {
        let jump = match op {
            BoolOp::And => Opcode::JUMP_IF_FALSE_OR_POP,
            BoolOp::Or => Opcode::JUMP_IF_TRUE_OR_POP,
        };
        let end = self.new_block();
        let (last, rest) = values
            .split_last()
            .expect("a BoolOp has two values or more");
        for value in rest {
            self.visit_expr(value)?;
            self.emit_jump(jump, end);
            self.next_block();
        }
        self.visit_expr(last)?;
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_jump_if`: jumps to `next` if `e` is true (`cond`) or
    /// false, without building a bool where the shape of `e` allows.
    pub(super) fn jump_if(&mut self, e: &'a Expr, next: usize, cond: bool) -> Result<()> {
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, next, !cond),
            ExprKind::BoolOp { op, values } => {
                let cond2 = *op == BoolOp::Or;
                let next2 = if cond2 != cond {
                    self.new_block()
                } else {
                    next
                };
                let (last, rest) = values
                    .split_last()
                    .expect("a BoolOp has two values or more");
                for value in rest {
                    self.jump_if(value, next2, cond2)?;
                }
                self.jump_if(last, next, cond)?;
                if next2 != next {
                    self.use_next_block(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next2 = self.new_block();
                self.jump_if(test, next2, false)?;
                self.jump_if(body, next, cond)?;
                self.emit_jump_noline(Opcode::JUMP, end);
                self.use_next_block(next2);
                self.jump_if(orelse, next, cond)?;
                self.use_next_block(end);
                return Ok(());
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                // The jump, even for a single comparison, takes the
                // comparison's location.
                self.set_loc(e.loc);
                if ops.len() > 1 {
                    return self.jump_if_chain(left, ops, comparators, next, cond);
                }
            }
            _ => {}
        }
        self.visit_expr(e)?;
        let jump = if cond {
            Opcode::POP_JUMP_IF_TRUE
        } else {
            Opcode::POP_JUMP_IF_FALSE
        };
        self.emit_jump(jump, next);
        Ok(())
    }

    /// A chained comparison as a condition: each link's false result
    /// jumps out, dropping the middle operand it kept.
    fn jump_if_chain(
        &mut self,
        left: &'a Expr,
        ops: &[CmpOp],
        comparators: &'a [Expr],
        next: usize,
        cond: bool,
    ) -> Result<()> {
        self.check_compare(left, ops, comparators)?;
        let n = ops.len() - 1;
        let cleanup = self.new_block();
        self.visit_expr(left)?;
        for i in 0..n {
            self.visit_expr(&comparators[i])?;
            self.emit_arg(Opcode::SWAP, 2);
            self.emit_arg(Opcode::COPY, 2);
            self.emit_compare(ops[i]);
            self.emit_jump(Opcode::POP_JUMP_IF_FALSE, cleanup);
        }
        self.visit_expr(&comparators[n])?;
        self.emit_compare(ops[n]);
        let jump = if cond {
            Opcode::POP_JUMP_IF_TRUE
        } else {
            Opcode::POP_JUMP_IF_FALSE
        };
        self.emit_jump(jump, next);
        let end = self.new_block();
        self.emit_jump_noline(Opcode::JUMP, end);
        self.use_next_block(cleanup);
        self.emit(Opcode::POP_TOP);
        if !cond {
            self.emit_jump_noline(Opcode::JUMP, next);
        }
        self.use_next_block(end);
        Ok(())
    }

    /// `check_compare`: warns of `is` or `is not` with a literal operand.
    fn check_compare(&mut self, left: &Expr, ops: &[CmpOp], comparators: &[Expr]) -> Result<()> {
        let mut left_ok = is_identity_operand(left);
        for (op, right) in ops.iter().zip(comparators) {
            let right_ok = is_identity_operand(right);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && !(left_ok && right_ok) {
                let msg = if *op == CmpOp::Is {
                    "\"is\" with a literal. Did you mean \"==\"?"
                } else {
                    "\"is not\" with a literal. Did you mean \"!=\"?"
                };
                return self.warning(msg.to_string());
            }
            left_ok = right_ok;
        }
        Ok(())
    }

    /// `check_caller`: warns of a call of a literal or display, most
    /// likely a missing comma between two items.
    fn check_caller(&mut self, func: &Expr) -> Result<()> {
        let displays = matches!(
            func.kind,
            ExprKind::Constant { .. }
                | ExprKind::Tuple { .. }
                | ExprKind::List { .. }
                | ExprKind::ListComp { .. }
                | ExprKind::Dict { .. }
                | ExprKind::DictComp { .. }
                | ExprKind::Set { .. }
                | ExprKind::SetComp { .. }
                | ExprKind::GeneratorExp { .. }
                | ExprKind::JoinedStr { .. }
                | ExprKind::FormattedValue { .. }
        );
        match inferred_type(func) {
            Some(type_name) if displays => self.warning(format!(
                "'{type_name}' object is not callable; perhaps you missed a comma?"
            )),
            _ => Ok(()),
        }
    }

    /// `check_subscripter`: warns of subscripting something that cannot
    /// be subscripted.
    fn check_subscripter(&mut self, value: &Expr) -> Result<()> {
        let unsubscriptable = match &value.kind {
            ExprKind::Constant { value, .. } => matches!(
                value,
                Constant::None
                    | Constant::Ellipsis
                    | Constant::Int(_)
                    | Constant::Bool(_)
                    | Constant::Float(_)
                    | Constant::Complex { .. }
                    | Constant::FrozenSet(_)
            ),
            ExprKind::Set { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Lambda { .. } => true,
            _ => false,
        };
        match inferred_type(value) {
            Some(type_name) if unsubscriptable => self.warning(format!(
                "'{type_name}' object is not subscriptable; perhaps you missed a comma?"
            )),
            _ => Ok(()),
        }
    }

    /// `check_index`: warns of indexing a sequence with something that is
    /// neither an integer nor a slice.
    fn check_index(&mut self, value: &Expr, index: &Expr) -> Result<()> {
        let Some(index_type) = inferred_type(index) else {
            return Ok(());
        };
        if matches!(index_type, "int" | "bool") {
            return Ok(());
        }
        let sequence = match &value.kind {
            ExprKind::Constant { value, .. } => matches!(
                value,
                Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_)
            ),
            ExprKind::Tuple { .. }
            | ExprKind::List { .. }
            | ExprKind::ListComp { .. }
            | ExprKind::JoinedStr { .. }
            | ExprKind::FormattedValue { .. } => true,
            _ => false,
        };
        match inferred_type(value) {
            Some(type_name) if sequence => self.warning(format!(
                "{type_name} indices must be integers or slices, not {index_type}; perhaps you missed a comma?"
            )),
            _ => Ok(()),
        }
    }

    /// `compiler_addcompare`.
    pub(super) fn emit_compare(&mut self, op: CmpOp) {
        let (op, arg) = match op {
            CmpOp::Lt => (Opcode::COMPARE_OP, 0),
            CmpOp::LtE => (Opcode::COMPARE_OP, 1),
            CmpOp::Eq => (Opcode::COMPARE_OP, 2),
            CmpOp::NotEq => (Opcode::COMPARE_OP, 3),
            CmpOp::Gt => (Opcode::COMPARE_OP, 4),
            CmpOp::GtE => (Opcode::COMPARE_OP, 5),
            CmpOp::Is => (Opcode::IS_OP, 0),
            CmpOp::IsNot => (Opcode::IS_OP, 1),
            CmpOp::In => (Opcode::CONTAINS_OP, 0),
            CmpOp::NotIn => (Opcode::CONTAINS_OP, 1),
        };
        self.emit_arg(op, arg);
    }

    /// `compiler_compare`: a chain keeps each middle operand for the next
    /// comparison and stops at the first false one.
    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> Result<()> {
        self.check_compare(left, ops, comparators)?;
        self.visit_expr(left)?;
        let n = ops.len() - 1;
        if n == 0 {
            self.visit_expr(&comparators[0])?;
            self.emit_compare(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_block();
        for i in 0..n {
            self.visit_expr(&comparators[i])?;
            self.emit_arg(Opcode::SWAP, 2);
            self.emit_arg(Opcode::COPY, 2);
            self.emit_compare(ops[i]);
            self.emit_jump(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
        }
        self.visit_expr(&comparators[n])?;
        self.emit_compare(ops[n]);
        let end = self.new_block();
        self.emit_jump_noline(Opcode::JUMP, end);
        self.use_next_block(cleanup);
        self.emit_arg(Opcode::SWAP, 2);
        self.emit(Opcode::POP_TOP);
        self.use_next_block(end);
        Ok(())
    }

    // ----- Collections -----

    /// A list or tuple: built when loaded, unpacked when a target,
    /// each item deleted in a `del`.
    fn sequence(&mut self, elts: &'a [Expr], ctx: ExprContext, builder: &Builder) -> Result<()> {
        match ctx {
            ExprContext::Store => self.assignment(elts),
            ExprContext::Load => self.starunpack(elts, 0, builder),
            ExprContext::Del => {
                for elt in elts {
                    self.visit_expr(elt)?;
                }
                Ok(())
            }
        }
    }

    /// `starunpack_helper`: builds a collection of `elts` on top of
    /// `pushed` items already on the stack. Constant items are one
    /// constant; a starred item or a long display builds the collection
    /// item by item.
    fn starunpack(&mut self, elts: &'a [Expr], pushed: u32, builder: &Builder) -> Result<()> {
        let n = elts.len();
        if n > 2 && all_constant(elts.iter()) {
            let items: Vec<Constant> = elts.iter().map(constant_value).collect();
            if builder.tuple && pushed == 0 {
                self.emit_load_const(Constant::Tuple(items));
            } else {
                let folded = if builder.add == Opcode::SET_ADD {
                    crate::ast_opt::frozenset(items)
                } else {
                    Constant::Tuple(items)
                };
                self.emit_arg(builder.build, pushed);
                self.emit_load_const(folded);
                self.emit_arg(builder.extend, 1);
                if builder.tuple {
                    self.emit(Opcode::LIST_TO_TUPLE);
                }
            }
            return Ok(());
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts
            .iter()
            .any(|e| matches!(e.kind, ExprKind::Starred { .. }));
        if !seen_star && !big {
            for elt in elts {
                self.visit_expr(elt)?;
            }
            let build = if builder.tuple {
                Opcode::BUILD_TUPLE
            } else {
                builder.build
            };
            self.emit_arg(build, n as u32 + pushed);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit_arg(builder.build, pushed);
            built = true;
        }
        for (i, elt) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &elt.kind {
                if !built {
                    self.emit_arg(builder.build, i as u32 + pushed);
                    built = true;
                }
                self.visit_expr(value)?;
                self.emit_arg(builder.extend, 1);
            } else {
                self.visit_expr(elt)?;
                if built {
                    self.emit_arg(builder.add, 1);
                }
            }
        }
        if builder.tuple {
            self.emit(Opcode::LIST_TO_TUPLE);
        }
        Ok(())
    }

    /// `unpack_helper`: UNPACK_SEQUENCE, or UNPACK_EX around one starred
    /// target.
    pub(super) fn unpack(&mut self, elts: &[Expr]) -> Result<()> {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if !matches!(elt.kind, ExprKind::Starred { .. }) {
                continue;
            }
            if seen_star {
                return Err(self.error("multiple starred expressions in assignment"));
            }
            if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                return Err(self.error("too many expressions in star-unpacking assignment"));
            }
            self.emit_arg(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
            seen_star = true;
        }
        if !seen_star {
            self.emit_arg(Opcode::UNPACK_SEQUENCE, n as u32);
        }
        Ok(())
    }

    /// `assignment_helper`: unpacks into each target.
    fn assignment(&mut self, elts: &'a [Expr]) -> Result<()> {
        self.unpack(elts)?;
        for elt in elts {
            match &elt.kind {
                ExprKind::Starred { value, .. } => self.visit_expr(value)?,
                _ => self.visit_expr(elt)?,
            }
        }
        Ok(())
    }

    /// `compiler_dict`: runs of `key: value` pairs as maps, merged with
    /// the `**` items in order.
    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> Result<()> {
        let n = values.len();
        let mut have_dict = false;
        let mut elements = 0;
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.emit_arg(Opcode::DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit_arg(Opcode::BUILD_MAP, 0);
                    have_dict = true;
                }
                self.visit_expr(&values[i])?;
                self.emit_arg(Opcode::DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.emit_arg(Opcode::DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.emit_arg(Opcode::DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit_arg(Opcode::BUILD_MAP, 0);
        }
        Ok(())
    }

    /// `compiler_subdict`: the pairs `begin..end`, with constant keys as
    /// one tuple for BUILD_CONST_KEY_MAP.
    fn subdict(
        &mut self,
        keys: &'a [Option<Expr>],
        values: &'a [Expr],
        begin: usize,
        end: usize,
    ) -> Result<()> {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        let pair_keys = || keys[begin..end].iter().map(|k| k.as_ref().expect("a key"));
        if n > 1 && !big && all_constant(pair_keys()) {
            for value in &values[begin..end] {
                self.visit_expr(value)?;
            }
            let tuple = pair_keys().map(constant_value).collect();
            self.emit_load_const(Constant::Tuple(tuple));
            self.emit_arg(Opcode::BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.emit_arg(Opcode::BUILD_MAP, 0);
        }
        for i in begin..end {
            self.visit_expr(keys[i].as_ref().expect("a key"))?;
            self.visit_expr(&values[i])?;
            if big {
                self.emit_arg(Opcode::MAP_ADD, 1);
            }
        }
        if !big {
            self.emit_arg(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    /// `compiler_joined_str`: the parts concatenated by BUILD_STRING, or
    /// for many parts, by `"".join`.
    fn joined_str(&mut self, values: &'a [Expr]) -> Result<()> {
        if values.len() > STACK_USE_GUIDELINE {
            self.emit_load_const(Constant::Str("".into()));
            self.emit_name(Opcode::LOAD_METHOD, "join");
            self.emit_arg(Opcode::BUILD_LIST, 0);
            for value in values {
                self.visit_expr(value)?;
                self.emit_arg(Opcode::LIST_APPEND, 1);
            }
            self.emit_arg(Opcode::PRECALL, 1);
            self.emit_arg(Opcode::CALL, 1);
        } else {
            for value in values {
                self.visit_expr(value)?;
            }
            if values.len() != 1 {
                self.emit_arg(Opcode::BUILD_STRING, values.len() as u32);
            }
        }
        Ok(())
    }

    // ----- Calls -----

    /// `compiler_call`.
    fn call(
        &mut self,
        e: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Result<()> {
        self.validate_keywords(keywords)?;
        if self.method_call(e, func, args, keywords)? {
            return Ok(());
        }
        self.check_caller(func)?;
        self.set_loc(func.loc);
        self.emit(Opcode::PUSH_NULL);
        self.set_loc(e.loc);
        self.visit_expr(func)?;
        self.call_helper(0, args, keywords)
    }

    /// `maybe_optimize_method_call`: `obj.meth(args)` as LOAD_METHOD and
    /// a call without a bound method object, when the arguments are
    /// plain. Gives whether it applied.
    fn method_call(
        &mut self,
        call: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Result<bool> {
        let ExprKind::Attribute {
            value,
            attr,
            ctx: ExprContext::Load,
        } = &func.kind
        else {
            return Ok(false);
        };
        // A name imported at the top level is likely a module, whose
        // functions are not methods.
        if let ExprKind::Name { id, .. } = &value.kind {
            let top = self.table.scope(self.table.top());
            if top.symbol_flags(id) & DEF_IMPORT != 0 {
                return Ok(false);
            }
        }
        let (nargs, nkw) = (args.len(), keywords.len());
        if nargs + nkw + usize::from(nkw != 0) >= STACK_USE_GUIDELINE
            || args
                .iter()
                .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        self.visit_expr(value)?;
        self.set_loc(func.loc);
        self.start_at_attribute(func);
        self.emit_name(Opcode::LOAD_METHOD, attr);
        for arg in args {
            self.visit_expr(arg)?;
        }
        if nkw > 0 {
            for keyword in keywords {
                self.visit_expr(&keyword.value)?;
            }
            self.keyword_names(keywords);
        }
        self.set_loc(call.loc);
        self.start_at_attribute(func);
        let n = (nargs + nkw) as u32;
        self.emit_arg(Opcode::PRECALL, n);
        self.emit_arg(Opcode::CALL, n);
        Ok(true)
    }

    /// `update_start_location_to_match_attr`: an attribute access that
    /// spans lines starts, for its instructions, at the attribute's name.
    pub(super) fn start_at_attribute(&mut self, attribute: &Expr) {
        let ExprKind::Attribute { attr, .. } = &attribute.kind else {
            return;
        };
        let end_lineno = attribute.loc.end_lineno as i32;
        let end_col_offset = attribute.loc.end_col_offset as i32;
        let loc = &mut self.u_mut().loc;
        if loc.lineno == end_lineno {
            return;
        }
        loc.lineno = end_lineno;
        // CPython compares the name's length in code points with a byte
        // offset here; so does Krait, to place the start where it does.
        let len = attr.chars().count() as i32;
        if len <= end_col_offset {
            loc.col_offset = end_col_offset - len;
        } else {
            loc.col_offset = -1;
            loc.end_col_offset = -1;
        }
        loc.end_lineno = loc.end_lineno.max(loc.lineno);
        if loc.lineno == loc.end_lineno {
            loc.end_col_offset = loc.end_col_offset.max(loc.col_offset);
        }
    }

    /// `validate_keywords`: no keyword argument twice, none named
    /// `__debug__`.
    fn validate_keywords(&mut self, keywords: &[Keyword]) -> Result<()> {
        for (i, keyword) in keywords.iter().enumerate() {
            let Some(name) = &keyword.arg else { continue };
            self.check_forbidden_name(name, ExprContext::Store)?;
            if let Some(other) = keywords[i + 1..]
                .iter()
                .find(|other| other.arg.as_ref() == Some(name))
            {
                self.set_loc(other.loc);
                return Err(self.error(format!("keyword argument repeated: {name}")));
            }
        }
        Ok(())
    }

    /// `compiler_call_simple_kw_helper`: KW_NAMES with the keywords'
    /// names.
    fn keyword_names(&mut self, keywords: &[Keyword]) {
        let names = keywords
            .iter()
            .map(|k| Constant::Str(k.arg.as_deref().unwrap_or_default().into()))
            .collect();
        let i = self.add_const(Constant::Tuple(names));
        self.emit_arg(Opcode::KW_NAMES, i);
    }

    /// `compiler_call_helper`: the arguments of a call whose callable
    /// and `n` leading arguments are pushed, then the call: PRECALL and
    /// CALL for plain arguments, CALL_FUNCTION_EX with a tuple and a dict
    /// otherwise.
    pub(super) fn call_helper(
        &mut self,
        n: u32,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Result<()> {
        self.validate_keywords(keywords)?;
        let (nargs, nkw) = (args.len(), keywords.len());
        let plain = nargs + nkw * 2 <= STACK_USE_GUIDELINE
            && !args
                .iter()
                .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            && !keywords.iter().any(|k| k.arg.is_none());
        if plain {
            for arg in args {
                self.visit_expr(arg)?;
            }
            if nkw > 0 {
                for keyword in keywords {
                    self.visit_expr(&keyword.value)?;
                }
                self.keyword_names(keywords);
            }
            let total = n + (nargs + nkw) as u32;
            self.emit_arg(Opcode::PRECALL, total);
            self.emit_arg(Opcode::CALL, total);
            return Ok(());
        }
        match args {
            [Expr {
                kind: ExprKind::Starred { value, .. },
                ..
            }] if n == 0 => self.visit_expr(value)?,
            _ => self.starunpack(args, n, &TUPLE)?,
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut seen = 0;
            for (i, keyword) in keywords.iter().enumerate() {
                if keyword.arg.is_none() {
                    if seen > 0 {
                        self.subkwargs(&keywords[i - seen..i])?;
                        if have_dict {
                            self.emit_arg(Opcode::DICT_MERGE, 1);
                        }
                        have_dict = true;
                        seen = 0;
                    }
                    if !have_dict {
                        self.emit_arg(Opcode::BUILD_MAP, 0);
                        have_dict = true;
                    }
                    self.visit_expr(&keyword.value)?;
                    self.emit_arg(Opcode::DICT_MERGE, 1);
                } else {
                    seen += 1;
                }
            }
            if seen > 0 {
                self.subkwargs(&keywords[nkw - seen..])?;
                if have_dict {
                    self.emit_arg(Opcode::DICT_MERGE, 1);
                }
            }
        }
        self.emit_arg(Opcode::CALL_FUNCTION_EX, u32::from(nkw > 0));
        Ok(())
    }

    /// `compiler_subkwargs`: named keyword arguments as a dict.
    fn subkwargs(&mut self, keywords: &'a [Keyword]) -> Result<()> {
        let n = keywords.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for keyword in keywords {
                self.visit_expr(&keyword.value)?;
            }
            let names = keywords
                .iter()
                .map(|k| Constant::Str(k.arg.as_deref().unwrap_or_default().into()))
                .collect();
            self.emit_load_const(Constant::Tuple(names));
            self.emit_arg(Opcode::BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.emit_noline(Opcode::BUILD_MAP, 0);
        }
        for keyword in keywords {
            let name = keyword.arg.as_deref().unwrap_or_default();
            self.emit_load_const(Constant::Str(name.into()));
            self.visit_expr(&keyword.value)?;
            if big {
                self.emit_noline(Opcode::MAP_ADD, 1);
            }
        }
        if !big {
            self.emit_arg(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    // ----- Nested scopes -----

    /// `compiler_lambda`.
    fn lambda(
        &mut self,
        e: &'a Expr,
        args: &'a krait_parser::ast::Arguments,
        body: &'a Expr,
    ) -> Result<()> {
        self.check_debug_args(args)?;
        let funcflags = self.default_arguments(args)?;
        let scope = self.table.scope_of_node(e);
        self.enter_scope("<lambda>", UnitKind::Lambda, scope, e.loc.lineno);
        // None is the first constant, so a lambda has no docstring.
        self.add_const(Constant::None);
        {
            let u = self.u_mut();
            u.argcount = args.args.len() as u32;
            u.posonlyargcount = args.posonlyargs.len() as u32;
            u.kwonlyargcount = args.kwonlyargs.len() as u32;
        }
        self.visit_expr(body)?;
        let code = if self.ste().is_generator() {
            self.exit_scope(false)
        } else {
            self.emit(Opcode::RETURN_VALUE);
            self.exit_scope(true)
        };
        self.make_closure(code, funcflags)
    }

    /// `compiler_comprehension`: the comprehension as a function of the
    /// outermost iterator, called at once.
    fn comprehension(
        &mut self,
        e: &'a Expr,
        name: &str,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> Result<()> {
        let outer_kind = self.u().kind;
        let scope = self.table.scope_of_node(e);
        self.enter_scope(name, UnitKind::Comprehension, scope, e.loc.lineno);
        self.set_loc(e.loc);
        let kind = self.ste().comprehension().expect("a comprehension scope");
        let is_async_generator = self.ste().is_coroutine();
        if is_async_generator
            && kind != ComprehensionKind::Generator
            && !matches!(
                outer_kind,
                UnitKind::AsyncFunction | UnitKind::Comprehension
            )
        {
            let error =
                self.error("asynchronous comprehension outside of an asynchronous function");
            return Err(error);
        }
        match kind {
            ComprehensionKind::List => self.emit_arg(Opcode::BUILD_LIST, 0),
            ComprehensionKind::Set => self.emit_arg(Opcode::BUILD_SET, 0),
            ComprehensionKind::Dict => self.emit_arg(Opcode::BUILD_MAP, 0),
            ComprehensionKind::Generator => {}
        }
        self.comprehension_generator(generators, 0, 0, elt, value, kind)?;
        if kind != ComprehensionKind::Generator {
            self.emit(Opcode::RETURN_VALUE);
        }
        let code = self.exit_scope(true);
        self.make_closure(code, 0)?;
        let outermost = &generators[0];
        self.visit_expr(&outermost.iter)?;
        self.emit(if outermost.is_async != 0 {
            Opcode::GET_AITER
        } else {
            Opcode::GET_ITER
        });
        self.emit_arg(Opcode::PRECALL, 0);
        self.emit_arg(Opcode::CALL, 0);
        if is_async_generator && kind != ComprehensionKind::Generator {
            self.emit_arg(Opcode::GET_AWAITABLE, 0);
            self.emit_load_const(Constant::None);
            self.emit_yield_from(true);
        }
        Ok(())
    }

    /// `compiler_comprehension_generator`: one `for` clause, with the
    /// clauses after it nested inside.
    fn comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: ComprehensionKind,
    ) -> Result<()> {
        if generators[index].is_async != 0 {
            self.async_comprehension_generator(generators, index, depth, elt, value, kind)
        } else {
            self.sync_comprehension_generator(generators, index, depth, elt, value, kind)
        }
    }

    /// The innermost part of a comprehension: the element added to the
    /// result, or yielded.
    fn comprehension_element(
        &mut self,
        depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: ComprehensionKind,
    ) -> Result<()> {
        self.visit_expr(elt)?;
        match kind {
            ComprehensionKind::Generator => {
                self.emit_yield();
                self.emit(Opcode::POP_TOP);
            }
            ComprehensionKind::List => self.emit_arg(Opcode::LIST_APPEND, depth + 1),
            ComprehensionKind::Set => self.emit_arg(Opcode::SET_ADD, depth + 1),
            ComprehensionKind::Dict => {
                // `{k: v}` evaluates k first.
                self.visit_expr(value.expect("a dict comprehension has a value"))?;
                self.emit_arg(Opcode::MAP_ADD, depth + 1);
            }
        }
        Ok(())
    }

    fn sync_comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: ComprehensionKind,
    ) -> Result<()> {
        let mut start = Some(self.new_block());
        let if_cleanup = self.new_block();
        let anchor = self.new_block();
        let generator = &generators[index];
        if index == 0 {
            // The outermost iterator is the argument `.0`.
            self.u_mut().argcount = 1;
            self.emit_arg(Opcode::LOAD_FAST, 0);
        } else {
            // `for y in [f(x)]` binds y without building the list.
            let elts = match &generator.iter.kind {
                ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => elts.as_slice(),
                _ => &[],
            };
            if let [only] = elts {
                if !matches!(only.kind, ExprKind::Starred { .. }) {
                    self.visit_expr(only)?;
                    start = None;
                }
            }
            if start.is_some() {
                self.visit_expr(&generator.iter)?;
                self.emit(Opcode::GET_ITER);
            }
        }
        if let Some(start) = start {
            depth += 1;
            self.use_next_block(start);
            self.emit_jump(Opcode::FOR_ITER, anchor);
        }
        self.visit_expr(&generator.target)?;
        for test in &generator.ifs {
            self.jump_if(test, if_cleanup, false)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, value, kind)?;
        } else {
            self.comprehension_element(depth, elt, value, kind)?;
        }
        self.use_next_block(if_cleanup);
        if let Some(start) = start {
            self.emit_jump(Opcode::JUMP, start);
            self.use_next_block(anchor);
        }
        Ok(())
    }

    fn async_comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: ComprehensionKind,
    ) -> Result<()> {
        let start = self.new_block();
        let except = self.new_block();
        let if_cleanup = self.new_block();
        let generator = &generators[index];
        if index == 0 {
            self.u_mut().argcount = 1;
            self.emit_arg(Opcode::LOAD_FAST, 0);
        } else {
            self.visit_expr(&generator.iter)?;
            self.emit(Opcode::GET_AITER);
        }
        self.use_next_block(start);
        self.push_fblock(
            FBlockKind::AsyncComprehensionGenerator,
            start,
            None,
            FBlockDatum::None,
        )?;
        self.emit_jump(Opcode::SETUP_FINALLY, except);
        self.emit(Opcode::GET_ANEXT);
        self.emit_load_const(Constant::None);
        self.emit_yield_from(true);
        self.emit(Opcode::POP_BLOCK);
        self.visit_expr(&generator.target)?;
        for test in &generator.ifs {
            self.jump_if(test, if_cleanup, false)?;
        }
        let depth = depth + 1;
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, value, kind)?;
        } else {
            self.comprehension_element(depth, elt, value, kind)?;
        }
        self.use_next_block(if_cleanup);
        self.emit_jump(Opcode::JUMP, start);
        self.pop_fblock();
        self.use_next_block(except);
        self.emit(Opcode::END_ASYNC_FOR);
        Ok(())
    }
}
