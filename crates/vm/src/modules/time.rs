//! `time` (Modules/timemodule.c, Python/pytime.c): the clocks, `sleep`
//! and `get_clock_info`, on POSIX's `clock_gettime`.
//!
//! Every clock is read in nanoseconds, as CPython's `_PyTime_t`, and made
//! a float the way `_PyTime_AsSecondsDouble` does, so that the float
//! clocks round as CPython's do.

use crate::errors::{PyErr, PyResult};
use crate::object::Object;
use crate::objects::float::float_value;
use crate::objects::function::{check_function_arity, NativeFn};
use crate::objects::int::{int_value, new_big, IBig};
use crate::typeobject::Args;
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let functions: &[(&'static str, NativeFn)] = &[
        ("time", |vm, a| seconds(vm, a, "time", libc::CLOCK_REALTIME)),
        ("time_ns", |vm, a| {
            nanoseconds(vm, a, "time_ns", libc::CLOCK_REALTIME)
        }),
        ("monotonic", |vm, a| {
            seconds(vm, a, "monotonic", libc::CLOCK_MONOTONIC)
        }),
        ("monotonic_ns", |vm, a| {
            nanoseconds(vm, a, "monotonic_ns", libc::CLOCK_MONOTONIC)
        }),
        ("perf_counter", |vm, a| {
            seconds(vm, a, "perf_counter", libc::CLOCK_MONOTONIC)
        }),
        ("perf_counter_ns", |vm, a| {
            nanoseconds(vm, a, "perf_counter_ns", libc::CLOCK_MONOTONIC)
        }),
        ("process_time", |vm, a| {
            seconds(vm, a, "process_time", libc::CLOCK_PROCESS_CPUTIME_ID)
        }),
        ("process_time_ns", |vm, a| {
            nanoseconds(vm, a, "process_time_ns", libc::CLOCK_PROCESS_CPUTIME_ID)
        }),
        ("thread_time", |vm, a| {
            seconds(vm, a, "thread_time", libc::CLOCK_THREAD_CPUTIME_ID)
        }),
        ("thread_time_ns", |vm, a| {
            nanoseconds(vm, a, "thread_time_ns", libc::CLOCK_THREAD_CPUTIME_ID)
        }),
        ("clock_gettime", |vm, a| {
            check_function_arity(vm, "clock_gettime", a, 1, 1)?;
            let clock = clock_id(vm, &a.values[0])?;
            Ok(vm.new_float(as_seconds(read_clock(vm, clock)?)))
        }),
        ("clock_gettime_ns", |vm, a| {
            check_function_arity(vm, "clock_gettime_ns", a, 1, 1)?;
            let clock = clock_id(vm, &a.values[0])?;
            Ok(new_big(vm, IBig::from(read_clock(vm, clock)?)))
        }),
        ("clock_getres", |vm, a| {
            check_function_arity(vm, "clock_getres", a, 1, 1)?;
            let clock = clock_id(vm, &a.values[0])?;
            Ok(vm.new_float(as_seconds(clock_resolution(vm, clock)?)))
        }),
        ("sleep", sleep),
        ("get_clock_info", get_clock_info),
    ];
    super::add_functions(vm, module, functions);
    for (name, id) in [
        ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
        ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
        ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
        ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
        ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
        ("CLOCK_TAI", libc::CLOCK_TAI),
        ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
    ] {
        super::set_attr(vm, module, name, vm.new_int(id.into()));
    }
    Ok(())
}

/// The OSError for the C library's current `errno`.
fn last_os_error(vm: &Vm) -> PyErr {
    crate::exceptions::from_io_error(vm, &std::io::Error::last_os_error(), None)
}

/// A clock's time in nanoseconds.
fn read_clock(vm: &Vm, clock: libc::clockid_t) -> PyResult<i128> {
    clock_call(vm, libc::clock_gettime, clock)
}

/// A clock's resolution in nanoseconds.
fn clock_resolution(vm: &Vm, clock: libc::clockid_t) -> PyResult<i128> {
    clock_call(vm, libc::clock_getres, clock)
}

/// `clock_gettime` or `clock_getres`, in nanoseconds.
fn clock_call(
    vm: &Vm,
    call: unsafe extern "C" fn(libc::clockid_t, *mut libc::timespec) -> libc::c_int,
    clock: libc::clockid_t,
) -> PyResult<i128> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call, which
    // writes nothing else.
    if unsafe { call(clock, &mut ts) } != 0 {
        return Err(last_os_error(vm));
    }
    Ok(i128::from(ts.tv_sec) * 1_000_000_000 + i128::from(ts.tv_nsec))
}

/// Nanoseconds as float seconds (`_PyTime_AsSecondsDouble`): whole
/// seconds exactly, else one division.
fn as_seconds(ns: i128) -> f64 {
    if ns % 1_000_000_000 == 0 {
        (ns / 1_000_000_000) as f64
    } else {
        ns as f64 / 1e9
    }
}

fn seconds(vm: &Vm, args: Args, name: &str, clock: libc::clockid_t) -> PyResult {
    if !args.values.is_empty() {
        check_function_arity(vm, &format!("time.{name}"), args, 0, 0)?;
    }
    Ok(vm.new_float(as_seconds(read_clock(vm, clock)?)))
}

fn nanoseconds(vm: &Vm, args: Args, name: &str, clock: libc::clockid_t) -> PyResult {
    if !args.values.is_empty() {
        check_function_arity(vm, &format!("time.{name}"), args, 0, 0)?;
    }
    Ok(new_big(vm, IBig::from(read_clock(vm, clock)?)))
}

/// A clock id argument: an int that fits a C int (`PyArg_Parse`'s "i").
fn clock_id(vm: &Vm, value: &Object) -> PyResult<libc::clockid_t> {
    let index = crate::objects::sequence::number_index(vm, value)?;
    let Some(id) = int_value(&index) else {
        return Ok(0);
    };
    if let Some(id) = id.to_i64().and_then(|i| libc::clockid_t::try_from(i).ok()) {
        return Ok(id);
    }
    Err(vm.new_overflow_error(if id.is_negative() {
        "signed integer is less than minimum"
    } else {
        "signed integer is greater than maximum"
    }))
}

/// The largest `_PyTime_t`, in nanoseconds.
const TIME_MAX: i128 = i64::MAX as i128;

/// A duration in seconds as nanoseconds (`_PyTime_FromSecondsObject`
/// with `_PyTime_ROUND_TIMEOUT`): a float rounded up, or an int.
pub(crate) fn duration_ns(vm: &Vm, value: &Object) -> PyResult<i128> {
    if let Some(d) = float_value(value) {
        if d.is_nan() {
            return Err(vm.new_value_error("Invalid value NaN (not a number)"));
        }
        let ns = (d * 1e9).ceil();
        if !(ns >= -(TIME_MAX as f64) - 1.0 && ns < TIME_MAX as f64) {
            return Err(vm.new_overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok(ns as i128);
    }
    let index = crate::objects::sequence::number_index(vm, value)?;
    let seconds = int_value(&index).map_or(IBig::ZERO, |v| v.to_bigint());
    i128::try_from(&seconds)
        .ok()
        .and_then(|s| s.checked_mul(1_000_000_000))
        .filter(|ns| (-TIME_MAX - 1..=TIME_MAX).contains(ns))
        .ok_or_else(|| vm.new_overflow_error("timestamp too large to convert to C _PyTime_t"))
}

fn sleep(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "time.sleep", args, 1, 1)?;
    let ns = duration_ns(vm, &args.values[0])?;
    if ns < 0 {
        return Err(vm.new_value_error("sleep length must be non-negative"));
    }
    // A signal ends the wait early: its handler runs, and unless it
    // raises, the rest of the time is slept (PEP 475). Other threads run
    // meanwhile.
    let deadline = std::time::Instant::now() + std::time::Duration::from_nanos(ns as u64);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let request = libc::timespec {
            tv_sec: left.as_secs() as libc::time_t,
            tv_nsec: left.subsec_nanos().into(),
        };
        // SAFETY: the request lives across the call; no remainder is asked.
        let slept = vm.allow_threads(|| unsafe { libc::nanosleep(&request, std::ptr::null_mut()) });
        if slept == 0 {
            return Ok(vm.none.clone());
        }
        crate::modules::signal::check_signals(vm)?;
    }
}

fn get_clock_info(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "get_clock_info", args, 1, 1)?;
    let name = crate::objects::getargs::str_arg(vm, "get_clock_info", "1", &args.values[0])
        .map_err(|_| {
            vm.new_type_error(format!(
                "get_clock_info() argument 1 must be str, not {}",
                crate::objects::getargs::clinic_type_name(vm, &args.values[0])
            ))
        })?;
    let (clock, implementation, monotonic, adjustable) = match name.as_str() {
        "time" => (
            libc::CLOCK_REALTIME,
            "clock_gettime(CLOCK_REALTIME)",
            false,
            true,
        ),
        "monotonic" | "perf_counter" => (
            libc::CLOCK_MONOTONIC,
            "clock_gettime(CLOCK_MONOTONIC)",
            true,
            false,
        ),
        "process_time" => (
            libc::CLOCK_PROCESS_CPUTIME_ID,
            "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)",
            true,
            false,
        ),
        "thread_time" => (
            libc::CLOCK_THREAD_CPUTIME_ID,
            "clock_gettime(CLOCK_THREAD_CPUTIME_ID)",
            true,
            false,
        ),
        _ => return Err(vm.new_value_error("unknown clock")),
    };
    let resolution = as_seconds(clock_resolution(vm, clock)?);
    Ok(crate::objects::namespace::new_namespace(
        vm,
        &[
            ("implementation", vm.new_str(implementation)),
            ("monotonic", vm.new_bool(monotonic)),
            ("adjustable", vm.new_bool(adjustable)),
            ("resolution", vm.new_float(resolution)),
        ],
    ))
}
