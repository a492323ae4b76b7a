//! Writing files whole or not at all. Every file jempol writes goes through here, so a crash
//! or a full disk never leaves half a file where a planner expects a whole one, and an output
//! folder never mixes two runs.

use std::borrow::Cow;
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

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
    let dir = parent_of(path);
    create_folder(dir)?;
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder
        .tempfile_in(dir)
        .map_err(|e| cannot_write_in(dir, e).into())
}

/// Makes `out` a folder holding exactly `files` (paths inside `out`, with their bytes), as
/// one step: the files are written into a hidden staging folder beside `out`, which then
/// takes `out`'s place in one atomic exchange (three renames on file systems without one).
/// After a failure or a kill at any moment, `out` is the previous run or this one, whole, or
/// (between those renames only) absent, and never holds files of both.
///
/// A lock on the parent folder keeps two runs from swapping at once: the second waits for
/// the first (the lock is held only while files are written, under a second for a plan).
/// Staging folders left by a killed run are removed under that lock. An existing `out` that
/// is not empty and holds no jempol plan.json (or campaign.json) is refused, so `--out` can never replace a
/// folder of the user's own files.
pub fn write_folder(out: &Path, files: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<()> {
    let parent = parent_of(out);
    let name = out
        .file_name()
        .ok_or_else(|| UserError::new(FileMsg::NotAFolderName { path: shown(out) }))?
        .to_string_lossy()
        .into_owned();
    create_folder(parent)?;
    let _lock = lock_folder(parent)?;
    refuse_foreign(out)?;
    let prefix = staging_prefix(&name);
    remove_stale_staging(parent, &prefix);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o777));
    let staging = builder
        .tempdir_in(parent)
        .map_err(|e| cannot_write_in(parent, e))?;
    for (path, bytes) in files {
        let relative = path.strip_prefix(out).unwrap_or(path);
        write_synced(&staging.path().join(relative), bytes)
            .map_err(|e| UserError::caused(FileMsg::CannotWrite { path: shown(path) }, e))?;
    }
    sync_folder(staging.path())?;
    if out.exists() {
        exchange(staging.path(), out)?;
        // `staging` now holds the previous run; dropping it removes it.
    } else {
        std::fs::rename(staging.path(), out)
            .map_err(|e| UserError::caused(FileMsg::CannotMoveIntoPlace { path: shown(out) }, e))?;
        let _ = staging.keep();
    }
    sync_folder(parent)?;
    Ok(())
}

/// The name staging folders of `out` start with: hidden, and telling whose they are (a long
/// name is cut, so the staging name stays within the file system's 255 bytes).
fn staging_prefix(name: &str) -> String {
    let mut end = name.len().min(200);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}.jempol-staging-", &name[..end])
}

/// Staging folders of killed runs. Called under the lock, so none of them is in use.
fn remove_stale_staging(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Refuses to replace a folder that holds something other than a jempol run.
fn refuse_foreign(out: &Path) -> anyhow::Result<()> {
    let Ok(mut entries) = std::fs::read_dir(out) else {
        if out.exists() {
            return Err(UserError::new(FileMsg::NotARunFolder { path: shown(out) }).into());
        }
        return Ok(());
    };
    if entries.next().is_none() {
        return Ok(());
    }
    // A plan's folder, or a campaign's.
    let ours = [
        ("plan.json", "jempol-plan/"),
        ("campaign.json", "jempol-campaign/"),
    ]
    .iter()
    .any(|(file, schema)| {
        let text = std::fs::read(out.join(file)).unwrap_or_default();
        let head = String::from_utf8_lossy(&text[..text.len().min(200)]).into_owned();
        head.contains(&format!("\"schema\": \"{schema}"))
    });
    if ours {
        Ok(())
    } else {
        Err(UserError::new(FileMsg::NotARunFolder { path: shown(out) }).into())
    }
}

/// Swaps the folders `a` and `b` in one step (Linux `renameat2(RENAME_EXCHANGE)`). File
/// systems without it (FAT and exFAT USB sticks, some network shares) answer EINVAL; there
/// the folders are swapped by three renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> anyhow::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt as _;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes());
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(());
    }
    let e = std::io::Error::last_os_error();
    if matches!(
        e.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
    ) {
        return swap_by_renames(a, b);
    }
    Err(UserError::caused(FileMsg::CannotMoveIntoPlace { path: shown(b) }, e).into())
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> anyhow::Result<()> {
    swap_by_renames(a, b)
}

/// Swaps the folders `a` (a staging folder) and `b` by moving `b` aside, `a` in and the old
/// one to `a`. A kill between the renames leaves no `b`, never a mixed one; the folder moved
/// aside is named like `a`, so the next run removes it as a stale staging folder.
fn swap_by_renames(a: &Path, b: &Path) -> anyhow::Result<()> {
    let mut aside = a.as_os_str().to_owned();
    aside.push("-old");
    let aside = PathBuf::from(aside);
    let fail = |e| UserError::caused(FileMsg::CannotMoveIntoPlace { path: shown(b) }, e);
    std::fs::rename(b, &aside).map_err(fail)?;
    std::fs::rename(a, b).map_err(fail)?;
    std::fs::rename(&aside, a).map_err(fail)?;
    Ok(())
}

/// An exclusive lock on a folder, held until dropped (closing the handle releases it; so
/// does the end of the process, even by `kill -9`).
struct FolderLock {
    _handle: File,
}

#[cfg(unix)]
fn lock_folder(dir: &Path) -> anyhow::Result<FolderLock> {
    use std::os::fd::AsRawFd as _;
    let file = File::open(dir).map_err(|e| cannot_write_in(dir, e))?;
    loop {
        // SAFETY: flock on a descriptor this function owns.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
            return Ok(FolderLock { _handle: file });
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(UserError::caused(FileMsg::CannotLock { folder: shown(dir) }, e).into());
        }
    }
}

#[cfg(not(unix))]
fn lock_folder(dir: &Path) -> anyhow::Result<FolderLock> {
    let file = File::open(dir).map_err(|e| cannot_write_in(dir, e))?;
    Ok(FolderLock { _handle: file })
}

/// Writes a new file and flushes it to the disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes a folder's entries (new names, renames) to the disk.
fn sync_folder(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| cannot_write_in(dir, e))?;
    Ok(())
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn create_folder(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| UserError::caused(FileMsg::CannotCreateFolder { path: shown(dir) }, e).into())
}

fn cannot_write_in(dir: &Path, e: std::io::Error) -> UserError {
    UserError::caused(FileMsg::CannotWriteIn { folder: shown(dir) }, e)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// A file-name-safe form of a name: lowercase ASCII letters and digits joined by `-`.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() {
        "scenario".to_string()
    } else {
        s
    }
}

/// A CSV cell a spreadsheet will not run as a formula (OWASP, CSV injection): text starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe. A plain
/// number (`-7.65`, `+3`) is data, not a formula, and stays as it is.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = text.parse::<f64>().is_ok_and(f64::is_finite)
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    if risky && !number {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
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
        let out = dir.path().join("run");
        write_folder(&out, &[(out.join("a.txt"), b"a".to_vec())]).unwrap();
        let plain_dir = dir.path().join("plain-dir");
        std::fs::create_dir(&plain_dir).unwrap();
        assert_eq!(mode(&out), mode(&plain_dir));
        assert_eq!(mode(&out.join("a.txt")), mode(&plain));
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn plan(text: &str) -> Vec<u8> {
        format!("{{\n  \"schema\": \"jempol-plan/2\", \"run\": \"{text}\"\n}}\n").into_bytes()
    }

    #[test]
    fn a_folder_holds_exactly_the_last_run_and_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let first = [
            (out.join("plan.json"), plan("1")),
            (out.join("keliling-3.gpx"), b"3".to_vec()),
        ];
        write_folder(&out, &first).unwrap();
        assert_eq!(names(&out), ["keliling-3.gpx", "plan.json"]);
        write_folder(&out, &[(out.join("plan.json"), plan("2"))]).unwrap();
        assert_eq!(names(&out), ["plan.json"]);
        assert_eq!(std::fs::read(out.join("plan.json")).unwrap(), plan("2"));
        assert_eq!(names(dir.path()), ["out"]);
    }

    #[test]
    fn stale_staging_folders_of_killed_runs_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let stale = dir.path().join(format!("{}abc", staging_prefix("out")));
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("plan.json"), b"half").unwrap();
        write_folder(&out, &[(out.join("plan.json"), plan("1"))]).unwrap();
        assert_eq!(names(dir.path()), ["out"]);
    }

    #[test]
    fn a_folder_of_other_files_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("documents");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("letter.odt"), b"mine").unwrap();
        let err = write_folder(&out, &[(out.join("plan.json"), plan("1"))]).unwrap_err();
        assert!(
            err.to_string().contains("not a jempol output folder"),
            "{err}"
        );
        assert_eq!(names(&out), ["letter.odt"]);
        // An empty folder is fine.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write_folder(&empty, &[(empty.join("plan.json"), plan("1"))]).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_old_run_and_no_staging() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_folder(&out, &[(out.join("plan.json"), plan("1"))]).unwrap();
        // A file name no file system takes fails in the middle of the set.
        let bad = out.join("x".repeat(300));
        let files = [(out.join("plan.json"), plan("2")), (bad, b"x".to_vec())];
        assert!(write_folder(&out, &files).is_err());
        assert_eq!(std::fs::read(out.join("plan.json")).unwrap(), plan("1"));
        assert_eq!(names(dir.path()), ["out"]);
    }

    #[test]
    fn folders_are_swapped_by_renames_where_exchange_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_folder(&out, &[(out.join("plan.json"), plan("1"))]).unwrap();
        let staging = dir.path().join(format!("{}abc", staging_prefix("out")));
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("plan.json"), plan("2")).unwrap();
        swap_by_renames(&staging, &out).unwrap();
        assert_eq!(std::fs::read(out.join("plan.json")).unwrap(), plan("2"));
        assert_eq!(std::fs::read(staging.join("plan.json")).unwrap(), plan("1"));
        assert_eq!(names(dir.path()).len(), 2, "{:?}", names(dir.path()));
        // What a kill after the first rename leaves beside the folder is removed next time.
        std::fs::create_dir(dir.path().join(format!("{}xyz-old", staging_prefix("out")))).unwrap();
        std::fs::remove_dir_all(&staging).unwrap();
        write_folder(&out, &[(out.join("plan.json"), plan("3"))]).unwrap();
        assert_eq!(names(dir.path()), ["out"]);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Magetan, minggu 7-11 Desember 2026"),
            "magetan-minggu-7-11-desember-2026"
        );
        assert_eq!(slug("!!!"), "scenario");
        for clash in ["Keliling 1", "keliling-1", "KELILING_1!"] {
            assert_eq!(slug(clash), "keliling-1");
        }
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for (cell, shown) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+cmd", "'+cmd"),
            ("-2+3", "'-2+3"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-7.652", "-7.652"),
            ("+3", "+3"),
            ("-inf", "'-inf"),
            ("Balai Desa", "Balai Desa"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(cell), shown, "{cell:?}");
        }
    }
}
