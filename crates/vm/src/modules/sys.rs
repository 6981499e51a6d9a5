//! `sys` (Python/sysmodule.c): the part of it the interpreter itself
//! provides so far: the recursion limit, reference counts, the exception
//! being handled, the frames (`_getframe`), `exit`, `argv`, `modules` and
//! a few constants.

use crate::config::Config;
use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::dict::DictObject;
use crate::objects::function::{check_function_arity, NativeFn};
use crate::objects::structseq::{self, StructSeqSpec};
use crate::typeobject::Args;
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm) {
    let module = crate::objects::module::new_module(vm, "sys");
    if let Some(m) = module.payload::<crate::objects::module::ModuleObject>() {
        let _ = vm.sysdict.set(m.dict.clone());
    }
    let set = |name: &str, value: Object| super::set_attr(vm, &module, name, value);
    set("modules", vm.modules.clone());
    set("argv", vm.new_list(vec![vm.empty_str.clone()]));
    set("path", vm.new_list(Vec::new()));
    set("maxsize", vm.new_int(i64::MAX));
    set(
        "byteorder",
        vm.new_str(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    );
    set("platform", vm.new_str(std::env::consts::OS));
    set(
        "copyright",
        vm.new_str("Copyright (c) 2026 The Krait developers.\nAll Rights Reserved."),
    );
    set(
        "builtin_module_names",
        vm.new_tuple(
            super::BUILTIN_MODULES
                .iter()
                .map(|(name, _)| vm.new_str(name))
                .collect(),
        ),
    );
    let functions: &[(&'static str, NativeFn)] = &[
        ("getrecursionlimit", |vm, args| {
            check_function_arity(vm, "getrecursionlimit", args, 0, 0)?;
            Ok(vm.new_int(vm.thread.recursion_limit.get() as i64))
        }),
        ("setrecursionlimit", setrecursionlimit),
        ("getswitchinterval", |vm, args| {
            check_function_arity(vm, "getswitchinterval", args, 0, 0)?;
            Ok(vm.new_float(1e-6 * vm.gil.switch_interval() as f64))
        }),
        ("setswitchinterval", setswitchinterval),
        ("audit", |vm, args| {
            if args.has_keywords() {
                return Err(vm.new_type_error("sys.audit() takes no keyword arguments"));
            }
            if args.values.is_empty() {
                return Err(
                    vm.new_type_error("audit() missing 1 required positional argument: 'event'")
                );
            }
            // No audit hooks can be added (sys.addaudithook is absent), and
            // with none CPython returns before looking at the event.
            Ok(vm.none.clone())
        }),
        ("getrefcount", |vm, args| {
            check_function_arity(vm, "getrefcount", args, 1, 1)?;
            // The argument's own reference is counted, as in CPython.
            Ok(vm.new_int(args.values[0].refcount() as i64))
        }),
        ("exc_info", |vm, args| {
            check_function_arity(vm, "exc_info", args, 0, 0)?;
            Ok(match vm.thread.topmost_handled() {
                Some(e) => {
                    let tb = crate::exceptions::exception_payload(&e)
                        .and_then(|p| p.traceback.borrow().clone())
                        .unwrap_or_else(|| vm.none.clone());
                    vm.new_tuple(vec![vm.type_of(&e).clone(), e, tb])
                }
                None => vm.new_tuple(vec![vm.none.clone(), vm.none.clone(), vm.none.clone()]),
            })
        }),
        ("exception", |vm, args| {
            check_function_arity(vm, "exception", args, 0, 0)?;
            Ok(vm
                .thread
                .topmost_handled()
                .unwrap_or_else(|| vm.none.clone()))
        }),
        ("exit", |vm, args| {
            check_function_arity(vm, "exit", args, 0, 1)?;
            let exit = &vm.exceptions.system_exit;
            Err(crate::errors::PyErr(crate::exceptions::new_exception(
                vm,
                exit,
                args.values.to_vec(),
            )))
        }),
        ("_getframe", getframe),
        ("intern", |vm, args| {
            check_function_arity(vm, "intern", args, 1, 1)?;
            let s = &args.values[0];
            if !vm.type_of(s).is(&vm.types.str) {
                return Err(vm.new_type_error(format!(
                    "intern() argument must be str, not {}",
                    vm.type_name(s)
                )));
            }
            Ok(vm.intern_object(s))
        }),
    ];
    super::add_functions(vm, &module, functions);
    add_version(vm, &module).expect("sys.version_info is made at start-up");
    add_platform_info(vm, &module).expect("sys.float_info and the like are made at start-up");
    let hook = crate::objects::function::new_builtin_function(
        vm,
        "unraisablehook",
        crate::unraisable::default_hook,
    );
    set("unraisablehook", hook.clone());
    set("__unraisablehook__", hook);
    for (name, function) in [
        ("displayhook", displayhook as NativeFn),
        ("excepthook", excepthook),
    ] {
        let hook = crate::objects::function::new_builtin_function(vm, name, function);
        set(name, hook.clone());
        set(&format!("__{name}__"), hook);
    }
    let args_type = crate::objects::structseq::new_type(vm, &crate::unraisable::HOOK_ARGS)
        .expect("sys.UnraisableHookArgs is made at start-up");
    let _ = vm.unraisable_hook_args.set(args_type);
    vm.modules
        .payload::<DictObject>()
        .expect("a dict")
        .dict
        .set_str(vm, vm.intern("sys"), module);
    vm.modules
        .payload::<DictObject>()
        .expect("a dict")
        .dict
        .set_str(vm, vm.intern("builtins"), vm.builtins.clone());
}

/// `sys.displayhook(value)`: the interactive echo of an expression's
/// value, its repr on `sys.stdout`, kept as `builtins._`.
fn displayhook(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "sys.displayhook", args, 1, 1)?;
    let value = &args.values[0];
    if vm.is_none(value) {
        return Ok(vm.none.clone());
    }
    let underscore = vm.intern("_");
    let builtins = &vm
        .builtins_dict
        .payload::<DictObject>()
        .expect("a dict")
        .dict;
    // `_` is None while the repr runs, as CPython leaves it.
    builtins.set_str(vm, underscore.clone(), vm.none.clone());
    let stdout = match sys_attr(vm, &vm.names.stdout) {
        Some(f) if !vm.is_none(&f) => f,
        _ => return Err(vm.new_runtime_error("lost sys.stdout")),
    };
    let text = vm.repr(value)?;
    match crate::modules::io::write_text(vm, &stdout, &text) {
        Err(e) if vm.is_instance(&e.0, &vm.exceptions.unicode_encode_error) => {
            // A repr the stream cannot encode is written with escapes.
            let encoding = vm.getattr(&stdout, &vm.intern("encoding"))?;
            let escaped = vm.call_method(
                &text,
                "encode",
                &[encoding.clone(), vm.new_str("backslashreplace")],
            )?;
            let text = vm.call_method(&escaped, "decode", &[encoding, vm.new_str("strict")])?;
            crate::modules::io::write_text(vm, &stdout, &text)?;
        }
        result => result?,
    }
    crate::modules::io::write_text(vm, &stdout, &vm.latin1_char(b'\n'))?;
    builtins.set_str(vm, underscore, value.clone());
    Ok(vm.none.clone())
}

/// PRINT_EXPR: calls `sys.displayhook` with the value.
pub fn call_displayhook(vm: &Vm, value: &Object) -> PyResult<()> {
    let hook = sys_attr(vm, &vm.intern("displayhook"))
        .ok_or_else(|| vm.new_runtime_error("lost sys.displayhook"))?;
    vm.call(&hook, Args::positional_only(std::slice::from_ref(value)))?;
    Ok(())
}

/// `sys.excepthook(type, value, traceback)`: the report of an uncaught
/// exception on `sys.stderr`.
fn excepthook(vm: &Vm, args: Args) -> PyResult {
    if args.values.len() != 3 || args.has_keywords() {
        return Err(vm.new_type_error(format!(
            "excepthook expected 3 arguments, got {}",
            args.values.len()
        )));
    }
    let value = &args.values[1];
    let text = if crate::exceptions::exception_payload(value).is_some() {
        crate::traceback::format_exception(vm, value)
    } else {
        format!(
            "TypeError: print_exception(): Exception expected for value, {} found\n",
            vm.type_name(value)
        )
    };
    crate::modules::io::write_stderr(vm, &text);
    Ok(vm.none.clone())
}

/// `sys._getframe([depth])`: the frame object `depth` calls out from
/// the caller.
fn getframe(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "_getframe", args, 0, 1)?;
    let depth = match args.values.first() {
        Some(d) => crate::objects::int::index_value(vm, d)?.ok_or_else(|| {
            vm.new_type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(d)
            ))
        })?,
        None => 0,
    };
    crate::objects::frame::thread_frame(vm, depth)
        .ok_or_else(|| vm.new_value_error("call stack is not deep enough"))
}

/// `sys.setswitchinterval(interval)`: how long, in seconds, a thread
/// waits for the interpreter lock before it asks the running one to
/// give it up.
fn setswitchinterval(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "setswitchinterval", args, 1, 1)?;
    let value = &args.values[0];
    let interval = crate::objects::float::real_to_f64(vm, value)?.ok_or_else(|| {
        vm.new_type_error(format!("must be real number, not {}", vm.type_name(value)))
    })?;
    if interval <= 0.0 {
        return Err(vm.new_value_error("switch interval must be strictly positive"));
    }
    vm.gil.set_switch_interval((1e6 * interval) as u64);
    Ok(vm.none.clone())
}

fn setrecursionlimit(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "setrecursionlimit", args, 1, 1)?;
    let limit = &args.values[0];
    if vm.is_instance(limit, &vm.types.float) {
        return Err(vm.new_type_error("'float' object cannot be interpreted as an integer"));
    }
    let Some(n) = crate::objects::int::index_value(vm, limit)? else {
        return Err(vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(limit)
        )));
    };
    if n < 1 {
        return Err(vm.new_value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = vm.thread.recursion_depth.get() as i64;
    if n <= depth {
        return Err(vm.new_exception(
            &vm.exceptions.recursion_error,
            format!("cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    vm.thread.for_each(|t| t.recursion_limit.set(n as usize));
    Ok(vm.none.clone())
}

/// `sys.flags`'s fields, in order (Python/sysmodule.c's `flags_fields`).
static FLAGS: StructSeqSpec = StructSeqSpec {
    name: "sys.flags",
    fields: &[
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "dev_mode",
        "utf8_mode",
        "warn_default_encoding",
        "safe_path",
        "int_max_str_digits",
    ],
    n_sequence_fields: 18,
    instantiable: false,
};

static VERSION_INFO: StructSeqSpec = StructSeqSpec {
    name: "sys.version_info",
    fields: &["major", "minor", "micro", "releaselevel", "serial"],
    n_sequence_fields: 5,
    instantiable: false,
};

static FLOAT_INFO: StructSeqSpec = StructSeqSpec {
    name: "sys.float_info",
    fields: &[
        "max",
        "max_exp",
        "max_10_exp",
        "min",
        "min_exp",
        "min_10_exp",
        "dig",
        "mant_dig",
        "epsilon",
        "radix",
        "rounds",
    ],
    n_sequence_fields: 11,
    instantiable: true,
};

static INT_INFO: StructSeqSpec = StructSeqSpec {
    name: "sys.int_info",
    fields: &[
        "bits_per_digit",
        "sizeof_digit",
        "default_max_str_digits",
        "str_digits_check_threshold",
    ],
    n_sequence_fields: 4,
    instantiable: true,
};

static HASH_INFO: StructSeqSpec = StructSeqSpec {
    name: "sys.hash_info",
    fields: &[
        "width",
        "modulus",
        "inf",
        "nan",
        "imag",
        "algorithm",
        "hash_bits",
        "seed_bits",
        "cutoff",
    ],
    n_sequence_fields: 9,
    instantiable: true,
};

/// What `sys` says of the platform and the number types: `float_info`,
/// `int_info`, `hash_info`, `maxunicode`, the prefixes, and the encodings.
fn add_platform_info(vm: &Vm, module: &Object) -> PyResult<()> {
    let set = |name: &str, value: Object| super::set_attr(vm, module, name, value);
    let int = |n: i64| vm.new_int(n);
    let float_info = structseq::new_type(vm, &FLOAT_INFO)?;
    set(
        "float_info",
        structseq::new_instance(
            vm,
            &float_info,
            vec![
                vm.new_float(f64::MAX),
                int(f64::MAX_EXP.into()),
                int(f64::MAX_10_EXP.into()),
                vm.new_float(f64::MIN_POSITIVE),
                int(f64::MIN_EXP.into()),
                int(f64::MIN_10_EXP.into()),
                int(f64::DIGITS.into()),
                int(f64::MANTISSA_DIGITS.into()),
                vm.new_float(f64::EPSILON),
                int(f64::RADIX.into()),
                int(1),
            ],
        )?,
    );
    // The digit figures are CPython's, whose int format they describe.
    let int_info = structseq::new_type(vm, &INT_INFO)?;
    set(
        "int_info",
        structseq::new_instance(
            vm,
            &int_info,
            vec![
                int(30),
                int(4),
                int(crate::objects::int::DEFAULT_MAX_STR_DIGITS as i64),
                int(640),
            ],
        )?,
    );
    let hash_info = structseq::new_type(vm, &HASH_INFO)?;
    set(
        "hash_info",
        structseq::new_instance(
            vm,
            &hash_info,
            vec![
                int(64),
                int(crate::objects::int::HASH_MODULUS as i64),
                int(314159),
                int(0),
                int(1000003),
                vm.new_str("siphash13"),
                int(64),
                int(128),
                int(0),
            ],
        )?,
    );
    set("maxunicode", int(0x10FFFF));
    set("float_repr_style", vm.new_str("short"));
    set("abiflags", vm.new_str(""));
    set("platlibdir", vm.new_str("lib"));
    set("pycache_prefix", vm.none.clone());
    set("meta_path", vm.new_list(Vec::new()));
    set("path_hooks", vm.new_list(Vec::new()));
    set("path_importer_cache", vm.new_dict());
    // The prefix is the installation whose standard library Krait runs.
    let prefix = crate::import::stdlib_dir()
        .and_then(|lib| {
            lib.parent()?
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
        })
        .unwrap_or_default();
    for name in ["prefix", "exec_prefix", "base_prefix", "base_exec_prefix"] {
        set(name, vm.new_str(&prefix));
    }
    // Where FrozenImporter finds the source files of frozen modules.
    set(
        "_stdlib_dir",
        match crate::import::stdlib_dir() {
            Some(dir) => vm.new_str(&dir.to_string_lossy()),
            None => vm.none.clone(),
        },
    );
    let functions: &[(&'static str, NativeFn)] = &[
        ("getdefaultencoding", |vm, args| {
            check_function_arity(vm, "getdefaultencoding", args, 0, 0)?;
            Ok(vm.new_str("utf-8"))
        }),
        ("getfilesystemencoding", |vm, args| {
            check_function_arity(vm, "getfilesystemencoding", args, 0, 0)?;
            Ok(vm.new_str("utf-8"))
        }),
        ("getfilesystemencodeerrors", |vm, args| {
            check_function_arity(vm, "getfilesystemencodeerrors", args, 0, 0)?;
            Ok(vm.new_str("surrogateescape"))
        }),
        ("get_int_max_str_digits", |vm, args| {
            check_function_arity(vm, "get_int_max_str_digits", args, 0, 0)?;
            Ok(vm.new_int(vm.int_max_str_digits.get() as i64))
        }),
        ("set_int_max_str_digits", |vm, args| {
            let bound = crate::objects::getargs::bind(
                vm,
                "set_int_max_str_digits",
                args,
                false,
                &["maxdigits"],
                1,
            )?;
            let digits =
                crate::objects::getargs::ssize_arg(vm, bound[0].as_ref().expect("required"))?;
            if digits != 0 && digits < 640 {
                return Err(vm.new_value_error("maxdigits must be 0 or larger than 640"));
            }
            vm.int_max_str_digits.set(digits as usize);
            Ok(vm.none.clone())
        }),
    ];
    super::add_functions(vm, module, functions);
    Ok(())
}

/// The version attributes: `version`, `version_info`, `hexversion` and
/// `implementation`, whose `cache_tag` names Krait's own bytecode files.
fn add_version(vm: &Vm, module: &Object) -> PyResult<()> {
    let (major, minor, micro) = crate::config::VERSION;
    let set = |name: &str, value: Object| super::set_attr(vm, module, name, value);
    let version = format!(
        "{major}.{minor}.{micro} (krait {}) [rustc]",
        env!("CARGO_PKG_VERSION")
    );
    set("version", vm.new_str(&version));
    let version_info_type = structseq::new_type(vm, &VERSION_INFO)?;
    let version_info = structseq::new_instance(
        vm,
        &version_info_type,
        vec![
            vm.new_int(major.into()),
            vm.new_int(minor.into()),
            vm.new_int(micro.into()),
            vm.new_str("final"),
            vm.new_int(0),
        ],
    )?;
    set("version_info", version_info.clone());
    let hexversion =
        (i64::from(major) << 24) | (i64::from(minor) << 16) | (i64::from(micro) << 8) | 0xf0;
    set("hexversion", vm.new_int(hexversion));
    set("api_version", vm.new_int(1013));
    let implementation = crate::objects::namespace::new_namespace(
        vm,
        &[
            ("name", vm.new_str("krait")),
            ("cache_tag", vm.new_str(&format!("krait-{major}{minor}"))),
            ("version", version_info),
            ("hexversion", vm.new_int(hexversion)),
        ],
    );
    set("implementation", implementation);
    Ok(())
}

/// Sets what the configuration decides in `sys`: `argv`, `orig_argv`,
/// `executable`, `path`, `flags`, `warnoptions`, `_xoptions` and
/// `dont_write_bytecode`, and the optimization level `compile` uses.
pub fn apply_config(vm: &Vm, config: &Config) -> PyResult<()> {
    let Some(sys) = vm
        .modules
        .payload::<DictObject>()
        .and_then(|m| m.dict.get_str(vm, &vm.intern("sys")))
    else {
        return Ok(());
    };
    vm.set_optimize(config.optimize);
    if config.int_max_str_digits >= 0 {
        vm.int_max_str_digits
            .set(config.int_max_str_digits as usize);
    }
    let set = |name: &str, value: Object| super::set_attr(vm, &sys, name, value);
    let strings = |items: &[String]| vm.new_list(items.iter().map(|a| vm.new_str(a)).collect());
    set("argv", strings(&config.argv));
    set("orig_argv", strings(&config.orig_argv));
    set("executable", vm.new_str(&config.executable));
    set("path", strings(&config.module_search_paths));
    set("warnoptions", strings(&config.warnoptions));
    let xoptions = vm.new_dict();
    for option in &config.xoptions {
        let (key, value) = match option.split_once('=') {
            Some((k, v)) => (k, vm.new_str(v)),
            None => (option.as_str(), vm.true_.clone()),
        };
        vm.setitem(&xoptions, &vm.new_str(key), Some(&value))?;
    }
    set("_xoptions", xoptions);
    set(
        "dont_write_bytecode",
        vm.new_bool(config.dont_write_bytecode > 0),
    );
    let int = |n: u8| vm.new_int(n.into());
    let flags_type = structseq::new_type(vm, &FLAGS)?;
    let flags = structseq::new_instance(
        vm,
        &flags_type,
        vec![
            int(config.debug),
            int(config.inspect),
            int(config.interactive),
            int(config.optimize),
            int(config.dont_write_bytecode),
            int(config.no_user_site),
            int(config.no_site),
            int(config.ignore_environment),
            int(config.verbose),
            int(config.bytes_warning),
            int(config.quiet),
            int(config.hash_randomization.into()),
            int(config.isolated),
            vm.new_bool(config.dev_mode),
            int(config.utf8_mode),
            int(config.warn_default_encoding),
            vm.new_bool(config.safe_path),
            vm.new_int(config.int_max_str_digits),
        ],
    )?;
    set("flags", flags);
    crate::modules::io::init_std_streams(vm, config)
}

/// Sets `sys.argv[0]`, as `-m` does once it has found the module's file.
pub fn set_argv0(vm: &Vm, argv0: &str) {
    let argv = vm
        .modules
        .payload::<DictObject>()
        .and_then(|m| m.dict.get_str(vm, &vm.intern("sys")))
        .and_then(|sys| vm.getattr(&sys, &vm.intern("argv")).ok());
    if let Some(argv) = argv {
        let _ = vm.setitem(&argv, &vm.new_int(0), Some(&vm.new_str(argv0)));
    }
}

/// `sys.<name>`, None if it is not set (`_PySys_GetAttr`); `name` is
/// an interned str.
pub fn sys_attr(vm: &Vm, name: &Object) -> Option<Object> {
    vm.sysdict
        .get()?
        .payload::<DictObject>()?
        .dict
        .get_str(vm, name)
}

/// Sets `sys.<name>`.
pub fn set_sys_attr(vm: &Vm, name: &str, value: Object) {
    if let Some(sysdict) = vm.sysdict.get().and_then(|d| d.payload::<DictObject>()) {
        sysdict.dict.set_str(vm, vm.intern(name), value);
    }
}
