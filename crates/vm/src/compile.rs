//! The builtins that compile and run source at run time, `compile()`,
//! `exec()` and `eval()` (Python/bltinmodule.c's `builtin_compile_impl`,
//! `builtin_exec_impl`, `builtin_eval_impl`): the source is str, bytes
//! or a code object; globals default to the caller's, and locals to the
//! caller's locals or to the globals given.

use crate::errors::PyResult;
use crate::modules::ast;
use crate::object::Object;
use crate::objects::bytes::bytes_like;
use crate::objects::code::CodePayload;
use crate::objects::dict::DictObject;
use crate::objects::getargs::bind;
use crate::objects::str::StrObject;
use crate::typeobject::Args;
use crate::vm::Vm;
use krait_compiler::Mode;

/// The `flags` of `compile()` that select `__future__` features; 3.11
/// accepts them and they change nothing Krait compiles differently.
const FUTURE_FLAGS: i64 = 0x1_0000
    | 0x2_0000
    | 0x4_0000
    | 0x8_0000
    | 0x10_0000
    | 0x20_0000
    | 0x40_0000
    | 0x80_0000
    | 0x100_0000;
/// PyCF_DONT_IMPLY_DEDENT, PyCF_ALLOW_INCOMPLETE_INPUT and
/// PyCF_SOURCE_IS_UTF8: how the source is read, which Krait does one way.
const READING_FLAGS: i64 = 0x200 | 0x4000 | 0x100;

/// The source of `compile`/`exec`/`eval` as bytes, or an error naming
/// the function.
fn source_bytes(vm: &Vm, function: &str, source: &Object, strip: bool) -> PyResult<Vec<u8>> {
    let mut bytes = if let Some(s) = source.payload::<StrObject>() {
        s.to_string_lossy().into_bytes()
    } else if let Some(b) = bytes_like(source) {
        b
    } else {
        let what = if function == "compile" {
            "string, bytes or AST object"
        } else {
            "string, bytes or code object"
        };
        return Err(vm.new_type_error(format!("{function}() arg 1 must be a {what}")));
    };
    if strip {
        // eval() ignores the indentation of its one expression.
        let start = bytes
            .iter()
            .position(|&b| b != b' ' && b != b'\t')
            .unwrap_or(bytes.len());
        bytes.drain(..start);
    }
    Ok(bytes)
}

/// Compiles source to a code object.
fn compile_to_code(vm: &Vm, source: &[u8], filename: &str, mode: Mode, optimize: u8) -> PyResult {
    let code = krait_compiler::compile_source(source, filename, mode, optimize)
        .map_err(|e| crate::exceptions::syntax_error(vm, &e, filename, source))?;
    crate::objects::code::new_code(vm, code)
}

/// Parses source to the objects of its tree (`PyCF_ONLY_AST`).
fn parse_to_tree(vm: &Vm, source: &[u8], filename: &str, mode: Mode) -> PyResult {
    let tree = krait_compiler::parse_source(source, mode)
        .map_err(|e| crate::exceptions::syntax_error(vm, &e, filename, source))?;
    ast::convert::mod_to_object(vm, &tree)
}

/// Compiles the objects of a tree to a code object.
fn compile_tree(vm: &Vm, tree: &Object, filename: &str, mode: Mode, optimize: u8) -> PyResult {
    let module = ast::convert::mod_from_object(vm, tree, mode)?;
    krait_compiler::validate::validate(&module).map_err(|e| {
        use krait_compiler::validate::InvalidTreeKind;
        let ty = match e.kind {
            InvalidTreeKind::ValueError => &vm.exceptions.value_error,
            InvalidTreeKind::TypeError => &vm.exceptions.type_error,
            InvalidTreeKind::SystemError => &vm.exceptions.system_error,
        };
        vm.new_exception(ty, e.msg)
    })?;
    let code = krait_compiler::compile_tree(module, filename, optimize)
        .map_err(|e| crate::exceptions::syntax_error(vm, &e, filename, b""))?;
    crate::objects::code::new_code(vm, code)
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False,
/// optimize=-1)`.
pub fn builtin_compile(vm: &Vm, args: Args) -> PyResult {
    let names = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
        "_feature_version",
    ];
    let bound = bind(vm, "compile", args, false, &names, 3)?;
    let required = |i: usize| bound[i].as_ref().expect("bound as required");
    let filename = crate::modules::posix::fspath(vm, required(1))?;
    let filename = match filename.payload::<StrObject>() {
        Some(s) => s.to_string_lossy(),
        None => String::from_utf8_lossy(&bytes_like(&filename).unwrap_or_default()).into_owned(),
    };
    let mode = match required(2)
        .payload::<StrObject>()
        .map(|s| s.to_string_lossy())
    {
        Some(m) if m == "exec" => Mode::Exec,
        Some(m) if m == "eval" => Mode::Eval,
        Some(m) if m == "single" => Mode::Single,
        Some(_) => {
            return Err(vm.new_value_error("compile() mode must be 'exec', 'eval' or 'single'"))
        }
        None => {
            return Err(vm.new_type_error(format!(
                "compile() argument 'mode' must be str, not {}",
                vm.type_name(required(2))
            )))
        }
    };
    let flags = match &bound[3] {
        Some(f) => crate::objects::getargs::int_arg(vm, f)? as i64,
        None => 0,
    };
    let ast_flags =
        ast::PY_CF_ONLY_AST | ast::PY_CF_TYPE_COMMENTS | ast::PY_CF_ALLOW_TOP_LEVEL_AWAIT;
    if flags & !(FUTURE_FLAGS | READING_FLAGS | ast_flags) != 0 {
        return Err(vm.new_value_error("compile(): unrecognised flags"));
    }
    let optimize = match &bound[5] {
        Some(o) => crate::objects::getargs::int_arg(vm, o)?,
        None => -1,
    };
    let optimize = match optimize {
        -1 => vm.optimize.get(),
        0..=2 => optimize as u8,
        _ => return Err(vm.new_value_error("compile(): invalid optimize value")),
    };
    let only_ast = flags & ast::PY_CF_ONLY_AST != 0;
    if ast::convert::is_ast(vm, required(0))? {
        if only_ast {
            return Ok(required(0).clone());
        }
        return compile_tree(vm, required(0), &filename, mode, optimize);
    }
    let source = source_bytes(vm, "compile", required(0), false)?;
    if only_ast {
        return parse_to_tree(vm, &source, &filename, mode);
    }
    compile_to_code(vm, &source, &filename, mode, optimize)
}

/// The namespaces `exec` and `eval` run in: the caller's when none are
/// given, `globals` for both when only it is.
fn namespaces(
    vm: &Vm,
    function: &str,
    globals: Option<&Object>,
    locals: Option<&Object>,
) -> PyResult<(Object, Object)> {
    let globals = globals.filter(|g| !vm.is_none(g));
    let locals = locals.filter(|l| !vm.is_none(l));
    if let Some(g) = globals {
        if g.payload::<DictObject>().is_none() {
            let message = if function == "exec" {
                format!("exec() globals must be a dict, not {}", vm.type_name(g))
            } else {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            };
            return Err(vm.new_type_error(message));
        }
    }
    if let Some(l) = locals {
        if vm.type_payload_of(l).slots.getitem.get().is_none() {
            let message = if function == "exec" {
                format!("locals must be a mapping or None, not {}", vm.type_name(l))
            } else {
                "locals must be a mapping".to_string()
            };
            return Err(vm.new_type_error(message));
        }
    }
    let (globals, locals) = match (globals, locals) {
        (Some(g), Some(l)) => (g.clone(), l.clone()),
        (Some(g), None) => (g.clone(), g.clone()),
        (None, given) => {
            let frame = crate::eval::current_frame(vm);
            let globals = frame
                .map(|f| f.globals.clone())
                .unwrap_or_else(|| vm.new_dict());
            let locals = match given {
                Some(l) => l.clone(),
                None => crate::builtins::current_locals(vm)?,
            };
            (globals, locals)
        }
    };
    let namespace = &globals.payload::<DictObject>().expect("a dict").dict;
    if namespace.get_str(vm, &vm.names.__builtins__).is_none() {
        namespace.set_str(vm, vm.names.__builtins__.clone(), vm.builtins.clone());
    }
    Ok((globals, locals))
}

/// `exec(source, globals=None, locals=None, /, *, closure=None)`.
pub fn builtin_exec(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "exec", args, false, &["source", "globals", "locals"], 1)?;
    let source = bound[0].as_ref().expect("bound as required");
    let (globals, locals) = namespaces(vm, "exec", bound[1].as_ref(), bound[2].as_ref())?;
    let code = if source.payload::<CodePayload>().is_some() {
        source.clone()
    } else {
        let text = source_bytes(vm, "exec", source, false)?;
        compile_to_code(vm, &text, "<string>", Mode::Exec, vm.optimize.get())?
    };
    crate::eval::run_code(vm, &code, &globals, Some(&locals))?;
    Ok(vm.none.clone())
}

/// `eval(source, globals=None, locals=None, /)`.
pub fn builtin_eval(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "eval", args, false, &["source", "globals", "locals"], 1)?;
    let source = bound[0].as_ref().expect("bound as required");
    let (globals, locals) = namespaces(vm, "eval", bound[1].as_ref(), bound[2].as_ref())?;
    let code = if source.payload::<CodePayload>().is_some() {
        source.clone()
    } else {
        let text = source_bytes(vm, "eval", source, true)?;
        compile_to_code(vm, &text, "<string>", Mode::Eval, vm.optimize.get())?
    };
    crate::eval::run_code(vm, &code, &globals, Some(&locals))
}
