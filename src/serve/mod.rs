//! `policyc serve`: a live preview in the browser, on 127.0.0.1 only.
//!
//! A watcher thread looks at every policy file (and, for folders, at which files there are)
//! every [`POLL`]; a file whose modification time or size changed is compiled and rendered
//! again, and every open page is told over server-sent events, so that it fetches the new
//! view and swaps it in without reloading. Polling rather than file-system notifications:
//! editors save in many ways (in place, through a temporary file and a rename, over a
//! network share), and looking at a few files twenty times a second sees all of them at no
//! measurable cost.

mod http;
mod view;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::driver::collect_inputs;
use crate::render::Templates;

pub use view::{file_view, FileView};

/// How often the files are looked at.
pub const POLL: Duration = Duration::from_millis(40);

/// How often folders are searched again for files added or removed.
const RESCAN: Duration = Duration::from_secs(1);

/// One watched file.
struct Entry {
    path: PathBuf,
    /// The name the page shows: its path below the folder given, or its file name.
    name: String,
    /// Modification time and size when last compiled.
    stamp: Option<(SystemTime, u64)>,
    /// Counts compilations, so that a page can tell a new view from one it has.
    version: u64,
    /// The view as JSON, ready to send.
    json: Arc<String>,
    title: String,
    counts: (usize, usize, usize),
    /// How long the last compilation and rendering took.
    took: Duration,
}

/// What the watcher and the HTTP handlers share.
pub struct Shared {
    entries: Mutex<Vec<Entry>>,
    /// One sender per open event stream; a closed stream's sender is dropped on the next
    /// message.
    streams: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    fn broadcast(&self, event: &str, data: &str) {
        let message = format!("event: {event}\ndata: {data}\n\n");
        let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
        streams.retain(|s| s.send(message.clone()).is_ok());
    }

    /// The file list as JSON.
    fn list_json(&self) -> String {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let list: Vec<serde_json::Value> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                serde_json::json!({
                    "index": i,
                    "name": e.name,
                    "title": e.title,
                    "version": e.version,
                    "errors": e.counts.0,
                    "warnings": e.counts.1,
                    "notes": e.counts.2,
                    "took_ms": e.took.as_secs_f64() * 1000.0,
                })
            })
            .collect();
        serde_json::Value::Array(list).to_string()
    }

    fn file_json(&self, index: usize) -> Option<Arc<String>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(index).map(|e| e.json.clone())
    }
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Compiles a file into its entry.
fn refresh(entry: &mut Entry, templates: &Templates) {
    let started = Instant::now();
    entry.stamp = stamp(&entry.path);
    let view = file_view(&entry.path, &entry.name, templates);
    entry.version += 1;
    entry.title = view.title.clone();
    entry.counts = (view.errors, view.warnings, view.notes);
    let mut json = serde_json::to_value(&view).unwrap_or_default();
    json["version"] = entry.version.into();
    entry.json = Arc::new(json.to_string());
    entry.took = started.elapsed();
}

fn new_entry(path: PathBuf, name: String) -> Entry {
    Entry {
        path,
        name,
        stamp: None,
        version: 0,
        json: Arc::new("{}".into()),
        title: String::new(),
        counts: (0, 0, 0),
        took: Duration::ZERO,
    }
}

/// The files to watch, with their names.
fn inputs(paths: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let files = collect_inputs(paths);
    let names = crate::cli::shown_names(paths, &files);
    files.into_iter().zip(names).collect()
}

/// Watches the files for ever: compiles what changed and tells the pages.
fn watch(shared: &Shared, paths: &[PathBuf], templates: &Templates) {
    let mut last_scan = Instant::now();
    loop {
        std::thread::sleep(POLL);
        if last_scan.elapsed() >= RESCAN {
            last_scan = Instant::now();
            let found = inputs(paths);
            let mut entries = shared.entries.lock().unwrap_or_else(|e| e.into_inner());
            let same = found.len() == entries.len()
                && found
                    .iter()
                    .zip(entries.iter())
                    .all(|((p, _), e)| *p == e.path);
            if !same {
                let mut old: Vec<Entry> = std::mem::take(&mut *entries);
                for (path, name) in found {
                    match old.iter().position(|e| e.path == path) {
                        Some(i) => entries.push(old.swap_remove(i)),
                        None => {
                            let mut e = new_entry(path, name);
                            refresh(&mut e, templates);
                            entries.push(e);
                        }
                    }
                }
                drop(entries);
                shared.broadcast("files", &shared.list_json());
            }
        }
        let changed: Vec<(usize, PathBuf, String)> = {
            let entries = shared.entries.lock().unwrap_or_else(|e| e.into_inner());
            entries
                .iter()
                .enumerate()
                .filter(|(_, e)| stamp(&e.path) != e.stamp)
                .map(|(i, e)| (i, e.path.clone(), e.name.clone()))
                .collect()
        };
        for (index, path, name) in changed {
            // Compiled outside the lock, so that pages are served meanwhile.
            let mut entry = new_entry(path, name);
            refresh(&mut entry, templates);
            let mut entries = shared.entries.lock().unwrap_or_else(|e| e.into_inner());
            let Some(slot) = entries.get_mut(index).filter(|e| e.path == entry.path) else {
                continue;
            };
            entry.version = slot.version + 1;
            let mut json: serde_json::Value = serde_json::from_str(&entry.json).unwrap_or_default();
            json["version"] = entry.version.into();
            entry.json = Arc::new(json.to_string());
            *slot = entry;
            let data = serde_json::json!({"index": index, "version": slot.version}).to_string();
            drop(entries);
            shared.broadcast("update", &data);
        }
    }
}

/// Runs the preview: compiles every file, serves the page on 127.0.0.1:`port` (0: any free
/// port), prints its address and watches the files until the process is stopped.
pub fn run(paths: &[PathBuf], port: u16) -> u8 {
    let found = inputs(paths);
    if found.is_empty() {
        eprintln!("policyc: 没有找到 .policy 文件");
        return crate::cli::EXIT_FAILED;
    }
    let templates = Templates::builtin();
    let entries: Vec<Entry> = found
        .into_iter()
        .map(|(path, name)| {
            let mut e = new_entry(path, name);
            refresh(&mut e, &templates);
            e
        })
        .collect();
    let server = match tiny_http::Server::http(("127.0.0.1", port)) {
        Ok(s) => s,
        Err(e) => {
            let mut map = crate::diagnostics::SourceMap::new();
            let file = map.add(format!("127.0.0.1:{port}"), String::new());
            let d = crate::diagnostics::Diagnostic::from_code(
                "E0600",
                format!("预览服务无法在 127.0.0.1:{port} 上启动：{e}"),
                file,
            )
            .with_help("用 --port 换一个端口，例如 --port 9000；--port 0 任选一个空闲端口");
            eprint!("{}", crate::diagnostics::render_human(&map, &[d], false));
            return crate::cli::EXIT_FAILED;
        }
    };
    let port = server.server_addr().to_ip().map_or(port, |a| a.port());
    let shared = Arc::new(Shared {
        entries: Mutex::new(entries),
        streams: Mutex::new(Vec::new()),
    });
    {
        let shared = shared.clone();
        let paths = paths.to_vec();
        std::thread::spawn(move || watch(&shared, &paths, &templates));
    }
    // Nobody may be reading the output (a closed pipe): the preview goes on regardless.
    use std::io::Write as _;
    let mut out = std::io::stdout();
    let _ = writeln!(out, "预览地址：http://127.0.0.1:{port}/")
        .and_then(|()| writeln!(out, "保存文件后页面自动更新；按 Ctrl+C 停止。"))
        .and_then(|()| out.flush());
    http::serve(&server, &shared, port);
    crate::cli::EXIT_OK
}
