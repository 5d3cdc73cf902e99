//! The `policyc` command.

use std::process::ExitCode;

/// mimalloc rather than the system's allocator: a build of a plan of 2,000 tasks makes and
/// drops millions of small strings and template values, and glibc's malloc and free were a
/// sixth of its instructions (docs/performance.md, TaskJuggler).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    quiet_on_closed_stdout();
    policyc::cli::run()
}

/// `policyc check … | head` closes stdout early; Rust's `print!` then panics ("failed
/// printing to stdout: Broken pipe"). A reader that stopped listening is not an error of
/// policyc's: exit at once and silently with the status a process killed by SIGPIPE has
/// (128 + 13), as C tools do. Every other panic keeps the default report.
fn quiet_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}
