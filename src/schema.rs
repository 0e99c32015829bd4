//! The link schema, declared once: [`link_schema!`] takes the fields of a link, each with its
//! role and default, and makes of them the `Link` struct, `Link::new`, the TOML keys the corpus
//! reader knows ([`keys`], for "unknown key, did you mean"), the names the plan and the
//! templates show ([`names`]) and each field's value by its place ([`Field`]).
//!
//! A field's role is one word: `key` (written in the corpus, shown), `sparse` (a `key` left out
//! of the output when empty; its serde attribute says so too), `file` (shown, but set from where the link is written, never a
//! key). Fields only the program keeps (positions) are `hidden`: neither keys nor shown.

use crate::model::Ref;
use serde::Serialize;

/// One field of a link, borrowed: what a plan's serialized form and a template's lookup both
/// read.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Field<'a> {
    Text(&'a str),
    MaybeText(Option<&'a str>),
    Texts(&'a [String]),
    Refs(&'a [Ref]),
    Number(u32),
    MaybeNumber(Option<u32>),
    Flag(bool),
    /// A `sparse` field with nothing in it: left out.
    Absent,
}

impl Field<'_> {
    pub(crate) fn is_skipped(self) -> bool {
        matches!(self, Field::Absent)
    }

    /// `field`, or [`Field::Absent`] when it holds an empty list.
    pub(crate) fn sparse(field: Self) -> Self {
        match field {
            Field::Texts([]) | Field::Refs([]) => Field::Absent,
            other => other,
        }
    }
}

impl Serialize for Field<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Field::Text(text) => text.serialize(serializer),
            Field::MaybeText(text) => text.serialize(serializer),
            Field::Texts(texts) => texts.serialize(serializer),
            Field::Refs(refs) => refs.serialize(serializer),
            Field::Number(n) => n.serialize(serializer),
            Field::MaybeNumber(n) => n.serialize(serializer),
            Field::Flag(b) => b.serialize(serializer),
            Field::Absent => serializer.serialize_none(),
        }
    }
}

/// A field's type as a [`Field`].
pub(crate) trait AsField {
    fn as_field(&self) -> Field<'_>;
}

impl AsField for String {
    fn as_field(&self) -> Field<'_> {
        Field::Text(self)
    }
}

impl AsField for Option<String> {
    fn as_field(&self) -> Field<'_> {
        Field::MaybeText(self.as_deref())
    }
}

impl AsField for Vec<String> {
    fn as_field(&self) -> Field<'_> {
        Field::Texts(self)
    }
}

impl AsField for Vec<Ref> {
    fn as_field(&self) -> Field<'_> {
        Field::Refs(self)
    }
}

impl AsField for u32 {
    fn as_field(&self) -> Field<'_> {
        Field::Number(*self)
    }
}

impl AsField for bool {
    fn as_field(&self) -> Field<'_> {
        Field::Flag(*self)
    }
}

macro_rules! text_fields {
    ($($t:ty),*) => {
        $(impl AsField for $t {
            fn as_field(&self) -> Field<'_> {
                Field::Text(self.as_str())
            }
        })*
    };
}

text_fields!(
    crate::id::LinkId,
    crate::id::TopicId,
    crate::id::WebUrl,
    crate::model::Kind,
    crate::model::Level,
    crate::model::Access,
    crate::model::UrlStatus
);

/// Declares the link: see the module's documentation. `new(...)` names the arguments of
/// `Link::new`, which the defaults of the fields it sets name in turn.
macro_rules! link_schema {
    (
        $(#[$sm:meta])*
        pub struct $name:ident {
            $( $(#[$m:meta])* $role:ident $field:ident : $ty:ty = $default:expr, )*
        }
        hidden {
            $( $(#[$hm:meta])* $hfield:ident : $hty:ty = $hdefault:expr, )*
        }
        $(#[$nm:meta])*
        fn new($($arg:ident : $argty:ty),*);
    ) => {
        $(#[$sm])*
        #[derive(Clone, Debug, serde::Serialize)]
        pub struct $name {
            $(
                $(#[$m])*
                pub $field: $ty,
            )*
            $(
                $(#[$hm])*
                #[serde(skip)]
                pub $hfield: $hty,
            )*
        }

        impl $name {
            $(#[$nm])*
            pub fn new($($arg: $argty),*) -> Self {
                $name {
                    $($field: $default,)*
                    $($hfield: $hdefault,)*
                }
            }

            /// The fields shown, in order, each with whether it is a corpus key.
            pub(crate) const SCHEMA: &'static [(&'static str, bool)] = &[
                $( (stringify!($field), $crate::schema::link_schema!(@key $role)), )*
            ];

            /// Shown field number `i` (see [`Self::SCHEMA`]).
            #[allow(unused_assignments)]
            pub(crate) fn field(&self, i: usize) -> $crate::schema::Field<'_> {
                let mut n = 0;
                $(
                    if i == n {
                        let value = $crate::schema::AsField::as_field(&self.$field);
                        return $crate::schema::link_schema!(@field $role value);
                    }
                    n += 1;
                )*
                panic!("a link shows {} fields, not {}", Self::SCHEMA.len(), i + 1)
            }
        }
    };
    (@key key) => { true };
    (@key sparse) => { true };
    (@key file) => { false };
    (@field sparse $value:ident) => { $crate::schema::Field::sparse($value) };
    (@field $role:ident $value:ident) => { $value };
}

pub(crate) use link_schema;

/// How many of `schema`'s fields are corpus keys.
pub(crate) const fn key_count(schema: &[(&str, bool)]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < schema.len() {
        n += schema[i].1 as usize;
        i += 1;
    }
    n
}

/// The corpus keys of `schema`, in order.
pub(crate) const fn keys<const N: usize>(schema: &[(&'static str, bool)]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < schema.len() {
        if schema[i].1 {
            out[n] = schema[i].0;
            n += 1;
        }
        i += 1;
    }
    assert!(n == N, "the key count is the schema's");
    out
}

/// The names of `schema`'s fields, then `more`.
pub(crate) const fn names<const N: usize>(
    schema: &[(&'static str, bool)],
    more: &[&'static str],
) -> [&'static str; N] {
    assert!(
        schema.len() + more.len() == N,
        "the name count is the schema's"
    );
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < schema.len() {
            schema[i].0
        } else {
            more[i - schema.len()]
        };
        i += 1;
    }
    out
}

/// The place of `name` in `names`; a name that is not there fails the build.
pub(crate) const fn position(names: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < names.len() {
        if same(names[i], name) {
            return i;
        }
        i += 1;
    }
    panic!("no such field")
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
