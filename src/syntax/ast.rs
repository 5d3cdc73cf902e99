//! The syntax tree: what the drafter wrote, with byte spans, and nothing resolved yet.
//!
//! Everything here is owned and free of pest types, so that the model can be built
//! (and tested) without knowing how the text was parsed.

use crate::diagnostics::Span;

/// A piece of text as written, with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// A figure as written: 约7.1万平方米 → approx, "7.1", 万, "平方米".
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityLit {
    /// 约, 约为 or 大约, as written.
    pub approx_prefix: Option<Text>,
    pub approx_suffix: bool,
    /// A bound word: 近 or 接近 before the number (just under it), or 余 or 多 after the
    /// number and its 万/亿 (more than it). One per figure: the first one written.
    pub bound: Option<Text>,
    pub number: Text,
    /// True when the number is written in Chinese numerals (三年).
    pub chinese_numeral: bool,
    pub magnitude: Option<Text>,
    pub unit: Option<Text>,
    pub span: Span,
}

/// A ratio as written: 7:3.
#[derive(Debug, Clone, PartialEq)]
pub struct RatioLit {
    pub terms: Vec<Text>,
    pub span: Span,
}

/// A point in time as written; each part keeps its digits as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DatePoint {
    pub year: Option<Text>,
    pub month: Option<Text>,
    pub day: Option<Text>,
    /// 底, 初, 上旬 …
    pub part: Option<Text>,
    pub quarter: Option<Text>,
    /// 2022-03-31 written in ISO form.
    pub iso: Option<Text>,
    /// 年内: the whole of the year.
    pub whole_year: bool,
    /// 今年, 本年度, 明年, 去年: a year named from the document's date.
    pub relative_year: Option<Text>,
    pub span: Span,
}

/// What kind of time a `When` is.
#[derive(Debug, Clone, PartialEq)]
pub enum WhenKind {
    /// 2021-2023年
    YearRange { from: Text, to: Text },
    /// 3月1日-4月30日
    Range {
        from: Box<DatePoint>,
        to: Box<DatePoint>,
    },
    /// 2022年、2023年12月1日-30日: the range `from`–`to` (from the last year) in each of
    /// `years` too.
    Repeated {
        years: Vec<Text>,
        from: Box<DatePoint>,
        to: Box<DatePoint>,
    },
    /// 10月底前 (before = true) or 2020年5月 (before = false)
    Point { at: Box<DatePoint>, before: bool },
    /// A deadline in stages: 6月底前完成50%，11月底前全部完成 (at least two).
    Staged(Vec<Stage>),
    /// A recurring time: 每月开展.
    Recurring,
    /// A time relative to an event: 自本计划下发之日起.
    Relative,
    /// Text that does not read as a date.
    Raw,
}

/// One stage of a staged deadline: 6月底前 完成50%.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// The stage's deadline as written (6月底前).
    pub deadline: Text,
    pub at: DatePoint,
    pub before: bool,
    /// What is due by it (完成50%).
    pub work: Text,
}

/// A time as written.
#[derive(Debug, Clone, PartialEq)]
pub struct When {
    pub kind: WhenKind,
    pub text: Text,
}

/// A reference to a declared figure: 改造户数.2021年.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub segments: Vec<Text>,
    pub span: Span,
}

/// The cover notice.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// 通知, 政策解读, 新闻报道 … as written.
    pub kind: Text,
    pub fields: Vec<NoticeField>,
    pub span: Span,
}

/// One field of the cover notice.
#[derive(Debug, Clone, PartialEq)]
pub enum NoticeField {
    Bookmarks(Vec<Text>),
    Title(Text),
    Issuer(Text),
    Number(Text),
    Recipients(Vec<Text>),
    /// 主送：「…」: the recipients' line as the notice prints it, its ending included.
    RecipientsLine(Text),
    Body(Text),
    Signature(Text),
    Date(When),
    Remark(Text),
    Printed {
        by: Text,
        when: When,
    },
    CarbonCopy(Vec<Text>),
    Contact(Text),
    Phone(Text),
    Published(When),
    Source(Text),
    Interprets(Text),
    Interpreter(Text),
    Paragraph(Text),
}

/// A whole file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    pub items: Vec<TopItem>,
    /// Where a 「 stands in unquoted text without its 」 (`内容：「…` never closed): the
    /// drafter opened a quotation that the grammar could only read as part of the line.
    pub stray_quotes: Vec<Span>,
}

/// What stands at the top level.
#[derive(Debug, Clone, PartialEq)]
pub enum TopItem {
    Notice(Notice),
    Plan(Plan),
    Units(UnitsBlock),
    Group(Group),
    Lints(Vec<LintSetting>),
}

/// 允许 O402 「理由」
#[derive(Debug, Clone, PartialEq)]
pub struct LintSetting {
    pub level: Text,
    pub code: Text,
    pub reason: Option<Text>,
    pub span: Span,
}

/// A plan (方案 / 计划 / 细则).
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub keyword: Text,
    pub title: Text,
    pub items: Vec<Item>,
    pub span: Span,
}

/// What a plan, a section or an attachment may contain.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Basis(Text),
    /// 简称：《方案》
    Alias(Text),
    Period(When),
    Issuer(Text),
    Date(When),
    Contact(Text),
    Phone(Text),
    Section(Section),
    Paragraph(Text),
    Figure(Figure),
    Breakdown(Breakdown),
    Restate(Restate),
    // Boxed: a rate holds several figures, and would make every item as large.
    Rate(Box<Rate>),
    Ratio(RatioDecl),
    Assume(Figure),
    Rule(Rule),
    Calc(Calc),
    List(CountedList),
    Task(Task),
    Phase(Phase),
    Milestone(Step),
    Table(Table),
    Background(Background),
    Attachment(Attachment),
    Units(UnitsBlock),
    Group(Group),
}

/// 背景: facts about the past, with when they happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Background {
    pub description: Option<Text>,
    pub time: Option<When>,
    pub items: Vec<Item>,
    pub span: Span,
}

/// A section of prose and data under a heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: Text,
    pub items: Vec<Item>,
    pub span: Span,
}

/// 指标 名称：figure 「说明」, and 假设 with the same shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub name: Text,
    /// The figure; of a range its first end, of a product its first factor.
    pub value: QuantityLit,
    /// How a 指标 is written when it is more than one plain figure (80.3%以上, 2-3个, 2*12.29Km).
    pub shape: Option<FigureShape>,
    pub description: Option<Text>,
    pub span: Span,
}

/// A 指标 written as a bound, a range or a product, with its whole text as written.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureShape {
    pub kind: ShapeKind,
    /// The whole value as written: 80.3%以上, 2-3个, 2*12.29Km.
    pub written: Text,
}

/// What a shaped 指标 is.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    /// Bound words before and/or after the figure: 不低于95%, 80.3%以上.
    Bound {
        before: Option<Text>,
        after: Option<Text>,
    },
    /// From the figure to `high`, both included: 2-3个.
    Range { high: QuantityLit },
    /// The figure times each of `factors`: 2*12.29Km.
    Product { factors: Vec<QuantityLit> },
}

/// A ratio the parts of a breakdown must follow: a literal or a declared ratio's name.
#[derive(Debug, Clone, PartialEq)]
pub enum SplitRatio {
    Literal(RatioLit),
    Named(Text),
}

/// 名单: names listed in the notice and the count it states for them.
#[derive(Debug, Clone, PartialEq)]
pub struct CountedList {
    pub name: Text,
    pub description: Option<Text>,
    pub items: Vec<Text>,
    /// The stated count: its number and its whole words (七个老旧小区).
    pub count: Option<(Text, Text)>,
    pub paragraphs: Vec<Text>,
    pub span: Span,
}

/// 分解: a stated total and its stated parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub name: Text,
    pub dimension: Option<Text>,
    pub ratio: Option<SplitRatio>,
    pub description: Option<Text>,
    pub lines: Vec<BreakdownLine>,
    pub span: Span,
}

/// A line of a breakdown.
#[derive(Debug, Clone, PartialEq)]
pub enum BreakdownLine {
    Total { keyword: Text, value: QuantityLit },
    Part(Part),
    Restate(Restate),
}

/// A part of a breakdown, possibly broken down further.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub label: Text,
    pub dimension: Option<Text>,
    pub ratio: Option<SplitRatio>,
    pub value: QuantityLit,
    pub description: Option<Text>,
    pub lines: Vec<BreakdownLine>,
    pub span: Span,
}

/// 复述 path：figure — a figure stated again.
#[derive(Debug, Clone, PartialEq)]
pub struct Restate {
    pub target: Path,
    pub value: QuantityLit,
    pub description: Option<Text>,
    pub span: Span,
}

/// 标准 名称：rate { 上限… 期限… }
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    pub name: Text,
    pub value: QuantityLit,
    pub description: Option<Text>,
    pub cap: Option<Cap>,
    pub term: Option<QuantityLit>,
    pub notes: Vec<Text>,
    pub span: Span,
}

/// 上限：每户 不超过162平方米
#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    pub scope: Option<Text>,
    pub bound: Option<Text>,
    pub value: QuantityLit,
    pub suffix: Option<Text>,
    pub span: Span,
}

/// 比例 名称：7:3
#[derive(Debug, Clone, PartialEq)]
pub struct RatioDecl {
    pub name: Text,
    pub ratio: RatioLit,
    pub description: Option<Text>,
    pub span: Span,
}

/// 规则: a piecewise rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub name: Text,
    pub description: Option<Text>,
    pub input: Option<Text>,
    pub branches: Vec<Branch>,
    pub otherwise: Option<Outcome>,
    pub examples: Vec<Example>,
    pub notes: Vec<Text>,
    pub span: Span,
}

/// 例：3.9万元 → 1.95万元 — a worked example: the inputs of one household and what the
/// notice says the rule grants them.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub inputs: Vec<QuantityLit>,
    /// The amount, or `None` for the words of no grant (`none` holds them).
    pub result: Option<QuantityLit>,
    pub none: Option<Text>,
    pub span: Span,
}

/// 若 条件：结果
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub condition: Condition,
    /// Further conditions, on other inputs, joined by 且.
    pub also: Vec<Condition>,
    pub outcome: Outcome,
    pub span: Span,
}

/// A condition as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// 1万元至2万元
    Between {
        low: QuantityLit,
        high: QuantityLit,
        inclusion: Option<Text>,
        span: Span,
    },
    /// 不足4万元, 4万元以上
    Bound {
        prefix: Option<Text>,
        value: QuantityLit,
        suffix: Option<Text>,
        inclusion: Option<Text>,
        span: Span,
    },
}

/// What a branch gives: an amount, a share of the input or a rate, optionally capped; in
/// parts that name who pays them; or nothing, in the notice's words (`none`).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub parts: Vec<OutcomePart>,
    pub none: Option<Text>,
    pub cap: Option<QuantityLit>,
    pub span: Span,
}

/// 中央3500元: an amount and, if written, who pays it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomePart {
    pub source: Option<Text>,
    pub value: QuantityLit,
}

/// 核算 名称：left = right, or 倍数 名称：left 较 right 增长一倍
#[derive(Debug, Clone, PartialEq)]
pub struct Calc {
    pub name: Option<Text>,
    pub left: Expr,
    pub cmp: Text,
    pub right: Expr,
    pub description: Option<Text>,
    /// 倍数: the words of the multiple (增长近一倍) that relate `left` to `right`.
    pub multiple: Option<Text>,
    pub span: Span,
}

/// An arithmetic expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Quantity(QuantityLit),
    Path(Path),
    /// Operands joined by operators of one precedence (a sum, or a product), applied left to
    /// right: `first`, then each operator with its operand. A long sum is a list rather than
    /// a deep tree, so nothing that walks it recurses once per term.
    Chain {
        first: Box<Expr>,
        rest: Vec<(BinOp, Expr)>,
        span: Span,
    },
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Quantity(q) => q.span,
            Expr::Path(p) => p.span,
            Expr::Chain { span, .. } => *span,
        }
    }
}

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// 任务
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub number: Option<Text>,
    pub title: Option<Text>,
    pub fields: Vec<TaskField>,
    pub span: Span,
}

/// A field of a task.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskField {
    Content(Text),
    Lead(Vec<Text>),
    Responsible(Vec<Text>),
    Cooperating(Vec<Text>),
    Implementing(Vec<Text>),
    Duty(Text),
    Deadline(When),
    Start(When),
    Span(When),
    Item(Box<Item>),
}

/// 阶段
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub name: Text,
    pub when: When,
    pub description: Option<Text>,
    pub steps: Vec<Step>,
    pub milestones: Vec<Step>,
    pub paragraphs: Vec<Text>,
    pub tasks: Vec<Task>,
    pub span: Span,
}

/// 步骤 or 节点: a named time with what happens then.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub name: Text,
    pub when: When,
    pub description: Option<Text>,
    pub span: Span,
}

/// 表
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: Text,
    pub title: Option<Text>,
    pub lines: Vec<TableLine>,
    pub span: Span,
}

/// A line of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum TableLine {
    Unit(Text),
    Columns(Vec<Text>),
    /// A row's cells as one text, from its first cell to its last with the bars between
    /// (`syntax::cells` splits it): a string per row, not per cell, for tables of 10,000 rows.
    Total(Text),
    Subtotal(Text),
    Row(Text),
    Blank {
        count: Text,
    },
    Relation(Box<Relation>),
    Note(Text),
    /// A line the form prints with it, as written.
    Text(Text),
}

/// 关系：left cmp right, over a table's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub left: Expr,
    pub cmp: Text,
    pub right: Expr,
    pub span: Span,
}

/// 附件
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub number: Option<Text>,
    pub title: Text,
    /// 标识：the label over the attachment's page as the notice prints it.
    pub label: Option<Text>,
    pub items: Vec<Item>,
    pub has_body: bool,
    pub span: Span,
}

/// 单位 { … }
#[derive(Debug, Clone, PartialEq)]
pub struct UnitsBlock {
    pub lines: Vec<UnitLine>,
    pub span: Span,
}

/// 部门：甲、乙（又称 丙）
#[derive(Debug, Clone, PartialEq)]
pub struct UnitLine {
    pub kind: Text,
    pub units: Vec<UnitDecl>,
}

/// One declared unit and its other names.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDecl {
    pub name: Text,
    pub aliases: Vec<Text>,
}

/// 领导小组 / 工作组
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub kind: Text,
    pub name: Text,
    pub members: Vec<Member>,
    pub office: Option<Office>,
    pub subgroups: Vec<Group>,
    pub paragraphs: Vec<Text>,
    pub span: Span,
}

/// 角色：姓名｜职务
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub role: Text,
    pub person: Person,
    pub post: Option<Text>,
    pub span: Span,
}

/// Who holds a post.
#[derive(Debug, Clone, PartialEq)]
pub enum Person {
    Named(Text),
    /// （未列姓名）
    Missing(Span),
    /// （集体）
    Collective(Span),
}

/// 办公室 { 设在… 主任… }
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    pub seat: Option<Text>,
    pub members: Vec<Member>,
    pub paragraphs: Vec<Text>,
    pub span: Span,
}
