//! Messages about files and folders: what could not be read or written.

use super::Message;

#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum FileMsg {
    CannotRead { path: String },
    CannotWrite { path: String },
    CannotMoveIntoPlace { path: String },
    CannotCreateFolder { path: String },
    CannotWriteIn { folder: String },
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
        }
    }
}
