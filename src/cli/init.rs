//! `policyc init [名称]`: a commented starting file for a new notice.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EXIT_FAILED, EXIT_OK};

/// The starting file: every common statement once, with a comment saying what it is for. It
/// compiles without errors and is in `policyc fmt`'s layout (tests/cli.rs checks both).
pub const STARTER: &str = include_str!("starter.policy.txt");

/// The file written when no name is given.
const DEFAULT_NAME: &str = "新通知.policy";

pub fn run(name: Option<&Path>, force: bool) -> u8 {
    let path = match name {
        None => PathBuf::from(DEFAULT_NAME),
        Some(n) if n.extension().is_some_and(|x| x == "policy") => n.to_path_buf(),
        Some(n) => {
            let mut p = n.as_os_str().to_owned();
            p.push(".policy");
            PathBuf::from(p)
        }
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let written = options
        .open(&path)
        .and_then(|mut f| f.write_all(STARTER.as_bytes()));
    match written {
        Ok(()) => {
            println!("已新建 {}", path.display());
            println!(
                "下一步：按注释改写其中的内容，然后运行 policyc check {}",
                path.display()
            );
            EXIT_OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "policyc: {} 已存在，没有改动它；换一个名称，或加 --force 覆盖",
                path.display()
            );
            EXIT_FAILED
        }
        Err(e) => {
            eprintln!("policyc: 无法写入 {}：{e}", path.display());
            EXIT_FAILED
        }
    }
}
