//! The instruction set: CPython 3.11's opcodes, defined once.
//!
//! This is Krait's Lib/opcode.py and Include/opcode.h. The table below
//! is the single source of truth for every instruction: its number, its
//! name, how many inline CACHE code units follow it, what its argument
//! refers to, and its stack effect (the `stack_effect` function of 3.11's
//! Python/compile.c). Everything else — the [`Opcode`] enum, `dis` names,
//! the VM's dispatch — derives from it, and a test checks the table
//! against the installed CPython's `opcode` and `dis.stack_effect`.
//!
//! An instruction numbered [`HAVE_ARGUMENT`] or above takes an argument.
//! Besides the real instructions the table lists the compiler's pseudo
//! instructions (numbered from 256, so they never fit a code unit): block
//! set-ups for the exception table and jumps whose direction is not yet
//! known. The assembler replaces every one of them before writing code.

/// Instructions numbered at least this take an argument.
pub const HAVE_ARGUMENT: u16 = 90;

/// What an instruction's argument means: how `dis` shows it, and which
/// table of the code object it indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// No argument (the instruction is below `HAVE_ARGUMENT`).
    None,
    /// A plain number: a count, a flag set, an operator.
    Number,
    /// An index into `co_consts` (opcode.py's `hasconst`).
    Const,
    /// An index into `co_names` (`hasname`).
    Name,
    /// An index into `co_varnames` (`haslocal`).
    Local,
    /// An index into cell and free variables (`hasfree`).
    Free,
    /// A comparison operator of `cmp_op` (`hascompare`).
    Compare,
    /// A jump forward by this many code units (`hasjrel`).
    JumpForward,
    /// A jump backward by this many code units (`hasjrel`).
    JumpBackward,
    /// A pseudo instruction's jump target, a block of the compiler.
    Target,
}

/// How an instruction changes the depth of the value stack: when control
/// falls through to the next instruction, and when it jumps (for an
/// instruction that does not jump, the same number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StackEffect {
    pub fallthrough: i32,
    pub jump: i32,
}

impl StackEffect {
    /// The larger of the two, which is what `dis.stack_effect` gives
    /// without its `jump` argument.
    pub fn max(self) -> i32 {
        self.fallthrough.max(self.jump)
    }
}

/// `FORMAT_VALUE`'s flag: a format spec is on the stack.
pub const FVS_HAVE_SPEC: u32 = 0x4;
/// `FORMAT_VALUE`'s mask for the flag above.
pub const FVS_MASK: u32 = 0x4;

macro_rules! instructions {
    (
        $( $name:ident = $number:literal, caches $caches:literal, $kind:ident,
           |$oparg:ident| $effect:expr; )*
    ) => {
        /// One instruction of CPython 3.11, or one of the compiler's pseudo
        /// instructions (numbered from 256).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u16)]
        #[allow(non_camel_case_types)]
        pub enum Opcode {
            $( $name = $number, )*
        }

        /// Every instruction's number and inline cache size, in table order.
        const NUMBERS_AND_CACHES: &[(u16, u8)] = &[ $( ($number, $caches), )* ];

        impl Opcode {
            /// Every instruction in the table, in table order.
            pub const ALL: &'static [Opcode] = &[ $( Opcode::$name, )* ];

            /// The name `dis` shows.
            pub fn name(self) -> &'static str {
                match self {
                    $( Opcode::$name => stringify!($name), )*
                }
            }

            /// The number of inline CACHE code units after the instruction
            /// (opcode.py's `_inline_cache_entries`).
            pub fn cache_entries(self) -> u32 {
                match self {
                    $( Opcode::$name => $caches, )*
                }
            }

            /// What the argument refers to.
            pub fn arg_kind(self) -> ArgKind {
                match self {
                    $( Opcode::$name => ArgKind::$kind, )*
                }
            }

            /// The instruction's stack effect with argument `oparg`
            /// (compile.c's `stack_effect`).
            pub fn stack_effect(self, oparg: u32) -> StackEffect {
                match self {
                    $( Opcode::$name => {
                        let $oparg = oparg as i32;
                        effect($effect)
                    } )*
                }
            }
        }

        /// The real instruction numbered `number`, if there is one.
        pub fn from_number(number: u8) -> Option<Opcode> {
            match u16::from(number) {
                $( $number => Some(Opcode::$name), )*
                _ => None,
            }
        }

        /// Every instruction's number as a constant, so that the eval
        /// loop can match a code unit's opcode byte without decoding it.
        pub mod number {
            $( pub const $name: u16 = $number; )*
        }
    };
}

/// Lets a table row give one effect for both paths, or a pair
/// `(fallthrough, jump)`.
trait IntoStackEffect {
    fn into_stack_effect(self) -> StackEffect;
}

impl IntoStackEffect for i32 {
    fn into_stack_effect(self) -> StackEffect {
        StackEffect {
            fallthrough: self,
            jump: self,
        }
    }
}

impl IntoStackEffect for (i32, i32) {
    fn into_stack_effect(self) -> StackEffect {
        StackEffect {
            fallthrough: self.0,
            jump: self.1,
        }
    }
}

fn effect(e: impl IntoStackEffect) -> StackEffect {
    e.into_stack_effect()
}

/// 1 if `flag` is set in `oparg`, else 0.
fn bit(oparg: i32, flag: i32) -> i32 {
    i32::from(oparg & flag != 0)
}

instructions! {
    CACHE = 0, caches 0, None, |_a| 0;
    POP_TOP = 1, caches 0, None, |_a| -1;
    PUSH_NULL = 2, caches 0, None, |_a| 1;
    NOP = 9, caches 0, None, |_a| 0;
    UNARY_POSITIVE = 10, caches 0, None, |_a| 0;
    UNARY_NEGATIVE = 11, caches 0, None, |_a| 0;
    UNARY_NOT = 12, caches 0, None, |_a| 0;
    UNARY_INVERT = 15, caches 0, None, |_a| 0;
    BINARY_SUBSCR = 25, caches 4, None, |_a| -1;
    GET_LEN = 30, caches 0, None, |_a| 1;
    MATCH_MAPPING = 31, caches 0, None, |_a| 1;
    MATCH_SEQUENCE = 32, caches 0, None, |_a| 1;
    MATCH_KEYS = 33, caches 0, None, |_a| 1;
    PUSH_EXC_INFO = 35, caches 0, None, |_a| 1;
    CHECK_EXC_MATCH = 36, caches 0, None, |_a| 0;
    CHECK_EG_MATCH = 37, caches 0, None, |_a| 0;
    WITH_EXCEPT_START = 49, caches 0, None, |_a| 1;
    GET_AITER = 50, caches 0, None, |_a| 0;
    GET_ANEXT = 51, caches 0, None, |_a| 1;
    BEFORE_ASYNC_WITH = 52, caches 0, None, |_a| 1;
    BEFORE_WITH = 53, caches 0, None, |_a| 1;
    END_ASYNC_FOR = 54, caches 0, None, |_a| -2;
    STORE_SUBSCR = 60, caches 1, None, |_a| -3;
    DELETE_SUBSCR = 61, caches 0, None, |_a| -2;
    GET_ITER = 68, caches 0, None, |_a| 0;
    GET_YIELD_FROM_ITER = 69, caches 0, None, |_a| 0;
    PRINT_EXPR = 70, caches 0, None, |_a| -1;
    LOAD_BUILD_CLASS = 71, caches 0, None, |_a| 1;
    LOAD_ASSERTION_ERROR = 74, caches 0, None, |_a| 1;
    RETURN_GENERATOR = 75, caches 0, None, |_a| 0;
    LIST_TO_TUPLE = 82, caches 0, None, |_a| 0;
    RETURN_VALUE = 83, caches 0, None, |_a| -1;
    IMPORT_STAR = 84, caches 0, None, |_a| -1;
    SETUP_ANNOTATIONS = 85, caches 0, None, |_a| 0;
    YIELD_VALUE = 86, caches 0, None, |_a| 0;
    ASYNC_GEN_WRAP = 87, caches 0, None, |_a| 0;
    PREP_RERAISE_STAR = 88, caches 0, None, |_a| -1;
    POP_EXCEPT = 89, caches 0, None, |_a| -1;
    STORE_NAME = 90, caches 0, Name, |_a| -1;
    DELETE_NAME = 91, caches 0, Name, |_a| 0;
    UNPACK_SEQUENCE = 92, caches 1, Number, |a| a - 1;
    FOR_ITER = 93, caches 0, JumpForward, |_a| (1, -1);
    UNPACK_EX = 94, caches 0, Number, |a| (a & 0xFF) + (a >> 8);
    STORE_ATTR = 95, caches 4, Name, |_a| -2;
    DELETE_ATTR = 96, caches 0, Name, |_a| -1;
    STORE_GLOBAL = 97, caches 0, Name, |_a| -1;
    DELETE_GLOBAL = 98, caches 0, Name, |_a| 0;
    SWAP = 99, caches 0, Number, |_a| 0;
    LOAD_CONST = 100, caches 0, Const, |_a| 1;
    LOAD_NAME = 101, caches 0, Name, |_a| 1;
    BUILD_TUPLE = 102, caches 0, Number, |a| 1 - a;
    BUILD_LIST = 103, caches 0, Number, |a| 1 - a;
    BUILD_SET = 104, caches 0, Number, |a| 1 - a;
    BUILD_MAP = 105, caches 0, Number, |a| 1 - 2 * a;
    LOAD_ATTR = 106, caches 4, Name, |_a| 0;
    COMPARE_OP = 107, caches 2, Compare, |_a| -1;
    IMPORT_NAME = 108, caches 0, Name, |_a| -1;
    IMPORT_FROM = 109, caches 0, Name, |_a| 1;
    JUMP_FORWARD = 110, caches 0, JumpForward, |_a| 0;
    JUMP_IF_FALSE_OR_POP = 111, caches 0, JumpForward, |_a| (-1, 0);
    JUMP_IF_TRUE_OR_POP = 112, caches 0, JumpForward, |_a| (-1, 0);
    POP_JUMP_FORWARD_IF_FALSE = 114, caches 0, JumpForward, |_a| -1;
    POP_JUMP_FORWARD_IF_TRUE = 115, caches 0, JumpForward, |_a| -1;
    LOAD_GLOBAL = 116, caches 5, Name, |a| (a & 1) + 1;
    IS_OP = 117, caches 0, Number, |_a| -1;
    CONTAINS_OP = 118, caches 0, Number, |_a| -1;
    RERAISE = 119, caches 0, Number, |_a| -1;
    COPY = 120, caches 0, Number, |_a| 1;
    BINARY_OP = 122, caches 1, Number, |_a| -1;
    SEND = 123, caches 0, JumpForward, |_a| (0, -1);
    LOAD_FAST = 124, caches 0, Local, |_a| 1;
    STORE_FAST = 125, caches 0, Local, |_a| -1;
    DELETE_FAST = 126, caches 0, Local, |_a| 0;
    POP_JUMP_FORWARD_IF_NOT_NONE = 128, caches 0, JumpForward, |_a| -1;
    POP_JUMP_FORWARD_IF_NONE = 129, caches 0, JumpForward, |_a| -1;
    RAISE_VARARGS = 130, caches 0, Number, |a| -a;
    GET_AWAITABLE = 131, caches 0, Number, |_a| 0;
    MAKE_FUNCTION = 132, caches 0, Number, |a| -(bit(a, 1) + bit(a, 2) + bit(a, 4) + bit(a, 8));
    BUILD_SLICE = 133, caches 0, Number, |a| if a == 3 { -2 } else { -1 };
    JUMP_BACKWARD_NO_INTERRUPT = 134, caches 0, JumpBackward, |_a| 0;
    MAKE_CELL = 135, caches 0, Free, |_a| 0;
    LOAD_CLOSURE = 136, caches 0, Free, |_a| 1;
    LOAD_DEREF = 137, caches 0, Free, |_a| 1;
    STORE_DEREF = 138, caches 0, Free, |_a| -1;
    DELETE_DEREF = 139, caches 0, Free, |_a| 0;
    JUMP_BACKWARD = 140, caches 0, JumpBackward, |_a| 0;
    CALL_FUNCTION_EX = 142, caches 0, Number, |a| -2 - bit(a, 1);
    EXTENDED_ARG = 144, caches 0, Number, |_a| 0;
    LIST_APPEND = 145, caches 0, Number, |_a| -1;
    SET_ADD = 146, caches 0, Number, |_a| -1;
    MAP_ADD = 147, caches 0, Number, |_a| -2;
    LOAD_CLASSDEREF = 148, caches 0, Free, |_a| 1;
    COPY_FREE_VARS = 149, caches 0, Number, |_a| 0;
    RESUME = 151, caches 0, Number, |_a| 0;
    MATCH_CLASS = 152, caches 0, Number, |_a| -2;
    FORMAT_VALUE = 155, caches 0, Number,
        |a| if a as u32 & FVS_MASK == FVS_HAVE_SPEC { -1 } else { 0 };
    BUILD_CONST_KEY_MAP = 156, caches 0, Number, |a| -a;
    BUILD_STRING = 157, caches 0, Number, |a| 1 - a;
    LOAD_METHOD = 160, caches 10, Name, |_a| 1;
    LIST_EXTEND = 162, caches 0, Number, |_a| -1;
    SET_UPDATE = 163, caches 0, Number, |_a| -1;
    DICT_MERGE = 164, caches 0, Number, |_a| -1;
    DICT_UPDATE = 165, caches 0, Number, |_a| -1;
    PRECALL = 166, caches 1, Number, |a| -a;
    CALL = 171, caches 4, Number, |_a| -1;
    KW_NAMES = 172, caches 0, Const, |_a| 0;
    POP_JUMP_BACKWARD_IF_NOT_NONE = 173, caches 0, JumpBackward, |_a| -1;
    POP_JUMP_BACKWARD_IF_NONE = 174, caches 0, JumpBackward, |_a| -1;
    POP_JUMP_BACKWARD_IF_FALSE = 175, caches 0, JumpBackward, |_a| -1;
    POP_JUMP_BACKWARD_IF_TRUE = 176, caches 0, JumpBackward, |_a| -1;

    // Pseudo instructions. A SETUP_* pushes an exception handler for the
    // blocks that follow, up to its POP_BLOCK; if an exception reaches
    // the handler, the stack is cut back and the values pushed.
    SETUP_FINALLY = 256, caches 0, Target, |_a| (0, 1);
    SETUP_CLEANUP = 257, caches 0, Target, |_a| (0, 2);
    SETUP_WITH = 258, caches 0, Target, |_a| (0, 1);
    POP_BLOCK = 259, caches 0, None, |_a| 0;
    // Jumps whose direction the assembler picks.
    JUMP = 260, caches 0, Target, |_a| 0;
    JUMP_NO_INTERRUPT = 261, caches 0, Target, |_a| 0;
    POP_JUMP_IF_FALSE = 262, caches 0, Target, |_a| -1;
    POP_JUMP_IF_TRUE = 263, caches 0, Target, |_a| -1;
    POP_JUMP_IF_NONE = 264, caches 0, Target, |_a| -1;
    POP_JUMP_IF_NOT_NONE = 265, caches 0, Target, |_a| -1;
}

macro_rules! specialized_instructions {
    (
        cpython { $( $c_name:ident = $c_number:literal, $c_family:ident; )* }
        krait { $( $k_name:ident = $k_number:literal, $k_family:ident; )* }
    ) => {
        /// The specialized instructions the eval loop writes over a real
        /// instruction of their family once it has seen the operands it
        /// runs on (PEP 659's quickening). They take the family's
        /// argument and inline cache, and use numbers no real
        /// instruction has: never in `co_code`, only in the code the
        /// eval loop runs.
        pub mod specialized {
            $( pub const $c_name: u16 = $c_number; )*
            $( pub const $k_name: u16 = $k_number; )*

            /// Each one's name, number, family, and whether CPython 3.11
            /// has it.
            pub const ALL: &[(&str, u16, super::Opcode, bool)] = &[
                $( (stringify!($c_name), $c_number, super::Opcode::$c_family, true), )*
                $( (stringify!($k_name), $k_number, super::Opcode::$k_family, false), )*
            ];
        }
    };
}

specialized_instructions! {
    // CPython 3.11's (opcode.py's `_specializations`), with its numbers
    // (Include/opcode.h).
    cpython {
        BINARY_OP_ADD_FLOAT = 4, BINARY_OP;
        BINARY_OP_ADD_INT = 5, BINARY_OP;
        BINARY_OP_ADD_UNICODE = 6, BINARY_OP;
        BINARY_OP_MULTIPLY_FLOAT = 8, BINARY_OP;
        BINARY_OP_MULTIPLY_INT = 13, BINARY_OP;
        BINARY_OP_SUBTRACT_FLOAT = 14, BINARY_OP;
        BINARY_OP_SUBTRACT_INT = 16, BINARY_OP;
        BINARY_SUBSCR_DICT = 18, BINARY_SUBSCR;
        BINARY_SUBSCR_LIST_INT = 20, BINARY_SUBSCR;
        BINARY_SUBSCR_TUPLE_INT = 21, BINARY_SUBSCR;
        CALL_PY_EXACT_ARGS = 23, CALL;
        CALL_PY_WITH_DEFAULTS = 24, CALL;
        COMPARE_OP_FLOAT_JUMP = 27, COMPARE_OP;
        COMPARE_OP_INT_JUMP = 28, COMPARE_OP;
        COMPARE_OP_STR_JUMP = 29, COMPARE_OP;
        LOAD_CONST__LOAD_FAST = 44, LOAD_CONST;
        LOAD_FAST__LOAD_CONST = 45, LOAD_FAST;
        LOAD_FAST__LOAD_FAST = 46, LOAD_FAST;
        LOAD_ATTR_INSTANCE_VALUE = 40, LOAD_ATTR;
        LOAD_ATTR_MODULE = 41, LOAD_ATTR;
        LOAD_ATTR_SLOT = 42, LOAD_ATTR;
        LOAD_ATTR_WITH_HINT = 43, LOAD_ATTR;
        LOAD_GLOBAL_BUILTIN = 48, LOAD_GLOBAL;
        LOAD_GLOBAL_MODULE = 55, LOAD_GLOBAL;
        LOAD_METHOD_MODULE = 58, LOAD_METHOD;
        LOAD_METHOD_NO_DICT = 59, LOAD_METHOD;
        LOAD_METHOD_WITH_DICT = 62, LOAD_METHOD;
        PRECALL_BOUND_METHOD = 65, PRECALL;
        PRECALL_NO_KW_BUILTIN_FAST = 73, PRECALL;
        PRECALL_NO_KW_ISINSTANCE = 77, PRECALL;
        PRECALL_NO_KW_LEN = 78, PRECALL;
        PRECALL_NO_KW_LIST_APPEND = 79, PRECALL;
        PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST = 80, PRECALL;
        PRECALL_PYFUNC = 143, PRECALL;
        STORE_ATTR_INSTANCE_VALUE = 154, STORE_ATTR;
        STORE_ATTR_SLOT = 158, STORE_ATTR;
        STORE_ATTR_WITH_HINT = 159, STORE_ATTR;
        STORE_FAST__LOAD_FAST = 161, STORE_FAST;
        STORE_FAST__STORE_FAST = 167, STORE_FAST;
        STORE_SUBSCR_DICT = 169, STORE_SUBSCR;
        STORE_SUBSCR_LIST_INT = 170, STORE_SUBSCR;
        UNPACK_SEQUENCE_LIST = 178, UNPACK_SEQUENCE;
        UNPACK_SEQUENCE_TUPLE = 179, UNPACK_SEQUENCE;
        UNPACK_SEQUENCE_TWO_TUPLE = 180, UNPACK_SEQUENCE;
    }
    // Krait's own, numbered where CPython 3.11 has no instruction: those
    // of 3.12 that fit 3.11's instructions, and float division.
    krait {
        BINARY_OP_TRUE_DIVIDE_FLOAT = 181, BINARY_OP;
        FOR_ITER_LIST = 182, FOR_ITER;
        FOR_ITER_TUPLE = 183, FOR_ITER;
        FOR_ITER_RANGE = 184, FOR_ITER;
    }
}

/// For each opcode byte, the real instruction it runs as: itself, or a
/// specialized instruction's family (CPython's `_PyOpcode_Deopt`); 0
/// for numbers no instruction has.
pub const DEOPT: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < NUMBERS_AND_CACHES.len() {
        let number = NUMBERS_AND_CACHES[i].0;
        if number < 256 {
            table[number as usize] = number as u8;
        }
        i += 1;
    }
    let mut i = 0;
    while i < specialized::ALL.len() {
        let (_, number, family, _) = specialized::ALL[i];
        table[number as usize] = family as u16 as u8;
        i += 1;
    }
    table
};

/// The number of inline CACHE code units after each opcode byte, a
/// specialized instruction's being its family's: a table the eval loop
/// reads instead of decoding the byte.
pub const INLINE_CACHE_ENTRIES: [u8; 256] = {
    let mut by_number = [0u8; 256];
    let mut i = 0;
    while i < NUMBERS_AND_CACHES.len() {
        let (number, caches) = NUMBERS_AND_CACHES[i];
        if number < 256 {
            by_number[number as usize] = caches;
        }
        i += 1;
    }
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = by_number[DEOPT[i] as usize];
        i += 1;
    }
    table
};

impl Opcode {
    /// The instruction's number: its code unit's first byte for a real
    /// instruction.
    pub fn number(self) -> u16 {
        self as u16
    }

    /// Whether this is one of the compiler's pseudo instructions.
    pub fn is_pseudo(self) -> bool {
        self.number() > 255
    }

    /// Whether the instruction uses its argument (HAS_ARG); of the
    /// pseudo instructions, those with a target do.
    pub fn has_arg(self) -> bool {
        if self.is_pseudo() {
            self.arg_kind() == ArgKind::Target
        } else {
            self.number() >= HAVE_ARGUMENT
        }
    }

    /// Whether the instruction may jump (its argument is a target).
    pub fn is_jump(self) -> bool {
        matches!(
            self.arg_kind(),
            ArgKind::JumpForward | ArgKind::JumpBackward | ArgKind::Target
        ) && !self.is_block_push()
    }

    /// Whether the instruction never falls through to the next one.
    pub fn is_unconditional_jump(self) -> bool {
        matches!(
            self,
            Opcode::JUMP
                | Opcode::JUMP_NO_INTERRUPT
                | Opcode::JUMP_FORWARD
                | Opcode::JUMP_BACKWARD
                | Opcode::JUMP_BACKWARD_NO_INTERRUPT
        )
    }

    /// Whether the instruction leaves the scope (compile.c's `IS_SCOPE_EXIT_OPCODE`).
    pub fn is_scope_exit(self) -> bool {
        matches!(
            self,
            Opcode::RETURN_VALUE | Opcode::RAISE_VARARGS | Opcode::RERAISE
        )
    }

    /// Whether the instruction sets up an exception handler.
    pub fn is_block_push(self) -> bool {
        matches!(
            self,
            Opcode::SETUP_FINALLY | Opcode::SETUP_CLEANUP | Opcode::SETUP_WITH
        )
    }
}

/// The comparison operators of COMPARE_OP's argument (opcode.py's `cmp_op`).
pub const CMP_OP: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// BINARY_OP's arguments (opcode.py's `_nb_ops`): the operator's name in
/// CPython and its symbol, the in-place forms after the plain ones.
pub const NB_OPS: [(&str, &str); 26] = [
    ("NB_ADD", "+"),
    ("NB_AND", "&"),
    ("NB_FLOOR_DIVIDE", "//"),
    ("NB_LSHIFT", "<<"),
    ("NB_MATRIX_MULTIPLY", "@"),
    ("NB_MULTIPLY", "*"),
    ("NB_REMAINDER", "%"),
    ("NB_OR", "|"),
    ("NB_POWER", "**"),
    ("NB_RSHIFT", ">>"),
    ("NB_SUBTRACT", "-"),
    ("NB_TRUE_DIVIDE", "/"),
    ("NB_XOR", "^"),
    ("NB_INPLACE_ADD", "+="),
    ("NB_INPLACE_AND", "&="),
    ("NB_INPLACE_FLOOR_DIVIDE", "//="),
    ("NB_INPLACE_LSHIFT", "<<="),
    ("NB_INPLACE_MATRIX_MULTIPLY", "@="),
    ("NB_INPLACE_MULTIPLY", "*="),
    ("NB_INPLACE_REMAINDER", "%="),
    ("NB_INPLACE_OR", "|="),
    ("NB_INPLACE_POWER", "**="),
    ("NB_INPLACE_RSHIFT", ">>="),
    ("NB_INPLACE_SUBTRACT", "-="),
    ("NB_INPLACE_TRUE_DIVIDE", "/="),
    ("NB_INPLACE_XOR", "^="),
];
