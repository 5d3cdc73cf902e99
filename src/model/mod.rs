//! Stage 2, model: the typed policy, names resolved, units normalised, figures exact.
//!
//! This is what the checks read and what templates see (serialised with serde). Every stated
//! figure lives once in [`Policy::figures`] under a path such as `改造户数.2021年`; everything
//! else refers to figures by that path. Spans (byte offsets) are kept so that the checks can
//! point at the text.

mod lower;
mod table;

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Time;
use crate::diagnostics::Span;
use crate::quantity::Quantity;

pub use lower::lower;
pub use table::{
    relation_column, relation_column_id, CellRef, Column, Row, RowKind, Table, MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
};

/// A whole policy file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Policy {
    /// The file's path as given on the command line.
    pub file: String,
    pub notice: Option<Notice>,
    pub units: Vec<OrgUnit>,
    pub groups: Vec<Group>,
    pub plans: Vec<Plan>,
    /// Every stated figure, in document order, then the table cells the file refers to
    /// (表名.行.列), in the order first referred to.
    pub figures: Vec<Figure>,
    /// How strictly this file's checks report (检查 { … }).
    pub check_levels: Vec<CheckLevel>,
    /// Where each figure is in `figures`, built on the first lookup: renderers look a
    /// figure up for every task and every `{路径}` in prose, and a plan of 20,000 tasks
    /// made a linear search quadratic. Not part of the model's data.
    #[serde(skip)]
    pub(crate) figure_index: OnceLock<HashMap<String, usize>>,
}

/// A file's or a project's setting for one check code, as clippy's allow/deny.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckLevel {
    pub code: String,
    pub level: Level,
    /// Why; required when a check is silenced.
    pub reason: Option<String>,
    pub span: Span,
}

/// What a setting does to a check's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 允许: silenced.
    Allow,
    /// 提示
    Note,
    /// 警告
    Warning,
    /// 禁止: reported as an error.
    Deny,
}

impl Level {
    /// Reads 允许/提示/警告/禁止 or allow/note/warning/deny.
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "允许" | "allow" => Level::Allow,
            "提示" | "note" => Level::Note,
            "警告" | "warning" | "warn" => Level::Warning,
            "禁止" | "deny" | "error" => Level::Deny,
            _ => return None,
        })
    }
}

impl Policy {
    /// The figure with this path.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        let index = self.figure_index.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.figures.len());
            for (i, f) in self.figures.iter().enumerate() {
                // The first figure of a path wins, as a search from the start would find.
                index.entry(f.id.clone()).or_insert(i);
            }
            index
        });
        match index.get(id).and_then(|&i| self.figures.get(i)) {
            Some(f) if f.id == id => Some(f),
            // Figures added after the index was built (while lowering) are still found.
            _ => self.figures.iter().find(|f| f.id == id),
        }
    }
}

/// The cover notice (通知).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Notice {
    /// Word-processor bookmarks left in the published text; kept, never printed.
    pub bookmarks: Vec<String>,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub number: Option<String>,
    pub recipients: Vec<String>,
    /// The 主送 list as the notice writes it, its own separators kept (、 , ，): printed so.
    pub recipients_written: Option<String>,
    /// `recipients_written` is the whole 主送 line as printed, its ending included (主送：「…」):
    /// nothing is added to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recipients_line: bool,
    pub body: Vec<String>,
    pub signature: Option<String>,
    pub date: Option<Time>,
    /// Lines written after the 署名 or 成文日期 (a seal's fragment the notice prints there),
    /// printed after them in the file's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after_signature: Vec<String>,
    pub remark: Option<String>,
    pub printed_by: Option<String>,
    pub printed_on: Option<Time>,
    pub carbon_copy: Vec<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    /// What the document is, when it is not the notice itself: 政策解读, 新闻报道.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentKind>,
    /// 发布日期: when a web page published it (not its 成文日期).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_on: Option<Time>,
    /// 来源: who published the page, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// 解读文件: the document a 政策解读 interprets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interprets: Option<String>,
    /// 解读单位: who wrote the interpretation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<String>,
    pub span: Span,
}

/// A document other than the notice that carries a plan's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 政策解读: a page explaining a plan.
    Interpretation,
    /// 新闻报道: a news report of a plan.
    Report,
}

/// A unit of the organisation: a department, a town, a company.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrgUnit {
    pub name: String,
    /// 部门, 乡镇, 街道, 企业, 机构, 集合, 其他.
    pub kind: String,
    pub aliases: Vec<String>,
    pub span: Span,
}

/// A unit as a task or a group names it, resolved to a declared unit where possible.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitRef {
    /// As written in the notice.
    pub written: String,
    /// The declared unit's name, when the written name is that unit or one of its aliases.
    pub unit: Option<String>,
    pub span: Span,
}

/// A leadership or working group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    /// 领导小组, 工作组, 工作专班.
    pub kind: String,
    pub name: String,
    pub members: Vec<Member>,
    pub office: Option<Office>,
    pub subgroups: Vec<Group>,
    pub paragraphs: Vec<String>,
    pub span: Span,
}

/// A member of a group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    /// The role as written, blanks removed: 组长, 副组长, 成员.
    pub role: String,
    /// The person's name; `None` when the notice leaves it out or the member is a body.
    pub person: Option<String>,
    /// The notice names the post but leaves out the person (（未列姓名）).
    pub name_missing: bool,
    /// The member is a body of people, not a person (（集体）).
    pub collective: bool,
    pub post: Option<String>,
    /// The declared unit whose name (or alias) the post starts with.
    pub unit: Option<String>,
    /// The role and the name as printed when the notice pads them for alignment (组 长,
    /// 郝 远); `role` and `person` are without the blanks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_written: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_written: Option<String>,
    /// How the line was written wrong, when it was (O407).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slip: Option<MemberSlip>,
    pub span: Span,
}

/// A member's line written so that a name or a post is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberSlip {
    /// `成员：｜县财政局局长`: nothing where the name goes; read as （未列姓名）.
    EmptyName,
    /// `成员：县财政局局长`: a post where the name goes, without the 「｜」 before it; read as
    /// the post, with the name not given.
    PostAsName,
}

/// The body a post names, without the title at its end: 九原供电分局局长 → 九原供电分局.
pub fn post_body(post: &str) -> Option<&str> {
    const TITLES: &[&str] = &[
        "主要负责人",
        "主要领导",
        "分管领导",
        "负责人",
        "副总经理",
        "总经理",
        "董事长",
        "副局长",
        "局长",
        "副主任",
        "主任",
        "副书记",
        "书记",
        "副主席",
        "主席",
        "副区长",
        "区长",
        "副旗长",
        "旗长",
        "副县长",
        "县长",
        "副市长",
        "市长",
        "副镇长",
        "镇长",
        "副队长",
        "大队长",
        "队长",
        "副科长",
        "科长",
        "副经理",
        "经理",
        "副所长",
        "所长",
        "副站长",
        "站长",
        "副院长",
        "院长",
        "副校长",
        "校长",
        "副部长",
        "部长",
    ];
    let body = TITLES.iter().find_map(|t| post.strip_suffix(t))?;
    (body.chars().count() >= 3).then_some(body)
}

/// A group's office.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Office {
    pub seat: Option<UnitRef>,
    pub members: Vec<Member>,
    pub paragraphs: Vec<String>,
    pub span: Span,
}

/// A plan: 方案, 计划 or 细则.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    pub kind: String,
    pub title: String,
    pub issuer: Option<String>,
    pub date: Option<Time>,
    /// 联系人 and 联系电话 printed at the end of the plan.
    pub contact: Option<String>,
    pub phone: Option<String>,
    /// Documents the plan implements or cites, as written.
    pub basis: Vec<String>,
    pub period: Option<Time>,
    /// The plan's text in document order: sections, paragraphs and the data stated there.
    pub content: Vec<Block>,
    pub breakdowns: Vec<Breakdown>,
    pub restatements: Vec<Restatement>,
    pub rates: Vec<Rate>,
    pub ratios: Vec<Ratio>,
    pub rules: Vec<Rule>,
    pub calcs: Vec<Calc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lists: Vec<CountedList>,
    pub tasks: Vec<Task>,
    pub phases: Vec<Phase>,
    pub milestones: Vec<Step>,
    pub tables: Vec<Table>,
    pub attachments: Vec<Attachment>,
    pub groups: Vec<Group>,
    /// 简称: the short names the notice gives the plan (《方案》), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// 背景: facts about the past the plan states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub background: Vec<Background>,
    pub span: Span,
}

/// 背景: facts about the past (自2017年5月实施以来…共计完成改造104828户), stated as background
/// or history, not planned: the date checks never judge its time against the plan's period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Background {
    pub description: Option<String>,
    /// When the facts happened, as written.
    pub time: Option<Time>,
    /// The figures it states (their paths in `Policy::figures`).
    pub figures: Vec<String>,
    pub span: Span,
}

impl Plan {
    /// For each of `tasks`, the index in `phases` of the phase it is written inside, if any.
    /// The model keeps a phase's tasks in the plan's list; phases do not overlap in the text,
    /// so each task's phase is found by bisection over the phases' starts, in time linear-
    /// logarithmic in tasks and phases (never their product: plans hold thousands of both).
    pub fn task_phases(&self) -> Vec<Option<usize>> {
        let mut by_start: Vec<usize> = (0..self.phases.len()).collect();
        by_start.sort_by_key(|&i| self.phases[i].span.start);
        self.tasks
            .iter()
            .map(|t| {
                let after =
                    by_start.partition_point(|&i| self.phases[i].span.start <= t.span.start);
                let i = *by_start.get(after.checked_sub(1)?)?;
                (t.span.end <= self.phases[i].span.end).then_some(i)
            })
            .collect()
    }

    /// For each of `phases`, the indices in `tasks` of the tasks written inside it, in order.
    pub fn tasks_by_phase(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.phases.len()];
        for (t, phase) in self.task_phases().into_iter().enumerate() {
            if let Some(p) = phase {
                out[p].push(t);
            }
        }
        out
    }
}

/// One piece of a plan's text, in document order. Data blocks refer to the plan's lists by
/// index, so that text and tables render from the same data.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "block", rename_all = "snake_case")]
pub enum Block {
    Section {
        title: String,
        /// 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）: the nesting depth.
        level: usize,
        content: Vec<Block>,
    },
    /// Markdown; `{路径}` shows a declared figure.
    Paragraph {
        markdown: String,
    },
    Figure {
        id: String,
    },
    Breakdown {
        index: usize,
    },
    Restatement {
        index: usize,
    },
    Rate {
        index: usize,
    },
    Ratio {
        index: usize,
    },
    Rule {
        index: usize,
    },
    Calc {
        index: usize,
    },
    Task {
        index: usize,
    },
    Phase {
        index: usize,
    },
    Milestone {
        index: usize,
    },
    Table {
        index: usize,
    },
    Attachment {
        index: usize,
    },
    Group {
        index: usize,
    },
    List {
        index: usize,
    },
    /// A 背景 block (`plan.background[index]`) and what it holds, in order.
    Background {
        index: usize,
        content: Vec<Block>,
    },
}

/// 名单: names the notice lists, as written, and the count it states for them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CountedList {
    pub name: String,
    pub description: Option<String>,
    pub items: Vec<ListItem>,
    /// The stated count as written (七个老旧小区), its number and where it stands.
    pub count: Option<StatedCount>,
    /// The notice's own sentences around the list, printed as its text.
    pub paragraphs: Vec<String>,
    pub span: Span,
}

/// One listed name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListItem {
    pub name: String,
    pub span: Span,
}

/// The count a 名单 states.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatedCount {
    pub written: String,
    pub number: Decimal,
    pub span: Span,
}

/// A stated figure.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Figure {
    /// Its path: 改造户数, 改造户数.2021年.
    pub id: String,
    /// What it counts, for tables and messages: the label or the declared name.
    pub label: String,
    /// A longer description, when given.
    pub description: Option<String>,
    /// 指标, 合计, 分项, 复述, 标准, 假设.
    pub role: FigureRole,
    pub quantity: Quantity,
    pub span: Span,
}

/// Why a figure was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureRole {
    Target,
    Total,
    Part,
    Restatement,
    Rate,
    Assumption,
    /// A table's cell that the file refers to by 表名.行.列.
    Cell,
}

/// A total and its parts as stated.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Breakdown {
    /// Path of the broken-down figure: the breakdown's name, or a part's path when nested.
    pub id: String,
    pub label: String,
    pub dimension: Option<String>,
    pub ratio: Option<RatioSpec>,
    pub description: Option<String>,
    /// The stated total's figure path, when a total was stated.
    pub total: Option<String>,
    pub parts: Vec<String>,
    /// Breakdowns of parts, flattened; each names its parent part as `id`.
    pub nested: Vec<Breakdown>,
    pub span: Span,
}

/// A ratio the parts must follow.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RatioSpec {
    pub written: String,
    pub terms: Vec<Decimal>,
    pub span: Span,
}

/// A figure stated again, tied to its first statement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Restatement {
    /// Path of the first statement.
    pub target: String,
    /// Path of this statement's own figure.
    pub figure: String,
    pub span: Span,
}

/// A rate or standard (元/户, 元/平方米 …).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rate {
    pub name: String,
    /// Path of the rate's figure (the name).
    pub figure: String,
    pub description: Option<String>,
    pub cap: Option<Cap>,
    pub term: Option<Quantity>,
    pub notes: Vec<String>,
    pub span: Span,
}

/// A cap: 每户补贴面积不超过162平方米.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cap {
    pub scope: Option<String>,
    pub bound: Bound,
    pub span: Span,
}

/// A named ratio: 市区两级按7:3.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ratio {
    pub name: String,
    pub ratio: RatioSpec,
    pub description: Option<String>,
    pub span: Span,
}

/// One end of a condition, with what the bound word includes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bound {
    pub value: Quantity,
    pub inclusive: bool,
    /// The bound word as written (以上, 不足 …), if any.
    pub word: Option<String>,
    /// An explicit （含）/（不含） overrode the word.
    pub explicit: bool,
}

/// A piecewise rule.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rule {
    pub name: String,
    pub description: Option<String>,
    /// What the conditions measure.
    pub input: Option<String>,
    pub branches: Vec<Branch>,
    /// Applies to every input no branch covers.
    pub otherwise: Option<Outcome>,
    /// 例：3.9万元 → 1.95万元: worked examples, run by R304.
    pub examples: Vec<Example>,
    pub notes: Vec<String>,
    pub span: Span,
}

/// A worked example of a rule: one household's inputs and what the notice says it gets.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Example {
    /// As written: 3.9万元 → 1.95万元.
    pub written: String,
    pub inputs: Vec<Quantity>,
    /// What the notice says: an amount, or zero for its words of no grant.
    pub result: Quantity,
    /// 不予补贴, when the notice writes no grant in words.
    pub none: Option<String>,
    pub span: Span,
}

/// 若 条件：结果.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Branch {
    /// As written.
    pub written: String,
    pub lower: Option<Bound>,
    pub upper: Option<Bound>,
    /// Bounds on other inputs that must hold too (且): (lower, upper) each.
    pub also: Vec<(Option<Bound>, Option<Bound>)>,
    pub outcome: Outcome,
    pub span: Span,
}

/// What a branch gives.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub written: String,
    /// A fixed amount (the sum of the parts), a share of the input when it is a percentage, or
    /// a rate on an input (30元/平方米); zero when the notice grants nothing (`none`).
    pub value: Quantity,
    /// Who pays what, when the notice names the payers: 中央3500元 + 地方1800元.
    pub parts: Vec<FundingPart>,
    /// The notice's words for no grant (不予补贴).
    pub none: Option<String>,
    /// A cap on the grant (in its unit) or on the input a share or rate applies to (60平方米).
    pub cap: Option<Quantity>,
    pub span: Span,
}

/// A part of an outcome and who pays it (中央 3500元).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FundingPart {
    pub source: Option<String>,
    pub value: Quantity,
}

/// Arithmetic the notice implies: left cmp right.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Calc {
    pub name: Option<String>,
    pub written: String,
    pub left: Expr,
    pub cmp: Comparison,
    pub right: Expr,
    pub description: Option<String>,
    /// 倍数: `left` is stated as this multiple of `right` (then `cmp` is `Equal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple: Option<Multiple>,
    pub span: Span,
}

/// A growth or multiple as the notice words it (增长近一倍, 翻两番), with the range of
/// `left ÷ right` it allows: 增长一倍 is exactly 2, 增长近一倍 2 × 95 %…2 of the growth, so
/// 1.95…2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Multiple {
    pub written: String,
    pub low: Decimal,
    pub high: Decimal,
}

/// How the two sides of a calculation compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    Equal,
    AtMost,
    AtLeast,
}

/// An arithmetic expression over figures.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "expr", rename_all = "snake_case")]
pub enum Expr {
    /// A declared figure by path (or, in a table relation, a column).
    Figure {
        id: String,
        span: Span,
    },
    Literal {
        quantity: Quantity,
        span: Span,
    },
    /// Operands joined by operators of one precedence (a sum, or a product), applied left to
    /// right: `first`, then each operator with its operand. A sum of 20,000 terms is a list,
    /// so evaluating, printing or serialising it never recurses once per term.
    Chain {
        first: Box<Expr>,
        rest: Vec<Operation>,
        span: Span,
    },
}

/// One step of a chain: an operator and its right operand.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Operation {
    pub op: Op,
    pub operand: Expr,
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Figure { span, .. } | Expr::Literal { span, .. } | Expr::Chain { span, .. } => {
                *span
            }
        }
    }
}

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    /// The operator as messages and notes print it.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "×",
            Op::Div => "÷",
        }
    }
}

/// A task with its units and time.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Task {
    pub number: Option<String>,
    pub title: Option<String>,
    pub content: Option<String>,
    pub lead: Vec<UnitRef>,
    pub responsible: Vec<UnitRef>,
    pub cooperating: Vec<UnitRef>,
    pub implementing: Vec<UnitRef>,
    pub duty: Option<String>,
    /// The final deadline; for a deadline in stages, the last stage's.
    pub deadline: Option<Time>,
    /// The stages of a deadline in stages (6月底前完成50%，11月底前全部完成), in the order
    /// written; empty for a single deadline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<DeadlineStage>,
    pub start: Option<Time>,
    pub period: Option<Time>,
    /// Paths of the figures stated in the task: its targets.
    pub targets: Vec<String>,
    pub paragraphs: Vec<String>,
    /// Title of the section the task stands in, for grouping in the task table.
    pub section: Option<String>,
    pub span: Span,
}

/// One stage of a deadline in stages: by when, and what is then due.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeadlineStage {
    /// 6月底前
    pub time: Time,
    /// 完成50%
    pub work: String,
}

/// A phase of the plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Phase {
    pub name: String,
    pub time: Time,
    pub description: Option<String>,
    pub steps: Vec<Step>,
    pub milestones: Vec<Step>,
    pub paragraphs: Vec<String>,
    pub span: Span,
}

/// A step or a milestone.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Step {
    pub name: String,
    pub time: Time,
    pub description: Option<String>,
    pub span: Span,
}

/// An attachment (附件).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attachment {
    pub number: Option<String>,
    pub title: String,
    /// 标识: the label over the attachment's page as the notice prints it (附件 1：), empty
    /// when it prints none; `None` prints 附件N.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub content: Vec<Block>,
    /// The notice lists the attachment but does not include it.
    pub missing: bool,
    pub span: Span,
}

/// Whether a figure's name says it is an average over households (户均补助, 光伏板户均面积,
/// 每户面积, 平均每户投资): such a figure written in a bare unit (2.43万元) is per household.
/// The importer asks the same question so that the drafts it writes need no `× 1户`.
pub fn names_a_household_average(name: &str) -> bool {
    name.contains("户均") || name.starts_with("每户") || name.contains("平均每户")
}
