//! Writing outputs safely: atomically, inside the output folder, never over an input.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// that a reader never sees half a file and a failed build leaves the previous file intact.
///
/// The temporary file is not flushed to disk (fsync) before the rename: outputs are derived
/// from the policy files and rebuilt in seconds, and a flush per file made a build of 100
/// policies (1,500 files) wait on the disk one file at a time. The policy files themselves
/// are never written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.policyc-tmp-{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// A folder name derived from a policy file's stem that cannot leave the output folder:
/// only the last path component is used, and `.`/`..`/empty names are refused.
pub fn safe_stem(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let clean: String = stem
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '\0') {
                '_'
            } else {
                c
            }
        })
        .collect();
    match Path::new(&clean).components().next() {
        Some(Component::Normal(_)) if !clean.starts_with('.') => Some(clean),
        _ => None,
    }
}

/// Absolute, lexically normalised form of a path (the folder may not exist yet).
pub fn absolute(path: &Path) -> PathBuf {
    let base = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let mut out = PathBuf::new();
    for c in base.join(path).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    // Resolve symlinks where the path exists, so that two spellings of one folder compare equal.
    std::fs::canonicalize(&out).unwrap_or(out)
}

/// Why an output folder is refused.
pub fn refuse_output_dir(out: &Path, inputs: &[PathBuf], input_args: &[PathBuf]) -> Option<String> {
    let out = absolute(out);
    for arg in input_args {
        let a = absolute(arg);
        if a.is_dir() && out.starts_with(&a) {
            return Some(format!(
                "输出文件夹 {} 位于输入文件夹 {} 之内；请换一个输出文件夹，以免输出混入政策文件",
                out.display(),
                a.display()
            ));
        }
    }
    for input in inputs {
        let i = absolute(input);
        if i.parent() == Some(out.as_path()) {
            return Some(format!(
                "输出文件夹 {} 就是政策文件所在的文件夹；请换一个输出文件夹",
                out.display()
            ));
        }
        if i.starts_with(&out) && i.parent().is_some_and(|p| p != out.as_path()) {
            return Some(format!(
                "输出文件夹 {} 包含输入文件 {}；生成的文件可能覆盖它",
                out.display(),
                i.display()
            ));
        }
    }
    for protected in ["seeds", "policies"] {
        if out.components().any(|c| c.as_os_str() == protected) {
            return Some(format!("不向 {protected}/ 中写入输出：{}", out.display()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_cannot_escape() {
        assert_eq!(
            safe_stem(Path::new("policies/001_a.policy")).as_deref(),
            Some("001_a")
        );
        assert_eq!(safe_stem(Path::new("../..policy")), None);
        assert_eq!(safe_stem(Path::new(".hidden.policy")), None);
    }

    #[test]
    fn atomic_write_replaces_whole_files() {
        let dir = std::env::temp_dir().join(format!("policyc-out-test-{}", std::process::id()));
        let p = dir.join("a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(leftovers, 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
