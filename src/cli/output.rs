//! Writing outputs safely: never over an input, never through a planted link, never leaving
//! a temporary file or an older build's output behind.
//!
//! - The output folder is decided on its real path: every existing part of it is resolved
//!   (symlinks and `..` as the system reads them) before it is compared with the inputs.
//! - Temporary files and folders are named `.policyc-tmp-<pid>-<random>` and created
//!   exclusively (`create_new`, `create_dir`): a file or link planted under a guessed name
//!   makes the creation fail instead of being followed. Leftovers of a build that was killed
//!   are recognised by that name and removed by the next build.
//! - Each policy's folder is built whole in a fresh temporary folder and then swapped in, so
//!   a writer that fails cannot leave the previous build's file beside the new ones.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Every temporary file and folder policyc makes starts with this.
pub const TEMP_PREFIX: &str = ".policyc-tmp-";

/// The file in each policy's output folder that marks it as policyc's, so that a build
/// replaces only folders it made.
pub const MARKER: &str = ".policyc-output";

const MARKER_TEXT: &str =
    "此文件夹由 policyc build 生成，每次构建时整体替换；请不要在这里存放其他文件。\n";

/// An unpredictable temporary name: the process id (so a later build can tell a leftover
/// from the temporary file of a build still running) and 64 bits from the standard
/// library's randomly keyed hasher.
pub fn temp_name() -> String {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    h.write_u128(now.as_nanos());
    format!("{TEMP_PREFIX}{}-{:016x}", std::process::id(), h.finish())
}

/// Creates `path` and writes `bytes` into it; fails if anything, a symlink included, is
/// already there.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes).inspect_err(|_| {
        let _ = std::fs::remove_file(path);
    })
}

/// Runs `create` on fresh temporary names in `dir` until one does not exist yet.
fn create_temp<T>(
    dir: &Path,
    create: impl Fn(&Path) -> std::io::Result<T>,
) -> std::io::Result<PathBuf> {
    for _ in 0..16 {
        let path = dir.join(temp_name());
        match create(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "无法创建临时文件",
    ))
}

/// A new, empty temporary folder in `dir`.
pub fn create_temp_dir(dir: &Path) -> std::io::Result<PathBuf> {
    create_temp(dir, |p| std::fs::create_dir(p))
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// that a reader never sees half a file and a failed write leaves the previous file intact.
/// The temporary file is removed when anything fails. A symlink at `path` is replaced, not
/// followed.
///
/// The temporary file is not flushed to disk (fsync) before the rename: outputs are derived
/// from the policy files and rebuilt in seconds. The policy files themselves are never written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let tmp = create_temp(dir, |p| write_new(p, bytes))?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Removes whatever is at `path` (a folder with everything in it, a file, or a link — never
/// what a link points to).
fn remove_any(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Whether the temporary file `name` was left by a build that is no longer running: its
/// process is gone (read from /proc where there is one), or, where it cannot be told, it is
/// over an hour old. Names of the older scheme (`.notice.md.policyc-tmp-<pid>`) count too.
fn is_leftover(name: &str, path: &Path) -> bool {
    let Some(after) = name.split(TEMP_PREFIX).nth(1).or_else(|| {
        name.strip_prefix('.')
            .and_then(|n| n.split(".policyc-tmp-").nth(1))
    }) else {
        return false;
    };
    let pid = after.split('-').next().and_then(|p| p.parse::<u32>().ok());
    let proc_fs = Path::new("/proc/self").exists();
    match pid {
        Some(pid) if pid == std::process::id() => false,
        Some(pid) if proc_fs => !Path::new("/proc").join(pid.to_string()).exists(),
        _ => std::fs::symlink_metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600),
    }
}

/// Removes the temporary files and folders that earlier builds left in `out` (killed, or
/// stopped by a full disk). Returns how many were removed.
pub fn remove_leftovers(out: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(out) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            is_leftover(&name, &e.path()) && remove_any(&e.path()).is_ok()
        })
        .count()
}

/// Whether `dir` is a policy folder a build of policyc made: a real folder (not a link)
/// holding the marker file, or one made before there was a marker (it holds model.json), or
/// an empty one.
pub fn is_policyc_folder(dir: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    dir.join(MARKER).is_file()
        || dir.join("model.json").is_file()
        || std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// Why `target` cannot be replaced by a build: something of the user's stands there.
fn not_ours(target: &Path) -> String {
    format!(
        "{} 已存在，但不是 policyc 生成的输出文件夹；为免覆盖，没有写入。请换一个输出文件夹，或移走它",
        target.display()
    )
}

/// A policy's output folder being built: a fresh temporary folder in the output folder,
/// marked as policyc's, swapped in place of the previous build's folder by [`Self::finish`].
pub struct FreshFolder {
    path: PathBuf,
    swapped_in: bool,
}

impl FreshFolder {
    pub fn new(out: &Path) -> std::io::Result<FreshFolder> {
        let path = create_temp_dir(out)?;
        let fresh = FreshFolder {
            path,
            swapped_in: false,
        };
        write_new(&fresh.path.join(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(fresh)
    }

    /// Writes one file of the folder (`rel` is checked by the caller).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        let target = self.path.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        write_new(&target, bytes)
    }

    /// Creates one file of the folder (`rel` is checked by the caller) and lets `fill` write
    /// into it as it makes the bytes, through a buffer, so that an output larger than the
    /// model (model.json of a large table) is never held whole. The file is created
    /// exclusively, like [`Self::write`]'s, and removed when anything fails. `Err` says
    /// whether the file could not be written (disk full, …) or `fill` failed.
    pub fn write_with(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
    ) -> Result<(), StreamError> {
        let target = self.path.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(StreamError::Io)?;
        }
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .map_err(StreamError::Io)?;
        let mut sink = ErrorKeeping {
            inner: std::io::BufWriter::with_capacity(1 << 16, file),
            error: None,
        };
        let filled = fill(&mut sink);
        let flushed = sink.flush();
        let result = match (sink.error.take(), filled, flushed) {
            // An error of the file itself is what the user must hear about, whatever the
            // writer made of it.
            (Some(e), _, _) => Err(StreamError::Io(e)),
            (None, Err(e), _) => Err(StreamError::Writer(e)),
            (None, Ok(()), Err(e)) => Err(StreamError::Io(e)),
            (None, Ok(()), Ok(())) => Ok(()),
        };
        if result.is_err() {
            drop(sink);
            let _ = std::fs::remove_file(&target);
        }
        result
    }

    /// Puts the folder in place of `target`: the previous build's folder is moved aside and
    /// removed. Refused, and the fresh folder removed, when `target` is not policyc's.
    pub fn finish(mut self, target: &Path) -> Result<(), String> {
        swap_in(&self.path, target)?;
        self.swapped_in = true;
        Ok(())
    }
}

/// Why a streamed file could not be made.
#[derive(Debug)]
pub enum StreamError {
    /// The file could not be created or written.
    Io(std::io::Error),
    /// The writer failed for a reason of its own.
    Writer(anyhow::Error),
}

/// A writer that keeps the first error of the file it writes to, so that it can be told
/// from a writer's own failure once the writer has wrapped it in an error of its own.
struct ErrorKeeping<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> ErrorKeeping<W> {
    fn keep<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        r.inspect_err(|e| {
            if self.error.is_none() {
                self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
            }
        })
    }
}

impl<W: Write> Write for ErrorKeeping<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.keep(r)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let r = self.inner.write_all(buf);
        self.keep(r)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.keep(r)
    }
}

impl Drop for FreshFolder {
    /// A folder that was not swapped in (refused, a panic, an early return) is removed.
    fn drop(&mut self) {
        if !self.swapped_in {
            let _ = remove_any(&self.path);
        }
    }
}

fn swap_in(fresh: &Path, target: &Path) -> Result<(), String> {
    let cannot = |e: std::io::Error| format!("无法写入 {}：{e}", target.display());
    let out = target.parent().unwrap_or(Path::new("."));
    let aside = match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(cannot(e)),
        Ok(_) if !is_policyc_folder(target) => return Err(not_ours(target)),
        Ok(_) => {
            let aside = out.join(temp_name());
            std::fs::rename(target, &aside).map_err(cannot)?;
            Some(aside)
        }
    };
    if let Err(e) = std::fs::rename(fresh, target) {
        if let Some(aside) = &aside {
            let _ = std::fs::rename(aside, target);
        }
        return Err(cannot(e));
    }
    if let Some(aside) = aside {
        // A failure here leaves a temporary folder that the next build removes.
        let _ = remove_any(&aside);
    }
    Ok(())
}

/// Removes a policy's folder left by an earlier build when this build writes nothing for
/// the policy (it no longer compiles), so that no older output stays looking current.
/// A folder that is not policyc's is left alone.
pub fn remove_stale(target: &Path) -> Result<(), String> {
    if std::fs::symlink_metadata(target).is_err() {
        return Ok(());
    }
    if !is_policyc_folder(target) {
        return Err(not_ours(target));
    }
    let aside = target.parent().unwrap_or(Path::new(".")).join(temp_name());
    std::fs::rename(target, &aside)
        .and_then(|()| remove_any(&aside))
        .map_err(|e| format!("无法删除上次构建的 {}：{e}", target.display()))
}

/// A folder name derived from a policy file's stem, which can neither leave the output
/// folder nor meet a top-level output or a temporary file: only the last path component is
/// used, names starting with `.` are refused, and every `.` becomes `_`. Top-level outputs
/// (index.html) all have a `.` in their name and temporary files start with one, so no
/// policy folder can ever take their place (`index.html.policy` → `index_html/`).
pub fn safe_stem(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    if stem.starts_with('.') {
        return None;
    }
    let clean: String = stem
        .chars()
        .map(|c| match c {
            '/' | '\\' | '\0' | '.' => '_',
            c => c,
        })
        .collect();
    match Path::new(&clean).components().next() {
        Some(Component::Normal(_)) => Some(clean),
        _ => None,
    }
}

/// The real path of `path`, as the system will resolve it when the folder is created:
/// each part that exists is resolved (symlinks followed, so a `..` after a link goes up from
/// where the link points), and the parts that do not exist yet are appended as written.
pub fn real_path(path: &Path) -> Result<PathBuf, String> {
    let mut cur = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir()
            .and_then(std::fs::canonicalize)
            .map_err(|e| format!("无法确定当前文件夹：{e}"))?
    };
    for c in path.components() {
        match c {
            Component::ParentDir => {
                cur.pop();
            }
            Component::CurDir => {}
            Component::Normal(n) => {
                cur.push(n);
                match std::fs::canonicalize(&cur) {
                    Ok(real) => cur = real,
                    // A link that points nowhere: where the folder would land is unclear.
                    Err(_) if std::fs::symlink_metadata(&cur).is_ok() => {
                        return Err(format!(
                            "输出路径中的 {} 无法解析（可能是指向不存在位置的链接）",
                            cur.display()
                        ))
                    }
                    Err(_) => {}
                }
            }
            c => cur.push(c),
        }
    }
    Ok(cur)
}

/// Why an output folder is refused: it is (or is inside) an input folder or the folder of
/// an input file, it holds an input file, it is in seeds/ or policies/, or it is a file.
/// Every path is compared by its real path ([`real_path`]).
pub fn refuse_output_dir(out: &Path, inputs: &[PathBuf], input_args: &[PathBuf]) -> Option<String> {
    let real = match real_path(out) {
        Ok(r) => r,
        Err(why) => return Some(why),
    };
    if real.exists() && !real.is_dir() {
        return Some(format!("输出路径 {} 是一个文件，不是文件夹", out.display()));
    }
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    for arg in input_args {
        if let Some(a) = canonical(arg).filter(|a| a.is_dir()) {
            if real.starts_with(&a) {
                return Some(format!(
                    "输出文件夹 {} 位于输入文件夹 {} 之内；请换一个输出文件夹，以免输出混入政策文件",
                    real.display(),
                    a.display()
                ));
            }
        }
    }
    for input in inputs {
        let Some(i) = canonical(input) else { continue };
        if let Some(folder) = i.parent() {
            if real == folder {
                return Some(format!(
                    "输出文件夹 {} 就是政策文件所在的文件夹；请换一个输出文件夹",
                    real.display()
                ));
            }
            if real.starts_with(folder) {
                return Some(format!(
                    "输出文件夹 {} 位于政策文件所在的文件夹 {} 之内；请换一个输出文件夹",
                    real.display(),
                    folder.display()
                ));
            }
        }
        if i.starts_with(&real) {
            return Some(format!(
                "输出文件夹 {} 包含输入文件 {}；生成的文件可能覆盖它",
                real.display(),
                i.display()
            ));
        }
    }
    for protected in ["seeds", "policies"] {
        let named = |p: &Path| p.components().any(|c| c.as_os_str() == protected);
        if named(&real) || named(out) {
            return Some(format!("不向 {protected}/ 中写入输出：{}", real.display()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("policyc-out-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::canonicalize(d).unwrap()
    }

    #[test]
    fn stems_cannot_escape_or_meet_top_level_outputs() {
        let stem = |p: &str| safe_stem(Path::new(p));
        assert_eq!(stem("policies/001_a.policy").as_deref(), Some("001_a"));
        assert_eq!(stem("../..policy"), None);
        assert_eq!(stem(".hidden.policy"), None);
        assert_eq!(stem("in/index.html.policy").as_deref(), Some("index_html"));
        assert_eq!(stem("a.b.c.policy").as_deref(), Some("a_b_c"));
        for p in [
            "index.html.policy",
            "x.policyc-tmp-1.policy",
            "好.json.policy",
        ] {
            let s = stem(p).unwrap();
            assert!(!s.contains('.') && !s.starts_with('.'), "{p} → {s}");
        }
    }

    #[test]
    fn atomic_write_replaces_whole_files_and_leaves_nothing() {
        let dir = temp("atomic");
        let p = dir.join("a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        // A failed rename (a folder stands at the target) removes the temporary file.
        std::fs::create_dir_all(dir.join("b.txt/x")).unwrap();
        assert!(write_atomic(&dir.join("b.txt"), b"x").is_err());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn temporary_names_are_unpredictable_and_never_follow_a_planted_link() {
        let a = temp_name();
        let b = temp_name();
        assert!(a.starts_with(TEMP_PREFIX) && a != b);
        assert!(a.contains(&format!("-{}-", std::process::id())));
        let dir = temp("planted");
        let victim = dir.join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = dir.join("link");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(write_new(&link, b"evil").is_err());
        // A dangling link as well: create_new does not create through it.
        let dangling = dir.join("dangling");
        std::os::unix::fs::symlink(dir.join("nowhere"), &dangling).unwrap();
        assert!(write_new(&dangling, b"evil").is_err());
        assert!(!dir.join("nowhere").exists());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn leftovers_of_dead_builds_are_removed_and_running_ones_kept() {
        let dir = temp("leftovers");
        // u32::MAX - 1 is past any pid_max: no process has it.
        let dead = format!("{TEMP_PREFIX}{}-0123456789abcdef", u32::MAX - 1);
        std::fs::create_dir_all(dir.join(&dead).join("sub")).unwrap();
        std::fs::write(dir.join(format!("{TEMP_PREFIX}{}-ff", u32::MAX - 1)), "x").unwrap();
        std::fs::write(
            dir.join(format!(".notice.md.policyc-tmp-{}", u32::MAX - 1)),
            "x",
        )
        .unwrap();
        let mine = dir.join(temp_name());
        std::fs::write(&mine, "x").unwrap();
        std::fs::write(dir.join("index.html"), "x").unwrap();
        assert_eq!(remove_leftovers(&dir), 3);
        let mut left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        left.sort();
        assert_eq!(left, vec![mine, dir.join("index.html")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_fresh_folder_replaces_only_policyc_folders() {
        let dir = temp("fresh");
        let target = dir.join("甲");
        for round in 0..2 {
            let fresh = FreshFolder::new(&dir).unwrap();
            fresh.write(&format!("f{round}.txt"), b"x").unwrap();
            fresh.write("gantt/sub.svg", b"x").unwrap();
            fresh.finish(&target).unwrap();
            assert!(target.join(format!("f{round}.txt")).is_file());
        }
        // The first build's file is gone with its folder.
        assert!(!target.join("f0.txt").exists());
        // A user's folder of the same name, or a link, is never replaced.
        let users = dir.join("文档");
        std::fs::create_dir_all(&users).unwrap();
        std::fs::write(users.join("mine.docx"), "mine").unwrap();
        let link = dir.join("link");
        std::os::unix::fs::symlink(&users, &link).unwrap();
        for t in [&users, &link] {
            let fresh = FreshFolder::new(&dir).unwrap();
            assert!(fresh.finish(t).unwrap_err().contains("不是 policyc 生成的"));
            assert!(remove_stale(t).is_err());
        }
        assert_eq!(
            std::fs::read_to_string(users.join("mine.docx")).unwrap(),
            "mine"
        );
        // An unfinished folder is removed when dropped; a stale policyc folder on request.
        drop(FreshFolder::new(&dir).unwrap());
        remove_stale(&target).unwrap();
        let mut left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, vec!["link", "文档"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn streamed_files_are_created_new_and_removed_when_they_fail() {
        let dir = temp("streamed");
        let fresh = FreshFolder::new(&dir).unwrap();
        fresh
            .write_with("gantt/big.json", |w| {
                for _ in 0..100_000 {
                    w.write_all(b"0123456789")?;
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(
            std::fs::metadata(fresh.path.join("gantt/big.json"))
                .unwrap()
                .len(),
            1_000_000
        );
        // A writer that fails halfway leaves no half file.
        let failed = fresh.write_with("model.json", |w| {
            w.write_all(b"{\"half\":")?;
            anyhow::bail!("no more")
        });
        assert!(matches!(failed, Err(StreamError::Writer(_))));
        assert!(!fresh.path.join("model.json").exists());
        // A link planted under the name is not followed.
        let victim = dir.join("victim");
        std::fs::write(&victim, "keep").unwrap();
        std::os::unix::fs::symlink(&victim, fresh.path.join("planted")).unwrap();
        let planted = fresh.write_with("planted", |w| Ok(w.write_all(b"evil")?));
        assert!(matches!(planted, Err(StreamError::Io(_))));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        drop(fresh);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn real_paths_resolve_links_before_parent_folders() {
        let dir = temp("real");
        std::fs::create_dir_all(dir.join("work/policies")).unwrap();
        std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(dir.join("work/policies"), dir.join("elsewhere/link")).unwrap();
        // link/.. is work/, where the link points, not elsewhere/.
        let p = real_path(&dir.join("elsewhere/link/../in")).unwrap();
        assert_eq!(p, dir.join("work/in"));
        // A folder not yet made under a link lands under the link's target.
        let p = real_path(&dir.join("elsewhere/link/new/deeper")).unwrap();
        assert_eq!(p, dir.join("work/policies/new/deeper"));
        // `..` after a folder not yet made stays lexical.
        let p = real_path(&dir.join("elsewhere/new/../link/x")).unwrap();
        assert_eq!(p, dir.join("work/policies/x"));
        std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("dangling")).unwrap();
        assert!(real_path(&dir.join("dangling/x")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
