//! Messages about files and folders: what could not be read or written.

use super::Message;

#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum FileMsg {
    CannotRead {
        path: String,
    },
    CannotWrite {
        path: String,
    },
    CannotMoveIntoPlace {
        path: String,
    },
    CannotCreateFolder {
        path: String,
    },
    CannotWriteIn {
        folder: String,
    },
    /// `--out` names no folder (`.`, `..`, `/`).
    NotAFolderName {
        path: String,
    },
    /// An output folder that holds files of something other than a jempol run.
    NotARunFolder {
        path: String,
    },
    CannotLock {
        folder: String,
    },
}

impl Message for FileMsg {
    fn en(&self) -> String {
        match self {
            FileMsg::CannotRead { path } => format!("cannot read {path}"),
            FileMsg::CannotWrite { path } => format!("cannot write {path}"),
            FileMsg::CannotMoveIntoPlace { path } => {
                format!("cannot move the finished file into place at {path}")
            }
            FileMsg::CannotCreateFolder { path } => format!("cannot create folder {path}"),
            FileMsg::CannotWriteIn { folder } => format!("cannot write in folder {folder}"),
            FileMsg::NotAFolderName { path } => {
                format!("`{path}` does not name an output folder; name one, e.g. --out out/week-50")
            }
            FileMsg::NotARunFolder { path } => format!(
                "{path} is not a jempol output folder (it holds other files and no plan.json); \
                 a run replaces its whole output folder, so choose a new or empty folder with --out"
            ),
            FileMsg::CannotLock { folder } => {
                format!("cannot lock folder {folder} against another run writing there")
            }
        }
    }

    fn id(&self) -> String {
        match self {
            FileMsg::CannotRead { path } => format!("{path} tidak dapat dibaca"),
            FileMsg::CannotWrite { path } => format!("{path} tidak dapat ditulis"),
            FileMsg::CannotMoveIntoPlace { path } => {
                format!("berkas yang sudah selesai tidak dapat dipindahkan ke {path}")
            }
            FileMsg::CannotCreateFolder { path } => format!("folder {path} tidak dapat dibuat"),
            FileMsg::CannotWriteIn { folder } => format!("tidak dapat menulis di folder {folder}"),
            FileMsg::NotAFolderName { path } => format!(
                "`{path}` bukan nama folder keluaran; sebutkan satu, misalnya --out out/minggu-50"
            ),
            FileMsg::NotARunFolder { path } => format!(
                "{path} bukan folder keluaran jempol (berisi berkas lain dan tidak ada plan.json); \
                 setiap penjadwalan mengganti seluruh folder keluarannya, jadi pilih folder baru \
                 atau kosong dengan --out"
            ),
            FileMsg::CannotLock { folder } => format!(
                "folder {folder} tidak dapat dikunci terhadap penjadwalan lain yang menulis di sana"
            ),
        }
    }
}
