//! Writing files whole or not at all. Every file jempol writes goes through here, so a crash
//! or a full disk never leaves half a file where a planner expects a whole one.

use std::io::Write as _;
use std::path::Path;

use crate::i18n::{FileMsg, UserError};

/// Writes `bytes` to `path` completely or not at all: a temporary file in the same folder,
/// renamed into place once written and flushed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = temp_file_beside(path)?;
    let shown = path.display();
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| {
            UserError::caused(
                FileMsg::CannotWrite {
                    path: shown.to_string(),
                },
                e,
            )
        })?;
    file.persist(path).map_err(|e| {
        UserError::caused(
            FileMsg::CannotMoveIntoPlace {
                path: shown.to_string(),
            },
            e,
        )
    })?;
    Ok(())
}

/// A temporary file in the folder of `path` (created if missing), to be persisted onto it.
/// It gets the permissions of any new file (0666 less the umask), not tempfile's private 0600.
pub fn temp_file_beside(path: &Path) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let shown = dir.display();
    std::fs::create_dir_all(dir).map_err(|e| {
        UserError::caused(
            FileMsg::CannotCreateFolder {
                path: shown.to_string(),
            },
            e,
        )
    })?;
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir).map_err(|e| {
        UserError::caused(
            FileMsg::CannotWriteIn {
                folder: shown.to_string(),
            },
            e,
        )
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn written_files_get_the_permissions_of_any_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join("sub/ours.txt");
        write_atomically(&ours, b"x").unwrap();
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions();
        assert_eq!(mode(&ours), mode(&plain));
        assert_eq!(std::fs::read(&ours).unwrap(), b"x");
    }
}
