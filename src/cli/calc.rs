//! `policyc calc POLICY RULE AMOUNT...` and `--roster FILE -o FILE`: what a subsidy rule
//! grants, in exact decimals (src/calc/). Problems are diagnostics with a caret: into the
//! policy file (the rule, its branches), into the command line (an amount that cannot be
//! read) or into a CSV roster (the bad cell).

use std::borrow::Cow;
use std::path::Path;

use super::{EXIT_FAILED, EXIT_FINDINGS, EXIT_OK};
use crate::calc::{self, amount, parse_inputs, roster, CalcError, Evaluator};
use crate::diagnostics::{human::render_human, Diagnostic, FileId, Severity, SourceMap, Span};
use crate::driver::compile_file;
use crate::model::{Policy, Rule};

/// Output of `calc`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CalcFormat {
    Human,
    Json,
}

/// What `calc` was asked.
pub struct Request<'a> {
    pub file: &'a Path,
    pub rule: &'a str,
    pub amounts: &'a [String],
    pub roster: Option<&'a Path>,
    pub out: Option<&'a Path>,
    pub budgets: &'a [String],
    pub force: bool,
    pub format: CalcFormat,
}

/// Where diagnostics go: the policy file, and the command line as a pseudo-file so that a
/// caret can point at the amount that is wrong.
struct Report {
    map: SourceMap,
    policy: FileId,
    cli: FileId,
    /// Byte range of each amount in the command line.
    amounts: Vec<Span>,
    shown: Vec<Diagnostic>,
}

impl Report {
    fn emit(&mut self, d: Diagnostic) {
        eprint!(
            "{}",
            render_human(&self.map, std::slice::from_ref(&d), false)
        );
        self.shown.push(d);
    }

    /// A problem with the command line, pointing at argument `arg` (an amount) if given.
    fn cli(&mut self, code: &'static str, message: String, arg: Option<usize>, help: Option<&str>) {
        let mut d = Diagnostic::from_code(code, message, self.cli);
        if let Some(span) = arg.and_then(|i| self.amounts.get(i)) {
            d = d.with_primary(*span, "这个输入");
        }
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.emit(d);
    }

    /// A calc error for amount `arg`: at the rule for a gap or a defect of the rule, at the
    /// amount otherwise.
    fn calc_error(&mut self, e: &CalcError, rule: Option<&Rule>, arg: Option<usize>) {
        match (e, rule) {
            (CalcError::Gap { .. }, Some(r)) => {
                let mut d = Diagnostic::from_code(e.code(), e.message(), self.policy)
                    .with_primary(r.span, "这条规则");
                for b in &r.branches {
                    d = d.with_secondary(b.span, "不包括这个输入");
                }
                if let Some(h) = e.help() {
                    d = d.with_help(h);
                }
                self.emit(d);
            }
            (CalcError::RuleUnit { .. }, Some(r)) => {
                let d = Diagnostic::from_code(e.code(), e.message(), self.policy)
                    .with_primary(r.span, "这条规则")
                    .with_help(e.help().unwrap_or_default());
                self.emit(d);
            }
            _ => self.cli(e.code(), e.message(), arg, e.help()),
        }
    }
}

/// The command line as typed, with the byte range of each amount.
fn command_line(req: &Request) -> (String, Vec<Span>) {
    let mut text = format!("policyc calc {} {}", req.file.display(), req.rule);
    let mut spans = Vec::new();
    for a in req.amounts {
        text.push(' ');
        spans.push(Span::new(text.len(), text.len() + a.len()));
        text.push_str(a);
    }
    text.push('\n');
    (text, spans)
}

pub fn run(req: &Request) -> u8 {
    let mut map = SourceMap::new();
    let compiled = compile_file(req.file, &mut map);
    let (line, amounts) = command_line(req);
    let cli = map.add("命令行", line);
    let mut report = Report {
        map,
        policy: compiled.file,
        cli,
        amounts,
        shown: Vec::new(),
    };
    let Some(policy) = &compiled.policy else {
        eprint!(
            "{}",
            render_human(&report.map, &compiled.diagnostics, false)
        );
        return EXIT_FAILED;
    };
    let subsidy = match calc::find_rule(policy, req.rule) {
        Ok(r) => r,
        Err(e) => {
            report.cli(e.code(), e.message(), None, None);
            return EXIT_FINDINGS;
        }
    };
    let unreliable = rule_errors(&mut report, &compiled.diagnostics, &subsidy.rule);
    let eval = subsidy.evaluator();
    let status = match req.roster {
        Some(path) => run_roster(&mut report, req, path, policy, &eval, unreliable),
        None => run_amounts(&mut report, req, &eval, unreliable),
    };
    if unreliable && status == EXIT_OK {
        EXIT_FINDINGS
    } else {
        status
    }
}

/// Errors of the file inside the rule are shown, and make every result unreliable (E0710,
/// exit status 1); errors elsewhere are counted in a note, as they do not touch the rule.
fn rule_errors(report: &mut Report, diags: &[Diagnostic], rule: &Rule) -> bool {
    let errors = diags.iter().filter(|d| d.severity == Severity::Error);
    let (inside, outside): (Vec<&Diagnostic>, Vec<&Diagnostic>) = errors.partition(|d| {
        d.primary_span()
            .is_some_and(|s| s.start >= rule.span.start && s.end <= rule.span.end)
    });
    for d in &inside {
        report.emit((*d).clone());
    }
    if !inside.is_empty() {
        let d = Diagnostic::from_code(
            "E0710",
            format!(
                "规则“{}”本身有 {} 个错误，下面算出的结果不可靠",
                rule.name,
                inside.len()
            ),
            report.policy,
        )
        .with_primary(rule.span, "这条规则")
        .with_help("先按上面的错误改正规则，再计算");
        report.emit(d);
    } else if !outside.is_empty() {
        eprintln!(
            "提示：文件另有 {} 个错误，都不在规则“{}”之内，不影响计算（policyc check 可列出）",
            outside.len(),
            rule.name
        );
    }
    !inside.is_empty()
}

fn run_amounts(report: &mut Report, req: &Request, eval: &Evaluator, unreliable: bool) -> u8 {
    let each_household = ["每户".to_string()];
    let amounts: &[String] = if req.amounts.is_empty() && eval.needed().is_empty() {
        &each_household
    } else {
        req.amounts
    };
    if amounts.is_empty() {
        report.cli(
            "E0701",
            "没有给出金额".to_string(),
            None,
            Some("在规则名后写出金额，如 policyc calc 方案.policy 改造补贴 3.9万元，或用 --roster 给出名册"),
        );
        return EXIT_FINDINGS;
    }
    let mut status = EXIT_OK;
    let mut json = Vec::new();
    let flag = if unreliable {
        "（不可靠：规则有错误）"
    } else {
        ""
    };
    for (i, a) in amounts.iter().enumerate() {
        let inputs = if req.amounts.is_empty() {
            Ok(Vec::new())
        } else {
            parse_inputs(a)
        };
        match inputs.and_then(|q| eval.grant_for(&q)) {
            Ok(g) => match req.format {
                CalcFormat::Human => {
                    println!("{a} → {}{flag}（{}；{}）", g.written, g.reason, g.working);
                    if !g.shares.is_empty() {
                        let parts: Vec<String> = g
                            .shares
                            .iter()
                            .map(|s| format!("{} {}", s.source, s.written))
                            .collect();
                        println!("  资金来源：{}", parts.join(" / "));
                    }
                    if !g.overlap.is_empty() {
                        let others: Vec<&str> = g
                            .overlap
                            .iter()
                            .map(|&j| eval.rule.branches[j].written.as_str())
                            .collect();
                        println!(
                            "  注意：这个输入也在条件“{}”之内（规则条件重叠，R302），按先写的一项计算",
                            others.join("、")
                        );
                    }
                }
                CalcFormat::Json => json.push(serde_json::json!({
                    "input": a,
                    "grant": g.amount.normalize().to_string(),
                    "unit": g.unit,
                    "written": g.written,
                    "branch": g.branch,
                    "reason": g.reason,
                    "working": g.working,
                    "shares": g.shares.iter().map(|s| serde_json::json!({
                        "source": s.source, "grant": s.amount.normalize().to_string(), "written": s.written,
                    })).collect::<Vec<_>>(),
                    "overlap": g.overlap,
                    "reliable": !unreliable,
                })),
            },
            Err(e) => {
                status = EXIT_FINDINGS;
                report.calc_error(&e, Some(eval.rule), Some(i));
                if req.format == CalcFormat::Json {
                    json.push(serde_json::json!({
                        "input": a, "code": e.code(), "message": e.message(),
                    }));
                }
            }
        }
    }
    if req.format == CalcFormat::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json).expect("JSON values serialise")
        );
    }
    status
}

fn run_roster(
    report: &mut Report,
    req: &Request,
    path: &Path,
    policy: &Policy,
    eval: &Evaluator,
    unreliable: bool,
) -> u8 {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            report.cli(
                "E0705",
                format!("无法读取名册 {}：{e}", path.display()),
                None,
                None,
            );
            return EXIT_FINDINGS;
        }
    };
    // A CSV's decoded text (a workbook has none); its cells borrow it.
    let text = if roster::is_workbook(&bytes) {
        None
    } else {
        let Some(text) = roster::decode(&bytes) else {
            report.cli(
                "E0705",
                format!("名册 {} 既不是 UTF-8 也不是 GBK 编码的 CSV", path.display()),
                None,
                Some("在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”"),
            );
            return EXIT_FINDINGS;
        };
        Some(if text.contains('\r') {
            Cow::Owned(text.replace("\r\n", "\n"))
        } else {
            text
        })
    };
    let sheet = match &text {
        Some(text) => roster::read_csv(text),
        None => match roster::read_workbook(&bytes) {
            Ok(s) => s,
            Err(e) => {
                report.cli(
                    "E0705",
                    format!("名册 {} 无法作为 Excel 工作簿读取：{e}", path.display()),
                    None,
                    Some("在 Excel 或 WPS 中另存为 .xlsx，或另存为“CSV UTF-8（逗号分隔）”"),
                );
                return EXIT_FINDINGS;
            }
        },
    };
    let result = roster::run(&sheet, eval);
    // The roster's text goes into the source map only when a row needs a caret into it.
    let roster_file = text
        .as_ref()
        .filter(|_| result.bad.iter().any(|b| b.span.is_some()))
        .map(|text| report.map.add(path.display().to_string(), text.to_string()));
    let shown = path.display().to_string();
    for b in &result.bad {
        let column = b
            .column
            .map(|c| {
                format!(
                    "（{}列“{}”）",
                    roster::column_letter(c),
                    result.header.get(c).map_or("", String::as_str)
                )
            })
            .unwrap_or_default();
        let mut d = match (roster_file, b.span) {
            (Some(f), Some(span)) => Diagnostic::from_code(
                b.code,
                format!("第{}行{column}：{}；这一行未计入合计", b.line, b.problem),
                f,
            )
            .with_primary(span, "这一格"),
            _ => Diagnostic::from_code(
                b.code,
                format!(
                    "{shown} 第{}行{column}：{}；这一行未计入合计",
                    b.line, b.problem
                ),
                report.cli,
            ),
        };
        d = d.with_help("改正这一行后重新计算；其余各行照常计算");
        report.emit(d);
    }
    if result.overflow {
        report.cli(
            "E0706",
            format!("名册 {shown} 的补贴合计超出可计算的范围（约7.9×10²⁸），合计不可靠"),
            None,
            Some("核对名册中金额特别大的行"),
        );
    }
    if let Some(out) = req.out {
        if let Some(code) = write_result(report, req, path, out, &result, eval) {
            return code;
        }
    }
    let wan = true;
    let flag = if unreliable {
        "（不可靠：规则有错误）"
    } else {
        ""
    };
    println!(
        "户数：{}户（另有 {} 行有误，未计入）",
        result.households.len(),
        result.bad.len()
    );
    for (town, total) in &result.towns {
        if !town.is_empty() {
            println!("{town}：{}", amount(*total, eval.unit(), wan));
        }
    }
    for (who, total) in &result.sources {
        println!("资金来源 {who}：{}", amount(*total, eval.unit(), wan));
    }
    println!("合计：{}{flag}", amount(result.total, eval.unit(), wan));
    let over = compare_budgets(report, req, policy, &result, eval);
    let overlapping = result.households.iter().filter(|h| h.overlaps > 0).count();
    if overlapping > 0 {
        println!("注意：{overlapping} 户的输入同时在规则的几项条件之内（R302），按先写的一项计算");
    }
    if result.bad.is_empty() && !over && !result.overflow {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}

/// Writes the result; never over an existing file unless `--force`, never over the roster.
fn write_result(
    report: &mut Report,
    req: &Request,
    roster_path: &Path,
    out: &Path,
    result: &roster::Outcome,
    eval: &Evaluator,
) -> Option<u8> {
    let same = std::fs::canonicalize(out).ok().is_some()
        && std::fs::canonicalize(out).ok() == std::fs::canonicalize(roster_path).ok();
    if same || (out.exists() && !req.force) {
        let message = if same {
            format!("{} 就是名册本身，不会覆盖", out.display())
        } else {
            format!("{} 已经存在，不会覆盖", out.display())
        };
        report.cli(
            "E0707",
            message,
            None,
            Some("换一个输出文件名，或确认要覆盖时加上 --force"),
        );
        return Some(EXIT_FINDINGS);
    }
    let xlsx = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if xlsx {
        match roster::to_xlsx(result, eval) {
            Ok(b) => b,
            Err(e) => {
                report.cli(
                    "E0707",
                    format!("无法生成 {}：{e}", out.display()),
                    None,
                    None,
                );
                return Some(EXIT_FINDINGS);
            }
        }
    } else {
        roster::to_csv(result, eval).into_bytes()
    };
    let written = if req.force && out.exists() {
        super::output::write_atomic(out, &bytes)
    } else {
        super::output::write_new(out, &bytes)
    };
    if let Err(e) = written {
        report.cli(
            "E0707",
            format!("无法写入 {}：{e}", out.display()),
            None,
            None,
        );
        return Some(EXIT_FINDINGS);
    }
    None
}

/// The roster's demand against each budget line named with `--budget` (the figure, and its
/// parts named as the rule's payers): E0711 where the demand exceeds it.
fn compare_budgets(
    report: &mut Report,
    req: &Request,
    policy: &Policy,
    result: &roster::Outcome,
    eval: &Evaluator,
) -> bool {
    let mut over = false;
    for path in req.budgets {
        let lines = roster::budget_lines(policy, path, &result.sources);
        if lines.is_empty() {
            report.cli(
                "E0711",
                format!("文件中没有以元计的数“{path}”，无法与预算比较"),
                None,
                Some("--budget 写出文件中一个金额的路径，如 总投资 或 总投资.中央"),
            );
            over = true;
            continue;
        }
        for line in lines {
            let (who, demand) = match &line.source {
                Some(s) => (format!("资金来源“{s}”"), result.sources[s]),
                None => ("名册".to_string(), result.total),
            };
            let budget = line.figure.quantity.value;
            let shown = |v| amount(v, eval.unit(), true);
            if demand > budget {
                over = true;
                let d = Diagnostic::from_code(
                    "E0711",
                    format!(
                        "{who}的补贴合计 {} 超过了“{}”所写的 {}（超出 {}）",
                        shown(demand),
                        line.figure.id,
                        line.figure.quantity.written,
                        shown(demand - budget)
                    ),
                    report.policy,
                )
                .with_primary(line.figure.span, "这一预算");
                report.emit(d);
            } else {
                println!(
                    "预算 {}：{}，{who}的补贴合计 {}，未超出",
                    line.figure.id,
                    line.figure.quantity.written,
                    shown(demand)
                );
            }
        }
    }
    over
}
