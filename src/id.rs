//! Typed ids and URLs: a value of these types has passed the one check for its kind, so later
//! steps never check (or mix up) them again.
//!
//! `TopicId`, `LinkId` and `StageId` are made only by [`TopicId::new`] (and its siblings), which
//! holds the rule ids follow (and [`slug`] the text an id is made from); `WebUrl` is made only by `corpus::url::check_url`. Each derefs to `str` and serializes as a
//! plain string, so templates and outputs see exactly the text they saw before.

use serde::Serialize;
use std::borrow::Borrow;
use std::fmt;

/// Why a text is not an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdError {
    /// It is empty.
    Empty,
    /// It holds a character other than `a-z`, `0-9` and `-`.
    Alphabet,
    /// It starts or ends with `-`, or holds `--`.
    Dashes,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdError::Empty => "is empty",
            IdError::Alphabet => "may only hold lowercase letters a-z, digits and `-`",
            IdError::Dashes => "may not start or end with `-` or hold `--`",
        })
    }
}

impl std::error::Error for IdError {}

/// Ids become file names and URL fragments, so they are kept to a safe alphabet.
pub(crate) fn check(id: &str) -> Result<(), IdError> {
    if id.is_empty() {
        return Err(IdError::Empty);
    }
    if !id
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        return Err(IdError::Alphabet);
    }
    if id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        return Err(IdError::Dashes);
    }
    Ok(())
}

/// Lowercase ASCII letters and digits joined by single dashes: the id a text suggests.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

macro_rules! text_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<std::path::Path> for $name {
            fn as_ref(&self) -> &std::path::Path {
                self.0.as_ref()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        text_type!($(#[$m])* $name);

        impl $name {
            /// The id, if `text` follows the rule every id follows (see `check`).
            pub fn new(text: impl Into<String>) -> Result<Self, IdError> {
                let text = text.into();
                check(&text)?;
                Ok($name(text))
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(text: &str) -> Result<Self, IdError> {
                Self::new(text)
            }
        }
    };
}

id_type!(
    /// A topic: its file stem.
    TopicId
);
id_type!(
    /// A link, unique across topics and links.
    LinkId
);
id_type!(
    /// A stage of `course.toml`.
    StageId
);
id_type!(
    /// A link or a topic: what `requires`, `--target` and `--skip` name (links and topics
    /// share one namespace).
    ItemId
);

macro_rules! from_checked {
    ($($name:ident),*) => {$(
        impl $name {
            /// The text of an id that was one already (read from the course), seen as text on
            /// the way.
            pub(crate) fn from_checked(text: &str) -> Self {
                debug_assert!(check(text).is_ok(), "{text:?} is no id");
                $name(text.to_string())
            }
        }
    )*};
}

from_checked!(TopicId, ItemId);

impl From<TopicId> for ItemId {
    fn from(id: TopicId) -> ItemId {
        ItemId(id.0)
    }
}

impl From<LinkId> for ItemId {
    fn from(id: LinkId) -> ItemId {
        ItemId(id.0)
    }
}

impl From<&TopicId> for ItemId {
    fn from(id: &TopicId) -> ItemId {
        ItemId(id.0.clone())
    }
}

impl From<&LinkId> for ItemId {
    fn from(id: &LinkId) -> ItemId {
        ItemId(id.0.clone())
    }
}

text_type!(
    /// An `http` or `https` URL that passed `corpus::url::check_url`, in its normal form.
    WebUrl
);

impl WebUrl {
    /// Only `check_url` knows whether a text is a URL we accept.
    pub(crate) fn checked(url: String) -> Self {
        WebUrl(url)
    }
}

impl std::str::FromStr for WebUrl {
    type Err = crate::corpus::url::UrlError;
    /// The URL in its normal form, if it is one a link may have (`corpus::url::check_url`).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        crate::corpus::url::check_url(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_safe_alphabet_makes_an_id() {
        assert!(TopicId::new("raft-2").is_ok());
        assert_eq!(TopicId::new(""), Err(IdError::Empty));
        assert_eq!(LinkId::new("Raft"), Err(IdError::Alphabet));
        assert_eq!(StageId::new("../x"), Err(IdError::Alphabet));
        assert_eq!(StageId::new("a--b"), Err(IdError::Dashes));
        assert_eq!(TopicId::new("a-"), Err(IdError::Dashes));
        let id = TopicId::new("raft").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"raft\"");
        assert_eq!(id, "raft");
    }
}
