//! The assembler: one scope's control flow graph to a code object, as
//! `assemble` in 3.11's Python/compile.c does it.
//!
//! In order: prefix instructions (RETURN_GENERATOR, MAKE_CELL,
//! COPY_FREE_VARS), cell offsets fixed up, the CFG optimized, exit
//! blocks duplicated and line numbers propagated, the stack depth
//! computed, exception handlers labelled on every instruction and the
//! SETUP_*/POP_BLOCK pseudo instructions dropped, jump directions and
//! offsets settled (growing EXTENDED_ARGs until they fit), and finally
//! the wordcode, the location table (Objects/locations.md) and the
//! exception table (Objects/exception_handling_notes.txt) written out.

use crate::code::{flags, local_kind, CodeConstant, CodeObject};
use crate::flowgraph::{BlockId, Cfg, Instr, Location};
use crate::opcode::Opcode;

/// What the code generator hands over for one scope.
pub struct ScopeCode {
    pub cfg: Cfg,
    pub consts: Vec<CodeConstant>,
    pub names: Vec<String>,
    /// Parameters first, then other locals, in the order first used.
    pub varnames: Vec<String>,
    /// Cell variables, indexed as the code generator's cell arguments.
    pub cellvars: Vec<String>,
    /// Free variables; the code generator indexes them after the cells.
    pub freevars: Vec<String>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub filename: String,
    pub name: String,
    pub qualname: String,
    pub firstlineno: u32,
}

/// Assembles one scope. The code generator has already ended it with a
/// return.
pub fn assemble(scope: ScopeCode) -> CodeObject {
    let ScopeCode {
        mut cfg,
        mut consts,
        names,
        varnames,
        cellvars,
        freevars,
        argcount,
        posonlyargcount,
        kwonlyargcount,
        flags: code_flags,
        filename,
        name,
        qualname,
        firstlineno,
    } = scope;
    cfg.normalize();
    cfg.extend_blocks();

    let nlocals = varnames.len();
    let ncellvars = cellvars.len();
    let nfreevars = freevars.len();
    let mut fixed = cell_fixed_offsets(&varnames, &cellvars, nfreevars);
    insert_prefix_instructions(
        &mut cfg,
        code_flags,
        firstlineno,
        &fixed,
        nlocals,
        nfreevars,
    );
    let numdropped = fix_cell_offsets(&mut cfg, &mut fixed, nlocals);

    cfg.optimize(&mut consts);
    cfg.duplicate_exits_without_lineno();
    trim_unused_consts(&cfg, &mut consts);
    cfg.propagate_line_numbers();
    cfg.guarantee_lineno_for_exits(firstlineno as i32);
    let is_generator =
        code_flags & (flags::CO_GENERATOR | flags::CO_COROUTINE | flags::CO_ASYNC_GENERATOR) != 0;
    let stacksize = stack_depth(&mut cfg, is_generator);

    label_exception_targets(&mut cfg);
    for b in cfg.code_order() {
        for instr in &mut cfg.blocks[b].instrs {
            if instr.op.is_block_push() || instr.op == Opcode::POP_BLOCK {
                instr.op = Opcode::NOP;
            }
        }
    }
    for b in cfg.code_order() {
        cfg.clean_basic_block(b);
    }
    normalize_jumps(&mut cfg);
    assemble_jump_offsets(&mut cfg);

    let order = cfg.code_order();
    let instrs: Vec<&Instr> = order.iter().flat_map(|&b| &cfg.blocks[b].instrs).collect();
    let code = write_code(&instrs);
    let linetable = write_location_table(&instrs, firstlineno as i32);
    let exceptiontable = write_exception_table(&cfg, &order);

    let (localsplusnames, localspluskinds) =
        localsplus(&varnames, &cellvars, &freevars, ncellvars, numdropped);
    CodeObject {
        argcount: posonlyargcount + argcount,
        posonlyargcount,
        kwonlyargcount,
        stacksize: stacksize as u32,
        flags: code_flags,
        code,
        consts,
        names,
        localsplusnames,
        localspluskinds,
        filename,
        name,
        qualname,
        firstlineno,
        linetable,
        exceptiontable,
    }
}

/// `build_cellfixedoffsets`: where each cell and free variable will sit
/// in `localsplus`; a cell that is also a parameter shares its slot.
fn cell_fixed_offsets(varnames: &[String], cellvars: &[String], nfreevars: usize) -> Vec<usize> {
    let nlocals = varnames.len();
    let mut fixed: Vec<usize> = (0..cellvars.len() + nfreevars)
        .map(|i| nlocals + i)
        .collect();
    for (cell_index, cell) in cellvars.iter().enumerate() {
        if let Some(var_index) = varnames.iter().position(|v| v == cell) {
            fixed[cell_index] = var_index;
        }
    }
    fixed
}

/// `insert_prefix_instructions`: what runs before the first line of a
/// scope.
fn insert_prefix_instructions(
    cfg: &mut Cfg,
    code_flags: u32,
    firstlineno: u32,
    fixed: &[usize],
    nlocals: usize,
    nfreevars: usize,
) {
    let entry = &mut cfg.blocks[0].instrs;
    if code_flags & (flags::CO_GENERATOR | flags::CO_COROUTINE | flags::CO_ASYNC_GENERATOR) != 0 {
        let line = firstlineno as i32;
        let loc = Location {
            lineno: line,
            end_lineno: line,
            col_offset: -1,
            end_col_offset: -1,
        };
        entry.insert(0, Instr::new(Opcode::RETURN_GENERATOR, 0, loc));
        entry.insert(1, Instr::new(Opcode::POP_TOP, 0, Location::NONE));
    }
    let ncellvars = fixed.len() - nfreevars;
    if ncellvars > 0 {
        // MAKE_CELLs go in localsplus order, which puts cells that are
        // parameters first.
        let mut sorted: Vec<Option<usize>> = vec![None; ncellvars + nlocals];
        for (cell_index, &slot) in fixed[..ncellvars].iter().enumerate() {
            sorted[slot] = Some(cell_index);
        }
        let cells = sorted.into_iter().flatten();
        for (position, cell_index) in cells.enumerate() {
            entry.insert(
                position,
                Instr::new(Opcode::MAKE_CELL, cell_index as u32, Location::NONE),
            );
        }
    }
    if nfreevars > 0 {
        entry.insert(
            0,
            Instr::new(Opcode::COPY_FREE_VARS, nfreevars as u32, Location::NONE),
        );
    }
}

/// `fix_cell_offsets`: cell and free variable arguments become
/// `localsplus` indexes. Gives how many cells share a parameter's slot.
fn fix_cell_offsets(cfg: &mut Cfg, fixed: &mut [usize], nlocals: usize) -> usize {
    let mut numdropped = 0;
    for (i, slot) in fixed.iter_mut().enumerate() {
        if *slot == i + nlocals {
            *slot -= numdropped;
        } else {
            numdropped += 1;
        }
    }
    for block in &mut cfg.blocks {
        for instr in &mut block.instrs {
            if matches!(
                instr.op,
                Opcode::MAKE_CELL
                    | Opcode::LOAD_CLOSURE
                    | Opcode::LOAD_DEREF
                    | Opcode::STORE_DEREF
                    | Opcode::DELETE_DEREF
                    | Opcode::LOAD_CLASSDEREF
            ) {
                instr.arg = fixed[instr.arg as usize] as u32;
            }
        }
    }
    numdropped
}

/// `trim_unused_consts`: drops constants after the last one used; the
/// first stays, as it may be the docstring.
fn trim_unused_consts(cfg: &Cfg, consts: &mut Vec<CodeConstant>) {
    let max_used = cfg
        .code_order()
        .into_iter()
        .flat_map(|b| &cfg.blocks[b].instrs)
        .filter(|i| matches!(i.op, Opcode::LOAD_CONST | Opcode::KW_NAMES))
        .map(|i| i.arg as usize)
        .max()
        .unwrap_or(0);
    consts.truncate(max_used + 1);
}

/// `stackdepth`: the deepest the value stack gets on any path, assuming
/// loops leave it as they found it.
fn stack_depth(cfg: &mut Cfg, is_generator: bool) -> i32 {
    for block in &mut cfg.blocks {
        block.startdepth = i32::MIN;
    }
    let mut stack: Vec<BlockId> = Vec::new();
    let push = |cfg: &mut Cfg, stack: &mut Vec<BlockId>, b: BlockId, depth: i32| {
        let block = &mut cfg.blocks[b];
        if block.startdepth < depth && block.startdepth < 100 {
            block.startdepth = depth;
            stack.push(b);
        }
    };
    push(cfg, &mut stack, 0, i32::from(is_generator));
    let mut maxdepth = 0;
    while let Some(b) = stack.pop() {
        let mut depth = cfg.blocks[b].startdepth;
        let mut next = cfg.blocks[b].next;
        for i in 0..cfg.blocks[b].instrs.len() {
            let instr = cfg.blocks[b].instrs[i];
            let effect = instr.op.stack_effect(instr.arg);
            let new_depth = depth + effect.fallthrough;
            maxdepth = maxdepth.max(new_depth);
            if instr.op.is_jump() || instr.op.is_block_push() {
                let target_depth = depth + effect.jump;
                maxdepth = maxdepth.max(target_depth);
                let target = instr.target.expect("a jump has a target");
                push(cfg, &mut stack, target, target_depth);
            }
            depth = new_depth;
            if matches!(
                instr.op,
                Opcode::JUMP_NO_INTERRUPT
                    | Opcode::JUMP
                    | Opcode::RETURN_VALUE
                    | Opcode::RAISE_VARARGS
                    | Opcode::RERAISE
            ) {
                next = None;
                break;
            }
        }
        if let Some(next) = next {
            push(cfg, &mut stack, next, depth);
        }
    }
    maxdepth
}

/// `label_exception_targets`: walks the graph with a stack of handlers,
/// pushed by SETUP_* and popped by POP_BLOCK, and records on every
/// instruction the handler an exception there goes to.
fn label_exception_targets(cfg: &mut Cfg) {
    for block in &mut cfg.blocks {
        block.visited = false;
    }
    // Each block waiting to be walked, with the handler stack on entry.
    let mut todo: Vec<(BlockId, Vec<BlockId>)> = vec![(0, Vec::new())];
    cfg.blocks[0].visited = true;
    while let Some((b, mut handlers)) = todo.pop() {
        for i in 0..cfg.blocks[b].instrs.len() {
            let instr = cfg.blocks[b].instrs[i];
            if instr.op.is_block_push() {
                let target = instr.target.expect("a SETUP has a handler");
                if !cfg.blocks[target].visited {
                    cfg.blocks[target].visited = true;
                    todo.push((target, handlers.clone()));
                }
                if matches!(instr.op, Opcode::SETUP_WITH | Opcode::SETUP_CLEANUP) {
                    cfg.blocks[target].preserve_lasti = true;
                }
                handlers.push(target);
            } else if instr.op == Opcode::POP_BLOCK {
                handlers.pop();
            } else {
                cfg.blocks[b].instrs[i].except = handlers.last().copied();
                if instr.op.is_jump() {
                    let target = instr.target.expect("a jump has a target");
                    if !cfg.blocks[target].visited {
                        cfg.blocks[target].visited = true;
                        todo.push((target, handlers.clone()));
                    }
                }
            }
        }
        if let (false, Some(next)) = (cfg.blocks[b].nofallthrough, cfg.blocks[b].next) {
            if !cfg.blocks[next].visited {
                cfg.blocks[next].visited = true;
                todo.push((next, handlers));
            }
        }
    }
}

/// `normalize_jumps`: each pseudo jump becomes the forward or backward
/// instruction its target's place calls for.
fn normalize_jumps(cfg: &mut Cfg) {
    for block in &mut cfg.blocks {
        block.visited = false;
    }
    for b in cfg.code_order() {
        cfg.blocks[b].visited = true;
        let Some(last) = cfg.blocks[b].instrs.last().copied() else {
            continue;
        };
        if !last.op.is_jump() {
            continue;
        }
        let target = last.target.expect("a jump has a target");
        let forward = !cfg.blocks[target].visited;
        let pick = |forward_op, backward_op| if forward { forward_op } else { backward_op };
        let op = match last.op {
            Opcode::JUMP => pick(Opcode::JUMP_FORWARD, Opcode::JUMP_BACKWARD),
            Opcode::JUMP_NO_INTERRUPT => {
                pick(Opcode::JUMP_FORWARD, Opcode::JUMP_BACKWARD_NO_INTERRUPT)
            }
            Opcode::POP_JUMP_IF_NOT_NONE => pick(
                Opcode::POP_JUMP_FORWARD_IF_NOT_NONE,
                Opcode::POP_JUMP_BACKWARD_IF_NOT_NONE,
            ),
            Opcode::POP_JUMP_IF_NONE => pick(
                Opcode::POP_JUMP_FORWARD_IF_NONE,
                Opcode::POP_JUMP_BACKWARD_IF_NONE,
            ),
            Opcode::POP_JUMP_IF_FALSE => pick(
                Opcode::POP_JUMP_FORWARD_IF_FALSE,
                Opcode::POP_JUMP_BACKWARD_IF_FALSE,
            ),
            Opcode::POP_JUMP_IF_TRUE => pick(
                Opcode::POP_JUMP_FORWARD_IF_TRUE,
                Opcode::POP_JUMP_BACKWARD_IF_TRUE,
            ),
            other => other,
        };
        cfg.blocks[b].instrs.last_mut().expect("checked").op = op;
    }
}

/// `assemble_jump_offsets`: block offsets, and jump arguments relative to
/// the instruction after the jump, repeated until no argument needs a
/// longer EXTENDED_ARG prefix than before.
fn assemble_jump_offsets(cfg: &mut Cfg) {
    let order = cfg.code_order();
    loop {
        let mut total = 0;
        for &b in &order {
            cfg.blocks[b].offset = total;
            total += cfg.blocks[b].instrs.iter().map(Instr::size).sum::<u32>();
        }
        let mut grew = false;
        for &b in &order {
            let mut position = cfg.blocks[b].offset;
            for i in 0..cfg.blocks[b].instrs.len() {
                let instr = cfg.blocks[b].instrs[i];
                let size = instr.size();
                position += size;
                if instr.op.is_jump() {
                    let target = cfg.blocks[instr.target.expect("a jump has a target")].offset;
                    let arg = target.abs_diff(position);
                    let instr = &mut cfg.blocks[b].instrs[i];
                    instr.arg = arg;
                    grew |= instr.size() != size;
                }
            }
        }
        if !grew {
            break;
        }
    }
}

/// The wordcode: EXTENDED_ARG prefixes, the instruction, its caches.
fn write_code(instrs: &[&Instr]) -> Vec<u8> {
    let mut code = Vec::new();
    for instr in instrs {
        let arg = if instr.op.has_arg() { instr.arg } else { 0 };
        let size = instr.size() - instr.op.cache_entries();
        for shift in (1..size).rev() {
            code.push(Opcode::EXTENDED_ARG.number() as u8);
            code.push((arg >> (8 * shift)) as u8);
        }
        code.push(instr.op.number() as u8);
        code.push(arg as u8);
        for _ in 0..instr.op.cache_entries() {
            code.extend([Opcode::CACHE.number() as u8, 0]);
        }
    }
    code
}

/// The kinds of entry of 3.11's location table.
mod location_code {
    pub const SHORT0: u8 = 0;
    pub const ONE_LINE0: u8 = 10;
    pub const NO_COLUMNS: u8 = 13;
    pub const LONG: u8 = 14;
    pub const NONE: u8 = 15;
}

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 64 {
        out.push(64 | (value & 63) as u8);
        value >>= 6;
    }
    out.push(value as u8);
}

fn write_signed_varint(out: &mut Vec<u8>, value: i32) {
    let encoded = if value < 0 {
        (value.unsigned_abs() << 1) | 1
    } else {
        (value as u32) << 1
    };
    write_varint(out, encoded);
}

/// `co_linetable`: one entry per instruction (per eight code units of
/// it), in the shortest form that holds its location.
fn write_location_table(instrs: &[&Instr], firstlineno: i32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut lineno = firstlineno;
    for instr in instrs {
        let mut size = instr.size();
        while size > 0 {
            let length = size.min(8);
            write_location_entry(&mut out, &instr.loc, length as u8, &mut lineno);
            size -= length;
        }
    }
    out
}

fn write_location_entry(out: &mut Vec<u8>, loc: &Location, length: u8, lineno: &mut i32) {
    let start = |out: &mut Vec<u8>, code: u8| out.push(0x80 | (code << 3) | (length - 1));
    if loc.lineno < 0 {
        start(out, location_code::NONE);
        return;
    }
    let line_delta = loc.lineno - *lineno;
    let column = loc.col_offset;
    let end_column = loc.end_col_offset;
    if column < 0 || end_column < 0 {
        if loc.end_lineno == loc.lineno || loc.end_lineno == -1 {
            start(out, location_code::NO_COLUMNS);
            write_signed_varint(out, line_delta);
            *lineno = loc.lineno;
            return;
        }
    } else if loc.end_lineno == loc.lineno {
        if line_delta == 0 && column < 80 && end_column - column < 16 && end_column >= column {
            start(out, location_code::SHORT0 + (column >> 3) as u8);
            out.push((((column & 7) << 4) | (end_column - column)) as u8);
            return;
        }
        if (0..3).contains(&line_delta) && column < 128 && end_column < 128 {
            start(out, location_code::ONE_LINE0 + line_delta as u8);
            out.push(column as u8);
            out.push(end_column as u8);
            *lineno = loc.lineno;
            return;
        }
    }
    start(out, location_code::LONG);
    write_signed_varint(out, line_delta);
    write_varint(out, (loc.end_lineno - loc.lineno) as u32);
    write_varint(out, (column + 1) as u32);
    write_varint(out, (end_column + 1) as u32);
    *lineno = loc.lineno;
}

/// `co_exceptiontable`: a run of instructions with the same handler is
/// one entry (start, length, handler offset, depth and lasti flag).
fn write_exception_table(cfg: &Cfg, order: &[BlockId]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut handler: Option<BlockId> = None;
    let mut start = 0;
    let mut offset = 0;
    for &b in order {
        offset = cfg.blocks[b].offset;
        for instr in &cfg.blocks[b].instrs {
            if instr.except != handler {
                if let Some(h) = handler {
                    write_exception_entry(&mut out, cfg, start, offset, h);
                }
                start = offset;
                handler = instr.except;
            }
            offset += instr.size();
        }
    }
    if let Some(h) = handler {
        write_exception_entry(&mut out, cfg, start, offset, h);
    }
    out
}

fn write_exception_entry(out: &mut Vec<u8>, cfg: &Cfg, start: u32, end: u32, handler: BlockId) {
    let block = &cfg.blocks[handler];
    let lasti = u32::from(block.preserve_lasti);
    let depth = (block.startdepth - 1) as u32 - lasti;
    write_exception_item(out, start, true);
    write_exception_item(out, end - start, false);
    write_exception_item(out, block.offset, false);
    write_exception_item(out, (depth << 1) | lasti, false);
}

/// A number in six-bit groups, most significant first; every group but
/// the last has the continuation bit, and an entry's first byte the
/// start bit.
fn write_exception_item(out: &mut Vec<u8>, value: u32, first: bool) {
    const CONTINUATION: u8 = 64;
    let mut start_bit = if first { 0x80 } else { 0 };
    for shift in [24, 18, 12, 6] {
        if value >= 1 << shift {
            out.push(((value >> shift) & 0x3f) as u8 | CONTINUATION | start_bit);
            start_bit = 0;
        }
    }
    out.push((value & 0x3f) as u8 | start_bit);
}

/// `compute_localsplus_info`: names and kinds of the `localsplus` slots.
fn localsplus(
    varnames: &[String],
    cellvars: &[String],
    freevars: &[String],
    ncellvars: usize,
    numdropped: usize,
) -> (Vec<String>, Vec<u8>) {
    let mut names: Vec<String> = varnames.to_vec();
    let mut kinds: Vec<u8> = varnames
        .iter()
        .map(|v| {
            if cellvars.contains(v) {
                local_kind::CO_FAST_LOCAL | local_kind::CO_FAST_CELL
            } else {
                local_kind::CO_FAST_LOCAL
            }
        })
        .collect();
    for cell in cellvars.iter().filter(|c| !varnames.contains(c)) {
        names.push(cell.clone());
        kinds.push(local_kind::CO_FAST_CELL);
    }
    debug_assert_eq!(names.len(), varnames.len() + ncellvars - numdropped);
    for free in freevars {
        names.push(free.clone());
        kinds.push(local_kind::CO_FAST_FREE);
    }
    (names, kinds)
}
