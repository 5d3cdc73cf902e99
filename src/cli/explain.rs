//! `policyc explain`: what a diagnostic code means.

use super::{EXIT_FAILED, EXIT_OK};
use crate::diagnostics::codes;

pub fn run(code: Option<&str>) -> u8 {
    match code {
        None => {
            for c in codes::CODES.iter() {
                println!("{:<5}  {:<7} {}", c.code, c.severity.label_zh(), c.title);
            }
            EXIT_OK
        }
        Some(code) => match codes::explain(code) {
            Some(text) => {
                println!("{text}");
                EXIT_OK
            }
            None => {
                eprintln!("policyc: 没有诊断代码“{code}”；运行 policyc explain 查看全部代码");
                EXIT_FAILED
            }
        },
    }
}
