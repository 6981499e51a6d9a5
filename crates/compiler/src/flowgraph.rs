//! The control flow graph: basic blocks of instructions, as the code
//! generator emits them, and the optimizations 3.11 runs on them before
//! assembly (the second half of Python/compile.c: `optimize_cfg` and the
//! passes around it).
//!
//! Blocks live in one vector and are named by index, in the order they
//! were made: block 0 is the entry. CPython keeps two orders: `b_list`,
//! the reverse of creation, which some passes walk, and `b_next`, the
//! order of the code. [`Cfg::creation_order_reversed`] and
//! [`Cfg::code_order`] give those, and each pass walks the order CPython
//! walks: which one matters where a pass changes the graph as it goes.
//!
//! A location's line is -1 for an artificial instruction, which takes
//! the location of its neighbours when line numbers are propagated.

use crate::code::{CodeConstant, CodeObject};
use crate::opcode::Opcode;
use krait_parser::ast::Constant;

pub type BlockId = usize;

/// Where an instruction comes from: lines from 1, columns from 0 in UTF-8
/// bytes; -1 where there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub lineno: i32,
    pub end_lineno: i32,
    pub col_offset: i32,
    pub end_col_offset: i32,
}

impl Location {
    /// An artificial instruction's location (compile.c's `UNSET_LOC`).
    pub const NONE: Location = Location {
        lineno: -1,
        end_lineno: -1,
        col_offset: -1,
        end_col_offset: -1,
    };

    /// The location the `_noline` emitters of compile.c give.
    pub const NO_LINE: Location = Location {
        lineno: -1,
        end_lineno: 0,
        col_offset: 0,
        end_col_offset: 0,
    };
}

#[derive(Debug, Clone, Copy)]
pub struct Instr {
    pub op: Opcode,
    pub arg: u32,
    /// The block a jump or SETUP_* goes to.
    pub target: Option<BlockId>,
    /// The handler an exception here goes to, set by the assembler.
    pub except: Option<BlockId>,
    pub loc: Location,
}

impl Instr {
    pub fn new(op: Opcode, arg: u32, loc: Location) -> Instr {
        Instr {
            op,
            arg,
            target: None,
            except: None,
            loc,
        }
    }

    /// compile.c's `instr_size`: code units, EXTENDED_ARGs and caches
    /// included.
    pub fn size(&self) -> u32 {
        let arg = if self.op.has_arg() { self.arg } else { 0 };
        let extended = u32::from(arg > 0xFF) + u32::from(arg > 0xFFFF) + u32::from(arg > 0xFF_FFFF);
        extended + 1 + self.op.cache_entries()
    }

    fn jump_target(&self) -> Option<BlockId> {
        if self.op.is_jump() || self.op.is_block_push() {
            self.target
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Block {
    pub instrs: Vec<Instr>,
    /// The block that follows in code order.
    pub next: Option<BlockId>,
    pub predecessors: u32,
    /// Stack depth on entry; `i32::MIN` until computed.
    pub startdepth: i32,
    /// Offset in code units, once assembled.
    pub offset: u32,
    /// Ends with a return, raise or unconditional jump.
    pub nofallthrough: bool,
    /// An exception handler that keeps `f_lasti` on the stack.
    pub preserve_lasti: bool,
    pub visited: bool,
    /// Ends with a return or raise.
    pub exit: bool,
    /// A RETURN_VALUE was added to it.
    pub returns: bool,
}

impl Block {
    fn last(&self) -> Option<&Instr> {
        self.instrs.last()
    }

    fn has_lineno(&self) -> bool {
        self.instrs.iter().any(|i| i.loc.lineno > 0)
    }

    fn is_exit_without_lineno(&self) -> bool {
        self.exit && self.instrs.iter().all(|i| i.loc.lineno < 0)
    }
}

/// The blocks of one scope, and the code generator's place in them.
#[derive(Debug, Clone)]
pub struct Cfg {
    pub blocks: Vec<Block>,
    pub current: BlockId,
    /// The last instruction ended a block: the next one starts a new one.
    need_new_implicit_block: bool,
}

impl Default for Cfg {
    fn default() -> Cfg {
        Cfg::new()
    }
}

/// The largest exit block that jumps to it are replaced by a copy of.
const MAX_COPY_SIZE: usize = 4;

impl Cfg {
    pub fn new() -> Cfg {
        let mut cfg = Cfg {
            blocks: Vec::new(),
            current: 0,
            need_new_implicit_block: false,
        };
        cfg.current = cfg.new_block();
        cfg
    }

    /// compile.c's `compiler_new_block`.
    pub fn new_block(&mut self) -> BlockId {
        self.blocks.push(Block {
            startdepth: i32::MIN,
            ..Block::default()
        });
        self.blocks.len() - 1
    }

    /// compile.c's `compiler_use_next_block`: `block` follows the current
    /// one in code order and becomes current.
    pub fn use_next_block(&mut self, block: BlockId) {
        self.blocks[self.current].next = Some(block);
        self.current = block;
        self.need_new_implicit_block = false;
    }

    /// Appends an instruction to the current block.
    pub fn add(&mut self, instr: Instr) {
        if self.need_new_implicit_block {
            let block = self.new_block();
            self.use_next_block(block);
        }
        let op = instr.op;
        let block = &mut self.blocks[self.current];
        if op == Opcode::RETURN_VALUE {
            block.returns = true;
        }
        block.instrs.push(instr);
        if op.is_jump() || op.is_scope_exit() {
            self.need_new_implicit_block = true;
        }
    }

    /// Whether the current block already returns (`b_return`).
    pub fn current_returns(&self) -> bool {
        self.blocks[self.current].returns
    }

    /// CPython's `b_list` order: newest block first.
    pub fn creation_order_reversed(&self) -> impl Iterator<Item = BlockId> {
        (0..self.blocks.len()).rev()
    }

    /// The blocks in code order, from the entry along `next`.
    pub fn code_order(&self) -> Vec<BlockId> {
        let mut order = Vec::new();
        let mut block = Some(0);
        while let Some(b) = block {
            order.push(b);
            block = self.blocks[b].next;
        }
        order
    }

    /// The first block at or after `block` that has instructions.
    fn skip_empty(&self, mut block: BlockId) -> BlockId {
        while self.blocks[block].instrs.is_empty() {
            match self.blocks[block].next {
                Some(next) => block = next,
                None => break,
            }
        }
        block
    }

    /// `normalize_basic_block`: marks exits and blocks that do not fall
    /// through, and points jumps past empty blocks.
    pub fn normalize(&mut self) {
        for b in self.creation_order_reversed() {
            for i in 0..self.blocks[b].instrs.len() {
                let instr = self.blocks[b].instrs[i];
                match instr.op {
                    Opcode::RETURN_VALUE | Opcode::RAISE_VARARGS | Opcode::RERAISE => {
                        self.blocks[b].exit = true;
                        self.blocks[b].nofallthrough = true;
                    }
                    Opcode::JUMP
                    | Opcode::JUMP_NO_INTERRUPT
                    | Opcode::POP_JUMP_IF_NOT_NONE
                    | Opcode::POP_JUMP_IF_NONE
                    | Opcode::POP_JUMP_IF_FALSE
                    | Opcode::POP_JUMP_IF_TRUE
                    | Opcode::JUMP_IF_FALSE_OR_POP
                    | Opcode::JUMP_IF_TRUE_OR_POP
                    | Opcode::FOR_ITER => {
                        if instr.op.is_unconditional_jump() {
                            self.blocks[b].nofallthrough = true;
                        }
                        let target = instr.target.expect("a jump has a target");
                        self.blocks[b].instrs[i].target = Some(self.skip_empty(target));
                    }
                    _ => {}
                }
            }
        }
    }

    /// `extend_block`, over every block: a jump to a small exit block
    /// without line numbers becomes a copy of that block.
    pub fn extend_blocks(&mut self) {
        for b in self.creation_order_reversed() {
            let Some(last) = self.blocks[b].last().copied() else {
                continue;
            };
            if !matches!(
                last.op,
                Opcode::JUMP | Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD
            ) {
                continue;
            }
            let target = last.target.expect("a jump has a target");
            let to_copy = &self.blocks[target];
            if to_copy.exit && to_copy.instrs.len() <= MAX_COPY_SIZE && !to_copy.has_lineno() {
                let copied = to_copy.instrs.clone();
                let block = &mut self.blocks[b];
                block.instrs.last_mut().expect("checked above").op = Opcode::NOP;
                block.instrs.extend(copied);
                block.exit = true;
            }
        }
    }

    /// `optimize_cfg`: peephole optimizations per block, unreachable code
    /// removed, jumps to the next block removed.
    pub fn optimize(&mut self, consts: &mut Vec<CodeConstant>) {
        for b in self.code_order() {
            self.optimize_basic_block(b, consts);
            self.clean_basic_block(b);
        }
        self.extend_blocks();
        self.mark_reachable();
        for b in self.code_order() {
            if self.blocks[b].predecessors == 0 {
                self.blocks[b].instrs.clear();
                self.blocks[b].nofallthrough = false;
            }
        }
        self.eliminate_empty_basic_blocks();
        for b in self.code_order() {
            self.clean_basic_block(b);
        }
        let mut maybe_empty_blocks = false;
        for b in self.code_order() {
            let next = self.blocks[b].next;
            let block = &mut self.blocks[b];
            if let Some(last) = block.instrs.last_mut() {
                if matches!(last.op, Opcode::JUMP | Opcode::JUMP_NO_INTERRUPT)
                    && last.target == next
                {
                    block.nofallthrough = false;
                    last.op = Opcode::NOP;
                    maybe_empty_blocks = true;
                }
            }
        }
        if maybe_empty_blocks {
            self.eliminate_empty_basic_blocks();
        }
    }

    /// `optimize_basic_block`: the peephole optimizations.
    fn optimize_basic_block(&mut self, b: BlockId, consts: &mut Vec<CodeConstant>) {
        let mut i = 0usize;
        while i < self.blocks[b].instrs.len() {
            let inst = self.blocks[b].instrs[i];
            let len = self.blocks[b].instrs.len();
            let nextop = (i + 1 < len).then(|| self.blocks[b].instrs[i + 1].op);
            let mut target_instr = None;
            if inst.op.is_jump() || inst.op.is_block_push() {
                let mut target = inst.target.expect("a jump has a target");
                while self.blocks[target].instrs.is_empty() {
                    target = self.blocks[target].next.expect("a block follows");
                }
                self.blocks[b].instrs[i].target = Some(target);
                target_instr = Some(self.blocks[target].instrs[0]);
            }
            let inst = self.blocks[b].instrs[i];
            let target_op = target_instr.map(|t| t.op);
            // Whether to look at this instruction again, after threading a
            // jump through it.
            let mut again = false;
            match inst.op {
                Opcode::LOAD_CONST => match nextop {
                    Some(next @ (Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE)) => {
                        let is_true = code_constant_truthiness(&consts[inst.arg as usize]);
                        self.blocks[b].instrs[i].op = Opcode::NOP;
                        let jump_if_true = next == Opcode::POP_JUMP_IF_TRUE;
                        if is_true == jump_if_true {
                            self.blocks[b].instrs[i + 1].op = Opcode::JUMP;
                            self.blocks[b].nofallthrough = true;
                        } else {
                            self.blocks[b].instrs[i + 1].op = Opcode::NOP;
                        }
                    }
                    Some(next @ (Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP)) => {
                        let is_true = code_constant_truthiness(&consts[inst.arg as usize]);
                        let jump_if_true = next == Opcode::JUMP_IF_TRUE_OR_POP;
                        if is_true == jump_if_true {
                            self.blocks[b].instrs[i + 1].op = Opcode::JUMP;
                            self.blocks[b].nofallthrough = true;
                        } else {
                            self.blocks[b].instrs[i].op = Opcode::NOP;
                            self.blocks[b].instrs[i + 1].op = Opcode::NOP;
                        }
                    }
                    Some(Opcode::IS_OP) => {
                        let jump_op = (i + 2 < len).then(|| self.blocks[b].instrs[i + 2].op);
                        if consts[inst.arg as usize] == CodeConstant::Value(Constant::None)
                            && matches!(
                                jump_op,
                                Some(Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE)
                            )
                        {
                            let is_not = self.blocks[b].instrs[i + 1].arg & 1 == 1;
                            let if_false = jump_op == Some(Opcode::POP_JUMP_IF_FALSE);
                            self.blocks[b].instrs[i].op = Opcode::NOP;
                            self.blocks[b].instrs[i + 1].op = Opcode::NOP;
                            self.blocks[b].instrs[i + 2].op = if is_not ^ if_false {
                                Opcode::POP_JUMP_IF_NOT_NONE
                            } else {
                                Opcode::POP_JUMP_IF_NONE
                            };
                        }
                    }
                    _ => {}
                },
                Opcode::BUILD_TUPLE => {
                    let n = inst.arg as usize;
                    if nextop == Some(Opcode::UNPACK_SEQUENCE)
                        && self.blocks[b].instrs[i + 1].arg == inst.arg
                        && (1..=3).contains(&n)
                    {
                        self.blocks[b].instrs[i].op = Opcode::NOP;
                        self.blocks[b].instrs[i + 1].op =
                            if n == 1 { Opcode::NOP } else { Opcode::SWAP };
                        i += 1;
                        continue;
                    }
                    if i >= n {
                        self.fold_tuple_on_constants(b, i - n, n, consts);
                    }
                }
                Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                    let target = target_instr.expect("a jump has a target");
                    let (same_pop, same_keep, opposite_pop, opposite_keep) =
                        if inst.op == Opcode::JUMP_IF_FALSE_OR_POP {
                            (
                                Opcode::POP_JUMP_IF_FALSE,
                                Opcode::JUMP_IF_FALSE_OR_POP,
                                Opcode::POP_JUMP_IF_TRUE,
                                Opcode::JUMP_IF_TRUE_OR_POP,
                            )
                        } else {
                            (
                                Opcode::POP_JUMP_IF_TRUE,
                                Opcode::JUMP_IF_TRUE_OR_POP,
                                Opcode::POP_JUMP_IF_FALSE,
                                Opcode::JUMP_IF_FALSE_OR_POP,
                            )
                        };
                    if target.op == same_pop {
                        again = self.jump_thread(b, i, target, same_pop);
                    } else if target.op == Opcode::JUMP || target.op == same_keep {
                        again = self.jump_thread(b, i, target, same_keep);
                    } else if (target.op == opposite_pop || target.op == opposite_keep)
                        && inst.loc.lineno == target.loc.lineno
                    {
                        let current_target = inst.target.expect("a jump has a target");
                        let after = self.blocks[current_target].next;
                        let instr = &mut self.blocks[b].instrs[i];
                        instr.op = same_pop;
                        instr.target = after;
                        again = true;
                    }
                }
                Opcode::POP_JUMP_IF_NOT_NONE
                | Opcode::POP_JUMP_IF_NONE
                | Opcode::POP_JUMP_IF_FALSE
                | Opcode::POP_JUMP_IF_TRUE
                | Opcode::JUMP
                    if target_op == Some(Opcode::JUMP) =>
                {
                    let target = target_instr.expect("a jump has a target");
                    again = self.jump_thread(b, i, target, inst.op);
                }
                Opcode::SWAP => {
                    if inst.arg == 1 {
                        self.blocks[b].instrs[i].op = Opcode::NOP;
                    } else {
                        i = swaptimize(&mut self.blocks[b].instrs, i);
                        apply_static_swaps(&mut self.blocks[b].instrs, i);
                    }
                }
                // 3.11 means to test LOAD_GLOBAL's low bit here but tests
                // its opcode's, which is always clear.
                Opcode::PUSH_NULL if nextop == Some(Opcode::LOAD_GLOBAL) => {
                    self.blocks[b].instrs[i].op = Opcode::NOP;
                    self.blocks[b].instrs[i].arg = 0;
                    self.blocks[b].instrs[i + 1].arg |= 1;
                }
                _ => {}
            }
            if !again {
                i += 1;
            }
        }
    }

    /// `jump_thread`: makes the jump at `i` go where the jump it targets
    /// goes, as `op`, unless that changes which line runs.
    fn jump_thread(&mut self, b: BlockId, i: usize, target: Instr, op: Opcode) -> bool {
        let inst = &mut self.blocks[b].instrs[i];
        if inst.loc.lineno == target.loc.lineno && inst.target != target.target {
            inst.target = target.target;
            inst.op = op;
            true
        } else {
            false
        }
    }

    /// `fold_tuple_on_constants`: `LOAD_CONST`s then `BUILD_TUPLE n`
    /// become one `LOAD_CONST` of the tuple.
    fn fold_tuple_on_constants(
        &mut self,
        b: BlockId,
        start: usize,
        n: usize,
        consts: &mut Vec<CodeConstant>,
    ) {
        let instrs = &mut self.blocks[b].instrs;
        let mut items = Vec::with_capacity(n);
        for instr in &instrs[start..start + n] {
            if instr.op != Opcode::LOAD_CONST {
                return;
            }
            match &consts[instr.arg as usize] {
                CodeConstant::Value(value) => items.push(value.clone()),
                CodeConstant::Code(_) => return,
            }
        }
        let tuple = CodeConstant::Value(Constant::Tuple(items));
        let index = match consts.iter().position(|c| same_code_constant(c, &tuple)) {
            Some(index) => index,
            None => {
                consts.push(tuple);
                consts.len() - 1
            }
        };
        for instr in &mut instrs[start..start + n] {
            instr.op = Opcode::NOP;
        }
        instrs[start + n].op = Opcode::LOAD_CONST;
        instrs[start + n].arg = index as u32;
    }

    /// `clean_basic_block`: removes NOPs that carry no line of their own.
    pub fn clean_basic_block(&mut self, b: BlockId) {
        let mut next_first_lineno = None;
        let mut next = self.blocks[b].next;
        while let Some(n) = next {
            if let Some(first) = self.blocks[n].instrs.first() {
                next_first_lineno = Some(first.loc.lineno);
                break;
            }
            next = self.blocks[n].next;
        }
        let instrs = &mut self.blocks[b].instrs;
        let mut kept: Vec<Instr> = Vec::with_capacity(instrs.len());
        let mut prev_lineno = -1;
        let count = instrs.len();
        for src in 0..count {
            let instr = instrs[src];
            let lineno = instr.loc.lineno;
            if instr.op == Opcode::NOP {
                if lineno < 0 || prev_lineno == lineno {
                    continue;
                }
                if src + 1 < count {
                    let next_lineno = instrs[src + 1].loc.lineno;
                    if next_lineno == lineno {
                        continue;
                    }
                    if next_lineno < 0 {
                        instrs[src + 1].loc = instr.loc;
                        continue;
                    }
                } else if next_first_lineno == Some(lineno) {
                    continue;
                }
            }
            kept.push(instr);
            prev_lineno = lineno;
        }
        *instrs = kept;
    }

    /// `mark_reachable`: counts each block's predecessors from the entry.
    fn mark_reachable(&mut self) {
        for block in &mut self.blocks {
            block.predecessors = 0;
        }
        self.blocks[0].predecessors = 1;
        let mut stack = vec![0];
        while let Some(b) = stack.pop() {
            if let Some(next) = self.blocks[b].next {
                if !self.blocks[b].nofallthrough {
                    if self.blocks[next].predecessors == 0 {
                        stack.push(next);
                    }
                    self.blocks[next].predecessors += 1;
                }
            }
            let targets: Vec<BlockId> = self.blocks[b]
                .instrs
                .iter()
                .filter_map(Instr::jump_target)
                .collect();
            for target in targets {
                if self.blocks[target].predecessors == 0 {
                    stack.push(target);
                }
                self.blocks[target].predecessors += 1;
            }
        }
    }

    /// `eliminate_empty_basic_blocks`.
    fn eliminate_empty_basic_blocks(&mut self) {
        let mut block = Some(0);
        while let Some(b) = block {
            if let Some(mut next) = self.blocks[b].next {
                while self.blocks[next].instrs.is_empty() {
                    match self.blocks[next].next {
                        Some(after) => next = after,
                        None => break,
                    }
                }
                self.blocks[b].next = Some(next);
            }
            block = self.blocks[b].next;
        }
        for b in self.code_order() {
            if let Some(last) = self.blocks[b].last().copied() {
                if last.op.is_jump() {
                    let mut target = last.target.expect("a jump has a target");
                    while self.blocks[target].instrs.is_empty() {
                        target = self.blocks[target].next.expect("a block follows");
                    }
                    self.blocks[b].instrs.last_mut().expect("checked").target = Some(target);
                }
            }
        }
    }

    /// `duplicate_exits_without_lineno`: an exit block without a line that
    /// several jumps reach is copied for each, so that each copy can take
    /// the line of its jump.
    pub fn duplicate_exits_without_lineno(&mut self) {
        for b in self.creation_order_reversed() {
            let Some(last) = self.blocks[b].last().copied() else {
                continue;
            };
            if !last.op.is_jump() {
                continue;
            }
            let target = last.target.expect("a jump has a target");
            if self.blocks[target].is_exit_without_lineno() && self.blocks[target].predecessors > 1
            {
                let mut copy = Block {
                    instrs: self.blocks[target].instrs.clone(),
                    exit: self.blocks[target].exit,
                    nofallthrough: true,
                    startdepth: i32::MIN,
                    predecessors: 1,
                    next: self.blocks[target].next,
                    ..Block::default()
                };
                copy.instrs[0].loc = last.loc;
                self.blocks.push(copy);
                let new_target = self.blocks.len() - 1;
                self.blocks[b].instrs.last_mut().expect("checked").target = Some(new_target);
                self.blocks[target].predecessors -= 1;
                self.blocks[target].next = Some(new_target);
            }
        }
        for b in self.creation_order_reversed() {
            while let Some(next) = self.blocks[b].next {
                if !self.blocks[next].instrs.is_empty() {
                    break;
                }
                self.blocks[b].next = self.blocks[next].next;
            }
        }
        for b in self.creation_order_reversed() {
            let block = &self.blocks[b];
            if block.nofallthrough || block.instrs.is_empty() {
                continue;
            }
            let Some(next) = block.next else {
                continue;
            };
            if self.blocks[next].is_exit_without_lineno() {
                let loc = block.last().expect("not empty").loc;
                self.blocks[next].instrs[0].loc = loc;
            }
        }
    }

    /// `propagate_line_numbers`: instructions without a line take the line
    /// of the one before, and a block with a single predecessor the line
    /// its predecessor ends with.
    pub fn propagate_line_numbers(&mut self) {
        for b in self.code_order() {
            if self.blocks[b].instrs.is_empty() {
                continue;
            }
            let mut prev = Location::NONE;
            for instr in &mut self.blocks[b].instrs {
                if instr.loc.lineno < 0 {
                    instr.loc = prev;
                } else {
                    prev = instr.loc;
                }
            }
            let block = &self.blocks[b];
            if let (false, Some(next)) = (block.nofallthrough, block.next) {
                if self.blocks[next].predecessors == 1 && self.blocks[next].instrs[0].loc.lineno < 0
                {
                    self.blocks[next].instrs[0].loc = prev;
                }
            }
            let last = *self.blocks[b].last().expect("not empty");
            if last.op.is_jump() {
                let target = last.target.expect("a jump has a target");
                if self.blocks[target].predecessors == 1
                    && self.blocks[target].instrs[0].loc.lineno < 0
                {
                    self.blocks[target].instrs[0].loc = prev;
                }
            }
        }
    }

    /// `guarantee_lineno_for_exits`: a return still without a line takes
    /// the last line seen.
    pub fn guarantee_lineno_for_exits(&mut self, firstlineno: i32) {
        let mut lineno = firstlineno;
        for b in self.code_order() {
            let Some(last) = self.blocks[b].last().copied() else {
                continue;
            };
            if last.loc.lineno < 0 {
                if last.op == Opcode::RETURN_VALUE {
                    for instr in &mut self.blocks[b].instrs {
                        instr.loc.lineno = lineno;
                    }
                }
            } else {
                lineno = last.loc.lineno;
            }
        }
    }
}

fn code_constant_truthiness(value: &CodeConstant) -> bool {
    match value {
        CodeConstant::Value(value) => value.is_true(),
        CodeConstant::Code(_) => true,
    }
}

/// Whether two entries of `co_consts` are one: code objects never are,
/// other constants by [`same_constant`].
pub fn same_code_constant(a: &CodeConstant, b: &CodeConstant) -> bool {
    match (a, b) {
        (CodeConstant::Value(a), CodeConstant::Value(b)) => same_constant(a, b),
        (CodeConstant::Code(a), CodeConstant::Code(b)) => same_code(a, b),
        _ => false,
    }
}

/// Whether two code objects are equal as `code.__eq__` has it, which is
/// how CPython merges them as constants: a comprehension compiled twice
/// (in both tests of a `while` loop) is one constant. The qualified name
/// and the file name take no part.
pub fn same_code(a: &CodeObject, b: &CodeObject) -> bool {
    a.name == b.name
        && a.argcount == b.argcount
        && a.posonlyargcount == b.posonlyargcount
        && a.kwonlyargcount == b.kwonlyargcount
        && a.flags == b.flags
        && a.firstlineno == b.firstlineno
        && a.code == b.code
        && a.consts.len() == b.consts.len()
        && a.consts
            .iter()
            .zip(&b.consts)
            .all(|(x, y)| same_code_constant(x, y))
        && a.names == b.names
        && a.localsplusnames == b.localsplusnames
        && a.linetable == b.linetable
        && a.exceptiontable == b.exceptiontable
}

/// Whether two constants are one entry of `co_consts`: CPython merges
/// constants by `_PyCode_ConstantKey`, which tells apart types (`1`,
/// `1.0` and `True`) and the signs of zeros, and never merges a NaN
/// with another.
pub fn same_constant(a: &Constant, b: &Constant) -> bool {
    let same_float = |x: f64, y: f64| x == y && x.is_sign_negative() == y.is_sign_negative();
    match (a, b) {
        (Constant::Float(x), Constant::Float(y)) => same_float(*x, *y),
        (
            Constant::Complex { real, imag },
            Constant::Complex {
                real: real2,
                imag: imag2,
            },
        ) => same_float(*real, *real2) && same_float(*imag, *imag2),
        (Constant::Tuple(xs), Constant::Tuple(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same_constant(x, y))
        }
        (Constant::FrozenSet(xs), Constant::FrozenSet(ys)) => {
            xs.len() == ys.len() && xs.iter().all(|x| ys.iter().any(|y| same_constant(x, y)))
        }
        _ => a == b,
    }
}

/// `swaptimize`: replaces a run of SWAPs and NOPs starting at `start` with
/// the fewest SWAPs that permute the stack the same way. Gives the index
/// of the run's last instruction.
fn swaptimize(instrs: &mut [Instr], start: usize) -> usize {
    let mut depth = instrs[start].arg as usize;
    let mut len = 1;
    let mut more = false;
    while start + len < instrs.len() {
        match instrs[start + len].op {
            Opcode::SWAP => {
                depth = depth.max(instrs[start + len].arg as usize);
                more = true;
            }
            Opcode::NOP => {}
            _ => break,
        }
        len += 1;
    }
    if !more {
        return start;
    }
    // Where each stack slot's value ends up after the run.
    const VISITED: usize = usize::MAX;
    let mut stack: Vec<usize> = (0..depth).collect();
    for instr in &instrs[start..start + len] {
        if instr.op == Opcode::SWAP {
            stack.swap(0, instr.arg as usize - 1);
        }
    }
    // Rebuild the permutation cycle by cycle, writing SWAPs from the end
    // of the run backwards.
    let mut current = start + len;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 {
                current -= 1;
                instrs[current].op = Opcode::SWAP;
                instrs[current].arg = j as u32 + 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next_j = stack[j];
            stack[j] = VISITED;
            j = next_j;
        }
    }
    for instr in &mut instrs[start..current] {
        instr.op = Opcode::NOP;
    }
    start + len - 1
}

/// Instructions a SWAP may be applied to statically, by reordering them:
/// they only consume the top of the stack and cannot run arbitrary code.
fn swappable(op: Opcode) -> bool {
    matches!(op, Opcode::STORE_FAST | Opcode::POP_TOP)
}

fn stores_to(instr: &Instr) -> Option<u32> {
    (instr.op == Opcode::STORE_FAST).then_some(instr.arg)
}

/// `next_swappable_instruction`: the next swappable instruction after
/// `i`, past NOPs, on `lineno` if it is given.
fn next_swappable_instruction(
    instrs: &[Instr],
    mut i: usize,
    lineno: Option<i32>,
) -> Option<usize> {
    loop {
        i += 1;
        let instr = instrs.get(i)?;
        if lineno.is_some_and(|l| instr.loc.lineno != l) {
            return None;
        }
        if instr.op == Opcode::NOP {
            continue;
        }
        return swappable(instr.op).then_some(i);
    }
}

/// `apply_static_swaps`: `SWAP n` before instructions that only consume
/// the stack is done by swapping those instructions instead.
fn apply_static_swaps(instrs: &mut [Instr], i: usize) {
    for i in (0..=i).rev() {
        let swap = instrs[i];
        if swap.op != Opcode::SWAP {
            if swap.op == Opcode::NOP || swappable(swap.op) {
                continue;
            }
            return;
        }
        let Some(j) = next_swappable_instruction(instrs, i, None) else {
            return;
        };
        let lineno = instrs[j].loc.lineno;
        let mut k = j;
        for _ in 1..swap.arg {
            match next_swappable_instruction(instrs, k, Some(lineno)) {
                Some(next) => k = next,
                None => return,
            }
        }
        let store_j = stores_to(&instrs[j]);
        let store_k = stores_to(&instrs[k]);
        if store_j.is_some() || store_k.is_some() {
            if store_j == store_k {
                return;
            }
            let clashes = instrs[j + 1..k]
                .iter()
                .filter_map(stores_to)
                .any(|s| Some(s) == store_j || Some(s) == store_k);
            if clashes {
                return;
            }
        }
        instrs[i].op = Opcode::NOP;
        instrs.swap(j, k);
    }
}
