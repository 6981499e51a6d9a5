//! How an interpreter is set up (Include/cpython/initconfig.h's `PyConfig`,
//! Python/initconfig.c): what the command line and the PYTHON*
//! environment variables decide, gathered in one value that the `krait`
//! command fills in and an embedder may build by hand. `sys.flags`,
//! `sys.argv`, `sys.path` and the rest of `sys`'s configuration are
//! derived from it by [`crate::modules::sys::apply_config`].

/// The configuration of one interpreter. The default is what `python3`
/// with no options and an empty environment gets.
#[derive(Clone, Debug)]
pub struct Config {
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// `sys.orig_argv`: the command line as given.
    pub orig_argv: Vec<String>,
    /// `sys.executable`.
    pub executable: String,
    /// `sys.path`.
    pub module_search_paths: Vec<String>,
    /// `sys.warnoptions`, from -W and PYTHONWARNINGS.
    pub warnoptions: Vec<String>,
    /// `sys._xoptions`, from -X, in order.
    pub xoptions: Vec<String>,
    pub debug: u8,
    pub inspect: u8,
    pub interactive: u8,
    /// -O counts; 2 also drops docstrings.
    pub optimize: u8,
    pub dont_write_bytecode: u8,
    pub no_user_site: u8,
    pub no_site: u8,
    pub ignore_environment: u8,
    pub verbose: u8,
    pub bytes_warning: u8,
    pub quiet: u8,
    pub isolated: u8,
    pub dev_mode: bool,
    pub utf8_mode: u8,
    pub warn_default_encoding: u8,
    pub safe_path: bool,
    /// -1 when neither -X int_max_str_digits nor PYTHONINTMAXSTRDIGITS
    /// set it.
    pub int_max_str_digits: i64,
    /// Whether str and bytes hashes are randomized (PYTHONHASHSEED unset
    /// or `random`).
    pub hash_randomization: bool,
    pub unbuffered: bool,
    /// The encoding and error handler of the standard streams, from
    /// PYTHONIOENCODING (`encoding[:errors]`).
    pub stdio_encoding: Option<String>,
    pub stdio_errors: Option<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            argv: vec![String::new()],
            orig_argv: Vec::new(),
            executable: String::new(),
            module_search_paths: Vec::new(),
            warnoptions: Vec::new(),
            xoptions: Vec::new(),
            debug: 0,
            inspect: 0,
            interactive: 0,
            optimize: 0,
            dont_write_bytecode: 0,
            no_user_site: 0,
            no_site: 0,
            ignore_environment: 0,
            verbose: 0,
            bytes_warning: 0,
            quiet: 0,
            isolated: 0,
            dev_mode: false,
            utf8_mode: 0,
            warn_default_encoding: 0,
            safe_path: false,
            int_max_str_digits: -1,
            hash_randomization: true,
            unbuffered: false,
            stdio_encoding: None,
            stdio_errors: None,
        }
    }
}

/// The Python version Krait implements, as `sys.version_info`; the micro
/// version is the one of the standard library Krait was built against.
pub const VERSION: (u8, u8, u8) = (3, 11, micro_version());

const fn micro_version() -> u8 {
    let text = env!("KRAIT_CPYTHON_MICRO").as_bytes();
    let mut value = 0u8;
    let mut i = 0;
    while i < text.len() {
        value = value * 10 + (text[i] - b'0');
        i += 1;
    }
    value
}
