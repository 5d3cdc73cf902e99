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
        code: "A101",
        severity: Severity::Error,
        title: "分解的合计与分项之和不符",
        explanation: "“分解”写明的合计（或被再分解的分项本身）与各分项之和不相等。核对按通知的写法进行：不带“万/亿”、不带小数的计数和金额是精确数，不放宽（五行户数差 3 户就是差 3 户）；带“万/亿”或小数的数按末位四舍五入，例如 2.85万户 表示 2.845万～2.855万户（含下端、不含上端）；约数（约、左右）允许 ±5%，“近、接近”读作略少于所写的数（至多少 5%），“余、多”读作多于所写的数而不到末位数字的下一个单位（3.6万余户 即 3.6万～3.7万户）。只有在各数的取值范围内怎样也凑不出相等时才报告，消息给出写明的合计、算出的和、相差多少以及允许的误差。均为精确数或四舍五入的数时为错误；涉及约数时为警告。原文确实如此，则是通知本身的错误，应请起草单位更正；只有一个分项的分解读作原文的“其中”（如“新增200万平方米，其中农村居民42万平方米”），只在分项大于合计时报告。若原文的“其中”只列了部分分项，就不要写成“分解”。一个写明的数恰是另一个更精确的数截去尾数所得（如 2283.84万元 写作 2283万元，1.2632亿元 写作 1.2亿元），原文多半是截尾而非四舍五入，此时降为警告并注明按四舍五入应写作多少。",
        fires: include_str!("../../tests/fixtures/checks/A101-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A101-silent.policy"),
    },
    CodeInfo {
        code: "A102",
        severity: Severity::Error,
        title: "表格的合计或小计与各行之和不符",
        explanation: "表格中“合计：”一行的某一列与各“行：”之和不符，或“小计：”一行与它所合计的各行之和不符。逐列核对，只核对数字单元格：空白或“—”按 0 计，某行这一列是文字时这一列不核对。小计合计它前面、上一个小计（或合计）之后的各行；如果第一个小计印在所有数据行之前，则认为小计都印在各自的行上方，合计它后面的各行。表中只有一个合计行时，它合计全部数据行。单位是比率（元/户、元/平方米）或百分比的列，合计行给的是平均数或总的比率而不是和，不核对；只有合计为 100% 的占比列按和核对。误差的算法与 A101 相同：精确的户数不放宽。原文如此，则是表格本身的错误，应请起草单位更正。",
        fires: include_str!("../../tests/fixtures/checks/A102-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A102-silent.policy"),
    },
    CodeInfo {
        code: "A103",
        severity: Severity::Error,
        title: "表格的一行不满足列之间的关系",
        explanation: "表格写了“关系：”（例如 「2019年未开工户数」 = 「2019年计划改造户数」 - 「2019年已开工户数」），而某一行（包括合计、小计行）的数字不满足它。逐行核对，空白单元格按 0 计，整行都空白或有文字的行不核对。误差的算法与 A101 相同。原文如此，则是表格本身的错误，应请起草单位更正。",
        fires: include_str!("../../tests/fixtures/checks/A103-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A103-silent.policy"),
    },
    CodeInfo {
        code: "A104",
        severity: Severity::Error,
        title: "复述的数字与首次写法不一致",
        explanation: "同一个数字在通知的不同地方（后面的章节、投资估算、附件）写法不同，按四舍五入也不可能是同一个数，例如 102万平方米 与 101万平方米（前者表示 101.5万～102.5万，后者表示 100.5万～101.5万，没有共同的值）。写法精度不同而数值一致的不报告，例如 26441户 与 2.64万户。涉及约数时为警告。两处都应照原文保留，并请起草单位确认哪一个是对的。一个写明的数恰是另一个更精确的数截去尾数所得（如 2283.84万元 写作 2283万元，1.2632亿元 写作 1.2亿元），原文多半是截尾而非四舍五入，此时降为警告并注明按四舍五入应写作多少。",
        fires: include_str!("../../tests/fixtures/checks/A104-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A104-silent.policy"),
    },
    CodeInfo {
        code: "A105",
        severity: Severity::Error,
        title: "核算不成立",
        explanation: "“核算”写出的算式（标准 × 数量 = 资金、分项 ÷ 合计 = 占比、资金 ≤ 总投资 等）按通知中的数算不出来。两边都按各数的取值范围计算：乘除时取端点乘积的最小和最大值；一边只是一个精确数、另一边有乘除时，这个数按其末位取整理解（26441户 × 90% = 23796.9户，写作 23797户 不算错）。“=” 要求两边的范围有共同的值，“≤”“≥” 要求在范围内有满足的取值。单位自动换算（万元、亿元、万平方米）。涉及约数时为警告。若算式并非原文的意思（例如补贴有封顶、只对部分户数适用），请改写核算。一个写明的数恰是另一个更精确的数截去尾数所得（如 2283.84万元 写作 2283万元，1.2632亿元 写作 1.2亿元），原文多半是截尾而非四舍五入，此时降为警告并注明按四舍五入应写作多少。",
        fires: include_str!("../../tests/fixtures/checks/A105-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A105-silent.policy"),
    },
    CodeInfo {
        code: "A106",
        severity: Severity::Error,
        title: "分项不符合规定的比例",
        explanation: "分解写了“比例”（如 市区两级按 7:3 分担），但各分项的金额在四舍五入的范围内找不到符合该比例的分法；有合计时，合计也要符合。消息给出按比例应得的各分项。比例的项数与分项个数不同时也报告，此时通常应把比例适用的那几个分项写成一个嵌套的分解。各分项恰好符合颠倒过来的比例（规定 7:3，分项是 3:7）时为警告，并照此说明：可能是比例或分项的先后写反了，也可能比例只适用于另一部分资金，按原文无法判断。涉及约数时也为警告。",
        fires: include_str!("../../tests/fixtures/checks/A106-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A106-silent.policy"),
    },
    CodeInfo {
        code: "A107",
        severity: Severity::Error,
        title: "单位不同的量放在一起计算",
        explanation: "户、平方米、元等是不同的量：户不能与平方米相加，元/户 × 平方米 得到的不是元。分解的分项与合计、复述与首次写法、核算的两边以及表格“关系”的两边都必须是同一种量。万元与亿元、平方米与万平方米、公里与米之间是换算，自动进行。为了与通知的计数习惯一致，个、所、座、处、台、套等计物的量词视为同一种量（“2个乡镇政府……29所中小学……共计167个单位”可以相加），户、人、次仍各是一种量；每年一个采暖季，采暖季与年视为相同（元/平方米·采暖季 × 平方米 × 三年 是金额）。",
        fires: include_str!("../../tests/fixtures/checks/A107-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A107-silent.policy"),
    },
    CodeInfo {
        code: "A108",
        severity: Severity::Warning,
        title: "占比之和不等于 100%",
        explanation: "分解的各分项都是百分比（各部分所占份额），而它们加起来不是 100%。分项都是占比、合计是一个金额或数量（或没有写合计）时核对；按年度、季度、阶段分的比率可能是逐年累计的目标，不核对。加起来超过 100% 肯定有错，报告为错误；不足 100% 可能只是原文没有列全，报告为警告。误差的算法与 A101 相同：30% 是精确数，33.3% 按末位四舍五入。",
        fires: include_str!("../../tests/fixtures/checks/A108-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A108-silent.policy"),
    },
    CodeInfo {
        code: "A109",
        severity: Severity::Error,
        title: "核算中除数为零",
        explanation: "“核算”的算式除以一个值为零的数，例如户数写成了 0户，或者一个四舍五入后可能为零的数（如 0.0万户）。除以零没有结果，这个核算无法核对，\
            消息指出作除数的数字。请核对原文：多半是数字漏写或写错；原文确实为零，这个核算就没有意义，应请起草单位更正或删去。",
        fires: include_str!("../../tests/fixtures/checks/A109-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A109-silent.policy"),
    },
    CodeInfo {
        code: "A110",
        severity: Severity::Error,
        title: "算得的数位数过多，无法核对",
        explanation: "核对时算出的数（“核算”算式的积、和，或分解、表格一列的各项之和）超过了可以精确计算的范围（28 位有效数字，约 7.9 × 10²⁸）。\
            policyc 不做近似计算，所以这一项核对不了，其余核对照常进行。\
            真实通知中的数远小于这个范围，出现时多半是单位或数量级写错了，例如把 亿元 写成 亿亿元，或多打了几位数字。",
        fires: include_str!("../../tests/fixtures/checks/A110-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A110-silent.policy"),
    },
    CodeInfo {
        code: "A111",
        severity: Severity::Warning,
        title: "倍数与所引的数不符",
        explanation: "“倍数”写明一个数是另一个数的几倍或比它增长了几倍（`倍数：本年改造户数 较 上年改造户数 增长近一倍`），而两个数之比不合这个说法。\
            读法：“增长一倍”“增加一倍”“提高一倍”“翻一番”是原来的 2 倍，“增长两倍”是 3 倍，“是…的两倍”是 2 倍，“翻两番”是 4 倍；\
            “近”“接近”指略少于所说的倍数（至多少 5%），所以“增长近一倍”要求增长 95%～100%：增长 96% 合，增长 53.8% 不合。\
            两个数按通知的写法取四舍五入范围，只有在范围内怎样也不合时才报告，消息给出实际的倍数和增长百分比。\
            倍数是文字中的概括说法，所以是警告。原文如此，则是通知本身的错误，应请起草单位核对数字或倍数的说法。",
        fires: include_str!("../../tests/fixtures/checks/A111-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A111-silent.policy"),
    },
    CodeInfo {
        code: "A112",
        severity: Severity::Error,
        title: "名单的项数与所说的个数不符",
        explanation: "“名单”照原文列出一组名称（小区、社区、改造方式……），并写明原文紧接着说的个数（`共计：七个老旧小区`），而列出的项数与这个个数不同。\
            例如原文列了六个小区的名称，却说“共七个老旧小区”；或者列了三种做法，却说“两种改造方式”。消息给出列出的项数和原文的个数，重复列出的名称另行注明。\
            原文只举了几个例子（“北关社区、南关社区等17个社区”）时，最后一项照写“等”：这时只有列出的项多于个数才报告。\
            请逐项核对名单与原文；原文如此，则是通知本身的错误，应请起草单位更正名单或个数。",
        fires: include_str!("../../tests/fixtures/checks/A112-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A112-silent.policy"),
    },
    CodeInfo {
        code: "A115",
        severity: Severity::Warning,
        title: "缺少单位",
        explanation: "一组相加的数（分解的合计与分项）中，有的数没有写单位，其余的数单位相同，例如“集中供热改造居民350”与“分散式改造居民514户”并列。\
            没有单位的数本是纯数，不能与户数相加，通知多半是漏印了单位。policyc 按同组其他数的单位读它（这里读作 350户），报告缺少单位，\
            并照这个读法核对合计与分项之和；读法是推断，所以由此发现的不符也只是警告。\
            同组的数单位本就各不相同时无从推断，按单位不同（A107）报告。\
            单独写出的数（指标、复述、标准、假设）没有单位（`指标 改造小区数：36`），或标准的单位只有“/”后的部分\
            （`1600/户`，漏了“元”），也在这里报告：这个数在别处写了单位，或本文件有单位为“元/户”这样的数时，提示给出这个单位。\
            百分比和带量词的中文数字（三年）有单位，不报告。请照原文补上单位；原文确实漏印了，应请起草单位补上。",
        fires: include_str!("../../tests/fixtures/checks/A115-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/A115-silent.policy"),
    },
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
            几个时间写在一起的（2022年6月、2023年6月）人读得懂，只作提示。\
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
            后一阶段在前一阶段结束之前就开始，或者排在后面的阶段整体早于前一阶段，都按警告报告，并给出重叠的天数和日期；\
            排在后面的阶段开始和结束都早于前一阶段（（一）3月10日—4月30日、（二）3月1日—4月10日），即使两者重叠，也按次序颠倒报告。\
            日期按所写的精度理解：只要后一阶段可以在前一阶段结束的当天或之后开始，就不算重叠，\
            例如共用交界的那一天（3月15日）或那一个月（3月—6月、6月—9月），\
            或者“5月11日—5月31日”之后写作“5月—11月”。\
            没有写年份的阶段若按次年读就能衔接（跨年的方案），不报告。\
            一个阶段伸进更后面的阶段（组织实施到12月31日，而12月有两个验收阶段）也报告，与它重叠的每个后续阶段各报告一次。\
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
            同一阶段中先后列出的节点、步骤，后列的不应整体早于先列的，也不应开始和结束都早于先列的\
            （第一步3月10日—3月31日、第二步3月1日—3月20日）；同时开始或一个包含另一个的，是并行的步骤，不报告。\
            标题写明时间、步骤、进度或节点的一节（“六、时间节点”“实施步骤”）中不在阶段里的节点是一条时间线，同样检查次序；\
            其他不在阶段中的节点（工作目标中列出的时间要求）按主题排列，不检查次序。\
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
        code: "D209",
        severity: Severity::Warning,
        title: "任务时限晚于方案期限",
        explanation: "任务的完成时限晚于方案期限的最后一天；方案没有写期限时，晚于最后一个阶段结束的日子。\
            方案期限是整个方案的时间范围，期限之后完成的任务不在这个方案之内，多半是时限或期限写错了年份或月份。\
            写在有日期的阶段之中的任务与所属阶段比较（见 D207），不在这里报告；节点和不属于任务的目标（到2025年……）不比较。\
            没有写年份的时限若按次年读就在期限之内，不报告。若任务确实延续到期限之后，应同时修改方案期限或阶段安排。",
        fires: include_str!("../../tests/fixtures/checks/D209-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D209-silent.policy"),
    },
    CodeInfo {
        code: "D210",
        severity: Severity::Note,
        title: "时限早于成文日期",
        explanation: "任务的完成时限或节点的截止日期早于方案（或印发通知）的成文日期：通知印发时，这个时限已经过去了。\
            方案补记印发前已经开展的工作（5月印发、写明4月完成动员部署）是常见的，所以这只是提示；\
            也可能是年份或月份写错了（2024年的方案写成2023年10月底前）。只比较任务的完成时限和写作“……前”的节点，时间段不比较。\
            没有写年份的时限若按次年读就在成文日期之后，不报告。",
        fires: include_str!("../../tests/fixtures/checks/D210-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D210-silent.policy"),
    },
    CodeInfo {
        code: "D211",
        severity: Severity::Warning,
        title: "年份前后不一致",
        explanation: "同一份文件中应当一致的年份写得不同：发文字号中的年份（〔2022〕）与成文日期的年份；\
            方案标题中的年份（2024年清洁取暖实施方案）与方案期限；印发通知的标题所引的方案（《2025年清洁取暖改造实施方案》）\
            与方案自己的标题（除年份外相同）；任务名称写的是方案期限之外某一年的工作（2025年的方案中“2024年煤改电改造工作”），\
            完成时限却在期限之内。这多半是沿用旧文件时漏改了年份。\
            标题中写了几个年份（2021—2023年）的，只比较与通知所引标题是否一致。两处都照原文保留，请起草单位确认哪一个是对的。",
        fires: include_str!("../../tests/fixtures/checks/D211-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D211-silent.policy"),
    },
    CodeInfo {
        code: "D212",
        severity: Severity::Error,
        title: "分阶段时限次序颠倒",
        explanation: "一项任务的时限分几个阶段写（6月底前完成50%，11月底前全部完成），\
            后一个阶段的时限却不晚于前一个，例如“11月底前完成50%，6月底前全部完成”。\
            这多半是月份或年份写错。各阶段次序正确时不报告。",
        fires: include_str!("../../tests/fixtures/checks/D212-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D212-silent.policy"),
    },
    CodeInfo {
        code: "D213",
        severity: Severity::Warning,
        title: "验收早于完工",
        explanation: "验收全部工作的时间（检查验收阶段，或写明“所有”“全部”“全面”“各项”的验收节点、步骤）\
            早于所验收的工作完成的时间，例如“10月15日前完成本年度所有改造工程内部验收”而“10月底前改造工程全面完工”：\
            在工作完成之前不能验收全部工作。只比较同一节（或其中各小节）写的内容：一节的验收不与另一节的完工比较；\
            完成的工作指实施、施工、建设、改造阶段，以及写明完工、竣工、施工完成、全部完成、建成、投入使用的节点、步骤和任务，\
            “全面启动”“开工”不算。写明“本年度”“当年”的验收只与同一年完成的工作比较；两个阶段之间的先后由 D205 判断。\
            若原文的验收只是已完成的一部分，照原文保留，可忽略本警告；否则多半是日期写错，请起草单位核对。",
        fires: include_str!("../../tests/fixtures/checks/D213-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D213-silent.policy"),
    },
    CodeInfo {
        code: "D214",
        severity: Severity::Note,
        title: "相邻阶段在同一个月交接",
        explanation: "相邻的两个阶段按月份写，后一阶段从前一阶段结束的那个月开始：“动员部署（2020年5月）”之后是“组织实施（2020年5月—12月）”，\
            或“5月11日—5月31日”之后是“5月—11月”。按月份读，后一阶段从这个月月初开始，两个阶段在这个月里重叠；\
            但后一阶段也可能在前一阶段结束之后才开始，按原文无法判断，所以不作为 D205 的警告，只提示核对。\
            若两个阶段在这个月中先后衔接，可写明交接的日期；若本就同时进行，可忽略。前一阶段在这个月以前就结束、\
            后一阶段写明了开始的日子，或两个阶段都以这个月为界（“3月—6月”之后“6月—9月”，通常的写法），不提示。",
        fires: include_str!("../../tests/fixtures/checks/D214-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D214-silent.policy"),
    },
    CodeInfo {
        code: "D220",
        severity: Severity::Note,
        title: "今年、明年按成文日期读出的年份",
        explanation: "通知常写“今年年底前”“明年6月底前”“去年”：这些年份是相对发文时说的。\
            policyc 按通知的成文日期读出年份（成文日期2024年3月5日，“明年”即2025年），并以提示说明读法，\
            以便核对：方案的期限若是另一年，多半是沿用旧文件时漏改，或成文日期有误。\
            通知没有写成文日期时，按方案的年份（期限或标题中的年份）推测，提示中注明这只是推测；请写明成文日期。\
            “年底前”“当年”不带“今、明”时指方案所在的年份，不作提示。",
        fires: include_str!("../../tests/fixtures/checks/D220-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D220-silent.policy"),
    },
    CodeInfo {
        code: "D221",
        severity: Severity::Warning,
        title: "背景的时间晚于成文日期",
        explanation: "“背景”记下通知所说的以往情况和历年数字（自2017年5月实施以来，到2024年底共计完成改造104828户），\
            它的时间是这些事发生的时间，不是方案的阶段，不与方案期限比较（D206 不判断它）。\
            但已经发生的事不能在成文日期之后才开始：背景的时间从成文日期之后开始，多半是年份写错，或者这其实是方案要做的事，\
            应写作阶段或任务。只比较背景时间的开始：到年底的累计数（“到2024年底”）常在年底前印发，不报告。",
        fires: include_str!("../../tests/fixtures/checks/D221-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D221-silent.policy"),
    },
    CodeInfo {
        code: "D222",
        severity: Severity::Warning,
        title: "发布日期早于成文日期",
        explanation: "网页转载的通知、政策解读和新闻报道除了文件的成文日期，还有网页或报刊自己的发布日期（`发布日期：`）和来源（`来源：`），\
            两者分别照原文记下。发布不会早于成文：发布日期早于成文日期，多半是其中一个日期抄错了。请按原文核对两个日期。",
        fires: include_str!("../../tests/fixtures/checks/D222-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D222-silent.policy"),
    },
    CodeInfo {
        code: "D223",
        severity: Severity::Warning,
        title: "解读文件与方案标题不同",
        explanation: "政策解读写明了它解读的文件（`解读文件：《……》`），文件中的方案却没有这个标题，也没有这个简称（`简称：《方案》`）。\
            多半是解读页面沿用了旧文件的标题（年份、地名不同），或方案标题抄错。比较时不计书名号。\
            通知以“（以下称《方案》）”给方案起了简称时，在方案中写 `简称：《方案》`，解读文件写简称也不报告。",
        fires: include_str!("../../tests/fixtures/checks/D223-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D223-silent.policy"),
    },
    CodeInfo {
        code: "D224",
        severity: Severity::Note,
        title: "跨年的期限中未写年份的时间",
        explanation: "通知常只写“10月底前”“5月—11月”，年份要从上下文读出：所在阶段或方案的实施期限只在一年之内时，年份是确定的；\
            实施期限或阶段跨了几年（2021-2023年、2022年3月—2023年12月）时，没有写年份的时间可以指其中任何一年。\
            policyc 按所在期限的第一年读（2021-2023年中的“10月底前”读作2021年10月31日前），并以提示说明读法，\
            以便核对：若指的是另一年，请写明年份。所在阶段写明了年份且在一年之内、时间自己写了年份，或前一端写了年份（“2022年3月2日-3月15日”），不提示。",
        fires: include_str!("../../tests/fixtures/checks/D224-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/D224-silent.policy"),
    },
    CodeInfo {
        code: "E0001",
        severity: Severity::Error,
        title: "语法错误",
        explanation: "这一行不符合政策文件的写法，编译器无法读懂它的结构。\
            常见原因有：关键字后缺少冒号（全角“：”或半角“:”均可），花括号没有成对出现，\
            「」引号没有闭合，或者一行里多写了内容。\
            请对照提示的位置检查这一行，以及它前面最近一个尚未闭合的块。",
        fires: include_str!("../../tests/fixtures/checks/E0001-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0001-silent.policy"),
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
        fires: include_str!("../../tests/fixtures/checks/E0003-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0003-silent.policy"),
    },
    CodeInfo {
        code: "E0010",
        severity: Severity::Warning,
        title: "文件中有控制字符",
        explanation: "文件中有看不见的控制字符，例如从 Word 复制文字时带入的手动换行符（U+000B，\
            在 Word 中按 Shift+Enter 产生）、分页符（U+000C）、空字符（U+0000）、转义符（U+001B），\
            或者编码出错时产生的 U+0080～U+009F 字符。它们在编辑器里往往看不见，\
            却会让 Word 文稿和图无法打开，在终端里还可能改变显示。\
            编译器把每个这样的字符按空格处理（文稿、表格和图中都是空格），并逐一指出它的位置\
            （诊断中显示为 ␋、␀ 等符号）。制表符和换行不受影响。\
            请在编辑器中删去这些字符；需要分段时另起一行。",
        fires: include_str!("../../tests/fixtures/checks/E0010-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0010-silent.policy"),
    },
    CodeInfo {
        code: "E0020",
        severity: Severity::Error,
        title: "块没有关闭",
        explanation: "一个以“{”开始的块（方案、节、任务、分解、表等）没有对应的“}”。\
            编译器按缩进判断块在哪里结束：块的“}”单独占一行，缩进与开始这个块的那一行相同；\
            遇到一行缩进不比块的开头更深、却不是“}”的内容时，就说明这个块在它之前就该关闭了。\
            消息给出块开始的行，并指出应在哪一行之前补上“}”。\
            补上之后其余内容才能读懂，因此一个漏写的“}”只报告一次。",
        fires: include_str!("../../tests/fixtures/checks/E0020-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0020-silent.policy"),
    },
    CodeInfo {
        code: "E0021",
        severity: Severity::Error,
        title: "多余的右括号",
        explanation: "这个“}”不关闭任何块：它前面的块都已关闭，或者它的缩进比它要关闭的块还深，\
            多半是多写了一个。请删去它；如果它本应关闭下面的某个块，请检查那个块的“{”是否写在了开头一行的末尾。",
        fires: include_str!("../../tests/fixtures/checks/E0021-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0021-silent.policy"),
    },
    CodeInfo {
        code: "E0022",
        severity: Severity::Error,
        title: "关键词写错",
        explanation: "一行开头的词不是这里可以写的关键词，但与其中一个只差一个字（写错、多写、漏写或颠倒），\
            例如“分届”（分解）、“期线”（期限）、“牵头单住”（牵头单位）。消息给出最接近的关键词及其写法。\
            编译器按所猜的关键词继续读下去，因此一处笔误只报告一次；如果猜错了，请对照 docs/language.md 改写这一行。",
        fires: include_str!("../../tests/fixtures/checks/E0022-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0022-silent.policy"),
    },
    CodeInfo {
        code: "E0023",
        severity: Severity::Error,
        title: "正文用了引号“”",
        explanation: "正文段落要用直角引号「」括起。中文输入法打出的引号“”在政策文件中只是普通文字，\
            不能括起一段正文（正文里引用词语时照常使用“”）。帮助给出改好的一行：把两端的“”换成「」即可。",
        fires: include_str!("../../tests/fixtures/checks/E0023-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0023-silent.policy"),
    },
    CodeInfo {
        code: "E0024",
        severity: Severity::Error,
        title: "「没有关闭",
        explanation: "一段以“「”开始的文字没有对应的“」”，它后面的全部内容都会被当作这段文字。\
            文字中可以再用「」，但左右引号要成对。\
            字段的值（`内容：「……`）里的“「”没有“」”时，文件仍能读下去，但这个“「”只被当作这一行的一个字，\
            原文想引起来的后几行成了另外的内容，同样按此报告。请在这段文字末尾补上“」”。",
        fires: include_str!("../../tests/fixtures/checks/E0024-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0024-silent.policy"),
    },
    CodeInfo {
        code: "E0101",
        severity: Severity::Error,
        title: "引用了未声明的名称",
        explanation: "这里引用的指标、任务或小组在文件中没有声明。\
            每个名称都必须先用“指标”“分解”“任务”“领导小组”等声明，然后才能在核算、复述或正文中引用。\
            请检查名称是否写错（包括全角与半角、多余的空格），或者补上它的声明。",
        fires: include_str!("../../tests/fixtures/checks/E0101-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0101-silent.policy"),
    },
    CodeInfo {
        code: "E0102",
        severity: Severity::Error,
        title: "名称重复声明",
        explanation: "同一个名称在同一范围内声明了不止一次。\
            引用这个名称时编译器无法判断指的是哪一个声明。\
            如果是同一数字在通知中出现了两次，请用“复述”把第二次出现与第一次声明关联起来；\
            如果是两个不同的数字，请给它们取不同的名称。",
        fires: include_str!("../../tests/fixtures/checks/E0102-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0102-silent.policy"),
    },
    CodeInfo {
        code: "E0103",
        severity: Severity::Error,
        title: "单位未声明",
        explanation: "任务、小组或办公室中提到的单位没有在“单位”块中声明。\
            所有牵头单位、责任单位、配合单位和实施单位都应在“单位”块中列出一次，\
            简称可以用“（又称 …）”写在全称后面。\
            请检查单位名称是否与声明一致，或者把它补进“单位”块。",
        fires: include_str!("../../tests/fixtures/checks/E0103-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0103-silent.policy"),
    },
    CodeInfo {
        code: "E0104",
        severity: Severity::Error,
        title: "计量单位无法识别",
        explanation: "数字后面的计量单位不在编译器认识的单位表中，例如把“户”“平方米”“元”写错或写成了不常见的说法。\
            单位决定了数字之间能否相加、比较和核算，因此必须能够识别。\
            请改用标准写法（如 户、平方米、万元、元/户），\
            或者检查数字与单位之间是否混入了别的文字。",
        fires: include_str!("../../tests/fixtures/checks/E0104-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0104-silent.policy"),
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
        code: "E0106",
        severity: Severity::Error,
        title: "允许检查时缺少理由",
        explanation: "“检查”块中用“允许”关闭某项检查时，必须在代码后用「」写明理由，\
            让审阅者知道为什么这里的发现可以不改。理由与设置写在一起，随文件一同审阅。",
        fires: include_str!("../../tests/fixtures/checks/E0106-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0106-silent.policy"),
    },
    CodeInfo {
        code: "E0107",
        severity: Severity::Error,
        title: "无法调整的检查代码",
        explanation: "“检查”块中的代码不存在，或者属于编译器前端（E 开头）。\
            只有检查（A 算术、D 日期、R 规则、O 组织，开头的代码）可以允许、提示、警告或禁止。\
            运行 policyc explain 查看全部代码。",
        fires: include_str!("../../tests/fixtures/checks/E0107-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0107-silent.policy"),
    },
    CodeInfo {
        code: "E0108",
        severity: Severity::Error,
        title: "项目配置无法读取",
        explanation: "政策文件所在文件夹（或其上级文件夹）中的 policyc.yaml 格式有误。\
            它的格式是：checks: 下每个检查代码对应一个级别（允许、提示、警告、禁止），\
            或 { level: 允许, reason: 理由 }；允许时必须写理由。\
            配置有误时，项目级的设置全部不生效，文件自己的“检查”块照常生效。",
        fires: "（policyc.yaml）\nchecks:\n  O402: 允许\n",
        silent: "（policyc.yaml）\nchecks:\n  O402: { level: 允许, reason: 区发改局即区发展和改革局 }\n",
    },
    CodeInfo {
        code: "E0110",
        severity: Severity::Error,
        title: "数值过大",
        explanation: "一个数连同它的 万、亿 和单位换算后超过了可以精确计算的范围（约 7.9 × 10²⁸），\
            例如 8000000000000亿亿元。policyc 用精确的十进制数计算，不做近似，\
            所以这个数不参与任何核对（表格中的这一格按文字处理）。真实通知中的数远小于这个范围，\
            出现时多半是单位或数量级写错了：请核对是否把 亿元 写成了 亿亿元，或多打了几位数字。",
        fires: include_str!("../../tests/fixtures/checks/E0110-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0110-silent.policy"),
    },
    CodeInfo {
        code: "E0111",
        severity: Severity::Error,
        title: "日期中的数字过大",
        explanation: "日期中的年份、月份、日或季度的数字大到无法作为日期，例如 18446744073709551616年。\
            policyc 接受的年份是 1900—2200 年；在这个范围之外但数字不算太大的年份（如把 2022年 打成 2202年）由 D208 报告。\
            这样的数字不会被截成别的年份，也不会被当作方案的年份；请核对是否多打了数字。",
        fires: include_str!("../../tests/fixtures/checks/E0111-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0111-silent.policy"),
    },
    CodeInfo {
        code: "E0112",
        severity: Severity::Error,
        title: "规则结果的各部分不能相加",
        explanation: "规则的结果可以分资金来源写出各部分，如 否则：中央3500元 + 地方1800元，policyc calc 按来源分别给出、合计相加。\
            各部分必须是同一种量的金额：3500元 与 60平方米、或与 50% 不能相加。请按通知原文核对每一部分的单位。",
        fires: include_str!("../../tests/fixtures/checks/E0112-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0112-silent.policy"),
    },
    CodeInfo {
        code: "E0120",
        severity: Severity::Error,
        title: "指标的范围或乘积读不成一个数",
        explanation: "指标可以照原文写成范围（2-3个、30%–40%）或乘积（2*12.29Km），也可以带限定词（80.3%以上、不低于95%、不超过3万元）。\
            范围的两端须是同一种量、前一端不大于后一端（前一端没有单位时沿用后一端的，2-3万户 即 2万～3万户）；\
            乘积中只能有一个数带单位（2*12.29Km 是 24.58公里）。不是这样时，这个指标无法读成一个数，不参与核对。\
            请按通知原文核对：多半是漏了或写错了单位，或把两端写反了。",
        fires: include_str!("../../tests/fixtures/checks/E0120-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/E0120-silent.policy"),
    },
    CodeInfo {
        code: "E0500",
        severity: Severity::Error,
        title: "要导入的通知无法读取",
        explanation: "policyc import 打不开要导入的文件：文件不存在、没有读取权限，或者路径指向一个文件夹；\
            写出草稿时目标位置无法写入，也报告这一代码。请检查路径和权限后重试。",
        fires: "policyc import 不存在的通知.txt",
        silent: "policyc import 通知.txt",
    },
    CodeInfo {
        code: "E0501",
        severity: Severity::Error,
        title: "要导入的文件过大",
        explanation: "要导入的文件超过 32 MiB 的上限，policyc import 在读取之前就按文件大小拒绝了它。\
            一份通知的文字通常只有几十 KB，带图片的 Word 文档也不过几 MB；\
            这么大的文件多半是压缩包、扫描件、视频或数据库，而不是通知。请确认选中的是通知本身。",
        fires: "policyc import 300MB的文件.txt",
        silent: "policyc import 40KB的通知.txt",
    },
    CodeInfo {
        code: "E0502",
        severity: Severity::Error,
        title: "要导入的文件是空的",
        explanation: "要导入的文件没有内容，或者只有空格和空行（Word 文档中没有任何文字也是如此），\
            没有可以导入的通知。请确认文件已经保存，或者选中了正确的文件。",
        fires: "policyc import 空文件.txt",
        silent: "policyc import 有内容的通知.txt",
    },
    CodeInfo {
        code: "E0503",
        severity: Severity::Error,
        title: "要导入的文件不是文字",
        explanation: "要导入的文件既不是 UTF-8（可带 BOM）、带 BOM 的 UTF-16，也不是 GBK/GB18030 编码的文字，\
            或者含有文字文件中不会出现的控制字符：它多半是图片、PDF 或其他二进制文件。\
            policyc import 不猜测编码，读出的编码会显示在提示中。\
            PDF 请先用 pdftotext -layout 转成文字；其他格式请在原来的程序中另存为 .txt、.docx 或 .html。",
        fires: "policyc import 扫描件.png",
        silent: "policyc import 以GBK保存的通知.txt",
    },
    CodeInfo {
        code: "E0504",
        severity: Severity::Error,
        title: "不是可读的 Word 文档",
        explanation: "文件是一个压缩包（.docx 也是压缩包），但其中没有 Word 的正文 word/document.xml，\
            或者正文的 XML 已经损坏。改了扩展名的表格文件（.xlsx）、演示文稿或普通压缩包都会这样。\
            请在 Word 或 WPS 中打开原文件并另存为 .docx，或者另存为纯文本后再导入。",
        fires: "policyc import 改名为docx的表格.docx",
        silent: "policyc import Word保存的通知.docx",
    },
    CodeInfo {
        code: "E0505",
        severity: Severity::Error,
        title: "输出文件已经存在",
        explanation: "policyc import -o 指定的政策文件已经存在。导入从不覆盖已有的政策文件，\
            以免改好的草稿被重新导入的结果冲掉。请换一个文件名，或者确认要覆盖时加上 --force。",
        fires: "policyc import 通知.txt -o 已有的.policy",
        silent: "policyc import 通知.txt -o 已有的.policy --force",
    },
    CodeInfo {
        code: "E0600",
        severity: Severity::Error,
        title: "预览服务无法启动",
        explanation: "policyc serve 无法在本机地址 127.0.0.1 的这个端口上提供预览：端口多半已被另一个程序（或另一个 policyc serve）占用，\
            也可能是小于 1024 的端口需要管理员权限。请用 --port 换一个端口，例如 --port 9000；写 --port 0 则任选一个空闲端口，\
            实际的预览地址会打印出来。",
        fires: "policyc serve policies --port 8421（8421 已被占用）",
        silent: "policyc serve policies --port 0",
    },
    CodeInfo {
        code: "E0700",
        severity: Severity::Error,
        title: "calc：没有这条规则",
        explanation: "policyc calc 的第二个参数应是政策文件中一条“规则”的名字（规则 改造补贴 「…」 { … } 中的“改造补贴”）。消息列出文件中已有的规则名；请核对拼写。",
        fires: "policyc calc 方案.policy 不存在的规则 3.9万元",
        silent: "policyc calc 方案.policy 改造补贴 3.9万元",
    },
    CodeInfo {
        code: "E0701",
        severity: Severity::Error,
        title: "calc：读不出金额",
        explanation: "输入的金额应写作数字加单位，与通知的写法相同：3.9万元、39999.99元、60平方米；可用全角数字和千分位逗号。只写数字时，名册按列标题括号中的单位（改造费用（万元））或规则条件的单位读。算出的补贴超出精确小数的范围时也报告这一代码。",
        fires: "policyc calc 方案.policy 改造补贴 三万九",
        silent: "policyc calc 方案.policy 改造补贴 3.9万元",
    },
    CodeInfo {
        code: "E0702",
        severity: Severity::Error,
        title: "calc：金额的单位与规则的条件不符",
        explanation: "规则的条件以某种单位计（如 元），输入却是另一种量（如 平方米）。元 与 万元 同属金额，可以混用；平方米 与 元 不能。请按规则的“对象”给出输入。",
        fires: "policyc calc 方案.policy 改造补贴 60平方米",
        silent: "policyc calc 方案.policy 改造补贴 6万元",
    },
    CodeInfo {
        code: "E0703",
        severity: Severity::Error,
        title: "calc：输入为负数",
        explanation: "改造费用、面积等规则的输入不能为负。名册中一行为负数时，这一行被报告并跳过，其余各行照常计算。",
        fires: "policyc calc 方案.policy 改造补贴 -5000元",
        silent: "policyc calc 方案.policy 改造补贴 5000元",
    },
    CodeInfo {
        code: "E0704",
        severity: Severity::Error,
        title: "calc：输入不在规则的任何条件之内",
        explanation: "规则的各条件都不包括这个输入，规则也没有写“否则”：通知在这里有缺口（R301 在检查时报告同一缺口）。消息列出各条件；请按通知原文确认这一情形应得多少，在规则中补上条件或“否则”。",
        fires: "policyc calc 有缺口的方案.policy 改造补贴 4万元",
        silent: "policyc calc 方案.policy 改造补贴 3.9万元",
    },
    CodeInfo {
        code: "E0705",
        severity: Severity::Error,
        title: "calc：名册无法读取",
        explanation: "--roster 给出的名册不存在、无法读取，或既不是 UTF-8（可带 BOM）也不是 GBK 编码的 CSV。请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”。",
        fires: "policyc calc 方案.policy 改造补贴 --roster 不存在.csv",
        silent: "policyc calc 方案.policy 改造补贴 --roster 名册.csv",
    },
    CodeInfo {
        code: "E0706",
        severity: Severity::Warning,
        title: "calc：名册中有一行有误",
        explanation: "名册中这一行缺少输入、输入列写的是文字、为负数、单位不符或不在规则的条件之内。这一行被报告（给出行号）并跳过，不计入合计，其余各行照常计算；没有一行会被悄悄丢掉。",
        fires: "policyc calc 方案.policy 改造补贴 --roster 有空格的名册.csv",
        silent: "policyc calc 方案.policy 改造补贴 --roster 名册.csv",
    },
    CodeInfo {
        code: "E0707",
        severity: Severity::Error,
        title: "calc：输出文件已经存在",
        explanation: "-o 指定的结果文件已经存在，或就是名册本身。policyc calc 从不覆盖已有文件，以免名册或上次的结果被冲掉。请换一个文件名。",
        fires: "policyc calc 方案.policy 改造补贴 --roster 名册.csv -o 名册.csv",
        silent: "policyc calc 方案.policy 改造补贴 --roster 名册.csv -o 结果.csv",
    },
    CodeInfo {
        code: "E0708",
        severity: Severity::Error,
        title: "calc：缺少规则需要的输入，或同一种输入给了两个",
        explanation: "规则按几种量计算时（例如条件按改造费用、补贴按面积 30元/平方米），每户要给出每一种量，\
            一户的几个输入写在一个参数里，用“、”或“；”分隔：policyc calc 方案.policy 补贴 3.9万元、80平方米。\
            缺少其中一种，或同一种量（两个以元计的数）给了两个，都报告这一代码。名册缺少某一输入列时，每一行都无法计算，也报告这一代码。",
        fires: "policyc calc 方案.policy 面积补贴 3.9万元（规则还按平方米计算）",
        silent: "policyc calc 方案.policy 面积补贴 3.9万元、80平方米",
    },
    CodeInfo {
        code: "E0709",
        severity: Severity::Error,
        title: "calc：规则的上限或费率用不上",
        explanation: "规则结果的上限应写作补贴的单位（最高不超过3万元），或写作补贴所按的输入的单位\
            （30元/平方米，最高不超过60平方米：面积超过60平方米的按60平方米计）。上限写成别的量（如 50%，最高不超过60平方米，而百分比按费用计），\
            或百分比的结果出现在没有条件的规则中，policyc calc 无法确定其含义，报告这一代码而不猜测。请按通知原文核对上限的单位。",
        fires: "若 不足4万元：50%，最高不超过60平方米",
        silent: "若 不足4万元：50%，最高不超过1.5万元",
    },
    CodeInfo {
        code: "E0710",
        severity: Severity::Warning,
        title: "calc：规则本身有错误，结果不可靠",
        explanation: "要计算的规则本身有错误（如条件重叠而补贴不同 R302、结果单位无法相加 E0112、计量单位无法识别），\
            这些错误先列出，policyc calc 仍给出按先写的一项算出的结果，但标明“不可靠”，退出状态为 1。\
            文件其他地方的错误不影响这条规则，只提示个数。请先改正规则，再计算。",
        fires: "policyc calc 有重叠的方案.policy 改造补贴 4万元",
        silent: "policyc calc 方案.policy 改造补贴 4万元",
    },
    CodeInfo {
        code: "E0711",
        severity: Severity::Warning,
        title: "calc：名册的补贴合计超过预算",
        explanation: "--budget 指定政策文件中的一个金额（如 总投资），名册的补贴合计超过了它；这个金额有按资金来源的分项\
            （总投资.中央）时，还把同名资金来源的补贴合计与分项比较。超出时报告超出的数额，退出状态为 1；\
            名册只是部分农户时，超出说明预算不够。路径不是文件中以元计的数时也报告这一代码。",
        fires: "policyc calc 方案.policy 补助 --roster 名册.csv --budget 总投资（名册合计超过总投资）",
        silent: "policyc calc 方案.policy 补助 --roster 名册.csv --budget 总投资（未超出）",
    },
    CodeInfo {
        code: "E0900",
        severity: Severity::Error,
        title: "内部错误",
        explanation: "某项检查，或读取、整理某个文件的某个阶段，在运行中意外中止。这是 policyc 自身的缺陷，不是政策文件的问题；\
            一项检查中止时其余检查照常进行，结果仍然有效；读取或整理一个文件时中止，这个文件的其余问题无法报告，\
            同一次运行中的其他文件照常处理。请把政策文件和这条消息报告给 policyc 的维护者。",
        fires: "（无法用政策文件稳定地触发）",
        silent: "指标 户数：460户",
    },
    CodeInfo {
        code: "O401",
        severity: Severity::Warning,
        title: "任务没有牵头单位",
        explanation: "每项任务应有一个对它负总责的牵头单位。只写了责任单位、实施单位或配合单位的任务仍然没有牵头单位：\
            有几个单位却没有牵头单位，或者一个单位也没写，按警告报告；\
            只有一个责任单位（或实施单位）的，例如职责分工式的条目，这个单位就是牵头单位，不报告；\
            承担任务的都是集合单位（两镇、各街道办事处）的，各自对本辖区负责，通常不设牵头单位，也不报告；\
            正文中按“一是……二是……”列举的条目（编号、标题或内容以“一是”“二是”开头）是一段话中的分项，\
            由上下文交代责任，没有写任何单位时不报告。\
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
        code: "O407",
        severity: Severity::Warning,
        title: "成员的姓名或职务写法有误",
        explanation: "领导小组的成员写作“角色：姓名｜职务”。这一行“｜”前是空的（`成员：｜县财政局局长`），\
            或者姓名的位置写的是职务而没有“｜”（`成员：县财政局局长`）：职务以已声明的单位开头而后面还有字，\
            或以局长、主任、书记、区长等职衔结尾，都不是人名。\
            policyc 把这两种写法都读作“职务，未列姓名”，职务中的单位照常算作领导小组的成员单位（O404 不会因此误报），\
            并在这里报告一次（不再重复报告 O403）。原文未列姓名时请写作“成员：（未列姓名）｜县财政局局长”，原文有姓名就补上。",
        fires: include_str!("../../tests/fixtures/checks/O407-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/O407-silent.policy"),
    },
    CodeInfo {
        code: "O408",
        severity: Severity::Warning,
        title: "办公室与小组成员不符",
        explanation: "领导小组的办公室由小组统一领导，通常设在一个成员单位，由一名成员兼任主任。\
            两种不符在这里报告：办公室设在某单位，而小组（含其工作组）成员中没有这个单位的人——\
            成员所属单位按职务开头的单位名称确定（区住建局局长 → 区住建局），办公室自己的工作人员也算，按警告报告；\
            办公室主任写了姓名，而小组成员中没有此人：写明“兼任”的按警告（兼任者应是成员），\
            没有写明的只作提示。集合单位不检查。请核对办公室所在单位和主任的姓名是否与成员名单一致。",
        fires: include_str!("../../tests/fixtures/checks/O408-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/O408-silent.policy"),
    },
    CodeInfo {
        code: "O409",
        severity: Severity::Note,
        title: "成员职务中的单位未声明",
        explanation: "领导小组成员的职务以单位名称开头（王五｜县教育局局长），这个单位却没有在“单位 { … }”中声明，\
            与声明的单位名称也互不包含。成员所属的单位按职务开头的单位名称确定，没有声明的单位无法与任务的承担单位（O404）\
            和办公室所在单位（O408）比较，这些检查对它就不起作用。每个小组报告一次，列出这些单位。\
            只看以局、委、办、中心、公司、街道、办事处等结尾的单位名称；人民政府（组长常是县长）和集合（各乡镇、两镇）不检查；\
            文件没有声明任何单位时不检查。请在“单位”中声明它们（通知说明了简称的写作别称），或核对职务中的单位名称是否写错。",
        fires: include_str!("../../tests/fixtures/checks/O409-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/O409-silent.policy"),
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
    CodeInfo {
        code: "R304",
        severity: Severity::Error,
        title: "例子与规则不符",
        explanation: "规则中的“例：”写出一户的输入和通知说它应得的补贴（例：3.9万元 → 1.95万元；几个输入用“、”连写：\
            例：3.9万元、80平方米 → 2400元；不补贴的写作 → 不予补贴）。检查按 policyc calc 的算法，用精确小数计算每个例子：\
            规则给出的数与例子不同、单位不同，或这个输入无法计算（不在任何条件之内、缺少输入），都按错误报告，\
            并给出规则实际给出的数、适用的条件和算式。例子照抄通知原文时，多半是规则的条件或结果编码错了；\
            通知本身的例子算错了的，照原文保留并在注释中说明。",
        fires: include_str!("../../tests/fixtures/checks/R304-fires.policy"),
        silent: include_str!("../../tests/fixtures/checks/R304-silent.policy"),
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
            方案 示例 {
              指标 改造户数：460户 改造
            }

        示例（不触发）：
            方案 示例 {
              指标 改造户数：460户 「改造户数」
            }
        ");
        assert!(explain("X1").is_none());
    }
}
