//! Why an import could not be done, in one line that names the file and
//! says what to do. Nothing is written when an import fails.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: cannot be read: {reason}", file.display())]
    Read { file: PathBuf, reason: String },

    #[error("{}: the file is password-protected: open it in Word, remove the password (File > Info > Protect Document), save it and import it again", file.display())]
    Encrypted { file: PathBuf },

    #[error("{}: this is an old Word 97-2003 document (.doc): open it in Word and save it as a Word Document (.docx), then import that", file.display())]
    OldWord { file: PathBuf },

    #[error("{}: the file is damaged or is not a {kind} file ({reason}): open it in Word or LibreOffice, save it again as .docx, and import that", file.display())]
    Corrupt {
        file: PathBuf,
        kind: &'static str,
        reason: String,
    },

    #[error("{}: psdoc imports Word (.docx), OpenDocument (.odt) and Markdown (.md) files: save the statement as .docx and import that", file.display())]
    Unsupported { file: PathBuf },

    #[error("{}: {reason}", file.display())]
    Log { file: PathBuf, reason: String },

    #[error("{}: cannot write it: {reason}", file.display())]
    Write { file: PathBuf, reason: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
