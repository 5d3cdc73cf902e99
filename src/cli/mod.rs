//! Command-line interface: `check`, `build`, `export`, `import`, `serve`, `lsp`, `explain`.

mod build;
mod check;
mod explain;
mod export;
mod import;
pub mod output;

pub(crate) use build::shown_names;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostics::{self, Diagnostic, SourceMap};

/// policyc — 政策文件编译器：检查实施方案中的数字、日期与责任分工，并生成任务分解表、附件表格、甘特图和通知文稿。
#[derive(Parser)]
#[command(name = "policyc", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查政策文件（文件，或在文件夹中查找 *.policy），打印发现的问题
    Check {
        /// 政策文件或文件夹
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// 终端颜色
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    /// 检查并为每个政策文件生成全部输出，写入 DIR/<文件名>/
    Build {
        /// 政策文件或文件夹
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 输出文件夹
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: PathBuf,
        /// 本单位的模板文件夹：其中与内置模板同名的文件优先使用，其余仍用内置模板
        #[arg(long = "templates", value_name = "DIR")]
        templates: Option<PathBuf>,
        /// 发现错误时以状态 1 退出（默认只要文件能编译就以 0 退出）
        #[arg(long)]
        deny_errors: bool,
        /// 终端颜色
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    /// 导出类型化模型（JSON 或 YAML）
    Export {
        /// 政策文件
        file: PathBuf,
        /// 导出格式
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
    /// 从已发布的通知（.txt、.docx、.html、.md）导入政策文件草稿
    Import {
        /// 通知文件
        notice: PathBuf,
        /// 写入的政策文件（省略时打印到标准输出）；已存在时不覆盖
        #[arg(short = 'o', long = "out", value_name = "FILE.policy")]
        out: Option<PathBuf>,
        /// 覆盖已存在的输出文件
        #[arg(long)]
        force: bool,
    },
    /// 在浏览器中实时预览：通知文稿、任务分解表、甘特图和检查发现的问题，保存文件后自动更新
    Serve {
        /// 政策文件或文件夹
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 端口（只在本机 127.0.0.1 上提供）；0 表示任选一个空闲端口
        #[arg(long, default_value_t = 8421)]
        port: u16,
    },
    /// 语言服务器（LSP，经标准输入输出通信），供编辑器提示问题、悬停说明、跳转和补全
    Lsp,
    /// 解释诊断代码的含义，并给出示例
    Explain {
        /// 诊断代码，如 E0001；省略时列出全部代码
        code: Option<String>,
    },
}

/// How diagnostics are printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

/// Whether diagnostics are coloured.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

impl Color {
    fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        }
    }
}

/// Model export formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Yaml,
}

/// Exit status: no error found.
pub const EXIT_OK: u8 = 0;
/// Exit status: the policies compiled, but errors were found.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: a file could not be compiled (syntax error, unreadable, not UTF-8).
pub const EXIT_FAILED: u8 = 2;

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check {
            paths,
            format,
            color,
        } => check::run(&paths, format, color.enabled()),
        Command::Build {
            paths,
            out,
            templates,
            deny_errors,
            color,
        } => build::run(
            &paths,
            &out,
            templates.as_deref(),
            deny_errors,
            color.enabled(),
        ),
        Command::Export { file, format } => export::run(&file, format),
        Command::Import { notice, out, force } => import::run(&notice, out.as_deref(), force),
        Command::Serve { paths, port } => crate::serve::run(&paths, port),
        Command::Lsp => crate::lsp::run(),
        Command::Explain { code } => explain::run(code.as_deref()),
    };
    ExitCode::from(code)
}

/// Prints diagnostics in the chosen format to stdout.
fn print_diagnostics(map: &SourceMap, diags: &[Diagnostic], format: Format, color: bool) {
    match format {
        Format::Human => {
            print!("{}", diagnostics::human::render_human(map, diags, color));
            println!(
                "{}",
                diagnostics::human::render_summary(diagnostics::Counts::of(diags))
            );
        }
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&diagnostics::json::to_json(map, diags))
                .expect("JSON values serialise")
        ),
        Format::Sarif => println!(
            "{}",
            serde_json::to_string_pretty(&diagnostics::sarif::to_sarif(
                map,
                diags,
                env!("CARGO_PKG_VERSION")
            ))
            .expect("JSON values serialise")
        ),
    }
}
