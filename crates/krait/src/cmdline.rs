//! The command line and the PYTHON* environment variables, read as
//! CPython 3.11 reads them (Modules/main.c, Python/getopt.c and
//! Python/initconfig.c): options first, clustered like `-OO` or `-Wd`,
//! until `-c CMD`, `-m MOD`, `-`, a file name or `--`; what follows the
//! program is its own arguments.

use krait_vm::config::Config;

/// What to run.
pub enum Program {
    /// `-c CMD`.
    Command(String),
    /// `-m MOD`.
    Module(String),
    /// A script file.
    File(String),
    /// `-`, or no program with stdin not a terminal.
    Stdin,
}

/// Krait's own `-X dump=...` options: print what the front end or the
/// compiler makes of a file instead of running it.
#[derive(Clone, Copy)]
pub enum Dump {
    Ast,
    Code,
}

/// The command line understood.
pub struct CommandLine {
    pub config: Config,
    pub program: Program,
    pub dump: Option<Dump>,
    /// `-x`: the script's first line is not Python (`#!` of another kind).
    pub skip_first_line: bool,
}

/// Why the command line stops before running anything.
pub enum Stop {
    /// `-h`, `-V` and the like: print this to stdout and exit 0.
    Print(String),
    /// A bad command line: the message, then the usage, status 2.
    Usage(String),
    /// A bad setting found once the command line is read (CPython's
    /// "Fatal Python error"), status 1.
    Fatal(String),
}

/// The one-line usage, under the name the program was run by.
pub fn usage(program: &str) -> String {
    format!(
        "usage: {program} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n\
         Try `python -h' for more information.\n"
    )
}

/// Short options that take an argument.
const WITH_ARGUMENT: &[char] = &['c', 'm', 'W', 'X'];

/// Reads the command line (`args` without the program's own name) and,
/// unless -E or -I says not to, the environment.
pub fn parse(program_name: &str, args: &[String]) -> Result<CommandLine, Stop> {
    let mut config = Config {
        orig_argv: std::iter::once(program_name.to_string())
            .chain(args.iter().cloned())
            .collect(),
        ..Config::default()
    };
    let mut warn_options = Vec::new();
    let mut dump = None;
    let mut skip_first_line = false;
    let mut version = 0;
    let mut program = None;
    let mut i = 0;
    while i < args.len() && program.is_none() {
        let arg = &args[i];
        i += 1;
        if arg == "--" {
            break;
        }
        if arg == "-" {
            program = Some(Program::Stdin);
            break;
        }
        if !arg.starts_with('-') {
            program = Some(Program::File(arg.clone()));
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            match long {
                "help" | "help-env" | "help-xoptions" | "help-all" => {
                    return Err(Stop::Print(help(program_name)))
                }
                "version" => version += 1,
                "check-hash-based-pycs" => {
                    let mode = args.get(i).ok_or_else(|| {
                        Stop::Usage(
                            "Argument expected for the --check-hash-based-pycs option".into(),
                        )
                    })?;
                    i += 1;
                    if !matches!(mode.as_str(), "default" | "always" | "never") {
                        return Err(Stop::Usage(
                            "--check-hash-based-pycs must be one of 'default', 'always', or 'never'"
                                .into(),
                        ));
                    }
                }
                _ => return Err(Stop::Usage(format!("unknown option {arg}"))),
            }
            continue;
        }
        let cluster: Vec<char> = arg[1..].chars().collect();
        let mut k = 0;
        while k < cluster.len() {
            let option = cluster[k];
            k += 1;
            let value = if WITH_ARGUMENT.contains(&option) {
                let rest: String = cluster[k..].iter().collect();
                k = cluster.len();
                if !rest.is_empty() {
                    rest
                } else if let Some(next) = args.get(i) {
                    i += 1;
                    next.clone()
                } else {
                    return Err(Stop::Usage(format!(
                        "Argument expected for the -{option} option"
                    )));
                }
            } else {
                String::new()
            };
            match option {
                'c' => program = Some(Program::Command(value)),
                'm' => program = Some(Program::Module(value)),
                'W' => warn_options.push(value),
                'X' => {
                    if let Some(kind) = value.strip_prefix("dump=") {
                        dump = Some(match kind {
                            "ast" => Dump::Ast,
                            "code" => Dump::Code,
                            _ => {
                                return Err(Stop::Usage(format!(
                                    "-X dump: unknown dump '{kind}' (ast or code)"
                                )))
                            }
                        });
                    }
                    config.xoptions.push(value);
                }
                'b' => config.bytes_warning += 1,
                'B' => config.dont_write_bytecode = 1,
                'd' => config.debug += 1,
                'E' => config.ignore_environment = 1,
                'h' | '?' => return Err(Stop::Print(help(program_name))),
                'i' => {
                    config.inspect = 1;
                    config.interactive = 1;
                }
                'I' => {
                    config.isolated = 1;
                    config.ignore_environment = 1;
                    config.no_user_site = 1;
                    config.safe_path = true;
                }
                'O' => config.optimize = config.optimize.saturating_add(1),
                'P' => config.safe_path = true,
                'q' => config.quiet = 1,
                'R' => {}
                's' => config.no_user_site = 1,
                'S' => config.no_site = 1,
                'u' => config.unbuffered = true,
                'v' => config.verbose += 1,
                'V' => version += 1,
                'x' => skip_first_line = true,
                _ => return Err(Stop::Usage(format!("Unknown option: -{option}"))),
            }
            if matches!(option, 'c' | 'm') {
                break;
            }
        }
    }
    if version > 0 {
        let (major, minor, micro) = krait_vm::config::VERSION;
        let mut text = format!("Python {major}.{minor}.{micro}");
        if version > 1 {
            text.push_str(&format!(" (krait {}) [rustc]", env!("CARGO_PKG_VERSION")));
        }
        return Err(Stop::Print(text + "\n"));
    }
    let rest = &args[i..];
    let program = program.unwrap_or(Program::Stdin);
    config.argv = match &program {
        Program::Command(_) => vec!["-c".to_string()],
        Program::Module(_) => vec!["-m".to_string()],
        Program::File(file) => vec![file.clone()],
        Program::Stdin if i > 0 && args[i - 1] == "-" => vec!["-".to_string()],
        Program::Stdin => vec![String::new()],
    };
    config.argv.extend(rest.iter().cloned());
    let environment = if config.ignore_environment > 0 {
        Vec::new()
    } else {
        read_environment(&mut config)?
    };
    apply_xoptions(&mut config)?;
    // In the order CPython gives them: dev mode's, the environment's, the
    // command line's, then -b's.
    config.warnoptions = config
        .dev_mode
        .then(|| "default".to_string())
        .into_iter()
        .chain(environment)
        .chain(warn_options)
        .chain(match config.bytes_warning {
            0 => None,
            1 => Some("default::BytesWarning".to_string()),
            _ => Some("error::BytesWarning".to_string()),
        })
        .collect();
    Ok(CommandLine {
        config,
        program,
        dump,
        skip_first_line,
    })
}

/// A flag variable: an integer is its level, anything else non-empty is
/// 1 (`_Py_get_env_flag`); the command line's level wins if higher.
fn env_flag(name: &str, flag: &mut u8) {
    if let Some(value) = std::env::var_os(name).filter(|v| !v.is_empty()) {
        let level = value
            .to_str()
            .and_then(|v| v.parse::<i64>().ok())
            .map_or(1, |n| n.clamp(0, u8::MAX.into()) as u8);
        *flag = (*flag).max(level);
    }
}

fn env_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

/// The PYTHON* variables; returns PYTHONWARNINGS's options, which come
/// before -W's.
fn read_environment(config: &mut Config) -> Result<Vec<String>, Stop> {
    env_flag("PYTHONDEBUG", &mut config.debug);
    env_flag("PYTHONVERBOSE", &mut config.verbose);
    env_flag("PYTHONOPTIMIZE", &mut config.optimize);
    env_flag("PYTHONINSPECT", &mut config.inspect);
    env_flag("PYTHONDONTWRITEBYTECODE", &mut config.dont_write_bytecode);
    env_flag("PYTHONNOUSERSITE", &mut config.no_user_site);
    env_flag(
        "PYTHONWARNDEFAULTENCODING",
        &mut config.warn_default_encoding,
    );
    config.dont_write_bytecode = config.dont_write_bytecode.min(1);
    config.no_user_site = config.no_user_site.min(1);
    config.unbuffered |= env_set("PYTHONUNBUFFERED");
    config.safe_path |= env_set("PYTHONSAFEPATH");
    config.dev_mode |= env_set("PYTHONDEVMODE");
    if let Ok(io) = std::env::var("PYTHONIOENCODING") {
        let (encoding, errors) = match io.split_once(':') {
            Some((e, r)) => (e, Some(r)),
            None => (io.as_str(), None),
        };
        config.stdio_encoding = Some(encoding).filter(|e| !e.is_empty()).map(String::from);
        config.stdio_errors = errors.filter(|r| !r.is_empty()).map(String::from);
    }
    if let Ok(seed) = std::env::var("PYTHONHASHSEED") {
        config.hash_randomization = seed != "0";
    }
    if let Ok(utf8) = std::env::var("PYTHONUTF8") {
        config.utf8_mode = match utf8.as_str() {
            "1" => 1,
            "0" => 0,
            _ => {
                return Err(Stop::Fatal(
                    "config_init_utf8_mode: invalid PYTHONUTF8 environment variable value".into(),
                ))
            }
        };
    }
    if let Ok(digits) = std::env::var("PYTHONINTMAXSTRDIGITS") {
        config.int_max_str_digits = int_max_str_digits(&digits).ok_or_else(|| {
            Stop::Fatal(
                "config_init_int_max_str_digits: PYTHONINTMAXSTRDIGITS: invalid limit; \
                 must be >= 640 or 0 for unlimited."
                    .into(),
            )
        })?;
    }
    Ok(std::env::var("PYTHONWARNINGS")
        .map(|w| {
            w.split(',')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default())
}

/// The -X options that change the configuration; the command line's win
/// over the environment's.
fn apply_xoptions(config: &mut Config) -> Result<(), Stop> {
    for option in config.xoptions.clone() {
        let (key, value) = match option.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (option.as_str(), None),
        };
        match (key, value) {
            ("dev", _) => config.dev_mode = true,
            ("utf8", None | Some("1")) => config.utf8_mode = 1,
            ("utf8", Some("0")) => config.utf8_mode = 0,
            ("utf8", Some(_)) => {
                return Err(Stop::Fatal(
                    "config_init_utf8_mode: invalid -X utf8 option value".into(),
                ))
            }
            ("warn_default_encoding", _) => config.warn_default_encoding = 1,
            ("int_max_str_digits", v) => {
                config.int_max_str_digits = v.and_then(int_max_str_digits).ok_or_else(|| {
                    Stop::Fatal(
                        "config_init_int_max_str_digits: -X int_max_str_digits: invalid \
                             limit; must be >= 640 or 0 for unlimited."
                            .into(),
                    )
                })?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// A limit on int/str conversions: 0 (none) or at least 640.
fn int_max_str_digits(text: &str) -> Option<i64> {
    let n: i64 = text.parse().ok()?;
    (n == 0 || n >= 640).then_some(n)
}

/// `-h`: what the options are.
fn help(program: &str) -> String {
    format!(
        "usage: {program} [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options (and corresponding environment variables):
-b     : issue warnings about str(bytes_instance), str(bytearray_instance)
         and comparing bytes/bytearray with str. (-bb: issue errors)
-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
-c cmd : program passed in as string (terminates option list)
-d     : turn on parser debugging output; also PYTHONDEBUG=x
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script; also PYTHONINSPECT=x
-I     : isolate Krait from the user's environment (implies -E, -P and -s)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements; also PYTHONOPTIMIZE=x
-OO    : do -O changes and also discard docstrings
-P     : don't prepend a potentially unsafe path to sys.path; also PYTHONSAFEPATH
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered;
         also PYTHONUNBUFFERED=x
-v     : verbose (trace import statements); also PYTHONVERBOSE=x
-V     : print the Python version number and exit (also --version)
-W arg : warning control; arg is action:message:category:module:lineno
         also PYTHONWARNINGS=arg
-x     : skip first line of source, allowing use of non-Unix forms of #!cmd
-X opt : set implementation-specific option; Krait's own:
         -X dump=ast prints the file's AST as ast.dump(..., include_attributes=True),
         -X dump=code prints its code objects
--check-hash-based-pycs always|default|never:
         control how Python invalidates hash-based .pyc files
Arguments:
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

The standard library is CPython 3.11's, found through PYTHONHOME
($PYTHONHOME/lib/python3.11) or, by default, where the python3.11 that
Krait was built with keeps it.
"
    )
}
