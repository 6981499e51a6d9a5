//! Checks an opcode list before the engine may run it (Modules/_sre/
//! sre.c's `_validate`): `_sre.compile` accepts any list of ints, and a
//! wrong skip would send the engine outside the code or around in
//! circles.
//!
//! The code Lib/re/_compiler.py makes is position independent: every
//! jump is forward, and jumps nest without crossing. So each operator
//! with a body is checked by checking its body as a region of its own,
//! and each region must end exactly where the skips say. A JUMP may only
//! end the alternative of a BRANCH or the "then" part of a
//! GROUPREF_EXISTS; the region checker reports it, and the enclosing
//! operator checks where it goes.

use super::constants::{at, category, info, op, MAXGROUPS};
use std::cell::RefCell;

/// Why the code was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Invalid {
    /// The code is not what the compiler makes ("invalid SRE code").
    Code,
    /// Bodies nest deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// How deep bodies may nest; the compiler, itself bounded by the
/// recursion limit, stays far below.
const MAX_DEPTH: usize = 5000;

type Checked<T = ()> = Result<T, Invalid>;

/// Checks a pattern's code for `groups` capturing groups; gives where
/// its sets start.
pub fn validate(code: &[u32], groups: usize) -> Checked<Vec<usize>> {
    if groups > MAXGROUPS || code.last() != Some(&op::SUCCESS) {
        return Err(Invalid::Code);
    }
    let checker = Checker {
        code,
        groups,
        sets: RefCell::new(Vec::new()),
    };
    match checker.region(0, code.len() - 1, 0)? {
        Ending::Plain => Ok(checker.sets.into_inner()),
        Ending::Jump => Err(Invalid::Code),
    }
}

/// How a region ends.
#[derive(PartialEq, Eq)]
enum Ending {
    Plain,
    /// With a JUMP, whose target the enclosing operator checks.
    Jump,
}

struct Checker<'a> {
    code: &'a [u32],
    groups: usize,
    /// Where the sets checked so far start.
    sets: RefCell<Vec<usize>>,
}

/// A cursor over the region `pos..end` of the code.
struct Cursor {
    pos: usize,
    end: usize,
}

impl Cursor {
    /// The next word: an opcode or an argument.
    fn word(&mut self, code: &[u32]) -> Checked<u32> {
        if self.pos >= self.end {
            return Err(Invalid::Code);
        }
        self.pos += 1;
        Ok(code[self.pos - 1])
    }

    /// A skip, counted from its own word, that must stay in the region
    /// (`GET_SKIP`); it must also be at least `min`, the words the
    /// operator itself needs.
    fn skip(&mut self, code: &[u32], min: usize) -> Checked<usize> {
        self.skip_past(code, min, 0)
    }

    /// A skip that may go `beyond` words past the region's end
    /// (`GET_SKIP_ADJ`).
    fn skip_past(&mut self, code: &[u32], min: usize, beyond: usize) -> Checked<usize> {
        let skip = self.word(code)? as usize;
        if skip < min || skip > self.end - self.pos + 1 + beyond {
            return Err(Invalid::Code);
        }
        Ok(skip)
    }
}

impl Checker<'_> {
    /// Checks the operators of `start..end` (`_validate_inner`).
    fn region(&self, start: usize, end: usize, depth: usize) -> Checked<Ending> {
        if depth > MAX_DEPTH {
            return Err(Invalid::TooDeep);
        }
        if start > end {
            return Err(Invalid::Code);
        }
        let code = self.code;
        let mut c = Cursor { pos: start, end };
        while c.pos < end {
            match c.word(code)? {
                op::MARK => {
                    if c.word(code)? as usize > 2 * self.groups + 1 {
                        return Err(Invalid::Code);
                    }
                }
                literal if op::is_literal(literal) => {
                    c.word(code)?;
                }
                op::SUCCESS | op::FAILURE | op::ANY | op::ANY_ALL => {}
                op::AT => {
                    if c.word(code)? > at::UNI_NON_BOUNDARY {
                        return Err(Invalid::Code);
                    }
                }
                set if op::is_set(set) => {
                    // <IN> <skip> set... <FAILURE>
                    let skip = c.skip(code, 2)?;
                    let failure = c.pos + skip - 2;
                    self.charset(c.pos, failure)?;
                    if code[failure] != op::FAILURE {
                        return Err(Invalid::Code);
                    }
                    c.pos = failure + 1;
                }
                op::INFO => self.info(&mut c)?,
                op::BRANCH => {
                    // <BRANCH> (<skip> alternative <JUMP> <skip>)... <0>,
                    // every JUMP to just after the final 0.
                    let mut target = None;
                    loop {
                        let skip = c.word(code)? as usize;
                        if skip == 0 {
                            break;
                        }
                        if skip < 3 || skip > c.end - c.pos + 1 {
                            return Err(Invalid::Code);
                        }
                        let jump = c.pos + skip - 3;
                        if self.region(c.pos, jump, depth + 1)? != Ending::Plain {
                            return Err(Invalid::Code);
                        }
                        c.pos = jump;
                        if c.word(code)? != op::JUMP {
                            return Err(Invalid::Code);
                        }
                        let jump_skip = c.skip(code, 1)?;
                        let to = c.pos + jump_skip - 1;
                        if target.is_some_and(|t| t != to) {
                            return Err(Invalid::Code);
                        }
                        target = Some(to);
                    }
                    if target != Some(c.pos) {
                        return Err(Invalid::Code);
                    }
                }
                op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                    // <op> <skip> <min> <max> item <SUCCESS> tail
                    let skip = c.skip(code, 4)?;
                    let body_end = c.pos + skip - 2;
                    self.bounds(&mut c)?;
                    self.body(c.pos, body_end, depth)?;
                    c.pos = body_end;
                    if c.word(code)? != op::SUCCESS {
                        return Err(Invalid::Code);
                    }
                }
                kind @ (op::REPEAT | op::POSSESSIVE_REPEAT) => {
                    // <REPEAT> <skip> <min> <max> item <MAX_UNTIL|MIN_UNTIL>
                    // <POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS>
                    let skip = c.skip(code, 3)?;
                    let body_end = c.pos + skip - 1;
                    self.bounds(&mut c)?;
                    self.body(c.pos, body_end, depth)?;
                    c.pos = body_end;
                    let until = c.word(code)?;
                    let fits = if kind == op::POSSESSIVE_REPEAT {
                        until == op::SUCCESS
                    } else {
                        until == op::MAX_UNTIL || until == op::MIN_UNTIL
                    };
                    if !fits {
                        return Err(Invalid::Code);
                    }
                }
                op::ATOMIC_GROUP => {
                    // <ATOMIC_GROUP> <skip> pattern <SUCCESS> tail
                    let skip = c.skip(code, 2)?;
                    let body_end = c.pos + skip - 2;
                    self.body(c.pos, body_end, depth)?;
                    c.pos = body_end;
                    if c.word(code)? != op::SUCCESS {
                        return Err(Invalid::Code);
                    }
                }
                op::GROUPREF
                | op::GROUPREF_IGNORE
                | op::GROUPREF_UNI_IGNORE
                | op::GROUPREF_LOC_IGNORE => {
                    if c.word(code)? as usize >= self.groups {
                        return Err(Invalid::Code);
                    }
                }
                op::GROUPREF_EXISTS => self.groupref_exists(&mut c, depth)?,
                op::ASSERT | op::ASSERT_NOT => {
                    // <ASSERT> <skip> <back> pattern <SUCCESS>
                    let skip = c.skip(code, 3)?;
                    let body_end = c.pos + skip - 2;
                    c.word(code)?;
                    self.body(c.pos, body_end, depth)?;
                    c.pos = body_end;
                    if c.word(code)? != op::SUCCESS {
                        return Err(Invalid::Code);
                    }
                }
                op::JUMP => {
                    // Its argument must end the region.
                    if c.pos + 1 != end {
                        return Err(Invalid::Code);
                    }
                    return Ok(Ending::Jump);
                }
                _ => return Err(Invalid::Code),
            }
        }
        Ok(Ending::Plain)
    }

    /// A body that may not end with a JUMP.
    fn body(&self, start: usize, end: usize, depth: usize) -> Checked {
        match self.region(start, end, depth + 1)? {
            Ending::Plain => Ok(()),
            Ending::Jump => Err(Invalid::Code),
        }
    }

    /// A repeat's `<min> <max>`.
    fn bounds(&self, c: &mut Cursor) -> Checked {
        let min = c.word(self.code)?;
        let max = c.word(self.code)?;
        if min > max {
            return Err(Invalid::Code);
        }
        Ok(())
    }

    /// `<GROUPREF_EXISTS> <group> <skip> then [<JUMP> <skip> else]`: the
    /// skip, counted from its own word, passes the "then" part; if that
    /// part ends with a JUMP, the JUMP's skip passes the "else" part.
    fn groupref_exists(&self, c: &mut Cursor, depth: usize) -> Checked {
        let code = self.code;
        if c.word(code)? as usize >= self.groups {
            return Err(Invalid::Code);
        }
        let at = c.pos;
        // The "then" part may reach the end of the region.
        let skip = c.skip_past(code, 2, 1)?;
        let then_end = at + skip - 1;
        match self.region(at + 1, then_end, depth + 1)? {
            Ending::Plain => c.pos = then_end,
            Ending::Jump => {
                c.pos = then_end - 1;
                let else_skip = c.skip(code, 1)?;
                let else_end = c.pos + else_skip - 1;
                self.body(c.pos, else_end, depth)?;
                c.pos = else_end;
            }
        }
        Ok(())
    }

    /// `<INFO> <skip> <flags> <min> <max>`, then a literal prefix with
    /// its overlap table, or a set.
    fn info(&self, c: &mut Cursor) -> Checked {
        let code = self.code;
        let skip = c.skip(code, 1)?;
        let next = c.pos + skip - 1;
        let flags = c.word(code)?;
        c.word(code)?;
        c.word(code)?;
        let known = info::PREFIX | info::LITERAL | info::CHARSET;
        if flags & !known != 0
            || (flags & info::PREFIX != 0 && flags & info::CHARSET != 0)
            || (flags & info::LITERAL != 0 && flags & info::PREFIX == 0)
        {
            return Err(Invalid::Code);
        }
        if flags & info::PREFIX != 0 {
            // <length> <skip> <prefix> <overlap table>: the engine skips
            // at most the whole prefix, and the table stays inside it.
            let len = c.word(code)? as usize;
            let prefix_skip = c.word(code)? as usize;
            if prefix_skip > len || next < c.pos || 2 * len > next - c.pos {
                return Err(Invalid::Code);
            }
            let table = c.pos + len;
            if code[table..table + len].iter().any(|&v| v as usize >= len) {
                return Err(Invalid::Code);
            }
            c.pos = table + len;
        }
        if flags & info::CHARSET != 0 {
            if next <= c.pos {
                return Err(Invalid::Code);
            }
            self.charset(c.pos, next - 1)?;
            if code[next - 1] != op::FAILURE {
                return Err(Invalid::Code);
            }
            c.pos = next;
        } else if c.pos != next {
            return Err(Invalid::Code);
        }
        Ok(())
    }

    /// The operators of a set, `start..end` (`_validate_charset`).
    fn charset(&self, start: usize, end: usize) -> Checked {
        self.sets.borrow_mut().push(start);
        let code = self.code;
        let mut c = Cursor { pos: start, end };
        let words = |c: &mut Cursor, n: usize| -> Checked {
            if n > c.end - c.pos {
                return Err(Invalid::Code);
            }
            c.pos += n;
            Ok(())
        };
        while c.pos < end {
            match c.word(code)? {
                op::NEGATE => {}
                op::LITERAL => words(&mut c, 1)?,
                op::RANGE | op::RANGE_UNI_IGNORE => words(&mut c, 2)?,
                op::CHARSET => words(&mut c, 8)?,
                op::BIGCHARSET => {
                    let blocks = c.word(code)? as usize;
                    let table = c.pos;
                    words(&mut c, 64)?;
                    let block_numbers =
                        code[table..table + 64].iter().flat_map(|w| w.to_ne_bytes());
                    if block_numbers.into_iter().any(|b| b as usize >= blocks) {
                        return Err(Invalid::Code);
                    }
                    words(&mut c, blocks.checked_mul(8).ok_or(Invalid::Code)?)?;
                }
                op::CATEGORY => {
                    if c.word(code)? > category::UNI_NOT_LINEBREAK {
                        return Err(Invalid::Code);
                    }
                }
                _ => return Err(Invalid::Code),
            }
        }
        Ok(())
    }
}
