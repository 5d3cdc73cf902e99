//! Command-line interface: `check`, `build`, `export`, `import`, `explain`, `fmt`, `init`,
//! `completions`, `help`, `serve`, `lsp`. Help is in Chinese throughout, clap's own words
//! included (`help.rs`).

mod build;
mod calc;
mod check;
mod explain;
mod export;
mod fmt;
mod help;
mod import;
mod init;
pub mod output;

pub(crate) use build::shown_names;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::diagnostics::{self, Diagnostic, Severity, SourceMap};

/// policyc — 政策文件编译器：检查实施方案中的数字、日期与责任分工，并生成任务分解表、附件表格、甘特图和通知文稿。
#[derive(Parser)]
#[command(name = "policyc", version, long_about = None)]
#[command(after_help = help::MAIN_EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How findings are reported by `check` and `build`.
#[derive(Args, Clone, Copy)]
pub struct Reporting {
    /// 只打印发现的问题，不打印统计和提示
    #[arg(short = 'q', long)]
    quiet: bool,
    /// 只报告错误，不报告警告和提示
    #[arg(long)]
    errors_only: bool,
    /// 终端颜色
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "何时")]
    color: Color,
}

#[derive(Subcommand)]
enum Command {
    /// 检查政策文件（文件，或在文件夹中查找 *.policy），打印发现的问题
    #[command(after_help = help::CHECK_EXAMPLES)]
    Check {
        /// 政策文件或文件夹
        #[arg(required = true, value_name = "路径")]
        paths: Vec<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = Format::Human, value_name = "格式")]
        format: Format,
        #[command(flatten)]
        reporting: Reporting,
    },
    /// 检查并为每个政策文件生成全部输出，写入 DIR/<文件名>/
    #[command(after_help = help::BUILD_EXAMPLES)]
    Build {
        /// 政策文件或文件夹
        #[arg(required = true, value_name = "路径")]
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
        /// 在通知文稿中印出补贴规则的算例（例：…），印在规则所在的位置；默认只印原文
        #[arg(long)]
        examples: bool,
        #[command(flatten)]
        reporting: Reporting,
    },
    /// 把政策文件整理成统一的格式（缩进、空格、对齐、标点），不改变内容
    #[command(after_help = help::FMT_EXAMPLES)]
    Fmt {
        /// 政策文件或文件夹（省略时为当前文件夹）
        #[arg(value_name = "路径")]
        paths: Vec<PathBuf>,
        /// 只检查、不改写：有文件需要整理时打印差异并以状态 1 退出（用于持续集成）
        #[arg(long)]
        check: bool,
        /// 不打印统计
        #[arg(short = 'q', long)]
        quiet: bool,
        /// 终端颜色
        #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "何时")]
        color: Color,
    },
    /// 新建一个带说明注释的政策文件，作为起草新通知的起点
    #[command(after_help = help::INIT_EXAMPLES)]
    Init {
        /// 文件名（省略时为“新通知.policy”；不带 .policy 时自动加上）
        #[arg(value_name = "名称")]
        name: Option<PathBuf>,
        /// 文件已存在时覆盖它
        #[arg(long)]
        force: bool,
    },
    /// 导出类型化模型（JSON 或 YAML）
    #[command(after_help = help::EXPORT_EXAMPLES)]
    Export {
        /// 政策文件
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 导出格式
        #[arg(long, value_enum, default_value_t = ExportFormat::Json, value_name = "格式")]
        format: ExportFormat,
    },
    /// 从已发布的通知（.txt、.docx、.html、.md）导入政策文件草稿
    #[command(after_help = help::IMPORT_EXAMPLES)]
    Import {
        /// 通知文件
        #[arg(value_name = "通知")]
        notice: PathBuf,
        /// 写入的政策文件（省略时打印到标准输出）；已存在时不覆盖
        #[arg(short = 'o', long = "out", value_name = "FILE.policy")]
        out: Option<PathBuf>,
        /// 覆盖已存在的输出文件
        #[arg(long)]
        force: bool,
    },
    /// 在浏览器中实时预览：通知文稿、任务分解表、甘特图和检查发现的问题，保存文件后自动更新
    #[command(after_help = help::SERVE_EXAMPLES)]
    Serve {
        /// 政策文件或文件夹
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 端口（只在本机 127.0.0.1 上提供）；0 表示任选一个空闲端口
        #[arg(long, default_value_t = 8421)]
        port: u16,
    },
    /// 语言服务器（LSP，经标准输入输出通信），供编辑器提示问题、悬停说明、跳转、补全和整理格式
    #[command(after_help = help::LSP_EXAMPLES)]
    Lsp,
    /// 计算补贴规则给出的金额：单个金额，或用 --roster 计算整份名册
    Calc {
        /// 政策文件
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 规则名，如 改造补贴
        #[arg(value_name = "规则")]
        rule: String,
        /// 输入金额，如 3.9万元 39999.99元（可写多个，每个算一户）；一户有几个输入时用“、”连写，如 3.9万元、80平方米
        #[arg(value_name = "金额")]
        amounts: Vec<String>,
        /// 农户名册（CSV，UTF-8 或 GBK；或 Excel .xlsx）：每行一户
        #[arg(long, value_name = "名册.csv|.xlsx")]
        roster: Option<PathBuf>,
        /// 写出每户结果（.csv 或 .xlsx）；已存在时不覆盖
        #[arg(short = 'o', long = "out", value_name = "结果.csv|.xlsx")]
        out: Option<PathBuf>,
        /// 与名册的补贴合计比较的预算：文件中一个金额的路径，如 总投资（其分项按资金来源比较）；可写多个
        #[arg(long = "budget", value_name = "路径")]
        budgets: Vec<String>,
        /// 结果文件已存在时覆盖它（名册本身从不覆盖）
        #[arg(long)]
        force: bool,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = calc::CalcFormat::Human, value_name = "格式")]
        format: calc::CalcFormat,
    },
    /// 解释诊断代码的含义，并给出示例
    #[command(after_help = help::EXPLAIN_EXAMPLES)]
    Explain {
        /// 诊断代码，如 E0001；省略时列出全部代码
        #[arg(value_name = "代码")]
        code: Option<String>,
    },
    /// 生成命令行补全脚本（bash、zsh、fish、powershell）
    #[command(after_help = help::COMPLETIONS_EXAMPLES)]
    Completions {
        /// 命令行外壳
        #[arg(value_enum, value_name = "外壳")]
        shell: clap_complete::Shell,
    },
    /// 显示帮助：policyc help 命令
    Help {
        /// 要查看帮助的命令
        #[arg(value_name = "命令")]
        command: Option<String>,
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
    let matches = help::parse_args(help::command());
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => help::exit_with(e),
    };
    let code = match cli.command {
        Command::Check {
            paths,
            format,
            reporting,
        } => check::run(&paths, format, reporting),
        Command::Build {
            paths,
            out,
            templates,
            deny_errors,
            examples,
            reporting,
        } => build::run(
            &paths,
            &out,
            templates.as_deref(),
            deny_errors,
            crate::render::notice::DraftOptions { examples },
            reporting,
        ),
        Command::Fmt {
            paths,
            check,
            quiet,
            color,
        } => fmt::run(&paths, check, quiet, color.enabled()),
        Command::Init { name, force } => init::run(name.as_deref(), force),
        Command::Export { file, format } => export::run(&file, format),
        Command::Import { notice, out, force } => import::run(&notice, out.as_deref(), force),
        Command::Serve { paths, port } => crate::serve::run(&paths, port),
        Command::Lsp => crate::lsp::run(),
        Command::Calc {
            file,
            rule,
            amounts,
            roster,
            out,
            budgets,
            force,
            format,
        } => calc::run(&calc::Request {
            file: &file,
            rule: &rule,
            amounts: &amounts,
            roster: roster.as_deref(),
            out: out.as_deref(),
            budgets: &budgets,
            force,
            format,
        }),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Completions { shell } => {
            // Written into memory first: clap_complete panics when its writer fails, and a
            // reader that stops early (`| head`) closes the pipe. Then as `print!` would:
            // a closed stdout ends the process quietly (src/main.rs).
            let mut cmd = help::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "policyc", &mut script);
            print!("{}", String::from_utf8_lossy(&script));
            EXIT_OK
        }
        Command::Help { command } => help::print_help(command.as_deref()),
    };
    ExitCode::from(code)
}

/// The diagnostics a run reports: all, or with `--errors-only` the errors alone.
fn reported(diags: Vec<Diagnostic>, reporting: Reporting) -> Vec<Diagnostic> {
    if reporting.errors_only {
        diags
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect()
    } else {
        diags
    }
}

/// Prints diagnostics in the chosen format to stdout; in the human format, then a line for
/// each file that has findings (when there are several files) and the totals, unless quiet.
fn print_diagnostics(map: &SourceMap, diags: &[Diagnostic], format: Format, reporting: Reporting) {
    let color = reporting.color.enabled();
    match format {
        Format::Human => {
            print!("{}", diagnostics::human::render_human(map, diags, color));
            if reporting.quiet {
                return;
            }
            let files: Vec<_> = map.files().collect();
            if files.len() > 1 {
                for (id, file) in &files {
                    let counts = diagnostics::Counts::of(diags.iter().filter(|d| d.file == *id));
                    if Severity::ALL.iter().any(|s| counts.get(*s) > 0) {
                        println!(
                            "{}：{}",
                            diagnostics::human::visible(&file.path),
                            diagnostics::human::render_summary(counts).trim_start_matches("共 ")
                        );
                    }
                }
            }
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
