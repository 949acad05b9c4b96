//! Reading the inputs named on the command line: files or `-` for stdin.

use std::io::Read;

use isnad_ingest::{DecodeError, Decoding, decode};

use crate::CliError;

/// One input, decoded.
#[derive(Debug, Clone)]
pub struct InputText {
    /// The path as given, or `-` for standard input.
    pub source: String,
    /// The decoded text (BOM removed, line endings kept).
    pub text: String,
}

/// Reads and decodes `path` (`-` reads standard input).
pub fn read_input(path: &str, decoding: Decoding) -> Result<InputText, CliError> {
    let bytes = read_bytes(path)?;
    let text = decode(&bytes, decoding).map_err(|err| decode_error(path, &err))?;
    Ok(InputText {
        source: path.to_string(),
        text,
    })
}

/// Reads the raw bytes of `path` (`-` reads standard input).
pub fn read_bytes(path: &str) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| CliError::io("-", e))?;
        return Ok(bytes);
    }
    let metadata = std::fs::metadata(path).map_err(|e| CliError::io(path, e))?;
    if metadata.is_dir() {
        return Err(CliError::Input {
            location: path.to_string(),
            message: "is a directory".into(),
            hint: Some("give the files inside it, e.g. DIR/*.txt".into()),
        });
    }
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| CliError::io(path, e))?;
    Ok(bytes)
}

fn decode_error(path: &str, err: &DecodeError) -> CliError {
    let location = match err {
        DecodeError::InvalidUtf8 { line, column, .. } => format!("{path}:{line}:{column}"),
        _ => path.to_string(),
    };
    CliError::Input {
        location,
        message: err.to_string(),
        hint: Some(err.hint().to_string()),
    }
}
