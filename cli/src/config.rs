//! `isnad.toml`: the settings of `isnad audit` and `isnad report` (schema
//! `config`), read from `--config PATH` or from the working directory.

use std::path::Path;

use isnad_model::Config;

use crate::CliError;

/// The file looked for in the working directory when `--config` is not given.
pub const DEFAULT_CONFIG: &str = "isnad.toml";

/// The configuration: from `explicit` (which must exist), else from
/// `./isnad.toml` when it exists, else the defaults.
pub fn load(explicit: Option<&Path>) -> Result<Config, CliError> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => {
            let path = Path::new(DEFAULT_CONFIG).to_path_buf();
            if !path.is_file() {
                return Ok(Config::default());
            }
            path
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|e| CliError::io(&path, e))?;
    let config = parse(&text, &path.display().to_string())?;
    // the extraction pipeline reads the speaker alias file named here
    crate::pipeline::set_speakers_config(config.speakers.as_ref().map(std::path::PathBuf::from));
    Ok(config)
}

/// Parses the text of a configuration file read from `location`.
pub fn parse(text: &str, location: &str) -> Result<Config, CliError> {
    toml::from_str::<Config>(text).map_err(|err| {
        let place = err
            .span()
            .map(|span| {
                let before = text.get(..span.start).unwrap_or("");
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                format!("{location}:{line}:{col}")
            })
            .unwrap_or_else(|| location.to_string());
        CliError::Input {
            location: place,
            message: err.message().trim().replace('\n', " "),
            hint: Some("see `isnad schema config` for the settings isnad.toml may hold".into()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_model::FindingKind;

    #[test]
    fn a_config_parses_and_a_typo_is_an_error_with_its_place() {
        let config = parse(
            "[audit]\ndeny = [\"vague\"]\n[lexicon]\nhedges = [\"supposedly\"]\n[report]\norganization = \"X\"\noffsets = \"utf16\"\n",
            "isnad.toml",
        )
        .unwrap();
        assert_eq!(config.audit.unwrap().deny, vec![FindingKind::Vague]);
        let err = parse("[audit]\ndenny = [\"vague\"]\n", "isnad.toml").unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("isnad.toml:2:1: "), "{shown}");
        assert!(shown.contains("denny"), "{shown}");
        assert!(parse("[audit]\ndeny = [\"vaguee\"]\n", "isnad.toml").is_err());
    }
}
