//! The rules of the check, one file each. The driver (`check/mod.rs`) runs
//! them in the order of [`PHASES`](crate::check::PHASES).

pub(crate) mod bounds;
pub(crate) mod consistency;
pub(crate) mod contacts;
pub(crate) mod entities;
pub(crate) mod marks;
pub(crate) mod modality;
pub(crate) mod negation;
pub(crate) mod omission;
pub(crate) mod qualifiers;
pub(crate) mod terminology;
pub(crate) mod untranslated;
pub(crate) mod values;
