//! What every command needs to know about where it runs.

use std::io::IsTerminal;
use std::process::ExitCode;

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour only when the stream is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The environment a command runs in: terminals and colour.
#[derive(Debug, Clone)]
pub struct Context {
    /// Whether standard output gets ANSI colour.
    pub color_stdout: bool,
    /// Whether standard error gets ANSI colour.
    pub color_stderr: bool,
    /// Whether standard error is a terminal (progress bars go there).
    pub stderr_is_terminal: bool,
}

impl Context {
    /// Reads the terminal state and `NO_COLOR` (<https://no-color.org>: any
    /// non-empty value turns colour off).
    pub fn new(choice: ColorChoice) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |is_terminal: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && !no_color,
        };
        let stderr_is_terminal = std::io::stderr().is_terminal();
        Context {
            color_stdout: decide(std::io::stdout().is_terminal()),
            color_stderr: decide(stderr_is_terminal),
            stderr_is_terminal,
        }
    }
}

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: findings the user asked to fail on.
    Findings,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Ok => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
        }
    }
}
