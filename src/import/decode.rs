//! Bytes → text. Notices come as UTF-8 (with or without a BOM), as UTF-16 with a BOM (Word's
//! and Notepad's "Unicode"), or as GB18030/GBK (what Chinese Windows editors save). The
//! encoding is detected, never guessed silently: the caller says which one was read.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use super::ImportError;

/// Text and the name of the encoding it was read in.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes a notice. A BOM decides; without one, valid UTF-8 is UTF-8, and anything else must
/// decode as GB18030 without a single replacement and hold no control bytes, or it is refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ImportError> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest)?, "UTF-8（带 BOM）")
    } else if bytes.starts_with(b"\xFF\xFE") {
        (strict(UTF_16LE, &bytes[2..])?, "UTF-16LE（带 BOM）")
    } else if bytes.starts_with(b"\xFE\xFF") {
        (strict(UTF_16BE, &bytes[2..])?, "UTF-16BE（带 BOM）")
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), "UTF-8")
    } else {
        (strict(GB18030, bytes)?, "GB18030/GBK")
    };
    if let Some(offset) = first_control(&text) {
        return Err(ImportError::NotText { offset });
    }
    Ok(Decoded { text, encoding })
}

fn utf8(bytes: &[u8]) -> Result<String, ImportError> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| ImportError::NotText {
            offset: e.valid_up_to(),
        })
}

/// Decodes with no replacement character: one undecodable sequence refuses the file.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, ImportError> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(text.into_owned()),
        None => {
            let (_, had_errors) = encoding.decode_without_bom_handling(bytes);
            debug_assert!(had_errors);
            Err(ImportError::NotText {
                offset: first_bad_offset(encoding, bytes),
            })
        }
    }
}

/// Where decoding first fails, for the message: the longest prefix that decodes cleanly.
fn first_bad_offset(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let (mut lo, mut hi) = (0usize, bytes.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        // A prefix may end inside a character; allow a few bytes of slack.
        let end = (mid + 4).min(bytes.len());
        let ok = encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[..mid])
            .is_some()
            || encoding
                .decode_without_bom_handling_and_without_replacement(&bytes[..end])
                .is_some();
        if ok {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// A control character no text editor saves in a notice (NUL, escape …): the sign of a binary
/// that happened to decode. Tab, line breaks and form feed are text.
fn first_control(text: &str) -> Option<usize> {
    text.char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_encoding_is_named() {
        let (gbk, _, _) = GB18030.encode("改造2.85万户");
        let d = decode(&gbk).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("改造2.85万户", "GB18030/GBK")
        );
        let mut le = vec![0xFF, 0xFE];
        for u in "通知".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE（带 BOM）");
        assert_eq!(decode(b"\xEF\xBB\xBFa").unwrap().text, "a");
    }

    #[test]
    fn binaries_are_refused() {
        assert!(matches!(
            decode(b"\x00\x01\x02\xFF\xFE\x80"),
            Err(ImportError::NotText { .. })
        ));
        assert!(matches!(
            decode(b"text\x00more"),
            Err(ImportError::NotText { offset: 4 })
        ));
    }
}
