//! `#[derive(Traverse)]`: the references a heap object's payload holds,
//! for the cycle collector (CPython's `tp_traverse` and `tp_clear`,
//! Modules/gcmodule.c).
//!
//! DESIGN.md decision 10: the collector's edges are derived, never
//! hand-written, so that a field cannot be forgotten. The derived
//! `traverse`, `clear` and `take_refs` go through every field, each by
//! the field type's own `Traverse` impl (krait-vm's `traverse.rs`), and
//! `HOLDS_REFS` is true if any field's is; a field whose type holds no
//! reference and has no impl (a function pointer, the compiler's code)
//! says so with `#[traverse(skip)]`.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Field, Fields};

#[proc_macro_derive(Traverse, attributes(traverse))]
pub fn derive_traverse(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut field_types = Vec::new();
    let (traverse, clear, take_refs) = match &input.data {
        Data::Struct(s) => {
            let (pattern, bindings) = destructure(quote!(#name), &s.fields, &mut field_types)?;
            let [traverse, clear, take_refs] = field_calls(&bindings);
            (
                quote! { let #pattern = self; #traverse },
                quote! { let #pattern = self; #clear },
                quote! { let #pattern = self; #take_refs },
            )
        }
        Data::Enum(e) => {
            let mut arms = [Vec::new(), Vec::new(), Vec::new()];
            for variant in &e.variants {
                let ident = &variant.ident;
                let (pattern, bindings) =
                    destructure(quote!(#name::#ident), &variant.fields, &mut field_types)?;
                for (arm, call) in arms.iter_mut().zip(field_calls(&bindings)) {
                    arm.push(quote! { #pattern => { #call } });
                }
            }
            let [traverse, clear, take_refs] = arms;
            (
                quote! { match self { #(#traverse)* } },
                quote! { match self { #(#clear)* } },
                quote! { match self { #(#take_refs)* } },
            )
        }
        Data::Union(u) => {
            return Err(syn::Error::new(
                u.union_token.span,
                "Traverse cannot be derived for a union",
            ))
        }
    };
    Ok(quote! {
        // SAFETY: every field is visited by its own type's impl.
        unsafe impl #impl_generics crate::traverse::Traverse for #name #ty_generics #where_clause {
            const HOLDS_REFS: bool = false #( || <#field_types as crate::traverse::Traverse>::HOLDS_REFS )*;

            #[allow(unused_variables)]
            fn traverse(&self, visit: &mut dyn FnMut(&crate::object::Object)) {
                #traverse
            }

            #[allow(unused_variables)]
            fn clear(&self, vm: &crate::vm::Vm, out: &mut crate::traverse::Cleared) {
                #clear
            }

            #[allow(unused_variables)]
            fn take_refs(&mut self, vm: &crate::vm::Vm, out: &mut crate::traverse::Cleared) {
                #take_refs
            }
        }
    })
}

/// A pattern binding every field by reference, and the bindings of the
/// fields that are not skipped.
fn destructure(
    path: Tokens,
    fields: &Fields,
    field_types: &mut Vec<syn::Type>,
) -> syn::Result<(Tokens, Vec<syn::Ident>)> {
    let mut bindings = Vec::new();
    let pattern = match fields {
        Fields::Named(named) => {
            let mut parts = Vec::new();
            for field in &named.named {
                let ident = field.ident.clone().expect("named fields have names");
                if skipped(field)? {
                    parts.push(quote! { #ident: _ });
                } else {
                    let binding = format_ident!("field_{}", ident);
                    parts.push(quote! { #ident: #binding });
                    bindings.push(binding);
                    field_types.push(field.ty.clone());
                }
            }
            quote! { #path { #(#parts),* } }
        }
        Fields::Unnamed(unnamed) => {
            let mut parts = Vec::new();
            for (i, field) in unnamed.unnamed.iter().enumerate() {
                if skipped(field)? {
                    parts.push(quote! { _ });
                } else {
                    let binding = format_ident!("field_{}", i);
                    parts.push(quote! { #binding });
                    bindings.push(binding);
                    field_types.push(field.ty.clone());
                }
            }
            quote! { #path ( #(#parts),* ) }
        }
        Fields::Unit => quote! { #path },
    };
    Ok((pattern, bindings))
}

/// The bodies of `traverse`, `clear` and `take_refs`: each field's own.
fn field_calls(bindings: &[syn::Ident]) -> [Tokens; 3] {
    [
        quote! { #( crate::traverse::Traverse::traverse(#bindings, visit); )* },
        quote! { #( crate::traverse::Traverse::clear(#bindings, vm, out); )* },
        quote! { #( crate::traverse::Traverse::take_refs(#bindings, vm, out); )* },
    ]
}

/// Whether a field is marked `#[traverse(skip)]`: it holds no reference.
fn skipped(field: &Field) -> syn::Result<bool> {
    let mut skip = false;
    for attr in &field.attrs {
        if !attr.path().is_ident("traverse") {
            continue;
        }
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("skip") {
                skip = true;
                Ok(())
            } else {
                Err(meta.error("expected `skip`"))
            }
        })?;
    }
    Ok(skip)
}
