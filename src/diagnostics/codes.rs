//! The one registry of diagnostic codes.
//!
//! Every code the compiler can emit has exactly one entry here: its default
//! severity, a short title, an explanation, and two small policy files, one that
//! triggers it and one that does not. `policyc explain CODE`, the SARIF rule list
//! and the documentation all read this table, so a new check adds its entry here
//! and nowhere else.
//!
//! Codes are grouped by hundreds: `E00xx` reading and parsing, `E01xx` names,
//! units and numbers, `E09xx` internal errors; the checks' families are `A1xx`
//! arithmetic, `D2xx` dates, `R3xx` rules and `O4xx` organisation. Keep the table
//! sorted by code (a test checks it): A…, D…, E…, O…, R….

use super::Severity;

/// What the registry knows about one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code, e.g. `E0001`.
    pub code: &'static str,
    /// The severity diagnostics with this code have unless a check decides otherwise.
    pub severity: Severity,
    /// A short Chinese title.
    pub title: &'static str,
    /// A Chinese explanation of what is wrong and how to fix it, several sentences.
    pub explanation: &'static str,
    /// A small policy file that triggers the diagnostic.
    pub fires: &'static str,
    /// A similar policy file that does not.
    pub silent: &'static str,
}

/// All codes, sorted by code.
pub static CODES: &[CodeInfo] = &[
    CodeInfo {
        code: "D201",
        severity: Severity::Error,
        title: "日期不存在",
        explanation: "日历上没有这一天，例如4月31日、6月31日，或非闰年的2月29日；月份不在1至12之间、季度不在第一至第四季度之间也属此类。\
            有的排期工具会把2023年6月31日悄悄顺延成7月1日，policyc 不这样做：\
            不存在的日期照原文保留，不参与阶段、期限的比较，并在这里报告。\
            没有写年份的日期按上下文（阶段、方案期限、成文日期）取年份，提示中会说明所取的年份。\
            请核对原文，改为实际的日期。",
        fires: include_str!("../../tests/fixtures/checks/D201-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D201-silent.policy"),
    },
    CodeInfo {
        code: "D202",
        severity: Severity::Warning,
        title: "日期无法读取",
        explanation: "这里的时间读不出日期，例如成文日期印成了“2022511”。\
            只由数字组成的“日期”一定是印错了，按错误报告，并在能唯一确定时给出可能的读法（2022511 只能是2022年5月11日）；\
            其余含数字却读不成日期的写法按警告报告，它可能是笔误，也可能是本语言尚不支持的写法；\
            几个时间写在一起的（2022年、2023年12月1日-30日）人读得懂，只作提示。\
            不含数字的时限（长期坚持、持续推进）和周期性的时限（每年10月底前）不是写错的日期，不报告。",
        fires: include_str!("../../tests/fixtures/checks/D202-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D202-silent.policy"),
    },
    CodeInfo {
        code: "D203",
        severity: Severity::Error,
        title: "时间段结束早于开始",
        explanation: "时间段的结束日期早于开始日期，例如“2022年12月1日-2022年11月30日”。\
            通常是两端写反，或者年份、月份写错。\
            结束日期没有写年份、按开始日期的年份读时早于开始的，会读作跨年（见 D204），不在此报告；\
            只有按次年读也不成立时，才在此报告。",
        fires: include_str!("../../tests/fixtures/checks/D203-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D203-silent.policy"),
    },
    CodeInfo {
        code: "D204",
        severity: Severity::Note,
        title: "时间段隐含跨年",
        explanation: "时间段的结束日期没有写年份，且早于开始日期，例如“11月20日—2月10日”：\
            这只能理解为跨入次年，policyc 按此理解，并在提示中写明所取的完整起止日期（2022年11月20日至2023年2月10日）。\
            供暖季等时间段跨年是常见的，这只是提示：请确认这一理解与原意相符，\
            最好在原文中写明结束日期的年份。",
        fires: include_str!("../../tests/fixtures/checks/D204-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D204-silent.policy"),
    },
    CodeInfo {
        code: "D205",
        severity: Severity::Warning,
        title: "相邻阶段重叠或次序颠倒",
        explanation: "方案中前后相邻的两个阶段应当前后衔接：后一阶段从前一阶段结束的当天或之后开始。\
            后一阶段在前一阶段结束之前就开始，或者排在后面的阶段整体早于前一阶段，都按警告报告，并给出重叠的天数和日期。\
            日期按所写的精度理解：只要后一阶段可以在前一阶段结束的当天或之后开始，就不算重叠，\
            例如共用交界的那一天（3月15日）或那一个月（3月—6月、6月—9月），\
            或者“5月11日—5月31日”之后写作“5月—11月”。\
            没有写年份的阶段若按次年读就能衔接（跨年的方案），不报告。\
            若两个阶段本来就同时进行，可忽略本警告。",
        fires: include_str!("../../tests/fixtures/checks/D205-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D205-silent.policy"),
    },
    CodeInfo {
        code: "D206",
        severity: Severity::Warning,
        title: "超出方案期限",
        explanation: "方案的阶段落在方案期限之外，例如期限是2022年，检查验收阶段却安排在2023年1月。\
            只有方案写了期限时才检查；阶段中的步骤、节点和任务与所属阶段比较（见 D207），\
            阶段没有可用日期时才与方案期限比较。\
            不在阶段中的节点和任务时限多是目标（如2021年的方案写“到2023年清洁取暖率达到100%”），不与方案期限比较。\
            没有写年份的日期若按次年读就在期限之内，不报告。\
            若工作确实延续到期限之后，应同时修改方案期限。",
        fires: include_str!("../../tests/fixtures/checks/D206-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D206-silent.policy"),
    },
    CodeInfo {
        code: "D207",
        severity: Severity::Warning,
        title: "不在所属阶段内或次序颠倒",
        explanation: "阶段中的步骤、节点和任务时限应落在这个阶段的起止日期之内；\
            同一阶段中先后列出的节点、步骤，后列的不应整体早于先列的。\
            不在阶段中的节点（工作目标中列出的时间要求）按主题排列，不检查次序。\
            时限（如“10月15日前”）只看截止日期是否在阶段之内。\
            没有写年份的日期若按次年读就成立（跨年的阶段），不报告。\
            请核对日期，或把它移到所属的阶段、按时间先后排列。",
        fires: include_str!("../../tests/fixtures/checks/D207-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D207-silent.policy"),
    },
    CodeInfo {
        code: "D208",
        severity: Severity::Error,
        title: "年份超出合理范围",
        explanation: "年份不在1900至2200年之间，例如把2022年写成了2202年。\
            这样的年份不可能是实施方案所指的年份，日期不参与任何比较。\
            请核对年份是否多打、少打或颠倒了数字。",
        fires: include_str!("../../tests/fixtures/checks/D208-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D208-silent.policy"),
    },
    CodeInfo {
        code: "E0001",
        severity: Severity::Error,
        title: "语法错误",
        explanation: "这一行不符合政策文件的写法，编译器无法读懂它的结构。\
            常见原因有：关键字后缺少冒号（全角“：”或半角“:”均可），花括号没有成对出现，\
            「」引号没有闭合，或者一行里多写了内容。\
            请对照提示的位置检查这一行，以及它前面最近一个尚未闭合的块。",
        fires: "指标 户数：460户 户",
        silent: "指标 户数：460户",
    },
    CodeInfo {
        code: "E0002",
        severity: Severity::Error,
        title: "无法读取文件",
        explanation: "编译器无法读取这个文件，因此没有进行任何检查。\
            可能是文件不存在、没有读取权限、路径指向一个目录，\
            或者文件超过 8 MiB 的大小上限。\
            文件必须以 UTF-8 编码保存；以 GBK 等编码保存的文件会被拒绝，\
            提示会给出第一个无法解码的字节所在的行，请在编辑器中另存为 UTF-8 后重试。",
        fires: "（以 GBK 编码保存的）指标 户数：460户",
        silent: "（以 UTF-8 编码保存的）指标 户数：460户",
    },
    CodeInfo {
        code: "E0003",
        severity: Severity::Error,
        title: "超出限制",
        explanation: "文件的某一部分超出了编译器的处理上限，例如块嵌套过深、数字的位数过多，\
            或者表格的行列过多。\
            这些上限远高于任何真实通知的需要，触发时通常说明文件有误，\
            例如漏写了右花括号，或者把别的数据粘贴了进来。\
            请检查提示的位置，把内容拆分或改正。",
        fires: "指标 户数：1000000000000000000000000000000户",
        silent: "指标 户数：460户",
    },
    CodeInfo {
        code: "E0101",
        severity: Severity::Error,
        title: "引用了未声明的名称",
        explanation: "这里引用的指标、任务或小组在文件中没有声明。\
            每个名称都必须先用“指标”“分解”“任务”“领导小组”等声明，然后才能在核算、复述或正文中引用。\
            请检查名称是否写错（包括全角与半角、多余的空格），或者补上它的声明。",
        fires: "指标 户数：460户\n核算：户数 + 新增户数 = 500户",
        silent: "指标 户数：460户\n指标 新增户数：40户\n核算：户数 + 新增户数 = 500户",
    },
    CodeInfo {
        code: "E0102",
        severity: Severity::Error,
        title: "名称重复声明",
        explanation: "同一个名称在同一范围内声明了不止一次。\
            引用这个名称时编译器无法判断指的是哪一个声明。\
            如果是同一数字在通知中出现了两次，请用“复述”把第二次出现与第一次声明关联起来；\
            如果是两个不同的数字，请给它们取不同的名称。",
        fires: "指标 户数：460户\n指标 户数：480户",
        silent: "指标 户数：460户\n复述 户数：460户",
    },
    CodeInfo {
        code: "E0103",
        severity: Severity::Error,
        title: "单位未声明",
        explanation: "任务、小组或办公室中提到的单位没有在“单位”块中声明。\
            所有牵头单位、责任单位、配合单位和实施单位都应在“单位”块中列出一次，\
            简称可以用“（又称 …）”写在全称后面。\
            请检查单位名称是否与声明一致，或者把它补进“单位”块。",
        fires: "单位 { 部门：区财政局 }\n任务 1 { 牵头单位：区发改局 }",
        silent: "单位 { 部门：区发展和改革局（又称 区发改局） }\n任务 1 { 牵头单位：区发改局 }",
    },
    CodeInfo {
        code: "E0104",
        severity: Severity::Error,
        title: "计量单位无法识别",
        explanation: "数字后面的计量单位不在编译器认识的单位表中，例如把“户”“平方米”“元”写错或写成了不常见的说法。\
            单位决定了数字之间能否相加、比较和核算，因此必须能够识别。\
            请改用标准写法（如 户、平方米、万元、元/户），\
            或者检查数字与单位之间是否混入了别的文字。",
        fires: "指标 面积：7.1万平米米",
        silent: "指标 面积：7.1万平方米",
    },
    CodeInfo {
        code: "E0105",
        severity: Severity::Error,
        title: "数字无法读取",
        explanation: "这里的数字无法读成一个确定的数值。\
            可能是千分位逗号的位置不对、混用了全角与半角的小数点，或者中文数字写法不规范。\
            请按通知原文核对这个数字，改成如 26441、26,441、2.85万 或 三 这样的写法。",
        fires: "指标 户数：26,44,1户",
        silent: "指标 户数：26,441户",
    },
    CodeInfo {
        code: "E0900",
        severity: Severity::Error,
        title: "内部错误",
        explanation: "某项检查在运行中意外中止。这是 policyc 自身的缺陷，不是政策文件的问题；\
            其余检查照常进行，结果仍然有效。请把政策文件和这条消息报告给 policyc 的维护者。",
        fires: "（无法用政策文件稳定地触发）",
        silent: "指标 户数：460户",
    },
    CodeInfo {
        code: "O401",
        severity: Severity::Warning,
        title: "任务没有牵头单位",
        explanation: "每项任务应有一个对它负总责的牵头单位。只写了责任单位、实施单位或配合单位的任务仍然没有牵头单位：\
            有几个单位却没有牵头单位，或者一个单位也没写，按警告报告；\
            只有一个责任单位（或实施单位）的，例如职责分工式的条目，这个单位多半就是实际的牵头单位，只作提示；\
            承担任务的都是集合单位（两镇、各街道办事处）的，各自对本辖区负责，也只作提示。\
            请写明“牵头单位：…”，其余单位写作责任单位或配合单位。",
        fires: include_str!("../../tests/fixtures/checks/O401-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/O401-silent.policy"),
    },
    CodeInfo {
        code: "O402",
        severity: Severity::Warning,
        title: "同一单位用了两个名称",
        explanation: "通知常常混用单位的全称和简称（区发展和改革局、区发改局、区发改委），\
            若在“单位”中声明成了几个单位，任务、成员和统计就会把同一单位算成几个。\
            本检查在已声明的单位之间寻找可能相同的名称：一个名称的字依次出现在另一个名称中（简称），\
            只差行政区前缀（住建局、旗住建局），只差“局”“委”或省去了“局”字，乡镇、街道只差“人民政府”“办事处”，\
            供电公司的几种写法；这些按警告报告。名称主体相同而一个称“中心”、一个称“局”的，\
            可能是机构改革前后的新旧名称，泛称（财政部门）与具体名称（区财政局）并存的，地名与其人民政府并存的，\
            都只作提示。集合单位（各乡镇）不参与比较，区委的各个办事机构（区委办公室、区委编办）不会被认作彼此的简称，\
            不同的乡镇、街道（城关镇与城南镇、新华街道与新华西街道）和不同的行政区（市财政局与区财政局）不会被认作同一单位。\
            若确是同一单位，只声明一次，其余写作别称：区发展和改革局（又称 区发改局）。",
        fires: include_str!("../../tests/fixtures/checks/O402-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/O402-silent.policy"),
    },
    CodeInfo {
        code: "O403",
        severity: Severity::Warning,
        title: "职务没有姓名",
        explanation: "领导小组或工作组的成员只列了职务，没有写担任者的姓名（编码为“（未列姓名）”）。\
            同一小组的其他成员写了姓名时，这多半是遗漏，按警告逐条报告；\
            整个小组都只列职务、一个姓名也没有时，是按职务组成的写法，只对小组作一条提示。\
            请补上姓名，或确认小组按职务组成。",
        fires: include_str!("../../tests/fixtures/checks/O403-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/O403-silent.policy"),
    },
    CodeInfo {
        code: "O404",
        severity: Severity::Warning,
        title: "承担任务的单位不在领导小组中",
        explanation: "通知设有领导小组时，牵头或承担任务的单位通常应有负责人参加领导小组，以便统筹协调。\
            牵头单位不在领导小组成员中的按警告报告，只作为责任单位的只作提示。\
            成员所属的单位按成员职务开头的单位名称确定（区财政局局长 → 区财政局）；\
            职务中写的是未声明的单位（九原供电分局局长）时，按职务中的单位名称比较。\
            集合单位（各乡镇、区直各部门）不检查；以集体身份参加的成员（各乡镇人民政府主要负责人）代表同类的各个单位；\
            与某个成员单位可能只是名称不同的单位留给 O402 报告。没有领导小组的通知不检查。",
        fires: include_str!("../../tests/fixtures/checks/O404-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/O404-silent.policy"),
    },
    CodeInfo {
        code: "O405",
        severity: Severity::Warning,
        title: "无法识别的小组角色",
        explanation: "领导小组或工作组成员的角色不是常见的角色，例如“组长”印成了“长”。\
            认得的角色有：组长、第一副组长、副组长、常务副组长、执行组长、成员、主任、副主任、工作人员、联系人、\
            秘书长、总指挥、指挥长、召集人等，以及用“兼”连接的组合（副组长兼办公室主任）。\
            提示会给出可能的原词。请核对原文。",
        fires: include_str!("../../tests/fixtures/checks/O405-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/O405-silent.policy"),
    },
    CodeInfo {
        code: "O406",
        severity: Severity::Note,
        title: "附件未附",
        explanation: "通知在附件说明中列出了这个附件，正文后却没有附上它的内容（编码为只有标题、没有花括号的“附件”）。\
            读者无从查看附件所载的清单或表格。这是提示：请在发布前附上附件，或从附件说明中删去。",
        fires: include_str!("../../tests/fixtures/checks/O406-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/O406-silent.policy"),
    },
    CodeInfo {
        code: "R301",
        severity: Severity::Error,
        title: "规则有空档",
        explanation: "分段补贴规则的各项条件应当不重不漏地覆盖所有情形。这里有一段数值没有任何一项适用（规则也没有写“否则”），\
            提示会给出确切的空档，例如“恰好为4万元”或“不低于1万元且不足2万元”。\
            界限词的含义按法律规定和通常用法确定：以上、以下、以内、届满、不低于、不少于、不超过、不高于包括本数；\
            不满、超过、以外、不足、低于、少于不包括本数（民法典第一千二百五十九条）；写明（含）或（不含）时以所写为准。\
            最常见的空档是“超过4万元……不足4万元……”，两项都不包括4万元本身。\
            请在相邻一项的界限上写明是否包括本数，或用“否则”写明其余情形。",
        fires: include_str!("../../tests/fixtures/checks/R301-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/R301-silent.policy"),
    },
    CodeInfo {
        code: "R302",
        severity: Severity::Error,
        title: "规则条件重叠",
        explanation: "同一数值同时落在规则的两项或多项条件中。最常见的是“4万元以上……4万元以下……”：\
            按法律规定“以上”“以下”都包括本数，恰好4万元的住户两项都适用。\
            各项给出的补贴不同时按错误报告，因为同一户不知该按哪一项补贴；\
            在重叠处给出的补贴相同时只作警告。\
            请把其中一项的界限改为不包括本数（如“不足4万元”），或写明（不含）。",
        fires: include_str!("../../tests/fixtures/checks/R302-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/R302-silent.policy"),
    },
    CodeInfo {
        code: "R303",
        severity: Severity::Warning,
        title: "补贴在界限处跳升（断崖）",
        explanation: "以费用为条件的分段补贴，在某个界限处补贴突然增加，使得费用略低于界限的住户，\
            把费用提高到界限（或略高于界限）后，补贴增加得比费用还多，自己负担的部分反而减少。\
            这会诱使住户抬高费用。提示给出界限、补贴跳升的数额，以及哪一段费用的住户这样做会少付钱，并举例说明。\
            计算时，百分比结果按费用的份额计算（有上限的不超过上限），其他结果按定额计算，“否则”适用于其余情形。\
            只检查条件和结果都是金额（或百分比）的规则，条件重叠的规则先按 R302 改正。\
            改正办法是让补贴在界限两边相等，或对超出部分按比例递减。",
        fires: include_str!("../../tests/fixtures/checks/R303-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/R303-silent.policy"),
    },
];

/// The registry entry for a code, ignoring case (`e0001` finds `E0001`).
pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    CODES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// The text of `policyc explain CODE`: title, severity, explanation and the two
/// examples, in Chinese.
pub fn explain(code: &str) -> Option<String> {
    let info = lookup(code)?;
    let indent = |s: &str| s.lines().map(|l| format!("    {l}\n")).collect::<String>();
    Some(format!(
        "{code}：{title}\n级别：{sev}（{sev_en}）\n\n{explanation}\n\n示例（触发）：\n{fires}\n示例（不触发）：\n{silent}",
        code = info.code,
        title = info.title,
        sev = info.severity.label_zh(),
        sev_en = info.severity,
        explanation = info.explanation,
        fires = indent(info.fires),
        silent = indent(info.silent),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_explained() {
        for pair in CODES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} ≥ {}",
                pair[0].code,
                pair[1].code
            );
        }
        for c in CODES {
            // E0001 for the front end; A101, D201, R301, O401 … for the checks' families.
            let digits = match c.code.as_bytes().first() {
                Some(b'E') => 4,
                Some(b'A' | b'D' | b'R' | b'O') => 3,
                _ => 0,
            };
            let well_formed = digits > 0
                && c.code.len() == 1 + digits
                && c.code[1..].bytes().all(|b| b.is_ascii_digit());
            assert!(well_formed, "bad code {}", c.code);
            for (what, text) in [
                ("title", c.title),
                ("explanation", c.explanation),
                ("fires", c.fires),
                ("silent", c.silent),
            ] {
                assert!(!text.trim().is_empty(), "{}: empty {what}", c.code);
            }
            assert_ne!(c.fires, c.silent, "{}: examples are the same", c.code);
        }
    }

    #[test]
    fn check_codes_explain_with_their_tested_fixtures() {
        // The examples `explain` shows are the fixture files the check tests run.
        let text = explain("d201").unwrap();
        assert!(text.starts_with("D201：日期不存在\n级别：错误（error）"));
        assert!(text.contains("2022年3月1日-2022年4月31日"));
        assert!(text.contains("2022年3月1日-2022年4月30日"));
        for c in CODES.iter().filter(|c| !c.code.starts_with('E')) {
            assert!(
                c.fires.contains("方案")
                    || c.fires.contains("通知")
                    || c.fires.contains("领导小组"),
                "{}",
                c.code
            );
        }
    }

    #[test]
    fn lookup_ignores_case() {
        assert_eq!(lookup("e0101").map(|c| c.title), Some("引用了未声明的名称"));
        assert!(lookup("E9999").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn explain_text() {
        insta::assert_snapshot!(explain("e0001").unwrap(), @r"
        E0001：语法错误
        级别：错误（error）

        这一行不符合政策文件的写法，编译器无法读懂它的结构。常见原因有：关键字后缺少冒号（全角“：”或半角“:”均可），花括号没有成对出现，「」引号没有闭合，或者一行里多写了内容。请对照提示的位置检查这一行，以及它前面最近一个尚未闭合的块。

        示例（触发）：
            指标 户数：460户 户

        示例（不触发）：
            指标 户数：460户
        ");
        assert!(explain("X1").is_none());
    }
}
