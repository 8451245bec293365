//! The one place that knows how values are laid out on disk.
//!
//! Values are bincode 2 (serde) in its standard configuration: compact varints, no schema.
//! Changing the format means changing this module and bumping the schema version, with a
//! migration in `store::schema`; callers never see bytes.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A stored value that cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    /// Serialisation failed (a value the format cannot hold).
    #[error("could not encode a stored value: {0}")]
    Encode(#[from] bincode::error::EncodeError),
    /// Stored bytes do not decode: the database is damaged or from another version.
    #[error("a stored value cannot be read (the database may be damaged): {0}")]
    Decode(#[from] bincode::error::DecodeError),
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// Encodes a value into a fresh buffer.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    Ok(bincode::serde::encode_to_vec(value, config())?)
}

/// Encodes a value into `buf`, replacing its contents; reusing one buffer keeps the import
/// loop free of per-row allocations.
pub fn encode_into<T: Serialize>(value: &T, buf: &mut Vec<u8>) -> Result<(), CodecError> {
    buf.clear();
    bincode::serde::encode_into_std_write(value, buf, config())?;
    Ok(())
}

/// Decodes a value.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    Ok(bincode::serde::decode_from_slice(bytes, config())?.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reuses_the_buffer() {
        let mut buf = vec![1, 2, 3];
        encode_into(&("abc", 42u64, Some(1.5f64)), &mut buf).unwrap();
        let back: (String, u64, Option<f64>) = decode(&buf).unwrap();
        assert_eq!(back, ("abc".into(), 42, Some(1.5)));
        assert_eq!(encode(&7u32).unwrap(), vec![7]);
        assert!(decode::<String>(&[200]).is_err());
    }
}
