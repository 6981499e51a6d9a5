//! The numbers the regular expression compiler and the engine agree on
//! (Modules/_sre/sre_constants.h, generated in CPython from
//! Lib/re/_constants.py): opcodes, position codes, character categories,
//! the flags of a pattern and of its INFO block.
//!
//! Lib/re/_constants.py numbers each list in order (`_makecodes`); the
//! values here are those positions, and `_compiler.py` checks `MAGIC`
//! before it uses them.

/// The version of the opcode list (`_constants.MAGIC` of 3.11).
pub const MAGIC: i64 = 20220615;

/// The size of a code word in bytes.
pub const CODESIZE: i64 = 4;

/// A repeat count meaning "no upper bound" (`SRE_MAXREPEAT`).
pub const MAXREPEAT: u32 = u32::MAX;

/// The most groups a pattern may have (`SRE_MAXGROUPS`).
pub const MAXGROUPS: usize = i32::MAX as usize / 2;

/// Opcodes (`OPCODES`).
pub mod op {
    pub const FAILURE: u32 = 0;
    pub const SUCCESS: u32 = 1;
    pub const ANY: u32 = 2;
    pub const ANY_ALL: u32 = 3;
    pub const ASSERT: u32 = 4;
    pub const ASSERT_NOT: u32 = 5;
    pub const AT: u32 = 6;
    pub const BRANCH: u32 = 7;
    pub const CATEGORY: u32 = 8;
    pub const CHARSET: u32 = 9;
    pub const BIGCHARSET: u32 = 10;
    pub const GROUPREF: u32 = 11;
    pub const GROUPREF_EXISTS: u32 = 12;
    pub const IN: u32 = 13;
    pub const INFO: u32 = 14;
    pub const JUMP: u32 = 15;
    pub const LITERAL: u32 = 16;
    pub const MARK: u32 = 17;
    pub const MAX_UNTIL: u32 = 18;
    pub const MIN_UNTIL: u32 = 19;
    pub const NOT_LITERAL: u32 = 20;
    pub const NEGATE: u32 = 21;
    pub const RANGE: u32 = 22;
    pub const REPEAT: u32 = 23;
    pub const REPEAT_ONE: u32 = 24;
    // 25 is SUBPATTERN, which only the parser's output holds.
    pub const MIN_REPEAT_ONE: u32 = 26;
    pub const ATOMIC_GROUP: u32 = 27;
    pub const POSSESSIVE_REPEAT: u32 = 28;
    pub const POSSESSIVE_REPEAT_ONE: u32 = 29;
    pub const GROUPREF_IGNORE: u32 = 30;
    pub const IN_IGNORE: u32 = 31;
    pub const LITERAL_IGNORE: u32 = 32;
    pub const NOT_LITERAL_IGNORE: u32 = 33;
    pub const GROUPREF_LOC_IGNORE: u32 = 34;
    pub const IN_LOC_IGNORE: u32 = 35;
    pub const LITERAL_LOC_IGNORE: u32 = 36;
    pub const NOT_LITERAL_LOC_IGNORE: u32 = 37;
    pub const GROUPREF_UNI_IGNORE: u32 = 38;
    pub const IN_UNI_IGNORE: u32 = 39;
    pub const LITERAL_UNI_IGNORE: u32 = 40;
    pub const NOT_LITERAL_UNI_IGNORE: u32 = 41;
    pub const RANGE_UNI_IGNORE: u32 = 42;

    /// LITERAL and NOT_LITERAL, in each case folding: one character
    /// compared with the argument.
    pub const fn is_literal(opcode: u32) -> bool {
        matches!(
            opcode,
            LITERAL
                | NOT_LITERAL
                | LITERAL_IGNORE
                | NOT_LITERAL_IGNORE
                | LITERAL_UNI_IGNORE
                | NOT_LITERAL_UNI_IGNORE
                | LITERAL_LOC_IGNORE
                | NOT_LITERAL_LOC_IGNORE
        )
    }

    /// IN, in each case folding: one character in a set.
    pub const fn is_set(opcode: u32) -> bool {
        matches!(opcode, IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE)
    }
}

/// Positions, the argument of `AT` (`ATCODES`).
pub mod at {
    pub const BEGINNING: u32 = 0;
    pub const BEGINNING_LINE: u32 = 1;
    pub const BEGINNING_STRING: u32 = 2;
    pub const BOUNDARY: u32 = 3;
    pub const NON_BOUNDARY: u32 = 4;
    pub const END: u32 = 5;
    pub const END_LINE: u32 = 6;
    pub const END_STRING: u32 = 7;
    pub const LOC_BOUNDARY: u32 = 8;
    pub const LOC_NON_BOUNDARY: u32 = 9;
    pub const UNI_BOUNDARY: u32 = 10;
    pub const UNI_NON_BOUNDARY: u32 = 11;
}

/// Character categories, the argument of `CATEGORY` (`CHCODES`).
pub mod category {
    pub const DIGIT: u32 = 0;
    pub const NOT_DIGIT: u32 = 1;
    pub const SPACE: u32 = 2;
    pub const NOT_SPACE: u32 = 3;
    pub const WORD: u32 = 4;
    pub const NOT_WORD: u32 = 5;
    pub const LINEBREAK: u32 = 6;
    pub const NOT_LINEBREAK: u32 = 7;
    pub const LOC_WORD: u32 = 8;
    pub const LOC_NOT_WORD: u32 = 9;
    pub const UNI_DIGIT: u32 = 10;
    pub const UNI_NOT_DIGIT: u32 = 11;
    pub const UNI_SPACE: u32 = 12;
    pub const UNI_NOT_SPACE: u32 = 13;
    pub const UNI_WORD: u32 = 14;
    pub const UNI_NOT_WORD: u32 = 15;
    pub const UNI_LINEBREAK: u32 = 16;
    pub const UNI_NOT_LINEBREAK: u32 = 17;
}

/// The flags of a pattern (`SRE_FLAG_*`), with the names its repr uses.
pub mod flag {
    pub const TEMPLATE: i64 = 1;
    pub const IGNORECASE: i64 = 2;
    pub const LOCALE: i64 = 4;
    pub const MULTILINE: i64 = 8;
    pub const DOTALL: i64 = 16;
    pub const UNICODE: i64 = 32;
    pub const VERBOSE: i64 = 64;
    pub const DEBUG: i64 = 128;
    pub const ASCII: i64 = 256;

    /// In the order `re.compile(...)`'s repr lists them.
    pub const NAMES: &[(&str, i64)] = &[
        ("re.TEMPLATE", TEMPLATE),
        ("re.IGNORECASE", IGNORECASE),
        ("re.LOCALE", LOCALE),
        ("re.MULTILINE", MULTILINE),
        ("re.DOTALL", DOTALL),
        ("re.UNICODE", UNICODE),
        ("re.VERBOSE", VERBOSE),
        ("re.DEBUG", DEBUG),
        ("re.ASCII", ASCII),
    ];
}

/// The flags of an INFO block (`SRE_INFO_*`).
pub mod info {
    /// The pattern starts with a known literal prefix.
    pub const PREFIX: u32 = 1;
    /// The whole pattern is that prefix.
    pub const LITERAL: u32 = 2;
    /// The pattern starts with a character of a known set.
    pub const CHARSET: u32 = 4;
}
