//! The matching engine (Modules/_sre/sre_lib.h): runs the opcode list
//! that Lib/re/_compiler.py makes against a subject, str or bytes, at
//! one, two or four bytes per character.
//!
//! # How it backtracks without recursing
//!
//! SRE is a backtracking matcher in continuation style: an operator that
//! has a choice (an alternative of a BRANCH, one more or one less
//! repetition) runs the *whole rest of the pattern* for each choice as
//! a callee, and the callee answers whether everything after it
//! matched. CPython writes those calls as explicit contexts on a heap
//! stack (`DO_JUMP`, `jump_*` labels); so does Krait: a call pushes a
//! [`Frame`] saying where the caller resumes ([`Jump`]), and the
//! dispatch loop continues at the callee's code. When a frame ends, its
//! answer goes to [`Matcher::resume`], which either calls again (the
//! next alternative), continues the caller's code, or ends the caller
//! too. So a long subject or a deeply nested pattern grows vectors, never
//! the Rust stack.
//!
//! Capture groups are "marks": the positions where group `n` starts
//! (`2n`) and ends (`2n+1`). `lastmark` is the highest valid mark; a
//! choice point saves it (and, inside a repeat, the marks themselves on
//! `saved_marks`) so that a failed choice leaves no trace, exactly where
//! sre_lib.h does, which is what makes group values and `lastindex`
//! agree with CPython's in every corner.
//!
//! Positions are indexes into the whole subject: lookbehind and `^` see
//! the characters before `pos`, and nothing reads past `endpos`.

use super::chars;
use super::charset::{self, SetTables};
use super::constants::{at, info, op, MAXREPEAT};
use crate::objects::stringlib::Unit;

/// Why the engine stopped without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineError {
    /// An opcode out of place or a repeat operator outside a repeat
    /// (`SRE_ERROR_ILLEGAL`, `SRE_ERROR_STATE`).
    Internal,
    /// Single-character repeats nested beyond [`MAX_NESTING`]
    /// (`SRE_ERROR_RECURSION_LIMIT`).
    RecursionLimit,
    /// The marks of the groups could not be allocated (`SRE_ERROR_MEMORY`).
    Memory,
}

pub type EngineResult = Result<bool, EngineError>;

/// A position no subject has, as CPython's NULL pointer.
const NO_POSITION: usize = usize::MAX;

/// How deep the items of single-character repeats may nest: each level
/// is one Rust call. The compiler never nests them at all.
const MAX_NESTING: usize = 1000;

/// A subject's characters at their stored width.
pub enum Text<'a> {
    Ucs1(&'a [u8]),
    Ucs2(&'a [u16]),
    Ucs4(&'a [u32]),
}

/// What the engine runs: a pattern's code, validated, and the byte
/// tables of its sets.
pub struct Program {
    pub code: Box<[u32]>,
    pub sets: SetTables,
}

/// The matching state of one subject (`SRE_STATE`).
pub struct State {
    /// Where the match starts; after a search, where it was found.
    pub start: usize,
    /// Where matching continues; after a match, where it ended.
    pub ptr: usize,
    /// `endpos`: nothing at or after it is read as part of a match.
    pub end: usize,
    /// `pos` and `endpos` as clamped to the subject.
    pub pos: usize,
    pub endpos: usize,
    /// `fullmatch`: the match must end at `end`.
    pub match_all: bool,
    /// The match must not be empty at `start` (after an empty match,
    /// finditer and sub move on this way).
    pub must_advance: bool,
    /// The marks; those above `lastmark` are not valid.
    pub marks: Vec<Option<usize>>,
    pub lastmark: isize,
    /// The group whose end was marked last, or -1.
    pub lastindex: isize,
    /// The innermost repeat being matched, an index into `repeats`.
    repeat: Option<usize>,
    repeats: Vec<Repeat>,
    frames: Vec<Frame>,
    saved_marks: Vec<Option<usize>>,
}

/// A REPEAT in progress (`SRE_REPEAT`).
#[derive(Clone, Copy)]
struct Repeat {
    /// Items matched so far.
    count: isize,
    /// The REPEAT's arguments: skip, min, max, then the item.
    pc: usize,
    /// Where the last item started, to stop empty items repeating;
    /// `NO_POSITION` before the first.
    last_ptr: usize,
    prev: Option<usize>,
}

/// Where a caller resumes when its callee ends (sre_lib.h's `JUMP_*`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Jump {
    Top,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Repeat,
    RepeatOne1,
    RepeatOne2,
    MinRepeatOne,
    Branch,
    Assert,
    AssertNot,
    PossessiveRepeat1,
    PossessiveRepeat2,
    AtomicGroup,
}

/// One call of the engine on part of the pattern (`SRE(match_context)`):
/// what its operator needs when the callee it is waiting for ends.
#[derive(Clone, Copy)]
struct Frame {
    pc: usize,
    ptr: usize,
    count: isize,
    /// The literal after a REPEAT_ONE, or the repeat of an UNTIL.
    aux: usize,
    lastmark: i32,
    lastindex: i32,
    saved_last_ptr: usize,
    marks_saved: bool,
    /// Whether the end of this call is the end of the whole match, where
    /// `match_all` and `must_advance` apply.
    toplevel: bool,
    jump: Jump,
}

impl Frame {
    fn new(jump: Jump, toplevel: bool) -> Frame {
        Frame {
            pc: 0,
            ptr: 0,
            count: 0,
            aux: 0,
            lastmark: -1,
            lastindex: -1,
            saved_last_ptr: NO_POSITION,
            marks_saved: false,
            toplevel,
            jump,
        }
    }
}

/// What to do after a callee ends.
enum Next {
    /// Run the code at `pc` from `ptr` in the frame now on top.
    Dispatch(usize, usize),
    /// The frame on top ends too, with this answer.
    Return(bool),
}

impl State {
    /// A state for a subject of `len` characters, between `pos` and
    /// `endpos` clamped to it (`state_init`).
    pub fn new(len: usize, pos: i64, endpos: i64) -> State {
        let clamp = |v: i64| v.clamp(0, len as i64) as usize;
        let (pos, endpos) = (clamp(pos), clamp(endpos));
        State {
            start: pos,
            ptr: pos,
            end: endpos,
            pos,
            endpos,
            match_all: false,
            must_advance: false,
            marks: Vec::new(),
            lastmark: -1,
            lastindex: -1,
            repeat: None,
            repeats: Vec::new(),
            frames: Vec::new(),
            saved_marks: Vec::new(),
        }
    }

    /// Forgets the groups of the last attempt (`state_reset`).
    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = None;
        self.repeats.clear();
        self.frames.clear();
        self.saved_marks.clear();
    }

    /// The span of group `group` (from 1) in the last match, None if the
    /// group took no part in it.
    pub fn group_span(&self, group: usize) -> Option<(usize, usize)> {
        let i = (group - 1) * 2;
        if i as isize >= self.lastmark {
            return None;
        }
        match (self.marks.get(i), self.marks.get(i + 1)) {
            (Some(&Some(a)), Some(&Some(b))) => Some((a, b)),
            _ => None,
        }
    }

    /// Whether the pattern matches at `start` (`sre_match`); `ptr` must
    /// be `start`.
    pub fn match_here(&mut self, text: &Text, program: &Program) -> EngineResult {
        match *text {
            Text::Ucs1(t) => Matcher::new(self, t, program).run(0, true),
            Text::Ucs2(t) => Matcher::new(self, t, program).run(0, true),
            Text::Ucs4(t) => Matcher::new(self, t, program).run(0, true),
        }
    }

    /// Whether the pattern matches anywhere from `start` on
    /// (`sre_search`); `start` and `ptr` are then the match's span.
    pub fn search(&mut self, text: &Text, program: &Program) -> EngineResult {
        match *text {
            Text::Ucs1(t) => Matcher::new(self, t, program).search(),
            Text::Ucs2(t) => Matcher::new(self, t, program).search(),
            Text::Ucs4(t) => Matcher::new(self, t, program).search(),
        }
    }
}

/// The engine at work on one subject of code unit `T`.
struct Matcher<'a, T: Unit> {
    state: &'a mut State,
    text: &'a [T],
    code: &'a [u32],
    sets: &'a SetTables,
    depth: usize,
}

impl<'a, T: Unit> Matcher<'a, T> {
    fn new(state: &'a mut State, text: &'a [T], program: &'a Program) -> Self {
        Matcher {
            state,
            text,
            code: &program.code,
            sets: &program.sets,
            depth: 0,
        }
    }

    /// A code word; past the end reads as FAILURE, which the validated
    /// code never does.
    #[inline(always)]
    fn code(&self, i: usize) -> u32 {
        self.code.get(i).copied().unwrap_or(op::FAILURE)
    }

    /// The character at `i`, which is below the subject's length.
    #[inline(always)]
    fn ch(&self, i: usize) -> u32 {
        self.text[i].into()
    }

    /// The character at `i`, if the subject has one there.
    #[inline]
    fn ch_at(&self, i: usize) -> Option<u32> {
        self.text.get(i).map(|&c| c.into())
    }

    fn top(&mut self) -> &mut Frame {
        let last = self.state.frames.len() - 1;
        &mut self.state.frames[last]
    }

    /// Pushes a callee frame.
    fn call(&mut self, jump: Jump, toplevel: bool) {
        self.state.frames.push(Frame::new(jump, toplevel));
    }

    /// Makes the frame on top a choice point: saves `lastmark`, and the
    /// marks too when inside a repeat, where a later item may change
    /// marks below `lastmark` (`LASTMARK_SAVE` and `MARK_PUSH`).
    fn save_choice_point(&mut self) {
        let (lastmark, lastindex) = (self.state.lastmark, self.state.lastindex);
        let saved = self.state.repeat.is_some();
        if saved {
            self.push_marks(lastmark);
        }
        let f = self.top();
        f.lastmark = lastmark as i32;
        f.lastindex = lastindex as i32;
        f.marks_saved = saved;
    }

    /// After a callee of choice point `f` failed: the marks and
    /// `lastmark` as they were at the choice; the saved marks stay for
    /// the next callee if `keep` (`MARK_POP_KEEP` or `MARK_POP`, then
    /// `LASTMARK_RESTORE`).
    fn undo_choice(&mut self, f: &Frame, keep: bool) {
        if f.marks_saved {
            self.pop_marks(f.lastmark as isize, !keep);
        }
        self.state.lastmark = f.lastmark as isize;
        self.state.lastindex = f.lastindex as isize;
    }

    /// Ends choice point `f` with the answer `ret`, dropping the marks
    /// it saved (`MARK_POP_DISCARD`).
    fn end_choice(&mut self, f: &Frame, ret: bool) -> Next {
        if f.marks_saved {
            self.discard_marks(f.lastmark as isize);
        }
        Next::Return(ret)
    }

    /// `MARK_PUSH`: saves the valid marks.
    fn push_marks(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let st = &mut *self.state;
            st.saved_marks
                .extend_from_slice(&st.marks[..lastmark as usize + 1]);
        }
    }

    /// `MARK_POP` (`discard`) and `MARK_POP_KEEP`: restores the marks
    /// saved last.
    fn pop_marks(&mut self, lastmark: isize, discard: bool) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let st = &mut *self.state;
            let from = st.saved_marks.len() - n;
            st.marks[..n].copy_from_slice(&st.saved_marks[from..]);
            if discard {
                st.saved_marks.truncate(from);
            }
        }
    }

    /// `MARK_POP_DISCARD`: drops the marks saved last.
    fn discard_marks(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let len = self.state.saved_marks.len();
            self.state.saved_marks.truncate(len - n);
        }
    }

    /// Runs the code at `pc` from `state.ptr` to its end (`SRE(match)`).
    fn run(&mut self, pc: usize, toplevel: bool) -> EngineResult {
        let base = self.state.frames.len();
        self.call(Jump::Top, toplevel);
        let mut pc = pc;
        let mut ptr = self.state.ptr;
        loop {
            let mut ret = self.dispatch(pc, ptr)?;
            loop {
                let done = self.state.frames.pop().map_or(Jump::Top, |f| f.jump);
                if self.state.frames.len() <= base {
                    return Ok(ret);
                }
                match self.resume(done, ret)? {
                    Next::Dispatch(next_pc, next_ptr) => {
                        pc = next_pc;
                        ptr = next_ptr;
                        break;
                    }
                    Next::Return(r) => ret = r,
                }
            }
        }
    }

    /// Whether the match may end at `ptr` if the frame on top is the
    /// last: `fullmatch` wants the end, and after an empty match the
    /// next may not be empty at the same place.
    fn may_end_at(&self, ptr: usize) -> bool {
        let st = &*self.state;
        let toplevel = st.frames.last().is_some_and(|f| f.toplevel);
        !(toplevel && ((st.match_all && ptr != st.end) || (st.must_advance && ptr == st.start)))
    }

    /// Runs operators from `pc` until the frame on top ends: a choice
    /// pushes a callee and continues in its code.
    fn dispatch(&mut self, mut pc: usize, mut ptr: usize) -> EngineResult {
        // Continues as `next` says: in a callee's code, or returning.
        macro_rules! follow {
            ($next:expr) => {
                match $next {
                    Next::Dispatch(next_pc, next_ptr) => {
                        pc = next_pc;
                        ptr = next_ptr;
                    }
                    Next::Return(r) => return Ok(r),
                }
            };
        }
        let end = self.state.end;
        loop {
            let p = pc + 1;
            let opcode = self.code(pc);
            match opcode {
                op::MARK => {
                    let i = self.code(p) as usize;
                    if i & 1 == 1 {
                        self.state.lastindex = (i / 2 + 1) as isize;
                    }
                    if i as isize > self.state.lastmark {
                        let first = (self.state.lastmark + 1) as usize;
                        let marks = &mut self.state.marks;
                        if marks.len() <= i {
                            marks
                                .try_reserve(i + 1 - marks.len())
                                .map_err(|_| EngineError::Memory)?;
                            marks.resize(i + 1, None);
                        }
                        marks[first..i].fill(None);
                        self.state.lastmark = i as isize;
                    }
                    self.state.marks[i] = Some(ptr);
                    pc += 2;
                }
                op::LITERAL
                | op::NOT_LITERAL
                | op::LITERAL_IGNORE
                | op::NOT_LITERAL_IGNORE
                | op::LITERAL_UNI_IGNORE
                | op::NOT_LITERAL_UNI_IGNORE
                | op::LITERAL_LOC_IGNORE
                | op::NOT_LITERAL_LOC_IGNORE => {
                    if ptr >= end || !literal_matches(opcode, self.code(p), self.ch(ptr)) {
                        return Ok(false);
                    }
                    pc += 2;
                    ptr += 1;
                }
                op::SUCCESS => {
                    if !self.may_end_at(ptr) {
                        return Ok(false);
                    }
                    self.state.ptr = ptr;
                    return Ok(true);
                }
                op::AT => {
                    if !self.at(ptr, self.code(p)) {
                        return Ok(false);
                    }
                    pc += 2;
                }
                op::CATEGORY => {
                    if ptr >= end || !chars::in_category(self.code(p), self.ch(ptr)) {
                        return Ok(false);
                    }
                    pc += 2;
                    ptr += 1;
                }
                op::ANY => {
                    if ptr >= end || chars::is_linebreak(self.ch(ptr)) {
                        return Ok(false);
                    }
                    pc += 1;
                    ptr += 1;
                }
                op::ANY_ALL => {
                    if ptr >= end {
                        return Ok(false);
                    }
                    pc += 1;
                    ptr += 1;
                }
                op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                    if ptr >= end || !self.in_set(opcode, p + 1, self.ch(ptr)) {
                        return Ok(false);
                    }
                    pc = p + self.code(p) as usize;
                    ptr += 1;
                }
                op::JUMP => pc = p + self.code(p) as usize,
                op::INFO => {
                    // <INFO> <skip> <flags> <min> ...: the frame starts
                    // here, so the subject must have `min` characters left.
                    let min = self.code(p + 2) as usize;
                    if min != 0 && ptr <= end && end - ptr < min {
                        return Ok(false);
                    }
                    pc = p + self.code(p) as usize;
                }
                op::BRANCH => {
                    // <BRANCH> <skip> alternative <JUMP> ... <0>: with no
                    // alternative to try, no choice point is needed.
                    let Some(alt) = self.viable_alternative(p, ptr) else {
                        return Ok(false);
                    };
                    self.save_choice_point();
                    self.top().ptr = ptr;
                    follow!(self.call_alternative(alt));
                }
                op::REPEAT_ONE => {
                    // <REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail:
                    // as many items as possible, then fewer until the tail
                    // matches.
                    let Some(count) = self.count_items(p, ptr, self.code(p + 2))? else {
                        return Ok(false);
                    };
                    ptr += count;
                    if self.code(p + self.code(p) as usize) == op::SUCCESS
                        && ptr == end
                        && self.may_end_at(ptr)
                    {
                        self.state.ptr = ptr;
                        return Ok(true);
                    }
                    self.repeat_choice(p, count);
                    follow!(self.repeat_one_next(ptr));
                }
                op::MIN_REPEAT_ONE => {
                    // <MIN_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail:
                    // as few items as possible, then more until the tail
                    // matches.
                    let min = self.code(p + 1);
                    let Some(count) = self.count_items(p, ptr, min)? else {
                        return Ok(false);
                    };
                    ptr += count;
                    if self.code(p + self.code(p) as usize) == op::SUCCESS && self.may_end_at(ptr) {
                        self.state.ptr = ptr;
                        return Ok(true);
                    }
                    self.repeat_choice(p, count);
                    follow!(self.min_repeat_one_next(ptr));
                }
                op::POSSESSIVE_REPEAT_ONE => {
                    // As REPEAT_ONE, but the tail never takes items back.
                    let Some(count) = self.count_items(p, ptr, self.code(p + 2))? else {
                        return Ok(false);
                    };
                    ptr += count;
                    pc = p + self.code(p) as usize;
                    if self.code(pc) == op::SUCCESS && ptr == end && self.may_end_at(ptr) {
                        self.state.ptr = ptr;
                        return Ok(true);
                    }
                }
                op::REPEAT => {
                    // <REPEAT> <skip> <min> <max> item <UNTIL> tail: the
                    // UNTIL after the item does the work.
                    let index = self.state.repeats.len();
                    self.state.repeats.push(Repeat {
                        count: -1,
                        pc: p,
                        last_ptr: NO_POSITION,
                        prev: self.state.repeat,
                    });
                    self.state.repeat = Some(index);
                    let f = self.top();
                    f.aux = index;
                    let toplevel = f.toplevel;
                    self.state.ptr = ptr;
                    self.call(Jump::Repeat, toplevel);
                    pc = p + self.code(p) as usize;
                }
                op::MAX_UNTIL => {
                    // Greedy: one more item if possible, else the tail.
                    match self.until_minimum(p, ptr, Jump::MaxUntil1)? {
                        Ok(next) => follow!(next),
                        Err(count) => follow!(self.max_until_more(count, ptr)),
                    }
                }
                op::MIN_UNTIL => {
                    // Lazy: the tail if possible, else one more item.
                    match self.until_minimum(p, ptr, Jump::MinUntil1)? {
                        Ok(next) => follow!(next),
                        Err(_) => {
                            let f = *self.top();
                            self.state.repeat = self.state.repeats[f.aux].prev;
                            self.save_choice_point();
                            self.call(Jump::MinUntil2, f.toplevel);
                            pc = p;
                        }
                    }
                }
                op::POSSESSIVE_REPEAT => {
                    // <POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS>
                    // tail: each item matched alone, none given back.
                    self.state.ptr = ptr;
                    let f = self.top();
                    f.pc = p;
                    f.ptr = ptr;
                    f.count = 0;
                    follow!(self.possessive_next(p, NO_POSITION));
                }
                op::ATOMIC_GROUP => {
                    // <ATOMIC_GROUP> <skip> pattern <SUCCESS> tail
                    self.state.ptr = ptr;
                    let f = self.top();
                    f.pc = p;
                    f.ptr = ptr;
                    self.call(Jump::AtomicGroup, false);
                    pc = p + 1;
                }
                op::GROUPREF
                | op::GROUPREF_IGNORE
                | op::GROUPREF_UNI_IGNORE
                | op::GROUPREF_LOC_IGNORE => {
                    let fold: fn(u32) -> u32 = match opcode {
                        op::GROUPREF => |c| c,
                        op::GROUPREF_IGNORE => chars::lower_ascii,
                        op::GROUPREF_UNI_IGNORE => chars::lower_unicode,
                        _ => chars::lower_locale,
                    };
                    let Some((start, stop)) = self.group_ref(self.code(p)) else {
                        return Ok(false);
                    };
                    for i in start..stop {
                        if ptr >= end || fold(self.ch(ptr)) != fold(self.ch(i)) {
                            return Ok(false);
                        }
                        ptr += 1;
                    }
                    pc += 2;
                }
                op::GROUPREF_EXISTS => {
                    // <GROUPREF_EXISTS> <group> <skip> yes <JUMP> no
                    pc = match self.group_ref(self.code(p)) {
                        Some(_) => p + 2,
                        None => p + self.code(p + 1) as usize,
                    };
                }
                op::ASSERT | op::ASSERT_NOT => {
                    // <ASSERT> <skip> <back> pattern: lookahead, or
                    // lookbehind by a fixed width.
                    let back = self.code(p + 1) as usize;
                    if ptr < back {
                        if opcode == op::ASSERT {
                            return Ok(false);
                        }
                        pc = p + self.code(p) as usize;
                        continue;
                    }
                    let jump = if opcode == op::ASSERT {
                        Jump::Assert
                    } else {
                        self.save_choice_point();
                        Jump::AssertNot
                    };
                    let f = self.top();
                    f.pc = p;
                    f.ptr = ptr;
                    self.call(jump, false);
                    pc = p + 2;
                    ptr -= back;
                    self.state.ptr = ptr;
                }
                op::FAILURE => return Ok(false),
                _ => return Err(EngineError::Internal),
            }
        }
    }

    /// Continues the frame on top after its callee ended with `ret`.
    #[inline]
    fn resume(&mut self, jump: Jump, ret: bool) -> Result<Next, EngineError> {
        let f = *self.top();
        let (p, ptr) = (f.pc, f.ptr);
        Ok(match jump {
            Jump::Top => Next::Return(ret),
            Jump::Branch | Jump::RepeatOne1 | Jump::RepeatOne2 | Jump::MinRepeatOne if ret => {
                self.end_choice(&f, true)
            }
            Jump::Branch => {
                self.undo_choice(&f, true);
                match self.viable_alternative(p + self.code(p) as usize, ptr) {
                    Some(alt) => self.call_alternative(alt),
                    None => self.end_choice(&f, false),
                }
            }
            Jump::RepeatOne1 | Jump::RepeatOne2 => {
                self.undo_choice(&f, true);
                self.top().count -= 1;
                self.repeat_one_next(ptr.wrapping_sub(1))
            }
            Jump::MinRepeatOne => {
                self.undo_choice(&f, true);
                self.state.ptr = ptr;
                if self.count(p + 3, 1)? == 0 {
                    return Ok(self.end_choice(&f, false));
                }
                self.top().count += 1;
                self.min_repeat_one_next(ptr + 1)
            }
            Jump::Repeat => {
                let index = f.aux;
                self.state.repeat = self.state.repeats[index].prev;
                self.state.repeats.truncate(index);
                Next::Return(ret)
            }
            Jump::MaxUntil1 | Jump::MinUntil1 | Jump::MinUntil3 => {
                let rep = &mut self.state.repeats[f.aux];
                if jump == Jump::MinUntil3 {
                    rep.last_ptr = f.saved_last_ptr;
                }
                if !ret {
                    rep.count = f.count - 1;
                    self.state.ptr = ptr;
                }
                Next::Return(ret)
            }
            Jump::MaxUntil2 => {
                self.state.repeats[f.aux].last_ptr = f.saved_last_ptr;
                if ret {
                    return Ok(self.end_choice(&f, true));
                }
                self.undo_choice(&f, false);
                self.state.repeats[f.aux].count = f.count - 1;
                self.state.ptr = ptr;
                self.max_until_tail()
            }
            Jump::MaxUntil3 => {
                self.state.repeat = Some(f.aux);
                if !ret {
                    self.state.ptr = ptr;
                }
                Next::Return(ret)
            }
            Jump::MinUntil2 => {
                self.state.repeat = Some(f.aux);
                if ret {
                    return Ok(self.end_choice(&f, true));
                }
                self.undo_choice(&f, false);
                self.state.ptr = ptr;
                let rep = self.state.repeats[f.aux];
                let max = self.code(rep.pc + 2);
                if (f.count >= max as isize && max != MAXREPEAT) || rep.last_ptr == ptr {
                    return Ok(Next::Return(false));
                }
                self.state.repeats[f.aux].count = f.count;
                self.top().saved_last_ptr = rep.last_ptr;
                self.state.repeats[f.aux].last_ptr = ptr;
                self.call(Jump::MinUntil3, f.toplevel);
                Next::Dispatch(rep.pc + 3, ptr)
            }
            Jump::PossessiveRepeat1 => {
                if !ret {
                    self.state.ptr = ptr;
                    return Ok(Next::Return(false));
                }
                self.top().count += 1;
                self.possessive_next(p, NO_POSITION)
            }
            Jump::PossessiveRepeat2 => {
                if ret {
                    self.discard_marks(f.lastmark as isize);
                    self.top().count += 1;
                    return Ok(self.possessive_next(p, ptr));
                }
                self.pop_marks(f.lastmark as isize, true);
                self.state.lastmark = f.lastmark as isize;
                self.state.lastindex = f.lastindex as isize;
                self.state.ptr = ptr;
                self.possessive_tail(p)
            }
            Jump::AtomicGroup => {
                if !ret {
                    self.state.ptr = ptr;
                    return Ok(Next::Return(false));
                }
                Next::Dispatch(p + self.code(p) as usize, self.state.ptr)
            }
            Jump::Assert => match ret {
                true => Next::Dispatch(p + self.code(p) as usize, ptr),
                false => Next::Return(false),
            },
            Jump::AssertNot => {
                if ret {
                    return Ok(self.end_choice(&f, false));
                }
                self.undo_choice(&f, false);
                Next::Dispatch(p + self.code(p) as usize, ptr)
            }
        })
    }

    /// The first alternative of a BRANCH, from the one whose skip word is
    /// at `alt`, that may match at `ptr`: one starting with a literal or
    /// a set (of any case folding) is passed over at once if the
    /// character disagrees, as its first operator would fail with nothing
    /// done.
    #[inline]
    fn viable_alternative(&self, mut alt: usize, ptr: usize) -> Option<usize> {
        let end = self.state.end;
        loop {
            let skip = self.code(alt) as usize;
            if skip == 0 {
                return None;
            }
            let first = self.code(alt + 1);
            let hopeless = if op::is_literal(first) {
                ptr >= end || !literal_matches(first, self.code(alt + 2), self.ch(ptr))
            } else if op::is_set(first) {
                ptr >= end || !self.in_set(first, alt + 3, self.ch(ptr))
            } else {
                false
            };
            if !hopeless {
                return Some(alt);
            }
            alt += skip;
        }
    }

    /// Calls alternative `alt` of the BRANCH whose choice point is on top.
    fn call_alternative(&mut self, alt: usize) -> Next {
        let f = self.top();
        f.pc = alt;
        let (ptr, toplevel) = (f.ptr, f.toplevel);
        self.state.ptr = ptr;
        self.call(Jump::Branch, toplevel);
        Next::Dispatch(alt + 1, ptr)
    }

    /// How many items of a single-character repeat (`<skip> <min>
    /// <max> item` at `p`) match from `ptr`, at most `limit`; None if
    /// fewer than the minimum.
    #[inline]
    fn count_items(
        &mut self,
        p: usize,
        ptr: usize,
        limit: u32,
    ) -> Result<Option<usize>, EngineError> {
        let min = self.code(p + 1) as usize;
        let end = self.state.end;
        if ptr > end || min > end - ptr {
            return Ok(None);
        }
        self.state.ptr = ptr;
        let count = if limit == 0 {
            0
        } else {
            self.count(p + 3, limit)?
        };
        Ok((count >= min).then_some(count))
    }

    /// Makes the frame on top the choice point of the single-character
    /// repeat at `p`, with `count` items matched.
    fn repeat_choice(&mut self, p: usize, count: usize) {
        self.save_choice_point();
        let f = self.top();
        f.pc = p;
        f.count = count as isize;
    }

    /// REPEAT_ONE with the frame's count of items ending at `ptr`: tries
    /// the tail there, or with fewer items, or fails.
    fn repeat_one_next(&mut self, mut ptr: usize) -> Next {
        let f = *self.top();
        let p = f.pc;
        let min = self.code(p + 1) as isize;
        let tail = p + self.code(p) as usize;
        let mut count = f.count;
        let jump = if self.code(tail) == op::LITERAL {
            // Only positions where the tail's first literal is may match.
            let literal = self.code(tail + 1);
            let end = self.state.end;
            while count >= min && (ptr >= end || self.ch(ptr) != literal) {
                ptr = ptr.wrapping_sub(1);
                count -= 1;
            }
            Jump::RepeatOne1
        } else {
            Jump::RepeatOne2
        };
        if count < min {
            return self.end_choice(&f, false);
        }
        let top = self.top();
        top.count = count;
        top.ptr = ptr;
        self.state.ptr = ptr;
        self.call(jump, f.toplevel);
        Next::Dispatch(tail, ptr)
    }

    /// MIN_REPEAT_ONE with the frame's count of items ending at `ptr`:
    /// tries the tail there if the count allows, or fails.
    fn min_repeat_one_next(&mut self, ptr: usize) -> Next {
        let f = *self.top();
        let p = f.pc;
        let max = self.code(p + 2);
        if max != MAXREPEAT && f.count > max as isize {
            return self.end_choice(&f, false);
        }
        self.top().ptr = ptr;
        self.state.ptr = ptr;
        self.call(Jump::MinRepeatOne, f.toplevel);
        Next::Dispatch(p + self.code(p) as usize, ptr)
    }

    /// The start of MAX_UNTIL and MIN_UNTIL at `p` (the tail), an item of
    /// the innermost repeat having matched up to `ptr`: below the
    /// minimum, `Ok` and another item is called; else `Err` of the count
    /// of items, the frame set up for the rest.
    fn until_minimum(
        &mut self,
        p: usize,
        ptr: usize,
        jump: Jump,
    ) -> Result<Result<Next, isize>, EngineError> {
        let Some(ri) = self.state.repeat else {
            return Err(EngineError::Internal);
        };
        self.state.ptr = ptr;
        let rep = &mut self.state.repeats[ri];
        let (count, item) = (rep.count + 1, rep.pc);
        let below_minimum = count < self.code(item + 1) as isize;
        if below_minimum {
            self.state.repeats[ri].count = count;
        }
        let f = self.top();
        f.pc = p;
        f.ptr = ptr;
        f.count = count;
        f.aux = ri;
        if !below_minimum {
            return Ok(Err(count));
        }
        let toplevel = f.toplevel;
        self.call(jump, toplevel);
        Ok(Ok(Next::Dispatch(item + 3, ptr)))
    }

    /// MAX_UNTIL with `count` items: one more if the maximum and the
    /// empty-item guard allow, else the tail.
    fn max_until_more(&mut self, count: isize, ptr: usize) -> Next {
        let ri = self.top().aux;
        let rep = self.state.repeats[ri];
        let max = self.code(rep.pc + 2);
        if (count >= max as isize && max != MAXREPEAT) || rep.last_ptr == ptr {
            return self.max_until_tail();
        }
        self.state.repeats[ri].count = count;
        // Inside its own repeat, so the marks are saved.
        self.save_choice_point();
        self.top().saved_last_ptr = rep.last_ptr;
        self.state.repeats[ri].last_ptr = ptr;
        let toplevel = self.top().toplevel;
        self.call(Jump::MaxUntil2, toplevel);
        Next::Dispatch(rep.pc + 3, ptr)
    }

    /// MAX_UNTIL's last resort: the tail after the frame's UNTIL, outside
    /// the repeat, from `state.ptr`.
    fn max_until_tail(&mut self) -> Next {
        let f = *self.top();
        self.state.repeat = self.state.repeats[f.aux].prev;
        self.call(Jump::MaxUntil3, f.toplevel);
        Next::Dispatch(f.pc, self.state.ptr)
    }

    /// POSSESSIVE_REPEAT at `p` with the frame's count of items: the next
    /// item while below the minimum; then more items while the maximum
    /// allows and the last, which started at `last_start`, was not
    /// empty; then the tail.
    fn possessive_next(&mut self, p: usize, last_start: usize) -> Next {
        let f = *self.top();
        if f.count < self.code(p + 1) as isize {
            self.call(Jump::PossessiveRepeat1, false);
            return Next::Dispatch(p + 3, self.state.ptr);
        }
        let max = self.code(p + 2);
        if (f.count < max as isize || max == MAXREPEAT) && self.state.ptr != last_start {
            // Saved whether or not in a repeat: the items are one.
            let (lastmark, lastindex) = (self.state.lastmark, self.state.lastindex);
            self.push_marks(lastmark);
            let ptr = self.state.ptr;
            let top = self.top();
            top.lastmark = lastmark as i32;
            top.lastindex = lastindex as i32;
            top.ptr = ptr;
            self.call(Jump::PossessiveRepeat2, false);
            return Next::Dispatch(p + 3, ptr);
        }
        self.possessive_tail(p)
    }

    /// The tail after a possessive repeat, from where its items ended.
    fn possessive_tail(&mut self, p: usize) -> Next {
        Next::Dispatch(p + self.code(p) as usize + 1, self.state.ptr)
    }

    /// The span of group `group` if it matched, for back references.
    fn group_ref(&self, group: u32) -> Option<(usize, usize)> {
        let g = group as usize * 2;
        if g as isize >= self.state.lastmark {
            return None;
        }
        match (self.state.marks.get(g), self.state.marks.get(g + 1)) {
            (Some(&Some(a)), Some(&Some(b))) if a <= b => Some((a, b)),
            _ => None,
        }
    }

    /// How many items the single-character item at `item` matches from
    /// `state.ptr`, at most `maxcount` (`SRE(count)`).
    #[inline]
    fn count(&mut self, item: usize, maxcount: u32) -> Result<usize, EngineError> {
        let start = self.state.ptr;
        let mut end = self.state.end;
        if start >= end {
            return Ok(0);
        }
        if maxcount != MAXREPEAT && (maxcount as usize) < end - start {
            end = start + maxcount as usize;
        }
        if let Some(n) = self.count_simple(item, start, end) {
            return Ok(n);
        }
        // Any other item is matched one at a time.
        if self.depth >= MAX_NESTING {
            return Err(EngineError::RecursionLimit);
        }
        self.depth += 1;
        let mut result = Ok(());
        while self.state.ptr < end {
            match self.run(item, false) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.depth -= 1;
        result.map(|()| self.state.ptr - start)
    }

    /// [`Matcher::count`] for the items it can count in one scan of
    /// `text[start..end]`; None for the others.
    #[inline]
    fn count_simple(&self, item: usize, start: usize, end: usize) -> Option<usize> {
        let text = &self.text[start..end];
        let arg = self.code(item + 1);
        // The sets with a case fold are counted here only when the item
        // is that one operator, as the compiler makes it.
        let alone = self.code(item + 1 + arg as usize) == op::SUCCESS;
        let opcode = self.code(item);
        Some(match opcode {
            op::IN => count_while(text, |c| self.in_charset(item + 2, c)),
            op::ANY => count_while(text, |c| !chars::is_linebreak(c)),
            op::ANY_ALL => text.len(),
            _ if op::is_literal(opcode) => count_while(text, |c| literal_matches(opcode, arg, c)),
            op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE if alone => {
                count_while(text, |c| self.in_set(opcode, item + 2, c))
            }
            _ => return None,
        })
    }

    /// Whether `ch` is in the set whose operators start at `set`
    /// (`SRE(charset)`), from the set's byte table if it has one.
    #[inline(always)]
    fn in_charset(&self, set: usize, ch: u32) -> bool {
        match self.sets.lookup(set, ch) {
            Some(hit) => hit,
            None => charset::contains(self.code, set, ch),
        }
    }

    /// Whether `ch` passes the set operator `opcode`, its set at `set`:
    /// IN, or one of its variants that fold the case of `ch` first.
    #[inline(always)]
    fn in_set(&self, opcode: u32, set: usize, ch: u32) -> bool {
        match opcode {
            op::IN => self.in_charset(set, ch),
            op::IN_IGNORE => self.in_charset(set, chars::lower_ascii(ch)),
            op::IN_UNI_IGNORE => self.in_charset(set, chars::lower_unicode(ch)),
            _ => self.in_charset_loc_ignore(set, ch),
        }
    }

    /// Set membership up to locale case (`SRE(charset_loc_ignore)`).
    fn in_charset_loc_ignore(&self, set: usize, ch: u32) -> bool {
        let lo = chars::lower_locale(ch);
        if self.in_charset(set, lo) {
            return true;
        }
        let up = chars::upper_locale(ch);
        up != lo && self.in_charset(set, up)
    }

    /// Whether the position `ptr` is of the kind `code` (`SRE(at)`).
    fn at(&self, ptr: usize, code: u32) -> bool {
        let end = self.state.end;
        let word_boundary = |is_word: fn(u32) -> bool| -> Option<bool> {
            if end == 0 {
                return None;
            }
            let before = ptr > 0 && is_word(self.ch(ptr - 1));
            let after = ptr < end && is_word(self.ch(ptr));
            Some(before != after)
        };
        match code {
            at::BEGINNING | at::BEGINNING_STRING => ptr == 0,
            at::BEGINNING_LINE => ptr == 0 || chars::is_linebreak(self.ch(ptr - 1)),
            at::END => {
                ptr == end || (ptr < end && end - ptr == 1 && chars::is_linebreak(self.ch(ptr)))
            }
            at::END_LINE => ptr == end || self.ch_at(ptr).is_some_and(chars::is_linebreak),
            at::END_STRING => ptr == end,
            at::BOUNDARY => word_boundary(chars::is_word) == Some(true),
            at::NON_BOUNDARY => word_boundary(chars::is_word) == Some(false),
            at::LOC_BOUNDARY => word_boundary(chars::is_loc_word) == Some(true),
            at::LOC_NON_BOUNDARY => word_boundary(chars::is_loc_word) == Some(false),
            at::UNI_BOUNDARY => word_boundary(chars::is_uni_word) == Some(true),
            at::UNI_NON_BOUNDARY => word_boundary(chars::is_uni_word) == Some(false),
            _ => false,
        }
    }

    /// Looks for the first position from `state.start` where the pattern
    /// matches (`SRE(search)`), using the INFO block to skip ahead: to
    /// each occurrence of a literal prefix (with its overlap table, as
    /// Knuth-Morris-Pratt) or of a character of the first set.
    fn search(&mut self) -> EngineResult {
        let mut ptr = self.state.start;
        let mut end = self.state.end;
        if ptr > end {
            return Ok(false);
        }
        let mut pc = 0;
        let mut flags = 0;
        let mut prefix = None;
        let mut charset = None;
        if self.code(0) == op::INFO {
            // <INFO> <skip> <flags> <min> <max> <prefix or charset>
            flags = self.code(2);
            let min = self.code(3) as usize;
            if min != 0 && end - ptr < min {
                return Ok(false);
            }
            if min > 1 {
                // Leave room for the shortest match, but at least one
                // character for the literal scans.
                end = (end - (min - 1)).max(ptr);
            }
            if flags & info::PREFIX != 0 {
                // <length> <skip> <prefix> <overlap table>
                prefix = Some((self.code(5) as usize, self.code(6) as usize));
            } else if flags & info::CHARSET != 0 {
                charset = Some(5);
            }
            pc = 1 + self.code(1) as usize;
        }
        let literal = flags & info::LITERAL != 0;
        match prefix {
            Some((1, skip)) => {
                let c = self.code(7);
                let end = self.state.end;
                self.state.must_advance = false;
                while ptr < end {
                    while self.ch(ptr) != c {
                        ptr += 1;
                        if ptr >= end {
                            return Ok(false);
                        }
                    }
                    self.state.start = ptr;
                    self.state.ptr = ptr + skip;
                    if literal || self.run(pc + 2 * skip, false)? {
                        return Ok(true);
                    }
                    ptr += 1;
                    self.reset_capture_groups();
                }
                Ok(false)
            }
            Some((len, skip)) if len > 1 => self.search_prefix(ptr, pc, len, skip, literal),
            _ => {
                if let Some(set) = charset {
                    let end = self.state.end;
                    self.state.must_advance = false;
                    loop {
                        while ptr < end && !self.in_charset(set, self.ch(ptr)) {
                            ptr += 1;
                        }
                        if ptr >= end {
                            return Ok(false);
                        }
                        self.state.start = ptr;
                        self.state.ptr = ptr;
                        if self.run(pc, false)? {
                            return Ok(true);
                        }
                        ptr += 1;
                        self.reset_capture_groups();
                    }
                }
                self.state.start = ptr;
                self.state.ptr = ptr;
                let mut found = self.run(pc, true)?;
                self.state.must_advance = false;
                let anchored = self.code(pc) == op::AT
                    && matches!(self.code(pc + 1), at::BEGINNING | at::BEGINNING_STRING);
                if !found && anchored {
                    self.state.start = end;
                    self.state.ptr = end;
                    return Ok(false);
                }
                while !found && ptr < end {
                    ptr += 1;
                    self.reset_capture_groups();
                    self.state.start = ptr;
                    self.state.ptr = ptr;
                    found = self.run(pc, false)?;
                }
                Ok(found)
            }
        }
    }

    /// The search for a prefix of `len` > 1 literals at code word 7, its
    /// overlap table after it.
    fn search_prefix(
        &mut self,
        mut ptr: usize,
        pc: usize,
        len: usize,
        skip: usize,
        literal: bool,
    ) -> EngineResult {
        let end = self.state.end;
        if len > end - ptr {
            return Ok(false);
        }
        let prefix = 7;
        let overlap = prefix + len;
        let first = self.code(prefix);
        while ptr < end {
            loop {
                let c = self.ch(ptr);
                ptr += 1;
                if c == first {
                    break;
                }
                if ptr >= end {
                    return Ok(false);
                }
            }
            if ptr >= end {
                return Ok(false);
            }
            let mut i = 1;
            self.state.must_advance = false;
            loop {
                if self.ch(ptr) == self.code(prefix + i) {
                    i += 1;
                    if i != len {
                        ptr += 1;
                        if ptr >= end {
                            return Ok(false);
                        }
                        continue;
                    }
                    // The whole prefix ends at `ptr`.
                    self.state.start = ptr + 1 - len;
                    self.state.ptr = ptr + 1 + skip - len;
                    if literal || self.run(pc + 2 * skip, false)? {
                        return Ok(true);
                    }
                    ptr += 1;
                    if ptr >= end {
                        return Ok(false);
                    }
                    self.reset_capture_groups();
                }
                i = self.code(overlap + i - 1) as usize;
                if i == 0 {
                    break;
                }
            }
        }
        Ok(false)
    }

    fn reset_capture_groups(&mut self) {
        self.state.lastmark = -1;
        self.state.lastindex = -1;
    }
}

/// Whether `ch` passes the literal operator `opcode` with argument
/// `arg`: equal to it, or not, up to the operator's case folding.
#[inline(always)]
fn literal_matches(opcode: u32, arg: u32, ch: u32) -> bool {
    match opcode {
        op::LITERAL => ch == arg,
        op::NOT_LITERAL => ch != arg,
        op::LITERAL_IGNORE => chars::lower_ascii(ch) == arg,
        op::NOT_LITERAL_IGNORE => chars::lower_ascii(ch) != arg,
        op::LITERAL_UNI_IGNORE => chars::lower_unicode(ch) == arg,
        op::NOT_LITERAL_UNI_IGNORE => chars::lower_unicode(ch) != arg,
        op::LITERAL_LOC_IGNORE => chars::loc_ignore_eq(arg, ch),
        _ => !chars::loc_ignore_eq(arg, ch),
    }
}

/// How many characters from the start of `text` pass `test`.
#[inline(always)]
fn count_while<T: Unit>(text: &[T], test: impl Fn(u32) -> bool) -> usize {
    text.iter()
        .position(|&c| !test(c.into()))
        .unwrap_or(text.len())
}
