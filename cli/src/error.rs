//! The CLI's one error type: every library error ends here and is shown as
//! one line on stderr, `isnad: error: WHERE: WHAT (hint: WHAT TO DO)`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::Context;

/// An error that ends a command with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file or stream could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path, or `-` for standard input/output.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An input was read but is not usable text.
    #[error("{location}: {message}")]
    Input {
        /// `path`, `path:line` or `path:line:col`.
        location: String,
        /// What is wrong.
        message: String,
        /// What to do about it.
        hint: Option<String>,
    },
    /// The command line asks for something impossible.
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
        /// What to do about it.
        hint: Option<String>,
    },
    /// A library reported an error; its message carries the context.
    #[error("{message}")]
    Library {
        /// The library's message, with its context.
        message: String,
        /// What to do about it.
        hint: Option<String>,
    },
}

impl CliError {
    /// An IO error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        CliError::Io {
            path: path.into().display().to_string(),
            source,
        }
    }

    /// Any library error, shown through its `Display` (which carries context).
    pub fn library(err: impl std::fmt::Display, hint: Option<&str>) -> Self {
        CliError::Library {
            message: err.to_string(),
            hint: hint.map(str::to_string),
        }
    }

    /// The hint shown after the message, if any.
    fn hint(&self) -> Option<String> {
        match self {
            CliError::Io { source, .. } => Some(
                match source.kind() {
                    std::io::ErrorKind::NotFound => "check the path",
                    std::io::ErrorKind::PermissionDenied => "check the file's permissions",
                    std::io::ErrorKind::IsADirectory => "give a file, not a directory",
                    _ => return None,
                }
                .to_string(),
            ),
            CliError::Input { hint, .. }
            | CliError::Usage { hint, .. }
            | CliError::Library { hint, .. } => hint.clone(),
        }
    }

    /// The one line shown on stderr.
    pub fn render(&self, ctx: &Context) -> String {
        let label = if ctx.color_stderr {
            "\x1b[1;31merror\x1b[0m"
        } else {
            "error"
        };
        let hint = self
            .hint()
            .map(|h| format!(" (hint: {h})"))
            .unwrap_or_default();
        let message = self.to_string().replace('\n', " ");
        format!("isnad: {label}: {message}{hint}")
    }

    /// Every error exits with 2.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(2)
    }
}
