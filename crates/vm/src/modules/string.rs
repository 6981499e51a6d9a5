//! `_string` (Objects/unicodeobject.c's `_string` module): the format
//! string parser of `str.format`, for `string.Formatter`:
//! `formatter_parser` yields `(literal, field_name, format_spec,
//! conversion)` and `formatter_field_name_split` splits a field name
//! into its first part and its `.attr`/`[key]` parts. Both read the
//! string as str.format does (objects/str_format.rs) and, as CPython's
//! iterators, raise a malformed part's error when iteration reaches it.

use crate::errors::{PyErr, PyResult};
use crate::object::Object;
use crate::objects::function::check_function_arity;
use crate::objects::str::{new_from_code_points, StrObject};
use crate::objects::str_format::{decimal_number, next_piece, FieldNameParts};
use crate::typeobject::{Args, Layout};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// The items an iterator yields, then the error that ends it, if any.
#[derive(krait_derive::Traverse)]
pub struct PartsIterator {
    items: Vec<Object>,
    index: Cell<usize>,
    error: RefCell<Option<PyErr>>,
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    for name in ["formatteriterator", "fieldnameiterator"] {
        let ty = super::new_type(vm, "_string", name, Layout::PartsIterator, 0, |tp| {
            tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
            tp.slots.iternext.set(Some(|_, it| {
                let it = it.payload::<PartsIterator>().expect("a parts iterator");
                let i = it.index.get();
                if let Some(item) = it.items.get(i) {
                    it.index.set(i + 1);
                    return Ok(Some(item.clone()));
                }
                match it.error.borrow_mut().take() {
                    Some(e) => Err(e),
                    None => Ok(None),
                }
            }));
        });
        super::set_attr(vm, module, name, ty);
    }
    super::add_functions(
        vm,
        module,
        &[
            ("formatter_parser", formatter_parser),
            ("formatter_field_name_split", formatter_field_name_split),
        ],
    );
    Ok(())
}

fn str_argument<'a>(vm: &Vm, function: &str, args: &Args<'a>) -> PyResult<&'a StrObject> {
    check_function_arity(vm, function, *args, 1, 1)?;
    args.values[0].payload::<StrObject>().ok_or_else(|| {
        vm.new_type_error(format!(
            "{function}() argument must be str, not {}",
            vm.type_name(&args.values[0])
        ))
    })
}

fn new_iterator(vm: &Vm, name: &str, items: Vec<Object>, error: Option<PyErr>) -> PyResult {
    let module = crate::import::import_module(vm, "_string")?;
    let ty = vm.getattr(&module, &vm.intern(name))?;
    Ok(crate::object::alloc(
        &ty,
        PartsIterator {
            items,
            index: Cell::new(0),
            error: RefCell::new(error),
        },
    ))
}

fn formatter_parser(vm: &Vm, args: Args) -> PyResult {
    let format: Vec<u32> = str_argument(vm, "formatter_parser", &args)?
        .code_points()
        .collect();
    let mut items = Vec::new();
    let mut i = 0;
    let error = loop {
        match next_piece(vm, &format, &mut i) {
            Ok(Some(piece)) => {
                let literal = new_from_code_points(vm, piece.literal);
                let item = match piece.field {
                    None => vec![literal, vm.none.clone(), vm.none.clone(), vm.none.clone()],
                    Some(field) => vec![
                        literal,
                        new_from_code_points(vm, field.name),
                        new_from_code_points(vm, field.spec),
                        match field.conversion {
                            Some(c) => new_from_code_points(vm, &[c]),
                            None => vm.none.clone(),
                        },
                    ],
                };
                items.push(vm.new_tuple(item));
            }
            Ok(None) => break None,
            Err(e) => break Some(e),
        }
    };
    new_iterator(vm, "formatteriterator", items, error)
}

/// A field name part as the iterator gives it: an int for decimal digits.
fn name_part(vm: &Vm, text: &[u32]) -> PyResult {
    Ok(match decimal_number(vm, text)? {
        Some(n) => vm.new_int(n as i64),
        None => new_from_code_points(vm, text),
    })
}

fn formatter_field_name_split(vm: &Vm, args: Args) -> PyResult {
    let name: Vec<u32> = str_argument(vm, "formatter_field_name_split", &args)?
        .code_points()
        .collect();
    let first_end = name
        .iter()
        .position(|&c| c == 0x2E || c == 0x5B)
        .unwrap_or(name.len());
    let first = name_part(vm, &name[..first_end])?;
    let mut items = Vec::new();
    let mut error = None;
    for part in FieldNameParts::new(&name[first_end..]) {
        match part {
            Ok((is_attr, text)) => {
                let value = if is_attr {
                    new_from_code_points(vm, text)
                } else {
                    name_part(vm, text)?
                };
                items.push(vm.new_tuple(vec![vm.new_bool(is_attr), value]));
            }
            Err(message) => error = Some(vm.new_value_error(message)),
        }
    }
    let rest = new_iterator(vm, "fieldnameiterator", items, error)?;
    Ok(vm.new_tuple(vec![first, rest]))
}
