//! Pass 2 of the symbol table: the scope of every name, decided over the
//! tree of scopes pass 1 built (symtable.c's `symtable_analyze` and the
//! functions it calls). The module documentation tells the story; the
//! names here are CPython's, the sets are `HashSet`s of names.

use std::collections::HashSet;

use krait_parser::SyntaxError;

use super::{
    located_error, Scope, ScopeId, ScopeKind, Symbol, SymbolScope, SymbolTable, DEF_BOUND,
    DEF_FREE_CLASS, DEF_GLOBAL, DEF_NONLOCAL, SCOPE_OFFSET,
};

type NameSet = HashSet<String>;

pub(super) fn analyze(table: &mut SymbolTable) -> Result<(), SyntaxError> {
    let mut free = NameSet::new();
    let mut global = NameSet::new();
    analyze_block(table, table.top(), None, &mut free, &mut global)
}

/// Decides the scope of the names of one scope, then of its children.
///
/// - `bound`: the names bound in enclosing functions, visible here
///   (`None` for the module, which has nothing enclosing it);
/// - `global`: the names declared global in enclosing scopes;
/// - `free`: receives the names this scope and its children use freely
///   and do not bind, for the parent to resolve.
fn analyze_block(
    table: &mut SymbolTable,
    id: ScopeId,
    mut bound: Option<&mut NameSet>,
    free: &mut NameSet,
    global: &mut NameSet,
) -> Result<(), SyntaxError> {
    let kind = table.scopes[id].kind;
    let mut local = NameSet::new();
    // What the children see. A class body's names are not visible in its
    // methods, so a class passes down what it received, before its own
    // names are analysed; other scopes pass down their own names too.
    let (mut newbound, mut newglobal) = if kind == ScopeKind::Class {
        (
            bound.as_deref().cloned().unwrap_or_default(),
            global.clone(),
        )
    } else {
        (NameSet::new(), NameSet::new())
    };

    let mut scopes = Vec::with_capacity(table.scopes[id].symbols.len());
    for i in 0..table.scopes[id].symbols.len() {
        let scope = analyze_name(table, id, i, bound.as_deref_mut(), &mut local, free, global)?;
        scopes.push(scope);
    }

    if kind == ScopeKind::Class {
        // Methods reach the class through the implicit `__class__` cell.
        newbound.insert("__class__".to_string());
    } else {
        if kind == ScopeKind::Function {
            newbound.extend(local.iter().cloned());
        }
        if let Some(bound) = bound.as_deref() {
            newbound.extend(bound.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    }

    // The children's free names, each child analysed with its own copies
    // of what this scope passes down.
    let mut newfree = NameSet::new();
    for c in 0..table.scopes[id].children.len() {
        let child = table.scopes[id].children[c];
        let mut child_bound = newbound.clone();
        let mut child_global = newglobal.clone();
        let mut child_free = NameSet::new();
        analyze_block(
            table,
            child,
            Some(&mut child_bound),
            &mut child_free,
            &mut child_global,
        )?;
        newfree.extend(child_free);
        let child = &table.scopes[child];
        if child.free || child.child_free {
            table.scopes[id].child_free = true;
        }
    }

    match kind {
        ScopeKind::Function => analyze_cells(table, id, &mut scopes, &mut newfree),
        ScopeKind::Class => drop_class_free(table, id, &mut newfree),
        ScopeKind::Module | ScopeKind::Annotation => {}
    }
    update_symbols(
        table,
        id,
        &scopes,
        bound.as_deref(),
        &newfree,
        kind == ScopeKind::Class,
    );
    free.extend(newfree);
    Ok(())
}

/// Decides the scope of symbol `i` of scope `id`, updating the sets
/// (`analyze_name`).
fn analyze_name(
    table: &mut SymbolTable,
    id: ScopeId,
    i: usize,
    bound: Option<&mut NameSet>,
    local: &mut NameSet,
    free: &mut NameSet,
    global: &mut NameSet,
) -> Result<SymbolScope, SyntaxError> {
    let scope = &table.scopes[id];
    let Symbol { name, flags } = &scope.symbols[i];
    let flags = *flags;
    let mut uses_free = false;
    let decided = if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            let msg = format!("name '{name}' is nonlocal and global");
            return Err(error_at_directive(scope, name, msg));
        }
        global.insert(name.clone());
        if let Some(bound) = bound {
            bound.remove(name);
        }
        SymbolScope::GlobalExplicit
    } else if flags & DEF_NONLOCAL != 0 {
        let Some(bound) = bound else {
            let msg = "nonlocal declaration not allowed at module level".to_string();
            return Err(error_at_directive(scope, name, msg));
        };
        if !bound.contains(name) {
            let msg = format!("no binding for nonlocal '{name}' found");
            return Err(error_at_directive(scope, name, msg));
        }
        free.insert(name.clone());
        uses_free = true;
        SymbolScope::Free
    } else if flags & DEF_BOUND != 0 {
        local.insert(name.clone());
        global.remove(name);
        SymbolScope::Local
    } else if bound.is_some_and(|bound| bound.contains(name)) {
        // Bound in an enclosing function.
        free.insert(name.clone());
        uses_free = true;
        SymbolScope::Free
    } else {
        // Declared global in an enclosing scope, or bound nowhere: a
        // global or a builtin, which CPython calls implicit in both cases.
        // A nested scope reading a global that no enclosing scope declared
        // counts as using a free variable.
        uses_free = !global.contains(name) && scope.nested;
        SymbolScope::GlobalImplicit
    };
    if uses_free {
        table.scopes[id].free = true;
    }
    Ok(decided)
}

/// The error for a declaration pass 2 refuses, at the first `global` or
/// `nonlocal` statement (or assignment expression) that declared the name
/// in that scope (`error_at_directive`).
fn error_at_directive(scope: &Scope, name: &str, msg: String) -> SyntaxError {
    // Every name declared global or nonlocal has a directive in its scope
    // (pass 1 records one with each declaration); the scope's own
    // location stands in should that ever not hold.
    let loc = scope
        .directives
        .iter()
        .find(|(directive, _)| directive == name)
        .map_or(scope.loc, |&(_, loc)| loc);
    located_error(msg, loc)
}

/// Locals of a function that its children use freely become cells, and
/// are no longer free for the enclosing scopes (`analyze_cells`).
fn analyze_cells(table: &SymbolTable, id: ScopeId, scopes: &mut [SymbolScope], free: &mut NameSet) {
    for (symbol, scope) in table.scopes[id].symbols.iter().zip(scopes) {
        if *scope == SymbolScope::Local && free.remove(&symbol.name) {
            *scope = SymbolScope::Cell;
        }
    }
}

/// A `__class__` free in a class's methods is the class's implicit cell
/// (`drop_class_free`).
fn drop_class_free(table: &mut SymbolTable, id: ScopeId, free: &mut NameSet) {
    if free.remove("__class__") {
        table.scopes[id].needs_class_closure = true;
    }
}

/// Writes the decided scopes into the symbols' flags, and records the
/// names that pass freely through this scope to its children as free here
/// too (`update_symbols`).
fn update_symbols(
    table: &mut SymbolTable,
    id: ScopeId,
    scopes: &[SymbolScope],
    bound: Option<&NameSet>,
    free: &NameSet,
    is_class: bool,
) {
    let scope = &mut table.scopes[id];
    for (symbol, decided) in scope.symbols.iter_mut().zip(scopes) {
        symbol.flags |= (*decided as u32) << SCOPE_OFFSET;
    }
    let mut passing: Vec<&String> = free.iter().collect();
    passing.sort();
    for name in passing {
        if let Some(&i) = scope.index.get(name.as_str()) {
            // A class body binding a name that its methods use freely
            // from an enclosing function: the class keeps both.
            let symbol = &mut scope.symbols[i];
            if is_class && symbol.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                symbol.flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        // Not bound in an enclosing function: a global.
        if bound.is_some_and(|bound| !bound.contains(name)) {
            continue;
        }
        scope.add_flags(name, (SymbolScope::Free as u32) << SCOPE_OFFSET);
    }
}
