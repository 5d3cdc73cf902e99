//! The command line's help in Chinese, clap's own words too (用法, 命令, 参数, 选项), with
//! examples for each command, and argument errors worded in Chinese.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory};

use super::{Cli, EXIT_FAILED, EXIT_OK};

/// The layout of every help page: clap's headings replaced by Chinese ones.
const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

pub(super) const MAIN_EXAMPLES: &str = "\
示例：
  policyc init 旗节能改造方案          新建一个带说明注释的政策文件
  policyc check policies/              检查文件夹中的全部政策文件
  policyc build policies/ -o out/      检查并生成任务分解表、甘特图和通知文稿
  policyc fmt policies/                整理格式
  policyc explain E0020                查看诊断代码的说明
  policyc help check                   查看某个命令的帮助";

pub(super) const CHECK_EXAMPLES: &str = "\
示例：
  policyc check 方案.policy
  policyc check policies/ --errors-only
  policyc check policies/ --format json > 问题.json
  policyc check policies/ --format sarif > 问题.sarif

退出状态：0 没有错误；1 发现错误；2 有文件无法编译（语法错误、无法读取）。";

pub(super) const BUILD_EXAMPLES: &str = "\
示例：
  policyc build 方案.policy -o out/
  policyc build policies/ -o out/ --quiet
  policyc build policies/ -o out/ --templates 本单位模板/ --deny-errors
  policyc build 方案.policy -o out/ --examples      通知文稿中印出补贴规则的算例

每个政策文件的输出写入 out/<文件名>/，总览在 out/index.html。";

pub(super) const FMT_EXAMPLES: &str = "\
示例：
  policyc fmt 方案.policy
  policyc fmt policies/
  policyc fmt --check policies/        只检查（用于持续集成）

只改排版（缩进、空格、对齐、全角标点），不改内容；有语法错误的文件不会被改写。";

pub(super) const INIT_EXAMPLES: &str = "\
示例：
  policyc init
  policyc init 旗节能改造方案
  policyc check 旗节能改造方案.policy";

pub(super) const EXPORT_EXAMPLES: &str = "\
示例：
  policyc export 方案.policy
  policyc export 方案.policy --format yaml";

pub(super) const IMPORT_EXAMPLES: &str = "\
示例：
  policyc import 通知.docx -o 方案.policy
  policyc import 通知.txt > 方案.policy";

pub(super) const EXPLAIN_EXAMPLES: &str = "\
示例：
  policyc explain
  policyc explain A101";

pub(super) const SERVE_EXAMPLES: &str = "\
示例：
  policyc serve 方案.policy
  policyc serve policies/
  policyc serve policies/ --port 9000

打开打印出的地址（如 http://127.0.0.1:8421/）；保存文件后页面自动更新。";

pub(super) const LSP_EXAMPLES: &str = "\
示例：
  policyc lsp

由编辑器启动，经标准输入输出通信；VS Code 扩展在 editors/vscode，用法见 docs/editors.md。";

pub(super) const COMPLETIONS_EXAMPLES: &str = "\
示例：
  policyc completions bash > ~/.local/share/bash-completion/completions/policyc
  policyc completions zsh > ~/.zfunc/_policyc
  policyc completions fish > ~/.config/fish/completions/policyc.fish
  policyc completions powershell >> $PROFILE";

/// The command with Chinese help on every level.
pub(super) fn command() -> clap::Command {
    localize(Cli::command(), "policyc")
}

/// Chinese headings, help and version flags, defaults and choices for `cmd` (called `name`
/// on the command line), and for each of its subcommands.
fn localize(cmd: clap::Command, name: &str) -> clap::Command {
    let top = name == "policyc";
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .mut_args(localize_arg)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    }
    // clap writes [OPTIONS] into the usage line: render it once and say 选项 instead.
    let usage = cmd
        .clone()
        .bin_name(name)
        .render_usage()
        .to_string()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>");
    cmd = cmd.override_usage(usage);
    let parent = name.to_string();
    cmd.mut_subcommands(|sub| {
        let full = format!("{parent} {}", sub.get_name());
        localize(sub, &full)
    })
}

/// A heading in Chinese, and the default and the choices said in the help text rather than
/// in clap's English brackets.
fn localize_arg(a: Arg) -> Arg {
    let heading = if a.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let a = if a.get_help_heading().is_some() {
        a
    } else {
        a.help_heading(heading)
    };
    let choices: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let default: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    // Switches (--quiet) have possible values true/false and a default of false: nothing to say.
    if a.get_action().takes_values() && (!choices.is_empty() || !default.is_empty()) {
        let mut extra = Vec::new();
        if !choices.is_empty() {
            extra.push(format!("可选 {}", choices.join("、")));
        }
        if !default.is_empty() {
            extra.push(format!("默认 {}", default.join("、")));
        }
        let help = a.get_help().map(ToString::to_string).unwrap_or_default();
        a.help(format!("{help}（{}）", extra.join("；")))
            .hide_possible_values(true)
            .hide_default_value(true)
    } else {
        a
    }
}

/// Parses the command line; help and version are printed and the process ends, argument
/// errors are told in Chinese with the usage of the command concerned.
pub(super) fn parse_args(mut cmd: clap::Command) -> clap::ArgMatches {
    match cmd.try_get_matches_from_mut(negative_amounts(std::env::args_os().collect())) {
        Ok(m) => m,
        Err(e) => exit_with(e),
    }
}

/// `policyc calc … -5元`: an amount that starts with a minus sign and a digit is a negative
/// amount (which calc reports), not an option; its minus is read as the full-width －, which
/// calc reads the same and clap does not take for an option. Other commands are untouched.
fn negative_amounts(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let calc = args
        .iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'));
    if calc.is_some_and(|c| c == "calc") {
        for a in args.iter_mut().skip(2) {
            let s = a.to_string_lossy();
            let mut chars = s.chars();
            if chars.next() == Some('-')
                && chars
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                *a = format!("－{}", &s[1..]).into();
            }
        }
    }
    args
}

/// Ends the process for a clap error: help and version on stdout with status 0, anything
/// else on stderr, in Chinese, with status 2.
pub(super) fn exit_with(e: clap::Error) -> ! {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            std::process::exit(
                if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    i32::from(EXIT_FAILED)
                } else {
                    i32::from(EXIT_OK)
                },
            );
        }
        _ => {
            eprintln!("policyc: {}", chinese(&e));
            if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
                let usage = usage.to_string();
                let usage = usage.trim().trim_start_matches("Usage:").trim();
                eprintln!("\n用法：{usage}");
            }
            eprintln!("\n运行 policyc help 查看全部命令，policyc help 命令 查看某个命令的帮助");
            std::process::exit(i32::from(EXIT_FAILED));
        }
    }
}

/// What went wrong, in Chinese, with the argument and value concerned.
fn chinese(e: &clap::Error) -> String {
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let mut s = format!("没有命令“{}”", context(ContextKind::InvalidSubcommand));
            let suggested = context(ContextKind::SuggestedSubcommand);
            if !suggested.is_empty() {
                s.push_str(&format!("；是否想写“{suggested}”？"));
            }
            s
        }
        ErrorKind::UnknownArgument => {
            let mut s = format!("无法识别的选项“{arg}”");
            let suggested = context(ContextKind::SuggestedArg);
            if !suggested.is_empty() {
                s.push_str(&format!("；是否想写“{suggested}”？"));
            }
            s
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("{arg} 的值“{value}”无效")
            } else {
                format!("{arg} 的值“{value}”无效；可选：{valid}")
            }
        }
        ErrorKind::NoEquals | ErrorKind::ValueValidation => {
            format!("{arg} 的值“{value}”无效")
        }
        ErrorKind::TooManyValues => format!("多余的参数“{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值的个数不对")
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} 不能与 {} 同时使用", context(ContextKind::PriorArg))
        }
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文字".to_string(),
        _ => format!("命令行有误（{}）", e.kind()),
    }
}

/// `policyc help [命令]`: the help of the program or of one command.
pub(super) fn print_help(name: Option<&str>) -> u8 {
    let mut cmd = command();
    cmd.build();
    let target = match name {
        None => Some(&mut cmd),
        Some(name) => cmd.find_subcommand_mut(name),
    };
    match target {
        Some(target) => {
            let help = target.render_help();
            print!("{help}");
            EXIT_OK
        }
        None => {
            eprintln!(
                "policyc: 没有命令“{}”；运行 policyc help 查看全部命令",
                name.unwrap_or_default()
            );
            EXIT_FAILED
        }
    }
}
