//! Random programs for the symbol table: small modules mixing the
//! constructs whose scoping rules interact (functions, async functions,
//! classes, lambdas, the four comprehensions, assignment expressions,
//! `yield`, `await`, `super()`, private names, annotations with and
//! without `from __future__ import annotations`). Names come from a small
//! pool so that they collide: many programs are invalid, which tests the
//! errors as much as the valid ones test the tables. `yield` and `await`
//! appear only where the code generator accepts them, so that CPython's
//! code objects can confirm the flags of most scopes.

/// A deterministic generator (xorshift64*), so that a failure reproduces.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Where code is generated: what it may contain.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    /// A module or class body.
    Module,
    /// A function body (may yield).
    Function,
    /// An `async def` body (may yield and await).
    Async,
    /// A comprehension in an `async def` (may await, not yield).
    AsyncComprehension,
}

const NAMES: &[&str] = &["a", "b", "x", "y", "f", "__p"];

/// One random module.
pub fn program(random: &mut Random) -> String {
    let mut out = String::new();
    if random.chance(30) {
        out.push_str("from __future__ import annotations\n");
    }
    statements(random, &mut out, 0, 0, Context::Module);
    out
}

fn name(random: &mut Random) -> &'static str {
    random.pick(NAMES)
}

fn expr(random: &mut Random, context: Context, depth: usize) -> String {
    if depth > 3 {
        return name(random).to_string();
    }
    let may_yield = matches!(context, Context::Function | Context::Async);
    let may_await = matches!(context, Context::Async | Context::AsyncComprehension);
    // A comprehension's body may not yield, but may await in an async def.
    let body = if may_await {
        Context::AsyncComprehension
    } else {
        Context::Module
    };
    let d = depth + 1;
    let choice = random.below(16);
    match choice {
        0 => {
            let mut s = format!(
                "[{} for {} in {}",
                expr(random, body, d),
                name(random),
                expr(random, context, d)
            );
            if random.chance(30) {
                s += &format!(" if {}", expr(random, body, d));
            }
            if random.chance(30) {
                s += &format!(" for {} in {}", name(random), expr(random, body, d));
            }
            s + "]"
        }
        1 => format!(
            "({} for {} in {})",
            expr(random, Context::Module, d),
            name(random),
            expr(random, context, d)
        ),
        2 => format!(
            "{{{}: {} for {}, {} in {}}}",
            expr(random, body, d),
            expr(random, body, d),
            name(random),
            name(random),
            expr(random, context, d)
        ),
        3 => {
            let inner = if random.chance(50) {
                Context::Function
            } else {
                Context::Module
            };
            format!(
                "(lambda {}, *{}: {})",
                name(random),
                name(random),
                expr(random, inner, d)
            )
        }
        4 => format!("({} := {})", name(random), expr(random, context, d)),
        5 | 6 if may_yield => format!("(yield {})", expr(random, context, d)),
        7 if may_await => format!("(await {})", expr(random, context, d)),
        8 if may_await => format!(
            "[{} async for {} in {}]",
            expr(random, body, d),
            name(random),
            expr(random, context, d)
        ),
        9 if may_await => format!(
            "({} async for {} in {})",
            expr(random, Context::Module, d),
            name(random),
            expr(random, context, d)
        ),
        10 => format!(
            "{}({}, k={})",
            name(random),
            expr(random, context, d),
            expr(random, context, d)
        ),
        11 => format!("{}.attr", name(random)),
        12 => "super()".to_string(),
        _ => name(random).to_string(),
    }
}

fn statements(
    random: &mut Random,
    out: &mut String,
    indent: usize,
    depth: usize,
    context: Context,
) {
    for _ in 0..1 + random.below(4) {
        let pad = " ".repeat(indent);
        let e = |random: &mut Random| expr(random, context, 0);
        match random.below(14) {
            0 | 1 if depth < 3 => {
                if random.chance(20) {
                    out.push_str(&format!("{pad}@{}\n", e(random)));
                }
                let is_async = random.chance(30);
                let annotation = if random.chance(30) {
                    format!(": {}", e(random))
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "{pad}{}def {}({}{annotation}, *, {}={}, **kw) -> {}:\n",
                    if is_async { "async " } else { "" },
                    name(random),
                    name(random),
                    name(random),
                    e(random),
                    e(random)
                ));
                let body = if is_async {
                    Context::Async
                } else {
                    Context::Function
                };
                statements(random, out, indent + 4, depth + 1, body);
            }
            2 if depth < 3 => {
                out.push_str(&format!(
                    "{pad}class {}({}):\n",
                    name(random),
                    expr(random, Context::Module, 0)
                ));
                statements(random, out, indent + 4, depth + 1, Context::Module);
            }
            3 => out.push_str(&format!(
                "{pad}{}: {} = {}\n",
                name(random),
                e(random),
                e(random)
            )),
            4 => out.push_str(&format!("{pad}{} = {}\n", name(random), e(random))),
            5 if context == Context::Function => {
                out.push_str(&format!("{pad}return {}\n", e(random)))
            }
            6 => out.push_str(&format!("{pad}del {}\n", name(random))),
            7 => out.push_str(&format!("{pad}import {}.sub\n", name(random))),
            8 if depth < 3 => {
                out.push_str(&format!("{pad}for {} in {}:\n", name(random), e(random)));
                statements(random, out, indent + 4, depth + 1, context);
            }
            9 if depth < 3 => {
                out.push_str(&format!("{pad}try:\n"));
                statements(random, out, indent + 4, depth + 1, context);
                out.push_str(&format!("{pad}except E as {}:\n", name(random)));
                statements(random, out, indent + 4, depth + 1, context);
            }
            10 if depth < 3 => {
                out.push_str(&format!("{pad}with {} as {}:\n", e(random), name(random)));
                statements(random, out, indent + 4, depth + 1, context);
            }
            11 if context != Context::Module => {
                out.push_str(&format!("{pad}nonlocal {}\n", name(random)))
            }
            12 => out.push_str(&format!("{pad}global {}\n", name(random))),
            _ => out.push_str(&format!("{pad}{}\n", e(random))),
        }
    }
}
